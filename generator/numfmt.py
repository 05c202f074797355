"""Numbers on charts, written the way the bulletin writes them.

Chinese (zh): thousands separators as in the seed text (1,718.83), and large
tonnes or yuan counted in 万 and 亿 (2,757,446 吨 → 275.7 万吨), the units a
Chinese reader expects. English: thousands separators only.
No matplotlib here, so the rules are testable and cheap to import.
"""
from __future__ import annotations

import math

_SCALABLE = ("吨", "元")   # base units that take 万/亿; 元/吨 (a price) never gets this large


def unit_scale(unit: str, largest: float, zh: bool) -> tuple[float, str]:
    """(divisor, unit as drawn) for values whose largest magnitude is `largest`."""
    if not zh or "/" in unit:
        return 1.0, unit
    if unit.startswith("万") and unit[1:].startswith(_SCALABLE) and largest >= 1e4:
        return 1e4, "亿" + unit[1:]
    if not unit.startswith(_SCALABLE):
        return 1.0, unit
    if largest >= 1e8:
        return 1e8, "亿" + unit
    if largest >= 1e5:   # below 10万 plain numbers read fine (95,000 吨)
        return 1e4, "万" + unit
    return 1.0, unit


def format_number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return "0" if text.lstrip("-").strip("0.,") == "" else text   # never "-0"


def tick_decimals(ticks: list[float]) -> int:
    """As few decimals as tell the ticks apart: 0, 500, 1,000 — but 0.5, 1.0, 1.5."""
    steps = [abs(b - a) for a, b in zip(ticks, ticks[1:]) if b != a]
    if not steps:
        return 0
    step = min(steps)
    return 0 if step >= 1 else min(4, math.ceil(-math.log10(step) - 1e-9))


def label_decimals(values: list[float]) -> int:
    """One number of decimals for every value printed on a chart's bars, so they line up:
    whole numbers stay whole, thousands need none, others keep one (two below 1)."""
    if all(float(v).is_integer() for v in values):
        return 0
    largest = max((abs(v) for v in values), default=0)
    return 0 if largest >= 1000 else 1 if largest >= 1 else 2
