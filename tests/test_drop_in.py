"""Drop-in gaps of issue 9, each sync and async where a client is involved:

1. ``createHeaders`` / ``PORTKEY_GATEWAY_URL`` for other clients pointed at the gateway;
2. the generic ``post`` / ``get`` / ``put`` / ``delete`` calls;
3. results read the way the official's pydantic results are read;
(4. the official's top-level names: ``test_drop_in_names.py``.)

HTTP goes through respx; the real gateway runs the recipes in ``tests/gateway/``.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import inspect
import json
from pathlib import Path
from typing import Any, AsyncIterator, Dict, List, Optional

import attrs
import httpx
import openai
import pytest
import respx

import portkey
from portkey import (
    PORTKEY_GATEWAY_URL,
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AsyncPortkey,
    AsyncStream,
    GenericResponse,
    InternalServerError,
    NotFoundError,
    Portkey,
    RateLimitError,
    Stream,
    createHeaders,
)
from portkey._models import BaseModel
from portkey.types.chat import ChatCompletion
from portkey.types.models import Model

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "http://gateway.test/v1"
RUNTIME = {"x-portkey-runtime", "x-portkey-runtime-version", "x-portkey-package-version"}
MODES = ("sync", "async")
both = pytest.mark.parametrize("mode", MODES)
pytestmark = pytest.mark.anyio


@contextlib.asynccontextmanager
async def client_for(mode: str, **options: Any) -> AsyncIterator[Any]:
    options = {"base_url": BASE, "api_key": "pk-test", **options}
    if mode == "sync":
        with Portkey(**options) as client:
            yield client
    else:
        async with AsyncPortkey(**options) as client:
            yield client


async def resolve(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def drain(stream: Any) -> List[Any]:
    if hasattr(stream, "__aiter__"):
        return [item async for item in stream]
    return list(stream)


def sse(*events: Any, done: bool = True) -> bytes:
    text = "".join(f"data: {json.dumps(e)}\n\n" for e in events)
    return (text + ("data: [DONE]\n\n" if done else "")).encode()


# ---------------------------------------------------------------------------------------------
# 1. createHeaders and PORTKEY_GATEWAY_URL
# ---------------------------------------------------------------------------------------------

OPTION_SETS = [
    {"api_key": "pk-1", "provider": "@openai-prod"},
    {
        "api_key": "pk-1",
        "config": {"strategy": {"mode": "fallback"}, "targets": [{"provider": "@a"}]},
        "trace_id": "t-1",
        "metadata": {"_user": "u-1", "n": 2},
        "cache_force_refresh": True,
        "debug": False,
        "request_timeout": 3000,
    },
    {
        "virtual_key": "vk",
        "Authorization": "sk-upstream",
        "forward_headers": ["x-team", "x_tenant"],
        "x_team": "search",
        "x_tenant": "acme",
        "custom_flag": "on",
    },
    {"provider": "bedrock", "aws_region": "eu-west-1", "aws_access_key_id": "AK", "span_id": "s"},
]


@pytest.mark.parametrize("options", OPTION_SETS)
@respx.mock
def test_create_headers_are_what_the_client_sends(options: Dict[str, Any]) -> None:
    """One implementation: for the same options, the client sends exactly these headers (its
    runtime headers and default strict_open_ai_compliance aside)."""
    route = respx.post(f"{BASE}/chat/completions").respond(200, json={"choices": []})
    with Portkey(base_url=BASE, strict_open_ai_compliance=None, **options) as client:
        client.post("/chat/completions", model="m")
    sent = route.calls[0].request.headers
    expected = createHeaders(**options)
    assert type(expected) is dict and expected
    for name, value in expected.items():
        assert sent[name] == value, name
    generic = {"accept", "accept-encoding", "connection", "content-type", "content-length",
               "host", "user-agent"}  # fmt: skip
    others = {k for k in sent if k not in generic and k not in RUNTIME}
    assert others == {k.lower() for k in expected}


def test_create_headers_as_the_official_writes_them() -> None:
    # Produced by portkey-ai 2.3.4's createHeaders for the same keywords.
    official = {
        "x-portkey-api-key": "pk",
        "x-portkey-provider": "@openai-prod",
        "x-portkey-config": '{"a": 1}',
        "x-portkey-trace-id": "t",
        "x-portkey-metadata": '{"_user": "u"}',
        "x-portkey-forward-headers": "x_a",
        "x-a": "v",
        "Authorization": "Bearer sk",
        "x-portkey-strict-open-ai-compliance": "false",
    }
    ours = createHeaders(
        api_key="pk",
        provider="@openai-prod",
        config={"a": 1},
        validate_config=False,  # not a gateway config (issue 15); never a header
        trace_id="t",
        metadata={"_user": "u"},
        forward_headers=["x_a"],
        x_a="v",
        Authorization="sk",
        strict_open_ai_compliance=False,
    )
    assert ours == official
    assert createHeaders(mode="fallback", virtual_key="", debug=None) == {
        "x-portkey-mode": "proxy fallback"
    }
    assert portkey.create_headers is createHeaders


def test_create_headers_reads_no_environment_and_adds_no_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PORTKEY_API_KEY", "pk-from-env")
    assert createHeaders(provider="openai") == {"x-portkey-provider": "openai"}
    assert createHeaders() == {}


def test_create_headers_takes_the_client_settings_as_the_client_does() -> None:
    headers = createHeaders(
        provider="openai",
        trace_id="t-1",
        base_url="http://elsewhere/v1",
        timeout=3,
        max_retries=0,
        deadline=9.0,
        default_headers={"X-Portkey-Trace-Id": "t-2", "x-team": "a"},
    )
    # settings send nothing; default_headers are sent and replace every spelling
    assert headers == {"x-portkey-provider": "openai", "X-Portkey-Trace-Id": "t-2", "x-team": "a"}


def test_create_headers_refuses_what_the_client_refuses() -> None:
    with pytest.raises(TypeError, match="config must be"):
        createHeaders(config=12)
    with pytest.raises(TypeError, match="metadata must be a dict"):
        createHeaders(metadata=["a"])
    with pytest.raises(ValueError, match="x-portkey-api-key") as bad:
        createHeaders(api_key="pk-sécret")
    assert "sécret" not in str(bad.value)  # the value may be a secret: never shown
    with pytest.raises(ValueError, match="line break"):
        createHeaders(trace_id="a\r\nInjected: 1")


def test_gateway_url_is_the_hosted_gateway_and_the_client_default() -> None:
    assert PORTKEY_GATEWAY_URL == portkey.PORTKEY_BASE_URL == "https://api.portkey.ai/v1"
    assert Portkey(api_key="pk").base_url == PORTKEY_GATEWAY_URL


@both
async def test_create_headers_with_the_openai_client(mode: str) -> None:
    """The docs' recipe: openai's own client, Portkey's headers, the gateway's URL. (openai 3
    sends through httpx2, its own httpx fork, so the answer comes from httpx2's MockTransport.)"""
    httpx2 = pytest.importorskip("httpx2")
    headers = createHeaders(api_key="pk-1", provider="@openai-prod", trace_id="t-9")
    body = json.loads((FIXTURES / "recorded" / "03_openai_chat_completion_gpt-4o_parsed.json")
                      .read_text())  # fmt: skip
    seen: List[Any] = []

    def answer(request: Any) -> Any:
        seen.append(request)
        return httpx2.Response(200, json=body)

    transport = httpx2.MockTransport(answer)
    kwargs: Dict[str, Any] = {"base_url": PORTKEY_GATEWAY_URL, "api_key": "x"}
    messages = [{"role": "user", "content": "hi"}]
    if mode == "sync":
        http = httpx2.Client(transport=transport)
        with openai.OpenAI(**kwargs, default_headers=headers, http_client=http) as client:
            result = client.chat.completions.create(model="m", messages=messages)
    else:
        ahttp = httpx2.AsyncClient(transport=transport)
        async with openai.AsyncOpenAI(**kwargs, default_headers=headers, http_client=ahttp) as ac:
            result = await ac.chat.completions.create(model="m", messages=messages)
    assert result.choices[0].message.content == "The capital of France is Paris."
    assert {k: seen[0].headers[k] for k in headers} == headers
    assert str(seen[0].url) == PORTKEY_GATEWAY_URL + "/chat/completions"


# ---------------------------------------------------------------------------------------------
# 2. Generic calls
# ---------------------------------------------------------------------------------------------

RERANK = {
    "object": "list",
    "results": [{"index": 0, "relevance_score": 0.98, "document": {"text": "Paris"}}],
    "model": "rerank-v3.5",
    "usage": {"search_units": 1},
}


@both
@respx.mock
async def test_post_sends_the_keywords_as_the_body(mode: str) -> None:
    route = respx.post(f"{BASE}/rerank").respond(
        200, json=RERANK, headers={"x-portkey-trace-id": "tr-1", "x-portkey-provider": "cohere"}
    )
    async with client_for(mode) as client:
        result = await resolve(
            client.post(
                "/rerank",
                model="rerank-v3.5",
                query="capital of France?",
                documents=["Paris", ""],
                top_n=None,
                skipped=portkey.NOT_GIVEN,
                headers={"x-team": "search"},
                extra_headers={"x-extra": "1"},
                extra_query={"debug": "1"},
                timeout=5,
                max_retries=0,
            )
        )
    request = route.calls[0].request
    assert json.loads(request.content) == {
        "model": "rerank-v3.5",
        "query": "capital of France?",
        "documents": ["Paris", ""],
        "top_n": None,
    }
    assert request.headers["x-team"] == "search" and request.headers["x-extra"] == "1"
    assert request.headers["x-portkey-api-key"] == "pk-test"
    assert request.url.params["debug"] == "1"
    assert request.extensions["timeout"]["read"] == 5
    assert isinstance(result, GenericResponse)
    assert result.results[0]["relevance_score"] == 0.98
    assert result["results"] == result.results == RERANK["results"]
    assert result.model == "rerank-v3.5" and result.get("usage") == {"search_units": 1}
    assert result.success is None and result["missing"] is None
    assert result.get_headers() == {"trace-id": "tr-1", "provider": "cohere"}
    assert "results=[{" in repr(result)


@both
@respx.mock
async def test_post_paths(mode: str) -> None:
    route = respx.post(f"{BASE}/predictions/x").respond(200, json={"ok": True})
    async with client_for(mode) as client:
        for url in ("predictions/x", "/predictions/x", f"{BASE}/predictions/x"):
            assert (await resolve(client.post(url, input={}))).ok is True
        with pytest.raises(ValueError, match="base_url"):
            await resolve(client.post("https://evil.test/v1/steal", a=1))
        with pytest.raises(TypeError):
            await resolve(client.post(None))
        with pytest.raises(NotImplementedError, match="multipart"):
            await resolve(client.post("/files", files={"file": b"x"}))
    assert route.call_count == 3


@both
@respx.mock
async def test_post_stream_gives_generic_events(mode: str) -> None:
    events = [{"id": "c1", "choices": [{"index": 0, "delta": {"content": w}}]} for w in "ab"]
    route = respx.post(f"{BASE}/chat/completions").respond(
        200, content=sse(*events), headers={"content-type": "text/event-stream"}
    )
    async with client_for(mode) as client:
        stream = await resolve(client.post("/chat/completions", stream=True, model="m"))
        assert isinstance(stream, Stream if mode == "sync" else AsyncStream)
        items = await drain(stream)
    assert json.loads(route.calls[0].request.content) == {"model": "m", "stream": True}
    assert [item.choices[0]["delta"]["content"] for item in items] == ["a", "b"]
    assert all(isinstance(item, GenericResponse) for item in items)
    assert items[1]["id"] == "c1"


@both
@respx.mock
async def test_post_stream_ends_at_a_finish_reason(mode: str) -> None:
    """A generic chat stream without [DONE] is complete once a choice has a finish_reason
    (the choices of a generic item are plain dicts)."""
    chunks = [
        {"id": "c1", "choices": [{"index": 0, "delta": {"content": "a"}, "finish_reason": None}]},
        {"id": "c1", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
    ]
    body = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks).encode()
    respx.post(f"{BASE}/chat/completions").respond(
        200, content=body, headers={"content-type": "text/event-stream"}
    )
    async with client_for(mode) as client:
        stream = await resolve(client.post("/chat/completions", stream=True, model="m"))
        items = await drain(stream)
    assert [item.choices[0]["finish_reason"] for item in items] == [None, "stop"]


@both
@respx.mock
async def test_post_stream_of_anthropic_messages(mode: str) -> None:
    """``/messages`` streams end with ``message_stop`` (no [DONE]); ``ping`` is skipped."""
    frames = [
        ("message_start", {"type": "message_start", "message": {"id": "msg_1"}}),
        ("ping", {"type": "ping"}),
        ("content_block_delta", {"type": "content_block_delta", "delta": {"text": "Hi"}}),
        ("message_stop", {"type": "message_stop"}),
    ]
    body = "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in frames)
    respx.post(f"{BASE}/messages").respond(
        200, content=body.encode(), headers={"content-type": "text/event-stream"}
    )
    async with client_for(mode) as client:
        stream = await resolve(client.post("/messages", stream=True, model="claude", max_tokens=9))
        items = await drain(stream)
    assert [item.type for item in items] == ["message_start", "content_block_delta", "message_stop"]
    assert items[1]["delta"] == {"text": "Hi"}


@both
@respx.mock
async def test_post_stream_error_event_and_cut_stream(mode: str) -> None:
    error = {"error": {"message": "slow down", "type": "rate_limit", "code": 429}}
    route = respx.post(f"{BASE}/chat/completions")
    route.side_effect = [
        httpx.Response(
            200,
            content=sse({"id": "a"}, error, done=False),
            headers={"content-type": "text/event-stream"},
        ),  # fmt: skip
        httpx.Response(
            200, content=sse({"id": "a"}, done=False), headers={"content-type": "text/event-stream"}
        ),  # fmt: skip
    ]
    async with client_for(mode) as client:
        stream = await resolve(client.post("/chat/completions", stream=True))
        with pytest.raises(RateLimitError, match="slow down"):
            await drain(stream)
        stream = await resolve(client.post("/chat/completions", stream=True))
        with pytest.raises(APIConnectionError, match="before it completed"):
            await drain(stream)


@both
@respx.mock
async def test_generic_errors_and_retries_as_typed_calls(mode: str, no_sleep: None) -> None:
    flaky = respx.post(f"{BASE}/rerank")
    flaky.side_effect = [httpx.Response(503, json={"error": {"message": "busy"}})] * 2 + [
        httpx.Response(200, json=RERANK)
    ]
    respx.get(f"{BASE}/configs/missing").respond(404, json={"error": {"message": "no config"}})
    respx.delete(f"{BASE}/down").respond(500, json={"error": {"message": "boom"}})
    slow = respx.put(f"{BASE}/slow")
    slow.side_effect = httpx.ReadTimeout("slow")
    respx.post(f"{BASE}/text").respond(200, text="not json", headers={"content-type": "text/plain"})
    async with client_for(mode) as client:
        assert (await resolve(client.post("/rerank", query="q"))).model == "rerank-v3.5"
        assert flaky.call_count == 3  # retried like any call: 2 retries by default
        with pytest.raises(NotFoundError, match="no config") as missing:
            await resolve(client.get(path="/configs/missing"))
        assert missing.value.status_code == 404
        with pytest.raises(InternalServerError):
            await resolve(client.delete(path="/down", max_retries=0))
        with pytest.raises(APITimeoutError):
            await resolve(client.put(path="/slow", body={"a": 1}, max_retries=1))
        with pytest.raises(APIResponseValidationError, match="not valid JSON"):
            await resolve(client.post("/text"))
    assert slow.call_count == 2  # the timed-out PUT: one retry


@dataclasses.dataclass
class Config:
    id: str
    name: str


@both
@respx.mock
async def test_get_put_delete(mode: str) -> None:
    get = respx.get(f"{BASE}/configs/pc-1").respond(200, json={"id": "pc-1", "name": "main"})
    put = respx.put(f"{BASE}/configs/pc-1").respond(200, json={"success": True})
    delete = respx.delete(f"{BASE}/models/ft-1").respond(
        200, json={"id": "ft-1", "object": "model", "deleted": True}
    )
    respx.get(f"{BASE}/models/m-1").respond(200, json={"id": "m-1", "object": "model", "x": 1})
    async with client_for(mode) as client:
        generic = await resolve(client.get(path="/configs/pc-1", headers={"x-team": "a"}))
        assert (generic.id, generic["name"]) == ("pc-1", "main")
        assert get.calls[0].request.headers["x-team"] == "a"
        assert get.calls[0].request.content == b""
        assert "content-type" not in get.calls[0].request.headers
        built = await resolve(client.get(path="/configs/pc-1", cast_to=Config))
        assert built == Config(id="pc-1", name="main")
        typed = await resolve(client.get(path="/models/m-1", cast_to=Model))
        assert isinstance(typed, Model) and typed.id == "m-1" and typed.x == 1
        updated = await resolve(client.put(path="/configs/pc-1", body={"name": "new"}))
        assert updated.success is True
        await resolve(client.put(path="/configs/pc-1"))
        assert [json.loads(c.request.content) for c in put.calls] == [{"name": "new"}, {}]
        gone = await resolve(client.delete(path="/models/ft-1"))
        assert gone.deleted is True and delete.calls[0].request.content == b""
        with pytest.raises(APIResponseValidationError):
            await resolve(client.get(path="/models/m-1", cast_to=Config))  # no field 'x'
        with pytest.raises(TypeError, match="unexpected keyword"):
            await resolve(client.get(path="/configs/pc-1", body={}))
        with pytest.raises(TypeError, match="body must be"):
            await resolve(client.put(path="/configs/pc-1", body="text"))


async def test_async_generic_calls_are_awaitables_that_raise_when_awaited() -> None:
    async with AsyncPortkey(base_url=BASE, api_key="pk") as client:
        pending = client.get(path=None)  # nothing raised or sent yet
        assert inspect.iscoroutine(pending)
        with pytest.raises(TypeError, match="must be a str"):
            await pending


# ---------------------------------------------------------------------------------------------
# 3. Results read as the official's pydantic results
# ---------------------------------------------------------------------------------------------


@attrs.define(eq=False)
class Inner(BaseModel):
    a: Optional[int] = None
    b: Optional[str] = "x"


@attrs.define(eq=False)
class Outer(BaseModel):
    id: Optional[str] = None
    inner: Optional[Inner] = None
    items: Optional[List[Inner]] = None
    d: Optional[Dict[str, Any]] = None


PROBE = {
    "id": "é",
    "inner": {"a": None, "z": None},
    "items": [{"a": 1}, {"b": None}],
    "d": {"k": None, "n": {"q": None}},
    "ext": None,
    "ext2": {"w": None},
}


def test_model_dump_rules_are_pydantics() -> None:
    """The same data through pydantic 2.14 (``extra="allow"`` models of the same shape, as the
    official's) gave each expected value below."""
    m = Outer.model_validate(PROBE)
    d = {"k": None, "n": {"q": None}}
    assert m.model_dump(exclude_none=True) == {
        "id": "é", "inner": {"b": "x"}, "items": [{"a": 1, "b": "x"}, {}], "d": d,
        "ext2": {"w": None},
    }  # fmt: skip
    assert m.model_dump(exclude_defaults=True) == {
        "id": "é", "inner": {"z": None}, "items": [{"a": 1}, {"b": None}], "d": d,
        "ext": None, "ext2": {"w": None},
    }  # fmt: skip
    assert m.model_dump(include={"id", "inner"}) == {
        "id": "é", "inner": {"a": None, "b": "x", "z": None}
    }  # fmt: skip
    assert m.model_dump(include={"inner": {"a"}, "items": {0: {"a"}}}) == {
        "inner": {"a": None}, "items": [{"a": 1}]
    }  # fmt: skip
    assert m.model_dump(exclude={"items": {"__all__": {"b"}}})["items"] == [{"a": 1}, {"a": None}]
    assert m.model_dump(include={"ext"}) == {"ext": None}
    assert m.model_dump_json() == (
        '{"id":"é","inner":{"a":null,"b":"x","z":null},"items":[{"a":1,"b":"x"},'
        '{"a":null,"b":null}],"d":{"k":null,"n":{"q":null}},"ext":null,"ext2":{"w":null}}'
    )
    assert m.model_dump_json(indent=2).startswith('{\n  "id": "é",\n  "inner": {\n    "a"')
    assert m.model_extra == {"ext": None, "ext2": {"w": None}}
    assert m.inner is not None and m.inner.model_extra == {"z": None}
    assert m.model_fields_set == {"ext2", "id", "inner", "items", "ext", "d"}
    assert list(Outer.model_fields) == ["id", "inner", "items", "d"] == list(m.model_fields)
    assert [k for k, _ in m] == ["id", "inner", "items", "d", "ext", "ext2"]
    assert dict(m)["inner"] is m.inner  # dict(obj) is shallow, as pydantic's


def test_unknown_fields_keep_the_json_order() -> None:
    """As pydantic keeps them: print(), model_dump_json() and dict() list them as sent."""
    keys = ["zeta", "alpha", "mid", "beta", "omega", "gamma", "delta", "eps"]
    m = Outer.model_validate({k: i for i, k in enumerate(keys)} | {"id": "x"})
    assert list(m.model_extra) == keys
    assert list(json.loads(str(m)))[4:] == keys
    assert [k for k, _ in m][4:] == keys


def test_exclude_unset_keeps_what_the_answer_had() -> None:
    """A message read back for the next request: pydantic keeps exactly the keys the JSON had;
    ours keeps the same here (a None that is the default counts as unset)."""
    completion = ChatCompletion.model_validate(
        {"id": "c", "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}]}
    )
    message = completion.choices[0].message
    assert message is not None
    assert message.model_dump(exclude_unset=True) == {"role": "assistant", "content": "hi"}
    assert message.model_fields_set == {"role", "content"}


def test_dict_style_access_on_a_recorded_completion() -> None:
    data = json.loads((FIXTURES / "recorded" / "03_openai_chat_completion_gpt-4o_parsed.json")
                      .read_text())  # fmt: skip
    data["provider"] = "openai"
    completion = ChatCompletion.model_validate(data)
    assert completion["choices"][0]["message"]["content"] == "The capital of France is Paris."
    assert completion["provider"] == "openai" == completion.get("provider")
    assert completion["nothing"] is None and completion.get("nothing", "dflt") == "dflt"
    assert completion.get("system_fingerprint") == "fp_a288987b44"
    assert completion["usage"].get("completion_tokens_details")["audio_tokens"] == 0
    assert completion.usage is not None and completion.usage.get("total_tokens", -1) == 21
    # a falsy value is returned, not the default (the official's `or default` would replace it)
    assert completion.usage.prompt_tokens_details is not None
    assert completion.usage.prompt_tokens_details.get("cached_tokens", 99) == 0
    with pytest.raises(TypeError, match="field names"):
        completion[0]
    assert dict(completion)["id"] == data["id"] and dict(completion)["provider"] == "openai"
    assert str(completion) == json.dumps(completion.to_dict(), indent=4)
    assert repr(completion).startswith("ChatCompletion(choices=[Choice(index=0")
    assert completion.dict() == completion.model_dump() == completion.to_dict()
    assert json.loads(completion.json()) == completion.to_dict()
    assert completion.model_dump(mode="json", by_alias=True, round_trip=True) == data | {
        "choices": completion.model_dump()["choices"]
    }
    with pytest.raises(TypeError, match="unexpected keyword"):
        completion.model_dump(exclude_nones=True)
    with pytest.raises(ValueError, match="mode"):
        completion.model_dump(mode="yaml")


def test_model_extra_copy_and_validate() -> None:
    m = Outer.model_validate({"id": "1", "inner": {"a": 1}, "ext": [1]})
    plain = Outer.model_validate({"id": "2"})
    assert plain.model_extra == {}
    plain.model_extra["added"] = True  # the live dict, as pydantic's
    assert plain.added is True and plain.to_dict()["added"] is True

    shallow = m.model_copy(update={"id": "9", "new": "n"})
    assert (shallow.id, shallow.new, m.id) == ("9", "n", "1")
    assert "new" not in m.model_extra and shallow.inner is m.inner
    deep = m.model_copy(deep=True)
    assert deep == m and deep.inner is not m.inner and deep.ext is not m.ext
    assert copy.copy(m) == m

    assert Outer.model_validate(m) is m
    assert Outer.model_validate_json('{"id": "3", "q": 1}').q == 1
    with pytest.raises(ValueError, match="shape of Outer"):
        Outer.model_validate({"items": "not a list"})
    with pytest.raises(ValueError, match="Invalid JSON"):
        Outer.model_validate_json("{nope")


@both
@respx.mock
async def test_accessors_on_results_of_both_clients(mode: str) -> None:
    data = json.loads((FIXTURES / "recorded" / "03_openai_chat_completion_gpt-4o_parsed.json")
                      .read_text())  # fmt: skip
    respx.post(f"{BASE}/chat/completions").respond(200, json={**data, "provider": "openai"})
    async with client_for(mode) as client:
        completion = await resolve(client.chat.completions.create(model="m", messages=[]))
    assert completion["choices"][0].message["content"] == "The capital of France is Paris."
    assert completion.model_extra == {"provider": "openai"}
    assert json.loads(str(completion))["provider"] == "openai"
    assert completion.model_dump(exclude_none=True)["choices"][0]["message"] == {
        "role": "assistant",
        "content": "The capital of France is Paris.",
        "annotations": [],
    }
