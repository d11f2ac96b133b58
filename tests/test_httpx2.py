"""Our clients on httpx2 (issue 16): a caller's ``httpx2.Client``/``AsyncClient`` works for
calls, streams, uploads and binary answers, with its own settings (event hooks, headers)
applied and never closed by us; every httpx2 exception becomes our typed error; httpx2 is
imported only when used; ``http_backend="httpx2"`` (or ``PORTKEY_HTTP_BACKEND``) builds an
httpx2 client of ours. The transport suites (wire, streams, faults, the real gateway) run on
httpx2 as well, from the noxfile's second pass."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any, Callable, Dict, List

import httpx
import httpx2
import pytest

from portkey import (
    APIConnectionError,
    APITimeoutError,
    AsyncPortkey,
    NotFoundError,
    Portkey,
)

BASE = "http://gw.test/v1"
CHAT = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "m",
    "choices": [
        {"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}
    ],
}
SSE = (
    b'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m",'
    b'"choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\n'
    b'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m",'
    b'"choices":[{"index":0,"delta":{"content":"lo"}}]}\n\n'
    b"data: [DONE]\n\n"
)
Handler = Callable[[httpx2.Request], httpx2.Response]


def answer(request: httpx2.Request) -> httpx2.Response:
    path = request.url.path
    if path.endswith("/chat/completions"):
        body = json.loads(request.content)
        if body.get("stream"):
            return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=SSE)
        return httpx2.Response(200, json=dict(CHAT, echo=body))
    if path.endswith("/files"):
        return httpx2.Response(
            200,
            json={
                "id": "file-1",
                "object": "file",
                "bytes": len(request.content),
                "created_at": 1,
                "filename": "a.jsonl",
                "purpose": "batch",
            },
        )
    if path.endswith("/content"):
        return httpx2.Response(200, content=b"\x00binary\xff")
    return httpx2.Response(404, json={"error": {"message": "no such route", "type": "x"}})


def sync_client(handler: Handler = answer, **kwargs: Any) -> Portkey:
    http = httpx2.Client(transport=httpx2.MockTransport(handler), **kwargs)
    return Portkey(api_key="pk-secret", base_url=BASE, http_client=http, max_retries=0)


def async_client(handler: Handler = answer, **kwargs: Any) -> AsyncPortkey:
    http = httpx2.AsyncClient(transport=httpx2.MockTransport(handler), **kwargs)
    return AsyncPortkey(api_key="pk-secret", base_url=BASE, http_client=http, max_retries=0)


def test_a_callers_client_serves_calls_streams_uploads_and_bytes() -> None:
    seen: List[httpx2.Request] = []
    client = sync_client(headers={"x-team": "core"}, event_hooks={"request": [seen.append]})
    done = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
    assert done.choices[0].message.content == "ok"
    assert done.model_extra["echo"] == {
        "model": "m",
        "messages": [{"role": "user", "content": "x"}],
    }
    text = "".join(
        c.choices[0].delta.content or ""
        for c in client.chat.completions.create(model="m", messages=[], stream=True)
    )
    assert text == "Hello"
    upload = client.files.create(file=("a.jsonl", b'{"a": 1}\n'), purpose="batch")
    assert upload.id == "file-1" and upload.bytes > 9  # the multipart form reached httpx2
    assert client.files.content("file-1").content == b"\x00binary\xff"
    # The caller's hooks ran for each request; its own headers went out with ours.
    assert len(seen) == 4
    assert seen[0].headers["x-team"] == "core"
    assert seen[0].headers["x-portkey-api-key"] == "pk-secret"


@pytest.mark.anyio
async def test_a_callers_async_client_serves_calls_and_streams() -> None:
    client = async_client()
    done = await client.chat.completions.create(model="m", messages=[])
    assert done.choices[0].message.content == "ok"
    stream = await client.chat.completions.create(model="m", messages=[], stream=True)
    assert [c.choices[0].delta.content async for c in stream] == ["Hel", "lo"]
    assert (await client.files.content("file-1")).content == b"\x00binary\xff"


def test_httpx2_errors_become_ours_with_no_secret_in_them() -> None:
    def failing(exc: Exception) -> Handler:
        def handler(request: httpx2.Request) -> httpx2.Response:
            raise exc

        return handler

    cases: Dict[str, Any] = {
        "connect": (httpx2.ConnectError("refused"), APIConnectionError),
        "read timeout": (httpx2.ReadTimeout("slow"), APITimeoutError),
        "protocol": (httpx2.RemoteProtocolError("peer closed"), APIConnectionError),
        "pool": (httpx2.PoolTimeout("pool"), APITimeoutError),
    }
    for name, (exc, ours) in cases.items():
        client = sync_client(failing(exc))
        with pytest.raises(ours) as caught:
            client.chat.completions.create(model="m", messages=[])
        err = caught.value
        assert not isinstance(err, httpx2.HTTPError), name
        assert "pk-secret" not in f"{err} {err!r} {err.request.headers!r}", name
    with pytest.raises(NotFoundError) as missing:
        sync_client().models.retrieve("nope")
    assert missing.value.status_code == 404 and "no such route" in str(missing.value)


@pytest.mark.anyio
async def test_httpx2_errors_become_ours_async() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectTimeout("slow connect")

    with pytest.raises(APITimeoutError):
        await async_client(handler).chat.completions.create(model="m", messages=[])


def test_retries_resend_through_httpx2() -> None:
    calls: List[int] = []

    def flaky(request: httpx2.Request) -> httpx2.Response:
        calls.append(1)
        if len(calls) == 1:
            raise httpx2.ConnectError("first attempt refused")
        return answer(request)

    http = httpx2.Client(transport=httpx2.MockTransport(flaky))
    client = Portkey(api_key="pk", base_url=BASE, http_client=http, max_retries=1)
    from portkey import _retry

    _retry.set_testing(True)
    try:
        assert client.chat.completions.create(model="m", messages=[]).id == "chatcmpl-1"
    finally:
        _retry.set_testing(False)
    assert len(calls) == 2


def test_a_callers_client_is_never_closed_by_us() -> None:
    http = httpx2.Client(transport=httpx2.MockTransport(answer))
    with Portkey(api_key="pk", base_url=BASE, http_client=http) as client:
        client.chat.completions.create(model="m", messages=[])
    assert not http.is_closed
    http.close()


def test_the_wrong_kind_of_client_is_refused() -> None:
    with pytest.raises(TypeError, match=r"httpx\.Client or an httpx2\.Client"):
        Portkey(api_key="pk", http_client=httpx2.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"httpx2\.AsyncClient"):
        AsyncPortkey(api_key="pk", http_client=httpx2.Client())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="http_backend"):
        Portkey(api_key="pk", http_backend="requests")  # type: ignore[arg-type]


def test_http_backend_builds_an_httpx2_client_of_ours(monkeypatch: pytest.MonkeyPatch) -> None:
    from portkey._httpx2 import Httpx2Client

    client = Portkey(api_key="pk", http_backend="httpx2")
    assert isinstance(client._pool.get(), Httpx2Client)
    assert client.with_options(trace_id="t").http_backend == "httpx2"
    client.close()
    monkeypatch.setenv("PORTKEY_HTTP_BACKEND", "httpx2")
    from_env = AsyncPortkey(api_key="pk")
    assert from_env.http_backend == "httpx2"
    monkeypatch.setenv("PORTKEY_HTTP_BACKEND", "httpx")
    plain = Portkey(api_key="pk")
    assert isinstance(plain._pool.get(), httpx.Client)
    plain.close()


def test_import_portkey_does_not_import_httpx2() -> None:
    code = (
        "import sys, portkey\n"
        "c = portkey.Portkey(api_key='pk')\n"
        "print('httpx2' in sys.modules, 'httpcore2' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "PORTKEY_HTTP_BACKEND": "httpx"},
    )
    assert out.stdout.split() == ["False", "False"]


def test_our_httpx2_client_does_not_load_httpcore() -> None:
    """httpx2 clients run on httpcore2: building one loads neither httpcore 1.0 nor our
    httpcore 1.0 fixes (``_transport``)."""
    code = (
        "import sys, portkey\n"
        "c = portkey.Portkey(api_key='pk', http_backend='httpx2')\n"
        "c._pool.get()\n"
        "print('httpcore2' in sys.modules, 'httpcore' in sys.modules,"
        " 'portkey._transport' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PATH": ""}
    )
    assert out.stdout.split() == ["True", "False", "False"]
