"""content/authors.yml → `Author`s, and each essay's `author:` checked against them.

    jiang-jikang:                 # the key: `author: jiang-jikang`, and the page authors/jiang-jikang/
      name: 姜继康                # or by language: {zh-CN: 姜继康, en: Jiang Jikang}
      title: 项目经理              # optional, also by language
      bio: 从事产品碳足迹与碳标签研究。   # optional, also by language
      photo: authors/jiang.jpg    # optional: an image inside the content folder

An `author:` written like a key (lowercase letters, digits and hyphens) must be one; any other
text is a name as it is (a guest, a byline of two).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.content import schema as s
from generator.content.model import Issue
from generator.content.settings import Author, Site
from generator.content.yamlmap import Entry, parse_mapping
from generator.errors import Report, closest, describe, shown
from generator.paths import UnsafePath, resolve_inside

FILE = "authors.yml"
KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
FIELDS = ("name", "title", "bio", "photo")
Texts = tuple[tuple[str, str], ...]


def load_authors(root: Path, report: Report) -> tuple[Author, ...] | None:
    """The authors of `root/authors.yml` (none without the file); None if it has problems."""
    from generator.content.config import read_text
    path = root / FILE
    if not path.is_file():
        return ()
    data = parse_mapping(read_text(path, report) or "", path, report, what=FILE)
    if data is None:
        return None
    found = [_author(key, entry, root, path, report) for key, entry in data.entries.items()]
    return tuple(a for a in found if a is not None) if all(found) else None


def _author(key: str, entry: Entry, root: Path, path: Path, report: Report) -> Author | None:
    lines = dict(entry.item_keys[0]) if entry.item_keys else {}

    def fail(field: str | None, message: str) -> None:
        report.error(path, lines.get(field or "", entry.line), f"{key}: " + (f"{field}: " if field else "") + message)

    if not KEY.fullmatch(key):
        from generator.content.slugs import slugify
        fail(None, f"a key is lowercase letters, digits and hyphens (it names the page authors/<key>/): "
                   f"write {shown(slugify(key) or 'name')} and use it in the essays' author:")
        return None
    value = entry.value
    if not isinstance(value, dict):
        fail(None, f"expected 'name: …' (and title, bio, photo) on the lines below it, got {describe(value)}")
        return None
    unknown = [k for k in value if k not in FIELDS]
    for k in unknown:
        hint = closest(str(k), FIELDS)
        fail(str(k), "unknown field" + (f"; did you mean '{hint}'?" if hint else f"; allowed: {', '.join(FIELDS)}"))
    if "name" not in value:
        fail(None, "missing 'name'")
    texts = {field: _texts(value[field], field, fail) for field in ("name", "title", "bio") if field in value}
    photo = _photo(value["photo"], root, fail) if "photo" in value else None
    if unknown or "name" not in value or None in texts.values() or photo is False:
        return None
    return Author(key, texts["name"] or (), texts.get("title") or (), texts.get("bio") or (),
                  photo if isinstance(photo, str) else None)


def _texts(value: Any, field: str, fail) -> Texts | None:
    """A text, or a text by language ({zh-CN: …, en: …})."""
    pairs = value.items() if isinstance(value, dict) else [("", value)]
    out = []
    for language, text in pairs:
        if language and (problem := s.language_problem(str(language))):
            fail(field, problem)
            return None
        if isinstance(text, bool) or text is None or isinstance(text, (list, dict)) or not str(text).strip():
            fail(field, f"expected text{' or text by language ({zh-CN: …, en: …})' if not language else ''}, "
                        f"got {describe(text)}")
            return None
        out.append((str(language), str(text).strip()))
    return tuple(out)


def _photo(value: Any, root: Path, fail) -> str | bool:
    """The photo's path inside the content folder (False: a problem, reported)."""
    if not isinstance(value, str) or not value.strip():
        fail("photo", f"expected a file name inside the content folder, got {describe(value)}")
        return False
    try:
        found = resolve_inside(root, value.strip())
    except UnsafePath as exc:
        fail("photo", str(exc))
        return False
    if not found.is_file():
        fail("photo", f"{shown(value)} does not exist in the content folder")
        return False
    from generator.figures.images import image_problem  # only for a photo: it parses SVG (expat)
    if problem := image_problem(found):
        fail("photo", f"{shown(value)} {problem}")
        return False
    return found.relative_to(root.resolve()).as_posix()


def check_bylines(site: Site, issues: Iterable[Issue], report: Report) -> None:
    """An `author:` written like a key names an author of authors.yml; a name an author of
    authors.yml has is a warning (write the key, and the byline links to their page)."""
    keys = [a.key for a in site.authors]
    names = {a.name(lang): a.key for a in site.authors for lang, _ in a.names}
    for issue in issues:
        for article in issue.articles:
            author = article.meta.author
            if author is None or author in keys:
                continue
            if KEY.fullmatch(author):
                hint = closest(author, keys)
                known = f"did you mean '{hint}'?" if hint else (
                    f"known: {', '.join(keys[:8])}" if keys else f"content/{FILE} lists no authors")
                report.error(article.source.path, _author_line(article.source.path),
                             f"author: {shown(author)} is no key of {FILE}; {known} (a name as it is printed "
                             "needs a capital or a space, like 'Li Wei')")
            elif author in names:
                report.warn(article.source.path, _author_line(article.source.path),
                            f"author: {shown(author)} is {FILE}'s '{names[author]}': write 'author: {names[author]}' "
                            "so the byline links to their page")


def _author_line(path: Path) -> int:
    from generator.content.frontmatter import front_matter_lines
    return front_matter_lines(path).get("author", 1)
