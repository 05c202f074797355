"""What counts as Chinese (CJK) text, in one place, after W3C's clreq and CSS Text.

- `is_cjk`: a character set solid, one em wide, with no spaces between words: East Asian
  Wide, Fullwidth or Halfwidth, but the wide emoji, plus the narrow Hangul jamo (the
  definition of CommonMark's CJK-friendly emphasis amendment).
- `joins_lines`: whether a line break between two characters is no space (CSS Text 3's
  segment break rule, and Chinese punctuation on either side).
- `has_han`: text with Chinese characters (a slug needs pinyin for it).
- `width_em`: how wide a text is set, a CJK character counting one em.
- `NO_LINE_START` / `NO_LINE_END`: what may not begin or end a line (clreq 3.1.7).
- `glued_spans`: numbers with their units and dates, which no line break may part (clreq 3.1.7:
  `99.48元/吨`, `9月9日`, `12.1个百分点`); `true_minus`: a minus sign, not a hyphen, before a number.
- `compressible_pairs`: where two full-width punctuation marks meet and one gives up its blank half
  (clreq 3.1.6, punctuation compression).
"""
from __future__ import annotations

import re
import unicodedata

_WIDE_EMOJI = re.compile(r"[\u231a-\u2328\u232b-\u2b55\U0001f000-\U0001f1ff\U0001f201\U0001f21a\U0001f22f"
                         r"\U0001f232-\U0001f236\U0001f238-\U0001f23a\U0001f250\U0001f251\U0001f300-\U0001faff]")
_NARROW_HANGUL = re.compile(r"[\u1160-\u11ff\ud7b0-\ud7ff]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# CJK punctuation, full-width forms and the curly quotes and dashes Chinese shares with English
_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                          r"\u2018-\u201f\u2014\u2026]")
CURLY_QUOTES = "\u2018\u2019\u201c\u201d"
SHARED = CURLY_QUOTES + "\u2026\u2014"   # also English's: the quotes, the ellipsis, the dash

NO_LINE_START = "）》」』】〕〉，。、：；！？%*·…"
NO_LINE_END = "（《「『【〔〈"
# the curly quotes Chinese shares with English follow the same rule (clreq 3.1.7): a text set
# in Chinese alone (a headline on a card) keeps “ with what it opens and ” with what it closes
OPENING_QUOTES, CLOSING_QUOTES = "“‘", "”’"


def is_cjk(ch: str) -> bool:
    width = unicodedata.east_asian_width(ch)
    if width == "W":
        return not _WIDE_EMOJI.match(ch)
    return width in ("F", "H") or bool(_NARROW_HANGUL.match(ch))


def is_cjk_punctuation(ch: str) -> bool:
    return bool(_PUNCTUATION.match(ch))


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def joins_lines(before: str, after: str) -> bool:
    """A soft line break between `before` and `after` is no space: between two CJK
    characters (Korean, which spaces its words, aside), and beside Chinese punctuation.
    A curly quote, an ellipsis or a dash, shared by Chinese and English, follows the
    character on its other side (He said / “hi” keeps its space; 提出 / “双碳” does not)."""
    if (before in SHARED) != (after in SHARED):
        other = after if before in SHARED else before
        return _solid(other) or is_cjk_punctuation(other)
    return (_solid(before) and _solid(after)) or is_cjk_punctuation(before) or is_cjk_punctuation(after)


def _solid(ch: str) -> bool:
    return is_cjk(ch) and not _HANGUL.match(ch)


def width_em(text: str, narrow: float = 0.5) -> float:
    """How many em `text` is set in: one a CJK character (wide or full-width), `narrow`
    any other."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else narrow for ch in text)


# A number: digits with thousands separators and decimals, a sign before it.
_NUMBER = r"[-\u2212+]?\d+(?:,\d{3})*(?:\.\d+)?"
# Units and measure words a Chinese text writes after a number, longest first.
_UNIT_WORDS = ("个百分点", "百分点", "个月", "千瓦时", "兆瓦时", "平方公里", "平方米", "立方米", "公里", "千米", "公顷",
               "公斤", "千克", "小时", "分钟", "季度", "周年", "余家", "余个", "余项",
               "美元", "欧元", "英镑", "日元", "港元", "澳元", "加元", "新元", "韩元", "卢比")   # 4.50美元/吨
_UNIT_CHARS = "年月日号时分秒元吨倍个家项次条种批只台辆座所人名位户亩度瓦期届岁天周篇页章节%％‰℃"
_UNIT = "(?:" + "|".join(_UNIT_WORDS) + f"|[{_UNIT_CHARS}])"
# Two numbers sharing one unit (2024和2025年, 2024—2027年, 5至10元) are one run: the first
# alone at a line end reads as a bare number.
_RANGE = "(?:" + _NUMBER + "[和至到~～\u2013\u2014-])?"
_NUMBER_WITH_UNIT = (r"第?" + _RANGE + _NUMBER + r"[十百千万亿]*?(?:多|余)?" + _UNIT + r"(?:/" + _UNIT + ")?")
_DATE = r"\d{1,4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d{1,4}年\d{1,2}月"
# (the lookahead lets the scan skip, in one step, each character no run can start with)
_GLUED = re.compile(f"(?=[第\\d+\\-\u2212])(?:{_DATE}|{_NUMBER_WITH_UNIT})")
_HYPHEN_MINUS = re.compile(r"(?<![A-Za-z0-9_.,/)\]）])-(?=\d)")


def glued_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` holds a number with its unit or a date: (start, end) of each, to be set
    unbroken. A bare number needs nothing (no line breaks between digits)."""
    return [m.span() for m in _GLUED.finditer(text)]


def true_minus(text: str) -> str:
    """A hyphen that starts a negative number (`-66%`, `（-5.2）`) becomes the minus sign −;
    one inside a word, a range or a date (`2024-07`, `CO2-eq`, `US$5-$6`) stays."""
    return _HYPHEN_MINUS.sub("\u2212", text) if "-" in text else text   # most texts have none: no scan


_OPENING = "（《「『【〔〈“‘"
_CLOSING = "）》」』】〕〉，。、：；！？”’"
_TWO_MARKS = re.compile(f"[{_OPENING}{_CLOSING}]{{2}}")


def compressible_pairs(text: str) -> list[int]:
    """Indexes of the marks that lose their blank half where two full-width marks meet
    (`。」` `）、` `，“`): the first of the two if it is a closing or a pause mark (its blank is on
    its right), else the second, an opening mark (its blank is on its left)."""
    out: list[int] = []
    if not _TWO_MARKS.search(text):   # most texts: no two marks meet
        return out
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a in CURLY_QUOTES and b in CURLY_QUOTES:
            continue   # English's quotes too (“‘): nothing says the text is Chinese
        if a in _CLOSING and (b in _CLOSING or b in _OPENING):
            out.append(i)
        elif a in _OPENING and b in _OPENING:
            out.append(i + 1)
    return out
