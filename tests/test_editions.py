"""The email edition of each issue and the WeChat edition of each article, built for real:
what they hold, their limits (102 KB, no SVG, whole https:// URLs), the message parsed back
with Python's email package, drafts, English, and the incremental rule."""
from __future__ import annotations

import email
import re
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.site.editions import EMAIL_LIMIT
from tests.conftest import SAMPLE, run_cli

BASE = "https://tanqiao.climatebridge.com/"     # a published address: the editions are made
EMAIL_BLOCK = ('email: {from: "碳桥 <bulletin@tanqiao.org>", reply_to: editor@tanqiao.org, '
               'unsubscribe: "{{ UnsubscribeURL }}"}\n')


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <style> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)
            self._in_style = False


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def build(content: Path, out: Path, *args: str) -> str:
    done = run_cli("build", "--content", str(content), "--out", str(out), "--no-search", *args)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture()
def mail_site(site_copy: Path) -> Path:
    """The fixture site with an email: block."""
    yml = site_copy / "site.yml"
    yml.write_text(yml.read_text("utf-8") + EMAIL_BLOCK, "utf-8")
    return site_copy


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory) -> Path:
    """The sample issue with its PDF (the email's button) at a published address."""
    out = tmp_path_factory.mktemp("editions") / "out"
    summary = build(SAMPLE, out, "--base-url", BASE)
    assert re.search(r"; email \d+\.\d KB of 102 KB", summary), summary
    return out


# --- the email edition -------------------------------------------------------------------------

@pytest.mark.slow
def test_the_sample_issue_email_is_under_gmails_limit_and_holds_the_whole_issue(sample_build: Path):
    raw = (sample_build / "issues/2024-q3/email.html").read_bytes()
    assert len(raw) <= EMAIL_LIMIT, f"{len(raw)} bytes"
    html = raw.decode()
    found = elements(html)
    assert found.tags[0] == ("html", {"lang": "zh-CN"})
    assert 'class="preheader"' in html and "全国碳市场发展背景下的试点碳市场发展趋势" in html
    for word in ("本期观点", "引言", "市场速览", "国家政策", "环保桥观察", "作者", "下载本期 PDF", "退订"):
        assert word in html, word
    links = [a["href"] for tag, a in found.tags if tag == "a"]
    articles = sorted(p.parent.relative_to(sample_build).as_posix()
                      for p in sample_build.glob("issues/2024-q3/*/*/index.html"))
    assert {BASE + a + "/" for a in articles} <= set(links)             # every article, linked to its page
    assert BASE + "issues/2024-q3/" in links and any(h.endswith(".pdf") for h in links)
    assert "{{ UnsubscribeURL }}" in links                              # the service's placeholder, untouched
    for href in links:
        assert href.startswith(("https://", "mailto:")) or href == "{{ UnsubscribeURL }}", href
    images = [a for tag, a in found.tags if tag == "img"]
    assert images, "the market snapshot shows at least one chart"
    for img in images:
        assert img["src"].startswith(BASE) and img["src"].endswith(".png") and img["alt"], img
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        assert (sample_build / img["src"][len(BASE):]).read_bytes()[:4] == b"\x89PNG"
    assert ".svg" not in html and "<svg" not in html
    # CSS inlined: one <style> is left, with the media queries only (phone width, dark mode)
    assert [s.strip()[:6] for s in found.styles if not s.strip().startswith("td {")] == ["@media"]
    assert all(s.count("@media") == 2 for s in found.styles if s.strip().startswith("@media"))
    assert all("style" in a for tag, a in found.tags if tag in ("p", "h1", "h2", "td", "ul"))


@pytest.mark.slow
def test_the_text_part_is_written_for_plain_text_readers(sample_build: Path):
    text = (sample_build / "issues/2024-q3/email.txt").read_text("utf-8")
    assert "\n\n\n" not in text and not any(line != line.rstrip() for line in text.splitlines())
    assert "<" not in text.replace("<https", "") and "&amp;" not in text and "**" not in text
    assert text.startswith("碳桥 · 环保桥季刊\n\n2024年第三季度 · 2024年10月15日\n在浏览器中查看：" + BASE)
    assert "\n本期观点\n====" in text and "\n引言\n====" in text and "\n国家政策\n====" in text
    for page in sample_build.glob("issues/2024-q3/*/*/index.html"):
        assert BASE + page.parent.relative_to(sample_build).as_posix() + "/\n" in text
    assert "退订：{{ UnsubscribeURL }}" in text


@pytest.mark.slow
def test_the_message_parses_back_with_both_parts_and_its_headers(sample_build: Path):
    raw = (sample_build / "issues/2024-q3/email.eml").read_bytes()
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative" and not msg.defects
    text, html = msg.iter_parts()
    assert (text.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert text.get_content_charset() == html.get_content_charset() == "utf-8"
    def same(part, name: str) -> bool:   # the message's lines end in CRLF, as SMTP's do
        made = (sample_build / "issues/2024-q3" / name).read_text("utf-8")
        return part.get_content().replace("\r\n", "\n").rstrip("\n") == made.rstrip("\n")
    assert same(html, "email.html") and same(text, "email.txt")
    assert str(msg["Subject"]) == "碳桥 · 2024年第三季度"
    assert msg["Date"].datetime.isoformat() == "2024-10-15T12:00:00+08:00"
    assert str(msg["From"]) == "碳桥 <bulletin@example.org>"
    assert str(msg["List-Unsubscribe"]) == "<{{ UnsubscribeURL }}>"
    assert b"\r\n" in raw and max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_the_same_content_gives_the_same_message_byte_for_byte(mail_site: Path, tmp_path: Path):
    build(mail_site, tmp_path / "a", "--no-pdf", "--base-url", BASE)
    build(mail_site, tmp_path / "b", "--no-pdf", "--base-url", BASE)
    first, second = (tmp_path / d / "issues/2024-q3/email.eml" for d in "ab")
    assert first.read_bytes() == second.read_bytes()
    msg = email.message_from_bytes(first.read_bytes(), policy=policy.default)
    assert str(msg["Reply-To"]) == "editor@tanqiao.org"


def test_a_placeholder_address_makes_no_editions_and_says_why(mail_site: Path, tmp_path: Path):
    summary = build(mail_site, tmp_path / "out", "--no-pdf")   # site.yml: https://example.org/bulletin/
    assert not list((tmp_path / "out").rglob("email.*")) and not list((tmp_path / "out").rglob("wechat.html"))
    assert ("email and WeChat editions not made: base_url https://example.org/bulletin/ is a placeholder "
            "(example.org is no published address); set the published address as base_url in site.yml, "
            "or build with --base-url") in summary
    assert "微信版" not in (tmp_path / "out/issues/2024-q3/policy/procurement-footprint/index.html").read_text()
    summary = build(mail_site, tmp_path / "out", "--no-pdf", "--base-url", "http://tanqiao.org/")
    assert "is not an https:// address" in summary and not list((tmp_path / "out").rglob("email.*"))


def test_without_a_from_the_message_is_not_made_and_the_summary_says_so(site_copy: Path, tmp_path: Path):
    summary = build(site_copy, tmp_path / "out", "--no-pdf", "--base-url", BASE)
    issue = tmp_path / "out/issues/2024-q3"
    assert (issue / "email.html").is_file() and (issue / "email.txt").is_file() and not (issue / "email.eml").exists()
    assert "email.eml not made: site.yml has no email: {from: …}" in summary


def test_a_draft_issue_is_mailed_only_with_drafts_and_then_says_so(mail_site: Path, tmp_path: Path):
    yml = mail_site / "issues/2024-q3/issue.yml"
    yml.write_text(yml.read_text("utf-8") + "draft: true\n", "utf-8")
    build(mail_site, tmp_path / "out", "--no-pdf", "--base-url", BASE)
    assert not (tmp_path / "out/issues/2024-q3").exists() and (tmp_path / "out/issues/2024-q2/email.eml").is_file()
    build(mail_site, tmp_path / "drafts", "--no-pdf", "--base-url", BASE, "--drafts")
    msg = email.message_from_bytes((tmp_path / "drafts/issues/2024-q3/email.eml").read_bytes(), policy=policy.default)
    assert str(msg["Subject"]) == "[草稿] 碳桥 · 2024年第三季度"
    html = (tmp_path / "drafts/issues/2024-q3/email.html").read_text("utf-8")
    assert re.search(r'<div class="preheader"[^>]*>\[草稿\] ', html)
    q2 = email.message_from_bytes((tmp_path / "drafts/issues/2024-q2/email.eml").read_bytes(), policy=policy.default)
    assert str(q2["Subject"]) == "碳桥 · 2024年第二季度"


def test_an_english_issue_has_english_interface_words_in_both_editions(mail_site: Path, tmp_path: Path):
    yml = mail_site / "issues/2024-q2/issue.yml"
    yml.write_text(yml.read_text("utf-8") + "language: en\n", "utf-8")
    build(mail_site, tmp_path / "out", "--no-pdf", "--base-url", BASE)
    issue = tmp_path / "out/issues/2024-q2"
    html = (issue / "email.html").read_text("utf-8")
    assert '<html lang="en">' in html and "View in your browser" in html and "In this issue" in html
    assert "在浏览器中查看" not in html and "本期观点" not in html
    text = (issue / "email.txt").read_text("utf-8")
    assert "View in your browser: " in text and "Introduction\n====" in text
    wechat = (issue / "essays/essay-one/wechat.html").read_text("utf-8")
    assert "WeChat edition" in wechat and ">Copy</button>" in wechat and "Abstract" in wechat and "复制" not in wechat


def test_an_issue_over_the_limit_is_an_error_naming_what_to_trim(mail_site: Path, tmp_path: Path):
    for i in range(3):
        (mail_site / f"issues/2024-q3/policy/2024-07-0{i + 5}-long-{i}.md").write_text(
            f"---\ntitle: 长摘要{i}\ndate: 2024-07-0{i + 5}\nsource: 国务院\n"
            f"summary: {'很长的摘要。' * 3000}\n---\n正文。\n",
            "utf-8")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(mail_site), "--out", str(out), "--no-pdf", "--no-search",
                   "--base-url", BASE)
    assert done.returncode == 1 and not out.exists()
    [line] = [x for x in done.stderr.splitlines() if "email edition" in x]
    assert re.fullmatch(r".*content/issues/2024-q3/issue\.yml: the email edition \(issues/2024-q3/email\.html\) "
                        r"is \d+ KB, over the 102 KB Gmail shows before it cuts a message off; the largest parts: "
                        r"国家政策 \(4\) \d+ KB, .*Shorten summaries .*", line), line


# --- the WeChat edition ------------------------------------------------------------------------

def test_each_article_has_a_wechat_edition_linked_for_editors_and_left_out_of_the_sitemap(mail_site: Path,
                                                                                         tmp_path: Path):
    out = tmp_path / "out"
    build(mail_site, out, "--no-pdf", "--base-url", BASE)
    pages = sorted(out.glob("issues/*/*/*/index.html"))
    assert pages and all((p.parent / "wechat.html").is_file() for p in pages)
    article = (out / "issues/2024-q3/market/cea-quarter/index.html").read_text("utf-8")
    assert '<a href="wechat.html" rel="nofollow">微信版</a>' in article
    assert "wechat" not in (out / "sitemap.xml").read_text() and "email" not in (out / "sitemap.xml").read_text()
    wechat = (out / "issues/2024-q3/market/cea-quarter/wechat.html").read_text("utf-8")
    section = wechat[wechat.index('<section id="wechat"'):wechat.rindex("</section>")]
    assert "<style" not in wechat and "<a " not in section and ".svg" not in section
    assert f'src="{BASE}issues/2024-q3/market/cea-quarter/chart-1.png"' in section
    assert "data-pagefind-body" not in wechat   # Pagefind indexes the marked article pages only


def test_an_edit_renders_again_only_the_editions_that_show_it(mail_site: Path, tmp_path: Path):
    from generator.build import Options
    from generator.build import build as run_build
    opts = Options(content=mail_site, out=tmp_path / "out", base_url=BASE, pdf=False, search=False, jobs=1)
    first = run_build(opts)
    assert {"issues/2024-q3/email.eml", "issues/2024-q3/market/cea-quarter/wechat.html"} <= set(first.made)
    assert run_build(opts).unchanged
    # a body edit that keeps the article's summary: its page and WeChat edition, not the email
    article = mail_site / "issues/2024-q2/essays/2024-07-15-essay-one.md"
    article.write_text(article.read_text("utf-8") + "\n新加的一段。\n", "utf-8")
    made = set(run_build(opts).made)
    assert "issues/2024-q2/essays/essay-one/wechat.html" in made
    assert "issues/2024-q2/essays/essay-one/index.html" in made
    assert not any(p.startswith("issues/2024-q2/email") or p.startswith("issues/2024-q3/email") for p in made), made
    assert "issues/2024-q3/market/cea-quarter/wechat.html" not in made
    # a new highlight: the issue's email again
    yml = mail_site / "issues/2024-q2/issue.yml"
    yml.write_text(yml.read_text("utf-8").replace("第二季度观点一", "第二季度观点一（改）"), "utf-8")
    made = set(run_build(opts).made)
    assert {"issues/2024-q2/email.html", "issues/2024-q2/email.txt", "issues/2024-q2/email.eml"} <= made
