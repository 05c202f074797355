"""generator/content/frontmatter.py: the front matter and the body, each with its file's line numbers.
(Missing, unclosed, empty front matter and its YAML errors: tests/fixtures/invalid/*.case.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.frontmatter import split_front_matter, starts_with_front_matter
from generator.errors import Report

PATH = Path("content/issues/2024-q3/policy/a.md")


@pytest.mark.parametrize("text, body, body_line", [
    pytest.param("---\ntitle: 标题\n---\n正文。\n", "正文。\n", 4, id="plain"),
    pytest.param("---\ntitle: 标题\ndate: 2024-07-04\n---\n\n正文。", "\n正文。", 5, id="blank-line-first"),
    pytest.param("---\ntitle: 标题\n...\n正文。\n", "正文。\n", 4, id="closed-by-dots"),
    pytest.param("--- \ntitle: 标题\n---  \n正文。\n", "正文。\n", 4, id="trailing-spaces"),
    pytest.param("---\ntitle: 标题\n---", "", 4, id="no-body"),
    pytest.param("---\ntitle: 标题\n---\n正文\n\n---\n\n更多\n", "正文\n\n---\n\n更多\n", 4,
                 id="a-rule-in-the-body-stays"),
])
def test_split_front_matter(text: str, body: str, body_line: int):
    report = Report()
    split = split_front_matter(text, PATH, report)
    assert split is not None and not report.problems
    assert (split.body, split.body_line) == (body, body_line)
    assert split.data.entries["title"].value == "标题" and split.data.entries["title"].line == 2


def test_each_field_has_the_line_it_has_in_the_file():
    split = split_front_matter("---\ntitle: 标题\n\n# a comment\ntags:\n  - a\n  - b\n---\n", PATH, Report())
    assert split is not None
    tags = split.data.entries["tags"]
    assert (tags.line, tags.item_lines, split.data.line) == (5, (6, 7), 2)


def test_an_error_in_the_front_matter_is_on_its_line_of_the_file():
    report = Report()
    assert split_front_matter("---\ntitle: 标题\ntitle: 又一个\n---\n", PATH, report) is None
    assert [(p.line, p.message) for p in report.problems] == [(3, "YAML syntax: key 'title' appears twice")]


@pytest.mark.parametrize("text, found", [
    pytest.param("---\ntitle: 引言\n---\n正文", True, id="front-matter"),
    pytest.param("---\r\ntitle: 引言\r\n---\r\n正文", True, id="windows-line-ends"),
    pytest.param("---\ntitle: 引言\n---", True, id="at-the-end"),
    pytest.param("---\n\n本期引言。", False, id="a-rule-then-text"),
    pytest.param("---\n## 标题\n---\n", False, id="a-rule-a-heading-a-rule"),
    pytest.param("本期引言。\n---\ntitle: x\n---\n", False, id="not-at-the-start"),
    pytest.param("", False, id="empty"),
])
def test_starts_with_front_matter(text: str, found: bool):
    assert starts_with_front_matter(text) is found
