import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.markdown.flavors import render_flavors, web_flavor
from generator.markdown.parser import (
    create_markdown,
    heading_slug,
    is_safe_link,
    parse_body,
    plain_summary,
    render_markdown,
    render_with_summary,
)

MD = create_markdown()


def render(text: str) -> str:
    return render_markdown(MD, text)


def test_soft_break_between_chinese_adds_no_space():
    assert "<p>碳市场扩围</p>" in render("碳市场\n扩围")


def test_soft_break_after_chinese_punctuation_adds_no_space():
    assert "<p>第一句，第二句</p>" in render("第一句，\n第二句")


def test_soft_break_between_latin_words_keeps_the_space():
    assert "English\nwords" in render("English\nwords")


# Markdown → the paragraph it must become: Chinese line joining beside markup, CJK-friendly
# emphasis, and plain CommonMark where no Chinese is beside a run.
CASES = [
    pytest.param("第一行\n**第二行**", "<p>第一行<strong>第二行</strong></p>",
                 id="soft_break_beside_bold_adds_no_space"),
    pytest.param("**第一行**\n第二行", "<p><strong>第一行</strong>第二行</p>",
                 id="soft_break_beside_bold_adds_no_space"),
    pytest.param("文字\n[链接](https://x.org)", "<p>文字<a href=\"https://x.org\">链接</a></p>",
                 id="soft_break_beside_a_link_or_code_adds_no_space"),
    pytest.param("[链接](https://x.org)\n文字", "<p><a href=\"https://x.org\">链接</a>文字</p>",
                 id="soft_break_beside_a_link_or_code_adds_no_space"),
    pytest.param("文字\n`代码`", "<p>文字<code>代码</code></p>", id="soft_break_beside_a_link_or_code_adds_no_space"),
    pytest.param("`代码`\n文字", "<p><code>代码</code>文字</p>", id="soft_break_beside_a_link_or_code_adds_no_space"),
    pytest.param("中文\nEnglish", "<p>中文\nEnglish</p>",
                 id="soft_break_between_chinese_and_latin_keeps_the_space_unless_punctuation"),
    pytest.param("**中文**\n*English*", "<p><strong>中文</strong>\n<em>English</em></p>",
                 id="soft_break_between_chinese_and_latin_keeps_the_space_unless_punctuation"),
    pytest.param("中文，\nEnglish", "<p>中文，English</p>",
                 id="soft_break_between_chinese_and_latin_keeps_the_space_unless_punctuation"),
    pytest.param("English\n**words**", "<p>English\n<strong>words</strong></p>",
                 id="soft_break_between_chinese_and_latin_keeps_the_space_unless_punctuation"),
    pytest.param("**“双碳”**目标", "<p><strong>“双碳”</strong>目标</p>", id="bold_beside_chinese_punctuation_is_bold"),
    pytest.param("提出**“双碳”**目标", "<p>提出<strong>“双碳”</strong>目标</p>",
                 id="bold_beside_chinese_punctuation_is_bold"),
    pytest.param("这是**重点。**下一句", "<p>这是<strong>重点。</strong>下一句</p>",
                 id="bold_beside_chinese_punctuation_is_bold"),
    pytest.param("见*（附表）*。", "<p>见<em>（附表）</em>。</p>", id="bold_beside_chinese_punctuation_is_bold"),
    pytest.param("**bold** and *it*", "<p><strong>bold</strong> and <em>it</em></p>",
                 id="latin_emphasis_is_plain_commonmark"),
    pytest.param("snake_case_words", "<p>snake_case_words</p>", id="latin_emphasis_is_plain_commonmark"),
    pytest.param("2*3*4", "<p>2<em>3</em>4</p>", id="latin_emphasis_is_plain_commonmark"),
    pytest.param("a * b", "<p>a * b</p>", id="latin_emphasis_is_plain_commonmark"),
    pytest.param("中文_强调_中文", "<p>中文_强调_中文</p>",
                 id="latin_emphasis_is_plain_commonmark"),   # `_` still never splits a word
]


@pytest.mark.parametrize("markdown, html", CASES)
def test_renders(markdown, html):
    assert html in render(markdown)


def test_bold_document_name_after_chinese_is_bold():
    html, summary = render_with_summary(MD, "国务院印发**《意见》**，要求…")
    assert "<p>国务院印发<strong>《意见》</strong>，要求…</p>" in html and "**" not in html
    assert summary == "国务院印发《意见》，要求…"


COMMONMARK = MarkdownIt("commonmark", {"html": False})
LATIN = st.sampled_from([*"ab2 *_.,()!\"'“”-", "**", "__"])   # one line: breaks are the join rule's


@settings(max_examples=300, deadline=None)
@given(st.lists(LATIN, max_size=30).map("".join))
def test_emphasis_without_cjk_matches_commonmark(text):
    assert MD.renderInline(text) == COMMONMARK.renderInline(text)


def test_deeply_nested_lists_keep_every_level():
    text = "".join("  " * level + f"- 第{level}层\n" for level in range(15))
    html = render(text)
    assert all(f"第{level}层" in html for level in range(15))
    assert html.count("<ul>") == 15


def test_raw_html_is_escaped_not_passed_through():
    html = render("文字<script>alert(1)</script>")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_javascript_link_is_not_a_link():
    html = render("[点我](javascript:alert(1))")
    assert "<a" not in html and "javascript" in html  # shown as text, never as href


def test_safe_links():
    html = render("[a](https://x.org) [b](http://x.org) [c](mailto:a@b.c) [d](../other/) [e](#fn1)")
    assert html.count("<a ") == 5
    for bad in ("javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "vbscript:x", "java\tscript:x", "file:///etc/passwd"):
        assert not is_safe_link(bad), bad


def test_tables_footnotes_and_anchors():
    html = render("## 一、背景\n\n正文[^1]\n\n| 市场 | 成交量 |\n|---|--:|\n| 上海 | 2,757,446 |\n\n[^1]: 来源")
    assert '<h2 id="一-背景">' in html
    assert '<td style="text-align:right" class="num">2,757,446</td>' in html   # table_cells.py
    assert 'class="footnotes"' in html and 'href="#fn1"' in html


def test_footnote_ids_carry_the_document_id():
    html = render_markdown(MD, "正文[^1]\n\n[^1]: 来源", doc_id="essays-a")
    assert 'id="fn-essays-a-1"' in html or "essays-a" in html


def test_heading_slug_keeps_chinese():
    assert heading_slug("二、碳标签 的发展") == "二-碳标签-的发展"


def test_plain_summary_is_first_paragraph_without_markup():
    assert plain_summary(MD, "## 标题\n\n第一段**重点**[^1]\n文字。\n\n第二段\n\n[^1]: x") == "第一段重点文字。"


def test_an_english_summary_keeps_the_space_of_a_line_break():
    """issue 22 (8): "Only\ndirect emissions" became "Onlydirect emissions" in lists and the feed."""
    assert plain_summary(MD, "Only\ndirect emissions\nare covered.") == "Only direct emissions are covered."
    assert plain_summary(MD, "Only  \ndirect **emissions**\n*are* covered.") == "Only direct emissions are covered."
    assert plain_summary(MD, "碳市场\n扩围至 CCER\n项目。") == "碳市场扩围至 CCER 项目。"


def test_an_english_summary_is_cut_between_words():
    """issue 22 (8): the summary was cut inside a word ("…the allocat…")."""
    text = " ".join(["allocation"] * 30)
    summary = plain_summary(MD, text)
    assert len(summary) <= 120 and summary.endswith("allocation…")
    assert plain_summary(MD, "x" * 200) == "x" * 119 + "…"           # one endless word is cut anyway
    chinese = "碳" * 200
    assert plain_summary(MD, chinese) == "碳" * 119 + "…"             # Chinese may be cut anywhere
    mixed = "碳" * 110 + " Guangdong emissions"
    assert plain_summary(MD, mixed) == "碳" * 110 + "…"


PIECES = st.sampled_from([*"碳市场<>()[]:!\n *_`#&\"'", "javascript:", "data:", "<script>", "](", "vbscript:"])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_arbitrary_text_never_yields_markup_or_dangerous_links(text):
    html = render(text)
    assert "<script" not in html
    assert 'href="javascript' not in html.lower() and 'href="data:' not in html.lower()


def test_a_note_called_twice_shows_its_number_both_times():
    html = render_markdown(create_markdown(), "甲[^1]，乙[^1]。\n\n[^1]: 注。\n")
    assert html.count('>[1]</a></sup>') == 2 and "[1:1]" not in html


def test_a_note_never_referred_to_is_a_warning_and_notes_in_code_are_not_notes():
    from generator.markdown.parser import Hooks, create_markdown, render_with_summary
    found = []
    text = "正文[^1]。\n\n```\n[^1]: 代码里的一行\n```\n\n[^1]: 注释。\n[^3]: 没有引用。\n"
    render_with_summary(create_markdown(), text, Hooks(lambda *a: None, lambda src, line: src,
                                                       lambda *problem: found.append(problem)), first_line=6)
    assert found == [(13, "footnote [^3] is never referred to in the text, so it is not shown", False)]


def test_curly_quotes_follow_the_text_beside_them_at_a_line_break():
    md = create_markdown()
    assert "He said\n“hi”" in render_markdown(md, "He said\n“hi” to us.")   # the break stays: a space
    assert "提出“双碳”目标" in render_markdown(md, "提出\n“双碳”目标。")
    assert "“双碳”目标" in render_markdown(md, "“双碳”\n目标。")


def test_a_footnote_mark_before_a_line_break_does_not_add_a_space():
    html = render_markdown(create_markdown(), "甲[^1]\n乙。\n\n[^1]: 注。\n")
    assert re.search(r"</sup>乙", html), html
    web = render_flavors(MD, *parse_body(MD, "甲[^1]\n乙。\n\n[^1]: 注。\n"), (web_flavor("index.html"),))[0]
    assert re.search(r"</sup></span>乙", web), web   # the call glued to 甲 alone


def test_the_way_back_from_a_note_has_a_name_in_the_texts_language():
    """A bare ↩︎ link: a screen reader read out the symbol's name."""
    text = "甲[^1]。\n\n[^1]: 注。\n"
    assert 'class="footnote-backref" aria-label="返回正文"' in render_markdown(create_markdown(), text)
    assert 'aria-label="Back to the text"' in render_markdown(create_markdown(), text, language="en")


def test_notes_in_code_an_escaped_bracket_and_a_link_address_are_not_notes():
    from generator.markdown.parser import Hooks, create_markdown, render_with_summary
    found = []
    hooks = Hooks(lambda *a: None, lambda src, line: src, lambda *problem: found.append(problem))
    for text in ("````\n```\n[^1]: 例子\n```\n````\n\n文[^1]\n\n[^1]: 注。\n",
                 "写法是 \\[^1]，不是脚注。\n", "见 <https://x.com/[^1]> 。\n"):
        render_with_summary(create_markdown(), text, hooks)
    assert found == []


def test_text_nested_deeper_than_the_parser_reads_is_an_error_at_its_line():
    """markdown-it stops at 100 levels of quotes and lists (deeper, Python's recursion would
    give out); what was inside was left out without a word."""
    from generator.markdown.parser import Hooks, create_markdown, render_with_summary
    found: list[tuple] = []
    hooks = Hooks(lambda *a: None, lambda src, line: src, lambda *problem: found.append(problem))
    quotes = "引言。\n\n" + "> " * 120 + "深处的文字。\n"
    lists = "".join("  " * i + f"- 第{i + 1}层\n" for i in range(60))
    render_with_summary(create_markdown(), quotes, hooks, first_line=6)
    render_with_summary(create_markdown(), lists, hooks, first_line=6)
    message = ("quotes and lists are nested more than 100 levels deep here (a list counts two); what is "
               "inside is left out: nest them less")
    assert found == [(8, message, True), (6 + 49, message, True)]
    found.clear()
    deep_but_read = "> " * 99 + "刚好读到。\n\n" + "".join("  " * i + f"- 第{i + 1}层\n" for i in range(49))
    html, _ = render_with_summary(create_markdown(), deep_but_read, hooks)
    assert found == [] and "刚好读到。" in html and "第49层" in html


def test_void_elements_have_no_trailing_slash():
    """HTML, not XHTML: the Nu checker flags every `<br />` and `<hr />`."""
    html = render("甲  \n乙\n\n---\n\n![图](a.png)")
    assert "<br>" in html and "<hr>" in html and "/>" not in html


def test_the_notes_have_a_heading_in_the_texts_language():
    """A <section> without a heading (Nu checker's warning); on screen the rule above the notes says it."""
    text = "甲[^1]。\n\n[^1]: 注。\n"
    zh, en = render_markdown(create_markdown(), text), render_markdown(create_markdown(), text, language="en")
    assert '<section class="footnotes">\n<h2 class="footnotes-title">注释</h2>\n<ol class="footnotes-list">' in zh
    assert '<h2 class="footnotes-title">Notes</h2>' in en


def test_only_the_first_image_is_fetched_at_once():
    html = render("![甲](a.png)\n\n正文\n\n![乙](b.png) ![丙](c.png)")
    assert '<img src="a.png" alt="甲" fetchpriority="high">' in html
    assert '<img src="b.png" alt="乙" loading="lazy">' in html and '<img src="c.png" alt="丙" loading="lazy">' in html
