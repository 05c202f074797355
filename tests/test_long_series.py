"""A chart of 200,000 rows, built whole (site, PDF, search) as an editor runs it: in time and
bytes that follow the chart's width, not its rows (one tick per row made the time grow with them)."""
from __future__ import annotations

import datetime as dt
import math
import re
import time
from pathlib import Path

import pytest

from tests.conftest import run_bulletin

ROWS = 200_000


def write_site(root: Path, rows: int, kind: str = "line") -> Path:
    """A one-article site whose chart reads `rows` daily prices, with one day's spike."""
    issue = root / "issues" / "2024-q3"
    (issue / "market").mkdir(parents=True)
    (issue / "data").mkdir()
    (root / "site.yml").write_text("title: 碳桥\nlanguage: zh-CN\nbase_url: https://example.org/\n"
                                   "sections:\n  - {key: market, title: 市场动态, kind: market}\n", "utf-8")
    (issue / "issue.yml").write_text("title: 2024年第三季度\ndate: 2024-10-15\n", "utf-8")
    (issue / "market" / "long.md").write_text(
        "---\ntitle: 长序列\nsummary: 每日收盘价。\ntags: [全国碳市场]\n---\n每日收盘价。\n\n"
        f"```chart\ntype: {kind}\ndata: data/long.csv\nx: day\ny: [close]\ntitle: 每日收盘价\nunit: 元/吨\n```\n",
        "utf-8")
    start = dt.date(2000, 1, 1)
    lines = ["day,close"] + [f"{start + dt.timedelta(days=k)},"
                             f"{999.99 if k == rows // 3 else 60 + 20 * math.sin(k / 300) + k % 7:.2f}"
                             for k in range(rows)]
    (issue / "data" / "long.csv").write_text("\n".join(lines) + "\n", "utf-8")
    return root


@pytest.mark.slow
def test_a_line_of_200000_rows_builds_in_seconds(tmp_path: Path):
    content = write_site(tmp_path / "content", ROWS)
    began = time.perf_counter()
    done = run_bulletin("build", "--content", str(content), "--out", str(tmp_path / "out"), cwd=tmp_path)
    seconds = time.perf_counter() - began
    print(f"\n{ROWS:,} rows: the whole build (site, PDF, search) took {seconds:.2f} s")
    assert done.returncode == 0 and done.stderr == "", done.stderr      # no warning: matplotlib's or ours
    assert seconds < 60        # generous: the machine is shared; the measured time is in docs/editing.md
    page = tmp_path / "out" / "issues" / "2024-q3" / "market" / "long"
    html = (page / "index.html").read_text("utf-8")
    assert html.count("<tr>") == 1 + 200 and f"其间 {ROWS - 200:,} 行未列出" in html   # the header and 200 rows
    assert (page / "chart-1.csv").read_bytes().count(b"\r\n") == ROWS + 1
    for svg in ("chart-1.svg", "chart-1-phone.svg"):
        text = (page / svg).read_text("utf-8")
        assert len(text) < 200_000 and len(re.findall(r'<g id="xtick_\d+">', text)) <= 20
        assert "<!-- 2000-01-01 -->" in text
