"""Hypothesis: arbitrary bytes into the event-stream decoder and the typed streams, arbitrary
JSON into response structuring (directly and through client calls against respx). The only
exceptions allowed out are ours (subclasses of ``portkey.PortkeyError``)."""

from __future__ import annotations

import asyncio
import json
from typing import Any, AsyncIterator, List, Type

import httpx
import pytest
import respx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portkey import AsyncPortkey, Portkey, PortkeyError
from portkey._response import parse_json
from portkey._sse import SSEDecoder
from portkey._streaming import AsyncStream, Stream
from portkey.types.chat import ChatCompletion, ChatCompletionChunk
from portkey.types.embeddings import CreateEmbeddingResponse

from .support import MESSAGES

pytestmark = pytest.mark.faults

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
URL = "http://fuzz.invalid/v1"

# JSON that looks like the API's often enough to reach deep into structuring: keys are drawn
# mostly from the field names of the response types.
KEYS = [
    "id", "object", "created", "model", "choices", "index", "message", "delta", "role",
    "content", "finish_reason", "tool_calls", "function", "name", "arguments", "usage",
    "prompt_tokens", "completion_tokens", "total_tokens", "logprobs", "data", "embedding",
    "error", "type", "code", "status", "refusal", "bytes", "top_logprobs", "token", "logprob",
    "completion_tokens_details", "prompt_tokens_details", "function_call", "param",
]  # fmt: skip
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=6)
    ),
    max_leaves=40,
)


def only_ours(exc: BaseException) -> None:
    if not isinstance(exc, PortkeyError):
        raise AssertionError(f"{type(exc).__module__}.{type(exc).__name__} escaped: {exc!r}")


# The event-stream decoder ------------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=2000), cuts=st.lists(st.integers(0, 2000), max_size=12))
def test_sse_decoder_arbitrary_bytes(data: bytes, cuts: List[int]) -> None:
    points = sorted({c for c in cuts if 0 < c < len(data)})
    pieces = [data[a:b] for a, b in zip([0, *points], [*points, len(data)])]
    decoder = SSEDecoder()
    try:
        for piece in pieces:
            for event in decoder.feed(piece):
                assert isinstance(event.data, str) and isinstance(event.event, str)
        decoder.close()
    except Exception as exc:
        only_ours(exc)


# Typed streams over arbitrary bytes -------------------------------------------------------------

sse_lines = st.one_of(
    st.binary(max_size=80),
    json_values.map(lambda v: b"data: " + json.dumps(v).encode() + b"\n\n"),
    json_values.map(lambda v: b"event: error\ndata: " + json.dumps(v).encode() + b"\n\n"),
    st.sampled_from([b"data: [DONE]\n\n", b": ping\n\n", b"event: ping\ndata: {}\n\n", b"\r\n"]),
)
stream_bodies = st.lists(sse_lines, max_size=8)


def _sync_stream(pieces: List[bytes]) -> None:
    response = httpx.Response(
        200,
        headers={"content-type": "text/event-stream"},
        content=iter(pieces),
        request=httpx.Request("POST", URL + "/chat/completions"),
    )
    stream: Stream[Any] = Stream(ChatCompletionChunk, response)
    try:
        with stream:
            for _ in stream:
                pass
    except Exception as exc:
        only_ours(exc)


async def _async_stream(pieces: List[bytes]) -> None:
    async def body() -> AsyncIterator[bytes]:
        for piece in pieces:
            yield piece

    response = httpx.Response(
        200,
        headers={"content-type": "text/event-stream"},
        content=body(),
        request=httpx.Request("POST", URL + "/chat/completions"),
    )
    stream: AsyncStream[Any] = AsyncStream(ChatCompletionChunk, response)
    try:
        async with stream:
            async for _ in stream:
                pass
    except Exception as exc:
        only_ours(exc)


@FUZZ
@given(pieces=stream_bodies)
def test_stream_arbitrary_bytes_sync(pieces: List[bytes]) -> None:
    _sync_stream(pieces)


@settings(FUZZ, max_examples=100)
@given(pieces=stream_bodies)
def test_stream_arbitrary_bytes_async(pieces: List[bytes]) -> None:
    asyncio.run(_async_stream(pieces))


# Structuring arbitrary JSON ---------------------------------------------------------------------

CASTS = [ChatCompletion, ChatCompletionChunk, CreateEmbeddingResponse]


@FUZZ
@given(value=json_values, cast=st.sampled_from(CASTS))
def test_parse_json_arbitrary(value: Any, cast: Type[Any]) -> None:
    response = httpx.Response(
        200, content=json.dumps(value).encode(), request=httpx.Request("POST", URL)
    )
    try:
        result = parse_json(response, cast)
    except Exception as exc:
        only_ours(exc)
    else:
        assert isinstance(result, cast)


@FUZZ
@given(content=st.binary(max_size=200), cast=st.sampled_from(CASTS))
def test_parse_json_arbitrary_bytes(content: bytes, cast: Type[Any]) -> None:
    response = httpx.Response(200, content=content, request=httpx.Request("POST", URL))
    try:
        parse_json(response, cast)
    except Exception as exc:
        only_ours(exc)


@settings(FUZZ, max_examples=50)
@given(embedding=st.text(max_size=20))
def test_base64_postprocess_arbitrary(embedding: str) -> None:
    """An embedding string that is not base64 of float32s: only our errors, via a real call."""
    body = {"data": [{"embedding": embedding}]}
    with respx.mock(assert_all_called=False) as mock:
        mock.post(URL + "/embeddings").mock(return_value=httpx.Response(200, json=body))
        with Portkey(base_url=URL, max_retries=0) as client:
            try:
                client.embeddings.create(input="hi", model="m")
            except Exception as exc:
                only_ours(exc)


# Through client calls, against respx ----------------------------------------------------

STATUSES = [200, 200, 200, 400, 401, 404, 409, 422, 429, 446, 500, 503]
payloads = st.one_of(json_values.map(lambda v: json.dumps(v).encode()), st.binary(max_size=100))


@FUZZ
@given(status=st.sampled_from(STATUSES), content=payloads)
def test_client_call_arbitrary_sync(status: int, content: bytes) -> None:
    with respx.mock(base_url=URL, assert_all_called=False) as router:
        router.post("/chat/completions").mock(return_value=httpx.Response(status, content=content))
        router.post("/embeddings").mock(return_value=httpx.Response(status, content=content))
        with Portkey(base_url=URL, api_key="pk-fuzz", max_retries=0) as client:
            for call in (
                lambda: client.chat.completions.create(messages=MESSAGES),
                lambda: client.embeddings.create(input="x", model="m", encoding_format="float"),
            ):
                try:
                    call()
                except Exception as exc:
                    only_ours(exc)


@settings(FUZZ, max_examples=100)
@given(status=st.sampled_from(STATUSES), content=payloads)
def test_client_call_arbitrary_async(status: int, content: bytes) -> None:
    async def run() -> None:
        with respx.mock(base_url=URL, assert_all_called=False) as router:
            router.post("/chat/completions").mock(
                return_value=httpx.Response(status, content=content)
            )
            async with AsyncPortkey(base_url=URL, api_key="pk-fuzz", max_retries=0) as client:
                try:
                    await client.chat.completions.create(messages=MESSAGES)
                except Exception as exc:
                    only_ours(exc)

    asyncio.run(run())
