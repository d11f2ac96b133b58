"""LangChain messages to and from the chat completion JSON the gateway speaks.

Plain functions over dicts, shared by the sync and async paths of ``ChatPortkey`` and by
``PortkeyLLM``; they follow langchain-openai's mapping so that code moving from ``ChatOpenAI``
sees the same messages (tool calls, usage metadata, response metadata).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, Sequence, cast

try:
    from langchain_core.messages import (
        AIMessage,
        AIMessageChunk,
        BaseMessage,
        ChatMessage,
        FunctionMessage,
        HumanMessage,
        SystemMessage,
        ToolMessage,
    )
    from langchain_core.messages.ai import UsageMetadata
    from langchain_core.messages.tool import tool_call_chunk
    from langchain_core.output_parsers.openai_tools import make_invalid_tool_call, parse_tool_call
except ImportError as exc:  # pragma: no cover - exercised without the extra
    from .._extras import missing_extra

    raise missing_extra("langchain", "portkey.llms.langchain", exc) from exc

__all__ = [
    "chunk_message",
    "completion_message",
    "message_to_dict",
    "messages_to_dicts",
    "usage_metadata",
]

# Content blocks of other providers' formats that a chat completion cannot carry.
_DROPPED_BLOCKS = frozenset(("tool_use", "tool_call", "thinking", "reasoning"))


def _block(block: Any) -> Optional[Any]:
    """One content block in the chat completion format (None: not sendable)."""
    if isinstance(block, str):
        return {"type": "text", "text": block}
    if not isinstance(block, Mapping):
        return block
    kind = block.get("type")
    if kind in _DROPPED_BLOCKS:
        return None
    if kind == "text":
        return {"type": "text", "text": block.get("text", "")}
    if kind == "image" and "image_url" not in block:
        # LangChain's standard block: {"type": "image", "url" | "base64"/"data", "mime_type"}
        url = block.get("url")
        data = block.get("base64") or block.get("data")
        if url is None and data is not None:
            url = f"data:{block.get('mime_type', 'image/png')};base64,{data}"
        if url is not None:
            return {"type": "image_url", "image_url": {"url": url}}
    return dict(block)


def _content(content: Any) -> Any:
    if isinstance(content, list):
        blocks = [_block(b) for b in content]
        return [b for b in blocks if b is not None]
    return content


def _tool_call_dict(call: Mapping[str, Any], arguments: str) -> Dict[str, Any]:
    return {
        "type": "function",
        "id": call.get("id"),
        "function": {"name": call.get("name"), "arguments": arguments},
    }


def message_to_dict(message: BaseMessage) -> Dict[str, Any]:
    """One LangChain message as a chat completion message."""
    out: Dict[str, Any] = {"content": _content(message.content)}
    extra = message.additional_kwargs
    if isinstance(message, ChatMessage):
        out["role"] = message.role
    elif isinstance(message, HumanMessage):
        out["role"] = "user"
    elif isinstance(message, AIMessage):
        out["role"] = "assistant"
        calls = [_tool_call_dict(c, json.dumps(c["args"])) for c in message.tool_calls]
        calls += [_tool_call_dict(c, c.get("args") or "") for c in message.invalid_tool_calls]
        if calls:
            out["tool_calls"] = calls
        elif extra.get("tool_calls"):  # messages built by hand in OpenAI's shape
            out["tool_calls"] = extra["tool_calls"]
        if "function_call" in extra:
            out["function_call"] = extra["function_call"]
        if "tool_calls" in out or "function_call" in out:
            out["content"] = out["content"] or None  # as OpenAI sends a tool-only message
    elif isinstance(message, SystemMessage):
        out["role"] = extra.get("__openai_role__", "system")
    elif isinstance(message, ToolMessage):
        out["role"] = "tool"
        out["tool_call_id"] = message.tool_call_id
    elif isinstance(message, FunctionMessage):
        out["role"] = "function"
    else:
        raise TypeError(f"ChatPortkey cannot send a {type(message).__name__}")
    name = message.name or extra.get("name")
    if name:
        out["name"] = name
    return out


def messages_to_dicts(messages: Sequence[BaseMessage]) -> List[Dict[str, Any]]:
    return [message_to_dict(m) for m in messages]


def usage_metadata(usage: Mapping[str, Any]) -> UsageMetadata:
    """A chat completion's ``usage`` as LangChain's usage metadata (with the cache, audio and
    reasoning details the answer has)."""
    prompt = usage.get("prompt_tokens") or 0
    completion = usage.get("completion_tokens") or 0
    total = usage.get("total_tokens")
    result: Dict[str, Any] = {
        "input_tokens": prompt,
        "output_tokens": completion,
        "total_tokens": total if total is not None else prompt + completion,
    }
    prompt_details = usage.get("prompt_tokens_details") or {}
    completion_details = usage.get("completion_tokens_details") or {}
    inputs = {
        "audio": prompt_details.get("audio_tokens"),
        "cache_read": prompt_details.get("cached_tokens"),
        "cache_creation": prompt_details.get("cache_write_tokens"),
    }
    outputs = {
        "audio": completion_details.get("audio_tokens"),
        "reasoning": completion_details.get("reasoning_tokens"),
    }
    result["input_token_details"] = {k: v for k, v in inputs.items() if v is not None}
    result["output_token_details"] = {k: v for k, v in outputs.items() if v is not None}
    return cast(UsageMetadata, result)


def _additional_kwargs(message: Mapping[str, Any]) -> Dict[str, Any]:
    extra: Dict[str, Any] = {}
    for key in ("function_call", "audio", "refusal", "reasoning_content"):
        if message.get(key):
            extra[key] = message[key]
    return extra


def completion_message(
    message: Mapping[str, Any], usage: Optional[Mapping[str, Any]], completion_id: Any
) -> AIMessage:
    """A choice's ``message`` as an AIMessage: tool calls parsed (the unparsable ones as
    invalid tool calls), usage metadata when the answer has usage."""
    tool_calls: List[Any] = []
    invalid: List[Any] = []
    for raw in message.get("tool_calls") or ():
        try:
            tool_calls.append(parse_tool_call(dict(raw), return_id=True))
        except Exception as exc:  # the model's arguments are not JSON: kept, marked invalid
            invalid.append(make_invalid_tool_call(dict(raw), str(exc)))
    return AIMessage(
        content=message.get("content") or "",
        additional_kwargs=_additional_kwargs(message),
        tool_calls=tool_calls,
        invalid_tool_calls=invalid,
        usage_metadata=usage_metadata(usage) if usage else None,
        id=completion_id,
        name=message.get("name"),
    )


def chunk_message(
    delta: Mapping[str, Any], usage: Optional[Mapping[str, Any]], chunk_id: Any
) -> AIMessageChunk:
    """A streamed ``delta`` as an AIMessageChunk (tool calls as tool call chunks, which
    LangChain joins by ``index``)."""
    chunks = []
    for raw in delta.get("tool_calls") or ():
        function = raw.get("function") or {}
        chunks.append(
            tool_call_chunk(
                name=function.get("name"),
                args=function.get("arguments"),
                id=raw.get("id"),
                index=raw.get("index"),
            )
        )
    extra: Dict[str, Any] = {}
    if delta.get("function_call"):
        call = dict(delta["function_call"])
        if call.get("name") is None:
            call["name"] = ""  # so that the chunks' names join as strings
        extra["function_call"] = call
    for key in ("refusal", "reasoning_content"):
        if delta.get(key):
            extra[key] = delta[key]
    return AIMessageChunk(
        content=delta.get("content") or "",
        additional_kwargs=extra,
        tool_call_chunks=chunks,
        usage_metadata=usage_metadata(usage) if usage else None,
        id=chunk_id,
    )
