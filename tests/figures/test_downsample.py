"""Thinning a long line to the chart's columns: peaks, troughs and gaps survive."""
from __future__ import annotations

import itertools
import random

import pytest

from generator.figures.downsample import drawing_columns, kept_points


def test_a_short_series_is_drawn_whole():
    values = [1.0, None, 3.0] * 10
    assert kept_points(values, 10) == list(range(30))


def column_of(k: int, n: int, columns: int) -> int:
    return k * columns // n


@pytest.mark.parametrize("seed", range(5))
def test_every_column_keeps_its_lowest_highest_first_and_last_point_and_every_gap(seed: int):
    rng = random.Random(seed)
    n, columns = 20_000, 97
    values: list[float | None] = [rng.gauss(0, 1) for _ in range(n)]
    for start in rng.sample(range(n - 50), 8):            # empty cells: gaps of 1 to 40 rows
        length = rng.randint(1, 40)
        values[start:start + length] = [None] * length
    values[12_345] = 1e6                                    # one day's spike
    kept = kept_points(values, columns)
    indexes = [k for k in kept if k is not None]
    assert len(kept) <= 4 * columns + 3 * 8 * 2 and indexes == sorted(set(indexes))
    assert 12_345 in indexes and all(values[k] is not None for k in indexes)
    members: dict[int, list[float]] = {}
    drawn: dict[int, list[float]] = {}
    for k, v in enumerate(values):
        if v is not None:
            members.setdefault(column_of(k, n, columns), []).append(v)
    for k in indexes:
        drawn.setdefault(column_of(k, n, columns), []).append(values[k])
    assert drawn.keys() == members.keys()                   # per column: its extremes are drawn
    assert all(max(drawn[c]) == max(members[c]) and min(drawn[c]) == min(members[c]) for c in members)
    for a, b in itertools.pairwise(kept):                   # a line is drawn from a to b …
        if a is not None and b is not None:                 # … only where no empty cell lies between
            assert all(values[k] is not None for k in range(a, b + 1))
    gaps = sum(1 for a, b in itertools.pairwise(values) if a is not None and b is None)
    assert kept.count(None) == gaps - (values[-1] is None)


def test_columns_follow_the_width():
    assert drawing_columns(16.0) == 798 and drawing_columns(9.0) == 449
