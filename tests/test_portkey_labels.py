"""``client.labels`` and ``client.collections`` through both clients and respx: each call's
wire (method, path, query, JSON body) is what the official ``portkey-ai`` 2.3.4 sends for it
(read from its ``apis/labels.py`` and ``apis/collections.py`` and checked by running it under
respx), and each answer comes back typed.

The Portkey spec gives no example for these operations, so the answers are built from its
schemas (Label, CreateLabelResponse, ListLabelsResponse, CollectionWithDetails,
CollectionWithChildCollections and the inline create answer), the error body from its
ErrorResponse."""

from __future__ import annotations

from typing import Any, Dict, Iterator

import httpx
import pytest
import respx
from both_clients import BASE, call, items, sent_body

from portkey import (
    ConflictError,
    NotFoundError,
    UnprocessableEntityError,
)
from portkey._generic import GenericResponse
from portkey.types.collections import (
    ChildCollection,
    CollectionCreateResponse,
    CollectionDetails,
    CollectionWithChildCollections,
    CollectionWithDetails,
)
from portkey.types.labels import Label, LabelCreateResponse

MODES = ["sync", "async"]
LABEL_ID = "9c8b7a6d-0d44-4b50-8888-8dd25736052a"
ORG_ID = "1f2e3d4c-0d44-4b50-8888-8dd25736052a"
WORKSPACE_ID = "ws-support"
COLLECTION_ID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
# components/schemas/Label, every field given.
LABEL: Dict[str, Any] = {
    "id": LABEL_ID,
    "name": "staging",
    "description": "Versions under test",
    "color_code": "#F5A623",
    "organisation_id": ORG_ID,
    "workspace_id": "2a3b4c5d-0d44-4b50-8888-8dd25736052a",
    "is_universal": False,
    "created_at": "2025-01-10T09:00:00Z",
    "last_updated_at": "2025-01-11T09:00:00Z",
    "status": "active",
}
DETAILS: Dict[str, Any] = {
    "child_collections_count": 1,
    "prompts_count": 4,
    "child_collections_last_updated_at": "2025-01-12T09:00:00Z",
    "prompts_last_updated_at": "2025-01-13T09:00:00Z",
}
COLLECTION: Dict[str, Any] = {
    "id": COLLECTION_ID,
    "name": "Support",
    "workspace_id": "2a3b4c5d-0d44-4b50-8888-8dd25736052a",
    "slug": "support-3c9",
    "parent_collection_id": None,
    "is_default": False,
    "status": "active",
    "created_at": "2025-01-10T09:00:00Z",
    "last_updated_at": "2025-01-13T09:00:00Z",
}


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def error(message: str) -> Dict[str, Any]:
    """components/schemas/ErrorResponse."""
    return {"error": {"type": "invalid_request", "message": message, "param": None, "code": None}}


# --- labels


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_label_create(mode: str, mock: respx.MockRouter) -> None:
    route = mock.post("/labels").respond(200, json={"id": LABEL_ID})
    made = await call(mode, "labels.create", name="staging")
    assert sent_body(route) == {"name": "staging"}
    assert isinstance(made, LabelCreateResponse) and made.id == LABEL_ID
    await call(
        mode,
        "labels.create",
        name="staging",
        organization_id=ORG_ID,
        workspace_id=WORKSPACE_ID,
        description="Versions under test",
        color_code="#F5A623",
    )
    # organization_id as the official spells it; the spec's organisation_id is sent as given.
    assert sent_body(route) == {
        "name": "staging",
        "organization_id": ORG_ID,
        "workspace_id": WORKSPACE_ID,
        "description": "Versions under test",
        "color_code": "#F5A623",
    }
    await call(mode, "labels.create", name="staging", organisation_id=ORG_ID)
    assert sent_body(route) == {"name": "staging", "organisation_id": ORG_ID}
    with pytest.raises(TypeError, match="name"):
        await call(mode, "labels.create", description="no name")
    with pytest.raises(TypeError, match="colour"):  # no free keywords, as in the official
        await call(mode, "labels.create", name="x", colour="red")


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_label_list_pages_by_number(mode: str, mock: respx.MockRouter) -> None:
    second = dict(LABEL, id="second", name="prod")
    route = mock.get("/labels").mock(
        side_effect=[
            httpx.Response(200, json={"total": 2, "data": [LABEL]}),
            httpx.Response(200, json={"total": 2, "data": [second]}),
        ]
    )
    page = await call(
        mode, "labels.list", page_size=1, workspace_id=WORKSPACE_ID, organization_id=ORG_ID
    )
    assert isinstance(page.data[0], Label) and page.data[0].to_dict() == LABEL
    assert [label.name for label in await items(mode, page)] == ["staging", "prod"]
    assert [c.request.url.query.decode() for c in route.calls] == [
        f"organization_id={ORG_ID}&workspace_id={WORKSPACE_ID}&page_size=1",
        f"organization_id={ORG_ID}&workspace_id={WORKSPACE_ID}&page_size=1&current_page=1",
    ]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_label_retrieve_update_delete(mode: str, mock: respx.MockRouter) -> None:
    get = mock.get(f"/labels/{LABEL_ID}").respond(200, json=LABEL)
    update = mock.put(f"/labels/{LABEL_ID}").respond(200, json={})
    delete = mock.delete(f"/labels/{LABEL_ID}").respond(200, json={})

    got = await call(mode, "labels.retrieve", LABEL_ID)
    assert isinstance(got, Label) and got.color_code == "#F5A623" and got.is_universal is False
    assert get.calls.last.request.url.query == b""
    await call(mode, "labels.retrieve", LABEL_ID, workspace_id=WORKSPACE_ID)
    assert get.calls.last.request.url.query == f"workspace_id={WORKSPACE_ID}".encode()

    done = await call(mode, "labels.update", LABEL_ID, name="qa", color_code="#000000")
    assert sent_body(update) == {"name": "qa", "color_code": "#000000"}
    assert isinstance(done, GenericResponse)
    await call(mode, "labels.update", label_id=LABEL_ID)
    assert update.calls.last.request.content == b"{}"  # as the official

    assert isinstance(await call(mode, "labels.delete", LABEL_ID), GenericResponse)
    assert delete.calls.last.request.content == b""


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_label_errors(mode: str, mock: respx.MockRouter) -> None:
    mock.post("/labels").respond(409, json=error("Label with name staging already exists"))
    mock.put(f"/labels/{LABEL_ID}").respond(422, json=error("name: must not be 'latest'"))
    with pytest.raises(ConflictError, match="already exists") as dup:
        await call(mode, "labels.create", name="staging")
    assert dup.value.status_code == 409
    with pytest.raises(UnprocessableEntityError, match="must not be 'latest'"):
        await call(mode, "labels.update", LABEL_ID, name="latest")


# --- collections


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_collection_create_takes_positional_fields(mode: str, mock: respx.MockRouter) -> None:
    route = mock.post("/collections").respond(200, json={"id": COLLECTION_ID, "slug": "s-3c9"})
    made = await call(mode, "collections.create", "Support")
    assert sent_body(route) == {"name": "Support"}
    assert isinstance(made, CollectionCreateResponse)
    assert (made.id, made.slug) == (COLLECTION_ID, "s-3c9")
    await call(mode, "collections.create", "Billing", WORKSPACE_ID, COLLECTION_ID)
    assert sent_body(route) == {
        "name": "Billing",
        "workspace_id": WORKSPACE_ID,
        "parent_collection_id": COLLECTION_ID,
    }
    await call(mode, "collections.create", name="Billing", parent_collection_id=COLLECTION_ID)
    assert sent_body(route) == {"name": "Billing", "parent_collection_id": COLLECTION_ID}
    with pytest.raises(TypeError):
        await call(mode, "collections.create")
    with pytest.raises(TypeError, match="parent_id"):
        await call(mode, "collections.create", "x", parent_id="y")


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_collection_list_pages_by_number(mode: str, mock: respx.MockRouter) -> None:
    first = {**COLLECTION, "collection_details": DETAILS}
    second = {**COLLECTION, "id": "second", "name": "Billing", "collection_details": DETAILS}
    route = mock.get("/collections").mock(
        side_effect=[
            httpx.Response(200, json={"total": 3, "data": [first]}),
            httpx.Response(200, json={"total": 3, "data": [second]}),
        ]
    )
    page = await call(
        mode, "collections.list", workspace_id=WORKSPACE_ID, page_size=1, current_page=1
    )
    item = page.data[0]
    assert isinstance(item, CollectionWithDetails) and item.to_dict() == first
    assert isinstance(item.collection_details, CollectionDetails)
    assert item.collection_details.prompts_count == 4
    assert [c.name for c in await items(mode, page)] == ["Support", "Billing"]
    assert [c.request.url.query.decode() for c in route.calls] == [
        f"workspace_id={WORKSPACE_ID}&current_page=1&page_size=1",
        f"workspace_id={WORKSPACE_ID}&current_page=2&page_size=1",
    ]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_collection_retrieve_update_delete(mode: str, mock: respx.MockRouter) -> None:
    child = {
        "id": "4d5e6f70-0d44-4b50-8888-8dd25736052a",
        "name": "Refunds",
        "last_updated_at": "2025-01-12T09:00:00Z",
        "collection_details": DETAILS,
    }
    detail = {**COLLECTION, "child_collections": [child]}
    mock.get("/collections/support-3c9").respond(200, json=detail)
    update = mock.put("/collections/support-3c9").respond(200, json={})
    delete = mock.delete("/collections/support-3c9").respond(200, json={})

    got = await call(mode, "collections.retrieve", "support-3c9")
    assert isinstance(got, CollectionWithChildCollections) and got.to_dict() == detail
    assert got.child_collections is not None
    assert isinstance(got.child_collections[0], ChildCollection)
    assert got.child_collections[0].name == "Refunds"

    done = await call(mode, "collections.update", "support-3c9", name="Customer support")
    assert sent_body(update) == {"name": "Customer support"} and isinstance(done, GenericResponse)
    await call(mode, "collections.update", "support-3c9")
    assert update.calls.last.request.content == b"{}"  # as the official

    assert isinstance(await call(mode, "collections.delete", "support-3c9"), GenericResponse)
    assert delete.calls.last.request.content == b""


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_collection_errors(mode: str, mock: respx.MockRouter) -> None:
    mock.delete("/collections/default").respond(
        404, json=error("Collection not found or trying to delete default collection")
    )
    with pytest.raises(NotFoundError, match="delete default collection") as lost:
        await call(mode, "collections.delete", "default")
    assert lost.value.status_code == 404
