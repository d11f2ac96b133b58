"""``Portkey(instrumentation=True)``: the process-wide setup the official SDK does (a tracer
provider whose spans go to Portkey's logs, and the framework instrumentors), and the client's
own spans."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from typing_extensions import Literal

from ._export import PortkeySpanExporter, otlp_span_exporter
from ._frameworks import instrument_installed
from ._spans import ClientTracer, Tracing

if TYPE_CHECKING:
    from .._base_client import BaseClient

__all__ = ["client_tracer", "initialize_instrumentation"]

_lock = threading.Lock()
# The one Portkey exporter of the process, (api_key, base_url, kind): the first setup's, as with
# the official (whose later setups cannot replace the tracer provider); every span of the
# process goes through it, so a second one would only log them all twice.
_installed: List[Tuple[Optional[str], str, str]] = []


def initialize_instrumentation(
    api_key: Optional[str] = None,
    base_url: Optional[str] = None,
    *,
    exporter: Literal["logs", "otlp"] = "logs",
) -> TracerProvider:
    """Send this process's spans to Portkey and turn on the installed frameworks'
    instrumentors (CrewAI, LiteLLM, LangGraph), as the official SDK's function of this name.

    ``exporter="logs"`` (the official's): batches posted to ``{base_url}/logs``;
    ``"otlp"``: OTLP/HTTP to ``{base_url}/otel/v1/traces``. The global tracer provider is
    used when it is already an SDK ``TracerProvider`` (the official would try to replace it,
    and its spans would then go nowhere); else one is made and set. Only the first call adds
    an exporter (later ones, whatever their key and URL, add nothing). Returns the provider.
    """
    from .._base_client import PORTKEY_BASE_URL

    url = (base_url or PORTKEY_BASE_URL).rstrip("/")
    with _lock:
        provider = trace.get_tracer_provider()
        if not isinstance(provider, TracerProvider):
            provider = TracerProvider()
            trace.set_tracer_provider(provider)
        if not _installed:
            if exporter == "otlp":
                span_exporter: Any = otlp_span_exporter(api_key, url)
            elif exporter == "logs":
                span_exporter = PortkeySpanExporter(api_key, url)
            else:
                raise ValueError(f"exporter must be 'logs' or 'otlp', not {exporter!r}")
            provider.add_span_processor(BatchSpanProcessor(span_exporter))
            _installed.append((api_key, url, exporter))
        instrument_installed()
    return provider


def client_tracer(client: BaseClient[Any], instrumentation: Any) -> Optional[ClientTracer]:
    """The tracer of a client built with ``instrumentation=...``: True sets up the process as
    the official does (see ``initialize_instrumentation``); a ``Tracing`` only traces the
    client's calls with it; False/None traces nothing."""
    if isinstance(instrumentation, Tracing):
        return ClientTracer(instrumentation, client)
    if instrumentation is True:
        provider = initialize_instrumentation(client.api_key, client.base_url)
        kind = _installed[0][2] if _installed else "logs"
        # The trace id as the installed exporter shows it in Portkey (see Tracing).
        settings = Tracing(
            tracer_provider=provider, trace_id_format="uuid" if kind == "logs" else "hex"
        )
        return ClientTracer(settings, client)
    if instrumentation in (None, False):
        return None
    raise TypeError(
        "instrumentation must be True, False or a portkey.instrumentation.Tracing, "
        f"not {type(instrumentation).__name__}"
    )
