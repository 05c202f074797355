"""Split a Markdown file into YAML front matter and body, with line numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.content.yamlmap import YamlMap, parse_mapping
from generator.errors import Report


@dataclass(frozen=True)
class Split:
    data: YamlMap
    body: str
    body_line: int


# '---', then 'key: value' lines, then '---': in a file that takes none (intro.md), a sign
# the editor wrote some, which would otherwise print as a rule and a heading
_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(?:[^\n]*:[^\n]*\r?\n)+---[ \t]*(\r?\n|$)")


def starts_with_front_matter(text: str) -> bool:
    return _FRONT_MATTER.match(text) is not None


def split_front_matter(text: str, path: Path, report: Report) -> Split | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        report.error(path, 1, "missing front matter: the file must start with a line '---', "
                              "then 'title: …' and the other fields, then '---'")
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        report.error(path, 1, "front matter is not closed: add a line '---' after the last field")
        return None
    yaml_text = "\n".join(lines[1:end])
    if not yaml_text.strip():
        report.error(path, 1, "front matter is empty: it needs at least 'title:'")
        return None
    data = parse_mapping(yaml_text, path, report, first_line=2, what="front matter")
    if data is None:
        return None
    return Split(data, "\n".join(lines[end + 1:]), end + 2)


def read_front_matter(path: Path) -> YamlMap | None:
    """The front matter of a file read before, again, for the lines of a message about it
    (the model keeps no lines); None if it can no longer be read."""
    from generator.content.config import read_text
    quiet = Report()
    text = read_text(path, quiet)
    split = split_front_matter(text, path, quiet) if text is not None else None
    return split.data if split else None


def front_matter_lines(path: Path) -> dict[str, int]:
    data = read_front_matter(path)
    return {key: entry.line for key, entry in data.entries.items()} if data else {}
