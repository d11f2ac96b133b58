"""Parameters of ``fine_tuning`` (jobs, checkpoints, permissions, graders)."""

from typing import Any, Dict, Iterable, List, Mapping, Optional

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "CheckpointListParams",
    "GraderRunParams",
    "GraderValidateParams",
    "JobCreateParams",
    "JobListEventsParams",
    "JobListParams",
    "PermissionCreateParams",
    "PermissionListParams",
]


class JobCreateParams(RequestOptions, total=False):
    """``POST /fine_tuning/jobs``. ``method`` is ``{"type": "supervised" | "dpo" |
    "reinforcement", ...}`` with its hyperparameters (and, for reinforcement, a grader)."""

    model: Required[str]
    training_file: Required[str]
    hyperparameters: Mapping[str, Any]
    integrations: Optional[Iterable[Mapping[str, Any]]]
    method: Mapping[str, Any]
    seed: Optional[int]
    suffix: Optional[str]
    validation_file: Optional[str]
    metadata: Optional[Mapping[str, str]]


class JobListParams(RequestOptions, total=False):
    """``GET /fine_tuning/jobs`` (``metadata`` filters: ``metadata[key]=value``)."""

    after: str
    limit: int
    metadata: Optional[Dict[str, str]]


class JobListEventsParams(RequestOptions, total=False):
    """``GET /fine_tuning/jobs/{fine_tuning_job_id}/events``."""

    after: str
    limit: int


class CheckpointListParams(RequestOptions, total=False):
    """``GET /fine_tuning/jobs/{fine_tuning_job_id}/checkpoints``."""

    after: str
    limit: int


class PermissionCreateParams(RequestOptions, total=False):
    """``POST /fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions``."""

    project_ids: Required[List[str]]


class PermissionListParams(RequestOptions, total=False):
    """``GET /fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions``."""

    after: str
    limit: int
    order: Literal["ascending", "descending"]
    project_id: str


class GraderRunParams(RequestOptions, total=False):
    """``POST /fine_tuning/alpha/graders/run``."""

    grader: Required[Mapping[str, Any]]
    model_sample: Required[str]
    item: object


class GraderValidateParams(RequestOptions, total=False):
    """``POST /fine_tuning/alpha/graders/validate``."""

    grader: Required[Mapping[str, Any]]
