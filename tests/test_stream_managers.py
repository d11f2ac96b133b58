"""The stream helpers (issue 10): ``chat.completions.stream(...)`` and ``responses.stream(...)``.

Chat: real recorded streams (tests/fixtures/recorded/*.sse) and a few hand-made ones
(tests/fixtures/stream_managers/synthetic_*.sse) are served through respx to a real
``Portkey``/``AsyncPortkey``; the managers are built on ``client.chat.completions.create(...,
stream=True)``, and every event is checked against what openai-python's
``ChatCompletionStreamState`` gives for the same bytes (expected_openai.json, made once by
tests/fixtures/stream_managers/make_expected.py with the official SDK).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence

import attrs
import httpx
import pytest
import respx

from portkey import AsyncPortkey, Portkey
from portkey._errors import APIConnectionError, APIError, InternalServerError, PortkeyError
from portkey._models import BaseModel
from portkey._stream_chat import (
    AsyncChatCompletionStreamManager,
    ChatCompletionStreamManager,
    ChatCompletionStreamState,
    ChunkEvent,
    ContentDeltaEvent,
)
from portkey._stream_managers import parse_partial_json
from portkey._stream_responses import AsyncResponseStreamManager, ResponseStreamManager
from portkey._streaming import AsyncStream, Stream
from portkey.types.chat import ChatCompletionChunk

BASE = "http://gw.test/v1"
MESSAGES = [{"role": "user", "content": "hi"}]
FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED: Dict[str, Any] = json.loads(
    (FIXTURES / "stream_managers" / "expected_openai.json").read_text()
)
MODES = ["sync", "async"]
try:  # the structured outputs module (parsed content and arguments), when in this build
    from portkey import _structured as STRUCTURED
except ImportError:  # pragma: no cover
    STRUCTURED = None  # type: ignore[assignment]


@dataclasses.dataclass
class Person:
    name: str
    age: int
    tags: List[str]


SSE_HEADERS = {"content-type": "text/event-stream; charset=utf-8"}


class Body(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body in the given reads, then optionally an exception; counts the reads
    and whether it was closed (the connection released)."""

    def __init__(self, pieces: Sequence[bytes], exc: Optional[Exception] = None) -> None:
        self.pieces = list(pieces)
        self.exc = exc
        self.sent = 0
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for piece in self.pieces:
            self.sent += 1
            yield piece
        if self.exc is not None:
            raise self.exc

    async def __aiter__(self) -> Any:
        for piece in self.pieces:
            self.sent += 1
            yield piece
        if self.exc is not None:
            raise self.exc

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def events_of(body: bytes) -> List[bytes]:
    """The body in reads of one event each."""
    return [part + b"\n\n" for part in body.split(b"\n\n") if part.strip()]


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def serve(router: respx.MockRouter, body: Body) -> None:
    router.post("/chat/completions").mock(
        side_effect=lambda request: httpx.Response(200, headers=SSE_HEADERS, stream=body)
    )


class Run:
    """One ``stream(...)`` through the managers: the events, our error, the stream, and
    what get_final_completion gave (``final=True``)."""

    def __init__(self) -> None:
        self.events: List[Any] = []
        self.error: Optional[PortkeyError] = None
        self.stream: Any = None
        self.final: Any = None


def run(
    mode: str,
    *,
    stop_after: Optional[int] = None,
    final: bool = False,
    **helper: Any,
) -> Run:
    """Read a chat stream through ``ChatCompletionStreamManager`` (or the async one), as the
    resource method builds it; leave the block after ``stop_after`` events."""
    out = Run()
    if mode == "sync":
        with Portkey(base_url=BASE, max_retries=0) as client:
            manager: ChatCompletionStreamManager[Any] = ChatCompletionStreamManager(
                lambda: client.chat.completions.create(messages=MESSAGES, model="m", stream=True),
                **helper,
            )
            try:
                with manager as stream:
                    out.stream = stream
                    for event in stream:
                        out.events.append(event)
                        if len(out.events) == stop_after:
                            break
                    if final:
                        out.final = stream.get_final_completion()
            except PortkeyError as exc:
                out.error = exc
        return out

    async def main() -> None:
        async with AsyncPortkey(base_url=BASE, max_retries=0) as client:
            manager: AsyncChatCompletionStreamManager[Any] = AsyncChatCompletionStreamManager(
                lambda: client.chat.completions.create(messages=MESSAGES, model="m", stream=True),
                **helper,
            )
            try:
                async with manager as stream:
                    out.stream = stream
                    async for event in stream:
                        out.events.append(event)
                        if len(out.events) == stop_after:
                            break
                    if final:
                        out.final = await stream.get_final_completion()
            except PortkeyError as exc:
                out.error = exc

    asyncio.run(main())
    return out


# Comparing with openai-python --------------------------------------------------------------

# Where our snapshot differs from openai-python's on purpose (module docstring of
# _stream_chat): a content or refusal of "" is none (None), as the non-streamed API answers; a
# repeated tool call id or name (the OpenRouter stream 12 sends both twice) is not doubled.
_DEDUPED = {"00": "0", "llm_versionllm_version": "llm_version"}


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return _DEDUPED.get(value, value)
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def summary(snapshot: Any) -> List[Dict[str, Any]]:
    """The snapshot as make_expected.py summarises openai-python's."""
    return [
        {
            "index": c.index,
            "finish_reason": c.finish_reason,
            "content": c.message.content,
            "refusal": c.message.refusal,
            "tool_calls": [
                [t.id, t.function.name, t.function.arguments] for t in c.message.tool_calls or []
            ],
        }
        for c in snapshot.choices
    ]


def comparable(event: Any) -> Dict[str, Any]:
    if isinstance(event, ChunkEvent):
        return {"type": "chunk", "snapshot": summary(event.snapshot)}
    return event.to_dict()


def expected_events(name: str) -> List[Dict[str, Any]]:
    out = []
    for event in _norm(EXPECTED[name]["events"]):
        if event["type"] == "chunk":
            for choice in event["snapshot"]:
                for key in ("content", "refusal"):
                    if choice[key] == "":
                        choice[key] = None
        out.append(event)
    return out


def recorded_body(name: str) -> bytes:
    return (FIXTURES / EXPECTED[name]["file"]).read_bytes()


def helper_args(name: str) -> Dict[str, Any]:
    tools = EXPECTED[name]["input_tools"]
    return {"input_tools": tools} if tools is not None else {}


CHAT_SCENARIOS = [n for n in EXPECTED if EXPECTED[n]["response_format"] is None]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", CHAT_SCENARIOS)
def test_chat_events_match_openai_python(mock: respx.MockRouter, name: str, mode: str) -> None:
    body = recorded_body(name)
    serve(mock, Body(events_of(body)))
    out = run(mode, final=True, **helper_args(name))
    assert out.error is None
    assert [comparable(e) for e in out.events] == expected_events(name)
    # Each chunk event carries the chunk as read, in order (the Azure-filter items aside).
    lines = [json.loads(x[6:]) for x in body.decode().splitlines() if x.startswith("data: {")]
    chunks = [e.chunk for e in out.events if e.type == "chunk"]
    assert [_drop_none(c.to_dict()) for c in chunks] == [_drop_none(line) for line in lines]


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", CHAT_SCENARIOS)
def test_chat_final_completion_is_the_stream_accumulation(
    mock: respx.MockRouter, name: str, mode: str
) -> None:
    """get_final_completion() equals what Stream.get_final_completion() (the non-helper
    accumulation) gives for the same bytes, and agrees with openai-python's final message."""
    serve(mock, Body(events_of(recorded_body(name))))
    out = run(mode, final=True, **helper_args(name))
    with Portkey(base_url=BASE, max_retries=0) as client:
        plain = client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
        expected = plain.get_final_completion()
    if STRUCTURED is not None:  # parsed as openai-python's: always a ParsedChatCompletion
        tools = EXPECTED[name]["input_tools"]
        expected = STRUCTURED.parse_chat_completion(expected, tools=tools)
    assert out.final.to_dict() == expected.to_dict()

    theirs = _norm(EXPECTED[name]["final"])
    assert out.final.id == theirs["id"] and out.final.model == theirs["model"]
    assert len(out.final.choices) == len(theirs["choices"])
    for ours, their in zip(out.final.choices, theirs["choices"]):
        message = their["message"]
        assert ours.finish_reason == their["finish_reason"]
        assert ours.message.content == (message["content"] or None)
        assert ours.message.refusal == message["refusal"]
        assert [
            (t.id, t.function.name, t.function.arguments) for t in ours.message.tool_calls or []
        ] == [
            (t["id"], t["function"]["name"], t["function"]["arguments"])
            for t in message["tool_calls"] or []
        ]
        if STRUCTURED is not None:
            assert [t.function.parsed_arguments for t in ours.message.tool_calls or []] == [
                t["function"]["parsed_arguments"] for t in message["tool_calls"] or []
            ]
        ours_lp = ours.logprobs.to_dict() if ours.logprobs else None
        assert ours_lp == their["logprobs"]
    if theirs["usage"] is not None:  # theirs keeps only the last chunk's (08: null after it)
        assert out.final.usage.to_dict() == theirs["usage"]


@pytest.mark.parametrize("mode", MODES)
def test_json_content_partial_parse_matches_openai_python(
    mock: respx.MockRouter, mode: str
) -> None:
    """With a class as response_format, content.delta's ``parsed`` is the JSON so far, as
    openai-python's (jiter partial mode) gives it."""
    name = "synthetic_json_content"
    serve(mock, Body(events_of(recorded_body(name))))

    out = run(mode, response_format=Person, final=True)
    assert out.error is None
    deltas = [e.to_dict() for e in out.events if e.type == "content.delta"]
    assert deltas == [e for e in expected_events(name) if e["type"] == "content.delta"]
    assert [e.type for e in out.events] == [e["type"] for e in expected_events(name)]
    (done,) = [e for e in out.events if e.type == "content.done"]
    if STRUCTURED is None:
        assert done.parsed is None  # nothing to parse with
        return
    # content.done and the final message carry the class, as openai-python's pydantic model.
    (theirs,) = [e for e in expected_events(name) if e["type"] == "content.done"]
    assert done.parsed == Person(**theirs["parsed"])
    assert out.final.choices[0].message.parsed == done.parsed


# Leaving early, errors ----------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_leaving_the_block_early_closes_the_stream(mock: respx.MockRouter, mode: str) -> None:
    body = Body(events_of(recorded_body("13_parallel_toolcalls")))
    serve(mock, body)
    out = run(mode, stop_after=3)
    assert out.error is None and len(out.events) == 3
    assert out.stream.response.is_closed and body.closed
    assert body.sent < len(body.pieces)  # not read to the end: closed, not drained
    with pytest.raises(APIConnectionError, match="before it completed"):
        out.stream._final()


@pytest.mark.parametrize("mode", MODES)
def test_get_final_completion_after_an_early_close_is_our_error(
    mock: respx.MockRouter, mode: str
) -> None:
    serve(mock, Body(events_of(recorded_body("02_text"))))
    if mode == "sync":
        with Portkey(base_url=BASE, max_retries=0) as client:
            manager: Any = ChatCompletionStreamManager(
                lambda: client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
            )
            with manager as stream:
                next(iter(stream))
                stream.close()
                with pytest.raises(APIConnectionError):
                    stream.get_final_completion()
        return

    async def main() -> None:
        async with AsyncPortkey(base_url=BASE, max_retries=0) as client:
            manager: Any = AsyncChatCompletionStreamManager(
                client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
            )  # openai-python's form: the awaitable itself
            async with manager as stream:
                await stream.__anext__()
                await stream.close()
                with pytest.raises(APIConnectionError):
                    await stream.get_final_completion()

    asyncio.run(main())


def _error_event() -> bytes:
    error = {"error": {"message": "upstream fell over", "type": "server_error", "code": 500}}
    return f"data: {json.dumps(error)}\n\n".encode()


@pytest.mark.parametrize("mode", MODES)
def test_an_error_event_mid_stream_is_raised_as_ours(mock: respx.MockRouter, mode: str) -> None:
    pieces = events_of(recorded_body("02_text"))[:3] + [_error_event()]
    body = Body(pieces)
    serve(mock, body)
    out = run(mode)
    assert isinstance(out.error, InternalServerError)
    assert "upstream fell over" in str(out.error)
    # The events of the chunks before the error came first.
    assert [e.type for e in out.events] == ["chunk", "content.delta"] * 3
    assert out.stream.response.is_closed


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "exc", [httpx.ReadError("connection reset by peer"), None], ids=["reset", "cut"]
)
def test_a_broken_stream_is_our_connection_error(
    mock: respx.MockRouter, mode: str, exc: Optional[Exception]
) -> None:
    """A connection reset, or a body that ends before a finish reason: APIConnectionError,
    never an httpx exception, after the events of what came."""
    pieces = events_of(recorded_body("13_parallel_toolcalls"))[:4]
    serve(mock, Body(pieces, exc))
    out = run(mode)
    assert type(out.error) is APIConnectionError
    assert len([e for e in out.events if e.type == "chunk"]) == 4
    assert out.stream.response.is_closed


@pytest.mark.parametrize("mode", MODES)
def test_until_done_and_snapshot(mock: respx.MockRouter, mode: str) -> None:
    serve(mock, Body(events_of(recorded_body("02_text"))))
    expected = EXPECTED["02_text"]["final"]["choices"][0]["message"]["content"]
    if mode == "sync":
        with Portkey(base_url=BASE, max_retries=0) as client:
            manager: Any = ChatCompletionStreamManager(
                lambda: client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
            )
            with manager as stream:
                first = [next(stream) for _ in range(4)]
                assert (
                    first[-1].snapshot
                    == stream.current_completion_snapshot.choices[0].message.content
                )
                assert stream.until_done() is stream
                snapshot = stream.current_completion_snapshot
                assert list(stream) == []
    else:

        async def main() -> Any:
            async with AsyncPortkey(base_url=BASE, max_retries=0) as client:
                manager: Any = AsyncChatCompletionStreamManager(
                    lambda: client.chat.completions.create(
                        messages=MESSAGES, model="m", stream=True
                    )
                )
                async with manager as stream:
                    assert await stream.until_done() is stream
                    return stream.current_completion_snapshot

        snapshot = asyncio.run(main())
    assert snapshot.choices[0].message.content == expected
    assert snapshot.choices[0].finish_reason == "stop"


def test_items_that_are_not_chunks_are_skipped() -> None:
    """Azure's asynchronous content filter puts items with ``"object": ""`` into a chat
    stream; as openai-python, the helper gives no events for them."""
    from portkey._convert import structure

    filter_item = structure(
        {"id": "", "object": "", "created": 0, "model": "", "choices": []}, ChatCompletionChunk
    )
    from portkey._stream_chat import _is_chunk

    assert not _is_chunk(filter_item)
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    line = recorded_body("02_text").decode().splitlines()[0]
    chunk = structure(json.loads(line[6:]), ChatCompletionChunk)
    assert _is_chunk(chunk)
    assert [e.type for e in state.handle_chunk(chunk)] == ["chunk", "content.delta"]


def test_the_manager_type_checks_its_request_function() -> None:
    """The sync manager takes a function returning our Stream (not called until entered)."""
    calls: List[int] = []

    def request() -> Stream[ChatCompletionChunk]:
        calls.append(1)
        raise APIError("refused", httpx.Request("POST", BASE), body=None)

    manager: ChatCompletionStreamManager[Any] = ChatCompletionStreamManager(request)
    assert calls == []
    with pytest.raises(APIError, match="refused"):
        with manager:
            pass
    assert calls == [1]


# Partial JSON: the same values as jiter's partial mode (openai-python's) for every prefix.

JSON_DOCS = [
    '{"name": "Alice", "age": 30, "tags": ["a", "b"], "ok": true, "none": null}',
    '{"a": {"b": [1, 2.5, -3e2, {"c": "d\\"e\\u00e9"}]}, "f": false, "g": [[], {}]}',
    '[1, "two", [3, {"four": 4}], -0.5, true]',
    '{"q": "x y", "n": 0, "big": 12345678901234567890}',
]


@pytest.mark.parametrize("doc", JSON_DOCS)
def test_partial_json_agrees_with_jiter_on_every_prefix(doc: str) -> None:
    jiter = pytest.importorskip("jiter")
    for end in range(1, len(doc) + 1):
        prefix = doc[:end]
        try:
            theirs = jiter.from_json(prefix.encode(), partial_mode=True)
        except ValueError:
            theirs = None
        assert parse_partial_json(prefix) == theirs, prefix


def test_partial_json_of_text_that_is_not_json_is_none() -> None:
    assert parse_partial_json('{"a": 1} tail') is None
    assert parse_partial_json("{'a': 1}") is None
    assert parse_partial_json('{"a" 1}') is None
    assert parse_partial_json("") is None
    assert isinstance(ContentDeltaEvent(delta="", snapshot="").to_dict(), dict)


# Responses ----------------------------------------------------------------------------------
#
# The Responses event streams (tests/fixtures/stream_managers/responses_*.sse: the spec's
# example stream filled in, and a JSON answer with a function call) are served through respx
# and read by our Stream/AsyncStream, as ``responses.create(stream=True)`` does; every event
# is checked against openai-python's ResponseStreamState for the same events
# (expected_openai_responses.json, made by make_responses.py with the official SDK).

EXPECTED_RESPONSES: Dict[str, Any] = json.loads(
    (FIXTURES / "stream_managers" / "expected_openai_responses.json").read_text()
)
# The four events the helper gives richer; the others are given as read.
ENRICHED = (
    "response.output_text.delta",
    "response.output_text.done",
    "response.function_call_arguments.delta",
    "response.completed",
)


@dataclasses.dataclass
class Named:
    """make_responses.py's text_format (a pydantic model there)."""

    name: str
    age: int


@attrs.define(eq=False)
class AnyEvent(BaseModel):
    """A Responses event as a generic item (its other fields reachable as attributes)."""

    type: Optional[str] = None
    sequence_number: Optional[int] = None


def serve_responses(router: respx.MockRouter, body: Body) -> None:
    router.post("/responses").mock(
        side_effect=lambda request: httpx.Response(200, headers=SSE_HEADERS, stream=body)
    )


def run_responses(
    mode: str, body: bytes, *, stop_after: Optional[int] = None, **helper: Any
) -> Run:
    """Read a Responses stream through ResponseStreamManager (or the async one), the manager
    built on a function opening our Stream over the HTTP response; then get_final_response."""
    out = Run()
    with respx.mock(base_url=BASE) as router:
        raw = Body(events_of(body))
        serve_responses(router, raw)
        if mode == "sync":
            with httpx.Client(base_url=BASE) as http:

                def request() -> Stream[AnyEvent]:
                    response = http.send(http.build_request("POST", "/responses"), stream=True)
                    return Stream(AnyEvent, response)

                try:
                    with ResponseStreamManager(request, **helper) as stream:
                        out.stream = stream
                        for event in stream:
                            out.events.append(event)
                            if len(out.events) == stop_after:
                                break
                        if stop_after is None:
                            out.final = stream.get_final_response()
                    if stop_after is not None:  # after leaving the block early
                        out.final = out.stream.get_final_response()
                except PortkeyError as exc:
                    out.error = exc
            return out

        async def main() -> None:
            async with httpx.AsyncClient(base_url=BASE) as http:

                async def request() -> AsyncStream[AnyEvent]:
                    build = http.build_request("POST", "/responses")
                    return AsyncStream(AnyEvent, await http.send(build, stream=True))

                try:
                    async with AsyncResponseStreamManager(request, **helper) as stream:
                        out.stream = stream
                        async for event in stream:
                            out.events.append(event)
                            if len(out.events) == stop_after:
                                break
                        if stop_after is None:
                            out.final = await stream.get_final_response()
                    if stop_after is not None:  # after leaving the block early
                        out.final = await out.stream.get_final_response()
                except PortkeyError as exc:
                    out.error = exc

        asyncio.run(main())
    return out


def responses_body(name: str) -> bytes:
    return (FIXTURES / EXPECTED_RESPONSES[name]["file"]).read_bytes()


def _get(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, dict) else getattr(value, name)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(EXPECTED_RESPONSES))
def test_responses_events_match_openai_python(name: str, mode: str) -> None:
    tools = EXPECTED_RESPONSES[name]["input_tools"]
    text_format = Named if EXPECTED_RESPONSES[name]["text_format"] else None
    out = run_responses(mode, responses_body(name), input_tools=tools, text_format=text_format)
    assert out.error is None
    theirs = EXPECTED_RESPONSES[name]["events"]
    assert [e.type for e in out.events] == [e["type"] for e in theirs]
    assert [e.sequence_number for e in out.events] == [e["sequence_number"] for e in theirs]
    for ours, their in zip(out.events, theirs):
        if their["type"] not in ENRICHED:
            assert type(ours) is AnyEvent  # given as read
            continue
        mine = ours.to_dict()
        for key, value in their.items():
            if key in ("parsed", "response"):
                continue  # below, and the structured tests
            assert mine[key] == value, (their["type"], key)
    for ours, their in zip(out.events, theirs):
        if their["type"] == "response.output_text.done":  # parsed into the class, if given
            expected = their["parsed"] and STRUCTURED and Named(**their["parsed"])
            assert ours.parsed == (expected or None)
    completed = their = theirs[-1]["response"]
    assert out.events[-1].response is out.final
    assert _get(out.final, "id") == completed["id"]
    assert _get(out.final, "status") == "completed"
    assert len(_get(out.final, "output")) == len(their["output"])


@pytest.mark.parametrize("mode", MODES)
def test_responses_starting_after_skips_the_events_up_to_it(mode: str) -> None:
    """Resuming (openai-python's ``starting_after``): the events up to that number are read,
    so the snapshots are whole, but not given."""
    body = responses_body("responses_spec_text")
    out = run_responses(mode, body, starting_after=4)
    assert out.error is None
    assert [e.sequence_number for e in out.events] == list(range(5, 11))
    first = out.events[0]
    assert first.type == "response.output_text.delta"
    assert first.delta == " there! How can I" and first.snapshot == "Hi there! How can I"


@pytest.mark.parametrize("mode", MODES)
def test_responses_stream_that_does_not_start_with_created(mode: str) -> None:
    """A resumed stream begins mid-way: the snapshots start from the first delta seen
    (openai-python raises RuntimeError here)."""
    lines = responses_body("responses_spec_text").split(b"\n\n")
    out = run_responses(mode, b"\n\n".join(lines[4:]))
    assert out.error is None
    deltas = [e for e in out.events if e.type == "response.output_text.delta"]
    assert [d.snapshot for d in deltas] == [
        "Hi",
        "Hi there! How can I",
        "Hi there! How can I assist you today?",
    ]


@pytest.mark.parametrize("mode", MODES)
def test_responses_incomplete_has_no_final_response(mode: str) -> None:
    body = (
        responses_body("responses_spec_text")
        .replace(
            b'"type":"response.completed","response":{',
            b'"type":"response.incomplete","response":{',
        )
        .replace(b"event: response.completed", b"event: response.incomplete")
    )
    out = run_responses(mode, body)
    assert type(out.error) is APIError
    assert "without a response.completed event" in str(out.error)
    assert out.events[-1].type == "response.incomplete"


@pytest.mark.parametrize("mode", MODES)
def test_responses_error_event_and_early_exit(mode: str) -> None:
    lines = responses_body("responses_spec_text").split(b"\n\n")
    error = {"type": "error", "code": "server_error", "message": "boom", "sequence_number": 5}
    body = b"\n\n".join(lines[:5]) + b"\n\nevent: error\ndata: " + json.dumps(error).encode()
    out = run_responses(mode, body + b"\n\n")
    assert isinstance(out.error, APIError) and "boom" in str(out.error)
    assert [e.sequence_number for e in out.events] == [0, 1, 2, 3, 4]
    assert out.stream.response.is_closed

    early = run_responses(mode, responses_body("responses_spec_text"), stop_after=2)
    assert type(early.error) is APIConnectionError  # no final response: it was left early
    assert early.stream.response.is_closed and len(early.events) == 2
