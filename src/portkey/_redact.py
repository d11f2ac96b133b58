"""Keeping secrets out of errors, logs and reprs.

A header is secret when its name says it carries a credential: the Portkey api key, Authorization,
every provider credential the gateway accepts (AWS keys and tokens, ...), and the config (whose
targets may hold provider api keys).
"""

from __future__ import annotations

from typing import Iterable, List, Mapping, Tuple

import httpx

REDACTED = "<redacted>"

_SECRET_WORDS = ("key", "secret", "token", "authorization", "password", "credential", "cookie")


def is_secret_header(name: str) -> bool:
    lowered = name.lower()
    if lowered.startswith("x-portkey-"):
        lowered = lowered[10:]  # "portkey" itself contains "key"
        if lowered == "config":
            return True  # a config dict may carry provider api keys in its targets
    return any(word in lowered for word in _SECRET_WORDS)


def redact_headers(headers: Iterable[Tuple[str, str]]) -> List[Tuple[str, str]]:
    return [(k, REDACTED if is_secret_header(k) else v) for k, v in headers]


def redact_mapping(headers: Mapping[str, str]) -> dict[str, str]:
    return dict(redact_headers(headers.items()))


def redact_request(request: httpx.Request) -> httpx.Request:
    """A bodiless copy of ``request`` with secret headers redacted, safe to attach to an error."""
    return httpx.Request(
        request.method,
        request.url,
        headers=redact_headers(request.headers.multi_items()),
        extensions={},
    )
