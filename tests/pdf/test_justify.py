"""pdf/justify.py: justified Chinese lines reach the measure on paper, digits and Latin in them
or not (WeasyPrint alone justifies at spaces only). Read back with bench/pdf_readback.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.pdf_readback import measure
from generator.pdf.justify import inter_character, spaced_characters

SENTENCES = ["2024年第三季度，全国碳市场碳排放配额（CEA）共成交1,718.83万吨，成交额158,063.23万元。",
             "碳标签（Carbon Labelling）向消费者标示产品全生命周期的温室气体排放量，",
             "季末收于<span class='nw'>99.48元/吨</span>，同比上涨31%，环比上涨10%；",
             "ISO 14067为主要参考，并补充了编制参考框架和数据地理边界信息。"]
PAGE = """<html lang="zh-CN"><style>@page {{ size: A5; margin: 20mm 18mm }}
body {{ font: 10.5pt/1.8 "Noto Serif CJK SC"; text-align: justify }} p {{ margin: 0; text-indent: 2em }}
.nw {{ white-space: nowrap }}</style><body>{}</body></html>"""


def test_each_cjk_character_inside_a_run_takes_space_digits_and_latin_none():
    assert spaced_characters("年第三季度") == [1, 2, 3]
    assert spaced_characters("共成交1,718.83万吨") == [1, 2, 11]
    assert spaced_characters("Carbon Labelling") == []
    assert spaced_characters("中") == []


def test_the_hook_says_it_is_in_and_leaves_weasyprint_as_it_was():
    from weasyprint import draw
    from weasyprint.layout import inline
    from weasyprint.text import line_break
    count, set_text, draw_text = inline.count_expandable_spaces, line_break.Layout.set_text, draw.draw_text
    with inter_character() as installed:
        assert installed and inline.count_expandable_spaces is not count and line_break.Layout.set_text is not set_text
        assert draw.draw_text is not draw_text
    assert inline.count_expandable_spaces is count and line_break.Layout.set_text is set_text
    assert draw.draw_text is draw_text


def test_a_weasyprint_that_moved_its_functions_is_reported_not_hooked(monkeypatch: pytest.MonkeyPatch):
    """An upgrade that moves what the hook replaces: lines would end ragged, and the hook says
    so instead of failing the build (the test above then fails)."""
    from weasyprint.layout import inline
    monkeypatch.delattr(inline, "count_expandable_spaces")
    with inter_character() as installed:
        assert not installed


@pytest.mark.slow
def test_justified_lines_with_digits_and_latin_reach_the_measure(tmp_path: Path):
    import weasyprint
    html = PAGE.format("".join(f"<p>{''.join(SENTENCES * 2)}</p>" for _ in range(5)))
    ragged, flush = tmp_path / "ragged.pdf", tmp_path / "flush.pdf"
    weasyprint.HTML(string=html).write_pdf(ragged)
    with inter_character() as installed:
        weasyprint.HTML(string=html).write_pdf(flush)
    assert installed
    assert len(measure(ragged).short_lines) > 10      # what WeasyPrint does alone
    found = measure(flush)
    assert found.short_lines == [] and found.stretched_spaces == []
    from pypdf import PdfReader
    text = "".join(page.extract_text() for page in PdfReader(flush).pages).replace("\n", "")
    assert "共成交1,718.83万吨" in text and "Carbon Labelling" in text


@pytest.mark.slow
def test_a_line_spaced_loose_copies_out_as_written(tmp_path: Path):
    """A 15-character column and numbers kept with their units: some lines are spaced a tenth
    of an em and more, which poppler (and so pdftotext, evince, okular) read as a space between
    every two characters. Each such run carries its text as ActualText."""
    import subprocess

    import weasyprint
    words = "近零碳工厂试点建设三年行动方案，共成交<span class='nw'>1,718.83万吨</span>，"
    html = PAGE.format(f"<p style='width: 15em'>{words * 6}</p>")
    pdf = tmp_path / "loose.pdf"
    with inter_character():
        weasyprint.HTML(string=html).write_pdf(pdf)
    found = measure(pdf)
    assert found.short_lines == [] and found.loose_lines == [], found.loose_lines
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.replace("\n", "").count("近零碳工厂试点建设三年行动方案，共成交1,718.83万吨，") == 6
