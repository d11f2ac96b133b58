"""``/integrations`` (a Portkey route): provider integrations (an AI provider's credentials,
kept once for the organisation), the models they allow and the workspaces they serve."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typing_extensions import Unpack

from .._generic import GenericResponse
from ..types.integrations import (
    IntegrationCreateResponse,
    IntegrationDetailResponse,
    IntegrationList,
    IntegrationModelsResponse,
    IntegrationWorkspacesResponse,
)
from ..types.params.integrations import (
    IntegrationCreateParams,
    IntegrationDeleteParams,
    IntegrationListParams,
    IntegrationModelDeleteParams,
    IntegrationModelListParams,
    IntegrationModelUpdateParams,
    IntegrationRetrieveParams,
    IntegrationUpdateParams,
    IntegrationWorkspaceListParams,
    IntegrationWorkspaceUpdateParams,
)
from ._base import APIResource, Endpoint, subresource

# Annotations only: the page module loads with the first list.
if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage

__all__ = [
    "AsyncIntegrations",
    "AsyncIntegrationsModels",
    "AsyncIntegrationsWorkspaces",
    "Integrations",
    "IntegrationsModels",
    "IntegrationsWorkspaces",
]

_ONE = "/integrations/{slug}"

# Keywords the official SDK does not name go into the body as they are (its **kwargs).
_create: Endpoint[IntegrationCreateResponse] = Endpoint(
    "POST", "/integrations", IntegrationCreateResponse, params=IntegrationCreateParams
)
_list: Endpoint[Any] = Endpoint(
    "GET",
    "/integrations",
    object,
    params=IntegrationListParams,
    defaults={"current_page": 0, "page_size": 100},
    item=IntegrationList,
    page="page",
)
_retrieve: Endpoint[IntegrationDetailResponse] = Endpoint(
    "GET", _ONE, IntegrationDetailResponse, params=IntegrationRetrieveParams
)
_update: Endpoint[GenericResponse] = Endpoint(
    "PUT", _ONE, GenericResponse, params=IntegrationUpdateParams
)
_delete: Endpoint[GenericResponse] = Endpoint(
    "DELETE", _ONE, GenericResponse, params=IntegrationDeleteParams
)

_models: Endpoint[IntegrationModelsResponse] = Endpoint(
    "GET", _ONE + "/models", IntegrationModelsResponse, params=IntegrationModelListParams
)
_models_update: Endpoint[GenericResponse] = Endpoint(
    "PUT", _ONE + "/models", GenericResponse, params=IntegrationModelUpdateParams
)
# ``slugs`` is comma-separated text on the wire; a list is joined (flat).
_models_delete: Endpoint[GenericResponse] = Endpoint(
    "DELETE",
    _ONE + "/models",
    GenericResponse,
    params=IntegrationModelDeleteParams,
    query=("slugs",),
    flat=True,
)

_workspaces: Endpoint[IntegrationWorkspacesResponse] = Endpoint(
    "GET",
    _ONE + "/workspaces",
    IntegrationWorkspacesResponse,
    params=IntegrationWorkspaceListParams,
)
_workspaces_update: Endpoint[GenericResponse] = Endpoint(
    "PUT", _ONE + "/workspaces", GenericResponse, params=IntegrationWorkspaceUpdateParams
)


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncIntegrationsModels(APIResource):
    async def list(
        self, *, slug: str, **params: Unpack[IntegrationModelListParams]
    ) -> IntegrationModelsResponse:
        """The models of the integration ``slug`` (``.models``), enabled or not, with their
        pricing."""
        return await self._call(_models, locals())

    async def update(
        self, *, slug: str, **params: Unpack[IntegrationModelUpdateParams]
    ) -> GenericResponse:
        """Enable or disable ``models`` of the integration ``slug`` (each ``{"slug": ...,
        "enabled": ...}``), or set ``allow_all_models``."""
        return await self._call(_models_update, locals())

    async def delete(
        self, *, slug: str, **params: Unpack[IntegrationModelDeleteParams]
    ) -> GenericResponse:
        """Remove the custom models ``slugs`` (``"a,b"`` or ``["a", "b"]``) of the integration
        ``slug``."""
        return await self._call(_models_delete, locals())


class AsyncIntegrationsWorkspaces(APIResource):
    async def list(
        self, *, slug: str, **params: Unpack[IntegrationWorkspaceListParams]
    ) -> IntegrationWorkspacesResponse:
        """The workspaces the integration ``slug`` serves (``.workspaces``), with their
        limits."""
        return await self._call(_workspaces, locals())

    async def update(
        self, *, slug: str, **params: Unpack[IntegrationWorkspaceUpdateParams]
    ) -> GenericResponse:
        """Give or take workspaces' access to the integration ``slug`` (``workspaces``, each
        ``{"id": ..., "enabled": ...}``, or ``global_workspace_access``)."""
        return await self._call(_workspaces_update, locals())


class AsyncIntegrations(APIResource):
    models = subresource(AsyncIntegrationsModels)
    workspaces = subresource(AsyncIntegrationsWorkspaces)

    async def create(self, **params: Unpack[IntegrationCreateParams]) -> IntegrationCreateResponse:
        """Keep the credentials (``key``, ``configurations``) of the provider
        ``ai_provider_id`` as an integration named ``name``; ``.slug`` names it."""
        return await self._call(_create, locals())

    def list(self, **params: Unpack[IntegrationListParams]) -> AsyncPaginator[IntegrationList]:
        """The integrations (``type``: ``"workspace"``, ``"organisation"`` or ``"all"``),
        ``page_size`` (100) a page from ``current_page`` (0); iterating walks every page."""
        return self._list(_list, locals())

    async def retrieve(
        self, *, slug: str, **params: Unpack[IntegrationRetrieveParams]
    ) -> IntegrationDetailResponse:
        """The integration ``slug`` (secrets masked: ``masked_key``, ``masked_...``)."""
        return await self._call(_retrieve, locals())

    async def update(
        self, *, slug: str, **params: Unpack[IntegrationUpdateParams]
    ) -> GenericResponse:
        """Change the integration ``slug``: ``name``, ``description``, ``key``,
        ``configurations``."""
        return await self._call(_update, locals())

    async def delete(
        self, *, slug: str, **params: Unpack[IntegrationDeleteParams]
    ) -> GenericResponse:
        """Delete the integration ``slug``."""
        return await self._call(_delete, locals())


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class IntegrationsModels(APIResource):
    def list(
        self, *, slug: str, **params: Unpack[IntegrationModelListParams]
    ) -> IntegrationModelsResponse:
        """The models of the integration ``slug`` (``.models``), enabled or not, with their
        pricing."""
        return self._call(_models, locals())

    def update(
        self, *, slug: str, **params: Unpack[IntegrationModelUpdateParams]
    ) -> GenericResponse:
        """Enable or disable ``models`` of the integration ``slug`` (each ``{"slug": ...,
        "enabled": ...}``), or set ``allow_all_models``."""
        return self._call(_models_update, locals())

    def delete(
        self, *, slug: str, **params: Unpack[IntegrationModelDeleteParams]
    ) -> GenericResponse:
        """Remove the custom models ``slugs`` (``"a,b"`` or ``["a", "b"]``) of the integration
        ``slug``."""
        return self._call(_models_delete, locals())


class IntegrationsWorkspaces(APIResource):
    def list(
        self, *, slug: str, **params: Unpack[IntegrationWorkspaceListParams]
    ) -> IntegrationWorkspacesResponse:
        """The workspaces the integration ``slug`` serves (``.workspaces``), with their
        limits."""
        return self._call(_workspaces, locals())

    def update(
        self, *, slug: str, **params: Unpack[IntegrationWorkspaceUpdateParams]
    ) -> GenericResponse:
        """Give or take workspaces' access to the integration ``slug`` (``workspaces``, each
        ``{"id": ..., "enabled": ...}``, or ``global_workspace_access``)."""
        return self._call(_workspaces_update, locals())


class Integrations(APIResource):
    models = subresource(IntegrationsModels)
    workspaces = subresource(IntegrationsWorkspaces)

    def create(self, **params: Unpack[IntegrationCreateParams]) -> IntegrationCreateResponse:
        """Keep the credentials (``key``, ``configurations``) of the provider
        ``ai_provider_id`` as an integration named ``name``; ``.slug`` names it."""
        return self._call(_create, locals())

    def list(self, **params: Unpack[IntegrationListParams]) -> SyncPage[IntegrationList]:
        """The integrations (``type``: ``"workspace"``, ``"organisation"`` or ``"all"``),
        ``page_size`` (100) a page from ``current_page`` (0); iterating walks every page."""
        return self._list(_list, locals())

    def retrieve(
        self, *, slug: str, **params: Unpack[IntegrationRetrieveParams]
    ) -> IntegrationDetailResponse:
        """The integration ``slug`` (secrets masked: ``masked_key``, ``masked_...``)."""
        return self._call(_retrieve, locals())

    def update(self, *, slug: str, **params: Unpack[IntegrationUpdateParams]) -> GenericResponse:
        """Change the integration ``slug``: ``name``, ``description``, ``key``,
        ``configurations``."""
        return self._call(_update, locals())

    def delete(self, *, slug: str, **params: Unpack[IntegrationDeleteParams]) -> GenericResponse:
        """Delete the integration ``slug``."""
        return self._call(_delete, locals())
