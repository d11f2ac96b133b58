"""Fixtures of the fault-injection suite, and its figures at the end of the run.

One ``FaultServer`` serves the whole session; it is reset (queue emptied, server-side
connections dropped, per-test counters zeroed) before every test.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, Iterator, List

import pytest

from .server import FaultServer, Totals

_SERVER: List[FaultServer] = []
_CASES: Dict[str, int] = {"passed": 0, "failed": 0, "xfailed": 0, "skipped": 0}


def totals() -> Totals:
    """The session's figures."""
    return _SERVER[0].totals if _SERVER else Totals()


def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    for item in items:
        if "tests/faults/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.faults)


@pytest.fixture(scope="session")
def _session_server() -> Iterator[FaultServer]:
    server = FaultServer().start()
    _SERVER.append(server)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def server(_session_server: FaultServer) -> Iterator[FaultServer]:
    _session_server.reset()
    yield _session_server
    _session_server.reset()


@pytest.fixture
def retry_log(caplog: pytest.LogCaptureFixture) -> Iterator[List[float]]:
    """The waits the SDK logged before each retry ("Retrying ... in X s"), in order."""
    caplog.set_level(logging.INFO, logger="portkey")
    delays: List[float] = []

    class Grab(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.msg.startswith("Retrying") and record.args:
                delays.append(float(record.args[2]))  # type: ignore[index]

    handler = Grab(logging.INFO)
    logger = logging.getLogger("portkey")
    logger.addHandler(handler)
    try:
        yield delays
    finally:
        logger.removeHandler(handler)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "tests/faults/" not in report.nodeid.replace("\\", "/"):
        return
    if report.when == "call":
        if hasattr(report, "wasxfail"):
            _CASES["xfailed" if report.skipped else "passed"] += 1
        elif report.passed:
            _CASES["passed"] += 1
        elif report.failed:
            _CASES["failed"] += 1
    elif report.when == "setup" and report.skipped:
        _CASES["skipped"] += 1
    elif report.when == "setup" and report.failed:
        _CASES["failed"] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    ran = sum(_CASES.values())
    if not ran:
        return
    t = totals()
    write = terminalreporter.write_line
    write("")
    write("fault-injection figures")
    write(
        f"  cases: {ran} ({_CASES['passed']} passed, {_CASES['xfailed']} xfailed as SDK bugs, "
        f"{_CASES['failed']} failed, {_CASES['skipped']} skipped)"
    )
    write(
        f"  requests sent: {t.requests + t.refused_attempts} ({t.requests} reached the server, "
        f"{t.refused_attempts} refused)"
    )
    write(f"  faults injected: {t.faults + t.refused_attempts}")
    write(f"  server-side connections: {t.connections}")
    write(f"  leaks found: {t.leaks}")
    for note in t.leak_notes:
        write(f"    - {note}")
