"""Chinese text set by clreq on the web page and on paper (markdown/typeset.py, the text render
rule in notes.py): numbers kept with their units, punctuation compressed, a true minus sign,
note calls glued to their word; a feed and the editions get the text as written."""
from __future__ import annotations

import pytest

from generator.markdown.flavors import email_flavor, feed_flavor, print_flavor, render_flavors, web_flavor
from generator.markdown.parser import create_markdown, parse_body
from generator.markdown.typeset import typeset_html

MD = create_markdown()
PAGE = "issues/q/market/m/index.html"
BASE = "https://example.org/"


def rendered(text: str, flavor) -> str:
    return render_flavors(MD, *parse_body(MD, text), (flavor,))[0]


def test_a_number_and_its_unit_a_date_and_meeting_marks_are_set_as_one():
    html = typeset_html("9月9日收于99.48元/吨（同比-66%），下降12.1个百分点。」")
    assert html == ('<span class="nw">9月9日</span>收于<span class="nw">99.48元/吨</span>（同比'
                    '<span class="nw">−66%</span><span class="pc">）</span>，下降'
                    '<span class="nw">12.1个百分点</span><span class="pc">。</span>」')


def test_the_text_is_escaped_around_the_marks():
    assert typeset_html("<b>5吨</b>") == '&lt;b&gt;<span class="nw">5吨</span>&lt;/b&gt;'


@pytest.mark.parametrize("flavor", [web_flavor(PAGE), print_flavor(PAGE, BASE, "p-")], ids=["web", "print"])
def test_the_page_and_paper_are_set(flavor):
    html = rendered("季末收于99.48元/吨，详见《决定》[^1]，其余从略。\n\n[^1]: 注。\n", flavor)
    assert '<span class="nw">99.48元/吨</span>' in html
    glue = html[html.index('<span class="footnote-glue">'):]
    assert glue.startswith('<span class="footnote-glue">》<')   # the mark before the call …
    assert "</sup>，</span>" in glue or "</span>，</span>" in glue   # … and the comma after it


@pytest.mark.parametrize("flavor", [feed_flavor(PAGE, BASE), email_flavor(PAGE, BASE)], ids=["feed", "email"])
def test_a_feed_and_an_email_get_the_text_as_written(flavor):
    html = rendered("季末收于99.48元/吨，同比-5%。\n", flavor)
    assert html == "<p>季末收于99.48元/吨，同比-5%。</p>\n"


def test_code_is_never_set():
    assert "<code>-5吨</code>" in rendered("写作 `-5吨`。\n", web_flavor(PAGE))
