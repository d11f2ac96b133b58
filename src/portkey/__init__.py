"""portkey: a fast, typed Python SDK for the Portkey AI Gateway and OpenAI-compatible APIs.

from portkey import Portkey

client = Portkey(api_key="...", virtual_key="...")
completion = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "Hello"}]
)
"""

from typing import TYPE_CHECKING

from ._client import AsyncPortkey, Portkey
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BudgetExhaustedError,
    ConflictError,
    GuardrailDeniedError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    PortkeyError,
    RateLimitError,
    RequestTimeoutError,
    UnprocessableEntityError,
)
from ._response import RawResponse
from ._types import NOT_GIVEN, NotGiven
from ._version import __version__

if TYPE_CHECKING:
    from ._streaming import AsyncStream, Stream

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPortkey",
    "AsyncStream",
    "AuthenticationError",
    "BadRequestError",
    "BudgetExhaustedError",
    "ConflictError",
    "GuardrailDeniedError",
    "InternalServerError",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "Portkey",
    "PortkeyError",
    "RateLimitError",
    "RawResponse",
    "RequestTimeoutError",
    "Stream",
    "UnprocessableEntityError",
    "__version__",
]


def __getattr__(name: str) -> object:
    # The stream classes pull in the event-stream parser: load them on first use.
    if name in ("Stream", "AsyncStream"):
        from . import _streaming

        return getattr(_streaming, name)
    raise AttributeError(f"module 'portkey' has no attribute {name!r}")
