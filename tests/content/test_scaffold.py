"""generator/content/scaffold.py (`bulletin new`): the next quarter, its defaults, and front matter
that reads back as typed. (The commands themselves: tests/test_cli.py.)"""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from generator.content.config import load_site
from generator.content.frontmatter import split_front_matter
from generator.content.scaffold import (
    SLUG_LETTERS,
    ScaffoldError,
    article_template,
    issue_defaults,
    new_article,
    new_issue,
    next_issue_id,
)
from generator.content.settings import KINDS, Site
from generator.errors import ContentErrors, Report


def site_at(root: Path) -> Site:
    site = load_site(root, Report())
    assert site is not None
    return site


@pytest.mark.parametrize("folders, expected", [
    pytest.param(["2024-q2", "2024-q3"], "2024-q4", id="next-quarter"),
    pytest.param(["2024-q4", "2024-q1"], "2025-q1", id="after-q4-a-new-year"),
    pytest.param(["2024-q3", "abc-q1", "2024-q5", "2099", "special-2030-q1"], "2024-q4", id="other-folders-ignored"),
    pytest.param(["2023-q4", "2024-q1", "2024-q10"], "2024-q2", id="two-digit-quarter-ignored"),
])
def test_next_issue_id_follows_the_newest_quarter_folder(site_copy: Path, folders: list[str], expected: str):
    for child in (site_copy / "issues").iterdir():
        child.rename(site_copy / child.name)      # out of the way; site.yml is all load_site reads
    for name in folders:
        (site_copy / "issues" / name).mkdir()
    (site_copy / "issues" / "2030-q1").write_text("a file, not an issue", "utf-8")
    assert next_issue_id(site_at(site_copy)) == expected


def test_without_issues_the_next_issue_is_this_quarter(site_copy: Path):
    site = dataclasses.replace(site_at(site_copy), root=site_copy / "nothing-here")
    today = dt.date.today()
    assert next_issue_id(site) == f"{today.year}-q{(today.month + 2) // 3}"


@pytest.mark.parametrize("issue_id, language, title, date", [
    ("2025-q1", "zh-CN", "2025年第一季度", dt.date(2025, 4, 15)),
    ("2025-q2", "zh-CN", "2025年第二季度", dt.date(2025, 7, 15)),
    ("2025-q3", "zh", "2025年第三季度", dt.date(2025, 10, 15)),
    ("2025-q4", "zh-CN", "2025年第四季度", dt.date(2026, 1, 15)),
    ("2025-q4", "en-GB", "2025 Q4", dt.date(2026, 1, 15)),
])
def test_issue_defaults_publish_on_the_fifteenth_after_the_quarter(issue_id, language, title, date):
    assert issue_defaults(issue_id, language) == (title, date)


def test_an_issue_that_is_not_a_quarter_is_titled_by_its_id_and_dated_today():
    assert issue_defaults("special-report", "zh-CN") == ("special-report", dt.date.today())


TITLES = ["碳足迹管理", 'He said "hi"', "CCER: 重启", "# not a comment", "- not a list", "[not a list]",
          "碳足迹 'quoted'", "yes", "2024-07-04", "50%", "a: b #c", "&anchor *alias", "市场\\观察", "C:\\new",
          "\\u00e9", "tab\there"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("title", TITLES)
def test_the_front_matter_reads_back_with_the_title_as_typed(kind: str, title: str):
    report = Report()
    split = split_front_matter(article_template(kind, title, dt.date(2024, 7, 4)), Path("a.md"), report)
    assert split is not None, report.problems
    entries = split.data.entries
    assert entries["title"].value == title and entries["date"].value == dt.date(2024, 7, 4)
    assert entries["draft"].value is True and entries["tags"].value == []


def test_each_kind_gets_the_fields_it_requires():
    fields = {kind: set(split_front_matter(article_template(kind, "t", dt.date(2024, 7, 4)), Path("a.md"),
                                           Report()).data.entries) for kind in KINDS}
    assert {"source"} <= fields["brief"] and "author" not in fields["brief"]
    assert {"author", "author_title", "abstract"} <= fields["essay"] and "source" not in fields["essay"]
    assert not {"source", "author"} & fields["market"]


@pytest.mark.parametrize("title, name", [
    pytest.param("全国碳市场扩围至水泥钢铁铝行业",
                 "2024-07-04-quan-guo-tan-shi-chang-kuo-wei-zhi-shui-ni-gang-tie-lv-hang-ye.md",
                 id="a-whole-title-never-cut-mid-word"),
    pytest.param("国务院办公厅关于印发《加快构建碳排放双控制度体系工作方案》的通知",
                 "2024-07-04-guo-wu-yuan-ban-gong-ting-guan-yu-yin-fa.md", id="a-long-title-cut-at-its-punctuation"),
    pytest.param("关于进一步加强全国碳排放权交易市场建设和碳排放数据质量管理工作的通知",
                 "2024-07-04-guan-yu-jin-yi-bu-jia-qiang-quan-guo-tan-pai-fang-quan-jiao-yi-shi-chang.md",
                 id="no-punctuation-cut-between-syllables"),
    pytest.param("The EU Carbon Border Adjustment Mechanism enters its definitive period for importers",
                 "2024-07-04-the-eu-carbon-border-adjustment-mechanism-enters-its-definitive-period.md",
                 id="latin-cut-between-words"),
    pytest.param("！？", "2024-07-04-article.md", id="no-letters"),
    pytest.param("CCER Restarts", "2024-07-04-ccer-restarts.md", id="latin"),
])
def test_a_new_articles_file_is_named_by_its_date_and_title(site_copy: Path, title: str, name: str):
    """issue 22 (3): the name was the first eight syllables, "…-kuo-wei-zhi" (扩围至) cut before 水泥."""
    path = new_article(site_copy, "2024-q3", "policy", title, date=dt.date(2024, 7, 4))
    assert path == site_copy.resolve() / "issues/2024-q3/policy" / name and path.is_file()
    assert len(path.stem) <= 11 + SLUG_LETTERS


@pytest.mark.parametrize("today, expected", [
    pytest.param(dt.date(2024, 8, 20), dt.date(2024, 8, 20), id="today-inside-the-issues-quarter"),
    pytest.param(dt.date(2026, 12, 6), dt.date(2024, 10, 15), id="later-the-issues-date"),
    pytest.param(dt.date(2024, 5, 1), dt.date(2024, 10, 15), id="before-the-issues-date"),
])
def test_a_new_article_is_dated_today_only_within_its_issues_quarter(site_copy: Path, today: dt.date,
                                                                     expected: dt.date):
    """issue 22 (3): a 2024-Q4 story written in December 2026 was dated 2026-12-06."""
    path = new_article(site_copy, "2024-q3", "policy", "标题", today=today)
    assert path.name.startswith(expected.isoformat())
    assert f"date: {expected.isoformat()}\n" in path.read_text("utf-8")


def test_a_special_issue_takes_the_quarter_of_its_date(site_copy: Path):
    folder = site_copy / "issues/special"
    folder.mkdir()
    (folder / "issue.yml").write_text("title: 特刊\ndate: 2025-03-01\n", "utf-8")
    assert new_article(site_copy, "special", "policy", "甲", today=dt.date(2025, 2, 2)).name.startswith("2025-02-02")
    assert new_article(site_copy, "special", "policy", "乙", today=dt.date(2025, 4, 2)).name.startswith("2025-03-01")


def test_a_new_article_takes_the_date_it_is_given(site_copy: Path):
    path = new_article(site_copy, "2024-q3", "policy", "标题", date=dt.date(2024, 9, 30), today=dt.date(2026, 1, 1))
    assert path.name == "2024-09-30-biao-ti.md" and "date: 2024-09-30\n" in path.read_text("utf-8")


def test_a_new_article_in_an_issue_whose_issue_yml_is_broken_says_where(site_copy: Path):
    (site_copy / "issues/2024-q3/issue.yml").write_text("title: x\ndate: 2024/10/15\n", "utf-8")
    with pytest.raises(ContentErrors) as caught:
        new_article(site_copy, "2024-q3", "policy", "标题", today=dt.date(2026, 1, 1))
    assert "issue.yml:2: date: expected YYYY-MM-DD" in str(caught.value.problems[0])


def test_a_new_article_needs_its_issue(site_copy: Path):
    with pytest.raises(ScaffoldError, match="no issue '2099-q1'"):
        new_article(site_copy, "2099-q1", "policy", "t")


@pytest.mark.parametrize("issue_id", ["2025_Q1", "-x", "../x", "A"])
def test_a_new_issue_needs_an_id_that_can_be_a_url(site_copy: Path, issue_id: str):
    with pytest.raises(ScaffoldError, match="must be lowercase letters"):
        new_issue(site_copy, issue_id)
    assert sorted(p.name for p in (site_copy / "issues").iterdir()) == ["2024-q2", "2024-q3"]


def test_a_new_issue_has_a_folder_for_each_section_its_data_and_images(site_copy: Path):
    made = new_issue(site_copy, "special")
    folder = site_copy.resolve() / "issues/special"
    assert made == [folder / "issue.yml", folder / "intro.md"]
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == ["data", "essays", "images", "market", "policy"]
    assert "title: special\n" in (folder / "issue.yml").read_text("utf-8")
