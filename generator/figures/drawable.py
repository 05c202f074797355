"""What a chart can draw, said before drawing where it can be, and matplotlib's warnings
while drawing said as the editor's messages. No matplotlib here.

Each of these was a chart drawn wrong under a build that said it was fine: a glyph no
font has (a box), a value too large to place (a bar missing, four RuntimeWarnings), texts
wider than the chart (a squashed chart), 200,000 bars (thinner than a pixel each).
"""
from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from generator.figures.axis_labels import text_pt
from generator.figures.numbers import MAX_MAGNITUDE

if TYPE_CHECKING:
    from generator.figures.charts import ChartData

# More bars than this are each thinner than a pixel of the page's chart (16 cm: ~530 px of axis);
# a long series is a line (drawn thinned to the chart's width: downsample.py) or summed into fewer rows.
MAX_BARS = 500
_PLAIN = str.maketrans({"\r": "\n", "\t": " ", "\v": " ", "\f": " "})
_SPECIAL = re.compile("[\r\t\v\f]")


def plain_text(text: str) -> str:
    """A text as a chart draws it: no font has a glyph for a tab (a space) or a carriage return (a
    cell saved on Windows: a line break)."""
    return text.replace("\r\n", "\n").translate(_PLAIN)


def plain_texts(texts: tuple[str, ...]) -> tuple[str, ...]:
    """`plain_text` of each; the column of a long series is searched once, in one string."""
    return tuple(map(plain_text, texts)) if _SPECIAL.search("".join(texts)) else texts


def quoted(text: str, room: int = 10) -> str:
    """A text of the content in quotes, fit for one line of a message: escapes for what does not
    print, a long one cut."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return f"'{shown[:room]}…' ({len(text)} characters)" if len(text) > 3 * room else f"'{shown}'"


def drawing_problem(chart: ChartData) -> str | None:
    """Why the chart cannot be drawn, known before drawing. The data reader says the same of its
    cells by row and column (data.py); this holds for any caller."""
    if chart.kind != "line" and len(chart.categories) > MAX_BARS:
        return (f"type: {chart.kind} draws at most {MAX_BARS} bars, the data has {len(chart.categories):,} rows: "
                "draw a long series as type: line, or sum its rows into fewer (weeks, months) in the CSV")
    for s in chart.series:
        bad = [v for v in s.values if v is not None and not abs(v) < MAX_MAGNITUDE]   # not: NaN is bad too
        if bad:
            return f"series '{s.label}' cannot be drawn: {bad[0]!r} is not a number below {MAX_MAGNITUDE:,.0f}"
    return None


def warning_problem(warning: str, chart: ChartData, fonts: tuple[str, ...]) -> str:
    """A warning matplotlib gave while drawing, as the editor's message."""
    texts = (*chart.categories, *(s.label for s in chart.series), chart.unit, chart.unit2)
    glyph = re.match(r"Glyph (\d+)", warning)
    if glyph:
        char = chr(int(glyph[1]))
        shown = f"'{char}' (U+{ord(char):04X})" if char.isprintable() else f"U+{ord(char):04X} (an invisible character)"
        where = next((f" in {quoted(t)}" for t in texts if char in t), "")
        return (f"{shown}{where} is in none of the chart's fonts ({', '.join(fonts)}) "
                "and would be drawn as a box: write it another way")
    if warning.startswith("constrained_layout not applied"):   # the texts took all the room
        longest = max(texts, key=lambda t: max(map(text_pt, t.split("\n"))))
        return (f"its texts leave no room for the chart at its {chart.width_cm:g} cm width: "
                f"shorten the longest, {quoted(longest)}")
    return f"cannot be drawn (matplotlib: {warning}); this is a bug of bulletin, please report it"


@contextmanager
def matplotlib_quiet() -> Iterator[list[str]]:
    """What matplotlib warns (warnings) or logs at WARNING and above inside, collected in the list
    yielded instead of printed. Deprecations are for developers, as they are by default."""
    said: list[str] = []
    logger = logging.getLogger("matplotlib")
    handler = _Collect(said)
    propagate, logger.propagate = logger.propagate, False
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for developers_only in (DeprecationWarning, PendingDeprecationWarning):
                warnings.simplefilter("ignore", developers_only)
            try:
                yield said
            finally:
                said.extend(str(w.message) for w in caught)
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _Collect(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())
