"""``/completions`` (text completions)."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Union, overload

from typing_extensions import Literal

from .._streaming import AsyncStream, Stream
from .._types import NOT_GIVEN, Call, NotGiven, split_named, split_options
from ..types.completions import Completion
from ._base import APIResource

__all__ = ["AsyncCompletions", "Completions"]

Prompt = Union[str, List[str], Iterable[int], Iterable[Iterable[int]], None]

# The parameters the official SDK names (extra_body overrides these; other keyword
# parameters override extra_body).
NAMED = frozenset(
    (
        "temperature",
        "max_tokens",
        "top_p",
        "best_of",
        "echo",
        "frequency_penalty",
        "logit_bias",
        "logprobs",
        "n",
        "presence_penalty",
        "seed",
        "stop",
        "suffix",
        "user",
        "stream_options",
    )
)


def create_call(
    model: Any, prompt: Prompt, stream: Union[bool, NotGiven], params: Dict[str, Any]
) -> Call[Completion]:
    """``POST /completions``: ``prompt`` is always sent (``null`` when not given, as the
    official SDK does); every other parameter passes through to the JSON body."""
    options = split_options(params)
    sent: Any = prompt
    if prompt is not None and not isinstance(prompt, (str, list)):
        sent = [p if isinstance(p, (int, str)) else list(p) for p in prompt]  # token iterables
    body: Dict[str, Any] = {"model": model, "prompt": sent, **split_named(params, NAMED)}
    if not isinstance(stream, NotGiven):
        body["stream"] = stream
    return Call(
        "POST",
        "/completions",
        Completion,
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
        model: str = ...,
        prompt: Prompt = ...,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Any,
    ) -> Completion: ...
    @overload
    def create(
        self, *, model: str = ..., prompt: Prompt = ..., stream: Literal[True], **params: Any
    ) -> Stream[Completion]: ...
    @overload
    def create(
        self, *, model: str = ..., prompt: Prompt = ..., stream: bool, **params: Any
    ) -> Union[Completion, Stream[Completion]]: ...
    def create(
        self,
        *,
        model: str = "portkey-default",
        prompt: Prompt = None,
        stream: Union[bool, NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> Union[Completion, Stream[Completion]]:
        """Create a text completion; ``stream=True`` returns a ``Stream`` of ``Completion``
        pieces (``stream.text_deltas()`` gives the text as it arrives).

        Any OpenAI parameter passes through (``max_tokens``, ``stop``, ``logprobs``, ...), and
        the per-call options ``extra_headers``, ``extra_query``, ``extra_body``, ``timeout``
        and ``max_retries``.
        """
        return self._call(create_call(model, prompt, stream, params))  # type: ignore[no-any-return]


class AsyncCompletions(APIResource):
    @overload
    async def create(
        self,
        *,
        model: str = ...,
        prompt: Prompt = ...,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Any,
    ) -> Completion: ...
    @overload
    async def create(
        self, *, model: str = ..., prompt: Prompt = ..., stream: Literal[True], **params: Any
    ) -> AsyncStream[Completion]: ...
    @overload
    async def create(
        self, *, model: str = ..., prompt: Prompt = ..., stream: bool, **params: Any
    ) -> Union[Completion, AsyncStream[Completion]]: ...
    async def create(
        self,
        *,
        model: str = "portkey-default",
        prompt: Prompt = None,
        stream: Union[bool, NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> Union[Completion, AsyncStream[Completion]]:
        """Create a text completion; ``stream=True`` returns an ``AsyncStream`` of pieces."""
        return await self._call(create_call(model, prompt, stream, params))  # type: ignore[no-any-return]
