"""Parameters of ``/labels`` (a Portkey route): prompt version labels.

``organization_id`` is the official SDK's spelling and is sent as such; the spec spells it
``organisation_id``, which is accepted too (ours) and sent under that name.
"""

from typing_extensions import Required

from ..._types import RequestOptions

__all__ = [
    "LabelCreateParams",
    "LabelListParams",
    "LabelRetrieveParams",
    "LabelUpdateParams",
]


class LabelCreateParams(RequestOptions, total=False):
    """``POST /labels``."""

    name: Required[str]
    organization_id: str
    workspace_id: str
    description: str
    color_code: str
    organisation_id: str


class LabelListParams(RequestOptions, total=False):
    """``GET /labels``: filters and the page (``current_page`` counts from 0); ``search`` is
    ours (the spec's)."""

    organization_id: str
    workspace_id: str
    current_page: int
    page_size: int
    search: str
    organisation_id: str


class LabelRetrieveParams(RequestOptions, total=False):
    """``GET /labels/{label_id}``: the spec's optional scope (ours: the official takes none)."""

    organisation_id: str
    workspace_id: str


class LabelUpdateParams(RequestOptions, total=False):
    """``PUT /labels/{label_id}``."""

    name: str
    description: str
    color_code: str
