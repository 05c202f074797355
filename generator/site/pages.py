"""The page set of the site: each output file a template and the values it is given."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from generator.content.model import Site
from generator.i18n import labels_for
from generator.site import hosting, urls
from generator.site.describe import Describer, changed, issue_changed, newest
from generator.site.editions import draft_subject, editions_refused
from generator.site.structured import (
    article_ld,
    article_share,
    issue_ld,
    issue_share,
    page_ld,
    site_share,
    website_ld,
)
from generator.site.views import IssueView

FEED_SIZE = 100   # the newest articles in feed.xml


@dataclass(frozen=True)
class Page:
    path: str          # output file, relative to the site root
    template: str
    language: str
    values: dict[str, Any] = field(hash=False, compare=False)
    absolute: bool = False   # 404.html is served at any URL: its links must be absolute
    finish: str = ""         # what is done to the template's output (site/editions.py: inline CSS, MIME)
    modified: dt.date | None = field(default=None, compare=False)   # the sitemap's <lastmod>
    # its values are all its template is given (not every issue, as pages are): it is keyed by
    # them alone, so an edit elsewhere leaves it as it was (an issue's PDF, the search index)
    values_alone: bool = False


def plan_pages(site: Site, issues: tuple[IssueView, ...], about_html: str) -> list[Page]:
    """Every page of the site, the feed, the sitemap and the files for hosts. Every template
    is given the site, all issues (newest first) and the `about` text; each page type adds
    its own values, made from those three alone (the incremental layer keys every page on
    them)."""
    from generator.site.lists import author_pages, register_pages, section_pages, tag_pages
    editions = editions_refused(site.base_url) is None
    common = {"site": site, "issues": issues, "about_html": about_html, "editions": editions}
    say = Describer(site, issues)
    register, where = register_pages(site, issues, common, say)
    pages = site_pages(site, issues, common, say)
    for view in issues:
        pages.append(Page(view.path, "issue.html", view.issue.language,
                          {**common, "view": view, "description": say.issue(view),
                           "share": issue_share(site, view), "ld": issue_ld(site, view)}, modified=issue_changed(view)))
        pages.extend(article_pages(site, view, {**common, "registered": where}, say))
    pages.extend(section_pages(site, issues, common, say))
    pages.extend(tag_pages(site, issues, common, say))
    pages.extend(author_pages(site, issues, common, say))
    pages.extend(register)
    pages.append(feed_page(site, issues, common))
    drafts = draft_paths(issues)   # a draft is never announced
    listed = tuple((p.path, p.modified) for p in pages
                   if p.path.endswith(".html") and p.path != urls.NOT_FOUND and p.path not in drafts)
    pages.append(Page(urls.SITEMAP, "sitemap.xml", site.language, {**common, "entries": tuple(sorted(listed))},
                      absolute=True))
    pages.extend(host_files(site, common))
    if editions:   # not in the sitemap: they are not pages of the site
        pages.extend(edition_pages(site, issues, common))
    return pages


def site_pages(site: Site, issues: tuple[IssueView, ...], common: dict[str, Any], say: Describer) -> list[Page]:
    """The pages about the whole publication; each changes with its newest article or issue."""
    lang, t = site.language, labels_for(site.language)
    latest = newest((a for v in issues for a in v.articles), *(v.issue.date for v in issues))
    home = " · ".join(x for x in (site.title, site.subtitle) if x)
    return [
        Page(urls.HOME, "home.html", lang, {**common, "latest": issues[0] if issues else None,
                                            "archive": archive_by_year(issues[1:]), "description": say.home(),
                                            "share": site_share(site, home), "ld": website_ld(site)}, modified=latest),
        Page(urls.ISSUES, "issues.html", lang, {**common, "description": say.all_issues(),
                                                "share": site_share(site, f"{t['all_issues']} · {site.title}"),
                                                "ld": page_ld(site, urls.ISSUES, t["all_issues"])}, modified=latest),
        Page(urls.SEARCH, "search.html", lang, {**common, "description": say.search(),
                                                "share": site_share(site, f"{t['search']} · {site.title}"),
                                                "ld": page_ld(site, urls.SEARCH, t["search"], "SearchResultsPage")},
             modified=latest),
        Page(urls.NOT_FOUND, "404.html", lang, {**common, "description": say.not_found()}, absolute=True),
    ]


def archive_by_year(issues: tuple[IssueView, ...]) -> tuple[tuple[int, tuple[IssueView, ...]], ...]:
    """The issues before the latest, by year (they come newest first): the home page's archive."""
    years: dict[int, list[IssueView]] = {}
    for view in issues:
        years.setdefault(view.issue.date.year, []).append(view)
    return tuple((year, tuple(views)) for year, views in years.items())


def article_pages(site: Site, view: IssueView, common: dict[str, Any], say: Describer) -> list[Page]:
    arts, pages = view.articles, []
    for i, art in enumerate(arts):
        prev = arts[i - 1] if i > 0 else None
        nxt = arts[i + 1] if i + 1 < len(arts) else None
        pages.append(Page(art.path, "article.html", view.issue.language,
                          {**common, "view": view, "art": art, "prev": prev, "next": nxt,
                           "description": say.article(art), "share": article_share(art),
                           "ld": article_ld(site, view, art)}, modified=changed(art)))
    return pages


def feed_page(site: Site, issues: tuple[IssueView, ...], common: dict[str, Any]) -> Page:
    """The newest articles, by their date (their issue's if they have none); never a draft."""
    arts = [(art.meta.date or v.issue.date, art.path, art) for v in issues for art in v.articles if not art.draft]
    arts.sort(key=lambda t: (t[0], t[1]), reverse=True)
    newest_arts = tuple(art for _, _, art in arts[:FEED_SIZE])
    updated = max([*(v.issue.date for v in issues if not v.issue.draft), *(a.modified for a in newest_arts)],
                  default=None)
    return Page(urls.FEED, "feed.xml", site.language, {**common, "articles": newest_arts, "updated": updated},
                absolute=True)


def draft_paths(issues: tuple[IssueView, ...]) -> set[str]:
    """The pages of drafts (build --drafts): shown, but left out of the sitemap and the feed."""
    return {v.path for v in issues if v.issue.draft} | {a.path for v in issues for a in v.articles if a.draft}


def host_files(site: Site, common: dict[str, Any]) -> list[Page]:
    """robots.txt, pointing crawlers at the sitemap, and `_headers`, the response headers
    for Netlify and Cloudflare Pages (hosting.py; docs/hosting.md for other hosts)."""
    cache = tuple((ext, hosting.cache_control(rule.seconds)) for rule in hosting.CACHE_RULES
                  for ext in rule.extensions)
    return [
        Page(urls.ROBOTS, "robots.txt", site.language, {**common, "host_root": hosting.host_root(site.base_url)},
             absolute=True),
        Page(urls.HEADERS, "_headers", site.language,
             {**common, "security": hosting.SECURITY, "svg_policy": hosting.SVG_POLICY, "cache": cache},
             absolute=True),
    ]


def edition_pages(site: Site, issues: tuple[IssueView, ...], common: dict[str, Any]) -> list[Page]:
    """Each issue's email edition (HTML, its text part, the whole message) and each article's
    WeChat edition; the email's links are whole URLs, the WeChat page's own links relative
    (it works from the output folder; its article was written with whole URLs)."""
    pages = []
    for view in issues:
        lang = view.issue.language
        values = {**common, "view": view, "subject": draft_subject(site, view)}
        pages += [Page(urls.email_path(view.issue.id, "html"), "email.html", lang, values, True, "email-html"),
                  Page(urls.email_path(view.issue.id, "txt"), "email.txt", lang, values, True, "email-text")]
        if site.email.sender:   # a message has a From
            pages.append(Page(urls.email_path(view.issue.id, "eml"), "email.html", lang, values, True, "email-eml"))
        pages += [Page(art.wechat_path, "wechat.html", lang, {**common, "view": view, "art": art}, finish="wechat")
                  for art in view.articles]
    return pages
