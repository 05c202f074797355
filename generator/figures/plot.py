"""What is drawn on one plot: the series (lines, bars, stacks, the marks of derived values)
and its axes (ticks, the called-out categories, the value axis with its unit). A chart
(charts.py) and each small chart of a panel figure (panels.py) are drawn by the same code."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from generator.figures.axis_labels import axis_ticks, fitted_labels
from generator.figures.downsample import drawing_columns, kept_points
from generator.figures.numbers import format_number, label_decimals, tick_decimals
from generator.figures.style import CALL_OUT, LABEL_PT, MUTED
from generator.i18n import FIGURE_LABELS

if TYPE_CHECKING:
    from generator.figures.charts import ChartData, Series

_LABELLED_BARS = 12         # up to this many bars of one series get their value printed
_MARKED_POINTS = 24         # up to this many points of a line get a dot


def draw_series(ax, chart: ChartData, across: bool = False) -> list:
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
        value_axis(ax2, chart.unit2, "right", right[0].color if len(right) == 1 else MUTED)
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


def dress_axes(ax, chart: ChartData, across: bool = False) -> None:
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
    value_axis(ax, chart.unit, "left", MUTED, "x" if across else "y")


def value_axis(ax, unit: str, side: str, color: str, axis: str = "y") -> None:
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
