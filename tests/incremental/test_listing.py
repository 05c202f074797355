"""generator/incremental/listing.py: the folders a build reads, listed and hashed; the output
folder it left, recorded and looked at again."""
from __future__ import annotations

import os
import time

import pytest

from generator.incremental.listing import hash_inputs, list_files, output_state, output_unchanged


def test_only_regular_files_are_listed(tmp_path):
    """A named pipe left by a tool (in a hidden folder, say) would block the hashing forever."""
    (tmp_path / ".cache").mkdir()
    os.mkfifo(tmp_path / ".cache" / "pipe")
    (tmp_path / "a.md").write_text("x", "utf-8")
    paths = {entry[0] for entry in list_files([tmp_path])}
    assert str(tmp_path / "a.md") in paths and str(tmp_path / ".cache" / "pipe") not in paths

def test_input_hashes_are_kept_in_the_listings_order_however_many_are_hashed_again(tmp_path):
    """Many files are hashed on every core; the record stays in the listing's order, on which
    the caches' keys of a folder (BuildCache.digest_under) depend."""
    for i in range(400):
        (tmp_path / f"{i:03d}.md").write_text(f"正文 {i}", "utf-8")
    listing = list_files([tmp_path])
    first = hash_inputs(listing, {})
    assert list(first) == [path for path, *_ in listing] and len(first) == 400
    reused = {path: entry for i, (path, entry) in enumerate(first.items()) if i % 3}   # a third to hash again
    again = hash_inputs(listing, reused)
    assert list(again.items()) == list(first.items())

@pytest.mark.parametrize("change", ["edit", "touch", "delete", "add", "add-folder", "replace", "none"])
def test_any_change_to_the_output_folder_is_seen_without_listing_it(tmp_path, change: str):
    """output_unchanged looks at each recorded file and folder again (one stat each): a folder's
    time tells of a file added, removed or renamed in it."""
    out = tmp_path / "out"
    page = out / "issues" / "2024-q3" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>正文</p>", "utf-8")
    (out / "feed.xml").write_text("<feed/>", "utf-8")
    recorded = output_state(out)
    assert recorded[0].split("\0") == ["", "feed.xml", "issues", "issues/2024-q3", "issues/2024-q3/index.html"]
    time.sleep(0.01)   # a time the filesystem can tell apart
    if change == "edit":
        page.write_text("<p>另一段</p>", "utf-8")
    elif change == "touch":
        os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1_000_000))
    elif change == "delete":
        page.unlink()
    elif change == "add":
        (page.parent / "stray.html").write_text("x", "utf-8")
    elif change == "add-folder":
        (out / "issues" / "new").mkdir()
    elif change == "replace":
        (tmp_path / "other.html").write_text("<p>正文</p>", "utf-8")
        os.replace(tmp_path / "other.html", page)
    assert output_unchanged(out, recorded) is (change == "none")
    assert not output_unchanged(out, ("", b"")) and not output_unchanged(tmp_path / "gone", recorded)
    assert not output_unchanged(out, (recorded[0].encode(), recorded[1]))   # a record not of this shape
    assert not output_unchanged(out, (recorded[0], recorded[1][:-8]))       # one number short


def test_the_output_folder_may_be_named_with_a_trailing_slash(tmp_path):
    (tmp_path / "out" / "issues").mkdir(parents=True)
    (tmp_path / "out" / "issues" / "index.html").write_text("x", "utf-8")
    recorded = output_state(f"{tmp_path / 'out'}/")
    assert recorded == output_state(tmp_path / "out") and recorded[0].split("\0") == ["", "issues", "issues/index.html"]
    assert output_unchanged(f"{tmp_path / 'out'}/", recorded)
