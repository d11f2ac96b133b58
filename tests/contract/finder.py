"""Which SDK method serves an operation, found by walking the clients' resource trees.

A resource method is a one-liner over a module-level ``Endpoint`` (the recipe in
``portkey/resources/__init__.py``): the endpoints a method uses are the names its code reads
(nested functions' and same-module helpers' included) that are ``Endpoint``s in its module.
A method using one route (one or more endpoints of the same method and path, e.g. a JSON and
a multipart variant) serves that route; the first such method in breadth-first order of the
tree (``files.create`` before ``beta.x.files.create``) is the one called.
"""

from __future__ import annotations

import dis
import inspect
import re
import types
from collections import deque
from typing import Any, Callable, Dict, Iterator, List, Optional, Set, Tuple

from portkey._pool import resource
from portkey.resources._base import APIResource, Endpoint, subresource

Route = Tuple[str, str]  # (METHOD, path with every parameter written "{}")

# Routes only a hand-built call (``_send``) or a method of several routes serves; each with
# the method serving it and why it is not found by itself. Checked like every other one.
EXPLICIT: Dict[Route, Tuple[str, str]] = {
    ("DELETE", "/configs/{}"): (
        "configs.delete",
        "_send: the path's slug comes from slug= or the official's deprecated id=",
    ),
    ("POST", "/logs"): (
        "logs.create",
        "_send: logs=[...] goes as a JSON array (one log goes through the endpoint)",
    ),
    ("POST", "/realtime/calls"): (
        "realtime.calls.create",
        "_send: the SDP offer alone goes as an application/sdp body, with a session a form",
    ),
}


def route(method: str, path: str) -> Route:
    """The route of a spec operation or an endpoint, its parameter names dropped."""
    path = re.sub(r"^(/\.\.)+", "", path.split("?", 1)[0])  # "/../x": beside the API's /v1
    return method.upper(), re.sub(r"{[^}]*}", "{}", path)


class Served:
    """One SDK method: its dotted name on the client, function, bound method and routes."""

    def __init__(self, dotted: str, bound: Callable[..., Any], endpoints: List[Endpoint[Any]]):
        self.dotted = dotted
        self.bound = bound
        self.function: Any = getattr(bound, "__func__", bound)
        self.endpoints = endpoints
        self.routes = {route(e.method, e.path) for e in endpoints}
        self.hand_built = "_send" in _names(self.function.__code__)

    def endpoint_for(self, key: Route) -> Optional[Endpoint[Any]]:
        return next((e for e in self.endpoints if route(e.method, e.path) == key), None)

    def __repr__(self) -> str:
        return f"<{self.dotted} {sorted(self.routes)}>"


def _names(code: types.CodeType, globals_only: bool = False) -> Set[str]:
    """The names ``code`` reads (nested functions' included); ``globals_only``: only its
    global names (``self._list(_list_endpoint, ...)`` reads both kinds of ``_list``)."""
    if globals_only:
        names = {i.argval for i in dis.get_instructions(code) if i.opname == "LOAD_GLOBAL"}
    else:
        names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const, globals_only)
    return names


def endpoints_of(function: Any) -> List[Endpoint[Any]]:
    """The endpoints ``function`` reads, directly or through same-module helper functions."""
    found: Dict[int, Endpoint[Any]] = {}
    seen: Set[int] = set()
    todo = [function]
    while todo:
        fn = todo.pop()
        if id(fn) in seen:
            continue
        seen.add(id(fn))
        module_globals = fn.__globals__
        for name in sorted(_names(fn.__code__, globals_only=True)):
            value = module_globals.get(name)
            if isinstance(value, Endpoint):
                found[id(value)] = value
            elif isinstance(value, dict) and any(isinstance(v, Endpoint) for v in value.values()):
                # a table of endpoints (audio's one per response_format)
                found.update((id(v), v) for v in value.values() if isinstance(v, Endpoint))
            elif isinstance(value, types.FunctionType) and value.__module__ == fn.__module__:
                todo.append(value)
    return list(found.values())


def _children(obj: Any) -> Iterator[Tuple[str, Any]]:
    """The resource attributes of a client or resource (``resource``/``subresource``)."""
    for name in sorted(dir(type(obj))):
        if name.startswith("_") or name.startswith("with_"):
            continue
        static = inspect.getattr_static(type(obj), name)
        if isinstance(static, (resource, subresource)):
            value = getattr(obj, name)
            if isinstance(value, APIResource):
                yield name, value


def _methods(res: APIResource) -> Iterator[Tuple[str, Callable[..., Any]]]:
    for name in sorted(dir(type(res))):
        if name.startswith("_") or name.startswith("with_"):
            continue
        static = inspect.getattr_static(type(res), name)
        if isinstance(static, types.FunctionType) and not hasattr(APIResource, name):
            yield name, getattr(res, name)


def walk(client: Any) -> List[Served]:
    """Every method of the client's resource tree, breadth first."""
    out: List[Served] = []
    queue: deque[Tuple[str, Any]] = deque(_children(client))
    seen: Set[int] = set()
    while queue:
        dotted, res = queue.popleft()
        if id(res) in seen:
            continue
        seen.add(id(res))
        for name, bound in _methods(res):
            fn = getattr(bound, "__func__", bound)
            out.append(Served(f"{dotted}.{name}", bound, endpoints_of(fn)))
        queue.extend((f"{dotted}.{name}", child) for name, child in _children(res))
    return out


def index(client: Any) -> Dict[Route, Served]:
    """The method serving each route: the first one-route method, else ``EXPLICIT``."""
    served: Dict[Route, Served] = {}
    by_name: Dict[str, Served] = {}
    for method in walk(client):
        by_name[method.dotted] = method
        if len(method.routes) == 1 and not method.hand_built:
            served.setdefault(next(iter(method.routes)), method)
    for key, (dotted, _reason) in EXPLICIT.items():
        if key not in served and dotted in by_name:
            served[key] = by_name[dotted]
    return served
