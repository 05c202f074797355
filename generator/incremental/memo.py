"""What a stage asks of the last build: "have you made this before?"

Each stage takes an optional memo and calls `recall` before doing a piece of work and
`keep` after; the memo alone knows what the work depends on and how that is keyed.
Without a memo (`bulletin check`, tests) every call to `recall` misses.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.incremental.hashing import digest
from generator.incremental.keys import ContextKeys, Read, reads_key

if TYPE_CHECKING:
    from generator.content.settings import Section
    from generator.output.manifest import Existing
    from generator.site.pages import Page


@dataclass(frozen=True)
class Made:
    """An output file as the last build made it: its fingerprint, and the lazy values
    (bodies) its template read, which the next fingerprint is taken over."""

    fingerprint: str
    reads: tuple[Read, ...] = ()


@dataclass
class ArticleMemo:
    """Front matter read last time: an article is read again only if its file changed.
    `files`: each input file's content hash; `salt`: the generator's code."""

    last: Mapping[str, object]
    files: Mapping[str, str]
    salt: str
    fresh: dict[str, object] = field(default_factory=dict)

    def key(self, real: str, issue_id: str, section: Section) -> str | None:
        file_hash = self.files.get(real)
        return digest(self.salt, real, file_hash, issue_id, section) if file_hash else None

    def recall(self, real: str, issue_id: str, section: Section) -> object | None:
        key = self.key(real, issue_id, section)
        hit = self.last.get(key) if key else None
        if key and hit is not None:
            self.fresh[key] = hit
        return hit

    def keep(self, real: str, issue_id: str, section: Section, value: object) -> None:
        key = self.key(real, issue_id, section)
        if key:
            self.fresh[key] = value


@dataclass
class BodyMemo:
    """Rendered bodies. A body depends on its Markdown and where it is shown; one with
    images or fenced blocks also on every data and image file of the content folder,
    since which ones it reads is known only once it is rendered (`assets`)."""

    last: Mapping[str, object]
    salt: str          # the generator's code and the chart style
    assets: str        # every content file but Markdown and YAML
    fresh: dict[str, object] = field(default_factory=dict)
    made: dict[str, str] = field(default_factory=dict)   # source file → key of its body
    keyed_on: dict[str, tuple] = field(default_factory=dict)   # … and what that key was made of

    def key(self, source: str, inputs: tuple, reads_files: bool) -> str:
        if self.keyed_on.get(source) == (inputs, reads_files):   # `keep` after `recall`: hashed once
            return self.made[source]
        self.keyed_on[source] = (inputs, reads_files)
        # the inputs one by one: a body's text is hashed as it is, not through its repr
        key = self.made[source] = digest(self.salt, source, *inputs, self.assets if reads_files else "")
        return key

    def recall(self, source: str, inputs: tuple, reads_files: bool) -> object | None:
        key = self.key(source, inputs, reads_files)
        hit = self.last.get(key)
        if hit is not None:
            self.fresh[key] = hit
        return hit

    def keep(self, source: str, inputs: tuple, reads_files: bool, value: object) -> None:
        self.fresh[self.key(source, inputs, reads_files)] = value


@dataclass
class OutputMemo:
    """Pages, feeds and PDFs (see keys.py for the rule). `plan`: the site key and the plan key,
    or how to make them (once, when first asked for: a full build asks only after its pages are
    made); `lazy`: each lazy value's current key; `out`: the last output, whose files are
    linked when still right."""

    last: Mapping[str, Made]
    plan: str | Callable[[], str]
    lazy: Mapping[Read, str]
    out: str
    fresh: dict[str, Made] = field(default_factory=dict)
    site_key: str = ""                    # for an output keyed by its own values (`Page.values_alone`)
    keys: ContextKeys = field(default_factory=ContextKeys)

    @functools.cached_property
    def plan_key(self) -> str:
        return self.plan if isinstance(self.plan, str) else self.plan()

    def make_keys(self) -> None:
        """The plan key made now (while other cores start on the pages), not when first asked for."""
        self.plan_key  # noqa: B018

    def fingerprint(self, page: Page, reads: tuple[Read, ...]) -> str:
        base = digest(self.site_key, self.keys.key_of(page.values)) if page.values_alone else self.plan_key
        return digest(base, page.path, page.template, page.language, page.absolute, page.finish,
                      reads_key(reads, self.lazy))

    def recall(self, page: Page) -> Existing | None:
        """The last output's file, if its page would be made the same way again."""
        made = self.last.get(page.path)
        if made is None or self.fingerprint(page, made.reads) != made.fingerprint:
            return None
        old = os.path.join(self.out, page.path)
        if not os.path.isfile(old):
            return None
        from generator.output.manifest import Existing
        self.fresh[page.path] = made
        return Existing(old)

    def keep(self, page: Page, reads: tuple[Read, ...]) -> None:
        self.fresh[page.path] = Made(self.fingerprint(page, reads), reads)

    def carry(self, page: Page) -> None:
        """A file kept as the last build made it, up to date or not (`build --no-pdf` keeps the
        PDFs): its record too, so that the next build that makes it knows whether it must."""
        if page.path in self.last:
            self.fresh[page.path] = self.last[page.path]

    def owe(self, page: Page) -> None:
        """A file kept as it was though out of date (serve prints PDFs later): the next
        build must make it."""
        self.fresh[page.path] = Made("owed")
