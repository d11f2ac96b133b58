"""Answers read as bytes: ``BinaryResponse`` (``audio.speech.create``, ``files.content``: the
body read, as openai-python's ``HttpxBinaryResponseContent``), and the unread responses of
``with_streaming_response`` (``StreamedResponse``, ``AsyncStreamedResponse``), whose
``iter_bytes()`` and ``stream_to_file()`` never hold the whole body in memory.

A body cut short raises ``APIConnectionError`` (never a short file); a file written from a
body that fails midway is removed."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import (
    IO,
    Any,
    AsyncIterator,
    Callable,
    Generic,
    Iterator,
    Optional,
    TypeVar,
    Union,
)

import httpx
from typing_extensions import Self

from ._errors import APIConnectionError, APIError, APIResponseValidationError, APITimeoutError
from ._progress import OnProgress, Progress
from ._response import HTTPResponseParts, load_json
from ._threads import in_thread

__all__ = [
    "AsyncStreamedResponse",
    "AsyncStreamedResponseManager",
    "BinaryResponse",
    "StreamedResponse",
    "StreamedResponseManager",
]

T = TypeVar("T")
FileTarget = Union[str, "os.PathLike[str]"]
_HTTPX_ERRORS = (httpx.HTTPError, httpx.StreamError)


def _read_error(exc: Exception, response: Optional[httpx.Response]) -> APIError:
    """Ours for an httpx error while reading a body (the secret-holding httpx exception is
    not chained: callers raise this outside their ``except`` block). A body its
    Content-Encoding cannot decode is the server's fault, as for every other call."""
    request = None if response is None else response.request
    if isinstance(exc, httpx.DecodingError) and response is not None:
        return APIResponseValidationError(
            f"The response body could not be decoded ({exc})", response=response, body=None
        )
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError("Timed out while reading the response body.", request)
    detail = str(exc) or type(exc).__name__
    return APIConnectionError(f"The response body could not be read in full: {detail}", request)


def _total(response: httpx.Response) -> Optional[int]:
    length = response.headers.get("content-length")
    return int(length) if length is not None and length.isdigit() else None


class _Body(HTTPResponseParts):
    """What every binary and streamed response shares: the HTTP response's parts."""

    @property
    def encoding(self) -> Optional[str]:
        return self.http_response.encoding

    @property
    def charset_encoding(self) -> Optional[str]:
        return self.http_response.charset_encoding


def _write(
    target: Union[FileTarget, IO[bytes]],
    chunks: Iterator[bytes],
    total: Optional[int],
    on_progress: Optional[OnProgress],
    response: Optional[httpx.Response],
) -> None:
    """Write ``chunks`` to a path (removed again if the body fails midway) or a binary file
    object; ``on_progress(done, total)`` a few times a second and at the end."""
    progress = None if on_progress is None else Progress(on_progress, total)
    owned = not hasattr(target, "write")
    file: Any = open(target, "wb") if owned else target  # type: ignore[arg-type]  # noqa: SIM115 (closed below)
    failure: Optional[APIError] = None
    try:
        try:
            for chunk in chunks:
                file.write(chunk)
                if progress is not None:
                    progress.advance(len(chunk))
        except _HTTPX_ERRORS as exc:
            failure = _read_error(exc, response)
    finally:
        if owned:
            file.close()
            if failure is not None:
                Path(target).unlink(missing_ok=True)  # type: ignore[arg-type]
    if failure is not None:
        raise failure
    if progress is not None:
        progress.finish()


async def _awrite(
    target: Union[FileTarget, IO[bytes]],
    chunks: AsyncIterator[bytes],
    total: Optional[int],
    on_progress: Optional[OnProgress],
    response: Optional[httpx.Response],
) -> None:
    """``_write`` for the event loop: the file is opened, written and closed in a worker
    thread, so a slow disk never blocks the loop."""
    progress = None if on_progress is None else Progress(on_progress, total)
    owned = not hasattr(target, "write")
    file: Any = await in_thread(open, target, "wb") if owned else target
    failure: Optional[APIError] = None
    try:
        try:
            async for chunk in chunks:
                await in_thread(file.write, chunk)
                if progress is not None:
                    progress.advance(len(chunk))
        except _HTTPX_ERRORS as exc:
            failure = _read_error(exc, response)
    finally:
        if owned:
            await in_thread(file.close)
            if failure is not None:
                Path(target).unlink(missing_ok=True)  # type: ignore[arg-type]
    if failure is not None:
        raise failure
    if progress is not None:
        progress.finish()


def _slices(data: bytes, chunk_size: Optional[int]) -> Iterator[bytes]:
    size = chunk_size or len(data) or 1
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def _aslices(data: bytes, chunk_size: Optional[int]) -> AsyncIterator[bytes]:
    for piece in _slices(data, chunk_size):
        yield piece


class BinaryResponse(_Body):
    """A binary answer whose body has been read (``.content``); ``write_to_file(path)``
    saves it. For answers too large for memory use ``with_streaming_response``."""

    binary_body = True  # how the client knows an endpoint answers with this class

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def json(self, **kwargs: Any) -> Any:
        """The body as JSON (``APIResponseValidationError`` when it is not JSON)."""
        return json.loads(self.text, **kwargs) if kwargs else load_json(self.http_response)

    def read(self) -> bytes:
        return self.content

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        return _slices(self.content, chunk_size)

    iter_raw = iter_bytes

    def iter_text(self, chunk_size: Optional[int] = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.http_response.iter_lines()

    def write_to_file(
        self, file: Union[FileTarget, IO[bytes]], *, on_progress: Optional[OnProgress] = None
    ) -> None:
        """Write the body to a path or a binary file object."""
        _write(file, self.iter_bytes(1024 * 1024), len(self.content), on_progress, None)

    def stream_to_file(
        self,
        file: Union[FileTarget, IO[bytes]],
        *,
        chunk_size: Optional[int] = None,
        on_progress: Optional[OnProgress] = None,
    ) -> None:
        """The same as ``write_to_file`` (the body is already read: openai-python's name)."""
        _write(file, self.iter_bytes(chunk_size), len(self.content), on_progress, None)

    def close(self) -> None:
        self.http_response.close()

    async def aread(self) -> bytes:
        return self.content

    def aiter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        return _aslices(self.content, chunk_size)

    aiter_raw = aiter_bytes

    async def aiter_text(self, chunk_size: Optional[int] = None) -> AsyncIterator[str]:
        for text in self.http_response.iter_text(chunk_size):
            yield text

    async def aiter_lines(self) -> AsyncIterator[str]:
        for line in self.http_response.iter_lines():
            yield line

    async def awrite_to_file(
        self, file: Union[FileTarget, IO[bytes]], *, on_progress: Optional[OnProgress] = None
    ) -> None:
        """``write_to_file`` without blocking the event loop."""
        await _awrite(file, self.aiter_bytes(1024 * 1024), len(self.content), on_progress, None)

    astream_to_file = awrite_to_file

    async def aclose(self) -> None:
        self.http_response.close()


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncStreamedResponse(_Body, Generic[T]):
    """A response not read yet (``with_streaming_response``): read it in pieces with
    ``iter_bytes()`` or ``stream_to_file(path)``, or whole with ``read()`` / ``parse()``."""

    def __init__(self, response: httpx.Response, parse: Callable[[], T]) -> None:
        super().__init__(response)
        self._parse = parse

    async def read(self) -> bytes:
        try:
            return await self.http_response.aread()
        except _HTTPX_ERRORS as exc:
            failure = _read_error(exc, self.http_response)
        raise failure

    async def text(self) -> str:
        await self.read()
        return self.http_response.text

    async def json(self) -> Any:
        await self.read()
        return load_json(self.http_response)

    async def parse(self) -> T:
        """The typed result, as the plain call returns it."""
        await self.read()
        return self._parse()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        """The body in pieces as it arrives (decoded per Content-Encoding)."""
        return self._guarded(self.http_response.aiter_bytes(chunk_size))

    def iter_raw(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        return self._guarded(self.http_response.aiter_raw(chunk_size))

    def iter_text(self, chunk_size: Optional[int] = None) -> AsyncIterator[str]:
        return self._guarded(self.http_response.aiter_text(chunk_size))

    def iter_lines(self) -> AsyncIterator[str]:
        return self._guarded(self.http_response.aiter_lines())

    async def _guarded(self, pieces: AsyncIterator[Any]) -> AsyncIterator[Any]:
        response = self.http_response
        while True:
            try:
                piece = await pieces.__anext__()
            except StopAsyncIteration:
                return
            except _HTTPX_ERRORS as exc:
                failure = _read_error(exc, response)
                break
            yield piece
        raise failure

    async def stream_to_file(
        self,
        file: Union[FileTarget, IO[bytes]],
        *,
        chunk_size: Optional[int] = None,
        on_progress: Optional[OnProgress] = None,
    ) -> None:
        """Write the body to a path or a binary file object as it arrives (on the async
        client, the file is written in a worker thread)."""
        chunks = self.http_response.aiter_bytes(chunk_size)
        total = _total(self.http_response)
        await _awrite(file, chunks, total, on_progress, self.http_response)

    write_to_file = stream_to_file

    async def close(self) -> None:
        await self.http_response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


class AsyncStreamedResponseManager(Generic[T]):
    """``with resource.with_streaming_response.method(...) as response:`` (``async with`` on
    the async client): sends on entering, closes the response on leaving."""

    def __init__(self, send: Callable[[], Any]) -> None:
        self._send = send
        self._response: Optional[AsyncStreamedResponse[T]] = None

    async def __aenter__(self) -> AsyncStreamedResponse[T]:
        self._response = await self._send()
        return self._response

    async def __aexit__(self, *exc_info: object) -> None:
        if self._response is not None:
            await self._response.close()


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class StreamedResponse(_Body, Generic[T]):
    """A response not read yet (``with_streaming_response``): read it in pieces with
    ``iter_bytes()`` or ``stream_to_file(path)``, or whole with ``read()`` / ``parse()``."""

    def __init__(self, response: httpx.Response, parse: Callable[[], T]) -> None:
        super().__init__(response)
        self._parse = parse

    def read(self) -> bytes:
        try:
            return self.http_response.read()
        except _HTTPX_ERRORS as exc:
            failure = _read_error(exc, self.http_response)
        raise failure

    def text(self) -> str:
        self.read()
        return self.http_response.text

    def json(self) -> Any:
        self.read()
        return load_json(self.http_response)

    def parse(self) -> T:
        """The typed result, as the plain call returns it."""
        self.read()
        return self._parse()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        """The body in pieces as it arrives (decoded per Content-Encoding)."""
        return self._guarded(self.http_response.iter_bytes(chunk_size))

    def iter_raw(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        return self._guarded(self.http_response.iter_raw(chunk_size))

    def iter_text(self, chunk_size: Optional[int] = None) -> Iterator[str]:
        return self._guarded(self.http_response.iter_text(chunk_size))

    def iter_lines(self) -> Iterator[str]:
        return self._guarded(self.http_response.iter_lines())

    def _guarded(self, pieces: Iterator[Any]) -> Iterator[Any]:
        response = self.http_response
        while True:
            try:
                piece = pieces.__next__()
            except StopIteration:
                return
            except _HTTPX_ERRORS as exc:
                failure = _read_error(exc, response)
                break
            yield piece
        raise failure

    def stream_to_file(
        self,
        file: Union[FileTarget, IO[bytes]],
        *,
        chunk_size: Optional[int] = None,
        on_progress: Optional[OnProgress] = None,
    ) -> None:
        """Write the body to a path or a binary file object as it arrives (on the async
        client, the file is written in a worker thread)."""
        chunks = self.http_response.iter_bytes(chunk_size)
        total = _total(self.http_response)
        _write(file, chunks, total, on_progress, self.http_response)

    write_to_file = stream_to_file

    def close(self) -> None:
        self.http_response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class StreamedResponseManager(Generic[T]):
    """``with resource.with_streaming_response.method(...) as response:`` (``with`` on
    the async client): sends on entering, closes the response on leaving."""

    def __init__(self, send: Callable[[], Any]) -> None:
        self._send = send
        self._response: Optional[StreamedResponse[T]] = None

    def __enter__(self) -> StreamedResponse[T]:
        self._response = self._send()
        return self._response

    def __exit__(self, *exc_info: object) -> None:
        if self._response is not None:
            self._response.close()
