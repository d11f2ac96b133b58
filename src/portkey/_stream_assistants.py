"""openai-python's assistant stream helpers: what ``runs.stream``, ``runs.create_and_stream``,
``runs.submit_tool_outputs_stream`` and ``threads.create_and_run_stream`` return.

``with client.beta.threads.runs.stream(..., event_handler=MyHandler()) as stream:`` sends the
request on entering the block and gives the event handler (``MyHandler``, a subclass of
:class:`AssistantEventHandler` overriding the ``on_*`` callbacks it wants, or a plain
``AssistantEventHandler``); iterating it (or ``until_done()``) reads the typed events of our
stream, fires the callbacks and keeps the run, message and run-step snapshots
(``_assistant_snapshots.py`` decides all of that, with no I/O). Leaving the block closes the
stream, read to the end or not. ``AsyncAssistantEventHandler`` is the asyncio version (its
callbacks are coroutines).

    class Printer(AssistantEventHandler):
        def on_text_delta(self, delta, snapshot):
            print(delta.value, end="")

    with client.beta.threads.runs.stream(
        thread_id=thread.id, assistant_id=assistant.id, event_handler=Printer()
    ) as stream:
        stream.until_done()
"""

from __future__ import annotations

import asyncio
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Generic,
    Iterator,
    List,
    Optional,
    cast,
)

from typing_extensions import TypeVar

from ._assistant_snapshots import AssistantStreamState
from ._errors import APITimeoutError, AssistantStreamError

if TYPE_CHECKING:
    from ._streaming import AsyncStream, Stream
    from .types.assistants import (
        AssistantStreamEvent,
        MessageContentImageFileObjectImageFile,
        MessageContentTextObjectText,
        MessageDeltaContentTextObjectText,
        MessageDeltaEventDelta,
        Run,
        RunStep,
        RunStepDeltaEventDelta,
        RunStepDeltaStepDetailsToolCallsObjectToolCalls,
        RunStepDetailsToolCallsObjectToolCalls,
        ThreadMessage,
    )

__all__ = [
    "AssistantEventHandler",
    "AssistantEventHandlerT",
    "AssistantStreamError",
    "AssistantStreamManager",
    "AsyncAssistantEventHandler",
    "AsyncAssistantEventHandlerT",
    "AsyncAssistantStreamManager",
]

# A timeout while reading: ours, or one the caller's own code raised (asyncio's is not the
# builtin one before Python 3.11).
_TIMEOUTS = (APITimeoutError, TimeoutError, asyncio.TimeoutError)

# What opens the stream: called on entering the block (the async one returns an awaitable).
StreamRequest = Callable[[], "Stream[AssistantStreamEvent]"]
AsyncStreamRequest = Callable[[], Awaitable["AsyncStream[AssistantStreamEvent]"]]


def _running(generator: Any) -> bool:
    """Whether a generator (sync or async) is executing: one of its callbacks is running."""
    return bool(getattr(generator, "gi_running", None) or getattr(generator, "ag_running", None))


class _HandlerBase:
    """What both event handlers share: the snapshots and the answers read from them."""

    def __init__(self) -> None:
        self._state = AssistantStreamState()
        self._stream: Any = None

    def _unused(self) -> None:
        if self._stream is not None:
            raise AssistantStreamError(
                "An event handler cannot be shared between streams: give each stream a new "
                "handler instance."
            )

    def _init(self, stream: Any) -> None:
        """Attach the stream this handler reads (once: a handler is for one stream)."""
        self._unused()
        self._stream = stream

    def _started(self) -> Any:
        if self._stream is None:
            raise AssistantStreamError(
                "The stream has not started: use the handler inside the `with` block of the "
                "stream helper that was given it."
            )
        return self._stream

    @property
    def current_event(self) -> Optional[AssistantStreamEvent]:
        """The event being handled (in a callback), else None."""
        return self._state.current_event  # type: ignore[no-any-return]

    @property
    def current_run(self) -> Optional[Run]:
        """The run as its latest ``thread.run.*`` event gave it."""
        return self._state.current_run  # type: ignore[no-any-return]

    @property
    def current_run_step_snapshot(self) -> Optional[RunStep]:
        """The run step in progress, joined from its deltas so far."""
        return self._state.current_run_step_snapshot  # type: ignore[no-any-return]

    @property
    def current_message_snapshot(self) -> Optional[ThreadMessage]:
        """The latest message, joined from its deltas so far."""
        return self._state.current_message_snapshot  # type: ignore[no-any-return]

    def _final_run(self) -> Run:
        run = self._state.current_run
        if run is None:
            raise AssistantStreamError("The stream ended without a run event: no final run.")
        return run  # type: ignore[no-any-return]

    def _final_steps(self) -> List[RunStep]:
        if not self._state.steps:
            raise AssistantStreamError("The stream had no run steps.")
        return list(self._state.steps.values())

    def _final_messages(self) -> List[ThreadMessage]:
        if not self._state.messages:
            raise AssistantStreamError("The stream had no messages.")
        return list(self._state.messages.values())


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncAssistantEventHandler(_HandlerBase):
    """The events of an assistant run's stream, with callbacks: subclass it and override
    the ``on_*`` methods you need (each does nothing here). Iterate it for the events, or
    call ``until_done()``; ``text_deltas`` iterates the text pieces only. A handler serves
    one stream."""

    text_deltas: AsyncIterator[str]
    """The text of the ``thread.message.delta`` events, piece by piece (reads the stream)."""

    def __init__(self) -> None:
        super().__init__()
        self._iterator = self._events()
        self.text_deltas = self._text_deltas()

    def __aiter__(self) -> AsyncIterator[AssistantStreamEvent]:
        return self._iterator

    async def __anext__(self) -> AssistantStreamEvent:
        return await self._iterator.__anext__()

    async def close(self) -> None:
        """Stop reading and release the connection (done on leaving the ``with`` block)."""
        try:
            # Its on_end, if it started; from inside one of its callbacks (it is running), the
            # stream's close below ends it instead.
            if not _running(self._iterator):
                await self._iterator.aclose()
        finally:
            if self._stream is not None:
                await self._stream.close()

    async def until_done(self) -> None:
        """Read the stream to its end (the callbacks fire on the way)."""
        async for _ in self._iterator:
            pass

    async def get_final_run(self) -> Run:
        """Read the stream to its end; the run as its last run event gave it."""
        await self.until_done()
        return self._final_run()

    async def get_final_run_steps(self) -> List[RunStep]:
        """Read the stream to its end; the run steps it streamed, in order."""
        await self.until_done()
        return self._final_steps()

    async def get_final_messages(self) -> List[ThreadMessage]:
        """Read the stream to its end; the messages it streamed, in order."""
        await self.until_done()
        return self._final_messages()

    async def _text_deltas(self) -> AsyncIterator[str]:
        async for event in self._iterator:
            if event.event != "thread.message.delta":
                continue
            delta = getattr(event.data, "delta", None)
            for part in getattr(delta, "content", None) or ():
                text = (
                    getattr(part, "text", None) if getattr(part, "type", None) == "text" else None
                )
                value = getattr(text, "value", None)
                if value and type(value) is str:
                    yield value

    async def _events(self) -> AsyncGenerator[AssistantStreamEvent, None]:
        stream = self._started()
        try:
            async for event in stream:
                for name, args in self._state.handle(event):
                    await getattr(self, name)(*args)
                yield event
        except _TIMEOUTS as exc:
            await self.on_timeout()
            await self.on_exception(exc)
            raise
        except Exception as exc:
            await self.on_exception(exc)
            raise
        finally:
            await self.on_end()

    # The callbacks (override them) --------------------------------------------------------

    async def on_event(self, event: AssistantStreamEvent) -> None:
        """Every event, first (before it changes the snapshots)."""

    async def on_end(self) -> None:
        """The stream ended: read to its end, failed, or closed after it started."""

    async def on_exception(self, exception: Exception) -> None:
        """Reading the stream (or a callback) raised ``exception``; it is raised after this."""

    async def on_timeout(self) -> None:
        """Reading the stream timed out (``on_exception`` follows)."""

    async def on_run_step_created(self, run_step: RunStep) -> None:
        """A run step started."""

    async def on_run_step_delta(self, delta: RunStepDeltaEventDelta, snapshot: RunStep) -> None:
        """A run step changed: the delta as sent, and the step joined so far."""

    async def on_run_step_done(self, run_step: RunStep) -> None:
        """A run step ended (completed, failed, cancelled or expired)."""

    async def on_tool_call_created(self, tool_call: RunStepDetailsToolCallsObjectToolCalls) -> None:
        """A tool call of a run step started (as its first delta gave it)."""

    async def on_tool_call_delta(
        self,
        delta: RunStepDeltaStepDetailsToolCallsObjectToolCalls,
        snapshot: RunStepDetailsToolCallsObjectToolCalls,
    ) -> None:
        """A tool call changed: the delta as sent, and the call joined so far."""

    async def on_tool_call_done(self, tool_call: RunStepDetailsToolCallsObjectToolCalls) -> None:
        """A tool call is complete (the next one started, its step ended, or the run ended or
        waits for tool outputs)."""

    async def on_message_created(self, message: ThreadMessage) -> None:
        """A message started."""

    async def on_message_delta(
        self, delta: MessageDeltaEventDelta, snapshot: ThreadMessage
    ) -> None:
        """A message changed: the delta as sent, and the message joined so far."""

    async def on_message_done(self, message: ThreadMessage) -> None:
        """A message is complete (or incomplete): as the server sent it."""

    async def on_text_created(self, text: MessageContentTextObjectText) -> None:
        """A text block of a message started."""

    async def on_text_delta(
        self, delta: MessageDeltaContentTextObjectText, snapshot: MessageContentTextObjectText
    ) -> None:
        """More text: the piece (``delta.value``), and the block's text so far."""

    async def on_text_done(self, text: MessageContentTextObjectText) -> None:
        """A text block is complete."""

    async def on_image_file_done(self, image_file: MessageContentImageFileObjectImageFile) -> None:
        """An image file block of a message is complete."""


AsyncAssistantEventHandlerT = TypeVar(
    "AsyncAssistantEventHandlerT",
    bound=AsyncAssistantEventHandler,
    default=AsyncAssistantEventHandler,
)


class AsyncAssistantStreamManager(Generic[AsyncAssistantEventHandlerT]):
    """``async with client.beta.threads.runs.stream(...) as stream:``: sends the request on
    entering the block, gives the event handler (a plain ``AsyncAssistantEventHandler`` when
    none is given), and closes the stream on leaving."""

    def __init__(
        self,
        api_request: AsyncStreamRequest,
        *,
        event_handler: Optional[AsyncAssistantEventHandlerT] = None,
    ) -> None:
        self._api_request = api_request
        handler = AsyncAssistantEventHandler() if event_handler is None else event_handler
        self._event_handler: AsyncAssistantEventHandlerT = cast(Any, handler)

    async def __aenter__(self) -> AsyncAssistantEventHandlerT:
        handler = self._event_handler
        handler._unused()  # before sending anything
        handler._init(await self._api_request())
        return handler

    async def __aexit__(self, *exc_info: object) -> None:
        await self._event_handler.close()


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class AssistantEventHandler(_HandlerBase):
    """The events of an assistant run's stream, with callbacks: subclass it and override
    the ``on_*`` methods you need (each does nothing here). Iterate it for the events, or
    call ``until_done()``; ``text_deltas`` iterates the text pieces only. A handler serves
    one stream."""

    text_deltas: Iterator[str]
    """The text of the ``thread.message.delta`` events, piece by piece (reads the stream)."""

    def __init__(self) -> None:
        super().__init__()
        self._iterator = self._events()
        self.text_deltas = self._text_deltas()

    def __iter__(self) -> Iterator[AssistantStreamEvent]:
        return self._iterator

    def __next__(self) -> AssistantStreamEvent:
        return self._iterator.__next__()

    def close(self) -> None:
        """Stop reading and release the connection (done on leaving the ``with`` block)."""
        try:
            # Its on_end, if it started; from inside one of its callbacks (it is running), the
            # stream's close below ends it instead.
            if not _running(self._iterator):
                self._iterator.close()
        finally:
            if self._stream is not None:
                self._stream.close()

    def until_done(self) -> None:
        """Read the stream to its end (the callbacks fire on the way)."""
        for _ in self._iterator:
            pass

    def get_final_run(self) -> Run:
        """Read the stream to its end; the run as its last run event gave it."""
        self.until_done()
        return self._final_run()

    def get_final_run_steps(self) -> List[RunStep]:
        """Read the stream to its end; the run steps it streamed, in order."""
        self.until_done()
        return self._final_steps()

    def get_final_messages(self) -> List[ThreadMessage]:
        """Read the stream to its end; the messages it streamed, in order."""
        self.until_done()
        return self._final_messages()

    def _text_deltas(self) -> Iterator[str]:
        for event in self._iterator:
            if event.event != "thread.message.delta":
                continue
            delta = getattr(event.data, "delta", None)
            for part in getattr(delta, "content", None) or ():
                text = (
                    getattr(part, "text", None) if getattr(part, "type", None) == "text" else None
                )
                value = getattr(text, "value", None)
                if value and type(value) is str:
                    yield value

    def _events(self) -> Generator[AssistantStreamEvent, None]:
        stream = self._started()
        try:
            for event in stream:
                for name, args in self._state.handle(event):
                    getattr(self, name)(*args)
                yield event
        except _TIMEOUTS as exc:
            self.on_timeout()
            self.on_exception(exc)
            raise
        except Exception as exc:
            self.on_exception(exc)
            raise
        finally:
            self.on_end()

    # The callbacks (override them) --------------------------------------------------------

    def on_event(self, event: AssistantStreamEvent) -> None:
        """Every event, first (before it changes the snapshots)."""

    def on_end(self) -> None:
        """The stream ended: read to its end, failed, or closed after it started."""

    def on_exception(self, exception: Exception) -> None:
        """Reading the stream (or a callback) raised ``exception``; it is raised after this."""

    def on_timeout(self) -> None:
        """Reading the stream timed out (``on_exception`` follows)."""

    def on_run_step_created(self, run_step: RunStep) -> None:
        """A run step started."""

    def on_run_step_delta(self, delta: RunStepDeltaEventDelta, snapshot: RunStep) -> None:
        """A run step changed: the delta as sent, and the step joined so far."""

    def on_run_step_done(self, run_step: RunStep) -> None:
        """A run step ended (completed, failed, cancelled or expired)."""

    def on_tool_call_created(self, tool_call: RunStepDetailsToolCallsObjectToolCalls) -> None:
        """A tool call of a run step started (as its first delta gave it)."""

    def on_tool_call_delta(
        self,
        delta: RunStepDeltaStepDetailsToolCallsObjectToolCalls,
        snapshot: RunStepDetailsToolCallsObjectToolCalls,
    ) -> None:
        """A tool call changed: the delta as sent, and the call joined so far."""

    def on_tool_call_done(self, tool_call: RunStepDetailsToolCallsObjectToolCalls) -> None:
        """A tool call is complete (the next one started, its step ended, or the run ended or
        waits for tool outputs)."""

    def on_message_created(self, message: ThreadMessage) -> None:
        """A message started."""

    def on_message_delta(self, delta: MessageDeltaEventDelta, snapshot: ThreadMessage) -> None:
        """A message changed: the delta as sent, and the message joined so far."""

    def on_message_done(self, message: ThreadMessage) -> None:
        """A message is complete (or incomplete): as the server sent it."""

    def on_text_created(self, text: MessageContentTextObjectText) -> None:
        """A text block of a message started."""

    def on_text_delta(
        self, delta: MessageDeltaContentTextObjectText, snapshot: MessageContentTextObjectText
    ) -> None:
        """More text: the piece (``delta.value``), and the block's text so far."""

    def on_text_done(self, text: MessageContentTextObjectText) -> None:
        """A text block is complete."""

    def on_image_file_done(self, image_file: MessageContentImageFileObjectImageFile) -> None:
        """An image file block of a message is complete."""


AssistantEventHandlerT = TypeVar(
    "AssistantEventHandlerT",
    bound=AssistantEventHandler,
    default=AssistantEventHandler,
)


class AssistantStreamManager(Generic[AssistantEventHandlerT]):
    """``with client.beta.threads.runs.stream(...) as stream:``: sends the request on
    entering the block, gives the event handler (a plain ``AssistantEventHandler`` when
    none is given), and closes the stream on leaving."""

    def __init__(
        self,
        api_request: StreamRequest,
        *,
        event_handler: Optional[AssistantEventHandlerT] = None,
    ) -> None:
        self._api_request = api_request
        handler = AssistantEventHandler() if event_handler is None else event_handler
        self._event_handler: AssistantEventHandlerT = cast(Any, handler)

    def __enter__(self) -> AssistantEventHandlerT:
        handler = self._event_handler
        handler._unused()  # before sending anything
        handler._init(self._api_request())
        return handler

    def __exit__(self, *exc_info: object) -> None:
        self._event_handler.close()
