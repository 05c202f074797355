"""Which categories are named under a chart's axis: as many as fit, whatever the number of rows."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.figures.axis_labels import axis_pt, axis_ticks, fitted_labels, label_step, text_pt
from generator.figures.charts import PHONE_WIDTH_CM, WIDTH_CM

DAYS = tuple(str(dt.date(2000, 1, 1) + dt.timedelta(days=k)) for k in range(200_000))


@pytest.mark.parametrize("width", [WIDTH_CM, PHONE_WIDTH_CM])
def test_a_few_categories_are_all_named_as_before(width: float):
    pilots = ("上海", "其他七个试点合计", "八个试点合计")
    assert axis_ticks(pilots, width) == dict(enumerate(fitted_labels(pilots, width)))


@pytest.mark.parametrize("width", [WIDTH_CM, PHONE_WIDTH_CM])
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
