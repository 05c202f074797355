"""Corrections to a published article (`updated`, `corrections`), as readers and machines see them:
a 更正 box on the page and in the PDF, the feed's <updated>, the sitemap's <lastmod>,
dateModified. The fields themselves: tests/content/test_articles.py."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import run_cli

BRIEF = "issues/2024-q3/policy/2024-07-04-procurement-footprint.md"
PAGE = "issues/2024-q3/policy/procurement-footprint/index.html"
CORRECTED = ("updated: 2024-11-02\ncorrections:\n  - {date: 2024-07-20, text: 原文称“七省市”，应为“八省市”。}\n"
             "  - {date: 2024-08-01, text: 更正了数据来源 <b>。}\n")


def correct(site: Path) -> None:
    path = site / BRIEF
    path.write_text(path.read_text("utf-8").replace("source: 国务院\n", "source: 国务院\n" + CORRECTED), "utf-8")


def entry_of(feed: str, slug: str) -> str:
    return next(e for e in feed.split("<entry>") if f"/{slug}/" in e)


def test_a_corrected_article_says_so_on_its_page_in_the_feed_and_the_sitemap(site_copy: Path):
    """issue 22 (5): a correction could only be made by editing the body silently, and the feed's
    <updated> stayed at the original date."""
    correct(site_copy)
    done = run_cli("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", cwd=site_copy.parent)
    assert done.returncode == 0, done.stderr
    out = site_copy.parent / "out"
    page = (out / PAGE).read_text("utf-8")
    box = re.search(r'<aside class="corrections".*?</aside>', page, re.S).group(0)
    assert '<h2 id="corrections-procurement-footprint" class="corrections-title">更正</h2>' in box
    assert ('<li><time datetime="2024-07-20">2024年7月20日</time>：原文称“七省市”，应为“八省市”。</li>'
            '<li><time datetime="2024-08-01">2024年8月1日</time>：更正了数据来源 &lt;b&gt;。</li>') in box
    assert page.index("corrections-title") < page.index('<div class="prose">')        # read before the body
    assert ('<span class="updated" data-search-ignore>更新：<time datetime="2024-11-02">2024年11月2日</time></span>'
            in page)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert (data["datePublished"], data["dateModified"]) == ("2024-07-04", "2024-11-02")
    feed = (out / "feed.xml").read_text("utf-8")
    assert "<updated>2024-11-02T12:00:00+08:00</updated>" in entry_of(feed, "procurement-footprint")
    assert "<updated>2024-04-02T12:00:00+08:00</updated>" in entry_of(feed, "first-brief")     # the others as before
    assert "<updated>2024-11-02T12:00:00+08:00</updated>" in feed.split("<entry>")[0]   # the feed's own: its latest
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert re.search(r"procurement-footprint/</loc>\s*<lastmod>2024-11-02</lastmod>", sitemap)
    assert re.search(r"issues/2024-q3/</loc>\s*<lastmod>2024-11-02</lastmod>", sitemap)
    assert re.search(r"2024-q2/policy/first-brief/</loc>\s*<lastmod>2024-04-02</lastmod>", sitemap)


def test_an_article_never_corrected_shows_no_box_and_no_update(built_fixture: Path):
    page = (built_fixture / PAGE).read_text("utf-8")
    assert 'class="corrections"' not in page and 'class="updated"' not in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert data["dateModified"] == data["datePublished"] == "2024-07-04"


def test_a_title_cannot_end_the_script_that_carries_the_dates(site_copy: Path):
    path = site_copy / BRIEF
    path.write_text(path.read_text("utf-8").replace("title: 碳足迹管理将纳入政府采购",
                                                    "title: 'x</script><script>alert(1)</script>'"), "utf-8")
    done = run_cli("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", cwd=site_copy.parent)
    assert done.returncode == 0, done.stderr
    page = (site_copy.parent / "out" / PAGE).read_text("utf-8")
    assert "<script>alert" not in page and "\\u003c/script\\u003e" in page


@pytest.mark.slow
def test_the_pdf_prints_the_corrections_box_and_its_modification_date(site_copy: Path):
    correct(site_copy)
    shutil.rmtree(site_copy / "issues/2024-q2")
    out = site_copy.parent / "out"
    done = run_cli("build", "--content", "content", "--out", "out", "--no-search", cwd=site_copy.parent)
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out / "issues/2024-q3/tan-qiao-2024-q3.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    # briefs are set in two columns (issue 23): a correction may wrap, in its box of the column
    assert "2024年7月20日：原文称“七省市”，应为“八省市”。2024年8月1日：更正了数据来源 <b>。" in text.replace("\n", "")
    assert "更新：2024年11月2日" in text
    assert re.search(r"更\s?正\n2024年7月20日", text)
    assert reader.metadata["/ModDate"].startswith("D:20241102")        # after the date: the correction's
    assert reader.metadata["/CreationDate"].startswith("D:20241015")
