"""Use both cores: run a function over chunks of work in forked processes.

The parent works on the first chunk itself and forks one child per other
chunk. A forked child sees the parent's data without pickling it; only its
result comes back, pickled, through a pipe. No pool, no module state.
"""
from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

MIN_ITEMS_PER_WORKER = 150  # below this, forking costs more than it saves


def worker_count(items: int, limit: int | None = None) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(limit or cores, cores, items // MIN_ITEMS_PER_WORKER))


T = TypeVar("T")
R = TypeVar("R")


def map_chunks(fn: Callable[[list[T]], R], items: list[T], workers: int) -> list[R]:
    """[fn(chunk) for each chunk], chunk i holding items i, i + workers, …; in `workers` processes."""
    if workers <= 1 or not hasattr(os, "fork"):
        return [fn(items)]
    # Every n-th item, not halves: costly items (list pages, long essays) cluster in the order.
    chunks = [items[i::workers] for i in range(workers)]
    children = [_fork(fn, chunk) for chunk in chunks[1:]]
    results = [fn(chunks[0])]
    for pid, fd in children:
        results.append(_collect(pid, fd))
    return results


def _fork(fn: Callable[[list[T]], R], chunk: list[T]) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:   # the child: compute, send, leave without running the parent's exit handlers
        os.close(read_end)
        try:
            data = pickle.dumps((True, fn(chunk)), pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:
            data = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(0)
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, fd: int) -> Any:
    with os.fdopen(fd, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("a worker process died before sending its result")
    ok, value = pickle.loads(data)
    if not ok:
        raise RuntimeError(f"in a worker process: {value}")
    return value
