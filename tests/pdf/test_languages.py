"""One PDF per issue and language that has an article in it, read back with pypdf: its own
cover, contents, running heads, metadata language and embedded fonts."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import FIXTURE_SITE, make_bilingual, run_cli

ZH, EN = "issues/2024-q3/tan-qiao-2024-q3.pdf", "en/issues/2024-q3/carbon-bridge-2024-q3.en.pdf"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bilingual-pdf")
    content = make_bilingual(Path(shutil.copytree(FIXTURE_SITE, root / "content")))
    done = run_cli("build", "--content", str(content), "--out", str(root / "out"), "--no-search")
    assert done.returncode == 0, done.stderr
    return root / "out"


@pytest.mark.slow
def test_each_language_with_articles_has_its_pdf_linked_from_its_issue(built: Path):
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("*.pdf")) == [
        EN, "issues/2024-q2/tan-qiao-2024-q2.pdf", ZH]     # 2024-q2 has no English article: no PDF
    assert 'href="carbon-bridge-2024-q3.en.pdf"' in (built / "en/issues/2024-q3/index.html").read_text("utf-8")
    assert "pdf-link" not in (built / "en/issues/2024-q2/index.html").read_text("utf-8")


@pytest.mark.slow
def test_the_english_pdf_is_english_throughout(built: Path):
    reader = PdfReader(built / EN)
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert (reader.metadata.title, reader.metadata.subject) == ("Carbon Bridge 2024 Q3",
                                                                "Carbon Bridge · A test quarterly · 2024 Q3")
    pages = [page.extract_text() for page in reader.pages]
    assert "In this issue" in pages[0] and "A first point" in pages[0] and "15 October 2024" in pages[0]
    assert pages[1].startswith("Contents")
    body = "\n".join(pages[2:-1])
    # briefs are set in two columns (issue 23): a title may take two lines
    assert "Carbon footprints to enter government procurement" in " ".join(body.split()) and "全国碳市场" not in body
    assert "Carbon Bridge\u30002024 Q3" in body           # the running foot
    assert "About" in pages[-1] and "A test publication" in pages[-1]
    chinese = PdfReader(built / ZH)
    assert chinese.trailer["/Root"]["/Lang"] == "zh-CN" and chinese.metadata.title == "碳桥 2024年第三季度"
    assert "Carbon footprints" not in "\n".join(page.extract_text() for page in chinese.pages)


@pytest.mark.slow
def test_the_english_pdf_embeds_its_fonts(built: Path):
    names = set()
    for page in PdfReader(built / EN).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            names.add(str(font["/BaseFont"]))
    assert names and all(re.match(r"/[A-Z]{6}\+", n) for n in names)     # subsets, embedded


def _letter_spacing(html: str) -> dict[str, object]:
    """Each element's computed letter-spacing in WeasyPrint, laid out with the default theme's print.css."""
    from weasyprint import CSS, HTML

    from generator.content.config import DEFAULT_THEME
    doc = HTML(string=html).render(stylesheets=[CSS(filename=str(DEFAULT_THEME / "print" / "print.css"))])
    found: dict[str, object] = {}

    def walk(box) -> None:
        cls = box.element.get("class") if getattr(box, "element", None) is not None else None
        if cls and cls not in found:
            found[cls] = box.style["letter_spacing"]
        for child in getattr(box, "children", ()):
            walk(child)
    for page in doc.pages:
        walk(page._page_box)
    return found


@pytest.mark.slow
def test_latin_titles_in_print_are_never_letter_spaced_and_chinese_ones_are():
    """Issue 23: the English cover printed "C a r b o n  B r i d g e" and the section heads
    "I n t e r n a t i o n a l"; Chinese titles keep their tracking."""
    classes = ("cover-title", "cover-subtitle", "cover-highlights-title", "section-title", "abstract-title")
    body = "".join(f'<p class="{c}">Carbon Bridge</p>' for c in classes)
    english = _letter_spacing(f'<html lang="en"><body>{body}</body></html>')
    chinese = _letter_spacing(f'<html lang="zh-CN"><body>{body.replace("Carbon Bridge", "碳桥")}</body></html>')
    assert all(english[c] == "normal" for c in classes), english
    assert all(chinese[c] != "normal" for c in classes), chinese
