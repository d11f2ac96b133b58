"""Client options → request headers, as the official SDK maps them.

Every option named here (and any unknown keyword given to the client) becomes a header
``x-portkey-<name with _ turned into ->`` (except the official's client settings in
``NOT_HEADERS``, which are never sent); values: booleans ``"true"``/``"false"``, strings
verbatim (a saved config id ``pc-...`` or a JSON string), anything else ``json.dumps``-ed with
the default separators (dict configs, metadata, numbers). None and "" are not sent.
Exceptions: ``Authorization`` is sent under its own name with ``Bearer `` added when
missing; ``forward_headers=[...]`` is sent as ``x-portkey-forward-headers: a,b``, and an option
named in it is sent under its own name (``forward_headers=["x-team"], x_team="a"`` sends
``x-team: a``). Unlike the official SDK we send no placeholder ``Authorization``, no empty
``x-portkey-api-key``, and lists as JSON rather than Python reprs.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping

# The official SDK's keyword arguments that become headers, in its order.
HEADER_OPTIONS = (
    "api_key",
    "virtual_key",
    "config",
    "provider",
    "trace_id",
    "metadata",
    "cache_namespace",
    "cache_force_refresh",
    "debug",
    "custom_host",
    "forward_headers",
    "request_timeout",
    "strict_open_ai_compliance",
    "openai_project",
    "openai_organization",
    "aws_secret_access_key",
    "aws_access_key_id",
    "aws_session_token",
    "aws_region",
    "aws_s3_bucket",
    "aws_s3_object_key",
    "aws_bedrock_model",
    "vertex_project_id",
    "vertex_region",
    "vertex_storage_bucket_name",
    "workers_ai_account_id",
    "azure_resource_name",
    "azure_deployment_id",
    "azure_api_version",
    "azure_endpoint_name",
    "azure_model_name",
    "huggingface_base_url",
    "fireworks_account_id",
    "anthropic_beta",
    "anthropic_version",
    "mistral_fim_completion",
    "provider_file_name",
    "provider_model",
    "span_id",
    "parent_span_id",
    "span_name",
)

# The official SDK's keyword arguments that configure the client and are not sent as headers
# (``webhook_secret`` is a secret: sending it to the gateway would leak it).
NOT_HEADERS = frozenset(
    ("instrumentation", "calculate_audio_duration", "websocket_base_url", "webhook_secret")
)


def header_value(value: Any) -> str:
    """How the official SDK writes one option's value into a header."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if getattr(type(value), "__portkey_config__", False):
        value = value.to_dict()  # a portkey.Config: its JSON, written as a dict config is
    return json.dumps(value)


def check_config(config: Any, validate: bool = True) -> None:
    """A config is a saved config id or JSON text (str, sent as it is, never parsed), a dict,
    or a ``portkey.Config`` (checked when it was built). A dict is checked here against the
    gateway's rules (``ConfigError`` before anything is sent) unless ``validate`` is False."""
    if config is None or isinstance(config, str):
        return
    if getattr(type(config), "__portkey_config__", False):
        return
    if not isinstance(config, Mapping):
        raise TypeError(
            "config must be a saved config id (str), a dict or a portkey.Config, "
            f"not {type(config).__name__}"
        )
    if validate:
        from ._config._validate import validate_config  # loaded by the first dict config

        validate_config(config)


def option_headers(options: Mapping[str, Any]) -> Dict[str, str]:
    """The headers for a client's options (``Authorization`` included, when given)."""
    headers: Dict[str, str] = {}
    forwarded = options.get("forward_headers") or ()
    if isinstance(forwarded, str):
        forwarded = [forwarded]
    forwarded_names = {name.replace("_", "-").lower() for name in forwarded}
    for name, value in options.items():
        if value is None or (isinstance(value, str) and value == "") or name in NOT_HEADERS:
            continue
        if name == "forward_headers":
            if forwarded:
                headers["x-portkey-forward-headers"] = ",".join(forwarded)
            continue
        text = header_value(value)
        if name.lower() == "authorization":
            headers["Authorization"] = text if text.startswith("Bearer ") else "Bearer " + text
            continue
        if name == "mode" and "proxy" not in text:
            text = "proxy " + text  # the gateway's legacy proxy mode, spelled as the official does
        kebab = name.replace("_", "-")
        if kebab.lower() in forwarded_names:
            headers[kebab] = text  # a forwarded header travels under its own name
        else:
            headers["x-portkey-" + kebab] = text
    return headers


# The client's keywords that are settings of the client itself, not headers: ``create_headers``
# ignores them as the client does (``default_headers`` are sent as they are).
CLIENT_SETTINGS = frozenset(
    (
        "base_url",
        "timeout",
        "max_retries",
        "http_client",
        "deadline",
        "default_headers",
        "validate_config",
    )
)


def create_headers(**options: Any) -> Dict[str, str]:
    """The headers a ``Portkey`` client sends for these options, as a plain dict, for
    another client pointed at the gateway (no client is built)::

        OpenAI(base_url=PORTKEY_GATEWAY_URL, default_headers=createHeaders(
            api_key="PORTKEY_API_KEY", provider="@openai-prod", trace_id="t-1"))

    Takes every keyword the client takes; an unknown keyword becomes
    ``x-portkey-<kebab-name>``, as in the client. Only the options given are sent: no
    environment variable is read and no default is added, as the official ``createHeaders``.
    A value HTTP cannot carry (non-ASCII, a line break) is a ValueError here, not later.
    """
    check_config(options.get("config"), options.get("validate_config", True) is not False)
    metadata = options.get("metadata")
    if metadata is not None and not isinstance(metadata, (str, Mapping)):
        raise TypeError(f"metadata must be a dict, not {type(metadata).__name__}")
    headers = option_headers({k: v for k, v in options.items() if k not in CLIENT_SETTINGS})
    for name, value in headers.items():
        check_header(name, value)
    for name, value in (options.get("default_headers") or {}).items():
        check_header(name, value)
        for same in [k for k in headers if k.lower() == name.lower()]:
            del headers[same]  # replaces every spelling, as the client's httpx.Headers does
        headers[name] = value
    return headers


createHeaders = create_headers  # the official SDK's spelling


def check_header(name: Any, value: Any) -> None:
    """Refuse, before anything is sent, a header HTTP cannot carry: a ValueError that names
    the header but never shows its value (it may be a secret)."""
    if not isinstance(name, str) or not isinstance(value, str):
        raise TypeError(
            f"header {name!r} must be a str, not {type(value).__name__}"
            if isinstance(name, str)
            else f"header names must be str, not {type(name).__name__}"
        )
    if not value.isascii():
        raise ValueError(f"header {name!r}: the value must be ASCII (HTTP headers are)")
    if "\r" in value or "\n" in value or "\0" in value:
        raise ValueError(f"header {name!r}: the value contains a line break or NUL")
