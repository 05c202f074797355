"""What is published today: drafts and items dated after today are held back.

Today's date is read once per command (generator/clock.py), so a build is a function of
its inputs and that date; `BULLETIN_TODAY=YYYY-MM-DD` sets it, for tests and for
previewing what a later day's build will publish.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


@dataclass(frozen=True)
class Selection:
    """Which issues and articles a build publishes: not drafts (unless `drafts`), nothing
    dated after `today` (unless `future`). The default holds back drafts only."""

    today: dt.date = dt.date.max
    drafts: bool = False
    future: bool = False

    def left_out(self, draft: bool, date: dt.date | None) -> bool:
        return (draft and not self.drafts) or (self.is_future(date) and not self.future)

    def is_future(self, date: dt.date | None) -> bool:
        return date is not None and date > self.today


@dataclass(frozen=True)
class Held:
    """A draft, or an issue or article dated after today, and whether the build left it out.
    An article of a held issue is not listed on its own."""

    kind: str               # "issue" | "article"
    path: Path              # the issue folder or the article file, as found
    real: Path              # the same, resolved (bodies are named by it)
    name: str               # the issue's id, the article's file name
    draft: bool
    date: dt.date | None    # its date, when after today
    left_out: bool


def held_item(kind: str, path: Path, draft: bool, date: dt.date | None, select: Selection) -> Held | None:
    """The item as held back or marked, None if it is plainly published."""
    future = date if select.is_future(date) else None
    if not draft and future is None:
        return None
    return Held(kind, path, path.resolve(), path.name, draft, future, select.left_out(draft, date))


def next_due(dates: Iterable[dt.date | None], today: dt.date) -> dt.date | None:
    """The first date after today on which an item becomes due: a build then publishes more."""
    return min((d for d in dates if d is not None and d > today), default=None)


def draft_scope(held: Iterable[Held]) -> Callable[[str], bool]:
    """Does a problem's path (as `Report` shows it) belong to a draft: a draft article's file,
    or anything in a draft issue's folder?"""
    from generator.errors import display_path
    files: set[str] = set()
    folders: set[str] = set()
    for item in held:
        if item.draft:
            names = {display_path(item.path), display_path(item.real)}
            (folders if item.kind == "issue" else files).update(names)
    prefixes = tuple(f"{name}{os.sep}" for name in folders)
    return lambda path: path in files or path in folders or path.startswith(prefixes)


def held_notes(held: tuple[Held, ...], checking: bool) -> list[str]:
    """What a build left out (or `check` checked though it is not published), in a line each."""
    notes = []
    drafts = [h for h in held if h.draft and (h.left_out or checking)]
    if drafts:
        what = _counted(drafts, "draft")
        notes.append(f"checked {what} too: not published; their problems are marked (draft) and fail only with "
                     "--drafts" if checking else f"left out {what}; --drafts builds them, marked as drafts")
    later = [h for h in held if h.date and not h.draft and (h.left_out or checking)]
    if later:
        first = min(h.date for h in later if h.date)
        what = _counted(later, "")
        notes.append(f"{what} dated after today (the first on {first.isoformat()}) "
                     + ("will be published by the first build on or after its date" if checking else
                        "left out until the first build on or after its date; --future builds them now"))
    return notes


def _counted(items: list[Held], adjective: str) -> str:
    issues = sorted(h.name for h in items if h.kind == "issue")
    articles = sorted(h.name for h in items if h.kind == "article")
    word = f"{adjective} " if adjective else ""
    parts = []
    if issues:
        parts.append(f"{len(issues)} {word}issue{'s' * (len(issues) > 1)} ({', '.join(issues[:3])}"
                     f"{', …' if len(issues) > 3 else ''})")
    if articles:
        parts.append(f"{len(articles)} {word}article{'s' * (len(articles) > 1)} ({', '.join(articles[:3])}"
                     f"{', …' if len(articles) > 3 else ''})")
    return " and ".join(parts)
