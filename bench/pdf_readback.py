"""A built PDF read back line by line, as a compositor reads proofs.

    .venv/bin/python bench/pdf_readback.py FILE.pdf [--json OUT] [--list]

poppler's `pdftohtml -xml` gives every run of text with its place, size and font;
`pdftoppm` gives each page's ink. From them, per the rules of issue 23 (clreq, and
what a print designer signs off):

- **short lines**: a line of a justified paragraph (the body face, not its last line)
  that stops short of its column's right edge by more than `SHORT_PT`;
- **number splits**: a line break inside a number and its unit or a date
  (`2024 / 年`, `9月2 / 日`, `12.1个百分 / 点`): the pattern is generator/cjk.py's own
  `glued_spans`, and a digit that ends a line before a Chinese character starting the next;
- **bad breaks**: a line that starts with what clreq forbids there (`，` `。` `）` …, a
  footnote number) or ends with an opening bracket;
- **stranded headings**: a heading with fewer than two lines of text after it on its
  page, its text going on over the page;
- **sparse pages**: a page whose ink stops in the top quarter of the type area; those
  before a page that opens a section, a part or an essay are section ends (deliberate);
- **wide word spaces**: a line with a space between two Latin words (or numbers) wider
  than `WIDE_EM` of its type size, measured from poppler's word boxes
  (`pdftotext -bbox-layout`): a justified line stretched at its few spaces;
- **loose lines**: lines that read back spaced when text is copied out (`成 交 价`).

tests/test_sample.py holds the sample issue's PDF to the issue's targets.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cjk import NO_LINE_END, NO_LINE_START, glued_spans, is_cjk  # noqa: E402

ZOOM = 8                  # pdftohtml's zoom: its pixels are 3/4 of it a point (calibrated per page)
SHORT_PT = 1.5            # a justified line this much short of its column is ragged
FORCED = 0.4              # … and this share of its column short, it ended at a forced break
MM = 72 / 25.4
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 24, 22   # print.css: the type area, within the trim box
RAGGED = 0.5              # a column with more than this share of its lines short is set ragged
SPARSE = 0.25             # ink in less than this share of the type area's height
WIDE_EM = 0.5             # a word space this much of an em and more is stretched (Noto's is 0.23 em)
BOX_EM = 1.448            # the height of poppler's word box in em: Noto CJK's ascent and descent


@dataclass(frozen=True)
class Run:
    """A run of text in one font, as pdftohtml reads it (points, from the page's top left)."""
    top: float
    left: float
    width: float
    height: float
    size: float
    family: str
    bold: bool
    text: str

    @property
    def right(self) -> float:
        return self.left + self.width


@dataclass(frozen=True)
class Line:
    page: int                 # 1-based
    runs: tuple[Run, ...]

    @property
    def top(self) -> float:
        return min(r.top for r in self.runs)

    @property
    def bottom(self) -> float:
        return max(r.top + r.height for r in self.runs)

    @property
    def left(self) -> float:
        return self.runs[0].left

    @property
    def right(self) -> float:
        return self.runs[-1].right

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def main(self) -> Run:
        """The run that sets the line's face: the widest."""
        return max(self.runs, key=lambda r: r.width)

    @property
    def size(self) -> float:
        return self.main.size

    @property
    def serif(self) -> bool:
        return "serif" in self.main.family.lower()

    @property
    def heading(self) -> bool:
        """Bold sans from 10 pt up: section, article and body headings (not table heads, chart titles)."""
        main = self.main
        return main.bold and "sans" in main.family.lower() and main.size >= 10


@dataclass
class Findings:
    pages: int = 0
    short_lines: list[dict] = field(default_factory=list)
    number_splits: list[dict] = field(default_factory=list)
    bad_breaks: list[dict] = field(default_factory=list)
    stranded_headings: list[dict] = field(default_factory=list)
    sparse_pages: list[dict] = field(default_factory=list)
    stretched_spaces: list[dict] = field(default_factory=list)
    loose_lines: list[dict] = field(default_factory=list)
    wide_spaces: list[dict] = field(default_factory=list)
    ragged_columns: list[dict] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {"pages": self.pages, "short lines": len(self.short_lines),
                "ragged columns (not judged)": len(self.ragged_columns),
                "short lines > 5 pt": sum(1 for s in self.short_lines if s["short_pt"] > 5),
                "number splits": len(self.number_splits), "bad breaks": len(self.bad_breaks),
                "stranded headings": len(self.stranded_headings),
                "sparse pages": len(self.sparse_pages),
                "sparse pages not at a section end": sum(1 for p in self.sparse_pages if not p["section_end"]),
                "stretched spaces": len(self.stretched_spaces),
                f"lines with word spaces > {WIDE_EM} em": len(self.wide_spaces),
                "loose lines": len(self.loose_lines)}


# ---------- reading ----------

def read_runs(pdf: Path) -> list[list[Run]]:
    """Each page's runs of text, in pdftohtml's order."""
    from pypdf import PdfReader
    widths = [float(page.mediabox.width) for page in PdfReader(pdf).pages]
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-zoom", str(ZOOM), "-stdout", str(pdf)],
                         capture_output=True, check=True).stdout
    root = ET.fromstring(xml.replace(b"<!DOCTYPE pdf2xml SYSTEM \"pdf2xml.dtd\">", b""))
    fonts: dict[str, tuple[float, str]] = {}
    pages = []
    for page, width_pt in zip(root.iter("page"), widths, strict=True):
        runs = []
        px = float(page.get("width", "1")) / width_pt
        for el in page:
            if el.tag == "fontspec":
                fonts[el.get("id", "")] = (float(el.get("size", "0")) / px, el.get("family", ""))
            elif el.tag == "text":
                runs.append(_run(el, fonts, px))
        pages.append([r for r in runs if r.text.strip()])
    return pages


def _run(el: ET.Element, fonts: dict[str, tuple[float, str]], px: float) -> Run:
    size, family = fonts.get(el.get("font", ""), (0.0, ""))
    text = "".join(el.itertext())
    bold = el.find(".//b") is not None
    return Run(float(el.get("top", "0")) / px, float(el.get("left", "0")) / px, float(el.get("width", "0")) / px,
               float(el.get("height", "0")) / px, size, family, bold, text)


def group_lines(page: int, runs: list[Run]) -> list[Line]:
    """Runs that share a row (a footnote number rides a little higher) and touch make a line."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (r.left, r.top)):
        for line in lines:
            last = line[-1]
            centre, other = last.top + last.height / 2, run.top + run.height / 2
            same_row = abs(centre - other) < max(last.height, run.height) / 2
            if same_row and -1 < run.left - last.right < last.size * 1.5:
                line.append(run)
                break
        else:
            lines.append([run])
    return sorted((Line(page, tuple(rs)) for rs in lines), key=lambda ln: (ln.top, ln.left))


def page_boxes(pdf: Path) -> list[tuple[float, float, float, float]]:
    """Each page's trim box (left, top, right, bottom) in points from the top left of the
    sheet (the media box: with a bleed, the sheet is larger than the trimmed page)."""
    from pypdf import PdfReader
    out = []
    for page in PdfReader(pdf).pages:
        media, trim = page.mediabox, page.trimbox
        left, top = float(media.left), float(media.top)
        out.append((float(trim.left) - left, top - float(trim.top), float(trim.right) - left, top - float(trim.bottom)))
    return out


def ink_bottoms(pdf: Path, boxes: list[tuple[float, float, float, float]], dpi: int = 24) -> list[float]:
    """For each page, how far down its type area the lowest ink reaches (0 empty, 1 full)."""
    from PIL import Image
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), f"{tmp}/p"], check=True)
        for path, (left, top, right, bottom) in zip(sorted(Path(tmp).glob("p-*.pgm")), boxes, strict=True):
            image = Image.open(path)
            scale = dpi / 72
            area_top, area_bottom = top + MARGIN_TOP_MM * MM, bottom - MARGIN_BOTTOM_MM * MM
            box = (int(left * scale), int(area_top * scale), int(right * scale), int(area_bottom * scale))
            area = image.crop(box).point(lambda v: 255 if v < 200 else 0)
            found = area.getbbox()
            out.append(0.0 if found is None else found[3] / max(area.height, 1))
    return out


# ---------- judging ----------

def measure(pdf: Path) -> Findings:
    pages = read_runs(pdf)
    boxes = page_boxes(pdf)
    lines = [group_lines(n, runs) for n, runs in enumerate(pages, 1)]
    found = Findings(pages=len(pages))
    body = _body_sizes(lines)
    inside = [[ln for ln in pl if _in_type_area(ln, box)] for pl, box in zip(lines, boxes, strict=True)]
    for n, page_lines in enumerate(inside):
        _judge_breaks(page_lines, body, found)
        _judge_headings(page_lines, inside[n + 1] if n + 1 < len(inside) else [], body, found)
    _judge_short_lines(inside, body, found)
    _judge_pages(pdf, lines, boxes, found)
    found.loose_lines = loose_lines(pdf)
    found.wide_spaces = wide_spaces(pdf)
    return found


def wide_spaces(pdf: Path) -> list[dict]:
    """Lines with a space between Latin words or numbers wider than `WIDE_EM`, with the
    widest, in em. Not the cover's (letter-spaced by design), nor the designed gap around a
    separator (`23 July 2024 • Source: …`)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    ns = "{http://www.w3.org/1999/xhtml}"
    found = []
    for n, page in enumerate(ET.fromstring(xml).iter(f"{ns}page"), 1):
        for line in page.iter(f"{ns}line") if n > 1 else ():
            words = [(float(w.get("xMin", "0")), float(w.get("xMax", "0")), w.text or "")
                     for w in line.iter(f"{ns}word")]
            if len(words) < 3 or sum(len(t) for _, _, t in words) < 2 * len(words):
                continue
            size = (float(line.get("yMax", "0")) - float(line.get("yMin", "0"))) / BOX_EM
            gaps = [(b[0] - a[1]) / size for a, b in pairwise(words) if _latin(a[2], b[2])]
            if gaps and max(gaps) > WIDE_EM:
                text = " ".join(t for _, _, t in words)
                found.append({"page": n, "widest_em": round(max(gaps), 2), "line": text[:60]})
    return found


_HAN = "[\u3400-\u9fff\uff01-\uff5e\u3001-\u3011]"
_LOOSE = re.compile(f"{_HAN} {_HAN} {_HAN}")   # two gaps running: not a space an editor typed


def loose_lines(pdf: Path) -> list[dict]:
    """Lines whose Chinese characters are set so far apart (a tenth of an em and more) that the
    text reads back with spaces between them (`成 交 价`): a reader's search and copy miss them.
    poppler's pdftotext decides as most readers do."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [{"page": n, "line": line[:40]} for n, page in enumerate(text.split("\f"), 1)
            for line in page.splitlines() if _LOOSE.search(line)]


def _latin(before: str, after: str) -> bool:
    """Two words that meet at a Latin word space: neither side Chinese, both with a letter or digit."""
    words = before and after and any(c.isalnum() for c in before) and any(c.isalnum() for c in after)
    return bool(words) and not is_cjk(before[-1]) and not is_cjk(after[0])


def _in_type_area(line: Line, box: tuple[float, float, float, float]) -> bool:
    top, bottom = box[1] + (MARGIN_TOP_MM - 2) * MM, box[3] - (MARGIN_BOTTOM_MM - 2) * MM
    return line.top >= top and line.bottom <= bottom


def _body_sizes(lines: list[list[Line]]) -> set[float]:
    """The sizes of the body face: serif sizes that set at least a tenth of all serif lines."""
    sizes = [round(ln.size, 1) for pl in lines for ln in pl if ln.serif]
    return {s for s in set(sizes) if sizes.count(s) >= len(sizes) / 10}


def _is_body(line: Line, body: set[float]) -> bool:
    return line.serif and round(line.size, 1) in body and not line.heading


def _rows(lines: list[Line]) -> Iterator[tuple[Line, Line]]:
    """Consecutive lines of one column, one line pitch apart."""
    for a in lines:
        below = [b for b in lines if b.top > a.top and abs(b.left - a.left) < a.size * 3
                 and b.top - a.top < a.size * 2.4]
        if below:
            yield a, min(below, key=lambda b: b.top)


def _judge_breaks(lines: list[Line], body: set[float], found: Findings) -> None:
    for line in lines:
        text = line.text.strip()
        first = line.runs[0]
        if text[0] in NO_LINE_START:
            found.bad_breaks.append({"page": line.page, "line": text[:30], "why": f"starts with {text[0]}"})
        elif first.size < line.size * 0.8 and first.text.strip().isdigit() and len(line.runs) > 1:
            found.bad_breaks.append({"page": line.page, "line": text[:30], "why": "starts with a note number"})
        if text[-1] in NO_LINE_END:
            found.bad_breaks.append({"page": line.page, "line": text[-30:], "why": f"ends with {text[-1]}"})
        if "   " in text.strip():
            found.stretched_spaces.append({"page": line.page, "line": text[:60]})
    for a, b in _rows(lines):
        if a.main.family != b.main.family or abs(a.size - b.size) > 0.2 or re.search(r"\.\.\s*\d*$", a.text.rstrip()):
            continue   # another kind of text (a heading and its date, a contents line and its page)
        split = number_split(a.text.rstrip(), b.text.lstrip())
        if split:
            found.number_splits.append({"page": a.page, "at": split})


def number_split(end: str, start: str) -> str:
    """The number or date a line break cuts ('9月2 / 日'), or ''."""
    if not end or not start:
        return ""
    tail, head = end[-12:], start[:12]
    joined = tail + head
    cut = len(tail)
    for s, e in glued_spans(joined):
        if s < cut < e:
            return joined[s:cut] + " / " + joined[cut:e]
    number = re.search(r"[\d,.]+$", end)
    plain = number and (number.start() == 0 or is_cjk(end[number.start() - 1]))   # not a code's: ISO 14064-1:2018
    if plain and is_cjk(start[0]) and start[0] not in NO_LINE_START + "（《":
        return tail[-6:] + " / " + head[:4]
    return ""


def _judge_headings(lines: list[Line], following: list[Line], body: set[float], found: Findings) -> None:
    """A heading needs two lines of its text under it on its page, unless its text ends there
    (`following`: the next page's lines; a heading there opens something new)."""
    if not following or following[0].heading:
        lines = lines[:-1] if lines and lines[-1].heading and not following else lines
    goes_on = bool(following) and not following[0].heading
    for i, line in enumerate(lines):
        if not line.heading:
            continue
        after = [ln for ln in lines[i + 1:] if ln.top > line.top]
        if any(ln.heading for ln in after):
            continue    # its text (short) ended on this page: another heading follows
        text_lines = [ln for ln in after if _is_body(ln, body) or ln.size >= 8.9]
        if len(text_lines) < 2 and goes_on:
            found.stranded_headings.append({"page": line.page, "heading": line.text[:40],
                                            "lines_after": len(text_lines)})


def _judge_short_lines(pages: list[list[Line]], body: set[float], found: Findings) -> None:
    """A body line that is not its paragraph's last must reach its column's right edge. A line
    short by more than `FORCED` of the measure ended at a forced break (`<br>`) or a paragraph
    end that the page cannot show (an unindented paragraph after a space): never a justified
    line, which is short by a fraction of an em at worst. Lines are read in the order they
    flow: down a column, to the next column on the page, to the next page."""
    columns = _columns(pages, body)
    placed = []
    for n, pl in enumerate(pages):
        split = _has_second_column(pl, body, columns)
        for ln in pl:
            column = _column_of(ln, columns, split) if _is_body(ln, body) else None
            if column is not None:
                placed.append((n, column[0], ln.top, ln, column))
    placed.sort(key=lambda item: item[:3])
    headings = {n: [ln.top for ln in pl if ln.heading] for n, pl in enumerate(pages, 1)}
    pitch = _usual_pitch([item[3] for item in placed])
    judged: dict[Column, list[dict | str]] = {}   # per column: each line's text, and its short ones
    for (_, _, _, line, column), (_, _, _, nxt, nxt_column) in pairwise(placed):
        if nxt_column != column or (nxt.page != line.page and _after_other(nxt, pages)):
            continue   # the column or the page ends with something else after: a paragraph's end
        if _starts_paragraph(line, nxt, column[0], pitch, headings):
            continue
        short = column[1] - line.right
        judged.setdefault(column, []).append(line.text)
        if SHORT_PT < short < FORCED * (column[1] - column[0]):
            judged[column].append({"page": line.page, "short_pt": round(short, 1), "line": line.text[-24:]})
    _keep_justified(judged, found)


def _keep_justified(judged: dict[Column, list[dict | str]], found: Findings) -> None:
    """The short lines of justified columns. A column of Latin text with most of its lines
    short is set ragged right by design (an English brief's): noted, its lines not counted.
    Chinese text is always justified: a ragged Chinese column is a fault (pdf/justify.py's
    hook not applied), its lines all counted."""
    for column, seen in judged.items():
        shorts = [s for s in seen if isinstance(s, dict)]
        text = "".join(s for s in seen if isinstance(s, str))
        latin = sum(is_cjk(c) for c in text) < 0.1 * len(text)
        if latin and len(shorts) > RAGGED * (len(seen) - len(shorts)):
            found.ragged_columns.append({"column": column, "lines": len(seen) - len(shorts), "short": len(shorts)})
        else:
            found.short_lines += shorts


def _after_other(nxt: Line, pages: list[list[Line]]) -> bool:
    """Over the page, `nxt` comes after something that is not body text (a chart's or a table's
    title): the line before it ended its paragraph."""
    return any(ln.top < nxt.top - 1 and ln.left < nxt.right and ln.right > nxt.left and ln.size != nxt.size
               for ln in pages[nxt.page - 1])


def _usual_pitch(lines: list[Line]) -> float:
    """The commonest distance from one body line to the next."""
    steps = [round(b.top - a.top, 1) for a, b in pairwise(lines)
             if a.page == b.page and 0 < b.top - a.top < a.size * 3]
    return max(set(steps), key=steps.count) if steps else 18.0


Column = tuple[float, float]   # left and right edge, points


def _columns(pages: list[list[Line]], body: set[float]) -> list[Column]:
    """The columns body text is set in: for each left edge of at least 20 lines, the right edge
    where most end, and any other where 20 end (a full measure and the left one of two columns
    share their left edge)."""
    ends: dict[float, list[float]] = {}
    for pl in pages:
        for ln in pl:
            if _is_body(ln, body):
                ends.setdefault(round(ln.left), []).append(round(ln.right, 0))
    found: list[Column] = []
    for left in sorted(ends):
        if any(0 < left - kept <= 24 for kept, _ in found):
            continue   # first lines and list items of a column
        values = ends[left]
        if len(values) < 20:
            continue
        usual = max(set(values), key=values.count)
        others = {right for right in values if values.count(right) >= 20 and abs(right - usual) > 24}
        found += [(float(left), right) for right in sorted({usual} | others)]
    return found


def _has_second_column(lines: list[Line], body: set[float], columns: list[Column]) -> bool:
    """The page sets body text in a column that starts right of another column's end."""
    seconds = [left for left, _ in columns if any(right < left for _, right in columns)]
    return any(_is_body(ln, body) and -1 <= ln.left - left <= ln.size * 2 + 1 for ln in lines for left in seconds)


def _column_of(line: Line, columns: list[Column], split: bool) -> Column | None:
    """The column a line is set in: its left edge, or a paragraph indent (2 em) right of it; of
    a full measure and a half one with the same left edge, the half one on a two-column page."""
    fits = [c for c in columns if -1 <= line.left - c[0] <= line.size * 2 + 1 and line.right <= c[1] + 2]
    if not fits:
        return None
    fits.sort(key=lambda c: c[1])
    return fits[0] if split else fits[-1]


def _starts_paragraph(line: Line, nxt: Line, column: float, pitch: float, headings: dict[int, list[float]]) -> bool:
    """`nxt` opens a new paragraph (indented, or further down than the next line, or after a
    heading): `line` ends one."""
    if nxt.left - column > nxt.size * 0.5:
        return True
    if nxt.page == line.page:
        step = nxt.top - line.top
        return step <= 0 or step > pitch + 2 or any(line.top < h < nxt.top for h in headings[line.page])
    # over the page: an unindented first line goes on with the paragraph, unless a heading comes first
    return any(h < nxt.top for h in headings[nxt.page]) or any(h > line.top for h in headings[line.page])


def _judge_pages(pdf: Path, lines: list[list[Line]], boxes: list, found: Findings) -> None:
    fills = ink_bottoms(pdf, boxes)
    for n, fill in enumerate(fills, 1):
        if n == 1 or n == len(fills) or fill >= SPARSE:
            continue   # the cover and the back page are whole by design
        nxt = lines[n] if n < len(lines) else []
        opens = any(ln.size >= 16 and ln.heading for ln in nxt[:3])
        found.sparse_pages.append({"page": n, "fill": round(fill, 2), "section_end": opens})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--json", type=Path, help="write the findings here")
    parser.add_argument("--list", action="store_true", help="print each finding")
    args = parser.parse_args()
    found = measure(args.pdf)
    for key, value in found.summary().items():
        print(f"{key:>36}: {value}")
    if args.list:
        for name in ("short_lines", "number_splits", "bad_breaks", "stranded_headings", "sparse_pages",
                     "stretched_spaces", "wide_spaces", "loose_lines", "ragged_columns"):
            for item in getattr(found, name):
                print(name, item)
    if args.json:
        args.json.write_text(json.dumps({"summary": found.summary(), **asdict(found)}, ensure_ascii=False,
                                        indent=1))


if __name__ == "__main__":
    main()

