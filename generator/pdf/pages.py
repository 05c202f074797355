"""Each issue's PDF as an output of the site: the print template and what it is given.

The print document shows every body of its issue, so its reads are known without
rendering it: they are declared here, and the PDF is printed again when any changes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.content.model import Publication, Site
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
                    {"site": site, "view": view, "about_html": about_html})
        out.append((page, tuple(sorted(reads))))
    return out


@dataclass
class Printed:
    files: dict = field(default_factory=dict)
    built: int = 0
    deferred: int = 0


def print_pdfs(pub: Publication, views: tuple[IssueView, ...], about_html: str, report: Report, opts: Options,
               cache: BuildCache, assets: dict) -> Printed:
    """Each issue's PDF, printed again only when something it prints changed. `assets`:
    the output files so far, where the PDF finds the images and chart SVGs."""
    from generator.output.manifest import Existing
    if not (opts.pdf and pub.site.pdf.enabled):
        return Printed()
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
