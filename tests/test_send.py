"""`bulletin send`: a real process sends the built email.eml to a real SMTP server (aiosmtpd)
started by the test; what arrives is email.eml byte for byte, the envelope aside."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.test_editions import BASE, EMAIL_BLOCK

pytestmark = pytest.mark.slow


class Inbox:
    """aiosmtpd's handler: keeps every message it is given, with its envelope."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):   # aiosmtpd calls it by this name
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def smtp_server():
    controller_module = pytest.importorskip("aiosmtpd.controller", reason="pip install -e '.[test]'")
    inbox = Inbox()
    port = free_port()
    controller = controller_module.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture()
def built(site_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    yml = site_copy / "site.yml"
    yml.write_text(yml.read_text("utf-8") + EMAIL_BLOCK, "utf-8")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-pdf", "--no-search",
                   "--base-url", BASE)
    assert done.returncode == 0, done.stderr
    return site_copy, out


def send(content: Path, out: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`bulletin send` as a process of its own, as an editor runs it."""
    return subprocess.run([sys.executable, "-m", "generator", "send", "--content", str(content), "--out", str(out),
                           *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_the_message_received_is_email_eml_byte_for_byte(built, smtp_server):
    content, out = built
    inbox, port = smtp_server
    done = send(content, out, "2024-q3", "--to", "a@tanqiao.org", "--to", "Reader B <b@tanqiao.org>",
                "--smtp", f"127.0.0.1:{port}")
    assert done.returncode == 0, done.stderr
    eml = (out / "issues/2024-q3/email.eml").read_bytes()
    [(sender, recipients, data)] = inbox.received
    assert sender == "bulletin@tanqiao.org" and recipients == ["a@tanqiao.org", "b@tanqiao.org"]
    assert data.rstrip(b"\r\n") == eml.rstrip(b"\r\n")   # SMTP's DATA ends the message with its own line end
    assert done.stdout.strip() == (f"sent {out}/issues/2024-q3/email.eml (碳桥 · 2024年第三季度, {len(eml):,} bytes) "
                                   f"from bulletin@tanqiao.org to a@tanqiao.org, b@tanqiao.org via 127.0.0.1:{port}")


def test_from_sets_the_envelope_sender_only(built, smtp_server):
    content, out = built
    inbox, port = smtp_server
    done = send(content, out, "2024-q2", "--to", "a@tanqiao.org", "--smtp", f"127.0.0.1:{port}",
                "--from", "bounces@tanqiao.org")
    assert done.returncode == 0, done.stderr
    [(sender, _, data)] = inbox.received
    assert sender == "bounces@tanqiao.org" and b"From: =?utf-8?b?56Kz5qGl?= <bulletin@tanqiao.org>" in data


def test_a_draft_is_refused_without_drafts_and_nothing_is_sent(built, smtp_server, tmp_path: Path):
    content, out = built
    inbox, port = smtp_server
    yml = content / "issues/2024-q3/issue.yml"
    yml.write_text(yml.read_text("utf-8") + "draft: true\n", "utf-8")
    done = send(content, out, "2024-q3", "--to", "a@tanqiao.org", "--smtp", f"127.0.0.1:{port}")
    assert done.returncode == 2 and not inbox.received
    assert done.stderr.strip() == ("bulletin send: 2024-q3 is a draft (draft: true in issue.yml); build and send it "
                                   "with --drafts to test-read it")
    drafts = tmp_path / "drafts"
    assert run_cli("build", "--content", str(content), "--out", str(drafts), "--no-pdf", "--no-search", "--drafts",
                   "--base-url", BASE).returncode == 0
    done = send(content, drafts, "2024-q3", "--to", "a@tanqiao.org", "--smtp", f"127.0.0.1:{port}", "--drafts")
    assert done.returncode == 0 and "[草稿]" in done.stdout and len(inbox.received) == 1


def test_what_cannot_be_sent_is_one_line_and_never_a_traceback(built, smtp_server, tmp_path: Path):
    content, out = built
    _, port = smtp_server
    closed = free_port()
    cases = [
        (("2024-q3", "--to", "a@tanqiao.org", "--smtp", f"127.0.0.1:{closed}"), 1, "cannot reach the SMTP server"),
        (("2024-q3", "--to", "not an address", "--smtp", f"127.0.0.1:{port}"), 2, "--to: expected an address"),
        (("2024-q9", "--to", "a@tanqiao.org", "--smtp", f"127.0.0.1:{port}"), 2, "no issue '2024-q9'"),
        (("2024-q3", "--to", "a@tanqiao.org", "--smtp", "127.0.0.1:99999"), 2, "--smtp: expected HOST or HOST:PORT"),
    ]
    for args, code, message in cases:
        done = send(content, out, *args)
        assert (done.returncode, done.stderr.count("\n")) == (code, 1) and message in done.stderr, done.stderr
    done = send(content, tmp_path / "nothing", "2024-q3", "--to", "a@tanqiao.org", "--smtp", f"127.0.0.1:{port}")
    assert done.returncode == 1 and "no email edition of 2024-q3" in done.stderr
    # a password goes over an encrypted connection only (this machine aside)
    done = send(content, out, "2024-q3", "--to", "a@tanqiao.org", "--smtp", "smtp.tanqiao.org",
                env={"BULLETIN_SMTP_USER": "u", "BULLETIN_SMTP_PASSWORD": "p"})
    assert done.returncode == 2 and "add --starttls" in done.stderr
    assert run_cli("send", "2024-q3", "--smtp", "x").returncode == 2    # --to is required


def test_language_sends_that_languages_email_edition(bilingual_site: Path, smtp_server, tmp_path: Path):
    yml = bilingual_site / "site.yml"
    yml.write_text(yml.read_text("utf-8") + EMAIL_BLOCK, "utf-8")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(bilingual_site), "--out", str(out), "--no-pdf", "--no-search",
                   "--base-url", BASE)
    assert done.returncode == 0, done.stderr
    inbox, port = smtp_server
    done = send(bilingual_site, out, "2024-q3", "--to", "a@tanqiao.org", "--smtp", f"127.0.0.1:{port}",
                "--language", "en")
    assert done.returncode == 0, done.stderr
    [(_, _, data)] = inbox.received
    assert data.rstrip(b"\r\n") == (out / "en/issues/2024-q3/email.eml").read_bytes().rstrip(b"\r\n")
    done = send(bilingual_site, out, "2024-q3", "--to", "a@tanqiao.org", "--smtp", f"127.0.0.1:{port}",
                "--language", "fr")
    assert done.returncode == 2 and done.stderr.strip() == (
        "bulletin send: --language: fr is not one of the site's languages (zh-CN, en)")
    assert len(inbox.received) == 1
