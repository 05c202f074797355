"""An article file → `Article`: its front matter checked for its section's kind, its style
noted in warnings (`bulletin check --strict` fails on them)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.cjk import width_em
from generator.content import schema as s
from generator.content.config import read_text
from generator.content.documents import check_dates, documents
from generator.content.folders import language_suffix
from generator.content.frontmatter import Split, split_front_matter
from generator.content.model import Article, ArticleMeta, Correction, Source
from generator.content.settings import Section
from generator.content.slugs import is_valid_slug, slug_from_filename
from generator.content.translations import translation_fields
from generator.content.yamlmap import Entry, YamlMap
from generator.errors import Problem, Report, closest, describe, shown


@dataclass(frozen=True)
class Parsed:
    """An article as read (None if it has problems), with what reading it reported, and
    whether it says `draft: true` (so that its problems can be told apart)."""
    article: Article | None
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    draft: bool = False
    dated: tuple[tuple[int, str, dt.date], ...] = ()   # (line, field, date) of `updated` and each correction


CORRECTION_KEYS = ("date", "text")


def corrections(entry: Entry) -> tuple[Correction, ...]:
    """`corrections: [{date: 2024-08-01, text: …}, …]`; an item's problem is at its line."""
    if not isinstance(entry.value, list):
        raise s.FieldError("expected a list of {date, text}, like '- {date: 2024-08-01, text: 原文有误，已更正。}' "
                           f"on the next line, got {describe(entry.value)}")
    lines = (*entry.item_lines, *[entry.line] * len(entry.value))
    return tuple(_correction(item, f"item {i}: ", lines[i - 1]) for i, item in enumerate(entry.value, 1))


def _correction(item: Any, where: str, line: int) -> Correction:
    if not isinstance(item, dict):
        raise s.FieldError(f"{where}expected 'date: …' and 'text: …' lines, got {shown(item)}", line)
    for key in item:
        if key not in CORRECTION_KEYS:
            hint = closest(str(key), CORRECTION_KEYS)
            more = f"; did you mean '{hint}'?" if hint else " (a correction has date and text)"
            raise s.FieldError(f"{where}unknown key {shown(key)}{more}", line)
    missing = next((key for key in CORRECTION_KEYS if key not in item), None)
    if missing:
        raise s.FieldError(f"{where}missing '{missing}'", line)
    date, text = item["date"], item["text"]
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        raise s.FieldError(f"{where}date: expected YYYY-MM-DD, got {shown(date)}", line)
    if not isinstance(text, (str, int, float)) or isinstance(text, bool) or not str(text).strip():
        raise s.FieldError(f"{where}text must not be empty" if text in ("", None) else
                           f"{where}text: expected text, got {describe(text)}", line)
    return Correction(date, str(text).strip())


_COMMON = {
    "title": s.Field(s.text, required=True),
    "summary": s.Field(s.text),
    "tags": s.Field(s.distinct_text_list),
    "slug": s.Field(s.text),
    "order": s.Field(s.integer),
    "draft": s.Field(s.boolean),
    "updated": s.Field(s.date),
    "corrections": s.Field(corrections),
    "documents": s.Field(documents),
}
ARTICLE_FIELDS = {
    "brief": {**_COMMON, "date": s.Field(s.date, required=True),
              "source": s.Field(s.text, required=True), "source_url": s.Field(s.url)},
    "essay": {**_COMMON, "date": s.Field(s.date, required=True),
              "author": s.Field(s.text, required=True), "author_title": s.Field(s.text),
              "abstract": s.Field(s.text_list)},
    "market": {**_COMMON, "date": s.Field(s.date)},
}


def read_article(path: Path, real: Path, issue_id: str, section: Section, lang_edition: str = "") -> Parsed:
    """`real`: the file's resolved path, which names it everywhere after reading. `lang_edition`:
    the language of a translation (x.en.md), which may leave out what it shares with its
    original (`translations.pair_translations` fills it in)."""
    report = Report()
    text = read_text(path, report)
    split = split_front_matter(text, path, report) if text is not None else None
    if split is None:
        return Parsed(None, tuple(report.problems), tuple(report.warnings))
    article = _article(split, path, real, (issue_id, section, lang_edition), report)
    draft = getattr(split.data.entries.get("draft"), "value", None) is True
    dated = _dated(split.data, article.meta) if article else ()
    if article and article.meta.date:
        _changed_after(dated, article.meta.date, path, report)
    return Parsed(None if report.problems else article, tuple(report.problems), tuple(report.warnings), draft,
                  dated)


def _dated(data: YamlMap, meta: ArticleMeta) -> tuple[tuple[int, str, dt.date], ...]:
    found = [(data.entries["updated"].line, "updated", meta.updated)] if meta.updated else []
    if meta.corrections:
        entry = data.entries["corrections"]
        lines = (*entry.item_lines, *[entry.line] * len(meta.corrections))
        found += [(lines[i], f"corrections: item {i + 1}", c.date) for i, c in enumerate(meta.corrections)]
    return tuple(found)


def _changed_after(dated: tuple[tuple[int, str, dt.date], ...], date: dt.date, path: Path, report: Report) -> None:
    """An article is changed after it is published, not before: `updated` and each
    correction are on or after its `date`."""
    for line, what, day in dated:
        if day < date:
            report.error(path, line, f"{what}: {day.isoformat()} is before the article's date {date.isoformat()}")


def late_dates(parsed: Parsed, today: dt.date) -> list[tuple[int, str]]:
    """`updated` or a correction dated after today, most likely a typo (2025 for 2024)."""
    return [(line, f"{what}: {day.isoformat()} is after today ({today.isoformat()}): a typo?")
            for line, what, day in parsed.dated if day > today]


def load_article(path: Path, real: Path, issue_id: str, section: Section, report: Report) -> Article | None:
    parsed = read_article(path, real, issue_id, section)
    report.problems.extend(parsed.problems)
    report.warnings.extend(parsed.warnings)
    return parsed.article


def _article(split: Split, path: Path, real: Path, place: tuple[str, Section, str],
             report: Report) -> Article | None:
    issue_id, section, lang_edition = place
    context = f" for {section.kind} articles (section '{section.key}')"
    fields = translation_fields(ARTICLE_FIELDS[section.kind]) if lang_edition else ARTICLE_FIELDS[section.kind]
    if "language" in split.data.entries:   # what a new user tries first (Hugo's front matter has it)
        stem = path.name.removesuffix(".md")
        report.error(path, split.data.entries["language"].line,
                     f"language: an article's language is in its file name, not its front matter: "
                     f"{stem}.en.md is {stem}.md in English "
                     "(with the languages listed in site.yml: languages: [zh-CN, en])")
        return None
    values = s.check_fields(split.data, fields, report, context)
    if values is None:
        return None
    own_slug = values.get("slug") if lang_edition else None   # a translation's own, else its original's
    slug = values.pop("slug", None) or slug_from_filename(language_suffix(path.name)[0])
    if not is_valid_slug(slug):
        line = split.data.entries["slug"].line if "slug" in split.data.entries else 1
        report.error(path, line,
                     f"slug: {shown(slug)} must be lowercase letters, digits and hyphens, like 'cea-quarter'")
        return None
    meta = ArticleMeta(**values, slug=own_slug)
    check_dates(meta.documents, meta.date, split.data, report)
    warn_style(meta, split.data.entries, path, report)
    return Article(Source(real, split.body_line), issue_id, section, slug, meta, split.body, lang_edition)


LONG_TITLE = 40  # Chinese characters' widths; a longer headline wraps badly in the index and the PDF TOC


def title_width(title: str) -> float:
    """In Chinese characters: a Latin letter, digit or space is about half as wide
    (a 41-letter English headline is not too long)."""
    return width_em(title)


def warn_style(meta: ArticleMeta, entries: dict, path: Path, report: Report) -> None:
    """Things that build but a careful editor fixes (`bulletin check --strict` fails on them)."""
    if not meta.tags:
        report.warn(path, 1, "no tags: the article appears on no tag page")
    if not meta.summary:
        report.warn(path, 1, "no summary: lists and the feed use the first sentences instead")
    if (width := title_width(meta.title)) > LONG_TITLE:
        report.warn(path, entries["title"].line, f"title is as wide as {width:g} Chinese characters; "
                                                 f"over {LONG_TITLE} wraps badly")
    for key, entry in entries.items():
        if isinstance(entry.value, str) and entry.value.strip().upper() == "TODO":
            report.warn(path, entry.line, f"{key} is still TODO")
