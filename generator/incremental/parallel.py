"""Use both cores: run a function over batches of work in forked processes.

The parent forks one child per other core, then works alongside them. Each process takes
the next batch from a shared queue (a pipe holding the batch numbers) until none is left,
so a process that met costly items takes fewer: they all finish together. A forked child
sees the parent's data without pickling it; only its results come back, pickled, through
a pipe. No pool, no module state.
"""
from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

MIN_ITEMS_PER_WORKER = 150  # below this, forking costs more than it saves
_BATCH = 4                  # bytes of a batch number in the queue


def worker_count(items: int, limit: int | None = None) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(limit or cores, cores, items // MIN_ITEMS_PER_WORKER))


T = TypeVar("T")
R = TypeVar("R")


def batches(count: int, workers: int) -> list[range]:
    """Consecutive items in batches that shrink as the work left does (an eighth of what is
    left per worker, at least 2 items): few batches to take, and the last ones short, so
    that no process is left working alone at the end."""
    found, start = [], 0
    while start < count:
        size = max(2, (count - start) // (workers * 8))
        found.append(range(start, min(count, start + size)))
        start += size
    return found


def map_chunks(fn: Callable[[list[T]], R], items: list[T], workers: int,
               first: Callable[[], object] | None = None) -> list[R]:
    """[fn(batch) for each batch of `items`], in order; in `workers` processes. `first`: the
    parent's own work, which it does before it takes batches while the others start on them."""
    if workers <= 1 or not hasattr(os, "fork"):
        if first is not None:
            first()
        return [fn(items)]
    parts = batches(len(items), workers)
    queue_out, queue_in = os.pipe()
    # every batch number is queued before any process takes one, in one write the pipe holds
    os.write(queue_in, b"".join(i.to_bytes(_BATCH, "little") for i in range(len(parts))))
    children = [_fork(fn, items, parts, queue_out, queue_in) for _ in range(workers - 1)]
    os.close(queue_in)
    try:
        if first is not None:
            first()
        done = dict(_take(fn, items, parts, queue_out))
    except BaseException:
        while os.read(queue_out, 1 << 16):   # the batches left are taken away: the others stop soon
            pass
        raise
    finally:
        os.close(queue_out)
        results = [_collect(pid, fd) for pid, fd in children]   # every one, even after a failure
    for result in results:
        if isinstance(result, BaseException):
            raise result
        done.update(result)
    return [done[i] for i in range(len(parts))]


def _take(fn: Callable[[list[T]], Any], items: list[T], parts: list[range], queue: int) -> list[tuple[int, Any]]:
    """Batches from the queue until it is empty: (batch number, fn's result) of each."""
    results = []
    while len(taken := os.read(queue, _BATCH)) == _BATCH:   # a pipe read of 4 bytes is never split
        number = int.from_bytes(taken, "little")
        results.append((number, fn([items[i] for i in parts[number]])))
    return results


def _pickled(fn: Callable[[list[T]], R]) -> Callable[[list[T]], bytes]:
    """A child pickles each batch's result as soon as it has it, while the others still work,
    not all of them once the queue is empty."""
    return lambda batch: pickle.dumps(fn(batch), pickle.HIGHEST_PROTOCOL)


def _fork(fn: Callable[[list[T]], R], items: list[T], parts: list[range], queue_out: int,
          queue_in: int) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:   # the child: compute, send, leave without running the parent's exit handlers
        os.close(read_end)
        os.close(queue_in)
        try:
            data = pickle.dumps((True, _take(_pickled(fn), items, parts, queue_out)), pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:
            data = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(0)
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, fd: int) -> list[tuple[int, Any]] | RuntimeError:
    """A worker's results, or the error that stopped it; it is waited for either way."""
    with os.fdopen(fd, "rb") as pipe:
        data = pipe.read()
    try:
        if not data:
            return RuntimeError("a worker process died before sending its result")
        ok, value = pickle.loads(data)
        if not ok:
            return RuntimeError(f"in a worker process: {value}")
        return [(number, pickle.loads(result)) for number, result in value]
    finally:
        os.waitpid(pid, 0)   # after the results are read back: meanwhile its memory is given back
