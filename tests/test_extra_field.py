"""``ExtraField`` (``portkey._models``): an attribute read from the unknown fields under its JSON
key and typed when read; and the converter's list fields, whose empty list is kept as is in both
tiers (the generic loop and the compiled code). Fresh classes here, so each test sees both tiers
whatever ran before."""

from __future__ import annotations

import copy
import pickle
from typing import Any, List, Optional

import attrs
import pytest

from portkey._convert import structure, structure_hook
from portkey._models import BaseModel, ExtraField


@attrs.define(eq=False)
class Point(BaseModel):
    x: Optional[int] = None
    y: Optional[int] = None


# Module-level, so that pickle finds it.
@attrs.define(eq=False)
class Shape(BaseModel):
    name: Optional[str] = None
    self_harm = ExtraField[bool]("self-harm")  # a JSON key that is not a Python name
    origin = ExtraField[Point](tp=Point)
    corners = ExtraField[List[Point]](tp=List[Point])
    note = ExtraField[str]()  # the attribute's own name as the key


BODY = {
    "name": "square",
    "self-harm": False,
    "origin": {"x": 1, "y": 2, "z": 3},
    "corners": [{"x": 0, "y": 0}, {"x": 1, "y": 1}],
    "note": "kept",
}


def test_reads_by_json_key_and_types_on_first_read() -> None:
    shape = structure(BODY, Shape)
    assert shape.self_harm is False and shape.note == "kept"
    assert shape.extra_fields["origin"] is BODY["origin"]  # nothing done before the read
    origin = shape.origin
    assert type(origin) is Point and (origin.x, origin.y, origin.z) == (1, 2, 3)
    assert shape.origin is origin
    assert shape.corners is not None and [type(c) for c in shape.corners] == [Point, Point]
    assert shape.to_dict() == BODY and shape.model_dump() == BODY
    assert shape["self-harm"] is False and shape.get("note") == "kept"
    assert isinstance(Shape.origin, ExtraField) and Shape.origin.key == "origin"
    assert "origin" not in Shape.model_fields


def test_absent_is_none_and_costs_no_unknown_fields() -> None:
    shape = structure({"name": "dot"}, Shape)
    assert (shape.self_harm, shape.origin, shape.corners, shape.note) == (None, None, None, None)
    assert shape.to_dict() == {"name": "dot"}
    assert Shape().origin is None  # built without the converter: no _extra at all


def test_written_under_the_json_key() -> None:
    shape = Shape(name="dot")
    shape.self_harm = True
    shape.origin = Point(x=5)
    assert shape.to_dict() == {"name": "dot", "self-harm": True, "origin": {"x": 5, "y": None}}
    assert shape.model_extra["self-harm"] is True


def test_another_shape_stays_as_sent() -> None:
    body = {"origin": {"x": "not", "y": {"an": "int"}}, "corners": [], "note": ["a", "list"]}
    shape = structure(body, Shape)
    assert type(shape.origin) is Point  # plain fields are not checked: passed through
    assert shape.corners == [] and shape.note == ["a", "list"]
    odd = structure({"corners": [{"x": 1}, "not an object"]}, Shape)
    assert odd.corners == [{"x": 1}, "not an object"]  # did not fit List[Point]: kept


def test_copies_and_pickles_keep_the_typed_value() -> None:
    shape = structure(BODY, Shape)
    assert shape.origin is not None
    for other in (copy.copy(shape), copy.deepcopy(shape), pickle.loads(pickle.dumps(shape))):
        assert other == shape and type(other.origin) is Point
        assert other.to_dict() == BODY
    assert shape.model_copy(update={"note": "new"}).note == "new"


def fresh_list_class() -> Any:
    @attrs.define(eq=False)
    class Holder(BaseModel):
        points: Optional[List[Point]] = None

    return Holder


@pytest.mark.parametrize("value", [[], [{"x": 1}], [{"x": 1}, {"x": 2}], None])
def test_list_fields_in_both_tiers(value: Any) -> None:
    hook = structure_hook(fresh_list_class())
    seen = []
    for _ in range(6):  # the generic loop, then the compiled code
        obj = hook({"points": value}, None)
        seen.append(None if obj.points is None else [p.to_dict() for p in obj.points])
    assert seen == [None if value is None else [{"y": None, **p} for p in value]] * 6


@pytest.mark.parametrize("value", ["", 0, {}, "points"])
def test_a_list_field_rejects_another_value_in_both_tiers(value: Any) -> None:
    hook = structure_hook(fresh_list_class())
    for _ in range(6):
        with pytest.raises(TypeError, match="should be a list"):
            hook({"points": value}, None)
