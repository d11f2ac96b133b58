"""The CrewAI, LiteLLM and LangGraph instrumentors that ``Portkey(instrumentation=True)`` turns
on, against stand-in packages (``framework_stubs.py``), in a fresh process: their spans as
exported to a local recording server, compared one for one with the official SDK's for the same
run (``tests/fixtures/instrumentation/official_frameworks.json``), bar our redaction of secrets;
then what ours does beyond it (async spans that last until awaited, the caller's trace header
kept, a failure as the span's error).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

from .capture_official_export import FRAMEWORKS, normalize_log
from .support import require

require("opentelemetry.sdk.trace", "instrumentation")

HERE = Path(__file__).parent

OURS_FRAMEWORKS = """
import asyncio, json, sys, tempfile
from pathlib import Path
sys.path.insert(0, {here!r})
from capture_official_export import run_frameworks
from opentelemetry import trace
from portkey import Portkey

def make(base_url):
    return Portkey(api_key="pk-capture-key", base_url=base_url, instrumentation=True)

def more():
    import crewai.agent, crewai.crew, litellm.main
    out = {{}}
    out["answer"] = asyncio.run(litellm.main.acompletion(
        model="async-stub", messages=[], headers={{"X-Portkey-Trace-Id": "mine"}}))
    out["headers"] = litellm.main.CALLS[-1]["kwargs"]["headers"]
    asyncio.run(crewai.crew.Crew(name="c2", llm=None).kickoff_async())
    try:
        crewai.agent.Agent(role="x").execute_task("fail")
    except RuntimeError as exc:
        out["raised"] = str(exc)
    return out

with tempfile.TemporaryDirectory() as stubs:
    flush = lambda: trace.get_tracer_provider().force_flush()
    print(json.dumps(run_frameworks(make, flush, Path(stubs), more)))
"""


def _ids_in_headers(headers: Dict[str, Any], meta: Dict[str, Any]) -> Dict[str, Any]:
    """LiteLLM's trace headers checked against the span's ids, then replaced."""
    headers = {k: v for k, v in headers.items() if v is not None}  # ours sends no None
    assert headers.pop("x-portkey-trace-id") == meta["traceId"]
    assert headers.pop("x-portkey-span-id") == str(meta["spanId"])
    return headers


def _framework_log(log: Dict[str, Any], redact: bool) -> Dict[str, Any]:
    """A framework span's log, normalized; ``redact``: the official's, with the redaction ours
    applies (secret-named members and keyword arguments)."""
    attrs = dict(log["request"]["body"]["attributes"])
    kwargs = json.loads(attrs.get("kwargs", "{}"))
    if "headers" in kwargs:
        kwargs["headers"] = _ids_in_headers(kwargs["headers"], log["metadata"])
    if redact:
        kwargs = {k: "<redacted>" if k == "api_key" else v for k, v in kwargs.items()}
        attrs = {k: "<redacted>" if k.endswith(".api_key") else v for k, v in attrs.items()}
    attrs["kwargs"] = kwargs
    log = json.loads(json.dumps(log))
    log["request"]["body"]["attributes"] = attrs
    return normalize_log(log)


def test_framework_instrumentors_as_the_official(tmp_path: Path) -> None:
    script = tmp_path / "ours.py"
    script.write_text(OURS_FRAMEWORKS.format(here=str(HERE)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    ours = json.loads(done.stdout.strip().splitlines()[-1])
    official = json.loads(FRAMEWORKS.read_text(encoding="utf-8"))
    logs = [log for r in ours["records"] if r["path"] == "/v1/logs" for log in r["body"]]
    their_logs = [log for r in official["records"] if r["path"] == "/v1/logs" for log in r["body"]]
    assert len(their_logs) == 9
    # The official's spans, one for one, with the same attributes (bar the redactions).
    theirs = [_framework_log(log, redact=True) for log in their_logs]
    assert [_framework_log(log, redact=False) for log in logs[: len(theirs)]] == theirs
    text = json.dumps(logs)
    assert "sk-litellm-secret" not in text and "sk-crew-secret" not in text
    # What LiteLLM was sent: the span's ids as Portkey trace headers (as the official's).
    (completion,) = [log for log in logs if log["metadata"]["spanName"] == "completion"]
    (their_completion,) = [log for log in their_logs if log["metadata"]["spanName"] == "completion"]
    assert (
        _ids_in_headers(ours["seen"]["litellm_headers"], completion["metadata"])
        == (_ids_in_headers(official["seen"]["litellm_headers"], their_completion["metadata"]))
        == {"x-portkey-span-name": "completion"}
    )
    # Ours beyond the official's: async spans last until awaited; the caller's trace id wins.
    more = ours["seen"]["more"]
    assert more["headers"]["X-Portkey-Trace-Id"] == "mine"
    assert "x-portkey-trace-id" not in more["headers"]
    assert more["headers"]["x-portkey-span-name"] == "acompletion"
    by_name = {log["metadata"]["spanName"]: log for log in logs[len(theirs) :]}
    for name in ("acompletion", "Crew.kickoff_async"):
        meta = by_name[name]["metadata"]
        assert meta["endTime"] - meta["startTime"] >= 50_000_000  # the awaited sleep
    attrs = by_name["acompletion"]["request"]["body"]["attributes"]
    assert json.loads(attrs["result"]) == more["answer"]
    failed = by_name["Agent.execute_task"]["request"]["body"]
    assert failed["status"] == {"status_code": "ERROR", "description": "the agent failed"}
    assert [e["name"] for e in failed["events"]] == ["exception"]
    assert more["raised"] == "the agent failed"
