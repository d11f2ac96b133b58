"""Hand-written support for the generated types (``tools/gen_types.py``).

- :class:`UnionInfo` marks a generated union: the module its member names are resolved in and,
  for a discriminated union, the discriminating field with each value's class name.
- :class:`GenericModel` is what an object of an unknown kind becomes (a new output item ``type``,
  a new stream event): kept whole, never dropped and never an error.
- :func:`lazy_module_attributes` lets a generated package load each name on first use.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

import attrs

from .._models import BaseModel

__all__ = ["GenericModel", "UnionInfo", "lazy_module_attributes", "resolve_name"]


class UnionInfo:
    """The run-time facts of a generated union (its ``Annotated`` metadata).

    ``mapping`` maps each value of the field ``prop`` to the class (or, when several classes share
    a value, the classes) that carry it; ``default`` is the class (or classes) for an object
    without ``prop``: those whose ``prop`` is optional.
    """

    __slots__ = ("default", "mapping", "module", "prop")

    def __init__(
        self,
        module: str,
        prop: Optional[str] = None,
        mapping: Optional[Dict[str, Union[str, Tuple[str, ...]]]] = None,
        default: Union[str, Tuple[str, ...], None] = None,
    ) -> None:
        self.module = module
        self.prop = prop
        self.mapping = mapping or {}
        self.default = default

    def __repr__(self) -> str:
        return f"UnionInfo({self.module!r}, {self.prop!r}, <{len(self.mapping)} values>)"


@attrs.define(eq=False, repr=False)
class GenericModel(BaseModel):
    """An object of a kind this SDK version does not know, such as a new output item ``type``.

    Every field the server sent is kept: reachable as an attribute (``item.type``), in
    ``to_dict()`` and in ``extra_fields``.
    """

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in (getattr(self, "_extra", None) or {}).items())
        return f"GenericModel({fields})"


def resolve_name(module: str, name: str) -> Any:
    """A name a generated module's annotations use: its own, or where its ``_LAZY_TYPES`` says."""
    mod = sys.modules.get(module) or importlib.import_module(module)
    namespace = vars(mod)
    if name in namespace:
        return namespace[name]
    lazy: Dict[str, str] = namespace.get("_LAZY_TYPES") or {}
    if name in lazy:  # a module path relative to the module's package
        return getattr(importlib.import_module(lazy[name], mod.__package__), name)
    return getattr(mod, name)  # a package's lazily loaded name, or AttributeError


def lazy_module_attributes(
    package: str, where: Dict[str, str]
) -> Tuple[Callable[[str], Any], Callable[[], List[str]], List[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` of a generated package whose names live in
    submodules (``where`` maps each submodule to its names, space-separated)."""
    module_of = {name: sub for sub, names in where.items() for name in names.split()}

    def __getattr__(name: str) -> Any:
        sub = module_of.get(name)
        if sub is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{sub}"), name)
        setattr(sys.modules[package], name, value)  # later lookups skip this function
        return value

    def __dir__() -> List[str]:
        return sorted(set(vars(sys.modules[package])) | set(module_of))

    return __getattr__, __dir__, sorted(module_of)
