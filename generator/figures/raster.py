"""Charts in the email and WeChat editions: a PNG with its size set, its title and source in
text under it. No SVG (Gmail, Outlook and WeChat show none) and no data table (no <details>
there): the reader who wants the numbers follows the link to the web page."""
from __future__ import annotations

from html import escape

from generator.figures.charts import ChartData, scaled
from generator.figures.specs import ChartSpec
from generator.i18n import FIGURE_LABELS
from generator.site.bodies import ChartImage


def raster_chart_html(image: ChartImage, url: str, label: str = "") -> str:
    """`url`: the PNG's whole address. width= and height= keep the room while it loads (and are
    all Outlook reads); the theme's CSS lets it shrink on a narrow screen. `label`: its number (图2),
    as on the web page (markdown/figures.py)."""
    caption = f'<span class="chart-caption">{escape(image.caption)}</span>' if image.caption else ""
    number = f'<span class="figure-number">{escape(label)}</span> ' if label else ""
    return (f'<figure class="chart"><img class="chart-image" src="{escape(url)}" alt="{escape(image.title)}" '
            f'width="{image.width}" height="{image.height}">\n'
            f'<figcaption><span class="chart-title">{number}{escape(image.title)}</span>{" " if caption else ""}'
            f'{caption}</figcaption></figure>\n')


def caption_parts(spec: ChartSpec, chart: ChartData) -> list[tuple[str, str]]:
    """(kind, text) of a chart's caption: title, unit (as the axes show it: 万吨, not 吨), source."""
    t = FIGURE_LABELS[chart.language]
    drawn = scaled(chart)
    units = [u + (t["left"] if drawn.unit2 else "") for u in (drawn.unit,) if u]
    units += [u + t["right"] for u in (drawn.unit2,) if u]
    parts = [("title", spec.title)]
    if units and not chart.panels:   # small charts each name their unit above them (panels.py)
        parts.append(("unit", t["unit"] + t["and"].join(units)))
    if spec.caption:
        parts.append(("caption", spec.caption))
    return parts


def caption_text(spec: ChartSpec, chart: ChartData) -> str:
    """The caption under a chart's PNG: its unit and source (the title is the alt text and heading)."""
    return " ".join(text for kind, text in caption_parts(spec, chart) if kind != "title")
