"""A fake LLM upstream for the real Portkey gateway, standard library only.

The gateway reaches it through ``x-portkey-custom-host: http://127.0.0.1:PORT/v1`` (or a config
target's ``custom_host``); it answers deterministically, so tests can assert exact bodies.

Run it alone::

    python tests/gateway/fake_upstream.py --port 0 [--port-file F] [--exit-with-parent]

It binds 127.0.0.1 only and prints ``fake-upstream listening on http://127.0.0.1:PORT``.

Endpoints (each also answers without the ``/v1`` prefix)
--------------------------------------------------------
OpenAI
  ``POST /v1/chat/completions``  content ``"echo: <text of the last user message>"``;
      ``stream: true`` -> SSE chunks ending in ``data: [DONE]`` (one chunk per word);
      ``stream_options.include_usage`` -> a last chunk with ``choices: []`` and ``usage``
      (the other chunks then carry ``"usage": null``, as OpenAI does);
      ``tools`` (and ``tool_choice`` not ``"none"``) -> one tool call to the first tool, or the one
      ``tool_choice`` names, arguments made from its JSON schema, ``finish_reason: tool_calls``;
      when the last message is a ``tool`` result the answer is text again:
      ``"echo: tool said <result>"``;
      ``response_format`` ``json_object`` -> content ``{"echo": "<last user text>"}``;
      ``json_schema`` -> content is a JSON instance made from the schema;
      ``n`` -> that many choices.
  ``POST /v1/embeddings``  one vector per input item (a string, a list of strings, a list of
      token ids, or a list of those); ``dimensions`` (default 1536); ``encoding_format``
      ``"float"`` (default) or ``"base64"`` (little-endian float32). The vectors are unit length
      and derived from a SHA-256 of the input item, so the same input always gives the same vector.
  ``GET /v1/models``  a fixed list.
Anthropic
  ``POST /v1/messages``  a Messages API reply (``content: [{"type": "text", ...}]``, or a
      ``tool_use`` block when the request has ``tools``); ``stream: true`` -> Anthropic's SSE event
      stream (message_start, content_block_start, ping, content_block_delta..., content_block_stop,
      message_delta, message_stop); no ``max_tokens`` -> 400 with Anthropic's error body
      ``{"type": "error", "error": {"type": "invalid_request_error", "message": ...}}``, as the
      real API answers.
Control (for tests; never through the gateway)
  ``GET /__hits``      ``{"hits": [{"method", "path", "model", "count"}, ...]}``, one row per
                       (method, path, model) since the last reset.
  ``GET /__requests``  ``{"requests": [...]}``: the last 500 requests as received (``seq``,
                       ``method``, ``path``, ``query``, ``headers`` with lower-case names, ``body``
                       parsed as JSON when it is JSON, else text, ``model``); filters
                       ``?model=`` and ``?path=``.
  ``POST /__reset``    clears the hit counters, the failure counters and the request log.
  ``GET /__health``    ``{"ok": true}``.

Every answer carries ``x-request-id: req_fake_<seq>`` (OpenAI's header) and ``request-id`` on
the Anthropic endpoint.

Failure modes: the model-name grammar
-------------------------------------
The request's ``model`` (the JSON body's ``model``; ``?model=`` on a GET) is split on ``+`` into
directives; a part that is not a directive is just a name, so ``gpt-4o-mini`` is a normal model
and ``gpt-4o-mini+slow-200`` is a slow one.

  ``fail-<status>``              always answer ``<status>`` with an error body.
  ``flaky-<n>-<status>``         the first ``n`` requests for this model name (counted across
                                 all paths since the last reset) answer ``<status>``; later ones
                                 succeed.
  ``slow-<ms>``                  sleep ``ms`` milliseconds before answering (before the status
                                 line, so a streamed reply sends nothing until then).
  ``drip-<ms>``                  in a stream, sleep ``ms`` between events.
  ``cut-<k>``                    in a stream, send ``k`` events, then drop the connection
                                 without the terminating chunk.
  ``ratelimit-retry-after-<s>``  always answer 429 with ``Retry-After: <s>``.
  ``retry-after-<s>``            add ``Retry-After: <s>`` to the failure responses of the other
                                 directives (``flaky-1-429+retry-after-1``: one 429 that asks for
                                 a 1 s wait, then success).
  ``retry-after-ms-<ms>``        add ``retry-after-ms: <ms>`` likewise.

Error bodies are OpenAI-style ``{"error": {"message", "type", "param", "code"}}`` on the OpenAI
endpoints and Anthropic-style ``{"type": "error", "error": {"type", "message"}}`` on
``/v1/messages``. The message always starts with ``fake upstream:`` and names the model.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterable, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

try:
    from . import fake_files, fake_responses
    from .fake_content import (
        CREATED,
        anthropic_error,
        count_tokens,
        embedding_vector,
        last_user_text,
        openai_error,
        prompt_tokens,
        sample_from_schema,
        text_of,
        words,
    )
except ImportError:  # run as a script: ``python tests/gateway/fake_upstream.py``
    import fake_files  # type: ignore[no-redef]
    import fake_responses  # type: ignore[no-redef]
    from fake_content import (  # type: ignore[no-redef]
        CREATED,
        anthropic_error,
        count_tokens,
        embedding_vector,
        last_user_text,
        openai_error,
        prompt_tokens,
        sample_from_schema,
        text_of,
        words,
    )

DEFAULT_DIMENSIONS = 1536
MAX_LOGGED_REQUESTS = 500
MODELS = [
    "gpt-4o-mini",
    "gpt-4o",
    "text-embedding-3-small",
    "claude-3-5-haiku-latest",
]

# ---------------------------------------------------------------------------------------------
# model-name grammar


class Mode:
    """The directives parsed from a model name."""

    __slots__ = ("cut", "drip_ms", "fail", "flaky", "retry_after", "retry_after_ms", "slow_ms")

    def __init__(self) -> None:
        self.fail: Optional[int] = None
        self.flaky: Optional[Tuple[int, int]] = None
        self.slow_ms = 0
        self.drip_ms = 0
        self.cut: Optional[int] = None
        self.retry_after: Optional[str] = None
        self.retry_after_ms: Optional[str] = None


_DIRECTIVES = [
    (re.compile(r"fail-(\d{3})"), "fail"),
    (re.compile(r"flaky-(\d+)-(\d{3})"), "flaky"),
    (re.compile(r"slow-(\d+)"), "slow"),
    (re.compile(r"drip-(\d+)"), "drip"),
    (re.compile(r"cut-(\d+)"), "cut"),
    (re.compile(r"ratelimit-retry-after-(\d+)"), "ratelimit"),
    (re.compile(r"retry-after-ms-(\d+)"), "retry_after_ms"),
    (re.compile(r"retry-after-(\d+)"), "retry_after"),
]


def parse_model(model: str) -> Mode:
    mode = Mode()
    for part in (model or "").split("+"):
        for pattern, kind in _DIRECTIVES:
            m = pattern.fullmatch(part)
            if not m:
                continue
            if kind == "fail":
                mode.fail = int(m.group(1))
            elif kind == "flaky":
                mode.flaky = (int(m.group(1)), int(m.group(2)))
            elif kind == "slow":
                mode.slow_ms = int(m.group(1))
            elif kind == "drip":
                mode.drip_ms = int(m.group(1))
            elif kind == "cut":
                mode.cut = int(m.group(1))
            elif kind == "ratelimit":
                mode.fail = 429
                mode.retry_after = m.group(1)
            elif kind == "retry_after_ms":
                mode.retry_after_ms = m.group(1)
            elif kind == "retry_after":
                mode.retry_after = m.group(1)
            break
    return mode


# ---------------------------------------------------------------------------------------------
# state


class State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits: Dict[Tuple[str, str, str], int] = {}
        self.model_hits: Dict[str, int] = {}
        self.requests: List[Dict[str, Any]] = []
        self.seq = 0
        self.api = fake_responses.Store()  # responses, conversations, stored chat completions
        self.files = fake_files.Store()  # files, uploads, batches (audio, images: stateless)

    def reset(self) -> None:
        with self.lock:
            self.hits.clear()
            self.model_hits.clear()
            self.requests.clear()
        self.api.reset()
        self.files.reset()

    def record(self, entry: Dict[str, Any]) -> int:
        """Log a request, count it, return how many times its model has been asked for."""
        with self.lock:
            self.seq += 1
            entry["seq"] = self.seq
            key = (entry["method"], entry["path"], entry["model"])
            self.hits[key] = self.hits.get(key, 0) + 1
            n = self.model_hits.get(entry["model"], 0) + 1
            self.model_hits[entry["model"]] = n
            self.requests.append(entry)
            del self.requests[:-MAX_LOGGED_REQUESTS]
            return n


# ---------------------------------------------------------------------------------------------
# the HTTP handler


class _ClientGone(Exception):
    pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-upstream/1"

    def version_string(self) -> str:
        return self.server_version

    server: FakeUpstreamServer

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    # quiet: the gateway's tests read the request log instead
    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            sys.stderr.write("fake-upstream: " + (format % args) + "\n")

    # -- plumbing ------------------------------------------------------------------------------

    def _read_body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is not None:
            return self.rfile.read(int(length)) if int(length) > 0 else b""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size_line = self.rfile.readline()
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        return b""

    def _send_json(
        self, status: int, payload: Any, headers: Optional[Dict[str, str]] = None
    ) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        # the head and the body in one write: no Nagle / delayed-ACK stall between them
        self._headers_buffer.append(b"\r\n" + data)
        self.flush_headers()

    def _start_stream(self, headers: Dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.flush()

    def _write_chunk(self, data: bytes) -> None:
        try:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError) as exc:
            raise _ClientGone() from exc

    def _stream(self, events: Iterable[bytes], mode: Mode, headers: Dict[str, str]) -> None:
        self._start_stream(headers)
        for i, event in enumerate(events):
            if mode.cut is not None and i >= mode.cut:
                self.close_connection = True
                try:
                    self.wfile.flush()
                    self.connection.shutdown(2)
                except OSError:
                    pass
                return
            if i and mode.drip_ms:
                time.sleep(mode.drip_ms / 1000)
            self._write_chunk(event)
        self._write_chunk(b"")  # the terminating zero-length chunk

    # -- dispatch ------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        try:
            self._handle(method)
        except _ClientGone:
            self.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        raw = self._read_body() if method != "GET" else b""
        state = self.server.state

        if path.startswith("/__"):
            self._control(method, path, query)
            return

        body: Any = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw.decode("utf-8", "replace")
        model = ""
        if isinstance(body, dict) and isinstance(body.get("model"), str):
            model = body["model"]
        elif "model" in query:
            model = query["model"]

        entry = {
            "method": method,
            "path": path,
            "query": query,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body,
            "model": model,
            "time": time.time(),
        }
        n = state.record(entry)
        seq = entry["seq"]

        route = path[3:] if path.startswith("/v1/") else path
        anthropic = route == "/messages"
        ids = {"x-request-id": f"req_fake_{seq}"}
        if anthropic:
            ids["request-id"] = f"req_fake_{seq}"

        mode = parse_model(model)
        if mode.slow_ms:
            time.sleep(mode.slow_ms / 1000)

        status = mode.fail
        if status is None and mode.flaky is not None and n <= mode.flaky[0]:
            status = mode.flaky[1]
        if status is not None:
            headers = dict(ids)
            if mode.retry_after is not None:
                headers["Retry-After"] = mode.retry_after
            if mode.retry_after_ms is not None:
                headers["retry-after-ms"] = mode.retry_after_ms
            message = f"fake upstream: forced {status} for model {model!r} (hit {n})"
            err = anthropic_error(status, message) if anthropic else openai_error(status, message)
            self._send_json(status, err, headers)
            return

        if fake_files.serve(self, state.files, method, route, query, raw, seq, ids):
            return  # files, uploads, batches, audio, image edits (fake_files.py)
        reply = None
        if not (method == "POST" and route == "/chat/completions"):
            reply = fake_responses.handle(state.api, method, route, query, body, model, seq)
        if reply is not None and reply.events is not None:
            self._stream(reply.events, mode, ids)
        elif reply is not None:
            self._send_json(reply.status, reply.payload, ids)
        elif method == "POST" and route == "/chat/completions" and isinstance(body, dict):
            self._chat(body, model, mode, seq, ids)
        elif method == "POST" and route == "/embeddings" and isinstance(body, dict):
            self._embeddings(body, model, ids)
        elif method == "GET" and route == "/models":
            data = [
                {"id": m, "object": "model", "created": CREATED, "owned_by": "fake-upstream"}
                for m in MODELS
            ]
            self._send_json(200, {"object": "list", "data": data}, ids)
        elif method == "GET" and route.startswith("/models/"):
            mid = route[len("/models/") :]
            self._send_json(
                200,
                {"id": mid, "object": "model", "created": CREATED, "owned_by": "fake-upstream"},
                ids,
            )
        elif method == "POST" and anthropic and isinstance(body, dict):
            self._messages(body, model, mode, seq, ids)
        elif method == "POST" and route in ("/chat/completions", "/embeddings", "/messages"):
            message = "fake upstream: the body must be a JSON object"
            err = anthropic_error(400, message) if anthropic else openai_error(400, message)
            self._send_json(400, err, ids)
        else:
            err = openai_error(404, f"fake upstream: no route for {method} {path}")
            err["error"]["code"] = "unknown_url"
            self._send_json(404, err, ids)

    def _control(self, method: str, path: str, query: Dict[str, str]) -> None:
        state = self.server.state
        if path == "/__hits" and method == "GET":
            with state.lock:
                rows = [
                    {"method": m, "path": p, "model": mo, "count": c}
                    for (m, p, mo), c in state.hits.items()
                ]
            self._send_json(200, {"hits": rows})
        elif path == "/__requests" and method == "GET":
            with state.lock:
                rows = list(state.requests)
            if "model" in query:
                rows = [r for r in rows if r["model"] == query["model"]]
            if "path" in query:
                rows = [r for r in rows if r["path"] == query["path"]]
            self._send_json(200, {"requests": rows})
        elif path == "/__reset" and method == "POST":
            state.reset()
            self._send_json(200, {"ok": True})
        elif path == "/__health":
            self._send_json(200, {"ok": True})
        else:
            self._send_json(404, {"error": f"no control route {method} {path}"})

    # -- OpenAI --------------------------------------------------------------------------------

    def _chat(self, body: Dict[str, Any], model: str, mode: Mode, seq: int, ids: Dict[str, str]):
        messages = body.get("messages")
        user = last_user_text(messages)
        last = messages[-1] if isinstance(messages, list) and messages else {}
        tools = body.get("tools") or []
        tool_choice = body.get("tool_choice")
        call: Optional[Dict[str, Any]] = None

        if isinstance(last, dict) and last.get("role") == "tool":
            content: Optional[str] = "echo: tool said " + text_of(last.get("content"))
        elif tools and tool_choice != "none":
            tool = tools[0]
            if isinstance(tool_choice, dict):
                wanted = (tool_choice.get("function") or {}).get("name")
                tool = next(
                    (t for t in tools if (t.get("function") or {}).get("name") == wanted), tool
                )
            fn = tool.get("function") or {}
            args = sample_from_schema(fn.get("parameters") or {"type": "object"}, user)
            call = {
                "id": f"call_fake_{seq}",
                "type": "function",
                "function": {"name": fn.get("name", "tool"), "arguments": json.dumps(args)},
            }
            content = None
        else:
            content = "echo: " + user
            fmt = body.get("response_format") or {}
            if isinstance(fmt, dict) and fmt.get("type") == "json_object":
                content = json.dumps({"echo": user})
            elif isinstance(fmt, dict) and fmt.get("type") == "json_schema":
                schema = (fmt.get("json_schema") or {}).get("schema") or {"type": "object"}
                content = json.dumps(sample_from_schema(schema, user))

        finish = "tool_calls" if call else "stop"
        n_choices = body.get("n") if isinstance(body.get("n"), int) and body["n"] > 0 else 1
        completion_text = content or (call["function"]["arguments"] if call else "")
        usage = {
            "prompt_tokens": prompt_tokens(messages),
            "completion_tokens": max(count_tokens(completion_text), 1) * n_choices,
        }
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        cid = f"chatcmpl-fake-{seq}"

        message: Dict[str, Any] = {"role": "assistant", "content": content, "refusal": None}
        if call:
            message["tool_calls"] = [call]
        choices = [
            {"index": i, "message": message, "logprobs": None, "finish_reason": finish}
            for i in range(n_choices)
        ]
        payload = {
            "id": cid,
            "object": "chat.completion",
            "created": CREATED,
            "model": model,
            "system_fingerprint": "fp_fake",
            "choices": choices,
            "usage": usage,
        }
        if body.get("store") is True:  # streamed or not, as OpenAI keeps it
            self.server.state.api.save_chat(payload, body)
        if not body.get("stream"):
            self._send_json(200, payload, ids)
            return

        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))

        def chunk(choices: List[Dict[str, Any]], **extra: Any) -> bytes:
            obj: Dict[str, Any] = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": CREATED,
                "model": model,
                "system_fingerprint": "fp_fake",
                "choices": choices,
            }
            if include_usage:
                obj["usage"] = None
            obj.update(extra)
            return b"data: " + json.dumps(obj).encode() + b"\n\n"

        def delta(i: int, d: Dict[str, Any], finish_reason: Optional[str] = None):
            return {"index": i, "delta": d, "logprobs": None, "finish_reason": finish_reason}

        def events() -> Iterable[bytes]:
            for i in range(n_choices):
                if call:
                    head = {
                        "index": 0,
                        "id": call["id"],
                        "type": "function",
                        "function": {"name": call["function"]["name"], "arguments": ""},
                    }
                    first = {"role": "assistant", "content": None, "tool_calls": [head]}
                    yield chunk([delta(i, first)])
                    for piece in words(call["function"]["arguments"]):
                        part = {"index": 0, "function": {"arguments": piece}}
                        yield chunk([delta(i, {"tool_calls": [part]})])
                else:
                    yield chunk([delta(i, {"role": "assistant", "content": "", "refusal": None})])
                    for piece in words(content or ""):
                        yield chunk([delta(i, {"content": piece})])
                yield chunk([delta(i, {}, finish)])
            if include_usage:
                yield chunk([], usage=usage)
            yield b"data: [DONE]\n\n"

        self._stream(events(), mode, ids)

    def _embeddings(self, body: Dict[str, Any], model: str, ids: Dict[str, str]) -> None:
        raw_input = body.get("input")
        if (
            isinstance(raw_input, list)
            and raw_input
            and not all(isinstance(x, int) for x in raw_input)
        ):
            items = raw_input  # a list of strings or a list of token lists
        else:
            items = [raw_input]  # one string or one token list
        dims = body.get("dimensions")
        dims = dims if isinstance(dims, int) and dims > 0 else DEFAULT_DIMENSIONS
        fmt = body.get("encoding_format") or "float"
        data = []
        tokens = 0
        for i, item in enumerate(items):
            vector = embedding_vector(item, dims)
            tokens += len(item) if isinstance(item, list) else count_tokens(str(item))
            if fmt == "base64":
                value: Any = base64.b64encode(struct.pack(f"<{dims}f", *vector)).decode()
            else:
                value = vector
            data.append({"object": "embedding", "index": i, "embedding": value})
        payload = {
            "object": "list",
            "data": data,
            "model": model,
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }
        self._send_json(200, payload, ids)

    # -- Anthropic -----------------------------------------------------------------------------

    def _messages(self, body: Dict[str, Any], model: str, mode: Mode, seq: int, ids):
        if "max_tokens" not in body:
            self._send_json(400, anthropic_error(400, "max_tokens: Field required"), ids)
            return
        messages = body.get("messages")
        user = last_user_text(messages)
        last = messages[-1] if isinstance(messages, list) and messages else {}
        tools = body.get("tools") or []
        tool_choice = body.get("tool_choice") or {}
        last_is_result = (
            isinstance(last, dict)
            and isinstance(last.get("content"), list)
            and any(isinstance(p, dict) and p.get("type") == "tool_result" for p in last["content"])
        )
        if tools and not last_is_result and tool_choice.get("type") != "none":
            tool = tools[0]
            if tool_choice.get("type") == "tool":
                tool = next((t for t in tools if t.get("name") == tool_choice.get("name")), tool)
            args = sample_from_schema(tool.get("input_schema") or {"type": "object"}, user)
            block: Dict[str, Any] = {
                "type": "tool_use",
                "id": f"toolu_fake_{seq}",
                "name": tool.get("name", "tool"),
                "input": args,
            }
            stop_reason = "tool_use"
            out_text = json.dumps(args)
        else:
            text = (
                ("echo: tool said " + text_of(last.get("content")))
                if last_is_result
                else ("echo: " + user)
            )
            block = {"type": "text", "text": text}
            stop_reason = "end_turn"
            out_text = text
        usage = {
            "input_tokens": prompt_tokens(messages, body.get("system")),
            "output_tokens": max(count_tokens(out_text), 1),
        }
        mid = f"msg_fake_{seq}"
        if not body.get("stream"):
            payload = {
                "id": mid,
                "type": "message",
                "role": "assistant",
                "model": model,
                "content": [block],
                "stop_reason": stop_reason,
                "stop_sequence": None,
                "usage": usage,
            }
            self._send_json(200, payload, ids)
            return

        def event(name: str, data: Dict[str, Any]) -> bytes:
            return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()

        def events() -> Iterable[bytes]:
            start = {
                "id": mid,
                "type": "message",
                "role": "assistant",
                "model": model,
                "content": [],
                "stop_reason": None,
                "stop_sequence": None,
                "usage": {"input_tokens": usage["input_tokens"], "output_tokens": 1},
            }
            yield event("message_start", {"type": "message_start", "message": start})
            if block["type"] == "text":
                first = {"type": "text", "text": ""}
            else:
                first = {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}
            yield event(
                "content_block_start",
                {"type": "content_block_start", "index": 0, "content_block": first},
            )
            yield event("ping", {"type": "ping"})
            for piece in words(out_text):
                if block["type"] == "text":
                    d = {"type": "text_delta", "text": piece}
                else:
                    d = {"type": "input_json_delta", "partial_json": piece}
                yield event(
                    "content_block_delta", {"type": "content_block_delta", "index": 0, "delta": d}
                )
            yield event("content_block_stop", {"type": "content_block_stop", "index": 0})
            yield event(
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": stop_reason, "stop_sequence": None},
                    "usage": {"output_tokens": usage["output_tokens"]},
                },
            )
            yield event("message_stop", {"type": "message_stop"})

        self._stream(events(), mode, ids)


class FakeUpstreamServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int = 0, host: str = "127.0.0.1", verbose: bool = False) -> None:
        self.state = State()
        self.verbose = verbose
        super().__init__((host, port), Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def serve_in_thread(port: int = 0) -> FakeUpstreamServer:
    """Start a fake upstream in this process (a daemon thread); ``.shutdown()`` stops it."""
    server = FakeUpstreamServer(port)
    threading.Thread(target=server.serve_forever, name="fake-upstream", daemon=True).start()
    return server


def _exit_with_parent() -> None:
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Fake OpenAI/Anthropic upstream on 127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 (default): any free port")
    parser.add_argument("--port-file", help="write the bound port to this file when listening")
    parser.add_argument(
        "--exit-with-parent", action="store_true", help="exit when the parent process goes away"
    )
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    args = parser.parse_args(argv)
    if args.exit_with_parent:
        _exit_with_parent()
    server = FakeUpstreamServer(args.port, verbose=args.verbose)
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as fh:
            fh.write(str(server.server_address[1]))
        os.replace(tmp, args.port_file)
    print(f"fake-upstream listening on {server.url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
