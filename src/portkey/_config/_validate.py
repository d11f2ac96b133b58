"""Checking a config (a dict, as JSON) against the gateway's rules in ``_rules.py``.

``problems(config)`` lists every problem as ``(path, rule, message)``; ``validate_config``
raises them as one ``ConfigError``. Paths are written as in the gateway's answers
(``targets[1].retry.attempts``; a key that is not a plain name is quoted:
``query["metadata.plan"]``). Values are never shown for keys that may hold a credential.

The rules are the gateway's own and no stricter, with one deliberate exception: a key that no
version of the gateway knows (the gateway silently ignores it: a misspelt ``"stratgy"`` turns a
fallback into a single call) is refused, with the nearest known key.
"""

from __future__ import annotations

import difflib
import math
import re
from typing import Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import urlsplit

from .._errors import ConfigError
from . import _rules as R

__all__ = ["RULES", "problems", "validate_config"]

Issue = Tuple[str, str, str]

# Every rule, by the name ConfigError.rule carries.
RULES: Dict[str, str] = {
    "config-type": "a config is a JSON object (a dict)",
    "unknown-key": "a key no version of the gateway knows (it would be ignored) is refused",
    "legacy-key": "a key the gateway ignores in a config (legacy format, request options)",
    "camel-case": "camelCase is taken except where the gateway would rename the contents",
    "duplicate-key": "a key written in both spellings (snake_case and camelCase)",
    "type": "each value has the type the gateway's schema gives it (null is no value)",
    "not-json": "values are JSON: string keys, finite numbers, lists and objects",
    "required": "strategy.mode, retry.attempts, cache.mode, a condition's query and then, ...",
    "strategy.mode": "strategy.mode is single, loadbalance, fallback or conditional",
    "cache.mode": "cache.mode is simple or semantic",
    "provider": "a provider the gateway knows, or an @slug (hosted)",
    "azure_deployment_type": "azure_deployment_type is serverless or managed",
    "reach": "a config and each target can reach a provider",
    "custom_host": "custom_host is a plain http(s) URL without credentials",
    "vertex": "the vertex-ai provider needs its region and project or service account",
    "forward_headers": "forward_headers must not name x-portkey-forward-headers",
    "strategy-targets": "a strategy routes over a non-empty 'targets'",
    "conditions": "a conditional strategy needs 'conditions'",
    "condition-target": "a condition's 'then' and the 'default' name a target",
    "query": "a query reads metadata./params./url. fields with the router's operators",
    "weights": "loadbalance weights do not all add up to 0",
    "cb_config": "cb_config: a failure threshold (>= 1) and cooldown_interval >= 30000 ms",
}

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_DESCRIBE = {
    "str": "a string",
    "bool": "true or false",
    "num": "a number",
    "int": "a whole number",
    "obj": "an object (dict)",
}
_ENUM_RULES = {"mode": "strategy.mode", "cache_mode": "cache.mode"}


def join(path: str, key: str) -> str:
    if not _PLAIN_KEY.match(key):
        return f'{path}["{key}"]'
    return f"{path}.{key}" if path else key


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _suggest(word: str, options: Any) -> str:
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{found[0]}'?" if found else ""


class _Walk:
    def __init__(self) -> None:
        self.issues: List[Issue] = []

    def add(self, path: str, rule: str, message: str) -> None:
        self.issues.append((path, rule, message))

    # -- values ---------------------------------------------------------------------------

    def value(self, value: Any, kind: str, path: str, key: str) -> None:
        if kind.startswith("["):
            if not isinstance(value, (list, tuple)):
                self.add(path, "type", f"must be a list, not {_json_type(value)}")
                return
            for i, item in enumerate(value):
                self.value(item, kind[1:-1], f"{path}[{i}]", key)
            return
        if "|" in kind:
            kinds = kind.split("|")
            if isinstance(value, str) and "str" in kinds:
                return
            if isinstance(value, Mapping) and "obj" in kinds:
                self.json(value, path)
                return
            wanted = " or ".join(_DESCRIBE[k] for k in kinds)
            self.add(path, "type", f"must be {wanted}, not {_json_type(value)}")
            return
        if kind in R.PARTS:
            if isinstance(value, Mapping):
                self.part(value, kind, path)
            else:
                self.add(path, "type", f"must be an object (dict), not {_json_type(value)}")
            return
        if kind in ("str", "provider", "query", "obj") or kind in R.ENUMS:
            self.text_like(value, kind, path, key)
        elif kind == "bool":
            if not isinstance(value, bool):
                self.add(path, "type", f"must be true or false, not {_json_type(value)}")
        elif kind in ("num", "int"):
            self.number(value, kind, path)
        else:  # "any"
            self.json(value, path)

    def text_like(self, value: Any, kind: str, path: str, key: str) -> None:
        if kind in ("obj", "query"):
            if not isinstance(value, Mapping):
                self.add(path, "type", f"must be an object (dict), not {_json_type(value)}")
            elif kind == "query":
                self.query(value, path)
            else:
                self.json(value, path)
            return
        if not isinstance(value, str):
            self.add(path, "type", f"must be a string, not {_json_type(value)}")
        elif kind == "provider":
            if value not in R.PROVIDERS and not (value.startswith("@") and len(value) > 1):
                self.add(
                    path,
                    "provider",
                    f"Invalid 'provider' value {value!r}: not a provider the gateway knows "
                    f"(nor an '@slug'){_suggest(value, R.PROVIDERS)}",
                )
        elif kind in R.ENUMS and value not in R.ENUMS[kind]:
            allowed = ", ".join(R.ENUMS[kind])
            legacy = R.LEGACY_MODES.get(value) if kind == "mode" else None
            hint = (
                f"; '{value}' is the legacy name of '{legacy}'"
                if legacy
                else _suggest(value, R.ENUMS[kind])
            )
            rule = _ENUM_RULES.get(kind, kind)
            shown = "cache.mode" if kind == "cache_mode" else key
            self.add(
                path, rule, f"Invalid '{shown}' value {value!r}. Must be one of: {allowed}{hint}"
            )

    def number(self, value: Any, kind: str, path: str) -> None:
        if not _is_number(value):
            self.add(path, "type", f"must be {_DESCRIBE[kind]}, not {_json_type(value)}")
        elif not math.isfinite(value):
            self.add(path, "not-json", "must be a finite number (JSON has no NaN or Infinity)")
        elif kind == "int" and value != int(value):
            self.add(path, "type", f"must be a whole number, not {value!r}")

    def json(self, value: Any, path: str) -> None:
        """Anything JSON can carry (the header is JSON): found problems name their path."""
        if value is None or isinstance(value, (str, bool)):
            return
        if _is_number(value):
            if not math.isfinite(value):
                self.add(path, "not-json", "must be a finite number (JSON has no NaN or Infinity)")
        elif isinstance(value, Mapping):
            for k, v in value.items():
                if not isinstance(k, str):
                    self.add(path, "not-json", f"object keys must be strings, not {_json_type(k)}")
                else:
                    self.json(v, join(path, k))
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                self.json(item, f"{path}[{i}]")
        else:
            self.add(path, "not-json", f"is not JSON: {type(value).__name__}")

    # -- objects --------------------------------------------------------------------------

    def part(self, obj: Mapping[str, Any], part: str, path: str) -> None:
        keys = R.PARTS[part]
        aliases = R.ALIASES[part]
        seen: Dict[str, str] = {}  # key -> the spelling used
        for key, value in obj.items():
            if not isinstance(key, str):
                self.add(path, "not-json", f"object keys must be strings, not {_json_type(key)}")
                continue
            here = join(path, key)
            name = key if key in keys else aliases.get(key)
            if name is None:
                self.unknown(key, part, here)
                continue
            if name in seen:
                self.add(
                    here,
                    "duplicate-key",
                    f"'{seen[name]}' and '{key}' are the same key to the gateway "
                    "(it would keep only one): write it once",
                )
                continue
            seen[name] = key
            if value is None and keys[name] != "any":
                what = "a list" if keys[name].startswith("[") else "a value"
                self.add(here, "type", f"must be {what}, not null (leave the key out instead)")
                continue
            self.value(value, keys[name], here, name)
        for name, message in R.REQUIRED.get(part, ()):
            if name not in seen:
                self.add(join(path, name), "required", message)
        norm = {name: obj[spelling] for name, spelling in seen.items()}
        if part == "node":
            self.node(norm, path)
        elif part == "cb_config":
            self.cb_config(norm, path)

    def unknown(self, key: str, part: str, here: str) -> None:
        if part == "node" and key in R.RENAMED:
            self.add(
                here,
                "camel-case",
                f"write '{R.RENAMED[key]}': the gateway renames the keys inside a camelCase "
                f"'{key}' (max_tokens would become maxTokens)",
            )
        elif key in R.MISPLACED.get(part, {}):
            self.add(here, "legacy-key", f"'{key}': {R.MISPLACED[part][key]}")
        else:
            self.add(
                here,
                "unknown-key",
                f"unknown key '{key}': no version of the gateway knows it, so it would be "
                f"ignored{_suggest(key, R.PARTS[part])}",
            )

    def cb_config(self, cb: Mapping[str, Any], path: str) -> None:
        threshold: Any = cb.get("failure_threshold")
        if threshold is None and cb.get("failure_threshold_percentage") is None:
            self.add(
                join(path, "failure_threshold"),
                "cb_config",
                "a circuit breaker needs 'failure_threshold' (or 'failure_threshold_percentage')",
            )
        elif _is_number(threshold) and threshold < 1:
            self.add(join(path, "failure_threshold"), "cb_config", "must be at least 1")
        cooldown: Any = cb.get("cooldown_interval")
        if _is_number(cooldown) and cooldown < 30000:
            self.add(
                join(path, "cooldown_interval"),
                "cb_config",
                "must be at least 30000 (milliseconds)",
            )

    # -- a config or target: the cross-key rules ------------------------------------------

    def node(self, n: Mapping[str, Any], path: str) -> None:
        provider = n.get("provider")
        if not _reaches(n):
            self.add(path, "reach", R.REACH_MESSAGE)
        host = n.get("custom_host")
        if isinstance(host, str):
            problem = _host_problem(host)
            if problem:
                self.add(
                    join(path, "custom_host"), "custom_host", f"Invalid custom host: {problem}"
                )
        if provider == "vertex-ai" and n.get("virtual_key") is None:
            region = n.get("vertex_region")
            if not (
                region and (n.get("vertex_project_id") or n.get("vertex_service_account_json"))
            ):
                self.add(path, "vertex", R.VERTEX_MESSAGE)
        forwarded = n.get("forward_headers")
        if isinstance(forwarded, (list, tuple)) and any(
            isinstance(h, str) and h.lower() == R.FORWARD_HEADERS_LOOP for h in forwarded
        ):
            self.add(
                join(path, "forward_headers"),
                "forward_headers",
                f"forward_headers must not contain the '{R.FORWARD_HEADERS_LOOP}' header",
            )
        self.routing(n, path)

    def routing(self, n: Mapping[str, Any], path: str) -> None:
        strategy, targets = n.get("strategy"), n.get("targets")
        here = join(path, "targets")
        empty = targets is None or (isinstance(targets, (list, tuple)) and not targets)
        if strategy is not None and empty:
            self.add(here, "strategy-targets", "a strategy needs a non-empty 'targets' list")
        if not isinstance(strategy, Mapping) or not isinstance(targets, (list, tuple)):
            return
        mode = strategy.get("mode")
        spath = join(path, "strategy")
        if mode == "conditional":
            self.conditional(strategy, targets, spath)
        elif mode == "loadbalance":
            weights = [t.get("weight", 1) if isinstance(t, Mapping) else 1 for t in targets]
            if targets and all(_is_number(w) for w in weights) and sum(weights) <= 0:
                self.add(
                    here,
                    "weights",
                    "the targets' weights add up to 0 or less: the gateway would pick none",
                )

    def conditional(self, strategy: Mapping[str, Any], targets: Any, spath: str) -> None:
        conditions = strategy.get("conditions")
        if conditions is None:
            self.add(
                join(spath, "conditions"),
                "conditions",
                "a conditional strategy needs 'conditions' (the gateway: No conditions passed "
                "in the query router)",
            )
        names = [t.get("name") for t in targets if isinstance(t, Mapping)]
        picks: List[Tuple[str, Any]] = []
        if isinstance(conditions, (list, tuple)):
            for i, condition in enumerate(conditions):
                if isinstance(condition, Mapping):
                    picks.append((f"{join(spath, 'conditions')}[{i}].then", condition.get("then")))
        picks.append((join(spath, "default"), strategy.get("default")))
        for where, name in picks:
            if isinstance(name, str) and name not in names:
                known = ", ".join(repr(x) for x in names if isinstance(x, str)) or "none"
                self.add(
                    where,
                    "condition-target",
                    f"names no target: {name!r} (targets are named by 'name'; named here: "
                    f"{known}); the gateway: Invalid target name found in the query router",
                )

    def query(self, query: Mapping[str, Any], path: str) -> None:
        for key, value in query.items():
            here = join(path, str(key))
            if key in R.QUERY_LOGIC:
                if not isinstance(value, (list, tuple)):
                    self.add(here, "query", f"'{key}' takes a list of queries")
                    continue
                for i, sub in enumerate(value):
                    if isinstance(sub, Mapping):
                        self.query(sub, f"{here}[{i}]")
                    else:
                        self.add(f"{here}[{i}]", "query", "must be a query (an object)")
                continue
            root, dot, _ = str(key).partition(".")
            if not dot or root not in R.QUERY_ROOTS:
                self.add(
                    here,
                    "query",
                    f"'{key}' reads no request field: a field is metadata.<key>, "
                    f"params.<key> or url.pathname (the gateway would compare with nothing)"
                    f"{_suggest(root, R.QUERY_ROOTS) if dot else ''}",
                )
            if isinstance(value, Mapping):
                for op, operand in value.items():
                    if op not in R.QUERY_OPERATORS:
                        self.add(
                            join(here, str(op)),
                            "query",
                            f"unsupported operator '{op}' (the gateway: Unsupported operator "
                            f"used in the query router){_suggest(str(op), R.QUERY_OPERATORS)}",
                        )
                    elif op in ("$in", "$nin") and not isinstance(operand, (list, tuple)):
                        self.add(join(here, op), "query", f"'{op}' takes a list of values")
            self.json(value, here)


def _present(n: Mapping[str, Any], key: str) -> bool:
    return n.get(key) is not None


def _reaches(n: Mapping[str, Any]) -> bool:
    if any(all(_present(n, k) for k in combo) for combo in R.REACH):
        return True
    targets = n.get("targets")
    if isinstance(targets, (list, tuple)) and targets:
        return True  # each target is checked to reach one
    provider = n.get("provider")
    if isinstance(provider, str):
        if provider.startswith("@") or provider in R.PROVIDERS_WITHOUT_KEY:
            return True
        if provider == "azure-openai" and n.get("azure_auth_mode"):
            return True
        if (
            provider == "vertex-ai"
            and n.get("vertex_region")
            and (n.get("vertex_project_id") or n.get("vertex_service_account_json"))
        ):
            return True
    params = n.get("override_params")
    model = params.get("model") if isinstance(params, Mapping) else None
    # the hosted model catalog: "@openai-prod/gpt-4o" names its provider
    return isinstance(model, str) and model.startswith("@")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HOST = re.compile(r"[a-z0-9.-]+\Z")


def _host_problem(url: str) -> Optional[str]:
    """The gateway's checks of a custom host that do not depend on its settings (which hosts
    it trusts, TRUSTED_CUSTOM_HOSTS, is the server's: not checked here). Never shows the URL."""
    text = url.strip().lower()
    if not text:
        return "it is empty"
    if _CONTROL.search(url):
        return "it contains a control character"
    if "api.portkey" in text:
        return "it points back at Portkey's API"
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return "it is not a URL"
    if parts.scheme not in ("http", "https"):
        return "it must be an http:// or https:// URL"
    if "@" in url or parts.username or parts.password:
        return "it must not contain '@' or credentials"
    host = parts.hostname or ""
    if not host:
        return "it has no host"
    if not _HOST.match(host):
        return "its host must be ASCII letters, digits, '.' and '-' (no IPv6 literal)"
    if host.endswith(".") or len(host.split(".")) > 10:
        return "its host name is malformed"
    return None


def problems(config: Any, part: str = "node") -> List[Issue]:
    """Every problem of ``config`` (a dict, or a part such as a retry's dict)."""
    walk = _Walk()
    if not isinstance(config, Mapping):
        walk.add("", "config-type", f"a config is a JSON object (a dict), not {_json_type(config)}")
    else:
        walk.part(config, part, "")
    return walk.issues


def validate_config(config: Any, part: str = "node", *, root: str = "the config") -> None:
    """Raise ``ConfigError`` if ``config`` breaks one of the gateway's rules (``root`` names
    the config itself in the message)."""
    found = problems(config, part)
    if found:
        raise ConfigError(found, root=root)
