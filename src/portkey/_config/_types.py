"""Gateway configs as typed objects: ``Config``, ``Target``, ``Strategy``, ``Condition``,
``Retry``, ``Cache``.

Built with keywords, each checks itself against the gateway's rules when it is made (a broken
one raises ``ConfigError`` naming the path and the rule); ``from_dict`` reads a config's JSON
(checked first, with paths from its top) and ``to_dict`` gives back exactly the JSON the gateway
expects: ``Config.from_dict(c.to_dict()) == c``. camelCase keys are read as their snake_case
key; ``to_dict`` writes snake_case.

A target is itself a config (the gateway's schema is recursive): ``Target`` and ``Config`` have
the same fields; keys the gateway knows that have no field of their own (deployment ids,
Anthropic or Bedrock settings, ...) are in ``provider_options``.
"""

from __future__ import annotations

import contextvars
import copy
from enum import Enum
from typing import Any, ClassVar, Dict, List, Mapping, Optional, Sequence, Union, cast

import attrs
from typing_extensions import Literal, Self

from .._errors import ConfigError
from . import _rules as R
from ._validate import validate_config

__all__ = [
    "Cache",
    "CacheMode",
    "Condition",
    "Config",
    "Retry",
    "Strategy",
    "StrategyMode",
    "Target",
]

StrategyMode = Literal["single", "loadbalance", "fallback", "conditional"]
CacheMode = Literal["simple", "semantic"]

# Set while from_dict builds objects from a dict it has already checked as a whole.
_CHECKED: contextvars.ContextVar[bool] = contextvars.ContextVar("_CHECKED", default=False)
_REDACTED = "<redacted>"


def _dump(value: Any) -> Any:
    if isinstance(value, _Part):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {k: _dump(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    return value


def _shown(key: str, value: Any) -> str:
    """A value for repr: a credential's is never shown."""
    if R.is_secret(key):
        return _REDACTED
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k!r}: {_shown(str(k), v)}" for k, v in value.items()) + "}"
    return repr(value)


def _fields(cls: type) -> Any:
    return attrs.fields(cast(Any, cls))


_NAMES: Dict[type, List[str]] = {}


def _names(cls: type) -> List[str]:
    """A class's JSON fields, in order (legacy init-only ones left out): looked up once."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = [f.name for f in _fields(cls) if not f.metadata.get("legacy")]
    return names


class _Part:
    """What every config object shares: checking, to_dict/from_dict, a repr without secrets."""

    __slots__ = ()
    __portkey_config__: ClassVar[bool] = True  # how the client tells a config object
    _part: ClassVar[str]
    _label: ClassVar[str]
    _nested: ClassVar[Dict[str, Any]] = {}  # field -> the class its dicts are built into

    def __attrs_post_init__(self) -> None:
        if not _CHECKED.get():
            validate_config(self.to_dict(), self._part, root=f"this {self._label}")

    def to_dict(self) -> Dict[str, Any]:
        """The JSON the gateway expects (a new dict: changing it changes nothing here)."""
        out: Dict[str, Any] = {}
        for name in _names(type(self)):
            value = getattr(self, name)
            if name == "provider_options":
                out.update(_dump(value))
            elif value is not None:
                out[name] = _dump(value)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a config's JSON: checked against the gateway's rules first (ConfigError names
        the path from its top), then built. camelCase keys become their snake_case fields."""
        validate_config(data, cls._part)
        token = _CHECKED.set(True)
        try:
            return cls._build(data)
        finally:
            _CHECKED.reset(token)

    @classmethod
    def _build(cls, data: Mapping[str, Any]) -> Self:
        names = _names(cls)
        kwargs: Dict[str, Any] = {}
        extra: Dict[str, Any] = {}
        for key, value in data.items():
            name = key if key in R.PARTS[cls._part] else R.ALIASES[cls._part][key]
            builder = cls._nested.get(name)
            if builder is not None and isinstance(value, Mapping):
                value = builder._build(value)
            elif builder is not None and isinstance(value, (list, tuple)):
                value = [builder._build(v) for v in value]
            else:
                value = copy.deepcopy(value)
            (kwargs if name in names else extra)[name] = value
        if extra:
            kwargs["provider_options"] = extra
        return cls(**kwargs)

    def __repr__(self) -> str:
        shown = []
        for field in _fields(type(self)):
            value = getattr(self, field.name)
            if value is None or value == {} or field.metadata.get("legacy"):
                continue
            shown.append(f"{field.name}={_shown(field.name, value)}")
        return f"{type(self).__name__}({', '.join(shown)})"


# Converters: what a constructor takes -> what the object keeps.


def _plain(value: Union[str, Enum]) -> str:
    """A str Enum (the legacy Modes, CacheType, ProviderTypes) is kept as its plain value."""
    return value.value if isinstance(value, Enum) else value


def _mode(value: Union[StrategyMode, Enum]) -> str:
    return _plain(value)


def _cache_mode(value: Union[CacheMode, Enum]) -> str:
    return _plain(value)


def _plain_opt(value: Union[str, Enum, None]) -> Optional[str]:
    return None if value is None else _plain(value)


def _list(value: Any) -> Any:
    # a str stays a str, for the check to refuse ("must be a list")
    if value is None or isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        return value
    return list(value)


# One converter per element type: mypy reads a field's accepted type from its converter.
def _ints(value: Optional[Sequence[int]]) -> Optional[List[int]]:
    return _list(value)  # type: ignore[no-any-return]


def _strs(value: Optional[Sequence[str]]) -> Optional[List[str]]:
    return _list(value)  # type: ignore[no-any-return]


def _hooks(value: Optional[Sequence[Mapping[str, Any]]]) -> Optional[List[Dict[str, Any]]]:
    return _list(value)  # type: ignore[no-any-return]


def _guardrails(
    value: Optional[Sequence[Union[str, Mapping[str, Any]]]],
) -> Optional[List[Union[str, Dict[str, Any]]]]:
    return _list(value)  # type: ignore[no-any-return]


def _dict(value: Optional[Mapping[str, Any]]) -> Optional[Dict[str, Any]]:
    return dict(value) if isinstance(value, Mapping) else value


def _options(value: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    return {} if value is None else dict(value)


def _under(what: str, path: str) -> str:
    return what if not path else what + path if path.startswith("[") else f"{what}.{path}"


def _part_of(cls: Any, value: Any, what: str) -> Any:
    """A part given as an object or as a dict (checked: its problems named from ``what``)."""
    if value is None or isinstance(value, cls):
        return value
    if not isinstance(value, Mapping):
        kind = type(value).__name__
        raise ConfigError([(what, "type", f"must be a {cls.__name__} or a dict, not {kind}")])
    if _CHECKED.get():
        return cls._build(value)
    try:
        return cls.from_dict(value)
    except ConfigError as err:
        raise ConfigError([(_under(what, p), r, m) for p, r, m in err.errors]) from None


def _parts(cls: Any, value: Any, what: str) -> Any:
    if value is None or isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        return _part_of(cls, value, what) if isinstance(value, Mapping) else value
    return [_part_of(cls, v, f"{what}[{i}]") for i, v in enumerate(value)]


def _to_conditions(
    value: Optional[Sequence[Union[Condition, Mapping[str, Any]]]],
) -> Optional[List[Condition]]:
    return _parts(Condition, value, "conditions")  # type: ignore[no-any-return]


def _to_strategy(
    value: Union[Strategy, StrategyMode, Enum, Mapping[str, Any], None],
) -> Optional[Strategy]:
    if isinstance(value, (str, Enum)):
        return Strategy(value)
    return _part_of(Strategy, value, "strategy")  # type: ignore[no-any-return]


def _to_targets(
    value: Optional[Sequence[Union[Target, Mapping[str, Any]]]],
) -> Optional[List[Target]]:
    return _parts(Target, value, "targets")  # type: ignore[no-any-return]


def _to_retry(value: Union[Retry, Mapping[str, Any], None]) -> Optional[Retry]:
    return _part_of(Retry, value, "retry")  # type: ignore[no-any-return]


def _to_cache(value: Union[Cache, CacheMode, Enum, Mapping[str, Any], None]) -> Optional[Cache]:
    if isinstance(value, (str, Enum)):
        return Cache(value)
    return _part_of(Cache, value, "cache")  # type: ignore[no-any-return]


def _opt(**metadata: Any) -> Any:
    return attrs.field(default=None, kw_only=True, metadata=metadata)


@attrs.frozen(repr=False)
class Condition(_Part):
    """One rule of a conditional strategy: when ``query`` matches the request (``metadata.*``,
    ``params.*``, ``url.pathname``, with ``$eq``, ``$in``, ``$and``, ... operators), route to the
    target whose ``name`` is ``then``."""

    query: Dict[str, Any] = attrs.field(converter=_dict)
    then: str

    _part: ClassVar[str] = "condition"
    _label: ClassVar[str] = "Condition"


@attrs.frozen(repr=False)
class Strategy(_Part):
    """How a config routes over its targets: ``Strategy("fallback")``, ``Strategy("loadbalance")``,
    ``Strategy("conditional", conditions=[...], default="name")`` or ``Strategy("single")``.
    ``on_status_codes`` (fallback): the statuses that move on to the next target."""

    mode: str = attrs.field(converter=_mode)
    on_status_codes: Optional[List[int]] = attrs.field(default=None, kw_only=True, converter=_ints)
    conditions: Optional[List[Condition]] = attrs.field(
        default=None, kw_only=True, converter=_to_conditions
    )
    default: Optional[str] = _opt()
    cb_config: Optional[Dict[str, Any]] = attrs.field(default=None, kw_only=True, converter=_dict)
    sticky: Optional[Dict[str, Any]] = attrs.field(default=None, kw_only=True, converter=_dict)

    _part: ClassVar[str] = "strategy"
    _label: ClassVar[str] = "Strategy"
    _nested: ClassVar[Dict[str, Any]] = {"conditions": Condition}


@attrs.frozen(repr=False)
class Retry(_Part):
    """The gateway's own retries of one target: ``Retry(3, on_status_codes=[429, 503])``
    (without ``on_status_codes``: 429, 500, 502, 503 and 504)."""

    attempts: int
    on_status_codes: Optional[List[int]] = attrs.field(default=None, kw_only=True, converter=_ints)
    use_retry_after_header: Optional[bool] = _opt()
    use_retry_after_headers: Optional[bool] = _opt()  # the hosted docs' spelling

    _part: ClassVar[str] = "retry"
    _label: ClassVar[str] = "Retry"


@attrs.frozen(repr=False)
class Cache(_Part):
    """``Cache("simple")`` or ``Cache("semantic", max_age=3600)``."""

    mode: str = attrs.field(converter=_cache_mode)
    max_age: Optional[int] = _opt()

    _part: ClassVar[str] = "cache"
    _label: ClassVar[str] = "Cache"


@attrs.frozen(repr=False)
class Target(_Part):
    """A target of a strategy, or a whole config: where a request goes and how.

    Reach a provider with ``provider`` and ``api_key``, a ``virtual_key``, an ``@slug``
    ``provider``, or a nested ``strategy`` with ``targets``; ``override_params`` replace body
    fields (``{"model": ...}``); ``weight`` is its share under loadbalance; ``name`` is what a
    conditional strategy's ``then`` picks. ``provider_options`` holds every other key the
    gateway reads (``{"deployment_id": ..., "anthropic_version": ...}``).
    """

    strategy: Optional[Strategy] = attrs.field(default=None, kw_only=True, converter=_to_strategy)
    targets: Optional[List[Target]] = attrs.field(default=None, kw_only=True, converter=_to_targets)
    name: Optional[str] = _opt()
    provider: Optional[str] = attrs.field(default=None, kw_only=True, converter=_plain_opt)
    api_key: Optional[str] = _opt()
    virtual_key: Optional[str] = _opt()
    weight: Optional[float] = _opt()
    override_params: Optional[Dict[str, Any]] = attrs.field(
        default=None, kw_only=True, converter=_dict
    )
    retry: Optional[Retry] = attrs.field(default=None, kw_only=True, converter=_to_retry)
    cache: Optional[Cache] = attrs.field(default=None, kw_only=True, converter=_to_cache)
    request_timeout: Optional[int] = _opt()
    custom_host: Optional[str] = _opt()
    forward_headers: Optional[List[str]] = attrs.field(default=None, kw_only=True, converter=_strs)
    on_status_codes: Optional[List[int]] = attrs.field(default=None, kw_only=True, converter=_ints)
    strict_open_ai_compliance: Optional[bool] = _opt()
    input_guardrails: Optional[List[Union[str, Dict[str, Any]]]] = attrs.field(
        default=None, kw_only=True, converter=_guardrails
    )
    output_guardrails: Optional[List[Union[str, Dict[str, Any]]]] = attrs.field(
        default=None, kw_only=True, converter=_guardrails
    )
    before_request_hooks: Optional[List[Dict[str, Any]]] = attrs.field(
        default=None, kw_only=True, converter=_hooks
    )
    after_request_hooks: Optional[List[Dict[str, Any]]] = attrs.field(
        default=None, kw_only=True, converter=_hooks
    )
    default_params: Optional[Dict[str, Any]] = attrs.field(
        default=None, kw_only=True, converter=_dict
    )
    drop_params: Optional[List[str]] = attrs.field(default=None, kw_only=True, converter=_strs)
    prompt_id: Optional[str] = _opt()
    passthrough: Optional[bool] = _opt()
    metadata: Optional[Dict[str, Any]] = attrs.field(default=None, kw_only=True, converter=_dict)
    fetch_integrated_models: Optional[bool] = _opt()
    cb_config: Optional[Dict[str, Any]] = attrs.field(default=None, kw_only=True, converter=_dict)
    aws_access_key_id: Optional[str] = _opt()
    aws_secret_access_key: Optional[str] = _opt()
    aws_session_token: Optional[str] = _opt()
    aws_region: Optional[str] = _opt()
    vertex_project_id: Optional[str] = _opt()
    vertex_region: Optional[str] = _opt()
    vertex_service_account_json: Optional[Dict[str, Any]] = attrs.field(
        default=None, kw_only=True, converter=_dict
    )
    openai_project: Optional[str] = _opt()
    openai_organization: Optional[str] = _opt()
    azure_model_name: Optional[str] = _opt()
    azure_auth_mode: Optional[str] = _opt()
    provider_options: Dict[str, Any] = attrs.field(factory=dict, kw_only=True, converter=_options)

    _part: ClassVar[str] = "node"
    _label: ClassVar[str] = "Target"
    _nested: ClassVar[Dict[str, Any]] = {}  # filled in below (Target refers to itself)

    def __attrs_post_init__(self) -> None:
        clash = sorted(set(self.provider_options) & _TARGET_FIELDS)
        if clash:
            raise ConfigError(
                [
                    (
                        f"provider_options.{clash[0]}",
                        "duplicate-key",
                        f"'{clash[0]}' has a field of its own: write {type(self).__name__}"
                        f"({clash[0]}=...)",
                    )
                ]
            )
        super().__attrs_post_init__()


_TARGET_FIELDS = frozenset(f.name for f in attrs.fields(Target)) - {"provider_options"}
Target._nested = {"strategy": Strategy, "targets": Target, "retry": Retry, "cache": Cache}


@attrs.frozen(repr=False)
class Config(Target):
    """A gateway config: for ``Portkey(config=...)``, ``with_options(config=...)`` and
    ``createHeaders(config=...)``. Fields as ``Target``'s::

        Config(
            strategy=Strategy("fallback"),
            targets=[
                Target(virtual_key="openai-vk"),
                Target(virtual_key="anthropic-vk", override_params={"model": "claude-3-5-haiku"}),
            ],
        )

    The official SDK's legacy ``Config(mode=..., llms=[LLMOptions(...)])`` is read as
    ``strategy=Strategy(mode)`` and ``targets=llms`` (``ab_test`` is ``loadbalance``).
    """

    mode: Union[StrategyMode, str, Enum, None] = attrs.field(
        default=None, kw_only=True, eq=False, metadata={"legacy": True}
    )
    llms: Union[Target, Sequence[Target], None] = attrs.field(
        default=None, kw_only=True, eq=False, metadata={"legacy": True}
    )

    _label: ClassVar[str] = "Config"

    def __attrs_post_init__(self) -> None:
        if self.mode is not None or self.llms is not None:
            self._from_legacy()
        super().__attrs_post_init__()

    def _from_legacy(self) -> None:
        llms = [self.llms] if isinstance(self.llms, Target) else list(self.llms or ())
        mode = (
            _plain(self.mode) if self.mode is not None else ("single" if len(llms) == 1 else None)
        )
        problem = None
        if self.strategy is not None or self.targets is not None:
            problem = "give either the legacy mode/llms or strategy/targets, not both"
        elif not llms:
            problem = "the legacy Config(mode=...) needs llms=[LLMOptions(...), ...]"
        elif mode is None:
            problem = "the legacy Config(llms=[...]) with several llms needs mode="
        elif self.api_key is not None and llms:
            problem = (
                "in the legacy Config(api_key=..., llms=...), api_key was the Portkey API key: "
                "pass it as Portkey(api_key=...)"
            )
        if problem:
            raise ConfigError([("", "legacy-key", problem)], root="this Config")
        mode = R.LEGACY_MODES.get(str(mode), mode)
        object.__setattr__(self, "strategy", Strategy(cast(StrategyMode, mode)))
        object.__setattr__(self, "targets", _to_targets(llms))
        object.__setattr__(self, "mode", None)
        object.__setattr__(self, "llms", None)
