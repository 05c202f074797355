"""generator/site/search_index.py: the keys, the shards, and finding a term in them.

`find` below reads the shards as static/search-index.js does (same cover of a term by keys,
same shard choice): it checks the data the browser is given, here for many generated texts;
tests/test_search_quality.py checks the browser's own code against the same truth.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.search_index import build_shards, fold, is_spaced_letter, shard_of


def keys_of(text: str) -> dict[str, list[int]]:
    """The keys of a folded text as the module's docstring defines them, one position at a
    time (build_shards does it for whole arrays at once)."""
    found: dict[str, list[int]] = {}
    for pos, ch in enumerate(text):
        if ch != " ":
            key = text[pos:pos + 3].split(" ", 1)[0] if is_spaced_letter(ch) else ch
            found.setdefault(key, []).append(pos)
    return found


def read_leb128(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def read_shard(data: bytes) -> dict[str, dict[int, list[int]]]:
    keys, at = {}, 0
    while at < len(data):
        size, at = read_leb128(data, at)
        key = data[at:at + size].decode("utf-8")
        at += size
        size, at = read_leb128(data, at)
        end, postings = at + size, {}
        docs, at = read_leb128(data, at)
        doc = 0
        for _ in range(docs):
            gap, at = read_leb128(data, at)
            doc += gap
            count, at = read_leb128(data, at)
            positions, pos = [], 0
            for _ in range(count):
                gap, at = read_leb128(data, at)
                pos += gap
                positions.append(pos)
            postings[doc] = positions
        assert at == end
        keys[key] = postings
    return keys


def cover(part: str) -> list[tuple[int, str, bool]]:
    """search-index.js `cover`: (offset, key, exact)."""
    keys, n, i = [], len(part), 0
    while i < n:
        if not is_spaced_letter(part[i]):
            keys.append((i, part[i], True))
            i += 1
        elif i + 3 <= n:
            keys.append((i, part[i:i + 3], True))
            i += 3
        else:
            j = n - 3
            keys.append((j, part[j:], True) if j >= 0 and is_spaced_letter(part[j]) else (i, part[i:], False))
            break
    return keys


def find(shards: list[bytes], part: str) -> set[int]:
    read = [read_shard(s) for s in shards]
    lists = []
    for at, key, exact in cover(part):
        numbers = [shard_of(key, len(shards))] if exact or len(key) > 1 else range(len(shards))
        merged: dict[int, set[int]] = {}
        for n in numbers:
            for name, postings in read[n].items():
                if name == key or (not exact and name.startswith(key)):
                    for doc, positions in postings.items():
                        merged.setdefault(doc, set()).update(p - at for p in positions)
        lists.append(merged)
    docs = set.intersection(*(set(m) for m in lists))
    return {d for d in docs if set.intersection(*(m[d] for m in lists))}


def test_fold_is_nfkc_lower_case_and_one_space():
    assert fold("ＣＣＥＲ　项目\n\t PM₂.₅") == "ccer 项目 pm2.5"


def test_letters_are_keyed_with_the_two_after_them_and_other_characters_alone():
    assert keys_of("co2排放 pm2.5") == {"co2": [0], "o2排": [1], "2排放": [2], "排": [3], "放": [4],
                                       "pm2": [6], "m2.": [7], "2.5": [8], ".": [9], "5": [10]}
    assert keys_of("ab cd")["ab"] == [0] and keys_of("ab cd")["b"] == [1]   # cut at the space


def test_the_shards_hold_every_key_of_every_text_at_its_positions():
    texts = [fold(t) for t in ("碳市场 CCER项目", "", "price pricing 碳", "ab", "Ⅻ ①② x")]
    found: dict[str, dict[int, list[int]]] = {}
    for shard in build_shards(texts):
        found.update(read_shard(shard))
    expected: dict[str, dict[int, list[int]]] = {}
    for doc, text in enumerate(texts):
        for key, positions in keys_of(text).items():
            expected.setdefault(key, {})[doc] = positions
    assert found == expected


def test_no_text_makes_one_empty_shard():
    assert build_shards([]) == [b""] and build_shards(["", " "]) == [b""]


def test_shard_of_is_fnv1a_of_the_first_two_characters():
    # FNV-1a 32 of the UTF-8 of "ab": 0x4d2505ca; the same number search-index.js computes
    assert shard_of("ab", 2**32 - 1) == 0x4D2505CA % (2**32 - 1)
    assert shard_of("abc", 7) == shard_of("abx", 7)


def test_a_term_is_found_however_a_segmenter_would_cut_it():
    texts = [fold(t) for t in ("全国碳市场发展", "市场发展", "碳足迹核算", "CCER项目的设计", "ccer 项目",
                               "PM2.5 与 CO2")]
    shards = build_shards(texts)
    assert find(shards, "场发展") == {0, 1}
    assert find(shards, "碳市场发") == {0}
    assert find(shards, "足迹") == {2}
    assert find(shards, "ccer项目") == {3}
    assert find(shards, "pm2.5") == {5}
    assert find(shards, "m2") == {5}          # two letters at the end: the keys they begin
    assert find(shards, "co") == {5}
    assert find(shards, "ce") == {3, 4}
    assert find(shards, "海上风电") == set()


def test_many_articles_make_many_shards_and_every_position_is_in_one():
    texts = [fold("碳市场" * 400 + f" article{i} price pricing") for i in range(300)]
    shards = build_shards(texts)
    assert len(shards) > 4
    keys = [read_shard(s) for s in shards]
    total = sum(len(ps) for k in keys for postings in k.values() for ps in postings.values())
    assert total == sum(len(t) - t.count(" ") for t in texts)
    assert find(shards, "pricing") == set(range(300))
    assert find(shards, "article17") == {17, *range(170, 180)}   # a substring of article170 too


ALPHABET = st.sampled_from([*"碳市场足迹aAbB1 .，价", "ing", "pri"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(ALPHABET, max_size=30).map("".join), min_size=1, max_size=6),
       st.lists(ALPHABET, min_size=1, max_size=5).map("".join))
def test_found_is_exactly_the_texts_that_hold_the_term(raw: list[str], term: str):
    texts = [fold(t) for t in raw]
    shards = build_shards(texts)
    keys: dict[str, dict[int, list[int]]] = {}
    for shard in shards:
        keys.update(read_shard(shard))
    assert keys == {k: {d: keys_of(t)[k] for d, t in enumerate(texts) if k in keys_of(t)}
                    for k in set().union(*(keys_of(t) for t in texts))}
    part = fold(term).replace(" ", "")
    if part:
        assert find(shards, part) == {i for i, t in enumerate(texts) if part in t}
