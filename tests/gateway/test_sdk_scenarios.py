"""Our SDK through the real open-source gateway: chat, streams, embeddings, tracing, errors.

Every scenario runs twice, through ``Portkey`` and through ``AsyncPortkey`` (see
``sdk_support``). Routing (fallback, loadbalance, gateway retries, the gateway's 408) lives in
``test_sdk_routing.py``. What the gateway does on the wire is written up in NOTES.md.
"""

from __future__ import annotations

import asyncio
import json
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict

import pytest

import portkey
from portkey import (
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    RateLimitError,
)
from portkey.types.chat import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionMessageToolCall,
)
from portkey.types.embeddings import CreateEmbeddingResponse

from .harness import Stack
from .sdk_support import (
    MESSAGES,
    drain,
    recording_http_client,
    resolve,
    scenario_marks,
    sdk,
    sent_config,
)

pytestmark = scenario_marks

SYSTEM = {"role": "system", "content": "You are terse."}

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
            "required": ["city"],
        },
    },
}


def assert_plain_headers(headers: Dict[str, str], trace_id: str = "") -> None:
    """The five x-portkey-* headers of a plain (config-less) call, prefix removed."""
    assert headers == {
        "cache-status": "DISABLED",
        "last-used-option-index": "config",
        "provider": "openai",
        "retry-attempt-count": "0",
        "trace-id": trace_id,
    }


# ---------------------------------------------------------------------------------------------
# chat


async def test_basic_chat_with_system_prompt_and_usage(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack) as client:
        completion = await resolve(
            client.chat.completions.create(model="gpt-4o-mini", messages=[SYSTEM, *MESSAGES])
        )
    assert isinstance(completion, ChatCompletion)
    assert completion.object == "chat.completion"
    assert completion.model == "gpt-4o-mini"
    assert completion.id.startswith("chatcmpl-fake-")
    choice = completion.choices[0]
    assert choice.message.role == "assistant"
    assert choice.message.content == "echo: hello gateway"
    assert choice.finish_reason == "stop"
    usage = completion.usage
    assert usage.prompt_tokens > 0
    assert usage.completion_tokens == 3
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    assert_plain_headers(completion.get_headers())

    # what reached the provider: the body as sent, our key, no x-portkey-* header
    seen = stack.last_request()
    assert seen["path"] == "/v1/chat/completions"
    assert seen["body"] == {"model": "gpt-4o-mini", "messages": [SYSTEM, *MESSAGES]}
    assert seen["headers"]["authorization"] == "Bearer sk-fake"
    assert not any(h.startswith("x-portkey-") for h in seen["headers"])


async def test_multi_turn(mode: str, stack: Stack) -> None:
    history: list = [SYSTEM, {"role": "user", "content": "first question"}]
    async with sdk(mode, stack) as client:
        first = await resolve(client.chat.completions.create(model="gpt-4o-mini", messages=history))
        assert first.choices[0].message.content == "echo: first question"
        # the typed message goes back into the history as it is
        history += [first.choices[0].message, {"role": "user", "content": "second question"}]
        second = await resolve(
            client.chat.completions.create(model="gpt-4o-mini", messages=history)
        )
    assert second.choices[0].message.content == "echo: second question"
    sent = stack.last_request()["body"]["messages"]
    assert sent == [
        SYSTEM,
        {"role": "user", "content": "first question"},
        {"role": "assistant", "content": "echo: first question"},  # None fields left out
        {"role": "user", "content": "second question"},
    ]
    assert stack.hit_count("gpt-4o-mini") == 2


async def test_json_output(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack) as client:
        completion = await resolve(
            client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[
                    {"role": "system", "content": "Answer in JSON."},
                    {"role": "user", "content": "ping"},
                ],
                response_format={"type": "json_object"},
            )
        )
    assert json.loads(completion.choices[0].message.content) == {"echo": "ping"}
    assert stack.last_request()["body"]["response_format"] == {"type": "json_object"}


async def test_tools_round_trip(mode: str, stack: Stack) -> None:
    messages: list = [{"role": "user", "content": "weather in Paris?"}]
    async with sdk(mode, stack) as client:
        first = await resolve(
            client.chat.completions.create(
                model="gpt-4o-mini", messages=messages, tools=[WEATHER_TOOL], tool_choice="auto"
            )
        )
        choice = first.choices[0]
        assert choice.finish_reason == "tool_calls"
        assert choice.message.content is None
        (call,) = choice.message.tool_calls
        assert isinstance(call, ChatCompletionMessageToolCall)
        assert call.type == "function"
        assert call.id.startswith("call_fake_")
        assert call.function.name == "get_weather"
        assert json.loads(call.function.arguments) == {"city": "weather in Paris?", "days": 1}

        # the tool's answer goes back; the model answers in text
        messages += [
            choice.message,
            {"role": "tool", "tool_call_id": call.id, "content": "sunny"},
        ]
        second = await resolve(
            client.chat.completions.create(
                model="gpt-4o-mini", messages=messages, tools=[WEATHER_TOOL]
            )
        )
    assert second.choices[0].message.content == "echo: tool said sunny"
    assert second.choices[0].finish_reason == "stop"
    sent = stack.last_request()["body"]
    assert sent["tools"] == [WEATHER_TOOL]
    assert sent["messages"][1]["tool_calls"][0]["id"] == call.id


# ---------------------------------------------------------------------------------------------
# streaming


async def test_stream_chunks(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack, trace_id="stream-trace") as client:
        stream = await resolve(
            client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES, stream=True)
        )
        assert stream.status_code == 200
        assert_plain_headers(stream.get_headers(), trace_id="stream-trace")
        chunks = await drain(stream)
    assert chunks and all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert {c.id for c in chunks} == {chunks[0].id}
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "echo: hello gateway"
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].get_headers()["trace-id"] == "stream-trace"
    assert stack.last_request()["body"]["stream"] is True


async def test_stream_text_deltas(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack) as client:
        stream = await resolve(
            client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "one two three four"}],
                stream=True,
            )
        )
        if mode == "sync":
            with stream:
                deltas = await drain(stream.text_deltas())
        else:
            async with stream:
                deltas = await drain(stream.text_deltas())
    assert len(deltas) > 1  # it really arrived in pieces
    assert "".join(deltas) == "echo: one two three four"
    assert all(deltas)


async def test_stream_final_completion_with_usage(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack) as client:
        stream = await resolve(
            client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[SYSTEM, *MESSAGES],
                stream=True,
                stream_options={"include_usage": True},
            )
        )
        final = await resolve(stream.get_final_completion())
    assert isinstance(final, ChatCompletion)
    assert final.choices[0].message.content == "echo: hello gateway"
    assert final.choices[0].finish_reason == "stop"
    assert final.usage is not None
    assert final.usage.completion_tokens == 3
    assert final.usage.total_tokens == final.usage.prompt_tokens + 3
    assert stack.last_request()["body"]["stream_options"] == {"include_usage": True}


async def test_stream_tool_calls_assemble(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack) as client:
        stream = await resolve(
            client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "Oslo"}],
                tools=[WEATHER_TOOL],
                stream=True,
            )
        )
        final = await resolve(stream.get_final_completion())
    choice = final.choices[0]
    assert choice.finish_reason == "tool_calls"
    (call,) = choice.message.tool_calls
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Oslo", "days": 1}


# ---------------------------------------------------------------------------------------------
# embeddings


async def test_embeddings_floats_by_default(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack) as client:
        default = await resolve(
            client.embeddings.create(model="text-embedding-3-small", input=["a", "b"], dimensions=8)
        )
        # we ask for base64 on the caller's behalf; the gateway passes it through untouched
        assert stack.last_request()["body"]["encoding_format"] == "base64"
        floats = await resolve(
            client.embeddings.create(
                model="text-embedding-3-small",
                input=["a", "b"],
                dimensions=8,
                encoding_format="float",
            )
        )
        assert stack.last_request()["body"]["encoding_format"] == "float"
        b64 = await resolve(
            client.embeddings.create(
                model="text-embedding-3-small", input="a", dimensions=8, encoding_format="base64"
            )
        )
    assert isinstance(default, CreateEmbeddingResponse)
    assert [d.index for d in default.data] == [0, 1]
    for got, want in zip(default.data, floats.data):
        assert isinstance(got.embedding, list) and len(got.embedding) == 8
        assert all(type(x) is float for x in got.embedding)
        assert got.embedding == pytest.approx(want.embedding, abs=1e-6)  # float32 on the wire
    assert default.data[0].embedding != default.data[1].embedding
    assert default.usage.prompt_tokens > 0
    assert_plain_headers(default.get_headers())
    # asked for base64 explicitly: the string, as the provider sent it
    assert isinstance(b64.data[0].embedding, str)


# ---------------------------------------------------------------------------------------------
# trace id, metadata, raw responses


async def test_trace_id_and_metadata(mode: str, stack: Stack) -> None:
    metadata = {"_user": "u-1", "env": "test"}
    async with sdk(mode, stack, trace_id="trace-abc", metadata=metadata) as client:
        completion = await resolve(
            client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
        )
        assert completion.get_headers()["trace-id"] == "trace-abc"

        raw = await resolve(
            client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=MESSAGES)
        )
        assert raw.status_code == 200
        assert raw.headers["x-portkey-trace-id"] == "trace-abc"
        assert raw.headers["x-request-id"].startswith("req_fake_")  # the provider's own
        sent = raw.http_request.headers
        assert json.loads(sent["x-portkey-metadata"]) == metadata
        assert sent["x-portkey-trace-id"] == "trace-abc"
        parsed = raw.parse()
        assert isinstance(parsed, ChatCompletion)
        assert parsed.choices[0].message.content == "echo: hello gateway"
        assert parsed.get_headers()["trace-id"] == "trace-abc"

        # a per-request trace id, through with_options (sharing the pool)
        other = await resolve(
            client.with_options(trace_id="trace-xyz").chat.completions.create(
                model="gpt-4o-mini", messages=MESSAGES
            )
        )
        assert other.get_headers()["trace-id"] == "trace-xyz"

        # ...and through extra_headers on one call
        extra = await resolve(
            client.chat.completions.create(
                model="gpt-4o-mini",
                messages=MESSAGES,
                extra_headers={"x-portkey-trace-id": "trace-call"},
            )
        )
        assert extra.get_headers()["trace-id"] == "trace-call"

        # the raw response of a stream
        raw_stream = await resolve(
            client.chat.completions.with_raw_response.create(
                model="gpt-4o-mini", messages=MESSAGES, stream=True
            )
        )
        assert raw_stream.headers["x-portkey-trace-id"] == "trace-abc"
        stream = raw_stream.parse()
        assert stream.get_headers()["trace-id"] == "trace-abc"
        await drain(stream)

    # the gateway keeps trace id and metadata to itself
    for request in stack.requests():
        assert not any(h.startswith("x-portkey-") for h in request["headers"]), request


async def test_no_trace_id_gives_empty_header(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack) as client:
        raw = await resolve(
            client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=MESSAGES)
        )
    assert raw.headers["x-portkey-trace-id"] == ""  # the OSS gateway generates none
    assert raw.parse().get_headers()["trace-id"] == ""


# ---------------------------------------------------------------------------------------------
# the gateway refusing a request


@pytest.mark.parametrize(
    "options, message, errors",
    [
        pytest.param(
            {
                "config": {
                    "strategy": {"mode": "bogus"},
                    "targets": [{"provider": "openai", "api_key": "sk-fake"}],
                }
            },
            "Invalid config passed",
            [
                "path: strategy,mode, message: Invalid 'mode' value. Must be one of: "
                "single, loadbalance, fallback, conditional"
            ],
            id="config-schema",
        ),
        pytest.param(
            {"config": "pc-abc123"},  # a saved config id: the OSS gateway has no store
            "Invalid config passed. You need to pass a valid json",
            None,
            id="config-id",
        ),
        pytest.param(
            {"provider": "no-such-provider"}, "Invalid provider passed", None, id="provider"
        ),
        pytest.param(
            {"config": {"provider": "openai", "api_key": "sk-fake", "cache": {"mode": "bogus"}}},
            "Invalid config passed",
            [
                "path: cache,mode, message: Invalid 'cache.mode' value. Must be one of: "
                "simple, semantic"
            ],
            id="cache-mode",
        ),
    ],
)
async def test_gateway_rejects_with_bad_request(
    mode: str, stack: Stack, options: Dict[str, Any], message: str, errors: Any
) -> None:
    plain = "provider" in options
    # the gateway's own refusal: not checked by the SDK first (issue 15)
    async with sdk(mode, stack, plain=plain, validate_config=False, **options) as client:
        with pytest.raises(BadRequestError) as info:
            await resolve(client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES))
    err = info.value
    assert err.status_code == 400
    # The message carries the gateway's reasons too, not only "Invalid config passed".
    detail = f"{message}: " + "; ".join(errors) if errors else message
    assert err.message == f"Error code: 400 - {detail}"
    assert message in str(err)
    assert err.body["message"] == message
    assert err.body.get("errors") == errors
    assert stack.hits() == {}  # never reached the provider


async def test_unknown_provider_in_config(mode: str, stack: Stack) -> None:
    config = {"provider": "no-such-provider", "api_key": "sk-fake"}
    async with sdk(mode, stack, plain=False, config=config, validate_config=False) as client:
        with pytest.raises(BadRequestError) as info:
            await resolve(client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES))
    assert info.value.body["message"] == "Invalid config passed"
    (error,) = info.value.body["errors"]
    assert error.startswith("path: provider, message: Invalid 'provider' value. Must be one of:")
    assert "Invalid 'provider' value" in str(info.value)


# The gateway allows the custom host ``::1``, but a URL has to bracket an IPv6 address and
# ``[::1]`` fails its hostname check: the SDK sends the host as given and raises the 400.
IPV6_REJECTIONS = [
    pytest.param("header", "Invalid custom host", None, id="header"),
    pytest.param(
        "config", "Invalid config passed", ["path: , message: Invalid custom host"], id="config"
    ),
]


@pytest.mark.parametrize("where, message, errors", IPV6_REJECTIONS)
async def test_ipv6_loopback_custom_host_rejected(
    mode: str, stack: Stack, where: str, message: str, errors: Any
) -> None:
    port = stack.upstream_base.rsplit(":", 1)[1]
    host = f"http://[::1]:{port}/v1"
    if where == "header":
        options: Dict[str, Any] = {"custom_host": host}
    else:
        # the gateway's own refusal: not checked by the SDK first (issue 15)
        options = {
            "plain": False,
            "config": stack.target(custom_host=host),
            "validate_config": False,
        }
    async with recording_http_client(mode) as (http, sent):
        async with sdk(mode, stack, http_client=http, **options) as client:
            with pytest.raises(BadRequestError) as info:
                await resolve(
                    client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
                )
    err = info.value
    assert err.status_code == 400
    detail = f"{message}: " + "; ".join(errors) if errors else message
    assert err.message == f"Error code: 400 - {detail}"
    expected_body: Dict[str, Any] = {"status": "failure", "message": message}
    if errors:
        expected_body["errors"] = errors
    assert err.body == expected_body
    assert "x-portkey-cache-status" not in err.headers  # a gateway-level refusal
    (request,) = sent  # a 400: not retried by the SDK (default max_retries=2)
    if where == "header":
        assert request.headers["x-portkey-custom-host"] == host
    else:
        assert "x-portkey-custom-host" not in request.headers
        assert sent_config(request.headers)["custom_host"] == host
    assert stack.hits() == {}  # never reached the provider


# ---------------------------------------------------------------------------------------------
# cache options: accepted, sent, but this build has no cache (x-portkey-cache-status DISABLED)


CACHE_MODES = [
    pytest.param({"mode": "simple"}, id="simple"),
    pytest.param({"mode": "semantic", "max_age": 60}, id="semantic"),
]


@pytest.mark.parametrize("cache", CACHE_MODES)
async def test_cache_config_and_options(mode: str, stack: Stack, cache: Dict[str, Any]) -> None:
    """A cache config plus ``cache_namespace`` / ``cache_force_refresh``: the calls succeed,
    the gateway reports ``DISABLED`` (the npm build has no cache backend: see NOTES.md), and
    identical calls all reach the provider. Nothing here fakes a hit."""
    config = stack.target(cache=cache)
    async with recording_http_client(mode) as (http, sent):
        async with sdk(
            mode,
            stack,
            plain=False,
            config=config,
            cache_namespace="ns-test",
            cache_force_refresh=True,
            http_client=http,
            max_retries=0,
        ) as client:
            completion = await resolve(
                client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
            )
            raw = await resolve(
                client.chat.completions.with_raw_response.create(
                    model="gpt-4o-mini", messages=MESSAGES
                )
            )
            stream = await resolve(
                client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES, stream=True)
            )
            stream_status = stream.get_headers()["cache-status"]
            chunks = await drain(stream)

    assert completion.choices[0].message.content == "echo: hello gateway"
    assert completion.get_headers()["cache-status"] == "DISABLED"
    assert raw.status_code == 200
    assert raw.headers["x-portkey-cache-status"] == "DISABLED"
    parsed = raw.parse()
    assert parsed.choices[0].message.content == "echo: hello gateway"
    assert parsed.get_headers()["cache-status"] == "DISABLED"
    assert stream_status == "DISABLED"
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == (
        "echo: hello gateway"
    )

    # what the SDK put on the wire, as the caller's http_client saw it
    assert len(sent) == 3
    for request in sent:
        assert request.headers["x-portkey-cache-namespace"] == "ns-test"
        assert request.headers["x-portkey-cache-force-refresh"] == "true"
        assert sent_config(request.headers) == config
    assert raw.http_request.headers["x-portkey-cache-namespace"] == "ns-test"

    # no cache: all three identical requests reached the provider, and the gateway forwarded
    # none of the cache settings
    assert stack.hit_count("gpt-4o-mini") == 3
    for request in stack.requests():
        assert not any(h.startswith("x-portkey-") for h in request["headers"]), request
        assert "cache" not in request["body"]


# ---------------------------------------------------------------------------------------------
# provider errors, as typed errors


UPSTREAM_ERRORS = [
    pytest.param(401, AuthenticationError, "invalid_api_key", id="401"),
    pytest.param(429, RateLimitError, "rate_limit_exceeded", id="429"),
    pytest.param(500, InternalServerError, None, id="500"),
]


@pytest.mark.parametrize("status, error_class, code", UPSTREAM_ERRORS)
async def test_upstream_error_typed(
    mode: str, stack: Stack, status: int, error_class: type, code: Any
) -> None:
    model = f"fail-{status}"
    async with sdk(mode, stack, max_retries=0) as client:
        with pytest.raises(error_class) as info:
            await resolve(client.chat.completions.create(model=model, messages=MESSAGES))
    err = info.value
    assert type(err) is error_class
    assert err.status_code == status
    upstream = f"fake upstream: forced {status} for model '{model}' (hit 1)"
    assert err.message == f"Error code: {status} - openai error: {upstream}"
    assert err.body["provider"] == "openai"
    if code is not None:
        assert err.code == code
    assert err.request_id.startswith("req_fake_")  # the provider's x-request-id, passed through
    assert err.headers["x-portkey-provider"] == "openai"
    assert err.headers["x-portkey-retry-attempt-count"] == "0"
    assert "sk-fake" not in str(err.request.headers)  # redacted
    assert stack.hit_count(model) == 1


@pytest.mark.parametrize(
    "status, error_class, hits",
    [
        pytest.param(401, AuthenticationError, 1, id="401-not-retried"),
        pytest.param(429, RateLimitError, 3, id="429-retried"),
        pytest.param(500, InternalServerError, 3, id="500-retried"),
    ],
)
async def test_upstream_error_default_retries(
    mode: str, stack: Stack, no_sleep: None, status: int, error_class: type, hits: int
) -> None:
    """Default max_retries (2): the gateway did not retry (count 0), so the SDK does."""
    model = f"fail-{status}"
    async with sdk(mode, stack) as client:
        with pytest.raises(error_class) as info:
            await resolve(client.chat.completions.create(model=model, messages=MESSAGES))
    assert info.value.status_code == status
    assert f"(hit {hits})" in info.value.message  # the last attempt's error
    assert stack.hit_count(model) == hits


async def test_upstream_error_in_stream_call(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack, max_retries=0) as client:
        with pytest.raises(RateLimitError) as info:
            await resolve(
                client.chat.completions.create(model="fail-429", messages=MESSAGES, stream=True)
            )
    assert info.value.body["provider"] == "openai"
    assert stack.hit_count("fail-429") == 1


async def test_retry_after_from_provider_honoured(mode: str, stack: Stack) -> None:
    """A 429 with retry-after-ms passes through the gateway (which did not retry: count 0);
    the SDK waits what it asks for, then succeeds."""
    model = "flaky-1-429+retry-after-ms-400"
    async with sdk(mode, stack, max_retries=1) as client:
        started = time.monotonic()
        completion = await resolve(client.chat.completions.create(model=model, messages=MESSAGES))
        elapsed = time.monotonic() - started
    assert completion.choices[0].message.content == "echo: hello gateway"
    assert completion.get_headers()["retry-attempt-count"] == "0"
    assert stack.hit_count(model) == 2
    assert 0.38 < elapsed < 2, elapsed


async def test_long_retry_after_not_waited(mode: str, stack: Stack) -> None:
    """A provider asking for 120 s: the SDK raises at once with retry_after set."""
    model = "ratelimit-retry-after-120"
    async with sdk(mode, stack) as client:
        started = time.monotonic()
        with pytest.raises(RateLimitError) as info:
            await resolve(client.chat.completions.create(model=model, messages=MESSAGES))
        elapsed = time.monotonic() - started
    assert info.value.retry_after == 120
    assert info.value.headers["retry-after"] == "120"
    assert elapsed < 1, elapsed
    assert stack.hit_count(model) == 1


async def test_cut_stream_is_an_error(mode: str, stack: Stack) -> None:
    """The gateway ends a stream the provider cut as if it were complete (200, no [DONE]);
    the SDK notices the missing end."""
    async with sdk(mode, stack) as client:
        stream = await resolve(
            client.chat.completions.create(
                model="gpt-4o-mini+cut-3",
                messages=[{"role": "user", "content": "one two three four five"}],
                stream=True,
            )
        )
        assert stream.status_code == 200
        with pytest.raises(portkey.APIConnectionError, match="before it completed"):
            await resolve(stream.get_final_completion())
    assert stack.hit_count("gpt-4o-mini+cut-3") == 1  # a stream already started: no retry


# ---------------------------------------------------------------------------------------------
# the client's own timeout


async def test_client_timeout(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack, timeout=0.5, max_retries=0) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as info:
            await resolve(client.chat.completions.create(model="slow-3000", messages=MESSAGES))
        elapsed = time.monotonic() - started
    assert isinstance(info.value, portkey.APIConnectionError)
    assert not isinstance(info.value, portkey.APIStatusError)
    assert 0.45 < elapsed < 1.5, elapsed
    assert stack.hit_count("slow-3000") == 1


async def test_client_timeout_retried(mode: str, stack: Stack, no_sleep: None) -> None:
    """A per-call timeout, retried by the SDK (default max_retries=2): three attempts."""
    async with sdk(mode, stack) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await resolve(
                client.chat.completions.create(
                    model="slow-2000", messages=MESSAGES, stream=True, timeout=0.25
                )
            )
        elapsed = time.monotonic() - started
    assert 0.7 < elapsed < 2, elapsed
    assert stack.hit_count("slow-2000") == 3


async def test_client_timeout_while_streaming(mode: str, stack: Stack) -> None:
    """The read timeout applies between events of a stream that started in time."""
    async with sdk(mode, stack, timeout=0.4) as client:
        stream = await resolve(
            client.chat.completions.create(
                model="gpt-4o-mini+drip-800", messages=MESSAGES, stream=True
            )
        )
        received = []
        with pytest.raises(APITimeoutError, match="while reading the stream"):
            if mode == "sync":
                for chunk in stream:
                    received.append(chunk)
            else:
                async for chunk in stream:
                    received.append(chunk)
    assert len(received) == 1  # the first event comes at once, the second 0.8 s later
    assert stack.hit_count("gpt-4o-mini+drip-800") == 1


# ---------------------------------------------------------------------------------------------
# one client, many calls at once


async def test_concurrent_calls_keep_their_own_headers(mode: str, stack: Stack) -> None:
    """Twenty calls at once on one client (threads / tasks): each gets its own answer and
    its own trace id back."""
    count = 20

    async with sdk(mode, stack) as client:

        def call(i: int) -> Any:
            return client.chat.completions.create(
                model="gpt-4o-mini+slow-50",
                messages=[{"role": "user", "content": f"call {i}"}],
                extra_headers={"x-portkey-trace-id": f"trace-{i}"},
            )

        if mode == "sync":
            with ThreadPoolExecutor(max_workers=count) as pool:
                results = list(pool.map(call, range(count)))
        else:
            results = await asyncio.gather(*(call(i) for i in range(count)))
    for i, completion in enumerate(results):
        assert completion.choices[0].message.content == f"echo: call {i}"
        assert completion.get_headers()["trace-id"] == f"trace-{i}"
    assert stack.hit_count("gpt-4o-mini+slow-50") == count
