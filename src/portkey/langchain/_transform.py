"""The span bodies of ``LangchainCallbackHandler``, in the official handler's shapes.

Each function mirrors one of the official's transformers (same keys, same fallbacks when the
callback's data is not in the expected form), so that Portkey receives the same logs.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any, Dict, List, Optional

__all__ = ["chain_request", "chain_response", "llm_request", "llm_response", "span"]

_TOOL = re.compile(r"(\w+)\((.*?)\) -> (.*?) - (.+)")
_FORMAT = re.compile(r"Use the following format:\s*(.*?)\s*Begin!", re.DOTALL)
_QUESTION = re.compile(r"Question: (.+?)\n")
# An agent's output lines, as the official picks them out of a chain's outputs.
_OUTPUT_PATTERNS = {
    r"Action:\s*(.*)": "action",
    r"Action Input:\s*(.*)": "action_input",
    r"Final Answer:\s*(.*)": "final_answer",
    r"Answer:\s*(.*)": "answer",
}


def span(
    run_id: str,
    parent_span_id: str,
    name: Any,
    trace_id: str,
    request: Any,
    kind: str,
    tags: Optional[List[str]],
    metadata: Dict[str, Any],
) -> Dict[str, Any]:
    """A span as it starts (``response`` is added when it ends)."""
    source: Dict[str, Any] = {"type": kind}
    if tags:
        source["tags"] = tags
    return {
        "span_id": run_id,
        "parent_span_id": parent_span_id,
        "span_name": name,
        "trace_id": trace_id,
        "request": request,
        "start_time": time.time(),
        "metadata": {**metadata, "source_metadata": json.dumps(source)},
    }


def _tools(content: str) -> List[Dict[str, Any]]:
    """Tools described in a ReAct prompt (``name(args) -> type - description`` lines)."""
    return [
        {"name": name, "description": description, "return_type": returns}
        for name, _params, returns, description in _TOOL.findall(content)
    ]


def _response_format(content: str) -> List[str]:
    match = _FORMAT.search(content)
    if not match:
        return []
    return [line.strip() for line in match.group(1).split("\n") if line.strip()]


def llm_request(serialized: Any, prompts: List[str], kwargs: Dict[str, Any]) -> Dict[str, Any]:
    """The request of an LLM span: each prompt (``"Role: content"``) as a message, the
    model's invocation parameters in the body."""
    try:
        messages = []
        for entry in prompts:
            role, content = entry.split(": ", 1)
            question = _QUESTION.search(content)
            messages.append(
                {
                    "role": role,
                    "content": content.split("Use the following format:")[0].strip(),
                    "tools": _tools(content),
                    "response_format": {"structure": _response_format(content)},
                    "example_question": question.group(1) if question else "",
                    "example_thought": "",
                }
            )
        constructor = serialized.get("kwargs", "")
        provider = serialized["id"][2]
        headers = dict(constructor.get("default_headers", {}))
        headers["provider"] = provider
        body = {"messages": messages, **kwargs.get("invocation_params", {})}
        return {
            "method": "POST",
            "url": constructor.get("base_url", "chat/completions"),
            "provider": provider,
            "headers": headers,
            "body": body,
        }
    except Exception:  # not in the expected form: sent as it came, as the official does
        return {"serialized": serialized, "prompts": prompts, "invocation_params": kwargs}


def llm_response(response: Any, kwargs: Dict[str, Any]) -> Dict[str, Any]:
    """The response of an LLM span: the first generation as a chat completion."""
    try:
        output = response.llm_output or {}
        first = response.generations[0][0]
        info = first.generation_info
        body = {
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": first.text},
                    "logprobs": info.get("logprobs", ""),
                    "finish_reason": info.get("finish_reason", ""),
                }
            ],
            "usage": output.get("token_usage", ""),
            # The official reads a run_id that LangChain never puts in these keywords: "".
            "id": str(kwargs.get("run_id", "")),
            "created": int(time.time()),
            "model": output.get("model_name", ""),
            "system_fingerprint": output.get("system_fingerprint", ""),
        }
        return {"body": body, "headers": {}}
    except Exception:
        return {"response": response, "kwargs": kwargs}


def chain_request(serialized: Any, inputs: Any, kwargs: Dict[str, Any]) -> Dict[str, Any]:
    try:
        return {"name": kwargs["name"], "input": json.dumps(inputs)}
    except Exception:
        return {"serialized": serialized, "input": inputs, "kwargs": kwargs}


def chain_response(outputs: Any) -> Dict[str, Any]:
    """A chain's outputs, with an agent's Action / Action Input / Final Answer / Answer lines
    picked out (a key whose value has none of them is kept as it is)."""
    try:
        structured: Dict[str, Any] = {}
        for key, value in outputs.items():
            for pattern, name in _OUTPUT_PATTERNS.items():
                matches = re.findall(pattern, value)
                if matches:
                    structured[name] = matches[0].strip()
                else:
                    structured[key] = value
        return {"output": structured}
    except Exception:
        return {"output": outputs}
