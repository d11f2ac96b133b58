"""``PortkeyLLM`` (portkey.llms.llama_index) through the real gateway and the fake upstream,
sync and async: chat, streams, complete (on chat and on /completions), tool-call round trips,
an agent, structured output, a query engine, Portkey options on the wire, errors; and the
extra's import behaviour."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any, Dict, List

import httpx
import pytest

from .support import gateway_options, require

require("llama_index.core", "llamaindex")

from llama_index.core.agent.workflow import FunctionAgent  # noqa: E402
from llama_index.core.base.llms.types import (  # noqa: E402
    ChatMessage,
    ChatResponse,
    ImageBlock,
    TextBlock,
    ToolCallBlock,
)
from llama_index.core.prompts import PromptTemplate  # noqa: E402
from llama_index.core.tools import FunctionTool  # noqa: E402
from pydantic import BaseModel  # noqa: E402

import portkey  # noqa: E402
from portkey.llms.llama_index import PortkeyLLM  # noqa: E402

from .llamaindex_scenarios import FILE_DOCS, KeywordEmbedding, get_weather  # noqa: E402
from .local_servers import CompletionsUpstream  # noqa: E402

MODES = ["sync", "async"]
modes = pytest.mark.parametrize("mode", MODES)
MODEL = "gpt-4o-mini"
WEATHER = FunctionTool.from_defaults(get_weather)


class Person(BaseModel):
    """A person."""

    name: str
    age: int


def llm_on(stack: Any, **options: Any) -> PortkeyLLM:
    return PortkeyLLM(model=MODEL, **gateway_options(stack, **options))


def sent(stack: Any, index: int = -1) -> Dict[str, Any]:
    """The body of a chat completion the fake upstream received (the last by default)."""
    return stack.requests(path="/v1/chat/completions")[index]["body"]  # type: ignore[no-any-return]


def user(text: str) -> ChatMessage:
    return ChatMessage(role="user", content=text)


async def chat(llm: Any, mode: str, messages: List[ChatMessage], **kwargs: Any) -> Any:
    if mode == "sync":
        return llm.chat(messages, **kwargs)
    return await llm.achat(messages, **kwargs)


async def stream_chat(llm: Any, mode: str, messages: List[ChatMessage], **kwargs: Any) -> Any:
    if mode == "sync":
        return list(llm.stream_chat(messages, **kwargs))
    return [r async for r in await llm.astream_chat(messages, **kwargs)]


async def complete(llm: Any, mode: str, prompt: str, **kwargs: Any) -> Any:
    if mode == "sync":
        return llm.complete(prompt, **kwargs)
    return await llm.acomplete(prompt, **kwargs)


async def stream_complete(llm: Any, mode: str, prompt: str, **kwargs: Any) -> List[Any]:
    if mode == "sync":
        return list(llm.stream_complete(prompt, **kwargs))
    return [r async for r in await llm.astream_complete(prompt, **kwargs)]


# Calls -----------------------------------------------------------------------------------


@pytest.mark.anyio
@modes
async def test_a_chat(mode: str, stack: Any) -> None:
    llm = llm_on(stack, temperature=0.5, max_tokens=20)
    messages = [ChatMessage(role="system", content="You are terse."), user("Say hi")]
    answer = await chat(llm, mode, messages)
    assert isinstance(answer, ChatResponse)
    assert answer.message.role.value == "assistant"
    assert answer.message.content == "echo: Say hi"
    assert answer.raw["id"].startswith("chatcmpl-fake-")  # the completion's JSON
    usage = answer.raw["usage"]
    assert answer.additional_kwargs == {
        "prompt_tokens": usage["prompt_tokens"],
        "completion_tokens": usage["completion_tokens"],
        "total_tokens": usage["total_tokens"],
    }
    assert sent(stack) == {
        "model": MODEL,
        "temperature": 0.5,
        "max_tokens": 20,
        "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": "Say hi"},
        ],
    }
    assert stack.last_request()["headers"]["authorization"] == "Bearer sk-fake"


@pytest.mark.anyio
@modes
async def test_call_keywords_and_additional_kwargs_go_in_the_body(mode: str, stack: Any) -> None:
    llm = llm_on(stack, additional_kwargs={"user": "u-1", "seed": 3})
    await chat(llm, mode, [user("hello")], seed=7, model="gpt-4o")
    body = sent(stack)
    assert (body["user"], body["seed"], body["model"]) == ("u-1", 7, "gpt-4o")
    assert "temperature" not in body and "max_tokens" not in body


@pytest.mark.anyio
@modes
async def test_a_stream(mode: str, stack: Any) -> None:
    llm = llm_on(stack)
    responses = await stream_chat(llm, mode, [user("stream these words please")])
    deltas = [r.delta for r in responses if r.delta]
    assert deltas == ["echo:", " stream", " these", " words", " please"]
    last = responses[-1]
    assert last.message.content == "echo: stream these words please"
    assert last.additional_kwargs["completion_tokens"] == 5
    total = last.additional_kwargs["total_tokens"]
    assert total == last.additional_kwargs["prompt_tokens"] + 5
    assert all(
        r.message.content == "".join(deltas[: i + 1])
        for i, r in enumerate([r for r in responses if r.delta])
    )
    body = sent(stack)
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}


@pytest.mark.anyio
@modes
async def test_a_stream_without_usage(mode: str, stack: Any) -> None:
    responses = await stream_chat(llm_on(stack, stream_usage=False), mode, [user("two words")])
    assert responses[-1].message.content == "echo: two words"
    assert responses[-1].additional_kwargs == {}
    assert "stream_options" not in sent(stack)


@pytest.mark.anyio
@modes
async def test_complete_sends_the_prompt_as_a_user_message(mode: str, stack: Any) -> None:
    llm = llm_on(stack, system_prompt="ignored by complete")
    answer = await complete(llm, mode, "a short prompt")
    assert answer.text == "echo: a short prompt"
    assert answer.additional_kwargs["completion_tokens"] == 4
    assert sent(stack)["messages"] == [{"role": "user", "content": "a short prompt"}]
    pieces = await stream_complete(llm, mode, "stream me")
    assert [p.delta for p in pieces if p.delta] == ["echo:", " stream", " me"]
    assert pieces[-1].text == "echo: stream me"
    assert sent(stack)["stream"] is True


@pytest.fixture
def completions_upstream() -> Any:
    with CompletionsUpstream() as server:
        yield server


@pytest.mark.anyio
@modes
async def test_complete_on_completions(mode: str, stack: Any, completions_upstream: Any) -> None:
    """``is_chat_model=False``: ``complete`` calls /completions, as the official's does."""
    llm = PortkeyLLM(
        **gateway_options(stack, custom_host=completions_upstream.url),
        model="fake-instruct",
        is_chat_model=False,
        completion_to_prompt=lambda prompt: f"Q: {prompt}",
    )
    answer = await complete(llm, mode, "a prompt")
    assert answer.text == "echo: Q: a prompt"
    assert answer.additional_kwargs == {
        "prompt_tokens": 3,
        "completion_tokens": 4,
        "total_tokens": 7,
    }
    assert (await complete(llm, mode, "as is", formatted=True)).text == "echo: as is"
    pieces = await stream_complete(llm, mode, "two words")
    assert [p.delta for p in pieces if p.delta] == ["echo:", " Q:", " two", " words"]
    assert pieces[-1].text == "echo: Q: two words"
    assert pieces[-1].additional_kwargs["completion_tokens"] == 4
    bodies = [r["body"] for r in completions_upstream.requests("/v1/completions")]
    assert [b["prompt"] for b in bodies] == ["Q: a prompt", "as is", "Q: two words"]
    assert bodies[-1]["stream_options"] == {"include_usage": True}
    assert llm.metadata.is_chat_model is False


# Tools -----------------------------------------------------------------------------------


@pytest.mark.anyio
@modes
async def test_a_tool_call_round_trip(mode: str, stack: Any) -> None:
    llm = llm_on(stack)
    history = [user("weather in Paris?")]
    if mode == "sync":
        asked = llm.chat_with_tools([WEATHER], chat_history=history)
    else:
        asked = await llm.achat_with_tools([WEATHER], chat_history=history)
    assert history == [user("weather in Paris?")]  # the caller's list is not changed
    body = sent(stack)
    assert body["tools"] == [WEATHER.metadata.to_openai_tool()]
    assert body["tool_choice"] == "auto"
    (block,) = [b for b in asked.message.blocks if isinstance(b, ToolCallBlock)]
    assert (block.tool_name, block.tool_kwargs) == ("get_weather", {"city": "weather in Paris?"})
    (plain,) = asked.message.additional_kwargs["tool_calls"]
    assert plain["id"] == block.tool_call_id and plain["function"]["name"] == "get_weather"
    (call,) = llm.get_tool_calls_from_response(asked)
    assert (call.tool_id, call.tool_name) == (block.tool_call_id, "get_weather")
    result = ChatMessage(
        role="tool",
        content=WEATHER(**call.tool_kwargs).content,
        additional_kwargs={"tool_call_id": call.tool_id},
    )
    answer = await chat(llm, mode, [*history, asked.message, result])
    assert answer.message.content == "echo: tool said sunny in weather in Paris?"
    assert sent(stack)["messages"][1:] == [
        {"role": "assistant", "content": None, "tool_calls": [plain]},
        {"role": "tool", "content": "sunny in weather in Paris?", "tool_call_id": call.tool_id},
    ]


@pytest.mark.anyio
@modes
async def test_predict_and_call(mode: str, stack: Any) -> None:
    llm = llm_on(stack)
    if mode == "sync":
        answer = llm.predict_and_call([WEATHER], user_msg="Lyon")
    else:
        answer = await llm.apredict_and_call([WEATHER], user_msg="Lyon")
    assert answer.response == "sunny in Lyon"
    assert answer.sources[0].tool_name == "get_weather"


@pytest.mark.anyio
@modes
async def test_a_streamed_tool_call(mode: str, stack: Any) -> None:
    llm = llm_on(stack)
    if mode == "sync":
        responses = list(llm.stream_chat_with_tools([WEATHER], user_msg="Oslo"))
    else:
        gen = await llm.astream_chat_with_tools([WEATHER], user_msg="Oslo")
        responses = [r async for r in gen]
    (call,) = llm.get_tool_calls_from_response(responses[-1])
    assert (call.tool_name, call.tool_kwargs) == ("get_weather", {"city": "Oslo"})
    # a partial answer's arguments are read as far as they go
    partial = [r for r in responses if r.message.additional_kwargs.get("tool_calls")][1]
    arguments = partial.message.additional_kwargs["tool_calls"][0]["function"]["arguments"]
    assert arguments == '{"city":'
    assert llm.get_tool_calls_from_response(partial)[0].tool_kwargs == {"city": None}
    assert sent(stack)["stream"] is True


@pytest.mark.parametrize(
    "options, on_the_wire",
    [
        ({"tool_required": True}, "required"),
        ({"tool_choice": "get_weather"}, {"type": "function", "function": {"name": "get_weather"}}),
        ({"tool_choice": "none"}, "none"),
    ],
)
def test_tool_choice(options: Dict[str, Any], on_the_wire: Any, stack: Any) -> None:
    llm_on(stack).chat_with_tools([WEATHER], user_msg="Rome", **options)
    assert sent(stack)["tool_choice"] == on_the_wire


def test_strict_tools(stack: Any) -> None:
    llm_on(stack, strict=True).chat_with_tools([WEATHER], user_msg="Rome")
    (tool,) = sent(stack)["tools"]
    assert tool["function"]["strict"] is True
    assert tool["function"]["parameters"]["additionalProperties"] is False


def test_no_tool_call(stack: Any) -> None:
    llm = llm_on(stack)
    answer = llm.chat([user("no tools here")])
    with pytest.raises(ValueError, match="Expected at least one tool call"):
        llm.get_tool_calls_from_response(answer)
    assert llm.get_tool_calls_from_response(answer, error_on_no_tool_call=False) == []


def test_only_the_first_tool_call_is_kept_without_parallel_calls() -> None:
    calls = [ToolCallBlock(tool_call_id=f"c{i}", tool_name="t", tool_kwargs={}) for i in (1, 2)]
    message = ChatMessage(
        role="assistant",
        blocks=list(calls),
        additional_kwargs={"tool_calls": [{"id": "c1"}, {"id": "c2"}]},
    )
    llm = PortkeyLLM(model=MODEL)
    kept = llm._validate_chat_with_tools_response(ChatResponse(message=message.model_copy()), [])
    assert [c.tool_id for c in llm.get_tool_calls_from_response(kept)] == ["c1"]
    both = llm._validate_chat_with_tools_response(
        ChatResponse(message=message), [], allow_parallel_tool_calls=True
    )
    assert [c.tool_id for c in llm.get_tool_calls_from_response(both)] == ["c1", "c2"]


@pytest.mark.anyio
@pytest.mark.parametrize("streaming", [False, True])
# llama-index-workflows lists the agent's members with inspect.getmembers, which touches
# pydantic's deprecated attributes (its warnings, not ours).
@pytest.mark.filterwarnings("ignore::DeprecationWarning:inspect")
async def test_a_function_agent(streaming: bool, stack: Any) -> None:
    """llama-index's FunctionAgent (a workflow) calls the tool and answers with its result."""
    agent = FunctionAgent(tools=[get_weather], llm=llm_on(stack), streaming=streaming)
    result = await agent.run("Paris")
    assert str(result) == "echo: tool said sunny in Paris"
    assert [c.tool_name for c in result.tool_calls] == ["get_weather"]
    assert len(stack.requests(path="/v1/chat/completions")) == 2


# Messages --------------------------------------------------------------------------------


def test_messages_of_every_kind(stack: Any) -> None:
    """Messages as older code builds them (tool calls in additional_kwargs, other providers'
    roles) and with blocks (text and image parts)."""
    image = ImageBlock(url="https://example.com/cat.png", detail="low")
    messages = [
        ChatMessage(role="developer", content="Be kind."),
        ChatMessage(role="user", blocks=[TextBlock(text="What is this?"), image]),
        ChatMessage(
            role="assistant",
            content="",
            additional_kwargs={
                "tool_calls": [
                    {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
                ]
            },
        ),
        ChatMessage(role="tool", content="done", additional_kwargs={"tool_call_id": "c1"}),
        ChatMessage(role="chatbot", content="earlier answer", additional_kwargs={"name": "bot"}),
        user("and now?"),
    ]
    llm_on(stack).chat(messages)
    assert sent(stack)["messages"] == [
        {"role": "developer", "content": "Be kind."},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What is this?"},
                {
                    "type": "image_url",
                    "image_url": {"url": "https://example.com/cat.png", "detail": "low"},
                },
            ],
        },
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
            ],
        },
        {"role": "tool", "content": "done", "tool_call_id": "c1"},
        {"role": "assistant", "content": "earlier answer", "name": "bot"},
        {"role": "user", "content": "and now?"},
    ]


# Structured output and query engines -----------------------------------------------------


@pytest.mark.anyio
@modes
async def test_structured_predict(mode: str, stack: Any) -> None:
    llm = llm_on(stack)
    prompt = PromptTemplate("Describe {who}")
    if mode == "sync":
        person = llm.structured_predict(Person, prompt, who="Ann")
    else:
        person = await llm.astructured_predict(Person, prompt, who="Ann")
    assert person == Person(name="Describe Ann", age=1)  # the fake upstream's arguments
    body = sent(stack)
    assert body["tool_choice"] == "required"
    assert body["tools"][0]["function"]["name"] == "Person"


def test_a_structured_llm_and_a_streamed_structured_predict(stack: Any) -> None:
    llm = llm_on(stack)
    answer = llm.as_structured_llm(Person).chat([user("Bob, 40")])
    assert answer.raw == Person(name="Bob, 40", age=1)
    assert json.loads(answer.message.content or "") == {"name": "Bob, 40", "age": 1}
    partials = list(llm.stream_structured_predict(Person, PromptTemplate("Cy {x}"), x="9"))
    assert partials[-1] == Person(name="Cy 9", age=1)


def test_a_query_engine(stack: Any) -> None:
    from llama_index.core import VectorStoreIndex

    index = VectorStoreIndex.from_documents(FILE_DOCS, embed_model=KeywordEmbedding())
    engine = index.as_query_engine(llm=llm_on(stack), similarity_top_k=1)
    answer = engine.query("What do owls do?")
    assert str(answer).startswith("echo: Context information is below.")
    assert "Owls hunt at night." in str(answer)
    assert answer.source_nodes[0].node.ref_doc_id == "doc-owls"
    system, question = sent(stack)["messages"]
    assert system["role"] == "system" and question["role"] == "user"


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
        llm = PortkeyLLM(
            model=MODEL,
            config={"provider": "openai", "api_key": "sk-fake", "custom_host": stack.upstream_url},
            base_url=stack.gateway_url,
            trace_id="trace-li-1",
            custom_metadata={"_user": "li-user"},
            api_key="pk-test",
            **clients,
        )
        answer = await chat(llm, mode, [user("through a config")])
    finally:
        clients["http_client"].close()
        await clients["http_async_client"].aclose()
    assert answer.message.content == "echo: through a config"  # the gateway routed by it
    (request,) = seen
    assert request.url == httpx.URL(stack.gateway_url + "/chat/completions")
    assert request.headers["x-portkey-trace-id"] == "trace-li-1"
    assert json.loads(request.headers["x-portkey-metadata"]) == {"_user": "li-user"}
    assert json.loads(request.headers["x-portkey-config"])["provider"] == "openai"
    assert request.headers["x-portkey-api-key"] == "pk-test"


def test_unknown_keywords_are_client_options() -> None:
    llm = PortkeyLLM(model=MODEL, custom_host="http://h/v1", Authorization="sk-1", timeout=5)
    assert llm.portkey_options == {
        "custom_host": "http://h/v1",
        "Authorization": "sk-1",
        "timeout": 5,
    }
    assert llm.client.custom_headers["x-portkey-custom-host"] == "http://h/v1"
    assert llm.async_client.custom_headers["Authorization"] == "Bearer sk-1"
    assert llm.client.timeout.read == 5
    with pytest.raises(portkey.ConfigError):  # bad options fail when the LLM is made
        PortkeyLLM(config={"strategy": {"mode": "nope"}, "targets": []})


def test_metadata() -> None:
    llm = PortkeyLLM(model=MODEL, context_window=128000, max_tokens=500)
    meta = llm.metadata
    assert (meta.model_name, meta.context_window, meta.num_output) == (MODEL, 128000, 500)
    assert meta.is_chat_model is True and meta.is_function_calling_model is True
    assert PortkeyLLM(is_function_calling_model=False).metadata.is_function_calling_model is False
    assert PortkeyLLM.class_name() == "PortkeyLLM"


def test_secrets_stay_out_of_repr_and_serialization() -> None:
    llm = PortkeyLLM(
        model=MODEL,
        temperature=0.3,
        api_key="pk-secret-1",
        virtual_key="vk-secret-2",
        config={"provider": "openai", "api_key": "sk-secret-3"},
        Authorization="sk-secret-4",
    )
    shown = repr(llm) + str(llm) + llm.to_json() + json.dumps(llm.to_payload())
    for secret in ("pk-secret-1", "vk-secret-2", "sk-secret-3", "sk-secret-4"):
        assert secret not in shown
    assert llm.to_dict()["model"] == MODEL
    assert llm.to_payload()["model"] == MODEL and llm.to_payload()["temperature"] == 0.3


# Errors ----------------------------------------------------------------------------------


@pytest.mark.anyio
@modes
async def test_an_upstream_error_is_our_typed_error(mode: str, stack: Any) -> None:
    llm = PortkeyLLM(**gateway_options(stack), model="gpt-4o-mini+fail-400", max_retries=0)
    with pytest.raises(portkey.BadRequestError) as caught:
        await chat(llm, mode, [user("hello")])
    assert caught.value.status_code == 400
    with pytest.raises(portkey.BadRequestError):
        await stream_chat(llm, mode, [user("hello")])
    with pytest.raises(portkey.BadRequestError):
        await complete(llm, mode, "hello")


# The extra -------------------------------------------------------------------------------


def _run(code: str) -> Any:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
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
    for framework in ("llama_index", "pydantic", "openai", "tiktoken", "nltk"):
        assert framework not in loaded


@pytest.mark.parametrize("module", ["portkey.llms.llama_index", "portkey.llamaindex"])
def test_without_the_extra_the_import_error_names_it(module: str) -> None:
    result = _run(
        f"""
        import json, sys
        sys.modules["llama_index"] = None  # as if it were not installed
        try:
            import {module}
        except ImportError as exc:
            print(json.dumps([type(exc).__name__, str(exc)]))
        """
    )
    assert result[0] == "ImportError"
    assert "pip install 'portkey-fast[llamaindex]'" in result[1]
    assert module in result[1]
