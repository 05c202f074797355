"""The one rule that decides whether an output file must be made again.

An output (a page, the feed, a PDF) is made from a template and the values it is given.
Every output's values are made by one function of the site, the views of the issues and
the `about` text (site/pages.py `plan_pages`, pdf/pages.py `pdf_pages`), so what any
template can reach is covered by one *plan key* over those three. An output's
fingerprint covers:

- the site key: the generator's code, site.yml, the theme's files;
- the plan key: every value the plan is made of, keyed by what a template can reach
  from it (`ContextKeys.key_of`), except the *lazy* values, the article bodies;
- the output's path, template and language;
- the lazy values its template actually read last time (`Reads`), by their current keys.

If none of these changed, the template runs the same way on the same values and makes
the same bytes, whatever the theme shows. A body edit therefore makes again only the
outputs that read that body; any other edit makes every page again (each page is given
the whole list of issues anyway).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import PosixPath, PurePath, PurePosixPath, PureWindowsPath

from generator.incremental.hashing import digest

Read = tuple[str, str]   # (kind, source file), e.g. ("body", "/…/policy/foo.md")


class Reads:
    """Collects the lazy values read while one output is made. A class with lazy values
    names them in `LAZY` (attribute → kind) and says which file they come from in
    `lazy_source`; the template environment calls `note` on every attribute it reads."""

    def __init__(self) -> None:
        self.current: set[Read] | None = None

    def start(self) -> None:
        self.current = set()

    def note(self, obj: object, name: str) -> None:
        kind = getattr(type(obj), "LAZY", {}).get(name)
        if kind is not None and self.current is not None:
            self.current.add((kind, obj.lazy_source))   # type: ignore[attr-defined]

    def stop(self) -> tuple[Read, ...]:
        found, self.current = sorted(self.current or ()), None
        return tuple(found)


class ContextKeys:
    """`key_of` with a memo: values are shared between issues, pages and outputs."""

    def __init__(self) -> None:
        self.known: dict[int, tuple[object, str]] = {}
        self.fields: dict[type, tuple[str, ...]] = {}

    def key_of(self, value: object) -> str:
        """What a template can reach from `value`, bodies aside: plain values (text,
        numbers, dates) by their repr; containers and frozen dataclasses by their items.
        Anything else is refused, so that a new kind of value cannot be silently left out
        of the key."""
        known = self.known.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        if isinstance(value, PLAIN):
            key = repr(value)
        elif isinstance(value, (tuple, list)):
            key = digest(type(value).__name__, [self._part(v) for v in value])
        elif isinstance(value, Mapping):
            key = digest("map", [(self._part(k), self._part(v)) for k, v in sorted(value.items())])
        else:
            key = digest(type(value).__name__, [self._part(getattr(value, name))
                                                for name in self._reachable_fields(type(value))])
        self.known[id(value)] = (value, key)   # the value is kept, so its id is not reused
        return key

    def _part(self, value: object) -> object:
        """Inside a container, a plain value (or a tuple of them) stands for itself: the
        container's key takes its repr. Only what can be shared is keyed and memoized."""
        if value is None or type(value) in _ITSELF:
            return value
        if isinstance(value, tuple) and all(type(v) in _ITSELF for v in value):
            return value
        return Keyed(self.key_of(value))

    def _reachable_fields(self, kind: type) -> tuple[str, ...]:
        """The fields of a frozen dataclass a template can reach: not those it may not read
        ("_…"), nor lazy ones."""
        if kind not in self.fields:
            if not (dataclasses.is_dataclass(kind) and kind.__dataclass_params__.frozen):  # type: ignore[attr-defined]
                raise TypeError(f"a template value of type {kind.__name__} has no context key")
            self.fields[kind] = reachable_fields(kind)
        return self.fields[kind]


def reachable_fields(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass a template can reach (the sandbox hands them out as they are,
    templates.ThemeEnvironment): not those it may not read ("_…"), nor lazy ones (noted when read)."""
    lazy = getattr(kind, "LAZY", {})
    return tuple(f.name for f in dataclasses.fields(kind) if not f.name.startswith("_") and f.name not in lazy)


class Keyed(str):
    """A value's key inside a container's: its repr is marked, so that it never reads as a plain
    text part (a datetime keys as its repr, which a text could hold too)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"K{str.__repr__(self)}"


PLAIN = (str, int, float, bool, dt.date, PurePath, type(None))
# PLAIN's exact types as values have them (a subclass, a datetime, goes through key_of): a set look-up
_ITSELF = frozenset({str, int, float, bool, dt.date, PurePosixPath, PosixPath, PureWindowsPath})


def reads_key(reads: Iterable[Read], lazy: Mapping[Read, str]) -> str:
    """The current keys of what was read; a value that is gone keys as missing."""
    return digest([(read, lazy.get(read, "missing")) for read in reads])
