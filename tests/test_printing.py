"""What the PDF prints, prepared without WeasyPrint: page geometry, bodies made
fit for one document, page footnotes, and the gate every fetched file passes."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Report, display_path
from generator.content.model import PdfOptions
from generator.pdf.document import Gate, Refused, page_css, page_footnotes, prepare_body

SITE = "https://example.org/b/"


def test_text_block_is_a_whole_number_of_characters_wide():
    css = page_css(PdfOptions())
    assert css.startswith("@page { size: A4; margin-left: ")
    side = float(css.split("margin-left: ")[1].split("mm")[0])
    em = 10.5 * 25.4 / 72
    chars = (210 - 2 * side) / em
    assert chars == pytest.approx(round(chars), abs=1e-3) and 40 <= round(chars) <= 45
    assert "bleed" not in css


def test_bleed_adds_crop_marks():
    assert "bleed: 3mm; marks: crop" in page_css(PdfOptions(paper="A5", bleed="3mm"))


def test_bodies_get_absolute_urls_and_prefixed_ids(tmp_path: Path):
    origins: dict[str, Path] = {}
    html = ('<h2 id="一、背景">x</h2><a href="#一、背景">y</a><a href="../other/">z</a>'
            '<img src="chart-1.svg" alt="">')
    out = prepare_body(html, SITE + "issues/q/market/a/", "art-a-", origins, tmp_path / "a.md")
    assert 'id="art-a-一、背景"' in out and 'href="#art-a-一、背景"' in out
    assert f'href="{SITE}issues/q/market/other/"' in out
    assert f'src="{SITE}issues/q/market/a/chart-1.svg"' in out
    assert origins == {SITE + "issues/q/market/a/chart-1.svg": tmp_path / "a.md"}


def test_endnotes_become_page_footnotes_where_they_are_called():
    html = ('<p>正文<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>，再引'
            '<sup class="footnote-ref"><a href="#fn1" id="fnref1:1">[1]</a></sup>。</p>\n'
            '<hr class="footnotes-sep" />\n<section class="footnotes">\n<ol class="footnotes-list">\n'
            '<li id="fn1" class="footnote-item"><p>来源 <a href="https://e.org">e</a> '
            '<a href="#fnref1" class="footnote-backref">↩︎</a></p>\n</li>\n</ol>\n</section>\n')
    out = page_footnotes(html)
    assert out == ('<p>正<span class="footnote-glue">文<span class="footnote" id="fn1">来源 '
                   '<a href="https://e.org">e</a></span>，</span>再<span class="footnote-glue">引'
                   '<sup class="footnote-again">1</sup>。</span></p>\n')


@pytest.fixture()
def gate(tmp_path: Path) -> tuple[Gate, Report, Path]:
    content, theme = tmp_path / "content", tmp_path / "theme"
    (content / "issues/q/images").mkdir(parents=True)
    (content / "issues/q/images/a.png").write_bytes(b"png")
    theme.mkdir()
    (theme / "logo.svg").write_bytes(b"<svg/>")
    (tmp_path / "secret.txt").write_text("no")
    report = Report()
    g = Gate(SITE, (content, theme), {"issues/q/m/a/chart-1.svg": b"<svg>chart</svg>"}, report,
             theme / "print.css")
    return g, report, tmp_path


def test_gate_serves_the_build_the_content_tree_and_the_theme(gate):
    g, report, root = gate
    assert g.read(SITE + "issues/q/m/a/chart-1.svg") == b"<svg>chart</svg>"
    assert g.read(SITE + "issues/q/images/a.png") == b"png"
    assert g.read((root / "theme/logo.svg").as_uri()) == b"<svg/>"
    assert not report.problems


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "https://example.com/x.png", "http://127.0.0.1:8000/", "ftp://e.org/x",
    "data-uri-is-not-a-url", "SECRET", SITE + "../secret.txt", SITE + "issues/q/images/missing.png",
])
def test_gate_refuses_everything_else_and_names_who_asked(gate, url: str):
    g, report, root = gate
    url = url.replace("SECRET", (root / "secret.txt").as_uri())
    g.origins[url] = root / "content/issues/q/m/a.md"
    with pytest.raises(Refused):
        g.read(url)
    [problem] = report.problems
    assert problem.path == display_path(root / "content/issues/q/m/a.md") and "PDF:" in problem.message
