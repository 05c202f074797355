"""`build()`: the stages in order, each taking inputs and returning a value."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.bodies import FenceFactory, Rendered, render_articles
from generator.config import load_site
from generator.content import load_publication
from generator.errors import ContentErrors, Report
from generator.feeds import render_feed, render_sitemap
from generator.markdown import create_markdown, render_markdown
from generator.model import Publication, Site
from generator.pages import IssueView, Page, build_views, plan_pages
from generator.templates import create_environment, render_template


@dataclass(frozen=True)
class Options:
    content: Path = Path("content")
    out: Path = Path("output")
    base_url: str | None = None
    drafts: bool = False
    pdf: bool = True
    search: bool = True
    write: bool = True          # False: `bulletin check`


@dataclass
class Result:
    pages: int = 0
    files: int = 0
    pdfs: int = 0
    seconds: float = 0.0
    warnings: list = field(default_factory=list)


def build(opts: Options) -> Result:
    started = time.perf_counter()
    report = Report()
    site = load_site(opts.content, report, opts.base_url)
    stop_on_problems(report)
    pub = load_publication(site, report, opts.drafts)
    md = create_markdown()
    rendered = render_articles(md, pub, fence_factory(), report)
    views = build_views(pub, rendered, report, with_pdf=opts.pdf and site.pdf.enabled)
    pages = plan_pages(pub, views, render_markdown(md, site.about))
    files = render_pages(site, pages, report)
    files.update(collect_assets(site, pub, rendered))
    files["feed.xml"] = render_feed(site, views)
    files["sitemap.xml"] = render_sitemap(site, pages)
    pdfs = render_pdfs(pub, views, report) if opts.pdf and site.pdf.enabled else {}
    files.update(pdfs)
    stop_on_problems(report)
    if opts.write:
        write_output(files, opts, site)
    return Result(len(pages), len(files), len(pdfs), time.perf_counter() - started, report.warnings)


def stop_on_problems(report: Report) -> None:
    if report.problems:
        raise ContentErrors(report.sorted_problems())


def fence_factory() -> FenceFactory:
    from generator.figures import make_fence_handler
    return make_fence_handler


def render_pages(site: Site, pages: list[Page], report: Report) -> dict[str, bytes | Path]:
    env = create_environment(site.theme)
    out: dict[str, bytes | Path] = {}
    for page in pages:
        html = render_template(env, page.template, page.path, page.language, page.values, report,
                               site.base_url if page.absolute else None)
        if html is not None:
            out[page.path] = html
    return out


def collect_assets(site: Site, pub: Publication, rendered: dict[Path, Rendered]) -> dict[str, bytes | Path]:
    """Theme static files, and the images and charts the bodies asked for."""
    out: dict[str, bytes | Path] = {}
    static = site.theme / "static"
    for path in sorted(static.rglob("*")) if static.is_dir() else ():
        if path.is_file():
            out[f"static/{path.relative_to(static).as_posix()}"] = path
    for body in rendered.values():
        out.update(dict(body.files))
    for issue in pub.issues:
        if issue.cover and (issue.folder / issue.cover).is_file():
            out[f"issues/{issue.id}/{issue.cover}"] = issue.folder / issue.cover
    return out


def render_pdfs(pub: Publication, views: tuple[IssueView, ...], report: Report) -> dict[str, bytes]:
    from generator.pdf import render_issue_pdfs  # WeasyPrint is slow to import: only when needed
    return render_issue_pdfs(pub, views, report)


def write_output(files: dict[str, bytes | Path], opts: Options, site: Site) -> None:
    from generator.output import check_output_folder, write_site
    check_output_folder(opts.out, [site.root, site.theme])
    finish = None
    if opts.search:
        from generator.search import index_site
        finish = lambda folder: index_site(folder, site.language)  # noqa: E731
    write_site(files, opts.out, finish)
