"""The prompt library (``client.prompts`` create/list/retrieve/update/delete/publish,
``prompts.versions``, ``prompts.partials`` and ``prompts.partials.versions``) through both
clients and respx: each call's wire (method, path, query, JSON body) is what the official
``portkey-ai`` 2.3.4 sends for it (read from its ``apis/generation.py`` and checked by running
it under respx), and each answer comes back typed.

The Portkey spec (``shared/specs/portkey/openapi.yaml``) gives no example for these
operations, so the answers are built from its schemas (Prompt, PromptSummary,
PromptVersionSummary, PromptPartial, PromptPartialSummary, PromptPartialVersion and the
inline create/update answers), and the error body from its ErrorResponse."""

from __future__ import annotations

from typing import Any, Dict, Iterator

import httpx
import pytest
import respx
from both_clients import BASE, call, items, sent_body

from portkey import (
    APIResponseValidationError,
    NotFoundError,
    PermissionDeniedError,
)
from portkey._generic import GenericResponse
from portkey.types.prompt_library import (
    Prompt,
    PromptCreateResponse,
    PromptPartial,
    PromptPartialCreateResponse,
    PromptPartialSummary,
    PromptPartialUpdateResponse,
    PromptPartialVersion,
    PromptSummary,
    PromptUpdateResponse,
    PromptVersionSummary,
)

MODES = ["sync", "async"]
PROMPT_ID = "5f6b1c2e-0d44-4b50-8888-8dd25736052a"
VERSION_ID = "0a1b2c3d-0d44-4b50-8888-8dd25736052a"
LABEL_ID = "9c8b7a6d-0d44-4b50-8888-8dd25736052a"
COLLECTION_ID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
# A Prompt (components/schemas/Prompt), every field given.
PROMPT: Dict[str, Any] = {
    "id": PROMPT_ID,
    "slug": "pp-support-7a1",
    "name": "Support reply",
    "collection_id": COLLECTION_ID,
    "string": "You are a support agent. Answer {{question}}",
    "parameters": {"temperature": 0.2, "max_tokens": 256},
    "prompt_version": 3,
    "prompt_version_id": VERSION_ID,
    "prompt_version_status": "active",
    "prompt_version_description": "shorter answers",
    "prompt_version_label_id": LABEL_ID,
    "virtual_key": "openai-prod",
    "model": "gpt-4o-mini",
    "functions": [],
    "tools": [{"type": "function", "function": {"name": "lookup"}}],
    "tool_choice": {"type": "auto"},
    "template_metadata": {"owner": "support"},
    "is_raw_template": False,
    "status": "active",
    "created_at": "2025-01-10T09:00:00Z",
    "last_updated_at": "2025-02-01T12:30:00Z",
}
SUMMARY: Dict[str, Any] = {
    "id": PROMPT_ID,
    "slug": "pp-support-7a1",
    "name": "Support reply",
    "collection_id": COLLECTION_ID,
    "model": "gpt-4o-mini",
    "status": "active",
    "created_at": "2025-01-10T09:00:00Z",
    "last_updated_at": "2025-02-01T12:30:00Z",
    "object": "prompt",
}
VERSION: Dict[str, Any] = {
    "id": VERSION_ID,
    "prompt_id": PROMPT_ID,
    "prompt_template": {"string": "Answer {{question}}", "parameters": {"temperature": 0.2}},
    "prompt_version": 3,
    "prompt_description": "shorter answers",
    "label_id": LABEL_ID,
    "created_at": "2025-02-01T12:30:00Z",
    "status": "active",
    "object": "prompt",
}
PARTIAL: Dict[str, Any] = {
    "id": "7d1e2f3a-0d44-4b50-8888-8dd25736052a",
    "slug": "pl-tone-2b9",
    "name": "Tone",
    "collection_id": COLLECTION_ID,
    "string": "Be kind and brief.",
    "version": 2,
    "version_description": "kinder",
    "prompt_partial_version_id": "1e2f3a4b-0d44-4b50-8888-8dd25736052a",
    "created_at": "2025-01-11T09:00:00Z",
    "last_updated_at": "2025-01-12T09:00:00Z",
    "status": "active",
}
PARTIAL_SUMMARY: Dict[str, Any] = {
    "id": PARTIAL["id"],
    "slug": "pl-tone-2b9",
    "name": "Tone",
    "collection_id": COLLECTION_ID,
    "created_at": "2025-01-11T09:00:00Z",
    "last_updated_at": "2025-01-12T09:00:00Z",
    "status": "active",
    "object": "partial",
}
PARTIAL_VERSION: Dict[str, Any] = {
    "prompt_partial_id": PARTIAL["id"],
    "prompt_partial_version_id": PARTIAL["prompt_partial_version_id"],
    "slug": "pl-tone-2b9",
    "version": "2",
    "string": "Be kind and brief.",
    "description": "kinder",
    "created_at": "2025-01-12T09:00:00Z",
    "prompt_version_status": "active",
    "object": "partial",
}


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create_sends_the_fields_given(mode: str, mock: respx.MockRouter) -> None:
    answer = {"id": PROMPT_ID, "slug": "pp-support-7a1", "version_id": VERSION_ID}
    route = mock.post("/prompts").respond(200, json={**answer, "object": "prompt"})
    made = await call(
        mode,
        "prompts.create",
        name="Support reply",
        collection_id=COLLECTION_ID,
        string="Answer {{question}}",
        parameters={"temperature": 0.2},
    )
    assert sent_body(route) == {
        "name": "Support reply",
        "collection_id": COLLECTION_ID,
        "string": "Answer {{question}}",
        "parameters": {"temperature": 0.2},
    }
    assert isinstance(made, PromptCreateResponse)
    assert (made.id, made.slug, made.version_id, made.object) == (
        PROMPT_ID,
        "pp-support-7a1",
        VERSION_ID,
        "prompt",
    )
    everything = {
        "name": "n",
        "collection_id": "c",
        "string": "s",
        "parameters": {},
        "virtual_key": "openai-prod",
        "model": "gpt-4o-mini",
        "functions": [{"name": "f"}],
        "tools": [{"type": "function"}],
        "tool_choice": {"type": "auto"},
        "version_description": "first",
        "template_metadata": {"k": "v"},
    }
    await call(mode, "prompts.create", **everything)
    assert sent_body(route) == everything
    assert route.calls.last.request.url.query == b""


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_bad_calls_are_refused_before_sending(mode: str, mock: respx.MockRouter) -> None:
    route = mock.route().respond(200, json={})
    with pytest.raises(TypeError, match="parameters"):  # required, as in the official
        await call(mode, "prompts.create", name="n", collection_id="c", string="s")
    with pytest.raises(TypeError, match="prompt_id"):  # no free keywords, as in the official
        await call(mode, "prompts.update", "p", prompt_id="x")
    with pytest.raises(TypeError, match="version"):
        await call(mode, "prompts.publish", "p")
    with pytest.raises(TypeError):  # keyword-only, as in the official
        await call(mode, "prompts.create", "n")
    with pytest.raises(ValueError, match="prompt_slug"):
        await call(mode, "prompts.retrieve", "")
    assert not route.called


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_list_pages_by_number(mode: str, mock: respx.MockRouter) -> None:
    second = dict(SUMMARY, id="second", slug="pp-second")
    route = mock.get("/prompts").mock(
        side_effect=[
            httpx.Response(200, json={"data": [SUMMARY], "total": 2}),
            httpx.Response(200, json={"data": [second], "total": 2}),
        ]
    )
    page = await call(
        mode, "prompts.list", collection_id=COLLECTION_ID, page_size=1, search="support bot"
    )
    assert page.total == 2 and isinstance(page.data[0], PromptSummary)
    assert page.data[0].to_dict() == SUMMARY
    assert [p.slug for p in await items(mode, page)] == ["pp-support-7a1", "pp-second"]
    assert [c.request.url.query for c in route.calls] == [
        f"collection_id={COLLECTION_ID}&page_size=1&search=support+bot".encode(),
        f"collection_id={COLLECTION_ID}&page_size=1&search=support+bot&current_page=1".encode(),
    ]
    route.side_effect = None
    route.return_value = httpx.Response(200, json={"data": [], "total": 0})
    empty = await call(mode, "prompts.list")
    assert route.calls.last.request.url.query == b"" and empty.data == []


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_list_sends_the_official_query(mode: str, mock: respx.MockRouter) -> None:
    route = mock.get("/prompts").respond(200, json={"data": [], "total": 0})
    await call(
        mode,
        "prompts.list",
        search="q",
        page_size=10,
        current_page=0,
        workspace_id="ws",
        collection_id="c",
    )
    # The official's order, whatever the order of the keywords.
    assert route.calls.last.request.url.query == (
        b"collection_id=c&workspace_id=ws&current_page=0&page_size=10&search=q"
    )


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_retrieve_update_delete_publish(mode: str, mock: respx.MockRouter) -> None:
    mock.get("/prompts/pp-support-7a1").respond(200, json=PROMPT)
    update = mock.put("/prompts/pp-support-7a1").respond(
        200, json={"id": PROMPT_ID, "slug": "pp-support-7a1", "prompt_version_id": VERSION_ID}
    )
    delete = mock.delete("/prompts/pp-support-7a1").respond(200, json={})
    publish = mock.put("/prompts/pp-support-7a1/makeDefault").respond(200, json={})

    got = await call(mode, "prompts.retrieve", "pp-support-7a1")
    assert isinstance(got, Prompt) and got.to_dict() == PROMPT
    assert got.prompt_version_status == "active" and got.tools is not None
    assert got.tools[0]["function"]["name"] == "lookup"

    updated = await call(
        mode, "prompts.update", "pp-support-7a1", string="Answer {{q}}", patch=True
    )
    assert sent_body(update) == {"string": "Answer {{q}}", "patch": True}
    assert isinstance(updated, PromptUpdateResponse)
    assert updated.prompt_version_id == VERSION_ID
    await call(mode, "prompts.update", prompt_slug="pp-support-7a1")
    assert update.calls.last.request.content == b"{}"  # as the official

    gone = await call(mode, "prompts.delete", "pp-support-7a1")
    assert isinstance(gone, GenericResponse) and gone.to_dict(exclude_none=True) == {}
    assert delete.calls.last.request.content == b""

    published = await call(mode, "prompts.publish", "pp-support-7a1", version=3)
    assert sent_body(publish) == {"version": 3} and isinstance(published, GenericResponse)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_slugs_are_one_path_segment(mode: str, mock: respx.MockRouter) -> None:
    route = mock.get(url__regex=r".*/prompts/a%2Fb$").respond(200, json=PROMPT)
    await call(mode, "prompts.retrieve", "a/b")
    assert route.called


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_versions(mode: str, mock: respx.MockRouter) -> None:
    base = "/prompts/pp-support-7a1/versions"
    listing = mock.get(base).respond(200, json=[VERSION, dict(VERSION, prompt_version=2)])
    mock.get(f"{base}/{VERSION_ID}").respond(200, json=PROMPT)
    update = mock.put(f"{base}/{VERSION_ID}").respond(200, json={})

    page = await call(mode, "prompts.versions.list", "pp-support-7a1")
    assert [v.prompt_version for v in await items(mode, page)] == [3, 2]
    assert isinstance(page.data[0], PromptVersionSummary) and page.data[0].to_dict() == VERSION
    assert not page.has_next_page()
    # The same list in a {"data": [...]} envelope reads the same.
    listing.return_value = httpx.Response(200, json={"data": [VERSION], "total": 1})
    page = await call(mode, "prompts.versions.list", "pp-support-7a1")
    assert [v.label_id for v in page.data] == [LABEL_ID] and page.total == 1

    got = await call(mode, "prompts.versions.retrieve", "pp-support-7a1", VERSION_ID)
    assert isinstance(got, Prompt) and got.prompt_version_id == VERSION_ID
    done = await call(
        mode, "prompts.versions.update", "pp-support-7a1", VERSION_ID, label_id=LABEL_ID
    )
    assert sent_body(update) == {"label_id": LABEL_ID} and isinstance(done, GenericResponse)
    await call(mode, "prompts.versions.update", "pp-support-7a1", VERSION_ID)
    assert update.calls.last.request.content == b"{}"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_partials(mode: str, mock: respx.MockRouter) -> None:
    create = mock.post("/prompts/partials").respond(
        200,
        json={"id": PARTIAL["id"], "slug": "pl-tone-2b9", "version_id": VERSION_ID},
    )
    listing = mock.get("/prompts/partials").respond(200, json=[PARTIAL_SUMMARY])
    mock.get("/prompts/partials/pl-tone-2b9").respond(200, json=PARTIAL)
    update = mock.put("/prompts/partials/pl-tone-2b9").respond(
        200, json={"prompt_partial_version_id": PARTIAL["prompt_partial_version_id"]}
    )
    delete = mock.delete("/prompts/partials/pl-tone-2b9").respond(200, json={})
    publish = mock.put("/prompts/partials/pl-tone-2b9/makeDefault").respond(200, json={})
    versions = mock.get("/prompts/partials/pl-tone-2b9/versions").respond(
        200, json=[PARTIAL_VERSION]
    )

    made = await call(mode, "prompts.partials.create", name="Tone", string="Be kind.")
    assert sent_body(create) == {"name": "Tone", "string": "Be kind."}
    assert isinstance(made, PromptPartialCreateResponse) and made.slug == "pl-tone-2b9"
    await call(
        mode,
        "prompts.partials.create",
        name="Tone",
        string="Be kind.",
        workspace_id="ws",
        version_description="first",
    )
    assert sent_body(create) == {
        "name": "Tone",
        "string": "Be kind.",
        "workspace_id": "ws",
        "version_description": "first",
    }

    page = await call(mode, "prompts.partials.list", collection_id=COLLECTION_ID)
    assert listing.calls.last.request.url.query == f"collection_id={COLLECTION_ID}".encode()
    assert [p.to_dict() for p in await items(mode, page)] == [PARTIAL_SUMMARY]
    assert isinstance(page.data[0], PromptPartialSummary)

    got = await call(mode, "prompts.partials.retrieve", "pl-tone-2b9")
    assert isinstance(got, PromptPartial) and got.to_dict() == PARTIAL

    changed = await call(
        mode,
        "prompts.partials.update",
        "pl-tone-2b9",
        string="Be kinder.",
        description="kinder",
        status="active",
    )
    assert sent_body(update) == {
        "string": "Be kinder.",
        "description": "kinder",
        "status": "active",
    }
    assert isinstance(changed, PromptPartialUpdateResponse)
    assert changed.prompt_partial_version_id == PARTIAL["prompt_partial_version_id"]

    assert isinstance(await call(mode, "prompts.partials.delete", "pl-tone-2b9"), GenericResponse)
    assert delete.calls.last.request.content == b""
    await call(mode, "prompts.partials.publish", "pl-tone-2b9", version=2)
    assert sent_body(publish) == {"version": 2}

    vpage = await call(mode, "prompts.partials.versions.list", "pl-tone-2b9")
    assert [v.version for v in await items(mode, vpage)] == ["2"]
    assert isinstance(vpage.data[0], PromptPartialVersion)
    assert vpage.data[0].to_dict() == PARTIAL_VERSION
    assert versions.calls.last.request.url.query == b""


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_errors_carry_the_api_message(mode: str, mock: respx.MockRouter) -> None:
    def error(message: str) -> Dict[str, Any]:  # components/schemas/ErrorResponse
        return {
            "error": {"type": "invalid_request", "message": message, "param": None, "code": None}
        }

    mock.get("/prompts/missing").respond(404, json=error("Prompt not found"))
    mock.put("/prompts/partials/pl-x/makeDefault").respond(
        403, json=error("Insufficient permissions: prompts.publish")
    )
    with pytest.raises(NotFoundError) as lost:
        await call(mode, "prompts.retrieve", "missing")
    assert lost.value.status_code == 404 and "Prompt not found" in str(lost.value)
    with pytest.raises(PermissionDeniedError, match="prompts.publish"):
        await call(mode, "prompts.partials.publish", "pl-x", version=1)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_a_list_answer_that_is_not_a_list_is_a_clear_error(
    mode: str, mock: respx.MockRouter
) -> None:
    mock.get("/prompts/p/versions").respond(200, json="oops")
    with pytest.raises(APIResponseValidationError, match="not a list page"):
        await call(mode, "prompts.versions.list", "p")
