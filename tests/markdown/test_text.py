"""generator/markdown/text.py: a body as plain text for the email's text part, from its tokens."""
from __future__ import annotations

from generator.markdown.flavors import email_flavor
from generator.markdown.parser import create_markdown, parse_body
from generator.markdown.text import plain_text

MD = create_markdown()
FLAVOR = email_flavor("issues/2024-q3/index.html", "https://news.example.cn/")


def text_of(markdown: str) -> str:
    return plain_text(parse_body(MD, markdown)[0], FLAVOR)


def test_paragraphs_are_one_blank_line_apart_and_chinese_lines_join_without_spaces():
    assert text_of("第一段\n接着写。\n\n\n\n第二段 **加粗** 与 `代码`。\n") == "第一段接着写。\n\n第二段 加粗 与 代码。"


def test_a_link_shows_its_whole_address_after_its_text_unless_the_text_is_the_address():
    assert text_of("见[规则](../x/)与<https://a.org>，写信给<b@c.org>。") == \
        "见规则 <https://news.example.cn/issues/x/>与https://a.org，写信给b@c.org。"


def test_lists_keep_their_marks_and_numbers_and_notes_are_numbered_at_the_end():
    got = text_of("- 甲\n- 乙\n\n3. 丙\n4. 丁\n\n正文[^1]。\n\n[^1]: 出处。\n")
    assert got == "- 甲\n- 乙\n3. 丙\n4. 丁\n\n正文[1]。\n\n[1] 出处。"


def test_a_hard_break_is_a_line_break():
    assert text_of("地址：上海\\\n电话：021") == "地址：上海\n电话：021"
