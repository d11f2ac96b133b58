"""What every resource shares: the endpoint description, the resource base class, and
sub-resource attributes. See the package docstring for the recipe."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import (
    Any,
    Callable,
    Dict,
    FrozenSet,
    Generic,
    Iterable,
    Mapping,
    Optional,
    TypeVar,
    Union,
    overload,
)
from urllib.parse import quote

from .._types import CALL_OPTIONS, NOT_GIVEN, Call, NotGiven, split_options

__all__ = ["APIResource", "Endpoint", "path_segment", "subresource"]

T = TypeVar("T")
R = TypeVar("R")

# What openai-python's path_template leaves unescaped in a path segment: RFC 3986 pchar
# minus the unreserved characters quote() keeps anyway.
_SEGMENT_SAFE = "!$&'()*+,;=:@"
_DOT_SEGMENT = re.compile(r"^(?:\.|%2[eE]){1,2}$")
_PATH_PARAM = re.compile(r"{(\w+)}")


def path_segment(name: str, value: Any) -> str:
    """``value`` escaped as one path segment; empty values and dot-segments are refused
    (they would address another resource)."""
    if isinstance(value, NotGiven) or value is None or value == "":
        raise ValueError(f"Expected a non-empty value for `{name}` but received {value!r}")
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise TypeError(f"`{name}` must be a str, not {type(value).__name__}")
    segment = quote(str(value), safe=_SEGMENT_SAFE)
    if _DOT_SEGMENT.match(segment):
        raise ValueError(f"`{name}` cannot be {value!r}: it would be a dot-segment in the path")
    return segment


class Endpoint(Generic[T]):
    """One API route, described once at import and served by both clients.

    ``method`` and ``path`` (``{name}`` marks a path parameter, taken from the method's
    argument of that name); ``cast`` the response type (None: no result); ``stream`` the
    event type when the method takes ``stream=True``; ``params`` the TypedDict of the
    method's keyword parameters (its keys are the named parameters, its required keys are
    checked). Named parameters go into the JSON body, or into the query for a GET and for
    the names in ``query``; an explicit None is sent as null. Keywords the TypedDict does
    not name pass through to the body as they are and override ``extra_body``, as in the
    official SDK (so do the named ones listed in ``late``: the official SDK takes those as
    free keywords). ``defaults`` are sent when not given. ``body=False`` sends no body
    unless the caller adds fields. ``item`` is the item type of a list endpoint and
    ``page`` its list style (see ``_pagination``). ``strict`` refuses unknown keywords
    (for the methods where the official SDK refuses them too). ``files`` names the file
    parameters of an upload: the request is then a multipart form (see ``_multipart``), and
    the method may take ``on_progress``. ``streams`` makes the answer always a stream of
    ``cast`` items (``audio.speech.create(stream_format="sse")``). ``headers`` are sent
    with every call of the endpoint (``Accept: application/binary``), under the caller's.
    ``order`` is the order of the query's or form's fields, when not the ``params``'.

    For Portkey's own routes: ``wire`` renames named parameters on the wire (``{"page_size":
    "pageSize"}``: the official SDK's spelling); ``echo`` names path parameters also sent as
    named ones (the official's ``configs.update`` puts ``slug`` in the body too); ``flat``
    writes the query as those routes read it: a list as comma-separated text, an object as
    JSON text (not ``a[]=``/``a[k]=``), and on a GET the free keywords go into the query
    after the named ones (the official's Portkey routes send them so; a GET has no body).
    """

    __slots__ = (
        "body",
        "cast",
        "defaults",
        "echo",
        "files",
        "flat",
        "headers",
        "item",
        "late",
        "method",
        "named",
        "order",
        "page",
        "path",
        "path_params",
        "postprocess",
        "query",
        "required",
        "stream",
        "streams",
        "strict",
        "wire",
    )

    def __init__(
        self,
        method: str,
        path: str,
        cast: Any,
        *,
        params: Any = None,
        stream: Any = None,
        query: Iterable[str] = (),
        late: Iterable[str] = (),
        defaults: Optional[Dict[str, Any]] = None,
        body: Optional[bool] = None,
        item: Any = None,
        page: str = "cursor",
        postprocess: Optional[Callable[[Any], Any]] = None,
        strict: bool = False,
        files: Iterable[str] = (),
        streams: bool = False,
        headers: Optional[Dict[str, str]] = None,
        order: Optional[Iterable[str]] = None,
        wire: Optional[Dict[str, str]] = None,
        echo: Iterable[str] = (),
        flat: bool = False,
    ) -> None:
        self.method = method
        self.path = path
        self.path_params = tuple(_PATH_PARAM.findall(path))
        self.cast = cast
        self.stream = stream
        self.query: FrozenSet[str] = frozenset(query)
        self.late: FrozenSet[str] = frozenset(late)
        names = getattr(params, "__annotations__", {})
        self.named: FrozenSet[str] = frozenset(names).difference(CALL_OPTIONS, self.late)
        # The query (and a form's fields) in the order the parameters are declared, which is
        # the official's, unless given.
        self.order = tuple(order) if order else tuple(n for n in names if n in self.named)
        self.required: FrozenSet[str] = frozenset(getattr(params, "__required_keys__", ()))
        self.defaults = defaults or {}
        self.body = method in ("POST", "PUT", "PATCH") if body is None else body
        self.item = item
        self.page = page
        self.postprocess = postprocess
        self.strict = strict
        self.files = tuple(files)
        self.streams = streams
        if headers is None and cast is None:
            headers = {"Accept": "*/*"}  # no result to parse: as openai-python
        self.headers = headers
        self.wire = wire or {}
        self.echo = frozenset(echo)
        self.flat = flat

    def call(self, args: Dict[str, Any]) -> Call[T]:
        """The ``Call`` for one invocation. ``args`` is the method's ``locals()``: ``self``,
        the path parameters, ``stream``, any other explicit parameter (sent as named), and
        the keyword parameters as ``params``."""
        params: Dict[str, Any] = args.pop("params")
        del args["self"]
        options = split_options(params)
        path = self.path
        for name in self.path_params:
            value = args[name] if name in self.echo else args.pop(name)
            path = path.replace("{" + name + "}", path_segment(name, value), 1)
        stream: Any = args.pop("stream", NOT_GIVEN)
        on_progress = params.pop("on_progress", None) if self.files else None
        if self.required and not self.required.issubset(params):
            missing = sorted(self.required.difference(params))
            raise TypeError(f"missing required keyword argument(s): {', '.join(missing)}")
        body: Dict[str, Any] = {}
        query: Dict[str, Any] = {}
        late: Dict[str, Any] = {}
        in_query = self.method == "GET"
        named = self.named
        for name, value in (*self.defaults.items(), *args.items(), *params.items()):
            if isinstance(value, NotGiven):
                continue
            if name not in self.late and (name in named or name in args or name in self.defaults):
                if in_query or name in self.query:
                    query[name] = value
                else:
                    body[name] = value
            else:
                late[name] = value  # passes through, over extra_body
        if self.strict and not late.keys() <= self.late:
            unknown = ", ".join(sorted(late.keys() - self.late))
            raise TypeError(f"unexpected keyword argument(s): {unknown}")
        if in_query and late and self.flat:  # Portkey's GETs: free keywords in the query
            query.update(late)
            late = {}
        if len(query) > 1:
            query = {
                **{name: query[name] for name in self.order if name in query},
                **{name: value for name, value in query.items() if name not in self.named},
            }
        if self.wire:
            query = {self.wire.get(k, k): v for k, v in query.items()}
            body = {self.wire.get(k, k): v for k, v in body.items()}
        if self.flat and query:
            query = {k: _flat(v) for k, v in query.items()}
        if self.headers is not None:  # the endpoint's own headers; the caller's still win
            options["extra_headers"] = {**self.headers, **(options.get("extra_headers") or {})}
        files = None
        if self.files:  # file parameters become the parts of a multipart form
            from .._multipart import file_parts

            files = [
                part
                for name in self.files
                if name in body
                for part in file_parts(name, body.pop(name))
            ]
        cast = self.cast
        if not isinstance(stream, NotGiven) and self.stream is not None:
            (query if in_query or "stream" in self.query else body)["stream"] = stream
            if stream:
                cast = self.stream
        if files is not None and len(body) > 1:  # a form's fields, in the official's order
            body = {
                **{name: body[name] for name in self.order if name in body},
                **{name: value for name, value in body.items() if name not in self.order},
            }
        return Call(
            self.method,
            path,
            cast,
            body=body if (body or self.body) else None,
            params=late,
            query=query,
            stream=(bool(stream) and self.stream is not None) or self.streams,
            options=options,
            postprocess=self.postprocess,
            page=None if self.item is None else (self.item, self.page),
            files=files,
            on_progress=on_progress,
        )


def _flat(value: Any) -> Any:
    """A query value as Portkey's routes read it (``Endpoint(flat=True)``)."""
    if isinstance(value, (list, tuple)):
        return ",".join(v if isinstance(v, str) else _text(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, separators=(",", ":"), default=_iso)
    return value


def _iso(value: Any) -> str:
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else json.dumps(value)


class APIResource:
    """A group of endpoints. The same base serves the sync and the async client: ``_call``
    returns the result from ``Portkey`` and an awaitable from ``AsyncPortkey``."""

    def __init__(self, client: Any, *, raw: Union[bool, str] = False) -> None:
        self._client = client
        self._raw = raw

    def _call(self, endpoint: Endpoint[Any], args: Dict[str, Any]) -> Any:
        return self._client._request(endpoint.call(args), self._raw)

    def _list(self, endpoint: Endpoint[Any], args: Dict[str, Any]) -> Any:
        """A list endpoint: the first page (sync), or a paginator (async: await it for the
        first page, ``async for`` over it for every item)."""
        return self._client._paginate(endpoint.call(args), self._raw)

    def _send(self, call: Call[Any]) -> Any:
        """A call built by hand, for the few methods that need more than an ``Endpoint``."""
        return self._client._request(call, self._raw)

    @property
    def with_raw_response(self) -> Any:
        """The same methods, returning a ``RawResponse`` (``.headers``, ``.parse()``, ...)."""
        return type(self)(self._client, raw=True)

    @property
    def with_streaming_response(self) -> Any:
        """The same methods, each returning a context manager whose response is not read
        yet: ``with r.with_streaming_response.create(...) as response:`` then
        ``response.iter_bytes()``, ``response.stream_to_file(path)`` or ``response.parse()``
        (``async with`` and awaited methods on ``AsyncPortkey``)."""
        return _StreamingResponses(type(self)(self._client, raw="stream"))


class _StreamingResponses:
    """``resource.with_streaming_response``: its methods wrapped in context managers."""

    __slots__ = ("_resource",)

    def __init__(self, resource: APIResource) -> None:
        self._resource = resource

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._resource, name)
        if isinstance(value, APIResource):  # a nested area: client.audio.with_...speech
            return _StreamingResponses(value)
        if not callable(value) or name.startswith("_"):
            return value
        manager = self._resource._client._streamed_manager

        def method(*args: Any, **kwargs: Any) -> Any:
            return manager(lambda: value(*args, **kwargs))

        return method


class subresource(Generic[R]):
    """A nested resource attribute (``client.responses.input_items``), built on first
    access and kept on the instance (later lookups never reach the descriptor)."""

    def __init__(self, cls: Callable[..., R]) -> None:
        self.cls = cls
        self.attr = ""

    def __set_name__(self, owner: type, attr: str) -> None:
        self.attr = attr

    @overload
    def __get__(self, obj: None, owner: type) -> subresource[R]: ...
    @overload
    def __get__(self, obj: APIResource, owner: type) -> R: ...
    def __get__(self, obj: Optional[APIResource], owner: type) -> Any:
        if obj is None:
            return self
        value = self.cls(obj._client, raw=obj._raw)
        obj.__dict__[self.attr] = value
        return value
