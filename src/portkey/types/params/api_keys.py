"""Parameters of ``/api-keys`` (a Portkey route), as the official SDK takes them.

``rate_limits`` is a list of ``{"type": "requests" | "tokens", "unit": "rpm" | ..., "value":
100}``; ``usage_limits`` is ``{"type": "cost" | "tokens", "credit_limit": ..., "alert_threshold":
..., "periodic_reset": "monthly" | "weekly"}``; ``defaults`` may hold ``metadata``,
``config_id`` and ``allow_config_override``; ``rotation_policy`` is ``{"rotation_period":
"weekly" | "monthly", "next_rotation_at": ..., "key_transition_period_ms": ...}``.
"""

from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from ..._types import RequestOptions

__all__ = [
    "ApiKeyCreateParams",
    "ApiKeyListParams",
    "ApiKeyRotateParams",
    "ApiKeyUpdateParams",
]


class ApiKeyCreateParams(RequestOptions, total=False):
    """``POST /api-keys/{type}/{sub-type}`` (``type`` and ``sub_type`` are the method's own
    parameters); ``user_id`` is needed for a ``user`` key. The API needs ``name`` and
    ``scopes``; as the official SDK, the call sends what it is given."""

    name: str
    description: str
    workspace_id: str
    user_id: str
    rate_limits: Optional[Iterable[Mapping[str, Any]]]
    usage_limits: Mapping[str, Any]
    scopes: Sequence[str]
    defaults: Mapping[str, Any]
    expires_at: Optional[str]  # ISO 8601
    organisation_id: str
    alert_emails: Sequence[str]
    rotation_policy: Optional[Mapping[str, Any]]


class ApiKeyListParams(RequestOptions, total=False):
    """``GET /api-keys`` (``current_page`` always sent, 0 unless given)."""

    page_size: Union[int, str]
    current_page: Optional[int]
    workspace_id: str


class ApiKeyUpdateParams(RequestOptions, total=False):
    """``PUT /api-keys/{id}`` (the official sends ``id`` in the body too); ``reset_usage=True``
    resets the key's usage (an exhausted key becomes active)."""

    name: str
    description: str
    rate_limits: Optional[Iterable[Mapping[str, Any]]]
    usage_limits: Mapping[str, Any]
    scopes: Sequence[str]
    defaults: Mapping[str, Any]
    expires_at: Optional[str]  # ISO 8601
    reset_usage: bool
    alert_emails: Sequence[str]
    rotation_policy: Optional[Mapping[str, Any]]


class ApiKeyRotateParams(RequestOptions, total=False):
    """``POST /api-keys/{id}/rotate``: how long the previous key stays valid (at least
    1800000 ms; the server's default otherwise)."""

    key_transition_period_ms: int
