"""Every method of ``client.mcp_integrations`` and ``client.mcp_servers`` (Portkey's own
routes), sync and async, against respx: what goes on the wire (method, path, query, JSON body:
what the official ``portkey-ai`` 2.3.4 sends for the same call, found by running it under
respx) and the typed result. Request bodies follow the spec's examples
(``CreateMcpIntegration``/``CreateMcpServer``: "Minimal (required fields only)"); answers are
in ``mcp_samples``. Pages, errors and argument checks: ``test_portkey_mcp_calls.py``.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest
import respx
from mcp_samples import (
    BASE,
    CAPABILITY,
    COUNTS,
    INTEGRATION,
    INTEGRATION_ID,
    INTEGRATION_PATH,
    METADATA,
    OK,
    SERVER,
    SERVER_ID,
    SERVER_PATH,
    USER_ACCESS,
    USER_ID,
    WORKSPACE_ITEM,
    client,
    request_body,
    result_of,
)

from portkey._generic import GenericResponse
from portkey.types import mcp_integrations as mi
from portkey.types import mcp_servers as ms

Check = Callable[[Any], None]
# name, call, (method, path, query, JSON body or None), answer, check of the result
Case = Tuple[str, Callable[[Any], Any], Tuple[str, str, Dict[str, str], Any], Any, Check]


def check_integration(r: Any) -> None:
    assert isinstance(r, mi.McpIntegrationRetrieveResponse)
    assert (r.id, r.slug, r.auth_type, r.transport, r.type) == (
        INTEGRATION_ID,
        "my-mcp-server",
        "oauth_client_credentials",
        "http",
        "organisation",
    )
    assert r.configurations == {"custom_headers": {"x-foo": "bar"}}
    assert r.description is None and r.global_workspace_access == {"enabled": False}
    assert r.secret_mappings is not None
    assert r.secret_mappings[0].secret_reference_id == "sr-oauth"


def check_generic(**fields: Any) -> Check:
    def check(r: Any) -> None:
        assert isinstance(r, GenericResponse)
        for name, value in fields.items():
            assert getattr(r, name) == value and r[name] == value

    return check


def check_capabilities(cls: type) -> Check:
    def check(r: Any) -> None:
        assert isinstance(r, cls)
        assert r.total == 3 and r.has_more is False
        assert r.data[0].name == "search_docs" and r.data[0].type == "tool"
        assert r.data[0].input_schema["properties"]["q"] == {"type": "string"}
        assert r.counts.tools.total == 3 and r.counts.tools.enabled == 2
        assert r.counts.resource_templates.enabled == 0

    return check


def check_success(cls: type) -> Check:
    def check(r: Any) -> None:
        assert isinstance(r, cls) and r.success is True

    return check


def check_workspaces_legacy(r: Any) -> None:
    assert isinstance(r, mi.McpIntegrationWorkspacesLegacyResponse)
    assert isinstance(r.workspaces[0], mi.McpIntegrationWorkspaceItem)
    assert (r.workspaces[0].id, r.workspaces[0].enabled) == ("ws-prod", True)
    assert r.global_workspace_access == {"enabled": False}


def check_workspaces_list(r: Any) -> None:
    assert isinstance(r, mi.McpIntegrationWorkspacesListResponse)
    assert r.total == 1 and r.data[0].id == "ws-prod"


def check_metadata(r: Any) -> None:
    assert isinstance(r, mi.McpIntegrationMetadataResponse)
    assert (r.server_name, r.server_version, r.sync_status) == ("docs-server", "1.4.0", "completed")
    assert r.capability_flags == {"tools": {"listChanged": True}} and r.sync_error is None


def check_server(r: Any) -> None:
    assert isinstance(r, ms.McpServerRetrieveResponse)
    assert (r.id, r.slug, r.mcp_integration_id, r.workspace_id) == (
        SERVER_ID,
        "docs",
        INTEGRATION_ID,
        "ws-prod",
    )
    details = r.mcp_integration_details
    assert isinstance(details, ms.McpServerRetrieveResponseMcpIntegrationDetails)
    assert (details.slug, details.transport) == ("my-mcp-server", "http")


def check_test(r: Any) -> None:
    assert isinstance(r, ms.McpServerTestResponse)
    assert (r.success, r.status_code, r.response_time_ms, r.error) == (True, 200, 84, None)


def check_user_access(r: Any) -> None:
    assert isinstance(r, ms.McpServerUserAccessResponse)
    assert r.default_user_access == "deny" and r.total == 1 and r.has_more is False
    item = r.data[0]
    assert isinstance(item, ms.McpServerUserAccessItem)
    assert (item.user_id, item.first_name, item.connection_status) == (
        USER_ID,
        "Ada",
        "connected",
    )


def check_created(cls: type, slug: str) -> Check:
    def check(r: Any) -> None:
        assert isinstance(r, cls) and r.slug == slug and r.id

    return check


NO_QUERY: Dict[str, str] = {}

CASES: List[Case] = [
    (
        "mcp_integrations.create",
        lambda c: c.mcp_integrations.create(
            name="My MCP Server",
            url="https://mcp.example.com/mcp",
            auth_type="none",
            transport="http",
            organisation_id="org-1",
        ),
        (
            "POST",
            "/mcp-integrations",
            NO_QUERY,
            {
                "name": "My MCP Server",
                "url": "https://mcp.example.com/mcp",
                "auth_type": "none",
                "transport": "http",
                "organisation_id": "org-1",
            },
        ),
        {"id": INTEGRATION_ID, "slug": "my-mcp-server"},
        check_created(mi.McpIntegrationCreateResponse, "my-mcp-server"),
    ),
    (
        "mcp_integrations.retrieve",
        lambda c: c.mcp_integrations.retrieve(mcp_integration_id=INTEGRATION_ID),
        ("GET", INTEGRATION_PATH, NO_QUERY, None),
        INTEGRATION,
        check_integration,
    ),
    (
        "mcp_integrations.update",
        lambda c: c.mcp_integrations.update(
            mcp_integration_id=INTEGRATION_ID, name="Renamed", description=None, transport="sse"
        ),
        (
            "PUT",
            INTEGRATION_PATH,
            NO_QUERY,
            {"name": "Renamed", "description": None, "transport": "sse"},
        ),
        {"success": True, "data": {"id": INTEGRATION_ID}},
        check_generic(success=True, data={"id": INTEGRATION_ID}),
    ),
    (
        "mcp_integrations.delete",
        lambda c: c.mcp_integrations.delete(mcp_integration_id=INTEGRATION_ID),
        ("DELETE", INTEGRATION_PATH, NO_QUERY, None),
        {"success": True, "message": "deleted"},
        check_generic(success=True, message="deleted"),
    ),
    (
        "mcp_integrations.sync",
        lambda c: c.mcp_integrations.sync(
            mcp_integration_id=INTEGRATION_ID,
            server_info={"name": "docs-server", "version": "1.4.0"},
            capabilities=[{"name": "search_docs", "type": "tool"}],
        ),
        (
            "POST",
            INTEGRATION_PATH + "/sync",
            NO_QUERY,
            {
                "server_info": {"name": "docs-server", "version": "1.4.0"},
                "capabilities": [{"name": "search_docs", "type": "tool"}],
            },
        ),
        {"success": True, "message": "synced", "details": {"tools": 3}},
        check_generic(success=True, message="synced", details={"tools": 3}),
    ),
    (
        "mcp_integrations.test",
        lambda c: c.mcp_integrations.test(mcp_integration_id=INTEGRATION_ID),
        ("POST", INTEGRATION_PATH + "/test", NO_QUERY, None),
        {"success": True, "message": "reachable"},
        check_generic(success=True, message="reachable"),
    ),
    (
        "mcp_integrations.workspaces.list",
        lambda c: c.mcp_integrations.workspaces.list(mcp_integration_id=INTEGRATION_ID),
        ("GET", INTEGRATION_PATH + "/workspaces", NO_QUERY, None),
        {"workspaces": [WORKSPACE_ITEM], "global_workspace_access": {"enabled": False}},
        check_workspaces_legacy,
    ),
    (
        "mcp_integrations.workspaces.list(version)",
        lambda c: c.mcp_integrations.workspaces.list(
            mcp_integration_id=INTEGRATION_ID, version="2"
        ),
        ("GET", INTEGRATION_PATH + "/workspaces", {"version": "2"}, None),
        {"data": [WORKSPACE_ITEM], "total": 1, "global_workspace_access": None},
        check_workspaces_list,
    ),
    (
        "mcp_integrations.workspaces.update",
        lambda c: c.mcp_integrations.workspaces.update(
            mcp_integration_id=INTEGRATION_ID,
            workspaces=[{"id": "ws-prod", "enabled": True}],
            global_workspace_access={"enabled": False},
        ),
        (
            "PUT",
            INTEGRATION_PATH + "/workspaces",
            NO_QUERY,
            {
                "workspaces": [{"id": "ws-prod", "enabled": True}],
                "global_workspace_access": {"enabled": False},
            },
        ),
        OK,
        check_generic(success=True),
    ),
    (
        "mcp_integrations.capabilities.list",
        lambda c: c.mcp_integrations.capabilities.list(mcp_integration_id=INTEGRATION_ID),
        ("GET", INTEGRATION_PATH + "/capabilities", NO_QUERY, None),
        {"data": [CAPABILITY], "counts": COUNTS, "total": 3, "has_more": False},
        check_capabilities(mi.McpIntegrationCapabilitiesResponse),
    ),
    (
        "mcp_integrations.capabilities.list(page)",
        lambda c: c.mcp_integrations.capabilities.list(
            mcp_integration_id=INTEGRATION_ID, page=2, page_size=50, type="tool"
        ),
        (
            "GET",
            INTEGRATION_PATH + "/capabilities",
            {"page": "2", "page_size": "50", "type": "tool"},
            None,
        ),
        {"data": [CAPABILITY], "counts": COUNTS, "total": 3, "has_more": False},
        check_capabilities(mi.McpIntegrationCapabilitiesResponse),
    ),
    (
        "mcp_integrations.capabilities.update",
        lambda c: c.mcp_integrations.capabilities.update(
            mcp_integration_id=INTEGRATION_ID,
            capabilities=[{"name": "search_docs", "type": "tool", "enabled": False}],
        ),
        (
            "PUT",
            INTEGRATION_PATH + "/capabilities",
            NO_QUERY,
            {"capabilities": [{"name": "search_docs", "type": "tool", "enabled": False}]},
        ),
        OK,
        check_success(mi.McpIntegrationCapabilitiesBulkUpdateResponse),
    ),
    (
        "mcp_integrations.metadata.retrieve",
        lambda c: c.mcp_integrations.metadata.retrieve(mcp_integration_id=INTEGRATION_ID),
        ("GET", INTEGRATION_PATH + "/metadata", NO_QUERY, None),
        METADATA,
        check_metadata,
    ),
    (
        "mcp_servers.create",
        lambda c: c.mcp_servers.create(
            name="My MCP Server", mcp_integration_id="MCP_INTEGRATION_ID_OR_SLUG"
        ),
        (
            "POST",
            "/mcp-servers",
            NO_QUERY,
            {"name": "My MCP Server", "mcp_integration_id": "MCP_INTEGRATION_ID_OR_SLUG"},
        ),
        {"id": SERVER_ID, "slug": "docs"},
        check_created(ms.McpServerCreateResponse, "docs"),
    ),
    (
        "mcp_servers.retrieve",
        lambda c: c.mcp_servers.retrieve(mcp_server_id=SERVER_ID),
        ("GET", SERVER_PATH, NO_QUERY, None),
        SERVER,
        check_server,
    ),
    (
        "mcp_servers.update",
        lambda c: c.mcp_servers.update(mcp_server_id=SERVER_ID, description="Team docs"),
        ("PUT", SERVER_PATH, NO_QUERY, {"description": "Team docs"}),
        OK,
        check_generic(success=True),
    ),
    (
        "mcp_servers.delete",
        lambda c: c.mcp_servers.delete(mcp_server_id=SERVER_ID),
        ("DELETE", SERVER_PATH, NO_QUERY, None),
        OK,
        check_generic(success=True),
    ),
    (
        "mcp_servers.test",
        lambda c: c.mcp_servers.test(mcp_server_id=SERVER_ID),
        ("POST", SERVER_PATH + "/test", NO_QUERY, None),
        {
            "success": True,
            "status_code": 200,
            "response_time_ms": 84,
            "url": "https://mcp.example.com/mcp",
            "server_name": "docs-server",
            "error": None,
        },
        check_test,
    ),
    (
        "mcp_servers.get_tokens",
        lambda c: c.mcp_servers.get_tokens(mcp_server_id=SERVER_ID),
        ("GET", SERVER_PATH + "/tokens", NO_QUERY, None),
        {"access_token": "at-1", "expires_at": "2025-07-01T00:00:00Z"},
        check_generic(access_token="at-1", expires_at="2025-07-01T00:00:00Z"),
    ),
    (
        "mcp_servers.update_tokens",
        lambda c: c.mcp_servers.update_tokens(
            mcp_server_id=SERVER_ID, access_token="at-2", refresh_token="rt-2"
        ),
        (
            "PUT",
            SERVER_PATH + "/tokens",
            NO_QUERY,
            {"access_token": "at-2", "refresh_token": "rt-2"},
        ),
        OK,
        check_generic(success=True),
    ),
    (
        "mcp_servers.delete_tokens",
        lambda c: c.mcp_servers.delete_tokens(mcp_server_id=SERVER_ID),
        ("DELETE", SERVER_PATH + "/tokens", NO_QUERY, None),
        OK,
        check_generic(success=True),
    ),
    (
        "mcp_servers.get_client_info",
        lambda c: c.mcp_servers.get_client_info(mcp_server_id=SERVER_ID),
        ("GET", SERVER_PATH + "/client-info", NO_QUERY, None),
        {"client_id": "cid-1"},
        check_generic(client_id="cid-1"),
    ),
    (
        "mcp_servers.capabilities.list",
        lambda c: c.mcp_servers.capabilities.list(mcp_server_id=SERVER_ID),
        ("GET", SERVER_PATH + "/capabilities", NO_QUERY, None),
        {
            "data": [{**CAPABILITY, "integration_enabled": True}],
            "counts": COUNTS,
            "total": 3,
            "has_more": False,
        },
        check_capabilities(ms.McpServerCapabilitiesResponse),
    ),
    (
        "mcp_servers.capabilities.update",
        lambda c: c.mcp_servers.capabilities.update(
            mcp_server_id=SERVER_ID,
            capabilities=[{"name": "search_docs", "type": "tool", "enabled": True}],
        ),
        (
            "PUT",
            SERVER_PATH + "/capabilities",
            NO_QUERY,
            {"capabilities": [{"name": "search_docs", "type": "tool", "enabled": True}]},
        ),
        OK,
        check_success(ms.McpServerCapabilitiesBulkUpdateResponse),
    ),
    (
        "mcp_servers.capabilities.sync",
        lambda c: c.mcp_servers.capabilities.sync(mcp_server_id=SERVER_ID),
        ("POST", SERVER_PATH + "/capabilities/sync", NO_QUERY, {}),
        OK,
        check_generic(success=True),
    ),
    (
        "mcp_servers.metadata.retrieve",
        lambda c: c.mcp_servers.metadata.retrieve(mcp_server_id=SERVER_ID),
        ("GET", SERVER_PATH + "/metadata", NO_QUERY, None),
        {"server_name": "docs-server", "instructions": "Use search_docs first."},
        check_generic(server_name="docs-server", instructions="Use search_docs first."),
    ),
    (
        "mcp_servers.metadata.sync",
        lambda c: c.mcp_servers.metadata.sync(
            mcp_server_id=SERVER_ID, server_name="docs-server", icons={"light": "a.png"}
        ),
        (
            "POST",
            SERVER_PATH + "/metadata/sync",
            NO_QUERY,
            {"server_name": "docs-server", "icons": {"light": "a.png"}},
        ),
        OK,
        check_generic(success=True),
    ),
    (
        "mcp_servers.user_access.list",
        lambda c: c.mcp_servers.user_access.list(mcp_server_id=SERVER_ID),
        ("GET", SERVER_PATH + "/user-access", NO_QUERY, None),
        {"data": [USER_ACCESS], "default_user_access": "deny", "total": 1, "has_more": False},
        check_user_access,
    ),
    (
        "mcp_servers.user_access.list(search)",
        lambda c: c.mcp_servers.user_access.list(mcp_server_id=SERVER_ID, search="ada", page=1),
        ("GET", SERVER_PATH + "/user-access", {"page": "1", "search": "ada"}, None),
        {"data": [USER_ACCESS], "default_user_access": "deny", "total": 1, "has_more": False},
        check_user_access,
    ),
    (
        "mcp_servers.user_access.update",
        lambda c: c.mcp_servers.user_access.update(
            mcp_server_id=SERVER_ID,
            user_access=[{"user_id": USER_ID, "enabled": True}],
            default_user_access="deny",
        ),
        (
            "PUT",
            SERVER_PATH + "/user-access",
            NO_QUERY,
            {"user_access": [{"user_id": USER_ID, "enabled": True}], "default_user_access": "deny"},
        ),
        OK,
        check_success(ms.McpServerUserAccessBulkUpdateResponse),
    ),
    (
        "mcp_servers.user_access.check",
        lambda c: c.mcp_servers.user_access.check(mcp_server_id=SERVER_ID),
        ("GET", SERVER_PATH + "/user-access/check", NO_QUERY, None),
        {"has_access": True},
        check_generic(has_access=True),
    ),
    (
        "mcp_servers.connections.delete",
        lambda c: c.mcp_servers.connections.delete(
            mcp_server_id=SERVER_ID, user_id=USER_ID, workspace_id="ws-prod"
        ),
        (
            "DELETE",
            SERVER_PATH + "/connections",
            {"user_id": USER_ID, "workspace_id": "ws-prod"},
            None,
        ),
        OK,
        check_success(ms.McpServerConnectionDeleteResponse),
    ),
]


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
async def test_method_request_and_result(mock: respx.MockRouter, kind: str, case: Case) -> None:
    _, call, (method, path, query, body), answer, check = case
    route = mock.route(method=method, path=path).respond(200, json=answer)
    result = await result_of(call(client(kind)))
    assert route.call_count == 1
    request = route.calls[0].request
    assert dict(request.url.params) == query
    assert request_body(request) == body
    # As the official: a JSON body has its content type, a bodiless request none.
    assert request.headers.get("content-type") == (None if body is None else "application/json")
    check(result)
