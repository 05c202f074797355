"""The page set of the site: each output file a template and the values it is given."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.content.model import Site
from generator.site import urls
from generator.site.views import IssueView, articles_by_tag

FEED_SIZE = 100   # the newest articles in feed.xml


@dataclass(frozen=True)
class Page:
    path: str          # output file, relative to the site root
    template: str
    language: str
    values: dict[str, Any] = field(hash=False, compare=False)
    absolute: bool = False   # 404.html is served at any URL: its links must be absolute
    # its values are all its template is given (not every issue, as pages are): it is keyed by
    # them alone, so an edit elsewhere leaves it as it was (an issue's PDF, the search index)
    values_alone: bool = False


def plan_pages(site: Site, issues: tuple[IssueView, ...], about_html: str) -> list[Page]:
    """Every page of the site, the feed and the sitemap. Every template is given the site,
    all issues (newest first) and the `about` text; each page type adds its own values,
    made from those three alone (the incremental layer keys every page on them)."""
    lang = site.language
    common = {"site": site, "issues": issues, "about_html": about_html}
    pages = [
        Page(urls.HOME, "home.html", lang, {**common, "latest": issues[0] if issues else None}),
        Page(urls.ISSUES, "issues.html", lang, common),
        Page(urls.SEARCH, "search.html", lang, common),
        Page(urls.NOT_FOUND, "404.html", lang, common, absolute=True),
    ]
    for view in issues:
        pages.append(Page(view.path, "issue.html", view.issue.language, {**common, "view": view}))
        pages.extend(article_pages(view, common))
    for section in site.sections:
        groups = tuple((v, g) for v in issues if (g := dict(v.groups).get(section, ())))
        pages.append(Page(urls.section_path(section.key), "section.html", lang,
                          {**common, "section": section, "groups": groups}))
    by_tag = sorted(articles_by_tag(issues).items(), key=lambda kv: kv[0].slug)
    for tag, arts in by_tag:
        pages.append(Page(tag.path, "tag.html", lang, {**common, "tag": tag, "articles": tuple(arts)}))
    ranked = tuple((tag, tuple(arts)) for tag, arts in sorted(by_tag, key=lambda kv: -len(kv[1])))
    pages.append(Page(urls.TAGS, "tags.html", lang, {**common, "tags": ranked}))
    pages.append(feed_page(site, issues, common))
    unlisted = {urls.NOT_FOUND, urls.FEED, *draft_paths(issues)}   # a draft is never announced
    listed = tuple(p.path for p in pages if p.path not in unlisted)
    lastmod = {v.path: v.modified for v in issues} | {a.path: a.modified for v in issues for a in v.articles}
    pages.append(Page(urls.SITEMAP, "sitemap.xml", lang, {**common, "paths": tuple(sorted(listed)),
                                                          "lastmod": lastmod}, absolute=True))
    return pages


def article_pages(view: IssueView, common: dict[str, Any]) -> list[Page]:
    arts, pages = view.articles, []
    for i, art in enumerate(arts):
        prev = arts[i - 1] if i > 0 else None
        nxt = arts[i + 1] if i + 1 < len(arts) else None
        pages.append(Page(art.path, "article.html", view.issue.language,
                          {**common, "view": view, "art": art, "prev": prev, "next": nxt}))
    return pages


def feed_page(site: Site, issues: tuple[IssueView, ...], common: dict[str, Any]) -> Page:
    """The newest articles, by their date (their issue's if they have none); never a draft."""
    arts = [(art.meta.date or v.issue.date, art.path, art) for v in issues for art in v.articles if not art.draft]
    arts.sort(key=lambda t: (t[0], t[1]), reverse=True)
    newest = tuple(art for _, _, art in arts[:FEED_SIZE])
    updated = max([*(v.issue.date for v in issues if not v.issue.draft), *(a.modified for a in newest)], default=None)
    return Page(urls.FEED, "feed.xml", site.language, {**common, "articles": newest, "updated": updated},
                absolute=True)


def draft_paths(issues: tuple[IssueView, ...]) -> set[str]:
    """The pages of drafts (build --drafts): shown, but left out of the sitemap and the feed."""
    return {v.path for v in issues if v.issue.draft} | {a.path for v in issues for a in v.articles if a.draft}
