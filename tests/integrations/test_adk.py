"""``PortkeyAdk`` (portkey.integrations.adk) through the real gateway and the fake upstream's
Responses API: ADK agents run by a Runner (async and sync, streamed and not) calling, using
tools and answering in an output schema; ``generate_content_async`` itself (partial and final
responses, usage, reasoning, failures); Portkey options on the wire; the extra's import
behaviour.

Run by ``nox -s integrations_agents`` (see test_strands.py); skipped elsewhere when google-adk
is missing."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Dict, List, Optional

import httpx
import pytest
import respx

from .agents_wire import adk_turn, reset_upstream, route, upstream_bodies
from .support import gateway_options, require

if importlib.util.find_spec("google.adk") is None and os.environ.get("PORTKEY_AGENTS") != "1":
    pytest.skip(
        "google-adk is not installed here (`nox -s integrations_agents` runs these tests)",
        allow_module_level=True,
    )
require("google.adk", "adk")

from google.adk.agents import LlmAgent  # noqa: E402
from google.adk.agents.run_config import RunConfig, StreamingMode  # noqa: E402
from google.adk.models.llm_request import LlmRequest  # noqa: E402
from google.adk.runners import InMemoryRunner  # noqa: E402
from google.genai import types  # noqa: E402
from pydantic import BaseModel  # noqa: E402

import portkey  # noqa: E402
import portkey.integrations.adk  # noqa: E402
from portkey.integrations import UnsupportedContentError  # noqa: E402
from portkey.integrations.adk import PortkeyAdk  # noqa: E402

MODEL = "gpt-4o-mini"
RESPONSES = "/v1/responses"


class Person(BaseModel):
    name: str
    age: int


def get_weather(city: str) -> dict:
    """Get the weather in a city."""
    return {"city": city, "weather": "sunny"}


def model(stack: Any, name: str = MODEL, **options: Any) -> PortkeyAdk:
    return PortkeyAdk(model=name, **gateway_options(stack, **options))


def sent(stack: Any, index: int = -1) -> Dict[str, Any]:
    return stack.requests(path=RESPONSES)[index]["body"]  # type: ignore[no-any-return]


def user(text: str) -> Any:
    return types.Content(role="user", parts=[types.Part(text=text)])


def request(*contents: Any, **config: Any) -> LlmRequest:
    return LlmRequest(
        model=MODEL, contents=list(contents), config=types.GenerateContentConfig(**config)
    )


async def run(agent: LlmAgent, text: str, *, stream: bool = False) -> List[Any]:
    """The events of one turn of ``agent``, run by ADK's runner (async)."""
    runner = InMemoryRunner(agent=agent, app_name="app")
    session = await runner.session_service.create_session(app_name="app", user_id="u")
    mode = StreamingMode.SSE if stream else StreamingMode.NONE
    return [
        event
        async for event in runner.run_async(
            user_id="u",
            session_id=session.id,
            new_message=user(text),
            run_config=RunConfig(streaming_mode=mode),
        )
    ]


def texts(events: List[Any], *, partial: Optional[bool] = False) -> List[str]:
    return [
        part.text
        for event in events
        if bool(event.partial) is partial and event.content
        for part in event.content.parts or ()
        if part.text
    ]


async def answers(llm: PortkeyAdk, llm_request: LlmRequest, stream: bool = False) -> List[Any]:
    return [r async for r in llm.generate_content_async(llm_request, stream=stream)]


# Agents ----------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_an_agent_call(stack: Any) -> None:
    agent = LlmAgent(name="terse", model=model(stack), instruction="Be terse.")
    events = await run(agent, "Say hi")
    assert texts(events) == ["echo: Say hi"]
    body = sent(stack)
    assert body["model"] == MODEL
    assert body["input"] == [{"type": "message", "role": "user", "content": "Say hi"}]
    assert body["instructions"].startswith("Be terse.")
    assert "stream" not in body and "tools" not in body
    assert stack.last_request()["headers"]["authorization"] == "Bearer sk-fake"
    usage = events[-1].usage_metadata
    assert usage.prompt_token_count > 0 and usage.candidates_token_count > 0
    assert usage.total_token_count == usage.prompt_token_count + usage.candidates_token_count


@pytest.mark.anyio
async def test_a_streamed_agent_call(stack: Any) -> None:
    agent = LlmAgent(name="streamer", model=model(stack))
    events = await run(agent, "stream these words", stream=True)
    assert texts(events, partial=True) == ["echo:", " stream", " these", " words"]
    assert texts(events) == ["echo: stream these words"]
    assert sent(stack)["stream"] is True


@pytest.mark.anyio
@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
async def test_a_function_call_round_trip(stack: Any, stream: bool) -> None:
    agent = LlmAgent(name="weather", model=model(stack), tools=[get_weather])
    events = await run(agent, "Weather in Paris?", stream=stream)
    first, second = (r["body"] for r in stack.requests(path=RESPONSES))
    (tool,) = first["tools"]
    assert tool["type"] == "function" and tool["name"] == "get_weather"
    assert tool["description"] == "Get the weather in a city."
    assert tool["parameters"]["properties"]["city"]["type"] == "string"
    assert tool["parameters"]["required"] == ["city"]
    # every property required: strict, as the official sends its tools
    assert tool["strict"] is True and tool["parameters"]["additionalProperties"] is False
    assert first["tool_choice"] == "auto"
    calls = [e.get_function_calls() for e in events if not e.partial and e.get_function_calls()]
    ((call,),) = calls
    assert call.name == "get_weather" and call.id.startswith("call_fake_")
    (response,) = next(e.get_function_responses() for e in events if e.get_function_responses())
    assert response.id == call.id and response.response == get_weather(call.args["city"])
    assert second["input"][1:] == [
        {
            "type": "function_call",
            "call_id": call.id,
            "name": "get_weather",
            "arguments": json.dumps(call.args),
        },
        {
            "type": "function_call_output",
            "call_id": call.id,
            "output": json.dumps(response.response),
        },
    ]
    assert texts(events) == [f"echo: tool said {json.dumps(response.response)}"]


def test_a_sync_runner_and_the_callers_loop_share_the_model(stack: Any) -> None:
    import asyncio

    llm = model(stack)
    agent = LlmAgent(name="sync", model=llm, tools=[get_weather])
    runner = InMemoryRunner(agent=agent, app_name="app")

    async def both() -> List[str]:
        # ADK's sync run() drives its own loop in a thread while this loop is alive
        session = await runner.session_service.create_session(app_name="app", user_id="u")
        events = await asyncio.to_thread(
            lambda: list(runner.run(user_id="u", session_id=session.id, new_message=user("Oslo")))
        )
        whole = await answers(llm, request(user("and from this loop")))
        return texts(events) + [whole[0].content.parts[0].text]

    said = asyncio.run(both())
    assert said[0].startswith("echo: tool said ")
    assert said[1] == "echo: and from this loop"


@pytest.mark.anyio
async def test_an_output_schema(stack: Any) -> None:
    agent = LlmAgent(name="people", model=model(stack), output_schema=Person, output_key="person")
    events = await run(agent, "Who is Ada?")
    (answer,) = texts(events)
    assert Person.model_validate_json(answer)
    text_format = sent(stack)["text"]["format"]
    assert text_format["type"] == "json_schema"
    assert (text_format["name"], text_format["strict"]) == ("adk_response", True)
    assert text_format["schema"]["required"] == ["name", "age"]
    assert text_format["schema"]["additionalProperties"] is False


# generate_content_async ------------------------------------------------------------------


@pytest.mark.anyio
async def test_whole_and_streamed_responses_agree(stack: Any) -> None:
    llm = model(stack)
    (whole,) = await answers(llm, request(user("same answer")))
    streamed = await answers(llm, request(user("same answer")), stream=True)
    assert [r.partial for r in streamed] == [True, True, True, False]
    assert "".join(r.content.parts[0].text for r in streamed[:-1]) == "echo: same answer"
    final = streamed[-1]
    for response in (whole, final):
        assert response.partial is False
        assert [p.text for p in response.content.parts] == ["echo: same answer"]
        assert response.content.role == "model"
        assert response.finish_reason == types.FinishReason.STOP
        assert response.model_version == MODEL
    assert whole.usage_metadata == final.usage_metadata


@pytest.mark.anyio
async def test_request_config_and_model_keywords_go_in_the_body(stack: Any) -> None:
    llm = model(stack, temperature=0.2, metadata={"k": "v"}, tool_choice="required", store=False)
    config = {"max_output_tokens": 50, "top_p": 0.5, "system_instruction": "Be brief."}
    await answers(llm, request(user("hi"), **config))
    body = sent(stack)
    assert body["temperature"] == 0.2 and body["top_p"] == 0.5
    assert body["max_output_tokens"] == 50
    assert body["metadata"] == {"k": "v"}  # a Responses parameter, as in the official
    assert body["store"] is False and body["instructions"] == "Be brief."
    assert "tool_choice" not in body  # no tools: the API would refuse a tool choice


@pytest.mark.anyio
async def test_reasoning_goes_out_and_comes_back(stack: Any) -> None:
    llm = model(stack)
    thinking = types.ThinkingConfig(include_thoughts=True, thinking_budget=2000)
    (first,) = await answers(llm, request(user("think"), thinking_config=thinking))
    body = sent(stack)
    assert body["reasoning"] == {"effort": "medium", "summary": "auto"}
    assert body["include"] == ["reasoning.encrypted_content"]
    thought, text = first.content.parts
    assert thought.thought is True and thought.text == "Thinking about: think"
    assert text.text == "echo: think" and not text.thought
    assert first.usage_metadata.thoughts_token_count == 8
    # the next turn gives the reasoning item back by its id, with its summary
    await answers(llm, request(user("think"), first.content, user("again")))
    reasoning_id = stack.requests(path=RESPONSES)[0]["seq"]
    given = sent(stack)["input"]
    assert given[1] == {
        "type": "reasoning",
        "id": f"rs_fake_{reasoning_id}",
        "summary": [{"type": "summary_text", "text": "Thinking about: think"}],
    }
    assert given[2] == {"type": "message", "role": "assistant", "content": "echo: think"}
    streamed = await answers(llm, request(user("think"), thinking_config=thinking), stream=True)
    assert streamed[0].partial and streamed[0].content.parts[0].thought
    assert [p.text for p in streamed[-1].content.parts] == [t.text for t in first.content.parts]


@pytest.mark.anyio
async def test_a_failed_or_cut_stream(stack: Any) -> None:
    streamed = await answers(
        model(stack, name=f"{MODEL}+failed-after-4"), request(user("a b c")), stream=True
    )
    final = streamed[-1]
    assert final.partial is False and final.error_code
    assert final.finish_reason == types.FinishReason.OTHER
    with pytest.raises(portkey.APIError):
        await answers(
            model(stack, name=f"{MODEL}+error-after-4"), request(user("a b c")), stream=True
        )


@pytest.mark.anyio
@respx.mock
async def test_streamed_function_calls_missing_from_the_final_response() -> None:
    """Some providers' translated streams end with an empty output: the calls the stream
    built (item added, argument deltas) are the turn's, as in the official adapter."""
    call = {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather"}
    events = [
        {"type": "response.output_item.added", "output_index": 0, "item": call},
        {"type": "response.function_call_arguments.delta", "output_index": 0, "delta": '{"ci'},
        {"type": "response.function_call_arguments.delta", "item_id": "fc_1", "delta": 'ty": 1}'},
        {"type": "response.completed", "response": {"id": "r", "model": MODEL, "output": []}},
    ]
    sse = "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events)
    respx.post("http://gw.test/v1/responses").mock(
        return_value=httpx.Response(200, text=sse, headers={"content-type": "text/event-stream"})
    )
    llm = PortkeyAdk(MODEL, base_url="http://gw.test/v1", max_retries=0)
    (final,) = await answers(llm, request(user("weather")), stream=True)
    (made,) = final.get_function_calls()
    assert (made.id, made.name, made.args) == ("call_1", "get_weather", {"city": 1})


@pytest.mark.anyio
async def test_media_and_unsupported_content(stack: Any) -> None:
    llm = model(stack)
    image = types.Part(inline_data=types.Blob(mime_type="image/png", data=b"\x89PNG"))
    await answers(llm, request(types.Content(role="user", parts=[types.Part(text="what?"), image])))
    (message,) = sent(stack)["input"]
    assert message["content"][0] == {"type": "input_text", "text": "what?"}
    assert message["content"][1]["type"] == "input_image"
    assert message["content"][1]["image_url"].startswith("data:image/png;base64,")
    count = len(stack.requests(path=RESPONSES))
    video = types.Part(inline_data=types.Blob(mime_type="video/mp4", data=b"...."))
    with pytest.raises(UnsupportedContentError, match="video"):
        await answers(llm, request(types.Content(role="user", parts=[video])))
    no_id = types.Part(function_response=types.FunctionResponse(name="f", response={"a": 1}))
    with pytest.raises(UnsupportedContentError, match="no id"):
        await answers(llm, request(types.Content(role="user", parts=[no_id])))
    assert len(stack.requests(path=RESPONSES)) == count  # nothing was sent


# Portkey options -------------------------------------------------------------------------


@pytest.mark.anyio
async def test_portkey_options_travel_as_headers(stack: Any) -> None:
    seen: List[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        seen.append(request)

    async with httpx.AsyncClient(event_hooks={"request": [record]}) as http:
        llm = PortkeyAdk(
            MODEL,
            "pk-test",
            base_url=stack.gateway_url,
            config={"provider": "openai", "api_key": "sk-fake", "custom_host": stack.upstream_url},
            trace_id="trace-adk-1",
            custom_metadata={"_user": "adk-user"},
            http_client=http,
        )
        (answer,) = await answers(llm, request(user("through a config")))
    assert answer.content.parts[0].text == "echo: through a config"
    (sent_request,) = seen
    assert sent_request.url == httpx.URL(stack.gateway_url + "/responses")
    assert sent_request.headers["x-portkey-trace-id"] == "trace-adk-1"
    assert json.loads(sent_request.headers["x-portkey-metadata"]) == {"_user": "adk-user"}
    assert json.loads(sent_request.headers["x-portkey-config"])["provider"] == "openai"
    assert sent_request.headers["x-portkey-api-key"] == "pk-test"
    assert "x-portkey-strict-open-ai-compliance" in sent_request.headers


def test_secrets_stay_out_of_repr() -> None:
    llm = PortkeyAdk(MODEL, "pk-secret-1", virtual_key="vk-secret-2", Authorization="sk-3")
    shown = repr(llm) + str(llm) + llm.model_dump_json()
    for secret in ("pk-secret-1", "vk-secret-2", "sk-3"):
        assert secret not in shown


@pytest.mark.anyio
async def test_a_deep_copied_model_still_calls(stack: Any) -> None:
    llm = model(stack, temperature=0.3).model_copy(deep=True)
    (answer,) = await answers(llm, request(user("copied")))
    assert answer.content.parts[0].text == "echo: copied"
    assert sent(stack)["temperature"] == 0.3


# Against the official adapter ------------------------------------------------------------


def test_the_wire_against_the_official_adapter(stack: Any) -> None:
    """The official's bodies for the same turn (capture_official_agents.py): with ADK 2.x it
    sends the tool without its parameters (ADK now gives ``parameters_json_schema``), so the
    model calls it with none and the tool fails; ours sends them. The rest is the same but
    the ``id`` the official adds to a function call item (its call id, which OpenAI refuses
    as an item id)."""
    fixture = Path(__file__).parent.parent / "fixtures" / "agents" / "official_wire.json"
    official = json.loads(fixture.read_text(encoding="utf-8"))["adk"]
    llm = PortkeyAdk(model=MODEL, base_url=stack.gateway_url, config=route(stack.upstream_url))
    reset_upstream(stack.upstream_url)
    ours = adk_turn(llm)
    first, second = upstream_bodies(stack.upstream_url, RESPONSES)
    theirs_first, theirs_second = official["bodies"]
    empty = {"type": "object", "properties": {}, "additionalProperties": False}
    for body, theirs in ((first, theirs_first), (second, theirs_second)):
        (tool,), (their_tool,) = body.pop("tools"), theirs.pop("tools")
        assert their_tool.pop("parameters") == empty
        assert tool.pop("parameters")["properties"] == {"city": {"title": "City", "type": "string"}}
        assert tool == their_tool  # name, description, strict
    assert first == theirs_first
    call, output = second["input"][1:]
    their_call, their_output = theirs_second["input"][1:]
    # the fake upstream's call ids count its requests: the same shape, not the same number
    assert their_call.pop("id") == their_call["call_id"] == their_output.pop("call_id")
    assert call["call_id"] == output.pop("call_id")
    assert their_call.pop("call_id").startswith("call_fake_")
    assert call.pop("call_id").startswith("call_fake_")
    assert (their_call.pop("arguments"), call.pop("arguments")) == (
        "{}",
        '{"city": "Weather in Paris?"}',
    )
    assert call == their_call
    assert "mandatory input parameters are not present" in their_output.pop("output")
    assert json.loads(output.pop("output")) == {"city": "Weather in Paris?", "weather": "sunny"}
    assert output == their_output
    assert second["input"][0] == theirs_second["input"][0]
    assert {k: v for k, v in second.items() if k != "input"} == {
        k: v for k, v in theirs_second.items() if k != "input"
    }
    assert ours["answer"] == ['echo: tool said {"city": "Weather in Paris?", "weather": "sunny"}']


# The README's example --------------------------------------------------------------------


def test_the_readme_example_runs_as_written(
    stack: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only where it goes changes: the model is routed to the local gateway."""
    text = (Path(__file__).parent.parent.parent / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Google ADK\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None, "the Google ADK section has a python example"
    given: List[Dict[str, Any]] = []

    class Routed(PortkeyAdk):
        def __init__(self, model: str, api_key: Optional[str] = None, **kwargs: Any) -> None:
            given.append({"model": model, "api_key": api_key, **kwargs})
            super().__init__(model, api_key, **{**kwargs, **gateway_options(stack)})

    monkeypatch.setattr(portkey.integrations.adk, "PortkeyAdk", Routed)
    exec(compile(match.group(1), "README.md (Google ADK)", "exec"), {"__name__": "readme"})
    assert given == [
        {"model": "gpt-4o-mini", "api_key": "PORTKEY_API_KEY", "provider": "@openai-prod"}
    ]
    said = capsys.readouterr().out
    assert said.startswith("echo: tool said ") and said.endswith("}\n")
    output = json.loads(said[len("echo: tool said ") :])
    assert output["weather"] == "sunny"
    first, second = (r["body"] for r in stack.requests(path=RESPONSES))
    assert first["tools"][0]["name"] == "get_weather" and second["stream"] is True


# The extra -------------------------------------------------------------------------------


def _run(code: str) -> Any:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_the_extra_the_import_error_names_it() -> None:
    name, message = _run(
        """
        import json, sys
        sys.modules["google.adk"] = None  # as if it were not installed
        try:
            import portkey.integrations.adk
        except ImportError as exc:
            print(json.dumps([type(exc).__name__, str(exc)]))
        """
    )
    assert name == "ImportError"
    assert "pip install 'portkey-fast[adk]'" in message
