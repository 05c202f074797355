"""generator/site/urls.py: where each thing is written, and the relative links between them."""
from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.model import Article, ArticleMeta, Issue, Source
from generator.content.settings import Section
from generator.site import urls
from generator.site.urls import absolute_url, relative_url

ARTICLE = "issues/2024-q3/policy/procurement/index.html"
PAGES = {   # one page of every kind the site has
    "home": urls.HOME, "issues": urls.ISSUES, "search": urls.SEARCH, "tags": urls.TAGS,
    "404": urls.NOT_FOUND, "feed": urls.FEED, "sitemap": urls.SITEMAP,
    "issue": "issues/2024-q3/index.html", "article": ARTICLE, "section": "sections/policy/index.html",
    "tag": "tags/ccer/index.html", "image": "issues/2024-q3/images/dot.png", "css": "static/style.css",
    "pdf": "issues/2024-q3/tan-qiao-2024-q3.pdf",
}


@pytest.mark.parametrize("target, current, link", [
    pytest.param("index.html", "index.html", "index.html", id="root-from-root"),
    pytest.param("issues/index.html", "index.html", "issues/index.html", id="issues-from-root"),
    pytest.param("index.html", ARTICLE, "../../../../index.html", id="root-from-an-article"),
    pytest.param("index.html", "issues/index.html", "../index.html", id="root-from-issues"),
    pytest.param("issues/2024-q3/index.html", ARTICLE, "../../index.html", id="its-issue-from-an-article"),
    pytest.param("issues/2024-q3/policy/other/index.html", ARTICLE, "../other/index.html", id="sibling-article"),
    pytest.param("issues/2024-q2/policy/other/index.html", ARTICLE, "../../../2024-q2/policy/other/index.html",
                 id="article-of-another-issue"),
    pytest.param("issues/2024-q3/images/dot.png", ARTICLE, "../../images/dot.png", id="image-of-its-issue"),
    pytest.param("tags/ccer/index.html", ARTICLE, "../../../../tags/ccer/index.html", id="tag-from-article"),
    pytest.param(ARTICLE, "tags/ccer/index.html", "../../issues/2024-q3/policy/procurement/index.html",
                 id="article-from-tag"),
    pytest.param("static/style.css", "404.html", "static/style.css", id="css-from-404"),
    pytest.param("feed.xml", "sections/policy/index.html", "../../feed.xml", id="feed-from-section"),
    pytest.param("issues/", "index.html", "issues/index.html", id="a-folder-is-its-index"),
    pytest.param("issues/2024-q3/", "issues/2024-q3/index.html", "index.html", id="own-folder"),
    pytest.param("issues-old/index.html", "issues/index.html", "../issues-old/index.html",
                 id="a-folder-whose-name-starts-alike"),
    pytest.param("issues/2024-q3", "issues/2024-q3/index.html", "../2024-q3", id="a-file-named-like-the-folder"),
])
def test_relative_url(target: str, current: str, link: str):
    assert relative_url(target, current) == link


@pytest.mark.parametrize("current", list(PAGES.values()), ids=list(PAGES))
@pytest.mark.parametrize("target", list(PAGES.values()), ids=list(PAGES))
def test_every_kind_of_page_reaches_every_other(target: str, current: str):
    link = relative_url(target, current)
    assert not link.startswith("/") and "//" not in link
    assert posixpath.normpath(posixpath.join(posixpath.dirname(current), link)) == target


SEGMENT = st.sampled_from(["a", "b", "issues", "2024-q3", "index.html", "x.png", "a-b"])


@settings(deadline=None)
@given(st.lists(SEGMENT, min_size=1, max_size=5), st.lists(SEGMENT, min_size=1, max_size=5), st.booleans())
def test_following_a_relative_url_lands_on_the_target(target_parts: list[str], current_parts: list[str],
                                                      folder: bool):
    target, current = "/".join(target_parts), "/".join(current_parts)
    if folder:
        target += "/"
    link = relative_url(target, current)
    expected = target + "index.html" if folder else target
    assert posixpath.normpath(posixpath.join(posixpath.dirname(current), link)) == expected
    assert posixpath.normpath(link) == link    # the shortest way: "../" only at the start, no "./"


@pytest.mark.parametrize("path, address", [
    pytest.param("index.html", "https://example.org/b/", id="root"),
    pytest.param("issues/index.html", "https://example.org/b/issues/", id="folder"),
    pytest.param(ARTICLE, "https://example.org/b/issues/2024-q3/policy/procurement/", id="article"),
    pytest.param("404.html", "https://example.org/b/404.html", id="a-page-not-an-index"),
    pytest.param("feed.xml", "https://example.org/b/feed.xml", id="feed"),
    pytest.param("issues/2024-q3/images/dot.png", "https://example.org/b/issues/2024-q3/images/dot.png", id="image"),
    pytest.param("static/reindex.html", "https://example.org/b/static/reindex.html", id="a-name-ending-in-index"),
    pytest.param("myindex.html", "https://example.org/b/myindex.html", id="at-the-root-too"),
])
def test_absolute_url_names_a_folder_by_its_slash(path: str, address: str):
    assert absolute_url("https://example.org/b/", path) == address


POLICY = Section("policy", "国家政策", "brief")
ISSUE = Issue("2024-q3", Path("/c/issues/2024-q3"), "2024年第三季度", dt.date(2024, 10, 15), "zh-CN", (),
              "images/cover.jpg", False, "", None, ())


def test_where_each_thing_is_written():
    art = Article(Source(Path("/c/issues/2024-q3/policy/2024-07-04-procurement.md"), 6), "2024-q3", POLICY,
                  "procurement", ArticleMeta("碳足迹"), "")
    assert urls.article_path(art) == ARTICLE
    assert urls.issue_path(ISSUE) == "issues/2024-q3/index.html"
    assert urls.section_path("policy") == "sections/policy/index.html"
    assert urls.tag_path("ccer") == "tags/ccer/index.html"
    assert urls.cover_path(ISSUE) == "issues/2024-q3/images/cover.jpg"
    assert urls.cover_path(dataclasses.replace(ISSUE, cover="./images/../cover.png")) == "issues/2024-q3/cover.png"
    assert urls.cover_path(dataclasses.replace(ISSUE, cover=None)) is None


@pytest.mark.parametrize("title, path", [
    pytest.param("碳桥", "issues/2024-q3/tan-qiao-2024-q3.pdf", id="chinese-title-in-pinyin"),
    pytest.param("Carbon Bridge!", "issues/2024-q3/carbon-bridge-2024-q3.pdf", id="latin-title"),
    pytest.param("！？", "issues/2024-q3/bulletin-2024-q3.pdf", id="no-letters"),
])
def test_pdf_path(title: str, path: str):
    assert urls.pdf_path(title, "2024-q3") == path
    assert urls.pdf_path(title, "2024-q3", {}) == path     # with the build's slug memo too


def test_another_languages_pages_are_under_its_folder():
    art = Article(Source(Path("/c/issues/2024-q3/policy/2024-07-04-procurement.en.md"), 6), "2024-q3", POLICY,
                  "procurement", ArticleMeta("Procurement"), "", "en")
    assert urls.prefix("") == "" and urls.prefix("zh-Hant") == "zh-hant/"
    assert urls.article_path(art) == "en/" + ARTICLE
    assert urls.wechat_path(art) == "en/issues/2024-q3/policy/procurement/wechat.html"
    assert urls.in_language(urls.FEED, "en") == "en/feed.xml" and urls.in_language(urls.HOME, "") == "index.html"
    assert urls.section_path("policy", "en") == "en/sections/policy/index.html"
    assert urls.tag_path("ccer", "en") == "en/tags/ccer/index.html"
    assert urls.email_path("2024-q3", "eml", "en") == "en/issues/2024-q3/email.eml"
    # a language's PDF says which it is: two editions downloaded never share a name
    assert urls.pdf_path("碳桥", "2024-q3") == "issues/2024-q3/tan-qiao-2024-q3.pdf"
    assert urls.pdf_path("碳桥", "2024-q3", None, "en") == "en/issues/2024-q3/tan-qiao-2024-q3.en.pdf"
    assert relative_url(urls.article_path(art), ARTICLE) == "../../../../en/" + ARTICLE
