"""``ChatPortkey`` and ``PortkeyLLM`` (portkey.llms.langchain) through the real gateway and
the fake upstream, sync and async: calls, streams, tool-call round trips, structured output,
batches, Portkey options on the wire, errors; and the extra's import behaviour."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any, Dict, List, Optional

import httpx
import pytest

from .support import gateway_options, require

require("langchain_core", "langchain")

from langchain_core.callbacks import BaseCallbackHandler  # noqa: E402
from langchain_core.load import dumpd  # noqa: E402
from langchain_core.messages import (  # noqa: E402
    AIMessage,
    AIMessageChunk,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from pydantic import BaseModel  # noqa: E402
from typing_extensions import TypedDict  # noqa: E402

import portkey  # noqa: E402
from portkey.llms.langchain import ChatPortkey, PortkeyLLM  # noqa: E402

from .langchain_scenarios import get_weather  # noqa: E402
from .local_servers import CompletionsUpstream  # noqa: E402

MODES = ["sync", "async"]
modes = pytest.mark.parametrize("mode", MODES)
MODEL = "gpt-4o-mini"


class Person(BaseModel):
    """A person."""

    name: str
    age: int


class PersonDict(TypedDict):
    """A person, as a dict."""

    name: str
    age: int


def chat(stack: Any, **options: Any) -> ChatPortkey:
    return ChatPortkey(model=MODEL, **gateway_options(stack, **options))


async def invoke(runnable: Any, mode: str, value: Any, **kwargs: Any) -> Any:
    if mode == "sync":
        return runnable.invoke(value, **kwargs)
    return await runnable.ainvoke(value, **kwargs)


async def stream(runnable: Any, mode: str, value: Any, **kwargs: Any) -> List[Any]:
    if mode == "sync":
        return list(runnable.stream(value, **kwargs))
    return [chunk async for chunk in runnable.astream(value, **kwargs)]


async def batch(runnable: Any, mode: str, values: List[Any]) -> List[Any]:
    if mode == "sync":
        return runnable.batch(values)
    return await runnable.abatch(values)


def joined(chunks: List[Any]) -> Any:
    total = chunks[0]
    for chunk in chunks[1:]:
        total = total + chunk
    return total


def sent(stack: Any, index: int = -1) -> Dict[str, Any]:
    """The body of a chat completion the fake upstream received (the last by default)."""
    return stack.requests(path="/v1/chat/completions")[index]["body"]  # type: ignore[no-any-return]


# Calls -----------------------------------------------------------------------------------


@pytest.mark.anyio
@modes
async def test_a_call(mode: str, stack: Any) -> None:
    llm = chat(stack, temperature=0.5, max_tokens=20)
    messages = [SystemMessage("You are terse."), HumanMessage("Say hi")]
    answer = await invoke(llm, mode, messages)
    assert isinstance(answer, AIMessage)
    assert answer.content == "echo: Say hi"
    assert answer.id is not None and answer.id.startswith("chatcmpl-fake-")
    usage = answer.response_metadata["token_usage"]
    assert answer.usage_metadata == {
        "input_tokens": usage["prompt_tokens"],
        "output_tokens": usage["completion_tokens"],
        "total_tokens": usage["prompt_tokens"] + usage["completion_tokens"],
        "input_token_details": {},
        "output_token_details": {},
    }
    assert usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0
    assert answer.response_metadata["finish_reason"] == "stop"
    assert answer.response_metadata["model_name"] == MODEL
    assert sent(stack) == {
        "model": MODEL,
        "temperature": 0.5,
        "max_tokens": 20,
        "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": "Say hi"},
        ],
    }
    request = stack.last_request()
    assert request["headers"]["authorization"] == "Bearer sk-fake"


@pytest.mark.anyio
@modes
async def test_call_keywords_and_model_kwargs_go_in_the_body(mode: str, stack: Any) -> None:
    llm = chat(stack, model_kwargs={"user": "u-1"}, stop=["never"])
    await invoke(llm, mode, "hello", temperature=0.0, seed=7)
    body = sent(stack)
    assert body["user"] == "u-1"
    assert body["stop"] == ["never"]
    assert (body["temperature"], body["seed"]) == (0.0, 7)
    await invoke(llm, mode, "hello", stop=["other"])
    assert sent(stack)["stop"] == ["other"]
    # the official's way: the model named per call
    await invoke(llm, mode, "hello", model="gpt-4o")
    assert sent(stack)["model"] == "gpt-4o"


@pytest.mark.anyio
@modes
async def test_a_stream(mode: str, stack: Any) -> None:
    llm = chat(stack)
    chunks = await stream(llm, mode, "stream these words please")
    assert all(isinstance(c, AIMessageChunk) for c in chunks)
    texts = [c.content for c in chunks if c.content]
    assert len(texts) == 5  # one per word of "echo: stream these words please"
    whole = joined(chunks)
    assert whole.content == "echo: stream these words please"
    assert whole.response_metadata["finish_reason"] == "stop"
    assert whole.usage_metadata["output_tokens"] == 5
    assert whole.usage_metadata["total_tokens"] == whole.usage_metadata["input_tokens"] + 5
    body = sent(stack)
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}


@pytest.mark.anyio
@modes
async def test_a_stream_without_usage(mode: str, stack: Any) -> None:
    chunks = await stream(chat(stack, stream_usage=False), mode, "no usage")
    assert joined(chunks).usage_metadata is None
    assert "stream_options" not in sent(stack)


@pytest.mark.anyio
@modes
async def test_streaming_true_streams_an_invoke_to_the_callbacks(mode: str, stack: Any) -> None:
    tokens: List[str] = []

    class Tokens(BaseCallbackHandler):
        def on_llm_new_token(self, token: str, **kwargs: Any) -> None:
            tokens.append(token)

    llm = chat(stack, streaming=True)
    answer = await invoke(llm, mode, "tokens one by one", config={"callbacks": [Tokens()]})
    assert answer.content == "echo: tokens one by one"
    assert "".join(tokens) == answer.content
    assert len([t for t in tokens if t]) == 5
    assert sent(stack)["stream"] is True


@pytest.mark.anyio
@modes
async def test_a_batch(mode: str, stack: Any) -> None:
    answers = await batch(chat(stack), mode, ["one", "two", "three"])
    assert [a.content for a in answers] == ["echo: one", "echo: two", "echo: three"]
    assert len(stack.requests(path="/v1/chat/completions")) == 3


def test_generate_adds_up_the_usage_of_a_batch(stack: Any) -> None:
    result = chat(stack).generate([[HumanMessage("a b")], [HumanMessage("c d e")]])
    usage = result.llm_output["token_usage"]
    each = [g[0].message.usage_metadata for g in result.generations]
    assert usage["prompt_tokens"] == sum(u["input_tokens"] for u in each)
    assert usage["completion_tokens"] == sum(u["output_tokens"] for u in each)
    assert result.llm_output["model_name"] == MODEL


# Tools -----------------------------------------------------------------------------------


@pytest.mark.anyio
@modes
async def test_a_tool_call_round_trip(mode: str, stack: Any) -> None:
    llm = chat(stack).bind_tools([get_weather])
    question = HumanMessage("weather in Paris?")
    asked = await invoke(llm, mode, [question])
    assert asked.response_metadata["finish_reason"] == "tool_calls"
    (call,) = asked.tool_calls
    assert call["name"] == "get_weather"
    assert call["args"] == {"city": "weather in Paris?"}
    assert call["id"].startswith("call_fake_")
    tools = sent(stack)["tools"]
    assert tools == [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "The weather in a city.",
                "parameters": {
                    "properties": {"city": {"type": "string"}},
                    "required": ["city"],
                    "type": "object",
                },
            },
        }
    ]

    result = await invoke(get_weather, mode, call)
    assert isinstance(result, ToolMessage) and result.tool_call_id == call["id"]
    final = await invoke(llm, mode, [question, asked, result])
    assert final.content == "echo: tool said sunny in weather in Paris?"
    assert final.tool_calls == []
    assert sent(stack)["messages"] == [
        {"role": "user", "content": "weather in Paris?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "type": "function",
                    "id": call["id"],
                    "function": {
                        "name": "get_weather",
                        "arguments": '{"city": "weather in Paris?"}',
                    },
                }
            ],
        },
        {
            "role": "tool",
            "content": "sunny in weather in Paris?",
            "tool_call_id": call["id"],
            "name": "get_weather",
        },
    ]


@pytest.mark.anyio
@modes
async def test_a_streamed_tool_call(mode: str, stack: Any) -> None:
    chunks = await stream(chat(stack).bind_tools([get_weather]), mode, "weather in Rome?")
    assert len(chunks) > 3
    whole = joined(chunks)
    assert whole.tool_calls == [
        {
            "name": "get_weather",
            "args": {"city": "weather in Rome?"},
            "id": whole.tool_calls[0]["id"],
            "type": "tool_call",
        }
    ]
    assert whole.tool_calls[0]["id"].startswith("call_fake_")
    assert whole.response_metadata["finish_reason"] == "tool_calls"


@pytest.mark.parametrize(
    ("choice", "on_the_wire"),
    [
        ("get_weather", {"type": "function", "function": {"name": "get_weather"}}),
        ("any", "required"),
        (True, "required"),
        ("auto", "auto"),
        ("none", "none"),
        ({"type": "function", "function": {"name": "get_weather"}}, None),
    ],
)
def test_tool_choice_spellings(choice: Any, on_the_wire: Any, stack: Any) -> None:
    answer = chat(stack).bind_tools([get_weather], tool_choice=choice).invoke("weather?")
    expected = choice if on_the_wire is None else on_the_wire
    assert sent(stack)["tool_choice"] == expected
    assert bool(answer.tool_calls) is (choice != "none")


def test_bind_tools_options(stack: Any) -> None:
    chat(stack).bind_tools([get_weather], strict=True, parallel_tool_calls=False).invoke("w?")
    body = sent(stack)
    assert body["parallel_tool_calls"] is False
    assert body["tools"][0]["function"]["strict"] is True
    with pytest.raises(ValueError, match="tool_choice"):
        chat(stack).bind_tools([get_weather], tool_choice=3)  # type: ignore[arg-type]


def test_an_invalid_tool_call_is_kept_as_invalid(stack: Any) -> None:
    """Arguments that are not JSON (a model's mistake) come back as an invalid tool call,
    and go back to the model as they were."""
    bad = AIMessage(
        content="",
        invalid_tool_calls=[
            {"name": "get_weather", "args": "{not json", "id": "call_x", "error": "bad"}
        ],
    )
    chat(stack).invoke([HumanMessage("q"), bad, ToolMessage("r", tool_call_id="call_x")])
    assistant = sent(stack)["messages"][1]
    assert assistant["tool_calls"][0]["function"] == {
        "name": "get_weather",
        "arguments": "{not json",
    }


# Structured output -----------------------------------------------------------------------


@pytest.mark.anyio
@modes
async def test_structured_output_by_a_tool_call(mode: str, stack: Any) -> None:
    person = await invoke(chat(stack).with_structured_output(Person), mode, "bob")
    assert person == Person(name="bob", age=1)
    body = sent(stack)
    assert body["tool_choice"] == {"type": "function", "function": {"name": "Person"}}
    assert body["parallel_tool_calls"] is False
    assert body["tools"][0]["function"]["parameters"]["required"] == ["name", "age"]


@pytest.mark.anyio
@modes
async def test_structured_output_by_json_schema(mode: str, stack: Any) -> None:
    structured = chat(stack).with_structured_output(Person, method="json_schema", strict=True)
    assert await invoke(structured, mode, "ann") == Person(name="ann", age=1)
    response_format = sent(stack)["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "Person"
    assert response_format["json_schema"]["strict"] is True
    assert set(response_format["json_schema"]["schema"]["properties"]) == {"name", "age"}


@pytest.mark.anyio
@modes
async def test_structured_output_as_dicts(mode: str, stack: Any) -> None:
    by_tool = chat(stack).with_structured_output(PersonDict)
    assert await invoke(by_tool, mode, "cy") == {"name": "cy", "age": 1}
    schema = {
        "title": "pet",
        "description": "A pet.",
        "type": "object",
        "properties": {"kind": {"type": "string", "enum": ["cat", "dog"]}},
        "required": ["kind"],
    }
    by_schema = chat(stack).with_structured_output(schema, method="json_schema")
    assert await invoke(by_schema, mode, "x") == {"kind": "cat"}
    json_mode = chat(stack).with_structured_output(None, method="json_mode")
    assert await invoke(json_mode, mode, "dee") == {"echo": "dee"}
    assert sent(stack)["response_format"] == {"type": "json_object"}


@pytest.mark.anyio
@modes
async def test_structured_output_with_the_raw_message(mode: str, stack: Any) -> None:
    structured = chat(stack).with_structured_output(Person, include_raw=True)
    result = await invoke(structured, mode, "eve")
    assert result["parsed"] == Person(name="eve", age=1)
    assert result["parsing_error"] is None
    assert isinstance(result["raw"], AIMessage) and result["raw"].tool_calls
    # json_mode answers {"echo": ...} here, which is no Person: the error is returned
    failing = chat(stack).with_structured_output(Person, method="json_mode", include_raw=True)
    result = await invoke(failing, mode, "eve")
    assert result["parsed"] is None
    assert result["parsing_error"] is not None
    assert result["raw"].content == '{"echo": "eve"}'


def test_a_response_format_class_is_parsed(stack: Any) -> None:
    answer = chat(stack).invoke("fay", response_format=Person)
    assert answer.additional_kwargs["parsed"] == Person(name="fay", age=1)
    assert sent(stack)["response_format"]["json_schema"]["name"] == "Person"


def test_structured_output_needs_a_known_method(stack: Any) -> None:
    with pytest.raises(ValueError, match="method"):
        chat(stack).with_structured_output(Person, method="xml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="needs a schema"):
        chat(stack).with_structured_output(None)


# Messages --------------------------------------------------------------------------------


def test_messages_of_every_kind(stack: Any) -> None:
    from langchain_core.messages import ChatMessage, FunctionMessage

    image = {"type": "image", "url": "https://example.test/cat.png"}
    chat(stack).invoke(
        [
            SystemMessage("be brief"),
            ChatMessage(role="developer", content="dev notes"),
            HumanMessage(content=[{"type": "text", "text": "what is this"}, image], name="ann"),
            AIMessage("an answer"),
            FunctionMessage(name="f", content="f result"),
            HumanMessage("and now?"),
        ]
    )
    assert sent(stack)["messages"] == [
        {"role": "system", "content": "be brief"},
        {"role": "developer", "content": "dev notes"},
        {
            "role": "user",
            "name": "ann",
            "content": [
                {"type": "text", "text": "what is this"},
                {"type": "image_url", "image_url": {"url": "https://example.test/cat.png"}},
            ],
        },
        {"role": "assistant", "content": "an answer"},
        {"role": "function", "name": "f", "content": "f result"},
        {"role": "user", "content": "and now?"},
    ]


# Portkey options -------------------------------------------------------------------------


@pytest.mark.anyio
@modes
async def test_portkey_options_travel_as_headers(mode: str, stack: Any) -> None:
    seen: List[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        seen.append(request)

    clients = {
        "http_client": httpx.Client(event_hooks={"request": [seen.append]}),
        "http_async_client": httpx.AsyncClient(event_hooks={"request": [record]}),
    }
    try:
        llm = ChatPortkey(
            model=MODEL,
            config={"provider": "openai", "api_key": "sk-fake", "custom_host": stack.upstream_url},
            base_url=stack.gateway_url,
            trace_id="trace-lc-1",
            custom_metadata={"_user": "lc-user"},
            api_key="pk-test",
            **clients,
        )
        answer = await invoke(llm, mode, "through a config")
    finally:
        clients["http_client"].close()
        await clients["http_async_client"].aclose()
    assert answer.content == "echo: through a config"  # the gateway routed by the config
    (request,) = seen
    assert request.url == httpx.URL(stack.gateway_url + "/chat/completions")
    assert request.headers["x-portkey-trace-id"] == "trace-lc-1"
    assert json.loads(request.headers["x-portkey-metadata"]) == {"_user": "lc-user"}
    assert json.loads(request.headers["x-portkey-config"])["provider"] == "openai"
    assert request.headers["x-portkey-api-key"] == "pk-test"
    assert "x-portkey-provider" not in request.headers


def test_unknown_keywords_are_client_options(stack: Any) -> None:
    llm = ChatPortkey(model=MODEL, custom_host="http://h/v1", Authorization="sk-1", timeout=5)
    assert llm.portkey_options == {
        "custom_host": "http://h/v1",
        "Authorization": "sk-1",
        "timeout": 5,
    }
    assert llm.client.custom_headers["x-portkey-custom-host"] == "http://h/v1"
    assert llm.async_client.custom_headers["Authorization"] == "Bearer sk-1"
    assert llm.client.timeout.read == 5
    # Bad options fail when the model is made, with our own errors
    with pytest.raises(ValueError, match="config"):  # pydantic's, a ValueError
        ChatPortkey(config=5)
    with pytest.raises(portkey.ConfigError):
        ChatPortkey(config={"strategy": {"mode": "nope"}, "targets": []})


def test_secrets_stay_out_of_repr_and_serialization() -> None:
    llm = ChatPortkey(
        model=MODEL,
        api_key="pk-secret-1",
        virtual_key="vk-secret-2",
        config={"provider": "openai", "api_key": "sk-secret-3"},
        Authorization="sk-secret-4",
    )
    shown = repr(llm) + str(llm) + json.dumps(dumpd(llm))
    for secret in ("pk-secret-1", "vk-secret-2", "sk-secret-3", "sk-secret-4"):
        assert secret not in shown
    kwargs = dumpd(llm)["kwargs"]
    assert kwargs["api_key"] == {"lc": 1, "type": "secret", "id": ["PORTKEY_API_KEY"]}
    assert kwargs["model"] == MODEL


# Errors ----------------------------------------------------------------------------------


@pytest.mark.anyio
@modes
async def test_an_upstream_error_is_our_typed_error(mode: str, stack: Any) -> None:
    llm = ChatPortkey(**gateway_options(stack), model="gpt-4o-mini+fail-400", max_retries=0)
    with pytest.raises(portkey.BadRequestError) as caught:
        await invoke(llm, mode, "hello")
    assert caught.value.status_code == 400
    assert "fake upstream" in str(caught.value)
    with pytest.raises(portkey.BadRequestError):
        await stream(llm, mode, "hello")


# PortkeyLLM ------------------------------------------------------------------------------


@pytest.fixture
def completions_upstream() -> Any:
    with CompletionsUpstream() as server:
        yield server


def text_llm(stack: Any, upstream: Optional[Any] = None, **options: Any) -> PortkeyLLM:
    host = {"custom_host": upstream.url} if upstream is not None else {}
    return PortkeyLLM(**gateway_options(stack, **host), model="fake-instruct", **options)


@pytest.mark.anyio
@modes
async def test_portkey_llm_on_completions(mode: str, stack: Any, completions_upstream: Any) -> None:
    llm = text_llm(stack, completions_upstream, max_tokens=9)
    assert await invoke(llm, mode, "a short prompt") == "echo: a short prompt"
    (request,) = completions_upstream.requests("/v1/completions")
    assert request["body"]["prompt"] == "a short prompt"
    assert request["body"]["max_tokens"] == 9
    chunks = await stream(llm, mode, "stream me")
    assert chunks == ["echo:", " stream", " me", ""]  # the last one carries finish_reason
    assert completions_upstream.requests()[-1]["body"]["stream"] is True
    assert await batch(llm, mode, ["x", "y"]) == ["echo: x", "echo: y"]


def test_portkey_llm_reports_usage(stack: Any, completions_upstream: Any) -> None:
    result = text_llm(stack, completions_upstream).generate(["one two", "three"])
    assert [g[0].text for g in result.generations] == ["echo: one two", "echo: three"]
    assert result.generations[0][0].generation_info["finish_reason"] == "stop"
    assert result.llm_output["token_usage"] == {
        "prompt_tokens": 3,
        "completion_tokens": 5,
        "total_tokens": 8,
    }


@pytest.mark.anyio
@modes
async def test_portkey_llm_on_chat(mode: str, stack: Any) -> None:
    llm = text_llm(stack, endpoint="chat")
    assert await invoke(llm, mode, "chat prompt") == "echo: chat prompt"
    assert sent(stack)["messages"] == [{"role": "user", "content": "chat prompt"}]
    assert "".join(await stream(llm, mode, "streamed chat")) == "echo: streamed chat"


@pytest.mark.anyio
@modes
async def test_portkey_llm_streaming_true(mode: str, stack: Any, completions_upstream: Any) -> None:
    llm = text_llm(stack, completions_upstream, streaming=True)
    assert await invoke(llm, mode, "via a stream") == "echo: via a stream"
    assert completions_upstream.requests()[-1]["body"]["stream"] is True


# The extra -------------------------------------------------------------------------------


def _run(code: str) -> Any:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_import_portkey_imports_no_framework() -> None:
    loaded = _run(
        """
        import json, sys
        import portkey, portkey.llms
        print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
        """
    )
    for framework in ("langchain_core", "pydantic", "langsmith", "openai"):
        assert framework not in loaded


@pytest.mark.parametrize("module", ["portkey.llms.langchain", "portkey.langchain"])
def test_without_the_extra_the_import_error_names_it(module: str) -> None:
    result = _run(
        f"""
        import json, sys
        sys.modules["langchain_core"] = None  # as if it were not installed
        try:
            import {module}
        except ImportError as exc:
            print(json.dumps([type(exc).__name__, str(exc)]))
        """
    )
    assert result[0] == "ImportError"
    assert "pip install 'portkey-fast[langchain]'" in result[1]
    assert module in result[1]
