"""``/prompts/{prompt_id}/completions`` and ``/prompts/{prompt_id}/render`` (Portkey routes):
run or render a prompt saved in Portkey."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Union, overload
from urllib.parse import quote

from typing_extensions import Literal

from .._headers import option_headers
from .._streaming import AsyncStream, Stream
from .._types import NOT_GIVEN, Call, NotGiven, split_options
from ..types.prompts import PromptCompletion, PromptCompletionChunk, PromptRender
from ._base import APIResource

__all__ = ["AsyncPromptCompletions", "AsyncPrompts", "PromptCompletions", "Prompts"]

Config = Union[str, Mapping[str, Any], None, NotGiven]
Variables = Union[Mapping[str, Any], NotGiven]


def _path(prompt_id: str, action: str) -> str:
    if not isinstance(prompt_id, str) or not prompt_id:
        raise TypeError(f"prompt_id must be a non-empty str, not {prompt_id!r}")
    return f"/prompts/{quote(prompt_id, safe='')}/{action}"


def _body(
    variables: Variables, stream: bool, named: Dict[str, Any], params: Dict[str, Any]
) -> Dict[str, Any]:
    """The official's body: the given named parameters, ``stream`` always (default False),
    then the other keyword parameters."""
    body = {"variables": variables, **named}
    body = {name: value for name, value in body.items() if not isinstance(value, NotGiven)}
    body["stream"] = stream
    return body


def completions_call(
    prompt_id: str,
    variables: Variables,
    config: Config,
    stream: bool,
    named: Dict[str, Any],
    params: Dict[str, Any],
) -> Call[Any]:
    """``POST /prompts/{prompt_id}/completions``; ``config`` is sent as this call's
    ``x-portkey-config`` (the caller's ``extra_headers`` still win)."""
    options = split_options(params)
    if not isinstance(config, NotGiven) and config is not None:
        options["extra_headers"] = {
            **option_headers({"config": config}),
            **(options.get("extra_headers") or {}),
        }
    return Call(
        "POST",
        _path(prompt_id, "completions"),
        PromptCompletionChunk if stream else PromptCompletion,
        body=_body(variables, stream, named, params),
        params=params,
        stream=bool(stream),
        options=options,
    )


def render_call(
    prompt_id: str,
    variables: Mapping[str, Any],
    stream: bool,
    named: Dict[str, Any],
    params: Dict[str, Any],
) -> Call[PromptRender]:
    """``POST /prompts/{prompt_id}/render``: the request the prompt makes, not run."""
    options = split_options(params)
    return Call(
        "POST",
        _path(prompt_id, "render"),
        PromptRender,
        body=_body(variables, stream, named, params),
        params=params,
        options=options,
    )


class PromptCompletions(APIResource):
    @overload
    def create(
        self,
        *,
        prompt_id: str,
        variables: Variables = ...,
        config: Config = ...,
        stream: Literal[False] = ...,
        temperature: Union[float, NotGiven] = ...,
        max_tokens: Union[int, NotGiven] = ...,
        top_k: Union[int, NotGiven] = ...,
        top_p: Union[float, NotGiven] = ...,
        **params: Any,
    ) -> PromptCompletion: ...
    @overload
    def create(
        self,
        *,
        prompt_id: str,
        variables: Variables = ...,
        config: Config = ...,
        stream: Literal[True],
        temperature: Union[float, NotGiven] = ...,
        max_tokens: Union[int, NotGiven] = ...,
        top_k: Union[int, NotGiven] = ...,
        top_p: Union[float, NotGiven] = ...,
        **params: Any,
    ) -> Stream[PromptCompletionChunk]: ...
    @overload
    def create(
        self,
        *,
        prompt_id: str,
        variables: Variables = ...,
        config: Config = ...,
        stream: bool,
        temperature: Union[float, NotGiven] = ...,
        max_tokens: Union[int, NotGiven] = ...,
        top_k: Union[int, NotGiven] = ...,
        top_p: Union[float, NotGiven] = ...,
        **params: Any,
    ) -> Union[PromptCompletion, Stream[PromptCompletionChunk]]: ...
    def create(
        self,
        *,
        prompt_id: str,
        variables: Variables = NOT_GIVEN,
        config: Config = NOT_GIVEN,
        stream: bool = False,
        temperature: Union[float, NotGiven] = NOT_GIVEN,
        max_tokens: Union[int, NotGiven] = NOT_GIVEN,
        top_k: Union[int, NotGiven] = NOT_GIVEN,
        top_p: Union[float, NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> Union[PromptCompletion, Stream[PromptCompletionChunk]]:
        """Run the saved prompt ``prompt_id`` with ``variables``; ``stream=True`` returns a
        ``Stream`` of ``PromptCompletionChunk``.

        Other keyword parameters go into the body (they override the prompt's own), and the
        per-call options ``extra_headers``, ``extra_query``, ``extra_body``, ``timeout`` and
        ``max_retries`` work as everywhere.
        """
        named = dict(temperature=temperature, max_tokens=max_tokens, top_k=top_k, top_p=top_p)
        call = completions_call(prompt_id, variables, config, stream, named, params)
        return self._call(call)  # type: ignore[no-any-return]


class AsyncPromptCompletions(APIResource):
    @overload
    async def create(
        self,
        *,
        prompt_id: str,
        variables: Variables = ...,
        config: Config = ...,
        stream: Literal[False] = ...,
        temperature: Union[float, NotGiven] = ...,
        max_tokens: Union[int, NotGiven] = ...,
        top_k: Union[int, NotGiven] = ...,
        top_p: Union[float, NotGiven] = ...,
        **params: Any,
    ) -> PromptCompletion: ...
    @overload
    async def create(
        self,
        *,
        prompt_id: str,
        variables: Variables = ...,
        config: Config = ...,
        stream: Literal[True],
        temperature: Union[float, NotGiven] = ...,
        max_tokens: Union[int, NotGiven] = ...,
        top_k: Union[int, NotGiven] = ...,
        top_p: Union[float, NotGiven] = ...,
        **params: Any,
    ) -> AsyncStream[PromptCompletionChunk]: ...
    @overload
    async def create(
        self,
        *,
        prompt_id: str,
        variables: Variables = ...,
        config: Config = ...,
        stream: bool,
        temperature: Union[float, NotGiven] = ...,
        max_tokens: Union[int, NotGiven] = ...,
        top_k: Union[int, NotGiven] = ...,
        top_p: Union[float, NotGiven] = ...,
        **params: Any,
    ) -> Union[PromptCompletion, AsyncStream[PromptCompletionChunk]]: ...
    async def create(
        self,
        *,
        prompt_id: str,
        variables: Variables = NOT_GIVEN,
        config: Config = NOT_GIVEN,
        stream: bool = False,
        temperature: Union[float, NotGiven] = NOT_GIVEN,
        max_tokens: Union[int, NotGiven] = NOT_GIVEN,
        top_k: Union[int, NotGiven] = NOT_GIVEN,
        top_p: Union[float, NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> Union[PromptCompletion, AsyncStream[PromptCompletionChunk]]:
        """Run the saved prompt ``prompt_id``; ``stream=True`` returns an ``AsyncStream``."""
        named = dict(temperature=temperature, max_tokens=max_tokens, top_k=top_k, top_p=top_p)
        call = completions_call(prompt_id, variables, config, stream, named, params)
        return await self._call(call)  # type: ignore[no-any-return]


class Prompts(APIResource):
    @property
    def completions(self) -> PromptCompletions:
        return PromptCompletions(self._client, raw=self._raw)

    def render(
        self,
        *,
        prompt_id: str,
        variables: Mapping[str, Any],
        stream: bool = False,
        temperature: Union[float, NotGiven] = NOT_GIVEN,
        max_tokens: Union[int, NotGiven] = NOT_GIVEN,
        top_k: Union[int, NotGiven] = NOT_GIVEN,
        top_p: Union[float, NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> PromptRender:
        """Render the saved prompt ``prompt_id`` with ``variables``, without running it:
        ``.data`` is the request it makes (messages or prompt, model, parameters)."""
        named = dict(temperature=temperature, max_tokens=max_tokens, top_k=top_k, top_p=top_p)
        call = render_call(prompt_id, variables, stream, named, params)
        return self._call(call)  # type: ignore[no-any-return]


class AsyncPrompts(APIResource):
    @property
    def completions(self) -> AsyncPromptCompletions:
        return AsyncPromptCompletions(self._client, raw=self._raw)

    async def render(
        self,
        *,
        prompt_id: str,
        variables: Mapping[str, Any],
        stream: bool = False,
        temperature: Union[float, NotGiven] = NOT_GIVEN,
        max_tokens: Union[int, NotGiven] = NOT_GIVEN,
        top_k: Union[int, NotGiven] = NOT_GIVEN,
        top_p: Union[float, NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> PromptRender:
        """Render the saved prompt ``prompt_id`` with ``variables``, without running it."""
        named = dict(temperature=temperature, max_tokens=max_tokens, top_k=top_k, top_p=top_p)
        call = render_call(prompt_id, variables, stream, named, params)
        return await self._call(call)  # type: ignore[no-any-return]
