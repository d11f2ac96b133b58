"""Fixtures of the real-gateway suite: one gateway + fake upstream for the whole session.

``stack`` starts them (``npm ci`` first when ``node_modules`` is missing or stale). Without
node/npm the suite is skipped with the reason, except under CI (env ``CI`` set), where that is a
failure. Every test that uses it starts with the fake upstream's counters and request log
reset, and is marked ``gateway``.
"""

from __future__ import annotations

import os
from typing import Iterator, List

import httpx
import pytest

from .harness import HarnessError, NodeMissing, Stack, running_stack


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    for item in items:
        in_suite = "tests/gateway/" in item.nodeid.replace("\\", "/")
        if in_suite and "stack" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gateway)


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    """The running gateway and fake upstream (see harness.Stack)."""
    try:
        cm = running_stack()
        started = cm.__enter__()
    except NodeMissing as exc:
        if _in_ci():
            pytest.fail(f"CI: the real-gateway tests cannot run: {exc}", pytrace=False)
        pytest.skip(f"real-gateway tests skipped: {exc}")
    except HarnessError as exc:
        pytest.fail(f"the real gateway could not be started:\n{exc}", pytrace=False)
    try:
        yield started
    finally:
        cm.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_upstream(request: pytest.FixtureRequest) -> None:
    """Tests that use the stack start with the upstream's counters and log cleared."""
    if "stack" in request.fixturenames:
        stack: Stack = request.getfixturevalue("stack")
        stack.check_alive()
        stack.reset()


@pytest.fixture
def client(stack: Stack) -> Iterator[httpx.Client]:
    """A raw httpx client on the gateway's /v1 (proxy settings ignored)."""
    with httpx.Client(base_url=stack.gateway_url, trust_env=False, timeout=30.0) as c:
        yield c
