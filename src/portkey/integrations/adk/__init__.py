"""Google ADK on the Portkey gateway: ``PortkeyAdk``, an ADK ``BaseLlm`` over the Responses API,
as the official SDK's ``portkey_ai.integrations.adk``, through our own client (no ``openai``)::

    from google.adk.agents import LlmAgent
    from portkey.integrations.adk import PortkeyAdk

    model = PortkeyAdk(model="gpt-4o", api_key="PORTKEY_API_KEY", provider="@openai-prod")
    agent = LlmAgent(name="assistant", model=model, tools=[get_weather])

Needs the ``adk`` extra: ``pip install 'portkey-fast[adk]'`` (importing this module without
it raises an ImportError saying so).
"""

from __future__ import annotations

from typing import Any, AsyncGenerator, Dict, List, Mapping, Optional

try:
    from google.adk.models.base_llm import BaseLlm
    from pydantic import PrivateAttr
except ImportError as exc:  # pragma: no cover - exercised without the extra
    from .. import _missing_framework

    raise _missing_framework("adk", "portkey.integrations.adk", exc) from exc

from ..._errors import APIConnectionError
from .._client_options import LoopClients, split_client_options
from ._convert import llm_response, output_parts, partial_response, request_params, text_part

__all__ = ["PortkeyAdk"]

# Parameters the adapter sets from the request; a keyword of the same name is not sent.
_RESERVED = frozenset(("input", "tools", "stream", "text", "reasoning", "model"))
_FINAL_EVENTS = ("response.completed", "response.incomplete", "response.failed")
_TEXT_DELTAS = {
    "response.output_text.delta": False,
    "response.reasoning_text.delta": True,
    "response.reasoning_summary_text.delta": True,
}


class _StreamedCalls:
    """Function calls as a stream builds them (``output_item.added``, argument deltas,
    ``output_item.done``), for a final response whose output lacks them (some providers'
    translated streams end with an empty output)."""

    def __init__(self) -> None:
        self.items: Dict[int, Dict[str, Any]] = {}

    def _item(self, event: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
        index = event.get("output_index")
        if index in self.items:
            return self.items[index]
        item_id = event.get("item_id")
        return next((i for i in self.items.values() if item_id and i.get("id") == item_id), None)

    def feed(self, kind: str, event: Mapping[str, Any]) -> None:
        if kind in ("response.output_item.added", "response.output_item.done"):
            given = dict(event.get("item") or {})
            if given.get("type") == "function_call":
                given["arguments"] = given.get("arguments") or ""
            if given.get("type") == "function_call" or kind.endswith(".done"):
                self.items[event.get("output_index", len(self.items))] = given
            return
        item = self._item(event)
        if item is None:
            return
        if kind == "response.function_call_arguments.delta":
            item["arguments"] = (item.get("arguments") or "") + (event.get("delta") or "")
        elif kind == "response.function_call_arguments.done":
            if event.get("arguments") is not None:
                item["arguments"] = event["arguments"]
            if event.get("name"):
                item["name"] = event["name"]

    def merged(self, output: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """``output`` (every item, if it is empty) plus the streamed function calls it lacks."""
        if not output:
            return [self.items[i] for i in sorted(self.items)]
        keys = {item.get("call_id") or item.get("id") for item in output}
        merged = list(output)
        for index in sorted(self.items):
            item = self.items[index]
            key = item.get("call_id") or item.get("id")
            if item.get("type") == "function_call" and key not in keys:
                merged.insert(min(index, len(merged)), item)
        return merged


class PortkeyAdk(BaseLlm):
    """An ADK ``BaseLlm`` that calls the Responses API through the Portkey gateway.

    ``PortkeyAdk(model, api_key=None, **kwargs)`` as the official SDK's: the Portkey options
    (``virtual_key``, ``base_url``, ``config``, ``provider``, ``Authorization``, and any other
    keyword of ``AsyncPortkey``: ``custom_host``, ``trace_id``, ``custom_metadata`` for
    Portkey's request metadata, ``timeout``, ``max_retries``...) go to the client;
    ``system_role`` (``"developer"``, the default, or ``"system"``) is the role of system
    contents; every other keyword is a Responses API parameter sent with each request
    (``temperature``, ``max_output_tokens``, ``metadata``, ``store``, ``tool_choice``...).

    ``generate_content_async(llm_request, stream=False)`` yields one ``LlmResponse``; with
    ``stream=True`` a partial one per text (or reasoning) delta, then the whole turn. Function
    calls come out as ``function_call`` parts carrying the API's ``call_id``, and go back with
    their responses as ``function_call`` and ``function_call_output`` items.

    Beyond the official adapter: tools keep their parameters as ADK gives them now
    (``parameters_json_schema``), every tool of the request is sent, an ``output_schema`` (a
    pydantic class, a ``types.Schema`` or a dict) becomes a strict ``text.format``, the request's
    temperature, top_p, max_output_tokens and tool config are sent, and the final response
    carries its finish reason, model version and (for a failed response) error code.
    """

    _clients: Any = PrivateAttr(default=None)
    _system_role: str = PrivateAttr(default="developer")
    _additional_args: Dict[str, Any] = PrivateAttr(default_factory=dict)

    def __init__(self, model: str, api_key: Optional[str] = None, **kwargs: Any) -> None:
        system_role = str(kwargs.pop("system_role", "developer")).lower()
        client_options, body = split_client_options(kwargs)
        if api_key:
            client_options["api_key"] = api_key
        client_options.setdefault("strict_open_ai_compliance", False)
        super().__init__(model=model)
        self._system_role = system_role if system_role in ("developer", "system") else "developer"
        self._clients = LoopClients(client_options)
        self._additional_args = {k: v for k, v in body.items() if k not in _RESERVED}

    def _params(self, llm_request: Any) -> Dict[str, Any]:
        maybe_append = getattr(self, "_maybe_append_user_content", None)
        if callable(maybe_append):  # ADK's nudge when the last content is not the user's
            maybe_append(llm_request)
        params = request_params(llm_request, self._system_role)
        params.update(self._additional_args)
        if "tools" not in params:
            params.pop("tool_choice", None)  # the API refuses a tool choice without tools
        if "reasoning" in params:
            # the thoughts go back to the model encrypted, whatever else is included
            include = params.get("include") or []
            include = [include] if isinstance(include, str) else list(include)
            if "reasoning.encrypted_content" not in include:
                include.append("reasoning.encrypted_content")
            params["include"] = include
        return {"model": self.model, **params}

    async def generate_content_async(
        self, llm_request: Any, stream: bool = False
    ) -> AsyncGenerator[Any, None]:
        """The ADK responses of one model turn (see the class docstring)."""
        params = self._params(llm_request)
        if not stream:
            response = await self._clients.get().responses.create(**params)
            yield llm_response(response.to_dict())
            return
        events = await self._clients.get().responses.create(**params, stream=True)
        calls = _StreamedCalls()
        final: Optional[Dict[str, Any]] = None
        async with events:
            async for event in events:
                data = event.to_dict()
                kind = data.get("type", "")
                if kind in _TEXT_DELTAS:
                    if data.get("delta"):
                        part = text_part(data["delta"], thought=_TEXT_DELTAS[kind])
                        yield partial_response(part)
                elif kind in _FINAL_EVENTS:
                    final = data.get("response") or {}
                else:
                    calls.feed(kind, data)
        if final is None:
            raise APIConnectionError(message="the Responses stream ended before the response did")
        output = calls.merged(list(final.get("output") or ()))
        yield llm_response(final, parts=output_parts(output))
