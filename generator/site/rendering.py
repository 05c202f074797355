"""Pages → bytes: each page's template rendered with its values, on every core."""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Union

from generator.errors import Report
from generator.incremental.keys import Read
from generator.incremental.parallel import map_chunks, worker_count
from generator.site.editions import finish_page
from generator.site.pages import Page
from generator.site.templates import (
    ThemeEnvironment,
    collapse_page_errors,
    compile_templates,
    page_context,
    render_template,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from generator.incremental.memo import OutputMemo
    from generator.output.manifest import Existing, Written
    from generator.output.writer import Staging

PageFile = Union[bytes, "Existing", "Written"]


def render_pages(env: ThemeEnvironment, pages: list[Page], site_url: str, report: Report,
                 memo: OutputMemo | None = None, staging: Staging | None = None,
                 jobs: int | None = None, meanwhile: Callable[[], object] | None = None,
                 ) -> tuple[dict[str, PageFile], tuple[str, ...]]:
    """{output path: page}, and the paths of those rendered. A page `memo` says is unchanged is
    the last output's file; the others are rendered, each worker writing its own pages
    into `staging` if there is one (only a token comes back). `meanwhile`: work of the
    caller's that this process does while the other cores start on the pages."""
    files: dict[str, PageFile] = {}
    todo = []
    for page in pages:
        kept = memo.recall(page) if memo else None
        if kept is not None:
            files[page.path] = kept
        else:
            todo.append(page)
    if todo:
        compile_templates(env, {p.template for p in todo})

    def render_chunk(chunk: list[Page]) -> tuple[dict[str, PageFile], dict[str, tuple[Read, ...]], Report]:
        out: dict[str, PageFile] = {}
        reads: dict[str, tuple[Read, ...]] = {}
        local = Report()
        for page in chunk:
            context = page_context(page.path, page.language, site_url, page.absolute, **page.values)
            html, reads[page.path] = render_template(env, page.template, context, local)
            if html is not None and page.finish:
                html, more = finish_page(page, html, partial(render_template, env, context=context, report=local),
                                         local)
                reads[page.path] = tuple(sorted({*reads[page.path], *more}))
            if html is not None:
                out[page.path] = staging.write_page(page.path, html) if staging else html
        return out, reads, local

    rendering = Report()
    by_path = {page.path: page for page in todo}
    for out, reads, local in map_chunks(render_chunk, todo, worker_count(len(todo), jobs), meanwhile):
        files.update(out)
        rendering.extend(local)
        if memo is not None:
            for path in out:
                memo.keep(by_path[path], reads[path])
    report.problems.extend(collapse_page_errors(rendering.problems))
    report.warnings.extend(rendering.warnings)
    return files, tuple(p.path for p in todo)
