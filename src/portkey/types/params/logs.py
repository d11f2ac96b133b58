"""Parameters of ``/logs`` (a Portkey route): custom logs and log exports."""

from typing import Any, Iterable, Mapping, Sequence, Union

from typing_extensions import Literal, Required, TypedDict

from ..._types import RequestOptions

__all__ = [
    "CustomLog",
    "ExportRequestedField",
    "LogCreateParams",
    "LogsExportCreateParams",
    "LogsExportFilters",
    "LogsExportListParams",
    "LogsExportUpdateParams",
]


class CustomLog(TypedDict, total=False):
    """One log entry (the spec's ``CustomLog``): the request made, the response got, and
    metadata (``trace_id``, ``span_id``, ``span_name``, any other key)."""

    request: Required[Mapping[str, Any]]
    response: Required[Mapping[str, Any]]
    metadata: Mapping[str, Any]


class LogCreateParams(RequestOptions, total=False):
    """``POST /logs``: one log as the official SDK takes it (``request``, ``response``,
    ``metadata``; each is sent as given, lists too), or ``logs``, several entries sent as the
    spec's JSON array (ours; alone, without the other three)."""

    request: Union[Mapping[str, Any], Sequence[Mapping[str, Any]]]
    response: Union[Mapping[str, Any], Sequence[Mapping[str, Any]]]
    metadata: Union[Mapping[str, Any], Sequence[Mapping[str, Any]]]
    logs: Iterable[CustomLog]


ExportRequestedField = Literal[
    "id",
    "trace_id",
    "created_at",
    "request",
    "response",
    "is_success",
    "ai_org",
    "ai_model",
    "req_units",
    "res_units",
    "total_units",
    "request_url",
    "cost",
    "cost_currency",
    "response_time",
    "response_status_code",
    "mode",
    "config",
    "prompt_slug",
    "metadata",
]
"""A column an export can hold (the spec's ``LogExportsRequestedData``)."""


class LogsExportFilters(TypedDict, total=False):
    """Which logs an export holds (the spec's ``GenerationsFilterSchema``); times are ISO 8601
    strings."""

    time_of_generation_min: str
    time_of_generation_max: str
    total_units_min: int
    total_units_max: int
    cost_min: float
    cost_max: float
    ai_model: str
    prompt_token_min: int
    prompt_token_max: int
    completion_token_min: int
    completion_token_max: int
    status_code: str
    metadata: Mapping[str, Any]
    ai_org_model: str
    weighted_feedback_min: float
    weighted_feedback_max: float
    virtual_keys: str
    trace_id: str
    configs: str
    workspace_slug: str
    prompt_slug: str
    page_size: int
    current_page: int


class LogsExportCreateParams(RequestOptions, total=False):
    """``POST /logs/exports``: a draft export (start it with ``exports.start``)."""

    filters: Union[LogsExportFilters, Mapping[str, Any]]
    workspace_id: str
    description: str
    requested_data: Sequence[Union[ExportRequestedField, str]]


class LogsExportListParams(RequestOptions, total=False):
    """``GET /logs/exports``."""

    workspace_id: str


class LogsExportUpdateParams(RequestOptions, total=False):
    """``PUT /logs/exports/{export_id}``."""

    workspace_id: str
    filters: Union[LogsExportFilters, Mapping[str, Any]]
    requested_data: Sequence[Union[ExportRequestedField, str]]
