"""Text that XML cannot carry: a vertical tab (Word's Shift+Enter), an escape or a form feed
pasted into a title, U+FFFE. Each is a warning naming the file and line, and none reaches a
page, the feed or the sitemap: every output parses with a strict parser."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from tinyhtml5.parser import HTMLParser

from generator.build import Options, build

# What XML 1.0 cannot carry (https://www.w3.org/TR/xml/#charsets)
UNCARRIED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

ARTICLE = ("---\n"
           "title: 控制\x1b字符\x0c标题\n"                      # line 2: typed (pasted) as they are
           'summary: "摘要\\e与\\f转义"\n'                      # line 3: YAML escapes make them too
           "date: 2024-07-09\n"
           "source: 国务院\n"
           'tags: ["标签\\x07", 碳市场]\n'                      # line 6
           "---\n"
           "第一行\x0b第二行。\n"                               # line 8: Word's Shift+Enter, Chinese
           "\n"
           "Line one\x0bline two, a\x00b, c\ufffed.\n"          # line 10: English
           "\n"
           "![图\x01](images/dot.png)\n")


def write_controlled_text(site: Path) -> None:
    (site / "issues/2024-q3/policy/2024-07-09-ctl.md").write_text(ARTICLE, "utf-8")
    (site / "issues/2024-q3/images").mkdir()
    shutil.copy(site / "issues/2024-q2/images/dot.png", site / "issues/2024-q3/images/dot.png")
    issue = site / "issues/2024-q3/issue.yml"
    issue.write_text(issue.read_text("utf-8").replace("title: 2024年第三季度", "title: 2024年\x0b第三季度"), "utf-8")
    (site / "issues/2024-q2/intro.md").write_text("本期引言\x0c，第一行\n第二行\x0b继续。\n", "utf-8")
    site_yml = site / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8").replace("subtitle: 测试季刊", "subtitle: 测试\x1b季刊"), "utf-8")


def test_text_xml_cannot_carry_is_warned_about_and_reaches_no_output(site_copy, tmp_path):
    write_controlled_text(site_copy)
    out = tmp_path / "out"
    result = build(Options(content=site_copy, out=out, pdf=False, search=False))
    warned = [str(w) for w in result.warnings]
    for where in ("issues/2024-q3/policy/2024-07-09-ctl.md:2:", "issues/2024-q3/policy/2024-07-09-ctl.md:3:",
                  "issues/2024-q3/policy/2024-07-09-ctl.md:6:", "issues/2024-q3/issue.yml:1:",
                  "issues/2024-q2/intro.md:1:", "site.yml:2:"):
        assert any(where in w and "U+" in w for w in warned), (where, warned)
    assert any("2024-07-09-ctl.md:8: a line break from Word (Shift+Enter, U+000B)" in w and "also on line 10" in w
               for w in warned), warned
    checked = assert_every_output_parses_strictly(out)
    assert {"feed.xml", "sitemap.xml", "issues/2024-q3/policy/ctl/index.html"} <= checked
    page = (out / "issues/2024-q3/policy/ctl/index.html").read_text("utf-8")
    # Shift+Enter reads as a line break inside a paragraph: no space between Chinese characters
    assert "第一行第二行。" in page and "Line one line two, ab, cd." in page and "控制字符标题" in page


def assert_every_output_parses_strictly(out: Path) -> set[str]:
    checked = set()
    for path in sorted(out.rglob("*")):
        if path.suffix not in (".html", ".xml", ".svg", ".css", ".js", ".json", ".txt"):
            continue
        text = path.read_text("utf-8")
        name = path.relative_to(out).as_posix()
        assert not UNCARRIED.search(text), f"{name}: {UNCARRIED.search(text)!r}"
        if path.suffix in (".xml", ".svg"):
            ET.fromstring(text)   # raises on what is not well-formed
        elif path.suffix == ".html":
            parser = HTMLParser()
            parser.parse(text)
            assert not parser.errors, f"{name}: {parser.errors[:3]}"
        checked.add(name)
    return checked


def test_a_csv_cell_xml_cannot_carry_is_warned_about_and_reaches_no_output(site_copy, tmp_path):
    """A cell pasted from a terminal or a PDF into a spreadsheet: its table is on the page
    and in the feed, which would not parse."""
    csv = site_copy / "issues/2024-q3/data/cea_quarterly.csv"
    lines = csv.read_text("utf-8").splitlines()
    lines[2] = lines[2].replace("2024Q2", "2024\x1bQ2", 1)
    csv.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "out"
    result = build(Options(content=site_copy, out=out, pdf=False, search=False))
    assert any("issues/2024-q3/data/cea_quarterly.csv:3:" in str(w) and "U+001B" in str(w)
               for w in result.warnings), [str(w) for w in result.warnings]
    assert_every_output_parses_strictly(out)
    assert "2024Q2" in (out / "issues/2024-q3/market/cea-quarter/index.html").read_text("utf-8")
