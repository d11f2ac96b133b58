"""Chat completions with the answer parsed into a class (``chat.completions.parse``).

Each type extends its plain chat type: ``message.parsed`` holds the content structured into
the ``response_format`` class (None when the model refused), and the tool calls of strict
function tools carry ``function.parsed_arguments``.
"""

from __future__ import annotations

from typing import Any, Dict, Generic, List, Optional, TypeVar

import attrs

from .chat import ChatCompletion, ChatCompletionMessage, ChatCompletionMessageToolCall, Choice
from .chat import Function as _Function

__all__ = [
    "ParsedChatCompletion",
    "ParsedChatCompletionMessage",
    "ParsedChoice",
    "ParsedFunction",
    "ParsedFunctionToolCall",
]

ContentType = TypeVar("ContentType")


def _with_plain(out: Dict[str, Any], key: str) -> Dict[str, Any]:
    # A parsed value is a user class (attrs, dataclass, pydantic): to_dict gives JSON-ready data.
    if out.get(key) is not None:
        from .._parse_into import to_plain

        out[key] = to_plain(out[key])
    return out


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ParsedFunction(_Function):
    parsed_arguments: Optional[object] = None
    """The arguments structured into the tool's class (a ``function_tool(X)`` tool), or the
    decoded JSON of another strict function tool's arguments."""

    def to_dict(self, *, exclude_none: bool = False) -> Dict[str, Any]:
        return _with_plain(super().to_dict(exclude_none=exclude_none), "parsed_arguments")


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ParsedFunctionToolCall(ChatCompletionMessageToolCall):
    function: ParsedFunction = attrs.field(factory=ParsedFunction)
    """The function that the model called."""


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ParsedChatCompletionMessage(ChatCompletionMessage, Generic[ContentType]):
    parsed: Optional[ContentType] = None
    """The content structured into the ``response_format`` class (None when refused)."""

    tool_calls: Optional[List[ParsedFunctionToolCall]] = None  # type: ignore[assignment]

    def to_dict(self, *, exclude_none: bool = False) -> Dict[str, Any]:
        return _with_plain(super().to_dict(exclude_none=exclude_none), "parsed")


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ParsedChoice(Choice, Generic[ContentType]):
    message: ParsedChatCompletionMessage[ContentType] = attrs.field(
        factory=ParsedChatCompletionMessage
    )


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ParsedChatCompletion(ChatCompletion, Generic[ContentType]):
    """A chat completion whose choices carry the parsed answer (``chat.completions.parse``)."""

    choices: List[ParsedChoice[ContentType]] = attrs.field(factory=list)  # type: ignore[assignment]
