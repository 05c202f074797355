"""The search index's data: every position of every article's text, under a key.

Search finds the articles whose text holds the searched term as a substring, exactly: no
dictionary decides where words end, so a term is found however a sentence around it would
be cut, and nothing that merely resembles it is. The text is *folded* first (`fold`: NFKC,
lower case, one space for white space), in the browser the same way.

Each position of the folded text (spaces aside) is indexed under a key:

- a letter or digit of an alphabet that spaces its words (below U+2E80: Latin, Greek,
  Cyrillic…) under the three characters from there, cut at a space ("pri" for the p of
  "price", "e" for its last letter);
- any other character (Chinese, Japanese, Korean, punctuation) under itself.

A term is found at position p of an article when keys that cover it are at p plus their
offsets in the term (`static/search-index.js` picks them: "碳足迹" is 碳 at p, 足 at p+1,
迹 at p+2; "pricing" is "pri" at p and "ing" at p+4); a term ending in one or two letters
after other characters asks for the keys that begin with them. Keys are put into shards by
their first two characters (`shard_of`), so a term needs only the shards of its own keys.

A shard is bytes: for each key, its UTF-8 length and text, the length of its postings, then
the postings: the number of articles, and for each article the gap from the last article's
number, the number of positions and their gaps, all as unsigned LEB128.

The positions of a thousand articles are a million or so: they are keyed, sorted and
encoded with numpy, whole arrays at a time, not one by one in Python.
"""
from __future__ import annotations

import math
import unicodedata

import numpy as np
import numpy.typing as npt

SHARD_BYTES = 24 * 1024      # what a shard aims at: a term of four keys fetches about 100 KB at most
SPACED_BELOW = "\u2e80"      # letters and digits below this code point are of alphabets that space words
FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193
SPACE = 0x20
Ints = npt.NDArray[np.int64]


def fold(text: str) -> str:
    """What search compares: NFKC (full-width Ｃ is C, ① is 1), lower case, white space runs as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def is_spaced_letter(ch: str) -> bool:
    """A letter or digit indexed with the two characters after it (the browser's rule:
    /[\\p{L}\\p{N}]/u below U+2E80)."""
    return ch < SPACED_BELOW and unicodedata.category(ch)[0] in "LN"


def shard_of(key: str, shards: int) -> int:
    """FNV-1a of the UTF-8 of the key's first two characters, modulo the number of shards."""
    value = FNV_OFFSET
    for byte in key[:2].encode("utf-8"):
        value = ((value ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    return value % shards


def leb128(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def keyed_positions(texts: list[str]) -> tuple[Ints, Ints, Ints]:
    """(key, article, position) of every position but spaces, sorted. A key is its up to
    three code points in one integer (21 bits each; 0: none)."""
    joined = " ".join(texts)
    size = len(joined)
    points = np.frombuffer((joined + "  ").encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
    lengths = np.array([len(t) + 1 for t in texts], dtype=np.int64)
    article = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)[:size]
    position = np.arange(size, dtype=np.int64) - (np.cumsum(lengths) - lengths)[article]
    first, second, third = points[:size], points[1:size + 1], points[2:size + 2]
    distinct, which = np.unique(first, return_inverse=True)
    letter = np.array([is_spaced_letter(chr(c)) for c in distinct.tolist()], dtype=bool)[which]
    second = np.where(second == SPACE, 0, second)
    third = np.where((second == 0) | (third == SPACE), 0, third)
    key = np.where(letter, (first << 42) | (second << 21) | third, first << 42)
    kept = first != SPACE
    key, article, position = key[kept], article[kept], position[kept]
    order = np.argsort(key, kind="stable")   # positions are in order of article and place already
    return key[order], article[order], position[order]


def postings_values(key: Ints, article: Ints, position: Ints) -> tuple[Ints, Ints]:
    """The numbers of every key's postings, in order, and where each key's start among them."""
    count = len(key)
    new_key = np.ones(count, dtype=bool)
    new_key[1:] = key[1:] != key[:-1]
    new_article = new_key.copy()
    new_article[1:] |= article[1:] != article[:-1]
    # each position's place: after the headers of its article (gap, count) and key (articles)
    place = np.arange(count) + 2 * np.cumsum(new_article) + np.cumsum(new_key)
    values = np.empty(count + 2 * int(new_article.sum()) + int(new_key.sum()), dtype=np.int64)
    values[place] = position - np.where(new_article, 0, np.roll(position, 1))
    groups = np.flatnonzero(new_article)
    group_article, group_new_key = article[groups], new_key[groups]
    values[place[groups] - 2] = group_article - np.where(group_new_key, 0, np.roll(group_article, 1))
    values[place[groups] - 1] = np.diff(np.append(groups, count))
    keys = np.flatnonzero(new_key)
    values[place[keys] - 3] = np.diff(np.append(np.flatnonzero(group_new_key), len(groups)))
    return values, place[keys] - 3


def encode_leb128(values: Ints) -> tuple[npt.NDArray[np.uint8], Ints]:
    """The values as unsigned LEB128, and where each value's bytes start."""
    sizes = np.ones(len(values), dtype=np.int64)
    for shift in range(7, 64, 7):
        sizes += values >= (1 << shift)
    starts = np.cumsum(sizes) - sizes
    out = np.empty(int(sizes.sum()), dtype=np.uint8)
    for byte in range(int(sizes.max(initial=1))):
        on = sizes > byte
        more = (sizes[on] > byte + 1).astype(np.int64) << 7
        out[starts[on] + byte] = ((values[on] >> (7 * byte)) & 0x7F) | more
    return out, starts


def key_name(key: int) -> str:
    return "".join(chr(c) for c in ((key >> 42) & 0x1FFFFF, (key >> 21) & 0x1FFFFF, key & 0x1FFFFF) if c)


def build_shards(texts: list[str]) -> list[bytes]:
    """The shards of the folded texts (article i is texts[i]); their number grows with the index."""
    key, article, position = keyed_positions(texts)
    if not len(key):
        return [b""]
    values, key_starts = postings_values(key, article, position)
    data, value_starts = encode_leb128(values)
    starts = value_starts[key_starts].tolist()
    ends = [*starts[1:], len(data)]
    names = [key_name(k) for k in np.unique(key).tolist()]
    count = max(1, math.ceil((len(data) + sum(len(n) * 3 + 4 for n in names)) / SHARD_BYTES))
    shards = [bytearray() for _ in range(count)]
    raw = data.tobytes()
    for name, start, end in zip(names, starts, ends, strict=True):
        encoded = name.encode("utf-8")
        shard = shards[shard_of(name, count)]
        shard += leb128(len(encoded)) + encoded + leb128(end - start)
        shard += raw[start:end]
    return [bytes(s) for s in shards]
