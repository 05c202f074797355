"""What we computed: the page set of the site, each page a template and its values."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.site.bodies import Rendered, article_page_path, cover_path, issue_page_path
from generator.incremental.stamp import digest
from generator.errors import Report
from generator.content.model import Article, Issue, Publication, Section
from generator.content.slugs import slugify


@dataclass(frozen=True)
class TagRef:
    name: str
    slug: str

    @property
    def path(self) -> str:
        return f"tags/{self.slug}/index.html"


class BodyReads:
    """Which templates show the body of an article other than their page's own (a theme
    may print `art.html` in a list). Only those pages are keyed on the bodies they list:
    for the others, an edit to an article's text is not a change (the default theme's
    section and tag pages list hundreds of articles, 0.1 s of a one-article rebuild).

    Learned while rendering: `page` is the page being rendered, and an article view
    notes here each time its body is read. The templates found are kept with the site's
    key; a page is rendered again whenever its key changes, so a template that starts
    showing bodies is seen the first time it does."""

    def __init__(self) -> None:
        self.page: Page | None = None
        self.found: set[str] = set()

    def note(self, art: ArticleView) -> None:
        page = self.page
        if page is not None and page.values.get("art") is not art:
            self.found.add(page.template)


@dataclass(frozen=True)
class ArticleView:
    model: Article         # what the editor wrote; templates reach it as `art.article`
    issue: Issue
    body_html: str
    summary: str
    tags: tuple[TagRef, ...]
    source_key: str = ""   # the body's cache key: the file's content, its issue, section, renderer
    issue_key: str = ""    # what lists show of the issue: its title, language
    reads: BodyReads | None = field(default=None, compare=False, repr=False)

    @property
    def html(self) -> str:
        if self.reads is not None:
            self.reads.note(self)
        return self.body_html

    @property
    def article(self) -> Article:
        """For templates: the article holds its Markdown, so reaching it counts as reading the body."""
        if self.reads is not None:
            self.reads.note(self)
        return self.model

    @property
    def path(self) -> str:
        return article_page_path(self.model)

    @property
    def meta(self):
        return self.model.meta

    @property
    def section(self) -> Section:
        return self.model.section

    @cached_property
    def list_key(self) -> str:
        """Everything a list of articles shows of this one: the front matter, the summary
        (which may come from the body), the tags, the issue; not the body."""
        tags = tuple((t.name, t.slug) for t in self.tags)
        # one repr of the fields' tuple: 2.9 µs, against 5.3 µs for the dataclass
        return digest(self.path, repr(tuple(vars(self.model.meta).values())), self.summary, tags,
                      self.section, self.issue_key)

    @cached_property
    def full_key(self) -> str:
        """With the body. Its source key determines its HTML (it keys the body cache):
        hashing the HTML again cost ~25 µs an article."""
        return digest(self.list_key, self.source_key or self.body_html)


@dataclass(frozen=True)
class IssueView:
    issue: Issue
    intro_html: str
    groups: tuple[tuple[Section, tuple[ArticleView, ...]], ...]
    pdf_path: str | None

    @property
    def path(self) -> str:
        return issue_page_path(self.issue)

    @property
    def cover_path(self) -> str | None:
        return cover_path(self.issue)

    @property
    def articles(self) -> tuple[ArticleView, ...]:
        return tuple(v for _, views in self.groups for v in views)

    @cached_property
    def meta_key(self) -> str:
        i = self.issue
        return digest(i.id, i.title, i.date, i.language, i.highlights, i.cover, self.pdf_path)

    @cached_property
    def list_key(self) -> str:
        return digest(self.meta_key, self.intro_html, [a.list_key for a in self.articles])

    @cached_property
    def full_key(self) -> str:
        return digest(self.meta_key, self.intro_html, [a.full_key for a in self.articles])

    def key_for(self, template: str, shown: frozenset[str]) -> str:
        """The list key, or the full key on a page whose template shows listed bodies."""
        return self.full_key if template in shown else self.list_key


@dataclass(frozen=True)
class Page:
    path: str          # output file, relative to the site root
    template: str
    language: str
    values: dict[str, Any] = field(hash=False, compare=False)
    key: str = ""            # fingerprint of what the page shows (besides site and theme)
    absolute: bool = False   # 404.html is served at any URL: its links must be absolute


def pdf_name(site_title: str, issue_id: str, memo: dict[str, str] | None = None) -> str:
    return f"{slugify(site_title, memo) or 'bulletin'}-{issue_id}.pdf"


def build_views(pub: Publication, rendered: dict[Path, Rendered], report: Report,
                with_pdf: bool, slugs: dict[str, str] | None = None,
                keys: dict[Path, str] | None = None, reads: BodyReads | None = None) -> tuple[IssueView, ...]:
    tags = _tag_refs(pub, report, slugs)
    views = []
    for issue in pub.issues:
        groups = []
        issue_key = digest(issue.id, issue.title, issue.date, issue.language, issue.highlights, issue.cover)
        for section in pub.site.sections:
            arts = tuple(ArticleView(a, issue, rendered[a.source.path].html,
                                     a.meta.summary or rendered[a.source.path].summary,
                                     tuple(tags[t] for t in a.meta.tags), (keys or {}).get(a.source.path, ""),
                                     issue_key, reads)
                         for a in issue.in_section(section.key))
            if arts:
                groups.append((section, arts))
        intro = rendered[issue.intro_source.path].html if issue.intro_source else ""
        pdf = f"issues/{issue.id}/{pdf_name(pub.site.title, issue.id, slugs)}" if with_pdf else None
        views.append(IssueView(issue, intro, tuple(groups), pdf))
    return tuple(views)


def _tag_refs(pub: Publication, report: Report, slugs: dict[str, str] | None) -> dict[str, TagRef]:
    refs: dict[str, TagRef] = {}
    by_slug: dict[str, str] = {}
    for issue in pub.issues:
        for a in issue.articles:
            for name in a.meta.tags:
                slug = slugify(name, slugs) or "tag"
                if slug in by_slug and by_slug[slug] != name:
                    report.error(a.source.path, None, f"tags: '{name}' and '{by_slug[slug]}' would share the page "
                                                      f"tags/{slug}/; use one spelling")
                by_slug.setdefault(slug, name)
                refs[name] = TagRef(by_slug[slug], slug)
    return refs


def plan_pages(pub: Publication, issues: tuple[IssueView, ...], about_html: str,
               shown: frozenset[str] = frozenset()) -> list[Page]:
    """`shown`: the templates that show listed articles' bodies (`BodyReads`)."""
    site, lang = pub.site, pub.site.language
    common = {"site": site, "issues": issues, "about_html": about_html}
    metas = [v.meta_key for v in issues]
    latest = issues[0] if issues else None
    pages = [
        Page("index.html", "home.html", lang, {**common, "latest": latest},
             digest(latest.key_for("home.html", shown) if latest else "", metas)),
        Page("issues/index.html", "issues.html", lang, common, digest(metas, [len(v.articles) for v in issues])),
        Page("search/index.html", "search.html", lang, common),
        Page("404.html", "404.html", lang, common, absolute=True),
    ]
    for view in issues:
        pages.append(Page(view.path, "issue.html", view.issue.language, {**common, "view": view},
                          view.key_for("issue.html", shown)))
        pages.extend(_article_pages(view, common, "article.html" in shown))
    for section in site.sections:
        groups = [(v, g) for v in issues if (g := dict(v.groups).get(section, ()))]
        full = "section.html" in shown
        pages.append(Page(f"sections/{section.key}/index.html", "section.html", lang,
                          {**common, "section": section, "groups": groups},
                          digest([(v.meta_key, [a.full_key if full else a.list_key for a in g]) for v, g in groups])))
    by_tag = sorted(_articles_by_tag(issues).items(), key=lambda kv: kv[0].slug)
    full = "tag.html" in shown
    for tag, arts in by_tag:
        pages.append(Page(tag.path, "tag.html", lang, {**common, "tag": tag, "articles": arts},
                          digest(tag, [a.full_key if full else a.list_key for a in arts])))
    ranked = sorted(by_tag, key=lambda kv: -len(kv[1]))
    pages.append(Page("tags/index.html", "tags.html", lang, {**common, "tags": ranked},
                      digest([(t, len(a)) for t, a in ranked])))
    return pages


def _article_pages(view: IssueView, common: dict[str, Any], full: bool) -> list[Page]:
    """`full`: the template shows the bodies of the articles before and after, too."""
    arts, pages = view.articles, []
    for i, art in enumerate(arts):
        prev = arts[i - 1] if i > 0 else None
        nxt = arts[i + 1] if i + 1 < len(arts) else None
        near = [a and (a.full_key if full else a.list_key) for a in (prev, nxt)]
        key = digest(view.meta_key, art.full_key, *near)
        pages.append(Page(art.path, "article.html", view.issue.language,
                          {**common, "view": view, "art": art, "prev": prev, "next": nxt}, key))
    return pages


def _articles_by_tag(issues: tuple[IssueView, ...]) -> dict[TagRef, list[ArticleView]]:
    out: dict[TagRef, list[ArticleView]] = {}
    for view in issues:
        for art in view.articles:
            for tag in art.tags:
                out.setdefault(TagRef(tag.name, tag.slug), []).append(art)
    return out
