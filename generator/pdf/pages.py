"""Each issue's PDF as an output of the site: the print template and what it is given.

The print document shows every body of its issue, so its reads are known without
rendering it: they are declared here, and the PDF is printed again when any changes.
"""
from __future__ import annotations

from generator.content.model import Site
from generator.incremental.keys import Read
from generator.site.pages import Page
from generator.site.views import IssueView


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
