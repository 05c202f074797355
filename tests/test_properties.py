"""Property-based tests: whatever an editor types, the build answers with a page or a located error.

* Arbitrary front matter (text, YAML-ish fragments, raw bytes) never raises: the
  article loads, or at least one problem names the file and a line in it.
* Arbitrary site.yml / issue.yml text never raises either.
* Arbitrary Markdown, with chart and table blocks and images, renders or reports
  problems at lines of the file — never an exception.
* Raw HTML and javascript:/data:/vbscript: URLs, however disguised (case, control
  characters, entities), never reach the output as markup: checked on the parsed
  HTML of bodies and of a whole built site.

tests/markdown/test_parser.py keeps the rules themselves as plain examples (soft breaks,
escaped HTML, link schemes); this file throws generated input at them.
"""
from __future__ import annotations

import atexit
import json
import re
import shutil
import tempfile
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import Options, build
from generator.content.articles import load_article
from generator.content.config import load_site
from generator.content.publication import load_publication
from generator.content.settings import Section
from generator.errors import Report
from generator.figures.fences import make_fence_handler
from generator.markdown.flavors import web_flavor
from generator.markdown.parser import create_markdown
from generator.site.bodies import BodyJob, render_body
from tests.conftest import FIXTURE_SITE

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORK = Path(tempfile.mkdtemp(prefix="bulletin-properties-"))
atexit.register(shutil.rmtree, WORK, True)


def assert_one_line_each(report: Report) -> None:
    """An editor reads problems one a line (and greps them): a value quoted in a message, or
    YAML's own text, must not break it."""
    for problem in (*report.problems, *report.warnings):
        assert len(str(problem).splitlines()) == 1, problem


def assert_located(report: Report, path: Path, last_line: int | None = None) -> None:
    assert_one_line_each(report)
    for problem in report.problems:
        assert problem.path.endswith(path.name), problem
        assert problem.line is not None and problem.line >= 1, problem
        if last_line is not None:
            assert problem.line <= last_line, f"{problem} (the file has {last_line} lines)"


# --- front matter, site.yml, issue.yml ---------------------------------------------------------

YAMLISH = st.sampled_from([
    "---\n", "title: ", "date: ", "source: ", "author: ", "tags: ", "draft: ", "order: ", "slug: ", "summary: ",
    "2024-07-04", "2024/07/04", "2024-02-30", "2024-13-01", "no", "yes", "10:00", "1e999", "0x1F", "~", "null",
    "[", "]", "{", "}", "- ", ", ", ": ", "? ", "\n", "  ", "\t", "#", "|", ">", '"', "'", "&a ", "*a", "<<: *a",
    "!!binary ", "!!python/object:os.system ", "!!timestamp ", "!!set ", "%YAML 1.1\n", "...\n", "碳足迹", "CCER",
    "../../x", "\r\n", "\ufeff", "\x00", "\u2028", "\x0b", "\x1b", "\x85", '"\\n', '"\\x0c', '"\\uFFFE',
])
FRONT_MATTER = st.one_of(
    st.lists(YAMLISH, max_size=40).map("".join).map(lambda t: t.encode("utf-8")),
    st.text(max_size=300).map(lambda t: ("---\n" + t + "\n---\n正文。\n").encode("utf-8", "replace")),
    st.binary(max_size=300),
)
SECTIONS = [Section("policy", "国家政策", "brief"), Section("market", "市场动态", "market"),
            Section("essays", "环保桥观察", "essay")]


@pytest.mark.slow
@SETTINGS
@given(FRONT_MATTER, st.sampled_from(SECTIONS))
def test_any_front_matter_gives_an_article_or_located_errors(data: bytes, section: Section):
    path = WORK / "2024-07-04-any.md"
    path.write_bytes(data)
    report = Report()
    article = load_article(path, path.resolve(), "2024-q3", section, report)
    assert article is not None or report.problems
    assert_located(report, path, max(data.count(b"\n"), data.count(b"\r")) + 1)


SITE_PIECES = st.sampled_from([
    "title: ", "碳桥", "language: ", "zh-CN", "en", "base_url: ", "https://example.org/", "ftp://x", "sections:\n",
    "  - {key: policy, title: 国家政策, kind: brief}\n", "  - {key: market, title: 市场, kind: news}\n",
    "pdf: ", "{enabled: no}", "{paper: A9}", "theme: ", "../../../etc", "/tmp", "about: |\n  关于\n",
    "date: ", "2024-10-15", "2024-02-30", "highlights: ", "cover: ", "../../../../etc/passwd", "draft: ",
    "[", "]", "{", "}", "- ", ": ", "\n", "  ", "no", "&a ", "*a", "!!binary", "\t", '"', "\x00", "\x0b", '"\\n',
])


@pytest.mark.slow
@SETTINGS
@given(st.lists(SITE_PIECES, max_size=40).map("".join), st.booleans())
def test_any_site_or_issue_yml_gives_a_site_or_located_errors(text: str, as_site: bool):
    root = WORK / "site"
    if not root.exists():
        shutil.copytree(FIXTURE_SITE, root)
    good_site = (FIXTURE_SITE / "site.yml").read_text("utf-8")
    good_issue = (FIXTURE_SITE / "issues/2024-q3/issue.yml").read_text("utf-8")
    (root / "site.yml").write_text(text if as_site else good_site, "utf-8")
    (root / "issues/2024-q3/issue.yml").write_text(good_issue if as_site else text, "utf-8")
    report = Report()
    site = load_site(root, report)
    if site is not None:
        load_publication(site, report)
    assert_one_line_each(report)
    for problem in report.problems:
        assert problem.line is None or problem.line >= 1, problem
    if (as_site and site is None) or (not as_site and any("issue.yml" in p.path for p in report.problems)):
        assert report.problems


# --- Markdown bodies ---------------------------------------------------------------------------

MD = create_markdown()
_SITE = load_site(FIXTURE_SITE, Report())
ISSUE = next(i for i in load_publication(_SITE, Report()).issues if i.id == "2024-q3")
FENCES = partial(make_fence_handler, cache_writes=False)
BODY_PATH = ISSUE.folder / "market" / "any.md"
FIRST_LINE = 5

MD_PIECES = st.sampled_from([
    "```chart\n", "```table\n", "```\n", "~~~chart\n", "~~~\n", "type: ", "line", "bar", "bar-line", "data: ",
    "data/cea_quarterly.csv", "/data/cea_quarters.csv", "data/pilot_markets.csv", "../../../etc/passwd", "x: ",
    "y: ", "y2: ", "quarter", "volume", "close", "market", "title: ", "unit: ", "labels: ", "height: ", "99",
    "highlight: ", "columns: ", "[", "]", ", ", "\n", "  ", "- ", "![图](", "images/x.png", "../../../etc/passwd",
    ")", "[^1]", "[^1]: ", "碳市场", "# ", "## ", "| a | b |\n|---|---|\n", "<", ">", "&", "`", "*", "_", "\\",
    "<script>", "javascript:", "\r", "\x00",
])


def render(text: str) -> tuple[str, Report]:
    report = Report()
    page = web_flavor("issues/2024-q3/market/any/index.html")
    rendered = render_body(MD, BodyJob(ISSUE, BODY_PATH, text, FIRST_LINE, (page,), "market-any"), FENCES, report)
    return rendered.html, report


@SETTINGS
@given(st.one_of(st.lists(MD_PIECES, max_size=50).map("".join), st.text(max_size=400)))
def test_any_markdown_renders_or_reports_lines_of_the_file(text: str):
    html, report = render(text)
    assert isinstance(html, str)
    last = FIRST_LINE + len(re.split(r"\r\n|\r|\n", text))
    assert_located(report, BODY_PATH, last)
    assert_no_active_markup(html)


# --- nothing active reaches the output -----------------------------------------------------------

BODY_TAGS = {"p", "a", "em", "strong", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
             "blockquote", "hr", "br", "img", "table", "thead", "tbody", "tr", "th", "td", "section", "sup",
             "figure", "figcaption", "details", "summary", "div", "span", "caption"}
URL_ATTRS = {"href", "src", "xlink:href", "action", "formaction", "srcset", "poster", "data", "background"}
DANGEROUS = ("javascript:", "data:", "vbscript:")


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []   # the text of each JSON-LD script

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self.data.append("")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self.found and self.found[-1][0] == "script" and self.data:
            self.data[-1] += data


def parsed_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = Tags()
    parser.feed(html)
    parser.close()
    for data in parser.data:   # structured data is data: JSON whole, and no < that could end its <script>
        assert "<" not in data, data
        json.loads(data)
    return parser.found


def browser_url(value: str) -> str:
    """What a browser sees as the scheme: it drops control characters, spaces, tabs and newlines."""
    return re.sub(r"[\x00-\x20\x7f]", "", value).lower()


def assert_no_active_markup(html: str, allowed_tags: set[str] | None = BODY_TAGS,
                            allowed_scripts: tuple[str, ...] = ()) -> None:
    for tag, attrs in parsed_tags(html):
        if allowed_tags is not None:
            assert tag in allowed_tags, f"<{tag}> in the output"
        if tag == "script" and attrs == [("type", "application/ld+json")]:
            continue   # data for search engines, never run (its text: assert_json_ld_is_data)
        if tag == "script":
            src = dict(attrs).get("src") or ""
            assert src.endswith(allowed_scripts) and allowed_scripts, f"a script reached the output: {attrs}"
        if tag == "form":   # the theme's search boxes: a GET to the search page, nothing else
            found = dict(attrs)
            assert allowed_scripts and found.get("role") == "search" and found.get("method") == "get" and \
                (found.get("action") or "").endswith("index.html"), f"a form reached the output: {attrs}"
            continue
        assert tag not in ("iframe", "object", "embed", "base", "frame", "svg", "math", "style"), tag
        for name, value in attrs:
            assert not name.startswith("on"), f"<{tag} {name}=…> in the output"
            if name in URL_ATTRS and value:
                assert not browser_url(value).startswith(DANGEROUS), f"<{tag} {name}={value!r}>"


def assert_json_ld_is_data(html: str) -> None:
    """A page's JSON-LD is one JSON value whatever the titles hold: a `</script>` in a title
    would end it early and let the rest run."""
    for found in re.finditer(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        assert "<" not in found.group(1), found.group(1)
        json.loads(found.group(1))


@st.composite
def disguised_url(draw) -> str:
    scheme = draw(st.sampled_from(["javascript", "data", "vbscript"]))
    payload = draw(st.sampled_from({"javascript": ["alert(1)", "//%0aalert(1)"],
                                    "data": ["text/html,<script>alert(1)</script>", "image/png;base64,iVBORw0KGgo=",
                                             "image/svg+xml;base64,PHN2Zz4="],
                                    "vbscript": ["msgbox(1)"]}[scheme]))
    chars = []
    for ch in scheme:
        ch = ch.upper() if draw(st.booleans()) else ch
        chars.append(draw(st.sampled_from([ch, ch, ch, f"&#{ord(ch)};", f"&#x{ord(ch):x};", f"&#X{ord(ch):X};",
                                           f"&#000{ord(ch)}"])))
        if draw(st.integers(0, 5)) == 0:
            chars.append(draw(st.sampled_from(["\t", "\n", "\r", "\x00", "\x0b", " ", "&#9;", "&#x0A;", "&Tab;",
                                               "&NewLine;", "%09", "\\", "\u200b"])))
    colon = draw(st.sampled_from([":", ":", "&colon;", "&#58;", "&#x3a;", "%3a"]))
    lead = draw(st.sampled_from(["", " ", "\x01", "&#32;", "\t", "  "]))
    return lead + "".join(chars) + colon + payload


CONTEXTS = st.sampled_from([
    "[点我]({u})", "[点我](<{u}>)", "![图]({u})", "<{u}>", "[点我][r]\n\n[r]: {u}", "[点我]({u} \"标题\")",
    '<a href="{u}">点我</a>', "<img src={u} onerror=alert(1)>", '<iframe src="{u}"></iframe>',
    "<svg onload=alert(1)>", "<script>alert(1)</script>", "<SCRIPT SRC={u}></SCRIPT>", "正文[^1]\n\n[^1]: [注]({u})",
    "| a |\n|---|\n| [x]({u}) |", "> [引用]({u})", "- [列表]({u})", "## [标题]({u})",
])


@SETTINGS
@given(CONTEXTS, disguised_url())
def test_disguised_dangerous_urls_and_raw_html_never_become_markup(context: str, url: str):
    html, _ = render(context.replace("{u}", url))
    assert_no_active_markup(html)
    assert "<script" not in html.lower() and "<iframe" not in html.lower() and "<svg" not in html.lower()


# --- and in a whole built site -------------------------------------------------------------------

PAYLOAD = '<script>alert("碳")</script><img src=x onerror=alert(1)>'


def test_a_site_full_of_hostile_text_builds_with_nothing_active(tmp_path: Path):
    site = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, site)
    site_yml = site / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8")
                        .replace("title: 碳桥", f"title: '碳桥{PAYLOAD}'")
                        .replace("publisher: 测试出版社", f"publisher: '{PAYLOAD}'")
                        .replace("**测试刊物**", f"**测试刊物** {PAYLOAD} [x](javascript:alert(1))"), "utf-8")
    (site / "issues/2024-q3/issue.yml").write_text(
        f"title: '2024年第三季度{PAYLOAD}'\ndate: 2024-10-15\nhighlights:\n  - '{PAYLOAD}'\n", "utf-8")
    (site / "issues/2024-q3/policy/2024-07-06-hostile.md").write_text(
        f"---\ntitle: '标题{PAYLOAD}'\ndate: 2024-07-06\nsource: '{PAYLOAD}'\nsummary: '{PAYLOAD}'\n"
        f"tags: ['{PAYLOAD}', CCER]\nslug: hostile\n---\n"
        f"## 小标题{PAYLOAD}\n\n正文{PAYLOAD}[^1]\n\n[a](JaVa&#x09;ScRiPt:alert(1)) [b](data:text/html,x) "
        f"<javascript:alert(1)> [c](vbscript:x)\n\n"
        f"```chart\ntype: bar\ndata: data/cea_quarterly.csv\nx: quarter\ny: [volume]\n"
        f"title: '图{PAYLOAD}'\ncaption: '{PAYLOAD}'\nunit: '{PAYLOAD}'\n```\n\n"
        f"```table\ndata: data/pilot_markets.csv\ncaption: '{PAYLOAD}'\n```\n\n[^1]: 注释{PAYLOAD}\n", "utf-8")
    out = tmp_path / "out"
    build(Options(content=site, out=out, pdf=False, search=False, jobs=1))
    pages = [p for p in out.rglob("*") if p.suffix in (".html", ".xml", ".svg")]
    assert len(pages) > 20
    assert "标题" in (out / "issues/2024-q3/policy/hostile/index.html").read_text("utf-8")
    theme_css = (out / "static/style.css").read_text("utf-8")
    for page in pages:
        text = page.read_text("utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, page
        if page.name == "404.html":   # the theme's own stylesheet is in it, as it is, and nothing else
            assert text.count("<style>") == 1
            text = text.replace(f"<style>{theme_css}</style>", "")
        if page.suffix == ".html":
            assert_no_active_markup(text, allowed_tags=None,
                                    allowed_scripts=("static/search-index.js", "static/search.js"))
            assert_json_ld_is_data(text)
