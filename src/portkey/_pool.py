"""The connection pool a client shares with its ``with_options`` copies, and the lazily
built API areas (``client.chat``): nothing here does I/O."""

from __future__ import annotations

import importlib
import sys
import threading
from typing import Any, Callable, Generic, Optional, TypeVar, Union, overload

import httpx

from ._errors import APIConnectionError

__all__ = ["Pool", "resource", "running_loop"]

H = TypeVar("H", httpx.Client, httpx.AsyncClient)
R = TypeVar("R")


def running_loop() -> Any:
    """The running asyncio loop, or None (under trio, say)."""
    asyncio = sys.modules.get("asyncio")
    try:
        return asyncio.get_running_loop() if asyncio is not None else None
    except RuntimeError:
        return None


class Pool(Generic[H]):
    """The connection pool, shared by a client and its ``with_options`` copies.

    The httpx client is built on the first request, so building a Portkey client is cheap.
    """

    __slots__ = ("_client", "_factory", "_lock", "_loop", "closed", "owned")

    def __init__(self, factory: Callable[[], H], client: Optional[H] = None) -> None:
        self._factory: Callable[[], H] = factory
        self._client: Optional[H] = client
        self._lock = threading.Lock()
        self.owned = client is None
        self.closed = False
        self._loop: Any = None

    def get(self) -> H:
        client = self._client
        if client is None:
            with self._lock:
                if self.closed:
                    raise APIConnectionError("The client has been closed.")
                if self._client is None:
                    self._client = self._factory()
                client = self._client
        return client

    def get_for_loop(self, loop: Any) -> H:
        """``get()`` for the async client. Connections belong to the event loop that opened
        them: when a client is used again after its loop was closed (``asyncio.run`` called
        once per request, say), ours starts a fresh pool instead of failing on dead ones."""
        client = self.get()
        if loop is not self._loop:
            with self._lock:
                old = self._loop
                if old is not None and old.is_closed() and self.owned and self._client is client:
                    client = self._client = self._factory()
                self._loop = loop
        return client

    def take_for_close(self) -> Optional[H]:
        """Mark closed; return the httpx client to close, if it is ours to close."""
        with self._lock:
            self.closed = True
            client, self._client = self._client, None
        return client if self.owned else None


class resource(Generic[R]):
    """A resource attribute (``client.chat``), imported and built on first access."""

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name
        self.attr = name

    def __set_name__(self, owner: type, attr: str) -> None:
        self.attr = attr

    @overload
    def __get__(self, obj: None, owner: type) -> resource[R]: ...
    @overload
    def __get__(self, obj: object, owner: type) -> R: ...
    def __get__(self, obj: Optional[object], owner: type) -> Union[R, resource[R]]:
        if obj is None:
            return self
        cls = getattr(importlib.import_module(self.module, "portkey"), self.name)
        value: R = cls(obj)
        obj.__dict__[self.attr] = value  # cached: later lookups never reach the descriptor
        return value
