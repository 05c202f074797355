"""The command line: help, exit statuses, check writes nothing, new never overwrites."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content.scaffold import issue_defaults
from tests.conftest import FIXTURE_SITE, run_bulletin, run_cli

BULLETIN = Path(sys.executable).with_name("bulletin")   # the console script the install made


def test_help_lists_every_command():
    """Through the console script the install made: the real entry point."""
    done = subprocess.run([str(BULLETIN), "--help"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0
    for word in ("build", "check", "serve", "new"):
        assert word in done.stdout


def test_each_subcommand_has_help():
    for cmd in (["build"], ["check"], ["serve"], ["new"], ["new", "issue"], ["new", "article"]):
        done = run_cli(*cmd, "--help")
        assert done.returncode == 0 and "usage: bulletin" in done.stdout, cmd


def test_misuse_exits_2(site_copy):
    assert run_cli("build", "--no-such-flag").returncode == 2
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("build", "--content", "/nonexistent/folder").returncode == 2
    bad_url = run_cli("build", "--base-url", "notaurl")
    assert bad_url.returncode == 2 and "--base-url: expected an http:// or https:// address" in bad_url.stderr
    markup = run_cli("build", "--base-url", 'https://example.org/x"><script>alert(1)</script>')
    assert markup.returncode == 2 and "it holds a space, a quote, <, >" in markup.stderr, markup.stderr
    query = run_cli("build", "--base-url", "https://example.org/?x=1")
    assert query.returncode == 2 and "without ?… or #…" in query.stderr
    bad_port = run_cli("serve", "--port", "70000", "--content", "content", cwd=site_copy.parent)
    assert bad_port.returncode == 2 and "'70000' is not a port" in bad_port.stderr
    assert "Traceback" not in bad_port.stderr
    bad_id = run_cli("new", "issue", "../x", "--content", "content", cwd=site_copy.parent)
    assert bad_id.returncode == 2 and "issue id '../x'" in bad_id.stderr


@pytest.mark.slow
def test_check_writes_nothing_and_exits_0(site_copy):
    done = run_cli("check", "--content", "content", cwd=site_copy.parent)
    assert done.returncode == 0, done.stderr
    assert not (site_copy.parent / "output").exists()
    assert not (site_copy.parent / ".bulletin-cache").exists()


@pytest.mark.slow
def test_check_strict_fails_on_warnings(site_copy):
    # the fixture's market article has no summary → a warning under --strict
    done = run_cli("check", "--content", "content", "--strict", cwd=site_copy.parent)
    assert done.returncode == 1 and "warning:" in done.stderr
    assert "warning(s): --strict fails on warnings" in done.stderr.splitlines()[-1]


def test_new_issue_uses_next_quarter_defaults(site_copy):
    done = run_cli("new", "issue", "--content", "content", cwd=site_copy.parent)
    assert done.returncode == 0, done.stderr
    yml = (site_copy / "issues" / "2024-q4" / "issue.yml").read_text("utf-8")
    assert "title: 2024年第四季度" in yml and "date: 2025-01-15" in yml
    again = run_cli("new", "issue", "2024-q4", "--content", "content", cwd=site_copy.parent)
    assert again.returncode == 2 and "exists already" in again.stderr


def test_issue_defaults_in_english():
    assert issue_defaults("2025-q1", "en") == ("2025 Q1", dt.date(2025, 4, 15))


def test_new_article_has_the_front_matter_of_its_kind_and_refuses_overwrite(site_copy):
    args = ("new", "article", "2024-q2", "essays", "碳手印的量化方法", "--content", "content")
    done = run_cli(*args, cwd=site_copy.parent)
    assert done.returncode == 0, done.stderr
    created = next((site_copy / "issues/2024-q2/essays").glob("*-tan-shou-yin-de-liang-hua-fang-fa.md"))
    text = created.read_text("utf-8")
    assert 'title: "碳手印的量化方法"' in text and "author:" in text and "abstract:" in text
    assert run_cli(*args, cwd=site_copy.parent).returncode == 2
    build = run_cli("build", "--content", "content", "--no-pdf", "--no-search", "--drafts", cwd=site_copy.parent)
    assert build.returncode == 0, build.stderr  # a scaffolded article builds as a draft


def test_new_article_takes_a_date_and_today_from_bulletin_today(site_copy, monkeypatch):
    """issue 22 (3): `new article` had no --date and dated every file today."""
    args = ("new", "article", "2024-q3", "policy", "碳市场", "--content", "content")
    done = run_cli(*args, "--date", "2024-09-30", cwd=site_copy.parent)
    assert done.returncode == 0 and (site_copy / "issues/2024-q3/policy/2024-09-30-tan-shi-chang.md").is_file()
    monkeypatch.setenv("BULLETIN_TODAY", "2024-08-02")
    assert run_cli(*args, cwd=site_copy.parent).returncode == 0
    assert (site_copy / "issues/2024-q3/policy/2024-08-02-tan-shi-chang.md").is_file()
    bad = run_cli(*args, "--date", "2024/09/30", cwd=site_copy.parent)
    assert bad.returncode == 2 and "--date: expected YYYY-MM-DD, got '2024/09/30'" in bad.stderr
    monkeypatch.setenv("BULLETIN_TODAY", "tomorrow")
    wrong = run_cli(*args, cwd=site_copy.parent)
    assert wrong.returncode == 2 and "BULLETIN_TODAY: expected YYYY-MM-DD, got 'tomorrow'" in wrong.stderr


def test_new_article_in_unknown_section_is_refused(site_copy):
    done = run_cli("new", "article", "2024-q2", "opinion", "x", "--content", "content", cwd=site_copy.parent)
    assert done.returncode == 2 and "no section 'opinion'" in done.stderr


def test_summary_line_counts_charts_drawn_and_cached(site_copy, tmp_path):
    first = run_cli("build", "--content", str(site_copy), "--out", str(tmp_path / "a"), "--no-pdf", "--no-search")
    assert "charts 2 drawn / 0 cached" in first.stdout, first.stdout
    again = run_cli("build", "--content", str(site_copy), "--out", str(tmp_path / "b"), "--no-pdf", "--no-search")
    assert "charts 0 drawn / 2 cached" in again.stdout, again.stdout   # same charts: from the chart cache


@pytest.mark.slow
def test_check_no_pdf_skips_laying_out_the_pdf(site_copy):
    full = run_cli("check", "--content", str(site_copy))
    quick = run_cli("check", "--content", str(site_copy), "--no-pdf")
    assert full.returncode == quick.returncode == 0
    assert "2 PDF laid out" in full.stdout and "0 PDF laid out" in quick.stdout


@pytest.mark.slow
def test_a_reader_that_closes_the_pipe_gets_no_traceback(tmp_path):
    """`bulletin build | head -0`: the site is built, and nothing about the pipe is printed,
    whether Python buffers stdout (the status is then the build's) or not."""
    read_end, write_end = os.pipe()
    os.close(read_end)   # the reader has gone before anything is written
    args = [str(BULLETIN), "build", "--content", str(FIXTURE_SITE), "--out", str(tmp_path / "out"), "--no-pdf",
            "--no-search"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    try:
        buffered = subprocess.run(args, stdout=write_end, stderr=subprocess.PIPE, text=True, env=env, timeout=300)
        unbuffered = subprocess.run(args, stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300,
                                    env={**env, "PYTHONUNBUFFERED": "1"})
    finally:
        os.close(write_end)
    assert buffered.returncode == 0 and (tmp_path / "out" / "index.html").is_file(), buffered.stderr
    for done in (buffered, unbuffered):
        assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
        assert "Exception ignored" not in done.stderr, done.stderr


def test_python_dash_m_generator_is_the_command_with_its_exit_status():
    done = run_bulletin("build", "--no-such-flag")
    assert done.returncode == 2 and done.stderr.startswith("usage: bulletin")
    assert "unrecognized arguments: --no-such-flag" in done.stderr


def test_main_returns_each_status_and_can_be_called_again(site_copy):
    """cli.main never leaves the process: misuse, --version (argparse exits) and builds, in turn."""
    assert run_cli("frobnicate").returncode == 2
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("bulletin ")
    args = ("build", "--content", "content", "--no-pdf", "--no-search")
    assert run_cli(*args, cwd=site_copy.parent).returncode == 0
    again = run_cli(*args, cwd=site_copy.parent)
    assert again.returncode == 0 and "nothing changed" in again.stdout


@pytest.mark.parametrize("collecting", [True, False])
def test_a_build_in_a_process_that_goes_on_leaves_the_cycle_collector_as_it_was(site_copy, collecting: bool):
    """`bulletin build` runs without the cycle collector (cli.run); in-process callers (tests,
    `serve`) get it back as they had it."""
    import gc
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        done = run_cli("build", "--content", "content", "--no-pdf", "--no-search", cwd=site_copy.parent)
        assert done.returncode == 0 and gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()
