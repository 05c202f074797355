"""Small multiples (`panels: true`): each series of a chart drawn as a small chart of its own,
side by side, over the same categories: the price beside the volume rather than a second scale
on one plot, where a line crossing a bar looks like it means something and each scale can be
stretched to tell a story (issue 23). Each small chart is the kind the series would have been
(a bar-line's `y` bars, its `y2` lines), titled with its name and unit, its values from zero.

On the phone copy the small charts stand one above the other, each as wide as the screen: side by
side, two 4.5 cm charts had room for every other category name only."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from generator.figures.style import INK
from generator.i18n import FIGURE_LABELS

if TYPE_CHECKING:
    from generator.figures.charts import ChartData

SIDE_BY_SIDE_CM = 12.0   # a narrower chart (the phone copy) stacks its small charts
STACKED_SHARE = 0.62     # a stacked small chart's height, as a share of the chart's height


def panel_grid(chart: ChartData) -> tuple[int, int]:
    """(rows, columns) of the small charts."""
    n = len(chart.series)
    return (1, n) if chart.width_cm >= SIDE_BY_SIDE_CM else (n, 1)


def panels_height_cm(chart: ChartData) -> float:
    rows, _ = panel_grid(chart)
    return chart.height_cm if rows == 1 else round(chart.height_cm * STACKED_SHARE * rows, 2)


def panel_charts(chart: ChartData) -> list[ChartData]:
    """One chart a series of `chart` (already in 万/亿): its own kind, its share of the width, no
    unit of its own (its title carries it)."""
    _, columns = panel_grid(chart)
    return [replace(chart, kind="line" if chart.kind == "line" or s.right else "bar",
                    series=(replace(s, right=False),), unit="", unit2="", highlight=chart.highlight,
                    width_cm=chart.width_cm / columns, panels=False)
            for s in chart.series]


def panel_title(chart: ChartData, index: int) -> str:
    """The series' name and its unit, as the 数据 table heads its column: 成交量（万吨）."""
    s = chart.series[index]
    unit = chart.unit2 if s.right else chart.unit
    paren = FIGURE_LABELS[chart.language]["paren"]
    return s.label + (paren.format(unit) if unit else "")


def draw_panels(fig: Any, chart: ChartData) -> list:
    """The small charts on `fig`; the legend's handles (the derived values' marks, if any)."""
    from generator.figures.plot import draw_series, dress_axes  # drawn as any chart is: one home for the style
    rows, columns = panel_grid(chart)
    handles = []
    axes = fig.subplots(rows, columns, squeeze=False).flatten()
    for i, (ax, small) in enumerate(zip(axes, panel_charts(chart), strict=True)):
        handles += draw_series(ax, small)   # a single series: its derived mark only
        dress_axes(ax, small)
        ax.set_title(panel_title(chart, i), loc="left", color=INK, fontsize=9)
        ax.set_ymargin(0.15)   # room for the tallest bar's value under the title
        if all(v >= 0 for v in small.series[0].values if v is not None):
            ax.set_ylim(bottom=0)   # a line from zero too: its height is comparable with its neighbour's
        if i < len(axes) - columns:
            ax.tick_params(labelbottom=False)   # stacked: the categories are named once, at the foot
    return handles
