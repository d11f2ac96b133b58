"""Assembling a whole ``ChatCompletion`` (or text ``Completion``) from streamed chunks.

Not a hot path (it runs once, at the end): it favours tolerance of what providers send.
- text and refusal pieces are joined; pieces that are not strings are skipped;
- tool calls are joined by ``index`` (parallel calls too); a delta whose ``id`` differs from
  the call already at its index starts a new call (providers that send every call at index 0);
  a repeated ``id`` or ``name`` (some aggregators repeat them) is not duplicated;
- the legacy ``function_call`` delta is joined the same way;
- the finish reason and usage are the last ones given; id, model, created, ... the first.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from ._models import set_headers
from .types.chat import (
    ChatCompletion,
    ChatCompletionMessage,
    ChatCompletionMessageToolCall,
    Choice,
    ChoiceLogprobs,
    CompletionUsage,
    Function,
)

__all__ = ["ChatAccumulator", "accumulate_chat", "accumulate_text"]

_TOP_FIELDS = ("id", "created", "model", "system_fingerprint", "service_tier")


class _Call:
    __slots__ = ("arguments", "id", "index", "name", "type")

    def __init__(self, index: int) -> None:
        self.index = index
        self.id: Optional[str] = None
        self.type: Optional[str] = None
        self.name: Optional[str] = None
        self.arguments: List[str] = []

    def add(self, function: Any) -> None:
        if function is None:
            return
        name = function.name
        if type(name) is str and name:
            self.name = name
        arguments = function.arguments
        if type(arguments) is str and arguments:
            self.arguments.append(arguments)


class _ChoiceState:
    __slots__ = (
        "by_index",
        "calls",
        "content",
        "finish_reason",
        "function_call",
        "logprobs",
        "refusal",
        "refusal_logprobs",
        "role",
    )

    def __init__(self) -> None:
        self.role: Optional[str] = None
        self.content: List[str] = []
        self.refusal: List[str] = []
        self.finish_reason: Optional[str] = None
        self.calls: List[_Call] = []  # in order of appearance
        self.by_index: Dict[Any, _Call] = {}  # the current call of each index
        self.function_call: Optional[_Call] = None
        self.logprobs: List[Any] = []
        self.refusal_logprobs: List[Any] = []

    def add_tool_call(self, call: Any) -> None:
        index = call.index if type(call.index) is int else 0
        slot = self.by_index.get(index)
        call_id = call.id
        if type(call_id) is not str or not call_id:
            call_id = None
        if slot is None or (call_id is not None and slot.id is not None and call_id != slot.id):
            slot = self.by_index[index] = _Call(index)
            self.calls.append(slot)
        if call_id is not None:
            slot.id = call_id
        if type(call.type) is str and call.type:
            slot.type = call.type
        slot.add(call.function)


def _text(value: Any) -> bool:
    return type(value) is str and value != ""


class ChatAccumulator:
    """The chunks of one chat stream joined as they come (``add``); ``completion()`` builds
    the ``ChatCompletion`` of what was added so far, as often as asked (the stream helpers
    of ``_stream_chat`` show it after every chunk)."""

    __slots__ = ("choices", "headers", "top", "usage")

    def __init__(self) -> None:
        self.choices: Dict[int, _ChoiceState] = {}
        self.top: Dict[str, Any] = dict.fromkeys(_TOP_FIELDS)
        self.usage: Optional[CompletionUsage] = None
        self.headers: Optional[Dict[str, str]] = None

    def add(self, chunk: Any) -> None:
        top = self.top
        for name in _TOP_FIELDS:
            if top[name] is None:
                top[name] = getattr(chunk, name, None)
        if self.headers is None:
            self.headers = getattr(chunk, "_headers", None)
        if chunk.usage is not None:
            self.usage = chunk.usage
        choices = self.choices
        for choice in chunk.choices or ():
            index = choice.index if type(choice.index) is int else 0
            state = choices.get(index)
            if state is None:
                state = choices[index] = _ChoiceState()
            if choice.finish_reason:
                state.finish_reason = choice.finish_reason
            logprobs = choice.logprobs
            if logprobs is not None:
                if type(logprobs.content) is list:
                    state.logprobs.extend(logprobs.content)
                if type(logprobs.refusal) is list:
                    state.refusal_logprobs.extend(logprobs.refusal)
            delta = choice.delta
            if delta is None:
                continue
            if _text(delta.role):
                state.role = delta.role
            if _text(delta.content):
                state.content.append(delta.content)
            if _text(delta.refusal):
                state.refusal.append(delta.refusal)
            for call in delta.tool_calls or ():
                state.add_tool_call(call)
            if delta.function_call is not None:
                if state.function_call is None:
                    state.function_call = _Call(0)
                state.function_call.add(delta.function_call)

    def completion(self) -> ChatCompletion:
        built: List[Choice] = []
        for index in sorted(self.choices):
            state = self.choices[index]
            calls = sorted(state.calls, key=lambda c: c.index)  # stable: same index keeps order
            tool_calls = [
                ChatCompletionMessageToolCall(
                    id=call.id,
                    type=call.type or "function",
                    function=Function(name=call.name, arguments="".join(call.arguments)),
                )
                for call in calls
            ]
            function_call = None
            if state.function_call is not None:
                fc = state.function_call
                function_call = Function(name=fc.name, arguments="".join(fc.arguments))
            message = ChatCompletionMessage(
                role=state.role or "assistant",
                content="".join(state.content) if state.content else None,
                refusal="".join(state.refusal) if state.refusal else None,
                tool_calls=tool_calls or None,
                function_call=function_call,
            )
            logprobs = None
            if state.logprobs or state.refusal_logprobs:
                logprobs = ChoiceLogprobs(
                    content=list(state.logprobs) or None,
                    refusal=list(state.refusal_logprobs) or None,
                )
            built.append(
                Choice(
                    index=index,
                    message=message,
                    finish_reason=state.finish_reason,
                    logprobs=logprobs,
                )
            )
        completion = ChatCompletion(
            choices=built, object="chat.completion", usage=self.usage, **self.top
        )
        if self.headers:
            set_headers(completion, self.headers)
        return completion


def accumulate_chat(chunks: Sequence[Any]) -> ChatCompletion:
    """Join the chunks of one chat stream: text, refusal, tool calls by index (their
    argument pieces concatenated), finish reasons and usage."""
    accumulator = ChatAccumulator()
    for chunk in chunks:
        accumulator.add(chunk)
    return accumulator.completion()


_LOGPROB_LISTS = ("tokens", "token_logprobs", "top_logprobs", "text_offset")


def accumulate_text(pieces: Sequence[Any]) -> Any:
    """Join the pieces of one text-completion stream (``Completion`` objects): text and
    logprobs per choice index, the last finish reason and usage, the first id/model/..."""
    from .types.completions import Completion, CompletionChoice, Logprobs

    texts: Dict[int, List[str]] = {}
    finish: Dict[int, Optional[str]] = {}
    logprobs: Dict[int, Dict[str, List[Any]]] = {}
    top: Dict[str, Any] = dict.fromkeys(_TOP_FIELDS[:4])
    usage = None
    headers: Optional[Dict[str, str]] = None
    for piece in pieces:
        for name in top:
            if top[name] is None:
                top[name] = getattr(piece, name, None)
        if headers is None:
            headers = getattr(piece, "_headers", None)
        if piece.usage is not None:
            usage = piece.usage
        for choice in piece.choices or ():
            index = choice.index if type(choice.index) is int else 0
            parts = texts.setdefault(index, [])
            if _text(choice.text):
                parts.append(choice.text)
            if choice.finish_reason:
                finish[index] = choice.finish_reason
            if choice.logprobs is not None:
                lists = logprobs.setdefault(index, {name: [] for name in _LOGPROB_LISTS})
                for name in _LOGPROB_LISTS:
                    value = getattr(choice.logprobs, name, None)
                    if type(value) is list:
                        lists[name].extend(value)
    choices = [
        CompletionChoice(
            text="".join(texts[index]),
            index=index,
            finish_reason=finish.get(index),
            logprobs=Logprobs(**logprobs[index]) if index in logprobs else None,
        )
        for index in sorted(texts)
    ]
    completion = Completion(choices=choices, object="text_completion", usage=usage, **top)
    if headers:
        set_headers(completion, headers)
    return completion
