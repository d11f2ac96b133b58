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


# ---------------------------------------------------------------------------------------------
# Responses, conversations, stored chat completions (fake_responses.py)

WEATHER = {
    "type": "function",
    "name": "get_weather",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
        "required": ["city"],
    },
}


def sse_events(text: str) -> list:
    """(event name, parsed data) per SSE event; the name must equal the data's type."""
    out = []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        assert lines[0].startswith("event: ") and lines[1].startswith("data: "), block
        data = json.loads(lines[1][6:])
        assert lines[0][7:] == data["type"]
        out.append(data)
    return out


def output_text(response: dict) -> str:
    return "".join(
        part["text"]
        for item in response["output"]
        if item["type"] == "message"
        for part in item["content"]
        if part["type"] == "output_text"
    )


def test_response_plain_retrieve_items_delete(up: httpx.Client) -> None:
    r = up.post("/v1/responses", json={"model": "m", "input": "hi there", "metadata": {"k": "v"}})
    seq = r.headers["x-request-id"].rsplit("_", 1)[1]  # ids carry the request's number
    resp = r.json()
    rid = f"resp_fake_{seq}"
    assert (resp["id"], resp["object"], resp["status"], resp["model"]) == (
        rid,
        "response",
        "completed",
        "m",
    )
    assert resp["output"] == [
        {
            "id": f"msg_fake_{seq}",
            "type": "message",
            "status": "completed",
            "role": "assistant",
            "content": [
                {"type": "output_text", "annotations": [], "logprobs": [], "text": "echo: hi there"}
            ],
        }
    ]
    assert resp["metadata"] == {"k": "v"} and resp["store"] is True
    assert resp["usage"]["output_tokens"] == 3
    assert resp["usage"]["total_tokens"] == resp["usage"]["input_tokens"] + 3

    assert up.get(f"/v1/responses/{rid}").json() == resp
    items = up.get(f"/v1/responses/{rid}/input_items").json()
    assert items == {
        "object": "list",
        "data": [
            {
                "type": "message",
                "role": "user",
                "content": [{"type": "input_text", "text": "hi there"}],
                "id": f"msg_fake_{seq}_0",
                "status": "completed",
            }
        ],
        "first_id": f"msg_fake_{seq}_0",
        "last_id": f"msg_fake_{seq}_0",
        "has_more": False,
    }
    r = up.delete(f"/v1/responses/{rid}")
    assert r.json() == {"id": rid, "object": "response.deleted", "deleted": True}
    r = up.get(f"/v1/responses/{rid}")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert up.delete(f"/v1/responses/{rid}").status_code == 404

    # store: false keeps nothing
    r = up.post("/v1/responses", json={"model": "m", "input": "x", "store": False})
    assert up.get(f"/v1/responses/{r.json()['id']}").status_code == 404


def test_input_items_pages(up: httpx.Client) -> None:
    given = [{"role": "user", "content": f"q{i}"} for i in range(5)]
    rid = up.post("/v1/responses", json={"model": "m", "input": given}).json()["id"]
    path = f"/v1/responses/{rid}/input_items"
    page = up.get(path, params={"limit": 2}).json()  # newest first by default
    assert [i["content"][0]["text"] for i in page["data"]] == ["q4", "q3"]
    assert page["has_more"] is True
    page = up.get(path, params={"limit": 2, "after": page["last_id"]}).json()
    assert [i["content"][0]["text"] for i in page["data"]] == ["q2", "q1"]
    page = up.get(path, params={"order": "asc", "after": page["data"][0]["id"]}).json()
    assert [i["content"][0]["text"] for i in page["data"]] == ["q3", "q4"]
    assert page["has_more"] is False
    assert up.get(path, params={"limit": 0}).status_code == 400
    assert up.get(path, params={"order": "up"}).status_code == 400
    assert up.get(path, params={"after": "nope"}).status_code == 400


def test_response_stream_events(up: httpx.Client) -> None:
    r = up.post("/v1/responses", json={"model": "m", "input": "one two three", "stream": True})
    assert r.headers["content-type"].startswith("text/event-stream")
    events = sse_events(r.text)
    types = [e["type"] for e in events]
    n = len(types)
    assert types == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
        *["response.output_text.delta"] * (n - 8),
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    assert [e["sequence_number"] for e in events] == list(range(n))
    assert (
        events[0]["response"]["status"] == "in_progress" and events[0]["response"]["output"] == []
    )
    deltas = [e["delta"] for e in events if e["type"] == "response.output_text.delta"]
    final = events[-1]["response"]
    assert "".join(deltas) == output_text(final) == "echo: one two three" == events[-4]["text"]
    assert final["status"] == "completed" and final["usage"]["output_tokens"] == 4
    assert up.get(f"/v1/responses/{final['id']}").json() == final

    # the stored events replay, after a sequence number
    replay = up.get(f"/v1/responses/{final['id']}", params={"stream": "true", "starting_after": 4})
    assert [e["sequence_number"] for e in sse_events(replay.text)] == list(range(5, n))
    plain = up.post("/v1/responses", json={"model": "m", "input": "x"}).json()
    assert up.get(f"/v1/responses/{plain['id']}", params={"stream": "true"}).status_code == 400


def test_response_tool_call_round_trips(up: httpx.Client) -> None:
    body = {"model": "m", "input": "Paris", "tools": [WEATHER]}
    first = up.post("/v1/responses", json=body).json()
    (call,) = first["output"]
    assert call == {
        "id": f"fc_fake_{first['id'].rsplit('_', 1)[1]}",
        "type": "function_call",
        "status": "completed",
        "arguments": json.dumps({"city": "Paris", "days": 1}),
        "call_id": call["call_id"],
        "name": "get_weather",
    }
    result = {"type": "function_call_output", "call_id": call["call_id"], "output": "sunny"}
    # chained on the stored response
    second = up.post(
        "/v1/responses",
        json={
            "model": "m",
            "previous_response_id": first["id"],
            "input": [result],
            "tools": [WEATHER],
        },
    ).json()
    assert output_text(second) == "echo: tool said sunny"
    assert second["previous_response_id"] == first["id"]
    # or with the whole history sent back
    manual = up.post(
        "/v1/responses",
        json={"model": "m", "input": ["x", call, result], "tools": [WEATHER], "store": False},
    )
    assert manual.status_code == 400  # a bare string is not an item
    manual = up.post(
        "/v1/responses",
        json={
            "model": "m",
            "input": [{"role": "user", "content": "Paris"}, call, result],
            "tools": [WEATHER],
        },
    ).json()
    assert output_text(manual) == "echo: tool said sunny"
    # tool_choice none: text; naming a tool picks it
    other = {"type": "function", "name": "noop", "parameters": {"type": "object"}}
    text = up.post("/v1/responses", json={**body, "tool_choice": "none"}).json()
    assert output_text(text) == "echo: Paris"
    chosen = up.post(
        "/v1/responses",
        json={
            **body,
            "tools": [WEATHER, other],
            "tool_choice": {"type": "function", "name": "noop"},
        },
    ).json()
    assert chosen["output"][0]["name"] == "noop" and chosen["output"][0]["arguments"] == "{}"

    missing = up.post("/v1/responses", json={"model": "m", "previous_response_id": "resp_x"})
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "previous_response_not_found"


def test_response_tool_call_stream(up: httpx.Client) -> None:
    r = up.post(
        "/v1/responses", json={"model": "m", "input": "Oslo", "tools": [WEATHER], "stream": True}
    )
    events = sse_events(r.text)
    types = [e["type"] for e in events]
    assert types[:3] == ["response.created", "response.in_progress", "response.output_item.added"]
    assert types[-3:] == [
        "response.function_call_arguments.done",
        "response.output_item.done",
        "response.completed",
    ]
    assert set(types[3:-3]) == {"response.function_call_arguments.delta"}
    added, done = events[2]["item"], events[-3]
    assert (added["type"], added["status"], added["arguments"]) == (
        "function_call",
        "in_progress",
        "",
    )
    args = "".join(e["delta"] for e in events if e["type"].endswith("arguments.delta"))
    assert args == done["arguments"] == events[-1]["response"]["output"][0]["arguments"]
    assert json.loads(args) == {"city": "Oslo", "days": 1} and done["name"] == "get_weather"


def test_response_text_formats(up: httpx.Client) -> None:
    schema = {"type": "object", "properties": {"ok": {"type": "boolean"}, "n": {"type": "integer"}}}
    fmt = {"format": {"type": "json_schema", "name": "x", "schema": schema, "strict": True}}
    r = up.post("/v1/responses", json={"model": "m", "input": "hi", "text": fmt}).json()
    assert json.loads(output_text(r)) == {"ok": True, "n": 1}
    assert r["text"] == {**fmt, "verbosity": "medium"}
    r = up.post(
        "/v1/responses",
        json={"model": "m", "input": "hi", "text": {"format": {"type": "json_object"}}},
    ).json()
    assert json.loads(output_text(r)) == {"echo": "hi"}


def test_background_and_cancel(up: httpx.Client) -> None:
    queued = up.post("/v1/responses", json={"model": "m", "input": "bg", "background": True}).json()
    assert (queued["status"], queued["output"], queued["background"]) == ("queued", [], True)
    cancelled = up.post(f"/v1/responses/{queued['id']}/cancel").json()
    assert cancelled["status"] == "cancelled"
    assert up.post(f"/v1/responses/{queued['id']}/cancel", json={}).json()["status"] == "cancelled"
    assert up.get(f"/v1/responses/{queued['id']}").json()["status"] == "cancelled"

    other = up.post("/v1/responses", json={"model": "m", "input": "bg", "background": True}).json()
    done = up.get(f"/v1/responses/{other['id']}").json()
    assert done["status"] == "completed" and output_text(done) == "echo: bg"
    assert up.post(f"/v1/responses/{other['id']}/cancel").status_code == 400
    plain = up.post("/v1/responses", json={"model": "m", "input": "x"}).json()
    assert up.post(f"/v1/responses/{plain['id']}/cancel").status_code == 400
    r = up.post(
        "/v1/responses", json={"model": "m", "input": "x", "background": True, "store": False}
    )
    assert r.status_code == 400


def test_input_tokens_and_compact(up: httpx.Client) -> None:
    r = up.post("/v1/responses/input_tokens", json={"model": "m", "input": "a b c"})
    assert r.json() == {"object": "response.input_tokens", "input_tokens": 4}
    first = up.post("/v1/responses", json={"model": "m", "input": "a b c"}).json()
    r = up.post(
        "/v1/responses/input_tokens",
        json={"model": "m", "previous_response_id": first["id"], "input": "d"},
    )
    assert r.json()["input_tokens"] > 4
    compacted = up.post(
        "/v1/responses/compact", json={"model": "m", "previous_response_id": first["id"]}
    ).json()
    assert compacted["object"] == "response.compaction"
    users, last = compacted["output"][:-1], compacted["output"][-1]
    assert [u["content"][0]["text"] for u in users] == ["a b c"]
    assert last["type"] == "compaction" and last["encrypted_content"]
    assert up.post("/v1/responses/compact", json={"input": "x"}).status_code == 400


def test_conversations(up: httpx.Client) -> None:
    conv = up.post(
        "/v1/conversations",
        json={"metadata": {"topic": "t"}, "items": [{"role": "user", "content": "first"}]},
    ).json()
    cid = conv["id"]
    assert conv == {
        "id": cid,
        "object": "conversation",
        "created_at": 1700000000,
        "metadata": {"topic": "t"},
    }
    assert up.get(f"/v1/conversations/{cid}").json() == conv
    updated = up.post(f"/v1/conversations/{cid}", json={"metadata": {"topic": "u"}}).json()
    assert updated["metadata"] == {"topic": "u"}
    assert up.post(f"/v1/conversations/{cid}", json={}).status_code == 400

    added = up.post(
        f"/v1/conversations/{cid}/items", json={"items": [{"role": "user", "content": "second"}]}
    ).json()
    assert added["object"] == "list" and len(added["data"]) == 1
    # a response in the conversation sees its items and appends input + output
    resp = up.post("/v1/responses", json={"model": "m", "conversation": cid, "input": "third"})
    assert output_text(resp.json()) == "echo: third" and resp.json()["conversation"] == {"id": cid}
    items = up.get(f"/v1/conversations/{cid}/items", params={"order": "asc"}).json()["data"]
    assert [i.get("role") for i in items] == ["user", "user", "user", "assistant"]
    assert output_text({"output": items[-1:]}) == "echo: third"
    first_id = items[0]["id"]
    assert up.get(f"/v1/conversations/{cid}/items/{first_id}").json() == items[0]
    assert up.delete(f"/v1/conversations/{cid}/items/{first_id}").json() == updated
    assert up.get(f"/v1/conversations/{cid}/items/{first_id}").status_code == 404
    assert len(up.get(f"/v1/conversations/{cid}/items").json()["data"]) == 3

    both = {"model": "m", "conversation": cid, "previous_response_id": resp.json()["id"]}
    assert up.post("/v1/responses", json=both).status_code == 400
    assert up.delete(f"/v1/conversations/{cid}").json() == {
        "id": cid,
        "object": "conversation.deleted",
        "deleted": True,
    }
    assert up.get(f"/v1/conversations/{cid}").status_code == 404
    assert up.post("/v1/responses", json={"model": "m", "conversation": cid}).status_code == 404


def test_stored_chat_completions(up: httpx.Client) -> None:
    def create(model: str, store: bool, **extra: object) -> dict:
        body = {"model": model, "messages": USER, "store": store, **extra}
        return up.post("/v1/chat/completions", json=body).json()

    a = create("m1", True, metadata={"team": "x"})
    b = create("m2", True, metadata={"team": "y"})
    create("m1", False)
    streamed = up.post(
        "/v1/chat/completions",
        json={"model": "m1", "messages": USER, "store": True, "stream": True},
    )
    c_id = json.loads(data_lines(streamed.text)[0])["id"]  # a stream is stored too
    assert up.get("/v1/chat/completions").json()["data"][0] == {**a, "metadata": {"team": "x"}}
    ids = [row["id"] for row in up.get("/v1/chat/completions").json()["data"]]
    assert ids == [a["id"], b["id"], c_id]
    stored_stream = up.get(f"/v1/chat/completions/{c_id}").json()
    assert stored_stream["choices"][0]["message"]["content"] == "echo: hi there"

    def listed(**params: object) -> list:
        return [r["id"] for r in up.get("/v1/chat/completions", params=params).json()["data"]]

    assert listed(model="m1") == [a["id"], c_id]
    assert listed(**{"metadata[team]": "y"}) == [b["id"]]
    assert listed(order="desc", limit=1) == [c_id]
    assert listed(after=a["id"]) == [b["id"], c_id]

    updated = up.post(f"/v1/chat/completions/{a['id']}", json={"metadata": {"team": "z"}}).json()
    assert updated["metadata"] == {"team": "z"} and updated["id"] == a["id"]
    messages = up.get(f"/v1/chat/completions/{a['id']}/messages").json()
    assert messages["data"] == [
        {
            "id": f"{a['id']}-0",
            "role": "user",
            "content": "hi there",
            "content_parts": None,
            "name": None,
        }
    ]
    gone = up.delete(f"/v1/chat/completions/{a['id']}").json()
    assert gone == {"object": "chat.completion.deleted", "id": a["id"], "deleted": True}
    assert up.get(f"/v1/chat/completions/{a['id']}").status_code == 404
    assert up.get(f"/v1/chat/completions/{a['id']}/messages").status_code == 404

    up.post("/__reset")
    assert up.get("/v1/chat/completions").json()["data"] == []


def test_reasoning_and_incomplete(up: httpx.Client) -> None:
    body = {"model": "m", "input": "why not", "reasoning": {"effort": "low", "summary": "auto"}}
    r = up.post("/v1/responses", json=body).json()
    assert [i["type"] for i in r["output"]] == ["reasoning", "message"]
    assert r["output"][0]["summary"] == [
        {"type": "summary_text", "text": "Thinking about: why not"}
    ]
    assert r["usage"]["output_tokens_details"] == {"reasoning_tokens": 8}
    assert r["usage"]["output_tokens"] == 3 + 8

    events = sse_events(up.post("/v1/responses", json={**body, "stream": True}).text)
    types = [e["type"] for e in events]
    assert types[2:4] == ["response.output_item.added", "response.reasoning_summary_part.added"]
    summary = "".join(e["delta"] for e in events if e["type"].endswith("summary_text.delta"))
    assert summary == "Thinking about: why not"
    assert [e["output_index"] for e in events if e["type"] == "response.output_item.done"] == [0, 1]
    assert output_text(events[-1]["response"]) == "echo: why not"

    cut = {"model": "m", "input": "one two three four", "max_output_tokens": 2}
    r = up.post("/v1/responses", json=cut).json()
    assert (r["status"], r["incomplete_details"]) == ("incomplete", {"reason": "max_output_tokens"})
    assert output_text(r) == "echo: one" and r["output"][0]["status"] == "incomplete"
    events = sse_events(up.post("/v1/responses", json={**cut, "stream": True}).text)
    assert events[-1]["type"] == "response.incomplete"
    assert "".join(e["delta"] for e in events if e["type"].endswith("text.delta")) == "echo: one"


def test_broken_response_streams(up: httpx.Client) -> None:
    body = {"input": "a b c", "stream": True}
    events = sse_events(up.post("/v1/responses", json={**body, "model": "m+failed-after-3"}).text)
    assert [e["type"] for e in events] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.failed",
    ]
    failed = events[-1]
    assert failed["sequence_number"] == 3 and failed["response"]["status"] == "failed"
    assert failed["response"]["error"]["code"] == "server_error"

    events = sse_events(up.post("/v1/responses", json={**body, "model": "error-after-1"}).text)
    assert events[-1] == {
        "type": "error",
        "code": "server_error",
        "message": "fake upstream: error-after-1 for model 'error-after-1'",
        "param": None,
        "sequence_number": 1,
    }
    assert len(events) == 2
