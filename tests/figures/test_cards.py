"""Preview cards (figures/cards.py): Chinese set as clreq sets it, a headline that fits, the same
card the same bytes."""
from __future__ import annotations

import struct

from generator.figures.cards import SANS, CardSpec, _fit, _font, balanced, draw_card, units, wrap

FONT = _font(SANS, 64)


def test_a_unit_keeps_closing_marks_after_and_opening_marks_before_it():
    assert units("碳市场（试点）。") == ["碳", "市", "场", "（试", "点）。"]
    assert units("《方案》印发") == ["《方", "案》", "印", "发"]
    assert units("CBAM 过渡期") == ["CBAM", " ", "过", "渡", "期"]   # a Latin word is one unit


def test_no_line_starts_with_closing_punctuation_or_ends_with_an_opening_one():
    title = "关于印发《政府采购领域“整顿市场秩序、建设法规体系、促进产业发展”三年行动方案（2024—2026年）》的通知"
    for width in range(300, 1060, 37):
        lines = wrap(title, FONT, width)
        assert "".join(lines) == title
        assert not any(line[0] in "。，、）》”" for line in lines[1:]), lines
        assert not any(line[-1] in "（《“" for line in lines), lines
        assert all(FONT.getlength(line) <= width for line in lines if len(line) > 1), lines


def test_balanced_lines_are_as_even_as_their_count_allows():
    lines = balanced("碳足迹管理将适时纳入政府采购需求标准", FONT, 1056, 2)
    assert lines == ["碳足迹管理将适时纳", "入政府采购需求标准"]


def test_a_line_too_long_is_cut_with_an_ellipsis():
    cut = _fit("全国碳市场发展背景下的试点碳市场发展趋势" * 3, FONT, 600)
    assert cut.endswith("…") and FONT.getlength(cut) <= 600


def test_a_card_is_a_1200_by_630_png_and_the_same_card_the_same_bytes():
    spec = CardSpec("碳桥", "环保桥季刊", "2024年第三季度", "国家政策", "碳足迹管理将适时纳入政府采购需求标准",
                    footer="2024年7月4日 · 来源：国务院", address="example.org/tanqiao")
    data = draw_card(spec)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1200, 630)
    assert draw_card(spec) == data   # drawn again (imported before conftest keeps drawings for the session)
    other = draw_card(CardSpec(**{**spec.__dict__, "title": "另一个标题"}))
    assert other != data
