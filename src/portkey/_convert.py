"""The one cattrs converter that turns JSON data into the response types.

Rules live here, not on the models:
- JSON primitives pass through untouched (no ``str(x)`` coercion, no copies), and so do
  ``Literal`` fields: an enum value this SDK does not know yet is kept, not rejected;
- every ``BaseModel`` gets a structuring function generated once from its attrs fields: it
  reads each key with one ``dict.get``, recurses only into nested models, fills defaults, and
  keeps unknown keys in ``_extra`` instead of dropping them. This is the per-chunk hot path of
  a stream, so the generated code does no per-field dispatch through the converter. Its first
  calls run a generic loop over the same plan instead: compiling code for each class a first
  response meets once would cost more than parsing it. Nested hooks are looked up on first use,
  which keeps recursive types finite and means a type's nested classes are created (and their
  modules imported) only when a body contains them;
- a union of models told apart by a constant field (``type``) is structured by looking that
  field up in a table built once; a value it does not know gives a :class:`GenericModel` that
  keeps every field. Other unions are lenient: primitives pass through, an object goes to the
  member whose required fields it has;
- anything else (dicts of models, ...) falls back to cattrs itself.

The annotations are read by ``_annotations`` (a generated module names the types of other
modules only as strings, so that importing one does not import the rest).
"""

from __future__ import annotations

import builtins
import sys
import typing
from types import FunctionType
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    FrozenSet,
    List,
    Optional,
    Tuple,
    Type,
    TypeVar,
    Union,
)

import attrs
import cattrs
import typing_extensions

from ._models import BaseModel

if TYPE_CHECKING:
    from ._annotations import Deferred
    from .types._support import GenericModel, UnionInfo

__all__ = ["converter", "structure", "structure_hook"]

# The generated types' support module: imported by them, not here (``import portkey`` loads no
# types module); a union can only carry a UnionInfo once it is loaded.
_SUPPORT = "portkey.types._support"

T = TypeVar("T")
Hook = Callable[..., Any]

converter = cattrs.Converter(detailed_validation=False)
# The hook cattrs would use for a type (get_structure_hook is cattrs >= 24.1; the dispatch is
# what it reads, also in older versions).
_cattrs_dispatch: Any = converter._structure_func.dispatch
_lookup: Callable[[Any], Hook] = getattr(converter, "get_structure_hook", _cattrs_dispatch)


def _passthrough(value: Any, _: Any = None) -> Any:
    return value


for _primitive in (str, int, float, bool):
    converter.register_structure_hook(_primitive, _passthrough)
# An embedding is a list of floats or, when base64 was asked for, a string: keep either as is.
converter.register_structure_hook(Union[List[float], str], _passthrough)

_PRIMITIVES = (str, int, float, bool, type(None))
_LITERALS = {typing.Literal, typing_extensions.Literal}
_ANNOTATED = {typing_extensions.Annotated, getattr(typing, "Annotated", None)} - {None}
_get_origin = typing_extensions.get_origin
_get_args = typing_extensions.get_args


def _is_literal(tp: Any) -> bool:
    return _get_origin(tp) in _LITERALS


def _union_info(tp: Any) -> Optional[UnionInfo]:
    """The UnionInfo of a generated union (``Annotated[Union[...], UnionInfo(...)]``)."""
    if _get_origin(tp) in _ANNOTATED:
        support: Any = sys.modules.get(_SUPPORT)
        for meta in getattr(tp, "__metadata__", ()) if support is not None else ():
            if isinstance(meta, support.UnionInfo):
                info: UnionInfo = meta
                return info
    return None


def _strip(tp: Any) -> Any:
    """``Optional[X]`` → ``X``, ``Annotated[X, ...]`` → ``X`` (unless it is a generated union)."""
    while True:
        origin = _get_origin(tp)
        if origin in _ANNOTATED and _union_info(tp) is None:
            tp = _get_args(tp)[0]
        elif origin is Union:
            args = [a for a in _get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _is_plain(tp: Any) -> bool:
    """Types whose JSON value is kept as is: primitives, Any, Literals, and lists/dicts/unions of
    those."""
    if tp is Any or tp in _PRIMITIVES:
        return True
    origin = _get_origin(tp)
    if origin in _LITERALS:
        return True
    if origin in _ANNOTATED:
        return _union_info(tp) is None and _is_plain(_get_args(tp)[0])
    if origin in (list, List, Union, dict, Dict):
        return all(_is_plain(a) for a in _get_args(tp))
    return False


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel) and attrs.has(tp)


# -- annotations ---------------------------------------------------------------------------------


def _deferred_hook(tp: Deferred) -> Callable[[], Hook]:
    def find() -> Hook:
        value_type = _strip(tp.evaluate())  # a model's own hook: no lazy one in between
        return _lookup(value_type) if _is_model(value_type) else _value_hook(value_type)

    return find


# -- hooks for field values ----------------------------------------------------------------------


class _Lazy:
    """A hook found on first call: nested models are resolved when first met, so a recursive
    type's hook does not build itself forever. With ``env``/``key`` it replaces itself in the
    generated function's globals, so later calls go straight to the real hook."""

    __slots__ = ("env", "find", "hook", "key")

    def __init__(
        self, find: Callable[[], Hook], env: Optional[Dict[str, Any]] = None, key: str = ""
    ) -> None:
        self.find = find
        self.hook: Optional[Hook] = None
        self.env = env
        self.key = key

    def __call__(self, value: Any, _: Any = None) -> Any:
        hook = self.hook
        if hook is None:
            hook = self.hook = self.find()
            if self.env is not None:
                self.env[self.key] = hook
        return hook(value)


def _model_lazy(cls: type, env: Optional[Dict[str, Any]] = None, key: str = "") -> Hook:
    return _Lazy(lambda: _lookup(cls), env, key)


def _value_hook(tp: Any) -> Hook:
    """A one-argument function structuring a value of the non-plain type ``tp``."""
    tp = _strip(tp)
    if _is_model(tp):
        return _model_lazy(tp)
    origin = _get_origin(tp)
    if origin in (list, List):
        (item,) = _get_args(tp) or (Any,)
        if _is_plain(item):
            return _passthrough
        item_hook = _value_hook(item)

        def structure_list(value: Any, _: Any = None) -> Any:
            if type(value) is not list:
                raise TypeError(f"expected a list, got {type(value).__name__}")
            return [None if x is None else item_hook(x) for x in value]

        return structure_list
    if origin in (dict, Dict):
        _, item = _get_args(tp) or (str, Any)
        if _is_plain(item):
            return _passthrough
        value_hook = _value_hook(item)

        def structure_dict(value: Any, _: Any = None) -> Any:
            if type(value) is not dict:
                raise TypeError(f"expected a JSON object, got {type(value).__name__}")
            return {k: None if v is None else value_hook(v) for k, v in value.items()}

        return structure_dict
    if origin is Union or _union_info(tp) is not None:
        return _union_hook(tp)
    if _is_plain(tp):
        return _passthrough
    hook = _lookup(tp)
    return lambda value, _=None: hook(value, tp)


# -- unions --------------------------------------------------------------------------------------


def _members(tp: Any) -> Tuple[List[Any], Optional[UnionInfo]]:
    """The members of a union (Optional's None left out) and its UnionInfo, if generated."""
    info = _union_info(tp)
    if info is not None:
        tp = _get_args(tp)[0]
    return [a for a in _get_args(tp) if a is not type(None)], info


def _resolve(member: Any, info: Optional[UnionInfo]) -> Any:
    """A generated union's member: ``"Name"`` / ForwardRef("Name") resolved in its module;
    ``List["Name"]`` and the like are resolved when their own hook first runs."""
    if isinstance(member, typing.ForwardRef):
        member = member.__forward_arg__
    if isinstance(member, str) and info is not None:
        from ._annotations import resolve_name  # see _model_hook

        return resolve_name(info.module, member)
    args = _get_args(member)
    origin = _get_origin(member)
    if origin in _LITERALS or origin in _ANNOTATED:
        return member
    if info is not None and args and any(isinstance(a, (str, typing.ForwardRef)) for a in args):
        resolved = tuple(_resolve(a, info) for a in args)
        if origin in (list, List):
            return List[resolved[0]]  # type: ignore[valid-type]
        if origin in (dict, Dict):
            return Dict[resolved[0], resolved[1]]  # type: ignore[valid-type]
        return Union[resolved]
    return member


def _discriminator(classes: List[Any]) -> Optional[Tuple[str, Dict[str, List[Any]]]]:
    """For a plain ``Union`` of model classes: the field whose constant default tells them
    apart (``type``, else ``object``), with each value's classes."""
    for prop in ("type", "object"):
        mapping: Dict[str, List[Any]] = {}
        for cls in classes:
            field = getattr(attrs.fields_dict(cls).get(prop), "default", None)
            if not isinstance(field, str):
                break
            mapping.setdefault(field, []).append(cls)
        else:
            return prop, mapping
    return None


def _pick(candidates: List[Any], prop: str) -> Hook:
    """A hook for several classes sharing one discriminator value (input and output messages
    are both ``message``), or none (a body without ``type``): of those whose Literal fields
    accept the body's values and whose required fields it has, the one declaring most of its
    keys (else the first whose Literals accept it)."""
    checks: List[Tuple[Hook, Tuple[str, ...], List[Tuple[str, Any]], FrozenSet[str]]] = []
    for cls in candidates:
        from ._annotations import field_types, required  # see _model_hook

        types = field_types(cls)
        literals = [
            (name, frozenset(_get_args(tp)))
            for name, tp in types.items()
            if _is_literal(tp) and len(_get_args(tp)) > 0
        ]
        needed = tuple(n for n in required(cls) if n != prop)
        checks.append((_lookup(cls), needed, literals, frozenset(types)))

    def structure(d: Any, _: Any = None) -> Any:
        best, score, fitting = None, -1, None
        for hook, needed, literals, declared in checks:
            if all(d[name] in values for name, values in literals if name in d):
                fitting = fitting or hook
                if all(name in d for name in needed):
                    known = len(declared.intersection(d))
                    if known > score:
                        best, score = hook, known
        return (best or fitting or checks[0][0])(d)

    return structure


def _generic(d: Any, _: Any = None) -> GenericModel:
    """An object of a kind no union member has: every field kept (GenericModel)."""
    from .types._support import GenericModel  # loaded by the generated union already

    obj = object.__new__(GenericModel)
    base: BaseModel = obj  # _extra is BaseModel's slot
    base._extra = dict(d)
    return obj


def _union_hook(tp: Any) -> Hook:
    """The structuring function of a union; nothing is resolved before its first call."""
    members, info = _members(tp)
    name = getattr(tp, "__name__", None) or "union"
    if info is not None and info.prop:
        return _dispatch(members, info.prop, dict(info.mapping), info, name)
    if info is None and members and all(_is_model(m) for m in members):
        found = _discriminator(members)
        if found is not None:
            prop, classes = found
            return _dispatch(members, prop, classes, None, name)
    return _lenient(members, info)


def _dispatch(members: List[Any], prop: str, mapping: Dict[str, Any], info: Any, name: str) -> Hook:
    """Look ``d[prop]`` up; an unknown value gives a GenericModel."""
    hooks: Dict[Any, Hook] = {}  # known discriminator value -> hook, filled on first sight
    plain_ok = any(_is_plain(m) for m in members if not isinstance(m, (str, typing.ForwardRef)))
    default = info.default if info is not None else None

    def find(value: Any) -> Optional[Hook]:
        targets = mapping.get(value) if isinstance(value, str) else None
        if targets is None and value is None and default is not None:
            targets = default
        if targets is None:
            return None
        if isinstance(targets, (str, type)):
            targets = [targets]
        classes = [_resolve(t, info) for t in targets]
        hook = hooks[value] = _lookup(classes[0]) if len(classes) == 1 else _pick(classes, prop)
        return hook  # cached for a known value, and for None (missing or null)

    def slow(d: Any) -> Any:
        value = d.get(prop)
        hook = hooks.get(value) if value is None else None
        hook = hook or find(value)
        return _generic(d) if hook is None else hook(d)

    def structure(d: Any, _: Any = None) -> Any:
        if type(d) is dict:
            try:
                hook = hooks[d[prop]]
            except (KeyError, TypeError):  # not seen yet, missing, or not a string
                return slow(d)
            return hook(d)
        if plain_ok:
            return d
        raise TypeError(f"expected a JSON object for {name}, got {type(d).__name__}")

    return structure


def _lenient(members: List[Any], info: Optional[UnionInfo]) -> Hook:
    """A union without a discriminator: primitives pass through, an object goes to the member
    whose required fields it has (the one with most), a list to the list member."""
    state: Dict[str, Any] = {}

    def prepare() -> Dict[str, Any]:
        from ._annotations import required  # see _model_hook

        resolved = [_strip(_resolve(m, info)) for m in members]
        objects: List[Tuple[Tuple[str, ...], Hook]] = []
        nested: List[Hook] = []  # unions that are members
        lists: List[Hook] = []
        free = False  # a Dict / Any member keeps an object as is
        for m in resolved:
            origin = _get_origin(m)
            if _is_model(m):
                objects.append((required(m), _lookup(m)))
            elif origin is Union or _union_info(m) is not None:
                nested.append(_union_hook(m))
            elif origin in (list, List):
                lists.append(_value_hook(m))
            elif m is Any or origin in (dict, Dict):
                free = True
        objects.sort(key=lambda o: -len(o[0]))
        state.update(objects=objects, nested=nested, lists=lists, free=free)
        return state

    def structure(value: Any, _: Any = None) -> Any:
        s = state or prepare()
        if type(value) is dict:
            keys = value.keys()
            for required, hook in s["objects"]:
                if all(k in keys for k in required):
                    return hook(value)
            if s["nested"]:
                return s["nested"][0](value)
            if s["free"]:
                return value
            return _generic(value) if s["objects"] else value
        if type(value) is list and s["lists"] and value and type(value[0]) is dict:
            return s["lists"][0](value)
        return value

    return structure


def _is_union(tp: Any) -> bool:
    return _union_info(tp) is not None or (_get_origin(tp) is Union and not _is_plain(tp))


converter.register_structure_hook_func(_is_literal, _passthrough)
converter.register_structure_hook_factory(_is_union, _union_hook)


# -- models --------------------------------------------------------------------------------------


# How a field's value is read (by ``_plan``): the default as ``dict.get``'s, a factory's value
# when missing or empty, or required. And what is done with it: kept, given to its hook, or
# each item of the list given to the hook (in a generated type's list, a null item stays None;
# a hand-written type's list has none: the chat stream's accumulator relies on it).
_GET, _FACTORY, _REQUIRED = 0, 1, 2
_KEEP, _HOOK, _ITEMS, _ITEMS_OR_NULL = 0, 1, 2, 3
# (name, how read, default or factory, what is done, the hook's name in the env)
_Step = Tuple[str, int, Any, int, str]

# A model's first calls run this generic loop over its plan; the code made for the model
# replaces it (same function object, same globals) at call _COMPILE_AT: a class met once or
# twice (most classes of a response) never pays for compiling its own code.
_COMPILE_AT = 4
_GENERIC = """
def structure(d, _=None):
    if type(d) is not dict:
        raise TypeError(f'expected a JSON object for {_name}, got {type(d).__name__}')
    _tier()
    o = _new(_cls)
    g = d.get
    env = _env
    for name, read, default, do, key in _plan:  # numbers: _GET, _FACTORY, _KEEP, ... below
        if read == 0:
            v = g(name, default)
        elif read == 1:
            v = g(name) or default()
        else:
            v = d[name] if name in d else _missing(name)
        if do and v is not None:
            hook = env[key]
            if do == 1:
                v = hook(v)
            else:
                if type(v) is not list: _not_list(name, v)
                v = [hook(x) if do == 2 or x is not None else None for x in v]
        setattr(o, name, v)
    if not _all_known(d):
        o._extra = {k: v for k, v in d.items() if k not in _known}
    return o
"""
_generic_code: List[Any] = []


def _model_hook(cls: Type[BaseModel]) -> Callable[[Any, Any], BaseModel]:
    """The structuring function of one model class: the generic loop over its plan first, its
    own code (_source) from call _COMPILE_AT on."""
    # Here, not at the top: ``import portkey`` loads this module, not the annotations one.
    from ._annotations import Deferred, field_types, list_item_text

    hints = field_types(cls, defer=True)
    fields: Any = attrs.fields(cls)  # type: ignore[arg-type]
    # __builtins__: a function made from globals without it gets none on Python 3.9.
    env: Dict[str, Any] = {"__builtins__": builtins, "_cls": cls, "_new": object.__new__}
    env["_name"] = cls.__name__
    plan: List[_Step] = []
    for i, field in enumerate(fields):
        name = field.name
        tp = hints[name]
        tp = tp if isinstance(tp, Deferred) else _strip(tp)
        default = field.default
        if default is attrs.NOTHING:
            read, default = _REQUIRED, None
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            read, default = _FACTORY, default.factory
        else:
            read = _GET
        key = f"_s{i}"
        do = _HOOK
        if not isinstance(tp, Deferred) and _is_plain(tp):
            do = _KEEP  # the common case
        elif isinstance(tp, Deferred):
            item = list_item_text(tp.text)
            if item is not None:
                # The item type is evaluated (and its module imported) at the first item: an
                # empty list (``tools``, ``annotations``) needs none.
                item_type = Deferred(item, tp.module, tp.cls, tp.field)
                env[key] = _Lazy(_deferred_hook(item_type), env, key)
                do = _ITEMS_OR_NULL
            else:
                env[key] = _Lazy(_deferred_hook(tp), env, key)
        elif _is_model(tp):
            env[key] = _model_lazy(tp, env, key)
        elif _get_origin(tp) in (list, List) and _get_args(tp) and not _is_plain(_get_args(tp)[0]):
            item_type = _strip(_get_args(tp)[0])
            is_model = _is_model(item_type)
            env[key] = _model_lazy(item_type, env, key) if is_model else _value_hook(item_type)
            do = _ITEMS
        else:
            env[key] = _value_hook(tp)
        plan.append((name, read, default, do, key))
        env[f"_d{i}"] = default  # for the compiled code
    env["_known"] = known = frozenset(f.name for f in fields)
    env["_all_known"] = known.issuperset  # of d's keys
    env["_missing"] = _missing
    env["_not_list"] = _not_list
    env["_plan"] = tuple(plan)
    env["_env"] = env
    if not _generic_code:
        _generic_code.append(_function(_GENERIC, "<portkey structure (generic)>", {}).__code__)
    fn: Any = FunctionType(_generic_code[0], env, "structure", (None,))
    calls = [0]

    def tier() -> None:
        calls[0] += 1
        if calls[0] >= _COMPILE_AT:  # the compiled code calls no _tier
            compiled = _function(_source(plan), f"<portkey structure {cls.__name__}>", env)
            fn.__code__ = compiled.__code__

    env["_tier"] = tier
    return fn  # type: ignore[no-any-return]


def _source(plan: List[_Step]) -> str:
    """The code of a model's structuring function: one statement per field, no dispatch (the
    per-chunk hot path of a stream)."""
    lines = [
        "def structure(d, _=None):",
        "    if type(d) is not dict:",
        "        raise TypeError(f'expected a JSON object for {_name}, got {type(d).__name__}')",
        "    o = _new(_cls)",
        "    g = d.get",
    ]
    for i, (name, read, default, do, key) in enumerate(plan):
        if read == _REQUIRED:
            value = f"(d[{name!r}] if {name!r} in d else _missing({name!r}))"
        elif read == _FACTORY:
            value = f"(g({name!r}) or _d{i}())"
        else:
            value = f"g({name!r})" if default is None else f"g({name!r}, _d{i})"
        if do == _KEEP:
            lines.append(f"    o.{name} = {value}")
            continue
        lines.append(f"    v = {value}")
        if do == _HOOK:
            lines.append(f"    o.{name} = None if v is None else {key}(v)")
            continue
        lines.append("    if v is not None:")
        lines.append(f"        if type(v) is not list: _not_list({name!r}, v)")
        # An empty list (a message's ``annotations: []``) is kept as is, and one element (a
        # stream chunk's choices) done without the comprehension's own frame.
        lines.append("        if v:")
        if do == _ITEMS:
            lines.append(f"            v = [{key}(v[0])] if len(v) == 1 else [{key}(x) for x in v]")
        else:
            lines.append(
                f"            v = [None if v[0] is None else {key}(v[0])] if len(v) == 1"
                f" else [None if x is None else {key}(x) for x in v]"
            )
        lines.append(f"    o.{name} = v")
    lines += [
        "    if not _all_known(d):",
        "        o._extra = {k: v for k, v in d.items() if k not in _known}",  # JSON order
        "    return o",
    ]
    return "\n".join(lines)


def _function(source: str, filename: str, env: Dict[str, Any]) -> Any:
    namespace: Dict[str, Any] = {}
    exec(compile(source, filename, "exec"), env, namespace)
    return namespace["structure"]


def _missing(name: str) -> Any:
    raise ValueError(f"required field {name!r} is missing")


def _not_list(name: str, value: Any) -> None:
    raise TypeError(f"field {name!r} should be a list, got {type(value).__name__}")


converter.register_structure_hook_factory(_is_model, _model_hook)


def structure(data: Any, cls: Type[T]) -> T:
    """Structure JSON data into ``cls`` (a model class, or a union of them such as
    ``ResponseStreamEvent``); raises ``ValueError``/``TypeError`` on a wrong shape."""
    return converter.structure(data, cls)


def structure_hook(cls: Type[T]) -> Callable[[Any, Any], T]:
    """The converter's structuring function for ``cls``, to call directly on a hot path."""
    hook: Callable[[Any, Any], T] = _lookup(cls)
    return hook
