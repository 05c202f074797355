"""generator/figures/numbers.py: numbers on charts as the bulletin writes them. (The cases the
charts themselves show: tests/figures/test_charts.py.)"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.figures.numbers import format_number, label_decimals, tick_decimals, unit_scale


@pytest.mark.parametrize("unit, largest, zh, expected", [
    pytest.param("吨", 99_999, True, (1.0, "吨"), id="below-ten-wan-plain"),
    pytest.param("吨", 100_000, True, (1e4, "万吨"), id="ten-wan-in-wan"),
    pytest.param("元", 99_999_999, True, (1e4, "万元"), id="below-one-yi-in-wan"),
    pytest.param("元", 100_000_000, True, (1e8, "亿元"), id="one-yi-in-yi"),
    pytest.param("万元", 9_999, True, (1.0, "万元"), id="wan-below-one-yi"),
    pytest.param("万元", 10_000, True, (1e4, "亿元"), id="wan-to-yi"),
    pytest.param("万个", 50_000, True, (1.0, "万个"), id="wan-of-another-unit"),
    pytest.param("元/吨", 5e9, True, (1.0, "元/吨"), id="a-price-never"),
    pytest.param("吨/年", 5e9, True, (1.0, "吨/年"), id="a-rate-never"),
    pytest.param("", 5e9, True, (1.0, ""), id="no-unit"),
    pytest.param("%", 5e9, True, (1.0, "%"), id="percent"),
    pytest.param("元", 5e9, False, (1.0, "元"), id="english-never"),
])
def test_unit_scale(unit: str, largest: float, zh: bool, expected: tuple[float, str]):
    assert unit_scale(unit, largest, zh) == expected


@pytest.mark.parametrize("value, decimals, text", [
    pytest.param(1234567.891, 2, "1,234,567.89", id="thousands"),
    pytest.param(-1234.5, 1, "-1,234.5", id="negative"),
    pytest.param(999.96, 1, "1,000.0", id="rounding-up-adds-a-comma"),
    pytest.param(0.0, 2, "0", id="zero-is-0"),
    pytest.param(-0.0, 0, "0", id="minus-zero"),
    pytest.param(-0.004, 2, "0", id="rounds-to-minus-zero"),
    pytest.param(0.004, 2, "0", id="rounds-to-zero"),
    pytest.param(0.005001, 2, "0.01", id="just-above-a-half-rounds-up"),
    pytest.param(-0.05, 1, "-0.1", id="a-small-negative-keeps-its-sign"),
])
def test_format_number(value: float, decimals: int, text: str):
    assert format_number(value, decimals) == text


@settings(deadline=None)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(min_value=0, max_value=4))
def test_a_formatted_number_reads_back_as_the_value_rounded(value: float, decimals: int):
    text = format_number(value, decimals)
    read = float(text.replace(",", ""))
    assert not (text.startswith("-") and read == 0)                    # never "-0"
    assert abs(read - value) <= 0.5 * 10 ** -decimals * (1 + 1e-9) + abs(value) * 1e-15


@pytest.mark.parametrize("ticks, decimals", [
    pytest.param([0.5], 1, id="one-tick"),
    pytest.param([0, 1e-7, 2e-7], 6, id="at-most-six"),
    pytest.param([-0.25, 0, 0.25], 2, id="negative-quarter"),
    pytest.param([1e9, 2e9], 0, id="large"),
])
def test_tick_decimals(ticks: list[float], decimals: int):
    assert tick_decimals(ticks) == decimals


@pytest.mark.parametrize("values, decimals", [
    pytest.param([], 0, id="none"),
    pytest.param([3.0, -4.0], 0, id="whole-floats"),
    pytest.param([1000.5, 2.25], 0, id="thousands-need-none"),
    pytest.param([-1500.5, 2.5], 0, id="largest-by-magnitude"),
    pytest.param([1.5, -0.25], 1, id="one-from-one"),
    pytest.param([0.5, -0.25], 2, id="two-below-one"),
])
def test_label_decimals(values: list[float], decimals: int):
    assert label_decimals(values) == decimals
