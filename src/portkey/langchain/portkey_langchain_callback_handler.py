"""``LangchainCallbackHandler``: LangChain runs (chains, LLM calls, tools) logged to Portkey.

As the official SDK's handler: when a top-level run ends, its spans (itself and every run
under it, in the order they ended) are POSTed as one JSON list to ``{base_url}/logs`` with the
``x-portkey-api-key`` header; each span is ``{span_id, parent_span_id, span_name, trace_id,
request, start_time, metadata, response}`` with the official's request and response shapes
(see ``_transform``). Chat models reach ``on_llm_start`` as LangChain's buffer strings
(``"Human: ..."``), as they do for the official handler, which has no ``on_chat_model_start``.

Where we differ, on purpose:

* each top-level run keeps its own spans and trace id, so runs that overlap (``batch``,
  concurrent ``ainvoke``) are logged apart; the official keeps one list and one trace id for
  the handler and mixes them;
* a run is top-level when the handler saw no start of its parent (the official needs
  ``parent_run_id is None``, so a handler given to a model alone never sends a model call
  made inside a chain);
* a top-level LLM call or tool gets a trace id of its own (``metadata["traceId"]`` or a new
  one); the official reuses the last chain's, or sends ``""`` before any chain ran;
* a top-level tool run is sent when it ends (the official holds it until some later chain or
  LLM run ends);
* a run that fails drops its spans (the official keeps them and sends them with the next
  top-level run);
* values JSON cannot encode are sent as their attributes, else their ``str`` (the official's
  ``default=vars`` fails on a UUID, say, and nothing is sent); the caller's ``metadata`` dict
  is not changed;
* the api key may come from PORTKEY_API_KEY and the URL from PORTKEY_BASE_URL; a failed POST
  is a warning on the ``portkey`` logger (never with the key), with a 30 s timeout.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from typing import Any, Dict, List, Optional
from uuid import UUID, uuid4

try:
    from langchain_core.callbacks.base import BaseCallbackHandler
except ImportError as exc:  # pragma: no cover - exercised without the extra
    from ..llms._extras import missing_extra

    raise missing_extra("langchain", "portkey.langchain", exc) from exc

import httpx

from .._client import PORTKEY_BASE_URL
from . import _transform

__all__ = ["LangchainCallbackHandler"]

logger = logging.getLogger("portkey")


def _default(value: Any) -> Any:
    """JSON for what json cannot encode: the object's attributes (the official's ``vars``),
    else its str."""
    try:
        return vars(value)
    except TypeError:
        return str(value)


class _Trace:
    """The spans of one top-level run."""

    __slots__ = ("open", "spans", "trace_id")

    def __init__(self, trace_id: str) -> None:
        self.trace_id = trace_id
        self.open: Dict[str, Dict[str, Any]] = {}
        self.spans: List[Dict[str, Any]] = []


class LangchainCallbackHandler(BaseCallbackHandler):
    """Logs LangChain chains, LLM calls and tools to Portkey (``{base_url}/logs``)::

        handler = LangchainCallbackHandler(api_key="PORTKEY_API_KEY", metadata={"user": "u"})
        chain.invoke(inputs, config={"callbacks": [handler]})

    ``metadata`` goes on every span (``traceId`` in it fixes the trace id of chains);
    ``base_url`` is Portkey's API (default: the hosted one).
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        metadata: Optional[Dict[str, Any]] = None,
        base_url: Optional[str] = None,
    ) -> None:
        super().__init__()
        api_key = api_key or os.environ.get("PORTKEY_API_KEY")
        if not api_key:
            raise ValueError(
                "LangchainCallbackHandler needs a Portkey API key: pass api_key=... or set "
                "PORTKEY_API_KEY"
            )
        self._api_key = api_key
        self.base_url = (base_url or os.environ.get("PORTKEY_BASE_URL") or PORTKEY_BASE_URL).rstrip(
            "/"
        )
        self.url = self.base_url + "/logs"
        self.metadata: Dict[str, Any] = {
            **(metadata or {}),
            "_source": "Langchain",
            "_source_type": "Agent",
        }
        self._lock = threading.Lock()
        self._traces: Dict[str, _Trace] = {}  # by top-level run id
        self._roots: Dict[str, str] = {}  # run id -> its top-level run id
        self._http: Optional[httpx.Client] = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(url={self.url!r})"

    @property
    def api_key(self) -> str:
        return self._api_key

    # Span bookkeeping ----------------------------------------------------------------------

    def _start(
        self,
        kind: str,
        run_id: UUID,
        parent_run_id: Optional[UUID],
        name: str,
        request: Any,
        tags: Optional[List[str]],
    ) -> None:
        run, parent = str(run_id), str(parent_run_id) if parent_run_id is not None else None
        with self._lock:
            root = self._roots.get(parent) if parent is not None else None
            if root is None:  # a top-level run (for this handler)
                root = run
                trace_id = self.metadata.get("traceId") or str(uuid4())
                self._traces[run] = _Trace(str(trace_id))
            self._roots[run] = root
            trace = self._traces[root]
            # As the official: a top-level chain's parent span is "", any other top-level
            # run's is str(None).
            parent_span = "" if parent is None and kind == "chain" else str(parent_run_id)
            trace.open[run] = _transform.span(
                run, parent_span, name, trace.trace_id, request, kind, tags, self.metadata
            )

    def _end(self, run_id: UUID, response: Dict[str, Any]) -> None:
        run = str(run_id)
        with self._lock:
            root = self._roots.pop(run, None)
            trace = self._traces.get(root) if root is not None else None
            span = trace.open.pop(run, None) if trace is not None else None
            if trace is None or span is None:
                return  # its start was not seen
            response["response_time"] = f"{((time.time() - span['start_time']) * 1000):04.0f}"
            span["response"] = response
            trace.spans.append(span)
            if run != root:
                return
            del self._traces[root]
        self._send(trace.spans)

    def _fail(self, run_id: UUID) -> None:
        run = str(run_id)
        with self._lock:
            root = self._roots.pop(run, None)
            if root is not None and run == root:
                self._traces.pop(root, None)
                for key in [k for k, v in self._roots.items() if v == root]:
                    del self._roots[key]

    def _send(self, spans: List[Dict[str, Any]]) -> None:
        body = json.dumps(spans, default=_default)
        headers = {"Content-Type": "application/json", "x-portkey-api-key": self._api_key}
        try:
            answer = self._client().post(self.url, content=body.encode(), headers=headers)
        except httpx.HTTPError as exc:
            logger.warning("Portkey: the LangChain log could not be sent to %s: %r", self.url, exc)
            return
        if answer.status_code >= 400:
            logger.warning(
                "Portkey: the LangChain log was refused by %s: HTTP %d",
                self.url,
                answer.status_code,
            )

    def _client(self) -> httpx.Client:
        with self._lock:  # runs end in several threads at once (batch)
            if self._http is None:
                self._http = httpx.Client(timeout=30.0)
            return self._http

    def close(self) -> None:
        """Close the HTTP connection (a new one is opened if the handler logs again)."""
        with self._lock:
            http, self._http = self._http, None
        if http is not None:
            http.close()

    # LangChain's callbacks -----------------------------------------------------------------

    def on_llm_start(
        self,
        serialized: Dict[str, Any],
        prompts: List[str],
        *,
        run_id: UUID,
        parent_run_id: Optional[UUID] = None,
        tags: Optional[List[str]] = None,
        metadata: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> None:
        request = _transform.llm_request(serialized, prompts, kwargs)
        name = (serialized or {}).get("name", "llm")
        self._start("llm", run_id, parent_run_id, name, request, tags)

    def on_llm_end(
        self, response: Any, *, run_id: UUID, parent_run_id: Optional[UUID] = None, **kwargs: Any
    ) -> None:
        self._end(run_id, _transform.llm_response(response, kwargs))

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._fail(run_id)

    def on_chain_start(
        self,
        serialized: Dict[str, Any],
        inputs: Dict[str, Any],
        *,
        run_id: UUID,
        parent_run_id: Optional[UUID] = None,
        tags: Optional[List[str]] = None,
        metadata: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> None:
        request = _transform.chain_request(serialized, inputs, kwargs)
        self._start("chain", run_id, parent_run_id, request.get("name", "chain"), request, tags)

    def on_chain_end(
        self,
        outputs: Dict[str, Any],
        *,
        run_id: UUID,
        parent_run_id: Optional[UUID] = None,
        **kwargs: Any,
    ) -> None:
        self._end(run_id, _transform.chain_response(outputs))

    def on_chain_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._fail(run_id)

    def on_tool_start(
        self,
        serialized: Dict[str, Any],
        input_str: str,
        *,
        run_id: UUID,
        parent_run_id: Optional[UUID] = None,
        tags: Optional[List[str]] = None,
        metadata: Optional[Dict[str, Any]] = None,
        inputs: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> None:
        request = {"serialized": serialized, "input_str": input_str, "inputs": inputs}
        name = (serialized or {}).get("name", "tool")
        self._start("tool", run_id, parent_run_id, name, request, tags)

    def on_tool_end(
        self, output: Any, *, run_id: UUID, parent_run_id: Optional[UUID] = None, **kwargs: Any
    ) -> None:
        self._end(run_id, {"output": output})

    def on_tool_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._fail(run_id)
