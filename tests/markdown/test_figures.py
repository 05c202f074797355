"""generator/markdown/figures.py: an image's title is its caption; figures and tables numbered per
body, the same in every flavor; a quotation's attribution on its own line."""
from __future__ import annotations

import re

import pytest

from generator.markdown.figures import strip_number
from generator.markdown.flavors import print_flavor, render_flavors, web_flavor
from generator.markdown.parser import create_markdown, parse_body, render_markdown

MD = create_markdown()
PAGE = "issues/2024-q3/market/a/index.html"


def render(text: str, language: str = "zh-CN") -> str:
    return render_markdown(MD, text, language=language)


def test_an_images_title_is_its_caption_in_a_figure():
    """issue 22 (7): `![alt](img.png "图1 …")` gave only a tooltip, no caption."""
    html = render('上文。\n\n![全国碳市场成交量柱状图](images/a.png "全国碳市场季度成交量")\n\n下文。')
    assert ('<figure class="image">\n<img src="images/a.png" alt="全国碳市场成交量柱状图" fetchpriority="high">\n'
            '<figcaption><span class="figure-number">图1</span> 全国碳市场季度成交量</figcaption>\n</figure>') in html
    assert "title=" not in html and "<p><img" not in html


def test_a_number_written_before_a_caption_is_the_builds_own():
    assert '<figcaption><span class="figure-number">图1</span> 成交量</figcaption>' in render(
        '![a](a.png "图1 成交量")')
    assert '<span class="figure-number">图2</span> 价格</figcaption>' in render(
        '![a](a.png "x")\n\n![b](b.png "图 5：价格")')
    for written in ("图1 成交量", "图 1：成交量", "表2、成交量",
                    "Figure 3. 成交量", "Fig. 3: 成交量", "Table 4 成交量"):
        assert strip_number(written) == "成交量", written
    assert strip_number("图表说明") == "图表说明" and strip_number("2024年图1") == "2024年图1"


def test_an_image_in_a_line_of_text_or_without_a_title():
    html = render("文字![标志](a.png)文字\n\n![示意图](b.png)")
    assert '<p>文字<img src="a.png" alt="标志" fetchpriority="high">文字</p>' in html     # inline: no figure
    assert '<figcaption><span class="figure-number">图1</span></figcaption>' in html      # numbered all the same


def test_images_charts_and_tables_are_numbered_in_their_order_per_body():
    """issue 22 (7): charts, tables and images were not numbered."""
    text = ('![a](a.png "甲")\n\n| 市场 | 成交量 |\n|---|---|\n| 上海 | 1 |\n\n![b](b.png "乙")\n\n'
            '| x |\n|---|\n| 1 |\n')
    html = render(text)
    assert re.findall(r'<span class="figure-number">([^<]+)</span>', html) == ["图1", "表1", "图2", "表2"]
    assert '<table>\n<caption><span class="figure-number">表1</span></caption>\n<thead>' in html
    assert re.findall(r'"figure-number">([^<]+)<', render(text, "en")) == ["Figure 1", "Table 1", "Figure 2",
                                                                            "Table 2"]
    assert re.findall(r'"figure-number">([^<]+)<', render("![c](c.png)")) == ["图1"]     # a new body starts again


def test_the_web_page_and_the_pdf_show_the_same_numbers():
    tokens, env = parse_body(MD, '![a](a.png "甲")\n\n| x |\n|---|\n| 1 |\n\n![b](b.png "乙")\n')
    web, paper = render_flavors(MD, tokens, env, (web_flavor(PAGE), print_flavor(PAGE, "https://e.org/", "art-")))
    numbers = re.compile(r'"figure-number">([^<]+)<')
    assert numbers.findall(web) == numbers.findall(paper) == ["图1", "表1", "图2"]


@pytest.mark.parametrize("text, quote, source", [
    pytest.param("> 要求加快建设全国碳市场。\n> ——生态环境部", "<p>要求加快建设全国碳市场。</p>", "——生态环境部",
                 id="the-last-line"),
    pytest.param("> 要求加快建设。\n> 并扩大覆盖范围。\n>\n> —— 国务院《意见》",
                 "<p>要求加快建设。并扩大覆盖范围。</p>", "—— 国务院《意见》", id="a-paragraph-of-its-own"),
    pytest.param("> Markets must grow.\n> — Ministry of Ecology", "<p>Markets must grow.</p>", "— Ministry of Ecology",
                 id="english"),
])
def test_a_quotations_last_line_starting_with_a_dash_is_its_attribution(text: str, quote: str, source: str):
    """issue 22 (7): a `——生态环境部` line ran into the quote."""
    html = render(text)
    assert html == f'<blockquote>\n{quote}\n<footer class="attribution">{source}</footer>\n</blockquote>\n'


@pytest.mark.parametrize("text", [
    "> ——开头的话\n> 接着说。",                        # a dash on a first line is the quote's own
    "> 引用——中间有破折号。",
    "——不在引用里",
    "> ——只有来源，没有引文",                          # a quotation is not all attribution
    "> 甲\n>\n> > 内层\n> > ——内层的来源\n>\n> 外层的结语。",   # the inner quote's source, not the outer's
])
def test_other_dashes_are_text(text: str):
    html = render(text)
    assert html.count("attribution") == (1 if "内层的来源" in text else 0), html
    if "内层的来源" in text:
        assert html.index("attribution") < html.index("外层的结语")
