"""Model types (``/models``)."""

from __future__ import annotations

from typing import List, Optional

import attrs

from .._models import BaseModel

__all__ = ["Model", "ModelDeleted", "ModelList"]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Model(BaseModel):
    """A model the gateway (or its provider) offers; other fields the server sends are kept."""

    id: Optional[str] = None
    object: Optional[str] = None
    created: Optional[int] = None
    owned_by: Optional[str] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ModelList(BaseModel):
    """The answer to ``models.list()`` (``object`` is ``"list"``); the models are in ``data``."""

    object: Optional[str] = None
    data: Optional[List[Model]] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ModelDeleted(BaseModel):
    id: Optional[str] = None
    object: Optional[str] = None
    deleted: Optional[bool] = None
