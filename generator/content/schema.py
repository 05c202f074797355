"""Field rules for YAML mappings: types, required keys, unknown keys with suggestions."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.content.addresses import base_url_problem, email_address_problem, normal_base_url, web_address_problem
from generator.content.yamlmap import Entry, YamlMap
from generator.errors import Report, closest, describe, shown

_SEXAGESIMAL = re.compile(r"^\d+(:[0-5]?\d)+$")
_YAML_BOOLS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


class FieldError(ValueError):
    """Why a value is refused; `line`: where, when not the key's own line (an item of a list)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class FieldErrors(FieldError):
    """Several problems in one value (the items of a list), each at its own line."""

    def __init__(self, problems: list[tuple[int | None, str]]) -> None:
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


def _surprise(entry: Entry) -> str:
    """Explain values YAML changed behind the editor's back."""
    raw = (entry.raw or "").strip()
    if isinstance(entry.value, bool) and raw.lower() in _YAML_BOOLS:
        return f" (YAML reads {raw} as a yes/no value; put it in quotes: '{raw}')"
    if isinstance(entry.value, int) and _SEXAGESIMAL.match(raw):
        return f" (YAML reads {raw} as the number {entry.value}; put it in quotes: '{raw}')"
    return ""


def text(entry: Entry) -> str:
    v = entry.value
    if isinstance(v, str) and v.strip():
        return v.strip()
    if isinstance(v, str):
        raise FieldError("must not be empty")
    if isinstance(v, (int, float)) and not isinstance(v, bool) and not _surprise(entry):
        return entry.raw or str(v)  # a number as text (e.g. a title '2024'): keep as typed
    raise FieldError(f"expected text, got {describe(v)}{_surprise(entry)}")


def date(entry: Entry) -> dt.date:
    v = entry.value
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    raise FieldError(f"expected YYYY-MM-DD, got {shown(entry.raw) if entry.raw is not None else describe(v)}")


def boolean(entry: Entry) -> bool:
    if isinstance(entry.value, bool):
        return entry.value
    raise FieldError(f"expected true or false, got {describe(entry.value)}")


def integer(entry: Entry) -> int:
    v = entry.value
    if isinstance(v, int) and not isinstance(v, bool) and not _surprise(entry):
        return v
    raise FieldError(f"expected a whole number, got {describe(v)}{_surprise(entry)}")


def url(entry: Entry) -> str:
    v = text(entry)
    if problem := web_address_problem(v):
        raise FieldError(problem)
    return v


def base_url(entry: Entry) -> str:
    v = text(entry)
    if problem := base_url_problem(v):
        raise FieldError(problem)
    return normal_base_url(v)


def email_address(entry: Entry) -> str:
    v = text(entry)
    if problem := email_address_problem(v):
        raise FieldError(problem)
    return v


_UNSUBSCRIBE_OUT = re.compile(r"[<>\"\x00-\x1f\x7f]")


def unsubscribe(entry: Entry) -> str:
    """A web or mailto: address, or the sending service's placeholder, passed through as it is
    ({{ UnsubscribeURL }}, *|UNSUB|*): it goes into a link and into <…> of List-Unsubscribe."""
    v = text(entry)
    if _UNSUBSCRIBE_OUT.search(v):
        raise FieldError(f"expected an address or your sending service's placeholder, got {shown(v)}: "
                         "it holds <, >, a double quote or a control character")
    if v.lower().startswith(("http:", "https:")) and (problem := web_address_problem(v)):
        raise FieldError(problem)
    return v


# RFC 5646's grammar (the regular tags; the few "grandfathered" ones like i-klingon aside)
_LANGUAGE_TAG = re.compile(r"""
    (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})      # language, extended language
    (?:-[a-z]{4})?                                   # script: Hans
    (?:-(?:[a-z]{2}|[0-9]{3}))?                      # region: CN, 419
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*         # variants: 1901
    (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*              # extensions
    (?:-x(?:-[a-z0-9]{1,8})+)?                       # private use: x-twain
""", re.VERBOSE | re.IGNORECASE | re.ASCII)


def language_problem(value: str) -> str | None:
    """A BCP 47 tag (zh-CN, en, zh-Hans-CN), or why not: it is written into lang= and xml:lang."""
    if _LANGUAGE_TAG.fullmatch(value):
        return None
    return f"expected a language tag like zh-CN or en (BCP 47), got {shown(value)}"


def language(entry: Entry) -> str:
    v = text(entry)
    if problem := language_problem(v):
        raise FieldError(problem)
    return v


def text_list(entry: Entry) -> tuple[str, ...]:
    v = entry.value
    if isinstance(v, str):
        raise FieldError(f"expected a list like [{shown(v)[1:-1]}], got the text {shown(v)}")
    if not isinstance(v, list):
        raise FieldError(f"expected a list, got {describe(v)}")
    out = []
    for i, item in enumerate(v, 1):
        if isinstance(item, bool) or item is None or isinstance(item, (list, dict)):
            raise FieldError(f"item {i}: expected text, got {describe(item)}")
        if not str(item).strip():
            raise FieldError(f"item {i} is empty")
        out.append(str(item).strip())
    return tuple(out)


def distinct_text_list(entry: Entry) -> tuple[str, ...]:
    """A list where each item may appear once (tags: twice would list the article twice)."""
    items = text_list(entry)
    twice = next((t for i, t in enumerate(items) if t in items[:i]), None)
    if twice is not None:
        raise FieldError(f"{shown(twice)} is listed twice")
    return items


def anything(entry: Entry) -> Any:
    return entry.value


@dataclass(frozen=True)
class Field:
    convert: Callable[[Entry], Any]
    required: bool = False


def check_fields(data: YamlMap, fields: dict[str, Field], report: Report,
                 context: str = "") -> dict[str, Any] | None:
    """Convert every known key; report unknown, missing and mistyped ones. None if any failed."""
    ok = True
    values: dict[str, Any] = {}
    for key, entry in data.entries.items():
        if key not in fields:
            hint = closest(key, fields)
            suggestion = f"; did you mean '{hint}'?" if hint else f"; allowed: {', '.join(fields)}"
            report.error(data.path, entry.line, f"unknown field {shown(key)}{context}{suggestion}")
            ok = False
            continue
        try:
            values[key] = fields[key].convert(entry)
        except FieldErrors as exc:
            for line, message in exc.problems:
                report.error(data.path, line or entry.line, f"{key}: {message}")
            ok = False
        except FieldError as exc:
            report.error(data.path, exc.line or entry.line, f"{key}: {exc}")
            ok = False
    for key, spec in fields.items():
        if spec.required and key not in data.entries:
            report.error(data.path, data.line, f"missing required field '{key}'{context}")
            ok = False
    return values if ok else None


def by_language(convert: Callable[[Entry], Any]) -> Callable[[Entry], Any]:
    """A field a reader sees, given once for every language or as a mapping by language
    (`title: {zh-CN: 碳桥, en: Carbon Bridge}`); `texts_in` checks the mapping's languages."""
    from generator.content.settings import Localized

    def read(entry: Entry) -> Any:
        if not isinstance(entry.value, dict):
            return convert(entry)
        texts = []
        for key, value in entry.value.items():
            try:
                texts.append((str(key), convert(Entry(value, entry.line, None))))
            except FieldError as exc:
                raise FieldError(f"{key}: {exc}") from None
        return Localized(tuple(texts))
    return read


def texts_in(value: Any, languages: tuple[str, ...], where: tuple[YamlMap, str],
             report: Report, named: str = "") -> dict[str, Any] | None:
    """{language: value} for every language of the site: a plain value is the same in all;
    a mapping must give each language, and no other. `where`: the mapping and the key;
    `named`: the key as messages name it (`snapshot: labels`), if not the key alone."""
    from generator.content.settings import Localized
    data, key = where
    if not isinstance(value, Localized):
        return dict.fromkeys(languages, value)
    line = data.entries[key].line if key in data.entries else data.line
    key = named or key
    given = dict(value.texts)
    ok = True
    for lang in given:
        if lang not in languages:
            report.error(data.path, line, f"{key}: {shown(lang)} is not one of the site's languages "
                                          f"({', '.join(languages)}; site.yml lists them as languages:)")
            ok = False
    for lang in languages:
        if lang not in given:
            report.error(data.path, line, f"{key}: no text for {lang} (every language of site.yml needs one: "
                                          f"{', '.join(languages)})")
            ok = False
    return given if ok else None


def language_list(entry: Entry) -> tuple[str, ...]:
    """`languages: [zh-CN, en]`: distinct language tags, the first the default."""
    tags = distinct_text_list(entry)
    for tag in tags:
        if problem := language_problem(tag):
            raise FieldError(problem)
    if not tags:
        raise FieldError("expected at least one language, like [zh-CN, en]")
    return tags
