"""Small in-process HTTP servers on 127.0.0.1 for the integration tests (standard library only).

``Recorder``
    Records every request (method, path, lower-case headers, body parsed as JSON when it is)
    and answers ``200 {"success": true}``, or what ``answer(status, body)`` set. It stands in
    for Portkey's API where callback handlers and span exporters send their logs::

        with Recorder() as server:
            handler = LangchainCallbackHandler(api_key="pk-test", base_url=server.url)
            ...
            server.bodies("/logs")   # the JSON bodies POSTed to /logs, oldest first

``CompletionsUpstream``
    The legacy ``POST /v1/completions`` (the gateway's fake upstream has only chat): text
    ``"echo: <prompt>"``, ``stream: true`` as SSE chunks (one per word) then ``[DONE]``,
    usage as OpenAI counts it here (words). Route the gateway to it with ``custom_host=
    server.url`` (it ends in ``/v1``), like the fake upstream.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Tuple

__all__ = ["CompletionsUpstream", "LocalServer", "Recorder"]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        record = {
            "method": self.command,
            "path": self.path.split("?", 1)[0],
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body,
        }
        with self.server.owner.lock:
            self.server.owner.records.append(record)
        status, headers, payload = self.server.owner.respond(record)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if isinstance(payload, list):  # an event stream: chunked
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for piece in payload:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = _serve


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LocalServer


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 (a free port) that records what it receives.

    Subclasses answer in ``respond(record) -> (status, headers, bytes or list of bytes)``; a
    list is sent chunked, piece by piece (an event stream).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.records: List[Dict[str, Any]] = []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def respond(self, record: Dict[str, Any]) -> Tuple[int, Dict[str, str], Any]:
        raise NotImplementedError

    def requests(self, path: Optional[str] = None) -> List[Dict[str, Any]]:
        with self.lock:
            return [r for r in self.records if path in (None, r["path"])]

    def bodies(self, path: Optional[str] = None) -> List[Any]:
        return [r["body"] for r in self.requests(path)]

    def clear(self) -> None:
        with self.lock:
            self.records.clear()


def _json(status: int, body: Any) -> Tuple[int, Dict[str, str], bytes]:
    return status, {"Content-Type": "application/json"}, json.dumps(body).encode()


class Recorder(LocalServer):
    """Records requests; answers ``200 {"success": true}`` or what ``answer`` set."""

    def __init__(self) -> None:
        super().__init__()
        self.url = self.base  # Portkey's API root: handlers append /logs etc.
        self._answer: Tuple[int, Any] = (200, {"success": True})

    def __enter__(self) -> Recorder:
        super().__enter__()
        return self

    def answer(self, status: int, body: Any) -> None:
        self._answer = (status, body)

    def respond(self, record: Dict[str, Any]) -> Tuple[int, Dict[str, str], Any]:
        return _json(*self._answer)


class CompletionsUpstream(LocalServer):
    """An upstream with the legacy ``/v1/completions`` (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.url = self.base + "/v1"
        self._seq = 0

    def __enter__(self) -> CompletionsUpstream:
        super().__enter__()
        return self

    def respond(self, record: Dict[str, Any]) -> Tuple[int, Dict[str, str], Any]:
        body = record["body"]
        if record["path"] != "/v1/completions" or not isinstance(body, dict):
            return _json(404, {"error": {"message": "no such route", "type": "not_found"}})
        with self.lock:
            self._seq += 1
            seq = self._seq
        prompt = body.get("prompt")
        prompt = prompt if isinstance(prompt, str) else json.dumps(prompt)
        text = "echo: " + prompt
        model = body.get("model") or "fake-instruct"
        usage = {
            "prompt_tokens": len(prompt.split()),
            "completion_tokens": len(text.split()),
            "total_tokens": len(prompt.split()) + len(text.split()),
        }
        base = {"id": f"cmpl-fake-{seq}", "object": "text_completion", "created": 1700000000}
        base["model"] = model
        if not body.get("stream"):
            choice = {"text": text, "index": 0, "logprobs": None, "finish_reason": "stop"}
            return _json(200, {**base, "choices": [choice], "usage": usage})
        events = []
        for piece in re.findall(r"\s*\S+", text):
            choice = {"text": piece, "index": 0, "logprobs": None, "finish_reason": None}
            events.append({**base, "choices": [choice]})
        events.append(
            {
                **base,
                "choices": [{"text": "", "index": 0, "logprobs": None, "finish_reason": "stop"}],
            }
        )
        if (body.get("stream_options") or {}).get("include_usage"):
            events.append({**base, "choices": [], "usage": usage})
        data = [b"data: " + json.dumps(e).encode() + b"\n\n" for e in events]
        return 200, {"Content-Type": "text/event-stream"}, [*data, b"data: [DONE]\n\n"]
