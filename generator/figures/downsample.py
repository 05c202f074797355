"""Long series drawn in time bounded by the chart's width, not by its rows.

A line of 200,000 daily points on a 16 cm chart puts hundreds of points in each of the
columns a printer or a phone can show; drawing them all costs time and bytes and shows
nothing more. Per column, the first, lowest, highest and last point of each unbroken run
of values are kept (the M4 rule: a line through them covers the same columns from the
same lowest to the same highest value), so a peak of a single day survives and a gap (an
empty cell) stays a gap. No matplotlib here.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import cast

from generator.figures.axis_labels import axis_pt

COLUMNS_PER_PT = 2   # half-point columns: a third of the long line's own width (1.4 pt), which hides finer detail


def drawing_columns(width_cm: float) -> int:
    """How many columns a line is thinned to on a chart this wide (16 cm: 798; the phone's 9 cm: 449)."""
    return max(1, round(axis_pt(width_cm) * COLUMNS_PER_PT))


def kept_points(values: Sequence[float | None], columns: int) -> list[int | None]:
    """Indexes of the points to draw, in order; None where the line breaks (an empty cell lies
    between). Up to four points a column are drawn as they are: every index."""
    n = len(values)
    if n <= 4 * columns:
        return list(range(n))
    out: list[int | None] = []
    for start, end in _runs(values):
        if out:
            out.append(None)
        k = start
        while k < end:
            stop = min(end, -(-(k * columns // n + 1) * n // columns))   # the first index of the next column
            chunk = cast(list[float], list(values[k:stop]))   # no None inside a run
            low, high = k + chunk.index(min(chunk)), k + chunk.index(max(chunk))
            out.extend(sorted({k, low, high, stop - 1}))
            k = stop
    return out


def _runs(values: Sequence[float | None]) -> Iterator[tuple[int, int]]:
    """(start, end) of each unbroken run of values."""
    start = None
    for k, v in enumerate(values):
        if v is None and start is not None:
            yield start, k
            start = None
        elif v is not None and start is None:
            start = k
    if start is not None:
        yield start, len(values)
