"""The argparse parser: every command's options and their defaults."""
from __future__ import annotations

from generator.arguments import make_parser


def test_build_options_and_their_defaults():
    args = make_parser().parse_args(["build", "--content", "c", "--out=o", "--no-pdf", "-q"])
    assert (args.content, args.out, args.no_pdf, args.quiet, args.drafts) == ("c", "o", True, True, False)
    plain = make_parser().parse_args(["build"])
    assert (plain.content, plain.out, plain.base_url, plain.no_search, plain.verbose) == (
        "content", "output", None, False, False)


def test_every_command_reads_its_own_options():
    parse = make_parser().parse_args
    assert parse(["check", "--strict", "--no-pdf"]).strict
    assert (parse(["serve", "--port", "0", "--pdf"]).port, parse(["serve"]).host) == (0, "127.0.0.1")
    assert parse(["new", "issue", "2025-q1"]).id == "2025-q1"
    article = parse(["new", "article", "--content", "c", "2024-q3", "policy", "标题"])
    assert (article.content, article.issue, article.section, article.title) == ("c", "2024-q3", "policy", "标题")
