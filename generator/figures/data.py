"""CSV files → typed tables: the one reader of the content's data folders.

What an editor's spreadsheet export may contain: UTF-8 with or without a BOM,
one header row, numbers written the way the bulletin prints them (`1,718.83`,
`-66%`), empty cells for missing values, ISO dates. A number followed by `*`
(`1,342.5*`) is a derived value — computed by the editors, not reported by the
source — so charts can draw it differently and tables show the mark.

Messages name the file as the Markdown wrote it (`data/x.csv`) and rows as a
spreadsheet numbers them (the header is row 1); the caller adds the Markdown
file and line.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from generator.content.chars import clean, clean_text
from generator.errors import Report, closest
from generator.figures.numbers import MAX_MAGNITUDE
from generator.paths import UnsafePath, resolve_inside

_NUMBER = re.compile(r"^(?P<sign>[+\-\u2212]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
                     r"(?P<pct>%?)(?P<mark>\*?)$", re.ASCII)   # ASCII: １２３ is a typo, not 123
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
# A whole column, its cells joined by line breaks: plain numbers (or empty), or dates (or empty)
_PLAIN_NUMBERS = re.compile(r"(?:-?\d+(?:\.\d+)?)?(?:\n(?:-?\d+(?:\.\d+)?)?)*\Z", re.ASCII)
_DATES = re.compile(r"(?:\d{4}-\d{2}-\d{2})?(?:\n(?:\d{4}-\d{2}-\d{2})?)*\Z", re.ASCII)
_WIDE_DIGITS = re.compile(r"[\uff10-\uff19\uff0c\uff0e\uff05]")   # ０-９ ， ． ％
_MAX_CELL_ERRORS = 5   # per column: enough to see the pattern, not a wall of text


class DataError(ValueError):
    """Problems with a data file, worded for the editor; the caller adds where it was asked for."""

    def __init__(self, *messages: str):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Cell:
    text: str                          # as written (trimmed): what tables show
    value: float | dt.date | None      # None: empty, or text that is neither number nor date
    derived: bool = False              # written with a trailing '*'


@dataclass(frozen=True)
class Column:
    """A column's cells, by field: a long series is three tuples, not 200,000 objects."""

    name: str
    kind: str                          # "number", "date", "text" or "empty", from its values
    texts: tuple[str, ...]             # each cell as written (trimmed): what tables show
    values: tuple[float | dt.date | None, ...]   # None: empty, or text that is neither number nor date
    derived: tuple[bool, ...]          # written with a trailing '*'
    percent: bool = False              # its numbers were written as percentages


@dataclass(frozen=True)
class Table:
    name: str                          # as the Markdown named it: messages use it
    columns: tuple[Column, ...]
    rows: tuple[int, ...]              # the spreadsheet row of each data row

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        names = [c.name for c in self.columns]
        hint = closest(name, names, cutoff=0.5)
        more = f"; did you mean \"{hint}\"?" if hint else ""
        raise DataError(f"{self.name}: no column \"{name}\"{more} (columns: {', '.join(names)})")

    def numbers(self, name: str) -> tuple[float | None, ...]:
        """The column's values where a chart needs a number: every non-empty cell must be one it can draw."""
        col = self.column(name)
        if col.kind in ("number", "empty"):   # every value a float or None
            values = cast(tuple[float | None, ...], col.values)
            found = [v for v in values if v is not None]
            if not found or max(max(found), -min(found)) < MAX_MAGNITUDE:   # an inf is not below it
                return values
        bad = [(row, problem) for row, text, value in zip(self.rows, col.texts, col.values, strict=True)
               if (problem := _number_problem(text, value))]
        raise DataError(*_cell_errors(self.name, name, bad))


def _number_problem(text: str, value: float | dt.date | None) -> str | None:
    if not text:
        return None
    if not isinstance(value, float):
        return f"expected a number, got '{text}'{_number_hint(text)}"
    if not abs(value) < MAX_MAGNITUDE:   # not: an inf is not below it either
        return (f"{_shortened(text)} is too large to chart: charts draw numbers below "
                f"{MAX_MAGNITUDE:,.0f} (10^{math.log10(MAX_MAGNITUDE):.0f}); "
                "give the values in a larger unit (万吨, 亿元) in unit:")
    return None


def _shortened(text: str) -> str:
    digits = sum(c.isdigit() for c in text)
    return f"{text[:10]}…{text[-10:]} ({digits} digits)" if len(text) > 30 else text


def _cell_errors(file: str, column: str, bad: list[tuple[int, str]]) -> list[str]:
    out = [f"{file}: row {row}, column \"{column}\": {problem}" for row, problem in bad[:_MAX_CELL_ERRORS]]
    if len(bad) > _MAX_CELL_ERRORS:
        out.append(f"{file}: column \"{column}\": {len(bad) - _MAX_CELL_ERRORS} more cells are not numbers "
                   "a chart can draw")
    return out


def _number_hint(text: str) -> str:
    """The usual reasons a number does not read as one, said where they apply."""
    if _WIDE_DIGITS.search(text):
        return " (use half-width digits, commas and points: 1,718.83)"
    if re.match(r"^[+\-]?[\d,.]+%?\s*[^\d\s,.%*]+$", text):
        return " (put the unit in the chart's unit:, not in the cells)"
    if re.match(r"^[+\-]?[\d,]+(\.\d+)?%?$", text):
        return " (thousands separators go every three digits: 1,718.83)"
    return ""


def parse_number(text: str) -> tuple[float, bool, bool] | None:
    """`1,718.83` → 1718.83; `-66%` → -66.0 (percent); `1,342.5*` → derived. None: not a number."""
    m = _NUMBER.match(text)
    if m is None:
        return None
    sign = "-" if m["sign"] in ("-", "\u2212") else ""
    value = float(f"{sign}{m['int'].replace(',', '')}{m['frac'] or ''}")
    return value, bool(m["pct"]), bool(m["mark"])


def parse_cell(text: str) -> Cell:
    if not text:
        return Cell("", None)
    number = parse_number(text)
    if number is not None:
        return Cell(text, number[0], number[2])
    if _DATE.match(text):
        try:
            return Cell(text, dt.date.fromisoformat(text))
        except ValueError:
            pass  # 2024-02-30: text, and a chart needing a number says so
    return Cell(text, None)


def _column(name: str, texts: tuple[str, ...]) -> Column:
    """A column of plain numbers (75.94) or of dates, the long series, is matched whole, in one
    string (float() reads a plain number as _NUMBER would); any other cell by cell, each text once."""
    plain = (False,) * len(texts)
    if not any(texts):
        return Column(name, "empty", texts, (None,) * len(texts), plain)
    joined = "\n".join(texts)
    whole = joined.count("\n") == len(texts) - 1   # no cell holds a line break of its own
    if whole and _PLAIN_NUMBERS.match(joined):
        return Column(name, "number", texts, tuple(float(t) if t else None for t in texts), plain)
    if whole and _DATES.match(joined):
        try:
            return Column(name, "date", texts, tuple(dt.date.fromisoformat(t) if t else None for t in texts), plain)
        except ValueError:
            pass   # 2024-02-30 among them: cell by cell
    seen: dict[str, Cell] = {}
    cells = [seen.get(t) or seen.setdefault(t, parse_cell(t)) for t in texts]
    values, derived = tuple(c.value for c in cells), tuple(c.derived for c in cells)
    filled = [v for t, v in zip(texts, values, strict=True) if t]
    if all(isinstance(v, float) for v in filled):
        percent = any(t.rstrip("*").endswith("%") for t in texts if t)
        return Column(name, "number", texts, values, derived, percent)
    kind = "date" if all(isinstance(v, dt.date) for v in filled) else "text"
    return Column(name, kind, texts, values, derived)


def locate(name: str, issue_folder: Path, content_root: Path) -> Path:
    """`data/x.csv` is in the issue folder; `/data/x.csv` in the publication's folder."""
    base = content_root if name.startswith("/") else issue_folder
    try:
        path = resolve_inside(content_root, name.lstrip("/"), base)
    except UnsafePath as exc:   # quote the path as the editor wrote it, leading / included
        raise DataError(f"data {exc}".replace(f"'{name.lstrip('/')}'", f"'{name}'", 1)) from None
    if path.suffix.lower() != ".csv":
        raise DataError(f"data: '{name}' is not a .csv file (in a spreadsheet: save as 'CSV UTF-8')")
    if not path.is_file():
        where = "the content folder" if base == content_root else f"the issue folder {issue_folder.name}/"
        others = sorted(p.name for p in path.parent.glob("*.csv")) if path.parent.is_dir() else []
        hint = closest(path.name, others)
        more = f"; did you mean {hint}?" if hint else ""
        raise DataError(f"{name}: no such file in {where}{more}")
    return path


def read_table(path: Path, name: str, report: Report | None = None) -> Table:
    """The CSV file at `path` (`name`: as the Markdown named it). Characters XML cannot carry
    are taken out (they would break the feed and the page's table), with a warning at their
    line of the CSV when there is a `report`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{name}: cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{name}: not UTF-8 text (byte {exc.start + 1}); a spreadsheet saved it as "
                        "GBK or similar: save it again as 'CSV UTF-8'") from None
    text = clean_text(text, path, report) if report is not None else clean(text)
    return (_parse_large_table if len(raw) >= _LARGE else parse_table)(text, name)


def parse_table(text: str, name: str) -> Table:
    records = _records(text, name)
    if not records:
        raise DataError(f"{name}: the file is empty; expected a header row, then one row per data point")
    header_row, header = records[0]
    names = _header(header, name)
    rows = []
    for row, record in records[1:]:
        if len(record) != len(names):
            raise DataError(_ragged(name, row, len(record), len(names)))
        rows.append(row)
    if not rows:
        raise DataError(f"{name}: only a header row (row {header_row}); no data rows")
    by_column = zip(*(record for _, record in records[1:]), strict=True)   # rows all as long: checked above
    columns = tuple(_column(n, texts) for n, texts in zip(names, by_column, strict=True))
    return Table(name, columns, tuple(rows))


# A long series is parsed once a process, not for the page and again for the PDF: the last few
# large tables are kept, by their text, so an edit is read anew.
_LARGE = 256 * 1024
_parse_large_table = functools.lru_cache(maxsize=4)(parse_table)


def _records(text: str, name: str) -> list[tuple[int, list[str]]]:
    """Non-blank records with their spreadsheet row; rows of empty cells (`,,,`) are blank too."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    out = []
    try:
        for row, record in enumerate(reader, 1):
            cells = list(map(str.strip, record))
            if any(cells):
                out.append((row, cells))
    except csv.Error as exc:
        raise DataError(f"{name}: row {reader.line_num}: not valid CSV ({exc})") from None
    return out


def _header(header: list[str], name: str) -> list[str]:
    seen: set[str] = set()
    for i, col in enumerate(header, 1):
        if not col:
            raise DataError(f"{name}: column {i} has no name in the header row")
        if col in seen:
            raise DataError(f"{name}: the header names column \"{col}\" twice")
        seen.add(col)
    return header


def _ragged(name: str, row: int, got: int, want: int) -> str:
    hint = (" (a number with a thousands comma must be in quotes: \"1,718.83\")" if got > want else "")
    return f"{name}: row {row} has {got} cells, the header has {want}{hint}"
