"""What the PDF prints, prepared without WeasyPrint: the page geometry, the gate every
fetched file passes, the font check. (The bodies are written for the PDF by their
render rules: `markdown/flavors.py`, `pdf/printed.py`.)

Kept apart from `pdf.py` so all of it can be tested (and imported) without
paying for WeasyPrint's import.
"""
from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from generator.content.settings import PdfOptions
from generator.errors import Report
from generator.figures.svg import svg_problem
from generator.paths import UnsafePath, is_inside, resolve_inside

FONT_PACKAGE = "fonts-noto-cjk"
# Page widths in mm of the paper names site.yml accepts (CSS Paged Media names).
PAPER_WIDTH_MM = {"A3": 297.0, "A4": 210.0, "A5": 148.0, "B5": 176.0, "letter": 215.9}
BODY_PT = 10.5           # 五号字, the body size of Chinese periodicals
BRIEF_PT = 10.0          # briefs, set in two columns (print.css)
MIN_MARGIN_MM = 22.0


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
    """The @page rule site.yml decides: paper, the side margins, and bleed and crop marks
    when it names a bleed (else the theme's print.css decides: a cover coloured to the
    paper's edge needs a bleed, the default theme's 3 mm; `bleed: 0mm` turns it off).

    WeasyPrint justifies only at spaces, so a Chinese line (no spaces) would end
    ragged. Every CJK glyph is 1 em wide: a text block an exact number of em wide
    makes plain Chinese lines end flush without help.
    """
    width = PAPER_WIDTH_MM.get(pdf.paper, 210.0)
    em_mm = BODY_PT * 25.4 / 72
    chars = int((width - 2 * MIN_MARGIN_MM) // em_mm)
    side = (width - chars * em_mm) / 2
    rules = [f"size: {pdf.paper}", f"margin-left: {side:.2f}mm", f"margin-right: {side:.2f}mm"]
    if pdf.bleed is not None:
        rules += [f"bleed: {pdf.bleed}", "marks: crop" if float(pdf.bleed.removesuffix("mm")) > 0 else "marks: none"]
    columns = f".kind-brief > .section-body {{ column-gap: {brief_gap(chars)}pt }}\n"
    return "@page { " + "; ".join(rules) + " }\n" + columns


def brief_gap(chars: int) -> float:
    """The gap between two columns of briefs (10 pt type) on a text block `chars` body characters
    wide: at least 1.6 em, and what makes each column a whole number of characters."""
    width = chars * BODY_PT
    column = int((width - 16) / 2 // BRIEF_PT) * BRIEF_PT
    return round(width - 2 * column, 2)


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
            rel = unquote(urlsplit(url).path[len(urlsplit(self.site_url).path):])
            data, source = self._output_file(rel, url)
            return self._checked(rel, data, source)
        if url.startswith("file:"):
            path = Path(url2pathname(urlsplit(url).path))
            if any(is_inside(root, path) for root in self.roots) and path.is_file():
                return self._checked(url, path.read_bytes(), path)
        raise Refused(f"refused to read '{url}': a PDF prints only files inside the content folder "
                      "and the theme, never from the network")

    def _output_file(self, rel: str, url: str) -> tuple[bytes, Path | None]:
        """The file's bytes, and the file they were read from (None: made by the build)."""
        found = self.assets.get(rel)
        if isinstance(found, bytes):
            return found, None
        if isinstance(found, Path) and any(is_inside(root, found) for root in self.roots):
            return found.read_bytes(), found
        try:   # an issue's images are copied to the same path in the output
            path = resolve_inside(self.roots[0], rel)
        except UnsafePath as exc:
            raise Refused(f"refused to read '{url}': {exc}") from None
        if rel.startswith("issues/") and path.is_file():
            return path.read_bytes(), path
        raise Refused(f"'{url}' is not a file of this build (the image or chart it names does not exist)")

    def _checked(self, name: str, data: bytes, source: Path | None) -> bytes:
        """A content SVG passes the site's check on every road into the PDF (site.yml's `about`
        names files no article checked): WeasyPrint would fetch what it names."""
        content_svg = source is not None and source.suffix.lower() == ".svg" and is_inside(self.roots[0], source)
        if content_svg and (problem := svg_problem(data)):
            raise Refused(f"refused to print '{name}': it {problem}")
        return data
