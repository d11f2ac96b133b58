"""``/containers``: code-interpreter containers (create, retrieve, list, delete) and their
files (upload or add by id, retrieve, list, delete, download)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from typing_extensions import Unpack

from .._binary import BinaryResponse
from .._types import RequestOptions
from ..types.containers import ContainerRetrieveResponse, FileRetrieveResponse
from ..types.params.containers import (
    ContainerCreateParams,
    ContainerFileCreateParams,
    ContainerFileListParams,
    ContainerListParams,
)
from ._base import APIResource, Endpoint, subresource

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage

__all__ = [
    "AsyncContainerFileContent",
    "AsyncContainerFiles",
    "AsyncContainers",
    "ContainerFileContent",
    "ContainerFiles",
    "Containers",
]

_FILE = "/containers/{container_id}/files/{file_id}"

_create: Endpoint[ContainerRetrieveResponse] = Endpoint(
    "POST", "/containers", ContainerRetrieveResponse, params=ContainerCreateParams
)
_retrieve: Endpoint[ContainerRetrieveResponse] = Endpoint(
    "GET", "/containers/{container_id}", ContainerRetrieveResponse
)
_list: Endpoint[Any] = Endpoint(
    "GET", "/containers", object, params=ContainerListParams, item=ContainerRetrieveResponse
)
_delete: Endpoint[None] = Endpoint("DELETE", "/containers/{container_id}", None)

# A file is uploaded in a multipart form; a ``file_id`` alone goes as JSON (as openai-python).
_file_upload: Endpoint[FileRetrieveResponse] = Endpoint(
    "POST",
    "/containers/{container_id}/files",
    FileRetrieveResponse,
    params=ContainerFileCreateParams,
    files=("file",),
)
_file_add: Endpoint[FileRetrieveResponse] = Endpoint(
    "POST",
    "/containers/{container_id}/files",
    FileRetrieveResponse,
    params=ContainerFileCreateParams,
)
_file_retrieve: Endpoint[FileRetrieveResponse] = Endpoint("GET", _FILE, FileRetrieveResponse)
_file_list: Endpoint[Any] = Endpoint(
    "GET",
    "/containers/{container_id}/files",
    object,
    params=ContainerFileListParams,
    item=FileRetrieveResponse,
)
_file_delete: Endpoint[None] = Endpoint("DELETE", _FILE, None)
_file_content: Endpoint[BinaryResponse] = Endpoint(
    "GET",
    _FILE + "/content",
    BinaryResponse,
    headers={"Accept": "application/binary"},
)


def _file_create(params: Mapping[str, Any]) -> Endpoint[FileRetrieveResponse]:
    return _file_upload if "file" in params else _file_add


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncContainerFileContent(APIResource):
    async def retrieve(
        self, file_id: str, *, container_id: str, **params: Unpack[RequestOptions]
    ) -> BinaryResponse:
        """A container file's content (``.content``, ``.write_to_file(path)``; for a large
        file use ``with_streaming_response.retrieve(...)``)."""
        return await self._call(_file_content, locals())


class AsyncContainerFiles(APIResource):
    content = subresource(AsyncContainerFileContent)

    async def create(
        self, container_id: str, **params: Unpack[ContainerFileCreateParams]
    ) -> FileRetrieveResponse:
        """Add a file to a container: upload ``file`` (bytes, a binary file object, a path
        or a ``(filename, content)`` tuple), or name an uploaded one by ``file_id``."""
        return await self._call(_file_create(params), locals())

    async def retrieve(
        self, file_id: str, *, container_id: str, **params: Unpack[RequestOptions]
    ) -> FileRetrieveResponse:
        """A container file's metadata."""
        return await self._call(_file_retrieve, locals())

    def list(
        self, container_id: str, **params: Unpack[ContainerFileListParams]
    ) -> AsyncPaginator[FileRetrieveResponse]:
        """A container's files, page by page."""
        return self._list(_file_list, locals())

    async def delete(
        self, file_id: str, *, container_id: str, **params: Unpack[RequestOptions]
    ) -> None:
        """Delete a file from a container."""
        return await self._call(_file_delete, locals())


class AsyncContainers(APIResource):
    files = subresource(AsyncContainerFiles)

    async def create(self, **params: Unpack[ContainerCreateParams]) -> ContainerRetrieveResponse:
        """Create a container."""
        return await self._call(_create, locals())

    async def retrieve(
        self, container_id: str, **params: Unpack[RequestOptions]
    ) -> ContainerRetrieveResponse:
        """A container."""
        return await self._call(_retrieve, locals())

    def list(
        self, **params: Unpack[ContainerListParams]
    ) -> AsyncPaginator[ContainerRetrieveResponse]:
        """The containers, page by page (filter by ``name``)."""
        return self._list(_list, locals())

    async def delete(self, container_id: str, **params: Unpack[RequestOptions]) -> None:
        """Delete a container."""
        return await self._call(_delete, locals())


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class ContainerFileContent(APIResource):
    def retrieve(
        self, file_id: str, *, container_id: str, **params: Unpack[RequestOptions]
    ) -> BinaryResponse:
        """A container file's content (``.content``, ``.write_to_file(path)``; for a large
        file use ``with_streaming_response.retrieve(...)``)."""
        return self._call(_file_content, locals())


class ContainerFiles(APIResource):
    content = subresource(ContainerFileContent)

    def create(
        self, container_id: str, **params: Unpack[ContainerFileCreateParams]
    ) -> FileRetrieveResponse:
        """Add a file to a container: upload ``file`` (bytes, a binary file object, a path
        or a ``(filename, content)`` tuple), or name an uploaded one by ``file_id``."""
        return self._call(_file_create(params), locals())

    def retrieve(
        self, file_id: str, *, container_id: str, **params: Unpack[RequestOptions]
    ) -> FileRetrieveResponse:
        """A container file's metadata."""
        return self._call(_file_retrieve, locals())

    def list(
        self, container_id: str, **params: Unpack[ContainerFileListParams]
    ) -> SyncPage[FileRetrieveResponse]:
        """A container's files, page by page."""
        return self._list(_file_list, locals())

    def delete(self, file_id: str, *, container_id: str, **params: Unpack[RequestOptions]) -> None:
        """Delete a file from a container."""
        return self._call(_file_delete, locals())


class Containers(APIResource):
    files = subresource(ContainerFiles)

    def create(self, **params: Unpack[ContainerCreateParams]) -> ContainerRetrieveResponse:
        """Create a container."""
        return self._call(_create, locals())

    def retrieve(
        self, container_id: str, **params: Unpack[RequestOptions]
    ) -> ContainerRetrieveResponse:
        """A container."""
        return self._call(_retrieve, locals())

    def list(self, **params: Unpack[ContainerListParams]) -> SyncPage[ContainerRetrieveResponse]:
        """The containers, page by page (filter by ``name``)."""
        return self._list(_list, locals())

    def delete(self, container_id: str, **params: Unpack[RequestOptions]) -> None:
        """Delete a container."""
        return self._call(_delete, locals())
