"""The URL scheme: where each thing of the site is written, and links between them.

Every path here is an output path relative to the site's root ("issues/2024-q3/index.html").
Links inside the site are relative and name index.html, so the site works from any folder
of any static host and from file://.

A site in several languages (site.yml `languages:`) has the default language's edition at the
root and each other one under its own folder with the same structure: en/index.html,
en/issues/2024-q3/…, en/feed.xml. The static files, images and covers are shared.
"""
from __future__ import annotations

import posixpath

from generator.content.model import Article, Issue
from generator.content.slugs import slugify

HOME = "index.html"
ISSUES = "issues/index.html"
SEARCH = "search/index.html"
ABOUT = "about/index.html"
TAGS = "tags/index.html"
NOT_FOUND = "404.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
HEADERS = "_headers"     # response headers, read by Netlify and Cloudflare Pages
DOCUMENTS = "documents/index.html"   # the policy register
AUTHORS = "authors/index.html"
SITE_CARD = "card.png"   # the preview card (og:image) of the pages about the whole publication


def prefix(lang_edition: str) -> str:
    """The folder of a language's edition: '' for the default language, 'en/' for English."""
    return f"{lang_edition.lower()}/" if lang_edition else ""


def in_language(path: str, lang_edition: str) -> str:
    """A page of the site (HOME, FEED…) in a language's edition."""
    return prefix(lang_edition) + path


def article_path(a: Article) -> str:
    return f"{prefix(a.lang_edition)}issues/{a.issue_id}/{a.section.key}/{a.slug}/index.html"


def wechat_path(a: Article) -> str:
    """The article's WeChat edition, beside its page."""
    return f"{prefix(a.lang_edition)}issues/{a.issue_id}/{a.section.key}/{a.slug}/wechat.html"


def email_path(issue_id: str, kind: str = "html", lang_edition: str = "") -> str:
    """The issue's email edition: email.html, email.txt (the text part), email.eml (the message)."""
    return f"{prefix(lang_edition)}issues/{issue_id}/email.{kind}"


def card_path(page: str) -> str:
    """An article's or an issue's preview card (og:image), beside its page."""
    return page[: -len("index.html")] + "card.png"


def author_path(key: str, lang_edition: str = "") -> str:
    return f"{prefix(lang_edition)}authors/{key}/index.html"


def author_photo_path(key: str, photo: str) -> str:
    """An author's photo (authors.yml `photo:`), beside their page."""
    suffix = photo.rsplit(".", 1)[-1].lower() if "." in photo else "jpg"
    return f"authors/{key}/photo.{suffix}"


def issuer_path(slug: str, lang_edition: str = "") -> str:
    """The register's documents of one issuer."""
    return f"{prefix(lang_edition)}documents/issuers/{slug}/index.html"


def page_path(first: str, number: int) -> str:
    """Page `number` of a list whose first page is `first`: sections/policy/page/2/index.html."""
    return first if number == 1 else f"{first[: -len('index.html')]}page/{number}/index.html"


def issue_path(issue: Issue) -> str:
    return f"{prefix(issue.lang_edition)}issues/{issue.id}/index.html"


def section_path(key: str, lang_edition: str = "") -> str:
    return f"{prefix(lang_edition)}sections/{key}/index.html"


def tag_path(slug: str, lang_edition: str = "") -> str:
    return f"{prefix(lang_edition)}tags/{slug}/index.html"


def cover_path(issue: Issue) -> str | None:
    """Where the issue's cover image is in the site (issue.yml names it relative to the issue)."""
    return posixpath.normpath(f"issues/{issue.id}/{issue.cover}") if issue.cover else None


def pdf_path(site_title: str, issue_id: str, slugs: dict[str, str] | None = None, lang_edition: str = "") -> str:
    """carbon-bridge-2024-q3.pdf; another language's says which it is (….en.pdf), so that two
    downloaded editions never share a name, even where the title is the same in both."""
    name = f"{slugify(site_title, slugs) or 'bulletin'}-{issue_id}"
    return f"{prefix(lang_edition)}issues/{issue_id}/{name}{'.' + lang_edition if lang_edition else ''}.pdf"


def relative_url(target: str, current: str) -> str:
    """Link from output file `current` to output file `target`. Both are normal already:
    posixpath.relpath, which normalises them again, was a third of rendering a page."""
    if target.endswith("/"):
        target += "index.html"
    here, there = current.split("/")[:-1], target.split("/")
    common = 0
    for a, b in zip(here, there[:-1], strict=False):
        if a != b:
            break
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:])


def absolute_url(base_url: str, path: str) -> str:
    """The published address of an output file (folders end with /, as hosts serve them)."""
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return base_url + path
