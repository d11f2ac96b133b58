"""Parameters of Portkey's own routes: ``feedback`` and ``prompts``."""

from typing import Any, Mapping, Union

from typing_extensions import Required

from ..._types import RequestOptions

__all__ = [
    "FeedbackBulkCreateParams",
    "FeedbackCreateParams",
    "FeedbackUpdateParams",
    "PromptCompletionCreateParams",
    "PromptRenderParams",
]


class FeedbackCreateParams(RequestOptions, total=False):
    """``POST /feedback``: feedback on the request traced as ``trace_id``."""

    trace_id: str
    value: int
    weight: float
    metadata: Mapping[str, Any]


FeedbackBulkCreateParams = RequestOptions
"""``POST /feedback`` with a list of feedbacks (the list is the method's own parameter)."""


class FeedbackUpdateParams(RequestOptions, total=False):
    """``PUT /feedback/{feedback_id}``."""

    value: int
    weight: float
    metadata: Mapping[str, Any]


class PromptRenderParams(RequestOptions, total=False):
    """``POST /prompts/{prompt_id}/render``."""

    variables: Required[Mapping[str, Any]]
    stream: bool
    temperature: float
    max_tokens: int
    top_k: int
    top_p: float


class PromptCompletionCreateParams(RequestOptions, total=False):
    """``POST /prompts/{prompt_id}/completions``; ``config`` is sent as this call's
    ``x-portkey-config`` header."""

    variables: Mapping[str, Any]
    config: Union[str, Mapping[str, Any], None]
    temperature: float
    max_tokens: int
    top_k: int
    top_p: float
