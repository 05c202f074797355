"""Category labels under (or beside) the bars: how wide they are, where a long one breaks
onto two lines, and how many fit. No matplotlib here: sizes are estimated from the text."""
from __future__ import annotations

import math

from generator.cjk import NO_LINE_END, NO_LINE_START, width_em
from generator.figures.style import LABEL_PT


def text_pt(label: str, size: float = LABEL_PT) -> float:
    """CJK glyphs are 1 em wide, Latin ones about 0.55 em."""
    return width_em(label, narrow=0.55) * size


def width_pt(width_cm: float) -> float:
    return width_cm / 2.54 * 72


def axis_pt(width_cm: float) -> float:
    return width_pt(width_cm) * 0.88   # the axes take ~88% of the figure's width




def fitted_labels(categories: tuple[str, ...], width_cm: float, across: bool = False) -> tuple[str, ...]:
    """A label wider than its share of the axis (across: 40% of the width, beside its bar) goes on
    two lines, broken near its middle where Chinese may break (not inside a number or a Latin word):
    on the phone copy, three bars named 其他七个试点合计 would otherwise lose every other label."""
    slot = width_pt(width_cm) * 0.4 if across else axis_pt(width_cm) / max(1, len(categories))
    return tuple(_fit(c, slot) for c in categories)


def _fit(label: str, slot: float) -> str:
    if text_pt(label) + 12 <= slot:
        return label
    breaks = [i for i in range(1, len(label)) if not (label[i - 1].isascii() and label[i].isascii())
              and label[i - 1] not in NO_LINE_END and label[i] not in NO_LINE_START]
    if not breaks:
        return label
    outside = [b for b in breaks if _bracket_depth(label[:b]) == 0]   # not 其他（试 / 点）
    i = min(outside or breaks, key=lambda b: abs(b - len(label) / 2))
    return f"{label[:i]}\n{label[i:]}"


def _bracket_depth(text: str) -> int:
    return sum(text.count(o) - text.count(c) for o, c in ("（）", "()", "《》", "【】"))


def label_step(categories: tuple[str, ...], width_cm: float, count: int | None = None) -> int:
    """Label every k-th of `count` categories (default: all those given) so that these labels never
    touch (a year of daily dates stays legible)."""
    widest = max((max(map(text_pt, c.split("\n"))) + 12 for c in categories), default=1)
    fits = max(1, int(axis_pt(width_cm) // widest))
    return max(1, math.ceil((len(categories) if count is None else count) / fits))


def axis_ticks(categories: tuple[str, ...], width_cm: float, also: tuple[int, ...] = ()) -> dict[int, str]:
    """The categories named under the axis, fitted (`fitted_labels`): every k-th, k such that the
    widest of those named fits its share, and the called out ones (`also`). Only named labels are
    measured, so 200,000 rows cost a few dozen labels, not 200,000."""
    n = len(categories)
    slot = axis_pt(width_cm) / max(1, n)
    step = max(1, math.ceil(n / max(1, int(axis_pt(width_cm) // 12))))   # no label is narrower than 12 pt
    while True:
        named = {k: _fit(categories[k], slot) for k in range(0, n, step)}
        needed = label_step(tuple(named.values()), width_cm, n)
        if needed <= step:   # the first step whose own labels fit: as many labels as fit
            return dict(sorted({**named, **{k: _fit(categories[k], slot) for k in also}}.items()))
        step = needed


def legend_columns(handles: list, width_cm: float) -> int:
    """As many legend entries a row as fit the width (at most 5): the narrow copy wraps."""
    widest = max(text_pt(h.get_label(), LABEL_PT - 0.5) + 30 for h in handles)   # + the swatch and the gap
    return max(1, min(len(handles), 5, int(width_pt(width_cm) // widest)))
