"""generator/content/slugs.py: URL names are ASCII, lowercase and hyphenated; Chinese in pinyin."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.slugs import is_valid_slug, slug_from_filename, slugify


@pytest.mark.parametrize("text, slug", [
    pytest.param("碳普惠 CCER", "tan-pu-hui-ccer", id="chinese-and-latin"),
    pytest.param("碳普惠CCER", "tan-pu-hui-ccer", id="no-space-between"),
    pytest.param("绿色采购", "lv-se-cai-gou", id="u-umlaut-as-v"),
    pytest.param("CO2排放", "co2-pai-fang", id="digits-kept"),
    pytest.param("Émissions — 2024!", "emissions-2024", id="accents-and-punctuation"),
    pytest.param("ＣＣＥＲ", "ccer", id="full-width-latin"),
    pytest.param("  a  --  b  ", "a-b", id="runs-of-separators-are-one-hyphen"),
    pytest.param("《意见》", "yi-jian", id="chinese-brackets-dropped"),
    pytest.param("！？", "", id="nothing-left"),
    pytest.param("", "", id="empty"),
])
def test_slugify(text: str, slug: str):
    assert slugify(text) == slug


def test_the_memo_is_filled_and_then_trusted():
    memo: dict[str, str] = {}
    assert slugify("碳足迹", memo) == "tan-zu-ji" and memo == {"碳足迹": "tan-zu-ji"}
    assert slugify("碳足迹", {"碳足迹": "kept"}) == "kept"       # the build cache's answer is used


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=12))
def test_any_text_gives_a_valid_slug_or_none_and_a_slug_is_its_own_slug(text: str):
    slug = slugify(text)
    assert slug == "" or is_valid_slug(slug)
    assert slugify(slug) == slug


@pytest.mark.parametrize("stem, slug", [
    pytest.param("2024-07-04-procurement-footprint", "procurement-footprint", id="date-prefix-dropped"),
    pytest.param("2024-07-04-碳足迹", "tan-zu-ji", id="chinese-after-the-date"),
    pytest.param("cea-quarter", "cea-quarter", id="no-date"),
    pytest.param("2024-07-04", "2024-07-04", id="only-a-date-stays"),
    pytest.param("24-07-04-x", "24-07-04-x", id="not-a-full-date"),
    pytest.param("2024-07-04-2024-07-05-x", "2024-07-05-x", id="one-date-only"),
])
def test_slug_from_filename(stem: str, slug: str):
    assert slug_from_filename(stem) == slug


@pytest.mark.parametrize("slug, valid", [
    ("a", True), ("a-b", True), ("2024-q3", True), ("tan-zu-ji", True),
    ("", False), ("-a", False), ("a-", False), ("a--b", False), ("A", False), ("a_b", False), ("a/b", False),
    ("../x", False), ("碳", False), ("a b", False),
])
def test_is_valid_slug(slug: str, valid: bool):
    assert is_valid_slug(slug) is valid
