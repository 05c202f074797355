"""Characters XML cannot carry, in an editor's text: found, named in a warning, left out.

XML 1.0 has no place for the C0 controls but tab, line feed and carriage return, nor for
U+FFFE, U+FFFF and lone surrogates, and HTML parsers count them as errors: one in a title
made feed.xml unreadable to every feed reader. They come from Word (Shift+Enter saves a
vertical tab), from copying out of terminals (escape) and PDFs (form feed); never on purpose.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.cjk import joins_lines
from generator.errors import Report

WORD_BREAK = "\x0b"   # Word's manual line break (Shift+Enter), as Word saves and pastes it
UNCARRIED = re.compile("(\x0b+)|[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """`text` without them. Word's line break becomes what a line break inside a Markdown
    paragraph becomes: nothing between Chinese characters, a space between words. A real line
    break would move every later line and make the line numbers in messages wrong."""
    return UNCARRIED.sub(_replace, text) if UNCARRIED.search(text) else text


def _replace(found: re.Match[str]) -> str:
    if not found.group(1):
        return ""
    text, start, end = found.string, found.start(), found.end()
    before, after = text[start - 1 : start], text[end : end + 1]
    if not before.strip() or not after.strip() or joins_lines(before, after):
        return ""
    return " "


def clean_text(text: str, path: Path, report: Report, first_line: int = 1) -> str:
    """An editor's file, cleaned; a warning at the first line holding such a character (one
    for Word's line breaks, one for the rest: they are mended differently)."""
    if not UNCARRIED.search(text):
        return text
    lines: dict[bool, list[int]] = {True: [], False: []}
    first: dict[bool, str] = {}
    line, pos = first_line, 0
    for found in UNCARRIED.finditer(text):
        line, pos = line + text.count("\n", pos, found.start()), found.start()
        kind = found.group(1) is not None
        first.setdefault(kind, found.group()[0])
        if not lines[kind] or lines[kind][-1] != line:
            lines[kind].append(line)
    for kind, char in first.items():
        report.warn(path, lines[kind][0], warning(char, lines[kind][1:]))
    return clean(text)


def clean_value(value: Any) -> tuple[Any, str | None]:
    """A YAML value (strings in its lists and mappings too: YAML's escapes "\\e", "\\v" make
    these characters) cleaned, and the first character left out, if any."""
    if isinstance(value, str):
        found = UNCARRIED.search(value)
        return (clean(value), found.group()[0]) if found else (value, None)
    if isinstance(value, (list, dict)):
        pairs = [clean_value(v) for v in (value if isinstance(value, list) else _flat(value))]
        first = next((c for _, c in pairs if c), None)
        cleaned = [v for v, _ in pairs]
        if isinstance(value, list):
            return cleaned, first
        return dict(zip(cleaned[::2], cleaned[1::2], strict=True)), first
    return value, None


def _flat(mapping: dict) -> list:
    return [x for pair in mapping.items() for x in pair]


def warning(char: str, also: list[int]) -> str:
    lines = ", ".join(map(str, also[:5])) + (" …" if len(also) > 5 else "")
    more = f"; also on line{'s' if len(also) > 1 else ''} {lines}" if also else ""
    if char == WORD_BREAK:
        return (f"a line break from Word (Shift+Enter, U+000B) is read as a space, none between Chinese "
                f"characters{more}; press Enter for a new line, or delete it")
    control = ", a control character" if ord(char) < 0x20 else ""
    return (f"an invisible character (U+{ord(char):04X}{control}) is left out{more}; delete it "
            "(retype the line if you cannot see it)")
