"""ADK requests to Responses API parameters, and Responses output back to ADK responses.

Plain functions over dicts (our client's responses and events as ``to_dict()``), shared by the
streamed and whole paths of ``PortkeyAdk``; they follow the official adapter's mapping, with
the differences listed in ``PortkeyAdk``'s docstring.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

try:
    from google.adk.models.llm_response import LlmResponse
    from google.genai import types
except ImportError as exc:  # pragma: no cover - exercised without the extra
    from .. import _missing_framework

    raise _missing_framework("adk", "portkey.integrations.adk", exc) from exc

from ..._schema import ensure_strict, is_pydantic_class, to_strict_json_schema
from .. import UnsupportedContentError

__all__ = ["llm_response", "request_params", "schema_dict"]

# types.Schema's snake_case names that JSON schema spells otherwise (the rest are the same or
# have no JSON schema meaning: property_ordering, example)
_SCHEMA_NAMES = {
    "any_of": "anyOf",
    "min_items": "minItems",
    "max_items": "maxItems",
    "min_length": "minLength",
    "max_length": "maxLength",
    "min_properties": "minProperties",
    "max_properties": "maxProperties",
}
_SCHEMA_DROPPED = frozenset(("property_ordering", "example", "nullable"))
_FINISH_REASONS = {"max_output_tokens": "MAX_TOKENS", "content_filter": "SAFETY"}


def _json(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


# -- schemas -----------------------------------------------------------------------------


def schema_dict(schema: Any) -> Dict[str, Any]:
    """A JSON schema from an ADK schema: a ``types.Schema``, a pydantic class (or another type
    pydantic can describe, such as ``list[X]``), or a JSON schema dict (copied)."""
    if isinstance(schema, types.Schema):
        return _genai_schema(schema.model_dump(exclude_none=True, mode="json"))
    if isinstance(schema, Mapping):
        return json.loads(json.dumps(schema))  # type: ignore[no-any-return]
    if is_pydantic_class(schema):
        return schema.model_json_schema()  # type: ignore[no-any-return]
    from pydantic import TypeAdapter  # pydantic comes with ADK

    return TypeAdapter(schema).json_schema()


def _genai_schema(dumped: Mapping[str, Any]) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for key, value in dumped.items():
        if key in _SCHEMA_DROPPED:
            continue
        name = _SCHEMA_NAMES.get(key, key)
        if key == "type":
            value = str(value).lower()
        elif key == "items":
            value = _genai_schema(value)
        elif key == "any_of":
            value = [_genai_schema(v) for v in value]
        elif key == "properties":
            value = {k: _genai_schema(v) for k, v in value.items()}
        out[name] = value
    if dumped.get("nullable") and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    return out


def _strict_ready(schema: Any) -> bool:
    """Whether OpenAI's strict mode takes the schema as it is: every object's properties all
    required (strict mode has no optional properties) and no extra properties allowed."""
    if isinstance(schema, list):
        return all(_strict_ready(s) for s in schema)
    if not isinstance(schema, dict):
        return True
    properties = schema.get("properties")
    if isinstance(properties, dict):
        if set(properties) - set(schema.get("required") or ()):
            return False
        if schema.get("additionalProperties") not in (None, False):
            return False
    return all(_strict_ready(v) for k, v in schema.items() if k != "default")


def _close_objects(schema: Any) -> None:
    if isinstance(schema, list):
        for item in schema:
            _close_objects(item)
    elif isinstance(schema, dict):
        if schema.get("type") == "object" or isinstance(schema.get("properties"), dict):
            schema.setdefault("additionalProperties", False)
        for value in schema.values():
            _close_objects(value)


def _function_tool(declaration: Any) -> Dict[str, Any]:
    """A function tool; strict (as the official's) when its schema allows it."""
    if getattr(declaration, "parameters_json_schema", None) is not None:
        parameters = schema_dict(declaration.parameters_json_schema)
    elif getattr(declaration, "parameters", None) is not None:
        parameters = schema_dict(declaration.parameters)
    else:
        parameters = {"type": "object", "properties": {}}
    parameters.setdefault("type", "object")
    parameters.setdefault("properties", {})
    strict = _strict_ready(parameters)
    if strict:
        _close_objects(parameters)
    return {
        "type": "function",
        "name": declaration.name,
        "description": getattr(declaration, "description", None) or "",
        "parameters": parameters,
        "strict": strict,
    }


def _text_format(config: Any) -> Optional[Dict[str, Any]]:
    """``text.format`` for the request's output schema (strict JSON schema), or JSON mode."""
    schema = getattr(config, "response_json_schema", None) or getattr(
        config, "response_schema", None
    )
    if schema is None:
        if getattr(config, "response_mime_type", None) == "application/json":
            return {"format": {"type": "json_object"}}
        return None
    try:
        if is_pydantic_class(schema):
            strict_schema = to_strict_json_schema(schema)
        else:
            strict_schema = schema_dict(schema)
            ensure_strict(strict_schema, path=(), root=strict_schema)
        body = {"type": "json_schema", "name": "adk_response", "schema": strict_schema}
        return {"format": {**body, "strict": True}}
    except (TypeError, ValueError):  # what strict mode cannot express (a free-form dict)
        body = {"type": "json_schema", "name": "adk_response", "schema": schema_dict(schema)}
        return {"format": {**body, "strict": False}}


# -- contents -> input items ---------------------------------------------------------------


def _role(role: Optional[str], system_role: str) -> str:
    if role in ("model", "assistant"):
        return "assistant"
    if role in ("system", "developer"):
        return system_role
    return "user"


def _media_part(part: Any) -> Dict[str, Any]:
    """An inline (bytes) or referenced (URI) file as an input content part."""
    inline = getattr(part, "inline_data", None)
    if inline is not None:
        mime = inline.mime_type or "application/octet-stream"
        data = base64.b64encode(inline.data or b"").decode("ascii")
        if mime.startswith("audio/"):
            audio_format = mime.split("/")[-1].lower()
            if audio_format not in ("mp3", "wav"):
                raise UnsupportedContentError(
                    f"the Responses API takes mp3 or wav audio, not {mime}"
                )
            return {"type": "input_audio", "input_audio": {"data": data, "format": audio_format}}
        url = f"data:{mime};base64,{data}"
        name = getattr(inline, "display_name", None) or "attachment"
    else:
        file_data = part.file_data
        mime = file_data.mime_type or ""
        url = file_data.file_uri
        name = getattr(file_data, "display_name", None) or "attachment"
    if mime.startswith("video/"):
        raise UnsupportedContentError("the Responses API does not take video input")
    if mime.startswith("image/"):
        return {"type": "input_image", "image_url": url, "detail": "auto"}
    if url.startswith("data:"):
        return {"type": "input_file", "file_data": url, "filename": name}
    return {"type": "input_file", "file_url": url}


def _reasoning_ref(part: Any) -> Optional[Dict[str, Any]]:
    """The reasoning item a thought part came from (its id and encrypted content, packed in
    ``thought_signature`` by ``_thought_signature``), or None."""
    signature = getattr(part, "thought_signature", None)
    if isinstance(signature, str):
        signature = signature.encode("utf-8")
    if not signature:
        return None
    try:
        ref = json.loads(signature)
    except ValueError:
        return None
    if not (isinstance(ref, dict) and isinstance(ref.get("id"), str)):
        return None
    return ref


def _content_items(content: Any, system_role: str) -> List[Dict[str, Any]]:
    items: List[Dict[str, Any]] = []
    role = _role(getattr(content, "role", None), system_role)
    message: List[Dict[str, Any]] = []
    reasoning: Dict[str, Dict[str, Any]] = {}
    for part in getattr(content, "parts", None) or ():
        response = getattr(part, "function_response", None)
        call = getattr(part, "function_call", None)
        if response is not None:
            if not response.id:
                raise UnsupportedContentError(
                    f"the function response of {response.name!r} has no id (its call's id)"
                )
            output = {"type": "function_call_output", "call_id": response.id}
            items.append({**output, "output": _json(response.response)})
        elif call is not None:
            if not call.name or not call.id:
                raise UnsupportedContentError("a function call needs a name and an id")
            call_item = {"type": "function_call", "call_id": call.id, "name": call.name}
            items.append({**call_item, "arguments": _json(call.args or {})})
        elif getattr(part, "thought", None):
            ref = _reasoning_ref(part)
            if ref is None:
                continue  # a thought of another model: the API cannot take it back
            item = reasoning.get(ref["id"])
            if item is None:
                item = {"type": "reasoning", "id": ref["id"], "summary": []}
                if ref.get("encrypted_content"):
                    item["encrypted_content"] = ref["encrypted_content"]
                reasoning[ref["id"]] = item
                items.append(item)
            if part.text:
                item["summary"].append({"type": "summary_text", "text": part.text})
        elif getattr(part, "text", None):
            kind = "output_text" if role == "assistant" else "input_text"
            message.append({"type": kind, "text": part.text})
        elif getattr(part, "inline_data", None) is not None or getattr(part, "file_data", None):
            message.append(_media_part(part))
    if message:
        text_only = all(p["type"] in ("input_text", "output_text") for p in message)
        if text_only and (len(message) == 1 or role == "assistant"):
            body: Any = "".join(p["text"] for p in message)
        else:
            body = message
        # after the reasoning and tool outputs, before the calls a model made after saying it
        calls = [i for i, item in enumerate(items) if item["type"] == "function_call"]
        at = calls[0] if calls else len(items)
        items.insert(at, {"type": "message", "role": role, "content": body})
    return items


def _instructions(config: Any) -> Optional[str]:
    instruction = getattr(config, "system_instruction", None)
    if not instruction:
        return None
    if isinstance(instruction, str):
        return instruction
    pieces = instruction if isinstance(instruction, list) else [instruction]
    texts: List[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            texts.append(piece)
        elif getattr(piece, "parts", None):
            texts.extend(p.text for p in piece.parts if getattr(p, "text", None))
        elif getattr(piece, "text", None):
            texts.append(piece.text)
    return "\n".join(texts) or None


def _tool_choice(config: Any) -> Any:
    calling = getattr(getattr(config, "tool_config", None), "function_calling_config", None)
    mode = str(getattr(getattr(calling, "mode", None), "value", "") or "").upper()
    names = list(getattr(calling, "allowed_function_names", None) or ())
    if mode == "NONE":
        return "none"
    if mode == "ANY":
        return {"type": "function", "name": names[0]} if len(names) == 1 else "required"
    return "auto"


def _reasoning(config: Any) -> Optional[Dict[str, Any]]:
    """ADK's thinking config as ``reasoning`` (effort from the token budget, as the
    official's: up to 1024 low, up to 4096 medium, else high)."""
    thinking = getattr(config, "thinking_config", None)
    if not thinking or not getattr(thinking, "include_thoughts", None):
        return None
    budget = getattr(thinking, "thinking_budget", None)
    effort = "medium"
    if budget is not None:
        effort = "low" if budget <= 1024 else "medium" if budget <= 4096 else "high"
    return {"effort": effort, "summary": "auto"}


def request_params(llm_request: Any, system_role: str) -> Dict[str, Any]:
    """The Responses API parameters of an ADK ``LlmRequest`` (no model, no stream)."""
    config = getattr(llm_request, "config", None)
    items: List[Dict[str, Any]] = []
    for content in getattr(llm_request, "contents", None) or ():
        items.extend(_content_items(content, system_role))
    params: Dict[str, Any] = {"input": items}
    instructions = _instructions(config)
    if instructions:
        params["instructions"] = instructions
    declarations = [
        declaration
        for tool in getattr(config, "tools", None) or ()
        for declaration in getattr(tool, "function_declarations", None) or ()
    ]
    if declarations:
        params["tools"] = [_function_tool(d) for d in declarations]
        params["tool_choice"] = _tool_choice(config)
    text = _text_format(config)
    if text:
        params["text"] = text
    reasoning = _reasoning(config)
    if reasoning:
        params["reasoning"] = reasoning
        params["include"] = ["reasoning.encrypted_content"]
    for ours, theirs in (
        ("temperature", "temperature"),
        ("top_p", "top_p"),
        ("max_output_tokens", "max_output_tokens"),
    ):
        value = getattr(config, ours, None)
        if value is not None:
            params[theirs] = value
    return params


# -- Responses output -> ADK ---------------------------------------------------------------


def _thought_signature(item: Mapping[str, Any]) -> Optional[bytes]:
    """The reasoning item's id and encrypted content, for ``_reasoning_ref`` to give back."""
    if not item.get("id"):
        return None
    ref = {"id": item["id"], "encrypted_content": item.get("encrypted_content")}
    return json.dumps(ref).encode("utf-8")


def text_part(text: str, *, thought: bool = False, signature: Optional[bytes] = None) -> Any:
    part = types.Part(text=text)
    if thought:
        part.thought = True
    if signature:
        part.thought_signature = signature
    return part


def _function_call_part(item: Mapping[str, Any]) -> Any:
    try:
        args = json.loads(item.get("arguments") or "{}")
    except ValueError:
        args = {}  # as the official: a call with broken arguments gets none
    if not isinstance(args, dict):
        args = {"value": args}
    call = types.FunctionCall(
        id=item.get("call_id") or item.get("id"), name=item.get("name") or "", args=args
    )
    return types.Part(function_call=call)


def output_parts(output: Iterable[Mapping[str, Any]]) -> List[Any]:
    parts: List[Any] = []
    for item in output:
        kind = item.get("type")
        if kind == "reasoning":
            signature = _thought_signature(item)
            texts = [c.get("text", "") for c in item.get("content") or () if c.get("text")]
            texts = texts or [s.get("text", "") for s in item.get("summary") or ()]
            parts.extend(text_part(t, thought=True, signature=signature) for t in texts)
        elif kind == "message":
            for content in item.get("content") or ():
                if content.get("type") == "output_text":
                    parts.append(text_part(content.get("text", "")))
                elif content.get("type") == "refusal":
                    parts.append(text_part(content.get("refusal", "")))
        elif kind == "function_call":
            parts.append(_function_call_part(item))
    return parts


def usage_metadata(usage: Optional[Mapping[str, Any]]) -> Any:
    if not usage:
        return None
    output_tokens = usage.get("output_tokens") or 0
    reasoning_tokens = (usage.get("output_tokens_details") or {}).get("reasoning_tokens") or 0
    cached_tokens = (usage.get("input_tokens_details") or {}).get("cached_tokens") or 0
    return types.GenerateContentResponseUsageMetadata(
        prompt_token_count=usage.get("input_tokens") or 0,
        cached_content_token_count=cached_tokens,
        candidates_token_count=output_tokens - reasoning_tokens,
        thoughts_token_count=reasoning_tokens,
        total_token_count=usage.get("total_tokens") or 0,
    )


def _finish(response: Mapping[str, Any]) -> Tuple[Optional[str], Optional[str], Optional[str]]:
    """(finish reason, error code, error message) of a finished response."""
    status = response.get("status")
    if status == "failed":
        error = response.get("error") or {}
        return "OTHER", str(error.get("code") or "failed"), error.get("message")
    if status == "incomplete":
        reason = (response.get("incomplete_details") or {}).get("reason") or ""
        return _FINISH_REASONS.get(reason, "OTHER"), None, None
    return "STOP", None, None


def llm_response(response: Mapping[str, Any], *, parts: Optional[List[Any]] = None) -> Any:
    """The ADK response of a finished Responses API response (``parts``: its output parts,
    when they were gathered from a stream)."""
    finish_reason, error_code, error_message = _finish(response)
    described: Dict[str, Any] = {
        "finish_reason": types.FinishReason(finish_reason),
        "model_version": response.get("model"),
    }
    answer = LlmResponse(
        content=types.Content(
            role="model",
            parts=parts if parts is not None else output_parts(response.get("output") or ()),
        ),
        partial=False,
        usage_metadata=usage_metadata(response.get("usage")),
        # fields of later ADK versions (finish_reason 1.15, model_version 1.20)
        **{k: v for k, v in described.items() if k in LlmResponse.model_fields},
    )
    if error_code:
        answer.error_code = error_code
        answer.error_message = error_message
    return answer


def partial_response(part: Any) -> Any:
    return LlmResponse(content=types.Content(role="model", parts=[part]), partial=True)
