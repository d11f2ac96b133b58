"""The drop-in recipes through the real open-source gateway.

``createHeaders`` with openai's own clients (sync and async): the docs' way of using Portkey
from another SDK, ``OpenAI(base_url=<gateway>, default_headers=createHeaders(...))``; the
gateway must route by those headers exactly as it does for our client. And the generic calls
(``client.post("/messages", ...)``, ``client.get(path="/models")``) through our clients, sync
and async, for routes that have no typed method here.
"""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest

from portkey import BadRequestError, GenericResponse, createHeaders

from .harness import Stack
from .sdk_support import MESSAGES, drain, resolve, scenario_marks, sdk

openai = pytest.importorskip("openai")
httpx2 = pytest.importorskip("httpx2")  # openai 3 sends through its own httpx fork

pytestmark = scenario_marks


def openai_client(mode: str, stack: Stack, headers: Dict[str, str]) -> Any:
    """openai's client on the gateway with Portkey's headers (proxy settings ignored)."""
    kwargs: Dict[str, Any] = {
        "base_url": stack.gateway_url,
        "api_key": stack.api_key,  # openai sends it as Authorization: the upstream's key
        "default_headers": headers,
        "max_retries": 0,
    }
    if mode == "sync":
        return openai.OpenAI(**kwargs, http_client=httpx2.Client(trust_env=False))
    return openai.AsyncOpenAI(**kwargs, http_client=httpx2.AsyncClient(trust_env=False))


async def close(client: Any) -> None:
    await resolve(client.close())


async def test_openai_client_with_create_headers(mode: str, stack: Stack) -> None:
    headers = createHeaders(
        provider="openai",
        custom_host=stack.upstream_url,
        trace_id="recipe-trace",
        metadata={"_user": "u-1"},
        forward_headers=["x-team"],
        x_team="search",
    )
    client = openai_client(mode, stack, headers)
    try:
        raw = await resolve(
            client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=MESSAGES)
        )
    finally:
        await close(client)
    completion = raw.parse()
    assert completion.choices[0].message.content == "echo: hello gateway"
    assert raw.headers["x-portkey-trace-id"] == "recipe-trace"
    assert raw.headers["x-portkey-provider"] == "openai"
    seen = stack.last_request()
    assert seen["path"] == "/v1/chat/completions"
    assert seen["body"] == {"model": "gpt-4o-mini", "messages": MESSAGES}
    assert seen["headers"]["authorization"] == f"Bearer {stack.api_key}"
    assert seen["headers"]["x-team"] == "search"  # forwarded, under its own name
    assert not any(h.startswith("x-portkey-") for h in seen["headers"])


async def test_openai_client_with_a_config_from_create_headers(mode: str, stack: Stack) -> None:
    """A fallback config in createHeaders: the first target fails, the second answers with
    its own model; the gateway reads the whole routing from the header."""
    config = {
        "strategy": {"mode": "fallback"},
        "targets": [
            stack.target(override_params={"model": "fail-500"}),
            stack.target(override_params={"model": "gpt-4o-mini+second"}),
        ],
    }
    client = openai_client(mode, stack, createHeaders(config=config))
    try:
        raw = await resolve(
            client.chat.completions.with_raw_response.create(model="ignored", messages=MESSAGES)
        )
    finally:
        await close(client)
    assert raw.parse().choices[0].message.content == "echo: hello gateway"
    assert raw.headers["x-portkey-last-used-option-index"] == "config.targets[1]"
    assert stack.hit_count("fail-500") == 1
    assert stack.last_request()["body"]["model"] == "gpt-4o-mini+second"


async def test_openai_client_streams_with_create_headers(mode: str, stack: Stack) -> None:
    headers = createHeaders(provider="openai", custom_host=stack.upstream_url)
    client = openai_client(mode, stack, headers)
    try:
        stream = await resolve(
            client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "one two three"}],
                stream=True,
            )
        )
        chunks = await drain(stream)
    finally:
        await close(client)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "echo: one two three"
    assert stack.last_request()["body"]["stream"] is True


# ---------------------------------------------------------------------------------------------
# Generic calls through our clients
# ---------------------------------------------------------------------------------------------

CLAUDE = "claude-3-5-haiku-latest"


async def test_generic_post_to_messages(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack, provider="anthropic") as client:
        reply = await resolve(
            client.post(
                "/messages",
                model=CLAUDE,
                max_tokens=64,
                messages=MESSAGES,
                headers={"x-portkey-trace-id": "generic-trace"},
            )
        )
    assert isinstance(reply, GenericResponse)
    assert reply.type == "message" and reply["role"] == "assistant"
    assert reply.content[0]["text"] == "echo: hello gateway"
    assert reply.get_headers()["trace-id"] == "generic-trace"
    seen = stack.last_request()
    assert seen["path"] == "/v1/messages"
    assert seen["body"] == {"model": CLAUDE, "max_tokens": 64, "messages": MESSAGES}


async def test_generic_post_streams_messages(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack, provider="anthropic") as client:
        stream = await resolve(
            client.post("/messages", stream=True, model=CLAUDE, max_tokens=64, messages=MESSAGES)
        )
        events = await drain(stream)
    kinds = [event.type for event in events]
    assert kinds[0] == "message_start" and kinds[-1] == "message_stop"
    assert "ping" not in kinds
    text = "".join(e["delta"].get("text", "") for e in events if e.type == "content_block_delta")
    assert text == "echo: hello gateway"
    assert stack.last_request()["body"]["stream"] is True


async def test_generic_post_streams_chat_chunks(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack) as client:
        stream = await resolve(
            client.post("/chat/completions", stream=True, model="gpt-4o-mini", messages=MESSAGES)
        )
        chunks = await drain(stream)
    text = "".join(c.choices[0]["delta"].get("content") or "" for c in chunks if c.choices)
    assert text == "echo: hello gateway"
    assert all(isinstance(c, GenericResponse) for c in chunks)


async def test_generic_get_and_errors(mode: str, stack: Stack) -> None:
    async with sdk(mode, stack) as client:
        models = await resolve(client.get(path="/models"))
        assert models.object == "list" and models.data and models.data[0]["id"]
        with pytest.raises(BadRequestError) as bad:  # the upstream's 400: no max_tokens
            await resolve(
                client.with_options(provider="anthropic").post(
                    "/messages", model=CLAUDE, messages=MESSAGES
                )
            )
    assert bad.value.status_code == 400
    assert "max_tokens" in json.dumps(bad.value.body)
    assert stack.requests(path="/v1/models")
