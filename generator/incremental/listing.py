"""The file system as the incremental layer sees it: the folders a build reads, listed and
their files hashed; the output folder a build left, recorded and looked at again.

Standard library only (the no-op check uses it before anything else is imported).
"""
from __future__ import annotations

import os
import stat
from array import array

from generator.incremental.hashing import digest
from generator.incremental.locations import CACHE

# Folders never read by a build, and large enough to slow every check (a git checkout).
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", CACHE, "__pycache__"})
FILE, OUTSIDE_LINK, FOLDER, FOLDER_LINK, BROKEN_LINK = "f", "l", "d", "L", "x"


def list_files(roots: list) -> list[tuple[str, int, int, str, str]]:
    """(path, size, mtime_ns, kind, link target) of every file and folder under the roots,
    one stat each. Folders are listed too, so a new empty one is seen (the build checks
    that folders are sections). A link to a file outside its root is never opened (the
    build reads nothing outside the content folder and the theme; the stage that meets
    it reports it), and a linked folder is not entered: both are listed by their target."""
    found: list[tuple[str, int, int, str, str]] = []
    for root in roots:
        _list_folder(str(root), os.path.realpath(root), found)
    return found


def _list_folder(folder: str, real_root: str, found: list) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in SKIPPED_FOLDERS:
                    found.append((entry.path, 0, 0, FOLDER, ""))
                    _list_folder(entry.path, real_root, found)
            elif entry.is_symlink() and (entry.is_dir() or _outside(entry.path, real_root)):
                st = entry.stat(follow_symlinks=False)
                kind = FOLDER_LINK if entry.is_dir() else OUTSIDE_LINK
                found.append((entry.path, st.st_size, st.st_mtime_ns, kind, os.readlink(entry.path)))
            else:
                st = entry.stat()
                if stat.S_ISREG(st.st_mode):   # not a pipe: opening one to hash it would wait forever
                    found.append((entry.path, st.st_size, st.st_mtime_ns, FILE, ""))
        except OSError:   # a link to nothing (or to itself), or deleted while we list (an editor saving)
            if entry.is_symlink():   # listed by its target: adding one must not look like "nothing changed"
                found.append((entry.path, 0, 0, BROKEN_LINK, _target(entry.path)))


def hash_inputs(listing: list[tuple[str, int, int, str, str]], previous: dict[str, tuple[int, int, str]],
                jobs: int | None = None) -> dict[str, tuple[int, int, str]]:
    """path → (size, mtime_ns, hash) of every file listed; files whose size and time did
    not change keep their hash. A link to a file outside is hashed by its target's name."""
    kept: dict[str, tuple[int, int, str] | None] = {}   # in the listing's order: digest_under hashes it so
    todo: list[tuple[str, int, int]] = []
    for path, size, mtime, kind, target in listing:
        old = previous.get(path)
        if kind in (OUTSIDE_LINK, BROKEN_LINK):
            kept[path] = (size, mtime, digest("link", target))
        elif kind != FILE:
            continue
        elif old and old[0] == size and old[1] == mtime:
            kept[path] = old
        else:
            kept[path] = None
            todo.append((path, size, mtime))
    hashed: dict[str, tuple[int, int, str]] = {}
    if todo:   # a full build reads every file: on every core
        from generator.incremental.parallel import map_chunks, worker_count
        for part in map_chunks(_hash_files, todo, worker_count(len(todo), jobs)):
            hashed.update(part)
    return {path: entry or hashed[path] for path, entry in kept.items() if entry or path in hashed}


def _hash_files(files: list[tuple[str, int, int]]) -> dict[str, tuple[int, int, str]]:
    found = {}
    for path, size, mtime in files:
        try:
            with open(path, "rb") as fh:
                found[path] = (size, mtime, digest(fh.read()))
        except OSError:
            continue
    return found


def _target(link: str) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return ""


def _outside(path: str, real_root: str) -> bool:
    """Linked folders are not entered, so only the file itself can be a link."""
    real = os.path.realpath(path)
    return os.path.commonpath([real, real_root]) != real_root


OutputRecord = tuple[str, bytes]   # the paths under the output folder, "\0"-joined; each one's size and time


def output_state(out: str | os.PathLike[str]) -> OutputRecord:
    """The output folder as a build left it: every file and folder in it, and itself, each with
    its size (-1 for a folder) and mtime_ns, packed (the no-op check reads it back). A file
    deleted, replaced or damaged since means the output is not up to date, whatever the
    inputs say (`output_unchanged`)."""
    root = os.path.normpath(os.fspath(out))   # "out/" too: the paths under it are cut from its name
    found: list[tuple[str, int, int]] = [("", -1, os.stat(root).st_mtime_ns)]   # a link to it: its folder's
    folders = [root]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                st = entry.stat(follow_symlinks=False)
                is_folder = entry.is_dir(follow_symlinks=False)
                found.append((entry.path[len(root) + 1:], -1 if is_folder else st.st_size, st.st_mtime_ns))
                if is_folder:
                    folders.append(entry.path)
    found.sort()
    return "\0".join(path for path, _, _ in found), array("q", [n for _, *pair in found for n in pair]).tobytes()


def output_unchanged(out: str | os.PathLike[str], recorded: OutputRecord) -> bool:
    """Is the output folder as `output_state` recorded it? Each entry is looked at again, one
    stat each, without listing the folders: a file changed, replaced or deleted has another
    size or time, or none; adding, removing or renaming one changes its folder's time."""
    try:
        paths, packed = recorded
        numbers = array("q")
        numbers.frombytes(packed)
        pairs = iter(numbers)
        folder = os.open(out, os.O_RDONLY | os.O_DIRECTORY)   # each path looked up from here: a third faster
        try:
            for path, size, mtime in zip(paths.split("\0"), pairs, pairs, strict=True):
                st = os.stat(path, dir_fd=folder, follow_symlinks=False) if path else os.fstat(folder)
                if st.st_mtime_ns != mtime or (size >= 0 and st.st_size != size):
                    return False
        finally:
            os.close(folder)
    except (OSError, TypeError, ValueError):   # gone; or a record not of this shape
        return False
    return bool(paths)
