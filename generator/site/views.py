"""What templates are given: the publication's issues and articles with their rendered
bodies, tags and URLs.

Views are frozen values. Fields whose names start with "_" are out of a template's reach
(the sandbox refuses them); a body is reached only through the properties named in
`LAZY`, so the build can tell which page shows which body (incremental/keys.py).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from generator.content.model import Article, ArticleMeta, Issue, Publication
from generator.content.settings import Author, Section
from generator.content.slugs import slugify
from generator.errors import Report
from generator.site import urls
from generator.site.bodies import ChartImage, Rendered
from generator.site.citations import Citation, cite
from generator.site.register import DocRef, doc_refs, ref_of


@dataclass(frozen=True)
class TagRef:
    name: str
    slug: str
    lang_edition: str = ""   # each language's edition has its own tag pages

    @property
    def path(self) -> str:
        return urls.tag_path(self.slug, self.lang_edition)


@dataclass(frozen=True)
class ArticleView:
    LAZY: ClassVar[dict[str, str]] = {"html": "body", "feed_html": "body", "summary": "summary", "text": "body",
                                      "wechat_html": "body", "charts": "body"}

    model: Article          # what the editor wrote
    issue: Issue
    tags: tuple[TagRef, ...]
    _rendered: Rendered = field(repr=False)
    _summary: str = field(repr=False, default="")
    scheduled: bool = False   # dated after today, shown by `serve` (marked) before it is published
    author: Author | None = None          # the author of authors.yml that `author:` names
    documents: tuple[DocRef, ...] = ()    # the policy documents it cites

    @property
    def lazy_source(self) -> str:
        return str(self.model.source.path)

    @property
    def byline_name(self) -> str | None:
        """The author's name as the byline shows it: authors.yml's (in the issue's language), else as written."""
        return self.author.name(self.issue.language) if self.author else self.model.meta.author

    @property
    def byline_title(self) -> str | None:
        """The author's role: the article's `author_title`, else authors.yml's."""
        return self.model.meta.author_title or (self.author.title(self.issue.language) or None if self.author else None)

    @property
    def author_path(self) -> str | None:
        return urls.author_path(self.author.key, self.model.lang_edition) if self.author else None

    @property
    def card_path(self) -> str:
        """The article's preview card (og:image)."""
        return urls.card_path(self.path)

    @property
    def citations(self) -> tuple[tuple[DocRef, Citation], ...]:
        """Its documents, each cited after GB/T 7714-2015 as of the article's date."""
        accessed = self.model.meta.date or self.issue.date
        return tuple((ref, cite(ref.document, accessed)) for ref in self.documents)

    @property
    def html(self) -> str:
        """The body, with links relative to the article's page."""
        return self._rendered.html

    @property
    def feed_html(self) -> str:
        """The body with whole URLs, for a feed reader that shows it elsewhere."""
        return self._rendered.feed_html

    @property
    def text(self) -> tuple[str, ...]:
        """The body as plain text, a string per paragraph, heading, list item or table row."""
        return self._rendered.text

    @property
    def summary(self) -> str:
        """The summary of the front matter, else the body's first sentences."""
        return self._summary

    @property
    def wechat_html(self) -> str:
        """The body for the WeChat edition (`flavors.wechat_flavor`), if the build makes editions."""
        return self._rendered.edition_html

    @property
    def charts(self) -> tuple[ChartImage, ...]:
        """The body's charts as PNG (the email's market snapshot), if the build makes editions."""
        return self._rendered.images

    @property
    def wechat_path(self) -> str:
        return urls.wechat_path(self.model)

    @property
    def article(self) -> Article:
        return self.model

    @property
    def published(self) -> dt.date:
        """The article's date, else its issue's."""
        return self.model.meta.date or self.issue.date

    @property
    def modified(self) -> dt.date:
        """The day it last changed: its latest correction or `updated`, else `published`
        (the feed's <updated>, the sitemap's <lastmod>, dateModified)."""
        meta = self.model.meta
        return max([self.published, *([meta.updated] if meta.updated else []), *(c.date for c in meta.corrections)])

    @property
    def draft(self) -> bool:
        """Not published (`draft: true`, or in a draft issue): marked, and never in the feed,
        the sitemap or the search index."""
        return self.model.meta.draft or self.issue.draft

    @property
    def meta(self) -> ArticleMeta:
        return self.model.meta

    @property
    def section(self) -> Section:
        return self.model.section

    @property
    def path(self) -> str:
        return urls.article_path(self.model)


@dataclass(frozen=True)
class Highlight:
    """A line of 本期观点, and the article of its issue whose title it is (a card links to it)."""
    text: str
    article: ArticleView | None


@dataclass(frozen=True)
class IssueView:
    issue: Issue
    intro_html: str
    groups: tuple[tuple[Section, tuple[ArticleView, ...]], ...]
    pdf_path: str | None
    intro_email_html: str = ""     # the 引言 for the email edition (whole URLs, charts as PNG) …
    intro_text: str = ""           # … and for its text part
    scheduled: bool = False   # dated after today, shown by `serve` (marked) before it is published

    @property
    def path(self) -> str:
        return urls.issue_path(self.issue)

    @property
    def draft(self) -> bool:
        """A draft issue, or one showing a draft article (both only with --drafts)."""
        return self.issue.draft or any(a.meta.draft for a in self.issue.articles)

    @property
    def cover_path(self) -> str | None:
        return urls.cover_path(self.issue)

    @property
    def articles(self) -> tuple[ArticleView, ...]:
        return tuple(v for _, views in self.groups for v in views)

    @property
    def card_path(self) -> str:
        return urls.card_path(self.path)

    @property
    def documents(self) -> tuple[tuple[DocRef, tuple[ArticleView, ...]], ...]:
        """The documents its articles cite, in the order first cited, each with the articles citing it."""
        found: dict[str, tuple[DocRef, list[ArticleView]]] = {}
        for art in self.articles:
            for ref in art.documents:
                found.setdefault(ref.key, (ref, []))[1].append(art)
        return tuple((ref, tuple(arts)) for ref, arts in found.values())

    @property
    def modified(self) -> dt.date:
        """The day the issue or any of its articles last changed (the PDF's modification date)."""
        return max([self.issue.date, *(a.modified for a in self.articles)])

    @property
    def highlight_cards(self) -> tuple[Highlight, ...]:
        """issue.yml's highlights, each with the article it names (its title, spaces aside)."""
        by_title = {_plain(a.meta.title): a for a in self.articles}
        return tuple(Highlight(h, by_title.get(_plain(h))) for h in self.issue.highlights)

    @property
    def has_drafts(self) -> bool:
        """The issue, or an article of it, is a draft: its PDF is not the one to publish."""
        return self.issue.draft or any(a.draft for a in self.articles)


def build_views(pub: Publication, rendered: dict[Path, Rendered], report: Report,
                with_pdf: bool | Callable[[str], bool], slugs: dict[str, str] | None = None,
                marked: dt.date | None = None) -> tuple[IssueView, ...]:
    """`with_pdf`: whether issues link their PDF (or which: a test of its path). `slugs`: tag slugs
    known from earlier builds (pinyin is slow to load). `marked`: today, when what is dated after
    it is shown marked (`serve`)."""
    tags = tag_refs(pub, report, slugs)
    docs = doc_refs(pub, report, slugs)
    views = []
    for issue in pub.issues:
        groups = []
        for section in pub.site.sections:
            arts = tuple(ArticleView(a, issue, tuple(tags[t] for t in a.meta.tags), rendered[a.source.path],
                                     a.meta.summary or rendered[a.source.path].summary,
                                     _after(a.meta.date, marked), pub.site.author(a.meta.author),
                                     tuple(ref_of(docs, d) for d in a.meta.documents))
                         for a in issue.in_section(section.key))
            if arts:
                groups.append((section, arts))
        intro = rendered[issue.intro_source.path] if issue.intro_source else None
        pdf: str | None = (urls.pdf_path(pub.site.title, issue.id, slugs, pub.site.lang_edition)
                           if with_pdf and (issue.articles or not issue.lang_edition) else None)
        if pdf and callable(with_pdf) and not with_pdf(pdf):
            pdf = None
        views.append(IssueView(issue, intro.html if intro else "", tuple(groups), pdf,
                               intro.edition_html if intro else "", intro.plain if intro else "",
                               scheduled=_after(issue.date, marked)))
    return tuple(views)


def _after(date: dt.date | None, today: dt.date | None) -> bool:
    return date is not None and today is not None and date > today


def tag_refs(pub: Publication, report: Report, slugs: dict[str, str] | None) -> dict[str, TagRef]:
    """Each tag's page; two spellings that would share a page are an error."""
    refs: dict[str, TagRef] = {}
    by_slug: dict[str, str] = {}
    for issue in pub.issues:
        for a in issue.articles:
            for name in a.meta.tags:
                slug = slugify(name, slugs) or "tag"
                if slug in by_slug and by_slug[slug] != name:
                    report.error(a.source.path, None, f"tags: '{name}' and '{by_slug[slug]}' would share the page "
                                                      f"tags/{slug}/; use one spelling")
                by_slug.setdefault(slug, name)
                refs[name] = TagRef(by_slug[slug], slug, pub.site.lang_edition)
    return refs


def articles_by_tag(issues: tuple[IssueView, ...]) -> dict[TagRef, list[ArticleView]]:
    out: dict[TagRef, list[ArticleView]] = {}
    for view in issues:
        for art in view.articles:
            for tag in art.tags:
                out.setdefault(tag, []).append(art)
    return out


def _plain(title: str) -> str:
    return "".join(title.split())
