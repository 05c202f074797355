"""YAML with line numbers: what an editor's YAML may not do, and how each problem is told."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from generator.content.yamlmap import nested_mapping, parse_mapping
from generator.errors import Report, describe

HERE = Path("content/site.yml")


def parse(text: str, first_line: int = 1):
    report = Report()
    return parse_mapping(text, HERE, report, first_line), report


def alias_bomb(levels: int, aliases: int = 9) -> str:
    """A "billion laughs": each level lists the one before `aliases` times; the last, used as a
    key, is turned into text, aliases**levels values long."""
    lines = ["title: x", 'l0: &l0 ["lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * aliases) + "]" for i in range(1, levels)]
    return "\n".join([*lines, "? [" + ", ".join([f"*l{levels - 1}"] * aliases) + "]", ": x"]) + "\n"


def test_an_alias_bomb_is_refused_at_its_first_anchor_before_anything_is_expanded():
    started = time.perf_counter()
    data, report = parse(alias_bomb(8), first_line=2)
    assert time.perf_counter() - started < 0.5   # it was killed at 60 s, using 2.4 GB
    assert data is None
    assert [str(p) for p in report.problems] == [
        "content/site.yml:3: YAML anchor '&l0': anchors (&name) and aliases (*name) are not accepted; "
        "write each value out in full"]


def test_an_alias_alone_is_refused_at_its_line():
    data, report = parse("title: x\nabout: *a\n")
    assert data is None and [p.line for p in report.problems] == [2]
    assert "YAML alias '*a'" in report.problems[0].message


def test_ampersands_and_asterisks_in_text_are_no_anchors():
    data, report = parse("title: R&D & more\nsummary: 增长5%*，见*注*\ntags: [a&b, '*x']\n")
    assert data is not None and not report.problems
    assert data.entries["title"].value == "R&D & more" and data.entries["tags"].value == ["a&b", "*x"]


def test_a_key_that_is_a_list_or_a_mapping_is_refused_as_no_field_name():
    data, report = parse("title: x\n? [a, b]\n: y\n{c: d}: z\n")
    assert data is None
    assert [(p.line, p.message) for p in report.problems] == [
        (2, "a field name must be text, got a list"), (4, "a field name must be text, got a mapping")]


def test_a_character_yaml_refuses_is_named_on_its_line_in_one_line():
    data, report = parse("title: 碳碳碳\nabout: x\x00y\n", first_line=2)
    assert data is None
    assert [str(p) for p in report.problems] == [
        "content/site.yml:3: a control character (U+0000) is in this line; delete it "
        "(retype the line if you cannot see it)"]


def test_values_with_line_breaks_are_quoted_on_one_line_and_cut_short():
    from generator.content.schema import Field, check_fields, text_list
    data, _ = parse('tags: "a\\nb\\u2028c"\nsummary: x\n' + "x" * 500 + ": 1\n")
    report = Report()
    assert data is not None and check_fields(data, {"tags": Field(text_list), "summary": Field(text_list)},
                                             report) is None
    lines = [str(p) for p in report.problems]
    assert all(len(line.splitlines()) == 1 and len(line) < 300 for line in lines), lines
    assert r"'a\nb\u2028c'" in lines[0]


def test_every_problem_is_one_line_whatever_its_message_holds():
    report = Report()
    report.error(HERE, 1, "a\nb\rc\x0bd\x0ce\x1cf\x85g\u2028h\u2029i\ud800j")
    report.warn(HERE, 1, "x\ny")
    for problem in (*report.problems, *report.warnings):
        assert len(str(problem).splitlines()) == 1, problem
        str(problem).encode("utf-8")   # a lone surrogate cannot be printed


def test_values_nested_hundreds_deep_are_an_error_at_their_line_not_a_crash():
    """Python's recursion gives out at a few hundred levels (libyaml's own limit is 1,000): the
    line where the nesting passes 100 levels is named."""
    indented = "\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(600)) + " " * 601 + "x"
    for deep, line in (("[" * 600 + "]" * 600, 6), ("\n" + "- " * 600 + "x", 7), ("{a: " * 600 + "b" + "}" * 600, 6),
                       (indented, 106)):
        data, report = parse(f"title: x\nabout: {deep}\n", first_line=5)
        assert data is None
        assert [(p.line, p.message) for p in report.problems] == [
            (line, "this file is nested too deep to read (over 100 levels of [, { or -): write the value plainly")]


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
    pytest.param(CODE.format(flag="x"), id="on-a-list"),
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
