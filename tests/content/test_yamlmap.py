"""generator/content/yamlmap.py: a YAML mapping remembers each key's line, the scalar as typed,
and never runs code. (Its error messages: tests/fixtures/invalid/yaml-*.case.)"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.content.yamlmap import describe, nested_mapping, parse_mapping
from generator.errors import Report

PATH = Path("content/issues/2024-q3/issue.yml")


def test_each_key_keeps_its_line_its_value_and_the_scalar_as_typed():
    text = "title: 第三季度\n\ndate: 2024-10-15\ndraft: no\norder: 3\nhighlights:\n  - 一\n\n  - 二\n"
    report = Report()
    data = parse_mapping(text, PATH, report, first_line=5)
    assert data is not None and not report.problems and data.line == 5
    got = {key: (e.value, e.line, e.raw, e.item_lines) for key, e in data.entries.items()}
    assert got == {
        "title": ("第三季度", 5, "第三季度", ()),
        "date": (dt.date(2024, 10, 15), 7, "2024-10-15", ()),
        "draft": (False, 8, "no", ()),
        "order": (3, 9, "3", ()),
        "highlights": (["一", "二"], 10, None, (11, 13)),
    }


CODE = 'x: !!python/object/apply:os.system ["touch {flag}"]\n'


@pytest.mark.parametrize("text", [
    pytest.param(CODE, id="python-object-apply-on-a-list"),
    pytest.param("x: !!python/object/apply:os.system touch {flag}\n", id="python-object-apply-on-a-scalar"),
    pytest.param("x: !!python/name:os.system\n", id="python-name"),
    pytest.param('x: [1, !!python/object/new:os.system ["touch {flag}"]]\n', id="nested"),
    pytest.param("x: !!python/object/apply:os.system {{args: [touch {flag}]}}\n", id="on-a-mapping"),
])
def test_a_tag_that_would_run_code_never_runs_it(tmp_path: Path, text: str):
    flag = tmp_path / "ran"
    parse_mapping("title: t\n" + text.format(flag=flag), PATH, Report())
    assert not flag.exists()


@pytest.mark.parametrize("text", [
    pytest.param("x: !!python/object/apply:os.system touch\n", id="on-a-scalar"),
    pytest.param("x: !!python/name:os.system\n", id="python-name"),
    pytest.param('x: [1, !!python/object/new:os.system ["touch"]]\n', id="nested"),
    pytest.param(CODE.format(flag="x"), id="on-a-list", marks=pytest.mark.xfail(strict=True, reason=(
        "_construct's fast path returns a list of plain strings without looking at the list's own tag: "
        "the tag is silently dropped where the safe constructor refuses it"))),
])
def test_a_tag_that_would_run_code_is_refused_on_its_line(text: str):
    report = Report()
    assert parse_mapping("title: t\n" + text, PATH, report) is None
    assert [p.line for p in report.problems] == [2]


def test_a_nested_mapping_has_its_parents_line_for_every_key():
    report = Report()
    nested = nested_mapping({"key": "policy", "kind": "brief"}, PATH, 7, report, "sections")
    assert nested is not None and {k: (e.value, e.line) for k, e in nested.entries.items()} == {
        "key": ("policy", 7), "kind": ("brief", 7)}
    assert nested_mapping(["policy"], PATH, 7, report, "sections") is None
    assert [(p.line, p.message) for p in report.problems] == [
        (7, "sections: expected 'key: value' pairs, got a list")]


@pytest.mark.parametrize("value, words", [
    (None, "nothing"), (True, "true (a yes/no value)"), (False, "false (a yes/no value)"),
    ([1], "a list"), ((1,), "a list"), ({"a": 1}, "a mapping"), ("碳", "'碳'"), (3, "'3'"),
])
def test_describe_names_a_value_for_an_editor(value: object, words: str):
    assert describe(value) == words
