"""`build()`: the stages in order, each taking inputs and returning a value."""
from __future__ import annotations

import os
import pickle
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from typing import TYPE_CHECKING

from generator.cache import (Memo, Shard, Slugs, State, content_cache_dir, folder_digest, load_pickle,
                             load_state, split_state)
from generator.errors import ContentErrors, Report
from generator.stamp import (STAMP_NAME, Inputs, Stamp, cache_dir_for, check_stamp, digest, hash_inputs, list_files,
                             load_inputs)

if TYPE_CHECKING:
    from generator.bodies import FenceFactory, Rendered
    from generator.manifest import Existing
    from generator.model import Publication, Site
    from generator.pages import IssueView, Page

# Markdown, Jinja and the page modules are imported inside the stages, not here:
# a build with nothing changed then costs ~30 ms instead of ~150 ms of imports.

RENDER_VERSION = 1  # bump when Markdown or fence output changes, to invalidate cached bodies


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


def build(opts: Options, stamp: Stamp | None = None, memo: Memo | None = None) -> Result:
    """`stamp`: the `check_stamp` of these options, if the caller already made it; `memo`:
    the last build's caches, if this process made it (`serve`)."""
    started = time.perf_counter()
    stage = opts.progress or (lambda name: None)
    report = Report()
    cache = Path(cache_dir_for(opts.out))
    use_cache = opts.incremental and opts.write
    stamp = stamp or check_stamp(opts.content, opts.out, opts.drafts, opts.pdf, opts.search, opts.base_url, use_cache)
    if stamp.current:
        return Result(unchanged=True, seconds=time.perf_counter() - started)
    code, options_key = stamp.code, stamp.options
    stage("reading content")
    from generator.config import DEFAULT_THEME, load_site   # YAML and the schema: not for a no-op
    site = load_site(opts.content, report, opts.base_url)
    stop_on_problems(report)
    roots = sorted({site.root, site.theme, DEFAULT_THEME})
    root_names = tuple(map(str, roots))
    listing = stamp.listing if stamp.listing is not None and root_names == stamp.roots else list_files(roots)
    last_files, state = recall_caches(cache, stamp, memo if use_cache else None, use_cache)
    inputs = hash_inputs(listing, last_files)
    from generator.bodies import render_articles
    from generator.content import ParseCache, load_publication
    from generator.feeds import render_feed
    from generator.markdown import create_markdown, render_markdown
    from generator.pages import build_views, plan_pages
    parse_cache = ParseCache(state.articles, {path: h for path, (_, _, h) in inputs.items()}, code)
    pub = load_publication(site, report, opts.drafts, parse_cache, opts.jobs)
    md = create_markdown()
    keys = body_keys(pub, inputs, code)
    stage("rendering articles and charts")
    rendered = render_articles(md, pub, fence_factory(opts.write), report, keys, state.bodies, opts.jobs)
    slugs = state.slugs or (load_pickle(content_cache_dir(opts.content), Slugs).memo if opts.write else {})
    known_slugs = len(slugs)
    views = build_views(pub, rendered, report, opts.pdf and site.pdf.enabled, slugs, keys)
    about_html = render_markdown(md, site.about)
    pages = plan_pages(pub, views, about_html)
    site_key = digest(code, site, about_html, folder_digest(inputs, site.theme), views[0].meta_key if views else "")
    stage(f"rendering {len(pages)} pages")
    files, fingerprints, fresh = render_pages(site, pages, report, site_key, state.pages, opts, code)
    files.update(collect_assets(site, pub, rendered, report))
    files["feed.xml"] = render_feed(site, views)
    files["sitemap.xml"] = sitemap_file(site, pages, code, state.pages, fingerprints, opts.out)
    stage("printing the PDF")
    pdfs, built, deferred = pdf_files(pub, views, report, site_key, state.pages, opts, fingerprints, files)
    files.update(pdfs)
    if deferred:   # the next build must not take the no-op path: it owes the new PDF
        options_key = "pdf-deferred"
    stop_on_problems(report)
    memo = None
    if opts.write:
        stage("writing the site" + (" and the search index" if opts.search else ""))
        write_output(files, opts, site)
        bodies = {keys[p]: r for p, r in rendered.items() if p in keys}
        owners = {keys[p]: issue.id for issue in pub.issues for p, _ in _bodies(issue) if p in keys}
        shards = split_state(bodies, parse_cache.fresh, owners)
        links = ((str(site.theme_named), str(site.theme)),) if site.theme_named else ()
        saved = Inputs(inputs, options_key, root_names, digest(listing), links)
        head = State(pages=fingerprints, slugs=slugs, shards={i: s.digest() for i, s in shards.items()})
        save_caches(cache, saved, head, shards, state.shards)
        memo = Memo(saved, replace(head, bodies=bodies, articles=parse_cache.fresh))
        if len(slugs) > known_slugs:
            from generator.output import save_cache
            save_cache(content_cache_dir(opts.content), "slugs.pickle", pickle.dumps(Slugs(slugs)))
    charts = sum(r.charts for r in rendered.values())
    return Result(len(pages), fresh, len(files), len(pdfs), built, deferred, charts,
                  sum(r.charts_drawn for r in rendered.values()), False,
                  time.perf_counter() - started, report.sorted_warnings(), memo)


def recall_caches(cache: Path, stamp: Stamp, memo: Memo | None, use_cache: bool) -> tuple[dict, State]:
    """The last build's input hashes and state: from `memo` if the stamp on disk is the one
    it saved (nothing else wrote the caches since), else from the files."""
    if memo is not None and memo.inputs.same_head(stamp.head):
        return memo.inputs.files, memo.state
    if not use_cache:
        return {}, State()
    return load_inputs(str(cache)).files, load_state(cache)


def sitemap_file(site: Site, pages: list[Page], code: str, previous: dict[str, str],
                 fingerprints: dict[str, str], out: Path) -> bytes | Existing:
    """The sitemap lists every page: made again only when the pages or the base URL changed
    (0.02 s at 5,000 articles)."""
    key = fingerprints["sitemap.xml"] = digest(code, site.base_url, [p.path for p in pages])
    if kept := kept_file(out, "sitemap.xml", key, previous):
        return kept
    from generator.feeds import render_sitemap
    return render_sitemap(site, pages)


def kept_file(out: Path, path: str, fingerprint: str, previous: dict[str, str]) -> Existing | None:
    """The last output's file at `path`, if it was made from the same fingerprint and is
    still there. Strings, not Paths: for 5,000 unchanged pages, Paths cost 0.04 s."""
    if previous.get(path) != fingerprint:
        return None
    from generator.output import Existing
    old = os.path.join(str(out), path)
    return Existing(old) if os.path.isfile(old) else None


def stop_on_problems(report: Report) -> None:
    if report.problems:
        raise ContentErrors(report.sorted_problems())


def body_keys(pub: Publication, inputs: dict[str, tuple[int, int, str]], code: str) -> dict[Path, str]:
    """A body is rendered again if its file or the renderer changed; one with images or
    fenced blocks also if any file of the content folder besides Markdown and YAML did.
    Such a body may read any CSV or image in it (`data: ../2024-q2/data/x.csv`, a data/
    folder that is a link), and which ones is known only once it is rendered."""
    from generator.charts import style_fingerprint  # no matplotlib import: a hash of the drawing code
    assets = folder_digest(inputs, pub.site.root, skip=(".md", ".yml"))
    shared = digest(style_fingerprint(), code)
    keys: dict[Path, str] = {}
    for issue in pub.issues:
        for path, text in _bodies(issue):
            file_hash = inputs.get(str(path), (0, 0, ""))[2]
            reads = assets if may_read_files(text) else ""
            # the issue's language: chart labels and number formats in the body follow it
            keys[path] = digest(RENDER_VERSION, path, file_hash, reads, shared, issue.id, issue.language)
    return keys


def may_read_files(markdown: str) -> bool:
    """Images and fenced blocks (charts, tables) read files; nothing else in a body does."""
    return "![" in markdown or "```" in markdown or "~~~" in markdown


def fence_factory(cache_writes: bool = True) -> FenceFactory:
    """`bulletin check` writes nothing, not even the chart cache (it still reads it)."""
    from functools import partial
    from generator.figures import make_fence_handler
    return partial(make_fence_handler, cache_writes=cache_writes)


def render_pages(site: Site, pages: list[Page], report: Report, site_key: str, previous: dict[str, str],
                 opts: Options, code: str) -> tuple[dict, dict[str, str], int]:
    """Render the pages whose fingerprint changed (on every core); link the others from the last output."""
    from generator.parallel import map_chunks, worker_count
    from generator.templates import (create_environment, keep_code_cache, open_code_cache, render_template,
                                     warm_templates)
    compiled = open_code_cache(content_cache_dir(opts.content), code)
    env = create_environment(site.theme, code=compiled)
    files: dict = {}
    fingerprints: dict[str, str] = {}
    todo = []
    for page in pages:
        fingerprint = fingerprints[page.path] = digest(site_key, page.path, page.template, page.key)
        if kept := kept_file(opts.out, page.path, fingerprint, previous):
            files[page.path] = kept
        else:
            todo.append(page)
    if todo:
        warm_templates(env, {p.template for p in todo})
    if opts.write:
        keep_code_cache(content_cache_dir(opts.content), compiled)

    def render_chunk(chunk: list[Page]) -> tuple[dict[str, bytes], Report]:
        local, out = Report(), {}
        for page in chunk:
            html = render_template(env, page.template, page.path, page.language, page.values, local,
                                   site.base_url if page.absolute else None)
            if html is not None:
                out[page.path] = html
        return out, local

    for out, local in map_chunks(render_chunk, todo, worker_count(len(todo), opts.jobs)):
        files.update(out)
        report.extend(local)
    return files, fingerprints, len(todo)


def collect_assets(site: Site, pub: Publication, rendered: dict[Path, Rendered],
                   report: Report) -> dict[str, bytes | Path]:
    """Theme static files, and the images and charts the bodies asked for."""
    from generator.paths import is_inside
    out: dict[str, bytes | Path] = {}
    static = site.theme / "static"
    for path in sorted(static.rglob("*")) if static.is_dir() else ():
        if path.is_symlink() and not is_inside(site.theme, path):
            report.error(path, None, "is a link to something outside the theme; copy the file into the theme")
        elif path.is_file():
            out[f"static/{path.relative_to(static).as_posix()}"] = path
    for body in rendered.values():
        out.update(dict(body.files))
    for issue in pub.issues:
        if issue.cover and (issue.folder / issue.cover).is_file():
            out[f"issues/{issue.id}/{issue.cover}"] = issue.folder / issue.cover
    return out


def pdf_files(pub: Publication, views: tuple[IssueView, ...], report: Report, site_key: str,
              previous: dict[str, str], opts: Options, fingerprints: dict[str, str],
              assets: dict) -> tuple[dict, int, int]:
    """Each issue's PDF, rebuilt only when something it prints changed: (files, built, deferred).
    `assets`: the output files so far, where the PDF finds the images and chart SVGs."""
    from generator.output import Existing
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
        from generator.pdf import render_issue_pdfs  # WeasyPrint is slow to import: only when needed
        files.update(render_issue_pdfs(pub, tuple(todo), report, assets))
    return files, len(todo), 0


def write_output(files: dict, opts: Options, site: Site) -> None:
    from generator.output import check_output_folder, write_site
    check_output_folder(opts.out, [site.root, site.theme])
    finish = None
    if opts.search:
        from generator.search import index_site
        finish = lambda folder: index_site(folder, site.language)  # noqa: E731
    write_site(files, opts.out, finish)


def save_caches(folder: Path, inputs: Inputs, head: State, shards: dict[str, Shard],
                saved: dict[str, str]) -> None:
    """`saved`: each shard's digest when it was last written; only changed ones are written."""
    from generator.output import drop_cache, save_cache
    for issue, shard in shards.items():
        if saved.get(issue) != head.shards[issue]:
            save_cache(folder, f"shard-{issue}.pickle", pickle.dumps(shard, protocol=pickle.HIGHEST_PROTOCOL))
    for issue in saved.keys() - shards.keys():
        drop_cache(folder, f"shard-{issue}.pickle")
    # State next: a kill between it and Inputs leaves old Inputs, which only forces a full check.
    save_cache(folder, "state.pickle", pickle.dumps(head, protocol=pickle.HIGHEST_PROTOCOL))
    save_cache(folder, STAMP_NAME, inputs.dump())


def _bodies(issue) -> list[tuple[Path, str]]:
    """(file, Markdown) of each body of the issue: its articles and its introduction."""
    intro = [(issue.intro_source.path, issue.intro)] if issue.intro_source else []
    return [(a.source.path, a.body) for a in issue.articles] + intro
