"""Parameters of ``/collections`` (a Portkey route): folders of prompts."""

from ..._types import RequestOptions

__all__ = [
    "CollectionCreateParams",
    "CollectionListParams",
    "CollectionUpdateParams",
]

CollectionCreateParams = RequestOptions
"""``POST /collections``: ``name``, ``workspace_id`` and ``parent_collection_id`` are the
method's own parameters (positional, as in the official SDK)."""


class CollectionListParams(RequestOptions, total=False):
    """``GET /collections``: filters and the page (``current_page`` counts from 0)."""

    workspace_id: str
    current_page: int
    page_size: int
    search: str


class CollectionUpdateParams(RequestOptions, total=False):
    """``PUT /collections/{collection_id}``."""

    name: str
