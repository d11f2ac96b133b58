"""A raw-socket HTTP/1.1 server that misbehaves on command (standard library only).

The server runs an asyncio loop in a background thread, on 127.0.0.1 and an ephemeral port.
Each request's behaviour is chosen, in this order, by:

1. the queue the test programmed before the call (``server.program("429_ms:100", "ok")``),
   one entry consumed per request;
2. the request's ``x-fault`` header (the test sets it with ``extra_headers`` or
   ``default_headers``), ``name`` or ``name:arg``;
3. otherwise ``ok``.

Nothing here is known to the SDK: ``x-fault`` is an ordinary extra header.

The server counts, on its side: connections opened / closed / open now (and the peak), requests
received (attempts), faults injected, and keeps a record of every request (arrival time,
behaviour, headers, connection number) so that tests can measure waits between attempts.

Behaviours (``arg`` in brackets):

ok                 a JSON chat completion (echoes ``x-echo`` into ``id`` and a response header)
sse                an event stream of [3] chunks then ``[DONE]``, chunked, keep-alive
sse_slow           [200] chunks, [0.01] s apart (streams to cancel or abandon mid-way)
gzip / sse_gzip    the same, with ``Content-Encoding: gzip``
reset_before       read the request, then RST (SO_LINGER 0) without answering
reset_mid_body     status line, headers and half of the JSON body, then RST
sse_reset          event-stream headers and two chunks, then RST
sse_reset_head     event-stream headers and half an event, then RST (nothing deliverable)
gzip_corrupt       200 JSON with content-encoding gzip and a body that is not gzip
sse_gzip_corrupt   the same with an event-stream content type
slow_headers       sleep [5] s before the status line, then ``ok``
sse_stall          event-stream headers and one chunk, then nothing for [10] s
html_502           a proxy's HTML 502 page
empty_503          503 with an empty body
text_500           500 with a plain-text body
truncated_json     200, application/json, a body cut in the middle of an object
invalid_json       200, application/json, a body that is not JSON at all
nested_json        200, application/json, [100000] levels of nested arrays (valid JSON)
nested_500         the same nesting as a 500's body
sse_nested         an event stream whose one event's data is that nesting
bad_base64         200, an embeddings response whose base64 embedding is not base64
429                429 without retry-after (a storm: programme or header it repeatedly)
429_s              429 with ``retry-after: [1]`` (seconds)
429_ms             429 with ``retry-after-ms: [100]``
429_date           429 with ``retry-after`` an HTTP date [1.5] s from now
429_hour           429 with ``retry-after: 3600``
reset_mid_upload   read [65536] bytes of the request body (chosen before the body is read),
                   then RST while the client is still sending
files              a tiny OpenAI files/uploads API by path (``files_api.py``); ``files:PART_ID``
                   answers that upload part with a 500 the first time it arrives
binary             200 application/octet-stream, [262144] bytes of ``files_api.payload``
binary_gzip        the same gzip-compressed (``Content-Encoding: gzip``)
binary_short       Content-Length of [262144] bytes, half of them sent, then the connection closed
binary_chunked_short  a chunked body of half the bytes, then closed without the last chunk
binary_gzip_corrupt   gzip of the bytes cut in the middle and followed by garbage
"""

from __future__ import annotations

import asyncio
import email.utils
import gzip
import json
import socket
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Deque, Dict, List, Optional, Set, Tuple

from . import files_api

__all__ = ["FaultServer", "RequestRecord", "unused_port"]

# Behaviours that are not faults (everything else counts as one injected fault).
NORMAL = frozenset({"ok", "sse", "sse_slow", "gzip", "sse_gzip", "files", "binary", "binary_gzip"})


@dataclass
class RequestRecord:
    at: float  # time.monotonic() when the request was fully read
    behaviour: str
    method: str
    path: str
    headers: Dict[str, str]
    body: bytes
    connection: int


@dataclass
class Totals:
    """Session-wide figures (never reset between tests)."""

    requests: int = 0
    faults: int = 0
    connections: int = 0
    refused_attempts: int = 0
    leaks: int = 0
    leak_notes: List[str] = field(default_factory=list)


def unused_port() -> int:
    """A port on 127.0.0.1 with nothing listening (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def completion(echo: str = "", content: str = "Hello from the fault server.") -> Dict[str, Any]:
    return {
        "id": f"chatcmpl-{echo}" if echo else "chatcmpl-fault",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "fault-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 3, "completion_tokens": 5, "total_tokens": 8},
    }


def chunk(i: int, content: str, finish: Optional[str] = None) -> bytes:
    data = {
        "id": "chatcmpl-stream",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "fault-model",
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": finish}],
    }
    return b"data: " + json.dumps(data).encode() + b"\n\n"


def _chunked(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


_REASONS = {
    200: "OK",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}

HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n"
    b"</body>\r\n</html>\r\n"
)
TEXT_500 = b"upstream exploded: segfault in worker 7"


class FaultServer:
    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.port = 0
        self._lock = threading.Lock()
        self._queue: Deque[str] = deque()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._server: Optional[asyncio.AbstractServer] = None
        self._tasks: Set[asyncio.Task[None]] = set()
        self._conn_seq = 0
        self.totals = Totals()
        self._zero()

    def _zero(self) -> None:
        self.connections_opened = 0
        self.connections_closed = 0
        self.peak_open = 0
        self.requests = 0
        self.faults = 0
        self.records: List[RequestRecord] = []
        self.failed_once: Set[str] = set()  # upload parts already failed (behaviour files)

    # Control (from the test thread) ------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    @property
    def open_connections(self) -> int:
        return self.connections_opened - self.connections_closed

    def start(self) -> FaultServer:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)

            async def boot() -> None:
                self._server = await asyncio.start_server(
                    self._handle, self.host, 0, backlog=4096, limit=1 << 20
                )
                self.port = self._server.sockets[0].getsockname()[1]

            loop.run_until_complete(boot())
            ready.set()
            loop.run_forever()
            loop.close()

        self._thread = threading.Thread(target=run, name="fault-server", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the fault server did not start")
        return self

    def stop(self) -> None:
        if self._loop is None:
            return
        self._call(self._shutdown())
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def program(self, *behaviours: str) -> None:
        """Queue behaviours for the next requests, one per request, before the header rule."""
        with self._lock:
            self._queue.extend(behaviours)

    def reset(self) -> None:
        """Drop every server-side connection and the queue; zero the per-test counters."""
        self._call(self._drop_all())
        with self._lock:
            self._queue.clear()
            self._zero()

    def wait_open(self, expected: int = 0, timeout: float = 5.0) -> int:
        """Poll until the server sees ``expected`` (or fewer) open connections; return it."""
        ends = time.monotonic() + timeout
        while self.open_connections > expected and time.monotonic() < ends:
            time.sleep(0.01)
        return self.open_connections

    async def await_open(self, expected: int = 0, timeout: float = 5.0) -> int:
        ends = time.monotonic() + timeout
        while self.open_connections > expected and time.monotonic() < ends:
            await asyncio.sleep(0.01)
        return self.open_connections

    def attempts(self, behaviour: Optional[str] = None) -> int:
        return sum(1 for r in self.records if behaviour is None or r.behaviour == behaviour)

    def gaps(self) -> List[float]:
        """Seconds between consecutive requests' arrivals."""
        times = [r.at for r in self.records]
        return [b - a for a, b in zip(times, times[1:])]

    def _call(self, coro: Any) -> Any:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(10)

    async def _drop_all(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=5)

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        await self._drop_all()

    # Serving (in the server thread) ------------------------------------------------------

    def _choose(self, headers: Dict[str, str]) -> str:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        return headers.get("x-fault", "ok")

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)  # type: ignore[arg-type]
        self._conn_seq += 1
        conn = self._conn_seq
        self.connections_opened += 1
        self.totals.connections += 1
        self.peak_open = max(self.peak_open, self.open_connections)
        try:
            while True:
                request = await self._read_request(reader)
                if request is None:
                    return
                method, path, headers, body, spec = request
                name, _, arg = spec.partition(":")
                self.records.append(
                    RequestRecord(time.monotonic(), name, method, path, headers, body, conn)
                )
                self.requests += 1
                self.totals.requests += 1
                if name not in NORMAL:
                    self.faults += 1
                    self.totals.faults += 1
                keep = await self._respond(name, arg, headers, reader, writer)
                if not keep or headers.get("connection", "").lower() == "close":
                    return
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            return
        except asyncio.CancelledError:
            return
        finally:
            self.connections_closed += 1
            self._tasks.discard(task)  # type: ignore[arg-type]
            if not writer.transport.is_closing():
                writer.transport.close()

    async def _read_request(
        self, reader: asyncio.StreamReader
    ) -> Optional[Tuple[str, str, Dict[str, str], bytes, str]]:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return None  # the client closed the connection
        lines = head.decode("latin-1").split("\r\n")
        method, path, _version = lines[0].split(" ", 2)
        headers: Dict[str, str] = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        spec = self._choose(headers)  # before the body: reset_mid_upload reads only some of it
        body = b""
        if spec.startswith("reset_mid_upload"):
            want = int(spec.partition(":")[2] or 65536)
            while len(body) < want:
                data = await reader.read(want - len(body))
                if not data:
                    break
                body += data
        elif "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                data = await reader.readexactly(size + 2)
                if size == 0:
                    break
                parts.append(data[:-2])
            body = b"".join(parts)
        return method, path, headers, body, spec

    @staticmethod
    def _head(status: int, headers: List[Tuple[str, str]]) -> bytes:
        lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}"]
        lines += [f"{k}: {v}" for k, v in headers]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    async def _send(
        self,
        writer: asyncio.StreamWriter,
        status: int,
        body: bytes,
        content_type: str = "application/json",
        extra: Optional[List[Tuple[str, str]]] = None,
    ) -> None:
        headers = [("content-type", content_type), ("content-length", str(len(body)))]
        headers += extra or []
        writer.write(self._head(status, headers) + body)
        await writer.drain()

    @staticmethod
    async def _rst(writer: asyncio.StreamWriter, pause: float = 0.0) -> None:
        await writer.drain()
        if pause:
            await asyncio.sleep(pause)
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()

    @staticmethod
    async def _idle(reader: asyncio.StreamReader, seconds: float) -> None:
        """Wait ``seconds``, but notice (and end the connection) if the client hangs up."""
        try:
            data = await asyncio.wait_for(reader.read(1), seconds)
        except asyncio.TimeoutError:
            return
        if not data:
            raise ConnectionResetError("the client closed the connection")

    async def _binary(self, name: str, size: int, writer: asyncio.StreamWriter) -> bool:
        """A binary answer, whole or broken (see the module docstring)."""
        data = files_api.payload(size)
        ctype = ("content-type", "application/octet-stream")
        gz = ("content-encoding", "gzip")
        if name in ("binary", "binary_gzip", "binary_gzip_corrupt"):
            if name == "binary":
                body, extra = data, []
            elif name == "binary_gzip":
                body, extra = gzip.compress(data), [gz]
            else:
                packed = gzip.compress(data)
                body, extra = packed[: len(packed) // 2] + b"\x00garbage, not deflate" * 64, [gz]
            await self._send(writer, 200, body, ctype[1], extra=extra)
            return True
        if name == "binary_short":
            writer.write(self._head(200, [ctype, ("content-length", str(size))]))
            writer.write(data[: size // 2])
        else:  # binary_chunked_short
            writer.write(self._head(200, [ctype, ("transfer-encoding", "chunked")]))
            for start in range(0, size // 2, 16384):
                writer.write(_chunked(data[start : min(start + 16384, size // 2)]))
        await writer.drain()
        writer.close()  # a clean close (FIN), not a reset: only the length says it is short
        return False

    async def _respond(
        self,
        name: str,
        arg: str,
        headers: Dict[str, str],
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> bool:
        """Answer one request; False when the connection is finished."""
        echo = headers.get("x-echo", "")
        echo_headers = [("x-echo", echo)] if echo else []
        if name in ("ok", "slow_headers"):
            if name == "slow_headers":
                await self._idle(reader, float(arg or 5))
            body = json.dumps(completion(echo)).encode()
            await self._send(writer, 200, body, extra=echo_headers)
            return True
        if name in ("gzip_corrupt", "sse_gzip_corrupt"):  # claims gzip, is not
            ctype = "text/event-stream" if name.startswith("sse") else "application/json"
            await self._send(
                writer,
                200,
                b"\x1f\x8b\x08\x00 certainly not gzip " * 4,
                ctype,
                extra=[("content-encoding", "gzip")],
            )
            return True
        if name == "gzip":
            body = gzip.compress(json.dumps(completion(echo, "gzipped hello")).encode())
            await self._send(writer, 200, body, extra=[("content-encoding", "gzip")])
            return True
        if name in ("sse", "sse_slow", "sse_gzip"):
            count = int(arg or (200 if name == "sse_slow" else 3))
            pause = 0.01 if name == "sse_slow" else 0.0
            events = [chunk(i, f"tok{i} ") for i in range(count)]
            events += [chunk(count, "", "stop"), b"data: [DONE]\n\n"]
            head = [
                ("content-type", "text/event-stream"),
                ("cache-control", "no-cache"),
                ("transfer-encoding", "chunked"),
            ]
            if name == "sse_gzip":
                events = [gzip.compress(b"".join(events))]
                head.append(("content-encoding", "gzip"))
            writer.write(self._head(200, head))
            for event in events:
                writer.write(_chunked(event))
                await writer.drain()
                if pause:
                    await self._idle(reader, pause)
            writer.write(b"0\r\n\r\n")
            await writer.drain()
            return True
        if name in ("reset_before", "reset_mid_upload"):
            await self._rst(writer)
            return False
        if name == "files":
            record = self.records[-1]
            status, body = files_api.answer(
                record.method, record.path, headers, record.body, arg, self.failed_once
            )
            if status >= 500:
                self.faults += 1
                self.totals.faults += 1
            await self._send(writer, status, body)
            return True
        if name.startswith("binary"):
            return await self._binary(name, int(arg or 262144), writer)
        if name == "reset_mid_body":
            body = json.dumps(completion(echo)).encode()
            head = self._head(
                200, [("content-type", "application/json"), ("content-length", str(len(body)))]
            )
            writer.write(head + body[: len(body) // 2])
            await self._rst(writer, pause=0.05)
            return False
        if name == "sse_reset_head":  # event-stream headers and half an event, then RST
            head = [("content-type", "text/event-stream"), ("transfer-encoding", "chunked")]
            writer.write(self._head(200, head) + _chunked(chunk(0, "first ")[:20]))
            await self._rst(writer, pause=0.05)
            return False
        if name in ("sse_reset", "sse_stall"):
            head = [("content-type", "text/event-stream"), ("transfer-encoding", "chunked")]
            writer.write(self._head(200, head) + _chunked(chunk(0, "first ")))
            if name == "sse_stall":
                await writer.drain()
                await self._idle(reader, float(arg or 10))
                return False
            writer.write(_chunked(chunk(1, "second ")))
            await self._rst(writer, pause=0.1)
            return False
        if name == "html_502":
            await self._send(writer, 502, HTML_502, "text/html")
            return True
        if name == "empty_503":
            await self._send(writer, 503, b"", "text/plain")
            return True
        if name == "text_500":
            await self._send(writer, 500, TEXT_500, "text/plain")
            return True
        if name == "truncated_json":
            body = json.dumps(completion(echo)).encode()
            await self._send(writer, 200, body[: len(body) // 2])
            return True
        if name == "invalid_json":
            await self._send(writer, 200, b"<html><body>OK, I guess</body></html>")
            return True
        if name in ("nested_json", "nested_500"):
            depth = int(arg or 100_000)
            status = 500 if name == "nested_500" else 200
            await self._send(writer, status, b"[" * depth + b"]" * depth)
            return True
        if name == "sse_nested":
            depth = int(arg or 100_000)
            head = [("content-type", "text/event-stream"), ("transfer-encoding", "chunked")]
            event = b"data: " + b"[" * depth + b"]" * depth + b"\n\n"
            writer.write(self._head(200, head) + _chunked(event) + b"0\r\n\r\n")
            await writer.drain()
            return True
        if name == "bad_base64":
            body = {
                "object": "list",
                "model": "fault-embed",
                "data": [{"object": "embedding", "index": 0, "embedding": "not base64 at all!"}],
            }
            await self._send(writer, 200, json.dumps(body).encode())
            return True
        if name.startswith("429"):
            extra: List[Tuple[str, str]] = []
            if name == "429_s":
                extra.append(("retry-after", arg or "1"))
            elif name == "429_ms":
                extra.append(("retry-after-ms", arg or "100"))
            elif name == "429_date":
                when = time.time() + float(arg or 1.5)
                extra.append(("retry-after", email.utils.formatdate(when, usegmt=True)))
            elif name == "429_hour":
                extra.append(("retry-after", "3600"))
            body = json.dumps(
                {"error": {"message": "Rate limit reached", "type": "rate_limit", "code": "429"}}
            ).encode()
            await self._send(writer, 429, body, extra=extra)
            return True
        await self._send(writer, 500, f"unknown fault {name!r}".encode(), "text/plain")
        return True
