"""```chart and ```table fences → a figure or a table in the page, the chart's SVG beside it.

A chart is drawn only when its content hash (the data it shows, its spec, the
chart style) is not in the chart cache; see `charts.py` for what the hash
covers and `output.py` for the cache files.
"""
from __future__ import annotations

import functools
import itertools
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from generator.figures.chart_html import chart_html, data_columns
from generator.figures.charts import (
    HEIGHT_CM,
    PHONE_WIDTH_CM,
    ChartData,
    ChartError,
    Series,
    chart_key,
    png_size,
    render_png,
    render_svg,
    style_fingerprint,
)
from generator.figures.data import Column, DataError, Table, locate, read_table
from generator.figures.drawable import plain_text, plain_texts
from generator.figures.raster import caption_text, raster_chart_html
from generator.figures.specs import LAST_ROW, ChartSpec, TableSpec, parse_chart, parse_table
from generator.figures.style import PALETTE
from generator.figures.tables import is_cut, table_csv, table_html
from generator.i18n import FIGURE_LABELS, interface_language
from generator.markdown.figures import strip_number
from generator.markdown.flavors import Figure, Flavor
from generator.output.files import read_cache, save_cache
from generator.site.bodies import BodyContext, ChartImage


@dataclass(frozen=True)
class ChartFigure:
    """A chart read and drawn: its SVGs are at `path` and `phone_path` in the site."""

    spec: ChartSpec
    chart: ChartData
    table: Table
    path: str
    phone_path: str
    csv_path: str | None = None   # a long series: the whole data table, which the page shows by its ends
    png: ChartImage | None = None   # for the email and WeChat editions

    picture: ClassVar[bool] = True
    numbered: ClassVar[str | None] = "figure"

    def html(self, flavor: Flavor, lead: bool = False, label: str = "") -> str:
        if flavor.edition and self.png is not None:
            return raster_chart_html(self.png, flavor.url(self.png.path), label)
        csv_url = flavor.url(self.csv_path) if self.csv_path else None
        return chart_html(self.spec, self.chart, self.table, flavor.url(self.path), flavor.url(self.phone_path),
                          flavor.table_class(1 + len(self.spec.y) + len(self.spec.y2)), csv_url, lead, label)


@dataclass(frozen=True)
class TableFigure:
    table: Table
    columns: tuple[Column, ...]
    spec: TableSpec
    label: str                   # names the table when it has no caption
    foot: tuple[int, ...] = ()   # the rows set apart as its foot (totals), by index

    picture: ClassVar[bool] = False
    numbered: ClassVar[str | None] = "table"

    def html(self, flavor: Flavor, lead: bool = False, label: str = "") -> str:
        headers = self.spec.labels or tuple(c.name for c in self.columns)
        caption = strip_number(self.spec.caption) if self.spec.caption else None
        return table_html(self.table.rows, list(self.columns), headers, caption, self.label,
                          flavor.table_class(len(self.columns)), foot=self.foot, number=label)


@dataclass(frozen=True)
class Nothing:
    """A block with errors (reported) shows nothing."""

    picture: ClassVar[bool] = False
    numbered: ClassVar[str | None] = None

    def html(self, flavor: Flavor, lead: bool = False, label: str = "") -> str:
        return ""


def make_fence_handler(ctx: BodyContext, charts: Path | None = None, cache_writes: bool = True,
                       made: Mapping[str, bytes | Path] | None = None) -> Callable[[str, str, int], Figure | None]:
    """`charts`: the chart cache (SVGs by content hash), if any; `cache_writes=False` for
    `bulletin check`, which promises to write nothing. `made`: files this build already
    has (the PDF parses the bodies again): a chart there is not drawn."""
    numbers = itertools.count(1)

    def handle(info: str, content: str, line: int) -> Figure | None:
        if info == "chart":
            return _chart(ctx, content, line, next(numbers), charts, cache_writes, made or {}) or Nothing()
        if info == "table":
            return _table(ctx, content, line) or Nothing()
        return None
    return handle


def language(ctx: BodyContext) -> str:
    return interface_language(ctx.issue.language)


def _chart(ctx: BodyContext, content: str, line: int, number: int, charts: Path | None, cache_writes: bool,
           made: Mapping[str, bytes | Path]) -> ChartFigure | None:
    spec = parse_chart(content, ctx.path, line, ctx.report)
    if spec is None:
        return None
    folder = posixpath.dirname(ctx.page_path)
    paths = (f"{folder}/chart-{number}.svg", f"{folder}/chart-{number}-phone.svg")
    try:
        table = _read(ctx, spec.data)
        chart = chart_data(spec, table, language(ctx))
        svg, drawn = _svg(made, paths[0], chart, charts, cache_writes)
        phone, drawn_phone = _svg(made, paths[1], replace(chart, width_cm=PHONE_WIDTH_CM), charts, cache_writes)
    except DataError as exc:
        for message in exc.messages:
            ctx.report.error(ctx.path, line, message)
        return None
    except ChartError as exc:
        ctx.report.error(ctx.path, line, f"chart: {exc}")
        return None
    png = _png(ctx, spec, chart, f"{folder}/chart-{number}.png", charts, cache_writes, made) if ctx.raster else None
    ctx.charts.append(spec.title)
    if drawn or drawn_phone or (png and png[1]):
        ctx.drawn.append(spec.title)
    csv_path = f"{folder}/chart-{number}.csv"
    if is_cut(len(table.rows)):
        ctx.emit(csv_path, made.get(csv_path) or table_csv(*data_columns(spec, chart, table)))
    return ChartFigure(spec, chart, table, ctx.emit(paths[0], svg), ctx.emit(paths[1], phone),
                       csv_path if is_cut(len(table.rows)) else None, png[0] if png else None)


def _png(ctx: BodyContext, spec: ChartSpec, chart: ChartData, path: str, charts: Path | None, cache_writes: bool,
         made: Mapping[str, bytes | Path]) -> tuple[ChartImage, bool]:
    """The phone-width chart as PNG (a chart is drawn once more for it, then cached like the SVGs):
    the editions' readers, mostly on phones, see its labels at their size."""
    phone = replace(chart, width_cm=PHONE_WIDTH_CM)
    data, drawn = (made[path], False) if path in made else chart_file(phone, charts, cache_writes, "png")
    width, height = png_size(phone)
    image = ChartImage(spec.title, ctx.emit(path, data), width, height, caption_text(spec, chart))
    ctx.images.append(image)
    return image, drawn


def _table(ctx: BodyContext, content: str, line: int) -> TableFigure | None:
    spec = parse_table(content, ctx.path, line, ctx.report)
    if spec is None:
        return None
    try:
        table = _read(ctx, spec.data)
        names = spec.columns or tuple(c.name for c in table.columns)
        columns = _columns(table, names)
    except DataError as exc:
        for message in exc.messages:
            ctx.report.error(ctx.path, line, message)
        return None
    if spec.labels and len(spec.labels) != len(names):
        ctx.report.error(ctx.path, line, f"labels: {len(spec.labels)} labels for {len(names)} columns")
        return None
    foot = foot_rows(spec.total, len(table.rows), spec.data)
    if isinstance(foot, str):
        ctx.report.error(ctx.path, line, foot)
        return None
    return TableFigure(table, tuple(columns), spec, FIGURE_LABELS[language(ctx)]["table"], foot)


def foot_rows(total: tuple[int, ...], count: int, name: str) -> tuple[int, ...] | str:
    """`total:` as row indexes (0 is the first row under the header), or why it names no row.
    Rows are numbered as a spreadsheet numbers them: the header is row 1; `last` is 0 here."""
    rows = [count + 1 if n == LAST_ROW else n for n in total]
    wrong = next((n for n in rows if not 2 <= n <= count + 1), None)
    if wrong is not None:
        return (f"total: row {wrong} is not a row of {name} (its rows are 2 to {count + 1}, as a spreadsheet "
                "numbers them: the header is row 1)")
    return tuple(sorted({n - 2 for n in rows}))


def _read(ctx: BodyContext, name: str) -> Table:
    return read_table(locate(name, ctx.issue.folder, ctx.content_root), name, ctx.report)


def _columns(table: Table, names: tuple[str, ...]) -> list[Column]:
    """Every unknown column reported at once, not one per build."""
    found: list[Column] = []
    errors: list[str] = []
    for name in names:
        try:
            found.append(table.column(name))
        except DataError as exc:
            errors.extend(exc.messages)
    if errors:
        raise DataError(*errors)
    return found


def _svg(made: Mapping[str, bytes | Path], path: str, chart: ChartData, folder: Path | None,
         cache_writes: bool) -> tuple[bytes | Path, bool]:
    """The build's own file at `path` if it has one (the PDF's second parse), else `chart_svg`."""
    return (made[path], False) if path in made else chart_svg(chart, folder, cache_writes)


@functools.lru_cache(maxsize=1)
def _style() -> str:
    return style_fingerprint()   # reads two source files: once a process is enough


def chart_svg(chart: ChartData, folder: Path | None, cache_writes: bool = True) -> tuple[bytes, bool]:
    """The chart's SVG, and whether it had to be drawn (False: it came from the cache)."""
    return chart_file(chart, folder, cache_writes, "svg")


def chart_file(chart: ChartData, folder: Path | None, cache_writes: bool = True,
               kind: str = "svg") -> tuple[bytes, bool]:
    """The chart as SVG or PNG, and whether it had to be drawn: the cache keeps both by the
    chart's content hash."""
    name = f"{chart_key(chart, _style())}.{kind}"
    cached = read_cache(folder, name) if folder else None
    if cached is not None:
        return cached, False
    data = render_png(chart) if kind == "png" else render_svg(chart)
    if folder and cache_writes:
        save_cache(folder, name, data)
    return data, True


def chart_data(spec: ChartSpec, table: Table, lang: str) -> ChartData:
    """The spec's columns read as numbers; every bad cell and unknown name reported together."""
    errors: list[str] = []
    names = spec.y + spec.y2
    labels = spec.labels or names
    palette = spec.colors + tuple(c for c in PALETTE if c not in spec.colors)
    series = []
    for i, name in enumerate(names):
        try:
            values = table.numbers(name)
        except DataError as exc:
            errors.extend(exc.messages)
            continue
        if all(v is None for v in values):   # else an empty chart, and exit 0
            errors.append(f"chart: column \"{name}\" of {table.name} has no numbers (every cell is empty)")
            continue
        derived = table.column(name).derived
        series.append(Series(plain_text(labels[i]), values, derived, palette[i % len(palette)], name in spec.y2))
    categories, highlight = _categories(spec, table, errors)
    if errors:
        raise DataError(*errors)
    unit, unit2 = (plain_text(u) for u in (*spec.unit, "", "")[:2])
    return ChartData(spec.type, spec.title, categories, tuple(series),
                     unit or _percent(table, spec.y), unit2 or _percent(table, spec.y2),
                     spec.height or HEIGHT_CM, highlight, lang, panels=spec.panels)


def _categories(spec: ChartSpec, table: Table, errors: list[str]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    try:
        categories = plain_texts(table.column(spec.x).texts)
    except DataError as exc:
        errors.extend(exc.messages)
        return (), ()
    missing = [h for h in spec.highlight if h not in categories]
    if missing:
        errors.append(f"highlight: no \"{missing[0]}\" in column \"{spec.x}\" of {table.name} "
                      f"(values: {', '.join(categories[:8])}{' …' if len(categories) > 8 else ''})")
    return categories, tuple(i for i, c in enumerate(categories) if c in spec.highlight)


def _percent(table: Table, names: tuple[str, ...]) -> str:
    """Columns written as -66% need no unit: the axis says %."""
    return "%" if names and all(table.column(n).percent for n in names) else ""
