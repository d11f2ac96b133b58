"""``client.realtime``: client secrets and calls over HTTP (respx, the spec's documented
bodies), and ``realtime.connect(model=...)`` over a WebSocket against a real local
``websockets`` server on 127.0.0.1 (in a thread for the sync client, in the event loop for the
async one). The server checks the handshake (path, query, Portkey headers) and answers client
events with Realtime server events; no network beyond loopback.

What goes on the wire is what openai-python (vendored by portkey-ai 2.3.4) sends: its
``resources/realtime/calls.py`` and ``lib/_realtime.py`` (the SDP offer as an
``application/sdp`` body, or a form of the offer and the session), ``client_secrets.py``, and the
client events of ``resources/realtime/realtime.py`` (``strip_not_given`` of the same dicts).
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

import httpx
import pytest
import respx

from portkey import AsyncPortkey, Portkey
from portkey._binary import BinaryResponse
from portkey._errors import APIError, AuthenticationError, PortkeyError

FIXTURES = Path(__file__).parent / "fixtures" / "recorded"
EXAMPLES: Dict[str, Any] = json.loads(
    (FIXTURES / "28_openai_spec_examples_realtime.json").read_text("utf-8")
)
BASE = "http://gateway.test/v1"
API_KEY = "pk-test-secret-realtime"
SESSION = {"type": "realtime", "model": "gpt-realtime", "instructions": "Be brief."}


def run(side: str, call: Callable[[Any], Any], **client_kwargs: Any) -> Any:
    """``call(client)`` on a ``Portkey`` (sync) or an ``AsyncPortkey`` (awaited)."""
    if side == "sync":
        return call(Portkey(api_key=API_KEY, base_url=BASE, **client_kwargs))

    async def main() -> Any:
        return await call(AsyncPortkey(api_key=API_KEY, base_url=BASE, **client_kwargs))

    return asyncio.run(main())


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def parts(request: httpx.Request) -> List[Any]:
    """(headers, bytes) of each part of a multipart body, boundary removed."""
    boundary = request.headers["content-type"].split("boundary=")[1].encode()
    pieces = request.content.split(b"--" + boundary)[1:-1]
    return [tuple(piece[2:-2].partition(b"\r\n\r\n")[::2]) for piece in pieces]


SIDES = pytest.mark.parametrize("side", ["sync", "async"])


# HTTP ----------------------------------------------------------------------------------


@SIDES
def test_client_secrets_create(mock: respx.MockRouter, side: str) -> None:
    from portkey.types.realtime import ClientSecretCreateResponse, RealtimeSessionCreateResponseGA

    body = EXAMPLES["schema RealtimeCreateClientSecretResponse"]
    route = mock.post("/realtime/client_secrets").respond(200, json=body)
    secret = run(
        side,
        lambda c: c.realtime.client_secrets.create(
            expires_after={"anchor": "created_at", "seconds": 600},
            session=SESSION,
            extra_headers={"X-Trace": "1"},
            tracing_tag="t",  # an unnamed keyword joins the body, as in the official SDK
        ),
        provider="openai",
    )
    assert isinstance(secret, ClientSecretCreateResponse)
    assert secret.value == body["value"] and secret.expires_at == body["expires_at"]
    assert isinstance(secret.session, RealtimeSessionCreateResponseGA)
    assert secret.session.audio.output.voice == "alloy"
    request = route.calls.last.request
    assert json.loads(request.content) == {
        "expires_after": {"anchor": "created_at", "seconds": 600},
        "session": SESSION,
        "tracing_tag": "t",
    }
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-portkey-api-key"] == API_KEY
    assert request.headers["x-portkey-provider"] == "openai"
    assert request.headers["x-trace"] == "1"


@SIDES
def test_calls_create_sends_the_sdp_offer_as_the_body(mock: respx.MockRouter, side: str) -> None:
    answer = EXAMPLES["POST /realtime/calls"]
    route = mock.post("/realtime/calls").respond(
        201, content=answer.encode(), headers={"Content-Type": "application/sdp"}
    )
    offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n"
    result = run(side, lambda c: c.realtime.calls.create(sdp=offer))
    assert isinstance(result, BinaryResponse)
    assert result.text == answer
    request = route.calls.last.request
    assert request.content == offer.encode()
    assert request.headers["content-type"] == "application/sdp"
    assert request.headers["accept"] == "application/sdp"


@SIDES
def test_calls_create_with_a_session_sends_a_form(mock: respx.MockRouter, side: str) -> None:
    route = mock.post("/realtime/calls").respond(201, content=b"v=0\r\n")
    offer = "v=0\r\ns=-\r\n"
    run(side, lambda c: c.realtime.calls.create(sdp=offer, session=SESSION))
    request = route.calls.last.request
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert request.headers["accept"] == "application/sdp"
    # What httpx encodes for openai-python's files list (lib/_realtime.py).
    theirs = httpx.Request(
        "POST",
        "http://x",
        files=[
            ("sdp", (None, offer.encode(), "application/sdp")),
            ("session", (None, json.dumps(SESSION).encode(), "application/json")),
        ],
    )
    theirs.read()
    assert parts(request) == parts(theirs)
    assert parts(request)[0] == (
        b'Content-Disposition: form-data; name="sdp"\r\nContent-Type: application/sdp',
        offer.encode(),
    )


@SIDES
def test_call_actions(mock: respx.MockRouter, side: str) -> None:
    routes = {
        name: mock.post(f"/realtime/calls/rtc_u1_9c6574da8b8a41a18da9308f4ad974ce/{name}").respond(
            200
        )
        for name in ("accept", "hangup", "refer", "reject")
    }
    call_id = "rtc_u1_9c6574da8b8a41a18da9308f4ad974ce"

    def calls(c: Any) -> Any:
        if side == "sync":
            return [
                c.realtime.calls.accept(
                    call_id, type="realtime", model="gpt-realtime", instructions="Hi"
                ),
                c.realtime.calls.hangup(call_id),
                c.realtime.calls.refer(call_id, target_uri="tel:+14155550123"),
                c.realtime.calls.reject(call_id, status_code=486),
            ]

        async def all_() -> Any:
            return [
                await c.realtime.calls.accept(
                    call_id, type="realtime", model="gpt-realtime", instructions="Hi"
                ),
                await c.realtime.calls.hangup(call_id),
                await c.realtime.calls.refer(call_id, target_uri="tel:+14155550123"),
                await c.realtime.calls.reject(call_id, status_code=486),
            ]

        return all_()

    assert run(side, calls) == [None, None, None, None]
    sent = {name: route.calls.last.request for name, route in routes.items()}
    assert json.loads(sent["accept"].content) == {
        "type": "realtime",
        "model": "gpt-realtime",
        "instructions": "Hi",
    }
    assert sent["hangup"].content == b"" and "content-type" not in sent["hangup"].headers
    assert json.loads(sent["refer"].content) == {"target_uri": "tel:+14155550123"}
    assert json.loads(sent["reject"].content) == {"status_code": 486}
    for request in sent.values():
        assert request.headers["accept"] == "*/*"  # no result to parse, as openai-python
        assert request.headers["x-portkey-api-key"] == API_KEY


def test_call_arguments_are_checked(mock: respx.MockRouter) -> None:
    client = Portkey(api_key=API_KEY, base_url=BASE)
    # The official Calls methods name every parameter: an unknown one is refused.
    with pytest.raises(TypeError, match="unexpected keyword"):
        client.realtime.calls.reject("rtc_1", reason="busy")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword"):
        client.realtime.calls.create(sdp="v=0", bogus=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="target_uri"):
        client.realtime.calls.refer("rtc_1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="sdp"):
        client.realtime.calls.create()  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="call_id"):
        client.realtime.calls.hangup("")
    assert not mock.calls


def test_spec_examples_parse_to_their_event_classes() -> None:
    import portkey.types.realtime as types
    from portkey._convert import structure

    for key, example in EXAMPLES.items():
        if not key.startswith("schema RealtimeServerEvent"):
            continue
        event = structure(example, types.RealtimeServerEvent)  # type: ignore[arg-type]
        assert type(event).__module__.startswith("portkey.types.realtime"), key
        assert event.type == example["type"], key
    for key, example in EXAMPLES.items():
        if key.startswith("schema RealtimeClientEvent"):
            event = structure(example, types.RealtimeClientEvent)  # type: ignore[arg-type]
            assert event.type == example["type"], key
    delta = structure(
        EXAMPLES["schema RealtimeServerEventResponseTextDelta"], types.RealtimeServerEvent
    )  # type: ignore[arg-type]  # noqa: E501
    assert isinstance(delta, types.RealtimeResponseTextDeltaEvent)
    error = structure(EXAMPLES["schema RealtimeServerEventError"], types.RealtimeServerEvent)  # type: ignore[arg-type]  # noqa: E501
    assert isinstance(error, types.RealtimeErrorEvent) and error.error.type


# WebSocket -------------------------------------------------------------------------------

websockets = pytest.importorskip("websockets")

from websockets.asyncio.server import serve as async_serve  # noqa: E402
from websockets.datastructures import Headers  # noqa: E402
from websockets.http11 import Response as WSResponse  # noqa: E402
from websockets.sync.server import serve as sync_serve  # noqa: E402

from portkey._ws_realtime import RealtimeConnectionClosed  # noqa: E402

SESSION_OBJECT = {
    "type": "realtime",
    "object": "realtime.session",
    "id": "sess_C9G5QPteg4UIbotdKLoYQ",
    "model": "gpt-realtime-2025-08-28",
    "output_modalities": ["audio"],
    "instructions": "Your knowledge cutoff is 2023-10.",
    "tools": [],
    "tool_choice": "auto",
    "max_output_tokens": "inf",
    "tracing": None,
    "prompt": None,
    "expires_at": 1756324625,
    "audio": {
        "input": {"format": {"type": "audio/pcm", "rate": 24000}, "turn_detection": None},
        "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "marin", "speed": 1},
    },
    "include": None,
}
RESPONSE = {
    "object": "realtime.response",
    "id": "resp_C9G5RJeqZNiR7DDg6wDsp",
    "status": "in_progress",
    "status_details": None,
    "output": [],
    "conversation_id": "conv_C9G5QPteg4UIbotdKLoYQ",
    "output_modalities": ["text"],
    "max_output_tokens": "inf",
    "audio": {"output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "marin"}},
    "usage": None,
    "metadata": None,
}


def _answer(event: Dict[str, Any]) -> List[Dict[str, Any]]:
    """What the server sends back for one client event."""
    kind = event.get("type")
    if kind == "session.update":
        session = {**SESSION_OBJECT, **event["session"]}
        return [{"type": "session.updated", "event_id": "event_2", "session": session}]
    if kind == "conversation.item.create":
        item = {**event["item"], "id": "item_1", "object": "realtime.item", "status": "completed"}
        return [
            {"type": "conversation.item.added", "event_id": "event_3", "item": item},
            {"type": "conversation.item.done", "event_id": "event_4", "item": item},
        ]
    if kind == "response.create":
        done = {**RESPONSE, "status": "completed"}
        common = {"response_id": RESPONSE["id"], "item_id": "item_2", "output_index": 0}
        return [
            {"type": "response.created", "event_id": "event_5", "response": RESPONSE},
            *(
                {
                    "type": "response.output_text.delta",
                    "event_id": f"event_6{i}",
                    **common,
                    "content_index": 0,
                    "delta": word,
                }
                for i, word in enumerate(["Hello", " there"])
            ),  # fmt: skip
            {"type": "response.done", "event_id": "event_7", "response": done},
        ]
    if kind in ("input_audio_buffer.append", "response.cancel", "output_audio_buffer.clear"):
        return []
    if kind == "test.unknown":
        return [{"type": "rate_limits.future", "event_id": "event_8", "x": 1}]
    if kind == "test.garbage":
        return [{"raw": "not json"}]
    return [
        {
            "type": "error",
            "event_id": "event_9",
            "error": {
                "type": "invalid_request_error",
                "code": "invalid_value",
                "message": f"Invalid value: {kind!r}",
                "param": "type",
                "event_id": event.get("event_id"),
            },
        }
    ]


class Seen:
    def __init__(self) -> None:
        self.path: Optional[str] = None
        self.headers: Any = None
        self.events: List[Dict[str, Any]] = []


def _check_handshake(seen: Seen, request: Any) -> Optional[WSResponse]:
    seen.path = request.path
    seen.headers = request.headers
    if request.headers.get("x-portkey-api-key") != API_KEY:
        body = json.dumps({"error": {"message": "Invalid API Key", "type": "auth"}}).encode()
        return WSResponse(401, "Unauthorized", Headers({"Content-Type": "application/json"}), body)
    return None


def _outgoing(seen: Seen, message: Any) -> List[Any]:
    event = json.loads(message)
    seen.events.append(event)
    if event.get("type") == "test.close":
        return ["CLOSE"]
    return [o["raw"] if "raw" in o else json.dumps(o) for o in _answer(event)]


CREATED = json.dumps({"type": "session.created", "event_id": "event_1", "session": SESSION_OBJECT})


@pytest.fixture
def sync_server() -> Iterator[Any]:
    seen = Seen()

    def handler(ws: Any) -> None:
        ws.send(CREATED)
        for message in ws:
            for out in _outgoing(seen, message):
                if out == "CLOSE":
                    ws.close(code=1011, reason="upstream went away")
                    return
                ws.send(out)

    server = sync_serve(
        handler, "127.0.0.1", 0, process_request=lambda c, r: _check_handshake(seen, r)
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.socket.getsockname()[1]}/v1", seen
    finally:
        server.shutdown()
        thread.join(5)


# The client events openai-python's connection resources send for the same calls.
EXPECTED_EVENTS = [
    {"type": "session.update", "session": {"type": "realtime", "instructions": "Be brief."}},
    {
        "type": "conversation.item.create",
        "item": {
            "type": "message",
            "role": "user",
            "content": [{"type": "input_text", "text": "Say hello"}],
        },
    },
    {"type": "response.create", "response": {"output_modalities": ["text"]}},
    {"type": "input_audio_buffer.append", "audio": "AAAA", "event_id": "ev_a"},
    {"type": "response.cancel"},
    {"type": "output_audio_buffer.clear"},
]
ITEM = EXPECTED_EVENTS[1]["item"]


def test_sync_connect_session_conversation_and_response(sync_server: Any) -> None:
    import portkey.types.realtime as types

    base_url, seen = sync_server
    client = Portkey(api_key=API_KEY, base_url=base_url, provider="openai")
    with client.realtime.connect(model="gpt-realtime", extra_query={"q": "1"}) as connection:
        created = connection.recv()
        assert isinstance(created, types.SessionCreatedEvent)
        assert created.session.id == SESSION_OBJECT["id"]

        connection.session.update(session={"type": "realtime", "instructions": "Be brief."})
        updated = connection.recv()
        assert isinstance(updated, types.SessionUpdatedEvent)
        assert updated.session.instructions == "Be brief."

        connection.conversation.item.create(item=ITEM)
        assert isinstance(connection.recv(), types.ConversationItemAdded)
        assert isinstance(connection.recv(), types.ConversationItemDone)

        connection.response.create(response={"output_modalities": ["text"]})
        text = []
        for event in connection:
            if isinstance(event, types.RealtimeResponseTextDeltaEvent):
                text.append(event.delta)
            if isinstance(event, types.ResponseDoneEvent):
                assert event.response.status == "completed"
                break
        assert "".join(text) == "Hello there"

        connection.input_audio_buffer.append(audio="AAAA", event_id="ev_a")
        connection.response.cancel()
        connection.output_audio_buffer.clear()
        connection.send({"type": "nope.unknown", "event_id": "ev_x"})
        error = connection.recv()
        assert isinstance(error, types.RealtimeErrorEvent)
        assert error.error.event_id == "ev_x" and error.error.code == "invalid_value"

        connection.send({"type": "test.unknown"})  # an unknown server event: generic, kept
        unknown = connection.recv()
        assert unknown.type == "rate_limits.future" and unknown.x == 1  # type: ignore[union-attr]

        connection.send({"type": "test.garbage"})
        with pytest.raises(APIError, match="not a Realtime event"):
            connection.recv()

        connection.send({"type": "test.close"})
        with pytest.raises(RealtimeConnectionClosed) as info:
            for _ in connection:
                pass
        assert info.value.close_code == 1011 and "Realtime" in str(info.value)
    assert seen.path == "/v1/realtime?model=gpt-realtime&q=1"
    assert seen.headers["x-portkey-api-key"] == API_KEY
    assert seen.headers["x-portkey-provider"] == "openai"
    assert seen.events[: len(EXPECTED_EVENTS)] == EXPECTED_EVENTS


def test_sync_typed_client_event_and_clean_close(sync_server: Any) -> None:
    import portkey.types.realtime as types
    from portkey._convert import structure

    base_url, seen = sync_server
    client = Portkey(api_key=API_KEY, base_url=base_url)
    event = structure(
        {"type": "input_audio_buffer.append", "audio": "UklGRg=="}, types.RealtimeClientEvent
    )  # type: ignore[arg-type]
    assert isinstance(event, types.InputAudioBufferAppendEvent)
    connection = client.realtime.connect(model="gpt-realtime").enter()
    connection.send(event)
    connection.conversation.item.truncate(item_id="item_1", content_index=0, audio_end_ms=1500)
    connection.conversation.item.retrieve(item_id="item_1")
    connection.conversation.item.delete(item_id="item_1")
    connection.input_audio_buffer.commit()
    connection.input_audio_buffer.clear()
    assert isinstance(connection.recv(), types.SessionCreatedEvent)
    for _ in range(5):  # the server answers each of the last five with an error event
        assert isinstance(connection.recv(), types.RealtimeErrorEvent)
    connection.close()
    assert list(connection) == []  # a normal close ends iteration quietly
    assert seen.events == [
        {"type": "input_audio_buffer.append", "audio": "UklGRg=="},
        {
            "type": "conversation.item.truncate",
            "audio_end_ms": 1500,
            "content_index": 0,
            "item_id": "item_1",
        },
        {"type": "conversation.item.retrieve", "item_id": "item_1"},
        {"type": "conversation.item.delete", "item_id": "item_1"},
        {"type": "input_audio_buffer.commit"},
        {"type": "input_audio_buffer.clear"},
    ]


def test_connect_url_query_and_refused_handshake(sync_server: Any) -> None:
    base_url, seen = sync_server
    bad = Portkey(api_key="pk-wrong", base_url=base_url)
    with pytest.raises(AuthenticationError):
        with bad.realtime.connect(model="gpt-realtime"):
            pass
    client = Portkey(api_key=API_KEY, base_url="http://unused.test/v1", websocket_base_url=base_url)
    with client.realtime.connect(
        model="gpt-realtime", call_id="rtc_1", extra_query={"a": "b"}
    ) as connection:
        connection.recv()
    # openai-python's order: model, extra_query, then call_id.
    assert seen.path == "/v1/realtime?model=gpt-realtime&a=b&call_id=rtc_1"


def test_url_schemes() -> None:
    from portkey._ws_realtime import realtime_target

    https = Portkey(api_key=API_KEY, base_url="https://api.portkey.ai/v1")
    target = realtime_target(https, "gpt-realtime", None, None, None, None)
    assert str(target.url) == "wss://api.portkey.ai/v1/realtime?model=gpt-realtime"
    assert API_KEY not in repr(target)


def test_missing_websockets_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    manager = Portkey(api_key=API_KEY, base_url="http://127.0.0.1:9/v1").realtime.connect(
        model="gpt-realtime"
    )
    for name in [n for n in sys.modules if n == "websockets" or n.startswith("websockets.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "websockets", None)  # import websockets -> ImportError
    with pytest.raises(ImportError, match=r"pip install 'portkey-fast\[realtime\]'") as info:
        manager.enter()
    assert isinstance(info.value, PortkeyError)
    assert "client.realtime.connect()" in str(info.value)


@pytest.mark.anyio
async def test_async_connect() -> None:
    import portkey.types.realtime as types

    seen = Seen()

    async def handler(ws: Any) -> None:
        await ws.send(CREATED)
        async for message in ws:
            for out in _outgoing(seen, message):
                if out == "CLOSE":
                    await ws.close(code=1011, reason="upstream went away")
                    return
                await ws.send(out)

    server = await async_serve(
        handler, "127.0.0.1", 0, process_request=lambda c, r: _check_handshake(seen, r)
    )
    port = server.sockets[0].getsockname()[1]
    client = AsyncPortkey(
        api_key=API_KEY, base_url=f"http://127.0.0.1:{port}/v1", virtual_key="vk-1"
    )
    try:
        async with client.realtime.connect(model="gpt-realtime") as connection:
            assert isinstance(await connection.recv(), types.SessionCreatedEvent)
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(connection.recv(), 0.05)  # nothing sent: nothing lost
            await connection.session.update(
                session={"type": "realtime", "instructions": "Be brief."}
            )
            assert isinstance(await connection.recv(), types.SessionUpdatedEvent)
            await connection.conversation.item.create(item=ITEM)
            await connection.response.create(response={"output_modalities": ["text"]})
            kinds = []
            async for event in connection:
                kinds.append(event.type)
                if event.type == "response.done":
                    break
            assert kinds == [
                "conversation.item.added",
                "conversation.item.done",
                "response.created",
                "response.output_text.delta",
                "response.output_text.delta",
                "response.done",
            ]
            await connection.send({"type": "test.close"})
            with pytest.raises(RealtimeConnectionClosed) as info:
                async for _ in connection:
                    pass
            assert info.value.close_code == 1011
        assert seen.path == "/v1/realtime?model=gpt-realtime"
        assert seen.headers["x-portkey-virtual-key"] == "vk-1"
        assert seen.events[:3] == EXPECTED_EVENTS[:3]

        connection = await client.realtime.connect(model="gpt-realtime").enter()
        assert isinstance(
            connection.parse_event(await connection.recv_bytes()), types.SessionCreatedEvent
        )
        await connection.close()
        assert [e async for e in connection] == []
    finally:
        server.close()
        await server.wait_closed()
