"""Image types (``/images/generations``)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import attrs

from .._models import BaseModel

__all__ = ["Image", "ImagesResponse"]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Image(BaseModel):
    """One generated image: a ``url`` or, with ``response_format="b64_json"``, ``b64_json``."""

    url: Optional[str] = None
    b64_json: Optional[str] = None
    revised_prompt: Optional[str] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ImagesResponse(BaseModel):
    """Other fields the server sends (``background``, ``output_format``, ...) are kept."""

    created: Optional[int] = None
    data: Optional[List[Image]] = None
    usage: Optional[Dict[str, Any]] = None
