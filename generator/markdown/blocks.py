"""Block rules tried by a line's first character: markdown-it's own rules, fewer calls.

markdown-it tries every block rule on every line until one matches, and a paragraph
asks every "terminator" rule about each of its lines. Most rules decline at once
unless the line starts with their marker (`#` a heading, `>` a quote, `[` a note…),
yet each call costs a microsecond (a debug-log call, state lookups): for Chinese
prose, with its soft-wrapped lines, two fifths of block parsing. Here each chain of
rules is one rule that looks at the line's first character and calls, in the same
order, only the rules that can start with it. A rule not listed below is always
tried, so a plugin added later still sees every line.
"""
from __future__ import annotations

from typing import Callable

from markdown_it.parser_block import ParserBlock
from markdown_it.ruler import Ruler
from markdown_it.rules_block import StateBlock, blockquote, fence, heading, hr, html_block, list_block, reference
from mdit_py_plugins.footnote.index import footnote_def

BlockRule = Callable[[StateBlock, int, int, bool], bool]

# What the first non-space character of a line must be for the rule to match: each of
# these rules declines first thing otherwise (its own first check, as markdown-it has it).
FIRST_CHARACTERS: dict[BlockRule, str] = {
    fence: "`~",
    blockquote: ">",
    hr: "*-_",
    list_block: "*-+0123456789",
    reference: "[",
    footnote_def: "[",
    html_block: "<",
    heading: "#",
}


def first_character(state: StateBlock, line: int) -> str:
    pos = state.bMarks[line] + state.tShift[line]
    return state.src[pos] if pos < state.eMarks[line] else ""


def dispatch_rules(rules: list[BlockRule]) -> BlockRule:
    """One rule doing what `rules` do in turn (the first that matches wins), calling only
    the rules that can match a line starting with its first character."""
    always = [r for r in rules if r not in FIRST_CHARACTERS]
    marks = {ch for r in rules for ch in FIRST_CHARACTERS.get(r, "")}
    by_char = {ch: [r for r in rules if r in always or ch in FIRST_CHARACTERS[r]] for ch in marks}

    def rule(state: StateBlock, line: int, end: int, silent: bool) -> bool:
        for fn in by_char.get(first_character(state, line), always):
            if fn(state, line, end, silent):
                return True
        return False
    return rule


class DispatchingRuler(Ruler):
    """A block ruler whose every chain is one dispatching rule. Any change to the rules
    (enable, disable, a plugin's push) throws the chains away, as markdown-it's own
    ruler does its cache, and they are made again from the new rules."""

    def __init__(self) -> None:
        super().__init__()
        self._made: dict | None = None
        self._chains: dict[str, list[BlockRule]] = {}
        self._active: list[str] = []

    def _current(self) -> None:
        if self.__cache__ is None or self.__cache__ is not self._made:
            super().getRules("")   # compiles markdown-it's chains into __cache__
            self._made, self._chains = self.__cache__, {}
            self._active = super().get_active_rules()

    def getRules(self, chainName: str = "") -> list[BlockRule]:
        self._current()
        chain = self._chains.get(chainName)
        if chain is None:
            rules = super().getRules(chainName)
            chain = self._chains[chainName] = [dispatch_rules(rules)] if rules else []
        return chain

    def get_active_rules(self) -> list[str]:
        """Asked by every new parser state (24 µs a body to list them again)."""
        self._current()
        return list(self._active)


class DispatchingBlockParser(ParserBlock):
    def __init__(self) -> None:
        super().__init__()
        plain = self.ruler
        self.ruler = DispatchingRuler()
        for rule in plain.__rules__:
            self.ruler.push(rule.name, rule.fn, {"alt": rule.alt})
