"""generator/incremental/hashing.py: one hash for every cache key; different parts, different keys."""
from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.incremental.hashing import digest, token_of


@pytest.mark.parametrize("one, other", [
    pytest.param(("ab", "c"), ("a", "bc"), id="where-strings-split"),
    pytest.param((b"ab", b"c"), (b"a", b"bc"), id="where-bytes-split"),
    pytest.param(("a",), (b"a",), id="str-vs-bytes"),
    pytest.param(("1",), (1,), id="str-vs-its-repr"),
    pytest.param(("'a'",), (["a"],), id="str-vs-list-repr"),
    pytest.param((b"1",), (1,), id="bytes-vs-repr"),
    pytest.param(("ab",), ("ab", ""), id="an-empty-part-counts"),
    pytest.param((), ("",), id="no-part-vs-an-empty-one"),
    pytest.param(("s2:ab",), ("ab",), id="a-string-that-looks-like-a-header"),
    pytest.param((1,), (1.0,), id="int-vs-float"),
    pytest.param((True,), (1,), id="bool-vs-int"),
    pytest.param((None,), ("None",), id="none-vs-its-name"),
    pytest.param((("a", "b"),), (["a", "b"],), id="tuple-vs-list"),
])
def test_different_parts_give_different_digests(one: tuple, other: tuple):
    assert digest(*one) != digest(*other)


def test_equal_parts_give_equal_digests_of_sixteen_bytes():
    assert digest("a", b"b", 3, ("x", None)) == digest("a", b"b", 3, ("x", None))
    assert re.fullmatch(r"[0-9a-f]{32}", digest("a"))


def test_a_file_name_that_is_not_utf8_still_hashes():
    odd = b"caf\xe9.md".decode("utf-8", "surrogateescape")   # as os.listdir gives it
    assert digest(odd) != digest("caf.md") and digest(odd) == digest(odd)
    assert digest("\ud800") != digest("\ud801")


@settings(deadline=None)
@given(st.lists(st.one_of(st.text(max_size=4), st.binary(max_size=4)), max_size=4),
       st.lists(st.one_of(st.text(max_size=4), st.binary(max_size=4)), max_size=4))
def test_digests_are_equal_exactly_when_the_parts_are(one: list, other: list):
    same = [(type(p), p) for p in one] == [(type(p), p) for p in other]
    assert (digest(*one) == digest(*other)) is same


def test_token_of_is_the_blake2b_of_the_content():
    assert token_of(b"<p>x</p>") == hashlib.blake2b(b"<p>x</p>", digest_size=16).hexdigest()
    assert token_of(b"") != token_of(b"\n") and len(token_of(b"")) == 32
