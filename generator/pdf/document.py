"""What the PDF prints, prepared without WeasyPrint: article HTML made fit for one
document, the page geometry, the gate every fetched file passes, the font check.

Kept apart from `pdf.py` so all of it can be tested (and imported) without
paying for WeasyPrint's import.
"""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path
from typing import Mapping
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

from generator.errors import Report
from generator.content.model import PdfOptions
from generator.paths import UnsafePath, is_inside, resolve_inside

FONT_PACKAGE = "fonts-noto-cjk"
# Page widths in mm of the paper names site.yml accepts (CSS Paged Media names).
PAPER_WIDTH_MM = {"A3": 297.0, "A4": 210.0, "A5": 148.0, "B5": 176.0, "letter": 215.9}
BODY_PT = 10.5           # 五号字, the body size of Chinese periodicals
MIN_MARGIN_MM = 22.0
_ATTR = re.compile(r'(?<=\s)(id|href|src)="([^"]*)"')


class Refused(Exception):
    """A URL the PDF may not read; the message is for the editor."""


@functools.lru_cache(maxsize=1)
def cjk_font_installed() -> bool:
    """Without a CJK font WeasyPrint prints boxes (tofu) and says nothing; ask fontconfig."""
    if shutil.which("fc-list") is None:
        return True   # no fontconfig tool to ask: let WeasyPrint (which needs fontconfig) try
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


def missing_font_message() -> str:
    return (f"pdf: no Chinese (CJK) font is installed, the PDF would print empty boxes; install the "
            f"Debian package {FONT_PACKAGE} (sudo apt-get install {FONT_PACKAGE}) or build with --no-pdf")


def page_css(pdf: PdfOptions) -> str:
    """The @page rule site.yml decides: paper, bleed, crop marks, and the side margins.

    WeasyPrint justifies only at spaces, so a Chinese line (no spaces) would end
    ragged. Every CJK glyph is 1 em wide: a text block an exact number of em wide
    makes plain Chinese lines end flush without help.
    """
    width = PAPER_WIDTH_MM.get(pdf.paper, 210.0)
    em_mm = BODY_PT * 25.4 / 72
    chars = int((width - 2 * MIN_MARGIN_MM) // em_mm)
    side = (width - chars * em_mm) / 2
    rules = [f"size: {pdf.paper}", f"margin-left: {side:.2f}mm", f"margin-right: {side:.2f}mm"]
    if float(pdf.bleed.removesuffix("mm")) > 0:
        rules += [f"bleed: {pdf.bleed}", "marks: crop"]
    return "@page { " + "; ".join(rules) + " }\n"


def prepare_body(html: str, page_url: str, prefix: str, origins: dict[str, Path], source: Path) -> str:
    """One article's HTML made fit for a document shared with all the others.

    Its relative URLs were written for the article's web page: they become absolute
    (links then point at the published site; images are served from the build by
    the `Gate`). Its ids get a prefix, so two essays' "一、背景" anchors stay
    distinct. Every image URL remembers its article, so a refusal can name it.
    """
    def fix(m: re.Match) -> str:
        name, value = m.group(1), unescape(m.group(2))
        if name == "id":
            return f'id="{escape(prefix + value)}"'
        if value.startswith("#"):
            return f'{name}="#{escape(prefix + value[1:])}"'
        if not value:
            return m.group(0)
        absolute = urljoin(page_url, value)
        if name == "src":
            origins.setdefault(absolute, source)
        return f'{name}="{escape(absolute)}"'
    return mark_wide_tables(_ATTR.sub(fix, html))


_TABLE = re.compile(r"<table([^>]*)>(.*?</tr>)", re.S)
WIDE, VERY_WIDE = 7, 11   # columns: from here type gets smaller on paper (print.css)


def mark_wide_tables(html: str) -> str:
    """On the web a wide table scrolls sideways; on paper its right-hand columns would be
    cut off. Tables with many columns (counted in their first row) get a class for
    smaller type, and print.css lets their cells break anywhere."""
    def mark(m: re.Match) -> str:
        columns = len(re.findall(r"<t[hd][\s>]", m.group(2)))
        kind = "very-wide" if columns >= VERY_WIDE else "wide" if columns >= WIDE else ""
        if not kind:
            return m.group(0)
        attrs = m.group(1)
        attrs = attrs.replace('class="', f'class="{kind} ', 1) if 'class="' in attrs else f'{attrs} class="{kind}"'
        return f"<table{attrs}>{m.group(2)}"
    return _TABLE.sub(mark, html)


@dataclass
class Gate:
    """Serves the files the PDF may print, and nothing else.

    URLs under the site's address are the build's own output (images, chart
    SVGs: `assets`, output path → bytes or file), or else files of the issue
    folders. file: URLs are served only inside the content tree and the theme.
    The network is never asked. Every refusal becomes a content error naming
    the article that asked (or the theme, for its stylesheet).
    """

    site_url: str
    roots: tuple[Path, ...]                      # content folder first, then the theme folders
    assets: Mapping[str, bytes | Path]
    report: Report
    fallback: Path                               # who is blamed when no article asked
    origins: dict[str, Path] = field(default_factory=dict)

    def read(self, url: str) -> bytes:
        try:
            return self._read(url)
        except Refused as exc:
            self.report.error(self.origins.get(url, self.fallback), None, f"PDF: {exc}")
            raise

    def _read(self, url: str) -> bytes:
        if url.startswith(self.site_url):
            return self._output_file(unquote(urlsplit(url).path[len(urlsplit(self.site_url).path):]), url)
        if url.startswith("file:"):
            path = Path(url2pathname(urlsplit(url).path))
            if any(is_inside(root, path) for root in self.roots) and path.is_file():
                return path.read_bytes()
        raise Refused(f"refused to read '{url}': a PDF prints only files inside the content folder "
                      "and the theme, never from the network")

    def _output_file(self, rel: str, url: str) -> bytes:
        found = self.assets.get(rel)
        if isinstance(found, bytes):
            return found
        if isinstance(found, Path) and any(is_inside(root, found) for root in self.roots):
            return found.read_bytes()
        try:   # an issue's images are copied to the same path in the output
            path = resolve_inside(self.roots[0], rel)
        except UnsafePath as exc:
            raise Refused(f"refused to read '{url}': {exc}") from None
        if rel.startswith("issues/") and path.is_file():
            return path.read_bytes()
        raise Refused(f"'{url}' is not a file of this build (the image or chart it names does not exist)")


_NOTE_ITEM = re.compile(r'<li id="([^"]+)" class="footnote-item">(.*?)</li>\n', re.S)
_NOTE_BLOCK = re.compile(r'<hr class="footnotes-sep" />\n<section class="footnotes">.*?</section>\n', re.S)
# A call with the character before it and the closing punctuation after it: they are kept on
# one line (a line must not start with "。", nor with a note number).
_NOTE_REF = re.compile(r'([^\s<>])?<sup class="footnote-ref"><a href="#([^"]+)" id="[^"]+">\[(\d+)\]</a></sup>'
                       r'([，。、；：？！）」》’”,.;:?!)]*)')
_BACKREF = re.compile(r'\s*<a href="#[^"]+" class="footnote-backref"[^>]*>[^<]*</a>')


def page_footnotes(html: str) -> str:
    """Endnotes (as Markdown renders them) → footnotes at the foot of the page:
    each note's text moves to where it is called, in a span that print.css floats
    to the page foot (`float: footnote`). A note called twice is printed once."""
    notes = {m.group(1): _note_text(m.group(2)) for m in _NOTE_ITEM.finditer(html)}
    html = _NOTE_BLOCK.sub("", html)
    placed: set[str] = set()

    def call(m: re.Match) -> str:
        before, target, number, after = m.group(1) or "", m.group(2), m.group(3), m.group(4)
        if target in placed or target not in notes:
            note = f'<sup class="footnote-again">{number}</sup>'
        else:
            placed.add(target)
            note = f'<span class="footnote" id="{target}">{notes[target]}</span>'
        return f'<span class="footnote-glue">{before}{note}{after}</span>' if before or after else note
    return _NOTE_REF.sub(call, html)


def _note_text(item: str) -> str:
    text = _BACKREF.sub("", item).strip()
    text = re.sub(r"</p>\s*<p>", "<br>", text)
    return re.sub(r"^<p>|</p>$", "", text)
