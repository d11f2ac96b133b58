"""``Portkey(instrumentation=True)`` (issue 14): the process-wide setup and what it sends, each
run in a fresh process (it sets the process's tracer provider) against a local stand-in for
Portkey's API.

* The ``/logs`` export compared with the official SDK's for the same run
  (``tests/fixtures/instrumentation/official_export.json``, recorded by
  ``capture_official_export.py``); the trace id the call sent is the one the export logs.
* One exporter per process, on the caller's own tracer provider when there is one.
* The OTLP exporter's request: Portkey's OTel path and header, an OTLP protobuf body.
* A missing OpenTelemetry names the extra; the README's example runs as written.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

from .capture_official_export import OUT as FIXTURE
from .capture_official_export import Answering, normalize_log
from .support import require

require("opentelemetry.sdk.trace", "instrumentation")

from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import SimpleSpanProcessor  # noqa: E402

from portkey.instrumentation import otlp_span_exporter  # noqa: E402

HERE = Path(__file__).parent
KEY = "pk-test-secret-key"


def run_script(code: str, cwd: Path, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, **env},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# The official's export ------------------------------------------------------------------------


OURS = """
import json, sys
sys.path.insert(0, {here!r})
from capture_official_export import run
from opentelemetry import trace
from portkey import Portkey

def make(base_url):
    return Portkey(api_key="pk-capture-key", base_url=base_url, instrumentation=True)

print(json.dumps(run(make, lambda: trace.get_tracer_provider().force_flush())))
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "openai")))
"""


def test_instrumentation_true_exports_as_the_official(tmp_path: Path) -> None:
    lines = run_script(OURS.format(here=str(HERE)), tmp_path).strip().splitlines()
    ours, openai_loaded = json.loads(lines[-2])["records"], json.loads(lines[-1])
    assert openai_loaded == []
    official = json.loads(FIXTURE.read_text(encoding="utf-8"))["records"]

    def by_path(records: List[Dict[str, Any]], path: str) -> List[Dict[str, Any]]:
        return [r for r in records if r["path"] == path]

    (their_export,), (our_export,) = by_path(official, "/v1/logs"), by_path(ours, "/v1/logs")
    for name in ("content-type", "x-portkey-api-key"):
        assert our_export["headers"][name] == their_export["headers"][name]
    assert our_export["method"] == their_export["method"] == "POST"
    # The official's two spans, in the same order and shape; ours adds the chat call's span.
    ours_by_name = {log["metadata"]["spanName"]: log for log in our_export["body"]}
    theirs = [normalize_log(log) for log in their_export["body"]]
    assert [t["metadata"]["spanName"] for t in theirs] == ["step", "agent"]
    assert [normalize_log(ours_by_name[t["metadata"]["spanName"]]) for t in theirs] == theirs
    assert list(ours_by_name) == ["chat gpt-rec", "step", "agent"]
    chat = normalize_log(ours_by_name["chat gpt-rec"])
    assert chat["metadata"]["_source"] == "unknown"
    assert chat["request"]["body"]["attributes"]["gen_ai.usage.output_tokens"] == 2
    assert chat["request"]["body"]["kind"] == "SpanKind.CLIENT"
    assert "a recorded question" not in json.dumps(our_export["body"])
    # The call carried the trace id the export logs (the official's call carries none).
    (their_call,), (our_call,) = (by_path(r, "/v1/chat/completions") for r in (official, ours))
    assert "x-portkey-trace-id" not in their_call["headers"]
    trace_ids = {log["metadata"]["traceId"] for log in our_export["body"]}
    assert trace_ids == {our_call["headers"]["x-portkey-trace-id"]}


SETUP = """
import json, sys
sys.path.insert(0, {here!r})
from capture_official_export import Answering
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from portkey import Portkey

mine = InMemorySpanExporter()  # the caller's own tracing, set up first
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(mine))
trace.set_tracer_provider(provider)
messages = [{{"role": "user", "content": "q"}}]
with Answering() as first, Answering() as second:
    one = Portkey(api_key="pk-one", base_url=first.base + "/v1", instrumentation=True)
    two = Portkey(api_key="pk-two", base_url=second.base + "/v1", instrumentation=True)
    with trace.get_tracer("app").start_as_current_span("job"):
        one.chat.completions.create(model="m1", messages=messages)
        two.with_options(timeout=9).chat.completions.create(model="m2", messages=messages)
    provider.force_flush()
    print(json.dumps({{
        "same_provider": trace.get_tracer_provider() is provider,
        "mine": sorted(s.name for s in mine.get_finished_spans()),
        "first": [r for r in first.requests() if r["path"] == "/v1/logs"],
        "second": [r for r in second.requests() if r["path"] == "/v1/logs"],
        "calls": [r["headers"]["x-portkey-trace-id"] for r in first.requests() + second.requests()
                  if r["path"] == "/v1/chat/completions"],
    }}))
"""


def test_one_exporter_per_process_on_the_callers_own_provider(tmp_path: Path) -> None:
    """The caller's tracer provider is kept (its spans still reach the caller's exporter);
    the first instrumentation=True client's key and URL get every span, the second adds none
    (the official's second setup cannot replace the provider either)."""
    seen = json.loads(run_script(SETUP.format(here=str(HERE)), tmp_path).strip().splitlines()[-1])
    assert seen["same_provider"] is True
    assert seen["mine"] == ["chat m1", "chat m2", "job"]
    assert seen["second"] == []
    (export,) = seen["first"]
    assert export["headers"]["x-portkey-api-key"] == "pk-one"
    logs = export["body"]
    assert sorted(log["metadata"]["spanName"] for log in logs) == seen["mine"]
    trace_ids = {log["metadata"]["traceId"] for log in logs}
    assert len(trace_ids) == 1 and seen["calls"] == [*trace_ids] * 2


# The OTLP exporter --------------------------------------------------------------------------


class _RawRecorder(BaseHTTPRequestHandler):
    records: List[Tuple[str, Dict[str, str], bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        self.records.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_the_otlp_exporter_sends_otlp_to_portkeys_otel_endpoint() -> None:
    require("opentelemetry.exporter.otlp.proto.http", "instrumentation")
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
        ExportTraceServiceRequest,
    )

    _RawRecorder.records = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RawRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/v1"
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(otlp_span_exporter(KEY, base)))
        with provider.get_tracer("app").start_as_current_span("otlp-span") as span:
            span.set_attribute("gen_ai.request.model", "m")
        provider.shutdown()
    finally:
        server.shutdown()
        server.server_close()
    ((path, headers, body),) = _RawRecorder.records
    assert path == "/v1/otel/v1/traces"
    assert headers["x-portkey-api-key"] == KEY
    assert headers["content-type"] == "application/x-protobuf"
    request = ExportTraceServiceRequest.FromString(body)
    (sent,) = request.resource_spans[0].scope_spans[0].spans
    assert sent.name == "otlp-span"
    assert [(a.key, a.value.string_value) for a in sent.attributes] == [
        ("gen_ai.request.model", "m")
    ]
    with pytest.raises(ValueError, match="api key"):
        otlp_span_exporter(None, base)


def test_a_missing_opentelemetry_names_the_extra(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        sys.modules["opentelemetry"] = None  # as if not installed
        from portkey import Portkey
        for attempt in (lambda: __import__("portkey.instrumentation"),
                        lambda: Portkey(base_url="http://x/v1", instrumentation=True)):
            try:
                attempt()
            except ImportError as exc:
                print(exc)
        """
    )
    lines = run_script(script, tmp_path).strip().splitlines()
    assert len(lines) == 2
    for line in lines:
        assert "pip install 'portkey-fast[instrumentation]'" in line


# The README's example ------------------------------------------------------------------------


def test_the_readme_tracing_example_runs_as_written(tmp_path: Path) -> None:
    """Run as written, with PORTKEY_BASE_URL on a local stand-in for Portkey (the call and the
    export both go there); the export happens as the process exits."""
    text = (HERE.parent.parent / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Tracing\n", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.S)
    with Answering() as server:
        out = run_script(code, tmp_path, PORTKEY_BASE_URL=server.base + "/v1")
        records = server.requests()
    assert out == "recorded answer\n"
    (call,) = [r for r in records if r["path"] == "/v1/chat/completions"]
    logs = [log for r in records if r["path"] == "/v1/logs" for log in r["body"]]
    assert {log["metadata"]["spanName"] for log in logs} == {"answer-question", "chat gpt-4o-mini"}
    assert {log["metadata"]["traceId"] for log in logs} == {call["headers"]["x-portkey-trace-id"]}
    (chat,) = [log for log in logs if log["metadata"]["spanName"] == "chat gpt-4o-mini"]
    attrs = chat["request"]["body"]["attributes"]
    assert attrs["gen_ai.request.model"] == "gpt-4o-mini"
    assert attrs["gen_ai.usage.output_tokens"] == 2
    assert "Hello" not in json.dumps(logs)
