"""The retry policy, table-driven: which statuses are retried, each retry-after form, the
x-should-retry override, max_retries, the gateway-already-retried rule, the backoff schedule,
the total deadline, transport errors, and the INFO log of each retry. Sync and async against
respx with sleeping replaced (``no_sleep``); plus sans-I/O unit tests of ``parse_retry_after``
and ``Attempts``."""

from __future__ import annotations

import email.utils
import logging
import time
from typing import Any, Dict, List, Optional, Tuple, Type

import both_clients
import httpx
import pytest
import respx
from both_clients import BASE

from portkey import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
    _retry,
)
from portkey._retry import Attempts, RetryPolicy, parse_retry_after

CHAT = BASE + "/chat/completions"
MESSAGES = [{"role": "user", "content": "Hello"}]
MODES = pytest.mark.parametrize("mode", ["sync", "async"])
OK_BODY = {
    "id": "chatcmpl-ok",
    "object": "chat.completion",
    "created": 1,
    "model": "gpt-4o-mini",
    "choices": [
        {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "hi"}}
    ],
}
ERROR_BODY = {
    "error": {"message": "try later", "type": "server_error", "param": None, "code": None}
}

pytestmark = pytest.mark.usefixtures("no_sleep")


def ok() -> httpx.Response:
    return httpx.Response(200, json=OK_BODY)


def fail(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, json=ERROR_BODY, headers={k.replace("_", "-"): v for k, v in headers.items()}
    )


async def call(mode: str, client_opts: Optional[Dict[str, Any]] = None, **params: Any) -> Any:
    """A chat completion (the default model and messages unless given) on a fresh client."""
    params.setdefault("model", "gpt-4o-mini")
    params.setdefault("messages", MESSAGES)
    opts = {"api_key": "pk-test", **(client_opts or {})}
    return await both_clients.call(mode, "chat.completions.create", client_kwargs=opts, **params)


async def run(
    mode: str, responses: List[Any], client_opts: Optional[Dict[str, Any]] = None, **params: Any
) -> Tuple[Any, int]:
    """Serve ``responses`` in order; return (result or raised PortkeyError, requests sent)."""
    with respx.mock:
        route = respx.post(CHAT).mock(side_effect=responses)
        try:
            result = await call(mode, client_opts, **params)
        except (APIStatusError, APIConnectionError) as exc:
            result = exc
        return result, route.call_count


def retry_records(caplog: pytest.LogCaptureFixture) -> List[logging.LogRecord]:
    return [
        r
        for r in caplog.records
        if r.name == "portkey" and r.levelno == logging.INFO and r.getMessage().startswith("Retry")
    ]


def logged_delays(caplog: pytest.LogCaptureFixture) -> List[float]:
    """The waits the client computed, read from its INFO records (args: method, url, delay,
    retry number, max retries, reason)."""
    return [float(r.args[2]) for r in retry_records(caplog)]  # type: ignore[index]


@pytest.fixture
def info_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="portkey")
    return caplog


# ---------------------------------------------------------------------------------------------
# Which statuses are retried
# ---------------------------------------------------------------------------------------------

RETRIED = [408, 409, 429, 500, 502, 503, 504, 599]
NOT_RETRIED = [400, 401, 403, 404, 412, 418, 422, 446]


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize("status", RETRIED, ids=str)
async def test_retried_status_then_success(mode: str, status: int) -> None:
    result, requests = await run(mode, [fail(status), fail(status), ok()], {"max_retries": 2})
    assert requests == 3
    assert result.id == "chatcmpl-ok"


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize("status", RETRIED, ids=str)
async def test_retried_status_exhausts_max_retries(mode: str, status: int) -> None:
    result, requests = await run(mode, [fail(status)] * 4, {"max_retries": 3})
    assert requests == 4
    assert isinstance(result, APIStatusError)
    assert result.status_code == status


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize("status", NOT_RETRIED, ids=str)
async def test_not_retried_status(mode: str, status: int) -> None:
    result, requests = await run(mode, [fail(status), ok()], {"max_retries": 2})
    assert requests == 1
    assert isinstance(result, APIStatusError)
    assert result.status_code == status


# ---------------------------------------------------------------------------------------------
# The table: headers that change the decision or the wait
# ---------------------------------------------------------------------------------------------


def http_date(offset: float) -> str:
    return email.utils.formatdate(time.time() + offset, usegmt=True)


# (first response, client options, per-call options, requests sent, outcome,
#  (lowest, highest) logged wait of the first retry or None when no retry)
TABLE = [
    # retry-after forms
    pytest.param(
        lambda: fail(429, retry_after="3"), {}, {}, 2, "ok", (3.0, 3.0), id="retry-after-seconds"
    ),
    pytest.param(
        lambda: fail(503, retry_after="1.5"), {}, {}, 2, "ok", (1.5, 1.5), id="retry-after-decimal"
    ),
    pytest.param(
        lambda: fail(429, retry_after_ms="250"), {}, {}, 2, "ok", (0.25, 0.25), id="retry-after-ms"
    ),
    pytest.param(
        lambda: fail(429, retry_after_ms="250", retry_after="30"),
        {},
        {},
        2,
        "ok",
        (0.25, 0.25),
        id="retry-after-ms-wins",
    ),
    pytest.param(
        lambda: fail(429, retry_after=http_date(10)),
        {},
        {},
        2,
        "ok",
        (8.5, 10.5),
        id="retry-after-http-date",
    ),
    pytest.param(
        lambda: fail(429, retry_after=http_date(-30)),
        {},
        {},
        2,
        "ok",
        (0.0, 0.0),
        id="retry-after-date-in-past",
    ),
    pytest.param(
        lambda: fail(429, retry_after="60"), {}, {}, 2, "ok", (60.0, 60.0), id="retry-after-60"
    ),
    pytest.param(
        lambda: fail(429, retry_after="0"), {}, {}, 2, "ok", (0.0, 0.0), id="retry-after-0"
    ),
    pytest.param(
        lambda: fail(429, retry_after="soon"),
        {},
        {},
        2,
        "ok",
        (0.375, 0.5),
        id="retry-after-garbage-backoff",
    ),
    pytest.param(
        lambda: fail(429, retry_after="-5"),
        {},
        {},
        2,
        "ok",
        (0.375, 0.5),
        id="retry-after-negative-backoff",
    ),
    # too long a wait: raise at once
    pytest.param(
        lambda: fail(429, retry_after="61"), {}, {}, 1, RateLimitError, None, id="retry-after-61"
    ),
    pytest.param(
        lambda: fail(429, retry_after="3600"),
        {},
        {},
        1,
        RateLimitError,
        None,
        id="retry-after-hour",
    ),
    pytest.param(
        lambda: fail(503, retry_after_ms="60001"),
        {},
        {},
        1,
        InternalServerError,
        None,
        id="retry-after-ms-too-long",
    ),
    pytest.param(
        lambda: fail(429, retry_after=http_date(3600)),
        {},
        {},
        1,
        RateLimitError,
        None,
        id="retry-after-date-hour",
    ),
    # x-should-retry overrides the status rule
    pytest.param(
        lambda: fail(400, x_should_retry="true"),
        {},
        {},
        2,
        "ok",
        (0.375, 0.5),
        id="should-true-400",
    ),
    pytest.param(
        lambda: fail(401, x_should_retry="true"),
        {},
        {},
        2,
        "ok",
        (0.375, 0.5),
        id="should-true-401",
    ),
    pytest.param(
        lambda: fail(503, x_should_retry="false"),
        {},
        {},
        1,
        InternalServerError,
        None,
        id="should-false-503",
    ),
    pytest.param(
        lambda: fail(429, x_should_retry="false", retry_after="1"),
        {},
        {},
        1,
        RateLimitError,
        None,
        id="should-false-429",
    ),
    # max_retries = 0
    pytest.param(
        lambda: fail(503), {"max_retries": 0}, {}, 1, InternalServerError, None, id="client-max-0"
    ),
    pytest.param(
        lambda: fail(503), {}, {"max_retries": 0}, 1, InternalServerError, None, id="call-max-0"
    ),
    pytest.param(
        lambda: httpx.ConnectError("refused"),
        {"max_retries": 0},
        {},
        1,
        APIConnectionError,
        None,
        id="client-max-0-connect",
    ),
    pytest.param(
        lambda: fail(503),
        {"max_retries": 0},
        {"max_retries": 1},
        2,
        "ok",
        (0.375, 0.5),
        id="call-max-1",
    ),
    # the gateway already retried: no amplification
    pytest.param(
        lambda: fail(503, x_portkey_retry_attempt_count="2"),
        {},
        {},
        1,
        InternalServerError,
        None,
        id="gateway-count-2",
    ),
    pytest.param(
        lambda: fail(503, x_portkey_retry_attempt_count="-1"),
        {},
        {},
        1,
        InternalServerError,
        None,
        id="gateway-count-minus-1",
    ),
    pytest.param(
        lambda: fail(429, x_portkey_retry_attempt_count="1", retry_after="1"),
        {},
        {},
        1,
        RateLimitError,
        None,
        id="gateway-count-1-429",
    ),
    pytest.param(
        lambda: fail(503, x_portkey_retry_attempt_count="2", x_should_retry="true"),
        {},
        {},
        1,
        InternalServerError,
        None,
        id="gateway-count-2-beats-should-true",
    ),
    pytest.param(
        lambda: fail(503, x_portkey_retry_attempt_count="0"),
        {},
        {},
        2,
        "ok",
        (0.375, 0.5),
        id="gateway-count-0",
    ),
    # the total deadline
    pytest.param(
        lambda: fail(503, retry_after="2"),
        {"deadline": 1.0},
        {},
        1,
        InternalServerError,
        None,
        id="deadline-shorter-than-retry-after",
    ),
    pytest.param(
        lambda: fail(503),
        {"deadline": 0.3},
        {},
        1,
        InternalServerError,
        None,
        id="deadline-shorter-than-backoff",
    ),
    pytest.param(
        lambda: fail(503, retry_after="2"),
        {"deadline": 30.0},
        {},
        2,
        "ok",
        (2.0, 2.0),
        id="deadline-room-left",
    ),
    # transport errors
    pytest.param(
        lambda: httpx.ConnectError("refused"), {}, {}, 2, "ok", (0.375, 0.5), id="connect-error"
    ),
    pytest.param(
        lambda: httpx.ReadTimeout("slow"), {}, {}, 2, "ok", (0.375, 0.5), id="read-timeout"
    ),
    pytest.param(
        lambda: httpx.RemoteProtocolError("peer closed"),
        {},
        {},
        2,
        "ok",
        (0.375, 0.5),
        id="protocol-error",
    ),
]


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize(
    ("first", "client_opts", "call_opts", "requests", "outcome", "wait"), TABLE
)
async def test_retry_table(
    mode: str,
    info_log: pytest.LogCaptureFixture,
    first: Any,
    client_opts: Dict[str, Any],
    call_opts: Dict[str, Any],
    requests: int,
    outcome: Any,
    wait: Optional[Tuple[float, float]],
) -> None:
    opts = {"max_retries": 2, **client_opts}
    result, sent = await run(mode, [first(), ok()], opts, **call_opts)
    assert sent == requests
    delays = logged_delays(info_log)
    if outcome == "ok":
        assert result.id == "chatcmpl-ok"
    else:
        assert type(result) is outcome
    if wait is None:
        assert delays == []
    else:
        (delay,) = delays
        low, high = wait
        assert low <= delay <= high, (low, delay, high)


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "61"}, 61.0),
        ({"retry-after": "3600"}, 3600.0),
        ({"retry-after-ms": "90000"}, 90.0),
    ],
    ids=["61s", "hour", "90000ms"],
)
async def test_too_long_retry_after_raises_at_once_with_retry_after(
    mode: str, headers: Dict[str, str], expected: float, info_log: pytest.LogCaptureFixture
) -> None:
    response = httpx.Response(429, json=ERROR_BODY, headers=headers)
    result, sent = await run(mode, [response, ok()], {"max_retries": 5})
    assert sent == 1
    assert isinstance(result, RateLimitError)
    assert result.retry_after == expected
    assert retry_records(info_log) == []


@MODES
@pytest.mark.anyio
async def test_retry_after_http_date_on_error(mode: str) -> None:
    response = fail(429, retry_after=http_date(7200))
    result, sent = await run(mode, [response], {"max_retries": 2})
    assert sent == 1
    assert isinstance(result, RateLimitError)
    assert 7190 <= result.retry_after <= 7201


# ---------------------------------------------------------------------------------------------
# Backoff schedule
# ---------------------------------------------------------------------------------------------

SCHEDULE = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


@MODES
@pytest.mark.anyio
async def test_backoff_schedule_with_jitter(mode: str, info_log: pytest.LogCaptureFixture) -> None:
    retries = len(SCHEDULE)
    result, sent = await run(mode, [fail(503)] * (retries + 1), {"max_retries": retries})
    assert isinstance(result, InternalServerError)
    assert sent == retries + 1
    delays = logged_delays(info_log)
    assert len(delays) == retries
    for base, delay in zip(SCHEDULE, delays):
        assert 0.75 * base <= delay <= base, (base, delay)


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize(("rand", "factor"), [(0.0, 1.0), (0.5, 0.875), (0.999999, 0.75)])
async def test_backoff_schedule_deterministic(
    mode: str,
    info_log: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    rand: float,
    factor: float,
) -> None:
    monkeypatch.setattr(_retry.random, "random", lambda: rand)
    retries = len(SCHEDULE)
    await run(mode, [fail(502)] * (retries + 1), {"max_retries": retries})
    assert logged_delays(info_log) == pytest.approx([b * factor for b in SCHEDULE], abs=1e-5)


@MODES
@pytest.mark.anyio
async def test_jitter_varies(mode: str, info_log: pytest.LogCaptureFixture) -> None:
    await run(mode, [fail(503)] * 21, {"max_retries": 20})
    capped = logged_delays(info_log)[4:]  # all on the 8 s cap
    assert len(set(capped)) > 1


# ---------------------------------------------------------------------------------------------
# Transport errors
# ---------------------------------------------------------------------------------------------

CONNECTION_ERRORS = [
    pytest.param(httpx.ConnectError("refused"), APIConnectionError, id="connect"),
    pytest.param(httpx.ReadTimeout("slow"), APITimeoutError, id="read-timeout"),
    pytest.param(httpx.RemoteProtocolError("peer closed"), APIConnectionError, id="protocol"),
]


@MODES
@pytest.mark.anyio
@pytest.mark.parametrize(("exc", "expected"), CONNECTION_ERRORS)
async def test_connection_errors_retried_then_raised(
    mode: str, exc: Exception, expected: Type[Exception], info_log: pytest.LogCaptureFixture
) -> None:
    result, sent = await run(mode, [exc] * 4, {"max_retries": 3})
    assert sent == 4
    assert type(result) is expected
    records = retry_records(info_log)
    assert [r.args[5] for r in records] == [type(exc).__name__] * 3  # type: ignore[index]


@MODES
@pytest.mark.anyio
async def test_mixed_failures_share_one_budget(mode: str) -> None:
    responses = [httpx.ConnectError("refused"), fail(503), httpx.ReadTimeout("slow"), ok()]
    result, sent = await run(mode, responses, {"max_retries": 2})
    assert sent == 3
    assert isinstance(result, APITimeoutError)


# ---------------------------------------------------------------------------------------------
# The deadline, with a real (tiny) wait
# ---------------------------------------------------------------------------------------------


@MODES
@pytest.mark.anyio
async def test_deadline_stops_retrying_in_real_time(mode: str) -> None:
    _retry.set_testing(False)  # really sleep: one 0.1 s wait fits in 0.15 s, a second does not
    try:
        headers = {"retry-after-ms": "100"}
        responses = [httpx.Response(503, json=ERROR_BODY, headers=headers)] * 6
        started = time.monotonic()
        result, sent = await run(mode, responses, {"max_retries": 5, "deadline": 0.15})
        elapsed = time.monotonic() - started
    finally:
        _retry.set_testing(True)
    assert isinstance(result, InternalServerError)
    assert sent == 2
    assert 0.09 <= elapsed < 0.5


# ---------------------------------------------------------------------------------------------
# The log of each retry
# ---------------------------------------------------------------------------------------------

API_KEY = "pk-SECRET-api-key-1"
AUTHORIZATION = "sk-SECRET-openai-2"
AWS_SECRET = "aws-SECRET-3"
CONFIG_SECRET = "sk-SECRET-config-4"


@MODES
@pytest.mark.anyio
async def test_retry_log_has_attempt_delay_reason_and_no_secret(
    mode: str, info_log: pytest.LogCaptureFixture
) -> None:
    info_log.set_level(logging.DEBUG, logger="portkey")
    opts = {
        "api_key": API_KEY,
        "Authorization": AUTHORIZATION,
        "aws_secret_access_key": AWS_SECRET,
        "config": {"targets": [{"provider": "openai", "api_key": CONFIG_SECRET}]},
        "max_retries": 3,
    }
    responses = [fail(503, retry_after="2"), httpx.ConnectError("refused"), fail(429), ok()]
    result, sent = await run(mode, responses, opts)
    assert result.id == "chatcmpl-ok" and sent == 4
    records = retry_records(info_log)
    assert len(records) == 3
    for number, record in enumerate(records, start=1):
        assert record.levelno == logging.INFO
        method, url, delay, attempt, most, reason = record.args  # type: ignore[misc]
        assert (method, str(url), attempt, most) == ("POST", CHAT, number, 3)
        message = record.getMessage()
        assert f"retry {number} of 3" in message
        assert f"{delay:.3f} s" in message
        assert reason in message
    assert [r.args[5] for r in records] == ["status 503", "ConnectError", "status 429"]  # type: ignore[index]
    assert records[0].args[2] == 2.0  # type: ignore[index]
    for record in info_log.records:
        text = record.getMessage()
        for secret in (API_KEY, AUTHORIZATION, AWS_SECRET, CONFIG_SECRET):
            assert secret not in text
        assert "SECRET" not in text
    assert "SECRET" not in info_log.text


# ---------------------------------------------------------------------------------------------
# Sans-I/O: parse_retry_after
# ---------------------------------------------------------------------------------------------

NOW = 1_750_000_000.0


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"retry-after": "5"}, 5.0),
        ({"retry-after": " 5 "}, 5.0),
        ({"retry-after": "0"}, 0.0),
        ({"retry-after": "2.5"}, 2.5),
        ({"retry-after": "3600"}, 3600.0),
        ({"retry-after": "-1"}, None),
        ({"retry-after": "nan"}, None),
        ({"retry-after": ""}, None),
        ({"retry-after": "soon"}, None),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "0"}, 0.0),
        ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),
        ({"retry-after-ms": "bad", "retry-after": "9"}, 9.0),
        ({"retry-after-ms": "-5", "retry-after": "9"}, 9.0),
        ({"retry-after-ms": "nan", "retry-after": "9"}, 9.0),
        ({"retry-after": email.utils.formatdate(NOW + 30, usegmt=True)}, 30.0),
        ({"retry-after": email.utils.formatdate(NOW + 3600, usegmt=True)}, 3600.0),
        ({"retry-after": email.utils.formatdate(NOW - 30, usegmt=True)}, 0.0),
        ({"retry-after": email.utils.formatdate(NOW + 30, localtime=False)}, 30.0),
        ({"Retry-After": "7"}, 7.0),
    ],
)
def test_parse_retry_after(headers: Dict[str, str], expected: Optional[float]) -> None:
    assert parse_retry_after(httpx.Headers(headers), now=NOW) == expected


def test_parse_retry_after_date_uses_the_clock() -> None:
    headers = httpx.Headers({"retry-after": http_date(20)})
    value = parse_retry_after(headers)
    assert value is not None and 18.5 <= value <= 20.5


# ---------------------------------------------------------------------------------------------
# Sans-I/O: Attempts
# ---------------------------------------------------------------------------------------------

REQUEST = httpx.Request("POST", CHAT)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def response(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, headers={k.replace("_", "-"): v for k, v in headers.items()}, request=REQUEST
    )


@pytest.mark.parametrize(
    ("resp", "retried"),
    [
        (response(200), False),
        (response(201), False),
        (response(302), False),
        (response(400), False),
        (response(401), False),
        (response(403), False),
        (response(404), False),
        (response(422), False),
        (response(408), True),
        (response(409), True),
        (response(429), True),
        (response(500), True),
        (response(502), True),
        (response(503), True),
        (response(504), True),
        (response(400, x_should_retry="true"), True),
        (response(503, x_should_retry="false"), False),
        (response(200, x_should_retry="true"), False),
        (response(503, x_portkey_retry_attempt_count="0"), True),
        (response(503, x_portkey_retry_attempt_count="1"), False),
        (response(503, x_portkey_retry_attempt_count="-1"), False),
        (response(429, retry_after="61"), False),
        (response(429, retry_after="60"), True),
    ],
    ids=lambda v: f"{v.status_code}-{dict(v.headers)}" if isinstance(v, httpx.Response) else str(v),
)
def test_attempts_decision(resp: httpx.Response, retried: bool) -> None:
    attempts = RetryPolicy(max_retries=2).attempts()
    delay = attempts.after_response(resp)
    assert (delay is not None) is retried
    assert attempts.retries_done == (1 if retried else 0)


def test_attempts_counts_retries_and_stops() -> None:
    attempts = Attempts(RetryPolicy(max_retries=3))
    delays = [attempts.after_response(response(503)) for _ in range(5)]
    assert [d is not None for d in delays] == [True, True, True, False, False]
    assert attempts.retries_done == 3


def test_attempts_transport_errors_share_the_budget() -> None:
    attempts = Attempts(RetryPolicy(max_retries=2))
    assert attempts.after_error(httpx.ConnectError("x"), REQUEST) is not None
    assert attempts.after_response(response(503)) is not None
    assert attempts.after_error(httpx.ReadTimeout("x"), REQUEST) is None


def test_attempts_zero_retries() -> None:
    attempts = Attempts(RetryPolicy(max_retries=0))
    assert attempts.after_response(response(503)) is None
    assert attempts.after_error(httpx.ConnectError("x"), REQUEST) is None


def test_attempts_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retry.random, "random", lambda: 0.0)
    attempts = Attempts(RetryPolicy(max_retries=7))
    assert [attempts.after_response(response(500)) for _ in range(7)] == SCHEDULE
    monkeypatch.setattr(_retry.random, "random", lambda: 1.0)
    attempts = Attempts(RetryPolicy(max_retries=7))
    assert [attempts.after_response(response(500)) for _ in range(7)] == [
        b * 0.75 for b in SCHEDULE
    ]


def test_attempts_retry_after_replaces_backoff() -> None:
    attempts = Attempts(RetryPolicy(max_retries=3))
    assert attempts.after_response(response(429, retry_after_ms="1234")) == 1.234
    assert attempts.after_response(response(429, retry_after="0")) == 0.0


def test_attempts_deadline_with_fake_clock() -> None:
    clock = FakeClock()
    attempts = Attempts(RetryPolicy(max_retries=10, deadline=5.0), clock)
    assert attempts.remaining() == 5.0
    assert attempts.after_response(response(503, retry_after="2")) == 2.0
    clock.now += 2.0
    assert attempts.remaining() == 3.0
    assert attempts.after_response(response(503, retry_after="2")) == 2.0
    clock.now += 2.0
    # 1 s left: a 2 s wait would pass the deadline
    assert attempts.after_response(response(503, retry_after="2")) is None
    # ... a 0.5 s one would not
    assert attempts.after_response(response(503, retry_after_ms="500")) == 0.5
    clock.now += 1.0
    assert attempts.remaining() == 0.0
    assert attempts.after_response(response(503, retry_after="0")) is None
    assert attempts.after_error(httpx.ConnectError("x"), REQUEST) is None


def test_attempts_without_deadline() -> None:
    attempts = RetryPolicy(max_retries=1).attempts(FakeClock())
    assert attempts.remaining() is None


def test_attempts_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="portkey")
    attempts = Attempts(RetryPolicy(max_retries=2))
    attempts.after_response(response(429, retry_after="1"))
    (record,) = caplog.records
    assert record.name == "portkey" and record.levelno == logging.INFO
    assert record.getMessage() == f"Retrying POST {CHAT} in 1.000 s (retry 1 of 2) after status 429"


@pytest.mark.anyio
async def test_no_sleep_mode_does_not_sleep() -> None:
    started = time.monotonic()
    _retry.sleep(30)
    await _retry.async_sleep(30)
    assert time.monotonic() - started < 1
