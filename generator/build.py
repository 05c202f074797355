"""`build()`: the stages in order, each taking plain values and returning a value.

    site.yml ─ content ─ bodies (Markdown, charts) ─ views ─ pages ─ templates ─ PDF ─ output

Each stage may be given a memo from the incremental layer (generator/incremental/),
which alone decides what the last build made that can be used again.
"""
from __future__ import annotations

import datetime as dt
import gc
import os
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.clock import today
from generator.content.schedule import Selection
from generator.errors import ContentErrors, Problem, Report
from generator.incremental.locations import cache_dir_for
from generator.incremental.stamp import Stamp, check_stamp, recorded_since

if TYPE_CHECKING:
    from generator.content.model import Publication
    from generator.content.settings import Site
    from generator.incremental.cache import BuildCache, Saved
    from generator.output.writer import OutputFile, Staging
    from generator.site.bodies import FenceFactory, Rendered
    from generator.site.languages import Edition
    from generator.site.pages import Page
    from generator.site.views import IssueView

# The parsers, Jinja and the page modules are imported inside the stages: a build with
# nothing changed answers before any of them is loaded.


@dataclass(frozen=True)
class Options:
    content: Path = Path("content")
    out: Path = Path("output")
    base_url: str | None = None
    drafts: bool = False        # publish drafts, marked; `check`: their problems fail it
    future: bool = False        # publish items dated after today (Hugo's buildFuture)
    preview: bool = False       # serve: items dated after today shown, marked
    today: dt.date | None = None   # None: clock.today() (BULLETIN_TODAY, or the clock)
    pdf: bool = True
    search: bool = True
    write: bool = True          # False: `bulletin check`
    incremental: bool = True    # False: ignore and do not update the cache
    jobs: int | None = None     # worker processes; None: one per core (serve uses 1: it has threads)
    progress: Callable[[str], None] | None = None  # told the name of each stage as it starts
    defer_pdf: bool = False     # serve: keep the last PDF now, print the new one in a second build
    compress: bool = False      # .br and .gz beside each text file, for hosts that send them (hosting.md)


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
    warnings: list[Problem] = field(default_factory=list)
    saved: Saved | None = None  # the caches as this build saved them, for a warm process
    made: tuple[str, ...] = ()  # the output paths of the pages rendered this time
    emails: tuple[tuple[str, int], ...] = ()   # each email edition's HTML: (output path, bytes)
    notes: tuple[str, ...] = ()  # said after the summary (why the editions were not made)
    remarks: tuple[str, ...] = ()   # what was left out or kept (drafts, the schedule, --no-pdf): note: lines


def selection(opts: Options) -> Selection:
    """`check` reads everything (drafts and items dated after today are checked too)."""
    day = opts.today or today()
    if not opts.write:
        return Selection(day, drafts=True, future=True)
    return Selection(day, drafts=opts.drafts, future=opts.future or opts.preview)


def stamp_of(opts: Options, use_cache: bool) -> Stamp:
    return check_stamp(opts.content, opts.out, opts.drafts, opts.pdf, opts.search, opts.base_url, use_cache,
                       opts.compress, opts.future, (opts.today or today()).isoformat(), opts.preview)


def build(opts: Options, warm: Saved | None = None) -> Result:
    """`warm`: the caches the last build of this process saved (`bulletin serve`)."""
    started = time.perf_counter()
    stamp = stamp_of(opts, opts.incremental and opts.write)
    if stamp.current:
        return Result(unchanged=True, seconds=time.perf_counter() - started)
    from generator.content.config import load_site
    report = Report()
    (opts.progress or (lambda name: None))("reading content")
    site = load_site(opts.content, report, opts.base_url)
    stop_on_problems(report)
    assert site is not None
    with output_lock(opts, site):
        if opts.write and recorded_since(stamp, opts.out):   # another build wrote it while we waited
            stamp = stamp_of(opts, opts.incremental)
            if stamp.current:
                return Result(unchanged=True, seconds=time.perf_counter() - started)
        with fewer_collections():
            return build_site(opts, site, stamp, warm, report, started)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """A build makes a great many objects (tokens, views, pages) that live until it ends; the
    cycle collector would scan them again and again, more often and longer the bigger the site.
    It is off during a build, and in the workers it forks; on again after it, if it was on
    (`serve` builds again and again in one process; `bulletin build` runs without it: cli.run)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def output_lock(opts: Options, site: Site) -> AbstractContextManager[None]:
    """One build at a time writes an output folder (output/folder.py); `check` writes none."""
    from generator.output.folder import output_lock as hold
    if not opts.write:
        return nullcontext()
    return hold(opts.out, protected(site), os.path.join(cache_dir_for(opts.out), "lock"))


def protected(site: Site) -> list[Path]:
    """What the output folder may neither hold nor be inside: the content and the theme."""
    return [site.root, site.theme]


def build_site(opts: Options, site: Site, stamp: Stamp, warm: Saved | None, report: Report,
               started: float) -> Result:
    from generator.content.config import theme_folders
    from generator.content.publication import load_publication
    from generator.content.schedule import draft_scope, held_notes
    from generator.incremental.cache import open_cache
    from generator.output.folder import staged_output, warn_foreign_back_buffer, write_output
    stage = opts.progress or (lambda name: None)
    cache = open_cache(opts.content, opts.out, stamp, (site.root, *theme_folders(site)), warm,
                       opts.incremental and opts.write, opts.jobs)
    select = selection(opts)
    pub = load_publication(site, report, select, cache.articles, opts.jobs, meanwhile=import_later_stages)
    from generator.pdf.pages import pdf_notes, print_editions
    from generator.site.editions import edition_notes, email_sizes
    of_drafts = draft_scope(pub.held)
    report.set_apart(of_drafts, "(draft)", failing=opts.drafts)
    stage("rendering articles and charts")
    plan = plan_site(opts, pub, cache, report, select)
    stage(f"rendering {len(plan.pages)} pages")
    with staged_output(opts.out, protected(site), opts.write and not report.problems) as staging:
        notes = held_notes(pub.held, checking=not opts.write)
        files, made = render_site(opts, plan, cache, report, staging, notes)
        stage("printing the PDF")
        pdfs = print_editions([(pub, views, about) for _, pub, views, about in plan.editions()], report, opts,
                              cache, files)
        files.update(pdfs.files)
        report.set_apart(of_drafts, "(draft)", failing=opts.drafts)
        stop_on_problems(report)
        saved = None
        if opts.write:
            stage("writing the site" + (" and the search index" if opts.search else ""))
            write_output(files, opts.out, protected(site), staging, cache.forget, opts.compress, opts.jobs)
            warn_foreign_back_buffer(staging, report)
            # a PDF owed (serve prints it in a second build) keeps the next build from doing nothing
            saved = cache.save("pdf-deferred" if pdfs.deferred else stamp.options, site_links(site), opts.out,
                               pub.due.isoformat() if pub.due else "")
    bodies = plan.bodies.values()
    return Result(len(plan.pages), len(made), len(files), len(pdfs.files), pdfs.built, pdfs.deferred,
                  sum(b.charts for b in bodies), sum(b.charts_drawn for b in bodies), False,
                  time.perf_counter() - started, report.sorted_warnings(), saved, made,
                  email_sizes(plan.pages, files, opts.out), edition_notes(site), tuple(notes + pdf_notes(pdfs)))


def import_later_stages() -> None:
    """The modules of the stages after reading (Markdown, Jinja, the site, the PDF), imported
    while the articles are read on the other cores rather than after, with one core idle."""
    import generator.figures.fences
    import generator.markdown.parser
    import generator.output.kept
    import generator.pdf.pages
    import generator.site.assets
    import generator.site.cards
    import generator.site.lists
    import generator.site.rendering
    import generator.site.templates  # noqa: F401


@dataclass(frozen=True)
class SitePlan:
    """What the pages are made of: the bodies, the views of the issues, the page set."""

    site: Site
    pub: Publication
    bodies: dict[Path, Rendered]
    views: tuple[IssueView, ...]
    about_html: str
    pages: list[Page]
    more: tuple[Edition, ...] = ()   # the editions in the site's other languages (site/languages.py)

    @property
    def all_views(self) -> tuple[IssueView, ...]:
        """The issues of every language's edition."""
        return self.views + tuple(view for edition in self.more for view in edition.views)

    def editions(self) -> tuple[tuple[Site, Publication, tuple[IssueView, ...], str], ...]:
        """Each language's site, publication, views and `about`, the default's first."""
        return ((self.site, self.pub, self.views, self.about_html),
                *((e.site, e.pub, e.views, e.about_html) for e in self.more))


def plan_site(opts: Options, pub: Publication, cache: BuildCache, report: Report,
              select: Selection | None = None) -> SitePlan:
    from generator.markdown.parser import create_markdown, render_markdown
    from generator.site.bodies import render_bodies
    from generator.site.editions import editions_refused
    from generator.site.languages import Edition, language_publications
    from generator.site.pages import feed_articles, plan_pages
    from generator.site.views import build_views
    site = pub.site
    md = create_markdown()
    editions = editions_refused(site.base_url) is None
    pubs = language_publications(pub)   # one a language: the default's first
    every = replace(pub, issues=tuple(issue for one in pubs for issue in one.issues))
    bodies = render_bodies(md, every, fence_factory(cache, opts.write), report, cache.memo_bodies(site), opts.jobs,
                           editions, search=opts.search and opts.write, feed=feed_articles(pubs))
    from generator.pdf.pages import has_pdf
    marked = select.today if select and opts.preview else None   # serve marks what is not yet due
    langs = tuple(Edition(one.site, one, build_views(one, bodies, report, has_pdf(opts, site), cache.slugs, marked),
                          render_markdown(md, one.site.about, language=one.site.language)) for one in pubs)
    views, about_html = langs[0].views, langs[0].about_html
    return SitePlan(site, pub, bodies, views, about_html, plan_pages(site, views, about_html, langs[1:]), langs[1:])


def render_site(opts: Options, plan: SitePlan, cache: BuildCache, report: Report, staging: Staging | None,
                notes: list[str]) -> tuple[dict[str, OutputFile], tuple[str, ...]]:
    """The pages (those the memo says changed), the theme's static files, the bodies'
    images and charts, the search index (`notes`: what was kept)."""
    from generator.content.config import theme_folders
    from generator.site.assets import collect_assets
    from generator.site.rendering import render_pages
    from generator.site.templates import create_environment
    site = plan.site
    memo = cache.memo_outputs(site, plan.about_html, plan.all_views, opts.out, theme_folders(site))
    env = create_environment(site.theme, compiled=cache.compiled_templates())
    editions = [(one, views) for one, _, views, _ in plan.editions()]
    cards: dict[str, OutputFile] = {}

    def meanwhile() -> None:
        """What this process does while the other cores start on the pages."""
        memo.make_keys()
        if opts.write:   # `check` saves nothing, and draws no card: nothing in one can be wrong
            cache.prepare_save()
            from generator.site.cards import edition_cards
            cards.update(edition_cards(editions, cache.card_folder(), opts.jobs))

    pages, made = render_pages(env, plan.pages, site.base_url, report, memo, staging, opts.jobs, meanwhile)
    files: dict[str, OutputFile] = {**pages, **collect_assets(site, plan.pub, plan.bodies, report), **cards}
    if opts.write:
        from generator.output.kept import search_outputs
        files.update(search_outputs(opts.search, opts.out, editions, memo, notes))
    return files, made


def stop_on_problems(report: Report) -> None:
    if report.problems:
        raise ContentErrors(report.sorted_problems())


def fence_factory(cache: BuildCache, cache_writes: bool = True) -> FenceFactory:
    """Charts come from the cache beside the content folder; `bulletin check` writes
    nothing, not even that cache (it still reads it)."""
    from functools import partial

    from generator.figures.fences import make_fence_handler
    return partial(make_fence_handler, charts=cache.chart_folder(), cache_writes=cache_writes)


def site_links(site: Site) -> tuple[tuple[str, str], ...]:
    """A theme named through a link: the no-op check follows the link again."""
    return ((str(site.theme_named), str(site.theme)),) if site.theme_named else ()
