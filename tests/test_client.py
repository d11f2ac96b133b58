"""Client behaviours of issue 2: options → headers, environment, base URLs, with_options and
the shared pool, closing, repr, per-call options, bodies, argument checks, embeddings, raw
responses and ``get_headers()``. All through respx: no network.
"""

from __future__ import annotations

import asyncio
import base64
import json
import struct
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, Iterator, List

import httpx
import pytest
import respx

from portkey import (
    APIConnectionError,
    AsyncPortkey,
    InternalServerError,
    Portkey,
    RawResponse,
)

RECORDED = Path(__file__).parent / "fixtures" / "recorded"
BASE = "https://api.portkey.ai/v1"
CHAT_URL = BASE + "/chat/completions"
EMB_URL = BASE + "/embeddings"
MSGS = [{"role": "user", "content": "Hello"}]
RESPONSE_HEADERS = {
    "x-portkey-trace-id": "trace-from-server",
    "x-portkey-cache-status": "MISS",
    "x-portkey-retry-attempt-count": "0",
    "x-portkey-provider": "openai",
    "x-request-id": "req-123",
}
PORTKEY_RESPONSE_HEADERS = {
    "trace-id": "trace-from-server",
    "cache-status": "MISS",
    "retry-attempt-count": "0",
    "provider": "openai",
}
CHAT = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1700000000,
    "model": "gpt-4o-mini",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Hi!"},
            "finish_reason": "stop",
            "logprobs": None,
        }
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}
TOOL_CALL_CHAT = {
    **CHAT,
    "choices": [
        {
            "index": 0,
            "message": {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                    }
                ],
            },
            "finish_reason": "tool_calls",
        }
    ],
}


def _load(name: str) -> Any:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


EMB_BASE64 = _load("04_openai_embeddings_base64_parsed.json")
EMB_FLOAT = _load("14_openai_embeddings_float_dimensions512_reindented.json")


def _floats_of(b64: str) -> List[float]:
    raw = base64.b64decode(b64)
    return list(struct.unpack(f"<{len(raw) // 4}f", raw))


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    """Every chat call answers CHAT; every embeddings call a recorded body in the asked format."""

    def embeddings(request: httpx.Request) -> httpx.Response:
        fmt = json.loads(request.content).get("encoding_format")
        body = EMB_BASE64 if fmt == "base64" else EMB_FLOAT
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=body)

    with respx.mock(assert_all_called=False) as router:
        router.route(name="chat", path__regex=r"/chat/completions$").mock(
            return_value=httpx.Response(200, headers=RESPONSE_HEADERS, json=CHAT)
        )
        router.route(name="embeddings", path__regex=r"/embeddings$").mock(side_effect=embeddings)
        yield router


def last(router: respx.MockRouter) -> httpx.Request:
    return router.calls.last.request


def body_of(request: httpx.Request) -> Any:
    return json.loads(request.content)


def chat(client: Portkey, **kwargs: Any) -> Any:
    kwargs.setdefault("messages", MSGS)
    kwargs.setdefault("model", "gpt-4o-mini")
    return client.chat.completions.create(**kwargs)


async def achat(client: AsyncPortkey, **kwargs: Any) -> Any:
    kwargs.setdefault("messages", MSGS)
    kwargs.setdefault("model", "gpt-4o-mini")
    return await client.chat.completions.create(**kwargs)


def sent_headers(router: respx.MockRouter, **client_kwargs: Any) -> httpx.Headers:
    with Portkey(**client_kwargs) as client:
        chat(client)
    return last(router).headers


# ---------------------------------------------------------------------------------------------
# Constructor keyword → header
# ---------------------------------------------------------------------------------------------

# The official's named options (issue 2) and the header each becomes.
NAMED_OPTIONS = [
    "virtual_key",
    "provider",
    "custom_host",
    "trace_id",
    "cache_namespace",
    "openai_project",
    "openai_organization",
    "aws_secret_access_key",
    "aws_access_key_id",
    "aws_session_token",
    "aws_region",
    "aws_s3_bucket",
    "aws_s3_object_key",
    "aws_bedrock_model",
    "vertex_project_id",
    "vertex_region",
    "vertex_storage_bucket_name",
    "workers_ai_account_id",
    "azure_resource_name",
    "azure_deployment_id",
    "azure_api_version",
    "azure_endpoint_name",
    "azure_model_name",
    "huggingface_base_url",
    "fireworks_account_id",
    "anthropic_beta",
    "anthropic_version",
    "mistral_fim_completion",
    "provider_file_name",
    "provider_model",
    "span_id",
    "parent_span_id",
    "span_name",
]


@pytest.mark.parametrize("name", NAMED_OPTIONS)
def test_named_option_becomes_kebab_header(mock: respx.MockRouter, name: str) -> None:
    headers = sent_headers(mock, api_key="pk", **{name: "v-1"})
    assert headers["x-portkey-" + name.replace("_", "-")] == "v-1"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param({"debug": True}, {"x-portkey-debug": "true"}, id="bool-true"),
        pytest.param({"debug": False}, {"x-portkey-debug": "false"}, id="bool-false"),
        pytest.param(
            {"cache_force_refresh": True}, {"x-portkey-cache-force-refresh": "true"}, id="bool-cfr"
        ),
        pytest.param(
            {"config": {"retry": {"attempts": 3, "on_status_codes": [429, 500]}}},
            {"x-portkey-config": '{"retry": {"attempts": 3, "on_status_codes": [429, 500]}}'},
            id="dict-default-separators",
        ),
        pytest.param(
            {"metadata": {"name": "José", "_user": "u"}},
            {"x-portkey-metadata": '{"name": "Jos\\u00e9", "_user": "u"}'},
            id="dict-ascii-escaped",
        ),
        pytest.param(  # {} reaches no provider: sent only unchecked (issue 15)
            {"config": {}, "validate_config": False},
            {"x-portkey-config": "{}"},
            id="empty-dict-sent",
        ),
        pytest.param({"config": "pc-abc-123"}, {"x-portkey-config": "pc-abc-123"}, id="str-id"),
        pytest.param(
            {"metadata": '{"env":"prod"}'}, {"x-portkey-metadata": '{"env":"prod"}'}, id="str-json"
        ),
        pytest.param({"request_timeout": 3000}, {"x-portkey-request-timeout": "3000"}, id="int"),
        pytest.param({"Authorization": "sk-x"}, {"authorization": "Bearer sk-x"}, id="auth"),
        pytest.param(
            {"Authorization": "Bearer sk-x"}, {"authorization": "Bearer sk-x"}, id="auth-bearer"
        ),
        pytest.param(
            {"forward_headers": ["x-team", "x_env"], "x_team": "a", "x_env": "b", "x_other": "c"},
            {
                "x-portkey-forward-headers": "x-team,x_env",
                "x-team": "a",
                "x-env": "b",
                "x-portkey-x-other": "c",
            },
            id="forward-headers",
        ),
        pytest.param({"my_custom_thing": "x"}, {"x-portkey-my-custom-thing": "x"}, id="unknown"),
        pytest.param({"k_int": 5, "k_float": 1.5}, {"x-portkey-k-int": "5"}, id="unknown-int"),
        pytest.param({"k_list": ["a", "b"]}, {"x-portkey-k-list": '["a", "b"]'}, id="list-json"),
        pytest.param({"mode": "fallback"}, {"x-portkey-mode": "proxy fallback"}, id="mode"),
        pytest.param(
            {"strict_open_ai_compliance": True},
            {"x-portkey-strict-open-ai-compliance": "true"},
            id="strict-true",
        ),
    ],
)
def test_header_rules(
    mock: respx.MockRouter, kwargs: Dict[str, Any], expected: Dict[str, str]
) -> None:
    headers = sent_headers(mock, api_key="pk", **kwargs)
    for name, value in expected.items():
        assert headers.get_list(name) == [value], name


def test_strict_open_ai_compliance_false_by_default(mock: respx.MockRouter) -> None:
    assert sent_headers(mock, api_key="pk")["x-portkey-strict-open-ai-compliance"] == "false"
    assert "x-portkey-strict-open-ai-compliance" not in sent_headers(
        mock, api_key="pk", strict_open_ai_compliance=None
    )


def test_none_and_empty_are_not_sent(mock: respx.MockRouter) -> None:
    headers = sent_headers(
        mock,
        api_key="pk",
        virtual_key=None,
        trace_id="",
        provider="",
        config=None,
        my_thing=None,
        forward_headers=[],
    )
    portkey = {k for k in headers if k.startswith("x-portkey-")}
    assert portkey - {
        "x-portkey-package-version",
        "x-portkey-runtime",
        "x-portkey-runtime-version",
    } == {"x-portkey-api-key", "x-portkey-strict-open-ai-compliance"}


def test_no_placeholder_authorization_and_no_empty_api_key(mock: respx.MockRouter) -> None:
    headers = sent_headers(mock, provider="openai")
    assert str(last(mock).url) == "http://localhost:8787/v1/chat/completions"
    assert "authorization" not in headers
    assert "x-portkey-api-key" not in headers
    assert headers["x-portkey-provider"] == "openai"


def test_client_settings_are_not_headers(mock: respx.MockRouter) -> None:
    """As the official: these configure the client; webhook_secret must never be sent."""
    headers = sent_headers(
        mock,
        api_key="pk",
        instrumentation=False,
        calculate_audio_duration=False,
        websocket_base_url="wss://x",
        webhook_secret="whsec-secret",
    )
    assert not [v for v in headers.values() if v in ("whsec-secret", "wss://x")]
    assert not [k for k in headers if "instrumentation" in k or "audio" in k]


def test_default_headers_are_sent(mock: respx.MockRouter) -> None:
    headers = sent_headers(mock, api_key="pk", default_headers={"x-team": "t1"})
    assert headers["x-team"] == "t1"


def test_http_client_headers_do_not_replace_ours(mock: respx.MockRouter) -> None:
    headers = sent_headers(mock, api_key="pk", http_client=httpx.Client(headers={"x-a": "1"}))
    assert headers["x-a"] == "1"
    assert headers.get_list("accept") == ["application/json"]
    assert headers["user-agent"].startswith("portkey-python/")


def test_default_headers_override_case_insensitively(mock: respx.MockRouter) -> None:
    headers = sent_headers(
        mock,
        api_key="pk",
        Authorization="sk-a",
        trace_id="t",
        default_headers={"authorization": "Bearer sk-d", "X-Portkey-Trace-Id": "d"},
    )
    assert headers.get_list("authorization") == ["Bearer sk-d"]
    assert headers.get_list("x-portkey-trace-id") == ["d"]


# ---------------------------------------------------------------------------------------------
# Environment and base URLs
# ---------------------------------------------------------------------------------------------


def test_env_api_key(mock: respx.MockRouter, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTKEY_API_KEY", "pk-env")
    headers = sent_headers(mock)
    assert headers["x-portkey-api-key"] == "pk-env"
    assert str(last(mock).url) == CHAT_URL
    assert sent_headers(mock, api_key="pk-kw")["x-portkey-api-key"] == "pk-kw"


def test_empty_api_key_falls_back_to_env(
    mock: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTKEY_API_KEY", "pk-env")
    headers = sent_headers(mock, api_key="")
    assert str(last(mock).url) == CHAT_URL
    assert headers["x-portkey-api-key"] == "pk-env"


def test_env_base_url(mock: respx.MockRouter, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTKEY_BASE_URL", "https://env.example.com/v1/")
    monkeypatch.setenv("PORTKEY_PROXY", "https://proxy.example.com/v1")
    sent_headers(mock, api_key="pk")
    assert str(last(mock).url) == "https://env.example.com/v1/chat/completions"
    sent_headers(mock, api_key="pk", base_url="https://kw.example.com/v1")
    assert str(last(mock).url) == "https://kw.example.com/v1/chat/completions"
    monkeypatch.delenv("PORTKEY_BASE_URL")
    sent_headers(mock, api_key="pk")
    assert str(last(mock).url) == "https://proxy.example.com/v1/chat/completions"


def test_default_base_urls() -> None:
    assert Portkey(api_key="pk").base_url == BASE
    assert Portkey().base_url == "http://localhost:8787/v1"
    assert AsyncPortkey(api_key="pk").base_url == BASE
    assert AsyncPortkey().base_url == "http://localhost:8787/v1"
    assert Portkey(base_url="http://gw:8787/v1/").base_url == "http://gw:8787/v1"
    with pytest.raises(ValueError, match="API key"):
        Portkey(base_url=BASE)


# ---------------------------------------------------------------------------------------------
# with_options / copy
# ---------------------------------------------------------------------------------------------


def test_with_options_shares_the_pool(mock: respx.MockRouter) -> None:
    client = Portkey(api_key="pk")
    early = client.copy(trace_id="early")  # made before the pool exists
    chat(early)
    late = client.with_options(trace_id="late")
    chat(client)
    chat(late)
    http = client._pool._client
    assert isinstance(http, httpx.Client)
    assert early._pool._client is http
    assert late._pool._client is http
    client.close()
    assert http.is_closed


@pytest.mark.anyio
async def test_async_with_options_shares_the_pool(mock: respx.MockRouter) -> None:
    client = AsyncPortkey(api_key="pk")
    chat_copy = client.with_options(trace_id="x")
    await achat(chat_copy)
    await achat(client)
    http = client._pool._client
    assert isinstance(http, httpx.AsyncClient)
    assert chat_copy._pool._client is http
    await client.close()
    assert http.is_closed


@pytest.mark.parametrize("method", ["with_options", "copy"])
def test_with_options_overrides_and_resets(mock: respx.MockRouter, method: str) -> None:
    client = Portkey(
        api_key="pk",
        debug=True,
        strict_open_ai_compliance=True,
        trace_id="t-orig",
        config={"retry": {"attempts": 3}},
        metadata={"a": "1"},
        my_thing="x",
        Authorization="sk-a",
        timeout=7,
        max_retries=0,
    )
    derived = getattr(client, method)(
        debug=False,
        strict_open_ai_compliance=False,
        trace_id=None,
        config={},
        validate_config=False,  # {} reaches no provider: sent only unchecked (issue 15)
        metadata={"b": "2"},
        my_thing="y",  # re-passing a **kwargs option is not a TypeError
        Authorization="sk-b",
        virtual_key="vk-new",
    )
    chat(derived)
    headers = last(mock).headers
    assert headers["x-portkey-debug"] == "false"
    assert headers["x-portkey-strict-open-ai-compliance"] == "false"
    assert "x-portkey-trace-id" not in headers
    assert headers["x-portkey-config"] == "{}"
    assert headers["x-portkey-metadata"] == '{"b": "2"}'
    assert headers["x-portkey-my-thing"] == "y"
    assert headers["authorization"] == "Bearer sk-b"
    assert headers["x-portkey-virtual-key"] == "vk-new"
    assert headers["x-portkey-api-key"] == "pk"
    assert derived.timeout == httpx.Timeout(7)
    assert derived.max_retries == 0
    assert derived.base_url == client.base_url

    chat(client)  # the original is unchanged
    headers = last(mock).headers
    assert headers["x-portkey-debug"] == "true"
    assert headers["x-portkey-strict-open-ai-compliance"] == "true"
    assert headers["x-portkey-trace-id"] == "t-orig"
    assert headers["x-portkey-config"] == '{"retry": {"attempts": 3}}'
    assert headers["x-portkey-metadata"] == '{"a": "1"}'
    assert headers["x-portkey-my-thing"] == "x"
    assert headers["authorization"] == "Bearer sk-a"
    assert "x-portkey-virtual-key" not in headers
    client.close()


def test_with_options_to_empty_dict_and_base_url(mock: respx.MockRouter) -> None:
    client = Portkey(api_key="pk", metadata={"a": "1"})
    derived = client.with_options(metadata={}, base_url="https://other.example.com/v1")
    chat(derived)
    assert last(mock).headers["x-portkey-metadata"] == "{}"
    assert str(last(mock).url) == "https://other.example.com/v1/chat/completions"


def _echo_trace(request: httpx.Request) -> httpx.Response:
    """Answers with the trace id it received, in the body's id."""
    trace = request.headers.get("x-portkey-trace-id")
    return httpx.Response(200, json={**CHAT, "id": trace})


def test_concurrent_copies_do_not_cross_headers(mock: respx.MockRouter) -> None:
    mock.routes["chat"].mock(side_effect=_echo_trace)
    client = Portkey(api_key="pk")
    copies = {name: client.with_options(trace_id=name) for name in ("t-a", "t-b", "t-c")}
    start = threading.Barrier(len(copies))

    def run(name: str) -> List[str]:
        start.wait()
        sent = []
        for i in range(30):
            result = chat(copies[name], user=f"{name}-{i}")
            sent.append(result.id)
        return sent

    with ThreadPoolExecutor(len(copies)) as pool:
        results = dict(zip(copies, pool.map(run, copies)))
    for name, ids in results.items():
        assert ids == [name] * 30
    for call in mock.routes["chat"].calls:
        user = body_of(call.request)["user"]
        assert call.request.headers["x-portkey-trace-id"] == user.rsplit("-", 1)[0]
    client.close()


@pytest.mark.anyio
async def test_async_concurrent_copies_do_not_cross_headers(mock: respx.MockRouter) -> None:
    mock.routes["chat"].mock(side_effect=_echo_trace)
    client = AsyncPortkey(api_key="pk")
    a, b = client.with_options(trace_id="t-a"), client.with_options(trace_id="t-b")
    results = await asyncio.gather(*[achat(c) for _ in range(20) for c in (a, b)])
    assert [r.id for r in results] == ["t-a", "t-b"] * 20
    await client.close()


# ---------------------------------------------------------------------------------------------
# Context managers and close
# ---------------------------------------------------------------------------------------------


def test_context_manager_closes_the_pool(mock: respx.MockRouter) -> None:
    with Portkey(api_key="pk") as client:
        chat(client)
        http = client._pool._client
        assert http is not None and not http.is_closed
    assert http.is_closed
    calls = mock.calls.call_count
    with pytest.raises(APIConnectionError):
        chat(client)
    assert mock.calls.call_count == calls


def test_close_closes_and_later_requests_raise(mock: respx.MockRouter) -> None:
    client = Portkey(api_key="pk")
    copy = client.with_options(trace_id="x")
    chat(client)
    http = client._pool._client
    client.close()
    assert http is not None and http.is_closed
    with pytest.raises(APIConnectionError):
        chat(client)
    with pytest.raises(APIConnectionError):
        chat(copy)  # the copy shares the closed pool
    client.close()  # closing twice is harmless
    assert mock.calls.call_count == 1


def test_close_before_any_request(mock: respx.MockRouter) -> None:
    client = Portkey(api_key="pk")
    client.close()
    with pytest.raises(APIConnectionError):
        chat(client)
    assert not mock.calls


@pytest.mark.anyio
async def test_async_context_manager_and_close(mock: respx.MockRouter) -> None:
    async with AsyncPortkey(api_key="pk") as client:
        await achat(client)
        http = client._pool._client
        assert http is not None and not http.is_closed
    assert http.is_closed
    with pytest.raises(APIConnectionError):
        await achat(client)

    other = AsyncPortkey(api_key="pk")
    await achat(other)
    http = other._pool._client
    await other.close()
    assert http is not None and http.is_closed
    with pytest.raises(APIConnectionError):
        await achat(other)
    assert mock.calls.call_count == 2


# ---------------------------------------------------------------------------------------------
# repr
# ---------------------------------------------------------------------------------------------

SECRETS = ("pk-secret", "sk-secret", "aws-secret-value", "aws-token-value", "vk-secret")


@pytest.mark.parametrize("cls", [Portkey, AsyncPortkey])
def test_repr_hides_secrets(cls: Any) -> None:
    client = cls(
        api_key="pk-secret",
        Authorization="sk-secret",
        aws_secret_access_key="aws-secret-value",
        aws_session_token="aws-token-value",
        virtual_key="vk-secret",
        base_url="https://gw.example.com/v1",
    )
    for text in (repr(client), str(client), repr(client.with_options(trace_id="t"))):
        assert "https://gw.example.com/v1" in text
        for secret in SECRETS:
            assert secret not in text
        assert "Bearer" not in text


# ---------------------------------------------------------------------------------------------
# Per-call options
# ---------------------------------------------------------------------------------------------


def test_extra_headers(mock: respx.MockRouter) -> None:
    client = Portkey(api_key="pk", trace_id="t-client", Authorization="sk-a")
    chat(client, extra_headers={"x-my": "1", "x-portkey-trace-id": "t-call"})
    headers = last(mock).headers
    assert headers["x-my"] == "1"
    assert headers.get_list("x-portkey-trace-id") == ["t-call"]
    chat(client, extra_headers={"x-portkey-trace-id": None, "Authorization": None})
    headers = last(mock).headers
    assert "x-portkey-trace-id" not in headers
    assert "authorization" not in headers
    chat(client)  # nothing sticks to the client
    assert last(mock).headers["x-portkey-trace-id"] == "t-client"
    assert "x-my" not in last(mock).headers


def test_extra_headers_any_case(mock: respx.MockRouter) -> None:
    client = Portkey(api_key="pk", trace_id="t-client")
    chat(client, extra_headers={"X-Portkey-Trace-Id": None})
    assert "x-portkey-trace-id" not in last(mock).headers
    chat(client, extra_headers={"X-Portkey-Trace-Id": "t-call"})
    assert last(mock).headers.get_list("x-portkey-trace-id") == ["t-call"]


def test_extra_query_and_extra_body(mock: respx.MockRouter) -> None:
    client = Portkey(api_key="pk")
    chat(
        client,
        extra_query={"api-version": "2024", "q": "1"},
        extra_body={"custom": {"nested": True}, "foo": "from-extra"},
        foo="from-kwarg",
    )
    request = last(mock)
    assert request.url.params == httpx.QueryParams({"api-version": "2024", "q": "1"})
    assert body_of(request) == {
        "messages": MSGS,
        "model": "gpt-4o-mini",
        "custom": {"nested": True},
        "foo": "from-kwarg",  # as the official: a kwarg wins over extra_body
    }


def test_timeouts(mock: respx.MockRouter) -> None:
    client = Portkey(api_key="pk")
    chat(client)
    assert last(mock).extensions["timeout"] == {
        "connect": 5.0,
        "read": 600.0,
        "write": 600.0,
        "pool": 600.0,
    }
    chat(client, timeout=5)
    assert last(mock).extensions["timeout"] == dict.fromkeys(
        ("connect", "read", "write", "pool"), 5.0
    )
    chat(client, timeout=httpx.Timeout(10, connect=2))
    assert last(mock).extensions["timeout"] == {
        "connect": 2.0,
        "read": 10.0,
        "write": 10.0,
        "pool": 10.0,
    }
    chat(Portkey(api_key="pk", timeout=30))
    assert last(mock).extensions["timeout"]["read"] == 30.0


@pytest.mark.usefixtures("no_sleep")
def test_max_retries(mock: respx.MockRouter) -> None:
    route = mock.routes["chat"]
    route.mock(return_value=httpx.Response(500, json={"error": {"message": "boom"}}))
    client = Portkey(api_key="pk")
    with pytest.raises(InternalServerError):
        chat(client)
    assert route.call_count == 3  # default max_retries=2
    with pytest.raises(InternalServerError):
        chat(client, max_retries=0)
    assert route.call_count == 4
    with pytest.raises(InternalServerError):
        chat(client, max_retries=4)
    assert route.call_count == 9
    with pytest.raises(InternalServerError):
        chat(client.with_options(max_retries=1))
    assert route.call_count == 11


@pytest.mark.anyio
@pytest.mark.usefixtures("no_sleep")
async def test_async_per_call_options(mock: respx.MockRouter) -> None:
    client = AsyncPortkey(api_key="pk", trace_id="t")
    await achat(
        client,
        extra_headers={"x-my": "1", "x-portkey-trace-id": None},
        extra_query={"q": "1"},
        extra_body={"custom": 1},
        timeout=3,
    )
    request = last(mock)
    assert request.headers["x-my"] == "1"
    assert "x-portkey-trace-id" not in request.headers
    assert request.url.params["q"] == "1"
    assert body_of(request)["custom"] == 1
    assert request.extensions["timeout"]["read"] == 3.0
    route = mock.routes["chat"]
    route.mock(return_value=httpx.Response(503, json={"error": {"message": "x"}}))
    before = route.call_count
    with pytest.raises(InternalServerError):
        await achat(client, max_retries=1)
    assert route.call_count == before + 2
    await client.close()


# ---------------------------------------------------------------------------------------------
# Bodies
# ---------------------------------------------------------------------------------------------


def test_model_defaults(mock: respx.MockRouter) -> None:
    client = Portkey(api_key="pk")
    client.chat.completions.create(messages=MSGS)
    assert body_of(last(mock))["model"] == "portkey-default"
    client.embeddings.create(input="hi")
    assert body_of(last(mock))["model"] == "portkey-default"


OPENAI_PARAMS: Dict[str, Any] = {
    "tools": [
        {
            "type": "function",
            "function": {"name": "f", "parameters": {"type": "object", "properties": {}}},
        }
    ],
    "tool_choice": {"type": "function", "function": {"name": "f"}},
    "parallel_tool_calls": False,
    "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {}}},
    "temperature": 0.2,
    "top_p": 0.9,
    "max_tokens": 10,
    "max_completion_tokens": 20,
    "seed": 7,
    "n": 2,
    "stop": ["\n"],
    "user": "u-1",
    "logprobs": True,
    "top_logprobs": 3,
    "logit_bias": {"50256": -100},
    "presence_penalty": 0.1,
    "frequency_penalty": 0.2,
    "metadata": {"k": "v"},
    "store": True,
    "reasoning_effort": "low",
    "modalities": ["text"],
    "audio": {"voice": "alloy", "format": "wav"},
    "prediction": {"type": "content", "content": "x"},
    "service_tier": "auto",
    "verbosity": "low",
    "web_search_options": {},
    "top_k": 5,  # not OpenAI: passes through too
    "foo": {"nested": [1, None]},
    "unknown_null": None,  # explicit None is sent as null
}


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_every_param_passes_through(mock: respx.MockRouter, is_async: bool) -> None:
    if is_async:

        async def go() -> None:
            async with AsyncPortkey(api_key="pk") as client:
                await achat(client, **OPENAI_PARAMS)

        asyncio.run(go())
    else:
        chat(Portkey(api_key="pk"), **OPENAI_PARAMS)
    assert body_of(last(mock)) == {"messages": MSGS, "model": "gpt-4o-mini", **OPENAI_PARAMS}


def test_stream_options_pass_through(mock: respx.MockRouter) -> None:
    mock.routes["chat"].mock(
        return_value=httpx.Response(
            200, headers={"content-type": "text/event-stream"}, content=b"data: [DONE]\n\n"
        )
    )
    with Portkey(api_key="pk") as client:
        with chat(client, stream=True, stream_options={"include_usage": True}) as stream:
            assert list(stream) == []
    assert body_of(last(mock))["stream"] is True
    assert body_of(last(mock))["stream_options"] == {"include_usage": True}


def test_response_objects_in_messages_are_serialised(mock: respx.MockRouter) -> None:
    mock.routes["chat"].mock(return_value=httpx.Response(200, json=TOOL_CALL_CHAT))
    client = Portkey(api_key="pk")
    first = chat(client, tools=OPENAI_PARAMS["tools"])
    message = first.choices[0].message
    follow_up = [
        *MSGS,
        message,
        {"role": "tool", "tool_call_id": message.tool_calls[0].id, "content": "sunny"},
    ]
    chat(client, messages=follow_up)
    sent = body_of(last(mock))["messages"]
    assert sent[1] == {
        "role": "assistant",
        "tool_calls": [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
            }
        ],
    }
    assert sent[2]["tool_call_id"] == "call_1"
    # A tuple of messages and a response object nested in a dict serialise too.
    chat(client, messages=(MSGS[0], {"role": "assistant", "tool_calls": message.tool_calls}))
    assert body_of(last(mock))["messages"][1]["tool_calls"][0]["id"] == "call_1"


# ---------------------------------------------------------------------------------------------
# Bad arguments: a clear error before anything is sent
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        pytest.param({"foo": object()}, TypeError, id="not-json"),
        pytest.param({"temperature": float("nan")}, ValueError, id="nan"),
        pytest.param({"foo": float("inf")}, ValueError, id="inf"),
        pytest.param({"max_retries": -1}, ValueError, id="negative-max-retries"),
        pytest.param({"timeout": -1}, ValueError, id="negative-timeout"),
        pytest.param({"extra_body": ["x"]}, TypeError, id="extra-body-not-mapping"),
    ],
)
def test_bad_call_arguments(mock: respx.MockRouter, kwargs: Dict[str, Any], error: type) -> None:
    with Portkey(api_key="pk") as client:
        with pytest.raises(error):
            chat(client, **kwargs)
    with pytest.raises(error):
        asyncio.run(achat(AsyncPortkey(api_key="pk"), **kwargs))
    assert not mock.calls


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        pytest.param({"config": 123}, TypeError, id="config-int"),
        pytest.param({"config": ["pc-1"]}, TypeError, id="config-list"),
        pytest.param({"metadata": 5}, TypeError, id="metadata-int"),
        pytest.param({"max_retries": -1}, ValueError, id="negative-max-retries"),
        pytest.param({"timeout": -1}, ValueError, id="negative-timeout"),
        pytest.param({"timeout": httpx.Timeout(10, connect=-1)}, ValueError, id="negative-connect"),
    ],
)
@pytest.mark.parametrize("cls", [Portkey, AsyncPortkey])
def test_bad_client_arguments(
    mock: respx.MockRouter, cls: Any, kwargs: Dict[str, Any], error: type
) -> None:
    with pytest.raises(error):
        cls(api_key="pk", **kwargs)
    with pytest.raises(error):
        cls(api_key="pk").with_options(**kwargs)
    assert not mock.calls


# ---------------------------------------------------------------------------------------------
# Embeddings
# ---------------------------------------------------------------------------------------------


def test_embeddings_floats_by_default_from_base64_wire(mock: respx.MockRouter) -> None:
    with Portkey(api_key="pk") as client:
        result = client.embeddings.create(model="text-embedding-3-small", input=["Hello, world!"])
    assert body_of(last(mock)) == {
        "input": ["Hello, world!"],
        "model": "text-embedding-3-small",
        "encoding_format": "base64",
    }
    expected = _floats_of(EMB_BASE64["data"][0]["embedding"])
    assert len(expected) == 1536
    embedding = result.data[0].embedding
    assert isinstance(embedding, list)
    assert all(type(x) is float for x in embedding)
    assert embedding == expected
    assert result.model == EMB_BASE64["model"]
    assert result.usage.prompt_tokens == EMB_BASE64["usage"]["prompt_tokens"]
    assert result.usage.total_tokens == EMB_BASE64["usage"]["total_tokens"]
    assert result.get_headers() == PORTKEY_RESPONSE_HEADERS


def test_embeddings_base64_kept_when_asked(mock: respx.MockRouter) -> None:
    with Portkey(api_key="pk") as client:
        result = client.embeddings.create(model="m", input="x", encoding_format="base64")
    assert body_of(last(mock))["encoding_format"] == "base64"
    assert result.data[0].embedding == EMB_BASE64["data"][0]["embedding"]


def test_embeddings_float_when_asked(mock: respx.MockRouter) -> None:
    with Portkey(api_key="pk") as client:
        result = client.embeddings.create(
            model="text-embedding-3-small", input="x", encoding_format="float", dimensions=512
        )
    assert body_of(last(mock)) == {
        "input": "x",
        "model": "text-embedding-3-small",
        "encoding_format": "float",
        "dimensions": 512,
    }
    assert result.data[0].embedding == EMB_FLOAT["data"][0]["embedding"]
    assert len(result.data[0].embedding) == 512
    assert result.to_dict()["data"][0]["embedding"] == EMB_FLOAT["data"][0]["embedding"]


def test_embeddings_call_options(mock: respx.MockRouter) -> None:
    with Portkey(api_key="pk") as client:
        client.embeddings.create(
            input="hi", model="m", extra_headers={"x-h": "1"}, extra_body={"z": 1}, foo="bar"
        )
    request = last(mock)
    assert request.headers["x-h"] == "1"
    assert body_of(request) == {
        "input": "hi",
        "model": "m",
        "foo": "bar",
        "z": 1,
        "encoding_format": "base64",
    }


@pytest.mark.anyio
async def test_async_embeddings(mock: respx.MockRouter) -> None:
    async with AsyncPortkey(api_key="pk") as client:
        floats = await client.embeddings.create(model="m", input=["Hello, world!"])
        b64 = await client.embeddings.create(model="m", input="x", encoding_format="base64")
        plain = await client.embeddings.create(model="m", input="x", encoding_format="float")
    assert floats.data[0].embedding == _floats_of(EMB_BASE64["data"][0]["embedding"])
    assert b64.data[0].embedding == EMB_BASE64["data"][0]["embedding"]
    assert plain.data[0].embedding == EMB_FLOAT["data"][0]["embedding"]


# ---------------------------------------------------------------------------------------------
# Raw responses, get_headers(), unknown fields
# ---------------------------------------------------------------------------------------------


def _check_raw(raw: Any) -> None:
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.headers["x-portkey-trace-id"] == "trace-from-server"
    assert raw.headers["x-request-id"] == "req-123"
    assert raw.http_request.method == "POST"
    assert str(raw.http_request.url) == CHAT_URL
    assert json.loads(raw.http_request.content)["model"] == "gpt-4o-mini"
    parsed = raw.parse()
    assert parsed.choices[0].message.content == "Hi!"
    assert parsed.get_headers() == PORTKEY_RESPONSE_HEADERS


def test_with_raw_response(mock: respx.MockRouter) -> None:
    with Portkey(api_key="pk") as client:
        _check_raw(
            client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=MSGS)
        )
        raw = client.embeddings.with_raw_response.create(model="m", input="x")
        assert raw.json()["data"][0]["embedding"] == EMB_BASE64["data"][0]["embedding"]
        assert raw.parse().data[0].embedding == _floats_of(EMB_BASE64["data"][0]["embedding"])
        # with_raw_response also works one level up, on client.chat
        assert (
            client.chat.with_raw_response.completions.create(model="gpt-4o-mini", messages=MSGS)
            .parse()
            .id
            == "chatcmpl-1"
        )


@pytest.mark.anyio
async def test_async_with_raw_response(mock: respx.MockRouter) -> None:
    async with AsyncPortkey(api_key="pk") as client:
        _check_raw(
            await client.chat.completions.with_raw_response.create(
                model="gpt-4o-mini", messages=MSGS
            )
        )
        raw = await client.embeddings.with_raw_response.create(model="m", input="x")
        assert raw.parse().data[0].embedding == _floats_of(EMB_BASE64["data"][0]["embedding"])


def test_get_headers(mock: respx.MockRouter, capsys: pytest.CaptureFixture[str]) -> None:
    with Portkey(api_key="pk") as client:
        response = chat(client)
    assert response.get_headers() == PORTKEY_RESPONSE_HEADERS
    print(response)
    print(repr(response), response.to_dict(), response.to_json())
    assert "Hi!" in capsys.readouterr().out
    assert response.get_headers() == PORTKEY_RESPONSE_HEADERS
    assert "_headers" not in response.to_dict()
    assert "x-request-id" not in response.to_dict()
    response.get_headers()["trace-id"] = "mutated"  # a copy: the response is not changed
    assert response.get_headers()["trace-id"] == "trace-from-server"


def test_get_headers_empty_without_portkey_headers(mock: respx.MockRouter) -> None:
    mock.routes["chat"].mock(return_value=httpx.Response(200, json=CHAT))
    with Portkey(api_key="pk") as client:
        assert chat(client).get_headers() == {}


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_unknown_response_fields_are_kept(mock: respx.MockRouter, is_async: bool) -> None:
    body = {
        **CHAT,
        "provider": "openrouter",
        "choices": [
            {
                **CHAT["choices"][0],
                "native_finish_reason": "end_turn",
                "message": {"role": "assistant", "content": "Hi!", "reasoning_content": "hmm"},
            }
        ],
        "usage": {**CHAT["usage"], "cost": 0.0001, "prompt_tokens_details": {"cached_tokens": 0}},
    }
    mock.routes["chat"].mock(return_value=httpx.Response(200, json=body))
    if is_async:

        async def go() -> Any:
            async with AsyncPortkey(api_key="pk") as client:
                return await achat(client)

        response = asyncio.run(go())
    else:
        with Portkey(api_key="pk") as client:
            response = chat(client)
    assert response.provider == "openrouter"
    assert response.choices[0].native_finish_reason == "end_turn"
    assert response.choices[0].message.reasoning_content == "hmm"
    assert response.usage.cost == 0.0001
    assert response.usage.prompt_tokens_details.cached_tokens == 0
    data = response.to_dict()
    assert data["provider"] == "openrouter"
    assert data["choices"][0]["message"]["reasoning_content"] == "hmm"
    assert data["usage"]["cost"] == 0.0001
    assert response.model_dump()["choices"][0]["native_finish_reason"] == "end_turn"
    assert json.loads(response.to_json())["provider"] == "openrouter"


def test_urls_with_ids_are_right_and_do_not_pile_up(mock: respx.MockRouter) -> None:
    """Parsed URLs are cached per path for speed, but paths carrying ids are endless: each
    request still goes to its own URL, and the cache stays bounded."""
    route = mock.put(url__regex=r"/v1/feedback/fb-\d+$").mock(
        return_value=httpx.Response(200, json={"status": "success", "message": "ok"})
    )
    client = Portkey(api_key="pk")
    for i in range(500):
        client.feedback.update(feedback_id=f"fb-{i}", value=1)
    assert [str(c.request.url).rsplit("/", 1)[1] for c in route.calls] == [
        f"fb-{i}" for i in range(500)
    ]
    assert len(client._urls) <= 64
