"""``BaseClient``: everything the two clients share that does no I/O: options, headers, URL
and request assembly, the retry decisions, turning a response into a typed result or a page.
``Portkey`` and ``AsyncPortkey`` (``_client.py``) add only the I/O."""

from __future__ import annotations

import logging
import os
import platform
import time
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Generic,
    Mapping,
    Optional,
    Sequence,
    Type,
    TypeVar,
    Union,
)

import httpx
from typing_extensions import Literal, Self

from . import _retry
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    WaitTimeoutError,
    status_error,
)
from ._headers import HEADER_OPTIONS, check_config, check_header, option_headers
from ._json import encode_json
from ._pool import Pool
from ._query import query_items
from ._redact import redact_mapping
from ._response import RawResponse, is_json, load_json, parse_json, portkey_headers
from ._types import Call, NotGiven, Timeout, check_max_retries, to_timeout
from ._version import __version__

if TYPE_CHECKING:  # httpx2 is imported only when a caller uses it
    import httpx2

    from ._config import Config
    from .instrumentation import Tracing
    from .instrumentation._spans import ClientTracer

    Httpx2Client = Union[httpx2.Client, httpx2.AsyncClient]

__all__ = ["DEFAULT_TIMEOUT", "PORTKEY_BASE_URL", "BaseClient"]

log = logging.getLogger("portkey")

PORTKEY_BASE_URL = "https://api.portkey.ai/v1"
LOCAL_BASE_URL = "http://localhost:8787/v1"
DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
USER_AGENT = f"portkey-python/{__version__}"
_URL_CACHE_SIZE = 64  # parsed URLs kept per client: the fixed routes, not every id
# Sent on every request, as the official SDK does (the gateway's analytics read them).
_RUNTIME_HEADERS = {
    "x-portkey-package-version": f"portkey-python-{__version__}",
    "x-portkey-runtime": platform.python_implementation(),
    "x-portkey-runtime-version": platform.python_version(),
}

# Exceptions httpx raises out of send() and reads; mapped to ours, never shown to the caller.
_HTTPX_ERRORS = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)

H = TypeVar("H", httpx.Client, httpx.AsyncClient)


Raw = Union[bool, str]  # how a call answers: typed (False), RawResponse (True), or "stream"

_NOT_RESENT = (
    "The request was not retried: its body streams from a file object that cannot seek back "
    "to its start (pass a path, bytes or a seekable file to allow retries)."
)


def _resendable(request: httpx.Request) -> bool:
    """Whether the request's body can be sent again from its start (an upload from a
    non-seekable stream cannot, once it has begun)."""
    stream = request.stream
    return getattr(stream, "replayable", True) or not getattr(stream, "started", False)


def _check_decoded(response: httpx.Response, undecodable: Optional[str]) -> None:
    """A body its Content-Encoding cannot decode (corrupt gzip, say) is the server's fault,
    not the connection's: APIResponseValidationError, raised outside the ``except`` block
    (the httpx exception holds the request with its secret headers)."""
    if undecodable is not None:
        raise APIResponseValidationError(
            f"The response body could not be decoded ({undecodable})", response=response, body=None
        )


class BaseClient(Generic[H]):
    """Options, headers and request assembly shared by ``Portkey`` and ``AsyncPortkey``."""

    _pool: Pool[H]
    _http_client_type: Type[H]

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        virtual_key: Optional[str] = None,
        config: Union[str, Mapping[str, Any], Config, None] = None,
        provider: Optional[str] = None,
        Authorization: Optional[str] = None,
        custom_host: Optional[str] = None,
        forward_headers: Optional[Sequence[str]] = None,
        trace_id: Optional[str] = None,
        metadata: Union[Mapping[str, Any], str, None] = None,
        cache_namespace: Optional[str] = None,
        cache_force_refresh: Optional[bool] = None,
        debug: Optional[bool] = None,
        request_timeout: Optional[int] = None,
        strict_open_ai_compliance: Optional[bool] = False,
        openai_project: Optional[str] = None,
        openai_organization: Optional[str] = None,
        aws_secret_access_key: Optional[str] = None,
        aws_access_key_id: Optional[str] = None,
        aws_session_token: Optional[str] = None,
        aws_region: Optional[str] = None,
        aws_s3_bucket: Optional[str] = None,
        aws_s3_object_key: Optional[str] = None,
        aws_bedrock_model: Optional[str] = None,
        vertex_project_id: Optional[str] = None,
        vertex_region: Optional[str] = None,
        vertex_storage_bucket_name: Optional[str] = None,
        workers_ai_account_id: Optional[str] = None,
        azure_resource_name: Optional[str] = None,
        azure_deployment_id: Optional[str] = None,
        azure_api_version: Optional[str] = None,
        azure_endpoint_name: Optional[str] = None,
        azure_model_name: Optional[str] = None,
        huggingface_base_url: Optional[str] = None,
        fireworks_account_id: Optional[str] = None,
        anthropic_beta: Optional[str] = None,
        anthropic_version: Optional[str] = None,
        mistral_fim_completion: Optional[str] = None,
        provider_file_name: Optional[str] = None,
        provider_model: Optional[str] = None,
        span_id: Optional[str] = None,
        parent_span_id: Optional[str] = None,
        span_name: Optional[str] = None,
        http_client: Union[H, Httpx2Client, None] = None,
        http_backend: Optional[Literal["httpx", "httpx2"]] = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        deadline: Optional[float] = None,
        calculate_audio_duration: bool = True,
        instrumentation: Union[bool, Tracing, None] = None,
        validate_config: bool = True,
        **kwargs: Any,
    ) -> None:
        """Build a client. Every Portkey option becomes an ``x-portkey-*`` header.

        ``timeout`` bounds each attempt (default 600 s, 5 s to connect); ``max_retries``
        (default 2) retries connection errors, timeouts, 408, 409, 429 and 5xx, but never a
        response the gateway already retried (``x-portkey-retry-attempt-count`` not 0);
        ``deadline`` bounds all attempts of one call together, in seconds.
        ``calculate_audio_duration`` (default True): transcriptions and translations of a file
        on disk send its duration as ``x-portkey-audio-file-duration``, as the official SDK.
        ``instrumentation`` (never a header): True sends OpenTelemetry spans to Portkey as the
        official SDK, a ``portkey.instrumentation.Tracing`` only traces this client's calls.
        ``config``: a saved config id, a dict or a ``portkey.Config``; a dict is checked against
        the gateway's rules once, here (``ConfigError``), unless ``validate_config=False``.
        """
        given = locals()
        if not api_key:  # None or "": as the official SDK, fall back to the environment
            api_key = os.environ.get("PORTKEY_API_KEY") or None
        if base_url is None:
            # PORTKEY_PROXY is what the official SDK reads (it ignores PORTKEY_BASE_URL by a bug).
            base_url = (
                os.environ.get("PORTKEY_BASE_URL")
                or os.environ.get("PORTKEY_PROXY")
                or (PORTKEY_BASE_URL if api_key else LOCAL_BASE_URL)
            )
        elif not api_key and str(base_url).rstrip("/") == PORTKEY_BASE_URL:
            raise ValueError(
                "Portkey API key not found: pass api_key=... or set PORTKEY_API_KEY "
                "(the hosted gateway at api.portkey.ai needs one; a self-hosted gateway does not)."
            )
        # with_options passes _config_checked when its config is the one this client checked
        check_config(config, validate_config and not kwargs.pop("_config_checked", False))
        if metadata is not None and not isinstance(metadata, (str, Mapping)):
            raise TypeError(f"metadata must be a dict, not {type(metadata).__name__}")
        if deadline is not None and not deadline > 0:
            raise ValueError(f"deadline must be > 0 seconds, not {deadline}")

        options: Dict[str, Any] = {name: given[name] for name in HEADER_OPTIONS}
        options["api_key"] = api_key
        options["Authorization"] = Authorization
        if instrumentation is not None:
            options["instrumentation"] = instrumentation
        options.update(kwargs)
        # A setting of the client, never a header: the default secret of ``webhooks`` (from
        # OPENAI_WEBHOOK_SECRET when not given, read here as openai-python reads it).
        self.webhook_secret: Optional[str] = options.pop("webhook_secret", None) or (
            os.environ.get("OPENAI_WEBHOOK_SECRET") or None
        )
        # A setting of the client, never a header.
        self.calculate_audio_duration = bool(calculate_audio_duration)
        self.validate_config = bool(validate_config)  # a setting, never a header
        self._options = options
        self.base_url = str(base_url).rstrip("/")
        self.timeout = to_timeout(timeout, DEFAULT_TIMEOUT)
        self.max_retries = check_max_retries(max_retries)
        self.deadline = deadline
        self.default_headers = dict(default_headers or {})
        backend = http_backend or os.environ.get("PORTKEY_HTTP_BACKEND") or "httpx"
        if backend not in ("httpx", "httpx2"):
            raise ValueError(f"http_backend must be 'httpx' or 'httpx2', not {backend!r}")
        # A setting of the client, never a header: the library of the clients we build.
        self.http_backend: str = backend
        self._http_client: Any = http_client
        pooled: Any = http_client
        if http_client is not None and not isinstance(http_client, self._http_client_type):
            pooled = self._foreign_client(http_client)
        self._retry_policy = _retry.RetryPolicy(self.max_retries, deadline)
        self._timeout_ext = self.timeout.as_dict()

        # Built once per client. httpx.Headers merges case-insensitively, and httpx copies a
        # Headers object's list per request instead of re-normalising a dict.
        # A caller's httpx client keeps its own extra headers, but not its generic
        # defaults (Accept: */*, python-httpx User-Agent): ours replace those.
        headers = httpx.Headers(
            list(http_client.headers.multi_items()) if http_client is not None else None
        )
        headers.update(
            {
                "Accept": "application/json",
                "Accept-Encoding": "gzip, deflate",
                "Connection": "keep-alive",
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                **_RUNTIME_HEADERS,
            }
        )
        for name, value in (*option_headers(options).items(), *self.default_headers.items()):
            check_header(name, value)
            headers[name] = value
        self._headers = headers
        self._pool = Pool(self._new_http_client, pooled)
        self._urls: Dict[str, httpx.URL] = {}
        # Spans of the calls (portkey.instrumentation): when None, a call costs one check.
        self._tracing: Optional[ClientTracer] = None
        if instrumentation:
            from .instrumentation._setup import client_tracer

            self._tracing = client_tracer(self, instrumentation)

    # Options -----------------------------------------------------------------------------

    @property
    def api_key(self) -> Optional[str]:
        return self._options.get("api_key")

    @property
    def virtual_key(self) -> Optional[str]:
        return self._options.get("virtual_key")

    @property
    def config(self) -> Union[str, Mapping[str, Any], Config, None]:
        return self._options.get("config")

    @property
    def provider(self) -> Optional[str]:
        return self._options.get("provider")

    @property
    def custom_headers(self) -> Dict[str, str]:
        """The headers this client's options produce (secrets included: do not log)."""
        return option_headers(self._options)

    def with_options(self, **overrides: Any) -> Self:
        """A new client with ``overrides`` applied, sharing this client's connection pool.

        Any option may be overridden, also back to None, False or {}.
        """
        settings: Dict[str, Any] = {
            "base_url": self.base_url,
            "timeout": self.timeout,
            "max_retries": self.max_retries,
            "default_headers": self.default_headers,
            "http_client": self._http_client,
            "http_backend": self.http_backend,
            "deadline": self.deadline,
            "webhook_secret": self.webhook_secret,
            "calculate_audio_duration": self.calculate_audio_duration,
            "validate_config": self.validate_config,
            # the same config this client checked: not checked again
            "_config_checked": self.validate_config and "config" not in overrides,
        }
        merged = {**self._options, **settings, **overrides}
        client = type(self)(**merged)
        if "http_client" not in overrides:
            client._pool = self._pool
        return client

    copy = with_options

    # Generic calls, for routes without a typed method (see _generic.py): one body serves both
    # clients; on AsyncPortkey each returns an awaitable.

    def post(self, url: str, *, stream: bool = False, **params: Any) -> Any:
        """POST to ``url`` (a path such as ``"/rerank"``) with the keywords as the JSON body:
        a ``GenericResponse``, or with ``stream=True`` a stream of them. Takes ``headers=``,
        ``cast_to=`` and the per-call options too."""
        from . import _generic

        return _generic.post(self, url, stream, params)

    def get(
        self,
        *,
        path: str,
        headers: Optional[Mapping[str, str]] = None,
        cast_to: Any = None,
        **options: Any,
    ) -> Any:
        """GET ``path``: a ``GenericResponse`` (or a ``cast_to``)."""
        from . import _generic

        return _generic.get(self, path, headers, cast_to, options)

    def put(
        self,
        *,
        path: str,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        cast_to: Any = None,
        **options: Any,
    ) -> Any:
        """PUT ``body`` (``{}`` when not given) to ``path``: a ``GenericResponse``."""
        from . import _generic

        return _generic.put(self, path, body, headers, cast_to, options)

    def delete(
        self,
        *,
        path: str,
        headers: Optional[Mapping[str, str]] = None,
        cast_to: Any = None,
        **options: Any,
    ) -> Any:
        """DELETE ``path``: a ``GenericResponse`` (or a ``cast_to``)."""
        from . import _generic

        return _generic.delete(self, path, headers, cast_to, options)

    def __repr__(self) -> str:
        set_options = sorted(k for k, v in self._options.items() if v not in (None, ""))
        return f"{type(self).__name__}(base_url={self.base_url!r}, options={set_options})"

    # Requests (no I/O) -------------------------------------------------------------------

    def _new_http_client(self) -> H:
        raise NotImplementedError

    def _foreign_client(self, http_client: Any) -> Any:
        """A caller's httpx2 client, seen as an httpx one (``_httpx2``); anything else is
        refused."""
        kind = self._http_client_type.__name__
        if type(http_client).__module__.partition(".")[0] == "httpx2":
            import httpx2

            from ._httpx2 import AsyncHttpx2Client, Httpx2Client

            if kind == "Client" and isinstance(http_client, httpx2.Client):
                return Httpx2Client(http_client)
            if kind == "AsyncClient" and isinstance(http_client, httpx2.AsyncClient):
                return AsyncHttpx2Client(http_client)
        raise TypeError(
            f"{type(self).__name__} needs an httpx.{kind} or an httpx2.{kind} as "
            f"http_client, not {type(http_client).__module__}.{type(http_client).__name__}"
        )

    def _build_request(self, call: Call[Any]) -> httpx.Request:
        headers: httpx.Headers = self._headers
        if call.extra_headers:
            headers = headers.copy()
            for name, value in call.extra_headers.items():
                if value is None and isinstance(name, str):
                    headers.pop(name, None)  # None removes a header, as in openai-python
                else:
                    check_header(name, value)
                    headers[name] = value  # replaces every spelling of the name
        stream = None
        content = None
        if call.files is not None:  # an upload: a multipart body streamed from its sources
            from ._multipart import MultipartBody

            body = call.body if isinstance(call.body, dict) else {}
            fields = query_items(body)  # as openai-python flattens form fields
            stream = MultipartBody(fields, call.files, call.on_progress)  # type: ignore[arg-type]
            headers = headers.copy()
            headers.pop("Content-Length", None)
            headers.update(stream.headers)
        elif isinstance(call.body, bytes):  # sent as it is (realtime.calls.create's SDP)
            content = call.body
        elif call.body is not None:
            content = encode_json(call.body)
        url = self._urls.get(call.path)
        if url is None:  # parsed once per path: parsing costs more than the rest of a request
            url = httpx.URL(self.base_url + call.path)
            if len(self._urls) < _URL_CACHE_SIZE:  # paths with ids (feedback/{id}) are endless
                self._urls[call.path] = url
        if call.query:
            url = url.copy_merge_params(query_items(call.query))
        if isinstance(call.timeout, NotGiven):
            timeout = self._timeout_ext
        else:
            timeout = to_timeout(call.timeout, self.timeout).as_dict()
        if stream is not None and "Host" not in headers:
            # httpx adds Host only to the bodies it encodes itself; h11 refuses a request without
            headers = httpx.Headers([(b"Host", url.netloc), *headers.raw])
        request = httpx.Request(
            call.method,
            url,
            headers=headers,
            content=content,
            stream=stream,
            extensions={"timeout": timeout},
        )
        if log.isEnabledFor(logging.DEBUG):
            log.debug("Request %s %s headers=%s", call.method, url, redact_mapping(headers))
        return request

    def _attempts(self, call: Call[Any]) -> _retry.Attempts:
        if isinstance(call.max_retries, NotGiven):
            return self._retry_policy.attempts()
        return _retry.RetryPolicy(call.max_retries, self.deadline).attempts()

    @staticmethod
    def _cap_timeout(request: httpx.Request, attempts: _retry.Attempts) -> None:
        """Shorten this attempt's timeouts so it cannot outlive the call's deadline."""
        remaining = attempts.remaining()
        if remaining is None:
            return
        if remaining <= 0:
            raise APITimeoutError("The call's deadline passed.", request)
        timeout = dict(request.extensions["timeout"])
        for part, value in timeout.items():
            timeout[part] = remaining if value is None else min(value, remaining)
        request.extensions["timeout"] = timeout

    @staticmethod
    def _after_error(exc: Exception, request: httpx.Request, attempts: _retry.Attempts) -> float:
        """The wait before retrying after ``exc``; raises our exception when not retrying.

        Called outside the ``except`` block, and raising ``from None``: the httpx exception
        holds the request with its secret headers, so it must not become ``__context__``.
        """
        delay = None
        if isinstance(exc, httpx.TransportError):
            delay = attempts.after_error(exc, request)
        if delay is not None and _resendable(request):
            return delay
        # `from None`: httpx's exception holds the request with its secret headers.
        detail = str(exc) or type(exc).__name__
        if delay is not None:
            raise APIConnectionError(
                f"Connection error: {detail}. {_NOT_RESENT}", request
            ) from None
        if isinstance(exc, httpx.TimeoutException):
            raise APITimeoutError(f"Request timed out ({type(exc).__name__}).", request) from None
        raise APIConnectionError(f"Connection error: {detail}", request) from None

    @staticmethod
    def _poll_headers(poll_interval_ms: Any) -> Dict[str, str]:
        """The headers openai-python's polling helpers send with each look."""
        headers = {"X-Stainless-Poll-Helper": "true"}
        if isinstance(poll_interval_ms, int) and not isinstance(poll_interval_ms, bool):
            headers["X-Stainless-Custom-Poll-Interval"] = str(poll_interval_ms)
        return headers

    def _poll_wait(self, response: Any, poll_interval_ms: Any, started: float) -> float:
        """Seconds to wait before looking again: ``poll_interval_ms`` when given, else the
        server's ``openai-poll-after-ms``, else 1 s. Raises ``WaitTimeoutError`` when the
        wait would pass the client's ``deadline`` (which bounds the whole poll)."""
        if isinstance(poll_interval_ms, (int, float)) and not isinstance(poll_interval_ms, bool):
            delay = poll_interval_ms / 1000
        else:
            after = response.headers.get("openai-poll-after-ms", "")
            delay = int(after) / 1000 if after.isdigit() else 1.0
        if self.deadline is not None and time.monotonic() - started + delay > self.deadline:
            raise WaitTimeoutError(
                f"Stopped polling: the client's deadline of {self.deadline} s would pass."
            )
        return delay

    @staticmethod
    def _response_delay(
        response: httpx.Response, request: httpx.Request, attempts: _retry.Attempts
    ) -> Optional[float]:
        """The wait before retrying after ``response``, or None to keep it (a retryable
        answer to an upload whose body cannot be sent again is kept: its error is raised)."""
        delay = attempts.after_response(response)
        return delay if delay is not None and _resendable(request) else None

    def _finish(
        self, call: Call[Any], response: httpx.Response, raw: Raw, reopen: Any = None
    ) -> Any:
        """The call's result from its final response. ``raw``: False for the typed result,
        True for a ``RawResponse``, ``"stream"`` for the unread response of
        ``with_streaming_response``."""
        self._raise_for_status(response)
        if raw == "stream":
            return self._streamed_class(response, lambda: self._parse(call, response, reopen))
        if raw:
            return RawResponse(response, lambda: self._parse(call, response, reopen))
        return self._parse(call, response, reopen)

    def _parse(self, call: Call[Any], response: httpx.Response, reopen: Any = None) -> Any:
        if call.stream:
            return self._stream_class(call.cast, self._stream_response(response), reopen)
        if call.cast is None:
            return None  # an endpoint with no result (responses.delete)
        if call.cast is str:
            return response.text  # a text answer (srt, vtt, a file's content as text)
        if getattr(call.cast, "binary_body", False):  # BinaryResponse (not imported here)
            return call.cast(response)
        if call.page is not None:
            return self._new_page(call, response)
        result = parse_json(response, call.cast)
        if call.postprocess is not None:
            try:
                result = call.postprocess(result)
            except Exception as exc:
                raise APIResponseValidationError(
                    f"The response body could not be decoded: {exc}",
                    response=response,
                    body=result,
                ) from None
        return result

    def _new_page(self, call: Call[Any], response: httpx.Response) -> Any:
        """The page a list call answered (see ``_pagination``)."""
        body = load_json(response)
        try:
            return self._page_class(self, call, body, portkey_headers(response.headers))
        except Exception as exc:
            raise APIResponseValidationError(
                f"The response body is not a list page: {exc}", response=response, body=body
            ) from None

    @property
    def _page_class(self) -> Type[Any]:
        raise NotImplementedError

    @property
    def _streamed_class(self) -> Type[Any]:
        raise NotImplementedError

    @staticmethod
    def _raise_for_status(response: httpx.Response) -> None:
        if response.status_code >= 400:
            raise status_error(response, retry_after=_retry.parse_retry_after(response.headers))

    @classmethod
    def _stream_response(cls, response: httpx.Response) -> httpx.Response:
        """A response a stream can read: not an error status, not one JSON document (a
        server that ignored stream=True, or an error in a 200)."""
        cls._raise_for_status(response)
        if is_json(response):
            from ._streaming import not_a_stream

            raise not_a_stream(response)
        return response

    @property
    def _stream_class(self) -> Type[Any]:
        raise NotImplementedError
