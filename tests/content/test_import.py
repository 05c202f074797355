"""`bulletin import`: real .docx files (written by python-docx as Word writes them, and one saved by
LibreOffice) become articles; the Markdown is compared whole with what is expected, and the
article is built. generator/content/importer.py, word.py, from_html.py."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.content.from_html import escape, to_markdown
from generator.content.importer import import_docx
from generator.content.scaffold import ScaffoldError
from tests.conftest import ROOT, run_cli
from tests.content.docx_maker import PNG, Maker

TODAY = dt.date(2026, 12, 6)
LIBREOFFICE = ROOT / "tests/fixtures/docx/libreoffice.docx"


def brief_docx(path: Path) -> Path:
    """A contributor's brief: a Title paragraph, headings, bold and italic beside Chinese
    punctuation, nested lists of both kinds, a quotation with its source, a table, a link, two
    footnotes, an image with Word's alt text, and characters Markdown would read as markup."""
    m = Maker()
    m.doc.core_properties.author = "李四"
    m.para("全国碳市场扩围至水泥、钢铁、铝行业", style="Title")
    m.doc.add_heading("一、政策要点", level=1)
    m.para("生态环境部印发", ("《工作方案》", "b"), "，明确", ("“十五五”", "i"), "期间扩围安排",
           ("生态环境部，2024年9月。", "note"), "。")
    m.item("首批纳入：", "bullet")
    m.item("水泥熟料生产", "bullet", 1)
    m.item("钢铁、铝冶炼", "bullet", 1)
    m.item("配额分配：免费为主", "bullet")
    m.item("2025年：完成首次履约", "decimal", start=True)
    m.item("2027年：逐步引入有偿分配", "decimal")
    m.doc.add_heading("二、市场影响", level=1)
    m.para("要求加快建设全国碳排放权交易市场。", style="Quote")
    m.para("——《关于加快经济社会发展全面绿色转型的意见》", style="Quote")
    m.table([["行业", "排放量（亿吨）"], ["水泥", "12.3"], ["钢铁", "18.5"]])
    m.para("详见", ("生态环境部网站", "link:https://www.mee.gov.cn/"), "及专家解读", ("中国碳市场年报。", "note"), "。")
    m.picture("三个行业的排放量柱状图")
    m.para("单价 5*2 元_吨，见 [附表] 与 <说明>；下划线", ("不保留", "u"), "。")
    m.para("1. 这不是列表")
    return m.save(path)


BRIEF_MARKDOWN = """\
## 一、政策要点

生态环境部印发**《工作方案》**，明确*“十五五”*期间扩围安排[^1]。

- 首批纳入：
  - 水泥熟料生产
  - 钢铁、铝冶炼
- 配额分配：免费为主

1. 2025年：完成首次履约
2. 2027年：逐步引入有偿分配

## 二、市场影响

> 要求加快建设全国碳排放权交易市场。
>
> ——《关于加快经济社会发展全面绿色转型的意见》

| 行业 | 排放量（亿吨） |
|---|---|
| 水泥 | 12.3 |
| 钢铁 | 18.5 |

详见[生态环境部网站](https://www.mee.gov.cn/)及专家解读[^2]。

![三个行业的排放量柱状图](images/quan-guo-tan-shi-chang-kuo-wei-zhi-shui-ni-gang-tie-lv-hang-ye-1.png)

单价 5\\*2 元\\_吨，见 \\[附表\\] 与 \\<说明>；下划线不保留。

1\\. 这不是列表

[^1]: 生态环境部，2024年9月。

[^2]: 中国碳市场年报。
"""


def test_a_word_brief_becomes_a_draft_article_with_its_markdown(site_copy: Path, tmp_path: Path):
    """issue 22 (4): contributors send .docx; it was skipped without a word."""
    done = import_docx(site_copy, brief_docx(tmp_path / "投稿.docx"), "2024-q3", "policy", today=TODAY)
    name = "2024-10-15-quan-guo-tan-shi-chang-kuo-wei-zhi-shui-ni-gang-tie-lv-hang-ye"
    assert done.article == site_copy.resolve() / f"issues/2024-q3/policy/{name}.md"
    text = done.article.read_text("utf-8")
    head, body = text.split("---\n\n", 1)
    assert head == ('---\ntitle: "全国碳市场扩围至水泥、钢铁、铝行业"\ndate: 2024-10-15\n'
                    "source: TODO          # who published the news, e.g. 生态环境部\n# source_url: https://\n"
                    "summary: TODO\ntags: []\ndraft: true          # remove when the article is ready\n")
    assert body == BRIEF_MARKDOWN
    [image] = done.images
    assert image == site_copy.resolve() / f"issues/2024-q3/images/{name[11:]}-1.png" and image.read_bytes() == PNG
    assert done.lost == ("underline (the text is kept, plain)",)
    assert not done.inside_content


@pytest.mark.slow   # a whole build
def test_the_imported_article_builds_and_shows_its_notes_table_and_figure(site_copy: Path, tmp_path: Path):
    import_docx(site_copy, brief_docx(tmp_path / "投稿.docx"), "2024-q3", "policy", today=TODAY)
    done = run_cli("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", "--drafts",
                   cwd=site_copy.parent)
    assert done.returncode == 0, done.stderr
    page = next((site_copy.parent / "out/issues/2024-q3/policy").glob("quan-guo-*/index.html")).read_text("utf-8")
    assert '<strong>《工作方案》</strong>' in page and 'class="footnotes"' in page
    assert '<span class="figure-number">表1</span>' in page and '<span class="figure-number">图1</span>' in page
    assert '<footer class="attribution">——《关于加快经济社会发展全面绿色转型的意见》</footer>' in page
    assert "5*2 元_吨，见 [附表] 与 &lt;说明&gt;" in page


def test_an_essay_takes_its_title_from_the_documents_properties_and_names_its_author(site_copy: Path,
                                                                                    tmp_path: Path):
    m = Maker()
    m.doc.core_properties.title = "试点碳市场的发展趋势"
    m.doc.core_properties.author = "张三"
    m.doc.add_heading("一、由来", level=1)
    m.para("试点从2011年开始。")
    done = import_docx(site_copy, m.save(tmp_path / "essay.docx"), "2024-q3", "essays",
                       date=dt.date(2024, 10, 1), today=TODAY)
    text = done.article.read_text("utf-8")
    assert done.article.name == "2024-10-01-shi-dian-tan-shi-chang-de-fa-zhan-qu-shi.md"
    assert 'title: "试点碳市场的发展趋势"\ndate: 2024-10-01\n' in text
    assert 'author: TODO   # the document\'s properties name "张三"\nauthor_title: TODO\nabstract:\n  - TODO\n' in text
    assert text.endswith("---\n\n## 一、由来\n\n试点从2011年开始。\n")   # the heading stays: the title was elsewhere


LIBREOFFICE_MARKDOWN = """\
## 一、试点碳市场的由来

2011年10月，国家发展改革委办公厅印发**《关于开展碳排放权交易试点工作的通知》**[^1]，在北京、天津、上海等七省市开展*碳交易试点*。

### （一）覆盖范围

- 电力、钢铁、水泥
  - 其中电力行业最早纳入
- 航空、造纸

| 试点 | 开市时间 |
|---|---|
| 深圳 | 2013年6月18日 |
| 上海 | 2013年11月26日 |

> 推进全国碳排放权交易市场建设。——《意见》

详见[生态环境部网站](https://www.mee.gov.cn/)（“双碳”专栏）。

[^1]: 国家发展改革委办公厅，2011年。
"""


def test_a_document_saved_by_libreoffice(site_copy: Path):
    """LibreOffice numbers its notes from 2, calls its quotation style Quotations and names its
    body styles otherwise than Word: the Markdown is the same all the same."""
    done = import_docx(site_copy, LIBREOFFICE, "2024-q3", "essays", today=TODAY)
    text = done.article.read_text("utf-8")
    assert 'title: "试点碳市场的发展趋势"\n' in text and '# the document\'s properties name "张三"' in text
    assert text.split("---\n\n", 1)[1] == LIBREOFFICE_MARKDOWN
    assert done.lost == ()


def test_a_document_with_no_title_is_named_by_its_file(site_copy: Path, tmp_path: Path):
    m = Maker()
    m.doc.core_properties.title = ""
    m.para("第一段。")
    done = import_docx(site_copy, m.save(tmp_path / "CCER Restarts.docx"), "2024-q3", "policy", today=TODAY)
    assert done.article.name == "2024-10-15-ccer-restarts.md" and 'title: "CCER Restarts"' in done.article.read_text()


def test_import_never_overwrites_and_refuses_what_is_no_docx(site_copy: Path, tmp_path: Path):
    path = brief_docx(tmp_path / "a.docx")
    import_docx(site_copy, path, "2024-q3", "policy", today=TODAY)
    before = sorted(p.name for p in (site_copy / "issues/2024-q3").rglob("*"))
    with pytest.raises(ScaffoldError, match="exists already; nothing was changed"):
        import_docx(site_copy, path, "2024-q3", "policy", today=TODAY)
    assert sorted(p.name for p in (site_copy / "issues/2024-q3").rglob("*")) == before   # no second image either
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ScaffoldError, match=r"a Word 97–2003 document; open it in Word or WPS, save it as \.docx"):
        import_docx(site_copy, tmp_path / "old.doc", "2024-q3", "policy")
    with pytest.raises(ScaffoldError, match="no section 'opinion'"):
        import_docx(site_copy, path, "2024-q3", "opinion")
    with pytest.raises(ScaffoldError, match="no issue '2099-q1'"):
        import_docx(site_copy, path, "2099-q1", "policy")


def test_the_command(site_copy: Path, tmp_path: Path):
    work = site_copy.parent
    (site_copy / "issues/2024-q3/policy/投稿.docx").write_bytes(brief_docx(tmp_path / "x.docx").read_bytes())
    done = run_cli("import", "content/issues/2024-q3/policy/投稿.docx", "2024-q3", "policy", "--content", "content",
                   "--date", "2024-09-30", cwd=work)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == ("created content/issues/2024-q3/policy/2024-09-30-quan-guo-tan-shi-chang-"
                                           "kuo-wei-zhi-shui-ni-gang-tie-lv-hang-ye.md "
                                           "(a draft: fill in what says TODO)")
    assert "note: underline (the text is kept, plain)" in done.stderr
    assert "note: move content/issues/2024-q3/policy/投稿.docx out of the content folder" in done.stderr
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    bad = run_cli("import", str(broken), "2024-q3", "policy", "--content", "content", cwd=work)
    assert bad.returncode == 1 and "broken.docx: is not a Word document that can be read" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_markdown_is_escaped_only_where_markdown_would_read_it():
    assert escape("“双碳”目标：碳达峰、碳中和（2030/2060）！") == "“双碳”目标：碳达峰、碳中和（2030/2060）！"
    assert escape("a*b_c[d]`e`<f>\\") == "a\\*b\\_c\\[d\\]\\`e\\`\\<f>\\\\"
    html = "<p><strong>重点 </strong>在此</p><p><em> </em>空</p><p>甲<br />乙</p>"
    assert to_markdown(html).markdown == "**重点** 在此\n\n空\n\n甲\\\n乙\n"


def test_what_does_not_survive_is_said(site_copy: Path, tmp_path: Path):
    m = Maker()
    m.para("排放与单位", style="Title")
    m.table([["项目", "数值", "单位"], ["1", "2", "3"]])
    table = m.doc.tables[0]
    table.cell(0, 0).merge(table.cell(0, 1))
    p = m.doc.add_paragraph("CO")
    p.add_run("2").font.subscript = True
    p.add_run("排放 100 m")
    p.add_run("3").font.superscript = True
    p.add_run("。", style=m.doc.styles.add_style("醒目", 2))   # a character style of the document's own
    done = import_docx(site_copy, m.save(tmp_path / "x.docx"), "2024-q3", "policy", today=TODAY)
    assert done.article.read_text("utf-8").split("---\n\n", 1)[1] == (
        "| 项目 数值 |  | 单位 |\n|---|---|---|\n| 1 | 2 | 3 |\n\nCO2排放 100 m3。\n")
    assert done.lost == (
        "the document's own styles are not kept, their text is (only headings, lists, quotations, tables, bold, "
        "italic, links and notes are): 醒目",
        "merged table cells: their text is in the first cell, the others are empty (check the table)",
        "subscript (the text is kept, plain)", "superscript (the text is kept, plain)")
