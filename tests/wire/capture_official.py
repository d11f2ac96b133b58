"""Capture exactly what the official ``portkey-ai==2.3.4`` SDK puts on the wire.

This is a *yardstick generator*, not a test.  It must run in a separate venv that
has the official package installed (it is never imported by the test-suite):

    python3 -m venv /tmp/official
    /tmp/official/bin/pip install portkey-ai==2.3.4 respx
    /tmp/official/bin/python tests/wire/capture_official.py

It writes ``tests/wire/official_captures.json`` next to this file.  Every
scenario is pure data (JSON-serialisable) so a test can replay the same table
through our own SDK and compare the captured requests.

Per scenario the JSON holds:
  name, doc, env (extra env vars), client (Portkey(**kwargs)),
  with_options (kwargs or null), call {path, kwargs}, and the outcome:
  requests: [{method, url, headers: [[lower-name, value], ...] sorted,
              body_json, body_raw}], error (type/message or null),
  response_get_headers (result of ``resp.get_headers()`` when available),
  client_state (base_url / api_key as resolved by the client).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any, Dict, List
from unittest import mock

import capture_files  # issue 11: files, uploads, batches, audio, image edits
import capture_platform  # issue 12: fine-tuning, vector stores, evals, beta, realtime HTTP...
import capture_portkey  # issue 13: Portkey's own APIs (admin, configs, prompts library...)
import capture_responses  # issue 10: the Responses, conversations, stored-chat scenarios
import httpx
import portkey_ai
import respx
from portkey_ai import Portkey

# httpx advertises zstd/br when zstandard/brotli happen to be installed in this venv; the captures
# were made without them (Accept-Encoding is not compared by the replay): kept byte-stable.
httpx._client.ACCEPT_ENCODING = "gzip, deflate"

OUT = Path(__file__).with_name("official_captures.json")
# Fixed (not random) so that error messages naming a path are the same on every run.
FILES_TMP = Path("/tmp/portkey-wire-capture")
HERE_CWD = os.getcwd()

PK = "pk-test"
VK = "vk-test"
MSGS = [{"role": "user", "content": "Hello"}]

# ---------------------------------------------------------------------------
# Fake upstream responses
# ---------------------------------------------------------------------------

RESPONSE_HEADERS = {
    "content-type": "application/json",
    "x-portkey-trace-id": "trace-from-server",
    "x-portkey-cache-status": "MISS",
    "x-portkey-retry-attempt-count": "0",
    "x-portkey-provider": "openai",
    "x-request-id": "req-123",
}

CHAT_COMPLETION = {
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

TEXT_COMPLETION = {
    "id": "cmpl-1",
    "object": "text_completion",
    "created": 1700000000,
    "model": "gpt-3.5-turbo-instruct",
    "choices": [{"index": 0, "text": "Hi!", "finish_reason": "stop", "logprobs": None}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}

EMBEDDING_FLOAT = {
    "object": "list",
    "data": [{"object": "embedding", "index": 0, "embedding": [0.5, -0.25]}],
    "model": "text-embedding-3-small",
    "usage": {"prompt_tokens": 1, "total_tokens": 1},
}
# base64 of float32 [0.5, -0.25]
EMBEDDING_B64 = dict(
    EMBEDDING_FLOAT,
    data=[{"object": "embedding", "index": 0, "embedding": "AAAAPwAAgL4="}],
)

TEXT_SSE_BODY = (
    'data: {"id":"cmpl-1","object":"text_completion","created":1700000000,'
    '"model":"gpt-3.5-turbo-instruct","choices":[{"index":0,"text":"Hi","logprobs":null,'
    '"finish_reason":null}]}\n\n'
    'data: {"id":"cmpl-1","object":"text_completion","created":1700000000,'
    '"model":"gpt-3.5-turbo-instruct","choices":[{"index":0,"text":"!","logprobs":null,'
    '"finish_reason":"stop"}]}\n\n'
    "data: [DONE]\n\n"
)

FEEDBACK_RESPONSE = {
    "status": "success",
    "message": "Feedback created successfully",
    "feedback_ids": ["fb-1"],
}

PROMPT_RENDER = {
    "success": True,
    "data": {
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": "Hello x"}],
        "max_tokens": 5,
    },
}

SSE_BODY = (
    'data: {"id":"c1","object":"chat.completion.chunk","created":1700000000,'
    '"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant",'
    '"content":"Hi"},"finish_reason":null}]}\n\n'
    'data: {"id":"c1","object":"chat.completion.chunk","created":1700000000,'
    '"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n'
    "data: [DONE]\n\n"
)


MODEL = {"id": "gpt-4o-mini", "object": "model", "created": 1700000000, "owned_by": "openai"}
MODEL_LIST = {"object": "list", "data": [MODEL]}
MODEL_DELETED = {"id": "ft:gpt-4o-mini:org:x", "object": "model", "deleted": True}
MODERATION = {
    "id": "modr-1",
    "model": "omni-moderation-latest",
    "results": [
        {
            "flagged": False,
            "categories": {"hate": False, "hate/threatening": False},
            "category_scores": {"hate": 0.01, "hate/threatening": 0.001},
        }
    ],
}
IMAGES = {"created": 1700000000, "data": [{"url": "https://img.example.com/1.png"}]}


def _respond(request: httpx.Request) -> httpx.Response:
    answer = capture_responses.respond(request, RESPONSE_HEADERS)
    if answer is not None:
        return answer
    answer = capture_files.respond(request, RESPONSE_HEADERS)
    if answer is not None:
        return answer
    answer = capture_platform.respond(request, RESPONSE_HEADERS)
    if answer is not None:
        return answer
    answer = capture_portkey.respond(request, RESPONSE_HEADERS)
    if answer is not None:
        return answer
    path = request.url.path
    if "/v1/models" in path:
        if request.method == "DELETE":
            return httpx.Response(200, headers=RESPONSE_HEADERS, json=MODEL_DELETED)
        payload = MODEL_LIST if path.endswith("/v1/models") else MODEL
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=payload)
    if path.endswith("/v1/moderations"):
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=MODERATION)
    if path.endswith("/v1/images/generations"):
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=IMAGES)
    try:
        body = json.loads(request.content or b"{}")
    except ValueError:
        body = {}
    if path.endswith("/render"):
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=PROMPT_RENDER)
    if isinstance(body, dict) and body.get("stream") is True:
        headers = dict(RESPONSE_HEADERS, **{"content-type": "text/event-stream"})
        if path.endswith("/v1/completions"):  # text completions (not chat, not prompts)
            return httpx.Response(200, headers=headers, content=TEXT_SSE_BODY.encode())
        return httpx.Response(200, headers=headers, content=SSE_BODY.encode())
    if "/feedback" in path:
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=FEEDBACK_RESPONSE)
    if "/prompts/" in path:
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=CHAT_COMPLETION)
    if path.endswith("/embeddings"):
        fmt = body.get("encoding_format") if isinstance(body, dict) else None
        payload = EMBEDDING_B64 if fmt == "base64" else EMBEDDING_FLOAT
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=payload)
    if path.endswith("/chat/completions"):
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=CHAT_COMPLETION)
    if path.endswith("/completions"):
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=TEXT_COMPLETION)
    return httpx.Response(200, headers=RESPONSE_HEADERS, json={"success": True})


# ---------------------------------------------------------------------------
# Scenario table (pure data)
# ---------------------------------------------------------------------------

CHAT = "chat.completions.create"
EMB = "embeddings.create"
COMP = "completions.create"


def chat(**kw: Any) -> Dict[str, Any]:
    kwargs = {"model": "gpt-4o-mini", "messages": MSGS}
    kwargs.update(kw)
    return {"path": CHAT, "kwargs": kwargs}


def sc(
    name: str,
    client: Dict[str, Any],
    call: Dict[str, Any],
    *,
    doc: str = "",
    env: Dict[str, str] | None = None,
    with_options: Dict[str, Any] | None = None,
    upstream_statuses: List[Any] | None = None,
) -> Dict[str, Any]:
    """upstream_statuses: what the fake server returns for successive requests, each an
    int status or [status, {extra response headers}] (default/exhausted: 200 success)."""
    return {
        "name": name,
        "doc": doc,
        "env": env or {},
        "client": client,
        "with_options": with_options,
        "call": call,
        "upstream_statuses": upstream_statuses,
    }


BASE = {"api_key": PK, "virtual_key": VK}

ALL_PROVIDER_KWARGS = {
    "provider": "bedrock",
    "aws_secret_access_key": "aws-secret",
    "aws_access_key_id": "aws-akid",
    "aws_session_token": "aws-session",
    "aws_region": "us-east-1",
    "aws_s3_bucket": "my-bucket",
    "aws_s3_object_key": "path/obj.jsonl",
    "aws_bedrock_model": "anthropic.claude-v2",
    "vertex_project_id": "vertex-proj",
    "vertex_region": "us-central1",
    "vertex_storage_bucket_name": "vertex-bucket",
    "azure_resource_name": "az-res",
    "azure_deployment_id": "az-dep",
    "azure_api_version": "2024-02-01",
    "azure_endpoint_name": "az-endpoint",
    "openai_project": "proj_123",
    "openai_organization": "org-123",
    "anthropic_beta": "tools-2024-04-04",
    "anthropic_version": "2023-06-01",
    "workers_ai_account_id": "cf-acct",
    "huggingface_base_url": "https://hf.example.com",
    "fireworks_account_id": "fw-acct",
    "mistral_fim_completion": "true",
    "provider_file_name": "file.jsonl",
    "provider_model": "gpt-4o",
    "span_id": "span-1",
    "parent_span_id": "span-0",
    "span_name": "my-span",
    "cache_namespace": "ns-1",
    "cache_force_refresh": True,
    "trace_id": "trace-all",
}

SCENARIOS: List[Dict[str, Any]] = [
    sc("basic_chat", BASE, chat(), doc="api_key + virtual_key, plain chat"),
    sc("basic_chat_api_key_only", {"api_key": PK}, chat()),
    sc("config_id", {"api_key": PK, "config": "pc-xxx"}, chat()),
    sc(
        "config_fallback",
        {
            "api_key": PK,
            "config": {
                "strategy": {"mode": "fallback"},
                "targets": [
                    {"virtual_key": "openai-vk"},
                    {
                        "virtual_key": "anthropic-vk",
                        "override_params": {"model": "claude-3-5-sonnet"},
                    },
                ],
            },
        },
        chat(),
    ),
    sc(
        "config_loadbalance",
        {
            "api_key": PK,
            "config": {
                "strategy": {"mode": "loadbalance"},
                "targets": [
                    {"virtual_key": "a", "weight": 0.7},
                    {"virtual_key": "b", "weight": 0.3},
                ],
            },
        },
        chat(),
    ),
    sc(
        "config_retry",
        {
            "api_key": PK,
            "virtual_key": VK,
            "config": {"retry": {"attempts": 3, "on_status_codes": [429, 500]}},
        },
        chat(),
    ),
    sc(
        "config_cache",
        {
            "api_key": PK,
            "virtual_key": VK,
            "config": {"cache": {"mode": "semantic", "max_age": 60}},
        },
        chat(),
    ),
    sc(
        "config_unicode",
        {"api_key": PK, "config": {"metadata": {"name": "caf\u00e9 \u2603"}}},
        chat(),
        doc="json.dumps default ensure_ascii=True escapes non-ASCII",
    ),
    sc(
        "config_empty_dict",
        {"api_key": PK, "config": {}},
        chat(),
        doc="{} -> '{}' is truthy, so it IS sent",
    ),
    sc("config_empty_str", {"api_key": PK, "config": ""}, chat(), doc="'' is skipped"),
    sc("request_timeout", {**BASE, "request_timeout": 3000}, chat()),
    sc("trace_id", {**BASE, "trace_id": "trace-123"}, chat()),
    sc("metadata_dict", {**BASE, "metadata": {"_user": "user-1", "env": "prod"}}, chat()),
    sc(
        "metadata_dict_no_user",
        {**BASE, "metadata": {"env": "prod"}},
        chat(),
        doc="no _user is injected",
    ),
    sc("metadata_str", {**BASE, "metadata": '{"env":"prod"}'}, chat(), doc="string sent verbatim"),
    sc(
        "with_options_trace_metadata",
        BASE,
        chat(),
        with_options={"trace_id": "trace-wo", "metadata": {"k": "v"}},
    ),
    sc(
        "with_options_override",
        {**BASE, "trace_id": "t-orig", "config": "pc-orig", "debug": True},
        chat(),
        with_options={"trace_id": "t-new", "config": "pc-new"},
    ),
    sc(
        "with_options_metadata_replaces",
        {**BASE, "metadata": {"a": "1"}},
        chat(),
        with_options={"metadata": {"b": "2"}},
        doc="no merge: the new dict replaces the old",
    ),
    sc(
        "with_options_cannot_reset_false",
        {**BASE, "debug": True, "strict_open_ai_compliance": True, "cache_force_refresh": True},
        chat(),
        with_options={
            "debug": False,
            "strict_open_ai_compliance": False,
            "cache_force_refresh": False,
        },
        doc="x or self.x: False/None/'' cannot override a truthy original",
    ),
    sc(
        "with_options_cannot_reset_none",
        {**BASE, "trace_id": "t-orig"},
        chat(),
        with_options={"trace_id": None},
    ),
    sc(
        "with_options_keeps_unknown_kwargs",
        {**BASE, "my_custom_thing": "x"},
        chat(),
        with_options={"trace_id": "t2"},
    ),
    sc(
        "with_options_repass_unknown_kwarg",
        {**BASE, "my_custom_thing": "x"},
        chat(),
        with_options={"my_custom_thing": "y"},
        doc="**self.kwargs, **kwargs -> TypeError: multiple values",
    ),
    sc("with_options_new_unknown_kwarg", BASE, chat(), with_options={"other_thing": "z"}),
    sc(
        "with_options_authorization_repass",
        {"provider": "openai", "Authorization": "sk-a", "base_url": "http://gw.local/v1"},
        chat(),
        with_options={"Authorization": "sk-b"},
    ),
    sc(
        "unicode_body_and_metadata",
        {**BASE, "metadata": {"name": "Jos\u00e9"}},
        chat(messages=[{"role": "user", "content": "caf\u00e9 \u2603"}]),
        doc="header json.dumps escapes (ensure_ascii=True); body is raw UTF-8 (ensure_ascii=False)",
    ),
    sc("json_output", BASE, chat(response_format={"type": "json_object"})),
    sc(
        "tools",
        BASE,
        chat(
            tools=[
                {
                    "type": "function",
                    "function": {
                        "name": "get_weather",
                        "description": "w",
                        "parameters": {
                            "type": "object",
                            "properties": {"city": {"type": "string"}},
                        },
                    },
                }
            ],
            tool_choice="auto",
        ),
    ),
    sc(
        "sampling_params",
        BASE,
        chat(
            temperature=0.2,
            max_tokens=10,
            top_p=0.9,
            n=1,
            seed=7,
            stop=["x"],
            user="u",
            metadata={"a": "b"},
            store=True,
        ),
    ),
    sc(
        "param_none_values",
        BASE,
        chat(temperature=None, foo=None),
        doc="explicit None is sent as JSON null",
    ),
    sc("unknown_create_kwarg", BASE, chat(foo="bar", top_k=5)),
    sc("model_omitted", BASE, {"path": CHAT, "kwargs": {"messages": MSGS}}),
    sc("model_none", BASE, chat(model=None)),
    sc(
        "self_hosted_provider_authorization",
        {"provider": "openai", "Authorization": "sk-xxx"},
        chat(),
        doc="no api key, no env -> http://localhost:8787/v1",
    ),
    sc("authorization_already_bearer", {**BASE, "Authorization": "Bearer sk-xxx"}, chat()),
    sc("authorization_lowercase_kwarg", {**BASE, "authorization": "sk-low"}, chat()),
    sc(
        "provider_authorization_with_api_key",
        {"api_key": PK, "provider": "openai", "Authorization": "sk-xxx"},
        chat(),
    ),
    sc(
        "custom_host",
        {
            "api_key": PK,
            "provider": "openai",
            "custom_host": "http://my-llm:8000/v1",
            "Authorization": "sk-xxx",
        },
        chat(),
    ),
    sc(
        "base_url_explicit_with_key",
        {"api_key": PK, "base_url": "https://gw.example.com/v1"},
        chat(),
    ),
    sc(
        "base_url_explicit_no_key",
        {"base_url": "https://gw.example.com/v1", "provider": "openai"},
        chat(),
        doc="api key '' -> x-portkey-api-key header is sent empty",
    ),
    sc(
        "base_url_trailing_slash", {"api_key": PK, "base_url": "https://gw.example.com/v1/"}, chat()
    ),
    sc("forward_headers_only", {**BASE, "forward_headers": ["x-custom-a", "X-Other"]}, chat()),
    sc(
        "forward_headers_with_extra_headers",
        {**BASE, "forward_headers": ["x-custom-a", "X-Other"]},
        chat(extra_headers={"x-custom-a": "1", "X-Other": "2"}),
    ),
    sc(
        "forward_headers_underscore",
        {**BASE, "forward_headers": ["x_custom_a"]},
        chat(),
        doc="'_' converted to '-' only for matching; x-portkey-forward-headers keeps the original",
    ),
    sc(
        "forward_headers_kwarg_match",
        {
            **BASE,
            "forward_headers": ["x-custom-a", "X-Other"],
            "x_custom_a": "va",
            "X_Other": "vo",
            "x_not_fwd": "vn",
        },
        chat(),
        doc="a **kwarg whose kebab name is in forward_headers is sent un-prefixed",
    ),
    sc("forward_headers_empty_list", {**BASE, "forward_headers": []}, chat()),
    sc("all_provider_kwargs", {"api_key": PK, **ALL_PROVIDER_KWARGS}, chat()),
    sc(
        "azure_kwargs",
        {
            "api_key": PK,
            "provider": "azure-openai",
            "azure_resource_name": "r",
            "azure_deployment_id": "d",
            "azure_api_version": "2024-02-01",
            "Authorization": "az-key",
        },
        chat(),
    ),
    sc("mistral_fim_bool", {**BASE, "mistral_fim_completion": True}, chat()),
    sc("debug_false", {**BASE, "debug": False}, chat()),
    sc("debug_true", {**BASE, "debug": True}, chat()),
    sc("strict_true", {**BASE, "strict_open_ai_compliance": True}, chat()),
    sc(
        "strict_none",
        {**BASE, "strict_open_ai_compliance": None},
        chat(),
        doc="None -> header omitted",
    ),
    sc("cache_kwargs", {**BASE, "cache_namespace": "ns", "cache_force_refresh": False}, chat()),
    sc(
        "instrumentation_false_and_audio",
        {**BASE, "instrumentation": False, "calculate_audio_duration": False},
        chat(),
        doc="not headers",
    ),
    sc("unknown_kwarg", {**BASE, "my_custom_thing": "x"}, chat()),
    sc(
        "unknown_kwarg_types",
        {
            **BASE,
            "k_dict": {"a": 1, "b": [1, 2]},
            "k_list": ["a", "b"],
            "k_int": 5,
            "k_zero": 0,
            "k_float": 1.5,
            "k_true": True,
            "k_false": False,
            "k_empty": "",
            "k_none": None,
        },
        chat(),
    ),
    sc("mode_kwarg", {**BASE, "mode": "fallback"}, chat(), doc="'mode' gets 'proxy ' prefix"),
    sc("mode_kwarg_proxy", {**BASE, "mode": "proxy openai"}, chat()),
    sc(
        "extra_headers_body_query",
        BASE,
        chat(
            extra_headers={"X-My-Header": "h1", "x-portkey-trace-id": "from-extra"},
            extra_body={"custom_field": {"nested": True}, "model": "overridden-model"},
            extra_query={"q": "1", "api-version": "2024"},
        ),
    ),
    sc(
        "extra_headers_override_authorization",
        {**BASE, "Authorization": "sk-client"},
        chat(extra_headers={"Authorization": "Bearer sk-call"}),
    ),
    sc(
        "extra_body_and_kwarg_conflict",
        BASE,
        chat(extra_body={"foo": "from-extra"}, foo="from-kwarg"),
    ),
    sc("call_timeout", BASE, chat(timeout=5)),
    sc("stream_chat", BASE, chat(stream=True)),
    sc("stream_chat_options", BASE, chat(stream=True, stream_options={"include_usage": True})),
    sc(
        "embeddings_default",
        BASE,
        {"path": EMB, "kwargs": {"input": "hi", "model": "text-embedding-3-small"}},
        doc="encoding_format omitted -> body has base64; response decoded to floats",
    ),
    sc(
        "embeddings_float",
        BASE,
        {
            "path": EMB,
            "kwargs": {
                "input": ["a", "b"],
                "model": "text-embedding-3-small",
                "encoding_format": "float",
            },
        },
    ),
    sc("embeddings_model_omitted", BASE, {"path": EMB, "kwargs": {"input": "hi"}}),
    sc(
        "embeddings_dimensions_user",
        BASE,
        {"path": EMB, "kwargs": {"input": "hi", "model": "m", "dimensions": 8, "user": "u"}},
    ),
    sc(
        "embeddings_extra_kwargs",
        BASE,
        {
            "path": EMB,
            "kwargs": {
                "input": "hi",
                "model": "m",
                "foo": "bar",
                "extra_headers": {"x-h": "1"},
                "extra_body": {"z": 1},
            },
        },
        doc="embeddings passes **kwargs as extra_body: extra_headers/extra_body end up IN the body",
    ),
    sc(
        "embeddings_base64_explicit",
        BASE,
        {"path": EMB, "kwargs": {"input": "hi", "model": "m", "encoding_format": "base64"}},
    ),
    sc(
        "extra_headers_case_variants",
        {**BASE, "trace_id": "t-client"},
        chat(extra_headers={"X-Portkey-Trace-Id": "t-extra", "authorization": "Bearer sk-lower"}),
        doc="header merge is a case-sensitive dict merge -> both spellings are sent",
    ),
    sc(
        "empty_string_kwargs",
        {"api_key": PK, "virtual_key": "", "trace_id": "", "provider": ""},
        chat(),
        doc="'' values are skipped",
    ),
    sc(
        "retry_on_500",
        BASE,
        chat(),
        upstream_statuses=[500, 200],
        doc="vendored OpenAI client: max_retries=1, x-stainless-retry-count increments",
    ),
    sc("no_retry_on_400", BASE, chat(), upstream_statuses=[400]),
    sc(
        "no_retry_on_429",
        BASE,
        chat(),
        upstream_statuses=[429, 200],
        doc="vendored _should_retry is patched: only >=500 retried",
    ),
    sc(
        "no_retry_on_500_with_portkey_trace",
        BASE,
        chat(),
        upstream_statuses=[[500, {"x-portkey-trace-id": "t"}], 200],
        doc="no retry when the error response carries "
        "x-portkey-trace-id/request-id/gateway-exception",
    ),
    sc(
        "embeddings_retry_on_502",
        BASE,
        {"path": EMB, "kwargs": {"input": "hi", "model": "m"}},
        upstream_statuses=[502, 200],
    ),
    sc(
        "feedback_create",
        {**BASE, "trace_id": "t-fb", "metadata": {"a": "b"}},
        {"path": "feedback.create", "kwargs": {"trace_id": "trace-1", "value": 1, "weight": 0.5}},
        doc="APIClient (non-OpenAI) code path: different default headers",
    ),
    sc(
        "text_completion",
        BASE,
        {
            "path": COMP,
            "kwargs": {"model": "gpt-3.5-turbo-instruct", "prompt": "Say hi", "max_tokens": 5},
        },
    ),
    # ---- environment handling ----
    sc("env_api_key_only", {}, chat(), env={"PORTKEY_API_KEY": "pk-env"}),
    sc(
        "env_api_key_overridden_by_kwarg",
        {"api_key": PK},
        chat(),
        env={"PORTKEY_API_KEY": "pk-env"},
    ),
    sc(
        "env_portkey_base_url_ignored",
        {"api_key": PK},
        chat(),
        env={"PORTKEY_BASE_URL": "https://env-base.example.com/v1"},
        doc="bug: set_base_url looks up os.environ['https://api.portkey.ai/v1']",
    ),
    sc(
        "env_portkey_proxy",
        {"api_key": PK},
        chat(),
        env={"PORTKEY_PROXY": "https://proxy.example.com/v1"},
    ),
    sc(
        "env_portkey_proxy_no_key",
        {},
        chat(),
        env={"PORTKEY_PROXY": "https://proxy.example.com/v1"},
    ),
    sc("no_key_no_env_localhost", {"provider": "openai"}, chat()),
    sc(
        "default_base_url_explicit_no_key",
        {"base_url": "https://api.portkey.ai/v1"},
        chat(),
        doc="ValueError: Portkey API Key Not Found",
    ),
    sc(
        "env_openai_org_project_leak",
        BASE,
        chat(),
        env={
            "OPENAI_ORG_ID": "org-env",
            "OPENAI_PROJECT_ID": "proj-env",
            "OPENAI_BASE_URL": "https://x/v1",
            "OPENAI_API_KEY": "sk-env",
        },
        doc="vendored OpenAI client reads OPENAI_ORG_ID/OPENAI_PROJECT_ID",
    ),
]

FEEDBACK = "feedback.create"
PROMPT_COMP = "prompts.completions.create"
RENDER = "prompts.render"


def comp(**kw: Any) -> Dict[str, Any]:
    kwargs = {"model": "gpt-3.5-turbo-instruct", "prompt": "Say hi"}
    kwargs.update(kw)
    return {"path": COMP, "kwargs": kwargs}


def prompt_comp(**kw: Any) -> Dict[str, Any]:
    kwargs: Dict[str, Any] = {"prompt_id": "pp-greet-1", "variables": {"name": "x"}}
    kwargs.update(kw)
    return {"path": PROMPT_COMP, "kwargs": kwargs}


def render(**kw: Any) -> Dict[str, Any]:
    kwargs: Dict[str, Any] = {"prompt_id": "pp-greet-1", "variables": {"name": "x"}}
    kwargs.update(kw)
    return {"path": RENDER, "kwargs": kwargs}


# Added after the first 87 (appended, so the earlier entries stay byte-identical).
SCENARIOS += [
    # ---- text completions ----
    sc("text_completion_stream", BASE, comp(stream=True)),
    sc(
        "text_completion_stream_options",
        BASE,
        comp(stream=True, stream_options={"include_usage": True}),
    ),
    sc("text_completion_stream_false", BASE, comp(stream=False)),
    sc(
        "text_completion_named_params",
        BASE,
        comp(
            temperature=0.2,
            max_tokens=10,
            top_p=0.9,
            best_of=2,
            echo=True,
            frequency_penalty=0.1,
            logit_bias={"50256": -100},
            logprobs=2,
            n=1,
            presence_penalty=0.3,
            seed=7,
            stop=["\n"],
            suffix="end",
            user="u",
        ),
    ),
    sc(
        "text_completion_defaults",
        BASE,
        {"path": COMP, "kwargs": {}},
        doc="model defaults to portkey-default; prompt defaults to None and is sent as null",
    ),
    sc("text_completion_prompt_list", BASE, comp(prompt=["a", "b"])),
    sc("text_completion_prompt_tokens", BASE, comp(prompt=[[1, 2], [3]])),
    sc(
        "text_completion_extra",
        BASE,
        comp(
            max_tokens=5,
            foo="from-kwarg",
            top_k=3,
            extra_body={"foo": "from-extra", "max_tokens": 9, "model": "overridden"},
            extra_headers={"X-My-Header": "h1"},
            extra_query={"q": "1"},
            timeout=5,
        ),
        doc="extra_body overrides named params; other kwargs override extra_body",
    ),
    sc("text_completion_retry_on_500", BASE, comp(), upstream_statuses=[500, 200]),
    sc("text_completion_error_400", BASE, comp(), upstream_statuses=[400]),
    # ---- feedback (Portkey route) ----
    sc(
        "feedback_create_all",
        BASE,
        {
            "path": FEEDBACK,
            "kwargs": {
                "trace_id": "trace-1",
                "value": -3,
                "weight": 1.0,
                "metadata": {"user": "u-1", "nested": {"a": [1, 2]}},
            },
        },
    ),
    sc(
        "feedback_create_minimal",
        BASE,
        {"path": FEEDBACK, "kwargs": {"trace_id": "trace-1", "value": 0}},
        doc="value 0 is sent; omitted fields are dropped",
    ),
    sc(
        "feedback_create_empty_strings",
        BASE,
        {
            "path": FEEDBACK,
            "kwargs": {"trace_id": "trace-1", "value": 1, "metadata": {"k": "", "j": "x"}},
        },
        doc="remove_empty_values drops '' at every level of the body",
    ),
    sc(
        "feedback_bulk_create",
        {**BASE, "trace_id": "t-client"},
        {
            "path": "feedback.bulk_create",
            "kwargs": {
                "feedbacks": [
                    {"trace_id": "trace-1", "value": 1},
                    {"trace_id": "trace-2", "value": -1, "weight": 0.5, "metadata": {"a": 1}},
                ]
            },
        },
        doc="the body is the JSON list itself",
    ),
    sc(
        "feedback_update",
        BASE,
        {
            "path": "feedback.update",
            "kwargs": {
                "feedback_id": "fb-1",
                "value": 5,
                "weight": 0.25,
                "metadata": {"reason": "better"},
            },
        },
    ),
    sc(
        "feedback_update_minimal",
        BASE,
        {"path": "feedback.update", "kwargs": {"feedback_id": "fb-2", "value": -10}},
    ),
    sc(
        "feedback_with_authorization",
        {"api_key": PK, "provider": "openai", "Authorization": "sk-xxx"},
        {"path": FEEDBACK, "kwargs": {"trace_id": "trace-1", "value": 1}},
        doc="a client Authorization is sent on Portkey routes too; no placeholder",
    ),
    sc(
        "feedback_self_hosted",
        {"provider": "openai", "base_url": "http://gw.local/v1"},
        {"path": FEEDBACK, "kwargs": {"trace_id": "trace-1", "value": 1}},
    ),
    sc(
        "feedback_error_400",
        BASE,
        {"path": FEEDBACK, "kwargs": {"trace_id": "trace-1", "value": 1}},
        upstream_statuses=[400],
    ),
    # ---- prompts (Portkey route) ----
    sc("prompt_completion", BASE, prompt_comp()),
    sc(
        "prompt_completion_minimal",
        BASE,
        {"path": PROMPT_COMP, "kwargs": {"prompt_id": "pp-greet-1"}},
        doc="variables omitted; stream defaults to False and is always sent",
    ),
    sc(
        "prompt_completion_params",
        BASE,
        prompt_comp(
            temperature=0.5,
            max_tokens=20,
            top_k=4,
            top_p=0.8,
            presence_penalty=0.1,
            tools=[{"type": "function", "function": {"name": "f"}}],
            foo=None,
        ),
        doc="any other kwarg goes into the body",
    ),
    sc("prompt_completion_stream", BASE, prompt_comp(stream=True)),
    sc(
        "prompt_completion_extra_headers",
        {**BASE, "trace_id": "t-client"},
        prompt_comp(extra_headers={"x-custom": "1", "x-portkey-trace-id": "t-call"}),
        doc="extra_headers is a named parameter; the client's headers win over it",
    ),
    sc(
        "prompt_completion_config",
        {**BASE, "config": "pc-client"},
        prompt_comp(config="pc-call"),
        doc="config is accepted and ignored (never sent)",
    ),
    sc(
        "prompt_completion_call_options",
        BASE,
        prompt_comp(extra_body={"z": 1}, extra_query={"q": "1"}, timeout=5),
        doc="extra_body/extra_query/timeout are plain **kwargs: they go into the body",
    ),
    sc(
        "prompt_completion_empty_variable",
        BASE,
        prompt_comp(variables={"name": "", "other": "x"}),
        doc="remove_empty_values drops the '' variable",
    ),
    sc("prompt_completion_error_404", BASE, prompt_comp(), upstream_statuses=[404]),
    sc("prompt_render", BASE, render()),
    sc(
        "prompt_render_params",
        BASE,
        render(temperature=0.5, max_tokens=20, top_k=4, top_p=0.8, foo="bar"),
        doc="stream is always sent (default false); other kwargs go into the body",
    ),
    sc(
        "prompt_render_extra_headers",
        BASE,
        render(extra_headers={"x-custom": "1"}),
        doc="render has no extra_headers parameter: it goes into the body",
    ),
]

# ---- models, moderations, images (OpenAI routes) ----
MODELS_LIST = "models.list"
MODELS_RETRIEVE = "models.retrieve"
MODELS_DELETE = "models.delete"
MODERATIONS = "moderations.create"
IMAGES_GENERATE = "images.generate"
SCENARIOS += [
    sc("models_list", BASE, {"path": MODELS_LIST, "kwargs": {}}),
    sc(
        "models_list_call_options",
        BASE,
        {
            "path": MODELS_LIST,
            "kwargs": {
                "extra_headers": {"x-custom": "1"},
                "extra_query": {"q": "1"},
                "extra_body": {"z": 1},
                "timeout": 5,
            },
        },
        doc="list passes **kwargs to openai's models.list: extra_body on a GET sends no body",
    ),
    sc("models_retrieve", BASE, {"path": MODELS_RETRIEVE, "kwargs": {"model": "gpt-4o-mini"}}),
    sc(
        "models_retrieve_escaped",
        BASE,
        {"path": MODELS_RETRIEVE, "kwargs": {"model": "ft:gpt-4o:my org/x?y#z%"}},
        doc="path segment percent-encoded; ':' '@' and sub-delims kept",
    ),
    sc(
        "models_retrieve_timeout",
        BASE,
        {"path": MODELS_RETRIEVE, "kwargs": {"model": "gpt-4o-mini", "timeout": 7}},
    ),
    sc(
        "models_retrieve_extra_kwargs",
        BASE,
        {
            "path": MODELS_RETRIEVE,
            "kwargs": {
                "model": "gpt-4o-mini",
                "extra_headers": {"x-custom": "1"},
                "extra_query": {"q": "1"},
                "foo": "bar",
            },
        },
        doc="retrieve's **kwargs become extra_body, dropped on a GET (headers and query too)",
    ),
    sc(
        "models_retrieve_error_404",
        BASE,
        {"path": MODELS_RETRIEVE, "kwargs": {"model": "nope"}},
        upstream_statuses=[404],
    ),
    sc("models_retrieve_empty", BASE, {"path": MODELS_RETRIEVE, "kwargs": {"model": ""}}),
    sc(
        "models_delete",
        BASE,
        {"path": MODELS_DELETE, "kwargs": {"model": "ft:gpt-4o-mini:org:x"}},
        doc="delete always passes extra_body=kwargs ({}), so a DELETE carries the body {}",
    ),
    sc(
        "models_delete_extra_kwargs",
        BASE,
        {"path": MODELS_DELETE, "kwargs": {"model": "m/1", "foo": "bar"}},
    ),
    sc(
        "moderations_create_str",
        BASE,
        {"path": MODERATIONS, "kwargs": {"input": "I want to hurt them."}},
        doc="model omitted: not sent",
    ),
    sc(
        "moderations_create_list",
        BASE,
        {
            "path": MODERATIONS,
            "kwargs": {"input": ["a", "b"], "model": "omni-moderation-latest"},
        },
    ),
    sc(
        "moderations_extra_kwargs",
        BASE,
        {
            "path": MODERATIONS,
            "kwargs": {
                "input": "x",
                "model": "m",
                "foo": "bar",
                "extra_headers": {"x-custom": "1"},
                "extra_body": {"z": 1},
            },
        },
        doc="create passes **kwargs as extra_body: extra_headers/extra_body land in the body",
    ),
    sc(
        "moderations_error_400",
        BASE,
        {"path": MODERATIONS, "kwargs": {"input": "x"}},
        upstream_statuses=[400],
    ),
    sc("images_generate", BASE, {"path": IMAGES_GENERATE, "kwargs": {"prompt": "a cat"}}),
    sc(
        "images_generate_params",
        BASE,
        {
            "path": IMAGES_GENERATE,
            "kwargs": {
                "prompt": "a cat",
                "model": "dall-e-3",
                "n": 1,
                "size": "1024x1024",
                "quality": "hd",
                "response_format": "url",
                "style": "vivid",
                "user": "u",
                "background": None,
                "moderation": "low",
                "output_compression": 50,
                "output_format": "png",
            },
        },
        doc="explicit None is sent as null",
    ),
    sc(
        "images_generate_call_options",
        BASE,
        {
            "path": IMAGES_GENERATE,
            "kwargs": {
                "prompt": "a cat",
                "extra_headers": {"x-custom": "1"},
                "extra_query": {"q": "1"},
                "extra_body": {"z": 1, "model": "from-extra"},
                "timeout": 9,
                "model": "dall-e-2",
            },
        },
        doc="extra_body overrides named parameters",
    ),
    sc(
        "images_generate_unknown_kwarg",
        BASE,
        {"path": IMAGES_GENERATE, "kwargs": {"prompt": "a cat", "foo": "bar"}},
        doc="generate pops the call options and ignores any other **kwargs",
    ),
    sc(
        "images_generate_error_500",
        BASE,
        {"path": IMAGES_GENERATE, "kwargs": {"prompt": "a cat", "max_retries": 0}},
        upstream_statuses=[500, 500, 500],
    ),
]

# ---- Responses API, conversations, stored chat completions (issue 10) ----
SCENARIOS += capture_responses.SCENARIOS

# ---- Files, uploads, batches, audio, image edits (issue 11) ----
SCENARIOS += capture_files.SCENARIOS

# ---- The rest of the OpenAI surface (issue 12) ----
SCENARIOS += capture_platform.SCENARIOS

# ---- Portkey's own APIs (issue 13) ----
SCENARIOS += capture_portkey.SCENARIOS

# Env vars that could influence the official SDK; cleared for every scenario.
CLEARED_ENV = [
    "PORTKEY_API_KEY",
    "PORTKEY_PROXY",
    "PORTKEY_BASE_URL",
    "OPENAI_API_KEY",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
    "OPENAI_BASE_URL",
    "OPENAI_WEBHOOK_SECRET",
    "OPENAI_LOG",
    "https://api.portkey.ai/v1",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
]

# Headers whose values depend on the machine / library version, for test masking.
VOLATILE_HEADERS = [
    "user-agent",
    "x-stainless-arch",
    "x-stainless-os",
    "x-stainless-package-version",
    "x-stainless-runtime",
    "x-stainless-runtime-version",
    "x-portkey-runtime",
    "x-portkey-runtime-version",
    "x-portkey-package-version",
]
# Deterministic but derived from other data (body length / URL host).
DERIVED_HEADERS = ["content-length", "host"]


def _jsonable(obj: Any) -> Any:
    return json.loads(json.dumps(obj, default=repr))


def _resolve(client: Any, path: str) -> Any:
    obj = client
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def run_scenario(s: Dict[str, Any]) -> Dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV}
    env.update(s["env"])
    captured: List[httpx.Request] = []

    result: Dict[str, Any] = dict(s)
    result.update(requests=[], error=None, response_get_headers=None, client_state=None)
    statuses = list(s.get("upstream_statuses") or [])
    answers: List[httpx.Response] = []
    files = capture_files.is_rich(s)  # issue 11: file arguments, multipart, binary bodies
    platform = capture_platform.is_rich(s)  # issue 12: recorded as issue 11's
    portkey = capture_portkey.is_rich(s)  # issue 13: recorded as issue 11's, plus result fields
    files = files or platform or portkey
    capture_platform.reset()  # its fake server's polled objects start over
    capture_portkey.reset(s["name"])
    rich = s["call"]["path"] in capture_responses.ROUTES or files
    kwargs = s["call"]["kwargs"]
    opened: List[Any] = []
    workdir = FILES_TMP / s["name"]
    if files:
        shutil.rmtree(workdir, ignore_errors=True)
        (workdir / "cwd").mkdir(parents=True)
        kwargs, opened = capture_files.prepare(kwargs, workdir)
    if portkey:
        kwargs = capture_portkey.prepare(kwargs)

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        captured.append(request)
        spec = statuses.pop(0) if statuses else 200
        status, extra = (spec, {}) if isinstance(spec, int) else (spec[0], spec[1])
        if status != 200:
            answer = httpx.Response(
                status,
                headers={"content-type": "application/json", **extra},
                json={"error": {"message": f"fake {status}", "type": "x"}},
            )
        else:
            answer = _respond(request)
        answers.append(answer)
        return answer

    with (
        mock.patch.dict(os.environ, env, clear=True),
        respx.mock(assert_all_called=False) as router,
    ):
        router.route().mock(side_effect=handler)
        try:
            client = Portkey(**s["client"])
            if s["with_options"] is not None:
                client = client.with_options(**s["with_options"])
            result["client_state"] = {
                "base_url": client.base_url,
                "api_key": client.api_key,
                "openai_client_base_url": str(client.openai_client.base_url),
            }
            fn = _resolve(client, s["call"]["path"])
            if files:  # relative paths (the official's audio duration) resolve in an empty dir
                os.chdir(workdir / "cwd")
            resp = fn(*s["call"].get("args", ()), **kwargs)
            if portkey:
                capture_portkey.record_result(result, s, resp)
            elif platform:
                capture_platform.record_result(result, s, resp)
            elif files:
                capture_files.record_result(result, s, resp)
            elif rich:
                _record_rich(result, s, resp)
            elif s["call"]["kwargs"].get("stream") is True:
                result["stream_chunks"] = len(list(resp))
            elif hasattr(resp, "get_headers"):
                result["response_get_headers"] = resp.get_headers()
                if s["call"]["path"] == EMB:
                    result["response_embedding"] = resp.data[0].embedding
        except Exception as exc:  # noqa: BLE001 - we record official behaviour, errors included
            result["error"] = {"type": type(exc).__name__, "message": str(exc)}
        finally:
            os.chdir(HERE_CWD)
            for handle in opened:
                handle.close()

    for req in captured:
        if files:
            result["requests"].append(capture_files.record_request(req))
            continue
        raw = req.content.decode("utf-8") if req.content else None
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        result["requests"].append(
            {
                "method": req.method,
                "url": str(req.url),
                "headers": sorted([k.lower(), v] for k, v in req.headers.multi_items()),
                # original spelling and order as handed to the transport
                "header_order": [k.decode("latin-1") for k, _ in req.headers.raw],
                "body_json": body,
                "body_raw": raw,
            }
        )
    if rich:
        # What the fake server answered, in order: the replay serves our SDK the same bytes.
        result["upstream_responses"] = [
            capture_files.record_answer(a)
            if files
            else {
                "status": a.status_code,
                "headers": sorted([k.lower(), v] for k, v in a.headers.multi_items()),
                "body": a.content.decode("utf-8"),
            }
            for a in answers
        ]
    return _jsonable(result)


def _record_rich(result: Dict[str, Any], s: Dict[str, Any], resp: Any) -> None:
    """The outcome of a call on an issue-10 route: more than the older routes record."""
    path = s["call"]["path"]
    result["response_type"] = type(resp).__name__.split("[")[0]
    if path.endswith(".stream"):  # the context-manager helpers
        with resp as stream:
            events = list(stream)
        result["stream_chunks"] = len(events)
        result["stream_event_types"] = [e.type for e in events]
        return
    if s["call"]["kwargs"].get("stream") is True:
        events = list(resp)
        result["stream_chunks"] = len(events)
        result["stream_event_types"] = [e.type for e in events]
        return
    if hasattr(resp, "get_headers"):
        result["response_get_headers"] = resp.get_headers()
    if s["call"].get("iterate"):
        result["iterated_ids"] = [item.id for item in resp]
    if path == "responses.parse":
        result["parsed"] = {
            "output_parsed": resp.output_parsed,
            "parsed_arguments": [
                getattr(item, "parsed_arguments", None)
                for item in resp.output
                if item.type == "function_call"
            ],
        }
    elif path == "chat.completions.parse":
        message = resp.choices[0].message
        result["parsed"] = {
            "message_parsed": message.parsed,
            "parsed_arguments": [t.function.parsed_arguments for t in message.tool_calls or []],
        }


def main() -> None:
    results = [run_scenario(s) for s in SCENARIOS]
    doc = {
        "generator": "tests/wire/capture_official.py",
        "official_package": f"portkey-ai=={portkey_ai.version.VERSION}"
        if hasattr(portkey_ai, "version")
        else "portkey-ai==2.3.4",
        "vendored_openai": portkey_ai._vendor.openai.__version__,
        "httpx": httpx.__version__,
        "python": sys.version.split()[0],
        "volatile_headers": VOLATILE_HEADERS,
        "derived_headers": DERIVED_HEADERS,
        "cleared_env": CLEARED_ENV,
        "response_headers_used": RESPONSE_HEADERS,
        "scenarios": results,
    }
    OUT.write_text(json.dumps(doc, indent=2, sort_keys=False, ensure_ascii=False) + "\n")
    n_err = sum(1 for r in results if r["error"])
    print(f"wrote {OUT} ({len(results)} scenarios, {n_err} with errors)")


if __name__ == "__main__":
    main()
