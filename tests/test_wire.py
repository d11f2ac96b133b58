"""Replay the official SDK's recorded wire scenarios through our SDK, sync and async.

The yardstick is ``tests/wire/official_captures.json``: what ``portkey-ai==2.3.4`` sent for 309
scenarios (``tests/wire/capture_official.py`` made it; ``tests/wire/OFFICIAL_WIRE.md`` explains
it). Nothing of the official package is imported here: the JSON file is the whole reference.

For every scenario of a route we implement, we run the same client arguments, ``with_options``
and call through ``Portkey`` and ``AsyncPortkey`` against respx, and compare with the capture:
method, URL (with query), parsed JSON body, normalised headers, the read timeout, the error
raised, ``get_headers()``, the embedding returned and the number of stream chunks.

Where we differ from the official SDK on purpose, the difference is written down once, in
``DEVIATIONS`` below, with its reason; each one turns the official outcome into the outcome we
promise, and the test asserts that outcome (nothing is skipped). Scenarios of routes we do not
implement yet are skipped, with the route named in the reason.

The Responses API, conversations and stored chat completions (issue 10) were captured with more
detail: the capture also holds every answer its fake server gave (``upstream_responses``), which
the replay serves to our SDK byte for byte, every stream event's ``type``, the ids seen when a
list is iterated (auto-pagination) and what ``parse`` parsed. Their scenarios run as soon as both
of our clients have the method: no list to update.

Files, uploads, batches, audio and image edits (issue 11) were captured the same way, with their
file arguments written as markers that ``tests/wire/capture_files.py`` turns into real bytes,
paths, file objects and tuples (the replay uses its ``prepare``). Multipart bodies are compared
part by part (name, filename, content type, extra part headers, bytes; the boundary is
ignored), binary bodies and answers by their bytes.
"""

from __future__ import annotations

import base64
import importlib.util
import inspect
import json
import re
import struct
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import httpx
import pytest
import respx

from portkey import AsyncPortkey, Portkey

# Markers for file arguments and the multipart reader, shared with the capture (stdlib + httpx).
_spec = importlib.util.spec_from_file_location(
    "wire_capture_files", Path(__file__).parent / "wire" / "capture_files.py"
)
assert _spec is not None and _spec.loader is not None
capture_files: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(capture_files)
# Issue 13: the Portkey-route scenarios' datetime markers and the reading of results.
_spec = importlib.util.spec_from_file_location(
    "wire_capture_portkey", Path(__file__).parent / "wire" / "capture_portkey.py"
)
assert _spec is not None and _spec.loader is not None
capture_portkey: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(capture_portkey)

CAPTURES = json.loads(
    (Path(__file__).parent / "wire" / "official_captures.json").read_text(encoding="utf-8")
)
SCENARIOS: List[Dict[str, Any]] = CAPTURES["scenarios"]
BY_NAME: Dict[str, Dict[str, Any]] = {s["name"]: s for s in SCENARIOS}

# The routes before issue 10, all implemented (a regression there must fail, not skip).
IMPLEMENTED_ROUTES = {
    "chat.completions.create",
    "completions.create",
    "embeddings.create",
    "feedback.bulk_create",
    "feedback.create",
    "feedback.update",
    "images.generate",
    "models.delete",
    "models.list",
    "models.retrieve",
    "moderations.create",
    "prompts.completions.create",
    "prompts.render",
}


def _has_method(client: Any, route: str) -> bool:
    obj = client
    for part in route.split("."):
        try:
            obj = getattr(obj, part)
        except (AttributeError, ImportError):  # ImportError: an area half-written in the tree
            return False
    return callable(obj)


def _clients_have(route: str) -> bool:
    """Both of our clients have this method (issue-10 routes start running when they land)."""
    clients = (
        Portkey(api_key="pk", base_url="http://wire.invalid/v1"),
        AsyncPortkey(api_key="pk", base_url="http://wire.invalid/v1"),
    )
    return all(_has_method(c, route) for c in clients)


# Issue 11: files, uploads, batches, audio, image edits (and images.generate streams).
ISSUE11: set = set(capture_files.NAMES)
ISSUE11_ROUTES = {s["call"]["path"] for s in SCENARIOS if s["name"] in ISSUE11} - IMPLEMENTED_ROUTES
# Issue 12: the rest of the OpenAI surface (tests/wire/capture_platform.py), recorded as issue 11.
ISSUE12_AREAS = ("fine_tuning", "vector_stores", "containers", "evals", "videos", "skills")
ISSUE12_AREAS += ("beta", "realtime")
ISSUE12: set = {s["name"] for s in SCENARIOS if s["call"]["path"].split(".")[0] in ISSUE12_AREAS}
ISSUE12_ROUTES = {s["call"]["path"] for s in SCENARIOS if s["name"] in ISSUE12}
# Issue 13: Portkey's own APIs (tests/wire/capture_portkey.py), recorded as issue 11, plus what
# the result gives at every leaf of the JSON answer (`response_fields`).
ISSUE13: set = set(capture_portkey.NAMES)
ISSUE13_ROUTES = {s["call"]["path"] for s in SCENARIOS if s["name"] in ISSUE13}
# Scenarios recorded with file markers, parts and binary answers (issues 11, 12 and 13).
RICH = ISSUE11 | ISSUE12 | ISSUE13
# Issue 10: the scenarios recorded with their upstream answers.
ISSUE10_ROUTES = {
    s["call"]["path"] for s in SCENARIOS if "upstream_responses" in s and s["name"] not in RICH
}
AVAILABLE_NEW_ROUTES = {
    r for r in ISSUE10_ROUTES | ISSUE11_ROUTES | ISSUE12_ROUTES | ISSUE13_ROUTES if _clients_have(r)
}


def _implemented(route: str) -> bool:
    return route in IMPLEMENTED_ROUTES or route in AVAILABLE_NEW_ROUTES


# Headers that say which client sent the request, or that the transport derives: not compared.
# (The official sends `OpenAI/Python` and x-stainless-* on the OpenAI routes, `python-httpx/...`
# and no x-stainless-* on its Portkey routes (feedback, prompts); we send ours on every route.)
IGNORED_HEADERS = {
    "user-agent",
    "accept-encoding",
    "connection",
    "host",
    "content-length",
    "x-portkey-package-version",
    "x-portkey-runtime",
    "x-portkey-runtime-version",
}
IGNORED_PREFIXES = ("x-stainless-",)

# ---------------------------------------------------------------------------------------------
# The fake upstream: minimal valid bodies per route, the response headers the capture used.
# ---------------------------------------------------------------------------------------------

RESPONSE_HEADERS: Dict[str, str] = CAPTURES["response_headers_used"]

CHAT_COMPLETION = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1700000000,
    "model": "gpt-4o-mini",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Hi!"},
            "finish_reason": "stop",
            "logprobs": None,
        }
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}
FLOATS = [0.5, -0.25]
FLOATS_B64 = base64.b64encode(struct.pack("<2f", *FLOATS)).decode()  # "AAAAPwAAgL4="
EMBEDDINGS = {
    "object": "list",
    "data": [{"object": "embedding", "index": 0, "embedding": FLOATS}],
    "model": "text-embedding-3-small",
    "usage": {"prompt_tokens": 1, "total_tokens": 1},
}
TEXT_COMPLETION = {
    "id": "cmpl-1",
    "object": "text_completion",
    "created": 1700000000,
    "model": "gpt-3.5-turbo-instruct",
    "choices": [{"index": 0, "text": "Hi!", "finish_reason": "stop", "logprobs": None}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}
TEXT_SSE_BODY = (
    'data: {"id":"cmpl-1","object":"text_completion","created":1700000000,'
    '"model":"gpt-3.5-turbo-instruct","choices":[{"index":0,"text":"Hi","logprobs":null,'
    '"finish_reason":null}]}\n\n'
    'data: {"id":"cmpl-1","object":"text_completion","created":1700000000,'
    '"model":"gpt-3.5-turbo-instruct","choices":[{"index":0,"text":"!","logprobs":null,'
    '"finish_reason":"stop"}]}\n\n'
    "data: [DONE]\n\n"
)
FEEDBACK_RESPONSE = {
    "status": "success",
    "message": "Feedback created successfully",
    "feedback_ids": ["fb-1"],
}
PROMPT_RENDER = {
    "success": True,
    "data": {
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": "Hello x"}],
        "max_tokens": 5,
    },
}
SSE_BODY = (
    'data: {"id":"c1","object":"chat.completion.chunk","created":1700000000,'
    '"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant",'
    '"content":"Hi"},"finish_reason":null}]}\n\n'
    'data: {"id":"c1","object":"chat.completion.chunk","created":1700000000,'
    '"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n'
    "data: [DONE]\n\n"
)


MODEL = {"id": "gpt-4o-mini", "object": "model", "created": 1700000000, "owned_by": "openai"}
MODEL_LIST = {"object": "list", "data": [MODEL]}
MODEL_DELETED = {"id": "ft:gpt-4o-mini:org:x", "object": "model", "deleted": True}
MODERATION = {
    "id": "modr-1",
    "model": "omni-moderation-latest",
    "results": [
        {
            "flagged": False,
            "categories": {"hate": False, "hate/threatening": False},
            "category_scores": {"hate": 0.01, "hate/threatening": 0.001},
        }
    ],
}
IMAGES = {"created": 1700000000, "data": [{"url": "https://img.example.com/1.png"}]}


def _ok_response(request: httpx.Request) -> httpx.Response:
    """What the capture's fake server answered (``_respond`` in capture_official.py)."""
    body = json.loads(request.content or b"{}")
    path = request.url.path
    if "/v1/models" in path:
        if request.method == "DELETE":
            return httpx.Response(200, headers=RESPONSE_HEADERS, json=MODEL_DELETED)
        payload = MODEL_LIST if path.endswith("/v1/models") else MODEL
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=payload)
    if path.endswith("/v1/moderations"):
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=MODERATION)
    if path.endswith("/v1/images/generations"):
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=IMAGES)
    if path.endswith("/render"):
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=PROMPT_RENDER)
    if isinstance(body, dict) and body.get("stream") is True:
        headers = {**RESPONSE_HEADERS, "content-type": "text/event-stream"}
        sse = TEXT_SSE_BODY if path.endswith("/v1/completions") else SSE_BODY
        return httpx.Response(200, headers=headers, content=sse.encode())
    if "/feedback" in path:
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=FEEDBACK_RESPONSE)
    if path.endswith("/completions") and "/chat/" not in path and "/prompts/" not in path:
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=TEXT_COMPLETION)
    if path.endswith("/embeddings"):
        payload: Dict[str, Any] = EMBEDDINGS
        if body.get("encoding_format") == "base64":
            payload = {**EMBEDDINGS, "data": [{**EMBEDDINGS["data"][0], "embedding": FLOATS_B64}]}
        return httpx.Response(200, headers=RESPONSE_HEADERS, json=payload)
    return httpx.Response(200, headers=RESPONSE_HEADERS, json=CHAT_COMPLETION)


def _route_answer(s: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """A 200 answer the capture recorded for this route (streamed or not, as this call): what
    the fake server gives a request the official never sent (it raised first, or did not
    retry), as the older routes' fake answers 200 once the listed statuses are used up."""
    stream = _is_stream(s)
    for other in SCENARIOS:
        if other["call"]["path"] != s["call"]["path"] or _is_stream(other) != stream:
            continue
        for answer in other.get("upstream_responses", ()):
            if answer["status"] == 200:
                return answer  # type: ignore[no-any-return]
    return None


def _unsent_answer(s: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """Issue 13: the API's answer to a call the official never sends (it fails first)."""
    body = capture_portkey.UNSENT_ANSWERS.get(s["call"]["path"])
    if body is None:
        return None
    return {"status": 200, "headers": sorted(RESPONSE_HEADERS.items()), "body": json.dumps(body)}


def _recorded(s: Dict[str, Any]) -> Callable[[httpx.Request], httpx.Response]:
    """The capture's recorded answers in order, then the route's 200 answer."""
    pending = list(s["upstream_responses"])
    fallback = _route_answer(s) or _unsent_answer(s)

    # Issue 11: the answer of the official request this one matches (same method, path and
    # body), so parts uploaded in another order still get their own answers.
    keys = [_request_key(r) for r in s["requests"]] if s["name"] in RICH else []

    def handler(request: httpx.Request) -> httpx.Response:
        answer = None
        if keys and len(keys) == len(pending):
            key = _request_key(_our_request(request, issue11=True))
            for i, k in enumerate(keys):
                if k == key and pending[i] is not None:
                    answer, pending[i] = pending[i], None
                    break
            else:
                answer = next((a for a in pending if a is not None), None)
                if answer is not None:
                    pending[pending.index(answer)] = None
        elif pending:
            answer = pending.pop(0)
        if answer is None:
            answer = fallback
        if answer is None:
            return httpx.Response(599, json={"error": {"message": "no recorded answer"}})
        return httpx.Response(
            answer["status"],
            headers=[(k, v) for k, v in answer["headers"] if k != "content-length"],
            content=_answer_bytes(answer),
        )

    return handler


def _answer_bytes(answer: Dict[str, Any]) -> bytes:
    if "body_b64" in answer:
        return base64.b64decode(answer["body_b64"])
    return answer["body"].encode("utf-8")  # type: ignore[no-any-return]


def _request_key(r: Any) -> Tuple[str, str, str]:
    """Method, path and body of a recorded or observed request (for matching answers)."""
    if isinstance(r, Req):
        return (r.method, httpx.URL(r.url).path, repr(r.body))
    return (r["method"], httpx.URL(r["url"]).path, repr(_official_body(r)))


def _upstream(s: Dict[str, Any]) -> Callable[[httpx.Request], httpx.Response]:
    """What the capture's fake server answered: the listed statuses in turn, then 200s."""
    if "upstream_responses" in s:
        return _recorded(s)
    pending = list(s["upstream_statuses"] or [])

    def handler(request: httpx.Request) -> httpx.Response:
        spec = pending.pop(0) if pending else 200
        status, extra = (spec, {}) if isinstance(spec, int) else (spec[0], spec[1])
        if status != 200:
            return httpx.Response(
                status,
                headers={"content-type": "application/json", **extra},
                json={"error": {"message": f"fake {status}", "type": "x"}},
            )
        return _ok_response(request)

    return handler


# ---------------------------------------------------------------------------------------------
# Outcomes: the official one read from the capture, ours observed through respx.
# ---------------------------------------------------------------------------------------------

Headers = Tuple[Tuple[str, str], ...]


class _Unset:
    def __repr__(self) -> str:
        return "<not recorded>"


UNSET: Any = _Unset()


_BOUNDARY = re.compile(r'boundary="?[^";]+"?')


def _header_value(name: str, value: str) -> str:
    """A multipart Content-Type's boundary is random: compared as `<boundary>`."""
    if name == "content-type" and value.lower().startswith("multipart/form-data"):
        return _BOUNDARY.sub("boundary=<boundary>", value)
    return value


def _normalise(pairs: Any) -> Headers:
    """Compared headers: lower-cased names, volatile ones dropped, duplicates kept, sorted."""
    return tuple(
        sorted(
            (name.lower(), _header_value(name.lower(), value))
            for name, value in pairs
            if name.lower() not in IGNORED_HEADERS and not name.lower().startswith(IGNORED_PREFIXES)
        )
    )


@dataclass(frozen=True)
class Part:
    """One multipart part as compared: the boundary and the Content-Disposition spelling are
    not; extra part headers are (lower-cased names, sorted)."""

    name: Optional[str]
    filename: Optional[str]
    content_type: Optional[str]
    headers: Tuple[Tuple[str, str], ...]
    data: bytes


def _parts(raw: List[Dict[str, Any]]) -> Tuple[Part, ...]:
    return tuple(
        Part(
            name=p["name"],
            filename=p["filename"],
            content_type=p["content_type"],
            headers=tuple(
                sorted(
                    (k.lower(), v)
                    for k, v in p["headers"]
                    if k.lower() not in ("content-disposition", "content-type")
                )
            ),
            data=base64.b64decode(p["b64"]),
        )
        for p in raw
    )


def _official_body(r: Dict[str, Any]) -> Any:
    """The compared body of a recorded request: parts, JSON, or (binary) bytes."""
    if r.get("multipart") is not None:
        return _parts(r["multipart"])
    if r["body_json"] is None and r.get("body_b64"):
        return base64.b64decode(r["body_b64"])
    return r["body_json"]


@dataclass(frozen=True)
class Req:
    method: str
    url: str
    headers: Headers
    body: Any
    # Seconds; None means the request had no read timeout at all.
    read_timeout: Optional[float]


@dataclass
class Outcome:
    requests: List[Req] = field(default_factory=list)
    error: Optional[str] = None  # the exception's class name
    base_url: Optional[str] = None
    get_headers: Any = UNSET
    embedding: Any = UNSET
    stream_chunks: Any = UNSET
    # Issue-10 routes: each stream event's `type`, the ids of an iterated list, what parse parsed.
    stream_event_types: Any = UNSET
    iterated_ids: Any = UNSET
    parsed: Any = UNSET
    # Issue-11 routes: a binary answer's bytes, a text answer (or .text), list and object ids.
    response_bytes: Any = UNSET
    response_text: Any = UNSET
    data_ids: Any = UNSET
    response_id: Any = UNSET
    response_status: Any = UNSET
    # Issue-13 routes: [path, value] read through the result at every leaf of the JSON answer.
    response_fields: Any = UNSET
    response_items: Any = UNSET  # the same read by item access only (resp["data"][0]["id"])


def official_outcome(s: Dict[str, Any]) -> Outcome:
    requests = []
    for r in s["requests"]:
        # The official sends its read timeout as x-stainless-read-timeout; without it the
        # request had none (chat completions pop `timeout` with a default of None).
        read = dict(r["headers"]).get("x-stainless-read-timeout")
        requests.append(
            Req(
                method=r["method"],
                url=r["url"],
                headers=_normalise(r["headers"]),
                body=_official_body(r),
                read_timeout=None if read is None else float(read),
            )
        )
    state = s.get("client_state") or {}
    outcome = Outcome(
        requests=requests,
        error=s["error"]["type"] if s["error"] else None,
        # Normalised: the official keeps a trailing "/" on the base URL; we strip it.
        base_url=state["base_url"].rstrip("/") if state else None,
    )
    if s["error"] is None:
        if "stream_chunks" in s:
            outcome.stream_chunks = s["stream_chunks"]
        else:
            outcome.get_headers = s["response_get_headers"]
        if "response_embedding" in s:
            outcome.embedding = s["response_embedding"]
        outcome.stream_event_types = s.get("stream_event_types", UNSET)
        outcome.iterated_ids = s.get("iterated_ids", UNSET)
        outcome.parsed = s.get("parsed", UNSET)
        if "response_bytes_b64" in s:  # a binary answer: its bytes (no get_headers there)
            outcome.response_bytes = base64.b64decode(s["response_bytes_b64"])
            outcome.get_headers = UNSET
        for key in (
            "response_text",
            "data_ids",
            "response_id",
            "response_status",
            "response_fields",
            "response_items",
        ):
            if key in s:
                setattr(outcome, key, s[key])
    return outcome


def _our_request(request: httpx.Request, issue11: bool = False) -> Req:
    content = request.content
    body: Any = None
    boundary = capture_files.boundary_of(request.headers.get("content-type"))
    if issue11 and boundary is not None:
        body = _parts(capture_files.parse_multipart(content, boundary))
    elif content:
        try:
            body = json.loads(content)
        except ValueError:
            if not issue11:
                raise
            body = content
    return Req(
        method=request.method,
        url=str(request.url),
        headers=_normalise(request.headers.multi_items()),
        body=body,
        read_timeout=request.extensions["timeout"]["read"],
    )


def _resolve(client: Any, path: str) -> Any:
    obj = client
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _set_env(monkeypatch: pytest.MonkeyPatch, s: Dict[str, Any]) -> None:
    for name in CAPTURES["cleared_env"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in s["env"].items():
        monkeypatch.setenv(name, value)


def _is_stream(s: Dict[str, Any]) -> bool:
    """A stream=True call, a context-manager stream helper (`responses.stream`, ...) or a
    speech SSE stream (`stream_format="sse"`; Portkey's speech `stream=True` is a streamed
    binary response instead)."""
    kwargs = s["call"]["kwargs"]
    if s["call"]["path"] == "audio.speech.create":
        return kwargs.get("stream_format") == "sse"
    return kwargs.get("stream") is True or s["call"]["path"].endswith(".stream")


def _record_events(outcome: Outcome, s: Dict[str, Any], events: List[Any]) -> None:
    outcome.stream_chunks = len(events)
    if "upstream_responses" in s:  # issue-10 scenarios record the types
        outcome.stream_event_types = [getattr(e, "type", None) for e in events]


def _is_platform_stream(s: Dict[str, Any]) -> bool:
    """Issue 12: what the official recorded as a stream (a run's event stream, a stream
    helper's manager, beta.chat.completions.stream)."""
    return "stream_chunks" in s or (s["error"] is not None and _is_stream(s))


def _events_sync(result: Any) -> List[Any]:
    if hasattr(result, "__enter__"):
        with result as stream:
            return list(stream)
    return list(result)


async def _events_async(result: Any) -> List[Any]:
    if hasattr(result, "__aenter__"):
        async with result as stream:
            return [event async for event in stream]
    return [event async for event in result]


def _event_name(event: Any) -> Any:
    """An assistant event's name (``event``), or a chunk's/event's ``type``."""
    return getattr(event, "event", None) or getattr(event, "type", None)


def _record_platform_events(outcome: Outcome, events: List[Any]) -> None:
    outcome.stream_chunks = len(events)
    outcome.stream_event_types = [_event_name(e) for e in events]


def _record_files_result(outcome: Outcome, s: Dict[str, Any], result: Any, data: Any) -> None:
    """Issue 11, as capture_files.record_result records the official's (``data``: the bytes of
    a binary answer, read by the caller, or UNSET)."""
    if data is not UNSET:
        outcome.response_bytes = data
        return
    if isinstance(result, str):
        outcome.response_text = result
    else:  # (a missing get_headers is None, which get-headers-everywhere does not accept)
        outcome.get_headers = getattr(result, "get_headers", lambda: None)()
    items = getattr(result, "data", None)
    if isinstance(items, list) and any(getattr(item, "id", None) for item in items):
        outcome.data_ids = [getattr(item, "id", None) for item in items]
    text = getattr(result, "text", None)
    if isinstance(text, str) and outcome.response_text is UNSET:
        outcome.response_text = text
    ident = getattr(result, "id", None)
    if isinstance(ident, str):
        outcome.response_id = ident
        outcome.response_status = getattr(result, "status", None)
        if outcome.response_status is not None and not isinstance(outcome.response_status, str):
            # issue 12: an object status (a chatkit thread's) is compared by its type
            outcome.response_status = getattr(outcome.response_status, "type", None)


def _binary_sync(s: Dict[str, Any], result: Any) -> Any:
    """The bytes of a binary answer (files.content, speech; Portkey's speech stream=True is a
    context manager), or UNSET when the official's answer was not binary (or ours is text)."""
    if "response_bytes_b64" not in s or isinstance(result, str):
        return UNSET
    if hasattr(result, "__enter__") and not hasattr(result, "content"):
        with result as streamed:
            return streamed.read()
    content = getattr(result, "content", None)
    return content if isinstance(content, bytes) else result.read()


async def _binary_async(s: Dict[str, Any], result: Any) -> Any:
    if "response_bytes_b64" not in s or isinstance(result, str):
        return UNSET
    if hasattr(result, "__aenter__") and not hasattr(result, "content"):
        async with result as streamed:
            return await streamed.read()
    content = getattr(result, "content", None)
    if isinstance(content, bytes):
        return content
    data = result.read()
    return await data if inspect.isawaitable(data) else data


def _record_result(outcome: Outcome, s: Dict[str, Any], result: Any) -> None:
    """Everything but the iteration of a list (sync/async) and streams (counted by the caller)."""
    # responses.delete answers None in both SDKs: nothing to ask for headers.
    outcome.get_headers = None if result is None else result.get_headers()
    if s["call"]["path"] == "embeddings.create":
        outcome.embedding = result.data[0].embedding
    if "parsed" in s:
        outcome.parsed = _parsed_of(s["call"]["path"], result)


def _parsed_of(route: str, result: Any) -> Dict[str, Any]:
    """What parse parsed, in the capture's shape (a missing attribute is named, not raised)."""
    try:
        if route == "responses.parse":
            return {
                "output_parsed": result.output_parsed,
                "parsed_arguments": [
                    getattr(item, "parsed_arguments", None)
                    for item in result.output
                    if item.type == "function_call"
                ],
            }
        message = result.choices[0].message
        return {
            "message_parsed": message.parsed,
            "parsed_arguments": [t.function.parsed_arguments for t in message.tool_calls or []],
        }
    except AttributeError as exc:
        return {"missing": str(exc)}


def _kwargs(s: Dict[str, Any], workdir: Optional[Path]) -> Tuple[Dict[str, Any], List[Any]]:
    """The call's keyword arguments: issue-11 file markers made real in ``workdir``."""
    if s["name"] not in RICH:
        return s["call"]["kwargs"], []
    assert workdir is not None, "issue-11 scenarios need a directory for their files"
    workdir.mkdir(parents=True, exist_ok=True)
    kwargs, opened = capture_files.prepare(s["call"]["kwargs"], workdir)
    if s["name"] in ISSUE13:  # datetime markers
        kwargs = capture_portkey.prepare(kwargs)
    return kwargs, opened


def _record_portkey_result(outcome: Outcome, s: Dict[str, Any], result: Any) -> None:
    """Issue 13: get_headers(), and each value the official's result gave, read the same way
    through ours (a failing read is recorded as such)."""
    outcome.get_headers = getattr(result, "get_headers", lambda: None)()
    recorded = s.get("response_fields")
    if recorded is None and _answer_of(s) is not None:  # the official failed on the answer
        recorded = capture_portkey.answer_fields(_answer_of(s))
    if recorded is not None:
        outcome.response_fields = _read(result, recorded, items=False)
    items = s.get("response_items")
    if items is None and _answer_of(s) is not None:
        items = capture_portkey.answer_fields(_answer_of(s))
    if items is not None:
        outcome.response_items = _read(result, items, items=True)


def _typed(fields: Any) -> Any:
    """Read values with their JSON type (so 0 is not True, nor 1.0 the same as 1)."""
    if not isinstance(fields, list):
        return fields
    return [[path, type(value).__name__, value] for path, value in fields]


def _read(result: Any, recorded: List[Any], items: bool) -> List[Any]:
    out = []
    for path, _ in recorded:
        value = capture_portkey.probe(result, path, items)
        out.append([path, "<read failed>" if value is capture_portkey._MISSING else value])
    return out


def _answer_of(s: Dict[str, Any]) -> Any:
    """The JSON of the last 200 answer the capture recorded, else the one the replay serves
    after the recorded failures (the route's, or the API's to a call the official never sent)."""
    answers = [a for a in s.get("upstream_responses", ()) if a["status"] == 200]
    answer = answers[-1] if answers else (_route_answer(s) or _unsent_answer(s))
    return None if answer is None else json.loads(answer["body"])


def _requests(s: Dict[str, Any], route: Any) -> List[Req]:
    issue11 = s["name"] in RICH
    return _ordered(s, [_our_request(call.request, issue11) for call in route.calls])


def _ordered(s: Dict[str, Any], requests: List[Req]) -> List[Req]:
    """upload_file_chunked may upload its parts in any order: the parts are compared sorted
    by their bytes (the create before them and the complete after them stay in place)."""
    if s["call"]["path"] != "uploads.upload_file_chunked":
        return requests
    slots = [i for i, r in enumerate(requests) if r.url.endswith("/parts")]
    parts = sorted((requests[i] for i in slots), key=lambda r: repr(r.body))
    out = list(requests)
    for i, r in zip(slots, parts):
        out[i] = r
    return out


def run_sync(s: Dict[str, Any], workdir: Optional[Path] = None) -> Outcome:
    outcome = Outcome()
    kwargs, opened = _kwargs(s, workdir)
    with respx.mock(assert_all_called=False) as router:
        route = router.route().mock(side_effect=_upstream(s))
        client = None
        try:
            client = Portkey(**s["client"])
            if s["with_options"] is not None:
                client = client.with_options(**s["with_options"])
            outcome.base_url = client.base_url
            result = _resolve(client, s["call"]["path"])(*s["call"].get("args", ()), **kwargs)
            if s["name"] in ISSUE12 and _is_platform_stream(s):
                _record_platform_events(outcome, _events_sync(result))
            elif s["name"] in ISSUE13:
                _record_portkey_result(outcome, s, result)
            elif _is_stream(s):
                with result as stream:
                    _record_events(outcome, s, list(stream))
            elif s["name"] in RICH:
                _record_files_result(outcome, s, result, _binary_sync(s, result))
            else:
                _record_result(outcome, s, result)
                if s["call"].get("iterate"):
                    outcome.iterated_ids = [item.id for item in result]
        except Exception as exc:
            outcome.error = type(exc).__name__
        finally:
            if client is not None:
                client.close()
            for handle in opened:
                handle.close()
        outcome.requests = _requests(s, route)
    return outcome


async def run_async(s: Dict[str, Any], workdir: Optional[Path] = None) -> Outcome:
    outcome = Outcome()
    kwargs, opened = _kwargs(s, workdir)
    with respx.mock(assert_all_called=False) as router:
        route = router.route().mock(side_effect=_upstream(s))
        client = None
        try:
            client = AsyncPortkey(**s["client"])
            if s["with_options"] is not None:
                client = client.with_options(**s["with_options"])
            outcome.base_url = client.base_url
            result = _resolve(client, s["call"]["path"])(*s["call"].get("args", ()), **kwargs)
            if inspect.isawaitable(result):  # a stream helper returns its manager unawaited
                result = await result
            if s["name"] in ISSUE12 and _is_platform_stream(s):
                _record_platform_events(outcome, await _events_async(result))
            elif s["name"] in ISSUE13:
                _record_portkey_result(outcome, s, result)
            elif s["call"]["path"].endswith(".stream"):
                async with result as stream:
                    _record_events(outcome, s, [event async for event in stream])
            elif _is_stream(s):
                _record_events(outcome, s, [chunk async for chunk in result])
                await result.close()
            elif s["name"] in RICH:
                _record_files_result(outcome, s, result, await _binary_async(s, result))
            else:
                _record_result(outcome, s, result)
                if s["call"].get("iterate"):
                    outcome.iterated_ids = [item.id async for item in result]
        except Exception as exc:
            outcome.error = type(exc).__name__
        finally:
            if client is not None:
                await client.close()
            for handle in opened:
                handle.close()
        outcome.requests = _requests(s, route)
    return outcome


# ---------------------------------------------------------------------------------------------
# DEVIATIONS: every deliberate difference from the official SDK, in one table.
# Each `adjust` turns the official outcome into the outcome we promise instead.
# ---------------------------------------------------------------------------------------------


def _map_requests(outcome: Outcome, fn: Callable[[Req], Req]) -> None:
    outcome.requests = [fn(r) for r in outcome.requests]


def _drop_header(name: str, value: str) -> Callable[[Outcome, Dict[str, Any]], None]:
    def adjust(outcome: Outcome, s: Dict[str, Any]) -> None:
        _map_requests(
            outcome,
            lambda r: replace(r, headers=tuple(h for h in r.headers if h != (name, value))),
        )

    return adjust


def _set_headers(*pairs: Tuple[str, str]) -> Callable[[Outcome, Dict[str, Any]], None]:
    """Each named header present once, with this value (replacing every spelling of it)."""

    def adjust(outcome: Outcome, s: Dict[str, Any]) -> None:
        names = {n for n, _ in pairs}

        def fix(r: Req) -> Req:
            kept = [h for h in r.headers if h[0] not in names]
            return replace(r, headers=tuple(sorted(kept + list(pairs))))

        _map_requests(outcome, fix)

    return adjust


def _remove_headers(*names: str) -> Callable[[Outcome, Dict[str, Any]], None]:
    def adjust(outcome: Outcome, s: Dict[str, Any]) -> None:
        _map_requests(
            outcome, lambda r: replace(r, headers=tuple(h for h in r.headers if h[0] not in names))
        )

    return adjust


def _succeeds_like(
    template: str, *pairs: Tuple[str, str], url: Optional[str] = None
) -> Callable[[Outcome, Dict[str, Any]], None]:
    """The official raised before sending; we send what `template` sent, with these headers."""

    def adjust(outcome: Outcome, s: Dict[str, Any]) -> None:
        base = official_outcome(BY_NAME[template])
        for deviation in DEVIATIONS:  # the template's own deviations hold here as well
            if deviation.applies_to(template) and deviation.scenarios is None:
                deviation.adjust(base, BY_NAME[template])
        _set_headers(*pairs)(base, s)
        if url is not None:
            _map_requests(base, lambda r: replace(r, url=url))
            base.base_url = url.rsplit("/", 2)[0]
        outcome.__dict__.update(base.__dict__)

    return adjust


def _no_unbounded_timeout(outcome: Outcome, s: Dict[str, Any]) -> None:
    _map_requests(
        outcome,
        lambda r: r if r.read_timeout is not None else replace(r, read_timeout=600.0),
    )


def _floats_by_default(outcome: Outcome, s: Dict[str, Any]) -> None:
    if "encoding_format" not in s["call"]["kwargs"] and isinstance(outcome.embedding, str):
        raw = base64.b64decode(outcome.embedding)
        outcome.embedding = list(struct.unpack(f"<{len(raw) // 4}f", raw))


def _embeddings_options(outcome: Outcome, s: Dict[str, Any]) -> None:
    def fix(r: Req) -> Req:
        body = dict(r.body)
        extra_headers = body.pop("extra_headers")
        body.update(body.pop("extra_body"))
        headers = tuple(sorted(r.headers + tuple(extra_headers.items())))
        return replace(r, body=body, headers=headers)

    _map_requests(outcome, fix)


def _config_refused(outcome: Outcome, s: Dict[str, Any]) -> None:
    outcome.__dict__.update(Outcome(error="ConfigError").__dict__)  # nothing is sent


def _retried_once_more(outcome: Outcome, s: Dict[str, Any]) -> None:
    outcome.requests = outcome.requests + outcome.requests[-1:]
    outcome.error = None
    outcome.get_headers = BY_NAME["basic_chat"]["response_get_headers"]


def _get_headers_everywhere(outcome: Outcome, s: Dict[str, Any]) -> None:
    if s.get("response_type") == "NoneType":  # responses.delete: None in both SDKs
        return
    if outcome.error is None and outcome.get_headers is None:
        outcome.get_headers = {
            k[len("x-portkey-") :]: v
            for k, v in RESPONSE_HEADERS.items()
            if k.startswith("x-portkey-")
        }


# What the official dropped: it removes "" values at every level of a Portkey route's body.
_EMPTY_STRINGS_SENT: Dict[str, Any] = {
    "feedback_create_empty_strings": {
        "trace_id": "trace-1",
        "value": 1,
        "metadata": {"k": "", "j": "x"},
    },
    "prompt_completion_empty_variable": {
        "variables": {"name": "", "other": "x"},
        "stream": False,
    },
    "lbl_update_empty_values": {"name": "prod", "description": "", "color_code": None},
}


def _empty_strings_sent(outcome: Outcome, s: Dict[str, Any]) -> None:
    _map_requests(outcome, lambda r: replace(r, body=_EMPTY_STRINGS_SENT[s["name"]]))


def _prompts_call_options(outcome: Outcome, s: Dict[str, Any]) -> None:
    """The official's prompt calls put extra_body/extra_query/timeout (and render's
    extra_headers) into the JSON body; ours apply them as every method does."""

    def fix(r: Req) -> Req:
        body = dict(r.body)
        headers, url, read_timeout = r.headers, r.url, r.read_timeout
        body.update(body.pop("extra_body", {}))
        if "extra_headers" in body:
            headers = tuple(sorted(headers + tuple(body.pop("extra_headers").items())))
        if "extra_query" in body:
            url = str(httpx.URL(url).copy_merge_params(body.pop("extra_query")))
        if "timeout" in body:
            read_timeout = float(body.pop("timeout"))
        return replace(r, body=body, headers=headers, url=url, read_timeout=read_timeout)

    _map_requests(outcome, fix)


def _url(new: str) -> Callable[[Outcome, Dict[str, Any]], None]:
    def adjust(outcome: Outcome, s: Dict[str, Any]) -> None:
        _map_requests(outcome, lambda r: replace(r, url=new))
        outcome.base_url = new.rsplit("/", 2)[0]

    return adjust


def _retrieve_call_options(outcome: Outcome, s: Dict[str, Any]) -> None:
    """The official's models.retrieve turns every **kwarg into extra_body, which a GET drops:
    extra_headers and extra_query included. Ours applies them; other kwargs are dropped."""

    def fix(r: Req) -> Req:
        kwargs = s["call"]["kwargs"]
        headers = tuple(sorted(r.headers + tuple(kwargs["extra_headers"].items())))
        url = str(httpx.URL(r.url).copy_merge_params(kwargs["extra_query"]))
        return replace(r, headers=headers, url=url)

    _map_requests(outcome, fix)


def _no_empty_delete_body(outcome: Outcome, s: Dict[str, Any]) -> None:
    def fix(r: Req) -> Req:
        # DELETE, and responses.cancel's POST (the official's wrapper passes extra_body={} too)
        if r.method not in ("DELETE", "POST") or r.body != {}:
            return r
        headers = tuple(h for h in r.headers if h[0] != "content-type")
        return replace(r, body=None, headers=headers)

    _map_requests(outcome, fix)


def _no_bodyless_content_type(outcome: Outcome, s: Dict[str, Any]) -> None:
    _map_requests(
        outcome,
        lambda r: (
            r
            if r.body is not None
            else replace(r, headers=tuple(h for h in r.headers if h[0] != "content-type"))
        ),
    )


def _sent_like(
    template: str,
    *,
    url: Optional[str] = None,
    body: Any = UNSET,
    add_headers: Tuple[Tuple[str, str], ...] = (),
) -> Callable[[Outcome, Dict[str, Any]], None]:
    """The official raised before sending (TypeError); we send what it sent for `template`,
    with this URL, body and extra headers, and get the same answer."""

    def adjust(outcome: Outcome, s: Dict[str, Any]) -> None:
        base = official_outcome(BY_NAME[template])
        for deviation in DEVIATIONS:  # the template's own deviations hold here as well
            if deviation.applies_to(template) and deviation.scenarios is None:
                deviation.adjust(base, BY_NAME[template])

        def fix(r: Req) -> Req:
            headers = tuple(sorted(r.headers + add_headers))
            return replace(
                r,
                url=r.url if url is None else url,
                body=r.body if body is UNSET else body,
                headers=headers,
            )

        _map_requests(base, fix)
        outcome.__dict__.update(base.__dict__)

    return adjust


def _compact_parsed(outcome: Outcome, s: Dict[str, Any]) -> None:
    outcome.error = None
    outcome.get_headers = None
    _get_headers_everywhere(outcome, s)


def _retried_stream(outcome: Outcome, s: Dict[str, Any]) -> None:
    """Retried once more, then the route's recorded stream (``_route_answer``) is read."""
    outcome.requests = outcome.requests + outcome.requests[-1:]
    outcome.error = None
    stream = BY_NAME["responses_create_stream"]
    outcome.stream_chunks = stream["stream_chunks"]
    outcome.stream_event_types = stream["stream_event_types"]


def _images_kwargs_sent(outcome: Outcome, s: Dict[str, Any]) -> None:
    _map_requests(outcome, lambda r: replace(r, body={**r.body, "foo": "bar"}))


def _max_retries_honoured(outcome: Outcome, s: Dict[str, Any]) -> None:
    outcome.requests = outcome.requests[:1]


# ---- issue 11 ----


def _map_parts(r: Req, fn: Callable[[List[Part]], List[Part]]) -> Req:
    return replace(r, body=tuple(fn(list(r.body))))


def _field(name: str, value: str) -> Part:
    return Part(name=name, filename=None, content_type=None, headers=(), data=value.encode())


def _before_files(parts: List[Part], *new: Part) -> List[Part]:
    """Form fields go before the file parts (httpx writes data fields first)."""
    fields = [p for p in parts if p.filename is None and p.content_type is None]
    files = [p for p in parts if not (p.filename is None and p.content_type is None)]
    return fields + list(new) + files


def _multipart_call_options(outcome: Outcome, s: Dict[str, Any]) -> None:
    """files.create passes every keyword but extra_headers as extra_body, so extra_query,
    extra_body and timeout become form fields (`extra_body[z]`); ours applies them."""
    kwargs = s["call"]["kwargs"]

    def fix(r: Req) -> Req:
        def parts(ps: List[Part]) -> List[Part]:
            kept = [
                p
                for p in ps
                if p.name is None
                or not p.name.startswith(("extra_query[", "extra_body[", "timeout"))
            ]
            extra = [_field(k, str(v)) for k, v in kwargs["extra_body"].items()]
            return _before_files(kept, *extra)

        r = _map_parts(r, parts)
        url = str(httpx.URL(r.url).copy_merge_params(kwargs["extra_query"]))
        return replace(r, url=url, read_timeout=float(kwargs["timeout"]))

    _map_requests(outcome, fix)


def _variation_extra_headers(outcome: Outcome, s: Dict[str, Any]) -> None:
    def fix(r: Req) -> Req:
        r = _map_parts(r, lambda ps: [p for p in ps if p.name != "extra_headers[x-custom]"])
        return replace(r, headers=tuple(sorted(r.headers + (("x-custom", "1"),))))

    _map_requests(outcome, fix)


def _edit_kwargs_sent(outcome: Outcome, s: Dict[str, Any]) -> None:
    _map_requests(
        outcome, lambda r: _map_parts(r, lambda ps: _before_files(ps, _field("foo", "bar")))
    )


def _json_call_options(outcome: Outcome, s: Dict[str, Any]) -> None:
    """extra_headers that the official put into the JSON body: sent as headers."""

    def fix(r: Req) -> Req:
        body = dict(r.body)
        extra = body.pop("extra_headers")
        return replace(r, body=body, headers=tuple(sorted(r.headers + tuple(extra.items()))))

    _map_requests(outcome, fix)


# ---- issue 12 ----


def _json_all_call_options(outcome: Outcome, s: Dict[str, Any]) -> None:
    """extra_headers, extra_query and extra_body the official put into the JSON body (its
    **kwargs go to extra_body whole): sent as headers, query and body keys."""

    def fix(r: Req) -> Req:
        body = dict(r.body)
        headers = body.pop("extra_headers", {})
        url = str(httpx.URL(r.url).copy_merge_params(body.pop("extra_query", {})))
        body.update(body.pop("extra_body", {}))
        return replace(
            r, body=body, url=url, headers=tuple(sorted(r.headers + tuple(headers.items())))
        )

    _map_requests(outcome, fix)


def _assistant_stream_typed(outcome: Outcome, s: Dict[str, Any]) -> None:
    """The official yields the raw SSE lines (``event: x`` and the data JSON, up to [DONE]);
    ours yields one typed event per ``event:``/``data:`` pair (``done`` ends the stream)."""
    names = [line[len("event: ") :] for line in s["stream_lines"] if line.startswith("event: ")]
    names = [n for n in names if n != "done"]
    outcome.stream_chunks = len(names)
    outcome.stream_event_types = names


def _page_answer(outcome: Outcome, s: Dict[str, Any]) -> None:
    """The list page the API answered, its items' ids (read from the recorded answer)."""
    answer = json.loads(s["upstream_responses"][0]["body"])
    outcome.data_ids = [item["id"] for item in answer["data"]]


def _files_sent_once(outcome: Outcome, s: Dict[str, Any]) -> None:
    def once(parts: List[Part]) -> List[Part]:
        seen: List[Part] = []
        for p in parts:
            if p not in seen:
                seen.append(p)
        return seen

    _map_requests(outcome, lambda r: _map_parts(r, once))


def _video_reference_sent(outcome: Outcome, s: Dict[str, Any]) -> None:
    """What openai-python's own docs describe: a JSON body ``{prompt, video: {id}}`` (the
    reference is not a file), answered as the file form of the call was."""
    file_form = s["name"].replace("_reference", "")
    base = expected_outcome(BY_NAME[file_form])
    kwargs = s["call"]["kwargs"]

    def fix(r: Req) -> Req:
        headers = tuple(h for h in r.headers if h[0] != "content-type")
        return replace(
            r,
            body=dict(kwargs),
            headers=tuple(sorted(headers + (("content-type", "application/json"),))),
        )

    _map_requests(base, fix)
    outcome.__dict__.update(base.__dict__)


def _beta_chat_stream_helper(outcome: Outcome, s: Dict[str, Any]) -> None:
    """openai's ChatCompletionStream events for the two recorded chunks: each chunk, its
    content delta, then content.done at the finish (as chat.completions.stream)."""
    names = ["chunk", "content.delta", "chunk", "content.delta", "content.done"]
    outcome.stream_chunks = len(names)
    outcome.stream_event_types = names


def _get_call_options(outcome: Outcome, s: Dict[str, Any]) -> None:
    """extra_headers / extra_query the official dropped (lost in a GET's extra_body, or not
    passed on at all): applied."""
    kwargs = s["call"]["kwargs"]

    def fix(r: Req) -> Req:
        headers = tuple(sorted(r.headers + tuple(kwargs.get("extra_headers", {}).items())))
        url = str(httpx.URL(r.url).copy_merge_params(kwargs.get("extra_query", {})))
        return replace(r, headers=headers, url=url)

    _map_requests(outcome, fix)


def _speech_sse_typed(outcome: Outcome, s: Dict[str, Any]) -> None:
    """Ours parses stream_format="sse" into typed events; the official hands back the bytes."""
    body = base64.b64decode(s["response_bytes_b64"]).decode()
    types = [
        json.loads(line[len("data: ") :])["type"]
        for line in body.splitlines()
        if line.startswith("data: ")
    ]
    outcome.response_bytes = UNSET
    outcome.stream_chunks = len(types)
    outcome.stream_event_types = types


def _text_as_str(outcome: Outcome, s: Dict[str, Any]) -> None:
    """The official json-parses a text/srt/vtt answer (JSONDecodeError); ours returns str."""
    outcome.error = None
    outcome.get_headers = UNSET
    outcome.response_text = s["upstream_responses"][-1]["body"]


# What ours sends for the file forms the official's audio methods refuse (they read file.name
# and the file at that path for the duration header): filename, content type, duration.
_AUDIO_FORMS: Dict[str, Tuple[str, str, Optional[str]]] = {
    "audio_transcriptions_bytes": ("upload", "application/octet-stream", None),
    "audio_transcriptions_tuple": ("speech.wav", "audio/wav", None),
    "audio_transcriptions_pathlike": ("speech.wav", "audio/x-wav", "250"),
    "audio_transcriptions_bytesio_named": ("mem.wav", "audio/x-wav", None),
}


def _audio_any_form(outcome: Outcome, s: Dict[str, Any]) -> None:
    filename, content_type, duration = _AUDIO_FORMS[s["name"]]
    base = _template("audio_transcriptions_default")

    def fix(r: Req) -> Req:
        r = _map_parts(
            r,
            lambda ps: [
                replace(p, filename=filename, content_type=content_type) if p.name == "file" else p
                for p in ps
            ],
        )
        headers = tuple(h for h in r.headers if h[0] != "x-portkey-audio-file-duration")
        if duration is not None:
            headers = tuple(sorted(headers + (("x-portkey-audio-file-duration", duration),)))
        return replace(r, headers=headers)

    _map_requests(base, fix)
    outcome.__dict__.update(base.__dict__)


def _path_in_tuple_read(outcome: Outcome, s: Dict[str, Any]) -> None:
    outcome.__dict__.update(_template("files_create_tuple_fileobj").__dict__)


def _template(name: str) -> Outcome:
    """Another scenario's outcome with the deviations that hold everywhere."""
    base = official_outcome(BY_NAME[name])
    for deviation in DEVIATIONS:
        if deviation.scenarios is None:
            deviation.adjust(base, BY_NAME[name])
    return base


def _content_as_text(outcome: Outcome, s: Dict[str, Any]) -> None:
    outcome.response_text = outcome.response_bytes.decode("utf-8")
    outcome.response_bytes = UNSET


# ---- issue 13 ----

# The official's Portkey routes urlencode() their query: a list or dict is sent as its Python
# repr, a datetime as str() (a space), a bool as "True"/"False". Ours: these values.
_PORTKEY_QUERY: Dict[str, Dict[str, str]] = {
    "adm_users_list_role_list": {"role": "admin,member"},
    "an_graphs_requests_lists": {
        "status_code": "200,429",
        "virtual_keys": "vk-a,vk-b",
        "metadata": '{"env":"prod","team":"ml"}',
    },
    "int_models_delete_list": {"slugs": "my-ft-1,my-ft-2"},
    "an_graphs_requests_datetimes": {
        "time_of_generation_min": "2024-01-01T00:00:00+00:00",
        "time_of_generation_max": "2024-01-31T23:59:59+00:00",
    },
    "an_groups_users_params": {"include_total": "true"},
    "an_groups_group_by_params": {"include_total": "false"},
}


def _query_values(table: Dict[str, Dict[str, str]]) -> Callable[[Outcome, Dict[str, Any]], None]:
    """The query parameters of ``table[scenario]`` with our values (same keys, same order)."""

    def adjust(outcome: Outcome, s: Dict[str, Any]) -> None:
        values = table[s["name"]]

        def fix(r: Req) -> Req:
            url = httpx.URL(r.url)
            pairs = [(k, values.get(k, v)) for k, v in url.params.multi_items()]
            return replace(r, url=str(url.copy_with(params=pairs)))

        _map_requests(outcome, fix)

    return adjust


def _portkey_answer_parsed(outcome: Outcome, s: Dict[str, Any]) -> None:
    """The official failed on the API's answer after a successful request; ours returns it:
    get_headers() and every value of the answer in place (a JSON array as a page's data)."""
    outcome.error = None
    outcome.get_headers = None
    _get_headers_everywhere(outcome, s)
    outcome.response_fields = capture_portkey.answer_fields(_answer_of(s))
    outcome.response_items = outcome.response_fields


def _generation_sent(outcome: Outcome, s: Dict[str, Any]) -> None:
    """What the official means to send (POST /prompts/{id}/generate with the variables, as a
    Portkey route: the headers of prompts.create, `pr_create`), answered by the API."""
    base = _template("pr_create")
    kwargs = s["call"]["kwargs"]
    url = f"https://api.portkey.ai/v1/prompts/{kwargs['prompt_id']}/generate"
    _map_requests(base, lambda r: replace(r, url=url, body={"variables": kwargs["variables"]}))
    if "config" in kwargs:  # this call's config, as on prompts.completions.create
        _set_headers(("x-portkey-config", kwargs["config"]))(base, s)
    outcome.requests = base.requests
    outcome.base_url = base.base_url
    _portkey_answer_parsed(outcome, s)


def _portkey_retried(outcome: Outcome, s: Dict[str, Any]) -> None:
    """Ours retries once more than the official (`max_retries=2`, 429 included), and the
    attempt after the recorded failures gets the route's answer: the result of `cfg_list`."""
    more = {"cfg_list_500": 1, "cfg_list_429": 1}[s["name"]]
    outcome.requests = outcome.requests + outcome.requests[-1:] * more
    done = expected_outcome(BY_NAME["cfg_list"])
    outcome.error = None
    outcome.get_headers = done.get_headers
    outcome.response_fields = done.response_fields
    outcome.response_items = done.response_items


def _no_empty_query_mark(outcome: Outcome, s: Dict[str, Any]) -> None:
    _map_requests(outcome, lambda r: replace(r, url=r.url[:-1] if r.url.endswith("?") else r.url))


_EMPTY_QUERY_MARK = tuple(
    s["name"]
    for s in SCENARIOS
    if s["name"] in ISSUE13 and any(r["url"].endswith("?") for r in s["requests"])
)


def _portkey_call_options(outcome: Outcome, s: Dict[str, Any]) -> None:
    """extra_headers the official sent as one more body key (a POST) or query parameter (a GET):
    sent as headers."""
    extra = s["call"]["kwargs"]["extra_headers"]

    def fix(r: Req) -> Req:
        headers = tuple(sorted(r.headers + tuple(extra.items())))
        if isinstance(r.body, dict) and "extra_headers" in r.body:
            body = {k: v for k, v in r.body.items() if k != "extra_headers"}
            return replace(r, body=body, headers=headers)
        url = httpx.URL(r.url)
        pairs = [(k, v) for k, v in url.params.multi_items() if k != "extra_headers"]
        return replace(r, url=str(url.copy_with(params=pairs)), headers=headers)

    _map_requests(outcome, fix)


@dataclass(frozen=True)
class Deviation:
    key: str
    reason: str
    # The scenarios it concerns; None: every scenario where the official outcome shows it.
    scenarios: Optional[Tuple[str, ...]]
    adjust: Callable[[Outcome, Dict[str, Any]], None]

    def applies_to(self, name: str) -> bool:
        return self.scenarios is None or name in self.scenarios


DEVIATIONS: Tuple[Deviation, ...] = (
    Deviation(
        "no-placeholder-authorization",
        "The official's vendored OpenAI client always sends `Authorization: Bearer "
        "OPENAI_API_KEY` (a literal placeholder). We send Authorization only when given.",
        None,
        _drop_header("authorization", "Bearer OPENAI_API_KEY"),
    ),
    Deviation(
        "no-empty-api-key",
        "Without a key (self-hosted gateway, PORTKEY_PROXY, custom base_url) the official "
        "sends an empty `x-portkey-api-key:`; we send no header rather than an empty one.",
        None,
        _drop_header("x-portkey-api-key", ""),
    ),
    Deviation(
        "no-unbounded-timeout",
        "The official's chat completions pop `timeout` with a default of None, so the request "
        "has no timeout at all; ours defaults to 600 s read / 5 s connect on every route.",
        None,
        _no_unbounded_timeout,
    ),
    Deviation(
        "no-openai-env-leak",
        "The official's vendored OpenAI client reads OPENAI_ORG_ID / OPENAI_PROJECT_ID and "
        "sends them as OpenAI-Organization / OpenAI-Project; we read no OPENAI_* variable "
        "(use openai_organization= / openai_project= for the x-portkey-* headers).",
        ("env_openai_org_project_leak",),
        _remove_headers("openai-organization", "openai-project"),
    ),
    Deviation(
        "portkey-base-url-honoured",
        "The official looks up os.environ['https://api.portkey.ai/v1'] instead of "
        "PORTKEY_BASE_URL (a bug), so the variable is ignored; we honour it.",
        ("env_portkey_base_url_ignored",),
        _url("https://env-base.example.com/v1/chat/completions"),
    ),
    Deviation(
        "with-options-can-reset",
        "The official's with_options does `x or self.x`, so False/None cannot replace a truthy "
        "value; ours applies the override as given.",
        ("with_options_cannot_reset_false",),
        _set_headers(
            ("x-portkey-cache-force-refresh", "false"),
            ("x-portkey-debug", "false"),
            ("x-portkey-strict-open-ai-compliance", "false"),
        ),
    ),
    Deviation(
        "with-options-can-reset-to-none",
        "As above: with_options(trace_id=None) removes the trace id instead of keeping it.",
        ("with_options_cannot_reset_none",),
        _remove_headers("x-portkey-trace-id"),
    ),
    Deviation(
        "with-options-repass-kwarg",
        "The official's with_options raises TypeError ('got multiple values for keyword "
        "argument') when a **kwargs option given to the client is passed again; ours overrides.",
        ("with_options_repass_unknown_kwarg",),
        _succeeds_like("unknown_kwarg", ("x-portkey-my-custom-thing", "y")),
    ),
    Deviation(
        "with-options-repass-authorization",
        "Same TypeError for re-passing Authorization; ours overrides it.",
        ("with_options_authorization_repass",),
        _succeeds_like(
            "self_hosted_provider_authorization",
            ("authorization", "Bearer sk-b"),
            url="http://gw.local/v1/chat/completions",
        ),
    ),
    Deviation(
        "lists-as-json",
        'A list-valued option is sent as JSON (`["a", "b"]`), not as a Python repr '
        "(`['a', 'b']`), which no gateway can parse.",
        ("unknown_kwarg_types",),
        _set_headers(("x-portkey-k-list", '["a", "b"]')),
    ),
    Deviation(
        "zero-is-a-value",
        "Only None and '' mean 'not set'. The official's `if v:` also drops 0 (and []), so "
        "request_timeout=0 or k=0 would silently vanish; we send `0`.",
        ("unknown_kwarg_types",),
        lambda outcome, s: _map_requests(
            outcome,
            lambda r: replace(r, headers=tuple(sorted(r.headers + (("x-portkey-k-zero", "0"),)))),
        ),
    ),
    Deviation(
        "no-case-variant-duplicates",
        "The official merges headers with a case-sensitive dict, so `authorization=` or "
        "extra_headers spelled in another case send the header twice (placeholder and value, "
        "client and call value). Header names are case-insensitive: we send one, the last given.",
        ("authorization_lowercase_kwarg", "extra_headers_case_variants"),
        lambda outcome, s: {
            "authorization_lowercase_kwarg": _set_headers(("authorization", "Bearer sk-low")),
            "extra_headers_case_variants": _set_headers(
                ("authorization", "Bearer sk-lower"), ("x-portkey-trace-id", "t-extra")
            ),
        }[s["name"]](outcome, s),
    ),
    Deviation(
        "embeddings-call-options",
        "The official's embeddings.create passes its **kwargs as extra_body, so extra_headers "
        "and extra_body end up inside the JSON body; ours sends extra_headers as headers and "
        "merges extra_body into the body, as every other method does.",
        ("embeddings_extra_kwargs",),
        _embeddings_options,
    ),
    Deviation(
        "embeddings-floats",
        "Without encoding_format both SDKs ask for base64 on the wire; the official hands the "
        "base64 text to the caller, ours decodes it and returns floats (as openai-python does).",
        None,
        _floats_by_default,
    ),
    Deviation(
        "retry-429",
        "The official never retries 429; ours retries 408/409/429/5xx (with retry-after), "
        "per the retry policy of issue 2.",
        ("no_retry_on_429",),
        _retried_once_more,
    ),
    Deviation(
        "retry-5xx-with-trace-id",
        "The official does not retry a 5xx that carries x-portkey-trace-id; ours decides on "
        "x-portkey-retry-attempt-count (absent here: the gateway did not retry), so it retries.",
        ("no_retry_on_500_with_portkey_trace",),
        _retried_once_more,
    ),
    Deviation(
        "get-headers-everywhere",
        "The official's FeedbackResponse and PromptRender have no get_headers() (the capture "
        "records none), nor do the openai-python objects it returns unwrapped (responses.create, "
        "cancel and parse, the input_items pages, conversations.items.*); every response of "
        "ours has it.",
        None,
        _get_headers_everywhere,
    ),
    Deviation(
        "prompts-call-options",
        "The official's prompts.completions.create passes extra_body, extra_query and timeout "
        "(and prompts.render also extra_headers) as **kwargs into the JSON body; ours use them "
        "as the per-call options they are on every other method.",
        ("prompt_completion_call_options", "prompt_render_extra_headers"),
        _prompts_call_options,
    ),
    Deviation(
        "call-headers-win",
        "The official's Portkey routes merge the client's headers over a call's extra_headers, "
        "so extra_headers cannot override x-portkey-trace-id (or any client option) for one "
        "call; ours apply extra_headers last, as on the OpenAI routes.",
        ("prompt_completion_extra_headers",),
        _set_headers(("x-portkey-trace-id", "t-call")),
    ),
    Deviation(
        "config-checked",
        "The official sends any dict as x-portkey-config; ours checks a dict config against the "
        "gateway's rules first (issue 15) and raises ConfigError, sending nothing: {} and "
        "{'metadata': ...} reach no provider (the gateway answers 400). validate_config=False "
        "sends them as the official does (tests/test_config.py).",
        ("config_unicode", "config_empty_dict"),
        _config_refused,
    ),
    Deviation(
        "prompt-config-applied",
        "The official's prompts.completions.create accepts config= and never sends it; ours "
        "sends it as this call's x-portkey-config (overriding the client's config).",
        ("prompt_completion_config",),
        _set_headers(("x-portkey-config", "pc-call")),
    ),
    Deviation(
        "empty-strings-sent",
        'On its Portkey routes the official drops every "" value at any depth of the body '
        "(remove_empty_values), so metadata={'k': ''} loses 'k' and a prompt variable set to '' "
        "is not sent at all; we send what the caller passed and drop only omitted parameters.",
        tuple(_EMPTY_STRINGS_SENT),
        _empty_strings_sent,
    ),
    Deviation(
        "models-retrieve-call-options",
        "The official's models.retrieve passes its **kwargs as extra_body, which openai-python "
        "drops on a GET, so extra_headers and extra_query are silently lost; ours applies them "
        "as per-call options (other keyword parameters are dropped, as there: a GET has no body).",
        ("models_retrieve_extra_kwargs",),
        _retrieve_call_options,
    ),
    Deviation(
        "no-empty-delete-body",
        "The official's models.delete, responses.delete, responses.cancel, files.delete, "
        "uploads.cancel and batches.cancel always pass extra_body={}, so the DELETE (or the "
        "cancel POST) carries the body `{}` (and Content-Type); ours sends none unless keyword "
        "parameters or extra_body are given, as openai-python itself does.",
        (
            "models_delete",
            "responses_delete",
            "responses_cancel",
            "files_delete",
            "uploads_cancel",
            "batches_cancel",
        ),
        _no_empty_delete_body,
    ),
    Deviation(
        "no-content-type-without-body",
        "The official's conversations.delete, conversations.items.delete and "
        "chat.completions.delete send `Content-Type: application/json` with no body; ours sends "
        "Content-Type only with a body (a GET/DELETE without one has none).",
        ("conversations_delete", "conversations_items_delete", "chat_completions_delete"),
        _no_bodyless_content_type,
    ),
    Deviation(
        "unknown-kwargs-everywhere",
        "The official's conversations.* and stored-chat methods take no **kwargs (an unknown "
        "keyword is a TypeError); ours passes it through on every method, as issue 10 asks: "
        "into the body of a POST, dropped on a GET (which has none), as the official's "
        "responses.retrieve does.",
        ("conversations_create_unknown_kwarg", "chat_completions_list_unknown_kwarg"),
        lambda outcome, s: {
            "conversations_create_unknown_kwarg": _sent_like(
                "conversations_create", body={"metadata": {"topic": "demo"}, "foo": "bar"}
            ),
            "chat_completions_list_unknown_kwarg": _sent_like(
                "chat_completions_list", url="https://api.portkey.ai/v1/chat/completions?limit=2"
            ),
        }[s["name"]](outcome, s),
    ),
    Deviation(
        "call-options-everywhere",
        "The official's chat.completions.retrieve takes no keyword at all (extra_headers= is a "
        "TypeError); ours takes the per-call options on every method.",
        ("chat_completions_retrieve_extra_headers",),
        _sent_like("chat_completions_retrieve", add_headers=(("x-custom", "1"),)),
    ),
    Deviation(
        "compact-answer-parsed",
        "The official's CompactedResponse rejects the compaction answer of OpenAI's own spec "
        "example (user messages with input_text parts before the compaction item: pydantic "
        "ValidationError after a successful request); ours returns it.",
        ("responses_compact", "responses_compact_call_options"),
        _compact_parsed,
    ),
    Deviation(
        "retry-429-stream",
        "As retry-429, for a stream request: ours retries the 429 and then reads the stream.",
        ("responses_create_stream_error_429",),
        _retried_stream,
    ),
    Deviation(
        "moderations-call-options",
        "As for embeddings: the official's moderations.create passes its **kwargs as extra_body, "
        "so extra_headers and extra_body end up inside the JSON body; ours applies them.",
        ("moderations_extra_kwargs",),
        _embeddings_options,
    ),
    Deviation(
        "images-kwargs-sent",
        "The official's images.generate pops the call options and silently ignores any other "
        "keyword parameter; ours passes it through to the body, as every other create does.",
        ("images_generate_unknown_kwarg",),
        _images_kwargs_sent,
    ),
    Deviation(
        "multipart-call-options",
        "The official's files.create passes every keyword but extra_headers as extra_body, so "
        "extra_query, extra_body and timeout become form fields (`extra_query[q]`, "
        "`extra_body[z]`, `timeout`); ours applies them as the per-call options they are.",
        ("files_create_call_options",),
        _multipart_call_options,
    ),
    Deviation(
        "variation-extra-headers",
        "The official's images.create_variation passes every keyword as extra_body, so "
        "extra_headers becomes the form field `extra_headers[x-custom]`; ours sends it as a "
        "header (other keywords stay form fields).",
        ("images_create_variation_kwargs",),
        _variation_extra_headers,
    ),
    Deviation(
        "images-edit-kwargs-sent",
        "As images-kwargs-sent: the official's images.edit silently drops an unknown keyword; "
        "ours sends it as a form field.",
        ("images_edit_unknown_kwarg",),
        _edit_kwargs_sent,
    ),
    Deviation(
        "batches-create-extra-headers",
        "The official's batches.create passes every keyword as extra_body, so extra_headers "
        "lands inside the JSON body; ours sends it as headers.",
        ("batches_create_kwargs",),
        _json_call_options,
    ),
    Deviation(
        "get-call-options",
        "The official's files.retrieve and files.content put their keywords into extra_body, "
        "which a GET drops, and batches.list passes none of them on: extra_headers and "
        "extra_query are silently lost; ours applies them (as models-retrieve-call-options).",
        (
            "files_retrieve_call_options",
            "files_content_call_options",
            "batches_list_call_options",
            "ft_jobs_retrieve_options",
        ),
        _get_call_options,
    ),
    Deviation(
        "speech-sse-typed",
        'With stream_format="sse" the official returns the raw event-stream bytes as binary '
        "content; ours yields typed speech.audio.delta / speech.audio.done events (issue 11).",
        ("audio_speech_create_sse",),
        _speech_sse_typed,
    ),
    Deviation(
        "transcription-text-as-str",
        "The official parses every transcription/translation answer as JSON, so "
        "response_format text/srt/vtt raises JSONDecodeError after a successful request; ours "
        "returns the text as str (as openai-python).",
        (
            "audio_transcriptions_text",
            "audio_transcriptions_srt",
            "audio_transcriptions_vtt",
            "audio_translations_text",
        ),
        _text_as_str,
    ),
    Deviation(
        "audio-any-file-form",
        "The official's audio methods read file.name (AttributeError for bytes and tuples) and "
        "measure the duration at that name relative to the working directory "
        "(FileNotFoundError for a Path or a named BytesIO); ours accepts every file form "
        "openai-python accepts and sends x-portkey-audio-file-duration only for a file on disk "
        "whose duration it can read.",
        tuple(_AUDIO_FORMS),
        _audio_any_form,
    ),
    Deviation(
        "path-in-tuple-read",
        "A tuple whose content is a Path: the official (as openai-python) hands the Path to "
        "httpx unread, which fails (APIConnectionError); ours reads the file, as it does for a "
        "file object in a tuple.",
        ("files_create_tuple_pathlike",),
        _path_in_tuple_read,
    ),
    Deviation(
        "retrieve-content-text",
        "The official's deprecated files.retrieve_content returns the same binary object as "
        "files.content; ours returns the text (issue 11: deprecated, returns text, warns).",
        ("files_retrieve_content",),
        _content_as_text,
    ),
    Deviation(
        "file-type-error",
        "A file argument of the wrong type: the official raises RuntimeError; ours the "
        "TypeError issue 11 asks for, also before sending anything.",
        ("files_create_wrong_type",),
        lambda outcome, s: setattr(outcome, "error", "TypeError"),
    ),
    Deviation(
        "images-max-retries",
        "The official's images.generate ignores max_retries= (a leftover **kwarg) and retries "
        "with the client's setting; ours honours it, as on every method.",
        ("images_generate_error_500",),
        _max_retries_honoured,
    ),
    # ---- issue 12 (tests/wire/capture_platform.py) ----
    Deviation(
        "no-content-type-without-body-platform",
        "As no-content-type-without-body: the official's deletes and bodyless POSTs (cancel, "
        "hangup) on these routes send `Content-Type: application/json` with no body; ours "
        "sends Content-Type only with a body.",
        (
            "vs_delete",
            "vs_files_delete",
            "vs_file_batches_cancel",
            "ct_delete",
            "ct_files_delete",
            "vd_delete",
            "as_delete",
            "th_delete",
            "msg_delete",
            "run_cancel",
            "ck_sessions_cancel",
            "ck_threads_delete",
            "rt_calls_hangup",
        ),
        _no_bodyless_content_type,
    ),
    Deviation(
        "kwargs-call-options",
        "The official's fine_tuning.jobs.create and beta.assistants.create pass their **kwargs "
        "whole as extra_body, so extra_headers, extra_query and extra_body land inside the JSON "
        "body; ours applies them as the per-call options they are.",
        ("ft_jobs_create_reinforcement_kwargs", "as_create_kwargs"),
        _json_all_call_options,
    ),
    Deviation(
        "assistant-stream-typed",
        "The official's runs.create(stream=True), threads.create_and_run(stream=True) and "
        "their stream_create / stream_create_and_run yield "
        "the raw SSE lines as strings (`event: ...` lines and data JSON); ours yields typed "
        "assistant events (issue 12), one per event.",
        (
            "run_create_stream_true",
            "th_create_and_run_stream_true",
            "run_stream_create",
            "th_stream_create_and_run",
        ),
        _assistant_stream_typed,
    ),
    Deviation(
        "permissions-create-page",
        "The API answers checkpoints.permissions.create with a list page; the official parses "
        "it as one permission (the items lost in extra fields); ours returns the page "
        "(openai-python's SyncPage[PermissionCreateResponse]) with typed items.",
        ("ft_permissions_create",),
        _page_answer,
    ),
    Deviation(
        "grader-run-parsed",
        "The official's GraderRunResponse rejects the spec's metadata.errors object "
        "(pydantic ValidationError after a successful request); ours returns it typed.",
        ("ft_graders_run",),
        _compact_parsed,
    ),
    Deviation(
        "skill-files-once",
        "openai-python 2.30 (vendored by the official) extracts skills' `files` at both "
        "[files, <array>] and [files], so every file part is sent twice; ours sends each once.",
        ("sk_create", "sk_versions_create"),
        _files_sent_once,
    ),
    Deviation(
        "video-reference-sent",
        "videos.edit/extend with video={'id': ...} (a reference to a generated video, which the "
        "official's type allows): openai-python 2.30 treats it as a file and raises RuntimeError "
        "before sending; ours sends the JSON body the API documents.",
        ("vd_edit_reference", "vd_extend_reference"),
        _video_reference_sent,
    ),
    Deviation(
        "beta-chat-stream-helper",
        "The official's beta.chat.completions.stream is a generator of the chunks' JSON "
        "strings; ours is the same stream helper as chat.completions.stream (typed chunk / "
        "content.delta / content.done events), as issue 12 asks.",
        ("beta_chat_stream",),
        _beta_chat_stream_helper,
    ),
    # ---- issue 13 (tests/wire/capture_portkey.py) ----
    Deviation(
        "portkey-query-values",
        "The official's Portkey routes build their query with urlencode(), so a list or dict "
        "is sent as its Python repr (`role=['admin', 'member']`), a datetime as str() "
        "(`2024-01-01 00:00:00+00:00`) and a bool as `True`; ours sends what these routes read: "
        "lists comma-separated, objects as JSON text, datetimes ISO 8601, booleans `true`.",
        tuple(_PORTKEY_QUERY),
        _query_values(_PORTKEY_QUERY),
    ),
    Deviation(
        "no-empty-query-mark",
        "With no query parameter the official still appends `?` (`/configs?`, from "
        "f'{path}?{urlencode({})}'); ours sends the bare path.",
        _EMPTY_QUERY_MARK,
        _no_empty_query_mark,
    ),
    Deviation(
        "portkey-call-options",
        "The official's Portkey methods take no call options: extra_headers= is one more "
        "**kwarg, sent as a body key (guardrails.create) or a query parameter (analytics); "
        "ours sends it as headers, as on every method.",
        ("gr_create_extra_headers", "an_graphs_requests_extra_headers"),
        _portkey_call_options,
    ),
    Deviation(
        "portkey-path-escaped",
        "The official's Portkey routes put path parameters into the path unescaped, so a '/' "
        "in a slug splits it, '?' starts a query and '#' cuts the rest off (GET "
        "/configs/pc%20a/b?c for slug 'pc a/b?c#d'); ours percent-encodes them, as on the "
        "OpenAI routes, and asks for the object named.",
        ("cfg_retrieve_escaped",),
        _url("https://api.portkey.ai/v1/configs/pc%20a%2Fb%3Fc%23d"),
    ),
    Deviation(
        "portkey-answers-parsed",
        "Answers in the spec's shape that the official cannot read after a successful request: "
        "a JSON array (prompts.versions.list, prompts.partials.list, partials.versions.list: "
        "TypeError, cast_to(**list)), a provider's rate_limits list, an integration "
        "workspace's usage_limits/rate_limits lists, default_user_access 'allow' (pydantic "
        "ValidationError: its types want dicts). Ours returns them typed (an array as a page).",
        (
            "pr_versions_list",
            "pr_partials_list",
            "pr_partials_list_collection",
            "pr_partials_versions_list",
            "prov_list_spec_body",
            "int_workspaces_list_spec_body",
            "mcps_user_access_list_spec_body",
        ),
        _portkey_answer_parsed,
    ),
    Deviation(
        "portkey-retries",
        "The official's Portkey routes (APIClient, max_retries=1) retry a 5xx once and never a "
        "429; ours follows the retry policy of issue 2 on every route (408/409/429/5xx, "
        "max_retries=2 by default), so it tries once more and gets the answer.",
        ("cfg_list_500", "cfg_list_429"),
        _portkey_retried,
    ),
    Deviation(
        "generations-sent",
        "The official's generations.create passes mode= to its _post, which takes no such "
        "keyword: TypeError before sending (and its path would repeat /v1). Ours sends what it "
        "means to, POST /prompts/{prompt_id}/generate with the variables (config= as this "
        "call's x-portkey-config: the official reads it and never sends it), and returns the "
        "answer (with the official's deprecation text in `warning`).",
        ("gen_create", "gen_create_config"),
        _generation_sent,
    ),
)

# Our bugs, not deliberate: the official behaviour is what we want. Kept visible and strict.
KNOWN_SDK_BUGS: Dict[str, str] = {}


def expected_outcome(s: Dict[str, Any]) -> Outcome:
    outcome = official_outcome(s)
    for deviation in DEVIATIONS:
        if deviation.applies_to(s["name"]):
            deviation.adjust(outcome, s)
    return outcome


def _params() -> List[Any]:
    params = []
    for s in SCENARIOS:
        marks: List[Any] = []
        route = s["call"]["path"]
        if not _implemented(route):
            marks.append(pytest.mark.skip(reason=f"not yet implemented: {route}"))
        elif s["name"] in KNOWN_SDK_BUGS:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_SDK_BUGS[s["name"]]))
        params.append(pytest.param(s, id=s["name"], marks=marks))
    return params


def _assert_same(ours: Outcome, expected: Outcome) -> None:
    assert ours.error == expected.error
    assert len(ours.requests) == len(expected.requests)
    for mine, theirs in zip(ours.requests, expected.requests):
        assert mine.method == theirs.method
        assert mine.url == theirs.url
        assert mine.body == theirs.body
        assert dict(mine.headers) == dict(theirs.headers)  # the readable diff first
        assert mine.headers == theirs.headers  # then duplicates
        assert mine.read_timeout == theirs.read_timeout
    assert ours.base_url == expected.base_url
    assert ours.get_headers == expected.get_headers
    assert ours.embedding == expected.embedding
    assert ours.stream_chunks == expected.stream_chunks
    assert ours.stream_event_types == expected.stream_event_types
    assert ours.iterated_ids == expected.iterated_ids
    assert ours.parsed == expected.parsed
    assert ours.response_bytes == expected.response_bytes
    assert ours.response_text == expected.response_text
    assert ours.data_ids == expected.data_ids
    assert ours.response_id == expected.response_id
    assert ours.response_status == expected.response_status
    assert _typed(ours.response_fields) == _typed(expected.response_fields)


@pytest.mark.usefixtures("no_sleep")
@pytest.mark.parametrize("scenario", _params())
def test_replay_sync(
    scenario: Dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _set_env(monkeypatch, scenario)
    _in_empty_cwd(monkeypatch, tmp_path)
    _assert_same(run_sync(scenario, tmp_path / "files"), expected_outcome(scenario))


@pytest.mark.anyio
@pytest.mark.usefixtures("no_sleep")
@pytest.mark.parametrize("scenario", _params())
async def test_replay_async(
    scenario: Dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _set_env(monkeypatch, scenario)
    _in_empty_cwd(monkeypatch, tmp_path)
    _assert_same(await run_async(scenario, tmp_path / "files"), expected_outcome(scenario))


# Issue 13: the official's response types also allow item access (`resp["data"][0]["slug"]`,
# their __getitem__); where ours does not, the scenario is listed here with the reason. Pages
# have key access too now (`page["data"]`, `page.get("total")`): none is left.
KNOWN_ITEM_READ_GAPS: Dict[str, str] = {}


def _item_read_params() -> List[Any]:
    params = []
    for s in SCENARIOS:
        if s["name"] not in ISSUE13:
            continue
        marks: List[Any] = []
        if not _implemented(s["call"]["path"]):
            marks.append(pytest.mark.skip(reason=f"not yet implemented: {s['call']['path']}"))
        elif s["name"] in KNOWN_ITEM_READ_GAPS:
            reason = KNOWN_ITEM_READ_GAPS[s["name"]]
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(pytest.param(s, id=s["name"], marks=marks))
    return params


@pytest.mark.usefixtures("no_sleep")
@pytest.mark.parametrize("scenario", _item_read_params())
def test_item_reads_sync(
    scenario: Dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every value of the answer read by item access, as on the official's result."""
    _set_env(monkeypatch, scenario)
    ours = run_sync(scenario, tmp_path)
    assert _typed(ours.response_items) == _typed(expected_outcome(scenario).response_items)


@pytest.mark.anyio
@pytest.mark.usefixtures("no_sleep")
@pytest.mark.parametrize("scenario", _item_read_params())
async def test_item_reads_async(
    scenario: Dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _set_env(monkeypatch, scenario)
    ours = await run_async(scenario, tmp_path)
    assert _typed(ours.response_items) == _typed(expected_outcome(scenario).response_items)


def _in_empty_cwd(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """As in the capture: a relative path (the official's audio duration) finds nothing."""
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")


# ---------------------------------------------------------------------------------------------
# The table and the capture stay in step.
# ---------------------------------------------------------------------------------------------


def test_capture_file_is_complete() -> None:
    assert len(SCENARIOS) == 674
    assert len(ISSUE11) == 309 - 218
    assert len(ISSUE12) == 456 - 309  # tests/wire/capture_platform.py, after issue 11's
    assert len(ISSUE13) == 674 - 456  # tests/wire/capture_portkey.py, after issue 12's
    assert len(BY_NAME) == len(SCENARIOS)
    for s in SCENARIOS:
        assert s["error"] is not None or s["requests"], s["name"]
        if "upstream_responses" in s:  # one recorded answer per request
            assert len(s["upstream_responses"]) == len(s["requests"]), s["name"]
    assert len(ISSUE10_ROUTES) == 24
    assert len(ISSUE11_ROUTES) == 22
    assert len(ISSUE12_ROUTES) == 127
    assert len(ISSUE13_ROUTES) == 142  # every official method of issue 13's areas
    for s in SCENARIOS:  # issues 11, 12: every multipart request recorded part by part
        for r in s["requests"] if s["name"] in RICH else ():
            if "multipart/form-data" in dict(r["headers"]).get("content-type", ""):
                assert r["multipart"], s["name"]


@pytest.mark.parametrize("deviation", DEVIATIONS, ids=lambda d: d.key)
def test_every_deviation_changes_something(deviation: Deviation) -> None:
    """A deviation that no longer changes any applicable scenario is stale: remove it."""
    changed = []
    for s in SCENARIOS:
        if not _implemented(s["call"]["path"]) or not deviation.applies_to(s["name"]):
            continue
        before = official_outcome(s)
        after = official_outcome(s)
        deviation.adjust(after, s)
        if after != before:
            changed.append(s["name"])
    if deviation.scenarios is None:
        assert changed
        return
    ready = [n for n in deviation.scenarios if _implemented(BY_NAME[n]["call"]["path"])]
    if not ready:  # an issue-10/11 route not in our clients yet
        pytest.skip(f"not yet implemented: {BY_NAME[deviation.scenarios[0]]['call']['path']}")
    assert sorted(changed) == sorted(ready)


def test_deviation_keys_unique_and_scenarios_known() -> None:
    keys = [d.key for d in DEVIATIONS]
    assert len(keys) == len(set(keys))
    for deviation in DEVIATIONS:
        for name in deviation.scenarios or ():
            assert name in BY_NAME, name
    for name in [*KNOWN_SDK_BUGS, *KNOWN_ITEM_READ_GAPS]:
        assert name in BY_NAME, name


def test_not_yet_implemented_routes_are_listed() -> None:
    """Every route before issue 10 is implemented; of issue 10's, the ones our clients do not
    have yet are the only ones skipped (their scenarios name them)."""
    routes = {s["call"]["path"] for s in SCENARIOS}
    new_routes = ISSUE10_ROUTES | ISSUE11_ROUTES | ISSUE12_ROUTES | ISSUE13_ROUTES
    assert routes - new_routes == IMPLEMENTED_ROUTES
    assert {r for r in routes if not _implemented(r)} <= new_routes
