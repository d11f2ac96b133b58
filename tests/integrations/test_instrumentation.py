"""OpenTelemetry instrumentation (issue 14), our client's spans: ``Portkey(instrumentation=
Tracing(tracer_provider=...))`` into an in-memory exporter, answers from respx or the real
gateway. The GenAI attributes of a call, a stream (the span ends when the stream does), an
error, async, other routes; ``x-portkey-trace-id`` is the active trace; no prompt, completion or
key in a span unless ``capture_content``. (``instrumentation=True``'s process setup and export:
``test_instrumentation_setup.py``; the framework instrumentors: ``..._frameworks.py``.)
"""

from __future__ import annotations

import gc
import json
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, Tuple

import httpx
import pytest
import respx

from .support import require

require("opentelemetry.sdk.trace", "instrumentation")

from opentelemetry.sdk.trace import ReadableSpan, TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import SimpleSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import (  # noqa: E402
    InMemorySpanExporter,
)
from opentelemetry.trace import SpanKind, StatusCode  # noqa: E402

from portkey import APIConnectionError, APIError, AsyncPortkey, Portkey, RateLimitError  # noqa: E402
from portkey.instrumentation import Tracing  # noqa: E402

HERE = Path(__file__).parent
FIXTURE = HERE.parent / "fixtures" / "instrumentation" / "official_export.json"
BASE = "http://gateway.test/v1"
KEY = "pk-test-secret-key"
PROMPT = "what is the secret recipe"
ANSWER = "the recipe is classified"
MESSAGES = [{"role": "user", "content": PROMPT}]
CHAT = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1700000000,
    "model": "gpt-x-2024-01-01",
    "system_fingerprint": "fp_1",
    "choices": [
        {"index": 0, "message": {"role": "assistant", "content": ANSWER}, "finish_reason": "stop"}
    ],
    "usage": {
        "prompt_tokens": 11,
        "completion_tokens": 4,
        "total_tokens": 15,
        "prompt_tokens_details": {"cached_tokens": 3},
    },
}
PORTKEY_HEADERS = {
    "x-portkey-provider": "anthropic",
    "x-portkey-cache-status": "MISS",
    "x-portkey-retry-attempt-count": "0",
    "x-portkey-trace-id": "echoed",
}


def chunk(delta: Dict[str, Any], finish: Any = None, **extra: Any) -> bytes:
    body = {"id": "chatcmpl-s", "object": "chat.completion.chunk", "created": 1, "model": "gpt-s"}
    body["choices"] = [{"index": 0, "delta": delta, "finish_reason": finish}]
    body.update(extra)
    return b"data: " + json.dumps(body).encode() + b"\n\n"


SSE = b"".join(
    [
        chunk({"role": "assistant", "content": "the recipe "}),
        chunk({"content": "is classified"}),
        chunk({}, "length"),
        b'data: {"id": "chatcmpl-s", "object": "chat.completion.chunk", "created": 1, '
        b'"model": "gpt-s", "choices": [], '
        b'"usage": {"prompt_tokens": 9, "completion_tokens": 2, "total_tokens": 11}}\n\n',
        b"data: [DONE]\n\n",
    ]
)
SSE_HEADERS = {"content-type": "text/event-stream", **PORTKEY_HEADERS}


@pytest.fixture
def spans() -> Iterator[Tuple[TracerProvider, InMemorySpanExporter]]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield provider, exporter
    provider.shutdown()


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def traced(provider: TracerProvider, cls: Any = Portkey, **options: Any) -> Any:
    tracing = Tracing(tracer_provider=provider, capture_content=options.pop("capture", False))
    return cls(api_key=KEY, base_url=BASE, max_retries=0, instrumentation=tracing, **options)


def only(exporter: InMemorySpanExporter, name: str) -> ReadableSpan:
    found = [s for s in exporter.get_finished_spans() if s.name == name]
    assert len(found) == 1, [s.name for s in exporter.get_finished_spans()]
    return found[0]


def assert_no_content(span: ReadableSpan) -> None:
    """No prompt, completion or key anywhere in the span as it would be exported."""
    text = span.to_json()
    for secret in (PROMPT, ANSWER, "the recipe", KEY):
        assert secret not in text


# Our client's spans -------------------------------------------------------------------------


def test_a_chat_call_is_one_client_span_with_the_genai_attributes(spans: Any, mock: Any) -> None:
    provider, exporter = spans
    mock.post("/chat/completions").respond(200, json=CHAT, headers=PORTKEY_HEADERS)
    client = traced(provider)
    tracer = provider.get_tracer("app")
    with tracer.start_as_current_span("app.request") as outer:
        client.chat.completions.create(
            model="gpt-x",
            messages=MESSAGES,
            temperature=0.2,
            max_tokens=50,
            top_p=0.9,
            stop=["END"],
            seed=7,
            n=2,
        )
    span = only(exporter, "chat gpt-x")
    assert span.kind is SpanKind.CLIENT
    assert span.parent is not None and span.parent.span_id == outer.get_span_context().span_id
    assert span.status.status_code is StatusCode.UNSET
    assert dict(span.attributes or {}) == {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "anthropic",  # the gateway's x-portkey-provider
        "gen_ai.system": "anthropic",
        "gen_ai.request.model": "gpt-x",
        "gen_ai.request.temperature": 0.2,
        "gen_ai.request.max_tokens": 50,
        "gen_ai.request.top_p": 0.9,
        "gen_ai.request.seed": 7,
        "gen_ai.request.choice.count": 2,
        "gen_ai.request.stop_sequences": ("END",),
        "gen_ai.response.id": "chatcmpl-1",
        "gen_ai.response.model": "gpt-x-2024-01-01",
        "gen_ai.response.finish_reasons": ("stop",),
        "gen_ai.usage.input_tokens": 11,
        "gen_ai.usage.output_tokens": 4,
        "gen_ai.usage.cache_read.input_tokens": 3,
        "gen_ai.openai.response.system_fingerprint": "fp_1",
        "server.address": "gateway.test",
        "server.port": 80,
        "portkey.cache_status": "MISS",
        "portkey.retry_attempt_count": 0,
        "portkey.trace_id": "echoed",
    }
    assert_no_content(span)


def test_the_trace_id_travels_as_x_portkey_trace_id(spans: Any, mock: Any) -> None:
    provider, exporter = spans
    route = mock.post("/chat/completions").respond(200, json=CHAT)
    client = traced(provider)
    with provider.get_tracer("app").start_as_current_span("outer") as outer:
        client.chat.completions.create(model="gpt-x", messages=MESSAGES)
    sent = route.calls[-1].request.headers.get_list("x-portkey-trace-id")
    assert sent == [format(outer.get_span_context().trace_id, "032x")]
    # no span of the caller's: the client's own span is the trace, and its id is sent
    client.chat.completions.create(model="gpt-x", messages=MESSAGES)
    root = [s for s in exporter.get_finished_spans() if s.parent is None and s.name != "outer"]
    assert len(root) == 1 and root[0].context is not None
    sent = route.calls[-1].request.headers.get_list("x-portkey-trace-id")
    assert sent == [format(root[0].context.trace_id, "032x")]


def test_a_trace_id_the_caller_set_is_kept(spans: Any, mock: Any) -> None:
    provider, _ = spans
    route = mock.post("/chat/completions").respond(200, json=CHAT)
    tracer = provider.get_tracer("app")
    with tracer.start_as_current_span("outer"):
        traced(provider, trace_id="from-options").chat.completions.create(
            model="gpt-x", messages=MESSAGES
        )
        traced(provider).chat.completions.create(
            model="gpt-x", messages=MESSAGES, extra_headers={"X-Portkey-Trace-Id": "per-call"}
        )
        no_header = Tracing(tracer_provider=provider, trace_header=False)
        Portkey(base_url=BASE, instrumentation=no_header).chat.completions.create(
            model="gpt-x", messages=MESSAGES
        )
    sent = [call.request.headers.get_list("x-portkey-trace-id") for call in route.calls]
    assert sent == [["from-options"], ["per-call"], []]


def test_the_uuid_form_is_the_trace_id_the_official_exporter_logs(spans: Any, mock: Any) -> None:
    provider, _ = spans
    route = mock.post("/chat/completions").respond(200, json=CHAT)
    tracing = Tracing(tracer_provider=provider, trace_id_format="uuid")
    client = Portkey(base_url=BASE, instrumentation=tracing)
    with provider.get_tracer("app").start_as_current_span("outer") as outer:
        client.chat.completions.create(model="gpt-x", messages=MESSAGES)
    expected = uuid.uuid5(uuid.NAMESPACE_DNS, str(outer.get_span_context().trace_id))
    assert route.calls[-1].request.headers["x-portkey-trace-id"] == str(expected)
    with pytest.raises(ValueError, match="trace_id_format"):
        Tracing(trace_id_format="decimal")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="instrumentation must be"):
        Portkey(base_url=BASE, instrumentation="yes")  # type: ignore[arg-type]


def test_a_stream_span_ends_when_the_stream_ends(spans: Any, mock: Any) -> None:
    provider, exporter = spans
    mock.post("/chat/completions").respond(200, content=SSE, headers=SSE_HEADERS)
    stream = traced(provider).chat.completions.create(
        model="gpt-s-req", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    assert exporter.get_finished_spans() == ()  # open while the answer streams
    texts = [c.choices[0].delta.content for c in stream if c.choices]
    assert texts == ["the recipe ", "is classified", None]
    span = only(exporter, "chat gpt-s-req")
    attrs = dict(span.attributes or {})
    first_chunk = attrs.pop("gen_ai.response.time_to_first_chunk")
    assert isinstance(first_chunk, float) and 0 <= first_chunk < 5
    assert attrs == {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "anthropic",
        "gen_ai.system": "anthropic",
        "gen_ai.request.model": "gpt-s-req",
        "gen_ai.request.stream": True,
        "gen_ai.response.id": "chatcmpl-s",
        "gen_ai.response.model": "gpt-s",
        "gen_ai.response.finish_reasons": ("length",),
        "gen_ai.usage.input_tokens": 9,
        "gen_ai.usage.output_tokens": 2,
        "http.response.status_code": 200,
        "server.address": "gateway.test",
        "server.port": 80,
        "portkey.cache_status": "MISS",
        "portkey.retry_attempt_count": 0,
        "portkey.trace_id": "echoed",
    }
    assert span.status.status_code is StatusCode.UNSET
    assert_no_content(span)


def test_a_stream_left_early_or_dropped_still_ends_its_span(spans: Any, mock: Any) -> None:
    provider, exporter = spans
    mock.post("/chat/completions").respond(200, content=SSE, headers=SSE_HEADERS)
    client = traced(provider)
    stream = client.chat.completions.create(model="early", messages=MESSAGES, stream=True)
    next(iter(stream))
    stream.close()
    early = only(exporter, "chat early")
    assert (early.attributes or {})["portkey.stream.closed_early"] is True
    assert (early.attributes or {})["gen_ai.response.id"] == "chatcmpl-s"

    stream = client.chat.completions.create(model="dropped", messages=MESSAGES, stream=True)
    del stream
    gc.collect()
    assert (only(exporter, "chat dropped").attributes or {})["portkey.stream.closed_early"]


def test_an_error_in_the_middle_of_a_stream_is_the_span_error(spans: Any, mock: Any) -> None:
    provider, exporter = spans
    body = chunk({"content": "part"}) + b'data: {"error": {"message": "upstream broke"}}\n\n'
    mock.post("/chat/completions").respond(200, content=body, headers=SSE_HEADERS)
    stream = traced(provider).chat.completions.create(model="m", messages=MESSAGES, stream=True)
    with pytest.raises(APIError) as raised:
        list(stream)
    span = only(exporter, "chat m")
    assert span.status.status_code is StatusCode.ERROR
    assert (span.attributes or {})["error.type"] == type(raised.value).__name__
    assert span.events == ()  # the error's message is content: not recorded by default


def test_an_error_status_is_the_span_error_with_its_type(spans: Any, mock: Any) -> None:
    provider, exporter = spans
    error = {"error": {"message": f"too many: {PROMPT}", "type": "rate_limit"}}
    mock.post("/chat/completions").respond(429, json=error, headers=PORTKEY_HEADERS)
    with pytest.raises(RateLimitError):
        traced(provider).chat.completions.create(model="gpt-x", messages=MESSAGES)
    span = only(exporter, "chat gpt-x")
    assert span.status.status_code is StatusCode.ERROR
    assert span.status.description == "RateLimitError"
    attrs = span.attributes or {}
    assert attrs["error.type"] == "RateLimitError"
    assert attrs["http.response.status_code"] == 429
    assert attrs["gen_ai.provider.name"] == "anthropic"
    assert_no_content(span)

    mock.post("/embeddings").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError):
        traced(provider).embeddings.create(model="emb", input="x")
    span = only(exporter, "embeddings emb")
    assert (span.attributes or {})["error.type"] == "APIConnectionError"


def test_capture_content_is_an_opt_in(spans: Any, mock: Any) -> None:
    provider, exporter = spans
    mock.post("/chat/completions").respond(200, json=CHAT)
    traced(provider, capture=True).chat.completions.create(model="gpt-x", messages=MESSAGES)
    attrs = only(exporter, "chat gpt-x").attributes or {}
    assert json.loads(str(attrs["gen_ai.input.messages"])) == MESSAGES
    output = json.loads(str(attrs["gen_ai.output.messages"]))
    assert output == [{"role": "assistant", "parts": [{"type": "text", "content": ANSWER}]}]
    assert KEY not in only(exporter, "chat gpt-x").to_json()


@pytest.mark.anyio
async def test_async_calls_and_streams(spans: Any, mock: Any) -> None:
    provider, exporter = spans
    route = mock.post("/chat/completions")
    route.side_effect = [
        httpx.Response(200, json=CHAT),
        httpx.Response(200, content=SSE, headers=SSE_HEADERS),
    ]
    client = traced(provider, cls=AsyncPortkey)
    with provider.get_tracer("app").start_as_current_span("outer") as outer:
        await client.chat.completions.create(model="a-call", messages=MESSAGES)
        stream = await client.chat.completions.create(
            model="a-stream", messages=MESSAGES, stream=True
        )
        assert [s.name for s in exporter.get_finished_spans()] == ["chat a-call"]
        async for _ in stream:
            pass
    trace_id = outer.get_span_context().trace_id
    for call in route.calls:
        assert call.request.headers["x-portkey-trace-id"] == format(trace_id, "032x")
    call_span, stream_span = only(exporter, "chat a-call"), only(exporter, "chat a-stream")
    assert (call_span.attributes or {})["gen_ai.usage.output_tokens"] == 4
    assert (stream_span.attributes or {})["gen_ai.usage.output_tokens"] == 2
    assert (stream_span.attributes or {})["gen_ai.response.finish_reasons"] == ("length",)
    for span in (call_span, stream_span):
        assert span.parent is not None and span.parent.span_id == outer.get_span_context().span_id

    mock.post("/embeddings").respond(500, json={"error": {"message": "down"}})
    with pytest.raises(APIError):
        await client.embeddings.create(model="emb", input="x")
    assert only(exporter, "embeddings emb").status.status_code is StatusCode.ERROR


def test_other_routes_and_apis(spans: Any, mock: Any) -> None:
    provider, exporter = spans
    mock.get("/models/gpt-4o").respond(
        200, json={"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "o"}
    )
    response = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "model": "gpt-r-1",
        "status": "completed",
        "output": [],
        "usage": {
            "input_tokens": 6,
            "output_tokens": 3,
            "total_tokens": 9,
            "output_tokens_details": {"reasoning_tokens": 1},
        },
    }
    mock.post("/responses").respond(200, json=response)
    embedding = {
        "object": "list",
        "model": "emb-1",
        "usage": {"prompt_tokens": 2, "total_tokens": 2},
        "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2, 0.3]}],
    }
    mock.post("/embeddings").respond(200, json=embedding)
    client = traced(provider).with_options(timeout=30)  # a copy keeps the tracing
    client.models.retrieve("gpt-4o")
    client.responses.create(model="gpt-r", input=PROMPT)
    client.embeddings.create(model="emb", input=PROMPT, encoding_format="float")
    model_span = only(exporter, "GET /models/{id}")
    assert dict(model_span.attributes or {}) == {
        "http.request.method": "GET",
        "server.address": "gateway.test",
        "server.port": 80,
    }
    attrs = only(exporter, "chat gpt-r").attributes or {}
    assert attrs["gen_ai.usage.input_tokens"] == 6
    assert attrs["gen_ai.usage.reasoning.output_tokens"] == 1
    assert attrs["gen_ai.response.finish_reasons"] == ("completed",)
    attrs = only(exporter, "embeddings emb").attributes or {}
    assert attrs["gen_ai.embeddings.dimension.count"] == 3
    assert attrs["gen_ai.request.encoding_formats"] == ("float",)
    for span in exporter.get_finished_spans():
        assert_no_content(span)


def test_through_the_real_gateway(spans: Any, stack: Any) -> None:
    """The gateway routes to the fake upstream and answers with the trace id it was sent."""
    provider, exporter = spans
    tracing = Tracing(tracer_provider=provider)
    options = {"provider": "openai", "custom_host": stack.upstream_url, "Authorization": "sk-f"}
    client = Portkey(base_url=stack.gateway_url, instrumentation=tracing, **options)
    with provider.get_tracer("app").start_as_current_span("outer") as outer:
        answer = client.chat.completions.create(model="fake-model", messages=MESSAGES)
        chunks = list(
            client.chat.completions.create(model="fake-model", messages=MESSAGES, stream=True)
        )
    trace_id = format(outer.get_span_context().trace_id, "032x")
    assert answer.get_headers()["trace-id"] == trace_id  # the gateway logged it under ours
    assert chunks
    for span in [s for s in exporter.get_finished_spans() if s.name == "chat fake-model"]:
        attrs = span.attributes or {}
        assert attrs["gen_ai.provider.name"] == "openai"
        assert attrs["portkey.trace_id"] == trace_id
        assert attrs["gen_ai.response.finish_reasons"] == ("stop",)
        assert_no_content(span)
    assert len([s for s in exporter.get_finished_spans() if s.name == "chat fake-model"]) == 2


def test_raw_responses(spans: Any, mock: Any) -> None:
    """with_raw_response: the usage from the body already read; a raw stream's span ends with
    its headers (its body is the caller's to read)."""
    provider, exporter = spans
    route = mock.post("/chat/completions")
    route.side_effect = [
        httpx.Response(200, json=CHAT),
        httpx.Response(200, content=SSE, headers=SSE_HEADERS),
    ]
    client = traced(provider)
    raw = client.chat.completions.with_raw_response.create(model="raw", messages=MESSAGES)
    assert raw.parse().id == "chatcmpl-1"
    attrs = only(exporter, "chat raw").attributes or {}
    assert attrs["gen_ai.usage.input_tokens"] == 11
    assert attrs["http.response.status_code"] == 200
    with client.chat.completions.with_streaming_response.create(
        model="raw-stream", messages=MESSAGES, stream=True
    ) as response:
        attrs = only(exporter, "chat raw-stream").attributes or {}
        assert attrs["http.response.status_code"] == 200
        assert "gen_ai.usage.input_tokens" not in attrs
        assert len(list(response.iter_lines())) > 0
