"""``/chat/completions``."""

from __future__ import annotations

from typing import Any, Dict, Iterable, Mapping, Union, overload

from typing_extensions import Literal

from .._streaming import AsyncStream, Stream
from .._types import NOT_GIVEN, Call, NotGiven, split_named, split_options
from ..types.chat import ChatCompletion, ChatCompletionChunk
from ._base import APIResource

__all__ = ["AsyncChat", "AsyncCompletions", "Chat", "Completions"]

Messages = Iterable[Union[Mapping[str, Any], Any]]

# The parameters the official SDK names (extra_body overrides these; other keyword
# parameters override extra_body).
NAMED = frozenset(
    (
        "temperature",
        "max_tokens",
        "top_p",
        "audio",
        "max_completion_tokens",
        "metadata",
        "modalities",
        "prediction",
        "reasoning_effort",
        "store",
    )
)


def create_call(
    messages: Messages, model: str, stream: Union[bool, NotGiven], params: Dict[str, Any]
) -> Call[Any]:
    """``POST /chat/completions``: every parameter passes through to the JSON body."""
    options = split_options(params)
    body: Dict[str, Any] = {"messages": messages, "model": model, **split_named(params, NAMED)}
    if not isinstance(stream, NotGiven):
        body["stream"] = stream
    cast = ChatCompletionChunk if stream else ChatCompletion
    return Call(
        "POST",
        "/chat/completions",
        cast,
        body=body,
        params=params,
        stream=bool(stream),
        options=options,
    )


class Completions(APIResource):
    @overload
    def create(
        self,
        *,
        messages: Messages,
        model: str = ...,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Any,
    ) -> ChatCompletion: ...
    @overload
    def create(
        self, *, messages: Messages, model: str = ..., stream: Literal[True], **params: Any
    ) -> Stream[ChatCompletionChunk]: ...
    @overload
    def create(
        self, *, messages: Messages, model: str = ..., stream: bool, **params: Any
    ) -> Union[ChatCompletion, Stream[ChatCompletionChunk]]: ...
    def create(
        self,
        *,
        messages: Messages,
        model: str = "portkey-default",
        stream: Union[bool, NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> Union[ChatCompletion, Stream[ChatCompletionChunk]]:
        """Create a chat completion; ``stream=True`` returns a ``Stream`` of chunks.

        Any OpenAI parameter passes through (``tools``, ``response_format``, ...), and the
        per-call options ``extra_headers``, ``extra_query``, ``extra_body``, ``timeout`` and
        ``max_retries``.
        """
        return self._call(create_call(messages, model, stream, params))  # type: ignore[no-any-return]


class AsyncCompletions(APIResource):
    @overload
    async def create(
        self,
        *,
        messages: Messages,
        model: str = ...,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Any,
    ) -> ChatCompletion: ...
    @overload
    async def create(
        self, *, messages: Messages, model: str = ..., stream: Literal[True], **params: Any
    ) -> AsyncStream[ChatCompletionChunk]: ...
    @overload
    async def create(
        self, *, messages: Messages, model: str = ..., stream: bool, **params: Any
    ) -> Union[ChatCompletion, AsyncStream[ChatCompletionChunk]]: ...
    async def create(
        self,
        *,
        messages: Messages,
        model: str = "portkey-default",
        stream: Union[bool, NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> Union[ChatCompletion, AsyncStream[ChatCompletionChunk]]:
        """Create a chat completion; ``stream=True`` returns an ``AsyncStream`` of chunks."""
        return await self._call(create_call(messages, model, stream, params))  # type: ignore[no-any-return]


class Chat(APIResource):
    @property
    def completions(self) -> Completions:
        return Completions(self._client, raw=self._raw)


class AsyncChat(APIResource):
    @property
    def completions(self) -> AsyncCompletions:
        return AsyncCompletions(self._client, raw=self._raw)
