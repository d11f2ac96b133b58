"""RSS probe, run in a fresh process per measurement by run.py.

usage: python _rss_probe.py ADAPTER URL
prints one JSON line: VmRSS in KiB at start (interpreter + the tiny stdlib-only
clients module), after the import, after building a sync client and after one
non-stream request.
"""

import json
import os
import sys


def rss_kib() -> int:
    try:
        with open("/proc/self/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource  # not Linux: peak RSS instead

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    name, url = sys.argv[1], sys.argv[2]
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import clients  # tiny, stdlib only

    a = clients.ADAPTERS[name]()
    out = {"start": rss_kib()}
    try:
        exec(a.import_stmt, {})  # a raw adapter's statement is the floor: httpx(2), attrs, cattrs
        out["import"] = rss_kib()
        if name in ("raw", "raw2"):  # the floor's own client, without httpx-sse
            import importlib

            lib = importlib.import_module(a.LIB)
            c = lib.Client(base_url=url + "/v1", headers=a.HEADERS)
        else:
            a.load()
            c = a.sync_client(url)
        out["client"] = rss_kib()
        a.call(c)
        out["request"] = rss_kib()
    except Exception as e:
        out = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
