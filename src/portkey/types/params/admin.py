"""Parameters of ``/admin`` (users, invites, workspaces and their members) and ``/scim``
(Portkey routes), as the official SDK takes them.

Roles and statuses are the spec's values, typed so that a value added later still passes
(``Union[Literal[...], str]``).
"""

from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "InviteCreateParams",
    "InviteListParams",
    "ScimWorkspaceCreateParams",
    "ScimWorkspaceListParams",
    "UserListParams",
    "UserUpdateParams",
    "WorkspaceCreateParams",
    "WorkspaceDeleteParams",
    "WorkspaceListParams",
    "WorkspaceUpdateParams",
    "WorkspaceUserCreateParams",
    "WorkspaceUserListParams",
    "WorkspaceUserUpdateParams",
]

OrgRole = Union[Literal["admin", "member", "owner"], str]
InviteRole = Union[Literal["admin", "member"], str]
WorkspaceRole = Union[Literal["admin", "manager", "member"], str]


class UserListParams(RequestOptions, total=False):
    """``GET /admin/users`` (sent as ``pageSize``/``currentPage``; the official always sends
    ``currentPage``, 0 unless given)."""

    page_size: Union[int, str]
    current_page: Optional[int]
    email: str
    role: OrgRole


class UserUpdateParams(RequestOptions, total=False):
    """``PUT /admin/users/{user_id}``."""

    role: Required[InviteRole]


class InviteCreateParams(RequestOptions, total=False):
    """``POST /admin/users/invites``: ``workspaces`` is a list of ``{"id": <workspace slug>,
    "role": "admin" | "manager" | "member"}``; ``workspace_api_key_details`` is ``{"scopes":
    [...]}`` for the invited user's workspace API key. The API needs ``email``, ``role`` and
    ``workspaces``; as the official SDK, the call sends what it is given and the API says
    what is missing."""

    email: str
    role: InviteRole
    workspaces: Iterable[Mapping[str, Any]]
    workspace_api_key_details: Mapping[str, Any]


class InviteListParams(RequestOptions, total=False):
    """``GET /admin/users/invites`` (sent as ``pageSize``/``currentPage``, the latter always)."""

    page_size: Union[int, str]
    current_page: Optional[int]
    email: str
    role: InviteRole
    status: Union[Literal["pending", "cancelled", "accepted", "expired"], str]


class WorkspaceCreateParams(RequestOptions, total=False):
    """``POST /admin/workspaces``: ``defaults`` such as ``{"metadata": {...}}``, ``users`` a
    list of user ids; ``usage_limits`` and ``rate_limits`` lists of limit objects."""

    name: str
    description: str
    defaults: Mapping[str, Any]
    users: Sequence[str]
    usage_limits: Iterable[Mapping[str, Any]]
    rate_limits: Iterable[Mapping[str, Any]]


class WorkspaceListParams(RequestOptions, total=False):
    """``GET /admin/workspaces`` (sent as ``pageSize``/``currentPage``, the latter always);
    ``status`` one status or several (sent comma-separated)."""

    name: str
    page_size: Union[int, str]
    current_page: Optional[int]
    exact_name: str
    status: Union[
        Literal["active", "archived"], str, Sequence[Union[Literal["active", "archived"], str]]
    ]


class WorkspaceUpdateParams(RequestOptions, total=False):
    """``PUT /admin/workspaces/{workspace_id}``: ``defaults`` may hold ``metadata``,
    ``input_guardrails``, ``output_guardrails`` and ``user_api_key_config`` (None clears it)."""

    name: str
    description: str
    defaults: Mapping[str, Any]
    usage_limits: Iterable[Mapping[str, Any]]
    rate_limits: Iterable[Mapping[str, Any]]


class WorkspaceDeleteParams(RequestOptions, total=False):
    """``DELETE /admin/workspaces/{workspace_id}`` (the official sends ``workspace_id`` and
    ``name`` in the body)."""

    name: str


class WorkspaceUserCreateParams(RequestOptions, total=False):
    """``POST /admin/workspaces/{workspace_id}/users``: ``users`` a list of ``{"id": <user
    id>, "role": "admin" | "manager" | "member"}``."""

    users: Iterable[Mapping[str, Any]]


class WorkspaceUserListParams(RequestOptions, total=False):
    """``GET /admin/workspaces/{workspace_id}/users`` (``current_page`` always sent, 0
    unless given)."""

    page_size: Union[int, str]
    current_page: Optional[int]
    email: str
    role: WorkspaceRole


class WorkspaceUserUpdateParams(RequestOptions, total=False):
    """``PUT /admin/workspaces/{workspace_id}/users/{user_id}``."""

    role: WorkspaceRole


class ScimWorkspaceListParams(RequestOptions, total=False):
    """``GET /scim/workspaces``: filters, each optional."""

    workspace_id: str
    scim_group_id: str
    role: WorkspaceRole


class ScimWorkspaceCreateParams(RequestOptions, total=False):
    """``POST /scim/workspaces``: map an existing SCIM group (``scim_group_id``) or a group
    created by name (``scim_group_name``) to a workspace (id or slug) with a ``role``."""

    workspace_id: Required[str]
    role: Required[WorkspaceRole]
    scim_group_id: str
    scim_group_name: str
