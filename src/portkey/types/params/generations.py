"""Parameters of ``generations.create`` (the official SDK's legacy prompt-run call)."""

from typing import Any, Mapping, Union

from ..._types import RequestOptions

__all__ = ["GenerationCreateParams"]


class GenerationCreateParams(RequestOptions, total=False):
    """``POST /prompts/{prompt_id}/generate``; ``config`` (a saved config id or a dict) is
    sent as this call's ``x-portkey-config`` header."""

    variables: Mapping[str, Any]
    config: Union[str, Mapping[str, Any], None]
