"""Chart drawing: the number rules, deterministic SVG, the cache key, and the lazy matplotlib import."""
from __future__ import annotations

import dataclasses
import hashlib
import io
import itertools
import math
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from generator.figures import charts
from generator.figures.charts import (
    PHONE_WIDTH_CM,
    WIDTH_CM,
    ChartData,
    ChartError,
    Series,
    chart_key,
    png_size,
    render_png,
    render_svg,
    scaled,
    style_fingerprint,
)
from generator.figures.fences import chart_file
from generator.figures.numbers import format_number, label_decimals, tick_decimals, unit_scale
from generator.figures.plot import stack_bottoms
from tests.conftest import ROOT

QUARTERS = ("2023Q3", "2024Q2", "2024Q3")


def sample(kind: str = "bar-line", language: str = "zh") -> ChartData:
    volume = Series("成交量", (5055.38, 1342.84, 1718.83), (True, True, False), "#0f766e")
    close = Series("收盘价", (75.94, None, 99.48), (False, False, False), "#65a30d", right=kind == "bar-line")
    return ChartData(kind, "全国碳市场配额季度成交量与收盘价", QUARTERS, (volume, close),
                     "万吨", "元/吨" if kind == "bar-line" else "", highlight=(2,), language=language)


@pytest.mark.parametrize("unit, largest, zh, expected", [
    ("吨", 9_413_642, True, (1e4, "万吨")),
    ("吨", 95_000, True, (1.0, "吨")),
    ("元", 2_842_100_000, True, (1e8, "亿元")),
    ("万吨", 48_000, True, (1e4, "亿吨")),
    ("万吨", 1_718.83, True, (1.0, "万吨")),
    ("元/吨", 100.37, True, (1.0, "元/吨")),
    ("吨二氧化碳当量", 950_0000, True, (1e4, "万吨二氧化碳当量")),
    ("个", 33, True, (1.0, "个")),
    ("t", 9_413_642, False, (1.0, "t")),
    ("吨", 9_413_642, False, (1.0, "吨")),
])
def test_chinese_units(unit, largest, zh, expected):
    assert unit_scale(unit, largest, zh) == expected


def test_number_formats():
    assert format_number(1718.83, 2) == "1,718.83"
    assert format_number(-0.0001, 1) == "0"
    assert tick_decimals([0, 500, 1000, 1500]) == 0
    assert tick_decimals([0, 0.5, 1.0]) == 1
    assert tick_decimals([0.1, 0.15, 0.2]) == 2
    assert label_decimals([8, 2, 3, 20]) == 0
    assert label_decimals([275.7446, 9.8765]) == 1
    assert label_decimals([5055.38, 1718.83]) == 0
    assert label_decimals([0.25, 0.5]) == 2


@pytest.mark.parametrize("ticks, decimals", [
    ([0, 2.5, 5, 7.5, 10], 1),                      # not 0 2 5 8 10
    ([0, 0.25, 0.5, 0.75], 2),                      # not 0.2 0.5 0.8
    ([0, 0.1, 0.2, 0.30000000000000004, 0.4], 1),   # float noise is not a decimal
    ([0, 1000, 2000, 3000], 0),
    ([0, 0.001, 0.002, 0.003], 3),
    ([-5, -2.5, 0, 2.5], 1),
    ([10_000_000, 10_000_000.5, 10_000_001], 1),    # a real half on a large value is kept
    ([], 0),
])
def test_tick_decimals_show_the_step_exactly(ticks, decimals):
    assert tick_decimals(ticks) == decimals


def y_tick_labels(svg: str) -> list[str]:
    """The left axis's tick labels: matplotlib writes each text as a comment before its glyphs."""
    axis = svg.split('<g id="matplotlib.axis_2">', 1)[1].split('<g id="patch_', 1)[0]
    return re.findall(r'<g id="ytick_\d+">.*?<!-- (.*?) -->', axis, re.S)


@pytest.mark.parametrize("unit, values", [("个", (3.0, 8.0, 11.0)), ("吨", (30_000.0, 80_000.0, 110_000.0))])
def test_tick_labels_at_a_fractional_step_keep_their_decimals(unit, values):
    """3, 8, 11 gives gridlines every 2.5; in 吨 the same bars are 3, 8, 11 万吨."""
    chart = ChartData("bar", "t", ("A", "B", "C"), (Series("v", values, (False,) * 3, "#0f766e"),), unit)
    svg = render_svg(chart).decode()
    assert y_tick_labels(svg) == ["0", "2.5", "5.0", "7.5", "10.0"]
    assert f"<!-- {scaled(chart).unit} -->" in svg and scaled(chart).unit == {"个": "个", "吨": "万吨"}[unit]


def test_stacked_bars_stack_negatives_below_zero_and_positives_above():
    bottoms = stack_bottoms([(-5.0, 2.0, None, 4.0), (3.0, -1.0, 6.0, None), (-2.0, 1.0, -3.0, 1.0)])
    assert bottoms == [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 4.0], [-5.0, 2.0, 0.0, 4.0]]


def bar_spans(svg: str) -> set[tuple[str, float, float]]:
    """(colour, bottom, top) of each bar, in data units read off the left axis's gridlines."""
    grid = re.findall(r'<g id="ytick_\d+">\s*<g id="line2d_\d+">\s*<path d="M [\d.]+ ([\d.]+).*?<!-- (.*?) -->',
                      svg, re.S)
    (y0, v0), (y1, v1) = [(float(y), float(v.replace(",", ""))) for y, v in grid[:2]]
    value = lambda y: round(v0 + (float(y) - y0) * (v1 - v0) / (y1 - y0), 2)   # noqa: E731
    bars = re.findall(r'<g id="patch_\d+">\s*<path d="M [\d.]+ ([\d.]+)\s+L [\d.]+ [\d.]+\s+L [\d.]+ ([\d.]+)\s+'
                      r'L [^"]*z\s*"[^>]*style="fill: (#[0-9a-f]{6})"', svg)
    return {(color, *sorted((value(a), value(b)))) for a, b, color in bars}


@pytest.mark.parametrize("width", [WIDTH_CM, PHONE_WIDTH_CM])
def test_a_stacked_bar_with_a_negative_value_is_drawn_at_its_value(width):
    """a = -5 and b = 3 at A were drawn as -5..-2 and so read as -5 and -3."""
    chart = ChartData("stacked-bar", "t", ("A", "B"), (Series("a", (-5.0, 2.0), (False, False), "#0f766e"),
                                                       Series("b", (3.0, -1.0), (False, False), "#65a30d")),
                      width_cm=width)
    assert bar_spans(render_svg(chart).decode()) == {("#0f766e", -5.0, 0.0), ("#0f766e", 0.0, 2.0),
                                                     ("#65a30d", 0.0, 3.0), ("#65a30d", -1.0, 0.0)}


def test_scaled_divides_values_and_renames_units():
    chart = dataclasses.replace(sample("bar"), unit="吨",
                                series=(Series("成交量", (2_757_446.0, None), (False, False), "#0f766e"),),
                                categories=("上海", "北京"))
    drawn = scaled(chart)
    assert drawn.unit == "万吨" and drawn.series[0].values == (275.7446, None)


@pytest.mark.parametrize("kind", ["line", "bar", "stacked-bar", "bar-line"])
def test_every_type_draws_deterministic_svg_with_text_as_paths(kind: str):
    first, second = render_svg(sample(kind)), render_svg(sample(kind))
    assert first == second
    text = first.decode("utf-8")
    assert text.startswith("<?xml") and "<svg" in text
    assert "<text" not in text                      # glyphs as paths: no font needed to view it
    assert "<dc:date>" not in text                  # no build date in the metadata
    assert "<dc:title>全国碳市场配额季度成交量与收盘价</dc:title>" in text


@pytest.mark.slow
def test_svg_is_byte_identical_across_processes():
    """Hash salt and ids must not depend on the process (object ids, hash seeds)."""
    code = ("import hashlib, sys; from tests.figures.test_charts import sample; "
            "from generator.figures.charts import render_svg; "
            "sys.stdout.write(hashlib.sha256(render_svg(sample())).hexdigest())")
    runs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout for seed in ("1", "2")}
    assert runs == {hashlib.sha256(render_svg(sample())).hexdigest()}


def test_labels_in_the_language_with_separators_and_units():
    """matplotlib writes each text as a comment before its glyph paths: the words can be checked."""
    zh, en = render_svg(sample()).decode(), render_svg(sample(language="en")).decode()
    assert "<!-- 推算值 -->" in zh and "<!-- derived -->" in en
    assert "<!-- 4,000 -->" in zh and "<!-- 万吨 -->" in zh and "<!-- 元/吨 -->" in zh
    assert "<!-- 成交量 -->" in zh and "<!-- 收盘价 -->" in zh     # two series: a legend


def test_one_series_needs_no_legend():
    chart = dataclasses.replace(sample("bar"), series=(Series("项目数", (8.0, 2.0, 20.0), (False,) * 3, "#0f766e"),),
                                unit="个")
    svg = render_svg(chart).decode()
    assert "<!-- 项目数 -->" not in svg and "<!-- 20 -->" in svg    # values printed on the bars


def test_cache_key_follows_data_and_style():
    style = style_fingerprint()
    base = chart_key(sample(), style)
    assert chart_key(sample(), style) == base
    changed = dataclasses.replace(sample(), categories=("2023Q3", "2024Q2", "2024Q4"))
    assert chart_key(changed, style) != base
    assert chart_key(dataclasses.replace(sample(), language="en"), style) != base
    assert chart_key(sample(), style + "x") != base


def test_style_fingerprint_covers_the_drawing_code(monkeypatch, tmp_path):
    from generator import cjk, i18n
    from generator.figures import axis_labels, dark, downsample, drawable, numbers, panels, plot, style
    modules = (charts, plot, panels, dark, style, axis_labels, numbers, downsample, drawable, cjk, i18n)
    before = style_fingerprint()
    for module in modules:   # the drawing code: a change in any redraws
        copy = tmp_path / f"{module.__name__}.py"
        copy.write_bytes(Path(module.__file__).read_bytes())
        monkeypatch.setattr(module, "__file__", str(copy))
    assert style_fingerprint() == before
    for module in modules:
        with open(module.__file__, "ab") as fh:
            fh.write(b"\n# labels break elsewhere\n")
        assert style_fingerprint() != before
        before = style_fingerprint()


def test_missing_font_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(charts, "FONT", "No Such Font SC")
    with pytest.raises(ChartError, match="font No Such Font SC is not installed"):
        render_svg(sample())


def test_importing_the_chart_modules_does_not_import_matplotlib():
    code = ("import sys, generator.figures.fences, generator.figures.charts; "
            "sys.exit(1 if any(m.startswith('matplotlib') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_a_long_chinese_label_wraps_on_the_phone_copy_instead_of_hiding_a_neighbour():
    from generator.figures.axis_labels import fitted_labels as _fitted_labels
    from generator.figures.axis_labels import label_step as _label_step
    from generator.figures.charts import PHONE_WIDTH_CM, WIDTH_CM
    pilots = ("上海", "其他七个试点合计", "八个试点合计")
    phone = _fitted_labels(pilots, PHONE_WIDTH_CM)
    assert phone == ("上海", "其他七个\n试点合计", "八个试点合计") and _label_step(phone, PHONE_WIDTH_CM) == 1
    assert _fitted_labels(pilots, WIDTH_CM) == pilots                     # room enough on the page
    days = tuple(f"2024-{m:02d}-01" for m in range(1, 13))
    assert _fitted_labels(days, PHONE_WIDTH_CM) == days                   # a date is never broken …
    assert _label_step(days, PHONE_WIDTH_CM) > 1                          # … every k-th is labelled


def test_a_wrapped_label_keeps_brackets_and_marks_with_their_words():
    from generator.figures.axis_labels import fitted_labels as _fitted_labels
    wide = ("广东（不含深圳）试点", "其他七个试点合计*", "北京")
    first, second, _ = _fitted_labels(wide, 5.0)
    assert "\n" in first and not first.split("\n")[1].startswith("）") and not first.split("\n")[0].endswith("（")
    assert not second.split("\n")[1].startswith("*")


LONG_NAMES = tuple(f"这是一个非常非常非常非常长的类别名称第{i}号项目" for i in range(1, 6))


def tick_texts(svg: str, axis: str) -> list[str]:
    """Each labelled tick's text on the x or y axis, a two-line label's lines (one comment each) joined."""
    part = svg.split(f'<g id="matplotlib.axis_{2 if axis == "y" else 1}">', 1)[1]
    part = re.split(r'<g id="(?:matplotlib\.axis_\d|patch_\d+)">', part, maxsplit=1)[0]
    ticks = re.split(rf'<g id="{axis}tick_\d+">', part)[1:]
    return [text for text in ("".join(re.findall(r"<!-- (.*?) -->", t)) for t in ticks) if text]


def bar_boxes(svg: str, color: str) -> list[tuple[float, ...]]:
    """(left, top, right, bottom) in SVG points of each plain bar of that colour."""
    found = re.findall(r'<g id="patch_\d+">\s*<path d="M ([\d.]+) ([\d.]+)\s+L [\d.]+ [\d.]+\s+L ([\d.]+) ([\d.]+)\s+'
                       rf'L [^"]*z\s*"[^>]*style="fill: {color}"', svg)
    return [(min(float(a), float(c)), min(float(b), float(d)), max(float(a), float(c)), max(float(b), float(d)))
            for a, b, c, d in found]


@pytest.mark.parametrize("width", [WIDTH_CM, PHONE_WIDTH_CM])
def test_long_category_names_turn_the_bars_horizontal_and_all_show(width):
    """Five ~20-character names showed 3 of 5 on the page and 1 of 5 on the phone (and paper has no table)."""
    values = Series("v", (12.0, 30.5, 7.0, 22.0, 18.0), (False,) * 5, "#0f766e")
    short = render_svg(ChartData("bar", "t", tuple("ABCDE"), (values,), width_cm=width)).decode()
    assert tick_texts(short, "x") == list("ABCDE")                      # names fit: upright, as before
    assert len({round(box[3], 1) for box in bar_boxes(short, "#0f766e")}) == 1     # one baseline
    chart = ChartData("bar", "t", LONG_NAMES, (values,), width_cm=width)
    svg = render_svg(chart).decode()
    assert tick_texts(svg, "y") == list(LONG_NAMES)                     # every name, top to bottom
    assert tick_texts(svg, "x") == ["0", "10", "20", "30"]              # the values run across
    boxes = bar_boxes(svg, "#0f766e")
    assert len({round(box[0], 1) for box in boxes}) == 1 and [b[1] for b in boxes] == sorted(b[1] for b in boxes)
    assert "<!-- 30.5 -->" in svg                                       # values still at the bar ends
    many = dataclasses.replace(chart, categories=LONG_NAMES * 3,
                               series=(Series("v", (1.0,) * 15, (False,) * 15, "#0f766e"),))
    assert len(tick_texts(render_svg(many).decode(), "y")) == 15 and charts.figure_height_cm(many) > 2 * chart.height_cm


@pytest.mark.parametrize("width", [WIDTH_CM, PHONE_WIDTH_CM])
def test_horizontal_stacked_bars_stack_negatives_left_and_positives_right(width):
    chart = ChartData("stacked-bar", "t", LONG_NAMES, (Series("a", (-5.0, 2, 1, 1, 1), (False,) * 5, "#0f766e"),
                                                     Series("b", (3.0, -1, 1, 1, 1), (False,) * 5, "#65a30d")),
                      width_cm=width)
    svg = render_svg(chart).decode()
    assert tick_texts(svg, "y") == list(LONG_NAMES)
    (a, *_), (b, *_) = bar_boxes(svg, "#0f766e"), bar_boxes(svg, "#65a30d")   # the first name's row: a = -5, b = 3
    assert a[2] == pytest.approx(b[0]) and (a[2] - a[0]) / (b[2] - b[0]) == pytest.approx(5 / 3)


def test_a_two_line_label_is_not_broken_inside_brackets():
    from generator.figures.axis_labels import fitted_labels as _fitted_labels
    from generator.figures.charts import PHONE_WIDTH_CM
    (label,) = _fitted_labels(("其他1个（试点）地区合计值",), PHONE_WIDTH_CM, across=True)
    top, bottom = label.split("\n")
    assert top.count("（") == top.count("）") and bottom.count("（") == bottom.count("）"), label


# --- what an editor writes is drawn as written: text, never mathtext; no matplotlib warning escapes --------

def drawn_texts(svg: str) -> dict[str, list[list[str]]]:
    """Each text matplotlib drew → the glyph ids it used, each time it drew it. matplotlib writes the text as a comment
    before a group of `<use>` of its glyphs (read with a real XML parser, comments kept)."""
    from xml.etree import ElementTree as ET
    root = ET.fromstring(svg, ET.XMLParser(target=ET.TreeBuilder(insert_comments=True)))
    out: dict[str, list[list[str]]] = {}
    for parent in root.iter():
        children = list(parent)
        for comment, group in itertools.pairwise(children):
            if comment.tag is ET.Comment and group.tag.endswith("}g"):
                uses = [u.get("{http://www.w3.org/1999/xlink}href", "")[1:] for u in group.iter()
                        if u.tag.endswith("}use")]
                out.setdefault((comment.text or "").strip(), []).append(uses)
    return out


DOLLARS = ("US$5-$6", "$\\foo$", "$x^2$ 万吨")


@pytest.mark.parametrize("kind", ["line", "bar", "bar-line"])
def test_dollar_signs_in_labels_categories_and_units_are_drawn_as_written(kind: str):
    """`$\\foo$` was an internal error (mathtext could not parse it); `US$5-$6` was drawn as a formula."""
    series = (Series(DOLLARS[0], (1.0, 2.0, 3.0), (False,) * 3, "#0f766e"),
              Series(DOLLARS[1], (2.0, 1.0, 3.0), (False,) * 3, "#65a30d", right=kind == "bar-line"))
    chart = ChartData(kind, "t $\\foo$", DOLLARS, series, DOLLARS[2], DOLLARS[0] if kind == "bar-line" else "")
    texts = drawn_texts(render_svg(chart).decode())
    for text in DOLLARS:
        assert text in texts, sorted(texts)
        for glyphs in texts[text]:
            assert len(glyphs) == len(text), (text, glyphs)     # one glyph a character: no formula
            assert all(g.startswith("NotoSansCJKsc-Regular-") for g in glyphs), (text, glyphs)   # not math italics


def test_a_highlighted_dollar_category_is_drawn_as_written():
    chart = ChartData("bar", "t", DOLLARS, (Series("v", (1.0, 2.0, 3.0), (False,) * 3, "#0f766e"),), highlight=(1,))
    (glyphs,) = drawn_texts(render_svg(chart).decode())["$\\foo$"]
    assert len(glyphs) == 6 and all(g.startswith("NotoSansCJKsc-Bold-") for g in glyphs)


def test_a_subscript_two_is_drawn_from_the_fallback_font_without_a_warning():
    """Noto Sans CJK has no ₂: 'CO₂' drew a box and printed matplotlib's 'Glyph 8322 missing' warning."""
    chart = ChartData("bar", "t", ("CO₂", "CH₄"), (Series("v", (1.0, 2.0), (False,) * 2, "#0f766e"),), "万吨CO₂e")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        texts = drawn_texts(render_svg(chart).decode())
    assert [[g.split("-")[0] for g in glyphs] for glyphs in texts["CO₂"]] == [["NotoSansCJKsc"] * 2 + ["DejaVuSans"]]


@pytest.mark.parametrize("label, message", [
    ("排放📈", "'📈' (U+1F4C8) in '排放📈' is in none of the chart's fonts"),
    ("𠀀", "'𠀀' (U+20000) in '𠀀' is in none of the chart's fonts"),
])
def test_a_character_no_font_has_is_a_chart_error_not_a_warning(label: str, message: str):
    chart = ChartData("bar", "t", ("a", label), (Series("v", (1.0, 2.0), (False,) * 2, "#0f766e"),))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ChartError, match=re.escape(message)):
            render_svg(chart)


@pytest.mark.parametrize("values", [(1.0, math.inf, 2.0), (1.0, math.nan, 2.0), (1e300, -1e300, 0.0)])
def test_values_matplotlib_cannot_draw_are_a_chart_error_never_a_warning(values):
    """The data reader refuses these (test_data.py); drawing refuses them too, should another way in appear:
    a 400-digit cell was an inf, four RuntimeWarnings on the terminal and a bar missing, exit 0."""
    for kind in ("bar", "line", "stacked-bar"):
        chart = ChartData(kind, "t", QUARTERS, (Series("v", values, (False,) * 3, "#0f766e"),))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(ChartError, match="cannot be drawn"):
                render_svg(chart)


@pytest.mark.parametrize("width", [WIDTH_CM, PHONE_WIDTH_CM])
def test_texts_that_leave_no_room_for_the_chart_are_named(width: float):
    """matplotlib warned 'constrained_layout not applied because axes sizes collapsed to zero' and drew
    the chart squashed; the editor is told which text is too long."""
    long = "长" * 200
    chart = ChartData("bar", "t", ("a", long), (Series("v", (1.0, 2.0), (False,) * 2, "#0f766e"),), "万吨")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ChartError, match=f"leave no room for the chart at its {width:g} cm width: "
                                             f"shorten the longest, '长长长长长长长长长长…' \\(200 characters\\)"):
            render_svg(dataclasses.replace(chart, width_cm=width))


# --- long series: drawn in time bounded by the chart's width, not its rows ----------------------------

def line_vertices(svg: str, color: str) -> list[tuple[float, float]]:
    """The points of the line drawn in `color` (SVG coordinates: y grows downwards)."""
    path = re.search(rf'<path d="M ([^"]*)"[^>]*style="fill: none; stroke: {color}', svg)
    assert path, f"no line in {color}"
    return [(float(x), float(y)) for x, y in re.findall(r"([\d.]+) ([\d.]+)", path[1])]


@pytest.mark.parametrize("width", [WIDTH_CM, PHONE_WIDTH_CM])
def test_a_long_line_has_a_few_labelled_ticks_and_points_bounded_by_its_width(width: float):
    """A tick for every row (set_xticks(range(n))) made the drawing time grow with the rows."""
    from generator.figures.downsample import drawing_columns
    n = 50_000
    values = [float(k % 1000) for k in range(n)]
    values[31_337] = 5000.0                                 # one day's spike
    days = tuple(f"D{k:05d}" for k in range(n))
    chart = ChartData("line", "t", days, (Series("v", tuple(values), (False,) * n, "#0f766e"),), width_cm=width,
                      highlight=(40_000,))
    svg = render_svg(chart).decode()
    labels = tick_texts(svg, "x")
    assert 3 <= len(labels) <= 20 and "D40000" in labels   # as many as fit, and the highlighted one
    assert svg.count('<g id="xtick_') == len(labels)         # no empty ticks either
    points = line_vertices(svg, "#0f766e")
    assert len(points) <= 4 * drawing_columns(width)
    top = min(y for _, y in points)                           # the spike is still the highest point …
    assert sum(1 for _, y in points if y == top) == 1 and len(svg) < 400_000


def test_derived_points_of_a_long_line_are_marked_where_it_is_drawn():
    n = 10_000
    derived = tuple(k >= n - 100 for k in range(n))        # the last 100 days estimated
    chart = ChartData("line", "t", tuple(map(str, range(n))),
                      (Series("v", tuple(float(k % 17) for k in range(n)), derived, "#0f766e"),))
    svg = render_svg(chart).decode()
    hollow = svg.count("<use xlink:href=\"#m")
    assert 0 < hollow <= 4 * 100 and "<!-- 推算值 -->" in svg


def test_what_matplotlib_warns_or_logs_while_drawing_is_collected_not_printed(capfd):
    import logging

    from generator.figures.drawable import matplotlib_quiet
    logger = logging.getLogger("matplotlib")
    before = (list(logger.handlers), logger.propagate)
    with matplotlib_quiet() as said:
        logging.getLogger("matplotlib.text").warning("posx and posy should be finite values")
        logging.getLogger("matplotlib.font_manager").info("a note")
        warnings.warn("Glyph 128200 missing", UserWarning, stacklevel=1)
        warnings.warn("old API", DeprecationWarning, stacklevel=1)        # for developers: not the editor's
    assert said == ["posx and posy should be finite values", "Glyph 128200 missing"]
    assert capfd.readouterr() == ("", "")
    assert (logger.handlers, logger.propagate) == before                    # left as it was


@pytest.mark.slow
def test_matplotlib_says_nothing_where_its_config_folder_cannot_be_written(tmp_path):
    """A read-only home (CI, a container): matplotlib logged two lines about a temporary cache folder."""
    code = ("from tests.figures.test_charts import sample; from generator.figures.charts import render_svg; "
            "render_svg(sample())")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "MPLCONFIGDIR": "/proc/no-such-folder"})
    assert done.returncode == 0 and done.stderr == "", done.stderr


# --- the PNG rendition (the email and WeChat editions) -------------------------------------------

def test_the_png_has_twice_the_pixels_of_its_css_size_on_white_and_is_the_same_every_time():
    from PIL import Image
    chart = dataclasses.replace(sample(), width_cm=PHONE_WIDTH_CM)
    first, second = render_png(chart), render_png(chart)
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and first == second
    with Image.open(io.BytesIO(first)) as image:
        width, height = png_size(chart)
        assert image.size == (2 * width, 2 * height) and width == 340
        assert image.convert("RGB").getpixel((1, 1)) == (255, 255, 255)   # dark mode shows no black on black
        assert "Software" not in image.info   # no version stamp: the same chart, the same bytes


def test_drawing_the_png_changes_no_svg_byte(tmp_path):
    chart = sample()
    before = render_svg(chart)
    png, drawn = chart_file(chart, tmp_path, kind="png")
    svg, svg_drawn = chart_file(chart, tmp_path, kind="svg")
    assert drawn and svg_drawn and svg == before == render_svg(chart)
    assert chart_file(chart, tmp_path, kind="png") == (png, False)   # cached beside the SVG, by content hash
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".png", ".svg"]


def test_a_chart_follows_dark_mode_by_its_own_style_and_keeps_its_print_colours():
    """Issue 23: in dark mode every chart was a bright paper-coloured card. The SVG recolours itself
    under prefers-color-scheme: dark (browsers apply it; WeasyPrint ignores @media in an SVG)."""
    import xml.etree.ElementTree as ET

    from generator.figures.style import DARK, INK, PALETTE
    chart = ChartData("bar", "成交量", ("2024Q2", "2024Q3"), (Series("成交量", (1.0, 2.0), (True, False), PALETTE[0]),))
    svg = render_svg(chart).decode("utf-8")
    root = ET.fromstring(svg)
    styles = [el.text or "" for el in root.iter("{http://www.w3.org/2000/svg}style")]
    dark = next(s for s in styles if "prefers-color-scheme: dark" in s)
    assert f'[style*="fill: {INK}"]{{fill:{DARK[INK]}!important}}' in dark
    assert f'[style*="fill: {PALETTE[0]}"]{{fill:{DARK[PALETTE[0]]}!important}}' in dark
    assert f"fill: {PALETTE[0]}" in svg and "<!--" in svg      # drawn in print colours; its labels named
