"""What the PDF prints, prepared without WeasyPrint: page geometry and the gate every
fetched file passes (bodies in the print flavor: tests/markdown/test_flavors.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.settings import PdfOptions
from generator.errors import Report, display_path
from generator.pdf.document import Gate, Refused, brief_gap, page_css

SITE = "https://example.org/b/"


def test_text_block_is_a_whole_number_of_characters_wide():
    css = page_css(PdfOptions())
    assert css.startswith("@page { size: A4; margin-left: ")
    side = float(css.split("margin-left: ")[1].split("mm")[0])
    em = 10.5 * 25.4 / 72
    chars = (210 - 2 * side) / em
    assert chars == pytest.approx(round(chars), abs=1e-3) and 40 <= round(chars) <= 45
    assert "bleed" not in css


@pytest.mark.parametrize("chars", [30, 41, 44])
def test_two_columns_of_briefs_are_each_a_whole_number_of_characters_wide(chars: int):
    gap = brief_gap(chars)
    column = (chars * 10.5 - gap) / 2
    assert column / 10 == pytest.approx(round(column / 10)) and 16 <= gap < 36
    assert f"column-gap: {brief_gap(44)}pt" in page_css(PdfOptions())   # A4: 44 characters of 10.5 pt


def test_bleed_adds_crop_marks():
    assert "bleed: 3mm; marks: crop" in page_css(PdfOptions(paper="A5", bleed="3mm"))


def test_without_a_bleed_in_site_yml_the_theme_decides_and_0mm_turns_it_off():
    assert "bleed" not in page_css(PdfOptions()) and "marks" not in page_css(PdfOptions())   # print.css's
    assert "bleed: 0mm; marks: none" in page_css(PdfOptions(bleed="0mm"))


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


BAD_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize("how", ["asset", "issue-file", "file-url"])
def test_gate_refuses_a_content_svg_that_could_run_or_fetch_and_blames_who_asked(gate, how: str):
    """Every road a content SVG takes into the PDF passes the check the site's images pass:
    WeasyPrint would otherwise fetch what the SVG names, and the refusal of that fetch named
    the stylesheet (no one asked for it by name)."""
    g, report, root = gate
    svg = root / "content/issues/q/images/bad.svg"
    svg.write_bytes(BAD_SVG)
    if how == "asset":
        g.assets = {"issues/q/cover.svg": svg}
    url = {"asset": SITE + "issues/q/cover.svg", "issue-file": SITE + "issues/q/images/bad.svg",
           "file-url": svg.as_uri()}[how]
    g.origins[url] = root / "content/issues/q/issue.yml"
    with pytest.raises(Refused):
        g.read(url)
    [problem] = report.problems
    assert problem.path == display_path(root / "content/issues/q/issue.yml")
    assert "<script>" in problem.message and "print.css" not in str(problem)


def test_gate_serves_theme_and_build_svgs_unchecked(gate):
    """The build's charts and the theme's files are not content: no parse of each chart."""
    g, report, root = gate
    (root / "theme/logo.svg").write_bytes(BAD_SVG)
    assert g.read((root / "theme/logo.svg").as_uri()) == BAD_SVG
    assert not report.problems
