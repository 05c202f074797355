"""generator/content/schema.py: field conversions and checks. Only what its callers rely on; the
messages editors see are pinned by tests/fixtures/invalid/*.case."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content import schema as s
from generator.content.yamlmap import parse_mapping
from generator.errors import Report

PATH = Path("content/site.yml")


def entry(line: str):
    data = parse_mapping(line, PATH, Report())
    assert data is not None
    return data.entries["x"]


@pytest.mark.parametrize("line, text", [
    pytest.param("x: 碳市场\n", "碳市场", id="text"),
    pytest.param("x: '  碳市场 '\n", "碳市场", id="stripped"),
    pytest.param("x: 2024\n", "2024", id="a-number-as-typed"),
    pytest.param("x: 1.50\n", "1.50", id="decimals-as-typed"),
])
def test_text(line: str, text: str):
    assert s.text(entry(line)) == text


@pytest.mark.parametrize("line", [
    pytest.param("x: ''\n", id="empty"), pytest.param("x: yes\n", id="yes-no"),
    pytest.param("x: [a]\n", id="list"), pytest.param("x:\n", id="nothing"),
    pytest.param("x: 10:30\n", id="sexagesimal"),
])
def test_not_text(line: str):
    with pytest.raises(s.FieldError):
        s.text(entry(line))


@pytest.mark.parametrize("address, ok", [
    ("https://example.org/", True), ("http://example.org/a?b=c", True),
    ("ftp://example.org/", False), ("javascript:alert(1)", False), ("example.org", False),
    ("https://exa mple.org/", False), ("//example.org/", False),
])
def test_url_takes_web_addresses_only(address: str, ok: bool):
    assert s.is_web_address(address) is ok
    if ok:
        assert s.url(entry(f"x: '{address}'\n")) == address
    else:
        with pytest.raises(s.FieldError):
            s.url(entry(f"x: '{address}'\n"))


def test_a_list_of_text_takes_numbers_as_text_and_refuses_what_is_not():
    assert s.text_list(entry("x: [碳足迹, 2024, ' CCER ']\n")) == ("碳足迹", "2024", "CCER")
    for bad in ("x: [a, [b]]\n", "x: [a, yes]\n", "x: [a, '']\n", "x: a\n", "x: {a: 1}\n"):
        with pytest.raises(s.FieldError):
            s.text_list(entry(bad))


def test_check_fields_converts_every_field_and_reports_every_problem_at_once():
    fields = {"title": s.Field(s.text, required=True), "order": s.Field(s.integer), "draft": s.Field(s.boolean),
              "date": s.Field(s.date, required=True)}
    good = parse_mapping("title: 2024\norder: 3\ndraft: true\ndate: 2024-07-04\n", PATH, Report())
    assert good is not None
    values = s.check_fields(good, fields, Report())
    assert values is not None and (values["title"], values["order"], values["draft"]) == ("2024", 3, True)
    bad = parse_mapping("titel: x\norder: yes\ndraft: 1\n", PATH, Report())
    assert bad is not None
    report = Report()
    assert s.check_fields(bad, fields, report) is None
    assert sorted((p.line, p.message.split(" ")[0]) for p in report.problems) == [
        (1, "missing"), (1, "missing"), (1, "unknown"), (2, "order:"), (3, "draft:")]
