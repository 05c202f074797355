"""A policy document cited after GB/T 7714-2015 (信息与文献 参考文献著录规则), the standard
Chinese readers know from every journal:

    主要责任者. 题名: 其他题名信息[文献类型标识/载体标识]. (发布日期)[引用日期]. 获取和访问路径.

The issuers are the 主要责任者 (three at most, then 等, 8.1.2); the 文号 is the 其他题名信息;
a document on the web is [EB/OL] (电子公告, online) with its date, the day the article cited
it (引用日期) and its address; one without an address is [Z] (其他), dated.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.cjk import has_han
from generator.content.model import Document

MOST_ISSUERS = 3   # 8.1.2: more than three responsible bodies: the first three, then 等


@dataclass(frozen=True)
class Citation:
    """The reference as text, its web address (a link in the page) and what follows it."""

    text: str
    url: str | None
    end: str

    def __str__(self) -> str:
        return f"{self.text}{self.url or ''}{self.end}"


def cite(doc: Document, accessed: dt.date) -> Citation:
    """`accessed`: the day the citing article is dated (its 引用日期)."""
    title = f"{doc.title}: {doc.number}" if doc.number else doc.title
    head = f"{issuers(doc.issuers)}. {title}"
    if doc.url:
        return Citation(f"{head}[EB/OL]. ({doc.date.isoformat()})[{accessed.isoformat()}]. ", doc.url, ".")
    return Citation(f"{head}[Z]. {doc.date.isoformat()}.", None, "")


def issuers(names: tuple[str, ...]) -> str:
    if len(names) <= MOST_ISSUERS:
        return ", ".join(names)
    more = "等" if has_han(names[0]) else "et al"
    return ", ".join((*names[:MOST_ISSUERS], more))
