"""Gateway configs as typed, validated objects (``from portkey import Config``; the package is
private, its names are exported by ``portkey``).

``Config``/``Target``/``Strategy``/``Condition``/``Retry``/``Cache`` build a config with
keywords, checked against the gateway's own rules as they are made; ``Config.from_dict`` reads
one (checked, with paths such as ``targets[1].retry.attempts``), ``to_dict`` writes the JSON the
gateway expects. ``validate_config(dict)`` checks a dict config as the clients do. A broken
config raises ``portkey.ConfigError`` (a ``ValueError``) naming the path and the rule.
"""

from .._errors import ConfigError
from ._legacy import (
    CacheLiteral,
    CacheType,
    LLMOptions,
    Modes,
    ModesLiteral,
    ProviderTypes,
    ProviderTypesLiteral,
    RetrySettings,
)
from ._types import Cache, CacheMode, Condition, Config, Retry, Strategy, StrategyMode, Target
from ._validate import RULES, problems, validate_config

__all__ = [
    "RULES",
    "Cache",
    "CacheLiteral",
    "CacheMode",
    "CacheType",
    "Condition",
    "Config",
    "ConfigError",
    "LLMOptions",
    "Modes",
    "ModesLiteral",
    "ProviderTypes",
    "ProviderTypesLiteral",
    "Retry",
    "RetrySettings",
    "Strategy",
    "StrategyMode",
    "Target",
    "problems",
    "validate_config",
]
