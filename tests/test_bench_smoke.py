"""The benchmark scripts run (a smoke run of ours against raw httpx, no peers needed).

Not a speed test: no number is compared with anything. Speed lives in ``nox -s bench``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


def test_bench_quick_smoke_run_prints_our_rows() -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--only", "construct,sync,stream,struct"]
        + ["--clients", "ours"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    ours = [line for line in done.stdout.splitlines() if "| portkey (ours)" in line]
    assert len(ours) >= 10, done.stdout[-3000:]
    assert not [line for line in ours if "n/a" in line], ours
    assert "### Targets for portkey (ours)" in done.stdout
