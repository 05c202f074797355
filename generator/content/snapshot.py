"""issue.yml's `snapshot:` → `Snapshot`: the market figures an issue's front shows (the CEA
close and volume, with their change on the quarter), read from one of its CSV files at load
time, so a template is given the figures, never a file to read.

    snapshot:
      title: 全国碳市场（CEA）          # optional
      data: data/cea_q3_changes.csv     # a CSV of the issue (or /data/… of the publication)
      rows: [季末收盘价, 成交量]          # the rows to show, by their first cell (at most 4)
      value: value                      # the column of the figure (default: value)
      unit: unit                        # the column of its unit (default: unit, if there is one)
      change: qoq                       # the column of its change (optional)
      change_label: 环比                 # what that change is on (default: the column's name)
"""
from __future__ import annotations

from pathlib import Path

from generator.cjk import true_minus
from generator.content import schema as s
from generator.content.model import Snapshot, SnapshotFigure
from generator.content.yamlmap import YamlMap, nested_mapping
from generator.errors import Report
from generator.figures.data import DataError, Table, locate, read_table

MAX_FIGURES = 4   # a snapshot is read at a glance
SNAPSHOT_FIELDS = {
    "title": s.Field(s.text),
    "data": s.Field(s.text, required=True),
    "rows": s.Field(s.distinct_text_list, required=True),
    "value": s.Field(s.text),
    "unit": s.Field(s.text),
    "change": s.Field(s.text),
    "change_label": s.Field(s.text),
}


def load_snapshot(data: YamlMap, folder: Path, root: Path, report: Report) -> Snapshot | None:
    """The snapshot issue.yml names (None without one); each problem reported at its line."""
    entry = data.entries.get("snapshot")
    if entry is None:
        return None
    where = (data.path, entry.line)
    m = nested_mapping(entry.value, data.path, entry.line, report, "snapshot")
    v = s.check_fields(m, SNAPSHOT_FIELDS, report, " in snapshot") if m else None
    if v is None:
        return None
    if len(v["rows"]) > MAX_FIGURES:
        report.error(*where, f"snapshot: rows names {len(v['rows'])} figures; a snapshot shows at most {MAX_FIGURES}")
        return None
    try:
        table = read_table(locate(v["data"], folder, root), v["data"], report)
        figures = _figures(table, v)
    except DataError as exc:
        for message in exc.messages:
            report.error(*where, f"snapshot: {message}")
        return None
    change = v.get("change")
    return Snapshot(v.get("title", ""), figures, (v.get("change_label") or change or "") if change else "", v["data"])


def _figures(table: Table, v: dict) -> tuple[SnapshotFigure, ...]:
    labels = table.columns[0].texts
    values = table.column(v.get("value", "value")).texts
    has_unit = "unit" in v or any(c.name == "unit" for c in table.columns)
    units = table.column(v.get("unit", "unit")).texts if has_unit else ("",) * len(labels)
    changes = table.column(v["change"]).texts if v.get("change") else ("",) * len(labels)
    out = []
    for row in v["rows"]:
        if row not in labels:
            raise DataError(f"{table.name}: no row \"{row}\" in its first column ({', '.join(labels)})")
        i = labels.index(row)
        out.append(SnapshotFigure(row, true_minus(values[i]), units[i], true_minus(changes[i])))
    return tuple(out)
