"""The block rules tried by first character parse exactly as markdown-it's own chains."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.parser_block import ParserBlock
from markdown_it.ruler import Ruler
from markdown_it.rules_block import html_block

from generator.markdown.blocks import FIRST_CHARACTERS, BlockParser, FirstCharacterRuler
from generator.markdown.parser import create_markdown

ROOT = Path(__file__).resolve().parents[2]

EDGE_CASES = [
    "段落第一行\n第二行\n# 标题打断段落\n正文",
    "段落\n> 引用打断段落\n> 第二行\n懒惰的续行",
    "段落\n- 列表打断段落\n- 第二项\n\n1. 有序\n2) 另一种\n\n2024年7月16日，不是列表",
    "段落\n***\n段落\n---\n段落\n___\n* * *\n- - -",
    "标题\n===\n\n副标题\n---\n\n  缩进的段落\n    四格缩进接在段落后",
    "    缩进代码\n\n\t制表符代码\n\n段落",
    "```chart\ntype: line\n```\n\n~~~\n波浪号围栏\n~~~\n\n段落\n```\n围栏打断段落\n```",
    "| 指标 | 数值 |\n| --- | ---: |\n| 成交量 | 1.2 |\n段落\n| a | b |\n|---|---|",
    "正文[^1]与[参考][ref]。\n\n[^1]: 脚注一\n    续行\n[ref]: https://example.org \"标题\"\n[^2]:太短",
    "<div>关闭 html 时是段落</div>\n\n段落\n<p>同上</p>",
    "> - 引用里的列表\n>   续行\n> 1. 有序\n>\n> > 嵌套引用\n> > # 标题\n\n- 列表\n  > 引用\n  ```\n  代码\n  ```",
    "#标题没有空格\n#\n# \n######## 七个井号\n+ 加号列表\n+不是列表\n-不是列表\n1.不是列表\n[不是引用]\n[^]: 不是脚注",
    "   # 三格缩进的标题\n   > 三格缩进的引用\n   - 三格缩进的列表\n   ```\n   代码\n   ```",
    "\n\n\n段落\n\n\n",
    "\n\n".join(f"{d}. 第{d}项\n\n{d}) 另{d}项" for d in range(10)),   # every digit an ordered list starts with
    "正文[^1]\n\n[^1]: 见[^1]",   # a note that cites itself
    "第一段\n\u3000全角空格开头\n（括号开头）\n「引号开头」\n１２３全角数字",
]


def tokens(text: str) -> list[tuple]:
    """Every token's fields, its children's in line, and the HTML (a note that cites itself
    makes the tokens a cycle, which dicts of them could not compare)."""
    md = create_markdown()
    found = md.parse(text, {})
    fields = [(t.type, t.tag, t.nesting, t.map, t.level, t.content, t.markup, t.info, t.attrs, t.block, t.hidden,
               [(c.type, c.content, c.markup, c.attrs) for c in t.children or []]) for t in found]
    return [*fields, md.renderer.render(found, md.options, {})]


def stock_tokens(text: str, monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """The same parser, its ruler answering with markdown-it's own chains."""
    with monkeypatch.context() as m:
        m.setattr(FirstCharacterRuler, "getRules", Ruler.getRules)
        return tokens(text)


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_parse_as_markdown_it_does(text, monkeypatch):
    assert tokens(text) == stock_tokens(text, monkeypatch)


def test_every_sample_document_parses_as_markdown_it_does(monkeypatch):
    documents = sorted((ROOT / "content").rglob("*.md")) + sorted((ROOT / "tests" / "fixtures").rglob("*.md"))
    assert len(documents) > 20
    for path in documents:
        text = path.read_text("utf-8")
        assert tokens(text) == stock_tokens(text, monkeypatch), path


STARTS = st.sampled_from(["", " ", "  ", "   ", "    ", "\t", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "  - "])
FIRSTS = st.sampled_from([*"#>`~*-_+[<|:=\\!0123456789", "碳", "（", "「", "A", "[^1]: ", "[a]: /u", "```", "~~~",
                          "---", "***", "| a | b |", "|---|---|", "===", ""])
LINE = st.builds(lambda start, first, rest: start + first + rest, STARTS, FIRSTS,
                 st.text(alphabet="碳市场 #>-*`[]^:|1.", max_size=8))


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=12))
def test_random_block_structure_parses_as_markdown_it_does(lines):
    text = "\n".join(lines)
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert tokens(text) == stock_tokens(text, monkeypatch)


def test_a_rule_disabled_after_the_first_parse_is_no_longer_tried():
    md = create_markdown()
    assert md.parse("# 标题")[0].type == "heading_open"
    md.disable("heading")   # the ruler compiles its chains again; the first-character rule follows
    assert md.parse("# 标题")[0].type == "paragraph_open"


def test_a_rule_added_later_sees_every_line():
    md = create_markdown()
    seen = []

    def note(state, line, end, silent):
        seen.append(line)
        return False

    md.block.ruler.before("table", "note", note)   # first: asked about each block's first line
    md.parse("第一行\n\n# 标题\n\n- 列表")
    assert sorted(set(seen)) == [0, 2, 4]   # 4 twice: the list item's content is parsed again


def test_the_rules_tried_by_first_character_are_those_markdown_it_calls():
    """An upgrade that wraps a rule anew would leave its entry here unused (slower, not wrong)."""
    called = set(Ruler.getRules(create_markdown().block.ruler))
    assert set(FIRST_CHARACTERS) - {html_block} <= called   # html_block: off, as "html" is


def test_the_block_parser_holds_markdown_its_rules_in_its_chains():
    """So the comparisons above, against this parser's own chains, are against markdown-it's."""
    stock, ours = ParserBlock().ruler, BlockParser().ruler
    names = stock.get_all_rules()
    assert ours.get_all_rules() == names
    for chain in ["", *names]:
        assert Ruler.getRules(ours, chain) == stock.getRules(chain), chain


def test_a_plugin_rule_that_cannot_be_hashed_is_tried_on_every_line():
    class Rule:
        __hash__ = None   # type: ignore[assignment]

        def __init__(self):
            self.lines = []

        def __call__(self, state, line, end, silent):
            self.lines.append(line)
            return False

    md, rule = create_markdown(), Rule()
    md.block.ruler.before("table", "unhashable", rule)
    md.parse("# 标题\n\n段落")
    assert rule.lines == [0, 2]
