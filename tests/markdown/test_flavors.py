"""Flavors: one parse of a body written for the web page, the feed and the PDF by render
rules (links, ids, page footnotes, wide tables), on real Markdown and the real sample."""
from __future__ import annotations

import datetime as dt
import re
from functools import partial
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.content.config import load_site
from generator.content.model import Issue
from generator.content.publication import load_publication
from generator.errors import Report
from generator.figures.fences import make_fence_handler
from generator.markdown.flavors import (
    Flavor,
    email_flavor,
    feed_flavor,
    print_flavor,
    render_flavors,
    web_flavor,
    wechat_flavor,
)
from generator.markdown.parser import create_markdown, parse_body, render_markdown
from generator.site.bodies import BodyJob, body_jobs, render_body
from tests.conftest import SAMPLE

MD = create_markdown()
BASE = "https://example.org/b/"
PAGE = "issues/2024-q3/essays/a/index.html"
WEB, FEED, PRINT = web_flavor(PAGE), feed_flavor(PAGE, BASE), print_flavor(PAGE, BASE, "art-essays-a-")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(8)


def flavored(text: str, *flavors: Flavor, doc_id: str | None = None) -> tuple[str, ...]:
    tokens, env = parse_body(MD, text, doc_id=doc_id)
    return render_flavors(MD, tokens, env, flavors)


# --- footnotes on paper ------------------------------------------------------------------------

def test_a_note_called_once_is_printed_where_it_is_called_with_its_neighbours_glued():
    [html] = flavored("正文[^1]，再说。\n\n[^1]: 来源 <https://e.org>\n", PRINT)
    assert html == ('<p>正<span class="footnote-glue">文<span class="footnote" id="art-essays-a-fn1">来源 '
                    '<a href="https://e.org">https://e.org</a></span>，</span>再说。</p>\n')


def test_a_note_called_twice_is_printed_once_and_the_second_call_shows_its_number():
    [html] = flavored("甲[^1]。乙（见注[^1]）。\n\n[^1]: 注。\n", PRINT, doc_id="essays-a")
    assert html == ('<p><span class="footnote-glue">甲<span class="footnote" id="art-essays-a-fn-essays-a-1">注。'
                    '</span>。</span>乙（见<span class="footnote-glue">注<sup class="footnote-again">1</sup>）。'
                    '</span></p>\n')


@pytest.mark.parametrize("text, expected", [
    # markup before the call: nothing to glue before it; the 。 after it still goes with it
    ("**《意见》**[^1]，下文", '<strong>《意见》</strong><span class="footnote-glue"><span class="footnote"'),
    # two calls in a row share no character: the ， goes with the first
    ("甲[^1]，[^2]乙", '>一</span>，</span><span class="footnote" id="art-essays-a-fn2">二</span>乙'),
    # a call at a joined line break keeps the character of the line before
    ("甲\n[^1]。乙", '<p><span class="footnote-glue">甲<span class="footnote"'),
    # a space before the call is not glued
    ("word [^1]. Next", '<p>word <span class="footnote-glue"><span class="footnote" id="art-essays-a-fn1">一</span>.'),
])
def test_what_is_kept_on_the_line_of_a_call(text: str, expected: str):
    [html] = flavored(text + "\n\n[^1]: 一\n[^2]: 二\n", PRINT)
    assert expected in html


def test_a_note_of_two_paragraphs_is_one_run_and_its_links_are_absolute():
    [html] = flavored("甲[^1]\n\n[^1]: 第一段，[另见](../b/)。\n\n    第二段。\n", PRINT)
    assert ('<span class="footnote" id="art-essays-a-fn1">第一段，<a href="https://example.org/b/issues/2024-q3/'
            'essays/b/">另见</a>。<br>第二段。</span>') in html


def test_on_paper_the_endnotes_are_gone_and_a_call_inside_a_note_is_only_its_number():
    [html] = flavored("甲[^1]\n\n[^1]: 见乙[^2]\n[^2]: 乙\n", PRINT)
    assert "footnotes" not in html and "footnote-ref" not in html and "footnote-backref" not in html
    assert "<li" not in html and "<hr" not in html
    assert '<span class="footnote" id="art-essays-a-fn1">见<span class="footnote-glue">乙' \
           '<sup class="footnote-again">2</sup></span></span>' in html


def test_on_the_web_and_in_the_feed_notes_stay_endnotes():
    web, feed = flavored("甲[^1]\n\n[^1]: 注\n", WEB, FEED, doc_id="essays-a")
    assert '<a href="#fn-essays-a-1" id="fnref-essays-a-1">[1]</a>' in web
    assert '<li id="fn-essays-a-1" class="footnote-item"><p>注 <a href="#fnref-essays-a-1"' in web
    assert f'<a href="{BASE}issues/2024-q3/essays/a/#fn-essays-a-1" id="fnref-essays-a-1">' in feed
    assert f'<a href="{BASE}issues/2024-q3/essays/a/#fnref-essays-a-1" class="footnote-backref"' in feed


# --- ids, links, tables ------------------------------------------------------------------------

def test_ids_and_fragment_links_get_the_prefix_other_links_become_absolute():
    text = "## 一、背景\n\n见[背景](#一-背景)、[另一篇](../b/)、[外站](https://e.org/x)和[信](mailto:a@e.org)。\n"
    web, printed = flavored(text, WEB, PRINT)
    assert '<h2 id="art-essays-a-一-背景">' in printed
    assert 'href="#art-essays-a-%E4%B8%80-%E8%83%8C%E6%99%AF"' in printed
    assert f'href="{BASE}issues/2024-q3/essays/b/"' in printed
    assert 'href="https://e.org/x"' in printed and 'href="mailto:a@e.org"' in printed
    assert web == render_markdown(MD, text)   # the web page's links are as written


@pytest.mark.parametrize("columns, kind", [(6, None), (7, "wide"), (10, "wide"), (11, "very-wide")])
def test_tables_with_many_columns_are_marked_on_paper_only(columns: int, kind: str | None):
    row = "| " + " | ".join(f"项{i}" for i in range(columns)) + " |\n"
    web, printed = flavored(row + "|" + "---|" * columns + "\n" + row, WEB, PRINT)
    assert "<table>" in web
    assert (f'<table class="{kind}">' if kind else "<table>") in printed


def test_one_parse_renders_the_same_in_any_order():
    """Rendering a flavor leaves the tokens as they were for the next one."""
    text = "## 甲\n\n文[^1]，[链](../x/)。\n\n| a |\n|---|\n| 1 |\n\n[^1]: 注[链](#甲)\n"
    tokens, env = parse_body(MD, text, doc_id="d")
    flavors = (WEB, FEED, PRINT)
    assert render_flavors(MD, tokens, env, flavors) == render_flavors(MD, tokens, env, flavors[::-1])[::-1]


def test_urls_of_output_files():
    assert WEB.url("issues/2024-q3/images/示意图.png") == "../../images/%E7%A4%BA%E6%84%8F%E5%9B%BE.png"
    assert FEED.url("issues/2024-q3/essays/a/chart-1.svg") == BASE + "issues/2024-q3/essays/a/chart-1.svg"
    assert WEB.url("") == PRINT.url("") == ""


# --- bodies with charts, tables and images -----------------------------------------------------

@pytest.fixture()
def issue(site_copy: Path) -> Issue:
    folder = site_copy / "issues" / "2024-q3"
    (folder / "images").mkdir()
    (folder / "images" / "map.png").write_bytes(PNG)
    columns = [f"c{i}" for i in range(8)]
    (folder / "data" / "wide.csv").write_text(",".join(columns) + "\n" + ",".join("1" * 8) + "\n", "utf-8")
    return Issue("2024-q3", folder.resolve(), "2024年第三季度", dt.date(2024, 10, 15), "zh-CN", (), None, False,
                 "", None, ())


BODY = """\
![地图](images/map.png)

```chart
type: line
data: data/cea_quarterly.csv
x: quarter
y: [volume]
title: 成交量
```

```table
data: data/wide.csv
```
"""


def test_a_body_is_parsed_once_and_written_per_flavor(issue: Issue):
    page = "issues/2024-q3/market/m/index.html"
    report = Report()
    flavors = (web_flavor(page), feed_flavor(page, BASE), print_flavor(page, BASE, "art-market-m-"))
    job = BodyJob(issue, issue.folder / "market" / "m.md", BODY, 5, flavors, "market-m")
    done = render_body(MD, job, partial(make_fence_handler, cache_writes=False), report)
    web, feed, printed = done.htmls
    assert done.html == web and not report.problems
    assert done.charts == 1 and [p for p, _ in done.files] == ["issues/2024-q3/images/map.png",
                                                              "issues/2024-q3/market/m/chart-1.svg",
                                                              "issues/2024-q3/market/m/chart-1-phone.svg"]
    # the first picture is fetched at once, the chart after it when scrolled to
    assert '<img src="../../images/map.png" alt="地图" fetchpriority="high">' in web
    assert 'srcset="chart-1-phone.svg"' in web and '<img src="chart-1.svg"' in web
    assert web.count('loading="lazy"') == 1 and 'height="283" loading="lazy"' in web
    for html in (feed, printed):
        assert f'<img src="{BASE}issues/2024-q3/images/map.png"' in html
        assert f'srcset="{BASE}issues/2024-q3/market/m/chart-1-phone.svg"' in html
        assert f'<img src="{BASE}issues/2024-q3/market/m/chart-1.svg"' in html
    assert '<table class="data-table">' in web and '<table class="data-table">' in feed
    assert '<table class="wide data-table">' in printed


def test_problems_are_reported_once_however_many_flavors(issue: Issue):
    report = Report()
    page = "issues/2024-q3/market/m/index.html"
    job = BodyJob(issue, issue.folder / "market" / "m.md", "![](images/none.png)\n\n![](images/map.png)\n", 1,
                  (web_flavor(page), feed_flavor(page, BASE)), "market-m")
    render_body(MD, job, make_fence_handler, report)
    assert [(p.line, p.message.split(" ")[0]) for p in report.problems] == [(1, "image")]
    assert [p.line for p in report.warnings] == [1, 3]   # no alt text: each image once


_LINK = re.compile(r'(\s(?:src|href|srcset)=")([^"]*)(")')


def absolute_links(html: str, page_url: str) -> str:
    """The oracle: how the feed made a body's links whole before the feed flavor, by
    rewriting the web page's HTML (feeds.py `absolute_links`)."""
    def whole(m: re.Match) -> str:
        if m.group(1).endswith('srcset="'):
            value = ", ".join(" ".join([urljoin(page_url, c.split()[0]), *c.split()[1:]])
                              for c in m.group(2).split(",") if c.strip())
        else:
            value = urljoin(page_url, m.group(2))
        return m.group(1) + value + m.group(3)
    return _LINK.sub(whole, html)


_SET = re.compile(r'<span class="(?:nw|pc|footnote-glue)">((?:(?!</?span).|<sup.*?</sup>)*?)</span>')


def unset(html: str) -> str:
    """The web page without what only its stylesheet sets (typeset.py, the glued note calls)."""
    return _SET.sub(r"\1", html).replace("\u2212", "-")


def test_the_feed_flavor_is_the_web_page_with_absolute_links_for_every_sample_body():
    site = load_site(SAMPLE, Report())
    fences = partial(make_fence_handler, cache_writes=False)
    bodies = 0
    for issue in load_publication(site, Report()).issues:
        for job in body_jobs(issue, site.base_url):
            web, feed = render_body(MD, job, fences, Report()).htmls
            # a CSV table's minus sign is in every flavor (figures/tables.py), the text's only where styled
            assert feed.replace("\u2212", "-") == absolute_links(unset(web), job.flavors[1].page_url), job.path
            bodies += 1
    assert bodies > 50


# --- the email and WeChat editions -------------------------------------------------------------

EMAIL, WECHAT = email_flavor(PAGE, BASE), wechat_flavor(PAGE, BASE)


def test_in_wechat_every_link_is_its_text_and_a_reference_numbered_in_order_listed_at_the_end():
    [html] = flavored("见[年报](https://a.org/r.pdf)与[规则](../b/index.html)，再见[年报](https://a.org/r.pdf)、"
                      "<https://c.org>和[信](mailto:x@y.org)。\n", WECHAT)
    assert "<a " not in html and "href" not in html
    assert html.startswith('<p>见年报<sup class="ref">[1]</sup>与规则<sup class="ref">[2]</sup>，'
                           '再见年报<sup class="ref">[1]</sup>、https://c.org和信<sup class="ref">[3]</sup>。</p>')
    # the list: each address once, whole, as text; an address the text shows already is not listed
    assert html.endswith('<ol class="references-list"><li><span class="ref-number">[1]</span> '
                         '<span class="ref-url">https://a.org/r.pdf</span></li><li><span class="ref-number">[2]</span> '
                         f'<span class="ref-url">{BASE}issues/2024-q3/essays/b/index.html</span></li>'
                         '<li><span class="ref-number">[3]</span> <span class="ref-url">mailto:x@y.org</span></li>'
                         '</ol></section>\n')
    assert '<h2 class="references-title">参考链接</h2>' in html


def test_the_email_keeps_links_whole_and_neither_edition_has_ids_or_linked_notes():
    text = "## 小节\n\n正文[^1]见[规则](../b/)。\n\n[^1]: 注，见 <https://n.org>。\n"
    email, wechat, web = flavored(text, EMAIL, WECHAT, WEB, doc_id="essays-a")
    assert f'<a href="{BASE}issues/2024-q3/essays/b/">规则</a>' in email
    for html in (email, wechat):
        assert " id=" not in html and 'href="#' not in html and "↩" not in html
        assert '正文<sup class="footnote-ref">1</sup>' in html   # [1] is a link's reference in WeChat
        assert '<h2 class="footnotes-title">注释</h2>' in html and '<li class="footnote-item"><p>注，见' in html
    # links inside a note become references too, after the notes
    assert wechat.index("footnotes-title") < wechat.index("references-title") and "https://n.org" in wechat
    assert 'id="fn-essays-a-1"' in web and "references" not in web


def test_the_english_editions_name_their_lists_in_english():
    tokens, env = parse_body(MD, "Text[^1] and [a link](https://a.org).\n\n[^1]: A note.\n", language="en")
    [html] = render_flavors(MD, tokens, env, [WECHAT])
    assert '<h2 class="footnotes-title">Notes</h2>' in html and '<h2 class="references-title">References</h2>' in html


def test_an_svg_image_is_described_in_the_editions_as_no_mail_program_shows_it(tmp_path: Path):
    issue = Issue("q", tmp_path, "t", dt.date(2024, 1, 1), "zh-CN", (), None, False, "", None, ())
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "map.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    (tmp_path / "images" / "p.png").write_bytes(PNG)
    job = BodyJob(issue, tmp_path / "a.md", "![地图](images/map.svg) ![照片](images/p.png)\n", 1,
                  (WEB, FEED, WECHAT), "essays-a")
    web, _, wechat = render_body(MD, job, partial(make_fence_handler), Report()).htmls
    assert '<img src="../../../q/images/map.svg"' in web
    assert '<span class="image-note">[地图 · 图片见网页版]</span>' in wechat
    assert f'<img src="{BASE}issues/q/images/p.png" alt="照片"' in wechat


def test_a_chart_in_an_edition_is_its_png_with_its_size_and_a_whole_url():
    site = load_site(SAMPLE, Report())
    pub = load_publication(site, Report())
    issue = next(i for i in pub.issues if i.id == "2024-q3")
    job = next(j for j in body_jobs(issue, BASE, editions=True) if "national-carbon-market" in j.path.name)
    rendered = render_body(MD, job, partial(make_fence_handler), Report())
    web, _feed, wechat = rendered.htmls
    assert "chart-1.svg" in web and ".svg" not in wechat and "<details" not in wechat and "<picture" not in wechat
    first = rendered.images[0]
    assert first.path == "issues/2024-q3/market/national-carbon-market/chart-1.png" and first.width == 340
    assert (f'<img class="chart-image" src="{BASE}{first.path}" alt="{first.title}" width="340" '
            f'height="{first.height}">') in wechat
    files = dict(rendered.files)
    assert files[first.path][:8] == b"\x89PNG\r\n\x1a\n"
    # without an edition no PNG is drawn
    plain = next(j for j in body_jobs(issue, BASE) if "national-carbon-market" in j.path.name)
    assert not any(p.endswith(".png") for p, _ in render_body(MD, plain, partial(make_fence_handler), Report()).files)
