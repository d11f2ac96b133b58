"""``/images/generations``. (Image edits and variations upload files as multipart forms,
which this SDK does not send: they are not here.)"""

from __future__ import annotations

from typing import Any, Dict

from .._types import Call, split_named, split_options
from ..types.images import ImagesResponse
from ._base import APIResource

__all__ = ["AsyncImages", "Images"]

# The parameters the official SDK names (extra_body overrides these; other keyword
# parameters override extra_body).
NAMED = frozenset(
    (
        "background",
        "model",
        "moderation",
        "n",
        "output_compression",
        "output_format",
        "partial_images",
        "quality",
        "response_format",
        "size",
        "style",
        "user",
    )
)


def generate_call(prompt: str, params: Dict[str, Any]) -> Call[ImagesResponse]:
    """``POST /images/generations``. ``stream=False`` is not sent (as the official SDK);
    streamed image generation is not supported."""
    options = split_options(params)
    if params.pop("stream", None):
        raise ValueError("images.generate(stream=True) is not supported by this SDK")
    body: Dict[str, Any] = {"prompt": prompt, **split_named(params, NAMED)}
    return Call(
        "POST",
        "/images/generations",
        ImagesResponse,
        body=body,
        params=params,
        options=options,
    )


class Images(APIResource):
    def generate(self, *, prompt: str, **params: Any) -> ImagesResponse:
        """Generate images from ``prompt``: ``model``, ``n``, ``size``, ``quality``,
        ``response_format`` (``"url"`` or ``"b64_json"``), ``style``, ``user``, ... Any other
        parameter passes through to the body.

        Takes the per-call options ``extra_headers``, ``extra_query``, ``extra_body``,
        ``timeout`` and ``max_retries``.
        """
        return self._call(generate_call(prompt, params))  # type: ignore[no-any-return]


class AsyncImages(APIResource):
    async def generate(self, *, prompt: str, **params: Any) -> ImagesResponse:
        """Generate images from ``prompt`` (see ``Images.generate``)."""
        return await self._call(generate_call(prompt, params))  # type: ignore[no-any-return]
