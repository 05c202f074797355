"""No content file is ignored silently: what is not an article is reported, but what editors'
programs keep beside a document."""
from __future__ import annotations

from pathlib import Path

from generator.content.config import load_site
from generator.content.publication import load_publication
from generator.errors import Report, display_path

DRAFTS = {   # issue 22 (4): a Word draft or a .txt was passed over with a warning, and `check` exited 0
    "issues/2024-q3/policy/2024-07-05-draft.docx":
        "a Word document is not read by the build: make it an article with `bulletin import "
        "{content}/issues/2024-q3/policy/2024-07-05-draft.docx 2024-q3 policy`, then move the .docx out of "
        "the content folder",
    "issues/2024-q3/policy/报告 初稿.doc":
        "a Word document is not read by the build: save it as .docx (Word, WPS: Save As › .docx) and make that an "
        "article with `bulletin import '{content}/issues/2024-q3/policy/报告 初稿.docx' 2024-q3 policy`; move it "
        "out of the content folder",
    "issues/2024-q3/essays/稿件.wps":
        "a WPS document is not read by the build: save it as .docx (Word, WPS: Save As › .docx) and make that an "
        "article with `bulletin import '{content}/issues/2024-q3/essays/稿件.docx' 2024-q3 essays`; move it out "
        "of the content folder",
    "issues/2024-q3/policy/notes.txt":
        "a text file is not read by the build: if it is an article, rename it to .md and start it with front "
        "matter (see docs/editing.md); if not, move it out of the content folder",
    "issues/2024-q3/todo.TXT":
        "a text file is not read by the build: if it is an article, rename it to .md and start it with front "
        "matter (see docs/editing.md); if not, move it out of the content folder",
    "issues/2024-q3/brief.docx":
        "a Word document is not read by the build: make it an article with `bulletin import "
        "{content}/issues/2024-q3/brief.docx 2024-q3 SECTION`, then move the .docx out of the content folder",
    "issues/draft.docx":
        "a Word document is not read by the build: make it an article with `bulletin import "
        "{content}/issues/draft.docx ISSUE SECTION`, then move the .docx out of the content folder",
}
STRAY = {
    "issues/2024-q3/policy/original.pdf":
        "not an article (only .md files are) and not published; move it out of the content folder",
    "issues/2024-q3/layout.indd":
        "not part of the issue and not published (an issue folder holds issue.yml, intro.md, section "
        "folders, data/ and images/); move it out of the content folder",
    "issues/readme.md.bak":
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


def test_drafts_are_errors_stray_files_warnings_and_editors_files_are_passed_over(site_copy):
    for rel in [*DRAFTS, *STRAY, *SILENT]:
        (site_copy / rel).parent.mkdir(parents=True, exist_ok=True)
        (site_copy / rel).write_bytes(b"x")
    report = Report()
    site = load_site(site_copy, report)
    assert site is not None and load_publication(site, report).issues
    content = display_path(site_copy)

    def by_file(found):   # by the file itself: how a path shows depends on the working folder
        return {Path(p.path).resolve().relative_to(site_copy.resolve()).as_posix(): p.message
                for p in found if p.line is None}
    assert by_file(report.problems) == {rel: message.format(content=content) for rel, message in DRAFTS.items()}
    assert by_file(report.warnings) == STRAY
