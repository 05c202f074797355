"""The sample site in a real browser: Playwright driving Debian's Chromium.

One build of content/ (with the search index, without PDF) is served on
127.0.0.1 by a small http.server thread, and one Chromium serves every test
(a fresh context per test). Deselect with `-m "not browser"`.

Needs: /usr/bin/chromium (Debian's `chromium`), the `playwright` Python package
(the `test` extra) and axe-core in tests/browser/node_modules (`npm ci --prefix
tests/browser`); scripts/dev test installs all three. Never `playwright install`.

Screenshots go to $BULLETIN_SCREENSHOTS (default output-screenshots/, not committed).
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.conftest import ROOT, SAMPLE, run_cli

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
PAGE_BUDGET = 60 * 1024          # an article's HTML + CSS + JS before any search interaction
FONT_FILE = re.compile(r"\.(woff2?|ttf|otf|eot)(\?|$)", re.I)


# --- the served site ---------------------------------------------------------------------------

class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: files from the build, and 404.html (status 404) for anything missing."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@dataclass
class Site:
    base: str                                   # http://127.0.0.1:PORT/
    out: Path
    pages: dict[str, str] = field(default_factory=dict)   # page type -> path under base

    def url(self, kind_or_path: str) -> str:
        return urljoin(self.base, self.pages.get(kind_or_path, kind_or_path))


def _article_pages(out: Path) -> list[tuple[str, str]]:
    found = []
    for page in sorted(out.glob("issues/*/*/*/index.html")):
        html = page.read_text("utf-8")
        kind = re.search(r'<body class="page-article kind-(\w+)', html)
        if kind:
            found.append((kind.group(1), html, page.relative_to(out).as_posix()))
    return [(k, p) for k, _, p in found] + [("market-figures", p) for k, h, p in found
                                            if k == "market" and 'class="chart' in h and "data-table" in h]


def discover_pages(out: Path) -> dict[str, str]:
    """One page of every type, found in the build (the sample content keeps changing)."""
    home = (out / "index.html").read_text("utf-8")
    issue = re.search(r'class="issue-hero".*?<h1[^>]*><a href="([^"]+)"', home, re.S).group(1)
    articles = _article_pages(out)
    first = {}
    for kind, path in articles:
        first.setdefault(kind, path)
    tags = (out / "tags/index.html").read_text("utf-8")
    tag = re.search(r'<a class="tag" href="([^"]+)"', tags).group(1)
    return {
        "home": "index.html",
        "issues": "issues/index.html",
        "issue": issue,
        "article-brief": first["brief"],
        "article-essay": first["essay"],
        "article-market": first["market-figures"],
        "section": "sections/market/index.html",
        "tag": "tags/" + tag,
        "tags": "tags/index.html",
        "search": "search/index.html",
        "404": "no-such-page/index.html",
    }


PAGE_TYPES = ["home", "issues", "issue", "article-brief", "article-essay", "article-market",
              "section", "tag", "tags", "search", "404"]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    if not CHROMIUM.exists():
        pytest.fail("browser tests need Debian's chromium at /usr/bin/chromium "
                    "(scripts/dev test installs it; deselect with -m 'not browser')")
    out = tmp_path_factory.mktemp("browser-site") / "out"
    out.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(out)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    # --base-url is where it is served, so that 404.html's absolute links work here too.
    done = run_cli("build", "--content", str(SAMPLE), "--out", str(out), "--no-pdf", "--base-url", base)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (out / "pagefind" / "pagefind-ui.js").is_file(), "the build made no search index (pagefind missing?)"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(base, out, discover_pages(out))
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(site):
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A page with everything that went wrong on it recorded."""
    page: object
    errors: list[str] = field(default_factory=list)
    responses: list = field(default_factory=list)

    def goto(self, url: str, expect_status: int = 200, settle: bool = True):
        """Open url; with settle, also wait until the network is quiet (late requests: favicon, search)."""
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status == expect_status, (url, response and response.status)
        if settle:
            self.page.wait_for_load_state("networkidle")
        return response


def watch(page, allow_status: dict[str, int] | None = None) -> Watched:
    w = Watched(page)
    allowed = allow_status or {}

    def on_console(msg):
        if msg.type == "error" and not (allowed.get(msg.location.get("url")) and str(allowed[msg.location["url"]]) in msg.text):
            w.errors.append(f"console error: {msg.text} ({msg.location.get('url')})")

    def on_response(resp):
        w.responses.append(resp)
        if resp.status >= 400 and allowed.get(resp.url) != resp.status:
            w.errors.append(f"HTTP {resp.status}: {resp.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: w.errors.append(f"page error: {exc}"))
    page.on("requestfailed", lambda req: w.errors.append(f"request failed: {req.url} ({req.failure})"))
    page.on("response", on_response)
    return w


@pytest.fixture()
def context(browser):
    ctx = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    yield ctx
    ctx.close()


def open_page(ctx, site: Site, kind: str, settle: bool = False) -> Watched:
    """A page of that type; the search page with the results for 碳普惠 shown."""
    url = site.url(kind)
    status = 404 if kind == "404" else 200
    w = watch(ctx.new_page(), {url: 404} if kind == "404" else None)
    w.goto(url, status, settle)
    if kind == "search":
        search_for(w.page, "碳普惠", settle)
        w.page.locator(".pagefind-ui__result-excerpt").first.wait_for()
    return w


def search_for(page, term: str, settle: bool = True):
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for(state="visible")
    box.fill(term)
    page.locator(".pagefind-ui__message").filter(has_text=term).wait_for()
    if settle:
        page.wait_for_load_state("networkidle")


# --- navigation, charts, search ----------------------------------------------------------------

def test_home_issue_article_next_by_clicking(context, site):
    w = watch(context.new_page())
    page = w.page
    w.goto(site.url("home"))
    issue_link = page.locator(".issue-hero h1 a")
    issue_title = issue_link.inner_text()
    issue_link.click()
    page.wait_for_url("**/issues/*/index.html")
    assert page.locator("h1").inner_text() == issue_title

    first = page.locator(".issue-toc .article-link").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/issues/*/*/*/index.html")
    assert page.locator(".article-header h1").inner_text() == title
    first_url = page.url

    nxt = page.locator(".prev-next a.next")
    next_title = nxt.locator(".title").inner_text()
    nxt.click()
    page.wait_for_url(lambda url: url != first_url)
    assert page.locator(".article-header h1").inner_text() == next_title
    assert page.locator(".prev-next a.prev .title").inner_text() == title
    assert not w.errors, w.errors


def test_chart_is_drawn_and_its_data_table_opens(context, site):
    w = watch(context.new_page())
    page = w.page
    w.goto(site.url("article-market"))
    chart = page.locator("figure.chart").first
    img = chart.locator("img")
    img.scroll_into_view_if_needed()
    assert img.is_visible()
    assert img.evaluate("i => i.complete && i.naturalWidth > 0"), "the chart SVG did not load"
    assert img.get_attribute("alt")
    assert img.bounding_box()["height"] > 100

    details = page.locator(".chart-block").first.locator("details.chart-data")
    table = details.locator("table")
    assert not table.is_visible()
    details.locator("summary").click()
    table.wait_for(state="visible")
    assert details.evaluate("d => d.open")
    assert table.locator("tbody tr").count() > 1
    assert not w.errors, w.errors


def test_a_phone_gets_the_narrow_chart_with_labels_at_reading_size(browser, site):
    """Scaled to a phone, the print-width chart's 8.5 pt labels were ~6 px high; the phone copy
    (9 cm) is shown near its own size, and wider screens keep the print-width one."""
    sizes = {}
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        ctx = browser.new_context(viewport=viewport, device_scale_factor=2, locale="zh-CN")
        w = watch(ctx.new_page())
        w.goto(site.url("article-market"))
        img = w.page.locator("figure.chart img").first
        img.scroll_into_view_if_needed()
        img.wait_for(state="visible")
        sizes[name] = img.evaluate("i => [i.currentSrc, i.naturalWidth, i.getBoundingClientRect().width]")
        assert not w.errors, w.errors
        ctx.close()
    (phone_src, phone_natural, phone_shown), (desk_src, desk_natural, desk_shown) = sizes["phone"], sizes["desktop"]
    assert phone_src.endswith("chart-1-phone.svg") and desk_src.endswith("chart-1.svg")
    assert phone_shown / phone_natural > 0.9      # labels at about their drawn size (8.5 pt ≈ 11 px)
    assert desk_shown / desk_natural > 0.9


def result_cards(page) -> list[dict]:
    return page.locator(".pagefind-ui__result").evaluate_all("""cards => cards.map(c => ({
        title: c.querySelector('.pagefind-ui__result-title')?.innerText || '',
        href: c.querySelector('.pagefind-ui__result-link')?.href || '',
        tags: [...c.querySelectorAll('.pagefind-ui__result-tag')].map(t => t.innerText),
        excerpt: c.querySelector('.pagefind-ui__result-excerpt')?.innerText || '',
        marks: c.querySelectorAll('.pagefind-ui__result-excerpt mark').length,
    }))""")


def test_search_finds_the_tan_pu_hui_items_first(context, site):
    w = watch(context.new_page())
    page = w.page
    w.goto(site.url("search"))
    search_for(page, "碳普惠")
    page.locator(".pagefind-ui__result-excerpt").first.wait_for()
    cards = result_cards(page)
    assert len(cards) >= 2, cards
    top = cards[:2]
    titles = " / ".join(c["title"] for c in top)
    # The Wuhan methodology brief and the Shanghai SHCERCIR1 (碳普惠 credits) brief lead.
    assert any("武汉" in c["title"] and "碳普惠" in c["title"] for c in top), titles
    assert any("上海" in c["title"] for c in top), titles
    issue_title = (site.out / site.pages["issue"]).read_text("utf-8")
    issue_title = re.search(r'<span class="masthead-issue">([^<]+)<', issue_title).group(1)
    for c in top:
        assert "/local/" in c["href"], c
        assert any("地方动态" in t for t in c["tags"]), c          # section
        assert any(issue_title in t for t in c["tags"]), c        # issue
        assert "碳普惠" in c["excerpt"] and c["marks"] >= 1, c   # excerpt, the term highlighted
    # A result opens the article.
    page.locator(".pagefind-ui__result-link").first.click()
    page.wait_for_url("**/local/**")
    assert "碳普惠" in page.locator("h1").inner_text()
    assert not w.errors, w.errors


def test_search_results_by_date_newest_first(context, site):
    """The sort buttons: by date lists the newest first (every article has a date to sort by,
    undated market articles their issue's), and the choice is kept in the address."""
    w = watch(context.new_page())
    page = w.page
    w.goto(site.url("search") + "?q=碳普惠")
    page.locator(".pagefind-ui__result-excerpt").first.wait_for()
    by_relevance = [c["href"] for c in result_cards(page)]
    found = page.locator(".pagefind-ui__message").inner_text()   # "N results…": the UI shows 5 at a time
    page.get_by_label("日期（新→旧）").check()
    page.wait_for_url("**/search/index.html?q=*&sort=date")   # the page again, sorted
    page.wait_for_function("""first => {
        const link = document.querySelector('.pagefind-ui__result-link');
        return link && link.href !== first;
    }""", arg=by_relevance[0])
    page.locator(".pagefind-ui__result-excerpt").first.wait_for()
    hrefs = [c["href"] for c in result_cards(page)]
    assert page.locator(".pagefind-ui__message").inner_text() == found, "sorting must not change what is found"

    def date_of(href: str) -> str:
        path = href.removeprefix(site.base).split("#")[0]
        html = (site.out / path / "index.html" if path.endswith("/") else site.out / path).read_text("utf-8")
        return re.search(r'data-pagefind-sort="date:([0-9-]+)"', html).group(1)
    dates = [date_of(h) for h in hrefs]
    assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1], dates
    assert page.locator(".pagefind-ui__search-input").input_value() == "碳普惠"
    assert page.get_by_label("日期（新→旧）").is_checked()
    assert not w.errors, w.errors


def test_search_for_a_word_that_is_nowhere_shows_no_results(context, site):
    w = watch(context.new_page())
    page = w.page
    w.goto(site.url("search"))
    search_for(page, "zqxwvj")
    assert page.locator(".pagefind-ui__result").count() == 0
    assert "zqxwvj" in page.locator(".pagefind-ui__message").inner_text()
    assert not w.errors, w.errors


def test_search_box_in_the_url(context, site):
    """A link to search/index.html?q=… searches at once."""
    w = watch(context.new_page())
    w.goto(site.url("search") + "?q=CCER")
    w.page.locator(".pagefind-ui__result").first.wait_for()
    assert w.page.locator(".pagefind-ui__search-input").input_value() == "CCER"
    assert not w.errors, w.errors


def test_search_opened_as_a_file_says_it_needs_a_server(context, site):
    """From file:// the browser will not load the index (a module): the page said 正在搜索 forever."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((site.out / "search" / "index.html").as_uri() + "?q=碳普惠")
    assert "bulletin serve" in page.locator("#search").inner_text(timeout=5000)
    assert not errors, errors


# --- every page type -----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_loads_cleanly_and_fits_a_phone(browser, site, kind):
    """No console error, failed request or HTTP error; no font file; no sideways scrolling at 375 px."""
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                              locale="zh-CN")
    try:
        w = open_page(ctx, site, kind, settle=True)
        fonts = [r.url for r in w.responses if r.request.resource_type == "font" or FONT_FILE.search(r.url)]
        assert not fonts, f"web fonts downloaded: {fonts}"
        assert not w.errors, w.errors
        width = w.page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{kind}: the page scrolls sideways on a phone ({width[0]} > {width[1]} px)"
    finally:
        ctx.close()


AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))}));
}"""


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


def serious(violations: list[dict]) -> list[str]:
    return [f"{v['impact']} {v['id']} ({v['help']}): {v['nodes'][:3]}" for v in violations
            if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="session")
def axe_path():
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/browser` (scripts/dev test does)")
    return AXE


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_serious_violation(browser, site, axe_path, kind, scheme):
    ctx = browser.new_context(viewport=DESKTOP, color_scheme=scheme, locale="zh-CN")
    try:
        w = open_page(ctx, site, kind)
        if kind.startswith("article-market"):
            w.page.locator("details.chart-data summary").first.click()   # the data table is checked too
        found = serious(axe_violations(w.page))
        assert not found, "\n".join(found)
        assert not w.errors, w.errors
    finally:
        ctx.close()


# --- dark mode ---------------------------------------------------------------------------------

def _luminance(rgb: str) -> float:
    parts = [float(x) for x in re.findall(r"[\d.]+", rgb)[:3]]
    lin = [(c / 255) / 12.92 if c / 255 <= 0.03928 else (((c / 255) + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


COLOURS = """() => {
  const s = el => getComputedStyle(document.querySelector(el));
  return {bg: s('body').backgroundColor, ink: s('body').color,
          link: s('.prose a, main a').color, muted: s('time').color};
}"""


def test_dark_mode_changes_the_background_and_keeps_contrast(browser, site):
    colours = {}
    for scheme in ("light", "dark"):
        ctx = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
        try:
            w = open_page(ctx, site, "article-market")
            colours[scheme] = w.page.evaluate(COLOURS)
            assert not w.errors, w.errors
        finally:
            ctx.close()
    light, dark = colours["light"], colours["dark"]
    assert light["bg"] != dark["bg"]
    assert _luminance(dark["bg"]) < 0.05 < _luminance(light["bg"]), colours
    for scheme, c in colours.items():
        assert contrast(c["ink"], c["bg"]) >= 7, (scheme, c)        # body text: WCAG AAA
        assert contrast(c["link"], c["bg"]) >= 4.5, (scheme, c)     # links and muted text: AA
        assert contrast(c["muted"], c["bg"]) >= 4.5, (scheme, c)


# --- weight --------------------------------------------------------------------------------------

WEIGHED = ("document", "stylesheet", "script")


@pytest.mark.parametrize("kind", ["article-brief", "article-essay", "article-market"])
def test_an_article_page_is_light(context, site, kind):
    """HTML + CSS + JS as loaded by the browser, before any search: under 60 KB; no font files."""
    w = open_page(context, site, kind)
    weighed = {r.url: len(r.body()) for r in w.responses if r.request.resource_type in WEIGHED and r.status == 200}
    total = sum(weighed.values())
    print(f"\n{kind}: {total / 1024:.1f} KB of HTML+CSS+JS {sorted((u.rsplit('/', 2)[-2:], n) for u, n in weighed.items())}")
    assert total < PAGE_BUDGET, weighed
    assert not [r.url for r in w.responses if r.request.resource_type == "font" or FONT_FILE.search(r.url)]
    assert not [u for u in weighed if "pagefind" in u], "an article page loads the search code"


def test_every_article_page_is_light_on_disk(site):
    """The same budget for every article of the sample, from the files: the page, its CSS and its scripts."""
    heavy, sizes = [], {}
    for page in site.out.glob("issues/*/*/*/index.html"):
        html = page.read_text("utf-8")
        total = page.stat().st_size
        for ref in re.findall(r'<link rel="stylesheet" href="([^"]+)"|<script[^>]* src="([^"]+)"', html):
            total += (page.parent / (ref[0] or ref[1])).resolve().stat().st_size
        sizes[page.relative_to(site.out).as_posix()] = total
        if total >= PAGE_BUDGET:
            heavy.append((page.relative_to(site.out).as_posix(), total))
    biggest = max(sizes, key=sizes.get)
    print(f"\n{len(sizes)} article pages: the heaviest {biggest}, {sizes[biggest] / 1024:.1f} KB of HTML+CSS+JS")
    assert not heavy


# --- screenshots ---------------------------------------------------------------------------------

def screenshot_folder() -> Path:
    folder = Path(os.environ.get("BULLETIN_SCREENSHOTS") or ROOT / "output-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots(browser, site, size):
    folder = screenshot_folder()
    for scheme in ("light", "dark"):
        ctx = browser.new_context(viewport=DESKTOP if size == "desktop" else PHONE, color_scheme=scheme,
                                  device_scale_factor=1 if size == "desktop" else 2,
                                  is_mobile=size == "phone", locale="zh-CN")
        try:
            for kind in ("home", "issue", "article-market", "article-essay", "search"):
                if scheme == "dark" and kind not in ("home", "article-market"):
                    continue
                w = open_page(ctx, site, kind)
                name = folder / f"{kind}-{size}{'-dark' if scheme == 'dark' else ''}.png"
                height = min(w.page.evaluate("document.scrollingElement.scrollHeight"), 4000)
                w.page.screenshot(path=str(name), full_page=True,
                                  clip={"x": 0, "y": 0, "width": w.page.viewport_size["width"], "height": height})
                assert name.stat().st_size > 10_000
                w.page.close()
        finally:
            ctx.close()
