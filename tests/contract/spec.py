"""The two OpenAPI documents, read once, made checkable by ``jsonschema``, and listed as
operations.

Loading rewrites each document in place so that any of its schemas can be validated alone:
``$ref``s point into the document by URN (``urn:portkey#/components/...``), OpenAPI 3.0's
``nullable: true`` becomes a JSON-Schema union with null, and boolean ``exclusiveMinimum``/
``exclusiveMaximum`` (draft 4 style) become numbers.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple
from urllib.parse import urlparse

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# ../shared beside the checkout (as in CI), like tools/gen_types.py reads it.
SPECS = Path(__file__).resolve().parents[3] / "shared" / "specs"
METHODS = ("get", "post", "put", "patch", "delete")

# The Portkey spec also describes the OpenAI-compatible routes (under these tags): those are
# checked against the OpenAI spec instead. Everything else there is Portkey's own.
OPENAI_TAGS = frozenset(
    (
        "Assistants",
        "Audio",
        "Batch",
        "Chat",
        "Completions",
        "Embeddings",
        "Files",
        "Fine-tuning",
        "Finetune",
        "Images",
        "Models",
        "Moderations",
        "Realtime",
        "Rerank",
        "Responses",
        "Vector Stores",
    )
)

# OpenAI operations no issue of ours covers, by path prefix, with the reason. "Not in the
# official" means: the official SDK (portkey-ai 2.3.4) vendors openai-python 2.30, which has
# no call for it (openai-python 3.x added some of these; issues 10-12 follow the official).
_NOT_OFFICIAL = "not in the official SDK (its openai-python 2.30 lacks it; 3.x added it)"
OPENAI_EXCLUDED: Dict[str, str] = {
    "/organization": "OpenAI's admin API (users, projects, keys, usage): not a gateway route",
    "/projects": "OpenAI's admin API (project roles of groups and users): not a gateway route",
    "/audio/voice_consents": "custom voice consents: " + _NOT_OFFICIAL,
    "/audio/voices": "custom voices: " + _NOT_OFFICIAL,
    "/content_provenance_checks": "C2PA provenance checks: " + _NOT_OFFICIAL,
    "/realtime/translations": "realtime translation client secrets: " + _NOT_OFFICIAL,
}
# The spec's ``?beta=true`` twins of the Responses routes (openai-python 3.x's beta.responses):
# the plain routes are checked; the beta ones are not in the official SDK.
OPENAI_EXCLUDED_SUFFIX = ("?beta=true", "beta.responses (?beta=true): " + _NOT_OFFICIAL)


def _prepare(node: Any, urn: str) -> Any:
    """The document rewritten for ``jsonschema`` (see the module docstring), in place."""
    if isinstance(node, list):
        for item in node:
            _prepare(item, urn)
        return node
    if not isinstance(node, dict):
        return node
    for value in node.values():
        _prepare(value, urn)
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        node["$ref"] = urn + ref
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if node.get(bound) is True and limit in node:
            node[bound] = node.pop(limit)
        elif node.get(bound) is False:
            del node[bound]
    if node.pop("nullable", False) is True:
        kind = node.get("type")
        if isinstance(kind, str):
            node["type"] = [kind, "null"]
            if "enum" in node and None not in node["enum"]:
                node["enum"] = [*node["enum"], None]
        elif "$ref" in node or "oneOf" in node or "anyOf" in node or "allOf" in node:
            inner = {k: node.pop(k) for k in list(node) if k in ("$ref", "oneOf", "anyOf", "allOf")}
            node["anyOf"] = [inner, {"type": "null"}]
    return node


class Spec:
    """One OpenAPI document: ``doc`` (prepared), ``urn``, ``resolve`` and ``validator``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.urn = f"urn:{name}"
        with (SPECS / name / "openapi.yaml").open(encoding="utf-8") as f:
            doc = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        self.doc: Dict[str, Any] = _prepare(doc, self.urn)
        resource = Resource.from_contents(self.doc, default_specification=DRAFT202012)
        self.registry: Registry[Any] = Registry().with_resource(self.urn, resource)
        self._validators: Dict[int, Draft202012Validator] = {}

    def resolve(self, schema: Any) -> Any:
        """``schema`` with its ``$ref`` chain followed (one level of the document)."""
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 20:
            pointer = schema["$ref"].split("#", 1)[1]
            node: Any = self.doc
            for part in pointer.strip("/").split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            schema, seen = node, seen + 1
        return schema

    def validator(self, schema: Any) -> Draft202012Validator:
        """A validator of ``schema`` (a part of this document, refs resolved by URN)."""
        key = id(schema)
        found = self._validators.get(key)
        if found is None:
            found = self._validators[key] = Draft202012Validator(schema, registry=self.registry)
        return found

    def errors(self, schema: Any, value: Any) -> List[str]:
        """Why ``value`` is not valid against ``schema`` (best reasons first; empty: valid)."""
        errors = sorted(self.validator(schema).iter_errors(value), key=lambda e: e.path)
        return [
            f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message[:300]}" for e in errors
        ]


@cache
def spec(name: str) -> Spec:
    return Spec(name)


class Operation:
    """One operation of a spec: ``method`` (upper case), ``path`` (the spec's template)."""

    def __init__(self, spec_name: str, method: str, path: str, op: Dict[str, Any], item: Any):
        self.spec_name = spec_name
        self.method = method.upper()
        self.path = path
        self.op = op
        # Path-level parameters first; an operation's own of the same name and place win.
        params: Dict[Tuple[str, str], Dict[str, Any]] = {}
        s = spec(spec_name)
        for raw in [*(item.get("parameters") or []), *(op.get("parameters") or [])]:
            param = s.resolve(raw)
            params[(param["name"], param["in"])] = param
        self.parameters = list(params.values())
        servers = item.get("servers") or op.get("servers") or s.doc.get("servers") or [{}]
        # The server's path before the operation's (/v1; none for Portkey's public routes).
        self.base_path = urlparse(servers[0].get("url", "")).path.rstrip("/")

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"

    def params_in(self, where: str) -> List[Dict[str, Any]]:
        return [p for p in self.parameters if p["in"] == where]

    def response(self) -> Tuple[int, Optional[str], Any]:
        """The first 2xx answer: status, media type (the first listed, event streams aside;
        None: no body) and the media entry (``schema``, ``example(s)``)."""
        for status, answer in sorted(self.op.get("responses", {}).items()):
            if not str(status).startswith("2"):
                continue
            answer = spec(self.spec_name).resolve(answer)
            content = answer.get("content") or {}
            for media, value in content.items():  # the first listed (video/mp4 before JSON)
                if media != "text/event-stream":
                    return int(status), media, value
            return int(status), None, {}
        return 200, None, {}


def walk_operations(name: str) -> Iterator[Operation]:
    doc = spec(name).doc
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                yield Operation(name, method, path, item[method], item)


def portkey_operations() -> List[Operation]:
    """Portkey's own operations (160): every operation whose tags are not OpenAI's."""
    return [o for o in walk_operations("portkey") if not set(o.op.get("tags") or ()) & OPENAI_TAGS]


def openai_excluded(op: Operation) -> Optional[str]:
    """Why an OpenAI operation is not ours to serve, or None."""
    if op.path.endswith(OPENAI_EXCLUDED_SUFFIX[0]):
        return OPENAI_EXCLUDED_SUFFIX[1]
    for prefix, reason in OPENAI_EXCLUDED.items():
        if op.path == prefix or op.path.startswith(prefix + "/"):
            return reason
    return None


def openai_operations() -> List[Operation]:
    """The OpenAI operations our SDK covers (all but ``OPENAI_EXCLUDED``)."""
    return [o for o in walk_operations("openai") if openai_excluded(o) is None]
