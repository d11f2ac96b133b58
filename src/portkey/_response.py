"""From an HTTP response to a typed result, and raw response access."""

from __future__ import annotations

import json
from typing import Any, Callable, Dict, Generic, Type, TypeVar

import httpx

from ._convert import structure
from ._errors import APIResponseValidationError, decode_body
from ._models import BaseModel, set_headers

__all__ = ["RawResponse", "is_json", "load_json", "parse_json", "portkey_headers"]

T = TypeVar("T")


def portkey_headers(headers: httpx.Headers) -> Dict[str, str]:
    """The ``x-portkey-*`` response headers without their prefix (``{"trace-id": ...}``),
    as the official SDK's ``get_headers()`` returns them."""
    return {k[10:]: v for k, v in headers.items() if k.startswith("x-portkey-")}


def is_json(response: httpx.Response) -> bool:
    """Whether a response is one JSON document (``application/json``, ``...+json``)."""
    media: str = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def load_json(response: httpx.Response) -> Any:
    """The body as JSON; APIResponseValidationError (with the text) when it is not JSON."""
    content = response.content
    try:
        return json.loads(content)
    except (ValueError, RecursionError) as exc:
        raise APIResponseValidationError(
            f"The response body is not valid JSON ({exc})",
            response=response,
            body=decode_body(content),
        ) from None


def parse_json(response: httpx.Response, cast: Type[T]) -> T:
    """Structure a 2xx JSON body into ``cast``; anything else is APIResponseValidationError.
    An empty body is an empty result for a type that says it may be (``GenericResponse``:
    Portkey's delete and update routes answer 200 with no body)."""
    if getattr(cast, "empty_body_ok", False) and not response.content.strip():
        data: Any = {}
    else:
        data = load_json(response)
    if cast is object:
        return data  # type: ignore[no-any-return]
    try:
        result = structure(data, cast)
    except Exception as exc:
        raise APIResponseValidationError(
            f"The response body does not have the shape of {cast.__name__}: {exc}",
            response=response,
            body=data,
        ) from None
    if isinstance(result, BaseModel):
        set_headers(result, portkey_headers(response.headers))
    return result


class HTTPResponseParts:
    """What every response wrapper shows of its HTTP response (``RawResponse``, the binary
    and streamed responses): ``headers``, ``status_code``, ``url``, ``http_request``."""

    def __init__(self, response: httpx.Response) -> None:
        self.http_response = response

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def http_request(self) -> httpx.Request:
        return self.http_response.request

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    def get_headers(self) -> Dict[str, str]:
        """The response's ``x-portkey-*`` headers without the prefix (``{"trace-id": ...}``)."""
        return portkey_headers(self.http_response.headers)

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<{type(self).__name__} [{self.status_code}] {request.method} {request.url}>"


class RawResponse(HTTPResponseParts, Generic[T]):
    """The HTTP response of a call, before parsing: ``.headers``, ``.status_code``, ``.parse()``."""

    def __init__(self, response: httpx.Response, parse: Callable[[], T]) -> None:
        super().__init__(response)
        self._parse = parse

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def json(self) -> Any:
        """The body as JSON (``APIResponseValidationError`` when it is not JSON)."""
        return load_json(self.http_response)

    def parse(self) -> T:
        """The typed result, as the plain call would have returned it."""
        return self._parse()
