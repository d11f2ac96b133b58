"""Classes and recorded answers shared by ``test_structured.py`` and ``test_structured_parse.py``.

attrs classes, dataclasses and TypedDicts equivalent to the pydantic models of
``fixtures/structured/make_expected_schemas.py`` (same names, fields and docstrings).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import enum
import json
import uuid
from pathlib import Path
from typing import Any, List, Optional, Sequence, Set, Tuple, Union

import attrs
from typing_extensions import Annotated, Literal, NotRequired, TypedDict

from portkey._convert import structure
from portkey.types.chat import ChatCompletion

FIXTURES = Path(__file__).parent / "fixtures" / "structured"
EXPECTED = json.loads((FIXTURES / "expected_schemas.json").read_text())
ANSWERS = json.loads((FIXTURES / "openai_python_chat_parse.json").read_text())
RESPONSES = json.loads((FIXTURES / "responses_bodies.json").read_text())


def completion(name: str, **changes: Any) -> ChatCompletion:
    """A recorded answer as our typed ``ChatCompletion`` (``changes`` edit its first choice)."""
    body = copy.deepcopy(ANSWERS[name])
    body["choices"][0].update(changes)
    return structure(body, ChatCompletion)


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


@attrs.define
class Inner:
    """An inner thing."""

    count: int
    label_text: str = attrs.field(metadata={"description": "what it says"})


@attrs.define
class Outer:
    first_name: str
    inner: Inner
    inner_described: Inner = attrs.field(metadata={"description": "an inner with a description"})
    maybe_inner: Optional[Inner]
    inners: List[Inner]
    color: Color
    maybe_color: Optional[Color]
    level: Level
    choice: Literal["a", "b"]
    fixed: Literal["x"]
    mixed: Literal[1, "a"]
    either: Union[int, str]
    inner_or_int: Union[Inner, int]
    ratio: float
    flag: bool
    pair: Tuple[int, str]
    numbers: Tuple[int, ...]
    names: Sequence[str]
    tags: Set[str]
    when: datetime.datetime
    day: datetime.date
    at: datetime.time
    took: datetime.timedelta
    uid: uuid.UUID
    note: Optional[str]
    sparse: List[Optional[int]]
    nothing: None
    three: Optional[Union[int, str]]
    maybe_inners: Optional[List[Inner]]


class Mood(enum.Enum):
    """How it feels.

    Two lines.
    """

    HAPPY = "happy"
    SAD = "sad"


@dataclasses.dataclass
class Point:
    x: float
    y: float = dataclasses.field(metadata={"description": "the y"})


@dataclasses.dataclass
class Shape:
    """A shape."""

    points: List[Point]
    mood: Mood
    kind: Literal[Mood.HAPPY]


class Rating(TypedDict):
    stars: int


class _Described:
    """Any ``Annotated`` extra with a ``description`` string (pydantic's ``Field`` is one)."""

    def __init__(self, description: str) -> None:
        self.description = description


class Movie(TypedDict):
    """A film."""

    title: str
    year: NotRequired[int]
    summary: Annotated[str, _Described("one line")]
    rating: Rating


@attrs.define
class Node:
    name: str
    children: List[Node]


@attrs.define
class Tree:
    root: Branch


@attrs.define
class Branch:
    tree: Optional[Tree]
    leaves: List[str]


@attrs.define
class Empty:
    pass


@attrs.define
class Holder:
    empty: Empty
    maybe_empty: Optional[Empty]


class Table(str, enum.Enum):
    orders = "orders"
    customers = "customers"
    products = "products"


class Column(str, enum.Enum):
    id = "id"
    status = "status"
    expected_delivery_date = "expected_delivery_date"
    delivered_at = "delivered_at"
    shipped_at = "shipped_at"
    ordered_at = "ordered_at"
    canceled_at = "canceled_at"


class Operator(str, enum.Enum):
    eq = "="
    gt = ">"
    lt = "<"
    le = "<="
    ge = ">="
    ne = "!="


class OrderBy(str, enum.Enum):
    asc = "asc"
    desc = "desc"


@attrs.define
class DynamicValue:
    column_name: str


@attrs.define
class Condition:
    column: str
    operator: Operator
    value: Union[str, int, DynamicValue]


@attrs.define
class Query:
    name: Optional[str]
    table_name: Table
    columns: List[Column]
    conditions: List[Condition]
    order_by: OrderBy


@attrs.define
class Location:
    city: str
    temperature: float
    units: Literal["c", "f"]


@attrs.define
class GetWeatherArgs:
    """Get the temperature for the given country/city combo"""

    city: str
    country: str
    units: Literal["c", "f"]


@dataclasses.dataclass
class GetStockPrice:
    ticker: str
    exchange: str


@attrs.define
class ColorDetection:
    color: Color3
    hex_color_code: str = attrs.field(metadata={"description": "The hex color code"})


class Color3(enum.Enum):
    """The detected color"""

    RED = "red"
    BLUE = "blue"
    GREEN = "green"


@dataclasses.dataclass
class CalendarEvent:
    name: str
    date: str
    participants: List[str]
