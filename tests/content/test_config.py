"""generator/content/config.py: site.yml becomes a `Site`; an editor's file is read as UTF-8 text.
(Its error messages: tests/fixtures/invalid/site-*.case and section-*.case.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.config import DEFAULT_THEME, load_site, read_text, theme_folders
from generator.content.settings import EmailOptions, PdfOptions, Section
from generator.errors import Report
from tests.conftest import FIXTURE_SITE

SITE_YML = """\
title: 碳桥
base_url: {url}
sections:
  - {{key: policy, title: 国家政策, kind: brief}}
"""


def test_the_fixture_sites_yml_becomes_a_site():
    report = Report()
    site = load_site(FIXTURE_SITE, report)
    assert site is not None and not report.problems
    assert (site.title, site.language, site.base_url) == ("碳桥", "zh-CN", "https://example.org/bulletin/")
    assert [s.key for s in site.sections] == ["policy", "market", "essays"]
    assert site.sections[1] == Section("market", "市场动态", "market")
    assert site.root == FIXTURE_SITE.resolve() and site.theme == DEFAULT_THEME and site.pdf == PdfOptions()
    assert theme_folders(site) == (DEFAULT_THEME,)


@pytest.mark.parametrize("url, override, base", [
    pytest.param("https://example.org", None, "https://example.org/", id="slash-added"),
    pytest.param("https://example.org/b///", None, "https://example.org/b/", id="one-slash"),
    pytest.param("https://example.org/", "https://other.example/x", "https://other.example/x/", id="override-wins"),
])
def test_the_base_url_ends_with_one_slash(tmp_path: Path, url: str, override: str | None, base: str):
    (tmp_path / "site.yml").write_text(SITE_YML.format(url=url), "utf-8")
    site = load_site(tmp_path, Report(), override)
    assert site is not None and site.base_url == base
    assert (site.language, site.subtitle, site.publisher, site.about) == ("zh-CN", "", "", "")   # the defaults


def test_a_theme_of_the_sites_own_comes_before_the_default_one(tmp_path: Path):
    (tmp_path / "content").mkdir()
    (tmp_path / "mine" / "templates").mkdir(parents=True)
    (tmp_path / "content" / "site.yml").write_text(SITE_YML.format(url="https://example.org/") + "theme: ../mine\n",
                                                  "utf-8")
    site = load_site(tmp_path / "content", Report())
    assert site is not None and theme_folders(site) == ((tmp_path / "mine").resolve(), DEFAULT_THEME)


def test_every_problem_of_site_yml_is_reported_in_one_run(tmp_path: Path):
    (tmp_path / "site.yml").write_text(
        "title: t\nbase_url: https://example.org/\nsections:\n  - {key: Policy, title: a, kind: brief}\n"
        "  - {key: b, title: b, kind: news}\npdf: {paper: A9}\ntheme: ../nowhere\n", "utf-8")
    report = Report()
    assert load_site(tmp_path, report) is None
    assert sorted((p.line, p.message.split(":")[0]) for p in report.problems) == [
        (4, "sections"), (5, "sections"), (6, "pdf"), (7, "theme")]


@pytest.mark.parametrize("raw", [
    pytest.param(b"title: t\nbody\n", id="unix"),
    pytest.param(b"title: t\r\nbody\r\n", id="windows"),
    pytest.param(b"title: t\rbody\r", id="old-mac"),
    pytest.param(b"\xef\xbb\xbftitle: t\r\nbody\r\n", id="bom"),
])
def test_read_text_gives_the_same_text_for_any_line_ends_and_a_bom(tmp_path: Path, raw: bytes):
    (tmp_path / "a.md").write_bytes(raw)
    assert read_text(tmp_path / "a.md", Report()) == "title: t\nbody\n"


def test_read_text_names_the_line_that_is_not_utf8(tmp_path: Path):
    (tmp_path / "a.md").write_bytes("一\n二\n".encode() + "三".encode("gbk") + b"\n")
    report = Report()
    assert read_text(tmp_path / "a.md", report) is None
    assert [p.line for p in report.problems] == [3]


def test_the_email_block_becomes_email_options_with_the_services_placeholder_untouched(tmp_path: Path):
    (tmp_path / "site.yml").write_text(SITE_YML.format(url="https://example.org/") + (
        'email: {from: "碳桥 <bulletin@example.org>", reply_to: editor@example.org, '
        'unsubscribe: "{{ UnsubscribeURL }}"}\n'), "utf-8")
    site = load_site(tmp_path, Report())
    assert site is not None
    assert site.email == EmailOptions("碳桥 <bulletin@example.org>", "editor@example.org", "{{ UnsubscribeURL }}")


def test_without_an_email_block_the_options_are_empty(tmp_path: Path):
    (tmp_path / "site.yml").write_text(SITE_YML.format(url="https://example.org/"), "utf-8")
    site = load_site(tmp_path, Report())
    assert site is not None and site.email == EmailOptions()


@pytest.mark.parametrize("value, problem", [
    ("bulletin@example.org", None),
    ('"碳桥" <bulletin@example.org>', None),
    ("碳桥编辑部", "expected one address"),
    ("a@b.org, c@d.org", "expected one address"),            # one From
    ("a@b.org\nBcc: all@example.org", "a line break"),      # no header of the editor's making
    ("a@localhost", "expected one address"),
])
def test_an_email_address_is_one_address_on_one_line(value: str, problem: str | None):
    from generator.content.addresses import email_address_problem
    found = email_address_problem(value)
    assert (found is None) if problem is None else (found is not None and problem in found)


BILINGUAL_YML = """\
title: {zh-CN: 碳桥, en: Carbon Bridge}
subtitle: 环保桥季刊
languages: [zh-CN, en]
language: zh-CN
base_url: https://example.org/
about: {zh-CN: 关于, en: About us}
publisher: {zh-CN: 环保桥（上海）环境技术有限公司, en: Climate Bridge (Shanghai) Ltd.}
sections:
  - {key: policy, title: {zh-CN: 国家政策, en: National policy}, kind: brief}
  - {key: essays, title: 环保桥观察, kind: essay}
"""


def test_a_bilingual_site_reads_every_text_by_language(tmp_path: Path):
    (tmp_path / "site.yml").write_text(BILINGUAL_YML, "utf-8")
    report = Report()
    site = load_site(tmp_path, report)
    assert site is not None and not report.problems
    assert (site.language, site.languages, site.all_languages) == ("zh-CN", ("zh-CN", "en"), ("zh-CN", "en"))
    assert (site.title, site.about, site.sections[0].title) == ("碳桥", "关于", "国家政策")
    en = site.in_language("en")
    assert (en.title, en.subtitle, en.about, en.language, en.lang_edition) == (
        "Carbon Bridge", "环保桥季刊", "About us", "en", "en")
    assert en.sections == (Section("policy", "National policy", "brief"), Section("essays", "环保桥观察", "essay"))
    assert site.in_language("zh-CN") is site
    # the English cover, footer, feed and JSON-LD named the company in Chinese (issue 23's English PDF)
    assert (site.publisher, en.publisher) == ("环保桥（上海）环境技术有限公司", "Climate Bridge (Shanghai) Ltd.")


def test_a_site_without_languages_has_one_edition(tmp_path: Path):
    (tmp_path / "site.yml").write_text(SITE_YML.format(url="https://example.org/"), "utf-8")
    site = load_site(tmp_path, Report())
    assert site is not None and (site.languages, site.texts, site.all_languages) == ((), (), ("zh-CN",))


@pytest.mark.parametrize("pdf, variant", [
    pytest.param("", "pdf/ua-1", id="tagged-by-default"),
    pytest.param("pdf: {paper: A5}\n", "pdf/ua-1", id="tagged-with-other-options"),
    pytest.param("pdf: {variant: pdf/a-3b}\n", "pdf/a-3b", id="archival"),
    pytest.param("pdf: {variant: none}\n", None, id="untagged-on-request"),
])
def test_the_pdf_is_tagged_for_screen_readers_unless_site_yml_says_none(tmp_path: Path, pdf: str, variant):
    (tmp_path / "site.yml").write_text(SITE_YML.format(url="https://example.org/") + pdf, "utf-8")
    report = Report()
    site = load_site(tmp_path, report)
    assert site is not None and not report.problems, report.problems
    assert site.pdf.variant == variant
