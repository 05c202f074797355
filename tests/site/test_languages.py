"""A site in Chinese and English (site/languages.py, the URL scheme's prefixes, the theme's
hreflang links, language switcher, sitemap alternates and feeds), built for real from
tests/conftest.py's bilingual copy of the fixture site."""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_SITE, make_bilingual, run_cli

BASE = "https://example.org/bulletin/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bilingual")
    content = make_bilingual(Path(shutil.copytree(FIXTURE_SITE, root / "content")))
    done = run_cli("build", "--content", str(content), "--out", str(root / "out"), "--no-pdf")
    assert done.returncode == 0, done.stderr
    return root / "out"


class Head(HTMLParser):
    """What a page says of its language: <html lang>, its hreflang links, its switcher's links."""

    def __init__(self) -> None:
        super().__init__()
        self.lang, self.alternates, self.switch, self.links = "", {}, [], []
        self._in_switch = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "nav" and a.get("class") == "language-switch":
            self._in_switch = True
        elif tag == "a" and self._in_switch:
            self.switch.append((a["hreflang"], a["href"]))
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_switch = False


def head(out: Path, page: str) -> Head:
    parser = Head()
    parser.feed((out / page).read_text("utf-8"))
    return parser


def url_of(page: str) -> str:
    return BASE + page.removesuffix("index.html")


def pages(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html") if "static" not in p.parts)


def test_the_english_edition_has_the_same_structure_under_en(out: Path):
    for page in ("en/index.html", "en/issues/index.html", "en/issues/2024-q3/index.html",
                 "en/issues/2024-q3/policy/procurement-footprint/index.html",   # the original's slug
                 "en/issues/2024-q3/essays/pilot-markets/index.html",          # in English only
                 "en/sections/policy/index.html", "en/tags/carbon-footprint/index.html", "en/tags/index.html",
                 "en/feed.xml", "en/search/index.html", "en/search/index.bin"):
        assert (out / page).is_file(), page
    # one 404 page, sitemap, robots.txt for the host; no English page of what has no English
    for page in ("en/404.html", "en/sitemap.xml", "en/robots.txt", "en/issues/2024-q3/market/cea-quarter/index.html",
                 "en/sections/market/index.html.missing"):
        assert not (out / page).exists(), page


def test_every_page_says_its_language(out: Path):
    for page in pages(out):
        assert head(out, page).lang == ("en" if page.startswith("en/") else "zh-CN"), page


def test_an_edition_lists_only_its_articles_and_says_how_many_are_only_in_chinese(out: Path):
    issue = (out / "en/issues/2024-q3/index.html").read_text("utf-8")
    assert "cea-quarter" not in issue and "procurement-footprint/index.html" in issue
    assert '1 more article of this issue is in <span lang="zh-CN">中文</span> only' in issue
    assert ('href="../../../issues/2024-q3/index.html" hreflang="zh-CN">read the issue in <span lang="zh-CN">中文'
            '</span></a>') in issue
    zh_issue = (out / "issues/2024-q3/index.html").read_text("utf-8")
    assert "pilot-markets" not in zh_issue and "cea-quarter" in zh_issue and "only-in-default" not in zh_issue
    home = (out / "en/index.html").read_text("utf-8")
    assert "Carbon Bridge" in home and "碳桥" not in home and "Skip to content" in home and "15 October 2024" in home


def test_hreflang_links_are_reciprocal_absolute_and_name_the_default(out: Path):
    checked = 0
    for page in pages(out):
        links = head(out, page).alternates
        if not links:
            continue
        checked += 1
        assert set(links) == {"zh-CN", "en", "x-default"}, page
        assert url_of(page) in links.values() and links["x-default"] == links["zh-CN"], page
        for lang in ("zh-CN", "en"):
            other = links[lang].removeprefix(BASE)
            other = other + "index.html" if other.endswith("/") or not other else other
            assert head(out, other).alternates == links, (page, other)
    # home, issues, search, about, 2 issues, 1 article, 3 sections, tags, the register: in both
    assert checked == 2 * 12


def test_a_page_without_translation_has_no_hreflang_and_switches_to_the_issue_or_home(out: Path):
    cases = {
        "issues/2024-q3/policy/procurement-footprint/index.html":
            "../../../../en/issues/2024-q3/policy/procurement-footprint/index.html",
        "issues/2024-q3/market/cea-quarter/index.html": "../../../../en/issues/2024-q3/index.html",
        "issues/2024-q2/policy/first-brief/index.html": "../../../../en/issues/2024-q2/index.html",
        "en/issues/2024-q3/essays/pilot-markets/index.html": "../../../../../issues/2024-q3/index.html",
        "tags/ccer/index.html": "../../en/index.html",
        "404.html": BASE + "en/index.html",
    }
    for page, target in cases.items():
        found = head(out, page)
        assert found.switch == [("en" if not page.startswith("en/") else "zh-CN", target)], page
        if "procurement" not in page:
            assert not found.alternates, page


def test_the_sitemap_lists_each_pages_translations(out: Path):
    urls = {u.find(f"{SITEMAP}loc").text: {x.get("hreflang"): x.get("href") for x in u.findall(f"{XHTML}link")}
            for u in ET.parse(out / "sitemap.xml").getroot()}
    article = url_of("issues/2024-q3/policy/procurement-footprint/index.html")
    english = url_of("en/issues/2024-q3/policy/procurement-footprint/index.html")
    assert urls[article] == urls[english] == {"zh-CN": article, "en": english}
    assert urls[url_of("en/issues/2024-q3/essays/pilot-markets/index.html")] == {}
    assert urls[BASE] == {"zh-CN": BASE, "en": BASE + "en/"}
    for loc, links in urls.items():    # reciprocal
        for href in links.values():
            assert urls[href] == links, loc


def test_each_language_has_its_own_feed(out: Path):
    for feed, lang, prefix in (("feed.xml", "zh-CN", ""), ("en/feed.xml", "en", "en/")):
        root = ET.parse(out / feed).getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert root.find(f"{ATOM}link[@rel='self']").get("href") == BASE + feed
        ids = [e.find(f"{ATOM}id").text.removeprefix(BASE) for e in root.findall(f"{ATOM}entry")]
        assert ids and all(i.startswith(prefix + "issues/") for i in ids), ids
    english = [e.find(f"{ATOM}title").text for e in ET.parse(out / "en/feed.xml").getroot().findall(f"{ATOM}entry")]
    assert english == ["Pilot markets after the national market", "Carbon footprints to enter government procurement"]


def test_a_site_in_one_language_has_no_language_links(built_fixture: Path):
    page = built_fixture / "issues/2024-q3/index.html"
    found = head(built_fixture, "issues/2024-q3/index.html")
    assert not found.alternates and not found.switch and 'hreflang' not in page.read_text("utf-8")
    assert b"xhtml" not in (built_fixture / "sitemap.xml").read_bytes()


@pytest.mark.slow
def test_languages_with_one_language_builds_the_same_bytes(tmp_path: Path, built_fixture: Path):
    """`languages: [zh-CN]` is a site in one language: the same site as without it, byte for byte."""
    content = Path(shutil.copytree(FIXTURE_SITE, tmp_path / "content"))
    yml = content / "site.yml"
    yml.write_text(yml.read_text("utf-8").replace("language: zh-CN\n", "languages: [zh-CN]\n"), "utf-8")
    done = run_cli("build", "--content", str(content), "--out", str(tmp_path / "out"), "--no-pdf", "--no-search")
    assert done.returncode == 0, done.stderr

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert files(tmp_path / "out") == files(built_fixture)


@pytest.mark.slow
def test_each_language_has_its_email_edition_from_its_own_sender(tmp_path: Path):
    content = make_bilingual(Path(shutil.copytree(FIXTURE_SITE, tmp_path / "content")))
    yml = content / "site.yml"
    yml.write_text(yml.read_text("utf-8") + 'email: {from: {zh-CN: "碳桥 <news@tanqiao.org>", '
                                            'en: "Carbon Bridge <news@tanqiao.org>"}}\n', "utf-8")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(content), "--out", str(out), "--no-pdf", "--no-search",
                   "--base-url", "https://tanqiao.climatebridge.com/")
    assert done.returncode == 0, done.stderr
    import email
    from email.policy import default
    zh = email.message_from_bytes((out / "issues/2024-q3/email.eml").read_bytes(), policy=default)
    en = email.message_from_bytes((out / "en/issues/2024-q3/email.eml").read_bytes(), policy=default)
    assert (str(zh["From"]), str(en["From"])) == ("碳桥 <news@tanqiao.org>", "Carbon Bridge <news@tanqiao.org>")
    assert "Carbon footprints to enter government procurement" in en.get_body(("html",)).get_content()
    assert (out / "en/issues/2024-q3/policy/procurement-footprint/wechat.html").is_file()


@pytest.mark.slow
def test_no_search_keeps_every_languages_index_and_says_when_one_is_old(tmp_path: Path):
    content = make_bilingual(Path(shutil.copytree(FIXTURE_SITE, tmp_path / "content")))
    out = tmp_path / "out"
    assert run_cli("build", "--content", str(content), "--out", str(out), "--no-pdf").returncode == 0
    indexes = {name: (out / name).read_bytes() for name in ("search/index.bin", "en/search/index.bin")}
    done = run_cli("build", "--content", str(content), "--out", str(out), "--no-pdf", "--no-search")
    assert "search index (--no-search); it is up to date" in done.stdout + done.stderr
    english = content / "issues/2024-q3/essays/pilot-markets.en.md"
    english.write_text(english.read_text("utf-8").replace("keep trading", "keep on trading"), "utf-8")
    done = run_cli("build", "--content", str(content), "--out", str(out), "--no-pdf", "--no-search")
    assert "it is older than the content" in done.stdout + done.stderr
    assert {name: (out / name).read_bytes() for name in indexes} == indexes
