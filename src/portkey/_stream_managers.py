"""What the two stream helpers (``_stream_chat``, ``_stream_responses``) share: reading
partial JSON as openai-python's jiter does, and the lazy link to ``_structured``."""

from __future__ import annotations

import json
import re
from typing import Any, AsyncGenerator, Generator, Generic, Tuple, TypeVar

from typing_extensions import Self

from ._types import NotGiven

__all__ = ["parse_partial_json"]


# Partial JSON: what a prefix of a JSON text already says (jiter's partial_mode=True rules:
# an unfinished string, number or literal is left out, with its key; open containers are
# kept with what they hold so far).

_MISSING: Any = object()
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_NUMBER_PREFIX = re.compile(r"-?[0-9]*\.?[0-9]*(?:[eE][-+]?[0-9]*)?")
_WS = re.compile(r"[ \t\n\r]*")
_LITERALS = (("true", True), ("false", False), ("null", None))
_scanstring: Any = json.decoder.scanstring  # type: ignore[attr-defined]


def _partial_value(s: str, i: int) -> Tuple[Any, int, bool]:
    """(value, end, finished); value is _MISSING when nothing usable was read."""
    i = _WS.match(s, i).end()  # type: ignore[union-attr]
    if i == len(s):
        return _MISSING, i, False
    char = s[i]
    if char == "{" or char == "[":
        return _partial_container(s, i)
    if char == '"':
        try:
            text, end = _scanstring(s, i + 1)
        except ValueError as exc:
            # Cut off inside the string (or inside one of its escapes): unfinished.
            message = str(exc)
            if message.startswith("Unterminated") or (
                message.startswith("Invalid \\u") and len(s) - getattr(exc, "pos", 0) <= 6
            ):
                return _MISSING, len(s), False
            raise
        return text, end, True
    for word, value in _LITERALS:
        if s.startswith(word, i):
            return value, i + len(word), True
        if word.startswith(s[i:]):
            return _MISSING, len(s), False
    number = _NUMBER.match(s, i)
    prefix = _NUMBER_PREFIX.match(s, i)
    if prefix is not None and prefix.end() == len(s) and (number is None or number.end() < len(s)):
        return _MISSING, len(s), False  # "1.", "-", "1e": unfinished
    if number is None:
        raise ValueError(f"not JSON at {i}")
    text = number.group()
    return (float(text) if any(c in text for c in ".eE") else int(text)), number.end(), True


def _partial_container(s: str, i: int) -> Tuple[Any, int, bool]:
    is_object = s[i] == "{"
    result: Any = {} if is_object else []
    close = "}" if is_object else "]"
    i += 1
    while True:
        i = _WS.match(s, i).end()  # type: ignore[union-attr]
        if i == len(s):
            return result, i, False
        if s[i] == close:
            return result, i + 1, True
        key = None
        if is_object:
            key, i, finished = _partial_value(s, i)
            if not finished:
                return result, len(s), False
            if type(key) is not str:
                raise ValueError("object key is not a string")
            i = _WS.match(s, i).end()  # type: ignore[union-attr]
            if i == len(s):
                return result, i, False
            if s[i] != ":":
                raise ValueError(f"expected ':' at {i}")
            i += 1
        value, i, finished = _partial_value(s, i)
        if value is not _MISSING and (finished or isinstance(value, (dict, list))):
            if is_object:
                result[key] = value
            else:
                result.append(value)
        if not finished:
            return result, len(s), False
        i = _WS.match(s, i).end()  # type: ignore[union-attr]
        if i < len(s) and s[i] == ",":
            i += 1
        elif i < len(s) and s[i] != close:
            raise ValueError(f"expected ',' or {close!r} at {i}")


def parse_partial_json(text: str) -> Any:
    """The value a (possibly unfinished) JSON text holds so far; None if it holds nothing
    yet or is not JSON (the finished text gets the strict parse and its error)."""
    try:
        value, end, _ = _partial_value(text, 0)
    except (ValueError, RecursionError):
        return None
    if value is _MISSING or _WS.match(text, end).end() != len(text):  # type: ignore[union-attr]
        return None
    return value


# Structured parsing: ``_structured`` (classes as response formats and tools) when present.


def _structured() -> Any:
    try:
        from . import _structured as module
    except ImportError:  # not in this build
        return None
    return module


def _given(value: Any) -> bool:
    return value is not None and not isinstance(value, NotGiven)


E = TypeVar("E")


class EventStream(Generic[E]):
    """What a sync helper stream shares: iterating its events (a generator over the raw
    stream), and closing, which releases the connection."""

    _raw: Any
    _iterator: Generator[E, None, None]

    def __iter__(self) -> Generator[E, None, None]:
        return self._iterator

    def __next__(self) -> E:
        return next(self._iterator)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading and release the connection."""
        try:
            self._iterator.close()
        finally:
            self._raw.close()

    def until_done(self) -> Self:
        """Read the stream to its end."""
        for _ in self._iterator:
            pass
        return self


class AsyncEventStream(Generic[E]):
    """The asyncio version of :class:`EventStream`."""

    _raw: Any
    _aiterator: AsyncGenerator[E, None]

    def __aiter__(self) -> AsyncGenerator[E, None]:
        return self._aiterator

    async def __anext__(self) -> E:
        return await self._aiterator.__anext__()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Stop reading and release the connection."""
        try:
            await self._aiterator.aclose()
        finally:
            await self._raw.close()

    async def until_done(self) -> Self:
        """Read the stream to its end."""
        async for _ in self._aiterator:
            pass
        return self
