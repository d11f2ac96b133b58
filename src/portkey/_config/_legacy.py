"""The official SDK's legacy config names, for code that imports them, mapped onto the new
types: ``LLMOptions`` is a ``Target``, ``RetrySettings`` is ``Retry``, ``Modes`` and
``CacheType`` are the strategy and cache modes, ``ProviderTypes`` its five provider names.

The official's ``Params``, ``Message`` and ``PortkeyResponse`` (its pre-1.0 request and
response shapes) are not config concepts and are not provided.
"""

from __future__ import annotations

from enum import Enum, EnumMeta
from typing import Any, Dict, Optional

import attrs
from typing_extensions import Literal

from .._errors import ConfigError
from . import _rules as R
from ._types import Cache, CacheMode, Retry, StrategyMode, Target

__all__ = [
    "CacheLiteral",
    "CacheType",
    "LLMOptions",
    "Modes",
    "ModesLiteral",
    "ProviderTypes",
    "ProviderTypesLiteral",
    "RetrySettings",
]


class _MetaEnum(EnumMeta):
    """``"fallback" in Modes``, as the official's enums answer (by value)."""

    def __contains__(cls, item: object) -> bool:
        try:
            cls(item)
        except ValueError:
            return False
        return True


class Modes(str, Enum, metaclass=_MetaEnum):
    """The strategy modes. The official's ``AB_TEST`` is now ``loadbalance`` and ``PROXY``
    ``single`` (the same members; ``Modes("ab_test")`` still works)."""

    SINGLE = "single"
    FALLBACK = "fallback"
    LOADBALANCE = "loadbalance"
    CONDITIONAL = "conditional"
    AB_TEST = "loadbalance"
    PROXY = "single"

    @classmethod
    def _missing_(cls, value: object) -> Optional[Modes]:
        legacy = R.LEGACY_MODES.get(value) if isinstance(value, str) else None
        return cls(legacy) if legacy else None


class CacheType(str, Enum, metaclass=_MetaEnum):
    """The cache modes."""

    SEMANTIC = "semantic"
    SIMPLE = "simple"


class ProviderTypes(str, Enum):
    """The official's five provider names (any provider the gateway knows is a valid
    ``provider``)."""

    OPENAI = "openai"
    COHERE = "cohere"
    ANTHROPIC = "anthropic"
    AZURE_OPENAI = "azure-openai"
    HUGGING_FACE = "huggingface"


ModesLiteral = StrategyMode
CacheLiteral = CacheMode
ProviderTypesLiteral = Literal["openai", "cohere", "anthropic", "azure-openai", "huggingface"]
RetrySettings = Retry

# LLMOptions' keywords: the request body's parameters (they become override_params) ...
_BODY = frozenset(
    """model suffix max_tokens temperature top_k top_p n stop_sequences functions function_call
    logprobs top_logprobs echo stop presence_penalty frequency_penalty best_of logit_bias user
    tool_choice tools prompt messages""".split()  # noqa: SIM905
)
# ... and the request options that are not part of a config (headers of the client).
_REQUEST = frozenset(
    """trace_id metadata debug cache_force_refresh cache_namespace instrumentation timeout
    provider_file_name provider_model""".split()  # noqa: SIM905
)
_RENAMED = {"organization": "openai_organization"}


def _target_kwargs(options: Dict[str, Any]) -> Dict[str, Any]:
    """The official LLMOptions' keywords as Target's."""
    fields = {f.name for f in attrs.fields(Target)}
    kwargs: Dict[str, Any] = {}
    body: Dict[str, Any] = dict(options.pop("override_params", None) or {})
    extra: Dict[str, Any] = {}
    cache, mode, max_age = options.pop("cache", None), options.pop("cache_status", None), None
    max_age = options.pop("cache_age", None)
    if cache or mode or max_age is not None:
        kwargs["cache"] = Cache(mode or "simple", max_age=max_age)
    if isinstance(options.get("forward_headers"), str):
        options["forward_headers"] = [options["forward_headers"]]
    for key, value in options.items():
        if value is None:
            continue
        key = _RENAMED.get(key, key)
        if key in _BODY:
            body[key] = value
        elif key in _REQUEST:
            raise ConfigError(
                [
                    (
                        key,
                        "legacy-key",
                        f"'{key}' is a request option, not part of a gateway config: pass it "
                        "to Portkey(...) or with_options(...)",
                    )
                ],
                root="LLMOptions",
            )
        elif key in fields:
            kwargs[key] = value
        else:
            extra[key] = value  # the provider's settings; unknown ones are refused by the check
    if body:
        kwargs["override_params"] = body
    if extra:
        kwargs["provider_options"] = extra
    return kwargs


@attrs.frozen(repr=False, init=False)
class LLMOptions(Target):
    """The official SDK's ``LLMOptions(provider=..., api_key=..., model=..., ...)``, read as a
    ``Target``: the model's parameters become ``override_params``, ``cache``/``cache_status``/
    ``cache_age`` a ``Cache``, ``retry`` a ``Retry``; request options (``trace_id``,
    ``metadata``, ...) are refused, as they are not part of a config."""

    def __init__(self, **options: Any) -> None:
        self.__attrs_init__(**_target_kwargs(dict(options)))
