"""The build stamp: a build with nothing changed is found out before anything is parsed,
and anything a build reads, or how it was asked to build, makes it a real build again."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import Options, build
from generator.incremental.locations import cache_dir_for
from generator.incremental.stamp import STAMP_NAME, check_stamp, inputs_changed
from generator.output import MARKER


def stamp_of(site: Path, out: Path, drafts: bool = False):
    return check_stamp(site, out, drafts, False, False, None)


def built(site: Path, out: Path) -> None:
    assert not build(Options(content=site, out=out, pdf=False, search=False)).unchanged


def test_what_the_build_reads_decides_whether_it_runs(site_copy, tmp_path):
    out = tmp_path / "out"
    built(site_copy, out)
    assert stamp_of(site_copy, out).current
    data = site_copy / "issues/2024-q3/data"
    (data / "extra.csv").write_text("年份,值\n2024,1\n", "utf-8")        # a new file in a folder read
    assert not stamp_of(site_copy, out).current
    built(site_copy, out)
    article = next(site_copy.glob("issues/2024-q2/policy/*.md"))
    st = article.stat()
    os.utime(article, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # saved again, same text
    assert not stamp_of(site_copy, out).current
    built(site_copy, out)
    (site_copy / ".git").mkdir()
    (site_copy / ".git" / "HEAD").write_text("ref: main\n", "utf-8")      # hidden folders are not read
    assert stamp_of(site_copy, out).current
    assert not stamp_of(site_copy, out, drafts=True).current               # asked for another build


def test_serve_asks_whether_an_input_changed_not_the_output(site_copy, tmp_path):
    """`serve`'s look when a watch opens: a file put into its preview is not a save."""
    out = tmp_path / "out"
    assert inputs_changed(out)   # never built
    built(site_copy, out)
    assert not inputs_changed(out)
    (out / "planted.svg").write_text("<svg/>", "utf-8")
    assert not inputs_changed(out) and not stamp_of(site_copy, out).current
    article = next(site_copy.glob("issues/2024-q2/policy/*.md"))
    article.write_text(article.read_text("utf-8") + "\n又一句。\n", "utf-8")
    assert inputs_changed(out)


def test_an_output_or_stamp_not_ours_means_a_real_build(site_copy, tmp_path):
    out = tmp_path / "out"
    built(site_copy, out)
    stamp_file = Path(cache_dir_for(out)) / STAMP_NAME
    stamp_file.write_bytes(stamp_file.read_bytes()[:40])                   # cut off by a kill
    assert not stamp_of(site_copy, out).current
    built(site_copy, out)
    (out / MARKER).unlink()
    assert not stamp_of(site_copy, out).current


@pytest.mark.slow
def test_a_build_with_nothing_changed_imports_no_parser_or_template_engine(site_copy):
    """The no-op answer comes before YAML, Markdown, Jinja or the build module is loaded."""
    probe = ("import sys; from generator.cli import main; code = main(sys.argv[1:]); "
             "print(code, sorted(m for m in ('yaml', 'jinja2', 'markdown_it', 'generator.build') "
             "if m in sys.modules))")
    args = ["build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", "-q"]
    first = subprocess.run([sys.executable, "-c", probe, *args], cwd=site_copy.parent,
                           capture_output=True, text=True, timeout=300)
    assert first.stdout.startswith("0 ") and "yaml" in first.stdout, first.stderr
    second = subprocess.run([sys.executable, "-c", probe, *args], cwd=site_copy.parent,
                            capture_output=True, text=True, timeout=300)
    assert second.stdout.strip() == "0 []", second.stderr


def test_a_new_version_of_a_package_means_a_full_build(tmp_path, monkeypatch):
    """Bodies and pages cached by one markdown-it or Jinja are not reused by another."""
    from generator.incremental.stamp import code_digest
    packages = tmp_path / "lib" / "site-packages"
    (packages / "jinja2-3.1.6.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(packages))
    before = code_digest()
    assert code_digest() == before
    (packages / "jinja2-3.1.6.dist-info").rename(packages / "jinja2-3.2.0.dist-info")
    assert code_digest() != before


def test_folders_links_and_hidden_folders_the_build_reads_are_seen(site_copy, tmp_path):
    out = tmp_path / "out"
    issue = site_copy / "issues/2024-q3"
    (issue / "images" / ".v").mkdir(parents=True)
    (issue / "images" / ".v" / "a.txt").write_text("1", "utf-8")
    shared = site_copy / "shared"
    for name in ("a", "b"):
        (shared / name).mkdir(parents=True)
    (shared / "link").symlink_to(shared / "a", target_is_directory=True)
    built(site_copy, out)
    assert stamp_of(site_copy, out).current
    (issue / "images" / ".v" / "a.txt").write_text("2", "utf-8")   # a hidden folder may hold an image
    assert not stamp_of(site_copy, out).current
    built(site_copy, out)
    (shared / "link").unlink()
    (shared / "link").symlink_to(shared / "b", target_is_directory=True)   # a linked folder retargeted
    assert not stamp_of(site_copy, out).current
    built(site_copy, out)
    (shared / "c").mkdir()                                         # a new, empty folder
    assert not stamp_of(site_copy, out).current


def test_a_name_that_is_not_utf8_does_not_break_the_check(tmp_path):
    assert not check_stamp(tmp_path / "content\udcff", tmp_path / "out", False, False, False, None).current


def test_a_theme_named_through_a_link_is_followed_when_the_link_moves(site_copy, tmp_path):
    import shutil

    from generator.content.config import DEFAULT_THEME
    out, themes = tmp_path / "out", tmp_path / "themes"
    for name in ("one", "two"):
        shutil.copytree(DEFAULT_THEME, themes / name)
    (themes / "two" / "static" / "style.css").write_text("body { color: teal; }\n", "utf-8")
    (themes / "current").symlink_to(themes / "one", target_is_directory=True)
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + "theme: ../themes/current\n", "utf-8")
    built(site_copy, out)
    assert stamp_of(site_copy, out).current
    (themes / "current").unlink()
    (themes / "current").symlink_to(themes / "two", target_is_directory=True)
    assert not stamp_of(site_copy, out).current
    built(site_copy, out)
    assert "teal" in (out / "static" / "style.css").read_text("utf-8")


def test_an_output_folder_named_through_a_link_is_up_to_date_when_nothing_changed(site_copy, tmp_path):
    real, out = tmp_path / "real", tmp_path / "out"
    real.mkdir()
    out.symlink_to(real, target_is_directory=True)
    opts = Options(content=site_copy, out=out, pdf=False, search=False)
    assert not build(opts).unchanged
    assert build(opts).unchanged
