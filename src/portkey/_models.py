"""The base of every response type: attrs classes that keep the fields they do not know.

A field a provider adds (``obfuscation``, ``provider``, ...) stays reachable as an attribute and
in ``to_dict()``; the response headers stay reachable through ``get_headers()``.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

import attrs

__all__ = ["BaseModel", "set_headers"]


def _plain(value: Any, exclude_none: bool) -> Any:
    if isinstance(value, BaseModel):
        return value.to_dict(exclude_none=exclude_none)
    if isinstance(value, list):
        return [_plain(v, exclude_none) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, exclude_none) for k, v in value.items()}
    return value


class BaseModel:
    """Helpers shared by every response type (``to_dict``, ``to_json``, ``get_headers``)."""

    # Unknown fields and response headers live here, outside the attrs fields.
    __slots__ = ("_extra", "_headers")
    _extra: Optional[Dict[str, Any]]
    _headers: Optional[Dict[str, str]]

    def __getattr__(self, name: str) -> Any:
        # Only called when normal lookup fails: known fields never pay for this.
        if not name.startswith("__"):
            try:
                extra = object.__getattribute__(self, "_extra")
            except AttributeError:
                extra = None
            if extra is not None and name in extra:
                return extra[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __eq__(self, other: object) -> bool:
        # Unknown fields count too: two answers differing in a provider field are not equal.
        if type(other) is not type(self):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]  # mutable, like pydantic models

    def __reduce_ex__(self, protocol: Any) -> Any:
        # copy, deepcopy and pickle: attrs' own state for slotted classes covers the declared
        # fields only, and would drop the unknown fields and the headers.
        cls: Any = type(self)
        fields = {f.name: getattr(self, f.name) for f in attrs.fields(cls)}
        extra = getattr(self, "_extra", None)
        headers = getattr(self, "_headers", None)
        return (_rebuild, (cls, fields, extra, headers))

    def to_dict(self, *, exclude_none: bool = False) -> Dict[str, Any]:
        """The object as plain JSON-ready data, unknown fields included.

        ``exclude_none`` drops None values at every level, as pydantic's ``model_dump``.
        """
        out: Dict[str, Any] = {}
        cls: Any = type(self)
        for field in attrs.fields(cls):
            value = getattr(self, field.name)
            if value is None and exclude_none:
                continue
            out[field.name] = _plain(value, exclude_none)
        extra = getattr(self, "_extra", None)
        if extra:
            for key, value in extra.items():
                if value is not None or not exclude_none:
                    out[key] = value
        return out

    def model_dump(self, *, exclude_none: bool = False, **_: Any) -> Dict[str, Any]:
        """Alias of ``to_dict`` for code written against pydantic models."""
        return self.to_dict(exclude_none=exclude_none)

    def to_json(self, *, indent: Optional[int] = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    def model_dump_json(self, *, indent: Optional[int] = None, **_: Any) -> str:
        return self.to_json(indent=indent)

    def get_headers(self) -> Dict[str, str]:
        """The response's ``x-portkey-*`` headers without the prefix (``{"trace-id": ...}``)."""
        headers = getattr(self, "_headers", None)
        return dict(headers) if headers else {}

    @property
    def extra_fields(self) -> Dict[str, Any]:
        """Fields the server sent that this type does not declare."""
        extra = getattr(self, "_extra", None)
        return dict(extra) if extra else {}


def _rebuild(
    cls: Any, fields: Dict[str, Any], extra: Optional[Dict[str, Any]], headers: Any
) -> Any:
    obj = cls.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(obj, name, value)
    object.__setattr__(obj, "_extra", extra)
    object.__setattr__(obj, "_headers", headers)
    return obj


def set_headers(obj: BaseModel, headers: Dict[str, str]) -> None:
    """Attach the response's ``x-portkey-*`` headers (``get_headers()``)."""
    obj._headers = headers
