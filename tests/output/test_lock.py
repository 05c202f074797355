"""generator/output/lock.py: one build at a time per output folder. (Two whole builds:
tests/output/test_concurrency.py, marked slow.)"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.output.lock import hold_output
from tests.conftest import ROOT

# A second holder in a process of its own: says when it must wait, then when it holds the lock.
HOLDER = """
import sys, time
from generator.output.lock import hold_output
with hold_output(sys.argv[1], lambda: print("waiting", flush=True)):
    print("holding", flush=True)
    if len(sys.argv) > 2:
        time.sleep(60)
"""


def holder(lock: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", HOLDER, str(lock), *extra], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE)


def test_a_second_holder_is_told_and_waits_until_the_first_lets_go(tmp_path: Path):
    lock = tmp_path / ".bulletin-cache" / "out" / "lock"
    with hold_output(str(lock), lambda: pytest.fail("nobody held it")):
        second = holder(lock)
        assert second.stdout.readline() == "waiting\n"
        assert second.poll() is None                      # blocked while we hold it
    said, _ = second.communicate(timeout=30)
    assert said == "holding\n" and second.returncode == 0


def test_a_holder_that_is_killed_leaves_no_lock_behind(tmp_path: Path):
    lock = tmp_path / "lock"
    first = holder(lock, "stay")
    try:
        assert first.stdout.readline() == "holding\n"
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    finally:
        if first.poll() is None:
            first.kill()
        first.stdout.close()
    with hold_output(str(lock), lambda: pytest.fail("the lock outlived its holder")):
        pass


def test_the_lock_is_let_go_after_an_error_and_can_be_taken_again(tmp_path: Path):
    lock = str(tmp_path / "lock")
    with pytest.raises(RuntimeError), hold_output(lock, lambda: pytest.fail("held")):
        raise RuntimeError("the build failed")
    for _ in range(2):
        with hold_output(lock, lambda: pytest.fail("held")):
            pass


@pytest.mark.parametrize("where", [
    pytest.param(lambda tmp: tmp / "a-file" / "lock", id="below-a-file"),
    pytest.param(lambda tmp: tmp / "a-file" / "deeper" / "lock", id="a-folder-below-a-file"),
    pytest.param(lambda tmp: tmp / "a-folder-named-lock", id="the-lock-is-a-folder"),
    pytest.param(lambda tmp: Path("/proc/self/lock"), id="a-place-no-one-may-write"),
])
def test_a_lock_that_cannot_be_made_is_no_lock_and_no_crash(tmp_path: Path, where):
    (tmp_path / "a-file").write_text("x", "utf-8")
    (tmp_path / "a-folder-named-lock").mkdir()
    ran = []
    with hold_output(str(where(tmp_path)), lambda: pytest.fail("waited for nothing")):
        ran.append(True)
    assert ran == [True]


def test_the_lock_file_is_made_with_its_folders(tmp_path: Path):
    lock = tmp_path / ".bulletin-cache" / "out" / "lock"
    with hold_output(str(lock), lambda: None):
        assert lock.is_file() and os.access(lock, os.R_OK)
