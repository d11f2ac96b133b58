"""Parameters of ``responses`` and ``conversations``."""

from typing import Any, Iterable, List, Mapping, Optional, Union

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "ConversationCreateParams",
    "ConversationItemCreateParams",
    "ConversationItemListParams",
    "ConversationItemRetrieveParams",
    "ConversationUpdateParams",
    "InputItemListParams",
    "InputTokenCountParams",
    "ResponseCompactParams",
    "ResponseCreateParams",
    "ResponseRetrieveParams",
]

Item = Mapping[str, Any]  # an input item: a message, a function_call_output, ...
Metadata = Mapping[str, str]
Includable = str  # "file_search_call.results", "reasoning.encrypted_content", ...
Order = Literal["asc", "desc"]


class ResponseCreateParams(RequestOptions, total=False):
    """``POST /responses`` (``stream`` is the method's own parameter)."""

    background: Optional[bool]
    context_management: Optional[Iterable[Mapping[str, Any]]]
    conversation: Union[str, Mapping[str, Any], None]
    include: Optional[List[Includable]]
    input: Union[str, Iterable[Item]]
    instructions: Optional[str]
    max_output_tokens: Optional[int]
    max_tool_calls: Optional[int]
    metadata: Optional[Metadata]
    model: str
    parallel_tool_calls: Optional[bool]
    previous_response_id: Optional[str]
    prompt: Optional[Mapping[str, Any]]
    prompt_cache_key: str
    prompt_cache_retention: Optional[Literal["in-memory", "24h"]]
    reasoning: Optional[Mapping[str, Any]]
    safety_identifier: str
    service_tier: Optional[Literal["auto", "default", "flex", "scale", "priority"]]
    store: Optional[bool]
    stream_options: Optional[Mapping[str, Any]]
    temperature: Optional[float]
    text: Mapping[str, Any]
    tool_choice: Union[str, Mapping[str, Any]]
    tools: Iterable[Mapping[str, Any]]
    top_logprobs: Optional[int]
    top_p: Optional[float]
    truncation: Optional[Literal["auto", "disabled"]]
    user: str


class ResponseRetrieveParams(RequestOptions, total=False):
    """``GET /responses/{response_id}`` (``stream=True`` resumes a background response
    from the event after ``starting_after``)."""

    include: List[Includable]
    include_obfuscation: bool
    starting_after: int


class ResponseCompactParams(RequestOptions, total=False):
    """``POST /responses/compact``."""

    model: Required[Optional[str]]
    input: Union[str, Iterable[Item], None]
    instructions: Optional[str]
    previous_response_id: Optional[str]
    prompt_cache_key: Optional[str]


class InputItemListParams(RequestOptions, total=False):
    """``GET /responses/{response_id}/input_items``."""

    after: str
    include: List[Includable]
    limit: int
    order: Order


class InputTokenCountParams(RequestOptions, total=False):
    """``POST /responses/input_tokens``."""

    conversation: Union[str, Mapping[str, Any], None]
    input: Union[str, Iterable[Item], None]
    instructions: Optional[str]
    model: Optional[str]
    parallel_tool_calls: Optional[bool]
    previous_response_id: Optional[str]
    reasoning: Optional[Mapping[str, Any]]
    text: Optional[Mapping[str, Any]]
    tool_choice: Union[str, Mapping[str, Any], None]
    tools: Optional[Iterable[Mapping[str, Any]]]
    truncation: Literal["auto", "disabled"]


class ConversationCreateParams(RequestOptions, total=False):
    """``POST /conversations``."""

    items: Optional[Iterable[Item]]
    metadata: Optional[Metadata]


class ConversationUpdateParams(RequestOptions, total=False):
    """``POST /conversations/{conversation_id}``."""

    metadata: Required[Optional[Metadata]]


class ConversationItemCreateParams(RequestOptions, total=False):
    """``POST /conversations/{conversation_id}/items`` (``include`` goes in the query)."""

    items: Required[Iterable[Item]]
    include: List[Includable]


class ConversationItemRetrieveParams(RequestOptions, total=False):
    """``GET /conversations/{conversation_id}/items/{item_id}``."""

    include: List[Includable]


class ConversationItemListParams(RequestOptions, total=False):
    """``GET /conversations/{conversation_id}/items``."""

    after: str
    include: List[Includable]
    limit: int
    order: Order
