"""The checks: a request against its operation, and a result against the answer it came from.

Each returns the problems found, as sentences (empty: the contract holds).
"""

from __future__ import annotations

import json
import typing
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any, Dict, List, Optional, Tuple

import httpx

from portkey._generic import GenericResponse
from portkey._models import BaseModel

from .calls import Plan, object_schema
from .finder import Route, Served
from .spec import Operation, Spec, spec
from .values import _jsonable


def _form_parts(request: httpx.Request) -> List[Tuple[str, Optional[str], bytes]]:
    """The parts of a multipart request: name (``[]`` suffixes dropped), file name, value."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + request.content)
    parts = []
    for part in message.iter_parts():
        name = str(part.get_param("name", header="content-disposition") or "")
        filename = part.get_param("filename", header="content-disposition")
        value = part.get_payload(decode=True) or b""
        parts.append((name.split("[", 1)[0], None if filename is None else str(filename), value))
    return parts


def _form_problems(s: Spec, schema: Any, request: httpx.Request) -> List[str]:
    """A form against its schema: names declared, required ones sent, file fields sent as
    files, text values within their enums."""
    parts = _form_parts(request)
    merged = object_schema(s, schema)
    props = merged.get("properties") or {}
    problems = []
    for name, filename, value in parts:
        if props and name not in props:
            problems.append(f"form field {name!r} is not in the spec's form ({sorted(props)})")
            continue
        sub = object_schema(s, props.get(name) or {})
        if sub.get("format") == "binary" and filename is None:
            problems.append(f"form field {name!r} is a file in the spec, sent as text")
        enum = sub.get("enum")
        if filename is None and enum and value.decode("utf-8", "replace") not in map(str, enum):
            problems.append(f"form field {name}={value!r} is not one of {enum}")
    names = {name for name, _, _ in parts}
    for name in merged.get("required") or ():
        if name not in names:
            problems.append(f"required form field {name!r} not sent")
    return problems


def _query_value_problem(param: Dict[str, Any], value: str, s: Spec) -> Optional[str]:
    schema = object_schema(s, param.get("schema") or {})
    kind = schema.get("type")
    kind = next((k for k in kind if k != "null"), None) if isinstance(kind, list) else kind
    try:
        if kind == "integer":
            int(value)
        elif kind == "number":
            float(value)
    except ValueError:
        return f"query {param['name']}={value!r} is not a {kind}"
    if kind == "boolean" and value not in ("true", "false"):
        return f"query {param['name']}={value!r} is not true/false"
    enum = schema.get("enum")
    if enum and kind == "string" and value not in enum:
        return f"query {param['name']}={value!r} is not one of {enum}"
    return None


# Where the official SDK's wire differs from the spec, ours sends what the official sends
# (the captured-requests replay, tests/test_wire.py, holds it to that): each allowed
# difference, by operation, with the official's reason. Nothing else is let through.
OFFICIAL_WIRE: Dict[Tuple[str, str], Dict[str, str]] = {
    ("portkey", "GET /admin/workspaces"): {
        "query:currentPage": "the official spells the page currentPage (and sends 0 always)",
        "query:pageSize": "the official spells the page size pageSize",
    },
    ("portkey", "DELETE /admin/workspaces/{workspaceId}"): {
        "body": "the official sends {workspace_id, name} as the DELETE's JSON body",
    },
    ("portkey", "POST /prompts/{promptId}/render"): {
        "body:stream": "the official always sends stream (false)",
    },
    ("openai", "POST /realtime/sessions"): {
        "body:model": "the official always sends a model (default 'portkey-default')",
    },
}


def check_request(op: Operation, plan: Plan, request: httpx.Request) -> List[str]:
    problems = [
        p
        for p in _request_problems(op, plan, request)
        if _allowance(p) not in OFFICIAL_WIRE.get((op.spec_name, op.id), {})
    ]
    return problems


def _allowance(problem: str) -> str:
    """The OFFICIAL_WIRE key a problem would need (never matching for other problems)."""
    if problem.startswith("query ") and " is not declared by the spec" in problem:
        return "query:" + problem.split("'", 2)[1]
    if problem.startswith("body field ") and problem.endswith(" is not declared by the spec"):
        return "body:" + problem.split("'", 2)[1]
    if problem.startswith("a body sent, the spec has none"):
        return "body"
    return ""


def _request_problems(op: Operation, plan: Plan, request: httpx.Request) -> List[str]:
    s = spec(op.spec_name)
    problems: List[str] = []
    if request.method != op.method:
        problems.append(f"method {request.method}, the spec says {op.method}")
    if request.url.path != op.base_path + plan.path:
        problems.append(f"path {request.url.path!r}, the spec's is {op.base_path + plan.path!r}")
    # Names compared without an array's "[]" (the spec says include[] or include).
    declared = {p["name"].split("[", 1)[0]: p for p in op.params_in("query")}
    sent = request.url.params
    for name in sent:
        param = declared.get(name.split("[", 1)[0])
        if param is None:
            names = sorted(p["name"] for p in declared.values())
            problems.append(f"query {name!r} is not declared by the spec ({names})")
        else:
            problem = _query_value_problem(param, sent[name], s)
            if problem:
                problems.append(problem)
    sent_names = {name.split("[", 1)[0] for name in sent}
    for name, param in declared.items():
        if param.get("required") and name not in sent_names:
            problems.append(f"required query {param['name']!r} not sent")
    media = request.headers.get("content-type", "").split(";", 1)[0].strip()
    body = s.resolve(op.op.get("requestBody")) or {}
    content = body.get("content") or {}
    if not request.content:
        if body.get("required") and content:
            problems.append("no body sent; the spec requires one")
        return problems
    if not content:
        if request.content.strip() not in (b"{}", b"null"):
            problems.append(f"a body sent, the spec has none: {request.content[:200]!r}")
        return problems
    if media not in content:
        problems.append(f"body sent as {media!r}; the spec takes {sorted(content)}")
        return problems
    schema = content[media].get("schema") or {}
    if media == "application/json":
        data = json.loads(request.content)
        for error in s.errors(schema, data):
            problems.append(f"body invalid against the spec: {error}")
        props = object_schema(s, schema).get("properties")
        if isinstance(data, dict) and props:
            for name in data:
                if name not in props and name not in plan.free:
                    problems.append(f"body field {name!r} is not declared by the spec")
    elif media == "multipart/form-data":
        problems += _form_problems(s, schema, request)
    return problems


def _branch(s: Spec, schema: Any, value: Any) -> Dict[str, Any]:
    """The schema describing ``value``: a ``oneOf``/``anyOf`` branch it is valid against."""
    schema = object_schema(s, schema)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            branches = [object_schema(s, b) for b in schema[key]]
            valid = [b for b in branches if not s.errors(b, _jsonable(value))]
            objects = [b for b in branches if b.get("properties")]
            pick = (valid or objects or branches or [{}])[0]
            return _branch(s, pick, value)
    return schema


def _get(value: Any, key: str) -> Any:
    if isinstance(value, dict):
        return value[key]
    return getattr(value, key)


def check_fields(s: Spec, value: Any, sent: Any, schema: Any, where: str = "") -> List[str]:
    """Every field of ``sent`` (the answer's JSON) present on ``value`` with its value, and
    typed (not a dict) where the spec describes an object with properties."""
    here = where or "<result>"
    if isinstance(sent, dict):
        branch = _branch(s, schema, sent)
        props = branch.get("properties") or {}
        if isinstance(value, dict) and props:
            names = ", ".join(sorted(props)[:6]) + (", ..." if len(props) > 6 else "")
            return [f"{here}: a dict where the spec has an object ({names})"]
        if value is None or isinstance(value, (str, int, float, list)):
            return [f"{here}: {type(value).__name__} where the answer has an object"]
        problems: List[str] = []
        extra = branch.get("additionalProperties")
        for key, sub in sent.items():
            try:
                got = _get(value, key)
            except (KeyError, AttributeError):
                problems.append(f"{where}.{key}: missing on the result".lstrip("."))
                continue
            sub_schema = props.get(key, extra if isinstance(extra, dict) else {})
            problems += check_fields(s, got, sub, sub_schema, f"{where}.{key}".lstrip("."))
        return problems
    if isinstance(sent, list):
        if not isinstance(value, (list, tuple)) and isinstance(getattr(value, "data", None), list):
            value = value.data  # a page over an answer that is the bare list
        if not isinstance(value, (list, tuple)):
            return [f"{here}: {type(value).__name__} where the answer has a list"]
        items = object_schema(s, schema).get("items", {})
        if len(value) != len(sent):
            return [f"{here}: {len(value)} items, the answer has {len(sent)}"]
        return [
            p
            for i, (v, x) in enumerate(zip(value, sent))
            for p in check_fields(s, v, x, items, f"{here}[{i}]")
        ]
    plain = value.value if hasattr(value, "value") and not isinstance(value, (str, int)) else value
    if plain != sent or type(plain) is bool and type(sent) is not bool:
        return [f"{here}: {value!r} where the answer has {sent!r}"]
    return []


def _declared_types(served: Served) -> Optional[tuple]:
    """The classes the method's return annotation names, or None (``Any``, unknown)."""
    from portkey import _binary, _pagination, _streaming

    annotation = served.function.__annotations__.get("return")
    if not isinstance(annotation, str):
        return None
    names = {**vars(_pagination), **vars(_streaming), **vars(_binary), **vars(typing)}
    try:
        resolved = eval(annotation, {**names, **served.function.__globals__})
    except Exception:  # a name only imported for type checking elsewhere: not checked
        return None
    if resolved is None:
        return (type(None),)
    if typing.get_origin(resolved) is typing.Annotated:
        resolved = typing.get_args(resolved)[0]
    out = []
    for member in (
        typing.get_args(resolved) if typing.get_origin(resolved) is typing.Union else (resolved,)
    ):
        origin = typing.get_origin(member) or member
        if origin is _pagination.AsyncPaginator:
            origin = _pagination.AsyncPage  # what awaiting it gives
        if origin is typing.Any:
            return None
        if isinstance(origin, type):
            out.append(origin)
    return tuple(out) or None


def check_result(
    op: Operation, served: Served, key: Route, result: Any, sent: Any, raw: bytes
) -> List[str]:
    s = spec(op.spec_name)
    problems: List[str] = []
    declared = _declared_types(served)
    if declared is not None and not isinstance(result, declared):
        names = [t.__name__ for t in declared]
        problems.append(f"result is a {type(result).__name__}, the method declares {names}")
    endpoint = served.endpoint_for(key)
    cast = getattr(endpoint, "cast", None)
    item = getattr(endpoint, "item", None)
    if item is not None and isinstance(item, type) and item is not object:
        for index, element in enumerate(getattr(result, "data", None) or ()):
            if not isinstance(element, item):
                problems.append(f"item {index} is a {type(element).__name__}, not {item.__name__}")
    elif item is None and isinstance(cast, type) and cast not in (object, str):
        # (with a postprocess the endpoint's cast is a step: the declared type is checked)
        cast = cast if getattr(endpoint, "postprocess", None) is None else object
        if not isinstance(result, cast):
            problems.append(f"result is a {type(result).__name__}, not {cast.__name__}")
    status, media, entry = op.response()
    if media is None:
        return problems
    content = getattr(result, "content", None)
    if media != "application/json" or isinstance(content, bytes):  # a binary answer
        if content != raw:
            problems.append(f"binary answer: got {type(result).__name__}, not the bytes sent")
        return problems
    if (
        sent is not None
        and not isinstance(result, (BaseModel, str, list, dict))
        and not hasattr(result, "data")
    ):
        problems.append(f"result is a {type(result).__name__}")
    schema = entry.get("schema") or {}
    if isinstance(result, GenericResponse) and isinstance(sent, dict):
        props = _branch(s, schema, sent).get("properties") or {}
        if set(props) - {"success", "data", "warning"}:  # GenericResponse's own fields
            problems.append(f"an untyped GenericResponse where the spec has {sorted(props)[:6]}")
    return problems + check_fields(s, result, sent, schema)
