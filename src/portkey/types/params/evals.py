"""Parameters of ``evals`` (evals, runs, output items)."""

from typing import Any, Iterable, Mapping, Optional

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "EvalCreateParams",
    "EvalListParams",
    "EvalUpdateParams",
    "OutputItemListParams",
    "RunCreateParams",
    "RunListParams",
]


class EvalCreateParams(RequestOptions, total=False):
    """``POST /evals``."""

    data_source_config: Required[Mapping[str, Any]]
    testing_criteria: Required[Iterable[Mapping[str, Any]]]
    metadata: Optional[Mapping[str, str]]
    name: str


class EvalUpdateParams(RequestOptions, total=False):
    """``POST /evals/{eval_id}``."""

    metadata: Optional[Mapping[str, str]]
    name: str


class EvalListParams(RequestOptions, total=False):
    """``GET /evals``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]
    order_by: Literal["created_at", "updated_at"]


class RunCreateParams(RequestOptions, total=False):
    """``POST /evals/{eval_id}/runs``."""

    data_source: Required[Mapping[str, Any]]
    metadata: Optional[Mapping[str, str]]
    name: str


class RunListParams(RequestOptions, total=False):
    """``GET /evals/{eval_id}/runs``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]
    status: Literal["queued", "in_progress", "completed", "canceled", "failed"]


class OutputItemListParams(RequestOptions, total=False):
    """``GET /evals/{eval_id}/runs/{run_id}/output_items``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]
    status: Literal["fail", "pass"]
