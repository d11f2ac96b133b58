"""``responses.stream(...)``: the Responses event stream with openai-python's additions.

``ResponseStreamState`` decides everything (no I/O), as openai-python's of the same name: each
event of the stream is given on, except four that are given richer:
- ``response.output_text.delta`` gains ``snapshot``, the text of its content part so far;
- ``response.output_text.done`` gains ``parsed``, the text parsed into ``text_format``;
- ``response.function_call_arguments.delta`` gains ``snapshot``, the arguments so far;
- ``response.completed`` carries the response parsed (``output_parsed``, tool arguments)
  when a ``text_format`` class or strict tools were given.
With ``starting_after`` (resuming a background response) the events up to that sequence
number are read but not given. The streams only read events from our ``Stream``/``AsyncStream``.

Unlike openai-python, a stream that does not begin with ``response.created`` (a resumed one)
is not an error here: the snapshots start from the first delta seen.
"""

from __future__ import annotations

from typing import (
    TYPE_CHECKING,
    Any,
    AsyncGenerator,
    Awaitable,
    Callable,
    Dict,
    Generator,
    Generic,
    List,
    Optional,
    Tuple,
    Type,
    TypeVar,
    Union,
)

import attrs

from ._errors import APIConnectionError, APIError
from ._models import BaseModel
from ._stream_managers import AsyncEventStream, EventStream, _given, _structured

if TYPE_CHECKING:
    from ._streaming import AsyncStream, Stream

__all__ = [
    "AsyncResponseStream",
    "AsyncResponseStreamManager",
    "ResponseCompletedEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseStream",
    "ResponseStreamManager",
    "ResponseStreamState",
    "ResponseTextDeltaEvent",
    "ResponseTextDoneEvent",
]

TextFormatT = TypeVar("TextFormatT")
E = TypeVar("E", bound=BaseModel)


# The four events given richer. Their fields are the spec's for the event, plus openai-python's.


@attrs.define(eq=False)
class ResponseTextDeltaEvent(BaseModel):
    """A piece of output text; ``snapshot`` is the text of its content part so far."""

    content_index: int = 0
    delta: str = ""
    item_id: Optional[str] = None
    output_index: int = 0
    sequence_number: int = 0
    logprobs: Optional[List[Any]] = None
    obfuscation: Optional[str] = None
    snapshot: str = ""
    type: str = "response.output_text.delta"


@attrs.define(eq=False)
class ResponseTextDoneEvent(BaseModel, Generic[TextFormatT]):
    """A content part's whole text; ``parsed`` is it parsed into ``text_format`` if given."""

    content_index: int = 0
    item_id: Optional[str] = None
    output_index: int = 0
    sequence_number: int = 0
    text: str = ""
    logprobs: Optional[List[Any]] = None
    parsed: Optional[TextFormatT] = None
    type: str = "response.output_text.done"


@attrs.define(eq=False)
class ResponseFunctionCallArgumentsDeltaEvent(BaseModel):
    """A piece of a function call's arguments; ``snapshot`` is the arguments so far."""

    delta: str = ""
    item_id: Optional[str] = None
    output_index: int = 0
    sequence_number: int = 0
    obfuscation: Optional[str] = None
    snapshot: str = ""
    type: str = "response.function_call_arguments.delta"


@attrs.define(eq=False)
class ResponseCompletedEvent(BaseModel, Generic[TextFormatT]):
    """The response is complete; ``response`` is parsed when a format or tools were given."""

    response: Any = None
    sequence_number: int = 0
    type: str = "response.completed"


def _extend(cls: Type[E], event: Any, **added: Any) -> E:
    """``event`` as an instance of ``cls``: its fields (known or not) and headers, plus
    ``added``; a field ``cls`` does not declare stays reachable as an unknown field."""
    data: Dict[str, Any] = dict(getattr(event, "_extra", None) or ())
    if attrs.has(type(event)):
        for field in attrs.fields(type(event)):
            data[field.name] = getattr(event, field.name)
    data.update(added)
    names = attrs.fields_dict(cls)  # type: ignore[arg-type]
    out = cls(**{k: v for k, v in data.items() if k in names})
    out._extra = {k: v for k, v in data.items() if k not in names} or None
    out._headers = getattr(event, "_headers", None)
    return out


def _field(value: Any, name: str) -> Any:
    """A field of a typed object, or of a plain dict (an item type this SDK does not know)."""
    if isinstance(value, dict):
        return value.get(name)
    return getattr(value, name, None)


class ResponseStreamState(Generic[TextFormatT]):
    """Turns Responses events into openai-python's helper events (no I/O)."""

    def __init__(self, *, input_tools: Any = None, text_format: Any = None) -> None:
        self._tools: List[Any] = list(input_tools) if _given(input_tools) else []
        self._text_format = text_format if _given(text_format) else None
        self._texts: Dict[Tuple[int, int], List[str]] = {}
        self._arguments: Dict[int, List[str]] = {}
        self.completed_response: Any = None
        self.last_response: Any = None  # of the last event that carried one (failed, ...)

    def handle_event(self, event: Any) -> List[Any]:
        """The events to give for one event of the stream."""
        kind = getattr(event, "type", None)
        if kind == "response.output_item.added":
            arguments = _field(getattr(event, "item", None), "arguments")
            self._arguments[event.output_index] = [arguments] if type(arguments) is str else []
        elif kind == "response.content_part.added":
            text = _field(getattr(event, "part", None), "text")
            key = (event.output_index, event.content_index)
            self._texts[key] = [text] if type(text) is str else []
        elif kind == "response.output_text.delta":
            pieces = self._texts.setdefault((event.output_index, event.content_index), [])
            pieces.append(event.delta)
            return [_extend(ResponseTextDeltaEvent, event, snapshot="".join(pieces))]
        elif kind == "response.output_text.done":
            parsed = self._parse_text(event.text)
            return [_extend(ResponseTextDoneEvent, event, parsed=parsed)]
        elif kind == "response.function_call_arguments.delta":
            pieces = self._arguments.setdefault(event.output_index, [])
            pieces.append(event.delta)
            return [
                _extend(ResponseFunctionCallArgumentsDeltaEvent, event, snapshot="".join(pieces))
            ]
        elif kind == "response.completed":
            self.completed_response = self.last_response = self._parse(event.response)
            return [_extend(ResponseCompletedEvent, event, response=self.completed_response)]
        response = getattr(event, "response", None)
        if response is not None:
            self.last_response = response
        return [event]

    def _parse_text(self, text: str) -> Any:
        structured = _structured()
        if self._text_format is None or structured is None:
            return None
        return structured.parse_json_into(self._text_format, text)

    def _parse(self, response: Any) -> Any:
        # ``_structured.parse_response`` (``output_parsed``, tool arguments) once it exists.
        parse_response = getattr(_structured(), "parse_response", None)
        if parse_response is None:
            return response
        return parse_response(response, text_format=self._text_format, tools=self._tools)


# The streams and their managers: reading only; the state above decides.


def _events(
    raw: Stream[Any], state: ResponseStreamState[Any], starting_after: Optional[int]
) -> Generator[Any, None, None]:
    # A function, not a method: no reference cycle back to the wrapper (see Stream).
    for raw_event in raw:
        for event in state.handle_event(raw_event):
            if starting_after is None or _after(event, starting_after):
                yield event


async def _aevents(
    raw: AsyncStream[Any], state: ResponseStreamState[Any], starting_after: Optional[int]
) -> AsyncGenerator[Any, None]:
    async for raw_event in raw:
        for event in state.handle_event(raw_event):
            if starting_after is None or _after(event, starting_after):
                yield event


def _after(event: Any, starting_after: int) -> bool:
    number = getattr(event, "sequence_number", None)
    return type(number) is not int or number > starting_after


class _StreamBase(Generic[TextFormatT]):
    def __init__(self, raw: Any, state: ResponseStreamState[TextFormatT]) -> None:
        self._raw = raw
        self._state = state

    @property
    def response(self) -> Any:
        """The HTTP response being read (``httpx.Response``)."""
        return self._raw.response

    def _final(self) -> Any:
        response = self._state.completed_response
        if response is not None:
            return response
        request = self._raw.response.request
        if not self._raw._state.complete:
            raise APIConnectionError(
                "The stream was closed or failed before it completed: no final response.",
                request,
            )
        last = self._state.last_response
        status = getattr(last, "status", None)
        raise APIError(
            f"The stream ended without a response.completed event (status {status!r}).",
            request,
            body=last.to_dict() if isinstance(last, BaseModel) else None,
        )


class ResponseStream(_StreamBase[TextFormatT], EventStream[Any]):
    """A Responses event stream with openai-python's helper events; closes itself when read
    to the end, or on ``close()`` / leaving the ``with`` block."""

    def __init__(
        self,
        raw: Stream[Any],
        state: ResponseStreamState[TextFormatT],
        starting_after: Optional[int] = None,
    ) -> None:
        super().__init__(raw, state)
        self._iterator = _events(raw, state, starting_after)

    def get_final_response(self) -> Any:
        """Read the rest of the stream; the response of its ``response.completed`` event
        (parsed when a ``text_format`` or tools were given).

        Raises ``APIConnectionError`` if the stream was closed or failed before it completed,
        ``APIError`` if it ended without ``response.completed`` (failed, incomplete).
        """
        self.until_done()
        return self._final()


class AsyncResponseStream(_StreamBase[TextFormatT], AsyncEventStream[Any]):
    """The asyncio version of :class:`ResponseStream`."""

    def __init__(
        self,
        raw: AsyncStream[Any],
        state: ResponseStreamState[TextFormatT],
        starting_after: Optional[int] = None,
    ) -> None:
        super().__init__(raw, state)
        self._aiterator = _aevents(raw, state, starting_after)

    async def get_final_response(self) -> Any:
        """Read the rest of the stream; the response of its ``response.completed`` event
        (see :meth:`ResponseStream.get_final_response`)."""
        await self.until_done()
        return self._final()


class ResponseStreamManager(Generic[TextFormatT]):
    """``with client.responses.stream(...) as stream: for event in stream: ...``

    ``api_request`` opens the event stream (``create(..., stream=True)``, or ``retrieve(...,
    stream=True)`` to resume); it is called on entering the block, and the stream is closed
    on leaving it. Events numbered up to ``starting_after`` are not given.
    """

    def __init__(
        self,
        api_request: Callable[[], Stream[Any]],
        *,
        text_format: Any = None,
        input_tools: Any = None,
        starting_after: Optional[int] = None,
    ) -> None:
        self._api_request = api_request
        self._text_format = text_format
        self._input_tools = input_tools
        self._starting_after = starting_after
        self._stream: Optional[ResponseStream[TextFormatT]] = None

    def __enter__(self) -> ResponseStream[TextFormatT]:
        state: ResponseStreamState[TextFormatT] = ResponseStreamState(
            input_tools=self._input_tools, text_format=self._text_format
        )
        self._stream = ResponseStream(self._api_request(), state, self._starting_after)
        return self._stream

    def __exit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            self._stream.close()


class AsyncResponseStreamManager(Generic[TextFormatT]):
    """``async with client.responses.stream(...) as stream: async for event in stream: ...``

    ``api_request`` is a function returning an awaitable of the event stream (or, as in
    openai-python, the awaitable itself); it is awaited on entering the block.
    """

    def __init__(
        self,
        api_request: Union[Callable[[], Awaitable[AsyncStream[Any]]], Awaitable[AsyncStream[Any]]],
        *,
        text_format: Any = None,
        input_tools: Any = None,
        starting_after: Optional[int] = None,
    ) -> None:
        self._api_request = api_request
        self._text_format = text_format
        self._input_tools = input_tools
        self._starting_after = starting_after
        self._stream: Optional[AsyncResponseStream[TextFormatT]] = None

    async def __aenter__(self) -> AsyncResponseStream[TextFormatT]:
        request = self._api_request
        raw = await (request() if callable(request) else request)
        state: ResponseStreamState[TextFormatT] = ResponseStreamState(
            input_tools=self._input_tools, text_format=self._text_format
        )
        self._stream = AsyncResponseStream(raw, state, self._starting_after)
        return self._stream

    async def __aexit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            await self._stream.close()
