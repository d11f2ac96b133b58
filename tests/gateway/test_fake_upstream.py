"""The fake upstream on its own, in-process (no Node needed): its formats and failure modes."""

from __future__ import annotations

import base64
import json
import struct
import time
from typing import Iterator

import httpx
import pytest

from .fake_upstream import FakeUpstreamServer, parse_model, serve_in_thread

USER = [{"role": "user", "content": "hi there"}]


@pytest.fixture(scope="module")
def server() -> Iterator[FakeUpstreamServer]:
    srv = serve_in_thread()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.fixture
def up(server: FakeUpstreamServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, trust_env=False, timeout=10) as c:
        c.post("/__reset")
        yield c


def data_lines(text: str) -> list:
    return [line[6:] for line in text.split("\n") if line.startswith("data: ")]


def test_model_grammar() -> None:
    m = parse_model("gpt-4o-mini")
    assert (m.fail, m.flaky, m.slow_ms, m.retry_after) == (None, None, 0, None)
    m = parse_model("flaky-2-503+slow-20+retry-after-ms-1500+drip-5+cut-3")
    assert (m.flaky, m.slow_ms, m.retry_after_ms, m.drip_ms, m.cut) == ((2, 503), 20, "1500", 5, 3)
    m = parse_model("ratelimit-retry-after-1")
    assert (m.fail, m.retry_after) == (429, "1")


def test_chat_json(up: httpx.Client) -> None:
    r = up.post("/v1/chat/completions", json={"model": "m", "messages": USER, "n": 2})
    body = r.json()
    assert [c["message"]["content"] for c in body["choices"]] == ["echo: hi there"] * 2
    assert r.headers["x-request-id"] == "req_fake_1"
    assert body["usage"] == {"prompt_tokens": 3, "completion_tokens": 6, "total_tokens": 9}


def test_chat_stream_and_usage(up: httpx.Client) -> None:
    r = up.post(
        "/v1/chat/completions",
        json={"model": "m", "messages": USER, "stream": True},
    )
    assert r.headers["content-type"].startswith("text/event-stream")
    data = data_lines(r.text)
    assert data[-1] == "[DONE]"
    chunks = [json.loads(d) for d in data[:-1]]
    assert "usage" not in chunks[0]
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks) == "echo: hi there"

    r = up.post(
        "/chat/completions",  # without /v1 too
        json={
            "model": "m",
            "messages": USER,
            "stream": True,
            "stream_options": {"include_usage": True},
        },
    )
    chunks = [json.loads(d) for d in data_lines(r.text)[:-1]]
    assert all(c["usage"] is None for c in chunks[:-1])
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["total_tokens"] == 6


def test_tool_call_then_tool_result(up: httpx.Client) -> None:
    tools = [
        {"type": "function", "function": {"name": "a", "parameters": {"type": "object"}}},
        {
            "type": "function",
            "function": {
                "name": "b",
                "parameters": {
                    "type": "object",
                    "properties": {"n": {"type": "integer"}, "tags": {"type": "array"}},
                },
            },
        },
    ]
    choice = {"type": "function", "function": {"name": "b"}}
    r = up.post(
        "/v1/chat/completions",
        json={"model": "m", "messages": USER, "tools": tools, "tool_choice": choice},
    )
    call = r.json()["choices"][0]["message"]["tool_calls"][0]
    assert call["function"]["name"] == "b"
    assert json.loads(call["function"]["arguments"]) == {"n": 1, "tags": ["hi there"]}

    messages = [
        *USER,
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": call["id"], "content": "42"},
    ]
    r = up.post("/v1/chat/completions", json={"model": "m", "messages": messages, "tools": tools})
    assert r.json()["choices"][0]["message"]["content"] == "echo: tool said 42"

    r = up.post(
        "/v1/chat/completions",
        json={"model": "m", "messages": USER, "tools": tools, "stream": True},
    )
    chunks = [json.loads(d) for d in data_lines(r.text)[:-1]]
    args = "".join(
        tc["function"].get("arguments", "")
        for c in chunks
        for tc in c["choices"][0]["delta"].get("tool_calls") or []
    )
    assert json.loads(args) == {}
    assert chunks[-1]["choices"][0]["finish_reason"] == "tool_calls"


def test_json_schema_output(up: httpx.Client) -> None:
    fmt = {
        "type": "json_schema",
        "json_schema": {
            "name": "x",
            "schema": {
                "type": "object",
                "properties": {"ok": {"type": "boolean"}, "kind": {"enum": ["a", "b"]}},
            },
        },
    }
    r = up.post(
        "/v1/chat/completions", json={"model": "m", "messages": USER, "response_format": fmt}
    )
    assert json.loads(r.json()["choices"][0]["message"]["content"]) == {"ok": True, "kind": "a"}


def test_embeddings_inputs_and_formats(up: httpx.Client) -> None:
    one = up.post("/v1/embeddings", json={"model": "e", "input": "x"}).json()
    assert len(one["data"]) == 1 and len(one["data"][0]["embedding"]) == 1536
    tokens = up.post("/v1/embeddings", json={"model": "e", "input": [1, 2, 3], "dimensions": 4})
    assert len(tokens.json()["data"]) == 1
    many = up.post(
        "/v1/embeddings",
        json={"model": "e", "input": [[1, 2], [3]], "dimensions": 4, "encoding_format": "base64"},
    ).json()
    assert [d["index"] for d in many["data"]] == [0, 1]
    vec = struct.unpack("<4f", base64.b64decode(many["data"][0]["embedding"]))
    assert sum(v * v for v in vec) == pytest.approx(1.0, abs=1e-5)
    again = up.post("/v1/embeddings", json={"model": "e", "input": "x"}).json()
    assert again["data"][0]["embedding"] == one["data"][0]["embedding"]  # deterministic


def test_anthropic_messages(up: httpx.Client) -> None:
    body = {"model": "c", "max_tokens": 5, "system": "sys", "messages": USER}
    r = up.post("/v1/messages", json=body)
    assert r.json()["content"] == [{"type": "text", "text": "echo: hi there"}]
    assert r.headers["request-id"] == r.headers["x-request-id"]

    r = up.post("/v1/messages", json={**body, "stream": True})
    events = [line[7:] for line in r.text.split("\n") if line.startswith("event: ")]
    assert events[:3] == ["message_start", "content_block_start", "ping"]
    assert events[-3:] == ["content_block_stop", "message_delta", "message_stop"]

    r = up.post("/v1/messages", json={"model": "c", "messages": USER})
    assert r.status_code == 400
    assert r.json()["error"]["type"] == "invalid_request_error"


def test_failure_modes(up: httpx.Client) -> None:
    r = up.post("/v1/chat/completions", json={"model": "fail-429", "messages": USER})
    assert r.status_code == 429 and r.json()["error"]["code"] == "rate_limit_exceeded"
    assert "retry-after" not in r.headers

    r = up.post("/v1/messages", json={"model": "fail-529", "max_tokens": 1, "messages": USER})
    assert r.status_code == 529 and r.json()["error"]["type"] == "overloaded_error"

    statuses = [
        up.post("/v1/chat/completions", json={"model": "flaky-2-503", "messages": USER}).status_code
        for _ in range(3)
    ]
    assert statuses == [503, 503, 200]

    r = up.post("/v1/chat/completions", json={"model": "ratelimit-retry-after-1", "messages": USER})
    assert (r.status_code, r.headers["retry-after"]) == (429, "1")

    t0 = time.monotonic()
    r = up.post("/v1/chat/completions", json={"model": "slow-200", "messages": USER})
    assert r.status_code == 200 and time.monotonic() - t0 >= 0.19


def test_cut_stream(up: httpx.Client) -> None:
    body = {"model": "cut-2", "messages": USER, "stream": True}
    with pytest.raises(httpx.RemoteProtocolError):
        up.post("/v1/chat/completions", json=body)
    assert up.get("/__hits").json()["hits"][0]["count"] == 1


def test_hits_requests_reset(up: httpx.Client) -> None:
    up.post("/v1/chat/completions", json={"model": "a", "messages": USER}, headers={"X-Y": "z"})
    up.post("/v1/chat/completions", json={"model": "a", "messages": USER})
    up.get("/v1/models")
    hits = up.get("/__hits").json()["hits"]
    assert {(h["method"], h["path"], h["model"], h["count"]) for h in hits} == {
        ("POST", "/v1/chat/completions", "a", 2),
        ("GET", "/v1/models", "", 1),
    }
    reqs = up.get("/__requests", params={"model": "a"}).json()["requests"]
    assert len(reqs) == 2 and reqs[0]["headers"]["x-y"] == "z"
    assert reqs[0]["body"] == {"model": "a", "messages": USER}
    up.post("/__reset")
    assert up.get("/__hits").json() == {"hits": []}
