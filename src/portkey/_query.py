"""Query strings as the official SDK writes them (openai-python's ``Querystring`` with
``array_format="brackets"``): ``include[]=a&include[]=b``, ``metadata[key]=value``,
booleans as ``true``/``false``, dates and times in ISO 8601, and ``None`` left out."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, List, Mapping, Tuple, Union

__all__ = ["query_items"]


def _text(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return value.isoformat()  # str() would put a space between date and time
    return str(value)


Items = List[Tuple[str, Union[str, int, float, bool, None]]]  # what httpx takes


def _items(key: str, value: Any, out: Items) -> None:
    if isinstance(value, Mapping):
        for subkey, subvalue in value.items():
            _items(f"{key}[{subkey}]", subvalue, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _items(key + "[]", item, out)
    else:
        text = _text(value)
        if text:  # None (and "") are not sent
            out.append((key, text))


def query_items(query: Mapping[str, Any]) -> Items:
    """The ``(name, value)`` pairs of a query, nested values flattened with brackets."""
    out: Items = []
    for key, value in query.items():
        _items(key, value, out)
    return out
