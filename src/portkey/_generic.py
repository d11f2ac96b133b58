"""Generic calls, for routes without a typed method (``/rerank``, ``/messages``, a provider's
own route), as the official SDK has them on its clients::

    client.post("/rerank", model="rerank-v3.5", query="...", documents=[...])
    client.post("/messages", stream=True, model=..., max_tokens=..., messages=[...])
    client.get(path="/configs/pc-x"), client.put(path=..., body={...}), client.delete(path=...)

The result is a :class:`GenericResponse`: every field of the JSON by attribute or by key
(``resp.results``, ``resp["results"]``); ``stream=True`` gives a ``Stream`` (``AsyncStream``)
of them. ``cast_to=`` a response type (a ``portkey`` model class) structures the JSON into it;
any other class is called with the JSON object's fields as keywords, as in the official SDK.
Each call is a ``Call`` sent through the client's ``_request``: errors, retries, timeouts,
the per-call options (``extra_headers``, ``extra_query``, ``extra_body``, ``timeout``,
``max_retries``) and streams behave as for the typed methods.

Where we differ from the official SDK, on purpose: ``stream=True`` also sends
``"stream": true`` in the body (the official sends nothing, so no server streams back);
``cast_to`` and the per-call options of ``post`` are not sent in the body; empty strings in the
body are sent (the official drops them, at any depth); ``delete`` sends no body (the official
sends ``{}``); without ``cast_to`` ``get``/``put``/``delete`` return a ``GenericResponse``
(the official returns the bare ``httpx.Response``); a full URL is accepted only under the
client's own ``base_url`` (the client's headers carry its API key); ``files=`` (multipart) is
not supported yet.
"""

from __future__ import annotations

from typing import Any, Callable, ClassVar, Dict, List, Mapping, Optional, Tuple, Union

import attrs
import httpx

from ._models import BaseModel
from ._types import CALL_OPTIONS, NOT_GIVEN, Call, split_options

__all__ = ["GenericResponse", "delete", "get", "post", "put"]


@attrs.define(eq=False, repr=False)
class GenericResponse(BaseModel):
    """The answer of a generic call: its fields are the JSON's, by attribute or by key.

    ``success``, ``data`` and ``warning`` are declared (Portkey's own envelope), as in the
    official SDK; anything else the JSON carries is kept as an unknown field, and shown by
    ``repr`` too (it is most of what a generic answer holds).
    """

    success: Optional[bool] = None
    data: Optional[Any] = None
    warning: Optional[str] = None

    # An empty 2xx body is an empty GenericResponse (see _response.parse_json).
    empty_body_ok: ClassVar[bool] = True

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self)
        return f"{type(self).__name__}({fields})"


def _path(url: Any, base_url: str) -> str:
    """The path to append to the client's base URL."""
    if not isinstance(url, str):
        raise TypeError(f"the url/path must be a str, not {type(url).__name__}")
    if not url.strip():
        raise ValueError("the url/path must not be empty")
    if "://" in url.split("?", 1)[0]:
        if url.startswith(base_url + "/"):
            return url[len(base_url) :]
        # The client's headers (its API key, provider credentials) must not go to another host.
        raise ValueError(
            f"a generic call takes a path on the client's base_url ({base_url}), such as "
            f"'/rerank'; got a URL elsewhere"
        )
    return url if url.startswith("/") else "/" + url


def _result(cast_to: Any, stream: bool) -> Tuple[Any, Optional[Callable[[Any], Any]]]:
    """The Call's response type and, for a class that is not one of ours, its postprocess."""
    if cast_to is None:
        return GenericResponse, None
    if isinstance(cast_to, type) and issubclass(cast_to, BaseModel) and attrs.has(cast_to):
        return cast_to, None
    if stream:
        raise TypeError("with stream=True, cast_to must be a portkey response type (or None)")
    if not callable(cast_to):
        raise TypeError(f"cast_to must be a class, not {type(cast_to).__name__}")

    def build(data: Any) -> Any:
        if not isinstance(data, dict):
            raise TypeError(f"expected a JSON object for {cast_to!r}, got {type(data).__name__}")
        return cast_to(**data)  # as the official SDK builds it

    return object, build


def _options(headers: Optional[Mapping[str, Any]], options: Dict[str, Any]) -> Dict[str, Any]:
    """The per-call options, with ``headers=`` (the official's name) under extra_headers."""
    if headers is not None and not isinstance(headers, Mapping):
        raise TypeError(f"headers must be a mapping, not {type(headers).__name__}")
    if headers:
        options["extra_headers"] = {**headers, **(options.get("extra_headers") or {})}
    return options


def _only_options(method: str, options: Dict[str, Any]) -> Dict[str, Any]:
    unknown = sorted(set(options) - set(CALL_OPTIONS))
    if unknown:
        raise TypeError(f"{method}() got unexpected keyword arguments: {unknown}")
    return options


def _send(client: Any, build: Callable[[], Call[Any]]) -> Any:
    """Build the call and send it. On the async client this returns a coroutine, in which
    building happens too, so that a bad argument raises where the await is, as in the typed
    methods."""
    if client._http_client_type is httpx.AsyncClient:

        async def send() -> Any:
            return await client._request(build())

        return send()
    return client._request(build())


def post(client: Any, url: str, stream: bool, params: Dict[str, Any]) -> Any:
    """``client.post(url, stream=False, **body)``: the keywords are the JSON body, except
    ``headers``, ``cast_to`` and the per-call options."""

    def build() -> Call[Any]:
        if params.pop("files", None) is not None:
            raise NotImplementedError("post(files=...) (a multipart upload) is not supported yet")
        headers = params.pop("headers", None)
        cast, postprocess = _result(params.pop("cast_to", None), bool(stream))
        options = _options(headers, split_options(params))
        body = {k: v for k, v in params.items() if v is not NOT_GIVEN}
        if stream:
            body["stream"] = True
        path = _path(url, client.base_url)
        return Call(
            "POST",
            path,
            cast,
            body=body,
            stream=bool(stream),
            options=options,
            postprocess=postprocess,
        )

    return _send(client, build)


def get(client: Any, path: str, headers: Any, cast_to: Any, options: Dict[str, Any]) -> Any:
    """``client.get(path=..., headers=..., cast_to=...)``."""
    return _bodiless(client, "GET", path, headers, cast_to, options)


def delete(client: Any, path: str, headers: Any, cast_to: Any, options: Dict[str, Any]) -> Any:
    """``client.delete(path=..., headers=..., cast_to=...)``: no body."""
    return _bodiless(client, "DELETE", path, headers, cast_to, options)


def _bodiless(
    client: Any, method: str, path: str, headers: Any, cast_to: Any, options: Dict[str, Any]
) -> Any:
    def build() -> Call[Any]:
        opts = _options(headers, _only_options(method.lower(), options))
        cast, postprocess = _result(cast_to, False)
        target = _path(path, client.base_url)
        return Call(method, target, cast, options=opts, postprocess=postprocess)

    return _send(client, build)


def put(
    client: Any,
    path: str,
    body: Union[Mapping[str, Any], List[Any], None],
    headers: Any,
    cast_to: Any,
    options: Dict[str, Any],
) -> Any:
    """``client.put(path=..., body={...}, headers=..., cast_to=...)``: ``{}`` when no body."""

    def build() -> Call[Any]:
        if body is None:
            payload: Union[Dict[str, Any], List[Any]] = {}
        elif isinstance(body, Mapping):
            payload = dict(body)
        elif isinstance(body, list):
            payload = body
        else:
            raise TypeError(f"body must be a dict (or a list), not {type(body).__name__}")
        opts = _options(headers, _only_options("put", options))
        cast, postprocess = _result(cast_to, False)
        target = _path(path, client.base_url)
        return Call("PUT", target, cast, body=payload, options=opts, postprocess=postprocess)

    return _send(client, build)
