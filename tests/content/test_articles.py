"""generator/content/articles.py: the fields of an article, checked at the boundary. Here the
corrections an editor adds to a published article (`updated`, `corrections`)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.content.articles import late_dates, read_article
from generator.content.model import Correction
from generator.content.settings import Section

BRIEF = Section("policy", "国家政策", "brief")
HEAD = "---\ntitle: 简讯\ndate: 2024-07-04\nsource: 国务院\ntags: [x]\nsummary: s\n"


def parse(tmp_path: Path, fields: str):
    path = tmp_path / "2024-07-04-a.md"
    path.write_text(HEAD + fields + "---\n正文。\n", "utf-8")
    return read_article(path, path, "2024-q3", BRIEF)


def test_updated_and_corrections_are_read_as_dates_and_text(tmp_path: Path):
    """issue 22 (5): `updated:` and `correction:` were rejected as unknown fields."""
    parsed = parse(tmp_path, "updated: 2024-08-01\ncorrections:\n  - date: 2024-07-20\n"
                             "    text: 原文称“七省市”，应为“八省市”。\n"
                             "  - {date: 2024-08-01, text: 更正了数据来源。}\n")
    assert parsed.problems == () and parsed.article is not None
    meta = parsed.article.meta
    assert meta.updated == dt.date(2024, 8, 1)
    assert meta.corrections == (Correction(dt.date(2024, 7, 20), "原文称“七省市”，应为“八省市”。"),
                                Correction(dt.date(2024, 8, 1), "更正了数据来源。"))


@pytest.mark.parametrize("fields, line, message", [
    ("updated: 2024/08/01\n", 7, "updated: expected YYYY-MM-DD, got '2024/08/01'"),
    ("updated: 2024-07-01\n", 7, "updated: 2024-07-01 is before the article's date 2024-07-04"),
    ("corrections: 原文有误\n", 7, "corrections: expected a list of {date, text}, like"),
    ("corrections:\n  - 原文有误\n", 8, "corrections: item 1: expected 'date: …' and 'text: …' lines, got '原文有误'"),
    ("corrections:\n  - date: 2024-07-20\n", 8, "corrections: item 1: missing 'text'"),
    ("corrections:\n  - text: x\n", 8, "corrections: item 1: missing 'date'"),
    ("corrections:\n  - {date: 2024-07-20, text: x, by: 编辑部}\n", 8,
     "corrections: item 1: unknown key 'by' (a correction has date and text)"),
    ("corrections:\n  - {date: 2024-07-20, txet: x}\n", 8,
     "corrections: item 1: unknown key 'txet'; did you mean 'text'?"),
    ("corrections:\n  - {date: 2024-07-20, text: x}\n  - {date: 20 July, text: y}\n", 9,
     "corrections: item 2: date: expected YYYY-MM-DD, got '20 July'"),
    ("corrections:\n  - {date: 2024-07-20, text: ''}\n", 8, "corrections: item 1: text must not be empty"),
    ("corrections:\n  - {date: 2024-06-30, text: x}\n", 8,
     "corrections: item 1: 2024-06-30 is before the article's date 2024-07-04"),
])
def test_a_wrong_correction_is_an_error_at_its_line(tmp_path: Path, fields: str, line: int, message: str):
    parsed = parse(tmp_path, fields)
    assert parsed.article is None
    [problem] = parsed.problems
    assert (problem.line, problem.message[:len(message)]) == (line, message), problem


def test_a_correction_dated_after_today_is_told(tmp_path: Path):
    parsed = parse(tmp_path, "updated: 2027-01-01\ncorrections:\n  - {date: 2024-08-01, text: x}\n"
                             "  - {date: 2027-02-01, text: y}\n")
    assert parsed.article is not None and not parsed.problems
    assert late_dates(parsed, dt.date(2026, 12, 6)) == [
        (7, "updated: 2027-01-01 is after today (2026-12-06): a typo?"),
        (10, "corrections: item 2: 2027-02-01 is after today (2026-12-06): a typo?")]
    assert late_dates(parsed, dt.date(2027, 2, 1)) == []
