"""``/fine_tuning``: jobs (create, list, cancel, pause, resume, events, checkpoints),
checkpoint permissions, and the alpha graders."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from typing_extensions import Unpack

from .._types import RequestOptions
from ..types.fine_tuning import (
    FineTuningJob,
    FineTuningJobCheckpoint,
    FineTuningJobEvent,
    GraderRunResponse,
    GraderValidateResponse,
    PermissionCreateResponse,
    PermissionDeleteResponse,
    PermissionRetrieveResponse,
)
from ..types.params.fine_tuning import (
    CheckpointListParams,
    GraderRunParams,
    GraderValidateParams,
    JobCreateParams,
    JobListEventsParams,
    JobListParams,
    PermissionCreateParams,
    PermissionListParams,
)
from ._base import APIResource, Endpoint, subresource

if TYPE_CHECKING:
    from .._pagination import AsyncPage, AsyncPaginator, SyncPage

__all__ = [
    "Alpha",
    "AsyncAlpha",
    "AsyncCheckpoints",
    "AsyncFineTuning",
    "AsyncFineTuningCheckpoints",
    "AsyncGraders",
    "AsyncJobs",
    "AsyncPermissions",
    "Checkpoints",
    "FineTuning",
    "FineTuningCheckpoints",
    "Graders",
    "Jobs",
    "Permissions",
]

_JOB = "/fine_tuning/jobs/{fine_tuning_job_id}"
_PERMISSIONS = "/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions"

_job_create: Endpoint[FineTuningJob] = Endpoint(
    "POST",
    "/fine_tuning/jobs",
    FineTuningJob,
    params=JobCreateParams,
    late=("metadata",),  # a free keyword of the official's jobs.create
)
_job_retrieve: Endpoint[FineTuningJob] = Endpoint("GET", _JOB, FineTuningJob)
_job_list: Endpoint[Any] = Endpoint(
    "GET", "/fine_tuning/jobs", object, params=JobListParams, item=FineTuningJob
)
_job_cancel: Endpoint[FineTuningJob] = Endpoint("POST", _JOB + "/cancel", FineTuningJob)
_job_pause: Endpoint[FineTuningJob] = Endpoint("POST", _JOB + "/pause", FineTuningJob)
_job_resume: Endpoint[FineTuningJob] = Endpoint("POST", _JOB + "/resume", FineTuningJob)
_job_events: Endpoint[Any] = Endpoint(
    "GET", _JOB + "/events", object, params=JobListEventsParams, item=FineTuningJobEvent
)
_checkpoint_list: Endpoint[Any] = Endpoint(
    "GET",
    _JOB + "/checkpoints",
    object,
    params=CheckpointListParams,
    item=FineTuningJobCheckpoint,
)
# permissions.create answers with the list of the permissions made (one page).
_permission_create: Endpoint[Any] = Endpoint(
    "POST",
    _PERMISSIONS,
    object,
    params=PermissionCreateParams,
    item=PermissionCreateResponse,
    page="single",
)
_permission_retrieve: Endpoint[PermissionRetrieveResponse] = Endpoint(
    "GET", _PERMISSIONS, PermissionRetrieveResponse, params=PermissionListParams
)
_permission_list: Endpoint[Any] = Endpoint(
    "GET", _PERMISSIONS, object, params=PermissionListParams, item=PermissionCreateResponse
)
# body=True: the official sends {} with its DELETEs (its extra_body is never None).
_permission_delete: Endpoint[PermissionDeleteResponse] = Endpoint(
    "DELETE", _PERMISSIONS + "/{permission_id}", PermissionDeleteResponse, body=True
)
_grader_run: Endpoint[GraderRunResponse] = Endpoint(
    "POST", "/fine_tuning/alpha/graders/run", GraderRunResponse, params=GraderRunParams
)
_grader_validate: Endpoint[GraderValidateResponse] = Endpoint(
    "POST",
    "/fine_tuning/alpha/graders/validate",
    GraderValidateResponse,
    params=GraderValidateParams,
)


def _deprecated() -> None:
    warnings.warn(
        "Retrieve is deprecated. Please swap to the paginated list method instead.",
        DeprecationWarning,
        stacklevel=3,
    )


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncCheckpoints(APIResource):
    def list(
        self, fine_tuning_job_id: str, **params: Unpack[CheckpointListParams]
    ) -> AsyncPaginator[FineTuningJobCheckpoint]:
        """The checkpoints of a job, page by page."""
        return self._list(_checkpoint_list, locals())


class AsyncJobs(APIResource):
    checkpoints = subresource(AsyncCheckpoints)

    async def create(self, **params: Unpack[JobCreateParams]) -> FineTuningJob:
        """Start a job fine-tuning ``model`` on ``training_file`` (``method``: supervised, dpo
        or reinforcement, with its hyperparameters)."""
        return await self._call(_job_create, locals())

    async def retrieve(
        self, fine_tuning_job_id: str, **params: Unpack[RequestOptions]
    ) -> FineTuningJob:
        """A job by id."""
        return await self._call(_job_retrieve, locals())

    def list(self, **params: Unpack[JobListParams]) -> AsyncPaginator[FineTuningJob]:
        """The organization's jobs, page by page."""
        return self._list(_job_list, locals())

    async def cancel(
        self, fine_tuning_job_id: str, **params: Unpack[RequestOptions]
    ) -> FineTuningJob:
        """Cancel a job."""
        return await self._call(_job_cancel, locals())

    async def pause(
        self, fine_tuning_job_id: str, **params: Unpack[RequestOptions]
    ) -> FineTuningJob:
        """Pause a running job."""
        return await self._call(_job_pause, locals())

    async def resume(
        self, fine_tuning_job_id: str, **params: Unpack[RequestOptions]
    ) -> FineTuningJob:
        """Resume a paused job."""
        return await self._call(_job_resume, locals())

    def list_events(
        self, fine_tuning_job_id: str, **params: Unpack[JobListEventsParams]
    ) -> AsyncPaginator[FineTuningJobEvent]:
        """The status events of a job, page by page."""
        return self._list(_job_events, locals())


class AsyncPermissions(APIResource):
    async def create(
        self, fine_tuned_model_checkpoint: str, **params: Unpack[PermissionCreateParams]
    ) -> AsyncPage[PermissionCreateResponse]:
        """Share a checkpoint with ``project_ids``; the answer lists the permissions made."""
        return await self._list(_permission_create, locals())

    async def retrieve(
        self, fine_tuned_model_checkpoint: str, **params: Unpack[PermissionListParams]
    ) -> PermissionRetrieveResponse:
        """Deprecated: the permissions of a checkpoint as one object; use ``list``."""
        _deprecated()
        return await self._call(_permission_retrieve, locals())

    def list(
        self, fine_tuned_model_checkpoint: str, **params: Unpack[PermissionListParams]
    ) -> AsyncPaginator[PermissionCreateResponse]:
        """The permissions of a checkpoint, page by page."""
        return self._list(_permission_list, locals())

    async def delete(
        self,
        permission_id: str,
        *,
        fine_tuned_model_checkpoint: str,
        **params: Unpack[RequestOptions],
    ) -> PermissionDeleteResponse:
        """Take a permission off a checkpoint."""
        return await self._call(_permission_delete, locals())


class AsyncFineTuningCheckpoints(APIResource):
    permissions = subresource(AsyncPermissions)


class AsyncGraders(APIResource):
    async def run(self, **params: Unpack[GraderRunParams]) -> GraderRunResponse:
        """Grade ``model_sample`` (and ``item``) with ``grader``."""
        return await self._call(_grader_run, locals())

    async def validate(self, **params: Unpack[GraderValidateParams]) -> GraderValidateResponse:
        """Check a grader's definition."""
        return await self._call(_grader_validate, locals())


class AsyncAlpha(APIResource):
    graders = subresource(AsyncGraders)


class AsyncFineTuning(APIResource):
    jobs = subresource(AsyncJobs)
    checkpoints = subresource(AsyncFineTuningCheckpoints)
    alpha = subresource(AsyncAlpha)


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class Checkpoints(APIResource):
    def list(
        self, fine_tuning_job_id: str, **params: Unpack[CheckpointListParams]
    ) -> SyncPage[FineTuningJobCheckpoint]:
        """The checkpoints of a job, page by page."""
        return self._list(_checkpoint_list, locals())


class Jobs(APIResource):
    checkpoints = subresource(Checkpoints)

    def create(self, **params: Unpack[JobCreateParams]) -> FineTuningJob:
        """Start a job fine-tuning ``model`` on ``training_file`` (``method``: supervised, dpo
        or reinforcement, with its hyperparameters)."""
        return self._call(_job_create, locals())

    def retrieve(self, fine_tuning_job_id: str, **params: Unpack[RequestOptions]) -> FineTuningJob:
        """A job by id."""
        return self._call(_job_retrieve, locals())

    def list(self, **params: Unpack[JobListParams]) -> SyncPage[FineTuningJob]:
        """The organization's jobs, page by page."""
        return self._list(_job_list, locals())

    def cancel(self, fine_tuning_job_id: str, **params: Unpack[RequestOptions]) -> FineTuningJob:
        """Cancel a job."""
        return self._call(_job_cancel, locals())

    def pause(self, fine_tuning_job_id: str, **params: Unpack[RequestOptions]) -> FineTuningJob:
        """Pause a running job."""
        return self._call(_job_pause, locals())

    def resume(self, fine_tuning_job_id: str, **params: Unpack[RequestOptions]) -> FineTuningJob:
        """Resume a paused job."""
        return self._call(_job_resume, locals())

    def list_events(
        self, fine_tuning_job_id: str, **params: Unpack[JobListEventsParams]
    ) -> SyncPage[FineTuningJobEvent]:
        """The status events of a job, page by page."""
        return self._list(_job_events, locals())


class Permissions(APIResource):
    def create(
        self, fine_tuned_model_checkpoint: str, **params: Unpack[PermissionCreateParams]
    ) -> SyncPage[PermissionCreateResponse]:
        """Share a checkpoint with ``project_ids``; the answer lists the permissions made."""
        return self._list(_permission_create, locals())

    def retrieve(
        self, fine_tuned_model_checkpoint: str, **params: Unpack[PermissionListParams]
    ) -> PermissionRetrieveResponse:
        """Deprecated: the permissions of a checkpoint as one object; use ``list``."""
        _deprecated()
        return self._call(_permission_retrieve, locals())

    def list(
        self, fine_tuned_model_checkpoint: str, **params: Unpack[PermissionListParams]
    ) -> SyncPage[PermissionCreateResponse]:
        """The permissions of a checkpoint, page by page."""
        return self._list(_permission_list, locals())

    def delete(
        self,
        permission_id: str,
        *,
        fine_tuned_model_checkpoint: str,
        **params: Unpack[RequestOptions],
    ) -> PermissionDeleteResponse:
        """Take a permission off a checkpoint."""
        return self._call(_permission_delete, locals())


class FineTuningCheckpoints(APIResource):
    permissions = subresource(Permissions)


class Graders(APIResource):
    def run(self, **params: Unpack[GraderRunParams]) -> GraderRunResponse:
        """Grade ``model_sample`` (and ``item``) with ``grader``."""
        return self._call(_grader_run, locals())

    def validate(self, **params: Unpack[GraderValidateParams]) -> GraderValidateResponse:
        """Check a grader's definition."""
        return self._call(_grader_validate, locals())


class Alpha(APIResource):
    graders = subresource(Graders)


class FineTuning(APIResource):
    jobs = subresource(Jobs)
    checkpoints = subresource(FineTuningCheckpoints)
    alpha = subresource(Alpha)
