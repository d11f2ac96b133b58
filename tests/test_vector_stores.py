"""vector_stores, its files and file batches through respx, against OpenAI's documented
bodies (tests/fixtures/recorded/29): what each call sends (method, path, query, body, the
``OpenAI-Beta`` header openai-python adds), typed results and pages, and the polling and
upload helpers with a server whose answer changes over several looks (waits recorded, not
slept), sync and async."""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, Iterator, List

import httpx
import pytest
import respx
from spec_examples import RECORDED, assert_round_trip

from portkey import AsyncPortkey, BadRequestError, Portkey, WaitTimeoutError, _retry
from portkey._pagination import AsyncPage, SyncPage
from portkey.types.vector_stores import (
    FileContentResponse,
    StaticFileChunkingStrategyObject,
    VectorStore,
    VectorStoreDeleted,
    VectorStoreFile,
    VectorStoreFileBatch,
    VectorStoreFileDeleted,
    VectorStoreSearchResponse,
)

BASE_URL = "https://api.portkey.ai/v1"
EXAMPLES: Dict[str, Any] = json.loads(
    (RECORDED / "29_openai_spec_examples_vector_stores.json").read_text("utf-8")
)
STORE = EXAMPLES["POST /vector_stores"]
STORES = EXAMPLES["GET /vector_stores"]
SEARCH = EXAMPLES["POST /vector_stores/{vector_store_id}/search"]
FILE = EXAMPLES["schema VectorStoreFileObject"]
FILES = EXAMPLES["GET /vector_stores/{vector_store_id}/files"]
BATCH = EXAMPLES["POST /vector_stores/{vector_store_id}/file_batches"]
# The documented content example is shaped like a search result, not like its schema
# (VectorStoreFileContentResponse): this one follows the schema.
CONTENT = {
    "object": "vector_store.file_content.page",
    "data": [{"type": "text", "text": "Returns within 30 days."}],
    "has_more": False,
    "next_page": None,
}
UPLOADED = {
    "id": "file-up",
    "object": "file",
    "bytes": 5,
    "created_at": 1699061776,
    "filename": "a.txt",
    "purpose": "assistants",
}
BETA = "assistants=v2"


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router


@pytest.fixture
def client() -> Iterator[Portkey]:
    with Portkey(api_key="pk", virtual_key="vk") as c:
        yield c


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> List[float]:
    """The waits between polls, recorded instead of slept."""
    seen: List[float] = []

    async def async_sleep(seconds: float) -> None:
        seen.append(seconds)

    monkeypatch.setattr(_retry, "sleep", seen.append)
    monkeypatch.setattr(_retry, "async_sleep", async_sleep)
    return seen


def _body(request: httpx.Request) -> Any:
    return json.loads(request.content) if request.content else None


def _states(base: Dict[str, Any], *changes: Dict[str, Any], **headers: str) -> List[Any]:
    """Responses of ``base`` updated by each of ``changes`` in turn."""
    out = []
    for change in changes:
        body = copy.deepcopy(base)
        body.update(change)
        out.append(httpx.Response(200, json=body, headers=headers))
    return out


# ---------------------------------------------------------------------------------------------
# Vector stores
# ---------------------------------------------------------------------------------------------


def test_create_sends_the_named_fields_and_parses_the_store(
    mock: respx.MockRouter, client: Portkey
) -> None:
    route = mock.post("/vector_stores").respond(200, json=STORE)
    store = client.vector_stores.create(
        name="Support FAQ",
        file_ids=["file-1"],
        chunking_strategy={"type": "auto"},
        expires_after={"anchor": "last_active_at", "days": 7},
        metadata={"team": "support"},
        extra_headers={"x-a": "1"},
    )
    request = route.calls.last.request
    assert request.headers["OpenAI-Beta"] == BETA
    assert request.headers["x-a"] == "1"
    assert _body(request) == {
        "chunking_strategy": {"type": "auto"},
        "expires_after": {"anchor": "last_active_at", "days": 7},
        "file_ids": ["file-1"],
        "metadata": {"team": "support"},
        "name": "Support FAQ",
    }
    assert isinstance(store, VectorStore)
    assert store.id == "vs_abc123" and store.name == "Support FAQ"
    assert store.file_counts.completed == STORE["file_counts"]["completed"]
    assert_round_trip(store, STORE)


def test_keywords_the_official_refuses_are_refused(client: Portkey) -> None:
    stores = client.vector_stores
    for call in (
        lambda: stores.create(name="x", nme="typo"),
        lambda: stores.update("vs_1", nme="typo"),
        lambda: stores.list(lmit=1),
        lambda: stores.search("vs_1", query="q", top_k=1),
        lambda: stores.files.create("vs_1", file_id="f", nme="typo"),
        lambda: stores.files.list("vs_1", lmit=1),
        lambda: stores.file_batches.cancel("b", vector_store_id="vs_1", force=True),
    ):
        with pytest.raises(TypeError, match="unexpected keyword argument"):
            call()  # type: ignore[call-arg]


def test_files_create_and_poll_sends_free_keywords_over_extra_body(
    mock: respx.MockRouter, client: Portkey, waits: List[float]
) -> None:
    created = mock.post("/vector_stores/vs_1/files").respond(200, json=FILE)
    mock.get("/vector_stores/vs_1/files/file-abc123").respond(200, json=FILE)
    client.vector_stores.files.create_and_poll(
        "file-abc123",
        vector_store_id="vs_1",
        chunking_strategy={"type": "auto"},
        extra_body={"a": 1, "b": 2},
        b=3,  # type: ignore[call-arg]
    )
    assert _body(created.calls.last.request) == {
        "file_id": "file-abc123",
        "chunking_strategy": {"type": "auto"},
        "a": 1,
        "b": 3,
    }
    assert waits == []


def test_retrieve_update_delete(mock: respx.MockRouter, client: Portkey) -> None:
    got = mock.get("/vector_stores/vs_abc123").respond(
        200, json=EXAMPLES["GET /vector_stores/{vector_store_id}"]
    )
    updated = mock.post("/vector_stores/vs_abc123").respond(
        200, json=EXAMPLES["POST /vector_stores/{vector_store_id}"]
    )
    deleted = mock.delete("/vector_stores/vs_abc123").respond(
        200, json=EXAMPLES["DELETE /vector_stores/{vector_store_id}"]
    )
    assert client.vector_stores.retrieve("vs_abc123").created_at == 1699061776
    assert got.calls.last.request.headers["OpenAI-Beta"] == BETA
    store = client.vector_stores.update("vs_abc123", name="Support FAQ", expires_after=None)
    assert _body(updated.calls.last.request) == {"name": "Support FAQ", "expires_after": None}
    assert isinstance(store, VectorStore) and store.name == "Support FAQ"
    gone = client.vector_stores.delete("vs_abc123")
    assert isinstance(gone, VectorStoreDeleted) and gone.deleted is True
    assert deleted.calls.last.request.content == b""
    with pytest.raises(ValueError, match="vector_store_id"):
        client.vector_stores.retrieve("")


def test_list_walks_every_page(mock: respx.MockRouter, client: Portkey) -> None:
    second = {**STORES, "data": [{**STORES["data"][0], "id": "vs_z"}], "has_more": False}
    route = mock.get("/vector_stores").mock(
        side_effect=[
            httpx.Response(200, json={**STORES, "has_more": True}),
            httpx.Response(200, json=second),
        ]
    )
    page = client.vector_stores.list(limit=2, order="desc", before="vs_0")
    assert isinstance(page, SyncPage) and isinstance(page.data[0], VectorStore)
    first = route.calls[0].request
    assert dict(first.url.params) == {"before": "vs_0", "limit": "2", "order": "desc"}
    assert first.headers["OpenAI-Beta"] == BETA
    ids = [store.id for store in page]
    assert ids == [*(s["id"] for s in STORES["data"]), "vs_z"]
    assert route.calls[1].request.url.params["after"] == STORES["last_id"]


def test_search_sends_filters_and_ranking_and_types_the_results(
    mock: respx.MockRouter, client: Portkey
) -> None:
    route = mock.post("/vector_stores/vs_1/search").respond(200, json=SEARCH)
    filters = {
        "type": "and",
        "filters": [
            {"type": "eq", "key": "author", "value": "John Doe"},
            {"type": "gte", "key": "year", "value": 2023},
        ],
    }
    page = client.vector_stores.search(
        "vs_1",
        query="What is the return policy?",
        filters=filters,
        max_num_results=5,
        ranking_options={"ranker": "auto", "score_threshold": 0.5},
        rewrite_query=True,
    )
    request = route.calls.last.request
    assert request.headers["OpenAI-Beta"] == BETA
    assert _body(request) == {
        "query": "What is the return policy?",
        "filters": filters,
        "max_num_results": 5,
        "ranking_options": {"ranker": "auto", "score_threshold": 0.5},
        "rewrite_query": True,
    }
    assert isinstance(page, SyncPage)
    assert page.search_query == "What is the return policy?"
    assert page.has_next_page() is False
    results = list(page)
    assert [type(r) for r in results] == [VectorStoreSearchResponse] * 2
    assert results[0].score == 0.95 and results[0].attributes == {
        "author": "John Doe",
        "date": "2023-01-01",
    }
    assert results[1].content[0].text == "Sample text content from the vector store."
    assert route.call_count == 1  # one page: no next page is asked for


# ---------------------------------------------------------------------------------------------
# Vector store files
# ---------------------------------------------------------------------------------------------


def test_files_crud_and_content(mock: respx.MockRouter, client: Portkey) -> None:
    files = client.vector_stores.files
    created = mock.post("/vector_stores/vs_1/files").respond(200, json=FILE)
    got = mock.get("/vector_stores/vs_1/files/file-abc123").respond(200, json=FILE)
    updated = mock.post("/vector_stores/vs_1/files/file-abc123").respond(
        200, json=EXAMPLES["POST /vector_stores/{vector_store_id}/files/{file_id}"]
    )
    deleted = mock.delete("/vector_stores/vs_1/files/file-abc123").respond(
        200, json=EXAMPLES["DELETE /vector_stores/{vector_store_id}/files/{file_id}"]
    )
    content = mock.get("/vector_stores/vs_1/files/file-abc123/content").respond(200, json=CONTENT)

    file = files.create(
        "vs_1",
        file_id="file-abc123",
        chunking_strategy={"type": "static", "static": {"max_chunk_size_tokens": 800}},
        attributes={"year": 2024},
    )
    assert _body(created.calls.last.request) == {
        "file_id": "file-abc123",
        "chunking_strategy": {"type": "static", "static": {"max_chunk_size_tokens": 800}},
        "attributes": {"year": 2024},
    }
    assert isinstance(file, VectorStoreFile)
    assert isinstance(file.chunking_strategy, StaticFileChunkingStrategyObject)
    assert file.chunking_strategy.static.chunk_overlap_tokens == 400
    assert_round_trip(file, FILE)

    assert files.retrieve("file-abc123", vector_store_id="vs_1").status == "completed"
    assert got.calls.last.request.headers["OpenAI-Beta"] == BETA

    file = files.update("file-abc123", vector_store_id="vs_1", attributes={"key1": "value1"})
    assert _body(updated.calls.last.request) == {"attributes": {"key1": "value1"}}
    assert file.attributes == {"key1": "value1", "key2": 2}

    gone = files.delete("file-abc123", vector_store_id="vs_1")
    assert isinstance(gone, VectorStoreFileDeleted) and gone.id == "file-abc123"
    assert deleted.call_count == 1

    parts = files.content("file-abc123", vector_store_id="vs_1")
    assert isinstance(parts, SyncPage)
    assert [type(p) for p in parts.data] == [FileContentResponse]
    assert parts.data[0].text == "Returns within 30 days." and parts.has_next_page() is False
    assert content.calls.last.request.headers["OpenAI-Beta"] == BETA


def test_files_list_filters_by_status(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.get("/vector_stores/vs_1/files").respond(200, json=FILES)
    page = client.vector_stores.files.list("vs_1", filter="completed", limit=10)
    assert dict(route.calls.last.request.url.params) == {"filter": "completed", "limit": "10"}
    assert [f.id for f in page] == ["file-abc123", "file-abc456"]
    assert all(isinstance(f, VectorStoreFile) for f in page.data)


def test_files_poll_looks_until_settled(
    mock: respx.MockRouter, client: Portkey, waits: List[float]
) -> None:
    route = mock.get("/vector_stores/vs_1/files/file-abc123").mock(
        side_effect=_states(
            FILE, {"status": "in_progress"}, {"status": "in_progress"}, {"status": "completed"}
        )
    )
    file = client.vector_stores.files.poll("file-abc123", vector_store_id="vs_1")
    assert file.status == "completed" and route.call_count == 3
    assert waits == [1.0, 1.0]  # no interval given, no header: each second
    request = route.calls.last.request
    assert request.headers["X-Stainless-Poll-Helper"] == "true"
    assert "X-Stainless-Custom-Poll-Interval" not in request.headers
    assert request.headers["OpenAI-Beta"] == BETA


def test_files_poll_follows_the_server_and_returns_a_failure(
    mock: respx.MockRouter, client: Portkey, waits: List[float]
) -> None:
    failed = {"status": "failed", "last_error": {"code": "invalid_file", "message": "bad"}}
    mock.get("/vector_stores/vs_1/files/file-abc123").mock(
        side_effect=[
            *_states(FILE, {"status": "in_progress"}, **{"openai-poll-after-ms": "300"}),
            *_states(FILE, {"status": "in_progress"}, failed),
        ]
    )
    file = client.vector_stores.files.poll("file-abc123", vector_store_id="vs_1")
    assert file.status == "failed" and file.last_error.code == "invalid_file"
    assert waits == [0.3, 1.0]


def test_files_create_and_poll(mock: respx.MockRouter, client: Portkey, waits: List[float]) -> None:
    created = mock.post("/vector_stores/vs_1/files").respond(
        200, json={**FILE, "status": "in_progress"}
    )
    polled = mock.get("/vector_stores/vs_1/files/file-abc123").mock(
        side_effect=_states(FILE, {"status": "in_progress"}, {"status": "completed"})
    )
    file = client.vector_stores.files.create_and_poll(
        "file-abc123",
        vector_store_id="vs_1",
        attributes={"k": "v"},
        poll_interval_ms=250,
        extra_headers={"x-a": "1"},
    )
    assert file.status == "completed"
    assert _body(created.calls.last.request) == {"file_id": "file-abc123", "attributes": {"k": "v"}}
    assert created.calls.last.request.headers["x-a"] == "1"
    assert "X-Stainless-Poll-Helper" not in created.calls.last.request.headers
    assert polled.call_count == 2 and waits == [0.25]
    assert polled.calls.last.request.headers["X-Stainless-Custom-Poll-Interval"] == "250"


def test_files_upload_and_upload_and_poll(
    mock: respx.MockRouter, client: Portkey, waits: List[float]
) -> None:
    uploads = mock.post("/files").respond(200, json=UPLOADED)
    attached = mock.post("/vector_stores/vs_1/files").respond(
        200, json={**FILE, "id": "file-up", "status": "in_progress"}
    )
    mock.get("/vector_stores/vs_1/files/file-up").mock(
        side_effect=_states({**FILE, "id": "file-up"}, {"status": "in_progress"}, {})
    )
    file = client.vector_stores.files.upload(
        vector_store_id="vs_1", file=("a.txt", b"hello"), chunking_strategy={"type": "auto"}
    )
    assert file.id == "file-up" and file.status == "in_progress"
    form = uploads.calls.last.request.content
    assert b'name="purpose"\r\n\r\nassistants' in form and b"hello" in form
    assert _body(attached.calls.last.request) == {
        "file_id": "file-up",
        "chunking_strategy": {"type": "auto"},
    }

    file = client.vector_stores.files.upload_and_poll(
        vector_store_id="vs_1", file=("a.txt", b"hello"), poll_interval_ms=10
    )
    assert file.status == "completed" and waits == [0.01]
    assert _body(attached.calls.last.request) == {"file_id": "file-up"}
    assert uploads.call_count == 2


# ---------------------------------------------------------------------------------------------
# File batches
# ---------------------------------------------------------------------------------------------

BATCH_PATH = "/vector_stores/vs_abc123/file_batches/vsfb_abc123"


def _counts(in_progress: int, completed: int, failed: int = 0) -> Dict[str, Any]:
    total = in_progress + completed + failed
    status = "in_progress" if in_progress else "completed"
    counts = {"in_progress": in_progress, "completed": completed, "failed": failed}
    return {"status": status, "file_counts": {**counts, "cancelled": 0, "total": total}}


def test_file_batches_create_retrieve_cancel_list_files(
    mock: respx.MockRouter, client: Portkey
) -> None:
    batches = client.vector_stores.file_batches
    created = mock.post("/vector_stores/vs_abc123/file_batches").respond(200, json=BATCH)
    mock.get(BATCH_PATH).respond(200, json=BATCH)
    cancelled = mock.post(BATCH_PATH + "/cancel").respond(
        200, json={**BATCH, "status": "cancelling"}
    )
    files = mock.get(BATCH_PATH + "/files").respond(200, json=FILES)

    batch = batches.create(
        "vs_abc123",
        files=[{"file_id": "file-1", "attributes": {"a": 1}}],
        chunking_strategy={"type": "auto"},
        attributes={"b": True},
    )
    assert _body(created.calls.last.request) == {
        "files": [{"file_id": "file-1", "attributes": {"a": 1}}],
        "chunking_strategy": {"type": "auto"},
        "attributes": {"b": True},
    }
    assert isinstance(batch, VectorStoreFileBatch) and batch.file_counts.in_progress == 1
    assert_round_trip(batch, BATCH)
    assert batches.retrieve("vsfb_abc123", vector_store_id="vs_abc123").id == "vsfb_abc123"
    batch = batches.cancel("vsfb_abc123", vector_store_id="vs_abc123")
    assert batch.status == "cancelling"  # a value the spec does not list is kept
    assert cancelled.calls.last.request.content == b""
    assert cancelled.calls.last.request.headers["OpenAI-Beta"] == BETA
    page = batches.list_files("vsfb_abc123", vector_store_id="vs_abc123", filter="failed")
    assert files.calls.last.request.url.params["filter"] == "failed"
    assert [f.id for f in page] == ["file-abc123", "file-abc456"]


def test_file_batches_poll_until_no_file_is_in_progress(
    mock: respx.MockRouter, client: Portkey, waits: List[float]
) -> None:
    route = mock.get(BATCH_PATH).mock(
        side_effect=_states(BATCH, _counts(2, 0), _counts(1, 1), _counts(0, 1, failed=1))
    )
    batch = client.vector_stores.file_batches.poll(
        "vsfb_abc123", vector_store_id="vs_abc123", poll_interval_ms=50
    )
    assert route.call_count == 3 and waits == [0.05, 0.05]
    assert batch.status == "completed" and batch.file_counts.failed == 1
    assert route.calls.last.request.headers["X-Stainless-Custom-Poll-Interval"] == "50"


def test_file_batches_create_and_poll(
    mock: respx.MockRouter, client: Portkey, waits: List[float]
) -> None:
    created = mock.post("/vector_stores/vs_abc123/file_batches").respond(200, json=BATCH)
    mock.get(BATCH_PATH).mock(side_effect=_states(BATCH, _counts(1, 0), _counts(0, 1)))
    batch = client.vector_stores.file_batches.create_and_poll("vs_abc123", file_ids=["f1", "f2"])
    assert batch.status == "completed" and waits == [1.0]
    assert _body(created.calls.last.request) == {"file_ids": ["f1", "f2"]}


def test_file_batches_upload_and_poll(
    mock: respx.MockRouter, client: Portkey, waits: List[float]
) -> None:
    names: List[str] = []

    def upload(request: httpx.Request) -> httpx.Response:
        name = request.content.split(b'filename="')[1].split(b'"')[0].decode()
        names.append(name)
        return httpx.Response(200, json={**UPLOADED, "id": "id-" + name, "filename": name})

    uploads = mock.post("/files").mock(side_effect=upload)
    created = mock.post("/vector_stores/vs_abc123/file_batches").respond(200, json=BATCH)
    mock.get(BATCH_PATH).mock(side_effect=_states(BATCH, _counts(3, 0), _counts(0, 4)))
    files = [(f"{n}.txt", n.encode()) for n in "abc"]
    batch = client.vector_stores.file_batches.upload_and_poll(
        "vs_abc123",
        files=files,
        max_concurrency=2,
        file_ids=["file-old"],
        chunking_strategy={"type": "auto"},
        poll_interval_ms=5,
    )
    assert batch.file_counts.completed == 4 and waits == [0.005]
    assert uploads.call_count == 3 and sorted(names) == ["a.txt", "b.txt", "c.txt"]
    assert all(b'name="purpose"\r\n\r\nassistants' in c.request.content for c in uploads.calls)
    assert _body(created.calls.last.request) == {
        "file_ids": ["file-old", "id-a.txt", "id-b.txt", "id-c.txt"],
        "chunking_strategy": {"type": "auto"},
    }


def test_file_batches_upload_failure_is_raised_before_any_batch(
    mock: respx.MockRouter, client: Portkey
) -> None:
    mock.post("/files").mock(
        side_effect=[
            httpx.Response(200, json=UPLOADED),
            httpx.Response(400, json={"error": {"message": "bad file", "type": "invalid"}}),
        ]
    )
    created = mock.post("/vector_stores/vs_abc123/file_batches").respond(200, json=BATCH)
    with pytest.raises(BadRequestError, match="bad file"):
        client.vector_stores.file_batches.upload_and_poll(
            "vs_abc123", files=[("a.txt", b"a"), ("b.txt", b"b")], max_concurrency=1
        )
    assert created.call_count == 0


# ---------------------------------------------------------------------------------------------
# Async
# ---------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_async_crud_search_and_pages(mock: respx.MockRouter) -> None:
    mock.post("/vector_stores").respond(200, json=STORE)
    listed = mock.get("/vector_stores").mock(
        side_effect=[
            httpx.Response(200, json={**STORES, "has_more": False}),
            httpx.Response(200, json={**STORES, "has_more": True}),
            httpx.Response(200, json={**STORES, "data": [], "has_more": False}),
        ]
    )
    searched = mock.post("/vector_stores/vs_1/search").respond(200, json=SEARCH)
    mock.delete("/vector_stores/vs_1").respond(
        200, json=EXAMPLES["DELETE /vector_stores/{vector_store_id}"]
    )
    async with AsyncPortkey(api_key="pk", virtual_key="vk") as client:
        store = await client.vector_stores.create(name="Support FAQ")
        assert isinstance(store, VectorStore) and store.id == "vs_abc123"
        page = await client.vector_stores.list(limit=2)
        assert isinstance(page, AsyncPage) and len(page.data) == len(STORES["data"])
        ids = [s.id async for s in client.vector_stores.list(limit=2)]
        assert ids == [s["id"] for s in STORES["data"]]
        assert listed.call_count == 3
        results = await client.vector_stores.search("vs_1", query=["a", "b"])
        assert _body(searched.calls.last.request) == {"query": ["a", "b"]}
        assert isinstance(results.data[0], VectorStoreSearchResponse)
        assert (await client.vector_stores.delete("vs_1")).deleted is True
        parts = client.vector_stores.files.content("f", vector_store_id="vs_1")
        mock.get("/vector_stores/vs_1/files/f/content").respond(200, json=CONTENT)
        assert [p.text async for p in parts] == ["Returns within 30 days."]


@pytest.mark.anyio
async def test_async_polling_helpers(mock: respx.MockRouter, waits: List[float]) -> None:
    mock.post("/files").respond(200, json=UPLOADED)
    mock.post("/vector_stores/vs_1/files").respond(200, json={**FILE, "id": "file-up"})
    mock.get("/vector_stores/vs_1/files/file-up").mock(
        side_effect=_states(
            {**FILE, "id": "file-up"},
            {"status": "in_progress"},
            {"status": "in_progress"},
            {"status": "cancelled"},
            **{"openai-poll-after-ms": "20"},
        )
    )
    created = mock.post("/vector_stores/vs_abc123/file_batches").respond(200, json=BATCH)
    polled = mock.get(BATCH_PATH).mock(
        side_effect=_states(BATCH, _counts(2, 1), _counts(1, 2), _counts(0, 3))
    )
    async with AsyncPortkey(api_key="pk", virtual_key="vk") as client:
        file = await client.vector_stores.files.upload_and_poll(
            vector_store_id="vs_1", file=("a.txt", b"hello")
        )
        assert file.status == "cancelled" and waits == [0.02, 0.02]
        waits.clear()
        batch = await client.vector_stores.file_batches.upload_and_poll(
            "vs_abc123", files=[("x.txt", b"x"), ("y.txt", b"y")], poll_interval_ms=100
        )
        assert batch.file_counts.completed == 3 and waits == [0.1, 0.1]
        assert _body(created.calls.last.request) == {"file_ids": ["file-up", "file-up"]}
        assert polled.calls.last.request.headers["X-Stainless-Poll-Helper"] == "true"
        mock.post(BATCH_PATH + "/cancel").respond(200, json=BATCH)
        batch = await client.vector_stores.file_batches.cancel(
            "vsfb_abc123", vector_store_id="vs_abc123"
        )
        assert isinstance(batch, VectorStoreFileBatch)


@pytest.mark.anyio
async def test_async_upload_and_poll_uploads_at_most_max_concurrency_at_once(
    mock: respx.MockRouter, waits: List[float]
) -> None:
    import anyio

    running: List[int] = [0, 0]  # now, most at once

    async def upload(request: httpx.Request) -> httpx.Response:
        running[0] += 1
        running[1] = max(running)
        await anyio.sleep(0.01)
        running[0] -= 1
        return httpx.Response(200, json=UPLOADED)

    uploads = mock.post("/files").mock(side_effect=upload)
    mock.post("/vector_stores/vs_abc123/file_batches").respond(200, json=BATCH)
    mock.get(BATCH_PATH).respond(200, json={**BATCH, **_counts(0, 5)})
    async with AsyncPortkey(api_key="pk", virtual_key="vk") as client:
        batch = await client.vector_stores.file_batches.upload_and_poll(
            "vs_abc123", files=[(f"{n}.txt", b"x") for n in range(5)], max_concurrency=2
        )
    assert batch.file_counts.completed == 5 and waits == []
    assert uploads.call_count == 5 and running[1] == 2


def test_the_client_deadline_bounds_a_poll(mock: respx.MockRouter, waits: List[float]) -> None:
    route = mock.get(BATCH_PATH).respond(200, json={**BATCH, **_counts(1, 0)})
    with Portkey(api_key="pk", virtual_key="vk", deadline=0.5) as client:
        with pytest.raises(WaitTimeoutError, match="deadline"):
            client.vector_stores.file_batches.poll(
                "vsfb_abc123", vector_store_id="vs_abc123", poll_interval_ms=600
            )
    assert route.call_count == 1 and waits == []
