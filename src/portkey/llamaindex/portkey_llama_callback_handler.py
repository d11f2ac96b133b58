"""``LlamaIndexCallbackHandler``: LlamaIndex events (LLM calls, embeddings, queries, retrievals,
templating, sub-questions, function calls, agent steps) logged to Portkey.

As the official SDK's handler: when a trace ends (the outermost ``as_trace`` of a callback
manager: a ``chat``, a ``query``, an index construction...), its spans, in the order they
ended, are POSTed as one JSON list to ``{base_url}/logs`` with the ``x-portkey-api-key``
header; each span is ``{span_id, parent_span_id, span_name, trace_id, request, event_type,
start_time, metadata, response}`` with the official's request and response shapes (see
``_transform``). Chunking, node parsing, synthesis, tree, reranking and exception events are
not logged.

Where we differ, on purpose:

* each trace keeps its own spans and trace id, so traces that overlap (threads, concurrent
  ``achat``) are logged apart; a trace's id is ``metadata["traceId"]`` or a new one per trace
  (the official's is ``""`` until an index is built, then that build's for every later trace);
* a span that ends after its trace was sent (a stream read after ``stream_chat`` returned) is
  sent when it ends (the official holds it for the next trace and sends ``[]`` for this one);
  a trace with no span sends nothing;
* a span's parent is its nearest logged ancestor (the official names the unlogged synthesis
  event above a query's LLM call, say, which is not in the logs);
* an LLM span of ``complete`` logs its prompt as a user message and its answer (the official's
  handler fails with a KeyError there), its usage is the provider's when the answer has it,
  else the prompt's and the answer's estimated tokens (the official counts the prompt twice),
  and ``model`` is the answer's model (the official's is always ``""``); an embedding's
  completion tokens are 0 (the official counts the printed vectors);
* an event that fails is not logged (the official's transformers fail on the exception's
  payload); values JSON cannot encode are sent as their attributes, else their ``str``; the
  caller's ``metadata`` dict is not changed;
* the api key may come from PORTKEY_API_KEY and the URL from PORTKEY_BASE_URL; a failed POST
  is a warning on the ``portkey`` logger (never with the key), with a 30 s timeout.
"""

from __future__ import annotations

import contextvars
import logging
import os
import threading
import time
from typing import Any, Dict, List, Optional, Tuple
from uuid import uuid4

try:
    from llama_index.core.callbacks.base_handler import BaseCallbackHandler
    from llama_index.core.callbacks.schema import CBEventType
except ImportError as exc:  # pragma: no cover - exercised without the extra
    from ..llms._extras import missing_extra

    raise missing_extra("llamaindex", "portkey.llamaindex", exc) from exc

import httpx

from .._client import PORTKEY_BASE_URL
from . import _transform

__all__ = ["LlamaIndexCallbackHandler"]

logger = logging.getLogger("portkey")

# The event types the official logs (the others are seen only to know who is whose parent).
_LOGGED = frozenset(
    (
        "llm",
        "embedding",
        "agent_step",
        "function_call",
        "query",
        "retrieve",
        "templating",
        "sub_question",
    )
)


class _Trace:
    """The spans of one trace, sent when it ends."""

    __slots__ = ("closed", "events", "spans", "trace_id")

    def __init__(self, trace_id: str) -> None:
        self.trace_id = trace_id
        self.spans: List[Dict[str, Any]] = []
        self.events: List[str] = []  # the ids of its events, to forget them when it ends
        self.closed = False


class _Open:
    """A logged event between its start and its end."""

    __slots__ = ("prompt_tokens", "span", "trace")

    def __init__(self, span: Dict[str, Any], trace: _Trace, prompt_tokens: int) -> None:
        self.span = span
        self.trace = trace
        self.prompt_tokens = prompt_tokens


class LlamaIndexCallbackHandler(BaseCallbackHandler):
    """Logs LlamaIndex events to Portkey (``{base_url}/logs``)::

        from llama_index.core import Settings
        from llama_index.core.callbacks import CallbackManager

        handler = LlamaIndexCallbackHandler(api_key="PORTKEY_API_KEY")
        Settings.callback_manager = CallbackManager([handler])

    ``metadata`` goes on every span (``traceId`` in it fixes the trace id); ``base_url`` is
    Portkey's API (default: the hosted one).
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        metadata: Optional[Dict[str, Any]] = None,
        base_url: Optional[str] = None,
    ) -> None:
        # Every event reaches the handler (the official ignores six types outright) so that a
        # logged span's parent can skip the ones that are not logged.
        super().__init__(event_starts_to_ignore=[], event_ends_to_ignore=[])
        api_key = api_key or os.environ.get("PORTKEY_API_KEY")
        if not api_key:
            raise ValueError(
                "LlamaIndexCallbackHandler needs a Portkey API key: pass api_key=... or set "
                "PORTKEY_API_KEY"
            )
        self._api_key = api_key
        base = base_url or os.environ.get("PORTKEY_BASE_URL") or PORTKEY_BASE_URL
        self.base_url = base.rstrip("/")
        self.url = self.base_url + "/logs"
        self.metadata: Dict[str, Any] = {
            **(metadata or {}),
            "_source": "LlamaIndex",
            "_source_type": "Agent",
        }
        self._lock = threading.Lock()
        self._current: contextvars.ContextVar[Optional[_Trace]] = contextvars.ContextVar(
            f"portkey_llamaindex_trace_{id(self)}", default=None
        )
        # The events of open traces: their trace and whether they are logged, their parent.
        self._events: Dict[str, Tuple[_Trace, bool]] = {}
        self._parents: Dict[str, str] = {}
        self._open: Dict[str, _Open] = {}  # logged events not ended yet, by id
        self._counter: Any = None
        self._http: Optional[httpx.Client] = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(url={self.url!r})"

    @property
    def api_key(self) -> str:
        return self._api_key

    # Token estimates (llama-index's TokenCounter, as the official; built on first use) ---------

    def _count_messages(self, messages: List[Any]) -> int:
        return int(self._token_counter().estimate_tokens_in_messages(messages))

    def _count_text(self, text: str) -> int:
        return int(self._token_counter().get_string_tokens(text))

    def _token_counter(self) -> Any:
        if self._counter is None:
            from llama_index.core.utilities.token_counting import TokenCounter

            self._counter = TokenCounter()
        return self._counter

    # Traces ----------------------------------------------------------------------------------

    def start_trace(self, trace_id: Optional[str] = None) -> None:
        """A trace starts (the outermost of the callback manager's)."""
        trace = _Trace(str(self.metadata.get("traceId") or uuid4()))
        self._current.set(trace)

    def end_trace(
        self,
        trace_id: Optional[str] = None,
        trace_map: Optional[Dict[str, List[str]]] = None,
    ) -> None:
        """The trace ends: its spans are sent (those still open are sent when they end)."""
        trace = self._current.get()
        if trace is None:
            return
        self._current.set(None)
        with self._lock:
            trace.closed = True
            for event in trace.events:
                self._parents.pop(event, None)
                self._events.pop(event, None)
            spans, trace.spans = trace.spans, []
        if spans:
            self._send(spans)

    # Events ----------------------------------------------------------------------------------

    def on_event_start(
        self,
        event_type: CBEventType,
        payload: Optional[Dict[str, Any]] = None,
        event_id: str = "",
        parent_id: str = "",
        **kwargs: Any,
    ) -> str:
        kind = _kind(event_type)
        event_id, parent_id = str(event_id), str(parent_id or "")
        with self._lock:
            known = self._events.get(parent_id)
            trace = known[0] if known is not None else self._current.get()
            if trace is None or trace.closed:  # outside any open trace: a trace of its own
                trace = _Trace(str(self.metadata.get("traceId") or uuid4()))
                trace.closed = True
                parent = ""
            else:
                parent = self._logged_ancestor(parent_id)
                trace.events.append(event_id)
                self._events[event_id] = (trace, kind in _LOGGED)
                self._parents[event_id] = parent_id
        if kind not in _LOGGED:
            return event_id
        request, prompt_tokens = self._request(kind, payload)
        span = {
            "span_id": event_id,
            "parent_span_id": parent,
            "span_name": kind,
            "trace_id": trace.trace_id,
            "request": request,
            "event_type": kind,
            "start_time": time.time(),
            "metadata": self.metadata,
        }
        with self._lock:
            self._open[event_id] = _Open(span, trace, prompt_tokens)
        return event_id

    def _logged_ancestor(self, parent_id: str) -> str:
        """The nearest ancestor that is logged ("" for none: the official's root parent)."""
        seen = set()
        while parent_id and parent_id not in seen:
            known = self._events.get(parent_id)
            if known is not None and known[1]:
                return parent_id
            seen.add(parent_id)
            parent_id = self._parents.get(parent_id, "")
        return ""

    def _request(self, kind: str, payload: Any) -> Any:
        if kind == "llm":
            return _transform.llm_request(payload, self._count_messages)
        if kind == "embedding":
            return _transform.embedding_request(payload), 0
        if kind == "function_call":
            return _transform.function_call_request(payload), 0
        if kind == "templating":
            return _transform.templating_request(payload), 0
        return _transform.json_request(payload), 0

    def on_event_end(
        self,
        event_type: CBEventType,
        payload: Optional[Dict[str, Any]] = None,
        event_id: str = "",
        **kwargs: Any,
    ) -> None:
        event_id = str(event_id)
        with self._lock:
            event = self._open.pop(event_id, None)
        if event is None:
            return  # not logged, or its start was not seen
        if isinstance(payload, dict) and "exception" in payload:
            return  # a failed event is not logged
        span = event.span
        span["response"] = self._response(_kind(event_type), payload, event, span)
        elapsed = f"{((time.time() - span['start_time']) * 1000):04.0f}"
        if _kind(event_type) == "sub_question" and "body" in span["response"]:
            span["response"]["body"]["response_time"] = elapsed
        else:
            span["response"]["response_time"] = elapsed
        with self._lock:
            if not event.trace.closed:
                event.trace.spans.append(span)
                return
        self._send([span])  # its trace was sent already

    def _response(
        self, kind: str, payload: Any, event: _Open, span: Dict[str, Any]
    ) -> Dict[str, Any]:
        if payload is None:
            return {}
        if kind == "llm":
            return _transform.llm_response(
                payload,
                span["span_id"],
                span["request"],
                event.prompt_tokens,
                self._count_messages,
                self._count_text,
            )
        if kind == "embedding":
            return _transform.embedding_response(payload, span["request"], self._count_text)
        if kind == "templating":  # the official's transform of a templating end is unused
            return {}
        if kind == "sub_question":
            return _transform.sub_question_response(payload)
        return _transform.plain_response(kind, payload)

    # Sending ---------------------------------------------------------------------------------

    def _send(self, spans: List[Dict[str, Any]]) -> None:
        body = _transform.to_json(spans)
        headers = {"Content-Type": "application/json", "x-portkey-api-key": self._api_key}
        try:
            if self._http is None:
                self._http = httpx.Client(timeout=30.0)
            answer = self._http.post(self.url, content=body.encode(), headers=headers)
        except httpx.HTTPError as exc:
            logger.warning("Portkey: the LlamaIndex log could not be sent to %s: %r", self.url, exc)
            return
        if answer.status_code >= 400:
            logger.warning(
                "Portkey: the LlamaIndex log was refused by %s: HTTP %d",
                self.url,
                answer.status_code,
            )

    def close(self) -> None:
        """Close the HTTP connection (a new one is opened if the handler logs again)."""
        if self._http is not None:
            self._http.close()
            self._http = None


def _kind(event_type: Any) -> str:
    return str(getattr(event_type, "value", event_type))
