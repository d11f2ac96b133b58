"""Smoke tests through the real open-source Portkey gateway, with raw httpx (no SDK yet).

What they pin down is written up in NOTES.md beside this file.
"""

from __future__ import annotations

import base64
import json
import shutil
import struct
import time
from pathlib import Path

import httpx
import pytest

from . import harness
from .harness import Stack

MESSAGES = [{"role": "user", "content": "hello gateway"}]
PORTKEY_HEADERS = (
    "x-portkey-cache-status",
    "x-portkey-last-used-option-index",
    "x-portkey-provider",
    "x-portkey-retry-attempt-count",
    "x-portkey-trace-id",
)


def config(obj: dict) -> dict:
    return {"x-portkey-config": json.dumps(obj)}


def sse_data(text: str) -> list:
    """The ``data:`` payloads of an event stream, in order."""
    out = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        for line in block.split("\n"):
            if line.startswith("data:"):
                out.append(line[5:].strip())
    return out


# ---------------------------------------------------------------------------------------------
# plain calls


def test_chat_through_gateway(stack: Stack, client: httpx.Client) -> None:
    r = client.post(
        "/chat/completions",
        json={"model": "gpt-4o-mini", "messages": MESSAGES},
        headers=stack.headers(),
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["object"] == "chat.completion"
    assert body["choices"][0]["message"] == {
        "role": "assistant",
        "content": "echo: hello gateway",
        "refusal": None,
    }
    assert body["choices"][0]["finish_reason"] == "stop"
    assert body["usage"]["total_tokens"] == body["usage"]["prompt_tokens"] + 3

    for name in PORTKEY_HEADERS:
        assert name in r.headers, name
    assert r.headers["x-portkey-cache-status"] == "DISABLED"
    assert r.headers["x-portkey-provider"] == "openai"
    assert r.headers["x-portkey-last-used-option-index"] == "config"
    assert r.headers["x-portkey-retry-attempt-count"] == "0"
    assert r.headers["x-portkey-trace-id"] == ""  # none sent: empty, not generated
    # the upstream's own headers come through
    assert r.headers["x-request-id"].startswith("req_fake_")

    seen = stack.last_request()
    assert seen["path"] == "/v1/chat/completions"
    assert seen["headers"]["authorization"] == "Bearer sk-fake"
    assert seen["body"] == {"model": "gpt-4o-mini", "messages": MESSAGES}
    assert not any(h.startswith("x-portkey-") for h in seen["headers"])
    assert stack.hits() == {("/v1/chat/completions", "gpt-4o-mini"): 1}


def test_trace_id_echoed_not_forwarded(stack: Stack, client: httpx.Client) -> None:
    r = client.post(
        "/chat/completions",
        json={"model": "m", "messages": MESSAGES},
        headers=stack.headers(**{"x-portkey-trace-id": "trace-abc"}),
    )
    assert r.status_code == 200
    assert r.headers["x-portkey-trace-id"] == "trace-abc"
    assert "x-portkey-trace-id" not in stack.last_request()["headers"]


def test_custom_host_localhost_accepted(stack: Stack, client: httpx.Client) -> None:
    host = stack.upstream_url.replace("127.0.0.1", "localhost")
    r = client.post(
        "/chat/completions",
        json={"model": "m", "messages": MESSAGES},
        headers=stack.headers(**{"x-portkey-custom-host": host}),
    )
    assert r.status_code == 200, r.text
    r = client.post(
        "/chat/completions",
        json={"model": "m", "messages": MESSAGES},
        headers=config(stack.target(custom_host=host)),
    )
    assert r.status_code == 200, r.text


def test_custom_host_other_loopback_rejected(stack: Stack, client: httpx.Client) -> None:
    port = stack.upstream_base.rsplit(":", 1)[1]
    r = client.post(
        "/chat/completions",
        json={"model": "m", "messages": MESSAGES},
        headers=stack.headers(**{"x-portkey-custom-host": f"http://127.0.0.2:{port}/v1"}),
    )
    assert r.status_code == 400
    assert r.json() == {"status": "failure", "message": "Invalid custom host"}
    assert "x-portkey-cache-status" not in r.headers  # gateway-level errors carry none
    assert stack.hits() == {}


def test_streamed_chat(stack: Stack, client: httpx.Client) -> None:
    body = {
        "model": "gpt-4o-mini",
        "messages": MESSAGES,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    with client.stream("POST", "/chat/completions", json=body, headers=stack.headers()) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        assert r.headers["x-portkey-cache-status"] == "DISABLED"
        text = r.read().decode()
    data = sse_data(text)
    assert data[-1] == "[DONE]"
    chunks = [json.loads(d) for d in data[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    content = "".join(ch["delta"].get("content") or "" for c in chunks for ch in c["choices"])
    assert content == "echo: hello gateway"
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] == 3
    assert stack.last_request()["body"]["stream"] is True


def test_tools_and_json_mode_pass_through(stack: Stack, client: httpx.Client) -> None:
    tool = {
        "type": "function",
        "function": {
            "name": "get_weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        },
    }
    r = client.post(
        "/chat/completions",
        json={"model": "m", "messages": MESSAGES, "tools": [tool]},
        headers=stack.headers(),
    )
    choice = r.json()["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    call = choice["message"]["tool_calls"][0]
    assert call["function"]["name"] == "get_weather"
    assert json.loads(call["function"]["arguments"]) == {"city": "hello gateway"}

    r = client.post(
        "/chat/completions",
        json={"model": "m", "messages": MESSAGES, "response_format": {"type": "json_object"}},
        headers=stack.headers(),
    )
    assert json.loads(r.json()["choices"][0]["message"]["content"]) == {"echo": "hello gateway"}


def test_embeddings_float_and_base64(stack: Stack, client: httpx.Client) -> None:
    r = client.post(
        "/embeddings",
        json={"model": "text-embedding-3-small", "input": ["a", "b"], "dimensions": 8},
        headers=stack.headers(),
    )
    assert r.status_code == 200
    floats = [d["embedding"] for d in r.json()["data"]]
    assert [len(v) for v in floats] == [8, 8]

    r = client.post(
        "/embeddings",
        json={
            "model": "text-embedding-3-small",
            "input": ["a", "b"],
            "dimensions": 8,
            "encoding_format": "base64",
        },
        headers=stack.headers(),
    )
    assert r.status_code == 200
    decoded = [
        list(struct.unpack("<8f", base64.b64decode(d["embedding"]))) for d in r.json()["data"]
    ]
    for got, want in zip(decoded, floats):
        assert got == pytest.approx(want, abs=1e-6)
    assert stack.last_request()["body"]["encoding_format"] == "base64"


def test_models_list(stack: Stack, client: httpx.Client) -> None:
    r = client.get("/models", headers=stack.headers())
    assert r.status_code == 200
    assert "gpt-4o-mini" in [m["id"] for m in r.json()["data"]]
    assert r.headers["x-portkey-provider"] == "openai"


# ---------------------------------------------------------------------------------------------
# configs: fallback, retry, timeout


def test_fallback_openai_to_anthropic(stack: Stack, client: httpx.Client) -> None:
    cfg = {
        "strategy": {"mode": "fallback"},
        "targets": [
            stack.target("openai"),
            stack.target("anthropic", override_params={"model": "claude-3-5-haiku-latest"}),
        ],
    }
    r = client.post(
        "/chat/completions",
        json={"model": "fail-500", "messages": MESSAGES, "max_tokens": 32},
        headers=config(cfg),
    )
    assert r.status_code == 200, r.text
    assert r.headers["x-portkey-last-used-option-index"] == "config.targets[1]"
    assert r.headers["x-portkey-provider"] == "anthropic"
    body = r.json()
    # Anthropic's Messages reply, translated to OpenAI's chat.completion
    assert body["object"] == "chat.completion"
    assert body["provider"] == "anthropic"
    assert body["model"] == "claude-3-5-haiku-latest"
    assert body["choices"][0]["message"] == {"role": "assistant", "content": "echo: hello gateway"}
    assert body["choices"][0]["finish_reason"] == "stop"  # from stop_reason end_turn
    assert body["usage"]["completion_tokens"] == 3

    assert stack.hits() == {
        ("/v1/chat/completions", "fail-500"): 1,
        ("/v1/messages", "claude-3-5-haiku-latest"): 1,
    }
    sent = stack.last_request("claude-3-5-haiku-latest")
    assert sent["headers"]["x-api-key"] == "sk-fake"
    assert sent["headers"]["anthropic-version"] == "2023-06-01"
    assert sent["body"]["max_tokens"] == 32


def test_fallback_streamed_to_anthropic(stack: Stack, client: httpx.Client) -> None:
    cfg = {
        "strategy": {"mode": "fallback"},
        "targets": [
            stack.target("openai"),
            stack.target("anthropic", override_params={"model": "claude-x"}),
        ],
    }
    body = {"model": "fail-503", "messages": MESSAGES, "max_tokens": 32, "stream": True}
    with client.stream("POST", "/chat/completions", json=body, headers=config(cfg)) as r:
        assert r.status_code == 200
        assert r.headers["x-portkey-last-used-option-index"] == "config.targets[1]"
        text = r.read().decode()
    data = sse_data(text)
    assert data[-1] == "[DONE]"
    chunks = [json.loads(d) for d in data[:-1]]
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    assert content == "echo: hello gateway"
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"


def test_retry_on_status_codes_counts_upstream_hits(stack: Stack, client: httpx.Client) -> None:
    cfg = stack.target(retry={"attempts": 3, "on_status_codes": [503]})
    t0 = time.monotonic()
    r = client.post(
        "/chat/completions",
        json={"model": "flaky-2-503", "messages": MESSAGES},
        headers=config(cfg),
    )
    elapsed = time.monotonic() - t0
    assert r.status_code == 200, r.text
    assert r.headers["x-portkey-retry-attempt-count"] == "2"
    assert stack.hit_count("flaky-2-503") == 3
    # the gateway's own backoff: 1 s, then 2 s (async-retry, factor 2, not randomised)
    assert 2.8 < elapsed < 6, elapsed


def test_retry_exhausted_reports_minus_one(stack: Stack, client: httpx.Client) -> None:
    cfg = stack.target(retry={"attempts": 1})  # default on_status_codes: 429, 500, 502-504
    r = client.post(
        "/chat/completions", json={"model": "fail-502", "messages": MESSAGES}, headers=config(cfg)
    )
    assert r.status_code == 502
    assert r.headers["x-portkey-retry-attempt-count"] == "-1"
    assert stack.hit_count("fail-502") == 2
    err = r.json()
    assert err["provider"] == "openai"
    assert err["error"]["message"].startswith("openai error: fake upstream: forced 502")


def test_retry_after_header_honoured(stack: Stack, client: httpx.Client) -> None:
    """Needs the async-retry patch: unpatched, this is a 500 TypeError from the gateway."""
    cfg = stack.target(
        retry={"attempts": 2, "on_status_codes": [429], "use_retry_after_header": True}
    )
    t0 = time.monotonic()
    r = client.post(
        "/chat/completions",
        json={"model": "flaky-1-429+retry-after-1", "messages": MESSAGES},
        headers=config(cfg),
    )
    elapsed = time.monotonic() - t0
    assert r.status_code == 200, r.text
    assert r.headers["x-portkey-retry-attempt-count"] == "1"
    assert stack.hit_count("flaky-1-429+retry-after-1") == 2
    assert 0.9 < elapsed < 3, elapsed
    assert "_timeouts" not in stack.gateway_log()


def test_request_timeout_header_gives_408(stack: Stack, client: httpx.Client) -> None:
    t0 = time.monotonic()
    r = client.post(
        "/chat/completions",
        json={"model": "slow-1500", "messages": MESSAGES},
        headers=stack.headers(**{"x-portkey-request-timeout": "400"}),
    )
    elapsed = time.monotonic() - t0
    assert r.status_code == 408
    assert r.json() == {
        "error": {
            "message": "Request exceeded the timeout sent in the request: 400ms",
            "type": "timeout_error",
            "param": None,
            "code": None,
        }
    }
    assert r.headers["x-portkey-retry-attempt-count"] == "0"
    assert "x-request-id" not in r.headers  # the upstream never answered
    assert 0.35 < elapsed < 1.4, elapsed


# ---------------------------------------------------------------------------------------------
# the gateway's own error bodies


@pytest.mark.parametrize(
    "headers, message",
    [
        ({"x-portkey-provider": "no-such-provider"}, "Invalid provider passed"),
        ({}, "Either x-portkey-config or x-portkey-provider header is required"),
        (
            {"x-portkey-config": "{not json"},
            "Invalid config passed. You need to pass a valid json",
        ),
        ({"x-portkey-config": "pc-abc123"}, "Invalid config passed. You need to pass a valid json"),
    ],
)
def test_gateway_rejects(client: httpx.Client, headers: dict, message: str) -> None:
    r = client.post("/chat/completions", json={"model": "m", "messages": MESSAGES}, headers=headers)
    assert r.status_code == 400
    assert r.json() == {"status": "failure", "message": message}
    assert not any(h.startswith("x-portkey-") for h in r.headers)


def test_invalid_config_lists_errors(stack: Stack, client: httpx.Client) -> None:
    cfg = {"strategy": {"mode": "bogus"}, "targets": [stack.target()]}
    r = client.post(
        "/chat/completions", json={"model": "m", "messages": MESSAGES}, headers=config(cfg)
    )
    assert r.status_code == 400
    assert r.json() == {
        "status": "failure",
        "message": "Invalid config passed",
        "errors": [
            "path: strategy,mode, message: Invalid 'mode' value. Must be one of: "
            "single, loadbalance, fallback, conditional"
        ],
    }


def test_upstream_error_is_wrapped(stack: Stack, client: httpx.Client) -> None:
    r = client.post(
        "/chat/completions",
        json={"model": "fail-401", "messages": MESSAGES},
        headers=stack.headers(),
    )
    assert r.status_code == 401
    assert r.json() == {
        "error": {
            "message": "openai error: fake upstream: forced 401 for model 'fail-401' (hit 1)",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_api_key",
        },
        "provider": "openai",
    }
    assert r.headers["x-portkey-provider"] == "openai"


# ---------------------------------------------------------------------------------------------
# the harness itself


def test_gateway_binds_loopback_only(stack: Stack) -> None:
    tcp = Path("/proc/net/tcp")
    if not tcp.exists():
        pytest.skip("no /proc/net/tcp")
    port = int(stack.gateway_base.rsplit(":", 1)[1])
    listening = []
    for line in tcp.read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        addr, hexport = local.split(":")
        if state == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
            listening.append(addr)
    assert listening == ["0100007F"]  # 127.0.0.1, little-endian hex
    tcp6 = Path("/proc/net/tcp6")
    if tcp6.exists():
        for line in tcp6.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            assert not (state == "0A" and int(local.rsplit(":", 1)[1], 16) == port)


def test_async_retry_patch_is_idempotent(stack: Stack, tmp_path: Path) -> None:
    copy = tmp_path / "index.js"
    shutil.copy(harness.ASYNC_RETRY, copy)
    text = copy.read_text().replace(harness.ASYNC_RETRY_NEW, harness.ASYNC_RETRY_OLD)
    copy.write_text(text)
    assert harness.patch_async_retry(copy) is True
    assert harness.ASYNC_RETRY_NEW in copy.read_text()
    assert harness.patch_async_retry(copy) is False
    assert copy.read_text().count("fn(bail, num") == 1
    # and the installed copy is patched
    assert harness.ASYNC_RETRY_NEW in harness.ASYNC_RETRY.read_text()


def test_fake_upstream_anthropic_needs_max_tokens(stack: Stack) -> None:
    status, headers, body = harness.http_json(
        "POST",
        stack.upstream_url + "/messages",
        body={"model": "claude-x", "messages": MESSAGES},
    )
    assert status == 400
    assert body == {
        "type": "error",
        "error": {"type": "invalid_request_error", "message": "max_tokens: Field required"},
    }
