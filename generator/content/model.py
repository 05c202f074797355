"""The validated content model: frozen, typed, no raw YAML downstream.

Three kinds of data are kept apart: where a file came from (`Source`), what the
editor wrote (`Site`, `Issue`, `ArticleMeta`, bodies), and what we computed
(`RenderedArticle` and the page set, in `pages.py`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from generator.content.schedule import Held

KINDS = ("brief", "market", "essay")
ISSUE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")   # an issue's folder name: its id and URL


@dataclass(frozen=True)
class Localized:
    """A value given by language in YAML (`title: {zh-CN: 碳桥, en: Carbon Bridge}`), as read;
    checked against the site's languages before it goes into the model."""

    texts: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Source:
    path: Path        # absolute path of the file
    body_line: int    # line of the file where the Markdown body starts


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    kind: str


@dataclass(frozen=True)
class PdfOptions:
    enabled: bool = True
    paper: str = "A4"
    bleed: str | None = None           # None: the theme's (print.css); the default theme bleeds 3 mm
    variant: str | None = "pdf/ua-1"   # tagged for screen readers (issue 23); None: `variant: none`


@dataclass(frozen=True)
class EmailOptions:
    """site.yml `email:`, for the email edition's message (email.eml), in one language: `from`
    and `reply_to` may be given by language (`SiteText.email`)."""

    sender: str = ""              # `from`: 碳桥 <bulletin@example.org>
    reply_to: str = ""
    unsubscribe: str = ""         # a URL, or the sending service's placeholder ({{ UnsubscribeURL }})


@dataclass(frozen=True)
class Author:
    """An author of content/authors.yml: `author: <key>` in an essay links its byline to their
    page. Texts are by language ((language tag, text), …; a tag of "" is any language)."""

    key: str                                  # also the page's name: authors/<key>/
    names: tuple[tuple[str, str], ...]
    titles: tuple[tuple[str, str], ...] = ()  # role, e.g. 项目经理
    bios: tuple[tuple[str, str], ...] = ()
    photo: str | None = None                  # relative to the content folder

    def name(self, language: str) -> str:
        return in_language(self.names, language)

    def title(self, language: str) -> str:
        return in_language(self.titles, language)

    def bio(self, language: str) -> str:
        return in_language(self.bios, language)


def in_language(texts: tuple[tuple[str, str], ...], language: str) -> str:
    """The text for `language`: its own tag, else the same language (zh for zh-CN), else the first."""
    primary = language.split("-")[0].lower()
    for wanted in (lambda tag: tag.lower() == language.lower(), lambda tag: tag.split("-")[0].lower() == primary):
        found = next((text for tag, text in texts if wanted(tag)), None)
        if found is not None:
            return found
    return texts[0][1] if texts else ""


@dataclass(frozen=True)
class SiteText:
    """What a reader sees of site.yml in one language."""

    title: str
    subtitle: str
    about: str                    # Markdown
    section_titles: tuple[str, ...]   # in the order of `sections`
    email: EmailOptions = field(default_factory=EmailOptions)   # with `from` and `reply_to` in this language
    publisher: str = ""           # the company's name as this language writes it


@dataclass(frozen=True)
class Site:
    root: Path                    # the content folder
    title: str
    subtitle: str
    language: str
    base_url: str
    publisher: str
    about: str                    # Markdown
    sections: tuple[Section, ...]
    theme: Path                   # the theme folder in use (resolved)
    pdf: PdfOptions
    theme_named: Path | None = None   # as site.yml names it, if it does (it may be a link)
    email: EmailOptions = field(default_factory=EmailOptions)
    logo: Path | None = None          # the publisher's wordmark (an image in the content folder): the PDF's cover
    authors: tuple[Author, ...] = ()   # content/authors.yml
    page_size: int = 30                # articles (or documents) on a page of a long list

    def author(self, key: str | None) -> Author | None:
        return next((a for a in self.authors if a.key == key), None) if key else None
    # Bilingual publishing: every language, the first the default (empty: one language,
    # `language`); each language's texts; the edition this value is for ('' the default's)
    languages: tuple[str, ...] = ()
    texts: tuple[tuple[str, SiteText], ...] = ()
    lang_edition: str = ""

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def all_languages(self) -> tuple[str, ...]:
        """The languages published, the default first."""
        return self.languages or (self.language,)

    def in_language(self, language: str) -> Site:
        """The site as its edition in `language` shows it: the same values in that language."""
        if language == self.all_languages[0]:
            return self
        text = dict(self.texts)[language]
        sections = tuple(Section(s.key, title, s.kind) for s, title in zip(self.sections, text.section_titles,
                                                                          strict=True))
        return replace(self, title=text.title, subtitle=text.subtitle, about=text.about, sections=sections,
                       language=language, lang_edition=language, email=text.email, publisher=text.publisher)

    @property
    def public_url(self) -> str:
        """`base_url` when it is the real address, "" while it is a placeholder (example.org,
        localhost): what is printed for readers to type in (the PDF's back page)."""
        from generator.content.addresses import is_placeholder_address
        return "" if is_placeholder_address(self.base_url) else self.base_url


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
