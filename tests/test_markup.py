"""Every page the sample and the test publications build is valid HTML: the W3C Nu Html
Checker (the `vnu-jar` npm package, pinned in tests/browser/package-lock.json, run on
Debian's Java) reports 0 errors and 0 warnings, its info notes (`<br />`) included.

One Java run checks every page of three builds: the sample (content/), the fixture site,
and the fixture site as an English publication."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_SITE, ROOT, SAMPLE, run_cli

pytestmark = pytest.mark.slow   # three builds and a Java process

VNU = ROOT / "tests" / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def english_copy(target: Path) -> Path:
    """The fixture site as an English publication (site language en, one issue in Chinese)."""
    shutil.copytree(FIXTURE_SITE, target)
    site_yml = target / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8").replace("language: zh-CN", "language: en"), "utf-8")
    issue = target / "issues" / "2024-q2" / "issue.yml"
    issue.write_text(issue.read_text("utf-8") + "language: zh-CN\n", "utf-8")
    return target


@pytest.fixture(scope="module")
def publications(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("markup")
    sources = {"sample": SAMPLE, "fixture": FIXTURE_SITE, "fixture-en": english_copy(tmp / "content-en")}
    built = {}
    for name, content in sources.items():
        out = tmp / name
        done = run_cli("build", "--content", str(content), "--out", str(out), "--no-pdf", "--no-search")
        assert done.returncode == 0, done.stderr
        built[name] = out
    return built


def nu_messages(folders: list[Path]) -> list[dict]:
    if shutil.which("java") is None:
        pytest.fail("the markup test needs Java: apt-get install default-jre-headless (scripts/dev test does)")
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `npm ci --prefix tests/browser` (scripts/dev test does)")
    done = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", *map(str, folders)],
                          capture_output=True, text=True, timeout=600)
    return json.loads(done.stderr)["messages"]


def test_every_page_is_valid_html_without_a_warning(publications: dict[str, Path]):
    pages = sum(len(list(out.rglob("*.html"))) for out in publications.values())
    assert pages > 120
    found = [f"{re.sub(r'^.*?/markup[0-9]*/', '', m['url'])}:{m.get('lastLine', '?')}: {m['type']}"
             f"{'/' + m['subType'] if 'subType' in m else ''}: {m['message']}"
             for m in nu_messages(list(publications.values()))]
    assert not found, "\n".join(found[:40])


def test_the_checker_does_find_what_it_is_asked_to(tmp_path: Path):
    """The test above would pass on a checker that checks nothing."""
    (tmp_path / "bad.html").write_text('<!doctype html><html lang="en"><title>x</title><br />'
                                       '<figure><p>b</p><figcaption>a</figcaption><details><summary>c</summary>'
                                       '</details></figure><section><p>d</p></section>', "utf-8")
    kinds = {(m["type"], m.get("subType")) for m in nu_messages([tmp_path])}
    assert kinds >= {("error", None), ("info", "warning"), ("info", None)}
