"""Parameters of ``/virtual-keys`` (a Portkey route).

The official SDK names the keywords of ``create`` up to ``usage_limits`` and takes any other
as a free keyword into the body (so do we: an undeclared keyword is sent as it is). The others
declared here are the spec's (``deploymentConfig``, ``secret_mappings``, ...) and the
provider-specific fields of its examples (``awsAccessKeyId``, ``vertexProjectId``, ...)."""

from typing import Any, Iterable, Mapping, Optional, Union

from typing_extensions import Literal

from ..._types import RequestOptions

__all__ = [
    "VirtualKeyCreateParams",
    "VirtualKeyDeleteParams",
    "VirtualKeyListParams",
    "VirtualKeyProvider",
    "VirtualKeyRetrieveParams",
    "VirtualKeyUpdateParams",
]

VirtualKeyProvider = Union[
    Literal[
        "openai",
        "azure-openai",
        "ai21",
        "anthropic",
        "anyscale",
        "bedrock",
        "cohere",
        "deepinfra",
        "fireworks-ai",
        "google",
        "groq",
        "hugging-face",
        "jina",
        "lingyi",
        "mistral-ai",
        "monsterapi",
        "moonshot",
        "nomic",
        "novita-ai",
        "open-ai",
        "openrouter",
        "palm",
        "perplexity-ai",
        "predibase",
        "reka-ai",
        "segmind",
        "stability-ai",
        "together-ai",
        "vertex-ai",
        "workers-ai",
        "zhipu",
    ],
    str,
]
"""The spec's providers; any other provider name is accepted too (new ones keep coming)."""


class VirtualKeyCreateParams(RequestOptions, total=False):
    """``POST /virtual-keys``: ``usage_limits`` and ``rate_limits`` as in ``UsageLimits`` and
    ``RateLimits`` of ``portkey.types.virtual_keys``."""

    name: str
    provider: VirtualKeyProvider
    key: str
    note: Optional[str]
    apiVersion: Optional[str]
    resourceName: Optional[str]
    deploymentName: Optional[str]
    workspace_id: str
    usage_limits: Mapping[str, Any]
    # The spec's, taken as free keywords by the official SDK.
    deploymentConfig: Iterable[Mapping[str, Any]]
    rate_limits: Iterable[Mapping[str, Any]]
    expires_at: str
    secret_mappings: Iterable[Mapping[str, Any]]
    awsAccessKeyId: str
    awsSecretAccessKey: str
    awsRegion: str
    vertexProjectId: str
    vertexRegion: str
    workersAiAccountId: str


class VirtualKeyListParams(RequestOptions, total=False):
    """``GET /virtual-keys``. The official SDK sends only ``workspace_id``; the spec's
    ``current_page`` and ``page_size`` are sent when given."""

    workspace_id: str
    current_page: int
    page_size: int


VirtualKeyRetrieveParams = RequestOptions
"""``GET /virtual-keys/{slug}``."""


class VirtualKeyUpdateParams(RequestOptions, total=False):
    """``PUT /virtual-keys/{slug}``."""

    name: str
    key: str
    note: Optional[str]
    usage_limits: Mapping[str, Any]
    rate_limits: Iterable[Mapping[str, Any]]
    # The spec's, taken as free keywords by the official SDK.
    deploymentConfig: Iterable[Mapping[str, Any]]
    secret_mappings: Iterable[Mapping[str, Any]]


VirtualKeyDeleteParams = RequestOptions
"""``DELETE /virtual-keys/{slug}``."""
