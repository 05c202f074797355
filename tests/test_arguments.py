"""The argparse parser: one made for a single command reads its arguments as the whole one does."""
from __future__ import annotations

from generator.arguments import command_named, make_parser


def test_a_parser_made_for_one_command_reads_its_arguments_as_the_whole_parser_does():
    for argv in (["build"], ["build", "--no-pdf", "--out", "x", "-q"], ["check", "--strict"],
                 ["serve", "--port", "0", "--pdf"], ["new", "issue", "2025-q1"],
                 ["new", "article", "--content", "c", "2024-q3", "policy", "标题"]):
        assert command_named(argv) == argv[0]
        assert vars(make_parser(argv[0]).parse_args(argv)) == vars(make_parser().parse_args(argv)), argv
    assert command_named(["--version"]) is None and command_named(["bogus"]) is None
