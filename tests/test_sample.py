"""The sample issue (content/): the real 2024 Q3 quarterly builds cleanly, every
seed item is an article in its section, and the seed's figures reach the web
pages and the PDF. The golden sample site of the suite."""
from __future__ import annotations

import os
import re
import shutil
import struct
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, SAMPLE, run_cli

pytestmark = pytest.mark.slow   # the whole sample issue, with its PDF

ISSUE = "issues/2024-q3"
PDF = f"{ISSUE}/tan-qiao-2024-q3.pdf"
COUNTS = {"policy": 17, "local": 18, "international": 6, "market": 3, "frontier": 11, "essays": 3}
# No line of Chinese text may start with closing punctuation (GB/T 15834 line-breaking rules).
NO_LINE_START = "，。、；：？！）」》’”"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "out"
    done = run_cli("build", "--content", str(SAMPLE), "--out", str(out), "--no-search")
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr, done.stderr      # the sample is clean even for --strict
    return out


@pytest.fixture(scope="module")
def pdf_pages(sample: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(sample / PDF).pages]


def test_sample_passes_strict_check():
    done = run_cli("check", "--strict", "--content", str(SAMPLE))
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("section, count", COUNTS.items())
def test_every_seed_item_is_an_article_in_its_section(sample: Path, section: str, count: int):
    pages = [p for p in (sample / ISSUE / section).glob("*/index.html")]
    assert len(pages) == count
    sources = sorted(f for f in (SAMPLE / ISSUE / section).glob("*.md") if not f.name.endswith(".en.md"))
    assert len(sources) == count
    assert all(re.match(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$", f.name) for f in sources)


EN_COUNTS = {"international": 6, "essays": 3}   # the briefs in English, and the essays' abstracts


@pytest.mark.parametrize("section, count", EN_COUNTS.items())
def test_the_english_edition_has_its_translations(sample: Path, section: str, count: int):
    pages = sorted(p.parent.name for p in (sample / "en" / ISSUE / section).glob("*/index.html"))
    assert pages == sorted(p.parent.name for p in (sample / ISSUE / section).glob("*/index.html"))
    assert len(pages) == count
    assert not (sample / "en" / ISSUE / "policy").exists()     # no English policy brief: no English page


@pytest.mark.parametrize("page, figure", [
    ("international/bezero-aaa-dac", "158 tonnes of carbon credits, of\nwhich 156 tonnes"),
    ("international/vcmi-scope3-consultation", "up to 50% of the claim"),
    ("international/singapore-carbon-alliance", "offset up to 5% of their taxable emissions"),
    ("international/net-zero-tracker", "1,186 cities of over 500,000 people"),
    ("international/cambodia-climate-plan", "(2024–2033)"),
])
def test_seed_figures_on_the_english_pages(sample: Path, page: str, figure: str):
    text = (sample / "en" / ISSUE / page / "index.html").read_text("utf-8")
    text = re.sub(r'</?span(?: class="(?:nw|pc)")?>', "", text)   # as read, the typesetting's spans aside
    assert " ".join(figure.split()) in " ".join(text.split())


def test_the_english_issue_has_its_intro_highlights_and_pdf(sample: Path):
    page = (sample / "en" / ISSUE / "index.html").read_text("utf-8")
    assert 'lang="en"' in page and "Introduction" in page and "Third Plenary Session" in page
    assert "Carbon labels, a new way to steer green, low-carbon consumption" in page
    assert '49 more articles of this issue are in <span lang="zh-CN">中文</span> only' in page
    assert PdfReader(sample / "en" / ISSUE / "carbon-bridge-2024-q3.en.pdf").trailer["/Root"]["/Lang"] == "en"


def test_briefs_show_date_and_source(sample: Path):
    page = (sample / ISSUE / "policy/procurement-footprint/index.html").read_text()
    assert "2024年7月4日" in page and "国务院" in page


@pytest.mark.parametrize("page, figure", [
    ("market/national-carbon-market", "1,718.83万吨"),
    ("market/national-carbon-market", "99.48元/吨"),
    ("market/pilot-carbon-markets", "9,413,642吨"),
    ("market/ccer-market", "4,612,408吨"),
    ("market/ccer-market", "33个CCER项目"),
])
def test_seed_figures_on_the_built_pages(sample: Path, page: str, figure: str):
    html = (sample / ISSUE / page / "index.html").read_text()
    assert figure in re.sub(r'</?span(?: class="(?:nw|pc)")?>', "", html)   # as read, the typesetting's spans aside


def test_market_articles_have_charts_and_marked_derived_values(sample: Path):
    page = (sample / ISSUE / "market/national-carbon-market/index.html").read_text()
    assert page.count('<figure class="chart">') == 2
    assert (sample / ISSUE / "market/national-carbon-market/chart-1.svg").read_bytes().startswith(b"<?xml")
    assert '5,055.38<span class="est">*</span>' in page and "推算值" in page
    assert '<td class="num">\u221266%</td>' in page      # a negative change with the minus sign


def test_price_and_volume_are_two_small_charts_side_by_side(sample: Path):
    """Issue 23: no right axis; the volume's bars beside the close's line, each titled with its unit."""
    from tests.figures.test_panels import plot_boxes
    svg = (sample / ISSUE / "market/national-carbon-market/chart-1.svg").read_text("utf-8")
    volume, close = plot_boxes(svg)
    assert volume[2] < close[0]
    assert "<!-- 成交量（万吨） -->" in svg and "<!-- 季末收盘价（元/吨） -->" in svg
    top, bottom = plot_boxes((sample / ISSUE / "market/national-carbon-market/chart-1-phone.svg").read_text("utf-8"))
    assert top[3] < bottom[1]


def test_the_english_snapshot_is_in_english(sample: Path):
    english = (sample / "en" / ISSUE / "index.html").read_text("utf-8")
    snapshot = re.search(r'<section class="snapshot".*?</section>', english, re.S).group(0)
    assert "<dt>Quarter-end close</dt>" in snapshot and "yuan/t" in snapshot and "QoQ +10%" in snapshot
    assert not re.search(r"[\u4e00-\u9fff]", snapshot), snapshot
    chinese = (sample / ISSUE / "index.html").read_text("utf-8")
    assert "<dt>季末收盘价</dt>" in chinese and "环比 +10%" in chinese


def test_essays_keep_their_references_as_footnotes(sample: Path):
    page = (sample / ISSUE / "essays/pilot-markets/index.html").read_text()
    assert 'class="footnotes"' in page and "https://www.mee.gov.cn/" in page
    assert "沈剑涛" in page and "摘要" in page


def test_issue_page_lists_highlights_and_all_sections_in_order(sample: Path):
    page = (sample / ISSUE / "index.html").read_text()
    positions = [page.index(t) for t in ("国家政策", "地方动态", "国际关注", "市场动态", "低碳前沿", "环保桥观察")]
    assert positions == sorted(positions)
    assert "引导绿色低碳消费的新机遇——碳标签" in page and "tan-qiao-2024-q3.pdf" in page


def test_pdf_has_the_seed_figures_as_searchable_text(pdf_pages: list[str]):
    text = "".join(pdf_pages).replace("\n", "")
    for figure in ("1,718.83万吨", "99.48元/吨", "9,413,642吨", "4,612,408吨"):
        assert figure in text


def test_pdf_lines_never_start_with_closing_punctuation(pdf_pages: list[str]):
    lines = [line.strip() for page in pdf_pages for line in page.splitlines() if line.strip()]
    assert len(lines) > 800
    bad = [line for line in lines if line[0] in NO_LINE_START]
    assert not bad, bad[:5]


def test_pdf_toc_fits_one_page_after_the_intro_and_sections_start_new_pages(sample: Path, pdf_pages: list[str]):
    reader = PdfReader(sample / PDF)
    tops = [(item.title, reader.get_destination_page_number(item) + 1)
            for item in reader.outline if not isinstance(item, list)]
    assert [t for t, _ in tops] == ["引言", "目录", "国家政策", "地方动态", "国际关注", "市场动态", "低碳前沿",
                                    "环保桥观察", "本期政策文件索引", "关于本刊"]
    assert tops[1][1] - tops[0][1] == 1 and tops[2][1] - tops[1][1] == 1   # 引言 p2, 目录 one page facing it
    assert "沈剑涛" in pdf_pages[tops[1][1] - 1]         # an essay's entry names its author
    for title, page in tops[2:]:
        assert pdf_pages[page - 1].lstrip().startswith(title)   # a section's page opens with its title


def test_pdf_reads_back_as_a_compositor_would_sign_it(sample: Path):
    """Issue 23's measurement (bench/pdf_readback.py), line by line. Before issue 23 the sample
    read 164 short justified lines, 11 numbers split from their units, 3 stranded headlines."""
    from bench.pdf_readback import measure
    found = measure(sample / PDF)
    assert len(found.short_lines) <= 2 and found.ragged_columns == [], (found.short_lines, found.ragged_columns)
    assert found.number_splits == [] and found.bad_breaks == [], (found.number_splits, found.bad_breaks)
    assert found.stranded_headings == [], found.stranded_headings
    assert sum(not p["section_end"] for p in found.sparse_pages) == 0 and len(found.sparse_pages) <= 2, \
        found.sparse_pages
    # Justifying 22-character columns spaces some lines a tenth of an em and more: they carry
    # their text as ActualText and read back as written (27 lines read back spaced without it,
    # the cover's two letter-spaced lines among them).
    assert found.loose_lines == [], found.loose_lines
    assert len(found.wide_spaces) <= 3, found.wide_spaces   # notes citing English titles


def test_the_english_pdf_keeps_its_word_spaces_even_and_hyphenates_with_a_latin_hyphen(sample: Path):
    """Issue 23: justified in two columns of some 40 characters, the English briefs read back 52
    lines with a word space over half an em (up to 0.94 em). Set ragged right, only the
    full-measure essays' and back page's few are left; a line broken in a word ends with the
    Latin hyphen, not Noto CJK's full-width U+2010 (`con -`)."""
    from bench.pdf_readback import measure
    english = sample / "en" / ISSUE / "carbon-bridge-2024-q3.en.pdf"
    found = measure(english)
    assert len(found.wide_spaces) <= 6, found.wide_spaces
    assert found.ragged_columns and len(found.short_lines) <= 2, (found.ragged_columns, found.short_lines)
    text = "".join(page.extract_text() for page in PdfReader(english).pages)
    assert "\u2010" not in text and re.search(r"[a-z]-\n[a-z]", text)


def test_briefs_are_set_in_two_columns_essays_across_the_page(sample: Path):
    from bench.pdf_readback import _body_sizes, _columns, group_lines, read_runs
    lines = [group_lines(n, runs) for n, runs in enumerate(read_runs(sample / PDF), 1)]
    (left, half), (left2, full), (right, right_end) = _columns(lines, _body_sizes(lines))
    assert left == left2 and right_end == full and half < right and 0.4 < (half - left) / (full - left) < 0.5


def cited_documents() -> list[tuple[tuple, set[str]]]:
    """Each document the sample cites, in the PDF index's order (date, then title), with the
    titles of the articles citing it, read from the content itself."""
    import yaml
    found: dict[tuple, set[str]] = {}
    for path in (SAMPLE / ISSUE).glob("*/*.md"):
        head = yaml.safe_load(path.read_text("utf-8")[4:].split("\n---\n")[0])
        for doc in head.get("documents") or ():
            found.setdefault((doc["date"], doc["title"]), set()).add(head["title"])
    return sorted(found.items())


def test_pdf_ends_with_the_issues_documents_and_the_real_pages_citing_them(sample: Path, pdf_pages: list[str]):
    reader = PdfReader(sample / PDF)
    real = {item.title: reader.get_destination_page_number(item) + 1
            for section in reader.outline if isinstance(section, list) for item in section}
    start = next(i for i, text in enumerate(pdf_pages) if text.lstrip().startswith("本期政策文件索引"))
    end = next(i for i, text in enumerate(pdf_pages) if text.lstrip().startswith("关于本刊"))
    listed = [sorted(int(n) for n in numbers.split(", "))
              for text in pdf_pages[start:end] for numbers in re.findall(r"\.{5,}\s*([\d, ]+)$", text, re.M)]
    expected = [sorted({real[title] for title in titles}) for _, titles in cited_documents()]
    assert len(expected) > 25 and listed == expected
    assert "国办发〔2024〕33号" in "".join(pdf_pages[start:end])


def test_the_register_and_the_authors_pages_of_the_sample(sample: Path):
    register = (sample / "documents/index.html").read_text("utf-8")
    assert register.count("国办发〔2024〕33号") == 1
    assert register.count('class="register-entry"') == len(cited_documents())
    assert "../issues/2024-q3/policy/procurement-footprint/index.html" in register
    author = (sample / "authors/shen-jiantao/index.html").read_text("utf-8")
    assert "商务经理" in author and "../../issues/2024-q3/essays/pilot-markets/index.html" in author
    essay = (sample / ISSUE / "essays/pilot-markets/index.html").read_text("utf-8")
    assert 'href="../../../../authors/shen-jiantao/index.html"' in essay
    # the issue page's highlight cards name the author as authors.yml does, never by key
    front = (sample / ISSUE / "index.html").read_text("utf-8")
    assert '<span class="card-author">沈剑涛<span class="card-author-title">商务经理</span>' in front
    assert "shen-jiantao</span>" not in front
    # the English edition: a translation cites its original's documents, linked within the edition
    english = (sample / "en/documents/index.html").read_text("utf-8")
    assert english.count('class="register-entry"') >= 5
    assert "../issues/2024-q3/essays/pilot-markets/index.html" in english   # en/issues/…, not the Chinese page


def test_the_preview_cards_of_the_sample(sample: Path):
    """Each card is 1200×630; four of them are kept with the screenshots, to be looked at."""
    folder = Path(os.environ.get("BULLETIN_SCREENSHOTS") or ROOT / "output-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    cards = sorted(sample.rglob("card.png"))
    english = len(list(sample.glob("en/issues/*/index.html"))) + len(list(sample.glob("en/issues/*/*/*/index.html")))
    assert english > 5
    # the publication's, the issue's, each article's; and the English edition's own, its issue's and articles'
    assert len(cards) == 1 + 1 + sum(COUNTS.values()) + 1 + english
    # the English pages about the whole publication show the English card, not the Chinese one
    assert 'property="og:image" content="https://example.org/tanqiao/en/card.png"' in (
        sample / "en/index.html").read_text("utf-8")
    assert (sample / "en/card.png").read_bytes() != (sample / "card.png").read_bytes()
    for card in cards:
        data = card.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1200, 630)
    for page, name in (("", "site"), (ISSUE, "issue"), (f"{ISSUE}/policy/procurement-footprint", "brief"),
                       (f"{ISSUE}/essays/pilot-markets", "essay")):
        shutil.copyfile(sample / page / "card.png", folder / f"card-{name}.png")


def test_the_pdf_prints_each_essays_author_with_the_title_authors_yml_gives(sample: Path, pdf_pages: list[str]):
    reader = PdfReader(sample / PDF)
    essays = {item.title: reader.get_destination_page_number(item) for section in reader.outline
              if isinstance(section, list) for item in section}
    for title, name, role in (("全国碳市场发展背景下的试点碳市场发展趋势", "沈剑涛", "商务经理"),
                              ("引导绿色低碳消费的新机遇——碳标签", "姜继康", "项目经理")):
        lines = [line.strip() for line in pdf_pages[essays[title]].splitlines()]
        assert lines[lines.index(name) + 1] == role, lines[:8]
