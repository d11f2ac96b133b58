"""Embedding types (``/embeddings``)."""

from __future__ import annotations

from typing import List, Optional, Union

import attrs

from .._models import BaseModel

__all__ = ["CreateEmbeddingResponse", "Embedding", "EmbeddingUsage"]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Embedding(BaseModel):
    """One embedding: a list of floats (a base64 string only when the caller asked for base64)."""

    embedding: Union[List[float], str]
    index: int = 0
    object: Optional[str] = "embedding"


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class EmbeddingUsage(BaseModel):
    prompt_tokens: Optional[int] = None
    total_tokens: Optional[int] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class CreateEmbeddingResponse(BaseModel):
    data: List[Embedding]
    model: Optional[str] = None
    object: Optional[str] = "list"
    usage: Optional[EmbeddingUsage] = None
