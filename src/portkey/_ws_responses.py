"""The Responses API over a WebSocket: ``client.responses.connect()``.

One socket carries many responses: the client sends ``response.create`` events (any other
client event with ``send``), the server answers with the events a streamed
``responses.create`` gives, typed as ``ResponseStreamEvent`` (an unknown type as a generic
event). As in openai-python, an ``error`` event is delivered as a ``ResponseErrorEvent``, not
raised: the socket stays usable after it.

The socket, its errors and the ``websockets`` extra are shared with ``realtime.connect()``
(``_ws``); a closed socket raises ``ResponsesConnectionClosed``. The sync classes are
generated from the async ones (tools/unasync.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Union

from typing_extensions import Unpack

from ._types import NotGiven
from ._ws import (
    AsyncWebSocketConnection,
    AsyncWebSocketManager,
    RealtimeDependencyError,
    Target,
    WebSocketConnection,
    WebSocketConnectionClosed,
    WebSocketConnectionOptions,
    WebSocketManager,
    decode_event,
)
from ._ws import ws_url as _ws_url

if TYPE_CHECKING:
    import httpx

    from .types.params.responses import ResponseCreateParams
    from .types.responses import ResponseStreamEvent

__all__ = [
    "AsyncResponsesConnection",
    "AsyncResponsesConnectionManager",
    "AsyncResponsesResponseResource",
    "RealtimeDependencyError",
    "ResponsesConnection",
    "ResponsesConnectionClosed",
    "ResponsesConnectionManager",
    "ResponsesResponseResource",
    "WebSocketConnectionOptions",
]

_FEATURE = "client.responses.connect()"


class ResponsesConnectionClosed(WebSocketConnectionClosed):
    """The Responses WebSocket is closed: ``close_code`` and ``close_reason`` of the close
    frame (1006 when the connection dropped without one); ``clean`` for 1000 and 1001."""

    api = "Responses"


def ws_url(
    base_url: str, websocket_base_url: Any = None, extra_query: Optional[Mapping[str, Any]] = None
) -> httpx.URL:
    """``<websocket_base_url or base_url>/responses`` with a ws(s) scheme (see ``_ws``)."""
    return _ws_url(base_url, websocket_base_url, extra_query, path="/responses")


def _target(
    client: Any,
    extra_query: Optional[Mapping[str, Any]],
    extra_headers: Optional[Mapping[str, Optional[str]]],
    options: Optional[WebSocketConnectionOptions],
) -> Target:
    return Target(
        client,
        "/responses",
        api="Responses",
        feature=_FEATURE,
        extra_query=extra_query,
        extra_headers=extra_headers,
        options=options,
    )


def create_event(params: Dict[str, Any]) -> Dict[str, Any]:
    """A ``response.create`` event from ``responses.create``'s parameters: unknown
    keywords pass through and ``extra_body`` is merged in, as over HTTP."""
    for name in ("extra_headers", "extra_query", "timeout", "max_retries"):
        if name in params:
            raise TypeError(
                f"`{name}` does not apply to an event on an open WebSocket "
                "(headers and query go to responses.connect())"
            )
    extra_body = params.pop("extra_body", None) or {}
    event: Dict[str, Any] = {"type": "response.create"}
    event.update((k, v) for k, v in params.items() if not isinstance(v, NotGiven))
    event.update(extra_body)
    event["type"] = "response.create"
    return event


def parse_event(data: Union[str, bytes], target: Optional[Target] = None) -> ResponseStreamEvent:
    """One server message as a typed event (an unknown ``type``: a generic event); a message
    that is no JSON event is an ``APIError`` carrying the text."""
    from .types.responses import ResponseStreamEvent

    event: ResponseStreamEvent = decode_event(data, ResponseStreamEvent, target, "Responses")
    return event


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncResponsesResponseResource:
    """``connection.response``: the client events about responses."""

    def __init__(self, connection: AsyncResponsesConnection) -> None:
        self._connection = connection

    async def create(self, **params: Unpack[ResponseCreateParams]) -> None:
        """Send ``response.create`` (``responses.create``'s parameters); its events
        follow on the connection."""
        await self._connection.send(create_event(dict(params)))


class AsyncResponsesConnection(AsyncWebSocketConnection["ResponseStreamEvent"]):
    """A live WebSocket to the Responses API: ``send`` client events, ``recv`` typed
    server events, or iterate over them until the socket closes."""

    closed_error = ResponsesConnectionClosed
    response: AsyncResponsesResponseResource

    def __init__(self, socket: Any, target: Optional[Target] = None) -> None:
        super().__init__(socket, target)
        self.response = AsyncResponsesResponseResource(self)

    def parse_event(self, data: Union[str, bytes]) -> ResponseStreamEvent:
        """A raw message (from ``recv_bytes``) as a typed event."""
        return parse_event(data, self._target)


class AsyncResponsesConnectionManager(AsyncWebSocketManager[AsyncResponsesConnection]):
    """What ``responses.connect()`` returns: use it as a context manager (the socket is
    closed at the end), or ``connection = await manager.enter()`` and close it yourself."""

    connection_class = AsyncResponsesConnection

    def __init__(
        self,
        client: Any,
        *,
        extra_query: Optional[Mapping[str, Any]] = None,
        extra_headers: Optional[Mapping[str, Optional[str]]] = None,
        websocket_connection_options: Optional[WebSocketConnectionOptions] = None,
    ) -> None:
        super().__init__(_target(client, extra_query, extra_headers, websocket_connection_options))


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class ResponsesResponseResource:
    """``connection.response``: the client events about responses."""

    def __init__(self, connection: ResponsesConnection) -> None:
        self._connection = connection

    def create(self, **params: Unpack[ResponseCreateParams]) -> None:
        """Send ``response.create`` (``responses.create``'s parameters); its events
        follow on the connection."""
        self._connection.send(create_event(dict(params)))


class ResponsesConnection(WebSocketConnection["ResponseStreamEvent"]):
    """A live WebSocket to the Responses API: ``send`` client events, ``recv`` typed
    server events, or iterate over them until the socket closes."""

    closed_error = ResponsesConnectionClosed
    response: ResponsesResponseResource

    def __init__(self, socket: Any, target: Optional[Target] = None) -> None:
        super().__init__(socket, target)
        self.response = ResponsesResponseResource(self)

    def parse_event(self, data: Union[str, bytes]) -> ResponseStreamEvent:
        """A raw message (from ``recv_bytes``) as a typed event."""
        return parse_event(data, self._target)


class ResponsesConnectionManager(WebSocketManager[ResponsesConnection]):
    """What ``responses.connect()`` returns: use it as a context manager (the socket is
    closed at the end), or ``connection = manager.enter()`` and close it yourself."""

    connection_class = ResponsesConnection

    def __init__(
        self,
        client: Any,
        *,
        extra_query: Optional[Mapping[str, Any]] = None,
        extra_headers: Optional[Mapping[str, Optional[str]]] = None,
        websocket_connection_options: Optional[WebSocketConnectionOptions] = None,
    ) -> None:
        super().__init__(_target(client, extra_query, extra_headers, websocket_connection_options))
