"""Span names and attributes of one client call, after the OpenTelemetry GenAI semantic
conventions (no OpenTelemetry import here: plain functions of the request and the answer).

Only metadata is read: the model, sampling settings, ids, token counts, finish reasons. Prompts
and completions become attributes only with ``capture_content`` (``gen_ai.input.messages``,
``gen_ai.output.messages``); keys never do (they live in headers, which are not read).
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union
from urllib.parse import urlsplit

from typing_extensions import TypeGuard

__all__ = [
    "content_attributes",
    "operation",
    "provider_name",
    "request_attributes",
    "response_attributes",
    "route",
    "server_attributes",
]

AttrValue = Union[str, bool, int, float, List[str], List[int]]
Attrs = Dict[str, AttrValue]

# POST routes that are model calls, and their gen_ai.operation.name.
_OPERATIONS = {
    "/chat/completions": "chat",
    "/completions": "text_completion",
    "/embeddings": "embeddings",
    "/responses": "chat",  # the Responses API: a conversational model call
    "/images/generations": "generate_content",
    "/audio/speech": "generate_content",
}
_OUTPUT_TYPES = {"/images/generations": "image", "/audio/speech": "speech"}
_PROMPT_COMPLETION = re.compile(r"^/prompts/[^/]+/completions$")

# Portkey's provider slugs → gen_ai.provider.name's well-known values (others pass as they are).
_PROVIDERS = {
    "azure-openai": "azure.ai.openai",
    "azure-ai": "azure.ai.inference",
    "bedrock": "aws.bedrock",
    "vertex-ai": "gcp.vertex_ai",
    "google": "gcp.gemini",
    "mistral-ai": "mistral_ai",
    "perplexity-ai": "perplexity",
    "x-ai": "x_ai",
}

# Request body key → attribute (numbers and strings only; never messages or input).
_REQUEST_NUMBERS = (
    ("max_tokens", "gen_ai.request.max_tokens"),
    ("max_completion_tokens", "gen_ai.request.max_tokens"),
    ("max_output_tokens", "gen_ai.request.max_tokens"),
    ("temperature", "gen_ai.request.temperature"),
    ("top_p", "gen_ai.request.top_p"),
    ("top_k", "gen_ai.request.top_k"),
    ("frequency_penalty", "gen_ai.request.frequency_penalty"),
    ("presence_penalty", "gen_ai.request.presence_penalty"),
    ("seed", "gen_ai.request.seed"),
)
# A path segment kept in a span name: a route word (letters, "_", "-"); ids have digits, as
# nearly all do (an id or slug made of letters alone would show as itself).
_ROUTE_WORD = re.compile(r"^[A-Za-z][A-Za-z_-]*$")


def operation(method: str, path: str) -> Optional[str]:
    """The gen_ai.operation.name of a model call, or None for any other route."""
    if method != "POST":
        return None
    name = _OPERATIONS.get(path)
    if name is None and _PROMPT_COMPLETION.match(path):
        return "chat"  # a saved Portkey prompt, rendered and sent to its model
    return name


def route(method: str, path: str) -> str:
    """A span name for a call that is not a model call: the method and the path with its ids
    replaced (``GET /files/{id}``), so names stay few."""
    parts = [p if _ROUTE_WORD.match(p) else "{id}" for p in path.strip("/").split("/") if p]
    return f"{method} /{'/'.join(parts)}"


def provider_name(provider: Optional[str]) -> Optional[str]:
    """gen_ai.provider.name for a Portkey provider slug (None for none or a ``@catalog`` slug)."""
    if not provider or provider.startswith("@"):
        return None
    return _PROVIDERS.get(provider, provider)


def server_attributes(base_url: str) -> Attrs:
    """server.address and server.port of the client's base URL."""
    parts = urlsplit(base_url)
    attrs: Attrs = {}
    if parts.hostname:
        attrs["server.address"] = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        attrs["server.port"] = port
    return attrs


def _number(value: Any) -> TypeGuard[Union[int, float]]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def request_attributes(op: str, path: str, body: Any) -> Tuple[Optional[str], Attrs]:
    """The requested model and the request's gen_ai.request.* attributes."""
    attrs: Attrs = {"gen_ai.operation.name": op}
    if path in _OUTPUT_TYPES:
        attrs["gen_ai.output.type"] = _OUTPUT_TYPES[path]
    if not isinstance(body, Mapping):
        return None, attrs
    model = body.get("model")
    model = model if isinstance(model, str) and model else None
    if model is not None:
        attrs["gen_ai.request.model"] = model
    for key, name in _REQUEST_NUMBERS:
        value = body.get(key)
        if _number(value):
            attrs[name] = value
    n = body.get("n")
    if isinstance(n, int) and not isinstance(n, bool) and n != 1:
        attrs["gen_ai.request.choice.count"] = n
    stop = body.get("stop")
    if isinstance(stop, str):
        attrs["gen_ai.request.stop_sequences"] = [stop]
    elif isinstance(stop, list) and all(isinstance(s, str) for s in stop):
        attrs["gen_ai.request.stop_sequences"] = list(stop)
    if body.get("stream") is True:
        attrs["gen_ai.request.stream"] = True
    encoding = body.get("encoding_format")
    if op == "embeddings" and isinstance(encoding, str):
        attrs["gen_ai.request.encoding_formats"] = [encoding]
    response_format = body.get("response_format")
    kind = response_format.get("type") if isinstance(response_format, Mapping) else None
    if kind in ("json_object", "json_schema"):
        attrs["gen_ai.output.type"] = "json"
    elif kind == "text":
        attrs["gen_ai.output.type"] = "text"
    tier = body.get("service_tier")
    if isinstance(tier, str):
        attrs["gen_ai.openai.request.service_tier"] = tier
    conversation = body.get("conversation")
    if isinstance(conversation, str):
        attrs["gen_ai.conversation.id"] = conversation
    return model, attrs


def _get(obj: Any, name: str) -> Any:
    """A field of an answer read as a typed object or as a JSON dict."""
    if isinstance(obj, Mapping):
        return obj.get(name)
    try:
        return getattr(obj, name, None)
    except Exception:  # an attrs class's unknown-field lookup may refuse odd names
        return None


class Observed:
    """What the answer (or a stream's items, one by one) told about the call."""

    __slots__ = (
        "cached_tokens",
        "dimensions",
        "fingerprint",
        "finish_reasons",
        "input_tokens",
        "model",
        "output_tokens",
        "reasoning_tokens",
        "response_id",
        "service_tier",
        "text",
    )

    def __init__(self) -> None:
        self.finish_reasons: Dict[int, str] = {}
        self.input_tokens: Optional[int] = None
        self.output_tokens: Optional[int] = None
        self.cached_tokens: Optional[int] = None
        self.reasoning_tokens: Optional[int] = None
        self.model: Optional[str] = None
        self.response_id: Optional[str] = None
        self.fingerprint: Optional[str] = None
        self.service_tier: Optional[str] = None
        self.dimensions: Optional[int] = None
        self.text: Optional[List[str]] = None  # the output text, when content is captured

    def observe(self, answer: Any) -> None:
        """Read one answer: a whole result, a stream chunk or a Responses stream event."""
        kind = _get(answer, "type")
        if kind == "response.output_text.delta":  # a Responses stream's text
            delta = _get(answer, "delta")
            if self.text is not None and isinstance(delta, str):
                self.text.append(delta)
            return
        event_response = _get(answer, "response")
        is_event = isinstance(kind, str) and event_response is not None
        if is_event:
            answer = event_response  # response.created / .completed / ...: the Response
        if _get(answer, "object") == "response" or _get(answer, "status") is not None:
            status = _get(answer, "status")
            if isinstance(status, str) and status not in ("in_progress", "queued"):
                self.finish_reasons[0] = status
        value = _get(answer, "id")
        if isinstance(value, str) and value:
            self.response_id = value
        value = _get(answer, "model")
        if isinstance(value, str) and value:
            self.model = value
        value = _get(answer, "system_fingerprint")
        if isinstance(value, str):
            self.fingerprint = value
        value = _get(answer, "service_tier")
        if isinstance(value, str):
            self.service_tier = value
        choices = _get(answer, "choices")
        if isinstance(choices, list):
            for position, choice in enumerate(choices):
                reason = _get(choice, "finish_reason")
                if isinstance(reason, str) and reason:
                    index = _get(choice, "index")
                    self.finish_reasons[index if isinstance(index, int) else position] = reason
                if self.text is not None:
                    self._collect_text(choice)
        elif self.text is not None and not is_event and _get(answer, "output") is not None:
            text = _get(answer, "output_text")
            if isinstance(text, str):
                self.text.append(text)
        data = _get(answer, "data")
        if isinstance(data, list) and data:
            vector = _get(data[0], "embedding")
            if isinstance(vector, list):
                self.dimensions = len(vector)
        usage = _get(answer, "usage")
        if usage is not None:
            self._usage(usage)

    def _usage(self, usage: Any) -> None:
        for name in ("prompt_tokens", "input_tokens"):
            value = _get(usage, name)
            if _number(value):
                self.input_tokens = int(value)
        for name in ("completion_tokens", "output_tokens"):
            value = _get(usage, name)
            if _number(value):
                self.output_tokens = int(value)
        for name in ("prompt_tokens_details", "input_tokens_details"):
            value = _get(_get(usage, name), "cached_tokens")
            if _number(value):
                self.cached_tokens = int(value)
        for name in ("completion_tokens_details", "output_tokens_details"):
            value = _get(_get(usage, name), "reasoning_tokens")
            if _number(value):
                self.reasoning_tokens = int(value)

    def _collect_text(self, choice: Any) -> None:
        assert self.text is not None
        for holder in (_get(choice, "message"), _get(choice, "delta")):
            content = _get(holder, "content")
            if isinstance(content, str):
                self.text.append(content)
        text = _get(choice, "text")
        if isinstance(text, str):
            self.text.append(text)

    def attributes(self) -> Attrs:
        attrs: Attrs = {}
        if self.response_id is not None:
            attrs["gen_ai.response.id"] = self.response_id
        if self.model is not None:
            attrs["gen_ai.response.model"] = self.model
        if self.finish_reasons:
            attrs["gen_ai.response.finish_reasons"] = [
                self.finish_reasons[i] for i in sorted(self.finish_reasons)
            ]
        for name, value in (
            ("gen_ai.usage.input_tokens", self.input_tokens),
            ("gen_ai.usage.output_tokens", self.output_tokens),
            ("gen_ai.usage.cache_read.input_tokens", self.cached_tokens),
            ("gen_ai.usage.reasoning.output_tokens", self.reasoning_tokens),
            ("gen_ai.embeddings.dimension.count", self.dimensions),
        ):
            if value is not None:
                attrs[name] = value
        if self.fingerprint is not None:
            attrs["gen_ai.openai.response.system_fingerprint"] = self.fingerprint
        if self.service_tier is not None:
            attrs["gen_ai.openai.response.service_tier"] = self.service_tier
        if self.text is not None:
            message = {
                "role": "assistant",
                "parts": [{"type": "text", "content": "".join(self.text)}],
            }
            attrs["gen_ai.output.messages"] = json.dumps([message], ensure_ascii=False)
        return attrs


def response_attributes(answer: Any) -> Attrs:
    """The gen_ai.response.* and gen_ai.usage.* attributes of a whole answer."""
    observed = Observed()
    observed.observe(answer)
    return observed.attributes()


def content_attributes(body: Any) -> Attrs:
    """gen_ai.input.messages (and gen_ai.system_instructions) of a request: only when the
    caller asked for content capture."""
    if not isinstance(body, Mapping):
        return {}
    attrs: Attrs = {}
    for key in ("messages", "input", "prompt", "variables"):
        if key in body:
            attrs["gen_ai.input.messages"] = json.dumps(body[key], ensure_ascii=False, default=str)
            break
    instructions = body.get("instructions")
    if isinstance(instructions, str):
        attrs["gen_ai.system_instructions"] = instructions
    return attrs
