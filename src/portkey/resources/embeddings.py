"""``/embeddings``."""

from __future__ import annotations

import array
import base64
import sys
from typing import Any, Dict, Union

from .._types import Call, split_named, split_options
from ..types.embeddings import CreateEmbeddingResponse
from ._base import APIResource

__all__ = ["AsyncEmbeddings", "Embeddings"]

# The parameters the official SDK names (extra_body overrides these; other keyword
# parameters override extra_body).
NAMED = frozenset(("dimensions", "encoding_format", "user"))


def _decode_base64(response: CreateEmbeddingResponse) -> CreateEmbeddingResponse:
    """Floats for the caller who did not ask for base64 (we asked on their behalf)."""
    for item in response.data:
        if isinstance(item.embedding, str):
            floats = array.array("f", base64.b64decode(item.embedding))
            if sys.byteorder == "big":
                floats.byteswap()  # the wire carries little-endian float32
            item.embedding = floats.tolist()
    return response


def create_call(input: Any, model: str, params: Dict[str, Any]) -> Call[CreateEmbeddingResponse]:
    """``POST /embeddings``. Without ``encoding_format`` we ask for base64 (what the official
    SDK sends, and smaller and faster to parse) and hand back floats."""
    options = split_options(params)
    body: Dict[str, Any] = {"input": input, "model": model, **split_named(params, NAMED)}
    postprocess = None
    if "encoding_format" not in body:
        body["encoding_format"] = "base64"
        postprocess = _decode_base64
    return Call(
        "POST",
        "/embeddings",
        CreateEmbeddingResponse,
        body=body,
        params=params,
        options=options,
        postprocess=postprocess,
    )


class Embeddings(APIResource):
    def create(
        self, *, input: Union[str, Any], model: str = "portkey-default", **params: Any
    ) -> CreateEmbeddingResponse:
        """Create embeddings. Each ``embedding`` is a list of floats unless you pass
        ``encoding_format="base64"``."""
        return self._call(create_call(input, model, params))  # type: ignore[no-any-return]


class AsyncEmbeddings(APIResource):
    async def create(
        self, *, input: Union[str, Any], model: str = "portkey-default", **params: Any
    ) -> CreateEmbeddingResponse:
        """Create embeddings (floats unless ``encoding_format="base64"``)."""
        return await self._call(create_call(input, model, params))  # type: ignore[no-any-return]
