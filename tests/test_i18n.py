"""generator/i18n.py: every interface string in both languages, dates, quarter titles, and
which interface a content language gets."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.content.config import DEFAULT_THEME
from generator.i18n import (
    FIGURE_LABELS,
    LABELS,
    format_date,
    interface_language,
    is_chinese,
    labels_for,
    quarter_title,
)


@pytest.mark.parametrize("table", [pytest.param(LABELS, id="labels"), pytest.param(FIGURE_LABELS, id="figures")])
def test_every_string_is_translated_in_both_interfaces(table: dict[str, dict[str, str]]):
    assert set(table) == {"zh", "en"}
    assert sorted(set(table["zh"]) ^ set(table["en"])) == []     # a key in one language only
    empty = [(lang, key) for lang, words in table.items() for key, text in words.items()
             if not isinstance(text, str) or not text.strip()]
    assert empty == []


def test_the_chinese_and_english_strings_differ_where_they_are_words():
    same = [key for key in LABELS["zh"] if LABELS["zh"][key] == LABELS["en"][key]]
    assert same == []   # a string copied untranslated


def test_every_label_the_default_theme_names_exists():
    named = set()
    for template in (DEFAULT_THEME / "templates").iterdir():
        named |= set(re.findall(r"\bt\.([a-z_]+)\b(?!\s*\()", template.read_text("utf-8")))
    assert named and sorted(named - set(LABELS["zh"])) == []


def test_figure_words_with_a_slot_keep_it_in_both_languages():
    for words in FIGURE_LABELS.values():
        assert words["paren"].format("x").count("x") == 1


@pytest.mark.parametrize("language, interface", [
    ("zh", "zh"), ("zh-CN", "zh"), ("zh-Hant", "zh"), ("zh-TW", "zh"), ("ZH-cn", "zh"),
    ("en", "en"), ("en-GB", "en"), ("en-US", "en"), ("fr", "en"), ("ja", "en"),
])
def test_interface_language(language: str, interface: str):
    assert interface_language(language) == interface
    assert is_chinese(language) is (interface == "zh")
    assert labels_for(language) is LABELS[interface]


@pytest.mark.parametrize("language, expected", [
    ("zh-CN", "2024年7月4日"), ("zh", "2024年7月4日"), ("zh-Hant", "2024年7月4日"),
    ("en", "4 July 2024"), ("en-GB", "4 July 2024"),
])
def test_format_date(language: str, expected: str):
    assert format_date(dt.date(2024, 7, 4), language) == expected


def test_format_date_without_a_date_is_empty_and_chinese_by_default():
    assert format_date(None, "en") == format_date(None) == ""
    assert format_date(dt.date(2025, 12, 31)) == "2025年12月31日"
    assert format_date(dt.date(2025, 1, 1), "en") == "1 January 2025"   # no leading zero


@pytest.mark.parametrize("year, quarter, language, title", [
    (2025, 1, "zh-CN", "2025年第一季度"), (2025, 2, "zh", "2025年第二季度"),
    (2025, 3, "zh-Hant", "2025年第三季度"), (2024, 4, "zh-CN", "2024年第四季度"),
    (2025, 1, "en", "2025 Q1"), (2024, 4, "en-GB", "2024 Q4"),
])
def test_quarter_title(year: int, quarter: int, language: str, title: str):
    assert quarter_title(year, quarter, language) == title
