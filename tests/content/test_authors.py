"""content/authors.yml and the essays' `author:`: a key links the byline, any other text is a name."""
from __future__ import annotations

from pathlib import Path

from generator.content.authors import load_authors
from generator.content.config import load_site
from generator.content.publication import load_publication
from generator.content.settings import Author, in_language
from generator.errors import Report

ESSAY = "issues/2024-q2/essays/2024-07-15-essay-one.md"


def write_authors(root: Path, text: str) -> None:
    (root / "authors.yml").write_text(text, "utf-8")


def test_authors_by_language_and_their_photo(site_copy):
    write_authors(site_copy, "zhang-san:\n  name: {zh-CN: 张三, en: Zhang San}\n  title: 项目经理\n"
                             "  bio: 研究试点碳市场。\n  photo: issues/2024-q2/images/dot.png\n")
    report = Report()
    assert load_authors(site_copy, report) == (
        Author("zhang-san", (("zh-CN", "张三"), ("en", "Zhang San")), (("", "项目经理"),), (("", "研究试点碳市场。"),),
               "issues/2024-q2/images/dot.png"),)
    assert not report.problems


def test_a_text_for_each_language_falls_back_to_the_same_language_then_the_first():
    texts = (("zh-CN", "张三"), ("en", "Zhang San"))
    assert [in_language(texts, lang) for lang in ("zh-CN", "zh", "zh-Hans-CN", "en-GB", "fr")] == [
        "张三", "张三", "张三", "Zhang San", "张三"]
    assert in_language((), "en") == ""


def test_no_authors_file_no_authors(site_copy):
    assert load_authors(site_copy, Report()) == ()


def test_a_photo_that_is_not_an_image(site_copy):
    write_authors(site_copy, "zhang-san:\n  name: 张三\n  photo: site.yml\n")
    report = Report()
    assert load_authors(site_copy, report) is None
    assert [(p.line, p.message.split(":")[1].strip()) for p in report.problems] == [(3, "photo")]


def publish(site_copy: Path, author: str) -> tuple[Report, object]:
    path = site_copy / ESSAY
    path.write_text(path.read_text("utf-8").replace("author: 张三", f"author: {author}"), "utf-8")
    report = Report()
    site = load_site(site_copy, report)
    assert site is not None
    return report, load_publication(site, report)


def test_an_essay_names_a_key_or_a_free_name(site_copy):
    write_authors(site_copy, "zhang-san:\n  name: 张三\n")
    for author in ("zhang-san", "李四", "Li Wei", "张三、李四"):
        report, _ = publish(site_copy, author)
        assert not report.problems, author
        (site_copy / ESSAY).write_text((site_copy / ESSAY).read_text("utf-8").replace(f"author: {author}",
                                                                                     "author: 张三"), "utf-8")


def test_a_known_authors_name_written_out_is_a_warning_to_use_the_key(site_copy):
    write_authors(site_copy, "zhang-san:\n  name: 张三\n")
    report, _ = publish(site_copy, "张三")
    assert not report.problems
    assert [(w.line, w.message) for w in report.warnings if w.message.startswith("author")] == [
        (4, "author: '张三' is authors.yml's 'zhang-san': write 'author: zhang-san' so the byline links to their page")]


def test_a_key_without_an_authors_file(site_copy):
    report, _ = publish(site_copy, "zhang-san")
    assert [(p.line, p.message) for p in report.problems] == [
        (4, "author: 'zhang-san' is no key of authors.yml; content/authors.yml lists no authors (a name as it is "
            "printed needs a capital or a space, like 'Li Wei')")]
