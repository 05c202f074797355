"""The PDF's bodies: each article parsed again and written in the print flavor, its images
and charts noted for the Gate, so that a refused file names the article that showed it."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.config import load_site
from generator.content.publication import load_publication
from generator.errors import Report, display_path
from generator.pdf.document import Gate, Refused
from generator.pdf.printed import BodyPrinter

PNG = b"\x89PNG\r\n\x1a\n" + bytes(8)
CHARTS = "issues/2024-q3/market/cea-quarter/chart-{}.svg"


def test_articles_in_the_print_flavor_name_their_files_for_the_gate(site_copy: Path):
    (site_copy / "issues/2024-q3/images").mkdir()
    (site_copy / "issues/2024-q3/images/map.png").write_bytes(PNG)
    source = site_copy / "issues/2024-q3/market/cea-quarter.md"
    source.write_text(source.read_text("utf-8") + "\n正文[^1]。\n\n![地图](images/map.png)\n\n[^1]: 注。\n", "utf-8")
    site = load_site(site_copy, Report())
    issue = next(i for i in load_publication(site, Report()).issues if i.id == "2024-q3")
    article = next(a for a in issue.articles if a.slug == "cea-quarter")
    made = {CHARTS.format(n): b"<svg/>" for n in ("1", "1-phone", "2-phone")}   # chart 2 is not in the build
    report = Report()
    gate = Gate(site.base_url, (site.root,), made, report, site.root / "theme.css")
    body = BodyPrinter(site, made).article(issue, article, "art-market-cea-quarter-", gate)
    html = body.html
    assert body.wide   # its charts and its image: set across the columns of briefs
    base = site.base_url
    assert f'<img src="{base}issues/2024-q3/images/map.png"' in html and f'<img src="{base}{CHARTS.format(1)}"' in html
    assert '<span class="footnote" id="art-market-cea-quarter-fn-market-cea-quarter-1">注。</span>' in html
    assert gate.origins[f"{base}issues/2024-q3/images/map.png"] == source.resolve()
    assert gate.read(f"{base}issues/2024-q3/images/map.png") == PNG
    with pytest.raises(Refused):
        gate.read(base + CHARTS.format(2))
    [problem] = report.problems
    assert problem.path == display_path(source.resolve()) and "PDF:" in problem.message


def test_the_about_text_is_printed_with_absolute_urls_and_prefixed_ids(site_copy: Path):
    yml = site_copy / "site.yml"
    yml.write_text(yml.read_text("utf-8").replace(
        "about: |\n", "about: |\n  ## 联系\n\n  见[上文](#联系)、[往期](issues/)。![标志](logo.png)\n\n"), "utf-8")
    site = load_site(site_copy, Report())
    gate = Gate(site.base_url, (site.root,), {}, Report(), site.root / "theme.css")
    html = BodyPrinter(site, {}).about(gate)
    assert '<h2 id="about-联系">' in html and 'href="#about-%E8%81%94%E7%B3%BB"' in html
    assert f'href="{site.base_url}issues/"' in html and '<a href="mailto:test@example.org">' in html
    assert gate.origins == {f"{site.base_url}logo.png": site.root / "site.yml"}
