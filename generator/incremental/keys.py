"""The one rule that decides whether an output file must be made again.

An output (a page, the feed, a PDF) is made from a template and its context. Its
fingerprint covers:

- the site key: the generator's code, site.yml, the theme's files;
- the context key: every value the template was given, keyed by what a template can
  reach from it (`key_of`), except the *lazy* values, the article bodies;
- the lazy values the template actually read last time (`Reads`), by their current keys.

If none of these changed, the template runs the same way on the same values and makes
the same bytes, whatever the theme shows. A body edit therefore makes again only the
pages that read that body; any other edit makes again every page whose context reaches
it (every page's context holds the whole publication's list of issues).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import PurePath

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
    """`key_of` with a memo: the same list of issues is in every page's context."""

    def __init__(self) -> None:
        self.known: dict[int, tuple[object, str]] = {}

    def key_of(self, value: object) -> str:
        """What a template can reach from `value`, bodies aside. Views say it themselves
        (`context_key`); plain values (text, numbers, dates, frozen dataclasses of them)
        by their repr; containers by their items. Anything else is refused, so that a new
        kind of context value cannot be silently left out of the key."""
        if isinstance(value, (str, int, float, bool, dt.date, PurePath)) or value is None:
            return digest(value)
        own = getattr(value, "context_key", None)
        if isinstance(own, str):
            return own
        known = self.known.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        key = self._key_of_container(value)
        self.known[id(value)] = (value, key)   # the value is kept, so its id is not reused
        return key

    def _key_of_container(self, value: object) -> str:
        if isinstance(value, (tuple, list)):
            return digest(type(value).__name__, [self.key_of(v) for v in value])
        if isinstance(value, Mapping):
            return digest("map", [(self.key_of(k), self.key_of(v)) for k, v in sorted(value.items())])
        if dataclasses.is_dataclass(value) and getattr(type(value), "__hash__", None) is not None:
            # what a template reaches: not the fields it may not read ("_…"), nor lazy ones
            lazy = getattr(type(value), "LAZY", {})
            return digest(type(value).__name__, [self.key_of(getattr(value, f.name)) for f in dataclasses.fields(value)
                                                 if not f.name.startswith("_") and f.name not in lazy])
        raise TypeError(f"a template value of type {type(value).__name__} has no context key")

    def context_key(self, values: Mapping[str, object]) -> str:
        return digest([(name, self.key_of(value)) for name, value in sorted(values.items())])


def reads_key(reads: Iterable[Read], lazy: Mapping[Read, str]) -> str:
    """The current keys of what was read; a value that is gone keys as missing."""
    return digest([(read, lazy.get(read, "missing")) for read in reads])
