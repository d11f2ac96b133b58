"""respx for the httpx2 test run (``PORTKEY_HTTP_BACKEND=httpx2``): respx intercepts httpx's
transport (httpcore); here its default mocker also intercepts httpcore2's, so every respx test
drives our client's httpx2 transport unchanged. Test support only."""

from __future__ import annotations

from typing import Any

import httpcore2
from respx.mocks import HTTPCoreMocker

_TARGETS = [
    "httpcore2._sync.connection.HTTPConnection",
    "httpcore2._sync.connection_pool.ConnectionPool",
    "httpcore2._sync.http_proxy.HTTPProxy",
    "httpcore2._async.connection.AsyncHTTPConnection",
    "httpcore2._async.connection_pool.AsyncConnectionPool",
    "httpcore2._async.http_proxy.AsyncHTTPProxy",
]


def install() -> None:
    """Make respx's default mocker patch httpcore2 as well as httpcore."""
    HTTPCoreMocker.add_targets(*_TARGETS)
    plain = HTTPCoreMocker.from_sync_httpx_response.__func__  # type: ignore[attr-defined]

    def from_sync_httpx_response(cls: Any, httpx_response: Any, target: Any, **kwargs: Any) -> Any:
        if type(target).__module__.startswith("httpcore2"):  # a pool of httpcore2
            return httpcore2.Response(
                status=httpx_response.status_code,
                headers=httpx_response.headers.raw,
                content=httpx_response.stream,
                extensions=httpx_response.extensions,
            )
        return plain(cls, httpx_response, target, **kwargs)

    HTTPCoreMocker.from_sync_httpx_response = classmethod(from_sync_httpx_response)  # type: ignore[method-assign,assignment]
