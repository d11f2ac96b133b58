"""Without ``instrumentation``, the client has nothing to do with OpenTelemetry: it imports none
of it (even where it is installed) and sends no trace header it was not given, even inside an
active span of the caller's. (The instrumentation itself is tested in
``tests/integrations/test_instrumentation.py``, ``nox -s integrations``.)"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap

import pytest
import respx

from portkey import Portkey

BASE = "http://gateway.test/v1"
CHAT = {
    "id": "c1",
    "object": "chat.completion",
    "created": 1,
    "model": "m",
    "choices": [
        {"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}
    ],
}
OTEL_INSTALLED = importlib.util.find_spec("opentelemetry") is not None

SCRIPT = """
import asyncio, json, sys
import respx
from portkey import AsyncPortkey, Portkey

CHAT = json.loads({chat!r})
SSE = b'data: ' + json.dumps({{**CHAT, "object": "chat.completion.chunk",
    "choices": [{{"index": 0, "delta": {{"content": "hi"}}, "finish_reason": "stop"}}]}}).encode()
SSE += b'\\n\\ndata: [DONE]\\n\\n'

with respx.mock(base_url={base!r}) as mock:
    route = mock.post("/chat/completions")
    route.side_effect = [respx.MockResponse(200, json=CHAT),
                         respx.MockResponse(200, content=SSE,
                                            headers={{"content-type": "text/event-stream"}}),
                         respx.MockResponse(200, json=CHAT)]
    messages = [{{"role": "user", "content": "x"}}]
    client = Portkey(api_key="pk", base_url={base!r})
    client.chat.completions.create(model="m", messages=messages)
    list(client.chat.completions.create(model="m", messages=messages, stream=True))

    async def main():
        async with AsyncPortkey(api_key="pk", base_url={base!r}) as aclient:
            await aclient.chat.completions.create(model="m", messages=messages)

    asyncio.run(main())
    sent = [sorted(k for k in c.request.headers if "trace" in k) for c in route.calls]
print(json.dumps({{
    "otel": sorted(m for m in sys.modules if m.split(".")[0] == "opentelemetry"),
    "instrumentation": "portkey.instrumentation" in sys.modules,
    "trace_headers": sent,
}}))
"""


def test_no_opentelemetry_is_imported_without_instrumentation() -> None:
    script = SCRIPT.format(chat=json.dumps(CHAT), base=BASE)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"otel": [], "instrumentation": False, "trace_headers": [[], [], []]}


@pytest.mark.skipif(not OTEL_INSTALLED, reason="opentelemetry is not installed here")
def test_an_active_span_adds_no_trace_header_without_instrumentation() -> None:
    from opentelemetry.sdk.trace import TracerProvider

    tracer = TracerProvider().get_tracer("app")
    messages = [{"role": "user", "content": "x"}]
    with respx.mock(base_url=BASE) as mock, tracer.start_as_current_span("outer") as outer:
        assert outer.get_span_context().is_valid
        route = mock.post("/chat/completions").respond(200, json=CHAT)
        for client in (
            Portkey(api_key="pk", base_url=BASE),
            Portkey(api_key="pk", base_url=BASE, instrumentation=False),
            Portkey(api_key="pk", base_url=BASE, trace_id="given"),
        ):
            assert client._tracing is None
            client.chat.completions.create(model="m", messages=messages)
    sent = [call.request.headers.get_list("x-portkey-trace-id") for call in route.calls]
    assert sent == [[], [], ["given"]]
    assert not [k for call in route.calls for k in call.request.headers if "instrumentation" in k]
