"""The numbers of a Markdown table set as a CSV table sets them (figures/tables.py, the one home
of the rule): a column whose cells are all numbers (`1,718.83`, `-66%`, `1,342.84*`, or empty)
is right-aligned in tabular figures, its negatives carry the minus sign − and an estimate's `*`
hangs outside the digits. Decided on the token tree after the inline parse, written by a render
rule: nothing reads the finished HTML.

A cell holding anything but plain text (`**3**`, a link, a note's call) is not a number, and its
column is left as written."""
from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from generator.figures.data import parse_number
from generator.figures.tables import number_cell_html

CELL = "table_number"   # the token a number's cell holds: its text as written


def _cell_text(inline: Token) -> str | None:
    """The cell's text if it is plain text only, else None."""
    kids = inline.children or []
    if any(k.type != "text" for k in kids):
        return None
    return "".join(k.content for k in kids).strip()


def _table_cells(tokens: list[Token], start: int) -> tuple[list[tuple[int, int]], list[list[int]], int]:
    """From table_open at `start`: the head's cells as (column, token index), the body's inline
    tokens by column, and the index of table_close."""
    head: list[tuple[int, int]] = []
    body: list[list[int]] = []
    column, in_body, i = 0, False, start
    while tokens[i].type != "table_close":
        kind = tokens[i].type
        if kind == "tbody_open":
            in_body = True
        elif kind == "tr_open":
            column = 0
        elif kind in ("th_open", "td_open"):
            if in_body:
                body.extend([] for _ in range(column + 1 - len(body)))
                body[column].append(i + 1)   # the cell's inline token
            else:
                head.append((column, i))
            column += 1
        i += 1
    return head, body, i


def _number_columns(tokens: list[Token], body: list[list[int]]) -> set[int]:
    """Columns whose filled cells are all numbers, with at least one."""
    out = set()
    for column, cells in enumerate(body):
        texts = [_cell_text(tokens[i]) for i in cells]
        filled = [t for t in texts if t != ""]
        if filled and all(t is not None and parse_number(t) is not None for t in filled):
            out.add(column)
    return out


def mark_number_cells(state: StateCore) -> None:
    """Each number column's cells and heading get the class `num`; a cell's text becomes one
    `table_number` token (plain text readers take its content as they take a text's)."""
    tokens, i = state.tokens, 0
    while i < len(tokens):
        if tokens[i].type != "table_open":
            i += 1
            continue
        head, body, end = _table_cells(tokens, i)
        numbers = _number_columns(tokens, body)
        for column, at in head:
            if column in numbers:
                tokens[at].attrJoin("class", "num")
        for column in numbers:
            for at in body[column]:
                text = _cell_text(tokens[at]) or ""
                tokens[at - 1].attrJoin("class", "num")
                if text:   # `derived`: read once here, not again by each flavor's render
                    found = parse_number(text)
                    cell = Token(CELL, "", 0, content=text, meta={"derived": bool(found and found[2])})
                    tokens[at].children = [cell]
        i = end + 1


def _render_number(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    return number_cell_html(tokens[idx].content, tokens[idx].meta["derived"])


def use_table_cells(md: MarkdownIt) -> None:
    md.core.ruler.push("mark_number_cells", mark_number_cells)
    md.add_render_rule(CELL, _render_number)
