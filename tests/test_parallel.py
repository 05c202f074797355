"""Forked chunks: results in order, a worker's failure reported, not lost."""
from __future__ import annotations

import os

import pytest

from generator.parallel import map_chunks, worker_count


def test_results_come_back_in_order_from_other_processes():
    results = map_chunks(lambda chunk: [(x * x, os.getpid()) for x in chunk], list(range(10)), 3)
    flat = [r for chunk in results for r in chunk]
    assert [v for v, _ in flat] == [x * x for x in range(10)]
    assert len({pid for _, pid in flat}) == 3 and flat[0][1] == os.getpid()   # the parent takes chunk one


def test_a_failing_worker_is_an_error_in_the_parent():
    def fn(chunk):
        if 7 in chunk:
            raise ValueError("bad item")
        return chunk
    with pytest.raises(RuntimeError, match="ValueError: bad item"):
        map_chunks(fn, list(range(10)), 2)


def test_small_jobs_stay_in_one_process():
    assert worker_count(100) == 1 and worker_count(10_000, limit=1) == 1
