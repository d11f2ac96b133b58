"""The gateway's config rules as data: which keys each part of a config has, what each value
must be, and the names the gateway knows. ``_validate.py`` walks a config with these tables.

Sources, so that every config a gateway accepts is accepted here:

* the open-source gateway's request validator (``configSchema`` in
  ``src/middlewares/requestValidator/schema/config.ts``; the build installed for the tests,
  1.15.2, and the repository's latest): the types of its keys, ``strategy.mode`` and
  ``cache.mode``, the provider list, what a config needs to reach a provider, ``custom_host``
  and the Vertex AI credentials;
* what the gateway does at request time (``tryTargetsRecursively``, the conditional router):
  the keys it reads, a strategy's targets, ``conditions``, ``then``/``default`` target names and
  the query operators;
* the hosted gateway's documented config schema (``virtual_key``, ``override_params``,
  ``@slug`` providers, ``prompt_id``, ``passthrough``, ``default_params``/``drop_params``,
  ``cb_config``, ``sticky``, the Azure deployment keys): its types where it states them.
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, Tuple

# Every provider name the gateway's validator accepts (VALID_PROVIDERS; the same 74 in 1.15.2
# and in the repository's latest). The hosted gateway also takes "@slug" names.
PROVIDERS: FrozenSet[str] = frozenset(
    """302ai ai21 aibadgr anthropic anyscale azure-ai azure-openai bedrock bytez cerebras cohere
    cometapi cortex dashscope deepbricks deepinfra deepseek featherless-ai fireworks-ai github
    google groq huggingface hyperbolic inference-net iointelligence jina kluster-ai krutrim lambda
    lemonfox-ai lepton lingyi matterai meshy milvus mistral-ai modal monsterapi moonshot ncompass
    nebius nextbit nomic novita-ai nscale ollama openai openrouter oracle ovhcloud palm
    perplexity-ai portkey predibase qdrant recraft-ai reka-ai replicate sagemaker sambanova
    segmind siliconflow stability-ai together-ai tripo3d triton upstage vertex-ai voyage
    workers-ai x-ai z-ai zhipu""".split()  # noqa: SIM905
)
STRATEGY_MODES = ("single", "loadbalance", "fallback", "conditional")
CACHE_MODES = ("simple", "semantic")
# The official SDK's legacy mode names, and what they became.
LEGACY_MODES = {"ab_test": "loadbalance", "proxy": "single"}

# A value's kind: "str", "bool", "num" (a finite number), "int" (a whole number), "obj" (any
# JSON object), "any" (any JSON value), "[k]" (a list of k), "k|j" (either), an enum below, or
# the name of a part in PARTS. The hosted schema says "integer" for counts and milliseconds.
ENUMS: Dict[str, Tuple[str, ...]] = {
    "mode": STRATEGY_MODES,
    "cache_mode": CACHE_MODES,
    "azure_deployment_type": ("serverless", "managed"),
}

# The keys of a config (and of each of its targets: a target is a config).
NODE: Dict[str, str] = {
    "strategy": "strategy",
    "targets": "[node]",
    "name": "str",
    "provider": "provider",
    "api_key": "str",
    "virtual_key": "str",
    "weight": "num",
    "on_status_codes": "[int]",
    "override_params": "obj",
    "default_params": "obj",
    "drop_params": "[str]",
    "retry": "retry",
    "cache": "cache",
    "cb_config": "cb_config",
    "request_timeout": "int",
    "custom_host": "str",
    "forward_headers": "[str]",
    "strict_open_ai_compliance": "bool",
    "input_guardrails": "[str|obj]",
    "output_guardrails": "[str|obj]",
    "before_request_hooks": "[obj]",
    "after_request_hooks": "[obj]",
    "prompt_id": "str",
    "passthrough": "bool",
    "metadata": "obj",  # hosted: a saved config's metadata for its requests' logs
    "fetch_integrated_models": "bool",  # hosted: GET /models lists the model catalog
    "deployments": "[deployment]",
    "aws_access_key_id": "str",
    "aws_secret_access_key": "str",
    "aws_session_token": "str",
    "aws_region": "str",
    "vertex_project_id": "str",
    "vertex_region": "str",
    "vertex_service_account_json": "obj",
    "openai_project": "str",
    "openai_organization": "str",
    "azure_model_name": "str",
    "azure_auth_mode": "str",
    "resource_name": "str",
    "deployment_id": "str",
    "api_version": "str",
    "azure_region": "str",
    "azure_deployment_name": "str",
    "azure_deployment_type": "azure_deployment_type",
    "azure_endpoint_name": "str",
    "azure_api_version": "str",
}
# Keys the gateway reads from a config (its provider options, in snake_case as it expects
# them, from every version's ``Options``/``Targets`` types and the hosted docs) that no schema
# types: any JSON value is let through, as the gateway does.
PROVIDER_OPTIONS: Tuple[str, ...] = tuple(
    """id input_mutators output_mutators default_input_guardrails default_output_guardrails
    account_id ad_auth api_key_name base_url filename foundation_model
    amzn_sagemaker_custom_attributes amzn_sagemaker_enable_explanations
    amzn_sagemaker_inference_component amzn_sagemaker_inference_id amzn_sagemaker_model_name
    amzn_sagemaker_session_id amzn_sagemaker_target_container_hostname
    amzn_sagemaker_target_model amzn_sagemaker_target_variant sagemaker_custom_attributes
    sagemaker_enable_explanations sagemaker_inference_component sagemaker_inference_id
    sagemaker_session_id sagemaker_target_container_hostname sagemaker_target_model
    sagemaker_target_variant anthropic_api_key anthropic_beta anthropic_version aws_auth_type
    aws_bedrock_model aws_external_id aws_role_arn aws_s3_bucket aws_s3_object_key
    aws_server_side_encryption aws_server_side_encryption_kms_key_id aws_service
    azure_ad_token azure_deployment_id azure_resource_name azure_entra_client_id
    azure_entra_client_secret azure_entra_scope azure_entra_tenant_id azure_extra_parameters
    azure_extra_params azure_foundry_url azure_managed_client_id azure_workload_client_id
    fireworks_account_id fireworks_file_length hugging_face_base_url huggingface_base_url
    mistral_fim_completion openai_beta oracle_api_version oracle_compartment_id
    oracle_fingerprint oracle_key_passphrase oracle_private_key oracle_region
    oracle_serving_mode oracle_tenancy oracle_user snowflake_account snowflake_api_key
    stability_client_id stability_client_user_id stability_client_version
    vertex_batch_endpoint vertex_model_name vertex_storage_bucket_name
    workers_ai_account_id""".split()  # noqa: SIM905
)
NODE.update(dict.fromkeys(PROVIDER_OPTIONS, "any"))

PARTS: Dict[str, Dict[str, str]] = {
    "node": NODE,
    "strategy": {
        "mode": "mode",
        "on_status_codes": "[int]",
        "conditions": "[condition]",
        "default": "str",
        "cb_config": "cb_config",
        "sticky": "sticky",
    },
    "condition": {"query": "query", "then": "str"},
    "retry": {
        "attempts": "int",
        "on_status_codes": "[int]",
        "use_retry_after_header": "bool",
        "use_retry_after_headers": "bool",  # the hosted docs' spelling
    },
    "cache": {"mode": "cache_mode", "max_age": "int"},
    "cb_config": {
        "failure_threshold": "num",
        "failure_threshold_percentage": "num",
        "minimum_requests": "num",
        "cooldown_interval": "num",
        "failure_status_codes": "[int]",
    },
    "sticky": {"enabled": "bool", "hash_fields": "[str]", "ttl": "num"},
    "deployment": {
        "deployment_id": "str",
        "alias": "str",
        "api_version": "str",
        "is_default": "bool",
    },
}
# Required keys, with the gateway's own words where it has them.
REQUIRED: Dict[str, Tuple[Tuple[str, str], ...]] = {
    "strategy": (("mode", "'strategy.mode' is required (the gateway: Required)"),),
    "condition": (
        ("query", "a condition needs a 'query'"),
        ("then", "a condition needs 'then', the name of the target it picks"),
    ),
    "retry": (("attempts", "'retry.attempts' must be defined"),),
    "cache": (("mode", "'cache.mode' must be defined"),),
    "cb_config": (("cooldown_interval", "'cb_config.cooldown_interval' is required"),),
    "deployment": (
        ("deployment_id", "a deployment needs 'deployment_id'"),
        ("alias", "a deployment needs 'alias'"),
        ("api_version", "a deployment needs 'api_version'"),
    ),
}

# Keys the gateway knows but ignores in a config, with what to write instead.
MISPLACED: Dict[str, Dict[str, str]] = {
    "node": {
        "options": 'the legacy config format ({mode, options}): the gateway answers "This '
        "version of config is not supported in this route. Please migrate to the latest "
        "version\"; write {'strategy': {'mode': ...}, 'targets': [...]}",
        "mode": "the legacy config format: write 'strategy': {'mode': ...}",
        "trace_id": "trace_id is a request option (Portkey(trace_id=...)), not a config key",
    },
}

# Keys whose contents the gateway passes on as written: their camelCase spelling would have
# its own keys renamed (overrideParams: max_tokens -> maxTokens), so only snake_case is taken.
KEEP_CONTENTS = frozenset(
    (
        "override_params",
        "default_params",
        "vertex_service_account_json",
        "input_guardrails",
        "output_guardrails",
        "default_input_guardrails",
        "default_output_guardrails",
        "conditions",
        "cb_config",
    )
)

# What a config (or target) needs to reach a provider: the gateway's rule, "Invalid
# configuration. It must have either 'provider' and 'api_key', or 'strategy' and 'targets', or
# 'cache', or 'retry', or 'request_timeout'" (and its other cases), with the hosted gateway's.
# Any one of these sets of keys present is enough; REACH_CHECKS below adds the value tests.
REACH: Tuple[Tuple[str, ...], ...] = (
    ("provider", "api_key"),
    ("provider", "custom_host"),
    ("virtual_key",),
    ("strategy", "targets"),
    ("cache",),
    ("retry",),
    ("request_timeout",),
    ("before_request_hooks",),
    ("after_request_hooks",),
    ("input_guardrails",),
    ("output_guardrails",),
    ("prompt_id",),
    ("forward_headers",),
    ("passthrough",),
    ("default_params",),
    ("drop_params",),
    ("aws_access_key_id", "aws_secret_access_key"),
    ("provider", "vertex_region", "vertex_project_id"),
    ("provider", "vertex_region", "vertex_service_account_json"),
    (
        "provider",
        "azure_deployment_name",
        "azure_deployment_type",
        "azure_region",
        "azure_api_version",
    ),
    ("provider", "azure_endpoint_name", "azure_deployment_type"),
)
PROVIDERS_WITHOUT_KEY = ("ollama", "triton")
# (and: a non-empty "targets" each of which reaches one, as the hosted gateway documents;
# an '@slug' provider; an override_params model "@slug/model")
REACH_MESSAGE = (
    "reaches no provider: it needs 'provider' and 'api_key', a 'virtual_key', an '@slug' "
    "provider, or 'strategy' and 'targets' (the gateway: \"Invalid configuration. It must have "
    "either 'provider' and 'api_key', or 'strategy' and 'targets', or 'cache', or 'retry', or "
    "'request_timeout'\")"
)
VERTEX_MESSAGE = (
    "('vertex_project_id' and 'vertex_region') or ('vertex_service_account_json' and "
    "'vertex_region') are required for the 'vertex-ai' provider"
)

# The conditional router: the operators it evaluates and the request fields a query reads.
QUERY_OPERATORS = ("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$regex")
QUERY_LOGIC = ("$and", "$or")
QUERY_ROOTS = ("metadata", "params", "url")

FORWARD_HEADERS_LOOP = "x-portkey-forward-headers"

# Secrets: the values of these keys are never shown (repr, errors).
_SECRET = re.compile(r"key|secret|token|password|passphrase|credential|service_account")


def is_secret(key: str) -> bool:
    return bool(_SECRET.search(key.lower()))


def camel(key: str) -> str:
    """The gateway's camelCase of a key (its ``/(_\\w)/g`` replace): ``max_age`` -> ``maxAge``."""
    return re.sub(r"_(\w)", lambda m: m.group(1).upper(), key)


def _aliases() -> Dict[str, Dict[str, str]]:
    out: Dict[str, Dict[str, str]] = {}
    for part, keys in PARTS.items():
        out[part] = {camel(k): k for k in keys if "_" in k and k not in KEEP_CONTENTS}
    return out


# camelCase spelling -> key, per part: the gateway camel-cases every key before using it, so
# both spellings work (its validator checks only snake_case; here both are checked alike).
ALIASES = _aliases()
RENAMED = {camel(k): k for k in KEEP_CONTENTS}
