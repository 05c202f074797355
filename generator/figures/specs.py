"""```chart and ```table blocks: their YAML, validated like front matter, as frozen specs.

Unknown keys are errors with a suggestion (a typo must not vanish silently),
every key has a type, and the few rules between keys (y2 only on bar-line …)
are checked here, so the renderer only ever sees a spec that makes sense.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.content import schema as s
from generator.content.yamlmap import Entry, parse_mapping
from generator.errors import Report, closest, describe

CHART_TYPES = ("line", "bar", "stacked-bar", "bar-line")
HEIGHT_CM = (4.0, 20.0)     # printable on A4 at the chart's 16 cm width
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


@dataclass(frozen=True)
class ChartSpec:
    type: str
    data: str
    x: str
    y: tuple[str, ...]                 # left axis (bars of bar-line)
    title: str
    y2: tuple[str, ...] = ()           # bar-line only: lines on the right axis
    labels: tuple[str, ...] = ()       # legend names for y then y2; default: the column names
    x_label: str | None = None         # the x column's name in the data table; default: its CSV name
    unit: tuple[str, ...] = ()         # left axis[, right axis]
    caption: str | None = None
    colors: tuple[str, ...] = ()       # replace the palette's first colours
    height: float | None = None        # centimetres
    highlight: tuple[str, ...] = ()    # x values to call out
    panels: bool = False               # each series its own small chart, side by side (figures/panels.py)
    line: int = 0                      # the fence's line in the Markdown file


@dataclass(frozen=True)
class TableSpec:
    data: str
    columns: tuple[str, ...] = ()      # which columns, in order; default: all
    labels: tuple[str, ...] = ()       # header text for those columns; default: the column names
    caption: str | None = None
    line: int = 0
    total: tuple[int, ...] = ()        # rows set apart as the foot, as a spreadsheet numbers them; LAST_ROW: the last


LAST_ROW = 0   # `total: last`


def total_rows(entry: Entry) -> tuple[int, ...]:
    """`total: last`, `total: 9` or `total: [8, last]`: the rows that are totals."""
    items = entry.value if isinstance(entry.value, list) else [entry.value]
    rows = []
    for item in items:
        if item == "last":
            rows.append(LAST_ROW)
        elif isinstance(item, int) and not isinstance(item, bool) and item > 0:
            rows.append(item)
        else:
            raise s.FieldError(f"expected last, a row number or a list of them (as a spreadsheet numbers rows: "
                               f"the header is row 1), got {describe(item)}")
    return tuple(rows)


def choice(options: tuple[str, ...]) -> Callable[[Entry], str]:
    def convert(entry: Entry) -> str:
        v = s.text(entry)
        if v in options:
            return v
        hint = closest(v, options, cutoff=0.5)
        more = f"; did you mean '{hint}'?" if hint else ""
        raise s.FieldError(f"expected one of {', '.join(options)}, got '{v}'{more}")
    return convert


def names(entry: Entry) -> tuple[str, ...]:
    """One name or a list of names: `y: close` reads as `y: [close]`."""
    if isinstance(entry.value, (str, int, float)) and not isinstance(entry.value, bool):
        return (s.text(entry),)
    return s.text_list(entry)


def colors(entry: Entry) -> tuple[str, ...]:
    values = names(entry)
    for i, v in enumerate(values, 1):
        if not _HEX.match(v):
            raise s.FieldError(f"item {i}: expected a colour like '#0f766e', got '{v}'")
    return values


def height(entry: Entry) -> float:
    v = entry.value
    low, high = HEIGHT_CM
    if isinstance(v, (int, float)) and not isinstance(v, bool) and low <= v <= high:
        return float(v)
    raise s.FieldError(f"expected centimetres from {low:g} to {high:g}, got {describe(v)}")


CHART_FIELDS = {
    "type": s.Field(choice(CHART_TYPES), required=True),
    "data": s.Field(s.text, required=True),
    "x": s.Field(s.text, required=True),
    "y": s.Field(names, required=True),
    "y2": s.Field(names),
    "labels": s.Field(names),
    "x_label": s.Field(s.text),
    "title": s.Field(s.text, required=True),
    "unit": s.Field(names),
    "caption": s.Field(s.text),
    "colors": s.Field(colors),
    "height": s.Field(height),
    "highlight": s.Field(names),
    "panels": s.Field(s.boolean),
}
TABLE_FIELDS = {
    "data": s.Field(s.text, required=True),
    "columns": s.Field(names),
    "labels": s.Field(names),
    "caption": s.Field(s.text),
    "total": s.Field(total_rows),
}


def parse_chart(content: str, path: Path, line: int, report: Report) -> ChartSpec | None:
    data = parse_mapping(content, path, report, first_line=line + 1, what="the chart block")
    values = s.check_fields(data, CHART_FIELDS, report, " in a chart block") if data else None
    if data is None or values is None:
        return None
    problems = _chart_rules(values)
    for key, message in problems:
        report.error(path, data.entries[key].line, f"{key}: {message}")
    return None if problems else ChartSpec(**values, line=line)


def parse_table(content: str, path: Path, line: int, report: Report) -> TableSpec | None:
    data = parse_mapping(content, path, report, first_line=line + 1, what="the table block")
    values = s.check_fields(data, TABLE_FIELDS, report, " in a table block") if data else None
    if data is None or values is None:
        return None
    if "labels" in values and "columns" in values and len(values["labels"]) != len(values["columns"]):
        report.error(path, data.entries["labels"].line,
                     f"labels: {len(values['labels'])} labels for {len(values['columns'])} columns")
        return None
    return TableSpec(**values, line=line)


def _chart_rules(v: dict) -> list[tuple[str, str]]:
    """Rules between keys, as (key whose line to blame, message)."""
    out = []
    y, y2 = v["y"], v.get("y2", ())
    if not y:
        out.append(("y", "name at least one column to draw"))
    if y2 and v["type"] != "bar-line":
        out.append(("y2", "only type: bar-line has a right axis; put these columns in y"))
    if v["type"] == "bar-line" and not y2:
        out.append(("type", "bar-line needs y2: the columns drawn as lines on the right axis"))
    if v.get("panels") and (v["type"] == "stacked-bar" or len(y) + len(y2) < 2):
        out.append(("panels", "panels: true draws each series in its own small chart: it needs two or more "
                              "series, and not stacked bars (a stack is one whole)"))
    if len(v.get("unit", ())) > (2 if y2 else 1):
        out.append(("unit", "one unit, or two for bar-line: [left axis, right axis]"))
    if "labels" in v and len(v["labels"]) != len(y) + len(y2):
        out.append(("labels", f"{len(v['labels'])} labels for {len(y) + len(y2)} series (y, then y2)"))
    repeated = sorted({c for c in (v["x"], *y, *y2) if (v["x"], *y, *y2).count(c) > 1})
    if repeated:
        out.append(("y", f"column \"{repeated[0]}\" is named twice (x, y and y2 must differ)"))
    return out
