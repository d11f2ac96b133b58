"""The fake upstream's stateful OpenAI APIs: Responses, conversations, stored chat completions.

``fake_upstream.py`` hands every request it does not answer itself to :func:`handle`; what is
created here lives in a :class:`Store` until the upstream's ``POST /__reset``. Standard library
only; ids are ``<prefix>_fake_<seq>`` (``seq`` = the request's number in the upstream's log).

Responses (``/v1/responses``)
  ``POST /responses``  a Response object. The conversation so far is the stored context of
      ``previous_response_id`` (its inputs and outputs) or the items of ``conversation``, then
      ``input`` (a string = one user message, or a list of items). The answer:
      the last item is a ``function_call_output`` -> a message ``"echo: tool said <output>"``;
      else ``tools`` has a function tool and ``tool_choice`` is not ``"none"`` -> one
      ``function_call`` to the first function tool (or the one ``tool_choice`` names), arguments
      made from its JSON schema; else a message ``"echo: <last user text>"`` (``text.format``
      ``json_object`` -> ``{"echo": ...}``, ``json_schema`` -> a JSON instance of the schema).
      ``stream: true`` -> OpenAI's SSE events (``event:`` + ``data:``, ``sequence_number`` from
      0): response.created, response.in_progress, then per item response.output_item.added,
      (message) response.content_part.added, response.output_text.delta per word,
      response.output_text.done, response.content_part.done, (function call)
      response.function_call_arguments.delta per piece, response.function_call_arguments.done,
      then response.output_item.done, and last response.completed. No ``[DONE]``.
      ``reasoning.effort`` set -> a ``reasoning`` item first (8 reasoning tokens; with
      ``reasoning.summary`` a summary ``"Thinking about: <last user text>"``, streamed as
      response.reasoning_summary_part.added/_text.delta/_text.done/_part.done).
      ``max_output_tokens`` below the answer's word count -> the text cut to that many words,
      ``status: "incomplete"``, ``incomplete_details.reason: "max_output_tokens"``, and the
      stream ends with response.incomplete.
      Model-name directives (with ``+``, as in ``fake_upstream.py``) break a stream after k
      events: ``failed-after-<k>`` -> response.failed (``status: "failed"``, ``error``),
      ``error-after-<k>`` -> an ``error`` event (``code``, ``message``, ``param``).
      Stored unless ``store: false``; with ``conversation`` the input and output items are
      appended to it. ``background: true`` answers ``status: "queued"`` with no output; the
      first retrieve finds it ``completed``; ``cancel`` before that makes it ``cancelled``.
  ``GET /responses/{id}``  the stored response; ``?stream=true[&starting_after=N]`` replays the
      stored events after sequence number N (only for responses created with ``stream: true``).
  ``DELETE /responses/{id}``  ``{"id", "object": "response.deleted", "deleted": true}``.
  ``POST /responses/{id}/cancel``  background responses only (else 400).
  ``GET /responses/{id}/input_items``  the response's own input items, a cursor page.
  ``POST /responses/input_tokens``  ``{"object": "response.input_tokens", "input_tokens": N}``.
  ``POST /responses/compact``  ``{"object": "response.compaction", "output": [the user
      messages..., {"type": "compaction", "encrypted_content": ...}], "usage"}``.
Conversations (``/v1/conversations``)
  create (``items``, ``metadata``), retrieve, update (``POST /conversations/{id}`` with
  ``metadata``), delete; ``/conversations/{id}/items``: create (``{"items": [...]}`` -> a list),
  list (a cursor page), retrieve and delete (``/items/{item_id}``; delete answers the
  conversation, as OpenAI does).
Stored chat completions (``POST /v1/chat/completions`` with ``store: true`` is kept)
  ``GET /chat/completions`` (filters ``model``, ``metadata[key]=value``), ``GET``/``POST``
  (``metadata`` update)/``DELETE /chat/completions/{id}``, ``GET
  /chat/completions/{id}/messages`` (the request's messages, ids ``<completion id>-<i>``).

Cursor pages are ``{"object": "list", "data", "first_id", "last_id", "has_more"}`` with ``after``,
``limit`` (1-100, default 20) and ``order`` (default ``desc`` for input items and conversation
items, ``asc`` for stored chat completions and their messages, as OpenAI). Unknown ids answer 404,
bad parameters 400, both with OpenAI's error body.
"""

from __future__ import annotations

import base64
import copy
import json
import re
import threading
from typing import Any, Callable, Dict, List, Optional, Tuple

try:
    from .fake_content import (
        CREATED,
        JSON,
        ApiError,
        Reply,
        count_tokens,
        cursor_page,
        json_body,
        lookup,
        not_found,
        sample_from_schema,
        text_of,
        typed_items,
        words,
    )
except ImportError:  # run as a script, next to fake_upstream.py
    from fake_content import (  # type: ignore[no-redef]
        CREATED,
        JSON,
        ApiError,
        Reply,
        count_tokens,
        cursor_page,
        json_body,
        lookup,
        not_found,
        sample_from_schema,
        text_of,
        typed_items,
        words,
    )


class Store:
    """Everything created through the fake (cleared by the upstream's reset)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.responses: Dict[str, JSON] = {}
        self.conversations: Dict[str, JSON] = {}
        self.chat: Dict[str, JSON] = {}

    def reset(self) -> None:
        with self.lock:
            self.responses.clear()
            self.conversations.clear()
            self.chat.clear()

    def save_chat(self, completion: JSON, request: JSON) -> None:
        """Keep a chat completion made with ``store: true`` (called by the chat endpoint)."""
        cid = completion["id"]
        stored = copy.deepcopy(completion)
        stored["metadata"] = request.get("metadata") or {}
        messages = []
        for i, m in enumerate(request.get("messages") or []):
            if not isinstance(m, dict):
                continue
            content = m.get("content")
            row = {
                "id": f"{cid}-{i}",
                "role": m.get("role"),
                "content": None if content is None else text_of(content),
                "content_parts": content if isinstance(content, list) else None,
                "name": m.get("name"),
            }
            for key in ("tool_calls", "tool_call_id"):
                if key in m:
                    row[key] = m[key]
            messages.append(row)
        with self.lock:
            self.chat[cid] = {"completion": stored, "messages": messages}


# ---------------------------------------------------------------------------------------------
# helpers


def _last_user_text(context: List[JSON]) -> str:
    for item in reversed(context):
        if item.get("type") == "message" and item.get("role") == "user":
            return text_of(item.get("content"))
    return ""


def _context_tokens(context: List[JSON], instructions: Any) -> int:
    total = count_tokens(instructions) if isinstance(instructions, str) else 0
    for item in context:
        total += count_tokens(text_of(item.get("content") or item.get("output"))) + 1
    return max(total, 1)


def _sse(event: JSON) -> bytes:
    return f"event: {event['type']}\ndata: {json.dumps(event)}\n\n".encode()


# ---------------------------------------------------------------------------------------------
# responses


def _context(store: Store, body: JSON, seq: int) -> Tuple[List[JSON], List[JSON], Optional[str]]:
    """(the conversation before this input, the new input items, the conversation id)."""
    prev_id = body.get("previous_response_id")
    conv = body.get("conversation")
    conv_id = conv.get("id") if isinstance(conv, dict) else conv
    if prev_id and conv_id:
        raise ApiError(
            400, "Use either 'previous_response_id' or 'conversation', not both.", "conversation"
        )
    before: List[JSON] = []
    if prev_id:
        prev = store.responses.get(prev_id)
        if prev is None:
            raise ApiError(
                404,
                f"Previous response with id '{prev_id}' not found.",
                "previous_response_id",
                "previous_response_not_found",
            )
        before = prev["context"] + prev["final"]["output"]
    elif conv_id:
        before = list(lookup(store.conversations, "Conversation", conv_id)["items"])
    return before, typed_items(body.get("input"), seq), conv_id


def _answer(body: JSON, context: List[JSON], seq: int) -> Tuple[JSON, str]:
    """The one output item of a response and the text its tokens are counted from."""
    last = context[-1] if context else {}
    user = _last_user_text(context)
    tools = [t for t in body.get("tools") or [] if isinstance(t, dict)]
    functions = [t for t in tools if t.get("type") == "function"]
    choice = body.get("tool_choice")
    if last.get("type") != "function_call_output" and functions and choice != "none":
        tool = functions[0]
        if isinstance(choice, dict) and choice.get("type") == "function":
            tool = next((t for t in functions if t.get("name") == choice.get("name")), tool)
        args = json.dumps(sample_from_schema(tool.get("parameters") or {"type": "object"}, user))
        call = {
            "id": f"fc_fake_{seq}",
            "type": "function_call",
            "status": "completed",
            "arguments": args,
            "call_id": f"call_fake_{seq}",
            "name": tool.get("name", "tool"),
        }
        return call, args
    if last.get("type") == "function_call_output":
        text = "echo: tool said " + text_of(last.get("output"))
    else:
        text = "echo: " + user
        fmt = (body.get("text") or {}).get("format") or {}
        if isinstance(fmt, dict) and fmt.get("type") == "json_object":
            text = json.dumps({"echo": user})
        elif isinstance(fmt, dict) and fmt.get("type") == "json_schema":
            text = json.dumps(sample_from_schema(fmt.get("schema") or {"type": "object"}, user))
    part = {"type": "output_text", "annotations": [], "logprobs": [], "text": text}
    message = {
        "id": f"msg_fake_{seq}",
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [part],
    }
    return message, text


def _reasoning(body: JSON, context: List[JSON], seq: int) -> Optional[JSON]:
    """A reasoning item when ``reasoning.effort`` is set (with a summary if one is asked for)."""
    reasoning = body.get("reasoning")
    if not isinstance(reasoning, dict) or not reasoning.get("effort"):
        return None
    summary = []
    if reasoning.get("summary"):
        text = "Thinking about: " + _last_user_text(context)
        summary = [{"type": "summary_text", "text": text}]
    return {"id": f"rs_fake_{seq}", "type": "reasoning", "summary": summary}


def _response(body: JSON, model: str, rid: str, conv_id: Optional[str]) -> JSON:
    """A Response object with the request's settings and OpenAI's defaults, before output."""
    text = dict(body.get("text") or {})
    text.setdefault("format", {"type": "text"})
    text.setdefault("verbosity", "medium")
    return {
        "id": rid,
        "object": "response",
        "created_at": CREATED,
        "status": "in_progress",
        "background": bool(body.get("background", False)),
        "conversation": {"id": conv_id} if conv_id else None,
        "error": None,
        "incomplete_details": None,
        "instructions": body.get("instructions"),
        "max_output_tokens": body.get("max_output_tokens"),
        "max_tool_calls": body.get("max_tool_calls"),
        "model": model,
        "output": [],
        "parallel_tool_calls": body.get("parallel_tool_calls", True),
        "previous_response_id": body.get("previous_response_id"),
        "prompt_cache_key": body.get("prompt_cache_key"),
        "reasoning": body.get("reasoning") or {"effort": None, "summary": None},
        "safety_identifier": body.get("safety_identifier"),
        "service_tier": body.get("service_tier") or "default",
        "store": body.get("store", True),
        "temperature": body.get("temperature", 1.0),
        "text": text,
        "tool_choice": body.get("tool_choice", "auto"),
        "tools": body.get("tools") or [],
        "top_logprobs": body.get("top_logprobs", 0),
        "top_p": body.get("top_p", 1.0),
        "truncation": body.get("truncation") or "disabled",
        "usage": None,
        "user": body.get("user"),
        "metadata": body.get("metadata") or {},
    }


def _events(start: JSON, final: JSON) -> List[bytes]:
    """The SSE events that build ``final`` up, as OpenAI streams them."""
    out: List[JSON] = []

    def emit(event: JSON) -> None:
        event["sequence_number"] = len(out)
        out.append(event)

    emit({"type": "response.created", "response": start})
    emit({"type": "response.in_progress", "response": {**start, "status": "in_progress"}})
    for index, item in enumerate(final["output"]):
        where = {"item_id": item["id"], "output_index": index}
        if item["type"] == "reasoning":
            emit(
                {
                    "type": "response.output_item.added",
                    "output_index": index,
                    "item": {**item, "summary": []},
                }
            )
            for k, part in enumerate(item["summary"]):
                at = {**where, "summary_index": k}
                empty = {**part, "text": ""}
                emit({"type": "response.reasoning_summary_part.added", **at, "part": empty})
                for piece in words(part["text"]):
                    emit({"type": "response.reasoning_summary_text.delta", **at, "delta": piece})
                emit({"type": "response.reasoning_summary_text.done", **at, "text": part["text"]})
                emit({"type": "response.reasoning_summary_part.done", **at, "part": part})
        elif item["type"] == "function_call":
            emit(
                {
                    "type": "response.output_item.added",
                    "output_index": index,
                    "item": {**item, "status": "in_progress", "arguments": ""},
                }
            )
            for piece in words(item["arguments"]):
                emit(
                    {
                        "type": "response.function_call_arguments.delta",
                        **where,
                        "delta": piece,
                        "obfuscation": "fake",
                    }
                )
            emit(
                {
                    "type": "response.function_call_arguments.done",
                    **where,
                    "name": item["name"],
                    "arguments": item["arguments"],
                }
            )
        else:
            part = item["content"][0]
            emit(
                {
                    "type": "response.output_item.added",
                    "output_index": index,
                    "item": {**item, "status": "in_progress", "content": []},
                }
            )
            where["content_index"] = 0
            empty = {**part, "text": ""}
            emit({"type": "response.content_part.added", **where, "part": empty})
            for piece in words(part["text"]):
                emit(
                    {
                        "type": "response.output_text.delta",
                        **where,
                        "delta": piece,
                        "logprobs": [],
                        "obfuscation": "fake",
                    }
                )
            emit(
                {
                    "type": "response.output_text.done",
                    **where,
                    "text": part["text"],
                    "logprobs": [],
                }
            )
            emit({"type": "response.content_part.done", **where, "part": part})
        emit({"type": "response.output_item.done", "output_index": index, "item": item})
    # response.completed, or response.incomplete when max_output_tokens cut the answer
    emit({"type": f"response.{final['status']}", "response": final})
    return [_sse(e) for e in out]


_BREAKS = re.compile(r"(failed|error)-after-(\d+)")


def _broken(events: List[bytes], model: str, final: JSON) -> List[bytes]:
    """The stream as a model-name directive breaks it: ``failed-after-<k>`` -> k events, then
    ``response.failed`` (status ``failed``, an ``error`` object); ``error-after-<k>`` -> k
    events, then an ``error`` event. Either way the stream then ends cleanly."""
    for part in model.split("+"):
        match = _BREAKS.fullmatch(part)
        if not match:
            continue
        k = int(match.group(2))
        error = {"code": "server_error", "message": f"fake upstream: {part} for model {model!r}"}
        if match.group(1) == "failed":
            failed = {**final, "status": "failed", "error": error, "output": [], "usage": None}
            event: JSON = {"type": "response.failed", "response": failed}
        else:
            event = {"type": "error", **error, "param": None}
        event["sequence_number"] = k
        return events[:k] + [_sse(event)]
    return events


def create_response(store: Store, body: JSON, model: str, seq: int) -> Reply:
    if not model:
        raise ApiError(
            400, "Missing required parameter: 'model'.", "model", "missing_required_parameter"
        )
    background = bool(body.get("background"))
    if background and body.get("store") is False:
        raise ApiError(400, "Background responses require 'store' to be true.", "background")
    before, new_items, conv_id = _context(store, body, seq)
    context = before + new_items
    item, out_text = _answer(body, context, seq)
    rid = f"resp_fake_{seq}"
    start = _response(body, model, rid, conv_id)
    if background:
        start["status"] = "queued"
    final = copy.deepcopy(start)
    final["status"] = "completed"
    final["output"] = [item]
    limit = body.get("max_output_tokens")
    if item["type"] == "message" and isinstance(limit, int) and count_tokens(out_text) > limit:
        out_text = "".join(words(out_text)[: max(limit, 0)])  # cut off, as OpenAI stops
        item["content"][0]["text"] = out_text
        item["status"] = final["status"] = "incomplete"
        final["incomplete_details"] = {"reason": "max_output_tokens"}
    thought = _reasoning(body, context, seq)
    if thought is not None:
        final["output"].insert(0, thought)
    in_tokens = _context_tokens(context, body.get("instructions"))
    reasoning_tokens = 0 if thought is None else 8
    out_tokens = max(count_tokens(out_text), 1) + reasoning_tokens
    final["usage"] = {
        "input_tokens": in_tokens,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": out_tokens,
        "output_tokens_details": {"reasoning_tokens": reasoning_tokens},
        "total_tokens": in_tokens + out_tokens,
    }
    events = _events(start, final) if body.get("stream") else None
    if events is not None:
        events = _broken(events, model, final)
    if body.get("store", True) is not False:
        store.responses[rid] = {
            "final": final,
            "current": start if background else final,
            "input_items": new_items,
            "context": context,
            "events": events,
        }
    if conv_id:
        store.conversations[conv_id]["items"].extend(copy.deepcopy(new_items + final["output"]))
    if events is not None:
        return Reply(events=events)
    return Reply(200, start if background else final)


def retrieve_response(store: Store, rid: str, query: Dict[str, str]) -> Reply:
    saved = lookup(store.responses, "Response", rid)
    if saved["current"]["status"] == "queued":
        saved["current"] = saved["final"]  # a background response finishes once looked at
    if query.get("stream") == "true":
        if saved["events"] is None:
            raise ApiError(400, f"Response '{rid}' was not created with stream=true.", "stream")
        try:
            after = int(query.get("starting_after", "-1"))
        except ValueError:
            raise ApiError(400, "Invalid 'starting_after'.", "starting_after") from None
        return Reply(events=saved["events"][after + 1 :])
    return Reply(200, saved["current"])


def cancel_response(store: Store, rid: str) -> Reply:
    saved = lookup(store.responses, "Response", rid)
    current = saved["current"]
    if not current["background"]:
        raise ApiError(400, "Only responses created with background=true can be cancelled.")
    if current["status"] == "queued":
        saved["current"] = {**current, "status": "cancelled"}
    elif current["status"] != "cancelled":
        raise ApiError(400, f"Cannot cancel a response with status '{current['status']}'.")
    return Reply(200, saved["current"])


def compact(store: Store, body: JSON, model: str, seq: int) -> Reply:
    if not model:
        raise ApiError(
            400, "Missing required parameter: 'model'.", "model", "missing_required_parameter"
        )
    before, new_items, _ = _context(store, body, seq)
    context = before + new_items
    users = [i for i in context if i.get("type") == "message" and i.get("role") == "user"]
    secret = base64.b64encode(json.dumps(context).encode()).decode()
    summary = {"id": f"cmp_fake_{seq}", "type": "compaction", "encrypted_content": secret}
    tokens = _context_tokens(context, body.get("instructions"))
    usage = {
        "input_tokens": tokens,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": 1,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": tokens + 1,
    }
    payload = {
        "id": f"resp_fake_{seq}",
        "object": "response.compaction",
        "created_at": CREATED,
        "output": users + [summary],
        "usage": usage,
    }
    return Reply(200, payload)


def input_tokens(store: Store, body: JSON, seq: int) -> Reply:
    before, new_items, _ = _context(store, body, seq)
    tokens = _context_tokens(before + new_items, body.get("instructions"))
    return Reply(200, {"object": "response.input_tokens", "input_tokens": tokens})


# ---------------------------------------------------------------------------------------------
# conversations


def create_conversation(store: Store, body: JSON, seq: int) -> Reply:
    cid = f"conv_fake_{seq}"
    conv = {"id": cid, "object": "conversation", "created_at": CREATED}
    conv["metadata"] = body.get("metadata") or {}
    store.conversations[cid] = {
        "conversation": conv,
        "items": typed_items(body.get("items"), seq, "items"),
    }
    return Reply(200, conv)


def add_items(store: Store, cid: str, body: JSON, seq: int) -> Reply:
    conv = lookup(store.conversations, "Conversation", cid)
    if "items" not in body:
        raise ApiError(400, "Missing required parameter: 'items'.", "items")
    added = typed_items(body["items"], seq, "items")
    conv["items"].extend(added)
    return Reply(200, cursor_page(added, {"order": "asc", "limit": "100"}, "asc"))


def _item(store: Store, cid: str, iid: str) -> Tuple[JSON, JSON]:
    conv = lookup(store.conversations, "Conversation", cid)
    for item in conv["items"]:
        if item.get("id") == iid:
            return conv, item
    raise not_found("Item", iid)


def _update_metadata(record: JSON, body: JSON) -> None:
    if not isinstance(body.get("metadata"), dict):
        raise ApiError(400, "Missing required parameter: 'metadata'.", "metadata")
    record["metadata"] = body["metadata"]


# ---------------------------------------------------------------------------------------------
# dispatch

Handler = Callable[[Store, Dict[str, str], Dict[str, str], Any, str, int], Reply]
_ROUTES: List[Tuple[str, re.Pattern[str], Handler]] = []


def _route(method: str, pattern: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _ROUTES.append((method, re.compile(pattern), fn))
        return fn

    return register


_ID = r"(?P<id>[^/]+)"
_SUB = r"(?P<sub>[^/]+)"

# fixed paths before the {id} patterns that would also match them
_route("POST", r"/responses/input_tokens")(
    lambda s, p, q, b, m, n: input_tokens(s, json_body(b), n)
)
_route("POST", r"/responses/compact")(lambda s, p, q, b, m, n: compact(s, json_body(b), m, n))
_route("POST", r"/responses")(lambda s, p, q, b, m, n: create_response(s, json_body(b), m, n))
_route("GET", rf"/responses/{_ID}")(lambda s, p, q, b, m, n: retrieve_response(s, p["id"], q))
_route("POST", rf"/responses/{_ID}/cancel")(lambda s, p, q, b, m, n: cancel_response(s, p["id"]))


@_route("DELETE", rf"/responses/{_ID}")
def _delete_response(s: Store, p: Dict[str, str], q: Any, b: Any, m: str, n: int) -> Reply:
    lookup(s.responses, "Response", p["id"])
    del s.responses[p["id"]]
    return Reply(200, {"id": p["id"], "object": "response.deleted", "deleted": True})


@_route("GET", rf"/responses/{_ID}/input_items")
def _input_items(s: Store, p: Dict[str, str], q: Dict[str, str], b: Any, m: str, n: int) -> Reply:
    return Reply(
        200, cursor_page(lookup(s.responses, "Response", p["id"])["input_items"], q, "desc")
    )


_route("POST", r"/conversations")(lambda s, p, q, b, m, n: create_conversation(s, json_body(b), n))


@_route("GET", rf"/conversations/{_ID}")
def _get_conversation(s: Store, p: Dict[str, str], q: Any, b: Any, m: str, n: int) -> Reply:
    return Reply(200, lookup(s.conversations, "Conversation", p["id"])["conversation"])


@_route("POST", rf"/conversations/{_ID}")
def _update_conversation(s: Store, p: Dict[str, str], q: Any, b: Any, m: str, n: int) -> Reply:
    conv = lookup(s.conversations, "Conversation", p["id"])["conversation"]
    _update_metadata(conv, json_body(b))
    return Reply(200, conv)


@_route("DELETE", rf"/conversations/{_ID}")
def _delete_conversation(s: Store, p: Dict[str, str], q: Any, b: Any, m: str, n: int) -> Reply:
    lookup(s.conversations, "Conversation", p["id"])
    del s.conversations[p["id"]]
    return Reply(200, {"id": p["id"], "object": "conversation.deleted", "deleted": True})


_route("POST", rf"/conversations/{_ID}/items")(
    lambda s, p, q, b, m, n: add_items(s, p["id"], json_body(b), n)
)


@_route("GET", rf"/conversations/{_ID}/items")
def _list_items(s: Store, p: Dict[str, str], q: Dict[str, str], b: Any, m: str, n: int) -> Reply:
    return Reply(
        200, cursor_page(lookup(s.conversations, "Conversation", p["id"])["items"], q, "desc")
    )


@_route("GET", rf"/conversations/{_ID}/items/{_SUB}")
def _get_item(s: Store, p: Dict[str, str], q: Any, b: Any, m: str, n: int) -> Reply:
    return Reply(200, _item(s, p["id"], p["sub"])[1])


@_route("DELETE", rf"/conversations/{_ID}/items/{_SUB}")
def _delete_item(s: Store, p: Dict[str, str], q: Any, b: Any, m: str, n: int) -> Reply:
    conv, item = _item(s, p["id"], p["sub"])
    conv["items"].remove(item)
    return Reply(200, conv["conversation"])


@_route("GET", r"/chat/completions")
def _list_chat(s: Store, p: Any, q: Dict[str, str], b: Any, m: str, n: int) -> Reply:
    wanted = {k[len("metadata[") : -1]: v for k, v in q.items() if k.startswith("metadata[")}
    rows = [
        r["completion"]
        for r in s.chat.values()
        if q.get("model") in (None, r["completion"]["model"])
        and all(r["completion"]["metadata"].get(k) == v for k, v in wanted.items())
    ]
    return Reply(200, cursor_page(rows, q, "asc"))


@_route("GET", rf"/chat/completions/{_ID}")
def _get_chat(s: Store, p: Dict[str, str], q: Any, b: Any, m: str, n: int) -> Reply:
    return Reply(200, lookup(s.chat, "Chat completion", p["id"])["completion"])


@_route("POST", rf"/chat/completions/{_ID}")
def _update_chat(s: Store, p: Dict[str, str], q: Any, b: Any, m: str, n: int) -> Reply:
    completion = lookup(s.chat, "Chat completion", p["id"])["completion"]
    _update_metadata(completion, json_body(b))
    return Reply(200, completion)


@_route("DELETE", rf"/chat/completions/{_ID}")
def _delete_chat(s: Store, p: Dict[str, str], q: Any, b: Any, m: str, n: int) -> Reply:
    lookup(s.chat, "Chat completion", p["id"])
    del s.chat[p["id"]]
    return Reply(200, {"object": "chat.completion.deleted", "id": p["id"], "deleted": True})


@_route("GET", rf"/chat/completions/{_ID}/messages")
def _chat_messages(s: Store, p: Dict[str, str], q: Dict[str, str], b: Any, m: str, n: int):
    return Reply(200, cursor_page(lookup(s.chat, "Chat completion", p["id"])["messages"], q, "asc"))


def handle(
    store: Store, method: str, route: str, query: Dict[str, str], body: Any, model: str, seq: int
) -> Optional[Reply]:
    """The answer for a request this module serves (``route`` without ``/v1``), else None."""
    for verb, pattern, fn in _ROUTES:
        match = pattern.fullmatch(route)
        if verb == method and match:
            with store.lock:
                try:
                    return fn(store, match.groupdict(), query, body, model, seq)
                except ApiError as bad:
                    return bad.reply
    return None
