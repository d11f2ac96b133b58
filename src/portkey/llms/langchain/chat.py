"""``ChatPortkey``: a LangChain chat model on Portkey's chat completions, through our own
client (no ``openai``, no ``langchain-openai``)."""

from __future__ import annotations

from operator import itemgetter
from typing import (
    Any,
    AsyncIterator,
    Callable,
    Dict,
    Iterator,
    List,
    Literal,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Type,
    Union,
    cast,
)

try:
    from langchain_core.callbacks import (
        AsyncCallbackManagerForLLMRun,
        CallbackManagerForLLMRun,
    )
    from langchain_core.language_models import BaseChatModel, LanguageModelInput
    from langchain_core.language_models.chat_models import (
        agenerate_from_stream,
        generate_from_stream,
    )
    from langchain_core.messages import AIMessage, BaseMessage
    from langchain_core.output_parsers import JsonOutputParser, PydanticOutputParser
    from langchain_core.output_parsers.openai_tools import (
        JsonOutputKeyToolsParser,
        PydanticToolsParser,
    )
    from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
    from langchain_core.runnables import Runnable, RunnableMap, RunnablePassthrough
    from langchain_core.tools import BaseTool
    from langchain_core.utils.function_calling import (
        convert_to_openai_function,
        convert_to_openai_tool,
    )
    from pydantic import BaseModel, ConfigDict, Field
except ImportError as exc:  # pragma: no cover - exercised without the extra
    from .._extras import missing_extra

    raise missing_extra("langchain", "portkey.llms.langchain", exc) from exc

from ..._errors import PortkeyError
from ._convert import chunk_message, completion_message, messages_to_dicts
from ._options import PortkeyClientOptions

__all__ = ["ChatPortkey"]

ToolLike = Union[Dict[str, Any], Type[Any], Callable[..., Any], BaseTool]


def _is_pydantic_class(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _json_schema_format(schema: Any, strict: Optional[bool]) -> Dict[str, Any]:
    """``response_format`` for a pydantic class, a TypedDict, a JSON schema or a function."""
    if isinstance(schema, Mapping) and schema.get("type") == "json_schema":
        return dict(schema)
    if isinstance(schema, Mapping) and "name" in schema and "schema" in schema:
        return {"type": "json_schema", "json_schema": dict(schema)}
    function = convert_to_openai_function(schema, strict=strict)
    spec = {
        "name": function["name"],
        "description": function.get("description", ""),
        "schema": function["parameters"],
    }
    if strict is not None:
        spec["strict"] = strict
    return {"type": "json_schema", "json_schema": spec}


def _tool_choice(choice: Any, names: Sequence[str]) -> Any:
    """LangChain's tool_choice spellings in OpenAI's (``"any"``/True -> ``"required"``, a
    tool's name -> that function)."""
    if isinstance(choice, bool):
        return "required"
    if isinstance(choice, str):
        if choice in names:
            return {"type": "function", "function": {"name": choice}}
        return "required" if choice == "any" else choice
    if isinstance(choice, dict):
        return choice
    raise ValueError(f"tool_choice must be a str, a bool or a dict, not {type(choice).__name__}")


def _llm_output(data: Mapping[str, Any], model: Optional[str]) -> Dict[str, Any]:
    """The ``llm_output`` langchain-openai reports (callback handlers read it)."""
    output = {
        "token_usage": data.get("usage"),
        "model_name": data.get("model") or model,
        "system_fingerprint": data.get("system_fingerprint") or "",
    }
    if data.get("id") is not None:
        output["id"] = data["id"]
    return output


class ChatPortkey(PortkeyClientOptions, BaseChatModel):
    """A LangChain chat model that calls chat completions through the Portkey gateway.

    ``invoke``/``ainvoke``, ``stream``/``astream``, ``batch``, ``bind_tools`` (tool calls in
    and out), ``with_structured_output`` and usage metadata, with Portkey's options::

        from portkey.llms.langchain import ChatPortkey

        llm = ChatPortkey(api_key="PORTKEY_API_KEY", provider="@openai-prod", model="gpt-4o")
        llm.invoke("Tell me a joke").content

    Any keyword the model does not declare is a Portkey client option (``Authorization``,
    ``custom_host``, ``timeout``, ...), as in the official SDK; body parameters not declared
    here go in ``model_kwargs`` or as keywords of a call.
    """

    model: Optional[str] = None
    """The model to ask for (None: the one in the config or virtual key's defaults)."""
    temperature: Optional[float] = None
    max_tokens: Optional[int] = None
    max_completion_tokens: Optional[int] = None
    top_p: Optional[float] = None
    frequency_penalty: Optional[float] = None
    presence_penalty: Optional[float] = None
    seed: Optional[int] = None
    n: Optional[int] = None
    reasoning_effort: Optional[str] = None
    stop: Optional[Union[str, List[str]]] = Field(default=None, alias="stop_sequences")
    model_kwargs: Dict[str, Any] = Field(default_factory=dict)
    """Other chat completion parameters, sent in every request body."""
    streaming: bool = False
    """Stream even when called with ``invoke`` (the chunks go to the callbacks)."""
    stream_usage: bool = True
    """Ask for usage in streams (``stream_options.include_usage``)."""

    model_config = ConfigDict(populate_by_name=True)

    @classmethod
    def get_lc_namespace(cls) -> List[str]:
        return ["langchain", "chat_models", "portkey"]

    @property
    def _llm_type(self) -> str:
        return "portkey-ai-gateway"

    @property
    def _default_params(self) -> Dict[str, Any]:
        params = {
            "model": self.model,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "max_completion_tokens": self.max_completion_tokens,
            "top_p": self.top_p,
            "frequency_penalty": self.frequency_penalty,
            "presence_penalty": self.presence_penalty,
            "seed": self.seed,
            "n": self.n,
            "reasoning_effort": self.reasoning_effort,
            "stop": self.stop,
        }
        return {**{k: v for k, v in params.items() if v is not None}, **self.model_kwargs}

    @property
    def _identifying_params(self) -> Dict[str, Any]:
        return {"model_name": self.model, **self._default_params}

    def _get_ls_params(self, stop: Optional[List[str]] = None, **kwargs: Any) -> Any:
        params = super()._get_ls_params(stop=stop, **kwargs)
        params["ls_provider"] = "portkey"
        model = kwargs.get("model") or self.model
        if model:
            params["ls_model_name"] = model
        return params

    # Requests and results (shared by the sync and async paths) -----------------------------

    def _payload(
        self, messages: List[BaseMessage], stop: Optional[List[str]], kwargs: Dict[str, Any]
    ) -> Tuple[Dict[str, Any], Any]:
        """The create() keywords, and the pydantic class of a ``response_format`` given as
        one (its answer is parsed into ``additional_kwargs["parsed"]``)."""
        params = {**self._default_params, **kwargs}
        params.pop("ls_structured_output_format", None)
        if stop is not None:
            params["stop"] = stop
        schema = params.get("response_format")
        if _is_pydantic_class(schema):
            params["response_format"] = _json_schema_format(schema, strict=None)
        else:
            schema = None
        params["messages"] = messages_to_dicts(messages)
        return params, schema

    def _stream_payload(
        self, messages: List[BaseMessage], stop: Optional[List[str]], kwargs: Dict[str, Any]
    ) -> Dict[str, Any]:
        kwargs = dict(kwargs)
        usage = kwargs.pop("stream_usage", None)
        kwargs.pop("stream", None)
        params, _ = self._payload(messages, stop, kwargs)
        if "stream_options" not in params and (self.stream_usage if usage is None else usage):
            params["stream_options"] = {"include_usage": True}
        params["stream"] = True
        return params

    def _chat_result(self, completion: Any, schema: Any) -> ChatResult:
        data = completion.to_dict()
        choices = data.get("choices")
        if not choices:
            raise PortkeyError(f"the chat completion has no choices: {data!r}"[:500])
        generations = []
        for choice in choices:
            message = completion_message(
                choice.get("message") or {}, data.get("usage"), data.get("id")
            )
            message.response_metadata = {
                "model_name": data.get("model"),
                "system_fingerprint": data.get("system_fingerprint"),
                "finish_reason": choice.get("finish_reason"),
                "logprobs": choice.get("logprobs"),
            }
            if schema is not None and message.content and not message.tool_calls:
                parser = PydanticOutputParser(pydantic_object=schema)
                message.additional_kwargs["parsed"] = parser.parse(str(message.content))
            info = {"finish_reason": choice.get("finish_reason")}
            if "logprobs" in choice:
                info["logprobs"] = choice["logprobs"]
            generations.append(ChatGeneration(message=message, generation_info=info))
        return ChatResult(generations=generations, llm_output=_llm_output(data, self.model))

    def _chunk(self, event: Any) -> Optional[ChatGenerationChunk]:
        """One streamed chat completion chunk as a LangChain chunk (None: nothing in it)."""
        data = event.to_dict()
        usage = data.get("usage")
        choices = data.get("choices") or []
        if not choices:
            if not usage:
                return None
            return ChatGenerationChunk(message=chunk_message({}, usage, data.get("id")))
        choice = choices[0]
        message = chunk_message(choice.get("delta") or {}, usage, data.get("id"))
        info: Dict[str, Any] = {}
        if choice.get("finish_reason"):
            info["finish_reason"] = choice["finish_reason"]
            info["model_name"] = data.get("model")
            if data.get("system_fingerprint"):
                info["system_fingerprint"] = data["system_fingerprint"]
            message.response_metadata = dict(info)
        if choice.get("logprobs"):
            info["logprobs"] = choice["logprobs"]
        return ChatGenerationChunk(message=message, generation_info=info or None)

    # LangChain's entry points ------------------------------------------------------------

    def _generate(
        self,
        messages: List[BaseMessage],
        stop: Optional[List[str]] = None,
        run_manager: Optional[CallbackManagerForLLMRun] = None,
        **kwargs: Any,
    ) -> ChatResult:
        if self.streaming and kwargs.get("stream", True):
            return generate_from_stream(self._stream(messages, stop, run_manager, **kwargs))
        params, schema = self._payload(messages, stop, kwargs)
        return self._chat_result(self.client.chat.completions.create(**params), schema)

    async def _agenerate(
        self,
        messages: List[BaseMessage],
        stop: Optional[List[str]] = None,
        run_manager: Optional[AsyncCallbackManagerForLLMRun] = None,
        **kwargs: Any,
    ) -> ChatResult:
        if self.streaming and kwargs.get("stream", True):
            return await agenerate_from_stream(self._astream(messages, stop, run_manager, **kwargs))
        params, schema = self._payload(messages, stop, kwargs)
        completion = await self.async_client.chat.completions.create(**params)
        return self._chat_result(completion, schema)

    def _stream(
        self,
        messages: List[BaseMessage],
        stop: Optional[List[str]] = None,
        run_manager: Optional[CallbackManagerForLLMRun] = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        params = self._stream_payload(messages, stop, kwargs)
        with self.client.chat.completions.create(**params) as events:
            for event in events:
                chunk = self._chunk(event)
                if chunk is None:
                    continue
                if run_manager:
                    run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                yield chunk

    async def _astream(
        self,
        messages: List[BaseMessage],
        stop: Optional[List[str]] = None,
        run_manager: Optional[AsyncCallbackManagerForLLMRun] = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        params = self._stream_payload(messages, stop, kwargs)
        events = await self.async_client.chat.completions.create(**params)
        async with events:
            async for event in events:
                chunk = self._chunk(event)
                if chunk is None:
                    continue
                if run_manager:
                    await run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                yield chunk

    def _combine_llm_outputs(self, llm_outputs: List[Optional[Dict[str, Any]]]) -> Dict[str, Any]:
        """Token usage added up over the prompts of one ``generate`` (a batch)."""
        total: Dict[str, Any] = {}
        fingerprint = None
        for output in llm_outputs:
            if not output:
                continue
            for key, value in (output.get("token_usage") or {}).items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    total[key] = total.get(key, 0) + value
            fingerprint = fingerprint or output.get("system_fingerprint")
        combined: Dict[str, Any] = {"token_usage": total, "model_name": self.model}
        if fingerprint:
            combined["system_fingerprint"] = fingerprint
        return combined

    # Tools and structured output ---------------------------------------------------------

    def bind_tools(
        self,
        tools: Sequence[ToolLike],
        *,
        tool_choice: Optional[Union[Dict[str, Any], str, bool]] = None,
        strict: Optional[bool] = None,
        parallel_tool_calls: Optional[bool] = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Offer ``tools`` (LangChain tools, functions, pydantic classes, TypedDicts or OpenAI
        tool dicts) to the model; its tool calls come back in ``AIMessage.tool_calls``.

        ``tool_choice``: a tool's name, ``"auto"``, ``"none"``, ``"any"``/``"required"``/True
        (some tool must be called) or OpenAI's dict; ``strict`` asks for schema-exact
        arguments.
        """
        formatted = [convert_to_openai_tool(tool, strict=strict) for tool in tools]
        if tool_choice is not None and tool_choice is not False:
            names = [t["function"]["name"] for t in formatted if "function" in t]
            kwargs["tool_choice"] = _tool_choice(tool_choice, names)
        if parallel_tool_calls is not None:
            kwargs["parallel_tool_calls"] = parallel_tool_calls
        return cast("Runnable[LanguageModelInput, AIMessage]", self.bind(tools=formatted, **kwargs))

    def with_structured_output(
        self,
        schema: Any = None,
        *,
        method: Literal["function_calling", "json_schema", "json_mode"] = "function_calling",
        include_raw: bool = False,
        strict: Optional[bool] = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, Any]:
        """A runnable whose output is ``schema`` (a pydantic class, a TypedDict or a JSON
        schema: an instance of the class, else a dict).

        ``method``: ``"function_calling"`` (a forced tool call, the default: every provider
        behind the gateway has tools), ``"json_schema"`` (``response_format`` with the
        schema) or ``"json_mode"`` (``response_format: json_object``, the schema only
        parses). ``include_raw=True``: ``{"raw", "parsed", "parsing_error"}``.
        """
        if schema is None and method != "json_mode":
            raise ValueError(f"with_structured_output(method={method!r}) needs a schema")
        pydantic = _is_pydantic_class(schema)
        trace = {"kwargs": {"method": method, "strict": strict}, "schema": schema}
        llm: Runnable[LanguageModelInput, Any]
        parser: Runnable[Any, Any]
        if method == "function_calling":
            name = convert_to_openai_tool(schema)["function"]["name"]
            llm = self.bind_tools(
                [schema],
                tool_choice=name,
                strict=strict,
                parallel_tool_calls=False,
                ls_structured_output_format=trace,
                **kwargs,
            )
            if pydantic:
                parser = PydanticToolsParser(tools=[schema], first_tool_only=True)
            else:
                parser = JsonOutputKeyToolsParser(key_name=name, first_tool_only=True)
        elif method in ("json_schema", "json_mode"):
            response_format = (
                _json_schema_format(schema, strict)
                if method == "json_schema"
                else {"type": "json_object"}
            )
            llm = self.bind(
                response_format=response_format, ls_structured_output_format=trace, **kwargs
            )
            parser = (
                PydanticOutputParser(pydantic_object=schema) if pydantic else JsonOutputParser()
            )
        else:
            raise ValueError(
                f"method must be 'function_calling', 'json_schema' or 'json_mode', not {method!r}"
            )
        if not include_raw:
            return llm | parser
        parsed = RunnablePassthrough.assign(
            parsed=itemgetter("raw") | parser, parsing_error=lambda _: None
        )
        unparsed = RunnablePassthrough.assign(parsed=lambda _: None)
        return RunnableMap(raw=llm) | parsed.with_fallbacks(
            [unparsed], exception_key="parsing_error"
        )
