"""Invalid-content fixtures: each .case file carries the file it writes and the message expected.

Format (like markdown-it-py's fixture files):
    path: <file inside the fixture site to write or replace>
    expect: <a line the build must print> (one or more)
    encoding: <codec for the file, e.g. gbk> (optional; default utf-8)
    newline: crlf (optional: write the file with Windows line ends)
    bom: yes (optional: start the file with a UTF-8 byte-order mark)
    =====
    <the file's content>
    ===== <another path, relative to the fixture site> (optional, repeatable)
    <that file's content>

For every case the build must exit 1, print each expected `path:line: message`
line, print nothing but such lines and the closing count (no traceback), and leave
the previous good output byte-identical.
"""
from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_SITE, run_cli

CASES = sorted((Path(__file__).parent / "fixtures" / "invalid").glob("*.case"))
BUILD = ("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search")
# `path:line: message`, or `path: message` where there is no line (a folder)
LOCATED = re.compile(r"^[^\s:][^:]*(:\d+)?: \S.*$")
SUMMARY = re.compile(r"^\d+ problem\(s\); nothing was written, out/ is unchanged\.$")


@dataclass(frozen=True)
class Case:
    path: str
    expects: tuple[str, ...]
    body: bytes
    extra: tuple[tuple[str, str], ...] = ()  # more files: (path, text)


def read_case(file: Path) -> Case:
    head, rest = file.read_text("utf-8").split("=====\n", 1)
    fields = [line.split(": ", 1) for line in head.strip().splitlines()]
    get = dict(fields).get
    path = get("path")
    assert path, f"{file.name}: no 'path:' line"
    parts = re.split(r"^===== (\S+)\n", rest, flags=re.M)
    body, extra = parts[0], tuple(zip(parts[1::2], parts[2::2], strict=True))
    if get("newline") == "crlf":
        body = body.replace("\n", "\r\n")
    data = body.encode(get("encoding", "utf-8"))
    if get("bom") == "yes":
        data = b"\xef\xbb\xbf" + data
    return Case(path, tuple(v for k, v in fields if k == "expect"), data, extra)


def tree_hash(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_located_failure(done, expects: tuple[str, ...] = ()) -> None:
    """Exit 1; every line `path:line: message` (or the closing count); no traceback."""
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stderr.splitlines()
    for expected in expects:
        assert any(expected in line for line in lines), f"expected {expected!r} in:\n{done.stderr}"
    assert "Traceback" not in done.stderr + done.stdout
    assert "internal error" not in done.stderr
    assert lines and SUMMARY.match(lines[-1]), done.stderr
    for line in lines[:-1]:
        assert LOCATED.match(line), f"not a located message: {line!r}"


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> Path:
    """The fixture site and a previous good build of it (with its cache), made once."""
    root = tmp_path_factory.mktemp("good")
    shutil.copytree(FIXTURE_SITE, root / "content")
    done = run_cli(*BUILD, cwd=root)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture()
def previous(good_site: Path, tmp_path: Path) -> Path:
    """A copy of the content and of its good output: each case breaks its own copy."""
    work = tmp_path / "site"
    shutil.copytree(good_site, work, symlinks=True)
    return work


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_invalid_content_is_reported_and_output_untouched(case_file: Path, previous: Path):
    case = read_case(case_file)
    before = tree_hash(previous / "out")
    target = previous / "content" / case.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(case.body)
    for rel, text in case.extra:
        extra = previous / "content" / rel
        extra.parent.mkdir(parents=True, exist_ok=True)
        extra.write_text(text, "utf-8")
    done = run_cli(*BUILD, cwd=previous)
    assert_located_failure(done, case.expects)
    assert tree_hash(previous / "out") == before
    assert not [p for p in previous.glob(".out.*") if p.name != ".out.back"], \
        "a temporary folder was left beside the output"


def test_the_case_format_reads_encodings_line_ends_and_extra_files(tmp_path: Path):
    case_file = tmp_path / "x.case"
    case_file.write_text("path: a.md\nencoding: gbk\nnewline: crlf\nbom: yes\nexpect: e\n=====\n碳\n"
                         "===== ../t/x.html\n<p>\n", "utf-8")
    case = read_case(case_file)
    assert case.body == b"\xef\xbb\xbf" + "碳\r\n".encode("gbk")
    assert case.extra == (("../t/x.html", "<p>\n"),) and case.expects == ("e",)


def test_windows_line_ends_and_bom_build_the_very_same_site(good_site: Path, tmp_path: Path):
    """Not an error at all: CRLF (Notepad), CR (old Mac) and a UTF-8 BOM (Excel, Notepad) in every
    .md, .yml and .csv file give the same site, byte for byte, as the plain files."""
    site = tmp_path / "content"
    shutil.copytree(good_site / "content", site)
    changed = 0
    for path in sorted(site.rglob("*")):
        if path.suffix in (".md", ".yml", ".csv"):
            text = path.read_bytes().decode("utf-8-sig")
            ends = "\r" if path.name == "intro.md" else "\r\n"
            path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", ends).encode("utf-8"))
            changed += 1
    assert changed >= 10
    done = run_cli("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert tree_hash(tmp_path / "out") == tree_hash(good_site / "out")
