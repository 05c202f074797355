"""An issue's front on the web (issue 23): 本期观点 as cards linking to the articles they name,
the market snapshot read from the issue's CSV, the sections counted as jumps within the page,
briefs as headlines; the home page leads with the latest issue's front, not a copy of its
page; one footer line links to the about page."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_cli

Q2 = "issues/2024-q2/index.html"


@pytest.fixture(scope="module")
def front(tmp_path_factory) -> Path:
    import shutil

    from tests.conftest import FIXTURE_SITE
    root = tmp_path_factory.mktemp("front")
    content = root / "content"
    shutil.copytree(FIXTURE_SITE, content)
    issue = content / "issues/2024-q2"
    (issue / "data").mkdir(exist_ok=True)
    (issue / "data/snapshot.csv").write_text("指标,value,unit,qoq\n季末收盘价,99.48,元/吨,+10%\n"
                                             "成交量,\"1,718.83\",万吨,-28%\n成交额,1,万元,+1%\n", "utf-8")
    (issue / "issue.yml").write_text(
        "title: 2024年第二季度\ndate: 2024-07-15\nhighlights:\n  - 试论 试点碳市场\n  - 第二季度观点一\n"
        "snapshot:\n  title: 全国碳市场\n  data: data/snapshot.csv\n  rows: [季末收盘价, 成交量]\n"
        "  change: qoq\n  change_label: 环比\n", "utf-8")
    out = root / "out"
    done = run_cli("build", "--content", str(content), "--out", str(out), "--no-pdf", "--no-search")
    assert done.returncode == 0, done.stderr
    return out


def test_a_highlight_naming_an_article_is_a_card_linking_to_it_with_author_and_summary(front: Path):
    html = (front / Q2).read_text("utf-8")
    card = re.search(r'<li class="highlight-card">(.*?)</li>', html, re.S).group(1)
    assert 'href="essays/essay-one/index.html"' in card and "试论 试点碳市场" in card
    assert '<span class="card-author">张三<span class="card-author-title">项目经理</span>' in card
    assert 'class="card-summary"' in card
    assert '<span class="card-title">第二季度观点一</span>' in html      # names no article: as written


def test_the_snapshot_shows_the_rows_issue_yml_names_from_its_csv(front: Path):
    html = (front / Q2).read_text("utf-8")
    snap = re.search(r'<section class="snapshot".*?</section>', html, re.S).group(0)
    assert "全国碳市场" in snap and "成交额" not in snap
    assert snap.index("季末收盘价") < snap.index("成交量")
    assert '99.48<span class="snapshot-unit">元/吨</span>' in snap
    assert 'class="snapshot-change up">环比 +10%' in snap
    assert 'class="snapshot-change down">环比 \u221228%' in snap      # the minus sign, not a hyphen


def test_sections_are_counted_jumps_within_the_page_and_briefs_are_headlines(front: Path):
    html = (front / Q2).read_text("utf-8")
    jumps = re.search(r'<nav class="issue-jumps".*?</nav>', html, re.S).group(0)
    targets = re.findall(r'href="#(sec-[a-z]+)"', jumps)
    assert targets == ["sec-policy", "sec-essays"]
    assert all(f'id="{t}"' in html for t in targets)
    assert '国家政策<span class="count">2</span>' in jumps
    policy = re.search(r'id="sec-policy".*?</section>', html, re.S).group(0)
    assert 'class="article-list headline-list"' in policy and '<details class="headline-summary">' in policy


def test_home_leads_with_the_latest_front_not_a_copy_of_its_page(front: Path):
    html = (front / "index.html").read_text("utf-8")
    assert 'class="issue-hero"' in html and "往期回顾" in html
    assert "headline-list" not in html and "article-list" not in html   # the issue's index is on its page


def test_footer_is_one_line_linking_to_the_about_page(front: Path):
    html = (front / Q2).read_text("utf-8")
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
    assert footer.count("<p") == 1 and 'href="../../about/index.html">关于本刊</a>' in footer
    about = (front / "about/index.html").read_text("utf-8")
    assert "<h1>关于本刊</h1>" in about and "测试" in about


def test_a_changed_snapshot_csv_reaches_the_pages_on_the_next_build(tmp_path: Path, site_copy: Path):
    """The snapshot is read from its CSV at load time: a CSV edited alone is seen by the next build."""
    issue = site_copy / "issues/2024-q2"
    (issue / "data").mkdir(exist_ok=True)
    csv = issue / "data/snap.csv"
    csv.write_text("指标,value\n季末收盘价,99.48\n", "utf-8")
    with (issue / "issue.yml").open("a", encoding="utf-8") as f:
        f.write("snapshot: {data: data/snap.csv, rows: [季末收盘价]}\n")
    out = tmp_path / "out"
    args = ("build", "--content", str(site_copy), "--out", str(out), "--no-pdf", "--no-search")
    assert run_cli(*args).returncode == 0
    assert "99.48" in (out / Q2).read_text("utf-8")
    csv.write_text("指标,value\n季末收盘价,88.88\n", "utf-8")
    assert run_cli(*args).returncode == 0
    assert "88.88" in (out / Q2).read_text("utf-8")
