#!/usr/bin/env python
"""Profile one benchmark workload of one client with cProfile; print the hotspots.

usage: python benchmarks/prof_ours.py WORKLOAD [--client ours] [-n N] [--top 25] [--sort tottime]

WORKLOAD is one of
  sync      N sequential non-stream calls (sync client)
  async1    N sequential non-stream calls (async client, concurrency 1)
  async100  N non-stream calls from 100 concurrent workers
  stream    one N-chunk stream (sync)
  astream   one N-chunk stream (async)
  ttfc      N short 5-chunk streams (sync)
  attfc     N short 5-chunk streams (async)
  rstream   one Responses stream of N text deltas (sync, ``responses.create(stream=True)``)
  arstream  one Responses stream of N text deltas (async)
  construct N sync client constructions

The local server runs in its own process, so only client-side work is profiled.
Lines are ``file:line(function)`` so hotspots can be opened directly. For a sampling
view with native frames, run the same workload under py-spy instead:
``py-spy record -o prof.svg -- python benchmarks/prof_ours.py stream -n 200000 --no-profile``.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import sys
from time import perf_counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import clients  # noqa: E402
import server  # noqa: E402

DEFAULT_N = {
    "sync": 3000,
    "async1": 3000,
    "async100": 5000,
    "stream": 100_000,
    "astream": 100_000,
    "ttfc": 1000,
    "attfc": 1000,
    "rstream": 100_000,
    "arstream": 100_000,
    "construct": 500,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workload", choices=sorted(DEFAULT_N))
    ap.add_argument("--client", default="ours", choices=sorted(clients.ADAPTERS))
    ap.add_argument("-n", type=int, help="count (calls, chunks or streams)")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--sort", default="tottime", help="pstats sort key: tottime, cumulative, ...")
    ap.add_argument("--no-profile", action="store_true", help="just run it (for py-spy)")
    ap.add_argument("--dump", help="also save the raw cProfile stats to this file")
    args = ap.parse_args()
    n = args.n or DEFAULT_N[args.workload]
    a = clients.ADAPTERS[args.client]()
    a.load()
    w = args.workload

    with server.start_server() as url:
        prof = cProfile.Profile()
        t0 = 0.0
        if w in ("sync", "stream", "ttfc", "construct", "rstream"):
            c = a.sync_client(url)
            for _ in range(20):
                a.call(c)
                a.stream_consume(c, "chunks-5")
                if w == "rstream":
                    a.rstream_consume(c, "chunks-5")
            if not args.no_profile:
                prof.enable()
            t0 = perf_counter()
            if w == "sync":
                for _ in range(n):
                    a.call(c)
            elif w == "stream":
                a.stream_consume(c, f"chunks-{n}")
            elif w == "rstream":
                a.rstream_consume(c, f"chunks-{n}")
            elif w == "ttfc":
                for _ in range(n):
                    a.stream_consume(c, "chunks-5")
            else:
                for _ in range(n):
                    a.close(a.sync_client(url))
            dt = perf_counter() - t0
            prof.disable()
            a.close(c)
        else:

            async def run() -> float:
                c = a.async_client(url)
                for _ in range(20):
                    await a.acall(c)
                    await a.astream_consume(c, "chunks-5")
                    if w == "arstream":
                        await a.arstream_consume(c, "chunks-5")
                if not args.no_profile:
                    prof.enable()
                t0 = perf_counter()
                if w == "async1":
                    for _ in range(n):
                        await a.acall(c)
                elif w == "async100":
                    left = n

                    async def worker() -> None:
                        nonlocal left
                        while left > 0:
                            left -= 1
                            await a.acall(c)

                    await asyncio.gather(*(worker() for _ in range(100)))
                elif w == "astream":
                    await a.astream_consume(c, f"chunks-{n}")
                elif w == "arstream":
                    await a.arstream_consume(c, f"chunks-{n}")
                else:
                    for _ in range(n):
                        await a.astream_consume(c, "chunks-5")
                dt = perf_counter() - t0
                prof.disable()
                await a.aclose(c)
                return dt

            dt = asyncio.run(run())

    print(f"{a.name}: {w} x {n}: {dt:.3f} s wall ({dt / n * 1e6:.1f} us per unit, profiler on)")
    if args.no_profile:
        return 0
    if args.dump:
        prof.dump_stats(args.dump)
    out = io.StringIO()
    st = pstats.Stats(prof, stream=out)
    st.sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
