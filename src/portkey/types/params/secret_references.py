"""Parameters of ``/secret-references`` (a Portkey route; ours, the official SDK lacks it):
references to secrets kept in AWS Secrets Manager, Azure Key Vault or HashiCorp Vault."""

from typing import Any, Mapping, Optional, Sequence, Union

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "SecretManagerType",
    "SecretReferenceCreateParams",
    "SecretReferenceDeleteParams",
    "SecretReferenceListParams",
    "SecretReferenceRetrieveParams",
    "SecretReferenceUpdateParams",
]

SecretManagerType = Union[Literal["aws_sm", "azure_kv", "hashicorp_vault"], str]
"""The secret manager (any future one is accepted too)."""


class SecretReferenceCreateParams(RequestOptions, total=False):
    """``POST /secret-references``: ``auth_config`` is how Portkey reaches the manager (its
    shape depends on ``manager_type``: ``{"aws_auth_type": "accessKey", ...}``, ...)."""

    name: Required[str]
    manager_type: Required[SecretManagerType]
    auth_config: Required[Mapping[str, Any]]
    secret_path: Required[str]
    organisation_id: str
    slug: str
    description: Optional[str]
    secret_key: Optional[str]
    allow_all_workspaces: bool
    allowed_workspaces: Sequence[str]
    tags: Optional[Mapping[str, str]]


class SecretReferenceListParams(RequestOptions, total=False):
    """``GET /secret-references``: ``tags`` is sent as JSON text (the API reads a JSON-encoded
    object); ``current_page`` counts from 0."""

    manager_type: SecretManagerType
    tags: Union[Mapping[str, str], str]
    search: str
    current_page: int
    page_size: int


SecretReferenceRetrieveParams = RequestOptions
"""``GET /secret-references/{secret_reference_id}``."""


class SecretReferenceUpdateParams(RequestOptions, total=False):
    """``PUT /secret-references/{secret_reference_id}``: ``auth_config`` is merged with the
    stored one; ``allowed_workspaces`` replaces the workspace list."""

    name: str
    description: Optional[str]
    auth_config: Mapping[str, Any]
    secret_path: str
    secret_key: Optional[str]
    allow_all_workspaces: bool
    allowed_workspaces: Sequence[str]
    tags: Optional[Mapping[str, str]]


SecretReferenceDeleteParams = RequestOptions
"""``DELETE /secret-references/{secret_reference_id}``."""
