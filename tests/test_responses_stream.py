"""Responses API streams through the real clients and respx, on the spec's example stream
(tests/fixtures/recorded/20_*, provenance beside it): typed events, text_deltas(),
get_final_response(), the error event, a stream cut short, and response.failed."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, List

import pytest
import respx

from portkey import APIConnectionError, APIError, AsyncPortkey, Portkey
from portkey.types.responses import (
    Response,
    ResponseCompletedEvent,
    ResponseCreatedEvent,
    ResponseErrorEvent,
    ResponseTextDeltaEvent,
)

BASE = "http://gateway.test/v1"
SPEC_STREAM = (
    Path(__file__).parent
    / "fixtures"
    / "recorded"
    / "20_openai_spec_example_responses_stream_text.txt"
).read_bytes()
# The spec's example ends without the blank line that dispatches its last event (a server
# sends it; a body that ends without it is a cut-off stream): added here.
SPEC_STREAM = SPEC_STREAM.rstrip(b"\n") + b"\n\n"
SSE = {"content-type": "text/event-stream"}


def events_before_completed() -> bytes:
    """The example stream without its final response.completed event."""
    return SPEC_STREAM[: SPEC_STREAM.index(b"event: response.completed")]


def error_event_stream() -> bytes:
    error = (
        b'event: error\ndata: {"type":"error","code":"server_error",'
        b'"message":"The model failed","param":null,"sequence_number":4}\n\n'
    )
    return events_before_completed() + error


def failed_stream() -> bytes:
    failed = (
        b'event: response.failed\ndata: {"type":"response.failed","response":{"id":"resp_1",'
        b'"object":"response","status":"failed","error":{"code":"server_error",'
        b'"message":"boom"},"output":[]}}\n\n'
    )
    return events_before_completed() + failed


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def test_typed_events_text_and_final_response(mock: respx.MockRouter) -> None:
    mock.post("/responses").respond(200, content=SPEC_STREAM, headers=SSE)
    with Portkey(base_url=BASE) as client:
        stream = client.responses.create(model="gpt-5.4", input="Hi", stream=True)
        events: List[Any] = list(stream)
        assert isinstance(events[0], ResponseCreatedEvent)
        assert isinstance(events[-1], ResponseCompletedEvent)
        deltas = [e for e in events if isinstance(e, ResponseTextDeltaEvent)]
        assert "".join(e.delta for e in deltas) == "Hi"  # the example elides the other deltas
        final = stream.get_final_response()  # also after the events were iterated
        assert isinstance(final, Response) and final.status == "completed"
        assert final.output_text == "Hi there! How can I assist you today?"

        text = client.responses.create(model="gpt-5.4", input="Hi", stream=True).text_deltas()
        assert "".join(text) == "Hi"


def test_error_event_is_delivered_then_raised(mock: respx.MockRouter) -> None:
    mock.post("/responses").respond(200, content=error_event_stream(), headers=SSE)
    seen: List[Any] = []
    with Portkey(base_url=BASE, max_retries=0) as client:
        with pytest.raises(APIError, match="The model failed") as caught:
            for event in client.responses.create(model="m", input="Hi", stream=True):
                seen.append(event)
    assert isinstance(seen[-1], ResponseErrorEvent) and seen[-1].code == "server_error"
    assert caught.value.code == "server_error"
    assert [type(e).__name__ for e in seen[:2]] == [
        "ResponseCreatedEvent",
        "ResponseInProgressEvent",
    ]


def test_cut_short_stream_is_an_error(mock: respx.MockRouter) -> None:
    mock.post("/responses").respond(200, content=events_before_completed(), headers=SSE)
    with Portkey(base_url=BASE, max_retries=0) as client:
        stream = client.responses.create(model="m", input="Hi", stream=True)
        with pytest.raises(APIConnectionError, match="ended before it completed"):
            stream.get_final_response()


def test_failed_response_ends_the_stream(mock: respx.MockRouter) -> None:
    mock.post("/responses").respond(200, content=failed_stream(), headers=SSE)
    with Portkey(base_url=BASE) as client:
        final = client.responses.create(model="m", input="Hi", stream=True).get_final_response()
    assert final.status == "failed" and final.error is not None
    assert final.error.message == "boom"


@pytest.mark.anyio
async def test_async_stream_and_error_event(mock: respx.MockRouter) -> None:
    mock.post("/responses").respond(200, content=SPEC_STREAM, headers=SSE)
    async with AsyncPortkey(base_url=BASE, max_retries=0) as client:
        stream = await client.responses.create(model="m", input="Hi", stream=True)
        texts = [t async for t in stream.text_deltas()]
        assert "".join(texts) == "Hi"
        final = await stream.get_final_response()
        assert final.output_text == "Hi there! How can I assist you today?"

        mock.post("/responses").respond(200, content=error_event_stream(), headers=SSE)
        stream = await client.responses.create(model="m", input="Hi", stream=True)
        seen: List[Any] = []
        with pytest.raises(APIError, match="The model failed"):
            async for event in stream:
                seen.append(event)
        assert isinstance(seen[-1], ResponseErrorEvent)
