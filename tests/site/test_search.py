"""generator/site/search.py: what of an article is searched, and the index files a build writes."""
from __future__ import annotations

import gzip
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from bench.search_quality import indexed_texts
from generator.site.search import body_text
from generator.site.search_index import fold
from tests.conftest import FIXTURE_SITE, SAMPLE, run_cli
from tests.site.test_search_index import find


def test_body_text_is_a_string_per_block_without_labels_and_footnote_marks():
    html = ('<h2 id="a">一、背景</h2><p>碳<strong>普惠</strong>减排量'
            '<sup class="footnote-ref"><a href="#fn">[1]</a></sup>进入市场。</p>'
            '<figure class="chart"><figcaption><span>全国碳市场</span> <span>单位：万吨</span></figcaption>'
            '<details><summary>数据</summary><table><tr><th>季度</th><td>1,718.83</td></tr></table></details>'
            '</figure><ul><li>第一\n点</li></ul><p data-search-ignore>不要</p>'
            '<section class="footnotes"><ol><li><p>来源 <a class="footnote-backref" href="#r">↩︎</a></p></li></ol>'
            '</section>')
    assert body_text(html) == ("一、背景", "碳普惠减排量进入市场。", "全国碳市场 单位：万吨", "季度 1,718.83",
                               "第一 点", "来源")


def build(content: Path, out: Path, *options: str) -> Path:
    done = run_cli("build", "--content", str(content), "--out", str(out), "--no-pdf", *options)
    assert done.returncode == 0, done.stderr
    return out


def text_of(out: Path, row: list) -> dict:
    return json.loads(gzip.decompress((out / "search" / "texts" / f"{row[8]}.bin").read_bytes()))


def index_of(out: Path) -> dict:
    return json.loads(gzip.decompress((out / "search" / "index.bin").read_bytes()))


def test_a_build_writes_the_index_beside_the_search_page(tmp_path: Path):
    out = build(FIXTURE_SITE, tmp_path / "out")
    index = index_of(out)
    pages = sorted(p.relative_to(out).as_posix() for p in out.glob("issues/*/*/*/index.html"))
    assert sorted(row[0] for row in index["docs"]) == pages
    for row in index["docs"]:
        assert (out / "search" / "texts" / f"{row[8]}.bin").is_file()
    for name in index["shards"]:
        assert (out / "search" / "shards" / f"{name}.bin").is_file()
    essay = next(row for row in index["docs"] if "/essays/" in row[0])
    text = text_of(out, essay)
    assert essay[2] == "2024-07-15" and essay[7] == "2024年7月15日"
    assert [index["issues"][essay[3]][0], index["sections"][essay[4]][0]] == ["2024-q2", "essays"]
    assert text["a"] == ["张三", "项目经理"] and text["g"] and text["b"], text
    assert not (out / "pagefind").exists()


def test_no_search_writes_no_index(tmp_path: Path):
    out = build(FIXTURE_SITE, tmp_path / "out", "--no-search")
    assert (out / "search" / "index.html").is_file()
    assert not (out / "search" / "index.bin").exists()


def test_an_edit_is_searchable_after_an_incremental_build_as_after_a_clean_one(tmp_path: Path):
    """The same bytes either way (Pagefind named and ordered its files differently on every run)."""
    site = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, site)
    out = build(site, tmp_path / "out")
    brief = site / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    brief.write_text(brief.read_text("utf-8").replace("推进碳足迹管理", "推进海上风电与碳足迹管理"), "utf-8")
    build(site, out)
    clean = build(site, tmp_path / "clean")
    files = sorted(p.relative_to(out).as_posix() for p in (out / "search").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(clean).as_posix() for p in (clean / "search").rglob("*") if p.is_file())
    assert all((out / f).read_bytes() == (clean / f).read_bytes() for f in files)
    shards = [gzip.decompress((out / "search" / "shards" / f"{name}.bin").read_bytes())
              for name in index_of(out)["shards"]]
    found = find(shards, "海上风电")
    assert [index_of(out)["docs"][d][0] for d in found] == ["issues/2024-q2/policy/first-brief/index.html"]


def same_characters(out: Path, edition: str = "", others: tuple[str, ...] = ()) -> None:
    """The index holds each article page's searchable text, no more and no less: the same
    characters as bench/search_quality.py reads from the page (its truth), in another order.
    `edition`: the folder of a language's edition (en/), whose own index holds its pages;
    `others`: the folders of the other languages' editions, left out of this one's."""
    index = index_of(out / edition)
    pages = {path.removeprefix(edition): text for path, text in indexed_texts(out).items()
             if path.startswith(edition) and not path.startswith(others)}
    assert len(pages) == len(index["docs"])
    for row in index["docs"]:
        text = text_of(out / edition, row)
        indexed = fold(" ".join([row[1], *text["s"], *text["a"], text["o"], *text["g"], *text["b"]]))
        assert Counter(indexed.replace(" ", "")) == Counter(pages[row[0]].replace(" ", "")), row[0]


def test_the_index_holds_what_the_fixture_pages_show(tmp_path: Path):
    same_characters(build(FIXTURE_SITE, tmp_path / "out"))


@pytest.mark.slow
def test_the_index_holds_what_the_sample_pages_show(tmp_path: Path):
    """In each language: the sample has a Chinese and an English edition, each with its index."""
    out = build(SAMPLE, tmp_path / "out")
    same_characters(out, others=("en/",))
    same_characters(out, "en/")
