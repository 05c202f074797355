"""A chart in the page: its figure (the title above the plot, the source and notes below),
the wide and the phone drawing in one <picture>, and its data as a table under it."""
from __future__ import annotations

from dataclasses import replace
from html import escape

from generator.figures.charts import PHONE_WIDTH_CM, WIDTH_CM, ChartData, figure_height_cm
from generator.figures.data import Column, Table
from generator.figures.raster import caption_parts
from generator.figures.specs import ChartSpec
from generator.figures.tables import SHOWN_ENDS, table_html
from generator.i18n import FIGURE_LABELS
from generator.markdown.figures import number_html, strip_number

_PX_PER_CM = 96 / 2.54
# Below this the page's column is under ~70% of the wide chart, whose labels then shrink below
# ~8 px: the phone copy is shown instead (themes/default: the column is the screen less 2 rem).
PHONE_MEDIA = "(max-width: 30rem)"


def chart_html(spec: ChartSpec, chart: ChartData, table: Table, url: str, phone_url: str,
               table_class: str = "", csv_url: str | None = None, lead: bool = False, label: str = "") -> str:
    """The wide chart (the PDF's, and wider screens'), the narrow one on phones: scaled to a
    phone, the wide one's 9 pt labels were 6 px high. The figure is its caption (title and
    unit, above the plot), the picture, and the source and notes under it; the data table
    follows the figure (HTML allows a caption only first or last in a figure).
    `csv_url`: the data table is cut, the whole is there. `lead`: the article's first picture,
    above the fold: fetched at once, first."""
    t = FIGURE_LABELS[chart.language]
    number = number_html(label) + " " if label else ""   # 图2: markdown/figures.py
    parts = [(kind, f'<span class="chart-{kind}">{number if kind == "title" else ""}'
                    f'{escape(strip_number(text) if kind == "title" else text)}</span>')
             for kind, text in caption_parts(spec, chart)]
    # the title and unit above the plot, the source and notes under it (The Economist, Carbon Brief)
    above = " ".join(html for kind, html in parts if kind != "caption")
    below = "".join(f'<p class="chart-notes">{html}</p>\n' for kind, html in parts if kind == "caption")
    columns, headers = data_columns(spec, chart, table)
    rows = len(table.rows)
    cut = (t["rows_omitted"].format(count=f"{rows - 2 * SHOWN_ENDS:,}")
           + f'<a href="{escape(csv_url)}" download>{t["download_rows"].format(total=f"{rows:,}")}</a>'
           if csv_url else None)
    # bars lying across (long names) are drawn taller: the page must keep their room while they load
    width, height = round(WIDTH_CM * _PX_PER_CM), round(figure_height_cm(chart) * _PX_PER_CM)
    phone_width = round(PHONE_WIDTH_CM * _PX_PER_CM)
    phone_height = round(figure_height_cm(replace(chart, width_cm=PHONE_WIDTH_CM)) * _PX_PER_CM)
    loading = 'fetchpriority="high"' if lead else 'loading="lazy" decoding="async"'
    return (f'<div class="chart-block">\n<figure class="chart">\n<figcaption>{above}</figcaption>\n'
            f'<picture><source media="{PHONE_MEDIA}" '
            f'srcset="{escape(phone_url)}" width="{phone_width}" height="{phone_height}">'
            f'<img src="{escape(url)}" alt="{escape(spec.title)}" '
            f'width="{width}" height="{height}" {loading}></picture>\n{below}</figure>\n'
            f'<details class="chart-data"><summary>{t["data"]}</summary>\n'
            f'{table_html(table.rows, columns, headers, None, spec.title, table_class, cut)}</details>\n</div>\n')


def data_columns(spec: ChartSpec, chart: ChartData, table: Table) -> tuple[list[Column], list[str]]:
    """The columns of the data table under a chart, and their headers: the x column's, then each
    series' name with its unit."""
    t = FIGURE_LABELS[chart.language]
    columns = [table.column(n) for n in (spec.x, *spec.y, *spec.y2)]
    headers = [spec.x_label or spec.x]
    headers += [_header(s.label, chart.unit2 if s.right else chart.unit, t) for s in chart.series]
    return columns, headers


def _header(label: str, unit: str, t: dict[str, str]) -> str:
    return label + t["paren"].format(unit) if unit and unit != "%" else label
