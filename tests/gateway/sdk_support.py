"""Running one scenario through both ``Portkey`` and ``AsyncPortkey`` against the real gateway.

A scenario is written once as an ``async def`` test taking ``mode`` ("sync" or "async"):

    async with sdk(mode, stack) as client:
        completion = await resolve(client.chat.completions.create(...))
        stream = await resolve(client.chat.completions.create(..., stream=True))
        chunks = await drain(stream)

With ``Portkey`` the call runs (blocking) at once and ``resolve`` hands back its result; with
``AsyncPortkey`` it returns an awaitable that ``resolve`` awaits. Errors surface at the same
line either way, so ``with pytest.raises(...)`` wraps both. ``drain`` reads a ``Stream``,
an ``AsyncStream`` or the generators they return (``text_deltas()``) into a list.
"""

from __future__ import annotations

import contextlib
import inspect
import json
from typing import Any, AsyncIterator, Dict, List, Tuple, Union

import httpx
import pytest

from portkey import AsyncPortkey, Portkey

from .harness import Stack

MODES = ("sync", "async")

# Every test of a scenario module runs once per client, on asyncio.
scenario_marks = [pytest.mark.anyio, pytest.mark.parametrize("mode", MODES)]

Client = Union[Portkey, AsyncPortkey]

MESSAGES = [{"role": "user", "content": "hello gateway"}]


def plain_options(stack: Stack) -> Dict[str, Any]:
    """Client options for a config-less call routed by headers to the fake upstream."""
    return {
        "provider": "openai",
        "custom_host": stack.upstream_url,
        "Authorization": "sk-fake",
    }


@contextlib.asynccontextmanager
async def sdk(mode: str, stack: Stack, *, plain: bool = True, **options: Any) -> AsyncIterator[Any]:
    """A client of the given kind on the gateway, closed afterwards.

    ``plain=True`` adds provider/custom_host/Authorization (override any of them in
    ``options``); pass ``plain=False`` with ``config=...`` for a config-routed client.
    """
    kwargs: Dict[str, Any] = dict(plain_options(stack)) if plain else {}
    kwargs.update(options)
    kwargs.setdefault("base_url", stack.gateway_url)
    if mode == "sync":
        with Portkey(**kwargs) as client:
            yield client
    elif mode == "async":
        async with AsyncPortkey(**kwargs) as client:
            yield client
    else:  # pragma: no cover
        raise ValueError(mode)


async def resolve(value: Any) -> Any:
    """The result of a sync call as it is, or of an async call awaited."""
    if inspect.isawaitable(value):
        return await value
    return value


async def drain(items: Any) -> List[Any]:
    """Everything a sync or async iterable yields."""
    if hasattr(items, "__aiter__"):
        return [item async for item in items]
    return list(items)


@contextlib.asynccontextmanager
async def recording_http_client(mode: str) -> AsyncIterator[Tuple[Any, List[httpx.Request]]]:
    """A caller-provided ``http_client`` of the kind ``mode`` needs, and the list of every
    request it sent (appended by an httpx request event hook, i.e. as it went on the wire).

    Pass it as ``sdk(mode, stack, http_client=...)``; it is closed here, not by the SDK.
    """
    sent: List[httpx.Request] = []
    if mode == "sync":
        with httpx.Client(trust_env=False, event_hooks={"request": [sent.append]}) as http:
            yield http, sent
    elif mode == "async":

        async def record(request: httpx.Request) -> None:
            sent.append(request)

        async with httpx.AsyncClient(trust_env=False, event_hooks={"request": [record]}) as http:
            yield http, sent
    else:  # pragma: no cover
        raise ValueError(mode)


def fallback_config(*targets: Dict[str, Any], **extra: Any) -> Dict[str, Any]:
    return {"strategy": {"mode": "fallback"}, "targets": list(targets), **extra}


def loadbalance_config(*targets: Dict[str, Any]) -> Dict[str, Any]:
    return {"strategy": {"mode": "loadbalance"}, "targets": list(targets)}


def sent_config(request_headers: Any) -> Dict[str, Any]:
    """The config an SDK request carried in ``x-portkey-config``, parsed."""
    return json.loads(request_headers["x-portkey-config"])  # type: ignore[no-any-return]
