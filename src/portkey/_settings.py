"""What every client we build shares, whichever HTTP library it runs on: the connection limits
and one SSL context for the process. Nothing here imports httpcore (httpx2 clients never
load httpcore 1.0)."""

from __future__ import annotations

import threading
from typing import Any

import httpx

__all__ = ["DEFAULT_LIMITS", "shared_ssl_context"]

DEFAULT_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)

_lock = threading.Lock()
_ssl_context: Any = None


def shared_ssl_context() -> Any:
    """One SSL context for every client of the process, built on first need.

    Loading the CA bundle costs tens of milliseconds; the official SDK pays it per client.
    """
    global _ssl_context
    with _lock:
        if _ssl_context is None:
            _ssl_context = httpx.create_ssl_context()
        return _ssl_context
