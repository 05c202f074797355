"""The theme's sandbox: templates read the values they are given, and nothing else."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import Options, build
from generator.errors import ContentErrors


def build_with_page(site: Path, tmp_path: Path, body: str) -> Path:
    theme = tmp_path / "theme" / "templates"
    theme.mkdir(parents=True)
    (theme / "404.html").write_text("{% extends 'base.html' %}{% block main %}" + body + "{% endblock %}", "utf-8")
    site_yml = site / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + f"theme: {theme.parent}\n", "utf-8")
    out = tmp_path / "out"
    build(Options(content=site, out=out, pdf=False, search=False, jobs=1))
    return out / "404.html"


@pytest.mark.parametrize("body", [
    "{{ site.root.joinpath('site.yml').read_text() }}",          # a file through a path's methods
    "{{ (site.root / '..' / '..').iterdir() | list }}",
    "{{ site.__class__.__init__.__globals__ }}",                 # Python's internals
    "{{ cycler.__init__.__globals__.os.popen('id -u').read() }}",  # a shell command (issue 25)
    "{{ t.update({'home': 'x'}) }}",                             # a value every page shares
    "{{ issues[0].articles[0]._rendered }}",                     # what a view keeps to itself
])
def test_a_theme_cannot_reach_past_its_values(site_copy: Path, tmp_path: Path, body: str):
    with pytest.raises(ContentErrors) as caught:
        build_with_page(site_copy, tmp_path, body)
    [problem] = caught.value.problems
    assert "404.html" in problem.path and problem.line == 1 and "template error" in problem.message, problem


def test_a_theme_reads_what_it_is_given(site_copy: Path, tmp_path: Path):
    page = build_with_page(site_copy, tmp_path, "{{ site.title }} {{ issues | length }} {{ t.home }} "
                                                "{{ issues[0].articles[0].meta.title }}")
    assert "碳桥 2 首页" in page.read_text("utf-8")
