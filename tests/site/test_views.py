"""generator/site/views.py: what templates are given, from the fixture site's publication."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.content.config import load_site
from generator.content.model import Article, Publication
from generator.content.publication import load_publication
from generator.errors import Report
from generator.incremental.keys import ContextKeys
from generator.site.bodies import Rendered
from generator.site.views import ArticleView, IssueView, TagRef, articles_by_tag, build_views
from tests.conftest import FIXTURE_SITE


@pytest.fixture(scope="module")
def pub() -> Publication:
    report = Report()
    site = load_site(FIXTURE_SITE, report)
    assert site is not None
    loaded = load_publication(site, report)
    assert not report.problems, report.problems
    return loaded


def rendered_for(pub: Publication) -> dict[Path, Rendered]:
    """A body for every article and intro, named after its file, as render_bodies returns them."""
    sources = [a.source.path for i in pub.issues for a in i.articles]
    sources += [i.intro_source.path for i in pub.issues if i.intro_source]
    return {p: Rendered((f"<p>{p.stem}</p>", f"<p>feed {p.stem}</p>"), f"summary {p.stem}", ()) for p in sources}


def views_of(pub: Publication, with_pdf: bool = False) -> tuple[tuple[IssueView, ...], Report]:
    report = Report()
    return build_views(pub, rendered_for(pub), report, with_pdf), report


def by_slug(views: tuple[IssueView, ...]) -> dict[str, ArticleView]:
    return {a.model.slug: a for v in views for a in v.articles}


def test_issues_newest_first_and_articles_grouped_in_the_order_of_sections(pub: Publication):
    views, report = views_of(pub)
    assert not report.problems
    assert [v.issue.id for v in views] == ["2024-q3", "2024-q2"]
    groups = {v.issue.id: [(s.key, [a.model.slug for a in arts]) for s, arts in v.groups] for v in views}
    assert groups == {"2024-q3": [("policy", ["procurement-footprint"]), ("market", ["cea-quarter"])],
                      "2024-q2": [("policy", ["first-brief", "second-brief"]), ("essays", ["essay-one"])]}
    q2 = views[1]
    assert [a.model.slug for a in q2.articles] == ["first-brief", "second-brief", "essay-one"]


def test_site_yml_decides_the_order_of_the_groups(pub: Publication):
    reordered = dataclasses.replace(pub.site, sections=tuple(reversed(pub.site.sections)))
    views, _ = views_of(Publication(reordered, pub.issues))
    assert [s.key for s, _ in views[1].groups] == ["essays", "policy"]
    assert [a.model.slug for a in views[1].articles] == ["essay-one", "first-brief", "second-brief"]


def test_each_view_shows_its_body_its_summary_and_its_paths(pub: Publication):
    views, _ = views_of(pub, with_pdf=True)
    arts = by_slug(views)
    first = arts["first-brief"]
    assert (first.html, first.feed_html) == ("<p>2024-04-02-first-brief</p>", "<p>feed 2024-04-02-first-brief</p>")
    assert first.summary == "summary 2024-04-02-first-brief"                 # from the body
    assert arts["second-brief"].summary == "编辑写的摘要。"                    # the editor's own
    assert first.path == "issues/2024-q2/policy/first-brief/index.html" and first.issue.id == "2024-q2"
    assert (first.meta, first.section, first.article) == (first.model.meta, first.model.section, first.model)
    q3, q2 = views
    assert (q3.intro_html, q2.intro_html) == ("", "<p>intro</p>")
    assert q3.path == "issues/2024-q3/index.html" and q3.cover_path is None
    assert q3.pdf_path == "issues/2024-q3/tan-qiao-2024-q3.pdf"
    assert all(v.pdf_path is None for v in views_of(pub)[0])                 # a build without PDFs links none


def test_a_tag_is_one_value_shared_by_the_articles_that_name_it(pub: Publication):
    views, _ = views_of(pub)
    arts = by_slug(views)
    footprint = TagRef("碳足迹", "tan-zu-ji")
    assert footprint in arts["first-brief"].tags and footprint in arts["procurement-footprint"].tags
    assert footprint.path == "tags/tan-zu-ji/index.html"
    tagged = {tag.slug: [a.model.slug for a in found] for tag, found in articles_by_tag(views).items()}
    assert tagged == {"tan-zu-ji": ["procurement-footprint", "first-brief"], "lv-se-cai-gou": ["procurement-footprint"],
                      "quan-guo-tan-shi-chang": ["cea-quarter"], "ccer": ["first-brief", "second-brief"],
                      "di-fang-tan-shi-chang": ["essay-one"]}


def with_tags(pub: Publication, slug: str, tags: tuple[str, ...]) -> Publication:
    def retag(a: Article) -> Article:
        return dataclasses.replace(a, meta=dataclasses.replace(a.meta, tags=tags)) if a.slug == slug else a
    return Publication(pub.site, tuple(dataclasses.replace(i, articles=tuple(map(retag, i.articles)))
                                       for i in pub.issues))


def test_two_spellings_that_would_share_a_tag_page_are_an_error_naming_the_file(pub: Publication):
    views, report = views_of(with_tags(pub, "second-brief", ("ccer",)))
    assert [(Path(p.path).name, p.message) for p in report.problems] == [
        ("2024-05-10-second-brief.md", "tags: 'ccer' and 'CCER' would share the page tags/ccer/; use one spelling")]
    assert by_slug(views)["second-brief"].tags == (TagRef("CCER", "ccer"),)     # one page, one name on it


def test_a_tag_without_letters_gets_a_page_of_its_own(pub: Publication):
    views, report = views_of(with_tags(pub, "essay-one", ("！",)))
    assert not report.problems and by_slug(views)["essay-one"].tags == (TagRef("！", "tag"),)


def test_a_views_context_key_covers_what_the_editor_wrote_and_not_the_rendered_body(pub: Publication):
    view = by_slug(views_of(pub)[0])["first-brief"]
    base = ContextKeys().key_of(view)
    other_body = dataclasses.replace(view, _rendered=Rendered(("<p>x</p>",), "x", ()), _summary="x")
    assert ContextKeys().key_of(other_body) == base
    retitled = dataclasses.replace(view, model=dataclasses.replace(
        view.model, meta=dataclasses.replace(view.model.meta, title="另一个标题")))
    assert ContextKeys().key_of(retitled) != base
    assert set(ArticleView.LAZY) == {"html", "feed_html", "summary", "text", "wechat_html", "charts"}
    assert view.lazy_source == str(view.model.source.path)
