"""The only module that writes the site to disk.

Everything goes into a temporary folder beside the output; only a complete site
replaces the previous one, with an atomic exchange of the two folders where the
kernel offers it (Linux renameat2), so a killed build leaves the old or the new
site, never a mix.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

MARKER = ".bulletin-output"   # says: this folder was written by us and may be replaced
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputError(Exception):
    pass


@dataclass(frozen=True)
class Existing:
    """A file of the previous output that is still right: linked, not rewritten."""

    path: Path


def save_cache(folder: Path, name: str, data: bytes) -> None:
    """Cache files are replaced whole (write, then rename), so a kill never leaves half a file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, folder / name)
    except OSError:
        pass  # a cache that cannot be written only costs time next build


def check_output_folder(out: Path, protected: list[Path]) -> None:
    """Refuse to replace a folder we did not write, or one holding the content or theme."""
    out = out.resolve()
    for p in protected:
        p = p.resolve()
        if out == p or out in p.parents:
            raise OutputError(f"{out}: the output folder would contain {p}; choose another --out")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise OutputError(f"{out}: exists and was not written by bulletin; "
                          "refusing to replace it (empty it or choose another --out)")


def write_site(files: Mapping[str, bytes | Path | Existing], out: Path,
               finish: Callable[[Path], None] | None = None) -> None:
    out = out.resolve()
    blocked = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise OutputError(f"{blocked}: is a file, not a folder, so {out} cannot be made; choose another --out")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    except OSError as exc:
        raise OutputError(f"{out.parent}: cannot write here: {exc.strerror}") from exc
    try:
        _write_files(tmp, files)
        (tmp / MARKER).write_text("This folder is replaced by every `bulletin build`.\n", "utf-8")
        if finish is not None:
            finish(tmp)
        os.chmod(tmp, 0o755)
        forget_cache(out)
        _swap(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        name = exc.filename or out
        raise OutputError(f"{name}: cannot write the site: {exc.strerror}; "
                          "the previous output is unchanged") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def forget_cache(out: Path) -> None:
    """Drop the build cache's record of the output just before the output changes.

    The cache says which pages the output holds; a build killed after the swap but
    before it saves the new cache would otherwise leave an old record beside a new
    site, and the next build would link pages of the wrong version. Without the record
    the next build is simply a full one.
    """
    from generator.cache import cache_dir_for
    folder = cache_dir_for(out)
    for name in ("inputs.pickle", "state.pickle"):
        try:
            os.unlink(folder / name)
        except FileNotFoundError:
            pass


def _write_files(root: Path, files: Mapping[str, bytes | Path | Existing]) -> None:
    made: set[Path] = set()
    for rel, content in sorted(files.items()):
        target = root / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if isinstance(content, Existing):
            try:
                os.link(content.path, target)   # the old site is discarded after the swap
            except OSError:
                shutil.copyfile(content.path, target)
        elif isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_bytes(content)


def _swap(new: Path, out: Path) -> None:
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        # `new` now holds the previous site. Deleting it is not part of the build: a
        # (non-daemon) thread does it while serve reloads the page; a kill leaves a
        # leftover that the next build removes.
        threading.Thread(target=shutil.rmtree, args=(new,), kwargs={"ignore_errors": True}).start()
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    os.rename(out, old)
    os.rename(new, out)
    shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    try:   # the running process's own symbols: no ldconfig subprocess (find_library costs ~15 ms)
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    return fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _remove_leftovers(out: Path) -> None:
    """Folders left by a build that was killed half-way."""
    for p in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(p, ignore_errors=True)


def create_file(path: Path, text: str) -> None:
    """New content from `bulletin new`: never overwrites what an editor wrote."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as fh:
        fh.write(text)


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
