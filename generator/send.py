"""`bulletin send ISSUE --to ADDR --smtp HOST[:PORT]`: the issue's email.eml, as the last build
wrote it, sent to a few addresses for a test read. The message goes as it is (the envelope
aside); the user name and password come from the environment, never from the command line,
where any other user of the machine could read them."""
from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import default
from email.utils import parseaddr
from pathlib import Path

from generator.content.addresses import email_address_problem
from generator.site import urls

USER, PASSWORD = "BULLETIN_SMTP_USER", "BULLETIN_SMTP_PASSWORD"
_LOCAL = ("localhost", "127.0.0.1", "::1")


class SendError(Exception):
    """Why nothing was sent; `code` is the exit status (1: it failed, 2: it was misused)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    starttls: bool

    def __str__(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"{shown}:{self.port}" + (" (STARTTLS)" if self.starttls else "")


def parse_server(text: str, starttls: bool) -> Server:
    """HOST, HOST:PORT, [IPv6]:PORT; without a port, 587 with STARTTLS and 25 without."""
    host, port = text, ""
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest.removeprefix(":")
    elif text.count(":") == 1:
        host, port = text.split(":")
    if not host or (port and not (port.isdigit() and 0 < int(port) < 65536)):
        raise SendError(f"--smtp: expected HOST or HOST:PORT, got '{text}'", 2)
    return Server(host, int(port) if port else (587 if starttls else 25), starttls)


def checked_addresses(addresses: list[str], option: str) -> list[str]:
    for address in addresses:
        if email_address_problem(address):
            raise SendError(f"{option}: expected an address like editor@example.org, got '{address}'", 2)
    return [parseaddr(a)[1] for a in addresses]


def language_edition(content: Path, language: str | None) -> str:
    """'' for the default language's edition, 'en' for English's; SendError for a language the
    site is not published in."""
    if language is None:
        return ""
    from generator.content.config import load_site
    from generator.errors import Report
    site = load_site(content, Report())
    languages = site.all_languages if site else ()
    if language not in languages:
        raise SendError(f"--language: {language} is not one of the site's languages ({', '.join(languages)})", 2)
    return "" if language == languages[0] else language


def draft_reason(content: Path, issue_id: str) -> str | None:
    """Why the issue is a draft (draft: true in issue.yml, or an article of it), or None. The
    content is read as the build reads it; its other problems are the build's to report."""
    from generator.content.config import load_site
    from generator.content.publication import load_publication
    from generator.content.schedule import Selection
    from generator.errors import Report
    report = Report()
    site = load_site(content, report)
    if site is None:
        return None
    issue = next((i for i in load_publication(site, report, Selection(drafts=True)).issues if i.id == issue_id), None)
    if issue is None:
        raise SendError(f"no issue '{issue_id}' in {content}/issues/", 2)
    if issue.draft:
        return f"{issue_id} is a draft (draft: true in issue.yml)"
    drafts = [a.source.path.name for a in issue.articles if a.meta.draft]
    return f"{issue_id} shows draft articles ({', '.join(drafts[:3])})" if drafts else None


def send_issue(content: Path, out: Path, issue_id: str, to: list[str], smtp: str, starttls: bool,
               sender: str | None, drafts: bool, language: str | None = None) -> str:
    """Send the message (`language`: its edition in that language of the site); → the line saying
    what was sent. SendError: nothing was sent."""
    server = parse_server(smtp, starttls)
    recipients = checked_addresses(to, "--to")
    reason = draft_reason(content, issue_id)
    if reason and not drafts:
        raise SendError(f"{reason}; build and send it with --drafts to test-read it", 2)
    eml = out / urls.email_path(issue_id, "eml", language_edition(content, language))
    try:
        raw = eml.read_bytes()
    except OSError:
        raise SendError(f"no email edition of {issue_id} at {eml}: run `bulletin build{' --drafts' if drafts else ''}` "
                        "first (it needs the published address as base_url and email: {from: …} in site.yml)") from None
    message = message_from_bytes(raw, policy=default)
    envelope = checked_addresses([sender], "--from")[0] if sender else parseaddr(str(message["From"] or ""))[1]
    if not envelope:
        raise SendError("no sender: give --from ADDR (the message has no From)", 2)
    deliver(server, envelope, recipients, raw)
    return (f"sent {eml} ({message['Subject']}, {len(raw):,} bytes) from {envelope} to {', '.join(recipients)} "
            f"via {server}")


def deliver(server: Server, envelope: str, recipients: list[str], raw: bytes) -> None:
    user, password = os.environ.get(USER), os.environ.get(PASSWORD)
    if bool(user) != bool(password):
        raise SendError(f"set both {USER} and {PASSWORD}, or neither", 2)
    if user and not server.starttls and server.host not in _LOCAL:
        raise SendError(f"a password is sent only over an encrypted connection: add --starttls (or unset {USER})", 2)
    try:
        with smtplib.SMTP(server.host, server.port, timeout=30) as smtp:
            if server.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if user and password:
                smtp.login(user, password)
            refused = smtp.sendmail(envelope, recipients, raw)
    except smtplib.SMTPException as exc:
        raise SendError(f"the SMTP server {server} refused: {exc}") from None
    except (OSError, ssl.SSLError) as exc:
        raise SendError(f"cannot reach the SMTP server {server}: {exc.strerror or exc}") from None
    if refused:
        raise SendError(f"the SMTP server {server} refused {', '.join(refused)}")
