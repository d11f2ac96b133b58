"""Assistants runs through respx, sync and async: ``stream=True`` gives typed assistant
events (the SSE ``event:`` name becomes the event's ``event``, its data the typed ``data``)
and ``event: done`` / ``data: [DONE]`` ends the stream; the polling helpers look until the run
settles (a server whose run changes state over several looks; waits recorded, not slept),
with openai-python's poll headers, ``poll_interval_ms`` or the server's
``openai-poll-after-ms``, a failed run returned typed, and the client's deadline bounding the
whole poll."""

from __future__ import annotations

import asyncio
import inspect
import json
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import httpx
import pytest
import respx

from portkey import (
    APIConnectionError,
    APIResponseValidationError,
    AsyncPortkey,
    InternalServerError,
    Portkey,
    _retry,
)
from portkey._errors import APIError
from portkey.types.assistants import (
    MessageDeltaEvent,
    Run,
    RunStep,
    Thread,
    ThreadMessageDelta,
    ThreadRunCompleted,
    ThreadRunCreated,
    ThreadRunStepCreated,
)

BASE = "http://gateway.test/v1"
EXAMPLES: Dict[str, Any] = json.loads(
    (
        Path(__file__).parent
        / "fixtures"
        / "recorded"
        / "30_openai_spec_examples_assistants_chatkit.json"
    ).read_text("utf-8")
)
# The documented stream of createThreadAndRun, with its two slips repaired as a server sends
# it: the final run's `data:` field name is missing, and the last event has no blank line.
# (Its "..." line, an elision, is a line with no field: SSE ignores it.)
STREAM = (
    EXAMPLES["POST /threads/runs | Streaming"].replace(
        "event: thread.run.completed\n{", "event: thread.run.completed\ndata: {"
    )
    + "\n"
)
SSE = {"content-type": "text/event-stream"}
TOOL_OUTPUTS = [{"tool_call_id": "call_1", "output": "42"}]


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> List[float]:
    """The waits between looks, recorded instead of slept."""
    seen: List[float] = []

    async def async_sleep(seconds: float) -> None:
        seen.append(seconds)

    monkeypatch.setattr(_retry, "sleep", seen.append)
    monkeypatch.setattr(_retry, "async_sleep", async_sleep)
    return seen


def sync_events(start: Callable[[Portkey], Any]) -> List[Any]:
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        with start(client) as stream:
            return list(stream)


def async_events(start: Callable[[AsyncPortkey], Any]) -> List[Any]:
    async def main() -> List[Any]:
        async with AsyncPortkey(api_key="pk-test", base_url=BASE) as client:
            opened = start(client)  # a stream helper's manager is not awaited
            async with await opened if inspect.isawaitable(opened) else opened as stream:
                return [event async for event in stream]

    return asyncio.run(main())


def events_of(text: str) -> List[str]:
    return [line[len("event: ") :] for line in text.splitlines() if line.startswith("event: ")]


def data_of(text: str, event: str) -> List[Any]:
    """The JSON data of each ``event`` in the SSE ``text``."""
    lines = text.splitlines()
    return [
        json.loads(lines[i + 1][len("data: ") :])
        for i, line in enumerate(lines)
        if line == f"event: {event}"
    ]


STREAM_STARTS = [
    (
        "threads.create_and_run",
        lambda c: c.beta.threads.create_and_run("asst_1", stream=True, instructions="x"),
        "/threads/runs",
        {"assistant_id": "asst_1", "stream": True, "instructions": "x"},
    ),
    (
        "threads.create_and_run_stream",
        lambda c: c.beta.threads.create_and_run_stream(assistant_id="asst_1", instructions="x"),
        "/threads/runs",
        {"assistant_id": "asst_1", "instructions": "x", "stream": True},
    ),
    (
        "threads.stream_create_and_run",
        lambda c: c.beta.threads.stream_create_and_run("asst_1"),
        "/threads/runs",
        {"assistant_id": "asst_1", "stream": True},
    ),
    (
        "runs.create",
        lambda c: c.beta.threads.runs.create("th_1", assistant_id="asst_1", stream=True),
        "/threads/th_1/runs",
        {"assistant_id": "asst_1", "stream": True},
    ),
    (
        "runs.stream",
        lambda c: c.beta.threads.runs.stream(
            thread_id="th_1", assistant_id="asst_1", include=["x"]
        ),
        "/threads/th_1/runs?include%5B%5D=x",
        {"assistant_id": "asst_1", "stream": True},
    ),
    (
        "runs.create_and_stream",
        lambda c: c.beta.threads.runs.create_and_stream(thread_id="th_1", assistant_id="asst_1"),
        "/threads/th_1/runs",
        {"assistant_id": "asst_1", "stream": True},
    ),
    (
        "runs.submit_tool_outputs",
        lambda c: c.beta.threads.runs.submit_tool_outputs(
            "run_1", thread_id="th_1", tool_outputs=TOOL_OUTPUTS, stream=True
        ),
        "/threads/th_1/runs/run_1/submit_tool_outputs",
        {"tool_outputs": TOOL_OUTPUTS, "stream": True},
    ),
    (
        "runs.submit_tool_outputs_stream",
        lambda c: c.beta.threads.runs.submit_tool_outputs_stream(
            run_id="run_1", thread_id="th_1", tool_outputs=TOOL_OUTPUTS
        ),
        "/threads/th_1/runs/run_1/submit_tool_outputs",
        {"tool_outputs": TOOL_OUTPUTS, "stream": True},
    ),
]


@pytest.mark.parametrize("name, start, url, body", STREAM_STARTS, ids=[s[0] for s in STREAM_STARTS])
def test_streams_give_typed_assistant_events_until_done(
    mock: respx.MockRouter, name: str, start: Any, url: str, body: Dict[str, Any]
) -> None:
    route = mock.route().mock(return_value=httpx.Response(200, headers=SSE, content=STREAM))
    documented = [e for e in events_of(STREAM) if e != "done"]
    for events in (sync_events(start), async_events(start)):
        # every documented event, by name, in order; `done` ends the stream, not an item
        assert [e.event for e in events] == documented
        assert isinstance(events[0].data, Thread)
        created = next(e for e in events if e.event == "thread.run.created")
        assert isinstance(created, ThreadRunCreated) and isinstance(created.data, Run)
        assert created.data.status == "queued" and created.data.thread_id == "thread_123"
        step = next(e for e in events if e.event == "thread.run.step.created")
        assert isinstance(step, ThreadRunStepCreated) and isinstance(step.data, RunStep)
        deltas = [e for e in events if isinstance(e, ThreadMessageDelta)]
        assert deltas and all(isinstance(d.data, MessageDeltaEvent) for d in deltas)
        text = "".join(d.data.delta.content[0].text.value for d in deltas)
        documented_deltas = data_of(STREAM, "thread.message.delta")
        assert text == "".join(d["delta"]["content"][0]["text"]["value"] for d in documented_deltas)
        assert isinstance(events[-1], ThreadRunCompleted)
        (completed,) = data_of(STREAM, "thread.run.completed")
        assert events[-1].data.usage.total_tokens == completed["usage"]["total_tokens"]
        assert events[-1].data.to_dict()["usage"] == completed["usage"]
    sent = [c.request for c in route.calls]
    assert [(r.method, str(r.url)) for r in sent] == [("POST", BASE + url)] * 2
    assert [json.loads(r.content) for r in sent] == [body] * 2
    assert {r.headers["openai-beta"] for r in sent} == {"assistants=v2"}


def test_stream_without_done_is_an_error(mock: respx.MockRouter) -> None:
    cut = STREAM.split("event: thread.message.delta")[0]
    mock.post("/threads/runs").mock(return_value=httpx.Response(200, headers=SSE, content=cut))
    start = lambda c: c.beta.threads.create_and_run("asst_1", stream=True)  # noqa: E731
    with pytest.raises(APIConnectionError, match="before it completed"):
        sync_events(start)
    with pytest.raises(APIConnectionError, match="before it completed"):
        async_events(start)


def test_error_event_raises_typed_after_the_events_before_it(mock: respx.MockRouter) -> None:
    run = {"id": "run_1", "object": "thread.run", "status": "queued"}
    text = (
        f"event: thread.run.created\ndata: {json.dumps(run)}\n\n"
        'event: error\ndata: {"error": {"message": "boom", "type": "server_error", '
        '"code": "500"}}\n\n'
    )
    mock.post("/threads/runs").mock(return_value=httpx.Response(200, headers=SSE, content=text))
    seen: List[Any] = []
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        with pytest.raises(InternalServerError, match="boom"):
            with client.beta.threads.create_and_run("asst_1", stream=True) as stream:
                for event in stream:
                    seen.append(event)
    assert [e.event for e in seen] == ["thread.run.created"]


def test_broken_event_data_is_a_validation_error(mock: respx.MockRouter) -> None:
    text = 'event: thread.run.created\ndata: {"id": "run_1",}\n\nevent: done\ndata: [DONE]\n\n'
    mock.post("/threads/runs").mock(return_value=httpx.Response(200, headers=SSE, content=text))
    with pytest.raises(APIResponseValidationError, match="not valid JSON"):
        sync_events(lambda c: c.beta.threads.create_and_run("asst_1", stream=True))


def test_unknown_event_is_kept_generic(mock: respx.MockRouter) -> None:
    text = (
        'event: thread.something_new\ndata: {"id": "x_1", "object": "thread.new"}\n\n'
        "event: done\ndata: [DONE]\n\n"
    )
    mock.post("/threads/runs").mock(return_value=httpx.Response(200, headers=SSE, content=text))
    (event,) = sync_events(lambda c: c.beta.threads.create_and_run("asst_1", stream=True))
    assert event.event == "thread.something_new"
    assert event.data == {"id": "x_1", "object": "thread.new"}


def run_states(*states: str, headers: Any = None) -> Callable[[httpx.Request], httpx.Response]:
    """A server whose run moves through ``states``, one per look (the last one stays)."""
    looks = iter(states)
    last: List[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        status = next(looks, None) or last[-1]
        last.append(status)
        run = {"id": "run_1", "object": "thread.run", "thread_id": "th_1", "status": status}
        return httpx.Response(200, json=run, headers=headers or {})

    return answer


POLLS = [
    (
        "runs.create_and_poll",
        lambda c: c.beta.threads.runs.create_and_poll(
            thread_id="th_1", assistant_id="asst_1", include=["x"], poll_interval_ms=250
        ),
        ("POST", "/threads/th_1/runs?include%5B%5D=x", {"assistant_id": "asst_1", "stream": False}),
    ),
    (
        "threads.create_and_run_poll",
        lambda c: c.beta.threads.create_and_run_poll(
            assistant_id="asst_1", instructions="x", poll_interval_ms=250
        ),
        ("POST", "/threads/runs", {"assistant_id": "asst_1", "instructions": "x", "stream": False}),
    ),
    (
        "runs.submit_tool_outputs_and_poll",
        lambda c: c.beta.threads.runs.submit_tool_outputs_and_poll(
            run_id="run_1", thread_id="th_1", tool_outputs=TOOL_OUTPUTS, poll_interval_ms=250
        ),
        (
            "POST",
            "/threads/th_1/runs/run_1/submit_tool_outputs",
            {"tool_outputs": TOOL_OUTPUTS, "stream": False},
        ),
    ),
    (
        "runs.poll",
        lambda c: c.beta.threads.runs.poll(run_id="run_1", thread_id="th_1", poll_interval_ms=250),
        None,
    ),
]


def run_both(call: Callable[[Any], Any]) -> List[Any]:
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        sync = call(client)

    async def main() -> Any:
        async with AsyncPortkey(api_key="pk-test", base_url=BASE) as aclient:
            return await call(aclient)

    return [sync, asyncio.run(main())]


@pytest.mark.parametrize("name, call, start", POLLS, ids=[p[0] for p in POLLS])
def test_polling_helpers_look_until_the_run_settles(
    mock: respx.MockRouter, waits: List[float], name: str, call: Any, start: Any
) -> None:
    created = {"id": "run_1", "object": "thread.run", "thread_id": "th_1", "status": "queued"}
    posts = mock.post(url__regex=r".*").mock(return_value=httpx.Response(200, json=created))
    looks = mock.get("/threads/th_1/runs/run_1").mock(
        side_effect=run_states("queued", "in_progress", "in_progress", "completed")
    )
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        run = call(client)
    assert isinstance(run, Run) and run.status == "completed"
    assert len(looks.calls) == 4 and waits == [0.25] * 3
    for look in looks.calls:
        assert look.request.headers["x-stainless-poll-helper"] == "true"
        assert look.request.headers["x-stainless-custom-poll-interval"] == "250"
        assert look.request.headers["openai-beta"] == "assistants=v2"
    if start is None:
        assert not posts.calls
    else:
        method, url, body = start
        (post,) = posts.calls
        assert (post.request.method, str(post.request.url)) == (method, BASE + url)
        assert json.loads(post.request.content) == body
        assert post.request.headers["openai-beta"] == "assistants=v2"
        assert "x-stainless-poll-helper" not in post.request.headers

    # the same through AsyncPortkey
    looks.side_effect = run_states("in_progress", "requires_action")
    waits.clear()

    async def main() -> Any:
        async with AsyncPortkey(api_key="pk-test", base_url=BASE) as aclient:
            return await call(aclient)

    run = asyncio.run(main())
    assert isinstance(run, Run) and run.status == "requires_action"  # settled: tools wanted
    assert waits == [0.25]


def test_poll_follows_the_server_and_returns_a_failed_run_typed(
    mock: respx.MockRouter, waits: List[float]
) -> None:
    mock.get("/threads/th_1/runs/run_1").mock(
        side_effect=run_states(
            "queued", "in_progress", "failed", headers={"openai-poll-after-ms": "40"}
        )
    )
    for run in run_both(lambda c: c.beta.threads.runs.poll("run_1", "th_1")):
        assert isinstance(run, Run) and run.status == "failed"  # returned, not raised
    # the server's openai-poll-after-ms; the run stays failed, so the async look ends at once
    assert waits == [0.04, 0.04]


def test_poll_without_hint_waits_a_second_and_sends_no_interval(
    mock: respx.MockRouter, waits: List[float]
) -> None:
    route = mock.get("/threads/th_1/runs/run_1").mock(
        side_effect=run_states("in_progress", "cancelling", "cancelled")
    )
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        run = client.beta.threads.runs.poll("run_1", "th_1")
    assert run.status == "cancelled" and waits == [1.0, 1.0]
    assert all("x-stainless-custom-poll-interval" not in c.request.headers for c in route.calls)


def test_deadline_bounds_the_whole_poll(mock: respx.MockRouter) -> None:
    from portkey import WaitTimeoutError

    # Real (short) waits: the deadline is measured on the clock.
    route = mock.get("/threads/th_1/runs/run_1").mock(side_effect=run_states("in_progress"))
    with Portkey(api_key="pk-test", base_url=BASE, deadline=0.25) as client:
        with pytest.raises(WaitTimeoutError, match="deadline"):
            client.beta.threads.runs.poll("run_1", "th_1", poll_interval_ms=100)
    assert 2 <= len(route.calls) <= 3  # looks at 0, 0.1, (0.2) s; the next wait would pass it


def test_poll_surfaces_a_failed_look_as_its_typed_error(
    mock: respx.MockRouter, waits: List[float]
) -> None:
    mock.get("/threads/th_1/runs/run_1").mock(
        return_value=httpx.Response(404, json={"error": {"message": "No run found"}})
    )
    with Portkey(api_key="pk-test", base_url=BASE, max_retries=0) as client:
        with pytest.raises(APIError, match="No run found") as info:
            client.beta.threads.runs.poll("run_1", "th_1")
    assert info.value.status_code == 404  # type: ignore[attr-defined]


def test_polling_helpers_under_with_raw_response_still_give_the_run(
    mock: respx.MockRouter, waits: List[float]
) -> None:
    created = {"id": "run_1", "object": "thread.run", "thread_id": "th_1", "status": "queued"}
    mock.post("/threads/runs").mock(return_value=httpx.Response(200, json=created))
    mock.post("/threads/th_1/runs").mock(return_value=httpx.Response(200, json=created))
    mock.get("/threads/th_1/runs/run_1").mock(side_effect=run_states("in_progress", "completed"))
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        runs = client.beta.threads.runs.with_raw_response
        run = runs.create_and_poll(thread_id="th_1", assistant_id="asst_1")
        assert isinstance(run, Run) and run.status == "completed"
        run = client.beta.threads.with_raw_response.create_and_run_poll(assistant_id="asst_1")
        assert isinstance(run, Run) and run.status == "completed"
