"""openai-python's assistant stream helpers (``runs.stream``, ``runs.create_and_stream``,
``runs.submit_tool_outputs_stream``, ``threads.create_and_run_stream``), sync and async,
through respx: the event handler's callbacks in order, the snapshots joined from the deltas,
``until_done`` / ``get_final_*`` / ``text_deltas``, failures (a callback raising, an error
event, a timeout) and what is sent (the handler is not).

The documented event streams (OpenAI's spec examples, recorded in
fixtures/recorded/30_openai_spec_examples_assistants_chatkit.json) are also run through
openai-python's own handler: ours must fire the same callbacks with the same arguments.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, Type

import httpx
import pytest
import respx

from portkey import (
    APITimeoutError,
    AssistantEventHandler,
    AssistantStreamManager,
    AsyncAssistantEventHandler,
    AsyncPortkey,
    InternalServerError,
    Portkey,
)
from portkey._assistant_snapshots import join_delta
from portkey._stream_assistants import AssistantStreamError
from portkey.types.assistants import Run, RunStep, ThreadMessage

BASE = "http://gateway.test/v1"
SSE = {"content-type": "text/event-stream"}
EXAMPLES: Dict[str, Any] = json.loads(
    (
        Path(__file__).parent
        / "fixtures"
        / "recorded"
        / "30_openai_spec_examples_assistants_chatkit.json"
    ).read_text("utf-8")
)
DOCUMENTED = sorted(key for key in EXAMPLES if key.endswith("Streaming with Functions")) + sorted(
    key for key in EXAMPLES if key.endswith("| Streaming")
)


def documented(key: str) -> str:
    """A documented stream as a server sends it: the examples' slips repaired (a run's JSON
    ends with one brace too many; one final run has no `data:` field name; the last event has
    no blank line). Their "..." lines, elisions, are lines with no field: SSE ignores them."""
    text = EXAMPLES[key].replace('"parallel_tool_calls":true}}', '"parallel_tool_calls":true}')
    text = text.replace("event: thread.run.completed\n{", "event: thread.run.completed\ndata: {")
    return text + "\n"


# A run with what the documented streams lack: two code interpreter calls in one step (their
# outputs streamed), a message with three blocks (text with an annotation, an image file,
# text), and a later step whose function call waits for its output (`requires_action`).


def sse(name: str, data: Any) -> str:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


def run(status: str, **more: Any) -> Dict[str, Any]:
    return {
        "id": "run_1",
        "object": "thread.run",
        "created_at": 1,
        "assistant_id": "asst_1",
        "thread_id": "th_1",
        "status": status,
        "model": "gpt-4o",
        "tools": [],
        **more,
    }


def step(ident: str, status: str, details: Dict[str, Any], **more: Any) -> Dict[str, Any]:
    return {
        "id": ident,
        "object": "thread.run.step",
        "created_at": 2,
        "run_id": "run_1",
        "assistant_id": "asst_1",
        "thread_id": "th_1",
        "type": details["type"],
        "status": status,
        "step_details": details,
        **more,
    }


def step_delta(ident: str, *calls: Dict[str, Any]) -> Dict[str, Any]:
    details = {"type": "tool_calls", "tool_calls": list(calls)}
    return {"id": ident, "object": "thread.run.step.delta", "delta": {"step_details": details}}


def message(status: str, content: List[Any]) -> Dict[str, Any]:
    return {
        "id": "msg_1",
        "object": "thread.message",
        "created_at": 3,
        "thread_id": "th_1",
        "run_id": "run_1",
        "role": "assistant",
        "status": status,
        "content": content,
    }


def message_delta(*parts: Dict[str, Any]) -> Dict[str, Any]:
    return {"id": "msg_1", "object": "thread.message.delta", "delta": {"content": list(parts)}}


def code(index: int, **fields: Any) -> Dict[str, Any]:
    return {"index": index, "type": "code_interpreter", "code_interpreter": fields}


def text(index: int, value: Optional[str] = None, **more: Any) -> Dict[str, Any]:
    body = {"value": value, **more} if value is not None else more
    return {"index": index, "type": "text", "text": body}


NO_CALLS = {"type": "tool_calls", "tool_calls": []}
CREATION = {"type": "message_creation", "message_creation": {"message_id": "msg_1"}}
LOGS_A = {"type": "logs", "logs": "42\n"}
CALL_A = {
    "id": "call_a",
    "type": "code_interpreter",
    "code_interpreter": {"input": "print(6*7)", "outputs": [LOGS_A]},
}
CALL_B = {
    "id": "call_b",
    "type": "code_interpreter",
    "code_interpreter": {"input": "1+1", "outputs": [{"type": "logs", "logs": "2"}]},
}
ANNOTATION = {
    "type": "file_path",
    "text": "[1]",
    "start_index": 17,
    "end_index": 20,
    "file_path": {"file_id": "file_1"},
}
FINAL_CONTENT = [
    {"type": "text", "text": {"value": "The answer is 42 [1].", "annotations": [ANNOTATION]}},
    {"type": "image_file", "image_file": {"file_id": "file_img", "detail": "auto"}},
    {"type": "text", "text": {"value": "See the plot.", "annotations": []}},
]
WANTED = {
    "type": "submit_tool_outputs",
    "submit_tool_outputs": {
        "tool_calls": [
            {"id": "call_c", "type": "function", "function": {"name": "f", "arguments": '{"q":1}'}}
        ]
    },
}
USAGE = {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}
TOOLS_RUN = "".join(
    [
        sse("thread.run.created", run("queued")),
        sse("thread.run.in_progress", run("in_progress")),
        sse("thread.run.step.created", step("step_1", "in_progress", NO_CALLS)),
        sse("thread.run.step.in_progress", step("step_1", "in_progress", NO_CALLS)),
        sse(
            "thread.run.step.delta",
            step_delta("step_1", {**code(0, input="", outputs=[]), "id": "call_a"}),
        ),
        sse("thread.run.step.delta", step_delta("step_1", code(0, input="print(6*7)"))),
        sse(
            "thread.run.step.delta", step_delta("step_1", code(0, outputs=[{"index": 0, **LOGS_A}]))
        ),
        sse(
            "thread.run.step.delta",
            step_delta("step_1", {**code(1, input="1+", outputs=[]), "id": "call_b"}),
        ),
        sse("thread.run.step.delta", step_delta("step_1", code(1, input="1"))),
        sse(
            "thread.run.step.delta",
            step_delta("step_1", code(1, outputs=[{"index": 0, "type": "logs", "logs": "2"}])),
        ),
        sse(
            "thread.run.step.completed",
            step(
                "step_1",
                "completed",
                {"type": "tool_calls", "tool_calls": [CALL_A, CALL_B]},
                usage=USAGE,
            ),
        ),
        sse("thread.run.step.created", step("step_2", "in_progress", CREATION)),
        sse("thread.message.created", message("in_progress", [])),
        sse("thread.message.in_progress", message("in_progress", [])),
        sse("thread.message.delta", message_delta(text(0, "The answer", annotations=[]))),
        sse("thread.message.delta", message_delta(text(0, " is 42 [1]."))),
        sse(
            "thread.message.delta", message_delta(text(0, annotations=[{"index": 0, **ANNOTATION}]))
        ),
        sse("thread.message.delta", message_delta({"index": 1, **FINAL_CONTENT[1]})),
        sse("thread.message.delta", message_delta(text(2, "See the", annotations=[]))),
        sse("thread.message.delta", message_delta(text(2, " plot."))),
        sse("thread.message.completed", message("completed", FINAL_CONTENT)),
        sse("thread.run.step.completed", step("step_2", "completed", CREATION)),
        sse("thread.run.step.created", step("step_3", "in_progress", NO_CALLS)),
        sse(
            "thread.run.step.delta",
            step_delta(
                "step_3",
                {
                    "index": 0,
                    "id": "call_c",
                    "type": "function",
                    "function": {"name": "f", "arguments": "", "output": None},
                },
            ),
        ),
        sse(
            "thread.run.step.delta",
            step_delta(
                "step_3", {"index": 0, "type": "function", "function": {"arguments": '{"q":1}'}}
            ),
        ),
        sse("thread.run.requires_action", run("requires_action", required_action=WANTED)),
        "event: done\ndata: [DONE]\n\n",
    ]
)

CALLBACKS = (
    "on_event on_end on_exception on_timeout on_run_step_created on_run_step_delta "
    "on_run_step_done on_tool_call_created on_tool_call_delta on_tool_call_done "
    "on_message_created on_message_delta on_message_done on_text_created on_text_delta "
    "on_text_done on_image_file_done"
).split()


def plain(value: Any) -> Any:
    """A callback argument as plain data (ours, or openai-python's pydantic models)."""
    if isinstance(value, BaseException):
        return value
    dump = getattr(value, "model_dump", None)
    if dump is None:
        return value
    return json.loads(json.dumps(dump(exclude_none=True)))


def recorder(base: Type[Any], is_async: bool) -> Type[Any]:
    """A handler class recording every callback as (name, plain arguments), and what the
    handler showed at that moment (the event being handled, the message snapshot's text)."""

    def make(name: str) -> Callable[..., Any]:
        def note(self: Any, *args: Any) -> None:
            self.log.append((name, [plain(a) for a in args]))
            snapshot = self.current_message_snapshot
            event = self.current_event
            self.seen.append((name, getattr(event, "event", None), texts_of(snapshot)))
            if name in self.fail_at:
                raise self.fail_at[name]

        async def anote(self: Any, *args: Any) -> None:
            note(self, *args)

        return anote if is_async else note

    def init(self: Any, fail_at: Optional[Dict[str, Exception]] = None) -> None:
        base.__init__(self)
        self.log, self.seen, self.fail_at = [], [], fail_at or {}

    members: Dict[str, Any] = {name: make(name) for name in CALLBACKS}
    return type("Recorder", (base,), {"__init__": init, **members})


Recorder = recorder(AssistantEventHandler, False)
AsyncRecorder = recorder(AsyncAssistantEventHandler, True)


def texts_of(snapshot: Any) -> Optional[List[Any]]:
    if snapshot is None:
        return None
    return [getattr(getattr(b, "text", None), "value", None) for b in snapshot.content]


def names(handler: Any, *, deltas: bool = True) -> List[str]:
    quiet = {"on_event"} | (set() if deltas else {"on_run_step_delta", "on_message_delta"})
    return [name for name, _ in handler.log if name not in quiet]


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def answer(mock: respx.MockRouter, body: Any) -> respx.Route:
    return mock.route().mock(return_value=httpx.Response(200, headers=SSE, content=body))


def start_sync(client: Any, handler: Any = None) -> Any:
    return client.beta.threads.runs.stream(
        thread_id="th_1", assistant_id="asst_1", event_handler=handler
    )


def read_sync(handler: Any, *, until_done: bool = True) -> Tuple[Any, List[Any]]:
    """Run the stream through ``handler``: (handler, events iterated)."""
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        with start_sync(client, handler) as stream:
            assert stream is handler
            events = [] if until_done else list(stream)
            if until_done:
                stream.until_done()
    return handler, events


def read_async(handler: Any, *, until_done: bool = True) -> Tuple[Any, List[Any]]:
    async def main() -> List[Any]:
        async with AsyncPortkey(api_key="pk-test", base_url=BASE) as client:
            async with start_sync(client, handler) as stream:
                assert stream is handler
                if until_done:
                    await stream.until_done()
                    return []
                return [event async for event in stream]

    return handler, asyncio.run(main())


def both(mock: respx.MockRouter, body: str, **kwargs: Any) -> List[Any]:
    """The handlers of a sync and an async run of the same stream."""
    answer(mock, body)
    return [read_sync(Recorder(**kwargs))[0], read_async(AsyncRecorder(**kwargs))[0]]


# ---------------------------------------------------------------------------------------------
# The callbacks
# ---------------------------------------------------------------------------------------------


def openai_log(body: str) -> Any:
    """What openai-python's own handler is called with for the same stream."""
    openai = pytest.importorskip("openai")
    httpx2 = pytest.importorskip("httpx2")
    transport = httpx2.MockTransport(
        lambda request: httpx2.Response(200, headers=SSE, content=body.encode())
    )
    client = openai.OpenAI(
        api_key="k", base_url=BASE, http_client=httpx2.Client(transport=transport)
    )
    handler = recorder(openai.AssistantEventHandler, False)()
    with pytest.warns(DeprecationWarning):  # (openai-python deprecates the Assistants API)
        manager = client.beta.threads.runs.stream(
            thread_id="th_1", assistant_id="asst_1", event_handler=handler
        )
    with manager as stream:
        stream.until_done()
    return handler.log


@pytest.mark.parametrize("key", DOCUMENTED)
def test_documented_streams_fire_what_openai_python_fires(mock: respx.MockRouter, key: str) -> None:
    body = documented(key)
    expected = openai_log(body)
    assert len(expected) > 20
    for handler in both(mock, body):
        assert handler.log == expected  # the same callbacks, in order, with the same arguments


def test_callbacks_in_order_on_a_run_with_tool_calls_and_blocks(mock: respx.MockRouter) -> None:
    for handler in both(mock, TOOLS_RUN):
        events = [name for name, args in handler.log if name == "on_event"]
        assert len(events) == TOOLS_RUN.count("event: ") - 1  # every event but `done`
        assert [
            (name, brief(name, args))
            for name, args in handler.log
            if name not in ("on_event", "on_run_step_delta", "on_message_delta")
        ] == [
            ("on_run_step_created", "step_1"),
            ("on_tool_call_created", "call_a ''"),
            ("on_tool_call_delta", "call_a 'print(6*7)'"),
            ("on_tool_call_delta", "call_a 'print(6*7)'"),
            ("on_tool_call_done", "call_a 'print(6*7)' 42\n"),  # the next call started
            ("on_tool_call_created", "call_b '1+'"),
            ("on_tool_call_delta", "call_b '1+1'"),
            ("on_tool_call_delta", "call_b '1+1'"),
            ("on_tool_call_done", "call_b '1+1' 2"),  # its step ended: once, from the step
            ("on_run_step_done", "step_1"),
            ("on_run_step_created", "step_2"),
            ("on_message_created", "msg_1"),
            ("on_text_created", "The answer"),
            ("on_text_delta", "'The answer' -> 'The answer'"),
            ("on_text_delta", "' is 42 [1].' -> 'The answer is 42 [1].'"),
            ("on_text_delta", "None -> 'The answer is 42 [1].'"),  # the annotation's delta
            ("on_text_done", "The answer is 42 [1]."),  # the next block started
            ("on_text_created", "See the"),  # (created as the delta is joined, as there)
            ("on_text_delta", "'See the' -> 'See the'"),
            ("on_image_file_done", "file_img"),
            ("on_text_delta", "' plot.' -> 'See the plot.'"),
            ("on_text_done", "See the plot."),  # from the completed message
            ("on_message_done", "msg_1"),
            ("on_run_step_done", "step_2"),  # (no tool call is done again here)
            ("on_run_step_created", "step_3"),
            ("on_tool_call_created", "call_c ''"),
            ("on_tool_call_delta", "call_c '{\"q\":1}'"),
            ("on_tool_call_done", "call_c '{\"q\":1}'"),  # the run waits for its output
            ("on_end", ""),
        ]


def brief(name: str, args: List[Any]) -> Any:
    if name in ("on_tool_call_created", "on_tool_call_delta", "on_tool_call_done"):
        call = args[-1]
        if call["type"] == "function":
            return f"{call['id']} {call['function']['arguments']!r}"
        inner = call["code_interpreter"]
        logs = "".join(o["logs"] for o in inner["outputs"])
        return f"{call['id']} {inner['input']!r}" + (f" {logs}" if name.endswith("done") else "")
    if name == "on_text_delta":
        return f"{args[0].get('value')!r} -> {args[1]['value']!r}"
    if name in ("on_text_created", "on_text_done"):
        return args[0]["value"]
    if name == "on_image_file_done":
        return args[0]["file_id"]
    return args[0]["id"] if args else ""


def test_each_callback_sees_the_event_and_the_snapshot_so_far(mock: respx.MockRouter) -> None:
    for handler in both(mock, TOOLS_RUN):
        seen = [s for s in handler.seen if s[0] in ("on_event", "on_text_delta", "on_end")]
        first_delta = seen.index(("on_event", "thread.message.delta", [])) + 1
        # on_event comes before the event is joined; on_text_delta after
        assert seen[first_delta] == ("on_text_delta", "thread.message.delta", ["The answer"])
        deltas = [texts for name, _, texts in seen if name == "on_text_delta"]
        assert deltas == [
            ["The answer"],
            ["The answer is 42 [1]."],
            ["The answer is 42 [1]."],
            ["The answer is 42 [1].", None, "See the"],
            ["The answer is 42 [1].", None, "See the plot."],
        ]
        assert handler.seen[-1][:2] == ("on_end", None)  # no event being handled at the end
        assert handler.current_event is None


def test_snapshots_and_final_answers(mock: respx.MockRouter) -> None:
    answer(mock, TOOLS_RUN)
    for handler, _ in (
        read_sync(AssistantEventHandler()),
        read_async(AsyncAssistantEventHandler()),
    ):
        run = handler.current_run
        assert isinstance(run, Run) and run.status == "requires_action"
        assert run.required_action.submit_tool_outputs.tool_calls[0].id == "call_c"
        steps = handler._final_steps()
        assert [s.id for s in steps] == ["step_1", "step_2", "step_3"]
        assert all(isinstance(s, RunStep) for s in steps)
        # finished steps are as the server ended them; the open one is joined from its deltas
        assert [s.status for s in steps] == ["completed", "completed", "in_progress"]
        assert steps[0].usage.total_tokens == 15
        (call,) = steps[2].step_details.tool_calls
        assert (call.id, call.function.name, call.function.arguments) == ("call_c", "f", '{"q":1}')
        assert handler.current_run_step_snapshot is steps[2]
        (final,) = handler._final_messages()
        assert isinstance(final, ThreadMessage) and final.status == "completed"
        assert [b.to_dict() for b in final.content] == FINAL_CONTENT
        assert handler.current_message_snapshot is final


def test_message_snapshot_joined_from_deltas_alone(mock: respx.MockRouter) -> None:
    """Without its completed event, the message is what the deltas built: text pieces
    joined, the annotation added by its index, the image block in its place."""
    body = TOOLS_RUN.split("event: thread.message.completed")[0] + "event: done\ndata: [DONE]\n\n"
    for handler in both(mock, body):
        snapshot = handler.current_message_snapshot
        assert snapshot.status == "in_progress"
        joined = [{k: v for k, v in b.to_dict().items() if k != "index"} for b in snapshot.content]
        assert joined[0]["text"]["value"] == FINAL_CONTENT[0]["text"]["value"]
        assert joined[0]["text"]["annotations"] == [{"index": 0, **ANNOTATION}]
        assert joined[1:] == FINAL_CONTENT[1:]
        assert names(handler)[-2:] == ["on_message_delta", "on_end"]  # no text done: cut


def test_get_final_helpers_read_the_stream_to_its_end(mock: respx.MockRouter) -> None:
    route = answer(mock, TOOLS_RUN)
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        with start_sync(client) as stream:
            assert type(stream) is AssistantEventHandler  # a plain handler when none is given
            assert stream.current_run is None  # nothing read yet
            assert stream.get_final_run().status == "requires_action"
            assert [s.id for s in stream.get_final_run_steps()] == ["step_1", "step_2", "step_3"]
            assert [m.id for m in stream.get_final_messages()] == ["msg_1"]
            assert list(stream) == []  # read already

    async def main() -> None:
        async with AsyncPortkey(api_key="pk-test", base_url=BASE) as client:
            async with start_sync(client) as stream:
                assert type(stream) is AsyncAssistantEventHandler
                assert (await stream.get_final_run()).status == "requires_action"
                assert len(await stream.get_final_run_steps()) == 3
                assert [m.id for m in await stream.get_final_messages()] == ["msg_1"]

    asyncio.run(main())
    assert route.call_count == 2


def test_final_helpers_name_what_the_stream_lacked(mock: respx.MockRouter) -> None:
    thread = {"id": "th_1", "object": "thread", "created_at": 1, "metadata": {}}
    answer(mock, sse("thread.created", thread) + "event: done\ndata: [DONE]\n\n")
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        for ask, what in (
            (lambda s: s.get_final_run(), "no final run"),
            (lambda s: s.get_final_run_steps(), "no run steps"),
            (lambda s: s.get_final_messages(), "no messages"),
        ):
            with start_sync(client) as stream:
                with pytest.raises(AssistantStreamError, match=what) as info:
                    ask(stream)
                assert isinstance(info.value, RuntimeError)  # as openai-python raises


def test_text_deltas_give_the_text_pieces(mock: respx.MockRouter) -> None:
    answer(mock, TOOLS_RUN)
    pieces = ["The answer", " is 42 [1].", "See the", " plot."]
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        with start_sync(client, Recorder()) as stream:
            assert list(stream.text_deltas) == pieces
            assert names(stream)[-1] == "on_end"  # the callbacks fired on the way

    async def main() -> List[str]:
        async with AsyncPortkey(api_key="pk-test", base_url=BASE) as client:
            async with start_sync(client) as stream:
                return [piece async for piece in stream.text_deltas]

    assert asyncio.run(main()) == pieces


def test_iterating_gives_the_typed_events(mock: respx.MockRouter) -> None:
    answer(mock, TOOLS_RUN)
    wanted = [line[len("event: ") :] for line in TOOLS_RUN.splitlines() if line[:7] == "event: "]
    for _, events in (
        read_sync(Recorder(), until_done=False),
        read_async(AsyncRecorder(), until_done=False),
    ):
        assert [e.event for e in events] == wanted[:-1]  # `done` ends the stream
        assert isinstance(events[0].data, Run)


# ---------------------------------------------------------------------------------------------
# Failures
# ---------------------------------------------------------------------------------------------


def test_a_raising_callback_is_reported_and_raised(mock: respx.MockRouter) -> None:
    route = answer(mock, TOOLS_RUN)
    boom = ValueError("handler bug")
    handlers = [Recorder(fail_at={"on_text_delta": boom})]
    with pytest.raises(ValueError, match="handler bug"):
        read_sync(handlers[0])
    handlers.append(AsyncRecorder(fail_at={"on_text_delta": boom}))
    with pytest.raises(ValueError, match="handler bug"):
        read_async(handlers[1])
    for handler in handlers:
        tail = handler.log[-3:]
        assert [name for name, _ in tail] == ["on_text_delta", "on_exception", "on_end"]
        assert tail[1][1] == [boom]  # the very exception, then raised from the block
        assert handler._stream.response.is_closed  # the stream closed on leaving
    assert route.call_count == 2


def test_an_error_event_is_raised_typed_after_the_callbacks(mock: respx.MockRouter) -> None:
    error = {"error": {"message": "boom", "type": "server_error", "code": "500"}}
    body = sse("thread.run.created", run("queued")) + sse("error", error)
    answer(mock, body)
    for read, handler in ((read_sync, Recorder()), (read_async, AsyncRecorder())):
        with pytest.raises(InternalServerError, match="boom"):
            read(handler)
        assert names(handler) == ["on_exception", "on_end"]
        assert isinstance(handler.log[1][1][0], InternalServerError)
        assert handler.current_run.status == "queued"


def test_a_read_timeout_fires_on_timeout_then_on_exception(mock: respx.MockRouter) -> None:
    head = sse("thread.run.created", run("queued")).encode()

    def body() -> Iterator[bytes]:
        yield head
        raise httpx.ReadTimeout("slow")

    async def abody() -> Any:
        yield head
        raise httpx.ReadTimeout("slow")

    route = mock.route()
    route.side_effect = lambda request: httpx.Response(200, headers=SSE, content=body())
    handler = Recorder()
    with pytest.raises(APITimeoutError):
        read_sync(handler)
    route.side_effect = lambda request: httpx.Response(200, headers=SSE, content=abody())
    ahandler = AsyncRecorder()
    with pytest.raises(APITimeoutError):
        read_async(ahandler)
    for h in (handler, ahandler):
        assert names(h) == ["on_timeout", "on_exception", "on_end"]
        assert isinstance(h.log[-2][1][0], APITimeoutError)


def test_leaving_the_block_early_ends_the_handler_and_closes_the_stream(
    mock: respx.MockRouter,
) -> None:
    answer(mock, TOOLS_RUN)
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        with start_sync(client, Recorder()) as stream:
            first = next(stream)
        assert first.event == "thread.run.created"
        assert names(stream) == ["on_end"]  # fired on leaving, the rest never handled
        assert stream._stream.response.is_closed

    async def main() -> Any:
        async with AsyncPortkey(api_key="pk-test", base_url=BASE) as client:
            async with start_sync(client, AsyncRecorder()) as stream:
                await stream.__anext__()
            return stream

    stream = asyncio.run(main())
    assert names(stream) == ["on_end"] and stream._stream.response.is_closed


def test_a_handler_serves_one_stream(mock: respx.MockRouter) -> None:
    route = answer(mock, TOOLS_RUN)
    handler = AssistantEventHandler()
    read_sync(handler)
    with pytest.raises(AssistantStreamError, match="cannot be shared"):
        read_sync(handler)
    assert route.call_count == 1  # refused before sending
    with pytest.raises(AssistantStreamError, match="has not started"):
        next(iter(AssistantEventHandler()))  # not given to a stream helper


# ---------------------------------------------------------------------------------------------
# What is sent
# ---------------------------------------------------------------------------------------------

OUTPUTS = [{"tool_call_id": "call_c", "output": "1"}]
HELPERS = [
    (
        "runs.stream",
        lambda c, h: c.beta.threads.runs.stream(
            thread_id="th_1", assistant_id="asst_1", include=["x"], event_handler=h
        ),
        "/threads/th_1/runs?include%5B%5D=x",
        {"assistant_id": "asst_1", "stream": True},
        "threads.runs.create_and_stream",
    ),
    (
        "runs.create_and_stream",
        lambda c, h: c.beta.threads.runs.create_and_stream(
            thread_id="th_1", assistant_id="asst_1", temperature=0.5, event_handler=h
        ),
        "/threads/th_1/runs",
        {"assistant_id": "asst_1", "temperature": 0.5, "stream": True},
        "threads.runs.create_and_stream",
    ),
    (
        "runs.submit_tool_outputs_stream",
        lambda c, h: c.beta.threads.runs.submit_tool_outputs_stream(
            run_id="run_1", thread_id="th_1", tool_outputs=OUTPUTS, event_handler=h
        ),
        "/threads/th_1/runs/run_1/submit_tool_outputs",
        {"tool_outputs": OUTPUTS, "stream": True},
        "threads.runs.submit_tool_outputs_stream",
    ),
    (
        "threads.create_and_run_stream",
        lambda c, h: c.beta.threads.create_and_run_stream(
            assistant_id="asst_1", thread={"messages": []}, event_handler=h
        ),
        "/threads/runs",
        {"assistant_id": "asst_1", "thread": {"messages": []}, "stream": True},
        "threads.create_and_run_stream",
    ),
]


@pytest.mark.parametrize("name, start, url, body, helper", HELPERS, ids=[h[0] for h in HELPERS])
def test_helpers_send_the_request_not_the_handler(
    mock: respx.MockRouter, name: str, start: Any, url: str, body: Dict[str, Any], helper: str
) -> None:
    route = answer(mock, TOOLS_RUN)
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        manager = start(client, Recorder())
        assert isinstance(manager, AssistantStreamManager) and not route.called  # sent on entry
        with manager as stream:
            stream.until_done()
        with start(client, None) as plain_handler:  # a plain handler when none is given
            assert type(plain_handler) is AssistantEventHandler
        assert names(stream)[-1] == "on_end"

    async def main() -> None:
        async with AsyncPortkey(api_key="pk-test", base_url=BASE) as client:
            async with start(client, AsyncRecorder()) as stream:
                await stream.until_done()
            assert names(stream)[-1] == "on_end"

    asyncio.run(main())
    sent = [call.request for call in route.calls]
    assert [(r.method, str(r.url)) for r in sent] == [("POST", BASE + url)] * 3
    assert [json.loads(r.content) for r in sent] == [body] * 3  # no event_handler
    assert [r.headers["x-stainless-custom-event-handler"] for r in sent] == [
        "true",
        "false",
        "true",
    ]
    assert {r.headers["x-stainless-stream-helper"] for r in sent} == {helper}
    assert {r.headers["openai-beta"] for r in sent} == {"assistants=v2"}


# ---------------------------------------------------------------------------------------------
# Joining deltas
# ---------------------------------------------------------------------------------------------


def test_join_delta() -> None:
    acc: Dict[str, Any] = {"type": "text", "index": 0, "text": {"value": "Hel", "annotations": []}}
    join_delta(
        acc,
        {
            "index": 0,
            "type": "text",
            "text": {
                "value": "lo",
                "annotations": [{"index": 0, "type": "file_path", "text": "[1"}],
            },
        },
    )
    join_delta(acc, {"text": {"annotations": [{"index": 0, "text": "]", "end_index": 3}]}})
    assert acc == {
        "type": "text",
        "index": 0,
        "text": {
            "value": "Hello",
            "annotations": [{"index": 0, "type": "file_path", "text": "[1]", "end_index": 3}],
        },
    }
    # a missing or None value takes the delta's; a None delta changes nothing; numbers and
    # other values are replaced; list entries without an index are added
    acc = {"a": None, "n": 1, "flag": True, "tags": ["x"], "keep": "k"}
    join_delta(acc, {"a": "set", "n": 5, "flag": False, "tags": ["y"], "keep": None, "new": 1})
    assert acc == {"a": "set", "n": 5, "flag": False, "tags": ["x", "y"], "keep": "k", "new": 1}
    # entries of a full object (no index) are found by position; a new index is appended
    acc = {"calls": [{"id": "c0", "args": "{"}]}
    join_delta(acc, {"calls": [{"index": 0, "args": "}"}, {"index": 1, "id": "c1"}]})
    assert acc == {"calls": [{"id": "c0", "args": "{}", "index": 0}, {"index": 1, "id": "c1"}]}


def test_a_delta_for_an_unannounced_message_starts_its_snapshot(mock: respx.MockRouter) -> None:
    body = sse("thread.message.delta", message_delta(text(0, "Hi", annotations=[])))
    body += sse("thread.message.delta", message_delta(text(0, "!")))
    for handler in both(mock, body + "event: done\ndata: [DONE]\n\n"):
        assert names(handler, deltas=False) == [
            "on_text_created",
            "on_text_delta",
            "on_text_delta",
            "on_end",
        ]
        assert texts_of(handler.current_message_snapshot) == ["Hi!"]
        assert handler.current_message_snapshot.id == "msg_1"


def test_under_with_raw_response_the_helper_still_gives_the_handler(
    mock: respx.MockRouter,
) -> None:
    answer(mock, TOOLS_RUN)
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        runs = client.beta.threads.runs.with_raw_response
        with runs.stream(thread_id="th_1", assistant_id="asst_1") as stream:
            assert stream.get_final_run().status == "requires_action"


def test_deltas_missing_parts_are_taken_as_they_come(mock: respx.MockRouter) -> None:
    """A message delta without its delta, and a tool call delta without an index: no
    callbacks for what is not there, the snapshot keeps what is."""
    body = sse("thread.message.created", message("in_progress", []))
    body += sse("thread.message.delta", {"id": "msg_1", "object": "thread.message.delta"})
    body += sse("thread.run.step.created", step("step_1", "in_progress", NO_CALLS))
    body += sse("thread.run.step.delta", step_delta("step_1", {"id": "call_x", "type": "function"}))
    answer(mock, body + "event: done\ndata: [DONE]\n\n")
    for handler in (read_sync(Recorder())[0], read_async(AsyncRecorder())[0]):
        assert names(handler) == [
            "on_message_created",
            "on_message_delta",
            "on_run_step_created",
            "on_run_step_delta",
            "on_end",
        ]
        delta_args = next(args for name, args in handler.log if name == "on_message_delta")
        assert delta_args[0] is None  # the delta as sent: none
        (call,) = handler.current_run_step_snapshot.step_details.tool_calls
        assert call.id == "call_x"
    with Portkey(api_key="pk-test", base_url=BASE) as client:
        with start_sync(client) as stream:
            assert list(stream.text_deltas) == []


def test_closing_from_a_callback_ends_the_stream_there(mock: respx.MockRouter) -> None:
    answer(mock, TOOLS_RUN)

    class Stop(Recorder):  # type: ignore[misc, valid-type]
        def on_message_created(self, message: Any) -> None:
            super().on_message_created(message)
            self.close()

    class AsyncStop(AsyncRecorder):  # type: ignore[misc, valid-type]
        async def on_message_created(self, message: Any) -> None:
            await super().on_message_created(message)
            await self.close()

    for handler in (read_sync(Stop())[0], read_async(AsyncStop())[0]):
        assert names(handler)[-2:] == ["on_message_created", "on_end"]  # no error: ended
        assert handler._stream.response.is_closed
        assert handler.current_run.status == "in_progress"
