"""generator/site/rendering.py: pages rendered with their values, the bodies each one read noted
for the memo, a page the memo vouches for taken from the last output, one line per theme mistake."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.model import Article, ArticleMeta, Source
from generator.content.settings import Section
from generator.errors import Report
from generator.incremental.memo import OutputMemo
from generator.output.manifest import Existing
from generator.site.pages import Page
from generator.site.rendering import render_pages
from generator.site.templates import create_environment

SITE_URL = "https://example.org/b/"
SOURCE = Path("/content/issues/2024-q3/policy/a.md")
ART = Article(Source(SOURCE, 5), "2024-q3", Section("policy", "国家政策", "brief"), "a", ArticleMeta("标题"), "正文")
TEMPLATES = {
    "body.html": "{{ art.body }}|{{ url('index.html') }}",
    "title.html": "{{ art.meta.title }}|{{ url('issues/') }}",
    "broken.html": "{{ art.nothere }}",
}


@pytest.fixture()
def env(tmp_path: Path):
    (tmp_path / "theme" / "templates").mkdir(parents=True)
    for name, text in TEMPLATES.items():
        (tmp_path / "theme" / "templates" / name).write_text(text, "utf-8")
    return create_environment(tmp_path / "theme")


def page(path: str, template: str, absolute: bool = False) -> Page:
    return Page(path, template, "zh-CN", {"art": ART}, absolute=absolute)


PAGES = [page("issues/2024-q3/policy/a/index.html", "body.html"), page("sections/policy/index.html", "title.html"),
         page("404.html", "title.html", absolute=True)]


def test_each_page_is_its_template_with_its_values_and_links(env):
    files, made = render_pages(env, PAGES, SITE_URL, Report(), jobs=1)
    assert files == {"issues/2024-q3/policy/a/index.html": "正文|../../../../index.html".encode(),
                     "sections/policy/index.html": "标题|../../issues/index.html".encode(),
                     "404.html": f"标题|{SITE_URL}issues/".encode()}         # served anywhere: whole URLs
    assert made == tuple(p.path for p in PAGES)


def test_the_memo_learns_what_each_page_read_and_renders_again_only_the_readers_of_a_changed_body(env, tmp_path):
    out = tmp_path / "out"
    first = OutputMemo({}, "plan", {("body", str(SOURCE)): "v1"}, str(out))
    files, _ = render_pages(env, PAGES, SITE_URL, Report(), first, jobs=1)
    assert first.fresh["issues/2024-q3/policy/a/index.html"].reads == (("body", str(SOURCE)),)
    assert first.fresh["sections/policy/index.html"].reads == ()
    for path, content in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(content)
    second = OutputMemo(first.fresh, "plan", {("body", str(SOURCE)): "v2"}, str(out))
    files, made = render_pages(env, PAGES, SITE_URL, Report(), second, jobs=1)
    assert made == ("issues/2024-q3/policy/a/index.html",)
    assert files["sections/policy/index.html"] == Existing(str(out / "sections/policy/index.html"))
    assert set(second.fresh) == {p.path for p in PAGES}                      # every page known next time


def test_one_mistake_in_a_template_is_one_problem_naming_the_pages(env):
    report = Report()
    pages = [page(f"tags/t{i}/index.html", "broken.html") for i in range(3)] + PAGES[1:2]
    files, made = render_pages(env, pages, SITE_URL, report, jobs=1)
    assert list(files) == ["sections/policy/index.html"] and len(made) == 4
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert problem.path.endswith("broken.html") and problem.line == 1
    assert problem.message.endswith("(rendering tags/t0/index.html and 2 other pages)")
