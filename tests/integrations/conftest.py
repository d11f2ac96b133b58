"""Fixtures of the framework-integration suite (``nox -s integrations``; see README.md here).

These tests prove that the adapters work without ``openai``, so they are collected only where
``openai`` is not installed (the ``integrations`` session's venv); elsewhere (the ``tests``
session) the folder is left out and a line at the end of the run says so. A framework that
needs ``openai`` itself runs in its own session with ``PORTKEY_INTEGRATIONS_WITH_OPENAI=1`` and
sets ``OPENAI_ALLOWED = "<why>"`` in its test module.

* ``stack``: the real open-source gateway and the fake upstream (``tests/gateway``), one for
  the session; the upstream's counters and log are reset before each test that uses it.
* ``recorder``: a local server recording what is sent to it (``local_servers.Recorder``), a
  stand-in for Portkey's API (logs, traces).
* every test ends with a check that ``openai`` was never imported.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from typing import Any, Iterator, List

import pytest
from gateway.harness import HarnessError, NodeMissing, Stack, running_stack

from .local_servers import Recorder
from .support import in_ci, openai_modules

_OPENAI_HERE = importlib.util.find_spec("openai") is not None
_RUN_ANYWAY = os.environ.get("PORTKEY_INTEGRATIONS_WITH_OPENAI") == "1"
SKIPPED_HERE = _OPENAI_HERE and not _RUN_ANYWAY

collect_ignore_glob: List[str] = ["test_*.py"] if SKIPPED_HERE else []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SKIPPED_HERE:
        terminalreporter.write_line(
            "tests/integrations not run: openai is installed here (run `nox -s integrations`)"
        )


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    """The running gateway and fake upstream (see tests/gateway/harness.py)."""
    try:
        cm = running_stack()
        started = cm.__enter__()
    except NodeMissing as exc:
        if in_ci():
            pytest.fail(f"CI: the integration tests cannot run: {exc}", pytrace=False)
        pytest.skip(f"integration tests skipped: {exc}")
    except HarnessError as exc:
        pytest.fail(f"the real gateway could not be started:\n{exc}", pytrace=False)
    try:
        yield started
    finally:
        cm.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_upstream(request: pytest.FixtureRequest) -> None:
    if "stack" in request.fixturenames:
        stack: Stack = request.getfixturevalue("stack")
        stack.check_alive()
        stack.reset()


@pytest.fixture(autouse=True)
def _openai_never_imported(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fails the test if ``openai`` (or ``langchain_openai``, ...) got imported."""
    yield
    if not getattr(request.module, "OPENAI_ALLOWED", None):
        loaded = openai_modules()
        assert not loaded, f"openai was imported: {loaded}"
        assert "openai" not in sys.modules


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    with Recorder() as server:
        yield server
