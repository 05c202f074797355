"""What we computed: the page set of the site, each page a template and its values."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.bodies import Rendered, article_page_path, cover_path, issue_page_path
from generator.stamp import digest
from generator.errors import Report
from generator.model import Article, Issue, Publication, Section
from generator.slugs import slugify


@dataclass(frozen=True)
class TagRef:
    name: str
    slug: str

    @property
    def path(self) -> str:
        return f"tags/{self.slug}/index.html"


@dataclass(frozen=True)
class ArticleView:
    article: Article
    issue: Issue
    html: str
    summary: str
    tags: tuple[TagRef, ...]
    source_key: str = ""   # the body's cache key: the file's content, its issue, section, renderer

    @property
    def path(self) -> str:
        return article_page_path(self.article)

    @property
    def meta(self):
        return self.article.meta

    @property
    def section(self) -> Section:
        return self.article.section

    @cached_property
    def list_key(self) -> str:
        """Everything a list of articles shows of this one. Meta and summary come from the
        file, which `source_key` hashes already (repr of the dataclasses was slow at scale)."""
        tags = tuple((t.name, t.slug) for t in self.tags)
        if self.source_key:
            return digest(self.path, self.source_key, self.article.meta.summary, tags)
        return digest(self.path, self.article.meta, self.summary, tags, self.section)

    @cached_property
    def full_key(self) -> str:
        """The body's source key determines its HTML (it keys the body cache): hashing the
        HTML again cost ~25 µs an article."""
        return self.list_key if self.source_key else digest(self.list_key, self.html)


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
                keys: dict[Path, str] | None = None) -> tuple[IssueView, ...]:
    tags = _tag_refs(pub, report, slugs)
    views = []
    for issue in pub.issues:
        groups = []
        for section in pub.site.sections:
            arts = tuple(ArticleView(a, issue, rendered[a.source.path].html,
                                     a.meta.summary or rendered[a.source.path].summary,
                                     tuple(tags[t] for t in a.meta.tags), (keys or {}).get(a.source.path, ""))
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


def plan_pages(pub: Publication, issues: tuple[IssueView, ...], about_html: str) -> list[Page]:
    site, lang = pub.site, pub.site.language
    common = {"site": site, "issues": issues, "about_html": about_html}
    metas = [v.meta_key for v in issues]
    latest = issues[0] if issues else None
    pages = [
        Page("index.html", "home.html", lang, {**common, "latest": latest},
             digest(latest.list_key if latest else "", metas)),
        Page("issues/index.html", "issues.html", lang, common, digest(metas, [len(v.articles) for v in issues])),
        Page("search/index.html", "search.html", lang, common),
        Page("404.html", "404.html", lang, common, absolute=True),
    ]
    for view in issues:
        pages.append(Page(view.path, "issue.html", view.issue.language, {**common, "view": view}, view.list_key))
        pages.extend(_article_pages(view, common))
    for section in site.sections:
        groups = [(v, g) for v in issues if (g := dict(v.groups).get(section, ()))]
        pages.append(Page(f"sections/{section.key}/index.html", "section.html", lang,
                          {**common, "section": section, "groups": groups},
                          digest([(v.meta_key, [a.list_key for a in g]) for v, g in groups])))
    by_tag = sorted(_articles_by_tag(issues).items(), key=lambda kv: kv[0].slug)
    for tag, arts in by_tag:
        pages.append(Page(tag.path, "tag.html", lang, {**common, "tag": tag, "articles": arts},
                          digest(tag, [a.list_key for a in arts])))
    ranked = sorted(by_tag, key=lambda kv: -len(kv[1]))
    pages.append(Page("tags/index.html", "tags.html", lang, {**common, "tags": ranked},
                      digest([(t, len(a)) for t, a in ranked])))
    return pages


def _article_pages(view: IssueView, common: dict[str, Any]) -> list[Page]:
    arts, pages = view.articles, []
    for i, art in enumerate(arts):
        prev = arts[i - 1] if i > 0 else None
        nxt = arts[i + 1] if i + 1 < len(arts) else None
        key = digest(view.meta_key, art.full_key, prev and prev.list_key, nxt and nxt.list_key)
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
