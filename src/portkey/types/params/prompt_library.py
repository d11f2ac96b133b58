"""Parameters of the prompt library (``/prompts``, ``/prompts/partials``: Portkey routes).

The names and the required ones are the official SDK's; the fields it lacks that the spec
declares (``patch``, ``is_raw_template``, ``prompt_metadata`` of an update) are ours.
"""

from typing import Any, Iterable, Mapping

from typing_extensions import Required

from ..._types import RequestOptions

__all__ = [
    "PromptCreateParams",
    "PromptListParams",
    "PromptPartialCreateParams",
    "PromptPartialListParams",
    "PromptPartialPublishParams",
    "PromptPartialUpdateParams",
    "PromptPublishParams",
    "PromptUpdateParams",
    "PromptVersionUpdateParams",
]


class PromptCreateParams(RequestOptions, total=False):
    """``POST /prompts``: a prompt template in a collection (its first version)."""

    name: Required[str]
    collection_id: Required[str]
    string: Required[str]
    parameters: Required[Mapping[str, Any]]
    virtual_key: str
    model: str
    functions: Iterable[Mapping[str, Any]]
    tools: Iterable[Mapping[str, Any]]
    tool_choice: Mapping[str, Any]
    version_description: str
    template_metadata: Mapping[str, Any]


class PromptListParams(RequestOptions, total=False):
    """``GET /prompts``: filters and the page (``current_page`` counts from 0)."""

    collection_id: str
    workspace_id: str
    current_page: int
    page_size: int
    search: str


class PromptUpdateParams(RequestOptions, total=False):
    """``PUT /prompts/{prompt_slug}``: new metadata and/or a new version. ``patch=True``
    (ours, from the spec) fills the version fields not given from the latest version."""

    name: str
    collection_id: str
    string: str
    parameters: Mapping[str, Any]
    virtual_key: str
    model: str
    functions: Iterable[Mapping[str, Any]]
    tools: Iterable[Mapping[str, Any]]
    tool_choice: Mapping[str, Any]
    version_description: str
    template_metadata: Mapping[str, Any]
    patch: bool
    is_raw_template: int
    prompt_metadata: Mapping[str, Any]


class PromptPublishParams(RequestOptions, total=False):
    """``PUT /prompts/{prompt_slug}/makeDefault``: the version number to make the default."""

    version: Required[int]


class PromptVersionUpdateParams(RequestOptions, total=False):
    """``PUT /prompts/{prompt_slug}/versions/{version_id}``: only the label can change."""

    label_id: str


class PromptPartialCreateParams(RequestOptions, total=False):
    """``POST /prompts/partials`` (``workspace_id`` is needed with an admin key)."""

    name: Required[str]
    string: Required[str]
    workspace_id: str
    version_description: str


class PromptPartialListParams(RequestOptions, total=False):
    """``GET /prompts/partials``."""

    collection_id: str


class PromptPartialUpdateParams(RequestOptions, total=False):
    """``PUT /prompts/partials/{partial_slug}``."""

    name: str
    string: str
    description: str
    status: str


PromptPartialPublishParams = PromptPublishParams
"""``PUT /prompts/partials/{partial_slug}/makeDefault``: the version number."""
