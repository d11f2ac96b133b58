"""Upload/download probe, run in a fresh process per measurement by run.py (scenario 10).

usage: python _transfer_probe.py CLIENT OP URL FILE OUT_DIR

CLIENT: raw | ours | official | openai.  OP:
  file     files.create(file=open(FILE, "rb"), purpose="batch")   (raw: httpx.Client.post with
           the same multipart form, the file object in ``files=``)
  path     files.create(file=pathlib.Path(FILE), purpose="batch")
  chunked  uploads.upload_file_chunked(file=Path(FILE), ..., part_size=size // 4)
  speech   audio.speech with_streaming_response -> stream_to_file (raw: httpx.Client.stream +
           iter_bytes written to a file); the server answers size(FILE) bytes

The process imports the client, builds it, and runs the same operation once on a 1 KiB file
(so every module it needs is loaded and the connection is open). Then the kernel's peak-RSS
mark is reset (``/proc/self/clear_refs`` ← 5; where that is not allowed, ``ru_maxrss`` before
is the mark) and the real operation runs. Prints one JSON line: ``before`` (VmRSS, KiB),
``peak`` (VmHWM after, KiB), ``seconds`` (wall time of the operation), ``bytes`` (file size),
``reset`` (whether the mark was reset).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict

PURPOSE = "batch"
MIME = "application/jsonl"
VOICE = "alloy"
SPEECH_INPUT = "The quick brown fox jumps over the lazy dog."


def _status(key: bytes) -> int:
    with open("/proc/self/status", "rb") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1])
    raise KeyError(key)


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _ops(name: str, a: Any, c: Any, url: str, out_dir: str) -> Dict[str, Callable[[str], Any]]:
    """op -> fn(path): the calls each client makes."""
    out = os.path.join(out_dir, f"speech-{name}-{os.getpid()}.mp3")

    def speech_model(path: str) -> str:
        return f"bytes-{os.path.getsize(path)}"

    if name == "raw":

        def file(path: str) -> Any:
            with open(path, "rb") as f:
                r = c.post("/files", data={"purpose": PURPOSE}, files={"file": f})
            r.raise_for_status()
            return r.json()

        def speech(path: str) -> Any:
            body = {"model": speech_model(path), "voice": VOICE, "input": SPEECH_INPUT}
            with c.stream("POST", "/audio/speech", json=body) as r:
                r.raise_for_status()
                with open(out, "wb") as f:
                    for chunk in r.iter_bytes():
                        f.write(chunk)
            return os.path.getsize(out)

        return {"file": file, "speech": speech}

    fresh = [c, a.sync_client(url)] if name == "official" else []

    def sdk_file(path: str) -> Any:
        with open(path, "rb") as f:
            return c.files.create(file=f, purpose=PURPOSE)

    def sdk_path(path: str) -> Any:
        return c.files.create(file=Path(path), purpose=PURPOSE)

    def sdk_chunked(path: str) -> Any:
        size = os.path.getsize(path)
        return c.uploads.upload_file_chunked(
            file=Path(path), mime_type=MIME, purpose=PURPOSE, part_size=max(1, size // 4)
        )

    def sdk_speech(path: str) -> Any:
        kw = dict(model=speech_model(path), voice=VOICE, input=SPEECH_INPUT)
        if name == "official":
            # portkey-ai 2.3.4 has no audio.speech.with_streaming_response; its way is
            # create(stream=True), which swaps its openai client for the vendored openai's
            # with_streaming_response wrapper for good, so a second call on the same client
            # fails (AttributeError): every call gets a client of its own, built up front.
            cm = fresh.pop().audio.speech.create(**kw, stream=True)
        else:
            cm = c.audio.speech.with_streaming_response.create(**kw)
        with cm as r:
            r.stream_to_file(out)
        return os.path.getsize(out)

    return {"file": sdk_file, "path": sdk_path, "chunked": sdk_chunked, "speech": sdk_speech}


def main() -> None:
    name, op, url, path, out_dir = sys.argv[1:6]
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import clients  # tiny, stdlib only

    a = clients.ADAPTERS[name]()
    try:
        a.load()
        if name == "raw":
            import httpx

            c = httpx.Client(base_url=url + "/v1", headers=a.HEADERS, timeout=600)
        else:
            c = a.sync_client(url)
        ops = _ops(name, a, c, url, out_dir)
        if op not in ops:
            print(json.dumps({"error": f"{a.name} has no {op}"}))
            return
        fn = ops[op]
        small = os.path.join(out_dir, f"warm-{os.getpid()}.jsonl")
        with open(small, "wb") as f:
            f.write(b'{"custom_id": "warm-up"}\n' * 41)
        fn(small)  # loads what the operation needs, opens the connection
        os.unlink(small)
        size = os.path.getsize(path)
        reset = _reset_peak()
        before = _status(b"VmRSS:") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        fn(path)
        seconds = time.perf_counter() - t0
        peak = _status(b"VmHWM:") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out = {"before": before, "peak": peak, "seconds": seconds, "bytes": size, "reset": reset}
        for leftover in Path(out_dir).glob(f"speech-{name}-{os.getpid()}.mp3"):
            leftover.unlink()
    except Exception as e:
        out = {"error": f"{type(e).__name__}: {e}"[:300]}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
