"""Record what the official SDK's ``Portkey(instrumentation=True)`` sends for a fixed run, into
``tests/fixtures/instrumentation/official_export.json`` (run it with the official's venv, with
opentelemetry-sdk, opentelemetry-instrumentation, wrapt and requests installed there):

    /tmp/official/bin/python tests/integrations/capture_official_export.py

The run (``scenario``): an ``agent`` span with ``_source``/``framework.version`` attributes
holding a ``step`` span with a few attributes and one event, then a chat call through the client
while ``step`` is current; then a flush. The recording server answers the chat call, so the
capture shows both what the exporter posts and which headers the call carried.
``test_instrumentation.py`` runs the same scenario with ours and compares.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable, Dict

sys.path.insert(0, str(Path(__file__).parent))

from local_servers import LocalServer  # noqa: E402

OUT = Path(__file__).parent.parent / "fixtures" / "instrumentation" / "official_export.json"
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


def main() -> None:
    from opentelemetry import trace
    from portkey_ai import Portkey

    def make(base_url: str) -> Any:
        return Portkey(api_key="pk-capture-key", base_url=base_url, instrumentation=True)

    captured = run(make, lambda: trace.get_tracer_provider().force_flush())  # type: ignore[attr-defined]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(captured, indent=1) + "\n", encoding="utf-8")
    import portkey_ai
    import opentelemetry.sdk

    meta = {
        "source": "tests/integrations/capture_official_export.py run with the official SDK",
        "portkey_ai": portkey_ai.version.VERSION,
        "opentelemetry_sdk": opentelemetry.sdk.version.__version__,
        "python": sys.version.split()[0],
    }
    OUT.with_suffix(".meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(captured['records'])} requests)")


if __name__ == "__main__":
    main()
