"""Article bodies → HTML: Markdown plus the hooks for charts, tables and images."""
from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from markdown_it import MarkdownIt

from generator.content.model import Article, Issue, Publication
from generator.errors import Report
from generator.figures.images import image_problem
from generator.incremental.memo import BodyMemo
from generator.incremental.parallel import map_chunks, worker_count
from generator.markdown.flavors import (
    Figure,
    Flavor,
    email_flavor,
    feed_flavor,
    render_flavors,
    web_flavor,
    wechat_flavor,
)
from generator.markdown.parser import Hooks, has_wide_block, parse_body, summary_of
from generator.markdown.text import plain_text
from generator.paths import UnsafePath, resolve_inside
from generator.site import urls
from generator.site.search import body_text


@dataclass(frozen=True)
class ChartImage:
    """A chart as the email and WeChat editions show it: a PNG of the site, drawn at twice the
    pixels of `width` × `height` (CSS pixels)."""

    title: str
    path: str
    width: int
    height: int
    caption: str = ""


@dataclass(frozen=True)
class Rendered:
    htmls: tuple[str, ...]                        # the body in each flavor of its job: the web page's, the feed's
    summary: str
    files: tuple[tuple[str, bytes | Path], ...]  # output path → content: images, charts
    charts_drawn: int = 0                         # charts matplotlib drew for this body (not cached)
    charts: int = 0                               # chart blocks in this body (each is two SVG files)
    warnings: tuple = ()                          # what rendering warned of: said again when reused
    text: tuple[str, ...] = ()                    # the web page's body as text, a string per block (search)
    images: tuple[ChartImage, ...] = ()           # its charts as PNG, if a flavor of its job is an edition
    plain: str = ""                               # the body as plain text, if its job asked (an email's 引言)
    wide: bool = False                            # it has a table, a chart, an image or code: wants a full measure
    kinds: tuple[str, ...] = ("web", "feed")      # each of `htmls` is for whom (`Flavor.kind`)

    @property
    def html(self) -> str:
        """The body as the web page shows it."""
        return self.htmls[0]

    @property
    def feed_html(self) -> str:
        """The body with whole URLs (`flavors.feed_flavor`), if it was rendered for the feed
        (the articles the feed carries are); else the web page's."""
        return self._of("feed") or self.htmls[0]

    @property
    def edition_html(self) -> str:
        """The body for the email or WeChat edition, if its job has one."""
        return self._of("email", "wechat") or ""

    def _of(self, *kinds: str) -> str | None:
        return next((html for html, kind in zip(self.htmls, self.kinds, strict=False) if kind in kinds), None)


@dataclass(frozen=True)
class BodyContext:
    """What a fence handler may know and do: where it is, and how to add a file to the site."""

    issue: Issue
    path: Path                              # the Markdown file
    page_path: str                          # the output page the body is shown on
    report: Report
    emit: Callable[[str, bytes | Path], str]  # adds (output path, content) to the site; → the output path
    drawn: list = field(default_factory=list)  # a chart handler notes each chart it had to draw
    charts: list = field(default_factory=list)  # … and each chart it showed
    raster: bool = False                     # charts are also drawn as PNG (the body has an edition)
    images: list = field(default_factory=list)  # … each one's ChartImage

    @property
    def content_root(self) -> Path:
        """The content folder: `content.load_publication` reads issues from <root>/issues/<id>/."""
        return self.issue.folder.parent.parent


class FenceFactory(Protocol):
    def __call__(self, ctx: BodyContext) -> Callable[[str, str, int], Figure | None]: ...


def _image_hook(ctx: BodyContext):
    """Images are named relative to the issue folder (images/x.png), like `cover:`."""
    def resolve(src: str, line: int) -> str:
        src = unquote(src)   # markdown-it percent-encodes the link: 示意图.png, my%20pic.png
        if src.startswith(("http://", "https://", "//")):
            ctx.report.error(ctx.path, line, f"image '{src}' is on the web; put the file in the issue's "
                                             "images/ folder (the build never fetches anything)")
            return ""
        try:
            found = resolve_inside(ctx.issue.folder, src.removeprefix("./"))
        except UnsafePath as exc:
            ctx.report.error(ctx.path, line, f"image {exc}")
            return ""
        if not found.is_file():
            ctx.report.error(ctx.path, line, f"image '{src}' does not exist in the issue folder {ctx.issue.id}/")
            return ""
        if problem := image_problem(found):
            ctx.report.error(ctx.path, line, f"image '{src}' {problem}")
            return ""
        return ctx.emit(f"issues/{ctx.issue.id}/{found.relative_to(ctx.issue.folder).as_posix()}", found)
    return resolve


def render_body(md: MarkdownIt, job: BodyJob, fences: FenceFactory, report: Report) -> Rendered:
    """One parse (charts drawn, images found, problems reported), then the HTML of each
    of the job's flavors."""
    issue, path = job.issue, job.path
    files: dict[str, bytes | Path] = {}

    def emit(out_path: str, content: bytes | Path) -> str:
        files[out_path] = content
        return out_path

    ctx = BodyContext(issue, path, job.page_path, report, emit, raster=any(f.edition for f in job.flavors))

    def problem(line: int, message: str, error: bool) -> None:
        (report.error if error else report.warn)(path, line, message)

    known = len(report.warnings)
    tokens, env = parse_body(md, job.text, Hooks(fences(ctx), _image_hook(ctx), problem), job.first_line,
                             job.doc_id, issue.language)
    htmls = render_flavors(md, tokens, env, job.flavors)
    return Rendered(htmls, summary_of(tokens), tuple(files.items()), len(ctx.drawn), len(ctx.charts),
                    tuple(report.warnings[known:]), body_text(htmls[0]) if job.search else (), tuple(ctx.images),
                    plain_text(tokens, job.flavors[-1]) if job.text_too else "", has_wide_block(tokens),
                    tuple(f.kind for f in job.flavors))


def render_bodies(md: MarkdownIt, pub: Publication, fences: FenceFactory, report: Report, memo: BodyMemo | None = None,
                  jobs: int | None = None, editions: bool = False, search: bool = False,
                  feed: Collection[str] | None = None) -> dict[Path, Rendered]:
    """Every article's body and every issue's intro, by source file, for the web page and
    the feed (`feed`: the pages of the articles it carries, if not all; and with `editions`,
    the WeChat edition of each article and the email of each issue); those `memo` has from
    the last build are not rendered again, the others are rendered on every core."""
    out: dict[Path, Rendered] = {}
    todo = []
    for issue in pub.issues:
        for job in body_jobs(issue, pub.site.base_url, editions, search, feed):
            hit = memo.recall(*job.memo_args()) if memo else None
            if isinstance(hit, Rendered) and not (job.search and not hit.text):
                out[job.path] = replace(hit, charts_drawn=0) if hit.charts_drawn else hit
                report.warnings.extend(hit.warnings)   # an unchanged body keeps its warnings
            else:
                todo.append(job)

    def render_chunk(chunk: list[BodyJob]) -> tuple[list[Rendered], Report]:
        local = Report()
        return [render_body(md, job, fences, local) for job in chunk], local

    # back in the order of `todo`, not by path: unpickling a Path costs more than a body's HTML
    fresh: list[Rendered] = []
    for part, local in map_chunks(render_chunk, todo, worker_count(len(todo), jobs)):
        fresh.extend(part)
        report.extend(local)
    out.update(zip((job.path for job in todo), fresh, strict=True))
    if memo is not None:
        for job in todo:
            memo.keep(*job.memo_args(), out[job.path])
    return out


@dataclass(frozen=True)
class BodyJob:
    """One body to render: an article's, or an issue's introduction."""

    issue: Issue
    path: Path          # the Markdown file
    text: str
    first_line: int
    flavors: tuple[Flavor, ...]   # how it is written, the first for the page it is on
    doc_id: str         # prefixes its footnote ids
    text_too: bool = False        # also as plain text (the email's text part)
    search: bool = False          # also its text for the search index

    @property
    def page_path(self) -> str:
        """The page the body is on: its charts are written beside it."""
        return self.flavors[0].page_path

    def memo_args(self) -> tuple[str, tuple, bool]:
        # the issue's language: chart labels and number formats in the body follow it
        # not `search`: a body is the same with or without its search text (taken again when asked
        # for: render_bodies), so --no-search calls no page, PDF or index out of date (output/kept.py)
        inputs = (self.text, self.first_line, self.flavors, self.doc_id, self.issue.id, self.issue.language,
                  self.text_too)
        return str(self.path), inputs, may_read_files(self.text)


def body_jobs(issue: Issue, feed_base: str | None = None, editions: bool = False,
              search: bool = False, feed: Collection[str] | None = None) -> list[BodyJob]:
    """With `feed_base` (the site's base URL) each body is also written for the feed (an
    article only if its page is in `feed`, when given); with `editions` too, an article for
    its WeChat edition, an intro for the issue's email; with `search`, an article's text is
    taken for the search index."""
    jobs = []
    for a in issue.articles:
        path = urls.article_path(a)
        flavors = body_flavors(path, feed_base, wechat_flavor if editions else None, feed is None or path in feed)
        jobs.append(BodyJob(issue, a.source.path, a.body, a.source.body_line, flavors, article_doc_id(a),
                            search=search))
    if issue.intro_source is not None:
        jobs.append(BodyJob(issue, issue.intro_source.path, issue.intro, 1,
                            body_flavors(urls.issue_path(issue), feed_base, email_flavor if editions else None),
                            "intro", text_too=editions))
    return jobs


def body_flavors(page_path: str, feed_base: str | None, edition: Callable[[str, str], Flavor] | None = None,
                 in_feed: bool = True) -> tuple[Flavor, ...]:
    web = web_flavor(page_path)
    if feed_base is None:
        return (web,)
    flavors = (web, feed_flavor(page_path, feed_base)) if in_feed else (web,)
    return flavors if edition is None else (*flavors, edition(page_path, feed_base))


def article_doc_id(a: Article) -> str:
    """Names the article's footnotes: ids stay apart where many bodies share a page."""
    return f"{a.section.key}-{a.slug}"


def may_read_files(markdown: str) -> bool:
    """Images and fenced blocks (charts, tables) read files; nothing else in a body does."""
    return "![" in markdown or "```" in markdown or "~~~" in markdown
