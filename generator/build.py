"""`build()`: the stages in order, each taking inputs and returning a value."""
from __future__ import annotations

import os
import pickle
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from generator.incremental.state import (Memo, Slugs, State, content_cache_dir, folder_digest, load_pickle, recall_caches,
                             save_caches, split_state)
from generator.errors import ContentErrors, Report
from generator.incremental.stamp import Inputs, Stamp, cache_dir_for, check_stamp, digest, hash_inputs, list_files

if TYPE_CHECKING:
    from generator.site.bodies import FenceFactory, Rendered
    from generator.content.publication import ParseCache
    from generator.output.manifest import Existing
    from generator.content.model import Publication, Site
    from generator.output.writer import Staging
    from generator.site.pages import BodyReads, IssueView, Page

# Markdown, Jinja and the page modules are imported inside the stages, not here:
# a build with nothing changed then costs ~30 ms instead of ~150 ms of imports.


@dataclass(frozen=True)
class Options:
    content: Path = Path("content")
    out: Path = Path("output")
    base_url: str | None = None
    drafts: bool = False
    pdf: bool = True
    search: bool = True
    write: bool = True          # False: `bulletin check`
    incremental: bool = True    # False: ignore and do not update the cache
    jobs: int | None = None     # worker processes; None: one per core (serve uses 1: it has threads)
    progress: Callable[[str], None] | None = None  # told the name of each stage as it starts
    defer_pdf: bool = False     # serve: keep the last PDF now, print the new one in a second build


@dataclass
class Result:
    pages: int = 0
    rendered: int = 0           # pages rendered this time (the rest were unchanged)
    files: int = 0
    pdfs: int = 0
    pdfs_built: int = 0
    pdfs_deferred: int = 0      # PDFs out of date, kept as they were (Options.defer_pdf)
    charts: int = 0             # charts in the site (each drawn twice: wide, and for phones)
    charts_drawn: int = 0       # of which matplotlib drew this time (the rest came from the cache)
    unchanged: bool = False     # nothing changed since the last build: nothing was done
    seconds: float = 0.0
    warnings: list = field(default_factory=list)
    memo: Memo | None = None    # the caches as this build saved them (see cache.Memo)


@dataclass(frozen=True)
class Reading:
    """What this build read: the site, every input file (path → size, time, content hash)
    under `roots`, the last build's caches, and the publication."""
    site: Site
    roots: tuple[str, ...]
    listing: list
    inputs: dict[str, tuple[int, int, str]]
    state: State
    parse_cache: ParseCache
    pub: Publication


@dataclass(frozen=True)
class Plan:
    """What we computed before rendering pages: bodies (by source file) and their cache
    keys, the issues' views, the page set, and the fingerprint of the site and theme."""
    keys: dict[Path, str]
    rendered: dict[Path, Rendered]
    slugs: dict[str, str]
    known_slugs: int      # how many slugs the cache held: more now means saving them
    views: tuple[IssueView, ...]
    pages: list[Page]
    site_key: str
    reads: BodyReads      # learns, while pages render, which templates show listed bodies
    shown: frozenset[str]  # those templates, as the last build with this site key learned them


def build(opts: Options, stamp: Stamp | None = None, memo: Memo | None = None) -> Result:
    """`stamp`: the `check_stamp` of these options, if the caller already made it; `memo`:
    the last build's caches, if this process made it (`serve`)."""
    started = time.perf_counter()
    stage = opts.progress or (lambda name: None)
    report = Report()
    stamp = stamp or check_stamp(opts.content, opts.out, opts.drafts, opts.pdf, opts.search, opts.base_url,
                                 opts.incremental and opts.write)
    if stamp.current:
        return Result(unchanged=True, seconds=time.perf_counter() - started)
    stage("reading content")
    read = read_content(opts, stamp, memo, report)
    stage("rendering articles and charts")
    plan = plan_site(opts, read, report, stamp.code)
    stage(f"rendering {len(plan.pages)} pages")
    with staged_output(opts, read.site, report) as staging:
        files, fingerprints, fresh = render_pages(read.site, plan, report, read.state.pages, opts, stamp.code,
                                                  staging)
        files.update(collect_assets(read.site, read.pub, plan.rendered, report))
        from generator.site.feeds import render_feed
        files["feed.xml"] = render_feed(read.site, plan.views)
        files["sitemap.xml"] = sitemap_file(read.site, plan.pages, stamp.code, read.state.pages, fingerprints,
                                            opts.out)
        stage("printing the PDF")
        pdfs, built, deferred = pdf_files(read.pub, plan.views, report, plan.site_key, read.state.pages, opts,
                                          fingerprints, files)
        files.update(pdfs)
        stop_on_problems(report)
        memo = None
        if opts.write:
            stage("writing the site" + (" and the search index" if opts.search else ""))
            write_output(files, opts, read.site, staging)
            # a deferred PDF is owed: the next build must not take the no-op path
            memo = save_build(opts, read, plan, fingerprints, "pdf-deferred" if deferred else stamp.options)
    rendered = plan.rendered.values()
    return Result(len(plan.pages), fresh, len(files), len(pdfs), built, deferred, sum(r.charts for r in rendered),
                  sum(r.charts_drawn for r in rendered), False, time.perf_counter() - started,
                  report.sorted_warnings(), memo)


def read_content(opts: Options, stamp: Stamp, memo: Memo | None, report: Report) -> Reading:
    """site.yml, the input files (hashed again only if changed), the caches and the articles."""
    from generator.content.config import DEFAULT_THEME, load_site   # YAML and the schema: not for a no-op
    from generator.content.publication import ParseCache, load_publication
    site = load_site(opts.content, report, opts.base_url)
    stop_on_problems(report)
    roots = sorted({site.root, site.theme, DEFAULT_THEME})
    names = tuple(map(str, roots))
    listing = stamp.listing if stamp.listing is not None and names == stamp.roots else list_files(roots)
    use_cache = opts.incremental and opts.write
    last_files, state = recall_caches(Path(cache_dir_for(opts.out)), stamp, memo if use_cache else None, use_cache)
    inputs = hash_inputs(listing, last_files)
    parse_cache = ParseCache(state.articles, {path: h for path, (_, _, h) in inputs.items()}, stamp.code)
    pub = load_publication(site, report, opts.drafts, parse_cache, opts.jobs)
    return Reading(site, names, listing, inputs, state, parse_cache, pub)


def plan_site(opts: Options, read: Reading, report: Report, code: str) -> Plan:
    """Every body (from the cache when its key is unchanged), then the views and pages."""
    from generator.site.bodies import body_keys, render_articles
    from generator.content.config import theme_folders
    from generator.markdown.parser import create_markdown, render_markdown
    from generator.site.pages import BodyReads, build_views, plan_pages
    md = create_markdown()
    keys = body_keys(read.pub, read.inputs, code)
    rendered = render_articles(md, read.pub, fence_factory(opts.write), report, keys, read.state.bodies, opts.jobs)
    slugs = read.state.slugs or (load_pickle(content_cache_dir(opts.content), Slugs).memo if opts.write else {})
    known_slugs = len(slugs)
    reads = BodyReads()
    views = build_views(read.pub, rendered, report, opts.pdf and read.site.pdf.enabled, slugs, keys, reads)
    about_html = render_markdown(md, read.site.about, language=read.site.language)
    themes = [folder_digest(read.inputs, t) for t in theme_folders(read.site)]
    site_key = digest(code, read.site, about_html, themes, views[0].meta_key if views else "")
    # what the last build learned holds while the code and theme are the same (else every page renders again)
    last_key, shown = read.state.shown
    shown = shown if last_key == site_key else frozenset()
    pages = plan_pages(read.pub, views, about_html, shown)
    return Plan(keys, rendered, slugs, known_slugs, views, pages, site_key, reads, shown)


def save_build(opts: Options, read: Reading, plan: Plan, fingerprints: dict[str, str], options_key: str) -> Memo:
    """The caches for the next build, on disk; returned as a `Memo` for a warm process."""
    from generator.site.bodies import issue_bodies
    keys = plan.keys
    bodies = {keys[p]: r for p, r in plan.rendered.items() if p in keys}
    owners = {keys[p]: issue.id for issue in read.pub.issues for p, _ in issue_bodies(issue) if p in keys}
    shards = split_state(bodies, read.parse_cache.fresh, owners)
    site = read.site
    links = ((str(site.theme_named), str(site.theme)),) if site.theme_named else ()
    saved = Inputs(read.inputs, options_key, read.roots, digest(read.listing), links)
    head = State(pages=fingerprints, slugs=plan.slugs, shards={i: s.digest() for i, s in shards.items()},
                 shown=(plan.site_key, plan.shown | plan.reads.found))
    save_caches(Path(cache_dir_for(opts.out)), saved, head, shards, read.state.shards)
    if len(plan.slugs) > plan.known_slugs:
        from generator.output.writer import save_cache
        save_cache(content_cache_dir(opts.content), "slugs.pickle", pickle.dumps(Slugs(plan.slugs)))
    return Memo(saved, replace(head, bodies=bodies, articles=read.parse_cache.fresh))


def sitemap_file(site: Site, pages: list[Page], code: str, previous: dict[str, str],
                 fingerprints: dict[str, str], out: Path) -> bytes | Existing:
    """The sitemap lists every page: made again only when the pages or the base URL changed
    (0.02 s at 5,000 articles)."""
    key = fingerprints["sitemap.xml"] = digest(code, site.base_url, [p.path for p in pages])
    if kept := kept_file(out, "sitemap.xml", key, previous):
        return kept
    from generator.site.feeds import render_sitemap
    return render_sitemap(site, pages)


def kept_file(out: Path, path: str, fingerprint: str, previous: dict[str, str]) -> Existing | None:
    """The last output's file at `path`, if it was made from the same fingerprint and is
    still there. Strings, not Paths: for 5,000 unchanged pages, Paths cost 0.04 s."""
    if previous.get(path) != fingerprint:
        return None
    from generator.output.writer import Existing
    old = os.path.join(str(out), path)
    return Existing(old) if os.path.isfile(old) else None


def stop_on_problems(report: Report) -> None:
    if report.problems:
        raise ContentErrors(report.sorted_problems())


def fence_factory(cache_writes: bool = True) -> FenceFactory:
    """`bulletin check` writes nothing, not even the chart cache (it still reads it)."""
    from functools import partial
    from generator.figures.fences import make_fence_handler
    return partial(make_fence_handler, cache_writes=cache_writes)


def render_pages(site: Site, plan: Plan, report: Report, previous: dict[str, str], opts: Options, code: str,
                 staging: Staging | None = None) -> tuple[dict, dict[str, str], int]:
    """Render the pages whose fingerprint changed (on every core), each worker writing its
    own into `staging` if there is one; link the others from the last output. What the
    workers learn of the templates goes into `plan.reads`."""
    from generator.incremental.parallel import map_chunks, worker_count
    from generator.site.templates import (collapse_page_errors, create_environment, keep_code_cache, open_code_cache,
                                     render_template, warm_templates)
    compiled = open_code_cache(content_cache_dir(opts.content), code)
    env = create_environment(site.theme, code=compiled)
    files: dict = {}
    fingerprints: dict[str, str] = {}
    todo = []
    reads = plan.reads
    for page in plan.pages:
        fingerprint = fingerprints[page.path] = digest(plan.site_key, page.path, page.template, page.key)
        if kept := kept_file(opts.out, page.path, fingerprint, previous):
            files[page.path] = kept
        else:
            todo.append(page)
    if todo:
        warm_templates(env, {p.template for p in todo})
    if opts.write:
        keep_code_cache(content_cache_dir(opts.content), compiled)

    def render_chunk(chunk: list[Page]) -> tuple[dict[str, bytes], Report, set[str]]:
        local, out = Report(), {}
        try:
            for page in chunk:
                reads.page = page
                html = render_template(env, page.template, page.path, page.language, page.values, local,
                                       site.base_url if page.absolute else None)
                if html is not None:
                    out[page.path] = staging.write_page(page.path, html) if staging else html
        finally:
            reads.page = None   # the feed and the PDF read bodies after this: not a page's
        return out, local, reads.found

    rendering = Report()
    for out, local, found in map_chunks(render_chunk, todo, worker_count(len(todo), opts.jobs)):
        files.update(out)
        rendering.extend(local)
        reads.found |= found
    report.problems.extend(collapse_page_errors(rendering.problems))
    report.warnings.extend(rendering.warnings)
    return files, fingerprints, len(todo)


def collect_assets(site: Site, pub: Publication, rendered: dict[Path, Rendered],
                   report: Report) -> dict[str, bytes | Path]:
    """Theme static files, and the images and charts the bodies asked for."""
    from generator.content.config import theme_folders
    from generator.paths import is_inside
    out: dict[str, bytes | Path] = {}
    # the default theme's files first: a theme replaces them one by one, as it does templates
    for theme in reversed(theme_folders(site)):
        static = theme / "static"
        for path in sorted(static.rglob("*")) if static.is_dir() else ():
            if path.is_symlink() and not is_inside(theme, path):
                report.error(path, None, "is a link to something outside the theme; copy the file into the theme")
            elif path.is_file():
                out[f"static/{path.relative_to(static).as_posix()}"] = path
    for body in rendered.values():
        out.update(dict(body.files))
    from generator.site.bodies import cover_path
    for issue in pub.issues:
        if issue.cover and (issue.folder / issue.cover).is_file():
            out[cover_path(issue)] = issue.folder / issue.cover
    return out


def pdf_files(pub: Publication, views: tuple[IssueView, ...], report: Report, site_key: str,
              previous: dict[str, str], opts: Options, fingerprints: dict[str, str],
              assets: dict) -> tuple[dict, int, int]:
    """Each issue's PDF, rebuilt only when something it prints changed: (files, built, deferred).
    `assets`: the output files so far, where the PDF finds the images and chart SVGs."""
    from generator.output.writer import Existing
    if not (opts.pdf and pub.site.pdf.enabled):
        return {}, 0, 0
    files: dict = {}
    todo = []
    for view in views:
        key = fingerprints[view.pdf_path] = digest(site_key, pub.site.pdf, view.list_key,
                                                   [a.full_key for a in view.articles])
        if kept := kept_file(opts.out, view.pdf_path, key, previous):
            files[view.pdf_path] = kept
        else:
            todo.append(view)
    if opts.defer_pdf and todo:
        for view in todo:   # keep the old file; its old fingerprint says it is still owed
            fingerprints[view.pdf_path] = previous.get(view.pdf_path, "")
            if (opts.out / view.pdf_path).is_file():
                files[view.pdf_path] = Existing(opts.out / view.pdf_path)
        return files, 0, len(todo)
    if todo:
        from generator.pdf.render import render_issue_pdfs  # WeasyPrint is slow to import: only when needed
        files.update(render_issue_pdfs(pub, tuple(todo), report, assets))
    return files, len(todo), 0


@contextmanager
def staged_output(opts: Options, site: Site, report: Report) -> Iterator[Staging | None]:
    """The folder the site is built in, for the page workers to write into; none for
    `bulletin check`, after problems, or for an output folder write_output will refuse
    (it says why there, after the content's own problems)."""
    from generator.output.writer import OutputError, check_output_folder, open_staging
    staging = None
    if opts.write and not report.problems:
        try:
            check_output_folder(opts.out, [site.root, site.theme])
            staging = open_staging(opts.out)
        except OutputError:
            staging = None
    try:
        yield staging
    except BaseException:
        if staging is not None:
            staging.discard()
        raise


def write_output(files: dict, opts: Options, site: Site, staging: Staging | None = None) -> None:
    from generator.output.writer import check_output_folder, write_site
    check_output_folder(opts.out, [site.root, site.theme])
    finish = None
    if opts.search:
        from generator.site.search import index_site
        finish = lambda folder: index_site(folder, site.language)  # noqa: E731
    write_site(files, opts.out, finish, staging)
