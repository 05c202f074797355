"""```chart and ```table blocks: spec validation, located errors, the HTML, the chart cache, a real build."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.content.model import Issue
from generator.errors import Report
from generator.figures import fences as figures
from generator.markdown.flavors import web_flavor
from generator.markdown.parser import create_markdown
from generator.site.bodies import BodyContext, BodyJob, render_body
from tests.conftest import FIXTURE_SITE, ROOT

CEA = 'quarter,volume,close\n2023Q3,"5,055.38*",75.94\n2024Q2,"1,342.84*",n/a\n2024Q3,"1,718.83",99.48\n'
PILOTS = 'market,opened,volume_t\n深圳,2013-06-18,"1,234,567"\n上海,2013-11-26,"2,757,446"\n北京,2013-11-28,\n'
CHART = """\
type: bar
data: data/cea.csv
x: quarter
y: [volume]
title: 季度成交量 <全国>
unit: 万吨
caption: 数据来源：上海环境能源交易所
"""


class Harness:
    """A content tree and a fence handler, as render_body would make them."""

    def __init__(self, root: Path, language: str = "zh-CN", cache_writes: bool = True):
        folder = root / "issues" / "2024-q3"
        self.issue = Issue("2024-q3", folder.resolve(), "2024年第三季度", dt.date(2024, 10, 15), language,
                           (), None, False, "", None, ())
        self.md = folder / "market" / "cea-quarter.md"
        self.report = Report()
        self.files: dict[str, bytes] = {}
        page = "issues/2024-q3/market/cea-quarter/index.html"
        self.handler = figures.make_fence_handler(BodyContext(self.issue, self.md, page, self.report, self.emit),
                                                  root.parent / ".bulletin-cache" / "charts", cache_writes)
        self.flavor = web_flavor(page)

    def handle(self, info: str, content: str, line: int) -> str | None:
        """The block's HTML on the web page, as the body's render rule writes it."""
        figure = self.handler(info, content, line)
        return None if figure is None else figure.html(self.flavor)

    def emit(self, path: str, content: bytes) -> str:
        self.files[path] = content
        return path

    def problems(self) -> list[tuple[int, str]]:
        return [(p.line, p.message) for p in self.report.problems]


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "issues" / "2024-q3" / "data").mkdir(parents=True)
    (content / "data").mkdir()
    (content / "issues" / "2024-q3" / "data" / "cea.csv").write_text(CEA, "utf-8")
    (content / "issues" / "2024-q3" / "data" / "pilots.csv").write_text(PILOTS, "utf-8")
    (content / "data" / "quarters.csv").write_text("quarter,close\n2024Q2,90.44\n2024Q3,99.48\n", "utf-8")
    return content


def chart(root: Path, block: str, line: int = 10, **kw) -> tuple[str, Harness]:
    h = Harness(root, **kw)
    return h.handle("chart", textwrap.dedent(block), line), h


# --- spec validation: like front matter, located at the key's line -------------------------------

@pytest.mark.parametrize("block, expected", [
    (CHART + "titel: x\n", (18, "unknown field 'titel' in a chart block; did you mean 'title'?")),
    (CHART.replace("type: bar", "type: lines"), (11, "type: expected one of line, bar, stacked-bar, bar-line, "
                                                    "got 'lines'; did you mean 'line'?")),
    (CHART.replace("title: 季度成交量 <全国>\n", ""), (11, "missing required field 'title' in a chart block")),
    (CHART + "y2: [close]\n", (18, "y2: only type: bar-line has a right axis; put these columns in y")),
    (CHART.replace("type: bar", "type: bar-line"), (11, "type: bar-line needs y2: the columns drawn as lines "
                                                        "on the right axis")),
    (CHART + "labels: [a, b]\n", (18, "labels: 2 labels for 1 series (y, then y2)")),
    (CHART + "height: 50\n", (18, "height: expected centimetres from 4 to 20, got '50'")),
    (CHART + "colors: [teal]\n", (18, "colors: item 1: expected a colour like '#0f766e', got 'teal'")),
    (CHART + "unit: [万吨, 元/吨]\n", (18, "YAML syntax: key 'unit' appears twice")),
    (CHART.replace("unit: 万吨", "unit: [万吨, 元/吨]"), (16, "unit: one unit, or two for bar-line: "
                                                            "[left axis, right axis]")),
    (CHART.replace("y: [volume]", "y: [quarter]"),
     (14, 'y: column "quarter" is named twice (x, y and y2 must differ)')),
    ("", (11, "the chart block is empty; expected 'key: value' lines")),
    ("- a\n- b\n", (11, "the chart block must be 'key: value' lines, got a list")),
])
def test_chart_spec_errors(root: Path, block: str, expected: tuple[int, str]):
    html, h = chart(root, block)
    assert html == "" and not h.files
    assert h.problems() == [expected]


def test_table_spec_errors(root: Path):
    h = Harness(root)
    assert h.handle("table", "data: data/pilots.csv\ncolums: [market]\n", 20) == ""
    assert h.problems() == [(22, "unknown field 'colums' in a table block; did you mean 'columns'?")]


# --- data errors: at the fence line, every one of them --------------------------------------------

def test_bad_cells_and_unknown_columns_are_all_reported_at_the_fence(root: Path):
    html, h = chart(root, CHART.replace("type: bar", "type: bar-line").replace("y: [volume]", "y: [volum]")
                    + "y2: [close]\nhighlight: 2025Q1\n")
    assert html == ""
    assert h.problems() == [
        (10, 'data/cea.csv: no column "volum"; did you mean "volume"? (columns: quarter, volume, close)'),
        (10, "data/cea.csv: row 3, column \"close\": expected a number, got 'n/a'"),
        (10, 'highlight: no "2025Q1" in column "quarter" of data/cea.csv (values: 2023Q3, 2024Q2, 2024Q3)'),
    ]


@pytest.mark.parametrize("data, message", [
    ("data/missing.csv", "data/missing.csv: no such file in the issue folder 2024-q3/"),
    ("../../../../etc/passwd.csv", "data '../../../../etc/passwd.csv' points outside the content folder"),
])
def test_missing_and_outside_files(root: Path, data: str, message: str):
    html, h = chart(root, CHART.replace("data/cea.csv", data))
    assert html == "" and h.problems() == [(10, message)]


def test_a_column_of_empty_cells_is_an_error_not_an_empty_chart(root: Path):
    (root / "issues" / "2024-q3" / "data" / "x.csv").write_text("q,v,w\nA,,1\nB,,\n", "utf-8")
    html, h = chart(root, "type: bar\ndata: data/x.csv\nx: q\ny: [v, w]\ntitle: t\n")
    assert html == "" and not h.files
    assert h.problems() == [(10, 'chart: column "v" of data/x.csv has no numbers (every cell is empty)')]


def test_a_table_with_unknown_columns(root: Path):
    h = Harness(root)
    assert h.handle("table", "data: data/pilots.csv\ncolumns: [market, open, volume]\n", 5) == ""
    assert [m for _, m in h.problems()] == [
        'data/pilots.csv: no column "open"; did you mean "opened"? (columns: market, opened, volume_t)',
        'data/pilots.csv: no column "volume"; did you mean "volume_t"? (columns: market, opened, volume_t)']


def test_lines_through_the_markdown_renderer(root: Path):
    """The fence's line is the ``` line of the file: the body starts at line 5 here."""
    text = "第一段。\n\n```chart\n" + CHART + "nope: 1\n```\n"
    report = Report()
    md_path = root / "issues" / "2024-q3" / "market" / "cea-quarter.md"
    job = BodyJob(Harness(root).issue, md_path, text, 5, (web_flavor("issues/2024-q3/market/x/index.html"),),
                  "market-x")
    render_body(create_markdown(), job, figures.make_fence_handler, report)
    assert [(p.line, p.message) for p in report.problems] == [
        (15, "unknown field 'nope' in a chart block; allowed: type, data, x, y, y2, labels, x_label, title, unit, "
             "caption, colors, height, highlight, panels")]


# --- the HTML ---------------------------------------------------------------------------------------

def good_chart(root: Path, **kw) -> tuple[str, Harness]:
    (root / "issues" / "2024-q3" / "data" / "cea.csv").write_text(CEA.replace("n/a", "90.44"), "utf-8")
    return chart(root, CHART, **kw)


def test_chart_figure_caption_alt_and_data_table(root: Path):
    html, h = good_chart(root)
    assert not h.problems()
    assert list(h.files) == ["issues/2024-q3/market/cea-quarter/chart-1.svg",
                             "issues/2024-q3/market/cea-quarter/chart-1-phone.svg"]
    # title and unit open the figure, above the plot; the source closes it; the data table follows it
    assert html.startswith('<div class="chart-block">\n<figure class="chart">\n<figcaption><span class="chart-title">'
                           '季度成交量 &lt;全国&gt;</span> <span class="chart-unit">单位：万吨</span></figcaption>\n'
                           '<picture><source media="(max-width: 30rem)" srcset="chart-1-phone.svg" width="340" '
                           'height="283"><img src="chart-1.svg" alt="季度成交量 &lt;全国&gt;" width="605" height="283" '
                           'loading="lazy" decoding="async"></picture>\n')
    assert ('</picture>\n<p class="chart-notes"><span class="chart-caption">数据来源：上海环境能源交易所</span></p>\n'
            '</figure>\n<details class="chart-data"><summary>数据</summary>') in html
    assert html.endswith("</details>\n</div>\n")
    assert '<th scope="col" class="num">volume（万吨）</th>' in html
    # the estimate marker hangs outside the digits, so that they align with the row's neighbours
    assert '<tr><th scope="row">2023Q3</th><td class="num">5,055.38<span class="est">*</span></td></tr>' in html


def test_the_lead_chart_loads_at_once_the_others_when_scrolled_to(root: Path):
    """The first picture of an article is above the fold, often the page's largest paint."""
    (root / "issues" / "2024-q3" / "data" / "cea.csv").write_text(CEA.replace("n/a", "90.44"), "utf-8")
    h = Harness(root)
    figure = h.handler("chart", textwrap.dedent(CHART), 10)
    lead, other = figure.html(h.flavor, lead=True), figure.html(h.flavor)
    assert '<img src="chart-1.svg" alt="季度成交量 &lt;全国&gt;" width="605" height="283" fetchpriority="high">' in lead
    assert 'loading="lazy"' not in lead and 'loading="lazy"' in other and "fetchpriority" not in other


def test_english_labels(root: Path):
    html, _ = good_chart(root, language="en")
    assert "<summary>Data</summary>" in html and '<span class="chart-unit">Unit: 万吨</span>' in html


def test_publication_wide_data_and_right_axis_units(root: Path):
    html, h = chart(root, """\
        type: bar-line
        data: /data/quarters.csv
        x: quarter
        y: close
        y2: close2
        title: t
    """)
    assert html == "" and h.problems() == [
        (10, '/data/quarters.csv: no column "close2"; did you mean "close"? (columns: quarter, close)')]
    (root / "data" / "quarters.csv").write_text("quarter,volume,close\n2024Q2,\"9,413,642\",90.44\n", "utf-8")
    html, h = chart(root, "type: bar-line\ndata: /data/quarters.csv\nx: quarter\ny: volume\ny2: close\n"
                          "title: t\nunit: [吨, 元/吨]\n")
    assert not h.problems()
    assert '<span class="chart-unit">单位：万吨（左轴）；元/吨（右轴）</span>' in html   # as the axes show them
    assert '<th scope="col" class="num">volume（吨）</th>' in html                      # as the CSV holds them


def test_table_selects_orders_and_aligns(root: Path):
    h = Harness(root)
    html = h.handle("table", "data: data/pilots.csv\ncolumns: [market, volume_t, opened]\ncaption: 试点 & 开市\n", 3)
    assert not h.problems()
    assert html.startswith('<div class="table-scroll" role="region" tabindex="0" aria-label="试点 &amp; 开市">'
                           '<table class="data-table"><caption>试点 &amp; 开市</caption>')
    assert ('<thead><tr><th scope="col">market</th><th scope="col" class="num">volume_t</th>'
            '<th scope="col">opened</th></tr></thead>') in html
    assert '<tr><th scope="row">上海</th><td class="num">2,757,446</td><td>2013-11-26</td></tr>' in html
    assert '<tr><th scope="row">北京</th><td class="num"></td><td>2013-11-28</td></tr>' in html


def test_total_rows_are_the_tables_foot(root: Path):
    """issue 22 (7): a table's 合计 row looked like any other row."""
    h = Harness(root)
    html = h.handle("table", "data: data/pilots.csv\ntotal: last\n", 3)
    assert not h.problems()
    assert ('<tr><th scope="row">上海</th><td>2013-11-26</td><td class="num">2,757,446</td></tr>\n</tbody>'
            '<tfoot>\n<tr><th scope="row">北京</th><td>2013-11-28</td><td class="num"></td></tr>\n</tfoot></table>'
            ) in html
    both = Harness(root).handle("table", "data: data/pilots.csv\ntotal: [2, last]\n", 3)
    assert both.count("<tr>") == 4 and both.index("深圳") > both.index("<tfoot>") < both.index("北京")
    assert "<tfoot>" not in Harness(root).handle("table", "data: data/pilots.csv\n", 3)


@pytest.mark.parametrize("total, message", [
    ("[5]", "total: row 5 is not a row of data/pilots.csv (its rows are 2 to 4, as a spreadsheet numbers them: "
            "the header is row 1)"),
    ("1", "total: row 1 is not a row of data/pilots.csv"),
    ("lats", "total: expected last, a row number or a list of them (as a spreadsheet numbers rows: the header is "
             "row 1), got 'lats'"),
    ("[0]", "total: expected last, a row number or a list of them"),
])
def test_a_total_row_that_is_no_row_is_an_error(root: Path, total: str, message: str):
    h = Harness(root)
    assert h.handle("table", f"data: data/pilots.csv\ntotal: {total}\n", 7) == ""
    [(line, said)] = h.problems()
    assert line in (7, 9) and said.startswith(message), said


def test_a_tables_number_comes_before_its_caption_and_a_written_one_goes(root: Path):
    h = Harness(root)
    figure = h.handler("table", "data: data/pilots.csv\ncaption: 表3 八大试点\n", 3)
    html = figure.html(h.flavor, label="表1")
    assert '<caption><span class="figure-number">表1</span> 八大试点</caption>' in html
    assert 'aria-label="表1 八大试点"' in html


def test_other_fences_are_left_to_markdown(root: Path):
    assert Harness(root).handle("python", "print(1)\n", 1) is None


# --- the chart cache --------------------------------------------------------------------------------

def test_second_render_comes_from_the_cache(root: Path, monkeypatch):
    first, h1 = good_chart(root)
    cached = {p.read_bytes() for p in (root.parent / ".bulletin-cache" / "charts").glob("*.svg")}
    assert cached == {h1.files["issues/2024-q3/market/cea-quarter/chart-1.svg"],
                      h1.files["issues/2024-q3/market/cea-quarter/chart-1-phone.svg"]}

    def refuse(chart):
        raise AssertionError("drawn again")
    monkeypatch.setattr(figures, "render_svg", refuse)
    second, h2 = good_chart(root)
    assert second == first and h2.files == h1.files


def test_the_phone_copy_keeps_the_label_size_on_a_narrower_figure(root: Path):
    import re
    _, h = good_chart(root)
    files = h.files

    def width_pt(svg: bytes) -> float:
        return float(re.search(rb'<svg[^>]* width="([0-9.]+)pt"', svg).group(1))
    wide, phone = (files[f"issues/2024-q3/market/cea-quarter/chart-1{s}.svg"] for s in ("", "-phone"))
    assert round(width_pt(wide) / 72 * 2.54, 1) == 16.0 and round(width_pt(phone) / 72 * 2.54, 1) == 9.0


def test_cache_misses_when_the_data_changes(root: Path, monkeypatch):
    good_chart(root)
    data = root / "issues" / "2024-q3" / "data" / "cea.csv"
    drawn = []
    monkeypatch.setattr(figures, "render_svg", lambda c: drawn.append(c) or b"<svg/>")
    data.write_text(data.read_text("utf-8").replace("75.94", "76"), "utf-8")
    chart(root, CHART)
    assert drawn == []       # the key is what is drawn: a column the chart does not show changes nothing
    data.write_text(data.read_text("utf-8").replace("1,718.83", "1,718.84"), "utf-8")
    chart(root, CHART)
    assert [c.width_cm for c in drawn] == [16.0, 9.0]   # the page's copy and the phone's
    assert drawn[0].series[0].values == (5055.38, 1342.84, 1718.84)


def test_check_reads_but_never_writes_the_cache(root: Path):
    good_chart(root, cache_writes=False)
    assert not (root.parent / ".bulletin-cache").exists()


# --- a real build -----------------------------------------------------------------------------------

def test_built_page_has_the_figure_the_svg_and_the_tables(built_fixture: Path):
    page = built_fixture / "issues/2024-q3/market/cea-quarter"
    html = (page / "index.html").read_text("utf-8")
    assert '<figure class="chart">' in html and '<img src="chart-1.svg" alt="全国碳市场配额季度成交量与收盘价"' in html
    assert '<details class="chart-data"><summary>数据</summary>' in html
    assert ('<table class="data-table"><caption><span class="figure-number">表1</span> 试点碳市场开市时间</caption>'
            in html)
    assert (page / "chart-1.svg").read_bytes().startswith(b"<?xml") and (page / "chart-2.svg").is_file()


BUILD_TWICE = """
import sys
from pathlib import Path
from generator.build import Options, build
content = Path(sys.argv[1])
build(Options(content=content, out=content.parent / "out", pdf=False, search=False, jobs=1))
assert "matplotlib" in sys.modules, "the first build draws"
"""
REBUILD = """
import sys
from pathlib import Path
from generator.build import Options, build
content = Path(sys.argv[1])
result = build(Options(content=content, out=content.parent / "out", pdf=False, search=False, jobs=1))
assert result.rendered > 0, "the edited article's page was rendered again"
sys.exit(3 if any(m.startswith("matplotlib") for m in sys.modules) else 0)
"""


@pytest.mark.slow
def test_a_rebuild_draws_no_chart_and_never_imports_matplotlib(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    run = lambda code: subprocess.run([sys.executable, "-c", code, str(content)], cwd=ROOT,  # noqa: E731
                                      capture_output=True, text=True)
    first = run(BUILD_TWICE)
    assert first.returncode == 0, first.stderr
    article = content / "issues/2024-q3/market/cea-quarter.md"
    article.write_text(article.read_text("utf-8") + "\n新加的一段。\n", "utf-8")   # the body renders again
    second = run(REBUILD)
    assert second.returncode == 0, second.stderr
    svg = (tmp_path / "out/issues/2024-q3/market/cea-quarter/chart-1.svg").read_bytes()
    assert svg in [p.read_bytes() for p in (tmp_path / ".bulletin-cache/charts").glob("*.svg")]


def test_table_labels_name_the_header_cells(root: Path):
    h = Harness(root)
    html = h.handle("table", "data: data/pilots.csv\ncolumns: [market, opened]\nlabels: [试点, 开市时间]\n", 3)
    assert not h.problems()
    assert '<thead><tr><th scope="col">试点</th><th scope="col">开市时间</th></tr></thead>' in html


def test_table_labels_must_match_the_columns(root: Path):
    h = Harness(root)
    assert h.handle("table", "data: data/pilots.csv\ncolumns: [market, opened]\nlabels: [试点]\n", 3) == ""
    assert h.problems() == [(6, "labels: 1 labels for 2 columns")]


def test_x_label_heads_the_data_table(root: Path):
    html, h = chart(root, CHART + "x_label: 季度\n")
    assert not h.problems()
    assert '<thead><tr><th scope="col">季度</th>' in html


# --- what an editor writes in a chart is drawn as written, or refused where it is written ---------------

def test_dollars_in_labels_title_unit_and_categories_build(root: Path):
    """`$\\foo$` anywhere in a chart was 'bulletin: internal error (ValueError: …' over four lines."""
    from tests.figures.test_charts import drawn_texts
    (root / "issues" / "2024-q3" / "data" / "cea.csv").write_text("quarter,volume\n$\\foo$,1\nUS$5-$6,2\n", "utf-8")
    html, h = chart(root, """\
        type: bar
        data: data/cea.csv
        x: quarter
        y: volume
        labels: ['$\\foo$']
        title: 'US$5-$6 $\\foo$'
        unit: '$\\foo$/t'
    """)
    assert not h.problems()
    texts = drawn_texts(h.files["issues/2024-q3/market/cea-quarter/chart-1.svg"].decode())
    assert {"$\\foo$", "US$5-$6", "$\\foo$/t"} <= set(texts)
    assert "US$5-$6 $\\foo$" in html


def test_tabs_and_carriage_returns_in_chart_texts_are_spaces_and_line_breaks(root: Path):
    """A tab drew a box (no font has a glyph for it) and a matplotlib warning; a quoted cell saved on
    Windows holds \\r\\n."""
    from tests.figures.test_charts import drawn_texts
    (root / "issues" / "2024-q3" / "data" / "cea.csv").write_bytes(
        b'quarter,volume\r\n"2024\tQ2",1\r\n"2024\r\nQ3",2\r\n')
    _, h = chart(root, 'type: line\ndata: data/cea.csv\nx: quarter\ny: volume\ntitle: t\nunit: "万\\t吨"\n')
    assert not h.problems()
    texts = drawn_texts(h.files["issues/2024-q3/market/cea-quarter/chart-1.svg"].decode())
    assert {"2024 Q2", "Q3", "万 吨"} <= set(texts), sorted(texts)   # a text's lines: one comment each


def test_a_character_no_font_has_is_an_error_at_the_chart(root: Path):
    (root / "issues" / "2024-q3" / "data" / "cea.csv").write_text("quarter,volume\n上涨📈,1\nB\x80,2\n", "utf-8")
    html, h = chart(root, "type: bar\ndata: data/cea.csv\nx: quarter\ny: volume\ntitle: t\n")
    assert html == "" and len(h.problems()) == 1
    line, message = h.problems()[0]
    assert line == 10 and message.startswith("chart: '📈' (U+1F4C8) in '上涨📈' is in none of the chart's fonts")
    # a control XML can carry (what it cannot is taken out of the CSV with a warning)
    (root / "issues" / "2024-q3" / "data" / "cea.csv").write_text("quarter,volume\nA,1\nB\x80,2\n", "utf-8")
    _, h = chart(root, "type: bar\ndata: data/cea.csv\nx: quarter\ny: volume\ntitle: t\n")
    assert [m for _, m in h.problems()] == [
        "chart: U+0080 (an invisible character) in 'B\\x80' is in none of the chart's fonts (Noto Sans CJK SC, "
        "DejaVu Sans) and would be drawn as a box: write it another way"]


# --- long series ---------------------------------------------------------------------------------------

def long_csv(root: Path, rows: int) -> None:
    lines = ["day,close"] + [f"D{k:06d},{k % 97}{'*' if k == rows - 1 else ''}" for k in range(rows)]
    (root / "issues" / "2024-q3" / "data" / "long.csv").write_text("\n".join(lines) + "\n", "utf-8")


@pytest.mark.parametrize("kind", ["bar", "stacked-bar", "bar-line"])
def test_more_bars_than_a_chart_can_show_is_an_error_with_advice(root: Path, kind: str):
    long_csv(root, 501)
    extra = "y2: close2\n" if kind == "bar-line" else ""
    if kind == "bar-line":
        text = (root / "issues" / "2024-q3" / "data" / "long.csv").read_text("utf-8").splitlines()
        (root / "issues" / "2024-q3" / "data" / "long.csv").write_text(
            "\n".join([text[0] + ",close2"] + [f"{t},1" for t in text[1:]]) + "\n", "utf-8")
    html, h = chart(root, f"type: {kind}\ndata: data/long.csv\nx: day\ny: close\n{extra}title: t\n")
    assert html == "" and h.problems() == [(10, f"chart: type: {kind} draws at most 500 bars, the data has 501 rows: "
                                                "draw a long series as type: line, or sum its rows into fewer "
                                                "(weeks, months) in the CSV")]


def table_rows(html: str) -> list[str]:
    return [row.split("</th>")[0].rsplit(">", 1)[-1] for row in html.split("<tr>")[2:]]


def test_a_long_series_table_shows_its_first_and_last_rows_and_links_all_as_csv(root: Path):
    """200,000 rows made a page of megabytes; the table shows 200 of them, the CSV has all."""
    long_csv(root, 1_000)
    html, h = chart(root, "type: line\ndata: data/long.csv\nx: day\ny: close\ntitle: t\nunit: 元/吨\n")
    assert not h.problems()
    rows = table_rows(html)
    assert rows == [f"D{k:06d}" for k in (*range(100), *range(900, 1000))]
    assert ('<tr class="rows-omitted"><td colspan="2">其间 800 行未列出。'
            '<a href="chart-1.csv" download>下载全部 1,000 行（CSV）</a></td></tr>') in html
    data = h.files["issues/2024-q3/market/cea-quarter/chart-1.csv"]
    assert data.startswith("\ufeffday,close（元/吨）\r\nD000000,0\r\n".encode())    # a BOM: Excel reads it as UTF-8
    assert data.endswith(b"D000999,29*\r\n") and data.count(b"\r\n") == 1_001
    english, _ = chart(root, "type: line\ndata: data/long.csv\nx: day\ny: close\ntitle: t\n", language="en")
    assert ('<td colspan="2">800 rows not shown. <a href="chart-1.csv" download>Download all 1,000 rows (CSV)</a>'
            in english)


def test_a_table_of_500_rows_is_shown_whole_without_a_csv(root: Path):
    long_csv(root, 500)
    html, h = chart(root, "type: line\ndata: data/long.csv\nx: day\ny: close\ntitle: t\n")
    assert len(table_rows(html)) == 500 and "rows-omitted" not in html
    assert not [f for f in h.files if f.endswith(".csv")]

