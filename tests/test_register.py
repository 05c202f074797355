"""The archive across issues, built for real on the fixture site with documents, authors and a
small page size: the policy register, issuer and author pages, GB/T 7714 citations, pages of
long lists, and every page's Open Graph card and schema.org data."""
from __future__ import annotations

import json
import re
import shutil
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_SITE, run_bulletin, run_cli
from tests.schemaorg import problems

BASE = "https://example.org/bulletin/"
Q2, Q3 = "issues/2024-q2", "issues/2024-q3"
PROCUREMENT = ("  - title: 关于印发《政府采购领域三年行动方案》的通知\n    number: 国办发〔2024〕33号\n"
               "    issuer: 国务院办公厅\n    date: 2024-04-01\n    url: https://www.gov.cn/zhengce/content/6961215.htm\n")


def cite(path: Path, documents: str, extra: str = "") -> None:
    text = path.read_text("utf-8")
    path.write_text(text.replace("\n---\n", f"\n{extra}documents:\n{documents}---\n", 1), "utf-8")


def write_site(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(FIXTURE_SITE, content)
    (content / "site.yml").write_text((content / "site.yml").read_text("utf-8") + "page_size: 5\n", "utf-8")
    (content / "authors.yml").write_text(
        "zhang-san:\n  name: {zh-CN: 张三, en: Zhang San}\n  title: 项目经理\n  bio: 研究试点碳市场。\n"
        "  photo: issues/2024-q2/images/dot.png\n", "utf-8")
    essay = content / Q2 / "essays/2024-07-15-essay-one.md"
    essay.write_text(essay.read_text("utf-8").replace("author: 张三\nauthor_title: 项目经理\n", "author: zhang-san\n"),
                     "utf-8")
    cite(content / Q2 / "policy/2024-04-02-first-brief.md", PROCUREMENT)
    cite(content / Q3 / "policy/2024-07-04-procurement-footprint.md", PROCUREMENT +
         "  - {title: 加快构建碳排放双控制度体系工作方案, issuer: [国务院办公厅, 国家发展改革委], date: 2024-07-01}\n")
    for n in range(1, 13):   # the policy section and the tag 碳足迹 over several pages of 5
        (content / Q3 / f"policy/2024-07-{n + 10:02d}-brief-{n}.md").write_text(
            f"---\ntitle: 第{n}条简讯\ndate: 2024-07-{n + 10:02d}\nsource: 生态环境部\nsummary: 第{n}条。\n"
            f"tags: [碳足迹]\n---\n正文{n}。\n", "utf-8")
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("register")
    write_site(root)
    done = run_cli("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", cwd=root)
    assert done.returncode == 0, done.stderr
    return root / "out"


class Page(HTMLParser):
    """What a test reads of a page: its <meta> and <link> tags, its links and ids, its JSON-LD."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, str] = {}
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.ld: list[str] = []
        self._in_ld = False
        self.feed(path.read_text("utf-8"))
        self.close()

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if "id" in found:
            self.ids.add(found["id"])
        if tag == "meta" and ("property" in found or "name" in found):
            self.meta.setdefault(found.get("property") or found["name"], []).append(found.get("content") or "")
        elif tag == "link" and found.get("rel"):
            self.links[found["rel"]] = found.get("href") or ""
        elif tag == "a" and found.get("href"):
            self.hrefs.append(found["href"])
        self._in_ld = tag == "script" and found.get("type") == "application/ld+json"
        if self._in_ld:
            self.ld.append("")

    def handle_data(self, data):
        if self._in_ld:
            self.ld[-1] += data

    def handle_endtag(self, tag):
        self._in_ld = False

    def one(self, name: str) -> str:
        [value] = self.meta[name]
        return value


def pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if p.name != "404.html" and p.name != "wechat.html")


def local(out: Path, page: Path, href: str) -> Path:
    return (page.parent / href.split("#")[0]).resolve()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


# ---- the register -----------------------------------------------------------------------------

def test_the_register_lists_each_document_once_with_every_article_citing_it(built: Path):
    register = (built / "documents/index.html").read_text("utf-8")
    assert register.count("国办发〔2024〕33号") == 1   # cited in two issues: one entry
    entry = register[register.rindex('class="register-entry"', 0, register.index("国办发〔2024〕33号")):]
    entry = entry[:entry.index("</li>")]
    for link in ("../issues/2024-q2/policy/first-brief/index.html",
                 "../issues/2024-q3/policy/procurement-footprint/index.html"):
        assert link in entry
    assert "https://www.gov.cn/zhengce/content/6961215.htm" in entry and "国务院办公厅" in entry
    # newest first, under their year
    assert register.index("加快构建碳排放双控制度体系工作方案") < register.index("国办发〔2024〕33号")
    assert '<h2 id="year-2024">2024年</h2>' in register


def test_each_issuer_has_a_page_of_its_documents(built: Path):
    page = Page(built / "documents/index.html")
    issuers = {h for h in page.hrefs if h.startswith("issuers/")}
    assert len(issuers) == 2
    for href in issuers:
        assert local(built, built / "documents/index.html", href).is_file()
    ndrc = (built / "documents/issuers/guo-jia-fa-zhan-gai-ge-wei/index.html").read_text("utf-8")
    assert "加快构建碳排放双控制度体系工作方案" in ndrc and "国办发〔2024〕33号" not in ndrc


def test_an_article_cites_its_documents_after_gb_t_7714_and_links_the_register(built: Path):
    path = built / Q3 / "policy/procurement-footprint/index.html"
    text = path.read_text("utf-8")
    assert ("国务院办公厅. 关于印发《政府采购领域三年行动方案》的通知: 国办发〔2024〕33号[EB/OL]. "
            '(2024-04-01)[2024-07-04]. <a href="https://www.gov.cn/zhengce/content/6961215.htm" rel="noopener">'
            "https://www.gov.cn/zhengce/content/6961215.htm</a>.") in text
    assert "国务院办公厅, 国家发展改革委. 加快构建碳排放双控制度体系工作方案[Z]. 2024-07-01." in text
    entries = [h for h in Page(path).hrefs if h.startswith("../../../../documents/") and "#" in h]
    assert len(entries) == 2
    for href in entries:
        target, anchor = local(built, path, href), href.split("#")[1]
        assert anchor in Page(target).ids


# ---- authors ----------------------------------------------------------------------------------

def test_an_author_of_authors_yml_has_a_page_linked_from_every_byline(built: Path):
    essay = built / Q2 / "essays/essay-one/index.html"
    text = essay.read_text("utf-8")
    assert '<a href="../../../../authors/zhang-san/index.html" rel="author">张三</a>' in text
    assert '<span class="author-title">项目经理</span>' in text   # authors.yml's title
    author = (built / "authors/zhang-san/index.html").read_text("utf-8")
    assert "试论试点碳市场" in author and "研究试点碳市场。" in author and "项目经理" in author
    assert (built / "authors/zhang-san/photo.png").read_bytes() == (FIXTURE_SITE / Q2 / "images/dot.png").read_bytes()
    section = (built / "sections/essays/index.html").read_text("utf-8")
    assert '<a href="../../authors/zhang-san/index.html">张三</a>' in section
    assert "zhang-san" not in Page(essay).one("og:title")


# ---- long lists -------------------------------------------------------------------------------

@pytest.mark.parametrize("first, count", [("sections/policy/index.html", 15), ("tags/tan-zu-ji/index.html", 14)])
def test_a_long_list_in_pages_each_article_once(built: Path, first: str, count: int):
    folder = (built / first).parent
    paths = [built / first, *sorted((folder / "page").glob("*/index.html"))]
    assert len(paths) == 3
    seen, descriptions = [], set()
    for n, path in enumerate(paths, 1):
        page = Page(path)
        articles = [h for h in page.hrefs if re.search(r"issues/2024-q\d/\w+/[\w-]+/index.html$", h)]
        assert 1 <= len(set(articles)) <= 5
        seen += [local(built, path, h) for h in dict.fromkeys(articles)]
        assert ("prev" in page.links) == (n > 1) and ("next" in page.links) == (n < 3)
        pages_and_first = (h for h in page.hrefs if "/page/" in h or h.endswith(first.split("/")[-1]))
        for href in [*page.links.values(), *pages_and_first]:
            assert local(built, path, href).is_file() or href.startswith("http"), href
        descriptions.add(page.one("description"))
    assert len(seen) == len(set(seen)) == count
    assert len(descriptions) == 3


def test_the_page_numbers_a_reader_clicks(built: Path):
    text = (built / "sections/policy/page/2/index.html").read_text("utf-8")
    assert '<a aria-current="page" href="index.html">2</a>' in text
    assert '<a href="../../index.html">1</a>' in text and '<a href="../3/index.html">3</a>' in text
    assert '<link rel="prev" href="../../index.html">' in text


# ---- Open Graph, cards and structured data on every page --------------------------------------

def test_every_page_has_its_open_graph_card_and_valid_structured_data(built: Path):
    kinds: dict[str, int] = {}
    for path in pages(built):
        page = Page(path)
        rel = path.relative_to(built).as_posix()
        url = page.one("og:url")
        assert url == page.links["canonical"] == BASE + rel.removesuffix("index.html"), rel
        is_article = re.match(r"issues/[^/]+/[^/]+/[^/]+/index.html", rel)
        assert page.one("og:type") == ("article" if is_article else "website")
        assert page.one("og:title") and page.one("og:description") == page.one("description")
        assert page.one("og:locale") == "zh_CN" and page.one("twitter:card") == "summary_large_image"
        image = page.one("og:image")
        assert image.startswith(BASE) and image.endswith(".png")
        assert png_size((built / image.removeprefix(BASE)).read_bytes()) == (1200, 630)
        [ld] = page.ld
        data = json.loads(ld)
        assert data["@context"] == "https://schema.org" and data["url"] == url
        assert problems(data) == [], rel
        kinds[data["@type"]] = kinds.get(data["@type"], 0) + 1
    assert set(kinds) == {"NewsArticle", "PublicationIssue", "WebSite", "AboutPage", "CollectionPage",
                          "SearchResultsPage", "ProfilePage"}, kinds


def test_an_articles_data_names_its_issue_author_and_documents(built: Path):
    [ld] = Page(built / Q2 / "essays/essay-one/index.html").ld
    data = json.loads(ld)
    assert data["headline"] == "试论试点碳市场" and data["datePublished"] == "2024-07-15"
    assert data["author"] == [{"@type": "Person", "name": "张三", "jobTitle": "项目经理",
                               "url": BASE + "authors/zhang-san/"}]
    assert data["isPartOf"]["@type"] == "PublicationIssue" and data["isPartOf"]["url"] == BASE + Q2 + "/"
    assert data["isPartOf"]["isPartOf"]["name"] == "碳桥"
    [brief] = Page(built / Q3 / "policy/procurement-footprint/index.html").ld
    cited = json.loads(brief)["citation"]
    assert cited[0]["identifier"] == "国办发〔2024〕33号" and cited[0]["datePublished"] == "2024-04-01"
    assert cited[1]["author"] == [{"@type": "GovernmentOrganization", "name": "国务院办公厅"},
                                  {"@type": "GovernmentOrganization", "name": "国家发展改革委"}]


def test_hostile_text_cannot_close_the_structured_data(tmp_path: Path):
    content = write_site(tmp_path)
    brief = content / Q3 / "policy/2024-07-11-brief-1.md"
    brief.write_text(brief.read_text("utf-8").replace("title: 第1条简讯",
                                                      "title: '</script><script>alert(1)</script>'"), "utf-8")
    done = run_cli("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [ld] = Page(tmp_path / "out" / Q3 / "policy/brief-1/index.html").ld
    assert "<" not in ld and json.loads(ld)["headline"] == "</script><script>alert(1)</script>"


@pytest.mark.slow
def test_the_same_content_draws_the_same_cards(built: Path, tmp_path: Path):
    """Another process, another folder, another cache: the cards are drawn again, byte for byte the same."""
    write_site(tmp_path)
    done = run_bulletin("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    cards = sorted(p.relative_to(built) for p in built.rglob("card.png"))
    assert len(cards) == 2 + 17 + 1
    assert all((tmp_path / "out" / c).read_bytes() == (built / c).read_bytes() for c in cards)


@pytest.mark.slow
def test_the_home_page_shows_the_latest_issue_then_the_others_by_year(tmp_path: Path):
    content = write_site(tmp_path)
    older = (("2023-q4", "2023-12-20"), ("2023-q3", "2023-09-20"), ("2022-q4", "2022-12-20"))
    for n, (issue, date) in enumerate(older):
        (content / f"issues/{issue}/policy").mkdir(parents=True)
        (content / f"issues/{issue}/issue.yml").write_text(f"title: 第{n}期\ndate: {date}\n", "utf-8")
        (content / f"issues/{issue}/policy/{date}-old.md").write_text(
            f"---\ntitle: 旧简讯{n}\ndate: {date}\nsource: 国务院\n---\n正文。\n", "utf-8")
    done = run_cli("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    home = (tmp_path / "out/index.html").read_text("utf-8")
    archive = home[home.index('class="archive"'):]
    years = re.findall(r'<h3 class="archive-year">(\d{4})年</h3>', archive)
    assert years == ["2024", "2023", "2022"]
    links = re.findall(r'href="issues/([\w-]+)/index.html"', archive)
    assert links == ["2024-q2", "2023-q4", "2023-q3", "2022-q4"]     # the latest leads the page, not the archive
    assert "issues/2024-q3/index.html" in home[:home.index('class="archive"')]
