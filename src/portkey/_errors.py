"""The exception hierarchy and the mapping from an HTTP status and body to an exception.

PortkeyError
└── APIError
    ├── APIStatusError                  (any non-2xx response)
    │   ├── BadRequestError             400
    │   ├── AuthenticationError         401
    │   ├── PermissionDeniedError       403
    │   ├── NotFoundError               404
    │   ├── RequestTimeoutError         408 (the gateway's request_timeout)
    │   ├── ConflictError               409
    │   ├── BudgetExhaustedError        412 (the gateway's budget limits)
    │   ├── UnprocessableEntityError    422
    │   ├── RateLimitError              429
    │   ├── GuardrailDeniedError        446 (the gateway's deny guardrails)
    │   └── InternalServerError         >= 500
    ├── APIConnectionError              (no usable response)
    │   └── APITimeoutError
    └── APIResponseValidationError      (a 2xx body that is not what the API promises)
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Type

import httpx

from ._redact import redact_request

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BudgetExhaustedError",
    "ConflictError",
    "GuardrailDeniedError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "PortkeyError",
    "RateLimitError",
    "RequestTimeoutError",
    "UnprocessableEntityError",
]


class PortkeyError(Exception):
    """Base class of every exception this SDK raises."""


class APIError(PortkeyError):
    """An error about one API request.

    ``request`` is a copy of the request with secret headers redacted and no body.
    ``body`` is the parsed JSON error body when there is one, else the text, else None.
    ``type``, ``param`` and ``code`` come from an OpenAI-style ``{"error": {...}}`` body.
    """

    message: str
    request: Optional[httpx.Request]
    body: Any
    type: Optional[str]
    param: Optional[str]
    code: Optional[str]

    def __init__(
        self, message: str, request: Optional[httpx.Request] = None, *, body: Any = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.request = redact_request(request) if request is not None else None
        self.body = body
        self.type = self.param = self.code = None
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict):
            self.type = _opt_str(error.get("type"))
            self.param = _opt_str(error.get("param"))
            self.code = _opt_str(error.get("code"))


class APIStatusError(APIError):
    """The server answered with a non-success status."""

    status_code: int
    response: httpx.Response
    headers: httpx.Headers
    request_id: Optional[str]
    retry_after: Optional[float]
    """The wait in seconds the server asked for (``retry-after-ms`` / ``retry-after``), if any."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        retry_after: Optional[float] = None,
    ) -> None:
        super().__init__(message, response.request, body=body)
        _keep_response(self, response)
        self.retry_after = retry_after


class BadRequestError(APIStatusError):
    pass


class AuthenticationError(APIStatusError):
    pass


class PermissionDeniedError(APIStatusError):
    pass


class NotFoundError(APIStatusError):
    pass


class RequestTimeoutError(APIStatusError):
    """408: the gateway's ``request_timeout`` elapsed before the provider answered."""


class ConflictError(APIStatusError):
    pass


class BudgetExhaustedError(APIStatusError):
    """412: a budget or usage limit on the key has been reached."""


class UnprocessableEntityError(APIStatusError):
    pass


class RateLimitError(APIStatusError):
    pass


class GuardrailDeniedError(APIStatusError):
    """446: a guardrail in the gateway's config denied the request."""


class InternalServerError(APIStatusError):
    pass


class APIConnectionError(APIError):
    """No response could be obtained (connection refused or reset, protocol error, ...)."""

    def __init__(self, message: str = "Connection error.", request: Optional[httpx.Request] = None):
        super().__init__(message, request)


class APITimeoutError(APIConnectionError):
    """The request (or a read during a stream) took longer than the configured timeout."""

    def __init__(
        self, message: str = "Request timed out.", request: Optional[httpx.Request] = None
    ):
        super().__init__(message, request)


class APIResponseValidationError(APIError):
    """A success response whose body is not what the API promises (invalid JSON, wrong shape)."""

    status_code: int
    response: httpx.Response
    headers: httpx.Headers
    request_id: Optional[str]

    def __init__(self, message: str, *, response: httpx.Response, body: Any) -> None:
        super().__init__(message, response.request, body=body)
        _keep_response(self, response)


_STATUS_ERRORS: Dict[int, Type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    408: RequestTimeoutError,
    409: ConflictError,
    412: BudgetExhaustedError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    446: GuardrailDeniedError,
}


def decode_body(content: bytes) -> Any:
    """An error body as JSON when it parses, else as text, else None when empty."""
    if not content.strip():
        return None
    try:
        return json.loads(content)
    except (ValueError, RecursionError):  # RecursionError: JSON nested too deeply to decode
        return content.decode("utf-8", errors="replace")


def error_message(body: Any) -> Optional[str]:
    """The human message of an error body in any of the forms servers use."""
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict):
            msg = error.get("message")
            if msg is not None:
                return msg if isinstance(msg, str) else json.dumps(msg)
        elif isinstance(error, str) and error:
            return error
        msg = body.get("message")  # the gateway's {"status": "failure", "message": ...}
        if isinstance(msg, str) and msg:
            # ... with the reasons of an invalid config ("errors": ["path: ..., message: ..."])
            reasons = body.get("errors")
            if isinstance(reasons, list) and reasons:
                return f"{msg}: " + "; ".join(str(r) for r in reasons)
            return msg
        data = body.get("data")  # Portkey's own APIs: {"success": false, "data": {"message"}}
        if isinstance(data, dict):
            msg = data.get("message")
            if isinstance(msg, str) and msg:
                return msg
        return None
    if isinstance(body, str):
        return body.strip()[:2000] or None
    return None


def status_error(
    response: httpx.Response, *, retry_after: Optional[float] = None
) -> APIStatusError:
    """The exception for a non-success response whose body has been read."""
    body = decode_body(response.content)
    status = response.status_code
    detail = error_message(body)
    message = f"Error code: {status} - {detail}" if detail else f"Error code: {status}"
    if status >= 500:
        cls: Type[APIStatusError] = InternalServerError
    else:
        cls = _STATUS_ERRORS.get(status, APIStatusError)
    return cls(message, response=response, body=body, retry_after=retry_after)


def _opt_str(value: Any) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    return str(value)


def _request_id(headers: Mapping[str, str]) -> Optional[str]:
    return headers.get("x-request-id") or headers.get("x-portkey-trace-id") or None


def _keep_response(err: Any, response: httpx.Response) -> None:
    """What an error with a response carries: the response (its ``.request`` swapped for the
    redacted copy: an error must not carry the api key or Authorization anywhere,
    ``err.response.request`` included), the status, the headers and the request id."""
    if err.request is not None:
        response.request = err.request
    err.response = response
    err.status_code = response.status_code
    err.headers = response.headers
    err.request_id = _request_id(response.headers)


# Structured outputs (``chat.completions.parse``, ``responses.parse``): the answer could not be
# parsed into the class asked for. Not API errors: the request itself succeeded.


class LengthFinishReasonError(PortkeyError):
    """``parse``: a choice stopped at the token limit (``finish_reason: "length"``), so its
    content is cut and cannot be parsed, as openai-python's error of the same name."""

    completion: Any
    """The completion that stopped early (``usage`` tells how many tokens it used)."""

    def __init__(self, *, completion: Any) -> None:
        msg = "Could not parse response content as the length limit was reached"
        usage = getattr(completion, "usage", None)
        if usage:
            msg += f" - {usage}"
        super().__init__(msg)
        self.completion = completion


class ContentFilterFinishReasonError(PortkeyError):
    """``parse``: a choice was stopped by the content filter (``finish_reason:
    "content_filter"``), as openai-python's error of the same name."""

    completion: Any

    def __init__(self, *, completion: Any = None) -> None:
        super().__init__(
            "Could not parse response content as the request was rejected by the content filter"
        )
        self.completion = completion


class StructuredOutputError(PortkeyError, ValueError):
    """``parse``: the model's answer (message content or tool call arguments) is not valid JSON
    or does not fit the class it was to be parsed into.

    ``raw`` is the text as the model wrote it; ``reason`` says what did not fit (with JSON
    paths such as ``$.items[2].price``). A refusal is never parsed, so never this error.
    """

    raw: Optional[str]
    reason: str

    def __init__(self, message: str, *, raw: Optional[str], reason: str) -> None:
        super().__init__(message)
        self.raw = raw
        self.reason = reason


__all__ += ["ContentFilterFinishReasonError", "LengthFinishReasonError", "StructuredOutputError"]


# Webhooks (``webhooks.verify_signature``, ``webhooks.unwrap``): no request is made.


class InvalidWebhookSignatureError(PortkeyError, ValueError):
    """A webhook payload could not be verified (or, for ``unwrap``, read) -- raised instead of
    openai-python's ``InvalidWebhookSignatureError`` and the plain ``ValueError`` it raises for
    a missing header or secret (both still caught by ``except ValueError``).

    ``reason`` names the check that failed: ``"no_secret"``, ``"invalid_secret"`` (a
    ``whsec_`` secret that is not base64), ``"missing_header"`` (``header`` names it),
    ``"duplicate_header"``, ``"invalid_timestamp"``, ``"timestamp_too_old"``,
    ``"timestamp_too_new"``, ``"no_matching_signature"``, ``"invalid_payload"`` (a payload
    that is not a JSON object: ``unwrap`` only). Messages never contain the secret.
    """

    reason: str
    header: Optional[str]

    def __init__(self, message: str, *, reason: str, header: Optional[str] = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.header = header


__all__ += ["InvalidWebhookSignatureError"]


class WaitTimeoutError(PortkeyError, RuntimeError):
    """A polling helper (``files.wait_for_processing``, the ``*_and_poll`` helpers) gave up
    after its ``max_wait_seconds``; a ``RuntimeError`` too, as openai-python raises."""


__all__ += ["WaitTimeoutError"]


class AssistantStreamError(PortkeyError, RuntimeError):
    """An assistant stream helper misused, or asked for what its stream did not have (no
    run, no message, no run step); a ``RuntimeError`` too, as openai-python raises."""


__all__ += ["AssistantStreamError"]


# Gateway configs (``portkey.Config``, and dict configs given to a client): nothing is sent.


class ConfigError(PortkeyError, ValueError):
    """A gateway config that breaks one of the gateway's rules, found before anything is sent.

    ``path`` is where in the config the first problem is (``targets[1].retry.attempts``; ``""``
    for the config itself), ``rule`` the name of the rule it breaks (``retry.attempts``
    ``required``, ``unknown-key``, ...), ``errors`` every problem found, as
    ``(path, rule, message)``. Messages never contain a credential's value.
    """

    path: str
    rule: str
    errors: List[Tuple[str, str, str]]

    def __init__(self, errors: Sequence[Tuple[str, str, str]], *, root: str = "the config") -> None:
        self.errors = list(errors)
        self.path, self.rule, first = self.errors[0]
        where = self.path or root
        more = len(self.errors) - 1
        tail = f" (and {more} more: see .errors)" if more else ""
        super().__init__(f"{where}: {first}{tail}")


__all__ += ["ConfigError"]
