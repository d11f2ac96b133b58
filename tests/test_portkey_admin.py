"""``admin`` (users, invites, workspaces, workspace members), ``scim.workspaces`` and
``audit_logs`` (Portkey routes) through both clients and respx.

Each call's wire (method, path, query, body) is what the official SDK sends for it (read from
``portkey_ai/api_resources/apis/admin.py`` and checked by running it under respx: the page
number always sent, ``pageSize``/``currentPage`` on users, invites and workspaces, path
parameters repeated in some bodies); ``scim`` and ``audit_logs`` are ours. Request bodies and
answers are the spec's examples (``/admin/*``, ``/scim/*``, ``/audit-logs`` in
``../shared/specs/portkey/openapi.yaml``), or built from the response schema where the spec
has no example; the answers parse into the generated types with every field in place.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Dict, List, Tuple
from unittest.mock import ANY

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
from portkey.types.admin import (
    UserInviteResendResponse,
    UserInviteResponse,
    UserInviteRetrieveResponse,
    UserRetrieveResponse,
    WorkspaceMemberGetResponse,
    WorkspacesAddResponse,
    WorkspacesGetResponse,
)
from portkey.types.audit_logs import AuditLogListResponse, AuditLogListResponseRecords
from portkey.types.scim import (
    ScimWorkspaceDeleteResponse,
    ScimWorkspaceListResponse,
    ScimWorkspaceListResponseMappings,
    ScimWorkspaceMapping,
)

MODES = ["sync", "async"]

# GET /admin/users/{userId}: the spec's example.
USER: Dict[str, Any] = {
    "object": "user",
    "id": "61e08f60-4822-465e-ba23-39f85cd741cb",
    "first_name": "horace",
    "last_name": "slughorn",
    "role": "member",
    "email": "horace.slughorn@example.com",
    "created_at": "2024-01-25 11:35:07",
    "last_updated_at": "2024-01-25 11:35:07",
    "workspace_ids": ["ws-shared-123"],
}
# GET /admin/users/invites/{inviteId}: the spec's example (``workspaces`` is not in the schema:
# kept as an unknown field).
INVITE: Dict[str, Any] = {
    "object": "invite",
    "id": "419641fb-1458-47d6-94d0-e308159b3ec2",
    "email": "horace.slughorn@example.com",
    "role": "member",
    "created_at": "2023-12-12 13:56:32",
    "expires_at": "2023-12-12 13:56:32",
    "accepted_at": "2023-12-12 13:56:32",
    "status": "pending",
    "invited_by": "8dcfa174-c5ed-42c7-8a63-be755cc6e3123",
    "workspaces": [{"workspace_id": "", "role": ""}],
}
# GET /admin/workspaces/{workspaceId}/users/{userId}: the spec's example (scopes shortened).
MEMBER: Dict[str, Any] = {
    "object": "workspace-user",
    "id": "66dc015d-0270-11f1-8eec-0e27d7367989",
    "first_name": "John",
    "last_name": "Doe",
    "org_role": "admin",
    "role": "admin",
    "created_at": "2026-03-09T07:55:25.000Z",
    "last_updated_at": "2026-03-09T07:55:25.000Z",
    "status": "active",
    "workspace_id": "bf276bb9-4cef-4d87-b69b-b23a6ed6b1dd",
    "email": "john.doe@example.com",
    "scopes": ["organisations.read", "logs.list", "generations.create"],
    "settings": None,
}
# GET /admin/workspaces: an item of the spec's example.
WORKSPACE: Dict[str, Any] = {
    "id": "test-prod-ws-12345",
    "name": "Test prod workspace",
    "description": "This is a production workspace",
    "created_at": "2023-07-13 13:51:27",
    "last_updated_at": "2023-07-13 14:51:27",
    "object": "workspace",
}
# GET /admin/workspaces/{workspaceId}: built from WorkspaceWithUsers (its field examples).
WORKSPACE_DETAIL: Dict[str, Any] = {
    "id": "ws-test-a-174eb1",
    "slug": "ws-test-a-174eb1",
    "name": "New Workspace",
    "description": None,
    "created_at": "2024-07-30 13:27:29+00:00",
    "last_updated_at": "2024-07-30 13:27:29+00:00",
    "defaults": {
        "metadata": {"foo": "bar"},
        "is_default": 0,
        "input_guardrails": ["gr-1"],
        "output_guardrails": [],
        "user_api_key_config": None,
        "object": "workspace",
    },
    "users": [MEMBER],
    "usage_limits": [{"credit_limit": 10, "periodic_reset": "monthly", "alert_threshold": 8}],
    "rate_limits": [{"type": "requests", "unit": "rpm", "value": 100}],
}
# GET /scim/workspaces: the spec's example.
MAPPING: Dict[str, Any] = {
    "id": "d290f1ee-6c54-4b01-90e6-d701748f0851",
    "workspace_id": "ws_my-workspace",
    "scim_group": "Engineering Team",
    "scim_group_id": "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
    "role": "member",
}
# GET /audit-logs: one record built from AuditLogObjectList (its field descriptions).
RECORD: Dict[str, Any] = {
    "timestamp": "2025-03-01T10:00:00Z",
    "method": "PUT",
    "uri": "/v1/admin/workspaces/ws-1",
    "request_id": "req-1",
    "request_body": '{"name":"n"}',
    "query_params": "{}",
    "request_headers": '{"x-portkey-api-key":"****"}',
    "user_id": "61e08f60-4822-465e-ba23-39f85cd741cb",
    "user_type": "user",
    "organisation_id": "a1b2c3d4-e5f6-4a5b-8c7d-9e0f1a2b3c4d",
    "workspace_id": "ws-1",
    "response_status_code": 200,
    "resource_type": "workspaces",
    "action": "update",
    "client_ip": "203.0.113.9",
    "country": "IN",
}


def urls(route: respx.Route) -> List[str]:
    return [str(c.request.url).replace(BASE, "") for c in route.calls]


def no_none(value: Any) -> Any:
    """``value`` without its None values (what ``to_dict(exclude_none=True)`` leaves)."""
    if isinstance(value, dict):
        return {k: no_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [no_none(v) for v in value]
    return value


def same(model: Any, example: Dict[str, Any]) -> bool:
    """Every field of ``example`` is in ``model`` with its value, and nothing else is set."""
    return bool(model.to_dict(exclude_none=True) == no_none(example))


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_users(mode: str) -> None:
    uid = USER["id"]
    with respx.mock(base_url=BASE) as mock:
        mock.get(f"/admin/users/{uid}").respond(200, json=USER)
        got = await call(mode, "admin.users.retrieve", user_id=uid)
        assert isinstance(got, UserRetrieveResponse) and same(got, USER)
        assert got.workspace_ids == ["ws-shared-123"] and got.role == "member"

        update = mock.put(f"/admin/users/{uid}").respond(200, json={})
        changed = await call(mode, "admin.users.update", user_id=uid, role="admin")
        assert sent(update) == ("PUT", f"/admin/users/{uid}", {"role": "admin"})
        assert isinstance(changed, GenericResponse)

        delete = mock.delete(f"/admin/users/{uid}").respond(200, json={})
        gone = await call(mode, "admin.users.delete", user_id=uid)
        assert sent(delete) == ("DELETE", f"/admin/users/{uid}", None)
        assert isinstance(gone, GenericResponse)
        # No body, so no Content-Type (as the official).
        assert "content-type" not in delete.calls.last.request.headers


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_users_list_pages_with_the_officials_names(mode: str) -> None:
    other = dict(USER, id="u2", email="two@example.com")
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/admin/users")
        route.side_effect = [
            respx.MockResponse(200, json={"total": 2, "object": "list", "data": [USER]}),
            respx.MockResponse(200, json={"total": 2, "object": "list", "data": [other]}),
        ]
        page = await call(mode, "admin.users.list", page_size=1, role="member")
        assert page.total == 2 and page.object == "list"
        found = await items(mode, page)
    assert urls(route) == [
        "/admin/users?pageSize=1&currentPage=0&role=member",
        "/admin/users?pageSize=1&currentPage=1&role=member",
    ]
    assert [u.email for u in found] == [USER["email"], "two@example.com"]
    assert all(isinstance(u, UserRetrieveResponse) for u in found)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_users_list_sends_the_first_page_number(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/admin/users").respond(
            200, json={"total": 1, "object": "list", "data": [USER]}
        )
        page = await call(mode, "admin.users.list")
        assert urls(route) == ["/admin/users?currentPage=0"]
        assert not page.has_next_page()


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_invites(mode: str) -> None:
    iid = INVITE["id"]
    with respx.mock(base_url=BASE) as mock:
        body = {  # the spec's Python example
            "email": "user@example.com",
            "role": "member",
            "workspaces": [{"id": "WORKSPACE_SLUG", "role": "admin"}],
            "workspace_api_key_details": {
                "scopes": ["workspaces.list", "logs.export", "logs.list", "logs.view"]
            },
        }
        answer = {  # SuccessInvite's example
            "id": "a286286b-633d-4c4f-bddb-86b84a50a25c",
            "invite_link": "https://app.portkey.ai/invite_id",
        }
        create = mock.post("/admin/users/invites").respond(200, json=answer)
        made = await call(mode, "admin.users.invites.create", **body)
        assert sent(create) == ("POST", "/admin/users/invites", body)
        assert isinstance(made, UserInviteResponse) and same(made, answer)

        mock.get(f"/admin/users/invites/{iid}").respond(200, json=INVITE)
        got = await call(mode, "admin.users.invites.retrieve", invite_id=iid)
        assert isinstance(got, UserInviteRetrieveResponse) and same(got, INVITE)
        assert got.status == "pending" and got.workspaces == INVITE["workspaces"]

        link = {"inviteLink": "https://app.portkey.ai/invite/some-invite-link"}
        resend = mock.post(f"/admin/users/invites/{iid}/resend").respond(200, json=link)
        again = await call(mode, "admin.users.invites.resend", invite_id=iid)
        # No body and no Content-Type, as the official.
        assert sent(resend) == ("POST", f"/admin/users/invites/{iid}/resend", None)
        assert "content-type" not in resend.calls.last.request.headers
        assert isinstance(again, UserInviteResendResponse)
        assert again.inviteLink == link["inviteLink"]
        # The official's AsyncPortkey has resend on users (not on invites): both work here.
        again = await call(mode, "admin.users.resend", invite_id=iid)
        assert sent(resend) == ("POST", f"/admin/users/invites/{iid}/resend", None)
        assert resend.call_count == 2 and again.inviteLink == link["inviteLink"]

        delete = mock.delete(f"/admin/users/invites/{iid}").respond(200, json={})
        gone = await call(mode, "admin.users.invites.delete", invite_id=iid)
        assert sent(delete) == ("DELETE", f"/admin/users/invites/{iid}", None)
        assert isinstance(gone, GenericResponse)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_invites_list_pages(mode: str) -> None:
    other = dict(INVITE, id="i2")
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/admin/users/invites")
        route.side_effect = [
            respx.MockResponse(200, json={"object": "list", "total": 2, "data": [INVITE]}),
            respx.MockResponse(200, json={"object": "list", "total": 2, "data": [other]}),
        ]
        page = await call(
            mode, "admin.users.invites.list", page_size=1, email="a+b@example.com", status="pending"
        )
        found = await items(mode, page)
    assert urls(route) == [
        "/admin/users/invites?pageSize=1&currentPage=0&email=a%2Bb%40example.com&status=pending",
        "/admin/users/invites?pageSize=1&currentPage=1&email=a%2Bb%40example.com&status=pending",
    ]
    assert [i.id for i in found] == [INVITE["id"], "i2"]
    assert all(isinstance(i, UserInviteRetrieveResponse) for i in found)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_workspaces(mode: str) -> None:
    wid = WORKSPACE_DETAIL["id"]
    with respx.mock(base_url=BASE) as mock:
        body = {  # the spec's example
            "name": "My Workspace",
            "description": "My Description",
            "defaults": {"metadata": {"environment": "production", "foo": "bar"}},
        }
        made_json = {k: v for k, v in WORKSPACE_DETAIL.items() if k != "users"}
        create = mock.post("/admin/workspaces").respond(200, json=made_json)
        made = await call(mode, "admin.workspaces.create", **body)
        assert sent(create) == ("POST", "/admin/workspaces", body)
        assert isinstance(made, WorkspacesAddResponse) and made.slug == wid
        assert made.defaults.metadata == {"foo": "bar"}
        assert made.usage_limits[0].credit_limit == 10 and made.rate_limits[0].unit == "rpm"

        mock.get(f"/admin/workspaces/{wid}").respond(200, json=WORKSPACE_DETAIL)
        got = await call(mode, "admin.workspaces.retrieve", workspace_id=wid)
        assert isinstance(got, WorkspacesGetResponse) and same(got, WORKSPACE_DETAIL)
        assert isinstance(got.users[0], WorkspaceMemberGetResponse)
        assert got.users[0].email == MEMBER["email"]
        assert got.defaults.input_guardrails == ["gr-1"]

        update = mock.put(f"/admin/workspaces/{wid}").respond(200, json={})
        change = {"name": "My Workspace", "description": "My Description"}
        changed = await call(
            mode, "admin.workspaces.update", workspace_id=wid, defaults={"metadata": {}}, **change
        )
        assert sent(update) == (
            "PUT",
            f"/admin/workspaces/{wid}",
            {"defaults": {"metadata": {}}, **change},
        )
        assert isinstance(changed, GenericResponse)

        # The official sends the workspace id (and name) in the DELETE's body.
        delete = mock.delete(f"/admin/workspaces/{wid}").respond(200, json={})
        await call(mode, "admin.workspaces.delete", workspace_id=wid, name="My Workspace")
        assert sent(delete) == (
            "DELETE",
            f"/admin/workspaces/{wid}",
            {"workspace_id": wid, "name": "My Workspace"},
        )
        assert delete.calls.last.request.headers["content-type"] == "application/json"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_workspaces_list(mode: str) -> None:
    other = dict(WORKSPACE, id="ws-2")
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/admin/workspaces")
        route.side_effect = [
            respx.MockResponse(200, json={"total": 2, "object": "list", "data": [WORKSPACE]}),
            respx.MockResponse(200, json={"total": 2, "object": "list", "data": [other]}),
        ]
        page = await call(
            mode, "admin.workspaces.list", name="Test", page_size=1, status=["active", "archived"]
        )
        found = await items(mode, page)
    # Several statuses go comma-separated (the spec's form; the official sends a Python repr).
    assert urls(route) == [
        "/admin/workspaces?name=Test&pageSize=1&currentPage=0&status=active%2Carchived",
        "/admin/workspaces?name=Test&pageSize=1&currentPage=1&status=active%2Carchived",
    ]
    assert [w.id for w in found] == [WORKSPACE["id"], "ws-2"]
    assert isinstance(found[0], WorkspacesGetResponse) and same(found[0], WORKSPACE)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_workspace_members(mode: str) -> None:
    wid, uid = "ws-1", MEMBER["id"]
    members = f"/admin/workspaces/{wid}/users"
    with respx.mock(base_url=BASE) as mock:
        users = [  # the spec's example
            {"id": "419641fb-1458-47d6-94d0-e308159b3ec2", "role": "member"},
            {"id": "419641fb-1458-47d6-94d0-e308159b3ec3", "role": "member"},
        ]
        create = mock.post(members).respond(200, json={})
        added = await call(mode, "admin.workspaces.users.create", workspace_id=wid, users=users)
        # The official repeats the workspace id in the body.
        assert sent(create) == ("POST", members, {"workspace_id": wid, "users": users})
        assert isinstance(added, GenericResponse)

        mock.get(f"{members}/{uid}").respond(200, json=MEMBER)
        got = await call(mode, "admin.workspaces.users.retrieve", workspace_id=wid, user_id=uid)
        assert isinstance(got, WorkspaceMemberGetResponse) and same(got, MEMBER)
        assert got.org_role == "admin" and got.settings is None

        update = mock.put(f"{members}/{uid}").respond(200, json={})
        await call(
            mode, "admin.workspaces.users.update", workspace_id=wid, user_id=uid, role="member"
        )
        # ... and the user id in the update's body.
        assert sent(update) == ("PUT", f"{members}/{uid}", {"user_id": uid, "role": "member"})

        delete = mock.delete(f"{members}/{uid}").respond(200, json={})
        gone = await call(mode, "admin.workspaces.users.delete", workspace_id=wid, user_id=uid)
        assert sent(delete) == ("DELETE", f"{members}/{uid}", None)
        assert isinstance(gone, GenericResponse)

        route = mock.get(members)
        route.side_effect = [
            respx.MockResponse(200, json={"total": 2, "object": "list", "data": [MEMBER]}),
            respx.MockResponse(
                200, json={"total": 2, "object": "list", "data": [dict(MEMBER, id="m2")]}
            ),
        ]
        page = await call(
            mode, "admin.workspaces.users.list", workspace_id=wid, page_size=1, role="admin"
        )
        found = await items(mode, page)
    # This list keeps the snake_case names (as the official and the spec).
    assert urls(route) == [
        f"{members}?page_size=1&current_page=0&role=admin",
        f"{members}?page_size=1&current_page=1&role=admin",
    ]
    assert [m.id for m in found] == [uid, "m2"]
    assert all(isinstance(m, WorkspaceMemberGetResponse) for m in found)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_scim_workspaces(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        listing = mock.get("/scim/workspaces").respond(
            200, json={"mappings": [MAPPING], "total_count": 1}
        )
        got = await call(
            mode, "scim.workspaces.list", workspace_id="ws_my-workspace", role="member"
        )
        assert sent(listing)[1] == "/scim/workspaces?workspace_id=ws_my-workspace&role=member"
        assert isinstance(got, ScimWorkspaceListResponse) and got.total_count == 1
        assert isinstance(got.mappings[0], ScimWorkspaceListResponseMappings)
        assert same(got.mappings[0], MAPPING)

        body = {  # the spec's pre_create_group example
            "scim_group_name": "Engineering Team",
            "workspace_id": "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
            "role": "admin",
        }
        made_json = {  # ScimWorkspaceMapping's example
            "id": "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
            "workspace_id": "ws-12345",
            "scim_group": "Engineering Team",
            "role": "member",
            "scim_group_id": "d290f1ee-6c54-4b01-90e6-d701748f0851",
        }
        create = mock.post("/scim/workspaces").respond(200, json=made_json)
        made = await call(mode, "scim.workspaces.create", **body)
        assert sent(create) == ("POST", "/scim/workspaces", body)
        assert isinstance(made, ScimWorkspaceMapping) and same(made, made_json)

        mid = MAPPING["id"]
        delete = mock.delete(f"/scim/workspaces/{mid}").respond(200, json={"success": True})
        gone = await call(mode, "scim.workspaces.delete", scim_workspace_group_id=mid)
        assert sent(delete) == ("DELETE", f"/scim/workspaces/{mid}", None)
        assert isinstance(gone, ScimWorkspaceDeleteResponse) and gone.success is True


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_audit_logs(mode: str) -> None:
    start = datetime(2025, 3, 1, tzinfo=timezone.utc)
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/audit-logs").respond(
            200, json={"records": [RECORD], "total": 1, "object": "analytics-graph"}
        )
        got = await call(
            mode,
            "audit_logs.list",
            start_time=start,  # a datetime goes as ISO 8601
            end_time="2025-03-31T23:59:59Z",
            organisation_id=RECORD["organisation_id"],
            method="PUT",
            user_type="user",
            response_status_code=200,
            current_page=1,
            page_size=50,
        )
        request = route.calls.last.request
        assert request.method == "GET" and request.content == b""
        assert dict(request.url.params) == {
            "start_time": "2025-03-01T00:00:00+00:00",
            "end_time": "2025-03-31T23:59:59Z",
            "organisation_id": RECORD["organisation_id"],
            "method": "PUT",
            "user_type": "user",
            "response_status_code": "200",
            "current_page": "1",
            "page_size": "50",
        }
    assert isinstance(got, AuditLogListResponse) and got.total == 1
    assert isinstance(got.records[0], AuditLogListResponseRecords)
    assert same(got.records[0], RECORD)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_only_given_fields_and_flat_lists_are_sent(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        # As the official: what the API requires is not checked here, the API says it.
        create = mock.post("/admin/users/invites").respond(200, json={"id": "i1"})
        await call(mode, "admin.users.invites.create", email="a@b.c")
        assert sent(create) == ("POST", "/admin/users/invites", {"email": "a@b.c"})
        # A list where one value is declared goes comma-separated (the official: a repr).
        users = mock.get("/admin/users").respond(200, json={"total": 0, "data": []})
        await call(mode, "admin.users.list", role=["admin", "member"])
        assert sent(users)[1] == "/admin/users?currentPage=0&role=admin%2Cmember"


def test_required_and_path_parameters_are_checked() -> None:
    client = Portkey(base_url=BASE)
    with pytest.raises(TypeError, match="organisation_id"):
        client.audit_logs.list(start_time="a", end_time="b")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="role"):
        client.scim.workspaces.create(workspace_id="ws-1")  # type: ignore[call-arg]
    # An empty id would address the collection instead of one item.
    with pytest.raises(ValueError, match="workspace_id"):
        client.admin.workspaces.delete(workspace_id="")
    with pytest.raises(ValueError, match="user_id"):
        client.admin.workspaces.users.retrieve(workspace_id="ws-1", user_id="")


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_errors_carry_the_api_message(mode: str) -> None:
    def portkey_error(message: str) -> Dict[str, Any]:  # Portkey's error body (the spec's 401)
        return {"success": False, "data": {"message": message}}

    with respx.mock(base_url=BASE) as mock:
        mock.get("/admin/users").respond(403, json=portkey_error("Unauthorised Request"))
        mock.get("/admin/workspaces/nope").respond(404, json=portkey_error("Workspace not found"))
        mock.post("/admin/users/invites").respond(409, json=portkey_error("Invite already exists"))
        mock.post("/admin/workspaces").respond(422, json=portkey_error("name is required"))
        mock.get("/scim/workspaces").respond(403, json=portkey_error("SCIM is not enabled"))
        cases: List[Tuple[type, str, Dict[str, Any], str]] = [
            (PermissionDeniedError, "admin.users.list", {}, "Unauthorised Request"),
            (NotFoundError, "admin.workspaces.retrieve", {"workspace_id": "nope"}, "not found"),
            (
                ConflictError,
                "admin.users.invites.create",
                {"email": "a@b.c", "role": "member", "workspaces": []},
                "Invite already exists",
            ),
            (UnprocessableEntityError, "admin.workspaces.create", {}, "name is required"),
            (PermissionDeniedError, "scim.workspaces.list", {}, "SCIM is not enabled"),
        ]
        for error, path, kwargs, message in cases:
            with pytest.raises(error) as raised:
                page = await call(mode, path, **kwargs)
                await items(mode, page)  # not reached
            assert message in str(raised.value)
            assert raised.value.body == {"success": False, "data": {"message": ANY}}
