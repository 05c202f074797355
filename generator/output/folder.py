"""The output folder as one build holds it: the lock that lets one build at a time write it
(lock.py), the staging folder the page workers write into, and the swap that puts the whole new
site in place (writer.py). A folder the writer will refuse (one holding or inside the content or
the theme, one bulletin did not make) gets no lock and no staging: the build says why when it
writes, after the content's own problems."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from generator.errors import Report
from generator.output.writer import OutputError, OutputFile, Staging, check_output_folder, open_staging, write_site


def writable(out: Path, protected: list[Path]) -> bool:
    """`out` is a folder the build may replace (`check_output_folder` says why not)."""
    try:
        check_output_folder(out, protected)
    except OutputError:
        return False
    return True


def output_lock(out: Path, protected: list[Path], lock_file: str) -> AbstractContextManager[None]:
    """One build at a time writes an output folder: another waits for it (no lock file may be
    made for a folder that will be refused: it could be inside the content folder)."""
    from generator.output.lock import hold_output
    if not writable(out, protected):
        return nullcontext()
    return hold_output(lock_file, lambda: print(f"another build is writing {out}/; waiting for it to finish",
                                                file=sys.stderr, flush=True))


@contextmanager
def staged_output(out: Path, protected: list[Path], wanted: bool) -> Iterator[Staging | None]:
    """The folder the site is built in, for the page workers to write into; none unless
    `wanted` (not for `bulletin check`, nor after problems) or for a folder that will be refused.
    Thrown away if the build fails."""
    staging = None
    if wanted and writable(out, protected):
        try:
            staging = open_staging(out)
        except OutputError:
            staging = None
    try:
        yield staging
    except BaseException:
        if staging is not None:
            staging.discard()
        raise


def write_output(files: Mapping[str, OutputFile], out: Path, protected: list[Path], staging: Staging | None,
                 before_swap: Callable[[], None], compress: bool, jobs: int | None) -> None:
    """The site into `out`, whole (raises OutputError for a folder it must not replace)."""
    check_output_folder(out, protected)
    write_site(files, out, None, staging, before_swap, compress, jobs)


def warn_foreign_back_buffer(staging: Staging | None, report: Report) -> None:
    if staging is not None and staging.foreign is not None:
        report.warn(staging.foreign, None, "is not something bulletin made, so it was left alone; bulletin "
                                           "keeps the site before last under this name to build faster")
