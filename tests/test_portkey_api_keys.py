"""``api_keys`` (a Portkey route) through both clients and respx.

Each call's wire (method, path, query, body) is what the official SDK sends for it (read from
``portkey_ai/api_resources/apis/api_keys.py`` and checked by running it under respx: ``create``
puts ``type`` and ``sub-type`` in the body as well as in the path, ``update`` repeats ``id`` in
the body, ``list`` always sends ``current_page``); ``rotate`` is ours. Request bodies are the
spec's examples (``/api-keys*`` in ``../shared/specs/portkey/openapi.yaml``); the answers are
built from the response schemas' field examples, and parse with every field in place.
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

import pytest
import respx
from both_clients import BASE, call, items, sent

from portkey import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    Portkey,
    UnprocessableEntityError,
)
from portkey._generic import GenericResponse
from portkey.types.api_keys import (
    ApiKeyAddResponse,
    ApiKeyGetResponse,
    ApiKeyGetResponseDefaults,
    ApiKeyGetResponseRateLimits,
    ApiKeyRotateResponse,
)

MODES = ["sync", "async"]
KID = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
# GET /api-keys/{id}: ApiKeyObject with its fields' examples.
KEY: Dict[str, Any] = {
    "id": KID,
    "key": "Xk*******S4",
    "name": "Development API Key",
    "description": "API key for development environment",
    "type": "organisation-service",
    "organisation_id": "a1b2c3d4-e5f6-4a5b-8c7d-9e0f1a2b3c4d",
    "workspace_id": "ws-myworkspace",
    "user_id": "c3d4e5f6-a7b8-6c7d-0e1f-2a3b4c5d6e7f",
    "status": "active",
    "created_at": "2023-09-15T10:30:00Z",
    "last_updated_at": "2023-09-15T10:30:00Z",
    "creation_mode": "ui",
    "rate_limits": [{"type": "requests", "unit": "rpm", "value": 100}],
    "usage_limits": {"credit_limit": 10, "periodic_reset": "monthly", "alert_threshold": 8},
    "reset_usage": 0,
    "scopes": ["completions.write"],
    "defaults": {
        "metadata": {"environment": "development", "team": "backend"},
        "config_id": "config-abc",
    },
    "alert_emails": ["foo@bar.com"],
    "expires_at": "2026-12-31T23:59:59Z",
    "object": "api-key",
}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create(mode: str) -> None:
    answer = {"id": KID, "key": "abssofjosfjs", "object": "api-key"}  # the schema's examples
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/api-keys/organisation/service").respond(200, json=answer)
        body = {  # the spec's create_with_rotation example
            "name": "Auto-rotating Key",
            "scopes": ["completions.write"],
            "rotation_policy": {"rotation_period": "monthly", "key_transition_period_ms": 3600000},
        }
        made = await call(mode, "api_keys.create", type="organisation", sub_type="service", **body)
        # As the official: the path's type and sub-type are in the body too, first.
        method, path, sent_body = sent(route)
        assert (method, path) == ("POST", "/api-keys/organisation/service")
        assert list(sent_body.items()) == [
            ("type", "organisation"),
            ("sub-type", "service"),
            *body.items(),
        ]
        assert isinstance(made, ApiKeyAddResponse) and made.to_dict() == answer

        route = mock.post("/api-keys/workspace/user").respond(200, json=answer)
        body = {  # the spec's create_with_usage_limits example, for a user's workspace key
            "name": "Budget-limited Key",
            "scopes": ["completions.write"],
            "usage_limits": {
                "type": "cost",
                "credit_limit": 100,
                "alert_threshold": 80,
                "periodic_reset": "monthly",
            },
            "alert_emails": ["admin@example.com"],
            "workspace_id": "ws-myworkspace",
            "user_id": KEY["user_id"],
            "custom_field": 1,  # free keywords go into the body, as the official's **kwargs
        }
        await call(mode, "api_keys.create", type="workspace", sub_type="user", **body)
        assert sent(route)[2] == {"type": "workspace", "sub-type": "user", **body}

        # As the official: only what is given is sent (the API says what it misses).
        route = mock.post("/api-keys/organisation/service").respond(200, json=answer)
        await call(mode, "api_keys.create", type="organisation", sub_type="service", name="k")
        assert sent(route)[2] == {"type": "organisation", "sub-type": "service", "name": "k"}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_retrieve_update_delete(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get(f"/api-keys/{KID}").respond(200, json=KEY)
        got = await call(mode, "api_keys.retrieve", id=KID)
        assert isinstance(got, ApiKeyGetResponse) and got.to_dict(exclude_none=True) == KEY
        assert isinstance(got.rate_limits[0], ApiKeyGetResponseRateLimits)
        assert got.rate_limits[0].value == 100 and got.usage_limits.credit_limit == 10
        assert isinstance(got.defaults, ApiKeyGetResponseDefaults)
        assert got.defaults.config_id == "config-abc" and got.type == "organisation-service"

        update = mock.put(f"/api-keys/{KID}").respond(200, json={})
        body = {  # the spec's update_api_key example
            "name": "API_KEY_NAME_0909",
            "rate_limits": [{"type": "requests", "unit": "rpm", "value": 100}],
        }
        changed = await call(mode, "api_keys.update", id=KID, **body)
        # As the official: the key's id is in the body too.
        assert sent(update) == ("PUT", f"/api-keys/{KID}", {"id": KID, **body})
        assert isinstance(changed, GenericResponse)
        await call(mode, "api_keys.update", id=KID, reset_usage=True)  # the reset_usage example
        assert sent(update)[2] == {"id": KID, "reset_usage": True}

        delete = mock.delete(f"/api-keys/{KID}").respond(200, json={})
        gone = await call(mode, "api_keys.delete", id=KID)
        assert sent(delete) == ("DELETE", f"/api-keys/{KID}", None)
        assert isinstance(gone, GenericResponse)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_list_pages(mode: str) -> None:
    second = dict(KEY, id="k2")
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/api-keys")
        route.side_effect = [
            respx.MockResponse(200, json={"total": 2, "object": "list", "data": [KEY]}),
            respx.MockResponse(200, json={"total": 2, "object": "list", "data": [second]}),
        ]
        page = await call(mode, "api_keys.list", page_size=1, workspace_id="ws-shared-123")
        assert page.total == 2 and page.object == "list"
        found = await items(mode, page)
        assert [str(c.request.url).replace(BASE, "") for c in route.calls] == [
            "/api-keys?page_size=1&current_page=0&workspace_id=ws-shared-123",
            "/api-keys?page_size=1&current_page=1&workspace_id=ws-shared-123",
        ]
    assert [k.id for k in found] == [KID, "k2"]
    assert all(isinstance(k, ApiKeyGetResponse) for k in found)

    with respx.mock(base_url=BASE) as mock:  # the official always sends the page number
        route = mock.get("/api-keys").respond(200, json={"total": 0, "data": []})
        page = await call(mode, "api_keys.list")
        assert str(route.calls.last.request.url) == BASE + "/api-keys?current_page=0"
        assert page.data == [] and not page.has_next_page()


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_rotate(mode: str) -> None:
    answer = {  # RotateApiKeyResponse's field examples
        "id": "550e8400-e29b-41d4-a716-446655440000",
        "key": "pk_live_new_rotated_key_value",
        "key_transition_expires_at": "2026-01-15T10:30:00.000Z",
    }
    with respx.mock(base_url=BASE) as mock:
        route = mock.post(f"/api-keys/{KID}/rotate").respond(200, json=answer)
        rotated = await call(mode, "api_keys.rotate", id=KID, key_transition_period_ms=3600000)
        assert sent(route) == (
            "POST",
            f"/api-keys/{KID}/rotate",
            {"key_transition_period_ms": 3600000},  # the spec's example
        )
        assert isinstance(rotated, ApiKeyRotateResponse) and rotated.to_dict() == answer
        await call(mode, "api_keys.rotate", id=KID)  # the server's transition period
        assert sent(route)[2] == {}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_errors_carry_the_api_message(mode: str) -> None:
    def portkey_error(message: str) -> Dict[str, Any]:  # Portkey's error body (the spec's 401)
        return {"success": False, "data": {"message": message}}

    with respx.mock(base_url=BASE) as mock:
        mock.get("/api-keys").respond(403, json=portkey_error("Missing scope api_keys.list"))
        mock.get("/api-keys/nope").respond(404, json=portkey_error("API key not found"))
        mock.post("/api-keys/organisation/service").respond(
            409, json=portkey_error("An API key with this name already exists")
        )
        mock.post(f"/api-keys/{KID}/rotate").respond(
            422, json=portkey_error("key_transition_period_ms must be at least 1800000")
        )
        cases: List[Tuple[type, str, Dict[str, Any], str]] = [
            (PermissionDeniedError, "api_keys.list", {}, "Missing scope api_keys.list"),
            (NotFoundError, "api_keys.retrieve", {"id": "nope"}, "API key not found"),
            (
                ConflictError,
                "api_keys.create",
                {"type": "organisation", "sub_type": "service", "name": "n", "scopes": []},
                "already exists",
            ),
            (
                UnprocessableEntityError,
                "api_keys.rotate",
                {"id": KID, "key_transition_period_ms": 1},
                "at least 1800000",
            ),
        ]
        for error, path, kwargs, message in cases:
            with pytest.raises(error) as raised:
                await call(mode, path, **kwargs)
            assert message in str(raised.value)
            assert raised.value.status_code in (403, 404, 409, 422)


def test_bad_input_is_refused_before_sending() -> None:
    client = Portkey(base_url=BASE)
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        route = mock.route()
        with pytest.raises(TypeError, match="sub_type"):
            client.api_keys.create(type="organisation", name="n", scopes=[])  # type: ignore[call-arg]
        # An empty or dot-segment id would address another resource.
        with pytest.raises(ValueError, match="id"):
            client.api_keys.retrieve(id="")
        with pytest.raises(ValueError, match="dot-segment"):
            client.api_keys.delete(id="..")
        with pytest.raises(ValueError, match="sub_type"):
            client.api_keys.create(type="organisation", sub_type="", name="n", scopes=[])
        assert not route.called
