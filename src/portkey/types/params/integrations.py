"""Parameters of ``/integrations`` (a Portkey route): integrations (an AI provider's
credentials for the organisation), their models and their workspaces.

The official SDK names the keywords up to ``configurations`` and takes any other as a free
keyword into the body (so do we); the others declared here are the spec's."""

from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "IntegrationCreateParams",
    "IntegrationDeleteParams",
    "IntegrationListParams",
    "IntegrationModelDeleteParams",
    "IntegrationModelListParams",
    "IntegrationModelUpdateParams",
    "IntegrationRetrieveParams",
    "IntegrationUpdateParams",
    "IntegrationWorkspaceListParams",
    "IntegrationWorkspaceUpdateParams",
]


class IntegrationCreateParams(RequestOptions, total=False):
    """``POST /integrations``: ``ai_provider_id`` is the base provider (``"openai"``, ...),
    ``configurations`` its provider-specific settings."""

    name: str
    description: str
    key: str
    ai_provider_id: str
    workspace_id: str
    slug: str
    configurations: Mapping[str, Any]
    # The spec's, taken as free keywords by the official SDK.
    create_default_provider: bool
    default_provider_slug: str
    secret_mappings: Iterable[Mapping[str, Any]]
    pricing_adjustments: Optional[Mapping[str, Any]]


class IntegrationListParams(RequestOptions, total=False):
    """``GET /integrations``: ``current_page`` (from 0) and ``page_size`` are always sent (0
    and 100 unless given), as the official SDK does."""

    current_page: int
    page_size: int
    workspace_id: str
    type: Literal["workspace", "organisation", "all"]


IntegrationRetrieveParams = RequestOptions
"""``GET /integrations/{slug}``."""


class IntegrationUpdateParams(RequestOptions, total=False):
    """``PUT /integrations/{slug}``."""

    name: str
    description: str
    key: str
    configurations: Mapping[str, Any]
    # The spec's, taken as free keywords by the official SDK.
    secret_mappings: Iterable[Mapping[str, Any]]
    pricing_adjustments: Optional[Mapping[str, Any]]


IntegrationDeleteParams = RequestOptions
"""``DELETE /integrations/{slug}``."""

IntegrationModelListParams = RequestOptions
"""``GET /integrations/{slug}/models``."""


class IntegrationModelUpdateParams(RequestOptions, total=False):
    """``PUT /integrations/{slug}/models``: each model a dict with ``slug`` and ``enabled``
    (and ``pricing_config``, ``is_custom``, ...)."""

    allow_all_models: bool
    models: Iterable[Mapping[str, Any]]


class IntegrationModelDeleteParams(RequestOptions, total=False):
    """``DELETE /integrations/{slug}/models``: the custom models' slugs, comma-separated text
    (as the official SDK takes them) or a list."""

    slugs: Required[Union[str, Sequence[str]]]


IntegrationWorkspaceListParams = RequestOptions
"""``GET /integrations/{slug}/workspaces``."""


class IntegrationWorkspaceUpdateParams(RequestOptions, total=False):
    """``PUT /integrations/{slug}/workspaces``: each workspace a dict with ``id`` and
    ``enabled`` (and ``usage_limits``, ``rate_limits``, ...). The official SDK spells the
    override flag ``override_existing_workspaces_access``; the spec's
    ``override_existing_workspace_access`` is accepted too, each sent as spelt."""

    global_workspace_access: Mapping[str, Any]
    override_existing_workspaces_access: bool
    workspaces: Iterable[Mapping[str, Any]]
    # The spec's, taken as free keywords by the official SDK.
    override_existing_workspace_access: bool
    create_default_provider: bool
    default_provider_slug: str
