"""Long lists in pages: addresses, the numbers offered, and every item on exactly one page."""
from __future__ import annotations

import pytest

from generator.site.paging import Pager, paginate
from generator.site.urls import page_path

FIRST = "sections/policy/index.html"


def test_page_one_keeps_the_lists_address_and_the_others_go_under_page():
    assert page_path(FIRST, 1) == FIRST
    assert page_path(FIRST, 2) == "sections/policy/page/2/index.html"
    assert page_path("documents/index.html", 12) == "documents/page/12/index.html"


@pytest.mark.parametrize("number, count, numbers", [
    (1, 1, (1,)),
    (1, 5, (1, 2, 3, 4, 5)),
    (6, 20, (1, None, 4, 5, 6, 7, 8, None, 20)),
    (4, 20, (1, 2, 3, 4, 5, 6, None, 20)),     # 1 2 3, never 1 … 3: one page between is shown
    (20, 20, (1, None, 18, 19, 20)),
])
def test_the_numbers_around_this_page_the_first_and_the_last(number, count, numbers):
    assert Pager(FIRST, number, count).numbers == numbers


def test_previous_and_next():
    first, middle, last = Pager(FIRST, 1, 3), Pager(FIRST, 2, 3), Pager(FIRST, 3, 3)
    assert (first.prev, first.next) == (None, "sections/policy/page/2/index.html")
    assert (middle.prev, middle.next) == (FIRST, "sections/policy/page/3/index.html")
    assert (last.prev, last.next, last.path) == ("sections/policy/page/2/index.html", None,
                                                 "sections/policy/page/3/index.html")


@pytest.mark.parametrize("n, size, pages", [(0, 30, 1), (1, 30, 1), (30, 30, 1), (31, 30, 2), (5000, 30, 167)])
def test_every_item_on_exactly_one_page(n, size, pages):
    found = paginate(FIRST, list(range(n)), size)
    assert len(found) == pages
    assert [item for _, chunk in found for item in chunk] == list(range(n))
    assert all(len(chunk) <= size for _, chunk in found)
    assert [p.number for p, _ in found] == list(range(1, pages + 1)) and all(p.count == pages for p, _ in found)
