"""generator/incremental/keys.py: the context key covers everything a template can reach (and
nothing it cannot), refuses what it cannot key, and `Reads` notes which bodies a page read."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import ClassVar

import pytest
from markupsafe import Markup

from generator.incremental.keys import ContextKeys, Reads, reads_key


@dataclass(frozen=True)
class Tag:
    name: str
    slug: str


@dataclass(frozen=True)
class Story:
    LAZY: ClassVar[dict[str, str]] = {"body": "body", "teaser": "summary"}

    title: str
    date: dt.date | None
    order: int
    ratio: float
    draft: bool
    tags: tuple[Tag, ...]
    extra: dict[str, object]
    place: PurePosixPath
    body: str = ""
    teaser: str = ""
    _secret: str = field(default="", repr=False)

    @property
    def lazy_source(self) -> str:
        return f"/content/{self.place}"


def story(**changes: object) -> Story:
    base = Story("碳市场", dt.date(2024, 7, 4), 1, 0.5, False, (Tag("CCER", "ccer"),), {"k": [1, "a"]},
                 PurePosixPath("issues/2024-q3/a.md"), "正文", "摘要", "hidden")
    return dataclasses.replace(base, **changes)


def key(value: object) -> str:
    return ContextKeys().key_of(value)


def test_equal_values_have_equal_keys_in_any_instance():
    keys = ContextKeys()
    assert keys.key_of(story()) == keys.key_of(story()) == key(story())
    assert key({"b": story(), "a": (1, None)}) == key({"a": (1, None), "b": story()})   # not the dict's order


@pytest.mark.parametrize("changes", [
    pytest.param({"title": "碳市场 "}, id="title"),
    pytest.param({"date": dt.date(2024, 7, 5)}, id="date"),
    pytest.param({"date": None}, id="date-none"),
    pytest.param({"order": 2}, id="int"),
    pytest.param({"ratio": 0.25}, id="float"),
    pytest.param({"draft": True}, id="bool"),
    pytest.param({"tags": (Tag("CCER", "ccer-2"),)}, id="field-of-an-item-of-a-tuple"),
    pytest.param({"tags": (Tag("CCER", "ccer"), Tag("CCER", "ccer"))}, id="one-more-item"),
    pytest.param({"tags": ()}, id="no-items"),
    pytest.param({"extra": {"k": [1, "b"]}}, id="item-of-a-list-in-a-dict"),
    pytest.param({"extra": {"k": [1.0, "a"]}}, id="int-vs-float-in-a-list"),
    pytest.param({"extra": {"k": [True, "a"]}}, id="int-vs-bool-in-a-list"),
    pytest.param({"extra": {"k": ["1", "a"]}}, id="int-vs-str-in-a-list"),
    pytest.param({"extra": {"k": (1, "a")}}, id="list-vs-tuple"),
    pytest.param({"extra": {"j": [1, "a"]}}, id="dict-key"),
    pytest.param({"extra": {"k": [1, "a"], "l": None}}, id="one-more-dict-entry"),
    pytest.param({"place": PurePosixPath("issues/2024-q3/b.md")}, id="path"),
])
def test_any_reachable_difference_changes_the_key(changes: dict):
    assert key(story(**changes)) != key(story())


@pytest.mark.parametrize("changes", [
    pytest.param({"_secret": "other"}, id="underscore-field"),
    pytest.param({"body": "另一段正文"}, id="lazy-body"),
    pytest.param({"teaser": "另一个摘要"}, id="lazy-summary"),
])
def test_fields_a_template_cannot_reach_or_reads_lazily_do_not_change_the_key(changes: dict):
    assert key(story(**changes)) == key(story())


@pytest.mark.parametrize("value", [
    pytest.param("碳", id="str"), pytest.param(3, id="int"), pytest.param(2.5, id="float"),
    pytest.param(True, id="bool"), pytest.param(None, id="none"), pytest.param(dt.date(2024, 1, 1), id="date"),
    pytest.param(PurePosixPath("a/b"), id="path"),
])
def test_plain_values_are_keyed_by_their_repr(value: object):
    assert key(value) == repr(value)


@pytest.mark.parametrize(("one", "other"), [
    pytest.param(("a", "b"), ("a", ("b",)), id="text-vs-a-tuple-of-it"),
    pytest.param(("('b',)",), (("b",),), id="text-that-reads-like-a-tuple"),
    pytest.param((Tag("a", "a"),), (("a", "a"),), id="dataclass-vs-a-tuple-of-its-fields"),
    pytest.param(["x"], [("x",)], id="in-a-list"),
    pytest.param((dt.date(2024, 1, 1),), ("datetime.date(2024, 1, 1)",), id="date-vs-its-repr-as-text"),
    pytest.param((PurePosixPath("a"),), ("a",), id="path-vs-text"),
    pytest.param([dt.datetime(2024, 1, 1)], ["datetime.datetime(2024, 1, 1, 0, 0)"], id="datetime-vs-its-repr-as-text"),
    pytest.param([Markup("x")], ["Markup('x')"], id="markup-vs-its-repr-as-text"),
    pytest.param([["a"]], [ContextKeys().key_of(["a"])], id="list-vs-its-key-as-text"),
])
def test_plain_values_inside_containers_stand_for_themselves_and_stay_apart(one: object, other: object):
    assert key(one) != key(other)


def test_one_key_per_object_is_remembered_and_equal_objects_share_it():
    keys, one = ContextKeys(), story()
    first = keys.key_of(one)
    assert keys.key_of(one) is first                     # from the memo
    assert keys.key_of(story()) == first                 # another object, the same value


@dataclass
class Mutable:
    x: int


@dataclass(eq=False)
class MutableWithoutEq:
    x: int


class Plain:
    x = 1


@pytest.mark.parametrize("value", [
    pytest.param(Plain(), id="plain-class"),
    pytest.param(Mutable(1), id="mutable-dataclass"),
    pytest.param(lambda: 1, id="function"),
    pytest.param(len, id="builtin"),
    pytest.param({1, 2}, id="set"),
    pytest.param(b"bytes", id="bytes"),
    pytest.param((Tag("a", "a"), Plain()), id="inside-a-tuple"),
    pytest.param({"a": [Mutable(1)]}, id="inside-a-list-in-a-dict"),
    pytest.param(story(extra={"k": Plain()}), id="inside-a-frozen-dataclass"),
])
def test_a_value_without_a_key_is_refused(value: object):
    with pytest.raises(TypeError):
        key(value)


def test_a_mutable_dataclass_without_eq_is_refused_too():
    with pytest.raises(TypeError):
        key(MutableWithoutEq(1))


def test_the_type_error_names_the_type():
    with pytest.raises(TypeError, match="Plain has no context key"):
        key(Plain())


# --- Reads ---------------------------------------------------------------------------------------

def test_reads_notes_only_lazy_attributes_between_start_and_stop():
    reads, one, other = Reads(), story(), story(place=PurePosixPath("b.md"))
    reads.note(one, "body")                    # before start: not noted
    reads.start()
    reads.note(one, "title")                   # not lazy
    reads.note(Tag("a", "a"), "name")          # a class without LAZY
    reads.note(other, "teaser")
    reads.note(one, "body")
    reads.note(one, "body")                    # twice: once
    found = reads.stop()
    assert found == (("body", "/content/issues/2024-q3/a.md"), ("summary", "/content/b.md"))
    reads.note(one, "teaser")                  # after stop: not noted
    assert reads.stop() == ()
    reads.start()
    assert reads.stop() == ()                  # each start begins afresh


def test_reads_key_follows_the_current_key_of_each_read_value():
    read = (("body", "/c/a.md"), ("summary", "/c/b.md"))
    lazy = {("body", "/c/a.md"): "k1", ("summary", "/c/b.md"): "k2", ("body", "/c/z.md"): "k3"}
    base = reads_key(read, lazy)
    assert reads_key(read, dict(lazy)) == base
    assert reads_key(read, {**lazy, ("body", "/c/z.md"): "changed"}) == base        # not read: no matter
    assert reads_key(read, {**lazy, ("body", "/c/a.md"): "changed"}) != base
    gone = {k: v for k, v in lazy.items() if k != ("summary", "/c/b.md")}
    assert reads_key(read, gone) != base                                             # vanished: "missing"
    assert reads_key(read, gone) == reads_key(read, {**gone, ("summary", "/c/b.md"): "missing"})
    assert reads_key(read[:1], lazy) != base and reads_key((), lazy) != base
