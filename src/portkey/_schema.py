"""Strict JSON schemas (OpenAI structured outputs) from attrs classes, dataclasses, TypedDicts and,
when pydantic is installed and the class comes from it, pydantic models.

For a pydantic model the schema is pydantic's own, made strict by the same rules as
openai-python's ``to_strict_json_schema`` (ported in ``ensure_strict``), so the wire matches the
official SDK. For the other classes a schema of the same shape is generated here: pydantic's
titles, ``$defs``/``$ref`` for nested classes and enums, its key order; every property required,
``additionalProperties: false`` on every object. Defaults are left out (strict mode requires
every property, so a default never applies, and some deployments reject ``default``).

pydantic is never imported by this module: a class is treated as pydantic's only when pydantic
is already loaded (``sys.modules``) and the class derives from it.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import inspect
import re
import sys
import typing
import uuid
from collections import abc
from typing import Any, Dict, List, Optional, Tuple

import attrs
import typing_extensions

__all__ = ["ensure_strict", "is_pydantic_class", "to_strict_json_schema"]

# Wrappers around a field's type that say nothing about its JSON shape.
_NOTES = tuple(
    getattr(typing_extensions, name)
    for name in ("Required", "NotRequired", "ReadOnly")
    if hasattr(typing_extensions, name)
)
WRAPPERS = (typing_extensions.Annotated, *_NOTES)
_STRING_FORMATS: Dict[Any, str] = {
    datetime.datetime: "date-time",
    datetime.date: "date",
    datetime.time: "time",
    datetime.timedelta: "duration",
    uuid.UUID: "uuid",
}
_PRIMITIVES: Dict[Any, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
}
_UNION_TYPE = getattr(__import__("types"), "UnionType", None)  # ``int | None`` (3.10+)


def is_pydantic_class(tp: Any) -> bool:
    """Whether ``tp`` is a pydantic model or pydantic dataclass (never imports pydantic)."""
    pydantic = sys.modules.get("pydantic")
    if pydantic is None or not isinstance(tp, type):
        return False
    # ``__pydantic_config__`` marks a pydantic dataclass, as openai-python's check does.
    return issubclass(tp, pydantic.BaseModel) or hasattr(tp, "__pydantic_config__")


def is_structured_class(tp: Any) -> bool:
    """A class this module can make a schema for: attrs, dataclass, TypedDict or pydantic."""
    return isinstance(tp, type) and (
        attrs.has(tp)
        or dataclasses.is_dataclass(tp)
        or typing_extensions.is_typeddict(tp)
        or is_pydantic_class(tp)
    )


def to_strict_json_schema(tp: Any) -> Dict[str, Any]:
    """The strict JSON schema of ``tp`` (an attrs class, dataclass, TypedDict or pydantic model).

    Raises ``TypeError`` for other types, and for a field whose type strict mode cannot express
    (``Dict[str, X]``, ``Any``), naming the field.
    """
    if is_pydantic_class(tp):
        schema = _pydantic_schema(tp)
    elif is_structured_class(tp):
        schema = _Generator().root(tp)
    else:
        raise TypeError(
            f"cannot make a JSON schema from {tp!r}: expected an attrs class, a dataclass, "
            "a TypedDict or a pydantic model"
        )
    return ensure_strict(schema, path=(), root=schema)


def _pydantic_schema(tp: Any) -> Dict[str, Any]:
    pydantic: Any = sys.modules["pydantic"]
    if issubclass(tp, pydantic.BaseModel):
        if hasattr(tp, "model_json_schema"):
            schema: Dict[str, Any] = tp.model_json_schema()
        else:  # pydantic v1
            schema = tp.schema()
        return schema
    schema = pydantic.TypeAdapter(tp).json_schema()
    return schema


# -- openai-python's strict-mode rules (openai/lib/_pydantic.py), ported so pydantic models get
#    exactly the schema the official SDK sends, and our own schemas get the same treatment.


def ensure_strict(
    json_schema: object, *, path: Tuple[str, ...], root: Dict[str, Any]
) -> Dict[str, Any]:
    """Make ``json_schema`` strict in place: objects closed, every property required,
    null defaults dropped, ``$ref``s with siblings inlined."""
    if not isinstance(json_schema, dict):
        raise TypeError(f"Expected {json_schema} to be a dictionary; path={path}")

    defs = json_schema.get("$defs")
    if isinstance(defs, dict):
        for def_name, def_schema in defs.items():
            ensure_strict(def_schema, path=(*path, "$defs", def_name), root=root)

    definitions = json_schema.get("definitions")
    if isinstance(definitions, dict):
        for name, definition in definitions.items():
            ensure_strict(definition, path=(*path, "definitions", name), root=root)

    if json_schema.get("type") == "object" and "additionalProperties" not in json_schema:
        json_schema["additionalProperties"] = False

    properties = json_schema.get("properties")
    if isinstance(properties, dict):
        json_schema["required"] = list(properties)
        json_schema["properties"] = {
            key: ensure_strict(prop, path=(*path, "properties", key), root=root)
            for key, prop in properties.items()
        }

    items = json_schema.get("items")
    if isinstance(items, dict):
        json_schema["items"] = ensure_strict(items, path=(*path, "items"), root=root)

    any_of = json_schema.get("anyOf")
    if isinstance(any_of, list):
        json_schema["anyOf"] = [
            ensure_strict(variant, path=(*path, "anyOf", str(i)), root=root)
            for i, variant in enumerate(any_of)
        ]

    all_of = json_schema.get("allOf")
    if isinstance(all_of, list):
        if len(all_of) == 1:
            json_schema.update(ensure_strict(all_of[0], path=(*path, "allOf", "0"), root=root))
            json_schema.pop("allOf")
        else:
            json_schema["allOf"] = [
                ensure_strict(entry, path=(*path, "allOf", str(i)), root=root)
                for i, entry in enumerate(all_of)
            ]

    # A None default says nothing the nullable type does not already say.
    if "default" in json_schema and json_schema["default"] is None:
        json_schema.pop("default")

    # A ``$ref`` cannot have siblings (``{"$ref": ..., "description": ...}``): inline it.
    ref = json_schema.get("$ref")
    if ref and len(json_schema) > 1:
        if not isinstance(ref, str):
            raise TypeError(f"Received non-string $ref - {ref}")
        resolved = _resolve_ref(root=root, ref=ref)
        if not isinstance(resolved, dict):
            raise ValueError(
                f"Expected `$ref: {ref}` to resolve to a dictionary but got {resolved}"
            )
        # The schema's own keys win over the referenced ones.
        json_schema.update({**resolved, **json_schema})
        json_schema.pop("$ref")
        # The inlined schema may lack ``additionalProperties: false``: run the rules again.
        return ensure_strict(json_schema, path=path, root=root)

    return json_schema


def _resolve_ref(*, root: Dict[str, Any], ref: str) -> object:
    if not ref.startswith("#/"):
        raise ValueError(f"Unexpected $ref format {ref!r}; Does not start with #/")
    resolved: Any = root
    for key in ref[2:].split("/"):
        resolved = resolved[key]
        if not isinstance(resolved, dict):
            raise ValueError(f"encountered non-dictionary entry while resolving {ref}")
    return resolved


# -- schema generation for attrs classes, dataclasses and TypedDicts, in pydantic's shape


class _Ref:
    """A ``$ref`` to a class's definition, named once every class is known (names collide)."""

    __slots__ = ("cls",)

    def __init__(self, cls: Any) -> None:
        self.cls = cls


class _Generator:
    def __init__(self) -> None:
        self.defs: Dict[Any, Dict[str, Any]] = {}  # class -> its schema, in first-seen order
        self.refs: Dict[Any, int] = {}  # class -> how many $refs point at it

    def root(self, tp: Any) -> Dict[str, Any]:
        self._ref(tp)
        names = self._names()
        # Not recursive: the root is the class's own schema, inlined; else pydantic's
        # ``{"$ref": ..., "$defs": ...}`` form for a class that refers to itself.
        schema: Dict[str, Any] = self.defs.pop(tp) if self.refs[tp] == 1 else {"$ref": _Ref(tp)}
        if self.defs:
            schema["$defs"] = {names[cls]: s for cls, s in self.defs.items()}
        result: Dict[str, Any] = _finish(schema, names, None)
        return result

    def _names(self) -> Dict[Any, str]:
        # pydantic's rule: a class's name, or module__qualname for every class sharing a name.
        by_name: Dict[str, List[Any]] = {}
        names: Dict[Any, str] = {}
        for cls in self.defs:
            if isinstance(cls, _Named):
                names[cls] = cls.__name__
            by_name.setdefault(cls.__name__, []).append(cls)
        for name, classes in by_name.items():
            classes = [c for c in classes if not isinstance(c, _Named)]
            for cls in classes:
                if len(classes) == 1:
                    names[cls] = name
                else:
                    full = re.sub(r"[^a-zA-Z0-9.\-_]", "_", f"{cls.__module__}.{cls.__qualname__}")
                    names[cls] = full.replace(".", "__")
        return names

    def _ref(self, cls: Any) -> Dict[str, Any]:
        self.refs[cls] = self.refs.get(cls, 0) + 1
        if cls not in self.defs:
            self.defs[cls] = {}  # registered first: a class that refers to itself terminates
            self.defs[cls].update(self._class_schema(cls))
        return {"$ref": _Ref(cls)}

    def _class_schema(self, cls: Any) -> Dict[str, Any]:
        if isinstance(cls, type) and issubclass(cls, enum.Enum):
            return _enum_schema(cls)
        if is_pydantic_class(cls):
            return self._embedded_pydantic(cls)
        properties: Dict[str, Any] = {}
        for name, hint, description in _fields(cls):
            where = f"{cls.__name__}.{name}"
            schema = self._schema(hint, where)
            if description:
                schema["description"] = description
            if _wants_title(hint):
                schema["title"] = name.title().replace("_", " ").strip()
            properties[name] = schema
        out: Dict[str, Any] = {"properties": properties, "title": cls.__name__, "type": "object"}
        if properties:  # pydantic leaves ``required`` out when it is empty
            out["required"] = list(properties)
        doc = class_doc(cls)
        if doc:
            out["description"] = inspect.cleandoc(doc)
        return out

    def _embedded_pydantic(self, cls: Any) -> Dict[str, Any]:
        # A pydantic model inside an attrs class: pydantic's schema, its own $defs lifted up.
        schema = _pydantic_schema(cls)
        for name, sub in schema.pop("$defs", {}).items():
            self.defs[_Named(name)] = sub
        return schema

    def _schema(self, tp: Any, where: str) -> Dict[str, Any]:
        tp = _unwrap(tp)
        if tp in _PRIMITIVES:
            return {"type": _PRIMITIVES[tp]}
        if tp in _STRING_FORMATS:
            return {"format": _STRING_FORMATS[tp], "type": "string"}
        supertype = getattr(tp, "__supertype__", None)  # typing.NewType
        if supertype is not None:
            return self._schema(supertype, where)
        if isinstance(tp, type) and (issubclass(tp, enum.Enum) or is_structured_class(tp)):
            return self._ref(tp)
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing_extensions.Literal:
            return _literal_schema(args)
        if origin is typing.Union or (_UNION_TYPE is not None and origin is _UNION_TYPE):
            return self._union(args, where)
        kind = _collection(origin or tp)
        if kind == "mapping":
            raise TypeError(
                f"{where}: {_show(tp)} cannot be used in a strict JSON schema (strict mode needs "
                "every object key declared); use a class with named fields, or a list of pairs"
            )
        if kind == "tuple":
            if not args or (len(args) == 2 and args[1] is Ellipsis):
                return {"items": self._item(args[:1], where), "type": "array"}
            n = len(args)
            items = [self._schema(a, where) for a in args]
            return {"maxItems": n, "minItems": n, "prefixItems": items, "type": "array"}
        if kind == "set":
            return {"items": self._item(args, where), "type": "array", "uniqueItems": True}
        if kind == "array":
            return {"items": self._item(args, where), "type": "array"}
        if tp is Any or tp is object:
            raise TypeError(f"{where}: Any cannot be used in a strict JSON schema; name a type")
        raise TypeError(f"{where}: cannot make a JSON schema for the type {_show(tp)}")

    def _item(self, args: Tuple[Any, ...], where: str) -> Dict[str, Any]:
        if not args:
            raise TypeError(f"{where}: a list needs its item type (List[X]) in a strict schema")
        return self._schema(args[0], where)

    def _union(self, args: Tuple[Any, ...], where: str) -> Dict[str, Any]:
        # pydantic's form: the members, flattened and deduplicated, with null last.
        nullable = type(None) in args
        members = [self._schema(a, where) for a in args if a is not type(None)]
        if nullable:
            inner = members[0] if len(members) == 1 else _flat_any_of(members)
            if inner == {"type": "null"}:
                return inner
            return _flat_any_of([inner, {"type": "null"}])
        return members[0] if len(members) == 1 else _flat_any_of(members)


class _Named:
    """A definition lifted from an embedded pydantic schema, kept under pydantic's name."""

    __slots__ = ("__name__",)

    def __init__(self, name: str) -> None:
        self.__name__ = name

    def __hash__(self) -> int:
        return hash(self.__name__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Named) and other.__name__ == self.__name__


def _collection(tp: Any) -> Optional[str]:
    """``"mapping"``, ``"tuple"``, ``"set"`` or ``"array"`` for a collection type, else None."""
    if not isinstance(tp, type) or issubclass(tp, (str, bytes, bytearray)):
        return None
    if issubclass(tp, abc.Mapping):
        return "mapping"
    if issubclass(tp, tuple):
        return "tuple"
    if issubclass(tp, abc.Set):
        return "set"
    if issubclass(tp, (abc.Sequence, abc.Iterable)):
        return "array"
    return None


def _show(tp: Any) -> str:
    return tp.__name__ if isinstance(tp, type) else repr(tp).replace("typing.", "")


def _unwrap(tp: Any) -> Any:
    """Drop ``Annotated``, ``Required``/``NotRequired`` and ``ReadOnly`` wrappers."""
    while True:
        if typing.get_origin(tp) in WRAPPERS:
            tp = typing.get_args(tp)[0]
        else:
            return tp


def _wants_title(tp: Any) -> bool:
    """pydantic titles a field after its name unless its schema is a class's ``$ref``."""
    tp = _unwrap(tp)
    if isinstance(tp, type) and (issubclass(tp, enum.Enum) or is_structured_class(tp)):
        return False
    origin = typing.get_origin(tp)
    if origin is typing.Union or (_UNION_TYPE is not None and origin is _UNION_TYPE):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:  # Optional[X] is X, nullable
            return _wants_title(args[0])
    supertype = getattr(tp, "__supertype__", None)
    if supertype is not None:
        return _wants_title(supertype)
    return True


def type_hints(cls: Any) -> Dict[str, Any]:
    """A class's field types, string annotations resolved, ``Annotated`` kept."""
    try:
        hints: Dict[str, Any] = typing_extensions.get_type_hints(cls, include_extras=True)
    except NameError as exc:
        raise TypeError(
            f"cannot resolve the field types of {cls.__name__}: {exc} (a class named in an "
            "annotation must be importable from the class's module)"
        ) from exc
    except KeyError:  # Python < 3.10, a class whose module is not in sys.modules (made at run time)
        hints = dict(getattr(cls, "__annotations__", None) or {})
    return hints


def _fields(cls: Any) -> List[Tuple[str, Any, Optional[str]]]:
    """(name, type, description) of each field, in declaration order."""
    hints = type_hints(cls)
    out: List[Tuple[str, Any, Optional[str]]] = []
    if attrs.has(cls):
        for f in attrs.fields(cls):
            out.append((f.name, hints.get(f.name, f.type), _described(f.metadata, hints, f.name)))
    elif dataclasses.is_dataclass(cls):
        for d in dataclasses.fields(cls):
            out.append((d.name, hints.get(d.name, d.type), _described(d.metadata, hints, d.name)))
    else:  # TypedDict
        for name, hint in hints.items():
            out.append((name, hint, _described({}, hints, name)))
    return out


def _described(metadata: Any, hints: Dict[str, Any], name: str) -> Optional[str]:
    """A field's description: ``metadata={"description": ...}``, or from ``Annotated[X, ...]``
    metadata (``typing_extensions.Doc("...")`` or anything with a ``description`` string)."""
    text = metadata.get("description") if metadata else None
    if isinstance(text, str):
        return text
    hint = hints.get(name)
    while typing.get_origin(hint) in _NOTES:
        hint = typing.get_args(hint)[0]
    for extra in getattr(hint, "__metadata__", ()):  # Annotated[X, ...]
        for attr in ("description", "documentation"):
            value = getattr(extra, attr, None)
            if isinstance(value, str):
                return value
    return None


def class_doc(cls: Any) -> Optional[str]:
    """A class's own docstring as written; not the one ``dataclasses`` writes itself
    ("Point(x: int, y: int)"), which is no description (pydantic's rule too)."""
    doc: Optional[str] = cls.__dict__.get("__doc__")
    if not doc:
        return None
    name: str = cls.__name__
    if dataclasses.is_dataclass(cls) and doc.startswith(f"{name}("):
        return None
    return doc


def _enum_schema(cls: Any) -> Dict[str, Any]:
    out: Dict[str, Any] = {"title": cls.__name__}
    doc = cls.__dict__.get("__doc__")
    if doc and inspect.cleandoc(doc) != "An enumeration.":  # Enum's own default docstring
        out["description"] = inspect.cleandoc(doc)
    values = [_jsonable(m.value) for m in cls]
    out["enum"] = values
    kind = _common_type(values)
    if kind:
        out["type"] = kind
    return out


def _literal_schema(args: Tuple[Any, ...]) -> Dict[str, Any]:
    values = [_jsonable(a.value if isinstance(a, enum.Enum) else a) for a in args]
    out: Dict[str, Any] = {"const": values[0]} if len(values) == 1 else {"enum": values}
    kind = _common_type(values)
    if kind:
        out["type"] = kind
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return _jsonable(value.value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    raise TypeError(f"the value {value!r} cannot appear in a JSON schema")


def _common_type(values: List[Any]) -> Optional[str]:
    kinds = {type(v) for v in values}
    if len(kinds) == 1:
        return _PRIMITIVES.get(kinds.pop())
    return None


def _flat_any_of(schemas: List[Dict[str, Any]]) -> Dict[str, Any]:
    members: List[Dict[str, Any]] = []
    for schema in schemas:
        nested = schema.get("anyOf") if len(schema) == 1 else None
        for member in nested if isinstance(nested, list) else [schema]:
            if member not in members:
                members.append(member)
    return members[0] if len(members) == 1 else {"anyOf": members}


def _finish(value: Any, names: Dict[Any, str], parent: Optional[str]) -> Any:
    """Name the ``$ref``s and sort keys as pydantic does (all but ``properties``' own keys)."""
    if isinstance(value, _Ref):
        return f"#/$defs/{names[value.cls]}"
    if isinstance(value, dict):
        keys = list(value) if parent in ("properties", "default") else sorted(value)
        return {k: _finish(value[k], names, k) for k in keys}
    if isinstance(value, list):
        return [_finish(v, names, parent) for v in value]
    return value
