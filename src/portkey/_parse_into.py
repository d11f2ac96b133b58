"""Structuring a model's JSON answer into the class asked for (``parse``'s second half).

attrs classes and dataclasses go through a cattrs converter of this module's own (user classes
never touch the response converter in ``_convert``), strict about JSON types: no ``str(1)`` or
``int("1")`` coercion, a string is not a list of characters. TypedDicts come back as validated
dicts; pydantic models use their own ``model_validate_json``. JSON that does not fit raises
``StructuredOutputError`` carrying the raw text and every problem with its JSON path.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
import re
import sys
import typing
import uuid
from typing import Any, Callable, Dict, Iterable, List, Optional, Type, TypeVar, Union

import attrs
import cattrs
import typing_extensions
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)

from ._errors import StructuredOutputError
from ._schema import WRAPPERS, _collection, is_pydantic_class, is_structured_class, type_hints

__all__ = ["parse_json_into", "structure_into", "to_plain"]

T = TypeVar("T")


def parse_json_into(tp: Type[T], text: Union[str, bytes, None]) -> T:
    """Structure JSON text into ``tp`` (attrs class, dataclass, TypedDict or pydantic model).

    Raises ``StructuredOutputError`` (a ``ValueError``) carrying ``.raw`` when the text is not
    JSON or does not fit ``tp``.
    """
    raw = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
    name = getattr(tp, "__name__", repr(tp))
    if is_pydantic_class(tp):
        try:
            parsed: T = _pydantic_parse(tp, text if text is not None else "")
            return parsed
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise StructuredOutputError(
                f"The answer does not fit {name}: {exc}", raw=raw, reason=str(exc)
            ) from exc
    try:
        data = json.loads(text if text is not None else "")
    except (ValueError, RecursionError) as exc:
        reason = f"invalid JSON: {exc}"
        raise StructuredOutputError(
            f"The answer is not valid JSON for {name} ({exc})", raw=raw, reason=reason
        ) from exc
    return structure_into(tp, data, raw=raw)


def structure_into(tp: Type[T], data: Any, *, raw: Optional[str] = None) -> T:
    """Structure decoded JSON data into ``tp``; ``StructuredOutputError`` when it does not fit."""
    if is_pydantic_class(tp):
        try:
            validated: T = _pydantic_validate(tp, data)
            return validated
        except ValueError as exc:
            reason = str(exc)
    else:
        try:
            result: T = _converter().structure(data, tp)
            return result
        except Exception as exc:  # cattrs raises grouped errors of any kind: report them all
            reason = "; ".join(_reasons(exc, "$"))
    name = getattr(tp, "__name__", repr(tp))
    raise StructuredOutputError(
        f"The answer does not fit {name}: {reason}",
        raw=raw if raw is not None else json.dumps(data, default=str),
        reason=reason,
    )


def _pydantic_parse(tp: Any, text: Union[str, bytes]) -> Any:
    if hasattr(tp, "model_validate_json"):
        return tp.model_validate_json(text)
    if hasattr(tp, "parse_raw"):  # pydantic v1
        return tp.parse_raw(text)
    return sys.modules["pydantic"].TypeAdapter(tp).validate_json(text)  # pydantic dataclass


def _pydantic_validate(tp: Any, data: Any) -> Any:
    if hasattr(tp, "model_validate"):
        return tp.model_validate(data)
    if hasattr(tp, "parse_obj"):  # pydantic v1
        return tp.parse_obj(data)
    return sys.modules["pydantic"].TypeAdapter(tp).validate_python(data)


def _reasons(exc: BaseException, path: str = "") -> List[str]:
    """What did not fit, one line per problem, each with its JSON path (``@ $.a[2].b``)."""
    lines: List[str] = cattrs.transform_error(exc, path=path, format_exception=_say)
    return [line[:-3] if line.endswith(" @ ") else line for line in lines]


def _say(exc: BaseException, _type: Any) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    return str(exc) or type(exc).__name__


def to_plain(value: Any) -> Any:
    """A parsed value as JSON-ready data (for ``to_dict``/``to_json`` of the parsed types)."""
    if is_pydantic_class(type(value)):
        if hasattr(value, "model_dump"):
            return value.model_dump(mode="json")
        return json.loads(value.json())  # pydantic v1
    return _jsonable(_converter().unstructure(value))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, enum.Enum):
        return _jsonable(value.value)
    if isinstance(value, (datetime.date, datetime.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return _iso_duration(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if is_pydantic_class(type(value)):  # a pydantic model inside an attrs class, say
        return to_plain(value)
    if attrs.has(type(value)) or dataclasses.is_dataclass(value):
        return _jsonable(_converter().unstructure(value))
    return value


_CONVERTER: Optional[cattrs.Converter] = None


def _converter() -> cattrs.Converter:
    global _CONVERTER
    if _CONVERTER is None:
        _CONVERTER = _build_converter()
    return _CONVERTER


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _str(value: Any) -> str:
    if type(value) is not str:
        raise TypeError(f"expected a string, got {_kind(value)}")
    return value


def _int(value: Any) -> int:
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    raise TypeError(f"expected an integer, got {_kind(value)} {value!r}")


def _float(value: Any) -> float:
    if type(value) in (int, float):
        return float(value)
    raise TypeError(f"expected a number, got {_kind(value)}")


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise TypeError(f"expected a boolean, got {_kind(value)}")
    return value


def _none(value: Any) -> None:
    if value is not None:
        raise TypeError(f"expected null, got {_kind(value)}")


def _iso(parse: Callable[[str], Any], what: str) -> Callable[[Any], Any]:
    def structure(value: Any) -> Any:
        if type(value) is not str:
            raise TypeError(f"expected {what} string, got {_kind(value)}")
        text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
        try:
            return parse(text)
        except ValueError:
            raise ValueError(f"expected {what} string, got {value!r}") from None

    return structure


_DURATION = re.compile(
    r"(?P<sign>-)?P(?:(?P<weeks>\d+(?:\.\d+)?)W)?(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


def _duration(value: str) -> datetime.timedelta:
    match = _DURATION.match(value)
    if match is None or value in ("P", "-P") or value.endswith("T"):
        raise ValueError(value)
    parts = {k: float(v) for k, v in match.groupdict().items() if v and k != "sign"}
    delta = datetime.timedelta(**parts)
    return -delta if match.group("sign") else delta


def _timedelta(value: Any) -> datetime.timedelta:
    if type(value) in (int, float):
        return datetime.timedelta(seconds=value)
    return typing.cast(datetime.timedelta, _iso(_duration, "an ISO 8601 duration")(value))


def _uuid(value: Any) -> uuid.UUID:
    if type(value) is not str:
        raise TypeError(f"expected a UUID string, got {_kind(value)}")
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ValueError(f"expected a UUID string, got {value!r}") from None


_SCALARS: Dict[Any, Callable[[Any], Any]] = {
    str: _str,
    int: _int,
    float: _float,
    bool: _bool,
    type(None): _none,
    datetime.datetime: _iso(datetime.datetime.fromisoformat, "an ISO 8601 date-time"),
    datetime.date: _iso(datetime.date.fromisoformat, "an ISO 8601 date"),
    datetime.time: _iso(datetime.time.fromisoformat, "an ISO 8601 time"),
    datetime.timedelta: _timedelta,
    uuid.UUID: _uuid,
}


def _is_scalar(tp: Any) -> bool:
    try:
        return tp in _SCALARS
    except TypeError:  # unhashable type expressions
        return False


def _is_union(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    return origin is Union or (
        sys.version_info >= (3, 10) and origin is getattr(__import__("types"), "UnionType", None)
    )


def _is_literal(tp: Any) -> bool:
    return typing.get_origin(tp) is typing_extensions.Literal


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _is_wrapped(tp: Any) -> bool:
    return typing.get_origin(tp) in WRAPPERS


def _is_collection(tp: Any) -> bool:
    if _is_scalar(tp) or _is_enum(tp) or is_structured_class(tp):
        return False
    return _collection(typing.get_origin(tp) or tp) is not None


def _is_class(tp: Any) -> bool:
    return isinstance(tp, type) and (attrs.has(tp) or dataclasses.is_dataclass(tp))


def _is_typeddict(tp: Any) -> bool:
    return typing_extensions.is_typeddict(tp)


def _build_converter() -> cattrs.Converter:
    """Strict JSON structuring: no ``str(1)`` or ``int("1")`` coercion, a string is not a list
    of characters, an object is checked to be one before its fields are read."""
    conv = cattrs.Converter(detailed_validation=True)
    # ``get_structure_hook`` is cattrs >= 24.1; older ones find hooks the same way internally.
    found: Any = getattr(conv, "get_structure_hook", None) or conv._structure_func.dispatch
    hook_of: Callable[[Any], Callable[[Any, Any], Any]] = found

    def lazy(tp: Any) -> Callable[[Any], Any]:
        """Structuring into ``tp``, its hook looked up on first use: a class that refers to
        itself (through a list or an Optional) would otherwise ask for its own hook while it
        is being made."""
        found: List[Callable[[Any, Any], Any]] = []

        def structure(value: Any) -> Any:
            if not found:
                found.append(hook_of(tp))
            return found[0](value, tp)

        return structure

    def scalar(value: Any, tp: Any) -> Any:
        # Registered per scalar class, so cattrs also sends subclasses here (IntEnum, StrEnum).
        exact = _SCALARS.get(tp)
        if exact is not None:
            return exact(value)
        if _is_enum(tp):
            return enumeration(tp)(value, tp)
        base = next(b for b in tp.__mro__ if b in _SCALARS)
        return tp(_SCALARS[base](value))

    def wrapped(tp: Any) -> Callable[[Any, Any], Any]:
        inner = lazy(typing.get_args(tp)[0])
        return lambda value, _: inner(value)

    def literal(tp: Any) -> Callable[[Any, Any], Any]:
        allowed = [a.value if isinstance(a, enum.Enum) else a for a in typing.get_args(tp)]
        members = typing.get_args(tp)

        def structure(value: Any, _: Any) -> Any:
            for allowed_value, member in zip(allowed, members):
                if value == allowed_value and type(value) is type(allowed_value):
                    return member
            expected = ", ".join(repr(a) for a in allowed)
            raise ValueError(f"expected one of {expected}, got {value!r}")

        return structure

    def enumeration(tp: Any) -> Callable[[Any, Any], Any]:
        def structure(value: Any, _: Any) -> Any:
            for member in tp:
                if member.value == value and type(member.value) is type(value):
                    return member
            expected = ", ".join(repr(m.value) for m in tp)
            raise ValueError(f"expected one of {expected}, got {value!r}")

        return structure

    def union(tp: Any) -> Callable[[Any, Any], Any]:
        members = typing.get_args(tp)
        hooks = [(m, lazy(m)) for m in members if m is not type(None)]
        nullable = len(hooks) < len(members)

        def structure(value: Any, _: Any) -> Any:
            if value is None and nullable:
                return None
            if len(hooks) == 1:  # Optional[X]: X's own errors, with their paths
                return hooks[0][1](value)
            if type(value) in members:  # an exact JSON type match wins (int in Union[float, int])
                return value
            reasons: List[str] = []
            for member, hook in hooks:
                try:
                    return hook(value)
                except Exception as exc:
                    said = "; ".join(_reasons(exc))
                    reasons.append(f"as {_names([member])}: {said}")
            raise ValueError(f"fits none of {_names(members)} ({'; '.join(reasons)})")

        return structure

    def collection(tp: Any) -> Callable[[Any, Any], Any]:
        origin = typing.get_origin(tp) or tp
        kind = _collection(origin)
        args = typing.get_args(tp)
        if kind == "mapping":
            key_tp, value_tp = args if len(args) == 2 else (Any, Any)
            key_hook, value_hook = lazy(key_tp), lazy(value_tp)

            def mapping(value: Any, _: Any) -> Any:
                if type(value) is not dict:
                    raise TypeError(f"expected a JSON object, got {_kind(value)}")
                return {key_hook(k): value_hook(v) for k, v in value.items()}

            return mapping
        fixed = kind == "tuple" and not (len(args) == 2 and args[1] is Ellipsis) and bool(args)
        item_types = list(args) if fixed else [args[0] if args else Any]
        item_hooks = [lazy(t) for t in item_types]
        build: Callable[[List[Any]], Any] = list
        if kind == "tuple":
            build = tuple
        elif kind == "set":
            build = frozenset if origin is frozenset else set

        def sequence(value: Any, _: Any) -> Any:
            if type(value) is not list:
                raise TypeError(f"expected a JSON array, got {_kind(value)}")
            if fixed and len(value) != len(item_types):
                raise ValueError(f"expected {len(item_types)} items, got {len(value)}")
            out, errors = [], []
            for i, item in enumerate(value):
                j = i if fixed else 0
                try:
                    out.append(item_hooks[j](item))
                except Exception as exc:
                    note = IterableValidationNote(f"Structuring {tp} @ index {i}", i, item_types[j])
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
            return build(out)

        return sequence

    def record(tp: Any) -> Callable[[Any, Any], Any]:
        if _is_typeddict(tp):
            return typed_dict(tp)
        fn = cattrs.gen.make_dict_structure_fn(tp, conv)

        def structure(value: Any, _: Any) -> Any:
            if type(value) is not dict:
                raise TypeError(f"expected a JSON object for {tp.__name__}, got {_kind(value)}")
            return fn(value, tp)

        return structure

    def typed_dict(tp: Any) -> Callable[[Any, Any], Any]:
        # Not cattrs' TypedDict support: it trusts ``__required_keys__``, which Python gets wrong
        # for ``NotRequired[...]`` under ``from __future__ import annotations``.
        hints = type_hints(tp)
        optional: Any = getattr(tp, "__optional_keys__", frozenset())
        keys = []
        for key, hint in hints.items():
            origin: Any = typing.get_origin(hint)
            required = origin is typing_extensions.Required or (
                origin is not typing_extensions.NotRequired and key not in optional
            )
            keys.append((key, hint, lazy(hint), required))

        def structure(value: Any, _: Any) -> Any:
            if type(value) is not dict:
                raise TypeError(f"expected a JSON object for {tp.__name__}, got {_kind(value)}")
            out: Dict[str, Any] = {}
            errors: List[Exception] = []
            for key, hint, hook, required in keys:
                try:
                    if key in value:
                        out[key] = hook(value[key])
                    elif required:
                        raise KeyError(key)
                except Exception as exc:
                    note = AttributeValidationNote(f"Structuring key {key!r}", key, hint)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            if errors:
                raise ClassValidationError(f"While structuring {tp.__name__}", errors, tp)
            return out

        return structure

    def pydantic(tp: Any) -> Callable[[Any, Any], Any]:
        return lambda value, _: _pydantic_validate(tp, value)

    for scalar_type in _SCALARS:
        conv.register_structure_hook(scalar_type, scalar)
    conv.register_structure_hook_factory(_is_wrapped, wrapped)
    conv.register_structure_hook_factory(_is_literal, literal)
    conv.register_structure_hook_factory(_is_enum, enumeration)
    conv.register_structure_hook_factory(_is_union, union)
    conv.register_structure_hook_factory(_is_collection, collection)
    conv.register_structure_hook_factory(lambda t: _is_class(t) or _is_typeddict(t), record)
    conv.register_structure_hook_factory(is_pydantic_class, pydantic)

    return conv


def _iso_duration(delta: datetime.timedelta) -> str:
    seconds = delta.total_seconds()
    sign = "-" if seconds < 0 else ""
    days, rest = divmod(abs(seconds), 86400)
    return f"{sign}P{int(days)}DT{rest:g}S"


def _names(members: Iterable[Any]) -> str:
    return ", ".join(getattr(m, "__name__", None) or repr(m) for m in members)
