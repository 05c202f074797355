"""The only module that writes the site to disk.

Everything goes into a folder beside the output; only a complete site replaces
the previous one, with an atomic exchange of the two folders where the kernel
offers it (Linux renameat2), so a killed build leaves the old or the new site,
never a mix. The replaced site is kept as the back buffer (`.<out>.back`): the
next build rewrites only the files that changed in it (its manifest says what
each file is) instead of making thousands of folders again. A back buffer
without its manifest (a build was killed while updating it) is thrown away.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.output import MANIFEST, MARKER
from generator.output.manifest import (
    Existing,
    Manifest,
    Written,
    extra_entries,
    file_tokens,
    manifest_bytes,
    read_manifest,
    token_of,
)

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


OutputFile = bytes | Path | Existing | Written   # new content, a file to copy, the last output's, written already


class OutputError(Exception):
    pass


def check_output_folder(out: Path, protected: list[Path]) -> None:
    """Refuse to replace a folder we did not write, or one holding the content or theme, or
    to write inside them (the next build would read the site as content)."""
    out = out.resolve()
    for p in protected:
        p = p.resolve()
        if out == p or out in p.parents:
            raise OutputError(f"{out}: the output folder would contain {p}; choose another --out")
        if p in out.parents:
            raise OutputError(f"{out}: the output folder is inside {p}, which the build reads; "
                              "choose a folder outside it with --out")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise OutputError(f"{out}: exists and was not written by bulletin; "
                          "refusing to replace it (empty it or choose another --out)")


class Staging:
    """The folder the next site is built in, opened before the pages are rendered, so
    that each page worker writes its own pages (on every core; only a token comes back).
    It is the back buffer when there is one: a page it already holds is not written."""

    def __init__(self, out: Path, folder: Path, had: Manifest | None, foreign: Path | None = None) -> None:
        self.out, self.folder, self.had = out, folder, had
        self.foreign = foreign   # something not ours where the back buffer goes: left alone
        self._base = str(folder)

    def write_page(self, rel: str, data: bytes) -> Written | bytes:
        """The page in place, or its bytes back when it cannot be yet (a stale file where
        its folder goes): `write_site` writes those after removing what is stale."""
        token = token_of(data)
        if self.had is not None and self.had.files.get(rel) == token:
            return Written(token)
        target = os.path.join(self._base, rel)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if self.had is not None:   # replaced, never changed in place: it may be linked to the live site
                try:
                    os.unlink(target)
                except FileNotFoundError:
                    pass
            with open(target, "wb") as fh:
                fh.write(data)
        except OSError:
            return data
        return Written(token)

    def discard(self) -> None:
        """A build that failed: a new folder goes; a back buffer, its manifest gone, is
        thrown away by the next build."""
        if self.had is None:
            shutil.rmtree(self.folder, ignore_errors=True)


def open_staging(out: Path) -> Staging:
    out = out.resolve()
    blocked = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise OutputError(f"{blocked}: is a file, not a folder, so {out} cannot be made; choose another --out")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(out)
        return Staging(out, *_take_back_buffer(out), foreign=_foreign_back_buffer(out))
    except OSError as exc:
        raise OutputError(f"{out.parent}: cannot write here: {exc.strerror}") from exc


def write_site(files: Mapping[str, OutputFile], out: Path,
               finish: Callable[[Path], None] | None = None, staging: Staging | None = None,
               before_swap: Callable[[], None] | None = None, compress: bool = False,
               jobs: int | None = None) -> None:
    """Make `out` hold exactly `files`, and with `compress` a .br and .gz copy of each text
    file. `finish` may add to the new site before it goes live (the search index);
    `before_swap` is told just before it does (the build cache)."""
    staging = staging or open_staging(out)
    out, tmp, had = staging.out, staging.folder, staging.had
    try:
        live = read_manifest(out)
        tokens = file_tokens(files, live)
        if compress:
            from generator.output.compress import with_compressed
            files, tokens = with_compressed(files, tokens, live, out, tmp, jobs)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"{out.parent}: cannot write here: {exc.strerror}") from exc
    try:
        _update_files(tmp, files, tokens, had)
        (tmp / MARKER).write_text("This folder is replaced by every `bulletin build`.\n", "utf-8")
        if finish is not None:
            finish(tmp)
        extra = extra_entries(tmp, files, {MARKER, MANIFEST})
        (tmp / MANIFEST).write_bytes(manifest_bytes(Manifest(tokens, extra)))
        os.chmod(tmp, 0o755)
        if before_swap is not None:
            before_swap()
        _swap(tmp, out, keep_back=staging.foreign is None)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        name = exc.filename or out
        raise OutputError(f"{name}: cannot write the site: {exc.strerror}; "
                          "the previous output is unchanged") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _back_buffer(out: Path) -> Path:
    return out.with_name(f".{out.name}.back")


def _foreign_back_buffer(out: Path) -> Path | None:
    """Something at the back buffer's name that a build did not leave there (a file, a
    link, a folder without our marker): it is left alone, and no back buffer is kept."""
    back = _back_buffer(out)
    if not os.path.lexists(back):
        return None
    return back if back.is_symlink() or not back.is_dir() or not (back / MARKER).is_file() else None


def _take_back_buffer(out: Path) -> tuple[Path, Manifest | None]:
    """The folder to build in: the back buffer with what it holds, or a new empty one."""
    back = _back_buffer(out)
    if _foreign_back_buffer(out) is not None:
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent)), None
    had = read_manifest(back) if back.is_dir() and out.is_dir() else None
    if had is not None:
        os.unlink(back / MANIFEST)   # from here until the new manifest, its content is unknown
        return back, had
    shutil.rmtree(back, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent)), None


def _update_files(root: Path, files: Mapping[str, OutputFile], tokens: dict[str, str],
                  had: Manifest | None) -> None:
    """Make `root` hold exactly `files`. Files are replaced, never changed in place: the
    back buffer shares most of them (hard links) with the site being served."""
    if had is None:
        _write_files(root, files)
        return
    for name in had.extra:
        _remove(root / name)
    for rel in had.files.keys() - files.keys():
        _remove(root / rel)
        _prune(root, (root / rel).parent)
    for rel, content in files.items():
        if had.files.get(rel) != tokens[rel] and not isinstance(content, Written):
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            _remove(target)
            _put(target, content)


def _write_files(root: Path, files: Mapping[str, OutputFile]) -> None:
    """Strings, not Paths: a `Path` per file and folder was a fifth of writing 5,000 pages."""
    base, made = str(root), set()
    for rel, content in sorted(files.items()):
        if isinstance(content, Written):
            continue
        target = os.path.join(base, rel)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        _put(target, content)


def _put(target: str | Path, content: bytes | Path | Existing) -> None:
    if isinstance(content, Existing):
        try:
            os.link(content.path, target)
        except OSError:
            shutil.copyfile(content.path, target)
    elif isinstance(content, Path):
        shutil.copyfile(content, target)
    else:
        with open(target, "wb") as fh:
            fh.write(content)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


def _prune(root: Path, folder: Path) -> None:
    """Remove folders left empty by a removed page, as a clean build would not make them."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _swap(new: Path, out: Path, keep_back: bool) -> None:
    """Put `new` in place of `out`; the replaced site becomes the back buffer (or goes,
    when something else has the back buffer's name)."""
    back = _back_buffer(out)
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        old = new
    else:
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.rename(out, old)
        os.rename(new, out)
    if not keep_back:
        shutil.rmtree(old, ignore_errors=True)
    elif old != back:
        os.rename(old, back)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two folders in one step (Linux renameat2; the standard library has no call
    for it). With two renames there is a moment with no output folder at all: a server
    reading it then answers 404 (a reader polling index.html during swaps missed most of
    its reads), and a build killed in that moment leaves none."""
    try:   # the running process's own symbols (find_library would run ldconfig)
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
