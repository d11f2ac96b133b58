"""The annotations of the model classes, for the converter (``_convert``).

A generated module names the types of other modules only as strings (``_LAZY_TYPES`` says where
they live), so that importing one does not import the rest: its annotations are evaluated here,
each when first needed, rather than by ``typing.get_type_hints``. An annotation of plain JSON data
(``Optional[str]``, ``List[Literal["a", "b"]]``, ...) is recognised without evaluating it.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any, Dict, Iterator, Mapping, Optional, Tuple, Union

import attrs
import typing_extensions

__all__ = ["Deferred", "field_types", "list_item_text", "required"]

# The generated types' support module: imported by them, not here (``import portkey`` loads no
# types module).
_SUPPORT = "portkey.types._support"
_get_origin = typing_extensions.get_origin
_get_args = typing_extensions.get_args


def resolve_name(module: str, name: str) -> Any:
    """A name used by a generated module (one without unions has not loaded the support
    module)."""
    support: Any = sys.modules.get(_SUPPORT) or importlib.import_module(_SUPPORT)
    return support.resolve_name(module, name)


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


class Deferred:
    """The annotation of a generated type's field: evaluated when the field first holds a
    value, so that a field a body leaves null never imports its type's module."""

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


def list_item_text(text: str) -> Optional[str]:
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


def field_types(cls: type, defer: bool = False) -> Dict[str, Any]:
    """The evaluated annotation of each attrs field of ``cls`` (inherited ones included).

    With ``defer`` (for a structuring function): ``Any`` for a plain annotation, and a
    :class:`Deferred` for every other one that a generated module (one with ``_LAZY_TYPES``)
    wrote, so that a field a body leaves null or empty never imports its type's module.
    """
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
            deferred = Deferred(value, klass.__module__, cls, field.name)
            generated = hasattr(sys.modules.get(klass.__module__), "_LAZY_TYPES")
            value = deferred if defer and generated else deferred.evaluate()
        out[field.name] = value
    return out


def required(cls: type) -> Tuple[str, ...]:
    """Fields a body of ``cls`` must have (not Optional, not Any): to pick a union member."""
    return tuple(
        name
        for name, tp in field_types(cls).items()
        if tp is not Any
        and not (
            typing_extensions.get_origin(tp) is Union
            and type(None) in typing_extensions.get_args(tp)
        )
    )
