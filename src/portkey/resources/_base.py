"""What every resource shares: its client, and the raw-response switch."""

from __future__ import annotations

from typing import Any

from .._types import Call

__all__ = ["APIResource"]


class APIResource:
    """A group of endpoints. The same class body serves the sync and the async client:
    ``_call`` returns the result from ``Portkey`` and an awaitable from ``AsyncPortkey``.
    """

    __slots__ = ("_client", "_raw")

    def __init__(self, client: Any, *, raw: bool = False) -> None:
        self._client = client
        self._raw = raw

    def _call(self, call: Call[Any]) -> Any:
        return self._client._request(call, self._raw)

    @property
    def with_raw_response(self) -> Any:
        """The same methods, returning a ``RawResponse`` (``.headers``, ``.parse()``, ...)."""
        return type(self)(self._client, raw=True)
