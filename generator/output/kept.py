"""What a build keeps of the last output instead of making it again: with `--no-search`, the
last search index (with `--no-pdf`, the PDFs: pdf/pages.py `keep_pdfs`). Nothing the build
does not make is removed from the output but what is gone from the content.

Whether a kept file is still right is asked of the build's memo, as for any output: the
search index is recorded as an output of its own, keyed by the views and bodies it is made of.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.incremental.keys import Read
from generator.output.manifest import Existing, read_manifest
from generator.site import urls
from generator.site.pages import Page
from generator.site.search import INDEX  # the index's table: it names every other file of the index

if TYPE_CHECKING:
    from generator.content.settings import Site
    from generator.incremental.memo import OutputMemo
    from generator.site.views import IssueView

def search_index_page(site: Site, views: tuple[IssueView, ...]) -> tuple[Page, tuple[Read, ...]]:
    """The search index as an output: made of the views (titles, summaries, bylines, tags) and
    every article's body."""
    page = Page(urls.in_language(INDEX, site.lang_edition), "(search index)", site.language,
                {"issues": views, "sections": site.sections},
                values_alone=True)
    reads = {(kind, art.lazy_source) for view in views for art in view.articles for kind in ("body", "summary")}
    return page, tuple(sorted(reads))


def kept_search_index(out: Path, page: Page, memo: OutputMemo | None) -> tuple[dict[str, Existing], bool]:
    """The last output's search index (the .bin files under search/: the table, its shards and
    texts; not the page, nor a compressed copy of it), and whether it is made of the content as
    it is now."""
    manifest = read_manifest(out)
    folder = page.path.removesuffix(INDEX) + "search/"   # a language's edition has its own (en/search/)
    files = {rel: Existing(out / rel) for rel in (manifest.files if manifest else {})
             if rel.startswith(folder) and rel.endswith(".bin") and (out / rel).is_file()}
    if not files:
        return {}, True
    current = memo is not None and memo.recall(page) is not None
    if memo is not None and not current:
        memo.carry(page)   # the next build with search knows it is out of date
    return files, current


def search_note(current: bool) -> str:
    return "kept the last build's search index (--no-search); " + (
        "it is up to date" if current else
        "it is older than the content (a build without --no-search makes it again)")


def search_outputs(search: bool, out: Path, editions: list[tuple[Site, tuple[IssueView, ...]]], memo: OutputMemo,
                   notes: list[str]) -> dict[str, Existing | bytes]:
    """Each language's search index, made; with --no-search (`search` False) the last one
    kept as it is, and said in `notes`."""
    from generator.site.search import search_files
    files: dict[str, Existing | bytes] = {}
    stale = False
    for site, views in editions:
        page, reads = search_index_page(site, views)
        if search:
            memo.keep(page, reads)
            sections = site.sections
            files.update(search_files(views, tuple(s.key for s in sections), tuple(s.title for s in sections),
                                      urls.prefix(site.lang_edition)))
            continue
        kept, current = kept_search_index(out, page, memo)
        files.update(kept)
        stale = stale or bool(kept and not current)
    notes.extend([search_note(not stale)] if files and not search else [])
    return files
