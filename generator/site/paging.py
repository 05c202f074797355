"""Long lists cut into pages of `site.page_size` items: sections, tags, authors, the register.

Page 1 keeps the list's own address (sections/policy/index.html); page n is
…/page/n/index.html. Every page links the previous and next (rel="prev"/"next") and offers
the numbers of the pages around it, the first and the last, so a list of any length is a
few clicks from its end and no page grows with the archive.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from generator.site import urls

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
AROUND = 2   # page numbers shown on each side of the current one


@dataclass(frozen=True)
class Pager:
    first: str      # the path of page 1
    number: int     # this page's, from 1
    count: int      # how many pages the list has

    @property
    def path(self) -> str:
        return urls.page_path(self.first, self.number)

    @property
    def prev(self) -> str | None:
        return urls.page_path(self.first, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return urls.page_path(self.first, self.number + 1) if self.number < self.count else None

    def path_of(self, number: int) -> str:
        return urls.page_path(self.first, number)

    @property
    def numbers(self) -> tuple[int | None, ...]:
        """The page numbers to offer, None where some are left out: 1 … 4 5 6 7 8 … 20."""
        shown = sorted(n for n in {1, self.count, *range(self.number - AROUND, self.number + AROUND + 1)}
                       if 1 <= n <= self.count)
        out: list[int | None] = []
        last = 0
        for n in shown:
            if n - last == 2:     # one page between: its number, not a gap
                out.append(n - 1)
            elif n - last > 2:
                out.append(None)
            out.append(n)
            last = n
        return tuple(out)


def paginate(first: str, items: Sequence[T], size: int) -> list[tuple[Pager, tuple[T, ...]]]:
    """Each page's pager and items; a list with nothing in it is one empty page."""
    chunks = [tuple(items[i:i + size]) for i in range(0, len(items), size)] or [()]
    return [(Pager(first, n, len(chunks)), chunk) for n, chunk in enumerate(chunks, 1)]


def grouped(items: Iterable[T], key: Callable[[T], K]) -> tuple[tuple[K, tuple[T, ...]], ...]:
    """The items of a list under their headings (a year, an issue), in the order the headings first
    come: the lists come sorted, so each heading's items are together."""
    groups: dict[K, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return tuple((k, tuple(g)) for k, g in groups.items())
