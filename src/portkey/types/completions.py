"""Text completion types (``/completions``), as in OpenAI's API reference.

Fields the API may omit or null are Optional; fields a provider adds are kept (see ``BaseModel``).
A stream of text completions is a stream of ``Completion`` objects, each with a piece of text.
"""

from __future__ import annotations

from typing import Dict, List, Optional

import attrs

from .._models import BaseModel
from .chat import CompletionUsage

__all__ = ["Completion", "CompletionChoice", "CompletionUsage", "Logprobs"]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Logprobs(BaseModel):
    text_offset: Optional[List[int]] = None
    token_logprobs: Optional[List[Optional[float]]] = None
    tokens: Optional[List[str]] = None
    top_logprobs: Optional[List[Optional[Dict[str, float]]]] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class CompletionChoice(BaseModel):
    text: Optional[str] = None
    index: int = 0
    logprobs: Optional[Logprobs] = None
    finish_reason: Optional[str] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Completion(BaseModel):
    """A text completion (``object: "text_completion"``), or one streamed piece of one."""

    choices: List[CompletionChoice] = attrs.field(factory=list)
    id: Optional[str] = None
    object: Optional[str] = "text_completion"
    created: Optional[int] = None
    model: Optional[str] = None
    usage: Optional[CompletionUsage] = None
    system_fingerprint: Optional[str] = None
