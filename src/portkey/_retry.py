"""The retry policy, written once and free of I/O.

``Attempts`` looks at the outcome of one attempt (a response or a transport exception) and
answers with the seconds to wait before the next attempt, or None to stop. The sync and the
async client each drive it with a loop of a few lines (``_client.py``).

Rules:
- retried: connection errors and timeouts; statuses 408, 409, 429 and >= 500;
- ``x-should-retry: true|false`` from the server overrides the status rule;
- no retry amplification: a response carrying ``x-portkey-retry-attempt-count`` other than
  ``0`` comes from a gateway that already retried (``-1``: it exhausted its retries), so we
  do not retry it again;
- the wait: ``retry-after-ms`` or ``retry-after`` (seconds or an HTTP date) when given and
  at most 60 s; a longer requested wait stops at once (the error carries ``retry_after``);
  otherwise exponential backoff, 0.5 s doubling up to 8 s, minus up to 25 % jitter;
- at most ``max_retries`` retries, and never past the optional total ``deadline``.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from typing import Callable, Optional

import httpx

__all__ = ["Attempts", "RetryPolicy", "parse_retry_after", "set_testing"]

log = logging.getLogger("portkey")

INITIAL_DELAY = 0.5
MAX_DELAY = 8.0
JITTER = 0.25
MAX_RETRY_AFTER = 60.0

_testing = False


def set_testing(enabled: bool) -> None:
    """Test mode (as in stamina): waits are computed and logged, but not slept."""
    global _testing
    _testing = enabled


def sleep(seconds: float) -> None:
    if not _testing and seconds > 0:
        time.sleep(seconds)


async def async_sleep(seconds: float) -> None:
    if not _testing and seconds > 0:
        import asyncio  # here, not at module level: it costs ~18 ms of import time

        await asyncio.sleep(seconds)


def parse_retry_after(headers: httpx.Headers, now: Optional[float] = None) -> Optional[float]:
    """Seconds the server asks us to wait, from ``retry-after-ms`` or ``retry-after``."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms is not None:
        try:
            ms = float(raw_ms)
        except ValueError:
            pass
        else:
            if ms >= 0 and ms == ms:  # not NaN
                return ms / 1000.0
    raw = headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        seconds = float(raw)
    except ValueError:
        parsed = email.utils.parsedate_tz(raw)
        if parsed is None:
            return None
        seconds = email.utils.mktime_tz(parsed) - (time.time() if now is None else now)
        return max(seconds, 0.0)
    return seconds if seconds >= 0 and seconds == seconds else None


def _is_retryable_status(status: int) -> bool:
    return status in (408, 409, 429) or status >= 500


class RetryPolicy:
    """How many times to retry, and within which total time."""

    __slots__ = ("deadline", "max_retries")

    def __init__(self, max_retries: int, deadline: Optional[float] = None) -> None:
        self.max_retries = max_retries
        self.deadline = deadline

    def attempts(self, clock: Callable[[], float] = time.monotonic) -> Attempts:
        return Attempts(self, clock)


class Attempts:
    """The state of one call's attempts."""

    __slots__ = ("_clock", "_ends_at", "policy", "retries_done")

    def __init__(self, policy: RetryPolicy, clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy
        self.retries_done = 0
        self._clock = clock
        self._ends_at = None if policy.deadline is None else clock() + policy.deadline

    def remaining(self) -> Optional[float]:
        """Seconds left before the total deadline, or None without one."""
        if self._ends_at is None:
            return None
        return self._ends_at - self._clock()

    def after_response(self, response: httpx.Response) -> Optional[float]:
        """The wait before retrying this response, or None to hand it to the caller."""
        status = response.status_code
        if status < 400:
            return None
        headers = response.headers
        should = headers.get("x-should-retry")
        if should == "false":
            return None
        gateway_retries = headers.get("x-portkey-retry-attempt-count")
        if gateway_retries is not None and gateway_retries.strip() not in ("", "0"):
            return None  # the gateway already retried: do not multiply its attempts
        if should != "true" and not _is_retryable_status(status):
            return None
        retry_after = parse_retry_after(headers)
        if retry_after is not None and retry_after > MAX_RETRY_AFTER:
            return None
        return self._next(f"status {status}", retry_after, response.request)

    def after_error(self, exc: Exception, request: httpx.Request) -> Optional[float]:
        """The wait before retrying after a transport error, or None to raise it."""
        return self._next(type(exc).__name__, None, request)

    def _next(
        self, reason: str, retry_after: Optional[float], request: httpx.Request
    ) -> Optional[float]:
        if self.retries_done >= self.policy.max_retries:
            return None
        if retry_after is not None:
            delay = retry_after
        else:
            delay = min(INITIAL_DELAY * 2.0**self.retries_done, MAX_DELAY)
            delay *= 1.0 - JITTER * random.random()
        remaining = self.remaining()
        if remaining is not None and delay >= remaining:
            return None
        self.retries_done += 1
        log.info(
            "Retrying %s %s in %.3f s (retry %d of %d) after %s",
            request.method,
            request.url,
            delay,
            self.retries_done,
            self.policy.max_retries,
            reason,
        )
        return delay
