"""``portkey.llamaindex.LlamaIndexCallbackHandler`` against a local server recording its logs.

The log bodies of each run in ``llamaindex_scenarios.py`` must equal the official handler's
for the same run (``tests/fixtures/llamaindex/official_logs.json``, recorded by
``capture_official_llamaindex.py``), except where ours differs on purpose (the handler
module's docstring lists those; each has its test here).
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import threading
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List

import pytest

from .support import gateway_options, require

require("llama_index.core", "llamaindex")

from llama_index.core.callbacks import CallbackManager, CBEventType, EventPayload  # noqa: E402
from llama_index.core.llms import ChatMessage  # noqa: E402

from portkey.llamaindex import LlamaIndexCallbackHandler  # noqa: E402
from portkey.llms.llama_index import PortkeyLLM  # noqa: E402

from .llamaindex_scenarios import (  # noqa: E402
    SCENARIOS,
    KeywordEmbedding,
    error_of,
    handler_metadata,
    normalize,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "llamaindex"
OFFICIAL: Dict[str, Any] = json.loads((FIXTURES / "official_logs.json").read_text("utf-8"))
META = json.loads((FIXTURES / "official_logs.meta.json").read_text("utf-8"))
# The official's handler raises in these runs (their logs cannot be compared).
OFFICIAL_FAILS = {"complete": "KeyError"}


def _logs(recorder: Any) -> List[Any]:
    """The bodies POSTed to /logs, after checking each request's method, headers and body."""
    requests = recorder.requests()
    for request in requests:
        assert (request["method"], request["path"]) == ("POST", "/logs")
        assert request["headers"]["x-portkey-api-key"] == "pk-test"
        assert request["headers"]["content-type"] == "application/json"
        assert isinstance(request["body"], list) and request["body"]
    return [r["body"] for r in requests]


def _handler(recorder: Any, **metadata: Any) -> LlamaIndexCallbackHandler:
    return LlamaIndexCallbackHandler(
        api_key="pk-test", metadata=metadata or {"_user": "tester"}, base_url=recorder.url
    )


def _llm(stack: Any, handler: Any, **options: Any) -> PortkeyLLM:
    options = {"model": "gpt-4o-mini", **options}
    manager = CallbackManager([handler])
    return PortkeyLLM(callback_manager=manager, **gateway_options(stack, **options))


def test_the_recording_was_made_with_this_llama_index_core() -> None:
    import llama_index.core

    assert META["llama_index_core"] == llama_index.core.__version__, (
        "re-record tests/fixtures/llamaindex with capture_official_llamaindex.py "
        "(and bump the pin in noxfile.py) together"
    )
    assert set(OFFICIAL) == set(SCENARIOS)
    assert {k for k, v in OFFICIAL.items() if v["error"]} == set(OFFICIAL_FAILS)


def _our_differences(ours: Dict[str, Any], expected: Dict[str, Any]) -> Dict[str, Any]:
    """The official's logs with our deliberate differences applied, each checked first."""
    expected = copy.deepcopy(expected)
    for mine, theirs in zip(ours["spans"], expected["spans"]):
        body = (mine.get("response") or {}).get("body") or {}
        their_body = (theirs.get("response") or {}).get("body") or {}
        if mine["span_name"] == "llm":
            # Usage: the provider's (the official estimates, counting the prompt twice).
            raw = body["raw"]["usage"]
            assert body["usage"] == {k: raw[k] for k in body["usage"]}
            their_usage = their_body["usage"]
            assert their_usage["completion_tokens"] == their_usage["prompt_tokens"]
            their_body["usage"] = body["usage"]
            # Model: the answer's (the official's is always "").
            assert their_body["model"] == "" and body["model"] == body["raw"]["model"]
            their_body["model"] = body["model"]
        if mine["span_name"] == "embedding":
            # No completion tokens (the official counts the printed vectors).
            usage = body["usage"]
            assert (
                usage["completion_tokens"] == 0 and usage["total_tokens"] == usage["prompt_tokens"]
            )
            assert their_body["usage"]["prompt_tokens"] == usage["prompt_tokens"]
            their_body["usage"] = usage
        if theirs["parent_span_id"] == "<outside>":
            # The nearest logged ancestor (the official names an unlogged synthesis event).
            parent = int(mine["parent_span_id"].strip("<span>"))
            assert ours["spans"][parent]["span_name"] == "query"
            theirs["parent_span_id"] = mine["parent_span_id"]
    return expected


@pytest.mark.parametrize("name", [n for n in SCENARIOS if n not in OFFICIAL_FAILS])
def test_logs_are_the_official_handlers(name: str, stack: Any, recorder: Any) -> None:
    handler = LlamaIndexCallbackHandler(
        api_key="pk-test", metadata=handler_metadata(name), base_url=recorder.url
    )
    assert error_of(SCENARIOS[name], handler, gateway_options(stack)) is None
    ours = normalize(_logs(recorder), {"gateway": stack.gateway_url})
    expected = OFFICIAL[name]
    assert [s["span_name"] for s in ours["spans"]] == [s["span_name"] for s in expected["spans"]]
    assert ours["spans"] == _our_differences(ours, expected)["spans"]
    if name == "stream_then_chat":
        # The stream's span is sent when the stream ends (the official sends [] for its trace
        # and the span with the next one).
        assert (expected["posts"], ours["posts"]) == ([0, 2], [1, 1])
    else:
        assert ours["posts"] == expected["posts"]
    # Trace ids: one per trace (the official's: "" until an index is built, then that one's).
    assert len(set(expected["trace_ids"])) == 1
    start = 0
    for count in ours["posts"]:
        assert len(set(ours["trace_ids"][start : start + count])) == 1
        start += count
    if name == "fixed_trace":
        assert set(ours["trace_ids"]) == set(expected["trace_ids"]) == {"trace-fixed-1"}
    else:
        firsts = [ours["trace_ids"][sum(ours["posts"][:i])] for i in range(len(ours["posts"]))]
        assert len(set(firsts)) == len(firsts)
        assert all(t.startswith("<trace") for t in firsts)  # UUIDs


def test_complete_is_logged(stack: Any, recorder: Any) -> None:
    """The official's handler raises a KeyError at the end of a ``complete`` call."""
    assert OFFICIAL["complete"]["error"] == "KeyError"
    SCENARIOS["complete"](_handler(recorder), gateway_options(stack))
    ((span,),) = _logs(recorder)
    assert span["span_name"] == "llm" and span["parent_span_id"] == ""
    assert span["request"]["body"]["messages"] == [{"role": "user", "content": "say hi"}]
    body = span["response"]["body"]
    assert body["text"] == "echo: say hi"
    assert body["usage"]["completion_tokens"] == body["raw"]["usage"]["completion_tokens"] == 3
    assert body["model"] == "gpt-4o-mini" and body["id"] == span["span_id"]


def test_usage_is_estimated_when_the_answer_has_none(stack: Any, recorder: Any) -> None:
    """Estimates (llama-index's TokenCounter, as the official's): the prompt's messages, and
    the answer's as the completion."""
    stream = _llm(stack, _handler(recorder), stream_usage=False)
    for _ in stream.stream_chat([ChatMessage(content="hello there")]):
        pass
    ((span,),) = _logs(recorder)
    from llama_index.core.utilities.token_counting import TokenCounter

    counter = TokenCounter()
    prompt = counter.estimate_tokens_in_messages([ChatMessage(content="hello there")])
    answer = counter.estimate_tokens_in_messages(
        [ChatMessage(role="assistant", content="echo: hello there")]
    )
    assert span["response"]["body"]["usage"] == {
        "prompt_tokens": prompt,
        "completion_tokens": answer,
        "total_tokens": prompt + answer,
    }
    assert prompt != answer


def test_a_stream_is_sent_when_it_ends(stack: Any, recorder: Any) -> None:
    llm = _llm(stack, _handler(recorder))
    responses = llm.stream_chat([ChatMessage(content="one two")])
    assert _logs(recorder) == []  # the trace ended with no span ended: nothing is sent
    assert [r.delta for r in responses if r.delta][-1] == " two"
    ((span,),) = _logs(recorder)
    assert span["response"]["body"]["message"]["blocks"][0]["text"] == "echo: one two"
    assert span["response"]["body"]["delta"] == ""  # the usage chunk's


def test_overlapping_traces_are_logged_apart(stack: Any, recorder: Any) -> None:
    """Concurrent calls (tasks, threads) are each their own trace (the official keeps one
    list for the handler: the first trace to end sends the others' spans)."""
    llm = _llm(stack, _handler(recorder))
    words = ["owls", "bees", "moths"]

    async def run() -> None:
        await asyncio.gather(*(llm.achat([ChatMessage(content=w)]) for w in words))

    asyncio.run(run())
    threads = [
        threading.Thread(target=llm.chat, args=([ChatMessage(content=w)],)) for w in ("x", "y")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    logs = _logs(recorder)
    assert len(logs) == 5 and all(len(spans) == 1 for spans in logs)
    answers = {spans[0]["response"]["body"]["message"]["blocks"][0]["text"] for spans in logs}
    assert answers == {f"echo: {w}" for w in [*words, "x", "y"]}
    assert len({spans[0]["trace_id"] for spans in logs}) == 5


def test_an_event_outside_any_trace_is_sent_when_it_ends(recorder: Any) -> None:
    """An embedding made directly (no trace): the official holds it until some trace ends."""
    embed = KeywordEmbedding(callback_manager=CallbackManager([_handler(recorder)]))
    assert embed.get_text_embedding("owl at night") == [1.1, 0.1, 0.1, 1.1]
    ((span,),) = _logs(recorder)
    assert span["span_name"] == "embedding" and span["parent_span_id"] == ""
    assert span["request"]["body"] == {"model": "unknown", "input": ["owl at night"]}
    assert str(uuid.UUID(span["trace_id"])) == span["trace_id"]


def test_a_failed_event_is_not_logged(stack: Any, recorder: Any) -> None:
    import portkey

    handler = _handler(recorder)
    failing = _llm(stack, handler, model="gpt-4o-mini+fail-400", max_retries=0)
    with pytest.raises(portkey.BadRequestError):
        failing.chat([ChatMessage(content="hello")])
    assert _logs(recorder) == []
    _llm(stack, handler).chat([ChatMessage(content="fine")])
    ((span,),) = _logs(recorder)
    assert span["response"]["body"]["message"]["blocks"][0]["text"] == "echo: fine"
    assert not handler._open and not handler._events and not handler._parents  # forgotten


def test_values_json_cannot_encode_are_sent_as_text(recorder: Any) -> None:
    """The official's ``json.dumps`` fails on a datetime, bytes or a class and sends nothing."""
    manager = CallbackManager([_handler(recorder)])
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    with manager.as_trace("query"):
        with manager.event(CBEventType.QUERY, payload={EventPayload.QUERY_STR: "q"}) as event:
            event.on_end(payload={EventPayload.RESPONSE: {"when": when, "data": b"\x00", "t": int}})
    ((span,),) = _logs(recorder)
    assert span["request"] == json.dumps({"query_str": "q"})
    assert span["response"]["response"] == {"when": str(when), "data": "b'\\x00'", "t": str(int)}


def test_the_callers_metadata_is_not_changed(stack: Any, recorder: Any) -> None:
    metadata = {"_user": "u1"}
    handler = LlamaIndexCallbackHandler(api_key="pk-test", metadata=metadata, base_url=recorder.url)
    _llm(stack, handler).chat([ChatMessage(content="a")])
    assert metadata == {"_user": "u1"}
    ((span,),) = _logs(recorder)
    assert span["metadata"] == {"_user": "u1", "_source": "LlamaIndex", "_source_type": "Agent"}


def test_a_refused_log_is_a_warning_without_the_key(
    stack: Any, recorder: Any, caplog: pytest.LogCaptureFixture
) -> None:
    recorder.answer(401, {"error": "bad key"})
    handler = LlamaIndexCallbackHandler(api_key="pk-very-secret", base_url=recorder.url)
    with caplog.at_level(logging.WARNING, logger="portkey"):
        answer = _llm(stack, handler).chat([ChatMessage(content="a")])
    assert answer.message.content == "echo: a"
    assert "refused" in caplog.text and "401" in caplog.text
    assert "pk-very-secret" not in caplog.text
    assert "pk-very-secret" not in repr(handler)


def test_an_unreachable_server_is_a_warning(stack: Any, caplog: pytest.LogCaptureFixture) -> None:
    from .local_servers import Recorder

    with Recorder() as server:
        url = server.url
    handler = LlamaIndexCallbackHandler(api_key="pk-very-secret", base_url=url)
    with caplog.at_level(logging.WARNING, logger="portkey"):
        assert _llm(stack, handler).chat([ChatMessage(content="a")]).message.content == "echo: a"
    assert "could not be sent" in caplog.text
    assert "pk-very-secret" not in caplog.text


def test_the_api_key_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTKEY_API_KEY", raising=False)
    with pytest.raises(ValueError, match="PORTKEY_API_KEY"):
        LlamaIndexCallbackHandler()
    monkeypatch.setenv("PORTKEY_API_KEY", "pk-env")
    monkeypatch.setenv("PORTKEY_BASE_URL", "http://127.0.0.1:9/v1/")
    handler = LlamaIndexCallbackHandler()
    assert handler.api_key == "pk-env"
    assert handler.url == "http://127.0.0.1:9/v1/logs"


def test_the_default_url_is_portkeys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTKEY_BASE_URL", raising=False)
    assert LlamaIndexCallbackHandler(api_key="pk").url == "https://api.portkey.ai/v1/logs"
