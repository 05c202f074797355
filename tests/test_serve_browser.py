"""The SVG policy of `bulletin serve` in a real browser (Playwright + Debian's Chromium):
an SVG opened on its own still draws, and a script in one does not run.

The build refuses such an SVG (figures/test_svg.py); here one is put into the output by
hand, as a file that got past the build would be, to see the header alone hold."""
from __future__ import annotations

import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.test_serve import read_lines, wait_for

pytestmark = pytest.mark.browser

EVIL = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="document.title=\'onload ran\'">'
        '<script>document.title = "script ran"</script><rect width="40" height="40" fill="#c00"/></svg>')
DOT = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
EMBEDDED = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><style>rect { fill: #0f766e }</style>'
            f'<rect width="20" height="40" style="opacity: .9"/><image x="20" width="20" height="40" '
            f'href="data:image/png;base64,{DOT}"/></svg>')


@pytest.fixture()
def served(site_copy: Path):
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--content", "content", "--port", "0",
                             "--out", "out"], cwd=site_copy.parent, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        yield wait_for(lines, "serving http://").split()[1], site_copy.parent / ".bulletin-cache/serve-out"
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture()
def page(chromium):
    context = chromium.new_context()
    yield context.new_page()
    context.close()


def blocked(line: str) -> bool:
    """Chromium's console line for what the policy stopped (its sandbox stops scripts first)."""
    return "Content Security Policy" in line or line.startswith("Blocked script execution")


def test_an_svg_opened_on_its_own_draws_but_runs_nothing(served, page):
    url, out = served
    (out / "evil.svg").write_text(EVIL, "utf-8")
    (out / "embedded.svg").write_text(EMBEDDED, "utf-8")
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text))
    page.goto(url + "evil.svg")
    page.wait_for_timeout(300)
    assert page.title() == ""                                   # neither the script nor onload ran
    assert any(blocked(line) for line in console), console
    console.clear()
    for svg in ("embedded.svg", "issues/2024-q3/market/cea-quarter/chart-1.svg"):
        page.goto(url + svg)
        page.wait_for_timeout(300)
        assert not [line for line in console if blocked(line)], (svg, console)
    page.goto(url + "embedded.svg")
    assert page.evaluate("document.querySelector('image').getBBox().width") == 20
    fill = page.evaluate("getComputedStyle(document.querySelector('rect')).fill")
    assert fill == "rgb(15, 118, 110)"                          # the <style> element applied
