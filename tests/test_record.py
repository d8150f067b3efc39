"""`cchc.record`: the immutable value classes behave as frozen, slotted dataclasses do."""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass

import pytest

from cchc.errors import Loc
from cchc.plan.model import Item
from cchc.record import FrozenInstanceError, field, fields, record, replace


@record
class Base:
    loc: str
    tags: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


@record
class Point(Base):
    x: int = 0
    y: int = 0


@record(order=True)
class Version:
    major: int
    minor: int = 0


@dataclass(frozen=True, slots=True)
class PointDC:
    loc: str
    x: int = 0
    y: int = 0


def test_init_positional_keyword_defaults_and_inherited_fields_first() -> None:
    p = Point("a.yaml", x=1)
    assert (p.loc, p.x, p.y, p.tags) == ("a.yaml", 1, 0, {})
    assert fields(Point) == ("loc", "tags", "x", "y")
    assert Point("a", {"k": "v"}, 2, 3).tags == {"k": "v"}
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point("a", nope=1)  # type: ignore[call-arg]


def test_default_factory_gives_each_object_its_own_value() -> None:
    a, b = Point("a"), Point("b")
    assert a.tags is not b.tags


def test_frozen_and_slotted() -> None:
    p = Point("a")
    with pytest.raises(FrozenInstanceError):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del p.x
    assert not hasattr(p, "__dict__")
    assert isinstance(FrozenInstanceError("x"), AttributeError)


def test_eq_hash_repr_follow_compare_and_repr_flags() -> None:
    a = Point("a", {"k": "1"}, 1, 2)
    b = Point("a", {"other": "2"}, 1, 2)
    assert a == b and hash(a) == hash(b)  # tags has compare=False
    assert a != Point("a", x=1, y=3)
    assert Point("a") != PointDC("a")  # type: ignore[comparison-overlap]  # another class never equal
    assert Base("a") != Point("a")
    assert repr(a) == "Point(loc='a', x=1, y=2)"  # tags has repr=False
    assert repr(PointDC("a", 1, 2)) == "PointDC(loc='a', x=1, y=2)"  # the dataclass form


def test_order() -> None:
    assert sorted([Version(2), Version(1, 5), Version(1)]) == [Version(1), Version(1, 5), Version(2)]
    assert Version(1) < Version(1, 1) <= Version(1, 1) and Version(3) > Version(2) >= Version(2)
    assert sorted([Loc("b", 1), Loc("a", 9), Loc("a", 2, 3)]) == [Loc("a", 2, 3), Loc("a", 9), Loc("b", 1)]
    with pytest.raises(TypeError):
        _ = Version(1) < (1, 0)  # type: ignore[operator]


def test_replace_copies_with_changes_and_refuses_unknown_fields() -> None:
    p = Point("a", x=1)
    q = replace(p, y=5)
    assert (q.loc, q.x, q.y) == ("a", 1, 5) and p.y == 0
    with pytest.raises(TypeError, match="nope"):
        replace(p, nope=1)


def test_pickle_and_copy_round_trip() -> None:
    p = Point("a", {"k": "v"}, 1, 2)
    for q in (pickle.loads(pickle.dumps(p)), copy.copy(p), copy.deepcopy(p)):
        assert q == p and q.tags == {"k": "v"} and type(q) is Point
    item = Item(Loc("f.yaml", 3, 5), {}, "I-1", lead=("Sở Tư pháp",))
    assert pickle.loads(pickle.dumps(item)) == item


def test_match_args_and_methods_survive() -> None:
    match Point("a", x=4):
        case Point(loc, _, x):
            assert (loc, x) == ("a", 4)
    assert str(Loc("f.yaml", 2, 7)) == "f.yaml:2:7"  # a method defined in the class body
    assert Item.__init__.__qualname__ == "Item.__init__"
