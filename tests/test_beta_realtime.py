"""``beta.realtime.connect``: the Realtime WebSocket of ``client.realtime.connect`` with the
Realtime beta's ``OpenAI-Beta: realtime=v1`` header (as openai-python's beta connection
sends), against a local WebSocket server, sync and async."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any, Dict, Iterator, Tuple

import pytest

pytest.importorskip("websockets")

from websockets.sync.server import serve  # noqa: E402

from portkey import AsyncPortkey, Portkey  # noqa: E402

CREATED = {
    "type": "session.created",
    "event_id": "event_1",
    "session": {"id": "sess_1", "object": "realtime.session", "type": "realtime"},
}


@pytest.fixture
def server() -> Iterator[Tuple[str, Dict[str, Any]]]:
    seen: Dict[str, Any] = {"handshakes": []}

    def handler(ws: Any) -> None:
        ws.send(json.dumps(CREATED))
        for _ in ws:
            pass

    def handshake(connection: Any, request: Any) -> None:
        seen["handshakes"].append((request.path, dict(request.headers.raw_items())))

    srv = serve(handler, "127.0.0.1", 0, process_request=handshake)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.socket.getsockname()[1]}/v1", seen
    finally:
        srv.shutdown()
        thread.join(5)


def test_beta_connect_sends_the_beta_header(server: Tuple[str, Dict[str, Any]]) -> None:
    base_url, seen = server
    client = Portkey(api_key="pk-test", base_url=base_url, provider="openai")
    with client.beta.realtime.connect(model="gpt-4o-realtime-preview") as connection:
        assert connection.recv().type == "session.created"

    async def main() -> str:
        aclient = AsyncPortkey(api_key="pk-test", base_url=base_url, provider="openai")
        async with aclient.beta.realtime.connect(
            model="gpt-4o-realtime-preview", extra_headers={"x-extra": "1"}
        ) as connection:
            return (await connection.recv()).type  # type: ignore[no-any-return]

    assert asyncio.run(main()) == "session.created"
    assert len(seen["handshakes"]) == 2
    for path, headers in seen["handshakes"]:
        lower = {k.lower(): v for k, v in headers.items()}
        assert path == "/v1/realtime?model=gpt-4o-realtime-preview"
        assert lower["openai-beta"] == "realtime=v1"
        assert lower["x-portkey-api-key"] == "pk-test"
        assert lower["x-portkey-provider"] == "openai"
    assert {k.lower(): v for k, v in seen["handshakes"][1][1].items()}["x-extra"] == "1"
