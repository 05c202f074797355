"""figures/tables.py: a CSV's table as HTML (issue 23: a true minus sign in numbers, estimate
markers outside the digits; the CSV itself keeps the cells as written)."""
from __future__ import annotations

from generator.figures.data import parse_table
from generator.figures.tables import table_csv, table_html

CSV = 'metric,value,yoy,note\n成交量,"1,718.83",-66%,-\n成交额,"714,254*",+27%,2024-07\n'


def test_negative_numbers_take_the_minus_sign_and_estimates_hang_their_marker():
    table = parse_table(CSV, "data/x.csv")
    html = table_html(table.rows, list(table.columns), [c.name for c in table.columns], "表", "x")
    assert '<td class="num">\u221266%</td>' in html and '<td class="num">+27%</td>' in html
    assert '<td class="num">714,254<span class="est">*</span></td>' in html
    assert "<td>2024-07</td>" in html and "<td>-</td>" in html          # text stays as written
    assert "-66%" in table_csv(list(table.columns), [c.name for c in table.columns]).decode("utf-8-sig")
