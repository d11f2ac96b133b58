"""Parameters of ``chat.completions``."""

from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "ChatCompletionCreateParams",
    "ChatCompletionListParams",
    "ChatCompletionParseParams",
    "ChatCompletionUpdateParams",
    "MessageListParams",
]

Message = Mapping[str, Any]
Metadata = Mapping[str, str]


class ChatCompletionParseParams(RequestOptions, total=False):
    """``chat.completions.parse`` and ``.stream`` (``response_format`` is their own
    parameter: a class, or a dict as for ``create``)."""

    messages: Required[Iterable[Message]]
    model: str
    audio: Optional[Mapping[str, Any]]
    frequency_penalty: Optional[float]
    function_call: Union[str, Mapping[str, Any]]
    functions: Iterable[Mapping[str, Any]]
    logit_bias: Optional[Dict[str, int]]
    logprobs: Optional[bool]
    max_completion_tokens: Optional[int]
    max_tokens: Optional[int]
    metadata: Optional[Metadata]
    modalities: Optional[List[Literal["text", "audio"]]]
    n: Optional[int]
    parallel_tool_calls: bool
    prediction: Optional[Mapping[str, Any]]
    presence_penalty: Optional[float]
    prompt_cache_key: str
    prompt_cache_retention: Optional[Literal["in-memory", "24h"]]
    reasoning_effort: Optional[Literal["none", "minimal", "low", "medium", "high", "xhigh"]]
    safety_identifier: str
    seed: Optional[int]
    service_tier: Optional[Literal["auto", "default", "flex", "scale", "priority"]]
    stop: Union[Optional[str], List[str], None]
    store: Optional[bool]
    stream_options: Optional[Mapping[str, Any]]
    temperature: Optional[float]
    tool_choice: Union[str, Mapping[str, Any]]
    tools: Iterable[Mapping[str, Any]]
    top_logprobs: Optional[int]
    top_p: Optional[float]
    user: str
    verbosity: Optional[Literal["low", "medium", "high"]]
    web_search_options: Mapping[str, Any]


class ChatCompletionCreateParams(ChatCompletionParseParams, total=False):
    """``POST /chat/completions`` (``stream`` is the method's own parameter)."""

    response_format: Mapping[str, Any]


# What the official SDK's create() names; it takes the rest as free keywords, which
# override extra_body (ours are typed, but keep that precedence on the wire).
CREATE_NAMED = frozenset(
    (
        "messages",
        "model",
        "temperature",
        "max_tokens",
        "top_p",
        "audio",
        "max_completion_tokens",
        "metadata",
        "modalities",
        "prediction",
        "reasoning_effort",
        "store",
    )
)
CREATE_LATE = frozenset(ChatCompletionCreateParams.__annotations__).difference(
    CREATE_NAMED, RequestOptions.__annotations__
)


class ChatCompletionListParams(RequestOptions, total=False):
    """``GET /chat/completions``: the stored completions (``store=True``)."""

    after: str
    limit: int
    metadata: Optional[Metadata]
    model: str
    order: Literal["asc", "desc"]


class ChatCompletionUpdateParams(RequestOptions, total=False):
    """``POST /chat/completions/{completion_id}``."""

    metadata: Optional[Metadata]


class MessageListParams(RequestOptions, total=False):
    """``GET /chat/completions/{completion_id}/messages``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]
