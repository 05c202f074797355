"""Block rules by first character: the same tokens as markdown-it's own block parser."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from markdown_it.parser_block import ParserBlock
from markdown_it.ruler import Ruler

from generator.markdown.blocks import DispatchingRuler
from generator.markdown.parser import create_markdown
from tests.conftest import ROOT

MD = create_markdown()


def plain_markdown():
    """Our parser with markdown-it's own block parser, holding the very same rules."""
    md = create_markdown()
    rules = md.block.ruler.__rules__
    md.block = ParserBlock()
    md.block.ruler = Ruler()
    for rule in rules:
        md.block.ruler.push(rule.name, rule.fn, {"alt": rule.alt})
        if not rule.enabled:
            md.block.ruler.disable(rule.name)
    return md


PLAIN = plain_markdown()


def tokens(md, text: str) -> list[tuple]:
    def flat(toks):
        return [(t.type, t.tag, t.map, t.content, t.info, t.markup, t.level, t.hidden, t.block,
                 flat(t.children or [])) for t in toks]
    return flat(md.parse(text, {}))


def test_the_dispatching_parser_is_in_use():
    assert isinstance(MD.block.ruler, DispatchingRuler)
    assert len(MD.block.ruler.getRules("paragraph")) == 1   # one rule asks the terminators


# Line starts of every block construct, indents, and text that starts with none of them.
BLOCK_PIECES = st.sampled_from([
    "\n", "\n\n", "  ", "    ", "\t", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "10. ", "0. ", "9) ", "# ", "## ", "###### ", "#x",
    "```", "```chart", "~~~", "***", "---", "___", "- - -", "===", "[a]: /u", "[a]", "[^1]", "[^1]: ", "[^n]: 注",
    "| a | b |", "|---|---|", "|:-:|--:|", "-|-", "a | b", "<div>", "<!-- x -->", "碳市场", "成交量，", "word",
    "**粗**", "`code`", "\\", "![图](x.png)", "  - ", "   > ", " 1. ",
])
BLOCKY = st.lists(BLOCK_PIECES, max_size=60).map("".join)


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(BLOCKY, st.text(alphabet=st.sampled_from("#>-*+1.)`~[]^:|=_ \n\tab碳"), max_size=200)))
def test_same_tokens_as_markdown_its_own_block_parser(text):
    assert tokens(MD, text) == tokens(PLAIN, text)


@pytest.mark.parametrize("path", sorted((ROOT / "content").rglob("*.md")), ids=lambda p: p.name)
def test_the_sample_issue_parses_the_same(path: Path):
    text = path.read_text("utf-8")
    assert MD.render(text, {}) == PLAIN.render(text, {})
    assert tokens(MD, text) == tokens(PLAIN, text)


def test_a_rule_added_later_sees_every_line():
    md = create_markdown()
    md.render("段落\n")   # the chains are made …

    def bang(state, start, end, silent):   # … then a plugin adds a rule for lines starting with '!'
        pos = state.bMarks[start] + state.tShift[start]
        if state.src[pos] != "!":
            return False
        if not silent:
            state.push("bang", "hr", 0)
        state.line = start + 1
        return True
    md.block.ruler.before("paragraph", "bang", bang, {"alt": ["paragraph"]})
    html = md.render("甲\n!\n乙\n")
    assert html == "<p>甲</p>\n<hr />\n<p>乙</p>\n"   # it ends the paragraph and makes its own block
