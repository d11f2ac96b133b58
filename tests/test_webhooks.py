"""``client.webhooks.verify_signature`` / ``unwrap``: the Standard Webhooks scheme as
openai-python implements it. Signatures are computed here with hmac/hashlib/base64 directly,
and checked against two published vectors (provenance beside each)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any, Dict, List, Optional, Tuple, Union

import httpx
import pytest

from portkey import AsyncPortkey, Portkey
from portkey._errors import InvalidWebhookSignatureError, PortkeyError
from portkey.types._support import GenericModel
from portkey.types.webhooks import (
    BatchCompletedWebhookEvent,
    RealtimeCallIncomingWebhookEvent,
    ResponseCompletedWebhookEvent,
)

KEY = bytes(range(32))  # the raw HMAC key
SECRET = "whsec_" + base64.b64encode(KEY).decode()
EVENT = {
    "id": "evt_1",
    "object": "event",
    "created_at": 1719168000,
    "type": "batch.completed",
    "data": {"id": "batch_abc123"},
}
BODY = json.dumps(EVENT)

# openai-python's tests/api_resources/test_webhooks.py (openai/openai-python, the constants
# "matches TypeScript implementation"; the same vector is in the Go, Java, Ruby SDK tests).
OPENAI_SECRET = "whsec_RdvaYFYUXuIFuEbvZHwMfYFhUf7aMYjYcmM24+Aj40c="
OPENAI_PAYLOAD = (
    '{"id": "evt_685c059ae3a481909bdc86819b066fb6", "object": "event", "created_at": '
    '1750861210, "type": "response.completed", "data": {"id": "resp_123"}}'
)
OPENAI_TIMESTAMP = 1750861210
OPENAI_WEBHOOK_ID = "wh_685c059ae39c8190af8c71ed1022a24d"
OPENAI_SIGNATURE = "v1,gUAg4R2hWouRZqRQG4uJypNS8YK885G838+EHb4nKBY="

# The Standard Webhooks reference library's test_sign_function
# (standard-webhooks/standard-webhooks, libraries/python/tests/test_webhooks.py).
STD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
STD_MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
STD_TIMESTAMP = 1614265330
STD_PAYLOAD = '{"test": 2432232314}'
STD_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

Client = Union[Portkey, AsyncPortkey]


@pytest.fixture(autouse=True)
def _no_env_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_WEBHOOK_SECRET", raising=False)


@pytest.fixture(params=["sync", "async"])
def client(request: pytest.FixtureRequest) -> Client:
    cls = Portkey if request.param == "sync" else AsyncPortkey
    return cls(api_key="pk", base_url="http://localhost:8787/v1")


def sign(key: bytes, msg_id: str, timestamp: Union[int, str], body: Union[str, bytes]) -> str:
    raw = body if isinstance(body, bytes) else body.encode()
    signed = f"{msg_id}.{timestamp}.".encode() + raw
    return base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def headers_for(
    body: Union[str, bytes] = BODY,
    *,
    key: bytes = KEY,
    msg_id: str = "msg_1",
    timestamp: Optional[int] = None,
) -> Dict[str, str]:
    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(ts),
        "webhook-signature": "v1," + sign(key, msg_id, ts, body),
    }


def failure(client: Client, payload: Any, headers: Any, **kw: Any) -> InvalidWebhookSignatureError:
    with pytest.raises(InvalidWebhookSignatureError) as info:
        client.webhooks.verify_signature(payload, headers, **kw)
    err = info.value
    assert isinstance(err, PortkeyError) and isinstance(err, ValueError)
    for secret_text in (SECRET, SECRET[6:], KEY.hex(), OPENAI_SECRET, OPENAI_SECRET[6:]):
        assert secret_text not in str(err) and secret_text not in repr(err)
    return err


# -- published vectors ----------------------------------------------------------------------


def test_openai_vector(client: Client) -> None:
    headers = {
        "webhook-id": OPENAI_WEBHOOK_ID,
        "webhook-timestamp": str(OPENAI_TIMESTAMP),
        "webhook-signature": OPENAI_SIGNATURE,
    }
    # The vector is dated: widen the tolerance to reach it instead of moving the clock.
    tolerance = int(time.time()) - OPENAI_TIMESTAMP + 3600
    client.webhooks.verify_signature(
        OPENAI_PAYLOAD, headers, secret=OPENAI_SECRET, tolerance=tolerance
    )
    client.webhooks.verify_signature(
        OPENAI_PAYLOAD.encode(), headers, secret=OPENAI_SECRET, tolerance=tolerance
    )
    # Our own HMAC gives the published signature too.
    key = base64.b64decode(OPENAI_SECRET[6:])
    assert "v1," + sign(key, OPENAI_WEBHOOK_ID, OPENAI_TIMESTAMP, OPENAI_PAYLOAD) == (
        OPENAI_SIGNATURE
    )
    # With the default tolerance the same headers are too old.
    err = failure(client, OPENAI_PAYLOAD, headers, secret=OPENAI_SECRET)
    assert err.reason == "timestamp_too_old"


def test_standard_webhooks_vector(client: Client) -> None:
    headers = {
        "webhook-id": STD_MSG_ID,
        "webhook-timestamp": str(STD_TIMESTAMP),
        "webhook-signature": STD_SIGNATURE,
    }
    tolerance = int(time.time()) - STD_TIMESTAMP + 3600
    client.webhooks.verify_signature(STD_PAYLOAD, headers, secret=STD_SECRET, tolerance=tolerance)
    # One bit of the payload changed: refused.
    err = failure(
        client, STD_PAYLOAD.replace("4", "5"), headers, secret=STD_SECRET, tolerance=tolerance
    )
    assert err.reason == "no_matching_signature"


# -- signatures -----------------------------------------------------------------------------


def test_valid_signature_str_and_bytes(client: Client) -> None:
    headers = headers_for()
    assert client.webhooks.verify_signature(BODY, headers, secret=SECRET) is None
    assert client.webhooks.verify_signature(BODY.encode(), headers, secret=SECRET) is None


def test_non_ascii_body_is_signed_as_utf8(client: Client) -> None:
    body = json.dumps({**EVENT, "id": "évt_☃"}, ensure_ascii=False)
    headers = headers_for(body.encode("utf-8"))
    client.webhooks.verify_signature(body, headers, secret=SECRET)
    client.webhooks.verify_signature(body.encode("utf-8"), headers, secret=SECRET)


def test_one_of_several_signatures_matches(client: Client) -> None:
    headers = headers_for()
    other = sign(b"another key", "msg_1", headers["webhook-timestamp"], BODY)
    good = headers["webhook-signature"]
    for value in (
        f"v1,{other} {good}",
        f"{good} v1,{other}",
        f"v1a,{other} v1,bm90IGEgc2ln {good}",  # another version and a wrong one first
        f"  v1,{other}   {good}  ",
    ):
        client.webhooks.verify_signature(
            BODY, {**headers, "webhook-signature": value}, secret=SECRET
        )


def test_signature_without_prefix_is_compared_too(client: Client) -> None:
    """As openai-python: a bare base64 entry is a candidate as well."""
    headers = headers_for()
    bare = headers["webhook-signature"][3:]
    client.webhooks.verify_signature(BODY, {**headers, "webhook-signature": bare}, secret=SECRET)


def test_no_signature_matches(client: Client) -> None:
    headers = headers_for()
    other = sign(b"another key", "msg_1", headers["webhook-timestamp"], BODY)
    err = failure(client, BODY, {**headers, "webhook-signature": f"v1,{other} v1,x"}, secret=SECRET)
    assert err.reason == "no_matching_signature" and err.header == "webhook-signature"
    assert "does not match" in str(err)


def test_wrong_secret(client: Client) -> None:
    wrong = "whsec_" + base64.b64encode(b"\x01" * 32).decode()
    err = failure(client, BODY, headers_for(), secret=wrong)
    assert err.reason == "no_matching_signature"
    assert wrong not in str(err) and wrong[6:] not in str(err)


def test_tampered_body_id_or_timestamp(client: Client) -> None:
    headers = headers_for()
    assert failure(client, BODY + " ", headers, secret=SECRET).reason == "no_matching_signature"
    tampered = BODY.replace("batch_abc123", "batch_abc124")
    assert failure(client, tampered, headers, secret=SECRET).reason == "no_matching_signature"
    moved = {**headers, "webhook-id": "msg_2"}
    assert failure(client, BODY, moved, secret=SECRET).reason == "no_matching_signature"
    later = {**headers, "webhook-timestamp": str(int(headers["webhook-timestamp"]) + 1)}
    assert failure(client, BODY, later, secret=SECRET).reason == "no_matching_signature"


def test_secret_without_prefix_is_its_utf8_bytes(client: Client) -> None:
    """As openai-python (unlike the Standard Webhooks library, which base64-decodes it)."""
    plain = "my plain secret"
    client.webhooks.verify_signature(BODY, headers_for(key=plain.encode()), secret=plain)
    err = failure(client, BODY, headers_for(key=plain.encode()), secret=SECRET)
    assert err.reason == "no_matching_signature"


def test_secret_not_base64(client: Client) -> None:
    bad = "whsec_abc"  # 3 characters: incorrect padding
    err = failure(client, BODY, headers_for(), secret=bad)
    assert err.reason == "invalid_secret" and "abc" not in str(err)


# -- headers --------------------------------------------------------------------------------


def test_headers_any_case_dict_httpx_or_pairs(client: Client) -> None:
    headers = headers_for()
    shouted = {k.upper(): v for k, v in headers.items()}
    titled = {k.title(): v for k, v in headers.items()}  # Webhook-Id, ...
    pairs: List[Tuple[str, str]] = list(shouted.items())
    for given in (shouted, titled, httpx.Headers(headers), pairs, tuple(pairs)):
        client.webhooks.verify_signature(BODY, given, secret=SECRET)
    as_bytes = {k.encode(): v.encode() for k, v in headers.items()}
    client.webhooks.verify_signature(BODY, as_bytes, secret=SECRET)


def test_signature_header_given_twice(client: Client) -> None:
    headers = headers_for()
    other = sign(b"another key", "msg_1", headers["webhook-timestamp"], BODY)
    pairs = [("Webhook-Signature", "v1," + other), *headers.items()]  # the good one second
    client.webhooks.verify_signature(BODY, pairs, secret=SECRET)
    client.webhooks.verify_signature(BODY, httpx.Headers(pairs), secret=SECRET)


def test_id_given_twice_with_different_values(client: Client) -> None:
    pairs = [*headers_for().items(), ("webhook-id", "msg_2")]
    err = failure(client, BODY, pairs, secret=SECRET)
    assert err.reason == "duplicate_header" and err.header == "webhook-id"


@pytest.mark.parametrize("name", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_missing_header(client: Client, name: str) -> None:
    headers = headers_for()
    del headers[name]
    err = failure(client, BODY, headers, secret=SECRET)
    assert err.reason == "missing_header" and err.header == name
    assert str(err) == f"Could not find {name} header"  # openai-python's message
    empty = {**headers_for(), name: ""}
    assert failure(client, BODY, empty, secret=SECRET).header == name


@pytest.mark.parametrize("value", ["soon", "1.5e9", "", "0x10"])
def test_timestamp_not_an_integer(client: Client, value: str) -> None:
    headers = {**headers_for(), "webhook-timestamp": value}
    err = failure(client, BODY, headers, secret=SECRET)
    assert err.reason == ("missing_header" if value == "" else "invalid_timestamp")


# -- tolerance ------------------------------------------------------------------------------


def test_timestamp_too_old_and_too_new(client: Client) -> None:
    now = int(time.time())
    old = failure(client, BODY, headers_for(timestamp=now - 400), secret=SECRET)
    assert old.reason == "timestamp_too_old" and "too old" in str(old)
    new = failure(client, BODY, headers_for(timestamp=now + 400), secret=SECRET)
    assert new.reason == "timestamp_too_new" and "too new" in str(new)
    # Well inside the default 300 s either way: accepted.
    client.webhooks.verify_signature(BODY, headers_for(timestamp=now - 200), secret=SECRET)
    client.webhooks.verify_signature(BODY, headers_for(timestamp=now + 200), secret=SECRET)


def test_custom_tolerance(client: Client) -> None:
    now = int(time.time())
    headers = headers_for(timestamp=now - 400)
    client.webhooks.verify_signature(BODY, headers, secret=SECRET, tolerance=600)
    err = failure(client, BODY, headers_for(timestamp=now - 60), secret=SECRET, tolerance=10)
    assert err.reason == "timestamp_too_old"
    err = failure(client, BODY, headers_for(timestamp=now + 60), secret=SECRET, tolerance=10)
    assert err.reason == "timestamp_too_new"


def test_timestamp_is_checked_before_the_signature(client: Client) -> None:
    """A replayed old message is refused as old even when its signature is valid."""
    headers = headers_for(timestamp=int(time.time()) - 3600)
    assert failure(client, BODY, headers, secret=SECRET).reason == "timestamp_too_old"


# -- the secret -----------------------------------------------------------------------------


def test_no_secret(client: Client) -> None:
    for secret in (None, ""):
        err = failure(client, BODY, headers_for(), secret=secret)
        assert err.reason == "no_secret"
        assert "The webhook secret must either be set" in str(err)  # openai-python's words
    with pytest.raises(InvalidWebhookSignatureError) as info:
        client.webhooks.unwrap(BODY, headers_for())
    assert info.value.reason == "no_secret"


@pytest.mark.parametrize("cls", [Portkey, AsyncPortkey])
def test_client_secret_and_override(cls: Any) -> None:
    client = cls(webhook_secret=SECRET)
    client.webhooks.verify_signature(BODY, headers_for())
    other = "whsec_" + base64.b64encode(b"other").decode()
    err = failure(client, BODY, headers_for(), secret=other)
    assert err.reason == "no_matching_signature"
    assert client.with_options(api_key="x").webhook_secret == SECRET
    assert client.with_options(webhook_secret=other).webhook_secret == other
    assert SECRET not in repr(client) and SECRET[6:] not in repr(client)


@pytest.mark.parametrize("cls", [Portkey, AsyncPortkey])
def test_secret_from_env(cls: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_WEBHOOK_SECRET", SECRET)
    client = cls()
    assert client.webhook_secret == SECRET
    client.webhooks.verify_signature(BODY, headers_for())
    event = client.webhooks.unwrap(BODY, headers_for())
    assert isinstance(event, BatchCompletedWebhookEvent)
    # A secret passed to the client wins over the environment.
    plain = "given"
    assert cls(webhook_secret=plain).webhook_secret == plain
    # Read when the client is made, as openai-python.
    monkeypatch.delenv("OPENAI_WEBHOOK_SECRET")
    client.webhooks.verify_signature(BODY, headers_for())
    assert cls().webhook_secret is None


def test_secret_is_not_a_header() -> None:
    client = Portkey(api_key="pk", webhook_secret=SECRET)
    assert not [v for v in client.custom_headers.values() if SECRET in v or SECRET[6:] in v]
    assert not [k for k in client.custom_headers if "webhook" in k.lower()]


# -- unwrap ---------------------------------------------------------------------------------


def test_unwrap_typed_event(client: Client) -> None:
    event = client.webhooks.unwrap(BODY, headers_for(), secret=SECRET)
    assert isinstance(event, BatchCompletedWebhookEvent)
    assert (event.id, event.created_at, event.type, event.data.id) == (
        "evt_1",
        1719168000,
        "batch.completed",
        "batch_abc123",
    )
    from_bytes = client.webhooks.unwrap(BODY.encode(), headers_for(), secret=SECRET)
    assert from_bytes.to_dict() == EVENT


def test_unwrap_openai_vector(client: Client) -> None:
    headers = {
        "webhook-id": OPENAI_WEBHOOK_ID,
        "webhook-timestamp": str(OPENAI_TIMESTAMP),
        "webhook-signature": OPENAI_SIGNATURE,
    }
    # unwrap has no tolerance argument (as openai-python): sign the vector's body anew.
    key = base64.b64decode(OPENAI_SECRET[6:])
    now = int(time.time())
    headers = {**headers, "webhook-timestamp": str(now)}
    headers["webhook-signature"] = "v1," + sign(key, OPENAI_WEBHOOK_ID, now, OPENAI_PAYLOAD)
    event = client.webhooks.unwrap(OPENAI_PAYLOAD, headers, secret=OPENAI_SECRET)
    assert isinstance(event, ResponseCompletedWebhookEvent)
    assert (event.id, event.created_at, event.data.id) == (
        "evt_685c059ae3a481909bdc86819b066fb6",
        1750861210,
        "resp_123",
    )


# openai-python's UnwrapWebhookEvent members: event type -> class name.
OPENAI_EVENT_CLASSES = {
    "batch.cancelled": "BatchCancelledWebhookEvent",
    "batch.completed": "BatchCompletedWebhookEvent",
    "batch.expired": "BatchExpiredWebhookEvent",
    "batch.failed": "BatchFailedWebhookEvent",
    "eval.run.canceled": "EvalRunCanceledWebhookEvent",
    "eval.run.failed": "EvalRunFailedWebhookEvent",
    "eval.run.succeeded": "EvalRunSucceededWebhookEvent",
    "fine_tuning.job.cancelled": "FineTuningJobCancelledWebhookEvent",
    "fine_tuning.job.failed": "FineTuningJobFailedWebhookEvent",
    "fine_tuning.job.succeeded": "FineTuningJobSucceededWebhookEvent",
    "realtime.call.incoming": "RealtimeCallIncomingWebhookEvent",
    "response.cancelled": "ResponseCancelledWebhookEvent",
    "response.completed": "ResponseCompletedWebhookEvent",
    "response.failed": "ResponseFailedWebhookEvent",
    "response.incomplete": "ResponseIncompleteWebhookEvent",
}


@pytest.mark.parametrize("event_type", sorted(OPENAI_EVENT_CLASSES))
def test_unwrap_every_openai_event_type(event_type: str) -> None:
    body = json.dumps({**EVENT, "type": event_type, "data": {"id": "x_1"}})
    event = Portkey(webhook_secret=SECRET).webhooks.unwrap(body, headers_for(body))
    assert type(event).__name__ == OPENAI_EVENT_CLASSES[event_type]
    assert event.type == event_type


def test_unwrap_nested_data() -> None:
    body = json.dumps(
        {
            **EVENT,
            "type": "realtime.call.incoming",
            "data": {"call_id": "rtc_1", "sip_headers": [{"name": "CSeq", "value": "1 INVITE"}]},
        }
    )
    event = AsyncPortkey(webhook_secret=SECRET).webhooks.unwrap(body, headers_for(body))
    assert isinstance(event, RealtimeCallIncomingWebhookEvent)
    assert event.data.call_id == "rtc_1"
    assert [(h.name, h.value) for h in event.data.sip_headers] == [("CSeq", "1 INVITE")]


def test_unwrap_unknown_event_type(client: Client) -> None:
    body = json.dumps({**EVENT, "type": "video.completed", "data": {"id": "video_1"}, "n": 1})
    event: Any = client.webhooks.unwrap(body, headers_for(body), secret=SECRET)
    assert isinstance(event, GenericModel)
    assert event.type == "video.completed"
    assert event.to_dict() == {
        **EVENT,
        "type": "video.completed",
        "data": {"id": "video_1"},
        "n": 1,
    }


def test_unwrap_keeps_unknown_fields(client: Client) -> None:
    body = json.dumps({**EVENT, "new_field": [1, 2]})
    event = client.webhooks.unwrap(body, headers_for(body), secret=SECRET)
    assert isinstance(event, BatchCompletedWebhookEvent)
    assert event.to_dict()["new_field"] == [1, 2]


def test_unwrap_verifies_first(client: Client) -> None:
    headers = headers_for()
    with pytest.raises(InvalidWebhookSignatureError) as info:
        client.webhooks.unwrap(BODY.replace("evt_1", "evt_2"), headers, secret=SECRET)
    assert info.value.reason == "no_matching_signature"


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '"text"', b"\xff\xfe{}"])
def test_unwrap_signed_but_not_an_event(client: Client, body: Union[str, bytes]) -> None:
    with pytest.raises(InvalidWebhookSignatureError) as info:
        client.webhooks.unwrap(body, headers_for(body), secret=SECRET)
    assert info.value.reason == "invalid_payload"


def test_payload_of_wrong_type(client: Client) -> None:
    with pytest.raises(TypeError, match="raw request body"):
        client.webhooks.verify_signature(EVENT, headers_for(), secret=SECRET)  # type: ignore[arg-type]


def test_names() -> None:
    import portkey
    from portkey.resources.webhooks import AsyncWebhooks, Webhooks

    assert portkey.Webhooks is Webhooks and portkey.AsyncWebhooks is AsyncWebhooks
    assert type(Portkey().webhooks) is Webhooks
    assert type(AsyncPortkey().webhooks) is AsyncWebhooks
