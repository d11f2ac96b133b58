"""Pages of list endpoints, one interface for every list style.

``for item in client.files.list()`` walks every page lazily; the page object has ``.data``,
``.has_next_page()``, ``.get_next_page()`` and ``.iter_pages()``. Async, as openai-python:
``await client.files.list()`` is the first page, ``async for item in client.files.list()``
walks all of them.

Styles (said by the endpoint):
- ``cursor``: ``data``, ``has_more`` and ``first_id``/``last_id``; the next page is asked for
  with ``after=<last_id, or the id of the last item>``.
- ``page``: page numbers (Portkey's lists: ``total``, ``page_size``, ``current_page``).
- ``single``: the whole list in one answer (``models.list``), or a bare JSON array of the
  items (``prompts.versions.list``).
"""

from __future__ import annotations

from typing import (
    Any,
    AsyncIterator,
    Dict,
    Generator,
    Generic,
    Iterator,
    List,
    Optional,
    TypeVar,
    Union,
)

from ._convert import structure_hook
from ._types import Call, next_call

__all__ = ["AsyncPage", "AsyncPaginator", "SyncPage"]

T = TypeVar("T")

_KNOWN = frozenset(("data", "has_more", "object", "first_id", "last_id", "total"))


class _Page(Generic[T]):
    """What the sync and async pages share: the items and the next page's query."""

    def __init__(
        self, client: Any, call: Call[Any], body: Any, headers: Optional[Dict[str, str]] = None
    ) -> None:
        item, style = call.page
        if type(body) is list and style == "single":  # a bare array: the items themselves
            body = {"data": body}
        if type(body) is not dict:
            raise TypeError(f"expected a JSON object for a list page, got {type(body).__name__}")
        items = body.get("data")
        if items is None:
            items = []
        elif type(items) is not list:
            raise TypeError(f"field 'data' should be a list, got {type(items).__name__}")
        if item is None or item is object:
            data: List[T] = items
        else:
            hook = structure_hook(item)
            data = [hook(x, item) for x in items]
        self.data = data
        self.object: Optional[str] = body.get("object")
        self.has_more: Optional[bool] = body.get("has_more")
        self.first_id: Optional[str] = body.get("first_id")
        self.last_id: Optional[str] = body.get("last_id")
        self.total: Optional[int] = body.get("total")
        self._extra = {k: v for k, v in body.items() if k not in _KNOWN}
        self._client = client
        self._call = call
        self._style = style
        self._headers = headers or {}

    def __getattr__(self, name: str) -> Any:
        extra = self.__dict__.get("_extra")
        if extra is not None and name in extra:
            return extra[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # Key access, as the official's list responses allow (``page["data"][0]["slug"]``,
    # ``page.get("total")``): the page's fields and the body's other fields; ``page[0]`` is
    # this page's first item.
    def __getitem__(self, key: Union[str, int]) -> Any:
        if isinstance(key, int):
            return self.data[key]
        if key in _KNOWN:
            return getattr(self, key)
        extra = self._extra
        if key in extra:
            return extra[key]
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        """The field ``key`` of the page, or ``default`` when the answer had none."""
        try:
            value = self[key]
        except KeyError:
            return default
        return default if value is None else value

    def next_page_query(self) -> Optional[Dict[str, Any]]:
        """The query that asks for the next page, or None on the last page."""
        if not self.data or self._style == "single":
            return None
        if self._style == "page":
            query = self._call.query or {}
            # Some routes spell them currentPage / pageSize (Endpoint(wire=...)).
            key = "currentPage" if "currentPage" in query else "current_page"
            size_key = "pageSize" if key == "currentPage" else "page_size"
            current = int(query.get(key) or 0)
            given = query.get(size_key)
            size = int(given or len(self.data))
            if self.total is not None and (current + 1) * size >= self.total:
                return None
            if self.total is None and len(self.data) < size:
                return None
            if given:
                return {key: current + 1}
            # The server's default page size, as the first page showed it: asked for from now
            # on, so a short last page is not taken for the page size.
            return {key: current + 1, size_key: size}
        if self.has_more is False:
            return None
        after = self.last_id or getattr(self.data[-1], "id", None)
        if after is None and isinstance(self.data[-1], dict):
            after = self.data[-1].get("id")
        return None if after is None else {"after": after}

    def has_next_page(self) -> bool:
        return self.next_page_query() is not None

    def _next_call(self) -> Call[Any]:
        query = self.next_page_query()
        if query is None:
            raise RuntimeError(
                "No next page: check has_next_page() before calling get_next_page()."
            )
        return next_call(self._call, query)

    def get_headers(self) -> Dict[str, str]:
        """The response's ``x-portkey-*`` headers without the prefix (``{"trace-id": ...}``)."""
        return dict(self._headers)

    def to_dict(self) -> Dict[str, Any]:
        """The page as plain JSON-ready data (items included)."""
        out: Dict[str, Any] = {
            "object": self.object,
            "data": [x.to_dict() if hasattr(x, "to_dict") else x for x in self.data],
        }
        for name in ("has_more", "first_id", "last_id", "total"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        out.update(self._extra)
        return out

    model_dump = to_dict

    def __repr__(self) -> str:
        return f"{type(self).__name__}(data=<{len(self.data)} items>, has_more={self.has_more})"


class SyncPage(_Page[T]):
    """A page of a list (``Portkey``): iterate it for every item of every page."""

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def get_next_page(self) -> SyncPage[T]:
        page: SyncPage[T] = self._client._request(self._next_call())
        return page


class AsyncPage(_Page[T]):
    """A page of a list (``AsyncPortkey``): ``async for`` over it walks every page."""

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def get_next_page(self) -> AsyncPage[T]:
        page: AsyncPage[T] = await self._client._request(self._next_call())
        return page


class AsyncPaginator(Generic[T]):
    """What an async ``list()`` returns: ``await`` it for the first page, or ``async for``
    over it for every item of every page."""

    __slots__ = ("_call", "_client", "_raw")

    def __init__(self, client: Any, call: Call[Any], raw: Any) -> None:
        self._client = client
        self._call = call
        self._raw = raw

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        page: AsyncPage[T] = yield from self._client._request(self._call, self._raw).__await__()
        return page

    async def __aiter__(self) -> AsyncIterator[T]:
        page: AsyncPage[T] = await self
        async for item in page:
            yield item
