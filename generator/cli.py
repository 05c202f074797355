"""`bulletin` command line. Exit status: 0 built, 1 content errors, 2 misuse."""
from __future__ import annotations

import argparse
import gc
import os
import sys

from generator.arguments import make_parser

TYPE_CHECKING = False   # not imported from typing, which `bulletin build`'s no-op answer does without
if TYPE_CHECKING:
    from collections.abc import Callable

    from generator.build import Options, Result


def run() -> None:
    """The `bulletin` console script and `python -m generator`: one command, then the process ends.

    The cycle collector is off in such a process (`serve`, which runs on, turns it back on):
    what a build makes lives until it ends, and the collector's passes over it, during the
    build and once more as Python exits, were 6 % of a full build at 1,000 articles (bench/)."""
    gc.disable()
    code = 1
    try:
        code = main()
        sys.stdout.flush()   # here, not at exit, where a closed pipe makes Python complain on stderr
    except BrokenPipeError:  # `bulletin build | head`: the reader has gone; the rest is not for it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    gc.freeze()   # Python's last collection, as it exits, then has nothing to look through
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status; leaves no state behind, so it can be called again."""
    try:
        given = sys.argv[1:] if argv is None else argv
        args = make_parser(given).parse_args(given)
    except SystemExit as exc:   # --help, --version, or misuse argparse has already reported
        return int(exc.code or 0)
    if getattr(args, "base_url", None) is not None and not valid_base_url(args.base_url):
        return 2
    if not today_is_readable():
        return 2
    if args.command == "build" and skip_unchanged(args):
        return 0
    handler = {"build": run_build, "check": run_check, "serve": run_serve, "new": run_new,
               "import": run_import, "send": run_send}[args.command]
    return handler(with_paths(args))


def valid_base_url(url: str) -> bool:
    """--base-url is held to what site.yml's base_url is: a build must not write it into
    every feed and sitemap URL only to find it is no address."""
    from generator.content.addresses import base_url_problem
    problem = base_url_problem(url)
    if problem is None:
        return True
    print(f"bulletin build: --base-url: {problem}", file=sys.stderr)
    return False


def today_is_readable() -> bool:
    """BULLETIN_TODAY, when set, must be a date: a build would otherwise publish by a wrong one."""
    from generator.clock import BadDate, today
    try:
        today()
    except BadDate as exc:
        print(f"bulletin: {exc}", file=sys.stderr)
        return False
    return True


def skip_unchanged(args: argparse.Namespace) -> bool:
    """`build` with nothing changed since the last one: answered before YAML, Markdown or
    Jinja is imported. (The build checks again, under its lock, if this says no.)"""
    import time

    from generator.incremental.stamp import check_stamp
    started = time.perf_counter()
    try:
        from generator.clock import today
        current = check_stamp(args.content, args.out, args.drafts, not args.no_pdf, not args.no_search,
                              args.base_url, compress=args.compress, future=args.future,
                              today=today().isoformat()).current
    except Exception:   # the build checks again, inside its own error handling
        return False
    if current and not args.quiet:
        print(unchanged_line(args.out, time.perf_counter() - started))
    return current


def with_paths(args: argparse.Namespace) -> argparse.Namespace:
    from pathlib import Path
    for name in ("content", "out"):
        if hasattr(args, name):
            setattr(args, name, Path(getattr(args, name)))
    return args


def run_build(args: argparse.Namespace) -> int:
    from generator.build import Options
    opts = Options(content=args.content, out=args.out, base_url=args.base_url, drafts=args.drafts,
                   future=args.future, pdf=not args.no_pdf, search=not args.no_search, compress=args.compress,
                   progress=None if args.quiet else Progress(args.verbose))
    return _run(opts, quiet=args.quiet, strict=False)


def run_check(args: argparse.Namespace) -> int:
    from generator.build import Options
    opts = Options(content=args.content, drafts=args.drafts, pdf=not args.no_pdf, search=False, write=False)
    return _run(opts, quiet=False, strict=args.strict)


def run_serve(args: argparse.Namespace) -> int:
    from pathlib import Path

    from generator.build import Options
    from generator.serve import CannotServe, serve
    gc.enable()   # it runs on, build after build: what each leaves behind must be collected
    if not args.content.is_dir():
        print(f"bulletin: no content folder at {args.content}/ (use --content DIR)", file=sys.stderr)
        return 2
    from generator.incremental.locations import preview_dir_for
    # one process: serve has threads (forking them is unsafe) and rebuilds are small; it builds into
    # a folder of its own: output/ belongs to `build` alone
    opts = Options(content=args.content, out=Path(preview_dir_for(args.out)), drafts=args.drafts, preview=True,
                   pdf=args.pdf, search=args.search, jobs=1)
    try:
        return serve(opts, args.host, args.port, say=lambda line: print(line, flush=True))
    except CannotServe as exc:   # before any build: nothing was written
        print(f"bulletin: {exc}", file=sys.stderr)
        return 2


def run_new(args: argparse.Namespace) -> int:
    return making_files(lambda: _new(args))


def _new(args: argparse.Namespace) -> int:
    from generator.content.scaffold import new_article, new_issue
    if args.what == "issue":
        for path in new_issue(args.content, args.id):
            print(f"created {path}")
    else:
        print(f"created {new_article(args.content, args.issue, args.section, args.title, args.date)}")
    return 0


def making_files(make: Callable[[], int]) -> int:
    """`new` and `import`: a wrong id, issue, section or file, or a file that exists, is misuse
    (2); a site.yml or issue.yml with errors is content's (1)."""
    from generator.content.scaffold import ScaffoldError
    from generator.errors import ContentErrors
    try:
        return make()
    except ScaffoldError as exc:
        print(f"bulletin: {exc}", file=sys.stderr)
        return 2
    except ContentErrors as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1


def run_import(args: argparse.Namespace) -> int:
    return making_files(lambda: _import(args))


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from generator.content.importer import import_docx
    from generator.errors import display_path
    done = import_docx(args.content, Path(args.file), args.issue, args.section, args.date)
    print(f"created {display_path(done.article)} (a draft: fill in what says TODO)")
    for image in done.images:
        print(f"created {display_path(image)}")
    for lost in done.lost:
        print(f"note: {lost}", file=sys.stderr)
    if done.inside_content:
        print(f"note: move {args.file} out of the content folder: the build reads .md files and names any "
              "other document as an error", file=sys.stderr)
    return 0


def run_send(args: argparse.Namespace) -> int:
    from generator.send import SendError, send_issue
    if not args.content.is_dir():
        print(f"bulletin: no content folder at {args.content}/ (use --content DIR)", file=sys.stderr)
        return 2
    try:
        print(send_issue(args.content, args.out, args.issue, args.to, args.smtp, args.starttls, args.sender,
                         args.drafts, args.language))
    except SendError as exc:
        print(f"bulletin send: {exc}", file=sys.stderr)
        return exc.code
    return 0


def _run(opts: Options, quiet: bool, strict: bool) -> int:
    from generator.build import build
    from generator.errors import ContentErrors
    from generator.output.writer import OutputError
    if not opts.content.is_dir():
        print(f"bulletin: no content folder at {opts.content}/ (use --content DIR)", file=sys.stderr)
        return 2
    try:
        result = build(opts)
    except ContentErrors as exc:
        if isinstance(opts.progress, Progress):
            opts.progress.done()
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s); nothing was written"
              f"{'' if not opts.write else f', {opts.out}/ is unchanged'}.", file=sys.stderr)
        return 1
    except OutputError as exc:
        print(f"bulletin: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug of ours: say so plainly, keep the details for the developers
        say_internal_error(exc, getattr(opts.progress, "verbose", False))
        return 1
    if isinstance(opts.progress, Progress):
        opts.progress.done()
    return report_result(opts, result, quiet, strict)


def say_internal_error(exc: Exception, verbose: bool) -> None:
    if verbose:
        import traceback
        print(traceback.format_exc(), file=sys.stderr)
    print(f"bulletin: internal error ({type(exc).__name__}: {exc}); nothing was written. "
          "Please report it with the output of `bulletin build --verbose`.", file=sys.stderr)


def report_result(opts: Options, result: Result, quiet: bool, strict: bool) -> int:
    """Warnings (counted after a build, listed by `check`), the summary; --strict fails on warnings."""
    if opts.write and result.warnings:
        print(f"{len(result.warnings)} warning(s); `bulletin check` lists them", file=sys.stderr)
    elif not opts.write:
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    if not quiet:
        for remark in result.remarks:
            print(f"note: {remark}", file=sys.stderr)
        print(summary_line(opts, result))
        for note in result.notes:
            print(note)
    if strict and result.warnings:
        print(f"{len(result.warnings)} warning(s): --strict fails on warnings", file=sys.stderr)
    return 1 if strict and result.warnings else 0


class Progress:
    """--verbose: one line per stage with the time since the start. Otherwise, on a
    terminal only, one status line rewritten per stage; in CI logs, nothing."""

    def __init__(self, verbose: bool) -> None:
        import time
        self.clock, self.verbose = time.perf_counter, verbose
        self.live = sys.stderr.isatty() and not verbose
        self.started = self.clock()

    def __call__(self, stage: str) -> None:
        if self.verbose:
            print(f"[{self.clock() - self.started:6.2f} s] {stage}", file=sys.stderr, flush=True)
        elif self.live:
            print(f"\r\033[K{stage}…", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.live:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def unchanged_line(out: str | os.PathLike[str], seconds: float) -> str:
    return f"nothing changed since the last build; {os.path.normpath(out)}/ is up to date ({seconds:.2f} s)"


def summary_line(opts, result) -> str:
    if result.unchanged:
        return unchanged_line(opts.out, result.seconds)
    if not opts.write:   # check: the PDF was laid out (to find what it may not read), never written
        return (f"checked: {result.pages} pages, {result.pdfs_built} PDF laid out, nothing written "
                f"({result.seconds:.2f} s)")
    return (f"built into {opts.out}/: {result.pages} pages ({result.rendered} rendered, "
            f"{result.pages - result.rendered} unchanged), charts {result.charts_drawn} drawn / "
            f"{result.charts - result.charts_drawn} cached, PDF {result.pdfs_built} built / "
            f"{result.pdfs - result.pdfs_built} unchanged, {result.files} files in {result.seconds:.2f} s"
            + email_summary(result))


def email_summary(result) -> str:
    """The largest email edition against the size Gmail shows whole."""
    if not result.emails:
        return ""
    path, size = max(result.emails, key=lambda e: e[1])
    which = f" ({path})" if len(result.emails) > 1 else ""
    return f"; email {size / 1024:.1f} KB of 102 KB{which}"
