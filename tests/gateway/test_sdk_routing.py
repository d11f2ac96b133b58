"""Our SDK with gateway configs: fallback, loadbalance, gateway retries, the gateway's 408, and
no retry amplification. Sync and async, as in ``test_sdk_scenarios.py``.

The gateway's retry backoff is 1 s, 2 s, ...: the retry scenarios use one attempt.
"""

from __future__ import annotations

import json
import time
from typing import Any, Dict

import pytest

from portkey import BadRequestError, InternalServerError, RequestTimeoutError
from portkey.types.chat import ChatCompletion, ChatCompletionChunk

from .harness import Stack
from .sdk_support import (
    MESSAGES,
    drain,
    fallback_config,
    loadbalance_config,
    recording_http_client,
    resolve,
    scenario_marks,
    sdk,
    sent_config,
)

pytestmark = scenario_marks

CLAUDE = "claude-3-5-haiku-latest"
TIMEOUT_MESSAGE = "Request exceeded the timeout sent in the request: 400ms"


def to_openai(stack: Stack, model: str, **extra: Any) -> Dict[str, Any]:
    return stack.target("openai", override_params={"model": model}, **extra)


def to_anthropic(stack: Stack, **extra: Any) -> Dict[str, Any]:
    return stack.target("anthropic", override_params={"model": CLAUDE}, **extra)


# ---------------------------------------------------------------------------------------------
# fallback


async def test_fallback_openai_to_openai(mode: str, stack: Stack) -> None:
    config = fallback_config(stack.target("openai"), to_openai(stack, "gpt-4o"))
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        completion = await resolve(
            client.chat.completions.create(model="fail-500", messages=MESSAGES)
        )
        raw = await resolve(
            client.chat.completions.with_raw_response.create(model="fail-503", messages=MESSAGES)
        )
    assert completion.model == "gpt-4o"
    assert completion.choices[0].message.content == "echo: hello gateway"
    headers = completion.get_headers()
    assert headers["last-used-option-index"] == "config.targets[1]"
    assert headers["provider"] == "openai"
    assert headers["retry-attempt-count"] == "0"
    assert raw.headers["x-portkey-last-used-option-index"] == "config.targets[1]"
    assert raw.parse().model == "gpt-4o"
    assert stack.hits() == {
        ("/v1/chat/completions", "fail-500"): 1,
        ("/v1/chat/completions", "fail-503"): 1,
        ("/v1/chat/completions", "gpt-4o"): 2,
    }
    # the dict config travelled as JSON in x-portkey-config
    sent = json.loads(raw.http_request.headers["x-portkey-config"])
    assert sent == config


async def test_fallback_first_target_answers(mode: str, stack: Stack) -> None:
    config = fallback_config(stack.target("openai"), to_openai(stack, "gpt-4o"))
    async with sdk(mode, stack, plain=False, config=config) as client:
        completion = await resolve(
            client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
        )
    assert completion.get_headers()["last-used-option-index"] == "config.targets[0]"
    assert stack.hits() == {("/v1/chat/completions", "gpt-4o-mini"): 1}


# The SDK sends x-portkey-strict-open-ai-compliance: false by default (as the official SDK
# does). The gateway then keeps Anthropic's stop reason ("end_turn", "tool_use") and adds
# "content_blocks" to the message; with strict_open_ai_compliance=True it maps them to OpenAI's.
STRICTNESS = [
    pytest.param({}, "end_turn", id="default"),
    pytest.param({"strict_open_ai_compliance": True}, "stop", id="strict"),
]


@pytest.mark.parametrize("strictness, finish_reason", STRICTNESS)
async def test_fallback_openai_to_anthropic(
    mode: str, stack: Stack, strictness: Dict[str, Any], finish_reason: str
) -> None:
    config = fallback_config(stack.target("openai"), to_anthropic(stack))
    async with sdk(mode, stack, plain=False, config=config, max_retries=0, **strictness) as client:
        completion = await resolve(
            client.chat.completions.create(
                model="fail-500",
                messages=[{"role": "system", "content": "Be brief."}, *MESSAGES],
                max_tokens=32,  # Anthropic needs it; the gateway does not default it
            )
        )
    # Anthropic's Messages reply, translated by the gateway, typed by us
    assert isinstance(completion, ChatCompletion)
    assert completion.object == "chat.completion"
    assert completion.model == CLAUDE
    assert completion.id.startswith("msg_fake_")
    assert completion.provider == "anthropic"  # an extra field the gateway adds
    message = completion.choices[0].message
    assert message.content == "echo: hello gateway"
    assert completion.choices[0].finish_reason == finish_reason
    if strictness:
        assert "content_blocks" not in message.extra_fields
    else:
        assert [type(b).__name__ for b in message.content_blocks] == [
            "ChatCompletionMessageContentPartText"  # typed when read
        ]
        assert message.to_dict()["content_blocks"] == [
            {"type": "text", "text": "echo: hello gateway"}
        ]
    assert completion.usage.completion_tokens == 3
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + 3
    headers = completion.get_headers()
    assert headers["last-used-option-index"] == "config.targets[1]"
    assert headers["provider"] == "anthropic"
    assert stack.hits() == {
        ("/v1/chat/completions", "fail-500"): 1,
        ("/v1/messages", CLAUDE): 1,
    }
    sent = stack.last_request(CLAUDE)
    assert sent["headers"]["x-api-key"] == "sk-fake"
    assert sent["body"]["system"] == [{"type": "text", "text": "Be brief."}]


async def test_fallback_openai_to_anthropic_tools(mode: str, stack: Stack) -> None:
    tool = {
        "type": "function",
        "function": {
            "name": "lookup",
            "parameters": {"type": "object", "properties": {"q": {"type": "string"}}},
        },
    }
    config = fallback_config(stack.target("openai"), to_anthropic(stack))
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        completion = await resolve(
            client.chat.completions.create(
                model="fail-500", messages=MESSAGES, tools=[tool], max_tokens=32
            )
        )
    choice = completion.choices[0]
    assert choice.finish_reason == "tool_use"  # not "tool_calls": see STRICTNESS
    assert choice.message.content == ""  # not None
    (call,) = choice.message.tool_calls
    assert call.id.startswith("toolu_fake_")
    assert call.function.name == "lookup"
    assert json.loads(call.function.arguments) == {"q": "hello gateway"}


async def test_fallback_streamed_openai_to_openai(mode: str, stack: Stack) -> None:
    config = fallback_config(stack.target("openai"), to_openai(stack, "gpt-4o"))
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        stream = await resolve(
            client.chat.completions.create(
                model="fail-503",
                messages=MESSAGES,
                stream=True,
                stream_options={"include_usage": True},
            )
        )
        assert stream.get_headers()["last-used-option-index"] == "config.targets[1]"
        final = await resolve(stream.get_final_completion())
    assert final.model == "gpt-4o"
    assert final.choices[0].message.content == "echo: hello gateway"
    assert final.usage.completion_tokens == 3
    assert stack.hits() == {
        ("/v1/chat/completions", "fail-503"): 1,
        ("/v1/chat/completions", "gpt-4o"): 1,
    }


async def test_fallback_to_anthropic_needs_max_tokens(mode: str, stack: Stack) -> None:
    """Anthropic's own 400 comes back through the translation as a typed BadRequestError."""
    config = fallback_config(stack.target("openai"), to_anthropic(stack))
    async with sdk(mode, stack, plain=False, config=config) as client:
        with pytest.raises(BadRequestError) as info:
            await resolve(client.chat.completions.create(model="fail-500", messages=MESSAGES))
    err = info.value
    assert err.message == "Error code: 400 - anthropic error: max_tokens: Field required"
    assert err.body["provider"] == "anthropic"
    assert err.type == "invalid_request_error"
    assert err.headers["x-portkey-last-used-option-index"] == "config.targets[1]"
    assert stack.hit_count(CLAUDE) == 1  # a 400: not retried


async def test_fallback_config_as_json_string(mode: str, stack: Stack) -> None:
    config = fallback_config(stack.target("openai"), to_anthropic(stack))
    async with sdk(mode, stack, plain=False, config=json.dumps(config), max_retries=0) as client:
        completion = await resolve(
            client.chat.completions.create(model="fail-500", messages=MESSAGES, max_tokens=32)
        )
    assert completion.get_headers()["last-used-option-index"] == "config.targets[1]"
    assert completion.get_headers()["provider"] == "anthropic"


async def test_fallback_streamed_anthropic_tool_calls(mode: str, stack: Stack) -> None:
    tool = {
        "type": "function",
        "function": {
            "name": "lookup",
            "parameters": {
                "type": "object",
                "properties": {"q": {"type": "string"}, "n": {"type": "integer"}},
            },
        },
    }
    config = fallback_config(stack.target("openai"), to_anthropic(stack))
    async with sdk(
        mode, stack, plain=False, config=config, max_retries=0, strict_open_ai_compliance=True
    ) as client:
        stream = await resolve(
            client.chat.completions.create(
                model="fail-500", messages=MESSAGES, tools=[tool], max_tokens=32, stream=True
            )
        )
        final = await resolve(stream.get_final_completion())
    choice = final.choices[0]
    assert choice.finish_reason == "tool_calls"
    (call,) = choice.message.tool_calls
    assert call.id.startswith("toolu_fake_")
    assert call.function.name == "lookup"
    assert json.loads(call.function.arguments) == {"q": "hello gateway", "n": 1}


async def test_fallback_streamed_openai_to_anthropic(mode: str, stack: Stack) -> None:
    config = fallback_config(stack.target("openai"), to_anthropic(stack))
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        stream = await resolve(
            client.chat.completions.create(
                model="fail-500", messages=MESSAGES, max_tokens=32, stream=True
            )
        )
        headers = stream.get_headers()
        chunks = await drain(stream)

        stream = await resolve(
            client.chat.completions.create(
                model="fail-500", messages=MESSAGES, max_tokens=32, stream=True
            )
        )
        deltas = await drain(stream.text_deltas())

        stream = await resolve(
            client.chat.completions.create(
                model="fail-500", messages=MESSAGES, max_tokens=32, stream=True
            )
        )
        final = await resolve(stream.get_final_completion())

    assert headers["last-used-option-index"] == "config.targets[1]"
    assert headers["provider"] == "anthropic"
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert all(c.provider == "anthropic" for c in chunks)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "echo: hello gateway"
    assert "".join(deltas) == "echo: hello gateway"
    assert final.choices[0].message.content == "echo: hello gateway"
    assert final.choices[0].finish_reason == "end_turn"  # see STRICTNESS
    # the translated stream carries usage on its last chunk, without include_usage
    assert final.usage is not None and final.usage.completion_tokens == 3
    assert stack.hit_count(CLAUDE, "/v1/messages") == 3


async def test_fallback_every_target_fails(mode: str, stack: Stack) -> None:
    config = fallback_config(stack.target("openai"), to_openai(stack, "fail-502"))
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        with pytest.raises(InternalServerError) as info:
            await resolve(client.chat.completions.create(model="fail-500", messages=MESSAGES))
    err = info.value
    assert err.status_code == 502  # the last target's error
    assert "forced 502" in err.message
    assert err.headers["x-portkey-last-used-option-index"] == "config.targets[1]"
    assert stack.hits() == {
        ("/v1/chat/completions", "fail-500"): 1,
        ("/v1/chat/completions", "fail-502"): 1,
    }


async def test_fallback_chain_repeated_by_sdk_retries(
    mode: str, stack: Stack, no_sleep: None
) -> None:
    """Every target failed but the gateway did not *retry* (count 0): the SDK's default
    max_retries=2 runs the whole fallback chain three times (2 targets x 3 = 6 hits)."""
    config = fallback_config(stack.target("openai"), to_openai(stack, "fail-502"))
    async with sdk(mode, stack, plain=False, config=config) as client:
        with pytest.raises(InternalServerError) as info:
            await resolve(client.chat.completions.create(model="fail-500", messages=MESSAGES))
    assert info.value.headers["x-portkey-retry-attempt-count"] == "0"
    assert stack.hits() == {
        ("/v1/chat/completions", "fail-500"): 3,
        ("/v1/chat/completions", "fail-502"): 3,
    }


# ---------------------------------------------------------------------------------------------
# loadbalance


async def test_loadbalance_zero_weight_never_chosen(mode: str, stack: Stack) -> None:
    config = loadbalance_config(
        to_openai(stack, "lb-a", weight=1), to_openai(stack, "lb-b", weight=0)
    )
    async with sdk(mode, stack, plain=False, config=config) as client:
        for _ in range(20):
            completion = await resolve(
                client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
            )
            assert completion.model == "lb-a"
            assert completion.get_headers()["last-used-option-index"] == "config.targets[0]"
    assert stack.hits() == {("/v1/chat/completions", "lb-a"): 20}


async def test_loadbalance_weights(mode: str, stack: Stack) -> None:
    """Weights 0.9 / 0.1 over 150 calls (about 1 s per client: the gateway answers in ~3 ms).

    X = the calls that chose targets[0]. The test passes when 110 <= X <= 149. Binomial tails
    (exact sums, math.comb):
      true weights, X ~ B(150, 0.9):  P(X < 110) = 1.7e-9, P(X = 150) = 0.9**150 = 1.4e-7,
                                      so it passes with probability 1 - 1.4e-7 > 1 - 1e-6;
      a 50/50 choice, X ~ B(150, 0.5): P(110 <= X <= 149) = 4.8e-9 < 1e-6;
    a weight ignored as 0 (X = 150) or the weights swapped (E[X] = 15) fail every time.
    """
    config = loadbalance_config(
        to_openai(stack, "lb-a", weight=0.9), to_openai(stack, "lb-b", weight=0.1)
    )
    calls = 150
    chosen = {"config.targets[0]": 0, "config.targets[1]": 0}
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        for _ in range(calls):
            completion = await resolve(
                client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
            )
            index = completion.get_headers()["last-used-option-index"]
            chosen[index] += 1
            assert completion.model == ("lb-a" if index.endswith("[0]") else "lb-b")
    assert 110 <= chosen["config.targets[0]"] <= calls - 1, chosen
    assert stack.hits() == {
        ("/v1/chat/completions", "lb-a"): chosen["config.targets[0]"],
        ("/v1/chat/completions", "lb-b"): chosen["config.targets[1]"],
    }


# ---------------------------------------------------------------------------------------------
# gateway retries, and no amplification by the SDK


async def test_gateway_retry_on_status_codes(mode: str, stack: Stack) -> None:
    """The gateway retries a listed status (one attempt: 1 s backoff) and succeeds."""
    config = stack.target(retry={"attempts": 1, "on_status_codes": [503]})
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        started = time.monotonic()
        completion = await resolve(
            client.chat.completions.create(model="flaky-1-503", messages=MESSAGES)
        )
        elapsed = time.monotonic() - started
    assert completion.choices[0].message.content == "echo: hello gateway"
    headers = completion.get_headers()
    assert headers["retry-attempt-count"] == "1"
    assert headers["last-used-option-index"] == "config"
    assert stack.hit_count("flaky-1-503") == 2
    assert 0.9 < elapsed < 3, elapsed


async def test_gateway_does_not_retry_unlisted_status(
    mode: str, stack: Stack, no_sleep: None
) -> None:
    """500 not in on_status_codes: the gateway answers at once with count 0; the SDK, seeing
    that the gateway did not retry, retries itself (max_retries=2: three upstream hits)."""
    config = stack.target(retry={"attempts": 1, "on_status_codes": [503]})
    async with sdk(mode, stack, plain=False, config=config) as client:
        with pytest.raises(InternalServerError) as info:
            await resolve(
                client.chat.completions.create(model="fail-500", messages=MESSAGES, max_retries=0)
            )
        assert info.value.headers["x-portkey-retry-attempt-count"] == "0"
        assert stack.hit_count("fail-500") == 1

        with pytest.raises(InternalServerError):
            await resolve(client.chat.completions.create(model="fail-500", messages=MESSAGES))
    assert stack.hit_count("fail-500") == 1 + 3


async def test_no_retry_amplification(mode: str, stack: Stack, no_sleep: None) -> None:
    """The gateway retried once and gave up (count -1): the SDK (max_retries=2) does not retry
    on top of it, so the provider sees exactly 2 requests, not 2 x 3."""
    config = stack.target(retry={"attempts": 1, "on_status_codes": [500]})
    async with sdk(mode, stack, plain=False, config=config, max_retries=2) as client:
        with pytest.raises(InternalServerError) as info:
            await resolve(client.chat.completions.create(model="fail-500", messages=MESSAGES))
    err = info.value
    assert err.status_code == 500
    assert err.headers["x-portkey-retry-attempt-count"] == "-1"
    assert "(hit 2)" in err.message
    assert stack.hit_count("fail-500") == 2


# ---------------------------------------------------------------------------------------------
# request_timeout: the gateway's 408


async def test_request_timeout_client_option(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack, request_timeout=400, max_retries=0) as client:
        started = time.monotonic()
        with pytest.raises(RequestTimeoutError) as info:
            await resolve(client.chat.completions.create(model="slow-1500", messages=MESSAGES))
        elapsed = time.monotonic() - started
    err = info.value
    assert err.status_code == 408
    assert err.message == f"Error code: 408 - {TIMEOUT_MESSAGE}"
    assert err.type == "timeout_error"
    assert err.headers["x-portkey-retry-attempt-count"] == "0"
    assert err.response.request.headers["x-portkey-request-timeout"] == "400"
    assert 0.35 < elapsed < 1.4, elapsed
    assert stack.hit_count("slow-1500") == 1


async def test_request_timeout_in_config_streamed(mode: str, stack: Stack) -> None:
    config = stack.target(request_timeout=400)
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        with pytest.raises(RequestTimeoutError) as info:
            await resolve(
                client.chat.completions.create(model="slow-1500", messages=MESSAGES, stream=True)
            )
    assert info.value.message == f"Error code: 408 - {TIMEOUT_MESSAGE}"
    assert info.value.headers["x-portkey-last-used-option-index"] == "config"
    assert stack.hit_count("slow-1500") == 1


async def test_request_timeout_in_config_not_streamed(mode: str, stack: Stack) -> None:
    """``request_timeout`` in a config (not the header) cutting a plain call: the gateway's
    408 after ~400 ms, RequestTimeoutError, one upstream hit (no retries on either side)."""
    config = stack.target(request_timeout=400)
    async with recording_http_client(mode) as (http, sent):
        async with sdk(
            mode, stack, plain=False, config=config, max_retries=0, http_client=http
        ) as client:
            started = time.monotonic()
            with pytest.raises(RequestTimeoutError) as info:
                await resolve(client.chat.completions.create(model="slow-1500", messages=MESSAGES))
            elapsed = time.monotonic() - started
    err = info.value
    assert err.status_code == 408
    assert err.message == f"Error code: 408 - {TIMEOUT_MESSAGE}"
    assert err.type == "timeout_error"
    assert err.body == {
        "error": {
            "message": TIMEOUT_MESSAGE,
            "type": "timeout_error",
            "param": None,
            "code": None,
        }
    }
    assert err.headers["x-portkey-retry-attempt-count"] == "0"
    assert err.headers["x-portkey-last-used-option-index"] == "config"
    (request,) = sent  # as it went on the wire (the error's copy has the config redacted)
    assert "x-portkey-request-timeout" not in request.headers  # only the config carried it
    assert sent_config(request.headers) == config
    assert 0.35 < elapsed < 1.4, elapsed  # the upstream would have answered after 1.5 s
    assert stack.hit_count("slow-1500") == 1


async def test_request_timeout_retried_by_sdk(mode: str, stack: Stack, no_sleep: None) -> None:
    """Without a retry config the gateway's 408 carries count 0, and 408 is a retryable status:
    the SDK's default max_retries=2 makes three requests, each cut at request_timeout."""
    async with sdk(mode, stack, request_timeout=300) as client:
        with pytest.raises(RequestTimeoutError) as info:
            await resolve(client.chat.completions.create(model="slow-1500", messages=MESSAGES))
    assert info.value.headers["x-portkey-retry-attempt-count"] == "0"
    assert stack.hit_count("slow-1500") == 3


async def test_request_timeout_retried_by_gateway_only(
    mode: str, stack: Stack, no_sleep: None
) -> None:
    """The gateway retries its 408 (listed in on_status_codes) and gives up (count -1): the SDK
    does not add its own retries."""
    config = stack.target(request_timeout=300, retry={"attempts": 1, "on_status_codes": [408]})
    async with sdk(mode, stack, plain=False, config=config) as client:
        with pytest.raises(RequestTimeoutError) as info:
            await resolve(client.chat.completions.create(model="slow-1500", messages=MESSAGES))
    assert info.value.headers["x-portkey-retry-attempt-count"] == "-1"
    assert stack.hit_count("slow-1500") == 2


async def test_request_timeout_then_fallback(mode: str, stack: Stack) -> None:
    """The gateway's own 408 on the first target falls through to the second."""
    config = fallback_config(
        stack.target("openai", request_timeout=300), to_openai(stack, "gpt-4o")
    )
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        completion = await resolve(
            client.chat.completions.create(model="slow-1500", messages=MESSAGES)
        )
    assert completion.model == "gpt-4o"
    assert completion.get_headers()["last-used-option-index"] == "config.targets[1]"
