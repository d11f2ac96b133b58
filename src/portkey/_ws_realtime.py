"""The Realtime API over a WebSocket: ``client.realtime.connect(model=...)``.

The socket goes to ``<base_url>/realtime?model=...`` (the gateway's realtime route) with the
client's Portkey headers. Server events are typed as ``RealtimeServerEvent`` (an unknown type:
a generic event); client events are sent with ``send`` (a dict or one of the
``RealtimeClientEvent`` models) or the resources openai-python has: ``session.update``,
``response.create/cancel``, ``input_audio_buffer.append/clear/commit``,
``conversation.item.create/delete/retrieve/truncate`` and ``output_audio_buffer.clear``. An
``error`` event is delivered as a ``RealtimeErrorEvent``, not raised.

The socket, its errors and the ``websockets`` extra (``pip install 'portkey-fast[realtime]'``,
imported when a connection opens) are shared with ``responses.connect()`` (``_ws``); a
closed socket raises ``RealtimeConnectionClosed``. The sync classes are generated from the
async ones (tools/unasync.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Union

from ._ws import (
    AsyncWebSocketConnection,
    AsyncWebSocketManager,
    Target,
    WebSocketConnection,
    WebSocketConnectionClosed,
    WebSocketConnectionOptions,
    WebSocketManager,
    client_event,
    decode_event,
)

if TYPE_CHECKING:
    from .types.realtime import RealtimeServerEvent

__all__ = [
    "AsyncRealtimeConnection",
    "AsyncRealtimeConnectionManager",
    "RealtimeConnection",
    "RealtimeConnectionClosed",
    "RealtimeConnectionManager",
]


class RealtimeConnectionClosed(WebSocketConnectionClosed):
    """The Realtime WebSocket is closed: ``close_code`` and ``close_reason`` of the close
    frame (1006 when the connection dropped without one); ``clean`` for 1000 and 1001."""

    api = "Realtime"


def realtime_target(
    client: Any,
    model: Optional[str],
    call_id: Optional[str],
    extra_query: Optional[Mapping[str, Any]],
    extra_headers: Optional[Mapping[str, Optional[str]]],
    options: Optional[WebSocketConnectionOptions],
) -> Target:
    """``/realtime`` with ``model``, then ``extra_query``, then ``call_id`` in the query, in
    openai-python's order."""
    query: Dict[str, Any] = {} if model is None else {"model": model}
    extra: Dict[str, Any] = dict(extra_query or {})
    if call_id is not None:
        extra["call_id"] = call_id
    return Target(
        client,
        "/realtime",
        api="Realtime",
        feature="client.realtime.connect()",
        query=query,
        extra_query=extra,
        extra_headers=extra_headers,
        options=options,
    )


def parse_event(data: Union[str, bytes], target: Optional[Target] = None) -> RealtimeServerEvent:
    """One server message as a typed ``RealtimeServerEvent`` (see ``_ws.decode_event``)."""
    from .types.realtime import RealtimeServerEvent

    event: RealtimeServerEvent = decode_event(data, RealtimeServerEvent, target, "Realtime")
    return event


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncRealtimeSessionResource:
    """``connection.session``."""

    def __init__(self, connection: AsyncRealtimeConnection) -> None:
        self._connection = connection

    async def update(self, *, session: Mapping[str, Any], event_id: Optional[str] = None) -> None:
        """Send ``session.update``: the server answers ``session.updated``."""
        await self._connection.send(
            client_event("session.update", session=session, event_id=event_id)
        )


class AsyncRealtimeResponseResource:
    """``connection.response``."""

    def __init__(self, connection: AsyncRealtimeConnection) -> None:
        self._connection = connection

    async def create(
        self, *, event_id: Optional[str] = None, response: Optional[Mapping[str, Any]] = None
    ) -> None:
        """Send ``response.create``: the model answers with ``response.*`` events."""
        await self._connection.send(
            client_event("response.create", event_id=event_id, response=response)
        )

    async def cancel(
        self, *, event_id: Optional[str] = None, response_id: Optional[str] = None
    ) -> None:
        """Send ``response.cancel`` (the response in progress, or ``response_id``)."""
        await self._connection.send(
            client_event("response.cancel", event_id=event_id, response_id=response_id)
        )


class AsyncRealtimeInputAudioBufferResource:
    """``connection.input_audio_buffer``."""

    def __init__(self, connection: AsyncRealtimeConnection) -> None:
        self._connection = connection

    async def clear(self, *, event_id: Optional[str] = None) -> None:
        """Send ``input_audio_buffer.clear``."""
        await self._connection.send(client_event("input_audio_buffer.clear", event_id=event_id))

    async def commit(self, *, event_id: Optional[str] = None) -> None:
        """Send ``input_audio_buffer.commit`` (a user message item from the buffer)."""
        await self._connection.send(client_event("input_audio_buffer.commit", event_id=event_id))

    async def append(self, *, audio: str, event_id: Optional[str] = None) -> None:
        """Send ``input_audio_buffer.append`` (``audio``: base64-encoded audio bytes)."""
        await self._connection.send(
            client_event("input_audio_buffer.append", audio=audio, event_id=event_id)
        )


class AsyncRealtimeConversationItemResource:
    """``connection.conversation.item``."""

    def __init__(self, connection: AsyncRealtimeConnection) -> None:
        self._connection = connection

    async def delete(self, *, item_id: str, event_id: Optional[str] = None) -> None:
        """Send ``conversation.item.delete``."""
        await self._connection.send(
            client_event("conversation.item.delete", item_id=item_id, event_id=event_id)
        )

    async def create(
        self,
        *,
        item: Mapping[str, Any],
        event_id: Optional[str] = None,
        previous_item_id: Optional[str] = None,
    ) -> None:
        """Send ``conversation.item.create`` (after ``previous_item_id`` when given)."""
        await self._connection.send(
            client_event(
                "conversation.item.create",
                item=item,
                event_id=event_id,
                previous_item_id=previous_item_id,
            )
        )

    async def truncate(
        self,
        *,
        audio_end_ms: int,
        content_index: int,
        item_id: str,
        event_id: Optional[str] = None,
    ) -> None:
        """Send ``conversation.item.truncate`` (an assistant message's audio)."""
        await self._connection.send(
            client_event(
                "conversation.item.truncate",
                audio_end_ms=audio_end_ms,
                content_index=content_index,
                item_id=item_id,
                event_id=event_id,
            )
        )

    async def retrieve(self, *, item_id: str, event_id: Optional[str] = None) -> None:
        """Send ``conversation.item.retrieve``: the server answers with the item."""
        await self._connection.send(
            client_event("conversation.item.retrieve", item_id=item_id, event_id=event_id)
        )


class AsyncRealtimeConversationResource:
    """``connection.conversation``: its ``item`` events."""

    def __init__(self, connection: AsyncRealtimeConnection) -> None:
        self.item = AsyncRealtimeConversationItemResource(connection)


class AsyncRealtimeOutputAudioBufferResource:
    """``connection.output_audio_buffer`` (WebRTC and SIP connections)."""

    def __init__(self, connection: AsyncRealtimeConnection) -> None:
        self._connection = connection

    async def clear(self, *, event_id: Optional[str] = None) -> None:
        """Send ``output_audio_buffer.clear`` (cuts off the audio being played)."""
        await self._connection.send(client_event("output_audio_buffer.clear", event_id=event_id))


class AsyncRealtimeConnection(AsyncWebSocketConnection["RealtimeServerEvent"]):
    """A live WebSocket to the Realtime API: ``send`` client events (or use the resources:
    ``connection.session.update(...)``, ...), ``recv`` typed server events, or iterate over
    them until the socket closes."""

    closed_error = RealtimeConnectionClosed
    session: AsyncRealtimeSessionResource
    response: AsyncRealtimeResponseResource
    input_audio_buffer: AsyncRealtimeInputAudioBufferResource
    conversation: AsyncRealtimeConversationResource
    output_audio_buffer: AsyncRealtimeOutputAudioBufferResource

    def __init__(self, socket: Any, target: Optional[Target] = None) -> None:
        super().__init__(socket, target)
        self.session = AsyncRealtimeSessionResource(self)
        self.response = AsyncRealtimeResponseResource(self)
        self.input_audio_buffer = AsyncRealtimeInputAudioBufferResource(self)
        self.conversation = AsyncRealtimeConversationResource(self)
        self.output_audio_buffer = AsyncRealtimeOutputAudioBufferResource(self)

    def parse_event(self, data: Union[str, bytes]) -> RealtimeServerEvent:
        """A raw message (from ``recv_bytes``) as a typed event."""
        return parse_event(data, self._target)


class AsyncRealtimeConnectionManager(AsyncWebSocketManager[AsyncRealtimeConnection]):
    """What ``realtime.connect()`` returns: use it as a context manager (the socket is
    closed at the end), or ``connection = await manager.enter()`` and close it yourself."""

    connection_class = AsyncRealtimeConnection

    def __init__(
        self,
        client: Any,
        *,
        model: Optional[str] = None,
        call_id: Optional[str] = None,
        extra_query: Optional[Mapping[str, Any]] = None,
        extra_headers: Optional[Mapping[str, Optional[str]]] = None,
        websocket_connection_options: Optional[WebSocketConnectionOptions] = None,
    ) -> None:
        super().__init__(
            realtime_target(
                client, model, call_id, extra_query, extra_headers, websocket_connection_options
            )
        )


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class RealtimeSessionResource:
    """``connection.session``."""

    def __init__(self, connection: RealtimeConnection) -> None:
        self._connection = connection

    def update(self, *, session: Mapping[str, Any], event_id: Optional[str] = None) -> None:
        """Send ``session.update``: the server answers ``session.updated``."""
        self._connection.send(client_event("session.update", session=session, event_id=event_id))


class RealtimeResponseResource:
    """``connection.response``."""

    def __init__(self, connection: RealtimeConnection) -> None:
        self._connection = connection

    def create(
        self, *, event_id: Optional[str] = None, response: Optional[Mapping[str, Any]] = None
    ) -> None:
        """Send ``response.create``: the model answers with ``response.*`` events."""
        self._connection.send(client_event("response.create", event_id=event_id, response=response))

    def cancel(self, *, event_id: Optional[str] = None, response_id: Optional[str] = None) -> None:
        """Send ``response.cancel`` (the response in progress, or ``response_id``)."""
        self._connection.send(
            client_event("response.cancel", event_id=event_id, response_id=response_id)
        )


class RealtimeInputAudioBufferResource:
    """``connection.input_audio_buffer``."""

    def __init__(self, connection: RealtimeConnection) -> None:
        self._connection = connection

    def clear(self, *, event_id: Optional[str] = None) -> None:
        """Send ``input_audio_buffer.clear``."""
        self._connection.send(client_event("input_audio_buffer.clear", event_id=event_id))

    def commit(self, *, event_id: Optional[str] = None) -> None:
        """Send ``input_audio_buffer.commit`` (a user message item from the buffer)."""
        self._connection.send(client_event("input_audio_buffer.commit", event_id=event_id))

    def append(self, *, audio: str, event_id: Optional[str] = None) -> None:
        """Send ``input_audio_buffer.append`` (``audio``: base64-encoded audio bytes)."""
        self._connection.send(
            client_event("input_audio_buffer.append", audio=audio, event_id=event_id)
        )


class RealtimeConversationItemResource:
    """``connection.conversation.item``."""

    def __init__(self, connection: RealtimeConnection) -> None:
        self._connection = connection

    def delete(self, *, item_id: str, event_id: Optional[str] = None) -> None:
        """Send ``conversation.item.delete``."""
        self._connection.send(
            client_event("conversation.item.delete", item_id=item_id, event_id=event_id)
        )

    def create(
        self,
        *,
        item: Mapping[str, Any],
        event_id: Optional[str] = None,
        previous_item_id: Optional[str] = None,
    ) -> None:
        """Send ``conversation.item.create`` (after ``previous_item_id`` when given)."""
        self._connection.send(
            client_event(
                "conversation.item.create",
                item=item,
                event_id=event_id,
                previous_item_id=previous_item_id,
            )
        )

    def truncate(
        self,
        *,
        audio_end_ms: int,
        content_index: int,
        item_id: str,
        event_id: Optional[str] = None,
    ) -> None:
        """Send ``conversation.item.truncate`` (an assistant message's audio)."""
        self._connection.send(
            client_event(
                "conversation.item.truncate",
                audio_end_ms=audio_end_ms,
                content_index=content_index,
                item_id=item_id,
                event_id=event_id,
            )
        )

    def retrieve(self, *, item_id: str, event_id: Optional[str] = None) -> None:
        """Send ``conversation.item.retrieve``: the server answers with the item."""
        self._connection.send(
            client_event("conversation.item.retrieve", item_id=item_id, event_id=event_id)
        )


class RealtimeConversationResource:
    """``connection.conversation``: its ``item`` events."""

    def __init__(self, connection: RealtimeConnection) -> None:
        self.item = RealtimeConversationItemResource(connection)


class RealtimeOutputAudioBufferResource:
    """``connection.output_audio_buffer`` (WebRTC and SIP connections)."""

    def __init__(self, connection: RealtimeConnection) -> None:
        self._connection = connection

    def clear(self, *, event_id: Optional[str] = None) -> None:
        """Send ``output_audio_buffer.clear`` (cuts off the audio being played)."""
        self._connection.send(client_event("output_audio_buffer.clear", event_id=event_id))


class RealtimeConnection(WebSocketConnection["RealtimeServerEvent"]):
    """A live WebSocket to the Realtime API: ``send`` client events (or use the resources:
    ``connection.session.update(...)``, ...), ``recv`` typed server events, or iterate over
    them until the socket closes."""

    closed_error = RealtimeConnectionClosed
    session: RealtimeSessionResource
    response: RealtimeResponseResource
    input_audio_buffer: RealtimeInputAudioBufferResource
    conversation: RealtimeConversationResource
    output_audio_buffer: RealtimeOutputAudioBufferResource

    def __init__(self, socket: Any, target: Optional[Target] = None) -> None:
        super().__init__(socket, target)
        self.session = RealtimeSessionResource(self)
        self.response = RealtimeResponseResource(self)
        self.input_audio_buffer = RealtimeInputAudioBufferResource(self)
        self.conversation = RealtimeConversationResource(self)
        self.output_audio_buffer = RealtimeOutputAudioBufferResource(self)

    def parse_event(self, data: Union[str, bytes]) -> RealtimeServerEvent:
        """A raw message (from ``recv_bytes``) as a typed event."""
        return parse_event(data, self._target)


class RealtimeConnectionManager(WebSocketManager[RealtimeConnection]):
    """What ``realtime.connect()`` returns: use it as a context manager (the socket is
    closed at the end), or ``connection = manager.enter()`` and close it yourself."""

    connection_class = RealtimeConnection

    def __init__(
        self,
        client: Any,
        *,
        model: Optional[str] = None,
        call_id: Optional[str] = None,
        extra_query: Optional[Mapping[str, Any]] = None,
        extra_headers: Optional[Mapping[str, Optional[str]]] = None,
        websocket_connection_options: Optional[WebSocketConnectionOptions] = None,
    ) -> None:
        super().__init__(
            realtime_target(
                client, model, call_id, extra_query, extra_headers, websocket_connection_options
            )
        )
