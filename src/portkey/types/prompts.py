"""Prompt types (``/prompts/{id}/completions`` and ``/prompts/{id}/render``, Portkey routes).

A saved prompt is a chat or a text template, so a prompt completion's choices carry either a
``message`` (``delta`` when streamed) or a ``text``. Fields a provider adds are kept.
"""

from __future__ import annotations

from typing import Any, List, Optional, Union

import attrs

from .._models import BaseModel
from .chat import ChatCompletionMessage, ChoiceDelta, CompletionUsage

__all__ = [
    "PromptCompletion",
    "PromptCompletionChoice",
    "PromptCompletionChunk",
    "PromptCompletionChunkChoice",
    "PromptRender",
    "PromptRenderData",
]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class PromptCompletionChoice(BaseModel):
    index: int = 0
    message: Optional[ChatCompletionMessage] = None  # a chat template
    text: Optional[str] = None  # a text template
    finish_reason: Optional[str] = None
    logprobs: Optional[Any] = None  # chat or text logprobs, as sent


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class PromptCompletion(BaseModel):
    """The completion of a saved prompt (a chat or a text completion)."""

    choices: List[PromptCompletionChoice] = attrs.field(factory=list)
    id: Optional[str] = None
    object: Optional[str] = None
    created: Optional[int] = None
    model: Optional[str] = None
    usage: Optional[CompletionUsage] = None
    system_fingerprint: Optional[str] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class PromptCompletionChunkChoice(BaseModel):
    index: int = 0
    delta: Optional[ChoiceDelta] = None  # a chat template
    text: Optional[str] = None  # a text template
    finish_reason: Optional[str] = None
    logprobs: Optional[Any] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class PromptCompletionChunk(BaseModel):
    """One streamed piece of a prompt completion."""

    choices: List[PromptCompletionChunkChoice] = attrs.field(factory=list)
    id: Optional[str] = None
    object: Optional[str] = None
    created: Optional[int] = None
    model: Optional[str] = None
    provider: Optional[str] = None
    usage: Optional[CompletionUsage] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class PromptRenderData(BaseModel):
    """The request the prompt renders to: pass ``to_dict(exclude_none=True)`` to a create call."""

    messages: Optional[List[ChatCompletionMessage]] = None  # a chat template
    prompt: Optional[str] = None  # a text template
    model: Optional[str] = None
    suffix: Optional[str] = None
    max_tokens: Optional[int] = None
    temperature: Optional[float] = None
    top_k: Optional[int] = None
    top_p: Optional[float] = None
    n: Optional[int] = None
    stop_sequences: Optional[List[str]] = None
    timeout: Optional[float] = None
    functions: Optional[List[Any]] = None
    function_call: Optional[Any] = None
    logprobs: Optional[bool] = None
    top_logprobs: Optional[int] = None
    echo: Optional[bool] = None
    stop: Optional[Union[str, List[str]]] = None
    presence_penalty: Optional[float] = None
    frequency_penalty: Optional[float] = None
    best_of: Optional[int] = None
    logit_bias: Optional[Any] = None
    user: Optional[str] = None
    organization: Optional[str] = None
    tool_choice: Optional[Any] = None
    tools: Optional[List[Any]] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class PromptRender(BaseModel):
    """A rendered prompt: ``data`` is the request the prompt makes."""

    data: PromptRenderData
    success: Optional[bool] = True
