"""Parameters of ``/policies`` (a Portkey route; ours: the official SDK has no such calls)."""

from typing import Iterable, Mapping, Optional

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "RateLimitsPolicyCreateParams",
    "RateLimitsPolicyListParams",
    "RateLimitsPolicyRetrieveParams",
    "RateLimitsPolicyUpdateParams",
    "UsageLimitsEntityListParams",
    "UsageLimitsPolicyCreateParams",
    "UsageLimitsPolicyListParams",
    "UsageLimitsPolicyRetrieveParams",
    "UsageLimitsPolicyUpdateParams",
]


class UsageLimitsPolicyCreateParams(RequestOptions, total=False):
    """``POST /policies/usage-limits``: which requests (``conditions``, each ``{"key":
    "workspace_id", "value": ...}``), counted per what (``group_by``, each ``{"key":
    "api_key"}``), and the limit."""

    name: str
    conditions: Required[Iterable[Mapping[str, str]]]
    group_by: Required[Iterable[Mapping[str, str]]]
    type: Required[Literal["cost", "tokens"]]
    credit_limit: Required[float]
    alert_threshold: Optional[float]
    periodic_reset: Optional[Literal["monthly", "weekly"]]
    workspace_id: str
    organisation_id: str


class UsageLimitsPolicyListParams(RequestOptions, total=False):
    """``GET /policies/usage-limits``."""

    workspace_id: str
    status: Literal["active", "archived"]
    type: Literal["cost", "tokens"]
    page_size: int
    current_page: int


class UsageLimitsPolicyRetrieveParams(RequestOptions, total=False):
    """``GET /policies/usage-limits/{policy_id}``."""

    status: Literal["active", "archived"]
    include_usage: bool


class UsageLimitsPolicyUpdateParams(RequestOptions, total=False):
    """``PUT /policies/usage-limits/{policy_id}`` (``periodic_reset=None`` removes it)."""

    name: str
    credit_limit: float
    alert_threshold: Optional[float]
    periodic_reset: Optional[Literal["monthly", "weekly"]]
    reset_usage_for_value: str


class UsageLimitsEntityListParams(RequestOptions, total=False):
    """``GET /policies/usage-limits/{policy_id}/entities``."""

    status: Literal["active", "exhausted"]
    search: str
    page_size: int
    current_page: int


class RateLimitsPolicyCreateParams(RequestOptions, total=False):
    """``POST /policies/rate-limits``: ``value`` requests or tokens per ``unit``."""

    name: str
    conditions: Required[Iterable[Mapping[str, str]]]
    group_by: Required[Iterable[Mapping[str, str]]]
    type: Required[Literal["requests", "tokens"]]
    unit: Required[Literal["rpm", "rph", "rpd"]]
    value: Required[float]
    workspace_id: str
    organisation_id: str


class RateLimitsPolicyListParams(RequestOptions, total=False):
    """``GET /policies/rate-limits``."""

    workspace_id: str
    status: Literal["active", "archived"]
    type: Literal["requests", "tokens"]
    unit: Literal["rpm", "rph", "rpd"]
    page_size: int
    current_page: int


class RateLimitsPolicyRetrieveParams(RequestOptions, total=False):
    """``GET /policies/rate-limits/{policy_id}``."""

    status: Literal["active", "archived"]


class RateLimitsPolicyUpdateParams(RequestOptions, total=False):
    """``PUT /policies/rate-limits/{policy_id}``."""

    name: str
    unit: Literal["rpm", "rph", "rpd"]
    value: float
