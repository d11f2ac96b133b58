"""Building blocks of the fake upstream: error bodies, echo text, token counts, JSON from a
schema, embedding vectors (all deterministic), and the pieces of its stateful APIs (replies,
OpenAI errors, cursor pages, typed input items). Shared by ``fake_upstream.py`` and
``fake_responses.py``; standard library only."""

from __future__ import annotations

import copy
import hashlib
import json
import random
import re
from typing import Any, Dict, List, Optional

CREATED = 1_700_000_000  # a fixed timestamp: bodies are deterministic

# ---------------------------------------------------------------------------------------------
# error bodies

_OPENAI_ERRORS = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_error", None),
    404: ("invalid_request_error", "model_not_found"),
    409: ("invalid_request_error", None),
    422: ("invalid_request_error", None),
    429: ("requests", "rate_limit_exceeded"),
}

_ANTHROPIC_ERRORS = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    529: "overloaded_error",
}


def openai_error(status: int, message: str) -> Dict[str, Any]:
    etype, code = _OPENAI_ERRORS.get(status, ("server_error", None))
    return {"error": {"message": message, "type": etype, "param": None, "code": code}}


def anthropic_error(status: int, message: str) -> Dict[str, Any]:
    return {
        "type": "error",
        "error": {"type": _ANTHROPIC_ERRORS.get(status, "api_error"), "message": message},
    }


# ---------------------------------------------------------------------------------------------
# deterministic content


def text_of(content: Any) -> str:
    """The text of an OpenAI or Anthropic message content (a string or a list of parts)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = []
        for part in content:
            if isinstance(part, str):
                texts.append(part)
            elif isinstance(part, dict):
                if isinstance(part.get("text"), str):
                    texts.append(part["text"])
                elif part.get("type") == "tool_result":
                    texts.append(text_of(part.get("content")))
        return " ".join(t for t in texts if t)
    return str(content)


def last_user_text(messages: Any) -> str:
    if not isinstance(messages, list):
        return ""
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") == "user":
            return text_of(message.get("content"))
    return ""


def count_tokens(text: str) -> int:
    return len(text.split())


def prompt_tokens(messages: Any, system: Any = None) -> int:
    total = count_tokens(text_of(system)) if system else 0
    if isinstance(messages, list):
        for message in messages:
            if isinstance(message, dict):
                total += count_tokens(text_of(message.get("content"))) + 1
    return max(total, 1)


def sample_from_schema(schema: Any, hint: str, depth: int = 0) -> Any:
    """A small, deterministic JSON instance of a JSON schema."""
    if not isinstance(schema, dict) or depth > 8:
        return hint
    if "enum" in schema and schema["enum"]:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    for key in ("anyOf", "oneOf", "allOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            return sample_from_schema(schema[key][0], hint, depth + 1)
    stype = schema.get("type")
    if isinstance(stype, list):
        stype = next((t for t in stype if t != "null"), "null")
    if stype == "object" or (stype is None and "properties" in schema):
        props = schema.get("properties") or {}
        return {name: sample_from_schema(sub, hint, depth + 1) for name, sub in props.items()}
    if stype == "array":
        return [sample_from_schema(schema.get("items"), hint, depth + 1)]
    if stype == "integer":
        return 1
    if stype == "number":
        return 1.5
    if stype == "boolean":
        return True
    if stype == "null":
        return None
    return hint


def embedding_vector(item: Any, dimensions: int) -> List[float]:
    seed = hashlib.sha256(json.dumps(item, sort_keys=True).encode()).digest()
    rng = random.Random(seed)
    raw = [rng.uniform(-1.0, 1.0) for _ in range(dimensions)]
    norm = sum(x * x for x in raw) ** 0.5 or 1.0
    return [round(x / norm, 8) for x in raw]


def words(text: str) -> List[str]:
    """Split text into stream pieces that join back to the text exactly."""
    pieces = re.findall(r"\s*\S+", text)
    return pieces or [text]


# ---------------------------------------------------------------------------------------------
# stateful APIs: replies, errors, pages, items

JSON = Dict[str, Any]


class Reply:
    """What to answer: a JSON body with a status, or (``events``) a 200 SSE stream."""

    __slots__ = ("events", "payload", "status")

    def __init__(
        self, status: int = 200, payload: Any = None, events: Optional[List[bytes]] = None
    ) -> None:
        self.status = status
        self.payload = payload
        self.events = events


class ApiError(Exception):
    """A request the real API rejects: becomes an OpenAI error body."""

    def __init__(self, status: int, message: str, param: Optional[str] = None, code: Any = None):
        super().__init__(message)
        self.reply = Reply(
            status,
            {
                "error": {
                    "message": message,
                    "type": "invalid_request_error",
                    "param": param,
                    "code": code,
                }
            },
        )


def not_found(kind: str, oid: str) -> ApiError:
    return ApiError(404, f"{kind} with id '{oid}' not found.", code="not_found")


def cursor_page(items: List[JSON], query: Dict[str, str], default_order: str) -> JSON:
    """One cursor page of ``items`` (stored oldest first) as OpenAI lists them."""
    order = query.get("order", default_order)
    if order not in ("asc", "desc"):
        raise ApiError(400, f"Invalid value for 'order': '{order}'.", param="order")
    try:
        limit = int(query.get("limit", "20"))
    except ValueError:
        raise ApiError(400, "Invalid 'limit': expected an integer.", param="limit") from None
    if not 1 <= limit <= 100:
        raise ApiError(400, f"Invalid 'limit': {limit} is not between 1 and 100.", param="limit")
    rows = list(items) if order == "asc" else list(reversed(items))
    after = query.get("after")
    if after:
        ids = [r.get("id") for r in rows]
        if after not in ids:
            raise ApiError(400, f"Invalid 'after': no object with id '{after}'.", param="after")
        rows = rows[ids.index(after) + 1 :]
    data = rows[:limit]
    return {
        "object": "list",
        "data": data,
        "first_id": data[0]["id"] if data else None,
        "last_id": data[-1]["id"] if data else None,
        "has_more": len(rows) > limit,
    }


def typed_items(raw: Any, seq: int, where: str = "input") -> List[JSON]:
    """Input items as OpenAI stores them: typed, with ids and ``input_text`` parts."""
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = [{"role": "user", "content": raw}]
    if not isinstance(raw, list):
        raise ApiError(400, f"Invalid type for '{where}': expected a string or an array.", where)
    out = []
    for k, given in enumerate(raw):
        if not isinstance(given, dict):
            raise ApiError(400, f"Invalid type for '{where}[{k}]': expected an object.", where)
        item = copy.deepcopy(given)
        kind = item.get("type") or ("message" if "role" in item else None)
        if kind is None:
            raise ApiError(400, f"Missing required parameter: '{where}[{k}].type'.", where)
        item["type"] = kind
        if kind == "message":
            if item.get("role") not in ("user", "assistant", "system", "developer"):
                raise ApiError(400, f"Invalid value for '{where}[{k}].role'.", where)
            content = item.get("content")
            if isinstance(content, str):
                ptype = "output_text" if item["role"] == "assistant" else "input_text"
                item["content"] = [{"type": ptype, "text": content}]
            item.setdefault("id", f"msg_fake_{seq}_{k}")
            item.setdefault("status", "completed")
        elif kind == "function_call_output":
            if "call_id" not in item:
                raise ApiError(400, f"Missing required parameter: '{where}[{k}].call_id'.", where)
            item.setdefault("id", f"fco_fake_{seq}_{k}")
            item.setdefault("status", "completed")
        else:
            item.setdefault("id", f"item_fake_{seq}_{k}")
        out.append(item)
    return out


def lookup(table: Dict[str, JSON], kind: str, oid: str) -> JSON:
    found = table.get(oid)
    if found is None:
        raise not_found(kind, oid)
    return found


def json_body(body: Any) -> JSON:
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise ApiError(400, "The body of the request must be a JSON object.")
    return body
