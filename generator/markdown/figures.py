"""Figures, tables and quotations in a body: numbered once at parse time, written per flavor.

- An image alone in its paragraph is a figure: `<figure>` with its title as `<figcaption>`.
- Figures (such images and ```chart blocks) are numbered 图1, 图2 … and tables (```table blocks
  and Markdown tables) 表1 … per body, in the order they come (Figure/Table in English): the
  same numbers on the web page, in the feed and in the PDF, which all render one parse.
- A blockquote's last line that starts with —— (or "— ") is its attribution, a `<footer>`.

The numbers are put on the tokens by a core rule (`number_figures`); the render rules here and
the figures' own `html` (figures/fences.py) only write them.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from generator.i18n import FIGURE_LABELS, interface_language

# A number the editor wrote before a caption ("图1 …", "表 2：…", "Figure 3. …"): the build numbers
# figures itself, so it is left out rather than printed twice.
WRITTEN_NUMBER = re.compile(r"^\s*(?:图|表|Fig(?:ure)?\.?|Table)\s*\d+\s*[.:：、．]?\s*", re.IGNORECASE)
ATTRIBUTION = ("——", "— ")


def strip_number(caption: str) -> str:
    """`caption` without a number its writer put before it."""
    return WRITTEN_NUMBER.sub("", caption, count=1)


def figure_label(kind: str, number: int, language: str) -> str:
    """图3 / 表2 / Figure 3 / Table 2."""
    return FIGURE_LABELS[interface_language(language)][f"{kind}_n"].format(n=number)


def lone_image(tokens: Sequence[Token], i: int) -> Token | None:
    """The image of a paragraph that holds nothing else (at tokens[i], a paragraph_open)."""
    if tokens[i].hidden or i + 2 >= len(tokens) or tokens[i + 2].type != "paragraph_close":
        return None
    kids = [k for k in tokens[i + 1].children or () if not (k.type == "text" and not k.content.strip())]
    return kids[0] if len(kids) == 1 and kids[0].type == "image" else None


def number_figures(state: StateCore) -> None:
    """图n for each figure, 表n for each table, in the order they come; footnotes aside."""
    language = state.env.get("language", "zh-CN")
    count = {"figure": 0, "table": 0}

    def label(tok: Token, kind: str) -> None:
        count[kind] += 1
        tok.meta["label"] = figure_label(kind, count[kind], language)

    tokens = state.tokens
    for i, tok in enumerate(tokens):
        if tok.type == "footnote_block_open":
            break
        if tok.type == "fence" and (kind := getattr(tok.meta.get("figure"), "numbered", None)):
            label(tok, kind)
        elif tok.type == "table_open":
            label(tok, "table")
        elif tok.type == "paragraph_open" and (image := lone_image(tokens, i)) is not None:
            label(tok, "figure")
            tok.meta["image"] = tokens[i + 2].meta["image"] = image
            image.meta["figure"] = True   # its title is the caption, not a tooltip too


def mark_attributions(state: StateCore) -> None:
    """A blockquote's last line starting with —— is its attribution: its own paragraph, marked.
    Runs before Chinese line breaks are joined, while the line break is still one."""
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "blockquote_close" and i >= 3 and tokens[i - 1].type == "paragraph_close" \
                and tokens[i - 1].level == tok.level + 1 and tokens[i - 3].type == "paragraph_open":
            i += _attribute(tokens, i - 3)
        i += 1


def _attribute(tokens: list[Token], at: int) -> int:
    """Mark or split the paragraph at tokens[at]; the number of tokens added."""
    inline = tokens[at + 1]
    kids = inline.children or []
    breaks = [n for n, kid in enumerate(kids) if kid.type in ("softbreak", "hardbreak")]
    start = breaks[-1] + 1 if breaks else 0
    first = next((k.content for k in kids[start:] if k.content), "")
    if not first.lstrip().startswith(ATTRIBUTION):
        return 0
    if start == 0:   # a paragraph of its own, not the quotation's only one
        if tokens[at - 1].type != "blockquote_open":
            tokens[at].meta["attribution"] = tokens[at + 2].meta["attribution"] = True
        return 0
    head, tail = kids[:start - 1], kids[start:]
    inline.children = head
    level = tokens[at].level
    opening, closing = Token("paragraph_open", "p", 1), Token("paragraph_close", "p", -1)
    opening.level = closing.level = level
    opening.meta["attribution"] = closing.meta["attribution"] = True
    line = Token("inline", "", 0)
    line.level, line.children, line.content = level + 1, tail, "".join(k.content for k in tail)
    line.map = inline.map
    tokens[at + 3:at + 3] = [opening, line, closing]
    return 3


def _render_paragraph_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options, env) -> str:
    meta = tokens[idx].meta
    if meta.get("attribution"):
        return '<footer class="attribution">'
    if "image" in meta:
        return '<figure class="image">\n'
    return self.renderToken(tokens, idx, options, env)


def _render_paragraph_close(self: RendererHTML, tokens: Sequence[Token], idx: int, options, env) -> str:
    meta = tokens[idx].meta
    if meta.get("attribution"):
        return "</footer>\n"
    image = meta.get("image")
    if image is None:
        return self.renderToken(tokens, idx, options, env)
    opening = tokens[idx - 2].meta
    caption = strip_number(str(image.attrGet("title") or ""))
    return f"\n<figcaption>{number_html(opening['label'])}{' ' + escape(caption) if caption else ''}</figcaption>\n" \
           "</figure>\n"


def number_html(label: str) -> str:
    return f'<span class="figure-number">{escape(label)}</span>'


def use_figures(md: MarkdownIt) -> None:
    """The rules: after the figures are prepared, before line breaks are joined (a Markdown
    table's caption is written by the flavors' table rule)."""
    md.core.ruler.push("number_figures", number_figures)
    md.core.ruler.push("mark_attributions", mark_attributions)
    md.add_render_rule("paragraph_open", _render_paragraph_open)
    md.add_render_rule("paragraph_close", _render_paragraph_close)
