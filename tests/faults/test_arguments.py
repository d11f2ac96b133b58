"""Bad arguments from the caller: a clear TypeError or ValueError before anything is sent
(the server sees no connection and no request)."""

from __future__ import annotations

from typing import Any, Callable, Dict, Type

import httpx
import pytest

from portkey import AsyncPortkey, Portkey

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
