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
import math
import sys
from dataclasses import dataclass, replace
from importlib.util import find_spec
from pathlib import Path

from generator.figures.axis_labels import axis_ticks, fitted_labels, label_step, legend_columns
from generator.figures.dark import with_dark_mode
from generator.figures.downsample import drawing_columns, kept_points
from generator.figures.drawable import drawing_problem, matplotlib_quiet, warning_problem
from generator.figures.numbers import format_number, label_decimals, tick_decimals, unit_scale
from generator.figures.panels import draw_panels, panels_height_cm
from generator.figures.style import ACROSS_RC, CALL_OUT, FALLBACK_FONT, FONT, LABEL_PT, MUTED, rc
from generator.i18n import FIGURE_LABELS
from generator.incremental.hashing import digest

WIDTH_CM = 16.0             # the PDF's text width; the web page scales the SVG down
PHONE_WIDTH_CM = 9.0        # a phone's text column (~340 px): drawn again so labels keep their size
HEIGHT_CM = 7.5
_LABELLED_BARS = 12         # up to this many bars of one series get their value printed
_MARKED_POINTS = 24         # up to this many points of a line get a dot
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
    """The chart style is the code that draws (this module, fonts and colours, label layout, number
    formats, thinning long lines, what can be drawn, the CJK widths and the interface words it uses)
    and matplotlib: any change redraws."""
    from generator import cjk, i18n
    from generator.figures import axis_labels, dark, downsample, drawable, numbers, panels, style
    code = [Path(module.__file__ or "").read_bytes() for module in (sys.modules[__name__], style, axis_labels, numbers,
                                                                     downsample, drawable, dark, panels, cjk, i18n)]
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
            handles = _draw(ax, chart, across)
            _axes(ax, chart, across)
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


def _draw(ax, chart: ChartData, across: bool = False) -> list:
    """Draw the series; return the legend's handles (none for a single series without derived values)."""
    left = [s for s in chart.series if not s.right]
    if chart.kind == "line":
        handles = [_line(ax, s, chart.width_cm) for s in left]
    else:
        handles = _bars(ax, chart, left, chart.kind == "stacked-bar", across)
    right = [s for s in chart.series if s.right]
    if right:
        ax2 = ax.twinx()
        ax2.grid(False)
        handles += [_line(ax2, s, chart.width_cm) for s in right]
        _value_axis(ax2, chart.unit2, "right", right[0].color if len(right) == 1 else MUTED)
        if all(v >= 0 for s in right for v in s.values if v is not None):
            # from zero, like the bars: a right axis starting near its lowest value put that point
            # on the bars' baseline, as if the price had fallen to nothing
            ax2.set_ylim(bottom=0)
    if len(chart.series) == 1:
        handles = []   # one series: the title names it
    if any(any(s.derived) for s in chart.series):
        handles.append(_derived_handle(chart))
    return handles


def _line(ax, s: Series, width_cm: float):
    """A long series is drawn thinned to the chart's columns (downsample.py): time and bytes follow
    the chart's width, not its rows."""
    kept = kept_points(s.values, drawing_columns(width_cm))
    xs = [math.nan if k is None else k for k in kept]
    values = [math.nan if v is None else v for v in s.values]
    ys = [math.nan if k is None else values[k] for k in kept]
    marker = "o" if len(s.values) <= _MARKED_POINTS else None   # a long daily series is a line, not beads
    (line,) = ax.plot(xs, ys, color=s.color, marker=marker, label=s.label, solid_capstyle="round",
                      linewidth=2.0 if marker else 1.4)
    hollow = [(x, y) for x, y, k in zip(xs, ys, kept, strict=True)
              if k is not None and s.derived[k] and not math.isnan(y)]
    if hollow:
        ax.plot(*zip(*hollow, strict=False), linestyle="none", marker="o", markerfacecolor="white",
                markeredgecolor=s.color, markeredgewidth=1.5)
    return line


def _bars(ax, chart: ChartData, series: list[Series], stacked: bool, across: bool) -> list:
    from matplotlib.patches import Patch
    n = len(chart.categories)
    width = 0.7 if stacked else 0.7 / len(series)
    bottoms = stack_bottoms([s.values for s in series]) if stacked else [[0.0] * n for _ in series]
    for i, s in enumerate(series):
        shift = 0.0 if stacked else (i - (len(series) - 1) / 2) * width
        shown = {k: v for k, v in enumerate(s.values) if v is not None}
        idx = list(shown)
        colors = [CALL_OUT if len(series) == 1 and k in chart.highlight else s.color for k in idx]
        bars = (ax.barh if across else ax.bar)([k + shift for k in idx], list(shown.values()), width * 0.92,
                                               [bottoms[i][k] for k in idx], color=colors, linewidth=0)
        for bar, k, color in zip(bars, idx, colors, strict=False):
            if s.derived[k]:
                _mark_derived(ax, bar, color)
        if not stacked and len(series) == 1 and len(idx) <= _LABELLED_BARS:
            decimals = label_decimals(list(shown.values()))
            ax.bar_label(bars, labels=[format_number(v, decimals) for v in shown.values()], padding=2,
                         fontsize=LABEL_PT - 1, color=MUTED)
    return [Patch(color=s.color, label=s.label) for s in series]


def stack_bottoms(values: list[tuple[float | None, ...]]) -> list[list[float]]:
    """Where each series' bar starts, per category: positives stack up from 0 on the positives
    before them, negatives down on the negatives (stacked on the running sum, a -5 then a 3
    would be drawn as -5..-2, the 3 looking like a -3)."""
    up = [0.0] * max((len(v) for v in values), default=0)
    down = list(up)
    out = []
    for series in values:
        out.append([down[k] if v is not None and v < 0 else up[k] for k, v in enumerate(series)])
        for k, v in enumerate(series):
            if v is not None:
                (down if v < 0 else up)[k] += v
    return out


def _mark_derived(ax, bar, color: str) -> None:
    """A pale fill, hatched in the series colour: still the same series, visibly not reported.

    The hatch is a second, unfilled patch: SVG applies a fill's opacity to its hatch too.
    """
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Rectangle
    bar.set(facecolor=to_rgba(color, 0.3), edgecolor=color, linewidth=0.6)
    ax.add_patch(Rectangle(bar.get_xy(), bar.get_width(), bar.get_height(), facecolor="none",
                           edgecolor=color, hatch="////", linewidth=0))


def _derived_handle(chart: ChartData):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    label = FIGURE_LABELS[chart.language]["derived"]
    if chart.kind == "line":
        return Line2D([], [], linestyle="none", marker="o", markerfacecolor="white",
                      markeredgecolor=MUTED, markeredgewidth=1.5, label=label)
    return Patch(facecolor="none", edgecolor=MUTED, hatch="////", linewidth=0.6, label=label)


def _axes(ax, chart: ChartData, across: bool = False) -> None:
    n = len(chart.categories)
    if across:   # every name, top to bottom in data order
        shown = list(range(n))
        ax.set_yticks(shown, fitted_labels(chart.categories, chart.width_cm, across=True))
        ax.set_ylim(n - 0.4, -0.6)
    else:   # every k-th name, and the called out ones: as many ticks as fit, whatever the rows
        named = axis_ticks(chart.categories, chart.width_cm, chart.highlight)
        shown = list(named)
        ax.set_xticks(shown, list(named.values()))
        ax.set_xlim(-0.6, n - 0.4)
    ticks = ax.get_yticklabels() if across else ax.get_xticklabels()
    for label in ticks:
        label.set_multialignment("right" if across else "center")   # two lines: against the axis / under the bar
    for k in chart.highlight:
        ticks[shown.index(k)].set(color=CALL_OUT, fontweight="bold")
        if chart.kind == "line":
            ax.axvspan(k - 0.5, k + 0.5, color=CALL_OUT, alpha=0.08, linewidth=0)
    _value_axis(ax, chart.unit, "left", MUTED, "x" if across else "y")


def _value_axis(ax, unit: str, side: str, color: str, axis: str = "y") -> None:
    from matplotlib.ticker import Formatter, MaxNLocator

    class Ticks(Formatter):
        """Thousands separators, and the decimals the tick step needs."""
        def format_ticks(self, values):
            decimals = tick_decimals(list(values))
            return [format_number(v, decimals) for v in values]

        def __call__(self, x, pos=None):
            return format_number(x, 2)

    values = ax.xaxis if axis == "x" else ax.yaxis
    values.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    values.set_major_formatter(Ticks())
    ax.tick_params(axis=axis, labelcolor=color)
    if unit:
        ax.set_title(unit, loc=side, color=color)   # above the axis, read horizontally
