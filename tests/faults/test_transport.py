"""Transport faults: refused, reset (before the response, mid-body, mid-stream), slow headers,
a stalled stream, and the total deadline. Sync and async for each."""

from __future__ import annotations

import time
from typing import List

import httpx
import pytest

from portkey import APIConnectionError, APITimeoutError, AsyncPortkey, Portkey

from .server import FaultServer, unused_port
from .support import API_KEY, MESSAGES, client_kwargs, fault

pytestmark = pytest.mark.faults

RESETS = ["reset_before", "reset_mid_body"]


def _ours(exc: BaseException) -> None:
    """Our exception, with no raw httpx exception shown as its cause."""
    assert not isinstance(exc, httpx.HTTPError)
    assert exc.__cause__ is None
    assert exc.__suppress_context__


# Connection refused ----------------------------------------------------------------------


def test_refused_sync(server: FaultServer, no_sleep: None, retry_log: List[float]) -> None:
    url = f"http://127.0.0.1:{unused_port()}/v1"
    with Portkey(base_url=url, api_key=API_KEY, max_retries=2) as client:
        with pytest.raises(APIConnectionError) as info:
            client.chat.completions.create(messages=MESSAGES)
    assert type(info.value) is APIConnectionError
    _ours(info.value)
    assert len(retry_log) == 2  # 3 attempts: nothing listens, so they are counted by the log
    server.totals.refused_attempts += len(retry_log) + 1


@pytest.mark.anyio
async def test_refused_async(server: FaultServer, no_sleep: None, retry_log: List[float]) -> None:
    url = f"http://127.0.0.1:{unused_port()}/v1"
    async with AsyncPortkey(base_url=url, api_key=API_KEY, max_retries=2) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.chat.completions.create(messages=MESSAGES)
    assert type(info.value) is APIConnectionError
    _ours(info.value)
    assert len(retry_log) == 2
    server.totals.refused_attempts += len(retry_log) + 1


# Reset before the response / mid-body ------------------------------------------------------


@pytest.mark.parametrize("spec", RESETS)
def test_reset_sync(server: FaultServer, no_sleep: None, spec: str) -> None:
    with Portkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(APIConnectionError) as info:
            client.chat.completions.create(messages=MESSAGES, **fault(spec))
    assert type(info.value) is APIConnectionError
    _ours(info.value)
    assert server.attempts(spec) == 3  # max_retries + 1, counted server-side
    assert server.wait_open(0) == 0


@pytest.mark.anyio
@pytest.mark.parametrize("spec", RESETS)
async def test_reset_async(server: FaultServer, no_sleep: None, spec: str) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.chat.completions.create(messages=MESSAGES, **fault(spec))
    assert type(info.value) is APIConnectionError
    _ours(info.value)
    assert server.attempts(spec) == 3
    assert await server.await_open(0) == 0


@pytest.mark.parametrize("max_retries", [0, 3])
def test_reset_then_success_sync(server: FaultServer, no_sleep: None, max_retries: int) -> None:
    """A reset is retried on a fresh connection; the caller gets the answer."""
    server.program("reset_before", "reset_mid_body", "reset_before", "ok")
    with Portkey(**client_kwargs(server, max_retries=max_retries)) as client:
        if max_retries < 3:
            with pytest.raises(APIConnectionError):
                client.chat.completions.create(messages=MESSAGES)
        else:
            result = client.chat.completions.create(messages=MESSAGES)
            assert result.choices[0].message.content
    assert server.requests == max_retries + 1


@pytest.mark.anyio
@pytest.mark.parametrize("max_retries", [0, 3])
async def test_reset_then_success_async(
    server: FaultServer, no_sleep: None, max_retries: int
) -> None:
    server.program("reset_before", "reset_mid_body", "reset_before", "ok")
    async with AsyncPortkey(**client_kwargs(server, max_retries=max_retries)) as client:
        if max_retries < 3:
            with pytest.raises(APIConnectionError):
                await client.chat.completions.create(messages=MESSAGES)
        else:
            result = await client.chat.completions.create(messages=MESSAGES)
            assert result.choices[0].message.content
    assert server.requests == max_retries + 1


# Reset mid-stream ---------------------------------------------------------------------------
# Once chunks have reached the caller the call cannot be replayed: one attempt, then the error
# while iterating. Before the first chunk it can: a stream whose connection fails before
# anything was delivered is sent again within the call's retries (tests further below).


def test_reset_mid_stream_sync(server: FaultServer, no_sleep: None) -> None:
    got: List[str] = []
    with Portkey(**client_kwargs(server, max_retries=2)) as client:
        stream = client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_reset")
        )
        with pytest.raises(APIConnectionError) as info:
            with stream:
                for item in stream:
                    got.append(item.choices[0].delta.content)
    assert type(info.value) is APIConnectionError
    _ours(info.value)
    assert got and got[0] == "first "
    assert server.attempts("sse_reset") == 1
    assert server.wait_open(0) == 0


@pytest.mark.anyio
async def test_reset_mid_stream_async(server: FaultServer, no_sleep: None) -> None:
    got: List[str] = []
    async with AsyncPortkey(**client_kwargs(server, max_retries=2)) as client:
        stream = await client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_reset")
        )
        with pytest.raises(APIConnectionError) as info:
            async with stream:
                async for item in stream:
                    got.append(item.choices[0].delta.content)
    assert type(info.value) is APIConnectionError
    _ours(info.value)
    assert got and got[0] == "first "
    assert server.attempts("sse_reset") == 1
    assert await server.await_open(0) == 0


# Slow headers and a stalled stream: APITimeoutError within the timeout ----------------------

TIMEOUT = 0.5
SLACK = 2.0


@pytest.mark.parametrize("max_retries", [0, 1])
def test_slow_headers_sync(server: FaultServer, no_sleep: None, max_retries: int) -> None:
    with Portkey(**client_kwargs(server, timeout=TIMEOUT, max_retries=max_retries)) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as info:
            client.chat.completions.create(messages=MESSAGES, **fault("slow_headers:5"))
        elapsed = time.monotonic() - started
    _ours(info.value)
    attempts = max_retries + 1
    assert server.attempts("slow_headers") == attempts
    assert TIMEOUT * attempts * 0.9 <= elapsed < TIMEOUT * attempts + SLACK


@pytest.mark.anyio
@pytest.mark.parametrize("max_retries", [0, 1])
async def test_slow_headers_async(server: FaultServer, no_sleep: None, max_retries: int) -> None:
    async with AsyncPortkey(
        **client_kwargs(server, timeout=TIMEOUT, max_retries=max_retries)
    ) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as info:
            await client.chat.completions.create(messages=MESSAGES, **fault("slow_headers:5"))
        elapsed = time.monotonic() - started
    _ours(info.value)
    attempts = max_retries + 1
    assert server.attempts("slow_headers") == attempts
    assert TIMEOUT * attempts * 0.9 <= elapsed < TIMEOUT * attempts + SLACK


def test_per_call_timeout_sync(server: FaultServer) -> None:
    """The per-call ``timeout=`` overrides the client's (here a 10-minute default)."""
    with Portkey(**client_kwargs(server, timeout=600, max_retries=0)) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.chat.completions.create(
                messages=MESSAGES, timeout=TIMEOUT, **fault("slow_headers:5")
            )
        assert time.monotonic() - started < TIMEOUT + SLACK


@pytest.mark.anyio
async def test_per_call_timeout_async(server: FaultServer) -> None:
    async with AsyncPortkey(**client_kwargs(server, timeout=600, max_retries=0)) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await client.chat.completions.create(
                messages=MESSAGES, timeout=TIMEOUT, **fault("slow_headers:5")
            )
        assert time.monotonic() - started < TIMEOUT + SLACK


def test_stalled_stream_sync(server: FaultServer) -> None:
    got: List[str] = []
    with Portkey(**client_kwargs(server, timeout=TIMEOUT, max_retries=2)) as client:
        stream = client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_stall:10")
        )
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as info:
            with stream:
                for item in stream:
                    got.append(item.choices[0].delta.content)
        elapsed = time.monotonic() - started
    _ours(info.value)
    assert got == ["first "]
    assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + SLACK  # the read timeout, not the 10 s stall
    assert server.attempts() == 1
    assert server.wait_open(0) == 0


@pytest.mark.anyio
async def test_stalled_stream_async(server: FaultServer) -> None:
    got: List[str] = []
    async with AsyncPortkey(**client_kwargs(server, timeout=TIMEOUT, max_retries=2)) as client:
        stream = await client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_stall:10")
        )
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as info:
            async with stream:
                async for item in stream:
                    got.append(item.choices[0].delta.content)
        elapsed = time.monotonic() - started
    _ours(info.value)
    assert got == ["first "]
    assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + SLACK  # the read timeout, not the 10 s stall
    assert server.attempts() == 1
    assert await server.await_open(0) == 0


# The total deadline bounds all attempts of one call -----------------------------------------

DEADLINE = 1.0


@pytest.mark.parametrize("spec", ["slow_headers:5", "reset_before"])
def test_deadline_sync(server: FaultServer, spec: str) -> None:
    """Long per-attempt timeout, many retries, real backoff: the deadline still ends it."""
    kwargs = client_kwargs(server, timeout=30, max_retries=20, deadline=DEADLINE)
    with Portkey(**kwargs) as client:
        started = time.monotonic()
        with pytest.raises(APIConnectionError) as info:
            client.chat.completions.create(messages=MESSAGES, **fault(spec))
        elapsed = time.monotonic() - started
    _ours(info.value)
    assert elapsed < DEADLINE + 0.5
    if spec.startswith("slow"):
        assert isinstance(info.value, APITimeoutError)
        assert elapsed >= DEADLINE * 0.9
    assert 1 <= server.requests < 20


@pytest.mark.anyio
@pytest.mark.parametrize("spec", ["slow_headers:5", "reset_before"])
async def test_deadline_async(server: FaultServer, spec: str) -> None:
    kwargs = client_kwargs(server, timeout=30, max_retries=20, deadline=DEADLINE)
    async with AsyncPortkey(**kwargs) as client:
        started = time.monotonic()
        with pytest.raises(APIConnectionError) as info:
            await client.chat.completions.create(messages=MESSAGES, **fault(spec))
        elapsed = time.monotonic() - started
    _ours(info.value)
    assert elapsed < DEADLINE + 0.5
    if spec.startswith("slow"):
        assert isinstance(info.value, APITimeoutError)
        assert elapsed >= DEADLINE * 0.9
    assert 1 <= server.requests < 20


def test_deadline_bounds_a_stalled_stream_sync(server: FaultServer) -> None:
    kwargs = client_kwargs(server, timeout=30, max_retries=2, deadline=DEADLINE)
    with Portkey(**kwargs) as client:
        started = time.monotonic()
        stream = client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_stall:10")
        )
        with pytest.raises(APITimeoutError):
            with stream:
                for _ in stream:
                    pass
        assert time.monotonic() - started < DEADLINE + 0.5


@pytest.mark.anyio
async def test_deadline_bounds_a_stalled_stream_async(server: FaultServer) -> None:
    kwargs = client_kwargs(server, timeout=30, max_retries=2, deadline=DEADLINE)
    async with AsyncPortkey(**kwargs) as client:
        started = time.monotonic()
        stream = await client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_stall:10")
        )
        with pytest.raises(APITimeoutError):
            async with stream:
                async for _ in stream:
                    pass
        assert time.monotonic() - started < DEADLINE + 0.5


# A reset after the stream's headers but before its first event: sent again --------------------


def test_reset_before_the_first_event_is_retried_sync(server: FaultServer, no_sleep: None) -> None:
    with Portkey(**client_kwargs(server, max_retries=2)) as client:
        server.program("sse_reset_head", "sse_reset_head")  # then the header rule: "sse"
        stream = client.chat.completions.create(messages=MESSAGES, stream=True, **fault("sse"))
        texts = [c.choices[0].delta.content for c in stream if c.choices]
    assert "".join(t or "" for t in texts)  # the third attempt's whole answer, once
    assert server.attempts("sse_reset_head") == 2 and server.attempts() == 3
    assert server.wait_open(0) == 0


@pytest.mark.anyio
async def test_reset_before_the_first_event_is_retried_async(
    server: FaultServer, no_sleep: None
) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=2)) as client:
        server.program("sse_reset_head", "sse_reset_head")
        stream = await client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse")
        )
        texts = [c.choices[0].delta.content async for c in stream if c.choices]
    assert "".join(t or "" for t in texts)
    assert server.attempts("sse_reset_head") == 2 and server.attempts() == 3
    assert await server.await_open(0) == 0


@pytest.mark.parametrize("retries", [0, 2])
def test_reset_before_the_first_event_after_the_retries_sync(
    server: FaultServer, no_sleep: None, retries: int
) -> None:
    """Every attempt resets: APIConnectionError after exactly max_retries + 1 attempts,
    counted by the server."""
    with Portkey(**client_kwargs(server, max_retries=retries)) as client:
        stream = client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_reset_head")
        )
        with pytest.raises(APIConnectionError) as info:
            list(stream)
    _ours(info.value)
    assert server.attempts("sse_reset_head") == retries + 1
    assert server.wait_open(0) == 0


@pytest.mark.anyio
@pytest.mark.parametrize("retries", [0, 2])
async def test_reset_before_the_first_event_after_the_retries_async(
    server: FaultServer, no_sleep: None, retries: int
) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=retries)) as client:
        stream = await client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_reset_head")
        )
        with pytest.raises(APIConnectionError) as info:
            async for _ in stream:
                pass
    _ours(info.value)
    assert server.attempts("sse_reset_head") == retries + 1
    assert await server.await_open(0) == 0
