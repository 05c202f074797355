"""The build stamp: what the last build read and left, checked first and alone to skip a
build with nothing to do.

Standard library only: `bulletin build` runs `check_stamp` before it imports the
parsers and the template engine, so a build with nothing to do costs little more than
starting Python.
"""
from __future__ import annotations

import marshal
import os
import sys

from generator import __version__
from generator.incremental.hashing import digest
from generator.incremental.listing import OutputRecord, list_files, output_unchanged
from generator.incremental.locations import cache_dir_for
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
