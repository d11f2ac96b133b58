"""``PortkeyLLM``: a LangChain text LLM (``BaseLLM``: a prompt in, text out) on Portkey's
completions, as the official's, or on chat completions (``endpoint="chat"``)."""

from __future__ import annotations

from typing import Any, AsyncIterator, Dict, Iterator, List, Literal, Mapping, Optional, Tuple

try:
    from langchain_core.callbacks import (
        AsyncCallbackManagerForLLMRun,
        CallbackManagerForLLMRun,
    )
    from langchain_core.language_models import BaseLLM
    from langchain_core.outputs import Generation, GenerationChunk, LLMResult
    from pydantic import ConfigDict, Field
except ImportError as exc:  # pragma: no cover - exercised without the extra
    from .._extras import missing_extra

    raise missing_extra("langchain", "portkey.llms.langchain", exc) from exc

from ..._errors import PortkeyError
from ._options import PortkeyClientOptions

__all__ = ["PortkeyLLM"]


def _text(choice: Mapping[str, Any], chat: bool, key: str) -> str:
    if chat:
        return str((choice.get(key) or {}).get("content") or "")
    return str(choice.get("text") or "")


def _add_usage(total: Dict[str, Any], usage: Optional[Mapping[str, Any]]) -> None:
    for key, value in (usage or {}).items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            total[key] = total.get(key, 0) + value


class PortkeyLLM(PortkeyClientOptions, BaseLLM):
    """A LangChain LLM on the Portkey gateway: ``invoke("a prompt")`` returns the text.

    ``endpoint="completions"`` (the default, as the official ``PortkeyLLM``) calls
    ``/completions``; ``endpoint="chat"`` sends the prompt as one user message to
    ``/chat/completions`` (for providers and models that only chat). Portkey options and
    unknown keywords as for ``ChatPortkey``.
    """

    model: Optional[str] = None
    endpoint: Literal["completions", "chat"] = "completions"
    temperature: Optional[float] = None
    max_tokens: Optional[int] = None
    top_p: Optional[float] = None
    seed: Optional[int] = None
    stop: Optional[List[str]] = Field(default=None, alias="stop_sequences")
    model_kwargs: Dict[str, Any] = Field(default_factory=dict)
    """Other body parameters, sent in every request."""
    streaming: bool = False
    """Stream even when called with ``invoke`` (the chunks go to the callbacks)."""

    model_config = ConfigDict(populate_by_name=True)

    @classmethod
    def get_lc_namespace(cls) -> List[str]:
        return ["langchain", "llms", "portkey"]

    @property
    def _llm_type(self) -> str:
        return "portkey-ai-gateway"

    @property
    def _default_params(self) -> Dict[str, Any]:
        params = {
            "model": self.model,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "top_p": self.top_p,
            "seed": self.seed,
            "stop": self.stop,
        }
        return {**{k: v for k, v in params.items() if v is not None}, **self.model_kwargs}

    @property
    def _identifying_params(self) -> Dict[str, Any]:
        return {"model_name": self.model, "endpoint": self.endpoint, **self._default_params}

    # Shared by the sync and async paths ----------------------------------------------------

    def _resource(self, client: Any) -> Any:
        return client.chat.completions if self.endpoint == "chat" else client.completions

    def _params(self, prompt: str, stop: Optional[List[str]], kwargs: Any) -> Dict[str, Any]:
        params = {**self._default_params, **kwargs}
        if stop is not None:
            params["stop"] = stop
        if self.endpoint == "chat":
            params["messages"] = [{"role": "user", "content": prompt}]
        else:
            params["prompt"] = prompt
        return params

    def _generations(self, answer: Any) -> Tuple[List[Generation], Optional[Mapping[str, Any]]]:
        data = answer.to_dict()
        choices = data.get("choices")
        if not choices:
            raise PortkeyError(f"the completion has no choices: {data!r}"[:500])
        chat = self.endpoint == "chat"
        generations = [
            Generation(
                text=_text(choice, chat, "message"),
                generation_info={
                    "finish_reason": choice.get("finish_reason"),
                    "logprobs": choice.get("logprobs"),
                },
            )
            for choice in choices
        ]
        return generations, data.get("usage")

    def _chunk(self, event: Any) -> Optional[GenerationChunk]:
        data = event.to_dict()
        choices = data.get("choices") or []
        if not choices:
            return None  # the usage chunk of a stream
        choice = choices[0]
        info = {"finish_reason": choice["finish_reason"]} if choice.get("finish_reason") else None
        return GenerationChunk(
            text=_text(choice, self.endpoint == "chat", "delta"), generation_info=info
        )

    def _result(
        self, answers: List[Tuple[List[Generation], Optional[Mapping[str, Any]]]]
    ) -> LLMResult:
        usage: Dict[str, Any] = {}
        for _, answer_usage in answers:
            _add_usage(usage, answer_usage)
        return LLMResult(
            generations=[generations for generations, _ in answers],
            llm_output={"token_usage": usage, "model_name": self.model},
        )

    @staticmethod
    def _joined(chunks: List[GenerationChunk]) -> List[Generation]:
        if not chunks:
            return [Generation(text="")]
        total = chunks[0]
        for chunk in chunks[1:]:
            total += chunk
        return [Generation(text=total.text, generation_info=total.generation_info)]

    # LangChain's entry points ------------------------------------------------------------

    def _generate(
        self,
        prompts: List[str],
        stop: Optional[List[str]] = None,
        run_manager: Optional[CallbackManagerForLLMRun] = None,
        **kwargs: Any,
    ) -> LLMResult:
        answers: List[Tuple[List[Generation], Optional[Mapping[str, Any]]]] = []
        for prompt in prompts:
            if self.streaming:
                chunks = list(self._stream(prompt, stop, run_manager, **kwargs))
                answers.append((self._joined(chunks), None))
            else:
                params = self._params(prompt, stop, kwargs)
                answers.append(self._generations(self._resource(self.client).create(**params)))
        return self._result(answers)

    async def _agenerate(
        self,
        prompts: List[str],
        stop: Optional[List[str]] = None,
        run_manager: Optional[AsyncCallbackManagerForLLMRun] = None,
        **kwargs: Any,
    ) -> LLMResult:
        answers: List[Tuple[List[Generation], Optional[Mapping[str, Any]]]] = []
        for prompt in prompts:
            if self.streaming:
                chunks = [c async for c in self._astream(prompt, stop, run_manager, **kwargs)]
                answers.append((self._joined(chunks), None))
            else:
                params = self._params(prompt, stop, kwargs)
                answer = await self._resource(self.async_client).create(**params)
                answers.append(self._generations(answer))
        return self._result(answers)

    def _stream(
        self,
        prompt: str,
        stop: Optional[List[str]] = None,
        run_manager: Optional[CallbackManagerForLLMRun] = None,
        **kwargs: Any,
    ) -> Iterator[GenerationChunk]:
        params = {**self._params(prompt, stop, kwargs), "stream": True}
        with self._resource(self.client).create(**params) as events:
            for event in events:
                chunk = self._chunk(event)
                if chunk is None:
                    continue
                if run_manager:
                    run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                yield chunk

    async def _astream(
        self,
        prompt: str,
        stop: Optional[List[str]] = None,
        run_manager: Optional[AsyncCallbackManagerForLLMRun] = None,
        **kwargs: Any,
    ) -> AsyncIterator[GenerationChunk]:
        params = {**self._params(prompt, stop, kwargs), "stream": True}
        events = await self._resource(self.async_client).create(**params)
        async with events:
            async for event in events:
                chunk = self._chunk(event)
                if chunk is None:
                    continue
                if run_manager:
                    await run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                yield chunk
