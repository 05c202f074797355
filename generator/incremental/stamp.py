"""The build stamp: what the last build read and left, checked first and alone to skip a
build with nothing to do.

Standard library only: `bulletin build` runs `check_stamp` before it imports the
parsers and the template engine, so a build with nothing to do costs little more than
starting Python.
"""
from __future__ import annotations

import marshal
import os
import stat
import sys
from array import array

from generator import __version__
from generator.incremental.hashing import digest
from generator.output import MARKER

STAMP_FORMAT = 6
STAMP_NAME = "inputs.marshal"


def code_digest() -> str:
    """The generator's own source files (name, size, mtime) and the packages installed
    beside it: a changed renderer, or a new markdown-it or Jinja, must not reuse bodies or
    pages cached by the old one, even within one version (editable installs)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    stats = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        for name in names:
            if name.endswith(".py"):
                st = os.stat(os.path.join(folder, name))
                stats.append((os.path.relpath(os.path.join(folder, name), package), st.st_size, st.st_mtime_ns))
    return digest(sorted(stats), installed_packages())


def installed_packages() -> list[str]:
    """The `name-version.dist-info` folders of every site-packages on the path (one
    `scandir` each, no import): installing or upgrading any package means a full build."""
    names: list[str] = []
    for folder in sys.path:
        if os.path.basename(folder) in ("site-packages", "dist-packages"):
            try:
                names += [e.name for e in os.scandir(folder) if e.name.endswith(".dist-info")]
            except OSError:
                continue
    return sorted(names)


class Inputs:
    """What the last build read: every input file's (size, mtime_ns, hash), the folders
    scanned (content, theme, default theme), the options it ran with, and one digest of
    the files' names, sizes and times (`listing`), every file and folder of the output folder
    as the build left it (`output`, `output_state`), and the first date after the build's today on which an
    item of the content falls due (`due`, YYYY-MM-DD or ""): all a no-op check compares.
    Stored with `marshal`, the head first, so the check reads the head alone."""

    __slots__ = ("due", "files", "links", "listing", "options", "output", "roots")

    def __init__(self, files: dict[str, tuple[int, int, str]] | None = None, options: str = "",
                 roots: tuple[str, ...] = (), listing: str = "", links: tuple[tuple[str, str], ...] = (),
                 output: OutputRecord = ("", b""), due: str = "") -> None:
        self.files, self.options, self.roots, self.listing = files or {}, options, roots, listing
        self.links = links   # (a root as named, where it led): a theme named through a link
        self.output = output
        self.due = due       # from this day on the same content builds another site (schedule.py)

    def dump(self) -> bytes:
        head = (f"{__version__}/{STAMP_FORMAT}", self.options, self.roots, self.listing, self.links, self.output,
                self.due)
        return marshal.dumps(head) + marshal.dumps(self.files)

    def same_head(self, other: Inputs) -> bool:
        return self.head() == other.head()

    def head(self) -> tuple:
        return self.options, self.roots, self.listing, self.links, self.output, self.due


def load_inputs(folder: str, whole: bool = True) -> Inputs:
    """The last build's inputs (without `files` unless `whole`), or empty ones if missing,
    stale or unreadable."""
    try:
        with open(os.path.join(folder, STAMP_NAME), "rb") as fh:
            version, options, roots, listing, links, output, due = marshal.load(fh)
            if version != f"{__version__}/{STAMP_FORMAT}":
                return Inputs()
            files = marshal.load(fh) if whole else {}
        if not isinstance(files, dict):
            return Inputs()
        return Inputs(files, options, tuple(roots), listing, tuple((str(n), str(r)) for n, r in links), output,
                      str(due))
    except (OSError, EOFError, ValueError, TypeError):   # cut short, or not ours
        return Inputs()


class Stamp:
    """`check_stamp`'s answer, handed on to the build so it does not list the files twice."""

    __slots__ = ("code", "current", "head", "listing", "options", "output_whole")

    def __init__(self, head: Inputs, code: str, options: str, listing: list | None, current: bool,
                 output_whole: bool) -> None:
        self.head, self.code, self.options, self.listing, self.current = head, code, options, listing, current
        self.output_whole = output_whole   # the output folder is as the last build left it

    @property
    def roots(self) -> tuple[str, ...]:
        return self.head.roots


def check_stamp(content: str | os.PathLike[str], out: str | os.PathLike[str], drafts: bool, pdf: bool, search: bool,
                base_url: str | None, use_cache: bool = True, compress: bool = False, future: bool = False,
                today: str = "", preview: bool = False) -> Stamp:
    """Is the output up to date? Decided before site.yml is even parsed: the folders
    listed are those of the last build, with the options and generator it ran with, and
    no item of the content fallen due since (`today`: YYYY-MM-DD)."""
    last = load_inputs(cache_dir_for(out), whole=False) if use_cache else Inputs()
    code = code_digest()   # a changed generator re-renders everything, as a changed theme does
    options = digest(os.path.realpath(content), drafts, pdf, search, base_url, compress, future, preview,
                     __version__, code)
    listing, same = listed_again(last)
    whole = os.path.isfile(os.path.join(out, MARKER)) and output_unchanged(out, last.output)
    current = (whole and same and last.options == options
               and all(os.path.realpath(named) == real for named, real in last.links)
               and not (last.due and today >= last.due))
    return Stamp(last, code, options, listing, current, whole)


def recorded_since(stamp: Stamp, out: str | os.PathLike[str]) -> bool:
    """Has another build recorded a site in `out` since `stamp` was made? (Its record is
    read again, not the files: cheap.)"""
    return load_inputs(cache_dir_for(out), whole=False).head() != stamp.head.head()


def inputs_changed(out: str | os.PathLike[str]) -> bool:
    """Has an input of the last build of `out` (content, theme) changed since it was made?
    The output folder itself is not looked at."""
    return not listed_again(load_inputs(cache_dir_for(out), whole=False))[1]


def listed_again(last: Inputs) -> tuple[list | None, bool]:
    """The folders the last build read, listed now, and whether they are as it listed them
    (not if it recorded none)."""
    listing = list_files(list(last.roots)) if last.roots else None
    return listing, listing is not None and digest(listing) == last.listing


OutputRecord = tuple[str, bytes]   # the paths under the output folder, "\0"-joined; each one's size and time


def output_state(out: str | os.PathLike[str]) -> OutputRecord:
    """The output folder as a build left it: every file and folder in it, and itself, each with
    its size (-1 for a folder) and mtime_ns, packed (the no-op check reads it back). A file
    deleted, replaced or damaged since means the output is not up to date, whatever the
    inputs say (`output_unchanged`)."""
    root = os.fspath(out)
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
    root = os.fspath(out)
    try:
        paths, packed = recorded
        numbers = array("q")
        numbers.frombytes(packed)
        pairs = iter(numbers)
        for path, size, mtime in zip(paths.split("\0"), pairs, pairs, strict=True):
            st = os.stat(os.path.join(root, path), follow_symlinks=False) if path else os.stat(root)
            if st.st_mtime_ns != mtime or (size >= 0 and st.st_size != size):
                return False
    except (OSError, TypeError, ValueError):   # gone; or a record not of this shape
        return False
    return bool(paths)


CACHE = ".bulletin-cache"   # the build cache's folder, beside the output folder and the content folder


def cache_dir_for(out: str | os.PathLike[str]) -> str:
    """The build cache of one output folder: `.bulletin-cache/<name>` beside it; for a folder
    that is itself in a build cache (`serve`'s preview), `<name>.cache` beside it."""
    parent, name = os.path.split(os.path.realpath(out))
    if os.path.basename(parent) == CACHE:
        return os.path.join(parent, f"{name}.cache")
    return os.path.join(parent, CACHE, name)


def preview_dir_for(out: str | os.PathLike[str]) -> str:
    """Where `serve` builds its preview: `.bulletin-cache/serve-<name>` beside the output folder,
    which it never writes (only `build` does)."""
    parent, name = os.path.split(os.path.realpath(out))
    return os.path.join(parent, CACHE, f"serve-{name}")


def shared_cache_dir(content: str | os.PathLike[str]) -> str:
    """What every output of one content folder shares (chart SVGs, compiled templates,
    tag slugs): `.bulletin-cache/` beside it, never inside it (the content is the editors')."""
    return os.path.join(os.path.dirname(os.path.realpath(content)), CACHE)


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
