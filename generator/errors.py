"""Content problems: located, collected, reported together."""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __post_init__(self) -> None:
        """One line, whatever it quotes (errors.one_line): made here, so every problem is."""
        object.__setattr__(self, "path", one_line(self.path))
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def display_path(path: Path | str) -> str:
    """Paths relative to the working folder read best in a terminal."""
    p = Path(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:
        return str(p)
    return str(p) if rel.startswith("../..") else rel


# Line breaks of any kind (a terminal also moves down at \v and \f), other controls, and lone
# surrogates, which cannot even be printed
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(message: str) -> str:
    """A problem is one line an editor can read and grep, whatever value it quotes:
    such characters are shown escaped, as Python writes them (\\n, \\x0b, \\u2028)."""
    return _NOT_ONE_LINE.sub(lambda m: ascii(m.group())[1:-1], message)


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value)"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return shown(value)


def closest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option a misspelt `word` most likely meant (the "did you mean" of a problem), if any.
    difflib is imported only here, where a problem is being told."""
    import difflib
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return found[0] if found else None


def shown(value: Any, limit: int = 60) -> str:
    """A value quoted in a message, cut short: a message is one line (`one_line` escapes what
    would break it)."""
    text = str(value)
    return f"'{text if len(text) <= limit else text[:limit - 1] + '…'}'"


@dataclass
class Report:
    """Collects every problem of a run so the editor sees all of them at once."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, path: Path | str, line: int | None, message: str) -> None:
        self.problems.append(Problem(display_path(path), line, message))

    def warn(self, path: Path | str, line: int | None, message: str) -> None:
        self.warnings.append(Problem(display_path(path), line, message))

    def extend(self, other: Report) -> None:
        self.problems.extend(other.problems)
        self.warnings.extend(other.warnings)

    def set_apart(self, belongs: Callable[[str], bool], label: str, failing: bool) -> None:
        """The problems at paths that `belongs` end with `label` (once); unless `failing`,
        they become warnings (a draft's problems, `bulletin check` without --drafts)."""
        def labelled(p: Problem) -> Problem:
            return p if p.message.endswith(label) else Problem(p.path, p.line, f"{p.message} {label}")
        apart = [labelled(p) for p in self.problems if belongs(p.path)]
        self.problems = [p for p in self.problems if not belongs(p.path)] + (apart if failing else [])
        self.warnings = [labelled(p) if belongs(p.path) else p for p in self.warnings] + ([] if failing else apart)

    def sorted_problems(self) -> list[Problem]:
        return sorted(set(self.problems), key=lambda p: (p.path, p.line or 0, p.message))

    def sorted_warnings(self) -> list[Problem]:
        """By file and line: the order work was shared among processes must not show."""
        return sorted(set(self.warnings), key=lambda p: (p.path, p.line or 0, p.message))


class ContentErrors(Exception):
    """Raised once, after a stage, when the content has problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = problems
