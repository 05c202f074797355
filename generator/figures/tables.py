"""HTML tables: a ```table block, and the 数据 table under a chart, whose long series the
page shows by its ends, with the whole as a CSV beside the chart."""
from __future__ import annotations

import csv
import io
from html import escape

from generator.cjk import true_minus
from generator.figures.data import Column

TABLE_ROWS = 500    # a chart's data table shows up to this many rows whole (a year of days) …
SHOWN_ENDS = 100    # … a longer one its first and last this many: 200,000 rows were a page of 12 MB


def is_cut(rows: int) -> bool:
    return rows > TABLE_ROWS


def table_csv(columns: list[Column], headers: list[str]) -> bytes:
    """The table whole, cells as written: UTF-8 with a byte-order mark, which Excel and WPS need to
    read Chinese, and CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(zip(*(c.texts for c in columns), strict=True))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_html(rows: tuple[int, ...], columns: list[Column], headers: list[str] | tuple[str, ...],
               caption: str | None, label: str, table_class: str = "", cut_note: str | None = None,
               foot: tuple[int, ...] = (), number: str = "") -> str:
    """Cells exactly as the CSV wrote them; numbers right-aligned; a first text column heads its row.
    `table_class`: wide or very-wide on paper (see `Flavor.table_class`). `cut_note` (HTML): only the
    first and last SHOWN_ENDS rows are shown, this note in a row between them. `foot`: the rows (by
    index) set apart at the end as the table's foot (totals). `number`: 表2, before the caption."""
    row_heads = len(columns) > 1 and columns[0].kind in ("text", "date")
    num = [' class="num"' if c.kind == "number" else "" for c in columns]
    head = "".join(f'<th scope="col"{n}>{escape(h)}</th>' for n, h in zip(num, headers, strict=False))
    count = len(rows)
    shown = [*range(SHOWN_ENDS), *range(count - SHOWN_ENDS, count)] if cut_note is not None else range(count)
    body = []
    for i, r in enumerate(shown):
        if cut_note is not None and i == SHOWN_ENDS:
            body.append(f'<tr class="rows-omitted"><td colspan="{len(columns)}">{cut_note}</td></tr>')
        if r not in foot:
            body.append(_row(columns, r, row_heads, num))
    tail = "<tfoot>\n" + "\n".join(_row(columns, r, row_heads, num) for r in foot) + "\n</tfoot>" if foot else ""
    named = f'<span class="figure-number">{escape(number)}</span>' + (" " if caption else "") if number else ""
    cap = f"<caption>{named}{escape(caption or '')}</caption>" if caption or number else ""
    classes = f"{table_class} data-table" if table_class else "data-table"
    aria = " ".join(x for x in (number, caption or ("" if number else label)) if x)
    return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(aria)}">'
            f'<table class="{classes}">{cap}<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(body) + f"\n</tbody>{tail}</table></div>\n")


def _row(columns: list[Column], r: int, row_heads: bool, num: list[str]) -> str:
    cells = [_cell(c, r) for c in columns]
    first = f'<th scope="row">{cells[0]}</th>' if row_heads else f"<td{num[0]}>{cells[0]}</td>"
    rest = "".join(f"<td{n}>{v}</td>" for n, v in zip(num[1:], cells[1:], strict=True))
    return "<tr>" + first + rest + "</tr>"


def _cell(column: Column, r: int) -> str:
    text = column.texts[r]
    return number_cell_html(text, column.derived[r]) if column.kind == "number" else escape(text)


def number_cell_html(text: str, derived: bool) -> str:
    """A number's cell, in a CSV table or a Markdown one (markdown/table_cells.py): the minus sign
    for a hyphen (−66%), and an estimate's marker in a box of no width
    (`714,254<span class="est">*</span>`), so the digits of a column stay aligned."""
    text = true_minus(text)
    if derived and text.endswith("*"):
        return f'{escape(text[:-1])}<span class="est">*</span>'
    return escape(text)
