"""What `build --no-pdf` and `build --no-search` keep of the last output (generator/output/kept.py,
pdf/pages.py `keep_pdfs`): the PDFs and the search index as they are, named when they are older
than their content; removed only when their issue is gone."""
from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli

Q2_PDF, Q3_PDF = "issues/2024-q2/tan-qiao-2024-q2.pdf", "issues/2024-q3/tan-qiao-2024-q3.pdf"
BRIEF = "issues/2024-q2/policy/2024-04-02-first-brief.md"


def tree_hash(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def bulletin(work: Path, *options: str):
    done = run_cli("build", "--content", "content", "--out", "out", *options, cwd=work)
    assert done.returncode == 0, done.stderr
    return done


def edit(site: Path) -> None:
    path = site / BRIEF
    path.write_text(path.read_text("utf-8").replace("要求推进碳足迹管理", "要求全面推进碳足迹管理"), "utf-8")


@pytest.mark.slow
def test_no_pdf_and_no_search_leave_the_output_byte_identical(site_copy: Path):
    """issue 22 (1): `build --no-pdf` deleted the PDFs (and --no-search the index) of output/."""
    work = site_copy.parent
    bulletin(work)
    before = tree_hash(work / "out")
    assert {Q2_PDF, Q3_PDF, "search/index.bin"} <= before.keys()
    done = bulletin(work, "--no-pdf", "--no-search")
    assert tree_hash(work / "out") == before
    assert "note: kept the last build's 2 PDF(s) (--no-pdf); each is up to date" in done.stderr.splitlines()
    assert "note: kept the last build's search index (--no-search); it is up to date" in done.stderr.splitlines()
    html = (work / "out/issues/2024-q2/index.html").read_text("utf-8")
    assert 'href="tan-qiao-2024-q2.pdf"' in html            # the issue page still links it


@pytest.mark.slow
def test_a_kept_pdf_older_than_its_issue_is_named_and_alone_printed_again(site_copy: Path):
    """issue 22 (1): after a --no-pdf build, every later build printed every PDF again."""
    work = site_copy.parent
    bulletin(work, "--no-search")
    q3 = (work / "out" / Q3_PDF).read_bytes()
    edit(site_copy)
    done = bulletin(work, "--no-pdf", "--no-search")
    assert ("note: kept the last build's 2 PDF(s) (--no-pdf); older than their content, to be printed again by a "
            f"build without --no-pdf: {Q2_PDF}") in done.stderr.splitlines()
    assert "PDF 1 built / 1 unchanged" in bulletin(work, "--no-search").stdout
    assert (work / "out" / Q3_PDF).read_bytes() == q3


@pytest.mark.slow
def test_the_pdf_of_an_issue_that_is_gone_goes(site_copy: Path):
    work = site_copy.parent
    bulletin(work, "--no-search")
    shutil.rmtree(site_copy / "issues/2024-q3")
    bulletin(work, "--no-pdf", "--no-search")
    assert (work / "out" / Q2_PDF).is_file() and not (work / "out" / Q3_PDF).exists()


def test_a_kept_search_index_older_than_the_content_is_said_and_made_again_with_search(site_copy: Path):
    work = site_copy.parent
    bulletin(work, "--no-pdf")
    index = {k: v for k, v in tree_hash(work / "out").items() if k.startswith("search/") and k != "search/index.html"}
    assert "search/index.bin" in index
    edit(site_copy)
    done = bulletin(work, "--no-pdf", "--no-search")
    assert ("note: kept the last build's search index (--no-search); it is older than the content (a build without "
            "--no-search makes it again)") in done.stderr.splitlines()
    after = tree_hash(work / "out")
    assert {k: after[k] for k in index} == index
    assert "全面推进" in (work / "out/issues/2024-q2/policy/first-brief/index.html").read_text("utf-8")
    bulletin(work, "--no-pdf")
    assert tree_hash(work / "out")["search/index.bin"] != index["search/index.bin"]
    texts = b"".join(gzip.decompress(f.read_bytes()) for f in (work / "out/search/texts").iterdir())
    assert "要求全面推进碳足迹管理".encode() in texts      # a body rendered without its search text is rendered again


def test_without_a_last_index_or_pdf_nothing_is_said(site_copy: Path):
    done = bulletin(site_copy.parent, "--no-pdf", "--no-search")
    assert "kept" not in done.stderr
    assert not (site_copy.parent / "out/search/index.bin").exists()
