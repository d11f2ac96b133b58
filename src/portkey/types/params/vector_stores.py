"""Parameters of ``vector_stores`` and its ``files`` and ``file_batches``."""

from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "FileBatchCreateAndPollParams",
    "FileBatchCreateParams",
    "FileBatchListFilesParams",
    "VectorStoreCreateParams",
    "VectorStoreFileCreateAndPollParams",
    "VectorStoreFileCreateParams",
    "VectorStoreFileListParams",
    "VectorStoreFileUpdateParams",
    "VectorStoreListParams",
    "VectorStoreSearchParams",
    "VectorStoreUpdateParams",
]

Attributes = Optional[Dict[str, Union[str, float, bool]]]


class VectorStoreCreateParams(RequestOptions, total=False):
    """``POST /vector_stores``."""

    chunking_strategy: Mapping[str, Any]
    description: str
    expires_after: Mapping[str, Any]
    file_ids: List[str]
    metadata: Optional[Mapping[str, str]]
    name: str


class VectorStoreUpdateParams(RequestOptions, total=False):
    """``POST /vector_stores/{vector_store_id}``."""

    expires_after: Optional[Mapping[str, Any]]
    metadata: Optional[Mapping[str, str]]
    name: Optional[str]


class VectorStoreListParams(RequestOptions, total=False):
    """``GET /vector_stores``."""

    after: str
    before: str
    limit: int
    order: Literal["asc", "desc"]


class VectorStoreSearchParams(RequestOptions, total=False):
    """``POST /vector_stores/{vector_store_id}/search``: ``filters`` a comparison
    (``{"type": "eq", "key": ..., "value": ...}``) or compound (``{"type": "and", "filters":
    [...]}``) filter; ``ranking_options`` ``{"ranker": ..., "score_threshold": ...}``."""

    query: Required[Union[str, Sequence[str]]]
    filters: Mapping[str, Any]
    max_num_results: int
    ranking_options: Mapping[str, Any]
    rewrite_query: bool


class VectorStoreFileCreateParams(RequestOptions, total=False):
    """``POST /vector_stores/{vector_store_id}/files`` (``attributes`` follows, as a free
    keyword of the official's ``files.create``)."""

    file_id: Required[str]
    chunking_strategy: Mapping[str, Any]
    attributes: Attributes


class VectorStoreFileCreateAndPollParams(RequestOptions, total=False):
    """``files.create_and_poll`` (``file_id`` is the method's own parameter)."""

    attributes: Attributes
    chunking_strategy: Mapping[str, Any]


class VectorStoreFileUpdateParams(RequestOptions, total=False):
    """``POST /vector_stores/{vector_store_id}/files/{file_id}``."""

    attributes: Required[Attributes]


class VectorStoreFileListParams(RequestOptions, total=False):
    """``GET /vector_stores/{vector_store_id}/files``."""

    after: str
    before: str
    filter: Literal["in_progress", "completed", "failed", "cancelled"]
    limit: int
    order: Literal["asc", "desc"]


class FileBatchCreateParams(RequestOptions, total=False):
    """``POST /vector_stores/{vector_store_id}/file_batches``: ``file_ids``, or ``files``
    (``{"file_id": ..., "attributes": ..., "chunking_strategy": ...}`` each)."""

    file_ids: List[str]
    files: Iterable[Mapping[str, Any]]
    chunking_strategy: Mapping[str, Any]
    attributes: Attributes


class FileBatchListFilesParams(VectorStoreFileListParams, total=False):
    """``GET /vector_stores/{vector_store_id}/file_batches/{batch_id}/files``."""


class FileBatchCreateAndPollParams(RequestOptions, total=False):
    """``file_batches.create_and_poll``."""

    attributes: Attributes
    chunking_strategy: Mapping[str, Any]
    file_ids: List[str]
    files: Iterable[Mapping[str, Any]]
