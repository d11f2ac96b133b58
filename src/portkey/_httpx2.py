"""Running on httpx2: a caller's ``httpx2.Client``/``AsyncClient`` (or one we build when asked
to) behind the two methods our clients use of an httpx client, ``send`` and ``close``.

Everything else stays on httpx's types: the request is built as an ``httpx.Request`` and
turned into an ``httpx2.Request`` at the boundary (same headers, body, timeout extension);
the answer comes back as an ``httpx.Response`` reading the httpx2 response's raw bytes (httpx
decodes them as usual); and every httpx2 exception becomes the httpx exception of the same
name, carrying our (redactable) request. So retries, error mapping, streams and redaction are
the same code on both libraries. Imported only when httpx2 is in use.

The caller's client is used as given (its auth, proxies, TLS, event hooks and redirects
apply) and never closed by us; a client we build is ours to close.
"""

from __future__ import annotations

from typing import Any, AsyncIterator, Dict, Iterator, Optional, Type

import httpx
import httpx2

__all__ = ["AsyncHttpx2Client", "Httpx2Client", "is_httpx2_client", "new_async_client"]

# What send() and reading a body may raise in httpx2 (HTTPError covers the transport errors).
_ERRORS = (httpx2.HTTPError, httpx2.InvalidURL, httpx2.StreamError)
_URL_CACHE_SIZE = 256  # URLs without a query, per client (paths with ids are endless)


def is_httpx2_client(client: Any) -> bool:
    """Whether ``client`` is an httpx2 client (without importing httpx2 when it is not)."""
    return type(client).__module__.partition(".")[0] == "httpx2"


def ours(exc: BaseException, request: Optional[httpx.Request]) -> Exception:
    """The httpx exception matching an httpx2 one (same class name, or its nearest base)."""
    for cls in type(exc).__mro__:
        mapped = getattr(httpx, cls.__name__, None) if cls.__module__.startswith("httpx2") else None
        if isinstance(mapped, type) and issubclass(mapped, Exception):
            break
    else:
        mapped = httpx.HTTPError
    message = str(exc)
    if issubclass(mapped, httpx.RequestError):
        return mapped(message, request=request)
    if issubclass(mapped, httpx.HTTPStatusError):  # not raised by send(); kept generic
        return httpx.HTTPError(message)
    try:
        return mapped(message)
    except TypeError:  # pragma: no cover - an exception class with another signature
        return httpx.HTTPError(message)


class _SyncBody(httpx2.SyncByteStream):
    """Our request body (bytes or a stream such as a multipart form), read by httpx2."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream


class _AsyncBody(httpx2.AsyncByteStream):
    def __init__(self, stream: Any) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk


def _their_request(
    request: httpx.Request, body: Type[Any], urls: Dict[str, httpx2.URL]
) -> httpx2.Request:
    stream: Any
    if isinstance(request.stream, httpx.ByteStream):
        stream = httpx2.ByteStream(request.content)
    else:
        stream = body(request.stream)
    # Parsing a URL costs ~13 us, most of this conversion: once per URL (our own clients keep
    # one httpx.URL per path for the same reason). httpx2 URLs are immutable.
    text = str(request.url)
    url = urls.get(text)
    if url is None:
        url = httpx2.URL(text)
        if not request.url.query:
            if len(urls) >= _URL_CACHE_SIZE:
                urls.clear()
            urls[text] = url
    return httpx2.Request(
        request.method,
        url,
        headers=request.headers.raw,
        stream=stream,
        extensions=dict(request.extensions),
    )


def _our_response(theirs: httpx2.Response, request: httpx.Request, stream: Any) -> httpx.Response:
    headers = theirs.headers.raw
    if theirs.is_stream_consumed:
        # Read already (a mock transport, or an event hook that read it): its bytes are
        # decoded, so they are our body as they are, without a Content-Encoding to undo.
        headers = [(k, v) for k, v in headers if k.lower() != b"content-encoding"]
        stream = httpx.ByteStream(theirs.content)
    return httpx.Response(
        theirs.status_code,
        headers=headers,
        stream=stream,
        request=request,
        extensions=dict(theirs.extensions),
    )


class _SyncAnswer(httpx.SyncByteStream):
    """The raw bytes of an httpx2 response, with httpx2's errors turned into httpx's."""

    def __init__(self, theirs: httpx2.Response, request: httpx.Request) -> None:
        self._theirs = theirs
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._theirs.iter_raw()
        except _ERRORS as exc:
            raise ours(exc, self._request) from exc

    def close(self) -> None:
        try:
            self._theirs.close()
        except _ERRORS as exc:
            raise ours(exc, self._request) from exc


class _AsyncAnswer(httpx.AsyncByteStream):
    def __init__(self, theirs: httpx2.Response, request: httpx.Request) -> None:
        self._theirs = theirs
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._theirs.aiter_raw():
                yield chunk
        except _ERRORS as exc:
            raise ours(exc, self._request) from exc

    async def aclose(self) -> None:
        try:
            await self._theirs.aclose()
        except _ERRORS as exc:
            raise ours(exc, self._request) from exc


class Httpx2Client:
    """An ``httpx2.Client`` seen through the httpx client methods our ``Portkey`` uses."""

    __slots__ = ("_client", "_owned", "_urls")

    def __init__(self, client: httpx2.Client, *, owned: bool = False) -> None:
        self._client = client
        self._owned = owned
        self._urls: Dict[str, httpx2.URL] = {}

    @property
    def headers(self) -> httpx2.Headers:
        return self._client.headers

    def send(self, request: httpx.Request, *, stream: bool = False) -> httpx.Response:
        try:
            theirs = self._client.send(_their_request(request, _SyncBody, self._urls), stream=True)
        except _ERRORS as exc:
            raise ours(exc, request) from exc
        response = _our_response(theirs, request, _SyncAnswer(theirs, request))
        if not stream:
            try:
                response.read()
            finally:
                response.close()
        return response

    def close(self) -> None:
        if self._owned:
            self._client.close()


class AsyncHttpx2Client:
    """An ``httpx2.AsyncClient`` seen through the httpx client methods ``AsyncPortkey`` uses."""

    __slots__ = ("_client", "_owned", "_urls")

    def __init__(self, client: httpx2.AsyncClient, *, owned: bool = False) -> None:
        self._client = client
        self._owned = owned
        self._urls: Dict[str, httpx2.URL] = {}

    @property
    def headers(self) -> httpx2.Headers:
        return self._client.headers

    async def send(self, request: httpx.Request, *, stream: bool = False) -> httpx.Response:
        try:
            theirs = await self._client.send(
                _their_request(request, _AsyncBody, self._urls), stream=True
            )
        except _ERRORS as exc:
            raise ours(exc, request) from exc
        response = _our_response(theirs, request, _AsyncAnswer(theirs, request))
        if not stream:
            try:
                await response.aread()
            finally:
                await response.aclose()
        return response

    async def aclose(self) -> None:
        if self._owned:
            await self._client.aclose()


def _settings(timeout: httpx.Timeout) -> Dict[str, Any]:
    from ._settings import DEFAULT_LIMITS, shared_ssl_context

    limits = DEFAULT_LIMITS
    return {
        "timeout": httpx2.Timeout(**timeout.as_dict()),
        "limits": httpx2.Limits(
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
        ),
        "verify": shared_ssl_context(),
    }


def new_sync_client(timeout: httpx.Timeout) -> Httpx2Client:
    """The httpx2 client of a ``Portkey`` asked to use httpx2 (ours: closed with it)."""
    return Httpx2Client(httpx2.Client(**_settings(timeout)), owned=True)


def new_async_client(timeout: httpx.Timeout) -> AsyncHttpx2Client:
    """The httpx2 client of an ``AsyncPortkey`` asked to use httpx2 (ours: closed with it)."""
    return AsyncHttpx2Client(httpx2.AsyncClient(**_settings(timeout)), owned=True)
