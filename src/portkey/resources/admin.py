"""``/admin`` (a Portkey route): users, user invites, workspaces and their members.

``client.admin.users`` (with ``.invites``) and ``client.admin.workspaces`` (with ``.users``),
sending what the official SDK sends: its lists always send the page number (0 unless given),
``users``, ``invites`` and ``workspaces`` spell it ``currentPage``/``pageSize``, and some
calls repeat a path parameter in the body (``workspaces.delete``, ``workspaces.users.create``
and ``.update``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import Unpack

from .._generic import GenericResponse
from .._types import RequestOptions
from ..types.admin import (
    UserInviteResendResponse,
    UserInviteResponse,
    UserInviteRetrieveResponse,
    UserRetrieveResponse,
    WorkspaceMemberGetResponse,
    WorkspacesAddResponse,
    WorkspacesGetResponse,
)
from ..types.params.admin import (
    InviteCreateParams,
    InviteListParams,
    UserListParams,
    UserUpdateParams,
    WorkspaceCreateParams,
    WorkspaceDeleteParams,
    WorkspaceListParams,
    WorkspaceUpdateParams,
    WorkspaceUserCreateParams,
    WorkspaceUserListParams,
    WorkspaceUserUpdateParams,
)
from ._base import APIResource, Endpoint, subresource

# Annotations only: the page module loads with the first list.
if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage

__all__ = [
    "Admin",
    "AsyncAdmin",
    "AsyncInvites",
    "AsyncUsers",
    "AsyncWorkspaces",
    "AsyncWorkspacesUsers",
    "Invites",
    "Users",
    "Workspaces",
    "WorkspacesUsers",
]

_USER = "/admin/users/{user_id}"
_INVITE = "/admin/users/invites/{invite_id}"
_WORKSPACE = "/admin/workspaces/{workspace_id}"
_MEMBER = _WORKSPACE + "/users/{user_id}"
_CAMEL = {"page_size": "pageSize", "current_page": "currentPage"}  # the official's spelling
_FIRST = {"current_page": 0}  # the official always sends the page number
# The lists are flat (Endpoint(flat=True)): a list of values goes comma-separated, as the spec
# has it for workspace statuses (the official sends a Python repr there).

_user_list: Endpoint[object] = Endpoint(
    "GET",
    "/admin/users",
    object,
    params=UserListParams,
    item=UserRetrieveResponse,
    page="page",
    defaults=_FIRST,
    wire=_CAMEL,
    flat=True,
)
_user_retrieve: Endpoint[UserRetrieveResponse] = Endpoint("GET", _USER, UserRetrieveResponse)
_user_update: Endpoint[GenericResponse] = Endpoint(
    "PUT", _USER, GenericResponse, params=UserUpdateParams
)
_user_delete: Endpoint[GenericResponse] = Endpoint("DELETE", _USER, GenericResponse)

_invite_create: Endpoint[UserInviteResponse] = Endpoint(
    "POST", "/admin/users/invites", UserInviteResponse, params=InviteCreateParams
)
_invite_list: Endpoint[object] = Endpoint(
    "GET",
    "/admin/users/invites",
    object,
    params=InviteListParams,
    item=UserInviteRetrieveResponse,
    page="page",
    defaults=_FIRST,
    wire=_CAMEL,
    flat=True,
)
_invite_retrieve: Endpoint[UserInviteRetrieveResponse] = Endpoint(
    "GET", _INVITE, UserInviteRetrieveResponse
)
_invite_delete: Endpoint[GenericResponse] = Endpoint("DELETE", _INVITE, GenericResponse)
# No body, as the official (the spec declares none).
_invite_resend: Endpoint[UserInviteResendResponse] = Endpoint(
    "POST", _INVITE + "/resend", UserInviteResendResponse, body=False
)

_workspace_create: Endpoint[WorkspacesAddResponse] = Endpoint(
    "POST", "/admin/workspaces", WorkspacesAddResponse, params=WorkspaceCreateParams
)
_workspace_list: Endpoint[object] = Endpoint(
    "GET",
    "/admin/workspaces",
    object,
    params=WorkspaceListParams,
    item=WorkspacesGetResponse,
    page="page",
    defaults=_FIRST,
    wire=_CAMEL,
    flat=True,
)
_workspace_retrieve: Endpoint[WorkspacesGetResponse] = Endpoint(
    "GET", _WORKSPACE, WorkspacesGetResponse
)
_workspace_update: Endpoint[GenericResponse] = Endpoint(
    "PUT", _WORKSPACE, GenericResponse, params=WorkspaceUpdateParams
)
_workspace_delete: Endpoint[GenericResponse] = Endpoint(
    "DELETE", _WORKSPACE, GenericResponse, params=WorkspaceDeleteParams, echo=("workspace_id",)
)

_member_create: Endpoint[GenericResponse] = Endpoint(
    "POST",
    _WORKSPACE + "/users",
    GenericResponse,
    params=WorkspaceUserCreateParams,
    echo=("workspace_id",),
)
_member_list: Endpoint[object] = Endpoint(
    "GET",
    _WORKSPACE + "/users",
    object,
    params=WorkspaceUserListParams,
    item=WorkspaceMemberGetResponse,
    page="page",
    defaults=_FIRST,
    flat=True,
)
_member_retrieve: Endpoint[WorkspaceMemberGetResponse] = Endpoint(
    "GET", _MEMBER, WorkspaceMemberGetResponse
)
_member_update: Endpoint[GenericResponse] = Endpoint(
    "PUT", _MEMBER, GenericResponse, params=WorkspaceUserUpdateParams, echo=("user_id",)
)
_member_delete: Endpoint[GenericResponse] = Endpoint("DELETE", _MEMBER, GenericResponse)


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncInvites(APIResource):
    """``client.admin.users.invites``: invitations to the organisation."""

    async def create(self, **params: Unpack[InviteCreateParams]) -> UserInviteResponse:
        """Invite ``email`` to the organisation as ``role``, with its ``workspaces``."""
        return await self._call(_invite_create, locals())

    def list(
        self, **params: Unpack[InviteListParams]
    ) -> AsyncPaginator[UserInviteRetrieveResponse]:
        """The organisation's invites, a page at a time (filters: email, role, status)."""
        return self._list(_invite_list, locals())

    async def retrieve(
        self, *, invite_id: str, **params: Unpack[RequestOptions]
    ) -> UserInviteRetrieveResponse:
        """One invite."""
        return await self._call(_invite_retrieve, locals())

    async def delete(self, *, invite_id: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Delete an invite."""
        return await self._call(_invite_delete, locals())

    async def resend(
        self, *, invite_id: str, **params: Unpack[RequestOptions]
    ) -> UserInviteResendResponse:
        """Send an invite again (its link is ``inviteLink``)."""
        return await self._call(_invite_resend, locals())


class AsyncUsers(APIResource):
    """``client.admin.users``: the organisation's users, and ``.invites``."""

    invites = subresource(AsyncInvites)

    def list(self, **params: Unpack[UserListParams]) -> AsyncPaginator[UserRetrieveResponse]:
        """The organisation's users, a page at a time (filters: email, role)."""
        return self._list(_user_list, locals())

    async def retrieve(
        self, *, user_id: str, **params: Unpack[RequestOptions]
    ) -> UserRetrieveResponse:
        """One user."""
        return await self._call(_user_retrieve, locals())

    async def update(self, *, user_id: str, **params: Unpack[UserUpdateParams]) -> GenericResponse:
        """Change a user's organisation ``role``."""
        return await self._call(_user_update, locals())

    async def delete(self, *, user_id: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Remove a user from the organisation."""
        return await self._call(_user_delete, locals())

    async def resend(
        self, *, invite_id: str, **params: Unpack[RequestOptions]
    ) -> UserInviteResendResponse:
        """``invites.resend``, where the official's ``AsyncPortkey`` has it (so code written
        for it runs unchanged)."""
        return await self._call(_invite_resend, locals())


class AsyncWorkspacesUsers(APIResource):
    """``client.admin.workspaces.users``: a workspace's members."""

    async def create(
        self, *, workspace_id: str, **params: Unpack[WorkspaceUserCreateParams]
    ) -> GenericResponse:
        """Add ``users`` (each ``{"id": ..., "role": ...}``) to a workspace."""
        return await self._call(_member_create, locals())

    def list(
        self, *, workspace_id: str, **params: Unpack[WorkspaceUserListParams]
    ) -> AsyncPaginator[WorkspaceMemberGetResponse]:
        """A workspace's members, a page at a time (filters: email, role)."""
        return self._list(_member_list, locals())

    async def retrieve(
        self, *, workspace_id: str, user_id: str, **params: Unpack[RequestOptions]
    ) -> WorkspaceMemberGetResponse:
        """One member of a workspace."""
        return await self._call(_member_retrieve, locals())

    async def update(
        self, *, workspace_id: str, user_id: str, **params: Unpack[WorkspaceUserUpdateParams]
    ) -> GenericResponse:
        """Change a member's workspace ``role``."""
        return await self._call(_member_update, locals())

    async def delete(
        self, *, workspace_id: str, user_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """Remove a member from a workspace."""
        return await self._call(_member_delete, locals())


class AsyncWorkspaces(APIResource):
    """``client.admin.workspaces``: the organisation's workspaces, and ``.users``."""

    users = subresource(AsyncWorkspacesUsers)

    async def create(self, **params: Unpack[WorkspaceCreateParams]) -> WorkspacesAddResponse:
        """Create a workspace (``name``, ``description``, ``defaults``, ``users``, limits)."""
        return await self._call(_workspace_create, locals())

    def list(self, **params: Unpack[WorkspaceListParams]) -> AsyncPaginator[WorkspacesGetResponse]:
        """The organisation's workspaces, a page at a time (filters: name, exact_name,
        status)."""
        return self._list(_workspace_list, locals())

    async def retrieve(
        self, *, workspace_id: str, **params: Unpack[RequestOptions]
    ) -> WorkspacesGetResponse:
        """One workspace with its members."""
        return await self._call(_workspace_retrieve, locals())

    async def update(
        self, *, workspace_id: str, **params: Unpack[WorkspaceUpdateParams]
    ) -> GenericResponse:
        """Change a workspace's name, description, defaults or limits."""
        return await self._call(_workspace_update, locals())

    async def delete(
        self, *, workspace_id: str, **params: Unpack[WorkspaceDeleteParams]
    ) -> GenericResponse:
        """Delete a workspace."""
        return await self._call(_workspace_delete, locals())


class AsyncAdmin(APIResource):
    """``client.admin``: ``.users`` (and their ``.invites``) and ``.workspaces`` (and their
    ``.users``)."""

    users = subresource(AsyncUsers)
    workspaces = subresource(AsyncWorkspaces)


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class Invites(APIResource):
    """``client.admin.users.invites``: invitations to the organisation."""

    def create(self, **params: Unpack[InviteCreateParams]) -> UserInviteResponse:
        """Invite ``email`` to the organisation as ``role``, with its ``workspaces``."""
        return self._call(_invite_create, locals())

    def list(self, **params: Unpack[InviteListParams]) -> SyncPage[UserInviteRetrieveResponse]:
        """The organisation's invites, a page at a time (filters: email, role, status)."""
        return self._list(_invite_list, locals())

    def retrieve(
        self, *, invite_id: str, **params: Unpack[RequestOptions]
    ) -> UserInviteRetrieveResponse:
        """One invite."""
        return self._call(_invite_retrieve, locals())

    def delete(self, *, invite_id: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Delete an invite."""
        return self._call(_invite_delete, locals())

    def resend(
        self, *, invite_id: str, **params: Unpack[RequestOptions]
    ) -> UserInviteResendResponse:
        """Send an invite again (its link is ``inviteLink``)."""
        return self._call(_invite_resend, locals())


class Users(APIResource):
    """``client.admin.users``: the organisation's users, and ``.invites``."""

    invites = subresource(Invites)

    def list(self, **params: Unpack[UserListParams]) -> SyncPage[UserRetrieveResponse]:
        """The organisation's users, a page at a time (filters: email, role)."""
        return self._list(_user_list, locals())

    def retrieve(self, *, user_id: str, **params: Unpack[RequestOptions]) -> UserRetrieveResponse:
        """One user."""
        return self._call(_user_retrieve, locals())

    def update(self, *, user_id: str, **params: Unpack[UserUpdateParams]) -> GenericResponse:
        """Change a user's organisation ``role``."""
        return self._call(_user_update, locals())

    def delete(self, *, user_id: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Remove a user from the organisation."""
        return self._call(_user_delete, locals())

    def resend(
        self, *, invite_id: str, **params: Unpack[RequestOptions]
    ) -> UserInviteResendResponse:
        """``invites.resend``, where the official's ``Portkey`` has it (so code written
        for it runs unchanged)."""
        return self._call(_invite_resend, locals())


class WorkspacesUsers(APIResource):
    """``client.admin.workspaces.users``: a workspace's members."""

    def create(
        self, *, workspace_id: str, **params: Unpack[WorkspaceUserCreateParams]
    ) -> GenericResponse:
        """Add ``users`` (each ``{"id": ..., "role": ...}``) to a workspace."""
        return self._call(_member_create, locals())

    def list(
        self, *, workspace_id: str, **params: Unpack[WorkspaceUserListParams]
    ) -> SyncPage[WorkspaceMemberGetResponse]:
        """A workspace's members, a page at a time (filters: email, role)."""
        return self._list(_member_list, locals())

    def retrieve(
        self, *, workspace_id: str, user_id: str, **params: Unpack[RequestOptions]
    ) -> WorkspaceMemberGetResponse:
        """One member of a workspace."""
        return self._call(_member_retrieve, locals())

    def update(
        self, *, workspace_id: str, user_id: str, **params: Unpack[WorkspaceUserUpdateParams]
    ) -> GenericResponse:
        """Change a member's workspace ``role``."""
        return self._call(_member_update, locals())

    def delete(
        self, *, workspace_id: str, user_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """Remove a member from a workspace."""
        return self._call(_member_delete, locals())


class Workspaces(APIResource):
    """``client.admin.workspaces``: the organisation's workspaces, and ``.users``."""

    users = subresource(WorkspacesUsers)

    def create(self, **params: Unpack[WorkspaceCreateParams]) -> WorkspacesAddResponse:
        """Create a workspace (``name``, ``description``, ``defaults``, ``users``, limits)."""
        return self._call(_workspace_create, locals())

    def list(self, **params: Unpack[WorkspaceListParams]) -> SyncPage[WorkspacesGetResponse]:
        """The organisation's workspaces, a page at a time (filters: name, exact_name,
        status)."""
        return self._list(_workspace_list, locals())

    def retrieve(
        self, *, workspace_id: str, **params: Unpack[RequestOptions]
    ) -> WorkspacesGetResponse:
        """One workspace with its members."""
        return self._call(_workspace_retrieve, locals())

    def update(
        self, *, workspace_id: str, **params: Unpack[WorkspaceUpdateParams]
    ) -> GenericResponse:
        """Change a workspace's name, description, defaults or limits."""
        return self._call(_workspace_update, locals())

    def delete(
        self, *, workspace_id: str, **params: Unpack[WorkspaceDeleteParams]
    ) -> GenericResponse:
        """Delete a workspace."""
        return self._call(_workspace_delete, locals())


class Admin(APIResource):
    """``client.admin``: ``.users`` (and their ``.invites``) and ``.workspaces`` (and their
    ``.users``)."""

    users = subresource(Users)
    workspaces = subresource(Workspaces)
