"""The bilingual fixture site in Chromium: each language's search page finds only pages in its
language (each has its own index), the language switcher is a link a reader can follow, and
axe-core finds no serious violation on English pages."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_SITE, make_bilingual, run_cli
from tests.test_browser import DESKTOP, SiteHandler, axe_violations, search_for, serious, watch

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    root = tmp_path_factory.mktemp("bilingual-browser")
    content = make_bilingual(Path(shutil.copytree(FIXTURE_SITE, root / "content")))
    out = root / "out"
    out.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(out)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    done = run_cli("build", "--content", str(content), "--out", str(out), "--no-pdf", "--base-url", url)
    assert done.returncode == 0, done.stdout + done.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture()
def page(chromium):
    ctx = chromium.new_context(viewport=DESKTOP)
    yield ctx.new_page()
    ctx.close()


def results(page) -> list[str]:
    page.locator(".search-result h2 a").first.wait_for()
    return page.locator(".search-result h2 a").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize("search, own, other", [("en/search/index.html", "en/", None),
                                                ("search/index.html", "", "en/")])
def test_a_search_finds_only_pages_in_its_language(page, base, search, own, other):
    w = watch(page)
    w.goto(base + search)
    search_for(page, "CCER")    # in an English brief and in a Chinese one
    found = results(page)
    assert found and all(href.startswith(base + own + "issues/") for href in found), found
    if other:
        assert not any(href.startswith(base + other) for href in found), found
    if own:
        assert found == [base + "en/issues/2024-q3/policy/procurement-footprint/index.html"]
    assert not w.errors, w.errors


def test_the_switcher_leads_to_the_same_page_in_the_other_language(page, base):
    w = watch(page)
    w.goto(base + "issues/2024-q3/policy/procurement-footprint/index.html")
    page.locator(".language-switch a").click()
    page.wait_for_url(base + "en/issues/2024-q3/policy/procurement-footprint/index.html")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".language-switch a").click()
    page.wait_for_url(base + "issues/2024-q3/policy/procurement-footprint/index.html")
    assert not w.errors, w.errors


@pytest.mark.parametrize("path", ["en/index.html", "en/issues/2024-q3/index.html",
                                  "en/issues/2024-q3/policy/procurement-footprint/index.html",
                                  "en/search/index.html"])
def test_axe_finds_no_serious_violation_on_english_pages(page, base, path):
    w = watch(page)
    w.goto(base + path)
    found = serious(axe_violations(page))
    assert not found, "\n".join(found)
    assert not w.errors, w.errors
