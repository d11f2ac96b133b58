"""Blocking file I/O for the async client, run in a worker thread so it never blocks the
event loop (asyncio or trio: anyio, which httpx already depends on, is loaded on first use)."""

from __future__ import annotations

from typing import Any, Callable

__all__ = ["in_thread"]


async def in_thread(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` in a worker thread."""
    import anyio.to_thread

    return await anyio.to_thread.run_sync(fn, *args)
