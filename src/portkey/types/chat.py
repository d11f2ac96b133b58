"""Chat completion types (``/chat/completions``), as in OpenAI's API reference.

Fields the API may omit or null are Optional; fields a provider adds are kept (see ``BaseModel``).
"""

from __future__ import annotations

from typing import Dict, List, Optional, Union

import attrs

from .._models import BaseModel, ExtraField

__all__ = [
    "Annotation",
    "AnnotationURLCitation",
    "ChatCompletion",
    "ChatCompletionAudio",
    "ChatCompletionChunk",
    "ChatCompletionMessage",
    "ChatCompletionMessageContentBlock",
    "ChatCompletionMessageContentPartRedactedThinking",
    "ChatCompletionMessageContentPartText",
    "ChatCompletionMessageContentPartThinking",
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
    "Moderation",
    "ModerationError",
    "ModerationInput",
    "ModerationInputError",
    "ModerationInputModerationResults",
    "ModerationInputModerationResultsResult",
    "ModerationOutput",
    "ModerationOutputError",
    "ModerationOutputModerationResults",
    "ModerationOutputModerationResultsResult",
    "ModerationResult",
    "ModerationResults",
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
class AnnotationURLCitation(BaseModel):
    """A web page the answer cites (web search), and where in the content it is cited."""

    end_index: Optional[int] = None
    start_index: Optional[int] = None
    title: Optional[str] = None
    url: Optional[str] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Annotation(BaseModel):
    """An annotation of a message's content (``type: "url_citation"``)."""

    type: Optional[str] = "url_citation"
    url_citation: Optional[AnnotationURLCitation] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionAudio(BaseModel):
    """The audio answer of a model asked for the audio modality."""

    id: Optional[str] = None
    data: Optional[str] = None  # base64
    expires_at: Optional[int] = None
    transcript: Optional[str] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionMessageContentPartText(BaseModel):
    type: Optional[str] = "text"
    text: Optional[str] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionMessageContentPartThinking(BaseModel):
    type: Optional[str] = "thinking"
    thinking: Optional[str] = None
    signature: Optional[str] = None  # sent back with the block in the next turn


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionMessageContentPartRedactedThinking(BaseModel):
    type: Optional[str] = "redacted_thinking"
    data: Optional[str] = None


# Told apart by ``type``; a kind this version does not know is kept whole (GenericModel).
ChatCompletionMessageContentBlock = Union[
    ChatCompletionMessageContentPartText,
    ChatCompletionMessageContentPartThinking,
    ChatCompletionMessageContentPartRedactedThinking,
]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ChatCompletionMessage(BaseModel):
    role: Optional[str] = "assistant"
    content: Optional[str] = None
    refusal: Optional[str] = None
    tool_calls: Optional[List[ChatCompletionMessageToolCall]] = None
    function_call: Optional[Function] = None
    audio: Optional[ChatCompletionAudio] = None
    annotations: Optional[List[Annotation]] = None
    # Portkey's, with strict OpenAI compliance off (the SDK's default): the provider's blocks
    # (Anthropic's text and thinking). Kept with the unknown fields, as the official SDK keeps
    # it, and typed when read.
    content_blocks = ExtraField[List[ChatCompletionMessageContentBlock]](
        tp=List[ChatCompletionMessageContentBlock]
    )


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
class ModerationResult(BaseModel):
    """One moderation verdict of a moderated completion (``type: "moderation_result"``); the
    category maps keep the wire's keys (``"hate/threatening"``)."""

    type: Optional[str] = "moderation_result"
    model: Optional[str] = None
    flagged: Optional[bool] = None
    categories: Optional[Dict[str, bool]] = None
    category_scores: Optional[Dict[str, float]] = None
    category_applied_input_types: Optional[Dict[str, List[str]]] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ModerationResults(BaseModel):
    """The moderation of the input or of the output (``type: "moderation_results"``)."""

    type: Optional[str] = "moderation_results"
    model: Optional[str] = None
    results: Optional[List[ModerationResult]] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ModerationError(BaseModel):
    """Moderation that failed (``type: "error"``)."""

    type: Optional[str] = "error"
    code: Optional[str] = None
    message: Optional[str] = None


# Told apart by ``type``; a kind this version does not know is kept whole (GenericModel).
ModerationInput = Union[ModerationResults, ModerationError]
ModerationOutput = ModerationInput


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Moderation(BaseModel):
    """The moderation of a moderated completion's input and output."""

    input: Optional[ModerationInput] = None
    output: Optional[ModerationOutput] = None


# openai-python names the input's and the output's classes apart; they are the same shapes.
ModerationInputModerationResults = ModerationOutputModerationResults = ModerationResults
ModerationInputModerationResultsResult = ModerationOutputModerationResultsResult = ModerationResult
ModerationInputError = ModerationOutputError = ModerationError


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
    # Moderated completions only; kept with the unknown fields, as the official SDK keeps it
    # (its dumps have no ``moderation: None``), and typed when read.
    moderation = ExtraField[Moderation](tp=Moderation)


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

    The usage chunk (``stream_options={"include_usage": True}``) has ``choices == []``, and so
    has the moderation chunk of a moderated completion (after the usage one).
    """

    choices: List[ChunkChoice] = attrs.field(factory=list)
    id: Optional[str] = None
    object: Optional[str] = "chat.completion.chunk"
    created: Optional[int] = None
    model: Optional[str] = None
    usage: Optional[CompletionUsage] = None
    system_fingerprint: Optional[str] = None
    service_tier: Optional[str] = None
    # The moderation chunk's; an unknown field to the others (no cost per chunk).
    moderation = ExtraField[Moderation](tp=Moderation)
