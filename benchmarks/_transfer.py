"""Scenario 10 of run.py: uploads and downloads of a large file, one fresh process per
measurement (``_transfer_probe.py``): the rise of the process's peak RSS and the throughput.

Kept out of run.py (already long); run.py passes in what it shares (the results table, the
subprocess runner and the number formatter).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from typing import Any, Callable, Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
MIB = 1 << 20
RSS_LIMIT_MIB = 32.0  # issue 11: "raises the process's peak RSS by less than 32 MiB"
SPEED_LIMIT = 1.2  # issue 11: "upload throughput within 1.2x of raw httpx"

#: op -> (what the SDKs call, what raw httpx does for it, or None: the raw file post is the
#: baseline)
OPS: Dict[str, Tuple[str, Optional[str]]] = {
    "file": (
        "`files.create(file=open(f, 'rb'))`",
        "`httpx.Client.post(files={'file': open(f, 'rb')}, data={'purpose': ...})`",
    ),
    "path": ("`files.create(file=Path(f))`", None),
    "chunked": ("`uploads.upload_file_chunked(file=Path(f), part_size=size/4)`", None),
    "speech": (
        "`audio.speech` with_streaming_response → `stream_to_file`",
        "`httpx.Client.stream` + `iter_bytes` → file",
    ),
}
RAW_OPS = ("file", "speech")


def make_file(path: str, mib: float) -> int:
    """A JSONL batch file of ``mib`` MiB (1 MiB block repeated); its size in bytes."""
    line = (
        b'{"custom_id":"request-1","method":"POST","url":"/v1/chat/completions","body":'
        b'{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello world!"}]}}\n'
    )
    block = (line * (MIB // len(line) + 1))[:MIB]
    size = max(1, int(mib * MIB))
    with open(path, "wb") as f:
        left = size
        while left:
            k = min(left, MIB)
            f.write(block[:k])
            left -= k
    return size


def scenario_transfer(
    res: Any,
    cfg: dict,
    names: List[str],
    url: str,
    run_sub: Callable[..., Any],
    fmt: Callable[[Optional[float]], str],
) -> None:
    mib = cfg["transfer_mib"]
    scen = (
        f"10. uploads and downloads ({fmt(mib)} MiB file; fresh process per measurement; "
        "peak RSS rise = VmHWM after − VmRSS before, peak mark reset)"
    )
    probe = os.path.join(HERE, "_transfer_probe.py")
    rss: Dict[str, Dict[str, Any]] = {}
    speed: Dict[str, Dict[str, Any]] = {}
    for op, (call, raw_how) in OPS.items():
        labels = {"raw": f"httpx (raw): {raw_how}" if raw_how else "httpx (raw): the post above"}
        rss[op] = res.group(scen, f"{call}: peak RSS rise, MiB", names, False, labels)
        if op == "speech":
            labels = {"raw": f"httpx (raw): {raw_how}"}
        speed[op] = res.group(scen, f"{call}: MiB/s", names, True, labels)
    dead: Dict[Tuple[str, str], str] = {}
    resets: List[bool] = []
    with tempfile.TemporaryDirectory(prefix="portkey-bench-") as tmp:
        path = os.path.join(tmp, "bench.jsonl")
        size = make_file(path, mib)
        jobs = [(n, op) for n in names for op in OPS if n != "raw" or op in RAW_OPS]
        for r in range(cfg["transfer_rounds"]):
            raw: Dict[str, Tuple[float, float]] = {}
            for n, op in _rotated(jobs, r):
                if (n, op) in dead:
                    continue
                p = run_sub([sys.executable, probe, n, op, url, path, tmp], timeout=600)
                try:
                    d = json.loads(p.stdout.strip().splitlines()[-1])
                except Exception:
                    d = {"error": (p.stderr.strip().splitlines() or ["probe failed"])[-1]}
                if "error" in d:
                    why = d["error"].replace("|", "/").replace("\n", " ")[:80]
                    dead[(n, op)] = why
                    rss[op][n].error = speed[op][n].error = why
                    continue
                resets.append(bool(d["reset"]))
                rise = max(d["peak"] - d["before"], 0) / 1024
                mibs = d["bytes"] / MIB / d["seconds"]
                rss[op][n].values[r] = rise
                speed[op][n].values[r] = mibs
                if n == "raw":
                    raw[op] = (rise, mibs)
            if "file" in raw:  # the raw post of the same round is the uploads' baseline
                for op in ("path", "chunked"):
                    rss[op]["raw"].values[r], speed[op]["raw"].values[r] = raw["file"]
        for op in ("path", "chunked"):
            if ("raw", "file") in dead:
                rss[op]["raw"].error = speed[op]["raw"].error = dead[("raw", "file")]
    _checks(res, rss, speed, fmt)
    how = "reset through /proc/self/clear_refs" if resets and all(resets) else "ru_maxrss"
    res.notes.append(
        f"- Uploads and downloads ({fmt(size / MIB)} MiB): each number is one fresh process "
        "that imports the client, builds it, runs the same call once on a 1 KiB file, then "
        f"resets the kernel's peak-RSS mark ({how}) and runs the call on the big file; the rise "
        "is the peak after minus the RSS before. Throughput counts the file's bytes (not the "
        "multipart framing); the server reads and drops upload bodies, and streams the audio "
        "with flow control. `upload_file_chunked` sends 4 parts (part_size = size/4, 64 MiB "
        "at 256 MiB, the default) with each SDK's own concurrency (ours: 3 at once; openai and "
        "portkey-ai: one after another). portkey-ai 2.3.4 has no "
        "`audio.speech.with_streaming_response`: its row uses `audio.speech.create(stream=True)`"
        " (the vendored openai's streamed response), on a client of its own per call, since "
        "that call leaves the client unable to make it again."
    )


def _rotated(jobs: List[Tuple[str, str]], r: int) -> List[Tuple[str, str]]:
    k = r % len(jobs) if jobs else 0
    return jobs[k:] + jobs[:k]


def _worst(row: Any) -> Optional[float]:
    return None if row.error or not row.values else max(row.values.values())


def _checks(
    res: Any,
    rss: Dict[str, Dict[str, Any]],
    speed: Dict[str, Dict[str, Any]],
    fmt: Callable[[Optional[float]], str],
) -> None:
    """The issue's targets for ours, with the official SDK's figure beside it."""

    def peer(rows: Dict[str, Any], what: Callable[[Any], Optional[float]], unit: str) -> str:
        out = []
        for n, label in (("official", "portkey-ai 2.3.4"), ("openai", "openai")):
            if n in rows:
                v = what(rows[n])
                out.append(f"{label} {'n/a' if v is None else fmt(v) + unit}")
        return f" ({'; '.join(out)})" if out else ""

    for op, title in (
        ("file", "`files.create` (file object) peak RSS rise < 32 MiB (worst round)"),
        ("path", "`files.create` (path) peak RSS rise < 32 MiB (worst round)"),
        ("chunked", "`uploads.upload_file_chunked` peak RSS rise < 32 MiB (worst round)"),
        ("speech", "`speech` with_streaming_response → file, peak RSS rise < 32 MiB (worst)"),
    ):
        rows = rss[op]
        if "ours" not in rows:
            continue
        v = _worst(rows["ours"])
        shown = ("n/a" if v is None else f"{fmt(v)} MiB") + peer(rows, _worst, " MiB")
        verdict = "n/a" if v is None else ("PASS" if v < RSS_LIMIT_MIB else "MISS")
        res.checks.append((title, shown, verdict))
    for op, title in (
        ("file", "upload MiB/s within 1.2x of raw httpx (`files.create`, file object)"),
        ("path", "upload MiB/s within 1.2x of raw httpx (`files.create`, path)"),
    ):
        rows = speed[op]
        if "ours" not in rows:
            continue
        v = None if rows["ours"].error else rows["ours"].ratio()
        shown = ("n/a" if v is None else f"{v:.2f}x") + peer(
            rows, lambda row: None if row.error else row.ratio(), "x"
        )
        verdict = "n/a" if v is None else ("PASS" if v >= 1 / SPEED_LIMIT else "MISS")
        res.checks.append((title, shown, verdict))
