"""The README's LangChain example, run as written against the real gateway and the fake upstream.

Only where it goes changes: ``ChatPortkey`` is swapped for a subclass that keeps every option
the example gives and routes the calls to the local gateway (the example's hosted provider slug
means nothing to the open-source gateway), and PORTKEY_BASE_URL points the callback handler at
a recording server instead of Portkey's API.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List

import pytest

from .support import gateway_options, require

require("langchain_core", "langchain")

import portkey.llms.langchain  # noqa: E402
from portkey.llms.langchain import ChatPortkey  # noqa: E402

README = Path(__file__).parent.parent.parent / "README.md"


def snippet() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## LangChain\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None, "the LangChain section has a python example"
    return match.group(1)


def test_the_langchain_example_runs_as_written(
    stack: Any,
    recorder: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    given: List[Dict[str, Any]] = []

    class Routed(ChatPortkey):
        def __init__(self, **kwargs: Any) -> None:
            given.append(dict(kwargs))
            super().__init__(**{**kwargs, **gateway_options(stack), "api_key": kwargs["api_key"]})

    monkeypatch.setattr(portkey.llms.langchain, "ChatPortkey", Routed)
    monkeypatch.setenv("PORTKEY_BASE_URL", recorder.url)
    exec(compile(snippet(), "README.md (LangChain)", "exec"), {"__name__": "readme"})

    assert given == [
        {"api_key": "PORTKEY_API_KEY", "provider": "@openai-prod", "model": "gpt-4o-mini"}
    ]
    assert capsys.readouterr().out.splitlines() == [
        "echo: Say hello",
        "echo: Count to three",
        "echo: tool said sunny in Paris",
        "name='Ann, 31' age=1",
    ]
    bodies = [body for body in recorder.bodies("/logs")]
    assert len(bodies) == 1  # the one call made with the handler
    (span,) = bodies[0]
    assert span["span_name"] == "Routed"
    assert span["response"]["body"]["choices"][0]["message"]["content"] == "echo: Logged"
    assert recorder.requests()[0]["headers"]["x-portkey-api-key"] == "PORTKEY_API_KEY"
    models = {r["body"]["model"] for r in stack.requests(path="/v1/chat/completions")}
    assert models == {"gpt-4o-mini"}
    assert len(stack.requests(path="/v1/chat/completions")) == 6
