"""``webhooks``: verify and read the events OpenAI sends to a webhook (no request is made).

The Standard Webhooks scheme, as openai-python implements it: the ``webhook-signature`` header
holds space-separated ``v1,<base64>`` entries (one must match), each an HMAC-SHA256 of
``{webhook-id}.{webhook-timestamp}.{body}``; its key is the base64 after ``whsec_`` of the
secret (a secret without that prefix is used as its UTF-8 bytes, as openai-python does); a
``webhook-timestamp`` more than ``tolerance`` seconds from now, either way, is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Iterable, List, Mapping, Optional, Tuple, Union, cast

import httpx

from .._errors import InvalidWebhookSignatureError
from ..types.webhooks import UnwrapWebhookEvent
from ._base import APIResource

__all__ = [
    "AsyncWebhooks",
    "HeadersLike",
    "InvalidWebhookSignatureError",
    "UnwrapWebhookEvent",
    "Webhooks",
    "unwrap",
    "verify_signature",
]

HeadersLike = Union[
    httpx.Headers, Mapping[str, str], Mapping[bytes, bytes], Iterable[Tuple[str, str]]
]
"""A request's headers: a dict, ``httpx.Headers`` or a list of pairs (names of any case)."""

DEFAULT_TOLERANCE = 300  # seconds, as openai-python


def _text(value: Union[str, bytes]) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def _header(headers: HeadersLike, name: str) -> str:
    """The one value of header ``name`` (case-insensitive); the ``webhook-signature`` values
    of several headers are joined, as each holds a space-separated list."""
    values: List[str]
    if isinstance(headers, httpx.Headers):
        values = headers.get_list(name)
    else:
        pairs = headers.items() if isinstance(headers, Mapping) else headers
        values = []
        for key, value in cast(Iterable[Tuple[Union[str, bytes], Union[str, bytes]]], pairs):
            if _text(key).lower() == name:
                values.append(_text(value))
    values = [v.strip() for v in values if v and v.strip()]
    if not values:
        raise InvalidWebhookSignatureError(
            f"Could not find {name} header", reason="missing_header", header=name
        )
    if name == "webhook-signature":
        return " ".join(values)
    if len(set(values)) > 1:
        raise InvalidWebhookSignatureError(
            f"The {name} header is given {len(values)} times with different values",
            reason="duplicate_header",
            header=name,
        )
    return values[0]


def _body(payload: Union[str, bytes]) -> bytes:
    if isinstance(payload, str):
        return payload.encode("utf-8")
    if isinstance(payload, (bytes, bytearray, memoryview)):
        return bytes(payload)
    raise TypeError(
        "the webhook payload must be the raw request body (str or bytes), not "
        f"{type(payload).__name__}: a parsed and re-serialised body no longer matches its signature"
    )


def _key(secret: Optional[str]) -> bytes:
    if not secret:  # None or "": an empty key would accept anyone's signature
        raise InvalidWebhookSignatureError(
            "The webhook secret must either be set using the env var, OPENAI_WEBHOOK_SECRET, "
            "on the client class, Portkey(webhook_secret='123'), or passed to this function",
            reason="no_secret",
        )
    if not isinstance(secret, str):
        raise TypeError(f"the webhook secret must be a str, not {type(secret).__name__}")
    if secret.startswith("whsec_"):
        try:
            return base64.b64decode(secret[6:])
        except (binascii.Error, ValueError):
            # Never the secret itself in the message: only what is wrong with it.
            raise InvalidWebhookSignatureError(
                "The webhook secret starts with whsec_ but the rest is not valid base64",
                reason="invalid_secret",
            ) from None
    return secret.encode("utf-8")


def verify_signature(
    payload: Union[str, bytes],
    headers: HeadersLike,
    secret: Optional[str],
    tolerance: int = DEFAULT_TOLERANCE,
) -> None:
    """Check ``payload`` against its headers; raise ``InvalidWebhookSignatureError`` naming the
    check that failed (``.reason``)."""
    body = _body(payload)
    key = _key(secret)
    signature_header = _header(headers, "webhook-signature")
    timestamp = _header(headers, "webhook-timestamp")
    webhook_id = _header(headers, "webhook-id")

    # Replay protection: the timestamp is part of what is signed, so it cannot be moved.
    try:
        timestamp_seconds = int(timestamp)
    except ValueError:
        raise InvalidWebhookSignatureError(
            "Invalid webhook timestamp format",
            reason="invalid_timestamp",
            header="webhook-timestamp",
        ) from None
    now = int(time.time())
    if now - timestamp_seconds > tolerance:
        raise InvalidWebhookSignatureError(
            f"Webhook timestamp is too old ({now - timestamp_seconds} s > {tolerance} s)",
            reason="timestamp_too_old",
            header="webhook-timestamp",
        )
    if timestamp_seconds > now + tolerance:
        raise InvalidWebhookSignatureError(
            f"Webhook timestamp is too new ({timestamp_seconds - now} s > {tolerance} s ahead)",
            reason="timestamp_too_new",
            header="webhook-timestamp",
        )

    # Entries are "v1,<base64>"; as openai-python, a bare entry is compared too (it can only
    # match the expected base64 if it is that very signature).
    candidates = [p[3:] if p.startswith("v1,") else p for p in signature_header.split()]
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest())
    # compare_digest on bytes: constant time, and no error for non-ASCII entries.
    if not any(hmac.compare_digest(expected, c.encode("utf-8")) for c in candidates):
        raise InvalidWebhookSignatureError(
            "The given webhook signature does not match the expected signature",
            reason="no_matching_signature",
            header="webhook-signature",
        )


def unwrap(
    payload: Union[str, bytes], headers: HeadersLike, secret: Optional[str]
) -> UnwrapWebhookEvent:
    """Verify ``payload``, then read it as a typed event (a ``GenericModel`` for an event type
    this SDK does not know)."""
    verify_signature(payload, headers, secret)
    from .._convert import structure

    try:
        data = json.loads(_body(payload))
    except ValueError:  # JSONDecodeError, UnicodeDecodeError
        raise InvalidWebhookSignatureError(
            "The webhook payload is not valid JSON", reason="invalid_payload"
        ) from None
    if not isinstance(data, dict):
        raise InvalidWebhookSignatureError(
            f"The webhook payload is JSON but not an object ({type(data).__name__})",
            reason="invalid_payload",
        )
    try:
        return cast(UnwrapWebhookEvent, structure(data, UnwrapWebhookEvent))  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise InvalidWebhookSignatureError(
            f"The webhook payload is not a valid event: {exc}", reason="invalid_payload"
        ) from None


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncWebhooks(APIResource):
    # Plain methods (as openai-python's AsyncWebhooks): verifying does no I/O.

    def unwrap(
        self,
        payload: Union[str, bytes],
        headers: HeadersLike,
        *,
        secret: Optional[str] = None,
    ) -> UnwrapWebhookEvent:
        """Verify that ``payload`` was sent by OpenAI (see ``verify_signature``) and read it
        as a typed event."""
        return unwrap(payload, headers, self._client.webhook_secret if secret is None else secret)

    def verify_signature(
        self,
        payload: Union[str, bytes],
        headers: HeadersLike,
        *,
        secret: Optional[str] = None,
        tolerance: int = DEFAULT_TOLERANCE,
    ) -> None:
        """Verify that ``payload`` (the raw body) was sent by OpenAI: its ``webhook-*``
        headers, signed with ``secret`` (default: the client's ``webhook_secret``, from
        ``OPENAI_WEBHOOK_SECRET``), at most ``tolerance`` seconds from now. Raises
        ``InvalidWebhookSignatureError`` (a ``ValueError``)."""
        verify_signature(
            payload, headers, self._client.webhook_secret if secret is None else secret, tolerance
        )


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class Webhooks(APIResource):
    # Plain methods (as openai-python's Webhooks): verifying does no I/O.

    def unwrap(
        self,
        payload: Union[str, bytes],
        headers: HeadersLike,
        *,
        secret: Optional[str] = None,
    ) -> UnwrapWebhookEvent:
        """Verify that ``payload`` was sent by OpenAI (see ``verify_signature``) and read it
        as a typed event."""
        return unwrap(payload, headers, self._client.webhook_secret if secret is None else secret)

    def verify_signature(
        self,
        payload: Union[str, bytes],
        headers: HeadersLike,
        *,
        secret: Optional[str] = None,
        tolerance: int = DEFAULT_TOLERANCE,
    ) -> None:
        """Verify that ``payload`` (the raw body) was sent by OpenAI: its ``webhook-*``
        headers, signed with ``secret`` (default: the client's ``webhook_secret``, from
        ``OPENAI_WEBHOOK_SECRET``), at most ``tolerance`` seconds from now. Raises
        ``InvalidWebhookSignatureError`` (a ``ValueError``)."""
        verify_signature(
            payload, headers, self._client.webhook_secret if secret is None else secret, tolerance
        )
