"""Parameters of ``/configs`` (a Portkey route): saved gateway configs and their versions."""

from typing import Any, Mapping, Union

from ..._types import RequestOptions

__all__ = [
    "ConfigBody",
    "ConfigCreateParams",
    "ConfigDeleteParams",
    "ConfigListParams",
    "ConfigRetrieveParams",
    "ConfigUpdateParams",
    "ConfigVersionListParams",
]

ConfigBody = Union[Mapping[str, Any], str]
"""A gateway config as sent in a body: a dict (``{"retry": {"attempts": 3}, ...}``) or its JSON
text."""


class ConfigCreateParams(RequestOptions, total=False):
    """``POST /configs``. ``workspace_id`` is needed with an organisation admin key. The
    official SDK sends ``is_default``; the spec spells it ``isDefault``: either is accepted
    and sent as spelt."""

    name: str
    config: ConfigBody
    is_default: int
    workspace_id: str
    isDefault: int


class ConfigListParams(RequestOptions, total=False):
    """``GET /configs``."""

    workspace_id: str


ConfigRetrieveParams = RequestOptions
"""``GET /configs/{slug}`` (``slug`` is the method's own parameter)."""


class ConfigUpdateParams(RequestOptions, total=False):
    """``PUT /configs/{slug}`` (``slug`` is sent in the body too, as the official SDK does)."""

    name: str
    config: ConfigBody
    status: str


ConfigDeleteParams = RequestOptions
"""``DELETE /configs/{slug}`` (``slug``, or the deprecated ``id``, is the method's own)."""

ConfigVersionListParams = RequestOptions
"""``GET /configs/{slug}/versions``."""
