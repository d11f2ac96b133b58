"""Parameters of ``/analytics`` (a Portkey route): the filters of graphs, groups and summaries.

Time ranges take a ``datetime`` or an ISO 8601 string (a datetime is sent in ISO 8601); the
spec's comma-separated filters (``virtual_keys``, ``status_code``, ...) take a str or a list
(a list is sent comma-separated); ``metadata`` takes the JSON text or a dict (sent as JSON).

Each ``...Query`` holds the filters the official SDK names, in its order: they lead the query.
The ``...Params`` add the spec's other filters; those, and any keyword neither names, follow in
the order of the call, as the official's ``**kwargs`` do.
"""

from datetime import datetime
from typing import Any, Mapping, Sequence, Union

from typing_extensions import Literal, Required, TypedDict

from ..._types import RequestOptions

__all__ = [
    "AnalyticsGraphParams",
    "AnalyticsGraphQuery",
    "AnalyticsGroupParams",
    "AnalyticsGroupQuery",
    "AnalyticsSummaryParams",
    "AnalyticsSummaryQuery",
    "AnalyticsTimeRange",
    "CommaSeparated",
    "MetadataFilter",
    "StatusCodes",
    "TimeValue",
]

TimeValue = Union[str, datetime]
"""A point in time: an ISO 8601 string, or a ``datetime`` (sent in ISO 8601)."""
CommaSeparated = Union[str, Sequence[str]]
"""``"a,b"`` or ``["a", "b"]`` (a list or tuple is sent comma-separated)."""
StatusCodes = Union[str, int, Sequence[Union[str, int]]]
"""``"401,403"``, ``404`` or ``[401, 403]``."""
MetadataFilter = Union[str, Mapping[str, Any]]
"""Metadata key/value pairs: a dict (sent as JSON text) or the JSON text itself."""


class AnalyticsTimeRange(RequestOptions, total=False):
    """The time range every analytics call requires."""

    time_of_generation_min: Required[TimeValue]
    time_of_generation_max: Required[TimeValue]


class AnalyticsGraphQuery(AnalyticsTimeRange, total=False):
    """The filters the official SDK names for ``/analytics/graphs/*``, in its order."""

    total_units_min: int
    total_units_max: int
    cost_min: float
    cost_max: float
    status_code: StatusCodes
    virtual_keys: CommaSeparated
    configs: CommaSeparated
    workspace_slug: str
    api_key_ids: CommaSeparated
    ai_org_model: CommaSeparated
    prompt_slug: CommaSeparated
    metadata: MetadataFilter
    cache_status: CommaSeparated


class _UnitsAndCost(TypedDict, total=False):
    total_units_min: int
    total_units_max: int
    cost_min: float
    cost_max: float
    status_code: StatusCodes


class _TokensFeedbackTraces(TypedDict, total=False):
    prompt_token_min: int
    prompt_token_max: int
    completion_token_min: int
    completion_token_max: int
    weighted_feedback_min: float
    weighted_feedback_max: float
    trace_id: CommaSeparated
    span_id: CommaSeparated


class AnalyticsGraphParams(AnalyticsGraphQuery, _TokensFeedbackTraces, total=False):
    """``GET /analytics/graphs/*``: the time range (required) and the spec's filters."""


class AnalyticsGroupQuery(AnalyticsTimeRange, total=False):
    """The parameters the official SDK names for ``/analytics/groups/*``, in its order
    (``current_page`` counts from 0)."""

    columns: CommaSeparated
    include_total: bool
    current_page: int
    page_size: int
    order_by: str
    order_by_type: Literal["asc", "desc"]
    virtual_keys: CommaSeparated
    configs: CommaSeparated
    workspace_slug: str
    api_key_ids: CommaSeparated
    ai_org_model: CommaSeparated
    prompt_slug: CommaSeparated
    metadata: MetadataFilter
    cache_status: CommaSeparated


class AnalyticsGroupParams(AnalyticsGroupQuery, _UnitsAndCost, _TokensFeedbackTraces, total=False):
    """``GET /analytics/groups/*``: the time range (required), the page and the filters."""


class AnalyticsSummaryQuery(AnalyticsTimeRange, total=False):
    """The filters the official SDK names for ``/analytics/summary/cache``, in its order."""

    workspace_slug: str


class _SpecFilters(TypedDict, total=False):
    virtual_keys: CommaSeparated
    configs: CommaSeparated
    api_key_ids: CommaSeparated
    metadata: MetadataFilter
    ai_org_model: CommaSeparated
    prompt_slug: CommaSeparated


class AnalyticsSummaryParams(
    AnalyticsSummaryQuery, _UnitsAndCost, _TokensFeedbackTraces, _SpecFilters, total=False
):
    """``GET /analytics/summary/cache``: the time range (required) and the spec's filters."""
