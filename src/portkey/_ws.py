"""What the WebSocket APIs share: ``responses.connect()`` (``_ws_responses``) and
``realtime.connect()`` (``_ws_realtime``).

The protocol (URL, headers, event encoding and decoding, errors) is written once here, with no
I/O; the connection classes only move messages with the ``websockets`` package, an optional
extra (``pip install 'portkey-fast[realtime]'``) imported when a connection is opened. Each API
subclasses the connection and its manager to type its events and add its client-event
resources. The sync classes are generated from the async ones (tools/unasync.py).

Where we differ from openai-python: the client's own headers are sent (x-portkey-*,
Authorization when given; never a placeholder key, never logged); a ``websocket_base_url``
with an http(s) scheme is turned into ws(s) and keeps its query, and an ``http`` base URL
(a local gateway) gives ``ws``; no ``websockets`` exception escapes: a refused handshake
raises the status error of its HTTP status (401: ``AuthenticationError``, ...), a failed
connection ``APIConnectionError`` (``APITimeoutError`` on ``open_timeout``), and
``recv``/``send`` on a closed socket ``WebSocketConnectionClosed`` (an ``APIConnectionError``
with ``close_code`` and ``close_reason``). Iteration ends quietly on a normal close (1000,
1001) and raises on any other.
"""

from __future__ import annotations

import importlib
import json
import logging
import sys
from types import TracebackType
from typing import (
    Any,
    AsyncIterator,
    Dict,
    Generic,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Type,
    TypeVar,
    Union,
)

import httpx
from typing_extensions import TypedDict

from ._convert import structure
from ._errors import APIConnectionError, APIError, APITimeoutError, PortkeyError, status_error
from ._headers import check_header
from ._json import encode_json
from ._models import BaseModel
from ._query import query_items

__all__ = [
    "RealtimeDependencyError",
    "Target",
    "WebSocketConnectionClosed",
    "WebSocketConnectionOptions",
    "ws_url",
]

log = logging.getLogger("portkey")

E = TypeVar("E")
C = TypeVar("C")

# Headers the WebSocket handshake sets itself, or that describe an HTTP body: the client's
# values for them would break the upgrade (Connection: keep-alive) or mean nothing.
_HANDSHAKE_HEADERS = frozenset(
    (
        "host",
        "connection",
        "upgrade",
        "content-type",
        "content-length",
        "transfer-encoding",
        "accept-encoding",
        "keep-alive",
        "te",
        "user-agent",
    )
)
_CLEAN_CLOSE = (1000, 1001)  # normal closure, going away: what websockets calls "OK"


class WebSocketConnectionOptions(TypedDict, total=False):
    """Options passed to ``websockets``' ``connect`` (see its reference); the first six are
    the ones openai-python names, the others are ``websockets``' timeouts and proxy."""

    extensions: Optional[Sequence[Any]]
    subprotocols: Optional[Sequence[str]]
    compression: Optional[str]
    max_size: Optional[int]
    max_queue: Union[int, Tuple[Optional[int], Optional[int]], None]
    write_limit: Union[int, Tuple[int, Optional[int]]]  # asyncio only
    open_timeout: Optional[float]
    close_timeout: Optional[float]
    ping_interval: Optional[float]
    ping_timeout: Optional[float]
    proxy: Union[str, bool, None]


class RealtimeDependencyError(PortkeyError, ImportError):
    """``websockets`` is not installed (``pip install 'portkey-fast[realtime]'``)."""


class WebSocketConnectionClosed(APIConnectionError):
    """The WebSocket is closed: ``close_code`` and ``close_reason`` of the close frame (1006
    when the connection dropped without one); ``clean`` for a normal close (1000, 1001)."""

    api = "WebSocket"  # the API named in the message ("Responses", "Realtime")
    close_code: int
    close_reason: str
    clean: bool

    def __init__(self, code: int, reason: str, request: Optional[httpx.Request] = None) -> None:
        detail = f"code {code}: {reason}" if reason else f"code {code}"
        super().__init__(f"The {self.api} WebSocket is closed ({detail}).", request)
        self.close_code = code
        self.close_reason = reason
        self.clean = code in _CLEAN_CLOSE


def load(module: str, feature: str = "A WebSocket connection") -> Any:
    """A ``websockets`` module, or the install hint naming ``feature`` when it is missing."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise RealtimeDependencyError(
            f"{feature} needs the `websockets` package: pip install 'portkey-fast[realtime]'"
        ) from exc


class AsyncTransport:
    """How the async classes open a socket (``Transport``: the sync ones); the only code
    that differs between the two sides besides ``await``."""

    @staticmethod
    async def open(target: Target) -> Any:
        module = load("websockets.asyncio.client", target.feature)
        return await module.connect(str(target.url), **target.connect_kwargs())


class Transport:
    @staticmethod
    def open(target: Target) -> Any:
        module = load("websockets.sync.client", target.feature)
        # Entered, not used as returned: websockets 17.1 deprecates the latter (connect() is
        # to return a reconnecting iterator); entering opens and returns the connection on
        # every version.
        return module.connect(str(target.url), **target.connect_kwargs()).__enter__()


# Opening -------------------------------------------------------------------------------


class Target:
    """Where and how to open the socket, built from the client before any I/O: ``path``
    under the base URL, the API's own ``query`` first, then ``extra_query``. Holds the
    client's secret headers: it has no repr of them, and errors get a redacted request."""

    __slots__ = ("api", "feature", "headers", "options", "url", "user_agent")

    def __init__(
        self,
        client: Any,
        path: str,
        *,
        api: str,
        feature: str,
        query: Optional[Mapping[str, Any]] = None,
        extra_query: Optional[Mapping[str, Any]] = None,
        extra_headers: Optional[Mapping[str, Optional[str]]] = None,
        options: Optional[Mapping[str, Any]] = None,
    ) -> None:
        self.api = api
        self.feature = feature
        merged = {**(query or {}), **(extra_query or {})}
        websocket_base_url = client._options.get("websocket_base_url")
        self.url = ws_url(client.base_url, websocket_base_url, merged, path=path)
        self.options: Dict[str, Any] = dict(options or {})
        headers = client._headers.copy()
        for name, value in (extra_headers or {}).items():
            if value is None and isinstance(name, str):
                headers.pop(name, None)  # None removes a header, as in the HTTP methods
                continue
            check_header(name, value)
            if name.lower() in _HANDSHAKE_HEADERS - {"user-agent"}:
                raise ValueError(f"header {name!r} is set by the WebSocket handshake")
            headers[name] = value
        self.user_agent: Optional[str] = headers.get("user-agent")
        self.headers: List[Tuple[str, str]] = [
            (k, v) for k, v in headers.multi_items() if k.lower() not in _HANDSHAKE_HEADERS
        ]

    def __repr__(self) -> str:
        return f"Target(url={str(self.url)!r})"

    def connect_kwargs(self) -> Dict[str, Any]:
        """The keywords for ``websockets``' ``connect``; ``additional_headers`` and
        ``user_agent_header`` in the options are added to (and override) the client's."""
        kwargs = dict(self.options)
        headers = dict(self.headers)
        extra = kwargs.pop("additional_headers", None) or {}
        for name, value in extra.items() if isinstance(extra, Mapping) else extra:
            for same in [k for k in headers if k.lower() == name.lower()]:
                del headers[same]
            headers[name] = value
        kwargs["additional_headers"] = list(headers.items())
        kwargs.setdefault("user_agent_header", self.user_agent)
        return kwargs

    def request(self) -> httpx.Request:
        """The handshake as an ``httpx.Request`` for errors (our errors redact its secrets)."""
        return httpx.Request("GET", self.url, headers=self.headers)


def ws_url(
    base_url: str,
    websocket_base_url: Any = None,
    extra_query: Optional[Mapping[str, Any]] = None,
    *,
    path: str,
) -> httpx.URL:
    """``<websocket_base_url or base_url><path>``, with a ws(s) scheme (``http`` → ``ws``,
    anything else → ``wss``) and ``extra_query`` merged into the URL's own query."""
    url = httpx.URL(str(websocket_base_url if websocket_base_url is not None else base_url))
    scheme = url.scheme
    if scheme not in ("ws", "wss"):
        if websocket_base_url is not None and scheme not in ("http", "https"):
            raise ValueError(f"websocket_base_url must be a ws:// or wss:// URL, not {scheme}://")
        url = url.copy_with(scheme="ws" if scheme == "http" else "wss")
    raw_path, _, query = url.raw_path.partition(b"?")  # raw_path holds the query too
    raw_path = raw_path.rstrip(b"/") + path.encode("ascii")
    url = url.copy_with(raw_path=raw_path + b"?" + query if query else raw_path)
    if extra_query:
        url = url.copy_merge_params(query_items(extra_query))
    return url


def open_error(exc: BaseException, target: Target) -> Optional[Exception]:
    """Our exception for a failed opening handshake, or None for an unexpected error."""
    errors = load("websockets.exceptions", target.feature)
    request = target.request()
    if isinstance(exc, errors.InvalidStatus):
        answer = exc.response
        response = httpx.Response(
            answer.status_code,
            headers=list(answer.headers.raw_items()),
            content=bytes(answer.body or b""),
            request=request,
        )
        return status_error(response)
    aio = sys.modules.get("asyncio")  # not imported by a sync-only program: not its error
    if isinstance(exc, TimeoutError) or (aio is not None and isinstance(exc, aio.TimeoutError)):
        return APITimeoutError(f"Timed out opening the {target.api} WebSocket.", request)
    if isinstance(exc, (OSError, errors.WebSocketException)):
        return APIConnectionError(f"Could not open the {target.api} WebSocket: {exc}", request)
    return None


# Events --------------------------------------------------------------------------------


def encode_event(event: Any) -> str:
    """A client event (a dict, or one of our models) as the JSON text of one message."""
    if not isinstance(event, (Mapping, BaseModel)):
        raise TypeError(f"a client event must be a dict, not {type(event).__name__}")
    kind = event.get("type")
    if not isinstance(kind, str) or not kind:
        raise TypeError("a client event needs a string `type` (such as 'session.update')")
    return encode_json(event).decode("utf-8")


def client_event(kind: str, **fields: Any) -> Dict[str, Any]:
    """A client event of ``kind`` with the fields that were given (None: left out)."""
    event: Dict[str, Any] = {"type": kind}
    event.update((name, value) for name, value in fields.items() if value is not None)
    return event


def decode_event(data: Union[str, bytes], cls: Any, target: Optional[Target], api: str) -> Any:
    """One server message structured as ``cls`` (an unknown ``type``: a generic event); a
    message that is no JSON event is an ``APIError`` carrying the text."""
    try:
        return structure(json.loads(data), cls)
    except (ValueError, TypeError, RecursionError) as exc:
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        raise APIError(
            f"The server sent a WebSocket message that is not a {api} event ({exc}): "
            f"{text[:200]!r}",
            None if target is None else target.request(),
            body=text,
        ) from None


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncWebSocketConnection(Generic[E]):
    """A live WebSocket: ``send`` client events, ``recv`` typed server events, or iterate
    over them until the socket closes. Subclasses type the events (``parse_event``)."""

    closed_error: Type[WebSocketConnectionClosed] = WebSocketConnectionClosed

    def __init__(self, socket: Any, target: Optional[Target] = None) -> None:
        self._socket = socket
        self._target = target
        self._closed: Any = load("websockets.exceptions").ConnectionClosed

    async def __aiter__(self) -> AsyncIterator[E]:
        """Every event until the socket closes (normally: the iteration ends; otherwise
        ``closed_error``, a ``WebSocketConnectionClosed``)."""
        while True:
            try:
                event = await self.recv()
            except WebSocketConnectionClosed as exc:
                if exc.clean:
                    return
                raise
            yield event

    async def recv(self) -> E:
        """The next server event, typed (async: cancelling it loses no message)."""
        return self.parse_event(await self._recv())

    async def recv_bytes(self) -> bytes:
        """The next server message as raw bytes (``parse_event`` types it)."""
        message = await self._recv()
        return message.encode("utf-8") if isinstance(message, str) else message

    async def _recv(self) -> Union[str, bytes]:
        # No recv(decode=False): the sync client has it only from websockets 14.
        try:
            message: Union[str, bytes] = await self._socket.recv()
        except self._closed as exc:
            raise self._closed_error(exc) from exc
        return message

    async def send(self, event: Union[Mapping[str, Any], BaseModel]) -> None:
        """Send one client event (a dict or model with its ``type``)."""
        data = encode_event(event)
        try:
            await self._socket.send(data)
        except self._closed as exc:
            raise self._closed_error(exc) from exc

    async def close(self, *, code: int = 1000, reason: str = "") -> None:
        await self._socket.close(code=code, reason=reason)

    def parse_event(self, data: Union[str, bytes]) -> E:
        """A raw message (from ``recv_bytes``) as a typed event."""
        raise NotImplementedError

    def _closed_error(self, exc: Any) -> WebSocketConnectionClosed:
        """Our exception for ``websockets``' ``ConnectionClosed``."""
        frame = exc.rcvd if exc.rcvd is not None else exc.sent
        code, reason = (1006, "") if frame is None else (int(frame.code), str(frame.reason))
        target = self._target
        return self.closed_error(code, reason, None if target is None else target.request())


class AsyncWebSocketManager(Generic[C]):
    """What ``connect()`` returns: use it as a context manager (the socket is closed at the
    end), or ``connection = await manager.enter()`` and close it yourself."""

    connection_class: Any  # the subclass's connection: (socket, target) -> C

    def __init__(self, target: Target) -> None:
        self._target = target
        self._connection: Optional[C] = None

    async def __aenter__(self) -> C:
        target = self._target
        log.debug("Connecting to %s", target.url)
        try:
            socket = await AsyncTransport.open(target)
        except Exception as exc:
            error = open_error(exc, target)
            if error is None:
                raise
            raise error from exc
        connection: C = self.connection_class(socket, target)
        self._connection = connection
        return connection

    async def enter(self) -> C:
        """Open the socket; the caller closes the connection."""
        return await self.__aenter__()

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        connection: Any = self._connection
        if connection is not None:
            await connection.close()


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class WebSocketConnection(Generic[E]):
    """A live WebSocket: ``send`` client events, ``recv`` typed server events, or iterate
    over them until the socket closes. Subclasses type the events (``parse_event``)."""

    closed_error: Type[WebSocketConnectionClosed] = WebSocketConnectionClosed

    def __init__(self, socket: Any, target: Optional[Target] = None) -> None:
        self._socket = socket
        self._target = target
        self._closed: Any = load("websockets.exceptions").ConnectionClosed

    def __iter__(self) -> Iterator[E]:
        """Every event until the socket closes (normally: the iteration ends; otherwise
        ``closed_error``, a ``WebSocketConnectionClosed``)."""
        while True:
            try:
                event = self.recv()
            except WebSocketConnectionClosed as exc:
                if exc.clean:
                    return
                raise
            yield event

    def recv(self) -> E:
        """The next server event, typed (async: cancelling it loses no message)."""
        return self.parse_event(self._recv())

    def recv_bytes(self) -> bytes:
        """The next server message as raw bytes (``parse_event`` types it)."""
        message = self._recv()
        return message.encode("utf-8") if isinstance(message, str) else message

    def _recv(self) -> Union[str, bytes]:
        # No recv(decode=False): the sync client has it only from websockets 14.
        try:
            message: Union[str, bytes] = self._socket.recv()
        except self._closed as exc:
            raise self._closed_error(exc) from exc
        return message

    def send(self, event: Union[Mapping[str, Any], BaseModel]) -> None:
        """Send one client event (a dict or model with its ``type``)."""
        data = encode_event(event)
        try:
            self._socket.send(data)
        except self._closed as exc:
            raise self._closed_error(exc) from exc

    def close(self, *, code: int = 1000, reason: str = "") -> None:
        self._socket.close(code=code, reason=reason)

    def parse_event(self, data: Union[str, bytes]) -> E:
        """A raw message (from ``recv_bytes``) as a typed event."""
        raise NotImplementedError

    def _closed_error(self, exc: Any) -> WebSocketConnectionClosed:
        """Our exception for ``websockets``' ``ConnectionClosed``."""
        frame = exc.rcvd if exc.rcvd is not None else exc.sent
        code, reason = (1006, "") if frame is None else (int(frame.code), str(frame.reason))
        target = self._target
        return self.closed_error(code, reason, None if target is None else target.request())


class WebSocketManager(Generic[C]):
    """What ``connect()`` returns: use it as a context manager (the socket is closed at the
    end), or ``connection = manager.enter()`` and close it yourself."""

    connection_class: Any  # the subclass's connection: (socket, target) -> C

    def __init__(self, target: Target) -> None:
        self._target = target
        self._connection: Optional[C] = None

    def __enter__(self) -> C:
        target = self._target
        log.debug("Connecting to %s", target.url)
        try:
            socket = Transport.open(target)
        except Exception as exc:
            error = open_error(exc, target)
            if error is None:
                raise
            raise error from exc
        connection: C = self.connection_class(socket, target)
        self._connection = connection
        return connection

    def enter(self) -> C:
        """Open the socket; the caller closes the connection."""
        return self.__enter__()

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        connection: Any = self._connection
        if connection is not None:
            connection.close()
