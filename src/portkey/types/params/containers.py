"""Parameters of ``containers`` (and their files)."""

from typing import Any, Iterable, List, Mapping

from typing_extensions import Literal, Required

from ..._multipart import FileInput
from ..._progress import OnProgress
from ..._types import RequestOptions

__all__ = [
    "ContainerCreateParams",
    "ContainerFileCreateParams",
    "ContainerFileListParams",
    "ContainerListParams",
]


class ContainerCreateParams(RequestOptions, total=False):
    """``POST /containers``."""

    name: Required[str]
    expires_after: Mapping[str, Any]
    file_ids: List[str]
    memory_limit: Literal["1g", "4g", "16g", "64g"]
    network_policy: Mapping[str, Any]
    skills: Iterable[Mapping[str, Any]]


class ContainerListParams(RequestOptions, total=False):
    """``GET /containers``."""

    after: str
    limit: int
    name: str
    order: Literal["asc", "desc"]


class ContainerFileCreateParams(RequestOptions, total=False):
    """``POST /containers/{container_id}/files``: a ``file`` to upload (a multipart form) or
    the ``file_id`` of an uploaded one (JSON)."""

    file: FileInput
    file_id: str
    on_progress: OnProgress


class ContainerFileListParams(RequestOptions, total=False):
    """``GET /containers/{container_id}/files``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]
