"""Bad arguments from the caller: a clear TypeError or ValueError before anything is sent
(the server sees no connection and no request)."""

from __future__ import annotations

from typing import Any, Callable, Dict, Type

import httpx
import pytest

from portkey import APITimeoutError, AsyncPortkey, Portkey

from .server import FaultServer
from .support import MESSAGES, client_kwargs

pytestmark = pytest.mark.faults

# Client construction and with_options: (keyword arguments, exception, word in the message)
BAD_CLIENT = [
    pytest.param({"config": 123}, TypeError, "config", id="config-int"),
    pytest.param({"config": ["pc-abc"]}, TypeError, "config", id="config-list"),
    pytest.param({"metadata": 5}, TypeError, "metadata", id="metadata-int"),
    pytest.param({"max_retries": -1}, ValueError, "max_retries", id="max-retries-negative"),
    pytest.param({"max_retries": "3"}, TypeError, "max_retries", id="max-retries-str"),
    pytest.param({"max_retries": 2.5}, TypeError, "max_retries", id="max-retries-float"),
    pytest.param({"timeout": -1}, ValueError, "timeout", id="timeout-negative"),
    pytest.param({"timeout": "5"}, TypeError, "timeout", id="timeout-str"),
    pytest.param(
        {"timeout": httpx.Timeout(5.0, read=-1.0)}, ValueError, "timeout", id="timeout-part"
    ),
    pytest.param({"timeout": float("inf")}, ValueError, "timeout", id="timeout-infinite"),
    pytest.param({"trace_id": "caf\u00e9"}, ValueError, "trace-id", id="header-not-ascii"),
    pytest.param({"trace_id": "t\r\nX-Evil: 1"}, ValueError, "trace-id", id="header-injection"),
    pytest.param({"default_headers": {"x-a": "b\nc"}}, ValueError, "x-a", id="default-newline"),
    pytest.param({"default_headers": {"x-a": 1}}, TypeError, "x-a", id="default-int"),
    pytest.param({"deadline": 0}, ValueError, "deadline", id="deadline-zero"),
    pytest.param({"deadline": -2.0}, ValueError, "deadline", id="deadline-negative"),
]

# Per call: (keyword arguments to create(), exception, word in the message)
BAD_CALL = [
    pytest.param(
        {"messages": [{"role": "user", "content": object()}]}, TypeError, "JSON", id="object"
    ),
    pytest.param({"messages": MESSAGES, "user": {1, 2j}}, TypeError, "JSON", id="complex"),
    pytest.param({"messages": MESSAGES, "temperature": float("nan")}, ValueError, "JSON", id="nan"),
    pytest.param({"messages": MESSAGES, "extra_body": ["x"]}, TypeError, "extra_body", id="body"),
    pytest.param({"messages": MESSAGES, "max_retries": -1}, ValueError, "max_retries", id="mr"),
    pytest.param({"messages": MESSAGES, "timeout": -0.5}, ValueError, "timeout", id="timeout"),
    pytest.param({"messages": MESSAGES, "timeout": "1"}, TypeError, "timeout", id="timeout-str"),
    pytest.param(
        {"messages": MESSAGES, "extra_headers": {"x-n": 1}},
        TypeError,
        "x-n",
        id="header-int",
    ),
    pytest.param(
        {"messages": MESSAGES, "extra_headers": {"x-n": "a\r\nb"}}, ValueError, "x-n", id="crlf"
    ),
    pytest.param(
        {"messages": MESSAGES, "extra_headers": {"x-n": "\u2603"}}, ValueError, "x-n", id="snow"
    ),
    pytest.param(
        {"messages": MESSAGES, "timeout": float("inf")}, ValueError, "timeout", id="timeout-inf"
    ),
]


def _nothing_sent(server: FaultServer) -> None:
    assert server.wait_open(0) == 0
    assert server.requests == 0
    assert server.connections_opened == 0


@pytest.mark.parametrize(("kwargs", "exc", "word"), BAD_CLIENT)
@pytest.mark.parametrize("cls", [Portkey, AsyncPortkey], ids=["sync", "async"])
def test_bad_client_arguments(
    server: FaultServer, cls: Type[Any], kwargs: Dict[str, Any], exc: Type[Exception], word: str
) -> None:
    with pytest.raises(exc, match=word):
        cls(**client_kwargs(server, **kwargs))
    good = cls(**client_kwargs(server))
    with pytest.raises(exc, match=word):
        good.with_options(**kwargs)
    _nothing_sent(server)


@pytest.mark.parametrize(("kwargs", "exc", "word"), BAD_CALL)
@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
def test_bad_call_arguments_sync(
    server: FaultServer, kwargs: Dict[str, Any], exc: Type[Exception], word: str, stream: bool
) -> None:
    with Portkey(**client_kwargs(server)) as client:
        create: Callable[..., Any] = client.chat.completions.create
        with pytest.raises(exc, match=word):
            create(stream=stream, **kwargs)
    _nothing_sent(server)


@pytest.mark.anyio
@pytest.mark.parametrize(("kwargs", "exc", "word"), BAD_CALL)
@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
async def test_bad_call_arguments_async(
    server: FaultServer, kwargs: Dict[str, Any], exc: Type[Exception], word: str, stream: bool
) -> None:
    async with AsyncPortkey(**client_kwargs(server)) as client:
        with pytest.raises(exc, match=word):
            await client.chat.completions.create(stream=stream, **kwargs)
    _nothing_sent(server)


def test_bad_embeddings_input_sync(server: FaultServer) -> None:
    with Portkey(**client_kwargs(server)) as client:
        with pytest.raises(TypeError, match="JSON"):
            client.embeddings.create(input=object(), model="m")
    _nothing_sent(server)


@pytest.mark.anyio
async def test_bad_embeddings_input_async(server: FaultServer) -> None:
    async with AsyncPortkey(**client_kwargs(server)) as client:
        with pytest.raises(TypeError, match="JSON"):
            await client.embeddings.create(input=object(), model="m")
    _nothing_sent(server)


@pytest.mark.parametrize("cls", [Portkey, AsyncPortkey], ids=["sync", "async"])
def test_a_bad_header_error_names_the_header_not_the_secret(cls: Type[Any]) -> None:
    secret = "sk-SECRET-9876\n"
    with pytest.raises(ValueError) as info:
        cls(base_url="http://127.0.0.1:9/v1", Authorization=secret)
    assert "Authorization" in str(info.value) and "SECRET" not in str(info.value)


@pytest.mark.anyio
async def test_http_client_kinds(server: FaultServer) -> None:
    async with httpx.AsyncClient() as async_http:
        with pytest.raises(TypeError, match="httpx.Client|Client as http_client"):
            Portkey(**client_kwargs(server), http_client=async_http)  # type: ignore[arg-type]
    with httpx.Client() as sync_http:
        with pytest.raises(TypeError, match="AsyncClient"):
            AsyncPortkey(**client_kwargs(server), http_client=sync_http)  # type: ignore[arg-type]
    _nothing_sent(server)


def test_timeout_none_is_never_unbounded_sync(server: FaultServer) -> None:
    """None means the default (client) or the client's timeout (per call), and a None part
    of an httpx.Timeout takes the default's value: no request can wait forever."""
    assert Portkey(**client_kwargs(server, timeout=None)).timeout == httpx.Timeout(600, connect=5)
    partial = Portkey(**client_kwargs(server, timeout=httpx.Timeout(None, connect=1.0)))
    assert partial.timeout == httpx.Timeout(600, connect=1.0)
    with Portkey(**client_kwargs(server, timeout=0.3, max_retries=0)) as client:
        with pytest.raises(APITimeoutError):
            client.chat.completions.create(
                messages=MESSAGES, timeout=None, extra_headers={"x-fault": "slow_headers:3"}
            )


@pytest.mark.anyio
async def test_timeout_none_is_never_unbounded_async(server: FaultServer) -> None:
    async with AsyncPortkey(**client_kwargs(server, timeout=0.3, max_retries=0)) as client:
        with pytest.raises(APITimeoutError):
            await client.chat.completions.create(
                messages=MESSAGES, timeout=None, extra_headers={"x-fault": "slow_headers:3"}
            )
