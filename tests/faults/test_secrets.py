"""Secrets (the api key, Authorization, a provider credential, a config holding a key) never
appear in repr, str, exceptions, DEBUG logs, or the request attached to an error."""

from __future__ import annotations

import logging
import pickle
import traceback
from typing import Any, Iterator, List

import pytest

from portkey import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncPortkey,
    Portkey,
)
from portkey._redact import REDACTED

from .server import FaultServer
from .support import API_KEY, AUTHORIZATION, AWS_SECRET, MESSAGES, client_kwargs, fault

pytestmark = pytest.mark.faults

CONFIG_SECRET = "sk-SECRET-inside-config-target"
SECRETS = (API_KEY, AUTHORIZATION, AWS_SECRET, CONFIG_SECRET)


def secret_kwargs(server: FaultServer, **overrides: Any) -> Any:
    settings = {
        "Authorization": AUTHORIZATION,
        "aws_secret_access_key": AWS_SECRET,
        "aws_access_key_id": "AKIA-not-so-secret",
        "config": {"targets": [{"provider": "openai", "api_key": CONFIG_SECRET}]},
        "timeout": 0.5,
        "max_retries": 0,
    }
    settings.update(overrides)
    return client_kwargs(server, **settings)


def assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} found in {where}"
    # Also no fragment long enough to matter.
    assert "SECRET" not in text, f"a secret fragment in {where}"


# (behaviour, stream?, expected class)
ERRORS = [
    pytest.param("text_500", False, APIStatusError, id="status"),
    pytest.param("reset_before", False, APIConnectionError, id="connection"),
    pytest.param("slow_headers:5", False, APITimeoutError, id="timeout"),
    pytest.param("truncated_json", False, APIResponseValidationError, id="validation"),
    pytest.param("sse_reset", True, APIConnectionError, id="stream-broken"),
]


def check_error(err: APIError) -> None:
    """What the caller can see of the error itself, and the request attached to it."""
    texts = [str(err), repr(err), err.message, repr(err.args), repr(err.body)]
    texts.append("".join(traceback.format_exception(type(err), err, err.__traceback__)))
    for i, text in enumerate(texts):
        assert_clean(text, f"exception text #{i}")
    request = err.request
    assert request is not None
    assert_clean(repr(request) + str(request.url), "err.request")
    assert_clean(repr(request.headers.multi_items()), "err.request.headers")
    assert request.content == b""  # no body either (it may carry user data)
    # The redaction, shown: secret headers replaced, the others kept.
    headers = request.headers
    assert headers["x-portkey-api-key"] == REDACTED
    assert headers["authorization"] == REDACTED
    assert headers["x-portkey-aws-secret-access-key"] == REDACTED
    assert headers["x-portkey-config"] == REDACTED
    assert headers["x-fault"] != REDACTED
    assert headers["content-type"] == "application/json"


def reachable(err: BaseException) -> Iterator[str]:
    """Everything reachable from the exception: its attributes, the response's request, and
    the chained exceptions (``__context__`` survives ``raise ... from None``)."""
    seen: List[int] = []
    todo: List[Any] = [err]
    while todo:
        obj = todo.pop()
        if obj is None or id(obj) in seen:
            continue
        seen.append(id(obj))
        yield repr(obj)
        request = getattr(obj, "_request", None) or getattr(obj, "request", None)
        if request is not None:
            yield repr(request.headers.multi_items())
        if isinstance(obj, BaseException):
            todo += [obj.__context__, obj.__cause__, getattr(obj, "response", None)]
        response = getattr(obj, "response", None)
        if response is not None:
            todo.append(response.request)


def test_client_repr_sync(server: FaultServer) -> None:
    client = Portkey(**secret_kwargs(server))
    for text in (repr(client), str(client), repr(client.with_options(max_retries=1))):
        assert_clean(text, "client repr")
    assert "api_key" in repr(client)  # which options are set is shown, not their values


@pytest.mark.anyio
async def test_client_repr_async(server: FaultServer) -> None:
    client = AsyncPortkey(**secret_kwargs(server))
    for text in (repr(client), str(client), repr(client.with_options(max_retries=1))):
        assert_clean(text, "client repr")


def _call_sync(client: Portkey, spec: str, stream: bool) -> None:
    if stream:
        with client.chat.completions.create(
            messages=MESSAGES, stream=True, **fault(spec)
        ) as events:
            for _ in events:
                pass
    else:
        client.chat.completions.create(messages=MESSAGES, **fault(spec))


async def _call_async(client: AsyncPortkey, spec: str, stream: bool) -> None:
    if stream:
        events = await client.chat.completions.create(messages=MESSAGES, stream=True, **fault(spec))
        async with events:
            async for _ in events:
                pass
    else:
        await client.chat.completions.create(messages=MESSAGES, **fault(spec))


@pytest.mark.parametrize(("spec", "stream", "cls"), ERRORS)
def test_errors_redacted_sync(server: FaultServer, spec: str, stream: bool, cls: Any) -> None:
    with Portkey(**secret_kwargs(server)) as client:
        with pytest.raises(cls) as info:
            _call_sync(client, spec, stream)
    check_error(info.value)
    # The server did get the real values: redaction is for what the caller's side shows.
    assert server.records[0].headers["x-portkey-api-key"] == API_KEY


@pytest.mark.anyio
@pytest.mark.parametrize(("spec", "stream", "cls"), ERRORS)
async def test_errors_redacted_async(
    server: FaultServer, spec: str, stream: bool, cls: Any
) -> None:
    async with AsyncPortkey(**secret_kwargs(server)) as client:
        with pytest.raises(cls) as info:
            await _call_async(client, spec, stream)
    check_error(info.value)
    assert server.records[0].headers["x-portkey-api-key"] == API_KEY


def _debug_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("portkey", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)


def _check_logs(caplog: pytest.LogCaptureFixture) -> None:
    text = "\n".join(r.getMessage() for r in caplog.records) + caplog.text
    assert_clean(text, "DEBUG logs")
    assert REDACTED in text  # the request headers are logged, redacted
    assert any(r.name.startswith("httpcore") for r in caplog.records)  # all loggers were on


def test_debug_logs_sync(
    server: FaultServer, no_sleep: None, caplog: pytest.LogCaptureFixture
) -> None:
    _debug_logs(caplog)
    with Portkey(**secret_kwargs(server, max_retries=1)) as client:
        client.chat.completions.create(messages=MESSAGES)
        for spec, stream, _ in (p.values for p in ERRORS):
            with pytest.raises(APIError):
                _call_sync(client, spec, stream)
    _check_logs(caplog)


@pytest.mark.anyio
async def test_debug_logs_async(
    server: FaultServer, no_sleep: None, caplog: pytest.LogCaptureFixture
) -> None:
    _debug_logs(caplog)
    async with AsyncPortkey(**secret_kwargs(server, max_retries=1)) as client:
        await client.chat.completions.create(messages=MESSAGES)
        for spec, stream, _ in (p.values for p in ERRORS):
            with pytest.raises(APIError):
                await _call_async(client, spec, stream)
    _check_logs(caplog)


# Everything reachable from the exception -------------------------------------------------------

DEEP = [
    pytest.param(
        "text_500",
        False,
        APIStatusError,
        id="status",
    ),
    pytest.param(
        "truncated_json",
        False,
        APIResponseValidationError,
        id="validation",
    ),
    pytest.param(
        "reset_before",
        False,
        APIConnectionError,
        id="connection",
    ),
    pytest.param(
        "slow_headers:5",
        False,
        APITimeoutError,
        id="timeout",
    ),
    pytest.param(
        "sse_reset",
        True,
        APIConnectionError,
        id="stream-broken",
    ),
]


@pytest.mark.parametrize(("spec", "stream", "cls"), DEEP)
def test_nothing_reachable_from_error_sync(
    server: FaultServer, spec: str, stream: bool, cls: Any
) -> None:
    with Portkey(**secret_kwargs(server)) as client:
        with pytest.raises(cls) as info:
            _call_sync(client, spec, stream)
    for i, text in enumerate(reachable(info.value)):
        assert_clean(text, f"object #{i} reachable from the error")
    try:
        pickled = pickle.dumps(info.value)
    except Exception:
        return
    assert b"SECRET" not in pickled


@pytest.mark.anyio
@pytest.mark.parametrize(("spec", "stream", "cls"), DEEP)
async def test_nothing_reachable_from_error_async(
    server: FaultServer, spec: str, stream: bool, cls: Any
) -> None:
    async with AsyncPortkey(**secret_kwargs(server)) as client:
        with pytest.raises(cls) as info:
            await _call_async(client, spec, stream)
    for i, text in enumerate(reachable(info.value)):
        assert_clean(text, f"object #{i} reachable from the error")
