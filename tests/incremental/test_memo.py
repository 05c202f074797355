"""generator/incremental/memo.py: a memo recalls what the last build kept for the very same
inputs, and nothing else."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.settings import Section
from generator.incremental.memo import ArticleMemo, BodyMemo, Made, OutputMemo
from generator.output.manifest import Existing
from generator.site.pages import Page

POLICY = Section("policy", "国家政策", "brief")
ARTICLE = "/c/issues/2024-q3/policy/a.md"


# --- ArticleMemo ---------------------------------------------------------------------------------

def article_memo(last: dict | None = None, files: dict | None = None, salt: str = "code-1") -> ArticleMemo:
    return ArticleMemo(last or {}, files if files is not None else {ARTICLE: "hash-1"}, salt)


def kept_articles() -> dict:
    first = article_memo()
    assert first.recall(ARTICLE, "2024-q3", POLICY) is None          # nothing from before
    first.keep(ARTICLE, "2024-q3", POLICY, "parsed")
    return first.fresh


def test_an_article_kept_is_recalled_with_the_same_inputs_and_kept_again():
    again = article_memo(kept_articles())
    assert again.recall(ARTICLE, "2024-q3", POLICY) == "parsed"
    assert list(again.fresh.values()) == ["parsed"]                   # what the next build will have


@pytest.mark.parametrize("memo, args", [
    pytest.param({"files": {ARTICLE: "hash-2"}}, (ARTICLE, "2024-q3", POLICY), id="file-changed"),
    pytest.param({"files": {}}, (ARTICLE, "2024-q3", POLICY), id="file-unknown"),
    pytest.param({"salt": "code-2"}, (ARTICLE, "2024-q3", POLICY), id="generator-changed"),
    pytest.param({}, (ARTICLE, "2024-q4", POLICY), id="other-issue"),
    pytest.param({}, (ARTICLE, "2024-q3", Section("policy", "政策", "brief")), id="section-renamed"),
    pytest.param({}, (ARTICLE, "2024-q3", Section("policy", "国家政策", "essay")), id="section-kind"),
    pytest.param({}, ("/c/issues/2024-q3/policy/b.md", "2024-q3", POLICY), id="other-file"),
])
def test_an_article_is_missed_when_any_input_changed(memo: dict, args: tuple):
    again = article_memo(kept_articles(), **memo)
    assert again.recall(*args) is None and again.fresh == {}


def test_an_article_whose_file_is_not_hashed_is_never_kept():
    memo = article_memo(files={})
    memo.keep(ARTICLE, "2024-q3", POLICY, "parsed")
    assert memo.fresh == {}


# --- BodyMemo ------------------------------------------------------------------------------------

INPUTS = ("正文", "2024-q3", "policy", "issues/2024-q3/policy/a/index.html", "zh-CN")


def kept_body(reads_files: bool) -> dict:
    first = BodyMemo({}, "code-1", "assets-1")
    assert first.recall(ARTICLE, INPUTS, reads_files) is None
    first.keep(ARTICLE, INPUTS, reads_files, "<p>正文</p>")
    return first.fresh


def test_a_body_is_kept_under_the_inputs_it_is_kept_with():
    """`keep` reuses the key `recall` made only for the same inputs (memo.BodyMemo.key)."""
    first = BodyMemo({}, "code-1", "assets-1")
    assert first.recall(ARTICLE, INPUTS, False) is None
    changed = ("正文改", *INPUTS[1:])
    first.keep(ARTICLE, changed, False, "<p>正文改</p>")
    again = BodyMemo(first.fresh, "code-1", "assets-1")
    assert again.recall(ARTICLE, INPUTS, False) is None
    assert again.recall(ARTICLE, changed, False) == "<p>正文改</p>"


@pytest.mark.parametrize("reads_files", [False, True])
def test_a_body_kept_is_recalled_with_the_same_inputs(reads_files: bool):
    again = BodyMemo(kept_body(reads_files), "code-1", "assets-1")
    assert again.recall(ARTICLE, INPUTS, reads_files) == "<p>正文</p>"
    assert list(again.fresh.values()) == ["<p>正文</p>"] and set(again.made) == {ARTICLE}


@pytest.mark.parametrize("salt, assets, source, inputs, reads_files", [
    pytest.param("code-2", "assets-1", ARTICLE, INPUTS, False, id="generator-changed"),
    pytest.param("code-1", "assets-1", "/c/b.md", INPUTS, False, id="other-file"),
    pytest.param("code-1", "assets-1", ARTICLE, ("正文。", *INPUTS[1:]), False, id="markdown-changed"),
    pytest.param("code-1", "assets-1", ARTICLE, (*INPUTS[:-1], "en"), False, id="language-changed"),
    pytest.param("code-1", "assets-1", ARTICLE, INPUTS[:-1], False, id="one-input-less"),
    pytest.param("code-1", "assets-2", ARTICLE, INPUTS, True, id="a-data-file-changed"),
    pytest.param("code-1", "assets-1", ARTICLE, INPUTS, False, id="now-without-files"),
])
def test_a_body_is_missed_when_any_input_changed(salt, assets, source, inputs, reads_files):
    again = BodyMemo(kept_body(True), salt, assets)
    assert again.recall(source, inputs, reads_files) is None and again.fresh == {}


def test_a_body_that_reads_no_files_does_not_depend_on_them():
    again = BodyMemo(kept_body(False), "code-1", "assets-2")
    assert again.recall(ARTICLE, INPUTS, False) == "<p>正文</p>"


# --- OutputMemo ----------------------------------------------------------------------------------

PAGE = Page("issues/2024-q3/index.html", "issue.html", "zh-CN", {})
READ = (("body", ARTICLE),)
LAZY = {("body", ARTICLE): "body-1", ("body", "/c/other.md"): "body-9"}


def output_memo(out: Path, last: dict[str, Made], plan_key: str = "plan-1", lazy: dict = LAZY) -> OutputMemo:
    return OutputMemo(last, plan_key, lazy, str(out))


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    (tmp_path / "issues/2024-q3").mkdir(parents=True)
    (tmp_path / PAGE.path).write_text("<html></html>", "utf-8")
    return tmp_path


def kept_page(out: Path) -> dict[str, Made]:
    first = output_memo(out, {})
    assert first.recall(PAGE) is None
    first.keep(PAGE, READ)
    return first.fresh


def test_a_page_made_the_same_way_is_the_last_output_file(out: Path):
    again = output_memo(out, kept_page(out))
    assert again.recall(PAGE) == Existing(str(out / PAGE.path))
    assert again.fresh == kept_page(out)


def test_a_body_the_page_did_not_read_may_change(out: Path):
    again = output_memo(out, kept_page(out), lazy={**LAZY, ("body", "/c/other.md"): "body-10"})
    assert again.recall(PAGE) is not None


@pytest.mark.parametrize("plan_key, lazy, page", [
    pytest.param("plan-2", LAZY, PAGE, id="plan-changed"),
    pytest.param("plan-1", {**LAZY, ("body", ARTICLE): "body-2"}, PAGE, id="read-body-changed"),
    pytest.param("plan-1", {("body", "/c/other.md"): "body-9"}, PAGE, id="read-body-gone"),
    pytest.param("plan-1", LAZY, Page(PAGE.path, "issue2.html", "zh-CN", {}), id="template-changed"),
    pytest.param("plan-1", LAZY, Page(PAGE.path, "issue.html", "en", {}), id="language-changed"),
    pytest.param("plan-1", LAZY, Page(PAGE.path, "issue.html", "zh-CN", {}, absolute=True), id="absolute"),
    pytest.param("plan-1", LAZY, Page("issues/2024-q4/index.html", "issue.html", "zh-CN", {}), id="other-page"),
])
def test_a_page_is_made_again_when_anything_it_depends_on_changed(out: Path, plan_key, lazy, page):
    again = output_memo(out, kept_page(out), plan_key, lazy)
    assert again.recall(page) is None and again.fresh == {}


def test_a_page_whose_old_file_is_gone_is_made_again(out: Path):
    last = kept_page(out)
    (out / PAGE.path).unlink()
    assert output_memo(out, last).recall(PAGE) is None


def test_a_page_owed_is_made_by_the_next_build(out: Path):
    first = output_memo(out, {})
    first.owe(PAGE)
    assert output_memo(out, first.fresh).recall(PAGE) is None


def test_an_output_keyed_by_its_own_values_ignores_the_rest_of_the_plan(out: Path):
    """An issue's PDF is given its issue, not every issue: an edit to another issue leaves it as it was."""
    page = Page(PAGE.path, "print/issue.html", "zh-CN", {"view": ("2024-q3", "碳市场")}, values_alone=True)
    first = OutputMemo({}, "plan-1", LAZY, str(out), site_key="site-1")
    first.keep(page, READ)
    assert OutputMemo(first.fresh, "plan-2", LAZY, str(out), site_key="site-1").recall(page) is not None
    edited = Page(page.path, page.template, page.language, {"view": ("2024-q3", "碳市场扩围")}, values_alone=True)
    assert OutputMemo(first.fresh, "plan-1", LAZY, str(out), site_key="site-1").recall(edited) is None
    assert OutputMemo(first.fresh, "plan-1", LAZY, str(out), site_key="site-2").recall(page) is None  # a new theme


def test_a_file_carried_keeps_its_record_up_to_date_or_not(out: Path):
    last = kept_page(out)
    memo = output_memo(out, last, plan_key="plan-2")
    assert memo.recall(PAGE) is None                     # out of date …
    memo.carry(PAGE)                                     # … but kept (build --no-pdf)
    assert memo.fresh == last                            # the next build still knows it is out of date


def test_the_plan_key_is_made_once_and_only_when_a_page_needs_it(out: Path):
    made: list[str] = []

    def plan() -> str:
        made.append("plan-1")
        return "plan-1"
    memo = OutputMemo({}, plan, LAZY, str(out))
    assert memo.recall(PAGE) is None and made == []   # nothing of the last build to compare: not needed
    memo.keep(PAGE, READ)
    memo.make_keys()
    assert made == ["plan-1"] and memo.fresh == kept_page(out)   # the same key as given outright
    again = OutputMemo(memo.fresh, plan, LAZY, str(out))
    again.make_keys()
    assert again.recall(PAGE) is not None and made == ["plan-1", "plan-1"]
