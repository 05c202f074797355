"""What each file of the issues folder is. Nothing an editor put there is ignored silently: what
would be an article but is misplaced or misnamed is an error (it would vanish from the bulletin),
and so is a draft in Word, WPS or plain text (`bulletin import` makes a Word draft an article);
any other file the build does not read is a warning naming it. Only what editors' programs keep
beside a document (hidden files, lock files, backups) is passed over."""
from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from generator.content.settings import Site
from generator.errors import Report, display_path

ARTICLE = ".md"
ISSUE_FILES = ("issue.yml", "intro.md")
ISSUE_FOLDERS_NOT_SECTIONS = ("data", "images")
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
# read when an article or issue.yml names them (images anywhere in the issue, CSV for charts)
_NAMED_FILES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".csv")
_DOCUMENTS = {".docx": "a Word document", ".doc": "a Word document", ".wps": "a WPS document",
              ".odt": "a document", ".rtf": "a document", ".pages": "a document"}
_SYSTEM = ("thumbs.db", "desktop.ini")
_MOVE_OUT = "move it out of the content folder"
# what stands before .md in a translation's name (x.en.md, x.zh-Hant.md); longer words
# (x.final.md) are part of the name
_LANGUAGE_SUFFIX = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def language_suffix(name: str) -> tuple[str, str]:
    """'x.en.md' → ('x', 'en'); 'x.md' → ('x', '')."""
    stem, _, last = name.removesuffix(ARTICLE).rpartition(".")
    return (stem, last) if stem and _LANGUAGE_SUFFIX.match(last) else (name.removesuffix(ARTICLE), "")


def language_of(path: Path, site: Site, report: Report) -> str | None:
    """The language a Markdown file is in, by its name: '' the default (x.md), 'en' for x.en.md;
    None (reported) for a language the site does not publish."""
    stem, lang = language_suffix(path.name)
    all_languages = site.all_languages
    if not lang:
        return ""
    if lang in all_languages[1:]:
        return lang
    if lang == all_languages[0]:
        report.error(path, None, f"{lang} is the site's default language, whose files need no suffix: "
                                 f"rename it to {stem}{ARTICLE}")
    else:
        report.error(path, None, f"'{lang}' is not one of the site's languages ({', '.join(all_languages)}): "
                                 f"add it to languages: in site.yml, or rename the file")
    return None


def kept_by_a_program(name: str) -> bool:
    """Hidden files and folders (.DS_Store, vim's .x.md.swp, LibreOffice's .~lock), the lock and
    temporary files Word and WPS keep beside an open document (~$x.docx, ~WRL0001.tmp), editors'
    backups (x.md~, #x.md#), Windows' Thumbs.db."""
    return (name.startswith((".", "~")) or name.endswith("~") or (name.startswith("#") and name.endswith("#"))
            or name.lower() in _SYSTEM)


def suffix_of(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def issue_folders(issues: Path, report: Report) -> list[Path]:
    """The folders of `issues/`, sorted; any file there is reported."""
    folders = []
    for entry in _entries(issues):
        if _is_dir(entry):
            folders.append(issues / entry.name)
        elif suffix_of(entry.name) in _MARKDOWN:
            report.error(issues / entry.name, None, "an article must be in a section folder of an issue, "
                                                    "like issues/2024-q3/policy/")
        else:
            _stray(report, issues / entry.name, "not an issue and not published (issues/ holds one folder "
                                                "per issue)", "ISSUE", "SECTION")
    return folders


def check_issue_folder(site: Site, folder: Path, report: Report) -> None:
    """An issue folder holds issue.yml, intro.md, section folders, data/ and images/ (and the
    images and CSV files its articles name)."""
    sections = [s.key for s in site.sections]
    for entry in _entries(folder):
        name, path = entry.name, folder / entry.name
        if _is_dir(entry):
            if name not in ISSUE_FOLDERS_NOT_SECTIONS and name not in sections:
                report.error(path, None, f"folder '{name}' is not a section in site.yml "
                                         f"(sections: {', '.join(sections)})")
        elif name in ISSUE_FILES or suffix_of(name) in _NAMED_FILES:
            continue
        elif name.endswith(ARTICLE) and language_suffix(name)[0] == "intro":
            language_of(path, site, report)   # intro.en.md: the 引言 in English
        elif name.lower() in ("issue.yml", "issue.yaml"):
            report.error(path, None, "the issue's fields are read from issue.yml only: rename it to issue.yml "
                                     "(or merge it into issue.yml)")
        elif suffix_of(name) in _MARKDOWN and os.path.splitext(name)[0].lower() == "intro":
            report.error(path, None, "not read as the issue's introduction: rename it to intro.md")
        elif suffix_of(name) in _MARKDOWN:
            where = ", ".join(f"{key}/" for key in sections[:-1]) + f" or {sections[-1]}/"
            report.error(path, None, f"an article must be in a section folder: move it into {where}")
        else:
            _stray(report, path, "not part of the issue and not published (an issue folder holds issue.yml, "
                                 "intro.md, section folders, data/ and images/)", folder.name, "SECTION")


def section_articles(folder: Path, key: str, report: Report) -> list[tuple[str, bool]]:
    """The names of a section folder's articles (and whether each is a link), sorted; every
    other file and folder in it is reported."""
    names = []
    for entry in _entries(folder):
        name = entry.name
        if _is_dir(entry):
            report.error(folder / name, None, f"a folder inside the section folder {key}/ is not read; "
                                              f"put its articles directly in {key}/")
        elif name.endswith(ARTICLE) and (entry.is_symlink() or entry.is_file()):
            names.append((name, entry.is_symlink()))
        elif name.endswith(ARTICLE):   # a pipe or a device, which reading would hang on
            report.warn(folder / name, None, f"not a file; {_MOVE_OUT}")
        elif suffix_of(name) in _MARKDOWN:
            report.error(folder / name, None,
                         f"not read as an article: rename it to {os.path.splitext(name)[0]}{ARTICLE}")
        elif suffix_of(name) not in _NAMED_FILES:
            _stray(report, folder / name, "not an article (only .md files are) and not published",
                   folder.parent.name, key)
    return names


def _is_dir(entry: os.DirEntry) -> bool:
    """Following a link: one that leads back to itself is no folder (it is reported as a link)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _entries(folder: Path) -> list[os.DirEntry]:
    """Names and kinds in one call, not a stat a file; what programs keep left out."""
    with os.scandir(folder) as entries:
        return sorted((e for e in entries if not kept_by_a_program(e.name)), key=lambda e: e.name)


def _stray(report: Report, path: Path, what: str, issue: str, section: str) -> None:
    """A draft in Word, WPS or plain text is an error (it would be missed); another file a warning."""
    suffix = suffix_of(path.name)
    docx = path.with_suffix(".docx")   # what `bulletin import` reads, once saved as such
    command = f"`bulletin import {shlex.quote(display_path(docx))} {issue} {section}`"
    if suffix == ".docx":
        report.error(path, None, f"a Word document is not read by the build: make it an article with {command}, "
                                 "then move the .docx out of the content folder")
    elif suffix in _DOCUMENTS:
        report.error(path, None, f"{_DOCUMENTS[suffix]} is not read by the build: save it as .docx (Word, WPS: "
                                 f"Save As › .docx) and make that an article with {command}; {_MOVE_OUT}")
    elif suffix == ".txt":
        report.error(path, None, "a text file is not read by the build: if it is an article, rename it to .md and "
                                 f"start it with front matter (see docs/editing.md); if not, {_MOVE_OUT}")
    else:
        report.warn(path, None, f"{what}; {_MOVE_OUT}")
