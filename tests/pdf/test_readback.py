"""bench/pdf_readback.py: the line-by-line read-back of a PDF (issue 23's measurement).
Its rules on made-up lines here; the sample issue held to the targets in tests/test_sample.py."""
from __future__ import annotations

import pytest

from bench.pdf_readback import Findings, Line, Run, _keep_justified, _latin, group_lines, number_split


@pytest.mark.parametrize("end, start, split", [
    pytest.param("方案（2024", "年）》发出", "2024 / 年", id="year"),
    pytest.param("于2024年9月2", "日发布", "2024年9月2 / 日", id="inside-a-date"),
    pytest.param("收于99.48", "元/吨，同比", "99.48 / 元/吨", id="price"),
    pytest.param("下降12.1个百分", "点。", "12.1个百分 / 点", id="inside-a-unit"),
    pytest.param("其中海风20个、光热3", "个项目", "3 / 个", id="number-and-measure-word"),
    pytest.param("共有1,186", "家企业参与", "1,186 / 家", id="number-and-another-measure-word"),
    pytest.param("到2035", "以后的目标", "到2035 / 以后的目", id="number-before-any-chinese"),
    pytest.param("依据ISO 14064-1:2018", "温室气体核算", "", id="a-code-then-its-title"),
    pytest.param("成交量为", "1,718.83万吨", "", id="before-the-number"),
    pytest.param("收于99.48元/吨，", "同比上涨", "", id="after-the-unit"),
])
def test_a_break_inside_a_number_and_its_unit_is_a_split(end: str, start: str, split: str):
    assert number_split(end, start) == split


def _run(left: float, top: float, text: str, size: float = 10.0) -> Run:
    return Run(top, left, len(text) * size, size * 1.3, size, "Noto-Serif-CJK-SC", False, text)


def test_runs_on_one_baseline_make_a_line_a_raised_note_number_too():
    runs = [_run(60, 100, "甲乙丙"), _run(90, 98.5, "1", 6.8), _run(96.8, 100, "，丁戊"), _run(60, 118, "下一行")]
    lines = group_lines(3, runs)
    assert [ln.text for ln in lines] == ["甲乙丙1，丁戊", "下一行"]
    assert isinstance(lines[0], Line) and lines[0].page == 3 and lines[0].size == 10.0


@pytest.mark.parametrize("before, after, latin", [
    pytest.param("Carbon", "Labelling）", True, id="two-words"),
    pytest.param("2024,", "calling", True, id="a-number"),
    pytest.param("碳标签（Carbon", "Labelling", True, id="in-chinese-text"),
    pytest.param("2024", "•", False, id="a-separator"),
    pytest.param("成交", "价", False, id="loose-chinese"),
    pytest.param("CCER", "项目", False, id="latin-then-chinese"),
])
def test_a_word_space_is_measured_between_latin_words_only(before: str, after: str, latin: bool):
    assert _latin(before, after) is latin


def test_a_latin_column_with_most_lines_short_is_ragged_by_design_a_chinese_one_is_a_fault():
    short = {"page": 4, "short_pt": 9.0, "line": "x"}
    latin: list[dict | str] = ["the Scope 3 Claim it has proposed. It will"] * 10 + [short] * 8
    judged = {(60.0, 280.0): latin, (300.0, 520.0): ["全国碳市场碳排放配额"] * 10 + [short] * 8}
    found = Findings()
    _keep_justified(judged, found)
    assert found.short_lines == [short] * 8
    assert found.ragged_columns == [{"column": (60.0, 280.0), "lines": 10, "short": 8}]
