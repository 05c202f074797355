"""Use both cores: run a function over chunks of work in forked worker processes.

Workers are forked, so they see the parent's data without pickling it; only
chunk indices go out and results come back. The data is handed over through
`_SHARED`, set just before the fork and cleared after: the one piece of module
state in the generator, and only fork can read it.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Sequence

_SHARED: dict[str, Any] = {}
MIN_ITEMS_PER_WORKER = 150  # below this, forking costs more than it saves


def worker_count(items: int, limit: int | None = None) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(limit or cores, cores, items // MIN_ITEMS_PER_WORKER))


def _run_chunk(args: tuple[int, int]) -> Any:
    start, stop = args
    return _SHARED["fn"](_SHARED["items"][start:stop])


def map_chunks(fn: Callable[[Sequence[Any]], Any], items: Sequence[Any], workers: int) -> list[Any]:
    """[fn(chunk) for each chunk], in order; in `workers` processes when more than one."""
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(items)]
    size = -(-len(items) // workers)
    bounds = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    _SHARED.update(fn=fn, items=items)
    try:
        with multiprocessing.get_context("fork").Pool(len(bounds)) as pool:
            return pool.map(_run_chunk, bounds, chunksize=1)
    finally:
        _SHARED.clear()
