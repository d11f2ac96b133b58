"""The typed parts of a rendered prompt (``prompts.render``: the request a saved prompt makes)
and the completion of a prompt answered in the wrapper of Portkey's API reference.

The render bodies are shaped as Portkey's spec describes ``data`` (a CreateChatCompletionRequest
or a CreateCompletionRequest).
"""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, Iterator

import httpx
import pytest
import respx
from spec_examples import without_nulls

from portkey import Portkey
from portkey.types._support import GenericModel
from portkey.types.chat import ChatCompletion
from portkey.types.completions import Completion
from portkey.types.prompts import (
    ChatCompletionFunctionCallOption,
    ChatCompletionFunctionTool,
    ChatCompletionNamedToolChoice,
    ChatCompletionStreamOptions,
    FunctionDefinition,
    JSONSchema,
    PromptCompletion,
    PromptRender,
    ResponseFormatJSONObject,
    ResponseFormatJSONSchema,
    ResponseFormatText,
    Thinking,
    Tool,
)

BASE_URL = "https://api.portkey.ai/v1"
WEATHER_PARAMETERS = {
    "type": "object",
    "properties": {"city": {"type": "string"}},
    "required": ["city"],
    "additionalProperties": False,
}
DATA: Dict[str, Any] = {
    "model": "claude-3-7-sonnet-latest",
    "messages": [{"role": "user", "content": "Weather in Paris?"}],
    "max_tokens": 2048,
    "stream": False,
    "response_format": {
        "type": "json_schema",
        "json_schema": {
            "name": "weather",
            "description": "The weather answer",
            "schema": {"type": "object", "properties": {"celsius": {"type": "number"}}},
            "strict": True,
        },
    },
    "stream_options": {"include_usage": True},
    "thinking": {"type": "enabled", "budget_tokens": 1024},
    "tools": [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "The weather of a city",
                "parameters": WEATHER_PARAMETERS,
                "strict": True,
            },
        }
    ],
    "tool_choice": "auto",
    "functions": [{"name": "get_weather", "parameters": WEATHER_PARAMETERS}],
    "function_call": {"name": "get_weather"},
}
RENDER = {"success": True, "data": DATA}


def _render(data: Dict[str, Any]) -> PromptRender:
    return PromptRender.model_validate({"success": True, "data": data})


def test_rendered_request_parts_are_typed() -> None:
    data = _render(DATA).data
    response_format = data.response_format
    assert type(response_format) is ResponseFormatJSONSchema
    assert data.response_format is response_format  # typed once, the same object after
    schema = response_format.json_schema
    assert type(schema) is JSONSchema and schema.name == "weather" and schema.strict is True
    assert schema.schema == DATA["response_format"]["json_schema"]["schema"]
    assert type(data.stream_options) is ChatCompletionStreamOptions
    assert data.stream_options.include_usage is True
    assert type(data.thinking) is Thinking
    assert (data.thinking.type, data.thinking.budget_tokens) == ("enabled", 1024)
    assert data.tools is not None
    tool = data.tools[0]
    assert type(tool) is ChatCompletionFunctionTool is Tool  # Tool: the official's name
    assert type(tool.function) is FunctionDefinition
    assert tool.function.name == "get_weather" and tool.function.parameters == WEATHER_PARAMETERS
    assert data.functions is not None and type(data.functions[0]) is FunctionDefinition
    assert type(data.function_call) is ChatCompletionFunctionCallOption
    assert data.function_call.name == "get_weather"
    assert data.tool_choice == "auto"  # a string stays one


def test_the_rendered_request_comes_back_as_rendered() -> None:
    rendered = _render(DATA)
    assert rendered.data.to_dict(exclude_none=True) == DATA
    assert rendered.model_dump(exclude_none=True) == RENDER
    rendered.data.response_format  # typed on read: the dumps do not change
    assert rendered.data.to_dict(exclude_none=True) == DATA


def test_other_response_formats_and_a_named_tool_choice() -> None:
    for body, cls in (
        ({"type": "text"}, ResponseFormatText),
        ({"type": "json_object"}, ResponseFormatJSONObject),
        ({"type": "grammar", "grammar": "root ::= x"}, GenericModel),
    ):
        data = _render({"model": "m", "response_format": body}).data
        assert type(data.response_format) is cls
        assert data.to_dict(exclude_none=True)["response_format"] == body
    choice = {"type": "function", "function": {"name": "get_weather"}}
    data = _render({"model": "m", "tool_choice": choice, "function_call": "auto"}).data
    assert type(data.tool_choice) is ChatCompletionNamedToolChoice
    assert data.tool_choice.function is not None
    assert data.tool_choice.function.name == "get_weather"
    assert data.function_call == "auto"


def test_fields_the_official_does_not_declare_stay_out_of_its_dumps() -> None:
    """The official's PromptRenderData has no response_format, stream_options or thinking:
    a render without them dumps no None for them."""
    data = _render({"model": "m", "prompt": "Say hi"}).data
    assert (data.response_format, data.stream_options, data.thinking) == (None, None, None)
    dumped = data.model_dump()
    assert not {"response_format", "stream_options", "thinking"} & set(dumped)


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router


def test_a_rendered_request_sent_as_is(mock: respx.MockRouter) -> None:
    """A rendered request's typed parts go back on the wire as the JSON they came as."""
    mock.post("/prompts/pp-weather/render").respond(200, json=RENDER)
    chat = mock.post("/chat/completions").respond(200, json={"choices": []})
    with Portkey(api_key="pk") as client:
        data = client.prompts.render(prompt_id="pp-weather", variables={}).data
        client.chat.completions.create(
            model="claude-3-7-sonnet-latest",
            messages=[{"role": "user", "content": "Weather in Paris?"}],
            response_format=data.response_format,  # type: ignore[arg-type]
            tools=data.tools,  # type: ignore[arg-type]
        )
    sent = json.loads(chat.calls.last.request.content)
    assert sent["response_format"] == DATA["response_format"]
    assert sent["tools"] == DATA["tools"]


CHAT_BODY: Dict[str, Any] = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1741569952,
    "model": "gpt-4o-mini",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Hello Ada"},
            "logprobs": None,
            "finish_reason": "stop",
        }
    ],
    "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
}
TEXT_BODY: Dict[str, Any] = {
    "id": "cmpl-1",
    "object": "text_completion",
    "created": 1741569952,
    "model": "gpt-3.5-turbo-instruct",
    "choices": [{"index": 0, "text": "Hello Ada", "logprobs": None, "finish_reason": "stop"}],
}


@pytest.mark.parametrize(("body", "cls"), [(CHAT_BODY, ChatCompletion), (TEXT_BODY, Completion)])
def test_a_wrapped_prompt_completion_has_its_body_typed(
    mock: respx.MockRouter, body: Dict[str, Any], cls: type
) -> None:
    """Portkey's API reference wraps the answer as ``{"status", "headers", "body"}``."""
    wrapped = {"status": "200", "headers": {"x-request-id": "r1"}, "body": body}
    mock.post("/prompts/pp-greet/completions").respond(200, json=wrapped)
    with Portkey(api_key="pk") as client:
        completion = client.prompts.completions.create(prompt_id="pp-greet", variables={})
    assert isinstance(completion, PromptCompletion)
    assert type(completion.body) is cls and completion.body.id == body["id"]
    assert completion.body.choices[0].finish_reason == "stop"
    assert completion.status == "200" and completion.headers == {"x-request-id": "r1"}
    assert completion.model_dump(exclude_none=True) == {"choices": [], **without_nulls(wrapped)}


def test_a_prompt_completion_as_the_official_reads_it(mock: respx.MockRouter) -> None:
    """The answer the official SDK (and Portkey's docs) expect: the completion itself."""
    mock.post("/prompts/pp-greet/completions").respond(200, json=copy.deepcopy(CHAT_BODY))
    with Portkey(api_key="pk") as client:
        completion = client.prompts.completions.create(prompt_id="pp-greet", variables={})
    assert completion.body is None
    assert completion.choices[0].message is not None
    assert completion.choices[0].message.content == "Hello Ada"
    assert "body" not in completion.model_dump()


def test_an_error_answer_is_not_a_body(mock: respx.MockRouter) -> None:
    mock.post("/prompts/pp-greet/completions").mock(
        return_value=httpx.Response(200, json={"body": "not an object"})
    )
    with Portkey(api_key="pk") as client:
        completion = client.prompts.completions.create(prompt_id="pp-greet", variables={})
    assert completion.body == "not an object"  # kept as sent
