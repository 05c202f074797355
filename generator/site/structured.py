"""What a page says about itself to link previews and search engines: its Open Graph card
(`Share`) and its schema.org data (JSON-LD, as a plain dict the template writes with
`tojson`, which escapes < > & so no text can close the <script>).

NewsArticle for an article, PublicationIssue for an issue, ProfilePage for an author,
CollectionPage for a list, WebSite for the home page: every address whole (from base_url),
every date ISO 8601. Made from the plan's values alone, like every page value; a summary made
from the body is added by the template (it is a lazy value, read where it is shown).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.content.model import Document
from generator.content.settings import Author, Site
from generator.i18n import og_locale
from generator.site import urls
from generator.site.views import ArticleView, IssueView

CONTEXT = "https://schema.org"
CARD_SIZE = (1200, 630)   # what Open Graph and X (Twitter) show largest


@dataclass(frozen=True)
class Share:
    """A page's Open Graph values (og:*, article:*, twitter:card)."""

    type: str                  # "article" or "website"
    title: str
    image: str                 # the card's output path
    image_alt: str
    locale: str                # og:locale, e.g. zh_CN
    published: dt.date | None = None
    section: str = ""
    tags: tuple[str, ...] = ()


def site_share(site: Site, title: str) -> Share:
    return Share("website", title, urls.in_language(urls.SITE_CARD, site.lang_edition), site_card_alt(site),
                 og_locale(site.language))


def site_card_alt(site: Site) -> str:
    return " · ".join(t for t in (site.title, site.subtitle) if t)


def issue_share(site: Site, view: IssueView) -> Share:
    return Share("website", f"{site.title} · {view.issue.title}", view.card_path,
                 f"{site.title} · {view.issue.title}", og_locale(view.issue.language), view.issue.date)


def article_share(art: ArticleView) -> Share:
    return Share("article", art.meta.title, art.card_path, f"{art.section.title} · {art.meta.title}",
                 og_locale(art.issue.language), art.meta.date or art.issue.date, art.section.title,
                 tuple(t.name for t in art.tags))


def _url(site: Site, path: str) -> str:
    return urls.absolute_url(site.base_url, path)


def organization(site: Site) -> dict[str, Any]:
    return {"@type": "Organization", "name": site.publisher or site.title, "url": site.base_url}


def periodical(site: Site) -> dict[str, Any]:
    return {"@type": "Periodical", "name": site.title, "url": site.base_url, "publisher": organization(site),
            **({"alternateName": site.subtitle} if site.subtitle else {})}


def issue_ld(site: Site, view: IssueView, whole: bool = True) -> dict[str, Any]:
    """An issue as a PublicationIssue of the Periodical; `whole`: as its own page's data (else
    as what an article is part of)."""
    issue = view.issue
    data: dict[str, Any] = {"@type": "PublicationIssue", "@id": _url(site, view.path), "url": _url(site, view.path),
                            "name": issue.title, "issueNumber": issue.id, "datePublished": issue.date.isoformat(),
                            "isPartOf": periodical(site)}
    if whole:
        data = {"@context": CONTEXT, **data, "inLanguage": issue.language, "image": _url(site, view.card_path),
                "publisher": organization(site)}
    return data


def article_ld(site: Site, view: IssueView, art: ArticleView) -> dict[str, Any]:
    url = _url(site, art.path)
    published = art.published.isoformat()
    data: dict[str, Any] = {
        "@context": CONTEXT, "@type": "NewsArticle", "@id": url, "url": url, "mainEntityOfPage": url,
        "headline": art.meta.title, "datePublished": published, "dateModified": art.modified.isoformat(),
        "inLanguage": view.issue.language, "image": [_url(site, art.card_path)], "author": authors_ld(site, art),
        "publisher": organization(site), "isPartOf": issue_ld(site, view, whole=False),
        "articleSection": art.section.title}
    if art.tags:
        data["keywords"] = [t.name for t in art.tags]
    if art.documents:
        data["citation"] = [document_ld(ref.document) for ref in art.documents]
    return data


def authors_ld(site: Site, art: ArticleView) -> list[dict[str, Any]]:
    """The essay's author (with their page and role), else the publisher who wrote the brief."""
    if art.byline_name is None:
        return [organization(site)]
    person: dict[str, Any] = {"@type": "Person", "name": art.byline_name}
    if art.author_path:
        person["url"] = _url(site, art.author_path)
    if art.byline_title:
        person["jobTitle"] = art.byline_title
    return [person]


def document_ld(doc: Document) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "CreativeWork", "name": doc.title, "datePublished": doc.date.isoformat(),
                            "author": [{"@type": "GovernmentOrganization", "name": n} for n in doc.issuers]}
    if doc.number:
        data["identifier"] = doc.number
    if doc.url:
        data["url"] = doc.url
    return data


def website_ld(site: Site) -> dict[str, Any]:
    return {"@context": CONTEXT, "@type": "WebSite", "@id": site.base_url, "url": site.base_url,
            "name": site.title, "inLanguage": site.language, "publisher": organization(site)}


def page_ld(site: Site, path: str, name: str, kind: str = "CollectionPage") -> dict[str, Any]:
    """A list (a section, a tag, the register …) or another page of the site."""
    return {"@context": CONTEXT, "@type": kind, "@id": _url(site, path), "url": _url(site, path), "name": name,
            "inLanguage": site.language, "isPartOf": {"@type": "WebSite", "@id": site.base_url, "url": site.base_url,
                                                       "name": site.title}}


def profile_ld(site: Site, path: str, author: Author, language: str) -> dict[str, Any]:
    """An author's page: a ProfilePage about a Person."""
    person: dict[str, Any] = {"@type": "Person", "name": author.name(language), "url": _url(site, path)}
    if author.title(language):
        person["jobTitle"] = author.title(language)
    if author.bio(language):
        person["description"] = author.bio(language)
    if author.photo:
        person["image"] = _url(site, urls.author_photo_path(author.key, author.photo))
    return {**page_ld(site, path, author.name(language), "ProfilePage"), "mainEntity": person}

