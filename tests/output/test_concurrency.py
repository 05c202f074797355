"""Two builds and a `serve` writing one output folder at once: one build at a time."""
from __future__ import annotations

import hashlib
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.build import Options, build
from tests.conftest import FIXTURE_SITE


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def bulletin(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def read_lines(stream, into: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        into.put(line)


def wait_quiet(lines: queue.Queue, seconds: float = 2.0, limit: float = 60) -> list[str]:
    """Lines until `seconds` pass without one (serve has finished its rebuilds)."""
    seen, deadline = [], time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            seen.append(lines.get(timeout=seconds))
        except queue.Empty:
            return seen
    raise AssertionError(f"serve never went quiet: {seen[-5:]}")


@pytest.mark.slow
def test_two_builds_and_serve_at_once_leave_a_whole_site(tmp_path: Path):
    site = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, site)
    article = site / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    original = article.read_text("utf-8")
    serve = bulletin("serve", "--content", "content", "--out", "out", "--port", "0", cwd=tmp_path)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(serve.stdout, lines), daemon=True).start()
    try:
        wait_quiet(lines)
        for n in range(4):
            article.write_text(original + "".join(f"\n第{i}段补充。\n" for i in range(n + 1)), "utf-8")
            time.sleep(0.05 * (n % 3))
            builds = [bulletin("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search",
                               cwd=tmp_path)]
            time.sleep(0.1 * (n % 4))
            builds.append(bulletin("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search",
                                   cwd=tmp_path))
            outputs = [b.communicate(timeout=120)[0] for b in builds]
            assert [b.returncode for b in builds] == [0, 0], outputs
            wait_quiet(lines)
            clean = tmp_path / f"clean-{n}"
            build(Options(content=site, out=clean, pdf=False, search=False, incremental=False))
            assert tree(tmp_path / "out") == tree(clean), outputs
            again = bulletin("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", cwd=tmp_path)
            assert "nothing changed" in again.communicate(timeout=60)[0]
    finally:
        serve.terminate()
        serve.wait(10)


@pytest.mark.slow
def test_a_second_build_waits_for_the_first(site_copy: Path, tmp_path: Path):
    """While one build holds the output folder, another says so and waits."""
    from generator.incremental.locations import cache_dir_for
    from generator.output.lock import hold_output
    out = tmp_path / "out"
    build(Options(content=site_copy, out=out, pdf=False, search=False))
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    article.write_text(article.read_text("utf-8") + "\n补充。\n", "utf-8")
    with hold_output(str(Path(cache_dir_for(out)) / "lock"), lambda: None):
        waiting = bulletin("build", "--content", str(site_copy), "--out", str(out), "--no-pdf", "--no-search",
                           cwd=tmp_path)
        time.sleep(2.0)
        assert waiting.poll() is None      # still waiting
    said, _ = waiting.communicate(timeout=60)
    assert waiting.returncode == 0 and "another build is writing" in said
    assert "补充" in (out / "issues/2024-q2/policy/first-brief/index.html").read_text("utf-8")


@pytest.mark.slow
def test_a_build_started_while_another_writes_the_site_does_not_break_it(site_copy: Path, tmp_path: Path):
    """The issue's case, made certain: a build pauses with its pages half written (the back
    buffer taken) while a second build starts; without one build at a time, the second
    threw away the folder the first was writing, which then published a broken site."""
    out = tmp_path / "out"
    build(Options(content=site_copy, out=out, pdf=False, search=False))
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    article.write_text(article.read_text("utf-8") + "\n第一次补充。\n", "utf-8")
    build(Options(content=site_copy, out=out, pdf=False, search=False))   # now there is a back buffer
    article.write_text(article.read_text("utf-8") + "\n第二次补充。\n", "utf-8")
    second: list[subprocess.Popen] = []

    def pause(stage: str) -> None:
        if stage == "printing the PDF":   # pages written into the folder being built
            second.append(bulletin("build", "--content", str(site_copy), "--out", str(out), "--no-pdf",
                                   "--no-search", cwd=tmp_path))
            time.sleep(3.0)

    build(Options(content=site_copy, out=out, pdf=False, search=False, jobs=1, progress=pause))
    said, _ = second[0].communicate(timeout=60)
    assert second[0].returncode == 0, said
    clean = tmp_path / "clean"
    build(Options(content=site_copy, out=clean, pdf=False, search=False, incremental=False))
    assert tree(out) == tree(clean)
