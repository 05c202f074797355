"""Forked chunks: results in order, a worker's failure reported, not lost."""
from __future__ import annotations

import os

import pytest

from generator.incremental.parallel import map_chunks, worker_count


def test_results_come_back_in_order_from_other_processes():
    results = map_chunks(lambda chunk: [(x * x, os.getpid()) for x in chunk], list(range(10)), 3)
    # chunk i holds items i, i + 3, …: costly items that cluster are shared out
    assert [[v for v, _ in chunk] for chunk in results] == [[0, 9, 36, 81], [1, 16, 49], [4, 25, 64]]
    pids = [{pid for _, pid in chunk} for chunk in results]
    assert pids[0] == {os.getpid()} and len(set.union(*pids)) == 3   # the parent takes chunk one


def test_a_failing_worker_is_an_error_in_the_parent():
    def fn(chunk):
        if 7 in chunk:
            raise ValueError("bad item")
        return chunk
    with pytest.raises(RuntimeError, match="ValueError: bad item"):
        map_chunks(fn, list(range(10)), 2)


def test_small_jobs_stay_in_one_process():
    assert worker_count(100) == 1 and worker_count(10_000, limit=1) == 1
