#!/usr/bin/env python
"""Side-by-side speed benchmarks: portkey (ours) vs portkey-ai vs openai vs raw httpx/httpx2.

usage: python benchmarks/run.py [--quick] [--output benchmarks/latest.md] [--json out.json]
                                [--only import,rss,construct,sync,async,stream,struct,
                                        responses,area,uploads]
                                [--clients ours,ours2,official,openai] [--transfer-mib N]

All clients run in the same process (or, for the cold-start scenarios, fresh
subprocesses) against a local OpenAI-compatible server (benchmarks/server.py)
running in its own process. Every scenario is interleaved round by round: in
round r each client runs once, in an order rotated by r, so machine noise hits
all clients alike. Each client's number in a round is compared with the raw
httpx number of the *same round*; the table shows the median over rounds, the
min-max over rounds, and the median of the per-round ratios. When httpx2 runs too (raw
httpx2 and ours on httpx2, the "ours2" client), a second ratio column compares every row
with raw httpx2 of the same round.

See benchmarks/README.md for what each scenario measures and how.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import gc
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from time import perf_counter, process_time
from typing import Any, Callable, Dict, List, Optional, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import _transfer  # noqa: E402
import clients  # noqa: E402
import server  # noqa: E402

# table order; "raw" is the baseline, "raw2" (raw httpx2) the second one
ALL = ["raw", "raw2", "ours", "ours2", "official", "openai"]
# On httpx2: raw httpx2 and ours with http_backend="httpx2". They run in the scenarios that
# depend on the HTTP library; structuring, the area probe and uploads are httpx only.
HTTPX2 = ("raw2", "ours2")

FULL = dict(
    import_rounds=15,
    importtime_rounds=5,
    rss_rounds=5,
    construct_rounds=10,
    construct_per_round=20,
    sync_rounds=10,
    sync_total=2000,
    async_rounds=10,
    async_c1_total=2000,
    async_c100_rounds=7,
    async_c100_total=2100,
    stream_rounds=7,
    stream_chunks=10_000,
    ttfc_rounds=7,
    ttfc_per_round=30,
    struct_rounds=7,
    struct_completion_n=2000,
    struct_chunk_n=5000,
    capacity_seconds=1.0,
    area_rounds=7,
    transfer_rounds=5,
    transfer_mib=256,
)
QUICK = dict(
    import_rounds=3,
    importtime_rounds=1,
    rss_rounds=1,
    construct_rounds=3,
    construct_per_round=10,
    sync_rounds=5,
    sync_total=300,
    async_rounds=3,
    async_c1_total=150,
    async_c100_rounds=3,
    async_c100_total=300,
    stream_rounds=3,
    stream_chunks=5_000,  # a smoke run: the peers' streams dominate its time
    ttfc_rounds=3,
    ttfc_per_round=10,
    struct_rounds=3,
    struct_completion_n=300,
    struct_chunk_n=1000,
    capacity_seconds=0.3,
    area_rounds=2,
    transfer_rounds=2,
    transfer_mib=32,
)


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- results ----
class Row:
    def __init__(
        self,
        scenario: str,
        metric: str,
        client: str,
        higher_better: bool,
        baseline: Optional[Row] = None,
        note: str = "",
    ) -> None:
        self.scenario = scenario
        self.metric = metric
        self.client = client
        self.higher_better = higher_better
        self.values: Dict[int, float] = {}  # round -> value
        self.baseline = baseline
        self.baseline2: Optional[Row] = None  # raw httpx2, when it runs
        self.note = note
        self.error: Optional[str] = None
        self.label: Optional[str] = None
        self.is_baseline = False
        self.is_baseline2 = False

    def median(self) -> Optional[float]:
        return statistics.median(self.values.values()) if self.values else None

    def ratios(self, second: bool = False) -> List[float]:
        """Per-round ratios to the baseline (``second``: to raw httpx2)."""
        base = self.baseline2 if second else self.baseline
        if base is None:
            return []
        b = base.values
        return [v / b[r] for r, v in self.values.items() if r in b and b[r]]

    def ratio(self, second: bool = False) -> Optional[float]:
        rs = self.ratios(second)
        return statistics.median(rs) if rs else None


class Results:
    def __init__(self) -> None:
        self.rows: List[Row] = []
        self.notes: List[str] = []
        #: extra rows for the targets table: (target, ours, verdict)
        self.checks: List[tuple] = []

    def group(
        self,
        scenario: str,
        metric: str,
        names: Sequence[str],
        higher_better: bool,
        labels: Optional[Dict[str, str]] = None,
        baseline: Optional[str] = "raw",
    ) -> Dict[str, Row]:
        out: Dict[str, Row] = {}
        base = None
        order = ([baseline] if baseline in names else []) + [n for n in names if n != baseline]
        for n in order:
            r = Row(scenario, metric, n, higher_better, baseline=None if n == baseline else base)
            if labels and n in labels:
                r.label = labels[n]
            if n == baseline:
                base = r
                r.is_baseline = True
            out[n] = r
            self.rows.append(r)
        base2 = out.get("raw2") if baseline == "raw" else None
        for r in out.values():
            if r.client != baseline:
                r.baseline = base
            if r is base2:
                r.is_baseline2 = True
            elif base2 is not None:
                r.baseline2 = base2
        return out


def fmt(v: Optional[float]) -> str:
    if v is None:
        return "n/a"
    a = abs(v)
    if a >= 1000:
        return f"{v:,.0f}"
    if a >= 100:
        return f"{v:.0f}"
    if a >= 10:
        return f"{v:.1f}"
    if a >= 1:
        return f"{v:.2f}"
    return f"{v:.3f}"


def client_label(name: str) -> str:
    return clients.ADAPTERS[name].name


def _ratio_cell(r: Row, second: bool) -> str:
    if (r.baseline2 if second else r.baseline) is None:
        return "1.00 (baseline)" if (r.is_baseline2 if second else r.is_baseline) else "–"
    rt = r.ratio(second)
    return "n/a" if rt is None else (f"{rt:.2f}x" if rt >= 0.095 else f"{rt:.3f}x")


def render_table(res: Results) -> str:
    # the httpx2 column only when raw httpx2 ran (a run without it prints the table as before)
    two = any(r.is_baseline2 for r in res.rows)
    lines = [
        "| scenario | metric | client | median | min–max | ratio to httpx |"
        + (" ratio to httpx2 |" if two else ""),
        "|---|---|---|---:|---:|---:|" + ("---:|" if two else ""),
    ]
    last = None
    for r in res.rows:
        scen = r.scenario if r.scenario != last else ""
        last = r.scenario
        arrow = "↑" if r.higher_better else "↓"
        label = r.label or client_label(r.client)
        if r.error or not r.values:
            why = r.error or "n/a"
            lines.append(
                f"| {scen} | {r.metric} {arrow} | {label} | n/a | – | n/a ({why}) |"
                + (" – |" if two else "")
            )
            continue
        vs = list(r.values.values())
        rng = f"{fmt(min(vs))}–{fmt(max(vs))}" if len(vs) > 1 else "–"
        ratio = _ratio_cell(r, False) + (f" | {_ratio_cell(r, True)}" if two else "")
        lines.append(
            f"| {scen} | {r.metric} {arrow} | {label} | {fmt(r.median())} | {rng} | {ratio} |"
        )
    return "\n".join(lines)


def rotated(names: Sequence[str], r: int) -> List[str]:
    k = r % len(names) if names else 0
    return list(names[k:]) + list(names[:k])


# ------------------------------------------------------------ environment ----
def environment(python: str) -> List[str]:
    from importlib import metadata

    def ver(p: str) -> str:
        try:
            return metadata.version(p)
        except Exception:
            return "not installed"

    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        cpu = platform.processor() or "?"
    try:
        sha = subprocess.run(
            ["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", REPO, "status", "--porcelain", "--", "src"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        sha = (sha + ("+dirty src" if dirty else "")) or "?"
    except Exception:
        sha = "?"
    pk = ", ".join(
        f"{p} {ver(p)}"
        for p in (
            "portkey-ai",
            "openai",
            "httpx",
            "httpcore",
            "httpx-sse",
            "httpx2",
            "httpcore2",
            "sniffio",
            "pydantic",
            "attrs",
            "cattrs",
            "uvloop",
        )
    )
    return [
        f"- date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}",
        f"- python: {platform.python_implementation()} {platform.python_version()} ({python})",
        f"- portkey (ours): {ver('portkey')} " + _ours_source(sha),
        f"- packages: {pk}",
        "- client event loop: asyncio default; server: separate process, "
        + ("uvloop" if ver("uvloop") != "not installed" else "asyncio")
        + " + raw HTTP/1.1",
    ]


def _ours_source(sha: str) -> str:
    """Where ours is imported from: this checkout (at its git state) or another tree."""
    import importlib.util

    spec = importlib.util.find_spec("portkey")
    where = os.path.dirname(os.path.dirname(spec.origin)) if spec and spec.origin else "?"
    if os.path.realpath(where) == os.path.realpath(os.path.join(REPO, "src")):
        return f"at git {sha}"
    return f"from {where} (PYTHONPATH; not this checkout's src)"


# ------------------------------------------------------------- scenarios -----
# Fresh processes use bytecode caches, as an installed package does (pip compiles at install
# time). PYTHONDONTWRITEBYTECODE would make an editable install (ours) recompile from source
# on every start while site-packages peers load their .pyc. A private cache prefix gives every
# package the same footing without writing into the source tree or site-packages.
SUB_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
SUB_ENV["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "portkey-bench-pycache")


def run_sub(args: List[str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        args,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=tempfile.gettempdir(),
        env=SUB_ENV,
    )


def parse_importtime(stderr: str) -> Dict[str, int]:
    """top-level entries of -X importtime: name -> cumulative us"""
    out: Dict[str, int] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3:
            continue
        name = parts[2]
        if name.startswith("  "):  # nested (" " + 2 spaces per level)
            continue
        try:
            out[name.strip()] = out.get(name.strip(), 0) + int(parts[1])
        except ValueError:
            pass
    return out


def scenario_import(res: Results, cfg: dict, names: List[str]) -> None:
    py = sys.executable
    scen = "1. cold import (fresh process)"
    stmts = {n: clients.ADAPTERS[n].import_stmt for n in names}
    labels = {n: f"floor: `{stmts[n]}`" for n in names if n in ("raw", "raw2")}
    for n in names:
        if n not in labels:
            labels[n] = f"{client_label(n)}: `{stmts[n]}`"
    ok: Dict[str, Optional[str]] = {}
    for n in names:  # warm-up (.pyc) and availability
        p = run_sub([py, "-c", stmts[n]])
        ok[n] = (
            None if p.returncode == 0 else (p.stderr.strip().splitlines() or ["failed"])[-1][:80]
        )
    wall = res.group(scen, "wall time, ms", names, False, labels)
    net = res.group(scen, "wall − bare `python -c pass`, ms", names, False, labels)
    imp = res.group(scen, "-X importtime cumulative, ms", names, False, labels)
    mods = res.group(scen, "modules loaded (sys.modules delta)", names, False, labels)
    for n in names:
        if ok[n]:
            for g in (wall, net, imp, mods):
                g[n].error = ok[n]
    live = [n for n in names if not ok[n]]
    for r in range(cfg["import_rounds"]):
        order = rotated(["__bare__"] + live, r)
        t: Dict[str, float] = {}
        for n in order:
            stmt = "pass" if n == "__bare__" else stmts[n]
            t0 = perf_counter()
            p = run_sub([py, "-c", stmt])
            t[n] = (perf_counter() - t0) * 1e3
            if p.returncode:
                raise RuntimeError(p.stderr)
        for n in live:
            wall[n].values[r] = t[n]
            net[n].values[r] = max(t[n] - t["__bare__"], 0.0)
    base = parse_importtime(run_sub([py, "-X", "importtime", "-c", "pass"]).stderr)
    for r in range(cfg["importtime_rounds"]):
        for n in rotated(live, r):
            top = parse_importtime(run_sub([py, "-X", "importtime", "-c", stmts[n]]).stderr)
            imp[n].values[r] = sum(v for k, v in top.items() if k not in base) / 1e3
    for n in live:
        code = f"import sys; n0 = len(sys.modules)\n{stmts[n]}\nprint(len(sys.modules) - n0)"
        mods[n].values[0] = float(run_sub([py, "-c", code]).stdout.strip())


def scenario_rss(res: Results, cfg: dict, names: List[str], url: str) -> None:
    scen = "2. RSS (fresh process, VmRSS)"
    probe = os.path.join(HERE, "_rss_probe.py")
    labels = {
        "raw": "floor: httpx+attrs+cattrs, httpx.Client",
        "raw2": "floor: httpx2+attrs+cattrs, httpx2.Client",
    }
    g_add = res.group(scen, "RSS added by import, MiB", names, False, labels)
    g_imp = res.group(scen, "RSS after import, MiB", names, False, labels)
    g_cli = res.group(scen, "RSS after building a client, MiB", names, False, labels)
    g_req = res.group(scen, "RSS after one request, MiB", names, False, labels)
    dead: Dict[str, str] = {}
    for r in range(cfg["rss_rounds"]):
        for n in rotated(names, r):
            if n in dead:
                continue
            p = run_sub([sys.executable, probe, n, url])
            try:
                d = json.loads(p.stdout.strip().splitlines()[-1])
            except Exception:
                d = {"error": (p.stderr.strip().splitlines() or ["probe failed"])[-1][:80]}
            if "error" in d:
                dead[n] = d["error"][:80]
                for g in (g_add, g_imp, g_cli, g_req):
                    g[n].error = dead[n]
                continue
            g_add[n].values[r] = (d["import"] - d["start"]) / 1024
            g_imp[n].values[r] = d["import"] / 1024
            g_cli[n].values[r] = d["client"] / 1024
            g_req[n].values[r] = d["request"] / 1024


class Live:
    """Loaded adapters and the reasons the others are n/a."""

    def __init__(self, names: List[str]) -> None:
        self.adapters: Dict[str, clients.Adapter] = {}
        self.why: Dict[str, str] = {}
        for n in names:
            a = clients.ADAPTERS[n]()
            try:
                a.load()
            except clients.Unavailable as e:
                self.why[n] = str(e)[:80]
                continue
            except Exception as e:
                self.why[n] = f"{type(e).__name__}: {e}"[:80]
                continue
            self.adapters[n] = a


def _fail(groups: Sequence[Dict[str, Row]], n: str, e: BaseException, dead: Dict[str, str]) -> None:
    msg = f"{type(e).__name__}: {e}".replace("|", "/").replace("\n", " ")[:80]
    dead[n] = msg
    for g in groups:
        if n in g:
            g[n].error = msg


def _mark_unavailable(groups: Sequence[Dict[str, Row]], live: Live) -> None:
    for n, why in live.why.items():
        for g in groups:
            if n in g:
                g[n].error = why


def scenario_construct(res: Results, cfg: dict, names: List[str], live: Live, url: str) -> None:
    scen = "3. client construction (in-process)"
    labels = {"raw": "httpx.Client(base_url, headers)", "raw2": "httpx2.Client(base_url, headers)"}
    g = res.group(scen, "sync client, ms", names, False, labels)
    g1 = res.group(scen, "sync client + first request (new connection), ms", names, False, labels)
    groups = [g, g1]
    _mark_unavailable(groups, live)
    dead: Dict[str, str] = {}
    # raw: httpx.Client(base_url=..., headers=...) (httpx2.Client for raw2)
    makers: Dict[str, Callable[[], Any]] = {
        n: (lambda a=a: a.sync_client(url)) for n, a in live.adapters.items()
    }
    closers = {n: a.close for n, a in live.adapters.items()}
    for n in list(makers):  # warm-up
        try:
            c = makers[n]()
            live.adapters[n].call(c)
            closers[n](c)
        except Exception as e:
            _fail(groups, n, e, dead)
    k = cfg["construct_per_round"]
    for r in range(cfg["construct_rounds"]):
        for n in rotated([n for n in names if n in makers and n not in dead], r):
            a = live.adapters[n]
            ts, ts1 = [], []
            gc.collect()
            for i in range(k):
                t0 = perf_counter()
                c = makers[n]()
                t1 = perf_counter()
                if i < max(1, k // 4):
                    a.call(c)
                    ts1.append(perf_counter() - t0)
                ts.append(t1 - t0)
                closers[n](c)
            g[n].values[r] = statistics.median(ts) * 1e3
            g1[n].values[r] = statistics.median(ts1) * 1e3


def scenario_sync(res: Results, cfg: dict, names: List[str], live: Live, url: str) -> None:
    scen = "4. sync non-stream, sequential"
    cpu = res.group(scen, "client CPU per call, µs", names, False)
    rps = res.group(scen, "requests/s", names, True)
    groups = [cpu, rps]
    _mark_unavailable(groups, live)
    dead: Dict[str, str] = {}
    cl: Dict[str, Any] = {}
    for n, a in live.adapters.items():
        try:
            c = a.sync_client(url)
            for _ in range(20):
                a.call(c)
            cl[n] = c
        except Exception as e:
            _fail(groups, n, e, dead)
    per = max(1, cfg["sync_total"] // cfg["sync_rounds"])
    for r in range(cfg["sync_rounds"]):
        for n in rotated([n for n in names if n in cl and n not in dead], r):
            a, c = live.adapters[n], cl[n]
            try:
                for _ in range(5):  # untimed: reconnect if the keep-alive expired
                    a.call(c)
                gc.collect()
                c0, t0 = process_time(), perf_counter()
                for _ in range(per):
                    a.call(c)
                c1, t1 = process_time(), perf_counter()
            except Exception as e:
                _fail(groups, n, e, dead)
                continue
            cpu[n].values[r] = (c1 - c0) / per * 1e6
            rps[n].values[r] = per / (t1 - t0)
    for n, c in cl.items():
        try:
            live.adapters[n].close(c)
        except Exception:
            pass


def scenario_async(res: Results, cfg: dict, names: List[str], live: Live, url: str) -> None:
    scen = "5. async non-stream"
    rps1 = res.group(scen, "requests/s, concurrency 1", names, True)
    cpu1 = res.group(scen, "client CPU per call at c=1, µs", names, False)
    rps100 = res.group(scen, "requests/s, concurrency 100", names, True)
    cpu100 = res.group(scen, "client CPU per call at c=100, µs", names, False)
    groups = [rps1, cpu1, rps100, cpu100]
    _mark_unavailable(groups, live)
    dead: Dict[str, str] = {}

    async def conc(a: clients.Adapter, c: Any, total: int, k: int) -> None:
        left = total

        async def worker() -> None:
            nonlocal left
            while left > 0:
                left -= 1
                await a.acall(c)

        await asyncio.gather(*(worker() for _ in range(k)))

    async def main() -> None:
        # Two phases, so that the c=1 numbers see a steady one-connection pool: after a
        # c=100 burst httpcore keeps up to 100 idle connections for 5 s and scans them all on
        # every request, which would make c=1 depend on how long ago the burst was.
        # c=1: one long-lived client per library, 5 untimed calls per round (reconnects if
        # the keep-alive expired while the others ran).
        cl: Dict[str, Any] = {}
        for n, a in live.adapters.items():
            try:
                c = a.async_client(url)
                for _ in range(30):
                    await a.acall(c)
                cl[n] = c
            except Exception as e:
                _fail(groups, n, e, dead)
        per1 = max(1, cfg["async_c1_total"] // cfg["async_rounds"])
        per100 = max(100, cfg["async_c100_total"] // cfg["async_c100_rounds"])
        for r in range(cfg["async_rounds"]):
            for n in rotated([n for n in names if n in cl and n not in dead], r):
                a, c = live.adapters[n], cl[n]
                try:
                    for _ in range(5):  # untimed: reconnect if the keep-alive expired
                        await a.acall(c)
                    gc.collect()
                    c0, t0 = process_time(), perf_counter()
                    for _ in range(per1):
                        await a.acall(c)
                    c1, t1 = process_time(), perf_counter()
                    rps1[n].values[r] = per1 / (t1 - t0)
                    cpu1[n].values[r] = (c1 - c0) / per1 * 1e6
                except Exception as e:
                    _fail(groups, n, e, dead)
        # c=100: a new client per round, 100 untimed calls to open its 100 connections, then
        # the timed calls. Every client is then measured from the same pool state. (A pool that
        # lives on drifts: httpcore 1.x pools holding ~100 keep-alive connections spend O(pool)
        # per request event scanning them, and later shrink; that makes a long-lived pool's
        # rate depend on its history -- see README, "c=100 and httpcore 1.x pools".)
        for r in range(cfg["async_c100_rounds"]):
            for n in rotated([n for n in names if n in cl and n not in dead], r):
                a = live.adapters[n]
                try:
                    c = a.async_client(url)
                    await conc(a, c, 100, 100)
                    gc.collect()
                    c0, t0 = process_time(), perf_counter()
                    await conc(a, c, per100, 100)
                    c1, t1 = process_time(), perf_counter()
                    rps100[n].values[r] = per100 / (t1 - t0)
                    cpu100[n].values[r] = (c1 - c0) / per100 * 1e6
                    await a.aclose(c)
                except Exception as e:
                    _fail(groups, n, e, dead)
        for n, c in cl.items():
            try:
                await live.adapters[n].aclose(c)
            except Exception:
                pass

    asyncio.run(main())


def scenario_stream(res: Results, cfg: dict, names: List[str], live: Live, url: str) -> None:
    nch = cfg["stream_chunks"]
    scen = f"6. streaming ({nch:,} chunks; TTFC over 5-chunk streams)"
    # a stream of n content chunks has one more (the usage chunk)
    _streams(res, cfg, names, live, url, scen, "chunk", "stream_consume", "astream_consume", 1)


def scenario_responses(res: Results, cfg: dict, names: List[str], live: Live, url: str) -> None:
    nch = cfg["stream_chunks"]
    scen = (
        f"8. Responses streaming (`responses.create(stream=True)`, {nch:,} text deltas "
        f"+ {server.RESPONSE_FRAME_EVENTS} other events; time to first event over 5-delta streams)"
    )
    _streams(
        res,
        cfg,
        names,
        live,
        url,
        scen,
        "event",
        "rstream_consume",
        "arstream_consume",
        server.RESPONSE_FRAME_EVENTS,
    )


def _streams(
    res: Results,
    cfg: dict,
    names: List[str],
    live: Live,
    url: str,
    scen: str,
    unit: str,
    consume: str,
    aconsume: str,
    extra: int,
) -> None:
    """Items/s, CPU per item and time to first item of one kind of stream, sync and async.

    ``consume``/``aconsume`` name the adapter methods (model -> (items, first-item time));
    a stream of n content items carries ``extra`` more (usage chunk, Responses framing).
    """
    nch = cfg["stream_chunks"]
    big = f"chunks-{nch}"
    labels = {"raw": "httpx + httpx-sse + json.loads", "raw2": "httpx2 + httpx-sse + json.loads"}
    s_cps = res.group(scen, f"sync {unit}s/s", names, True, labels)
    s_cpu = res.group(scen, f"sync client CPU per {unit}, µs", names, False, labels)
    s_ttfc = res.group(scen, f"sync time to first {unit}, ms", names, False, labels)
    a_cps = res.group(scen, f"async {unit}s/s", names, True, labels)
    a_cpu = res.group(scen, f"async client CPU per {unit}, µs", names, False, labels)
    a_ttfc = res.group(scen, f"async time to first {unit}, ms", names, False, labels)
    sgroups = [s_cps, s_cpu, s_ttfc]
    agroups = [a_cps, a_cpu, a_ttfc]
    _mark_unavailable(sgroups + agroups, live)
    rounds = max(cfg["stream_rounds"], cfg["ttfc_rounds"])
    small = 5 + extra

    # sync
    dead: Dict[str, str] = {}
    cl: Dict[str, Any] = {}
    for n, a in live.adapters.items():
        try:
            c = a.sync_client(url)
            for _ in range(3):
                k, _tf = getattr(a, consume)(c, "chunks-5")
                if k != small:
                    raise RuntimeError(f"expected {small} {unit}s, got {k}")
            cl[n] = c
        except Exception as e:
            _fail(sgroups, n, e, dead)
    for r in range(rounds):
        for n in rotated([n for n in names if n in cl and n not in dead], r):
            a, c = live.adapters[n], cl[n]
            run = getattr(a, consume)
            try:
                if r < cfg["stream_rounds"]:
                    gc.collect()
                    c0, t0 = process_time(), perf_counter()
                    k, _ = run(c, big)
                    c1, t1 = process_time(), perf_counter()
                    if k < nch:
                        raise RuntimeError(f"got {k} {unit}s")
                    s_cps[n].values[r] = k / (t1 - t0)
                    s_cpu[n].values[r] = (c1 - c0) / k * 1e6
                if r < cfg["ttfc_rounds"]:
                    gc.collect()
                    ts = []
                    for _ in range(cfg["ttfc_per_round"]):
                        t0 = perf_counter()
                        _k, tf = run(c, "chunks-5")
                        ts.append(tf - t0)
                    s_ttfc[n].values[r] = statistics.median(ts) * 1e3
            except Exception as e:
                _fail(sgroups, n, e, dead)
    for n, c in cl.items():
        try:
            live.adapters[n].close(c)
        except Exception:
            pass

    # async
    adead: Dict[str, str] = {}

    async def main() -> None:
        acl: Dict[str, Any] = {}
        for n, a in live.adapters.items():
            try:
                c = a.async_client(url)
                for _ in range(3):
                    k, _tf = await getattr(a, aconsume)(c, "chunks-5")
                    if k != small:
                        raise RuntimeError(f"expected {small} {unit}s, got {k}")
                acl[n] = c
            except Exception as e:
                _fail(agroups, n, e, adead)
        for r in range(rounds):
            for n in rotated([n for n in names if n in acl and n not in adead], r):
                a, c = live.adapters[n], acl[n]
                run = getattr(a, aconsume)
                try:
                    if r < cfg["stream_rounds"]:
                        gc.collect()
                        c0, t0 = process_time(), perf_counter()
                        k, _ = await run(c, big)
                        c1, t1 = process_time(), perf_counter()
                        if k < nch:
                            raise RuntimeError(f"got {k} {unit}s")
                        a_cps[n].values[r] = k / (t1 - t0)
                        a_cpu[n].values[r] = (c1 - c0) / k * 1e6
                    if r < cfg["ttfc_rounds"]:
                        gc.collect()
                        ts = []
                        for _ in range(cfg["ttfc_per_round"]):
                            t0 = perf_counter()
                            _k, tf = await run(c, "chunks-5")
                            ts.append(tf - t0)
                        a_ttfc[n].values[r] = statistics.median(ts) * 1e3
                except Exception as e:
                    _fail(agroups, n, e, adead)
        for n, c in acl.items():
            try:
                await live.adapters[n].aclose(c)
            except Exception:
                pass

    asyncio.run(main())


def scenario_struct(res: Results, cfg: dict, names: List[str], live: Live) -> None:
    scen = "7. structuring (JSON dict → typed object, in-process)"
    payload = {"completion": server.completion_body(), "chunk": server.chunk_body()}
    counts = {"completion": cfg["struct_completion_n"], "chunk": cfg["struct_chunk_n"]}
    for kind in ("completion", "chunk"):
        data = payload[kind]
        d = json.loads(data)
        entries: Dict[str, Any] = {
            "raw": (f"json.loads({len(data)} bytes) (reference)", lambda _d, b=data: json.loads(b))
        }
        why: Dict[str, str] = {}
        for n in names:
            if n == "raw":
                continue
            a = live.adapters.get(n)
            if a is None:
                why[n] = live.why.get(n, "n/a")
                continue
            try:
                st = a.structurers()
            except Exception as e:
                why[n] = f"{type(e).__name__}: {e}"[:80]
                continue
            for key, (how, fn) in st.items():
                if key.split("/")[0] != kind:
                    continue
                entries[n if key == kind else f"{n}:{key}"] = (f"{client_label(n)}: {how}", fn)
            if kind not in st:
                why[n] = "no dict→object API found (portkey._convert)" if n == "ours" else "n/a"
        keys = list(entries) + [n for n in why if n not in entries]
        rows: Dict[str, Row] = {}
        base: Optional[Row] = None
        for key in keys:
            cname = key.split(":")[0]
            row = Row(scen, f"per {kind}, µs", cname, False)
            if key in entries:
                row.label = entries[key][0]
            else:
                row.label = f"{client_label(cname)}"
                row.error = why[key]
            if key == "raw":
                base = row
                row.is_baseline = True
            else:
                row.baseline = base
            rows[key] = row
            res.rows.append(row)
        live_keys = [k for k in entries]
        n_iter = counts[kind]
        for r in range(cfg["struct_rounds"]):
            for key in rotated(live_keys, r):
                fn = entries[key][1]
                try:
                    fn(d)
                    gc.collect()
                    t0 = perf_counter()
                    for _ in range(n_iter):
                        fn(d)
                    rows[key].values[r] = (perf_counter() - t0) / n_iter * 1e6
                except Exception as e:
                    rows[key].error = f"{type(e).__name__}: {e}"[:80]
                    live_keys = [k for k in live_keys if k != key]


def _is_area_module(m: str) -> bool:
    """``portkey.resources.<area>`` or ``portkey.types.<area>[...]``, not a shared ``_`` helper."""
    parts = m.split(".")
    return (
        len(parts) >= 3
        and parts[0] == "portkey"
        and parts[1] in ("resources", "types")
        and not parts[2].startswith("_")
    )


def scenario_area(res: Results, cfg: dict, names: List[str], url: str) -> None:
    """The one-time cost of the Responses area, in fresh processes (``_area_probe.py``)."""
    scen = "9. first touch of an area (fresh process; `client.responses` after chat calls)"
    probe = os.path.join(HERE, "_area_probe.py")
    peers = [n for n in names if n != "raw"]
    labels = {
        "official": f"{client_label('official')} (builds every area here: its first touch)",
    }
    g_con = res.group(scen, "client construction, ms", peers, False, labels, baseline=None)
    g_touch = res.group(
        scen, "touch `client.responses` (imports its modules), ms", peers, False, baseline=None
    )
    g_plain = res.group(
        scen, "first `responses.create` − a later one, ms", peers, False, baseline=None
    )
    g_stream = res.group(
        scen,
        "first `responses.create(stream=True)` (5 deltas) − a later one, ms",
        peers,
        False,
        baseline=None,
    )
    g_total = res.group(
        scen,
        "one-time cost of the area (touch + both first-call extras), ms",
        peers,
        False,
        baseline=None,
    )
    g_mods = res.group(
        scen, "modules the area loads (touch + first calls)", peers, False, baseline=None
    )
    groups = [g_con, g_touch, g_plain, g_stream, g_total, g_mods]
    dead: Dict[str, str] = {}
    seen: Dict[str, dict] = {}
    imported: Dict[str, dict] = {}  # probes that got past the import (for the module check)
    for r in range(cfg["area_rounds"] + 1):  # round 0 warms the bytecode caches, untimed
        for n in rotated(peers, r):
            if n in dead:
                continue
            p = run_sub([sys.executable, probe, n, url])
            try:
                d = json.loads(p.stdout.strip().splitlines()[-1])
            except Exception:
                d = {"error": (p.stderr.strip().splitlines() or ["probe failed"])[-1]}
            if "portkey_after_import" in d:
                imported[n] = d
            if "error" in d:
                dead[n] = d["error"].replace("|", "/").replace("\n", " ")[:80]
                for g in groups:
                    g[n].error = dead[n]
                continue
            seen[n] = d
            if r == 0:
                continue
            plain = max(d["plain_first_ms"] - d["plain_later_ms"], 0.0)
            stream = max(d["stream_first_ms"] - d["stream_later_ms"], 0.0)
            g_con[n].values[r] = d["construct_ms"]
            g_touch[n].values[r] = d["touch_ms"]
            g_plain[n].values[r] = plain
            g_stream[n].values[r] = stream
            g_total[n].values[r] = d["touch_ms"] + plain + stream
            g_mods[n].values[r] = float(len(d["added_by_touch"]) + len(d["added_by_calls"]))

    if "official" in seen:
        res.notes.append(
            "- Area first touch, portkey-ai 2.3.4: its `Portkey()` builds every resource "
            "(and `import portkey_ai` already imported the vendored openai's resources), so "
            "`client.responses` is a plain attribute; its equivalent of our first touch is its "
            "client construction (row 'client construction')."
        )
    d = imported.get("ours")
    if d is None:
        why = dead.get("ours", "not run")
        res.checks.append(
            ("`import portkey` loads no area (resource/types) module", "n/a", f"n/a ({why})")
        )
        res.checks.append(("first touch of `client.responses` ≤ 5 ms (one-time)", "n/a", "n/a"))
        return
    after = d["portkey_after_import"]
    bad = [m for m in after if _is_area_module(m)]
    bad_c = [m for m in d.get("portkey_after_construct", []) if _is_area_module(m)]
    res.notes.append(
        f"- `portkey.*` modules loaded by `{clients.ADAPTERS['ours'].import_stmt}` "
        f"({len(after)}): " + ", ".join(f"`{m}`" for m in after)
    )
    res.notes.append(
        "- area modules (`portkey.resources.<area>`, `portkey.types.<area>`) among them: "
        + (", ".join(f"`{m}`" for m in bad) if bad else "none")
        + "; after building a client: "
        + (", ".join(f"`{m}`" for m in bad_c) if bad_c else "none")
    )
    if "added_by_calls" in d:
        res.notes.append(
            "- modules added by touching `client.responses` (after a chat call and stream): "
            + (", ".join(f"`{m}`" for m in d["added_by_touch"]) or "none")
            + "; by its first calls: "
            + (", ".join(f"`{m}`" for m in d["added_by_calls"]) or "none")
        )
    res.checks.append(
        (
            "`import portkey` loads no area (resource/types) module",
            f"{len(bad)} of {len(after)}",
            "PASS" if not bad and not bad_c else "MISS",
        )
    )
    total = None if g_total["ours"].error else g_total["ours"].median()
    res.checks.append(
        (
            "first touch of `client.responses` ≤ 5 ms (one-time)",
            "n/a" if total is None else f"{fmt(total)} ms",
            "n/a" if total is None else ("PASS" if total <= 5.0 else "MISS"),
        )
    )


# ---------------------------------------------------------- server capacity --
def _req(body: bytes, path: bytes = b"/v1/chat/completions") -> bytes:
    return (
        b"POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n"
        b"content-length: %d\r\n\r\n%s" % (path, len(body), body)
    )


def _read_response(sock: socket.socket, buf: bytearray) -> int:
    """Read one response (content-length or chunked) from sock; return its size in bytes."""
    while b"\r\n\r\n" not in buf:
        buf += sock.recv(262144)
    end = buf.index(b"\r\n\r\n") + 4
    head = bytes(buf[:end]).lower()
    if b"content-length:" in head:
        i = head.index(b"content-length:") + 15
        n = int(head[i : head.index(b"\r\n", i)])
        while len(buf) < end + n:
            buf += sock.recv(262144)
        del buf[: end + n]
        return end + n
    while not buf.endswith(b"\r\n0\r\n\r\n"):
        buf += sock.recv(1 << 20)
    size = len(buf)
    buf.clear()
    return size


def scenario_capacity(res: Results, cfg: dict, url: str) -> None:
    scen = "0. server capacity (raw-socket client)"
    port = int(url.rsplit(":", 1)[1])
    secs = cfg["capacity_seconds"]
    body = json.dumps({"model": clients.MODEL, "messages": clients.MESSAGES}).encode()
    req = _req(body)
    sreq = _req(
        json.dumps(
            {
                "model": f"chunks-{cfg['stream_chunks']}",
                "messages": clients.MESSAGES,
                "stream": True,
            }
        ).encode()
    )
    rreq = _req(
        json.dumps(
            {"model": f"chunks-{cfg['stream_chunks']}", "input": clients.INPUT, "stream": True}
        ).encode(),
        b"/v1/responses",
    )
    r1 = Row(scen, "requests/s, 1 keep-alive connection", "raw", True)
    r2 = Row(scen, "requests/s, 100 connections (asyncio client)", "raw", True)
    r3 = Row(scen, f"stream chunks/s ({cfg['stream_chunks']:,}-chunk stream)", "raw", True)
    r4 = Row(
        scen, f"Responses stream events/s ({cfg['stream_chunks']:,} deltas + 8 events)", "raw", True
    )
    for row in (r1, r2, r3, r4):
        row.label = "raw socket"
        res.rows.append(row)
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buf = bytearray()
    first_len = 0
    for _ in range(50):
        s.sendall(req)
        first_len = _read_response(s, buf)
    for r in range(3):
        k = 0
        t0 = perf_counter()
        while perf_counter() - t0 < secs:
            s.sendall(req)
            _read_response(s, buf)
            k += 1
        r1.values[r] = k / (perf_counter() - t0)
        t0 = perf_counter()
        s.sendall(sreq)
        _read_response(s, buf)
        r3.values[r] = (cfg["stream_chunks"] + 1) / (perf_counter() - t0)
        t0 = perf_counter()
        s.sendall(rreq)
        _read_response(s, buf)
        r4.values[r] = (cfg["stream_chunks"] + server.RESPONSE_FRAME_EVENTS) / (perf_counter() - t0)
    s.close()

    async def many() -> float:
        conns = [await asyncio.open_connection("127.0.0.1", port) for _ in range(100)]
        stop = perf_counter() + secs
        count = 0

        async def worker(rd: asyncio.StreamReader, wr: asyncio.StreamWriter) -> None:
            nonlocal count
            while perf_counter() < stop:
                wr.write(req)
                await rd.readexactly(first_len)
                count += 1

        t0 = perf_counter()
        await asyncio.gather(*(worker(rd, wr) for rd, wr in conns))
        dt = perf_counter() - t0
        for _, wr in conns:
            wr.close()
        return count / dt

    for r in range(3):
        try:
            import uvloop  # the capacity client should be as fast as we can make it

            loop = uvloop.new_event_loop()
        except ImportError:
            loop = asyncio.new_event_loop()
        try:
            r2.values[r] = loop.run_until_complete(many())
        finally:
            loop.close()


# ---------------------------------------------------------------- targets ----
def targets(res: Results) -> str:
    def find(scen_prefix: str, metric: str, client: str = "ours") -> Optional[Row]:
        for r in res.rows:
            if r.scenario.startswith(scen_prefix) and r.metric == metric and r.client == client:
                return r
        return None

    checks = [
        (
            "cold import ≤ 1.15x floor (wall − bare python)",
            "1.",
            "wall − bare `python -c pass`, ms",
            "ratio",
            1.15,
            "le",
        ),
        (
            "RSS added by import ≤ 1.25x floor",
            "2.",
            "RSS added by import, MiB",
            "ratio",
            1.25,
            "le",
        ),
        ("client construction ≤ 5 ms", "3.", "sync client, ms", "value", 5.0, "le"),
        (
            "sync CPU per call ≤ 1.15x raw httpx",
            "4.",
            "client CPU per call, µs",
            "ratio",
            1.15,
            "le",
        ),
        (
            "async req/s ≥ 1.0x raw httpx at c=1",
            "5.",
            "requests/s, concurrency 1",
            "ratio",
            1.0,
            "ge",
        ),
        (
            "async req/s ≥ 1.0x raw httpx at c=100",
            "5.",
            "requests/s, concurrency 100",
            "ratio",
            1.0,
            "ge",
        ),
        (
            "sync stream chunks/s ≥ 1.0x httpx+httpx-sse+json.loads",
            "6.",
            "sync chunks/s",
            "ratio",
            1.0,
            "ge",
        ),
        (
            "async stream chunks/s ≥ 1.0x httpx+httpx-sse+json.loads",
            "6.",
            "async chunks/s",
            "ratio",
            1.0,
            "ge",
        ),
        ("sync TTFC ≤ 1.1x", "6.", "sync time to first chunk, ms", "ratio", 1.1, "le"),
        ("async TTFC ≤ 1.1x", "6.", "async time to first chunk, ms", "ratio", 1.1, "le"),
        (
            "sync Responses events/s ≥ 1.0x httpx+httpx-sse+json.loads",
            "8.",
            "sync events/s",
            "ratio",
            1.0,
            "ge",
        ),
        (
            "async Responses events/s ≥ 1.0x httpx+httpx-sse+json.loads",
            "8.",
            "async events/s",
            "ratio",
            1.0,
            "ge",
        ),
    ]
    # On httpx2 the transport targets hold against raw httpx2 (same thresholds).
    runs = [(c, "ours", False) for c in checks]
    if any(r.client == "ours2" for r in res.rows):
        for title, sp, metric, kind, lim, op in checks:
            if sp in ("4.", "5.", "6.", "8.") and kind == "ratio":
                t2 = title.replace("raw httpx", "raw httpx2").replace("httpx+", "httpx2+")
                runs.append(((f"on httpx2: {t2}", sp, metric, kind, lim, op), "ours2", True))
    lines = ["| target | ours | verdict |", "|---|---:|---|"]
    for (title, sp, metric, kind, lim, op), client, second in runs:
        row = find(sp, metric, client)
        if row is None and not any(r.scenario.startswith(sp) for r in res.rows):
            continue  # scenario not run (--only)
        if row is None or not row.values:
            lines.append(
                f"| {title} | n/a | n/a{(' (' + row.error + ')') if row is not None and row.error else ''} |"
            )
            continue
        v = row.ratio(second) if kind == "ratio" else row.median()
        if v is None:
            lines.append(f"| {title} | n/a | n/a |")
            continue
        ok = v <= lim if op == "le" else v >= lim
        shown = f"{v:.2f}x" if kind == "ratio" else f"{fmt(v)} ms"
        lines.append(f"| {title} | {shown} | {'PASS' if ok else 'MISS'} |")
    for title, shown, verdict in res.checks:
        lines.append(f"| {title} | {shown} | {verdict} |")
    return "\n".join(lines)


# ------------------------------------------------------------------- main ----
SCENARIOS = [
    "capacity",
    "import",
    "rss",
    "construct",
    "sync",
    "async",
    "stream",
    "struct",
    "responses",
    "area",
    "uploads",
]


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small counts, finishes in 1-2 minutes")
    ap.add_argument("--output", help="also write the Markdown report to this file")
    ap.add_argument("--json", help="also write every per-round number to this JSON file")
    ap.add_argument("--only", help="comma list of scenarios: " + ",".join(SCENARIOS))
    ap.add_argument(
        "--clients",
        help="comma list of clients (raw httpx is always included): ours,ours2,official,openai;"
        " ours2 = ours on httpx2 (brings raw httpx2 along)",
    )
    ap.add_argument(
        "--transfer-mib",
        type=float,
        help="size of the uploads-and-downloads file in MiB (default 256; --quick: 32)",
    )
    args = ap.parse_args(argv)

    cfg = dict(QUICK if args.quick else FULL)
    if args.transfer_mib is not None:
        cfg["transfer_mib"] = args.transfer_mib
    only = SCENARIOS if not args.only else [s.strip() for s in args.only.split(",")]
    bad = [s for s in only if s not in SCENARIOS]
    if bad:
        ap.error(f"unknown scenario(s): {bad}")
    names = list(ALL)
    if args.clients:
        want = {s.strip() for s in args.clients.split(",")} | {"raw"}
        if "ours2" in want:
            want.add("raw2")
        unknown = want - set(ALL)
        if unknown:
            ap.error(f"unknown client(s): {sorted(unknown)}")
        names = [n for n in ALL if n in want]
    httpx_only = [n for n in names if n not in HTTPX2]

    t_start = perf_counter()
    env = environment(sys.executable)  # before the run: the git state that was measured
    res = Results()
    with server.start_server() as url:
        log(f"server at {url}")
        live = Live(names)
        for n, why in live.why.items():
            log(f"{n}: n/a ({why})")
        steps: List[tuple] = [
            ("capacity", lambda: scenario_capacity(res, cfg, url)),
            ("import", lambda: scenario_import(res, cfg, names)),
            ("rss", lambda: scenario_rss(res, cfg, names, url)),
            ("construct", lambda: scenario_construct(res, cfg, names, live, url)),
            ("sync", lambda: scenario_sync(res, cfg, names, live, url)),
            ("async", lambda: scenario_async(res, cfg, names, live, url)),
            ("stream", lambda: scenario_stream(res, cfg, names, live, url)),
            ("struct", lambda: scenario_struct(res, cfg, httpx_only, live)),
            ("responses", lambda: scenario_responses(res, cfg, names, live, url)),
            ("area", lambda: scenario_area(res, cfg, httpx_only, url)),
            (
                "uploads",
                lambda: _transfer.scenario_transfer(res, cfg, httpx_only, url, run_sub, fmt),
            ),
        ]
        for key, fn in steps:
            if key not in only:
                continue
            t0 = perf_counter()
            log(f"scenario {key} ...")
            fn()
            log(f"scenario {key} done in {perf_counter() - t0:.1f}s")

    elapsed = perf_counter() - t_start
    mode = "quick" if args.quick else "full"
    report = [
        f"## Results ({mode} run, {elapsed:.0f} s)",
        "",
        *env,
        "",
        "↑ higher is better, ↓ lower is better. median and min–max are over rounds; the ratio is the median "
        "over rounds of (client ÷ baseline of the same round). Baseline: raw httpx (the floor "
        "`import httpx, attrs, cattrs` for import/RSS; `json.loads` of the payload for structuring)"
        + (
            "; second ratio column: raw httpx2 (floor `import httpx2, attrs, cattrs`)."
            if "raw2" in names
            else "."
        ),
        "",
        render_table(res),
        "",
        "### Targets for portkey (ours)",
        "",
        targets(res),
        "",
    ]
    report.extend(res.notes)
    for n, why in live.why.items():
        report.append(f"- {client_label(n)}: n/a — {why}")
    text = "\n".join(report).rstrip() + "\n"
    print(text)
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
        log(f"wrote {args.output}")
    if args.json:
        dump = [
            dict(
                scenario=r.scenario,
                metric=r.metric,
                client=r.client,
                label=r.label or client_label(r.client),
                higher_better=r.higher_better,
                values=r.values,
                ratios=r.ratios(),
                ratios_httpx2=r.ratios(True),
                error=r.error,
            )
            for r in res.rows
        ]
        with open(args.json, "w") as f:
            json.dump(dict(mode=mode, elapsed_s=elapsed, config=cfg, rows=dump), f, indent=1)
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
