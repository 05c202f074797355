"""What `bulletin` accepts: argparse's parser for every command and option."""
from __future__ import annotations

import argparse

EPILOG = "Docs: docs/editing.md (content and front matter), docs/promises.md (what a build guarantees)."


def make_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command `argv` names, with its options (before a command only --help and --version
    are accepted, so it is the first word), or every command. Making all six commands' parsers
    took longer than `bulletin build`'s no-op check itself."""
    parser = argparse.ArgumentParser(
        prog="bulletin", epilog=EPILOG,
        description="Build the quarterly's website and print PDF from a content folder.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    named = argv[0] if argv else None
    for name, summary, description, add_options in COMMANDS:
        if named in (None, name) or named not in COMMAND_NAMES:
            add_options(sub.add_parser(name, help=summary, description=description))
    return parser


def _content_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", default="content", metavar="DIR", help="the content folder (default: content/)")


def _build_options(b: argparse.ArgumentParser) -> None:
    _content_option(b)
    b.add_argument("--out", default="output", metavar="DIR", help="output folder (default: output/)")
    b.add_argument("--base-url", metavar="URL", help="absolute URL of the published site (overrides site.yml)")
    b.add_argument("--drafts", action="store_true", help="include drafts, marked as drafts")
    b.add_argument("--future", action="store_true", help="include issues and articles dated after today")
    b.add_argument("--no-pdf", action="store_true", help="skip the PDF (fast previews)")
    b.add_argument("--no-search", action="store_true", help="skip the search index")
    b.add_argument("--compress", action="store_true",
                   help="also write .br and .gz copies of text files, for hosts that send them (docs/hosting.md)")
    b.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    b.add_argument("-v", "--verbose", action="store_true", help="print each stage with its time")


def _check_options(c: argparse.ArgumentParser) -> None:
    _content_option(c)
    c.add_argument("--drafts", action="store_true", help="fail on the problems of drafts too (they are checked anyway)")
    c.add_argument("--future", action="store_true",
                   help="accepted for symmetry: items dated after today are checked anyway")
    c.add_argument("--strict", action="store_true", help="fail on warnings too (see docs/editing.md)")
    c.add_argument("--no-pdf", action="store_true", help="skip laying out the PDF (faster; its checks are skipped)")


def _serve_options(v: argparse.ArgumentParser) -> None:
    _content_option(v)
    v.add_argument("--port", type=port_number, default=8000, help="port (default 8000; 0 = any free port)")
    v.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    v.add_argument("--out", default="output", metavar="DIR",
                   help="the output folder previewed (default: output/); serve never writes it, it builds into "
                        ".bulletin-cache/serve-<name>/ beside it")
    v.add_argument("--pdf", action="store_true", help="also rebuild the PDF on each save (slower)")
    v.add_argument("--search", action="store_true", help="also rebuild the search index on each save")
    v.add_argument("--drafts", action="store_true", help="include drafts, marked as drafts")
    v.add_argument("--future", action="store_true",
                   help="accepted for symmetry: serve always shows items dated after today, marked")


def port_number(text: str) -> int:
    """0 to 65535: anything else is a usage error (exit 2), not a traceback from bind()."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port; use a number from 1 to 65535 (0: any free port)")
    return port


def _new_options(n: argparse.ArgumentParser) -> None:
    what = n.add_subparsers(dest="what", metavar="WHAT", required=True)
    ni = what.add_parser("issue", help="new issue folder, e.g. 2025-q1 (default: the next quarter)")
    _content_option(ni)
    ni.add_argument("id", nargs="?", help="issue id, e.g. 2025-q1")
    na = what.add_parser("article", help="new article: ISSUE SECTION TITLE")
    _content_option(na)
    na.add_argument("issue", help="issue id, e.g. 2024-q3")
    na.add_argument("section", help="section key from site.yml, e.g. policy")
    na.add_argument("title", help="the article's title, e.g. 碳足迹管理将纳入政府采购")
    na.add_argument("--date", type=day, metavar="YYYY-MM-DD",
                    help="the article's date (default: today within the issue's quarter, else the issue's date)")


def day(text: str) -> object:
    """YYYY-MM-DD, or a usage error (exit 2)."""
    from generator.clock import BadDate, parse_day
    try:
        return parse_day(text, "--date")
    except BadDate as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--date: ")) from None


def _import_options(i: argparse.ArgumentParser) -> None:
    i.add_argument("file", metavar="FILE.docx", help="a Word or WPS document saved as .docx")
    i.add_argument("issue", help="issue id, e.g. 2024-q3")
    i.add_argument("section", help="section key from site.yml, e.g. policy")
    _content_option(i)
    i.add_argument("--date", type=day, metavar="YYYY-MM-DD",
                   help="the article's date (default: today within the issue's quarter, else the issue's date)")


def _send_options(s: argparse.ArgumentParser) -> None:
    _content_option(s)
    s.add_argument("issue", help="issue id, e.g. 2024-q3")
    s.add_argument("--to", action="append", required=True, metavar="ADDR", help="a recipient (repeat for more)")
    s.add_argument("--smtp", required=True, metavar="HOST[:PORT]",
                   help="the SMTP server (port 25, or 587 with --starttls); user and password from "
                        "BULLETIN_SMTP_USER and BULLETIN_SMTP_PASSWORD")
    s.add_argument("--starttls", action="store_true", help="encrypt the connection with STARTTLS")
    s.add_argument("--from", dest="sender", metavar="ADDR", help="envelope sender (default: the message's From)")
    s.add_argument("--out", default="output", metavar="DIR", help="the built site (default: output/)")
    s.add_argument("--drafts", action="store_true", help="send a draft issue too")
    s.add_argument("--language", metavar="LANG", help="its email edition in that language of the site (site.yml "
                                                     "languages:; default: the first)")


COMMANDS = (
    ("build", "build the site and PDFs into output/",
     "Build every issue into a static site (and a PDF per issue).", _build_options),
    ("check", "run every check of build; write nothing",
     "Validate the content and render everything in memory; write nothing.", _check_options),
    ("serve", "build, serve on 127.0.0.1, rebuild and reload on save",
     "Preview while you write: every save rebuilds and reloads the open page.", _serve_options),
    ("send", "send an issue's email edition for a test read",
     "Send issues/ISSUE/email.eml, as the last build wrote it, to a few addresses over SMTP.", _send_options),
    ("new", "create an issue folder or an article",
     "Scaffold content with the right front matter; never overwrites.", _new_options),
    ("import", "make a Word or WPS .docx an article (a draft)",
     "Convert a .docx into an article of ISSUE's SECTION: front matter, Markdown body, footnotes, "
     "images into the issue's images/; never overwrites.", _import_options),
)


COMMAND_NAMES = frozenset(name for name, *_ in COMMANDS)


def _version() -> str:
    from generator import __version__
    return f"bulletin {__version__}"
