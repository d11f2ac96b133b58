"""``portkey.langchain.LangchainCallbackHandler`` against a local server recording its logs.

The log bodies of each run in ``langchain_scenarios.py`` must equal the official handler's for
the same run (``tests/fixtures/langchain/official_logs.json``, recorded by
``capture_official_langchain.py``), except where ours differs on purpose (the handler
module's docstring lists those; each has its test here).
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List

import pytest

from .support import gateway_options, require

require("langchain_core", "langchain")

from langchain_core.runnables import RunnableLambda  # noqa: E402

from portkey.langchain import LangchainCallbackHandler  # noqa: E402
from portkey.llms.langchain import ChatPortkey  # noqa: E402

from .langchain_scenarios import SCENARIOS, get_weather, handler_metadata, normalize  # noqa: E402

FIXTURES = Path(__file__).parent.parent / "fixtures" / "langchain"
OFFICIAL: Dict[str, Any] = json.loads((FIXTURES / "official_logs.json").read_text("utf-8"))
META = json.loads((FIXTURES / "official_logs.meta.json").read_text("utf-8"))


def _logs(recorder: Any) -> List[Any]:
    """The bodies POSTed to /logs, after checking each request's method, headers and body."""
    requests = recorder.requests()
    for request in requests:
        assert (request["method"], request["path"]) == ("POST", "/logs")
        assert request["headers"]["x-portkey-api-key"] == "pk-test"
        assert request["headers"]["content-type"] == "application/json"
        assert isinstance(request["body"], list)
    return [r["body"] for r in requests]


def _handler(recorder: Any, **metadata: Any) -> LangchainCallbackHandler:
    return LangchainCallbackHandler(
        api_key="pk-test", metadata=metadata or {"_user": "tester"}, base_url=recorder.url
    )


def test_the_recording_was_made_with_this_langchain_core() -> None:
    import langchain_core

    assert META["langchain_core"] == langchain_core.__version__, (
        "re-record tests/fixtures/langchain with capture_official_langchain.py "
        "(and bump the pin in noxfile.py) together"
    )
    assert set(OFFICIAL) == set(SCENARIOS)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_logs_are_the_official_handlers(name: str, stack: Any, recorder: Any) -> None:
    handler = LangchainCallbackHandler(
        api_key="pk-test", metadata=handler_metadata(name), base_url=recorder.url
    )
    SCENARIOS[name](handler, gateway_options(stack))
    ours = normalize(_logs(recorder), {"gateway": stack.gateway_url})
    expected = OFFICIAL[name]
    assert len(ours) == len(expected) == 1
    if name == "llm_alone":
        # Ours on purpose: a top-level LLM run gets a trace id of its own (the official's is
        # "" before any chain ran, else the last chain's).
        assert expected[0][0]["trace_id"] == ""
        assert ours[0][0]["trace_id"] == "<id2>"
        ours[0][0]["trace_id"] = ""
    assert ours == expected


def test_every_span_is_timed(stack: Any, recorder: Any) -> None:
    SCENARIOS["chain"](_handler(recorder), gateway_options(stack))
    (spans,) = _logs(recorder)
    assert [s["span_name"] for s in spans] == [
        "ChatPromptTemplate",
        "ChatPortkey",
        "chain",
        "RunnableSequence",
    ]
    root = spans[-1]
    for span in spans:
        assert root["start_time"] <= span["start_time"]
        assert int(span["response"]["response_time"]) >= 0
    assert {s["trace_id"] for s in spans} == {root["trace_id"]}
    assert str(uuid.UUID(root["trace_id"])) == root["trace_id"]


def test_overlapping_runs_are_logged_apart(stack: Any, recorder: Any) -> None:
    """A batch runs its inputs in threads: each run is its own log, with its own trace id
    (the official keeps one list for the handler and mixes them)."""
    llm = ChatPortkey(model="gpt-4o-mini", **gateway_options(stack))
    chain = RunnableLambda(lambda topic: f"Tell me about {topic}") | llm
    topics = ["owls", "bees", "moths", "rivers"]
    chain.batch(topics, config={"callbacks": [_handler(recorder)], "max_concurrency": 4})
    logs = _logs(recorder)
    assert len(logs) == 4
    seen = set()
    for spans in logs:
        names = [s["span_name"] for s in spans]
        assert names == ["RunnableLambda", "ChatPortkey", "RunnableSequence"]
        assert len({s["trace_id"] for s in spans}) == 1
        root = spans[-1]["span_id"]
        assert [s["parent_span_id"] for s in spans] == [root, root, ""]
        topic = json.loads(spans[-1]["request"]["input"])
        assert spans[1]["response"]["body"]["choices"][0]["message"]["content"] == (
            f"echo: Tell me about {topic}"
        )
        seen.add(topic)
    assert seen == set(topics)
    assert len({spans[0]["trace_id"] for spans in logs}) == 4


def test_a_top_level_tool_is_sent_when_it_ends(recorder: Any) -> None:
    """The official holds a top-level tool's span until some later run ends."""
    get_weather.invoke({"city": "Oslo"}, config={"callbacks": [_handler(recorder)]})
    ((span,),) = _logs(recorder)
    assert span["span_name"] == "get_weather"
    assert span["parent_span_id"] == "None"  # str(None), as the official's tool spans
    assert span["request"]["inputs"] == {"city": "Oslo"}
    assert span["response"]["output"] == "sunny in Oslo"
    assert json.loads(span["metadata"]["source_metadata"]) == {"type": "tool"}


def test_a_failed_run_sends_nothing_and_leaves_nothing(stack: Any, recorder: Any) -> None:
    handler = _handler(recorder)
    llm = ChatPortkey(model="gpt-4o-mini", **gateway_options(stack))

    def broken(text: str) -> str:
        llm.invoke(text)
        raise RuntimeError("the step failed")

    with pytest.raises(RuntimeError, match="the step failed"):
        RunnableLambda(broken).invoke("hello", config={"callbacks": [handler]})
    assert _logs(recorder) == []
    RunnableLambda(lambda text: text.upper()).invoke("ok", config={"callbacks": [handler]})
    ((span,),) = _logs(recorder)
    assert span["response"]["output"] == "OK"


def test_a_handler_on_the_model_alone_logs_its_calls_inside_a_chain(
    stack: Any, recorder: Any
) -> None:
    """The model's parent run was never seen by this handler: the call is its top-level run
    (the official waits for ``parent_run_id is None`` and never sends it)."""
    llm = ChatPortkey(model="gpt-4o-mini", callbacks=[_handler(recorder)], **gateway_options(stack))
    (RunnableLambda(lambda text: text) | llm).invoke("inside a chain")
    ((span,),) = _logs(recorder)
    assert span["span_name"] == "ChatPortkey"
    assert span["parent_span_id"] not in ("", "None")
    assert span["response"]["body"]["choices"][0]["message"]["content"] == "echo: inside a chain"


def test_values_json_cannot_encode_are_sent_as_text(recorder: Any) -> None:
    """The official's ``default=vars`` raises on a datetime or a UUID and sends nothing."""
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
    RunnableLambda(lambda x: "done").invoke(
        {"when": when, "id": ident}, config={"callbacks": [_handler(recorder)]}
    )
    ((span,),) = _logs(recorder)
    assert span["request"]["input"] == {"when": str(when), "id": str(ident)}


def test_the_callers_metadata_is_not_changed(recorder: Any) -> None:
    metadata = {"_user": "u1"}
    handler = LangchainCallbackHandler(api_key="pk-test", metadata=metadata, base_url=recorder.url)
    RunnableLambda(lambda x: x).invoke("a", config={"callbacks": [handler]})
    assert metadata == {"_user": "u1"}
    ((span,),) = _logs(recorder)
    assert span["metadata"]["_user"] == "u1"
    assert span["metadata"]["_source"] == "Langchain"


def test_a_refused_log_is_a_warning_without_the_key(
    recorder: Any, caplog: pytest.LogCaptureFixture
) -> None:
    recorder.answer(401, {"error": "bad key"})
    handler = LangchainCallbackHandler(api_key="pk-very-secret", base_url=recorder.url)
    with caplog.at_level(logging.WARNING, logger="portkey"):
        assert RunnableLambda(lambda x: x).invoke("a", config={"callbacks": [handler]}) == "a"
    assert "refused" in caplog.text and "401" in caplog.text
    assert "pk-very-secret" not in caplog.text
    assert "pk-very-secret" not in repr(handler)


def test_an_unreachable_server_is_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    from .local_servers import Recorder

    with Recorder() as server:
        url = server.url
    handler = LangchainCallbackHandler(api_key="pk-very-secret", base_url=url)
    with caplog.at_level(logging.WARNING, logger="portkey"):
        assert RunnableLambda(lambda x: x).invoke("a", config={"callbacks": [handler]}) == "a"
    assert "could not be sent" in caplog.text
    assert "pk-very-secret" not in caplog.text


def test_the_api_key_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="PORTKEY_API_KEY"):
        LangchainCallbackHandler()
    monkeypatch.setenv("PORTKEY_API_KEY", "pk-env")
    monkeypatch.setenv("PORTKEY_BASE_URL", "http://127.0.0.1:9/v1/")
    handler = LangchainCallbackHandler()
    assert handler.api_key == "pk-env"
    assert handler.url == "http://127.0.0.1:9/v1/logs"


def test_the_default_url_is_portkeys() -> None:
    assert LangchainCallbackHandler(api_key="pk").url == "https://api.portkey.ai/v1/logs"
