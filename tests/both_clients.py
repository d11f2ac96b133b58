"""Run one test body on ``Portkey`` and ``AsyncPortkey`` alike: the tests parametrized over
``mode`` ("sync" or "async") call an endpoint, list a page and read what was sent through these."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Tuple

import httpx
import respx

from portkey import AsyncPortkey, Portkey

BASE = "http://gateway.test/v1"


async def call(
    mode: str,
    path: str,
    *args: Any,
    base_url: str = BASE,
    client_kwargs: Optional[Dict[str, Any]] = None,
    **kwargs: Any,
) -> Any:
    """``client.<path>(*args, **kwargs)`` on a fresh sync or async client (awaited when async)."""
    cls = Portkey if mode == "sync" else AsyncPortkey
    target: Any = cls(base_url=base_url, **(client_kwargs or {}))
    for part in path.split("."):
        target = getattr(target, part)
    result = target(*args, **kwargs)
    return await result if mode == "async" else result


async def items(mode: str, page: Any) -> List[Any]:
    """Every item of a listing, following its pages."""
    if mode == "sync":
        return list(page)
    return [item async for item in page]


def request_sent(request: httpx.Request, base_url: str = BASE) -> Tuple[str, str, Any]:
    """A request as (method, URL after ``base_url``, JSON body or None)."""
    body = json.loads(request.content) if request.content else None
    return request.method, str(request.url).replace(base_url, ""), body


def sent(route: respx.Route, base_url: str = BASE) -> Tuple[str, str, Any]:
    """The route's last request as (method, URL after ``base_url``, JSON body or None)."""
    return request_sent(route.calls.last.request, base_url)


def sent_body(route: respx.Route) -> Any:
    """The JSON body of the route's last request (None when it had none)."""
    content = route.calls.last.request.content
    return json.loads(content) if content else None
