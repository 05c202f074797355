"""Bilingual publishing in the content tree: an article's translation is the file of the same
name with the language before `.md` (x.en.md beside x.md); x.en.md alone is an article in that
language only; an issue's title and highlights may be given by language, its 引言 in
intro.<lang>.md."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.content import schema as s
from generator.content.model import Article, IssueText, Source
from generator.content.settings import Site
from generator.content.yamlmap import YamlMap
from generator.errors import Report

_NEED_DATE = ("brief", "essay")
_FINGERPRINT = re.compile(r"[0-9a-f]{8}")


def translation_fields(fields: dict[str, s.Field]) -> dict[str, s.Field]:
    """A translation's front matter: its date may be left out (its original's is taken); it may
    say which state of its original it follows (`translated_from`)."""
    own = {key: replace(spec, required=False) if key == "date" else spec for key, spec in fields.items()}
    return {**own, "translated_from": s.Field(fingerprint_field)}


def fingerprint_field(entry: s.Entry) -> str:
    value = s.text(entry).lower()
    if not _FINGERPRINT.fullmatch(value):
        raise s.FieldError(f"expected the 8 letters and digits `bulletin check` gives, like 3f9a0c1e, got "
                           f"{s.shown(value)}")
    return value


def fingerprint(a: Article) -> str:
    """The original as a translation follows it: its title, summary, abstract and text."""
    text = "\n".join((a.meta.title, a.meta.summary or "", *a.meta.abstract, a.body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def warn_stale(a: Article, original: Article, report: Report) -> None:
    """A translation older than its original, so that editors know what to bring up to date:
    by `translated_from` (the original's fingerprint when it was translated), else by the dates
    (the original's `updated` or a correction after the translation's last change)."""
    now, name = fingerprint(original), original.source.path.name
    if a.meta.translated_from is None:
        stale = (original.last_change or dt.date.min) > (a.last_change or dt.date.min)
        since = f"{name} was changed on {original.last_change}, after this translation; " if stale else ""
        report.warn(a.source.path, 1, f"{since}add translated_from: {now} (the original as it is now) so that "
                                      f"check tells you when {name} changes")
    elif a.meta.translated_from != now:
        report.warn(a.source.path, 1, f"older than its original: {name} changed since translated_from: "
                                      f"{a.meta.translated_from}; bring the translation up to date, then set "
                                      f"translated_from: {now}")


def pair_translations(articles: list[Article], report: Report) -> dict[str, list[Article]]:
    """An issue's articles by edition ('' the default language), each translation completed with
    what it shares with its original: date, slug, order, source_url and the documents it cites,
    unless it gives its own."""
    originals = {a.twin: a for a in articles if not a.lang_edition}
    out: dict[str, list[Article]] = {}
    for a in articles:
        done = completed(a, originals.get(a.twin), report) if a.lang_edition else a
        if done is not None:
            out.setdefault(a.lang_edition, []).append(done)
    return out


def completed(a: Article, original: Article | None, report: Report) -> Article | None:
    meta = a.meta
    if original is None:   # in this language only: it needs every field of its kind
        if meta.date is None and a.section.kind in _NEED_DATE:
            report.error(a.source.path, 1, f"missing required field 'date' for {a.section.kind} articles "
                                           f"(section '{a.section.key}'): an article only in {a.lang_edition} has no "
                                           f"{a.twin[2]}.md to take it from")
            return None
        return a
    first = original.meta
    meta = replace(meta, date=meta.date or first.date, order=first.order if meta.order is None else meta.order,
                   source_url=meta.source_url or first.source_url, documents=meta.documents or first.documents)
    done = replace(a, meta=meta, slug=a.slug if meta.slug else original.slug)
    warn_stale(done, original, report)
    return done


def issue_texts(site: Site, data: YamlMap, values: dict[str, Any], report: Report,
                read_intro: Callable[[Path], str | None]) -> tuple[tuple[str, IssueText], ...] | None:
    """The issue's title, highlights and 引言 in each language of the site, the default first
    (whose 引言 and articles the caller reads)."""
    languages = site.all_languages
    alone = not (site.languages and "language" in values)
    if not alone:
        report.error(data.path, data.entries["language"].line,
                     f"language: an issue of a site with languages: is published in each of them "
                     f"({', '.join(languages)}); remove language:")
    titles = s.texts_in(values["title"], languages, (data, "title"), report)
    points = s.texts_in(values.get("highlights", ()), languages, (data, "highlights"), report)
    if titles is None or points is None or not alone:
        return None
    out = [(languages[0], IssueText(titles[languages[0]], points[languages[0]], "", None, ()))]
    for lang in languages[1:]:
        path = data.path.parent / f"intro.{lang}.md"
        intro = read_intro(path)
        out.append((lang, IssueText(titles[lang], points[lang], intro or "",
                                    Source(path.resolve(), 1) if intro is not None else None, ())))
    return tuple(out)
