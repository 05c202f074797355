"""A site in several languages (site.yml `languages:`): one edition a language, made by the same
stages, and the links between them.

Each edition is the publication as that language shows it (`Site.in_language`,
`Issue.in_language`): the default language's at the root, each other one under its folder
(urls.prefix). An edition lists only what exists in its language. Pages that are translations of
each other (an article and its x.en.md; any other page and the page at the same place in the
other edition) carry each other's addresses: `alternates` (hreflang links, the sitemap's
xhtml:link) and `switch` (the visible language switcher, which goes to the other language's
issue, else its home, when the page has no translation).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from generator.content.model import Issue, Publication
from generator.content.settings import Site
from generator.i18n import language_name
from generator.site import urls

if TYPE_CHECKING:
    from generator.site.pages import Page
    from generator.site.views import IssueView

Alternates = tuple[tuple[str, str], ...]   # (language, output path), in the site's order


@dataclass(frozen=True)
class Edition:
    """One language's edition: its site, issues, views and `about` (all plain values)."""

    site: Site
    pub: Publication
    views: tuple[IssueView, ...]
    about_html: str


def language_publications(pub: Publication) -> tuple[Publication, ...]:
    """The publication in each language of the site, the default first: another language's has
    the issues with an article or a 引言 in it."""
    out = [pub]
    for lang in pub.site.all_languages[1:]:
        site = pub.site.in_language(lang)
        issues = tuple(i.in_language(site) for i in pub.issues if _has_text(i, lang))
        out.append(replace(pub, site=site, issues=issues))
    return tuple(out)


def _has_text(issue: Issue, lang: str) -> bool:
    text = dict(issue.texts)[lang]
    return bool(text.articles) or text.intro_source is not None


def twin_key(page: Page) -> str:
    """What a page shares with its translations: an article its file name (x.md, x.en.md), any
    other page its place in the edition (en/tags/index.html ~ tags/index.html)."""
    art = page.values.get("art")
    if page.template == "article.html" and art is not None:
        return "article:" + "/".join(art.model.twin)
    site = page.values["site"]
    return page.path.removeprefix(urls.prefix(site.lang_edition))


def link_languages(site: Site, pages: list[Page]) -> tuple[list[Page], dict[str, Alternates]]:
    """The pages with their `alternates` and `switch`, and the alternates of each page that has a
    translation, for the sitemap."""
    groups: dict[str, dict[str, str]] = {}
    for page in pages:
        groups.setdefault(twin_key(page), {})[page.language] = page.path
    paths = {page.path for page in pages}
    translated: dict[str, Alternates] = {}
    out = []
    for page in pages:
        group = groups[twin_key(page)]
        alternates = tuple((lang, group[lang]) for lang in site.all_languages if lang in group)
        if len(alternates) > 1:
            translated[page.path] = alternates
        switch = tuple((lang, group.get(lang) or _fallback(page, lang, site, paths), language_name(lang))
                       for lang in site.all_languages if lang != page.language)
        values: dict[str, Any] = {**page.values, "alternates": alternates if len(alternates) > 1 else (),
                                  "switch": switch}
        out.append(replace(page, values=values))
    return out, translated


def _fallback(page: Page, lang: str, site: Site, paths: set[str]) -> str:
    """Where the switcher goes from a page with no translation: the issue in that language, if it
    has one, else that language's home."""
    edition = "" if lang == site.all_languages[0] else lang
    view = page.values.get("view")
    if view is not None:
        issue = urls.in_language(f"issues/{view.issue.id}/index.html", edition)
        if issue in paths:
            return issue
    return urls.in_language(urls.HOME, edition)


def only_in_default(view: IssueView, default: Iterable[IssueView]) -> int:
    """How many articles of the issue `view` (in another language) are in the default language only."""
    original = next((v for v in default if v.issue.id == view.issue.id), None)
    if original is None:
        return 0
    here = {art.model.twin for art in view.articles}
    return sum(1 for art in original.articles if art.model.twin not in here)
