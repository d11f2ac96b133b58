"""The one cattrs converter that turns JSON data into the response types.

Rules live here, not on the models:
- JSON primitives pass through untouched (no ``str(x)`` coercion, no copies);
- every ``BaseModel`` gets a structuring function generated once from its attrs fields: it
  reads each key with one ``dict.get``, recurses only into nested models, fills defaults, and
  keeps unknown keys in ``_extra`` instead of dropping them. This is the per-chunk hot path of
  a stream, so the generated code does no per-field dispatch through the converter.
- anything else (dicts of models, unions cattrs knows) falls back to cattrs itself.
"""

from __future__ import annotations

import typing
from typing import Any, Callable, Dict, List, Type, TypeVar, Union

import attrs
import cattrs

from ._models import BaseModel

__all__ = ["converter", "structure"]

T = TypeVar("T")

converter = cattrs.Converter(detailed_validation=False)


def _passthrough(value: Any, _: Any) -> Any:
    return value


for _primitive in (str, int, float, bool):
    converter.register_structure_hook(_primitive, _passthrough)
# An embedding is a list of floats or, when base64 was asked for, a string: keep either as is.
converter.register_structure_hook(Union[List[float], str], _passthrough)

_PRIMITIVES = (str, int, float, bool, type(None))


def _strip_optional(tp: Any) -> Any:
    """``Optional[X]`` → ``X``; other types unchanged."""
    if typing.get_origin(tp) is Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _is_plain(tp: Any) -> bool:
    """Types whose JSON value is kept as is: primitives, Any, and lists/unions of those."""
    if tp is Any or tp in _PRIMITIVES:
        return True
    origin = typing.get_origin(tp)
    if origin in (list, List, Union):
        return all(_is_plain(a) for a in typing.get_args(tp))
    if origin in (dict, Dict):
        return all(_is_plain(a) for a in typing.get_args(tp))
    return False


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel) and attrs.has(tp)


def _model_hook(cls: Type[BaseModel]) -> Callable[[Any, Any], BaseModel]:
    """Generate the structuring function of one model class."""
    hints = typing.get_type_hints(cls)
    fields: Any = attrs.fields(cls)  # type: ignore[arg-type]
    env: Dict[str, Any] = {"_cls": cls, "_new": object.__new__, "_name": cls.__name__}
    lines = [
        "def structure(d, _=None):",
        "    if type(d) is not dict:",
        "        raise TypeError(f'expected a JSON object for {_name}, got {type(d).__name__}')",
        "    o = _new(_cls)",
        "    g = d.get",
    ]
    for i, field in enumerate(fields):
        name = field.name
        tp = _strip_optional(hints[name])
        default = field.default
        if default is attrs.NOTHING:
            read = f"(d[{name!r}] if {name!r} in d else _missing({name!r}))"
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            env[f"_f{i}"] = default.factory
            read = f"(g({name!r}) or _f{i}())"
        else:
            env[f"_d{i}"] = default
            read = f"g({name!r})" if default is None else f"g({name!r}, _d{i})"
        if _is_plain(tp):
            lines.append(f"    o.{name} = {read}")  # the common case: one statement
            continue
        lines.append(f"    v = {read}")
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if _is_model(tp):
            env[f"_s{i}"] = converter.get_structure_hook(tp)
            lines.append(f"    o.{name} = None if v is None else _s{i}(v)")
        elif origin in (list, List) and args and _is_model(args[0]):
            env[f"_s{i}"] = converter.get_structure_hook(args[0])
            lines.append("    if v is not None:")
            lines.append(f"        if type(v) is not list: _not_list({name!r}, v)")
            # One element (a stream chunk's choices) without the comprehension's own frame.
            lines.append(f"        v = [_s{i}(v[0])] if len(v) == 1 else [_s{i}(x) for x in v]")
            lines.append(f"    o.{name} = v")
        else:
            env[f"_t{i}"] = tp
            lines.append(f"    o.{name} = None if v is None else _structure(v, _t{i})")
    lines += [
        "    if not _all_known(d):",
        "        o._extra = {k: d[k] for k in d.keys() - _known}",
        "    return o",
    ]
    env["_known"] = known = frozenset(f.name for f in fields)
    env["_all_known"] = known.issuperset  # of d's keys
    env["_structure"] = converter.structure
    env["_missing"] = _missing
    env["_not_list"] = _not_list
    namespace: Dict[str, Any] = {}
    exec(compile("\n".join(lines), f"<portkey structure {cls.__name__}>", "exec"), env, namespace)
    fn: Callable[[Any, Any], BaseModel] = namespace["structure"]
    return fn


def _missing(name: str) -> Any:
    raise ValueError(f"required field {name!r} is missing")


def _not_list(name: str, value: Any) -> None:
    raise TypeError(f"field {name!r} should be a list, got {type(value).__name__}")


converter.register_structure_hook_factory(_is_model, _model_hook)


def structure(data: Any, cls: Type[T]) -> T:
    """Structure JSON data into ``cls``; raises ``ValueError``/``TypeError`` on a wrong shape."""
    return converter.structure(data, cls)


def structure_hook(cls: Type[T]) -> Callable[[Any, Any], T]:
    """The converter's structuring function for ``cls``, to call directly on a hot path."""
    hook: Callable[[Any, Any], T] = converter.get_structure_hook(cls)
    return hook
