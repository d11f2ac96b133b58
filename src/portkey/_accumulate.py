"""Assembling a whole ``ChatCompletion`` from streamed chunks."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from ._models import set_headers
from .types.chat import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionMessage,
    ChatCompletionMessageToolCall,
    Choice,
    ChoiceLogprobs,
    CompletionUsage,
    Function,
)

__all__ = ["accumulate_chat"]


class _ChoiceState:
    __slots__ = ("content", "finish_reason", "logprobs", "refusal", "role", "tool_calls")

    def __init__(self) -> None:
        self.role: Optional[str] = None
        self.content: List[str] = []
        self.refusal: List[str] = []
        self.finish_reason: Optional[str] = None
        self.tool_calls: Dict[int, Dict[str, Any]] = {}
        self.logprobs: List[Any] = []


def accumulate_chat(chunks: Sequence[Any]) -> ChatCompletion:
    """Join the chunks of one chat stream: text, refusal, tool calls by index (their
    argument pieces concatenated), finish reasons and usage."""
    choices: Dict[int, _ChoiceState] = {}
    first: Optional[ChatCompletionChunk] = None
    usage: Optional[CompletionUsage] = None
    for chunk in chunks:
        if first is None:
            first = chunk
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices or ():
            state = choices.get(choice.index)
            if state is None:
                state = choices[choice.index] = _ChoiceState()
            if choice.finish_reason:
                state.finish_reason = choice.finish_reason
            if choice.logprobs is not None and choice.logprobs.content:
                state.logprobs.extend(choice.logprobs.content)
            delta = choice.delta
            if delta is None:
                continue
            if delta.role:
                state.role = delta.role
            if delta.content:
                state.content.append(delta.content)
            if delta.refusal:
                state.refusal.append(delta.refusal)
            for call in delta.tool_calls or ():
                slot = state.tool_calls.get(call.index)
                if slot is None:
                    slot = state.tool_calls[call.index] = {
                        "id": None,
                        "type": None,
                        "name": None,
                        "arguments": [],
                    }
                if call.id:
                    slot["id"] = call.id
                if call.type:
                    slot["type"] = call.type
                function = call.function
                if function is not None:
                    if function.name:
                        slot["name"] = function.name
                    if function.arguments:
                        slot["arguments"].append(function.arguments)

    built: List[Choice] = []
    for index in sorted(choices):
        state = choices[index]
        tool_calls = [
            ChatCompletionMessageToolCall(
                id=slot["id"],
                type=slot["type"] or "function",
                function=Function(name=slot["name"], arguments="".join(slot["arguments"])),
            )
            for _, slot in sorted(state.tool_calls.items())
        ]
        message = ChatCompletionMessage(
            role=state.role or "assistant",
            content="".join(state.content) if state.content else None,
            refusal="".join(state.refusal) if state.refusal else None,
            tool_calls=tool_calls or None,
        )
        logprobs = ChoiceLogprobs(content=state.logprobs) if state.logprobs else None
        built.append(
            Choice(
                index=index, message=message, finish_reason=state.finish_reason, logprobs=logprobs
            )
        )
    completion = ChatCompletion(
        choices=built,
        id=getattr(first, "id", None),
        object="chat.completion",
        created=getattr(first, "created", None),
        model=getattr(first, "model", None),
        usage=usage,
        system_fingerprint=getattr(first, "system_fingerprint", None),
        service_tier=getattr(first, "service_tier", None),
    )
    headers = getattr(first, "_headers", None)
    if headers:
        set_headers(completion, headers)
    return completion
