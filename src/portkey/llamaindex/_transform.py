"""The span bodies of ``LlamaIndexCallbackHandler``, in the official handler's shapes.

Each function mirrors one of the official's event handlers or transformers (same keys, same
fallbacks when the event's payload is not in the expected form), so that Portkey receives the
same logs; where the official would fail (a KeyError, a value JSON cannot encode) these give a
body instead. Token counts use llama-index-core's ``TokenCounter``, as the official does.
"""

from __future__ import annotations

import json
import time
from enum import Enum
from typing import Any, Callable, Dict, List, Mapping, Optional, Set, Tuple

__all__ = [
    "embedding_request",
    "embedding_response",
    "function_call_request",
    "json_request",
    "llm_request",
    "llm_response",
    "plain_response",
    "serialize",
    "sub_question_response",
    "templating_request",
]

_MAX_DEPTH = 40


def serialize(obj: Any, _depth: int = 0, _seen: Optional[Set[int]] = None) -> Any:
    """The official's ``serialize``: enums as their value, objects as their ``__dict__``,
    containers item by item; a class, a cycle or a very deep value as its ``str``."""
    seen: Set[int] = set() if _seen is None else _seen
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, type) or _depth > _MAX_DEPTH:
        return str(obj)
    if hasattr(obj, "__dict__") or isinstance(obj, (list, dict, tuple)):
        if id(obj) in seen:
            return str(obj)
        seen.add(id(obj))
        try:
            if hasattr(obj, "__dict__"):
                items = vars(obj).items()
                return {k: serialize(v, _depth + 1, seen) for k, v in items}
            if isinstance(obj, list):
                return [serialize(v, _depth + 1, seen) for v in obj]
            if isinstance(obj, dict):
                return {k: serialize(v, _depth + 1, seen) for k, v in obj.items()}
            return tuple(serialize(v, _depth + 1, seen) for v in obj)
        finally:
            seen.discard(id(obj))
    return obj


def to_json(value: Any) -> str:
    """``json.dumps`` as the official calls it, with a fallback for what JSON cannot encode
    (an object's attributes, else its ``str``)."""
    return json.dumps(value, default=json_default)


def json_default(value: Any) -> Any:
    try:
        return vars(value)
    except TypeError:
        return str(value)


def _get(payload: Any, key: str, default: Any = None) -> Any:
    return payload.get(key, default) if isinstance(payload, Mapping) else default


def _serialized(payload: Any) -> Dict[str, Any]:
    value = _get(payload, "serialized")
    return dict(value) if isinstance(value, Mapping) else {}


# LLM calls ----------------------------------------------------------------------------------


def llm_request(payload: Any, count: Callable[[List[Any]], int]) -> Tuple[Dict[str, Any], int]:
    """The request of an LLM span and its prompt's token estimate. A completion's prompt is
    one user message (the official logs the previous call's messages there)."""
    messages = _get(payload, "messages")
    if messages is None and _get(payload, "formatted_prompt") is not None:
        from llama_index.core.base.llms.types import ChatMessage

        messages = [ChatMessage(role="user", content=str(payload["formatted_prompt"]))]
    messages = list(messages or [])
    records = [{"role": _role(m), "content": getattr(m, "content", None)} for m in messages]
    serialized = _serialized(payload)
    request = {
        "method": "POST",
        "url": serialized.get("api_base", "chat/completions"),
        "provider": serialized.get("class_name", ""),
        "headers": {},
        "body": {
            "messages": records,
            "model": serialized.get("model", ""),
            "temperature": serialized.get("temperature", ""),
        },
    }
    return request, count(messages) if messages else 0


def _role(message: Any) -> Any:
    role = getattr(message, "role", None)
    return role.value if isinstance(role, Enum) else role


def _usage(answer: Any) -> Optional[Tuple[int, int]]:
    """The provider's token counts, where the answer carries them (``additional_kwargs`` as
    llama-index's OpenAI and our PortkeyLLM fill it)."""
    extra = getattr(answer, "additional_kwargs", None)
    if isinstance(extra, Mapping):
        prompt, completion = extra.get("prompt_tokens"), extra.get("completion_tokens")
        if isinstance(prompt, int) and isinstance(completion, int):
            return prompt, completion
    return None


def _model(answer: Any, request: Any) -> Any:
    raw = getattr(answer, "raw", None)
    model = raw.get("model") if isinstance(raw, Mapping) else getattr(raw, "model", None)
    if isinstance(model, str) and model:
        return model
    body = request.get("body") if isinstance(request, Mapping) else None
    return (body or {}).get("model") or ""


def llm_response(
    payload: Any,
    event_id: str,
    request: Any,
    prompt_tokens: int,
    count: Callable[[List[Any]], int],
    count_text: Callable[[str], int],
) -> Dict[str, Any]:
    """The response of an LLM span: the answer serialized, with usage, id, created, model.

    Usage is the provider's when the answer has it, else estimated: the prompt's tokens and
    the answer's (the official counts the prompt's messages again as the completion).
    """
    answer = _get(payload, "response")
    completion = _get(payload, "completion")
    data = serialize(answer if answer is not None else completion)
    body: Dict[str, Any] = dict(data) if isinstance(data, Mapping) else {"output": data}
    usage = _usage(answer if answer is not None else completion)
    if usage is None:
        if answer is not None and getattr(answer, "message", None) is not None:
            completion_tokens = count([answer.message])
        else:
            completion_tokens = count_text(str(getattr(completion, "text", "") or ""))
        usage = (prompt_tokens, completion_tokens)
    body["usage"] = {
        "prompt_tokens": usage[0],
        "completion_tokens": usage[1],
        "total_tokens": usage[0] + usage[1],
    }
    body["id"] = event_id
    body["created"] = int(time.time())
    body["model"] = _model(answer if answer is not None else completion, request)
    return {"body": body, "streamingMode": False, "status": 200, "headers": {}}


# Embeddings ---------------------------------------------------------------------------------


def embedding_request(payload: Any) -> Dict[str, Any]:
    serialized = _get(payload, "serialized")
    if serialized is None:
        return {}
    serialized = _serialized(payload)
    return {
        "method": "POST",
        "url": serialized.get("api_base", "embeddings"),
        "provider": serialized.get("class_name", ""),
        "headers": {},
        "body": {"model": serialized.get("model_name", "")},
    }


def embedding_response(
    payload: Any, request: Dict[str, Any], count_text: Callable[[str], int]
) -> Dict[str, Any]:
    """The response of an embedding span (the vectors left out); the chunks go into the
    request's body as ``input``, as the official does. Completion tokens are 0 (the official
    counts the tokens of the vectors' printed numbers)."""
    chunks = _get(payload, "chunks", "")
    request.setdefault("body", {})["input"] = chunks
    prompt_tokens = count_text(str(chunks))
    return {
        "status": 200,
        "body": {
            "embedding": "...REDACTED...",
            "created": int(time.time()),
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": 0,
                "total_tokens": prompt_tokens,
            },
        },
        "headers": {},
    }


# Queries, retrievals, agent steps, sub-questions, function calls, templating ---------------


def json_request(payload: Any) -> str:
    """The request of a query, retrieval, agent step or sub-question span: the payload
    serialized, as a JSON string."""
    return to_json(serialize(payload))


def function_call_request(payload: Any) -> Any:
    try:
        tool = payload.get("tool")
        return {
            "function_call": payload.get("function_call", ""),
            "tool": {
                "description": tool.description if tool.description else "",
                "name": tool.name if tool.name else "",
            },
        }
    except Exception:
        return serialize(payload)


def templating_request(payload: Any) -> Any:
    data = serialize(payload)
    try:
        return {
            "template": {
                "system": data["template"].split("user:")[0].strip(),
                "user": _USER_TEMPLATE,
                "assistant": "",
            },
            "template_vars": {
                "context_str": data["template_vars"]["context_str"],
                "query_str": data["template_vars"]["query_str"],
            },
            "system_prompt": data["system_prompt"],
            "query_wrapper_prompt": data["query_wrapper_prompt"],
        }
    except Exception:
        return data


# The official logs this text as every template's user part.
_USER_TEMPLATE = (
    "Context information is below.\n---------------------\n{context_str}\n"
    "---------------------\nGiven the context information and not prior knowledge, answer "
    "the query.\nQuery: {query_str}\nAnswer: "
)


def _file_metadata(metadata: Mapping[str, Any]) -> Dict[str, Any]:
    keys = ("file_path", "file_name", "file_type", "file_size", "creation_date")
    return {**{k: metadata[k] for k in keys}, "last_modified_date": metadata["last_modified_date"]}


def _excerpt(node: Mapping[str, Any]) -> Any:
    return node["text"][node["start_char_idx"] : node["end_char_idx"]]


def _agent_step(data: Any) -> Any:
    def source(item: Any) -> Dict[str, Any]:
        raw = item["raw_output"]
        nodes = [
            {
                "id": n["node"]["id_"],
                "metadata": n["node"]["metadata"],
                "text_excerpt": n["node"]["text"],
                "score": n["score"],
            }
            for n in raw["source_nodes"]
        ]
        return {
            "content": item["content"],
            "tool_name": item["tool_name"],
            "raw_input": item["raw_input"],
            "raw_output": {"response": raw["response"], "source_nodes": nodes},
        }

    response = data["response"]
    sources = [source(s) for s in response["sources"]]
    return {"agent_chat_response": {"response": response["response"], "sources": sources}}


def _function_call(data: Any) -> Any:
    return {"function_call_response": data["function_call_response"]}


def _query(data: Any) -> Any:
    nodes = []
    for source_node in data["response"]["source_nodes"]:
        node = source_node["node"]
        nodes.append(
            {
                "id": node["id_"],
                "metadata": _file_metadata(node["metadata"]),
                "text_excerpt": _excerpt(node),
                "score": source_node["score"],
            }
        )
    return {"response": {"content": data["response"]["response"], "source_nodes": nodes}}


def _retrieve(data: Any) -> Any:
    from llama_index.core.schema import NodeRelationship

    nodes = []
    for node_data in data["nodes"]:
        node = node_data["node"]
        relationships = {}
        for relationship, details in node["relationships"].items():
            kind = "DOCUMENT" if relationship == NodeRelationship.SOURCE else "TEXT"
            relationships[relationship.name] = {"node_id": details["node_id"], "node_type": kind}
        nodes.append(
            {
                "id": node["id_"],
                "metadata": _file_metadata(node["metadata"]),
                "relationships": relationships,
                "text_excerpt": _excerpt(node),
                "score": node_data["score"],
            }
        )
    return {"nodes": nodes}


_RESPONSES: Dict[str, Callable[[Any], Any]] = {
    "agent_step": _agent_step,
    "function_call": _function_call,
    "query": _query,
    "retrieve": _retrieve,
}


def plain_response(kind: str, payload: Any) -> Dict[str, Any]:
    """The response of an agent step, function call, query or retrieval span: the official's
    summary of the payload, else the payload serialized (``response_time`` is added)."""
    data = serialize(payload)
    try:
        result = _RESPONSES[kind](data)
    except Exception:
        result = data
    return dict(result) if isinstance(result, Mapping) else {"output": result}


def sub_question_response(payload: Any) -> Dict[str, Any]:
    """A sub-question's response: ``{"body": payload serialized}`` (its ``response_time``
    goes in the body, as the official puts it)."""
    data = serialize(payload)
    return {"body": dict(data) if isinstance(data, Mapping) else {"output": data}}
