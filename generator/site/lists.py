"""The pages that list across issues, each cut into pages of `site.page_size` (paging.py):
a section's articles, a tag's, an author's essays, the policy register and each issuer's
documents. Made from the plan's values alone, like every page (pages.py)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from generator.content.settings import Site
from generator.i18n import labels_for
from generator.site import urls
from generator.site.describe import Describer, newest
from generator.site.pages import Page
from generator.site.paging import Pager, grouped, paginate
from generator.site.register import Entry, by_issuer, register
from generator.site.register import newest as newest_cited
from generator.site.structured import page_ld, profile_ld, site_share
from generator.site.views import ArticleView, IssueView, articles_by_tag

T = TypeVar("T")


def paged(site: Site, first: str, items: Sequence[T], title: str) -> Iterator[tuple[Pager, tuple[T, ...], dict]]:
    """Each page of a list: its pager, its items, and what every list page is given (its
    title, with the page's number from page 2 on; its share card; its schema.org data)."""
    for pager, chunk in paginate(first, items, site.page_size):
        name = title if pager.number == 1 else f"{title} · {labels_for(site.language)['page_n'].format(n=pager.number)}"
        yield pager, chunk, {"pager": pager, "page_title": name, "share": site_share(site, f"{name} · {site.title}"),
                             "ld": page_ld(site, pager.path, name)}


def _issue_id(art: ArticleView) -> str:
    """A section's page: its articles under their issue (they come issue by issue)."""
    return art.issue.id


def _year(entry: Entry) -> int:
    """The register's page: its documents by year (they come newest first)."""
    return entry.year


def section_pages(site: Site, issues: tuple[IssueView, ...], common: dict[str, Any], say: Describer) -> list[Page]:
    """A section across all issues, newest issue first, under each issue's heading."""
    views = {v.issue.id: v for v in issues}
    pages = []
    for section in site.sections:
        groups = tuple((v, g) for v in issues if (g := dict(v.groups).get(section, ())))
        arts = tuple(a for _, g in groups for a in g)
        for pager, chunk, base in paged(site, urls.section_path(section.key, site.lang_edition), arts,
                                         section.title):
            pages.append(Page(pager.path, "section.html", site.language, {
                **common, **base, "section": section,
                "groups": tuple((views[i], g) for i, g in grouped(chunk, _issue_id)),
                "description": say.paged(say.section(section, groups), pager.number)}, modified=newest(chunk)))
    return pages


def tag_pages(site: Site, issues: tuple[IssueView, ...], common: dict[str, Any], say: Describer) -> list[Page]:
    """Each tag's articles, then the page of all tags, most used first."""
    by_tag = sorted(((tag, tuple(arts)) for tag, arts in articles_by_tag(issues).items()), key=lambda kv: kv[0].slug)
    pages = []
    for tag, arts in by_tag:
        for pager, chunk, base in paged(site, tag.path, arts, tag.name):
            pages.append(Page(pager.path, "tag.html", site.language, {
                **common, **base, "tag": tag, "articles": chunk, "count": len(arts),
                "description": say.paged(say.tag(tag, arts), pager.number)}, modified=newest(chunk)))
    ranked = tuple(sorted(by_tag, key=lambda kv: -len(kv[1])))
    title, path = labels_for(site.language)["tags"], urls.in_language(urls.TAGS, site.lang_edition)
    pages.append(Page(path, "tags.html", site.language, {
        **common, "tags": ranked, "description": say.tags(len(ranked)),
        "share": site_share(site, f"{title} · {site.title}"), "ld": page_ld(site, path, title)},
        modified=newest(a for _, arts in by_tag for a in arts)))
    return pages


def author_pages(site: Site, issues: tuple[IssueView, ...], common: dict[str, Any], say: Describer) -> list[Page]:
    """Each author of authors.yml with their articles across issues, newest first; then all authors."""
    written: dict[str, list[ArticleView]] = {a.key: [] for a in site.authors}
    for art in (art for view in issues for art in view.articles if art.author):
        written[art.author.key].append(art)   # type: ignore[union-attr]
    pages = []
    for author in site.authors:
        arts, name = tuple(written[author.key]), author.name(site.language)
        photo = urls.author_photo_path(author.key, author.photo) if author.photo else None   # one for all languages
        for pager, chunk, base in paged(site, urls.author_path(author.key, site.lang_edition), arts, name):
            pages.append(Page(pager.path, "author.html", site.language, {
                **common, **base, "ld": profile_ld(site, pager.path, author, site.language), "author": author,
                "photo": photo, "articles": chunk, "count": len(arts),
                "description": say.author(name, len(arts), pager.number)}, modified=newest(chunk)))
    if not site.authors:
        return pages
    title = labels_for(site.language)["authors"]
    first = urls.in_language(urls.AUTHORS, site.lang_edition)
    pages.append(Page(first, "authors.html", site.language, {
        **common, "authors": tuple((a, urls.author_path(a.key, site.lang_edition), len(written[a.key]))
                                   for a in site.authors),
        "description": say.authors(len(site.authors)), "share": site_share(site, f"{title} · {site.title}"),
        "ld": page_ld(site, first, title)}, modified=newest(a for arts in written.values() for a in arts)))
    return pages


def register_pages(site: Site, issues: tuple[IssueView, ...], common: dict[str, Any],
                   say: Describer) -> tuple[list[Page], dict[str, str]]:
    """The register, newest first, by year, and each issuer's documents; also where each
    document's entry is (its key → page#anchor), for the articles that cite it."""
    entries = register(issues)
    issuers = by_issuer(entries)
    latest = max((v.issue.date for v in issues), default=None)   # an empty register changes with the issues
    title = labels_for(site.language)["register"]
    values = {**common, "issuers": issuers, "total": len(entries),
              "register_path": urls.in_language(urls.DOCUMENTS, site.lang_edition)}
    pages = [Page(pager.path, "documents.html", site.language, {
                 **values, **base, "years": grouped(chunk, _year), "issuer": None,
                 "description": say.documents(len(entries), pager.number)}, modified=newest_cited(chunk) or latest)
             for pager, chunk, base in paged(site, values["register_path"], entries, title)]
    where = {e.ref.key: f"{page.path}#{e.ref.anchor}" for page in pages for _, es in page.values["years"] for e in es}
    for issuer, own in issuers:
        for pager, chunk, base in paged(site, issuer.path, own, f"{title} · {issuer.name}"):
            pages.append(Page(pager.path, "documents.html", site.language, {
                **values, **base, "years": grouped(chunk, _year), "issuer": issuer,
                "description": say.issuer(issuer.name, len(own), pager.number)}, modified=newest_cited(chunk)))
    return pages, where
