"""The CSV reader: numbers as the bulletin writes them, typed columns, and one message per problem."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.figures.data import DataError, Table, locate, parse_cell, parse_number, parse_table, read_table
from tests.conftest import ROOT

DATA = ROOT / "tests" / "fixtures" / "data"


def load(name: str) -> Table:
    return read_table(DATA / name, f"data/{name}")


def messages(exc: pytest.ExceptionInfo) -> list[str]:
    return list(exc.value.messages)


@pytest.mark.parametrize("text, value, percent, derived", [
    ("1,718.83", 1718.83, False, False),
    ("158,063.23", 158063.23, False, False),
    ("-66%", -66.0, True, False),
    ("+28%", 28.0, True, False),
    ("\u22125", -5.0, False, False),          # a typographic minus from a word processor
    ("1,342.5*", 1342.5, False, True),
    ("99.48", 99.48, False, False),
    ("0", 0.0, False, False),
])
def test_numbers_as_the_bulletin_writes_them(text, value, percent, derived):
    assert parse_number(text) == (value, percent, derived)


@pytest.mark.parametrize("text", ["n/a", "1,71", "1.2.3", "12%%", "１２３", "12万吨", "—", "-", "1,7180", ".5", "1e3"])
def test_not_numbers(text):
    assert parse_number(text) is None


def test_cells_empty_date_and_text():
    assert parse_cell("").value is None
    assert parse_cell("2024-09-30").value == dt.date(2024, 9, 30)
    assert parse_cell("2024-02-30").value is None        # not a real day: text
    assert parse_cell("上海").value is None and parse_cell("上海").text == "上海"


def test_good_file_bom_types_missing_and_blank_rows():
    table = load("good.csv")
    assert [c.name for c in table.columns] == ["日期", "市场", "成交量", "同比", "备注"]   # no BOM in the name
    assert [c.kind for c in table.columns] == ["date", "text", "number", "number", "text"]
    assert table.rows == (2, 3, 4)                      # blank and all-empty rows skipped
    assert table.numbers("成交量") == (2757446.0, None, 1342.5)
    assert table.column("成交量").derived[2] and table.column("成交量").texts[2] == "1,342.5*"
    assert table.column("同比").percent and table.numbers("同比") == (-66.0, 12.5, -5.0)


def test_empty_column_kind():
    table = parse_table("a,b\n1,\n2,\n", "data/t.csv")
    assert table.column("b").kind == "empty" and table.numbers("b") == (None, None)


BAD_CELLS = [
    ("bad-text.csv", "close", ["data/bad-text.csv: row 7, column \"close\": expected a number, got 'n/a'"]),
    ("bad-thousands.csv", "volume", ["data/bad-thousands.csv: row 2, column \"volume\": expected a number, "
                                     "got '1,71' (thousands separators go every three digits: 1,718.83)"]),
    ("bad-unit.csv", "volume", ["data/bad-unit.csv: row 2, column \"volume\": expected a number, "
                                "got '12万吨' (put the unit in the chart's unit:, not in the cells)"]),
    ("bad-fullwidth.csv", "volume", ["data/bad-fullwidth.csv: row 2, column \"volume\": expected a number, "
                                     "got '１２３' (use half-width digits, commas and points: 1,718.83)"]),
    ("bad-symbols.csv", "volume", ["data/bad-symbols.csv: row 2, column \"volume\": expected a number, got '—'",
                                   "data/bad-symbols.csv: row 3, column \"volume\": expected a number, got '1.2.3'",
                                   "data/bad-symbols.csv: row 4, column \"volume\": expected a number, got '12%%'"]),
    ("bad-many.csv", "volume", [f"data/bad-many.csv: row {r}, column \"volume\": expected a number, got 'bad{r - 1}'"
                                for r in range(2, 7)]
     + ["data/bad-many.csv: column \"volume\": 2 more cells are not numbers a chart can draw"]),
]


@pytest.mark.parametrize("name, column, expected", BAD_CELLS, ids=[b[0] for b in BAD_CELLS])
def test_each_bad_cell_kind_names_file_row_and_column(name, column, expected):
    with pytest.raises(DataError) as exc:
        load(name).numbers(column)
    assert messages(exc) == expected


BAD_FILES = [
    ("empty.csv", "data/empty.csv: the file is empty; expected a header row, then one row per data point"),
    ("bom-only.csv", "data/bom-only.csv: the file is empty; expected a header row, then one row per data point"),
    ("header-only.csv", "data/header-only.csv: only a header row (row 1); no data rows"),
    ("ragged-long.csv", "data/ragged-long.csv: row 3 has 4 cells, the header has 2 "
                        "(a number with a thousands comma must be in quotes: \"1,718.83\")"),
    ("ragged-short.csv", "data/ragged-short.csv: row 3 has 2 cells, the header has 3"),
    ("duplicate-header.csv", "data/duplicate-header.csv: the header names column \"market\" twice"),
    ("unnamed-column.csv", "data/unnamed-column.csv: column 2 has no name in the header row"),
    ("gbk.csv", "data/gbk.csv: not UTF-8 text (byte 1); a spreadsheet saved it as GBK or similar: "
                "save it again as 'CSV UTF-8'"),
    ("bad-quote.csv", "data/bad-quote.csv: row 2: not valid CSV (unexpected end of data)"),
]


@pytest.mark.parametrize("name, expected", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files(name, expected):
    with pytest.raises(DataError) as exc:
        load(name)
    assert messages(exc) == [expected]


def test_unknown_column_suggests_and_lists():
    with pytest.raises(DataError) as exc:
        load("bad-text.csv").column("closing")
    assert messages(exc) == [
        'data/bad-text.csv: no column "closing"; did you mean "close"? (columns: quarter, volume, close)']


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "issues" / "2024-q3" / "data").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "issues" / "2024-q3" / "data" / "cea_quarterly.csv").write_text("a\n1\n", "utf-8")
    (root / "data" / "cea_quarters.csv").write_text("a\n1\n", "utf-8")
    (tmp_path / "secret.csv").write_text("a\n1\n", "utf-8")
    return root


def test_locate_issue_and_publication_data(tree: Path):
    issue = tree / "issues" / "2024-q3"
    assert locate("data/cea_quarterly.csv", issue, tree) == (issue / "data" / "cea_quarterly.csv").resolve()
    assert locate("/data/cea_quarters.csv", issue, tree) == (tree / "data" / "cea_quarters.csv").resolve()


@pytest.mark.parametrize("name, expected", [
    ("data/cea_quartely.csv",
     "data/cea_quartely.csv: no such file in the issue folder 2024-q3/; did you mean cea_quarterly.csv?"),
    ("/data/nothing.csv", "/data/nothing.csv: no such file in the content folder"),
    ("../../../secret.csv", "data '../../../secret.csv' points outside the content folder"),
    ("/../secret.csv", "data '/../secret.csv' points outside the content folder"),
    ("data/volume.xlsx", "data: 'data/volume.xlsx' is not a .csv file (in a spreadsheet: save as 'CSV UTF-8')"),
    ("https://example.org/x.csv", "data 'https://example.org/x.csv' is a URL, not a file inside the content folder"),
])
def test_locate_refuses(tree: Path, name: str, expected: str):
    with pytest.raises(DataError) as exc:
        locate(name, tree / "issues" / "2024-q3", tree)
    assert messages(exc) == [expected]


def test_symlink_out_of_the_tree_is_refused(tree: Path):
    link = tree / "issues" / "2024-q3" / "data" / "link.csv"
    link.symlink_to(tree.parent / "secret.csv")
    with pytest.raises(DataError, match="points outside the content folder"):
        locate("data/link.csv", tree / "issues" / "2024-q3", tree)


def test_numbers_too_large_to_chart_name_row_and_column():
    """A 400-digit cell read as inf: exit 0, four matplotlib warnings, its bar missing. Up to 10^15
    (as written, before 万/亿) a chart draws; beyond, the cell is an error like any other bad cell."""
    digits = "1" + "0" * 399
    table = parse_table(f'q,v\nA,{digits}\nB,"999,999,999,999,999.9"\nC,-1e15\nD,"-1,000,000,000,000,000"\n'
                        f"E,1000000000000000*\nF,5\n", "data/x.csv")
    with pytest.raises(DataError) as exc:
        table.numbers("v")
    assert messages(exc) == [
        "data/x.csv: row 2, column \"v\": 1000000000…0000000000 (400 digits) is too large to chart: charts draw "
        "numbers below 1,000,000,000,000,000 (10^15); give the values in a larger unit (万吨, 亿元) in unit:",
        "data/x.csv: row 4, column \"v\": expected a number, got '-1e15'",
        "data/x.csv: row 5, column \"v\": -1,000,000,000,000,000 is too large to chart: charts draw "
        "numbers below 1,000,000,000,000,000 (10^15); give the values in a larger unit (万吨, 亿元) in unit:",
        "data/x.csv: row 6, column \"v\": 1000000000000000* is too large to chart: charts draw "
        "numbers below 1,000,000,000,000,000 (10^15); give the values in a larger unit (万吨, 亿元) in unit:",
    ]
    assert table.column("v").texts[0] == digits     # a table shows the cell as written


def test_a_tiny_number_is_a_number():
    assert parse_table("q,v\nA,0." + "0" * 400 + "1\n", "data/x.csv").numbers("v") == (0.0,)


def test_a_large_file_is_parsed_once_and_again_when_edited(tmp_path: Path):
    """The PDF parses the bodies again. A large table is kept by its text (never its name or time),
    so the second read is the first's table."""
    csv = tmp_path / "long.csv"
    note = "长" * 40   # wide rows: a large file of few cells, read fast
    csv.write_text("day,close,note\n" + "".join(f"D{k:06d},{k % 97}.5,{note}\n" for k in range(2_000)), "utf-8")
    assert csv.stat().st_size >= 256 * 1024
    first = read_table(csv, "data/long.csv")
    assert read_table(csv, "data/long.csv") is first
    csv.write_text(csv.read_text("utf-8").replace("D000000,0.5", "D000000,1.5"), "utf-8")   # same size
    edited = read_table(csv, "data/long.csv")
    assert edited is not first and edited.numbers("close")[0] == 1.5
    small = DATA / "good.csv"
    assert read_table(small, "data/good.csv") is not read_table(small, "data/good.csv")   # small: nothing kept
