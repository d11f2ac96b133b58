"""``PortkeyLLM``: a LlamaIndex LLM on the Portkey gateway, through our own client (no
``openai``, no ``llama-index-llms-openai``).

The official SDK's class of this name (``portkey_ai.llms.llama_index.completions``) is written
against llama-index 0.9 (``llama_index.llms.custom``) and cannot be imported with any current
llama-index; this one is a ``FunctionCallingLLM`` of llama-index-core, with the official's
constructor (the Portkey options by name, any other keyword to the client).
"""

from __future__ import annotations

from typing import (
    Any,
    AsyncGenerator,
    Awaitable,
    Callable,
    Dict,
    Generator,
    List,
    Optional,
    Sequence,
    TypeVar,
    Union,
    cast,
)

try:
    from llama_index.core.base.llms.types import (
        ChatMessage,
        ChatResponse,
        ChatResponseAsyncGen,
        ChatResponseGen,
        CompletionResponse,
        CompletionResponseAsyncGen,
        CompletionResponseGen,
        LLMMetadata,
        MessageRole,
    )
    from llama_index.core.constants import DEFAULT_CONTEXT_WINDOW
    from llama_index.core.llms.callbacks import llm_chat_callback, llm_completion_callback
    from llama_index.core.llms.function_calling import FunctionCallingLLM
    from llama_index.core.llms.llm import ToolSelection, default_completion_to_prompt
    from pydantic import Field, PrivateAttr, model_validator
except ImportError as exc:  # pragma: no cover - exercised without the extra
    from .._extras import missing_extra

    raise missing_extra("llamaindex", "portkey.llms.llama_index", exc) from exc

from ..._errors import PortkeyError
from .._clients import ClientsMixin, collect_portkey_options
from ._convert import (
    ChatStream,
    ToolCallBlock,
    answer_message,
    logprobs,
    messages_to_dicts,
    tool_selections,
    usage_kwargs,
)

__all__ = ["PortkeyLLM"]

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
Feed = Callable[[Dict[str, Any]], Optional[T]]


def _chat_callback() -> Callable[[F], F]:
    """llama-index's callback wrapper of chat methods (typed, with or without the extra)."""
    return cast("Callable[[F], F]", llm_chat_callback())


def _completion_callback() -> Callable[[F], F]:
    return cast("Callable[[F], F]", llm_completion_callback())


def _first_choice(data: Dict[str, Any]) -> Dict[str, Any]:
    choices = data.get("choices")
    if not choices:
        raise PortkeyError(f"the completion has no choices: {data!r}"[:500])
    return dict(choices[0])


def _chat_response(data: Dict[str, Any]) -> ChatResponse:
    choice = _first_choice(data)
    return ChatResponse(
        message=answer_message(choice.get("message") or {}),
        raw=data,
        logprobs=logprobs(choice),
        additional_kwargs=usage_kwargs(data.get("usage")),
    )


def _as_completion(response: ChatResponse) -> CompletionResponse:
    """A chat answer as a completion (``complete`` on a chat model)."""
    return CompletionResponse(
        text=response.message.content or "",
        delta=response.delta,
        raw=response.raw,
        logprobs=response.logprobs,
        additional_kwargs=dict(response.additional_kwargs),
    )


def _text_response(data: Dict[str, Any]) -> CompletionResponse:
    choice = _first_choice(data)
    return CompletionResponse(
        text=choice.get("text") or "", raw=data, additional_kwargs=usage_kwargs(data.get("usage"))
    )


class _TextStream:
    """Joins streamed ``/completions`` chunks, as ChatStream does for chat."""

    def __init__(self) -> None:
        self.text = ""
        self.usage: Dict[str, Any] = {}

    def feed(self, chunk: Dict[str, Any]) -> Optional[CompletionResponse]:
        if chunk.get("usage"):
            self.usage = usage_kwargs(chunk["usage"])
        choices = chunk.get("choices") or []
        if not choices and not chunk.get("usage"):
            return None
        delta = (choices[0].get("text") or "") if choices else ""
        self.text += delta
        return CompletionResponse(
            text=self.text, delta=delta, raw=chunk, additional_kwargs=dict(self.usage)
        )


def _chat_as_completion(feed: Feed[ChatResponse]) -> Feed[CompletionResponse]:
    def convert(chunk: Dict[str, Any]) -> Optional[CompletionResponse]:
        response = feed(chunk)
        return None if response is None else _as_completion(response)

    return convert


def _tool_choice(choice: Any, required: bool) -> Any:
    """llama-index's tool_choice (None, a mode, a tool's name or OpenAI's dict) as OpenAI's."""
    if choice is None:
        return "required" if required else "auto"
    if isinstance(choice, str) and choice not in ("none", "auto", "required"):
        return {"type": "function", "function": {"name": choice}}
    return choice


class PortkeyLLM(ClientsMixin, FunctionCallingLLM):
    """A LlamaIndex LLM that calls chat completions through the Portkey gateway.

    ``chat``/``achat``, ``stream_chat``/``astream_chat``, ``complete`` (and its stream and
    async forms), function calling (``chat_with_tools``, ``predict_and_call``, agents),
    ``structured_predict`` and ``as_structured_llm``::

        from portkey.llms.llama_index import PortkeyLLM

        llm = PortkeyLLM(api_key="PORTKEY_API_KEY", provider="@openai-prod", model="gpt-4o")
        llm.complete("Tell me a joke").text

    The Portkey options go by name (``api_key``, ``virtual_key``, ``config``, ``provider``,
    ``trace_id``, ``custom_metadata``, ``base_url``); any keyword that is no field here goes
    to the client (``Authorization``, ``custom_host``, ``timeout``, ``max_retries``, ...), as
    in the official SDK. ``is_chat_model=False`` makes ``complete`` call ``/completions``
    (the official's ``complete``); by default it sends the prompt as a user message.
    """

    model: Optional[str] = Field(default=None, description="The model to ask for.")
    temperature: Optional[float] = None
    max_tokens: Optional[int] = None
    additional_kwargs: Dict[str, Any] = Field(
        default_factory=dict, description="Other body parameters, sent in every request."
    )
    context_window: int = Field(
        default=DEFAULT_CONTEXT_WINDOW, description="The model's context window, in tokens."
    )
    is_chat_model: bool = True
    is_function_calling_model: bool = True
    stream_usage: bool = Field(
        default=True, description="Ask for usage in streams (stream_options.include_usage)."
    )
    strict: bool = Field(default=False, description="Ask for schema-exact tool arguments.")

    # The Portkey options (the secrets are never dumped, logged or shown).
    api_key: Optional[str] = Field(default=None, exclude=True, repr=False)
    base_url: Optional[str] = None
    virtual_key: Optional[str] = Field(default=None, exclude=True, repr=False)
    config: Optional[Union[str, Dict[str, Any]]] = Field(default=None, exclude=True, repr=False)
    provider: Optional[str] = None
    trace_id: Optional[str] = None
    custom_metadata: Optional[Union[str, Dict[str, Any]]] = None
    portkey_options: Dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)
    """Every other keyword of ``portkey.Portkey``; ``http_client`` goes to the sync client
    and ``http_async_client`` to the async one."""

    _portkey: Any = PrivateAttr(default=None)
    _async_portkey: Any = PrivateAttr(default=None)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._build_clients()  # bad options raise here, as our own errors (ConfigError, ...)

    @model_validator(mode="before")
    @classmethod
    def _collect_portkey_options(cls, values: Any) -> Any:
        """Keywords that are no field go to the Portkey client, as in the official SDK."""
        return collect_portkey_options(cls.model_fields, values)

    @classmethod
    def class_name(cls) -> str:
        return "PortkeyLLM"

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(
            context_window=self.context_window,
            num_output=self.max_tokens or -1,
            is_chat_model=self.is_chat_model,
            is_function_calling_model=self.is_function_calling_model,
            model_name=self.model or "",
            system_role=MessageRole.SYSTEM,
        )

    def to_payload(self) -> Dict[str, Any]:
        """What callback handlers get as ``serialized``: the metadata, the model and the
        temperature (never a key)."""
        payload = {"class_name": self.class_name(), **self.metadata.model_dump()}
        if self.model is not None:
            payload["model"] = self.model
        if self.temperature is not None:
            payload["temperature"] = self.temperature
        return payload

    # Requests (shared by the sync and async paths) -------------------------------------------

    def _body(self, kwargs: Dict[str, Any]) -> Dict[str, Any]:
        params = {"model": self.model, "temperature": self.temperature}
        params["max_tokens"] = self.max_tokens
        params = {k: v for k, v in params.items() if v is not None}
        params.update(self.additional_kwargs)
        params.update(kwargs)
        for key in ("tools", "tool_choice"):  # llama-index passes None for "no tools"
            if params.get(key) is None:
                params.pop(key, None)
        return params

    def _chat_params(
        self, messages: Sequence[ChatMessage], kwargs: Dict[str, Any], stream: bool = False
    ) -> Dict[str, Any]:
        params = self._body(kwargs)
        params["messages"] = messages_to_dicts(messages)
        if stream:
            usage = params.pop("stream_usage", self.stream_usage)
            if usage and "stream_options" not in params:
                params["stream_options"] = {"include_usage": True}
            params["stream"] = True
        return params

    def _prompt_params(
        self, prompt: str, formatted: bool, kwargs: Dict[str, Any], stream: bool = False
    ) -> Dict[str, Any]:
        """The body of a ``/completions`` request (``is_chat_model=False``)."""
        params = self._body(kwargs)
        to_prompt = self.completion_to_prompt or default_completion_to_prompt
        params["prompt"] = prompt if formatted else to_prompt(prompt)
        if stream:
            usage = params.pop("stream_usage", self.stream_usage)
            if usage and "stream_options" not in params:
                params["stream_options"] = {"include_usage": True}
            params["stream"] = True
        return params

    @staticmethod
    def _prompt_messages(prompt: str) -> List[ChatMessage]:
        return [ChatMessage(role=MessageRole.USER, content=prompt)]

    @staticmethod
    def _events(
        create: Callable[..., Any], params: Dict[str, Any], feed: Feed[T]
    ) -> Generator[T, None, None]:
        with create(**params) as events:
            for event in events:
                out = feed(event.to_dict())
                if out is not None:
                    yield out

    @staticmethod
    async def _aevents(
        create: Callable[..., Awaitable[Any]], params: Dict[str, Any], feed: Feed[T]
    ) -> AsyncGenerator[T, None]:
        events = await create(**params)
        async with events:
            async for event in events:
                out = feed(event.to_dict())
                if out is not None:
                    yield out

    # Chat ------------------------------------------------------------------------------------

    @_chat_callback()
    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        params = self._chat_params(messages, kwargs)
        return _chat_response(self.client.chat.completions.create(**params).to_dict())

    @_chat_callback()
    async def achat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        params = self._chat_params(messages, kwargs)
        completion = await self.async_client.chat.completions.create(**params)
        return _chat_response(completion.to_dict())

    @_chat_callback()
    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        params = self._chat_params(messages, kwargs, stream=True)
        return self._events(self.client.chat.completions.create, params, ChatStream().feed)

    @_chat_callback()
    async def astream_chat(
        self, messages: Sequence[ChatMessage], **kwargs: Any
    ) -> ChatResponseAsyncGen:
        params = self._chat_params(messages, kwargs, stream=True)
        create = self.async_client.chat.completions.create
        return self._aevents(create, params, ChatStream().feed)

    # Completion: chat with the prompt as a user message, or /completions -----------------

    @_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        if self.is_chat_model:
            params = self._chat_params(self._prompt_messages(prompt), kwargs)
            answer = self.client.chat.completions.create(**params)
            return _as_completion(_chat_response(answer.to_dict()))
        params = self._prompt_params(prompt, formatted, kwargs)
        return _text_response(self.client.completions.create(**params).to_dict())

    @_completion_callback()
    async def acomplete(
        self, prompt: str, formatted: bool = False, **kwargs: Any
    ) -> CompletionResponse:
        if self.is_chat_model:
            params = self._chat_params(self._prompt_messages(prompt), kwargs)
            answer = await self.async_client.chat.completions.create(**params)
            return _as_completion(_chat_response(answer.to_dict()))
        params = self._prompt_params(prompt, formatted, kwargs)
        return _text_response((await self.async_client.completions.create(**params)).to_dict())

    @_completion_callback()
    def stream_complete(
        self, prompt: str, formatted: bool = False, **kwargs: Any
    ) -> CompletionResponseGen:
        if self.is_chat_model:
            params = self._chat_params(self._prompt_messages(prompt), kwargs, stream=True)
            feed = _chat_as_completion(ChatStream().feed)
            return self._events(self.client.chat.completions.create, params, feed)
        params = self._prompt_params(prompt, formatted, kwargs, stream=True)
        return self._events(self.client.completions.create, params, _TextStream().feed)

    @_completion_callback()
    async def astream_complete(
        self, prompt: str, formatted: bool = False, **kwargs: Any
    ) -> CompletionResponseAsyncGen:
        if self.is_chat_model:
            params = self._chat_params(self._prompt_messages(prompt), kwargs, stream=True)
            feed = _chat_as_completion(ChatStream().feed)
            return self._aevents(self.async_client.chat.completions.create, params, feed)
        params = self._prompt_params(prompt, formatted, kwargs, stream=True)
        return self._aevents(self.async_client.completions.create, params, _TextStream().feed)

    # Function calling ------------------------------------------------------------------------

    def _prepare_chat_with_tools(
        self,
        tools: Sequence[Any],
        user_msg: Optional[Union[str, ChatMessage]] = None,
        chat_history: Optional[List[ChatMessage]] = None,
        verbose: bool = False,
        allow_parallel_tool_calls: bool = False,
        tool_required: bool = False,
        tool_choice: Any = None,
        strict: Optional[bool] = None,
        **kwargs: Any,
    ) -> Dict[str, Any]:
        """The chat keywords offering ``tools``: ``tool_required`` (some tool must be called)
        or ``tool_choice`` (a tool's name, ``"auto"``, ``"none"``, ``"required"``)."""
        specs = [tool.metadata.to_openai_tool(skip_length_check=True) for tool in tools]
        if self.strict if strict is None else strict:
            for spec in specs:
                spec["function"]["strict"] = True
                spec["function"]["parameters"]["additionalProperties"] = False
        messages = list(chat_history or [])  # the caller's history is not changed
        if isinstance(user_msg, str):
            user_msg = ChatMessage(role=MessageRole.USER, content=user_msg)
        if user_msg is not None:
            messages.append(user_msg)
        prepared: Dict[str, Any] = {"messages": messages, **kwargs}
        if specs:
            prepared["tools"] = specs
            prepared["tool_choice"] = _tool_choice(tool_choice, tool_required)
        return prepared

    def _validate_chat_with_tools_response(
        self,
        response: ChatResponse,
        tools: Sequence[Any],
        allow_parallel_tool_calls: bool = False,
        **kwargs: Any,
    ) -> ChatResponse:
        """Without ``allow_parallel_tool_calls`` only the first tool call is kept."""
        if allow_parallel_tool_calls:
            return response
        message = response.message
        calls = message.additional_kwargs.get("tool_calls") or []
        if len(calls) > 1:
            message.additional_kwargs["tool_calls"] = calls[:1]
        if ToolCallBlock is not None:
            seen = False
            blocks = []
            for block in message.blocks:
                if isinstance(block, ToolCallBlock):
                    if seen:
                        continue
                    seen = True
                blocks.append(block)
            message.blocks = blocks
        return response

    def get_tool_calls_from_response(
        self, response: ChatResponse, error_on_no_tool_call: bool = True, **kwargs: Any
    ) -> List[ToolSelection]:
        """The tool calls of an answer (``error_on_no_tool_call``: a ValueError if none)."""
        return tool_selections(response, error_on_no_tool_call)
