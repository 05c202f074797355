"""`bulletin import FILE.docx ISSUE SECTION`: a contributor's Word or WPS draft becomes an article.

The article is a draft with the front matter of its section's kind (what the document does not
say set to TODO, as `bulletin new article` does), its title from the document's title or first
heading, its body the document as Markdown (from_html.py), its pictures copied into the issue's
images/. Nothing is ever overwritten, and nothing is written if the document cannot be read.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.content.from_html import to_markdown
from generator.content.scaffold import ScaffoldError, article_template, default_date, file_slug, site_or_problems
from generator.content.word import WordError, read_docx
from generator.errors import ContentErrors, Problem, display_path


@dataclass(frozen=True)
class Imported:
    article: Path
    images: tuple[Path, ...]
    lost: tuple[str, ...]      # what the Markdown could not keep, in a line each
    inside_content: bool       # the .docx lies in the content folder: the build names it until it is moved


OLD_FORMATS = {".doc": "a Word 97–2003 document", ".wps": "a WPS document", ".odt": "an OpenDocument text",
               ".rtf": "an RTF document"}


def import_docx(content: Path, file: Path, issue_id: str, section_key: str, date: dt.date | None = None,
                today: dt.date | None = None) -> Imported:
    site = site_or_problems(content)
    section = site.section(section_key)
    if section is None:
        raise ScaffoldError(f"no section '{section_key}' in site.yml (sections: "
                            f"{', '.join(s.key for s in site.sections)})")
    folder = site.root / "issues" / issue_id
    if not (folder / "issue.yml").is_file():
        raise ScaffoldError(f"no issue '{issue_id}' (create it with: bulletin new issue {issue_id})")
    _check_file(file)
    try:
        doc = read_docx(file)
    except WordError as exc:
        raise ContentErrors([Problem(display_path(file), None, str(exc))]) from None
    names = {}   # the pictures' names in images/, known once the title is
    converted = to_markdown(doc.html, titled=bool(doc.title))
    title = converted.title or doc.title or file.stem   # the Title paragraph, the title property, the first heading
    day = date or default_date(issue_id, folder / "issue.yml", today or _today())
    slug = file_slug(title)
    for n, picture in enumerate(doc.pictures, 1):
        names[picture.placeholder] = _free_name(folder / "images", f"{slug}-{n}", picture.suffix)
    body = to_markdown(doc.html, {p: f"images/{name}" for p, name in names.items()}, bool(doc.title)).markdown
    article = folder / section.key / f"{day.isoformat()}-{slug}.md"
    if article.exists():
        raise ScaffoldError(f"{article} exists already; nothing was changed")
    return _write(article, article_template(section.kind, title, day, body, doc.author), folder, names,
                  doc, converted.lost, site.root, file)


def _check_file(file: Path) -> None:
    if not file.is_file():
        raise ScaffoldError(f"{file}: no such file")
    suffix = file.suffix.lower()
    if suffix in OLD_FORMATS:
        raise ScaffoldError(f"{file}: {OLD_FORMATS[suffix]}; open it in Word or WPS, save it as .docx "
                            "(Save As › Word Document), and import that")
    if suffix != ".docx":
        raise ScaffoldError(f"{file}: bulletin import reads Word and WPS documents saved as .docx")


def _free_name(images: Path, stem: str, suffix: str) -> str:
    """A name in images/ that no file has: a picture never replaces one."""
    name, n = f"{stem}{suffix}", 1
    while (images / name).exists():
        n += 1
        name = f"{stem}-{n}{suffix}"
    return name


def _write(article: Path, text: str, folder: Path, names: dict[str, str], doc, lost: list[str], root: Path,
           file: Path) -> Imported:
    from generator.output.files import create_file
    from generator.paths import is_inside
    images = []
    for picture in doc.pictures:
        path = folder / "images" / names[picture.placeholder]
        create_file(path, picture.data)
        images.append(path)
    create_file(article, text)
    return Imported(article, tuple(images), tuple([*doc.messages, *lost]), is_inside(root, file))


def _today() -> dt.date:
    from generator.clock import today
    return today()
