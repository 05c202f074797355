"""The print quarterly, read back with pypdf: metadata, outline, real TOC page
numbers, links, embedded fonts, footnotes, charts, options, and the fetch gate."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import FIXTURE_SITE, ROOT, run_cli

Q2, Q3 = "issues/2024-q2/tan-qiao-2024-q2.pdf", "issues/2024-q3/tan-qiao-2024-q3.pdf"
FOOTER = "碳桥\u30002024年第二季度"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf-build") / "out"
    done = run_cli("build", "--content", str(FIXTURE_SITE), "--out", str(out), "--no-search")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def q2(built: Path) -> PdfReader:
    return PdfReader(built / Q2)


def texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) for every bookmark."""
    found: list[tuple[int, str, int]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    walk(reader.outline, 0)
    return found


@pytest.mark.slow
def test_issue_page_links_its_pdf(built: Path):
    assert 'href="tan-qiao-2024-q3.pdf"' in (built / "issues/2024-q3/index.html").read_text()
    assert (built / Q3).read_bytes().startswith(b"%PDF-")


@pytest.mark.slow
def test_metadata_comes_from_site_and_issue(q2: PdfReader):
    meta = q2.metadata
    assert meta.title == "碳桥 2024年第二季度"
    assert meta.author == "测试出版社"
    assert meta.subject == "碳桥 · 测试季刊 · 2024年第二季度"
    assert meta["/CreationDate"].startswith("D:20240715")   # the issue date: reproducible
    assert q2.trailer["/Root"]["/Lang"] == "zh-CN"


@pytest.mark.slow
def test_outline_has_sections_in_site_order_and_their_articles(q2: PdfReader):
    marks = outline(q2)
    assert [(d, t) for d, t, _ in marks] == [
        (0, "引言"), (0, "目录"), (0, "国家政策"), (1, "第一条政策简讯"), (1, "第二条政策简讯"),
        (0, "环保桥观察"), (1, "试论试点碳市场"), (0, "关于本刊")]
    pages = [p for _, _, p in marks]
    assert pages == sorted(pages) and pages[0] == 2     # the cover is page 1


@pytest.mark.slow
def test_toc_page_numbers_are_the_real_ones(q2: PdfReader):
    toc_page = texts(q2)[2]
    listed = dict(re.findall(r"^(\S+?)(?: 张三)?\s*\.{5,}\s*(\d+)$", toc_page, re.M))
    assert "试论试点碳市场 张三 ..." in toc_page   # an essay's entry names its author
    real = {title: page for _, title, page in outline(q2)}
    assert listed.keys() >= {"国家政策", "第一条政策简讯", "试论试点碳市场", "关于本刊"}
    for title, page in listed.items():
        assert int(page) == real[title], title


@pytest.mark.slow
def test_toc_entries_are_internal_links_and_urls_are_external_links(q2: PdfReader):
    toc_links = [a.get_object() for a in q2.pages[2]["/Annots"]]
    assert all("/Dest" in a for a in toc_links)   # a link may be several boxes (title, leader, number)
    assert {str(a["/Dest"]) for a in toc_links} == {
        "sec-policy", "art-policy-first-brief", "art-policy-second-brief", "sec-essays", "art-essays-essay-one",
        "about"}
    uris = {a.get_object()["/A"]["/URI"] for page in q2.pages for a in page.get("/Annots", [])
            if "/A" in a.get_object()}
    assert {"https://www.gov.cn/", "https://example.org/ref"} <= uris


@pytest.mark.slow
def test_fonts_are_embedded_cjk_subsets(q2: PdfReader):
    names = set()
    for page in q2.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            names.add(str(font["/BaseFont"]))
    assert all(re.match(r"/[A-Z]{6}\+", n) for n in names)            # subset tag
    assert {"Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC"} <= {n.split("+")[1] for n in names}


@pytest.mark.slow
def test_the_pdf_is_tagged_for_screen_readers(q2: PdfReader):
    """PDF/UA-1 by default (issue 23): a structure tree, marked content, the document's language."""
    root = q2.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "zh-CN"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


@pytest.mark.slow
def test_chinese_text_extracts_without_spurious_spaces(q2: PdfReader):
    brief = texts(q2)[3]
    assert "国务院发布通知，要求推进碳足迹管理。成交量1,718.83万吨。" in brief   # a soft break joined


@pytest.mark.slow
def test_running_header_and_footer_but_not_on_the_cover(q2: PdfReader):
    pages = texts(q2)
    assert FOOTER not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert FOOTER in text and re.search(rf"(^|\s){number}(\s|$)", text), number
    assert pages[3].count("国家政策") == 2            # the section title and its running header
    assert pages[4].count("环保桥观察") == 2


@pytest.mark.slow
def test_cover_has_titles_and_highlights(q2: PdfReader):
    cover = texts(q2)[0]
    for text in ("碳桥", "测试季刊", "2024年第二季度", "第二季度观点一", "测试出版社"):
        assert text in cover


@pytest.mark.slow
def test_the_cover_sets_the_publishers_wordmark_from_site_yml(site_copy: Path, tmp_path: Path):
    """Issue 23: the publisher's name set as a wordmark, or site.yml's logo in its place."""
    out = tmp_path / "out"
    (site_copy / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">'
                                        '<rect width="60" height="60" fill="#fbbf24"/></svg>', "utf-8")
    with (site_copy / "site.yml").open("a", encoding="utf-8") as f:
        f.write("logo: logo.svg\n")
    assert run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search").returncode == 0
    assert "测试出版社" not in PdfReader(out / Q2).pages[0].extract_text()   # the logo stands for the name
    import subprocess

    from PIL import Image
    subprocess.run(["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-png", str(out / Q2), str(tmp_path / "cover")],
                   check=True)
    image = Image.open(next(tmp_path.glob("cover*.png"))).convert("RGB")
    yellow = sum(n for n, (r, g, b) in image.getcolors(1 << 20) if abs(r - 251) < 12 and abs(g - 191) < 12 and b < 60)
    assert yellow > 120, yellow   # the logo's 12 mm square (the highlights' yellow rule is a few dozen)


@pytest.mark.slow
def test_a_cover_image_leaves_the_highlights_clear_of_the_publisher_line(site_copy: Path, tmp_path: Path):
    """The image floats beside the titles: below them it pushed the highlights onto the
    publisher line at the foot of the cover."""
    issue = site_copy / "issues/2024-q2"
    (issue / "images").mkdir(exist_ok=True)
    (issue / "images/cover.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="848">'
                                            '<rect width="600" height="848" fill="#c00"/></svg>', "utf-8")
    points = "".join(f"  - 第二季度观点{n}\n" for n in "一二三四五")
    (issue / "issue.yml").write_text("title: 2024年第二季度\ndate: 2024-07-15\ncover: images/cover.svg\n"
                                     f"highlights:\n{points}", "utf-8")
    out = tmp_path / "out"
    assert run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search").returncode == 0
    heights: dict[str, float] = {}
    PdfReader(out / Q2).pages[0].extract_text(
        visitor_text=lambda text, cm, tm, *_: heights.setdefault(text.strip(), tm[5] * cm[3] + cm[5]))
    last = [y for text, y in heights.items() if "观点五" in text]
    assert last, f"the last highlight is not on the cover: {heights}"
    assert last[0] - heights["测试出版社"] > 10 * MM, heights


def placed_texts(pdf: Path) -> list[tuple[str, float]]:
    """(text, how far its start lies right of the page edge) of every run of text: text off
    the paper is still in the file, so where it is must be checked."""
    seen: list[tuple[str, float]] = []
    for page in PdfReader(pdf).pages:
        width = float(page.mediabox.width)
        page.extract_text(visitor_text=lambda text, cm, tm, *_, width=width:
                          seen.append((text.strip(), tm[4] * cm[0] + cm[4] - width)))
    return seen


@pytest.mark.slow
def test_a_long_code_line_and_a_long_word_wrap_on_paper(site_copy: Path, tmp_path: Path):
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    article.write_text(article.read_text("utf-8") + "\n```\nresult = compute(factor=1.23, activity=456.7, "
                       "reference='ABCDEFGHIJKLMNOPQRSTUVWXYZ', unit='tCO2e', scope='upstream')  # CODE-END\n```\n\n"
                       + "Longword" * 12 + "WORD-END。\n", "utf-8")
    out = tmp_path / "out"
    assert run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search").returncode == 0
    seen = placed_texts(out / Q2)
    for text in ("CODE-END", "WORD-END"):
        assert any(text in t and beyond < 0 for t, beyond in seen), (text, [x for x in seen if text in x[0]])


@pytest.mark.slow
def test_wide_tables_keep_every_column_on_paper(site_copy: Path, tmp_path: Path):
    """A 13-column table of monthly figures and a 20-column Markdown table: on the web they
    scroll; in the PDF their right-hand columns ran off the page."""
    issue = site_copy / "issues/2024-q2"
    (issue / "data").mkdir(exist_ok=True)
    rows = ["市场," + ",".join(f"{m}月" for m in range(1, 13))] + [f"{n}," + ",".join(['"12,345.67"'] * 12)
                                                                  for n in ("上海", "北京")]
    (issue / "data/monthly.csv").write_text("\n".join(rows) + "\n", "utf-8")
    wide_md = ("| " + " | ".join(f"项{i}" for i in range(1, 21)) + " |\n|" + "---|" * 20 + "\n| "
               + " | ".join(f"值{i}" for i in range(1, 21)) + " |\n")
    article = issue / "policy/2024-04-02-first-brief.md"
    article.write_text(article.read_text("utf-8") + "\n```table\ndata: data/monthly.csv\ncaption: 月度成交\n```\n\n"
                       + wide_md, "utf-8")
    out = tmp_path / "out"
    assert run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search").returncode == 0
    seen = placed_texts(out / Q2)
    for text in ("月度成交", "12月", "项20", "值20"):
        assert any(text in t and beyond < 0 for t, beyond in seen), (text, [x for x in seen if text in x[0]])


@pytest.mark.slow
def test_essay_has_author_abstract_and_its_footnote_on_the_same_page(q2: PdfReader):
    essay = texts(q2)[4]
    for text in ("张三", "项目经理", "摘", "观点一", "试点碳市场自2013年起陆续开市"):
        assert text in essay
    assert "1. 参考资料，https://example.org/ref" in essay


@pytest.mark.slow
def test_text_copied_at_a_footnote_call_keeps_the_number_in_place(built: Path):
    """Raised too far, the call left its line for text extraction (poppler, as PDF viewers
    copy): '陆续开市 。' with the 1 elsewhere."""
    text = subprocess.run(["pdftotext", str(built / Q2), "-"], capture_output=True, text=True, check=True).stdout
    assert "试点碳市场自2013年起陆续开市1。" in text


@pytest.mark.slow
def test_charts_are_vector_graphics(built: Path):
    reader = PdfReader(built / Q3)
    market = next(p for p in reader.pages if "全国碳市场配额季度成交量与收盘价" in p.extract_text())
    xobjects = market["/Resources"].get("/XObject", {})
    assert all(x.get_object()["/Subtype"] != "/Image" for x in xobjects.values())   # no raster image
    drawing = market.get_contents().get_data()
    assert len(re.findall(rb" [lc]\n", drawing)) > 200     # lines and curves: the chart's bars, axes, glyphs


@pytest.mark.slow
def test_same_input_gives_the_same_bytes(built: Path, tmp_path: Path):
    again = tmp_path / "again"
    done = run_cli("build", "--content", str(FIXTURE_SITE), "--out", str(again), "--no-search")
    assert done.returncode == 0, done.stderr
    assert (again / Q2).read_bytes() == (built / Q2).read_bytes()


@pytest.mark.slow
def test_pdf_is_rebuilt_only_when_its_issue_changed(site_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    args = ("build", "--content", str(site_copy), "--out", str(out), "--no-search")
    assert "PDF 2 built / 0 unchanged" in run_cli(*args).stdout
    assert "nothing changed" in run_cli(*args).stdout
    brief = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    brief.write_text(brief.read_text(encoding="utf-8").replace("成交量", "本季成交量"), encoding="utf-8")
    assert "PDF 1 built / 1 unchanged" in run_cli(*args).stdout
    assert "本季成交量" in PdfReader(out / Q2).pages[3].extract_text()


@pytest.mark.slow
def test_no_pdf_flag_and_pdf_disabled(site_copy: Path, tmp_path: Path):
    done = run_cli("build", "--content", str(site_copy), "--out", str(tmp_path / "a"), "--no-pdf", "--no-search")
    assert done.returncode == 0 and not list((tmp_path / "a").rglob("*.pdf"))
    assert ".pdf" not in (tmp_path / "a/issues/2024-q3/index.html").read_text()
    with (site_copy / "site.yml").open("a", encoding="utf-8") as f:
        f.write("pdf:\n  enabled: false\n")
    done = run_cli("build", "--content", str(site_copy), "--out", str(tmp_path / "b"), "--no-search")
    assert done.returncode == 0 and not list((tmp_path / "b").rglob("*.pdf"))


def corner_colours(pdf: Path, page: int, tmp: Path) -> tuple[tuple[int, ...], int]:
    """The colour of the sheet's top-left corner, and the darkest ink in its bleed strip (the
    first 8 pt: where the crop marks are drawn), rendered at 300 dpi."""
    from PIL import Image
    subprocess.run(["pdftoppm", "-r", "300", "-f", str(page), "-l", str(page), "-x", "0", "-y", "0",
                    "-W", "35", "-H", "35", "-png", str(pdf), str(tmp / "corner")], check=True)
    image = Image.open(next(tmp.glob("corner*.png"))).convert("RGB")
    for found in tmp.glob("corner*.png"):
        found.unlink()
    return image.getpixel((0, 0)), image.convert("L").getextrema()[0]


@pytest.mark.slow
def test_the_default_theme_bleeds_3mm_with_crop_marks_and_its_cover_colour_runs_into_it(built: Path, tmp_path: Path):
    """The cover's colour runs to the paper's edge (print.css): a print shop trims into it, so by
    default the sheet is 3 mm larger on each side, the cover colour fills it, and crop marks
    mark the trim. The TrimBox is A4."""
    page = PdfReader(built / Q2).pages[0]
    trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
    assert (float(trim.width), float(trim.height)) == (pytest.approx(210 * MM, abs=0.5),
                                                       pytest.approx(297 * MM, abs=0.5))
    for box in (bleed, media):
        assert float(box.width) == pytest.approx(float(trim.width) + 6 * MM, abs=0.5)
        assert float(box.height) == pytest.approx(float(trim.height) + 6 * MM, abs=0.5)
    cover, _ = corner_colours(built / Q2, 1, tmp_path)
    assert cover == pytest.approx((0x0b, 0x57, 0x50), abs=3)          # the cover's #0b5750, not paper
    paper, darkest = corner_colours(built / Q2, 2, tmp_path)
    assert paper == (255, 255, 255) and darkest < 160                 # a crop mark in the bleed


@pytest.mark.slow
def test_an_editor_turns_the_bleed_off_with_0mm(site_copy: Path, tmp_path: Path):
    with (site_copy / "site.yml").open("a", encoding="utf-8") as f:
        f.write("pdf:\n  bleed: 0mm\n")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search")
    assert done.returncode == 0, done.stderr
    page = PdfReader(out / Q2).pages[1]
    assert ([float(v) for v in page.mediabox] == [float(v) for v in page.trimbox]
            == pytest.approx([0, 0, 210 * MM, 297 * MM], abs=0.5))
    _, darkest = corner_colours(out / Q2, 2, tmp_path)
    assert darkest == 255                                              # no crop marks


@pytest.mark.slow
def test_paper_bleed_crop_marks_and_pdf_a(site_copy: Path, tmp_path: Path):
    with (site_copy / "site.yml").open("a", encoding="utf-8") as f:
        f.write("pdf:\n  paper: A5\n  bleed: 3mm\n  variant: pdf/a-3b\n")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search")
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out / Q2)
    page = reader.pages[1]
    trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
    assert float(trim.width) == pytest.approx(148 * MM, abs=0.5)      # A5
    assert float(trim.height) == pytest.approx(210 * MM, abs=0.5)
    assert float(bleed.width) == pytest.approx(float(trim.width) + 6 * MM, abs=0.5)
    assert float(media.width) >= float(bleed.width) - 0.5          # the sheet holds the bleed
    assert "测试出版社" in reader.pages[0].extract_text()            # the cover fits one A5 page
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3" pdfaid:conformance="B"' in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]                # PDF/A's embedded colour profile


@pytest.mark.slow
def test_a_long_table_repeats_its_header_on_every_page(site_copy: Path, tmp_path: Path):
    rows = "".join(f"项目{i},{i}\n" for i in range(1, 121))
    (site_copy / "issues/2024-q3/data/long.csv").write_text("name,volume\n" + rows, encoding="utf-8")
    article = site_copy / "issues/2024-q3/market/long-table.md"
    article.write_text("---\ntitle: 长表\n---\n```table\ndata: data/long.csv\nlabels: [项目名称, 成交量]\n```\n",
                       encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search")
    assert done.returncode == 0, done.stderr
    spanned = [t for t in texts(PdfReader(out / Q3)) if re.search(r"^项目\d+ \d+$", t, re.M)]
    assert len(spanned) >= 2
    assert all("项目名称 成交量" in t for t in spanned)


@pytest.mark.slow
def test_theme_files_outside_the_tree_or_on_the_web_are_refused(site_copy: Path, tmp_path: Path):
    """The gate: WeasyPrint reads only files of the build, the content tree and the theme."""
    out = tmp_path / "out"
    assert run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search").returncode == 0
    before = sorted((p.relative_to(out), p.read_bytes()) for p in out.rglob("*") if p.is_file())
    theme = site_copy / "mytheme"
    shutil.copytree(ROOT / "themes/default/print", theme / "print")
    (theme / "templates").mkdir()
    with (theme / "print/print.css").open("a") as f:
        f.write('\n.cover { background-image: url("file:///etc/passwd"); }\n'
                '.about { background-image: url("https://example.com/bg.png"); }\n')
    with (site_copy / "site.yml").open("a", encoding="utf-8") as f:
        f.write("theme: mytheme\n")
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search")
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr
    assert "content/mytheme/print/print.css: PDF: refused to read 'file:///etc/passwd'" in done.stderr
    assert "content/mytheme/print/print.css: PDF: refused to read 'https://example.com/bg.png'" in done.stderr
    assert sorted((p.relative_to(out), p.read_bytes()) for p in out.rglob("*") if p.is_file()) == before


PREFIXED_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xl="http://www.w3.org/1999/xlink" width="10" '
                'height="10">\n<image xl:href="http://example.org/x.png" width="10" height="10"/></svg>')


@pytest.mark.slow
def test_an_svg_that_loads_from_outside_is_blamed_on_its_article_not_the_stylesheet(site_copy: Path,
                                                                                    tmp_path: Path):
    """With the PDF on, WeasyPrint asked the gate for the SVG's prefixed reference, and the
    refusal named themes/default/print/print.css, with no article and no line."""
    (site_copy / "issues/2024-q2/images/x.svg").write_text(PREFIXED_SVG, "utf-8")
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    article.write_text(article.read_text("utf-8") + "\n![图](images/x.svg)\n", "utf-8")
    line = article.read_text("utf-8").splitlines().index("![图](images/x.svg)") + 1
    issue = site_copy / "issues/2024-q3/issue.yml"
    issue.write_text(issue.read_text("utf-8") + "cover: images/cover.svg\n", "utf-8")
    (site_copy / "issues/2024-q3/images").mkdir()
    (site_copy / "issues/2024-q3/images/cover.svg").write_text(PREFIXED_SVG, "utf-8")
    done = run_cli("build", "--content", str(site_copy), "--out", str(tmp_path / "out"), "--no-search")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"content/issues/2024-q2/policy/2024-04-02-first-brief.md:{line}: image 'images/x.svg' refers to " \
           "'http://example.org/x.png' outside itself" in done.stderr
    assert "content/issues/2024-q3/issue.yml:6: cover: 'images/cover.svg' refers to 'http://example.org/x.png'" \
           in done.stderr
    assert "print.css" not in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_an_svg_the_about_text_prints_passes_the_same_check(site_copy: Path, tmp_path: Path):
    """`about` names images from the site root and only the PDF prints them: an issue's SVG
    no article shows reaches WeasyPrint by that road, and is checked at the gate."""
    (site_copy / "issues/2024-q2/images/x.svg").write_text(PREFIXED_SVG, "utf-8")
    site_yml = site_copy / "site.yml"
    logo = "仅供测试。![标志](issues/2024-q2/images/x.svg)"
    site_yml.write_text(site_yml.read_text("utf-8").replace("仅供测试。", logo), "utf-8")
    done = run_cli("build", "--content", str(site_copy), "--out", str(tmp_path / "out"), "--no-search")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "content/site.yml: PDF: refused to print 'issues/2024-q2/images/x.svg': it refers to " \
           "'http://example.org/x.png' outside itself" in done.stderr, done.stderr
    assert "print.css" not in done.stderr


def test_without_a_cjk_font_the_build_says_which_package_to_install(tmp_path: Path):
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{tmp_path}/none</dir>'
                    f'<cachedir>{tmp_path}/cache</cachedir></fontconfig>')
    env = {"PATH": "/usr/bin:/bin", "FONTCONFIG_FILE": str(conf), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(FIXTURE_SITE),
                           "--out", str(tmp_path / "out"), "--no-search"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert "fonts-noto-cjk" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_the_back_page_prints_the_real_address_never_a_placeholder(q2: PdfReader, site_copy: Path, tmp_path: Path):
    """issue 22 (9): the back page printed base_url, by default the placeholder https://example.org/…"""
    assert "example.org/bulletin" not in texts(q2)[-1] and "测试出版社" in texts(q2)[-1]
    shutil.rmtree(site_copy / "issues/2024-q3")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search",
                   "--base-url", "https://tanqiao.cn/bulletin/")
    assert done.returncode == 0, done.stderr
    assert "https://tanqiao.cn/bulletin/" in texts(PdfReader(out / Q2))[-1]


@pytest.mark.slow
def test_a_pdf_holding_a_draft_says_draft_on_every_page_and_the_cover(site_copy: Path, tmp_path: Path):
    """issue 22 (2): with --drafts nothing in the PDF said it was a draft. The rendered pages are kept
    beside the browser tests' screenshots, for a person to look at."""
    shutil.rmtree(site_copy / "issues/2024-q3")
    brief = site_copy / "issues/2024-q2/policy/2024-05-10-second-brief.md"
    brief.write_text(brief.read_text("utf-8").replace("---\n", "---\ndraft: true\n", 1), "utf-8")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search", "--drafts")
    assert done.returncode == 0, done.stderr
    pages = texts(PdfReader(out / Q2))
    assert all("草稿 DRAFT" in text for text in pages), [text[:80] for text in pages]
    assert "草稿\n第二条政策简讯\n" in "".join(pages)      # the draft article's own mark, outside its bookmark
    assert [title for _, title, _ in outline(PdfReader(out / Q2))][3:5] == ["第一条政策简讯", "第二条政策简讯"]
    shots = Path(os.environ.get("BULLETIN_SCREENSHOTS") or ROOT / "output-screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(out / Q2), str(shots / "pdf-draft")], check=True)
    published = run_cli("build", "--content", str(site_copy), "--out", str(tmp_path / "pub"), "--no-search")
    assert published.returncode == 0 and not any("DRAFT" in t for t in texts(PdfReader(tmp_path / "pub" / Q2)))


@pytest.mark.slow
def test_figures_carry_the_numbers_of_the_web_page_and_totals_and_sources_are_set_apart(site_copy: Path,
                                                                                      tmp_path: Path):
    """issue 22 (7): numbers, captions, a table's foot and a quotation's source, on paper as on the web. The
    page is kept beside the browser tests' screenshots, for a person to look at."""
    shutil.rmtree(site_copy / "issues/2024-q2")
    market = site_copy / "issues/2024-q3/market/cea-quarter.md"
    (site_copy / "issues/2024-q3/images").mkdir()
    shutil.copy(FIXTURE_SITE / "issues/2024-q2/images/dot.png", site_copy / "issues/2024-q3/images/dot.png")
    market.write_text(market.read_text("utf-8") + (
        '\n![示意](images/dot.png "图9 试点分布示意")\n\n'
        "```table\ndata: data/pilot_markets.csv\ncaption: 八大试点\ntotal: last\n```\n\n"
        "> 要求加快建设全国碳市场。\n> ——生态环境部\n"), "utf-8")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search")
    assert done.returncode == 0, done.stderr
    web = (out / "issues/2024-q3/market/cea-quarter/index.html").read_text("utf-8")
    numbers = re.findall(r'class="figure-number">([^<]+)<', web)
    assert numbers == ["图1", "图2", "表1", "图3", "表2"], numbers
    text = " ".join(texts(PdfReader(out / Q3)))
    printed = re.findall(r"(?:图|表)\d", text)
    assert printed == numbers, printed
    assert re.search(r"图3\s+试点分布示意", text) and re.search(r"表2\s+八大试点", text) and "图9" not in text
    assert re.search(r"图1\s+全国碳市场配额季度成交量与收盘价", text)
    assert re.search(r"要求加快建设全国碳市场。\s*——生态环境部", text)
    shots = Path(os.environ.get("BULLETIN_SCREENSHOTS") or ROOT / "output-screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(out / Q3), str(shots / "pdf-figures")], check=True)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_a_brief_with_a_table_and_a_note_is_printed(tmp_path: Path, language: str):
    """A brief with a table is set across the page; with a note too, WeasyPrint failed inside its
    column-span ("internal error (IndexError …)", no site written) when it was its section's last."""
    content = tmp_path / "content"
    (content / "issues/2025-h1/news").mkdir(parents=True)
    (content / "site.yml").write_text(
        f"title: Offset Monitor\nlanguage: {language}\nbase_url: https://offsets.example.net/\n"
        "about: A test publication.\nsections:\n  - {key: news, title: News, kind: brief}\n", "utf-8")
    (content / "issues/2025-h1/issue.yml").write_text("title: First half 2025\ndate: 2025-06-30\n", "utf-8")
    (content / "issues/2025-h1/news/2025-03-01-registry.md").write_text(
        "---\ntitle: A registry opens its API\ndate: 2025-03-01\nsource: Registry press office\n---\n"
        "Prices fell by -12% over the quarter, to 4.50 USD/t.[^1]\n\n"
        "| Market | Volume (Mt) |\n|---|---:|\n| Voluntary | 1,234.5 |\n| Compliance | 98.7 |\n\n"
        "[^1]: Registry figures, March 2025.\n", "utf-8")
    done = run_cli("build", "--content", str(content), "--out", str(tmp_path / "out"), "--no-search")
    assert done.returncode == 0, done.stderr
    [pdf] = (tmp_path / "out/issues/2025-h1").glob("*.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Registry figures, March 2025." in text and "1,234.5" in text
