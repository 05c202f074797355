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
        from generator.figures import cards  # preview cards likewise: a card's PNG depends on its CardSpec alone
        patch.setattr(cards, "draw_card", functools.lru_cache(maxsize=None)(cards.draw_card))
        yield


@pytest.fixture()
def site_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture site at tmp/content (messages then read content/...)."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, target)
    return target


BILINGUAL_SITE_YML = """\
title: {zh-CN: 碳桥, en: Carbon Bridge}
subtitle: {zh-CN: 测试季刊, en: A test quarterly}
languages: [zh-CN, en]
base_url: https://example.org/bulletin/
publisher: 测试出版社
about: {zh-CN: "**测试刊物**，仅供测试。", en: "**A test publication**, for tests only."}
sections:
  - {key: policy, title: {zh-CN: 国家政策, en: National policy}, kind: brief}
  - {key: market, title: {zh-CN: 市场动态, en: Markets}, kind: market}
  - {key: essays, title: {zh-CN: 环保桥观察, en: Essays}, kind: essay}
"""
# 2024-q3: a brief translated (date and slug from the original) and an essay in English only;
# 2024-q2: its 引言 in English and no English article
BILINGUAL_FILES = {
    "issues/2024-q3/issue.yml": "title: {zh-CN: 2024年第三季度, en: 2024 Q3}\ndate: 2024-10-15\n"
                                "highlights: {zh-CN: [第三季度观点一], en: [A first point]}\n",
    "issues/2024-q3/policy/2024-07-04-procurement-footprint.en.md":
        "---\ntitle: Carbon footprints to enter government procurement\nsource: State Council\n"
        "summary: Procurement standards will include carbon footprints.\ntags: [carbon footprint]\n---\n"
        "The General Office of the State Council will add carbon-footprint management to procurement, "
        "CCER credits aside.\n",
    "issues/2024-q3/essays/pilot-markets.en.md":
        "---\ntitle: Pilot markets after the national market\ndate: 2024-09-30\nauthor: Jane Doe\n"
        "summary: What the pilots do next.\ntags: [pilot markets]\n---\nThe pilot markets keep trading.\n",
    "issues/2024-q2/intro.en.md": "An introduction in English.\n",
}


def make_bilingual(root: Path) -> Path:
    """Turn a copy of the fixture site into a Chinese and English one (BILINGUAL_FILES)."""
    (root / "site.yml").write_text(BILINGUAL_SITE_YML, "utf-8")
    for name, text in BILINGUAL_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    return root


@pytest.fixture()
def bilingual_site(site_copy: Path) -> Path:
    """A writable copy of the fixture site in Chinese and English."""
    return make_bilingual(site_copy)


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
