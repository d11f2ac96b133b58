"""``PortkeyStrands`` (portkey.integrations.strands) through the real gateway and the fake
upstream: Strands agents (sync and async) calling, streaming, using tools and giving structured
output; the model's stream events as Strands' protocol has them; Portkey options on the wire;
errors as Strands' exceptions; the extra's import behaviour.

Run by ``nox -s integrations_agents`` (Strands and ADK need OpenTelemetry <= 1.44 together,
the ``integrations`` session pins 1.45 for its recorded export); skipped elsewhere when
strands-agents is missing."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Any, Dict, List

import httpx
import pytest
import respx

from .agents_wire import reset_upstream, route, strands_turn, upstream_bodies
from .support import gateway_options, require

if importlib.util.find_spec("strands") is None and os.environ.get("PORTKEY_AGENTS") != "1":
    pytest.skip(
        "strands-agents is not installed here (`nox -s integrations_agents` runs these tests)",
        allow_module_level=True,
    )
require("strands", "strands")

from pydantic import BaseModel  # noqa: E402
from strands import Agent, tool  # noqa: E402
from strands.types.exceptions import (  # noqa: E402
    ContextWindowOverflowException,
    ModelThrottledException,
)

import portkey  # noqa: E402
import portkey.integrations.strands  # noqa: E402
from portkey.integrations import UnsupportedContentError  # noqa: E402
from portkey.integrations.strands import PortkeyStrands  # noqa: E402

MODEL = "gpt-4o-mini"
CHAT = "/v1/chat/completions"


class Person(BaseModel):
    """A person."""

    name: str
    age: int


@tool
def get_weather(city: str) -> str:
    """Get the weather in a city.

    Args:
        city: The city's name.
    """
    return f"sunny in {city}"


def model(stack: Any, **options: Any) -> PortkeyStrands:
    return PortkeyStrands(model_id=MODEL, **gateway_options(stack, **options))


def agent(stack: Any, tools: Any = (), **options: Any) -> Agent:
    return Agent(model=model(stack, **options), tools=list(tools), callback_handler=None)


def sent(stack: Any, index: int = -1) -> Dict[str, Any]:
    return stack.requests(path=CHAT)[index]["body"]  # type: ignore[no-any-return]


async def events_of(model: PortkeyStrands, *args: Any, **kwargs: Any) -> List[Dict[str, Any]]:
    return [event async for event in model.stream(*args, **kwargs)]


def user(text: str) -> Dict[str, Any]:
    return {"role": "user", "content": [{"text": text}]}


# Agents ----------------------------------------------------------------------------------


def test_an_agent_call(stack: Any) -> None:
    answer = agent(stack, params={"temperature": 0.5})("Say hi")
    assert str(answer).strip() == "echo: Say hi"
    assert answer.stop_reason == "end_turn"
    usage = answer.metrics.accumulated_usage
    assert usage["inputTokens"] > 0 and usage["outputTokens"] > 0
    assert usage["totalTokens"] == usage["inputTokens"] + usage["outputTokens"]
    body = sent(stack)
    assert body == {
        "model": MODEL,
        "messages": [{"role": "user", "content": "Say hi"}],
        "temperature": 0.5,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    assert stack.last_request()["headers"]["authorization"] == "Bearer sk-fake"


@pytest.mark.anyio
async def test_an_async_agent_call_with_a_system_prompt(stack: Any) -> None:
    bot = Agent(model=model(stack), system_prompt="You are terse.", callback_handler=None)
    answer = await bot.invoke_async("Say hello")
    assert str(answer).strip() == "echo: Say hello"
    assert sent(stack)["messages"] == [
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "Say hello"},
    ]


@pytest.mark.anyio
async def test_an_agent_stream(stack: Any) -> None:
    bot = agent(stack)
    texts = [e["data"] async for e in bot.stream_async("stream these words") if "data" in e]
    assert texts == ["echo:", " stream", " these", " words"]


def test_a_tool_call_round_trip(stack: Any) -> None:
    bot = agent(stack, tools=[get_weather])
    answer = bot("What is the weather in Paris?")
    first, second = stack.requests(path=CHAT)
    (spec,) = first["body"]["tools"]
    assert spec["type"] == "function"
    assert spec["function"]["name"] == "get_weather"
    assert spec["function"]["description"].startswith("Get the weather in a city.")
    assert spec["function"]["parameters"]["required"] == ["city"]
    assert first["body"]["tool_choice"] == "auto"
    # the fake upstream called the tool with arguments made from its schema
    call = bot.messages[1]["content"][0]["toolUse"]
    assert call["name"] == "get_weather"
    assert call["toolUseId"].startswith("call_fake_")
    result = bot.messages[2]["content"][0]["toolResult"]
    assert result["toolUseId"] == call["toolUseId"]
    said = result["content"][0]["text"]
    assert said == f"sunny in {call['input']['city']}"
    assert second["body"]["messages"][1:] == [
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": call["toolUseId"],
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": json.dumps(call["input"])},
                }
            ],
        },
        {"role": "tool", "tool_call_id": call["toolUseId"], "content": said},
    ]
    assert str(answer).strip() == f"echo: tool said {said}"
    assert answer.stop_reason == "end_turn"


@pytest.mark.anyio
async def test_an_async_tool_call_round_trip_without_streaming(stack: Any) -> None:
    bot = agent(stack, tools=[get_weather], streaming=False)
    answer = await bot.invoke_async("Weather in Rome?")
    bodies = [r["body"] for r in stack.requests(path=CHAT)]
    assert len(bodies) == 2 and not any("stream" in b for b in bodies)
    assert str(answer).strip().startswith("echo: tool said sunny in ")


def test_structured_output_by_the_agent(stack: Any) -> None:
    answer = agent(stack)("Who is Ada?", structured_output_model=Person)
    person = answer.structured_output
    assert isinstance(person, Person)
    assert person.name and isinstance(person.age, int)
    # Strands offers a tool named after the class; the model's call to it is the output
    (request,) = stack.requests(path=CHAT)
    (spec,) = request["body"]["tools"]
    assert spec["function"]["name"] == "Person"
    assert set(spec["function"]["parameters"]["properties"]) == {"name", "age"}


@pytest.mark.anyio
async def test_structured_output_of_the_model(stack: Any) -> None:
    llm = model(stack)
    events = [
        e async for e in llm.structured_output(Person, [user("Who is Ada?")], system_prompt="JSON")
    ]
    (last,) = events
    assert isinstance(last["output"], Person)
    body = sent(stack)
    assert body["stream"] is False  # parse() sends it, as the official client does
    assert body["messages"][0] == {"role": "system", "content": "JSON"}
    schema = body["response_format"]["json_schema"]
    assert body["response_format"]["type"] == "json_schema"
    assert (schema["name"], schema["strict"]) == ("Person", True)
    assert schema["schema"]["required"] == ["name", "age"]
    assert schema["schema"]["additionalProperties"] is False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Strands' older spelling
        person = Agent(model=llm, callback_handler=None).structured_output(Person, "Ada?")
    assert isinstance(person, Person)


# The model's stream events ---------------------------------------------------------------


@pytest.mark.anyio
async def test_stream_events_of_a_text_answer(stack: Any) -> None:
    events = await events_of(model(stack), [user("two words")])
    usage = events[-1]["metadata"]["usage"]
    assert events[-1]["metadata"]["metrics"]["latencyMs"] >= 0
    assert events[:-1] == [
        {"messageStart": {"role": "assistant"}},
        {"contentBlockStart": {"start": {}}},
        {"contentBlockDelta": {"delta": {"text": "echo:"}}},
        {"contentBlockDelta": {"delta": {"text": " two"}}},
        {"contentBlockDelta": {"delta": {"text": " words"}}},
        {"contentBlockStop": {}},
        {"messageStop": {"stopReason": "end_turn"}},
    ]
    assert usage["totalTokens"] == usage["inputTokens"] + usage["outputTokens"] > 0


@pytest.mark.anyio
async def test_stream_events_of_a_whole_completion_are_the_same(stack: Any) -> None:
    streamed = await events_of(model(stack), [user("same answer")])
    whole = await events_of(model(stack, streaming=False), [user("same answer")])
    assert whole[:-1] == [
        {"messageStart": {"role": "assistant"}},
        {"contentBlockStart": {"start": {}}},
        {"contentBlockDelta": {"delta": {"text": "echo: same answer"}}},
        {"contentBlockStop": {}},
        {"messageStop": {"stopReason": "end_turn"}},
    ]
    assert "stream" not in sent(stack)
    assert whole[-2] == streamed[-2] == {"messageStop": {"stopReason": "end_turn"}}
    assert whole[-1]["metadata"]["usage"] == streamed[-1]["metadata"]["usage"]


@pytest.mark.anyio
async def test_stream_events_of_a_tool_call_and_the_tool_choice(stack: Any) -> None:
    specs = [
        {
            "name": "lookup",
            "description": "Look a word up.",
            "inputSchema": {"json": {"type": "object", "properties": {"word": {"type": "string"}}}},
        }
    ]
    events = await events_of(
        model(stack), [user("look")], specs, tool_choice={"tool": {"name": "lookup"}}
    )
    body = sent(stack)
    assert body["tools"] == [
        {
            "type": "function",
            "function": {
                "name": "lookup",
                "description": "Look a word up.",
                "parameters": specs[0]["inputSchema"]["json"],
            },
        }
    ]
    assert body["tool_choice"] == {"type": "function", "function": {"name": "lookup"}}
    start = events[1]["contentBlockStart"]["start"]["toolUse"]
    assert start["name"] == "lookup" and start["toolUseId"].startswith("call_fake_")
    arguments = "".join(
        e["contentBlockDelta"]["delta"]["toolUse"]["input"]
        for e in events
        if "contentBlockDelta" in e
    )
    assert set(json.loads(arguments)) == {"word"}
    assert events[-2] == {"messageStop": {"stopReason": "tool_use"}}
    await events_of(model(stack), [user("look")], specs, tool_choice={"any": {}})
    assert sent(stack)["tool_choice"] == "required"


@pytest.mark.anyio
async def test_images_and_tool_results_in_messages(stack: Any) -> None:
    png = b"\x89PNG fake"
    messages = [
        {
            "role": "user",
            "content": [
                {"text": "what is it?"},
                {"image": {"format": "png", "source": {"bytes": png}}},
            ],
        },
        {
            "role": "assistant",
            "content": [
                {"text": "Let me look."},
                {"toolUse": {"toolUseId": "t1", "name": "lookup", "input": {"q": 1}}},
            ],
        },
        {
            "role": "user",
            "content": [
                {
                    "toolResult": {
                        "toolUseId": "t1",
                        "status": "success",
                        "content": [{"json": {"a": 1}}, {"text": "ok"}],
                    }
                }
            ],
        },
    ]
    await events_of(model(stack), messages)
    sent_messages = sent(stack)["messages"]
    assert sent_messages[0]["content"][0] == {"type": "text", "text": "what is it?"}
    assert sent_messages[0]["content"][1]["image_url"]["url"].startswith("data:image/png;base64,")
    assert sent_messages[1]["content"] == "Let me look."
    assert sent_messages[1]["tool_calls"][0]["id"] == "t1"
    assert sent_messages[2] == {"role": "tool", "tool_call_id": "t1", "content": '{"a": 1}\nok'}


# Portkey options, config, errors ---------------------------------------------------------


@pytest.mark.anyio
async def test_portkey_options_travel_as_headers(stack: Any) -> None:
    seen: List[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        seen.append(request)

    async with httpx.AsyncClient(event_hooks={"request": [record]}) as http:
        llm = PortkeyStrands(
            model_id=MODEL,
            base_url=stack.gateway_url,
            api_key="pk-test",
            config={"provider": "openai", "api_key": "sk-fake", "custom_host": stack.upstream_url},
            trace_id="trace-strands-1",
            custom_metadata={"_user": "strands-user"},
            http_client=http,
        )
        answer = await Agent(model=llm, callback_handler=None).invoke_async("through a config")
    assert str(answer).strip() == "echo: through a config"  # the gateway routed by the config
    (request,) = seen
    assert request.headers["x-portkey-trace-id"] == "trace-strands-1"
    assert json.loads(request.headers["x-portkey-metadata"]) == {"_user": "strands-user"}
    assert json.loads(request.headers["x-portkey-config"])["provider"] == "openai"
    assert request.headers["x-portkey-api-key"] == "pk-test"
    # a changed Portkey option is used from the next call on, the others kept
    llm.update_config(trace_id="trace-strands-2")
    async with httpx.AsyncClient(event_hooks={"request": [record]}) as http:
        llm.update_config(http_client=http)
        await events_of(llm, [user("again")])
    assert seen[-1].headers["x-portkey-trace-id"] == "trace-strands-2"
    assert seen[-1].headers["x-portkey-api-key"] == "pk-test"


def test_a_sync_agent_and_the_callers_loop_share_the_model(stack: Any) -> None:
    import asyncio

    llm = model(stack)

    async def both() -> List[str]:
        # Strands' sync call drives its own loop in a thread while this loop is alive
        first = await Agent(model=llm, callback_handler=None).invoke_async("from this loop")
        second = Agent(model=llm, callback_handler=None)("from the agent's loop")
        third = await Agent(model=llm, callback_handler=None).invoke_async("here again")
        return [str(a).strip() for a in (first, second, third)]

    assert asyncio.run(both()) == [
        "echo: from this loop",
        "echo: from the agent's loop",
        "echo: here again",
    ]


def test_config_keys_secrets_and_updates() -> None:
    llm = PortkeyStrands(
        model_id=MODEL, api_key="pk-secret-1", virtual_key="vk-secret-2", provider="openai"
    )
    assert llm.get_config() == {"streaming": True, "model_id": MODEL}
    assert "secret" not in repr(llm)
    llm.update_config(params={"max_tokens": 5})
    assert llm.get_config()["params"] == {"max_tokens": 5}
    with pytest.warns(UserWarning, match="temperature"):
        PortkeyStrands(model_id=MODEL, temperature=0.1)


@pytest.mark.anyio
async def test_throttling_is_strands_throttled_exception(stack: Any) -> None:
    llm = model(stack, max_retries=0)
    llm.update_config(model_id="gpt-4o-mini+fail-429")
    with pytest.raises(ModelThrottledException) as caught:
        await events_of(llm, [user("hi")])
    assert isinstance(caught.value.__cause__, portkey.RateLimitError)
    llm.update_config(model_id="gpt-4o-mini+fail-500")
    with pytest.raises(portkey.InternalServerError):
        await events_of(llm, [user("hi")])


@pytest.mark.anyio
@respx.mock
async def test_a_context_overflow_is_strands_overflow_exception() -> None:
    body = {
        "error": {
            "message": "This model's maximum context length is 8 tokens",
            "code": "context_length_exceeded",
            "type": "invalid_request_error",
            "param": None,
        }
    }
    respx.post("http://gw.test/v1/chat/completions").mock(
        return_value=httpx.Response(400, json=body)
    )
    llm = PortkeyStrands(model_id=MODEL, base_url="http://gw.test/v1", max_retries=0)
    with pytest.raises(ContextWindowOverflowException):
        await events_of(llm, [user("too long")])


@pytest.mark.anyio
async def test_unsupported_content_is_a_clear_error(stack: Any) -> None:
    llm = model(stack)
    with pytest.raises(UnsupportedContentError, match="video"):
        await events_of(llm, [{"role": "user", "content": [{"video": {"format": "mp4"}}]}])
    assert stack.requests(path=CHAT) == []


# Against the official adapter ------------------------------------------------------------


def test_the_wire_against_the_official_adapter(stack: Any) -> None:
    """The official's bodies for the same turn (capture_official_agents.py): ours are the
    same but for the usage ask and the tool call ids, and ours gets the answer."""
    fixture = Path(__file__).parent.parent / "fixtures" / "agents" / "official_wire.json"
    official = json.loads(fixture.read_text(encoding="utf-8"))["strands"]
    llm = PortkeyStrands(
        model_id=MODEL,
        base_url=stack.gateway_url,
        api_key="pk-test",
        config=route(stack.upstream_url),
    )
    reset_upstream(stack.upstream_url)
    ours = strands_turn(llm)
    bodies = upstream_bodies(stack.upstream_url, CHAT)
    assert len(bodies) == len(official["bodies"]) == 2
    # the official invents tool call ids (name + 6 hex digits); ours keeps the provider's
    invented = official["bodies"][1]["messages"][2]["tool_calls"][0]["id"]
    assert re.fullmatch(r"get_weather-[0-9a-f]{6}", invented)
    given = bodies[1]["messages"][2]["tool_calls"][0]["id"]
    assert given.startswith("call_fake_")
    expected = json.loads(json.dumps(official["bodies"]).replace(invented, given))
    for body, theirs in zip(bodies, expected):
        assert body.pop("stream_options") == {"include_usage": True}  # ours asks for usage
        assert body == theirs
    # the official's events (no content block around text, no stop) leave Strands no answer
    assert official["answer"] == ""
    assert ours["answer"] == "echo: tool said sunny in Weather in Paris?\n"


# The README's example --------------------------------------------------------------------


def readme_snippet(title: str) -> str:
    text = (Path(__file__).parent.parent.parent / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None, f"the {title} section has a python example"
    return match.group(1)


def test_the_readme_example_runs_as_written(
    stack: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only where it goes changes: the model is routed to the local gateway (the example's
    hosted provider slug means nothing to the open-source gateway)."""
    given: List[Dict[str, Any]] = []

    class Routed(PortkeyStrands):
        def __init__(self, **config: Any) -> None:
            given.append(dict(config))
            super().__init__(**{**config, **gateway_options(stack)})

    monkeypatch.setattr(portkey.integrations.strands, "PortkeyStrands", Routed)
    exec(compile(readme_snippet("Strands"), "README.md (Strands)", "exec"), {"__name__": "rm"})
    assert given == [
        {
            "api_key": "PORTKEY_API_KEY",
            "provider": "@openai-prod",
            "model_id": "gpt-4o-mini",
            "params": {"temperature": 0.2},
        }
    ]
    assert capsys.readouterr().out.splitlines() == [
        "echo: tool said sunny in Weather in Paris?",
        "",
        "name='Ann, 31' age=1",
        "echo: Count to three",
    ]
    bodies = [r["body"] for r in stack.requests(path=CHAT)]
    assert len(bodies) == 4  # the tool call, the answer, the structured output, the stream
    assert {b["temperature"] for b in bodies} == {0.2}


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
        import portkey, portkey.integrations
        print(json.dumps(sorted(sys.modules)))
        """
    )
    top = {m.split(".")[0] for m in loaded}
    for framework in ("strands", "pydantic", "openai"):
        assert framework not in top
    # (a bare ``google`` can be a namespace package some installs import at start-up)
    assert not [m for m in loaded if m.startswith(("google.adk", "google.genai"))]


def test_without_the_extra_the_import_error_names_it() -> None:
    name, message = _run(
        """
        import json, sys
        sys.modules["strands"] = None  # as if it were not installed
        try:
            import portkey.integrations.strands
        except ImportError as exc:
            print(json.dumps([type(exc).__name__, str(exc)]))
        """
    )
    assert name == "ImportError"
    assert "pip install 'portkey-fast[strands]'" in message
