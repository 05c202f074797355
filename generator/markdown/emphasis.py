"""Emphasis for Chinese: CommonMark's CJK-friendly amendments (tats-u, commonmark-spec#650).

CommonMark alone will not open `**` between a Chinese character and punctuation, so
`国务院印发**《意见》**，…` printed its asterisks. Where no CJK character is beside a
run of `*` or `_`, these rules are exactly CommonMark's.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token

from generator.cjk import CURLY_QUOTES, is_cjk

_VARIATION_SELECTOR = re.compile(r"[\ufe00-\ufe0e]")      # not U+FE0F, which asks for an emoji
_IDEOGRAPHIC_VS = re.compile(r"[\U000e0100-\U000e01ef]")


def _is_punct(ch: str) -> bool:
    return isMdAsciiPunct(ord(ch)) or isPunctChar(ch)


def _char_before(src: str, pos: int) -> tuple[str, bool]:
    """The character before a delimiter run, and whether it counts as CJK. A variation
    selector stands for the character it modifies; an ideographic one is CJK itself."""
    ch = src[pos - 1] if pos > 0 else " "   # the start of the line counts as whitespace
    if _IDEOGRAPHIC_VS.match(ch):
        return ch, True
    if _VARIATION_SELECTOR.match(ch) and pos > 1 and not isWhiteSpace(ord(src[pos - 2])):
        base = src[pos - 2]
        return base, is_cjk(base) or (ch == "\ufe01" and base in CURLY_QUOTES)
    return ch, is_cjk(ch)


def _flanking(before: str, before_cjk: bool, after: str) -> tuple[bool, bool]:
    """(left, right) flanking: CommonMark's rules, except that punctuation does not stop
    a run beside a CJK character, so 印发**《意见》**，and **重点。**下一句 work."""
    space_before, space_after = isWhiteSpace(ord(before)), isWhiteSpace(ord(after))
    punct_before, punct_after = _is_punct(before), _is_punct(after)
    left = not space_after and (not punct_after or space_before or punct_before
                                or before_cjk or is_cjk(after))
    right = not space_before and (not punct_before or space_after or punct_after
                                  or before_cjk or is_cjk(after))
    return left, right


class CjkInlineState(StateInline):
    """Inline state whose emphasis delimiters follow the CommonMark CJK-friendly amendments
    (tats-u, commonmark-spec#650); without CJK beside a run it is exactly CommonMark."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        end = start
        while end < self.posMax and self.src[end] == self.src[start]:
            end += 1
        before, before_cjk = _char_before(self.src, start)
        after = self.src[end] if end < self.posMax else " "   # the end of the line too
        left, right = _flanking(before, before_cjk, after)
        if canSplitWord:   # `*`
            return Scanned(left, right, end - start)
        # `_` never opens or closes inside a word: unchanged by the amendment
        return Scanned(left and (not right or _is_punct(before)),
                       right and (not left or _is_punct(after)), end - start)


class CjkInlineParser(ParserInline):
    """markdown-it's inline parser, on a CjkInlineState (ParserInline.parse names its
    state class directly, so this is the one method to restate)."""

    def parse(self, src: str, md: MarkdownIt, env, tokens: list[Token]) -> list[Token]:
        state = CjkInlineState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens
