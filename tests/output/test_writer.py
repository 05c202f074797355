"""The output writer's back buffer: the site before last is updated into the next
one, only changed files are written, and the result always equals a clean build."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from generator.build import Options, build
from generator.output.manifest import MANIFEST, read_manifest
from tests.conftest import ROOT
from tests.test_build import tree

BRIEF = "issues/2024-q2/policy/2024-04-02-first-brief.md"


def folders(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_dir()}


def assert_equals_clean(site: Path, out: Path, tmp_path: Path, name: str) -> None:
    clean = tmp_path / f"clean-{name}"
    build(Options(content=site, out=clean, pdf=False, search=False, incremental=False))
    assert tree(out) == tree(clean)
    assert folders(out) == folders(clean)     # no folder left behind by a removed page


def test_edits_removals_and_additions_through_the_back_buffer_equal_clean_builds(site_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    opts = Options(content=site_copy, out=out, pdf=False, search=False)
    build(opts)
    brief = site_copy / BRIEF
    brief.write_text(brief.read_text("utf-8").replace("要求推进", "要求加快推进"), "utf-8")
    build(opts)
    assert read_manifest(tmp_path / ".out.back") is not None      # the site before is kept, described
    assert_equals_clean(site_copy, out, tmp_path, "edit")
    (site_copy / "issues/2024-q2/policy/2024-05-10-second-brief.md").unlink()
    build(opts)
    assert not (out / "issues/2024-q2/policy/second-brief").exists()
    assert_equals_clean(site_copy, out, tmp_path, "removal")
    (site_copy / "issues/2024-q3/policy/2024-07-20-new.md").write_text(
        "---\ntitle: 新的一条\ndate: 2024-07-20\nsource: 国务院\ntags: [新标签]\n---\n正文。\n", "utf-8")
    (site_copy / "issues/2024-q2/intro.md").write_text("新的引言。\n", "utf-8")
    build(opts)
    assert_equals_clean(site_copy, out, tmp_path, "addition")


def with_back_buffer(site: Path, tmp_path: Path) -> tuple[Path, Options]:
    """Two builds (the second with another base URL), so the first is now the back buffer."""
    out = tmp_path / "out"
    opts = Options(content=site, out=out, pdf=False, search=False)
    build(opts)
    build(Options(content=site, out=out, pdf=False, search=False, base_url="https://example.net/"))
    return out, opts


def test_only_the_changed_files_are_written(site_copy: Path, tmp_path: Path):
    out, opts = with_back_buffer(site_copy, tmp_path)
    written: list[str] = []
    watching = [False]

    def hook(event: str, args: tuple) -> None:
        if watching[0] and (event == "os.link" or (event == "open" and isinstance(args[1], str) and "w" in args[1])):
            written.append(str(args[-1] if event == "os.link" else args[0]))
    sys.addaudithook(hook)
    brief = site_copy / BRIEF
    brief.write_text(brief.read_text("utf-8").replace("要求推进", "要求加快推进"), "utf-8")
    watching[0] = True
    result = build(opts)
    watching[0] = False
    site_files = [w for w in written if "/.out." in w]
    assert result.files > 25
    assert 0 < len(site_files) <= 14, site_files        # the pages that show the brief, feed, sitemap, manifest
    assert_equals_clean(site_copy, out, tmp_path, "after")


def test_a_back_buffer_without_its_manifest_is_thrown_away(site_copy: Path, tmp_path: Path):
    out, opts = with_back_buffer(site_copy, tmp_path)
    back = tmp_path / ".out.back"
    (back / MANIFEST).unlink()                      # as a build killed while updating it leaves it
    (back / "index.html").write_text("half-written", "utf-8")
    build(opts)
    assert "half-written" not in (out / "index.html").read_text("utf-8")
    assert_equals_clean(site_copy, out, tmp_path, "dirty")


def test_page_workers_write_into_the_new_folder_and_a_failed_build_leaves_the_old_site(site_copy: Path,
                                                                                        tmp_path: Path):
    """Pages are written by the workers that render them, before the build knows whether
    every page rendered: a template that fails on some pages keeps the old site whole and
    leaves nothing behind; the next good build equals a clean one."""
    import pytest

    from generator.errors import ContentErrors
    from tests.output.test_faults import leftovers, tree_hash
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    article = (ROOT / "themes/default/templates/article.html").read_text("utf-8")
    template = theme / "templates" / "article.html"
    template.write_text(article, "utf-8")
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + f"theme: {theme}\n", "utf-8")
    out, opts = with_back_buffer(site_copy, tmp_path)
    before = tree_hash(out)
    for _round in ("back buffer", "new folder"):
        # fails on the brief only: the other article pages are rendered and written
        template.write_text(article.replace("{{ art.html | safe }}",
                                            "{% if 'first-brief' in page_path %}{{ nope.x }}{% endif %}"
                                            "{{ art.html | safe }}"), "utf-8")
        with pytest.raises(ContentErrors) as failed:
            build(opts)
        assert [p.path.endswith("article.html") for p in failed.value.problems] == [True]
        assert tree_hash(out) == before
        assert leftovers(out) == []
        shutil.rmtree(tmp_path / ".out.back", ignore_errors=True)   # the second round: no back buffer
    template.write_text(article, "utf-8")
    build(opts)
    assert_equals_clean(site_copy, out, tmp_path, "after")
