"""Typed event streams: ``Stream`` (sync) and ``AsyncStream`` (asyncio).

Bytes → events (``_sse``) → JSON → typed items (the one converter). All the decisions live in
``_StreamState`` (no I/O); the two stream classes only read bytes and close the response.

- ``data: [DONE]`` ends the stream; the rest of the body is then read (a little) so that the
  keep-alive connection goes back to the pool.
- ``event: error`` or ``data: {"error": ...}`` raises the matching typed error.
- A body that ends without ``[DONE]`` and without a ``finish_reason`` raises
  ``APIConnectionError``: a cut-off stream is not a success.
- A timeout while reading raises ``APITimeoutError``; a dropped connection
  ``APIConnectionError``. No httpx, json or cattrs exception escapes.
"""

from __future__ import annotations

import json
from typing import (
    Any,
    AsyncGenerator,
    AsyncIterator,
    Callable,
    Dict,
    Generator,
    Generic,
    Iterator,
    List,
    Type,
    TypeVar,
)

import httpx
from typing_extensions import Self

from ._convert import structure_hook
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    error_message,
    status_error,
)
from ._response import portkey_headers
from ._sse import SSEDecoder

__all__ = ["AsyncStream", "Stream"]

T = TypeVar("T")

# After [DONE], read at most this much more so the connection can be reused.
_DRAIN_LIMIT = 64 * 1024
_HTTPX_ERRORS = (httpx.HTTPError, httpx.StreamError)


_scan_once = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _loads(data: str) -> Any:
    """``json.loads`` without its wrapper layers: the C scanner straight on the event data.

    Anything unusual (leading whitespace, invalid JSON) goes through ``json.loads`` for the
    exact standard behaviour and error.
    """
    try:
        value, end = _scan_once(data, 0)
    except StopIteration:
        return json.loads(data)
    if end != len(data) and data[end:].strip(" \t\n\r"):
        return json.loads(data)  # raises "Extra data"
    return value


def _completed(items: List[Any]) -> bool:
    """Whether the items already show a finished answer (a finish_reason), scanning back."""
    for item in reversed(items):
        for choice in getattr(item, "choices", None) or ():
            if getattr(choice, "finish_reason", None):
                return True
    return False


class _StreamState(Generic[T]):
    """Everything a stream decides, for both stream classes: no I/O here."""

    __slots__ = (
        "_headers",
        "_structure",
        "cast",
        "chunks",
        "decoder",
        "done",
        "response",
    )

    def __init__(self, cast: Type[T], response: httpx.Response) -> None:
        self.cast = cast
        self.response = response
        self.decoder = SSEDecoder()
        self.done = False  # saw [DONE]
        self.chunks: List[T] = []
        self._headers = portkey_headers(response.headers)
        self._structure: Callable[[Any, Any], T] = structure_hook(cast)

    def feed(self, raw: bytes) -> List[T]:
        """The items completed by one read of the body (the per-chunk hot path)."""
        items: List[Any] = []
        if self.done:
            return items
        structure = self._structure
        cast = self.cast
        headers = self._headers
        for event in self.decoder.feed(raw):
            data = event.data
            if data.startswith("[DONE]"):
                self.done = True
                break
            try:
                payload = _loads(data)
            except ValueError:
                raise self._bad_data(event.event, data) from None
            if event.event != "message" or type(payload) is not dict or "error" in payload:
                item = self._unusual(event.event, payload)
                if item is None:
                    continue
            else:
                try:
                    item = structure(payload, cast)
                except Exception as exc:
                    raise self._bad_shape(payload, exc) from None
            item._headers = headers
            items.append(item)
        self.chunks.extend(items)
        return items

    def _unusual(self, event: str, payload: Any) -> Any:
        """An event that is not a plain data message: an error, another event type, ..."""
        if event == "error" or (type(payload) is dict and payload.get("error") is not None):
            raise self._error(payload)
        if event not in ("message", "completion") and (
            type(payload) is not dict or ("object" not in payload and "choices" not in payload)
        ):
            return None  # an event type this stream does not carry (ping, ...)
        try:
            return self._structure(payload, self.cast)
        except Exception as exc:
            raise self._bad_shape(payload, exc) from None

    def _bad_data(self, event: str, data: str) -> APIError:
        if event == "error":
            return self._error({"error": {"message": data}})
        return APIResponseValidationError(
            f"A stream event's data is not valid JSON: {data[:200]!r}",
            response=self.response,
            body=data,
        )

    def _bad_shape(self, payload: Any, exc: Exception) -> APIError:
        return APIResponseValidationError(
            f"A stream event does not have the shape of {self.cast.__name__}: {exc}",
            response=self.response,
            body=payload,
        )

    def _error(self, payload: Any) -> APIError:
        """The typed error for an error event, by the status it names if any."""
        error = payload.get("error") if isinstance(payload, dict) else None
        status = None
        if isinstance(error, dict):
            for key in ("status", "status_code", "code"):
                value = error.get(key)
                if isinstance(value, int) and 400 <= value <= 599:
                    status = value
                    break
        if status is not None:
            response = httpx.Response(
                status,
                headers=self.response.headers,
                content=json.dumps(payload).encode(),
                request=self.response.request,
            )
            return status_error(response)
        message = error_message(payload) or "The stream reported an error."
        return APIError(message, self.response.request, body=payload)

    def end(self) -> None:
        """The body ended: a stream cut short is an error, not a success."""
        self.decoder.close()
        if not self.done and not _completed(self.chunks):
            raise APIConnectionError(
                "The stream ended before it completed (no [DONE], no finish_reason).",
                self.response.request,
            )

    def transport_error(self, exc: Exception) -> APIError:
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError("Timed out while reading the stream.", self.response.request)
        detail = str(exc) or type(exc).__name__
        return APIConnectionError(f"The stream broke: {detail}", self.response.request)

    def final_completion(self) -> Any:
        from ._accumulate import accumulate_chat

        return accumulate_chat(self.chunks)


class _StreamBase(Generic[T]):
    __slots__ = ("_state", "response")

    def __init__(self, cast: Type[T], response: httpx.Response) -> None:
        self.response = response
        self._state = _StreamState(cast, response)

    def get_headers(self) -> Dict[str, str]:
        """The ``x-portkey-*`` headers of the response."""
        return portkey_headers(self.response.headers)

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    @property
    def status_code(self) -> int:
        return self.response.status_code


class Stream(_StreamBase[T]):
    """A synchronous stream of typed items; iterate it, then it closes itself.

    Leave early with ``close()`` or by using it as a context manager.
    """

    def __init__(self, cast: Type[T], response: httpx.Response) -> None:
        super().__init__(cast, response)
        self._iterator: Generator[T, None, None] = self._iter()

    def _iter(self) -> Generator[T, None, None]:
        state = self._state
        try:
            body = self.response.iter_bytes()
            for raw in body:
                yield from state.feed(raw)
                if state.done:
                    drained = 0
                    for rest in body:
                        drained += len(rest)
                        if drained > _DRAIN_LIMIT:
                            break
                    return
            state.end()
        except _HTTPX_ERRORS as exc:
            raise state.transport_error(exc) from None
        finally:
            self.response.close()

    def __iter__(self) -> Iterator[T]:
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading and release the connection."""
        self._iterator.close()
        self.response.close()

    def text_deltas(self) -> Iterator[str]:
        """The text of the first choice as it arrives (empty pieces skipped)."""
        for chunk in self:
            choices = getattr(chunk, "choices", None)
            if choices:
                delta = choices[0].delta
                if delta is not None and delta.content:
                    yield delta.content

    def get_final_completion(self) -> Any:
        """Read the rest of the stream and assemble the whole ``ChatCompletion``."""
        for _ in self:
            pass
        return self._state.final_completion()


class AsyncStream(_StreamBase[T]):
    """An asyncio stream of typed items; ``async for`` it, or ``async with`` it."""

    def __init__(self, cast: Type[T], response: httpx.Response) -> None:
        super().__init__(cast, response)
        self._aiterator: AsyncGenerator[T, None] = self._iter()

    async def _iter(self) -> AsyncGenerator[T, None]:
        state = self._state
        try:
            body = self.response.aiter_bytes()
            async for raw in body:
                for item in state.feed(raw):
                    yield item
                if state.done:
                    drained = 0
                    async for rest in body:
                        drained += len(rest)
                        if drained > _DRAIN_LIMIT:
                            break
                    return
            state.end()
        except _HTTPX_ERRORS as exc:
            raise state.transport_error(exc) from None
        finally:
            await self.response.aclose()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._aiterator

    async def __anext__(self) -> T:
        return await self._aiterator.__anext__()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Stop reading and release the connection."""
        await self._aiterator.aclose()
        await self.response.aclose()

    async def text_deltas(self) -> AsyncIterator[str]:
        """The text of the first choice as it arrives (empty pieces skipped)."""
        async for chunk in self:
            choices = getattr(chunk, "choices", None)
            if choices:
                delta = choices[0].delta
                if delta is not None and delta.content:
                    yield delta.content

    async def get_final_completion(self) -> Any:
        """Read the rest of the stream and assemble the whole ``ChatCompletion``."""
        async for _ in self:
            pass
        return self._state.final_completion()
