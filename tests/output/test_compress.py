"""`build --compress`: a .br and a .gz copy beside each text file, the same bytes every
build, made again exactly when their file changed."""
from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest

from generator.build import Options, build
from generator.incremental.hashing import token_of
from generator.output.compress import compress, with_compressed
from generator.output.manifest import Existing, Manifest, Written
from tests.conftest import run_cli
from tests.test_build import tree

BRIEF = "issues/2024-q2/policy/2024-04-02-first-brief.md"
TEXT = (".html", ".css", ".js", ".svg", ".xml", ".txt")


def compressed_build(site: Path, out: Path, **kw) -> None:
    build(Options(content=site, out=out, pdf=False, search=False, compress=True, **kw))


@pytest.mark.slow   # compressed builds: brotli at its strongest
def test_every_text_file_has_copies_that_unpack_to_it_and_nothing_else_has(site_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    compressed_build(site_copy, out)
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    text = {f for f in files if f.endswith(TEXT)}
    assert {"index.html", "feed.xml", "sitemap.xml", "robots.txt", "static/style.css",
            "issues/2024-q3/market/cea-quarter/chart-1.svg"} <= text
    for name in text:
        data = (out / name).read_bytes()
        if len(data) > 200:   # a few hundred bytes of text always get smaller
            assert brotli.decompress((out / f"{name}.br").read_bytes()) == data, name
            assert gzip.decompress((out / f"{name}.gz").read_bytes()) == data, name
    others = files - text - {f"{t}{s}" for t in text for s in (".br", ".gz")}
    assert {"_headers", "issues/2024-q2/images/dot.png"} <= others
    assert not any(f.endswith((".br", ".gz")) for f in others), others


def test_a_copy_is_left_out_when_it_would_not_be_smaller():
    assert set(compress(b"<p>" + "碳市场".encode() * 200 + b"</p>")) == {".br", ".gz"}
    assert compress(b"x") == {}


@pytest.mark.slow   # compressed builds: brotli at its strongest
def test_two_clean_builds_make_the_same_bytes(site_copy: Path, tmp_path: Path):
    """A gzip header carries a time and a file name unless told not to: the copies would differ."""
    compressed_build(site_copy, tmp_path / "a", incremental=False)
    compressed_build(site_copy, tmp_path / "b", incremental=False)
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert a == b and sum(name.endswith(".gz") for name in a) > 20
    header = (tmp_path / "a" / "index.html.gz").read_bytes()[:10]
    assert header[3] == 0 and header[4:8] == bytes(4)   # no flags (no file name), no time


@pytest.mark.slow   # compressed builds: brotli at its strongest
def test_an_edit_makes_the_copies_of_the_changed_files_again_and_equals_a_clean_build(site_copy: Path,
                                                                                     tmp_path: Path):
    out = tmp_path / "out"
    compressed_build(site_copy, out)
    before = tree(out)
    brief = site_copy / BRIEF
    brief.write_text(brief.read_text("utf-8").replace("要求推进", "要求加快推进"), "utf-8")
    compressed_build(site_copy, out)
    page = out / "issues/2024-q2/policy/first-brief/index.html"
    assert "要求加快推进" in brotli.decompress((out / "issues/2024-q2/policy/first-brief/index.html.br").read_bytes()
                                          ).decode()
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == page.read_bytes()
    after = tree(out)
    assert before["static/style.css.br"] == after["static/style.css.br"]
    compressed_build(site_copy, tmp_path / "clean", incremental=False)
    assert after == tree(tmp_path / "clean")


def test_copies_come_and_go_with_the_option(site_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    args = ("build", "--content", str(site_copy), "--out", str(out), "--no-pdf", "--no-search")
    assert run_cli(*args).returncode == 0
    assert not (out / "index.html.br").exists()
    done = run_cli(*args, "--compress")   # not "nothing changed": the option is part of the build
    assert done.returncode == 0 and "nothing changed" not in done.stdout
    assert (out / "index.html.br").is_file() and (out / "index.html.gz").is_file()
    assert run_cli(*args).returncode == 0
    assert not list(out.rglob("*.br")) and not list(out.rglob("*.gz"))


def test_a_file_the_live_output_holds_unchanged_keeps_its_copies(tmp_path: Path):
    """The rule itself: same token as the live output, its copies are linked, not made again."""
    page, new, live_out = b"<p>" + b"x" * 500 + b"</p>", b"<p>" + b"y" * 500 + b"</p>", tmp_path / "out"
    live = Manifest({"a.html": token_of(page), "a.html.br": "tok-br", "a.html.gz": "tok-gz",
                     "b.html": token_of(page), "b.html.br": "old"})
    (tmp_path / "staging").mkdir()
    (tmp_path / "staging" / "c.html").write_bytes(new)
    files = {"a.html": Existing(live_out / "a.html"), "b.html": new, "c.html": Written(token_of(new)),
             "d.png": b"\x89PNG"}
    tokens = {"a.html": token_of(page), "b.html": token_of(new), "c.html": token_of(new), "d.png": "png"}
    made, made_tokens = with_compressed(files, tokens, live, live_out, tmp_path / "staging")
    assert made["a.html.br"] == Existing(str(live_out / "a.html.br")) and made_tokens["a.html.gz"] == "tok-gz"
    assert brotli.decompress(made["b.html.br"]) == new and gzip.decompress(made["c.html.gz"]) == new
    assert made_tokens["c.html.br"] == token_of(made["c.html.br"])
    assert "d.png.br" not in made and "d.png.gz" not in made
