"""Sending spans to Portkey.

``PortkeySpanExporter`` does what the official SDK's exporter does (``Portkey(instrumentation=
True)``): each batch is one ``POST {base_url}/logs`` with ``Content-Type: application/json`` and
``x-portkey-api-key``, its body a JSON list of log objects (``metadata`` with the trace id as
the official's UUID, ``request.body`` the span's own JSON). ``otlp_span_exporter`` sends OTLP
(protobuf over HTTP) to Portkey's OpenTelemetry endpoint, ``{base_url}/otel/v1/traces``.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from typing import Any, Dict, Optional, Sequence

import httpx
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

from .._version import __version__

__all__ = ["PortkeySpanExporter", "otlp_span_exporter", "span_to_log"]

log = logging.getLogger("portkey.instrumentation")

PORTKEY_BASE_URL = "https://api.portkey.ai/v1"


def _trace_uuid(trace_id: int) -> str:
    """The official's ``string_to_uuid``: uuid5 of the trace id's decimal digits."""
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, str(trace_id)))


def span_to_log(span: ReadableSpan) -> Dict[str, Any]:
    """The log object the official SDK's exporter makes of a span (the same keys and values)."""
    start_time = span.start_time
    end_time = span.end_time
    # ns → ms, computed as the official does (the same float)
    response_time: float = (end_time - start_time) * 10**-6 if start_time and end_time else 0
    attributes = span.attributes or {}
    context = span.context
    return {
        "metadata": {
            "traceId": _trace_uuid(context.trace_id) if context is not None else None,
            "spanId": context.span_id if context is not None else None,
            "spanName": span.name,
            "parentSpanId": span.parent.span_id if span.parent else None,
            "startTime": start_time,
            "endTime": end_time,
            "_logType": "opentelemetry",
            "_source": attributes.get("_source", "unknown") if attributes else "unknown",
            "framework.version": (
                attributes.get("framework.version", "unknown") if attributes else "unknown"
            ),
        },
        "request": {
            "method": "POST",
            "headers": {"Content-Type": "application/json"},
            "body": json.loads(span.to_json()),
        },
        "response": {
            "status": 200,
            "headers": {"Content-Type": "application/json"},
            "body": {},
            "response_time": response_time,
        },
    }


class PortkeySpanExporter(SpanExporter):
    """Spans to Portkey's logs, as the official SDK's ``PortkeySpanExporter`` sends them.

    ``api_key`` defaults to ``PORTKEY_API_KEY``; ``base_url`` to Portkey's hosted API.
    A batch that cannot be sent (no key, a connection error, an error status) is dropped and
    logged on the ``portkey.instrumentation`` logger, without the key.
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        *,
        timeout: float = 10.0,
    ) -> None:
        self._api_key = api_key or os.environ.get("PORTKEY_API_KEY") or None
        self.base_url = (base_url or PORTKEY_BASE_URL).rstrip("/")
        self.url = self.base_url + "/logs"
        self._timeout = httpx.Timeout(timeout, connect=min(timeout, 5.0))
        self._client: Optional[httpx.Client] = None
        self._lock = threading.Lock()
        self._warned = False

    def __repr__(self) -> str:
        return f"PortkeySpanExporter(url={self.url!r})"

    def _http(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(timeout=self._timeout)
            return self._client

    def export(self, spans: Sequence[ReadableSpan], **kwargs: Any) -> SpanExportResult:
        if not spans:
            return SpanExportResult.SUCCESS
        if self._api_key is None:
            if not self._warned:
                self._warned = True
                log.warning("Portkey span export skipped: no api_key and no PORTKEY_API_KEY")
            return SpanExportResult.FAILURE
        body = json.dumps([span_to_log(span) for span in spans], default=str)
        headers = {
            "Content-Type": "application/json",
            "x-portkey-api-key": self._api_key,
            "User-Agent": f"portkey-python/{__version__}",
        }
        try:
            response = self._http().post(self.url, content=body.encode(), headers=headers)
        except httpx.HTTPError as exc:
            log.warning("Portkey span export failed: %s", type(exc).__name__)
            return SpanExportResult.FAILURE
        if response.status_code >= 400:
            log.warning("Portkey span export failed: HTTP %s", response.status_code)
            return SpanExportResult.FAILURE
        return SpanExportResult.SUCCESS

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True

    def shutdown(self) -> None:
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()


def otlp_span_exporter(
    api_key: Optional[str] = None, base_url: Optional[str] = None, **options: Any
) -> SpanExporter:
    """An OTLP/HTTP (protobuf) exporter to Portkey's OpenTelemetry endpoint,
    ``{base_url}/otel/v1/traces``, authenticated by ``x-portkey-api-key`` (Portkey's
    documented ``OTEL_EXPORTER_OTLP_ENDPOINT`` / ``_HEADERS`` setup). ``options`` go to
    ``OTLPSpanExporter`` (``timeout``, ``compression``, ...)."""
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    except ImportError as exc:
        from ..llms._extras import missing_extra

        raise missing_extra(
            "instrumentation", "portkey.instrumentation's OTLP exporter", exc
        ) from exc
    key = api_key or os.environ.get("PORTKEY_API_KEY")
    if not key:
        raise ValueError("Portkey's OTLP endpoint needs an api key: pass api_key=...")
    endpoint = (base_url or PORTKEY_BASE_URL).rstrip("/") + "/otel/v1/traces"
    headers = {**options.pop("headers", {}), "x-portkey-api-key": key}
    return OTLPSpanExporter(endpoint=endpoint, headers=headers, **options)
