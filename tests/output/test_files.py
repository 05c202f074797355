"""Files written outside the site: cache files replaced whole, content never overwritten."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.output.files import create_file, read_cache, save_cache


def test_a_cache_file_is_replaced_whole_and_read_back(tmp_path: Path):
    folder = tmp_path / "cache" / "charts"
    assert read_cache(folder, "a.svg") is None                 # a miss, not an error
    save_cache(folder, "a.svg", b"<svg>1</svg>")
    save_cache(folder, "a.svg", b"<svg>2</svg>")
    assert read_cache(folder, "a.svg") == b"<svg>2</svg>"
    assert sorted(p.name for p in folder.iterdir()) == ["a.svg"]   # no temporary file left


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    save_cache(blocked / "charts", "a.svg", b"<svg/>")          # no exception
    assert read_cache(blocked / "charts", "a.svg") is None


def test_new_content_never_overwrites_what_an_editor_wrote(tmp_path: Path):
    path = tmp_path / "issues" / "2025-q1" / "intro.md"
    create_file(path, "引言\n")
    with pytest.raises(FileExistsError):
        create_file(path, "另一个\n")
    assert path.read_text("utf-8") == "引言\n"
