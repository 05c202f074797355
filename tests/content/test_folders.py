"""No content file is ignored silently: what is not an article is reported, but what editors'
programs keep beside a document."""
from __future__ import annotations

from pathlib import Path

from generator.content.config import load_site
from generator.content.publication import load_publication
from generator.errors import Report

DRAFTS = {
    "issues/2024-q3/policy/2024-07-05-draft.docx":
        "a Word document is not an article and is not published; copy its text into a .md file with "
        "front matter (see docs/editing.md), or move it out of the content folder",
    "issues/2024-q3/policy/notes.txt":
        "a text file is not an article and is not published; if it is one, rename it to .md and start it "
        "with front matter, or move it out of the content folder",
    "issues/2024-q3/policy/original.pdf":
        "not an article (only .md files are) and not published; move it out of the content folder",
    "issues/2024-q3/todo.txt":
        "a text file is not an article and is not published; if it is one, rename it to .md and start it "
        "with front matter, or move it out of the content folder",
    "issues/2024-q3/layout.indd":
        "not part of the issue and not published (an issue folder holds issue.yml, intro.md, section "
        "folders, data/ and images/); move it out of the content folder",
    "issues/readme.txt":
        "not an issue and not published (issues/ holds one folder per issue); move it out of the content folder",
}
SILENT = [
    "issues/2024-q3/policy/~$draft.docx", "issues/2024-q3/policy/~WRL0001.tmp",      # Word, WPS
    "issues/2024-q3/policy/.2024-07-04-procurement-footprint.md.swp",                 # vim
    "issues/2024-q3/policy/2024-07-04-procurement-footprint.md~", "issues/2024-q3/policy/#x.md#",   # emacs
    "issues/2024-q3/policy/.DS_Store", "issues/2024-q3/.DS_Store", "issues/.DS_Store",  # macOS
    "issues/2024-q3/policy/Thumbs.db", "issues/2024-q3/desktop.ini",                  # Windows
    "issues/2024-q3/.~lock.x.docx#",                                                  # LibreOffice
    "issues/2024-q3/policy/chart.png", "issues/2024-q3/policy/extra.csv",             # read when named
    "issues/2024-q3/cover.jpg",
    "issues/2024-q3/.git/config", "issues/2024-q3/policy/.obsidian/app.json", "issues/.hidden/x.md",
]


def test_drafts_and_stray_files_are_named_in_a_warning_and_editors_files_are_not(site_copy):
    for rel in [*DRAFTS, *SILENT]:
        (site_copy / rel).parent.mkdir(parents=True, exist_ok=True)
        (site_copy / rel).write_bytes(b"x")
    report = Report()
    site = load_site(site_copy, report)
    assert site is not None and load_publication(site, report).issues
    assert report.problems == []
    # messages name files relative to the working folder when near it: compare by the file itself
    about_files = {Path(w.path).resolve().relative_to(site_copy.resolve()).as_posix(): w
                   for w in report.warnings if w.line is None}
    assert {rel: w.message for rel, w in about_files.items()} == DRAFTS
