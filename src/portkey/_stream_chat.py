"""``chat.completions.stream(...)``: the chat stream with openai-python's helper events.

``ChatCompletionStreamState`` decides everything (no I/O): it takes each chunk, joins it into
the completion so far (the one accumulator of ``_accumulate``) and returns the events to give,
named and shaped as openai-python's (``chunk``, ``content.delta``, ``content.done``,
``refusal.delta``/``done``, ``tool_calls.function.arguments.delta``/``done``,
``logprobs.content.delta``/``done``, ``logprobs.refusal.delta``/``done``). The sync and async
streams only read chunks from our ``Stream``/``AsyncStream`` and hand them to it; the managers
open the stream on ``with``/``async with`` and close it on the way out.

Where this differs from openai-python, on purpose:
- the snapshot is joined by ``_accumulate`` (tool calls by index, a repeated id or name not
  doubled, the last usage given kept), so ``get_final_completion()`` equals what
  ``Stream.get_final_completion()`` gives for the same chunks;
- the snapshot of each ``chunk`` event is a new object (openai-python mutates one);
- partial JSON (``content.delta``'s ``parsed``, a strict tool's ``parsed_arguments`` while it
  streams) is read by a small parser here, with jiter's ``partial_mode=True`` rules.
"""

from __future__ import annotations

import json
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncGenerator,
    Awaitable,
    Callable,
    Dict,
    Generator,
    Generic,
    Iterable,
    List,
    Mapping,
    Optional,
    Set,
    TypeVar,
    Union,
)

import attrs

from ._accumulate import ChatAccumulator
from ._errors import APIConnectionError
from ._models import BaseModel
from ._stream_managers import (
    AsyncEventStream,
    EventStream,
    _given,
    _structured,
    parse_partial_json,
)
from .types.chat import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionTokenLogprob,
    Function,
)

if TYPE_CHECKING:
    from ._streaming import AsyncStream, Stream

__all__ = [
    "AsyncChatCompletionStream",
    "AsyncChatCompletionStreamManager",
    "ChatCompletionStream",
    "ChatCompletionStreamEvent",
    "ChatCompletionStreamManager",
    "ChatCompletionStreamState",
    "ChunkEvent",
    "ContentDeltaEvent",
    "ContentDoneEvent",
    "FunctionToolCallArgumentsDeltaEvent",
    "FunctionToolCallArgumentsDoneEvent",
    "LogprobsContentDeltaEvent",
    "LogprobsContentDoneEvent",
    "LogprobsRefusalDeltaEvent",
    "LogprobsRefusalDoneEvent",
    "RefusalDeltaEvent",
    "RefusalDoneEvent",
]

ResponseFormatT = TypeVar("ResponseFormatT")
Logprobs = List[ChatCompletionTokenLogprob]


# Events (openai-python's lib/streaming/chat/_events.py)


@attrs.define(eq=False)
class ChunkEvent(BaseModel):
    """Every chunk, with the completion joined so far."""

    chunk: ChatCompletionChunk
    snapshot: ChatCompletion
    type: str = "chunk"


@attrs.define(eq=False)
class ContentDeltaEvent(BaseModel):
    """A chunk's ``delta.content``; ``parsed`` is the JSON so far when a class was given as
    ``response_format``."""

    delta: str
    snapshot: str
    parsed: Optional[Any] = None
    type: str = "content.delta"


@attrs.define(eq=False)
class ContentDoneEvent(BaseModel, Generic[ResponseFormatT]):
    """The whole content, parsed into the ``response_format`` class if one was given."""

    content: str
    parsed: Optional[ResponseFormatT] = None
    type: str = "content.done"


@attrs.define(eq=False)
class RefusalDeltaEvent(BaseModel):
    delta: str
    snapshot: str
    type: str = "refusal.delta"


@attrs.define(eq=False)
class RefusalDoneEvent(BaseModel):
    refusal: str
    type: str = "refusal.done"


@attrs.define(eq=False)
class FunctionToolCallArgumentsDeltaEvent(BaseModel):
    """A piece of a function tool call's arguments (``arguments`` is the JSON string so far)."""

    name: Optional[str]
    index: int
    arguments: str
    parsed_arguments: Optional[Any]
    arguments_delta: str
    type: str = "tool_calls.function.arguments.delta"


@attrs.define(eq=False)
class FunctionToolCallArgumentsDoneEvent(BaseModel):
    """A function tool call's whole arguments; parsed for a strict (or class-built) tool."""

    name: Optional[str]
    index: int
    arguments: str
    parsed_arguments: Optional[Any]
    type: str = "tool_calls.function.arguments.done"


@attrs.define(eq=False)
class LogprobsContentDeltaEvent(BaseModel):
    content: Logprobs
    snapshot: Logprobs
    type: str = "logprobs.content.delta"


@attrs.define(eq=False)
class LogprobsContentDoneEvent(BaseModel):
    content: Logprobs
    type: str = "logprobs.content.done"


@attrs.define(eq=False)
class LogprobsRefusalDeltaEvent(BaseModel):
    refusal: Logprobs
    snapshot: Logprobs
    type: str = "logprobs.refusal.delta"


@attrs.define(eq=False)
class LogprobsRefusalDoneEvent(BaseModel):
    refusal: Logprobs
    type: str = "logprobs.refusal.done"


ChatCompletionStreamEvent = Union[
    ChunkEvent,
    ContentDeltaEvent,
    ContentDoneEvent[ResponseFormatT],
    RefusalDeltaEvent,
    RefusalDoneEvent,
    FunctionToolCallArgumentsDeltaEvent,
    FunctionToolCallArgumentsDoneEvent,
    LogprobsContentDeltaEvent,
    LogprobsContentDoneEvent,
    LogprobsRefusalDeltaEvent,
    LogprobsRefusalDoneEvent,
]


def _rich(response_format: Any) -> bool:
    """A class to parse into (openai-python: anything given that is not a param dict)."""
    return _given(response_format) and not isinstance(response_format, Mapping)


def _input_tool(tools: List[Any], name: Optional[str]) -> Optional[Mapping[str, Any]]:
    for tool in tools:
        if isinstance(tool, Mapping) and tool.get("type") == "function":
            function = tool.get("function")
            if isinstance(function, Mapping) and function.get("name") == name:
                return tool
    return None


def _strict(tool: Any) -> bool:
    if not isinstance(tool, Mapping) or tool.get("type") != "function":
        return False
    function = tool.get("function")
    return isinstance(function, Mapping) and bool(function.get("strict"))


def _strict_tool(tools: List[Any], name: Optional[str]) -> bool:
    return _strict(_input_tool(tools, name))


# The state machine


class _ChoiceEvents:
    """What one choice has already announced (openai-python's ChoiceEventState)."""

    __slots__ = (
        "content_done",
        "content_seen",
        "current_tool",
        "done_tools",
        "logprobs_content_done",
        "logprobs_content_seen",
        "logprobs_refusal_done",
        "logprobs_refusal_seen",
        "parsed",
        "refusal_done",
        "refusal_seen",
    )

    def __init__(self) -> None:
        self.content_seen = False  # a content string came (maybe ""): delta events follow
        self.refusal_seen = False
        self.content_done = False
        self.refusal_done = False
        self.logprobs_content_done = False
        self.logprobs_refusal_done = False
        self.logprobs_content_seen = False  # a logprobs.content list came (maybe [])
        self.logprobs_refusal_seen = False
        self.done_tools: Set[int] = set()
        self.current_tool: Optional[int] = None
        self.parsed: Any = None  # the content's JSON so far, then its parsed value


class ChatCompletionStreamState(Generic[ResponseFormatT]):
    """Turns chat chunks into helper events and the completion so far (no I/O).

    Usable on its own: ``for chunk in stream: events = state.handle_chunk(chunk)``.
    """

    def __init__(self, *, input_tools: Any = None, response_format: Any = None) -> None:
        self._tools: List[Any] = list(input_tools) if _given(input_tools) else []
        self._response_format = response_format if _given(response_format) else None
        self._rich = _rich(response_format)
        # A class or a strict tool to parse into: a cut-off answer is then an error, mid-stream.
        self._parseable = self._rich or any(_strict(tool) for tool in self._tools)
        self._accumulator = ChatAccumulator()
        self._choices: Dict[int, _ChoiceEvents] = {}
        self._snapshot: Optional[ChatCompletion] = None

    @property
    def current_completion_snapshot(self) -> ChatCompletion:
        """The completion joined from the chunks so far."""
        if self._snapshot is None:
            self._snapshot = self._accumulator.completion()
        return self._snapshot

    def get_final_completion(self) -> ChatCompletion:
        """The completion of every chunk given, parsed when a class was given as
        ``response_format`` or strict tools were given (call it once the stream is done)."""
        completion = self.current_completion_snapshot
        structured = _structured()
        if structured is None:
            return completion
        # As openai-python: always a ParsedChatCompletion (``message.parsed`` None if no class).
        return structured.parse_chat_completion(  # type: ignore[no-any-return]
            completion, response_format=self._response_format, tools=self._tools
        )

    def handle_chunk(self, chunk: ChatCompletionChunk) -> List[ChatCompletionStreamEvent[Any]]:
        """Join a chunk into the snapshot; the events it gives, in openai-python's order."""
        accumulator = self._accumulator
        accumulator.add(chunk)
        snapshot = self._snapshot = accumulator.completion()
        events: List[Any] = [ChunkEvent(chunk=chunk, snapshot=snapshot)]
        for choice in chunk.choices or ():
            index = choice.index if type(choice.index) is int else 0
            joined = accumulator.choices[index]
            state = self._choices.get(index)
            if state is None:
                state = self._choices[index] = _ChoiceEvents()
            if self._parseable and choice.finish_reason in ("length", "content_filter"):
                self._cut_off(choice.finish_reason, snapshot)
            delta = choice.delta
            tool_deltas = (delta.tool_calls if delta is not None else None) or ()
            if delta is not None and type(delta.content) is str:
                state.content_seen = True
                content = "".join(joined.content)
                if self._rich and not joined.refusal and content.lstrip():
                    state.parsed = parse_partial_json(content)
                events.append(
                    ContentDeltaEvent(delta=delta.content, snapshot=content, parsed=state.parsed)
                )
            if delta is not None and type(delta.refusal) is str:
                state.refusal_seen = True
                events.append(
                    RefusalDeltaEvent(delta=delta.refusal, snapshot="".join(joined.refusal))
                )
            for tool_delta in tool_deltas:
                call = joined.by_index.get(tool_delta.index if type(tool_delta.index) is int else 0)
                if call is None or (call.type or "function") != "function":
                    continue
                arguments = "".join(call.arguments)
                parsed = None
                if arguments and _strict_tool(self._tools, call.name):
                    parsed = parse_partial_json(arguments)
                function = tool_delta.function
                piece = function.arguments if function is not None else None
                events.append(
                    FunctionToolCallArgumentsDeltaEvent(
                        name=call.name,
                        index=call.index,
                        arguments=arguments,
                        parsed_arguments=parsed,
                        arguments_delta=piece if type(piece) is str else "",
                    )
                )
            logprobs = choice.logprobs
            if logprobs is not None:
                state.logprobs_content_seen |= type(logprobs.content) is list
                state.logprobs_refusal_seen |= type(logprobs.refusal) is list
                if logprobs.content and joined.logprobs:
                    events.append(
                        LogprobsContentDeltaEvent(
                            content=logprobs.content, snapshot=list(joined.logprobs)
                        )
                    )
                if logprobs.refusal and joined.refusal_logprobs:
                    events.append(
                        LogprobsRefusalDeltaEvent(
                            refusal=logprobs.refusal, snapshot=list(joined.refusal_logprobs)
                        )
                    )
            self._done_events(events, state, joined, tool_deltas)
        return events

    @staticmethod
    def _cut_off(reason: str, snapshot: ChatCompletion) -> None:
        """A choice stopped by the token limit or the content filter: nothing to parse, as
        openai-python (raised when ``_structured``, which brings these errors, is here)."""
        if _structured() is None:
            return
        from ._errors import ContentFilterFinishReasonError, LengthFinishReasonError

        error = LengthFinishReasonError if reason == "length" else ContentFilterFinishReasonError
        raise error(completion=snapshot)

    def _done_events(
        self, events: List[Any], state: _ChoiceEvents, joined: Any, tool_deltas: Iterable[Any]
    ) -> None:
        """The ``*.done`` events: content (and refusal, logprobs) ends when the first tool call
        starts or a finish reason comes; a tool call ends when the next one starts or a finish
        reason comes."""
        if joined.finish_reason:
            self._content_done(events, state, joined)
            if state.current_tool is not None:
                self._tool_done(events, state, joined, state.current_tool)
        for tool_delta in tool_deltas:
            index = tool_delta.index if type(tool_delta.index) is int else 0
            if state.current_tool != index:
                self._content_done(events, state, joined)
                if state.current_tool is not None:
                    self._tool_done(events, state, joined, state.current_tool)
            state.current_tool = index

    def _content_done(self, events: List[Any], state: _ChoiceEvents, joined: Any) -> None:
        if joined.content and not state.content_done:
            state.content_done = True
            content = "".join(joined.content)
            parsed = None
            structured = _structured()
            if self._rich and not joined.refusal and structured is not None:
                parsed = structured.parse_json_into(self._response_format, content)
            state.parsed = parsed
            events.append(ContentDoneEvent(content=content, parsed=parsed))
        if state.refusal_seen and not state.refusal_done:
            state.refusal_done = True
            events.append(RefusalDoneEvent(refusal="".join(joined.refusal)))
        if state.logprobs_content_seen and not state.logprobs_content_done:
            state.logprobs_content_done = True
            events.append(LogprobsContentDoneEvent(content=list(joined.logprobs)))
        if state.logprobs_refusal_seen and not state.logprobs_refusal_done:
            state.logprobs_refusal_done = True
            events.append(LogprobsRefusalDoneEvent(refusal=list(joined.refusal_logprobs)))

    def _tool_done(self, events: List[Any], state: _ChoiceEvents, joined: Any, index: int) -> None:
        if index in state.done_tools:
            return
        state.done_tools.add(index)
        call = joined.by_index.get(index)
        if call is None or (call.type or "function") != "function":
            return
        arguments = "".join(call.arguments)
        events.append(
            FunctionToolCallArgumentsDoneEvent(
                name=call.name,
                index=index,
                arguments=arguments,
                parsed_arguments=self._tool_arguments(call.name, arguments),
            )
        )

    def _tool_arguments(self, name: Optional[str], arguments: str) -> Any:
        tool = _input_tool(self._tools, name)
        if tool is None:
            return None
        structured = _structured()
        if structured is not None:  # a class-built tool's arguments go into its class
            function = Function(name=name, arguments=arguments)
            return structured._tool_arguments(self._tools, function)
        if not tool["function"].get("strict"):
            return None
        return json.loads(arguments)


# The streams and their managers: reading only; the state above decides.


def _is_chunk(chunk: Any) -> bool:
    # Azure's asynchronous content filter sends items with "object": "" in a chat stream.
    kind = getattr(chunk, "object", None)
    return kind is None or kind == "chat.completion.chunk"


def _events(
    raw: Stream[ChatCompletionChunk], state: ChatCompletionStreamState[Any]
) -> Generator[ChatCompletionStreamEvent[Any], None, None]:
    # A function of the raw stream and the state, not a method: no reference cycle back to
    # the wrapper (see Stream), so a dropped stream closes at once.
    for chunk in raw:
        if _is_chunk(chunk):
            yield from state.handle_chunk(chunk)


async def _aevents(
    raw: AsyncStream[ChatCompletionChunk], state: ChatCompletionStreamState[Any]
) -> AsyncGenerator[ChatCompletionStreamEvent[Any], None]:
    async for chunk in raw:
        if _is_chunk(chunk):
            for event in state.handle_chunk(chunk):
                yield event


class _StreamBase(Generic[ResponseFormatT]):
    def __init__(self, raw: Any, state: ChatCompletionStreamState[ResponseFormatT]) -> None:
        self._raw = raw
        self._state = state

    @property
    def response(self) -> Any:
        """The HTTP response being read (``httpx.Response``)."""
        return self._raw.response

    @property
    def current_completion_snapshot(self) -> ChatCompletion:
        """The completion joined from the chunks read so far."""
        return self._state.current_completion_snapshot

    def _final(self) -> ChatCompletion:
        if not self._raw._state.complete:
            raise APIConnectionError(
                "The stream was closed or failed before it completed: no final completion.",
                self._raw.response.request,
            )
        return self._state.get_final_completion()


class ChatCompletionStream(
    _StreamBase[ResponseFormatT], EventStream[ChatCompletionStreamEvent[ResponseFormatT]]
):
    """A chat stream giving openai-python's helper events; closes itself when read to the
    end, or on ``close()`` / leaving the ``with`` block."""

    def __init__(
        self, raw: Stream[ChatCompletionChunk], state: ChatCompletionStreamState[ResponseFormatT]
    ) -> None:
        super().__init__(raw, state)
        self._iterator = _events(raw, state)

    def get_final_completion(self) -> ChatCompletion:
        """Read the rest of the stream; the whole completion (parsed when a class was given).

        Raises ``APIConnectionError`` if the stream was closed or failed before it completed.
        """
        self.until_done()
        return self._final()


class AsyncChatCompletionStream(
    _StreamBase[ResponseFormatT], AsyncEventStream[ChatCompletionStreamEvent[ResponseFormatT]]
):
    """The asyncio version of :class:`ChatCompletionStream`."""

    def __init__(
        self,
        raw: AsyncStream[ChatCompletionChunk],
        state: ChatCompletionStreamState[ResponseFormatT],
    ) -> None:
        super().__init__(raw, state)
        self._aiterator = _aevents(raw, state)

    async def get_final_completion(self) -> ChatCompletion:
        """Read the rest of the stream; the whole completion (parsed when a class was given).

        Raises ``APIConnectionError`` if the stream was closed or failed before it completed.
        """
        await self.until_done()
        return self._final()


class ChatCompletionStreamManager(Generic[ResponseFormatT]):
    """``with client.chat.completions.stream(...) as stream: for event in stream: ...``

    ``api_request`` opens the chat stream (``create(..., stream=True)``); it is called on
    entering the block, and the stream is closed on leaving it, read to the end or not.
    """

    def __init__(
        self,
        api_request: Callable[[], Stream[ChatCompletionChunk]],
        *,
        response_format: Any = None,
        input_tools: Any = None,
    ) -> None:
        self._api_request = api_request
        self._response_format = response_format
        self._input_tools = input_tools
        self._stream: Optional[ChatCompletionStream[ResponseFormatT]] = None

    def __enter__(self) -> ChatCompletionStream[ResponseFormatT]:
        state: ChatCompletionStreamState[ResponseFormatT] = ChatCompletionStreamState(
            input_tools=self._input_tools, response_format=self._response_format
        )
        self._stream = ChatCompletionStream(self._api_request(), state)
        return self._stream

    def __exit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            self._stream.close()


class AsyncChatCompletionStreamManager(Generic[ResponseFormatT]):
    """``async with client.chat.completions.stream(...) as stream: async for event in ...``

    ``api_request`` is a function returning an awaitable of the chat stream (or, as in
    openai-python, the awaitable itself); it is awaited on entering the block.
    """

    def __init__(
        self,
        api_request: Union[
            Callable[[], Awaitable[AsyncStream[ChatCompletionChunk]]],
            Awaitable[AsyncStream[ChatCompletionChunk]],
        ],
        *,
        response_format: Any = None,
        input_tools: Any = None,
    ) -> None:
        self._api_request = api_request
        self._response_format = response_format
        self._input_tools = input_tools
        self._stream: Optional[AsyncChatCompletionStream[ResponseFormatT]] = None

    async def __aenter__(self) -> AsyncChatCompletionStream[ResponseFormatT]:
        request = self._api_request
        raw = await (request() if callable(request) else request)
        state: ChatCompletionStreamState[ResponseFormatT] = ChatCompletionStreamState(
            input_tools=self._input_tools, response_format=self._response_format
        )
        self._stream = AsyncChatCompletionStream(raw, state)
        return self._stream

    async def __aexit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            await self._stream.close()
