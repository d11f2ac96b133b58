"""Parameters of ``/mcp-integrations`` and ``/mcp-servers`` (Portkey routes), as the official
SDK takes them; the spec's parameters the official lacks are marked "ours"."""

from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "McpCapabilityListParams",
    "McpCapabilitySyncParams",
    "McpCapabilityUpdateParams",
    "McpIntegrationCreateParams",
    "McpIntegrationListParams",
    "McpIntegrationSyncParams",
    "McpIntegrationUpdateParams",
    "McpIntegrationWorkspaceUpdateParams",
    "McpServerConnectionDeleteParams",
    "McpServerConnectionListParams",
    "McpServerCreateParams",
    "McpServerListParams",
    "McpServerMetadataSyncParams",
    "McpServerTokensUpdateParams",
    "McpServerUpdateParams",
    "McpServerUserAccessListParams",
    "McpServerUserAccessUpdateParams",
]

McpAuthType = Literal["oauth_auto", "oauth_client_credentials", "headers", "none"]
McpTransport = Literal["http", "sse"]
McpCapabilityType = Literal["tool", "prompt", "resource", "resource_template"]


class McpIntegrationCreateParams(RequestOptions, total=False):
    """``POST /mcp-integrations``: at organisation level (``organisation_id``, with an admin
    key) or in a workspace (``workspace_id``). ``slug`` and ``secret_mappings`` are ours."""

    name: Required[str]
    url: Required[str]
    auth_type: Required[McpAuthType]
    transport: Required[McpTransport]
    description: Optional[str]
    workspace_id: str
    organisation_id: str
    configurations: Mapping[str, Any]
    slug: str
    secret_mappings: Iterable[Mapping[str, Any]]


class McpIntegrationListParams(RequestOptions, total=False):
    """``GET /mcp-integrations`` (the official sends only what is given)."""

    organisation_id: str
    type: Literal["workspace", "organisation", "all"]
    workspace_id: str
    current_page: int
    page_size: int
    search: str


class McpIntegrationUpdateParams(RequestOptions, total=False):
    """``PUT /mcp-integrations/{mcp_integration_id}`` (``secret_mappings`` is ours)."""

    name: str
    description: Optional[str]
    configurations: Mapping[str, Any]
    url: str
    auth_type: McpAuthType
    transport: McpTransport
    secret_mappings: Iterable[Mapping[str, Any]]


class McpIntegrationSyncParams(RequestOptions, total=False):
    """``POST /mcp-integrations/{mcp_integration_id}/sync``: what the server reported."""

    server_info: Mapping[str, Any]
    capabilities: Iterable[Mapping[str, Any]]


class McpIntegrationWorkspaceUpdateParams(RequestOptions, total=False):
    """``PUT /mcp-integrations/{mcp_integration_id}/workspaces``: ``workspaces`` is a list of
    ``{"id": ..., "enabled": ...}``; ``override_existing_workspace_access`` is ours."""

    workspaces: Iterable[Mapping[str, Any]]
    global_workspace_access: Optional[Mapping[str, Any]]
    override_existing_workspace_access: bool


class McpCapabilityListParams(RequestOptions, total=False):
    """``GET .../capabilities`` (ours: the official sends no query). ``page`` counts from 1."""

    page: int
    page_size: int
    type: McpCapabilityType


class McpCapabilityUpdateParams(RequestOptions, total=False):
    """``PUT .../capabilities``: ``capabilities`` is a list of ``{"name", "type", "enabled"}``."""

    capabilities: Required[Iterable[Mapping[str, Any]]]


class McpCapabilitySyncParams(RequestOptions, total=False):
    """``POST /mcp-servers/{mcp_server_id}/capabilities/sync``."""

    capabilities: Iterable[Mapping[str, Any]]


class McpServerCreateParams(RequestOptions, total=False):
    """``POST /mcp-servers``: a workspace's instance of an MCP integration."""

    name: Required[str]
    mcp_integration_id: Required[str]
    description: Optional[str]
    workspace_id: str
    slug: str


class McpServerListParams(RequestOptions, total=False):
    """``GET /mcp-servers``; ``id`` filters by one id or several (a list is sent
    comma-separated)."""

    workspace_id: str
    current_page: int
    page_size: int
    id: Union[str, Sequence[str]]
    search: str


class McpServerUpdateParams(RequestOptions, total=False):
    """``PUT /mcp-servers/{mcp_server_id}``."""

    name: str
    description: Optional[str]


class McpServerTokensUpdateParams(RequestOptions, total=False):
    """``PUT /mcp-servers/{mcp_server_id}/tokens``."""

    access_token: Required[str]
    refresh_token: str


class McpServerMetadataSyncParams(RequestOptions, total=False):
    """``POST /mcp-servers/{mcp_server_id}/metadata/sync``: what the server reported."""

    server_name: str
    server_version: str
    protocol_version: str
    title: str
    description: str
    website_url: str
    icons: Mapping[str, Any]
    capability_flags: Mapping[str, Any]
    instructions: str


class McpServerUserAccessListParams(RequestOptions, total=False):
    """``GET /mcp-servers/{mcp_server_id}/user-access`` (ours: the official sends no query).
    ``page`` counts from 1; ``search`` matches user names and emails."""

    page: int
    page_size: int
    search: str


class McpServerUserAccessUpdateParams(RequestOptions, total=False):
    """``PUT /mcp-servers/{mcp_server_id}/user-access``: ``user_access`` is a list of
    ``{"user_id": ..., "enabled": ...}``; ``default_user_access`` is ``"allow"`` or ``"deny"``
    in the spec (the official types it as a dict: both are accepted)."""

    user_access: Iterable[Mapping[str, Any]]
    default_user_access: Union[Literal["allow", "deny"], Mapping[str, Any]]


class McpServerConnectionListParams(RequestOptions, total=False):
    """``GET /mcp-servers/{mcp_server_id}/connections`` (ours)."""

    user_id: str
    workspace_id: str
    current_page: int
    page_size: int


class McpServerConnectionDeleteParams(RequestOptions, total=False):
    """``DELETE /mcp-servers/{mcp_server_id}/connections`` (ours): both go in the query."""

    user_id: str
    workspace_id: str
