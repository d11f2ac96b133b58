"""``/threads/{thread_id}/runs`` (beta): runs, streamed or not, their polling helpers, and
tool outputs. Run steps are in ``steps``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Optional, Union, overload

from typing_extensions import Literal, Unpack

from ..._types import NOT_GIVEN, NotGiven, RequestOptions
from ...types.assistants import AssistantStreamEvent, Run
from ...types.params.beta import (
    RUN_LATE,
    RunCreateParams,
    RunListParams,
    RunSubmitToolOutputsParams,
    RunUpdateParams,
)
from .._base import APIResource, Endpoint, subresource
from .assistants import ASSISTANTS_V2
from .steps import AsyncSteps, Steps

if TYPE_CHECKING:
    from ..._pagination import AsyncPaginator, SyncPage
    from ..._stream_assistants import (
        AssistantEventHandlerT,
        AssistantStreamManager,
        AsyncAssistantEventHandlerT,
        AsyncAssistantStreamManager,
    )
    from ..._streaming import AsyncStream, Stream

__all__ = ["AsyncRuns", "Runs", "options_of", "plain", "run_pending", "streamed"]

_PATH = "/threads/{thread_id}/runs"
# runs.create: the official wrapper names only assistant_id (and stream); the rest it sends
# over extra_body, include too.
_create: Endpoint[Run] = Endpoint(
    "POST",
    _PATH,
    Run,
    params=RunCreateParams,
    stream=AssistantStreamEvent,
    late=RUN_LATE,
    headers=ASSISTANTS_V2,
)
# The helpers (create_and_poll, stream, ...) pass every parameter by name, as openai-python's
# do: include goes to the query.
_create_named: Endpoint[Run] = Endpoint(
    "POST",
    _PATH,
    Run,
    params=RunCreateParams,
    stream=AssistantStreamEvent,
    query=("include",),
    headers=ASSISTANTS_V2,
)
_retrieve: Endpoint[Run] = Endpoint("GET", _PATH + "/{run_id}", Run, headers=ASSISTANTS_V2)
_update: Endpoint[Run] = Endpoint(
    "POST", _PATH + "/{run_id}", Run, params=RunUpdateParams, headers=ASSISTANTS_V2
)
_list: Endpoint[Any] = Endpoint(
    "GET", _PATH, object, params=RunListParams, item=Run, headers=ASSISTANTS_V2
)
_cancel: Endpoint[Run] = Endpoint(
    "POST", _PATH + "/{run_id}/cancel", Run, body=False, headers=ASSISTANTS_V2
)
_submit: Endpoint[Run] = Endpoint(
    "POST",
    _PATH + "/{run_id}/submit_tool_outputs",
    Run,
    params=RunSubmitToolOutputsParams,
    stream=AssistantStreamEvent,
    headers=ASSISTANTS_V2,
)

# openai-python's terminal run states: polling stops at any of them (a failed run included).
_SETTLED = frozenset(
    ("requires_action", "cancelled", "completed", "failed", "expired", "incomplete")
)
_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries")


def run_pending(run: Any) -> bool:
    """Whether a run is still moving (polling goes on)."""
    return getattr(run, "status", None) not in _SETTLED


def options_of(params: Dict[str, Any]) -> Dict[str, Any]:
    """The per-call options among a helper's keywords (they apply to each look too)."""
    return {name: params[name] for name in _OPTIONS if name in params}


def plain(resource: Any) -> Any:
    """The resource answering parsed results: a polling helper reads the run it started, so
    it starts it plainly even under ``with_raw_response`` (as in openai-python, the helpers
    have no raw form)."""
    return type(resource)(resource._client) if resource._raw else resource


def polled(params: Dict[str, Any], headers: Dict[str, str]) -> Dict[str, Any]:
    """The options of one look: the polling headers under the caller's."""
    return {**params, "extra_headers": {**headers, **(params.get("extra_headers") or {})}}


def streamed(params: Dict[str, Any], helper: str, event_handler: Any) -> Dict[str, Any]:
    """The parameters of a stream helper's request: openai-python's helper headers under the
    caller's (the event handler itself is not sent)."""
    custom = "false" if event_handler is None else "true"
    headers = {"X-Stainless-Stream-Helper": helper, "X-Stainless-Custom-Event-Handler": custom}
    return polled(params, headers)


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncRuns(APIResource):
    steps = subresource(AsyncSteps)

    @overload
    async def create(
        self,
        thread_id: str,
        *,
        stream: Union[Literal[False], NotGiven, None] = ...,
        **params: Unpack[RunCreateParams],
    ) -> Run: ...
    @overload
    async def create(
        self, thread_id: str, *, stream: Literal[True], **params: Unpack[RunCreateParams]
    ) -> AsyncStream[AssistantStreamEvent]: ...
    @overload
    async def create(
        self, thread_id: str, *, stream: bool, **params: Unpack[RunCreateParams]
    ) -> Union[Run, AsyncStream[AssistantStreamEvent]]: ...
    async def create(
        self, thread_id: str, *, stream: Union[bool, NotGiven, None] = NOT_GIVEN, **params: Any
    ) -> Union[Run, AsyncStream[AssistantStreamEvent]]:
        """Start a run of ``assistant_id`` on a thread; ``stream=True`` returns a stream of
        typed assistant events (``thread.run.created``, ``thread.message.delta``, ...)."""
        # As the official wrapper: only stream=True is sent (False is a plain call).
        return await self._call(
            _create, {**locals(), "stream": True if stream is True else NOT_GIVEN}
        )

    async def normal_create(self, thread_id: str, **params: Unpack[RunCreateParams]) -> Run:
        """``create`` without a stream (the official wrapper's name for it)."""
        return await self._call(_create, locals())

    async def stream_create(
        self, thread_id: str, **params: Unpack[RunCreateParams]
    ) -> AsyncStream[AssistantStreamEvent]:
        """``create(stream=True)`` (the official wrapper's name for it)."""
        return await self.create(thread_id, stream=True, **params)

    async def retrieve(self, thread_id: str, run_id: str, **params: Unpack[RequestOptions]) -> Run:
        """A run by id."""
        return await self._call(_retrieve, locals())

    async def update(self, thread_id: str, run_id: str, **params: Unpack[RunUpdateParams]) -> Run:
        """Change a run's ``metadata``."""
        return await self._call(_update, locals())

    def list(self, thread_id: str, **params: Unpack[RunListParams]) -> AsyncPaginator[Run]:
        """The runs of a thread, page by page."""
        return self._list(_list, locals())

    async def cancel(self, thread_id: str, run_id: str, **params: Unpack[RequestOptions]) -> Run:
        """Cancel a run that is in progress."""
        return await self._call(_cancel, locals())

    @overload
    async def submit_tool_outputs(
        self,
        run_id: str,
        *,
        thread_id: str,
        stream: Union[Literal[False], NotGiven, None] = ...,
        **params: Unpack[RunSubmitToolOutputsParams],
    ) -> Run: ...
    @overload
    async def submit_tool_outputs(
        self,
        run_id: str,
        *,
        thread_id: str,
        stream: Literal[True],
        **params: Unpack[RunSubmitToolOutputsParams],
    ) -> AsyncStream[AssistantStreamEvent]: ...
    @overload
    async def submit_tool_outputs(
        self,
        run_id: str,
        *,
        thread_id: str,
        stream: bool,
        **params: Unpack[RunSubmitToolOutputsParams],
    ) -> Union[Run, AsyncStream[AssistantStreamEvent]]: ...
    async def submit_tool_outputs(
        self,
        run_id: str,
        *,
        thread_id: str,
        stream: Union[bool, NotGiven, None] = NOT_GIVEN,
        **params: Any,
    ) -> Union[Run, AsyncStream[AssistantStreamEvent]]:
        """Give a run waiting in ``requires_action`` the outputs of its tool calls."""
        return await self._call(_submit, locals())

    async def poll(
        self,
        run_id: str,
        thread_id: str,
        *,
        poll_interval_ms: Union[int, NotGiven] = NOT_GIVEN,
        **params: Unpack[RequestOptions],
    ) -> Run:
        """Look at a run until it settles (completed, requires_action, failed, ...): every
        ``poll_interval_ms``, else as the server's ``openai-poll-after-ms`` says, else 1 s."""
        return await self._client._poll(
            lambda headers: self.with_raw_response.retrieve(
                thread_id, run_id, **polled(dict(params), headers)
            ),
            run_pending,
            poll_interval_ms,
        )

    async def create_and_poll(
        self,
        *,
        thread_id: str,
        poll_interval_ms: Union[int, NotGiven] = NOT_GIVEN,
        **params: Unpack[RunCreateParams],
    ) -> Run:
        """``create`` then ``poll`` until the run settles."""
        run = await plain(self)._send(
            _create_named.call(
                {"self": self, "thread_id": thread_id, "stream": False, "params": dict(params)}
            )
        )
        return await self.poll(
            run.id, thread_id, poll_interval_ms=poll_interval_ms, **options_of(dict(params))
        )

    def stream(
        self,
        *,
        thread_id: str,
        event_handler: Optional[AsyncAssistantEventHandlerT] = None,
        **params: Unpack[RunCreateParams],
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]:
        """A streamed run as openai-python's helper: a context manager giving the event
        handler (``event_handler``, yours or a plain one), whose ``on_*`` callbacks fire as
        the events are read (iterate it, or ``until_done()``); ``get_final_run()``,
        ``get_final_messages()``, ... once it is read. Every parameter goes by name."""
        from ..._stream_assistants import AsyncAssistantStreamManager

        helper = "threads.runs.create_and_stream"
        call = _create_named.call(
            {
                "self": self,
                "thread_id": thread_id,
                "stream": True,
                "params": streamed(dict(params), helper, event_handler),
            }
        )
        return AsyncAssistantStreamManager(
            lambda: plain(self)._send(call), event_handler=event_handler
        )

    def create_and_stream(
        self,
        *,
        thread_id: str,
        event_handler: Optional[AsyncAssistantEventHandlerT] = None,
        **params: Unpack[RunCreateParams],
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]:
        """The same as ``stream`` (openai-python's older name for it)."""
        return self.stream(thread_id=thread_id, event_handler=event_handler, **params)

    async def submit_tool_outputs_and_poll(
        self,
        *,
        run_id: str,
        thread_id: str,
        poll_interval_ms: Union[int, NotGiven] = NOT_GIVEN,
        **params: Unpack[RunSubmitToolOutputsParams],
    ) -> Run:
        """``submit_tool_outputs`` then ``poll`` until the run settles again."""
        run = await plain(self).submit_tool_outputs(
            run_id, thread_id=thread_id, stream=False, **params
        )
        return await self.poll(
            run.id, thread_id, poll_interval_ms=poll_interval_ms, **options_of(dict(params))
        )

    def submit_tool_outputs_stream(
        self,
        *,
        run_id: str,
        thread_id: str,
        event_handler: Optional[AsyncAssistantEventHandlerT] = None,
        **params: Unpack[RunSubmitToolOutputsParams],
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]:
        """``submit_tool_outputs`` streamed as ``stream`` is: the resumed run's events through
        the event handler."""
        from ..._stream_assistants import AsyncAssistantStreamManager

        helper = "threads.runs.submit_tool_outputs_stream"
        call = _submit.call(
            {
                "self": self,
                "run_id": run_id,
                "thread_id": thread_id,
                "stream": True,
                "params": streamed(dict(params), helper, event_handler),
            }
        )
        return AsyncAssistantStreamManager(
            lambda: plain(self)._send(call), event_handler=event_handler
        )


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class Runs(APIResource):
    steps = subresource(Steps)

    @overload
    def create(
        self,
        thread_id: str,
        *,
        stream: Union[Literal[False], NotGiven, None] = ...,
        **params: Unpack[RunCreateParams],
    ) -> Run: ...
    @overload
    def create(
        self, thread_id: str, *, stream: Literal[True], **params: Unpack[RunCreateParams]
    ) -> Stream[AssistantStreamEvent]: ...
    @overload
    def create(
        self, thread_id: str, *, stream: bool, **params: Unpack[RunCreateParams]
    ) -> Union[Run, Stream[AssistantStreamEvent]]: ...
    def create(
        self, thread_id: str, *, stream: Union[bool, NotGiven, None] = NOT_GIVEN, **params: Any
    ) -> Union[Run, Stream[AssistantStreamEvent]]:
        """Start a run of ``assistant_id`` on a thread; ``stream=True`` returns a stream of
        typed assistant events (``thread.run.created``, ``thread.message.delta``, ...)."""
        # As the official wrapper: only stream=True is sent (False is a plain call).
        return self._call(_create, {**locals(), "stream": True if stream is True else NOT_GIVEN})

    def normal_create(self, thread_id: str, **params: Unpack[RunCreateParams]) -> Run:
        """``create`` without a stream (the official wrapper's name for it)."""
        return self._call(_create, locals())

    def stream_create(
        self, thread_id: str, **params: Unpack[RunCreateParams]
    ) -> Stream[AssistantStreamEvent]:
        """``create(stream=True)`` (the official wrapper's name for it)."""
        return self.create(thread_id, stream=True, **params)

    def retrieve(self, thread_id: str, run_id: str, **params: Unpack[RequestOptions]) -> Run:
        """A run by id."""
        return self._call(_retrieve, locals())

    def update(self, thread_id: str, run_id: str, **params: Unpack[RunUpdateParams]) -> Run:
        """Change a run's ``metadata``."""
        return self._call(_update, locals())

    def list(self, thread_id: str, **params: Unpack[RunListParams]) -> SyncPage[Run]:
        """The runs of a thread, page by page."""
        return self._list(_list, locals())

    def cancel(self, thread_id: str, run_id: str, **params: Unpack[RequestOptions]) -> Run:
        """Cancel a run that is in progress."""
        return self._call(_cancel, locals())

    @overload
    def submit_tool_outputs(
        self,
        run_id: str,
        *,
        thread_id: str,
        stream: Union[Literal[False], NotGiven, None] = ...,
        **params: Unpack[RunSubmitToolOutputsParams],
    ) -> Run: ...
    @overload
    def submit_tool_outputs(
        self,
        run_id: str,
        *,
        thread_id: str,
        stream: Literal[True],
        **params: Unpack[RunSubmitToolOutputsParams],
    ) -> Stream[AssistantStreamEvent]: ...
    @overload
    def submit_tool_outputs(
        self,
        run_id: str,
        *,
        thread_id: str,
        stream: bool,
        **params: Unpack[RunSubmitToolOutputsParams],
    ) -> Union[Run, Stream[AssistantStreamEvent]]: ...
    def submit_tool_outputs(
        self,
        run_id: str,
        *,
        thread_id: str,
        stream: Union[bool, NotGiven, None] = NOT_GIVEN,
        **params: Any,
    ) -> Union[Run, Stream[AssistantStreamEvent]]:
        """Give a run waiting in ``requires_action`` the outputs of its tool calls."""
        return self._call(_submit, locals())

    def poll(
        self,
        run_id: str,
        thread_id: str,
        *,
        poll_interval_ms: Union[int, NotGiven] = NOT_GIVEN,
        **params: Unpack[RequestOptions],
    ) -> Run:
        """Look at a run until it settles (completed, requires_action, failed, ...): every
        ``poll_interval_ms``, else as the server's ``openai-poll-after-ms`` says, else 1 s."""
        return self._client._poll(
            lambda headers: self.with_raw_response.retrieve(
                thread_id, run_id, **polled(dict(params), headers)
            ),
            run_pending,
            poll_interval_ms,
        )

    def create_and_poll(
        self,
        *,
        thread_id: str,
        poll_interval_ms: Union[int, NotGiven] = NOT_GIVEN,
        **params: Unpack[RunCreateParams],
    ) -> Run:
        """``create`` then ``poll`` until the run settles."""
        run = plain(self)._send(
            _create_named.call(
                {"self": self, "thread_id": thread_id, "stream": False, "params": dict(params)}
            )
        )
        return self.poll(
            run.id, thread_id, poll_interval_ms=poll_interval_ms, **options_of(dict(params))
        )

    def stream(
        self,
        *,
        thread_id: str,
        event_handler: Optional[AssistantEventHandlerT] = None,
        **params: Unpack[RunCreateParams],
    ) -> AssistantStreamManager[AssistantEventHandlerT]:
        """A streamed run as openai-python's helper: a context manager giving the event
        handler (``event_handler``, yours or a plain one), whose ``on_*`` callbacks fire as
        the events are read (iterate it, or ``until_done()``); ``get_final_run()``,
        ``get_final_messages()``, ... once it is read. Every parameter goes by name."""
        from ..._stream_assistants import AssistantStreamManager

        helper = "threads.runs.create_and_stream"
        call = _create_named.call(
            {
                "self": self,
                "thread_id": thread_id,
                "stream": True,
                "params": streamed(dict(params), helper, event_handler),
            }
        )
        return AssistantStreamManager(lambda: plain(self)._send(call), event_handler=event_handler)

    def create_and_stream(
        self,
        *,
        thread_id: str,
        event_handler: Optional[AssistantEventHandlerT] = None,
        **params: Unpack[RunCreateParams],
    ) -> AssistantStreamManager[AssistantEventHandlerT]:
        """The same as ``stream`` (openai-python's older name for it)."""
        return self.stream(thread_id=thread_id, event_handler=event_handler, **params)

    def submit_tool_outputs_and_poll(
        self,
        *,
        run_id: str,
        thread_id: str,
        poll_interval_ms: Union[int, NotGiven] = NOT_GIVEN,
        **params: Unpack[RunSubmitToolOutputsParams],
    ) -> Run:
        """``submit_tool_outputs`` then ``poll`` until the run settles again."""
        run = plain(self).submit_tool_outputs(run_id, thread_id=thread_id, stream=False, **params)
        return self.poll(
            run.id, thread_id, poll_interval_ms=poll_interval_ms, **options_of(dict(params))
        )

    def submit_tool_outputs_stream(
        self,
        *,
        run_id: str,
        thread_id: str,
        event_handler: Optional[AssistantEventHandlerT] = None,
        **params: Unpack[RunSubmitToolOutputsParams],
    ) -> AssistantStreamManager[AssistantEventHandlerT]:
        """``submit_tool_outputs`` streamed as ``stream`` is: the resumed run's events through
        the event handler."""
        from ..._stream_assistants import AssistantStreamManager

        helper = "threads.runs.submit_tool_outputs_stream"
        call = _submit.call(
            {
                "self": self,
                "run_id": run_id,
                "thread_id": thread_id,
                "stream": True,
                "params": streamed(dict(params), helper, event_handler),
            }
        )
        return AssistantStreamManager(lambda: plain(self)._send(call), event_handler=event_handler)
