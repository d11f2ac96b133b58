"""The connection pool our clients build (``portkey/_transport.py``), counted on the server:
connections reused, never more than needed, trimmed to the keep-alive limit, a connection the
server closed never reused; and httpcore no longer looks for sniffio on every request."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import threading
from typing import Any, List

import httpcore
import httpx
import pytest

from portkey import APIConnectionError, AsyncPortkey, Portkey
from portkey._transport import DEFAULT_LIMITS, pool_of

from .server import FaultServer
from .support import MESSAGES, client_kwargs

HTTPX2 = os.environ.get("PORTKEY_HTTP_BACKEND") == "httpx2"  # the httpx2 run
SLOW = "slow_headers:0.05"  # keeps every request of a burst in flight at once


def _pool(client: Any) -> Any:
    return pool_of(client._pool.get())


def test_our_clients_get_the_linear_pool_and_a_callers_client_is_untouched(
    server: FaultServer,
) -> None:
    with Portkey(**client_kwargs(server)) as ours:
        ours.chat.completions.create(messages=MESSAGES)
        if HTTPX2:  # httpcore2's own pool is linear already: used as it is
            assert type(_pool(ours)).__module__.startswith("httpcore2")
        else:
            assert type(_pool(ours)).__name__ == "_LinearSyncPool"
    with httpx.Client() as given, Portkey(**client_kwargs(server), http_client=given) as theirs:
        theirs.chat.completions.create(messages=MESSAGES)
        assert type(pool_of(given)) is httpcore.ConnectionPool


@pytest.mark.anyio
async def test_a_burst_of_100_opens_100_connections_and_reuses_them_async(
    server: FaultServer,
) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=0)) as client:

        async def one(i: int) -> None:
            headers = {"x-fault": SLOW, "x-echo": f"r{i}"}
            result = await client.chat.completions.create(messages=MESSAGES, extra_headers=headers)
            assert result.id == f"chatcmpl-r{i}"

        for burst in range(3):
            await asyncio.gather(*(one(100 * burst + i) for i in range(100)))
            assert len(_pool(client)._connections) == 100
    assert server.requests == 300
    assert server.connections_opened == 100  # one per request in flight, then reused
    assert await server.await_open(0) == 0


@pytest.mark.anyio
async def test_idle_connections_above_the_keepalive_limit_are_closed_async(
    server: FaultServer,
) -> None:
    width = DEFAULT_LIMITS.max_keepalive_connections + 50  # type: ignore[operator]
    async with AsyncPortkey(**client_kwargs(server, max_retries=0)) as client:
        await asyncio.gather(
            *(client.chat.completions.create(messages=MESSAGES, **_slow()) for _ in range(width))
        )
        assert server.connections_opened == width
        assert len(_pool(client)._connections) <= DEFAULT_LIMITS.max_keepalive_connections
        assert await server.await_open(100) <= 100
        await client.chat.completions.create(messages=MESSAGES)  # reuses one: none opened
        assert server.connections_opened == width
    assert await server.await_open(0) == 0


def _slow() -> Any:
    return {"extra_headers": {"x-fault": SLOW}}


def test_threads_share_connections_sync(server: FaultServer) -> None:
    errors: List[BaseException] = []
    with Portkey(**client_kwargs(server, max_retries=0)) as client:

        def work(t: int) -> None:
            try:
                for i in range(20):
                    echo = f"t{t}-{i}"
                    result = client.chat.completions.create(
                        messages=MESSAGES, extra_headers={"x-fault": SLOW, "x-echo": echo}
                    )
                    assert result.id == f"chatcmpl-{echo}"
            except BaseException as exc:  # reported below, with the thread's own traceback
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert server.requests == 160
    assert server.connections_opened <= 8


def test_a_connection_the_server_closed_is_not_reused_sync(server: FaultServer) -> None:
    with Portkey(**client_kwargs(server, max_retries=0)) as client:
        client.chat.completions.create(messages=MESSAGES)
        server.reset()  # the server closes the idle keep-alive connection
        result = client.chat.completions.create(messages=MESSAGES)  # no retry allowed
        assert result.choices[0].message.content
    assert server.connections_opened == 1 and server.requests == 1


@pytest.mark.anyio
async def test_a_connection_the_server_closed_is_not_reused_async(server: FaultServer) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=0)) as client:
        await client.chat.completions.create(messages=MESSAGES)
        server.reset()
        result = await client.chat.completions.create(messages=MESSAGES)
        assert result.choices[0].message.content
    assert server.connections_opened == 1 and server.requests == 1


def test_httpcore_stops_looking_for_sniffio_on_every_request(server: FaultServer) -> None:
    """In a process where sniffio is not installed (hidden here by a finder that counts the
    lookups), raw httpx looks for it several times per request; after our first async client
    is built, nobody does."""
    code = textwrap.dedent(
        f"""
        import asyncio, sys, importlib.abc
        class Hide(importlib.abc.MetaPathFinder):
            hits = 0
            def find_spec(self, name, path=None, target=None):
                if name == "sniffio":
                    Hide.hits += 1
                    raise ModuleNotFoundError("hidden", name="sniffio")
                return None
        sys.meta_path.insert(0, Hide())
        sys.modules.pop("sniffio", None)
        import httpx
        from portkey import AsyncPortkey
        URL = {server.url!r}
        BODY = {{"model": "m", "messages": [{{"role": "user", "content": "hi"}}]}}
        async def main():
            async with httpx.AsyncClient() as raw:
                for _ in range(20):
                    (await raw.post(URL + "/chat/completions", json=BODY)).json()
            raw_hits = Hide.hits
            async with AsyncPortkey(base_url=URL, api_key="k") as client:
                for _ in range(20):
                    await client.chat.completions.create(**BODY)
            print(raw_hits, Hide.hits - raw_hits)
        asyncio.run(main())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    raw_hits, our_hits = map(int, done.stdout.split())
    assert raw_hits >= 20  # httpcore's own behaviour: at least one failed import per request
    assert our_hits == 1  # ours: the one lookup that decides


def test_an_async_client_survives_its_event_loop(server: FaultServer) -> None:
    """``asyncio.run`` once per request with one long-lived client: the connections of a
    closed loop are not reused (they cannot be), a fresh pool is started, every call works."""
    client = AsyncPortkey(**client_kwargs(server, max_retries=0))

    async def one(i: int) -> str:
        result = await client.chat.completions.create(
            messages=MESSAGES, extra_headers={"x-echo": f"loop{i}"}
        )
        return str(result.id)

    assert [asyncio.run(one(i)) for i in range(3)] == [f"chatcmpl-loop{i}" for i in range(3)]
    assert server.requests == 3
    asyncio.run(client.close())


def test_a_callers_async_client_on_a_new_loop_fails_typed(server: FaultServer) -> None:
    """A caller's own httpx.AsyncClient is used as given; reused after its loop closed, the
    failure is ours (APIConnectionError), not a raw RuntimeError."""
    http = httpx.AsyncClient()
    client = AsyncPortkey(**client_kwargs(server, max_retries=0), http_client=http)

    async def one() -> Any:
        return await client.chat.completions.create(messages=MESSAGES)

    asyncio.run(one())
    with pytest.raises(APIConnectionError):
        asyncio.run(one())


def test_a_dropped_stream_closes_at_once_not_in_a_later_requests_lock(
    server: FaultServer,
) -> None:
    """A stream dropped without close() is freed by reference counting the moment it is
    dropped (no cycle: the cycle collector is off here). Were it left to the collector, a
    collection inside a later request, while httpcore holds its pool lock, would close it
    there and wait on that same lock forever; the collection is forced at that point."""
    import gc

    pool_module = pytest.importorskip("httpcore._sync.connection_pool")
    with Portkey(**client_kwargs(server, max_retries=0)) as client:
        gc.disable()
        original = pool_module.PoolRequest.__init__

        def collecting_init(self: Any, request: Any) -> None:
            original(self, request)
            gc.collect()  # what an automatic collection at this allocation would do

        try:
            stream = client.chat.completions.create(
                messages=MESSAGES, stream=True, extra_headers={"x-fault": "sse_slow:50"}
            )
            next(iter(stream))
            del stream
            assert _pool(client)._connections == []  # closed at once, by refcount
            pool_module.PoolRequest.__init__ = collecting_init
            done = threading.Event()

            def request() -> None:
                client.chat.completions.create(messages=MESSAGES)
                done.set()

            worker = threading.Thread(target=request, daemon=True)
            worker.start()
            assert done.wait(10), "the next request deadlocked"
        finally:
            pool_module.PoolRequest.__init__ = original
            gc.enable()
