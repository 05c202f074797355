"""`documents:` of an article: the policy documents it cites, checked where they are written.

    documents:
      - title: 关于印发《…三年行动方案（2024—2026年）》的通知
        number: 国办发〔2024〕33号      # optional
        issuer: 国务院办公厅            # or a list: [国家发展改革委, 财政部]
        date: 2024-07-04
        url: https://www.gov.cn/…       # optional

Each problem is an error at the line of the key that holds it, with what to write instead.
A document is one document wherever it is cited: `check_citations` holds every citation of
a number (or of a title and date, without one) to the same title, issuers and date.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.content import schema as s
from generator.content.docnumbers import number_problem, year_of
from generator.content.model import Article, Document, Issue
from generator.content.yamlmap import Entry, YamlMap
from generator.errors import Report, closest, describe, shown

KEYS = ("title", "number", "issuer", "date", "url")
REQUIRED = ("title", "issuer", "date")
EXAMPLE = "'- {title: …, issuer: 国务院办公厅, date: 2024-07-04}'"


class _Item:
    """One item of the list: its keys' lines, and every problem found in it."""

    def __init__(self, entry: Entry, index: int) -> None:
        self.index = index
        line = entry.item_lines[index] if index < len(entry.item_lines) else entry.line
        keys = entry.item_keys[index] if index < len(entry.item_keys) else ()
        self.line, self.lines = line, dict(keys)
        self.problems: list[tuple[int | None, str]] = []

    def fail(self, key: str | None, message: str) -> None:
        where = f"item {self.index + 1}" + (f", {key}" if key else "")
        self.problems.append((self.lines.get(key or "", self.line), f"{where}: {message}"))


def documents(entry: Entry) -> tuple[Document, ...]:
    """The `documents:` field (schema.Field's converter): every problem of every item at once."""
    if not isinstance(entry.value, list):
        raise s.FieldError(f"expected a list of documents, one per line like {EXAMPLE}, got {describe(entry.value)}")
    found, problems = [], []
    for i, value in enumerate(entry.value):
        item = _Item(entry, i)
        document = _document(value, item)
        problems += item.problems
        if document is not None:
            found.append((item, document))
    _twice(found, problems)
    if problems:
        raise s.FieldErrors(problems)
    return tuple(doc for _, doc in found)


def _document(value: Any, item: _Item) -> Document | None:
    if not isinstance(value, dict):
        item.fail(None, f"expected 'title: …', 'issuer: …' and 'date: …' lines, got {shown(value)}")
        return None
    for key in value:
        if key not in KEYS:
            hint = closest(str(key), KEYS, cutoff=0.5)
            item.fail(str(key), f"unknown key {shown(key)}" + (f"; did you mean '{hint}'?" if hint else
                                                                   f"; a document has {', '.join(KEYS)}"))
    for key in REQUIRED:
        if key not in value:
            item.fail(None, f"missing '{key}'")
    title = _title(value.get("title"), item) if "title" in value else None
    issuers = _issuers(value.get("issuer"), item) if "issuer" in value else None
    date = _date(value.get("date"), item) if "date" in value else None
    number = _number(value["number"], date, item) if "number" in value else None
    url = _url(value["url"], item) if "url" in value else None
    if item.problems or title is None or issuers is None or date is None:
        return None
    return Document(title, issuers, date, number, url)


def _text(value: Any, item: _Item, key: str) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        item.fail(key, f"expected text, got {describe(value)}")
        return None
    text = str(value).strip()
    if not text:
        item.fail(key, "must not be empty")
        return None
    return text


def _title(value: Any, item: _Item) -> str | None:
    title = _text(value, item, "title")
    if title and title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        item.fail("title", f"write the title without 《》: {shown(title[1:-1])} (the citation adds what it needs)")
        return None
    return title


def _issuers(value: Any, item: _Item) -> tuple[str, ...] | None:
    items = value if isinstance(value, list) else [value]
    names = [_text(v, item, "issuer") for v in items]
    if not items or any(n is None for n in names):
        if not items:
            item.fail("issuer", "expected one issuer or a list of them, got an empty list")
        return None
    issuers = tuple(n for n in names if n)
    for name in issuers:
        if "、" in name or "，" in name:
            parts = [p.strip() for p in name.replace("，", "、").split("、") if p.strip()]
            item.fail("issuer", f"{shown(name)} names several issuers: write them as a list, "
                                f"[{', '.join(parts)}]")
            return None
    twice = next((n for i, n in enumerate(issuers) if n in issuers[:i]), None)
    if twice:
        item.fail("issuer", f"{shown(twice)} is listed twice")
        return None
    return issuers


def _date(value: Any, item: _Item) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    item.fail("date", f"expected YYYY-MM-DD, the day the document was issued, got {describe(value)}")
    return None


def _number(value: Any, date: dt.date | None, item: _Item) -> str | None:
    number = _text(value, item, "number")
    if number is None:
        return None
    found = number_problem(number, date.year if date else None)
    if found is not None:
        why = "; ".join(found.reasons) or "a 文号 reads 机关代字〔年份〕序号号"
        fix = f": write {found.suggestion}" if found.suggestion else ", like 国办发〔2024〕33号"
        item.fail("number", f"{shown(number)} is not a 文号 as written ({why}){fix}")
        return None
    year = year_of(number)
    if date is not None and year != date.year:
        fixed = number.replace(f"〔{year}〕", f"〔{date.year}〕")
        item.fail("number", f"the year in {number} is {year} but the document's date is {date.isoformat()}: "
                            f"a 文号 carries the year of issue; correct the number ({fixed}?) or the date")
        return None
    return number


def _url(value: Any, item: _Item) -> str | None:
    url = _text(value, item, "url")
    if url and (problem := s.web_address_problem(url)):
        item.fail("url", problem)
        return None
    return url


def _twice(found: list[tuple[_Item, Document]], problems: list[tuple[int | None, str]]) -> None:
    seen: set[tuple] = set()
    for item, doc in found:
        if identity(doc) in seen:
            problems.append((item.line, f"item {item.index + 1}: {doc.number or shown(doc.title)} is cited twice "
                                        "in this article; delete one"))
        seen.add(identity(doc))


def identity(doc: Document) -> tuple:
    """What makes two citations one document: its number, else its title and date."""
    return ("number", doc.number) if doc.number else ("title", doc.title, doc.date)


def check_dates(documents: tuple[Document, ...], date: dt.date | None, data: YamlMap, report: Report) -> None:
    """An article reports on documents issued before it: none is dated after the article."""
    if date is None or not documents:
        return
    entry = data.entries["documents"]
    for i, doc in enumerate(documents):
        if doc.date > date:
            item = _Item(entry, i)
            report.error(data.path, item.lines.get("date", item.line),
                         f"documents: item {i + 1}, date: {doc.date.isoformat()} is after the article's date "
                         f"{date.isoformat()}; an article cites documents issued before it: correct one of the dates")


Citation = tuple[Article, int, Document]   # the article, the item's index, the document


def check_citations(issues: Iterable[Issue], report: Report) -> None:
    """One number, one document: every citation of a 文号 (or, without one, of a title and
    date) gives the same title, issuers and date as its first, in the oldest issue. A
    citation without the number of a document cited elsewhere with one is a warning."""
    first: dict[tuple, Citation] = {}
    numbered: dict[tuple[str, dt.date], Citation] = {}
    for article, i, doc in _citations(issues):
        known = first.setdefault(identity(doc), (article, i, doc))
        if known[0] is not article:
            _compare((article, i, doc), known, report)
        if doc.number:
            numbered.setdefault((doc.title, doc.date), (article, i, doc))
    for article, i, doc in _citations(issues):
        other = numbered.get((doc.title, doc.date))
        if not doc.number and other is not None:
            report.warn(article.source.path, _line_of(article, i, "title"),
                        f"documents: item {i + 1}: this document is cited with the number {other[2].number} at "
                        f"{_place(other, 'number')}: add 'number: {other[2].number}' so the register lists it once")


def _citations(issues: Iterable[Issue]) -> Iterable[Citation]:
    for issue in sorted(issues, key=lambda x: (x.date, x.id)):
        for article in issue.articles:
            for i, doc in enumerate(article.meta.documents):
                yield article, i, doc


def _compare(here: Citation, there: Citation, report: Report) -> None:
    article, i, doc = here
    other = there[2]
    name = doc.number or shown(doc.title)
    for key, mine, theirs in (("title", doc.title, other.title), ("issuer", "、".join(doc.issuers),
                              "、".join(other.issuers)), ("date", doc.date.isoformat(), other.date.isoformat())):
        if mine != theirs:
            report.error(article.source.path, _line_of(article, i, key),
                         f"documents: item {i + 1}, {key}: {name} is cited here with {key} {shown(mine)} but at "
                         f"{_place(there, key)} with {shown(theirs)}; one document has one {key}: make them the same")


def _place(citation: Citation, key: str) -> str:
    from generator.errors import display_path
    article, i, _ = citation
    return f"{display_path(article.source.path)}:{_line_of(article, i, key)}"


def _line_of(article: Article, index: int, key: str) -> int:
    """The line of `key` in the article's documents item `index`."""
    from generator.content.frontmatter import read_front_matter
    data = read_front_matter(Path(article.source.path))
    entry = data.entries.get("documents") if data else None
    if entry is None:
        return 1
    item = _Item(entry, index)
    return item.lines.get(key, item.line)
