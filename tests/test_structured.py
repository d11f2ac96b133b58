"""Structured outputs without pydantic: strict schemas from attrs classes, dataclasses and
TypedDicts (the same bytes openai-python sends for the equivalent pydantic models), request
parameters, JSON structured into the class, and pydantic models when pydantic is installed.

Expected schemas: ``fixtures/structured/expected_schemas.json`` (made by openai-python itself,
see ``make_expected_schemas.py``). Parsing whole answers: ``test_structured_parse.py``.
"""

from __future__ import annotations

import dataclasses
import datetime
import importlib.util
import json
import subprocess
import sys
import textwrap
import types
import uuid
from typing import Any, Dict, List, Optional, Tuple

import attrs
import pytest
import typing_extensions
from structured_classes import (
    EXPECTED,
    FIXTURES,
    Branch,
    Color,
    GetStockPrice,
    GetWeatherArgs,
    Holder,
    Inner,
    Level,
    Location,
    Mood,
    Movie,
    Node,
    Outer,
    Point,
    Query,
    Shape,
    Tree,
    completion,
)
from typing_extensions import Annotated, NotRequired, TypedDict

from portkey._errors import PortkeyError, StructuredOutputError
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


def test_classes_sharing_a_name_get_module_qualified_defs(monkeypatch: Any) -> None:
    items = []
    for module_name, field in (("shop.a", "x"), ("shop.b", "y")):
        module = types.ModuleType(module_name)
        monkeypatch.setitem(sys.modules, module_name, module)  # as a real module would be
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
