"""Shared fixtures: the small fixture site, built once per session (no PDF, no search)."""
from __future__ import annotations

import contextlib
import functools
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
SAMPLE = ROOT / "content"


def run_bulletin(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` as a process of its own: for what only a process shows
    (imports, exit at a signal, the console's streams)."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=600)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`bulletin ARGS` in this process (no interpreter to start, modules already imported):
    `cli.main` in `cwd`, its stdout and stderr captured, its exit status as `returncode`."""
    from generator import cli
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return subprocess.CompletedProcess(["bulletin", *args], code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session", autouse=True)
def each_chart_drawn_once_a_session():
    """Most tests build a fresh copy of the fixture site, so with no chart cache, and
    drawing its charts with matplotlib was most of each build. A chart's SVG depends only
    on its ChartData (the key of the build's own chart cache; byte-identical across
    processes: figures/test_charts.py), so a session keeps each drawing, like a chart
    cache shared by every test. Builds still count the chart as drawn and write their
    cache; tests of the drawing itself call charts.render_svg, which is left as it is."""
    from generator.figures import fences
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fences, "render_svg", functools.lru_cache(maxsize=None)(fences.render_svg))
        patch.setattr(fences, "render_png", functools.lru_cache(maxsize=None)(fences.render_png))
        from generator.figures import cards   # preview cards likewise: a card's PNG depends on its CardSpec alone
        patch.setattr(cards, "draw_card", functools.lru_cache(maxsize=None)(cards.draw_card))
        yield


@pytest.fixture()
def site_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture site at tmp/content (messages then read content/...)."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, target)
    return target


@pytest.fixture(scope="session")
def built_fixture(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fixture-build") / "out"
    done = run_cli("build", "--content", str(FIXTURE_SITE), "--out", str(out), "--no-pdf", "--no-search")
    assert done.returncode == 0, done.stderr
    return out


# Real-browser tests: Debian's Chromium driven by Playwright (never `playwright install`).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="session")
def chromium():
    """One Chromium for the whole session: Playwright's sync API runs once in a process, so
    every browser test file shares this one (each opens its own pages and contexts)."""
    if not CHROMIUM.exists():
        pytest.fail("browser tests need Debian's chromium at /usr/bin/chromium "
                    "(scripts/dev test installs it; deselect with -m 'not browser')")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
