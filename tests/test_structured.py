"""Structured outputs without pydantic: strict schemas from attrs classes, dataclasses and
TypedDicts (the same bytes openai-python sends for the equivalent pydantic models), answers
parsed into the class, refusals, errors, and tool calls' ``parsed_arguments``.

Expected schemas: ``fixtures/structured/expected_schemas.json`` (made by openai-python itself,
see ``make_expected_schemas.py``). Answers: real OpenAI bodies recorded by openai-python's
test suite (``fixtures/structured/openai_python_chat_parse.json`` and its ``.meta.json``).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import enum
import importlib.util
import json
import pickle
import subprocess
import sys
import textwrap
import types
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple, Union

import attrs
import pytest
import typing_extensions
from typing_extensions import Annotated, Literal, NotRequired, TypedDict

from portkey._convert import structure
from portkey._errors import (
    ContentFilterFinishReasonError,
    LengthFinishReasonError,
    PortkeyError,
    StructuredOutputError,
)
from portkey._structured import (
    StructuredFunctionTool,
    function_tool,
    make_response_tools,
    parse_chat_completion,
    parse_json_into,
    pydantic_function_tool,
    response_format_param,
    responses_function_tool,
    text_format_param,
    to_plain,
    to_strict_json_schema,
    validate_input_tools,
)
from portkey.types.chat import ChatCompletion
from portkey.types.parsed_chat import (
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedFunctionToolCall,
)

FIXTURES = Path(__file__).parent / "fixtures" / "structured"
EXPECTED = json.loads((FIXTURES / "expected_schemas.json").read_text())
ANSWERS = json.loads((FIXTURES / "openai_python_chat_parse.json").read_text())


def completion(name: str, **changes: Any) -> ChatCompletion:
    """A recorded answer as our typed ``ChatCompletion`` (``changes`` edit its first choice)."""
    body = copy.deepcopy(ANSWERS[name])
    body["choices"][0].update(changes)
    return structure(body, ChatCompletion)


# The classes: attrs, dataclasses and TypedDicts equivalent to the pydantic models of
# make_expected_schemas.py (same names, fields and docstrings).


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


# Schemas -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cls", [Outer, Shape, Movie, Node, Tree, Holder, Query, Location, GetWeatherArgs]
)
def test_schema_is_openai_pythons_for_the_equivalent_pydantic_model(cls: Any) -> None:
    """Same JSON text, key order included: all properties required, objects closed, nested
    classes and enums in ``$defs``, Optional as anyOf-null, Literal as enum/const, tuples,
    sets, dates, titles and descriptions as pydantic writes them."""
    ours = to_strict_json_schema(cls)
    assert json.dumps(ours) == json.dumps(EXPECTED["schemas"][cls.__name__])


def test_schema_details_that_matter_to_strict_mode() -> None:
    schema = to_strict_json_schema(Outer)
    objects = [schema, *schema["$defs"].values()]
    for obj in (o for o in objects if o.get("type") == "object"):
        assert obj["additionalProperties"] is False
        assert obj["required"] == list(obj["properties"])
    props = schema["properties"]
    assert props["maybe_inner"] == {"anyOf": [{"$ref": "#/$defs/Inner"}, {"type": "null"}]}
    assert props["choice"]["enum"] == ["a", "b"]
    assert schema["$defs"]["Color"]["enum"] == ["red", "green"]
    assert props["when"] == {"format": "date-time", "title": "When", "type": "string"}
    # A $ref cannot have siblings in strict mode: the described one is inlined.
    assert "$ref" not in props["inner_described"]
    assert props["inner_described"]["description"] == "an inner with a description"
    assert props["inner_described"]["additionalProperties"] is False


def test_defaults_are_dropped_and_every_field_required() -> None:
    @attrs.define
    class Settings:
        retries: int = 3
        tags: List[str] = attrs.Factory(list)
        label: Optional[str] = None

    @dataclasses.dataclass
    class Window:
        width: int = 80
        title: str = dataclasses.field(default="x", metadata={"description": "shown on top"})

    for cls in (Settings, Window):
        schema = to_strict_json_schema(cls)
        assert "default" not in json.dumps(schema)
        assert schema["required"] == list(schema["properties"])
    assert to_strict_json_schema(Window)["properties"]["title"]["description"] == "shown on top"


Doc = getattr(typing_extensions, "Doc", None)  # PEP 727, typing_extensions >= 4.9


def test_descriptions_from_typing_extensions_doc() -> None:
    if Doc is None:
        pytest.skip("typing_extensions has no Doc")

    class Song(TypedDict):
        title: Annotated[str, Doc("the song's name")]
        length: NotRequired[Annotated[int, Doc("in seconds")]]

    props = to_strict_json_schema(Song)["properties"]
    assert props["title"]["description"] == "the song's name"
    assert props["length"]["description"] == "in seconds"
    assert to_strict_json_schema(Song)["required"] == ["title", "length"]


def test_dict_field_is_a_clear_type_error_naming_the_field() -> None:
    @attrs.define
    class Scores:
        player: str
        by_round: Dict[str, int]

    with pytest.raises(TypeError, match=r"Scores\.by_round: Dict\[str, int\] cannot be used"):
        to_strict_json_schema(Scores)

    @dataclasses.dataclass
    class Nested:
        maybe: Optional[Dict[str, Inner]]

    with pytest.raises(TypeError, match=r"Nested\.maybe: Dict\[str, .*Inner\]"):
        response_format_param(Nested)


@pytest.mark.parametrize(
    ("annotation", "message"),
    [
        (Any, "Any cannot be used"),
        (bytes, "cannot make a JSON schema for the type bytes"),
        (list, r"a list needs its item type"),
        (Tuple[int, Any], "Any cannot be used"),
    ],
)
def test_types_strict_mode_cannot_express_are_rejected(annotation: Any, message: str) -> None:
    cls = attrs.make_class("Bad", {"field_x": attrs.field(type=annotation)})
    with pytest.raises(TypeError, match=r"Bad\.field_x: " + message):
        to_strict_json_schema(cls)


@pytest.mark.parametrize(
    "not_a_class", [int, dict, Dict[str, int], "Location", Location(1, 2, "c")]
)
def test_only_classes_make_schemas(not_a_class: Any) -> None:
    with pytest.raises(TypeError, match="cannot make a JSON schema|Unsupported"):
        to_strict_json_schema(not_a_class)
    with pytest.raises(TypeError):
        response_format_param(not_a_class)


def test_classes_sharing_a_name_get_module_qualified_defs() -> None:
    items = []
    for module_name, field in (("shop.a", "x"), ("shop.b", "y")):
        module = types.ModuleType(module_name)
        exec(f"import attrs\n@attrs.define\nclass Item:\n    {field}: int\n", module.__dict__)
        items.append(module.Item)
    both = attrs.make_class(
        "Both", {"a": attrs.field(type=items[0]), "b": attrs.field(type=items[1])}
    )
    schema = to_strict_json_schema(both)
    assert list(schema["$defs"]) == ["shop__a__Item", "shop__b__Item"]
    assert schema["properties"]["a"] == {"$ref": "#/$defs/shop__a__Item"}
    assert schema["$defs"]["shop__b__Item"]["properties"] == {
        "y": {"title": "Y", "type": "integer"}
    }


def test_unresolvable_forward_reference_is_a_clear_error() -> None:
    @attrs.define
    class Local:
        other: NotDefinedAnywhere  # type: ignore[name-defined]  # noqa: F821

    with pytest.raises(TypeError, match="cannot resolve the field types of Local"):
        to_strict_json_schema(Local)


# Request parameters -------------------------------------------------------------------


def test_params_are_openai_pythons() -> None:
    params = EXPECTED["params"]
    assert json.dumps(response_format_param(Location)) == json.dumps(
        params["response_format_Location"]
    )
    assert json.dumps(text_format_param(Location)) == json.dumps(params["text_format_Location"])
    assert json.dumps(function_tool(GetWeatherArgs)) == json.dumps(
        params["function_tool_GetWeatherArgs"]
    )
    stock = function_tool(
        GetStockPrice,
        name="get_stock_price",
        description="Fetch the latest price for a given ticker",
    )
    assert json.dumps(stock) == json.dumps(params["function_tool_get_stock_price"])
    converted = make_response_tools([function_tool(GetWeatherArgs)])
    assert json.dumps(converted) == json.dumps(params["responses_tools_from_chat"])
    assert json.dumps(responses_function_tool(GetWeatherArgs)) == json.dumps(
        params["responses_function_tool_GetWeatherArgs"]
    )


def test_response_format_dict_passes_through() -> None:
    given = {"type": "json_object"}
    assert response_format_param(given) == given


def test_function_tool_carries_its_class_and_has_openai_pythons_name() -> None:
    assert pydantic_function_tool is function_tool
    tool = function_tool(Location)
    assert isinstance(tool["function"], StructuredFunctionTool)
    assert tool["function"].model is Location
    assert "description" not in tool["function"]  # no docstring, no description
    # A tool without its class (a plain chat dict) cannot become a Responses tool.
    with pytest.raises(TypeError, match="function_tool"):
        make_response_tools([{"type": "function", "function": {"name": "f", "parameters": {}}}])
    assert make_response_tools([{"type": "web_search"}]) == [{"type": "web_search"}]


def test_validate_input_tools_as_openai_python() -> None:
    validate_input_tools([function_tool(Location)])
    validate_input_tools(None)
    with pytest.raises(ValueError, match="`loose` is not strict"):
        validate_input_tools([{"type": "function", "function": {"name": "loose"}}])
    with pytest.raises(ValueError, match="only `function` tool types"):
        validate_input_tools([{"type": "custom", "custom": {"name": "c"}}])


# Parsing JSON into the class -------------------------------------------------------------

OUTER_ANSWER = {
    "first_name": "Ada",
    "inner": {"count": 1, "label_text": "one"},
    "inner_described": {"count": 2, "label_text": "two"},
    "maybe_inner": None,
    "inners": [{"count": 3, "label_text": "three"}],
    "color": "green",
    "maybe_color": None,
    "level": 2,
    "choice": "b",
    "fixed": "x",
    "mixed": 1,
    "either": "7",
    "inner_or_int": {"count": 4, "label_text": "four"},
    "ratio": 1,
    "flag": True,
    "pair": [1, "a"],
    "numbers": [1, 2, 3],
    "names": ["n"],
    "tags": ["t", "t"],
    "when": "2024-05-01T12:30:00Z",
    "day": "2024-05-01",
    "at": "12:30:00",
    "took": "P1DT2H30M",
    "uid": "12345678-1234-5678-1234-567812345678",
    "note": "hi",
    "sparse": [1, None],
    "nothing": None,
    "three": 3,
    "maybe_inners": None,
    "unknown_extra": "ignored, as pydantic ignores it",
}


def test_parse_json_into_attrs_class_with_every_field_type() -> None:
    out = parse_json_into(Outer, json.dumps(OUTER_ANSWER))
    assert out.inner == Inner(1, "one")
    assert out.inners == [Inner(3, "three")]
    assert out.color is Color.GREEN and out.level is Level.HIGH
    assert out.either == "7" and out.three == 3  # a string stays a string in a union
    assert out.inner_or_int == Inner(4, "four")
    assert out.ratio == 1.0 and type(out.ratio) is float
    assert out.pair == (1, "a") and out.numbers == (1, 2, 3) and out.tags == {"t"}
    assert out.when == datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.timezone.utc)
    assert out.day == datetime.date(2024, 5, 1) and out.at == datetime.time(12, 30)
    assert out.took == datetime.timedelta(days=1, hours=2, minutes=30)
    assert out.uid == uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert out.sparse == [1, None] and out.nothing is None


def test_to_plain_gives_json_ready_data_back() -> None:
    out = parse_json_into(Outer, json.dumps(OUTER_ANSWER))
    plain = to_plain(out)
    json.dumps(plain)  # JSON-ready
    assert plain["when"] == "2024-05-01T12:30:00+00:00"
    assert plain["color"] == "green" and plain["pair"] == [1, "a"] and plain["tags"] == ["t"]
    assert plain["inner"] == {"count": 1, "label_text": "one"}
    again = parse_json_into(Outer, json.dumps(plain))
    assert again == out


def test_parse_json_into_dataclass_and_typeddict() -> None:
    shape = parse_json_into(
        Shape, '{"points": [{"x": 1, "y": 2.5}], "mood": "happy", "kind": "happy"}'
    )
    assert shape == Shape([Point(1.0, 2.5)], Mood.HAPPY, Mood.HAPPY)
    movie = parse_json_into(
        Movie, '{"title": "Up", "summary": "a house flies", "rating": {"stars": 5}, "extra": 1}'
    )
    assert movie == {"title": "Up", "summary": "a house flies", "rating": {"stars": 5}}
    assert type(movie) is dict  # a TypedDict is a dict; unknown keys dropped


def test_invalid_json_is_our_error_with_the_raw_text() -> None:
    with pytest.raises(StructuredOutputError) as info:
        parse_json_into(Location, '{"city": "Par')
    err = info.value
    assert isinstance(err, PortkeyError) and isinstance(err, ValueError)
    assert err.raw == '{"city": "Par'
    assert "not valid JSON for Location" in str(err) and "invalid JSON" in err.reason
    with pytest.raises(StructuredOutputError, match="not valid JSON"):
        parse_json_into(Location, None)


def test_wrong_shape_lists_every_problem_with_its_path() -> None:
    text = json.dumps(
        {
            "name": None,
            "table_name": "users",
            "columns": ["id", "status", 3],
            "conditions": [
                {"column": "c", "operator": "=", "value": {"column": 1}},
                {"operator": ">", "value": 2},
                "not an object",
            ],
        }
    )
    with pytest.raises(StructuredOutputError) as info:
        parse_json_into(Query, text)
    reason = info.value.reason
    assert info.value.raw == text
    assert "expected one of 'orders', 'customers', 'products', got 'users' @ $.table_name" in reason
    assert "got 3 @ $.columns[2]" in reason
    assert "@ $.conditions[0].value" in reason and "fits none of str, int, DynamicValue" in reason
    assert "required field missing @ $.conditions[1].column" in reason
    assert "expected a JSON object for Condition, got str @ $.conditions[2]" in reason
    assert "required field missing @ $.order_by" in reason


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"city": "Paris", "temperature": "21", "units": "c"}', "expected a number, got str"),
        ('{"city": 7, "temperature": 21, "units": "c"}', "expected a string, got int"),
        ('{"city": "Paris", "temperature": true, "units": "c"}', "expected a number, got bool"),
        ('{"city": "Paris", "temperature": 21, "units": "k"}', "expected one of 'c', 'f'"),
        ('["Paris", 21, "c"]', r"expected a JSON object for Location, got list @ \$"),
    ],
)
def test_no_coercion_between_json_types(text: str, problem: str) -> None:
    with pytest.raises(StructuredOutputError, match=problem):
        parse_json_into(Location, text)


def test_strings_are_not_lists_and_integers_are_exact() -> None:
    with pytest.raises(StructuredOutputError, match=r"expected a JSON array, got str @ \$.leaves"):
        parse_json_into(Branch, '{"tree": null, "leaves": "abc"}')
    assert parse_json_into(Inner, '{"count": 2.0, "label_text": ""}').count == 2
    with pytest.raises(StructuredOutputError, match="expected an integer, got float 2.5"):
        parse_json_into(Inner, '{"count": 2.5, "label_text": ""}')
    with pytest.raises(StructuredOutputError, match="expected an integer, got bool"):
        parse_json_into(Inner, '{"count": true, "label_text": ""}')


def test_recursive_classes_parse() -> None:
    tree = parse_json_into(Node, '{"name": "a", "children": [{"name": "b", "children": []}]}')
    assert tree == Node("a", [Node("b", [])])


# Chat completions: real recorded answers --------------------------------------------------


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


def test_parse_chat_completion_into_attrs_class() -> None:
    raw = completion("test_parse_pydantic_model")
    parsed = parse_chat_completion(raw, response_format=Location, tools=None)
    assert isinstance(parsed, ParsedChatCompletion)
    message = parsed.choices[0].message
    assert isinstance(message, ParsedChatCompletionMessage)
    assert message.parsed == Location("San Francisco", 65.0, "f")
    assert message.content == '{"city":"San Francisco","temperature":65,"units":"f"}'
    # Everything else is kept: ids, usage, finish reason, unknown fields.
    assert parsed.id == "chatcmpl-ABfvbtVnTu5DeC4EFnRYj8mtfOM99"
    assert parsed.usage is not None and parsed.usage.total_tokens == 93
    assert parsed.choices[0].finish_reason == "stop"
    assert parsed.usage.to_dict()["completion_tokens_details"]["reasoning_tokens"] == 0


def test_parse_chat_completion_enum_dataclass_and_several_choices() -> None:
    enum_answer = parse_chat_completion(
        completion("test_parse_pydantic_model_enum"), response_format=ColorDetection
    )
    assert enum_answer.choices[0].message.parsed == ColorDetection(Color3.RED, "#FF0000")
    event = parse_chat_completion(
        completion("test_parse_pydantic_dataclass"), response_format=CalendarEvent
    )
    assert event.choices[0].message.parsed == CalendarEvent(
        "Science Fair", "Friday", ["Alice", "Bob"]
    )
    three = parse_chat_completion(
        completion("test_parse_pydantic_model_multiple_choices"), response_format=Location
    )
    assert [c.message.parsed.temperature for c in three.choices if c.message.parsed] == [
        64.0,
        65.0,
        63.0,
    ]


def test_typeddict_response_format_gives_a_dict() -> None:
    class LocationDict(TypedDict):
        city: str
        temperature: float
        units: Literal["c", "f"]

    parsed = parse_chat_completion(
        completion("test_parse_pydantic_model"), response_format=LocationDict
    )
    assert parsed.choices[0].message.parsed == {
        "city": "San Francisco",
        "temperature": 65.0,
        "units": "f",
    }


def test_refusal_is_the_refusal_not_parsed() -> None:
    parsed = parse_chat_completion(
        completion("test_parse_pydantic_model_refusal"), response_format=Location
    )
    message = parsed.choices[0].message
    assert message.parsed is None
    assert message.refusal == "I'm very sorry, but I can't assist with that."
    # Even with content present, a refusal is never parsed (it could not fit anyway).
    raw = completion("test_parse_pydantic_model_refusal")
    assert raw.choices[0].message is not None
    raw.choices[0].message.content = "I can't."
    assert parse_chat_completion(raw, response_format=Location).choices[0].message.parsed is None


def test_length_finish_reason_raises_with_the_completion() -> None:
    raw = completion("test_parse_max_tokens_reached")
    with pytest.raises(LengthFinishReasonError) as info:
        parse_chat_completion(raw, response_format=Location)
    assert info.value.completion is raw
    assert str(info.value).startswith(
        "Could not parse response content as the length limit was reached - "
    )
    assert '"completion_tokens": 1' in str(info.value)  # the usage
    assert isinstance(info.value, PortkeyError)


def test_content_filter_finish_reason_raises() -> None:
    raw = completion("test_parse_pydantic_model", finish_reason="content_filter")
    with pytest.raises(ContentFilterFinishReasonError, match="rejected by the content filter"):
        parse_chat_completion(raw, response_format=Location)


def test_content_that_does_not_fit_raises_with_the_raw_text() -> None:
    raw = completion(
        "test_parse_pydantic_model",
        message={"role": "assistant", "content": '{"city": "SF", "temperature": "hot"}'},
    )
    with pytest.raises(StructuredOutputError) as info:
        parse_chat_completion(raw, response_format=Location)
    assert info.value.raw == '{"city": "SF", "temperature": "hot"}'
    assert "@ $.temperature" in info.value.reason and "@ $.units" in info.value.reason


def test_no_class_means_nothing_parsed() -> None:
    raw = completion("test_parse_nothing")
    for response_format in (None, {"type": "json_object"}):
        parsed = parse_chat_completion(raw, response_format=response_format, tools=None)
        assert parsed.choices[0].message.parsed is None
        assert parsed.choices[0].message.content == raw.choices[0].message.content  # type: ignore[union-attr]


def test_tool_call_arguments_parsed_into_the_tool_class() -> None:
    raw = completion("test_pydantic_tool_model_all_types")
    tools = [function_tool(Query)]
    parsed = parse_chat_completion(raw, response_format=Query, tools=tools)
    message = parsed.choices[0].message
    assert message.parsed is None  # the model called the tool instead of answering
    call = message.tool_calls[0] if message.tool_calls else None
    assert isinstance(call, ParsedFunctionToolCall)
    assert call.id == "call_NKpApJybW1MzOjZO2FzwYw0d" and call.type == "function"
    query = call.function.parsed_arguments
    assert isinstance(query, Query)
    assert query.table_name is Table.orders and query.order_by is OrderBy.asc
    assert query.columns[:2] == [Column.id, Column.status]
    assert query.conditions[0] == Condition("ordered_at", Operator.ge, "2022-05-01")
    assert query.conditions[3] == Condition(
        "delivered_at", Operator.gt, DynamicValue("expected_delivery_date")
    )


def test_several_tools_by_name_and_plain_strict_and_loose_dict_tools() -> None:
    raw = completion("test_parse_multiple_pydantic_tools")
    tools = [
        function_tool(GetWeatherArgs),
        function_tool(GetStockPrice, name="get_stock_price", description="Latest price"),
    ]
    calls = parse_chat_completion(raw, tools=tools).choices[0].message.tool_calls or []
    assert calls[0].function.parsed_arguments == GetWeatherArgs("Edinburgh", "GB", "c")
    assert calls[1].function.parsed_arguments == GetStockPrice("AAPL", "NASDAQ")

    strict_raw = completion("test_parse_strict_tools")
    plain = {
        "type": "function",
        "function": {"name": "get_weather", "parameters": {"type": "object"}, "strict": True},
    }
    calls = parse_chat_completion(strict_raw, tools=[plain]).choices[0].message.tool_calls or []
    assert calls[0].function.parsed_arguments == {"city": "San Francisco", "state": "CA"}
    loose = {"type": "function", "function": {"name": "get_weather", "parameters": {}}}
    calls = parse_chat_completion(strict_raw, tools=[loose]).choices[0].message.tool_calls or []
    assert calls[0].function.parsed_arguments is None
    assert calls[0].function.arguments == '{"city":"San Francisco","state":"CA"}'
    calls = parse_chat_completion(strict_raw, tools=None).choices[0].message.tool_calls or []
    assert calls[0].function.parsed_arguments is None


def test_tool_copied_into_a_plain_dict_still_finds_its_class() -> None:
    # A caller (or a request transform) may copy the tool: the class is found by name+schema.
    tool = json.loads(json.dumps(function_tool(GetWeatherArgs)))
    assert not isinstance(tool["function"], StructuredFunctionTool)
    raw = completion("test_parse_multiple_pydantic_tools")
    calls = parse_chat_completion(raw, tools=[tool]).choices[0].message.tool_calls or []
    assert calls[0].function.parsed_arguments == GetWeatherArgs("Edinburgh", "GB", "c")


def test_tool_arguments_that_do_not_fit_raise() -> None:
    raw = completion("test_parse_pydantic_tool")
    assert raw.choices[0].message and raw.choices[0].message.tool_calls
    function = raw.choices[0].message.tool_calls[0].function
    assert function is not None
    function.arguments = '{"city": "Edinburgh"'
    with pytest.raises(StructuredOutputError) as info:
        parse_chat_completion(raw, tools=[function_tool(GetWeatherArgs)])
    assert info.value.raw == '{"city": "Edinburgh"'
    strict = {"type": "function", "function": {"name": "GetWeatherArgs", "strict": True}}
    with pytest.raises(StructuredOutputError, match="tool call arguments are not valid JSON"):
        parse_chat_completion(raw, tools=[strict])


def test_parsed_completion_keeps_unknown_fields_and_headers_and_dumps_to_json() -> None:
    body = copy.deepcopy(ANSWERS["test_parse_pydantic_tool"])
    body["provider"] = "openai"
    body["choices"][0]["message"]["reasoning_content"] = "thought"
    raw = structure(body, ChatCompletion)
    raw._headers = {"trace-id": "t-1"}
    parsed = parse_chat_completion(raw, tools=[function_tool(GetWeatherArgs)])
    assert parsed.provider == "openai" and parsed.get_headers() == {"trace-id": "t-1"}
    assert parsed.choices[0].message.reasoning_content == "thought"
    data = json.loads(parsed.to_json())
    function = data["choices"][0]["message"]["tool_calls"][0]["function"]
    assert function["parsed_arguments"] == {"city": "Edinburgh", "country": "UK", "units": "c"}
    assert data["provider"] == "openai"
    assert pickle.loads(pickle.dumps(parsed)) == parsed


def test_custom_tool_calls_are_skipped_as_openai_python_does(caplog: Any) -> None:
    body = copy.deepcopy(ANSWERS["test_parse_pydantic_tool"])
    body["choices"][0]["message"]["tool_calls"].append(
        {"id": "c2", "type": "custom", "custom": {"name": "grammar", "input": "x"}}
    )
    parsed = parse_chat_completion(
        structure(body, ChatCompletion), tools=[function_tool(GetWeatherArgs)]
    )
    calls = parsed.choices[0].message.tool_calls or []
    assert [c.id for c in calls] == ["call_Y6qJ7ofLgOrBnMD5WbVAeiRV"]
    assert "Custom tool calls are not callable" in caplog.text


def test_parsed_message_type_checks_as_the_class(tmp_path: Path) -> None:
    """``completion.choices[0].message.parsed`` is ``Optional[Location]`` for mypy, and
    ``parsed_arguments`` is ``object``; a wrong expectation fails (not vacuous)."""
    from mypy import api

    source = textwrap.dedent(
        """
        from typing import Optional
        import attrs
        from typing_extensions import assert_type
        from portkey._structured import parse_chat_completion
        from portkey.types.chat import ChatCompletion

        @attrs.define
        class Location:
            city: str

        def check(raw: ChatCompletion) -> None:
            parsed = parse_chat_completion(raw, response_format=Location)
            assert_type(parsed.choices[0].message.parsed, Optional[Location])
            calls = parsed.choices[0].message.tool_calls or []
            assert_type(calls[0].function.parsed_arguments, Optional[object])
        """
    )
    good = tmp_path / "good.py"
    good.write_text(source)
    args = ["--strict", "--cache-dir", str(tmp_path / "cache")]
    out, err, status = api.run([str(good), *args])
    assert status == 0, out + err
    bad = tmp_path / "bad.py"
    bad.write_text(source.replace("Optional[Location])", "Optional[str])"))
    out, err, status = api.run([str(bad), *args])
    assert status == 1 and 'is of type "Location | None", not "str | None"' in out


# pydantic, when it is installed --------------------------------------------------------


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "make_expected_schemas", FIXTURES / "make_expected_schemas.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(EXPECTED["schemas"]))
def test_pydantic_model_schema_is_openai_pythons(name: str) -> None:
    pytest.importorskip("pydantic")
    model = _generator().load(name)
    assert json.dumps(to_strict_json_schema(model)) == json.dumps(EXPECTED["schemas"][name])


def test_pydantic_params_and_parsing() -> None:
    pytest.importorskip("pydantic")
    generator = _generator()
    location, weather = generator.load("Location"), generator.load("GetWeatherArgs")
    params = EXPECTED["params"]
    assert json.dumps(response_format_param(location)) == json.dumps(
        params["response_format_Location"]
    )
    assert json.dumps(function_tool(weather)) == json.dumps(params["function_tool_GetWeatherArgs"])
    parsed = parse_chat_completion(
        completion("test_parse_pydantic_model"), response_format=location
    )
    assert parsed.choices[0].message.parsed == location(
        city="San Francisco", temperature=65, units="f"
    )
    assert json.loads(parsed.to_json())["choices"][0]["message"]["parsed"]["city"] == (
        "San Francisco"
    )
    with pytest.raises(StructuredOutputError) as info:
        parse_json_into(location, '{"city": "SF"}')
    assert info.value.raw == '{"city": "SF"}' and "temperature" in info.value.reason
    assert type(info.value.__cause__).__name__ == "ValidationError"


def test_pydantic_model_inside_an_attrs_class() -> None:
    pydantic = pytest.importorskip("pydantic")
    Address = pydantic.create_model(
        "Address", __doc__="Where.", street=(str, ...), mood=(Mood, ...)
    )
    Person = attrs.make_class(
        "Person", {"name": attrs.field(type=str), "address": attrs.field(type=Address)}
    )

    schema = to_strict_json_schema(Person)
    assert schema["properties"]["address"] == {"$ref": "#/$defs/Address"}
    assert set(schema["$defs"]) == {"Address", "Mood"}
    assert schema["$defs"]["Address"]["additionalProperties"] is False
    person = parse_json_into(Person, '{"name": "A", "address": {"street": "S", "mood": "sad"}}')
    assert person.address == Address(street="S", mood=Mood.SAD)
    assert to_plain(person) == {"name": "A", "address": {"street": "S", "mood": "sad"}}


def test_importing_and_using_it_does_not_import_pydantic() -> None:
    """pydantic is installed here (openai needs it) and still never imported by us."""
    code = textwrap.dedent(
        """
        import sys, json, attrs, typing
        import portkey._structured as s, portkey.types.parsed_chat
        assert "pydantic" not in sys.modules, "import"

        @attrs.define
        class Point:
            x: int
            tags: typing.List[str]

        s.response_format_param(Point)
        s.function_tool(Point)
        assert s.parse_json_into(Point, '{"x": 1, "tags": []}') == Point(1, [])
        assert "pydantic" not in sys.modules, "use"
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
