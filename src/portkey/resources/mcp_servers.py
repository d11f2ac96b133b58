"""``/mcp-servers`` (a Portkey route): MCP servers (a workspace's instance of an MCP
integration), their OAuth tokens, capabilities, metadata, user access and connections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import Unpack

from .._generic import GenericResponse
from .._types import RequestOptions
from ..types.mcp_servers import (
    McpServerCapabilitiesBulkUpdateResponse,
    McpServerCapabilitiesResponse,
    McpServerConnectionDeleteResponse,
    McpServerConnectionItem,
    McpServerCreateResponse,
    McpServerListItem,
    McpServerRetrieveResponse,
    McpServerTestResponse,
    McpServerUserAccessBulkUpdateResponse,
    McpServerUserAccessResponse,
)
from ..types.params.mcp import (
    McpCapabilityListParams,
    McpCapabilitySyncParams,
    McpCapabilityUpdateParams,
    McpServerConnectionDeleteParams,
    McpServerConnectionListParams,
    McpServerCreateParams,
    McpServerListParams,
    McpServerMetadataSyncParams,
    McpServerTokensUpdateParams,
    McpServerUpdateParams,
    McpServerUserAccessListParams,
    McpServerUserAccessUpdateParams,
)
from ._base import APIResource, Endpoint, subresource

# Annotations only: the page module loads with the first list.
if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage

__all__ = [
    "AsyncMcpServerCapabilities",
    "AsyncMcpServerConnections",
    "AsyncMcpServerMetadata",
    "AsyncMcpServerUserAccess",
    "AsyncMcpServers",
    "McpServerCapabilities",
    "McpServerConnections",
    "McpServerMetadata",
    "McpServerUserAccess",
    "McpServers",
]

_PATH = "/mcp-servers"
_ONE = _PATH + "/{mcp_server_id}"

# ``strict``: where the official method takes no free keywords, neither do we (a GET would
# otherwise drop them silently).
_create: Endpoint[McpServerCreateResponse] = Endpoint(
    "POST", _PATH, McpServerCreateResponse, params=McpServerCreateParams
)
# As the official: only the parameters given are sent (the API's defaults: page 0 of 100);
# ``flat``: a list of ids goes comma-separated, as the API reads ``id``.
_list: Endpoint[object] = Endpoint(
    "GET", _PATH, object, params=McpServerListParams, item=McpServerListItem, page="page", flat=True
)
_retrieve: Endpoint[McpServerRetrieveResponse] = Endpoint(
    "GET", _ONE, McpServerRetrieveResponse, strict=True
)
_update: Endpoint[GenericResponse] = Endpoint(
    "PUT", _ONE, GenericResponse, params=McpServerUpdateParams
)
_delete: Endpoint[GenericResponse] = Endpoint("DELETE", _ONE, GenericResponse, strict=True)
# The official posts no body at all here.
_test: Endpoint[McpServerTestResponse] = Endpoint(
    "POST", _ONE + "/test", McpServerTestResponse, body=False, strict=True
)
_get_tokens: Endpoint[GenericResponse] = Endpoint(
    "GET", _ONE + "/tokens", GenericResponse, strict=True
)
_update_tokens: Endpoint[GenericResponse] = Endpoint(
    "PUT", _ONE + "/tokens", GenericResponse, params=McpServerTokensUpdateParams
)
_delete_tokens: Endpoint[GenericResponse] = Endpoint(
    "DELETE", _ONE + "/tokens", GenericResponse, strict=True
)
_client_info: Endpoint[GenericResponse] = Endpoint(
    "GET", _ONE + "/client-info", GenericResponse, strict=True
)
_capabilities_list: Endpoint[McpServerCapabilitiesResponse] = Endpoint(
    "GET",
    _ONE + "/capabilities",
    McpServerCapabilitiesResponse,
    params=McpCapabilityListParams,
    strict=True,
)
_capabilities_update: Endpoint[McpServerCapabilitiesBulkUpdateResponse] = Endpoint(
    "PUT",
    _ONE + "/capabilities",
    McpServerCapabilitiesBulkUpdateResponse,
    params=McpCapabilityUpdateParams,
)
_capabilities_sync: Endpoint[GenericResponse] = Endpoint(
    "POST", _ONE + "/capabilities/sync", GenericResponse, params=McpCapabilitySyncParams
)
_metadata: Endpoint[GenericResponse] = Endpoint(
    "GET", _ONE + "/metadata", GenericResponse, strict=True
)
_metadata_sync: Endpoint[GenericResponse] = Endpoint(
    "POST", _ONE + "/metadata/sync", GenericResponse, params=McpServerMetadataSyncParams
)
_user_access_list: Endpoint[McpServerUserAccessResponse] = Endpoint(
    "GET",
    _ONE + "/user-access",
    McpServerUserAccessResponse,
    params=McpServerUserAccessListParams,
    strict=True,
)
_user_access_update: Endpoint[McpServerUserAccessBulkUpdateResponse] = Endpoint(
    "PUT",
    _ONE + "/user-access",
    McpServerUserAccessBulkUpdateResponse,
    params=McpServerUserAccessUpdateParams,
)
_user_access_check: Endpoint[GenericResponse] = Endpoint(
    "GET", _ONE + "/user-access/check", GenericResponse, strict=True
)
_connections_list: Endpoint[object] = Endpoint(
    "GET",
    _ONE + "/connections",
    object,
    params=McpServerConnectionListParams,
    item=McpServerConnectionItem,
    page="page",
    strict=True,
)
# The API reads both parameters from the query, a DELETE's too.
_connections_delete: Endpoint[McpServerConnectionDeleteResponse] = Endpoint(
    "DELETE",
    _ONE + "/connections",
    McpServerConnectionDeleteResponse,
    params=McpServerConnectionDeleteParams,
    query=("user_id", "workspace_id"),
    strict=True,
)


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncMcpServerCapabilities(APIResource):
    """``client.mcp_servers.capabilities``: the tools, prompts and resources the server
    offers, and which of them are enabled."""

    async def list(
        self, *, mcp_server_id: str, **params: Unpack[McpCapabilityListParams]
    ) -> McpServerCapabilitiesResponse:
        """The capabilities (``.data``) with their ``counts``. ``page`` (from 1),
        ``page_size`` and ``type`` are ours (the official sends no query); ``has_more`` says
        whether to ask for the next page."""
        return await self._call(_capabilities_list, locals())

    async def update(
        self, *, mcp_server_id: str, **params: Unpack[McpCapabilityUpdateParams]
    ) -> McpServerCapabilitiesBulkUpdateResponse:
        """Enable or disable capabilities: ``capabilities=[{"name": ..., "type": "tool",
        "enabled": False}]``."""
        return await self._call(_capabilities_update, locals())

    async def sync(
        self, *, mcp_server_id: str, **params: Unpack[McpCapabilitySyncParams]
    ) -> GenericResponse:
        """Store the capabilities the server reported (``POST .../capabilities/sync``: the
        official SDK's route; the spec lacks it)."""
        return await self._call(_capabilities_sync, locals())


class AsyncMcpServerMetadata(APIResource):
    """``client.mcp_servers.metadata``: what the server reported about itself (routes of the
    official SDK; the spec lacks them)."""

    async def retrieve(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """The server's name, versions, title, icons, capability flags and instructions."""
        return await self._call(_metadata, locals())

    async def sync(
        self, *, mcp_server_id: str, **params: Unpack[McpServerMetadataSyncParams]
    ) -> GenericResponse:
        """Store what the server reported (``server_name``, ``server_version``, ...)."""
        return await self._call(_metadata_sync, locals())


class AsyncMcpServerUserAccess(APIResource):
    """``client.mcp_servers.user_access``: which users may use the server."""

    async def list(
        self, *, mcp_server_id: str, **params: Unpack[McpServerUserAccessListParams]
    ) -> McpServerUserAccessResponse:
        """The users with their access (``.data``) and the server's
        ``default_user_access``. ``page`` (from 1), ``page_size`` and ``search`` are ours
        (the official sends no query)."""
        return await self._call(_user_access_list, locals())

    async def update(
        self, *, mcp_server_id: str, **params: Unpack[McpServerUserAccessUpdateParams]
    ) -> McpServerUserAccessBulkUpdateResponse:
        """Allow or deny users (``user_access=[{"user_id": ..., "enabled": True}]``) and set
        the default for the others (``default_user_access="allow"`` or ``"deny"``)."""
        return await self._call(_user_access_update, locals())

    async def check(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """Whether the caller may use the server (``.has_access``). The route (``GET
        .../user-access/check``) is the official SDK's; the spec lacks it."""
        return await self._call(_user_access_check, locals())


class AsyncMcpServerConnections(APIResource):
    """``client.mcp_servers.connections``: users' connections (their OAuth sessions) to the
    server. Ours: the official SDK has no such calls."""

    def list(
        self, *, mcp_server_id: str, **params: Unpack[McpServerConnectionListParams]
    ) -> AsyncPaginator[McpServerConnectionItem]:
        """The connections, a page at a time (``current_page`` from 0, ``page_size``); a
        user's own with ``user_id``. Ours: the official SDK has no such call."""
        return self._list(_connections_list, locals())

    async def delete(
        self, *, mcp_server_id: str, **params: Unpack[McpServerConnectionDeleteParams]
    ) -> McpServerConnectionDeleteResponse:
        """Disconnect a user (``user_id``; the caller's own with a user API key). Ours: the
        official SDK has no such call."""
        return await self._call(_connections_delete, locals())


class AsyncMcpServers(APIResource):
    """``client.mcp_servers``: MCP servers, each a workspace's instance of an MCP
    integration, served by the gateway at its own URL."""

    capabilities = subresource(AsyncMcpServerCapabilities)
    user_access = subresource(AsyncMcpServerUserAccess)
    metadata = subresource(AsyncMcpServerMetadata)
    connections = subresource(AsyncMcpServerConnections)

    async def create(self, **params: Unpack[McpServerCreateParams]) -> McpServerCreateResponse:
        """Create a server from an integration (``name``, ``mcp_integration_id``); its ``id``
        and ``slug`` come back."""
        return await self._call(_create, locals())

    def list(self, **params: Unpack[McpServerListParams]) -> AsyncPaginator[McpServerListItem]:
        """The servers of the workspace, a page at a time (``current_page`` from 0,
        ``page_size``); iterating walks every page. ``id`` filters by one or more ids."""
        return self._list(_list, locals())

    async def retrieve(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> McpServerRetrieveResponse:
        """One server, by id or slug."""
        return await self._call(_retrieve, locals())

    async def update(
        self, *, mcp_server_id: str, **params: Unpack[McpServerUpdateParams]
    ) -> GenericResponse:
        """Change a server's name or description."""
        return await self._call(_update, locals())

    async def delete(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """Delete a server."""
        return await self._call(_delete, locals())

    async def test(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> McpServerTestResponse:
        """Try to reach the server through its integration's URL (``success``,
        ``status_code``, ``response_time_ms`` or ``error``)."""
        return await self._call(_test, locals())

    async def get_tokens(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """The server's OAuth tokens (``access_token``, ``refresh_token``, ``expires_at``).
        The route (``GET .../tokens``) is the official SDK's; the spec lacks it."""
        return await self._call(_get_tokens, locals())

    async def update_tokens(
        self, *, mcp_server_id: str, **params: Unpack[McpServerTokensUpdateParams]
    ) -> GenericResponse:
        """Set the server's OAuth tokens. The route (``PUT .../tokens``) is the official
        SDK's; the spec lacks it."""
        return await self._call(_update_tokens, locals())

    async def delete_tokens(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """Forget the server's OAuth tokens. The route (``DELETE .../tokens``) is the
        official SDK's; the spec lacks it."""
        return await self._call(_delete_tokens, locals())

    async def get_client_info(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """The OAuth client registered for the server (``client_id``, ...). The route
        (``GET .../client-info``) is the official SDK's; the spec lacks it."""
        return await self._call(_client_info, locals())


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class McpServerCapabilities(APIResource):
    """``client.mcp_servers.capabilities``: the tools, prompts and resources the server
    offers, and which of them are enabled."""

    def list(
        self, *, mcp_server_id: str, **params: Unpack[McpCapabilityListParams]
    ) -> McpServerCapabilitiesResponse:
        """The capabilities (``.data``) with their ``counts``. ``page`` (from 1),
        ``page_size`` and ``type`` are ours (the official sends no query); ``has_more`` says
        whether to ask for the next page."""
        return self._call(_capabilities_list, locals())

    def update(
        self, *, mcp_server_id: str, **params: Unpack[McpCapabilityUpdateParams]
    ) -> McpServerCapabilitiesBulkUpdateResponse:
        """Enable or disable capabilities: ``capabilities=[{"name": ..., "type": "tool",
        "enabled": False}]``."""
        return self._call(_capabilities_update, locals())

    def sync(
        self, *, mcp_server_id: str, **params: Unpack[McpCapabilitySyncParams]
    ) -> GenericResponse:
        """Store the capabilities the server reported (``POST .../capabilities/sync``: the
        official SDK's route; the spec lacks it)."""
        return self._call(_capabilities_sync, locals())


class McpServerMetadata(APIResource):
    """``client.mcp_servers.metadata``: what the server reported about itself (routes of the
    official SDK; the spec lacks them)."""

    def retrieve(self, *, mcp_server_id: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """The server's name, versions, title, icons, capability flags and instructions."""
        return self._call(_metadata, locals())

    def sync(
        self, *, mcp_server_id: str, **params: Unpack[McpServerMetadataSyncParams]
    ) -> GenericResponse:
        """Store what the server reported (``server_name``, ``server_version``, ...)."""
        return self._call(_metadata_sync, locals())


class McpServerUserAccess(APIResource):
    """``client.mcp_servers.user_access``: which users may use the server."""

    def list(
        self, *, mcp_server_id: str, **params: Unpack[McpServerUserAccessListParams]
    ) -> McpServerUserAccessResponse:
        """The users with their access (``.data``) and the server's
        ``default_user_access``. ``page`` (from 1), ``page_size`` and ``search`` are ours
        (the official sends no query)."""
        return self._call(_user_access_list, locals())

    def update(
        self, *, mcp_server_id: str, **params: Unpack[McpServerUserAccessUpdateParams]
    ) -> McpServerUserAccessBulkUpdateResponse:
        """Allow or deny users (``user_access=[{"user_id": ..., "enabled": True}]``) and set
        the default for the others (``default_user_access="allow"`` or ``"deny"``)."""
        return self._call(_user_access_update, locals())

    def check(self, *, mcp_server_id: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Whether the caller may use the server (``.has_access``). The route (``GET
        .../user-access/check``) is the official SDK's; the spec lacks it."""
        return self._call(_user_access_check, locals())


class McpServerConnections(APIResource):
    """``client.mcp_servers.connections``: users' connections (their OAuth sessions) to the
    server. Ours: the official SDK has no such calls."""

    def list(
        self, *, mcp_server_id: str, **params: Unpack[McpServerConnectionListParams]
    ) -> SyncPage[McpServerConnectionItem]:
        """The connections, a page at a time (``current_page`` from 0, ``page_size``); a
        user's own with ``user_id``. Ours: the official SDK has no such call."""
        return self._list(_connections_list, locals())

    def delete(
        self, *, mcp_server_id: str, **params: Unpack[McpServerConnectionDeleteParams]
    ) -> McpServerConnectionDeleteResponse:
        """Disconnect a user (``user_id``; the caller's own with a user API key). Ours: the
        official SDK has no such call."""
        return self._call(_connections_delete, locals())


class McpServers(APIResource):
    """``client.mcp_servers``: MCP servers, each a workspace's instance of an MCP
    integration, served by the gateway at its own URL."""

    capabilities = subresource(McpServerCapabilities)
    user_access = subresource(McpServerUserAccess)
    metadata = subresource(McpServerMetadata)
    connections = subresource(McpServerConnections)

    def create(self, **params: Unpack[McpServerCreateParams]) -> McpServerCreateResponse:
        """Create a server from an integration (``name``, ``mcp_integration_id``); its ``id``
        and ``slug`` come back."""
        return self._call(_create, locals())

    def list(self, **params: Unpack[McpServerListParams]) -> SyncPage[McpServerListItem]:
        """The servers of the workspace, a page at a time (``current_page`` from 0,
        ``page_size``); iterating walks every page. ``id`` filters by one or more ids."""
        return self._list(_list, locals())

    def retrieve(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> McpServerRetrieveResponse:
        """One server, by id or slug."""
        return self._call(_retrieve, locals())

    def update(
        self, *, mcp_server_id: str, **params: Unpack[McpServerUpdateParams]
    ) -> GenericResponse:
        """Change a server's name or description."""
        return self._call(_update, locals())

    def delete(self, *, mcp_server_id: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Delete a server."""
        return self._call(_delete, locals())

    def test(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> McpServerTestResponse:
        """Try to reach the server through its integration's URL (``success``,
        ``status_code``, ``response_time_ms`` or ``error``)."""
        return self._call(_test, locals())

    def get_tokens(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """The server's OAuth tokens (``access_token``, ``refresh_token``, ``expires_at``).
        The route (``GET .../tokens``) is the official SDK's; the spec lacks it."""
        return self._call(_get_tokens, locals())

    def update_tokens(
        self, *, mcp_server_id: str, **params: Unpack[McpServerTokensUpdateParams]
    ) -> GenericResponse:
        """Set the server's OAuth tokens. The route (``PUT .../tokens``) is the official
        SDK's; the spec lacks it."""
        return self._call(_update_tokens, locals())

    def delete_tokens(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """Forget the server's OAuth tokens. The route (``DELETE .../tokens``) is the
        official SDK's; the spec lacks it."""
        return self._call(_delete_tokens, locals())

    def get_client_info(
        self, *, mcp_server_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """The OAuth client registered for the server (``client_id``, ...). The route
        (``GET .../client-info``) is the official SDK's; the spec lacks it."""
        return self._call(_client_info, locals())
