"""Recorded-fixture tests: real response bodies (``tests/fixtures/recorded/``, each with its
``.meta.json`` provenance) go through a respx-mocked client call, sync and async, and come out
as typed objects with every field right. Unknown fields are kept; ``to_dict`` / ``to_json`` /
``model_dump`` round-trip; the recorded error bodies map to the right exception."""

from __future__ import annotations

import base64
import json
import struct
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Type

import httpx
import pytest
import respx

from portkey import (
    APIStatusError,
    AsyncPortkey,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    Portkey,
)
from portkey._convert import structure
from portkey._models import BaseModel
from portkey.types.chat import (
    ChatCompletion,
    ChatCompletionMessage,
    ChatCompletionMessageToolCall,
    Choice,
    CompletionTokensDetails,
    CompletionUsage,
    Function,
    PromptTokensDetails,
)
from portkey.types.embeddings import CreateEmbeddingResponse, Embedding, EmbeddingUsage

RECORDED = Path(__file__).parent / "fixtures" / "recorded"
BASE = "http://gateway.test/v1"
CHAT = BASE + "/chat/completions"
EMBEDDINGS = BASE + "/embeddings"
MODES = pytest.mark.parametrize("mode", ["sync", "async"])

CHAT_FIXTURES = [
    "03_openai_chat_completion_gpt-4o_parsed.json",
    "10_openai_chat_completion_tool_calls_raw.json",
    "11_openai_chat_completion_text_raw.json",
]
EMBEDDING_FIXTURES = [
    "04_openai_embeddings_base64_parsed.json",
    "14_openai_embeddings_float_dimensions512_reindented.json",
]
ERROR_FIXTURES = [
    "05_openai_error_404_model_not_found_embeddings_parsed.json",
    "06_openai_error_400_unsupported_value_param_parsed.json",
    "07_openai_error_400_code_null_parsed.json",
    "15_openai_error_404_model_not_found_chat_raw.json",
    "16_openai_error_401_invalid_api_key_for_stream_request_raw.json",
]
GATEWAY_CAPTURE = "17_portkey_gateway_oss_1.15.2_plain_chat_completion.capture.json"


def raw(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


def meta(name: str) -> Dict[str, Any]:
    meta_name = name[: -len(".json")] + ".meta.json"
    data: Dict[str, Any] = json.loads((RECORDED / meta_name).read_text(encoding="utf-8"))
    return data


def recorded_response(name: str) -> httpx.Response:
    """The recorded body, byte for byte, with the recorded status and content type."""
    info = meta(name)["response"]
    return httpx.Response(
        info["status"],
        content=raw(name),
        headers={"content-type": info["content_type"], "x-request-id": "req_recorded"},
    )


async def call(
    mode: str,
    endpoint: str,
    response: httpx.Response,
    client_opts: Optional[Dict[str, Any]] = None,
    **params: Any,
) -> Tuple[Any, httpx.Request]:
    """One call through the sync or the async client against a respx-served response."""
    opts: Dict[str, Any] = {"api_key": "pk-test", "base_url": BASE, "max_retries": 0}
    opts.update(client_opts or {})
    url = CHAT if endpoint == "chat" else EMBEDDINGS
    if endpoint == "chat":
        params.setdefault("model", "gpt-4o-mini")
        params.setdefault("messages", [{"role": "user", "content": "Hello"}])
    else:
        params.setdefault("model", "text-embedding-3-small")
        params.setdefault("input", "Hello")
    with respx.mock:
        route = respx.post(url).mock(return_value=response)
        if mode == "sync":
            with Portkey(**opts) as client:
                resource: Any = client.chat.completions if endpoint == "chat" else client.embeddings
                result = resource.create(**params)
        else:
            async with AsyncPortkey(**opts) as aclient:
                aresource: Any = (
                    aclient.chat.completions if endpoint == "chat" else aclient.embeddings
                )
                result = await aresource.create(**params)
        return result, route.calls.last.request


def assert_matches(obj: Any, data: Any, path: str = "$") -> None:
    """Walk the JSON: every key is an attribute holding the same value, of the same type."""
    if isinstance(data, dict):
        if isinstance(obj, BaseModel):
            for key, value in data.items():
                assert_matches(getattr(obj, key), value, f"{path}.{key}")
        else:
            assert isinstance(obj, dict), path
            assert obj == data, path
    elif isinstance(data, list):
        assert isinstance(obj, list), path
        assert len(obj) == len(data), path
        for i, (o, d) in enumerate(zip(obj, data)):
            assert_matches(o, d, f"{path}[{i}]")
    else:
        assert type(obj) is type(data), f"{path}: {type(obj).__name__} != {type(data).__name__}"
        assert obj == data, f"{path}: {obj!r} != {data!r}"


def assert_to_dict_matches(obj: BaseModel, data: Dict[str, Any]) -> None:
    """``to_dict()`` is the JSON plus, for declared fields the JSON left out, None/defaults."""

    def prune(produced: Any, original: Any) -> Any:
        if isinstance(original, dict) and isinstance(produced, dict):
            for key in set(produced) - set(original):
                added = produced.pop(key)
                assert added in (None, "assistant", "function", "chat.completion", 0), (key, added)
            return {k: prune(produced[k], original[k]) for k in produced}
        if isinstance(original, list) and isinstance(produced, list):
            return [prune(p, o) for p, o in zip(produced, original)]
        return produced

    assert prune(obj.to_dict(), data) == data


# ---------------------------------------------------------------------------------------------
# Chat completions
# ---------------------------------------------------------------------------------------------


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize("name", CHAT_FIXTURES)
async def test_chat_completion_fixture_every_field(mode: str, name: str) -> None:
    data = json.loads(raw(name))
    completion, _ = await call(mode, "chat", recorded_response(name))
    assert type(completion) is ChatCompletion
    assert_matches(completion, data)
    assert_to_dict_matches(completion, data)
    # The typed tree
    assert len(completion.choices) == len(data["choices"])
    for choice in completion.choices:
        assert type(choice) is Choice
        assert type(choice.message) is ChatCompletionMessage
        for call_ in choice.message.tool_calls or []:
            assert type(call_) is ChatCompletionMessageToolCall
            assert type(call_.function) is Function
    usage = completion.usage
    assert type(usage) is CompletionUsage
    assert type(usage.completion_tokens_details) is CompletionTokensDetails
    assert type(usage.prompt_tokens_details) is PromptTokensDetails
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    # Nothing unknown in a plain OpenAI response
    assert completion.extra_fields == {}
    assert completion.choices[0].extra_fields == {}
    assert completion.choices[0].message.extra_fields == {}
    assert usage.extra_fields == {}


@MODES
@pytest.mark.anyio
async def test_chat_completion_03_values(mode: str) -> None:
    name = CHAT_FIXTURES[0]
    completion, _ = await call(mode, "chat", recorded_response(name))
    assert completion.id == "chatcmpl-Bu8vBIrB8kIWKRyTcpEEPncjhHtMU"
    assert completion.object == "chat.completion"
    assert completion.created == 1752720361
    assert completion.model == "gpt-4o-2024-08-06"
    assert completion.service_tier == "default"
    assert completion.system_fingerprint == "fp_a288987b44"
    (choice,) = completion.choices
    assert (choice.index, choice.finish_reason, choice.logprobs) == (0, "stop", None)
    message = choice.message
    assert message.role == "assistant"
    assert message.content == "The capital of France is Paris."
    assert message.refusal is None
    assert message.annotations == []
    assert message.tool_calls is None and message.function_call is None and message.audio is None
    usage = completion.usage
    assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (14, 7, 21)
    assert usage.completion_tokens_details == CompletionTokensDetails(0, 0, 0, 0)
    assert usage.prompt_tokens_details == PromptTokensDetails(audio_tokens=0, cached_tokens=0)


@MODES
@pytest.mark.anyio
async def test_chat_completion_10_tool_calls(mode: str) -> None:
    name = CHAT_FIXTURES[1]
    completion, _ = await call(mode, "chat", recorded_response(name))
    (choice,) = completion.choices
    assert choice.finish_reason == "tool_calls"
    message = choice.message
    assert message.content is None
    (tool_call,) = message.tool_calls
    assert tool_call.id == "call_TTY8UFNo7rNCaOBUNtlRSvMG"
    assert tool_call.type == "function"
    assert tool_call.function.name == "lookup_population"
    assert tool_call.function.arguments == '{"country":"Crumpet"}'
    assert json.loads(tool_call.function.arguments) == {"country": "Crumpet"}
    assert completion.usage.prompt_tokens == 92
    assert completion.usage.completion_tokens_details.reasoning_tokens == 0
    assert completion.usage.prompt_tokens_details.cached_tokens == 0


@MODES
@pytest.mark.anyio
async def test_chat_completion_11_text(mode: str) -> None:
    completion, _ = await call(mode, "chat", recorded_response(CHAT_FIXTURES[2]))
    assert completion.choices[0].message.content == "YES"
    assert completion.usage.total_tokens == 149
    assert completion.created == 1747163257


@MODES
@pytest.mark.anyio
async def test_gateway_capture(mode: str) -> None:
    capture = json.loads(raw(GATEWAY_CAPTURE))
    response = httpx.Response(
        capture["status"], content=json.dumps(capture["body"]).encode(), headers=capture["headers"]
    )
    completion, _ = await call(mode, "chat", response, model="stub/requested")
    assert_matches(completion, capture["body"])
    assert_to_dict_matches(completion, capture["body"])
    message = completion.choices[0].message
    assert message.content == "echo 48"
    assert message.refusal is None and message.tool_calls is None  # absent from the body
    assert completion.choices[0].logprobs is None
    assert completion.usage.completion_tokens_details is None
    assert completion.system_fingerprint is None
    expected_headers = {
        "cache-status": "DISABLED",
        "last-used-option-index": "config",
        "provider": "openai",
        "retry-attempt-count": "0",
        "trace-id": "",
    }
    assert completion.get_headers() == expected_headers
    str(completion), repr(completion), completion.to_dict()
    assert completion.get_headers() == expected_headers  # still there after printing


# ---------------------------------------------------------------------------------------------
# Unknown fields
# ---------------------------------------------------------------------------------------------


def with_unknown_fields() -> Dict[str, Any]:
    data = json.loads(raw(CHAT_FIXTURES[1]))
    data["x_top"] = {"nested": [1, 2]}
    data["provider"] = "openai"
    choice = data["choices"][0]
    choice["provider_specific"] = {"native_finish_reason": "tool_use"}
    choice["message"]["x_new"] = "kept"
    choice["message"]["reasoning_content"] = None
    tool_call = choice["message"]["tool_calls"][0]
    tool_call["x_tc"] = 7
    tool_call["function"]["x_fn"] = [True]
    data["usage"]["x_cost"] = 0.0012
    data["usage"]["completion_tokens_details"]["x_detail"] = 3
    data["usage"]["prompt_tokens_details"]["x_prompt"] = {"a": None}
    return data


@MODES
@pytest.mark.anyio
async def test_unknown_fields_are_kept(mode: str) -> None:
    data = with_unknown_fields()
    response = httpx.Response(200, json=data)
    completion, _ = await call(mode, "chat", response)
    assert_matches(completion, data)
    assert_to_dict_matches(completion, data)
    # attribute access
    assert completion.x_top == {"nested": [1, 2]}
    assert completion.provider == "openai"
    choice = completion.choices[0]
    assert choice.provider_specific == {"native_finish_reason": "tool_use"}
    assert choice.message.x_new == "kept"
    assert choice.message.reasoning_content is None
    assert choice.message.tool_calls[0].x_tc == 7
    assert choice.message.tool_calls[0].function.x_fn == [True]
    assert completion.usage.x_cost == 0.0012
    assert completion.usage.completion_tokens_details.x_detail == 3
    assert completion.usage.prompt_tokens_details.x_prompt == {"a": None}
    # extra_fields: only the unknown ones
    assert completion.extra_fields == {"x_top": {"nested": [1, 2]}, "provider": "openai"}
    assert choice.extra_fields == {"provider_specific": {"native_finish_reason": "tool_use"}}
    assert choice.message.extra_fields == {"x_new": "kept", "reasoning_content": None}
    assert completion.usage.extra_fields == {"x_cost": 0.0012}
    # to_dict
    dumped = completion.to_dict()
    assert dumped["x_top"] == {"nested": [1, 2]}
    assert dumped["choices"][0]["provider_specific"] == {"native_finish_reason": "tool_use"}
    assert dumped["choices"][0]["message"]["x_new"] == "kept"
    assert dumped["choices"][0]["message"]["tool_calls"][0]["function"]["x_fn"] == [True]
    assert dumped["usage"]["completion_tokens_details"]["x_detail"] == 3
    # a missing attribute is still an AttributeError
    with pytest.raises(AttributeError):
        _ = completion.not_there
    with pytest.raises(AttributeError):
        _ = choice.message.not_there
    assert not hasattr(completion, "not_there")
    assert getattr(completion, "not_there", "default") == "default"


def test_extra_fields_is_a_copy() -> None:
    completion = structure({"choices": [], "x": 1}, ChatCompletion)
    completion.extra_fields["x"] = 2
    assert completion.x == 1


# ---------------------------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------------------------

ROUND_TRIP = [*CHAT_FIXTURES, "unknown-fields"]


def load_chat(name: str) -> Dict[str, Any]:
    if name == "unknown-fields":
        return with_unknown_fields()
    data: Dict[str, Any] = json.loads(raw(name))
    return data


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_round_trip(name: str) -> None:
    data = load_chat(name)
    completion = structure(data, ChatCompletion)
    dumped = completion.to_dict()
    # to_dict → structure → to_dict is stable, unknown fields included
    again = structure(dumped, ChatCompletion)
    assert again == completion
    assert again.to_dict() == dumped
    # to_json / model_dump / model_dump_json agree with to_dict
    assert json.loads(completion.to_json()) == dumped
    assert json.loads(completion.to_json(indent=None)) == dumped
    assert completion.to_json(indent=None) == json.dumps(dumped, indent=None)
    assert completion.model_dump() == dumped
    assert json.loads(completion.model_dump_json()) == dumped
    assert structure(json.loads(completion.to_json()), ChatCompletion).to_dict() == dumped
    # to_dict is plain data, detached from the object
    dumped["choices"][0]["message"]["content"] = "changed"
    assert completion.choices[0].message.content != "changed"
    # exclude_none drops the top-level Nones only where the object has them
    top = completion.to_dict(exclude_none=True)
    assert all(value is not None for value in top.values())
    assert completion.model_dump(exclude_none=True) == top


def test_exclude_none_is_recursive() -> None:
    completion = structure(json.loads(raw(CHAT_FIXTURES[1])), ChatCompletion)
    message = completion.model_dump(exclude_none=True)["choices"][0]["message"]
    assert "content" not in message  # content is null in the recorded tool-call response
    assert "refusal" not in message


def test_equality_sees_unknown_fields() -> None:
    a = structure({"choices": [], "x_new": 1}, ChatCompletion)
    b = structure({"choices": [], "x_new": 2}, ChatCompletion)
    assert a != b


# ---------------------------------------------------------------------------------------------
# Embeddings
# ---------------------------------------------------------------------------------------------


def floats_of(b64: str) -> List[float]:
    packed = base64.b64decode(b64)
    return list(struct.unpack(f"<{len(packed) // 4}f", packed))


@MODES
@pytest.mark.anyio
async def test_embeddings_base64_fixture_kept_when_asked(mode: str) -> None:
    name = EMBEDDING_FIXTURES[0]
    data = json.loads(raw(name))
    result, request = await call(
        mode, "embeddings", recorded_response(name), encoding_format="base64"
    )
    assert json.loads(request.content)["encoding_format"] == "base64"
    assert type(result) is CreateEmbeddingResponse
    assert_matches(result, data)
    assert_to_dict_matches(result, data)
    (item,) = result.data
    assert type(item) is Embedding and isinstance(item.embedding, str)
    assert type(result.usage) is EmbeddingUsage
    assert result.extra_fields == {} and item.extra_fields == {}


@MODES
@pytest.mark.anyio
async def test_embeddings_base64_fixture_decoded_by_default(mode: str) -> None:
    name = EMBEDDING_FIXTURES[0]
    data = json.loads(raw(name))
    result, request = await call(mode, "embeddings", recorded_response(name))
    assert json.loads(request.content)["encoding_format"] == "base64"  # asked for on our behalf
    (item,) = result.data
    expected = floats_of(data["data"][0]["embedding"])
    assert len(expected) == 1536
    assert item.embedding == expected
    assert all(type(x) is float for x in item.embedding)
    assert (item.index, item.object) == (0, "embedding")
    assert result.model == data["model"]
    assert result.object == "list"
    assert result.usage.to_dict() == data["usage"]


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize("encoding", ["float", None], ids=["float", "default"])
async def test_embeddings_float_fixture(mode: str, encoding: Optional[str]) -> None:
    name = EMBEDDING_FIXTURES[1]
    data = json.loads(raw(name))
    params = {"dimensions": 512}
    if encoding:
        params["encoding_format"] = encoding  # type: ignore[assignment]
    result, request = await call(mode, "embeddings", recorded_response(name), **params)
    assert json.loads(request.content)["dimensions"] == 512
    assert_matches(result, data)
    assert_to_dict_matches(result, data)
    (item,) = result.data
    assert len(item.embedding) == 512
    assert item.embedding == data["data"][0]["embedding"]
    assert result.usage.prompt_tokens == data["usage"]["prompt_tokens"]
    assert result.usage.total_tokens == data["usage"]["total_tokens"]


@pytest.mark.parametrize("name", EMBEDDING_FIXTURES)
def test_embeddings_round_trip(name: str) -> None:
    result = structure(json.loads(raw(name)), CreateEmbeddingResponse)
    dumped = result.to_dict()
    assert structure(dumped, CreateEmbeddingResponse).to_dict() == dumped
    assert json.loads(result.to_json()) == dumped == result.model_dump()


# ---------------------------------------------------------------------------------------------
# Error fixtures
# ---------------------------------------------------------------------------------------------

ERROR_CLASSES: Dict[int, Type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    404: NotFoundError,
}


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize("name", ERROR_FIXTURES)
async def test_error_fixture(mode: str, name: str) -> None:
    info = meta(name)
    data = json.loads(raw(name))
    status = info["response"]["status"]
    endpoint = "embeddings" if info["request"]["uri"].endswith("/embeddings") else "chat"
    params: Dict[str, Any] = {}
    if info["request"].get("stream"):
        params["stream"] = True  # a JSON error body answering a streaming request
    with pytest.raises(APIStatusError) as caught:
        await call(mode, endpoint, recorded_response(name), {"max_retries": 2}, **params)
    err = caught.value
    assert type(err) is ERROR_CLASSES[status]
    assert err.status_code == status
    assert err.body == data
    error = data["error"]
    assert err.message == f"Error code: {status} - {error['message']}"
    assert str(err) == err.message
    assert err.type == error["type"]
    assert err.param == error["param"]
    assert err.code == error["code"]
    assert err.request_id == "req_recorded"
    assert err.response.content == raw(name)


def test_fixtures_have_provenance() -> None:
    names = [*CHAT_FIXTURES, *EMBEDDING_FIXTURES, *ERROR_FIXTURES, GATEWAY_CAPTURE]
    for name in names:
        info = meta(name)
        assert info["sample_file"] == name
        assert info["source"]["repo"] and info["source"]["license"]


@pytest.mark.parametrize("how", ["copy", "deepcopy", "pickle"])
def test_copies_and_pickles_keep_unknown_fields_and_headers(how: str) -> None:
    import copy
    import pickle

    from portkey._models import set_headers

    data = {
        "id": "c-1",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "provider": "p",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "hi", "annotations": []},
                "finish_reason": "stop",
                "native_finish_reason": "end_turn",
            }
        ],
    }
    original = structure(data, ChatCompletion)
    set_headers(original, {"trace-id": "t-1"})
    dup = {
        "copy": copy.copy,
        "deepcopy": copy.deepcopy,
        "pickle": lambda o: pickle.loads(pickle.dumps(o)),
    }[how](original)
    assert type(dup) is ChatCompletion
    assert dup == original and dup.to_dict(exclude_none=True) == data
    assert dup.provider == "p" and dup.choices[0].native_finish_reason == "end_turn"
    assert dup.get_headers() == {"trace-id": "t-1"}
    if how != "copy":
        dup.choices[0].message.content = "changed"
        assert original.choices[0].message.content == "hi"
