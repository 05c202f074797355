"""generator/figures/specs.py: a block's YAML becomes a frozen spec with every value typed.
(Each error message at its line: tests/figures/test_fences.py.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Report
from generator.figures.specs import CHART_TYPES, HEIGHT_CM, ChartSpec, TableSpec, parse_chart, parse_table

PATH = Path("content/issues/2024-q3/market/a.md")


def chart(text: str, line: int = 10) -> tuple[ChartSpec | None, Report]:
    report = Report()
    return parse_chart(text, PATH, line, report), report


def test_a_minimal_chart_has_the_defaults():
    spec, report = chart("type: line\ndata: data/a.csv\nx: quarter\ny: close\ntitle: 收盘价\n")
    assert not report.problems
    assert spec == ChartSpec("line", "data/a.csv", "quarter", ("close",), "收盘价", line=10)


def test_every_key_of_a_chart_is_typed():
    spec, report = chart("type: bar-line\ndata: data/a.csv\nx: 季度\ny: [成交量, 成交额]\ny2: 收盘价\n"
                         "labels: [量, 额, 价]\nx_label: 时间\ntitle: 2024\nunit: [万吨, 元/吨]\ncaption: 来源\n"
                         "colors: ['#0f766e', '#abc']\nheight: 6\nhighlight: [2024Q3, 2024]\n", line=3)
    assert not report.problems
    assert spec == ChartSpec("bar-line", "data/a.csv", "季度", ("成交量", "成交额"), "2024", ("收盘价",),
                             ("量", "额", "价"), "时间", ("万吨", "元/吨"), "来源", ("#0f766e", "#abc"), 6.0,
                             ("2024Q3", "2024"), line=3)
    assert isinstance(spec.height, float)


@pytest.mark.parametrize("kind", CHART_TYPES)
def test_every_chart_type_is_accepted(kind: str):
    extra = "y2: [b]\n" if kind == "bar-line" else ""
    spec, report = chart(f"type: {kind}\ndata: d.csv\nx: x\ny: [a]\ntitle: t\n{extra}")
    assert spec is not None and spec.type == kind, report.problems


@pytest.mark.parametrize("height, ok", [(HEIGHT_CM[0], True), (HEIGHT_CM[1], True), (12.5, True),
                                        (HEIGHT_CM[0] - 0.1, False), (HEIGHT_CM[1] + 0.1, False), ("yes", False),
                                        ("'8'", False)])
def test_height_is_centimetres_within_the_printable_range(height: object, ok: bool):
    spec, _ = chart(f"type: bar\ndata: d.csv\nx: x\ny: a\ntitle: t\nheight: {height}\n")
    assert (spec is not None) is ok


def test_a_chart_with_no_column_to_draw_is_refused_on_the_line_of_y():
    spec, report = chart("type: bar\ndata: d.csv\nx: x\ny: []\ntitle: t\n")
    assert spec is None and [(p.line, p.message) for p in report.problems] == [
        (14, "y: name at least one column to draw")]


def test_a_table_takes_columns_and_their_labels_in_pairs():
    report = Report()
    spec = parse_table("data: data/p.csv\ncolumns: [market, volume]\nlabels: [市场, 成交量]\n", PATH, 20, report)
    assert spec == TableSpec("data/p.csv", ("market", "volume"), ("市场", "成交量"), None, 20)
    assert parse_table("data: data/p.csv\n", PATH, 20, report) == TableSpec("data/p.csv", line=20)
    assert not report.problems
    assert parse_table("data: d.csv\ncolumns: [a, b]\nlabels: [甲]\n", PATH, 20, report) is None
    assert [(p.line, p.message) for p in report.problems] == [(23, "labels: 1 labels for 2 columns")]
