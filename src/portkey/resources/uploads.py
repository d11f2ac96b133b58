"""``/uploads``: large files in parts (create, add parts, complete, cancel), and
``upload_file_chunked``, which does all of it: parts read from disk as they are sent, a
bounded number at once, each retried alone, completed in order."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any, List, Optional, Tuple, Union

from typing_extensions import Unpack

from .._multipart import FileRange
from .._progress import OnProgress, Progress
from .._types import NOT_GIVEN, NotGiven, RequestOptions
from ..types.params.files import PartCreateParams, UploadCompleteParams, UploadCreateParams
from ..types.uploads import Upload, UploadPart
from ._base import APIResource, Endpoint, subresource

__all__ = ["AsyncParts", "AsyncUploads", "Parts", "Uploads"]

DEFAULT_PART_SIZE = 64 * 1024 * 1024  # as openai-python
DEFAULT_CONCURRENCY = 3

_create: Endpoint[Upload] = Endpoint(
    "POST", "/uploads", Upload, params=UploadCreateParams, late=("expires_after",)
)
_cancel: Endpoint[Upload] = Endpoint("POST", "/uploads/{upload_id}/cancel", Upload, body=False)
_complete: Endpoint[Upload] = Endpoint(
    "POST", "/uploads/{upload_id}/complete", Upload, params=UploadCompleteParams
)
_part: Endpoint[UploadPart] = Endpoint(
    "POST", "/uploads/{upload_id}/parts", UploadPart, params=PartCreateParams, files=("data",)
)

Source = Union[bytes, "os.PathLike[str]"]


class _Plan:
    """What ``upload_file_chunked`` sends: the file's name and size, and its parts (ranges
    of the file on disk, or slices of the bytes), each read only while it is sent."""

    def __init__(
        self,
        file: Source,
        filename: Optional[str],
        size: Optional[int],
        part_size: Optional[int],
        on_progress: Optional[OnProgress],
    ) -> None:
        if isinstance(file, os.PathLike):
            path = Path(file)
            self.filename = filename or path.name
            self.size = path.stat().st_size if size is None else size  # FileNotFoundError now
        elif isinstance(file, (bytes, bytearray, memoryview)):
            if not filename:
                raise TypeError("The `filename` argument must be given for in-memory files")
            self.filename = filename
            self.size = len(file) if size is None else size
        else:
            raise TypeError(f"file must be a path or bytes, not {type(file).__name__}")
        step = DEFAULT_PART_SIZE if part_size is None else part_size
        if step <= 0:
            raise ValueError(f"part_size must be > 0, not {part_size}")
        self.ranges: List[Tuple[int, int]] = [
            (start, min(step, self.size - start)) for start in range(0, self.size, step)
        ] or [(0, 0)]
        self.file = file
        self.progress = None if on_progress is None else Progress(on_progress, self.size)

    def part(self, index: int) -> Any:
        """Part ``index``'s data: a range of the file (opened when read) or a slice."""
        offset, length = self.ranges[index]
        if isinstance(self.file, os.PathLike):
            return FileRange(self.file, offset, length)
        return memoryview(self.file)[offset : offset + length]

    def done(self, index: int, data: Any) -> None:
        """Part ``index`` is sent (or failed): its file handle closed, progress reported."""
        if isinstance(data, FileRange):
            data.close()
        if self.progress is not None:
            self.progress.advance(self.ranges[index][1])


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncParts(APIResource):
    async def create(self, upload_id: str, **params: Unpack[PartCreateParams]) -> UploadPart:
        """Add a part (``data``: bytes, a binary file object or a path) to an upload."""
        return await self._call(_part, locals())


class AsyncUploads(APIResource):
    parts = subresource(AsyncParts)

    async def create(self, **params: Unpack[UploadCreateParams]) -> Upload:
        """Start an upload of ``bytes`` bytes, to which parts are then added."""
        return await self._call(_create, locals())

    async def complete(self, upload_id: str, **params: Unpack[UploadCompleteParams]) -> Upload:
        """Finish an upload: ``part_ids`` in the order of the file (``md5`` to check it)."""
        return await self._call(_complete, locals())

    async def cancel(self, upload_id: str, **params: Unpack[RequestOptions]) -> Upload:
        """Cancel an upload (no parts may be added after)."""
        return await self._call(_cancel, locals())

    async def upload_file_chunked(
        self,
        *,
        file: Source,
        mime_type: str,
        purpose: str,
        filename: Optional[str] = None,
        bytes: Optional[int] = None,
        part_size: Optional[int] = None,
        md5: Union[str, NotGiven] = NOT_GIVEN,
        max_concurrency: int = DEFAULT_CONCURRENCY,
        on_progress: Optional[OnProgress] = None,
    ) -> Upload:
        """Upload a file (a path, or bytes with a ``filename``) in parts of ``part_size``
        (64 MiB): ``max_concurrency`` parts at a time, each read from disk as it is sent and
        retried alone on failure; then complete with the part ids in order."""
        plan = _Plan(file, filename, bytes, part_size, on_progress)
        upload = await self.create(
            bytes=plan.size, filename=plan.filename, mime_type=mime_type, purpose=purpose
        )
        calls = [partial(self._send_part, upload.id, plan, i) for i in range(len(plan.ranges))]
        parts = await self._client._bounded(calls, max_concurrency)
        if plan.progress is not None:
            plan.progress.finish()
        ids = [part.id for part in parts]
        return await self.complete(upload.id, part_ids=ids, md5=md5)  # type: ignore[arg-type]

    async def _send_part(self, upload_id: str, plan: _Plan, index: int) -> UploadPart:
        data = plan.part(index)
        try:
            part = await self.parts.create(upload_id, data=data)
        finally:
            plan.done(index, data)
        return part


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class Parts(APIResource):
    def create(self, upload_id: str, **params: Unpack[PartCreateParams]) -> UploadPart:
        """Add a part (``data``: bytes, a binary file object or a path) to an upload."""
        return self._call(_part, locals())


class Uploads(APIResource):
    parts = subresource(Parts)

    def create(self, **params: Unpack[UploadCreateParams]) -> Upload:
        """Start an upload of ``bytes`` bytes, to which parts are then added."""
        return self._call(_create, locals())

    def complete(self, upload_id: str, **params: Unpack[UploadCompleteParams]) -> Upload:
        """Finish an upload: ``part_ids`` in the order of the file (``md5`` to check it)."""
        return self._call(_complete, locals())

    def cancel(self, upload_id: str, **params: Unpack[RequestOptions]) -> Upload:
        """Cancel an upload (no parts may be added after)."""
        return self._call(_cancel, locals())

    def upload_file_chunked(
        self,
        *,
        file: Source,
        mime_type: str,
        purpose: str,
        filename: Optional[str] = None,
        bytes: Optional[int] = None,
        part_size: Optional[int] = None,
        md5: Union[str, NotGiven] = NOT_GIVEN,
        max_concurrency: int = DEFAULT_CONCURRENCY,
        on_progress: Optional[OnProgress] = None,
    ) -> Upload:
        """Upload a file (a path, or bytes with a ``filename``) in parts of ``part_size``
        (64 MiB): ``max_concurrency`` parts at a time, each read from disk as it is sent and
        retried alone on failure; then complete with the part ids in order."""
        plan = _Plan(file, filename, bytes, part_size, on_progress)
        upload = self.create(
            bytes=plan.size, filename=plan.filename, mime_type=mime_type, purpose=purpose
        )
        calls = [partial(self._send_part, upload.id, plan, i) for i in range(len(plan.ranges))]
        parts = self._client._bounded(calls, max_concurrency)
        if plan.progress is not None:
            plan.progress.finish()
        ids = [part.id for part in parts]
        return self.complete(upload.id, part_ids=ids, md5=md5)  # type: ignore[arg-type]

    def _send_part(self, upload_id: str, plan: _Plan, index: int) -> UploadPart:
        data = plan.part(index)
        try:
            part = self.parts.create(upload_id, data=data)
        finally:
            plan.done(index, data)
        return part
