"""The converter structures a class with a generic loop for its first few calls and with code
compiled for it after that (``_convert._COMPILE_AT``): both must give the same objects and
the same errors. Fresh classes here, so the test sees both tiers whatever ran before."""

from typing import Any, Dict, List, Optional, Union

import attrs
import pytest
from typing_extensions import Literal

from portkey import _convert
from portkey._convert import structure
from portkey._models import BaseModel


def fresh_classes() -> Any:
    @attrs.define(eq=False)
    class Part(BaseModel):
        type: Literal["text"] = "text"
        text: Optional[str] = None

    @attrs.define(eq=False)
    class Item(BaseModel):
        id: str
        parts: List[Part] = attrs.field(factory=list)
        best: Optional[Part] = None
        scores: Optional[Dict[str, float]] = None
        value: Union[int, str, None] = None
        status: Literal["done", "pending"] = "pending"

    return Item


BODIES: List[Dict[str, Any]] = [
    {"id": "a"},
    {
        "id": "b",
        "parts": [{"type": "text", "text": "hi"}],
        "best": {"type": "text", "text": "x", "extra": 1},
    },
    {"id": "c", "scores": {"p": 0.5}, "value": 3, "status": "later", "unknown": [1, {"k": None}]},
    {"id": "d", "parts": [], "best": None, "value": "seven"},
]
BAD: List[Any] = [
    [],
    {"parts": []},  # no id
    {"id": "e", "parts": {"not": "a list"}},
    {"id": "f", "best": "not an object"},
]


def outcome(cls: Any, body: Any) -> Any:
    try:
        obj = structure(body, cls)
    except (TypeError, ValueError) as exc:
        return ("error", type(exc).__name__)
    return (repr(obj), obj.to_dict(), obj.extra_fields)


@pytest.mark.parametrize("index", range(len(BODIES) + len(BAD)))
def test_generic_and_compiled_structuring_agree(index: int) -> None:
    body = (BODIES + BAD)[index]
    item = fresh_classes()
    results = [outcome(item, body) for _ in range(_convert._COMPILE_AT + 3)]
    assert all(r == results[0] for r in results), results
    if index < len(BODIES):
        dumped = results[0][1]
        assert {k: v for k, v in dumped.items() if k in body} == body  # round trip
        assert results[0][2] == {k: v for k, v in body.items() if k == "unknown"}
    else:
        assert results[0][0] == "error"


def test_structuring_code_sees_the_builtins() -> None:
    """The structuring function is made from globals of its own: they must carry the builtins
    (``type``, ``len``), which Python 3.9 does not supply to such a function by itself (every
    structure call failed there with "name 'type' is not defined")."""
    import builtins

    item = fresh_classes()
    hook: Any = _convert.structure_hook(item)
    assert hook.__globals__["__builtins__"] is builtins
    for _ in range(_convert._COMPILE_AT + 1):  # both tiers
        assert structure({"id": "a", "parts": [{"text": "x"}]}, item).parts[0].text == "x"
