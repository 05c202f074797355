"""Incremental builds: skip what did not change, and equal a clean build byte for byte."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.build import Options, build


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def opts(site: Path, out: Path) -> Options:
    return Options(content=site, out=out, pdf=False, search=False)


def test_second_build_with_nothing_changed_does_nothing(site_copy, tmp_path):
    out = tmp_path / "out"
    first = build(opts(site_copy, out))
    assert not first.unchanged and first.rendered == first.pages
    second = build(opts(site_copy, out))
    assert second.unchanged


def test_edited_article_rerenders_only_the_pages_that_show_it(site_copy, tmp_path):
    out = tmp_path / "out"
    build(opts(site_copy, out))
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    article.write_text(article.read_text("utf-8").replace("要求推进碳足迹管理", "要求加快推进碳足迹管理"), "utf-8")
    result = build(opts(site_copy, out))
    # the article, its issue page (derived summary changed), home (latest issue? no: q2 is older),
    # the policy section page and its two tag pages — never every page
    assert 1 <= result.rendered <= 6 < result.pages
    assert "要求加快推进碳足迹管理" in (out / "issues/2024-q2/policy/first-brief/index.html").read_text("utf-8")


def test_incremental_build_equals_clean_build(site_copy, tmp_path):
    out, clean = tmp_path / "out", tmp_path / "clean"
    build(opts(site_copy, out))
    article = site_copy / "issues/2024-q3/policy/2024-07-04-procurement-footprint.md"
    article.write_text(article.read_text("utf-8").replace("title: 碳足迹管理将纳入政府采购",
                                                          "title: 碳足迹管理将适时纳入政府采购"), "utf-8")
    (site_copy / "issues/2024-q2/intro.md").write_text("新的引言。\n", "utf-8")
    build(opts(site_copy, out))
    build(Options(content=site_copy, out=clean, pdf=False, search=False, incremental=False))
    assert tree(out) == tree(clean)


def add_paragraph(article: Path, text: str) -> None:
    """A paragraph after the first: the body changes, the derived summary does not."""
    article.write_text(article.read_text("utf-8") + f"\n{text}\n", "utf-8")


def test_an_edit_to_a_body_alone_rerenders_only_its_own_page(site_copy, tmp_path):
    """The default theme's lists show titles, bylines and summaries, not bodies: a new
    paragraph (same summary) renders the article's page again, not its issue, section, tags."""
    out, clean = tmp_path / "out", tmp_path / "clean"
    build(opts(site_copy, out))
    add_paragraph(site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md", "新增的第二段正文。")
    result = build(opts(site_copy, out))
    assert set(result.made) == {"issues/2024-q2/policy/first-brief/index.html", "feed.xml"}   # the feed shows it
    assert "新增的第二段正文" in (out / "issues/2024-q2/policy/first-brief/index.html").read_text("utf-8")
    build(Options(content=site_copy, out=clean, pdf=False, search=False, incremental=False))
    assert tree(out) == tree(clean)


@pytest.mark.parametrize("shown", ["art.html | safe", "art.article.body"], ids=["html", "markdown"])
def test_a_theme_that_lists_bodies_has_those_lists_rendered_again(site_copy, tmp_path, shown):
    """A theme's tag page that prints each listed article's body: the build notes so while
    rendering, and a body edit renders the article's tag pages again too."""
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "tag.html").write_text(
        "{% extends 'base.html' %}{% block main %}{% for art in articles %}{{ " + shown + " }}"
        "{% endfor %}{% endblock %}", "utf-8")
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + f"theme: {theme}\n", "utf-8")
    out, clean = tmp_path / "out", tmp_path / "clean"
    build(opts(site_copy, out))
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    add_paragraph(article, "新增的第二段正文。")
    result = build(opts(site_copy, out))
    # the article, the pages of its two tags (碳足迹, CCER), the feed
    assert set(result.made) == {"issues/2024-q2/policy/first-brief/index.html", "tags/tan-zu-ji/index.html",
                                "tags/ccer/index.html", "feed.xml"}
    tags = [p for p in (out / "tags").glob("*/index.html") if "新增的第二段正文" in p.read_text("utf-8")]
    assert len(tags) == 2
    build(Options(content=site_copy, out=clean, pdf=False, search=False, incremental=False))
    assert tree(out) == tree(clean)


def test_a_renamed_issue_is_renamed_on_every_list(site_copy, tmp_path):
    """Tag and section pages name each article's issue: an older issue's new title reaches them."""
    out, clean = tmp_path / "out", tmp_path / "clean"
    build(opts(site_copy, out))
    issue = site_copy / "issues/2024-q2/issue.yml"
    issue.write_text(issue.read_text("utf-8").replace("2024年第二季度", "2024年第二季度（修订）"), "utf-8")
    build(opts(site_copy, out))
    build(Options(content=site_copy, out=clean, pdf=False, search=False, incremental=False))
    assert tree(out) == tree(clean)
    listing = [t for p in (out / "tags").glob("*/index.html") if "first-brief" in (t := p.read_text("utf-8"))]
    assert listing and all("（修订）" in t for t in listing)


def test_theme_change_rerenders_everything(site_copy, tmp_path):
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "404.html").write_text("{% extends 'base.html' %}{% block main %}v1{% endblock %}", "utf-8")
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + f"theme: {theme}\n", "utf-8")
    out = tmp_path / "out"
    build(opts(site_copy, out))
    (theme / "templates" / "404.html").write_text("{% extends 'base.html' %}{% block main %}v2{% endblock %}", "utf-8")
    result = build(opts(site_copy, out))
    assert result.rendered == result.pages
    assert "v2" in (out / "404.html").read_text("utf-8")


def test_an_edit_saves_again_only_the_shards_that_changed(site_copy, tmp_path):
    """Parsed articles and bodies are kept in sixteen files ("shards") by key: editing one
    article writes at most four: the two its old entries leave, the two its new ones go to."""
    from generator.incremental.locations import cache_dir_for
    out = tmp_path / "out"
    build(opts(site_copy, out))
    cache = Path(cache_dir_for(out))
    before = {p.name: p.stat().st_ino for p in cache.glob("shard-*.pickle")}
    assert len(before) == 16
    brief = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    brief.write_text(brief.read_text("utf-8") + "\n补充一句。\n", "utf-8")
    build(opts(site_copy, out))
    after = {p.name: p.stat().st_ino for p in cache.glob("shard-*.pickle")}
    assert 1 <= sum(after[name] != before[name] for name in before) <= 4
    build(Options(content=site_copy, out=tmp_path / "clean", pdf=False, search=False, incremental=False))
    assert tree(out) == tree(tmp_path / "clean")


def test_a_file_in_the_theme_that_is_no_template_does_not_stop_the_build(site_copy, tmp_path):
    """Templates are compiled before the workers fork; an editor's swap file or a note that
    is not UTF-8 beside them is not a template and must not break the build."""
    theme = tmp_path / "theme" / "templates"
    theme.mkdir(parents=True)
    (theme / ".base.html.swp").write_bytes(b"\xff\xfe\x00b0VIM")
    (theme / "notes.html").write_bytes("旧主题说明".encode("gbk"))
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + f"theme: {theme.parent}\n", "utf-8")
    result = build(opts(site_copy, tmp_path / "out"))
    assert result.pages and (tmp_path / "out" / "index.html").is_file()


def test_a_new_issue_language_redraws_its_bodies(site_copy, tmp_path):
    """Chart labels in a body follow the issue's language: changing it in issue.yml must not
    reuse the bodies rendered in the other language."""
    out, clean = tmp_path / "out", tmp_path / "clean"
    build(opts(site_copy, out))
    page = out / "issues/2024-q3/market/cea-quarter/index.html"
    assert "<summary>数据</summary>" in page.read_text("utf-8")
    issue_yml = site_copy / "issues/2024-q3/issue.yml"
    issue_yml.write_text(issue_yml.read_text("utf-8") + "language: en\n", "utf-8")
    build(opts(site_copy, out))
    assert "<summary>Data</summary>" in page.read_text("utf-8")
    build(Options(content=site_copy, out=clean, pdf=False, search=False, incremental=False))
    assert tree(out) == tree(clean)


def test_unchanged_articles_are_not_read_again_but_keep_their_warnings(site_copy, tmp_path):
    import sys
    out = tmp_path / "out"
    first = build(opts(site_copy, out))
    assert first.warnings      # the market article has no summary
    (site_copy / "issues/2024-q2/intro.md").write_text("新的引言。\n", "utf-8")
    market = site_copy / "issues/2024-q3/market/cea-quarter.md"
    opened: list[str] = []
    sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
    second = build(opts(site_copy, out))
    assert not second.unchanged
    assert str(market.resolve()) not in opened and str(market) not in opened
    assert sorted(map(str, second.warnings)) == sorted(map(str, first.warnings))
    market.write_text(market.read_text("utf-8").replace("title: 全国碳市场季度总览", "title: 全国碳市场季度概览"),
                      "utf-8")
    build(opts(site_copy, out))    # a changed file is read again
    assert "全国碳市场季度概览" in (out / "issues/2024-q3/market/cea-quarter/index.html").read_text("utf-8")


def test_a_parsed_article_comes_back_from_the_cache_equal(site_copy):
    """Parsed articles are kept between builds: they must come back whole."""
    import pickle

    from generator.content.articles import Parsed
    from generator.content.config import load_site
    from generator.content.publication import load_publication
    from generator.errors import Report
    report = Report()
    pub = load_publication(load_site(site_copy, report, None), report)
    essay = next(a for i in pub.issues for a in i.articles if a.meta.abstract and a.meta.author_title)
    parsed = Parsed(essay, (), tuple(report.warnings[:2]))
    again = pickle.loads(pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL))
    assert again == parsed and isinstance(again.article.source.path, Path)


@pytest.mark.slow
def test_a_clean_build_reuses_the_slugs_kept_beside_the_content(site_copy, tmp_path):
    """pypinyin's dictionaries cost more than the rest of a small build: a second output
    of the same content (or a clean rebuild) takes the slugs from .bulletin-cache/."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    def run(out: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-X", "importtime", "-m", "generator", "build", "--content",
                               str(site_copy), "--out", str(tmp_path / out), "--no-pdf", "--no-search"],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
    first, second = run("a"), run("b")
    assert first.returncode == second.returncode == 0
    assert "pypinyin" in first.stderr and "pypinyin" not in second.stderr
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_a_warm_process_reuses_its_last_build_only_while_nothing_else_built(site_copy, tmp_path):
    """`serve` hands each build the caches of the one before (`warm`) instead of reading them
    again; if another build wrote the output in between, the memo must not be trusted."""
    from dataclasses import replace
    out, clean = tmp_path / "out", tmp_path / "clean"
    first = build(opts(site_copy, out))
    assert first.saved is not None
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    article.write_text(article.read_text("utf-8") + "\n补充一句。\n", "utf-8")
    second = build(opts(site_copy, out), warm=first.saved)
    assert 0 < second.rendered < second.pages
    build(Options(content=site_copy, out=clean, pdf=False, search=False, incremental=False))
    assert tree(out) == tree(clean)
    other = build(replace(opts(site_copy, out), base_url="https://other.example/"))   # e.g. from a terminal
    assert other.rendered == other.pages
    build(opts(site_copy, out), warm=second.saved)
    assert tree(out) == tree(clean)


def test_a_chart_on_another_folders_data_is_drawn_again_when_that_data_changes(site_copy, tmp_path):
    """A body may read any CSV inside the content folder (here the issue before's); its
    cached copy must not outlive an edit there."""
    import shutil
    out, clean = tmp_path / "out", tmp_path / "clean"
    (site_copy / "issues/2024-q2/data").mkdir()
    shared = site_copy / "issues/2024-q2/data/cea_quarterly.csv"
    shutil.copy(site_copy / "issues/2024-q3/data/cea_quarterly.csv", shared)
    market = site_copy / "issues/2024-q3/market/cea-quarter.md"
    market.write_text(market.read_text("utf-8").replace("data: data/cea_quarterly.csv",
                                                        "data: ../2024-q2/data/cea_quarterly.csv"), "utf-8")
    build(opts(site_copy, out))
    shared.write_text(shared.read_text("utf-8").replace("90.44*", "91.44*"), "utf-8")
    build(opts(site_copy, out))
    build(Options(content=site_copy, out=clean, pdf=False, search=False, incremental=False))
    assert tree(out) == tree(clean)


def test_the_lock_file_word_keeps_beside_an_open_article_is_not_an_article(site_copy, tmp_path):
    (site_copy / "issues/2024-q2/policy/~$04-02-first-brief.md").write_bytes(b"\x07user\x00\x00\xff")
    result = build(opts(site_copy, tmp_path / "out"))
    assert result.pages > 0 and not any("~$" in str(w) for w in result.warnings)


def test_a_theme_with_some_static_files_keeps_the_default_themes_others(site_copy, tmp_path):
    """A theme replaces the default theme's files one by one, static files as templates: a
    theme with only its own extra.css lost style.css, favicon.svg and search.js."""
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "static").mkdir()
    (theme / "static" / "extra.css").write_text(".mine { color: #900 }\n", "utf-8")
    (theme / "static" / "favicon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + f"theme: {theme}\n", "utf-8")
    out = tmp_path / "out"
    build(opts(site_copy, out))
    default = Path(__file__).resolve().parent.parent / "themes" / "default" / "static"
    assert (out / "static" / "style.css").read_bytes() == (default / "style.css").read_bytes()
    assert (out / "static" / "search.js").is_file() and (out / "static" / "extra.css").is_file()
    assert (out / "static" / "favicon.svg").read_text("utf-8") == '<svg xmlns="http://www.w3.org/2000/svg"/>'


def test_a_body_taken_from_the_cache_keeps_its_warnings(site_copy, tmp_path):
    """A note never referred to is a warning while rendering; a rebuild for another
    article's edit took the body from the cache and said nothing."""
    first = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    first.write_text(first.read_text("utf-8") + "\n[^zz]: 无人引用的注释。\n", "utf-8")
    out = tmp_path / "out"
    note = "footnote [^zz] is never referred to"
    assert any(note in str(w) for w in build(opts(site_copy, out)).warnings)
    other = site_copy / "issues/2024-q3/policy/2024-07-04-procurement-footprint.md"
    other.write_text(other.read_text("utf-8") + "\n补充一句。\n", "utf-8")
    again = build(opts(site_copy, out))
    assert 0 < again.rendered < again.pages and any(note in str(w) for w in again.warnings)


def test_a_damaged_output_is_built_again_not_called_up_to_date(site_copy, tmp_path):
    """A page deleted or changed in the output since the build that made it: the record of
    that build no longer describes the folder, so the next build makes the site whole."""
    out, clean = tmp_path / "out", tmp_path / "clean"
    build(opts(site_copy, out))
    build(Options(content=site_copy, out=clean, pdf=False, search=False, incremental=False))
    (out / "issues/2024-q2/index.html").unlink()
    (out / "feed.xml").write_text("damaged", "utf-8")
    result = build(opts(site_copy, out))
    assert not result.unchanged
    assert tree(out) == tree(clean)


def test_a_build_runs_without_the_cycle_collector_and_turns_it_back_on(site_copy, tmp_path):
    """build.fewer_collections: the cycle collector is off during a build (its many long-lived
    objects are not scanned again and again); a process that builds again (serve) gets it
    back, after a failed build too."""
    import gc

    from generator.errors import ContentErrors
    assert gc.isenabled()
    seen: list[bool] = []
    build(Options(content=site_copy, out=tmp_path / "out", pdf=False, search=False,
                  progress=lambda stage: seen.append(gc.isenabled())))
    assert seen[1:] and not any(seen[1:]), seen
    assert gc.isenabled()
    (site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md").write_text("---\ntitle: [\n---\n", "utf-8")
    with pytest.raises(ContentErrors):
        build(Options(content=site_copy, out=tmp_path / "out", pdf=False, search=False))
    assert gc.isenabled()


def test_only_the_articles_the_feed_carries_are_written_for_it(bilingual_site, tmp_path, monkeypatch):
    """A body is rendered for the feed only if the feed shows it (the newest FEED_SIZE of each
    language); the site is byte for byte what it is when every body is, WeChat editions too."""
    import dataclasses

    import generator.site.pages as pages
    from generator.site.bodies import Rendered
    monkeypatch.setattr(pages, "FEED_SIZE", 2)
    chosen = Options(content=bilingual_site, out=tmp_path / "chosen", pdf=False, search=False,
                     base_url="https://tanqiao.cn/")
    made = build(chosen)
    monkeypatch.setattr(pages, "feed_articles", lambda pubs: None)   # as before: every body
    every = build(dataclasses.replace(chosen, out=tmp_path / "every"))
    assert tree(tmp_path / "chosen") == tree(tmp_path / "every")

    def articles_for_the_feed(result) -> tuple[int, int]:
        bodies = [v for v in result.saved.entries.values() if isinstance(v, Rendered) and "wechat" in v.kinds]
        return sum("feed" in b.kinds for b in bodies), len(bodies)
    assert articles_for_the_feed(made)[0] == 2 * 2   # two languages
    assert articles_for_the_feed(every)[0] == articles_for_the_feed(every)[1] > 4
    assert (tmp_path / "chosen/issues/2024-q3").is_dir() and list((tmp_path / "chosen").rglob("wechat*"))
