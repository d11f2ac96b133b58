"""Responses with the answer parsed into a class (``responses.parse``).

Each type extends its plain Responses type: every ``output_text`` part of a message carries
``parsed`` (the text structured into the ``text_format`` class), function calls of strict
tools carry ``parsed_arguments``, and ``response.output_parsed`` is the first parsed value.

The parsed values are ours, not the API's: ``to_api_dict()`` (what a request body should use
when an item is sent back as ``input``) leaves them out, as openai-python's ``__api_exclude__``.
"""

from __future__ import annotations

from typing import Any, Dict, Generic, List, Optional, TypeVar, Union

import attrs
from typing_extensions import TypeAlias

from .._models import BaseModel
from ._support import GenericModel
from .responses import (
    AdditionalTools,
    ImageGenerationCall,
    LocalShellCall,
    LocalShellCallOutput,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    McpListTools,
    Program,
    ProgramOutput,
    Response,
    ResponseApplyPatchToolCall,
    ResponseApplyPatchToolCallOutput,
    ResponseCodeInterpreterToolCall,
    ResponseCompactionItem,
    ResponseComputerToolCall,
    ResponseComputerToolCallOutputItem,
    ResponseCustomToolCall,
    ResponseCustomToolCallOutputItem,
    ResponseFileSearchToolCall,
    ResponseFunctionShellToolCall,
    ResponseFunctionShellToolCallOutput,
    ResponseFunctionToolCall,
    ResponseFunctionToolCallOutputItem,
    ResponseFunctionWebSearch,
    ResponseOutputMessage,
    ResponseOutputRefusal,
    ResponseOutputText,
    ResponseReasoningItem,
    ResponseToolSearchCall,
    ResponseToolSearchOutputItem,
)

__all__ = [
    "ParsedContent",
    "ParsedResponse",
    "ParsedResponseFunctionToolCall",
    "ParsedResponseOutputItem",
    "ParsedResponseOutputMessage",
    "ParsedResponseOutputText",
]

ContentType = TypeVar("ContentType")


def _plain_field(out: Dict[str, Any], key: str) -> Dict[str, Any]:
    # A parsed value is a user class (attrs, dataclass, pydantic): to_dict gives JSON-ready data.
    if out.get(key) is not None:
        from .._parse_into import to_plain

        out[key] = to_plain(out[key])
    return out


def _api_dict(value: Any) -> Any:
    to_api = getattr(value, "to_api_dict", None)
    if to_api is not None:
        return to_api()
    if isinstance(value, BaseModel):
        return value.to_dict(exclude_none=True)
    return value


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ParsedResponseOutputText(ResponseOutputText, Generic[ContentType]):
    parsed: Optional[ContentType] = None
    """The text structured into the ``text_format`` class."""

    def to_dict(self, *, exclude_none: bool = False) -> Dict[str, Any]:
        return _plain_field(super().to_dict(exclude_none=exclude_none), "parsed")

    def to_api_dict(self) -> Dict[str, Any]:
        """The part as the API knows it (without ``parsed``), for sending it back."""
        out = super().to_dict(exclude_none=True)
        out.pop("parsed", None)
        return out


ParsedContent: TypeAlias = Union[ParsedResponseOutputText[ContentType], ResponseOutputRefusal]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ParsedResponseOutputMessage(ResponseOutputMessage, Generic[ContentType]):
    content: List[ParsedContent[ContentType]] = attrs.field(factory=list)  # type: ignore[assignment]

    def to_api_dict(self) -> Dict[str, Any]:
        """The message as the API knows it (its parts without ``parsed``)."""
        out = self.to_dict(exclude_none=True)
        out["content"] = [_api_dict(part) for part in self.content or ()]
        return out


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ParsedResponseFunctionToolCall(ResponseFunctionToolCall):
    parsed_arguments: object = None
    """The arguments structured into the tool's class (a ``function_tool(X)`` tool), or the
    decoded JSON of another strict function tool's arguments."""

    def to_dict(self, *, exclude_none: bool = False) -> Dict[str, Any]:
        return _plain_field(super().to_dict(exclude_none=exclude_none), "parsed_arguments")

    def to_api_dict(self) -> Dict[str, Any]:
        """The call as the API knows it (without ``parsed_arguments``), for sending it back."""
        out = super().to_dict(exclude_none=True)
        out.pop("parsed_arguments", None)
        return out


ParsedResponseOutputItem: TypeAlias = Union[
    ParsedResponseOutputMessage[ContentType],
    ParsedResponseFunctionToolCall,
    ResponseFileSearchToolCall,
    ResponseFunctionToolCallOutputItem,
    ResponseFunctionWebSearch,
    ResponseComputerToolCall,
    ResponseComputerToolCallOutputItem,
    ResponseReasoningItem,
    Program,
    ProgramOutput,
    ResponseToolSearchCall,
    ResponseToolSearchOutputItem,
    AdditionalTools,
    ResponseCompactionItem,
    ImageGenerationCall,
    ResponseCodeInterpreterToolCall,
    LocalShellCall,
    LocalShellCallOutput,
    ResponseFunctionShellToolCall,
    ResponseFunctionShellToolCallOutput,
    ResponseApplyPatchToolCall,
    ResponseApplyPatchToolCallOutput,
    McpCall,
    McpListTools,
    McpApprovalRequest,
    McpApprovalResponse,
    ResponseCustomToolCall,
    ResponseCustomToolCallOutputItem,
    GenericModel,  # an item type this SDK version does not know, kept whole
]


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ParsedResponse(Response, Generic[ContentType]):
    """A response whose message text is parsed into the ``text_format`` class."""

    output: List[ParsedResponseOutputItem[ContentType]] = attrs.field(  # type: ignore[assignment]
        factory=list
    )

    @property
    def output_parsed(self) -> Optional[ContentType]:
        """The first parsed ``output_text`` of the output messages, as openai-python."""
        for item in self.output or ():
            if isinstance(item, ParsedResponseOutputMessage):
                for part in item.content or ():
                    if isinstance(part, ParsedResponseOutputText) and part.parsed is not None:
                        return part.parsed
        return None
