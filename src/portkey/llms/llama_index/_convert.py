"""LlamaIndex chat messages to and from the chat completion JSON the gateway speaks.

Plain functions over dicts, shared by the sync and async paths of ``PortkeyLLM``. An answer's
tool calls are ``ToolCallBlock``s in ``message.blocks`` (where llama-index-core has them, as
llama-index-llms-openai puts them) and also OpenAI's dicts in
``message.additional_kwargs["tool_calls"]`` (what older code reads); messages sent back may
carry either.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, Sequence

try:
    from llama_index.core.base.llms import types as _types
    from llama_index.core.base.llms.types import (
        ChatMessage,
        ChatResponse,
        ImageBlock,
        LogProb,
        MessageRole,
        TextBlock,
    )
    from llama_index.core.llms.llm import ToolSelection
    from llama_index.core.llms.utils import parse_partial_json
except ImportError as exc:  # pragma: no cover - exercised without the extra
    from .._extras import missing_extra

    raise missing_extra("llamaindex", "portkey.llms.llama_index", exc) from exc

# Blocks of newer llama-index-core releases (absent from older ones: then not handled).
ToolCallBlock: Any = getattr(_types, "ToolCallBlock", None)
AudioBlock: Any = getattr(_types, "AudioBlock", None)
DocumentBlock: Any = getattr(_types, "DocumentBlock", None)
# Blocks a chat completion cannot carry, left out of the request.
_DROPPED = tuple(
    cls
    for cls in (getattr(_types, name, None) for name in ("ThinkingBlock", "CachePoint"))
    if cls is not None
)

__all__ = [
    "ChatStream",
    "answer_message",
    "logprobs",
    "message_to_dict",
    "messages_to_dicts",
    "tool_calls_of",
    "tool_selections",
    "usage_kwargs",
]

# Keys of ``additional_kwargs`` sent with a message (others are LlamaIndex's own data).
_PASSED_KEYS = ("name", "function_call", "audio")
# Roles of other providers' histories, in OpenAI's words.
_ROLES = {"chatbot": "assistant", "model": "assistant"}


def _arguments(kwargs: Any) -> str:
    return kwargs if isinstance(kwargs, str) else json.dumps(kwargs)


def _plain(call: Any) -> Dict[str, Any]:
    """A tool call given as a dict or as an object (ours, openai's) as a dict."""
    if isinstance(call, Mapping):
        return dict(call)
    for method in ("to_dict", "model_dump"):
        if hasattr(call, method):
            return dict(getattr(call, method)())
    raise TypeError(f"PortkeyLLM cannot send a tool call given as {type(call).__name__}")


def tool_calls_of(message: ChatMessage) -> List[Dict[str, Any]]:
    """The tool calls of an assistant message, as OpenAI's dicts: its ToolCallBlocks, else
    ``additional_kwargs["tool_calls"]``."""
    blocks = [
        b for b in message.blocks if ToolCallBlock is not None and isinstance(b, ToolCallBlock)
    ]
    if blocks:
        return [
            {
                "id": block.tool_call_id,
                "type": "function",
                "function": {"name": block.tool_name, "arguments": _arguments(block.tool_kwargs)},
            }
            for block in blocks
        ]
    return [_plain(call) for call in message.additional_kwargs.get("tool_calls") or ()]


def _part(block: Any) -> Optional[Dict[str, Any]]:
    """One content block as a chat completion content part (None: not sent)."""
    if isinstance(block, TextBlock):
        return {"type": "text", "text": block.text}
    if isinstance(block, ImageBlock):
        url = str(block.url) if block.url is not None and not block.image else None
        image: Dict[str, Any] = {"url": url or block.inline_url()}
        if block.detail:
            image["detail"] = block.detail
        return {"type": "image_url", "image_url": image}
    if AudioBlock is not None and isinstance(block, AudioBlock):
        data = block.resolve_audio(as_base64=True).read().decode("ascii")
        return {"type": "input_audio", "input_audio": {"data": data, "format": block.format}}
    if DocumentBlock is not None and isinstance(block, DocumentBlock):
        file = {"filename": block.title or "document", "file_data": block.inline_url()}
        return {"type": "file", "file": file}
    if (ToolCallBlock is not None and isinstance(block, ToolCallBlock)) or isinstance(
        block, _DROPPED
    ):
        return None
    raise ValueError(f"PortkeyLLM cannot send a {type(block).__name__} in a chat message")


def message_to_dict(message: ChatMessage) -> Dict[str, Any]:
    """One LlamaIndex message as a chat completion message."""
    role = message.role.value if isinstance(message.role, MessageRole) else str(message.role)
    out: Dict[str, Any] = {"role": _ROLES.get(role, role)}
    parts = [p for p in (_part(b) for b in message.blocks) if p is not None]
    if all(p["type"] == "text" for p in parts):
        out["content"] = "\n".join(p["text"] for p in parts)
    else:
        out["content"] = parts
    extra = message.additional_kwargs
    if out["role"] == "assistant":
        calls = tool_calls_of(message)
        if calls:
            out["tool_calls"] = calls
            out["content"] = out["content"] or None  # as OpenAI sends a tool-only message
    if out["role"] == "tool" and extra.get("tool_call_id") is not None:
        out["tool_call_id"] = extra["tool_call_id"]
    for key in _PASSED_KEYS:
        if extra.get(key) is not None:
            out[key] = extra[key]
    return out


def messages_to_dicts(messages: Sequence[ChatMessage]) -> List[Dict[str, Any]]:
    return [message_to_dict(m) for m in messages]


def usage_kwargs(usage: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    """The token counts llama-index-llms-openai puts in ``ChatResponse.additional_kwargs``."""
    if not usage:
        return {}
    keys = ("prompt_tokens", "completion_tokens", "total_tokens")
    return {k: usage[k] for k in keys if usage.get(k) is not None}


def logprobs(choice: Mapping[str, Any]) -> Optional[List[List[LogProb]]]:
    """A choice's token logprobs as LlamaIndex's (the top logprobs of each token)."""
    tokens = (choice.get("logprobs") or {}).get("content") or []
    result = []
    for token in tokens:
        top = token.get("top_logprobs") or []
        row = [
            LogProb(
                token=t.get("token", ""), logprob=t.get("logprob", 0.0), bytes=t.get("bytes") or []
            )
            for t in top
        ]
        if row:
            result.append(row)
    return result or None


def _message(
    role: str, content: Optional[str], calls: Sequence[Mapping[str, Any]], extra: Dict[str, Any]
) -> ChatMessage:
    blocks: List[Any] = [TextBlock(text=content)] if content else []
    plain = []
    for call in calls:
        function = call.get("function") or {}
        arguments = function.get("arguments") or ""
        plain.append(
            {
                "id": call.get("id"),
                "type": call.get("type") or "function",
                "function": {"name": function.get("name") or "", "arguments": arguments},
            }
        )
        if ToolCallBlock is not None:
            try:
                kwargs: Any = json.loads(arguments) if arguments else {}
            except ValueError:
                kwargs = arguments  # not JSON (yet, in a stream): kept as the model wrote it
            blocks.append(
                ToolCallBlock(
                    tool_call_id=call.get("id"),
                    tool_name=function.get("name") or "",
                    tool_kwargs=kwargs if isinstance(kwargs, (dict, str)) else arguments,
                )
            )
    if plain:
        extra = {**extra, "tool_calls": plain}
    return ChatMessage(role=_ROLES.get(role, role), blocks=blocks, additional_kwargs=extra)


def answer_message(message: Mapping[str, Any]) -> ChatMessage:
    """A choice's ``message`` as a ChatMessage (text, tool calls, refusal and audio kept)."""
    extra = {k: message[k] for k in ("refusal", "audio", "function_call") if message.get(k)}
    return _message(
        message.get("role") or "assistant",
        message.get("content"),
        message.get("tool_calls") or (),
        extra,
    )


def tool_selections(response: ChatResponse, error_on_no_tool_call: bool) -> List[ToolSelection]:
    """The tool calls of an answer as LlamaIndex's ToolSelections (arguments that are not
    JSON, or not yet complete in a stream, are read as far as they go)."""
    calls = tool_calls_of(response.message)
    if not calls:
        if error_on_no_tool_call:
            raise ValueError("Expected at least one tool call, but got 0 tool calls.")
        return []
    selections = []
    for call in calls:
        if call.get("type", "function") != "function":
            raise ValueError(f"PortkeyLLM cannot run a tool call of type {call.get('type')!r}")
        function = call.get("function") or {}
        arguments = function.get("arguments") or "{}"
        try:
            kwargs = parse_partial_json(arguments) if isinstance(arguments, str) else arguments
        except (ValueError, TypeError):
            kwargs = {}
        selections.append(
            ToolSelection(
                tool_id=call.get("id") or "",
                tool_name=function.get("name") or "",
                tool_kwargs=kwargs if isinstance(kwargs, dict) else {},
            )
        )
    return selections


class ChatStream:
    """Joins streamed chat completion chunks: ``feed(chunk)`` returns the answer so far as a
    ChatResponse (its ``delta`` the new text), or None for a chunk with nothing in it."""

    def __init__(self) -> None:
        self.role = "assistant"
        self.content = ""
        self.calls: List[Dict[str, Any]] = []  # by order of first appearance
        self._by_index: Dict[Any, Dict[str, Any]] = {}
        self.usage: Dict[str, Any] = {}

    def _add_call(self, part: Mapping[str, Any]) -> None:
        index = part.get("index", len(self.calls))
        call = self._by_index.get(index)
        if call is None:
            call = {"id": None, "type": "function", "function": {"name": "", "arguments": ""}}
            self._by_index[index] = call
            self.calls.append(call)
        if part.get("id"):
            call["id"] = part["id"]
        function = part.get("function") or {}
        call["function"]["name"] += function.get("name") or ""
        call["function"]["arguments"] += function.get("arguments") or ""

    def feed(self, chunk: Mapping[str, Any]) -> Optional[ChatResponse]:
        choices = chunk.get("choices") or []
        if chunk.get("usage"):
            self.usage = usage_kwargs(chunk["usage"])
        if not choices:
            if not chunk.get("usage"):
                return None
            return ChatResponse(
                message=_message(self.role, self.content, self.calls, {}),
                delta="",
                raw=dict(chunk),
                additional_kwargs=dict(self.usage),
            )
        choice = choices[0]
        delta = choice.get("delta") or {}
        self.role = delta.get("role") or self.role
        text = delta.get("content") or ""
        self.content += text
        for part in delta.get("tool_calls") or ():
            self._add_call(part)
        return ChatResponse(
            message=_message(self.role, self.content, self.calls, {}),
            delta=text,
            raw=dict(chunk),
            logprobs=logprobs(choice),
            additional_kwargs=dict(self.usage),
        )
