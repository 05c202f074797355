"""Drafts and the schedule, as an editor meets them: what `build` and `check` leave out and
say, the marks on draft pages (web and PDF), and what is never announced (feed, sitemap,
search). The selection itself: tests/content/test_schedule.py."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

from generator.build import Options, build
from tests.conftest import run_cli

BRIEF = "issues/2024-q2/policy/2024-05-10-second-brief.md"
BRIEF_PAGE = "issues/2024-q2/policy/second-brief/index.html"
BUILD = ("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search")


def make_draft(site: Path, rel: str = BRIEF) -> Path:
    path = site / rel
    path.write_text(path.read_text("utf-8").replace("---\n", "---\ndraft: true\n", 1), "utf-8")
    return path


def add_draft_issue(site: Path) -> None:
    folder = site / "issues/2024-q4"
    (folder / "policy").mkdir(parents=True)
    (folder / "issue.yml").write_text("title: 2024年第四季度\ndate: 2025-01-15\ndraft: true\n", "utf-8")
    (folder / "policy/2024-12-01-expansion.md").write_text(
        "---\ntitle: 全国碳市场扩围至水泥钢铁铝行业\ndate: 2024-12-01\nsource: 生态环境部\ntags: [扩围]\n"
        "summary: 扩围。\n---\n正文。\n", "utf-8")


def test_build_leaves_drafts_out_and_says_how_many(site_copy: Path):
    """issue 22 (2): a normal build did not say drafts were left out."""
    make_draft(site_copy)
    add_draft_issue(site_copy)
    done = run_cli(*BUILD, cwd=site_copy.parent)
    assert done.returncode == 0, done.stderr
    assert ("note: left out 1 draft issue (2024-q4) and 1 draft article (2024-05-10-second-brief.md); --drafts "
            "builds them, marked as drafts") in done.stderr.splitlines()
    out = site_copy.parent / "out"
    assert not (out / BRIEF_PAGE).exists() and not (out / "issues/2024-q4").exists()


def test_check_checks_drafts_marks_their_problems_and_fails_on_them_only_with_drafts(site_copy: Path):
    """issue 22 (2): `check --strict` checked only the published issue and said nothing of the draft's
    missing image."""
    add_draft_issue(site_copy)
    article = site_copy / "issues/2024-q4/policy/2024-12-01-expansion.md"
    article.write_text(article.read_text("utf-8") + "\n![图](images/missing.png)\n", "utf-8")
    expected = ("warning: content/issues/2024-q4/policy/2024-12-01-expansion.md:10: image 'images/missing.png' "
                "does not exist in the issue folder 2024-q4/ (draft)")
    done = run_cli("check", "--content", "content", "--no-pdf", cwd=site_copy.parent)
    assert done.returncode == 0 and expected in done.stderr.splitlines(), done.stderr
    assert "note: checked 1 draft issue (2024-q4) too: not published; their problems are marked (draft) and fail " \
           "only with --drafts" in done.stderr
    strict = run_cli("check", "--strict", "--content", "content", "--no-pdf", cwd=site_copy.parent)
    assert strict.returncode == 1 and expected in strict.stderr.splitlines()
    with_drafts = run_cli("check", "--drafts", "--content", "content", "--no-pdf", cwd=site_copy.parent)
    assert with_drafts.returncode == 1
    assert expected.removeprefix("warning: ") in with_drafts.stderr.splitlines(), with_drafts.stderr
    build_drafts = run_cli(*BUILD, "--drafts", cwd=site_copy.parent)
    assert build_drafts.returncode == 1 and expected.removeprefix("warning: ") in build_drafts.stderr
    assert run_cli(*BUILD, cwd=site_copy.parent).returncode == 0      # the published issues are fine


def test_with_drafts_every_draft_page_is_marked_and_never_announced(site_copy: Path):
    """issue 22 (2): with --drafts nothing said 草稿, and the draft was in feed.xml and sitemap.xml."""
    make_draft(site_copy)
    add_draft_issue(site_copy)
    assert run_cli(*BUILD, "--drafts", cwd=site_copy.parent).returncode == 0
    out = site_copy.parent / "out"
    for page in (BRIEF_PAGE, "issues/2024-q4/index.html", "issues/2024-q4/policy/expansion/index.html"):
        html = (out / page).read_text("utf-8")
        assert '<p class="status-mark status-draft" role="note" data-search-ignore><strong>草稿</strong>' in html
    listing = (out / "sections/policy/index.html").read_text("utf-8")
    assert re.search(r'第二条政策简讯</a> <span class="status-tag">草稿</span>', listing)
    feed, sitemap = (out / "feed.xml").read_text("utf-8"), (out / "sitemap.xml").read_text("utf-8")
    assert "second-brief" not in feed and "2024-q4" not in feed and "first-brief" in feed
    assert "second-brief" not in sitemap and "2024-q4" not in sitemap and "first-brief" in sitemap
    assert "<updated>2024-10-15T12:00:00+08:00</updated>" in feed     # the draft issue's date is not the feed's
    published = (out / "issues/2024-q2/policy/first-brief/index.html").read_text("utf-8")
    assert "status-mark" not in published


def test_an_english_draft_says_draft(site_copy: Path):
    make_draft(site_copy)
    yml = site_copy / "issues/2024-q2/issue.yml"
    yml.write_text(yml.read_text("utf-8") + "language: en\n", "utf-8")
    assert run_cli(*BUILD, "--drafts", cwd=site_copy.parent).returncode == 0
    assert "<strong>DRAFT</strong> This page is a draft" in (site_copy.parent / "out" / BRIEF_PAGE).read_text("utf-8")


def later_issue(site: Path) -> None:
    folder = site / "issues/2030-q1"
    (folder / "policy").mkdir(parents=True)
    (folder / "issue.yml").write_text("title: 2030年第一季度\ndate: 2030-04-15\n", "utf-8")
    (folder / "policy/2030-03-01-later.md").write_text(
        "---\ntitle: 以后的简讯\ndate: 2030-03-01\nsource: 国务院\ntags: [x]\nsummary: s\n---\n正文。\n", "utf-8")


def test_an_issue_dated_after_today_waits_for_its_date(site_copy: Path, monkeypatch):
    """issue 22 (6): an issue dated 2030 was published at once."""
    later_issue(site_copy)
    monkeypatch.setenv("BULLETIN_TODAY", "2030-04-14")
    out = site_copy.parent / "out"
    done = run_cli(*BUILD, cwd=site_copy.parent)
    assert done.returncode == 0 and not (out / "issues/2030-q1").exists()
    assert ("note: 1 issue (2030-q1) dated after today (the first on 2030-04-15) left out until the first build "
            "on or after its date; --future builds them now") in done.stderr.splitlines()
    assert "nothing changed" in run_cli(*BUILD, cwd=site_copy.parent).stdout     # the same day: nothing to do
    monkeypatch.setenv("BULLETIN_TODAY", "2030-04-15")                          # its day: built, unasked
    again = run_cli(*BUILD, cwd=site_copy.parent)
    assert "nothing changed" not in again.stdout and (out / "issues/2030-q1/policy/later/index.html").is_file()
    assert "note:" not in again.stderr
    assert "2030-q1" in (out / "feed.xml").read_text("utf-8")


def test_future_builds_what_is_dated_after_today_unmarked(site_copy: Path, monkeypatch):
    later_issue(site_copy)
    monkeypatch.setenv("BULLETIN_TODAY", "2026-12-06")
    done = run_cli(*BUILD, "--future", cwd=site_copy.parent)
    page = site_copy.parent / "out/issues/2030-q1/policy/later/index.html"
    assert done.returncode == 0 and page.is_file() and "status-mark" not in page.read_text("utf-8")


def test_serve_shows_what_is_dated_after_today_marked(site_copy: Path, tmp_path: Path):
    later_issue(site_copy)
    build(Options(content=site_copy, out=tmp_path / "preview", pdf=False, search=False, preview=True,
                  today=dt.date(2026, 12, 6)))
    page = (tmp_path / "preview/issues/2030-q1/policy/later/index.html").read_text("utf-8")
    assert ('<p class="status-mark status-scheduled" role="note" data-search-ignore><strong>定时发布</strong> '
            '尚未发布，发布日期：<time datetime="2030-03-01">2030年3月1日</time></p>') in page
    issue = (tmp_path / "preview/issues/2030-q1/index.html").read_text("utf-8")
    assert '<time datetime="2030-04-15">2030年4月15日</time></p>' in issue and "status-scheduled" in issue


def test_drafts_never_reach_the_search_index(site_copy: Path):
    """issue 22 (2): the draft article was in the search index of the output that gets published."""
    make_draft(site_copy)
    add_draft_issue(site_copy)
    done = run_cli("build", "--content", "content", "--out", "out", "--no-pdf", "--drafts", cwd=site_copy.parent)
    assert done.returncode == 0, done.stderr
    out = site_copy.parent / "out"
    index = json.loads(gzip.decompress((out / "search/index.bin").read_bytes()))
    pages = {row[0] for row in index["docs"]}
    assert "issues/2024-q2/policy/first-brief/index.html" in pages
    assert not any("second-brief" in page or "2024-q4" in page for page in pages), pages
    assert [issue_id for issue_id, _ in index["issues"]] == ["2024-q3", "2024-q2"]
    texts = b"".join(gzip.decompress(f.read_bytes()) for f in (out / "search/texts").iterdir())
    assert "扩围".encode() not in texts and "正文第二条".encode() not in texts
