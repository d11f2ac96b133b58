"""Connection accounting and sharing, counted on the server's side.

- 1,000 requests with 10 % failures, 100 streams abandoned early, (async) 20 streams cancelled
  mid-way, then ``close()``: no connection left open on the server.
- One sync client shared by 8 threads, one async client by 500 concurrent tasks: every request
  accounted for, every answer to the request that asked for it.
- ``with_options`` copies used concurrently never cross headers.
"""

from __future__ import annotations

import asyncio
import gc
import threading
from typing import Any, Dict, List, Optional

import pytest

from portkey import APIError, AsyncPortkey, Portkey, PortkeyError

from .server import FaultServer
from .support import MESSAGES, client_kwargs

pytestmark = pytest.mark.faults

REQUESTS = 1000
FAILURE_EVERY = 10  # 10 %
FAILURES = ["reset_before", "reset_mid_body", "text_500", "html_502", "empty_503"]
ABANDONED = 100
CANCELLED = 20


def _spec(i: int) -> str:
    if i % FAILURE_EVERY == FAILURE_EVERY - 1:
        return FAILURES[(i // FAILURE_EVERY) % len(FAILURES)]
    return "ok"


def _leak(server: FaultServer, where: str, open_now: int, allowed: int) -> int:
    leaked = max(0, open_now - allowed)
    if leaked:
        server.totals.leaks += leaked
        server.totals.leak_notes.append(f"{where}: {open_now} open, {allowed} allowed")
    return leaked


# 1,000 requests, abandoned streams, close() ----------------------------------------------------


def test_connection_accounting_sync(server: FaultServer) -> None:
    client = Portkey(**client_kwargs(server, max_retries=0))
    failed = 0
    for i in range(REQUESTS):
        spec = _spec(i)
        headers = {"x-fault": spec, "x-echo": f"r{i}"}
        try:
            result = client.chat.completions.create(messages=MESSAGES, extra_headers=headers)
        except PortkeyError:
            failed += 1
            assert spec != "ok"
        else:
            assert result.id == f"chatcmpl-r{i}"
    assert failed == REQUESTS // FAILURE_EVERY
    assert server.requests == REQUESTS
    # Sequential calls on keep-alive: one pooled connection at most stays open.
    assert _leak(server, "sync, after 1,000 requests", server.wait_open(1), 1) == 0

    for _ in range(ABANDONED):
        stream = client.chat.completions.create(
            messages=MESSAGES, stream=True, extra_headers={"x-fault": "sse_slow:50"}
        )
        with stream:
            for _chunk in stream:
                break  # leave early: the half-read connection must be closed, not pooled
    # Abandoned without `with` and without close(): dropping the stream must release it too.
    for _ in range(10):
        stream = client.chat.completions.create(
            messages=MESSAGES, stream=True, extra_headers={"x-fault": "sse_slow:50"}
        )
        next(iter(stream))
        del stream
    gc.collect()
    assert server.requests == REQUESTS + ABANDONED + 10
    assert _leak(server, "sync, after abandoned streams", server.wait_open(1), 1) == 0

    client.close()
    assert _leak(server, "sync, after close()", server.wait_open(0), 0) == 0
    assert server.connections_opened == server.connections_closed


@pytest.mark.anyio
async def test_connection_accounting_async(server: FaultServer) -> None:
    client = AsyncPortkey(**client_kwargs(server, max_retries=0))
    failed = 0
    for i in range(REQUESTS):
        spec = _spec(i)
        headers = {"x-fault": spec, "x-echo": f"r{i}"}
        try:
            result = await client.chat.completions.create(messages=MESSAGES, extra_headers=headers)
        except PortkeyError:
            failed += 1
            assert spec != "ok"
        else:
            assert result.id == f"chatcmpl-r{i}"
    assert failed == REQUESTS // FAILURE_EVERY
    assert server.requests == REQUESTS
    assert _leak(server, "async, after 1,000 requests", await server.await_open(1), 1) == 0

    for _ in range(ABANDONED):
        stream = await client.chat.completions.create(
            messages=MESSAGES, stream=True, extra_headers={"x-fault": "sse_slow:50"}
        )
        async with stream:
            async for _chunk in stream:
                break
    assert _leak(server, "async, after abandoned streams", await server.await_open(1), 1) == 0

    # 20 streams cancelled mid-way (task.cancel() while the task is inside `async with`).
    progress: Dict[int, int] = {}

    async def consume(n: int) -> None:
        stream = await client.chat.completions.create(
            messages=MESSAGES, stream=True, extra_headers={"x-fault": "sse_slow:200"}
        )
        async with stream:
            async for _chunk in stream:
                progress[n] = progress.get(n, 0) + 1

    tasks = [asyncio.create_task(consume(n)) for n in range(CANCELLED)]
    for _ in range(500):
        if len(progress) == CANCELLED and min(progress.values()) >= 3:
            break
        await asyncio.sleep(0.01)
    assert len(progress) == CANCELLED
    for task in tasks:
        task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(r, asyncio.CancelledError) for r in results)
    assert all(3 <= n < 200 for n in progress.values())  # really mid-way
    assert server.requests == REQUESTS + ABANDONED + CANCELLED
    assert _leak(server, "async, after cancelled streams", await server.await_open(1), 1) == 0

    await client.close()
    assert _leak(server, "async, after close()", await server.await_open(0), 0) == 0
    assert server.connections_opened == server.connections_closed


# Sharing: 8 threads on one sync client, 500 tasks on one async client ------------------------

THREADS = 8
PER_THREAD = 50
TASKS = 500


def test_one_client_eight_threads(server: FaultServer) -> None:
    client = Portkey(**client_kwargs(server, max_retries=0))
    outcome: Dict[str, Optional[str]] = {}  # echo -> id returned, or None for an error
    errors: List[BaseException] = []
    lock = threading.Lock()

    def work(t: int) -> None:
        try:
            for i in range(PER_THREAD):
                echo = f"t{t}-{i}"
                spec = "text_500" if i % 10 == 9 else "ok"
                headers = {"x-echo": echo, "x-fault": spec}
                try:
                    result = client.chat.completions.create(
                        messages=MESSAGES, extra_headers=headers
                    )
                    got: Optional[str] = result.id
                except APIError as exc:
                    assert spec != "ok", exc
                    got = None
                with lock:
                    outcome[echo] = got
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors[:3]
    assert len(outcome) == THREADS * PER_THREAD
    assert server.requests == THREADS * PER_THREAD
    assert sorted(r.headers["x-echo"] for r in server.records) == sorted(outcome)
    for echo, got in outcome.items():
        assert got is None or got == f"chatcmpl-{echo}"
    assert sum(got is None for got in outcome.values()) == THREADS * PER_THREAD // 10
    assert server.peak_open <= THREADS
    client.close()
    assert _leak(server, "8 threads, after close()", server.wait_open(0), 0) == 0


@pytest.mark.anyio
async def test_one_async_client_500_tasks(server: FaultServer) -> None:
    client = AsyncPortkey(**client_kwargs(server, max_retries=0, timeout=30))

    async def one(i: int) -> Optional[str]:
        spec = "text_500" if i % 10 == 9 else "ok"
        headers = {"x-echo": f"task{i}", "x-fault": spec}
        try:
            result = await client.chat.completions.create(messages=MESSAGES, extra_headers=headers)
        except APIError:
            assert spec != "ok"
            return None
        return result.id

    results = await asyncio.gather(*(one(i) for i in range(TASKS)))
    assert server.requests == TASKS
    assert sorted(r.headers["x-echo"] for r in server.records) == sorted(
        f"task{i}" for i in range(TASKS)
    )
    for i, got in enumerate(results):
        assert got == (None if i % 10 == 9 else f"chatcmpl-task{i}")
    await client.close()
    assert _leak(server, "500 tasks, after close()", await server.await_open(0), 0) == 0


# with_options copies used concurrently ------------------------------------------------------

COPIES = 8


def _copies(client: Any) -> List[Any]:
    return [
        client.with_options(default_headers={"x-echo": f"copy{n}"}, virtual_key=f"vk-{n}")
        for n in range(COPIES)
    ]


def _check_no_crossing(server: FaultServer, total: int) -> None:
    assert server.requests == total
    for record in server.records:
        n = record.headers["x-echo"].removeprefix("copy")
        assert record.headers["x-portkey-virtual-key"] == f"vk-{n}"
        assert record.headers.get("x-tenant-call", n) == n


def test_with_options_copies_threads(server: FaultServer) -> None:
    client = Portkey(**client_kwargs(server, max_retries=0, virtual_key="vk-base"))
    copies = _copies(client)
    errors: List[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(30):
                target = copies[(n + i) % COPIES]
                m = (n + i) % COPIES
                result = target.chat.completions.create(
                    messages=MESSAGES, extra_headers={"x-tenant-call": str(m)}
                )
                assert result.id == f"chatcmpl-copy{m}"
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors[:3]
    _check_no_crossing(server, THREADS * 30)
    assert client.virtual_key == "vk-base"  # the original is untouched
    assert server.peak_open <= THREADS  # the copies share one pool
    client.close()  # closes the shared pool
    assert server.wait_open(0) == 0


@pytest.mark.anyio
async def test_with_options_copies_tasks(server: FaultServer) -> None:
    client = AsyncPortkey(**client_kwargs(server, max_retries=0, virtual_key="vk-base"))
    copies = _copies(client)

    async def one(i: int) -> None:
        m = i % COPIES
        result = await copies[m].chat.completions.create(
            messages=MESSAGES, extra_headers={"x-tenant-call": str(m)}
        )
        assert result.id == f"chatcmpl-copy{m}"

    await asyncio.gather(*(one(i) for i in range(200)))
    _check_no_crossing(server, 200)
    assert client.virtual_key == "vk-base"
    await client.close()
    assert await server.await_open(0) == 0
