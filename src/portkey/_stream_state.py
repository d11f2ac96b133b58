"""What a stream decides, with no I/O: ``_StreamState`` turns bytes into typed items (events
→ JSON → the one converter), tells a finished stream from a cut-off one, and turns error
events into our typed errors. ``_streaming.py`` reads the bytes and closes the response."""

from __future__ import annotations

import json
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Generic,
    Iterable,
    List,
    Optional,
    Type,
    TypeVar,
    Union,
)

import httpx

from ._convert import structure_hook
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    decode_body,
    error_message,
    status_error,
)
from ._models import BaseModel
from ._response import portkey_headers
from ._sse import ServerSentEvent, SSEDecoder

if TYPE_CHECKING:
    pass

__all__ = ["error_event", "not_a_stream"]

T = TypeVar("T")

# Headers that describe the real body, not the error body rebuilt from an error event.
_BODY_HEADERS = ("content-encoding", "content-length", "transfer-encoding")
# Event types whose data is always an item of the stream (or an error).
_ITEM_EVENTS = ("message", "completion", "error")


_scan_once = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _loads(data: str) -> Any:
    """``json.loads`` without its wrapper layers: the C scanner straight on the event data.

    Anything unusual (leading whitespace, invalid JSON) goes through ``json.loads`` for the
    exact standard behaviour and error.
    """
    try:
        value, end = _scan_once(data, 0)
    except StopIteration:
        return json.loads(data)
    if end != len(data) and data[end:].strip(" \t\n\r"):
        return json.loads(data)  # raises "Extra data"
    return value


# Event types that end a stream properly without [DONE] (OpenAI Responses, Anthropic's
# messages, speech, transcription and image streams).
_FINAL_TYPES = frozenset(
    (
        "response.completed",
        "response.incomplete",
        "response.failed",
        "message_stop",
        "speech.audio.done",
        "transcript.text.done",
        "image_generation.completed",
        "image_edit.completed",
    )
)


def _final_type(value: Any) -> bool:
    return type(value) is str and value in _FINAL_TYPES  # a list "type" is not hashable


def _completed(items: Iterable[Any]) -> bool:
    """Whether the items (latest first) show a finished answer: a choice's finish_reason
    (chat, completions, prompts) or a final event type; typed items or plain dicts."""
    for item in items:
        if isinstance(item, dict):
            if _final_type(item.get("type")):
                return True
            choices = item.get("choices")
            if isinstance(choices, list) and any(
                isinstance(c, dict) and c.get("finish_reason") for c in choices
            ):
                return True
            continue
        if _final_type(getattr(item, "type", None)):
            return True
        for choice in getattr(item, "choices", None) or ():
            # (a generic item's choices are plain dicts)
            if isinstance(choice, dict):
                if choice.get("finish_reason"):
                    return True
            elif getattr(choice, "finish_reason", None):
                return True
    return False


def _typed_item(event: str, payload: Any) -> bool:
    """Whether a named event's JSON object is plainly an item: it has a ``type`` that is not
    ``error``, and the event is not ``error`` or ``ping`` (see ``_StreamState._unusual``)."""
    kind = payload.get("type")
    return (
        kind is not None
        and kind != "error"
        and event != "error"
        and event != "ping"
        and not event.startswith("thread.")  # an Assistants event: see _StreamState._items
    )


def _choice_text(choice: Any) -> Any:
    """The text a streamed choice adds: its delta's content (chat) or its text (completions)."""
    delta = getattr(choice, "delta", None)
    if delta is not None:
        return delta.content
    return getattr(choice, "text", None)


def _item_text(item: Any) -> Optional[str]:
    """The text an item adds, or None: the first choice's (chat, completions, prompts), or a
    Responses ``response.output_text.delta`` event's delta."""
    choices = getattr(item, "choices", None)
    if choices:
        text = _choice_text(choices[0])
    elif getattr(item, "type", None) == "response.output_text.delta":
        text = getattr(item, "delta", None)
    else:
        return None
    return text if text and type(text) is str else None


def _status_of(value: Any) -> Optional[int]:
    """An HTTP error status given as a number or a string of digits, else None."""
    if type(value) is str and value.isascii() and value.isdigit() and len(value) == 3:
        value = int(value)
    if type(value) is int and 400 <= value <= 599:
        return value
    return None


def _carries_error(payload: Any) -> bool:
    """Whether a JSON payload reports an error (``"error": null`` or ``false`` does not)."""
    return type(payload) is dict and payload.get("error") not in (None, False, "", {})


def error_event(payload: Any, response: httpx.Response) -> APIError:
    """The typed error for an error event (or error document), by the status it names."""
    error = payload.get("error") if type(payload) is dict else None
    status = None
    for source in (error, payload):
        if type(source) is dict:
            for key in ("status", "status_code", "code"):
                status = _status_of(source.get(key))
                if status is not None:
                    break
        if status is not None:
            break
    if status is not None:
        headers = response.headers.copy()
        for name in _BODY_HEADERS:
            headers.pop(name, None)
        rebuilt = httpx.Response(
            status,
            headers=headers,
            content=json.dumps(payload).encode(),
            request=response.request,
        )
        return status_error(rebuilt)
    message = error_message(payload) or "The stream reported an error."
    return APIError(message, response.request, body=payload)


def not_a_stream(response: httpx.Response) -> APIError:
    """The error for a stream request answered with a JSON document (its body read): the
    error it carries, typed by the status it names, or APIResponseValidationError with it."""
    body = decode_body(response.content)
    if _carries_error(body):
        return error_event(body, response)
    return APIResponseValidationError(
        f"Expected an event stream for stream=True, got {response.headers['content-type']}.",
        response=response,
        body=body,
    )


class _Items(List[Any]):
    """The items of one read, when it was not exactly one plain event: a type of its own, so
    that no item (whatever the stream's type) is taken for it."""

    __slots__ = ()


class _StreamState(Generic[T]):
    """Everything a stream decides, for both stream classes: no I/O here."""

    __slots__ = (
        "_feed_named",
        "_feed_single",
        "_headers",
        "_item_headers",
        "_structure",
        "cast",
        "complete",
        "decoder",
        "done",
        "error",
        "reopen",
        "response",
        "stopped",
        "texts",
    )

    def __init__(self, cast: Type[T], response: httpx.Response, reopen: Any = None) -> None:
        self.cast = cast
        self.response = response
        self.reopen = reopen  # the client's way to send again (see retry_delay)
        self.decoder = SSEDecoder()
        self.done = False  # saw [DONE]
        self.stopped = False  # saw [DONE] or an error: read no further
        self.complete = False  # the stream ended properly ([DONE], or a finish_reason)
        self.error: Optional[APIError] = None  # to raise once the items before it are out
        # The data of every item delivered, for get_final_completion() (which must include
        # the items the caller already iterated). Strings, not the items: a long stream then
        # keeps no objects the garbage collector must walk again and again (measured: up to
        # ~4 us per chunk in a large process); the items are rebuilt from them when asked.
        self.texts: List[str] = []
        self._headers = portkey_headers(response.headers)
        # Attached to each item for its get_headers() (models only).
        self._item_headers = (
            self._headers if isinstance(cast, type) and issubclass(cast, BaseModel) else None
        )
        self._structure: Callable[[Any, Any], T] = structure_hook(cast)
        self._feed_single = self.decoder.feed_single
        self._feed_named = self.decoder.feed_named

    def feed(self, raw: bytes) -> Union[T, _Items]:
        """What one read of the body completed (the per-chunk hot path): the usual read, one
        plain ``data: {...}`` event (or one named event such as the Responses API sends),
        gives its item; any other read gives an :class:`_Items` list of the items it
        completed (maybe none).

        An error stops the stream: it is kept in ``error``, the items before it are returned.
        """
        if self.stopped:
            return _Items()
        event = "message"
        data = self._feed_single(raw)
        if data is None:  # one named event (Responses: `event: response.output_text.delta`)?
            named = self._feed_named(raw)
            if named is None:
                return self._items(self.decoder.feed(raw))
            event, data = named
        try:
            payload, end = _scan_once(data, 0)  # _loads, minus a call
        except (StopIteration, ValueError, RecursionError):
            payload = end = None  # [DONE], not JSON, ...: for the general path
        if (
            end == len(data)
            and type(payload) is dict
            and "error" not in payload
            # a named event is an item when it has a type that is not an error: what
            # _unusual decides, without the detour
            and (event == "message" or _typed_item(event, payload))
        ):
            try:
                item = self._structure(payload, self.cast)
            except Exception as exc:
                self.error = self._bad_shape(payload, exc)
                self.stopped = True
                return _Items()
            if self._item_headers is not None:
                item._headers = self._item_headers  # type: ignore[attr-defined]
            self.texts.append(data)
            return item
        return self._items([ServerSentEvent(event, data, self.decoder.last_event_id)])

    def _items(self, events: List[ServerSentEvent]) -> _Items:
        """The items of decoded events (the general :meth:`feed`)."""
        items = _Items()
        structure = self._structure
        cast = self.cast
        headers = self._item_headers
        texts = self.texts
        try:
            for event in events:
                data = event.data
                if data.startswith("[DONE]"):
                    self.done = self.stopped = self.complete = True
                    break
                try:
                    payload = _loads(data)
                except (ValueError, RecursionError):
                    self._not_json(event.event, data)
                    continue
                if event.event.startswith("thread.") and type(payload) is dict:
                    # An Assistants event (`event: thread.run.created`): its name is the
                    # item's `event`, its object the item's `data`, as openai-python has them.
                    payload = {"event": event.event, "data": payload}
                    data = json.dumps(payload)  # retained as delivered (see _item_of)
                    try:
                        item: Any = structure(payload, cast)
                    except Exception as exc:
                        raise self._bad_shape(payload, exc) from None
                elif event.event != "message" or type(payload) is not dict or "error" in payload:
                    item = self._unusual(event.event, payload)
                    if item is None:
                        continue
                else:
                    try:
                        item = structure(payload, cast)
                    except Exception as exc:
                        raise self._bad_shape(payload, exc) from None
                if headers is not None:
                    item._headers = headers
                items.append(item)
                texts.append(data)
                if self.stopped:  # the Responses error event: delivered, then raised
                    break
        except APIError as exc:
            self.error = exc
            self.stopped = True
        return items

    def _item_of(self, text: str) -> Any:
        """The item again from its retained data (it was structured once already)."""
        item: Any = self._structure(_loads(text), self.cast)
        if self._item_headers is not None:
            item._headers = self._item_headers
        return item

    def items_so_far(self) -> List[T]:
        """Every item delivered so far, rebuilt from the retained data (for accumulation)."""
        return [self._item_of(text) for text in self.texts]

    def _unusual(self, event: str, payload: Any) -> Any:
        """An event that is not a plain data message: an error, another event type, ..."""
        if (
            type(payload) is dict
            and payload.get("type") == "error"
            and "error" not in payload
            and not isinstance(self.cast, type)  # a union of event types: Responses
        ):
            # The Responses API's error event ({"type": "error", "code", "message", ...}):
            # delivered as its typed event, as openai-python does, then the stream stops and
            # raises the error it names (a failed stream is never a quiet end).
            try:
                item = self._structure(payload, self.cast)
            except Exception as exc:
                raise self._bad_shape(payload, exc) from None
            self.error = self._error({"error": payload})
            self.stopped = True
            return item
        if event == "error" or _carries_error(payload):
            raise self._error(payload)
        if event not in _ITEM_EVENTS and (
            event == "ping"
            or type(payload) is not dict
            or ("object" not in payload and "choices" not in payload and "type" not in payload)
        ):
            return None  # an event this stream does not carry (ping, a bare value, ...)
        try:
            return self._structure(payload, self.cast)
        except Exception as exc:
            raise self._bad_shape(payload, exc) from None

    def _not_json(self, event: str, data: str) -> None:
        """Data that is not JSON: an error for an item or error event, else skipped."""
        if event == "error":
            raise self._error({"error": {"message": data}} if data.strip() else {})
        if (event in _ITEM_EVENTS or event.startswith("thread.")) and data.strip(" \t\r\n"):
            raise APIResponseValidationError(
                f"A stream event's data is not valid JSON: {data[:200]!r}",
                response=self.response,
                body=data,
            )
        # An empty `data:` line (a keep-alive) or another event type: nothing to deliver.

    def _bad_shape(self, payload: Any, exc: Exception) -> APIError:
        return APIResponseValidationError(
            f"A stream event does not have the shape of {self.cast.__name__}: {exc}",
            response=self.response,
            body=payload,
        )

    def _error(self, payload: Any) -> APIError:
        return error_event(payload, self.response)

    def end(self) -> None:
        """The body ended: a stream cut short is an error, not a success."""
        self.decoder.close()
        if self.done:
            return
        if self.decoder.truncated:
            raise APIConnectionError(
                "The stream ended in the middle of an event (no [DONE]).",
                self.response.request,
            )
        if not _completed(map(self._item_of, reversed(self.texts))):
            raise APIConnectionError(
                "The stream ended before it completed (no [DONE], no finish_reason, no final "
                "event such as response.completed).",
                self.response.request,
            )
        self.complete = True

    def retry_delay(self, exc: Exception) -> Optional[float]:
        """The wait before sending the request again after the connection failed, or None.
        Only before the first item: after it, sending again would repeat what the caller
        already has. The call's own attempts decide (``max_retries``, deadline, backoff)."""
        if self.texts or self.reopen is None or not isinstance(exc, httpx.TransportError):
            return None
        return self.reopen.attempts.after_error(exc, self.reopen.request)  # type: ignore[no-any-return]

    def restart(self, response: httpx.Response) -> None:
        """Read ``response`` from scratch (nothing was delivered from the failed one)."""
        self.__init__(self.cast, response, self.reopen)  # type: ignore[misc]

    def raise_failure(self, failure: Optional[APIError]) -> None:
        """Raise the stream's failure, if any, once the items before it are out. Called
        outside the ``except`` block that caught the httpx exception: that exception (whose
        request holds the secret headers) must not stay reachable as ``__context__``."""
        if failure is not None:
            raise failure from None
        if self.error is not None:
            raise self.error

    def transport_error(self, exc: Exception) -> APIError:
        if isinstance(exc, httpx.DecodingError):  # corrupt gzip: the server's fault
            return APIResponseValidationError(
                f"The stream's body could not be decoded ({exc})", response=self.response, body=None
            )
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError("Timed out while reading the stream.", self.response.request)
        detail = str(exc) or type(exc).__name__
        return APIConnectionError(f"The stream broke: {detail}", self.response.request)

    def final_response(self) -> Any:
        """The ``response`` of the stream's final Responses event."""
        if not self.complete:
            raise APIConnectionError(
                "The stream was closed or failed before it completed: no final response.",
                self.response.request,
            )
        for text in reversed(self.texts):
            item = self._item_of(text)
            kind = item.get("type") if isinstance(item, dict) else getattr(item, "type", None)
            if kind in ("response.completed", "response.incomplete", "response.failed"):
                return item["response"] if isinstance(item, dict) else item.response
        raise APIResponseValidationError(
            "The stream has no final Responses event (response.completed, ...).",
            response=self.response,
            body=None,
        )

    def final_completion(self) -> Any:
        if not self.complete:
            raise APIConnectionError(
                "The stream was closed or failed before it completed: no final completion.",
                self.response.request,
            )
        from ._accumulate import accumulate_chat, accumulate_text
        from .types.completions import Completion

        text = self.cast is Completion
        try:
            if text:
                return accumulate_text(self.items_so_far())
            return accumulate_chat(self.items_so_far())
        except Exception as exc:
            kind = "text completion" if text else "chat completion"
            raise APIResponseValidationError(
                f"The stream's chunks do not assemble into a {kind}: {exc}",
                response=self.response,
                body=None,
            ) from None
