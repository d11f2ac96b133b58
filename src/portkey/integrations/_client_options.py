"""The Portkey client options of ``PortkeyStrands`` and ``PortkeyAdk``: the keywords of
``AsyncPortkey`` (``api_key``, ``virtual_key``, ``config``, ``provider``, ``Authorization``,
``custom_host``, ``trace_id``, ``timeout``, ``max_retries``, ...), split from the rest.

``metadata`` is a request body parameter of both APIs (chat completions and Responses), so
Portkey's request metadata (the ``x-portkey-metadata`` header) is given as ``custom_metadata``,
as in the LangChain adapter.
"""

from __future__ import annotations

import inspect
from typing import Any, Dict, FrozenSet, Mapping, Tuple

from .._client import AsyncPortkey

__all__ = ["CLIENT_OPTIONS", "new_client", "split_client_options"]


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
