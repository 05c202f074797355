"""generator/markdown/emphasis.py: the CJK-friendly emphasis rules where tests/markdown/test_parser.py
does not go: variation selectors, which stand for the character they modify, and runs beside
half-width punctuation. (Chinese beside full-width punctuation, and plain CommonMark without CJK:
test_parser.py.)"""
from __future__ import annotations

import pytest

from generator.markdown.parser import create_markdown, render_markdown

MD = create_markdown()


@pytest.mark.parametrize("markdown, html", [
    pytest.param("印发**(意见)**", "印发<strong>(意见)</strong>", id="chinese-before-half-width-bracket"),
    pytest.param("印发\ufe00**(意见)**", "印发\ufe00<strong>(意见)</strong>", id="variation-selector-after-chinese"),
    pytest.param("葛\U000e0100**(注)**", "葛\U000e0100<strong>(注)</strong>", id="ideographic-variation-selector"),
    pytest.param("a\ufe00**(b)**", "a\ufe00**(b)**", id="variation-selector-after-latin-is-latin"),
    pytest.param("a**(b)**", "a**(b)**", id="latin-before-bracket-is-commonmark"),
    pytest.param("😀\ufe0f**(意见)**", "😀\ufe0f**(意见)**", id="emoji-selector-is-not-cjk"),
    pytest.param(" \ufe00**(意见)**", "\ufe00**(意见)**", id="selector-after-a-space-is-nothing"),
    pytest.param("**“中文”\ufe01**a", "<strong>“中文”\ufe01</strong>a", id="full-width-quote-selector-closes"),
    pytest.param("**“中文”**a", "**“中文”**a", id="plain-curly-quote-does-not"),
    pytest.param("**x”\ufe00**a", "**x”\ufe00**a", id="other-selector-on-a-quote-does-not"),
    pytest.param("**(注)**中文", "<strong>(注)</strong>中文", id="chinese-after-half-width-bracket"),
    pytest.param("**(注)**English", "**(注)**English", id="latin-after-half-width-bracket-is-commonmark"),
    pytest.param("中文**（注）**English", "中文<strong>（注）</strong>English", id="full-width-brackets-in-latin"),
    pytest.param("中文__强调__中文", "中文__强调__中文", id="underscores-never-inside-a-word"),
    pytest.param("中文 __强调__ 中文", "中文 <strong>强调</strong> 中文", id="underscores-between-spaces"),
])
def test_emphasis_beside_cjk(markdown: str, html: str):
    assert render_markdown(MD, markdown).strip() == f"<p>{html}</p>"
