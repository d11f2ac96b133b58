"""Structured outputs without pydantic: request parameters built from a class, answers parsed
into it.

``chat.completions.parse(response_format=X)`` and ``responses.parse(text_format=X)`` take an
attrs class, a dataclass, a TypedDict, or a pydantic model when pydantic is installed (pydantic
is never imported otherwise). The strict schema comes from ``_schema``; the answer is structured
into X by ``_parse_into``. JSON that does not fit X raises ``StructuredOutputError`` with the raw
text; a refusal is kept as the refusal, not parsed.
Function tools built from a class (``function_tool(X)``) get ``parsed_arguments``.
"""

from __future__ import annotations

import json
import logging
import weakref
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Type, TypeVar, Union

import attrs

from ._errors import ContentFilterFinishReasonError, LengthFinishReasonError, StructuredOutputError
from ._parse_into import parse_json_into, to_plain
from ._schema import class_doc, is_structured_class, to_strict_json_schema
from ._types import NotGiven
from .types.chat import ChatCompletion, ChatCompletionMessage
from .types.parsed_chat import (
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedChoice,
    ParsedFunction,
    ParsedFunctionToolCall,
)

if TYPE_CHECKING:
    from .types.parsed_response import ParsedResponse

__all__ = [
    "StructuredFunctionTool",
    "StructuredResponsesFunctionTool",
    "function_tool",
    "make_response_tools",
    "parse_chat_completion",
    "parse_json_into",
    "parse_response",
    "pydantic_function_tool",
    "pydantic_responses_function_tool",
    "response_format_param",
    "responses_function_tool",
    "text_format_param",
    "to_plain",
    "to_strict_json_schema",
    "validate_input_tools",
]

T = TypeVar("T")
log = logging.getLogger("portkey")

# -- request parameters


def _is_given(value: Any) -> bool:
    return value is not None and not isinstance(value, NotGiven)


def response_format_param(response_format: Any) -> Dict[str, Any]:
    """The chat ``response_format`` for a class (a dict is returned as it is), as
    openai-python's ``type_to_response_format_param``."""
    if isinstance(response_format, Mapping):
        return dict(response_format)
    if not is_structured_class(response_format):
        raise TypeError(f"Unsupported response_format type - {response_format!r}")
    return {
        "type": "json_schema",
        "json_schema": {
            "schema": to_strict_json_schema(response_format),
            "name": response_format.__name__,
            "strict": True,
        },
    }


def text_format_param(text_format: Any) -> Dict[str, Any]:
    """The Responses API ``text.format`` for a class, as openai-python's
    ``type_to_text_format_param``."""
    schema = response_format_param(text_format)["json_schema"]
    return {
        "type": "json_schema",
        "strict": True,
        "name": schema["name"],
        "schema": schema["schema"],
    }


class StructuredFunctionTool(Dict[str, Any]):
    """The ``function`` of a chat tool made by ``function_tool``: a plain dict on the wire that
    also carries the class its arguments are parsed into (``.model``, as openai-python's
    ``PydanticFunctionTool``)."""

    model: Any

    def __init__(self, definition: Mapping[str, Any], model: Any) -> None:
        super().__init__(definition)
        self.model = model


class StructuredResponsesFunctionTool(Dict[str, Any]):
    """A Responses API function tool that carries its class (``.model``)."""

    model: Any

    def __init__(self, definition: Mapping[str, Any], model: Any) -> None:
        super().__init__(definition)
        self.model = model


# Tools found again by (name, schema) when a caller copied the tool into a plain dict.
_TOOL_CLASSES: weakref.WeakValueDictionary[Any, Any] = weakref.WeakValueDictionary()


def _tool_key(name: Any, parameters: Any) -> Any:
    return (name, json.dumps(parameters, sort_keys=True, default=str))


def _function_definition(
    tp: Any, name: Optional[str], description: Optional[str]
) -> Dict[str, Any]:
    if description is None:
        # openai-python uses ``model.__doc__`` as written (not ``inspect.getdoc``).
        description = class_doc(tp)
    definition: Dict[str, Any] = {
        "name": name or tp.__name__,
        "strict": True,
        "parameters": to_strict_json_schema(tp),
    }
    if description is not None:
        definition["description"] = description
    try:
        _TOOL_CLASSES[_tool_key(definition["name"], definition["parameters"])] = tp
    except TypeError:  # a class that cannot be weakly referenced: the marker still works
        pass
    return definition


def function_tool(
    tp: Any, *, name: Optional[str] = None, description: Optional[str] = None
) -> Dict[str, Any]:
    """A strict chat function tool whose arguments are the fields of ``tp`` (attrs class,
    dataclass, TypedDict or pydantic model), as openai-python's ``pydantic_function_tool``.

    The name defaults to the class name and the description to its docstring. Tool calls of
    this tool get ``function.parsed_arguments`` (an instance of ``tp``) in ``parse``.
    """
    return {
        "type": "function",
        "function": StructuredFunctionTool(_function_definition(tp, name, description), tp),
    }


pydantic_function_tool = function_tool
"""openai-python's name for ``function_tool``."""


def responses_function_tool(
    tp: Any,
    *,
    name: Optional[str] = None,
    description: Optional[str] = None,
    defer_loading: Union[bool, NotGiven] = NotGiven(),
) -> Dict[str, Any]:
    """A strict Responses API function tool for ``tp``, as openai-python's
    ``pydantic_responses_function_tool``; its calls get ``parsed_arguments`` in ``parse``."""
    tool = StructuredResponsesFunctionTool(
        {"type": "function", **_function_definition(tp, name, description)}, tp
    )
    if not isinstance(defer_loading, NotGiven):
        tool["defer_loading"] = defer_loading
    return tool


pydantic_responses_function_tool = responses_function_tool
"""openai-python's name for ``responses_function_tool``."""


def _tool_class(definition: Any) -> Any:
    """The class a tool (or chat tool ``function``) was built from, if any: our marker,
    openai-python's (same ``model`` attribute), or the registry for a plain copy."""
    model = getattr(definition, "model", None)
    if model is not None:
        return model
    if isinstance(definition, Mapping) and definition.get("strict"):
        return _TOOL_CLASSES.get(_tool_key(definition.get("name"), definition.get("parameters")))
    return None


def validate_input_tools(tools: Any) -> None:
    """What ``chat.completions.parse`` checks before sending, as openai-python: only strict
    function tools can be auto-parsed."""
    if not _is_given(tools):
        return
    for tool in tools:
        if tool.get("type") != "function":
            raise ValueError(
                "Currently only `function` tool types support auto-parsing; "
                f"Received `{tool.get('type')}`"
            )
        function = tool.get("function") or {}
        if function.get("strict") is not True:
            raise ValueError(
                f"`{function.get('name')}` is not strict. "
                "Only `strict` function tools can be auto-parsed"
            )


def make_response_tools(tools: Any) -> Any:
    """The ``tools`` of ``responses.parse``: chat-shaped tools from ``function_tool`` become
    Responses function tools (keeping their class), others pass as they are."""
    if not _is_given(tools):
        return tools
    converted: List[Any] = []
    for tool in tools:
        if tool.get("type") == "namespace":
            converted.append({**tool, "tools": list(tool.get("tools") or [])})
            continue
        if tool.get("type") != "function" or "function" not in tool:
            converted.append(tool)
            continue
        function = tool["function"]
        model = _tool_class(function)
        if model is None:
            raise TypeError(
                "Expected a chat function tool created with `portkey.function_tool()` "
                "(or a Responses function tool: {'type': 'function', 'name': ..., ...})"
            )
        new_tool = StructuredResponsesFunctionTool(
            {
                "type": "function",
                "name": function["name"],
                "description": function.get("description"),
                "parameters": function["parameters"],
                "strict": function.get("strict") or False,
            },
            model,
        )
        new_tool.update({k: v for k, v in function.items() if k not in new_tool})
        converted.append(new_tool)
    return converted


# -- parsing chat completions


def parse_chat_completion(
    completion: ChatCompletion,
    *,
    response_format: Union[Type[T], Mapping[str, Any], NotGiven, None] = None,
    tools: Optional[Iterable[Mapping[str, Any]]] = None,
) -> ParsedChatCompletion[T]:
    """The completion with each message's content structured into ``response_format`` (when
    it is a class) as ``message.parsed``, and strict function tool calls' arguments as
    ``function.parsed_arguments``, as openai-python's ``parse_chat_completion``.

    Raises ``LengthFinishReasonError`` / ``ContentFilterFinishReasonError`` when a choice
    stopped for that reason, ``StructuredOutputError`` when content or arguments do not fit.
    """
    if isinstance(completion, Mapping):  # an untyped (dict) completion
        from ._convert import structure

        completion = structure(dict(completion), ChatCompletion)
    input_tools = list(tools) if _is_given(tools) else []  # type: ignore[arg-type]
    choices: List[ParsedChoice[T]] = []
    for choice in completion.choices:
        if choice.finish_reason == "length":
            raise LengthFinishReasonError(completion=completion)
        if choice.finish_reason == "content_filter":
            raise ContentFilterFinishReasonError(completion=completion)
        message = choice.message if choice.message is not None else ChatCompletionMessage()
        tool_calls: List[ParsedFunctionToolCall] = []
        for call in message.tool_calls or []:
            if call.type == "custom":
                log.warning(
                    "Custom tool calls are not callable. Ignoring tool call: %s - %s",
                    call.id,
                    (getattr(call, "custom", None) or {}).get("name"),
                )
                continue
            function = call.function
            parsed_function = _copy(
                ParsedFunction,
                function,
                parsed_arguments=_tool_arguments(input_tools, function)
                if function is not None
                else None,
            )
            tool_calls.append(_copy(ParsedFunctionToolCall, call, function=parsed_function))
        parsed_message: ParsedChatCompletionMessage[T] = _copy(
            ParsedChatCompletionMessage,
            message,
            parsed=_content(response_format, message),
            tool_calls=tool_calls or None,
        )
        choices.append(_copy(ParsedChoice, choice, message=parsed_message))
    result: ParsedChatCompletion[T] = _copy(ParsedChatCompletion, completion, choices=choices)
    return result


def _content(response_format: Any, message: ChatCompletionMessage) -> Any:
    if not _is_given(response_format) or isinstance(response_format, Mapping):
        return None  # no class given, or a plain response_format dict: nothing to parse into
    if not message.content or message.refusal:
        return None
    return parse_json_into(response_format, message.content)


def _tool_arguments(input_tools: List[Mapping[str, Any]], function: Any) -> Any:
    tool = next(
        (
            t
            for t in input_tools
            if t.get("type") == "function"
            and (t.get("function") or {}).get("name") == function.name
        ),
        None,
    )
    if tool is None:
        return None
    definition = tool.get("function")
    model = _tool_class(definition)
    if model is not None:
        return parse_json_into(model, function.arguments)
    if not (definition or {}).get("strict"):
        return None
    return _loads(function.arguments)


def _loads(text: Optional[str]) -> Any:
    try:
        return json.loads(text if text is not None else "")
    except (ValueError, RecursionError) as exc:
        raise StructuredOutputError(
            f"The tool call arguments are not valid JSON ({exc})", raw=text, reason=str(exc)
        ) from exc


def _copy(cls: Any, source: Any, **overrides: Any) -> Any:
    """An instance of ``cls`` (a subclass of ``source``'s type) with ``source``'s fields, its
    unknown fields and headers, and ``overrides``."""
    values = {}
    if source is not None:
        for field in attrs.fields(type(source)):
            if field.name not in overrides and field.init:
                values[field.alias or field.name] = getattr(source, field.name)
    obj = cls(**values, **overrides)
    obj._extra = getattr(source, "_extra", None)
    obj._headers = getattr(source, "_headers", None)
    return obj


# -- parsing Responses API responses


def parse_response(
    response: Any,
    *,
    text_format: Union[Type[T], Mapping[str, Any], NotGiven, None] = None,
    tools: Optional[Iterable[Mapping[str, Any]]] = None,
) -> ParsedResponse[T]:
    """The response with each message's ``output_text`` parts structured into ``text_format``
    (``part.parsed``, ``response.output_parsed``) and strict function calls' arguments as
    ``parsed_arguments``, as openai-python's ``parse_response``.

    A message in a phase other than ``final_answer`` (commentary) is not parsed, as newer
    openai-python. ``StructuredOutputError`` when a text or arguments do not fit.
    """
    from .types.parsed_response import (
        ParsedResponse,
        ParsedResponseFunctionToolCall,
        ParsedResponseOutputMessage,
        ParsedResponseOutputText,
    )
    from .types.responses import Response, ResponseFunctionToolCall, ResponseOutputMessage

    if isinstance(response, Mapping):  # an untyped (dict) response, from a raw event stream
        from ._convert import structure

        response = structure(dict(response), Response)
    input_tools = list(tools) if _is_given(tools) else []  # type: ignore[arg-type]
    output: List[Any] = []
    for item in response.output or ():
        if isinstance(item, ResponseOutputMessage):
            content: List[Any] = []
            for part in item.content or ():
                if getattr(part, "type", None) != "output_text":
                    content.append(part)  # a refusal, or a part of a kind we do not know
                    continue
                parsed = _text(text_format, getattr(part, "text", None), item.phase)
                content.append(_copy(ParsedResponseOutputText, part, parsed=parsed))
            output.append(_copy(ParsedResponseOutputMessage, item, content=content))
        elif isinstance(item, ResponseFunctionToolCall):
            arguments = _call_arguments(input_tools, item)
            output.append(_copy(ParsedResponseFunctionToolCall, item, parsed_arguments=arguments))
        else:
            output.append(item)
    result: ParsedResponse[T] = _copy(ParsedResponse, response, output=output)
    return result


def _text(text_format: Any, text: Optional[str], phase: Optional[str]) -> Any:
    if not _is_given(text_format) or isinstance(text_format, Mapping):
        return None
    if phase is not None and phase != "final_answer":
        return None  # commentary is not the structured result
    return parse_json_into(text_format, text)


def _call_arguments(input_tools: List[Mapping[str, Any]], call: Any) -> Any:
    tool = _response_tool(input_tools, call.name, getattr(call, "namespace", None))
    if tool is None:
        return None
    if "function" in tool:  # a chat-shaped tool (``function_tool``) given as it is
        tool = tool["function"]
    model = _tool_class(tool)
    if model is not None:
        return parse_json_into(model, call.arguments)
    if not tool.get("strict"):
        return None
    return _loads(call.arguments)


def _response_tool(
    tools: List[Mapping[str, Any]], name: Any, namespace: Optional[str]
) -> Optional[Mapping[str, Any]]:
    """The input tool a function call names (inside its namespace tool, if it has one)."""
    if namespace is not None:
        for tool in tools:
            if tool.get("type") == "namespace" and tool.get("name") == namespace:
                nested = tool.get("tools") or []
                return next((t for t in nested if _function_name(t) == name), None)
        if namespace != name:  # a deferred top-level function names itself as its namespace
            return None
    return next((t for t in tools if _function_name(t) == name), None)


def _function_name(tool: Mapping[str, Any]) -> Any:
    if tool.get("type") != "function":
        return None
    function = tool.get("function")
    return function.get("name") if isinstance(function, Mapping) else tool.get("name")
