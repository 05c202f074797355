"""`bulletin` command line. Exit status: 0 built, 1 content errors, 2 misuse."""
from __future__ import annotations

import argparse
import gc
import os
import sys

EPILOG = "Docs: docs/editing.md (content and front matter), docs/promises.md (what a build guarantees)."


def make_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command, with the options of `only` (default: of all). Each option costs argparse
    a formatter and a gettext lookup; a no-op `build` is ~25 ms in all (bench/README.md)."""
    parser = argparse.ArgumentParser(
        prog="bulletin", epilog=EPILOG, formatter_class=HelpFormatter,
        description="Build the quarterly's website and print PDF from a content folder.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, summary, description, add_options in COMMANDS:
        command = sub.add_parser(name, help=summary, description=description, formatter_class=HelpFormatter)
        if only in (None, name):
            add_options(command)
    return parser


class HelpFormatter(argparse.HelpFormatter):
    """argparse's, measuring the terminal as shutil does but without importing it (~1.5 ms of
    every command: argparse makes a formatter per option, even when no help is shown)."""

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (ValueError, OSError, AttributeError):
            columns = 0
        super().__init__(prog, width=(columns if columns > 0 else 80) - 2)


def _content_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", default="content", metavar="DIR", help="the content folder (default: content/)")


def _build_options(b: argparse.ArgumentParser) -> None:
    _content_option(b)
    b.add_argument("--out", default="output", metavar="DIR", help="output folder (default: output/)")
    b.add_argument("--base-url", metavar="URL", help="absolute URL of the published site (overrides site.yml)")
    b.add_argument("--drafts", action="store_true", help="include drafts")
    b.add_argument("--no-pdf", action="store_true", help="skip the PDF (fast previews)")
    b.add_argument("--no-search", action="store_true", help="skip the search index")
    b.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    b.add_argument("-v", "--verbose", action="store_true", help="print each stage with its time")


def _check_options(c: argparse.ArgumentParser) -> None:
    _content_option(c)
    c.add_argument("--drafts", action="store_true", help="include drafts")
    c.add_argument("--strict", action="store_true", help="fail on warnings too (see docs/editing.md)")
    c.add_argument("--no-pdf", action="store_true", help="skip laying out the PDF (faster; its checks are skipped)")


def _serve_options(v: argparse.ArgumentParser) -> None:
    _content_option(v)
    v.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 = any free port)")
    v.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    v.add_argument("--out", default="output", metavar="DIR", help="output folder (default: output/)")
    v.add_argument("--pdf", action="store_true", help="also rebuild the PDF on each save (slower)")
    v.add_argument("--search", action="store_true", help="also rebuild the search index on each save")
    v.add_argument("--drafts", action="store_true", help="include drafts")


def _new_options(n: argparse.ArgumentParser) -> None:
    what = n.add_subparsers(dest="what", metavar="WHAT", required=True)
    ni = what.add_parser("issue", help="new issue folder, e.g. 2025-q1 (default: the next quarter)",
                         formatter_class=HelpFormatter)
    _content_option(ni)
    ni.add_argument("id", nargs="?", help="issue id, e.g. 2025-q1")
    na = what.add_parser("article", help="new article: ISSUE SECTION TITLE", formatter_class=HelpFormatter)
    _content_option(na)
    na.add_argument("issue", help="issue id, e.g. 2024-q3")
    na.add_argument("section", help="section key from site.yml, e.g. policy")
    na.add_argument("title", help="the article's title, e.g. 碳足迹管理将纳入政府采购")


COMMANDS = (
    ("build", "build the site and PDFs into output/",
     "Build every issue into a static site (and a PDF per issue).", _build_options),
    ("check", "run every check of build; write nothing",
     "Validate the content and render everything in memory; write nothing.", _check_options),
    ("serve", "build, serve on 127.0.0.1, rebuild and reload on save",
     "Preview while you write: every save rebuilds and reloads the open page.", _serve_options),
    ("new", "create an issue folder or an article",
     "Scaffold content with the right front matter; never overwrites.", _new_options),
)


def command_named(argv: list[str]) -> str | None:
    """The command the arguments name, if they start with one (no top-level option takes a value)."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if any(first == name for name, *_ in COMMANDS) else None


def _version() -> str:
    from generator import __version__
    return f"bulletin {__version__}"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = make_parser(command_named(argv)).parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command == "build" and skip_unchanged(args):
        return 0
    handler = {"build": run_build, "check": run_check, "serve": run_serve, "new": run_new}[args.command]
    # A build allocates millions of short-lived objects (Markdown tokens) and few cycles:
    # collecting less often saves ~3% (bench/README.md).
    gc.set_threshold(100_000, 50, 100)
    return handler(with_paths(args))


def skip_unchanged(args: argparse.Namespace) -> bool:
    """`build` with nothing changed since the last one: answered before YAML, Markdown or
    Jinja (or even pathlib) is imported (bench/README.md). Keeps the check for the build."""
    import time
    from generator.stamp import check_stamp
    started = time.perf_counter()
    try:
        args.stamp = check_stamp(args.content, args.out, args.drafts, not args.no_pdf, not args.no_search,
                                 args.base_url)
    except Exception:  # noqa: BLE001 — the build checks again, inside its own error handling
        args.stamp = None
        return False
    if args.stamp.current and not args.quiet:
        print(unchanged_line(args.out, time.perf_counter() - started))
    return args.stamp.current


def with_paths(args: argparse.Namespace) -> argparse.Namespace:
    from pathlib import Path
    for name in ("content", "out"):
        if hasattr(args, name):
            setattr(args, name, Path(getattr(args, name)))
    return args


def run_build(args: argparse.Namespace) -> int:
    from generator.build import Options
    opts = Options(content=args.content, out=args.out, base_url=args.base_url, drafts=args.drafts,
                   pdf=not args.no_pdf, search=not args.no_search,
                   progress=None if args.quiet else Progress(args.verbose))
    return _run(opts, quiet=args.quiet, strict=False, stamp=args.stamp)


def run_check(args: argparse.Namespace) -> int:
    from generator.build import Options
    opts = Options(content=args.content, drafts=args.drafts, pdf=not args.no_pdf, search=False, write=False)
    return _run(opts, quiet=False, strict=args.strict)


def run_serve(args: argparse.Namespace) -> int:
    from generator.build import Options
    from generator.serve import serve
    if not args.content.is_dir():
        print(f"bulletin: no content folder at {args.content}/ (use --content DIR)", file=sys.stderr)
        return 2
    # one process: serve has threads (forking them is unsafe) and rebuilds are small
    opts = Options(content=args.content, out=args.out, drafts=args.drafts, pdf=args.pdf, search=args.search, jobs=1)
    try:
        return serve(opts, args.host, args.port, say=lambda line: print(line, flush=True))
    except OSError as exc:
        print(f"bulletin: cannot serve on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2


def run_new(args: argparse.Namespace) -> int:
    from generator.errors import ContentErrors
    from generator.scaffold import ScaffoldError, new_article, new_issue
    try:
        if args.what == "issue":
            for path in new_issue(args.content, args.id):
                print(f"created {path}")
        else:
            print(f"created {new_article(args.content, args.issue, args.section, args.title)}")
    except ScaffoldError as exc:
        print(f"bulletin: {exc}", file=sys.stderr)
        return 1
    except ContentErrors as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    return 0


def _run(opts, quiet: bool, strict: bool, stamp=None) -> int:
    from generator.build import build
    from generator.errors import ContentErrors
    from generator.output import OutputError
    if not opts.content.is_dir():
        print(f"bulletin: no content folder at {opts.content}/ (use --content DIR)", file=sys.stderr)
        return 2
    try:
        result = build(opts, stamp)
    except ContentErrors as exc:
        if opts.progress:
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
        import traceback
        detail = traceback.format_exc()
        if getattr(opts.progress, "verbose", False):
            print(detail, file=sys.stderr)
        print(f"bulletin: internal error ({type(exc).__name__}: {exc}); nothing was written. "
              "Please report it with the output of `bulletin build --verbose`.", file=sys.stderr)
        return 1
    if opts.progress:
        opts.progress.done()
    if opts.write and result.warnings:
        print(f"{len(result.warnings)} warning(s); `bulletin check` lists them", file=sys.stderr)
    elif not opts.write:
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    if not quiet:
        print(summary_line(opts, result))
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


def unchanged_line(out: object, seconds: float) -> str:
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
            f"{result.pdfs - result.pdfs_built} unchanged, {result.files} files in {result.seconds:.2f} s")
