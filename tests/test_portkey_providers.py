"""``virtual_keys`` and ``providers`` (Portkey routes) through both clients and respx: each
call's wire (method, path, query, body) is what the official SDK sends for it (read from
``portkey_ai/api_resources/apis/virtual_keys.py`` and ``providers.py`` and checked under respx:
free keywords go into the body, ``providers.list`` always sends ``current_page=0&page_size=50``,
the providers' ``workspace_id`` goes in the query on the slug's routes); the answers parse into
the spec's types with every field in place; lists page by page number; the API's errors raise
our typed errors with its message.

The request bodies are the spec's examples (``/virtual-keys`` and ``/providers`` in
``../shared/specs/portkey/openapi.yaml``: "generic", "azure-openai", "bedrock"); the answers have
no example there and are built from the response schemas (``VirtualKeys``, ``Providers``, with
the examples of their properties and of ``UsageLimits``)."""

from __future__ import annotations

from typing import Any, Dict

import pytest
import respx
from both_clients import BASE, call, items, request_sent, sent

from portkey import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    UnprocessableEntityError,
)
from portkey._generic import GenericResponse
from portkey.types.providers import Provider, ProviderCreateResponse, ProviderUpdateResponse
from portkey.types.virtual_keys import (
    RateLimits,
    SecretMapping,
    UsageLimits,
    VirtualKey,
    VirtualKeysAddResponse,
)

MODES = ["sync", "async"]
USAGE_LIMITS: Dict[str, Any] = {
    "credit_limit": 10,
    "periodic_reset": "monthly",
    "alert_threshold": 9,
}
RATE_LIMIT: Dict[str, Any] = {"type": "requests", "unit": "rpm", "value": 10}
VIRTUAL_KEY: Dict[str, Any] = {
    "name": "Open AI Workspace",
    "note": "randomness",
    "status": "active",
    "usage_limits": {"credit_limit": 10, "periodic_reset": "monthly", "alert_threshold": 8},
    "reset_usage": 0,
    "created_at": "2024-05-12T21:37:06.000Z",
    "slug": "open-ai-works-4f2a1b",
    "model_config": {"resourceName": "c"},
    "rate_limits": [{"type": "requests", "unit": "rpm", "value": 100}],
    "expires_at": "2026-01-01T00:00:00.000Z",
    "secret_mappings": [
        {"target_field": "key", "secret_reference_id": "my-aws-secret", "value_format": "string"}
    ],
    "object": "virtual-key",
}
PROVIDER: Dict[str, Any] = {
    "name": "Open AI Workspace",
    "integration_id": "my-openai-integration",
    "note": "randomness",
    "status": "active",
    "usage_limits": {"credit_limit": 10, "periodic_reset": "monthly", "alert_threshold": 8},
    "reset_usage": 0,
    "created_at": "2025-02-01T10:00:00.000Z",
    "slug": "first-openai-provider",
    "rate_limits": [{"type": "tokens", "unit": "rph", "value": 5000}],
    "expires_at": "2026-01-01T00:00:00.000Z",
    "object": "provider",
}


def named(n: int, body: Dict[str, Any]) -> Dict[str, Any]:
    return {**body, "slug": f"{body['slug']}-{n}"}


# --- virtual keys


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_virtual_key_create(mode: str) -> None:
    example = {  # the spec's "generic" example (its empty workspace_id given a value)
        "name": "My first virtual key",
        "provider": "openai",
        "key": "sk-jhkfkjs8d9f7jksfghkjhfg",
        "note": "Virtual key description",
        "usage_limits": USAGE_LIMITS,
        "workspace_id": "ws-1",
    }
    answer = {"success": True, "data": {"slug": "my-first-vi-1a2b3c"}}
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/virtual-keys").respond(200, json=answer)
        made = await call(mode, "virtual_keys.create", **example)
    assert sent(route) == ("POST", "/virtual-keys", example)
    assert isinstance(made, VirtualKeysAddResponse)
    assert made.success is True and made.data.slug == "my-first-vi-1a2b3c"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "example",
    [
        {  # the spec's "azure-openai" example: the official's named keywords and the spec's
            "provider": "azure-openai",
            "key": "openai-test",
            "name": "Key 1 Azure Open AI",
            "note": "description",
            "deploymentConfig": [
                {"apiVersion": "a", "alias": "b", "deploymentName": "c", "is_default": True},
                {"apiVersion": "a", "alias": "b", "deploymentName": "c", "is_default": False},
            ],
            "resourceName": "c",
        },
        {  # the spec's "bedrock" example: provider fields as free keywords
            "provider": "bedrock",
            "key": "openai-test",
            "name": "Bedrock Key",
            "note": "description",
            "awsAccessKeyId": "a",
            "awsSecretAccessKey": "b",
            "awsRegion": "c",
        },
    ],
    ids=["azure-openai", "bedrock"],
)
async def test_virtual_key_create_provider_fields(mode: str, example: Dict[str, Any]) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/virtual-keys").respond(200, json={"success": True, "data": {}})
        await call(mode, "virtual_keys.create", **example, someFutureField=1)
    assert sent(route) == ("POST", "/virtual-keys", {**example, "someFutureField": 1})


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_virtual_key_list_whole(mode: str) -> None:
    answer = {"object": "list", "total": 2, "data": [named(1, VIRTUAL_KEY), named(2, VIRTUAL_KEY)]}
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/virtual-keys").respond(200, json=answer)
        page = await call(mode, "virtual_keys.list", workspace_id="ws-1")
        got = await items(mode, page)
    # The official sends only workspace_id; everything came at once: no second request.
    assert [request_sent(c.request) for c in route.calls] == [
        ("GET", "/virtual-keys?workspace_id=ws-1", None)
    ]
    assert (page.object, page.total) == ("list", 2)
    assert [v.slug for v in got] == ["open-ai-works-4f2a1b-1", "open-ai-works-4f2a1b-2"]
    assert all(type(v) is VirtualKey for v in got)
    assert got[0].to_dict(exclude_none=True) == named(1, VIRTUAL_KEY)
    assert isinstance(got[0].usage_limits, UsageLimits) and got[0].usage_limits.credit_limit == 10
    assert isinstance(got[0].rate_limits[0], RateLimits) and got[0].rate_limits[0].unit == "rpm"
    assert isinstance(got[0].secret_mappings[0], SecretMapping)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_virtual_key_list_pages(mode: str) -> None:
    pages = [
        {"object": "list", "total": 3, "data": [named(1, VIRTUAL_KEY), named(2, VIRTUAL_KEY)]},
        {"object": "list", "total": 3, "data": [named(3, VIRTUAL_KEY)]},
    ]
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/virtual-keys").mock(
            side_effect=[respx.MockResponse(200, json=p) for p in pages]
        )
        got = await items(mode, await call(mode, "virtual_keys.list", page_size=2))
    assert [request_sent(c.request)[1] for c in route.calls] == [
        "/virtual-keys?page_size=2",
        "/virtual-keys?page_size=2&current_page=1",
    ]
    assert [v.slug[-1] for v in got] == ["1", "2", "3"]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_virtual_key_retrieve_update_delete(mode: str) -> None:
    slug = VIRTUAL_KEY["slug"]
    with respx.mock(base_url=BASE) as mock:
        retrieve = mock.get(f"/virtual-keys/{slug}").respond(200, json=VIRTUAL_KEY)
        update = mock.put(f"/virtual-keys/{slug}").respond(200, json={"success": True})
        delete = mock.delete(f"/virtual-keys/{slug}").respond(200, json={})
        got = await call(mode, "virtual_keys.retrieve", slug=slug)
        changed = await call(
            mode, "virtual_keys.update", slug=slug, name="n", key="sk-new", note=None,
            usage_limits=USAGE_LIMITS, rate_limits=[RATE_LIMIT],
            secret_mappings=[{"target_field": "key", "secret_reference_id": "s"}],
        )  # fmt: skip
        gone = await call(mode, "virtual_keys.delete", slug=slug)
    assert sent(retrieve) == ("GET", f"/virtual-keys/{slug}", None)
    assert isinstance(got, VirtualKey) and got.to_dict(exclude_none=True) == VIRTUAL_KEY
    # The slug is in the path only (configs.update also sends it in the body).
    assert sent(update) == (
        "PUT",
        f"/virtual-keys/{slug}",
        {
            "name": "n",
            "key": "sk-new",
            "note": None,
            "usage_limits": USAGE_LIMITS,
            "rate_limits": [RATE_LIMIT],
            "secret_mappings": [{"target_field": "key", "secret_reference_id": "s"}],
        },
    )
    assert isinstance(changed, GenericResponse) and changed.success is True
    assert sent(delete) == ("DELETE", f"/virtual-keys/{slug}", None)
    assert isinstance(gone, GenericResponse)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_virtual_key_unauthorised(mode: str) -> None:
    body = {"success": False, "data": {"message": "Unauthorised Request"}}  # the spec's 401
    with respx.mock(base_url=BASE) as mock:
        mock.get("/virtual-keys").respond(401, json=body)
        with pytest.raises(AuthenticationError) as caught:
            await call(mode, "virtual_keys.list")
    assert caught.value.message == "Error code: 401 - Unauthorised Request"
    assert "pk-" not in repr(caught.value.request.headers)


# --- providers


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_provider_create(mode: str) -> None:
    example = {  # the spec's "generic" example (its empty workspace_id given a value)
        "name": "My first provider",
        "note": "Provider description",
        "integration_id": "my-openai-integration",
        "usage_limits": USAGE_LIMITS,
        "workspace_id": "ws-1",
        "slug": "first-openai-provider",
    }
    answer = {"id": "8c1a4fbf-26d9-49df-82ca-ab772ba397d2", "slug": "first-openai-provider"}
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/providers").respond(200, json=answer)
        made = await call(mode, "providers.create", **example, expires_at="2026-01-01T00:00:00Z")
    assert sent(route) == ("POST", "/providers", {**example, "expires_at": "2026-01-01T00:00:00Z"})
    assert isinstance(made, ProviderCreateResponse) and made.to_dict(exclude_none=True) == answer


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_provider_create_needs_name_and_integration(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        with pytest.raises(TypeError, match="integration_id"):
            await call(mode, "providers.create", name="only a name")
        assert not mock.calls


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_provider_list_pages(mode: str) -> None:
    pages = [
        {"object": "list", "total": 3, "data": [named(1, PROVIDER), named(2, PROVIDER)]},
        {"object": "list", "total": 3, "data": [named(3, PROVIDER)]},
    ]
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/providers").mock(
            side_effect=[respx.MockResponse(200, json=p) for p in pages]
        )
        page = await call(mode, "providers.list", page_size=2, workspace_id="ws-1")
        assert page.total == 3 and page.has_next_page()
        got = await items(mode, page)
    assert [request_sent(c.request)[1] for c in route.calls] == [
        "/providers?current_page=0&page_size=2&workspace_id=ws-1",
        "/providers?current_page=1&page_size=2&workspace_id=ws-1",
    ]
    assert [p.slug for p in got] == [f"first-openai-provider-{n}" for n in (1, 2, 3)]
    assert all(type(p) is Provider for p in got)
    assert got[0].to_dict(exclude_none=True) == named(1, PROVIDER)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_provider_list_defaults(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/providers").respond(200, json={"object": "list", "total": 0, "data": []})
        page = await call(mode, "providers.list")
    # The official always sends the first page and its size.
    assert sent(route) == ("GET", "/providers?current_page=0&page_size=50", None)
    assert page.data == [] and not page.has_next_page()


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("workspace", [{}, {"workspace_id": "ws-1"}], ids=["no-ws", "ws"])
async def test_provider_retrieve_update_delete(mode: str, workspace: Dict[str, str]) -> None:
    slug = PROVIDER["slug"]
    query = "?workspace_id=ws-1" if workspace else ""
    answer = {"id": "8c1a4fbf-26d9-49df-82ca-ab772ba397d2", "slug": slug}
    with respx.mock(base_url=BASE) as mock:
        retrieve = mock.get(f"/providers/{slug}").respond(200, json=PROVIDER)
        update = mock.put(f"/providers/{slug}").respond(200, json=answer)
        delete = mock.delete(f"/providers/{slug}").respond(200, json={})
        got = await call(mode, "providers.retrieve", slug=slug, **workspace)
        changed = await call(
            mode, "providers.update", slug=slug, **workspace, name="n", note="x",
            usage_limits=None, expires_at=None, reset_usage=True,
        )  # fmt: skip
        gone = await call(mode, "providers.delete", slug=slug, **workspace)
    assert sent(retrieve) == ("GET", f"/providers/{slug}{query}", None)
    assert isinstance(got, Provider) and got.to_dict(exclude_none=True) == PROVIDER
    body = {"name": "n", "note": "x", "usage_limits": None, "expires_at": None, "reset_usage": True}
    assert sent(update) == ("PUT", f"/providers/{slug}{query}", body)
    assert (
        isinstance(changed, ProviderUpdateResponse) and changed.to_dict(exclude_none=True) == answer
    )
    assert sent(delete) == ("DELETE", f"/providers/{slug}{query}", None)
    assert isinstance(gone, GenericResponse)


@pytest.mark.anyio
@pytest.mark.usefixtures("no_sleep")  # a 409 is retried first, as openai-python does
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("status", "cls", "message"),
    [
        (403, PermissionDeniedError, "You do not have enough permissions"),
        (404, NotFoundError, "Provider not found"),
        (409, ConflictError, "Slug already exists"),
        (422, UnprocessableEntityError, "integration_id is invalid"),
    ],
)
async def test_provider_errors(mode: str, status: int, cls: Any, message: str) -> None:
    body = {"success": False, "data": {"message": message}}  # Portkey's error body (the spec's)
    with respx.mock(base_url=BASE) as mock:
        mock.post("/providers").respond(status, json=body)
        with pytest.raises(cls) as caught:
            await call(mode, "providers.create", name="n", integration_id="i")
    assert caught.value.status_code == status
    assert caught.value.message == f"Error code: {status} - {message}"
