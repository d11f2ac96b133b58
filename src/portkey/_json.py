"""Request bodies as JSON: compact UTF-8, any iterable a list, our models as their API dicts."""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping

from ._models import BaseModel

__all__ = ["encode_json"]


def _json_default(value: Any) -> Any:
    if isinstance(value, BaseModel):
        # A parsed item sent back as input: its parsed values are ours, not the API's.
        to_api_dict = getattr(value, "to_api_dict", None)
        return value.to_dict(exclude_none=True) if to_api_dict is None else to_api_dict()
    if isinstance(value, Mapping):
        return dict(value)
    # Parameters typed Iterable (messages, input, token lists) may be any iterable, as in
    # openai-python: tuples, sets, generators, dict views.
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes, bytearray)):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def encode_json(body: Any) -> bytes:
    """The request body as compact UTF-8 JSON; a clear TypeError/ValueError before sending."""
    try:
        return json.dumps(
            body, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=_json_default
        ).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"The request body cannot be sent as JSON: {exc}") from None
