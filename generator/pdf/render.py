"""The print quarterly: each issue as one HTML document (the theme's print/
templates) laid out by WeasyPrint into a PDF.

WeasyPrint takes ~0.5 s to import: it is imported inside the functions that
use it, and `build.py` imports this module only when a PDF is to be made.
"""
from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator.content.config import DEFAULT_THEME, theme_folders
from generator.content.settings import Section, Site
from generator.errors import Report
from generator.pdf.document import Gate, cjk_font_installed, missing_font_message, page_css
from generator.site.views import ArticleView, IssueView

if TYPE_CHECKING:
    from generator.pdf.printed import BodyPrinter


@dataclass(frozen=True)
class PrintArticle:
    art: ArticleView
    anchor: str      # the id the table of contents links to
    html: str        # the body, written for the shared document (the print flavor)
    wide: bool = False   # a table, a chart, an image or code: set across the columns of briefs


def render_issue_pdfs(pub, views: tuple[IssueView, ...], report: Report,
                      assets: Mapping[str, bytes | Path] | None = None) -> dict[str, bytes]:
    """{output path: PDF} for each view. `assets` are the build's output files
    (images, chart SVGs) the bodies refer to; without them, images are read from
    the issue folders and charts are missing."""
    if report.problems:
        return {}   # the build stops after this stage anyway: do not spend seconds on a PDF
    site: Site = pub.site
    if not cjk_font_installed():
        report.error(site.root / "site.yml", None, missing_font_message())
        return {}
    from generator.pdf.printed import BodyPrinter
    from generator.site.templates import create_environment
    env = create_environment(site.theme, "print")
    printer = BodyPrinter(site, assets or {})
    out: dict[str, bytes] = {}
    for view in views:
        pdf = render_issue_pdf(env, site, view, printer, assets or {}, report)
        if pdf is not None and view.pdf_path:
            out[view.pdf_path] = pdf
    return out


def print_stylesheet(site: Site) -> Path:
    """The theme's print.css, or the default theme's (a theme may leave print/ out)."""
    own = site.theme / "print" / "print.css"
    return own if own.is_file() else DEFAULT_THEME / "print" / "print.css"


def render_issue_pdf(env, site: Site, view: IssueView, printer: BodyPrinter,
                     assets: Mapping[str, bytes | Path], report: Report) -> bytes | None:
    from generator.site.templates import page_context, render_template
    css = print_stylesheet(site)
    gate = Gate(site.base_url, (site.root, *theme_folders(site)), assets, report, css)
    values = document_values(site, view, printer, gate)
    values.update(css_url=css.resolve().as_uri(), page_css=page_css(site.pdf))
    context = page_context(view.pdf_path or view.path, view.issue.language, site.base_url, False, **values)
    html, _ = render_template(env, "issue.html", context, report)
    if html is None:
        return None
    import weasyprint

    from generator.pdf.justify import inter_character
    with theme_warnings(report, css), inter_character():
        document = weasyprint.HTML(string=html.decode("utf-8"), base_url=site.base_url + (view.pdf_path or ""),
                                   url_fetcher=gate_fetcher(gate))
        # pdf_identifier=True: the file ID is a hash of the content, so equal inputs give equal bytes.
        return document.write_pdf(pdf_variant=site.pdf.variant, pdf_identifier=True)


def document_values(site: Site, view: IssueView, printer: BodyPrinter, gate: Gate) -> dict:
    """What issue.html prints. Every body is written for the shared document here."""
    issue = view.issue
    sections: list[tuple[Section, list[PrintArticle]]] = []
    for section, arts in view.groups:
        printed = []
        for art in arts:
            anchor = f"art-{section.key}-{art.model.slug}"
            body = printer.article(issue, art.model, anchor + "-", gate)
            printed.append(PrintArticle(art, anchor, body.html, body.wide))
        sections.append((section, printed))
    tags = sorted({t.name for art in view.articles for t in art.tags})
    anchors = {p.art.path: p.anchor for _, printed in sections for p in printed}
    by_date = sorted(view.documents, key=lambda cited: (cited[0].document.date, cited[0].document.title))
    doc_index = tuple((ref, tuple(anchors[a.path] for a in arts)) for ref, arts in by_date)
    cover_url = site.base_url + view.cover_path if view.cover_path else None
    logo_url = site.logo.as_uri() if site.logo else None
    if logo_url:   # a refusal of the logo names site.yml
        gate.origins.setdefault(logo_url, site.root / "site.yml")
    if cover_url:   # a refusal of the cover names issue.yml, not the stylesheet
        gate.origins.setdefault(cover_url, issue.folder / "issue.yml")
    return {
        "site": site, "view": view, "issue": issue, "sections": sections, "keywords": tags, "doc_index": doc_index,
        "intro_html": printer.intro(issue, gate),
        "about_html": printer.about(gate),
        "cover_url": cover_url, "logo_url": logo_url,
        "created": issue.date.isoformat(),
        "publisher": site.publisher or site.title,
    }


def gate_fetcher(gate: Gate):
    """WeasyPrint's fetcher, asking the `Gate` instead of the network or the disk."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class GateFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            data = gate.read(url)
            kind = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, data, {"Content-Type": kind})

    return GateFetcher()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Errors are unreadable resources, which the Gate reports already; warnings are CSS/HTML syntax.
        if record.levelno == logging.WARNING:
            self.messages.append(record.getMessage())


@contextmanager
def theme_warnings(report: Report, stylesheet: Path) -> Iterator[None]:
    """WeasyPrint logs what it ignores (an unknown CSS property…): tell the theme's author."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        for message in dict.fromkeys(handler.messages):
            report.warn(stylesheet, None, f"PDF: {message}")
