"""Parameters of ``/providers`` (a Portkey route). ``workspace_id`` is needed with an
organisation admin key; on ``retrieve``, ``update`` and ``delete`` it goes in the query, as the
official SDK sends it."""

from typing import Any, Mapping, Optional

from typing_extensions import Required

from ..._types import RequestOptions

__all__ = [
    "ProviderCreateParams",
    "ProviderDeleteParams",
    "ProviderListParams",
    "ProviderRetrieveParams",
    "ProviderUpdateParams",
]


class ProviderCreateParams(RequestOptions, total=False):
    """``POST /providers``: a provider (an AI provider key of a workspace) made from the
    integration ``integration_id`` (its slug)."""

    name: Required[str]
    integration_id: Required[str]
    workspace_id: str
    slug: str
    note: Optional[str]
    usage_limits: Mapping[str, Any]
    rate_limits: Mapping[str, Any]
    expires_at: str


class ProviderListParams(RequestOptions, total=False):
    """``GET /providers``: ``current_page`` (from 0) and ``page_size`` are always sent (0 and
    50 unless given), as the official SDK does."""

    current_page: int
    page_size: int
    workspace_id: str


class ProviderRetrieveParams(RequestOptions, total=False):
    """``GET /providers/{slug}``."""

    workspace_id: str


class ProviderUpdateParams(RequestOptions, total=False):
    """``PUT /providers/{slug}``; ``reset_usage=True`` sets the usage back to 0."""

    workspace_id: str
    name: str
    note: str
    usage_limits: Optional[Mapping[str, Any]]
    rate_limits: Mapping[str, Any]
    expires_at: Optional[str]
    reset_usage: bool


class ProviderDeleteParams(RequestOptions, total=False):
    """``DELETE /providers/{slug}``."""

    workspace_id: str
