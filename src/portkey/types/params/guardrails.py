"""Parameters of ``/guardrails`` (a Portkey route), as the official SDK takes them."""

from typing import Any, Iterable, Mapping

from typing_extensions import Required

from ..._types import RequestOptions

__all__ = ["GuardrailCreateParams", "GuardrailListParams", "GuardrailUpdateParams"]


class GuardrailCreateParams(RequestOptions, total=False):
    """``POST /guardrails``: ``checks`` (each ``{"id": "default.regexMatch", "parameters":
    {...}}``) and what to do on a pass or a fail (``actions``)."""

    name: Required[str]
    checks: Required[Iterable[Mapping[str, Any]]]
    actions: Required[Mapping[str, Any]]
    workspace_id: str
    organisation_id: str


class GuardrailListParams(RequestOptions, total=False):
    """``GET /guardrails`` (the official always sends ``page_size=100&current_page=0``)."""

    workspace_id: str
    organisation_id: str
    page_size: int
    current_page: int


class GuardrailUpdateParams(RequestOptions, total=False):
    """``PUT /guardrails/{guardrail_id}``."""

    name: str
    checks: Iterable[Mapping[str, Any]]
    actions: Mapping[str, Any]
