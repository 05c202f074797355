"""issue.yml's `snapshot:` → `Snapshot`s, one a language of the site: the market figures an
issue's front shows (the CEA close and volume, with their change on the quarter), read from one of
its CSV files at load time, so a template is given the figures, never a file to read.

    snapshot:
      title: 全国碳市场（CEA）          # optional
      data: data/cea_q3_changes.csv     # a CSV of the issue (or /data/… of the publication)
      rows: [季末收盘价, 成交量]          # the rows to show, by their first cell (at most 4)
      labels: [季末收盘价, 成交量]        # what the rows are called (default: the rows' names)
      units: [元/吨, 万吨]               # their units (default: the unit column, if there is one)
      value: value                      # the column of the figure (default: value)
      unit: unit                        # the column of its unit (default: unit, if there is one)
      change: qoq                       # the column of its change (optional)
      change_label: 环比                 # what that change is on (default: the column's name)

`title`, `labels`, `units` and `change_label` may be given by language, like the issue's title
(`labels: {zh-CN: [季末收盘价, 成交量], en: [Quarter-end close, Volume]}`). The CSV is written in
one language: in a site with several, row names and units left to it are a warning, as the other
editions would show them untranslated.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.cjk import true_minus
from generator.content import schema as s
from generator.content.model import Snapshot, SnapshotFigure
from generator.content.yamlmap import YamlMap, nested_mapping
from generator.errors import Report
from generator.figures.data import DataError, Table, locate, read_table

MAX_FIGURES = 4   # a snapshot is read at a glance
SNAPSHOT_FIELDS = {
    "title": s.Field(s.by_language(s.text)),
    "data": s.Field(s.text, required=True),
    "rows": s.Field(s.distinct_text_list, required=True),
    "labels": s.Field(s.by_language(s.text_list)),
    "units": s.Field(s.by_language(s.text_list)),
    "value": s.Field(s.text),
    "unit": s.Field(s.text),
    "change": s.Field(s.text),
    "change_label": s.Field(s.by_language(s.text)),
}
_BY_LANGUAGE = ("title", "labels", "units", "change_label")


def load_snapshot(data: YamlMap, folder: Path, root: Path, languages: tuple[str, ...],
                  report: Report) -> dict[str, Snapshot] | None:
    """The snapshot issue.yml names in each of `languages` (None without one); each problem
    reported at its line."""
    entry = data.entries.get("snapshot")
    if entry is None:
        return None
    where = (data.path, entry.line)
    m = nested_mapping(entry.value, data.path, entry.line, report, "snapshot")
    v = s.check_fields(m, SNAPSHOT_FIELDS, report, " in snapshot") if m else None
    texts = _texts(m, v, languages, report) if m and v else None
    if v is None or texts is None:
        return None
    try:
        table = read_table(locate(v["data"], folder, root), v["data"], report)
        figures = _figures(table, v)
    except DataError as exc:
        for message in exc.messages:
            report.error(*where, f"snapshot: {message}")
        return None
    if len(languages) > 1:
        _warn_untranslated(v, figures, languages, where, report)
    return {lang: _snapshot(v, figures, texts[lang], lang) for lang in languages}


def _texts(m: YamlMap, v: dict[str, Any], languages: tuple[str, ...],
           report: Report) -> dict[str, dict[str, Any]] | None:
    """{language: {key: its value in that language}} for the keys that may be given by language;
    a mapping that misses a language, or a list of labels or units that is not one a row, is an
    error at its line."""
    ok = True
    if len(v["rows"]) > MAX_FIGURES:
        report.error(m.path, m.line, f"snapshot: rows names {len(v['rows'])} figures; a snapshot shows at most "
                                     f"{MAX_FIGURES}")
        ok = False
    out: dict[str, dict[str, Any]] = {lang: {} for lang in languages}
    for key in _BY_LANGUAGE:
        if key not in v:
            continue
        given = s.texts_in(v[key], languages, (m, key), report, f"snapshot: {key}")
        if given is None:
            ok = False
            continue
        for lang, value in given.items():
            if key in ("labels", "units") and len(value) != len(v["rows"]):
                report.error(m.path, m.entries[key].line, f"snapshot: {key}: {len(value)} for {len(v['rows'])} "
                                                          f"rows ({lang}): one a row, in the order of rows")
                ok = False
            out[lang][key] = value
    return out if ok else None


def _figures(table: Table, v: dict) -> tuple[SnapshotFigure, ...]:
    """The rows as the CSV writes them (label, value, unit, change)."""
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


def _snapshot(v: dict[str, Any], figures: tuple[SnapshotFigure, ...], texts: dict[str, Any],
              lang: str) -> Snapshot:
    labels = texts.get("labels") or tuple(f.label for f in figures)
    units = texts.get("units") or tuple(f.unit for f in figures)
    shown = tuple(SnapshotFigure(label, f.value, unit, f.change)
                  for f, label, unit in zip(figures, labels, units, strict=True))
    change = v.get("change")
    change_label = (texts.get("change_label") or change or "") if change else ""
    return Snapshot(texts.get("title", ""), shown, change_label, v["data"])


def _warn_untranslated(v: dict[str, Any], figures: tuple[SnapshotFigure, ...], languages: tuple[str, ...],
                       where: tuple[Path, int], report: Report) -> None:
    """Row names and units from the CSV are in its one language: every edition would show them."""
    missing = ["labels"] if "labels" not in v else []
    if "units" not in v and any(f.unit for f in figures):
        missing.append("units")
    if not missing:
        return
    names = ", ".join(f.label for f in figures)
    example = " and ".join(f"{key}: {{{', '.join(f'{lang}: [...]' for lang in languages)}}}" for key in missing)
    report.warn(*where, f"snapshot: {' and '.join(missing)} come from {v['data']} ({names}), in one language: "
                        f"every edition ({', '.join(languages)}) shows them as written there; give {example}")
