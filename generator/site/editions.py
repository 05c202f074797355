"""The email and WeChat editions: when they are made, and what is done to their templates'
output (a page's `finish`): CSS inlined with a real inliner, the email's size held under
what Gmail shows whole, its text part tidied, the whole message assembled as MIME.

Each is a page of `plan_pages`, so the one rule of the incremental layer decides when it is
made again; a finish step is a pure function of the page's bytes and values.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from generator.content.addresses import placeholder_host
from generator.errors import Report
from generator.i18n import labels_for
from generator.incremental.hashing import digest

if TYPE_CHECKING:
    from generator.content.settings import Site
    from generator.site.pages import Page
    from generator.site.views import IssueView

EMAIL_LIMIT = 102 * 1024     # Gmail clips a message's HTML past this ("[Message clipped]")
Render = Callable[[str], "tuple[bytes | None, tuple]"]   # another template, same values → bytes, reads


def editions_refused(base_url: str) -> str | None:
    """Why the site's address cannot be the one the editions point at, or None. An email and a
    WeChat article are read away from the site: every image and link in them is a whole
    https:// address, which a placeholder would make dead in every reader's inbox."""
    if urlsplit(base_url).scheme != "https":
        return f"base_url {base_url} is not an https:// address (mail programs warn of or block http:// images)"
    if host := placeholder_host(base_url):
        return f"base_url {base_url} is a placeholder ({host} is no published address)"
    return None


def edition_notes(site: Site) -> tuple[str, ...]:
    """The build summary's lines when the editions, or the email message, are not made."""
    reason = editions_refused(site.base_url)
    if reason is not None:
        return (f"email and WeChat editions not made: {reason}; set the published address as base_url "
                "in site.yml, or build with --base-url",)
    if not site.email.sender:
        return ("email.eml not made: site.yml has no email: {from: …} to send it from "
                "(email.html and email.txt are made)",)
    return ()


def email_sizes(pages: list[Page], files: Mapping[str, object], out: Path) -> tuple[tuple[str, int], ...]:
    """The size of each email edition's HTML, for the build summary (Gmail clips past 102 KB):
    its bytes, or the file a page worker wrote into `out`."""
    return tuple((page.path, len(made) if isinstance(made, bytes) else (out / page.path).stat().st_size)
                 for page in pages if page.finish == "email-html" and (made := files.get(page.path)) is not None)


def draft_subject(site: Site, view: IssueView) -> str:
    """The email's subject: the publication and the issue, marked 草稿/DRAFT if it shows a draft."""
    subject = f"{site.title} · {view.issue.title}"
    return f"[{labels_for(view.issue.language)['draft']}] {subject}" if view.draft else subject


def finish_page(page: Page, data: bytes, render: Render, report: Report) -> tuple[bytes | None, tuple]:
    """A page's template output made into the file (`page.finish`); `render` renders another
    template with the page's values (the message's text part). → bytes, and what it read."""
    if page.finish == "email-html":
        html = inline_css(data, keep_at_rules=True)
        check_size(page, html, report)
        return html, ()
    if page.finish == "email-text":
        return tidy_text(data), ()
    if page.finish == "email-eml":
        text, reads = render("email.txt")
        if text is None:
            return None, reads
        return mime_message(page.values, tidy_text(text), inline_css(data, keep_at_rules=True)), reads
    if page.finish == "wechat":
        return inline_css(data, keep_at_rules=False), ()
    return data, ()


def inline_css(html: bytes, keep_at_rules: bool) -> bytes:
    """Every rule of the page's <style> written into the style= of each element it selects, the
    <style> removed; with `keep_at_rules`, the media queries (a phone's width, dark mode), which
    no style= can hold, stay in one <style>. Nothing is fetched (no <link>ed stylesheet)."""
    import css_inline
    inliner = css_inline.CSSInliner(keep_at_rules=keep_at_rules, load_remote_stylesheets=False, minify_css=True)
    return inliner.inline(html.decode("utf-8")).encode("utf-8")


def tidy_text(data: bytes) -> bytes:
    """The text part as plain-text readers want it: no spaces at line ends, never two blank lines
    in a row (a template's conditionals leave them), one line end at the end."""
    lines = [line.rstrip() for line in data.decode("utf-8").splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return ("\n".join(out).strip("\n") + "\n").encode("utf-8")


def check_size(page: Page, html: bytes, report: Report) -> None:
    """Over Gmail's limit: an error naming the largest parts of the email, to trim."""
    if len(html) <= EMAIL_LIMIT:
        return
    view = page.values["view"]
    parts = sorted(part_sizes(html), key=lambda p: -p[1])[:3]
    biggest = ", ".join(f"{name} {size / 1024:.0f} KB" for name, size in parts)
    report.error(view.issue.folder / "issue.yml", None,
                 f"the email edition ({page.path}) is {len(html) / 1024:.0f} KB, over the {EMAIL_LIMIT // 1024} KB "
                 f"Gmail shows before it cuts a message off; the largest parts: {biggest}. Shorten summaries "
                 "(summary: in the front matter) or the 引言, or move articles to another issue")


class _Parts(HTMLParser):
    """Where each element marked data-part="…" starts, in characters of the document."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.starts: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = dict(attrs).get("data-part")
        if name:
            line, column = self.getpos()
            self.starts.append((name, self.line_starts[line - 1] + column))


def part_sizes(html: bytes) -> list[tuple[str, int]]:
    """(part, bytes) for each marked part: from its start to the next part's."""
    text = html.decode("utf-8")
    parser = _Parts(text)
    parser.feed(text)
    ends = [start for _, start in parser.starts[1:]] + [len(text)]
    return [(name, len(text[start:end].encode("utf-8")))
            for (name, start), end in zip(parser.starts, ends, strict=True)]


def mime_message(values: dict[str, Any], text: bytes, html: bytes) -> bytes:
    """multipart/alternative, the text first (mail programs show the last part they can): UTF-8,
    base64 (lines of the HTML are longer than SMTP's 998). The same content gives the same bytes:
    the Date is the issue's, the boundary and Message-ID come from the content."""
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime
    site, view = values["site"], values["view"]
    content = digest(text, html)
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = values["subject"]
    if site.email.sender:
        msg["From"] = site.email.sender
    if site.email.reply_to:
        msg["Reply-To"] = site.email.reply_to
    noon = dt.datetime.combine(view.issue.date, dt.time(12), dt.timezone(dt.timedelta(hours=8)))
    msg["Date"] = format_datetime(noon)
    msg["Message-ID"] = f"<{view.issue.id}.{content[:20]}@{urlsplit(site.base_url).hostname}>"
    if site.email.unsubscribe:
        msg["List-Unsubscribe"] = f"<{site.email.unsubscribe}>"
    msg.set_content(text.decode("utf-8"), subtype="plain", charset="utf-8", cte="base64")
    msg.add_alternative(html.decode("utf-8"), subtype="html", charset="utf-8", cte="base64")
    msg.set_boundary(f"==bulletin-{content}")
    return msg.as_bytes()
