"""Faults: a killed build, a full disk, an output folder that cannot be written.

The promise under test (docs/promises.md): the output folder always holds one
complete site, the last good one or the new one, never a mix; a build that cannot
write says so in one line and exits 1.
"""
from __future__ import annotations

import hashlib
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.corpus import write_corpus
from generator.build import Options, build
from tests.conftest import FIXTURE_SITE, ROOT, run_cli

QUICK = ("--no-pdf", "--no-search")


def tree_hash(folder: Path) -> str:
    """One hash for a whole folder: every file's path and bytes."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def leftovers(out: Path) -> list[Path]:
    """Temporary folders left beside the output (the back buffer is kept on purpose)."""
    return sorted(p for p in out.parent.glob(f".{out.name}.*") if p.name != f".{out.name}.back")


# --- a build killed at random moments ------------------------------------------------------

ARTICLES = 300          # about 1 s a build on two cores: long enough to be killed anywhere
KILLS = 20


def start_build(site: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--content", str(site), "--out", str(out),
                             "-v", *QUICK], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_until_writing(proc: subprocess.Popen) -> None:
    for line in proc.stderr:
        if "writing the site" in line:
            return


def inode(folder: Path) -> int | None:
    try:
        return folder.stat().st_ino
    except FileNotFoundError:
        return None


def wait_for_swap(out: Path, before: int | None, timeout: float) -> bool:
    """The output folder is exchanged whole: its inode changes at the swap."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if inode(out) != before:
            return True
        time.sleep(0.001)
    return False


def timed_build(site: Path, out: Path) -> tuple[float, float]:
    """An uninterrupted build: its wall time, and the time from 'writing' to the swap."""
    before = inode(out)
    started = time.monotonic()
    proc = start_build(site, out)
    wait_until_writing(proc)
    writing = time.monotonic()
    assert wait_for_swap(out, before, 60)
    swap = time.monotonic() - writing
    proc.stderr.read()
    assert proc.wait() == 0
    return time.monotonic() - started, swap


@pytest.mark.slow
def test_a_killed_build_leaves_the_old_or_the_new_site_never_a_mix(tmp_path: Path):
    site = write_corpus(tmp_path / "content", ARTICLES)
    site_yml = site / "site.yml"
    versions = {"A": site_yml.read_text("utf-8")}
    versions["B"] = versions["A"].replace("subtitle: 基准测试", "subtitle: 基准测试（修订）")  # every page changes

    def use(version: str) -> None:
        site_yml.write_text(versions[version], "utf-8")

    reference = {}
    for version in "AB":
        use(version)
        assert run_cli("build", "--content", str(site), "--out", str(tmp_path / f"ref-{version}"),
                            *QUICK).returncode == 0
        reference[tree_hash(tmp_path / f"ref-{version}")] = version
    assert len(reference) == 2

    out = tmp_path / "out"
    shutil.copytree(tmp_path / "ref-A", out)
    use("B")
    total, to_swap = timed_build(site, out)    # an edit's build, as each kill below interrupts
    current = "B"
    rng = random.Random(9)
    outcomes = []
    for i in range(KILLS):
        target = "A" if current == "B" else "B"
        use(target)
        before = inode(out)
        proc = start_build(site, out)
        moment = ("anywhere", "writing", "after the swap")[i % 3]
        if moment == "anywhere":      # from start-up to the last cache write and exit
            time.sleep(total * (i + rng.random()) / KILLS)
        elif moment == "writing":     # files being written into the temporary folder
            wait_until_writing(proc)
            time.sleep(rng.uniform(0, to_swap))
        else:                         # the old site being removed, the cache being saved
            wait_until_writing(proc)
            wait_for_swap(out, before, 30)
            time.sleep(rng.uniform(0, 0.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        found = reference.get(tree_hash(out))
        assert found is not None, f"kill {i} ({moment}): the output is neither the old nor the new site"
        outcomes.append("new" if found == target else "old")
        current = found
    print(f"{KILLS} kills; a build {total:.2f} s, its swap {to_swap:.2f} s after writing began; {outcomes}")
    assert "old" in outcomes and "new" in outcomes, outcomes
    # A later build succeeds, equals a clean build of each version, and leaves nothing behind.
    for version in ("A", "B") if current == "A" else ("B", "A"):
        use(version)
        done = run_cli("build", "--content", str(site), "--out", str(out), *QUICK)
        assert done.returncode == 0, done.stderr
        assert reference.get(tree_hash(out)) == version
    assert leftovers(out) == []


def test_killed_after_the_swap_then_the_edit_undone_builds_the_right_site(site_copy: Path, tmp_path: Path,
                                                                           monkeypatch):
    """The window between the swap and the cache write: the cache must not describe the old site."""
    from generator.incremental.cache import BuildCache
    out = tmp_path / "out"
    opts = Options(content=site_copy, out=out, pdf=False, search=False)
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    original = article.read_text("utf-8")
    build(opts)
    article.write_text(original.replace("要求推进碳足迹管理", "要求全面推进碳足迹管理"), "utf-8")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt   # stands in for SIGKILL: nothing after this point runs

    with monkeypatch.context() as m:
        m.setattr(BuildCache, "save", killed)
        with pytest.raises(KeyboardInterrupt):
            build(opts)
    assert "要求全面推进碳足迹管理" in (out / "issues/2024-q2/policy/first-brief/index.html").read_text("utf-8")
    article.write_text(original, "utf-8")                 # the editor undoes the edit
    build(opts)
    build(Options(content=site_copy, out=tmp_path / "clean", pdf=False, search=False, incremental=False))
    assert tree_hash(out) == tree_hash(tmp_path / "clean")


# --- an output folder that cannot be written -------------------------------------------------

def assert_one_line_error(done: subprocess.CompletedProcess, *words: str) -> str:
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_output_folder_inside_a_file_is_a_clear_error(tmp_path: Path):
    (tmp_path / "not-a-folder").write_text("x", "utf-8")
    done = run_cli("build", "--content", str(FIXTURE_SITE), "--out", str(tmp_path / "not-a-folder" / "out"),
                        *QUICK)
    assert_one_line_error(done, "not-a-folder: is a file, not a folder", "choose another --out")


def test_output_that_is_a_file_or_a_foreign_folder_is_refused(tmp_path: Path):
    (tmp_path / "file").write_text("x", "utf-8")
    done = run_cli("build", "--content", str(FIXTURE_SITE), "--out", str(tmp_path / "file"), *QUICK)
    assert_one_line_error(done, "was not written by bulletin")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_text("x", "utf-8")
    done = run_cli("build", "--content", str(FIXTURE_SITE), "--out", str(tmp_path / "mine"), *QUICK)
    assert_one_line_error(done, "refusing to replace it")
    assert (tmp_path / "mine" / "thesis.docx").read_text("utf-8") == "x"


def test_output_inside_the_content_is_refused_and_writes_nothing_there(site_copy: Path):
    before = tree_hash(site_copy)
    inside = site_copy / "issues" / "2024-q3" / "site"
    done = run_cli("build", "--content", str(site_copy), "--out", str(inside), *QUICK)
    assert_one_line_error(done, "the output folder is inside", "choose a folder outside it")
    assert tree_hash(site_copy) == before
    assert run_cli("build", "--content", str(site_copy), "--out", str(site_copy.parent / "out"),
                        *QUICK).returncode == 0


def limit_file_size() -> None:
    """In the child: files may not grow past 20 kB; writes past it fail with EFBIG (not SIGXFSZ)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.mark.slow
def test_a_file_that_cannot_be_written_is_one_clear_line_and_the_old_site_stays(site_copy: Path, tmp_path: Path):
    """A write that fails half-way (here: a file-size limit, as a quota would) — any user can run this."""
    out = tmp_path / "out"
    assert run_cli("build", "--content", str(site_copy), "--out", str(out), *QUICK).returncode == 0
    before = tree_hash(out)
    # a page larger than the limit
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    article.write_text(article.read_text("utf-8") + "\n\n" + "碳市场扩围。" * 4000 + "\n", "utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(site_copy), "--out", str(out),
                           *QUICK], cwd=ROOT, capture_output=True, text=True, timeout=120, preexec_fn=limit_file_size)
    line = assert_one_line_error(done, "cannot write the site", "File too large", "previous output is unchanged")
    assert line.startswith("bulletin: ")
    assert tree_hash(out) == before and leftovers(out) == []


@pytest.fixture()
def tiny_disk(tmp_path: Path):
    """A size-limited tmpfs: a real full disk (root only, and only where mount is allowed)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a size-limited tmpfs")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


@pytest.mark.slow
def test_a_full_disk_is_one_clear_line_and_the_old_site_stays(site_copy: Path, tiny_disk: Path):
    out = tiny_disk / "out"
    first = run_cli("build", "--content", str(site_copy), "--out", str(out), *QUICK)
    assert first.returncode == 0, first.stderr            # one site fits …
    before = tree_hash(out)
    site_yml = site_copy / "site.yml"                     # … a second complete copy does not
    site_yml.write_text(site_yml.read_text("utf-8").replace("仅供测试。", "仅供测试。" + "关于本刊。" * 3000), "utf-8")
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), *QUICK)
    assert_one_line_error(done, "No space left on device", "previous output is unchanged")
    assert tree_hash(out) == before and leftovers(out) == []


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_something_else_named_like_the_back_buffer_is_left_alone(site_copy: Path, tmp_path: Path, kind: str):
    """A plain file (or someone's folder) named .out.back beside the output: the build used
    to say "the previous output is unchanged" while deleting it, and fail the same way ever
    after. It is left alone, named in a warning, and the site is written whole."""
    out, back = tmp_path / "out", tmp_path / ".out.back"
    opts = Options(content=site_copy, out=out, pdf=False, search=False)
    build(opts)
    if kind == "file":
        back.write_text("mine", "utf-8")
    else:
        back.mkdir()
        (back / "notes.txt").write_text("mine", "utf-8")
    for n in range(2):
        article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
        article.write_text(article.read_text("utf-8") + f"\n补充{n}。\n", "utf-8")
        result = build(opts)
        assert any(".out.back" in w.path and "left alone" in w.message for w in result.warnings)
    assert (back.read_text("utf-8") if kind == "file" else (back / "notes.txt").read_text("utf-8")) == "mine"
    build(Options(content=site_copy, out=tmp_path / "clean", pdf=False, search=False, incremental=False))
    assert tree_hash(out) == tree_hash(tmp_path / "clean")
