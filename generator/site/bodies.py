"""Article bodies → HTML: Markdown plus the hooks for charts, tables and images."""
from __future__ import annotations

import posixpath
from urllib.parse import quote, unquote
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Protocol

from markdown_it import MarkdownIt

from generator.errors import Report
from generator.figures.images import image_problem
from generator.markdown.parser import Hooks, render_with_summary
from generator.content.model import Article, Issue, Publication
from generator.incremental.parallel import map_chunks, worker_count
from generator.paths import UnsafePath, resolve_inside
from generator.incremental.memo import BodyMemo
from generator.site import urls
from generator.site.urls import relative_url

@dataclass(frozen=True)
class Rendered:
    html: str
    summary: str
    files: tuple[tuple[str, bytes | Path], ...]  # output path → content: images, charts
    charts_drawn: int = 0                         # charts matplotlib drew for this body (not cached)
    charts: int = 0                               # chart blocks in this body (each is two SVG files)
    warnings: tuple = ()                          # what rendering warned of: said again when reused

    @property
    def feed_html(self) -> str:
        return self.html


@dataclass(frozen=True)
class BodyContext:
    """What a fence handler may know and do: where it is, and how to add a file to the site."""

    issue: Issue
    path: Path                              # the Markdown file
    page_path: str                          # the output page the body is shown on
    report: Report
    emit: Callable[[str, bytes | Path], str]  # (output path, content) → URL relative to the page
    drawn: list = field(default_factory=list)  # a chart handler notes each chart it had to draw
    charts: list = field(default_factory=list)  # … and each chart it showed

    @property
    def content_root(self) -> Path:
        """The content folder: `content.load_publication` reads issues from <root>/issues/<id>/."""
        return self.issue.folder.parent.parent


class FenceFactory(Protocol):
    def __call__(self, ctx: BodyContext) -> Callable[[str, str, int], str | None]: ...


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
        return quote(ctx.emit(f"issues/{ctx.issue.id}/{found.relative_to(ctx.issue.folder).as_posix()}", found))
    return resolve


def render_body(md: MarkdownIt, job: BodyJob, fences: FenceFactory, report: Report) -> Rendered:
    issue, path, page_path = job.issue, job.path, job.page_path
    files: dict[str, bytes | Path] = {}

    def emit(out_path: str, content: bytes | Path) -> str:
        files[out_path] = content
        return relative_url(out_path, page_path)

    ctx = BodyContext(issue, path, page_path, report, emit)

    def problem(line: int, message: str, error: bool) -> None:
        (report.error if error else report.warn)(path, line, message)

    known = len(report.warnings)
    html, summary = render_with_summary(md, job.text, Hooks(fences(ctx), _image_hook(ctx), problem),
                                        job.first_line, job.doc_id, issue.language)
    return Rendered(html, summary, tuple(files.items()), len(ctx.drawn), len(ctx.charts),
                    tuple(report.warnings[known:]))


def render_bodies(md: MarkdownIt, pub: Publication, fences: FenceFactory, report: Report,
                  memo: BodyMemo | None = None, jobs: int | None = None) -> dict[Path, Rendered]:
    """Every article's body and every issue's intro, by source file; those `memo` has
    from the last build are not rendered again, the others are rendered on every core."""
    out: dict[Path, Rendered] = {}
    todo = []
    for issue in pub.issues:
        for job in body_jobs(issue):
            hit = memo.recall(*job.memo_args()) if memo else None
            if isinstance(hit, Rendered):
                out[job.path] = replace(hit, charts_drawn=0) if hit.charts_drawn else hit
                report.warnings.extend(hit.warnings)   # an unchanged body keeps its warnings
            else:
                todo.append(job)

    def render_chunk(chunk: list[BodyJob]) -> tuple[dict[Path, Rendered], Report]:
        local = Report()
        return {job.path: render_body(md, job, fences, local) for job in chunk}, local

    for done, local in map_chunks(render_chunk, todo, worker_count(len(todo), jobs)):
        out.update(done)
        report.extend(local)
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
    page_path: str      # the page it is shown on
    doc_id: str         # prefixes its footnote ids

    def memo_args(self) -> tuple[str, tuple, bool]:
        # the issue's language: chart labels and number formats in the body follow it
        inputs = (self.text, self.first_line, self.page_path, self.doc_id, self.issue.id, self.issue.language)
        return str(self.path), inputs, may_read_files(self.text)


def body_jobs(issue: Issue) -> list[BodyJob]:
    jobs = [BodyJob(issue, a.source.path, a.body, a.source.body_line, urls.article_path(a),
                    f"{a.section.key}-{a.slug}") for a in issue.articles]
    if issue.intro_source is not None:
        jobs.append(BodyJob(issue, issue.intro_source.path, issue.intro, 1, urls.issue_path(issue), "intro"))
    return jobs


def may_read_files(markdown: str) -> bool:
    """Images and fenced blocks (charts, tables) read files; nothing else in a body does."""
    return "![" in markdown or "```" in markdown or "~~~" in markdown
