"""Parameters of ``files``, ``uploads`` and ``batches``."""

from typing import Any, List, Mapping, Optional

from typing_extensions import Literal, Required

from ..._multipart import FileInput
from ..._progress import OnProgress
from ..._types import RequestOptions

__all__ = [
    "BatchCreateParams",
    "BatchListParams",
    "FileCreateParams",
    "FileListParams",
    "PartCreateParams",
    "UploadCompleteParams",
    "UploadCreateParams",
]


class FileCreateParams(RequestOptions, total=False):
    """``POST /files`` (``file`` and ``purpose`` are the method's own parameters)."""

    expires_after: Mapping[str, Any]
    on_progress: OnProgress


class FileListParams(RequestOptions, total=False):
    """``GET /files``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]
    purpose: str


class UploadCreateParams(RequestOptions, total=False):
    """``POST /uploads``."""

    bytes: Required[int]
    filename: Required[str]
    mime_type: Required[str]
    purpose: Required[str]
    expires_after: Mapping[str, Any]


class UploadCompleteParams(RequestOptions, total=False):
    """``POST /uploads/{upload_id}/complete``: the part ids in order."""

    part_ids: Required[List[str]]
    md5: str


class PartCreateParams(RequestOptions, total=False):
    """``POST /uploads/{upload_id}/parts``."""

    data: Required[FileInput]
    on_progress: OnProgress


class BatchCreateParams(RequestOptions, total=False):
    """``POST /batches``."""

    completion_window: Required[str]
    endpoint: Required[str]
    input_file_id: Required[str]
    metadata: Optional[Mapping[str, str]]
    output_expires_after: Mapping[str, Any]


class BatchListParams(RequestOptions, total=False):
    """``GET /batches``."""

    after: str
    limit: int
