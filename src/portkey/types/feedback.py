"""Feedback types (``/feedback``, a Portkey route)."""

from __future__ import annotations

from typing import List, Optional

import attrs

from .._models import BaseModel

__all__ = ["FeedbackResponse"]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class FeedbackResponse(BaseModel):
    """The answer to a feedback call; other fields the server sends are kept."""

    status: Optional[str] = None
    message: Optional[str] = None
    feedback_ids: Optional[List[str]] = None
