"""Files a build or a command writes outside the site: the build cache's, replaced whole and
read back, and the content `bulletin new` and `bulletin import` create, never overwriting
(the site itself is written by writer.py alone)."""
from __future__ import annotations

import os
from pathlib import Path


def save_cache(folder: Path, name: str, data: bytes) -> None:
    """Cache files are replaced whole (write, then rename), so a kill never leaves half a file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, folder / name)
    except OSError:
        pass  # a cache that cannot be written only costs time next build


def read_cache(folder: Path, name: str) -> bytes | None:
    """A file `save_cache` stored (e.g. a chart's SVG under its content hash), or None.

    The chart cache lives beside the content folder (`.bulletin-cache/charts/`): the
    one thing a build reads outside the content tree and theme, and only files the
    build wrote itself.
    """
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None   # missing or unreadable: a miss, the caller renders again


def create_file(path: Path, text: str | bytes) -> None:
    """New content from `bulletin new` and `bulletin import`: never overwrites what an editor wrote."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as fh:
        fh.write(text.encode("utf-8") if isinstance(text, str) else text)
