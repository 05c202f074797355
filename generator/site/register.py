"""The policy register: every document cited anywhere, one entry each, with the articles (of
any issue) that cite it; and each issuer's documents.

A document is one entry wherever it is cited: by its 文号, else by its title and date
(content/documents.py holds the citations of one document to the same title, issuers and
date; a citation without the number of one cited with it elsewhere joins that entry).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.content.documents import identity
from generator.content.model import Document, Publication
from generator.content.slugs import slugify
from generator.errors import Report
from generator.incremental.hashing import digest
from generator.site import urls


@dataclass(frozen=True)
class IssuerRef:
    name: str
    slug: str
    lang_edition: str = ""   # the language edition whose register links it

    @property
    def path(self) -> str:
        return urls.issuer_path(self.slug, self.lang_edition)


@dataclass(frozen=True)
class DocRef:
    """A document as an article cites it, with its issuers' pages and its register entry's id."""
    document: Document
    issuers: tuple[IssuerRef, ...]
    key: str          # the id of its register entry: the same wherever it is cited

    @property
    def anchor(self) -> str:
        return f"doc-{self.key}"


@dataclass(frozen=True)
class Entry:
    """One document of the register and every article citing it, newest first."""
    ref: DocRef
    citing: tuple  # tuple[ArticleView, ...] (views import this module)

    @property
    def document(self) -> Document:
        return self.ref.document

    @property
    def year(self) -> int:
        return self.ref.document.date.year


def doc_refs(pub: Publication, report: Report, slugs: dict[str, str] | None) -> dict[tuple, DocRef]:
    """Each cited document's DocRef, by its identity; two spellings of an issuer that would
    share a page are an error (like tags)."""
    numbered = {(d.title, d.date): d for _, d in _citations(pub) if d.number}
    merged: dict[tuple, Document] = {}
    for _, doc in _citations(pub):   # oldest first: the first web address given is the entry's
        doc = numbered.get((doc.title, doc.date), doc) if not doc.number else doc
        known = merged.get(identity(doc))
        if known is None or (known.url is None and doc.url):
            merged[identity(doc)] = doc if known is None else replace(known, url=doc.url)
    issuers = _issuer_refs((name for d in merged.values() for name in d.issuers), pub, report, slugs)
    refs = {key: DocRef(doc, tuple(issuers[n] for n in doc.issuers), digest(*key)[:10])
            for key, doc in merged.items()}
    for (title, date), doc in numbered.items():   # the citations without the number
        refs.setdefault(("title", title, date), refs[identity(doc)])
    return refs


def ref_of(refs: dict[tuple, DocRef], doc: Document) -> DocRef:
    return refs[identity(doc)]


def _citations(pub: Publication) -> Iterable[tuple[Path, Document]]:
    for issue in sorted(pub.issues, key=lambda i: (i.date, i.id)):
        for article in issue.articles:
            for doc in article.meta.documents:
                yield article.source.path, doc


def _issuer_refs(names: Iterable[str], pub: Publication, report: Report,
                 slugs: dict[str, str] | None) -> dict[str, IssuerRef]:
    refs: dict[str, IssuerRef] = {}
    by_slug: dict[str, str] = {}
    for name in sorted(set(names)):
        slug = slugify(name, slugs) or "issuer"
        if slug in by_slug:
            report.error(pub.site.root / "issues", None, f"documents: issuers '{by_slug[slug]}' and '{name}' would "
                         f"share the page documents/issuers/{slug}/; write one spelling in every article")
        by_slug.setdefault(slug, name)
        refs[name] = IssuerRef(name, slug, pub.site.lang_edition)
    return refs


def register(issues: tuple) -> tuple[Entry, ...]:
    """Every document cited by the articles of `issues` (IssueViews), newest first."""
    citing: dict[str, list] = {}
    refs: dict[str, DocRef] = {}
    for view in issues:
        for art in view.articles:
            for ref in art.documents:
                refs.setdefault(ref.key, ref)
                citing.setdefault(ref.key, []).append(art)
    entries = [Entry(ref, tuple(_newest_first(citing[key]))) for key, ref in refs.items()]
    entries.sort(key=lambda e: (-e.document.date.toordinal(), e.document.number or "", e.document.title))
    return tuple(entries)


def _newest_first(arts: list) -> list:
    return sorted(arts, key=lambda a: (a.meta.date or a.issue.date, a.path), reverse=True)


def by_issuer(entries: tuple[Entry, ...]) -> tuple[tuple[IssuerRef, tuple[Entry, ...]], ...]:
    """Each issuer and its documents, the issuer with the most first."""
    found: dict[IssuerRef, list[Entry]] = {}
    for entry in entries:
        for issuer in entry.ref.issuers:
            found.setdefault(issuer, []).append(entry)
    return tuple(sorted(((i, tuple(e)) for i, e in found.items()), key=lambda kv: (-len(kv[1]), kv[0].slug)))


def newest(entries: Iterable[Entry]) -> dt.date | None:
    return max((a.meta.date or a.issue.date for e in entries for a in e.citing), default=None)
