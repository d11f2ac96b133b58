"""``/videos``: video generation jobs (create, remix, edit, extend, retrieve, list, delete,
download a variant), characters, and waiting until a job settles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Mapping

from typing_extensions import Unpack

from .._binary import BinaryResponse
from .._types import NOT_GIVEN, RequestOptions
from ..types.params.videos import (
    VideoCharacterCreateParams,
    VideoCreateAndPollParams,
    VideoCreateParams,
    VideoDownloadContentParams,
    VideoEditParams,
    VideoExtendParams,
    VideoListParams,
    VideoPollParams,
    VideoRemixParams,
)
from ..types.videos import Video, VideoCreateCharacterResponse, VideoDeleteResponse
from ._base import APIResource, Endpoint

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage

__all__ = ["AsyncVideos", "Videos"]

# The create, edit and extend calls are multipart forms even without a file (as openai-python).
# A reference given as a dict ({"image_url": ...}, {"id": ...}) instead of a file goes as the
# spec's JSON body of the same route (openai-python refuses a dict there).
_create: Endpoint[Video] = Endpoint(
    "POST", "/videos", Video, params=VideoCreateParams, files=("input_reference",)
)
_create_json: Endpoint[Video] = Endpoint("POST", "/videos", Video, params=VideoCreateParams)
_retrieve: Endpoint[Video] = Endpoint("GET", "/videos/{video_id}", Video)
_list: Endpoint[Any] = Endpoint("GET", "/videos", object, params=VideoListParams, item=Video)
_delete: Endpoint[VideoDeleteResponse] = Endpoint(
    "DELETE", "/videos/{video_id}", VideoDeleteResponse
)
_create_character: Endpoint[VideoCreateCharacterResponse] = Endpoint(
    "POST",
    "/videos/characters",
    VideoCreateCharacterResponse,
    params=VideoCharacterCreateParams,
    files=("video",),
)
_get_character: Endpoint[VideoCreateCharacterResponse] = Endpoint(
    "GET", "/videos/characters/{character_id}", VideoCreateCharacterResponse
)
_download_content: Endpoint[BinaryResponse] = Endpoint(
    "GET",
    "/videos/{video_id}/content",
    BinaryResponse,
    params=VideoDownloadContentParams,
    headers={"Accept": "application/binary"},
)
_edit: Endpoint[Video] = Endpoint(
    "POST", "/videos/edits", Video, params=VideoEditParams, files=("video",)
)
_edit_json: Endpoint[Video] = Endpoint("POST", "/videos/edits", Video, params=VideoEditParams)
_extend: Endpoint[Video] = Endpoint(
    "POST", "/videos/extensions", Video, params=VideoExtendParams, files=("video",)
)
_extend_json: Endpoint[Video] = Endpoint(
    "POST", "/videos/extensions", Video, params=VideoExtendParams
)
_remix: Endpoint[Video] = Endpoint(
    "POST", "/videos/{video_id}/remix", Video, params=VideoRemixParams
)

# The statuses of a job still running (openai-python's videos.poll).
_PENDING = frozenset(("queued", "in_progress"))


def _form(
    params: Mapping[str, Any], name: str, upload: Endpoint[Video], json: Endpoint[Video]
) -> Endpoint[Video]:
    """``upload`` when ``params[name]`` is a file (or absent), ``json`` for a reference."""
    return json if isinstance(params.get(name), Mapping) else upload


def _pending(video: Video) -> bool:
    return video.status in _PENDING


def _look(options: Mapping[str, Any], headers: Dict[str, str]) -> Dict[str, Any]:
    """One look's call options: the caller's, with the polling headers over its own."""
    return {**options, "extra_headers": {**(options.get("extra_headers") or {}), **headers}}


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncVideos(APIResource):
    async def create(self, **params: Unpack[VideoCreateParams]) -> Video:
        """Start a video job from a ``prompt`` (``input_reference``: an image or video to
        upload, or a reference such as ``{"image_url": ...}``)."""
        return await self._call(_form(params, "input_reference", _create, _create_json), locals())

    async def create_and_poll(self, **params: Unpack[VideoCreateAndPollParams]) -> Video:
        """Start a video job and wait until it is completed or failed (``poll``)."""
        interval = params.pop("poll_interval_ms", NOT_GIVEN)
        video = await self.create(**params)  # type: ignore[misc]
        return await self.poll(video.id, poll_interval_ms=interval)  # type: ignore[arg-type]

    async def poll(self, video_id: str, **params: Unpack[VideoPollParams]) -> Video:
        """Look at a video job until it is completed or failed, every ``poll_interval_ms``
        (else as the server says, else each second); a failed job is returned, not raised."""
        interval = params.pop("poll_interval_ms", NOT_GIVEN)
        return await self._client._poll(
            lambda headers: self.with_raw_response.retrieve(video_id, **_look(params, headers)),
            _pending,
            interval,
        )

    async def retrieve(self, video_id: str, **params: Unpack[RequestOptions]) -> Video:
        """A video job."""
        return await self._call(_retrieve, locals())

    def list(self, **params: Unpack[VideoListParams]) -> AsyncPaginator[Video]:
        """The video jobs, page by page."""
        return self._list(_list, locals())

    async def delete(self, video_id: str, **params: Unpack[RequestOptions]) -> VideoDeleteResponse:
        """Delete a video."""
        return await self._call(_delete, locals())

    async def create_character(
        self, **params: Unpack[VideoCharacterCreateParams]
    ) -> VideoCreateCharacterResponse:
        """Create a character (``name``) from an uploaded ``video``."""
        return await self._call(_create_character, locals())

    async def download_content(
        self, video_id: str, **params: Unpack[VideoDownloadContentParams]
    ) -> BinaryResponse:
        """A video's ``variant`` (the MP4 by default, ``thumbnail`` or ``spritesheet``):
        ``.content``, ``.write_to_file(path)``; for a large file use
        ``with_streaming_response.download_content(...)``."""
        return await self._call(_download_content, locals())

    async def edit(self, **params: Unpack[VideoEditParams]) -> Video:
        """Edit a ``video`` (a reference ``{"id": ...}`` or an upload) by a ``prompt``."""
        return await self._call(_form(params, "video", _edit, _edit_json), locals())

    async def extend(self, **params: Unpack[VideoExtendParams]) -> Video:
        """Extend a ``video`` by ``seconds`` directed by a ``prompt``."""
        return await self._call(_form(params, "video", _extend, _extend_json), locals())

    async def get_character(
        self, character_id: str, **params: Unpack[RequestOptions]
    ) -> VideoCreateCharacterResponse:
        """A character."""
        return await self._call(_get_character, locals())

    async def remix(self, video_id: str, **params: Unpack[VideoRemixParams]) -> Video:
        """Remix a completed video with a new ``prompt``."""
        return await self._call(_remix, locals())


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class Videos(APIResource):
    def create(self, **params: Unpack[VideoCreateParams]) -> Video:
        """Start a video job from a ``prompt`` (``input_reference``: an image or video to
        upload, or a reference such as ``{"image_url": ...}``)."""
        return self._call(_form(params, "input_reference", _create, _create_json), locals())

    def create_and_poll(self, **params: Unpack[VideoCreateAndPollParams]) -> Video:
        """Start a video job and wait until it is completed or failed (``poll``)."""
        interval = params.pop("poll_interval_ms", NOT_GIVEN)
        video = self.create(**params)  # type: ignore[misc]
        return self.poll(video.id, poll_interval_ms=interval)  # type: ignore[arg-type]

    def poll(self, video_id: str, **params: Unpack[VideoPollParams]) -> Video:
        """Look at a video job until it is completed or failed, every ``poll_interval_ms``
        (else as the server says, else each second); a failed job is returned, not raised."""
        interval = params.pop("poll_interval_ms", NOT_GIVEN)
        return self._client._poll(
            lambda headers: self.with_raw_response.retrieve(video_id, **_look(params, headers)),
            _pending,
            interval,
        )

    def retrieve(self, video_id: str, **params: Unpack[RequestOptions]) -> Video:
        """A video job."""
        return self._call(_retrieve, locals())

    def list(self, **params: Unpack[VideoListParams]) -> SyncPage[Video]:
        """The video jobs, page by page."""
        return self._list(_list, locals())

    def delete(self, video_id: str, **params: Unpack[RequestOptions]) -> VideoDeleteResponse:
        """Delete a video."""
        return self._call(_delete, locals())

    def create_character(
        self, **params: Unpack[VideoCharacterCreateParams]
    ) -> VideoCreateCharacterResponse:
        """Create a character (``name``) from an uploaded ``video``."""
        return self._call(_create_character, locals())

    def download_content(
        self, video_id: str, **params: Unpack[VideoDownloadContentParams]
    ) -> BinaryResponse:
        """A video's ``variant`` (the MP4 by default, ``thumbnail`` or ``spritesheet``):
        ``.content``, ``.write_to_file(path)``; for a large file use
        ``with_streaming_response.download_content(...)``."""
        return self._call(_download_content, locals())

    def edit(self, **params: Unpack[VideoEditParams]) -> Video:
        """Edit a ``video`` (a reference ``{"id": ...}`` or an upload) by a ``prompt``."""
        return self._call(_form(params, "video", _edit, _edit_json), locals())

    def extend(self, **params: Unpack[VideoExtendParams]) -> Video:
        """Extend a ``video`` by ``seconds`` directed by a ``prompt``."""
        return self._call(_form(params, "video", _extend, _extend_json), locals())

    def get_character(
        self, character_id: str, **params: Unpack[RequestOptions]
    ) -> VideoCreateCharacterResponse:
        """A character."""
        return self._call(_get_character, locals())

    def remix(self, video_id: str, **params: Unpack[VideoRemixParams]) -> Video:
        """Remix a completed video with a new ``prompt``."""
        return self._call(_remix, locals())
