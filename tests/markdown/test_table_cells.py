"""Markdown tables set their numbers as CSV tables do (issue 23): the minus sign, the estimate's
`*` hung outside the digits, number columns right-aligned; from the token tree, in every flavor."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from generator.figures.data import Column, parse_table
from generator.figures.tables import table_html
from generator.markdown.flavors import feed_flavor, print_flavor, render_flavors, web_flavor
from generator.markdown.parser import create_markdown, parse_body
from generator.markdown.text import plain_text
from tests.conftest import ROOT

FIXTURE = (ROOT / "tests" / "fixtures" / "markdown" / "number-tables.md").read_text("utf-8")
MD = create_markdown()
PAGE = "issues/2024-q3/market/a/index.html"
FLAVORS = (web_flavor(PAGE), feed_flavor(PAGE, "https://example.org/"),
           print_flavor(PAGE, "https://example.org/", "a-"))


class Cells(HTMLParser):
    """Every td and th: (tag, class, inner HTML as written)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.cells: list[tuple[str, str, str]] = []
        self._open: list | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self._open = [tag, dict(attrs).get("class") or "", ""]
        elif self._open is not None:
            self._open[2] += self.get_starttag_text()

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._open is not None:
            self.cells.append(tuple(self._open))
            self._open = None
        elif self._open is not None:
            self._open[2] += f"</{tag}>"

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data


def cells(html: str) -> list[tuple[str, str, str]]:
    found = Cells()
    found.feed(html)
    return found.cells


@pytest.mark.parametrize("flavor", FLAVORS, ids=["web", "feed", "print"])
def test_a_markdown_tables_numbers_are_set_as_a_csv_tables(flavor):
    tokens, env = parse_body(MD, FIXTURE)
    html = render_flavors(MD, tokens, env, (flavor,))[0]
    got = cells(html)
    head, rows = got[:4], got[4:16]
    assert [c[1] for c in head] == ["", "num", "num", ""]
    assert rows[1] == ("td", "num", '1,342.84<span class="est">*</span>')
    assert rows[2] == ("td", "num", "\u221266%")
    assert rows[5:7] == [("td", "num", "857.1"), ("td", "num", "+12.5%")]
    assert rows[9][:2] == ("td", "num") and rows[9][2] == ""   # an empty cell of a number column
    assert rows[10] == ("td", "num", "\u22120.4%")
    # a text column is left as written: its date keeps its hyphen, bold stays bold
    assert "2024-07" in rows[3][2] and rows[3][1] == ""
    assert rows[7][2] == "<strong>最多</strong>"
    # a column with a cell that is not plain text (**4**) is not a number column
    second = got[16:]
    assert all(c[1] == "" for c in second), second


def test_the_markdown_cell_is_the_csv_cell():
    """One rule, in figures/tables.py: the same text makes the same cell in either table."""
    csv = parse_table("试点,成交量\n湖北,\"1,342.84*\"\n北京,-66%\n", "x.csv")
    csv_cells = cells(table_html(csv.rows, list(csv.columns), ["试点", "成交量"], None, "x"))
    md_cells = cells(MD.render("| 试点 | 成交量 |\n|---|---|\n| 湖北 | 1,342.84* |\n| 北京 | -66% |\n"))
    assert [c[1:] for c in csv_cells if c[1] == "num"] == [c[1:] for c in md_cells if c[1] == "num"]
    assert isinstance(csv.columns[1], Column) and len([c for c in md_cells if c[1] == "num"]) == 3


def test_plain_text_keeps_the_numbers_as_written():
    """The email's text part and the search index read the cell's text, not its HTML."""
    text = plain_text(parse_body(MD, FIXTURE)[0])
    assert "1,342.84*" in text and "-66%" in text and "857.1" in text
