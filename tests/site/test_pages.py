"""The page set and relative-link integrity of a built fixture site."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

EXPECTED_PAGES = [
    "index.html", "issues/index.html", "404.html", "search/index.html", "feed.xml", "sitemap.xml",
    "issues/2024-q3/index.html", "issues/2024-q2/index.html",
    "issues/2024-q2/policy/first-brief/index.html", "issues/2024-q2/policy/second-brief/index.html",
    "issues/2024-q2/essays/essay-one/index.html", "issues/2024-q3/policy/procurement-footprint/index.html",
    "issues/2024-q3/market/cea-quarter/index.html",
    "sections/policy/index.html", "sections/market/index.html", "sections/essays/index.html",
    "tags/index.html", "tags/tan-zu-ji/index.html", "tags/ccer/index.html",
    "issues/2024-q2/images/dot.png", "static/style.css",
]


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src", "action"):   # action: the masthead's search box
            if a.get(key):
                self.links.append(a[key])
        if a.get("id"):
            self.ids.add(a["id"])


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text("utf-8"))
    return p


def test_every_page_of_the_contract_is_written(built_fixture: Path):
    missing = [p for p in EXPECTED_PAGES if not (built_fixture / p).is_file()]
    assert not missing


def test_every_internal_link_resolves(built_fixture: Path):
    broken = []
    for page in built_fixture.rglob("*.html"):
        if page.name == "404.html":
            continue  # absolute links by design
        parsed = parse(page)
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            assert not parts.scheme and not link.startswith("/"), f"{page}: non-relative link {link}"
            if not parts.path:
                assert parts.fragment in parsed.ids, f"{page}: missing anchor #{parts.fragment}"
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(built_fixture)} → {link}")
    assert not broken


def test_404_links_are_absolute_from_base_url(built_fixture: Path):
    links = [link for link in parse(built_fixture / "404.html").links if not link.startswith(("#", "mailto:"))]
    assert links and all(link.startswith("https://example.org/bulletin/") for link in links)


def test_home_puts_latest_issue_first_then_archive(built_fixture: Path):
    html = (built_fixture / "index.html").read_text("utf-8")
    assert html.index("2024年第三季度") < html.index("往期回顾") < html.index("2024年第二季度")


def test_issue_page_has_highlights_intro_and_index_in_section_order(built_fixture: Path):
    html = (built_fixture / "issues/2024-q2/index.html").read_text("utf-8")
    assert "第二季度观点一" in html and "本期引言，第一行第二行继续。" in html
    assert html.index("国家政策") < html.index("环保桥观察")


def test_brief_page_shows_date_source_link_tags_and_next(built_fixture: Path):
    html = (built_fixture / "issues/2024-q2/policy/first-brief/index.html").read_text("utf-8")
    assert "2024年4月2日" in html and '<a href="https://www.gov.cn/" rel="noopener">国务院</a>' in html
    assert 'href="../../../../tags/tan-zu-ji/index.html"' in html
    assert 'rel="next" href="../second-brief/index.html"' in html
    assert 'lang="zh-CN"' in html


def test_essay_page_shows_author_abstract_and_footnotes(built_fixture: Path):
    html = (built_fixture / "issues/2024-q2/essays/essay-one/index.html").read_text("utf-8")
    for text in ("张三", "项目经理", "摘要", "观点一", 'class="footnotes"', "https://example.org/ref"):
        assert text in html


def test_dangerous_markup_never_reaches_the_page(built_fixture: Path):
    html = (built_fixture / "issues/2024-q2/policy/second-brief/index.html").read_text("utf-8")
    assert "<script>alert" not in html and 'href="javascript' not in html


def test_feed_is_atom_with_absolute_urls(built_fixture: Path):
    root = ET.parse(built_fixture / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 5
    ids = [e.find("a:id", ns).text for e in entries]
    assert all(i.startswith("https://example.org/bulletin/issues/") for i in ids)
    assert entries[0].find("a:title", ns).text == "全国碳市场季度总览"  # newest first


def test_feed_content_links_and_images_are_whole_urls_that_exist(built_fixture: Path):
    """A feed reader shows an entry away from its page: a relative chart or footnote link breaks."""
    ns = {"a": "http://www.w3.org/2005/Atom"}
    base = "https://example.org/bulletin/"
    urls = [u for e in ET.parse(built_fixture / "feed.xml").getroot().findall("a:entry", ns)
            for u in re.findall(r'(?:src|href|srcset)="([^"]*)"', e.find("a:content", ns).text)]
    assert any(u.endswith(".svg") for u in urls), urls   # the fixture's chart is in the feed
    for url in urls:
        assert url.startswith(("https://", "http://")), url
        if url.startswith(base):
            target = built_fixture / url[len(base):].split("#")[0]
            assert (target / "index.html" if url.split("#")[0].endswith("/") else target).is_file(), url


def test_issue_cover_is_shown_on_the_issue_page_and_home(site_copy, tmp_path):
    from tests.conftest import run_cli
    issue = max((site_copy / "issues").iterdir())          # the latest issue: home shows it
    (issue / "images").mkdir(exist_ok=True)
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="3" height="4"/>'
    (issue / "images" / "cover.svg").write_text(svg, "utf-8")
    yml = issue / "issue.yml"
    yml.write_text(yml.read_text("utf-8") + "cover: ./images/cover.svg\n", "utf-8")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-pdf", "--no-search")
    assert done.returncode == 0, done.stderr
    for page in (out / "issues" / issue.name / "index.html", out / "index.html"):
        src = re.search(r'<img class="issue-cover" src="([^"]+)" alt="[^"]*封面"', page.read_text("utf-8"))
        assert src and (page.parent / src.group(1)).resolve() == (out / "issues" / issue.name / "images/cover.svg")
        assert (page.parent / src.group(1)).is_file()


def tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


@pytest.mark.slow
def test_an_image_named_in_chinese_with_a_space_is_shown_on_the_page_and_printed(site_copy, tmp_path):
    from urllib.parse import unquote

    from tests.conftest import run_cli
    issue = site_copy / "issues/2024-q2"
    (issue / "images").mkdir(exist_ok=True)
    (issue / "images/示意 图.png").write_bytes(tiny_png())
    article = issue / "policy/2024-04-02-first-brief.md"
    article.write_text(article.read_text("utf-8") + "\n![示意图](<images/示意 图.png>)\n", "utf-8")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-search")
    assert done.returncode == 0, done.stderr
    page = out / "issues/2024-q2/policy/first-brief/index.html"
    src = re.search(r'<img src="([^"]+)" alt="示意图"', page.read_text("utf-8")).group(1)
    assert " " not in src and (page.parent / unquote(src)).resolve().read_bytes() == tiny_png()


def test_sitemap_lists_pages_absolute_not_404(built_fixture: Path):
    text = (built_fixture / "sitemap.xml").read_text("utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", text)
    assert "https://example.org/bulletin/" in locs
    assert "https://example.org/bulletin/issues/2024-q2/essays/essay-one/" in locs
    assert not any("404" in loc for loc in locs)


def test_base_url_option_overrides_site_yml(tmp_path, site_copy):
    from tests.conftest import run_cli
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-pdf", "--no-search",
                        "--base-url", "https://bulletin.example.com/q")
    assert done.returncode == 0, done.stderr
    assert "<loc>https://bulletin.example.com/q/</loc>" in (out / "sitemap.xml").read_text("utf-8")


def test_base_url_ends_with_one_slash_however_it_is_written(tmp_path, site_copy):
    from tests.conftest import run_cli
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8").replace("https://example.org/bulletin/",
                                                            "https://example.org/bulletin//"), "utf-8")
    assert run_cli("build", "--content", str(site_copy), "--out", str(tmp_path / "a"), "--no-pdf",
                   "--no-search").returncode == 0
    assert "<loc>https://example.org/bulletin/</loc>" in (tmp_path / "a/sitemap.xml").read_text("utf-8")
    assert run_cli("build", "--content", str(site_copy), "--out", str(tmp_path / "b"), "--no-pdf", "--no-search",
                   "--base-url", "https://bulletin.example.com").returncode == 0
    assert "<loc>https://bulletin.example.com/</loc>" in (tmp_path / "b/sitemap.xml").read_text("utf-8")


def test_an_english_site_gets_english_labels_and_dates(tmp_path, site_copy):
    from tests.conftest import run_cli
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8").replace("language: zh-CN", "language: en"), "utf-8")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-pdf", "--no-search")
    assert done.returncode == 0, done.stderr
    html = (out / "issues/2024-q2/policy/first-brief/index.html").read_text("utf-8")
    assert '<html lang="en">' in html and "2 April 2024" in html and "Source: " in html and "Next" in html
    assert "来源" not in html and "下一篇" not in html and "Source：" not in html


def test_titles_of_an_english_issue_are_marked_english_on_chinese_pages(tmp_path, site_copy):
    """A screen reader reads an unmarked English title on a zh-CN page with a Chinese voice."""
    from tests.conftest import run_cli
    issue_yml = site_copy / "issues/2024-q2/issue.yml"
    issue_yml.write_text(issue_yml.read_text("utf-8") + "language: en\n", "utf-8")
    out = tmp_path / "out"
    assert run_cli("build", "--content", str(site_copy), "--out", str(out), "--no-pdf", "--no-search").returncode == 0
    section = (out / "sections/policy/index.html").read_text("utf-8")
    assert 'lang="en">第一条政策简讯</a>' in section
    english_page = (out / "issues/2024-q2/index.html").read_text("utf-8")
    assert 'lang="en">' not in english_page.split("<body", 1)[1]
    assert 'lang="zh-CN">' not in section.split("<body", 1)[1]
