"""Inter-character justification for the PDF (clreq 3.2: a justified Chinese line reaches the
measure by spacing its characters, not its few word spaces).

WeasyPrint 70 justifies only at spaces (U+0020, U+00A0; `text-justify` is not supported, and
its maintainers say so: Kozea/WeasyPrint#2269). A Chinese line has none: a text block an exact
number of em wide (`document.page_css`) ends plain Chinese lines flush, but a line with digits
or Latin in it (`2024年`, `CCER`), whose widths are no whole number of em, or one that stops
before a number kept with its unit, ended up to 26 pt short, and the one space of a line with
an English name in it was stretched by all of it ("Carbon␣␣␣Labelling").

While an issue's PDF is laid out and drawn, `inter_character()` widens WeasyPrint's own
justification: besides the spaces, every CJK character inside a run of text (not the run's
first or last: Pango gives only half a spacing there) is a place to add space, so the extra
width of a line is shared out between its characters. WeasyPrint counts the places
(`layout.inline.count_expandable_spaces`) and sets the spacing with Pango's letter-spacing
attribute on those characters (`text.line_break.Layout.set_text`): glyphs are placed further
apart, the text itself is unchanged. Digits and Latin letters get no spacing (a number and a
word stay as set).

Readers rebuild words from where glyphs stand: poppler starts a new word at a gap of a tenth
of an em, so a line spaced that much copied out as `成 交 价` (27 lines of the sample issue).
Each run of text spaced `LOOSE_EM` or more is drawn inside a marked-content span carrying its
text as ActualText (`draw.draw_text`), which copy, search and screen readers use instead.

If WeasyPrint's functions are not where this expects them, nothing is changed and lines end
as before; `inter_character()` says so.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from generator.cjk import is_cjk

LOOSE_EM = 0.05   # characters this far apart (half poppler's word break) carry ActualText


def spaced_characters(text: str) -> list[int]:
    """Indexes of the characters of a run of text that take justification space: each CJK
    character but the run's first and last."""
    return [i for i in range(1, len(text) - 1) if is_cjk(text[i])]


@contextmanager
def inter_character() -> Iterator[bool]:
    """WeasyPrint justifies Chinese lines between characters while this is open (one layout at
    a time: the build prints its PDFs one after another). Yields whether the hook is in:
    False when WeasyPrint's functions are not where this expects them (lines end ragged;
    tests/pdf/test_justify.py fails on it)."""
    hooks = _hooks()
    if hooks is None:
        yield False
        return
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in hooks]
    for owner, name, replacement in hooks:
        setattr(owner, name, replacement)
    try:
        yield True
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def _hooks() -> list[tuple[Any, str, Callable]] | None:
    """The WeasyPrint functions this replaces, each with its replacement; None when one of them
    is not where this expects it."""
    try:
        import pydyf
        from weasyprint import draw
        from weasyprint.layout import inline
        from weasyprint.text import line_break
        from weasyprint.text.ffi import ffi, pango
    except ImportError:
        return None
    count, set_text = getattr(inline, "count_expandable_spaces", None), getattr(line_break.Layout, "set_text", None)
    draw_text = getattr(draw, "draw_text", None)
    if count is None or set_text is None or draw_text is None or not hasattr(inline, "justify_line"):
        return None

    def count_places(box):
        spaces = count(box)
        text = getattr(box, "text", None)
        if not isinstance(text, str) or _kept_whole(getattr(box, "style", None)):
            return spaces
        return spaces + len(spaced_characters(text))

    def set_spaced_text(self, text, justify=False):
        set_text(self, text, justify)
        if justify and getattr(self, "justification_spacing", 0) and not _kept_whole(self.style):
            _space_characters(self, ffi, pango)

    def draw_with_actual_text(stream, textbox, *args, **kwargs):
        loose = _reads_back_spaced(textbox)
        if loose:
            stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(textbox.text)}))
        try:
            return draw_text(stream, textbox, *args, **kwargs)
        finally:
            if loose:
                stream.end_marked_content()

    return [(inline, "count_expandable_spaces", count_places), (line_break.Layout, "set_text", set_spaced_text),
            (draw, "draw_text", draw_with_actual_text)]


def _reads_back_spaced(box) -> bool:
    """Text whose characters stand `LOOSE_EM` apart or more: justified between characters here,
    or letter-spaced by the theme (the cover's 环保桥季刊). A reader's copy would cut it into
    characters (`成 交 价`: poppler breaks a word at a tenth of an em), so it carries its own
    text as ActualText, which copy, search and screen readers use instead."""
    try:
        style, text = box.style, box.text
        letter = 0 if style["letter_spacing"] == "normal" else style["letter_spacing"]
        ours = 0 if _kept_whole(style) or not spaced_characters(text) else getattr(box, "justification_spacing", 0)
        return bool(text.strip()) and letter + ours >= LOOSE_EM * style["font_size"]
    except (AttributeError, KeyError, TypeError):
        return False


def _kept_whole(style) -> bool:
    """A number with its unit (`nowrap`, typeset.py): set as one word, unspaced, so that
    it also reads back from the PDF as one (`1,718.83万吨`, not `1,718.83 万 吨`)."""
    try:
        return style is not None and style["white_space"] in ("nowrap", "pre")
    except (KeyError, TypeError):
        return False


def _space_characters(layout, ffi, pango) -> None:
    """Pango letter-spacing on each spaced character: half before it, half after it."""
    text = layout.text
    places = spaced_characters(text)
    if not places:
        return
    attrs = pango.pango_layout_get_attributes(layout.layout)
    if attrs == ffi.NULL:
        attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    spacing = int(layout.justification_spacing * 1024)   # Pango units
    offsets = _byte_offsets(text)
    for i in places:
        attr = pango.pango_attr_letter_spacing_new(spacing)
        attr.start_index, attr.end_index = offsets[i], offsets[i + 1]
        pango.pango_attr_list_change(attrs, attr)
    pango.pango_layout_set_attributes(layout.layout, attrs)


def _byte_offsets(text: str) -> list[int]:
    """Where each character starts in the UTF-8 text Pango holds, and where the text ends."""
    offsets = [0]
    for ch in text:
        offsets.append(offsets[-1] + len(ch.encode("utf-8")))
    return offsets
