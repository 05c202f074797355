"""Numbers on charts, written the way the bulletin writes them.

Chinese (zh): thousands separators as in the seed text (1,718.83), and large
tonnes or yuan counted in 万 and 亿 (2,757,446 吨 → 275.7 万吨), the units a
Chinese reader expects. English: thousands separators only.
No matplotlib here, so the rules are testable and cheap to import.
"""
from __future__ import annotations

# A chart draws numbers below this in size (as written, before 万/亿): a double holds every whole
# number up to ~9e15, and a larger tick label (1,000,000,000,000,000) no longer fits its axis.
# An inf (a 400-digit cell) made matplotlib warn and leave its bar out.
MAX_MAGNITUDE = 1e15
_MAX_TICK_DECIMALS = 6    # no chart of the bulletin's data needs finer ticks
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
    """As many decimals as show every tick exactly: 0, 500, 1,000 — but 0, 2.5, 5.0 and 0.25, 0.50.

    Ticks are multiples of their step, so this is the step's decimals. The tolerance
    absorbs float noise (0.30000000000000004 is 0.3) without hiding a real 0.5 on 10,000,000.5.
    """
    tolerance = 1e-9 * max((abs(t) for t in ticks), default=0.0) + 1e-12
    for decimals in range(_MAX_TICK_DECIMALS):
        if all(abs(t - round(t, decimals)) <= tolerance for t in ticks):
            return decimals
    return _MAX_TICK_DECIMALS


def label_decimals(values: list[float]) -> int:
    """One number of decimals for every value printed on a chart's bars, so they line up:
    whole numbers stay whole, thousands need none, others keep one (two below 1)."""
    if all(float(v).is_integer() for v in values):
        return 0
    largest = max((abs(v) for v in values), default=0)
    return 0 if largest >= 1000 else 1 if largest >= 1 else 2
