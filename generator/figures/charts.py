"""Charts → SVG with matplotlib, in one sober style that matches the theme.

The SVG is deterministic (fixed hash salt, no date in the metadata, text as
glyph paths) so it caches, diffs, and looks the same in a browser and in
WeasyPrint without any font. matplotlib costs ~0.4 s to import, so it is
imported inside `render_svg` only, never at module level: a build whose charts
are all cached never loads it. pyplot is not used at all (no GUI backend, no
global figure registry): a bare `Figure` saved as SVG needs neither.
"""
from __future__ import annotations

import io
import sys
from dataclasses import dataclass, replace
from importlib.util import find_spec
from pathlib import Path

from generator.figures.axis_labels import fitted_labels, label_step, legend_columns
from generator.figures.dark import with_dark_mode
from generator.figures.drawable import drawing_problem, matplotlib_quiet, warning_problem
from generator.figures.numbers import unit_scale
from generator.figures.panels import draw_panels, panels_height_cm
from generator.figures.plot import draw_series, dress_axes
from generator.figures.style import ACROSS_RC, FALLBACK_FONT, FONT, rc
from generator.incremental.hashing import digest

WIDTH_CM = 16.0             # the PDF's text width; the web page scales the SVG down
PHONE_WIDTH_CM = 9.0        # a phone's text column (~340 px): drawn again so labels keep their size
HEIGHT_CM = 7.5
_ACROSS_MAX = 15            # up to this many bars turn horizontal rather than hide a label


class ChartError(Exception):
    pass


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]   # one per category; None: missing
    derived: tuple[bool, ...]          # computed by the editors, drawn hatched / hollow
    color: str
    right: bool = False                # bar-line: a line on the right axis


@dataclass(frozen=True)
class ChartData:
    """Everything the drawing reads, so its hash is the cache key."""

    kind: str                          # line, bar, stacked-bar, bar-line
    title: str
    categories: tuple[str, ...]        # x values as written
    series: tuple[Series, ...]
    unit: str = ""
    unit2: str = ""
    height_cm: float = HEIGHT_CM
    highlight: tuple[int, ...] = ()    # indexes of categories to call out
    language: str = "zh"               # "zh" or "en": number formatting, legend words
    width_cm: float = WIDTH_CM         # PHONE_WIDTH_CM for the copy small screens show
    panels: bool = False               # each series a small chart of its own (panels.py)


def style_fingerprint() -> str:
    """The chart style is the code that draws (this module and plot.py, fonts and colours, label layout, number
    formats, thinning long lines, what can be drawn, the CJK widths and the interface words it uses)
    and matplotlib: any change redraws."""
    from generator import cjk, i18n
    from generator.figures import axis_labels, dark, downsample, drawable, numbers, panels, plot, style
    code = [Path(module.__file__ or "").read_bytes() for module in (sys.modules[__name__], plot, style, axis_labels,
                                                                     numbers, downsample, drawable, dark, panels, cjk,
                                                                     i18n)]
    return digest(*code, _matplotlib_release())


def _matplotlib_release() -> str:
    """Which matplotlib is installed, without importing it or importlib.metadata."""
    spec = find_spec("matplotlib")
    if spec is None or not spec.origin:
        return "none"
    version = Path(spec.origin).with_name("_version.py")
    found = version if version.is_file() else Path(spec.origin)
    return f"{found}:{found.read_bytes()!r}" if found is version else f"{found}:{found.stat().st_mtime_ns}"


def chart_key(chart: ChartData, style: str) -> str:
    return digest(style, chart)


def scaled(chart: ChartData) -> ChartData:
    """Values in 万吨/亿元 where Chinese readers expect them; units renamed to match."""
    zh = chart.language == "zh"
    def biggest(right: bool) -> float:
        found = [v for s in chart.series if s.right == right for v in s.values if v is not None]
        return max(max(found), -min(found)) if found else 0.0
    left, unit = unit_scale(chart.unit, biggest(False), zh)
    right, unit2 = unit_scale(chart.unit2, biggest(True), zh)
    series = tuple(s if (right if s.right else left) == 1 else
                   replace(s, values=tuple(None if v is None else v / (right if s.right else left) for v in s.values))
                   for s in chart.series)
    return replace(chart, series=series, unit=unit, unit2=unit2)


def render_svg(chart: ChartData) -> bytes:
    """The chart as SVG; a ChartError for what cannot be drawn as asked. What matplotlib warns or
    logs while drawing (a glyph no font has, a value it cannot place) becomes that error: each
    meant a chart drawn wrong (a box, a bar missing) under a build that said it was fine."""
    return _render(chart, "svg")


def render_png(chart: ChartData) -> bytes:
    """The chart as PNG at twice the pixels of its CSS size (PNG_DPI), on white: for the email and
    WeChat editions, whose readers show no SVG (and a dark mode would show through a transparent one)."""
    return _render(chart, "png")


PNG_DPI = 192    # 2 × CSS's 96 px to the inch: sharp on the phones and laptops most readers have


def png_size(chart: ChartData) -> tuple[int, int]:
    """The PNG's size in CSS pixels (its width= and height=); the file has twice as many."""
    width, height = chart.width_cm / 2.54 * PNG_DPI, figure_height_cm(chart) / 2.54 * PNG_DPI
    return int(width) // 2, int(height) // 2


def _render(chart: ChartData, fmt: str) -> bytes:
    with matplotlib_quiet():   # importing: notes on its config folder (a read-only home) are not the editor's
        from matplotlib import font_manager
    try:
        font_manager.findfont(FONT, fallback_to_default=False)
    except ValueError:
        raise ChartError(f"the font {FONT} is not installed (Debian: apt-get install fonts-noto-cjk); "
                         "Chinese labels cannot be drawn") from None
    problem = drawing_problem(chart)
    if problem:
        raise ChartError(problem)
    with matplotlib_quiet() as said:
        drawn = _figure(scaled(chart), fmt)
    if said:
        raise ChartError(warning_problem(said[0], chart, (FONT, FALLBACK_FONT)))
    return drawn


def _figure(chart: ChartData, fmt: str) -> bytes:
    import matplotlib  # only here: see the module docstring
    from matplotlib.figure import Figure
    across = _across(chart)
    with matplotlib.rc_context(rc() | (ACROSS_RC if across else {})):
        fig = Figure(figsize=(chart.width_cm / 2.54, figure_height_cm(chart) / 2.54), layout="constrained")
        if chart.panels:
            _legend(fig, draw_panels(fig, chart), chart)
        else:
            ax = fig.add_subplot()
            handles = draw_series(ax, chart, across)
            dress_axes(ax, chart, across)
            _legend(fig, handles, chart)
        out = io.BytesIO()
        if fmt == "png":   # no version stamp in the file: the same chart, the same bytes
            fig.savefig(out, format="png", dpi=PNG_DPI, facecolor="white", metadata={"Software": None})
        else:
            fig.savefig(out, format="svg", metadata={"Date": None, "Title": chart.title})
            return with_dark_mode(out.getvalue())
    return out.getvalue()


def _legend(fig, handles: list, chart: ChartData) -> None:
    """Above the plot; the small charts' marks of derived values (a hatched bar, a hollow dot) are
    one entry, 推算值, as they mean one thing."""
    from matplotlib.legend_handler import HandlerTuple
    if chart.panels and handles:
        fig.legend(handles=[tuple(handles)], labels=[handles[0].get_label()], loc="outside upper left",
                   handler_map={tuple: HandlerTuple(ndivide=None, pad=0.6)}, handlelength=1.4 * len(handles))
    elif handles:
        fig.legend(handles=handles, loc="outside upper left", ncols=legend_columns(handles, chart.width_cm))


def _across(chart: ChartData) -> bool:
    """Bars whose names would not all show below them lie across: paper has no table to name them."""
    if chart.kind not in ("bar", "stacked-bar") or len(chart.categories) > _ACROSS_MAX or chart.panels:
        return False
    return label_step(fitted_labels(chart.categories, chart.width_cm), chart.width_cm) > 1


def figure_height_cm(chart: ChartData) -> float:
    """The height as specified, or taller for bars lying across: a row for each name (and bar), or for
    small charts one above the other."""
    if chart.panels:
        return panels_height_cm(chart)
    if not _across(chart):
        return chart.height_cm
    lines = max(c.count("\n") + 1 for c in fitted_labels(chart.categories, chart.width_cm, across=True))
    row = max(12 * lines + 8, 9 * (1 if chart.kind == "stacked-bar" else len(chart.series)) + 8)   # pt
    return max(chart.height_cm, (len(chart.categories) * row + 60) / 72 * 2.54)   # + unit, ticks, legend
