"""Structured outputs: whole answers parsed (``parse_chat_completion``, ``parse_response``).

Chat: real OpenAI bodies recorded by openai-python's test suite
(``fixtures/structured/openai_python_chat_parse.json``, provenance in its ``.meta.json``).
Responses: a recorded body and the OpenAPI spec's example (``responses_bodies.json``).
"""

from __future__ import annotations

import copy
import json
import pickle
import textwrap
from pathlib import Path
from typing import Any, List

import attrs
import httpx
import pytest
import respx
from structured_classes import (
    ANSWERS,
    RESPONSES,
    CalendarEvent,
    Color3,
    ColorDetection,
    Column,
    Condition,
    DynamicValue,
    GetStockPrice,
    GetWeatherArgs,
    Location,
    Operator,
    OrderBy,
    Query,
    Table,
    completion,
)
from typing_extensions import Literal, TypedDict

from portkey import Portkey
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
    parse_response,
    responses_function_tool,
    text_format_param,
    to_plain,
)
from portkey.types.chat import ChatCompletion
from portkey.types.parsed_chat import (
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedFunctionToolCall,
)
from portkey.types.parsed_response import (
    ParsedResponse,
    ParsedResponseFunctionToolCall,
    ParsedResponseOutputMessage,
    ParsedResponseOutputText,
)
from portkey.types.responses import Response, ResponseOutputRefusal

# Chat completions --------------------------------------------------


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
    """``message.parsed``, ``output_parsed`` and ``part.parsed`` are ``Optional[Location]``, and
    ``parsed_arguments`` is ``object``; a wrong expectation fails (not vacuous)."""
    from mypy import api

    source = textwrap.dedent(
        """
        from typing import Optional
        import attrs
        from typing_extensions import assert_type
        from portkey._structured import parse_chat_completion, parse_response
        from portkey.types.chat import ChatCompletion
        from portkey.types.parsed_response import (
            ParsedResponseOutputMessage,
            ParsedResponseOutputText,
        )
        from portkey.types.responses import Response

        @attrs.define
        class Location:
            city: str

        def check(raw: ChatCompletion) -> None:
            parsed = parse_chat_completion(raw, response_format=Location)
            assert_type(parsed.choices[0].message.parsed, Optional[Location])
            calls = parsed.choices[0].message.tool_calls or []
            assert_type(calls[0].function.parsed_arguments, Optional[object])

        def check_response(raw: Response) -> None:
            parsed = parse_response(raw, text_format=Location)
            assert_type(parsed.output_parsed, Optional[Location])
            item = parsed.output[0]
            if isinstance(item, ParsedResponseOutputMessage):
                part = item.content[0]
                if isinstance(part, ParsedResponseOutputText):
                    assert_type(part.parsed, Optional[Location])
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
    assert status == 1 and out.count('is of type "Location | None", not "str | None"') == 3, out


# Responses -------------------------------------------------------------------------------

LOCATION_TEXT = '{"city":"San Francisco","temperature":65,"units":"f"}'


@attrs.define
class GetCurrentWeather:
    location: str
    unit: Literal["celsius", "fahrenheit"]


def response_body(name: str = "openai_python_test_output_text", **item: Any) -> dict:
    """A recorded Responses body; ``item`` edits its first output item."""
    body = copy.deepcopy(RESPONSES[name])
    body["output"][0].update(item)
    return body


def spec_call() -> Response:
    """The spec's example: a get_current_weather function call (Boston, MA, celsius)."""
    return structure(copy.deepcopy(RESPONSES["openapi_spec_example_function_calling"]), Response)


def message_with(*parts: dict, **fields: Any) -> dict:
    return response_body(content=list(parts), **fields)


def text_part(text: str) -> dict:
    return {"type": "output_text", "annotations": [], "logprobs": [], "text": text}


def test_parse_response_into_the_text_format_class() -> None:
    raw = structure(message_with(text_part(LOCATION_TEXT)), Response)
    parsed = parse_response(raw, text_format=Location, tools=None)
    assert isinstance(parsed, ParsedResponse)
    assert parsed.output_parsed == Location("San Francisco", 65.0, "f")
    message = parsed.output[0]
    assert isinstance(message, ParsedResponseOutputMessage)
    part = message.content[0]
    assert isinstance(part, ParsedResponseOutputText) and part.parsed == parsed.output_parsed
    # The rest is the recorded response, unknown fields included.
    assert parsed.id == "resp_689a0b2545288193953c892439b42e2800b2e36c65a1fd4b"
    assert parsed.output_text == LOCATION_TEXT
    assert parsed.usage is not None and parsed.usage.total_tokens == 64
    assert parsed.to_dict()["store"] is True
    assert message.id == "msg_689a0b2637b08193ac478e568f49e3f900b2e36c65a1fd4b"


def test_untyped_answers_are_typed_first() -> None:
    """A dict (a raw stream's final response, say) is structured before it is parsed."""
    parsed = parse_response(message_with(text_part(LOCATION_TEXT)), text_format=Location)
    assert isinstance(parsed, ParsedResponse)
    assert parsed.output_parsed == Location("San Francisco", 65.0, "f")
    chat = parse_chat_completion(ANSWERS["test_parse_pydantic_model"], response_format=Location)
    assert chat.choices[0].message.parsed == Location("San Francisco", 65.0, "f")


def test_parse_response_without_a_class_parses_nothing() -> None:
    raw = structure(copy.deepcopy(RESPONSES["openai_python_test_output_text"]), Response)
    for text_format in (None, {"type": "text"}):
        parsed = parse_response(raw, text_format=text_format)
        assert parsed.output_parsed is None
        assert parsed.output_text.startswith("I can't provide real-time updates")


def test_refusal_parts_and_commentary_are_not_parsed() -> None:
    refusal = {"type": "refusal", "refusal": "I can't help with that."}
    parsed = parse_response(structure(message_with(refusal), Response), text_format=Location)
    assert parsed.output_parsed is None
    part = parsed.output[0].content[0]  # type: ignore[union-attr]
    assert isinstance(part, ResponseOutputRefusal) and part.refusal == "I can't help with that."
    # Commentary (a phase other than final_answer) is not the structured result.
    commentary = message_with(text_part("Let me look that up."), phase="commentary")
    assert (
        parse_response(structure(commentary, Response), text_format=Location).output_parsed is None
    )
    final = message_with(text_part(LOCATION_TEXT), phase="final_answer")
    assert parse_response(structure(final, Response), text_format=Location).output_parsed


def test_text_that_does_not_fit_raises_with_the_raw_text() -> None:
    raw = structure(message_with(text_part('{"city": "SF"}')), Response)
    with pytest.raises(StructuredOutputError) as info:
        parse_response(raw, text_format=Location)
    assert info.value.raw == '{"city": "SF"}' and "@ $.temperature" in info.value.reason


def test_function_call_arguments_parsed_from_every_tool_shape() -> None:
    raw = spec_call()
    expected = GetCurrentWeather("Boston, MA", "celsius")
    shapes: List[Any] = [
        [responses_function_tool(GetCurrentWeather, name="get_current_weather")],
        make_response_tools([function_tool(GetCurrentWeather, name="get_current_weather")]),
        [function_tool(GetCurrentWeather, name="get_current_weather")],  # chat shape, as given
        [
            {"type": "web_search"},
            *make_response_tools([function_tool(GetCurrentWeather, name="get_current_weather")]),
        ],
    ]
    for tools in shapes:
        call = parse_response(raw, tools=tools).output[0]
        assert isinstance(call, ParsedResponseFunctionToolCall)
        assert call.parsed_arguments == expected
        assert call.call_id == "call_unLAR8MvFNptuiZK6K6HCy5k"
    strict = {"type": "function", "name": "get_current_weather", "strict": True}
    call = parse_response(raw, tools=[strict]).output[0]
    assert call.parsed_arguments == {"location": "Boston, MA", "unit": "celsius"}  # type: ignore[union-attr]
    loose = {"type": "function", "name": "get_current_weather", "strict": False}
    assert parse_response(raw, tools=[loose]).output[0].parsed_arguments is None  # type: ignore[union-attr]
    assert parse_response(raw).output[0].parsed_arguments is None  # type: ignore[union-attr]


def test_function_call_inside_a_namespace_tool() -> None:
    body = copy.deepcopy(RESPONSES["openapi_spec_example_function_calling"])
    body["output"][0]["namespace"] = "weather"
    raw = structure(body, Response)
    tool = responses_function_tool(GetCurrentWeather, name="get_current_weather")
    namespace = {"type": "namespace", "name": "weather", "tools": [tool]}
    call = parse_response(raw, tools=[namespace]).output[0]
    assert call.parsed_arguments == GetCurrentWeather("Boston, MA", "celsius")  # type: ignore[union-attr]
    # The same function outside the namespace is another tool.
    assert parse_response(raw, tools=[tool]).output[0].parsed_arguments is None  # type: ignore[union-attr]


def test_unknown_output_items_are_kept_whole() -> None:
    body = copy.deepcopy(RESPONSES["openai_python_test_output_text"])
    body["output"][0]["content"] = [text_part(LOCATION_TEXT)]
    body["output"].insert(0, {"type": "hologram", "id": "h1", "frames": [1, 2]})
    raw = structure(body, Response)
    parsed = parse_response(raw, text_format=Location)
    assert parsed.output[0] is raw.output[0]
    assert parsed.output[0].to_dict() == {"type": "hologram", "id": "h1", "frames": [1, 2]}
    assert parsed.output_parsed == Location("San Francisco", 65.0, "f")


def test_parsed_values_stay_out_of_what_is_sent_back() -> None:
    raw = structure(message_with(text_part(LOCATION_TEXT)), Response)
    message = parse_response(raw, text_format=Location).output[0]
    assert isinstance(message, ParsedResponseOutputMessage)
    assert message.to_dict()["content"][0]["parsed"] == {
        "city": "San Francisco",
        "temperature": 65.0,
        "units": "f",
    }
    api = message.to_api_dict()
    assert "parsed" not in api["content"][0] and api["content"][0]["text"] == LOCATION_TEXT
    call_raw = structure(
        copy.deepcopy(RESPONSES["openapi_spec_example_function_calling"]), Response
    )
    tools = [responses_function_tool(GetCurrentWeather, name="get_current_weather")]
    call = parse_response(call_raw, tools=tools).output[0]
    assert isinstance(call, ParsedResponseFunctionToolCall)
    assert call.to_dict()["parsed_arguments"] == {"location": "Boston, MA", "unit": "celsius"}
    assert "parsed_arguments" not in call.to_api_dict()
    assert call.to_api_dict()["arguments"] == '{"location":"Boston, MA","unit":"celsius"}'
    parsed = parse_response(call_raw, tools=tools)
    assert pickle.loads(pickle.dumps(parsed)) == parsed


def test_parse_response_agrees_with_openai_python() -> None:
    """The same recorded bodies through openai-python's own ``parse_response``."""
    pytest.importorskip("pydantic")
    openai_parsing = pytest.importorskip("openai.lib._parsing._responses")
    from openai._models import construct_type_unchecked
    from openai.types.responses import Response as OpenAIResponse
    from pydantic import BaseModel

    class PydLocation(BaseModel):
        city: str
        temperature: float
        units: Literal["c", "f"]

    body = message_with(text_part(LOCATION_TEXT))
    theirs = openai_parsing.parse_response(
        text_format=PydLocation,
        input_tools=None,
        response=construct_type_unchecked(type_=OpenAIResponse, value=copy.deepcopy(body)),
    )
    ours = parse_response(structure(body, Response), text_format=Location)
    assert to_plain(ours.output_parsed) == theirs.output_parsed.model_dump()
    assert ours.output_text == theirs.output_text


# Through the client ---------------------------------------------------------------------


def test_parse_through_the_client_and_sending_the_output_back() -> None:
    """``responses.parse`` sends the class's strict schema and tools; the parsed output sent
    back as ``input`` carries no ``parsed``/``parsed_arguments`` (the API knows neither)."""
    body = message_with(text_part(LOCATION_TEXT))
    body["output"].append(
        copy.deepcopy(RESPONSES["openapi_spec_example_function_calling"]["output"][0])
    )
    tool = responses_function_tool(GetCurrentWeather, name="get_current_weather")
    with respx.mock(base_url="http://gateway.test/v1") as mock:
        route = mock.post("/responses").mock(return_value=httpx.Response(200, json=body))
        client = Portkey(api_key="k", base_url="http://gateway.test/v1")
        parsed = client.responses.parse(model="m", input="hi", text_format=Location, tools=[tool])
        sent = json.loads(route.calls[0].request.content)
        client.responses.create(model="m", input=parsed.output)
        sent_back = json.loads(route.calls[1].request.content)["input"]
    assert sent["text"] == {"format": text_format_param(Location)}
    assert sent["tools"] == [json.loads(json.dumps(tool))]
    assert parsed.output_parsed == Location("San Francisco", 65.0, "f")
    assert parsed.output[1].parsed_arguments == GetCurrentWeather("Boston, MA", "celsius")  # type: ignore[union-attr]
    assert "parsed" not in sent_back[0]["content"][0]
    assert sent_back[0]["content"][0]["text"] == LOCATION_TEXT
    assert "parsed_arguments" not in sent_back[1] and sent_back[1]["name"] == "get_current_weather"
