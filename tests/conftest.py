"""Shared test settings: async tests run on asyncio through anyio's pytest plugin."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

from portkey import _retry

FIXTURES = Path(__file__).parent / "fixtures"

# The httpx2 run (nox -s tests_httpx2): our clients build httpx2 clients, and respx
# intercepts their transport as it does httpx's.
HTTPX2 = os.environ.get("PORTKEY_HTTP_BACKEND") == "httpx2"
if HTTPX2:
    import respx_httpx2

    respx_httpx2.install()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def no_sleep() -> Iterator[None]:
    """Retry waits are computed and logged but not slept (stamina-style test mode)."""
    _retry.set_testing(True)
    try:
        yield
    finally:
        _retry.set_testing(False)


@pytest.fixture(autouse=True)
def _clean_portkey_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start without the caller's Portkey environment variables."""
    for name in ("PORTKEY_API_KEY", "PORTKEY_BASE_URL", "PORTKEY_PROXY"):
        monkeypatch.delenv(name, raising=False)
