"""generator/cjk.py: what counts as CJK, line joining, widths (clreq, CSS Text 3)."""
from __future__ import annotations

import pytest

from generator.cjk import (
    NO_LINE_END,
    NO_LINE_START,
    compressible_pairs,
    glued_spans,
    has_han,
    is_cjk,
    is_cjk_punctuation,
    joins_lines,
    true_minus,
    width_em,
)


@pytest.mark.parametrize("before, after, joined", [
    pytest.param("中", "文", True, id="chinese-chinese"),
    pytest.param("あ", "漢", True, id="kana-han"),
    pytest.param("中", "A", False, id="chinese-latin"),
    pytest.param("A", "中", False, id="latin-chinese"),
    pytest.param("中", "1", False, id="chinese-digit"),
    pytest.param("a", "b", False, id="latin-latin"),
    pytest.param("，", "A", True, id="chinese-comma-then-latin"),
    pytest.param("A", "。", True, id="latin-then-chinese-full-stop"),
    pytest.param("A", "（", True, id="latin-then-chinese-bracket"),
    pytest.param("、", "、", True, id="punctuation-punctuation"),
    pytest.param("Ａ", "中", True, id="full-width-latin-is-solid"),
    pytest.param("ｱ", "中", True, id="half-width-katakana-is-solid"),
    pytest.param("出", "“", True, id="curly-quote-after-chinese"),
    pytest.param("”", "目", True, id="curly-quote-before-chinese"),
    pytest.param("d", "“", False, id="curly-quote-after-english"),
    pytest.param("”", "a", False, id="curly-quote-before-english"),
    pytest.param("’", "s", False, id="apostrophe-before-english"),
    pytest.param("“", "，", True, id="curly-quote-beside-chinese-punctuation"),
    pytest.param("한", "국", False, id="korean-keeps-its-space"),
    pytest.param("한", "中", False, id="korean-beside-chinese-keeps-the-space"),
    pytest.param("中", "한", False, id="chinese-beside-korean-keeps-the-space"),
    pytest.param("한", "。", True, id="korean-beside-chinese-punctuation"),
    pytest.param("😀", "中", False, id="emoji-before-chinese"),
    pytest.param("中", "😀", False, id="chinese-before-emoji"),
    pytest.param("😀", "😀", False, id="emoji-emoji"),
])
def test_joins_lines(before: str, after: str, joined: bool):
    assert joins_lines(before, after) is joined


@pytest.mark.parametrize("before, after", [("…", "t"), ("d", "…")])
def test_an_ellipsis_between_english_words_keeps_the_space(before: str, after: str):
    assert not joins_lines(before, after)


@pytest.mark.parametrize("ch, cjk", [
    pytest.param("中", True, id="han"),
    pytest.param("㐀", True, id="han-extension-a"),
    pytest.param("𠮷", True, id="han-extension-b"),
    pytest.param("か", True, id="hiragana"),
    pytest.param("한", True, id="hangul-syllable"),
    pytest.param("\u1160", True, id="narrow-hangul-jamo"),
    pytest.param("。", True, id="ideographic-full-stop"),
    pytest.param("Ａ", True, id="full-width-latin"),
    pytest.param("ｱ", True, id="half-width-katakana"),
    pytest.param("a", False, id="latin"),
    pytest.param("é", False, id="latin-accent"),
    pytest.param("“", False, id="curly-quote-is-ambiguous-width"),
    pytest.param("😀", False, id="wide-emoji"),
    pytest.param("⌚", False, id="wide-symbol-emoji"),
    pytest.param(" ", False, id="space"),
])
def test_is_cjk(ch: str, cjk: bool):
    assert is_cjk(ch) is cjk


@pytest.mark.parametrize("ch, punctuation", [
    ("，", True), ("。", True), ("《", True), ("」", True), ("：", True), ("—", True), ("“", True),
    (",", False), (".", False), ("中", False), ("Ａ", False), ("a", False),
])
def test_is_cjk_punctuation(ch: str, punctuation: bool):
    assert is_cjk_punctuation(ch) is punctuation


@pytest.mark.parametrize("text, han", [
    pytest.param("碳普惠", True, id="chinese"),
    pytest.param("碳普惠 CCER", True, id="mixed"),
    pytest.param("㐀", True, id="extension-a"),
    pytest.param("CCER", False, id="latin"),
    pytest.param("かな", False, id="kana"),
    pytest.param("한국", False, id="korean"),
    pytest.param("，。", False, id="punctuation-only"),
    pytest.param("", False, id="empty"),
])
def test_has_han(text: str, han: bool):
    assert has_han(text) is han


def test_has_han_knows_the_supplementary_ideographs():
    assert has_han("𬌗")


@pytest.mark.parametrize("text, narrow, em", [
    pytest.param("碳足迹", 0.5, 3.0, id="chinese"),
    pytest.param("CCER", 0.5, 2.0, id="latin"),
    pytest.param("CCER", 0.55, 2.2, id="latin-at-another-width"),
    pytest.param("碳 CCER", 0.5, 3.5, id="mixed-with-a-space"),
    pytest.param("ＣＣ", 0.5, 2.0, id="full-width-latin"),
    pytest.param("，。", 0.5, 2.0, id="chinese-punctuation"),
    pytest.param("ｱｲ", 0.5, 1.0, id="half-width-katakana-is-narrow"),
    pytest.param("", 0.5, 0.0, id="empty"),
])
def test_width_em(text: str, narrow: float, em: float):
    assert width_em(text, narrow) == pytest.approx(em)


def test_every_opening_bracket_that_may_not_end_a_line_has_its_closing_one_that_may_not_start_one():
    pairs = dict(zip("（《「『【〔〈", "）》」』】〕〉", strict=True))
    assert set(NO_LINE_END) == set(pairs)
    assert {pairs[ch] for ch in NO_LINE_END} <= set(NO_LINE_START)
    assert not set(NO_LINE_START) & set(NO_LINE_END)
    assert {"，", "。", "、", "！", "？"} <= set(NO_LINE_START)


@pytest.mark.parametrize("text, glued", [
    pytest.param("收于99.48元/吨，同比", ["99.48元/吨"], id="price-per-tonne"),
    pytest.param("截至2024年9月30日，全国", ["2024年9月30日"], id="whole-date"),
    pytest.param("9月9日，生态环境部", ["9月9日"], id="month-and-day"),
    pytest.param("下降12.1个百分点", ["12.1个百分点"], id="percentage-points"),
    pytest.param("合计2,043,192吨", ["2,043,192吨"], id="thousands"),
    pytest.param("累计超4.80亿吨", ["4.80亿吨"], id="with-a-magnitude"),
    pytest.param("第49条聚焦", ["第49条"], id="ordinal"),
    pytest.param("3,000万千瓦时", ["3,000万千瓦时"], id="long-unit"),
    pytest.param("50%左右", ["50%"], id="percent"),
    pytest.param("同比−66%", ["−66%"], id="negative"),
    pytest.param("33个CCER项目", ["33个"], id="measure-word-before-latin"),
    pytest.param("（2024—2027年）", ["2024—2027年"], id="range"),
    pytest.param("列出2024和2025年的工作", ["2024和2025年"], id="two-numbers-one-unit"),
    pytest.param("下跌至4.50美元/吨", ["4.50美元/吨"], id="a-currency-of-two-characters"),
    pytest.param("约12亿欧元", ["12亿欧元"], id="euros-with-a-magnitude"),
    pytest.param("ISO 14064 标准", [], id="bare-number"),
    pytest.param("PM2.5浓度", [], id="inside-a-latin-word-is-unbreakable-anyway"),
])
def test_numbers_keep_their_units_and_dates_their_parts(text: str, glued: list[str]):
    assert [text[s:e] for s, e in glued_spans(text)] == glued


@pytest.mark.parametrize("text, shown", [
    ("同比-66%", "同比−66%"), ("（-5.2）", "（−5.2）"), ("-3 °C", "−3 °C"), ("from -3", "from −3"),
    ("2024-07-04", "2024-07-04"), ("CO2-eq", "CO2-eq"), ("US$5-$6", "US$5-$6"), ("1.5-2", "1.5-2"),
    ("Scope-3", "Scope-3"), ("（2021-2022）", "（2021-2022）"),
])
def test_a_hyphen_before_a_number_is_a_minus_sign_only_where_it_is_one(text: str, shown: str):
    assert true_minus(text) == shown


@pytest.mark.parametrize("text, compressed", [
    pytest.param("通知。」", "。", id="stop-before-closing-quote"),
    pytest.param("）、", "）", id="closing-bracket-before-comma"),
    pytest.param("，“双碳”", "，", id="comma-before-opening-quote"),
    pytest.param("”，", "”", id="closing-quote-before-comma"),
    pytest.param("（《决定》", "《", id="two-openings-the-second"),
    pytest.param("年）》发出", "）", id="two-closings-the-first"),
    pytest.param("中文，中文", "", id="alone-nothing"),
    pytest.param("“‘quoted’”", "", id="english-quotes-nothing"),
])
def test_where_two_full_width_marks_meet_one_gives_up_its_blank(text: str, compressed: str):
    assert "".join(text[i] for i in compressible_pairs(text)) == compressed
