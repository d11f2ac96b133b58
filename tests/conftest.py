"""Shared test settings: async tests run on asyncio through anyio's pytest plugin."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from portkey import _retry

FIXTURES = Path(__file__).parent / "fixtures"


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
