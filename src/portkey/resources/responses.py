"""``/responses``: the Responses API (create, streamed or not; retrieve, also streamed to
resume a background response; delete, cancel, compact; input items and input tokens)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Type, TypeVar, Union, overload

from typing_extensions import Literal, Unpack

from .._types import NOT_GIVEN, NotGiven, RequestOptions
from ..types.params.responses import (
    InputItemListParams,
    InputTokenCountParams,
    ResponseCompactParams,
    ResponseCreateParams,
    ResponseRetrieveParams,
)
from ..types.responses import (
    CompactedResponse,
    InputTokenCountResponse,
    Response,
    ResponseItem,
    ResponseStreamEvent,
)
from ._base import APIResource, Endpoint, subresource

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage
    from .._stream_responses import AsyncResponseStreamManager, ResponseStreamManager
    from .._streaming import AsyncStream, Stream
    from .._ws_responses import (
        AsyncResponsesConnectionManager,
        ResponsesConnectionManager,
        WebSocketConnectionOptions,
    )
    from ..types.parsed_response import ParsedResponse

T = TypeVar("T")

__all__ = [
    "AsyncInputItems",
    "AsyncInputTokens",
    "AsyncResponses",
    "InputItems",
    "InputTokens",
    "Responses",
]

_create: Endpoint[Response] = Endpoint(
    "POST", "/responses", Response, params=ResponseCreateParams, stream=ResponseStreamEvent
)
_retrieve: Endpoint[Response] = Endpoint(
    "GET",
    "/responses/{response_id}",
    Response,
    params=ResponseRetrieveParams,
    stream=ResponseStreamEvent,
)
_delete: Endpoint[None] = Endpoint("DELETE", "/responses/{response_id}", None)
_cancel: Endpoint[Response] = Endpoint(
    "POST", "/responses/{response_id}/cancel", Response, body=False
)
_compact: Endpoint[CompactedResponse] = Endpoint(
    "POST", "/responses/compact", CompactedResponse, params=ResponseCompactParams
)
_input_items: Endpoint[Any] = Endpoint(
    "GET",
    "/responses/{response_id}/input_items",
    object,
    params=InputItemListParams,
    item=ResponseItem,
)
_input_tokens: Endpoint[InputTokenCountResponse] = Endpoint(
    "POST", "/responses/input_tokens", InputTokenCountResponse, params=InputTokenCountParams
)


def _structured_body(text_format: Any, params: Dict[str, Any]) -> Dict[str, Any]:
    """``parse``/``stream`` parameters as ``create`` takes them: a class ``text_format``
    becomes ``text.format`` (its strict JSON schema); class-built tools become function
    tools."""
    from .._structured import make_response_tools, text_format_param

    if not isinstance(text_format, NotGiven) and text_format is not None:
        params["text"] = {**(params.get("text") or {}), "format": text_format_param(text_format)}
    if "tools" in params:
        params["tools"] = make_response_tools(params["tools"])
    return params


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncInputItems(APIResource):
    def list(
        self, response_id: str, **params: Unpack[InputItemListParams]
    ) -> AsyncPaginator[ResponseItem]:
        """The input items of a response, page by page."""
        return self._list(_input_items, locals())


class AsyncInputTokens(APIResource):
    async def count(self, **params: Unpack[InputTokenCountParams]) -> InputTokenCountResponse:
        """How many input tokens a request with these parameters would use."""
        return await self._call(_input_tokens, locals())


class AsyncResponses(APIResource):
    input_items = subresource(AsyncInputItems)
    input_tokens = subresource(AsyncInputTokens)

    @overload
    async def create(
        self,
        *,
        stream: Union[Literal[False], NotGiven, None] = ...,
        **params: Unpack[ResponseCreateParams],
    ) -> Response: ...
    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[ResponseCreateParams]
    ) -> AsyncStream[ResponseStreamEvent]: ...
    @overload
    async def create(
        self, *, stream: bool, **params: Unpack[ResponseCreateParams]
    ) -> Union[Response, AsyncStream[ResponseStreamEvent]]: ...
    async def create(
        self, *, stream: Union[bool, NotGiven, None] = NOT_GIVEN, **params: Any
    ) -> Union[Response, AsyncStream[ResponseStreamEvent]]:
        """Create a model response; ``stream=True`` returns a stream of typed events
        (``text_deltas()``, ``get_final_response()``).

        Besides the named parameters, any other keyword passes through to the JSON body, and
        every method takes the per-call options ``extra_headers``, ``extra_query``,
        ``extra_body``, ``timeout`` and ``max_retries``.
        """
        return await self._call(_create, locals())

    @overload
    async def retrieve(
        self,
        response_id: str,
        *,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[ResponseRetrieveParams],
    ) -> Response: ...
    @overload
    async def retrieve(
        self, response_id: str, *, stream: Literal[True], **params: Unpack[ResponseRetrieveParams]
    ) -> AsyncStream[ResponseStreamEvent]: ...
    @overload
    async def retrieve(
        self, response_id: str, *, stream: bool, **params: Unpack[ResponseRetrieveParams]
    ) -> Union[Response, AsyncStream[ResponseStreamEvent]]: ...
    async def retrieve(
        self, response_id: str, *, stream: Union[bool, NotGiven] = NOT_GIVEN, **params: Any
    ) -> Union[Response, AsyncStream[ResponseStreamEvent]]:
        """A stored response; ``stream=True`` (with ``starting_after``) streams a background
        response's events again, from where a dropped stream stopped."""
        return await self._call(_retrieve, locals())

    async def delete(self, response_id: str, **params: Unpack[RequestOptions]) -> None:
        """Delete a stored response."""
        return await self._call(_delete, locals())

    async def cancel(self, response_id: str, **params: Unpack[RequestOptions]) -> Response:
        """Cancel a background response."""
        return await self._call(_cancel, locals())

    async def compact(self, **params: Unpack[ResponseCompactParams]) -> CompactedResponse:
        """Compact a conversation into fewer input items for the next request."""
        return await self._call(_compact, locals())

    async def parse(
        self,
        *,
        text_format: Union[Type[T], NotGiven] = NOT_GIVEN,
        **params: Unpack[ResponseCreateParams],
    ) -> ParsedResponse[T]:
        """``create`` with the output text structured into ``text_format`` (an attrs class,
        a dataclass, a TypedDict or a pydantic model, sent as its strict JSON schema):
        ``response.output_parsed``; class-built function tools' ``parsed_arguments``."""
        from .._structured import parse_response

        body = _structured_body(text_format, dict(params))
        response = await self.create(**body)
        return parse_response(response, text_format=text_format, tools=body.get("tools"))

    def stream(
        self,
        *,
        response_id: Optional[str] = None,
        text_format: Union[Type[T], NotGiven] = NOT_GIVEN,
        starting_after: Optional[int] = None,
        **params: Unpack[ResponseCreateParams],
    ) -> AsyncResponseStreamManager[T]:
        """A streamed ``create`` (or, with ``response_id``, the stream of a background
        response resumed after ``starting_after``) as a context manager with openai-python's
        events (``snapshot`` on text deltas, ``get_final_response()``)."""
        from .._stream_responses import AsyncResponseStreamManager

        body = _structured_body(text_format, dict(params))
        if response_id is None:
            request = lambda: self.create(stream=True, **body)  # noqa: E731
        else:  # as openai-python: the events up to starting_after are skipped here
            request = lambda: self.retrieve(response_id, stream=True)  # noqa: E731
        return AsyncResponseStreamManager(
            request,
            text_format=text_format,
            input_tools=body.get("tools"),
            starting_after=starting_after,
        )

    def connect(
        self,
        *,
        extra_query: Optional[Mapping[str, Any]] = None,
        extra_headers: Optional[Mapping[str, Optional[str]]] = None,
        websocket_connection_options: Optional[WebSocketConnectionOptions] = None,
    ) -> AsyncResponsesConnectionManager:
        """A persistent Responses API WebSocket (``<base_url>/responses`` as ws(s), with the
        client's headers): ``connection.response.create(...)`` sends a request, ``recv()``
        or iteration gives its typed events. Needs ``pip install 'portkey-fast[realtime]'``."""
        from .._ws_responses import AsyncResponsesConnectionManager

        return AsyncResponsesConnectionManager(
            self._client,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
        )


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class InputItems(APIResource):
    def list(
        self, response_id: str, **params: Unpack[InputItemListParams]
    ) -> SyncPage[ResponseItem]:
        """The input items of a response, page by page."""
        return self._list(_input_items, locals())


class InputTokens(APIResource):
    def count(self, **params: Unpack[InputTokenCountParams]) -> InputTokenCountResponse:
        """How many input tokens a request with these parameters would use."""
        return self._call(_input_tokens, locals())


class Responses(APIResource):
    input_items = subresource(InputItems)
    input_tokens = subresource(InputTokens)

    @overload
    def create(
        self,
        *,
        stream: Union[Literal[False], NotGiven, None] = ...,
        **params: Unpack[ResponseCreateParams],
    ) -> Response: ...
    @overload
    def create(
        self, *, stream: Literal[True], **params: Unpack[ResponseCreateParams]
    ) -> Stream[ResponseStreamEvent]: ...
    @overload
    def create(
        self, *, stream: bool, **params: Unpack[ResponseCreateParams]
    ) -> Union[Response, Stream[ResponseStreamEvent]]: ...
    def create(
        self, *, stream: Union[bool, NotGiven, None] = NOT_GIVEN, **params: Any
    ) -> Union[Response, Stream[ResponseStreamEvent]]:
        """Create a model response; ``stream=True`` returns a stream of typed events
        (``text_deltas()``, ``get_final_response()``).

        Besides the named parameters, any other keyword passes through to the JSON body, and
        every method takes the per-call options ``extra_headers``, ``extra_query``,
        ``extra_body``, ``timeout`` and ``max_retries``.
        """
        return self._call(_create, locals())

    @overload
    def retrieve(
        self,
        response_id: str,
        *,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[ResponseRetrieveParams],
    ) -> Response: ...
    @overload
    def retrieve(
        self, response_id: str, *, stream: Literal[True], **params: Unpack[ResponseRetrieveParams]
    ) -> Stream[ResponseStreamEvent]: ...
    @overload
    def retrieve(
        self, response_id: str, *, stream: bool, **params: Unpack[ResponseRetrieveParams]
    ) -> Union[Response, Stream[ResponseStreamEvent]]: ...
    def retrieve(
        self, response_id: str, *, stream: Union[bool, NotGiven] = NOT_GIVEN, **params: Any
    ) -> Union[Response, Stream[ResponseStreamEvent]]:
        """A stored response; ``stream=True`` (with ``starting_after``) streams a background
        response's events again, from where a dropped stream stopped."""
        return self._call(_retrieve, locals())

    def delete(self, response_id: str, **params: Unpack[RequestOptions]) -> None:
        """Delete a stored response."""
        return self._call(_delete, locals())

    def cancel(self, response_id: str, **params: Unpack[RequestOptions]) -> Response:
        """Cancel a background response."""
        return self._call(_cancel, locals())

    def compact(self, **params: Unpack[ResponseCompactParams]) -> CompactedResponse:
        """Compact a conversation into fewer input items for the next request."""
        return self._call(_compact, locals())

    def parse(
        self,
        *,
        text_format: Union[Type[T], NotGiven] = NOT_GIVEN,
        **params: Unpack[ResponseCreateParams],
    ) -> ParsedResponse[T]:
        """``create`` with the output text structured into ``text_format`` (an attrs class,
        a dataclass, a TypedDict or a pydantic model, sent as its strict JSON schema):
        ``response.output_parsed``; class-built function tools' ``parsed_arguments``."""
        from .._structured import parse_response

        body = _structured_body(text_format, dict(params))
        response = self.create(**body)
        return parse_response(response, text_format=text_format, tools=body.get("tools"))

    def stream(
        self,
        *,
        response_id: Optional[str] = None,
        text_format: Union[Type[T], NotGiven] = NOT_GIVEN,
        starting_after: Optional[int] = None,
        **params: Unpack[ResponseCreateParams],
    ) -> ResponseStreamManager[T]:
        """A streamed ``create`` (or, with ``response_id``, the stream of a background
        response resumed after ``starting_after``) as a context manager with openai-python's
        events (``snapshot`` on text deltas, ``get_final_response()``)."""
        from .._stream_responses import ResponseStreamManager

        body = _structured_body(text_format, dict(params))
        if response_id is None:
            request = lambda: self.create(stream=True, **body)  # noqa: E731
        else:  # as openai-python: the events up to starting_after are skipped here
            request = lambda: self.retrieve(response_id, stream=True)  # noqa: E731
        return ResponseStreamManager(
            request,
            text_format=text_format,
            input_tools=body.get("tools"),
            starting_after=starting_after,
        )

    def connect(
        self,
        *,
        extra_query: Optional[Mapping[str, Any]] = None,
        extra_headers: Optional[Mapping[str, Optional[str]]] = None,
        websocket_connection_options: Optional[WebSocketConnectionOptions] = None,
    ) -> ResponsesConnectionManager:
        """A persistent Responses API WebSocket (``<base_url>/responses`` as ws(s), with the
        client's headers): ``connection.response.create(...)`` sends a request, ``recv()``
        or iteration gives its typed events. Needs ``pip install 'portkey-fast[realtime]'``."""
        from .._ws_responses import ResponsesConnectionManager

        return ResponsesConnectionManager(
            self._client,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
        )
