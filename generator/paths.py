"""Path safety: the one place that decides whether a path may be read."""
from __future__ import annotations

from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    pass


def resolve_inside(root: Path, relative: str, base: Path | None = None) -> Path:
    """Resolve `relative` against `base` (default root); refuse anything that leaves `root`.

    Symlinks are resolved first, so a link pointing out of the tree is refused too.
    """
    if not relative or "\x00" in relative:
        raise UnsafePath("empty path")
    if "://" in relative or relative.startswith(("data:", "file:")):
        raise UnsafePath(f"'{relative}' is a URL, not a file inside the content folder")
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute():
        raise UnsafePath(f"'{relative}' is an absolute path; use a path inside the content folder")
    root_real = root.resolve()
    try:
        candidate = ((base or root) / Path(*pure.parts)).resolve()
    except RuntimeError:   # how Python names a link loop
        raise UnsafePath(f"'{relative}' is a link that leads back to itself; delete it") from None
    if candidate != root_real and root_real not in candidate.parents:
        raise UnsafePath(f"'{relative}' points outside the content folder")
    return candidate


def is_inside(root: Path, path: Path) -> bool:
    """False for a link that leads back to itself: it is nowhere (see `is_link_loop`)."""
    try:
        root_real, real = root.resolve(), path.resolve()
    except RuntimeError:   # how Python names a link loop
        return False
    return real == root_real or root_real in real.parents


def is_link_loop(path: Path) -> bool:
    try:
        path.resolve()
    except RuntimeError:
        return True
    return False
