"""generator/content/schedule.py: which issues and articles a build publishes (drafts, items dated
after today), what it says it left out, and which problems are a draft's."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.clock import BadDate, parse_day, today
from generator.content.config import load_site
from generator.content.publication import load_publication
from generator.content.schedule import Selection, draft_scope, held_notes
from generator.errors import Report, display_path

TODAY = dt.date(2026, 12, 6)


def make_issue(content: Path, issue_id: str, date: str, draft: bool = False, articles: dict | None = None) -> None:
    folder = content / "issues" / issue_id
    (folder / "policy").mkdir(parents=True)
    (folder / "issue.yml").write_text(f"title: {issue_id}\ndate: {date}\n" + ("draft: true\n" if draft else ""),
                                      "utf-8")
    for name, (day, extra) in (articles or {}).items():
        (folder / "policy" / name).write_text(f"---\ntitle: {name}\ndate: {day}\nsource: 国务院\n{extra}---\n正文。\n",
                                              "utf-8")


def load(content: Path, select: Selection):
    report = Report()
    site = load_site(content, report)
    return load_publication(site, report, select), report


@pytest.fixture()
def content(site_copy: Path) -> Path:
    make_issue(site_copy, "2024-q4", "2025-01-15", draft=True, articles={"2024-12-01-a.md": ("2024-12-01", "")})
    make_issue(site_copy, "2027-q1", "2027-04-15", articles={"2027-02-01-b.md": ("2027-02-01", "")})
    draft = site_copy / "issues/2024-q3/policy/2024-07-04-procurement-footprint.md"
    draft.write_text(draft.read_text("utf-8").replace("---\n", "---\ndraft: true\n", 1), "utf-8")
    future = site_copy / "issues/2024-q3/policy/2026-12-07-tomorrow.md"
    future.write_text("---\ntitle: 明天\ndate: 2026-12-07\nsource: 国务院\n---\n正文。\n", "utf-8")
    return site_copy


def ids(pub) -> list[str]:
    return [i.id for i in pub.issues]


def test_drafts_and_what_is_dated_after_today_are_left_out_and_noted(content: Path):
    """issue 22 (2, 6): a draft was left out without a word; an issue dated 2030 was published at once."""
    pub, report = load(content, Selection(TODAY))
    assert ids(pub) == ["2024-q3", "2024-q2"] and not report.problems
    assert [a.slug for a in pub.issues[0].articles] == ["cea-quarter"]
    left = {(h.kind, h.name, h.draft, h.date) for h in pub.held if h.left_out}
    assert left == {("issue", "2024-q4", True, None), ("issue", "2027-q1", False, dt.date(2027, 4, 15)),
                    ("article", "2024-07-04-procurement-footprint.md", True, None),
                    ("article", "2026-12-07-tomorrow.md", False, dt.date(2026, 12, 7))}
    assert pub.due == dt.date(2026, 12, 7)    # the first day a build publishes more
    assert held_notes(pub.held, checking=False) == [
        "left out 1 draft issue (2024-q4) and 1 draft article (2024-07-04-procurement-footprint.md); "
        "--drafts builds them, marked as drafts",
        "1 issue (2027-q1) and 1 article (2026-12-07-tomorrow.md) dated after today (the first on 2026-12-07) "
        "left out until the first build on or after its date; --future builds them now"]


def test_drafts_and_future_build_everything_marked_by_held(content: Path):
    pub, _ = load(content, Selection(TODAY, drafts=True, future=True))
    assert ids(pub) == ["2027-q1", "2024-q4", "2024-q3", "2024-q2"]
    assert not any(h.left_out for h in pub.held)
    # an article held only as its issue is (a draft's article, a later issue's later article) is not counted apart
    assert {h.name for h in pub.held} == {"2024-q4", "2027-q1", "2024-07-04-procurement-footprint.md",
                                          "2026-12-07-tomorrow.md"}


def test_on_the_day_it_is_dated_an_item_is_published(content: Path):
    pub, _ = load(content, Selection(dt.date(2026, 12, 7)))
    assert "tomorrow" in [a.slug for a in pub.issues[0].articles]
    assert pub.due == dt.date(2027, 2, 1)


def test_a_drafts_problems_are_told_apart_even_when_its_front_matter_is_broken(content: Path):
    broken = content / "issues/2024-q2/policy/2024-05-10-second-brief.md"
    broken.write_text(broken.read_text("utf-8").replace("tags: [CCER]", "tags: [CCER]\ndraft: true\ntgas: x"), "utf-8")
    (content / "issues/2024-q4/policy/2024-12-02-c.md").write_text("---\ntitle: [\n---\n", "utf-8")
    pub, report = load(content, Selection(TODAY))
    of_draft = draft_scope(pub.held)
    in_draft_issue = content / "issues/2024-q4/policy/2024-12-02-c.md"
    assert {p.path for p in report.problems} == {display_path(broken), display_path(in_draft_issue)}
    assert all(of_draft(p.path) for p in report.problems)
    assert not of_draft(display_path(content / "issues/2024-q2/policy/2024-04-02-first-brief.md"))
    problems = {(p.path, p.line, p.message + " (draft)") for p in report.problems}
    report.set_apart(of_draft, "(draft)", failing=True)           # --drafts: still problems, marked
    assert {(p.path, p.line, p.message) for p in report.problems} == problems
    report.set_apart(of_draft, "(draft)", failing=False)          # marked once, however often it is asked
    assert not report.problems and problems <= {(w.path, w.line, w.message) for w in report.warnings}


def test_today_is_the_clock_unless_bulletin_today_says(monkeypatch):
    monkeypatch.delenv("BULLETIN_TODAY", raising=False)
    assert today() == dt.date.today()
    monkeypatch.setenv("BULLETIN_TODAY", "2030-01-02")
    assert today() == dt.date(2030, 1, 2)
    for bad in ("2030-1-2", "2030/01/02", "2030-02-30", "soon"):
        with pytest.raises(BadDate, match="expected YYYY-MM-DD"):
            parse_day(bad, "x")
