"""The README's "Other frameworks" recipes that install without ``openai`` (smolagents, and
Pydantic AI through ``huggingface_hub``), run as written against the real gateway and the fake
upstream.

Only where they go changes: ``portkey.PORTKEY_GATEWAY_URL`` (which the recipes import) is the
URL of a ``GatewayTap``, a local stand-in for the hosted gateway. It records every request as
the framework sent it (so the test sees the headers ``createHeaders`` made), then passes it on
to the real local gateway with the hosted provider slug (``@openai-prod``, which means nothing
to the open-source gateway) swapped for the local routing headers, and answers with what the
gateway answered. The recipes' other frameworks need ``openai`` and are not run here.
"""

from __future__ import annotations

import importlib
import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest
from gateway.harness import Stack

import portkey

from .local_servers import LocalServer
from .support import in_ci

README = Path(__file__).parent.parent.parent / "README.md"
HOSTED = {"x-portkey-api-key": "PORTKEY_API_KEY", "x-portkey-provider": "@openai-prod"}

# Hop-by-hop headers, and the encoding (the tap reads the gateway's answer as it is).
_NOT_FORWARDED = {"host", "connection", "content-length", "transfer-encoding", "accept-encoding"}


def framework(module: str) -> None:
    """Skip when the framework is missing; under CI (where the session installs it) fail."""
    try:
        importlib.import_module(module)
    except ImportError as exc:
        message = f"{module} is not installed (noxfile.py: RECIPE_PINS): {exc}"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def recipe(name: str) -> str:
    """The python block under ``### <name>`` in the README's "Other frameworks" section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Other frameworks\n", 1)[1].split("\n## ", 1)[0]
    part = section.split(f"\n### {name}\n", 1)[1].split("\n### ", 1)[0]
    match = re.search(r"```python\n(.*?)```", part, re.S)
    assert match is not None, f"the {name} recipe has a python block"
    return match.group(1)


class GatewayTap(LocalServer):
    """The hosted gateway's stand-in: records, then forwards to the local gateway."""

    def __init__(self, stack: Stack) -> None:
        super().__init__()
        self.url = self.base + "/v1"
        self.stack = stack
        self.answers: List[Dict[str, str]] = []  # the gateway's response headers, in order

    def __enter__(self) -> GatewayTap:
        super().__enter__()
        return self

    def respond(self, record: Dict[str, Any]) -> Tuple[int, Dict[str, str], Any]:
        headers = {k: v for k, v in record["headers"].items() if k not in _NOT_FORWARDED}
        routing = self.stack.headers()
        headers["x-portkey-provider"] = routing["x-portkey-provider"]  # for the hosted slug
        headers["x-portkey-custom-host"] = routing["x-portkey-custom-host"]
        body = record["body"]  # parsed by LocalServer: JSON again (the recipes send only JSON)
        data = None if body is None else json.dumps(body).encode()
        gateway = self.stack.gateway_base
        request = urllib.request.Request(
            gateway + record["path"], data=data, headers=headers, method=record["method"]
        )
        try:
            answer = urllib.request.urlopen(request, timeout=30)
        except urllib.error.HTTPError as exc:
            answer = exc  # the gateway's error, passed back as it is
        with answer:
            payload = answer.read()
            status = answer.getcode()
            got = {k.lower(): v for k, v in answer.headers.items()}
        with self.lock:
            self.answers.append(got)
        back = {k: v for k, v in got.items() if k not in _NOT_FORWARDED}
        if got.get("content-type", "").startswith("text/event-stream"):
            return status, back, [payload]  # sent chunked, as the gateway sends a stream
        return status, back, payload


@pytest.fixture
def tap(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[GatewayTap]:
    with GatewayTap(stack) as server:
        monkeypatch.setattr(portkey, "PORTKEY_GATEWAY_URL", server.url)
        yield server


def run(name: str) -> None:
    exec(compile(recipe(name), f"README.md ({name})", "exec"), {"__name__": "readme"})


def check_portkey_headers(tap: GatewayTap, stack: Stack, count: int) -> List[Dict[str, Any]]:
    """Every request carried the recipe's Portkey headers and its placeholder key, and each
    went through the gateway to the fake upstream (which gets no ``x-portkey-*`` header)."""
    sent = tap.requests()
    assert len(sent) == count
    for request in sent:
        assert request["path"] == "/v1/chat/completions"
        assert {k: request["headers"].get(k) for k in HOSTED} == HOSTED
        assert request["headers"]["authorization"] == "Bearer x"
    received = stack.requests(path="/v1/chat/completions")
    assert [r["body"] for r in received] == [r["body"] for r in sent]
    assert all(r["headers"]["authorization"] == "Bearer x" for r in received)
    assert not any(h.startswith("x-portkey-") for r in received for h in r["headers"])
    assert all(a["x-portkey-provider"] == "openai" for a in tap.answers)  # the gateway answered
    return sent


def test_the_smolagents_recipe_runs_as_written(
    stack: Stack, tap: GatewayTap, capsys: pytest.CaptureFixture[str]
) -> None:
    framework("smolagents")
    run("smolagents")

    out = capsys.readouterr().out
    # The agent's one step: the fake upstream calls the only tool, final_answer, with an
    # answer made from the last user message (smolagents' "New task:" prompt).
    assert out.endswith("New task:\nWhat is the capital of France?\necho: Count to three")
    call, stream = check_portkey_headers(tap, stack, 2)
    assert call["body"]["model"] == stream["body"]["model"] == "gpt-4o-mini"
    assert [t["function"]["name"] for t in call["body"]["tools"]] == ["final_answer"]
    assert "stream" not in call["body"] or call["body"]["stream"] is False
    assert stream["body"]["stream"] is True
    assert stream["body"]["messages"] == [{"role": "user", "content": "Count to three"}]
    assert tap.answers[1]["content-type"].startswith("text/event-stream")


def test_the_pydantic_ai_recipe_runs_as_written(
    stack: Stack, tap: GatewayTap, capsys: pytest.CaptureFixture[str]
) -> None:
    framework("pydantic_ai.models.huggingface")
    run("Pydantic AI")

    assert capsys.readouterr().out == "echo: Hello\necho: Count to three"
    call, stream = check_portkey_headers(tap, stack, 2)
    assert [r["headers"].get("x-portkey-trace-id") for r in (call, stream)] == ["run-7"] * 2
    assert [a["x-portkey-trace-id"] for a in tap.answers] == ["run-7", "run-7"]  # echoed
    assert call["body"]["model"] == stream["body"]["model"] == "gpt-4o-mini"
    system = call["body"]["messages"][0]
    assert (system["role"], system["content"]) == ("system", "Be brief.")
    assert call["body"].get("stream") in (None, False)
    assert stream["body"]["stream"] is True
    assert tap.answers[1]["content-type"].startswith("text/event-stream")
