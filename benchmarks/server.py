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
``POST .../responses``
    non-stream: a ``response`` object (one message item with one output_text
    part, ``usage``); ``"stream": true``: the Responses event stream as OpenAI
    sends it (``event:`` + ``data:`` lines, one HTTP chunk per event):
    ``response.created``, ``response.in_progress``, ``response.output_item.added``,
    ``response.content_part.added``, N ``response.output_text.delta`` (~250 bytes
    each, with ``sequence_number``, ``logprobs`` and ``obfuscation``), then
    ``response.output_text.done``, ``response.content_part.done``,
    ``response.output_item.done`` and ``response.completed`` (the full response
    with the joined text and ``usage``). N comes from the model name as above.
``POST .../files``, ``POST .../uploads/{id}/parts``
    multipart uploads: the body is read as it arrives and thrown away (never buffered,
    ``Content-Length`` or chunked), then a ``file`` / ``upload.part`` object is answered
    (``bytes`` = the body's size; ``filename``/``purpose`` from the body's first 64 KiB).
``POST .../uploads``, ``POST .../uploads/{id}/complete``, ``.../cancel``
    ``upload`` objects (pending; completed with its ``file``; cancelled).
``POST .../audio/speech``
    N bytes of ``audio/mpeg``, chunked, written as fast as the client reads them (flow
    control: ``pause_writing``/``resume_writing``, never more than a few MiB queued).
    N comes from the model name: ``"bytes-268435456"`` -> 256 MiB (default 1 KiB).
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


RESPONSE_ID = "resp_0d5d3a7e0b6f4c2a0068f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5"
MESSAGE_ID = "msg_0d5d3a7e0b6f4c2a0068f1a2b3d0e1f2a3b4c5d6e7f8a9b0c1"


def response_dict(model: str, text: Optional[str], status: str = "completed") -> dict:
    """A Responses API ``response`` object as OpenAI returns it (``text=None``: no output yet)."""
    output: list = []
    usage = None
    if text is not None:
        output = [
            {
                "id": MESSAGE_ID,
                "type": "message",
                "status": "completed",
                "content": [
                    {"type": "output_text", "annotations": [], "logprobs": [], "text": text}
                ],
                "role": "assistant",
            }
        ]
        n_out = max(1, len(text) // 5)
        usage = {
            "input_tokens": 42,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": n_out,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 42 + n_out,
        }
    return {
        "id": RESPONSE_ID,
        "object": "response",
        "created_at": CREATED,
        "status": status,
        "background": False,
        "billing": {"payer": "developer"},
        "completed_at": CREATED + 2 if status == "completed" else None,
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "max_output_tokens": None,
        "max_tool_calls": None,
        "model": model,
        "output": output,
        "parallel_tool_calls": True,
        "previous_response_id": None,
        "prompt_cache_key": None,
        "prompt_cache_retention": None,
        "reasoning": {"effort": None, "summary": None},
        "safety_identifier": None,
        "service_tier": "default",
        "store": True,
        "temperature": 1.0,
        "text": {"format": {"type": "text"}, "verbosity": "medium"},
        "tool_choice": "auto",
        "tools": [],
        "top_logprobs": 0,
        "top_p": 1.0,
        "truncation": "disabled",
        "usage": usage,
        "user": None,
        "metadata": {},
    }


def response_body(model: str = "gpt-4o-mini") -> bytes:
    """The non-stream ``response`` body (one message with the same answer as chat)."""
    return json.dumps(response_dict(model, _ANSWER), separators=(",", ":")).encode()


#: events of a Responses stream besides its text deltas (created, in_progress, item and part
#: added, text done, part done, item done, completed)
RESPONSE_FRAME_EVENTS = 8


def response_event_dicts(model: str, n: int) -> Iterator[dict]:
    """The events of a Responses stream with n ``response.output_text.delta`` events."""
    words = [_WORDS[i % len(_WORDS)] for i in range(n)]
    text = "".join(words)
    seq = iter(range(1 << 62))
    pending = response_dict(model, None, "in_progress")
    yield {"type": "response.created", "sequence_number": next(seq), "response": pending}
    yield {"type": "response.in_progress", "sequence_number": next(seq), "response": pending}
    item = {
        "id": MESSAGE_ID,
        "type": "message",
        "status": "in_progress",
        "content": [],
        "role": "assistant",
    }
    yield {
        "type": "response.output_item.added",
        "sequence_number": next(seq),
        "output_index": 0,
        "item": item,
    }
    where = {"item_id": MESSAGE_ID, "output_index": 0, "content_index": 0}
    empty = {"type": "output_text", "annotations": [], "logprobs": [], "text": ""}
    yield {
        "type": "response.content_part.added",
        "sequence_number": next(seq),
        **where,
        "part": empty,
    }
    for i, w in enumerate(words):
        yield {
            "type": "response.output_text.delta",
            "sequence_number": next(seq),
            **where,
            "delta": w,
            "logprobs": [],
            # OpenAI pads deltas with a random-length string unless include_obfuscation=false
            "obfuscation": "qZ3xV9bN1mKp"[: 4 + i % 9],
        }
    yield {
        "type": "response.output_text.done",
        "sequence_number": next(seq),
        **where,
        "text": text,
        "logprobs": [],
    }
    part = {**empty, "text": text}
    yield {
        "type": "response.content_part.done",
        "sequence_number": next(seq),
        **where,
        "part": part,
    }
    done_item = {**item, "status": "completed", "content": [part]}
    yield {
        "type": "response.output_item.done",
        "sequence_number": next(seq),
        "output_index": 0,
        "item": done_item,
    }
    yield {
        "type": "response.completed",
        "sequence_number": next(seq),
        "response": response_dict(model, text),
    }


def response_delta_body(model: str = "gpt-4o-mini") -> bytes:
    """One representative ``response.output_text.delta`` event as JSON."""
    for d in response_event_dicts(model, 3):
        if d["type"] == "response.output_text.delta":
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


def _json_response(body: bytes) -> bytes:
    head = (
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n%s"
        b"connection: keep-alive\r\n\r\n" % (len(body), _COMMON)
    )
    return head + body


def _responses_stream_response(model: str, n: int) -> bytes:
    parts = [
        b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\n"
        b"cache-control: no-cache\r\ntransfer-encoding: chunked\r\n%s"
        b"connection: keep-alive\r\n\r\n" % _COMMON
    ]
    for d in response_event_dicts(model, n):
        data = json.dumps(d, separators=(",", ":")).encode()
        parts.append(_http_chunk(b"event: %s\ndata: %s\n\n" % (d["type"].encode(), data)))
    parts.append(b"0\r\n\r\n")  # no [DONE]: a Responses stream ends after its final event
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
    """Precomputed answers by (route, stream?, model)."""

    def __init__(self) -> None:
        self.answers: Dict[Tuple[str, bool, bytes], bytes] = {}

    def get(self, body: bytes, route: str = "chat") -> bytes:
        m = _MODEL_RE.search(body)
        model = m.group(1) if m else b"gpt-4o-mini"
        stream = _STREAM_RE.search(body) is not None
        key = (route, stream, model)
        r = self.answers.get(key)
        if r is None:
            name = model.decode("utf-8", "replace")
            cm = _CHUNKS_RE.search(name)
            n = max(1, min(int(cm.group(1)) if cm else DEFAULT_STREAM_CHUNKS, 10_000_000))
            if route == "responses":
                r = (
                    _responses_stream_response(name, n)
                    if stream
                    else _json_response(response_body(name))
                )
            else:
                r = _stream_response(name, n) if stream else _nonstream_response(name)
            self.answers[key] = r
        return r


# ------------------------------------------------------- uploads and downloads --
_SINK_ROUTE = re.compile(rb"/(?:files|uploads/([^/?]+)/parts)$")
_UPLOAD_ROUTE = re.compile(rb"/uploads(?:/([^/?]+)/(complete|cancel))?$")
_FILENAME_RE = re.compile(rb'filename="([^"\\]{0,200})"')
_PURPOSE_RE = re.compile(rb'name="purpose"\r\n\r\n([^\r]{0,100})\r\n')
_BYTES_RE = re.compile(rb"bytes-(\d+)")
_PREFIX = 65536  # bytes of an upload kept (to find its filename and purpose)
_AUDIO = bytes(range(256)) * 4096  # 1 MiB of "audio"
_AUDIO_CHUNK = b"%x\r\n%s\r\n" % (len(_AUDIO), _AUDIO)
DEFAULT_AUDIO_BYTES = 1024


class _Sink:
    """A request body read as it arrives and dropped (``Content-Length`` or chunked): only
    its size and its first 64 KiB are kept."""

    def __init__(self, route: bytes, length: Optional[int], close: bool) -> None:
        self.route = route
        self.close = close
        self.left = length  # None: chunked
        self.size = 0
        self.prefix = bytearray()
        self.done = length == 0
        self._data_left = 0  # chunked: data bytes left in the current chunk
        self._skip = 0  # chunked: CRLF bytes left after it
        self._line = bytearray()
        self._trailers = False

    def _keep(self, data: memoryview) -> None:
        self.size += len(data)
        if len(self.prefix) < _PREFIX:
            self.prefix += data[: _PREFIX - len(self.prefix)]

    def feed(self, data: bytes) -> int:
        """Consume body bytes from ``data``; return how many were part of the body."""
        view = memoryview(data)
        if self.left is not None:
            take = min(self.left, len(view))
            self._keep(view[:take])
            self.left -= take
            self.done = self.left == 0
            return take
        pos, n = 0, len(view)
        while pos < n and not self.done:
            if self._data_left:
                take = min(self._data_left, n - pos)
                self._keep(view[pos : pos + take])
                self._data_left -= take
                pos += take
                if not self._data_left:
                    self._skip = 2
            elif self._skip:
                take = min(self._skip, n - pos)
                self._skip -= take
                pos += take
            else:  # a chunk-size line, or a trailer line after the last chunk
                nl = data.find(b"\n", pos)
                if nl < 0:
                    self._line += view[pos:]
                    return n
                line = bytes(self._line + view[pos:nl]).strip()
                self._line.clear()
                pos = nl + 1
                if self._trailers:
                    self.done = not line
                    continue
                size = int(line.split(b";", 1)[0], 16)
                if size:
                    self._data_left = size
                else:
                    self._trailers = True
        return pos

    def answer(self) -> bytes:
        m = _SINK_ROUTE.search(self.route)
        upload_id = m.group(1) if m else None
        if upload_id is not None:
            _COUNTER[0] += 1
            return _json_response(_dumps(_part_dict(upload_id.decode(), _COUNTER[0])))
        name = _FILENAME_RE.search(self.prefix)
        purpose = _PURPOSE_RE.search(self.prefix)
        return _json_response(
            _dumps(
                _file_dict(
                    self.size,
                    name.group(1).decode("utf-8", "replace") if name else "upload",
                    purpose.group(1).decode("utf-8", "replace") if purpose else "batch",
                )
            )
        )


_COUNTER = [0]
_UPLOADS: Dict[str, dict] = {}


def _dumps(d: dict) -> bytes:
    return json.dumps(d, separators=(",", ":")).encode()


def _file_dict(size: int, filename: str, purpose: str) -> dict:
    """A ``file`` object as OpenAI answers ``POST /files``."""
    _COUNTER[0] += 1
    return {
        "id": f"file-bench{_COUNTER[0]:06d}",
        "object": "file",
        "bytes": size,
        "created_at": CREATED,
        "expires_at": None,
        "filename": filename,
        "purpose": purpose,
        "status": "processed",
        "status_details": None,
    }


def _part_dict(upload_id: str, n: int) -> dict:
    return {
        "id": f"part_bench{n:06d}",
        "object": "upload.part",
        "created_at": CREATED,
        "upload_id": upload_id,
    }


def _upload_answer(body: bytes, upload_id: Optional[bytes], action: Optional[bytes]) -> bytes:
    """``POST /uploads`` (pending), ``.../complete`` (with its file), ``.../cancel``."""
    if upload_id is None:
        try:
            req = json.loads(body or b"{}")
        except ValueError:
            req = {}
        _COUNTER[0] += 1
        up = {
            "id": f"upload_bench{_COUNTER[0]:06d}",
            "object": "upload",
            "bytes": req.get("bytes", 0),
            "created_at": CREATED,
            "expires_at": CREATED + 3600,
            "filename": req.get("filename", "upload"),
            "purpose": req.get("purpose", "batch"),
            "status": "pending",
            "file": None,
        }
        if len(_UPLOADS) > 1000:
            _UPLOADS.clear()
        _UPLOADS[up["id"]] = up
        return _json_response(_dumps(up))
    key = upload_id.decode("utf-8", "replace")
    up = dict(_UPLOADS.pop(key, None) or {"id": key, "object": "upload", "bytes": 0})
    if action == b"complete":
        up["status"] = "completed"
        up["file"] = _file_dict(up["bytes"], up.get("filename", "upload"), up.get("purpose", ""))
    else:
        up["status"] = "cancelled"
    return _json_response(_dumps(up))


class HTTPProtocol(asyncio.Protocol):
    cache = _Cache()

    def __init__(self) -> None:
        self.buf = bytearray()
        self.transport: Optional[asyncio.Transport] = None
        self.sink: Optional[_Sink] = None
        self.out_left = 0  # bytes of a streamed answer still to write
        self.out_close = False
        self.paused = False

    def connection_made(self, transport) -> None:  # type: ignore[override]
        self.transport = transport
        transport.set_write_buffer_limits(high=8 << 20, low=2 << 20)
        sock = transport.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass

    # a streamed answer (audio): written while the client keeps up
    def pause_writing(self) -> None:
        self.paused = True

    def resume_writing(self) -> None:
        self.paused = False
        if self.out_left:
            self._pump()
            if not self.out_left and self.buf and not self.out_close:
                self.data_received(b"")  # a request that came in meanwhile

    def _stream_audio(self, n: int, close: bool) -> None:
        head = (
            b"HTTP/1.1 200 OK\r\ncontent-type: audio/mpeg\r\ntransfer-encoding: chunked\r\n%s"
            b"connection: keep-alive\r\n\r\n" % _COMMON
        )
        self.out_left = n
        self.out_close = close
        self._write(head, False)
        self._pump()

    def _pump(self) -> None:
        t = self.transport
        while self.out_left and not self.paused:
            if t is None or t.is_closing():
                self.out_left = 0
                return
            k = min(len(_AUDIO), self.out_left)
            t.write(_AUDIO_CHUNK if k == len(_AUDIO) else _http_chunk(_AUDIO[:k]))
            self.out_left -= k
            if not self.out_left:
                self._write(b"0\r\n\r\n", self.out_close)

    def data_received(self, data: bytes) -> None:
        if self.sink is not None:
            used = self.sink.feed(data)
            if not self.sink.done:
                return
            sink, self.sink = self.sink, None
            self._write(sink.answer(), sink.close)
            if sink.close:
                return
            data = data[used:]
        buf = self.buf
        buf += data
        while True:
            if self.out_left:
                return  # answered once the streamed answer is written
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(buf[:end])
            if head.startswith(b"POST ") and self._start_sink(head, end + 4):
                if self.sink is not None:
                    return  # the rest of the body arrives later
                continue
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
            route = path.split(b"?", 1)[0]
            if method == b"POST" and route.endswith(b"/chat/completions"):
                resp = self.cache.get(body)
            elif method == b"POST" and route.endswith(b"/responses"):
                resp = self.cache.get(body, "responses")
            elif method == b"POST" and route.endswith(b"/audio/speech"):
                m = _MODEL_RE.search(body)
                nm = _BYTES_RE.search(m.group(1)) if m else None
                self._stream_audio(int(nm.group(1)) if nm else DEFAULT_AUDIO_BYTES, close)
                if close:
                    return
                continue
            elif method == b"POST" and _UPLOAD_ROUTE.search(route):
                um = _UPLOAD_ROUTE.search(route)
                assert um is not None
                resp = _upload_answer(body, um.group(1), um.group(2))
            elif path == b"/health":
                resp = _SIMPLE["health"]
            else:
                resp = _SIMPLE["404"]
            self._write(resp, close)
            if close:
                return

    def _start_sink(self, head: bytes, start: int) -> bool:
        """An upload route: read its body as a stream (``self.sink``) instead of buffering it.
        False for any other request."""
        first, _, rest = head.partition(b"\r\n")
        parts = first.split(b" ")
        route = parts[1].split(b"?", 1)[0] if len(parts) == 3 else b""
        if not _SINK_ROUTE.search(route):
            return False
        lower = rest.lower()
        close = b"connection: close" in lower or parts[2] == b"HTTP/1.0"
        length: Optional[int] = None
        i = lower.find(b"content-length:")
        if i >= 0:
            j = lower.find(b"\r\n", i)
            length = int(lower[i + 15 : j if j >= 0 else len(lower)].strip())
        elif b"chunked" not in lower:
            length = 0
        sink = _Sink(route, length, close)
        pending = bytes(self.buf[start:])
        del self.buf[:]
        used = sink.feed(pending)
        if not sink.done:
            self.sink = sink
            return True
        self._write(sink.answer(), close)
        self.buf += pending[used:]
        return True

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
    HTTPProtocol.cache.get(b'{"model":"gpt-4o-mini"}', "responses")
    for n in (5, 10_000):
        HTTPProtocol.cache.get(b'{"model":"chunks-%d","stream":true}' % n)
        HTTPProtocol.cache.get(b'{"model":"chunks-%d","stream":true}' % n, "responses")
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
