"""First-touch probe, run in a fresh process per measurement by run.py (scenario "area").

usage: python _area_probe.py ADAPTER URL

Prints one JSON line. In order, in one fresh process:

1. the adapter's import statement (what a user writes), then the ``portkey.*`` modules loaded;
2. a sync client is built (timed: portkey-ai builds every area here);
3. one non-stream chat call and one 5-chunk chat stream (untimed: they load the transport and
   the stream machinery and open the connection, so that what follows is the cost of the
   Responses area alone);
4. ``client.responses`` touched (timed: the import of its resource and types modules);
5. a first ``responses.create`` and then 5 more (first − median of the later ones = its
   one-time setup), then the same for ``responses.create(stream=True)`` over a 5-delta stream.

The modules each step adds are listed by package (``portkey``, ``portkey_ai``, ``openai``).
"""

import json
import os
import statistics
import sys
from time import perf_counter

PACKAGES = ("portkey", "portkey_ai", "openai")


def loaded(prefix: str) -> list:
    return sorted(m for m in sys.modules if m == prefix or m.startswith(prefix + "."))


def new_modules(before: set) -> list:
    return sorted(m for m in set(sys.modules) - before if m.split(".", 1)[0] in PACKAGES)


def first_and_later(fn) -> tuple:
    t0 = perf_counter()
    fn()
    first = perf_counter() - t0
    later = []
    for _ in range(5):
        t0 = perf_counter()
        fn()
        later.append(perf_counter() - t0)
    return first * 1e3, statistics.median(later) * 1e3


def main() -> None:
    name, url = sys.argv[1], sys.argv[2]
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import clients  # tiny, stdlib only

    a = clients.ADAPTERS[name]()
    out: dict = {}
    try:
        exec(a.import_stmt, {})
        out["portkey_after_import"] = loaded("portkey")
        a.load()
        t0 = perf_counter()
        c = a.sync_client(url)
        out["construct_ms"] = (perf_counter() - t0) * 1e3
        out["portkey_after_construct"] = loaded("portkey")
        a.call(c)
        a.stream_consume(c, "chunks-5")
        before = set(sys.modules)
        t0 = perf_counter()
        c.responses  # noqa: B018 -- the first touch is what is measured
        out["touch_ms"] = (perf_counter() - t0) * 1e3
        out["added_by_touch"] = new_modules(before)
        before_calls = set(sys.modules)
        out["plain_first_ms"], out["plain_later_ms"] = first_and_later(lambda: a.rcall(c))
        out["stream_first_ms"], out["stream_later_ms"] = first_and_later(
            lambda: a.rstream_consume(c, "chunks-5")
        )
        out["added_by_calls"] = new_modules(before_calls)
        a.close(c)
    except Exception as e:  # keep what was measured before the failing step
        out["error"] = f"{type(e).__name__}: {e}"
    print(json.dumps(out))


if __name__ == "__main__":
    main()
