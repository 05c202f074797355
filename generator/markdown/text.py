"""A parsed body as plain text, for the email's text part: written from the token tree for
people who read plain text (paragraphs, list marks, links with their address, numbered
notes), not HTML with its tags stripped."""
from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token

from generator.markdown.flavors import Flavor

_BLOCK_ENDS = ("paragraph_close", "heading_close", "fence", "code_block", "hr", "table_close")


def plain_text(tokens: Sequence[Token], flavor: Flavor | None = None) -> str:
    """Blocks apart by one blank line; links as `text <address>` (whole, with `flavor`'s base)."""
    blocks: list[tuple[int, str]] = []   # (list depth, text)
    marks: list[str] = []       # the mark of each list a block is in: "- " or a number
    line = ""
    for tok in tokens:
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            marks.append("- " if kind == "bullet_list_open" else str(int(tok.attrGet("start") or 1)))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            marks.pop()
        elif kind == "list_item_open":
            line = _item_mark(marks)
        elif kind == "inline":
            line += inline_text(tok.children or [], flavor)
        elif kind == "footnote_anchor":
            continue
        elif kind == "footnote_open":
            line = f"[{tok.meta['id'] + 1}] "
        elif kind == "fence":
            line += _figure_text(tok)
        elif kind == "tr_close":
            line += "\n"
        elif kind in ("th_open", "td_open") and line and not line.endswith("\n"):
            line += " | "
        if kind in _BLOCK_ENDS and line.strip():
            blocks.append((len(marks), "  " * max(len(marks) - 1, 0) + line.strip()))
            line = ""
    # items of a list on lines of their own, other blocks a blank line apart
    return "".join(("\n" if depth and i and blocks[i - 1][0] else "\n\n" if i else "") + text
                   for i, (depth, text) in enumerate(blocks))


def _item_mark(marks: list[str]) -> str:
    if not marks:
        return ""
    if marks[-1] == "- ":
        return "- "
    number = int(marks[-1])
    marks[-1] = str(number + 1)
    return f"{number}. "


def inline_text(children: Sequence[Token], flavor: Flavor | None = None) -> str:
    out: list[str] = []
    href = ""
    start = 0
    for tok in children:
        if tok.type in ("text", "code_inline", "table_number"):   # table_cells.py: a number's cell
            out.append(tok.content)
        elif tok.type == "softbreak":
            out.append(" ")
        elif tok.type == "hardbreak":
            out.append("\n")
        elif tok.type == "image":
            out.append(f"[{tok.content}]" if tok.content else "")
        elif tok.type == "footnote_ref":
            out.append(f"[{tok.meta['id'] + 1}]")
        elif tok.type == "link_open":
            href, start = str(tok.attrGet("href") or ""), len(out)
        elif tok.type == "link_close" and href:
            shown = "".join(out[start:])
            address = flavor.link(href) if flavor else href
            if shown not in (href, address, href.removeprefix("mailto:")):
                out.append(f" <{address}>")
            href = ""
    return "".join(out)


def _figure_text(tok: Token) -> str:
    """A chart or table block: its title or caption in brackets (the picture is in the HTML part)."""
    figure = tok.meta.get("figure")
    spec = getattr(figure, "spec", None)
    name = getattr(spec, "title", None) or getattr(spec, "caption", None)
    return f"[{name}]" if name else ""
