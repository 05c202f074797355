"""Article bodies → HTML: Markdown plus the hooks for charts, tables and images."""
from __future__ import annotations

import posixpath
from urllib.parse import unquote
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Protocol

from markdown_it import MarkdownIt

from generator.incremental.state import folder_digest
from generator.errors import Report
from generator.figures.images import image_problem
from generator.markdown.flavors import Figure, Flavor, feed_flavor, render_flavors, web_flavor
from generator.markdown.parser import Hooks, parse_body, summary_of
from generator.content.model import Article, Issue, Publication
from generator.incremental.parallel import map_chunks, worker_count
from generator.paths import UnsafePath, resolve_inside
from generator.incremental.stamp import digest

RENDER_VERSION = 2  # bump when Markdown or fence output changes, to invalidate cached bodies


@dataclass(frozen=True)
class Rendered:
    htmls: tuple[str, ...]                        # the body in each flavor asked for, the web page's first
    summary: str
    files: tuple[tuple[str, bytes | Path], ...]  # output path → content: images, charts
    charts_drawn: int = 0                         # charts matplotlib drew for this body (not cached)
    charts: int = 0                               # chart blocks in this body (each is two SVG files)
    warnings: tuple = ()                          # what rendering warned of: said again when reused

    @property
    def html(self) -> str:
        """The body as the web page shows it."""
        return self.htmls[0]


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

    @property
    def content_root(self) -> Path:
        """The content folder: `content.load_publication` reads issues from <root>/issues/<id>/."""
        return self.issue.folder.parent.parent


class FenceFactory(Protocol):
    def __call__(self, ctx: BodyContext) -> Callable[[str, str, int], Figure | None]: ...


def no_fences(ctx: BodyContext) -> Callable[[str, str, int], Figure | None]:
    return lambda info, content, line: None


def article_page_path(a: Article) -> str:
    return f"issues/{a.issue_id}/{a.section.key}/{a.slug}/index.html"


def issue_page_path(issue: Issue) -> str:
    return f"issues/{issue.id}/index.html"


def cover_path(issue: Issue) -> str | None:
    """Where the issue's cover image is in the site (issue.yml names it relative to the issue)."""
    return posixpath.normpath(f"issues/{issue.id}/{issue.cover}") if issue.cover else None


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


def render_body(md: MarkdownIt, issue: Issue, path: Path, text: str, first_line: int, flavors: tuple[Flavor, ...],
                doc_id: str, fences: FenceFactory, report: Report) -> Rendered:
    """One parse (charts drawn, images found, problems reported), then the HTML of each
    flavor; the first flavor's page is where the body's charts are put."""
    files: dict[str, bytes | Path] = {}

    def emit(out_path: str, content: bytes | Path) -> str:
        files[out_path] = content
        return out_path

    ctx = BodyContext(issue, path, flavors[0].page_path, report, emit)

    def problem(line: int, message: str, error: bool) -> None:
        (report.error if error else report.warn)(path, line, message)

    known = len(report.warnings)
    tokens, env = parse_body(md, text, Hooks(fences(ctx), _image_hook(ctx), problem), first_line, doc_id,
                             issue.language)
    return Rendered(render_flavors(md, tokens, env, flavors), summary_of(tokens), tuple(files.items()),
                    len(ctx.drawn), len(ctx.charts), tuple(report.warnings[known:]))


def render_articles(md: MarkdownIt, pub: Publication, fences: FenceFactory, report: Report,
                    keys: dict[Path, str], cached: dict[str, Rendered], jobs: int | None = None,
                    feed_base: str | None = None) -> dict[Path, Rendered]:
    """Every article's body and every issue's intro, keyed by source file. With `feed_base`
    (the site's base URL) each is also rendered for the feed: `Rendered.htmls[1]`.

    A body whose key (its file, the issue's data and images, the renderer) is in
    `cached` is taken from there: an unchanged article costs no Markdown time.
    The others are rendered on every core.
    """
    out: dict[Path, Rendered] = {}
    todo = []
    for issue in pub.issues:
        for job in _body_jobs(issue, feed_base):
            hit = cached.get(keys.get(job[1], ""))
            if hit is not None:
                out[job[1]] = replace(hit, charts_drawn=0) if hit.charts_drawn else hit
                report.warnings.extend(hit.warnings)   # an unchanged article keeps its warnings
            else:
                todo.append(job)

    def render_chunk(chunk):
        local = Report()
        done = {job[1]: render_body(md, *job, fences, local) for job in chunk}
        return done, local

    for done, local in map_chunks(render_chunk, todo, worker_count(len(todo), jobs)):
        out.update(done)
        report.extend(local)
    return out


def _body_jobs(issue: Issue, feed_base: str | None) -> list[tuple]:
    jobs = [(issue, a.source.path, a.body, a.source.body_line, body_flavors(article_page_path(a), feed_base),
             article_doc_id(a)) for a in issue.articles]
    if issue.intro_source is not None:
        jobs.append((issue, issue.intro_source.path, issue.intro, 1, body_flavors(issue_page_path(issue), feed_base),
                     "intro"))
    return jobs


def body_flavors(page_path: str, feed_base: str | None) -> tuple[Flavor, ...]:
    web = web_flavor(page_path)
    return (web,) if feed_base is None else (web, feed_flavor(page_path, feed_base))


def article_doc_id(a: Article) -> str:
    """Names the article's footnotes: ids stay apart where many bodies share a page."""
    return f"{a.section.key}-{a.slug}"


def body_keys(pub: Publication, inputs: dict[str, tuple[int, int, str]], code: str,
              feed_base: str | None = None) -> dict[Path, str]:
    """A body is rendered again if its file or the renderer changed; one with images or
    fenced blocks also if any file of the content folder besides Markdown and YAML did.
    Such a body may read any CSV or image in it (`data: ../2024-q2/data/x.csv`, a data/
    folder that is a link), and which ones is known only once it is rendered."""
    from generator.figures.charts import style_fingerprint  # no matplotlib import: a hash of the drawing code
    assets = folder_digest(inputs, pub.site.root, skip=(".md", ".yml"))
    shared = digest(style_fingerprint(), code, feed_base)   # the flavors rendered: as render_articles
    keys: dict[Path, str] = {}
    for issue in pub.issues:
        for path, text in issue_bodies(issue):
            file_hash = inputs.get(str(path), (0, 0, ""))[2]
            reads = assets if may_read_files(text) else ""
            # the issue's language: chart labels and number formats in the body follow it
            keys[path] = digest(RENDER_VERSION, path, file_hash, reads, shared, issue.id, issue.language)
    return keys


def may_read_files(markdown: str) -> bool:
    """Images and fenced blocks (charts, tables) read files; nothing else in a body does."""
    return "![" in markdown or "```" in markdown or "~~~" in markdown


def issue_bodies(issue: Issue) -> list[tuple[Path, str]]:
    """(file, Markdown) of each body of the issue: its articles and its introduction."""
    intro = [(issue.intro_source.path, issue.intro)] if issue.intro_source else []
    return [(a.source.path, a.body) for a in issue.articles] + intro
