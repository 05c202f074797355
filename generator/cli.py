"""`bulletin` command line. Exit status: 0 built, 1 content errors, 2 misuse."""
from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

EPILOG = "Docs: docs/editing.md (content and front matter), docs/promises.md (what a build guarantees)."


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bulletin", epilog=EPILOG,
        description="Build the quarterly's website and print PDF from a content folder.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                       help="the content folder (default: content/)")

    b = sub.add_parser("build", help="build the site and PDFs into output/",
                       description="Build every issue into a static site (and a PDF per issue).")
    common(b)
    b.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help="output folder (default: output/)")
    b.add_argument("--base-url", metavar="URL", help="absolute URL of the published site (overrides site.yml)")
    b.add_argument("--drafts", action="store_true", help="include drafts")
    b.add_argument("--no-pdf", action="store_true", help="skip the PDF (fast previews)")
    b.add_argument("--no-search", action="store_true", help="skip the search index")
    b.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    b.add_argument("-v", "--verbose", action="store_true", help="print each stage with its time")

    c = sub.add_parser("check", help="run every check of build; write nothing",
                       description="Validate the content and render everything in memory; write nothing.")
    common(c)
    c.add_argument("--drafts", action="store_true", help="include drafts")
    c.add_argument("--strict", action="store_true", help="fail on warnings too (see docs/editing.md)")
    c.add_argument("--no-pdf", action="store_true", help="skip laying out the PDF (faster; its checks are skipped)")

    v = sub.add_parser("serve", help="build, serve on 127.0.0.1, rebuild and reload on save",
                       description="Preview while you write: every save rebuilds and reloads the open page.")
    common(v)
    v.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 = any free port)")
    v.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    v.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help="output folder (default: output/)")
    v.add_argument("--pdf", action="store_true", help="also rebuild the PDF on each save (slower)")
    v.add_argument("--search", action="store_true", help="also rebuild the search index on each save")
    v.add_argument("--drafts", action="store_true", help="include drafts")

    n = sub.add_parser("new", help="create an issue folder or an article",
                       description="Scaffold content with the right front matter; never overwrites.")
    what = n.add_subparsers(dest="what", metavar="WHAT", required=True)
    ni = what.add_parser("issue", help="new issue folder, e.g. 2025-q1 (default: the next quarter)")
    common(ni)
    ni.add_argument("id", nargs="?", help="issue id, e.g. 2025-q1")
    na = what.add_parser("article", help="new article: ISSUE SECTION TITLE")
    common(na)
    na.add_argument("issue", help="issue id, e.g. 2024-q3")
    na.add_argument("section", help="section key from site.yml, e.g. policy")
    na.add_argument("title", help="the article's title, e.g. 碳足迹管理将纳入政府采购")
    return parser


def _version() -> str:
    from generator import __version__
    return f"bulletin {__version__}"


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    handler = {"build": run_build, "check": run_check, "serve": run_serve, "new": run_new}[args.command]
    # A build allocates millions of short-lived objects (Markdown tokens) and few cycles:
    # collecting less often saves ~3% (bench/README.md).
    gc.set_threshold(100_000, 50, 100)
    return handler(args)


def run_build(args: argparse.Namespace) -> int:
    from generator.build import Options
    opts = Options(content=args.content, out=args.out, base_url=args.base_url, drafts=args.drafts,
                   pdf=not args.no_pdf, search=not args.no_search,
                   progress=None if args.quiet else Progress(args.verbose))
    return _run(opts, quiet=args.quiet, strict=False)


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


def _run(opts, quiet: bool, strict: bool) -> int:
    from generator.build import build
    from generator.errors import ContentErrors
    from generator.output import OutputError
    if not opts.content.is_dir():
        print(f"bulletin: no content folder at {opts.content}/ (use --content DIR)", file=sys.stderr)
        return 2
    try:
        result = build(opts)
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


def summary_line(opts, result) -> str:
    if result.unchanged:
        return f"nothing changed since the last build; {opts.out}/ is up to date ({result.seconds:.2f} s)"
    if not opts.write:   # check: the PDF was laid out (to find what it may not read), never written
        return (f"checked: {result.pages} pages, {result.pdfs_built} PDF laid out, nothing written "
                f"({result.seconds:.2f} s)")
    return (f"built into {opts.out}/: {result.pages} pages ({result.rendered} rendered, "
            f"{result.pages - result.rendered} unchanged), charts {result.charts_drawn} drawn / "
            f"{result.charts - result.charts_drawn} cached, PDF {result.pdfs_built} built / "
            f"{result.pdfs - result.pdfs_built} unchanged, {result.files} files in {result.seconds:.2f} s")
