"""Full-text search: a static index of every article, written with the site's pages.

What is searched of an article: its title; its summary and abstract; its author, source
and tags; the text of its body (the "数据" switch of a chart and footnote marks aside).
The index (`search_index.py`) finds every article that holds a term, and only those;
`themes/default/static/search-index.js` reads it in the browser. Files, all under search/:

- `index.bin`: gzipped JSON: the issues ([id, title]), the sections ([key, title]), the names of the
  shards, and a row per article: [page, title, date, issue, section, [where its title,
  summary and meta end in its folded text], the text's length, the date as the page
  writes it, the name of its text file];
- `shards/<hash>.bin`: the positions of the keys (`search_index.build_shards`), gzipped;
- `texts/<hash>.bin`: each article's text as written, gzipped JSON, for what a result shows: {"s": summary
  and abstract, "a": author and title, "o": source, "g": tags, "b": body blocks}.

Every file is gzipped whatever the host does (Chinese text is 2.4 times smaller, positions
1.25, the article table 4); the browser unzips it unless the host already did. Shards and
texts are named by their content, so a browser may keep them; only index.bin is asked for
again. The same content makes the same bytes (builds are reproducible).
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from generator.i18n import format_date
from generator.incremental.hashing import token_of

if TYPE_CHECKING:   # views import bodies, which take body_text from here
    from generator.site.views import ArticleView, IssueView

INDEX = "search/index.bin"
FORMAT = 1      # search-index.js refuses an index of another format


@dataclass(frozen=True)
class SearchDoc:
    """One article as search sees it: the parts of its text in order of weight."""

    path: str
    title: str
    date: dt.date               # the article's, else its issue's
    issue: int                  # in SearchSite.issues
    section: int                # in SearchSite.sections
    summary: tuple[str, ...]    # the summary, then the points of the abstract
    author: tuple[str, ...]     # the author and the author's title
    source: str
    tags: tuple[str, ...]
    body: tuple[str, ...]       # the body's paragraphs, headings, list items, table rows, captions

    def parts(self) -> tuple[str, str, str, str]:
        """The folded text of each part: title, summary, meta (byline and tags), body."""
        from generator.site.search_index import fold  # numpy: only a build with search loads it
        return (fold(self.title), fold(" ".join(self.summary)), fold(" ".join((*self.author, self.source, *self.tags))),
                fold(" ".join(self.body)))


class BodyText(HTMLParser):
    """The text of a rendered body, a string per block. Left out: the "数据" label that
    opens a chart's table, footnote marks ([1], ↩), and anything marked data-search-ignore."""

    BLOCKS = frozenset(("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "figcaption", "caption", "dt", "dd",
                        "blockquote", "pre", "table", "section", "div", "figure", "ol", "ul", "br", "hr"))
    CELLS = frozenset(("td", "th"))
    VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.stack: list[tuple[str, bool]] = []   # open elements: (tag, left out)

    @staticmethod
    def left_out(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        return tag == "summary" or "data-search-ignore" in found or "footnote-ref" in classes \
            or "footnote-backref" in classes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.flush()
        elif tag in self.CELLS:
            self.current.append(" ")
        if tag not in self.VOID:
            self.stack.append((tag, self.left_out(tag, attrs) or (bool(self.stack) and self.stack[-1][1])))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1][1]):
            self.current.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []


def body_text(html: str) -> tuple[str, ...]:
    reader = BodyText()
    reader.feed(html)
    reader.close()
    reader.flush()
    return tuple(reader.blocks)


def search_docs(views: tuple[IssueView, ...], sections: tuple[str, ...]) -> list[SearchDoc]:
    """Every article of every issue, newest issue first, in the order of its issue; never a draft."""
    docs = []
    for number, view in enumerate(views):
        for art in view.articles:
            if not art.draft:
                docs.append(search_doc(art, number, sections.index(art.section.key), view))
    return docs


def search_doc(art: ArticleView, issue: int, section: int, view: IssueView) -> SearchDoc:
    meta = art.meta
    summary = (art.summary, *meta.abstract) if art.summary else meta.abstract
    author = tuple(x for x in (art.byline_name, art.byline_title) if x)
    return SearchDoc(art.path, meta.title, meta.date or view.issue.date, issue, section,
                     summary, author, meta.source or "", meta.tags, art.text)


def packed(folder: str, data: bytes) -> tuple[str, str, bytes]:
    """A file gzipped and named by its content: (its name, its path in the site, its bytes)."""
    data = gzip.compress(data, 6, mtime=0)
    name = token_of(data)[:16]
    return name, f"search/{folder}/{name}.bin", data


def search_files(views: tuple[IssueView, ...], section_keys: tuple[str, ...],
                 section_titles: tuple[str, ...], prefix: str = "") -> dict[str, bytes]:
    """Every file of the search index, by its path in the site. A draft issue is not named in it.
    `prefix`: the folder of a language's edition (en/), whose own index holds only its pages (their
    paths from that folder, which the page's script takes as its root)."""
    from generator.site.search_index import build_shards  # numpy: only a build with search loads it
    views = tuple(v for v in views if not v.issue.draft)
    docs = search_docs(views, section_keys)
    files: dict[str, bytes] = {}
    streams, rows = [], []
    for doc in docs:
        parts = doc.parts()
        ends, at = [], -1
        for part in parts:
            at += 1 + len(part)
            ends.append(at)
        streams.append(" ".join(parts))
        name, path, files[path] = packed("texts", compact_json(
            {"s": doc.summary, "a": doc.author, "o": doc.source, "g": doc.tags, "b": doc.body}))
        rows.append([doc.path.removeprefix(prefix), doc.title, doc.date.isoformat(), doc.issue, doc.section, ends[:3],
                     ends[3], format_date(doc.date, views[doc.issue].issue.language), name])
    shard_names = []
    for shard in build_shards(streams):
        name, path, files[path] = packed("shards", shard)
        shard_names.append(name)
    issues = [[v.issue.id, v.issue.title] for v in views]
    sections = [list(pair) for pair in zip(section_keys, section_titles, strict=True)]
    files[INDEX] = gzip.compress(compact_json({"format": FORMAT, "shards": shard_names, "issues": issues,
                                               "sections": sections, "docs": rows}), 6, mtime=0)
    return {prefix + path: data for path, data in files.items()}


def compact_json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
