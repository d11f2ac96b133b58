"""Progress of a long transfer, reported to the caller's ``on_progress(done_bytes, total_bytes)``
at most a few times a second (and once at the end); nothing is printed."""

from __future__ import annotations

import time
from typing import Callable, Optional

__all__ = ["OnProgress", "Progress"]

OnProgress = Callable[[int, Optional[int]], object]

_INTERVAL = 0.25  # seconds between two reports


class Progress:
    """Counts bytes; calls ``callback(done, total)`` when ``_INTERVAL`` has passed since the
    last call, and always on ``finish()``. ``total`` is None when the size is unknown."""

    __slots__ = ("_callback", "_last", "done", "total")

    def __init__(self, callback: OnProgress, total: Optional[int]) -> None:
        if not callable(callback):
            raise TypeError(f"on_progress must be callable, not {type(callback).__name__}")
        self._callback = callback
        self.total = total
        self.done = 0
        self._last = time.monotonic()

    def restart(self) -> None:
        """The transfer starts again from its beginning (a retried upload)."""
        self.done = 0

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self._last >= _INTERVAL:
            self._last = now
            self._callback(self.done, self.total)

    def finish(self) -> None:
        self._last = time.monotonic()
        self._callback(self.done, self.total)
