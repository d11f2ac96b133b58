"""``/vector_stores``: vector stores (CRUD and search), the files attached to them and
batches of files, with the helpers that upload files, attach them and wait until they are
processed."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Sequence, Union

from typing_extensions import Unpack

from .._multipart import FileInput
from .._types import NOT_GIVEN, NotGiven, RequestOptions
from ..types.params.vector_stores import (
    Attributes,
    FileBatchCreateAndPollParams,
    FileBatchCreateParams,
    FileBatchListFilesParams,
    VectorStoreCreateParams,
    VectorStoreFileCreateAndPollParams,
    VectorStoreFileCreateParams,
    VectorStoreFileListParams,
    VectorStoreFileUpdateParams,
    VectorStoreListParams,
    VectorStoreSearchParams,
    VectorStoreUpdateParams,
)
from ..types.vector_stores import (
    FileContentResponse,
    VectorStore,
    VectorStoreDeleted,
    VectorStoreFile,
    VectorStoreFileBatch,
    VectorStoreFileDeleted,
    VectorStoreSearchResponse,
)
from ._base import APIResource, Endpoint, subresource

# Annotations only: the page module loads with the first list.
if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage

__all__ = [
    "AsyncFileBatches",
    "AsyncFiles",
    "AsyncVectorStores",
    "FileBatches",
    "Files",
    "VectorStores",
]

_BETA = {"OpenAI-Beta": "assistants=v2"}  # what openai-python sends with every call here
# strict: the official forwards its free keywords to openai-python's method, which refuses the
# ones it does not name (the retrieves put them in extra_body, and create_and_poll sends them).
_STORE = "/vector_stores/{vector_store_id}"
_FILE = _STORE + "/files/{file_id}"
_BATCH = _STORE + "/file_batches/{batch_id}"

_create: Endpoint[VectorStore] = Endpoint(
    "POST",
    "/vector_stores",
    VectorStore,
    params=VectorStoreCreateParams,
    headers=_BETA,
    strict=True,  # the official's create takes no free keywords
)
_retrieve: Endpoint[VectorStore] = Endpoint("GET", _STORE, VectorStore, headers=_BETA)
_update: Endpoint[VectorStore] = Endpoint(
    "POST", _STORE, VectorStore, params=VectorStoreUpdateParams, headers=_BETA, strict=True
)
_list: Endpoint[Any] = Endpoint(
    "GET",
    "/vector_stores",
    object,
    params=VectorStoreListParams,
    item=VectorStore,
    headers=_BETA,
    strict=True,
)
_delete: Endpoint[VectorStoreDeleted] = Endpoint(
    "DELETE", _STORE, VectorStoreDeleted, headers=_BETA, strict=True
)
# One page of results (openai-python's SyncPage: no next page is asked for).
_search: Endpoint[Any] = Endpoint(
    "POST",
    _STORE + "/search",
    object,
    params=VectorStoreSearchParams,
    item=VectorStoreSearchResponse,
    page="single",
    headers=_BETA,
    strict=True,
)

_file_create: Endpoint[VectorStoreFile] = Endpoint(
    "POST",
    _STORE + "/files",
    VectorStoreFile,
    params=VectorStoreFileCreateParams,
    late=("attributes",),  # a free keyword of the official's files.create
    headers=_BETA,
    strict=True,
)
_file_retrieve: Endpoint[VectorStoreFile] = Endpoint("GET", _FILE, VectorStoreFile, headers=_BETA)
_file_update: Endpoint[VectorStoreFile] = Endpoint(
    "POST", _FILE, VectorStoreFile, params=VectorStoreFileUpdateParams, headers=_BETA, strict=True
)
_file_list: Endpoint[Any] = Endpoint(
    "GET",
    _STORE + "/files",
    object,
    params=VectorStoreFileListParams,
    item=VectorStoreFile,
    headers=_BETA,
    strict=True,
)
_file_delete: Endpoint[VectorStoreFileDeleted] = Endpoint(
    "DELETE", _FILE, VectorStoreFileDeleted, headers=_BETA, strict=True
)
_file_content: Endpoint[Any] = Endpoint(
    "GET",
    _FILE + "/content",
    object,
    item=FileContentResponse,
    page="single",
    headers=_BETA,
    strict=True,
)

_batch_create: Endpoint[VectorStoreFileBatch] = Endpoint(
    "POST",
    _STORE + "/file_batches",
    VectorStoreFileBatch,
    params=FileBatchCreateParams,
    late=("attributes",),  # a free keyword of the official's file_batches.create
    headers=_BETA,
    strict=True,
)
_batch_retrieve: Endpoint[VectorStoreFileBatch] = Endpoint(
    "GET", _BATCH, VectorStoreFileBatch, headers=_BETA
)
_batch_cancel: Endpoint[VectorStoreFileBatch] = Endpoint(
    "POST", _BATCH + "/cancel", VectorStoreFileBatch, body=False, headers=_BETA, strict=True
)
_batch_files: Endpoint[Any] = Endpoint(
    "GET",
    _BATCH + "/files",
    object,
    params=FileBatchListFilesParams,
    item=VectorStoreFile,
    headers=_BETA,
    strict=True,
)

PollInterval = Union[int, NotGiven]
_CREATE_AND_POLL = frozenset(VectorStoreFileCreateAndPollParams.__annotations__)


def _free_into_extra_body(params: Mapping[str, Any]) -> Dict[str, Any]:
    """``files.create_and_poll``'s keywords, the ones it does not name moved into
    ``extra_body`` (over it): the official sends them so, where ``files.create`` refuses them."""
    out = {k: v for k, v in params.items() if k in _CREATE_AND_POLL}
    free = {k: v for k, v in params.items() if k not in _CREATE_AND_POLL}
    if free:
        out["extra_body"] = {**(params.get("extra_body") or {}), **free}
    return out


def _file_pending(file: VectorStoreFile) -> bool:
    """A file is looked at again while ``in_progress`` (openai-python's ``files.poll``; any
    other status, ``failed`` included, is returned)."""
    return file.status == "in_progress"


def _batch_pending(batch: VectorStoreFileBatch) -> bool:
    """A batch is looked at again while some of its files are in progress (openai-python's
    ``file_batches.poll``; check ``file_counts.failed`` on the result)."""
    counts = batch.file_counts
    return counts is not None and (counts.in_progress or 0) > 0


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncFiles(APIResource):
    async def create(
        self, vector_store_id: str, **params: Unpack[VectorStoreFileCreateParams]
    ) -> VectorStoreFile:
        """Attach an uploaded file (``file_id``) to a vector store; it is processed
        asynchronously (see ``create_and_poll``)."""
        return await self._call(_file_create, locals())

    async def retrieve(
        self, file_id: str, *, vector_store_id: str, **params: Unpack[RequestOptions]
    ) -> VectorStoreFile:
        """A vector store file."""
        return await self._call(_file_retrieve, locals())

    async def update(
        self, file_id: str, *, vector_store_id: str, **params: Unpack[VectorStoreFileUpdateParams]
    ) -> VectorStoreFile:
        """Replace a vector store file's ``attributes``."""
        return await self._call(_file_update, locals())

    def list(
        self, vector_store_id: str, **params: Unpack[VectorStoreFileListParams]
    ) -> AsyncPaginator[VectorStoreFile]:
        """The files of a vector store, page by page (``filter`` by status)."""
        return self._list(_file_list, locals())

    async def delete(
        self, file_id: str, *, vector_store_id: str, **params: Unpack[RequestOptions]
    ) -> VectorStoreFileDeleted:
        """Detach a file from a vector store (the file itself is not deleted)."""
        return await self._call(_file_delete, locals())

    def content(
        self, file_id: str, *, vector_store_id: str, **params: Unpack[RequestOptions]
    ) -> AsyncPaginator[FileContentResponse]:
        """The parsed content of a vector store file, as one page of text parts."""
        return self._list(_file_content, locals())

    async def create_and_poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: PollInterval = NOT_GIVEN,
        **params: Unpack[VectorStoreFileCreateAndPollParams],
    ) -> VectorStoreFile:
        """Attach a file and wait until it is processed (``chunking_strategy``,
        ``attributes`` and the request options go to ``create``); a failed file is returned,
        not raised."""
        await self.create(vector_store_id, file_id=file_id, **_free_into_extra_body(params))
        return await self.poll(
            file_id, vector_store_id=vector_store_id, poll_interval_ms=poll_interval_ms
        )

    async def poll(
        self, file_id: str, *, vector_store_id: str, poll_interval_ms: PollInterval = NOT_GIVEN
    ) -> VectorStoreFile:
        """Wait until a vector store file is no longer ``in_progress``: every
        ``poll_interval_ms``, else as the server's ``openai-poll-after-ms`` says, else each
        second. Check ``status`` and ``last_error`` on the result."""
        fetch = partial(self.with_raw_response.retrieve, file_id, vector_store_id=vector_store_id)
        return await self._client._poll(
            lambda headers: fetch(extra_headers=headers), _file_pending, poll_interval_ms
        )

    async def upload(
        self,
        *,
        vector_store_id: str,
        file: FileInput,
        chunking_strategy: Union[Mapping[str, Any], NotGiven] = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Upload a file (``client.files.create(purpose="assistants")``) and attach it; it is
        processed asynchronously (see ``upload_and_poll``)."""
        uploaded = await self._client.files.create(file, "assistants")
        return await self.create(
            vector_store_id,
            file_id=uploaded.id,
            chunking_strategy=chunking_strategy,  # type: ignore[arg-type]
        )

    async def upload_and_poll(
        self,
        *,
        vector_store_id: str,
        file: FileInput,
        attributes: Union[Attributes, NotGiven] = NOT_GIVEN,
        poll_interval_ms: PollInterval = NOT_GIVEN,
        chunking_strategy: Union[Mapping[str, Any], NotGiven] = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Upload a file, attach it and wait until it is processed."""
        uploaded = await self._client.files.create(file, "assistants")
        return await self.create_and_poll(
            uploaded.id,
            vector_store_id=vector_store_id,
            poll_interval_ms=poll_interval_ms,
            chunking_strategy=chunking_strategy,  # type: ignore[arg-type]
            attributes=attributes,  # type: ignore[arg-type]
        )


class AsyncFileBatches(APIResource):
    async def create(
        self, vector_store_id: str, **params: Unpack[FileBatchCreateParams]
    ) -> VectorStoreFileBatch:
        """Attach several uploaded files (``file_ids``, or ``files`` with their own
        attributes) at once; they are processed asynchronously (see ``create_and_poll``)."""
        return await self._call(_batch_create, locals())

    async def retrieve(
        self, batch_id: str, *, vector_store_id: str, **params: Unpack[RequestOptions]
    ) -> VectorStoreFileBatch:
        """A file batch."""
        return await self._call(_batch_retrieve, locals())

    async def cancel(
        self, batch_id: str, *, vector_store_id: str, **params: Unpack[RequestOptions]
    ) -> VectorStoreFileBatch:
        """Cancel a file batch: its files not processed yet are cancelled."""
        return await self._call(_batch_cancel, locals())

    def list_files(
        self, batch_id: str, *, vector_store_id: str, **params: Unpack[FileBatchListFilesParams]
    ) -> AsyncPaginator[VectorStoreFile]:
        """The files of a batch, page by page (``filter`` by status)."""
        return self._list(_batch_files, locals())

    async def create_and_poll(
        self,
        vector_store_id: str,
        *,
        poll_interval_ms: PollInterval = NOT_GIVEN,
        **params: Unpack[FileBatchCreateAndPollParams],
    ) -> VectorStoreFileBatch:
        """Create a file batch and wait until none of its files is in progress; files that
        failed are counted in ``file_counts.failed``, not raised."""
        batch = await self.create(vector_store_id, **params)
        return await self.poll(
            batch.id, vector_store_id=vector_store_id, poll_interval_ms=poll_interval_ms
        )

    async def poll(
        self, batch_id: str, *, vector_store_id: str, poll_interval_ms: PollInterval = NOT_GIVEN
    ) -> VectorStoreFileBatch:
        """Wait until no file of the batch is in progress: every ``poll_interval_ms``, else
        as the server's ``openai-poll-after-ms`` says, else each second."""
        fetch = partial(self.with_raw_response.retrieve, batch_id, vector_store_id=vector_store_id)
        return await self._client._poll(
            lambda headers: fetch(extra_headers=headers), _batch_pending, poll_interval_ms
        )

    async def upload_and_poll(
        self,
        vector_store_id: str,
        *,
        files: Iterable[FileInput],
        max_concurrency: int = 5,
        file_ids: Sequence[str] = (),
        poll_interval_ms: PollInterval = NOT_GIVEN,
        chunking_strategy: Union[Mapping[str, Any], NotGiven] = NOT_GIVEN,
    ) -> VectorStoreFileBatch:
        """Upload ``files`` (``max_concurrency`` at a time; the first failure is raised),
        then create a batch of them and ``file_ids`` and wait until it is processed."""
        uploads = [partial(self._client.files.create, file, "assistants") for file in files]
        uploaded: List[Any] = await self._client._bounded(uploads, max_concurrency)
        return await self.create_and_poll(
            vector_store_id,
            file_ids=[*file_ids, *(file.id for file in uploaded)],
            poll_interval_ms=poll_interval_ms,
            chunking_strategy=chunking_strategy,  # type: ignore[arg-type]
        )


class AsyncVectorStores(APIResource):
    files = subresource(AsyncFiles)
    file_batches = subresource(AsyncFileBatches)

    async def create(self, **params: Unpack[VectorStoreCreateParams]) -> VectorStore:
        """Create a vector store (with ``file_ids`` to attach at once)."""
        return await self._call(_create, locals())

    async def retrieve(self, vector_store_id: str, **params: Unpack[RequestOptions]) -> VectorStore:
        """A vector store."""
        return await self._call(_retrieve, locals())

    async def update(
        self, vector_store_id: str, **params: Unpack[VectorStoreUpdateParams]
    ) -> VectorStore:
        """Change a vector store's ``name``, ``expires_after`` or ``metadata``."""
        return await self._call(_update, locals())

    def list(self, **params: Unpack[VectorStoreListParams]) -> AsyncPaginator[VectorStore]:
        """The vector stores, page by page."""
        return self._list(_list, locals())

    async def delete(
        self, vector_store_id: str, **params: Unpack[RequestOptions]
    ) -> VectorStoreDeleted:
        """Delete a vector store (its files are not deleted)."""
        return await self._call(_delete, locals())

    def search(
        self, vector_store_id: str, **params: Unpack[VectorStoreSearchParams]
    ) -> AsyncPaginator[VectorStoreSearchResponse]:
        """The chunks most relevant to ``query`` (narrowed by ``filters`` on file attributes,
        ``ranking_options``, ``rewrite_query``, ``max_num_results``), as one page."""
        return self._list(_search, locals())


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class Files(APIResource):
    def create(
        self, vector_store_id: str, **params: Unpack[VectorStoreFileCreateParams]
    ) -> VectorStoreFile:
        """Attach an uploaded file (``file_id``) to a vector store; it is processed
        asynchronously (see ``create_and_poll``)."""
        return self._call(_file_create, locals())

    def retrieve(
        self, file_id: str, *, vector_store_id: str, **params: Unpack[RequestOptions]
    ) -> VectorStoreFile:
        """A vector store file."""
        return self._call(_file_retrieve, locals())

    def update(
        self, file_id: str, *, vector_store_id: str, **params: Unpack[VectorStoreFileUpdateParams]
    ) -> VectorStoreFile:
        """Replace a vector store file's ``attributes``."""
        return self._call(_file_update, locals())

    def list(
        self, vector_store_id: str, **params: Unpack[VectorStoreFileListParams]
    ) -> SyncPage[VectorStoreFile]:
        """The files of a vector store, page by page (``filter`` by status)."""
        return self._list(_file_list, locals())

    def delete(
        self, file_id: str, *, vector_store_id: str, **params: Unpack[RequestOptions]
    ) -> VectorStoreFileDeleted:
        """Detach a file from a vector store (the file itself is not deleted)."""
        return self._call(_file_delete, locals())

    def content(
        self, file_id: str, *, vector_store_id: str, **params: Unpack[RequestOptions]
    ) -> SyncPage[FileContentResponse]:
        """The parsed content of a vector store file, as one page of text parts."""
        return self._list(_file_content, locals())

    def create_and_poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: PollInterval = NOT_GIVEN,
        **params: Unpack[VectorStoreFileCreateAndPollParams],
    ) -> VectorStoreFile:
        """Attach a file and wait until it is processed (``chunking_strategy``,
        ``attributes`` and the request options go to ``create``); a failed file is returned,
        not raised."""
        self.create(vector_store_id, file_id=file_id, **_free_into_extra_body(params))
        return self.poll(
            file_id, vector_store_id=vector_store_id, poll_interval_ms=poll_interval_ms
        )

    def poll(
        self, file_id: str, *, vector_store_id: str, poll_interval_ms: PollInterval = NOT_GIVEN
    ) -> VectorStoreFile:
        """Wait until a vector store file is no longer ``in_progress``: every
        ``poll_interval_ms``, else as the server's ``openai-poll-after-ms`` says, else each
        second. Check ``status`` and ``last_error`` on the result."""
        fetch = partial(self.with_raw_response.retrieve, file_id, vector_store_id=vector_store_id)
        return self._client._poll(
            lambda headers: fetch(extra_headers=headers), _file_pending, poll_interval_ms
        )

    def upload(
        self,
        *,
        vector_store_id: str,
        file: FileInput,
        chunking_strategy: Union[Mapping[str, Any], NotGiven] = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Upload a file (``client.files.create(purpose="assistants")``) and attach it; it is
        processed asynchronously (see ``upload_and_poll``)."""
        uploaded = self._client.files.create(file, "assistants")
        return self.create(
            vector_store_id,
            file_id=uploaded.id,
            chunking_strategy=chunking_strategy,  # type: ignore[arg-type]
        )

    def upload_and_poll(
        self,
        *,
        vector_store_id: str,
        file: FileInput,
        attributes: Union[Attributes, NotGiven] = NOT_GIVEN,
        poll_interval_ms: PollInterval = NOT_GIVEN,
        chunking_strategy: Union[Mapping[str, Any], NotGiven] = NOT_GIVEN,
    ) -> VectorStoreFile:
        """Upload a file, attach it and wait until it is processed."""
        uploaded = self._client.files.create(file, "assistants")
        return self.create_and_poll(
            uploaded.id,
            vector_store_id=vector_store_id,
            poll_interval_ms=poll_interval_ms,
            chunking_strategy=chunking_strategy,  # type: ignore[arg-type]
            attributes=attributes,  # type: ignore[arg-type]
        )


class FileBatches(APIResource):
    def create(
        self, vector_store_id: str, **params: Unpack[FileBatchCreateParams]
    ) -> VectorStoreFileBatch:
        """Attach several uploaded files (``file_ids``, or ``files`` with their own
        attributes) at once; they are processed asynchronously (see ``create_and_poll``)."""
        return self._call(_batch_create, locals())

    def retrieve(
        self, batch_id: str, *, vector_store_id: str, **params: Unpack[RequestOptions]
    ) -> VectorStoreFileBatch:
        """A file batch."""
        return self._call(_batch_retrieve, locals())

    def cancel(
        self, batch_id: str, *, vector_store_id: str, **params: Unpack[RequestOptions]
    ) -> VectorStoreFileBatch:
        """Cancel a file batch: its files not processed yet are cancelled."""
        return self._call(_batch_cancel, locals())

    def list_files(
        self, batch_id: str, *, vector_store_id: str, **params: Unpack[FileBatchListFilesParams]
    ) -> SyncPage[VectorStoreFile]:
        """The files of a batch, page by page (``filter`` by status)."""
        return self._list(_batch_files, locals())

    def create_and_poll(
        self,
        vector_store_id: str,
        *,
        poll_interval_ms: PollInterval = NOT_GIVEN,
        **params: Unpack[FileBatchCreateAndPollParams],
    ) -> VectorStoreFileBatch:
        """Create a file batch and wait until none of its files is in progress; files that
        failed are counted in ``file_counts.failed``, not raised."""
        batch = self.create(vector_store_id, **params)
        return self.poll(
            batch.id, vector_store_id=vector_store_id, poll_interval_ms=poll_interval_ms
        )

    def poll(
        self, batch_id: str, *, vector_store_id: str, poll_interval_ms: PollInterval = NOT_GIVEN
    ) -> VectorStoreFileBatch:
        """Wait until no file of the batch is in progress: every ``poll_interval_ms``, else
        as the server's ``openai-poll-after-ms`` says, else each second."""
        fetch = partial(self.with_raw_response.retrieve, batch_id, vector_store_id=vector_store_id)
        return self._client._poll(
            lambda headers: fetch(extra_headers=headers), _batch_pending, poll_interval_ms
        )

    def upload_and_poll(
        self,
        vector_store_id: str,
        *,
        files: Iterable[FileInput],
        max_concurrency: int = 5,
        file_ids: Sequence[str] = (),
        poll_interval_ms: PollInterval = NOT_GIVEN,
        chunking_strategy: Union[Mapping[str, Any], NotGiven] = NOT_GIVEN,
    ) -> VectorStoreFileBatch:
        """Upload ``files`` (``max_concurrency`` at a time; the first failure is raised),
        then create a batch of them and ``file_ids`` and wait until it is processed."""
        uploads = [partial(self._client.files.create, file, "assistants") for file in files]
        uploaded: List[Any] = self._client._bounded(uploads, max_concurrency)
        return self.create_and_poll(
            vector_store_id,
            file_ids=[*file_ids, *(file.id for file in uploaded)],
            poll_interval_ms=poll_interval_ms,
            chunking_strategy=chunking_strategy,  # type: ignore[arg-type]
        )


class VectorStores(APIResource):
    files = subresource(Files)
    file_batches = subresource(FileBatches)

    def create(self, **params: Unpack[VectorStoreCreateParams]) -> VectorStore:
        """Create a vector store (with ``file_ids`` to attach at once)."""
        return self._call(_create, locals())

    def retrieve(self, vector_store_id: str, **params: Unpack[RequestOptions]) -> VectorStore:
        """A vector store."""
        return self._call(_retrieve, locals())

    def update(
        self, vector_store_id: str, **params: Unpack[VectorStoreUpdateParams]
    ) -> VectorStore:
        """Change a vector store's ``name``, ``expires_after`` or ``metadata``."""
        return self._call(_update, locals())

    def list(self, **params: Unpack[VectorStoreListParams]) -> SyncPage[VectorStore]:
        """The vector stores, page by page."""
        return self._list(_list, locals())

    def delete(self, vector_store_id: str, **params: Unpack[RequestOptions]) -> VectorStoreDeleted:
        """Delete a vector store (its files are not deleted)."""
        return self._call(_delete, locals())

    def search(
        self, vector_store_id: str, **params: Unpack[VectorStoreSearchParams]
    ) -> SyncPage[VectorStoreSearchResponse]:
        """The chunks most relevant to ``query`` (narrowed by ``filters`` on file attributes,
        ``ranking_options``, ``rewrite_query``, ``max_num_results``), as one page."""
        return self._list(_search, locals())
