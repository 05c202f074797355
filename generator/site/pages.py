"""The page set of the site: each output file a template and the values it is given."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from generator.content.model import Issue, Publication
from generator.content.settings import Site
from generator.i18n import labels_for
from generator.site import hosting, urls
from generator.site.describe import Describer, changed, issue_changed, newest
from generator.site.editions import draft_subject, editions_refused
from generator.site.languages import Alternates, Edition, link_languages, only_in_default
from generator.site.paging import grouped
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


def plan_pages(site: Site, issues: tuple[IssueView, ...], about_html: str,
               more: tuple[Edition, ...] = ()) -> list[Page]:
    """Every page of the site, the feed, the sitemap and the files for hosts. Every template
    is given the site, all issues (newest first) and the `about` text; each page type adds
    its own values, made from those three alone (the incremental layer keys every page on
    them). `more`: the site's editions in its other languages, whose pages are made the same
    way under their folders, with the links between translations (site/languages.py)."""
    editions = editions_refused(site.base_url) is None
    common = {"site": site, "issues": issues, "about_html": about_html, "editions": editions}
    pages, sent = language_pages(site, issues, about_html, editions)
    drafts = draft_paths(issues)   # a draft is never announced
    translated: dict[str, Alternates] = {}
    for other in more:
        own, own_sent = language_pages(other.site, other.views, other.about_html, editions, issues)
        pages, sent, drafts = pages + own, sent + own_sent, drafts | draft_paths(other.views)
    if more:
        pages, translated = link_languages(site, pages)
    listed = tuple((p.path, p.modified) for p in pages
                   if p.path.endswith(".html") and p.path != urls.NOT_FOUND and p.path not in drafts)
    values = {**common, "entries": tuple(sorted(listed)),
              "translations": {path: alts for path, alts in translated.items() if path not in drafts}}
    pages.append(Page(urls.SITEMAP, "sitemap.xml", site.language, values, absolute=True))
    pages.extend(host_files(site, common))
    return pages + sent   # the editions are not in the sitemap: they are not pages of the site


def language_pages(site: Site, issues: tuple[IssueView, ...], about_html: str, editions: bool,
                   default: tuple[IssueView, ...] | None = None) -> tuple[list[Page], list[Page]]:
    """The pages of one language's edition, and its email and WeChat editions (with `editions`).
    `default`: the default language's issues, when this is another language's edition."""
    from generator.site.lists import author_pages, register_pages, section_pages, tag_pages
    common = {"site": site, "issues": issues, "about_html": about_html, "editions": editions}
    say = Describer(site, issues)
    register, where = register_pages(site, issues, common, say)
    pages = site_pages(site, issues, common, say, about_html)
    for view in issues:
        values = {**common, "view": view, "description": say.issue(view), "share": issue_share(site, view),
                  "ld": issue_ld(site, view)}
        if default is not None:   # how many of the issue's articles are not in this language
            values["only_in_default"] = only_in_default(view, default)
        pages.append(Page(view.path, "issue.html", view.issue.language, values, modified=issue_changed(view)))
        pages.extend(article_pages(site, view, {**common, "registered": where}, say))
    pages.extend(section_pages(site, issues, common, say))
    pages.extend(tag_pages(site, issues, common, say))
    pages.extend(author_pages(site, issues, common, say))
    pages.extend(register)
    pages.append(feed_page(site, issues, common))
    return pages, edition_pages(site, issues, common) if editions else []


def site_pages(site: Site, issues: tuple[IssueView, ...], common: dict[str, Any], say: Describer,
               about_html: str = "") -> list[Page]:
    """The pages about the whole publication; each changes with its newest article or issue."""
    lang, t, there = site.language, labels_for(site.language), site.lang_edition
    latest = newest((a for v in issues for a in v.articles), *(v.issue.date for v in issues))
    home = " · ".join(x for x in (site.title, site.subtitle) if x)
    at = partial(urls.in_language, lang_edition=there)
    pages = [
        Page(at(urls.HOME), "home.html", lang, {**common, "latest": issues[0] if issues else None,
                                                "archive": grouped(issues[1:], _year), "description": say.home(),
                                                "share": site_share(site, home), "ld": website_ld(site)},
             modified=latest),
        Page(at(urls.ISSUES), "issues.html", lang, {**common, "description": say.all_issues(),
                                                    "share": site_share(site, f"{t['all_issues']} · {site.title}"),
                                                    "ld": page_ld(site, at(urls.ISSUES), t["all_issues"])},
             modified=latest),
        Page(at(urls.SEARCH), "search.html", lang, {**common, "description": say.search(),
                                                    "share": site_share(site, f"{t['search']} · {site.title}"),
                                                    "ld": page_ld(site, at(urls.SEARCH), t["search"],
                                                                  "SearchResultsPage")},
             modified=latest),
    ]
    if about_html:   # the company text and disclaimer, which every page's one-line footer links
        about = {"description": say.about(), "share": site_share(site, f"{t['about']} · {site.title}"),
                 "ld": page_ld(site, at(urls.ABOUT), t["about"], "AboutPage")}
        pages.append(Page(at(urls.ABOUT), "about.html", lang, {**common, **about}, modified=latest))
    if not there:   # hosts serve one 404 page, at the root
        pages.append(Page(urls.NOT_FOUND, "404.html", lang, {**common, "description": say.not_found()}, absolute=True))
    return pages


def _year(view: IssueView) -> int:
    """The home page's archive: the issues before the latest, by year (they come newest first)."""
    return view.issue.date.year


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
    by_path = {art.path: art for v in issues for art in v.articles}
    newest_arts = tuple(by_path[path] for path in feed_paths(v.issue for v in issues))
    updated = max([*(v.issue.date for v in issues if not v.issue.draft), *(a.modified for a in newest_arts)],
                  default=None)
    return Page(urls.in_language(urls.FEED, site.lang_edition), "feed.xml", site.language,
                {**common, "articles": newest_arts, "updated": updated}, absolute=True)


def feed_paths(issues: Iterable[Issue]) -> list[str]:
    """The pages of the articles a language's feed carries: the FEED_SIZE newest, by their
    date (their issue's if they have none), then page; never a draft."""
    entries = sorted(((a.meta.date or issue.date, urls.article_path(a)) for issue in issues
                      for a in issue.articles if not (a.meta.draft or issue.draft)), reverse=True)
    return [path for _, path in entries[:FEED_SIZE]]


def feed_articles(pubs: Iterable[Publication]) -> frozenset[str]:
    """The pages of the articles every language's feed carries: only their bodies are written
    for the feed."""
    return frozenset(path for one in pubs for path in feed_paths(one.issues))


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
        lang, there = view.issue.language, view.issue.lang_edition
        values = {**common, "view": view, "subject": draft_subject(site, view)}
        pages += [Page(urls.email_path(view.issue.id, "html", there), "email.html", lang, values, True, "email-html"),
                  Page(urls.email_path(view.issue.id, "txt", there), "email.txt", lang, values, True, "email-text")]
        if site.email.sender:   # a message has a From
            pages.append(Page(urls.email_path(view.issue.id, "eml", there), "email.html", lang, values, True,
                              "email-eml"))
        pages += [Page(art.wechat_path, "wechat.html", lang, {**common, "view": view, "art": art}, finish="wechat")
                  for art in view.articles]
    return pages
