"""Error mapping: every status and every body form to the right exception, with its attributes;
2xx bodies that are not what the API promises; transport failures; secrets kept out of errors
and logs. Every case runs through ``Portkey`` and ``AsyncPortkey`` against respx."""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, Optional, Type

import httpx
import pytest
import respx

import portkey
from portkey import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncPortkey,
    AuthenticationError,
    BadRequestError,
    BudgetExhaustedError,
    ConflictError,
    GuardrailDeniedError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    Portkey,
    PortkeyError,
    RateLimitError,
    RequestTimeoutError,
    UnprocessableEntityError,
)
from portkey._redact import REDACTED

BASE = "http://gateway.test/v1"
CHAT = BASE + "/chat/completions"
EMBEDDINGS = BASE + "/embeddings"
MESSAGES = [{"role": "user", "content": "Hello"}]
MODES = pytest.mark.parametrize("mode", ["sync", "async"])


async def call(
    mode: str, client_opts: Optional[Dict[str, Any]] = None, endpoint: str = "chat", **params: Any
) -> Any:
    """One API call through the sync or the async client (max_retries=0 unless given)."""
    opts: Dict[str, Any] = {"api_key": "pk-test", "base_url": BASE, "max_retries": 0}
    opts.update(client_opts or {})
    if endpoint == "chat":
        params.setdefault("model", "gpt-4o-mini")
        params.setdefault("messages", MESSAGES)
    else:
        params.setdefault("model", "text-embedding-3-small")
        params.setdefault("input", "Hello")
    if mode == "sync":
        with Portkey(**opts) as client:
            resource: Any = client.chat.completions if endpoint == "chat" else client.embeddings
            return resource.create(**params)
    async with AsyncPortkey(**opts) as aclient:
        aresource: Any = aclient.chat.completions if endpoint == "chat" else aclient.embeddings
        return await aresource.create(**params)


async def call_error(mode: str, expected: Type[BaseException], *args: Any, **kwargs: Any) -> Any:
    with pytest.raises(expected) as info:
        await call(mode, *args, **kwargs)
    return info.value


def assert_ours(err: BaseException) -> None:
    """Ours, not httpx's or json's, and no httpx exception chained to it for display."""
    assert isinstance(err, PortkeyError)
    assert not isinstance(err, (httpx.HTTPError, httpx.InvalidURL, json.JSONDecodeError))
    assert err.__cause__ is None
    if err.__context__ is not None:
        assert err.__suppress_context__


# ---------------------------------------------------------------------------------------------
# The hierarchy
# ---------------------------------------------------------------------------------------------


STATUS_CLASSES = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    408: RequestTimeoutError,
    409: ConflictError,
    412: BudgetExhaustedError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    446: GuardrailDeniedError,
    500: InternalServerError,
    502: InternalServerError,
    503: InternalServerError,
    504: InternalServerError,
    418: APIStatusError,
}


def test_hierarchy() -> None:
    assert issubclass(APIError, PortkeyError)
    assert issubclass(PortkeyError, Exception)
    for cls in (APIStatusError, APIConnectionError, APIResponseValidationError):
        assert issubclass(cls, APIError)
    assert issubclass(APITimeoutError, APIConnectionError)
    for cls in set(STATUS_CLASSES.values()) - {APIStatusError}:
        assert issubclass(cls, APIStatusError), cls
        assert not issubclass(cls, (APIConnectionError, APIResponseValidationError))
    assert not issubclass(APIConnectionError, APIStatusError)
    assert not issubclass(APIResponseValidationError, (APIStatusError, APIConnectionError))


def test_every_error_class_is_exported() -> None:
    for cls in {*STATUS_CLASSES.values(), PortkeyError, APIError, APIConnectionError}:
        assert getattr(portkey, cls.__name__) is cls
        assert cls.__name__ in portkey.__all__
    assert portkey.APITimeoutError is APITimeoutError
    assert portkey.APIResponseValidationError is APIResponseValidationError


# ---------------------------------------------------------------------------------------------
# Every status
# ---------------------------------------------------------------------------------------------

OPENAI_ERROR = {
    "error": {
        "message": "The model `nope` does not exist or you do not have access to it.",
        "type": "invalid_request_error",
        "param": "model",
        "code": "model_not_found",
    }
}


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize("status", sorted(STATUS_CLASSES), ids=str)
async def test_status_maps_to_class(mode: str, status: int) -> None:
    headers = {"x-request-id": f"req_{status}", "x-portkey-provider": "openai"}
    with respx.mock:
        route = respx.post(CHAT).mock(
            return_value=httpx.Response(status, json=OPENAI_ERROR, headers=headers)
        )
        err = await call_error(mode, APIStatusError)
    assert type(err) is STATUS_CLASSES[status]
    assert route.call_count == 1
    assert_ours(err)
    assert err.status_code == status
    message = OPENAI_ERROR["error"]["message"]
    assert err.message == f"Error code: {status} - {message}"
    assert str(err) == err.message
    assert err.body == OPENAI_ERROR
    assert (err.type, err.param, err.code) == ("invalid_request_error", "model", "model_not_found")
    assert err.request_id == f"req_{status}"
    assert isinstance(err.headers, httpx.Headers)
    assert err.headers["x-portkey-provider"] == "openai"
    assert isinstance(err.response, httpx.Response)
    assert err.response.status_code == status
    assert err.retry_after is None
    assert isinstance(err.request, httpx.Request)
    assert err.request.method == "POST"
    assert str(err.request.url) == CHAT


# ---------------------------------------------------------------------------------------------
# Every body form
# ---------------------------------------------------------------------------------------------

HTML_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)

# (id, status, content, content-type, expected body, expected detail in the message,
#  expected (type, param, code))
BODY_FORMS = [
    pytest.param(
        400,
        json.dumps(OPENAI_ERROR).encode(),
        "application/json",
        OPENAI_ERROR,
        OPENAI_ERROR["error"]["message"],
        ("invalid_request_error", "model", "model_not_found"),
        id="openai-error-object",
    ),
    pytest.param(
        400,
        b'{"error": {"message": "bad", "type": "invalid_request_error", "param": null, '
        b'"code": 400}}',
        "application/json",
        {"error": {"message": "bad", "type": "invalid_request_error", "param": None, "code": 400}},
        "bad",
        ("invalid_request_error", None, "400"),
        id="openai-error-numeric-code",
    ),
    pytest.param(
        401,
        b'{"status":"failure","message":"Invalid API Key. Error Code: 03"}',
        "application/json",
        {"status": "failure", "message": "Invalid API Key. Error Code: 03"},
        "Invalid API Key. Error Code: 03",
        (None, None, None),
        id="gateway-failure",
    ),
    pytest.param(
        446,
        b'{"status":"failure","message":"Guardrail denied the request","hook_results":{}}',
        "application/json",
        {"status": "failure", "message": "Guardrail denied the request", "hook_results": {}},
        "Guardrail denied the request",
        (None, None, None),
        id="gateway-guardrail",
    ),
    pytest.param(
        400,
        b'{"status":"failure","message":"Invalid config passed","errors":["path: strategy,mode,'
        b" message: Invalid 'mode' value\"]}",
        "application/json",
        {
            "status": "failure",
            "message": "Invalid config passed",
            "errors": ["path: strategy,mode, message: Invalid 'mode' value"],
        },
        "Invalid config passed: path: strategy,mode, message: Invalid 'mode' value",
        (None, None, None),
        id="gateway-invalid-config-reasons",
    ),
    pytest.param(
        400,
        b'{"error": "model is required"}',
        "application/json",
        {"error": "model is required"},
        "model is required",
        (None, None, None),
        id="error-string",
    ),
    pytest.param(
        502,
        HTML_502.encode(),
        "text/html",
        HTML_502,
        HTML_502.strip(),
        (None, None, None),
        id="html-proxy-page",
    ),
    pytest.param(503, b"", None, None, None, (None, None, None), id="empty"),
    pytest.param(503, b"  \r\n", "text/plain", None, None, (None, None, None), id="whitespace"),
    pytest.param(
        500,
        b"upstream connect error or disconnect/reset before headers",
        "text/plain",
        "upstream connect error or disconnect/reset before headers",
        "upstream connect error or disconnect/reset before headers",
        (None, None, None),
        id="plain-text",
    ),
    pytest.param(
        400,
        b'{"error": {"message": "trunc',
        "application/json",
        '{"error": {"message": "trunc',
        '{"error": {"message": "trunc',
        (None, None, None),
        id="invalid-json",
    ),
    pytest.param(
        400,
        b"[1, 2]",
        "application/json",
        [1, 2],
        None,
        (None, None, None),
        id="json-list",
    ),
    pytest.param(
        500,
        b"\xff\xfe not utf-8",
        "text/plain",
        "\ufffd\ufffd not utf-8",
        "\ufffd\ufffd not utf-8",
        (None, None, None),
        id="invalid-utf8",
    ),
    pytest.param(
        400,
        b"[" * 100_000,
        "application/json",
        "[" * 100_000,
        "[" * 2000,
        (None, None, None),
        id="json-nested-too-deep",
    ),
]


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize(
    ("status", "content", "content_type", "body", "detail", "type_param_code"), BODY_FORMS
)
async def test_body_form(
    mode: str,
    status: int,
    content: bytes,
    content_type: Optional[str],
    body: Any,
    detail: Optional[str],
    type_param_code: Any,
) -> None:
    headers = {"x-request-id": "req_body"}
    if content_type:
        headers["content-type"] = content_type
    with respx.mock:
        respx.post(CHAT).mock(return_value=httpx.Response(status, content=content, headers=headers))
        err = await call_error(mode, APIStatusError)
    assert_ours(err)
    assert type(err) is STATUS_CLASSES.get(status, InternalServerError)
    assert err.status_code == status
    assert err.body == body
    expected = f"Error code: {status} - {detail}" if detail else f"Error code: {status}"
    assert err.message == expected
    assert str(err) == expected
    assert (err.type, err.param, err.code) == type_param_code
    assert err.request_id == "req_body"
    assert err.response.content == content


@MODES
@pytest.mark.anyio
async def test_request_id_falls_back_to_trace_id_then_none(mode: str) -> None:
    with respx.mock:
        respx.post(CHAT).mock(
            return_value=httpx.Response(
                400, json=OPENAI_ERROR, headers={"x-portkey-trace-id": "t1"}
            )
        )
        err = await call_error(mode, BadRequestError)
    assert err.request_id == "t1"
    with respx.mock:
        respx.post(CHAT).mock(return_value=httpx.Response(400, json=OPENAI_ERROR))
        err = await call_error(mode, BadRequestError)
    assert err.request_id is None


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize(
    ("headers", "retry_after"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after": "3600"}, 3600.0),
        ({}, None),
    ],
    ids=["seconds", "ms", "hour", "none"],
)
async def test_error_carries_retry_after(
    mode: str, headers: Dict[str, str], retry_after: Optional[float]
) -> None:
    with respx.mock:
        respx.post(CHAT).mock(return_value=httpx.Response(429, json=OPENAI_ERROR, headers=headers))
        err = await call_error(mode, RateLimitError)
    assert err.retry_after == retry_after


@MODES
@pytest.mark.anyio
async def test_embeddings_errors_map_the_same(mode: str) -> None:
    with respx.mock:
        respx.post(EMBEDDINGS).mock(return_value=httpx.Response(404, json=OPENAI_ERROR))
        err = await call_error(mode, NotFoundError, endpoint="embeddings")
    assert err.code == "model_not_found"
    assert str(err.request.url) == EMBEDDINGS


# ---------------------------------------------------------------------------------------------
# 2xx bodies that are not what the API promises
# ---------------------------------------------------------------------------------------------

BAD_SUCCESS = [
    pytest.param("chat", b'{"id": "x", "choices": [', '{"id": "x", "choices": [', id="truncated"),
    pytest.param("chat", b"", None, id="empty"),
    pytest.param("chat", b"<html>ok</html>", "<html>ok</html>", id="html"),
    pytest.param("chat", b'{"choices": "nope"}', {"choices": "nope"}, id="choices-is-string"),
    pytest.param("chat", b"[]", [], id="body-is-list"),
    pytest.param("chat", b'"text"', "text", id="body-is-string"),
    pytest.param("chat", b"null", None, id="body-is-null"),
    pytest.param("chat", b'{"id": "x"}', {"id": "x"}, id="choices-missing"),
    pytest.param("chat", b'{"choices": ["x"]}', {"choices": ["x"]}, id="choice-is-string"),
    pytest.param(
        "chat", b'{"choices": [{"message": 3}]}', {"choices": [{"message": 3}]}, id="message-is-int"
    ),
    pytest.param(
        "chat",
        b'{"choices": [{"message": {"tool_calls": {"id": 1}}}]}',
        {"choices": [{"message": {"tool_calls": {"id": 1}}}]},
        id="tool-calls-is-object",
    ),
    pytest.param(
        "chat",
        b'{"choices": [], "usage": "lots"}',
        {"choices": [], "usage": "lots"},
        id="usage-is-string",
    ),
    pytest.param("embeddings", b'{"data": "x"}', {"data": "x"}, id="embeddings-data-is-string"),
    pytest.param("embeddings", b'{"object": "list"}', {"object": "list"}, id="embeddings-no-data"),
    pytest.param("embeddings", b"{", "{", id="embeddings-truncated"),
]


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize(("endpoint", "content", "body"), BAD_SUCCESS)
async def test_invalid_success_body(mode: str, endpoint: str, content: bytes, body: Any) -> None:
    with respx.mock:
        route = (respx.post(CHAT) if endpoint == "chat" else respx.post(EMBEDDINGS)).mock(
            return_value=httpx.Response(
                200,
                content=content,
                headers={"content-type": "application/json", "x-request-id": "req_ok"},
            )
        )
        err = await call_error(
            mode, APIResponseValidationError, {"max_retries": 2}, endpoint=endpoint
        )
    assert route.call_count == 1  # a 2xx is never retried
    assert_ours(err)
    assert err.status_code == 200
    assert err.body == body
    assert isinstance(err.response, httpx.Response)
    assert err.response.content == content
    assert err.message == str(err)
    assert err.message
    assert err.request_id == "req_ok" and err.headers["x-request-id"] == "req_ok"


def test_raw_response_json_of_a_non_json_body_is_ours() -> None:
    with respx.mock:
        respx.post(CHAT).mock(return_value=httpx.Response(200, content=b"<html>oops</html>"))
        client = Portkey(api_key="pk-test", base_url=BASE, max_retries=0)
        raw = client.chat.completions.with_raw_response.create(model="m", messages=MESSAGES)
        with pytest.raises(APIResponseValidationError) as info:
            raw.json()
    assert_ours(info.value)
    assert info.value.body == "<html>oops</html>"


@MODES
@pytest.mark.anyio
async def test_invalid_success_body_nested_too_deep(mode: str) -> None:
    with respx.mock:
        respx.post(CHAT).mock(return_value=httpx.Response(200, content=b"[" * 100_000))
        await call_error(mode, APIResponseValidationError)


# ---------------------------------------------------------------------------------------------
# Transport failures
# ---------------------------------------------------------------------------------------------

TRANSPORT = [
    pytest.param(httpx.ConnectError("connection refused"), APIConnectionError, id="connect"),
    pytest.param(httpx.ConnectTimeout("connect timed out"), APITimeoutError, id="connect-timeout"),
    pytest.param(httpx.ReadTimeout("read timed out"), APITimeoutError, id="read-timeout"),
    pytest.param(httpx.WriteTimeout("write timed out"), APITimeoutError, id="write-timeout"),
    pytest.param(httpx.PoolTimeout("pool timed out"), APITimeoutError, id="pool-timeout"),
    pytest.param(
        httpx.RemoteProtocolError("peer closed connection"), APIConnectionError, id="protocol"
    ),
    pytest.param(httpx.ReadError("connection reset"), APIConnectionError, id="read-error"),
]


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize(("exc", "expected"), TRANSPORT)
async def test_transport_errors_after_retries(
    mode: str, exc: Exception, expected: Type[APIError], no_sleep: None
) -> None:
    with respx.mock:
        route = respx.post(CHAT).mock(side_effect=exc)
        err = await call_error(mode, APIConnectionError, {"max_retries": 2})
    assert type(err) is expected
    assert route.call_count == 3
    assert_ours(err)
    assert not hasattr(err, "status_code")
    assert isinstance(err.request, httpx.Request)
    assert str(err.request.url) == CHAT
    assert err.body is None
    assert err.message == str(err)


@MODES
@pytest.mark.anyio
async def test_transport_error_then_success(mode: str, no_sleep: None) -> None:
    ok = {"id": "c", "object": "chat.completion", "choices": []}
    with respx.mock:
        route = respx.post(CHAT).mock(
            side_effect=[
                httpx.ConnectError("refused"),
                httpx.ReadTimeout("slow"),
                httpx.Response(200, json=ok),
            ]
        )
        result = await call(mode, {"max_retries": 2})
    assert route.call_count == 3
    assert result.id == "c"


# ---------------------------------------------------------------------------------------------
# Secrets
# ---------------------------------------------------------------------------------------------

API_KEY = "pk-SECRET-api-key-0001"
AUTHORIZATION = "sk-SECRET-openai-0002"
AWS_SECRET = "aws-SECRET-access-0003"
CONFIG_SECRET = "sk-SECRET-in-config-0004"
VIRTUAL_KEY = "vk-SECRET-virtual-0005"
SECRETS = (API_KEY, AUTHORIZATION, AWS_SECRET, CONFIG_SECRET, VIRTUAL_KEY)
SECRET_OPTS: Dict[str, Any] = {
    "api_key": API_KEY,
    "Authorization": AUTHORIZATION,
    "virtual_key": VIRTUAL_KEY,
    "aws_secret_access_key": AWS_SECRET,
    "aws_access_key_id": "AKIA-public-id",
    "config": {
        "retry": {"attempts": 2},
        "targets": [{"provider": "openai", "api_key": CONFIG_SECRET}],
    },
    "max_retries": 1,
}
SECRET_HEADERS = (
    "x-portkey-api-key",
    "authorization",
    "x-portkey-virtual-key",
    "x-portkey-aws-secret-access-key",
    "x-portkey-config",
)

FAILURES = [
    pytest.param(
        {"return_value": httpx.Response(401, json=OPENAI_ERROR)}, AuthenticationError, id="401"
    ),
    pytest.param({"return_value": httpx.Response(503, text="down")}, InternalServerError, id="503"),
    pytest.param({"side_effect": httpx.ConnectError("refused")}, APIConnectionError, id="connect"),
    pytest.param({"side_effect": httpx.ReadTimeout("slow")}, APITimeoutError, id="timeout"),
    pytest.param(
        {"return_value": httpx.Response(200, text="{")},
        APIResponseValidationError,
        id="2xx-invalid",
    ),
]


def assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} in {where}"
    assert "SECRET" not in text, f"a secret fragment in {where}"


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize(("mock", "expected"), FAILURES)
async def test_secrets_never_leak(
    mode: str,
    mock: Dict[str, Any],
    expected: Type[APIError],
    no_sleep: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with respx.mock:
        route = respx.post(CHAT).mock(**mock)
        err = await call_error(mode, expected, SECRET_OPTS)
    # The request really carried the secrets ...
    sent = route.calls.last.request.headers
    assert sent["x-portkey-api-key"] == API_KEY
    assert sent["authorization"] == f"Bearer {AUTHORIZATION}"
    assert CONFIG_SECRET in sent["x-portkey-config"]
    # ... and the error does not.
    assert type(err) is expected
    assert_clean(str(err), "str(err)")
    assert_clean(repr(err), "repr(err)")
    assert_clean(repr(err.args), "err.args")
    assert err.request is not None
    assert_clean(repr(err.request.headers.multi_items()), "err.request.headers")
    assert_clean(repr(err.request), "repr(err.request)")
    assert err.request.content == b""  # the body is not kept either
    for name in SECRET_HEADERS:
        assert err.request.headers[name] == REDACTED, name
    assert err.request.headers["x-portkey-aws-access-key-id"] == REDACTED  # named like a key
    assert err.request.headers["content-type"] == "application/json"  # the rest is kept
    # The DEBUG log of the "portkey" logger (and of every other logger) is clean too.
    portkey_records = [r for r in caplog.records if r.name == "portkey"]
    debug = [r for r in portkey_records if r.levelno == logging.DEBUG]
    assert debug, "no DEBUG record of the request"
    assert any(REDACTED in r.getMessage() for r in debug)
    for record in caplog.records:
        assert_clean(record.getMessage(), f"log record {record.name}")
    assert_clean(caplog.text, "captured log text")


@MODES
@pytest.mark.anyio
async def test_secret_in_per_call_extra_headers_is_redacted(mode: str) -> None:
    with respx.mock:
        respx.post(CHAT).mock(return_value=httpx.Response(400, json=OPENAI_ERROR))
        err = await call_error(
            mode,
            BadRequestError,
            extra_headers={
                "x-portkey-api-key": API_KEY,
                "Authorization": f"Bearer {AUTHORIZATION}",
            },
        )
    assert_clean(repr(err.request.headers.multi_items()), "err.request.headers")
    assert err.request.headers["authorization"] == REDACTED
