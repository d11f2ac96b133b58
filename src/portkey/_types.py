"""Small shared types: the "not given" sentinel and the description of one API call."""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Generic, List, Mapping, Optional, Type, TypeVar, Union

import httpx
from typing_extensions import Literal, TypedDict, final

__all__ = ["NOT_GIVEN", "Call", "NotGiven", "RequestOptions", "Timeout", "next_call"]

T = TypeVar("T")

Timeout = Union[float, httpx.Timeout, None]


@final
class NotGiven:
    """Marks an argument the caller did not pass (distinct from an explicit None)."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

# The per-call options every method takes, popped from its keyword arguments.
CALL_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries")


class RequestOptions(TypedDict, total=False):
    """The per-call options every method takes (the base of every method's parameters)."""

    extra_headers: Mapping[str, Optional[str]]
    extra_query: Mapping[str, Any]
    extra_body: Mapping[str, Any]
    timeout: Timeout
    max_retries: int


class Call(Generic[T]):
    """One API call, described once and served by both clients.

    ``cast`` is the response type; ``stream`` is set when the response is an event stream of
    ``cast`` items. ``body`` holds the method's named parameters (or, for a method whose body is
    a JSON array, the list itself), ``params`` the keyword parameters passed through as they
    are. ``postprocess`` adjusts the typed result (say, decoding base64 embeddings).
    """

    __slots__ = (
        "body",
        "cast",
        "extra_headers",
        "files",
        "max_retries",
        "method",
        "on_progress",
        "page",
        "path",
        "postprocess",
        "query",
        "stream",
        "timeout",
    )

    def __init__(
        self,
        method: str,
        path: str,
        cast: Type[T],
        *,
        body: Union[Dict[str, Any], List[Any], bytes, None] = None,
        params: Optional[Dict[str, Any]] = None,
        query: Optional[Mapping[str, Any]] = None,
        stream: bool = False,
        options: Optional[Dict[str, Any]] = None,
        postprocess: Any = None,
        page: Any = None,
        files: Optional[List[Any]] = None,
        on_progress: Any = None,
    ) -> None:
        self.method = method
        self.path = path
        self.cast = cast
        self.stream = stream
        self.postprocess = postprocess
        self.page = page  # (item type, list style) of a list call: see _pagination
        self.files = files  # the file parts of an upload (see _multipart): a multipart body
        self.on_progress = on_progress
        opts = options or {}
        extra_body = opts.get("extra_body")
        if extra_body is not None and not isinstance(extra_body, Mapping):
            raise TypeError(f"extra_body must be a mapping, not {type(extra_body).__name__}")
        if extra_body or params:
            if isinstance(body, (list, bytes)):
                raise TypeError("extra_body and extra parameters need a JSON object body")
            # As the official SDK: extra_body overrides the named parameters, and the
            # pass-through keyword parameters override extra_body.
            body = {**(body or {}), **(extra_body or {}), **(params or {})}
        if method == "GET":
            # As openai-python: a GET carries no body, so extra_body and pass-through
            # parameters have nowhere to go and are dropped.
            body = None
        self.body: Union[Dict[str, Any], List[Any], bytes, None] = body
        extra_query = opts.get("extra_query")
        if extra_query:
            query = {**(query or {}), **extra_query}
        self.query = query
        extra_headers = opts.get("extra_headers")
        if body is None:
            # No body, no Content-Type (None removes the client's; the caller's still wins).
            extra_headers = {"Content-Type": None, **(extra_headers or {})}
        self.extra_headers: Optional[Mapping[str, Optional[str]]] = extra_headers
        self.timeout: Union[Timeout, NotGiven] = opts.get("timeout", NOT_GIVEN)
        max_retries = opts.get("max_retries", NOT_GIVEN)
        if not isinstance(max_retries, NotGiven):
            max_retries = check_max_retries(max_retries)
        self.max_retries: Union[int, NotGiven] = max_retries


def next_call(call: Call[T], query: Mapping[str, Any]) -> Call[T]:
    """The same call with ``query`` merged into its query string (the next page of a list)."""
    new: Call[T] = Call.__new__(Call)
    for name in Call.__slots__:
        setattr(new, name, getattr(call, name))
    new.query = {**(call.query or {}), **query}
    return new


def split_options(params: Dict[str, Any]) -> Dict[str, Any]:
    """Pop the per-call options out of a method's keyword arguments."""
    return {name: params.pop(name) for name in CALL_OPTIONS if name in params}


def split_named(params: Dict[str, Any], named: FrozenSet[str]) -> Dict[str, Any]:
    """Pop the parameters a method names in its signature (in the official SDK) out of
    its keyword arguments; what stays in ``params`` passes through as it is."""
    return {name: params.pop(name) for name in list(params) if name in named}


def check_max_retries(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_retries must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"max_retries must be >= 0, not {value}")
    return value


def to_timeout(value: Timeout, fallback: httpx.Timeout) -> httpx.Timeout:
    """A timeout argument as an ``httpx.Timeout`` that is never unbounded: None (or a None
    part of an ``httpx.Timeout``) takes ``fallback``'s value; negative, NaN and infinite
    values are refused."""
    if isinstance(value, httpx.Timeout):
        timeout = value
    elif value is None:
        return fallback
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"timeout must be a number or httpx.Timeout, not {type(value).__name__}")
    else:
        timeout = httpx.Timeout(float(value))
    parts = []
    for part, default in (
        (timeout.connect, fallback.connect),
        (timeout.read, fallback.read),
        (timeout.write, fallback.write),
        (timeout.pool, fallback.pool),
    ):
        if part is None:
            part = default
        elif not 0 <= part < float("inf"):
            raise ValueError(f"timeout must be a finite number of seconds >= 0, not {part}")
        parts.append(part)
    if parts == [timeout.connect, timeout.read, timeout.write, timeout.pool]:
        return timeout
    return httpx.Timeout(connect=parts[0], read=parts[1], write=parts[2], pool=parts[3])
