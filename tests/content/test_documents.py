"""`documents:`: the 文号 rule (GB/T 9704-2012 7.2.3), each item's problems at its key's line,
and the register's rule that a number names one document wherever it is cited."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.articles import ARTICLE_FIELDS
from generator.content.config import load_site
from generator.content.docnumbers import number_problem, year_of
from generator.content.documents import check_dates
from generator.content.frontmatter import split_front_matter
from generator.content.model import Document
from generator.content.publication import load_publication
from generator.content.schema import check_fields
from generator.errors import Report

# every bracket an editor types or pastes for 〔〕, the two sides alike or not
BRACKETS = ["[2024]", "(2024)", "（2024）", "【2024】", "〔2024]", "[2024〕", "［2024］", "﹝2024﹞", "〖2024〗",
            "{2024}", "〈2024〉", "「2024」", "(2024〕"]


@pytest.mark.parametrize("year", BRACKETS)
def test_every_bracket_variant_is_refused_with_the_six_sided_brackets_suggested(year):
    found = number_problem(f"国办发{year}33号", 2024)
    assert found is not None
    assert found.suggestion == "国办发〔2024〕33号"
    assert found.reasons == (f"the year goes in 六角括号 〔〕, not {year[0]} {year[-1]}",)


@pytest.mark.parametrize("written, reason, fixed", [
    ("国办发〔24〕33号", "the year is written in full (2024, not 24)", "国办发〔2024〕33号"),
    ("国办发〔2024〕033号", "the number has no leading zeros (33, not 033)", "国办发〔2024〕33号"),
    ("国办发〔2024〕第33号", "the number takes no 第", "国办发〔2024〕33号"),
    ("国办发〔2024〕33", "it ends with 号 after the number", "国办发〔2024〕33号"),
    ("国办发〔2024〕33号文", "nothing follows 号 ('文' does)", "国办发〔2024〕33号"),
    ("国办发 〔2024〕 33号", "a 文号 has no spaces", "国办发〔2024〕33号"),
    ("国办发〔２０２４〕３３号", "its digits are written 0-9, not full-width", "国办发〔2024〕33号"),
    ("国办发2024年33号", "the year goes in 六角括号 〔〕", "国办发〔2024〕33号"),
    ("〔2024〕33号", "it starts with the issuer's code (机关代字), like 国办发", None),
    ("国办发33号", "the year is missing or not in brackets", None),
])
def test_other_slips_are_named_and_mended(written, reason, fixed):
    found = number_problem(written, 2024)
    assert found is not None and reason in found.reasons and found.suggestion == fixed


@pytest.mark.parametrize("good", ["国办发〔2024〕33号", "环办气候函〔2024〕364号", "发改办气候〔2011〕2601号",
                                  "国能发新能规〔2024〕67号", "沪府办规〔2024〕1号"])
def test_numbers_as_gb_t_9704_writes_them_pass(good):
    assert number_problem(good) is None
    assert year_of(good) == int(good.split("〔")[1][:4])


def read(text: str, tmp_path: Path, kind: str = "brief") -> tuple[dict | None, Report]:
    path = tmp_path / "x.md"
    path.write_text(text, "utf-8")
    report = Report()
    split = split_front_matter(text, path, report)
    assert split is not None
    return check_fields(split.data, ARTICLE_FIELDS[kind], report), report


HEAD = "---\ntitle: 标题\ndate: 2024-07-04\nsource: 国务院\ndocuments:\n"


def test_a_document_as_read(tmp_path):
    values, report = read(HEAD + "  - title: 关于印发《方案》的通知\n    number: 国办发〔2024〕33号\n"
                                 "    issuer: 国务院办公厅\n    date: 2024-07-04\n"
                                 "    url: https://www.gov.cn/zhengce/content/202407/content_6961215.htm\n"
                                 "  - {title: 工作方案, issuer: [国家发展改革委, 财政部], date: 2024-07-01}\n---\n",
                          tmp_path)
    assert not report.problems and values is not None
    assert values["documents"] == (
        Document("关于印发《方案》的通知", ("国务院办公厅",), dt.date(2024, 7, 4), "国办发〔2024〕33号",
                 "https://www.gov.cn/zhengce/content/202407/content_6961215.htm"),
        Document("工作方案", ("国家发展改革委", "财政部"), dt.date(2024, 7, 1)))


def test_every_problem_of_every_item_at_its_own_line(tmp_path):
    _, report = read(HEAD + "  - title: 甲\n    number: 国办发[2024]1号\n    issuer: 国务院\n    date: 2024-07-01\n"
                            "  - title: 乙\n    number: 国办发〔2023〕2号\n    issuer: 国务院\n    date: 2024-07-01\n"
                            "  - title: 甲\n    number: 国办发〔2024〕3号\n    issuer: ''\n    date: 2024-07-01\n"
                            "  - just text\n---\n", tmp_path)
    lines = sorted((p.line, p.message.split(":")[1].strip()) for p in report.problems)
    assert lines == [(7, "item 1, number"), (11, "item 2, number"), (16, "item 3, issuer"), (18, "item 4")]


def test_the_same_document_twice_in_one_article(tmp_path):
    _, report = read(HEAD + "  - {title: 甲, number: 国办发〔2024〕1号, issuer: 国务院, date: 2024-07-01}\n"
                            "  - {title: 甲, number: 国办发〔2024〕1号, issuer: 国务院, date: 2024-07-01}\n---\n",
                     tmp_path)
    assert [(p.line, p.message) for p in report.problems] == [
        (7, "documents: item 2: 国办发〔2024〕1号 is cited twice in this article; delete one")]


def test_a_document_issued_after_the_article(tmp_path):
    text = HEAD + "  - title: 甲\n    issuer: 国务院\n    date: 2024-07-05\n---\n"
    values, report = read(text, tmp_path)
    assert values is not None
    split = split_front_matter(text, tmp_path / "x.md", Report())
    assert split is not None
    check_dates(values["documents"], values["date"], split.data, report)
    assert [p.line for p in report.problems] == [8]
    check_dates(values["documents"], None, split.data, report)   # a market article may have no date
    assert len(report.problems) == 1


def test_the_documents_field_is_open_to_every_kind_of_article():
    assert all("documents" in fields for fields in ARTICLE_FIELDS.values())


def cite(path: Path, documents: str) -> None:
    text = path.read_text("utf-8")
    path.write_text(text.replace("\n---\n", f"\ndocuments:\n{documents}---\n", 1), "utf-8")


def publish(site_copy: Path) -> Report:
    report = Report()
    site = load_site(site_copy, report)
    assert site is not None
    load_publication(site, report)
    return report


def test_one_document_cited_in_two_issues_alike_is_no_problem(site_copy):
    doc = "  - {title: 甲, number: 国办发〔2024〕1号, issuer: [国务院, 财政部], date: 2024-04-01}\n"
    cite(site_copy / "issues/2024-q2/policy/2024-05-10-second-brief.md", doc)
    cite(site_copy / "issues/2024-q3/policy/2024-07-04-procurement-footprint.md", doc)
    report = publish(site_copy)
    assert not report.problems and not [w for w in report.warnings if "documents" in w.message]


def test_a_number_cited_with_another_date_names_both_places(site_copy):
    cite(site_copy / "issues/2024-q2/policy/2024-05-10-second-brief.md",
         "  - title: 甲\n    number: 国办发〔2024〕1号\n    issuer: 国务院\n    date: 2024-04-01\n")
    cite(site_copy / "issues/2024-q3/policy/2024-07-04-procurement-footprint.md",
         "  - title: 甲\n    number: 国办发〔2024〕1号\n    issuer: 国务院\n    date: 2024-04-02\n")
    report = publish(site_copy)
    [problem] = report.problems
    assert (Path(problem.path).name, problem.line) == ("2024-07-04-procurement-footprint.md", 10)
    assert problem.message.startswith("documents: item 1, date: 国办发〔2024〕1号 is cited here with date "
                                      "'2024-04-02' but at ")
    assert problem.message.endswith("/issues/2024-q2/policy/2024-05-10-second-brief.md:11 with '2024-04-01'; "
                                    "one document has one date: make them the same")


def test_a_citation_without_the_number_another_gives_is_a_warning(site_copy):
    cite(site_copy / "issues/2024-q2/policy/2024-05-10-second-brief.md",
         "  - {title: 甲, number: 国办发〔2024〕1号, issuer: 国务院, date: 2024-04-01}\n")
    cite(site_copy / "issues/2024-q3/policy/2024-07-04-procurement-footprint.md",
         "  - {title: 甲, issuer: 国务院, date: 2024-04-01}\n")
    report = publish(site_copy)
    assert not report.problems
    assert [(Path(w.path).name, w.line) for w in report.warnings if "documents" in w.message] == [
        ("2024-07-04-procurement-footprint.md", 7)]
    assert any("add 'number: 国办发〔2024〕1号'" in w.message for w in report.warnings)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("国办发气候〔〕[]()（）【】0123456789０３号第年 文")), max_size=14))
def test_any_number_passes_or_is_told_why_and_what_to_write_passes(written):
    found = number_problem(written, 2024)
    if found is not None and found.suggestion is not None:
        assert number_problem(found.suggestion) is None, found


def test_a_number_past_mending_is_told_what_a_wenhao_reads(tmp_path):
    _, report = read(HEAD + "  - {title: 甲, number: '1〔', issuer: 国务院, date: 2024-07-01}\n---\n", tmp_path)
    assert [p.message for p in report.problems] == [
        "documents: item 1, number: '1〔' is not a 文号 as written (a 文号 reads 机关代字〔年份〕序号号), "
        "like 国办发〔2024〕33号"]
