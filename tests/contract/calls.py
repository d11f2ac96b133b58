"""A call of an SDK method made from an operation's required parameters, and the answer the
spec gives it.

The spec's names are mapped onto the method's: a name the method has is used as it is; else
the method's name the endpoint writes as the spec's (``wire``); else the method's name equal
but for case, ``_`` and ``-`` (``is_default`` for ``isDefault``: what the body then carries is
the method's business, and the body check says whether the spec accepts it); else the spec's
name passes through as a free keyword. Parameters the method requires and the spec does not
are filled from the spec's schema of that name and noted.
"""

from __future__ import annotations

import inspect
import json
import re
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

from .finder import Route, Served
from .spec import Operation, Spec, spec
from .values import Maker, _merged

BINARY = b"contract-binary\x00\x01\x02"


def norm(name: str) -> str:
    """A name without case, ``_``, ``-`` and a ``[]`` suffix (``include[]`` is ``include``)."""
    return re.sub(r"[_\-]|\[\]$", "", name).lower()


def object_schema(s: Spec, schema: Any) -> Dict[str, Any]:
    """``schema`` resolved, an ``allOf`` joined (for its properties and required names)."""
    schema = s.resolve(schema) or {}
    if isinstance(schema, dict) and "allOf" in schema:
        schema = _merged(s, schema)
    return schema if isinstance(schema, dict) else {}


def _typed_dict(function: Any) -> Any:
    """The TypedDict of a method's ``**params: Unpack[X]``, or None."""
    for param in inspect.signature(function).parameters.values():
        if param.kind is inspect.Parameter.VAR_KEYWORD and isinstance(param.annotation, str):
            match = re.fullmatch(r"Unpack\[(\w+)\]", param.annotation)
            if match:
                return function.__globals__.get(match.group(1))
    return None


class Names:
    """What a method calls its parameters: every name it knows, and the ones it requires."""

    def __init__(self, served: Served, key: Route) -> None:
        function = served.function
        signature = inspect.signature(function)
        self.known: List[str] = []
        self.required: List[str] = []
        self.wire: Dict[str, str] = {}
        self.echo: FrozenSet[str] = frozenset()
        for name, param in signature.parameters.items():
            if name == "self" or param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
                continue
            self.known.append(name)
            if param.default is param.empty:
                self.required.append(name)
        typed = _typed_dict(function)
        if typed is not None:
            self.known += list(getattr(typed, "__annotations__", {}))
            self.required += sorted(getattr(typed, "__required_keys__", ()))
        endpoint = served.endpoint_for(key)
        self.path_params: Tuple[str, ...] = endpoint.path_params if endpoint else ()
        if endpoint is not None:
            self.known += [*sorted(endpoint.named), *sorted(endpoint.late)]
            self.required += sorted(endpoint.required)
            self.wire = {wire: ours for ours, wire in endpoint.wire.items()}
            # path parameters the endpoint also puts in the body (the official's wire)
            self.echo = frozenset(endpoint.wire.get(n, n) for n in endpoint.echo)
        self.known = list(dict.fromkeys(self.known))
        self.required = [n for n in dict.fromkeys(self.required) if n not in self.path_params]

    def ours(self, spec_name: str) -> str:
        if spec_name in self.known:
            return spec_name
        if spec_name in self.wire:
            return self.wire[spec_name]
        same = [n for n in self.known if norm(n) == norm(spec_name)]
        return same[0] if len(same) == 1 else spec_name


class Plan:
    """The call: ``kwargs``, the path it must reach, the request media type the spec is
    checked with, notes (what the method requires beyond the spec), and the body fields
    the spec need not declare (path parameters the endpoint echoes into the body)."""

    def __init__(self) -> None:
        self.kwargs: Dict[str, Any] = {}
        self.path = ""
        self.media: Optional[str] = None
        self.body_schema: Any = None
        self.notes: List[str] = []
        self.free: FrozenSet[str] = frozenset()  # body fields the spec need not declare


def request_content(op: Operation) -> Optional[Tuple[str, Any]]:
    """The request body's media and schema: a form when the spec offers one (the file parts
    are the point of those routes), else JSON, else the first."""
    body = spec(op.spec_name).resolve(op.op.get("requestBody"))
    content = (body or {}).get("content") or {}
    for media in ("multipart/form-data", "application/json", *content):
        if media in content:
            return media, content[media].get("schema") or {}
    return None


def plan(op: Operation, served: Served, key: Route) -> Plan:
    """The call of ``served`` for ``op``: its path parameters, required query parameters and
    required body fields (a form's files as bytes), named as the method names them."""
    s = spec(op.spec_name)
    maker = Maker(s)
    names = Names(served, key)
    out = Plan()
    out.free = names.echo
    # Path parameters: the spec's values, by position onto the endpoint's names.
    spec_path_names = re.findall(r"{([^}]*)}", op.path.split("?", 1)[0])
    by_name = {p["name"]: p for p in op.params_in("path")}
    path = op.path.split("?", 1)[0]
    ours_path = list(names.path_params)
    for index, name in enumerate(spec_path_names):
        value = maker.value((by_name.get(name) or {}).get("schema") or {"type": "string"}, name)
        path = path.replace("{" + name + "}", str(value), 1)
        if index < len(ours_path):
            out.kwargs[ours_path[index]] = value
        else:
            out.kwargs[names.ours(name)] = value
    out.path = path
    # Optional spec properties by name, to fill what the method requires beyond the spec.
    optional: Dict[str, Any] = {}
    for param in op.params_in("query"):
        if param.get("required"):
            out.kwargs[names.ours(param["name"])] = maker.value(
                param.get("schema") or {}, param["name"]
            )
        else:
            optional[norm(param["name"])] = param.get("schema") or {}
    content = request_content(op)
    if content is not None:
        out.media, out.body_schema = content
        body = maker.value(out.body_schema)
        schema = object_schema(s, out.body_schema)
        for name, sub in (schema.get("properties") or {}).items():
            optional.setdefault(norm(name), sub)
        if isinstance(body, dict):
            for name, value in body.items():
                out.kwargs[names.ours(name)] = value
            # An optional property the method spells its own way is sent too: the body
            # check then says whether the spec knows the name it goes out as.
            for name, sub in (schema.get("properties") or {}).items():
                ours = names.ours(name)
                if name not in body and ours != name and ours not in out.kwargs:
                    out.kwargs[ours] = maker.value(sub, name)
        else:
            out.notes.append(f"the spec's body is a {type(body).__name__}, not an object")
    given = {norm(k) for k in out.kwargs}
    for name in names.required:
        if norm(name) in given:
            continue
        if norm(name) in optional:
            out.kwargs[name] = maker.value(optional[norm(name)], name)
            out.notes.append(f"ours requires {name!r}; the spec has it optional")
        else:
            out.kwargs[name] = "contract"
            out.notes.append(f"ours requires {name!r}; the spec does not have it")
    return out


def answer(op: Operation) -> Tuple[int, Dict[str, str], bytes, Any]:
    """The spec's answer: status, headers, content, and the JSON sent (None: not JSON)."""
    status, media, entry = op.response()
    if media is None:
        return status, {}, b"", None
    if media != "application/json":
        return status, {"content-type": media}, BINARY, None
    schema = entry.get("schema")
    if schema:
        body = Maker(spec(op.spec_name), full=True).value(schema)
    elif "example" in entry:
        body = entry["example"]
    elif entry.get("examples"):
        body = next(iter(entry["examples"].values())).get("value")
    else:
        body = {}
    return status, {"content-type": "application/json"}, json.dumps(body).encode(), body
