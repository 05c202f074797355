"""Forked batches: results in order, the work shared out as it goes, a worker's failure
reported, not lost."""
from __future__ import annotations

import os
import time

import pytest

from generator.incremental.parallel import batches, map_chunks, worker_count


def test_results_come_back_in_order_from_other_processes():
    def fn(chunk: list[int]) -> list[tuple[int, int]]:
        time.sleep(0.01)   # work enough that every process takes some
        return [(x * x, os.getpid()) for x in chunk]
    results = map_chunks(fn, list(range(300)), 3)
    assert [v for part in results for v, _ in part] == [x * x for x in range(300)]
    assert len({pid for part in results for _, pid in part}) > 1   # not all in one process


def test_a_process_that_meets_a_costly_item_takes_fewer_batches():
    def fn(chunk: list[int]) -> list[tuple[int, int]]:
        if 0 in chunk:
            time.sleep(0.5)   # while the other process takes every other batch
        return [(x, os.getpid()) for x in chunk]
    results = map_chunks(fn, list(range(400)), 2)
    slow = results[0][0][1]
    taken_by_slow = sum(1 for part in results if part[0][1] == slow)
    assert taken_by_slow <= 2 < len(results) - taken_by_slow, [part[0] for part in results]


def test_batches_cover_every_item_once_and_shrink_towards_the_end():
    for count in (0, 1, 2, 3, 17, 1000, 5001):
        parts = batches(count, 2)
        assert [i for part in parts for i in part] == list(range(count))
        sizes = [len(part) for part in parts]
        assert sizes == sorted(sizes, reverse=True) or sizes[-1] < 2
    assert len(batches(5000, 2)) < 200   # the queue is one small write


@pytest.mark.parametrize("where", [0, 299])   # in the parent's first batch, or late in the queue
def test_a_failing_item_is_an_error_in_the_parent_and_no_worker_is_left(where: int):
    def fn(chunk):
        if where in chunk:
            raise ValueError("bad item")
        return chunk
    with pytest.raises((ValueError, RuntimeError), match=r"ValueError: bad item|^bad item$"):
        map_chunks(fn, list(range(300)), 2)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)   # no child of this process is left, running or unreaped


def test_small_jobs_stay_in_one_process():
    assert worker_count(100) == 1 and worker_count(10_000, limit=1) == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_the_parents_own_work_comes_first_while_the_others_start_on_the_batches(workers: int):
    seen: list[int] = []

    def first() -> None:
        seen.append(os.getpid())
        time.sleep(0.3 if workers > 1 else 0)

    results = map_chunks(lambda chunk: [os.getpid() for _ in chunk], list(range(300)), workers, first)
    assert seen == [os.getpid()]
    pids = {pid for part in results for pid in part}
    assert pids == ({os.getpid()} if workers == 1 else pids - {os.getpid()})   # the other took every batch
    assert sum(len(part) for part in results) == 300


def test_a_worker_that_fails_leaves_none_of_the_others_running_or_unreaped():
    def fn(chunk: list[int]) -> list[int]:
        time.sleep(0.005)
        if os.getpid() != parent and 150 <= chunk[0] < 200:
            raise ValueError("bad batch")
        return chunk
    parent = os.getpid()
    with pytest.raises(RuntimeError, match="ValueError: bad batch"):
        map_chunks(fn, list(range(400)), 3, first=lambda: time.sleep(0.3))   # the workers take every batch
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_when_the_parents_own_work_fails_the_workers_stop_at_their_batch(tmp_path):
    done = tmp_path / "done"

    def fn(chunk: list[int]) -> list[int]:
        time.sleep(0.02)
        with open(done, "a") as fh:
            fh.write("x" * len(chunk))
        return chunk

    def first() -> None:
        time.sleep(0.05)
        raise ValueError("the parent's own work")
    with pytest.raises(ValueError, match="the parent's own work"):
        map_chunks(fn, list(range(2000)), 2, first)
    assert len(done.read_text()) < 2000   # not the whole queue
