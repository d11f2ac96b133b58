"""``/threads`` (beta): threads, ``create_and_run`` (streamed or not, and its polling and
streaming helpers), and the ``messages`` and ``runs`` of a thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union, overload

from typing_extensions import Literal, Unpack

from ..._types import NOT_GIVEN, NotGiven, RequestOptions
from ...types.assistants import AssistantStreamEvent, Run, Thread, ThreadDeleted
from ...types.params.beta import (
    THREAD_RUN_LATE,
    ThreadCreateAndRunParams,
    ThreadCreateParams,
    ThreadUpdateParams,
)
from .._base import APIResource, Endpoint, subresource
from .assistants import ASSISTANTS_V2
from .messages import AsyncMessages, Messages
from .runs import AsyncRuns, Runs, options_of, plain, streamed

if TYPE_CHECKING:
    from ..._stream_assistants import (
        AssistantEventHandlerT,
        AssistantStreamManager,
        AsyncAssistantEventHandlerT,
        AsyncAssistantStreamManager,
    )
    from ..._streaming import AsyncStream, Stream

__all__ = ["AsyncThreads", "Threads"]

_create: Endpoint[Thread] = Endpoint(
    "POST", "/threads", Thread, params=ThreadCreateParams, headers=ASSISTANTS_V2
)
_retrieve: Endpoint[Thread] = Endpoint("GET", "/threads/{thread_id}", Thread, headers=ASSISTANTS_V2)
_update: Endpoint[Thread] = Endpoint(
    "POST", "/threads/{thread_id}", Thread, params=ThreadUpdateParams, headers=ASSISTANTS_V2
)
_delete: Endpoint[ThreadDeleted] = Endpoint(
    "DELETE", "/threads/{thread_id}", ThreadDeleted, headers=ASSISTANTS_V2
)
# create_and_run: the official wrapper names only assistant_id (and stream); the rest goes
# over extra_body. Its helpers (create_and_run_poll, ...) pass every parameter by name.
_create_and_run: Endpoint[Run] = Endpoint(
    "POST",
    "/threads/runs",
    Run,
    params=ThreadCreateAndRunParams,
    stream=AssistantStreamEvent,
    late=THREAD_RUN_LATE,
    headers=ASSISTANTS_V2,
)
_create_and_run_named: Endpoint[Run] = Endpoint(
    "POST",
    "/threads/runs",
    Run,
    params=ThreadCreateAndRunParams,
    stream=AssistantStreamEvent,
    headers=ASSISTANTS_V2,
)


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncThreads(APIResource):
    messages = subresource(AsyncMessages)
    runs = subresource(AsyncRuns)

    async def create(self, **params: Unpack[ThreadCreateParams]) -> Thread:
        """Create a thread, with its first ``messages`` if given."""
        return await self._call(_create, locals())

    async def retrieve(self, thread_id: str, **params: Unpack[RequestOptions]) -> Thread:
        """A thread by id."""
        return await self._call(_retrieve, locals())

    async def update(self, thread_id: str, **params: Unpack[ThreadUpdateParams]) -> Thread:
        """Change a thread's ``metadata`` or ``tool_resources``."""
        return await self._call(_update, locals())

    async def delete(self, thread_id: str, **params: Unpack[RequestOptions]) -> ThreadDeleted:
        """Delete a thread."""
        return await self._call(_delete, locals())

    @overload
    async def create_and_run(
        self,
        assistant_id: str,
        *,
        stream: Union[Literal[False], NotGiven, None] = ...,
        **params: Unpack[ThreadCreateAndRunParams],
    ) -> Run: ...
    @overload
    async def create_and_run(
        self,
        assistant_id: str,
        *,
        stream: Literal[True],
        **params: Unpack[ThreadCreateAndRunParams],
    ) -> AsyncStream[AssistantStreamEvent]: ...
    @overload
    async def create_and_run(
        self, assistant_id: str, *, stream: bool, **params: Unpack[ThreadCreateAndRunParams]
    ) -> Union[Run, AsyncStream[AssistantStreamEvent]]: ...
    async def create_and_run(
        self,
        assistant_id: str,
        *,
        stream: Union[bool, NotGiven, None] = NOT_GIVEN,
        **params: Any,
    ) -> Union[Run, AsyncStream[AssistantStreamEvent]]:
        """Create a thread and start a run of ``assistant_id`` on it; ``stream=True``
        returns a stream of typed assistant events."""
        # As the official wrapper: only stream=True is sent (False is a plain call).
        return await self._call(
            _create_and_run, {**locals(), "stream": True if stream is True else NOT_GIVEN}
        )

    async def normal_create_and_run(
        self, assistant_id: str, **params: Unpack[ThreadCreateAndRunParams]
    ) -> Run:
        """``create_and_run`` without a stream (the official wrapper's name for it)."""
        return await self._call(_create_and_run, locals())

    async def stream_create_and_run(
        self, assistant_id: str, **params: Unpack[ThreadCreateAndRunParams]
    ) -> AsyncStream[AssistantStreamEvent]:
        """``create_and_run(stream=True)`` (the official wrapper's name for it)."""
        return await self.create_and_run(assistant_id, stream=True, **params)

    async def create_and_run_poll(
        self,
        *,
        assistant_id: str,
        poll_interval_ms: Union[int, NotGiven] = NOT_GIVEN,
        **params: Unpack[ThreadCreateAndRunParams],
    ) -> Run:
        """``create_and_run`` then poll the run until it settles (a failed run is returned)."""
        run = await plain(self)._send(
            _create_and_run_named.call(
                {
                    "self": self,
                    "assistant_id": assistant_id,
                    "stream": False,
                    "params": dict(params),
                }
            )
        )
        return await self.runs.poll(
            run.id, run.thread_id, poll_interval_ms=poll_interval_ms, **options_of(dict(params))
        )

    def create_and_run_stream(
        self,
        *,
        assistant_id: str,
        event_handler: Optional[AsyncAssistantEventHandlerT] = None,
        **params: Unpack[ThreadCreateAndRunParams],
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]:
        """``create_and_run`` streamed as openai-python's helper (see ``runs.stream``): a
        context manager giving the event handler; every parameter goes by name."""
        from ..._stream_assistants import AsyncAssistantStreamManager

        helper = "threads.create_and_run_stream"
        call = _create_and_run_named.call(
            {
                "self": self,
                "assistant_id": assistant_id,
                "stream": True,
                "params": streamed(dict(params), helper, event_handler),
            }
        )
        return AsyncAssistantStreamManager(
            lambda: plain(self)._send(call), event_handler=event_handler
        )


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class Threads(APIResource):
    messages = subresource(Messages)
    runs = subresource(Runs)

    def create(self, **params: Unpack[ThreadCreateParams]) -> Thread:
        """Create a thread, with its first ``messages`` if given."""
        return self._call(_create, locals())

    def retrieve(self, thread_id: str, **params: Unpack[RequestOptions]) -> Thread:
        """A thread by id."""
        return self._call(_retrieve, locals())

    def update(self, thread_id: str, **params: Unpack[ThreadUpdateParams]) -> Thread:
        """Change a thread's ``metadata`` or ``tool_resources``."""
        return self._call(_update, locals())

    def delete(self, thread_id: str, **params: Unpack[RequestOptions]) -> ThreadDeleted:
        """Delete a thread."""
        return self._call(_delete, locals())

    @overload
    def create_and_run(
        self,
        assistant_id: str,
        *,
        stream: Union[Literal[False], NotGiven, None] = ...,
        **params: Unpack[ThreadCreateAndRunParams],
    ) -> Run: ...
    @overload
    def create_and_run(
        self,
        assistant_id: str,
        *,
        stream: Literal[True],
        **params: Unpack[ThreadCreateAndRunParams],
    ) -> Stream[AssistantStreamEvent]: ...
    @overload
    def create_and_run(
        self, assistant_id: str, *, stream: bool, **params: Unpack[ThreadCreateAndRunParams]
    ) -> Union[Run, Stream[AssistantStreamEvent]]: ...
    def create_and_run(
        self,
        assistant_id: str,
        *,
        stream: Union[bool, NotGiven, None] = NOT_GIVEN,
        **params: Any,
    ) -> Union[Run, Stream[AssistantStreamEvent]]:
        """Create a thread and start a run of ``assistant_id`` on it; ``stream=True``
        returns a stream of typed assistant events."""
        # As the official wrapper: only stream=True is sent (False is a plain call).
        return self._call(
            _create_and_run, {**locals(), "stream": True if stream is True else NOT_GIVEN}
        )

    def normal_create_and_run(
        self, assistant_id: str, **params: Unpack[ThreadCreateAndRunParams]
    ) -> Run:
        """``create_and_run`` without a stream (the official wrapper's name for it)."""
        return self._call(_create_and_run, locals())

    def stream_create_and_run(
        self, assistant_id: str, **params: Unpack[ThreadCreateAndRunParams]
    ) -> Stream[AssistantStreamEvent]:
        """``create_and_run(stream=True)`` (the official wrapper's name for it)."""
        return self.create_and_run(assistant_id, stream=True, **params)

    def create_and_run_poll(
        self,
        *,
        assistant_id: str,
        poll_interval_ms: Union[int, NotGiven] = NOT_GIVEN,
        **params: Unpack[ThreadCreateAndRunParams],
    ) -> Run:
        """``create_and_run`` then poll the run until it settles (a failed run is returned)."""
        run = plain(self)._send(
            _create_and_run_named.call(
                {
                    "self": self,
                    "assistant_id": assistant_id,
                    "stream": False,
                    "params": dict(params),
                }
            )
        )
        return self.runs.poll(
            run.id, run.thread_id, poll_interval_ms=poll_interval_ms, **options_of(dict(params))
        )

    def create_and_run_stream(
        self,
        *,
        assistant_id: str,
        event_handler: Optional[AssistantEventHandlerT] = None,
        **params: Unpack[ThreadCreateAndRunParams],
    ) -> AssistantStreamManager[AssistantEventHandlerT]:
        """``create_and_run`` streamed as openai-python's helper (see ``runs.stream``): a
        context manager giving the event handler; every parameter goes by name."""
        from ..._stream_assistants import AssistantStreamManager

        helper = "threads.create_and_run_stream"
        call = _create_and_run_named.call(
            {
                "self": self,
                "assistant_id": assistant_id,
                "stream": True,
                "params": streamed(dict(params), helper, event_handler),
            }
        )
        return AssistantStreamManager(lambda: plain(self)._send(call), event_handler=event_handler)
