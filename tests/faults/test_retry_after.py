"""429s: retry-after in seconds, retry-after-ms, an HTTP date, an hour; a storm with backoff and
jitter; a storm under a deadline. Waits are measured server-side, between attempt arrivals."""

from __future__ import annotations

import time
from typing import List, Tuple

import pytest

from portkey import AsyncPortkey, Portkey, RateLimitError
from portkey._retry import INITIAL_DELAY, JITTER

from .server import FaultServer
from .support import MESSAGES, client_kwargs, fault

pytestmark = pytest.mark.faults

# (behaviour, lowest, highest) wait in seconds between the 429 and the retry. The backoff
# without retry-after would be 0.375-0.5 s, outside every window. An HTTP date has whole
# seconds: "3 s from now" is a wait of 2 to 3 s.
HONOURED = [
    pytest.param("429_s:1", 0.95, 1.6, id="retry-after-seconds"),
    pytest.param("429_ms:100", 0.09, 0.3, id="retry-after-ms"),
    pytest.param("429_date:3", 1.9, 3.3, id="retry-after-http-date"),
]


def _check_wait(server: FaultServer, delays: List[float], low: float, high: float) -> None:
    assert server.requests == 2
    (gap,) = server.gaps()
    assert low <= gap <= high, f"waited {gap:.3f} s, wanted {low}-{high}"
    (delay,) = delays
    assert low <= delay <= high


@pytest.mark.parametrize(("spec", "low", "high"), HONOURED)
def test_retry_after_sync(
    server: FaultServer, retry_log: List[float], spec: str, low: float, high: float
) -> None:
    server.program(spec, "ok")
    with Portkey(**client_kwargs(server, max_retries=1)) as client:
        result = client.chat.completions.create(messages=MESSAGES)
    assert result.choices[0].finish_reason == "stop"
    _check_wait(server, retry_log, low, high)


@pytest.mark.anyio
@pytest.mark.parametrize(("spec", "low", "high"), HONOURED)
async def test_retry_after_async(
    server: FaultServer, retry_log: List[float], spec: str, low: float, high: float
) -> None:
    server.program(spec, "ok")
    async with AsyncPortkey(**client_kwargs(server, max_retries=1)) as client:
        result = await client.chat.completions.create(messages=MESSAGES)
    assert result.choices[0].finish_reason == "stop"
    _check_wait(server, retry_log, low, high)


# An hour-long retry-after: raise at once, with .retry_after ---------------------------------


def test_retry_after_hour_sync(server: FaultServer, retry_log: List[float]) -> None:
    with Portkey(**client_kwargs(server, max_retries=5)) as client:
        started = time.monotonic()
        with pytest.raises(RateLimitError) as info:
            client.chat.completions.create(messages=MESSAGES, **fault("429_hour"))
        assert time.monotonic() - started < 0.5
    assert info.value.retry_after == 3600.0
    assert info.value.status_code == 429
    assert "Rate limit reached" in str(info.value)
    assert server.requests == 1 and retry_log == []


@pytest.mark.anyio
async def test_retry_after_hour_async(server: FaultServer, retry_log: List[float]) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=5)) as client:
        started = time.monotonic()
        with pytest.raises(RateLimitError) as info:
            await client.chat.completions.create(messages=MESSAGES, **fault("429_hour"))
        assert time.monotonic() - started < 0.5
    assert info.value.retry_after == 3600.0
    assert server.requests == 1 and retry_log == []


# A 429 storm: exponential backoff with jitter --------------------------------------------------

STORM_RETRIES = 5


def _check_backoff(delays: List[float]) -> None:
    assert len(delays) == STORM_RETRIES
    for n, delay in enumerate(delays):
        base = INITIAL_DELAY * 2**n
        assert base * (1 - JITTER) <= delay <= base, (n, delay)
    assert all(a < b for a, b in zip(delays, delays[1:])), delays  # they grow
    assert any(d != INITIAL_DELAY * 2**n for n, d in enumerate(delays)), delays  # jittered


def _storm_runs(delays: List[float]) -> Tuple[List[float], List[float]]:
    half = len(delays) // 2
    return delays[:half], delays[half:]


def test_429_storm_sync(server: FaultServer, no_sleep: None, retry_log: List[float]) -> None:
    with Portkey(**client_kwargs(server, max_retries=STORM_RETRIES)) as client:
        for _ in range(2):
            with pytest.raises(RateLimitError) as info:
                client.chat.completions.create(messages=MESSAGES, **fault("429"))
            assert info.value.retry_after is None
    assert server.requests == 2 * (STORM_RETRIES + 1)
    first, second = _storm_runs(retry_log)
    _check_backoff(first)
    _check_backoff(second)
    assert first != second  # the jitter differs from one call to the next


@pytest.mark.anyio
async def test_429_storm_async(server: FaultServer, no_sleep: None, retry_log: List[float]) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=STORM_RETRIES)) as client:
        for _ in range(2):
            with pytest.raises(RateLimitError):
                await client.chat.completions.create(messages=MESSAGES, **fault("429"))
    assert server.requests == 2 * (STORM_RETRIES + 1)
    first, second = _storm_runs(retry_log)
    _check_backoff(first)
    _check_backoff(second)
    assert first != second


def test_429_storm_real_waits_sync(server: FaultServer, retry_log: List[float]) -> None:
    """Slept for real (two retries): the server sees the waits the SDK logged."""
    with Portkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(RateLimitError):
            client.chat.completions.create(messages=MESSAGES, **fault("429"))
    gaps = server.gaps()
    assert len(gaps) == 2 == len(retry_log)
    for gap, delay in zip(gaps, retry_log):
        assert delay <= gap < delay + 0.3


@pytest.mark.anyio
async def test_429_storm_real_waits_async(server: FaultServer, retry_log: List[float]) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(RateLimitError):
            await client.chat.completions.create(messages=MESSAGES, **fault("429"))
    gaps = server.gaps()
    assert len(gaps) == 2 == len(retry_log)
    for gap, delay in zip(gaps, retry_log):
        assert delay <= gap < delay + 0.3


# A storm under a total deadline: stops before the deadline, not after max_retries -----------

DEADLINE = 1.0


def test_429_storm_deadline_sync(server: FaultServer) -> None:
    with Portkey(**client_kwargs(server, max_retries=20, deadline=DEADLINE)) as client:
        started = time.monotonic()
        with pytest.raises(RateLimitError):
            client.chat.completions.create(messages=MESSAGES, **fault("429"))
        assert time.monotonic() - started < DEADLINE + 0.2
    assert 2 <= server.requests <= 3


@pytest.mark.anyio
async def test_429_storm_deadline_async(server: FaultServer) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=20, deadline=DEADLINE)) as client:
        started = time.monotonic()
        with pytest.raises(RateLimitError):
            await client.chat.completions.create(messages=MESSAGES, **fault("429"))
        assert time.monotonic() - started < DEADLINE + 0.2
    assert 2 <= server.requests <= 3
