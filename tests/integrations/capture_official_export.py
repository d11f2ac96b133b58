"""Record what the official SDK's ``Portkey(instrumentation=True)`` sends for a fixed run, into
``tests/fixtures/instrumentation/official_export.json`` (run it with the official's venv, with
opentelemetry-sdk, opentelemetry-instrumentation, wrapt and requests installed there):

    /tmp/official/bin/python tests/integrations/capture_official_export.py

Also ``official_frameworks.json``: the CrewAI, LiteLLM and LangGraph instrumentors' spans for
``framework_stubs.scenario`` (``run_frameworks``), in a second process.

The run (``scenario``): an ``agent`` span with ``_source``/``framework.version`` attributes
holding a ``step`` span with a few attributes and one event, then a chat call through the client
while ``step`` is current; then a flush. The recording server answers the chat call, so the
capture shows both what the exporter posts and which headers the call carried.
``test_instrumentation.py`` runs the same scenario with ours and compares.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any, Callable, Dict, Optional

sys.path.insert(0, str(Path(__file__).parent))

from local_servers import LocalServer  # noqa: E402

OUT = Path(__file__).parent.parent / "fixtures" / "instrumentation" / "official_export.json"
FRAMEWORKS = OUT.with_name("official_frameworks.json")
CHAT = {
    "id": "chatcmpl-rec-1",
    "object": "chat.completion",
    "created": 1700000000,
    "model": "gpt-rec-2024",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "recorded answer"},
            "finish_reason": "stop",
        }
    ],
    "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7},
}


class Answering(LocalServer):
    """Answers a chat completion on /v1/chat/completions, ``{"success": true}`` elsewhere."""

    def respond(self, record: Dict[str, Any]) -> Any:
        body = CHAT if record["path"].endswith("/chat/completions") else {"success": True}
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()


def scenario(client: Any, tracer: Any) -> None:
    """The run both SDKs make (the same calls, the same span names and attributes)."""
    with tracer.start_as_current_span("agent") as agent:
        agent.set_attribute("_source", "crewai")
        agent.set_attribute("framework.version", "1.2.3")
        with tracer.start_as_current_span("step") as step:
            step.set_attribute("step.index", 1)
            step.set_attribute("step.tags", ["a", "b"])
            step.add_event("picked", {"tool": "search"})
            client.chat.completions.create(
                model="gpt-rec", messages=[{"role": "user", "content": "a recorded question"}]
            )


def run(make_client: Callable[[str], Any], flush: Callable[[], Any]) -> Dict[str, Any]:
    from opentelemetry import trace

    with Answering() as server:
        client = make_client(server.base + "/v1")
        scenario(client, trace.get_tracer("capture"))
        flush()
        return {"records": server.requests()}


def run_frameworks(
    make_client: Callable[[str], Any],
    flush: Callable[[], Any],
    stubs: Path,
    more: Optional[Callable[[], Any]] = None,
) -> Dict[str, Any]:
    """The frameworks' run (``framework_stubs.scenario``): the stand-ins written to ``stubs``
    and put first on ``sys.path``, then a client with instrumentation=True, then the calls
    (and ``more()``, ours only)."""
    from framework_stubs import scenario, write_stubs

    sys.path.insert(0, str(write_stubs(stubs)))
    with Answering() as server:
        make_client(server.base + "/v1")
        seen = scenario()
        if more is not None:
            seen["more"] = more()
        flush()
        return {"seen": seen, "records": server.requests()}


def normalize_log(log: Dict[str, Any]) -> Dict[str, Any]:
    """A log object with its run-specific values checked (how each derives from the span) and
    replaced by placeholders, for comparison across runs and SDKs."""
    meta, body = dict(log["metadata"]), json.loads(json.dumps(log["request"]["body"]))
    context = body["context"]
    trace_int = int(context["trace_id"], 16)
    assert meta["traceId"] == str(uuid.uuid5(uuid.NAMESPACE_DNS, str(trace_int)))
    assert meta["spanId"] == int(context["span_id"], 16)
    parent = body["parent_id"]
    assert meta["parentSpanId"] == (int(parent, 16) if parent else None)
    assert meta["startTime"] <= meta["endTime"]
    response = dict(log["response"])
    assert response["response_time"] == (meta["endTime"] - meta["startTime"]) * 10**-6
    meta.update(traceId="<uuid>", spanId="<id>", startTime="<ns>", endTime="<ns>")
    meta["parentSpanId"] = "<id>" if parent else None
    response["response_time"] = "<ms>"
    context.update(trace_id="<hex>", span_id="<hex>")
    body["parent_id"] = "<hex>" if parent else None
    body["start_time"] = body["end_time"] = "<iso>"
    for event in body["events"]:
        event["timestamp"] = "<iso>"
    body["resource"]["attributes"]["service.instance.id"] = "<uuid>"
    return {
        **log,
        "metadata": meta,
        "request": {**log["request"], "body": body},
        "response": response,
    }


def main() -> None:
    import tempfile

    from opentelemetry import trace
    from portkey_ai import Portkey

    def make(base_url: str) -> Any:
        return Portkey(api_key="pk-capture-key", base_url=base_url, instrumentation=True)

    def flush() -> Any:
        return trace.get_tracer_provider().force_flush()  # type: ignore[attr-defined]

    if sys.argv[1:] == ["--frameworks"]:  # in its own process: the stand-ins on sys.path
        with tempfile.TemporaryDirectory() as stubs:
            captured = run_frameworks(make, flush, Path(stubs))
        FRAMEWORKS.write_text(json.dumps(captured, indent=1) + "\n", encoding="utf-8")
        return
    captured = run(make, flush)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(captured, indent=1) + "\n", encoding="utf-8")
    import subprocess

    subprocess.run([sys.executable, __file__, "--frameworks"], check=True)
    import opentelemetry.sdk
    import portkey_ai

    meta = {
        "source": "tests/integrations/capture_official_export.py run with the official SDK",
        "files": [OUT.name, FRAMEWORKS.name],
        "frameworks": "stand-ins of tests/integrations/framework_stubs.py (not the real ones)",
        "portkey_ai": portkey_ai.version.VERSION,
        "opentelemetry_sdk": opentelemetry.sdk.version.__version__,
        "python": sys.version.split()[0],
    }
    OUT.with_suffix(".meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} and {FRAMEWORKS.name}")


if __name__ == "__main__":
    main()
