"""The publication's settings, from site.yml (and authors.yml): the site, its sections,
its languages and what each shows, the PDF and email options. Frozen, typed; `model.py` holds
the issues and articles they frame."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

KINDS = ("brief", "market", "essay")


@dataclass(frozen=True)
class Localized:
    """A value given by language in YAML (`title: {zh-CN: 碳桥, en: Carbon Bridge}`), as read;
    checked against the site's languages before it goes into the model."""

    texts: tuple[tuple[str, Any], ...]


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

    # Bilingual publishing: every language, the first the default (empty: one language,
    # `language`); each language's texts; the edition this value is for ('' the default's)
    languages: tuple[str, ...] = ()
    texts: tuple[tuple[str, SiteText], ...] = ()
    lang_edition: str = ""

    def author(self, key: str | None) -> Author | None:
        return next((a for a in self.authors if a.key == key), None) if key else None

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
