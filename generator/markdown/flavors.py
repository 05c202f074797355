"""Flavors: one parsed body rendered for several readers (the web page, the feed, the PDF,
the email and WeChat editions).

A parse does everything with side effects once (charts drawn, images found, problems
reported: see `parser.py`); what differs between readers is only how the HTML is
written, so each flavor is one more pass of the renderer over the same tokens, with
the flavor in `env`. The render rules here are the only place links, ids and wide
tables are decided: nothing rewrites the finished HTML.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol
from urllib.parse import quote, urljoin

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from generator.markdown.figures import number_html
from generator.site.urls import absolute_url, relative_url

WIDE, VERY_WIDE = 7, 11   # columns: from here type gets smaller on paper (print.css)


@dataclass(frozen=True)
class Flavor:
    """How one reader is shown a body.

    `page_path`: the output page the body is on, relative to the site root.
    `base_url`: None, URLs relative to the page (the site works from any folder);
    a URL, every URL absolute (a feed reader, WeasyPrint).
    `id_prefix`: put before every id, for a document holding many bodies (the PDF);
    a #fragment then stays in that document, without one it points at the page.
    `print`: footnotes where they are called, wide tables in smaller type.
    `edition`: "email" or "wechat", a copy read outside the site (always with a `base_url`):
    charts as PNG, no ids and no links within the text (notes are numbered, not linked); in
    "wechat" no link at all, each one a numbered reference listed at the end (WeChat removes them).
    """

    page_path: str
    base_url: str | None = None
    id_prefix: str = ""
    print: bool = False
    edition: str = ""
    sets_type: bool = True   # False: the text as CommonMark writes it (no flavor asked for)

    @property
    def styled(self) -> bool:
        """Read with the theme's stylesheet (the web page, paper): the text may carry classes
        that set it (typeset.py), and a note's call is glued to its word."""
        return self.sets_type and (self.print or (self.base_url is None and not self.edition))

    @property
    def kind(self) -> str:
        """Who reads it: "web", "feed", "paper", "email" or "wechat"."""
        return "paper" if self.print else self.edition or ("feed" if self.base_url else "web")

    @property
    def page_url(self) -> str:
        """The page as it is published (a folder's index.html is the folder)."""
        return absolute_url(self.base_url or "", self.page_path)

    def url(self, path: str) -> str:
        """URL of an output file (site-root relative: issues/q/images/a.png); "" stays ""."""
        if not path:
            return ""
        if self.base_url is None:
            return quote(relative_url(path, self.page_path))
        return self.base_url + quote(path)

    def link(self, href: str) -> str:
        """A URL as the Markdown wrote it, relative to the page."""
        if href.startswith("#") and (self.id_prefix or self.base_url is None):
            return "#" + self.id_prefix + href[1:]
        if self.base_url is None or not href:
            return href
        return urljoin(self.page_url, href)

    def table_class(self, columns: int) -> str:
        """On the web a wide table scrolls sideways; on paper its right-hand columns would
        be cut off: tables with many columns get smaller type (print.css)."""
        if not self.print:
            return ""
        return "very-wide" if columns >= VERY_WIDE else "wide" if columns >= WIDE else ""


def web_flavor(page_path: str) -> Flavor:
    return Flavor(page_path)


def feed_flavor(page_path: str, base_url: str) -> Flavor:
    return Flavor(page_path, base_url)


def print_flavor(page_path: str, base_url: str, id_prefix: str) -> Flavor:
    return Flavor(page_path, base_url, id_prefix, print=True)


def email_flavor(page_path: str, base_url: str) -> Flavor:
    return Flavor(page_path, base_url, edition="email")


def wechat_flavor(page_path: str, base_url: str) -> Flavor:
    return Flavor(page_path, base_url, edition="wechat")


class Figure(Protocol):
    """What a ```chart or ```table block became at parse time: only its HTML is left to write.
    `picture`: it shows an image (a chart), which may be the document's lead picture. `numbered`:
    "figure" or "table", how it is counted (markdown/figures.py), None if it is not. `label`: its
    number as the reader sees it (图2)."""

    picture: ClassVar[bool]
    numbered: ClassVar[str | None]

    def html(self, flavor: Flavor, lead: bool = False, label: str = "") -> str: ...


def render_flavors(md: MarkdownIt, tokens: Sequence[Token], env: dict, flavors: Sequence[Flavor]) -> tuple[str, ...]:
    """The same tokens written once per flavor. On paper the notes are at the foot of the
    page where they are called, so the endnote block (always last) is left out. In WeChat
    the links become references, listed after everything else."""
    notes_at = next((i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), len(tokens))
    out = []
    for f in flavors:
        local = {**env, "flavor": f, "references": {}}
        html = md.renderer.render(tokens[:notes_at] if f.print else tokens, md.options, local)
        out.append(html + references_html(local["references"], env.get("language", "zh-CN")))
    return tuple(out)


def references_html(references: dict[str, int], language: str) -> str:
    """The 参考链接 list: each address as text, numbered as the text calls it."""
    if not references:
        return ""
    from generator.i18n import labels_for
    items = "".join(f'<li><span class="ref-number">[{n}]</span> <span class="ref-url">{escapeHtml(url)}</span></li>'
                    for url, n in references.items())
    return (f'<section class="references"><h2 class="references-title">{labels_for(language)["references"]}</h2>'
            f'<ol class="references-list">{items}</ol></section>\n')


_AS_WRITTEN = Flavor("index.html", sets_type=False)   # no flavor asked for: URLs as written, ids as made


def flavor_of(env: dict) -> Flavor:
    return env.get("flavor") or _AS_WRITTEN


def render_as(self: RendererHTML, tokens: Sequence[Token], idx: int, token: Token, options, env) -> str:
    """Render `token` in the place of tokens[idx]: markdown-it looks at the neighbours
    for line breaks, and the parsed tokens must stay as they are for the next flavor."""
    start = max(idx - 1, 0)
    window = [*tokens[start:idx], token, *tokens[idx + 1:idx + 2]]
    return self.renderToken(window, idx - start, options, env)


def _render_heading_open(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    tok, flavor = tokens[idx], flavor_of(env)
    if flavor.edition and tok.attrGet("id") is not None:   # nothing links to it there
        return render_as(self, tokens, idx, tok.copy(attrs={k: v for k, v in tok.attrs.items() if k != "id"}),
                         options, env)
    if not flavor.id_prefix or tok.attrGet("id") is None:
        return self.renderToken(tokens, idx, options, env)
    moved = tok.copy(attrs={**tok.attrs, "id": flavor.id_prefix + str(tok.attrs["id"])})
    return render_as(self, tokens, idx, moved, options, env)


def _render_link_open(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    tok = tokens[idx]
    href = str(tok.attrGet("href") or "")
    if flavor_of(env).edition == "wechat":
        return ""   # the reference follows the link's text (_render_link_close)
    linked = flavor_of(env).link(href)
    if linked == href:
        return self.renderToken(tokens, idx, options, env)
    return render_as(self, tokens, idx, tok.copy(attrs={**tok.attrs, "href": linked}), options, env)


def _render_link_close(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    """In WeChat a link is its text and a reference number, [1], numbered in the order the
    addresses first appear; a link that shows its own address needs none."""
    if flavor_of(env).edition != "wechat":
        return self.renderToken(tokens, idx, options, env)
    start = _link_start(tokens, idx)
    href = str(tokens[start].attrGet("href") or "")
    shown = "".join(t.content for t in tokens[start + 1:idx] if t.type in ("text", "code_inline"))
    if not href or shown in (href, href.removeprefix("mailto:")):
        return ""
    url = flavor_of(env).link(href)
    refs: dict[str, int] = env.setdefault("references", {})
    number = refs.setdefault(url, len(refs) + 1)
    return f'<sup class="ref">[{number}]</sup>'


def _link_start(tokens: Sequence[Token], idx: int) -> int:
    """The link_open that tokens[idx], a link_close, closes (links do not nest)."""
    i = idx - 1
    while i > 0 and tokens[i].type != "link_open":
        i -= 1
    return i


def _render_image(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    """An image the build found has its output path in meta (parser.py); any other keeps
    its address as written."""
    tok, flavor = tokens[idx], flavor_of(env)
    if flavor.edition and str(tok.meta.get("path", "")).lower().endswith(".svg"):
        return _unshown_svg(self, tokens, idx, options, env)
    src = flavor.url(tok.meta["path"]) if "path" in tok.meta else flavor.link(str(tok.attrGet("src") or ""))
    loading = {"fetchpriority": "high"} if tok.meta.get("lead") else {"loading": "lazy"}
    attrs = {key: value for key, value in tok.attrs.items() if not (key == "title" and tok.meta.get("figure"))}
    shown = tok.copy(attrs={**attrs, "src": src, **loading})
    return RendererHTML.image(self, [shown], 0, options, env)


def _unshown_svg(self: RendererHTML, tokens: Sequence[Token], idx: int, options, env) -> str:
    """Mail programs and WeChat show no SVG: its description, and where the picture is."""
    from generator.i18n import labels_for
    alt = self.renderInlineAsText(tokens[idx].children or [], options, env)
    note = labels_for(env.get("language", "zh-CN"))["image_on_web"]
    return f'<span class="image-note">[{escapeHtml(alt)}{" · " if alt else ""}{note}]</span>'


def _render_table_open(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    """Wide tables get smaller type on paper; a table's number (figures.py) is its caption."""
    tok = tokens[idx]
    kind = flavor_of(env).table_class(_columns(tokens, idx))
    if not kind:
        html = self.renderToken(tokens, idx, options, env)
    else:
        classes = f"{kind} {tok.attrs['class']}" if tok.attrGet("class") else kind
        html = render_as(self, tokens, idx, tok.copy(attrs={**tok.attrs, "class": classes}), options, env)
    label = tok.meta.get("label")
    return f"{html}<caption>{number_html(label)}</caption>\n" if label else html


def _columns(tokens: Sequence[Token], idx: int) -> int:
    """Cells in the table's first row."""
    count = 0
    for tok in tokens[idx + 1:]:
        if tok.type == "tr_close":
            break
        count += tok.type in ("th_open", "td_open")
    return count


def _render_fence(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    figure: Figure | None = tokens[idx].meta.get("figure")
    if figure is not None:
        meta = tokens[idx].meta
        return figure.html(flavor_of(env), lead=meta.get("lead", False), label=meta.get("label", ""))
    return RendererHTML.fence(self, tokens, idx, options, env)


def use_flavors(md: MarkdownIt) -> None:
    """The render rules that read the flavor from env (the footnotes' are in notes.py)."""
    md.add_render_rule("heading_open", _render_heading_open)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("link_close", _render_link_close)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("fence", _render_fence)
