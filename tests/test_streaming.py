"""Streams (issue 3): ``Stream`` / ``AsyncStream`` from ``create(stream=True)``.

Everything is checked sync and async: through respx (byte pieces under our control, errors
raised mid-body), and against a real local HTTP server for what the connection pool does.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

import anyio
import attrs
import httpx
import pytest
import respx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portkey import AsyncPortkey, Portkey
from portkey._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    PortkeyError,
    RateLimitError,
)
from portkey._models import BaseModel
from portkey._streaming import AsyncStream, Stream
from portkey.types.chat import ChatCompletion, ChatCompletionChunk

BASE = "http://gw.test/v1"
MESSAGES = [{"role": "user", "content": "hi"}]
RECORDED = Path(__file__).parent / "fixtures" / "recorded"
FIXTURES = sorted(p.name for p in RECORDED.glob("*.sse"))
MODES = ["sync", "async"]
SSE_HEADERS = {"content-type": "text/event-stream; charset=utf-8"}


# Bodies ----------------------------------------------------------------------------------


def chunk(
    content: Optional[str] = None,
    *,
    finish_reason: Optional[str] = None,
    index: int = 0,
    **delta: Any,
) -> Dict[str, Any]:
    if content is not None:
        delta["content"] = content
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "gpt-test",
        "choices": [
            {"index": index, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
        ],
    }


def event(data: Any, name: Optional[str] = None) -> bytes:
    text = data if isinstance(data, str) else json.dumps(data)
    head = f"event: {name}\n" if name else ""
    return f"{head}data: {text}\n\n".encode()


DONE = b"data: [DONE]\n\n"
HELLO = [chunk("Hel", role="assistant"), chunk("lo"), chunk(finish_reason="stop")]


def sse(*chunks: Any, done: bool = True) -> bytes:
    return b"".join(event(c) for c in chunks) + (DONE if done else b"")


def split(body: bytes, size: Optional[int]) -> List[bytes]:
    if size is None:
        return [body]
    return [body[i : i + size] for i in range(0, len(body), size)]


class Body(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body delivered in the given reads, then optionally an exception."""

    def __init__(self, pieces: Sequence[bytes], exc: Optional[Exception] = None) -> None:
        self.pieces = list(pieces)
        self.exc = exc
        self.sent = 0

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


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def answer(
    router: respx.MockRouter,
    body: Any,
    *,
    size: Optional[int] = None,
    exc: Optional[Exception] = None,
    status: int = 200,
    headers: Optional[Dict[str, str]] = None,
) -> Body:
    """Make the chat route answer with ``body`` (bytes, split in reads of ``size``)."""
    stream = body if isinstance(body, Body) else Body(split(body, size), exc)
    all_headers = {**SSE_HEADERS, **(headers or {})}
    router.post("/chat/completions").mock(
        side_effect=lambda request: httpx.Response(status, headers=all_headers, stream=stream)
    )
    return stream


class Outcome:
    """What one stream request gave: the items (chunks, texts or the final completion), the
    error raised (ours only: anything else fails the test), and the stream."""

    def __init__(self) -> None:
        self.items: List[Any] = []
        self.error: Optional[PortkeyError] = None
        self.stream: Any = None

    @property
    def dumps(self) -> List[Dict[str, Any]]:
        return [item.to_dict() for item in self.items]


def run(mode: str, how: str = "iter", *, stop_after: Optional[int] = None) -> Outcome:
    """One ``create(stream=True)`` through the client, consumed ``how``: ``iter`` (with
    ``stop_after`` items then ``close()``), ``with`` (break inside ``with``), ``final``
    (``get_final_completion()``) or ``text`` (``text_deltas()``)."""
    out = Outcome()
    if mode == "sync":
        with Portkey(base_url=BASE, max_retries=0) as client:
            stream = client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
            out.stream = stream
            try:
                if how == "final":
                    out.items.append(stream.get_final_completion())
                elif how == "text":
                    for text in stream.text_deltas():
                        out.items.append(text)
                elif how == "with":
                    with stream:
                        for item in stream:
                            out.items.append(item)
                            if len(out.items) == stop_after:
                                break
                else:
                    for item in stream:
                        out.items.append(item)
                        if len(out.items) == stop_after:
                            stream.close()
            except PortkeyError as exc:
                out.error = exc
        return out

    async def main() -> None:
        async with AsyncPortkey(base_url=BASE, max_retries=0) as client:
            stream = await client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
            out.stream = stream
            try:
                if how == "final":
                    out.items.append(await stream.get_final_completion())
                elif how == "text":
                    async for text in stream.text_deltas():
                        out.items.append(text)
                elif how == "with":
                    async with stream:
                        async for item in stream:
                            out.items.append(item)
                            if len(out.items) == stop_after:
                                break
                else:
                    async for item in stream:
                        out.items.append(item)
                        if len(out.items) == stop_after:
                            await stream.close()
            except PortkeyError as exc:
                out.error = exc

    anyio.run(main)
    return out


def sample(number: str) -> str:
    """The recorded sample whose name starts with ``number`` (see its .meta.json)."""
    (name,) = [name for name in FIXTURES if name.startswith(number + "_")]
    return name


def recorded(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


def recorded_events(name: str) -> List[Dict[str, Any]]:
    """The JSON of a recorded stream's events, parsed independently of the SDK (the samples
    are plain ``data: {...}`` + blank line events)."""
    out = []
    for block in recorded(name).decode().split("\n\n"):
        if not block:
            continue
        assert block.startswith("data: ") and "\n" not in block
        if block != "data: [DONE]":
            out.append(json.loads(block[6:]))
    return out


def assert_kept(raw: Any, dumped: Any, where: str = "") -> None:
    """Every value of ``raw`` is in ``dumped``; what ``dumped`` adds is only null defaults."""
    if isinstance(raw, dict):
        assert isinstance(dumped, dict), where
        for key, value in raw.items():
            assert key in dumped, f"{where}.{key} lost"
            assert_kept(value, dumped[key], f"{where}.{key}")
        for key in dumped.keys() - raw.keys():
            assert dumped[key] in (None, [], "chat.completion.chunk", 0), f"{where}.{key} added"
    elif isinstance(raw, list):
        assert isinstance(dumped, list) and len(dumped) == len(raw), where
        for i, (a, b) in enumerate(zip(raw, dumped)):
            assert_kept(a, b, f"{where}[{i}]")
    else:
        assert raw == dumped and type(raw) is type(dumped), where


# Typed overloads --------------------------------------------------------------------------


def _mypy(path: Path, tmp_path: Path) -> Tuple[int, str]:
    from mypy import api

    stdout, stderr, status = api.run(
        [str(path), "--strict", "--cache-dir", str(tmp_path / "mypy-cache")]
    )
    return status, stdout + stderr


def test_create_overloads_are_typed(tmp_path: Path) -> None:
    """tests/typing_check.py: ``stream=True`` is ``Stream[ChatCompletionChunk]`` (async:
    ``AsyncStream``), without ``stream`` it is ``ChatCompletion``; and mypy does notice a
    wrong ``assert_type`` (so the check is not vacuous)."""
    check = Path(__file__).parent / "typing_check.py"
    status, output = _mypy(check, tmp_path)
    assert status == 0, output

    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        check.read_text()
        .replace("assert_type(stream, Stream[ChatCompletionChunk])", "assert_type(stream, int)")
        .replace(
            "assert_type(stream, AsyncStream[ChatCompletionChunk])", "assert_type(stream, str)"
        )
    )
    status, output = _mypy(wrong, tmp_path)
    assert status == 1
    assert 'Expression is of type "Stream[ChatCompletionChunk]", not "int"' in output
    assert 'Expression is of type "AsyncStream[ChatCompletionChunk]", not "str"' in output


# Iteration, context manager, close, response, headers ------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_iterates_typed_chunks(mock: respx.MockRouter, mode: str) -> None:
    answer(mock, sse(*HELLO))
    out = run(mode)
    assert out.error is None
    assert all(type(item) is ChatCompletionChunk for item in out.items)
    assert [c.choices[0].delta.content for c in out.items] == ["Hel", "lo", None]
    assert out.items[0].choices[0].delta.role == "assistant"
    assert out.items[2].choices[0].finish_reason == "stop"
    assert isinstance(out.stream, Stream if mode == "sync" else AsyncStream)
    assert out.stream.response.is_closed


@pytest.mark.parametrize("mode", MODES)
def test_response_and_headers(mock: respx.MockRouter, mode: str) -> None:
    answer(
        mock,
        sse(*HELLO),
        headers={
            "x-portkey-trace-id": "trace-1",
            "x-portkey-retry-attempt-count": "0",
            "X-Portkey-Cache-Status": "MISS",
            "x-request-id": "req-1",
        },
    )
    out = run(mode)
    expected = {"trace-id": "trace-1", "retry-attempt-count": "0", "cache-status": "MISS"}
    stream = out.stream
    assert stream.get_headers() == expected
    assert isinstance(stream.response, httpx.Response)
    assert stream.response.status_code == stream.status_code == 200
    assert stream.headers["x-request-id"] == "req-1"
    assert stream.response.request.url == BASE + "/chat/completions"
    assert all(c.get_headers() == expected for c in out.items)
    answer(mock, sse(*HELLO), headers={"x-portkey-trace-id": "trace-2"})
    final = run(mode, "final").items[0]
    assert final.get_headers() == {"trace-id": "trace-2"}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("how", ["iter", "with"])
def test_leaving_early_closes_the_response(mock: respx.MockRouter, mode: str, how: str) -> None:
    body = answer(mock, sse(*[chunk(str(i)) for i in range(50)]), size=100)
    out = run(mode, how, stop_after=2)
    assert out.error is None and len(out.items) == 2
    assert out.stream.response.is_closed
    assert body.sent < len(body.pieces)


def test_close_ends_iteration_sync(mock: respx.MockRouter) -> None:
    answer(mock, sse(*HELLO), size=1)
    with Portkey(base_url=BASE) as client:
        stream = client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
        assert next(stream).choices[0].delta.content == "Hel"
        stream.close()
        stream.close()  # idempotent
        assert list(stream) == []
        assert stream.response.is_closed
        with pytest.raises(APIConnectionError, match="before it completed"):
            stream.get_final_completion()

        unread = client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
        unread.close()  # before any read
        assert unread.response.is_closed and list(unread) == []


@pytest.mark.anyio
async def test_close_ends_iteration_async(mock: respx.MockRouter) -> None:
    answer(mock, sse(*HELLO), size=1)
    async with AsyncPortkey(base_url=BASE) as client:
        stream = await client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
        assert (await stream.__anext__()).choices[0].delta.content == "Hel"
        await stream.close()
        await stream.close()
        assert [c async for c in stream] == []
        assert stream.response.is_closed
        with pytest.raises(APIConnectionError, match="before it completed"):
            await stream.get_final_completion()

        unread = await client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
        await unread.close()
        assert unread.response.is_closed and [c async for c in unread] == []


@pytest.mark.parametrize("mode", MODES)
def test_a_stream_is_iterated_once(mock: respx.MockRouter, mode: str) -> None:
    answer(mock, sse(*HELLO))
    out = run(mode)
    assert len(out.items) == 3
    if mode == "sync":
        assert list(out.stream) == []
    else:

        async def again() -> List[Any]:
            return [c async for c in out.stream]

        assert anyio.run(again) == []


# [DONE] and draining ---------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_done_ends_the_stream_and_the_body_is_read_to_the_end(
    mock: respx.MockRouter, mode: str
) -> None:
    after = event(chunk("ignored")) + b": comment\n\n"
    body = answer(mock, Body([event(HELLO[0]) + event(chunk("x")), DONE + after, after, after]))
    out = run(mode)
    assert out.error is None
    assert [c.choices[0].delta.content for c in out.items] == ["Hel", "x"]
    assert body.sent == 4  # drained: the connection can go back to the pool


@pytest.mark.parametrize("mode", MODES)
def test_drain_is_bounded(mock: respx.MockRouter, mode: str) -> None:
    body = answer(mock, Body([sse(*HELLO)] + [b": " + b"x" * 4094 + b"\n"] * 100))
    out = run(mode)
    assert out.error is None and len(out.items) == 3
    assert 16 < body.sent < 30  # stops after 64 KiB, does not read a never-ending body


@pytest.mark.parametrize("mode", MODES)
def test_a_failure_after_done_is_not_an_error(mock: respx.MockRouter, mode: str) -> None:
    answer(mock, Body([sse(*HELLO), b": x\n"], httpx.RemoteProtocolError("peer closed")))
    out = run(mode, "final")
    assert out.error is None
    assert out.items[0].choices[0].message.content == "Hello"


# Cut-off streams -------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [None, 1, 7])
def test_ending_without_done_or_finish_reason_is_an_error(
    mock: respx.MockRouter, mode: str, size: Optional[int]
) -> None:
    answer(mock, sse(*HELLO[:2], done=False), size=size)
    out = run(mode)
    assert type(out.error) is APIConnectionError
    assert "before it completed" in str(out.error)
    assert len(out.items) == 2  # what arrived was delivered first
    assert out.stream.response.is_closed


@pytest.mark.parametrize("mode", MODES)
def test_empty_body_is_an_error(mock: respx.MockRouter, mode: str) -> None:
    answer(mock, b"")
    assert type(run(mode).error) is APIConnectionError


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [None, 1])
def test_finish_reason_without_done_is_fine(
    mock: respx.MockRouter, mode: str, size: Optional[int]
) -> None:
    answer(mock, sse(*HELLO, done=False), size=size)
    out = run(mode)
    assert out.error is None and len(out.items) == 3
    answer(mock, sse(*HELLO, done=False), size=size)
    final = run(mode, "final")
    assert final.error is None
    assert final.items[0].choices[0].message.content == "Hello"
    assert final.items[0].choices[0].finish_reason == "stop"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "tail",
    [
        b'data: {"id": "chatcmpl-1", "choices": [], "usage": {"total_tok',  # partial line
        b'data: {"choices": [], "usage": null}\n',  # whole line, no blank line after it
        b"data: {}\ndata: {}",
    ],
)
def test_a_truncated_trailing_event_is_an_error(
    mock: respx.MockRouter, mode: str, tail: bytes
) -> None:
    """Even after a finish_reason: the usage chunk (or whatever came last) was cut off."""
    answer(mock, sse(*HELLO, done=False) + tail)
    out = run(mode)
    assert type(out.error) is APIConnectionError
    assert "middle of an event" in str(out.error)
    assert len(out.items) == 3


@pytest.mark.parametrize("mode", MODES)
def test_junk_after_done_is_ignored(mock: respx.MockRouter, mode: str) -> None:
    answer(mock, sse(*HELLO[:2]) + b"data: {not json")
    out = run(mode)
    assert out.error is None and len(out.items) == 2


# Errors ----------------------------------------------------------------------------------


ERROR_CASES = [
    # (events before [DONE], expected class, text in the message, status_code)
    (
        event({"error": {"message": "Rate limit reached", "code": 429}}, "error"),
        RateLimitError,
        "Rate limit reached",
        429,
    ),
    (
        event({"error": {"message": "upstream overloaded", "type": "server_error"}}),
        APIError,
        "upstream overloaded",
        None,
    ),
    (
        event({"error": {"message": "provider down", "status": 503}}),
        InternalServerError,
        "provider down",
        503,
    ),
    (
        event({"error": {"message": "slow down", "code": "429", "type": "requests"}}),
        RateLimitError,
        "slow down",
        429,
    ),
    (event({"error": "bad thing", "status": 400}), BadRequestError, "bad thing", 400),
    (event("the upstream went away", "error"), APIError, "the upstream went away", None),
    (event({"message": "no error key"}, "error"), APIError, "no error key", None),
    (
        event({"error": {"message": "overloaded", "type": "overloaded_error"}}, "error"),
        APIError,
        "overloaded",
        None,
    ),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [None, 1])
@pytest.mark.parametrize(("error_event", "cls", "text", "status"), ERROR_CASES)
def test_error_events_raise_typed_errors(
    mock: respx.MockRouter,
    mode: str,
    size: Optional[int],
    error_event: bytes,
    cls: type,
    text: str,
    status: Optional[int],
) -> None:
    answer(mock, sse(*HELLO[:2], done=False) + error_event + sse(chunk("after")), size=size)
    out = run(mode)
    assert type(out.error) is cls
    assert text in str(out.error) and text in out.error.message
    if status is not None:
        assert isinstance(out.error, APIStatusError) and out.error.status_code == status
    # The chunks before the error were delivered, whatever the reads; none after it.
    assert [c.choices[0].delta.content for c in out.items] == ["Hel", "lo"]
    assert out.stream.response.is_closed


@pytest.mark.parametrize("mode", MODES)
def test_error_event_keeps_type_code_and_body(mock: respx.MockRouter, mode: str) -> None:
    payload = {"error": {"message": "m", "type": "server_error", "code": "overloaded"}}
    answer(mock, sse(HELLO[0], done=False) + event(payload))
    error = run(mode).error
    assert isinstance(error, APIError)
    assert (error.type, error.code, error.body) == ("server_error", "overloaded", payload)


@pytest.mark.parametrize("mode", MODES)
def test_error_event_with_status_in_a_gzip_stream(mock: respx.MockRouter, mode: str) -> None:
    """The status error is rebuilt from the event, not from the (compressed) body."""
    raw = sse(HELLO[0], done=False) + event({"error": {"message": "slow", "code": 429}})
    answer(mock, gzip.compress(raw), headers={"content-encoding": "gzip"})
    out = run(mode)
    assert type(out.error) is RateLimitError and "slow" in str(out.error)
    assert len(out.items) == 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [None, 3])
def test_data_that_is_not_json_is_a_validation_error(
    mock: respx.MockRouter, mode: str, size: Optional[int]
) -> None:
    answer(mock, sse(HELLO[0], done=False) + b"data: {'single': quotes}\n\n" + DONE, size=size)
    out = run(mode)
    assert type(out.error) is APIResponseValidationError
    assert out.error.body == "{'single': quotes}"
    assert "{'single': quotes}" in str(out.error)
    assert out.error.status_code == 200
    assert len(out.items) == 1


@pytest.mark.parametrize("mode", MODES)
def test_data_nested_too_deeply_is_a_validation_error(mock: respx.MockRouter, mode: str) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    answer(mock, sse(HELLO[0], done=False) + event(deep) + DONE)
    out = run(mode)
    assert type(out.error) is APIResponseValidationError


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("payload", ['{"choices": 5}', '{"choices": [7]}', "[1, 2]", "42"])
def test_json_of_the_wrong_shape_is_a_validation_error(
    mock: respx.MockRouter, mode: str, payload: str
) -> None:
    answer(mock, sse(HELLO[0], done=False) + event(payload) + DONE)
    out = run(mode)
    assert type(out.error) is APIResponseValidationError
    assert len(out.items) == 1


@pytest.mark.parametrize("mode", MODES)
def test_keepalives_pings_and_comments_are_skipped(mock: respx.MockRouter, mode: str) -> None:
    body = (
        b": keep-alive\n\n"
        + event(HELLO[0])
        + b"data:\n\n"  # an empty data line
        + b"event: ping\ndata: ping\n\n"  # not JSON, but not an item either
        + b'event: ping\ndata: {"type": "ping"}\n\n'
        + b"event: heartbeat\ndata: 1\n\n"
        + b"retry: 1000\nid: 7\n\n"
        + sse(*HELLO[1:])
    )
    answer(mock, body, size=5)
    out = run(mode)
    assert out.error is None
    assert [c.choices[0].delta.content for c in out.items] == ["Hel", "lo", None]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("exc", "cls"),
    [
        (httpx.ReadTimeout("read timed out"), APITimeoutError),
        (httpx.RemoteProtocolError("peer closed connection without sending"), APIConnectionError),
        (httpx.ReadError("connection reset by peer"), APIConnectionError),
        (httpx.DecodingError("bad gzip"), APIResponseValidationError),  # the server's fault
    ],
)
def test_transport_errors_while_iterating(
    mock: respx.MockRouter, mode: str, exc: Exception, cls: type
) -> None:
    answer(mock, sse(*HELLO[:2], done=False), exc=exc)
    out = run(mode)
    assert type(out.error) is cls
    assert str(exc) in str(out.error) or cls is APITimeoutError
    assert out.error.request is not None
    assert len(out.items) == 2
    assert out.stream.response.is_closed


@pytest.mark.parametrize("mode", MODES)
def test_a_real_read_timeout_while_iterating(mode: str) -> None:
    """A server that stops sending: the read timeout fires during iteration."""
    with LocalServer() as server:
        url = server.base("stall")
        if mode == "sync":
            with Portkey(base_url=url, timeout=0.3, max_retries=0) as client:
                stream = client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
                items = []
                with pytest.raises(APITimeoutError):
                    for c in stream:
                        items.append(c)
        else:

            async def main() -> List[Any]:
                async with AsyncPortkey(base_url=url, timeout=0.3, max_retries=0) as client:
                    stream = await client.chat.completions.create(
                        messages=MESSAGES, model="m", stream=True
                    )
                    got = []
                    with pytest.raises(APITimeoutError):
                        async for c in stream:
                            got.append(c)
                    return got

            items = anyio.run(main)
        assert len(items) == 2


@pytest.mark.parametrize("mode", MODES)
def test_an_error_status_raises_before_iteration(mock: respx.MockRouter, mode: str) -> None:
    key_error = {
        "error": {
            "message": "Incorrect API key provided: sk-wrong****-key.",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_api_key",
        }
    }
    mock.post("/chat/completions").mock(return_value=httpx.Response(401, json=key_error))
    with pytest.raises(AuthenticationError) as info:
        run(mode)
    assert info.value.status_code == 401
    assert "Incorrect API key provided" in str(info.value)
    assert info.value.code == "invalid_api_key"

    sse_error = event({"error": {"message": "boom"}})
    mock.post("/chat/completions").mock(
        return_value=httpx.Response(500, headers=SSE_HEADERS, content=sse_error)
    )
    with pytest.raises(InternalServerError):
        run(mode)


@pytest.mark.parametrize("mode", MODES)
def test_a_json_answer_to_a_stream_request_raises_at_create(
    mock: respx.MockRouter, mode: str
) -> None:
    """A server that ignores ``stream=True`` and answers one JSON document: a clear typed
    error with the body (the peers report a cut-off or an empty stream), raised by create()."""
    completion = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}],
    }
    mock.post("/chat/completions").mock(return_value=httpx.Response(200, json=completion))
    with pytest.raises(APIResponseValidationError) as info:
        run(mode)
    assert "Expected an event stream" in str(info.value)
    assert "application/json" in str(info.value)
    assert info.value.body == completion and info.value.status_code == 200

    # An error object in a 200 JSON body: typed by the status it names, with its message.
    limited = {"error": {"message": "slow down", "type": "rate_limit", "code": 429}}
    headers = {"content-type": "application/problem+json; charset=utf-8"}
    mock.post("/chat/completions").mock(
        return_value=httpx.Response(200, headers=headers, content=json.dumps(limited).encode())
    )
    with pytest.raises(RateLimitError) as limit:
        run(mode)
    assert "slow down" in str(limit.value)

    plain = {"error": {"message": "no status here"}}
    mock.post("/chat/completions").mock(return_value=httpx.Response(200, json=plain))
    with pytest.raises(APIError) as other:
        run(mode)
    assert str(other.value) == "no status here" and other.value.body == plain


def test_a_stream_ended_by_a_final_event_type_is_complete() -> None:
    """Not only [DONE] or a finish_reason: a Responses-style ``response.completed`` event (or
    Anthropic's ``message_stop``) ends a stream properly; the same body cut before it does not."""
    created = {"type": "response.created", "response": {"status": "in_progress"}}
    delta = {"type": "response.output_text.delta", "delta": "Hi"}
    done = {"type": "response.completed", "response": {"status": "completed"}}
    whole = b"".join(
        b"event: %s\ndata: %s\n\n" % (e["type"].encode(), json.dumps(e).encode())
        for e in (created, delta, done)
    )
    request = httpx.Request("POST", "http://x/v1/responses")

    def consume(body: bytes) -> List[Any]:
        response = httpx.Response(200, headers=SSE_HEADERS, content=body, request=request)
        return list(Stream(dict, response))

    assert [e["type"] for e in consume(whole)] == [e["type"] for e in (created, delta, done)]
    with pytest.raises(APIConnectionError):
        consume(whole[: whole.index(b"event: response.completed")])


@pytest.mark.parametrize("mode", MODES)
def test_a_chunk_with_a_false_error_field_is_delivered(mock: respx.MockRouter, mode: str) -> None:
    body = {**FULL_CHUNK, "error": False}  # some providers send it on every chunk
    answer(mock, event(body) + DONE)
    out = run(mode)
    assert out.error is None and len(out.items) == 1


@pytest.mark.parametrize("mode", MODES)
def test_an_unhashable_type_field_is_no_crash(mock: respx.MockRouter, mode: str) -> None:
    """Found by hypothesis: ``data: {"type": []}`` once raised a bare TypeError while the
    stream checked for a final event type; it is an unfinished stream like any other."""
    answer(mock, b'data: {"type": []}\n\n')
    out = run(mode)
    assert type(out.error) is APIConnectionError  # ended without [DONE] or finish_reason


# Chunk types -----------------------------------------------------------------------------


FULL_CHUNK = {
    "id": "chatcmpl-9",
    "object": "chat.completion.chunk",
    "created": 1731368641,
    "model": "gpt-4o-mini",
    "system_fingerprint": "fp_1",
    "service_tier": "default",
    "provider": "Novita",
    "obfuscation": "C63r",
    "usage": None,
    "choices": [
        {
            "index": 0,
            "native_finish_reason": None,
            "logprobs": None,
            "finish_reason": None,
            "delta": {
                "role": "assistant",
                "content": "Hi",
                "refusal": None,
                "reasoning_content": "thinking",
                "tool_calls": [
                    {
                        "index": 1,
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"ci'},
                    }
                ],
            },
        }
    ],
}
USAGE_CHUNK = {
    "id": "chatcmpl-9",
    "object": "chat.completion.chunk",
    "created": 1731368641,
    "model": "gpt-4o-mini",
    "choices": [],
    "usage": {
        "prompt_tokens": 75,
        "completion_tokens": 51,
        "total_tokens": 126,
        "cost": 0.0007,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 3},
    },
}


@pytest.mark.parametrize("mode", MODES)
def test_chunk_fields_and_unknown_fields(mock: respx.MockRouter, mode: str) -> None:
    refusal = chunk(refusal="I can't", finish_reason="stop")
    answer(mock, sse(FULL_CHUNK, refusal, USAGE_CHUNK))
    first, second, usage = run(mode).items
    delta = first.choices[0].delta
    assert (delta.role, delta.content, delta.refusal) == ("assistant", "Hi", None)
    (call,) = delta.tool_calls
    assert (call.index, call.id, call.type) == (1, "call_1", "function")
    assert (call.function.name, call.function.arguments) == ("get_weather", '{"ci')
    # Unknown fields are kept, at every level.
    assert first.obfuscation == "C63r" and first.provider == "Novita"
    assert first.extra_fields == {"provider": "Novita", "obfuscation": "C63r"}
    assert first.choices[0].extra_fields == {"native_finish_reason": None}
    assert delta.reasoning_content == "thinking"
    assert_kept(FULL_CHUNK, first.to_dict())
    assert second.choices[0].delta.refusal == "I can't"
    # The include_usage chunk.
    assert usage.choices == []
    assert (usage.usage.prompt_tokens, usage.usage.total_tokens) == (75, 126)
    assert usage.usage.cost == 0.0007
    assert usage.usage.prompt_tokens_details.cached_tokens == 0
    assert usage.usage.completion_tokens_details.reasoning_tokens == 3
    assert_kept(USAGE_CHUNK, usage.to_dict())


# Recorded streams: whole, byte by byte, and the final completion -------------------------


def _dumps_of(mode: str, mock: respx.MockRouter, body: bytes, size: Optional[int]) -> List[Any]:
    answer(mock, body, size=size)
    out = run(mode)
    assert out.error is None
    return out.dumps


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", FIXTURES)
def test_recorded_streams_parse_whole_and_byte_by_byte(
    mock: respx.MockRouter, mode: str, name: str
) -> None:
    body = recorded(name)
    whole = _dumps_of(mode, mock, body, None)
    assert whole == _dumps_of(mode, mock, body, 1)
    per_event = [e + b"\n\n" for e in body.split(b"\n\n") if e]
    if b"".join(per_event) == body:  # one event per read, as gateways send them
        answer(mock, Body(per_event))
        out = run(mode)
        assert out.error is None and out.dumps == whole
    assert whole == _dumps_of(mode, mock, body.replace(b"\n", b"\r\n"), 5)
    raw = recorded_events(name)
    assert len(whole) == len(raw) > 0
    for i, (a, b) in enumerate(zip(raw, whole)):
        assert_kept(a, b, f"{name}[{i}]")


def expected_completion(name: str) -> Dict[str, Any]:
    """The final completion of a recorded stream, computed without the SDK: a plain loop."""
    events = recorded_events(name)
    content, refusal = "", ""
    calls: Dict[int, Dict[str, Any]] = {}
    finish, usage, role = None, None, None
    for ev in events:
        if ev.get("usage"):
            usage = ev["usage"]
        for choice in ev["choices"]:
            if choice.get("finish_reason"):
                finish = choice["finish_reason"]
            delta = choice.get("delta") or {}
            role = delta.get("role") or role
            content += delta.get("content") or ""
            refusal += delta.get("refusal") or ""
            for tc in delta.get("tool_calls") or []:
                call = calls.setdefault(tc["index"], {"id": None, "name": None, "arguments": ""})
                call["id"] = call["id"] or tc.get("id")
                function = tc.get("function") or {}
                call["name"] = call["name"] or function.get("name")
                call["arguments"] += function.get("arguments") or ""
    return {
        "id": events[0]["id"],
        "model": events[0]["model"],
        "created": events[0]["created"],
        "role": role,
        "content": content or None,
        "refusal": refusal or None,
        "tool_calls": [calls[i] for i in sorted(calls)],
        "finish_reason": finish,
        "usage": usage,
    }


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [None, 1])
@pytest.mark.parametrize("name", FIXTURES)
def test_final_completion_of_recorded_streams(
    mock: respx.MockRouter, mode: str, size: Optional[int], name: str
) -> None:
    answer(mock, recorded(name), size=size)
    out = run(mode, "final")
    assert out.error is None
    (completion,) = out.items
    assert type(completion) is ChatCompletion
    expected = expected_completion(name)
    assert (completion.id, completion.model, completion.created) == (
        expected["id"],
        expected["model"],
        expected["created"],
    )
    assert completion.object == "chat.completion"
    (choice,) = completion.choices
    message = choice.message
    assert message.role == expected["role"] == "assistant"
    assert message.content == expected["content"]
    assert message.refusal == expected["refusal"]
    assert choice.finish_reason == expected["finish_reason"]
    got_calls = [
        {"id": c.id, "name": c.function.name, "arguments": c.function.arguments}
        for c in message.tool_calls or []
    ]
    assert got_calls == expected["tool_calls"]
    assert all(c.type == "function" for c in message.tool_calls or [])
    assert_kept(expected["usage"], completion.usage.to_dict())


def test_final_completion_known_values(mock: respx.MockRouter) -> None:
    """Spot checks of literal values in the recorded samples."""

    def final(name: str) -> ChatCompletion:
        answer(mock, recorded(name), size=13)
        return run("sync", "final").items[0]  # type: ignore[no-any-return]

    c01 = final(sample("01"))
    (call,) = c01.choices[0].message.tool_calls
    assert call.id == "call_ZR5UUuTt3pf61kjwAJIYdVMj" and call.function.name == "get_capital"
    assert json.loads(call.function.arguments) == {"country": "UK"}
    assert c01.choices[0].finish_reason == "tool_calls" and c01.choices[0].message.content is None
    assert (c01.usage.prompt_tokens, c01.usage.completion_tokens) == (53, 15)

    c02 = final(sample("02"))
    assert c02.choices[0].message.content == "The capital of the UK is London."
    assert c02.choices[0].finish_reason == "stop" and c02.usage.total_tokens == 87

    c09 = final(sample("09"))
    (call,) = c09.choices[0].message.tool_calls
    assert call.function.name == "multiply"
    assert json.loads(call.function.arguments) == {"a": 1231, "b": 2331}
    assert c09.usage.total_tokens == 74

    # OpenRouter repeats the id and name in a second delta: still one call, name not doubled.
    c12 = final(sample("12"))
    (call,) = c12.choices[0].message.tool_calls
    assert (call.id, call.function.name, call.function.arguments) == ("0", "llm_version", "{}")
    assert json.loads(call.function.arguments) == {}
    assert c12.choices[0].finish_reason is None
    assert c12.usage.total_tokens == 74 and c12.usage.cost == 0.00007159

    c13 = final(sample("13"))
    calls = c13.choices[0].message.tool_calls
    assert [c.id for c in calls] == [
        "call_fHCjJqt9Pysde6vcJcvbXGBx",
        "call_3J9foSw3CUb48lrqIXoTky6U",
    ]
    assert [c.function.name for c in calls] == ["get_current_weather"] * 2
    assert [json.loads(c.function.arguments) for c in calls] == [
        {"location": "Seattle, WA"},
        {"location": "San Francisco, CA"},
    ]
    assert c13.choices[0].finish_reason == "tool_calls" and c13.usage.total_tokens == 126


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [None, 1])
def test_text_deltas(mock: respx.MockRouter, mode: str, size: Optional[int]) -> None:
    answer(mock, recorded(sample("02")), size=size)
    texts = run(mode, "text").items
    assert texts[:3] == ["The", " capital", " of"]
    assert all(type(t) is str and t for t in texts)
    assert "".join(texts) == expected_completion(sample("02"))["content"]
    answer(mock, recorded(sample("01")), size=size)  # a tool call: no text
    assert run(mode, "text").items == []


@pytest.mark.parametrize("mode", MODES)
def test_text_deltas_raise_stream_errors(mock: respx.MockRouter, mode: str) -> None:
    answer(mock, sse(*HELLO[:2], done=False))
    out = run(mode, "text")
    assert out.items == ["Hel", "lo"] and type(out.error) is APIConnectionError


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("reads", ["bytewise", "per-event", "whole"])
@pytest.mark.parametrize("taken", [1, 2, 3])
def test_final_completion_after_partial_iteration(
    mock: respx.MockRouter, mode: str, reads: str, taken: int
) -> None:
    # The chunks the caller already iterated count (issue 3), however the body was read.
    from portkey._accumulate import accumulate_chat
    from portkey._convert import structure

    extra = chunk("!", finish_reason="stop")
    extra["choices"][0]["delta"]["provider_note"] = "kept"
    chunks = [*HELLO[:2], extra]
    body = sse(*chunks)
    if reads == "bytewise":
        pieces = split(body, 1)
    elif reads == "per-event":
        pieces = [event(c) for c in chunks] + [DONE]
    else:
        pieces = [body]
    answer(mock, Body(pieces), headers={"x-portkey-trace-id": "t-1"})
    if mode == "sync":
        with Portkey(base_url=BASE) as client:
            stream = client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
            seen = [next(stream) for _ in range(taken)]
            final = stream.get_final_completion()
    else:

        async def main() -> Tuple[List[Any], ChatCompletion]:
            async with AsyncPortkey(base_url=BASE) as client:
                stream = await client.chat.completions.create(
                    messages=MESSAGES, model="m", stream=True
                )
                seen = [await stream.__anext__() for _ in range(taken)]
                return seen, await stream.get_final_completion()

        seen, final = anyio.run(main)
    assert [c.to_dict() for c in seen] == [
        structure(c, ChatCompletionChunk).to_dict() for c in chunks[:taken]
    ]
    assert final.choices[0].message.content == "Hello!"
    assert final.choices[0].finish_reason == "stop"
    assert final.get_headers() == {"trace-id": "t-1"}
    assert (
        final.to_dict()
        == accumulate_chat([structure(c, ChatCompletionChunk) for c in chunks]).to_dict()
    )


@pytest.mark.parametrize("mode", MODES)
def test_final_completion_raises_the_stream_error(mock: respx.MockRouter, mode: str) -> None:
    answer(mock, sse(HELLO[0], done=False) + event({"error": {"message": "x", "code": 500}}))
    assert type(run(mode, "final").error) is InternalServerError
    answer(mock, sse(HELLO[0], done=False))
    assert type(run(mode, "final").error) is APIConnectionError


# Accumulation details (synthetic streams) ------------------------------------------------


def tool_delta(index: int, id: Optional[str] = None, name: Optional[str] = None, args: str = ""):
    call: Dict[str, Any] = {"index": index, "function": {"arguments": args}}
    if id:
        call.update(id=id, type="function")
        call["function"]["name"] = name
    return chunk(tool_calls=[call])


def final_of(mock: respx.MockRouter, *chunks: Any, mode: str = "sync") -> ChatCompletion:
    answer(mock, sse(*chunks), size=17)
    out = run(mode, "final")
    assert out.error is None
    return out.items[0]  # type: ignore[no-any-return]


@pytest.mark.parametrize("mode", MODES)
def test_interleaved_parallel_tool_calls(mock: respx.MockRouter, mode: str) -> None:
    completion = final_of(
        mock,
        chunk(role="assistant"),
        tool_delta(0, "call_a", "alpha", '{"x"'),
        tool_delta(1, "call_b", "beta", ""),
        tool_delta(1, args='{"y": 2}'),
        tool_delta(0, args=": 1}"),
        tool_delta(2, "call_c", "gamma", "{}"),
        chunk(finish_reason="tool_calls"),
        mode=mode,
    )
    calls = completion.choices[0].message.tool_calls
    assert [(c.id, c.function.name, json.loads(c.function.arguments)) for c in calls] == [
        ("call_a", "alpha", {"x": 1}),
        ("call_b", "beta", {"y": 2}),
        ("call_c", "gamma", {}),
    ]
    assert completion.choices[0].finish_reason == "tool_calls"


def test_calls_all_at_index_zero_with_distinct_ids(mock: respx.MockRouter) -> None:
    """Some providers send every parallel call at index 0, each with its own id."""
    completion = final_of(
        mock,
        tool_delta(0, "call_1", "f", '{"a": 1}'),
        tool_delta(0, "call_2", "g", '{"b":'),
        tool_delta(0, args=" 2}"),
        chunk(finish_reason="tool_calls"),
    )
    calls = completion.choices[0].message.tool_calls
    assert [(c.id, c.function.name, c.function.arguments) for c in calls] == [
        ("call_1", "f", '{"a": 1}'),
        ("call_2", "g", '{"b": 2}'),
    ]


def test_refusal_several_choices_legacy_function_call_and_logprobs(
    mock: respx.MockRouter,
) -> None:
    lp = {"content": [{"token": "A", "logprob": -0.1, "bytes": [65], "top_logprobs": []}]}
    first = chunk("A", role="assistant", index=0)
    first["choices"][0]["logprobs"] = lp
    completion = final_of(
        mock,
        first,
        chunk(refusal="I can", index=1, role="assistant"),
        chunk(refusal="not.", index=1),
        chunk(function_call={"name": "legacy", "arguments": '{"q"'}, index=2),
        chunk(function_call={"arguments": ": 1}"}, index=2),
        chunk(content=5, index=0),  # not text: skipped, no crash
        chunk("B", index=0, finish_reason="length"),
        chunk(index=1, finish_reason="stop"),
        chunk(index=2, finish_reason="function_call"),
        {"choices": [], "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}},
    )
    a, b, c = completion.choices
    assert (a.index, a.message.content, a.finish_reason) == (0, "AB", "length")
    assert [t.token for t in a.logprobs.content] == ["A"]
    assert (b.message.refusal, b.message.content, b.finish_reason) == ("I cannot.", None, "stop")
    assert (c.message.function_call.name, c.message.function_call.arguments) == (
        "legacy",
        '{"q": 1}',
    )
    assert completion.usage.total_tokens == 3


def test_accumulate_takes_the_first_known_top_fields() -> None:
    from portkey._accumulate import accumulate_chat
    from portkey._convert import structure

    chunks = [
        structure({"choices": [], "id": None, "model": None}, ChatCompletionChunk),
        structure(chunk("x"), ChatCompletionChunk),
        structure({**chunk("y"), "model": "other"}, ChatCompletionChunk),
    ]
    completion = accumulate_chat(chunks)
    assert (completion.id, completion.model) == ("chatcmpl-1", "gpt-test")
    assert completion.choices[0].message.content == "xy"
    assert accumulate_chat([]).choices == []


# Generic over the item type --------------------------------------------------------------


@attrs.define
class Tick(BaseModel):
    n: int = 0
    label: Optional[str] = None


def _tick_response(body: bytes, size: int) -> httpx.Response:
    return httpx.Response(
        200,
        headers={**SSE_HEADERS, "x-portkey-trace-id": "t"},
        stream=Body(split(body, size)),
        request=httpx.Request("POST", BASE + "/ticks"),
    )


TICKS = (
    event({"n": 1, "label": "a"})
    + event({"n": 2, "extra": [1]})
    + event({"type": "tick.delta", "n": 3}, "tick.delta")
    + b"event: ping\ndata: {}\n\n"
    + DONE
)


def _check_ticks(items: List[Any]) -> None:
    assert [type(t) for t in items] == [Tick] * 3
    assert [t.n for t in items] == [1, 2, 3]
    assert items[0].label == "a" and items[1].extra == [1] and items[2].type == "tick.delta"
    assert all(t.get_headers() == {"trace-id": "t"} for t in items)


def test_stream_of_any_model_sync() -> None:
    stream: Stream[Tick] = Stream(Tick, _tick_response(TICKS, 3))
    with stream:
        items = list(stream)
    _check_ticks(items)
    assert stream.get_headers() == {"trace-id": "t"}

    bad = Stream(Tick, _tick_response(event({"n": 1}) + event("[1]"), 100))
    with pytest.raises(APIResponseValidationError, match="shape of Tick"):
        list(bad)


@pytest.mark.anyio
async def test_stream_of_any_model_async() -> None:
    stream: AsyncStream[Tick] = AsyncStream(Tick, _tick_response(TICKS, 3))
    async with stream:
        items = [t async for t in stream]
    _check_ticks(items)


def test_stream_of_plain_json() -> None:
    """A cast that is not a model: items are the JSON values (no headers attached)."""
    stream: Stream[Any] = Stream(dict, _tick_response(event({"n": 1}) + DONE, 4))
    assert list(stream) == [{"n": 1}]
    for cast in (dict, Any):  # one event per read (the single-event path)
        pieces = [event({"n": 1}), event({"n": [2]}), DONE]
        response = httpx.Response(200, headers=SSE_HEADERS, stream=Body(pieces))
        assert list(Stream(cast, response)) == [{"n": 1}, {"n": [2]}]


@pytest.mark.parametrize("gz", [False, True])
def test_stream_over_a_body_read_earlier(gz: bool) -> None:
    # Not how the client builds streams, but the reads must then come from the content.
    body = gzip.compress(TICKS) if gz else TICKS
    response = _tick_response(body, 3)
    if gz:
        response.headers["content-encoding"] = "gzip"
    response.read()
    stream: Stream[Tick] = Stream(Tick, response)
    _check_ticks(list(stream))


# No exception but ours -------------------------------------------------------------------


_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-3, 600)
    | st.floats(allow_nan=False)
    | st.text(max_size=4)
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)
_function = st.fixed_dictionaries({}, optional={"name": _json, "arguments": _json | st.text()})
_tool_call = st.fixed_dictionaries(
    {},
    optional={
        "index": st.integers(0, 3) | _json,
        "id": st.sampled_from(["a", "b"]) | _json,
        "type": _json,
        "function": _function | _json,
    },
)
_delta = st.fixed_dictionaries(
    {},
    optional={
        "role": _json,
        "content": st.text(max_size=5) | _json,
        "refusal": _json,
        "tool_calls": st.lists(_tool_call, max_size=3) | _json,
        "function_call": _function | _json,
    },
)
_choice = st.fixed_dictionaries(
    {},
    optional={
        "index": st.integers(0, 2) | _json,
        "delta": _delta | _json,
        "finish_reason": st.sampled_from(["stop", None]) | _json,
        "logprobs": _json,
    },
)
_chunk = st.fixed_dictionaries(
    {},
    optional={
        "choices": st.lists(_choice, max_size=3) | _json,
        "usage": _json,
        "id": _json,
        "model": _json,
        "error": _json,
        "object": _json,
    },
)
_event = st.one_of(
    _chunk.map(lambda c: event(c)),
    _json.map(lambda v: event(json.dumps(v))),
    st.tuples(st.sampled_from(["error", "ping", "message", "x"]), _chunk).map(
        lambda p: event(p[1], p[0])
    ),
    st.just(DONE),
    st.text(max_size=20).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=20),
)


def _mostly(good: Any) -> Any:
    return st.one_of(good, good, good, _json)


# Chunks of the right shape whose plain values (kept as sent) are sometimes of any JSON type.
_near_call = st.fixed_dictionaries(
    {
        "index": _mostly(st.integers(0, 2)),
        "id": _mostly(st.sampled_from(["a", "b", None])),
        "function": st.fixed_dictionaries(
            {
                "name": _mostly(st.sampled_from(["f", None])),
                "arguments": _mostly(st.text(max_size=3)),
            }
        ),
    }
)
_near_chunk = st.fixed_dictionaries(
    {
        "choices": st.lists(
            st.fixed_dictionaries(
                {
                    "index": _mostly(st.integers(0, 1)),
                    "finish_reason": _mostly(st.sampled_from([None, "stop"])),
                    "delta": st.fixed_dictionaries(
                        {
                            "role": _mostly(st.just("assistant")),
                            "content": _mostly(st.text(max_size=3)),
                            "refusal": _mostly(st.none()),
                            "tool_calls": st.lists(_near_call, max_size=2),
                        }
                    ),
                }
            ),
            max_size=2,
        )
    },
    optional={"usage": _json, "id": _json},
)
_bodies = st.one_of(
    st.binary(max_size=400),
    st.lists(_event, max_size=8).map(b"".join),
    st.lists(_near_chunk.map(lambda c: event(c)), max_size=6).map(lambda e: b"".join(e) + DONE),
)
_transport_errors = st.sampled_from(
    [
        None,
        httpx.ReadTimeout("t"),
        httpx.RemoteProtocolError("p"),
        httpx.ReadError("r"),
        httpx.DecodingError("d"),
    ]
)


def _pieces(data: st.DataObject, body: bytes) -> List[bytes]:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(body)), max_size=6)))
    bounds = [0, *cuts, len(body)]
    return [body[a:b] for a, b in zip(bounds, bounds[1:])]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    body=_bodies,
    how=st.sampled_from(["final", "text", "iter"]),
    exc=_transport_errors,
    gz=st.booleans(),
    data=st.data(),
)
def test_only_our_exceptions_escape_sync(
    body: bytes, how: str, exc: Optional[Exception], gz: bool, data: st.DataObject
) -> None:
    headers = {"content-encoding": "gzip"} if gz else {}
    with respx.mock(base_url=BASE) as router:
        answer(router, Body(_pieces(data, body), exc), headers=headers)
        out = run("sync", how)  # anything but a PortkeyError fails here
    if out.error is None and how == "final":
        assert type(out.items[0]) is ChatCompletion
    assert out.stream.response.is_closed


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    body=_bodies,
    how=st.sampled_from(["final", "text", "iter"]),
    exc=_transport_errors,
    data=st.data(),
)
def test_only_our_exceptions_escape_async(
    body: bytes, how: str, exc: Optional[Exception], data: st.DataObject
) -> None:
    with respx.mock(base_url=BASE) as router:
        answer(router, Body(_pieces(data, body), exc))
        out = run("async", how)
    assert out.stream.response.is_closed


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(events=st.lists(_event, max_size=8), data=st.data())
def test_any_split_gives_the_same_items_and_error(events: List[bytes], data: st.DataObject) -> None:
    body = b"".join(events)

    def outcome(pieces: List[bytes]) -> Tuple[List[Any], Any]:
        with respx.mock(base_url=BASE) as router:
            answer(router, Body(pieces))
            out = run("sync")
        error = out.error and (type(out.error), str(out.error))
        return out.dumps, error

    assert outcome([body]) == outcome(_pieces(data, body))


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    events=st.lists(_event, max_size=8),
    how=st.sampled_from(["iter", "final", "text"]),
    mode=st.sampled_from(MODES),
)
def test_one_event_per_read_gives_the_same_outcome(
    events: List[bytes], how: str, mode: str
) -> None:
    # One event per read is what real gateways send (and takes the decoder's single-event
    # path); the outcome must be that of the whole body in one read.
    def outcome(pieces: List[bytes]) -> Tuple[List[Any], Any]:
        with respx.mock(base_url=BASE) as router:
            answer(router, Body(pieces))
            out = run(mode, how)
        error = out.error and (type(out.error), str(out.error))
        items = [i.to_dict() if hasattr(i, "to_dict") else i for i in out.items]
        return items, error

    assert outcome([b"".join(events)]) == outcome(events)


# Connections: a real local server --------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LocalServer.Server

    def setup(self) -> None:
        super().setup()
        with self.server.lock:
            self.server.opened += 1
            self.server.open_now += 1

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        finally:
            with self.server.lock:
                self.server.open_now -= 1

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        mode = self.path.split("/")[1]
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("transfer-encoding", "chunked")
        self.send_header("x-portkey-trace-id", mode)
        self.end_headers()
        try:
            if mode == "done":
                for c in HELLO:
                    self._send(event(c))
                self._send(DONE)
                time.sleep(0.002)  # the end of the body comes in a later read
                self._send(b": bye\n\n")
            elif mode == "hold":  # [DONE], then keep-alive comments for 5 s before the end
                for c in HELLO:
                    self._send(event(c))
                self._send(DONE)
                for _ in range(25):
                    time.sleep(0.2)
                    self._send(b": still here\n\n")
            elif mode == "long":
                for i in range(300):
                    self._send(event(chunk(str(i))))
                self._send(DONE)
            elif mode in ("slow", "stall"):
                for i in range(250):
                    self._send(event(chunk(str(i))))
                    if mode == "stall" and i == 1:
                        time.sleep(1.0)
                        break
                    time.sleep(0.02)
                return
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except OSError:
            self.close_connection = True


class LocalServer:
    """A threaded HTTP/1.1 server that streams SSE bodies and counts its connections."""

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        lock: threading.Lock
        opened: int
        open_now: int

    def __enter__(self) -> LocalServer:
        server = self.server = self.Server(("127.0.0.1", 0), _Handler)
        server.lock = threading.Lock()
        server.opened = server.open_now = 0
        self.thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def base(self, mode: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/{mode}/v1"

    def wait_all_closed(self) -> int:
        deadline = time.monotonic() + 5
        while self.server.open_now and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.server.open_now


def pool_connections(client: Any) -> List[Any]:
    from portkey._transport import pool_of  # sees through the httpx2 adapter too

    return list(pool_of(client._pool.get()).connections)


def test_done_streams_reuse_one_connection_sync() -> None:
    with LocalServer() as server, Portkey(base_url=server.base("done")) as client:
        for i in range(20):
            stream = client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
            if i % 2:
                assert stream.get_final_completion().choices[0].message.content == "Hello"
            else:
                assert len(list(stream)) == 3
            assert stream.get_headers() == {"trace-id": "done"}
            (connection,) = pool_connections(client)
            assert connection.is_idle()
        assert server.server.opened == 1


@pytest.mark.anyio
async def test_done_streams_reuse_one_connection_async() -> None:
    with LocalServer() as server:
        async with AsyncPortkey(base_url=server.base("done")) as client:
            for i in range(20):
                stream = await client.chat.completions.create(
                    messages=MESSAGES, model="m", stream=True
                )
                if i % 2:
                    final = await stream.get_final_completion()
                    assert final.choices[0].message.content == "Hello"
                else:
                    assert len([c async for c in stream]) == 3
                (connection,) = pool_connections(client)
                assert connection.is_idle()
        assert server.server.opened == 1


def test_done_ends_the_loop_though_the_server_keeps_the_body_open_sync() -> None:
    """After [DONE] the rest of the body is read for connection reuse, but within a short
    deadline: a server that keeps talking after [DONE] cannot hold the caller for its 5 s (or
    for the 600 s read timeout when it says nothing); the connection is discarded instead."""
    with LocalServer() as server, Portkey(base_url=server.base("hold")) as client:
        started = time.monotonic()
        stream = client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
        assert len(list(stream)) == 3
        assert time.monotonic() - started < 2.5  # the server holds the body for 5 s
        assert pool_connections(client) == []
        assert server.wait_all_closed() == 0


@pytest.mark.anyio
async def test_done_ends_the_loop_though_the_server_keeps_the_body_open_async() -> None:
    with LocalServer() as server:
        async with AsyncPortkey(base_url=server.base("hold")) as client:
            started = time.monotonic()
            stream = await client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
            final = await stream.get_final_completion()
            assert final.choices[0].message.content == "Hello"
            assert time.monotonic() - started < 2.5
            assert pool_connections(client) == []
            assert await anyio.to_thread.run_sync(server.wait_all_closed) == 0


@pytest.mark.parametrize("how", ["with", "close"])
def test_abandoned_streams_release_their_connection_sync(how: str) -> None:
    with LocalServer() as server, Portkey(base_url=server.base("long")) as client:
        for _ in range(100):
            stream = client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
            if how == "with":
                with stream:
                    for _c in stream:
                        break
            else:
                next(stream)
                stream.close()
            assert pool_connections(client) == []
        assert server.server.opened == 100
        assert server.wait_all_closed() == 0


@pytest.mark.anyio
@pytest.mark.parametrize("how", ["with", "close"])
async def test_abandoned_streams_release_their_connection_async(how: str) -> None:
    with LocalServer() as server:
        async with AsyncPortkey(base_url=server.base("long")) as client:
            for _ in range(100):
                stream = await client.chat.completions.create(
                    messages=MESSAGES, model="m", stream=True
                )
                if how == "with":
                    async with stream:
                        async for _c in stream:
                            break
                else:
                    await stream.__anext__()
                    await stream.close()
                assert pool_connections(client) == []
            assert server.server.opened == 100
            assert await anyio.to_thread.run_sync(server.wait_all_closed) == 0


@pytest.mark.anyio
@pytest.mark.parametrize("use_with", [True, False])
async def test_cancelled_streams_release_their_connection(use_with: bool) -> None:
    with LocalServer() as server:
        async with AsyncPortkey(base_url=server.base("slow")) as client:
            for _ in range(10):
                got = asyncio.Event()
                seen: List[Any] = []

                async def read() -> None:
                    stream = await client.chat.completions.create(
                        messages=MESSAGES, model="m", stream=True
                    )
                    if use_with:
                        async with stream:
                            async for c in stream:
                                seen.append(c)
                                if len(seen) == 2:
                                    got.set()
                    else:
                        async for c in stream:
                            seen.append(c)
                            if len(seen) == 2:
                                got.set()

                task = asyncio.ensure_future(read())
                await asyncio.wait_for(got.wait(), 5)
                task.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await task
                assert pool_connections(client) == []
            assert server.server.opened == 10
            assert await anyio.to_thread.run_sync(server.wait_all_closed) == 0


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=st.lists(_chunk | _near_chunk, max_size=6))
def test_accumulate_never_fails_on_chunks_that_structure(raw: List[Dict[str, Any]]) -> None:
    """Field values of any JSON type (the converter does not coerce): skipped, not a crash."""
    from portkey._accumulate import accumulate_chat
    from portkey._convert import structure

    chunks = []
    for item in raw:
        try:
            chunks.append(structure(item, ChatCompletionChunk))
        except (TypeError, ValueError):
            continue
    completion = accumulate_chat(chunks)
    for choice in completion.choices:
        assert type(choice.index) is int
        message = choice.message
        assert message.content is None or type(message.content) is str
        for call in message.tool_calls or []:
            assert type(call.function.arguments) is str
