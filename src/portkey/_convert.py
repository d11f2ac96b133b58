"""The one cattrs converter that turns JSON data into the response types.

Rules live here, not on the models:
- JSON primitives pass through untouched (no ``str(x)`` coercion, no copies), and so do
  ``Literal`` fields: an enum value this SDK does not know yet is kept, not rejected;
- every ``BaseModel`` gets a structuring function generated once from its attrs fields: it
  reads each key with one ``dict.get``, recurses only into nested models, fills defaults, and
  keeps unknown keys in ``_extra`` instead of dropping them. This is the per-chunk hot path of
  a stream, so the generated code does no per-field dispatch through the converter. Nested
  hooks are looked up on first use, which keeps recursive types finite and means a type's
  nested classes are created (and their modules imported) only when a body contains them;
- a union of models told apart by a constant field (``type``) is structured by looking that
  field up in a table built once; a value it does not know gives a :class:`GenericModel` that
  keeps every field. Other unions are lenient: primitives pass through, an object goes to the
  member whose required fields it has;
- anything else (dicts of models, ...) falls back to cattrs itself.

Annotations are resolved here rather than by ``typing.get_type_hints``: a generated module
names the types of other modules only as strings (``_LAZY_TYPES`` says where they live), so
that importing one does not import the rest.
"""

from __future__ import annotations

import re
import sys
import typing
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    FrozenSet,
    Iterator,
    List,
    Mapping,
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


def resolve_name(module: str, name: str) -> Any:
    """A name used by a generated module (which has loaded the support module)."""
    support: Any = sys.modules[_SUPPORT]
    return support.resolve_name(module, name)


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


class _LazyNames(Mapping[str, Any]):
    """The local namespace annotations are evaluated in: names a generated module only imports
    for type checkers, found through its ``_LAZY_TYPES``."""

    __slots__ = ("module",)

    def __init__(self, module: str) -> None:
        self.module = module

    def __getitem__(self, name: str) -> Any:
        mod = sys.modules.get(self.module)
        lazy = getattr(mod, "_LAZY_TYPES", None) or {}
        if name not in lazy:
            raise KeyError(name)
        return resolve_name(self.module, name)

    def __iter__(self) -> Iterator[str]:
        return iter(getattr(sys.modules.get(self.module), "_LAZY_TYPES", None) or ())

    def __len__(self) -> int:
        return len(getattr(sys.modules.get(self.module), "_LAZY_TYPES", None) or ())


def _own_annotations(klass: type) -> Dict[str, Any]:
    # The class's own, not inherited ones: they are evaluated in the module that wrote them.
    ann = klass.__dict__.get("__annotations__")  # noqa: RUF063 (3.9 has no get_annotations)
    if ann is None and "__annotate__" in klass.__dict__:  # Python 3.14's lazy annotations
        ann = klass.__annotations__
    return ann or {}


class _Deferred:
    """An annotation naming types of other generated modules: evaluated when the field first
    holds a value, so that a field a body leaves null never imports its type's module."""

    __slots__ = ("cls", "field", "module", "text")

    def __init__(self, text: str, module: str, cls: type, field: str) -> None:
        self.text, self.module, self.cls, self.field = text, module, cls, field

    def evaluate(self) -> Any:
        key = (self.module, self.text)
        if key in _EVALUATED:  # Optional[str] and the like, again and again
            return _EVALUATED[key]
        namespace = vars(sys.modules[self.module]) if self.module in sys.modules else {}
        try:
            value = _EVALUATED[key] = eval(self.text, namespace, _LazyNames(self.module))
            return value
        except Exception as exc:
            raise TypeError(
                f"cannot resolve the annotation {self.text!r} of "
                f"{self.cls.__name__}.{self.field}: {exc}"
            ) from None


def _deferred_hook(tp: _Deferred) -> Callable[[], Hook]:
    return lambda: _value_hook(tp.evaluate())


def _deferred_item_hook(tp: _Deferred, item: str) -> Callable[[], Hook]:
    """Finds the hook of the item type ``item`` of a list annotation (a model's own hook)."""

    def find() -> Hook:
        item_type = _strip(_Deferred(item, tp.module, tp.cls, tp.field).evaluate())
        return _lookup(item_type) if _is_model(item_type) else _value_hook(item_type)

    return find


_EVALUATED: Dict[Tuple[str, str], Any] = {}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STRING = re.compile(r"\"[^\"]*\"|'[^']*'")
# An annotation naming only these (and string literals) is plain JSON data: known without
# evaluating it, which would compile the text (most fields of a generated class).
_PLAIN_NAMES = frozenset(
    ("Optional", "List", "Dict", "Union", "Literal", "Any", "str", "int", "float", "bool", "None")
)


def _plain_text(text: str) -> bool:
    return _PLAIN_NAMES.issuperset(_IDENTIFIER.findall(_STRING.sub("", text)))


def _list_item_text(text: str) -> Optional[str]:
    """``"X"`` for an annotation ``List[X]`` or ``Optional[List[X]]``, else None."""
    if text.startswith("Optional[") and text.endswith("]"):
        text = text[9:-1]
    if not (text.startswith("List[") and text.endswith("]")):
        return None
    depth = 0
    for char in text[5:-1]:
        depth += (char == "[") - (char == "]")
        if depth < 0:  # List[A], B]: not one list
            return None
    return text[5:-1] if depth == 0 else None


def _field_types(cls: type, defer: bool = False) -> Dict[str, Any]:
    """The evaluated annotation of each attrs field of ``cls`` (inherited ones included);
    with ``defer``, a :class:`_Deferred` for those that name other generated modules' types."""
    out: Dict[str, Any] = {}
    fields: Any = attrs.fields(cls)
    for field in fields:
        for klass in cls.__mro__:
            ann = _own_annotations(klass)
            if field.name in ann:
                break
        else:
            out[field.name] = Any
            continue
        value = ann[field.name]
        if isinstance(value, str) and defer and _plain_text(value):
            value = Any  # kept as is, as a plain annotation is: no need to evaluate it
        elif isinstance(value, str):
            deferred = _Deferred(value, klass.__module__, cls, field.name)
            lazy = getattr(sys.modules.get(klass.__module__), "_LAZY_TYPES", None)
            if defer and lazy and any(n in lazy for n in _IDENTIFIER.findall(value)):
                value = deferred
            else:
                value = deferred.evaluate()
        out[field.name] = value
    return out


def _required(cls: type) -> Tuple[str, ...]:
    """Fields a body of ``cls`` must have (not Optional, not Any): to pick a union member."""
    return tuple(
        name
        for name, tp in _field_types(cls).items()
        if tp is not Any and not (_get_origin(tp) is Union and type(None) in _get_args(tp))
    )


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
        types = _field_types(cls)
        literals = [
            (name, frozenset(_get_args(tp)))
            for name, tp in types.items()
            if _is_literal(tp) and len(_get_args(tp)) > 0
        ]
        required = tuple(n for n in _required(cls) if n != prop)
        checks.append((_lookup(cls), required, literals, frozenset(types)))

    def structure(d: Any, _: Any = None) -> Any:
        best, score, fitting = None, -1, None
        for hook, required, literals, declared in checks:
            if all(d[name] in values for name, values in literals if name in d):
                fitting = fitting or hook
                if all(name in d for name in required):
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
        resolved = [_strip(_resolve(m, info)) for m in members]
        objects: List[Tuple[Tuple[str, ...], Hook]] = []
        nested: List[Hook] = []  # unions that are members
        lists: List[Hook] = []
        free = False  # a Dict / Any member keeps an object as is
        for m in resolved:
            origin = _get_origin(m)
            if _is_model(m):
                objects.append((_required(m), _lookup(m)))
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


def _model_hook(cls: Type[BaseModel]) -> Callable[[Any, Any], BaseModel]:
    """Generate the structuring function of one model class."""
    hints = _field_types(cls, defer=True)
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
        tp = hints[name]
        tp = tp if isinstance(tp, _Deferred) else _strip(tp)
        default = field.default
        if default is attrs.NOTHING:
            read = f"(d[{name!r}] if {name!r} in d else _missing({name!r}))"
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            env[f"_f{i}"] = default.factory
            read = f"(g({name!r}) or _f{i}())"
        else:
            env[f"_d{i}"] = default
            read = f"g({name!r})" if default is None else f"g({name!r}, _d{i})"
        if not isinstance(tp, _Deferred) and _is_plain(tp):
            lines.append(f"    o.{name} = {read}")  # the common case: one statement
            continue
        lines.append(f"    v = {read}")
        item = _list_item_text(tp.text) if isinstance(tp, _Deferred) else None
        if isinstance(tp, _Deferred) and item is not None:
            # The item type is evaluated (and its module imported) at the first item: an
            # empty list (``tools``, ``annotations``) needs none.
            env[f"_s{i}"] = _Lazy(_deferred_item_hook(tp, item), env, f"_s{i}")
            lines.append("    if v is not None:")
            lines.append(f"        if type(v) is not list: _not_list({name!r}, v)")
            lines.append(f"        v = [None if x is None else _s{i}(x) for x in v]")
            lines.append(f"    o.{name} = v")
            continue
        if isinstance(tp, _Deferred):
            env[f"_s{i}"] = _Lazy(_deferred_hook(tp), env, f"_s{i}")
            lines.append(f"    o.{name} = None if v is None else _s{i}(v)")
            continue
        origin = _get_origin(tp)
        args = _get_args(tp)
        if _is_model(tp):
            env[f"_s{i}"] = _model_lazy(tp, env, f"_s{i}")
            lines.append(f"    o.{name} = None if v is None else _s{i}(v)")
        elif origin in (list, List) and args and not _is_plain(args[0]):
            item = _strip(args[0])
            env[f"_s{i}"] = (
                _model_lazy(item, env, f"_s{i}") if _is_model(item) else _value_hook(item)
            )
            lines.append("    if v is not None:")
            lines.append(f"        if type(v) is not list: _not_list({name!r}, v)")
            # One element (a stream chunk's choices) without the comprehension's own frame.
            lines.append(f"        v = [_s{i}(v[0])] if len(v) == 1 else [_s{i}(x) for x in v]")
            lines.append(f"    o.{name} = v")
        else:
            env[f"_s{i}"] = _value_hook(tp)
            lines.append(f"    o.{name} = None if v is None else _s{i}(v)")
    lines += [
        "    if not _all_known(d):",
        "        o._extra = {k: v for k, v in d.items() if k not in _known}",  # JSON order
        "    return o",
    ]
    env["_known"] = known = frozenset(f.name for f in fields)
    env["_all_known"] = known.issuperset  # of d's keys
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
    """Structure JSON data into ``cls`` (a model class, or a union of them such as
    ``ResponseStreamEvent``); raises ``ValueError``/``TypeError`` on a wrong shape."""
    return converter.structure(data, cls)


def structure_hook(cls: Type[T]) -> Callable[[Any, Any], T]:
    """The converter's structuring function for ``cls``, to call directly on a hot path."""
    hook: Callable[[Any, Any], T] = _lookup(cls)
    return hook
