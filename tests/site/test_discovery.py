"""What a built site tells crawlers, link previews and feed readers: robots.txt, the
sitemap's <lastmod>, a canonical address and a description of its own on every page,
each feed entry's author and publication date; and `_headers` for the hosts that read it."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import run_cli

BASE = "https://example.org/bulletin/"
ATOM = {"a": "http://www.w3.org/2005/Atom"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def pages_of(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if p.name != "404.html")


def meta_description(html: str) -> str:
    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(found) == 1, found
    return found[0]


def published(out: Path, page: Path) -> str:
    rel = page.relative_to(out).as_posix()
    return BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def build(content: Path, out: Path, *options: str) -> Path:
    done = run_cli("build", "--content", str(content), "--out", str(out), "--no-pdf", "--no-search", *options)
    assert done.returncode == 0, done.stderr
    return out


# --- robots.txt ---------------------------------------------------------------------------------

def test_robots_points_crawlers_at_the_sitemap_and_says_what_to_do_under_a_sub_path(built_fixture: Path):
    robots = (built_fixture / "robots.txt").read_text("utf-8")
    assert "User-agent: *\n" in robots and "\nAllow: /\n" in robots
    assert robots.endswith(f"\nSitemap: {BASE}sitemap.xml\n")
    # example.org/bulletin/ is a sub-path: crawlers read only example.org/robots.txt
    assert "https://example.org/robots.txt: add the Sitemap line below to that file" in robots


def test_robots_at_the_root_of_a_host_has_no_advice(site_copy: Path, tmp_path: Path):
    out = build(site_copy, tmp_path / "out", "--base-url", "https://bulletin.example.com/")
    robots = (out / "robots.txt").read_text("utf-8")
    assert robots.endswith("\nSitemap: https://bulletin.example.com/sitemap.xml\n") and "add the" not in robots


# --- the sitemap ---------------------------------------------------------------------------------

def test_every_sitemap_address_has_the_day_its_content_last_changed(built_fixture: Path):
    root = ET.parse(built_fixture / "sitemap.xml").getroot()
    lastmod = {u.find("s:loc", SITEMAP).text: u.find("s:lastmod", SITEMAP).text for u in root.findall("s:url", SITEMAP)}
    assert set(lastmod) == {published(built_fixture, p) for p in pages_of(built_fixture)}   # every page, no 404
    assert lastmod[BASE + "issues/2024-q2/policy/first-brief/"] == "2024-04-02"      # its date
    assert lastmod[BASE + "issues/2024-q3/market/cea-quarter/"] == "2024-09-30"
    assert lastmod[BASE + "issues/2024-q2/"] == "2024-07-15"                           # the issue's own date
    assert lastmod[BASE + "sections/policy/"] == "2024-07-04"                          # its newest article
    assert lastmod[BASE + "tags/tan-zu-ji/"] == "2024-07-04"
    assert lastmod[BASE] == lastmod[BASE + "issues/"] == lastmod[BASE + "search/"] == "2024-10-15"


# --- every page: canonical address and description ------------------------------------------------

def test_every_page_names_its_published_address_but_the_404_page(built_fixture: Path):
    for page in pages_of(built_fixture):
        html = page.read_text("utf-8")
        assert re.findall(r'<link rel="canonical" href="([^"]*)">', html) == [published(built_fixture, page)], page
    assert 'rel="canonical"' not in (built_fixture / "404.html").read_text("utf-8")   # shown at any address


def test_no_two_pages_have_the_same_description(built_fixture: Path):
    said = {p.relative_to(built_fixture).as_posix(): meta_description(p.read_text("utf-8"))
            for p in built_fixture.rglob("*.html")}
    assert all(said.values()) and len(set(said.values())) == len(said), said
    assert said["issues/2024-q3/index.html"] == "《碳桥》2024年第三季度：第三季度观点一；第三季度观点二"
    assert said["sections/policy/index.html"] == "《碳桥》「国家政策」栏目：2期，3篇文章"
    assert said["tags/ccer/index.html"].startswith("《碳桥》标签「CCER」：")
    assert said["404.html"] == "《碳桥》：您要找的页面不存在或已移动。"
    assert said["index.html"] == "《碳桥》——最新一期：2024年第三季度；共2期，5篇文章"


def test_descriptions_are_in_the_language_of_the_page(site_copy: Path, tmp_path: Path):
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8").replace("language: zh-CN", "language: en"), "utf-8")
    issue_yml = site_copy / "issues/2024-q2/issue.yml"
    issue_yml.write_text(issue_yml.read_text("utf-8").replace("highlights:\n  - 第二季度观点一\n", "")
                         + "language: zh-CN\n", "utf-8")
    out = build(site_copy, tmp_path / "out")
    said = {p.relative_to(out).as_posix(): meta_description(p.read_text("utf-8")) for p in out.rglob("*.html")}
    assert len(set(said.values())) == len(said), said
    assert said["index.html"] == "碳桥 — latest issue: 2024年第三季度; 2 issues, 5 articles in all"
    assert said["sections/essays/index.html"] == "环保桥观察, a section of 碳桥: 1 article in 1 issue"
    # a Chinese issue on an English site: its page and its words are Chinese; no highlights, its contents
    assert said["issues/2024-q2/index.html"] == "《碳桥》2024年第二季度：3篇文章，栏目：国家政策、环保桥观察"


def test_an_article_is_described_by_its_summary_else_by_its_title(site_copy: Path, tmp_path: Path):
    brief = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    head = brief.read_text("utf-8").partition("\n---\n")[0]
    brief.write_text(head + "\n---\n", "utf-8")     # no body: nothing to summarise
    out = build(site_copy, tmp_path / "out")
    page = out / "issues/2024-q2/policy"
    said = {name: meta_description((page / name / "index.html").read_text("utf-8"))
            for name in ("first-brief", "second-brief")}
    assert said == {"first-brief": "第一条政策简讯（《碳桥》2024年第二季度）", "second-brief": "编辑写的摘要。"}


# --- the feed ------------------------------------------------------------------------------------

def test_every_feed_entry_has_an_author_and_a_publication_date(built_fixture: Path):
    entries = ET.parse(built_fixture / "feed.xml").getroot().findall("a:entry", ATOM)
    by_title = {e.find("a:title", ATOM).text: e for e in entries}
    for entry in entries:
        assert entry.find("a:author/a:name", ATOM).text
        assert entry.find("a:published", ATOM).text == entry.find("a:updated", ATOM).text
    assert by_title["第一条政策简讯"].find("a:author/a:name", ATOM).text == "测试出版社"    # a brief: the editors
    assert by_title["第一条政策简讯"].find("a:published", ATOM).text == "2024-04-02T12:00:00+08:00"
    essay = by_title["试论试点碳市场"]
    assert essay.find("a:author/a:name", ATOM).text != "测试出版社"                          # an essay: its author


# --- _headers ------------------------------------------------------------------------------------

def test_headers_file_sets_the_svg_policy_nosniff_and_caches_by_kind(built_fixture: Path):
    from generator.site.hosting import SVG_POLICY
    rules: dict[str, dict[str, str]] = {}
    for block in (built_fixture / "_headers").read_text("utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#")]
        if lines:
            rules[lines[0]] = dict(line.strip().split(": ", 1) for line in lines[1:])
    assert rules["/*"] == {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}
    assert rules["/*.svg"] == {"Cache-Control": "public, max-age=86400", "Content-Security-Policy": SVG_POLICY}
    assert rules["/*.css"] == {"Cache-Control": "public, max-age=604800"}
    assert not any(p.endswith((".html", "/")) for p in rules)   # pages: the host's default, asked again each visit
    # Netlify and Cloudflare join the values of a header two matching rules set: each is set once a file
    extensions = [p.removeprefix("/*.") for p in rules if p != "/*"]
    assert len(extensions) == len(set(extensions)) and all(p.startswith("/*.") for p in rules if p != "/*")
    assert not set(rules["/*"]) & {name for p, headers in rules.items() if p != "/*" for name in headers}


def test_an_article_without_a_date_last_changed_with_its_issue(site_copy: Path, tmp_path: Path):
    market = site_copy / "issues/2024-q3/market/cea-quarter.md"
    market.write_text(market.read_text("utf-8").replace("date: 2024-09-30\n", ""), "utf-8")
    out = build(site_copy, tmp_path / "out")
    assert (f"<loc>{BASE}issues/2024-q3/market/cea-quarter/</loc>\n    <lastmod>2024-10-15</lastmod>"
            in (out / "sitemap.xml").read_text("utf-8"))


# --- 404.html ------------------------------------------------------------------------------------

def test_the_404_page_carries_its_stylesheet_so_it_is_styled_at_any_address(built_fixture: Path):
    html = (built_fixture / "404.html").read_text("utf-8")
    css = (built_fixture / "static/style.css").read_text("utf-8")
    assert f"<style>{css}</style>" in html and 'rel="stylesheet"' not in html
    assert 'rel="stylesheet" href="../static/style.css"' in (built_fixture / "tags/index.html").read_text("utf-8")


def test_the_404_page_carries_the_themes_stylesheet_which_cannot_end_its_style_element(site_copy: Path,
                                                                                      tmp_path: Path):
    theme = tmp_path / "theme"
    (theme / "static").mkdir(parents=True)
    (theme / "templates").mkdir()
    (theme / "static" / "style.css").write_text("body { color: red }\n/* </style><script>alert(1)</script> */\n",
                                                "utf-8")
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + f"theme: {theme}\n", "utf-8")
    html = (build(site_copy, tmp_path / "out") / "404.html").read_text("utf-8")
    assert "body { color: red }" in html and html.count("</style>") == 1
    assert html.index("<script>") < html.index("</style>")   # text of the stylesheet, never an element
    # after a change to the stylesheet alone the next build has the new one in the 404 page
    (theme / "static" / "style.css").write_text("body { color: blue }\n", "utf-8")
    assert "body { color: blue }" in (build(site_copy, tmp_path / "out") / "404.html").read_text("utf-8")
