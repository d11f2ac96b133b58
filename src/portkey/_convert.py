"""The one cattrs converter that turns JSON data into the response types.

Rules live here, not on the models: JSON primitives pass through untouched (no ``str(x)``
coercion, no copies), and every ``BaseModel`` gets a generated structuring function that keeps
unknown keys in ``_extra`` instead of dropping them.
"""

from __future__ import annotations

from typing import Any, Callable, List, Type, TypeVar, Union

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn

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


def _model_hook(cls: Type[BaseModel]) -> Callable[[Any, Any], BaseModel]:
    generated = make_dict_structure_fn(cls, converter)
    fields: Any = attrs.fields(cls)  # type: ignore[arg-type]
    known = frozenset(a.name for a in fields)
    name = cls.__name__

    def structure_model(data: Any, _: Any) -> BaseModel:
        if type(data) is not dict:
            raise TypeError(f"expected a JSON object for {name}, got {type(data).__name__}")
        obj = generated(data, cls)
        extra = data.keys() - known
        if extra:
            obj._extra = {k: data[k] for k in extra}
        return obj

    return structure_model


converter.register_structure_hook_factory(
    lambda t: isinstance(t, type) and issubclass(t, BaseModel) and attrs.has(t), _model_hook
)


def structure(data: Any, cls: Type[T]) -> T:
    """Structure JSON data into ``cls``; raises ``ValueError``/``TypeError`` on a wrong shape."""
    return converter.structure(data, cls)
