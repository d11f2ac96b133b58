"""``/models``: list, retrieve and delete models."""

from __future__ import annotations

import re
from typing import Any, Dict
from urllib.parse import quote

from .._types import Call, split_options
from ..types.models import Model, ModelDeleted, ModelList
from ._base import APIResource

__all__ = ["AsyncModels", "Models"]

# What the official SDK (openai-python's path_template) leaves unescaped in a path segment:
# RFC 3986 pchar minus the unreserved characters quote() keeps anyway.
_SEGMENT_SAFE = "!$&'()*+,;=:@"
_DOT_SEGMENT = re.compile(r"^(?:\.|%2[eE]){1,2}$")


def _model_path(model: Any) -> str:
    if not model:
        raise ValueError(f"Expected a non-empty value for `model` but received {model!r}")
    segment = quote(str(model), safe=_SEGMENT_SAFE)
    if _DOT_SEGMENT.match(segment):
        raise ValueError(f"Constructed path {'/models/' + segment!r} contains dot-segments")
    return f"/models/{segment}"


def list_call(params: Dict[str, Any]) -> Call[ModelList]:
    """``GET /models``: takes the per-call options only."""
    options = split_options(params)
    if params:
        raise TypeError(f"list() got unexpected keyword arguments: {sorted(params)}")
    return Call("GET", "/models", ModelList, options=options)


def retrieve_call(model: str, params: Dict[str, Any]) -> Call[Model]:
    """``GET /models/{model}``: a GET has no body, so other keyword parameters (and
    ``extra_body``) are dropped, as the official SDK drops them."""
    path = _model_path(model)
    options = split_options(params)
    return Call("GET", path, Model, params=params, options=options)


def delete_call(model: str, params: Dict[str, Any]) -> Call[ModelDeleted]:
    """``DELETE /models/{model}``: no body unless keyword parameters or ``extra_body``."""
    path = _model_path(model)
    options = split_options(params)
    return Call("DELETE", path, ModelDeleted, params=params, options=options)


class Models(APIResource):
    def list(self, **options: Any) -> ModelList:
        """The models available (``.data``). Takes the per-call options ``extra_headers``,
        ``extra_query``, ``timeout`` and ``max_retries``."""
        return self._call(list_call(options))  # type: ignore[no-any-return]

    def retrieve(self, model: str, **params: Any) -> Model:
        """One model by id (percent-encoded into the path)."""
        return self._call(retrieve_call(model, params))  # type: ignore[no-any-return]

    def delete(self, model: str, **params: Any) -> ModelDeleted:
        """Delete a (fine-tuned) model."""
        return self._call(delete_call(model, params))  # type: ignore[no-any-return]


class AsyncModels(APIResource):
    async def list(self, **options: Any) -> ModelList:
        """The models available (``.data``)."""
        return await self._call(list_call(options))  # type: ignore[no-any-return]

    async def retrieve(self, model: str, **params: Any) -> Model:
        """One model by id (percent-encoded into the path)."""
        return await self._call(retrieve_call(model, params))  # type: ignore[no-any-return]

    async def delete(self, model: str, **params: Any) -> ModelDeleted:
        """Delete a (fine-tuned) model."""
        return await self._call(delete_call(model, params))  # type: ignore[no-any-return]
