"""Reading the content tree: what a careful editor is warned about."""
from __future__ import annotations

import pytest

from generator.build import Options, build
from generator.content.articles import LONG_TITLE, title_width


def test_title_width_counts_latin_as_half_a_chinese_character():
    assert title_width("碳足迹管理将纳入政府采购") == 12
    assert title_width("National carbon market quarterly overview") == 20.5   # 41 letters and spaces


def test_a_long_chinese_title_is_warned_about_and_an_english_one_of_41_letters_is_not(site_copy, tmp_path):
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    text = article.read_text("utf-8")
    long_zh = "全国碳排放权交易市场" * 4 + "扩围"          # 42 characters
    article.write_text(text.replace("title: 第一条政策简讯", f"title: {long_zh}"), "utf-8")
    warned = [str(w) for w in build(Options(content=site_copy, out=tmp_path / "a", pdf=False, search=False)).warnings]
    assert any("title is as wide as 42 Chinese characters" in w for w in warned), warned
    article.write_text(text.replace("title: 第一条政策简讯", "title: National carbon market quarterly overview"),
                       "utf-8")
    warned = [str(w) for w in build(Options(content=site_copy, out=tmp_path / "b", pdf=False, search=False)).warnings]
    assert not any("title is as wide" in w for w in warned), warned
    assert LONG_TITLE == 40


def test_an_image_without_alt_text_is_warned_about_on_its_line(site_copy, tmp_path):
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    lines = article.read_text("utf-8").count("\n")
    article.write_text(article.read_text("utf-8") + "\n![](images/dot.png)\n", "utf-8")
    warned = [str(w) for w in build(Options(content=site_copy, out=tmp_path / "a", pdf=False, search=False)).warnings]
    assert any(w.endswith(f"2024-04-02-first-brief.md:{lines + 2}: an image has no alt text: describe it inside "
                          "![…](…) for readers who cannot see it") for w in warned), warned


def test_the_width_in_the_warning_is_the_width_measured():
    assert f"{title_width('x' * 81):g}" == "40.5"


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_callers_work_is_done_once_while_the_articles_are_read(jobs: int):
    from generator.content.config import load_site
    from generator.content.publication import load_publication
    from generator.errors import Report
    from tests.conftest import FIXTURE_SITE
    report, done = Report(), []
    pub = load_publication(load_site(FIXTURE_SITE, report), report, jobs=jobs, meanwhile=lambda: done.append(1))
    assert done == [1] and pub.issues and not report.problems
