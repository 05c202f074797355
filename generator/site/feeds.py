"""Atom feed and sitemap: absolute URLs from base_url, deterministic output."""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from generator.content.model import Site
from generator.site.pages import ArticleView, IssueView, Page

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_SIZE = 100


def absolute_url(site: Site, path: str) -> str:
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return site.base_url + path


_LINK = re.compile(r'(\s(?:src|href|srcset)=")([^"]*)(")')


def absolute_links(html: str, page_url: str) -> str:
    """A body's links and images are relative to its page; a feed reader shows the body
    elsewhere, so the feed gets them whole (charts, footnotes). `srcset` may list several."""
    def whole(m: re.Match) -> str:
        if m.group(1).endswith('srcset="'):
            value = ", ".join(" ".join([urljoin(page_url, c.split()[0]), *c.split()[1:]])
                              for c in m.group(2).split(",") if c.strip())
        else:
            value = urljoin(page_url, m.group(2))
        return m.group(1) + value + m.group(3)
    return _LINK.sub(whole, html)


def _stamp(day: dt.date) -> str:
    # Dates only in the content; noon China time keeps the calendar day in every zone near it.
    return f"{day.isoformat()}T12:00:00+08:00"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def render_feed(site: Site, issues: tuple[IssueView, ...]) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": site.language})
    a = lambda tag: f"{{{ATOM}}}{tag}"  # noqa: E731
    _sub(feed, a("title"), site.title)
    if site.subtitle:
        _sub(feed, a("subtitle"), site.subtitle)
    _sub(feed, a("id"), site.base_url)
    _sub(feed, a("link"), href=site.base_url)
    _sub(feed, a("link"), rel="self", href=site.base_url + "feed.xml")
    arts: list[tuple[IssueView, ArticleView]] = [(v, art) for v in issues for art in v.articles]
    arts.sort(key=lambda p: (p[1].meta.date or p[0].issue.date, p[1].path), reverse=True)
    latest = max((v.issue.date for v in issues), default=dt.date(2000, 1, 1))
    _sub(feed, a("updated"), _stamp(latest))
    author = _sub(feed, a("author"))
    _sub(author, a("name"), site.publisher or site.title)
    for view, art in arts[:FEED_SIZE]:
        entry = _sub(feed, a("entry"))
        _sub(entry, a("title"), art.meta.title)
        url = absolute_url(site, art.path)
        _sub(entry, a("id"), url)
        _sub(entry, a("link"), href=url)
        _sub(entry, a("updated"), _stamp(art.meta.date or view.issue.date))
        if art.meta.author:
            _sub(_sub(entry, a("author")), a("name"), art.meta.author)
        _sub(entry, a("category"), term=art.section.key, label=art.section.title)
        for tag in art.tags:
            _sub(entry, a("category"), term=tag.name)
        _sub(entry, a("summary"), art.summary)
        _sub(entry, a("content"), absolute_links(art.html, url), type="html")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def render_sitemap(site: Site, pages: list[Page]) -> bytes:
    ET.register_namespace("", SITEMAP)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for page in sorted(pages, key=lambda p: p.path):
        if page.path == "404.html":
            continue
        url = ET.SubElement(root, f"{{{SITEMAP}}}url")
        ET.SubElement(url, f"{{{SITEMAP}}}loc").text = absolute_url(site, page.path)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
