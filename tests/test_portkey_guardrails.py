"""``guardrails`` and ``policies`` (Portkey routes) through both clients and respx: each call's
wire (method, path, query, body) is what the official SDK sends for it where it has the call
(read from ``portkey_ai/api_resources/apis/guardrails.py``; policies are ours), the answers parse
into the spec's types with every field in place, lists page by page number, and the API's
errors raise our typed errors with its message. The request bodies are the spec's examples
(``/guardrails`` and ``/policies/*`` in ``../shared/specs/portkey/openapi.yaml``); the answers
have no example there and are built from the response schemas."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
import respx
from both_clients import BASE, call, items, sent

from portkey import (
    APIResponseValidationError,
    NotFoundError,
    PermissionDeniedError,
    Portkey,
)
from portkey._generic import GenericResponse
from portkey.types.guardrails import (
    GuardrailCheck,
    GuardrailCreateResponse,
    GuardrailDetailResponse,
    GuardrailSummary,
    GuardrailUpdateResponse,
)
from portkey.types.policies import (
    Condition,
    PolicyCreateResponse,
    RateLimitsPolicy,
    RateLimitsPolicyResponse,
    UsageLimitsPolicy,
    UsageLimitsPolicyEntity,
    UsageLimitsPolicyResponse,
)

MODES = ["sync", "async"]
SUMMARY: Dict[str, Any] = {
    "id": "gr_1",
    "name": "JWT Authentication Guard",
    "slug": "jwt-auth-guard",
    "organisation_id": "550e8400-e29b-41d4-a716-446655440001",
    "workspace_id": None,
    "status": "active",
    "created_at": "2025-01-10T10:00:00Z",
    "last_updated_at": "2025-01-11T10:00:00Z",
    "owner_id": "550e8400-e29b-41d4-a716-446655440002",
    "updated_by": None,
}
CHECKS: List[Dict[str, Any]] = [  # the spec's jwt_authentication example
    {
        "id": "default.jwt",
        "parameters": {
            "jwksUri": "https://example.com/.well-known/jwks.json",
            "headerKey": "Authorization",
            "algorithms": ["RS256"],
            "cacheMaxAge": 86400,
            "clockTolerance": 5,
            "maxTokenAge": "1d",
        },
    }
]
ACTIONS: Dict[str, Any] = {
    "deny": True,
    "async": False,
    "on_fail": {"feedback": {"value": -5, "weight": 1, "metadata": ""}},
}
USAGE_POLICY: Dict[str, Any] = {
    "id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    "name": "Monthly Cost Limit per API Key",
    "conditions": [{"key": "workspace_id", "value": "workspace-123"}],
    "group_by": [{"key": "api_key"}],
    "type": "cost",
    "credit_limit": 1000.0,
    "alert_threshold": 800.0,
    "periodic_reset": "monthly",
    "status": "active",
    "workspace_id": "ws-1",
    "organisation_id": "org-1",
    "created_at": "2025-01-10T10:00:00Z",
    "last_updated_at": "2025-01-10T10:00:00Z",
}
RATE_POLICY: Dict[str, Any] = {
    "id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
    "name": "100 RPM per API Key",
    "conditions": [{"key": "workspace_id", "value": "workspace-123"}],
    "group_by": [{"key": "api_key"}],
    "type": "requests",
    "unit": "rpm",
    "value": 100,
    "status": "active",
    "workspace_id": "ws-1",
    "organisation_id": "org-1",
    "created_at": "2025-01-10T10:00:00Z",
    "last_updated_at": "2025-01-10T10:00:00Z",
}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_guardrail_create_retrieve_update_delete(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        create = mock.post("/guardrails").respond(
            200, json={"id": "gr_1", "slug": "jwt-auth-guard", "version_id": "v1"}
        )
        made = await call(
            mode,
            "guardrails.create",
            name="JWT Authentication Guard",
            checks=CHECKS,
            actions=ACTIONS,
            organisation_id="550e8400-e29b-41d4-a716-446655440001",
            custom_field=1,  # free keywords go into the body, as the official's **kwargs
        )
        assert sent(create) == (
            "POST",
            "/guardrails",
            {
                "name": "JWT Authentication Guard",
                "checks": CHECKS,
                "actions": ACTIONS,
                "organisation_id": "550e8400-e29b-41d4-a716-446655440001",
                "custom_field": 1,
            },
        )
        assert isinstance(made, GuardrailCreateResponse) and made.version_id == "v1"

        detail = dict(SUMMARY, checks=CHECKS, actions=ACTIONS)
        mock.get("/guardrails/gr_1").respond(200, json=detail)
        got = await call(mode, "guardrails.retrieve", guardrail_id="gr_1")
        assert isinstance(got, GuardrailDetailResponse)
        assert got.to_dict(exclude_none=True) == {k: v for k, v in detail.items() if v is not None}
        assert got.workspace_id is None and got.status == "active"
        assert isinstance(got.checks[0], GuardrailCheck) and got.checks[0].id == "default.jwt"
        assert got.actions.on_fail.feedback.value == -5

        update = mock.put("/guardrails/gr_1").respond(
            200, json={"id": "gr_1", "slug": "jwt-auth-guard", "version_id": "v2"}
        )
        changed = await call(mode, "guardrails.update", guardrail_id="gr_1", name="Renamed")
        assert sent(update) == ("PUT", "/guardrails/gr_1", {"name": "Renamed"})
        assert isinstance(changed, GuardrailUpdateResponse) and changed.version_id == "v2"

        delete = mock.delete("/guardrails/gr_1").respond(200, json={})
        gone = await call(mode, "guardrails.delete", guardrail_id="gr_1")
        assert sent(delete) == ("DELETE", "/guardrails/gr_1", None)
        assert isinstance(gone, GenericResponse)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_guardrail_list_pages_by_number(mode: str) -> None:
    second = dict(SUMMARY, id="gr_2", slug="two")
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/guardrails")
        route.side_effect = [
            respx.MockResponse(200, json={"data": [SUMMARY], "total": 2}),
            respx.MockResponse(200, json={"data": [second], "total": 2}),
        ]
        page = await call(mode, "guardrails.list", workspace_id="ws-1", page_size=1)
        found = await items(mode, page)
        urls = [str(c.request.url).replace(BASE, "") for c in route.calls]
    # The official's defaults (page_size=100, current_page=0) are always sent, in its order.
    assert urls == [
        "/guardrails?workspace_id=ws-1&page_size=1&current_page=0",
        "/guardrails?workspace_id=ws-1&page_size=1&current_page=1",
    ]
    assert [g.id for g in found] == ["gr_1", "gr_2"]
    assert all(isinstance(g, GuardrailSummary) for g in found)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_guardrail_list_default_query(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/guardrails").respond(200, json={"data": [SUMMARY], "total": 1})
        page = await call(mode, "guardrails.list")
        assert (
            str(route.calls.last.request.url) == BASE + "/guardrails?page_size=100&current_page=0"
        )
    assert page.total == 1 and page.data[0].to_dict() == SUMMARY


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_usage_limits_policies(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        create = mock.post("/policies/usage-limits").respond(
            200, json={"id": USAGE_POLICY["id"], "object": "policy_usage_limits"}
        )
        body = {  # the spec's monthlyCostLimit example
            "name": "Monthly Cost Limit per API Key",
            "conditions": [{"key": "workspace_id", "value": "workspace-123"}],
            "group_by": [{"key": "api_key"}],
            "type": "cost",
            "credit_limit": 1000.0,
            "alert_threshold": 800.0,
            "periodic_reset": "monthly",
        }
        made = await call(mode, "policies.usage_limits.create", **body)
        assert sent(create) == ("POST", "/policies/usage-limits", body)
        assert isinstance(made, PolicyCreateResponse) and made.object == "policy_usage_limits"

        pid = USAGE_POLICY["id"]
        usage = {"api-key-123": {"current_usage": 12.5, "status": "active"}}
        retrieve = mock.get(f"/policies/usage-limits/{pid}").respond(
            200, json=dict(USAGE_POLICY, object="policy_usage_limits", value_key_usage_map=usage)
        )
        got = await call(mode, "policies.usage_limits.retrieve", policy_id=pid, include_usage=True)
        assert sent(retrieve)[1] == f"/policies/usage-limits/{pid}?include_usage=true"
        assert isinstance(got, UsageLimitsPolicyResponse) and got.credit_limit == 1000.0
        assert isinstance(got.conditions[0], Condition)
        assert got.value_key_usage_map["api-key-123"].current_usage == 12.5

        update = mock.put(f"/policies/usage-limits/{pid}").respond(200, json={})
        change = {"credit_limit": 2000.0, "alert_threshold": 1500.0, "periodic_reset": None}
        await call(mode, "policies.usage_limits.update", policy_id=pid, **change)
        assert sent(update) == ("PUT", f"/policies/usage-limits/{pid}", change)  # null kept

        listing = mock.get("/policies/usage-limits").respond(
            200, json={"object": "list", "data": [USAGE_POLICY], "total": 1}
        )
        page = await call(mode, "policies.usage_limits.list", status="active", type="cost")
        assert sent(listing)[1] == "/policies/usage-limits?status=active&type=cost"
        assert [type(p) for p in await items(mode, page)] == [UsageLimitsPolicy]

        entities = mock.get(f"/policies/usage-limits/{pid}/entities").respond(
            200,
            json={
                "object": "list",
                "data": [{"id": "e1", "value_key": "api_key:k1", "current_usage": 3.0}],
                "total": 1,
            },
        )
        page = await call(mode, "policies.usage_limits.entities.list", policy_id=pid, search="k1")
        assert sent(entities)[1] == f"/policies/usage-limits/{pid}/entities?search=k1"
        (entity,) = await items(mode, page)
        assert isinstance(entity, UsageLimitsPolicyEntity) and entity.value_key == "api_key:k1"

        reset = mock.put(f"/policies/usage-limits/{pid}/entities/e1/reset").respond(200, json={})
        await call(mode, "policies.usage_limits.entities.reset", policy_id=pid, entity_id="e1")
        assert sent(reset) == ("PUT", f"/policies/usage-limits/{pid}/entities/e1/reset", None)

        delete = mock.delete(f"/policies/usage-limits/{pid}").respond(200, json={})
        await call(mode, "policies.usage_limits.delete", policy_id=pid)
        assert sent(delete) == ("DELETE", f"/policies/usage-limits/{pid}", None)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_rate_limits_policies(mode: str) -> None:
    pid = RATE_POLICY["id"]
    with respx.mock(base_url=BASE) as mock:
        create = mock.post("/policies/rate-limits").respond(
            200, json={"id": pid, "object": "policy_rate_limits"}
        )
        body = {  # the spec's requestsPerMinute example
            "name": "100 RPM per API Key",
            "conditions": [{"key": "workspace_id", "value": "workspace-123"}],
            "group_by": [{"key": "api_key"}],
            "type": "requests",
            "unit": "rpm",
            "value": 100,
        }
        made = await call(mode, "policies.rate_limits.create", **body)
        assert sent(create) == ("POST", "/policies/rate-limits", body)
        assert made.id == pid

        mock.get(f"/policies/rate-limits/{pid}").respond(
            200, json=dict(RATE_POLICY, object="policy_rate_limits")
        )
        got = await call(mode, "policies.rate_limits.retrieve", policy_id=pid)
        assert isinstance(got, RateLimitsPolicyResponse)
        assert got.to_dict() == dict(RATE_POLICY, object="policy_rate_limits")

        update = mock.put(f"/policies/rate-limits/{pid}").respond(200, json={})
        await call(mode, "policies.rate_limits.update", policy_id=pid, value=200, unit="rph")
        assert sent(update) == (
            "PUT",
            f"/policies/rate-limits/{pid}",
            {"value": 200, "unit": "rph"},
        )

        route = mock.get("/policies/rate-limits")
        route.side_effect = [
            respx.MockResponse(200, json={"object": "list", "data": [RATE_POLICY], "total": 2}),
            respx.MockResponse(
                200, json={"object": "list", "data": [dict(RATE_POLICY, id="p2")], "total": 2}
            ),
        ]
        page = await call(mode, "policies.rate_limits.list", unit="rpm", page_size=1)
        found = await items(mode, page)
        assert [str(c.request.url).replace(BASE, "") for c in route.calls] == [
            "/policies/rate-limits?unit=rpm&page_size=1",
            "/policies/rate-limits?unit=rpm&page_size=1&current_page=1",
        ]
        assert [p.id for p in found] == [pid, "p2"]
        assert all(isinstance(p, RateLimitsPolicy) for p in found)

        delete = mock.delete(f"/policies/rate-limits/{pid}").respond(200, json={})
        await call(mode, "policies.rate_limits.delete", policy_id=pid)
        assert sent(delete) == ("DELETE", f"/policies/rate-limits/{pid}", None)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_errors_carry_the_api_message(mode: str) -> None:
    error = {
        "error": {
            "message": "You do not have enough permissions to execute this request",
            "type": "permission_error",
            "param": None,
            "code": None,
        }
    }
    with respx.mock(base_url=BASE) as mock:
        mock.get("/guardrails/nope").respond(
            404,
            json={"error": dict(error["error"], message="Guardrail not found")},
            headers={"x-request-id": "req-404"},
        )
        mock.post("/policies/rate-limits").respond(403, json=error)
        with pytest.raises(NotFoundError) as missing:
            await call(mode, "guardrails.retrieve", guardrail_id="nope")
        assert missing.value.status_code == 404
        assert "Guardrail not found" in str(missing.value)
        assert missing.value.request_id == "req-404"
        with pytest.raises(PermissionDeniedError) as denied:
            await call(
                mode,
                "policies.rate_limits.create",
                conditions=[],
                group_by=[],
                type="requests",
                unit="rpm",
                value=1,
            )
        assert "enough permissions" in str(denied.value)


def test_required_parameters_are_checked() -> None:
    with pytest.raises(TypeError, match="checks"):
        Portkey(base_url=BASE).guardrails.create(name="n", actions={})  # type: ignore[call-arg]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_an_empty_answer_is_an_empty_generic_response(mode: str) -> None:
    """Portkey's delete routes may answer 200 with no body (the spec's DELETE /guardrails/{id}
    has no content): an empty result, its headers kept; a typed route still refuses it."""
    with respx.mock(base_url=BASE) as mock:
        mock.delete("/guardrails/g1").respond(200, headers={"x-portkey-trace-id": "t1"})
        mock.get("/guardrails/g1").respond(200)
        gone = await call(mode, "guardrails.delete", guardrail_id="g1")
        assert isinstance(gone, GenericResponse) and gone.to_dict() == {
            "success": None,
            "data": None,
            "warning": None,
        }
        assert gone.get_headers() == {"trace-id": "t1"}
        with pytest.raises(APIResponseValidationError):
            await call(mode, "guardrails.retrieve", guardrail_id="g1")


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_pages_keep_the_servers_default_page_size(mode: str) -> None:
    """Without page_size, the first page's length is the server's default: the next pages ask
    for it, and a short last page ends the walk (no extra empty request)."""
    third = dict(RATE_POLICY, id="p3")
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/policies/rate-limits")
        route.side_effect = [
            respx.MockResponse(
                200, json={"data": [RATE_POLICY, dict(RATE_POLICY, id="p2")], "total": 5}
            ),
            respx.MockResponse(200, json={"data": [third, dict(RATE_POLICY, id="p4")], "total": 5}),
            respx.MockResponse(200, json={"data": [dict(RATE_POLICY, id="p5")], "total": 5}),
        ]
        found = await items(mode, await call(mode, "policies.rate_limits.list"))
        urls = [str(c.request.url).replace(BASE, "") for c in route.calls]
    assert len(found) == 5
    assert urls == [
        "/policies/rate-limits",
        "/policies/rate-limits?current_page=1&page_size=2",
        "/policies/rate-limits?current_page=2&page_size=2",
    ]
