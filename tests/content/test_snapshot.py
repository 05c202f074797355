"""issue.yml's `snapshot:` in each language of the site (content/snapshot.py): the CSV's row
names and units are in one language, so the English edition gets its labels and units from
issue.yml, by language, as an issue's title; a language missing is an error at its line, and
a site in several languages that leaves them to the CSV is warned (issue 23)."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.snapshot import load_snapshot
from generator.content.yamlmap import parse_mapping
from generator.errors import Report
from tests.conftest import run_cli

CSV = "metric,value,unit,qoq\n成交量,\"1,718.83\",万吨,+28%\n季末收盘价,99.48,元/吨,-10%\n"
BOTH = ("zh-CN", "en")
TRANSLATED = """snapshot:
  title: {zh-CN: 全国碳市场（CEA）, en: China's national carbon market (CEA)}
  data: data/s.csv
  rows: [季末收盘价, 成交量]
  labels: {zh-CN: [季末收盘价, 成交量], en: [Quarter-end close, Volume]}
  units: {zh-CN: [元/吨, 万吨], en: [yuan/t, ×10⁴ t]}
  change: qoq
  change_label: {zh-CN: 环比, en: q/q}
"""


def load(tmp_path: Path, yml: str, languages: tuple[str, ...] = BOTH):
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data/s.csv").write_text(CSV, "utf-8")
    report = Report()
    data = parse_mapping(yml, tmp_path / "issue.yml", report)
    assert data is not None
    return load_snapshot(data, tmp_path, tmp_path, languages, report), report


def test_each_language_gets_its_labels_units_title_and_change_label(tmp_path: Path):
    snaps, report = load(tmp_path, TRANSLATED)
    assert not report.problems and not report.warnings
    en, zh = snaps["en"], snaps["zh-CN"]
    assert [(f.label, f.value, f.unit, f.change) for f in en.figures] == [
        ("Quarter-end close", "99.48", "yuan/t", "\u221210%"), ("Volume", "1,718.83", "×10⁴ t", "+28%")]
    assert [(f.label, f.unit) for f in zh.figures] == [("季末收盘价", "元/吨"), ("成交量", "万吨")]
    assert (en.title, en.change_label, zh.title, zh.change_label) == (
        "China's national carbon market (CEA)", "q/q", "全国碳市场（CEA）", "环比")
    assert [f.value for f in en.figures] == [f.value for f in zh.figures]   # the figures are the CSV's


def test_a_language_missing_from_labels_is_an_error_at_its_line(tmp_path: Path):
    yml = TRANSLATED.replace("labels: {zh-CN: [季末收盘价, 成交量], en: [Quarter-end close, Volume]}",
                             "labels: {zh-CN: [季末收盘价, 成交量]}")
    snaps, report = load(tmp_path, yml)
    assert snaps is None
    assert [(p.line, p.message) for p in report.problems] == [
        (1, "snapshot: labels: no text for en (every language of site.yml needs one: zh-CN, en)")]
    assert str(report.problems[0].path).endswith("issue.yml")


def test_labels_or_units_not_one_a_row_are_an_error(tmp_path: Path):
    yml = TRANSLATED.replace("en: [yuan/t, ×10⁴ t]", "en: [yuan/t]")
    snaps, report = load(tmp_path, yml)
    assert snaps is None
    assert [p.message for p in report.problems] == [
        "snapshot: units: 1 for 2 rows (en): one a row, in the order of rows"]


def test_rows_left_to_the_csv_in_a_site_of_several_languages_are_a_warning(tmp_path: Path):
    yml = "snapshot: {data: data/s.csv, rows: [成交量], change: qoq}\n"
    snaps, report = load(tmp_path, yml)
    assert not report.problems and snaps is not None
    assert snaps["en"].figures[0].label == "成交量"   # built, as written: a careful editor fixes it
    [warning] = report.warnings
    assert warning.line == 1
    assert warning.message.startswith("snapshot: labels and units come from data/s.csv (成交量), in one language")
    assert "labels: {zh-CN: [...], en: [...]}" in warning.message
    _, alone = load(tmp_path, yml, ("zh-CN",))
    assert not alone.warnings   # one language: the CSV's is the site's


@pytest.mark.slow   # a whole build
def test_the_english_issue_page_shows_the_english_labels(bilingual_site: Path, tmp_path: Path):
    issue = bilingual_site / "issues/2024-q3"
    (issue / "data").mkdir(exist_ok=True)
    (issue / "data/s.csv").write_text(CSV, "utf-8")
    yml = issue / "issue.yml"
    yml.write_text(yml.read_text("utf-8") + TRANSLATED, "utf-8")
    out = tmp_path / "out"
    done = run_cli("build", "--content", str(bilingual_site), "--out", str(out), "--no-pdf", "--no-search")
    assert done.returncode == 0, done.stderr
    en = (out / "en/issues/2024-q3/index.html").read_text("utf-8")
    zh = (out / "issues/2024-q3/index.html").read_text("utf-8")
    assert "<dt>Quarter-end close</dt>" in en and "季末收盘价" not in en and "元/吨" not in en
    assert "<dt>季末收盘价</dt>" in zh and "Quarter-end close" not in zh
