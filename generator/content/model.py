"""The validated content model: frozen, typed, no raw YAML downstream.

Three kinds of data are kept apart: where a file came from (`Source`), what the
editor wrote (the issues and articles here, the site's settings in `settings.py`), and
what we computed (the bodies, `site/bodies.Rendered`, and the page set, `site/pages.py`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from generator.content.settings import Section, Site

if TYPE_CHECKING:
    from generator.content.schedule import Held

ISSUE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")   # an issue's folder name: its id and URL


@dataclass(frozen=True)
class Source:
    path: Path        # absolute path of the file
    body_line: int    # line of the file where the Markdown body starts


@dataclass(frozen=True)
class Correction:
    """A correction to a published article: when, and what was corrected (plain text)."""
    date: dt.date
    text: str


@dataclass(frozen=True)
class Document:
    """A policy document an article cites (`documents:`), for the register and its citation."""

    title: str
    issuers: tuple[str, ...]
    date: dt.date
    number: str | None = None     # 文号, e.g. 国办发〔2024〕33号
    url: str | None = None


@dataclass(frozen=True)
class ArticleMeta:
    title: str
    date: dt.date | None = None
    source: str | None = None
    source_url: str | None = None
    author: str | None = None
    author_title: str | None = None
    abstract: tuple[str, ...] = ()
    summary: str | None = None
    tags: tuple[str, ...] = ()
    slug: str | None = None
    order: int | None = None
    draft: bool = False
    documents: tuple[Document, ...] = ()      # the policy documents it cites
    updated: dt.date | None = None            # changed after publication
    corrections: tuple[Correction, ...] = ()  # oldest first, as written
    translated_from: str | None = None        # a translation: the fingerprint of the original it follows


@dataclass(frozen=True)
class Article:
    # A template that reads the Markdown body depends on it (incremental/keys.py)
    LAZY: ClassVar[dict[str, str]] = {"body": "body"}

    source: Source
    issue_id: str
    section: Section
    slug: str
    meta: ArticleMeta
    body: str = field(repr=False)
    lang_edition: str = ""      # the language of a translation or an article in one other language only

    @property
    def twin(self) -> tuple[str, str, str]:
        """What its translations share: issue, section and the file name without its language."""
        name = self.source.path.name.removesuffix(".md")
        stem = name.removesuffix(f".{self.lang_edition}") if self.lang_edition else name
        return self.issue_id, self.section.key, stem

    @property
    def lazy_source(self) -> str:
        return str(self.source.path)

    @property
    def last_change(self) -> dt.date | None:
        """Its date, or the last `updated` or correction after it."""
        days = [d for d in (self.meta.date, self.meta.updated, *(c.date for c in self.meta.corrections)) if d]
        return max(days, default=None)

    def sort_key(self) -> tuple:
        order = self.meta.order if self.meta.order is not None else 10**9
        return (order, self.meta.date or dt.date.max, self.meta.title)


@dataclass(frozen=True)
class SnapshotFigure:
    """One figure of an issue's market snapshot, as its CSV writes it (`99.48`, `元/吨`, `+10%`)."""
    label: str
    value: str
    unit: str
    change: str            # a negative one with the minus sign (−66%)

    @property
    def direction(self) -> str:
        """"up", "down" or "" (no change, or none given), for the arrow beside the change."""
        return {"+": "up", "\u2212": "down"}.get(self.change[:1], "")


@dataclass(frozen=True)
class Snapshot:
    """issue.yml's `snapshot:`: a few figures from one of the issue's CSV files, for the
    front of its web page and the home page."""
    title: str
    figures: tuple[SnapshotFigure, ...]
    change_label: str      # what the change is on (环比, on the quarter); empty: no change shown
    source: str            # the CSV as issue.yml names it


@dataclass(frozen=True)
class IssueText:
    """An issue in one more language of the site: its title, highlights, 引言 and the articles
    written in that language (translations and articles in that language only)."""

    title: str
    highlights: tuple[str, ...]
    intro: str
    intro_source: Source | None
    articles: tuple[Article, ...]
    snapshot: Snapshot | None = None   # its labels and units in this language


@dataclass(frozen=True)
class Issue:
    id: str
    folder: Path
    title: str
    date: dt.date
    language: str
    highlights: tuple[str, ...]
    cover: str | None
    draft: bool
    intro: str                    # Markdown, may be empty
    intro_source: Source | None
    articles: tuple[Article, ...]  # in section order, then sort_key
    snapshot: Snapshot | None = None
    texts: tuple[tuple[str, IssueText], ...] = ()   # each other language's title, intro, articles
    lang_edition: str = ""              # the edition this value is for ('' the default's)

    def in_section(self, key: str) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.section.key == key)

    def in_language(self, site: Site) -> Issue:
        """The issue in the edition `site` is for (`Site.in_language`)."""
        if not site.lang_edition:
            return self
        text = dict(self.texts)[site.lang_edition]
        titled = {s.key: s for s in site.sections}   # the sections by their titles in this language
        articles = tuple(replace(a, section=titled[a.section.key]) for a in text.articles)
        return replace(self, title=text.title, highlights=text.highlights, intro=text.intro,
                       intro_source=text.intro_source, articles=articles, language=site.language,
                       snapshot=text.snapshot,
                       lang_edition=site.lang_edition, texts=())


@dataclass(frozen=True)
class Publication:
    site: Site
    issues: tuple[Issue, ...]     # newest first
    held: tuple[Held, ...] = ()   # every draft and item dated after today: left out, or published marked
    due: dt.date | None = None    # the first day after today on which an item's date comes
