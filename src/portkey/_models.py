"""The base of every response type: attrs classes that keep the fields they do not know.

A field a provider adds (``obfuscation``, ``provider``, ...) stays reachable as an attribute and
in ``to_dict()``; the response headers stay reachable through ``get_headers()``.

Code written against the official SDK reads its pydantic results in other ways too, and those
work here, with the official's meaning:

- ``obj["content"]`` (a missing key is None, as the official's ``__getitem__``),
  ``obj.get("usage", default)`` (the default when the value is missing or None);
- ``dict(obj)`` (the top-level fields, nested objects kept), ``str(obj)`` / ``print(obj)``
  (the JSON with ``indent=4``, as the official prints); ``repr(obj)`` stays the class repr;
- pydantic's ``model_dump(...)``, ``model_dump_json(...)``, ``model_extra``,
  ``model_fields_set``, ``model_fields``, ``model_copy(...)``, ``model_validate(...)``,
  ``model_validate_json(...)``, and pydantic v1's ``dict(...)`` and ``json(...)``.

Not recorded: which fields the JSON carried (that would cost every parse). ``exclude_unset``
and ``model_fields_set`` take a field as unset when it is None and its default is None (an
absent field, or an explicit null); a field with a value, or with another default
(``role="assistant"``), counts as set. Unknown fields are always set.
"""

from __future__ import annotations

import copy as _copy
import json
import threading
from typing import (
    Any,
    Callable,
    Dict,
    FrozenSet,
    Generic,
    Iterator,
    Mapping,
    Optional,
    Set,
    Tuple,
    TypeVar,
    Union,
    overload,
)

import attrs
from typing_extensions import Self

__all__ = ["BaseModel", "ExtraField", "set_headers"]

T = TypeVar("T")

# An include/exclude spec, as pydantic takes it: a set of keys, or a mapping of key -> True
# (all of it) or a nested spec; list items are addressed by index or "__all__".
IncEx = Union[Set[Any], Mapping[Any, Any], None]

_SKIP: Any = object()  # a key the include/exclude spec leaves out

# pydantic keywords that change nothing here: dumps always use the JSON keys (an ExtraField's
# too), there are no computed fields, and the values are JSON data already (``fallback`` is
# used by model_dump_json only).
_NO_EFFECT = frozenset(
    (
        "mode",
        "context",
        "by_alias",
        "exclude_computed_fields",
        "round_trip",
        "warnings",
        "fallback",
        "serialize_as_any",
        "polymorphic_serialization",
    )
)


def _check_keywords(method: str, keywords: Mapping[str, Any]) -> None:
    unknown = sorted(set(keywords) - _NO_EFFECT)
    if unknown:
        raise TypeError(f"{method}() got unexpected keyword arguments: {unknown}")
    mode = keywords.get("mode", "python")
    if mode not in ("python", "json"):
        raise ValueError(f"mode must be 'python' or 'json', not {mode!r}")


def _plain(value: Any, exclude_none: bool) -> Any:
    if isinstance(value, BaseModel):
        return value.to_dict(exclude_none=exclude_none)
    if isinstance(value, list):
        return [_plain(v, exclude_none) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, exclude_none) for k, v in value.items()}
    return value


def _included(spec: Any, key: Any) -> Any:
    """The include spec below ``key``: None (all of it), a nested spec, or _SKIP."""
    if spec is None:
        return None
    if isinstance(spec, Mapping):
        if key in spec:
            sub = spec[key]
        elif "__all__" in spec:
            sub = spec["__all__"]
        else:
            return _SKIP
        return None if sub is True or sub is Ellipsis else sub
    return None if key in spec or "__all__" in spec else _SKIP


def _excluded(spec: Any, key: Any) -> Any:
    """The exclude spec below ``key``: None (nothing left out), a nested spec, or _SKIP."""
    if spec is None:
        return None
    if isinstance(spec, Mapping):
        sub = spec[key] if key in spec else spec.get("__all__")
        if sub is None or sub is False:
            return None
        return _SKIP if sub is True or sub is Ellipsis else sub
    return _SKIP if key in spec or "__all__" in spec else None


_FIELD_NAMES: Dict[type, FrozenSet[str]] = {}


def _field_names(cls: Any) -> FrozenSet[str]:
    """The declared field names of a model class (computed once per class)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in attrs.fields(cls))
    return names


def _is_default(field: Any, value: Any) -> bool:
    default = field.default
    if default is attrs.NOTHING:
        return False
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()
    return bool(value == default)


def _is_unset(field: Any, value: Any) -> bool:
    """Whether a field counts as not set: None, with None as its default (module docstring)."""
    return value is None and field.default is None


# What model_dump leaves out: (exclude_none, exclude_unset, exclude_defaults).
_Rules = Tuple[bool, bool, bool]


def _left_out(field: Any, value: Any, rules: _Rules) -> bool:
    exclude_none, exclude_unset, exclude_defaults = rules
    return (
        (value is None and exclude_none)
        or (exclude_unset and _is_unset(field, value))
        or (exclude_defaults and _is_default(field, value))
    )


def _dump(value: Any, include: Any, exclude: Any, rules: _Rules) -> Any:
    """``value`` as plain data, with pydantic's include/exclude/exclude_* rules."""
    if isinstance(value, BaseModel):
        return value._dump(include, exclude, rules)
    if isinstance(value, (list, tuple)):
        items = []
        for index, item in enumerate(value):
            inc, exc = _included(include, index), _excluded(exclude, index)
            if inc is not _SKIP and exc is not _SKIP:
                items.append(_dump(item, inc, exc, rules))
        return items
    if isinstance(value, dict):  # plain dicts keep their None values, as in pydantic
        out = {}
        for key, item in value.items():
            inc, exc = _included(include, key), _excluded(exclude, key)
            if inc is not _SKIP and exc is not _SKIP:
                out[key] = _dump(item, inc, exc, rules)
        return out
    return value


class _ModelFields:
    """``Model.model_fields``: the declared fields by name (attrs' field descriptions)."""

    def __get__(self, obj: Any, owner: Any) -> Dict[str, Any]:
        return dict(attrs.fields_dict(owner)) if attrs.has(owner) else {}


# The objects being repr'd in this thread: a cycle prints "..." (as attrs' repr does).
_repr_context = threading.local()


class BaseModel:
    """Helpers shared by every response type (``to_dict``, ``get_headers``, and the
    official SDK's dict-style and pydantic-style accessors: see the module docstring)."""

    # Unknown fields and response headers live here, outside the attrs fields.
    __slots__ = ("_extra", "_headers")
    _extra: Optional[Dict[str, Any]]
    _headers: Optional[Dict[str, str]]

    model_fields = _ModelFields()

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

    def __repr__(self) -> str:
        # What attrs' own repr prints, for the generated classes (``repr=False``): one method
        # for all of them instead of one compiled per class, which made creating them slower.
        seen = getattr(_repr_context, "seen", None)
        if seen is None:
            seen = _repr_context.seen = set()
        if id(self) in seen:
            return "..."
        seen.add(id(self))
        try:
            cls: Any = type(self)
            fields = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in attrs.fields(cls))
            return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({fields})"
        finally:
            seen.discard(id(self))

    def __reduce_ex__(self, protocol: Any) -> Any:
        # copy, deepcopy and pickle: attrs' own state for slotted classes covers the declared
        # fields only, and would drop the unknown fields and the headers.
        cls: Any = type(self)
        fields = {f.name: getattr(self, f.name) for f in attrs.fields(cls)}
        extra = getattr(self, "_extra", None)
        headers = getattr(self, "_headers", None)
        return (_rebuild, (cls, fields, extra, headers))

    # Dict-style access, as the official SDK's result types offer ---------------------------

    def __getitem__(self, key: str) -> Any:
        """A field (declared or unknown) by name; None when there is no such field."""
        if not isinstance(key, str):
            raise TypeError(f"{type(self).__name__} keys are field names, not {key!r}")
        if key in _field_names(type(self)):
            return getattr(self, key)
        extra = getattr(self, "_extra", None)
        return extra.get(key) if extra else None

    def get(self, key: str, default: Any = None) -> Any:
        """A field by name, or ``default`` when it is missing or None."""
        value = self[key]
        return default if value is None else value

    def __iter__(self) -> Iterator[Tuple[str, Any]]:
        """``(name, value)`` pairs of the fields, unknown ones last, as pydantic: ``dict(obj)``."""
        cls: Any = type(self)
        for field in attrs.fields(cls):
            yield field.name, getattr(self, field.name)
        extra = getattr(self, "_extra", None)
        if extra:
            yield from extra.items()

    def __str__(self) -> str:
        # As the official SDK prints its results: the JSON, indented by 4.
        return json.dumps(self.to_dict(), indent=4, default=str)

    # Plain data ---------------------------------------------------------------------------

    def to_dict(self, *, exclude_none: bool = False) -> Dict[str, Any]:
        """The object as plain JSON-ready data, unknown fields included.

        ``exclude_none`` drops None values of fields at every level, as pydantic's
        ``model_dump`` (None values inside plain dicts stay).
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
                    out[key] = _plain(value, exclude_none)
        return out

    def _dump(self, include: Any, exclude: Any, rules: _Rules) -> Any:
        out: Dict[str, Any] = {}
        cls: Any = type(self)
        for field in attrs.fields(cls):
            name = field.name
            inc, exc = _included(include, name), _excluded(exclude, name)
            if inc is _SKIP or exc is _SKIP:
                continue
            value = getattr(self, name)
            if _left_out(field, value, rules):
                continue
            out[name] = _dump(value, inc, exc, rules)
        for key, value in (getattr(self, "_extra", None) or {}).items():
            inc, exc = _included(include, key), _excluded(exclude, key)
            if inc is _SKIP or exc is _SKIP or (value is None and rules[0]):
                continue
            out[key] = _dump(value, inc, exc, rules)
        return out

    def model_dump(
        self,
        *,
        include: IncEx = None,
        exclude: IncEx = None,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        **options: Any,
    ) -> Dict[str, Any]:
        """pydantic's ``model_dump``: the object as plain data, unknown fields included.

        ``include``/``exclude`` take sets of names or nested mappings (list items by index or
        ``"__all__"``); ``exclude_unset`` leaves out the fields that are None by default (see
        the module docstring). ``mode``, ``by_alias``, ``round_trip`` and pydantic's other
        keywords are accepted and change nothing.
        """
        _check_keywords("model_dump", options)
        if include is None and exclude is None and not (exclude_unset or exclude_defaults):
            return self.to_dict(exclude_none=exclude_none)
        dumped: Dict[str, Any] = self._dump(
            include, exclude, (exclude_none, exclude_unset, exclude_defaults)
        )
        return dumped

    def model_dump_json(
        self, *, indent: Optional[int] = None, ensure_ascii: bool = False, **options: Any
    ) -> str:
        """pydantic's ``model_dump_json``: compact JSON, or indented by ``indent``; takes
        ``model_dump``'s keywords."""
        fallback: Optional[Callable[[Any], Any]] = options.pop("fallback", None)
        data = self.model_dump(**options)
        if indent is None:
            return json.dumps(
                data, separators=(",", ":"), ensure_ascii=ensure_ascii, default=fallback
            )
        return json.dumps(data, indent=indent, ensure_ascii=ensure_ascii, default=fallback)

    def dict(self, **options: Any) -> Dict[str, Any]:
        """pydantic v1's spelling of ``model_dump``."""
        return self.model_dump(**options)

    def json(self, **options: Any) -> str:
        """pydantic v1's spelling of ``model_dump_json``."""
        return self.model_dump_json(**options)

    def to_json(self, *, indent: Optional[int] = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    # pydantic's other model API --------------------------------------------------------------

    @property
    def model_extra(self) -> Dict[str, Any]:
        """The fields the server sent that this type does not declare (the live dict)."""
        extra = getattr(self, "_extra", None)
        if extra is None:
            extra = self._extra = {}
        return extra

    @property
    def model_fields_set(self) -> Set[str]:
        """The fields that are set (see the module docstring), and the unknown fields."""
        cls: Any = type(self)
        names = {f.name for f in attrs.fields(cls) if not _is_unset(f, getattr(self, f.name))}
        return names | set(getattr(self, "_extra", None) or ())

    def model_copy(self, *, update: Optional[Mapping[str, Any]] = None, deep: bool = False) -> Self:
        """A copy (``deep``: of the nested objects too), with ``update`` applied unvalidated;
        a name that is not a field becomes an unknown field."""
        new = _copy.deepcopy(self) if deep else _copy.copy(self)
        if not deep and new._extra is not None:
            new._extra = dict(new._extra)  # a shallow copy still has a dict of its own
        if update:
            names = _field_names(type(self))
            for key, value in update.items():
                if key in names:
                    object.__setattr__(new, key, value)
                else:
                    new.model_extra[key] = value
        return new

    @classmethod
    def model_validate(cls, obj: Any) -> Self:
        """Build the type from JSON-like data (a dict, or another model); ValueError when the
        data does not have its shape."""
        if isinstance(obj, cls):
            return obj
        if isinstance(obj, BaseModel):
            obj = obj.to_dict()
        from ._convert import structure  # here: the converter imports this module

        try:
            return structure(obj, cls)
        except Exception as exc:
            raise ValueError(f"The data does not have the shape of {cls.__name__}: {exc}") from None

    @classmethod
    def model_validate_json(cls, json_data: Union[str, bytes, bytearray]) -> Self:
        """``model_validate`` of a JSON document; ValueError when it is not valid JSON."""
        try:
            data = json.loads(json_data)
        except (ValueError, TypeError, RecursionError) as exc:
            raise ValueError(f"Invalid JSON for {cls.__name__}: {exc}") from None
        return cls.model_validate(data)

    # Portkey's own ------------------------------------------------------------------------

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


_EXTRA_SLOT: Any = BaseModel.__dict__["_extra"]  # reads the slot without BaseModel.__getattr__


class ExtraField(Generic[T]):
    """An attribute read from the unknown fields (``_extra``) under a JSON key, typed when read.

    For JSON keys that are not Python names (``"harassment/threatening"`` read as
    ``harassment_threatening``, as openai-python names it), and for fields the official SDK does
    not declare (a chat completion's ``moderation``): ``to_dict()``, ``model_dump()`` and
    ``str()`` give the JSON as it came, and an object without the key pays nothing for it (a
    stream's chunks). With ``tp``, a JSON object (or a list of them, for a ``List[...]`` type) is
    structured into ``tp`` on the first read and kept so (the same object on every read, and
    ``obj["key"]`` after it); one that does not fit stays as sent. Absent, the attribute is
    None. Declared on a class as ``name = ExtraField[bool]("json/key")``.
    """

    __slots__ = ("key", "tp")

    def __init__(self, key: Optional[str] = None, tp: Any = None) -> None:
        self.key = key or ""
        self.tp = tp

    def __set_name__(self, owner: Any, name: str) -> None:
        self.key = self.key or name

    @overload
    def __get__(self, obj: None, owner: Any) -> ExtraField[T]: ...

    @overload
    def __get__(self, obj: BaseModel, owner: Any) -> Optional[T]: ...

    def __get__(self, obj: Optional[BaseModel], owner: Any) -> Any:
        if obj is None:
            return self
        try:
            extra = _EXTRA_SLOT.__get__(obj)
        except AttributeError:  # nothing unknown was sent
            return None
        value = extra.get(self.key) if extra else None
        if self.tp is not None and (
            type(value) is dict or (type(value) is list and value and type(value[0]) is dict)
        ):
            from ._convert import structure_hook  # here: the converter imports this module

            try:
                value = extra[self.key] = structure_hook(self.tp)(value, self.tp)
            except (TypeError, ValueError):
                pass  # another shape than the API's: kept as sent
        return value

    def __set__(self, obj: BaseModel, value: Optional[T]) -> None:
        obj.model_extra[self.key] = value
