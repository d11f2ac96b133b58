"""Moderation types (``/moderations``)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import attrs

from .._models import BaseModel

__all__ = ["Moderation", "ModerationCreateResponse"]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Moderation(BaseModel):
    """The verdict on one input. The category maps keep the wire's keys as they are
    (``"hate/threatening"``, ``"self-harm"``, ...): ``categories["hate/threatening"]``."""

    flagged: Optional[bool] = None
    categories: Optional[Dict[str, Any]] = None
    category_scores: Optional[Dict[str, Any]] = None
    category_applied_input_types: Optional[Dict[str, Any]] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ModerationCreateResponse(BaseModel):
    id: Optional[str] = None
    model: Optional[str] = None
    results: Optional[List[Moderation]] = None
