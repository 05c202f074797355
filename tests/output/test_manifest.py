"""generator/output/manifest.py: a token per output file, and a manifest read back only when it
is ours and whole."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.incremental.hashing import token_of
from generator.output import MANIFEST
from generator.output.manifest import (
    Existing,
    Manifest,
    Written,
    extra_entries,
    file_tokens,
    manifest_bytes,
    read_manifest,
)


def test_every_kind_of_file_gets_the_token_of_its_content(tmp_path: Path):
    (tmp_path / "dot.png").write_bytes(b"\x89PNG")
    (tmp_path / "old.html").write_bytes(b"<p>old</p>")
    files = {"index.html": b"<p>new</p>", "a/index.html": Written("from-a-worker"),
             "issues/dot.png": tmp_path / "dot.png", "kept.html": Existing(tmp_path / "old.html"),
             "kept-known.html": Existing(tmp_path / "no-such-file")}
    tokens = file_tokens(files, Manifest({"kept-known.html": "known", "index.html": "stale"}))
    assert tokens == {"index.html": token_of(b"<p>new</p>"), "a/index.html": "from-a-worker",
                      "issues/dot.png": token_of(b"\x89PNG"), "kept.html": token_of(b"<p>old</p>"),
                      "kept-known.html": "known"}   # a kept file is not read again when the manifest knows it


def test_a_token_depends_only_on_the_content(tmp_path: Path):
    (tmp_path / "a").write_bytes(b"same")
    tokens = file_tokens({"x": b"same", "y": tmp_path / "a", "z": Existing(str(tmp_path / "a"))}, None)
    assert len(set(tokens.values())) == 1


def test_a_manifest_reads_back_as_written(tmp_path: Path):
    manifest = Manifest({"index.html": "t1", "issues/碳/index.html": "t2"}, ("pagefind",))
    (tmp_path / MANIFEST).write_bytes(manifest_bytes(manifest))
    assert read_manifest(tmp_path) == manifest


def test_the_same_manifest_is_the_same_bytes_in_any_order():
    one = Manifest({"a": "1", "b": "2"}, ("x",))
    other = Manifest({"b": "2", "a": "1"}, ("x",))
    assert manifest_bytes(one) == manifest_bytes(other)


@pytest.mark.parametrize("content", [
    pytest.param(None, id="missing"),
    pytest.param(b"", id="empty"),
    pytest.param(b"{not json", id="cut-short"),
    pytest.param(b"\xff\xfe", id="not-utf8"),
    pytest.param(b"[]", id="a-list"),
    pytest.param(b'{"files": {}}', id="no-extra"),
    pytest.param(b'{"extra": []}', id="no-files"),
    pytest.param(b'{"files": [], "extra": []}', id="files-not-a-mapping"),
    pytest.param(b'{"files": {"a": 1}, "extra": []}', id="a-token-not-text"),
    pytest.param(b'{"files": {}, "extra": "pagefind"}', id="extra-not-a-list"),
    pytest.param(b'{"files": {}, "extra": [3]}', id="extra-not-text"),
    pytest.param(b'{"files": {}, "extra": ["../x"]}', id="extra-a-path-not-a-name"),
])
def test_a_manifest_that_is_not_ours_and_whole_is_none(tmp_path: Path, content: bytes | None):
    if content is not None:
        (tmp_path / MANIFEST).write_bytes(content)
    assert read_manifest(tmp_path) is None


def test_a_manifest_that_is_a_folder_is_none(tmp_path: Path):
    (tmp_path / MANIFEST).mkdir()
    assert read_manifest(tmp_path) is None


def test_extra_entries_are_the_top_level_names_a_finisher_added(tmp_path: Path):
    for folder in ("issues", "pagefind"):
        (tmp_path / folder).mkdir()
    for file in ("index.html", "stray.txt", ".bulletin-output"):
        (tmp_path / file).touch()
    files = {"index.html": b"", "issues/2024-q3/index.html": b""}
    assert extra_entries(tmp_path, files, {".bulletin-output"}) == ("pagefind", "stray.txt")
