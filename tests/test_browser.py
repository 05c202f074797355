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
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.conftest import CHROMIUM, ROOT, SAMPLE, run_cli

pytestmark = pytest.mark.browser

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
    register = (out / "documents/index.html").read_text("utf-8")
    issuer = re.search(r'href="(issuers/[^"]+)"', register).group(1)
    author = re.search(r'href="([^"]+)"', (out / "authors/index.html").read_text("utf-8").split("<main", 1)[1])
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
        "about": "about/index.html",
        "404": "no-such-page/index.html",
        "documents": "documents/index.html",
        "issuer": "documents/" + issuer,
        "authors": "authors/index.html",
        "author": "authors/" + author.group(1),
        # the English edition (site.yml languages:), if the sample has one
        **({"issue-en": f"en/{issue}", "article-en": english[0].relative_to(out).as_posix()}
           if (english := sorted(out.glob(f"en/{issue.removesuffix('index.html')}*/*/index.html"))) else {}),
    }


PAGE_TYPES = ["home", "issues", "issue", "article-brief", "article-essay", "article-market",
              "section", "tag", "tags", "search", "about", "404", "documents", "issuer", "authors", "author",
              "issue-en", "article-en"]


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
    assert (out / "search" / "index.bin").is_file(), "the build made no search index"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(base, out, discover_pages(out))
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(site, chromium):
    return chromium


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

    def reload(self):
        """Reload once the network is quiet: a reload aborts what is in flight (Chromium fetches the
        favicon again after a history change), and an abort the test caused is not the site's fault."""
        self.page.wait_for_load_state("networkidle")
        self.page.reload(wait_until="load")


def watch(page, allow_status: dict[str, int] | None = None) -> Watched:
    w = Watched(page)
    allowed = allow_status or {}

    def on_console(msg):
        url = msg.location.get("url")
        if msg.type == "error" and not (allowed.get(url) and str(allowed[url]) in msg.text):
            w.errors.append(f"console error: {msg.text} ({msg.location.get('url')})")

    def on_response(resp):
        w.responses.append(resp)
        if resp.status >= 400 and allowed.get(resp.url) != resp.status:
            w.errors.append(f"HTTP {resp.status}: {resp.url}")

    def on_failed(req):
        # cancelled, not failed: a navigation (a click, a reload) aborts what the page still
        # fetched (Chromium fetches the favicon again after a history change). A missing file is
        # an HTTP status above; a refused, blocked or unreachable one another net:: error.
        if req.failure != "net::ERR_ABORTED":
            w.errors.append(f"request failed: {req.url} ({req.failure})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: w.errors.append(f"page error: {exc}"))
    page.on("requestfailed", on_failed)
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
        w.page.locator(".search-result-excerpt").first.wait_for()
    return w


def search_for(page, term: str, settle: bool = True):
    box = page.locator("#search-input")
    box.wait_for(state="visible")
    box.fill(term)
    page.locator("#search-status").filter(has_text=term).wait_for()
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
    return page.locator(".search-result").evaluate_all("""cards => cards.map(c => ({
        title: c.querySelector('h2')?.innerText || '',
        href: c.querySelector('h2 a')?.href || '',
        date: c.querySelector('.search-result-meta time')?.getAttribute('datetime') || '',
        meta: c.querySelector('.search-result-meta')?.innerText || '',
        excerpt: c.querySelector('.search-result-excerpt')?.innerText || '',
        marks: [...c.querySelectorAll('.search-result-excerpt mark')].map(m => m.innerText),
        title_marks: [...c.querySelectorAll('h2 mark')].map(m => m.innerText),
        tag_marks: [...c.querySelectorAll('.search-result-tags mark')].map(m => m.innerText),
        meta_marks: [...c.querySelectorAll('.search-result-meta mark')].map(m => m.innerText),
    }))""")


def test_search_finds_the_tan_pu_hui_items_first(context, site):
    w = watch(context.new_page())
    page = w.page
    w.goto(site.url("search"))
    search_for(page, "碳普惠")
    page.locator(".search-result-excerpt").first.wait_for()
    cards = result_cards(page)
    assert len(cards) >= 2, cards
    top = cards[:2]
    titles = " / ".join(c["title"] for c in top)
    # The Wuhan methodology brief (碳普惠 in its title) and the Shanghai SHCERCIR1 (碳普惠 credits) brief lead.
    assert "武汉" in top[0]["title"] and top[0]["title_marks"] == ["碳普惠"], titles
    assert "上海" in top[1]["title"], titles
    issue_title = (site.out / site.pages["issue"]).read_text("utf-8")
    issue_title = re.search(r'<span class="masthead-issue">([^<]+)<', issue_title).group(1)
    for c in top:
        assert "/local/" in c["href"], c
        assert "地方动态" in c["meta"] and issue_title in c["meta"], c       # section and issue
        assert re.match(r"\d{4}-\d\d-\d\d$", c["date"]) and "2024年" in c["meta"], c   # the date
        assert "碳普惠" in c["excerpt"] and c["marks"] == ["碳普惠"] * len(c["marks"]) and c["marks"], c
    # A result opens the article.
    page.locator(".search-result h2 a").first.click()
    page.wait_for_url("**/local/**")
    assert "碳普惠" in page.locator("h1").inner_text()
    assert not w.errors, w.errors


def test_search_results_by_date_newest_first(context, site):
    """The order buttons: by date lists the newest first (every article has a date to sort by,
    undated market articles their issue's), and the choice is kept in the address."""
    w = watch(context.new_page())
    page = w.page
    w.goto(site.url("search") + "?q=碳普惠")
    page.locator(".search-result-excerpt").first.wait_for()
    by_relevance = [c["href"] for c in result_cards(page)]
    found = page.locator("#search-status").inner_text()
    page.get_by_label("日期（新→旧）").check()
    page.wait_for_url("**/search/index.html?q=*&sort=date")
    page.wait_for_function("""first => {
        const link = document.querySelector('.search-result h2 a');
        return link && link.href !== first;
    }""", arg=by_relevance[0])
    cards = result_cards(page)
    assert sorted(c["href"] for c in cards) == sorted(by_relevance), "sorting must not change what is found"
    assert page.locator("#search-status").inner_text() == found
    dates = [c["date"] for c in cards]
    assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1], dates
    w.reload()                                            # the address keeps the order
    page.locator(".search-result-excerpt").first.wait_for()
    assert page.get_by_label("日期（新→旧）").is_checked()
    assert [c["date"] for c in result_cards(page)] == dates
    assert page.locator("#search-input").input_value() == "碳普惠"
    assert not w.errors, w.errors


def test_search_filters_by_issue_and_section(context, site):
    w = watch(context.new_page())
    page = w.page
    w.goto(site.url("search") + "?q=碳市场")
    page.locator(".search-result-excerpt").first.wait_for()
    everything = len(result_cards(page))
    page.locator("#search-section").select_option("local")
    page.wait_for_url("**section=local*")
    page.wait_for_function("n => document.querySelectorAll('.search-result').length < n", arg=everything)
    cards = result_cards(page)
    assert cards and all("/local/" in c["href"] for c in cards), cards
    option = page.locator("#search-section option[value=local]").inner_text()
    assert option == f"地方动态（{len(cards)}）", option
    for control in ("#search-issue", "#search-section", "#search-sort label"):   # big enough to hit
        for box in page.locator(control).evaluate_all("els => els.map(e => e.getBoundingClientRect().height)"):
            assert box >= 24, (control, box)
    assert not w.errors, w.errors


def test_search_excerpts_hold_the_whole_term_and_no_title(context, site):
    """Excerpts came with one character marked (碳), the title glued on with ". ", and one began with "，"."""
    w = watch(context.new_page())
    page = w.page
    for term in ("自愿减排", "新能源", "CCER项目", "碳足迹"):
        w.goto(site.url("search") + "?q=" + term)
        page.locator(".search-result-excerpt").first.wait_for()
        page.locator("#search-more").click() if page.locator("#search-more").is_visible() else None
        for c in result_cards(page):
            assert c["marks"] or c["title_marks"] or c["tag_marks"] or c["meta_marks"], (term, c)
            marks = c["marks"] + c["title_marks"] + c["tag_marks"] + c["meta_marks"]
            assert all(m.lower() == term.lower() for m in marks), (term, c)
            assert c["title"] not in c["excerpt"] and ". " not in c["excerpt"][:40], (term, c)
            assert not re.match(r"[\s，。、；：,.;:）)]", c["excerpt"]), (term, c)
            if term in c["excerpt"]:
                assert len(c["excerpt"]) < 140, c
    assert not w.errors, w.errors


@pytest.mark.parametrize("term, title", [("碳手印", "碳手印"), ("碳标签", "碳标签"), ("CBAM", "CBAM")])
def test_the_article_about_a_term_ranks_first(context, site, term, title):
    w = watch(context.new_page())
    w.goto(site.url("search") + "?q=" + term)
    w.page.locator(".search-result-excerpt").first.wait_for()
    assert title in result_cards(w.page)[0]["title"]
    assert not w.errors, w.errors


def test_search_for_a_word_that_is_nowhere_suggests_a_shorter_one(context, site):
    w = watch(context.new_page())
    page = w.page
    w.goto(site.url("search"))
    search_for(page, "海上风电")
    assert page.locator(".search-result").count() == 0
    status = page.locator("#search-status")
    status.locator("a").first.wait_for()
    assert "没有文章包含“海上风电”" in status.inner_text() and "试试更短的词" in status.inner_text()
    assert status.locator("a").all_inner_texts() == ["海上", "风电"]     # 海上风 and 上风电 are nowhere either
    shorter = "风电"
    status.locator("a").last.click()
    page.locator(".search-result").first.wait_for()
    assert page.locator("#search-input").input_value() == shorter
    search_for(page, "zqxwvj")
    assert page.locator(".search-result").count() == 0 and "试试更短的词" in status.inner_text()
    assert not w.errors, w.errors


def test_search_box_in_the_url(context, site):
    """A link to search/index.html?q=… searches at once."""
    w = watch(context.new_page())
    w.goto(site.url("search") + "?q=CCER")
    w.page.locator(".search-result").first.wait_for()
    assert w.page.locator("#search-input").input_value() == "CCER"
    assert not w.errors, w.errors


def test_search_with_the_keyboard_alone(context, site):
    """From the masthead of an article to a result's page: Tab, type, Enter, Tab…, Enter."""
    w = watch(context.new_page())
    page = w.page
    w.goto(site.url("article-brief"))
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    page.keyboard.type("碳手印")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/index.html?q=*")
    page.locator(".search-result").first.wait_for()
    focused = ""
    for _ in range(20):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.closest('.search-result') ? 'result' : ''")
        if focused:
            break
    assert focused == "result", "Tab never reached a result"
    page.keyboard.press("Enter")
    page.wait_for_url("**/essays/**")
    assert "碳手印" in page.locator("h1").inner_text()
    assert not w.errors, w.errors


def test_the_masthead_box_works_without_javascript(browser, site):
    ctx = browser.new_context(viewport=DESKTOP, java_script_enabled=False, locale="zh-CN")
    try:
        page = ctx.new_page()
        page.goto(site.url("article-essay"))
        page.locator(".masthead-search input").fill("碳普惠")
        page.locator(".masthead-search button").click()
        page.wait_for_url("**/search/index.html?q=*")
        assert "q=%E7%A2%B3%E6%99%AE%E6%83%A0" in page.url
        assert "JavaScript" in page.locator("main").inner_text()
    finally:
        ctx.close()


def test_the_search_page_loads_little_before_typing(context, site):
    """Pagefind's UI was 148 KB before anything was typed; the index comes when the box is used."""
    w = watch(context.new_page())
    w.goto(site.url("search"))
    weighed = {r.url: len(r.body()) for r in w.responses if r.request.resource_type in WEIGHED and r.status == 200}
    print(f"\nsearch page before typing: {sum(weighed.values()) / 1024:.1f} KB")
    # 53.5 KB: the page, the theme's CSS (the register's and the front pages' rules in it), the two scripts
    assert sum(weighed.values()) < 60 * 1024, weighed
    assert not [r.url for r in w.responses if "/search/" in r.url and not r.url.endswith(".html")]   # no index yet
    assert not [r.url for r in w.responses if "/search/" in r.url and not r.url.endswith(".html")]
    with w.page.expect_response(lambda r: r.url.endswith("search/index.bin")) as fetched:   # on focus
        w.page.locator("#search-input").focus()
    assert fetched.value.status == 200
    assert not w.errors, w.errors


def test_search_results_show_hostile_text_as_text(browser, tmp_path):
    """A title, summary, source and body that look like HTML are shown as written, never run."""
    from bench.search_quality import served
    from tests.conftest import FIXTURE_SITE
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(FIXTURE_SITE, content)
    payload = '<img src=x onerror="window.ran=1">碳攻击<script>window.ran=2</script>'
    (content / "issues/2024-q3/policy/2024-07-06-hostile.md").write_text(
        f"---\ntitle: '标题{payload}'\ndate: 2024-07-06\nsource: '{payload}'\nsummary: '{payload}'\n---\n"
        f"正文{payload}\n", "utf-8")
    done = run_cli("build", "--content", str(content), "--out", str(out), "--no-pdf")
    assert done.returncode == 0, done.stderr
    ctx = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    try:
        with served(out) as base:
            w = watch(ctx.new_page())
            w.goto(base + "search/index.html?q=碳攻击")
            w.page.locator(".search-result-excerpt").first.wait_for()
            card = w.page.locator(".search-result").first
            assert "<img src=x" in card.locator("h2").inner_text() and "<script>" in card.inner_text()
            assert card.locator("img, script").count() == 0
            assert w.page.evaluate("window.ran") is None
            assert not w.errors, w.errors
    finally:
        ctx.close()


def test_search_opened_as_a_file_says_it_needs_a_server(context, site):
    """From file:// the browser will not load the index: the page said 正在搜索 forever."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((site.out / "search" / "index.html").as_uri() + "?q=碳普惠")
    assert "bulletin serve" in page.locator("#search-status").inner_text(timeout=5000)
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


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_nothing_is_wider_than_the_window(browser, site, width):
    """Issue 23: every page at 320, 390 and 1,280 px; the widest elements named if one scrolls sideways."""
    ctx = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN", is_mobile=width < 720)
    wide = {}
    try:
        page = ctx.new_page()
        for kind in PAGE_TYPES:
            page.goto(site.url(kind), wait_until="load")
            found = page.evaluate(WIDER_THAN_WINDOW)
            if found:
                wide[kind] = found
    finally:
        ctx.close()
    assert not wide, wide


WIDER_THAN_WINDOW = """() => document.scrollingElement.scrollWidth <= window.innerWidth ? [] :
  [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 5).map(e => e.tagName + '.' + e.className)"""


AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ' :: '
                            + (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))}));
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
    files = sorted((u.rsplit('/', 2)[-2:], n) for u, n in weighed.items())
    print(f"\n{kind}: {total / 1024:.1f} KB of HTML+CSS+JS {files}")
    assert total < PAGE_BUDGET, weighed
    assert not [r.url for r in w.responses if r.request.resource_type == "font" or FONT_FILE.search(r.url)]
    assert not [u for u in weighed if "search" in u.rsplit("/", 1)[-1]], "an article page loads the search code"


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
            for kind in ("home", "issue", "article-market", "article-essay", "search", "documents"):
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


def test_an_english_masthead_fits_a_320_px_phone_and_latin_is_never_letter_spaced(browser, tmp_path):
    """Issue 23: the English title wrapped to three letter-spaced lines and its tagline ran off a phone."""
    from tests.conftest import FIXTURE_SITE
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    yml = (content / "site.yml").read_text("utf-8")
    yml = re.sub(r"^title: .*$", "title: Carbon Bridge Quarterly", yml, count=1, flags=re.M)
    yml = re.sub(r"^subtitle: .*$", "subtitle: Carbon markets in China, every quarter", yml, count=1, flags=re.M)
    (content / "site.yml").write_text(re.sub(r"^language: .*$", "language: en", yml, count=1, flags=re.M), "utf-8")
    out = tmp_path / "out"
    assert run_cli("build", "--content", str(content), "--out", str(out), "--no-pdf", "--no-search").returncode == 0
    ctx = browser.new_context(viewport={"width": 320, "height": 700}, is_mobile=True)
    try:
        page = ctx.new_page()
        page.goto((out / "issues/2024-q2/essays/essay-one/index.html").as_uri())
        assert page.evaluate(WIDER_THAN_WINDOW) == []
        title = page.locator(".brand-title")
        line_height = float(title.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        lines = title.bounding_box()["height"] / line_height
        assert lines < 1.5, f"the title takes {lines:.1f} lines"
        for sel in (".brand-title", ".brand-sub", ".abstract h2"):
            assert page.locator(sel).evaluate("e => getComputedStyle(e).letterSpacing") == "normal", sel
    finally:
        ctx.close()


def test_note_calls_and_their_way_back_are_24_px_targets(context, site):
    """Issue 23: the note markers and ↩ back-links were 11–19 px tap targets (WCAG 2.5.8 asks 24)."""
    w = watch(context.new_page())
    w.goto(site.url("article-essay"))
    sizes = w.page.evaluate("""() => [...document.querySelectorAll('.footnote-ref a, .footnote-backref')]
        .map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })""")
    assert sizes and all(width >= 24 and height >= 24 for width, height in sizes), sizes
