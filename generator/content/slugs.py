"""URL names: ASCII, lowercase, hyphenated; Chinese becomes pinyin so URLs work on every host."""
from __future__ import annotations

import re
import unicodedata

from generator.cjk import has_han

_VALID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def slugify(text: str, memo: dict[str, str] | None = None) -> str:
    """'碳普惠 CCER' → 'tan-pu-hui-ccer'. Lazy pypinyin import: only Chinese needs it, and
    `memo` (kept in the build cache) spares clean rebuilds loading pypinyin's dictionaries."""
    if memo is not None:
        if text not in memo:
            memo[text] = slugify(text)
        return memo[text]
    if has_han(text):
        from pypinyin import Style, lazy_pinyin
        text = " ".join(lazy_pinyin(text, style=Style.NORMAL, errors="default"))
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def slug_from_filename(stem: str) -> str:
    return slugify(_DATE_PREFIX.sub("", stem))


def is_valid_slug(slug: str) -> bool:
    return bool(_VALID.match(slug))
