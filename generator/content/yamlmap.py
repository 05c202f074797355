"""YAML mappings that remember the line of every key (for `path:line:` errors)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.content.chars import clean_value, warning
from generator.errors import Report, describe, shown


@dataclass(frozen=True)
class Entry:
    value: Any
    line: int
    raw: str | None  # the scalar exactly as typed, to explain YAML's surprises
    item_lines: tuple[int, ...] = ()  # for lists: the line of each item
    # for lists of mappings (documents:): each item's keys and their lines, for a message at the key;
    # for a mapping (an author of authors.yml), its keys as one item
    item_keys: tuple[tuple[tuple[str, int], ...], ...] = ()


@dataclass(frozen=True)
class YamlMap:
    path: Path
    line: int  # line of the mapping itself
    entries: dict[str, Entry]


# libyaml's parser when present (much faster), the same safe constructors either way.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    pass


def _reject_duplicates(loader: _Loader, node: yaml.MappingNode) -> None:
    seen: set[str] = set()
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            if key_node.value in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {shown(key_node.value)} appears twice", key_node.start_mark)
            seen.add(key_node.value)


def parse_mapping(text: str, path: Path, report: Report, first_line: int = 1,
                  what: str = "this file") -> YamlMap | None:
    """Parse `text` (which starts at `first_line` of `path`) as a YAML mapping."""
    if _invisible_breaks(text, path, report, first_line) or _anchors(text, path, report, first_line):
        return None
    loader = _Loader(text)
    try:
        # only YAML's escapes ("\e", "\v") make what chars.py leaves out: read_text has taken
        # out what was typed, and YAML refuses it in the text (the same cost again, half the time)
        return _read_mapping(loader, path, report, first_line, what, escaped="\\" in text)
    except yaml.YAMLError as exc:
        report.error(path, *_yaml_problem(exc, text, first_line))
        return None
    except RecursionError:   # a few hundred levels: Python gives out before libyaml's limit of 1,000
        report.error(path, _deep_line(text, first_line),
                     f"{what} is nested too deep to read (over {_DEEP} levels of [, {{ or -): write the value plainly")
        return None
    finally:
        loader.dispose()


def _read_mapping(loader: _Loader, path: Path, report: Report, first_line: int, what: str,
                  escaped: bool) -> YamlMap | None:
    node = loader.get_single_node()
    if node is None:
        report.error(path, first_line, f"{what} is empty; expected 'key: value' lines")
        return None
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else shown(node.value)
        report.error(path, node.start_mark.line + first_line, f"{what} must be 'key: value' lines, got {kind}")
        return None
    _reject_duplicates(loader, node)
    entries = _read_entries(loader, node, path, report, first_line, escaped)
    return YamlMap(path, node.start_mark.line + first_line, entries) if entries is not None else None


def _yaml_problem(exc: yaml.YAMLError, text: str, first_line: int) -> tuple[int, str]:
    """The line and the message of what YAML could not read."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = _mark_to_show(exc)
        line = min(mark.line, _last_line(text)) + first_line if mark else first_line
        context = f" {exc.context}" if exc.context else ""
        return line, f"YAML syntax: {exc.problem or 'invalid YAML'}{context}{_hint(exc.problem or '')}"
    if isinstance(exc, yaml.reader.ReaderError):   # a character YAML takes in no text
        return (_line_of(text, chr(exc.character), first_line),
                f"{_character(exc.character)} is in this line; delete it (retype the line if you cannot see it)")
    return first_line, f"YAML syntax: {exc}"


def _hint(problem: str) -> str:
    """What an editor most likely typed, for the messages of YAML that say it in YAML's terms."""
    if problem.startswith("mapping values are not allowed"):   # caption: Source: IEA
        return ('; a value with ": " in it goes in quotes: caption: "Source: IEA" '
                "(or use the full-width colon ：)")
    return ""


_DEEP = 100   # as Markdown's limit (markdown/parser.py); an editor's YAML nests two or three
_OPEN = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
         yaml.FlowSequenceStartToken)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _deep_line(text: str, first_line: int) -> int:
    """The line where the nesting passes _DEEP levels (the scanner counts them in a loop)."""
    loader, depth = _Loader(text), 0
    try:
        while loader.check_token():
            token = loader.get_token()
            depth += isinstance(token, _OPEN) - isinstance(token, _CLOSE)
            if depth > _DEEP:
                return token.start_mark.line + first_line
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return first_line


# Where something was opened and never closed (a [ or a quote), or a line with no colon:
# the context is where the editor must look. Otherwise the context is only the start of
# the whole mapping, and the problem's own place is the line.
_OPENED = ("while parsing a flow", "while scanning a quoted scalar", "while scanning a simple key")


def _mark_to_show(exc: yaml.MarkedYAMLError):
    if exc.context_mark is not None and (exc.context or "").startswith(_OPENED):
        return exc.context_mark
    return exc.problem_mark or exc.context_mark


_BREAKS = re.compile("[\u2028\u2029\x85]")


def _line_of(text: str, char: str, first_line: int) -> int:
    """The line of `char`'s first place (libyaml counts its position in bytes, PyYAML in characters)."""
    return text.count("\n", 0, max(text.find(char), 0)) + first_line


def _character(code: int) -> str:
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"a control character (U+{code:04X})"
    return f"a character YAML does not accept (U+{code:04X})"


def _invisible_breaks(text: str, path: Path, report: Report, first_line: int) -> bool:
    """YAML counts U+2028, U+2029 and NEL as line ends (pasted from Word or a web page),
    so every line number after one would be wrong: name the line, and stop there."""
    found = _BREAKS.search(text)
    if found is None:
        return False
    report.error(path, text.count("\n", 0, found.start()) + first_line,
                 f"an invisible line break (U+{ord(found.group()):04X}) is inside this line; "
                 "delete it (retype the line if you cannot see it)")
    return True


# & or * then a name, not inside a word: only then is the text scanned for them (scanning
# doubles the cost of a parse; R&D and 5%* need none)
_MAY_ANCHOR = re.compile(r"(?<!\w)[&*]\S")


def _anchors(text: str, path: Path, report: Report, first_line: int) -> bool:
    """Anchors (&a) and aliases (*a) are refused, at the first one, before anything is built
    from them: each alias repeats all its anchor holds, so a few lines of aliases of aliases
    expand to billions of values. An editor never needs them."""
    token = _first_anchor(text) if _MAY_ANCHOR.search(text) else None
    if token is None:
        return False
    sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
    what = "anchor" if sign == "&" else "alias"
    report.error(path, token.start_mark.line + first_line,
                 f"YAML {what} '{sign}{token.value}': anchors (&name) and aliases (*name) are not accepted; "
                 "write each value out in full")
    return True


def _first_anchor(text: str) -> yaml.AnchorToken | yaml.AliasToken | None:
    loader = _Loader(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                return token
    except yaml.YAMLError:   # reported by the parse that follows
        pass
    finally:
        loader.dispose()
    return None


def _read_entries(loader: _Loader, node: yaml.MappingNode, path: Path, report: Report,
                  first_line: int, escaped: bool) -> dict[str, Entry] | None:
    """Each key's value and line; None if a value cannot be read (every such key reported)."""
    entries: dict[str, Entry] = {}
    ok = True
    for key_node, value_node in node.value:
        raw = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
        if not isinstance(key_node, yaml.ScalarNode):
            kind = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
            report.error(path, key_node.start_mark.line + first_line, f"a field name must be text, got {kind}")
            ok = False
            continue
        try:
            key = str(_construct(loader, key_node))
        except (ValueError, OverflowError) as exc:
            report.error(path, key_node.start_mark.line + first_line, _bad_value(_culprit(key_node), exc))
            ok = False
            continue
        try:
            value = _construct(loader, value_node)
        except (ValueError, OverflowError) as exc:  # e.g. 2024-02-30: looks like a date, is none
            culprit = _culprit(value_node)
            report.error(path, culprit.start_mark.line + first_line, f"{key}: {_bad_value(culprit, exc)}")
            ok = False
            continue
        value, dropped = clean_value(value) if escaped else (value, None)
        if dropped:
            report.warn(path, value_node.start_mark.line + first_line, warning(dropped, []))
        items = (tuple(n.start_mark.line + first_line for n in value_node.value)
                 if isinstance(value_node, yaml.SequenceNode) else ())
        entries[key] = Entry(value, key_node.start_mark.line + first_line, raw, items,
                             _item_keys(value_node, first_line))
    return entries if ok else None


def _item_keys(node: yaml.Node, first_line: int) -> tuple[tuple[tuple[str, int], ...], ...]:
    """The keys of each mapping in a list (or of a mapping), with their lines; nothing for other values."""
    def keys(n: yaml.Node) -> tuple[tuple[str, int], ...]:
        return tuple((str(k.value), k.start_mark.line + first_line) for k, _ in n.value
                     if isinstance(k, yaml.ScalarNode)) if isinstance(n, yaml.MappingNode) else ()
    if isinstance(node, yaml.MappingNode):
        return (keys(node),)
    if not isinstance(node, yaml.SequenceNode) or not any(isinstance(n, yaml.MappingNode) for n in node.value):
        return ()
    return tuple(keys(n) for n in node.value)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"   # a list with another tag goes to the safe constructor, which refuses it


def _construct(loader: _Loader, node: yaml.Node):
    """Strings, and lists of strings, straight from the node: what the safe constructor
    returns for them, without its bookkeeping (half of reading an article's front matter)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        return node.value
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ and all(
            isinstance(n, yaml.ScalarNode) and n.tag == _STR for n in node.value):
        return [n.value for n in node.value]
    return loader.construct_object(node, deep=True)


def _culprit(node: yaml.Node) -> yaml.Node:
    """The first date-like scalar under `node` (the usual culprit: 2024-02-30), else the node."""
    if isinstance(node, yaml.ScalarNode) or not node.value:
        return node
    items = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
    return next((n for n in items if isinstance(n, yaml.ScalarNode) and n.tag.endswith(":timestamp")), node)


def _bad_value(node: yaml.Node, exc: Exception) -> str:
    value = shown(node.value) if isinstance(node, yaml.ScalarNode) else "this value"
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
        return f"{value} is not a real date ({exc}); write it as YYYY-MM-DD, e.g. 2024-07-04"
    return f"cannot read {value} ({exc})"


def _last_line(text: str) -> int:
    """The last line with something on it: an error found at the end of the text (an
    unclosed bracket) belongs there, not on the line after the block."""
    lines = text.split("\n")
    return max((i for i, line in enumerate(lines) if line.strip()), default=0)


def nested_mapping(value: Any, path: Path, line: int, report: Report, what: str) -> YamlMap | None:
    """Re-read a nested mapping (e.g. one item of `sections:`) with per-key lines.

    Nested values carry no marks after construction, so every key gets the parent line.
    """
    if not isinstance(value, dict):
        report.error(path, line, f"{what}: expected 'key: value' pairs, got {describe(value)}")
        return None
    return YamlMap(path, line, {str(k): Entry(v, line, None) for k, v in value.items()})
