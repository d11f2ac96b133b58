"""Typed event streams: ``Stream`` (sync) and ``AsyncStream`` (asyncio).

Bytes → events (``_sse``) → JSON → typed items (the one converter). All the decisions live in
``_StreamState`` (``_stream_state.py``, no I/O); the two stream classes here only read bytes,
drain, and close the response.

- ``data: [DONE]`` ends the stream; the rest of the body is then read (a little) so that the
  keep-alive connection goes back to the pool.
- ``event: error`` or ``data: {"error": ...}`` raises the matching typed error, after the items
  that came before it.
- A body that ends without ``[DONE]``, a ``finish_reason`` or a final event
  (``response.completed``/``incomplete``/``failed``, ``message_stop``), or in the middle of an
  event, raises ``APIConnectionError``: a cut-off stream is not a success.
- A timeout while reading raises ``APITimeoutError``; a dropped connection
  ``APIConnectionError``. No httpx, json or cattrs exception escapes.
"""

from __future__ import annotations

from typing import (
    TYPE_CHECKING,
    Any,
    AsyncGenerator,
    AsyncIterator,
    Dict,
    Generator,
    Generic,
    Iterator,
    Optional,
    Type,
    TypeVar,
    overload,
)

import httpx
from typing_extensions import Self

from ._errors import APIError
from ._stream_state import _item_text, _Items, _StreamState, not_a_stream

if TYPE_CHECKING:
    from .types.chat import ChatCompletion, ChatCompletionChunk
    from .types.completions import Completion
    from .types.prompts import PromptCompletionChunk
    from .types.responses import Response

__all__ = ["AsyncStream", "Stream", "not_a_stream"]

T = TypeVar("T")

# After [DONE], read at most this much more so the connection can be reused.
_DRAIN_LIMIT = 64 * 1024
# ... and for at most this long: the rest of a finished body arrives at once, or not at all.
_DRAIN_SECONDS = 0.1
_HTTPX_ERRORS = (httpx.HTTPError, httpx.StreamError)


def _close(response: httpx.Response) -> None:
    """Close the response; a connection that fails while closing is of no concern then."""
    try:
        response.close()
    except _HTTPX_ERRORS:
        pass


async def _aclose(response: httpx.Response) -> None:
    try:
        await response.aclose()
    except _HTTPX_ERRORS:
        pass


def _body(response: httpx.Response) -> Iterator[bytes]:
    """The reads of the body. Without a content encoding the raw reads are the body:
    ``iter_bytes()`` would only add a pass-through layer (a generator, an identity decoder and
    a chunker per read)."""
    if "content-encoding" in response.headers or response.is_stream_consumed:
        return response.iter_bytes()  # decoded; or the content read earlier
    return response.iter_raw()


def _abody(response: httpx.Response) -> AsyncIterator[bytes]:
    """Async version of :func:`_body`."""
    if "content-encoding" in response.headers or response.is_stream_consumed:
        return response.aiter_bytes()
    return response.aiter_raw()


def _drain(response: httpx.Response, body: Iterator[bytes]) -> None:
    """After [DONE]: read what is left (normally just the end of the body) so that the
    connection goes back to the pool instead of being closed; within a deadline, so a server
    that keeps the body open cannot hold the caller's loop (``_watchdog.py``)."""
    from . import _watchdog

    sock = _watchdog.socket_of(response)
    token = _watchdog.arm(sock, _DRAIN_SECONDS) if sock is not None else None
    try:
        drained = 0
        for rest in body:
            drained += len(rest)
            if drained > _DRAIN_LIMIT:
                break
    except Exception:
        pass  # the answer is complete: a failure after [DONE] is not the caller's
    finally:
        if token is not None:
            _watchdog.disarm(token)


async def _adrain(body: AsyncIterator[bytes]) -> None:
    """Async version of :func:`_drain`, bounded by a cancel scope."""
    import anyio  # httpx's own dependency, already imported by its transport

    try:
        with anyio.move_on_after(_DRAIN_SECONDS):
            drained = 0
            async for rest in body:
                drained += len(rest)
                if drained > _DRAIN_LIMIT:
                    break
    except Exception:
        pass


def _items(state: _StreamState[T]) -> Generator[T, None, None]:
    """The items of a sync stream, read from its response; sent again, within the call's
    retries, when the connection fails before the first item (``retry_delay``)."""
    while True:
        response = state.response
        body = _body(response)
        feed = state.feed
        failure: Optional[APIError] = None
        delay: Optional[float] = None
        try:
            try:
                for raw in body:
                    got = feed(raw)
                    if type(got) is not _Items:
                        yield got  # type: ignore[misc]  # the usual read: one item
                        continue
                    yield from got
                    if state.stopped:
                        break
                else:
                    state.end()
            except _HTTPX_ERRORS as exc:
                delay = state.retry_delay(exc)
                if delay is None:
                    failure = state.transport_error(exc)
            if delay is None:
                state.raise_failure(failure)  # outside the except block, on purpose
                _drain(response, body)
        finally:
            try:
                _close(response)
            finally:
                body.close()  # type: ignore[attr-defined]
        if delay is None:
            return
        state.restart(state.reopen.send(delay))  # raises ours when it cannot


async def _aitems(state: _StreamState[T]) -> AsyncGenerator[T, None]:
    """The items of an async stream (see :func:`_items`)."""
    while True:
        response = state.response
        body = _abody(response)
        feed = state.feed
        failure: Optional[APIError] = None
        delay: Optional[float] = None
        try:
            try:
                async for raw in body:
                    got = feed(raw)
                    if type(got) is not _Items:
                        yield got  # type: ignore[misc]  # the usual read: one item
                        continue
                    for item in got:
                        yield item
                    if state.stopped:
                        break
                else:
                    state.end()
            except _HTTPX_ERRORS as exc:
                delay = state.retry_delay(exc)
                if delay is None:
                    failure = state.transport_error(exc)
            if delay is None:
                state.raise_failure(failure)  # outside the except block, on purpose
                await _adrain(body)
        finally:
            try:
                await _aclose(response)  # httpcore shields this from cancellation
            finally:
                await body.aclose()  # type: ignore[attr-defined]
        if delay is None:
            return
        state.restart(await state.reopen.send(delay))


class _StreamBase(Generic[T]):
    __slots__ = ("_state",)

    def __init__(self, cast: Type[T], response: httpx.Response, reopen: Any = None) -> None:
        self._state = _StreamState(cast, response, reopen)

    @property
    def response(self) -> httpx.Response:
        """The HTTP response being read."""
        return self._state.response

    def get_headers(self) -> Dict[str, str]:
        """The ``x-portkey-*`` response headers without the prefix (``{"trace-id": ...}``)."""
        return dict(self._state._headers)

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

    __slots__ = ("_iterator",)

    def __init__(self, cast: Type[T], response: httpx.Response, reopen: Any = None) -> None:
        super().__init__(cast, response, reopen)
        # A function of the state, not a method: the generator must not refer back to the
        # stream, or a dropped stream would wait for the cycle collector, which may run it
        # (and close the response, taking httpcore's pool lock) inside a later request that
        # holds that lock: a deadlock. Without the cycle a dropped stream closes at once.
        self._iterator: Generator[T, None, None] = _items(self._state)

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
        try:
            self._iterator.close()
        except ValueError:
            pass  # "generator already executing" (closed from another thread)
        finally:
            _close(self.response)

    def text_deltas(self) -> Iterator[str]:
        """The text as it arrives (empty pieces skipped): the first choice's ``delta``
        content of a chat chunk or ``text`` of a text completion piece, or the ``delta`` of a
        Responses ``response.output_text.delta`` event."""
        for item in self:
            text = _item_text(item)
            if text is not None:
                yield text

    def get_final_response(self) -> Response:
        """Read the rest of a Responses stream and return the ``Response`` its final event
        (``response.completed``, ``.incomplete`` or ``.failed``) carries."""
        for _ in self:
            pass
        return self._state.final_response()  # type: ignore[no-any-return]

    @overload
    def get_final_completion(self: Stream[Completion]) -> Completion: ...
    @overload
    def get_final_completion(self: Stream[ChatCompletionChunk]) -> ChatCompletion: ...
    @overload
    def get_final_completion(self: Stream[PromptCompletionChunk]) -> ChatCompletion: ...
    def get_final_completion(self) -> Any:
        """Read the rest of the stream and assemble the whole ``ChatCompletion`` (a
        ``Completion`` for a text-completion stream).

        Raises ``APIConnectionError`` if the stream was closed or failed before it completed.
        """
        for _ in self:
            pass
        return self._state.final_completion()


class AsyncStream(_StreamBase[T]):
    """An asyncio stream of typed items; ``async for`` it, or ``async with`` it."""

    __slots__ = ("_aiterator",)

    def __init__(self, cast: Type[T], response: httpx.Response, reopen: Any = None) -> None:
        super().__init__(cast, response, reopen)
        self._aiterator: AsyncGenerator[T, None] = _aitems(self._state)  # no cycle: see Stream

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
        try:
            await self._aiterator.aclose()
        except RuntimeError:
            pass  # "already running" (closed from another task while it reads)
        finally:
            await _aclose(self.response)

    async def text_deltas(self) -> AsyncIterator[str]:
        """The text as it arrives (see ``Stream.text_deltas``)."""
        async for item in self:
            text = _item_text(item)
            if text is not None:
                yield text

    async def get_final_response(self) -> Response:
        """Read the rest of a Responses stream and return its final ``Response``."""
        async for _ in self:
            pass
        return self._state.final_response()  # type: ignore[no-any-return]

    @overload
    async def get_final_completion(self: AsyncStream[Completion]) -> Completion: ...
    @overload
    async def get_final_completion(
        self: AsyncStream[ChatCompletionChunk],
    ) -> ChatCompletion: ...
    @overload
    async def get_final_completion(
        self: AsyncStream[PromptCompletionChunk],
    ) -> ChatCompletion: ...
    async def get_final_completion(self) -> Any:
        """Read the rest of the stream and assemble the whole ``ChatCompletion`` (a
        ``Completion`` for a text-completion stream).

        Raises ``APIConnectionError`` if the stream was closed or failed before it completed.
        """
        async for _ in self:
            pass
        return self._state.final_completion()
