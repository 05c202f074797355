"""Block rules tried by a line's first character: markdown-it's own rules, called less.

markdown-it tries every block rule on each line until one matches, and a paragraph (or a
setext heading) asks every rule that may end it about each of its following lines. Most
rules decline at once unless the line starts with their marker (`#` a heading, `>` a
quote, `[` a note …), yet every call costs a debug-log call and a few look-ups. Chinese
prose is soft-wrapped lines of paragraphs, so most calls are such refusals.

Here each chain the block parser asks for (`Ruler.getRules`, public API) is one rule
that looks at the line's first character and calls, in markdown-it's order, only the
rules that can match a line starting with it. A rule not in FIRST_CHARACTERS (a plugin's,
a table, indented code) is called for every line, as before. The character is read once,
before any rule: a rule that moved the line's start and then declined would leave the
others judged on the old one (none of markdown-it's or its plugins' does). Chains are
named after the rules they may end, as all of markdown-it's are. tests/markdown/test_blocks.py
holds the rules equal to markdown-it's, and the tokens over the sample, edge cases and
random block structures.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from markdown_it.parser_block import ParserBlock
from markdown_it.ruler import Ruler
from markdown_it.rules_block import StateBlock, blockquote, fence, heading, hr, html_block, list_block, reference
from mdit_py_plugins.footnote.index import footnote_def

BlockRule = Callable[[StateBlock, int, int, bool], bool]

# What the line's first character (after its indent) must be for the rule to match: each
# of these declines otherwise, in its first checks (as markdown-it-py 4 writes them).
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


def by_first_character(rules: Sequence[BlockRule]) -> BlockRule:
    """One rule that tries, in order, those of `rules` that can match the line."""
    known = {id(rule): chars for rule, chars in FIRST_CHARACTERS.items()}   # by id: a plugin's rule may not hash
    starts = {ch for rule in rules for ch in known.get(id(rule), "")}
    anywhere = tuple(rule for rule in rules if id(rule) not in known)
    tried = {ch: tuple(r for r in rules if id(r) not in known or ch in known[id(r)]) for ch in starts}

    def first_character_rule(state: StateBlock, line: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[line] + state.tShift[line]
        for rule in tried.get(state.src[pos], anywhere) if pos < state.eMarks[line] else anywhere:
            if rule(state, line, end, silent):
                return True
        return False

    return first_character_rule


class FirstCharacterRuler(Ruler[BlockRule]):
    """markdown-it's ruler, whose chains come as one rule each (`by_first_character`)."""

    def __init__(self) -> None:
        super().__init__()
        self._chains: dict[str, tuple[list[BlockRule], list[BlockRule]]] = {}

    def getRules(self, chainName: str = "") -> list[BlockRule]:   # markdown-it's name
        rules = super().getRules(chainName)
        known = self._chains.get(chainName)
        if known is None or known[0] is not rules:   # compiled again: a rule was added, enabled or disabled
            known = (rules, [by_first_character(rules)] if rules else [])
            self._chains[chainName] = known
        return known[1]


class BlockParser(ParserBlock):
    """markdown-it's block parser with the same rules, in a FirstCharacterRuler."""

    def __init__(self) -> None:
        super().__init__()
        stock, self.ruler = self.ruler, FirstCharacterRuler()
        names = stock.get_all_rules()
        for name, rule in zip(names, stock.getRules(""), strict=True):   # all enabled as made
            # a chain is named after the rule it may end (a paragraph, a quote …)
            ends = [chain for chain in names if rule in stock.getRules(chain)]
            self.ruler.push(name, rule, {"alt": ends})
