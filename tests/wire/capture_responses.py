"""Scenarios and fake upstream for the Responses API, conversations and stored chat completions.

Part of the yardstick generator ``capture_official.py`` (which imports this module; run that
one). Kept apart so each file stays readable. Pure data plus the fake server: nothing of the
official package is imported here.

The fake upstream answers like OpenAI does (bodies shaped after the OpenAI spec's examples):
a ``Response`` object, an SSE stream of Responses events ending with ``response.completed``,
cursor pages (``data``/``has_more``/``first_id``/``last_id``, a second page when asked with
``after`` = the first page's last id), a ``Conversation``, the ``*.deleted`` objects, ...
The capture records every answer it gave (``upstream_responses``), so the replay test serves
the very same bytes to our SDK without a copy of this logic.
"""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, List, Optional

import httpx

PK = "pk-test"
VK = "vk-test"
BASE = {"api_key": PK, "virtual_key": VK}
MSGS = [{"role": "user", "content": "Hello"}]

# The routes of this module (the capture records more about them than about the older ones).
ROUTES = {
    "responses.create",
    "responses.retrieve",
    "responses.delete",
    "responses.cancel",
    "responses.compact",
    "responses.parse",
    "responses.stream",
    "responses.input_items.list",
    "responses.input_tokens.count",
    "conversations.create",
    "conversations.retrieve",
    "conversations.update",
    "conversations.delete",
    "conversations.items.create",
    "conversations.items.list",
    "conversations.items.retrieve",
    "conversations.items.delete",
    "chat.completions.list",
    "chat.completions.retrieve",
    "chat.completions.update",
    "chat.completions.delete",
    "chat.completions.messages.list",
    "chat.completions.parse",
    "chat.completions.stream",
}

# ---------------------------------------------------------------------------------------------
# Bodies
# ---------------------------------------------------------------------------------------------

CREATED_AT = 1741476542
USAGE = {
    "input_tokens": 36,
    "input_tokens_details": {"cached_tokens": 0},
    "output_tokens": 87,
    "output_tokens_details": {"reasoning_tokens": 64},
    "total_tokens": 123,
}
MESSAGE_ITEM = {
    "type": "message",
    "id": "msg_67ccd3acc8d48190a77525dc6de64b4104becb25c95c1d41",
    "status": "completed",
    "role": "assistant",
    "content": [{"type": "output_text", "text": "Hi!", "annotations": [], "logprobs": []}],
}
REASONING_ITEM = {
    "type": "reasoning",
    "id": "rs_67ccd3a9da748190baa7f1570e8db1f70c5b2ae6b4f0d1d2",
    "summary": [{"type": "summary_text", "text": "The user greets; answer briefly."}],
    "encrypted_content": None,
}
FUNCTION_CALL_ITEM = {
    "type": "function_call",
    "id": "fc_67ccd3b0a9bc8190b4d2a4f4c0f1a2b3",
    "call_id": "call_12345xyz",
    "name": "get_weather",
    "arguments": '{"city":"Paris"}',
    "status": "completed",
}


def response_object(
    *,
    status: str = "completed",
    output: Optional[List[Dict[str, Any]]] = None,
    model: str = "gpt-4.1-2025-04-14",
    rid: str = "resp_67ccd3a9da748190baa7f1570e8db1f70c5b2ae6b4f0d1d2",
) -> Dict[str, Any]:
    """A Response as OpenAI returns it (spec example of GET /responses/{id})."""
    return {
        "id": rid,
        "object": "response",
        "created_at": CREATED_AT,
        "status": status,
        "background": False,
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "max_output_tokens": None,
        "max_tool_calls": None,
        "model": model,
        "output": [REASONING_ITEM, MESSAGE_ITEM] if output is None else output,
        "parallel_tool_calls": True,
        "previous_response_id": None,
        "prompt_cache_key": None,
        "reasoning": {"effort": "low", "summary": "auto"},
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
        "usage": None if status in ("queued", "in_progress") else USAGE,
        "user": None,
        "metadata": {},
    }


def _text_events(rid: str, model: str, text: List[str], final: Dict[str, Any]) -> List[Any]:
    msg_id = MESSAGE_ITEM["id"]
    joined = "".join(text)
    part_done = {"type": "output_text", "text": joined, "annotations": [], "logprobs": []}
    item_open = {"type": "message", "id": msg_id, "status": "in_progress", "role": "assistant"}
    events: List[Any] = [
        ("response.output_item.added", {"output_index": 0, "item": {**item_open, "content": []}}),
        (
            "response.content_part.added",
            {
                "item_id": msg_id,
                "output_index": 0,
                "content_index": 0,
                "part": {"type": "output_text", "text": "", "annotations": [], "logprobs": []},
            },
        ),
    ]
    for piece in text:
        events.append(
            (
                "response.output_text.delta",
                {
                    "item_id": msg_id,
                    "output_index": 0,
                    "content_index": 0,
                    "delta": piece,
                    "logprobs": [],
                    "obfuscation": "x1y2",
                },
            )
        )
    events += [
        (
            "response.output_text.done",
            {
                "item_id": msg_id,
                "output_index": 0,
                "content_index": 0,
                "text": joined,
                "logprobs": [],
            },
        ),
        (
            "response.content_part.done",
            {"item_id": msg_id, "output_index": 0, "content_index": 0, "part": part_done},
        ),
        (
            "response.output_item.done",
            {
                "output_index": 0,
                "item": {**item_open, "status": "completed", "content": [part_done]},
            },
        ),
    ]
    final["output"] = [{**MESSAGE_ITEM, "content": [part_done]}]
    return events


def _function_events(final: Dict[str, Any]) -> List[Any]:
    fc = FUNCTION_CALL_ITEM
    opened = {**fc, "arguments": "", "status": "in_progress"}
    events: List[Any] = [("response.output_item.added", {"output_index": 0, "item": opened})]
    for piece in ('{"city":', '"Paris"}'):
        events.append(
            (
                "response.function_call_arguments.delta",
                {"item_id": fc["id"], "output_index": 0, "delta": piece, "obfuscation": "ab"},
            )
        )
    events += [
        (
            "response.function_call_arguments.done",
            {
                "item_id": fc["id"],
                "output_index": 0,
                "name": fc["name"],
                "arguments": fc["arguments"],
            },
        ),
        ("response.output_item.done", {"output_index": 0, "item": fc}),
    ]
    final["output"] = [fc]
    return events


def response_sse(body: Dict[str, Any], *, starting_after: Optional[int] = None) -> str:
    """The event stream of one response (``event:`` and ``data:`` lines, as OpenAI sends),
    from response.created to response.completed; only the events after ``starting_after``."""
    rid = "resp_67ccd3a9da748190baa7f1570e8db1f70c5b2ae6b4f0d1d2"
    model = body.get("model") or "gpt-4.1-2025-04-14"
    start = response_object(status="in_progress", output=[], model=model, rid=rid)
    final = response_object(model=model, rid=rid)
    if _wants_function_call(body):
        middle = _function_events(final)
    else:
        middle = _text_events(rid, model, _answer_text(body, ["Hi", "!"]), final)
    events: List[Any] = [
        ("response.created", {"response": start}),
        ("response.in_progress", {"response": start}),
        *middle,
        ("response.completed", {"response": final}),
    ]
    out = []
    for seq, (kind, data) in enumerate(events):
        if starting_after is not None and seq <= starting_after:
            continue
        payload = {"type": kind, "sequence_number": seq, **data}
        out.append(f"event: {kind}\ndata: {json.dumps(payload, separators=(',', ':'))}\n\n")
    return "".join(out)


PARSED_JSON = '{"name":"Ada Lovelace","age":36}'


def _answer_text(body: Dict[str, Any], default: List[str]) -> List[str]:
    fmt = (body.get("text") or {}).get("format") or {}
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        return ['{"name":"Ada', ' Lovelace","age":36}']
    return default


def _wants_function_call(body: Dict[str, Any]) -> bool:
    tools = body.get("tools") or []
    return any(isinstance(t, dict) and t.get("type") == "function" for t in tools)


def _response_for(body: Dict[str, Any]) -> Dict[str, Any]:
    resp = response_object(model=body.get("model") or "gpt-4.1-2025-04-14")
    if _wants_function_call(body):
        resp["output"] = [REASONING_ITEM, FUNCTION_CALL_ITEM]
    elif _answer_text(body, []):
        part = {"type": "output_text", "text": PARSED_JSON, "annotations": [], "logprobs": []}
        resp["output"] = [{**MESSAGE_ITEM, "content": [part]}]
    for key in ("instructions", "metadata", "previous_response_id", "background", "store"):
        if key in body and body[key] is not None:
            resp[key] = body[key]
    if body.get("background"):
        resp.update(status="queued", usage=None, output=[])
    return resp


def _page(items: List[Dict[str, Any]], has_more: bool) -> Dict[str, Any]:
    return {
        "object": "list",
        "data": items,
        "first_id": items[0]["id"] if items else None,
        "last_id": items[-1]["id"] if items else None,
        "has_more": has_more,
    }


def _input_item(n: int) -> Dict[str, Any]:
    return {
        "type": "message",
        "id": f"msg_in_{n}",
        "status": "completed",
        "role": "user",
        "content": [{"type": "input_text", "text": f"Hello {n}"}],
    }


PAGE1 = [_input_item(1), _input_item(2)]
PAGE2 = [_input_item(3)]


def _paged(after: Optional[str]) -> Dict[str, Any]:
    """First page (has_more) unless asked for what follows its last id."""
    if after == PAGE1[-1]["id"]:
        return _page(PAGE2, False)
    return _page(PAGE1, True)


CONVERSATION = {
    "id": "conv_689667905b048191b4740501625afd940c7533ace33a2dab",
    "object": "conversation",
    "created_at": CREATED_AT,
    "metadata": {"topic": "demo"},
}
CONVERSATION_DELETED = {
    "id": CONVERSATION["id"],
    "object": "conversation.deleted",
    "deleted": True,
}
RESPONSE_DELETED = {
    "id": "resp_67ccd3a9da748190baa7f1570e8db1f70c5b2ae6b4f0d1d2",
    "object": "response.deleted",
    "deleted": True,
}
COMPACTION_ITEM = {"type": "compaction", "id": "cmp_001", "encrypted_content": "gAAAAABpM0Yj-..."}


def _compacted(body: Dict[str, Any]) -> Dict[str, Any]:
    """The compaction answer (the spec's example): the user messages of the input, as input
    messages, followed by one compaction item."""
    given = body.get("input")
    texts: List[str] = []
    if isinstance(given, str):
        texts = [given]
    elif isinstance(given, list):
        for it in given:
            if not (isinstance(it, dict) and it.get("role") == "user"):
                continue
            content = it.get("content")
            if isinstance(content, list):  # the text parts, joined
                content = " ".join(p.get("text", "") for p in content if "text" in p)
            texts.append(str(content))
    users = [
        {
            "id": f"msg_{n:03d}",
            "type": "message",
            "status": "completed",
            "role": "user",
            "content": [{"type": "input_text", "text": text}],
        }
        for n, text in enumerate(texts)
    ]
    return {
        "id": "resp_001",
        "object": "response.compaction",
        "created_at": CREATED_AT,
        "output": users + [COMPACTION_ITEM],
        "usage": USAGE,
    }


INPUT_TOKENS = {"object": "response.input_tokens", "input_tokens": 11}

STORED_CHAT = {
    "id": "chatcmpl-abc123",
    "object": "chat.completion",
    "created": 1738960610,
    "model": "gpt-4o-2024-08-06",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Hi!", "refusal": None},
            "finish_reason": "stop",
            "logprobs": None,
        }
    ],
    "usage": {"prompt_tokens": 9, "completion_tokens": 2, "total_tokens": 11},
    "metadata": {"project": "demo"},
    "request_id": "req_ded8ab984ec4bf840f37566c1011c417",
    "service_tier": "default",
    "system_fingerprint": "fp_50cad350e4",
}
STORED_CHAT_2 = {**STORED_CHAT, "id": "chatcmpl-def456"}
CHAT_DELETED = {"object": "chat.completion.deleted", "id": STORED_CHAT["id"], "deleted": True}
STORED_MESSAGES = _page(
    [{"id": "chatcmpl-abc123-0", "role": "user", "content": "Hello", "name": None}], False
)
CHAT_JSON = copy.deepcopy(STORED_CHAT)
CHAT_JSON["choices"][0]["message"]["content"] = PARSED_JSON
CHAT_TOOL_CALL = copy.deepcopy(STORED_CHAT)
CHAT_TOOL_CALL["choices"][0].update(
    finish_reason="tool_calls",
    message={
        "role": "assistant",
        "content": None,
        "refusal": None,
        "tool_calls": [
            {
                "id": "call_12345xyz",
                "type": "function",
                "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
            }
        ],
    },
)

# ---------------------------------------------------------------------------------------------
# The fake server for these routes
# ---------------------------------------------------------------------------------------------


def _sse(headers: Dict[str, str], text: str) -> httpx.Response:
    return httpx.Response(
        200, headers={**headers, "content-type": "text/event-stream"}, content=text.encode()
    )


def respond(request: httpx.Request, headers: Dict[str, str]) -> Optional[httpx.Response]:
    """The answer for a route of this module, or None for the older routes."""
    path = request.url.path
    method = request.method
    query = request.url.params
    try:
        body = json.loads(request.content or b"{}")
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}

    def ok(payload: Any) -> httpx.Response:
        return httpx.Response(200, headers=headers, json=payload)

    if "/v1/responses" in path:
        rest = path.split("/v1/responses", 1)[1].strip("/")
        if rest == "":
            if body.get("stream") is True:
                return _sse(headers, response_sse(body))
            return ok(_response_for(body))
        if rest == "compact":
            return ok(_compacted(body))
        if rest == "input_tokens":
            return ok(INPUT_TOKENS)
        if rest.endswith("/input_items"):
            return ok(_paged(query.get("after")))
        if rest.endswith("/cancel"):
            return ok(dict(response_object(status="cancelled", output=[]), background=True))
        if method == "DELETE":
            return ok(RESPONSE_DELETED)
        if query.get("stream") == "true":
            after = query.get("starting_after")
            return _sse(
                headers, response_sse({}, starting_after=None if after is None else int(after))
            )
        return ok(response_object())
    if "/v1/conversations" in path:
        rest = path.split("/v1/conversations", 1)[1].strip("/")
        parts = rest.split("/") if rest else []
        if not parts:
            return ok({**CONVERSATION, "metadata": body.get("metadata") or {}})
        if len(parts) == 1:
            if method == "DELETE":
                return ok(CONVERSATION_DELETED)
            if method == "POST":
                return ok({**CONVERSATION, "metadata": body.get("metadata") or {}})
            return ok(CONVERSATION)
        if len(parts) == 2:  # .../items
            if method == "POST":
                items = [
                    dict(_input_item(n + 1), id=f"msg_new_{n}")
                    for n in range(len(body.get("items") or []))
                ]
                return ok(_page(items, False))
            return ok(_paged(query.get("after")))
        if method == "DELETE":  # deleting an item answers with the conversation
            return ok(CONVERSATION)
        return ok(_input_item(1))
    if "/v1/chat/completions" in path:
        rest = path.split("/v1/chat/completions", 1)[1].strip("/")
        if rest == "":
            if method == "GET":
                return ok(_page([STORED_CHAT, STORED_CHAT_2], False))
            fmt = body.get("response_format") or {}
            strict_tool = any(
                isinstance(t, dict) and (t.get("function") or {}).get("strict")
                for t in body.get("tools") or []
            )
            if body.get("stream") is True:
                return None  # the older chat stream answer
            if strict_tool:
                return ok(CHAT_TOOL_CALL)
            if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
                return ok(CHAT_JSON)
            return None
        if rest.endswith("/messages"):
            return ok(STORED_MESSAGES)
        if method == "DELETE":
            return ok(CHAT_DELETED)
        if method == "POST":
            return ok({**STORED_CHAT, "metadata": body.get("metadata")})
        return ok(STORED_CHAT)
    return None


# ---------------------------------------------------------------------------------------------
# Scenarios (pure data)
# ---------------------------------------------------------------------------------------------


def sc(
    name: str,
    client: Dict[str, Any],
    call: Dict[str, Any],
    *,
    doc: str = "",
    env: Optional[Dict[str, str]] = None,
    with_options: Optional[Dict[str, Any]] = None,
    upstream_statuses: Optional[List[Any]] = None,
) -> Dict[str, Any]:
    """Same shape as capture_official.sc."""
    return {
        "name": name,
        "doc": doc,
        "env": env or {},
        "client": client,
        "with_options": with_options,
        "call": call,
        "upstream_statuses": upstream_statuses,
    }


def call(path: str, iterate: bool = False, **kwargs: Any) -> Dict[str, Any]:
    """A call; ``iterate``: walk every item (auto-pagination), recording the ids seen."""
    out: Dict[str, Any] = {"path": path, "kwargs": kwargs}
    if iterate:
        out["iterate"] = True
    return out


RID = "resp_67ccd3a9da748190baa7f1570e8db1f70c5b2ae6b4f0d1d2"
CID = CONVERSATION["id"]
CHAT_ID = STORED_CHAT["id"]
INCLUDE = ["reasoning.encrypted_content", "message.output_text.logprobs"]
CALL_OPTIONS = {
    "extra_headers": {"x-custom": "1"},
    "extra_query": {"q": "1"},
    "extra_body": {"z": 1},
    "timeout": 5,
}

INPUT_ITEMS = [
    {"role": "developer", "content": "Talk like a pirate."},
    {
        "type": "message",
        "role": "user",
        "content": [
            {"type": "input_text", "text": "What is in this image?"},
            {
                "type": "input_image",
                "image_url": "https://example.com/cat.png",
                "detail": "auto",
            },
            {"type": "input_file", "file_id": "file-abc123"},
        ],
    },
    {
        "type": "function_call",
        "call_id": "call_12345xyz",
        "name": "get_weather",
        "arguments": '{"city":"Paris"}',
    },
    {"type": "function_call_output", "call_id": "call_12345xyz", "output": '{"temp_c":18}'},
    {"type": "item_reference", "id": "msg_in_1"},
]

FUNCTION_TOOL = {
    "type": "function",
    "name": "get_weather",
    "description": "Get the weather for a city",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    },
    "strict": True,
}
TOOLS = [
    FUNCTION_TOOL,
    {
        "type": "web_search",
        "search_context_size": "low",
        "user_location": {"type": "approximate", "country": "FR"},
    },
    {"type": "file_search", "vector_store_ids": ["vs_1"], "max_num_results": 5},
    {
        "type": "mcp",
        "server_label": "deepwiki",
        "server_url": "https://mcp.deepwiki.com/mcp",
        "require_approval": "never",
        "allowed_tools": ["ask_question"],
    },
    {"type": "code_interpreter", "container": {"type": "auto"}},
    {"type": "image_generation", "quality": "low"},
    {"type": "custom", "name": "sql", "description": "Run SQL"},
]
JSON_SCHEMA_TEXT = {
    "format": {
        "type": "json_schema",
        "name": "person",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
            "required": ["name", "age"],
            "additionalProperties": False,
        },
    },
    "verbosity": "low",
}

RC = "responses.create"
SCENARIOS: List[Dict[str, Any]] = [
    # ---- responses.create ----
    sc("responses_create_str", BASE, call(RC, model="gpt-4.1", input="Tell me a joke.")),
    sc(
        "responses_create_minimal",
        BASE,
        call(RC, input="Hi"),
        doc="model omitted: not sent (no portkey-default here, unlike chat)",
    ),
    sc("responses_create_items", BASE, call(RC, model="gpt-4.1", input=INPUT_ITEMS)),
    sc(
        "responses_create_tools",
        BASE,
        call(
            RC,
            model="gpt-4.1",
            input="Weather in Paris?",
            tools=TOOLS,
            tool_choice={"type": "function", "name": "get_weather"},
            parallel_tool_calls=False,
            max_tool_calls=3,
        ),
    ),
    sc(
        "responses_create_tool_choice_variants",
        BASE,
        call(
            RC,
            model="gpt-4.1",
            input="x",
            tools=[{"type": "web_search"}],
            tool_choice={
                "type": "allowed_tools",
                "mode": "auto",
                "tools": [{"type": "web_search"}],
            },
        ),
    ),
    sc(
        "responses_create_text_format",
        BASE,
        call(RC, model="gpt-4.1", input="Who wrote the first program?", text=JSON_SCHEMA_TEXT),
    ),
    sc(
        "responses_create_all_params",
        BASE,
        call(
            RC,
            model="o4-mini",
            input="Plan a trip.",
            instructions="Be brief.",
            reasoning={"effort": "high", "summary": "detailed"},
            previous_response_id="resp_prev_1",
            store=True,
            include=INCLUDE,
            metadata={"user": "u-1", "project": "demo"},
            truncation="auto",
            service_tier="flex",
            max_output_tokens=500,
            temperature=0.3,
            top_p=0.9,
            top_logprobs=2,
            user="user-1",
            safety_identifier="sid-1",
            prompt_cache_key="pck-1",
            prompt_cache_retention="24h",
            context_management=[{"type": "compaction", "compact_threshold": 1000}],
        ),
    ),
    sc(
        "responses_create_conversation",
        BASE,
        call(RC, model="gpt-4.1", input="Next?", conversation=CID),
        doc="conversation as an id string",
    ),
    sc(
        "responses_create_conversation_object",
        BASE,
        call(RC, model="gpt-4.1", input="Next?", conversation={"id": CID}),
    ),
    sc(
        "responses_create_background",
        BASE,
        call(RC, model="o3", input="Long task", background=True, store=True),
        doc="the fake server answers status queued",
    ),
    sc(
        "responses_create_prompt",
        BASE,
        call(
            RC,
            prompt={"id": "pmpt_123", "version": "2", "variables": {"city": "Paris"}},
            input="go",
        ),
    ),
    sc(
        "responses_create_none_values",
        BASE,
        call(RC, model="gpt-4.1", input="x", instructions=None, temperature=None, foo=None),
        doc="explicit None is sent as null, named or not",
    ),
    sc(
        "responses_create_stream_false",
        BASE,
        call(RC, model="gpt-4.1", input="x", stream=False),
        doc="stream=False is sent",
    ),
    sc(
        "responses_create_unknown_kwargs",
        BASE,
        call(
            RC,
            model="gpt-4.1",
            input="x",
            verbosity="low",
            foo="from-kwarg",
            top_k=3,
            extra_body={"foo": "from-extra", "bar": 1},
        ),
        doc="unknown kwargs join extra_body; a kwarg wins over the same extra_body key",
    ),
    sc(
        "responses_create_call_options",
        BASE,
        call(
            RC,
            model="gpt-4.1",
            input="x",
            max_output_tokens=5,
            extra_body={"max_output_tokens": 9, "model": "overridden"},
            extra_headers={"X-My-Header": "h1", "x-portkey-trace-id": "t-call"},
            extra_query={"q": "1"},
            timeout=5,
        ),
        doc="extra_body overrides named params",
    ),
    sc(
        "responses_create_stream",
        BASE,
        call(
            RC,
            model="gpt-4.1",
            input="Say hi",
            stream=True,
            stream_options={"include_obfuscation": False},
            instructions="Be brief.",
            include=INCLUDE,
            metadata={"k": "v"},
            store=False,
        ),
    ),
    sc(
        "responses_create_stream_tool_call",
        BASE,
        call(RC, model="gpt-4.1", input=INPUT_ITEMS[:2], stream=True, tools=[FUNCTION_TOOL]),
        doc="the fake server streams a function call (arguments deltas)",
    ),
    sc(
        "responses_create_stream_call_options",
        {**BASE, "trace_id": "t-client"},
        call(RC, model="gpt-4.1", input="x", stream=True, foo="bar", **CALL_OPTIONS),
    ),
    sc(
        "responses_create_error_400",
        BASE,
        call(RC, model="gpt-4.1", input="x"),
        upstream_statuses=[400],
    ),
    sc(
        "responses_create_retry_500",
        BASE,
        call(RC, model="gpt-4.1", input="x"),
        upstream_statuses=[500, 200],
    ),
    sc(
        "responses_create_stream_error_429",
        BASE,
        call(RC, model="gpt-4.1", input="x", stream=True),
        upstream_statuses=[429],
    ),
    # ---- responses.retrieve / delete / cancel / compact ----
    sc("responses_retrieve", BASE, call("responses.retrieve", response_id=RID)),
    sc(
        "responses_retrieve_params",
        BASE,
        call(
            "responses.retrieve",
            response_id=RID,
            include=INCLUDE,
            include_obfuscation=False,
            starting_after=3,
        ),
        doc="query list encoding: include[]=a&include[]=b; booleans as false",
    ),
    sc(
        "responses_retrieve_stream",
        BASE,
        call("responses.retrieve", response_id=RID, stream=True, starting_after=2),
        doc="GET with stream=true&starting_after=2; the fake sends the events after #2",
    ),
    sc(
        "responses_retrieve_call_options",
        BASE,
        call("responses.retrieve", response_id=RID, foo="bar", **CALL_OPTIONS),
        doc="kwargs join extra_body, which a GET drops",
    ),
    sc(
        "responses_retrieve_escaped",
        BASE,
        call("responses.retrieve", response_id="resp/1 ?#x"),
    ),
    sc("responses_retrieve_empty", BASE, call("responses.retrieve", response_id="")),
    sc(
        "responses_retrieve_error_404",
        BASE,
        call("responses.retrieve", response_id="resp_missing"),
        upstream_statuses=[404],
    ),
    sc("responses_delete", BASE, call("responses.delete", response_id=RID)),
    sc(
        "responses_delete_call_options",
        BASE,
        call("responses.delete", response_id=RID, foo="bar", **CALL_OPTIONS),
    ),
    sc("responses_cancel", BASE, call("responses.cancel", response_id=RID)),
    sc(
        "responses_cancel_call_options",
        BASE,
        call("responses.cancel", response_id=RID, foo="bar", **CALL_OPTIONS),
    ),
    sc(
        "responses_compact",
        BASE,
        call(
            "responses.compact",
            model="gpt-5.1",
            input=INPUT_ITEMS[:2],
            instructions="Keep facts.",
            previous_response_id="resp_prev_1",
            prompt_cache_key="pck-1",
        ),
    ),
    sc("responses_compact_minimal", BASE, call("responses.compact", model="gpt-5.1")),
    sc(
        "responses_compact_call_options",
        BASE,
        call("responses.compact", model="gpt-5.1", input="x", foo="bar", **CALL_OPTIONS),
    ),
    # ---- responses.input_items / input_tokens ----
    sc("responses_input_items_list", BASE, call("responses.input_items.list", response_id=RID)),
    sc(
        "responses_input_items_list_params",
        BASE,
        call(
            "responses.input_items.list",
            response_id=RID,
            after="msg_in_0",
            limit=2,
            order="asc",
            include=INCLUDE,
        ),
    ),
    sc(
        "responses_input_items_list_before",
        BASE,
        call("responses.input_items.list", response_id=RID, before="msg_in_9", limit=2),
        doc="no `before` parameter: it joins extra_body, which a GET drops",
    ),
    sc(
        "responses_input_items_list_call_options",
        BASE,
        call("responses.input_items.list", response_id=RID, **CALL_OPTIONS),
    ),
    sc(
        "responses_input_items_iterate",
        BASE,
        call("responses.input_items.list", iterate=True, response_id=RID, limit=2),
        doc="iterating the page fetches the next one with after=<last_id>",
    ),
    sc(
        "responses_input_tokens_count",
        BASE,
        call(
            "responses.input_tokens.count",
            model="gpt-4.1",
            input=INPUT_ITEMS[:2],
            instructions="Be brief.",
            tools=[FUNCTION_TOOL],
            tool_choice="auto",
            parallel_tool_calls=True,
            previous_response_id="resp_prev_1",
            reasoning={"effort": "low"},
            text={"format": {"type": "text"}},
            truncation="auto",
            conversation=CID,
        ),
    ),
    sc(
        "responses_input_tokens_count_minimal",
        BASE,
        call("responses.input_tokens.count", input="Hello"),
    ),
    sc(
        "responses_input_tokens_count_call_options",
        BASE,
        call("responses.input_tokens.count", input="Hello", foo="bar", **CALL_OPTIONS),
    ),
    # ---- responses.parse / responses.stream with plain data ----
    sc(
        "responses_parse_text_json_schema",
        BASE,
        call("responses.parse", model="gpt-4.1", input="Who?", text=JSON_SCHEMA_TEXT),
        doc="plain-dict text.format: sent as given; output_parsed stays None (no text_format)",
    ),
    sc(
        "responses_parse_strict_tool",
        BASE,
        call("responses.parse", model="gpt-4.1", input="Weather?", tools=[FUNCTION_TOOL]),
        doc="a strict dict function tool: the call's arguments are json-parsed",
    ),
    sc(
        "responses_stream_helper",
        BASE,
        call(
            "responses.stream",
            model="gpt-4.1",
            input="Say hi",
            instructions="Be brief.",
            metadata={"k": "v"},
        ),
    ),
    sc(
        "responses_stream_helper_tool",
        BASE,
        call("responses.stream", model="gpt-4.1", input="Weather?", tools=[FUNCTION_TOOL]),
    ),
    sc(
        "responses_stream_helper_resume",
        BASE,
        call("responses.stream", response_id=RID, starting_after=4),
        doc="resumes with GET ?stream=true WITHOUT starting_after; events <= 4 dropped client-side",
    ),
    # ---- conversations ----
    sc(
        "conversations_create",
        BASE,
        call(
            "conversations.create",
            items=[{"type": "message", "role": "user", "content": "Hello!"}],
            metadata={"topic": "demo"},
        ),
    ),
    sc("conversations_create_empty", BASE, call("conversations.create")),
    sc(
        "conversations_create_call_options",
        BASE,
        call("conversations.create", metadata={"topic": "demo"}, **CALL_OPTIONS),
    ),
    sc(
        "conversations_create_unknown_kwarg",
        BASE,
        call("conversations.create", metadata={"topic": "demo"}, foo="bar"),
        doc="conversations.* have no **kwargs: TypeError before sending",
    ),
    sc("conversations_retrieve", BASE, call("conversations.retrieve", conversation_id=CID)),
    sc(
        "conversations_retrieve_call_options",
        BASE,
        call("conversations.retrieve", conversation_id=CID, **CALL_OPTIONS),
    ),
    sc(
        "conversations_retrieve_error_404",
        BASE,
        call("conversations.retrieve", conversation_id="conv_missing"),
        upstream_statuses=[404],
    ),
    sc(
        "conversations_update",
        BASE,
        call("conversations.update", conversation_id=CID, metadata={"topic": "project-x"}),
    ),
    sc("conversations_delete", BASE, call("conversations.delete", conversation_id=CID)),
    sc(
        "conversations_items_create",
        BASE,
        call(
            "conversations.items.create",
            conversation_id=CID,
            items=[
                {
                    "type": "message",
                    "role": "user",
                    "content": [{"type": "input_text", "text": "Hi"}],
                },
                {"type": "message", "role": "user", "content": "How are you?"},
            ],
            include=INCLUDE,
        ),
        doc="include goes to the query string of the POST",
    ),
    sc(
        "conversations_items_list",
        BASE,
        call("conversations.items.list", conversation_id=CID),
    ),
    sc(
        "conversations_items_list_params",
        BASE,
        call(
            "conversations.items.list",
            conversation_id=CID,
            after="msg_in_0",
            limit=10,
            order="desc",
            include=INCLUDE,
        ),
    ),
    sc(
        "conversations_items_iterate",
        BASE,
        call("conversations.items.list", iterate=True, conversation_id=CID, limit=2),
    ),
    sc(
        "conversations_items_retrieve",
        BASE,
        call(
            "conversations.items.retrieve",
            item_id="msg_in_1",
            conversation_id=CID,
            include=INCLUDE,
        ),
    ),
    sc(
        "conversations_items_delete",
        BASE,
        call("conversations.items.delete", item_id="msg_in_1", conversation_id=CID),
    ),
    # ---- stored chat completions ----
    sc("chat_completions_list", BASE, call("chat.completions.list")),
    sc(
        "chat_completions_list_filters",
        BASE,
        call(
            "chat.completions.list",
            metadata={"project": "demo", "env": "prod"},
            model="gpt-4o",
            order="desc",
            after="chatcmpl-000",
            limit=20,
        ),
        doc="metadata dict encoded as metadata[key]=value in the query",
    ),
    sc(
        "chat_completions_list_call_options",
        BASE,
        call("chat.completions.list", **CALL_OPTIONS),
    ),
    sc(
        "chat_completions_list_unknown_kwarg",
        BASE,
        call("chat.completions.list", limit=2, foo="bar"),
        doc="the stored-chat methods have no **kwargs: TypeError before sending",
    ),
    sc("chat_completions_retrieve", BASE, call("chat.completions.retrieve", completion_id=CHAT_ID)),
    sc(
        "chat_completions_retrieve_extra_headers",
        BASE,
        call("chat.completions.retrieve", completion_id=CHAT_ID, extra_headers={"x-custom": "1"}),
        doc="retrieve takes no keyword parameters at all: TypeError before sending",
    ),
    sc(
        "chat_completions_retrieve_empty", BASE, call("chat.completions.retrieve", completion_id="")
    ),
    sc(
        "chat_completions_update",
        BASE,
        call("chat.completions.update", completion_id=CHAT_ID, metadata={"project": "x"}),
    ),
    sc(
        "chat_completions_update_no_metadata",
        BASE,
        call("chat.completions.update", completion_id=CHAT_ID),
        doc="metadata defaults to None and is sent as null",
    ),
    sc(
        "chat_completions_update_call_options",
        BASE,
        call("chat.completions.update", completion_id=CHAT_ID, metadata={"a": "b"}, **CALL_OPTIONS),
    ),
    sc("chat_completions_delete", BASE, call("chat.completions.delete", completion_id=CHAT_ID)),
    sc(
        "chat_completions_delete_call_options",
        BASE,
        call("chat.completions.delete", completion_id=CHAT_ID, **CALL_OPTIONS),
    ),
    sc(
        "chat_completions_messages_list",
        BASE,
        call("chat.completions.messages.list", completion_id=CHAT_ID),
    ),
    sc(
        "chat_completions_messages_list_params",
        BASE,
        call(
            "chat.completions.messages.list",
            completion_id=CHAT_ID,
            after="chatcmpl-abc123-0",
            limit=5,
            order="asc",
        ),
    ),
    sc(
        "chat_completions_parse_json_schema",
        BASE,
        call(
            "chat.completions.parse",
            model="gpt-4o",
            messages=MSGS,
            response_format={
                "type": "json_schema",
                "json_schema": {
                    "name": "person",
                    "strict": True,
                    **{"schema": JSON_SCHEMA_TEXT["format"]["schema"]},
                },
            },
        ),
        doc="a plain-dict response_format is sent as given; message.parsed stays None",
    ),
    sc(
        "chat_completions_parse_strict_tool",
        BASE,
        call(
            "chat.completions.parse",
            model="gpt-4o",
            messages=MSGS,
            tools=[
                {
                    "type": "function",
                    "function": {
                        "name": "get_weather",
                        "parameters": FUNCTION_TOOL["parameters"],
                        "strict": True,
                    },
                }
            ],
        ),
        doc="a strict dict tool: parsed_arguments is the json-parsed arguments",
    ),
    sc(
        "chat_completions_parse_model_default",
        BASE,
        call("chat.completions.parse", messages=MSGS, temperature=0.5, seed=1),
        doc="model defaults to portkey-default, as create",
    ),
    sc(
        "chat_completions_stream_helper",
        BASE,
        call("chat.completions.stream", model="gpt-4o", messages=MSGS, temperature=0.2),
        doc="the helper sends stream: true; events named as openai-python's",
    ),
]
