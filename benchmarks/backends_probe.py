#!/usr/bin/env python
"""Does httpcore2 still need our httpcore 1.0 speed fixes? Two measurements (issue 16).

usage: python benchmarks/backends_probe.py pool [--rounds 7] [--calls 600]
       python benchmarks/backends_probe.py sniffio [--rounds 5]

pool     async c=100 as scenario 5 measures it (a new client per round, 100 untimed calls
         that open 100 connections, then the timed calls from 100 workers), raw clients with
         1000/100 limits: httpx on httpcore 1.0's pool and on our ``_LinearPool``
         (``portkey/_transport.py``), httpx2 on httpcore2's pool and on the same mixin
         patched in (an experiment: ours builds httpx2 clients on httpcore2's own pool).
sniffio  sniffio made absent (a meta-path finder that walks ``sys.path`` and fails, as a
         missing module does): ``import sniffio`` attempts per request and client CPU per
         call at c=1, one fresh process per client (ours on httpx patches httpcore
         process-wide, so it must not share a process with raw httpx).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib.machinery
import os
import statistics
import subprocess
import sys
from time import perf_counter, process_time
from typing import Any, Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import clients  # noqa: E402
import server  # noqa: E402

BODY = {"model": clients.MODEL, "messages": clients.MESSAGES}
POOLS = [
    "httpx, httpcore 1.0 pool",
    "httpx, _LinearPool",
    "httpx2, httpcore2 pool",
    "httpx2, _LinearPool",
]


def _variant(name: str) -> Tuple[Any, Optional[type]]:
    import httpx
    import httpx2

    from portkey import _transport

    if name.startswith("httpx2"):
        if "Linear" not in name:
            return httpx2, None
        import httpcore2

        return httpx2, type("Linear2", (_transport._LinearPool, httpcore2.AsyncConnectionPool), {})
    return httpx, (_transport._LinearAsyncPool if "Linear" in name else None)


async def _c100(url: str, lib: Any, pool: Optional[type], calls: int) -> Tuple[float, float]:
    limits = lib.Limits(max_connections=1000, max_keepalive_connections=100)
    c = lib.AsyncClient(base_url=url + "/v1", headers=clients.RawHttpx.HEADERS, limits=limits)
    if pool is not None:
        c._transport._pool.__class__ = pool  # same layout: a subclass with no state of its own
    left = 0

    async def worker() -> None:
        nonlocal left
        while left > 0:
            left -= 1
            r = await c.post("/chat/completions", json=BODY)
            r.raise_for_status()
            r.json()["choices"][0]["message"]["content"]

    left = 100
    await asyncio.gather(*(worker() for _ in range(100)))
    left = calls
    gc.collect()
    c0, t0 = process_time(), perf_counter()
    await asyncio.gather(*(worker() for _ in range(100)))
    c1, t1 = process_time(), perf_counter()
    await c.aclose()
    return (c1 - c0) / calls * 1e6, calls / (t1 - t0)


def pool(rounds: int, calls: int) -> None:
    res: Dict[str, List[Tuple[float, float]]] = {n: [] for n in POOLS}
    with server.start_server() as url:
        for r in range(rounds):
            for n in POOLS[r % 4 :] + POOLS[: r % 4]:
                lib, cls = _variant(n)
                slow = n == POOLS[0]  # ~13 ms of CPU per call: fewer calls, same method
                res[n].append(asyncio.run(_c100(url, lib, cls, 300 if slow else calls)))
    print(f"c=100, 1000/100 limits, {rounds} rounds (median)")
    print("| client, pool | client CPU per call, µs | requests/s |\n|---|---:|---:|")
    for n, rows in res.items():
        cpu = statistics.median(x[0] for x in rows)
        rps = statistics.median(x[1] for x in rows)
        print(f"| {n} | {cpu:,.0f} | {rps:,.0f} |")


class _Absent:
    """``sniffio`` not installed: each lookup walks sys.path, then fails."""

    lookups = 0

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "sniffio":
            return None
        _Absent.lookups += 1
        importlib.machinery.PathFinder.find_spec("sniffio_is_not_installed")
        raise ModuleNotFoundError("No module named 'sniffio'", name="sniffio")


def _sniffio_one(name: str, rounds: int, per: int = 400) -> None:
    sys.meta_path.insert(0, _Absent())
    a = clients.ADAPTERS[name]()
    a.load()

    async def main(url: str) -> None:
        c = a.async_client(url)
        for _ in range(30):
            await a.acall(c)
        cpu, looks = [], []
        for _ in range(rounds):
            gc.collect()
            n0, c0 = _Absent.lookups, process_time()
            for _ in range(per):
                await a.acall(c)
            cpu.append((process_time() - c0) / per * 1e6)
            looks.append((_Absent.lookups - n0) / per)
        await a.aclose(c)
        print(f"| {a.name} | {statistics.median(looks):.2f} | {statistics.median(cpu):,.0f} |")

    with server.start_server() as url:
        assert "sniffio" not in sys.modules, "sniffio was imported before the finder"
        asyncio.run(main(url))


def sniffio(rounds: int) -> None:
    print("sniffio absent, async c=1 (median of rounds of 400 calls)")
    print("| client | `import sniffio` attempts per request | client CPU per call, µs |")
    print("|---|---:|---:|")
    for name in ("raw", "ours", "raw2", "ours2"):
        args = [sys.executable, __file__, "_sniffio_one", name, "--rounds", str(rounds)]
        sys.stdout.flush()
        subprocess.run(args, check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["pool", "sniffio", "_sniffio_one"])
    ap.add_argument("client", nargs="?", help=argparse.SUPPRESS)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--calls", type=int, default=600, help="timed calls per round (pool)")
    args = ap.parse_args()
    if args.what == "pool":
        pool(args.rounds, args.calls)
    elif args.what == "sniffio":
        sniffio(args.rounds)
    else:
        _sniffio_one(args.client, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
