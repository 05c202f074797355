"""Invalid-content fixtures: each .case file carries the file it writes and the message expected.

Format (like markdown-it-py's fixture files):
    path: <file inside the fixture site to write or replace>
    expect: <a line the build must print> (one or more)
    =====
    <the file's content>
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import run_bulletin

CASES = sorted((Path(__file__).parent / "fixtures" / "invalid").glob("*.case"))


@dataclass(frozen=True)
class Case:
    path: str
    expects: tuple[str, ...]
    body: str


def read_case(file: Path) -> Case:
    head, body = file.read_text("utf-8").split("=====\n", 1)
    fields = [line.split(": ", 1) for line in head.strip().splitlines()]
    path = next(v for k, v in fields if k == "path")
    return Case(path, tuple(v for k, v in fields if k == "expect"), body)


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_output(tmp_path_factory):
    """A previous good build, which every failed build must leave byte-identical."""
    return tmp_path_factory.mktemp("good")


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_invalid_content_is_reported_and_output_untouched(case_file: Path, site_copy: Path):
    case = read_case(case_file)
    out = site_copy.parent / "out"
    first = run_bulletin("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", cwd=site_copy.parent)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    target = site_copy / case.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(case.body, "utf-8")
    done = run_bulletin("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", cwd=site_copy.parent)
    assert done.returncode == 1, done.stdout + done.stderr
    for expected in case.expects:
        assert any(expected in line for line in done.stderr.splitlines()), f"expected {expected!r} in:\n{done.stderr}"
    assert "Traceback" not in done.stderr
    assert snapshot(out) == before
