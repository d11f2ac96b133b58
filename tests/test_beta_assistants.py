"""``client.beta``: assistants, threads, messages, runs, run steps, ChatKit and the Realtime
beta sessions through respx with OpenAI's documented bodies (tests/fixtures/recorded/30),
sync and async: what each call sends (method, path, query, body, the ``OpenAI-Beta`` header)
is what ``portkey-ai`` 2.3.4 sends for the same arguments (captured with respx from the
official SDK), and the answers come back typed. Streams and polling: test_beta_runs.py."""

from __future__ import annotations

import asyncio
import inspect
import json
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import httpx
import pytest
import respx

from portkey import AsyncPortkey, Portkey
from portkey._pagination import AsyncPage, SyncPage
from portkey.types.assistants import (
    Assistant,
    AssistantDeleted,
    MessageDeleted,
    Run,
    RunStep,
    Thread,
    ThreadDeleted,
    ThreadMessage,
)
from portkey.types.beta_realtime import SessionCreateResponse, TranscriptionSession
from portkey.types.chatkit import ChatKitThread, ChatSession

BASE = "http://gateway.test/v1"
EXAMPLES: Dict[str, Any] = json.loads(
    (
        Path(__file__).parent
        / "fixtures"
        / "recorded"
        / "30_openai_spec_examples_assistants_chatkit.json"
    ).read_text("utf-8")
)
V2 = "assistants=v2"
CHATKIT = "chatkit_beta=v1"
TOOL_OUTPUTS = [{"tool_call_id": "call_1", "output": "42"}]


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def both(fn: Callable[[Any], Any]) -> List[Any]:
    """``fn(client)`` on Portkey, then on AsyncPortkey (awaited when it gives an awaitable)."""
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        sync = fn(client)

    async def main() -> Any:
        async with AsyncPortkey(api_key="pk-test", base_url=BASE) as aclient:
            result = fn(aclient)
            return await result if inspect.isawaitable(result) else result

    return [sync, asyncio.run(main())]


def without_nulls(value: Any) -> Any:
    """``value`` with the null members of its objects left out, at every level."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def wire(request: httpx.Request) -> Tuple[str, str, Optional[Any], Optional[str]]:
    body = json.loads(request.content) if request.content else None
    return request.method, str(request.url), body, request.headers.get("openai-beta")


# (call, example answered, what the official SDK sent: method, URL, JSON body, OpenAI-Beta)
CASES: List[Tuple[str, Callable[[Any], Any], str, Tuple[str, str, Any, str], type]] = [
    (
        "assistants.create",
        lambda c: c.beta.assistants.create(name="a", reasoning_effort="low", foo=1),
        "POST /assistants | Code Interpreter",
        (
            "POST",
            "/assistants",
            {"model": "portkey-default", "name": "a", "reasoning_effort": "low", "foo": 1},
            V2,
        ),
        Assistant,
    ),
    (
        "assistants.retrieve",
        lambda c: c.beta.assistants.retrieve("asst_abc123"),
        "GET /assistants/{assistant_id}",
        ("GET", "/assistants/asst_abc123", None, V2),
        Assistant,
    ),
    (
        "assistants.update",
        lambda c: c.beta.assistants.update("asst_1", name="b"),
        "POST /assistants/{assistant_id}",
        ("POST", "/assistants/asst_1", {"model": "portkey-default", "name": "b"}, V2),
        Assistant,
    ),
    (
        "assistants.delete",
        lambda c: c.beta.assistants.delete("asst_abc123"),
        "DELETE /assistants/{assistant_id}",
        ("DELETE", "/assistants/asst_abc123", None, V2),
        AssistantDeleted,
    ),
    (
        "threads.create",
        lambda c: c.beta.threads.create(metadata={"a": "b"}, foo=2),
        "POST /threads | Empty",
        ("POST", "/threads", {"metadata": {"a": "b"}, "foo": 2}, V2),
        Thread,
    ),
    (
        "threads.retrieve",
        lambda c: c.beta.threads.retrieve("thread_abc123"),
        "GET /threads/{thread_id}",
        ("GET", "/threads/thread_abc123", None, V2),
        Thread,
    ),
    (
        "threads.update",
        lambda c: c.beta.threads.update("thread_abc123", metadata={"k": "v"}),
        "POST /threads/{thread_id}",
        ("POST", "/threads/thread_abc123", {"metadata": {"k": "v"}}, V2),
        Thread,
    ),
    (
        "threads.delete",
        lambda c: c.beta.threads.delete("thread_abc123"),
        "DELETE /threads/{thread_id}",
        ("DELETE", "/threads/thread_abc123", None, V2),
        ThreadDeleted,
    ),
    (
        "threads.create_and_run",
        lambda c: c.beta.threads.create_and_run(
            "asst_1", instructions="x", thread={"messages": []}
        ),
        "POST /threads/runs | Default",
        (
            "POST",
            "/threads/runs",
            {"assistant_id": "asst_1", "instructions": "x", "thread": {"messages": []}},
            V2,
        ),
        Run,
    ),
    (
        "messages.create",
        lambda c: c.beta.threads.messages.create("th_1", content="hi", role="user"),
        "POST /threads/{thread_id}/messages",
        ("POST", "/threads/th_1/messages", {"content": "hi", "role": "user"}, V2),
        ThreadMessage,
    ),
    (
        "messages.retrieve",
        lambda c: c.beta.threads.messages.retrieve("th_1", "msg_1"),
        "GET /threads/{thread_id}/messages/{message_id}",
        ("GET", "/threads/th_1/messages/msg_1", None, V2),
        ThreadMessage,
    ),
    (
        "messages.update",
        lambda c: c.beta.threads.messages.update("th_1", "msg_1", metadata={"k": "v"}),
        "POST /threads/{thread_id}/messages/{message_id}",
        ("POST", "/threads/th_1/messages/msg_1", {"metadata": {"k": "v"}}, V2),
        ThreadMessage,
    ),
    (
        "messages.delete",
        lambda c: c.beta.threads.messages.delete("msg_1", thread_id="th_1"),
        "DELETE /threads/{thread_id}/messages/{message_id}",
        ("DELETE", "/threads/th_1/messages/msg_1", None, V2),
        MessageDeleted,
    ),
    (
        "runs.create",
        lambda c: c.beta.threads.runs.create(
            "th_1", assistant_id="asst_1", include=["x"], instructions="i"
        ),
        "POST /threads/{thread_id}/runs | Default",
        (
            "POST",
            "/threads/th_1/runs",
            # the official wrapper sends include over extra_body: in the body
            {"assistant_id": "asst_1", "include": ["x"], "instructions": "i"},
            V2,
        ),
        Run,
    ),
    (
        "runs.retrieve",
        lambda c: c.beta.threads.runs.retrieve("th_1", "run_1"),
        "GET /threads/{thread_id}/runs/{run_id}",
        ("GET", "/threads/th_1/runs/run_1", None, V2),
        Run,
    ),
    (
        "runs.update",
        lambda c: c.beta.threads.runs.update("th_1", "run_1", metadata={"k": "v"}),
        "POST /threads/{thread_id}/runs/{run_id}",
        ("POST", "/threads/th_1/runs/run_1", {"metadata": {"k": "v"}}, V2),
        Run,
    ),
    (
        "runs.cancel",
        lambda c: c.beta.threads.runs.cancel("th_1", "run_1"),
        "POST /threads/{thread_id}/runs/{run_id}/cancel",
        ("POST", "/threads/th_1/runs/run_1/cancel", None, V2),
        Run,
    ),
    (
        "runs.submit_tool_outputs",
        lambda c: c.beta.threads.runs.submit_tool_outputs(
            "run_1", thread_id="th_1", tool_outputs=TOOL_OUTPUTS
        ),
        "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs | Default",
        (
            "POST",
            "/threads/th_1/runs/run_1/submit_tool_outputs",
            {"tool_outputs": TOOL_OUTPUTS},
            V2,
        ),
        Run,
    ),
    (
        "steps.retrieve",
        lambda c: c.beta.threads.runs.steps.retrieve("th_1", "run_1", "step_1", include=["x"]),
        "GET /threads/{thread_id}/runs/{run_id}/steps/{step_id}",
        ("GET", "/threads/th_1/runs/run_1/steps/step_1?include%5B%5D=x", None, V2),
        RunStep,
    ),
    (
        "chatkit.sessions.create",
        lambda c: c.beta.chatkit.sessions.create(user="u", workflow={"id": "wf"}),
        "POST /chatkit/sessions",
        ("POST", "/chatkit/sessions", {"user": "u", "workflow": {"id": "wf"}}, CHATKIT),
        ChatSession,
    ),
    (
        "chatkit.sessions.cancel",
        lambda c: c.beta.chatkit.sessions.cancel("cksess_123"),
        "POST /chatkit/sessions/{session_id}/cancel",
        ("POST", "/chatkit/sessions/cksess_123/cancel", None, CHATKIT),
        ChatSession,
    ),
    (
        "chatkit.threads.retrieve",
        lambda c: c.beta.chatkit.threads.retrieve("cthr_abc123"),
        "GET /chatkit/threads/{thread_id}",
        ("GET", "/chatkit/threads/cthr_abc123", None, CHATKIT),
        ChatKitThread,
    ),
    (
        "realtime.sessions.create",
        lambda c: c.beta.realtime.sessions.create(voice="alloy"),
        "POST /realtime/sessions",
        ("POST", "/realtime/sessions", {"model": "portkey-default", "voice": "alloy"}, V2),
        SessionCreateResponse,
    ),
    (
        "realtime.transcription_sessions.create",
        lambda c: c.beta.realtime.transcription_sessions.create(include=["x"]),
        "POST /realtime/transcription_sessions",
        ("POST", "/realtime/transcription_sessions", {"include": ["x"]}, V2),
        TranscriptionSession,
    ),
]


@pytest.mark.parametrize("name, call, example, sent, cast", CASES, ids=[c[0] for c in CASES])
def test_call_sends_what_the_official_sends_and_is_typed(
    mock: respx.MockRouter,
    name: str,
    call: Callable[[Any], Any],
    example: str,
    sent: Tuple[str, str, Any, str],
    cast: type,
) -> None:
    body = EXAMPLES[example]
    route = mock.route().mock(return_value=httpx.Response(200, json=body))
    results = both(call)
    method, path, json_body, beta = sent
    assert [wire(c.request) for c in route.calls] == [(method, BASE + path, json_body, beta)] * 2
    for result in results:
        assert isinstance(result, cast)
        # nothing lost (a constant `object` the example omits is filled in)
        dumped, expected = without_nulls(result.to_dict()), without_nulls(body)
        assert {k: dumped.get(k) for k in expected} == expected
        assert set(dumped) - set(expected) <= {"object"}
        assert result.id == body.get("id", result.id)


def test_chatkit_delete_answers_typed(mock: respx.MockRouter) -> None:
    # Its documented example is empty: the spec's shape.
    body = {"id": "cthr_1", "object": "chatkit.thread.deleted", "deleted": True}
    route = mock.delete("/chatkit/threads/cthr_1").mock(return_value=httpx.Response(200, json=body))
    for result in both(lambda c: c.beta.chatkit.threads.delete("cthr_1")):
        assert result.deleted is True and result.id == "cthr_1"
    assert {c.request.headers["openai-beta"] for c in route.calls} == {CHATKIT}


LISTS = [
    (
        "assistants.list",
        lambda c: c.beta.assistants.list(limit=2, order="asc"),
        "GET /assistants",
        "/assistants?limit=2&order=asc",
        Assistant,
        V2,
    ),
    (
        "messages.list",
        lambda c: c.beta.threads.messages.list("th_1", limit=1, run_id="r"),
        "GET /threads/{thread_id}/messages",
        "/threads/th_1/messages?limit=1&run_id=r",
        ThreadMessage,
        V2,
    ),
    (
        "runs.list",
        lambda c: c.beta.threads.runs.list("th_1", limit=2),
        "GET /threads/{thread_id}/runs",
        "/threads/th_1/runs?limit=2",
        Run,
        V2,
    ),
    (
        "steps.list",
        lambda c: c.beta.threads.runs.steps.list("run_1", thread_id="th_1", include=["x"], limit=3),
        "GET /threads/{thread_id}/runs/{run_id}/steps",
        "/threads/th_1/runs/run_1/steps?include%5B%5D=x&limit=3",
        RunStep,
        V2,
    ),
    (
        "chatkit.threads.list",
        lambda c: c.beta.chatkit.threads.list(limit=2, user="u"),
        "GET /chatkit/threads",
        "/chatkit/threads?limit=2&user=u",
        ChatKitThread,
        CHATKIT,
    ),
    (
        "chatkit.threads.list_items",
        lambda c: c.beta.chatkit.threads.list_items("cthr_1", limit=2),
        "GET /chatkit/threads/{thread_id}/items",
        "/chatkit/threads/cthr_1/items?limit=2",
        None,
        CHATKIT,
    ),
]


@pytest.mark.parametrize("name, call, example, url, item, beta", LISTS, ids=[c[0] for c in LISTS])
def test_list_first_page_is_typed(
    mock: respx.MockRouter,
    name: str,
    call: Callable[[Any], Any],
    example: str,
    url: str,
    item: Optional[type],
    beta: str,
) -> None:
    body = EXAMPLES[example]
    route = mock.route().mock(return_value=httpx.Response(200, json=body))
    for page in both(call):
        assert isinstance(page, (SyncPage, AsyncPage))
        assert [x.id for x in page.data] == [x["id"] for x in body["data"]]
        if item is not None:
            assert all(isinstance(x, item) for x in page.data)
        else:  # ChatKit thread items, by their type
            assert [x.type for x in page.data] == [x["type"] for x in body["data"]]
    assert [wire(c.request) for c in route.calls] == [("GET", BASE + url, None, beta)] * 2


def test_assistants_list_iterates_every_page(mock: respx.MockRouter) -> None:
    first = {
        "object": "list",
        "data": [{"id": "asst_1", "object": "assistant"}, {"id": "asst_2", "object": "assistant"}],
        "first_id": "asst_1",
        "last_id": "asst_2",
        "has_more": True,
    }
    second = {
        "object": "list",
        "data": [{"id": "asst_3", "object": "assistant"}],
        "first_id": "asst_3",
        "last_id": "asst_3",
        "has_more": False,
    }
    route = mock.get("/assistants").mock(
        side_effect=lambda request: httpx.Response(
            200, json=second if "after" in request.url.params else first
        )
    )
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        assert [a.id for a in client.beta.assistants.list(limit=2)] == [
            "asst_1",
            "asst_2",
            "asst_3",
        ]

    async def main() -> List[str]:
        async with AsyncPortkey(api_key="pk-test", base_url=BASE) as aclient:
            return [a.id async for a in aclient.beta.assistants.list(limit=2)]

    assert asyncio.run(main()) == ["asst_1", "asst_2", "asst_3"]
    urls = [str(c.request.url) for c in route.calls]
    assert urls == [BASE + "/assistants?limit=2", BASE + "/assistants?limit=2&after=asst_2"] * 2
    assert {c.request.headers["openai-beta"] for c in route.calls} == {V2}


def test_messages_refuse_unknown_keywords_as_the_official_does(mock: respx.MockRouter) -> None:
    route = mock.route().mock(return_value=httpx.Response(200, json={}))
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        with pytest.raises(TypeError, match="foo"):
            client.beta.threads.messages.create("th_1", content="hi", role="user", foo=3)
    assert not route.calls


def test_required_and_path_parameters_are_checked(mock: respx.MockRouter) -> None:
    route = mock.route().mock(return_value=httpx.Response(200, json={}))
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        with pytest.raises(TypeError, match="tool_outputs"):
            client.beta.threads.runs.submit_tool_outputs("run_1", thread_id="th_1")  # type: ignore[call-overload]
        with pytest.raises(ValueError, match="thread_id"):
            client.beta.threads.retrieve("")
        with pytest.raises(ValueError, match="dot-segment"):
            client.beta.threads.messages.retrieve("th_1", "..")
    assert not route.calls


def test_caller_headers_win_over_the_beta_header(mock: respx.MockRouter) -> None:
    route = mock.get("/assistants/asst_1").mock(
        return_value=httpx.Response(200, json={"id": "asst_1", "object": "assistant"})
    )
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        client.beta.assistants.retrieve("asst_1", extra_headers={"OpenAI-Beta": "assistants=v3"})
    assert route.calls[0].request.headers["openai-beta"] == "assistants=v3"


def test_beta_chat_completions_are_the_stable_ones() -> None:
    from portkey.resources.chat import AsyncCompletions, Completions

    with Portkey(api_key="pk-test", base_url=BASE) as client:
        assert isinstance(client.beta.chat.completions, Completions)
        assert client.beta.chat.completions.parse.__func__ is Completions.parse  # type: ignore[attr-defined]
        assert client.beta.chat.completions.stream.__func__ is Completions.stream  # type: ignore[attr-defined]
    aclient = AsyncPortkey(api_key="pk-test", base_url=BASE)
    assert isinstance(aclient.beta.chat.completions, AsyncCompletions)


def test_beta_chat_parse_sends_the_chat_request(mock: respx.MockRouter) -> None:
    completion = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": '{"answer": 42}'},
                "finish_reason": "stop",
            }
        ],
    }
    route = mock.post("/chat/completions").mock(return_value=httpx.Response(200, json=completion))
    schema = {"type": "json_schema", "json_schema": {"name": "A", "schema": {"type": "object"}}}
    results = both(
        lambda c: c.beta.chat.completions.parse(
            model="gpt-4o", messages=[{"role": "user", "content": "?"}], response_format=schema
        )
    )
    for result in results:
        assert result.choices[0].message.content == '{"answer": 42}'
    bodies = [json.loads(c.request.content) for c in route.calls]
    assert len(bodies) == 2 and bodies[0] == bodies[1]
    assert bodies[0]["response_format"] == schema and bodies[0]["model"] == "gpt-4o"


def test_stream_false_is_a_plain_call_as_the_officials(mock: respx.MockRouter) -> None:
    run = {"id": "run_1", "object": "thread.run", "thread_id": "th_1", "status": "queued"}
    route = mock.route().mock(return_value=httpx.Response(200, json=run))
    both(lambda c: c.beta.threads.create_and_run("asst_1", stream=False))
    both(lambda c: c.beta.threads.runs.create("th_1", assistant_id="asst_1", stream=False))
    assert [json.loads(c.request.content) for c in route.calls] == [{"assistant_id": "asst_1"}] * 4
