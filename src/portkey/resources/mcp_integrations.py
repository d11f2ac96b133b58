"""``/mcp-integrations`` (a Portkey route): MCP integrations (an MCP server's URL, transport
and auth, registered once per organisation or workspace), the workspaces that may use them,
their capabilities (tools, prompts, resources) and the metadata the server reported."""

from __future__ import annotations

from typing import TYPE_CHECKING, Union, overload

from typing_extensions import Unpack

from .._generic import GenericResponse
from .._models import set_headers
from .._types import NOT_GIVEN, NotGiven, RequestOptions
from ..types.mcp_integrations import (
    McpIntegrationCapabilitiesBulkUpdateResponse,
    McpIntegrationCapabilitiesResponse,
    McpIntegrationCreateResponse,
    McpIntegrationListItem,
    McpIntegrationMetadataResponse,
    McpIntegrationRetrieveResponse,
    McpIntegrationWorkspacesLegacyResponse,
    McpIntegrationWorkspacesListResponse,
)
from ..types.params.mcp import (
    McpCapabilityListParams,
    McpCapabilityUpdateParams,
    McpIntegrationCreateParams,
    McpIntegrationListParams,
    McpIntegrationSyncParams,
    McpIntegrationUpdateParams,
    McpIntegrationWorkspaceUpdateParams,
)
from ._base import APIResource, Endpoint, subresource

# Annotations only: the page module loads with the first list.
if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage

__all__ = [
    "AsyncMcpIntegrationCapabilities",
    "AsyncMcpIntegrationMetadata",
    "AsyncMcpIntegrationWorkspaces",
    "AsyncMcpIntegrations",
    "McpIntegrationCapabilities",
    "McpIntegrationMetadata",
    "McpIntegrationWorkspaces",
    "McpIntegrations",
]

_PATH = "/mcp-integrations"
_ONE = _PATH + "/{mcp_integration_id}"

# ``strict``: where the official method takes no free keywords, neither do we (a GET would
# otherwise drop them silently).
_create: Endpoint[McpIntegrationCreateResponse] = Endpoint(
    "POST", _PATH, McpIntegrationCreateResponse, params=McpIntegrationCreateParams
)
# As the official: only the parameters given are sent (the API's defaults: page 0 of 100).
_list: Endpoint[object] = Endpoint(
    "GET",
    _PATH,
    object,
    params=McpIntegrationListParams,
    item=McpIntegrationListItem,
    page="page",
)
_retrieve: Endpoint[McpIntegrationRetrieveResponse] = Endpoint(
    "GET", _ONE, McpIntegrationRetrieveResponse, strict=True
)
_update: Endpoint[GenericResponse] = Endpoint(
    "PUT", _ONE, GenericResponse, params=McpIntegrationUpdateParams
)
_delete: Endpoint[GenericResponse] = Endpoint("DELETE", _ONE, GenericResponse, strict=True)
_sync: Endpoint[GenericResponse] = Endpoint(
    "POST", _ONE + "/sync", GenericResponse, params=McpIntegrationSyncParams
)
# The official posts no body at all here.
_test: Endpoint[GenericResponse] = Endpoint(
    "POST", _ONE + "/test", GenericResponse, body=False, strict=True
)


def _workspaces_shape(
    result: McpIntegrationWorkspacesLegacyResponse,
) -> Union[McpIntegrationWorkspacesLegacyResponse, McpIntegrationWorkspacesListResponse]:
    """The answer in the shape it came in: the spec has two (``oneOf``), ``workspaces`` (what
    the API sends without ``version``) or ``data`` and ``total`` (with it)."""
    if result.workspaces is not None or "data" not in result.extra_fields:
        return result
    listed = McpIntegrationWorkspacesListResponse.model_validate(
        {name: value for name, value in result if name != "workspaces"}
    )
    set_headers(listed, result.get_headers())
    return listed


_workspaces_list: Endpoint[McpIntegrationWorkspacesLegacyResponse] = Endpoint(
    "GET",
    _ONE + "/workspaces",
    McpIntegrationWorkspacesLegacyResponse,
    postprocess=_workspaces_shape,
    strict=True,
)
_workspaces_update: Endpoint[GenericResponse] = Endpoint(
    "PUT", _ONE + "/workspaces", GenericResponse, params=McpIntegrationWorkspaceUpdateParams
)
_capabilities_list: Endpoint[McpIntegrationCapabilitiesResponse] = Endpoint(
    "GET",
    _ONE + "/capabilities",
    McpIntegrationCapabilitiesResponse,
    params=McpCapabilityListParams,
    strict=True,
)
_capabilities_update: Endpoint[McpIntegrationCapabilitiesBulkUpdateResponse] = Endpoint(
    "PUT",
    _ONE + "/capabilities",
    McpIntegrationCapabilitiesBulkUpdateResponse,
    params=McpCapabilityUpdateParams,
)
_metadata: Endpoint[McpIntegrationMetadataResponse] = Endpoint(
    "GET", _ONE + "/metadata", McpIntegrationMetadataResponse, strict=True
)


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncMcpIntegrationWorkspaces(APIResource):
    """``client.mcp_integrations.workspaces``: which workspaces may use an integration."""

    @overload
    async def list(
        self, *, mcp_integration_id: str, **params: Unpack[RequestOptions]
    ) -> McpIntegrationWorkspacesLegacyResponse: ...
    @overload
    async def list(
        self, *, mcp_integration_id: str, version: str, **params: Unpack[RequestOptions]
    ) -> McpIntegrationWorkspacesListResponse: ...
    async def list(
        self,
        *,
        mcp_integration_id: str,
        version: Union[str, NotGiven] = NOT_GIVEN,
        **params: Unpack[RequestOptions],
    ) -> Union[McpIntegrationWorkspacesLegacyResponse, McpIntegrationWorkspacesListResponse]:
        """The workspaces an integration is enabled in (``.workspaces``), and its
        ``global_workspace_access``. ``version`` (ours: any value) asks for the list shape
        instead: ``.data`` and ``.total``."""
        return await self._call(_workspaces_list, locals())

    async def update(
        self,
        *,
        mcp_integration_id: str,
        **params: Unpack[McpIntegrationWorkspaceUpdateParams],
    ) -> GenericResponse:
        """Enable or disable the integration per workspace (``workspaces=[{"id": ...,
        "enabled": True}]``) or for all of them (``global_workspace_access={"enabled":
        True}``)."""
        return await self._call(_workspaces_update, locals())


class AsyncMcpIntegrationCapabilities(APIResource):
    """``client.mcp_integrations.capabilities``: the tools, prompts and resources the
    integration's server offers, and which of them are enabled."""

    async def list(
        self, *, mcp_integration_id: str, **params: Unpack[McpCapabilityListParams]
    ) -> McpIntegrationCapabilitiesResponse:
        """The capabilities (``.data``) with their ``counts``. ``page`` (from 1),
        ``page_size`` and ``type`` are ours (the official sends no query); ``has_more`` says
        whether to ask for the next page."""
        return await self._call(_capabilities_list, locals())

    async def update(
        self, *, mcp_integration_id: str, **params: Unpack[McpCapabilityUpdateParams]
    ) -> McpIntegrationCapabilitiesBulkUpdateResponse:
        """Enable or disable capabilities: ``capabilities=[{"name": ..., "type": "tool",
        "enabled": False}]``."""
        return await self._call(_capabilities_update, locals())


class AsyncMcpIntegrationMetadata(APIResource):
    """``client.mcp_integrations.metadata``: what the integration's server reported."""

    async def retrieve(
        self, *, mcp_integration_id: str, **params: Unpack[RequestOptions]
    ) -> McpIntegrationMetadataResponse:
        """The server's name, versions and capability flags, and the last sync's status."""
        return await self._call(_metadata, locals())


class AsyncMcpIntegrations(APIResource):
    """``client.mcp_integrations``: MCP servers registered with Portkey (URL, transport,
    auth), for an organisation or a workspace."""

    workspaces = subresource(AsyncMcpIntegrationWorkspaces)
    capabilities = subresource(AsyncMcpIntegrationCapabilities)
    metadata = subresource(AsyncMcpIntegrationMetadata)

    async def create(
        self, **params: Unpack[McpIntegrationCreateParams]
    ) -> McpIntegrationCreateResponse:
        """Register an MCP server: ``name``, ``url``, ``auth_type`` and ``transport``; its
        ``id`` and ``slug`` come back."""
        return await self._call(_create, locals())

    def list(
        self, **params: Unpack[McpIntegrationListParams]
    ) -> AsyncPaginator[McpIntegrationListItem]:
        """The integrations of the organisation or workspace, a page at a time
        (``current_page`` from 0, ``page_size``); iterating walks every page."""
        return self._list(_list, locals())

    async def retrieve(
        self, *, mcp_integration_id: str, **params: Unpack[RequestOptions]
    ) -> McpIntegrationRetrieveResponse:
        """One integration, by id or slug."""
        return await self._call(_retrieve, locals())

    async def update(
        self, *, mcp_integration_id: str, **params: Unpack[McpIntegrationUpdateParams]
    ) -> GenericResponse:
        """Change an integration's name, description, URL, auth or configurations."""
        return await self._call(_update, locals())

    async def delete(
        self, *, mcp_integration_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """Delete an integration."""
        return await self._call(_delete, locals())

    async def sync(
        self, *, mcp_integration_id: str, **params: Unpack[McpIntegrationSyncParams]
    ) -> GenericResponse:
        """Store what the server reported (``server_info``, ``capabilities``). The route
        (``POST /mcp-integrations/{id}/sync``) is the official SDK's; the spec lacks it."""
        return await self._call(_sync, locals())

    async def test(
        self, *, mcp_integration_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """Try to reach the integration's server. The route (``POST
        /mcp-integrations/{id}/test``) is the official SDK's; the spec lacks it."""
        return await self._call(_test, locals())


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class McpIntegrationWorkspaces(APIResource):
    """``client.mcp_integrations.workspaces``: which workspaces may use an integration."""

    @overload
    def list(
        self, *, mcp_integration_id: str, **params: Unpack[RequestOptions]
    ) -> McpIntegrationWorkspacesLegacyResponse: ...
    @overload
    def list(
        self, *, mcp_integration_id: str, version: str, **params: Unpack[RequestOptions]
    ) -> McpIntegrationWorkspacesListResponse: ...
    def list(
        self,
        *,
        mcp_integration_id: str,
        version: Union[str, NotGiven] = NOT_GIVEN,
        **params: Unpack[RequestOptions],
    ) -> Union[McpIntegrationWorkspacesLegacyResponse, McpIntegrationWorkspacesListResponse]:
        """The workspaces an integration is enabled in (``.workspaces``), and its
        ``global_workspace_access``. ``version`` (ours: any value) asks for the list shape
        instead: ``.data`` and ``.total``."""
        return self._call(_workspaces_list, locals())

    def update(
        self,
        *,
        mcp_integration_id: str,
        **params: Unpack[McpIntegrationWorkspaceUpdateParams],
    ) -> GenericResponse:
        """Enable or disable the integration per workspace (``workspaces=[{"id": ...,
        "enabled": True}]``) or for all of them (``global_workspace_access={"enabled":
        True}``)."""
        return self._call(_workspaces_update, locals())


class McpIntegrationCapabilities(APIResource):
    """``client.mcp_integrations.capabilities``: the tools, prompts and resources the
    integration's server offers, and which of them are enabled."""

    def list(
        self, *, mcp_integration_id: str, **params: Unpack[McpCapabilityListParams]
    ) -> McpIntegrationCapabilitiesResponse:
        """The capabilities (``.data``) with their ``counts``. ``page`` (from 1),
        ``page_size`` and ``type`` are ours (the official sends no query); ``has_more`` says
        whether to ask for the next page."""
        return self._call(_capabilities_list, locals())

    def update(
        self, *, mcp_integration_id: str, **params: Unpack[McpCapabilityUpdateParams]
    ) -> McpIntegrationCapabilitiesBulkUpdateResponse:
        """Enable or disable capabilities: ``capabilities=[{"name": ..., "type": "tool",
        "enabled": False}]``."""
        return self._call(_capabilities_update, locals())


class McpIntegrationMetadata(APIResource):
    """``client.mcp_integrations.metadata``: what the integration's server reported."""

    def retrieve(
        self, *, mcp_integration_id: str, **params: Unpack[RequestOptions]
    ) -> McpIntegrationMetadataResponse:
        """The server's name, versions and capability flags, and the last sync's status."""
        return self._call(_metadata, locals())


class McpIntegrations(APIResource):
    """``client.mcp_integrations``: MCP servers registered with Portkey (URL, transport,
    auth), for an organisation or a workspace."""

    workspaces = subresource(McpIntegrationWorkspaces)
    capabilities = subresource(McpIntegrationCapabilities)
    metadata = subresource(McpIntegrationMetadata)

    def create(self, **params: Unpack[McpIntegrationCreateParams]) -> McpIntegrationCreateResponse:
        """Register an MCP server: ``name``, ``url``, ``auth_type`` and ``transport``; its
        ``id`` and ``slug`` come back."""
        return self._call(_create, locals())

    def list(self, **params: Unpack[McpIntegrationListParams]) -> SyncPage[McpIntegrationListItem]:
        """The integrations of the organisation or workspace, a page at a time
        (``current_page`` from 0, ``page_size``); iterating walks every page."""
        return self._list(_list, locals())

    def retrieve(
        self, *, mcp_integration_id: str, **params: Unpack[RequestOptions]
    ) -> McpIntegrationRetrieveResponse:
        """One integration, by id or slug."""
        return self._call(_retrieve, locals())

    def update(
        self, *, mcp_integration_id: str, **params: Unpack[McpIntegrationUpdateParams]
    ) -> GenericResponse:
        """Change an integration's name, description, URL, auth or configurations."""
        return self._call(_update, locals())

    def delete(
        self, *, mcp_integration_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """Delete an integration."""
        return self._call(_delete, locals())

    def sync(
        self, *, mcp_integration_id: str, **params: Unpack[McpIntegrationSyncParams]
    ) -> GenericResponse:
        """Store what the server reported (``server_info``, ``capabilities``). The route
        (``POST /mcp-integrations/{id}/sync``) is the official SDK's; the spec lacks it."""
        return self._call(_sync, locals())

    def test(self, *, mcp_integration_id: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Try to reach the integration's server. The route (``POST
        /mcp-integrations/{id}/test``) is the official SDK's; the spec lacks it."""
        return self._call(_test, locals())
