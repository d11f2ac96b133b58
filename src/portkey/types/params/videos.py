"""Parameters of ``videos``."""

from typing import Any, Mapping, Union

from typing_extensions import Literal, Required

from ..._multipart import FileInput
from ..._progress import OnProgress
from ..._types import RequestOptions

__all__ = [
    "VideoCharacterCreateParams",
    "VideoCreateAndPollParams",
    "VideoCreateParams",
    "VideoDownloadContentParams",
    "VideoEditParams",
    "VideoExtendParams",
    "VideoListParams",
    "VideoPollParams",
    "VideoRemixParams",
]

# A file to upload, or a reference to one (``{"image_url": ...}``, ``{"id": "video_..."}``).
VideoReference = Union[FileInput, Mapping[str, Any]]


class VideoCreateParams(RequestOptions, total=False):
    """``POST /videos`` (a multipart form)."""

    prompt: Required[str]
    input_reference: VideoReference
    model: str
    seconds: Literal["4", "8", "12"]
    size: Literal["720x1280", "1280x720", "1024x1792", "1792x1024"]
    on_progress: OnProgress


class VideoPollParams(RequestOptions, total=False):
    """``videos.poll``: milliseconds between looks (else the server's hint, else 1 s)."""

    poll_interval_ms: int


class VideoCreateAndPollParams(VideoCreateParams, total=False):
    """``videos.create_and_poll``."""

    poll_interval_ms: int


class VideoListParams(RequestOptions, total=False):
    """``GET /videos``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]


class VideoCharacterCreateParams(RequestOptions, total=False):
    """``POST /videos/characters`` (a multipart form)."""

    name: Required[str]
    video: Required[FileInput]
    on_progress: OnProgress


class VideoDownloadContentParams(RequestOptions, total=False):
    """``GET /videos/{video_id}/content``."""

    variant: Literal["video", "thumbnail", "spritesheet"]


class VideoEditParams(RequestOptions, total=False):
    """``POST /videos/edits`` (a multipart form)."""

    prompt: Required[str]
    video: Required[VideoReference]
    on_progress: OnProgress


class VideoExtendParams(RequestOptions, total=False):
    """``POST /videos/extensions`` (a multipart form)."""

    prompt: Required[str]
    seconds: Required[Literal["4", "8", "12", "16", "20"]]
    video: Required[VideoReference]
    on_progress: OnProgress


class VideoRemixParams(RequestOptions, total=False):
    """``POST /videos/{video_id}/remix``."""

    prompt: Required[str]
