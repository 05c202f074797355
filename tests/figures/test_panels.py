"""Small multiples (figures/panels.py, `panels: true`): each series a small chart of its own, side by
side on the page and on paper, one above the other on a phone, instead of a second axis (issue 23)."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator.errors import Report
from generator.figures.chart_html import chart_html
from generator.figures.charts import PHONE_WIDTH_CM, ChartData, Series, figure_height_cm, render_svg
from generator.figures.data import parse_table
from generator.figures.specs import parse_chart

QUARTERS = ("2023Q3", "2024Q2", "2024Q3")
PATH = Path("content/issues/2024-q3/market/a.md")


def prices_and_volumes(**changes) -> ChartData:
    volume = Series("成交量", (5055.38, 1342.84, 1718.83), (True, True, False), "#0f766e")
    close = Series("季末收盘价", (75.94, 90.44, 99.48), (True, True, False), "#65a30d", right=True)
    return replace(ChartData("bar-line", "成交量与季末收盘价", QUARTERS, (volume, close), "万吨", "元/吨",
                             panels=True), **changes)


def plot_boxes(svg: str) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of each plot, from its background patch."""
    found = re.findall(r'<g id="axes_\d+">\s*<g id="patch_\d+">\s*<path d="M ([\d.]+) ([\d.]+)\s+L ([\d.]+) '
                       r'[\d.]+\s+L [\d.]+ ([\d.]+)', svg)
    return [(float(a), min(float(b), float(d)), float(c), max(float(b), float(d))) for a, b, c, d in found]


def test_on_the_page_each_series_is_a_small_chart_beside_the_other_titled_with_its_unit():
    svg = render_svg(prices_and_volumes()).decode()
    left, right = plot_boxes(svg)
    assert left[2] < right[0] and left[1] == pytest.approx(right[1]) and left[3] == pytest.approx(right[3])
    assert "<!-- 成交量（万吨） -->" in svg and "<!-- 季末收盘价（元/吨） -->" in svg
    assert "<!-- 推算值 -->" in svg                                   # one legend entry for both marks
    assert svg.count("<!-- 2024Q2 -->") == 2                          # each names the quarters


def test_a_bar_line_without_panels_still_has_its_right_axis():
    svg = render_svg(prices_and_volumes(panels=False)).decode()
    assert len(plot_boxes(svg)) == 1 and svg.count('<g id="axes_') == 2   # one plot, a twin axis over it
    assert "<!-- 元/吨 -->" in svg and "<!-- 季末收盘价（元/吨） -->" not in svg   # the unit over the right axis


def test_on_a_phone_the_small_charts_stand_one_above_the_other_and_name_the_quarters_once():
    chart = prices_and_volumes(width_cm=PHONE_WIDTH_CM)
    svg = render_svg(chart).decode()
    top, bottom = plot_boxes(svg)
    assert top[3] < bottom[1] and top[0] == pytest.approx(bottom[0]) and top[2] == pytest.approx(bottom[2])
    assert svg.count("<!-- 2024Q2 -->") == 1
    assert figure_height_cm(chart) > figure_height_cm(prices_and_volumes())


def test_the_line_of_a_small_chart_starts_at_zero():
    svg = render_svg(prices_and_volumes()).decode()
    part = svg.split('<g id="axes_2">', 1)[1]
    ticks = re.findall(r'<g id="ytick_\d+">.*?<!-- (.*?) -->', part, re.S)
    assert ticks[0] == "0", ticks


def test_the_caption_leaves_the_units_to_the_small_charts():
    spec = parse_chart("type: bar-line\npanels: true\ndata: d.csv\nx: q\ny: v\ny2: c\ntitle: 成交量与收盘价\n"
                       "unit: [万吨, 元/吨]\ncaption: 来源：交易所\n", PATH, 3, Report())
    assert spec is not None and spec.panels
    table = parse_table("q,v,c\n2024Q3,1,2\n", "d.csv")
    html = chart_html(spec, prices_and_volumes(), table, "c.svg", "c-phone.svg")
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1)
    assert "成交量与收盘价" in caption and "单位" not in caption and "万吨" not in caption
    assert '<p class="chart-notes"><span class="chart-caption">来源：交易所</span></p>' in html


@pytest.mark.parametrize("text, message", [
    ("type: stacked-bar\npanels: true\ny: [a, b]\n", "panels: panels: true draws each series in its own small chart"),
    ("type: line\npanels: true\ny: [a]\n", "it needs two or more series"),
    ("type: line\npanels: maybe\ny: [a, b]\n", "panels:"),
])
def test_panels_that_cannot_be_drawn_are_an_error_at_their_line(text: str, message: str):
    report = Report()
    assert parse_chart(text + "data: d.csv\nx: q\ntitle: t\n", PATH, 10, report) is None
    [problem] = report.problems
    assert problem.line == 12 and message in problem.message
