"""OpenTelemetry tracing for the portkey client (``pip install 'portkey-fast[instrumentation]'``).

``Portkey(instrumentation=True)`` does what the official SDK's does: the process's spans are
sent to Portkey's logs, and the CrewAI, LiteLLM and LangGraph instrumentors are turned on where
those packages are installed. Beyond it, the client's own calls make spans after the
OpenTelemetry GenAI semantic conventions (model, token usage, finish reasons, errors; never a
prompt, a completion or a key unless ``capture_content``), and the active trace id is sent as
``x-portkey-trace-id``. ``Portkey(instrumentation=Tracing(...))`` traces the client's calls
into your own tracer provider without sending anything to Portkey.

Importing this package imports OpenTelemetry; ``import portkey`` never does.
"""

from __future__ import annotations

try:
    import opentelemetry.sdk.trace
    import opentelemetry.trace  # noqa: F401
except ImportError as exc:
    from ..llms._extras import missing_extra

    raise missing_extra("instrumentation", "portkey.instrumentation", exc) from exc

from ._export import PortkeySpanExporter, otlp_span_exporter, span_to_log
from ._frameworks import (
    CrewAIInstrumentor,
    LanggraphInstrumentor,
    LitellmInstrumentor,
    instrument_installed,
)
from ._setup import initialize_instrumentation
from ._spans import TRACE_HEADER, Tracing, trace_header_value

__all__ = [
    "TRACE_HEADER",
    "CrewAIInstrumentor",
    "LanggraphInstrumentor",
    "LitellmInstrumentor",
    "PortkeySpanExporter",
    "Tracing",
    "initialize_instrumentation",
    "instrument_installed",
    "otlp_span_exporter",
    "span_to_log",
    "trace_header_value",
]
