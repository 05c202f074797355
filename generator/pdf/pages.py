"""Each issue's PDF as an output of the site: the print template and what it is given.

The print document shows every body of its issue, so its reads are known without
rendering it: they are declared here, and the PDF is printed again when any changes.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.content.model import Publication
from generator.content.settings import Site
from generator.errors import Report
from generator.incremental.keys import Read
from generator.site.pages import Page
from generator.site.views import IssueView

if TYPE_CHECKING:
    from generator.build import Options
    from generator.incremental.cache import BuildCache


def pdf_pages(site: Site, views: tuple[IssueView, ...], about_html: str) -> list[tuple[Page, tuple[Read, ...]]]:
    out = []
    for view in views:
        if view.pdf_path is None:
            continue
        reads = [("body", art.lazy_source) for art in view.articles]
        page = Page(view.pdf_path, "print/issue.html", view.issue.language,
                    {"site": site, "view": view, "about_html": about_html}, values_alone=True)
        out.append((page, tuple(sorted(reads))))
    return out


@dataclass
class Printed:
    files: dict = field(default_factory=dict)
    built: int = 0
    deferred: int = 0
    kept: tuple[str, ...] = ()      # `--no-pdf`: the last build's PDFs, kept as they are …
    stale: tuple[str, ...] = ()     # … of which these were printed from content since changed


def print_pdfs(pub: Publication, views: tuple[IssueView, ...], about_html: str, report: Report, opts: Options,
               cache: BuildCache, assets: dict) -> Printed:
    """Each issue's PDF, printed again only when something it prints changed. `assets`:
    the output files so far, where the PDF finds the images and chart SVGs."""
    from generator.output.manifest import Existing
    if not pub.site.pdf.enabled:
        return Printed()
    if not opts.pdf:
        return keep_pdfs(pub, views, about_html, opts, cache) if opts.write else Printed()
    memo, done = cache.outputs, Printed()
    todo = []
    for page, reads in pdf_pages(pub.site, views, about_html):
        kept = memo.recall(page) if memo else None
        if kept is not None:
            done.files[page.path] = kept
        elif opts.defer_pdf and memo is not None:   # keep the old file; it is owed
            memo.owe(page)
            done.deferred += 1
            if (opts.out / page.path).is_file():
                done.files[page.path] = Existing(opts.out / page.path)
        else:
            todo.append((page, reads))
    if todo:
        from generator.pdf.render import render_issue_pdfs  # WeasyPrint is slow to import: only when needed
        printed = render_issue_pdfs(pub, tuple(page.values["view"] for page, _ in todo), report, assets)
        done.files.update(printed)
        done.built = len(todo)
        if memo is not None:
            for page, reads in todo:
                if page.path in printed:
                    memo.keep(page, reads)
    return done


def print_editions(editions: list[tuple[Publication, tuple[IssueView, ...], str]], report: Report, opts: Options,
                   cache: BuildCache, assets: dict) -> Printed:
    """`print_pdfs` for each language's edition of the site (its publication, views and `about`):
    each issue's PDF in each language it has articles in."""
    done = Printed()
    for pub, views, about_html in editions:
        one = print_pdfs(pub, views, about_html, report, opts, cache, assets)
        done.files.update(one.files)
        done.built, done.deferred = done.built + one.built, done.deferred + one.deferred
        done.kept, done.stale = done.kept + one.kept, done.stale + one.stale
    return done


def keep_pdfs(pub: Publication, views: tuple[IssueView, ...], about_html: str, opts: Options,
              cache: BuildCache) -> Printed:
    """`--no-pdf` prints nothing and removes nothing: the PDF of each issue the last output
    has is kept (its views link it: `has_pdf`), and named if its issue changed since."""
    from generator.output.manifest import Existing
    memo, done = cache.outputs, Printed()
    kept, stale = [], []
    for page, _ in pdf_pages(pub.site, views, about_html):
        current = memo.recall(page) if memo else None
        if current is None and memo is not None:
            memo.carry(page)        # its record too: the next build with PDFs knows it is out of date
        done.files[page.path] = current or Existing(opts.out / page.path)
        kept.append(page.path)
        if current is None:
            stale.append(page.path)
    done.kept, done.stale = tuple(kept), tuple(stale)
    return done


def has_pdf(opts: Options, site: Site) -> bool | Callable[[str], bool]:
    """Which issues' views link a PDF: all, when they are printed; with --no-pdf, those whose PDF
    the last output has (kept as it is)."""
    if not site.pdf.enabled or not (opts.pdf or opts.write):
        return False
    if opts.pdf:
        return True
    return lambda path: (opts.out / path).is_file()


def pdf_notes(done: Printed) -> list[str]:
    if not done.kept:
        return []
    if not done.stale:
        return [f"kept the last build's {len(done.kept)} PDF(s) (--no-pdf); each is up to date"]
    return [f"kept the last build's {len(done.kept)} PDF(s) (--no-pdf); older than their content, to be printed "
            f"again by a build without --no-pdf: {', '.join(done.stale)}"]
