"""The Portkey client options of ``PortkeyStrands`` and ``PortkeyAdk``: the keywords of
``AsyncPortkey`` (``api_key``, ``virtual_key``, ``config``, ``provider``, ``Authorization``,
``custom_host``, ``trace_id``, ``timeout``, ``max_retries``, ...), split from the rest.

``metadata`` is a request body parameter of both APIs (chat completions and Responses), so
Portkey's request metadata (the ``x-portkey-metadata`` header) is given as ``custom_metadata``,
as in the LangChain adapter.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
import weakref
from typing import Any, Dict, FrozenSet, Mapping, Optional, Tuple

from .._client import AsyncPortkey

__all__ = ["CLIENT_OPTIONS", "LoopClients", "new_client", "split_client_options"]


def _client_keywords() -> FrozenSet[str]:
    parameters = inspect.signature(AsyncPortkey.__init__).parameters.values()
    named = {p.name for p in parameters if p.kind is not inspect.Parameter.VAR_KEYWORD}
    return frozenset(named - {"self", "metadata"} | {"custom_metadata"})


CLIENT_OPTIONS = _client_keywords()


def split_client_options(options: Mapping[str, Any]) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """``(client options, the rest)``."""
    client = {k: v for k, v in options.items() if k in CLIENT_OPTIONS}
    rest = {k: v for k, v in options.items() if k not in CLIENT_OPTIONS}
    return client, rest


def new_client(options: Mapping[str, Any]) -> AsyncPortkey:
    """An AsyncPortkey from client options (``custom_metadata`` is its ``metadata``)."""
    given = dict(options)
    if "custom_metadata" in given:
        given["metadata"] = given.pop("custom_metadata")
    return AsyncPortkey(**given)


class LoopClients:
    """One AsyncPortkey per running event loop, made from the same options.

    Connections belong to the loop that opened them, and both frameworks run a loop of their
    own for a sync call (Strands' ``agent(...)`` and ADK's ``Runner.run`` use a thread with
    ``asyncio.run``) while the caller's loop may be alive and using the model too. A client
    whose loop is gone is dropped with it.
    """

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.options = dict(options)
        self._clients: weakref.WeakKeyDictionary[Any, AsyncPortkey] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()
        # made now, so that bad options (a config the gateway would refuse) fail here
        self._spare: Optional[AsyncPortkey] = new_client(self.options)

    def __deepcopy__(self, memo: Dict[int, Any]) -> LoopClients:
        return self  # a copied model (pydantic's model_copy(deep=True)) shares the clients

    def get(self) -> AsyncPortkey:
        """The client of the running loop."""
        loop = asyncio.get_running_loop()
        with self._lock:
            client = self._clients.get(loop)
            if client is None:
                client = self._spare or new_client(self.options)
                self._clients[loop], self._spare = client, None
        return client
