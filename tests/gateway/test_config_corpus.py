"""Issue 15: valid gateway configs, through our validator and through the real gateway.

The corpus: the configs of this README, of the gateway package installed for the tests (its
README and its console page, ``build/public/index.html``), and of Portkey's documentation and
the gateway repository's docs (``config_corpus.json``, with provenance). Each is accepted by
our validator (documentation errors excepted: each is refused with its path and rule, and the
gateway refuses it too, or breaks on it, or silently ignores the key) and, with its hosted
credentials (virtual keys, ``@slug`` providers and models, saved prompts) swapped for the fake
upstream, is accepted by the real gateway and routed as its strategy says: the answer comes
from the target the strategy picks (``x-portkey-last-used-option-index``) with that target's
``override_params``; a fallback moves on when its first target fails.

Then the routing of Config objects built in code, through the SDK (sync and async): fallback,
loadbalance weights, conditional routing by metadata, retry counts, cache, request timeout;
and the gateway's own schema, read from its build, against our tables.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import httpx
import pytest

from portkey import (
    Cache,
    Condition,
    Config,
    ConfigError,
    InternalServerError,
    RequestTimeoutError,
    Retry,
    Strategy,
    Target,
)
from portkey._config import _rules as R
from portkey._config import problems

from .harness import GATEWAY_ENTRY, NODE_MODULES, Stack
from .sdk_support import MESSAGES, resolve, sdk

HERE = Path(__file__).parent
PACKAGE = NODE_MODULES / "@portkey-ai" / "gateway"
BODY = {"model": "body-model", "messages": MESSAGES, "max_tokens": 5}


# ---- the corpus ------------------------------------------------------------------------------


def _json_blocks(text: str) -> Iterator[Any]:
    """Every JSON object in ``text`` (balanced braces) that parses, loosely (as in docs)."""
    start = text.find("{")
    while start >= 0:
        depth, quote, i = 0, "", start
        while i < len(text):
            ch = text[i]
            if quote:
                if ch == "\\":
                    i += 1
                elif ch == quote:
                    quote = ""
            elif ch in "\"'":
                quote = ch
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        chunk = re.sub(r",(\s*[}\]])", r"\1", text[start : i + 1])
        try:
            yield json.loads(chunk)
        except ValueError:
            pass
        start = text.find("{", start + 1)


def _is_config(value: Any) -> bool:
    return isinstance(value, dict) and bool(
        {"strategy", "targets", "retry", "cache", "provider", "virtual_key"} & set(value)
    )


def _top_level(configs: List[Any]) -> List[Any]:
    """The configs that are not part of another one of the list."""
    texts = [json.dumps(c, sort_keys=True) for c in configs]
    out = []
    for config, text in zip(configs, texts):
        if text not in out and not any(text != t and text[1:-1] in t for t in texts):
            out.append(text)
    return [json.loads(t) for t in out]


def package_configs() -> List[Tuple[str, Any]]:
    """The configs in the installed gateway package (README, console page)."""
    found = []
    for name in ("README.md", "build/public/index.html"):
        text = (PACKAGE / name).read_text(encoding="utf-8").replace("&quot;", '"')
        for config in _top_level([c for c in _json_blocks(text) if _is_config(c)]):
            found.append((f"@portkey-ai/gateway:{name}", config))
    return found


def readme_configs() -> List[Tuple[str, Any]]:
    """Our README's dict configs (``config={...}``) and its Config built in code."""
    text = (HERE.parent.parent / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        for match in re.finditer(r"config=\{", block):
            literal = next(_json_blocks(block[match.end() - 1 :]), None)
            if literal is not None and "stratgy" not in literal:  # the README's typo example
                found.append(("README.md", literal))
        if "config = Config(" in block:
            namespace: Dict[str, Any] = {}
            exec(compile(block, "README.md", "exec"), namespace)
            found.append(("README.md: Config(...)", namespace["config"].to_dict()))
    return found


CORPUS_FILE = json.loads((HERE / "config_corpus.json").read_text(encoding="utf-8"))
DOCS: List[Dict[str, Any]] = CORPUS_FILE["configs"]
VALID_DOCS = [e for e in DOCS if "refused" not in e]
DOC_ERRORS = [e for e in DOCS if "refused" in e]


def test_corpus_is_large_and_mostly_valid() -> None:
    assert len(VALID_DOCS) >= 250 and len(DOC_ERRORS) <= 20
    assert len(readme_configs()) >= 2


def _camel_keys(value: Any) -> bool:
    camel = {k for aliases in R.ALIASES.values() for k in aliases}
    if isinstance(value, dict):
        return any(k in camel or _camel_keys(v) for k, v in value.items() if k != "override_params")
    return isinstance(value, list) and any(_camel_keys(v) for v in value)


def _round_trips(config: Dict[str, Any]) -> None:
    """Read into a Config and written back: exactly the same JSON (camelCase keys come back
    in snake_case, the gateway's spelling of them)."""
    typed = Config.from_dict(config)
    assert Config.from_dict(typed.to_dict()) == typed
    if not _camel_keys(config):
        assert typed.to_dict() == config


@pytest.mark.parametrize("entry", VALID_DOCS, ids=lambda e: e["source"].split(":")[1])
def test_docs_config_is_accepted(entry: Dict[str, Any]) -> None:
    assert problems(entry["config"]) == []
    _round_trips(entry["config"])


@pytest.mark.parametrize("entry", DOC_ERRORS, ids=lambda e: e["source"].split(":")[1])
def test_docs_errors_are_refused_with_path_and_rule(entry: Dict[str, Any]) -> None:
    found = sorted({(p, r) for p, r, _ in problems(entry["config"])})
    assert found == [tuple(x) for x in entry["refused"]]
    with pytest.raises(ConfigError):
        Config.from_dict(entry["config"])


def test_readme_and_package_configs_are_accepted(stack: Stack) -> None:
    configs = readme_configs() + package_configs()
    assert len(package_configs()) >= 4, "the package's README and console page"
    for source, config in configs:
        assert problems(config) == [], source
        _round_trips(config)


# ---- hosted credentials -> the fake upstream -----------------------------------------------

# Leaves keep what routes (model parameters, weights, names, retries, cache, timeouts); the
# provider's credentials and the hosted gateway's own keys are swapped for the fake upstream.
ROUTING = {
    "name",
    "weight",
    "override_params",
    "retry",
    "cache",
    "request_timeout",
    "on_status_codes",
    "strict_open_ai_compliance",
}


def _default_guardrails(items: Any) -> Any:
    """Guardrails the open-source build can run: objects of default.* checks only."""
    keep = [
        g
        for g in items
        if isinstance(g, dict)
        and all(
            k.startswith("default.") or k in ("deny", "async", "on_fail", "on_success") for k in g
        )
    ]
    return keep or None


def localise(node: Any, stack: Stack) -> Any:
    """The config with each leaf that reaches a provider pointed at the fake upstream (a leaf
    that reaches none is left as it is, so that a broken config stays broken)."""
    if not isinstance(node, dict):
        return node
    out = copy.deepcopy(node)
    if isinstance(node.get("strategy"), dict) and isinstance(node.get("targets"), list):
        out["targets"] = [localise(t, stack) for t in node["targets"]]
        return out
    host = node.get("custom_host")
    host_ok = (
        host is None or problems({"provider": "openai", "api_key": "k", "custom_host": host}) == []
    )
    # a leaf that reaches a provider by any gateway's means (a virtual key, an @slug, ...)
    leaf_ok = not [p for p, _, _ in problems({k: v for k, v in node.items() if k != "custom_host"})
                   if p == ""]  # fmt: skip
    if not leaf_ok or not host_ok:
        return out
    out = {k: v for k, v in out.items() if k in ROUTING}
    for key in ("input_guardrails", "output_guardrails"):
        kept = _default_guardrails(node.get(key) or [])
        if kept:
            out[key] = kept
    out.update(provider="openai", api_key=stack.api_key, custom_host=stack.upstream_url)
    return out


# ---- what the strategy picks (an oracle of the gateway's router, for the corpus) -------------


def _matches(query: Dict[str, Any], context: Dict[str, Any]) -> bool:
    for key, value in query.items():
        if key == "$or" and isinstance(value, list):
            return any(_matches(q, context) for q in value)
        if key == "$and" and isinstance(value, list):
            return all(_matches(q, context) for q in value)
        root, _, rest = key.partition(".")
        seen = (context.get(root) or {}).get(rest.split(".")[0])
        if isinstance(value, dict):
            if not all(_operator(op, arg, seen) for op, arg in value.items()):
                return False
        elif seen != value:
            return False
    return True


def _operator(op: str, arg: Any, seen: Any) -> bool:
    def num(x: Any) -> float:
        try:
            return float(x)
        except (TypeError, ValueError):
            return float("nan")

    return {
        "$eq": lambda: seen == arg,
        "$ne": lambda: seen != arg,
        "$gt": lambda: num(seen) > num(arg),
        "$gte": lambda: num(seen) >= num(arg),
        "$lt": lambda: num(seen) < num(arg),
        "$lte": lambda: num(seen) <= num(arg),
        "$in": lambda: isinstance(arg, list) and seen in arg,
        "$nin": lambda: isinstance(arg, list) and seen not in arg,
        "$regex": lambda: isinstance(seen, str) and re.search(arg, seen) is not None,
    }[op]()


def routes(node: Dict[str, Any], context: Dict[str, Any], path: str = "config") -> Dict[str, Any]:
    """{index path the gateway may answer from: the model the upstream then receives}, for a
    request that every upstream answers; None as the model when no target is picked."""
    params = node.get("override_params") or {}

    def under(child: Dict[str, Any], child_path: str) -> Dict[str, Any]:
        merged = {**child, "override_params": {**params, **(child.get("override_params") or {})}}
        return routes(merged, context, child_path)

    strategy, targets = node.get("strategy"), node.get("targets")
    if not isinstance(strategy, dict) or not targets:
        return {path: params.get("model", BODY["model"])}
    mode = strategy["mode"]
    if mode in ("fallback", "single"):
        return under(targets[0], f"{path}.targets[0]")
    if mode == "loadbalance":
        out: Dict[str, Any] = {}
        for i, target in enumerate(targets):
            if target.get("weight", 1) != 0:
                out.update(under(target, f"{path}.targets[{i}]"))
        return out
    for condition in strategy.get("conditions") or []:
        if _matches(condition["query"], context):
            return _named(node, condition["then"], under, path)
    if "default" in strategy:
        return _named(node, strategy["default"], under, path)
    return {"unresolved": None}


def _named(node: Dict[str, Any], name: str, under: Any, path: str) -> Dict[str, Any]:
    index = next(i for i, t in enumerate(node["targets"]) if t.get("name") == name)
    return under(node["targets"][index], f"{path}.targets[{index}]")  # type: ignore[no-any-return]


def _context(config: Dict[str, Any]) -> Dict[str, Any]:
    """Request metadata that satisfies the first condition that is a plain metadata match."""
    metadata: Dict[str, Any] = {}

    def visit(node: Any) -> None:
        if not isinstance(node, dict):
            return
        for condition in (node.get("strategy") or {}).get("conditions") or []:
            for key, value in condition["query"].items():
                if key.startswith("metadata.") and not metadata:
                    wanted = value.get("$eq") if isinstance(value, dict) else value
                    if isinstance(wanted, str):
                        metadata[key[len("metadata.") :]] = wanted
        for target in node.get("targets") or []:
            visit(target)

    visit(config)
    return {"metadata": metadata, "params": BODY, "url": {"pathname": "/v1/chat/completions"}}


HOSTED_SHAPES = {
    "targets without a strategy (the hosted gateway's model listing)": lambda c: (
        "targets" in c and "strategy" not in c
    ),
}


def _send(client: httpx.Client, stack: Stack, config: Any, metadata: Dict[str, Any]) -> Any:
    headers = {**stack.headers(), "x-portkey-config": json.dumps(config)}
    if metadata:
        headers["x-portkey-metadata"] = json.dumps(metadata)
    return client.post("/chat/completions", json=BODY, headers=headers)


def _corpus() -> List[Tuple[str, Any]]:
    return [(e["source"], e["config"]) for e in VALID_DOCS]


@pytest.mark.parametrize("source,config", _corpus(), ids=[s.split(":")[1] for s, _ in _corpus()])
def test_docs_config_is_routed_by_the_gateway(
    stack: Stack, client: httpx.Client, source: str, config: Dict[str, Any]
) -> None:
    _routed_as_its_strategy_says(stack, client, config)


def test_readme_and_package_configs_are_routed_by_the_gateway(
    stack: Stack, client: httpx.Client
) -> None:
    for source, config in readme_configs() + package_configs():
        stack.reset()
        _routed_as_its_strategy_says(stack, client, config, source)


def _routed_as_its_strategy_says(
    stack: Stack, client: httpx.Client, config: Dict[str, Any], source: str = ""
) -> None:
    for reason, applies in HOSTED_SHAPES.items():
        if applies(config):
            pytest.skip(f"the open-source gateway does not take {reason}")
    local = localise(config, stack)
    assert problems(local) == [], (source, local)
    context = _context(local)
    expected = routes(local, context)
    answer = _send(client, stack, local, context["metadata"])
    if "unresolved" in expected:  # no condition matches and no default: the router's 400
        assert answer.status_code == 400, answer.text
        assert "did not resolve" in answer.json()["message"]
        return
    assert answer.status_code == 200, (source, answer.text, local)
    index = answer.headers["x-portkey-last-used-option-index"]
    assert index in expected, (source, index, expected)
    assert stack.last_request()["body"]["model"] == expected[index]
    _falls_back(stack, client, local, context)


def _falls_back(
    stack: Stack, client: httpx.Client, local: Dict[str, Any], context: Dict[str, Any]
) -> None:
    """A fallback whose first target is a plain target: make it fail, the next one answers
    (or, when strategy.on_status_codes leaves out the failure, the failure comes back)."""
    strategy = local.get("strategy") or {}
    targets = local.get("targets") or []
    if strategy.get("mode") != "fallback" or len(targets) < 2 or "targets" in targets[0]:
        return
    broken = copy.deepcopy(local)
    _drop_retries(broken)  # no backoff waits: one failure, at once
    broken["targets"][0].setdefault("override_params", {})["model"] = "fail-500"
    stack.reset()
    answer = _send(client, stack, broken, context["metadata"])
    codes = strategy.get("on_status_codes")
    if codes is not None and 500 not in codes:
        assert answer.status_code == 500
        assert answer.headers["x-portkey-last-used-option-index"] == "config.targets[0]"
        return
    assert answer.status_code == 200, answer.text
    assert answer.headers["x-portkey-last-used-option-index"].startswith("config.targets[1]")
    assert stack.hit_count("fail-500") == 1


def _drop_retries(node: Any) -> None:
    if isinstance(node, dict):
        node.pop("retry", None)
        for target in node.get("targets") or []:
            _drop_retries(target)


@pytest.mark.parametrize("entry", DOC_ERRORS, ids=lambda e: e["source"].split(":")[1])
def test_docs_errors_are_broken_for_the_gateway_too(
    stack: Stack, client: httpx.Client, entry: Dict[str, Any]
) -> None:
    """Each documentation error we refuse: the gateway refuses it (400), or its router fails
    on a request (400), or (a key no gateway version knows) it silently ignores the key."""
    rules = {rule for _, rule in entry["refused"]}
    local = localise(entry["config"], stack)
    answer = _send(client, stack, local, {})
    if rules == {"unknown-key"}:
        assert answer.status_code == 200, answer.text  # accepted, the key ignored
    else:
        assert answer.status_code == 400, answer.text
        if rules == {"condition-target"}:
            assert "Invalid target name found in the query router" in answer.text


# ---- the rules the gateway applies, refused by both, and where we deliberately differ --------


def _leaf(stack: Stack, **extra: Any) -> Dict[str, Any]:
    return {**stack.target(), **extra}


GATEWAY_CASES = [
    # (id, config(stack), our (path, rule), the gateway's status, words of its answer)
    ("mode", lambda s: {"strategy": {"mode": "fallbak"}, "targets": [_leaf(s)]},
     ("strategy.mode", "strategy.mode"), 400, "Invalid 'mode' value"),
    ("cache-mode", lambda s: _leaf(s, cache={"mode": "exact"}), ("cache.mode", "cache.mode"),
     400, "Invalid 'cache.mode' value"),
    ("cache-without-mode", lambda s: _leaf(s, cache={"max_age": 60}),
     ("cache.mode", "required"), 400, "cache,mode"),
    ("retry-without-attempts", lambda s: _leaf(s, retry={"on_status_codes": [429]}),
     ("retry.attempts", "required"), 400, "retry,attempts"),
    ("no-provider", lambda s: {"strategy": {"mode": "fallback"},
                               "targets": [_leaf(s), {"override_params": {"model": "x"}}]},
     ("targets[1]", "reach"), 400, "Invalid configuration. It must have either"),
    ("type", lambda s: {"strategy": {"mode": "loadbalance"}, "targets": [_leaf(s, weight="1")]},
     ("targets[0].weight", "type"), 400, "Expected number, received string"),
    ("null", lambda s: _leaf(s, retry=None), ("retry", "type"), 400, "received null"),
    ("provider", lambda s: _leaf(s, provider="opneai"), ("provider", "provider"), 400,
     "Invalid 'provider' value"),
    ("custom-host", lambda s: _leaf(s, custom_host="http://u:p@127.0.0.1:1/v1"),
     ("custom_host", "custom_host"), 400, "Invalid custom host"),
    ("vertex", lambda s: {"provider": "vertex-ai", "api_key": "k"}, ("", "vertex"), 400,
     "are required for 'vertex-ai' provider"),
    ("legacy-options", lambda s: _leaf(s, options=[]), ("options", "legacy-key"), 400,
     "This version of config is not supported"),
    ("strategy-no-targets", lambda s: _leaf(s, strategy={"mode": "fallback"}),
     ("targets", "strategy-targets"), 500, "Something went wrong"),
    ("weights-zero", lambda s: {"strategy": {"mode": "loadbalance"},
                                "targets": [_leaf(s, weight=0), _leaf(s, weight=0)]},
     ("targets", "weights"), 500, "Cannot read properties of undefined"),
    ("conditional-no-conditions", lambda s: {"strategy": {"mode": "conditional"},
                                             "targets": [_leaf(s, name="a")]},
     ("strategy.conditions", "conditions"), 400, "No conditions passed in the query router"),
    ("then-names-nothing", lambda s: {
        "strategy": {"mode": "conditional",
                     "conditions": [{"query": {"params.model": "body-model"}, "then": "fast"}]},
        "targets": [_leaf(s, name="a")]},
     ("strategy.conditions[0].then", "condition-target"), 400,
     "Invalid target name found in the query router: fast"),
    ("query-operator", lambda s: {
        "strategy": {"mode": "conditional",
                     "conditions": [{"query": {"params.model": {"$equals": "x"}}, "then": "a"}]},
        "targets": [_leaf(s, name="a")]},
     ('strategy.conditions[0].query["params.model"]["$equals"]', "query"), 400,
     "Unsupported operator used in the query router: $equals"),
]  # fmt: skip


@pytest.mark.parametrize("case", GATEWAY_CASES, ids=lambda c: c[0])
def test_refused_by_us_and_by_the_gateway(
    stack: Stack, client: httpx.Client, case: Tuple[Any, ...]
) -> None:
    _, build, ours, status, words = case
    config = build(stack)
    assert ours in {(p, r) for p, r, _ in problems(config)}
    answer = _send(client, stack, config, {})
    assert answer.status_code == status and words in answer.text, answer.text
    assert stack.requests() == []  # nothing reached the upstream


def test_keys_the_gateway_ignores_are_refused_here(stack: Stack, client: httpx.Client) -> None:
    """The deliberate exception: a misspelt key is ignored by the gateway (the request goes
    out without it); here it is refused with the nearest key."""
    typo = {**stack.target(), "overide_params": {"model": "wanted-model"}}
    assert [(p, r) for p, r, _ in problems(typo)] == [("overide_params", "unknown-key")]
    answer = _send(client, stack, typo, {})
    assert answer.status_code == 200
    assert stack.last_request()["body"]["model"] == BODY["model"]  # the override was lost
    camel = {**stack.target(), "overrideParams": {"model": "m", "max_tokens": 1}}
    assert [(p, r) for p, r, _ in problems(camel)] == [("overrideParams", "camel-case")]
    stack.reset()
    assert _send(client, stack, camel, {}).status_code == 200
    assert stack.last_request()["body"]["max_tokens"] == BODY["max_tokens"]  # 1 was lost


def test_where_we_follow_the_hosted_schema(stack: Stack, client: httpx.Client) -> None:
    """Counts and milliseconds are whole numbers in the hosted gateway's schema; the
    open-source one takes any number (and uses 1.5 attempts as it comes)."""
    config = {**stack.target(), "retry": {"attempts": 1.5}}
    assert [(p, r) for p, r, _ in problems(config)] == [("retry.attempts", "type")]
    assert _send(client, stack, config, {}).status_code == 200


# ---- the gateway's schema, read from its build, against our tables ---------------------------


def _schema_source() -> str:
    text = GATEWAY_ENTRY.read_text(encoding="utf-8")
    start = text.index("c.object({strategy:c.object({mode:")
    return text[start:]


def _object_keys(src: str) -> Dict[str, str]:
    """``c.object({k:expr,...})`` at the start of src -> {k: expr}."""
    assert src.startswith("c.object({")
    i, depth, out = len("c.object({"), 1, {}
    key_start = i
    while depth:
        ch = src[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if (ch == "," and depth == 1) or depth == 0:
            key, _, expr = src[key_start:i].partition(":")
            out[key] = expr
            key_start = i + 1
        i += 1
    return out


def _zod_kind(expr: str) -> str:
    if expr.startswith("c.object({}).catchall"):
        return "obj"
    if expr.startswith("c.object("):
        return "object"
    if expr.startswith("c.array(c.lazy"):
        return "[node]"
    if expr.startswith("c.union(["):
        return "[str]|[obj]"
    for zod, kind in (("c.string()", "str"), ("c.number()", "num"), ("c.boolean()", "bool")):
        if expr.startswith(zod):
            return kind
        if expr.startswith(f"c.array({zod}"):
            return f"[{kind}]"
    if expr.startswith("c.array(c.object({})"):
        return "[obj]"
    return expr[:30]


# How each of the gateway's zod types is written in our tables (ours may say more: a whole
# number where the hosted schema says integer, a provider or mode where it checks the value).
COMPATIBLE = {
    "str": {"str", "provider", "mode", "cache_mode"},
    "num": {"num", "int"},
    "bool": {"bool"},
    "obj": {"obj"},
    "[num]": {"[int]"},
    "[str]": {"[str]"},
    "[obj]": {"[obj]"},
    "[str]|[obj]": {"[str|obj]"},
    "[node]": {"[node]"},
}


def test_our_tables_have_every_key_of_the_gateways_schema(stack: Stack) -> None:
    src = _schema_source()
    node = _object_keys(src)
    assert len(node) >= 27 and "strategy" in node and "strict_open_ai_compliance" in node
    checked = 0
    for key, expr in node.items():
        kind = _zod_kind(expr)
        if kind == "object":  # strategy, cache, retry: their own keys
            part = R.PARTS[R.NODE[key]]
            for sub, sub_expr in _object_keys(expr).items():
                sub_kind = _zod_kind(sub_expr)
                if sub_kind == "[object]" or sub_expr.startswith("c.array(c.object({query"):
                    assert part[sub] == "[condition]"
                    continue
                assert part[sub] in COMPATIBLE[sub_kind], (key, sub, sub_kind)
                checked += 1
            continue
        assert R.NODE[key] in COMPATIBLE[kind], (key, kind, R.NODE[key])
        checked += 1
    assert checked >= 32
    modes = re.search(r'\["single","loadbalance","fallback","conditional"\]', src)
    caches = re.search(r'\["simple","semantic"\]', src)
    assert modes and caches
    assert R.STRATEGY_MODES == ("single", "loadbalance", "fallback", "conditional")
    assert R.CACHE_MODES == ("simple", "semantic")


def test_our_providers_are_the_gateways(stack: Stack) -> None:
    """The gateway's answer to an unknown provider lists every provider it takes."""
    with httpx.Client(base_url=stack.gateway_url, trust_env=False) as raw:
        answer = raw.post(
            "/chat/completions",
            json=BODY,
            headers={"x-portkey-config": json.dumps({"provider": "nope", "api_key": "k"})},
        )
    listed = answer.json()["errors"][0].split("Must be one of: ")[1]
    assert set(listed.split(", ")) == R.PROVIDERS


# ---- Config objects through the SDK and the real gateway -----------------------------------


def _local(stack: Stack, model: str, **extra: Any) -> Target:
    return Target(
        provider="openai",
        api_key=stack.api_key,
        custom_host=stack.upstream_url,
        override_params={"model": model},
        **extra,
    )


def _index(completion: Any) -> str:
    return str(completion.get_headers()["last-used-option-index"])


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ("sync", "async"))
async def test_fallback_reaches_the_second_target(stack: Stack, mode: str) -> None:
    config = Config(
        strategy=Strategy("fallback"),
        targets=[_local(stack, "fail-503"), _local(stack, "second")],
    )
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        completion = await resolve(client.chat.completions.create(model="m", messages=MESSAGES))
    assert completion.model == "second" and _index(completion) == "config.targets[1]"
    assert stack.hit_count("fail-503") == 1 and stack.hit_count("second") == 1


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ("sync", "async"))
async def test_fallback_only_on_its_status_codes(stack: Stack, mode: str) -> None:
    config = Config(
        strategy=Strategy("fallback", on_status_codes=[429]),
        targets=[_local(stack, "fail-500"), _local(stack, "second")],
    )
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        with pytest.raises(InternalServerError):
            await resolve(client.chat.completions.create(model="m", messages=MESSAGES))
    assert stack.hit_count("second") == 0


def test_loadbalance_follows_the_weights(stack: Stack) -> None:
    config = Config(
        strategy=Strategy("loadbalance"),
        targets=[
            _local(stack, "heavy", weight=0.75),
            _local(stack, "light", weight=0.25),
            _local(stack, "never", weight=0),
        ],
    )
    from portkey import Portkey

    with Portkey(base_url=stack.gateway_url, config=config, max_retries=0) as client:
        picked = [
            client.chat.completions.create(model="m", messages=MESSAGES).model for _ in range(160)
        ]
    # 160 draws at p=0.75: mean 120, sd 5.5; these bounds fail about once in 10^7 runs
    assert 90 <= picked.count("heavy") <= 150 and picked.count("never") == 0
    assert picked.count("heavy") + picked.count("light") == 160


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ("sync", "async"))
async def test_conditional_routing_by_metadata(stack: Stack, mode: str) -> None:
    config = Config(
        strategy=Strategy(
            "conditional",
            conditions=[
                Condition({"metadata.plan": {"$eq": "pro"}}, "fast"),
                Condition({"$or": [{"metadata.plan": "team"}, {"params.model": "big"}]}, "big"),
            ],
            default="cheap",
        ),
        targets=[
            _local(stack, "cheap-model", name="cheap"),
            _local(stack, "fast-model", name="fast"),
            _local(stack, "big-model", name="big"),
        ],
    )
    answers = {}
    async with sdk(mode, stack, plain=False, config=config) as client:
        for plan in ("pro", "team", "free"):
            scoped = client.with_options(metadata={"plan": plan})
            completion = await resolve(scoped.chat.completions.create(model="m", messages=MESSAGES))
            answers[plan] = (completion.model, _index(completion))
        by_param = await resolve(client.chat.completions.create(model="big", messages=MESSAGES))
    assert answers == {
        "pro": ("fast-model", "config.targets[1]"),
        "team": ("big-model", "config.targets[2]"),
        "free": ("cheap-model", "config.targets[0]"),
    }
    assert by_param.model == "big-model"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ("sync", "async"))
async def test_retry_counts(stack: Stack, mode: str) -> None:
    config = Config(**_local(stack, "flaky-1-503").to_dict(), retry=Retry(2, on_status_codes=[503]))
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        completion = await resolve(client.chat.completions.create(model="m", messages=MESSAGES))
    assert completion.get_headers()["retry-attempt-count"] == "1"
    assert stack.hit_count("flaky-1-503") == 2  # one failure, one retry that answered


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ("sync", "async"))
async def test_cache_and_request_timeout(stack: Stack, mode: str) -> None:
    cached = Config(**_local(stack, "cached").to_dict(), cache=Cache("semantic", max_age=60))
    async with sdk(mode, stack, plain=False, config=cached) as client:
        for _ in range(2):
            completion = await resolve(client.chat.completions.create(model="m", messages=MESSAGES))
    # accepted and routed; this build has no cache store: every call reaches the upstream
    assert completion.get_headers()["cache-status"] == "DISABLED"
    assert stack.hit_count("cached") == 2
    slow = Config(**_local(stack, "slow-1500").to_dict(), request_timeout=400)
    async with sdk(mode, stack, plain=False, config=slow, max_retries=0) as client:
        with pytest.raises(RequestTimeoutError):
            await resolve(client.chat.completions.create(model="m", messages=MESSAGES))


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ("sync", "async"))
async def test_nested_strategies(stack: Stack, mode: str) -> None:
    config = Config(
        strategy=Strategy("fallback"),
        targets=[
            Target(
                strategy=Strategy("loadbalance"),
                targets=[_local(stack, "fail-500"), _local(stack, "fail-502")],
            ),
            Target(
                strategy=Strategy("fallback"),
                targets=[_local(stack, "fail-429"), _local(stack, "deep")],
                override_params={"temperature": 0.5},
            ),
        ],
    )
    async with sdk(mode, stack, plain=False, config=config, max_retries=0) as client:
        completion = await resolve(client.chat.completions.create(model="m", messages=MESSAGES))
    assert completion.model == "deep" and _index(completion) == "config.targets[1].targets[1]"
    assert stack.last_request("deep")["body"]["temperature"] == 0.5  # inherited override


def test_dict_config_refused_before_the_gateway_sees_it(stack: Stack) -> None:
    from portkey import Portkey

    broken = {"strategy": {"mode": "fallback"}, "targets": [{**stack.target(), "retry": {}}]}
    with pytest.raises(ConfigError, match=r"targets\[0\]\.retry\.attempts: 'retry\.attempts'"):
        Portkey(base_url=stack.gateway_url, config=broken)
    assert stack.requests() == []
    with Portkey(base_url=stack.gateway_url, config=broken, validate_config=False) as client:
        with pytest.raises(Exception) as caught:  # the gateway's own 400
            client.chat.completions.create(model="m", messages=MESSAGES, max_retries=0)
    assert getattr(caught.value, "status_code", None) == 400
    assert "targets,0,retry,attempts, message: Required" in str(caught.value)
