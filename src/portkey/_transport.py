"""The httpx clients we build: limits, one shared SSL context, and two httpcore speed fixes.
Imported on the first request (it imports httpcore, which httpx itself imports only then).

A caller's own ``http_client`` is used as given; only the clients built here get the fixes.
Under httpx2 (``_httpx2``) neither is applied. httpcore2 looks sniffio up once, at import
(fix 2 not needed), and its pool no longer collapses at concurrency (~0.8 ms of CPU per call
at c=100, against ~12.5 ms for httpcore 1.0's); it still scans its connections on each
request start and end, and ``_LinearPool`` patched in measured ~25 % less CPU there
(``benchmarks/backends_probe.py``), but swapping the pool of a library whose pool code is
still changing, and whose cancelled-connection cleanup ours would have to copy, is not worth
that: httpcore2's own pool is used as it is.

1. Linear pool bookkeeping. httpcore 1.0.x re-runs ``_assign_requests_to_connections`` on
   every request start and end. It probes every idle connection's socket (through anyio's
   attribute machinery) and, for each idle one, rebuilds a list of all connections: with
   100 requests in flight that is ~10 ms of client CPU per request, and it hands one idle
   connection to several queued requests, which then fail over and rescan. ``_LinearPool``
   keeps the same policy (oldest usable connection first, new connections up to
   ``max_connections``, surplus idle ones closed above ``max_keepalive_connections``, a
   server-closed or expired connection never reused) at O(requests + connections) per event:
   the socket probe runs on the connection about to be reused, and on every connection at
   most once per second. Our clients speak HTTP/1.1 only, so a connection serves one request.
   Used only with the httpcore versions it was checked against; otherwise httpcore's own.

2. httpcore asks ``import sniffio`` on every lock and event it creates (several per request).
   Since anyio 4.11 sniffio is often not installed, and Python does not cache a failed
   import: each attempt walks ``sys.path`` (~100 us). When sniffio is absent, httpcore's
   answer is always "asyncio"; we compute it once.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, AbstractSet, Any, List, Optional, Set

import httpcore
import httpx

from ._settings import DEFAULT_LIMITS, shared_ssl_context

__all__ = ["DEFAULT_LIMITS", "new_async_client", "new_sync_client", "shared_ssl_context"]

SWEEP_INTERVAL = 1.0  # seconds between probes of every pooled connection

_lock = threading.Lock()
_sniffio_checked = False


class _LinearPool:
    """``_assign_requests_to_connections`` for httpcore's sync and async pools alike: it does
    no I/O (closing is left to the caller, as in httpcore)."""

    _connections: List[Any]
    _requests: List[Any]
    _max_connections: int
    _max_keepalive_connections: int
    _portkey_next_sweep = 0.0
    _portkey_busy: AbstractSet[int] = frozenset()

    if TYPE_CHECKING:  # provided by httpcore's pool (defining it here would shadow it)

        def create_connection(self, origin: Any) -> Any: ...

    def _assign_requests_to_connections(self) -> List[Any]:
        closing: List[Any] = []
        connections = self._connections
        busy: Set[int] = set()
        queued = []
        for pool_request in self._requests:
            connection = pool_request.connection
            if connection is None:
                queued.append(pool_request)
            else:
                busy.add(id(connection))

        now = time.monotonic()
        if now >= self._portkey_next_sweep or len(connections) > self._max_keepalive_connections:
            self._portkey_next_sweep = now + SWEEP_INTERVAL
            self._sweep(connections, busy, closing)
        else:
            # A connection is mostly closed while in use (a stream abandoned, an error): look
            # at the ones whose request ended since the last call.
            released = self._portkey_busy - busy
            if released:
                gone = [c for c in connections if id(c) in released and c.is_closed()]
                if gone:
                    connections[:] = [c for c in connections if c not in gone]

        for pool_request in queued:
            origin = pool_request.request.url.origin
            chosen = None
            expired: List[Any] = []
            for connection in connections:
                if (
                    id(connection) not in busy
                    and connection.can_handle_request(origin)
                    and connection.is_available()
                ):
                    if connection.has_expired():  # the one probe, on the one we reuse
                        expired.append(connection)
                        continue
                    chosen = connection
                    break
            if expired:
                closing.extend(expired)
                connections[:] = [c for c in connections if c not in expired]
            if chosen is None:
                if len(connections) >= self._max_connections:
                    idle = next((c for c in connections if id(c) not in busy and c.is_idle()), None)
                    if idle is None:
                        continue  # stays queued until a connection frees up
                    connections.remove(idle)
                    closing.append(idle)
                chosen = self.create_connection(origin)
                connections.append(chosen)
            busy.add(id(chosen))
            pool_request.assign_to_connection(chosen)
        self._portkey_busy = busy
        return closing

    def _sweep(self, connections: List[Any], busy: Set[int], closing: List[Any]) -> None:
        """Drop closed connections; close expired ones and idle ones above the keep-alive
        limit (connections promised to a request are left alone)."""
        kept = []
        count = len(connections)
        keep = self._max_keepalive_connections
        for connection in connections:
            if connection.is_closed():
                count -= 1
            elif id(connection) not in busy and (
                (count > keep and connection.is_idle()) or connection.has_expired()
            ):
                count -= 1
                closing.append(connection)
            else:
                kept.append(connection)
        connections[:] = kept


class _LinearSyncPool(_LinearPool, httpcore.ConnectionPool):
    pass


class _LinearAsyncPool(_LinearPool, httpcore.AsyncConnectionPool):
    pass


def _checked_httpcore() -> bool:
    """The httpcore releases whose pool internals ``_LinearPool`` was written against."""
    version = getattr(httpcore, "__version__", "")
    return version.startswith("1.0.") and all(
        callable(getattr(cls, "_assign_requests_to_connections", None))
        for cls in (httpcore.ConnectionPool, httpcore.AsyncConnectionPool)
    )


def _use_linear_pool(client: Any, linear: type, stock: type) -> None:
    transport = getattr(client, "_transport", None)
    pool = getattr(transport, "_pool", None)
    if type(pool) is stock and _checked_httpcore():
        pool.__class__ = linear  # same layout: a subclass with no state of its own


def _cache_async_library() -> None:
    """Compute httpcore's answer once when sniffio is not installed (see the module doc)."""
    global _sniffio_checked
    with _lock:
        if _sniffio_checked:
            return
        _sniffio_checked = True
        try:
            from httpcore import _synchronization as sync
        except ImportError:  # pragma: no cover - another httpcore layout
            return
        if not callable(getattr(sync, "current_async_library", None)):
            return
        import importlib.util

        try:
            present = importlib.util.find_spec("sniffio") is not None
        except (ImportError, ValueError):
            present = False
        if present or getattr(sync, "anyio", None) is None:
            return  # sniffio answers (cheaply), or httpcore must report the missing anyio

        def current_async_library() -> str:
            return "asyncio"  # httpcore's answer whenever sniffio is absent

        sync.current_async_library = current_async_library
        try:
            from httpcore._backends import auto  # imported the function by name
        except ImportError:  # pragma: no cover
            return
        if hasattr(auto, "current_async_library"):
            auto.current_async_library = current_async_library


def new_sync_client(timeout: httpx.Timeout) -> httpx.Client:
    client = httpx.Client(timeout=timeout, limits=DEFAULT_LIMITS, verify=shared_ssl_context())
    _use_linear_pool(client, _LinearSyncPool, httpcore.ConnectionPool)
    return client


def new_async_client(timeout: httpx.Timeout) -> httpx.AsyncClient:
    _cache_async_library()
    client = httpx.AsyncClient(timeout=timeout, limits=DEFAULT_LIMITS, verify=shared_ssl_context())
    _use_linear_pool(client, _LinearAsyncPool, httpcore.AsyncConnectionPool)
    return client


def pool_of(client: Any) -> Optional[Any]:
    """The httpcore (or httpcore2) pool behind a client we built (for tests and
    diagnostics); an httpx2 client is seen through its adapter (``_httpx2``)."""
    if type(client).__module__.endswith("_httpx2"):
        client = client._client
    return getattr(getattr(client, "_transport", None), "_pool", None)
