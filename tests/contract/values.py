"""Values made from JSON schemas, deterministically (no randomness).

``Maker(spec, full=False)`` makes the smallest valid value: required properties only, the
first enum value or const, lengths, counts and numbers within their bounds, a format's
canonical text, the first ``oneOf``/``anyOf`` branch whose value is valid against the whole.
``full=True`` (answers) also fills the optional properties, down to a depth, so that every
field of a type is exercised. A ``format: binary`` string is bytes (a multipart file part).
"""

from __future__ import annotations

import re
from typing import Any, Dict, FrozenSet, List, Optional

from .spec import Spec

FORMATS: Dict[str, Any] = {
    "date-time": "2024-05-01T12:00:00Z",
    "date": "2024-05-01",
    "time": "12:00:00",
    "uuid": "123e4567-e89b-42d3-a456-426614174000",
    "email": "dev@example.com",
    "uri": "https://example.com/contract",
    "url": "https://example.com/contract",
    "byte": "Y29udHJhY3Q=",
    "binary": b"contract-bytes",
    "ipv4": "127.0.0.1",
    "hostname": "example.com",
}
MAX_DEPTH = 7  # below it, answers carry required properties only (recursive schemas)


def _merged(spec: Spec, schema: Dict[str, Any]) -> Dict[str, Any]:
    """An ``allOf`` schema as one: properties and required lists joined."""
    out: Dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    for part in schema["allOf"]:
        part = spec.resolve(part)
        if "allOf" in part:
            part = _merged(spec, part)
        for key, value in part.items():
            if key == "properties":
                out["properties"] = {**value, **out.get("properties", {})}
            elif key == "required":
                out["required"] = [*out.get("required", []), *value]
            else:
                out.setdefault(key, value)
    return out


class Maker:
    """Makes values of one spec's schemas (see the module docstring)."""

    def __init__(self, spec: Spec, *, full: bool = False) -> None:
        self.spec = spec
        self.full = full

    def value(self, schema: Any, name: str = "", depth: int = 0) -> Any:
        return self._value(schema, name, depth, frozenset())

    def _value(self, schema: Any, name: str, depth: int, refs: FrozenSet[str]) -> Any:
        if isinstance(schema, dict) and "$ref" in schema:
            refs = refs | {schema["$ref"]}
        schema = self.spec.resolve(schema)
        if not isinstance(schema, dict):
            return "contract"
        if "allOf" in schema:
            schema = _merged(self.spec, schema)
        if "const" in schema:
            return schema["const"]
        enum = [v for v in schema.get("enum") or () if v is not None]
        if enum:
            return enum[0]
        for key in ("oneOf", "anyOf"):
            if key in schema:
                return self._choice(schema, key, name, depth, refs)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = (
                "object"
                if "properties" in schema or "additionalProperties" in schema
                else "array"
                if "items" in schema
                else None
            )
        if kind == "object":
            return self._object(schema, depth, refs)
        if kind == "array":
            return self._array(schema, name, depth, refs)
        if kind == "string":
            return self._string(schema, name)
        if kind in ("integer", "number"):
            return self._number(schema, kind)
        if kind == "boolean":
            return schema.get("default", True) if isinstance(schema.get("default"), bool) else True
        if kind == "null":
            return None
        return "contract"  # any JSON

    def _choice(self, schema: Dict[str, Any], key: str, name: str, depth: int, refs: Any) -> Any:
        rest = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
        candidates = []
        for branch in schema[key]:
            resolved = self.spec.resolve(branch)
            if isinstance(resolved, dict) and resolved.get("type") == "null":
                continue
            # The branch with the schema's own keywords (properties, required, ...) joined.
            candidates.append(
                {**rest, "allOf": [*rest.get("allOf", ()), branch]} if rest else branch
            )
        first: Any = None
        for full in dict.fromkeys((self.full, False)):  # answers: then the smallest values
            maker = self if full == self.full else Maker(self.spec, full=full)
            for candidate in candidates:
                value = maker._value(candidate, name, depth, refs)
                if first is None:
                    first = value
                if not self.spec.errors(schema, _jsonable(value)):
                    return value
        return first

    def _object(self, schema: Dict[str, Any], depth: int, refs: FrozenSet[str]) -> Dict[str, Any]:
        props: Dict[str, Any] = schema.get("properties") or {}
        required: List[str] = list(dict.fromkeys(schema.get("required") or ()))
        names = list(required)
        if self.full and depth < MAX_DEPTH:
            for key, sub in props.items():
                ref = sub.get("$ref") if isinstance(sub, dict) else None
                if key in names or ref in refs or sub.get("deprecated") or _sdk_only(sub):
                    continue
                names.append(key)
        out: Dict[str, Any] = {}
        extra = schema.get("additionalProperties")
        for key in names:
            sub = props.get(key, extra if isinstance(extra, dict) else {})
            out[key] = self._value(sub, key, depth + 1, refs)
        spare = [k for k in props if k not in out and not _sdk_only(props[k])]
        for index in range(len(out), int(schema.get("minProperties") or 0)):
            if spare:  # declared properties first, then free ones
                key = spare.pop(0)
                out[key] = self._value(props[key], key, depth + 1, refs)
            else:
                free = extra if isinstance(extra, dict) else {}
                out[f"key_{index}"] = self._value(free, "", depth + 1, refs)
        return out

    def _array(self, schema: Dict[str, Any], name: str, depth: int, refs: Any) -> List[Any]:
        count = max(int(schema.get("minItems") or 0), 1)
        if "maxItems" in schema:
            count = min(count, int(schema["maxItems"]))
        items = schema.get("items") or {}
        values = [self._value(items, name, depth + 1, refs) for _ in range(count)]
        if schema.get("uniqueItems") and count > 1 and isinstance(values[0], (str, int)):
            values = [values[0] if i == 0 else f"{values[0]}-{i}" for i in range(count)]
        return values

    def _string(self, schema: Dict[str, Any], name: str) -> Any:
        fmt = schema.get("format")
        if fmt == "binary":
            return FORMATS["binary"]
        example = schema.get("example", schema.get("default"))
        candidates = [example] if isinstance(example, str) else []
        if fmt in FORMATS:
            candidates.append(FORMATS[fmt])
        candidates.append(f"contract-{name}" if name else "contract")
        low, high = int(schema.get("minLength") or 0), schema.get("maxLength")
        pattern = schema.get("pattern")
        for text in candidates:
            if pattern and not _matches(pattern, text):
                continue
            if len(text) < low:
                text = text + "x" * (low - len(text))
            if high is not None and len(text) > int(high):
                text = text[: int(high)]
            return text
        return candidates[-1]

    def _number(self, schema: Dict[str, Any], kind: str) -> Any:
        low: Optional[float] = schema.get("minimum")
        high: Optional[float] = schema.get("maximum")
        if isinstance(schema.get("exclusiveMinimum"), (int, float)):
            low = schema["exclusiveMinimum"] + (1 if kind == "integer" else 0.5)
        if isinstance(schema.get("exclusiveMaximum"), (int, float)):
            high = schema["exclusiveMaximum"] - (1 if kind == "integer" else 0.5)
        example = schema.get("example", schema.get("default"))
        value: Any = (
            example if isinstance(example, (int, float)) and not isinstance(example, bool) else 1
        )
        if low is not None and value < low:
            value = low
        if high is not None and value > high:
            value = high if low is None or high >= low else low
        return int(value) if kind == "integer" else value


def _sdk_only(schema: Any) -> bool:
    """A property the SDKs compute (``Response.output_text``): never on the wire."""
    if not isinstance(schema, dict):
        return False
    branches = [schema, *schema.get("anyOf", ()), *schema.get("oneOf", ())]
    return any(isinstance(b, dict) and "x-oaiSupportedSDKs" in b for b in branches)


def _matches(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True


def _jsonable(value: Any) -> Any:
    """``value`` as JSON data (bytes, a file part, as text) for validation."""
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value
