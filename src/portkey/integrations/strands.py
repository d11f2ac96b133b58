"""Strands Agents on the Portkey gateway: ``PortkeyStrands``, a Strands ``Model`` over chat
completions, as the official SDK's ``portkey_ai.integrations.strands``, through our own client
(no ``openai``)::

    from strands import Agent
    from portkey.integrations.strands import PortkeyStrands

    model = PortkeyStrands(api_key="PORTKEY_API_KEY", provider="@openai-prod", model_id="gpt-4o")
    Agent(model=model, tools=[...])("What is the weather in Paris?")

Needs the ``strands`` extra: ``pip install 'portkey-fast[strands]'`` (importing this module
without it raises an ImportError saying so).
"""

from __future__ import annotations

import base64
import json
import mimetypes
import time
import warnings
from typing import (
    Any,
    AsyncGenerator,
    Dict,
    List,
    Mapping,
    Optional,
    Sequence,
    Type,
    TypeVar,
    cast,
)

try:
    from strands.models.model import Model
    from strands.types.exceptions import ContextWindowOverflowException, ModelThrottledException
except ImportError as exc:  # pragma: no cover - exercised without the extra
    from . import _missing_framework

    raise _missing_framework("strands", "portkey.integrations.strands", exc) from exc

from .._errors import APIStatusError, RateLimitError, StructuredOutputError
from . import UnsupportedContentError
from ._client_options import LoopClients, split_client_options

__all__ = ["PortkeyStrands"]

T = TypeVar("T")

# The model's own settings (Strands' OpenAI model's names); every other keyword is either a
# Portkey client option or unknown (kept, with a warning: the official SDK ignored them).
_MODEL_KEYS = frozenset(("model_id", "params", "streaming", "context_window_limit"))

_STOP_REASONS = {
    "tool_calls": "tool_use",
    "function_call": "tool_use",
    "length": "max_tokens",
    "content_filter": "content_filtered",
}

_OVERFLOW_HINTS = ("context_length_exceeded", "maximum context length", "context length")


# -- Strands messages -> chat completion messages -------------------------------------------


def _data_uri(kind: str, block: Mapping[str, Any]) -> str:
    source = block.get("source") or {}
    data = source.get("bytes")
    if not isinstance(data, (bytes, bytearray)):
        raise UnsupportedContentError(
            f"a Strands {kind} block needs source.bytes (other sources cannot be sent)"
        )
    mime = mimetypes.types_map.get(f".{block.get('format', '')}", "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _content_part(block: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    """One content block as a chat completion content part (None: not for the model)."""
    if "text" in block:
        return {"type": "text", "text": block["text"]}
    if "image" in block:
        url = _data_uri("image", block["image"])
        return {"type": "image_url", "image_url": {"url": url, "detail": "auto"}}
    if "document" in block:
        document = block["document"]
        return {
            "type": "file",
            "file": {
                "file_data": _data_uri("document", document),
                "filename": document.get("name", "document"),
            },
        }
    if any(k in block for k in ("reasoningContent", "cachePoint", "guardContent", "citations")):
        return None  # the chat completions API has no place for these
    raise UnsupportedContentError(
        f"cannot send a Strands content block of type {next(iter(block), '?')!r}"
    )


def _joined(parts: List[Dict[str, Any]]) -> Any:
    """A single text part as a plain string (what every provider accepts), else the parts."""
    if len(parts) == 1 and parts[0]["type"] == "text":
        return parts[0]["text"]
    return parts


def _tool_call(tool_use: Mapping[str, Any]) -> Dict[str, Any]:
    return {
        "id": tool_use["toolUseId"],
        "type": "function",
        "function": {
            "name": tool_use["name"],
            "arguments": json.dumps(tool_use.get("input", {}), ensure_ascii=False),
        },
    }


def _tool_messages(result: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """A tool result as a tool message (text and JSON joined), plus a user message with its
    images (a tool message cannot carry them)."""
    texts: List[str] = []
    media: List[Dict[str, Any]] = []
    for block in result.get("content", []):
        if "json" in block:
            texts.append(json.dumps(block["json"], ensure_ascii=False))
        elif "text" in block:
            texts.append(block["text"])
        else:
            part = _content_part(block)
            if part is not None:
                media.append(part)
    messages = [{"role": "tool", "tool_call_id": result["toolUseId"], "content": "\n".join(texts)}]
    if media:
        messages.append({"role": "user", "content": media})
    return messages


def format_messages(
    messages: Sequence[Mapping[str, Any]],
    system_prompt: Optional[str] = None,
    system_prompt_content: Optional[Sequence[Mapping[str, Any]]] = None,
) -> List[Dict[str, Any]]:
    """Strands messages (and system prompt) as chat completion messages."""
    formatted: List[Dict[str, Any]] = []
    if system_prompt_content:
        system = "\n".join(b["text"] for b in system_prompt_content if "text" in b)
    else:
        system = system_prompt or ""
    if system:
        formatted.append({"role": "system", "content": system})
    for message in messages:
        parts: List[Dict[str, Any]] = []
        calls: List[Dict[str, Any]] = []
        for block in message.get("content", []):
            if "toolResult" in block:
                # a tool message must follow the assistant's calls, before the user's text
                formatted.extend(_tool_messages(block["toolResult"]))
            elif "toolUse" in block:
                calls.append(_tool_call(block["toolUse"]))
            else:
                part = _content_part(block)
                if part is not None:
                    parts.append(part)
        if calls:
            text = "".join(p["text"] for p in parts if p["type"] == "text")
            formatted.append({"role": "assistant", "content": text or None, "tool_calls": calls})
        elif parts:
            formatted.append({"role": message["role"], "content": _joined(parts)})
    return formatted


def format_tools(tool_specs: Optional[Sequence[Mapping[str, Any]]]) -> List[Dict[str, Any]]:
    return [
        {
            "type": "function",
            "function": {
                "name": spec["name"],
                "description": spec.get("description", ""),
                "parameters": spec["inputSchema"]["json"],
            },
        }
        for spec in tool_specs or ()
    ]


def format_tool_choice(tool_choice: Optional[Mapping[str, Any]]) -> Any:
    """Strands' (Bedrock's) tool choice in OpenAI's spelling."""
    if not tool_choice or "auto" in tool_choice:
        return "auto"
    if "any" in tool_choice:
        return "required"
    if "tool" in tool_choice:
        return {"type": "function", "function": {"name": tool_choice["tool"]["name"]}}
    return "auto"


# -- chat completions -> Strands stream events ----------------------------------------------


def _usage_event(usage: Mapping[str, Any], started: float) -> Dict[str, Any]:
    prompt = usage.get("prompt_tokens") or 0
    completion = usage.get("completion_tokens") or 0
    counted: Dict[str, Any] = {
        "inputTokens": prompt,
        "outputTokens": completion,
        "totalTokens": usage.get("total_tokens") or prompt + completion,
    }
    cached = (usage.get("prompt_tokens_details") or {}).get("cached_tokens")
    if isinstance(cached, int):
        counted["cacheReadInputTokens"] = cached
    latency = int((time.monotonic() - started) * 1000)
    return {"metadata": {"usage": counted, "metrics": {"latencyMs": latency}}}


def _stop_event(finish_reason: Optional[str], called_tools: bool) -> Dict[str, Any]:
    reason = _STOP_REASONS.get(finish_reason or "", "end_turn")
    if called_tools and reason == "end_turn":
        reason = "tool_use"  # some providers say "stop" after tool calls
    return {"messageStop": {"stopReason": reason}}


def _tool_events(calls: Sequence[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    events: List[Dict[str, Any]] = []
    for call in calls:
        function = call.get("function") or {}
        start = {"toolUse": {"name": function.get("name") or "", "toolUseId": call.get("id")}}
        events.append({"contentBlockStart": {"start": start}})
        arguments = function.get("arguments") or ""
        events.append({"contentBlockDelta": {"delta": {"toolUse": {"input": arguments}}}})
        events.append({"contentBlockStop": {}})
    return events


class _StreamState:
    """Turns chat completion chunks into Strands events: text and reasoning as they come (each
    a content block), tool calls gathered by index and given at the end, as Strands' own
    OpenAI model does."""

    def __init__(self) -> None:
        self.block: Optional[str] = None  # "text" or "reasoning", the open content block
        self.calls: Dict[int, Dict[str, Any]] = {}
        self.finish_reason: Optional[str] = None
        self.usage: Optional[Mapping[str, Any]] = None

    def _switch(self, kind: str) -> List[Dict[str, Any]]:
        if self.block == kind:
            return []
        events: List[Dict[str, Any]] = [{"contentBlockStop": {}}] if self.block else []
        self.block = kind
        events.append({"contentBlockStart": {"start": {}}})
        return events

    def feed(self, chunk: Mapping[str, Any]) -> List[Dict[str, Any]]:
        if chunk.get("usage"):
            self.usage = chunk["usage"]
        events: List[Dict[str, Any]] = []
        for choice in chunk.get("choices") or ():
            delta = choice.get("delta") or {}
            reasoning = delta.get("reasoning_content") or delta.get("reasoning")
            if isinstance(reasoning, str) and reasoning:
                events += self._switch("reasoning")
                events.append(
                    {"contentBlockDelta": {"delta": {"reasoningContent": {"text": reasoning}}}}
                )
            if delta.get("content"):
                events += self._switch("text")
                events.append({"contentBlockDelta": {"delta": {"text": delta["content"]}}})
            for piece in delta.get("tool_calls") or ():
                call = self.calls.setdefault(
                    piece.get("index", len(self.calls)),
                    {"id": None, "function": {"name": "", "arguments": ""}},
                )
                call["id"] = call["id"] or piece.get("id")
                function = piece.get("function") or {}
                call["function"]["name"] += function.get("name") or ""
                call["function"]["arguments"] += function.get("arguments") or ""
            if choice.get("finish_reason"):
                self.finish_reason = choice["finish_reason"]
        return events

    def finish(self, started: float) -> List[Dict[str, Any]]:
        events: List[Dict[str, Any]] = [{"contentBlockStop": {}}] if self.block else []
        events += _tool_events([self.calls[i] for i in sorted(self.calls)])
        events.append(_stop_event(self.finish_reason, bool(self.calls)))
        if self.usage:
            events.append(_usage_event(self.usage, started))
        return events


def completion_events(completion: Mapping[str, Any], started: float) -> List[Dict[str, Any]]:
    """The events of a whole (not streamed) chat completion."""
    choices = completion.get("choices") or [{}]
    message = choices[0].get("message") or {}
    events: List[Dict[str, Any]] = [{"messageStart": {"role": "assistant"}}]
    reasoning = message.get("reasoning_content") or message.get("reasoning")
    if isinstance(reasoning, str) and reasoning:
        delta = {"reasoningContent": {"text": reasoning}}
        events += [{"contentBlockStart": {"start": {}}}, {"contentBlockDelta": {"delta": delta}}]
        events.append({"contentBlockStop": {}})
    if message.get("content"):
        delta = {"text": message["content"]}
        events += [{"contentBlockStart": {"start": {}}}, {"contentBlockDelta": {"delta": delta}}]
        events.append({"contentBlockStop": {}})
    calls = message.get("tool_calls") or []
    events += _tool_events(calls)
    events.append(_stop_event(choices[0].get("finish_reason"), bool(calls)))
    if completion.get("usage"):
        events.append(_usage_event(completion["usage"], started))
    return events


def _strands_error(error: APIStatusError) -> Optional[Exception]:
    """The Strands exception an agent acts on (it retries throttling, and reduces its context
    on overflow), or None."""
    translated: Optional[Exception] = None
    text = f"{getattr(error, 'code', '') or ''} {error}".lower()
    if isinstance(error, RateLimitError):
        translated = ModelThrottledException(str(error))
    elif error.status_code == 400 and any(hint in text for hint in _OVERFLOW_HINTS):
        translated = ContextWindowOverflowException(str(error))
    return translated


class PortkeyStrands(Model):
    """A Strands ``Model`` that calls chat completions through the Portkey gateway.

    Keywords, as the official SDK's: ``model_id``, and the Portkey options (``api_key``,
    ``virtual_key``, ``base_url``, ``provider``, and any other keyword of ``AsyncPortkey``:
    ``config``, ``Authorization``, ``custom_host``, ``trace_id``, ``custom_metadata`` for
    Portkey's request metadata, ``timeout``, ...). Beyond the official's: ``params`` (body
    parameters of every request: ``temperature``, ``max_tokens``, ...) and ``streaming``
    (default True; False asks for whole completions and gives them as the same events).

    ``stream`` gives Strands' stream events (text, reasoning, tool calls, stop reason, usage);
    ``structured_output`` asks for a JSON schema answer (``response_format``) and yields
    ``{"output": <the output_model instance>}``. A 429 raises Strands'
    ``ModelThrottledException`` (the agent retries it), a context-length error its
    ``ContextWindowOverflowException``.
    """

    def __init__(self, **config: Any) -> None:
        self.config: Dict[str, Any] = {"streaming": True}
        self._clients: Optional[LoopClients] = None
        self.update_config(**config)

    def update_config(self, **model_config: Any) -> None:
        """Change settings; a change of a Portkey option makes a new client."""
        client_options, rest = split_client_options(model_config)
        unknown = sorted(set(rest) - _MODEL_KEYS)
        if unknown:
            warnings.warn(
                f"PortkeyStrands ignores {', '.join(unknown)}: give body parameters as "
                "params={...} and Portkey's request metadata as custom_metadata",
                UserWarning,
                stacklevel=2,
            )
        self.config.update(rest)
        if client_options or self._clients is None:
            options = self._clients.options if self._clients else {}
            self._clients = LoopClients({**options, **client_options})

    def _client(self) -> Any:
        assert self._clients is not None  # made by __init__
        return self._clients.get()

    def get_config(self) -> Dict[str, Any]:
        """The model's settings (``model_id``, ``params``, ``streaming``, ...); the Portkey
        options, which may hold keys, are not in it."""
        return self.config

    def __repr__(self) -> str:
        return f"PortkeyStrands(model_id={self.config.get('model_id')!r})"

    def _request(
        self,
        messages: Sequence[Mapping[str, Any]],
        system_prompt: Optional[str],
        system_prompt_content: Optional[Sequence[Mapping[str, Any]]] = None,
    ) -> Dict[str, Any]:
        request: Dict[str, Any] = {
            "model": self.config.get("model_id"),
            "messages": format_messages(messages, system_prompt, system_prompt_content),
        }
        if request["model"] is None:
            del request["model"]  # the config's or virtual key's model
        request.update(self.config.get("params") or {})
        return request

    async def stream(
        self,
        messages: Any,
        tool_specs: Optional[List[Any]] = None,
        system_prompt: Optional[str] = None,
        *,
        tool_choice: Optional[Any] = None,
        system_prompt_content: Optional[List[Any]] = None,
        **kwargs: Any,
    ) -> AsyncGenerator[Any, None]:
        """Strands' stream events for one model turn (see the class docstring)."""
        request = self._request(messages, system_prompt, system_prompt_content)
        if tool_specs:
            request["tools"] = format_tools(tool_specs)
            request.setdefault("tool_choice", format_tool_choice(tool_choice))
        streaming = bool(self.config.get("streaming", True))
        started = time.monotonic()
        try:
            if not streaming:
                completion = await self._client().chat.completions.create(**request)
                for event in completion_events(completion.to_dict(), started):
                    yield event
                return
            request["stream"] = True
            request.setdefault("stream_options", {"include_usage": True})
            chunks = await self._client().chat.completions.create(**request)
            yield {"messageStart": {"role": "assistant"}}
            state = _StreamState()
            async with chunks:
                async for chunk in chunks:
                    for event in state.feed(chunk.to_dict()):
                        yield event
            for event in state.finish(started):
                yield event
        except APIStatusError as error:
            translated = _strands_error(error)
            if translated is None:
                raise
            raise translated from error

    async def structured_output(
        self,
        output_model: Type[T],
        prompt: Any,
        system_prompt: Optional[str] = None,
        **kwargs: Any,
    ) -> AsyncGenerator[Dict[str, Any], None]:
        """Yields ``{"output": <output_model instance>}``: the answer to ``prompt`` asked for
        as JSON of ``output_model``'s schema (``response_format``, strict) and parsed into it.
        Raises ``StructuredOutputError`` if the model refused or wrote no valid instance."""
        request = self._request(prompt, system_prompt)
        for name in ("stream", "stream_options"):
            request.pop(name, None)
        try:
            completion = await self._client().chat.completions.parse(
                **request, response_format=output_model
            )
        except APIStatusError as error:
            translated = _strands_error(error)
            if translated is None:
                raise
            raise translated from error
        message = completion.choices[0].message if completion.choices else None
        parsed = getattr(message, "parsed", None)
        if not isinstance(parsed, output_model):
            refusal = getattr(message, "refusal", None)
            raise StructuredOutputError(
                f"the model gave no {output_model.__name__}"
                + (f": it refused ({refusal})" if refusal else ""),
                raw=getattr(message, "content", None),
                reason="refusal" if refusal else "no parsed output",
            )
        yield {"output": cast(Any, parsed)}
