"""Markdown: the one home of parser options (no raw HTML, safe link schemes, CJK line breaks,
CJK-friendly emphasis).

Built like markdown-it-py itself: a parser plus a few small named rules.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from generator.cjk import is_cjk, joins_lines
from generator.markdown.blocks import BlockParser
from generator.markdown.emphasis import CjkInlineParser
from generator.markdown.figures import use_figures
from generator.markdown.flavors import Figure, use_flavors
from generator.markdown.notes import use_notes
from generator.markdown.table_cells import use_table_cells

SAFE_SCHEMES = ("http:", "https:", "mailto:")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


@dataclass(frozen=True)
class Hooks:
    """What a document may ask of the build while it is parsed (charts, tables, images):
    asked once a parse, however many flavors are rendered from it."""

    fence: Callable[[str, str, int], Figure | None]   # (info, content, line) → a figure, or None: code
    image: Callable[[str, int], str]     # (src, line) → output path (site-root relative), "" if none
    problem: Callable[[int, str, bool], None] | None = None   # (line, message, is an error)


def is_safe_link(url: str) -> bool:
    """Only http, https, mailto and relative links; javascript:, data:, vbscript: never."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url).lower()
    match = _SCHEME.match(cleaned)
    return match is None or cleaned.startswith(SAFE_SCHEMES)


def heading_slug(text: str) -> str:
    """Heading anchors keep Chinese (HTML ids may be any text), drop punctuation."""
    slug = re.sub(r"[^\w\u3400-\u9fff-]+", "-", text.strip().lower()).strip("-")
    return slug or "section"


def _visible_char(kids: list[Token], start: int, step: int) -> str:
    """The first character a reader sees from kids[start] on (step -1: the last before).
    Markup such as ** or [ ] shows nothing, so it is looked through; anything else
    without text (a line break, an image) ends the search."""
    i = start
    while 0 <= i < len(kids):
        tok = kids[i]
        if tok.content:
            return tok.content[-1] if step < 0 else tok.content[0]
        # an empty text is a joined line break; a footnote mark sits on its word (甲[^1] 乙)
        if tok.nesting == 0 and tok.type not in ("text", "footnote_ref"):
            return ""
        i += step
    return ""


def _join_cjk_lines(state: StateCore) -> None:
    """A soft line break between two Chinese characters must not become a space,
    even with bold, a link or code on either side."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        kids = block.children
        for i, tok in enumerate(kids):
            if tok.type != "softbreak":
                continue
            before, after = _visible_char(kids, i - 1, -1), _visible_char(kids, i + 1, 1)
            if before and after and joins_lines(before, after):
                tok.type, tok.tag = "text", ""
                tok.content = ""


_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_NOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")


def _check_footnotes(state: StateCore) -> None:
    """A note referred to but never written, or written twice, would print wrong (the
    [^2] as text; only the second note): errors. A note never referred to is dropped:
    a warning. Runs before text_join, while an escaped \\[ is still a token of its own."""
    hooks: Hooks | None = state.env.get("hooks")
    if hooks is None or hooks.problem is None or "[^" not in state.src:
        return
    first, code = state.env.get("first_line", 1), _code_lines(state.tokens)
    seen: dict[str, int] = {}
    for number, line in enumerate(state.src.split("\n")):
        found = _NOTE_DEF.match(line) if number not in code else None
        if found and found.group(1) in seen:
            hooks.problem(first + number, f"footnote [^{found.group(1)}] is written twice (also on line "
                                          f"{first + seen[found.group(1)]}); only the last one is printed", True)
        elif found:
            seen[found.group(1)] = number
    refs = state.env.get("footnotes", {}).get("refs", {})
    for label, number in seen.items():
        if refs.get(f":{label}") == -1:
            hooks.problem(first + number, f"footnote [^{label}] is never referred to in the text, so it is not shown",
                          False)
    _check_references(state, hooks.problem, first)


def _code_lines(tokens: list[Token]) -> set[int]:
    """Lines of fenced and indented code: a '[^1]:' there is an example, not a note."""
    return {n for tok in tokens if tok.type in ("fence", "code_block") and tok.map for n in range(*tok.map)}


def _check_references(state: StateCore, problem: Callable[[int, str, bool], None], first: int) -> None:
    """A [^x] left as text (a link's address aside) found no note."""
    for block in state.tokens:
        if block.type == "inline" and block.map and block.children:
            line, in_link = first + block.map[0], 0
            for tok in block.children:
                line += tok.type in ("softbreak", "hardbreak")
                in_link += (tok.type == "link_open") - (tok.type == "link_close")
                for label in _NOTE_REF.findall(tok.content) if tok.type == "text" and not in_link else ():
                    problem(line, f"footnote [^{label}] has no note: add a line '[^{label}]: …' below the text", True)


def _check_nesting(state: StateCore) -> None:
    """Past maxNesting markdown-it reads nothing more inside a quote or list item (deeper,
    Python's recursion would give out): such a container is empty, and that is said."""
    hooks: Hooks | None = state.env.get("hooks")
    limit = state.md.options["maxNesting"]
    if hooks is None or hooks.problem is None or len(state.tokens) < limit:
        return
    for tok, after in zip(state.tokens, state.tokens[1:], strict=False):
        if tok.nesting == 1 and tok.level >= limit - 1 and after.nesting == -1 and tok.map:
            hooks.problem(state.env.get("first_line", 1) + tok.map[0],
                          f"quotes and lists are nested more than {limit} levels deep here (a list counts two); "
                          "what is inside is left out: nest them less", True)
            return


def _resolve_images(state: StateCore) -> None:
    """Each image asks the build for its file, once: the flavors only write its URL.
    Inline tokens carry no line, so it is counted here (before line breaks are joined)."""
    hooks: Hooks | None = state.env.get("hooks")
    if hooks is None or "![" not in state.src:
        return
    first = state.env.get("first_line", 1)
    for block in state.tokens:
        if block.type == "inline" and block.children:
            line = first + (block.map[0] if block.map else 0)
            for tok in block.children:
                line += tok.type in ("softbreak", "hardbreak")
                if tok.type == "image":
                    _resolve_image(hooks, tok, line)


def _resolve_image(hooks: Hooks, tok: Token, line: int) -> None:
    tok.meta["path"] = hooks.image(str(tok.attrGet("src") or ""), line)
    if hooks.problem is not None and not tok.content.strip():
        hooks.problem(line, "an image has no alt text: describe it inside ![…](…) for readers who "
                            "cannot see it", False)


def _prepare_figures(state: StateCore) -> None:
    """```chart and ```table blocks read their data and draw their charts here, once."""
    hooks: Hooks | None = state.env.get("hooks")
    if hooks is None:
        return
    for tok in state.tokens:
        info = tok.info.strip().split(" ")[0] if tok.type == "fence" and tok.info else ""
        if info in ("chart", "table"):
            figure = hooks.fence(info, tok.content, state.env.get("first_line", 1) + (tok.map[0] if tok.map else 0))
            if figure is not None:
                tok.meta["figure"] = figure


def _mark_lead_picture(state: StateCore) -> None:
    """The document's first image or chart is above the fold, often the page's largest
    paint: it is fetched at once and first, the others when scrolled to."""
    for tok in state.tokens:
        figure = tok.meta.get("figure") if tok.type == "fence" else None
        if figure is not None and figure.picture:
            tok.meta["lead"] = True
            return
        for kid in tok.children or () if tok.type == "inline" else ():
            if kid.type == "image":
                kid.meta["lead"] = True
                return


def create_markdown() -> MarkdownIt:
    # maxNesting 20 silently dropped the text of lists and quotes nested past ~9 levels;
    # xhtmlOut off: pages are HTML, where `<br />` is an error-prone no-op (the Nu checker says so)
    options = {"html": False, "xhtmlOut": False, "linkify": False, "typographer": False, "maxNesting": 100}
    md = MarkdownIt("commonmark", options)
    md.inline = CjkInlineParser()
    md.block = BlockParser()
    md.configure("commonmark", options)   # apply the preset's rule choice to the new parsers
    md.enable("table")
    md.disable(["html_block", "html_inline"])   # with "html" off they only ever decline
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=3, slug_func=heading_slug)
    md.validateLink = is_safe_link  # type: ignore[method-assign]  # markdown-it's documented way
    md.core.ruler.push("check_nesting", _check_nesting)
    md.core.ruler.push("resolve_images", _resolve_images)  # before joining: counts line breaks
    md.core.ruler.push("prepare_figures", _prepare_figures)
    md.core.ruler.push("mark_lead_picture", _mark_lead_picture)
    md.core.ruler.before("text_join", "check_footnotes", _check_footnotes)
    use_figures(md)   # numbers and attributions: before Chinese line breaks are joined
    md.core.ruler.push("join_cjk_lines", _join_cjk_lines)
    use_flavors(md)
    use_notes(md)
    use_table_cells(md)
    return md


def render_markdown(md: MarkdownIt, text: str, hooks: Hooks | None = None, first_line: int = 1,
                    doc_id: str | None = None, language: str = "zh-CN") -> str:
    return render_with_summary(md, text, hooks, first_line, doc_id, language)[0]


def render_with_summary(md: MarkdownIt, text: str, hooks: Hooks | None = None, first_line: int = 1,
                        doc_id: str | None = None, language: str = "zh-CN") -> tuple[str, str]:
    """HTML (URLs as written: no flavor) and a plain summary from one parse."""
    tokens, env = parse_body(md, text, hooks, first_line, doc_id, language)
    return md.renderer.render(tokens, md.options, env), summary_of(tokens)


def parse_body(md: MarkdownIt, text: str, hooks: Hooks | None = None, first_line: int = 1,
               doc_id: str | None = None, language: str = "zh-CN") -> tuple[list[Token], dict]:
    """Tokens and env to render in any flavor (`flavors.render_flavors`). `doc_id` prefixes
    footnote ids, so many articles can share one page; `language` is the text's (labels
    for readers)."""
    env = {"hooks": hooks, "first_line": first_line, "language": language}
    if doc_id:
        env["docId"] = doc_id
    return md.parse(text, env), env


def plain_summary(md: MarkdownIt, text: str, limit: int = 120) -> str:
    """First paragraph as plain text, for lists and feeds when the editor gave no summary."""
    return summary_of(md.parse(text, {}), limit)


def summary_of(tokens: list[Token], limit: int = 120) -> str:
    """The first paragraph as plain text, cut to `limit` characters. A line break that is
    still one here is a space (join_cjk_lines took out those between Chinese characters)."""
    for i, tok in enumerate(tokens):
        if tok.type == "paragraph_open" and i + 1 < len(tokens):
            inline = tokens[i + 1]
            plain = "".join(" " if c.type in ("softbreak", "hardbreak") else c.content
                            for c in (inline.children or [])
                            if c.type in ("text", "code_inline", "softbreak", "hardbreak")
                            and not c.content.startswith("[^"))
            plain = re.sub(r"\s+", " ", plain).strip()
            if plain:
                return clip_text(plain, limit)
    return ""


_TRAILING = " ,;:，；：、"


def clip_text(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with "…", between words where it is Latin text
    (Chinese may be cut after any character); a single endless word is cut anyway."""
    if len(text) <= limit:
        return text
    end = limit - 1
    while end > 0 and _inside_word(text[end - 1], text[end]):
        end -= 1
    return (text[:end] if end else text[:limit - 1]).rstrip(_TRAILING) + "…"


def _inside_word(before: str, after: str) -> bool:
    def wordy(ch: str) -> bool:
        return (ch.isalnum() or ch in "'’") and not is_cjk(ch)
    return wordy(before) and wordy(after)


WIDE_BLOCKS = {"table_open", "fence", "code_block"}


def has_wide_block(tokens: list[Token]) -> bool:
    """A table, a fenced block (a chart, a table from a CSV, code) or an image: a body that
    is set on a whole page's measure when its neighbours are set in columns."""
    return any(tok.type in WIDE_BLOCKS or any(c.type == "image" for c in tok.children or ()) for tok in tokens)
