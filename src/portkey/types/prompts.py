"""Prompt types (``/prompts/{id}/completions`` and ``/prompts/{id}/render``, Portkey routes).

A saved prompt is a chat or a text template, so a prompt completion's choices carry either a
``message`` (``delta`` when streamed) or a ``text``. Fields a provider adds are kept.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Union

import attrs

from .._models import BaseModel, ExtraField
from .chat import ChatCompletion, ChatCompletionMessage, ChoiceDelta, CompletionUsage
from .completions import Completion

__all__ = [
    "ChatCompletionFunctionCallOption",
    "ChatCompletionFunctionTool",
    "ChatCompletionNamedToolChoice",
    "ChatCompletionNamedToolChoiceFunction",
    "ChatCompletionStreamOptions",
    "Function",
    "FunctionDefinition",
    "JSONSchema",
    "PromptCompletion",
    "PromptCompletionChoice",
    "PromptCompletionChunk",
    "PromptCompletionChunkChoice",
    "PromptRender",
    "PromptRenderData",
    "ResponseFormat",
    "ResponseFormatJSONObject",
    "ResponseFormatJSONSchema",
    "ResponseFormatText",
    "Thinking",
    "Tool",
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
    # Portkey's API reference wraps the completion (``{"status", "headers", "body"}``); the
    # official SDK, and the API as its docs describe it, answer the completion itself. A
    # wrapped answer keeps ``status`` and ``headers`` as unknown fields and its ``body`` typed.
    body = ExtraField[Union[ChatCompletion, Completion]](tp=Union[ChatCompletion, Completion])


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


# The parts of a rendered request (openai-python's names; the request shapes of the API).


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class FunctionDefinition(BaseModel):
    """A function the model may call: ``parameters`` is its JSON Schema."""

    name: Optional[str] = None
    description: Optional[str] = None
    parameters: Optional[Dict[str, Any]] = None
    strict: Optional[bool] = None


Function = FunctionDefinition
"""The official SDK's name (``functions`` of a rendered prompt)."""


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionFunctionTool(BaseModel):
    type: Optional[str] = "function"
    function: Optional[FunctionDefinition] = None


Tool = ChatCompletionFunctionTool
"""The official SDK's name (``tools`` of a rendered prompt)."""


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionNamedToolChoiceFunction(BaseModel):
    name: Optional[str] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionNamedToolChoice(BaseModel):
    """A tool the model must call (``tool_choice``; else a string: ``"auto"``, ...)."""

    type: Optional[str] = "function"
    function: Optional[ChatCompletionNamedToolChoiceFunction] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionFunctionCallOption(BaseModel):
    """The function the model must call (``function_call``; else ``"none"`` or ``"auto"``)."""

    name: Optional[str] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ResponseFormatText(BaseModel):
    type: Optional[str] = "text"


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ResponseFormatJSONObject(BaseModel):
    type: Optional[str] = "json_object"


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class JSONSchema(BaseModel):
    """The JSON Schema of Structured Outputs (``schema`` is openai-python's ``schema_``)."""

    name: Optional[str] = None
    description: Optional[str] = None
    schema: Optional[Dict[str, Any]] = None
    strict: Optional[bool] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ResponseFormatJSONSchema(BaseModel):
    type: Optional[str] = "json_schema"
    json_schema: Optional[JSONSchema] = None


# Told apart by ``type``; a kind this version does not know is kept whole (GenericModel).
ResponseFormat = Union[ResponseFormatText, ResponseFormatJSONSchema, ResponseFormatJSONObject]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionStreamOptions(BaseModel):
    include_usage: Optional[bool] = None
    include_obfuscation: Optional[bool] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Thinking(BaseModel):
    """Thinking of the models that have it (``type: "enabled"``, with ``budget_tokens``)."""

    type: Optional[str] = None
    budget_tokens: Optional[int] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class PromptRenderData(BaseModel):
    """The request the prompt renders to: pass ``to_dict(exclude_none=True)`` to a create call.

    The fields are the official SDK's; ``response_format``, ``stream_options`` and ``thinking``,
    which it does not declare, are kept with the unknown fields (its dumps have no None for
    them) and typed when read. Any other request field of the prompt is kept too.
    """

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
    functions: Optional[List[FunctionDefinition]] = None
    function_call: Optional[Union[str, ChatCompletionFunctionCallOption]] = None
    logprobs: Optional[bool] = None
    top_logprobs: Optional[int] = None
    echo: Optional[bool] = None
    stop: Optional[Union[str, List[str]]] = None
    presence_penalty: Optional[float] = None
    frequency_penalty: Optional[float] = None
    best_of: Optional[int] = None
    logit_bias: Optional[Dict[str, Any]] = None
    user: Optional[str] = None
    organization: Optional[str] = None
    tool_choice: Optional[Union[str, ChatCompletionNamedToolChoice]] = None
    tools: Optional[List[ChatCompletionFunctionTool]] = None
    response_format = ExtraField[ResponseFormat](tp=ResponseFormat)
    stream_options = ExtraField[ChatCompletionStreamOptions](tp=ChatCompletionStreamOptions)
    thinking = ExtraField[Thinking](tp=Thinking)


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class PromptRender(BaseModel):
    """A rendered prompt: ``data`` is the request the prompt makes."""

    data: PromptRenderData
    success: Optional[bool] = True
