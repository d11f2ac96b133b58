"""``/chat/completions``: create (streamed or not), and the stored completions
(``store=True``): list, retrieve, update, delete, and their messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Mapping, Type, TypeVar, Union, overload

from typing_extensions import Literal, Unpack

from .._types import NOT_GIVEN, NotGiven, RequestOptions
from ..types.chat import ChatCompletion, ChatCompletionChunk
from ..types.chat_stored import ChatCompletionDeleted, ChatCompletionStoreMessage
from ..types.params.chat import (
    CREATE_LATE,
    ChatCompletionCreateParams,
    ChatCompletionListParams,
    ChatCompletionParseParams,
    ChatCompletionUpdateParams,
    MessageListParams,
)
from ._base import APIResource, Endpoint, subresource

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage
    from .._stream_chat import AsyncChatCompletionStreamManager, ChatCompletionStreamManager
    from .._streaming import AsyncStream, Stream
    from ..types.parsed_chat import ParsedChatCompletion

T = TypeVar("T")
ResponseFormat = Union[Type[T], Mapping[str, Any], NotGiven]

__all__ = ["AsyncChat", "AsyncCompletions", "AsyncMessages", "Chat", "Completions", "Messages"]

_create: Endpoint[ChatCompletion] = Endpoint(
    "POST",
    "/chat/completions",
    ChatCompletion,
    params=ChatCompletionCreateParams,
    stream=ChatCompletionChunk,
    late=CREATE_LATE,
    defaults={"model": "portkey-default"},
)
_retrieve: Endpoint[ChatCompletion] = Endpoint(
    "GET", "/chat/completions/{completion_id}", ChatCompletion
)
_update: Endpoint[ChatCompletion] = Endpoint(
    "POST",
    "/chat/completions/{completion_id}",
    ChatCompletion,
    params=ChatCompletionUpdateParams,
    defaults={"metadata": None},  # the official sends null when not given
)
_delete: Endpoint[ChatCompletionDeleted] = Endpoint(
    "DELETE", "/chat/completions/{completion_id}", ChatCompletionDeleted
)
_list: Endpoint[Any] = Endpoint(
    "GET", "/chat/completions", object, params=ChatCompletionListParams, item=ChatCompletion
)
_messages: Endpoint[Any] = Endpoint(
    "GET",
    "/chat/completions/{completion_id}/messages",
    object,
    params=MessageListParams,
    item=ChatCompletionStoreMessage,
)


def _structured_body(response_format: Any, params: Dict[str, Any]) -> Dict[str, Any]:
    """``parse``/``stream`` parameters as ``create`` takes them: a class becomes its strict
    JSON schema ``response_format``; function tools must be strict to be parsed."""
    from .._structured import response_format_param, validate_input_tools

    validate_input_tools(params.get("tools"))
    if not isinstance(response_format, NotGiven) and response_format is not None:
        params["response_format"] = response_format_param(response_format)
    return params


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncMessages(APIResource):
    def list(
        self, completion_id: str, **params: Unpack[MessageListParams]
    ) -> AsyncPaginator[ChatCompletionStoreMessage]:
        """The messages of a stored chat completion, page by page."""
        return self._list(_messages, locals())


class AsyncCompletions(APIResource):
    messages = subresource(AsyncMessages)

    @overload
    async def create(
        self,
        *,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[ChatCompletionCreateParams],
    ) -> ChatCompletion: ...
    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[ChatCompletionCreateParams]
    ) -> AsyncStream[ChatCompletionChunk]: ...
    @overload
    async def create(
        self, *, stream: bool, **params: Unpack[ChatCompletionCreateParams]
    ) -> Union[ChatCompletion, AsyncStream[ChatCompletionChunk]]: ...
    async def create(
        self, *, stream: Union[bool, NotGiven] = NOT_GIVEN, **params: Any
    ) -> Union[ChatCompletion, AsyncStream[ChatCompletionChunk]]:
        """Create a chat completion; ``stream=True`` returns a stream of chunks.

        Besides the named parameters, any other keyword passes through to the JSON body, and
        every method takes the per-call options ``extra_headers``, ``extra_query``,
        ``extra_body``, ``timeout`` and ``max_retries``.
        """
        return await self._call(_create, locals())

    async def retrieve(
        self, completion_id: str, **params: Unpack[RequestOptions]
    ) -> ChatCompletion:
        """A stored chat completion (one created with ``store=True``)."""
        return await self._call(_retrieve, locals())

    async def update(
        self, completion_id: str, **params: Unpack[ChatCompletionUpdateParams]
    ) -> ChatCompletion:
        """Change a stored chat completion's ``metadata``."""
        return await self._call(_update, locals())

    async def delete(
        self, completion_id: str, **params: Unpack[RequestOptions]
    ) -> ChatCompletionDeleted:
        """Delete a stored chat completion."""
        return await self._call(_delete, locals())

    def list(self, **params: Unpack[ChatCompletionListParams]) -> AsyncPaginator[ChatCompletion]:
        """The stored chat completions, page by page (filter by ``model``, ``metadata``)."""
        return self._list(_list, locals())

    async def parse(
        self,
        *,
        response_format: ResponseFormat[T] = NOT_GIVEN,
        **params: Unpack[ChatCompletionParseParams],
    ) -> ParsedChatCompletion[T]:
        """``create`` with the answer structured into ``response_format`` (an attrs class, a
        dataclass, a TypedDict or a pydantic model, sent as its strict JSON schema):
        ``choices[0].message.parsed``; strict function tools' ``parsed_arguments``."""
        from .._structured import parse_chat_completion

        body = _structured_body(response_format, dict(params))
        completion = await self.create(stream=False, **body)  # sent, as the official does
        tools = params.get("tools")
        return parse_chat_completion(completion, response_format=response_format, tools=tools)

    def stream(
        self,
        *,
        response_format: ResponseFormat[T] = NOT_GIVEN,
        **params: Unpack[ChatCompletionParseParams],
    ) -> AsyncChatCompletionStreamManager[T]:
        """A streamed ``create`` as a context manager whose events are openai-python's
        (``content.delta``, ``content.done``, ``tool_calls.function.arguments.delta``, ...;
        ``get_final_completion()``)."""
        from .._stream_chat import AsyncChatCompletionStreamManager

        body = _structured_body(response_format, dict(params))
        return AsyncChatCompletionStreamManager(
            lambda: self.create(stream=True, **body),
            response_format=response_format,
            input_tools=params.get("tools"),
        )


class AsyncChat(APIResource):
    completions = subresource(AsyncCompletions)


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class Messages(APIResource):
    def list(
        self, completion_id: str, **params: Unpack[MessageListParams]
    ) -> SyncPage[ChatCompletionStoreMessage]:
        """The messages of a stored chat completion, page by page."""
        return self._list(_messages, locals())


class Completions(APIResource):
    messages = subresource(Messages)

    @overload
    def create(
        self,
        *,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[ChatCompletionCreateParams],
    ) -> ChatCompletion: ...
    @overload
    def create(
        self, *, stream: Literal[True], **params: Unpack[ChatCompletionCreateParams]
    ) -> Stream[ChatCompletionChunk]: ...
    @overload
    def create(
        self, *, stream: bool, **params: Unpack[ChatCompletionCreateParams]
    ) -> Union[ChatCompletion, Stream[ChatCompletionChunk]]: ...
    def create(
        self, *, stream: Union[bool, NotGiven] = NOT_GIVEN, **params: Any
    ) -> Union[ChatCompletion, Stream[ChatCompletionChunk]]:
        """Create a chat completion; ``stream=True`` returns a stream of chunks.

        Besides the named parameters, any other keyword passes through to the JSON body, and
        every method takes the per-call options ``extra_headers``, ``extra_query``,
        ``extra_body``, ``timeout`` and ``max_retries``.
        """
        return self._call(_create, locals())

    def retrieve(self, completion_id: str, **params: Unpack[RequestOptions]) -> ChatCompletion:
        """A stored chat completion (one created with ``store=True``)."""
        return self._call(_retrieve, locals())

    def update(
        self, completion_id: str, **params: Unpack[ChatCompletionUpdateParams]
    ) -> ChatCompletion:
        """Change a stored chat completion's ``metadata``."""
        return self._call(_update, locals())

    def delete(self, completion_id: str, **params: Unpack[RequestOptions]) -> ChatCompletionDeleted:
        """Delete a stored chat completion."""
        return self._call(_delete, locals())

    def list(self, **params: Unpack[ChatCompletionListParams]) -> SyncPage[ChatCompletion]:
        """The stored chat completions, page by page (filter by ``model``, ``metadata``)."""
        return self._list(_list, locals())

    def parse(
        self,
        *,
        response_format: ResponseFormat[T] = NOT_GIVEN,
        **params: Unpack[ChatCompletionParseParams],
    ) -> ParsedChatCompletion[T]:
        """``create`` with the answer structured into ``response_format`` (an attrs class, a
        dataclass, a TypedDict or a pydantic model, sent as its strict JSON schema):
        ``choices[0].message.parsed``; strict function tools' ``parsed_arguments``."""
        from .._structured import parse_chat_completion

        body = _structured_body(response_format, dict(params))
        completion = self.create(stream=False, **body)  # sent, as the official does
        tools = params.get("tools")
        return parse_chat_completion(completion, response_format=response_format, tools=tools)

    def stream(
        self,
        *,
        response_format: ResponseFormat[T] = NOT_GIVEN,
        **params: Unpack[ChatCompletionParseParams],
    ) -> ChatCompletionStreamManager[T]:
        """A streamed ``create`` as a context manager whose events are openai-python's
        (``content.delta``, ``content.done``, ``tool_calls.function.arguments.delta``, ...;
        ``get_final_completion()``)."""
        from .._stream_chat import ChatCompletionStreamManager

        body = _structured_body(response_format, dict(params))
        return ChatCompletionStreamManager(
            lambda: self.create(stream=True, **body),
            response_format=response_format,
            input_tools=params.get("tools"),
        )


class Chat(APIResource):
    completions = subresource(Completions)
