"""Chat completion types (``/chat/completions``), as in OpenAI's API reference.

Fields the API may omit or null are Optional; fields a provider adds are kept (see ``BaseModel``).
"""

from __future__ import annotations

from typing import Any, List, Optional

import attrs

from .._models import BaseModel

__all__ = [
    "ChatCompletion",
    "ChatCompletionChunk",
    "ChatCompletionMessage",
    "ChatCompletionMessageToolCall",
    "ChatCompletionTokenLogprob",
    "Choice",
    "ChoiceDelta",
    "ChoiceDeltaFunctionCall",
    "ChoiceDeltaToolCall",
    "ChoiceDeltaToolCallFunction",
    "ChoiceLogprobs",
    "ChunkChoice",
    "CompletionTokensDetails",
    "CompletionUsage",
    "Function",
    "FunctionCall",
    "PromptTokensDetails",
    "TopLogprob",
]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class CompletionTokensDetails(BaseModel):
    accepted_prediction_tokens: Optional[int] = None
    audio_tokens: Optional[int] = None
    reasoning_tokens: Optional[int] = None
    rejected_prediction_tokens: Optional[int] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class PromptTokensDetails(BaseModel):
    audio_tokens: Optional[int] = None
    cached_tokens: Optional[int] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class CompletionUsage(BaseModel):
    prompt_tokens: Optional[int] = None
    completion_tokens: Optional[int] = None
    total_tokens: Optional[int] = None
    completion_tokens_details: Optional[CompletionTokensDetails] = None
    prompt_tokens_details: Optional[PromptTokensDetails] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Function(BaseModel):
    """The function a model called: its name and its arguments as a JSON string."""

    name: Optional[str] = None
    arguments: Optional[str] = None


FunctionCall = Function
"""The deprecated single ``function_call`` has the same shape."""


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionMessageToolCall(BaseModel):
    id: Optional[str] = None
    type: Optional[str] = "function"
    function: Optional[Function] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionMessage(BaseModel):
    role: Optional[str] = "assistant"
    content: Optional[str] = None
    refusal: Optional[str] = None
    tool_calls: Optional[List[ChatCompletionMessageToolCall]] = None
    function_call: Optional[Function] = None
    audio: Optional[Any] = None
    annotations: Optional[List[Any]] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class TopLogprob(BaseModel):
    token: Optional[str] = None
    logprob: Optional[float] = None
    bytes: Optional[List[int]] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionTokenLogprob(BaseModel):
    token: Optional[str] = None
    logprob: Optional[float] = None
    bytes: Optional[List[int]] = None
    top_logprobs: Optional[List[TopLogprob]] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChoiceLogprobs(BaseModel):
    content: Optional[List[ChatCompletionTokenLogprob]] = None
    refusal: Optional[List[ChatCompletionTokenLogprob]] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Choice(BaseModel):
    index: int = 0
    message: Optional[ChatCompletionMessage] = None
    finish_reason: Optional[str] = None
    logprobs: Optional[ChoiceLogprobs] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletion(BaseModel):
    """A chat completion (``object: "chat.completion"``)."""

    choices: List[Choice]
    id: Optional[str] = None
    object: Optional[str] = "chat.completion"
    created: Optional[int] = None
    model: Optional[str] = None
    usage: Optional[CompletionUsage] = None
    system_fingerprint: Optional[str] = None
    service_tier: Optional[str] = None


# Streaming


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChoiceDeltaToolCallFunction(BaseModel):
    name: Optional[str] = None
    arguments: Optional[str] = None


ChoiceDeltaFunctionCall = ChoiceDeltaToolCallFunction


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChoiceDeltaToolCall(BaseModel):
    index: int = 0
    id: Optional[str] = None
    type: Optional[str] = None
    function: Optional[ChoiceDeltaToolCallFunction] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChoiceDelta(BaseModel):
    role: Optional[str] = None
    content: Optional[str] = None
    refusal: Optional[str] = None
    tool_calls: Optional[List[ChoiceDeltaToolCall]] = None
    function_call: Optional[ChoiceDeltaToolCallFunction] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChunkChoice(BaseModel):
    index: int = 0
    delta: Optional[ChoiceDelta] = None
    finish_reason: Optional[str] = None
    logprobs: Optional[ChoiceLogprobs] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionChunk(BaseModel):
    """One streamed piece of a chat completion (``object: "chat.completion.chunk"``).

    The usage chunk (``stream_options={"include_usage": True}``) has ``choices == []``.
    """

    choices: List[ChunkChoice] = attrs.field(factory=list)
    id: Optional[str] = None
    object: Optional[str] = "chat.completion.chunk"
    created: Optional[int] = None
    model: Optional[str] = None
    usage: Optional[CompletionUsage] = None
    system_fingerprint: Optional[str] = None
    service_tier: Optional[str] = None
