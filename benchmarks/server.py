"""A fast local OpenAI-compatible server for the benchmarks.

Design goals: never be the bottleneck, and look like the real thing on the wire.

* raw HTTP/1.1 on an asyncio ``Protocol`` (uvloop when importable), keep-alive,
  pipelining-safe request parsing (``Content-Length`` and ``Transfer-Encoding:
  chunked`` request bodies);
* no JSON parsing per request: ``"stream": true`` is found with a regex over the
  raw body, and so is the model name;
* every response is precomputed and cached as one ``bytes`` object (headers +
  body), so answering is a dict lookup and one ``transport.write``.

Routes (any path prefix):

``POST .../chat/completions``
    non-stream: a realistic ~1 KB ``chat.completion`` with ``usage``;
    ``"stream": true``: an SSE stream (``Transfer-Encoding: chunked``, one HTTP
    chunk per event, keep-alive preserved) of N ``chat.completion.chunk`` events
    (~230 bytes each), then a usage chunk, then ``data: [DONE]``.  N comes from
    the model name: ``"chunks-10000"`` -> 10,000 content chunks (default 20).
``GET /health``
    ``ok``.

Run it: ``python benchmarks/server.py [--port 0]``; it prints ``LISTENING <port>``
on stdout once bound.  From Python use :func:`start_server` (a subprocess).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from typing import Dict, Iterator, Optional, Tuple

_MODEL_RE = re.compile(rb'"model"\s*:\s*"([^"\\]{0,200})"')
_STREAM_RE = re.compile(rb'"stream"\s*:\s*true')
_CHUNKS_RE = re.compile(r"chunks-(\d+)")

CREATED = 1730000000
FINGERPRINT = "fp_0ba0d124f1"
DEFAULT_STREAM_CHUNKS = 20

_WORDS = (
    " The",
    " quick",
    " brown",
    " fox",
    " jumps",
    " over",
    " the",
    " lazy",
    " dog",
    ".",
    " Benchmarks",
    " measure",
    " what",
    " they",
    " measure",
    ",",
    " nothing",
    " more",
    "!",
    " Streaming",
    " tokens",
    " arrive",
    " one",
    " at",
    " a",
    " time",
    " over",
    " SSE",
    ".\n",
)

_ANSWER = (
    "Here is a concise overview of how an AI gateway works. A gateway sits between your "
    "application and one or more model providers. It accepts an OpenAI-compatible request, "
    "applies routing rules (fallbacks, load balancing, retries with exponential backoff and "
    "conditional routing on metadata), optionally serves a semantic or simple cache hit, and "
    "then forwards the request to the selected provider with the right credentials. On the way "
    "back it normalises the provider response to the OpenAI schema, records latency, token "
    "usage and cost, and returns the result with trace headers so you can find the request in "
    "the logs later."
)


def _usage(prompt: int, completion: int) -> dict:
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def completion_body(model: str = "gpt-4o-mini") -> bytes:
    """The non-stream ``chat.completion`` body (~1 KB)."""
    d = {
        "id": "chatcmpl-BZ3kQ7mYh2vTzXw9Lr4nP8sE1aFgC",
        "object": "chat.completion",
        "created": CREATED,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": _ANSWER,
                    "refusal": None,
                    "annotations": [],
                },
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": _usage(42, 128),
        "service_tier": "default",
        "system_fingerprint": FINGERPRINT,
    }
    return json.dumps(d, separators=(",", ":")).encode()


def chunk_dicts(model: str, n: int) -> Iterator[dict]:
    """The ``chat.completion.chunk`` dicts of an n-chunk stream (plus usage chunk)."""
    base = {
        "id": "chatcmpl-BZ3kQ7mYh2vTzXw9Lr4nP8sE1aFgC",
        "object": "chat.completion.chunk",
        "created": CREATED,
        "model": model,
        "service_tier": "default",
        "system_fingerprint": FINGERPRINT,
    }
    for i in range(n):
        if i == 0:
            delta = {"role": "assistant", "content": "", "refusal": None}
        else:
            delta = {"content": _WORDS[i % len(_WORDS)]}
        finish = "stop" if i == n - 1 else None
        yield {
            **base,
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
            "usage": None,
        }
    yield {**base, "choices": [], "usage": _usage(42, n)}


def chunk_body(model: str = "gpt-4o-mini") -> bytes:
    """One representative content chunk as JSON (what the structuring benchmark uses)."""
    for i, d in enumerate(chunk_dicts(model, 3)):
        if i == 1:
            return json.dumps(d, separators=(",", ":")).encode()
    raise AssertionError


def _http_chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


_COMMON = b"date: Mon, 25 Nov 2024 20:00:00 GMT\r\nx-request-id: 8d2f6c1e-bench\r\nx-portkey-trace-id: bench\r\n"


def _nonstream_response(model: str) -> bytes:
    body = completion_body(model)
    head = (
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n%s"
        b"connection: keep-alive\r\n\r\n" % (len(body), _COMMON)
    )
    return head + body


def _stream_response(model: str, n: int) -> bytes:
    parts = [
        b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\n"
        b"cache-control: no-cache\r\ntransfer-encoding: chunked\r\n%s"
        b"connection: keep-alive\r\n\r\n" % _COMMON
    ]
    for d in chunk_dicts(model, n):
        parts.append(
            _http_chunk(b"data: " + json.dumps(d, separators=(",", ":")).encode() + b"\n\n")
        )
    parts.append(_http_chunk(b"data: [DONE]\n\n"))
    parts.append(b"0\r\n\r\n")
    return b"".join(parts)


_SIMPLE = {
    "health": b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok",
    "404": (
        b"HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: 33\r\n\r\n"
        b'{"error":{"message":"not found"}}'
    ),
    "400": b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
}


class _Cache:
    def __init__(self) -> None:
        self.nonstream: Dict[bytes, bytes] = {}
        self.stream: Dict[bytes, bytes] = {}

    def get(self, body: bytes) -> bytes:
        m = _MODEL_RE.search(body)
        model = m.group(1) if m else b"gpt-4o-mini"
        if _STREAM_RE.search(body):
            r = self.stream.get(model)
            if r is None:
                name = model.decode("utf-8", "replace")
                cm = _CHUNKS_RE.search(name)
                n = int(cm.group(1)) if cm else DEFAULT_STREAM_CHUNKS
                r = self.stream[model] = _stream_response(name, max(1, min(n, 10_000_000)))
            return r
        r = self.nonstream.get(model)
        if r is None:
            r = self.nonstream[model] = _nonstream_response(model.decode("utf-8", "replace"))
        return r


class HTTPProtocol(asyncio.Protocol):
    cache = _Cache()

    def __init__(self) -> None:
        self.buf = bytearray()
        self.transport: Optional[asyncio.Transport] = None

    def connection_made(self, transport) -> None:  # type: ignore[override]
        self.transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass

    def data_received(self, data: bytes) -> None:
        buf = self.buf
        buf += data
        while True:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(buf[:end])
            parsed = self._parse_body(head, end + 4)
            if parsed is None:
                return  # need more bytes
            body, consumed = parsed
            del buf[:consumed]
            first, _, rest = head.partition(b"\r\n")
            parts = first.split(b" ")
            if len(parts) != 3:
                self._write(_SIMPLE["400"], close=True)
                return
            method, path = parts[0], parts[1]
            lower = rest.lower()
            close = b"connection: close" in lower or parts[2] == b"HTTP/1.0"
            if method == b"POST" and path.split(b"?", 1)[0].endswith(b"/chat/completions"):
                resp = self.cache.get(body)
            elif path == b"/health":
                resp = _SIMPLE["health"]
            else:
                resp = _SIMPLE["404"]
            self._write(resp, close)
            if close:
                return

    def _parse_body(self, head: bytes, start: int) -> Optional[Tuple[bytes, int]]:
        buf = self.buf
        lower = head.lower()
        i = lower.find(b"\r\ncontent-length:")
        if i >= 0:
            j = lower.find(b"\r\n", i + 2)
            n = int(lower[i + 17 : j if j >= 0 else len(lower)].strip())
            if len(buf) < start + n:
                return None
            return bytes(buf[start : start + n]), start + n
        if b"\r\ntransfer-encoding: chunked" in lower or b"\r\ntransfer-encoding:chunked" in lower:
            pos = start
            out = bytearray()
            while True:
                nl = buf.find(b"\r\n", pos)
                if nl < 0:
                    return None
                size = int(bytes(buf[pos:nl]).split(b";", 1)[0], 16)
                if size == 0:
                    trailer_end = buf.find(b"\r\n\r\n", nl)
                    if buf[nl : nl + 4] == b"\r\n\r\n":
                        return bytes(out), nl + 4
                    if trailer_end < 0:
                        return None
                    return bytes(out), trailer_end + 4
                if len(buf) < nl + 2 + size + 2:
                    return None
                out += buf[nl + 2 : nl + 2 + size]
                pos = nl + 2 + size + 2
        return b"", start

    def _write(self, data: bytes, close: bool) -> None:
        t = self.transport
        if t is None or t.is_closing():
            return
        t.write(data)
        if close:
            t.close()

    def connection_lost(self, exc) -> None:  # type: ignore[override]
        self.transport = None


async def serve(host: str, port: int, ready_fd=None) -> None:
    loop = asyncio.get_running_loop()
    # warm the caches for the sizes the benchmark uses
    HTTPProtocol.cache.get(b'{"model":"gpt-4o-mini"}')
    for n in (5, 10_000):
        HTTPProtocol.cache.get(b'{"model":"chunks-%d","stream":true}' % n)
    server = await loop.create_server(HTTPProtocol, host, port, backlog=1024, reuse_address=True)
    bound = server.sockets[0].getsockname()[1]
    print(f"LISTENING {bound}", flush=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    async with server:
        await stop.wait()


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--no-uvloop", action="store_true", help="use the stdlib event loop")
    args = ap.parse_args(argv)
    if not args.no_uvloop:
        try:
            import uvloop

            uvloop.install()
        except ImportError:
            pass
    try:
        asyncio.run(serve(args.host, args.port))
    except KeyboardInterrupt:
        pass


@contextmanager
def start_server(python: str = sys.executable, uvloop: bool = True) -> Iterator[str]:
    """Run the server in a subprocess on a free loopback port; yield its base URL."""
    cmd = [python, os.path.abspath(__file__), "--port", "0"]
    if not uvloop:
        cmd.append("--no-uvloop")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("LISTENING "):
            raise RuntimeError(f"benchmark server failed to start: {line!r}")
        url = f"http://127.0.0.1:{int(line.split()[1])}"
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", int(line.split()[1])), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main()
