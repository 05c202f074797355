"""What each page says about itself to search engines and link previews: a description in
the page's language, no two pages alike, and the day its content last changed (the
sitemap's <lastmod>). Made from the plan's values alone, like every page value
(docs/architecture.md); the words are in i18n.py."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from generator.content.settings import Section, Site
from generator.i18n import DESCRIPTIONS, counted, interface_language
from generator.site.views import ArticleView, IssueView, TagRef

LIMIT = 150   # characters: what search results show of a description, about


def changed(art: ArticleView) -> dt.date:
    """The day an article last changed: its latest correction or `updated`, else its date (its issue's)."""
    return art.modified


def newest(arts: Iterable[ArticleView], *others: dt.date) -> dt.date | None:
    """The last change among `arts` and `others` (a list page changes with what it lists)."""
    return max([*(changed(a) for a in arts), *others], default=None)


def issue_changed(view: IssueView) -> dt.date:
    return max((view.issue.date, *(changed(a) for a in view.articles)))   # an issue may have no article


def clip(text: str) -> str:
    return text if len(text) <= LIMIT else text[:LIMIT - 1].rstrip() + "…"


class Describer:
    """The descriptions of one site's pages, each in the language of the page."""

    def __init__(self, site: Site, issues: tuple[IssueView, ...]) -> None:
        self.site, self.issues = site, issues

    def _say(self, key: str, language: str, **values: object) -> str:
        words = DESCRIPTIONS[interface_language(language)]
        site = words["site"].format(title=self.site.title)
        return clip(words[key].format(site=site, **values))

    def _count(self, n: int, noun: str, language: str) -> str:
        return counted(n, noun, language)

    def home(self) -> str:
        lang = self.site.language
        if not self.issues:
            return self._say("home_empty", lang)
        total = sum(len(v.articles) for v in self.issues)
        return self._say("home", lang, issue=self.issues[0].issue.title,
                         issues=self._count(len(self.issues), "issue", lang),
                         articles=self._count(total, "article", lang))

    def all_issues(self) -> str:
        lang = self.site.language
        titles = DESCRIPTIONS[interface_language(lang)]["list"].join(v.issue.title for v in self.issues)
        return self._say("issues", lang, issues=self._count(len(self.issues), "issue", lang), titles=titles)

    def issue(self, view: IssueView) -> str:
        lang, words = view.issue.language, DESCRIPTIONS[interface_language(view.issue.language)]
        if view.issue.highlights:
            return self._say("issue", lang, issue=view.issue.title, points=words["points"].join(view.issue.highlights))
        sections = words["list"].join(section.title for section, _ in view.groups)
        return self._say("issue_plain", lang, issue=view.issue.title, sections=sections,
                         articles=self._count(len(view.articles), "article", lang))

    def section(self, section: Section, groups: tuple[tuple[IssueView, tuple[ArticleView, ...]], ...]) -> str:
        lang = self.site.language
        return self._say("section", lang, name=section.title, issues=self._count(len(groups), "issue", lang),
                         articles=self._count(sum(len(arts) for _, arts in groups), "article", lang))

    def tag(self, tag: TagRef, arts: tuple[ArticleView, ...]) -> str:
        lang = self.site.language
        issues = len({a.issue.id for a in arts})
        return self._say("tag", lang, name=tag.name, issues=self._count(issues, "issue", lang),
                         articles=self._count(len(arts), "article", lang))

    def tags(self, count: int) -> str:
        return self._say("tags", self.site.language, tags=self._count(count, "tag", self.site.language))

    def search(self) -> str:
        return self._say("search", self.site.language)

    def about(self) -> str:
        return self._say("about", self.site.language)

    def not_found(self) -> str:
        return self._say("not_found", self.site.language)

    def documents(self, count: int, page: int = 1) -> str:
        lang = self.site.language
        return self.paged(self._say("documents", lang, documents=self._count(count, "document", lang)), page)

    def issuer(self, name: str, count: int, page: int = 1) -> str:
        lang = self.site.language
        return self.paged(self._say("issuer", lang, name=name, documents=self._count(count, "document", lang)), page)

    def author(self, name: str, count: int, page: int = 1) -> str:
        lang = self.site.language
        return self.paged(self._say("author", lang, name=name, articles=self._count(count, "article", lang)), page)

    def authors(self, count: int) -> str:
        return self._say("authors", self.site.language, n=count)

    def paged(self, text: str, page: int) -> str:
        """Page 2 on of a list: its number, so that no two pages are described alike."""
        if page == 1:
            return text
        return text + DESCRIPTIONS[interface_language(self.site.language)]["page"].format(n=page)

    def article(self, art: ArticleView) -> str:
        """For a page whose theme does not show the summary (the default theme does)."""
        return self._say("article", art.issue.language, title=art.meta.title, issue=art.issue.title)
