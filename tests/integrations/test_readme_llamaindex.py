"""The README's LlamaIndex example, run as written against the real gateway and the fake upstream.

Only where it goes changes: ``PortkeyLLM`` is swapped for a subclass that keeps every option
the example gives and routes the calls to the local gateway (the example's hosted provider slug
means nothing to the open-source gateway), PORTKEY_BASE_URL points the callback handler at a
recording server instead of Portkey's API, and the ``Settings.callback_manager`` the example
sets is put back afterwards.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List

import pytest

from .support import gateway_options, require

require("llama_index.core", "llamaindex")

from llama_index.core import Settings  # noqa: E402

import portkey.llms.llama_index  # noqa: E402
from portkey.llms.llama_index import PortkeyLLM  # noqa: E402

README = Path(__file__).parent.parent.parent / "README.md"


def snippet() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## LlamaIndex\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None, "the LlamaIndex section has a python example"
    return match.group(1)


def test_the_llamaindex_example_runs_as_written(
    stack: Any,
    recorder: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    given: List[Dict[str, Any]] = []

    class Routed(PortkeyLLM):
        def __init__(self, **kwargs: Any) -> None:
            given.append(dict(kwargs))
            super().__init__(**{**kwargs, **gateway_options(stack), "api_key": kwargs["api_key"]})

    monkeypatch.setattr(portkey.llms.llama_index, "PortkeyLLM", Routed)
    monkeypatch.setattr(Settings, "_callback_manager", None)  # restored after the test
    monkeypatch.setenv("PORTKEY_BASE_URL", recorder.url)
    exec(compile(snippet(), "README.md (LlamaIndex)", "exec"), {"__name__": "readme"})

    assert given == [
        {"api_key": "PORTKEY_API_KEY", "provider": "@openai-prod", "model": "gpt-4o-mini"}
    ]
    assert capsys.readouterr().out.splitlines() == [
        "echo: Say hello",
        "echo: Count to three",
        "echo: tool said sunny in Paris",
        "name='Ann, 31' age=1",
    ]
    calls = stack.requests(path="/v1/chat/completions")
    assert {r["body"]["model"] for r in calls} == {"gpt-4o-mini"}
    assert len(calls) == 5
    # Every call logged, one trace each (the stream's when it ended)
    logs = recorder.bodies("/logs")
    assert [[span["span_name"] for span in spans] for spans in logs] == [["llm"]] * 5
    assert logs[0][0]["response"]["body"]["text"] == "echo: Say hello"  # complete()
    assert {r["headers"]["x-portkey-api-key"] for r in recorder.requests()} == {"PORTKEY_API_KEY"}
