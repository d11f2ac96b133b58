"""``integrations`` (with ``models`` and ``workspaces``) and ``secret_references`` (Portkey
routes) through both clients and respx: each call's wire (method, path, query, body) is what
the official SDK sends for it where it has the call (read from
``portkey_ai/api_resources/apis/integrations.py`` and checked under respx: free keywords go into
the body, ``list`` always sends ``current_page=0&page_size=100``, ``models.delete`` sends the
comma-separated ``slugs``); secret references are ours. The answers parse into the spec's types
with every field in place; lists page by page number; the API's errors raise our typed errors
with its message.

The spec (``/integrations*`` and ``/secret-references*`` in
``../shared/specs/portkey/openapi.yaml``) has no whole example for these: the bodies are built
from its schemas (``CreateIntegrationRequest``, ``IntegrationDetailResponse``,
``IntegrationModelsResponse``, ``BulkUpdateWorkspacesRequest``, ``CreateSecretReferenceRequest``,
...) with the examples of their properties ("Production OpenAI", "ws-my-team-1234",
"gpt-4,gpt-3.5-turbo", the ``PricingAdjustments`` example, ...)."""

from __future__ import annotations

from typing import Any, Dict

import pytest
import respx
from both_clients import BASE, call, items, request_sent, sent

from portkey import (
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    UnprocessableEntityError,
)
from portkey._generic import GenericResponse
from portkey.types.integrations import (
    AzureOpenAIConfiguration,
    GlobalWorkspaceAccess,
    IntegrationCreateResponse,
    IntegrationDetailResponse,
    IntegrationList,
    IntegrationModel,
    IntegrationModelsResponse,
    IntegrationWorkspace,
    IntegrationWorkspacesResponse,
    OpenAIConfiguration,
)
from portkey.types.secret_references import (
    SecretReferenceCreateResponse,
    SecretReferenceDetailResponse,
    SecretReferenceListItem,
)

MODES = ["sync", "async"]
SLUG = "production-openai"
LIMITS: Dict[str, Any] = {"credit_limit": 10, "periodic_reset": "monthly", "alert_threshold": 8}
RATES: Dict[str, Any] = {"type": "requests", "unit": "rpm", "value": 100}
INTEGRATION: Dict[str, Any] = {
    "id": "6f1b3c1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f",
    "organisation_id": "472d2804-d054-4226-b4ae-9d4e2e61e69e",
    "ai_provider_id": "openai",
    "name": "Production OpenAI",
    "status": "active",
    "created_at": "2025-03-01T10:00:00.000Z",
    "last_updated_at": "2025-03-02T10:00:00.000Z",
    "slug": SLUG,
    "description": "Production OpenAI integration for customer-facing applications",
    "object": "integration",
}
DETAIL: Dict[str, Any] = {
    **INTEGRATION,
    "masked_key": "sk-****abcd",
    "configurations": {"openai_organization": "org-123", "openai_project": "proj-456"},
    "global_workspace_access_settings": {
        "enabled": True,
        "usage_limits": [LIMITS],
        "rate_limits": [RATES],
    },
    "allow_all_models": True,
    "workspace_count": 2,
    "secret_mappings": [{"target_field": "key", "secret_reference_id": "my-aws-secret"}],
    "pricing_adjustments": {  # the spec's PricingAdjustments example
        "multiplier": {
            "default": 0.8,
            "cache_read_input_token": 0.9,
            "cache_write_input_token": 0.9,
        }
    },
}
MODELS: Dict[str, Any] = {
    "total": 2,
    "models": [
        {
            "slug": "gpt-4",
            "name": "GPT-4",
            "enabled": True,
            "is_custom": False,
            "is_finetune": False,
            "pricing_config": {
                "type": "static",
                "pay_as_you_go": {
                    "request_token": {"price": 0.003},
                    "response_token": {"price": 0.006},
                },
            },
        },
        {
            "slug": "ft-gpt-4o-mini",
            "name": "My fine-tune",
            "enabled": False,
            "is_custom": True,
            "is_finetune": True,
            "base_model_slug": "gpt-4o-mini",
        },
    ],
}
WORKSPACES: Dict[str, Any] = {
    "total": 1,
    "workspaces": [
        {"id": "ws-my-team-1234", "enabled": True, "usage_limits": [LIMITS], "rate_limits": [RATES]}
    ],
}
SECRET_ITEM: Dict[str, Any] = {
    "id": "0db4065b-ead2-4daa-bf5e-7e9106585133",
    "name": "AWS prod key",
    "slug": "my-aws-secret",
    "manager_type": "aws_sm",
    "status": "ACTIVE",
    "created_at": "2025-04-01T10:00:00.000Z",
    "last_updated_at": "2025-04-02T10:00:00.000Z",
    "object": "secret-reference",
}
SECRET_DETAIL: Dict[str, Any] = {
    **SECRET_ITEM,
    "organisation_id": "472d2804-d054-4226-b4ae-9d4e2e61e69e",
    "description": "The OpenAI key, kept in AWS",
    "secret_path": "prod/openai",
    "secret_key": "api_key",
    "allow_all_workspaces": False,
    "tags": {"env": "prod"},
    "created_by": "c4c7996d-be62-429d-b787-5d48fe94da86",
    "auth_config": {"aws_auth_type": "accessKey", "aws_region": "us-east-1"},
}


def pages(route: respx.Route, *bodies: Dict[str, Any]) -> None:
    route.mock(side_effect=[respx.MockResponse(200, json=b) for b in bodies])


# --- integrations


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_integration_create(mode: str) -> None:
    body = {
        "name": "Production OpenAI",
        "description": "Production OpenAI integration for customer-facing applications",
        "key": "sk-...",
        "ai_provider_id": "openai",
        "workspace_id": "ws-my-team-1234",
        "slug": SLUG,
        "configurations": {"openai_organization": "org-123"},
    }
    spec_only = {"create_default_provider": False, "default_provider_slug": "openai-default"}
    answer = {"id": INTEGRATION["id"], "slug": SLUG}
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/integrations").respond(200, json=answer)
        made = await call(mode, "integrations.create", **body, **spec_only)
    assert sent(route) == ("POST", "/integrations", {**body, **spec_only})
    assert isinstance(made, IntegrationCreateResponse) and made.to_dict() == answer


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_integration_list_pages(mode: str) -> None:
    second = {**INTEGRATION, "slug": "staging-openai"}
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/integrations")
        pages(
            route,
            {"object": "list", "total": 2, "data": [INTEGRATION]},
            {"object": "list", "total": 2, "data": [second]},
        )
        page = await call(mode, "integrations.list", page_size=1, type="organisation")
        got = await items(mode, page)
    assert [request_sent(c.request)[1] for c in route.calls] == [
        "/integrations?current_page=0&page_size=1&type=organisation",
        "/integrations?current_page=1&page_size=1&type=organisation",
    ]
    assert [i.slug for i in got] == [SLUG, "staging-openai"]
    assert all(type(i) is IntegrationList for i in got)
    assert got[0].to_dict(exclude_none=True) == INTEGRATION


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_integration_list_defaults(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/integrations").respond(200, json={"object": "list", "total": 0})
        page = await call(mode, "integrations.list", workspace_id="ws-1")
    assert sent(route) == (
        "GET",
        "/integrations?current_page=0&page_size=100&workspace_id=ws-1",
        None,
    )
    assert page.data == [] and page.total == 0


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_integration_retrieve(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get(f"/integrations/{SLUG}").respond(200, json=DETAIL)
        got = await call(mode, "integrations.retrieve", slug=SLUG)
    assert sent(route) == ("GET", f"/integrations/{SLUG}", None)
    assert isinstance(got, IntegrationDetailResponse)
    assert got.to_dict(exclude_none=True) == DETAIL
    assert isinstance(got.configurations, OpenAIConfiguration)
    assert got.configurations.openai_project == "proj-456"
    assert isinstance(got.global_workspace_access_settings, GlobalWorkspaceAccess)
    assert got.pricing_adjustments.multiplier.default == 0.8


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_integration_retrieve_azure_configuration(mode: str) -> None:
    azure = {
        "azure_auth_mode": "entra",
        "azure_resource_name": "my-resource",
        "azure_deployment_config": [
            {
                "azure_api_version": "2024-10-21",
                "azure_deployment_name": "gpt4o",
                "azure_model_slug": "gpt-4o",
                "is_default": True,
            }
        ],
        "azure_entra_tenant_id": "t",
        "masked_azure_entra_client_secret": "****",  # the masked secret: kept
    }
    with respx.mock(base_url=BASE) as mock:
        mock.get(f"/integrations/{SLUG}").respond(
            200, json={**INTEGRATION, "configurations": azure}
        )
        got = await call(mode, "integrations.retrieve", slug=SLUG)
    assert isinstance(got.configurations, AzureOpenAIConfiguration)
    assert got.configurations.azure_deployment_config[0].azure_model_slug == "gpt-4o"
    assert got.configurations.masked_azure_entra_client_secret == "****"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_integration_update_delete(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        update = mock.put(f"/integrations/{SLUG}").respond(200, json={"success": True})
        delete = mock.delete(f"/integrations/{SLUG}").respond(200, json={})
        changed = await call(
            mode, "integrations.update", slug=SLUG, name="n", description="d", key="sk-new",
            configurations={"openai_project": "p"}, pricing_adjustments=None,
        )  # fmt: skip
        gone = await call(mode, "integrations.delete", slug=SLUG)
    assert sent(update) == (
        "PUT",
        f"/integrations/{SLUG}",
        {
            "name": "n",
            "description": "d",
            "key": "sk-new",
            "configurations": {"openai_project": "p"},
            "pricing_adjustments": None,
        },
    )
    assert isinstance(changed, GenericResponse) and changed.success is True
    assert sent(delete) == ("DELETE", f"/integrations/{SLUG}", None)
    assert isinstance(gone, GenericResponse)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_integration_models(mode: str) -> None:
    models = [
        {"slug": "gpt-4", "enabled": True},
        {
            "slug": "my-custom",
            "enabled": True,
            "is_custom": True,
            "pricing_config": {"type": "static", "pay_as_you_go": {}},
        },
    ]
    path = f"/integrations/{SLUG}/models"
    with respx.mock(base_url=BASE) as mock:
        listed = mock.get(path).respond(200, json=MODELS)
        update = mock.put(path).respond(200, json={})
        delete = mock.delete(path).respond(200, json={})
        got = await call(mode, "integrations.models.list", slug=SLUG)
        await call(
            mode, "integrations.models.update", slug=SLUG, allow_all_models=False, models=models
        )
        await call(mode, "integrations.models.delete", slug=SLUG, slugs="gpt-4,gpt-3.5-turbo")
        # ours: a list is sent as the same comma-separated text
        await call(mode, "integrations.models.delete", slug=SLUG, slugs=["gpt-4", "gpt-3.5-turbo"])
    assert sent(listed) == ("GET", path, None)
    assert isinstance(got, IntegrationModelsResponse)
    assert got.to_dict(exclude_none=True) == MODELS
    assert [type(m) for m in got.models] == [IntegrationModel, IntegrationModel]
    assert got.models[0].pricing_config.pay_as_you_go.response_token.price == 0.006
    assert sent(update) == ("PUT", path, {"allow_all_models": False, "models": models})
    assert [request_sent(c.request) for c in delete.calls] == [
        ("DELETE", path + "?slugs=gpt-4%2Cgpt-3.5-turbo", None)
    ] * 2


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_integration_workspaces(mode: str) -> None:
    body = {
        "global_workspace_access": {"enabled": True, "usage_limits": [LIMITS]},
        "override_existing_workspaces_access": True,  # the official's spelling
        "workspaces": [{"id": "ws-my-team-1234", "enabled": True, "reset_usage": True}],
    }
    path = f"/integrations/{SLUG}/workspaces"
    with respx.mock(base_url=BASE) as mock:
        listed = mock.get(path).respond(200, json=WORKSPACES)
        update = mock.put(path).respond(200, json={"success": True})
        got = await call(mode, "integrations.workspaces.list", slug=SLUG)
        changed = await call(mode, "integrations.workspaces.update", slug=SLUG, **body)
    assert sent(listed) == ("GET", path, None)
    assert isinstance(got, IntegrationWorkspacesResponse)
    assert got.to_dict(exclude_none=True) == WORKSPACES
    assert isinstance(got.workspaces[0], IntegrationWorkspace)
    assert got.workspaces[0].usage_limits[0].credit_limit == 10
    assert sent(update) == ("PUT", path, body)
    assert changed.success is True


@pytest.mark.anyio
@pytest.mark.usefixtures("no_sleep")  # a 409 is retried first, as openai-python does
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("status", "cls", "message"),
    [
        (403, PermissionDeniedError, "You do not have enough permissions"),
        (404, NotFoundError, "Integration not found"),
        (409, ConflictError, "An integration with this slug already exists"),
        (422, UnprocessableEntityError, "ai_provider_id is required"),
    ],
)
async def test_integration_errors(mode: str, status: int, cls: Any, message: str) -> None:
    body = {"success": False, "data": {"message": message}}  # Portkey's error body (the spec's)
    with respx.mock(base_url=BASE) as mock:
        mock.post("/integrations").respond(status, json=body)
        with pytest.raises(cls) as caught:
            await call(mode, "integrations.create", name="n")
    assert caught.value.status_code == status
    assert caught.value.message == f"Error code: {status} - {message}"


# --- secret references (ours)

AUTH = {  # the spec's AwsAccessKeyAuthConfig
    "aws_auth_type": "accessKey",
    "aws_access_key_id": "AKIA...",
    "aws_secret_access_key": "secret",
    "aws_region": "us-east-1",
}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_secret_reference_create(mode: str) -> None:
    body = {
        "name": "AWS prod key",
        "manager_type": "aws_sm",
        "auth_config": AUTH,
        "secret_path": "prod/openai",
        "slug": "my-aws-secret",
        "secret_key": "api_key",
        "allow_all_workspaces": False,
        "allowed_workspaces": ["ws-my-team-1234"],
        "tags": {"env": "prod"},
    }
    answer = {"id": SECRET_ITEM["id"], "slug": "my-aws-secret", "object": "secret-reference"}
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/secret-references").respond(200, json=answer)
        made = await call(mode, "secret_references.create", **body)
    assert sent(route) == ("POST", "/secret-references", body)
    assert isinstance(made, SecretReferenceCreateResponse) and made.to_dict() == answer


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_secret_reference_create_needs_the_spec_s_required(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        with pytest.raises(TypeError, match="auth_config, secret_path"):
            await call(mode, "secret_references.create", name="n", manager_type="aws_sm")
        assert not mock.calls


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_secret_reference_list_pages(mode: str) -> None:
    second = {**SECRET_ITEM, "slug": "my-vault-secret", "manager_type": "hashicorp_vault"}
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/secret-references")
        pages(
            route,
            {"object": "list", "total": 2, "data": [SECRET_ITEM]},
            {"object": "list", "total": 2, "data": [second]},
        )
        page = await call(
            mode, "secret_references.list", tags={"env": "prod"}, search="prod", page_size=1
        )
        got = await items(mode, page)
    # tags is a JSON-encoded object in the query, as the spec says
    assert [request_sent(c.request)[1] for c in route.calls] == [
        "/secret-references?tags=%7B%22env%22%3A%22prod%22%7D&search=prod&page_size=1",
        "/secret-references?tags=%7B%22env%22%3A%22prod%22%7D&search=prod&page_size=1"
        "&current_page=1",
    ]
    assert [s.slug for s in got] == ["my-aws-secret", "my-vault-secret"]
    assert all(type(s) is SecretReferenceListItem for s in got)
    assert got[0].to_dict(exclude_none=True) == SECRET_ITEM


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_secret_reference_retrieve_update_delete(mode: str) -> None:
    path = "/secret-references/my-aws-secret"
    with respx.mock(base_url=BASE) as mock:
        retrieve = mock.get(path).respond(200, json=SECRET_DETAIL)
        update = mock.put(path).respond(200, json={})
        delete = mock.delete(path).respond(200, json={})
        got = await call(mode, "secret_references.retrieve", secret_reference_id="my-aws-secret")
        await call(
            mode, "secret_references.update", secret_reference_id="my-aws-secret",
            description=None, auth_config={"aws_region": "eu-west-1"}, tags=None,
        )  # fmt: skip
        gone = await call(mode, "secret_references.delete", secret_reference_id="my-aws-secret")
    assert sent(retrieve) == ("GET", path, None)
    assert isinstance(got, SecretReferenceDetailResponse)
    assert got.to_dict(exclude_none=True) == SECRET_DETAIL
    assert sent(update) == (
        "PUT",
        path,
        {"description": None, "auth_config": {"aws_region": "eu-west-1"}, "tags": None},
    )
    assert sent(delete) == ("DELETE", path, None)
    assert isinstance(gone, GenericResponse)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("status", "cls", "message"),
    [
        (400, BadRequestError, "Secret reference is in use by integrations or virtual keys"),
        (403, PermissionDeniedError, "secretReferences feature not enabled on subscription"),
        (404, NotFoundError, "Secret reference not found"),
    ],
)
async def test_secret_reference_errors(mode: str, status: int, cls: Any, message: str) -> None:
    body = {"success": False, "data": {"message": message}}  # messages: the spec's descriptions
    with respx.mock(base_url=BASE) as mock:
        mock.delete("/secret-references/s").respond(status, json=body)
        with pytest.raises(cls) as caught:
            await call(mode, "secret_references.delete", secret_reference_id="s")
    assert caught.value.message == f"Error code: {status} - {message}"
