"""Characters XML cannot carry: which, what becomes of them, and how an editor is told."""
from __future__ import annotations

from pathlib import Path

from generator.content.chars import clean, clean_text, clean_value
from generator.errors import Report


def test_word_line_breaks_join_like_a_line_break_inside_a_paragraph():
    assert clean("第一行\x0b第二行") == "第一行第二行"
    assert clean("line one\x0bline two") == "line one line two"
    assert clean("碳市场\x0bETS") == "碳市场 ETS"          # as a soft break between them would
    assert clean("两行\x0b\x0b之间") == "两行之间" and clean("a\x0b\x0bb") == "a b"
    assert clean("\x0bstart end\x0b") == "start end" and clean("a \x0bb") == "a b"


def test_other_controls_noncharacters_and_lone_surrogates_are_left_out_tab_and_line_ends_kept():
    assert clean("a\x00b\x1bc\x0cd\x7fe\ufffef\uffffg\ud800h") == "abcd\x7fefgh"
    assert clean("tab\there\nnew\r") == "tab\there\nnew\r"
    assert clean("碳\u2028足迹\ufffd") == "碳\u2028足迹\ufffd"   # XML carries these; YAML's rule is elsewhere


def test_one_warning_per_kind_at_the_first_line_naming_the_others():
    report = Report()
    text = "ok\nx\x1by\n\nz\x0bw\nv\x07\x07\nu\x0bt\n"
    assert clean_text(text, Path("a.md"), report, first_line=3) == "ok\nxy\n\nz w\nv\nu t\n"
    assert [str(w) for w in report.warnings] == [
        "a.md:4: an invisible character (U+001B, a control character) is left out; also on line 7; "
        "delete it (retype the line if you cannot see it)",
        "a.md:6: a line break from Word (Shift+Enter, U+000B) is read as a space, none between Chinese "
        "characters; also on line 8; press Enter for a new line, or delete it"]


def test_clean_text_leaves_clean_text_alone_and_says_nothing():
    report = Report()
    text = "碳市场\n\ttab\n"
    assert clean_text(text, Path("a.md"), report) is text and not report.warnings


def test_yaml_values_are_cleaned_in_lists_and_mappings_too():
    assert clean_value("a\x1bb") == ("ab", "\x1b")
    assert clean_value(["ok", "x\ud800"]) == (["ok", "x"], "\ud800")   # PyYAML's own loader makes these
    assert clean_value({"k\x07": "v", "w": ["\x0c"]}) == ({"k": "v", "w": [""]}, "\x07")
    assert clean_value(3) == (3, None) and clean_value(["a"]) == (["a"], None)
