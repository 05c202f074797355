"""The bodies as the PDF prints them: parsed again from their Markdown and written in the
print flavor (absolute URLs, ids prefixed for the one document all bodies share,
footnotes at the page foot, wide tables in smaller type).

The web rendering already reported every problem of a body: this parse reports into
a throwaway Report. It does note which files each body shows, so that the `Gate`
can name the article when it refuses one.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path

from markdown_it.token import Token

from generator.content.model import Article, Issue
from generator.content.settings import Site
from generator.errors import Report
from generator.markdown.flavors import print_flavor, render_flavors
from generator.markdown.parser import create_markdown, parse_body
from generator.pdf.document import Gate
from generator.site import urls
from generator.site.bodies import BodyJob, FenceFactory, Rendered, article_doc_id, render_body


class BodyPrinter:
    """One Markdown parser and chart handler for every issue's bodies. `made`: the build's
    files; the charts are among them and are not drawn again."""

    def __init__(self, site: Site, made: Mapping[str, bytes | Path]) -> None:
        from generator.figures.fences import make_fence_handler
        self.md = create_markdown()
        self.site = site
        self.fences: FenceFactory = partial(make_fence_handler, cache_writes=False, made=made)

    def article(self, issue: Issue, a: Article, id_prefix: str, gate: Gate) -> Rendered:
        return self._body(issue, a.source.path, a.body, a.source.body_line, urls.article_path(a),
                          article_doc_id(a), id_prefix, gate)

    def intro(self, issue: Issue, gate: Gate) -> str:
        if issue.intro_source is None:
            return ""
        return self._body(issue, issue.intro_source.path, issue.intro, 1, urls.issue_path(issue), "intro",
                          "intro-", gate).html

    def about(self, gate: Gate) -> str:
        """site.yml's `about`: no charts, images named from the site root."""
        flavor = print_flavor("index.html", self.site.base_url, "about-")
        tokens, env = parse_body(self.md, self.site.about, language=self.site.language)
        for src in _image_sources(tokens):
            gate.origins.setdefault(flavor.link(src), self.site.root / "site.yml")
        return render_flavors(self.md, tokens, env, (flavor,))[0]

    def _body(self, issue: Issue, path: Path, text: str, first_line: int, page_path: str, doc_id: str,
              id_prefix: str, gate: Gate) -> Rendered:
        flavor = print_flavor(page_path, self.site.base_url, id_prefix)
        done = render_body(self.md, BodyJob(issue, path, text, first_line, (flavor,), doc_id), self.fences, Report())
        for out_path, _ in done.files:   # images and charts
            gate.origins.setdefault(flavor.url(out_path), path)
        return done


def _image_sources(tokens: list[Token]) -> Iterator[str]:
    for block in tokens:
        for tok in block.children or ():
            if tok.type == "image":
                yield str(tok.attrGet("src") or "")
