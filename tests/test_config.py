"""Issue 15: gateway configs as typed, validated objects.

* every rule of the gateway's config schema (``portkey._config._validate.RULES``) has configs it
  accepts and configs it refuses, with the path and the message (``BROKEN``, ``ACCEPTED``);
* every key's type, for every part of a config, accepted and refused (generated from the
  samples below, one case per key of ``_rules.PARTS``);
* ``Config.from_dict(c.to_dict()) == c`` exactly, for generated configs (hypothesis);
* the clients, ``with_options`` and ``createHeaders`` take Config objects and check dict
  configs once, before anything is sent; the header bytes of a dict config are unchanged;
* the official SDK's legacy names; secrets never shown.

The same configs through the real gateway: ``tests/gateway/test_config_corpus.py``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import attrs
import httpx
import pytest
import respx
from hypothesis import given, settings
from hypothesis import strategies as st

import portkey
from portkey import (
    AsyncPortkey,
    Cache,
    Condition,
    Config,
    ConfigError,
    Portkey,
    Retry,
    Strategy,
    Target,
    createHeaders,
)
from portkey._config import RULES, problems, validate_config
from portkey._config import _rules as R

BASE = "http://gw.test/v1"
LEAF: Dict[str, Any] = {"provider": "openai", "api_key": "sk-test"}
LEAF_B: Dict[str, Any] = {"provider": "anthropic", "api_key": "sk-ant"}


def fallback(*targets: Dict[str, Any], **extra: Any) -> Dict[str, Any]:
    return {"strategy": {"mode": "fallback", **extra}, "targets": list(targets)}


def conditional(conditions: Any, default: Optional[str] = "b", **extra: Any) -> Dict[str, Any]:
    strategy: Dict[str, Any] = {"mode": "conditional", "conditions": conditions, **extra}
    if default is not None:
        strategy["default"] = default
    return {"strategy": strategy, "targets": [{**LEAF, "name": "a"}, {**LEAF_B, "name": "b"}]}


def when(query: Any, then: str = "a") -> List[Dict[str, Any]]:
    return [{"query": query, "then": then}]


# ---- the table of broken configs: (id, config, path, rule, words of the message) ----------

BROKEN: List[Tuple[str, Any, str, str, str]] = [
    ("not-an-object", ["a"], "", "config-type", "a config is a JSON object (a dict), not a list"),
    ("typo-strategy", {"stratgy": {"mode": "fallback"}, "targets": [LEAF]}, "stratgy",
     "unknown-key", "unknown key 'stratgy': no version of the gateway knows it, so it would be "
     "ignored; did you mean 'strategy'?"),
    ("typo-virtual-key", fallback({"virtualkey": "vk-a"}, LEAF), "targets[0].virtualkey",
     "unknown-key", "did you mean 'virtual_key'?"),
    ("retry-count-docs", fallback({**LEAF, "retry": {"count": 2}}), "targets[0].retry.count",
     "unknown-key", "unknown key 'count'"),  # the docs' own example (README.cn.md)
    ("retry-delay-docs", {**LEAF, "retry": {"attempts": 3, "delay": 2}}, "retry.delay",
     "unknown-key", "unknown key 'delay': no version of the gateway knows it"),
    ("integration-docs", fallback({"integration": "@openai", **LEAF}), "targets[0].integration",
     "unknown-key", "unknown key 'integration'"),
    ("legacy-options", {**LEAF, "options": [LEAF]}, "options", "legacy-key",
     "This version of config is not supported in this route"),
    ("legacy-mode", {"mode": "fallback", **LEAF}, "mode", "legacy-key", "'strategy': {'mode'"),
    ("trace-id-in-config", {**LEAF, "trace_id": "t-1"}, "trace_id", "legacy-key",
     "trace_id is a request option"),
    ("camel-override-params", {**LEAF, "overrideParams": {"max_tokens": 5}}, "overrideParams",
     "camel-case", "write 'override_params': the gateway renames the keys inside"),
    ("both-spellings", {**LEAF, "request_timeout": 5, "requestTimeout": 6}, "requestTimeout",
     "duplicate-key", "'request_timeout' and 'requestTimeout' are the same key"),
    ("attempts-string", {**LEAF, "retry": {"attempts": "3"}}, "retry.attempts", "type",
     "must be a whole number, not a string"),
    ("attempts-fraction", {**LEAF, "retry": {"attempts": 1.5}}, "retry.attempts", "type",
     "must be a whole number, not 1.5"),
    ("weight-string-docs", {"strategy": {"mode": "loadbalance"},
                            "targets": [{**LEAF, "weight": "0.5"}, LEAF]},
     "targets[0].weight", "type", "must be a number, not a string"),
    ("null-retry", {**LEAF, "retry": None}, "retry", "type", "not null"),
    ("bool-as-number", {**LEAF, "request_timeout": True}, "request_timeout", "type",
     "must be a whole number, not a boolean"),
    ("max-age-text-docs", {**LEAF, "cache": {"mode": "semantic", "max_age": "2h"}},
     "cache.max_age", "type", "must be a whole number, not a string"),
    ("guardrail-number", {**LEAF, "input_guardrails": [5]}, "input_guardrails[0]", "type",
     "must be a string or an object (dict), not a number"),
    ("nan-weight", {"strategy": {"mode": "loadbalance"},
                    "targets": [{**LEAF, "weight": float("nan")}]},
     "targets[0].weight", "not-json", "finite number"),
    ("set-in-params", {**LEAF, "override_params": {"stop": {"a"}}}, "override_params.stop",
     "not-json", "is not JSON: set"),
    ("int-key-in-params", {**LEAF, "override_params": {1: "a"}}, "override_params",
     "not-json", "object keys must be strings"),
    ("strategy-without-mode", fallback(LEAF) | {"strategy": {}}, "strategy.mode", "required",
     "'strategy.mode' is required"),
    ("retry-without-attempts", fallback(LEAF, {**LEAF_B, "retry": {"on_status_codes": [429]}}),
     "targets[1].retry.attempts", "required", "'retry.attempts' must be defined"),
    ("cache-without-mode", {**LEAF, "cache": {"max_age": 60}}, "cache.mode", "required",
     "'cache.mode' must be defined"),
    ("condition-without-then", conditional([{"query": {"metadata.x": "1"}}]),
     "strategy.conditions[0].then", "required", "needs 'then'"),
    ("deployment-without-alias", {**LEAF, "deployments": [{"deployment_id": "d",
                                                           "api_version": "v"}]},
     "deployments[0].alias", "required", "needs 'alias'"),
    ("mode-typo", fallback(LEAF) | {"strategy": {"mode": "fallbak"}}, "strategy.mode",
     "strategy.mode", "Invalid 'mode' value 'fallbak'. Must be one of: single, loadbalance, "
     "fallback, conditional; did you mean 'fallback'?"),
    ("mode-load-balance-docs", fallback(LEAF) | {"strategy": {"mode": "load-balance"}},
     "strategy.mode", "strategy.mode", "did you mean 'loadbalance'?"),
    ("mode-ab-test", fallback(LEAF) | {"strategy": {"mode": "ab_test"}}, "strategy.mode",
     "strategy.mode", "'ab_test' is the legacy name of 'loadbalance'"),
    ("cache-mode", {**LEAF, "cache": {"mode": "exact"}}, "cache.mode", "cache.mode",
     "Invalid 'cache.mode' value 'exact'. Must be one of: simple, semantic"),
    ("provider-typo", {**LEAF, "provider": "opneai"}, "provider", "provider",
     "Invalid 'provider' value 'opneai'"),
    ("provider-bare-at", {**LEAF, "provider": "@"}, "provider", "provider", "nor an '@slug'"),
    ("azure-deployment-type", {**LEAF, "azure_deployment_type": "shared"},
     "azure_deployment_type", "azure_deployment_type", "Must be one of: serverless, managed"),
    ("empty-config", {}, "", "reach", "reaches no provider"),
    ("provider-without-key", {"provider": "openai"}, "", "reach", "reaches no provider"),
    ("target-without-provider", fallback(LEAF, {"override_params": {"model": "gpt-4o"}}),
     "targets[1]", "reach", "reaches no provider"),
    ("strategy-alone", {"strategy": {"mode": "fallback"}}, "", "reach", "reaches no provider"),
    ("host-credentials", {**LEAF, "custom_host": "http://user:pw@llm.internal/v1"},
     "custom_host", "custom_host", "must not contain '@' or credentials"),
    ("host-scheme", {**LEAF, "custom_host": "ftp://llm.example.com"}, "custom_host",
     "custom_host", "it must be an http:// or https:// URL"),
    ("host-portkey", {**LEAF, "custom_host": "https://api.portkey.ai/v1"}, "custom_host",
     "custom_host", "points back at Portkey's API"),
    ("host-underscore-docs", {**LEAF, "custom_host": "http://PRIVATE_LLM/v1"}, "custom_host",
     "custom_host", "its host must be ASCII letters, digits"),
    ("host-port", {**LEAF, "custom_host": "http://localhost:99999/v1"}, "custom_host",
     "custom_host", "it is not a URL"),
    ("vertex-no-region", {"provider": "vertex-ai", "api_key": "ya29", "vertex_project_id": "p"},
     "", "vertex", "('vertex_project_id' and 'vertex_region') or"),
    ("forward-loop", {**LEAF, "forward_headers": ["X-Portkey-Forward-Headers"]},
     "forward_headers", "forward_headers", "must not contain the 'x-portkey-forward-headers'"),
    ("strategy-no-targets", {**LEAF, "strategy": {"mode": "fallback"}}, "targets",
     "strategy-targets", "a strategy needs a non-empty 'targets' list"),
    ("strategy-empty-targets", {**LEAF, "strategy": {"mode": "loadbalance"}, "targets": []},
     "targets", "strategy-targets", "non-empty"),
    ("conditional-no-conditions", conditional(None) | {"strategy": {"mode": "conditional",
                                                                     "default": "a"}},
     "strategy.conditions", "conditions", "No conditions passed in the query router"),
    ("then-names-nothing", conditional(when({"metadata.plan": "pro"}, then="fast")),
     "strategy.conditions[0].then", "condition-target", "names no target: 'fast'"),
    ("default-names-nothing-docs", conditional(when({"metadata.x": "1"}), default="base-gpt4"),
     "strategy.default", "condition-target", "Invalid target name found in the query router"),
    ("query-operator", conditional(when({"metadata.plan": {"$equals": "pro"}})),
     'strategy.conditions[0].query["metadata.plan"]["$equals"]', "query",
     "unsupported operator '$equals'"),
    ("query-in-not-list", conditional(when({"params.model": {"$in": "gpt-4o"}})),
     'strategy.conditions[0].query["params.model"]["$in"]', "query", "takes a list of values"),
    ("query-field-root", conditional(when({"metadta.plan": "pro"})),
     'strategy.conditions[0].query["metadta.plan"]', "query", "did you mean 'metadata'?"),
    ("query-field-no-root", conditional(when({"user_plan": "pro"})),
     "strategy.conditions[0].query.user_plan", "query", "reads no request field"),
    ("query-or-not-list", conditional(when({"$or": {"metadata.a": "1"}})),
     'strategy.conditions[0].query["$or"]', "query", "'$or' takes a list of queries"),
    ("weights-zero", {"strategy": {"mode": "loadbalance"},
                      "targets": [{**LEAF, "weight": 0}, {**LEAF_B, "weight": 0}]},
     "targets", "weights", "add up to 0 or less"),
    ("cb-threshold", {**LEAF, "cb_config": {"failure_threshold": 0,
                                            "cooldown_interval": 60000}},
     "cb_config.failure_threshold", "cb_config", "must be at least 1"),
    ("cb-cooldown", fallback(LEAF) | {"strategy": {"mode": "fallback", "cb_config": {
        "failure_threshold_percentage": 20, "cooldown_interval": 1000}}},
     "strategy.cb_config.cooldown_interval", "cb_config", "at least 30000"),
    ("cb-no-threshold", {**LEAF, "cb_config": {"cooldown_interval": 60000}},
     "cb_config.failure_threshold", "cb_config", "needs 'failure_threshold'"),
]  # fmt: skip

# Configs each rule lets through (the other side of every rule).
ACCEPTED: List[Tuple[str, Any]] = [
    ("config-type", LEAF),
    ("unknown-key", {**LEAF, "anthropic_version": "2023-06-01", "deployment_id": "d"}),
    ("legacy-key", {**LEAF, "metadata": {"team": "a"}}),  # hosted: a saved config's metadata
    ("camel-case", {**LEAF, "requestTimeout": 500,
                    "retry": {"attempts": 2, "onStatusCodes": [429]}}),
    ("duplicate-key", {**LEAF, "request_timeout": 5}),
    ("type", {**LEAF, "retry": {"attempts": 2.0}, "weight": 0.5, "request_timeout": 3000}),
    ("not-json", {**LEAF, "override_params": {"stop": ["a"], "temperature": 0.2, "n": None}}),
    ("required", {**LEAF, "retry": {"attempts": 0}, "cache": {"mode": "simple"}}),
    ("strategy.mode", {"strategy": {"mode": "single"}, "targets": [LEAF]}),
    ("cache.mode", {**LEAF, "cache": {"mode": "semantic", "max_age": 60}}),
    ("provider", {"provider": "@openai-prod"}),
    ("provider", {**LEAF, "provider": "vertex-ai", "vertex_region": "us",
                  "vertex_project_id": "p"}),
    ("azure_deployment_type", {**LEAF, "azure_deployment_type": "serverless"}),
    ("reach", {"virtual_key": "vk-a"}),
    ("reach", {"retry": {"attempts": 3}}),  # the provider comes from the request's headers
    ("reach", {"provider": "ollama", "custom_host": "http://localhost:11434"}),
    ("reach", {"aws_access_key_id": "AK", "aws_secret_access_key": "SK", "provider": "bedrock"}),
    ("reach", {"provider": "azure-openai", "azure_auth_mode": "managed"}),
    ("reach", {"override_params": {"model": "@openai-prod/gpt-4o"}}),  # model catalog
    ("reach", {"targets": [{"provider": "@openai-prod"}], "fetch_integrated_models": True}),
    ("reach", fallback({"prompt_id": "pp-1"}, {"passthrough": True})),
    ("custom_host", {**LEAF, "custom_host": "http://127.0.0.1:8080/v1"}),
    ("custom_host", {**LEAF, "custom_host": "https://llm.internal.example.com/v1"}),
    ("vertex", {"provider": "vertex-ai", "virtual_key": "vk-vertex"}),
    ("vertex", {"provider": "vertex-ai", "api_key": "k", "vertex_region": "us",
                "vertex_service_account_json": {"type": "service_account"}}),
    ("forward_headers", {**LEAF, "forward_headers": ["x-team", "Authorization"]}),
    ("strategy-targets", fallback(LEAF, LEAF_B)),
    ("conditions", conditional(when({"metadata.plan": "pro"}))),
    ("condition-target", conditional(when({"metadata.plan": "pro"}, then="b"), default=None)),
    ("query", conditional(when({"$and": [{"metadata.plan": {"$in": ["pro", "team"]}},
                                         {"params.max_tokens": {"$lte": 500}}],
                                "url.pathname": {"$regex": "^/v1/chat"}}))),
    ("weights", {"strategy": {"mode": "loadbalance"},
                 "targets": [{**LEAF, "weight": 0}, {**LEAF_B}]}),  # absent weight is 1
    ("cb_config", fallback(LEAF) | {"strategy": {"mode": "fallback", "cb_config": {
        "failure_threshold_percentage": 20, "minimum_requests": 10, "cooldown_interval": 60000,
        "failure_status_codes": [401, 429, 500]}}}),
]  # fmt: skip


@pytest.mark.parametrize("case", BROKEN, ids=lambda c: c[0])
def test_broken_config_names_path_and_rule(case: Tuple[str, Any, str, str, str]) -> None:
    _, config, path, rule, words = case
    with pytest.raises(ConfigError) as caught:
        validate_config(config)
    err = caught.value
    assert isinstance(err, ValueError)
    found = [(p, r) for p, r, _ in err.errors]
    assert (path, rule) in found, err.errors
    message = next(m for p, r, m in err.errors if (p, r) == (path, rule))
    assert words in message
    if err.errors[0][:2] == (path, rule):
        assert str(err).startswith(f"{path or 'the config'}: {message}")


@pytest.mark.parametrize("case", ACCEPTED, ids=lambda c: c[0])
def test_config_the_rule_lets_through(case: Tuple[str, Any]) -> None:
    assert problems(case[1]) == []
    assert Config.from_dict(case[1]).to_dict() == _snake(case[1])


def test_every_rule_has_a_case_on_each_side() -> None:
    refused = {case[3] for case in BROKEN}
    accepted = {case[0] for case in ACCEPTED}
    assert refused == set(RULES), set(RULES) ^ refused
    assert accepted == set(RULES), set(RULES) ^ accepted


def _snake(config: Dict[str, Any]) -> Dict[str, Any]:
    """What to_dict writes for a config given with camelCase keys."""
    out = {}
    for key, value in config.items():
        name = R.ALIASES["node"].get(key, key)
        if name == "retry":
            value = {R.ALIASES["retry"].get(k, k): v for k, v in value.items()}
        out[name] = value
    return out


def test_all_problems_are_reported_at_once() -> None:
    config = {"stratgy": {"mode": "fallback"}, "targets": [{"retry": {"atempts": 3}}, 5]}
    with pytest.raises(ConfigError) as caught:
        validate_config(config)
    assert [(p, r) for p, r, _ in caught.value.errors] == [
        ("stratgy", "unknown-key"),
        ("targets[0].retry.atempts", "unknown-key"),
        ("targets[0].retry.attempts", "required"),
        ("targets[1]", "type"),
    ]
    assert str(caught.value).endswith("(and 3 more: see .errors)")


# ---- every key's type, in every part of a config: one accepted and one refused value -------

GOOD_BAD: Dict[str, Tuple[Any, Any]] = {
    "str": ("x", 5),
    "bool": (True, "true"),
    "num": (0.5, "0.5"),
    "int": (3, 2.5),
    "obj": ({"a": 1}, ["a"]),
    "any": ("x", None),  # nothing is refused: the gateway reads these as they come
    "provider": ("anthropic", 5),
    "mode": ("fallback", 5),
    "cache_mode": ("simple", True),
    "azure_deployment_type": ("managed", 1),
    "query": ({"metadata.a": "b"}, "metadata.a"),
    "[str]": (["a"], "a"),
    "[int]": ([429], ["429"]),
    "[obj]": ([{"id": "h"}], ["h"]),
    "[str|obj]": (["pg-1", {"id": "g"}], [1.5]),
    "[node]": ([LEAF], [5]),
    "[condition]": ([{"query": {"metadata.a": "b"}, "then": "a"}], [5]),
    "[deployment]": ([{"deployment_id": "d", "alias": "a", "api_version": "v"}], [5]),
    "strategy": ({"mode": "fallback"}, "fallback"),
    "retry": ({"attempts": 1}, 1),
    "cache": ({"mode": "simple"}, "simple"),
    "cb_config": ({"failure_threshold": 1, "cooldown_interval": 30000}, 1),
    "sticky": ({"enabled": True}, True),
}
SPECIAL_GOOD = {
    ("node", "custom_host"): "http://localhost:8080/v1",
    ("strategy", "default"): "a",  # a target's name
    ("condition", "then"): "a",
    ("cb_config", "failure_threshold"): 2,  # at least 1
    ("cb_config", "cooldown_interval"): 60000,  # at least 30000
}


def _wrap(part: str, key: str, value: Any) -> Tuple[Dict[str, Any], str]:
    """A config that has ``value`` at ``key`` of a ``part``, and the path of that key."""
    named = [{**LEAF, "name": "a"}]
    if part == "node":
        config: Dict[str, Any] = {**LEAF, key: value}
        if key == "targets":
            config["strategy"] = {"mode": "fallback"}
        if key == "strategy":
            config["targets"] = named
        return config, key
    if part == "strategy":
        strategy = {"mode": "conditional", "conditions": [], key: value}
        return {"strategy": strategy, "targets": named}, f"strategy.{key}"
    if part == "condition":
        condition = {"query": {}, "then": "a", key: value}
        strategy = {"mode": "conditional", "conditions": [condition]}
        return {"strategy": strategy, "targets": named}, f"strategy.conditions[0].{key}"
    holders: Dict[str, Tuple[str, Dict[str, Any]]] = {
        "retry": ("retry", {"attempts": 1}),
        "cache": ("cache", {"mode": "simple"}),
        "cb_config": ("cb_config", {"failure_threshold": 1, "cooldown_interval": 30000}),
        "deployment": ("deployments", {"deployment_id": "d", "alias": "a", "api_version": "v"}),
        "sticky": ("sticky", {}),
    }
    holder = holders[part]
    inner = {**holder[1], key: value}
    if part == "sticky":
        return {"strategy": {"mode": "loadbalance", "sticky": inner}, "targets": named}, (
            f"strategy.sticky.{key}"
        )
    if part == "deployment":
        return {**LEAF, "deployments": [inner]}, f"deployments[0].{key}"
    return {**LEAF, holder[0]: inner}, f"{holder[0]}.{key}"


KEYS = [(part, key, kind) for part, keys in R.PARTS.items() for key, kind in keys.items()]


@pytest.mark.parametrize("part,key,kind", KEYS, ids=[f"{p}.{k}" for p, k, _ in KEYS])
def test_each_key_takes_its_type(part: str, key: str, kind: str) -> None:
    good, bad = GOOD_BAD[kind]
    good = SPECIAL_GOOD.get((part, key), good)
    config, path = _wrap(part, key, good)
    assert problems(config) == []
    assert Config.from_dict(config).to_dict() == config  # a field or provider_options, kept
    config, path = _wrap(part, key, bad)
    if kind == "any":
        assert problems(config) == []  # null included: the gateway lets these through
        return
    found = problems(config)
    assert found and found[0][1] == "type", found
    assert found[0][0] == path or found[0][0].startswith(path + "["), found


def test_known_keys_cover_the_gateways_options() -> None:
    """Spot checks of the tables against the gateway: its schema's keys, the hosted docs'."""
    schema_keys = """strategy provider api_key aws_secret_access_key aws_access_key_id
    aws_session_token aws_region cache retry weight on_status_codes targets request_timeout
    custom_host forward_headers vertex_project_id vertex_region after_request_hooks
    before_request_hooks input_guardrails output_guardrails vertex_service_account_json
    openai_project openai_organization azure_model_name azure_auth_mode
    strict_open_ai_compliance""".split()
    hosted = "virtual_key override_params name prompt_id passthrough default_params drop_params"
    for key in [*schema_keys, *hosted.split()]:
        assert key in R.NODE, key
    assert len(R.PROVIDERS) == 74 and {"openai", "anthropic", "bedrock"} <= R.PROVIDERS


# ---- typed objects -----------------------------------------------------------------------


def test_config_built_with_keywords_is_the_gateways_json() -> None:
    config = Config(
        strategy=Strategy("fallback", on_status_codes=[429, 503]),
        targets=[
            Target(virtual_key="openai-vk", retry=Retry(2, on_status_codes=[429])),
            Target(
                provider="anthropic",
                api_key="sk-ant",
                override_params={"model": "claude-3-5-haiku-latest"},
                provider_options={"anthropic_version": "2023-06-01"},
            ),
        ],
        cache=Cache("semantic", max_age=60),
        request_timeout=10000,
    )
    assert config.to_dict() == {
        "strategy": {"mode": "fallback", "on_status_codes": [429, 503]},
        "targets": [
            {"virtual_key": "openai-vk", "retry": {"attempts": 2, "on_status_codes": [429]}},
            {
                "provider": "anthropic",
                "api_key": "sk-ant",
                "override_params": {"model": "claude-3-5-haiku-latest"},
                "anthropic_version": "2023-06-01",
            },
        ],
        "cache": {"mode": "semantic", "max_age": 60},
        "request_timeout": 10000,
    }
    assert Config.from_dict(config.to_dict()) == config
    changed = config.to_dict()
    changed["targets"][0]["virtual_key"] = "other"  # a new dict: the config is unchanged
    assert config.targets is not None and config.targets[0].virtual_key == "openai-vk"


def test_parts_take_dicts_and_short_forms() -> None:
    config = Config(
        strategy="fallback",  # a mode alone, for brevity
        targets=[{"name": "a", **LEAF}, Target(name="b", virtual_key="vk")],
        cache="simple",
    )
    assert config.strategy == Strategy("fallback")
    assert config.targets is not None and config.targets[0] == Target(name="a", **LEAF)
    assert config.cache == Cache("simple")
    with pytest.raises(ConfigError, match="needs 'conditions'") as caught:
        Config(strategy="conditional", targets=[{"name": "a", **LEAF}])
    assert caught.value.path == "strategy.conditions"


def test_objects_check_themselves_when_built() -> None:
    with pytest.raises(ConfigError, match=r"^this Target: reaches no provider"):
        Target(override_params={"model": "gpt-4o"})
    with pytest.raises(ConfigError, match="Invalid 'mode' value 'fallbak'") as caught:
        Strategy("fallbak")  # type: ignore[arg-type]  # mypy refuses it first
    assert caught.value.path == "mode"
    with pytest.raises(ConfigError) as caught:
        Config(targets=[LEAF, {"provider": "openai", "retry": {"atempts": 3}}])
    assert caught.value.errors[0][:2] == ("targets[1].retry.atempts", "unknown-key")
    with pytest.raises(ConfigError, match="targets"):
        Config(strategy=Strategy("fallback"), **LEAF)
    with pytest.raises(ConfigError, match="must be a Retry or a dict, not int"):
        Target(retry=3, **LEAF)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="has a field of its own"):
        Target(provider_options={"provider": "openai"}, virtual_key="vk")
    with pytest.raises(ConfigError, match="unknown key 'deploymentid'"):
        Target(provider_options={"deploymentid": "d"}, virtual_key="vk")
    with pytest.raises(ConfigError, match="must be a list, not a string"):
        Target(forward_headers="x-team", **LEAF)  # a str is a Sequence[str] to mypy


def test_from_dict_reads_camel_case_and_writes_snake_case() -> None:
    data = {
        "strategy": {"mode": "fallback", "onStatusCodes": [429]},
        "targets": [{"virtualKey": "vk", "requestTimeout": 500}, {"provider": "@openai-prod"}],
    }
    config = Config.from_dict(data)
    assert config.strategy == Strategy("fallback", on_status_codes=[429])
    assert config.targets is not None and config.targets[0].request_timeout == 500
    assert config.to_dict() == {
        "strategy": {"mode": "fallback", "on_status_codes": [429]},
        "targets": [{"virtual_key": "vk", "request_timeout": 500}, {"provider": "@openai-prod"}],
    }


def test_frozen_and_compared_by_value() -> None:
    target = Target(**LEAF)
    with pytest.raises(AttributeError):
        target.api_key = "other"  # type: ignore[misc]
    assert target == Target(provider="openai", api_key="sk-test")
    assert target != Target(provider="openai", api_key="sk-other")
    assert Retry(2) == Retry.from_dict({"attempts": 2})
    assert Condition({"metadata.a": "1"}, "a").to_dict() == {
        "query": {"metadata.a": "1"},
        "then": "a",
    }


def test_secrets_are_never_shown() -> None:
    target = Target(
        provider="bedrock",
        aws_access_key_id="AKIA-SECRET-1",
        aws_secret_access_key="SECRET-2",
        provider_options={"azure_entra_client_secret": "SECRET-3", "aws_role_arn": "arn:x"},
        override_params={"model": "m"},
    )
    shown = repr(Config(strategy="single", targets=[target], api_key=None))
    for secret in ("AKIA-SECRET-1", "SECRET-2", "SECRET-3"):
        assert secret not in shown
    assert "arn:x" in shown and "'model': 'm'" in shown and "<redacted>" in shown
    for config in (
        {"provider": "openai", "api_key": 12345678},  # wrong type: the value is not shown
        {**LEAF, "custom_host": "http://user:hunter2@llm.example.com/v1"},
        {"provider": "openai", "api_key": "sk-live-abc", "retry": {"attempts": "sk-live-abc"}},
    ):
        with pytest.raises(ConfigError) as caught:
            validate_config(config)
        text = str(caught.value) + repr(caught.value.errors)
        assert "12345678" not in text and "hunter2" not in text and "sk-live-abc" not in text


# ---- round trip ---------------------------------------------------------------------------

names = st.text(alphabet="abcdefghijklmnop-_", min_size=1, max_size=8)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
statuses = st.lists(st.integers(100, 599), max_size=4)
retries = st.builds(
    Retry,
    st.integers(0, 5),
    on_status_codes=st.none() | statuses,
    use_retry_after_header=st.none() | st.booleans(),
)
caches = st.builds(
    Cache, st.sampled_from(["simple", "semantic"]), max_age=st.none() | st.integers(0, 10**7)
)
reach = st.one_of(
    st.fixed_dictionaries(
        {"provider": st.sampled_from(sorted(R.PROVIDERS - {"vertex-ai"})), "api_key": names}
    ),
    st.fixed_dictionaries({"virtual_key": names}),
    st.fixed_dictionaries({"provider": names.map(lambda n: "@" + n)}),
)
common = {
    "weight": st.none() | st.floats(0.1, 10),
    "override_params": st.none() | st.dictionaries(names, json_values, max_size=3),
    "retry": st.none() | retries,
    "cache": st.none() | caches,
    "request_timeout": st.none() | st.integers(1, 10**6),
    "forward_headers": st.none() | st.lists(names, max_size=2),
    "input_guardrails": st.none() | st.lists(names | st.just({"deny": True}), max_size=2),
    "strict_open_ai_compliance": st.none() | st.booleans(),
    "provider_options": st.dictionaries(
        st.sampled_from(["anthropic_version", "aws_role_arn", "openai_beta", "id"]),  # any JSON
        json_values,
        max_size=2,
    ),
}
leaves = st.builds(lambda how, kw: Target(**how, **kw), reach, st.fixed_dictionaries(common))
queries = st.sampled_from(
    [
        {"metadata.plan": "pro"},
        {"metadata.plan": {"$in": ["pro", "team"]}},
        {"$or": [{"params.model": {"$eq": "gpt-4o"}}, {"url.pathname": {"$regex": "chat"}}]},
        {"params.max_tokens": {"$gte": 100, "$lt": 500}},
    ]
)


def _named(targets: List[Target]) -> List[Target]:
    return [Target.from_dict({**t.to_dict(), "name": f"t{i}"}) for i, t in enumerate(targets)]


def _routed(cls: Any, children: Any) -> Any:
    plain = st.builds(
        lambda mode, targets, kw: cls(strategy=Strategy(mode), targets=targets, **kw),
        st.sampled_from(["single", "fallback", "loadbalance"]),
        st.lists(children, min_size=1, max_size=3),
        st.fixed_dictionaries({"retry": common["retry"], "cache": common["cache"]}),
    )

    def picked(targets: List[Target]) -> Any:
        targets = _named(targets)
        pick = st.sampled_from([t.name for t in targets])
        conditions = st.lists(st.builds(Condition, queries, pick), min_size=1, max_size=2)
        return st.builds(
            lambda conds, default: cls(
                strategy=Strategy("conditional", conditions=conds, default=default),
                targets=targets,
            ),
            conditions,
            st.none() | pick,
        )

    return plain | st.lists(children, min_size=1, max_size=3).flatmap(picked)


_TARGET_FIELDS = [f.name for f in attrs.fields(Target)]
targets_tree = st.recursive(leaves, lambda children: _routed(Target, children), max_leaves=8)
configs = st.one_of(
    leaves.map(lambda t: Config(**{f: getattr(t, f) for f in _TARGET_FIELDS})),
    _routed(Config, targets_tree),
)


@settings(max_examples=150, deadline=None)
@given(configs)
def test_round_trip_is_exact(config: Config) -> None:
    data = config.to_dict()
    assert Config.from_dict(data) == config
    assert Config.from_dict(data).to_dict() == data
    assert Config.from_dict(json.loads(json.dumps(data))) == config  # through the header's JSON
    assert problems(data) == []


# ---- the clients, with_options, createHeaders ----------------------------------------------

CHAT = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
ANSWER = {"id": "c", "object": "chat.completion", "created": 1, "model": "m", "choices": []}
CONFIG = Config(
    strategy=Strategy("fallback"),
    targets=[Target(virtual_key="openai-vk"), Target(provider="@anthropic-prod")],
)


@pytest.fixture
def gateway() -> Any:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        router.post("/chat/completions").respond(200, json=ANSWER)
        yield router


def _sent(router: respx.MockRouter) -> httpx.Headers:
    return router.calls.last.request.headers


def test_client_sends_a_config_object_as_its_json(gateway: respx.MockRouter) -> None:
    with Portkey(api_key="pk", base_url=BASE, config=CONFIG) as client:
        assert client.config is CONFIG
        client.chat.completions.create(**CHAT)
    assert _sent(gateway)["x-portkey-config"] == json.dumps(CONFIG.to_dict())
    assert "x-portkey-validate-config" not in _sent(gateway)


@pytest.mark.anyio
async def test_async_client_sends_a_config_object(gateway: respx.MockRouter) -> None:
    async with AsyncPortkey(api_key="pk", base_url=BASE, config=CONFIG) as client:
        await client.chat.completions.create(**CHAT)
        await client.with_options(config={"retry": {"attempts": 2}}).chat.completions.create(**CHAT)
        with pytest.raises(ConfigError):
            client.with_options(config={"retry": {}})
    assert json.loads(gateway.calls[0].request.headers["x-portkey-config"]) == CONFIG.to_dict()
    assert gateway.calls[1].request.headers["x-portkey-config"] == '{"retry": {"attempts": 2}}'


def test_dict_config_header_bytes_are_unchanged(gateway: respx.MockRouter) -> None:
    config = {
        "strategy": {"mode": "fallback"},
        "targets": [{"virtual_key": "openai-vk"}, {"virtual_key": "anthropic-vk",
                                                   "override_params": {"model": "claude"}}],
    }  # fmt: skip
    with Portkey(api_key="pk", base_url=BASE, config=config) as client:
        client.chat.completions.create(**CHAT)
    assert _sent(gateway)["x-portkey-config"] == json.dumps(config)  # what the official sends
    assert Config.from_dict(config).to_dict() == config


def test_broken_dict_config_is_refused_before_sending(gateway: respx.MockRouter) -> None:
    broken = {"strategy": {"mode": "fallback"}, "targets": [LEAF, {**LEAF, "retry": {}}]}
    with pytest.raises(ConfigError) as caught:
        Portkey(api_key="pk", base_url=BASE, config=broken)
    assert (caught.value.path, caught.value.rule) == ("targets[1].retry.attempts", "required")
    with Portkey(api_key="pk", base_url=BASE) as client:
        with pytest.raises(ConfigError):
            client.with_options(config=broken)
        with pytest.raises(ConfigError):
            client.copy(config={"cache": {"mode": "exact"}, **LEAF})
    assert not gateway.calls


def test_validate_config_false_sends_as_the_official(gateway: respx.MockRouter) -> None:
    """The wire scenario config_unicode, unchecked: json.dumps escapes non-ASCII."""
    config = {"metadata": {"name": "caf\u00e9 \u2603"}}
    with Portkey(api_key="pk", base_url=BASE, config=config, validate_config=False) as client:
        assert client.validate_config is False
        client.chat.completions.create(**CHAT)
        client.with_options(trace_id="t").chat.completions.create(**CHAT)  # still unchecked
    for call in gateway.calls:
        assert (
            call.request.headers["x-portkey-config"]
            == '{"metadata": {"name": "caf\\u00e9 \\u2603"}}'
        )
        assert "x-portkey-validate-config" not in call.request.headers


def test_str_configs_are_sent_as_they_are_and_never_parsed(gateway: respx.MockRouter) -> None:
    for config in ("pc-abc-123", '{"stratgy": "sent as written"}'):
        with Portkey(api_key="pk", base_url=BASE, config=config) as client:
            client.chat.completions.create(**CHAT)
        assert _sent(gateway)["x-portkey-config"] == config
    with pytest.raises(TypeError, match="config must be a saved config id"):
        Portkey(api_key="pk", base_url=BASE, config=12)  # type: ignore[arg-type]


def test_a_dict_config_is_checked_once_per_client(gateway: respx.MockRouter) -> None:
    """with_options without a new config reuses the check of the client it comes from (the
    config is the same object): changing the dict afterwards is not checked again."""
    config: Dict[str, Any] = {"retry": {"attempts": 2}}
    with Portkey(api_key="pk", base_url=BASE, config=config) as client:
        config["retry"] = {}  # broken after the client checked it
        client.with_options(trace_id="t-1").chat.completions.create(**CHAT)
        with pytest.raises(ConfigError):
            client.with_options(config=dict(config))  # a new config is checked
        with pytest.raises(ConfigError):
            client.with_options(validate_config=True, config=config)
    assert _sent(gateway)["x-portkey-trace-id"] == "t-1"


def test_per_call_config_object(gateway: respx.MockRouter) -> None:
    route = gateway.post("/prompts/pp-1/completions").respond(200, json=ANSWER)
    with Portkey(api_key="pk", base_url=BASE) as client:
        client.prompts.completions.create(  # type: ignore[call-overload]  # resources' typing
            prompt_id="pp-1", variables={}, config=CONFIG
        )
    assert json.loads(route.calls.last.request.headers["x-portkey-config"]) == CONFIG.to_dict()


def test_create_headers_takes_config_objects_and_checks_dicts() -> None:
    assert createHeaders(config=CONFIG) == {"x-portkey-config": json.dumps(CONFIG.to_dict())}
    assert createHeaders(config={"retry": {"attempts": 1}}) == {
        "x-portkey-config": '{"retry": {"attempts": 1}}'
    }
    with pytest.raises(ConfigError, match="did you mean 'virtual_key'"):
        createHeaders(config={"virtualkey": "vk"})
    assert createHeaders(config={"virtualkey": "vk"}, validate_config=False) == {
        "x-portkey-config": '{"virtualkey": "vk"}'
    }


def test_import_portkey_does_not_load_the_config_package() -> None:
    code = (
        "import sys, json, portkey\n"
        "before = [m for m in sys.modules if m.startswith('portkey._config')]\n"
        "portkey.Portkey(api_key='pk', config='pc-1')\n"
        "portkey.createHeaders(config='{\"a\": 1}')\n"
        "after_str = [m for m in sys.modules if m.startswith('portkey._config')]\n"
        "portkey.Config\n"
        "print(json.dumps([before, after_str, 'portkey._config' in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [[], [], True]


# ---- the official SDK's legacy names -------------------------------------------------------


def test_legacy_names_import_from_portkey() -> None:
    from portkey import (  # noqa: F401 - the official's spellings
        CacheLiteral,
        CacheType,
        LLMOptions,
        Modes,
        ModesLiteral,
        ProviderTypes,
        ProviderTypesLiteral,
        RetrySettings,
    )

    assert RetrySettings is Retry
    assert "LLMOptions" not in portkey.__all__ and "Config" in portkey.__all__
    assert ModesLiteral.__args__ == ("single", "loadbalance", "fallback", "conditional")
    assert set(CacheLiteral.__args__) == {"simple", "semantic"}
    assert set(ProviderTypesLiteral.__args__) == {p.value for p in ProviderTypes}


def test_legacy_enums_are_the_new_modes() -> None:
    from portkey import CacheType, Modes, ProviderTypes

    assert Modes.AB_TEST is Modes.LOADBALANCE and Modes.PROXY is Modes.SINGLE
    assert Modes("ab_test") is Modes.LOADBALANCE and "fallback" in Modes and "x" not in Modes
    assert Strategy(Modes.FALLBACK).to_dict() == {"mode": "fallback"}
    assert Strategy(Modes.AB_TEST) == Strategy("loadbalance")
    assert Cache(CacheType.SEMANTIC) == Cache("semantic") and "simple" in CacheType
    target = Target(provider=ProviderTypes.AZURE_OPENAI, azure_auth_mode="entra")
    assert target.provider == "azure-openai" and type(target.provider) is str


def test_llm_options_is_a_target() -> None:
    from portkey import CacheType, LLMOptions, RetrySettings

    llm = LLMOptions(
        provider="openai",
        api_key="sk-1",
        model="gpt-4o",
        temperature=0.2,
        max_tokens=50,
        cache_status=CacheType.SEMANTIC,
        cache_age=60,
        retry=RetrySettings(attempts=3, on_status_codes=[429]),
        weight=0.5,
        forward_headers="x-team",
        organization="org-1",
        deployment_id="d-1",
    )
    assert isinstance(llm, Target)
    assert llm.to_dict() == {
        "provider": "openai",
        "api_key": "sk-1",
        "weight": 0.5,
        "override_params": {"model": "gpt-4o", "temperature": 0.2, "max_tokens": 50},
        "retry": {"attempts": 3, "on_status_codes": [429]},
        "cache": {"mode": "semantic", "max_age": 60},
        "forward_headers": ["x-team"],
        "openai_organization": "org-1",
        "deployment_id": "d-1",
    }
    assert Target.from_dict(llm.to_dict()).to_dict() == llm.to_dict()
    with pytest.raises(ConfigError, match="'trace_id' is a request option"):
        LLMOptions(provider="openai", api_key="k", trace_id="t")
    with pytest.raises(ConfigError, match="unknown key 'temprature'"):
        LLMOptions(provider="openai", api_key="k", temprature=0.2)


def test_legacy_config_mode_and_llms() -> None:
    from portkey import LLMOptions, Modes

    config = Config(
        mode=Modes.AB_TEST,
        llms=[LLMOptions(virtual_key="a", weight=0.7), LLMOptions(virtual_key="b", weight=0.3)],
    )
    assert config.to_dict() == {
        "strategy": {"mode": "loadbalance"},
        "targets": [{"virtual_key": "a", "weight": 0.7}, {"virtual_key": "b", "weight": 0.3}],
    }
    single = Config(llms=LLMOptions(provider="openai", api_key="k"))
    assert single.to_dict() == {
        "strategy": {"mode": "single"},
        "targets": [LEAF | {"api_key": "k"}],
    }
    assert Config(mode="proxy", llms=[Target(virtual_key="v")]).strategy == Strategy("single")
    with pytest.raises(ConfigError, match="api_key was the Portkey API key"):
        Config(api_key="pk", mode="fallback", llms=[Target(virtual_key="v")])
    with pytest.raises(ConfigError, match="needs mode="):
        Config(llms=[Target(virtual_key="v"), Target(virtual_key="w")])
    with pytest.raises(ConfigError, match="not both"):
        Config(mode="fallback", llms=[Target(virtual_key="v")], strategy=Strategy("single"))


# ---- the README's example -------------------------------------------------------------------


def test_readme_config_example_runs_and_shows_the_real_error() -> None:
    text = (Path(__file__).parent.parent / "README.md").read_text()
    section = text.split("\n## Gateway configs\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.S)
    shown = [body for lang, body in blocks if lang == "text"]
    namespace: Dict[str, Any] = {}
    errors: List[str] = []
    for lang, body in blocks:  # each example on its own; the typo's raises
        if lang == "python":
            try:
                exec(compile(body, "README.md", "exec"), namespace)
            except ConfigError as err:
                errors.append(f"ConfigError: {err}")
    assert isinstance(namespace["config"], Config)
    assert errors and [" ".join(s.split()) for s in shown] == [" ".join(errors[0].split())]
