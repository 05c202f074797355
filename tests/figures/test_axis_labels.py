"""generator/figures/axis_labels.py: label sizes estimated from the text, where a long label breaks,
how many labels fit. (Labels in drawn charts: tests/figures/test_charts.py.)"""
from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cjk import NO_LINE_END, NO_LINE_START
from generator.figures.axis_labels import (
    axis_pt,
    axis_ticks,
    fitted_labels,
    label_step,
    legend_columns,
    text_pt,
    width_pt,
)

PHONE, PAGE = 9.0, 16.0


def test_sizes():
    assert width_pt(2.54) == pytest.approx(72.0)
    assert axis_pt(2.54) == pytest.approx(72.0 * 0.88)
    assert text_pt("碳市场") == pytest.approx(3 * 9.0)   # the labels' size: 12 px on a desktop page (issue 23)
    assert text_pt("CCER", 10) == pytest.approx(4 * 0.55 * 10)


def test_a_label_that_fits_its_share_is_left_alone_and_a_long_one_breaks_once():
    short = ("上海", "北京", "广东")
    assert fitted_labels(short, PHONE) == short
    assert fitted_labels(short, PHONE, across=True) == short
    long = ("全国碳排放权交易市场", "北京", "广东")
    first, *rest = fitted_labels(long, PHONE)
    assert first.count("\n") == 1 and first.replace("\n", "") == long[0] and rest == ["北京", "广东"]
    assert fitted_labels(long, 40.0) == long                               # wide enough: one line


def test_beside_its_bar_a_label_has_forty_percent_of_the_width():
    label = ("全国碳排放权交易市场成交",)                # 12 em of 9 pt, and 12 pt around it
    width = (12 * 9.0 + 12) / 0.4 / 72 * 2.54          # in cm, the figure's width where 40% is that
    assert fitted_labels(label, width + 0.01, across=True) == label
    assert "\n" in fitted_labels(label, width - 0.01, across=True)[0]


def test_latin_words_and_numbers_are_never_broken():
    assert fitted_labels(("Shanghai Environment and Energy Exchange",) * 4, PHONE) == (
        "Shanghai Environment and Energy Exchange",) * 4
    (label, *_) = fitted_labels(("2024年Q3成交量合计", "a", "b", "c"), PHONE)
    top, bottom = label.split("\n")
    assert not (top[-1].isascii() and bottom[0].isascii())


PIECES = st.sampled_from(["碳", "市场", "交易", "（", "）", "《", "》", "，", "。", "2024", "Q3", "CCER", " ", "-",
                          "*"])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(PIECES, min_size=1, max_size=14).map("".join), min_size=1, max_size=6), st.booleans())
def test_a_broken_label_breaks_once_where_chinese_may_break(labels: list[str], across: bool):
    for label, fitted in zip(labels, fitted_labels(tuple(labels), PHONE, across), strict=True):
        assert fitted.replace("\n", "", 1) == label and fitted.count("\n") <= 1
        if fitted != label:
            i = fitted.index("\n")
            before, after = fitted[i - 1], fitted[i + 1]
            assert not (before.isascii() and after.isascii())
            assert before not in NO_LINE_END and after not in NO_LINE_START


@pytest.mark.parametrize("count", [1, 5, 12, 40, 365])
@pytest.mark.parametrize("width", [PHONE, PAGE])
def test_every_kth_label_fits_and_no_more_are_skipped_than_needed(count: int, width: float):
    labels = tuple(f"2024-{i:03d}" for i in range(count))
    step = label_step(labels, width)
    widest = text_pt(labels[0]) + 12
    assert math.ceil(count / step) * widest <= axis_pt(width) or step == count
    if step > 1:
        assert math.ceil(count / (step - 1)) * widest > axis_pt(width)


def test_a_two_line_label_is_as_wide_as_its_wider_line():
    assert label_step(("碳市场\n成交量",) * 30, PHONE) == label_step(("碳市场",) * 30, PHONE)
    assert label_step((), PHONE) == 1


def test_legend_columns_fit_the_width_and_at_most_five():
    from matplotlib.patches import Patch  # the handles charts.py passes

    def handles(*names: str) -> list[Patch]:
        return [Patch(label=name) for name in names]
    assert legend_columns(handles("成交量", "收盘价"), PAGE) == 2
    assert legend_columns(handles(*"ABCDEFGH"), PAGE) == 5
    many_long = handles(*(f"全国碳市场第{i}类配额成交量" for i in range(4)))
    assert legend_columns(many_long, PHONE) < legend_columns(many_long, PAGE) <= 4
    assert legend_columns(handles("全国碳排放权交易市场配额季度成交量合计"), 2.0) == 1


# --- which categories are named: as many as fit, whatever the number of rows --------------------------

DAYS = tuple(str(dt.date(2000, 1, 1) + dt.timedelta(days=k)) for k in range(200_000))


@pytest.mark.parametrize("width", [PAGE, PHONE])
def test_a_few_categories_are_all_named_as_before(width: float):
    pilots = ("上海", "其他七个试点合计", "八个试点合计")
    assert axis_ticks(pilots, width) == dict(enumerate(fitted_labels(pilots, width)))


@pytest.mark.parametrize("width", [PAGE, PHONE])
@pytest.mark.parametrize("count", [400, 5_000, 200_000])
def test_a_long_series_names_as_many_evenly_spaced_categories_as_fit(width: float, count: int):
    named = axis_ticks(DAYS[:count], width, also=(count - 1,))
    indexes = list(named)
    step = indexes[1] - indexes[0]
    assert indexes[:-1] == list(range(0, count, step)) and indexes[-1] == count - 1   # and the called out one
    assert label_step(tuple(named.values()), width, count) <= step                  # the named ones do not touch
    widest = max(text_pt(label) + 12 for label in named.values())
    assert widest * len(named) <= axis_pt(width) + widest                           # … and fill the axis
    assert len(named) >= axis_pt(width) // widest // 2                              # not half empty either
