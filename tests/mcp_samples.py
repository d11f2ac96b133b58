"""Shared by the tests of ``client.mcp_integrations`` and ``client.mcp_servers``: answers
shaped as the spec's response schemas (``components/schemas/Mcp*``, values of our own) and
the sync/async client helpers."""

from __future__ import annotations

import inspect
import json
from typing import Any, Dict

import httpx

from portkey import AsyncPortkey, Portkey

BASE = "https://api.portkey.ai/v1"
INTEGRATION_ID = "3f0c2d5e-8a4b-4c1d-9e2f-1a2b3c4d5e6f"
SERVER_ID = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
USER_ID = "7d6c5b4a-3e2f-4d1c-9b0a-8f7e6d5c4b3a"

SECRET_MAPPING = {
    "target_field": "configurations.oauth_metadata",
    "secret_reference_id": "sr-oauth",
}
INTEGRATION = {  # McpIntegration
    "id": INTEGRATION_ID,
    "name": "My MCP Server",
    "description": None,
    "owner_id": "owner-1",
    "status": "active",
    "created_at": "2025-06-01T10:00:00.000Z",
    "last_updated_at": "2025-06-02T10:00:00.000Z",
    "configurations": {"custom_headers": {"x-foo": "bar"}},
    "global_workspace_access": {"enabled": False},
    "workspace_id": None,
    "slug": "my-mcp-server",
    "url": "https://mcp.example.com/mcp",
    "auth_type": "oauth_client_credentials",
    "transport": "http",
    "type": "organisation",
    "secret_mappings": [SECRET_MAPPING],
}
WORKSPACE_ITEM = {"id": "ws-prod", "enabled": True, "status": "active"}
CAPABILITY = {  # McpIntegrationCapabilityItem / McpServerCapabilityItem
    "name": "search_docs",
    "type": "tool",
    "title": "Search docs",
    "description": "Full-text search",
    "enabled": True,
    "input_schema": {"type": "object", "properties": {"q": {"type": "string"}}},
}
COUNTS = {
    "tools": {"total": 3, "enabled": 2},
    "prompts": {"total": 0, "enabled": 0},
    "resources": {"total": 1, "enabled": 1},
    "resource_templates": {"total": 0, "enabled": 0},
}
METADATA = {  # McpIntegrationMetadata
    "server_name": "docs-server",
    "server_version": "1.4.0",
    "protocol_version": "2025-06-18",
    "capability_flags": {"tools": {"listChanged": True}},
    "sync_status": "completed",
    "last_synced_at": "2025-06-02T10:00:00.000Z",
    "sync_error": None,
}
SERVER = {  # McpServer
    "id": SERVER_ID,
    "slug": "docs",
    "name": "Docs",
    "status": "active",
    "description": "Docs for the team",
    "created_at": "2025-06-01T10:00:00.000Z",
    "mcp_integration_id": INTEGRATION_ID,
    "mcp_integration_details": {
        "id": INTEGRATION_ID,
        "slug": "my-mcp-server",
        "url": "https://mcp.example.com/mcp",
        "transport": "http",
        "auth_type": "none",
    },
    "workspace_id": "ws-prod",
}
USER_ACCESS = {
    "user_id": USER_ID,
    "first_name": "Ada",
    "last_name": None,
    "enabled": True,
    "has_override": True,
    "connection_status": "connected",
}
CONNECTION = {"user_id": USER_ID, "connected": True, "created_at": "2025-06-01T10:00:00.000Z"}
OK = {"success": True}


def integration_item(i: int) -> Dict[str, Any]:  # McpIntegrationListItem
    return {**INTEGRATION, "id": f"mi-{i}", "slug": f"mcp-{i}", "workspaces_count": 2}


def server_item(i: int) -> Dict[str, Any]:  # McpServerListItem
    return {
        "id": f"ms-{i}",
        "organisation_id": "org-1",
        "name": f"Server {i}",
        "slug": f"server-{i}",
        "mcp_integration_id": INTEGRATION_ID,
        "url": f"https://gateway.example/server-{i}/mcp",
        "workspace_name": "Production",
    }


INTEGRATION_PATH = "/mcp-integrations/" + INTEGRATION_ID
SERVER_PATH = "/mcp-servers/" + SERVER_ID


def client(kind: str) -> Any:
    cls = Portkey if kind == "sync" else AsyncPortkey
    return cls(api_key="pk-test", base_url=BASE, max_retries=0)


async def result_of(value: Any) -> Any:
    """The sync result as it is; the async one awaited (a list's paginator gives its page)."""
    return await value if inspect.isawaitable(value) else value


def request_body(request: httpx.Request) -> Any:
    return json.loads(request.content) if request.content else None
