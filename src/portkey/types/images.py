"""Image types (``/images/generations``)."""

from __future__ import annotations

from typing import List, Optional

import attrs

from .._models import BaseModel

__all__ = [
    "Image",
    "ImagesResponse",
    "Usage",
    "UsageInputTokensDetails",
    "UsageOutputTokensDetails",
]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Image(BaseModel):
    """One generated image: a ``url`` or, with ``response_format="b64_json"``, ``b64_json``."""

    url: Optional[str] = None
    b64_json: Optional[str] = None
    revised_prompt: Optional[str] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class UsageInputTokensDetails(BaseModel):
    image_tokens: Optional[int] = None
    text_tokens: Optional[int] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class UsageOutputTokensDetails(BaseModel):
    image_tokens: Optional[int] = None
    text_tokens: Optional[int] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Usage(BaseModel):
    """The token usage of the GPT image models (``usage`` of an images answer)."""

    input_tokens: Optional[int] = None
    input_tokens_details: Optional[UsageInputTokensDetails] = None
    output_tokens: Optional[int] = None
    output_tokens_details: Optional[UsageOutputTokensDetails] = None
    total_tokens: Optional[int] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ImagesResponse(BaseModel):
    """Other fields the server sends (``background``, ``output_format``, ...) are kept."""

    created: Optional[int] = None
    data: Optional[List[Image]] = None
    usage: Optional[Usage] = None
