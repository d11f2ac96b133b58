"""Bodies that are not what they should be: non-JSON error pages, broken 2xx JSON, gzip,
pathological nesting, an undecodable base64 embedding. Sync and async for each."""

from __future__ import annotations

from typing import Any, Type

import pytest

from portkey import (
    APIResponseValidationError,
    APIStatusError,
    AsyncPortkey,
    InternalServerError,
    Portkey,
    PortkeyError,
)

from .server import FaultServer
from .support import MESSAGES, client_kwargs, fault

pytestmark = pytest.mark.faults

# Non-JSON error bodies: the right class, the text in the error -------------------------------

ERROR_BODIES = [
    pytest.param("html_502", 502, "502 Bad Gateway", id="html-502"),
    pytest.param("empty_503", 503, None, id="empty-503"),
    pytest.param("text_500", 500, "upstream exploded: segfault in worker 7", id="text-500"),
]


def _check_error_body(err: APIStatusError, status: int, text: Any) -> None:
    assert isinstance(err, InternalServerError)
    assert err.status_code == status
    assert str(err).startswith(f"Error code: {status}")
    if text is None:
        assert err.body is None
        assert str(err) == f"Error code: {status}"
    else:
        assert text in str(err)
        assert text in err.message
        assert isinstance(err.body, str) and text in err.body


@pytest.mark.parametrize(("spec", "status", "text"), ERROR_BODIES)
def test_non_json_error_sync(
    server: FaultServer, no_sleep: None, spec: str, status: int, text: Any
) -> None:
    with Portkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(APIStatusError) as info:
            client.chat.completions.create(messages=MESSAGES, **fault(spec))
    _check_error_body(info.value, status, text)
    assert server.attempts(spec) == 3  # 5xx is retried


@pytest.mark.anyio
@pytest.mark.parametrize(("spec", "status", "text"), ERROR_BODIES)
async def test_non_json_error_async(
    server: FaultServer, no_sleep: None, spec: str, status: int, text: Any
) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(APIStatusError) as info:
            await client.chat.completions.create(messages=MESSAGES, **fault(spec))
    _check_error_body(info.value, status, text)
    assert server.attempts(spec) == 3


# 2xx with a body that is not JSON ---------------------------------------------------------

BAD_2XX = ["truncated_json", "invalid_json"]


@pytest.mark.parametrize("spec", BAD_2XX)
def test_bad_json_2xx_sync(server: FaultServer, spec: str) -> None:
    with Portkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(APIResponseValidationError) as info:
            client.chat.completions.create(messages=MESSAGES, **fault(spec))
    assert info.value.status_code == 200
    assert isinstance(info.value.body, str) and info.value.body
    assert server.attempts() == 1  # a 2xx is an answer: not retried


@pytest.mark.anyio
@pytest.mark.parametrize("spec", BAD_2XX)
async def test_bad_json_2xx_async(server: FaultServer, spec: str) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(APIResponseValidationError) as info:
            await client.chat.completions.create(messages=MESSAGES, **fault(spec))
    assert info.value.status_code == 200
    assert isinstance(info.value.body, str) and info.value.body
    assert server.attempts() == 1


# gzip ---------------------------------------------------------------------------------------


def test_gzip_sync(server: FaultServer) -> None:
    with Portkey(**client_kwargs(server)) as client:
        result = client.chat.completions.create(messages=MESSAGES, **fault("gzip"))
        assert result.choices[0].message.content == "gzipped hello"
        with client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_gzip")
        ) as stream:
            text = "".join(stream.text_deltas())
        assert text == "tok0 tok1 tok2 "


@pytest.mark.anyio
async def test_gzip_async(server: FaultServer) -> None:
    async with AsyncPortkey(**client_kwargs(server)) as client:
        result = await client.chat.completions.create(messages=MESSAGES, **fault("gzip"))
        assert result.choices[0].message.content == "gzipped hello"
        stream = await client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_gzip")
        )
        async with stream:
            text = "".join([t async for t in stream.text_deltas()])
        assert text == "tok0 tok1 tok2 "


def test_corrupt_gzip_sync(server: FaultServer) -> None:
    """A body its Content-Encoding cannot decode is the server's fault, not the connection's:
    APIResponseValidationError, not retried, for plain calls and for streams."""
    with Portkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(APIResponseValidationError, match="decoded") as plain:
            client.chat.completions.create(messages=MESSAGES, **fault("gzip_corrupt"))
        stream = client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_gzip_corrupt")
        )
        with pytest.raises(APIResponseValidationError, match="decoded") as streamed:
            list(stream)
    for err in (plain.value, streamed.value):
        assert err.status_code == 200
        assert err.__context__ is None or err.__suppress_context__  # no httpx exception shown
    assert server.attempts("gzip_corrupt") == 1 and server.attempts("sse_gzip_corrupt") == 1


@pytest.mark.anyio
async def test_corrupt_gzip_async(server: FaultServer) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(APIResponseValidationError, match="decoded"):
            await client.chat.completions.create(messages=MESSAGES, **fault("gzip_corrupt"))
        stream = await client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_gzip_corrupt")
        )
        with pytest.raises(APIResponseValidationError, match="decoded"):
            async for _ in stream:
                pass
    assert server.attempts("gzip_corrupt") == 1 and server.attempts("sse_gzip_corrupt") == 1


def test_gzip_is_asked_for_sync(server: FaultServer) -> None:
    """Accept-Encoding is sent as the official SDK sends it, so a gateway may compress."""
    with Portkey(**client_kwargs(server)) as client:
        client.chat.completions.create(messages=MESSAGES)
    assert "gzip" in server.records[0].headers.get("accept-encoding", "")


@pytest.mark.anyio
async def test_gzip_is_asked_for_async(server: FaultServer) -> None:
    async with AsyncPortkey(**client_kwargs(server)) as client:
        await client.chat.completions.create(messages=MESSAGES)
    assert "gzip" in server.records[0].headers.get("accept-encoding", "")


# Pathological but valid JSON: 100,000 nested arrays -------------------------------------------
# json.loads raises RecursionError (not a ValueError) on it: it must not escape.

NESTED = [
    pytest.param(
        "nested_json",
        APIResponseValidationError,
        id="2xx",
    ),
    pytest.param("nested_500", InternalServerError, id="500"),
]


@pytest.mark.parametrize(("spec", "expected"), NESTED)
def test_nested_json_sync(
    server: FaultServer, no_sleep: None, spec: str, expected: Type[PortkeyError]
) -> None:
    with Portkey(**client_kwargs(server, max_retries=0)) as client:
        with pytest.raises(expected):
            client.chat.completions.create(messages=MESSAGES, **fault(spec))


@pytest.mark.anyio
@pytest.mark.parametrize(("spec", "expected"), NESTED)
async def test_nested_json_async(
    server: FaultServer, no_sleep: None, spec: str, expected: Type[PortkeyError]
) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=0)) as client:
        with pytest.raises(expected):
            await client.chat.completions.create(messages=MESSAGES, **fault(spec))


def test_nested_json_stream_sync(server: FaultServer) -> None:
    with Portkey(**client_kwargs(server)) as client:
        stream = client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_nested")
        )
        with pytest.raises(APIResponseValidationError):
            with stream:
                for _ in stream:
                    pass


@pytest.mark.anyio
async def test_nested_json_stream_async(server: FaultServer) -> None:
    async with AsyncPortkey(**client_kwargs(server)) as client:
        stream = await client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault("sse_nested")
        )
        with pytest.raises(APIResponseValidationError):
            async with stream:
                async for _ in stream:
                    pass


# An embeddings response whose base64 embedding does not decode -------------------------------


def test_bad_base64_embedding_sync(server: FaultServer) -> None:
    with Portkey(**client_kwargs(server)) as client:
        with pytest.raises(APIResponseValidationError):
            client.embeddings.create(input="hi", model="m", **fault("bad_base64"))


@pytest.mark.anyio
async def test_bad_base64_embedding_async(server: FaultServer) -> None:
    async with AsyncPortkey(**client_kwargs(server)) as client:
        with pytest.raises(APIResponseValidationError):
            await client.embeddings.create(input="hi", model="m", **fault("bad_base64"))
