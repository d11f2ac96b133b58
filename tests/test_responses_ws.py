"""``responses.connect()``: the Responses API over a WebSocket, against a real local
``websockets`` server on 127.0.0.1 (in a thread for the sync client, in the event loop for the
async one). The server checks the handshake (path, query, headers) and answers
``response.create`` with realistic Responses events; no network beyond loopback."""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from typing import Any, Dict, List, Optional

import pytest

pytest.importorskip("websockets")

from websockets.asyncio.server import serve as async_serve  # noqa: E402
from websockets.datastructures import Headers  # noqa: E402
from websockets.http11 import Response as WSResponse  # noqa: E402
from websockets.sync.server import serve as sync_serve  # noqa: E402

from portkey import AsyncPortkey, Portkey  # noqa: E402
from portkey._errors import (  # noqa: E402
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    PortkeyError,
)
from portkey._ws_responses import ResponsesConnectionClosed  # noqa: E402
from portkey.types.responses import (  # noqa: E402
    Response,
    ResponseCompletedEvent,
    ResponseCreatedEvent,
    ResponseErrorEvent,
    ResponseTextDeltaEvent,
)

API_KEY = "pk-test-secret-ws-key"
RESP_ID = "resp_68af4030592c81938ec0a5fbab4a3e9f05438e46b5f69a3b"
MSG_ID = "msg_68af40337f8c8193aaab8d7b2e5b3e1105438e46b5f69a3b"


def _response(status: str, text: Optional[str]) -> Dict[str, Any]:
    """A Responses API ``response`` object as the API sends it (trimmed to common fields)."""
    output: List[Dict[str, Any]] = []
    if text is not None:
        output.append(
            {
                "id": MSG_ID,
                "type": "message",
                "status": "completed",
                "role": "assistant",
                "content": [{"type": "output_text", "text": text, "annotations": []}],
            }
        )
    return {
        "id": RESP_ID,
        "object": "response",
        "created_at": 1756315696,
        "status": status,
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "model": "gpt-4.1-mini-2025-04-14",
        "output": output,
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "usage": None
        if text is None
        else {
            "input_tokens": 12,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 3,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 15,
        },
    }


def _answer(request: Dict[str, Any]) -> List[Dict[str, Any]]:
    """What the server sends back for one client event."""
    if request.get("type") != "response.create":
        return [
            {
                "type": "error",
                "code": "invalid_event",
                "message": f"Unknown event type {request.get('type')!r}",
                "param": "type",
                "sequence_number": 0,
            }
        ]
    words = ["Hello", " there"]
    events: List[Dict[str, Any]] = [
        {
            "type": "response.created",
            "sequence_number": 0,
            "response": _response("in_progress", None),
        }
    ]
    for i, word in enumerate(words):
        events.append(
            {
                "type": "response.output_text.delta",
                "sequence_number": i + 1,
                "item_id": MSG_ID,
                "output_index": 0,
                "content_index": 0,
                "delta": word,
                "logprobs": [],
            }
        )
    events.append(
        {
            "type": "response.completed",
            "sequence_number": len(words) + 1,
            "response": _response("completed", "".join(words)),
        }
    )
    return events


class Seen:
    """What the server saw: handshake path and headers, and every client event."""

    def __init__(self) -> None:
        self.path: Optional[str] = None
        self.headers: Optional[Headers] = None
        self.events: List[Dict[str, Any]] = []


def _check_handshake(seen: Seen, request: Any) -> Optional[WSResponse]:
    seen.path = request.path
    seen.headers = request.headers
    if request.headers.get("x-portkey-api-key") != API_KEY:
        body = json.dumps({"error": {"message": "Invalid API Key", "type": "auth"}}).encode()
        return WSResponse(401, "Unauthorized", Headers({"Content-Type": "application/json"}), body)
    return None


def _handle(seen: Seen, message: Any) -> List[str]:
    event = json.loads(message)
    seen.events.append(event)
    if event.get("type") == "test.close":  # the test asks the server to close abnormally
        return ["CLOSE"]
    return [json.dumps(e) for e in _answer(event)]


@pytest.fixture
def sync_server():
    seen = Seen()

    def handler(ws: Any) -> None:
        for message in ws:
            for out in _handle(seen, message):
                if out == "CLOSE":
                    ws.close(code=1011, reason="upstream went away")
                    return
                ws.send(out)

    server = sync_serve(
        handler, "127.0.0.1", 0, process_request=lambda c, r: _check_handshake(seen, r)
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.socket.getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/v1", seen
    finally:
        server.shutdown()
        thread.join(5)


async def _start_async_server(seen: Seen) -> Any:
    async def handler(ws: Any) -> None:
        async for message in ws:
            for out in _handle(seen, message):
                if out == "CLOSE":
                    await ws.close(code=1011, reason="upstream went away")
                    return
                await ws.send(out)

    return await async_serve(
        handler, "127.0.0.1", 0, process_request=lambda c, r: _check_handshake(seen, r)
    )


def _client(base_url: str, **kwargs: Any) -> Portkey:
    return Portkey(api_key=API_KEY, base_url=base_url, provider="openai", **kwargs)


def _check_stream(events: List[Any]) -> None:
    assert [type(e) for e in events] == [
        ResponseCreatedEvent,
        ResponseTextDeltaEvent,
        ResponseTextDeltaEvent,
        ResponseCompletedEvent,
    ]
    assert "".join(e.delta for e in events[1:3]) == "Hello there"
    final = events[-1].response
    assert isinstance(final, Response)
    assert final.output_text == "Hello there"
    assert final.usage.total_tokens == 15


# Sync --------------------------------------------------------------------------------------


def test_sync_handshake_url_and_headers(sync_server):
    base_url, seen = sync_server
    client = _client(base_url, trace_id="trace-ws-1", Authorization="sk-provider")
    manager = client.responses.connect(
        extra_query={"api-version": "2025-01", "flag": True},
        extra_headers={"x-extra": "1", "x-portkey-trace-id": "trace-override"},
    )
    with manager as connection:
        connection.response.create(model="gpt-4.1-mini", input="Say hello")
        event = connection.recv()
        assert isinstance(event, ResponseCreatedEvent)
    assert seen.path == "/v1/responses?api-version=2025-01&flag=true"
    headers = seen.headers
    assert headers["x-portkey-api-key"] == API_KEY
    assert headers["x-portkey-provider"] == "openai"
    assert headers["x-portkey-trace-id"] == "trace-override"
    assert headers.get_all("x-portkey-trace-id") == ["trace-override"]
    assert headers["Authorization"] == "Bearer sk-provider"
    assert headers["x-extra"] == "1"
    assert headers["User-Agent"].startswith("portkey-python/")
    assert headers.get_all("User-Agent") == [headers["User-Agent"]]
    assert headers["Upgrade"].lower() == "websocket"
    # The client's HTTP transport headers stay out of the handshake.
    assert "keep-alive" not in headers["Connection"].lower()
    assert "Content-Type" not in headers
    assert "x-portkey-package-version" in headers


def test_sync_create_recv_iterate_and_close(sync_server):
    base_url, seen = sync_server
    with _client(base_url).responses.connect() as connection:
        connection.response.create(
            model="gpt-4.1-mini",
            input=[{"role": "user", "content": "Say hello"}],
            store=False,
            custom_field={"kept": True},
            extra_body={"service_tier": "flex"},
        )
        events = [connection.recv() for _ in range(4)]
        _check_stream(events)
        # A second response on the same socket, read by iteration; raw bytes too.
        connection.send({"type": "response.create", "model": "gpt-4.1-mini", "input": "again"})
        raw = connection.recv_bytes()
        assert isinstance(raw, bytes)
        assert isinstance(connection.parse_event(raw), ResponseCreatedEvent)
        rest = []
        for event in connection:
            rest.append(event)
            if isinstance(event, ResponseCompletedEvent):
                break
        assert [e.type for e in rest] == [
            "response.output_text.delta",
            "response.output_text.delta",
            "response.completed",
        ]
        connection.close()
        with pytest.raises(ResponsesConnectionClosed) as info:
            connection.recv()
        assert info.value.clean and info.value.close_code == 1000
        assert list(connection) == []  # iteration after a normal close ends quietly
    assert seen.events[0] == {
        "type": "response.create",
        "model": "gpt-4.1-mini",
        "input": [{"role": "user", "content": "Say hello"}],
        "store": False,
        "custom_field": {"kept": True},
        "service_tier": "flex",
    }
    assert seen.events[1]["input"] == "again"


def test_sync_error_event_is_delivered_not_raised(sync_server):
    base_url, _ = sync_server
    with _client(base_url).responses.connect() as connection:
        connection.send({"type": "response.bogus"})
        event = connection.recv()
        assert isinstance(event, ResponseErrorEvent)
        assert event.code == "invalid_event"
        assert event.message == "Unknown event type 'response.bogus'"
        # The socket stays usable after an error event.
        connection.response.create(model="gpt-4.1-mini", input="hi")
        assert isinstance(connection.recv(), ResponseCreatedEvent)


def test_sync_abnormal_close_raises_on_iteration(sync_server):
    base_url, _ = sync_server
    with _client(base_url).responses.connect() as connection:
        connection.send({"type": "test.close"})
        with pytest.raises(ResponsesConnectionClosed) as info:
            list(connection)
        err = info.value
        assert isinstance(err, APIConnectionError)
        assert (err.close_code, err.close_reason, err.clean) == (1011, "upstream went away", False)
        assert "1011" in str(err) and "upstream went away" in str(err)
        with pytest.raises(ResponsesConnectionClosed):
            connection.response.create(model="m", input="x")


def test_sync_rejected_handshake_is_a_status_error(sync_server):
    base_url, _ = sync_server
    client = Portkey(api_key="pk-wrong-key", base_url=base_url)
    with pytest.raises(AuthenticationError) as info:
        with client.responses.connect():
            pass
    err = info.value
    assert err.status_code == 401
    assert "Invalid API Key" in err.message
    assert err.request is not None
    assert err.request.headers["x-portkey-api-key"] == "<redacted>"
    assert "pk-wrong-key" not in repr(err.request.headers) + str(err)


def test_sync_refused_connection_and_open_timeout():
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(APIConnectionError, match="Could not open"):
        _client(f"http://127.0.0.1:{port}").responses.connect().enter()

    with socket.socket() as listener:  # accepts TCP but never answers the upgrade
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        manager = _client(url).responses.connect(websocket_connection_options={"open_timeout": 0.2})
        with pytest.raises(APITimeoutError, match="Timed out"):
            manager.enter()


def test_sync_invalid_message_and_bad_events(sync_server):
    base_url, _ = sync_server
    with _client(base_url).responses.connect() as connection:
        with pytest.raises(APIError, match="not a Responses event") as info:
            connection.parse_event(b"not json at all")
        assert info.value.body == "not json at all"
        with pytest.raises(APIError, match="not a Responses event"):
            connection.parse_event("[1, 2]")
        with pytest.raises(TypeError, match="string `type`"):
            connection.send({"model": "m"})
        with pytest.raises(TypeError, match="must be a dict"):
            connection.send("response.create")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="timeout"):
            connection.response.create(model="m", input="x", timeout=3)


def test_websocket_base_url_and_bad_headers(sync_server):
    base_url, seen = sync_server
    ws_base = base_url.replace("http://", "ws://").replace("/v1", "/ws/v1/") + "?region=eu"
    client = _client("https://gateway.invalid/v1", websocket_base_url=ws_base)
    with client.responses.connect() as connection:
        connection.response.create(model="gpt-4.1-mini", input="hi")
        assert isinstance(connection.recv(), ResponseCreatedEvent)
    assert seen.path == "/ws/v1/responses?region=eu"
    assert "x-portkey-websocket-base-url" not in seen.headers  # a setting, not a header

    with pytest.raises(ValueError, match="set by the WebSocket handshake"):
        client.responses.connect(extra_headers={"Connection": "close"})
    with pytest.raises(ValueError, match="line break"):
        client.responses.connect(extra_headers={"x-bad": "a\r\nb"})
    with pytest.raises(ValueError, match="ws:// or wss://"):
        _client(base_url, websocket_base_url="ftp://x").responses.connect()


def test_url_scheme_mapping():
    from portkey._ws_responses import ws_url

    assert str(ws_url("http://localhost:8787/v1")) == "ws://localhost:8787/v1/responses"
    assert str(ws_url("https://api.portkey.ai/v1/")) == "wss://api.portkey.ai/v1/responses"
    assert (
        str(ws_url("https://api.portkey.ai/v1", "https://ws.example/base", {"a": "b"}))
        == "wss://ws.example/base/responses?a=b"
    )


def test_missing_websockets_gives_the_install_hint(monkeypatch):
    client = _client("http://127.0.0.1:9/v1")
    manager = client.responses.connect()
    for name in [n for n in sys.modules if n == "websockets" or n.startswith("websockets.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "websockets", None)  # import websockets -> ImportError
    with pytest.raises(ImportError, match=r"pip install 'portkey-fast\[realtime\]'") as info:
        manager.enter()
    assert isinstance(info.value, PortkeyError)


def test_headers_never_in_repr_or_logs(sync_server, caplog):
    base_url, _ = sync_server
    client = _client(base_url, Authorization="sk-provider-secret")
    manager = client.responses.connect()
    with caplog.at_level("DEBUG", logger="portkey"):
        with manager as connection:
            connection.response.create(model="m", input="x")
            connection.recv()
    text = caplog.text + repr(manager) + repr(manager._target)
    assert API_KEY not in text and "sk-provider-secret" not in text
    assert "/v1/responses" in caplog.text


# Async -------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_async_connect_stream_error_and_close():
    seen = Seen()
    server = await _start_async_server(seen)
    port = server.sockets[0].getsockname()[1]
    client = AsyncPortkey(
        api_key=API_KEY, base_url=f"http://127.0.0.1:{port}/v1", virtual_key="vk-1"
    )
    try:
        async with client.responses.connect(extra_query={"q": "1"}) as connection:
            await connection.response.create(model="gpt-4.1-mini", input="Say hello")
            events = [await connection.recv() for _ in range(4)]
            _check_stream(events)

            await connection.send({"type": "nope"})
            error = await connection.recv()
            assert isinstance(error, ResponseErrorEvent) and error.code == "invalid_event"

            await connection.response.create(model="gpt-4.1-mini", input="again")
            assert isinstance(
                connection.parse_event(await connection.recv_bytes()), ResponseCreatedEvent
            )
            rest = []
            async for event in connection:
                rest.append(event.type)
                if event.type == "response.completed":
                    break
            assert rest[-1] == "response.completed" and len(rest) == 3

            await connection.send({"type": "test.close"})
            with pytest.raises(ResponsesConnectionClosed) as info:
                async for _ in connection:
                    pass
            assert info.value.close_code == 1011
        assert seen.path == "/v1/responses?q=1"
        assert seen.headers["x-portkey-api-key"] == API_KEY
        assert seen.headers["x-portkey-virtual-key"] == "vk-1"
        assert seen.events[0] == {
            "type": "response.create",
            "model": "gpt-4.1-mini",
            "input": "Say hello",
        }

        # A normal close ends iteration quietly; enter() without a context manager.
        connection = await client.responses.connect().enter()
        await connection.close()
        assert [e async for e in connection] == []

        bad = AsyncPortkey(api_key="pk-wrong", base_url=f"http://127.0.0.1:{port}/v1")
        with pytest.raises(AuthenticationError):
            async with bad.responses.connect():
                pass
    finally:
        server.close()
        await server.wait_closed()


@pytest.mark.anyio
async def test_async_recv_cancel_loses_nothing():
    seen = Seen()
    server = await _start_async_server(seen)
    port = server.sockets[0].getsockname()[1]
    client = AsyncPortkey(api_key=API_KEY, base_url=f"http://127.0.0.1:{port}/v1")
    try:
        async with client.responses.connect() as connection:
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(connection.recv(), 0.05)  # nothing sent yet
            await connection.response.create(model="gpt-4.1-mini", input="hi")
            assert isinstance(await connection.recv(), ResponseCreatedEvent)
    finally:
        server.close()
        await server.wait_closed()


@pytest.mark.anyio
async def test_async_refused_connection_and_open_timeout():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = AsyncPortkey(api_key=API_KEY, base_url=f"http://127.0.0.1:{port}")
    with pytest.raises(APIConnectionError, match="Could not open") as info:
        await client.responses.connect().enter()
    assert not isinstance(info.value, APITimeoutError)

    with socket.socket() as listener:  # accepts TCP but never answers the upgrade
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        client = AsyncPortkey(
            api_key=API_KEY, base_url=f"http://127.0.0.1:{listener.getsockname()[1]}"
        )
        manager = client.responses.connect(websocket_connection_options={"open_timeout": 0.2})
        with pytest.raises(APITimeoutError, match="Timed out"):
            async with manager:
                pass
