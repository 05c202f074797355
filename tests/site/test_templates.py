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


def test_plain_functions_are_called_and_marked_ones_still_checked(tmp_path: Path):
    """The sandbox calls a plain function or built-in method directly (templates.ThemeEnvironment.call):
    one marked unsafe is still refused, one asking for the context still gets it."""
    import datetime as dt

    import jinja2
    from jinja2.sandbox import SecurityError, unsafe

    from generator.site.templates import create_environment
    env = create_environment(tmp_path / "theme")

    @unsafe
    def forbidden() -> str:
        return "ran"

    @jinja2.pass_context
    def page_of(context: jinja2.runtime.Context) -> str:
        return context["page"]

    def twice(text: str) -> str:
        return text * 2

    values = {"forbidden": forbidden, "page_of": page_of, "twice": twice, "day": dt.date(2025, 3, 1),
              "t": {"home": "首页"}, "page": "a.html"}
    assert env.from_string("{{ twice('ab') }} {{ day.isoformat() }} {{ t.get('home') }} {{ page_of() }}"
                           "{% for x in [1] %}{{ twice(x ~ '') }}{% endfor %}").render(values) == \
        "abab 2025-03-01 首页 a.html11"
    with pytest.raises(SecurityError):
        env.from_string("{{ forbidden() }}").render(values)
