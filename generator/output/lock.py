"""One build at a time per output folder: an OS lock held for the whole build.

Two builds writing one output folder (`serve` and a `build` in a terminal, two terminals)
would each replace files the other had just written. The lock is the kernel's (`flock`),
so a killed build never leaves it held.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def hold_output(lock_file: str, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold `lock_file`'s lock; if another build holds it, call `on_wait` and wait for it.
    A lock file that cannot be made (a read-only place) is no lock: writing the site there
    fails anyway, with its own message."""
    try:
        os.makedirs(os.path.dirname(lock_file), exist_ok=True)
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)   # closing releases the lock
