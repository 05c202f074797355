"""What counts as Chinese (CJK) text, in one place, after W3C's clreq and CSS Text.

- `is_cjk`: a character set solid, one em wide, with no spaces between words: East Asian
  Wide, Fullwidth or Halfwidth, but the wide emoji, plus the narrow Hangul jamo (the
  definition of CommonMark's CJK-friendly emphasis amendment).
- `joins_lines`: whether a line break between two characters is no space (CSS Text 3's
  segment break rule, and Chinese punctuation on either side).
- `has_han`: text with Chinese characters (a slug needs pinyin for it).
- `width_em`: how wide a text is set, a CJK character counting one em.
- `NO_LINE_START` / `NO_LINE_END`: what may not begin or end a line (clreq 3.1.7).
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
