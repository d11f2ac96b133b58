"""Spans of our own client's calls: one span per call (a stream's ends when the stream ends),
after the OpenTelemetry GenAI semantic conventions, and the active trace id sent as
``x-portkey-trace-id`` so Portkey's trace view and the caller's tracing agree.

``Portkey._request`` / ``AsyncPortkey._request`` call ``ClientTracer.run`` / ``arun`` when the
client has one; both are a ``start`` and a ``finish`` or ``fail`` around the plain request, so
the logic is written once (``CallSpan``). One span covers a call's retries. A
``with_raw_response`` call's span reads the usage from the body already read; a raw stream's
(``with_raw_response`` or ``with_streaming_response`` of a stream) ends when its headers arrive.
"""

from __future__ import annotations

import os
import time
import uuid
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Mapping, Optional

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import Span, SpanKind, Status, StatusCode
from typing_extensions import Literal

from .._types import Call
from .._version import __version__
from . import _genai

if TYPE_CHECKING:
    from .._base_client import BaseClient

__all__ = ["CallSpan", "ClientTracer", "Tracing"]

TRACE_HEADER = "x-portkey-trace-id"
_CAPTURE_ENV = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"
# Response headers (x-portkey-*, prefix removed) kept as span attributes.
_PORTKEY_HEADERS = (
    ("trace-id", "portkey.trace_id", str),
    ("cache-status", "portkey.cache_status", str),
    ("retry-attempt-count", "portkey.retry_attempt_count", int),
    ("last-used-option-index", "portkey.last_used_option_index", str),
)


def trace_header_value(trace_id: int, trace_id_format: str) -> str:
    """The ``x-portkey-trace-id`` for an OpenTelemetry trace id: its W3C form (32 hex digits),
    or for ``"uuid"`` the UUID the official SDK's Portkey exporter logs the trace under
    (``uuid5(NAMESPACE_DNS, str(trace_id))``)."""
    if trace_id_format == "uuid":
        return str(uuid.uuid5(uuid.NAMESPACE_DNS, str(trace_id)))
    return format(trace_id, "032x")


class Tracing:
    """How a client traces its calls: ``Portkey(instrumentation=Tracing(...))``.

    ``tracer_provider``: where the spans go (default: the global one). ``capture_content``:
    add prompts and completions as ``gen_ai.input.messages`` / ``gen_ai.output.messages``
    (default: the ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`` environment variable,
    else off). ``trace_header``: send the active trace id as ``x-portkey-trace-id`` when the
    caller did not set one. ``trace_id_format``: ``"hex"`` (the W3C trace id, as your tracing
    backend shows it) or ``"uuid"`` (as the official SDK's Portkey exporter logs it).
    ``Portkey(instrumentation=True)`` uses the one that matches the exporter it installs.
    """

    __slots__ = ("capture_content", "trace_header", "trace_id_format", "tracer_provider")

    def __init__(
        self,
        *,
        tracer_provider: Optional[trace.TracerProvider] = None,
        capture_content: Optional[bool] = None,
        trace_header: bool = True,
        trace_id_format: Literal["hex", "uuid"] = "hex",
    ) -> None:
        if trace_id_format not in ("hex", "uuid"):
            raise ValueError(f"trace_id_format must be 'hex' or 'uuid', not {trace_id_format!r}")
        if capture_content is None:
            flag = os.environ.get(_CAPTURE_ENV, "").strip().lower()
            capture_content = flag in ("1", "true", "yes", "on")
        self.tracer_provider = tracer_provider
        self.capture_content = bool(capture_content)
        self.trace_header = bool(trace_header)
        self.trace_id_format: str = trace_id_format

    def __repr__(self) -> str:
        return (
            f"Tracing(capture_content={self.capture_content}, trace_header={self.trace_header}, "
            f"trace_id_format={self.trace_id_format!r})"
        )


def _copy_call(call: Call[Any], extra_headers: Mapping[str, Optional[str]]) -> Call[Any]:
    new: Call[Any] = Call.__new__(Call)
    for name in Call.__slots__:
        setattr(new, name, getattr(call, name))
    new.extra_headers = extra_headers
    return new


class ClientTracer:
    """The spans of one client's calls (built once per client, from its ``Tracing``)."""

    __slots__ = ("_capture", "_header_set", "_provider", "_server", "_tracer", "settings")

    def __init__(self, settings: Tracing, client: BaseClient[Any]) -> None:
        self.settings = settings
        self._tracer = trace.get_tracer("portkey", __version__, settings.tracer_provider)
        self._capture = settings.capture_content
        self._server = _genai.server_attributes(client.base_url)
        self._provider = _genai.provider_name(client.provider) or "portkey"
        # A trace id the client's options already send wins over the span's.
        self._header_set = TRACE_HEADER in client._headers or not settings.trace_header

    def run(self, request: Callable[[Call[Any], Any, bool], Any], call: Call[Any], raw: Any) -> Any:
        """``request(call, raw, True)`` inside a span (the sync client)."""
        span = self.start(call)
        try:
            result = request(span.call, raw, True)
        except BaseException as exc:
            span.fail(exc)
            raise
        return span.finish(result, raw)

    async def arun(
        self,
        request: Callable[[Call[Any], Any, bool], Awaitable[Any]],
        call: Call[Any],
        raw: Any,
    ) -> Any:
        """``await request(call, raw, True)`` inside a span (the async client)."""
        span = self.start(call)
        try:
            result = await request(span.call, raw, True)
        except BaseException as exc:
            span.fail(exc)
            raise
        return span.finish(result, raw)

    def start(self, call: Call[Any]) -> CallSpan:
        """Start the call's span, make it current, and add the trace header to the call."""
        op = _genai.operation(call.method, call.path)
        attrs: _genai.Attrs = dict(self._server)
        observed: Optional[_genai.Observed] = None
        if op is not None:
            model, request_attrs = _genai.request_attributes(op, call.path, call.body)
            name = f"{op} {model}" if model else op
            attrs["gen_ai.provider.name"] = attrs["gen_ai.system"] = self._provider
            attrs.update(request_attrs)
            observed = _genai.Observed()
            if self._capture:
                attrs.update(_genai.content_attributes(call.body))
                observed.text = []
        else:
            name = _genai.route(call.method, call.path)
            attrs["http.request.method"] = call.method
        span = self._tracer.start_span(name, kind=SpanKind.CLIENT, attributes=attrs)
        token = otel_context.attach(trace.set_span_in_context(span))
        context = span.get_span_context()
        if not self._header_set and context.is_valid:
            extra = call.extra_headers or {}
            if not any(key.lower() == TRACE_HEADER for key in extra):
                value = trace_header_value(context.trace_id, self.settings.trace_id_format)
                call = _copy_call(call, {**extra, TRACE_HEADER: value})
        return CallSpan(call, span, token, observed, self._capture)


class CallSpan:
    """The span of one call: ended by ``fail``, by ``finish``, or, for a stream, when the
    stream ends (read to its end, failed, closed, or dropped)."""

    __slots__ = ("_capture", "_ended", "_first", "_observed", "_started", "_token", "call", "span")

    def __init__(
        self,
        call: Call[Any],
        span: Span,
        token: Any,
        observed: Optional[_genai.Observed],
        capture: bool,
    ) -> None:
        self.call = call
        self.span = span
        self._token = token
        self._observed = observed
        self._capture = capture
        self._started = time.monotonic()
        self._first = True
        self._ended = False

    def _detach(self) -> None:
        token, self._token = self._token, None
        if token is not None:
            otel_context.detach(token)

    def fail(self, exc: BaseException) -> None:
        """The call raised ``exc``: the span ends with an error status and ``error.type``."""
        self._detach()
        self._end(exc)

    def finish(self, result: Any, raw: Any) -> Any:
        """The call returned ``result``: end the span, or hand it to the stream to end."""
        self._detach()
        if self.call.stream and raw is False and _wrap_stream(result, self):
            return result  # the stream ends the span
        headers = _headers_of(result)
        if headers is not None:
            self._portkey_headers(headers)
        status = getattr(getattr(result, "http_response", None), "status_code", None)
        if isinstance(status, int):
            self.span.set_attribute("http.response.status_code", status)
        if self._observed is not None and not raw:
            self._observed.observe(result)
        elif self._observed is not None and raw is True and not self.call.stream:
            self._observe_raw(result)
        self._end(None)
        return result

    def _observe_raw(self, result: Any) -> None:
        """A ``RawResponse`` of a model call: its JSON body, already read, gives the usage."""
        assert self._observed is not None
        try:
            body = result.json()
        except Exception:
            return
        self._observed.observe(body)

    def _portkey_headers(self, headers: Mapping[str, str]) -> None:
        provider = headers.get("provider")
        if self._observed is not None and provider:
            name = _genai.provider_name(provider)
            if name:
                self.span.set_attribute("gen_ai.provider.name", name)
                self.span.set_attribute("gen_ai.system", name)
        for key, attribute, kind in _PORTKEY_HEADERS:
            value = headers.get(key)
            if value is None:
                continue
            if kind is int:
                if value.isdigit():
                    self.span.set_attribute(attribute, int(value))
            else:
                self.span.set_attribute(attribute, value)

    def observe(self, item: Any) -> None:
        """One item of the stream."""
        if self._first:
            self._first = False
            if self._observed is not None:
                elapsed = time.monotonic() - self._started
                self.span.set_attribute("gen_ai.response.time_to_first_chunk", elapsed)
        if self._observed is not None:
            self._observed.observe(item)

    def end_stream(self, exc: Optional[BaseException] = None, closed: bool = False) -> None:
        """The stream ended: read to its end, raised ``exc``, or was closed early."""
        if self._ended:
            return
        if closed:
            self.span.set_attribute("portkey.stream.closed_early", True)
        self._end(exc)

    def _end(self, exc: Optional[BaseException]) -> None:
        if self._ended:
            return
        self._ended = True
        span = self.span
        if self._observed is not None:
            span.set_attributes(self._observed.attributes())
        if exc is not None:
            kind = type(exc).__name__
            span.set_attribute("error.type", kind)
            status = getattr(exc, "status_code", None)
            if isinstance(status, int):
                span.set_attribute("http.response.status_code", status)
            headers = getattr(getattr(exc, "response", None), "headers", None)
            if headers is not None:
                self._portkey_headers(_prefixless(headers))
            if self._capture:  # the message may quote the request: only when content is wanted
                span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, kind))
        span.end()


def _prefixless(headers: Any) -> Mapping[str, str]:
    return {k[10:].lower(): v for k, v in headers.items() if k.lower().startswith("x-portkey-")}


def _headers_of(result: Any) -> Optional[Mapping[str, str]]:
    """The ``x-portkey-*`` response headers (prefix removed) a result carries, if any."""
    headers = getattr(result, "_headers", None)  # a typed result (BaseModel)
    if isinstance(headers, dict):
        return headers
    http_response = getattr(result, "http_response", None)  # RawResponse, StreamedResponse
    if http_response is None:
        http_response = getattr(result, "response", None)
    response_headers = getattr(http_response, "headers", None)
    if response_headers is not None and hasattr(response_headers, "items"):
        return _prefixless(response_headers)
    return None


class _TracedItems:
    """A sync stream's items, seen by the span; the span ends when they end."""

    __slots__ = ("_items", "_span")

    def __init__(self, items: Any, span: CallSpan) -> None:
        self._items = items
        self._span = span

    def __iter__(self) -> _TracedItems:
        return self

    def __next__(self) -> Any:
        try:
            item = next(self._items)
        except StopIteration:
            self._span.end_stream()
            raise
        except BaseException as exc:
            self._span.end_stream(exc)
            raise
        self._span.observe(item)
        return item

    def close(self) -> None:
        try:
            self._items.close()
        finally:
            self._span.end_stream(closed=True)

    def __del__(self) -> None:  # a stream dropped unread still ends its span
        self._span.end_stream(closed=True)


class _AsyncTracedItems:
    """An async stream's items, seen by the span (see ``_TracedItems``)."""

    __slots__ = ("_items", "_span")

    def __init__(self, items: Any, span: CallSpan) -> None:
        self._items = items
        self._span = span

    def __aiter__(self) -> _AsyncTracedItems:
        return self

    async def __anext__(self) -> Any:
        try:
            item = await self._items.__anext__()
        except StopAsyncIteration:
            self._span.end_stream()
            raise
        except BaseException as exc:
            self._span.end_stream(exc)
            raise
        self._span.observe(item)
        return item

    async def aclose(self) -> None:
        try:
            await self._items.aclose()
        finally:
            self._span.end_stream(closed=True)

    def __del__(self) -> None:
        self._span.end_stream(closed=True)


def _wrap_stream(stream: Any, span: CallSpan) -> bool:
    """Let ``span`` see the items of a ``Stream``/``AsyncStream`` and end with them."""
    headers = _headers_of(stream)
    if headers is not None:
        span._portkey_headers(headers)
    status = getattr(getattr(stream, "response", None), "status_code", None)
    if isinstance(status, int):
        span.span.set_attribute("http.response.status_code", status)
    for slot, wrapper in (("_iterator", _TracedItems), ("_aiterator", _AsyncTracedItems)):
        items = getattr(stream, slot, None)
        if items is not None:
            setattr(stream, slot, wrapper(items, span))
            return True
    return False
