"""The Portkey client options of ``ChatPortkey`` and ``PortkeyLLM``, and the clients they make.

As in the official SDK, the model takes the Portkey options by name (``api_key``,
``virtual_key``, ``config``, ``provider``, ``trace_id``, ``custom_metadata``, ``base_url``)
and passes every keyword it does not know to the client (``Authorization``, ``custom_host``,
``timeout``, ``max_retries``, ``default_headers``, any ``x-portkey-*`` option...), kept in
``portkey_options``. The Portkey and AsyncPortkey clients (``model.client``,
``model.async_client``) are built when the model is, so bad options fail there.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

try:
    from pydantic import BaseModel, Field, PrivateAttr, model_validator
except ImportError as exc:  # pragma: no cover - exercised without the extra
    from .._extras import missing_extra

    raise missing_extra("langchain", "portkey.llms.langchain", exc) from exc

from ..._client import AsyncPortkey, Portkey

__all__ = ["PortkeyClientOptions"]

# Options that may hold credentials: never in repr, serialized as LangChain secrets.
SECRET_FIELDS = {
    "api_key": "PORTKEY_API_KEY",
    "virtual_key": "PORTKEY_VIRTUAL_KEY",
    "config": "PORTKEY_CONFIG",
    "portkey_options": "PORTKEY_CLIENT_OPTIONS",
}


class PortkeyClientOptions(BaseModel):
    """The Portkey options of a LangChain model (see the module docstring)."""

    api_key: Optional[str] = Field(default=None, repr=False)
    """Portkey API key (default: the PORTKEY_API_KEY environment variable)."""
    base_url: Optional[str] = None
    """The gateway's URL (default: Portkey's hosted gateway, or PORTKEY_BASE_URL)."""
    virtual_key: Optional[str] = Field(default=None, repr=False)
    config: Optional[Union[str, Dict[str, Any]]] = Field(default=None, repr=False)
    """A saved config's id, or a config."""
    provider: Optional[str] = None
    trace_id: Optional[str] = None
    custom_metadata: Optional[Union[str, Dict[str, Any]]] = None
    """Portkey's request metadata (``metadata`` is LangChain's run metadata)."""
    portkey_options: Dict[str, Any] = Field(default_factory=dict, repr=False)
    """Every other keyword of ``portkey.Portkey`` (``Authorization``, ``custom_host``,
    ``timeout``, ``max_retries``, ...); ``http_client`` goes to the sync client and
    ``http_async_client`` to the async one."""

    _portkey: Any = PrivateAttr(default=None)
    _async_portkey: Any = PrivateAttr(default=None)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._build_clients()  # bad options raise here, as our own errors (ConfigError, ...)

    @model_validator(mode="before")
    @classmethod
    def _collect_portkey_options(cls, values: Any) -> Any:
        """Keywords that are no field of the model go to the Portkey client, as in the
        official SDK."""
        if not isinstance(values, dict):
            return values
        known = set()
        for name, field in cls.model_fields.items():
            known.add(name)
            if field.alias:
                known.add(field.alias)
        extra = {k: v for k, v in values.items() if k not in known}
        if not extra:
            return values
        kept = {k: v for k, v in values.items() if k in known}
        kept["portkey_options"] = {**(values.get("portkey_options") or {}), **extra}
        return kept

    def _build_clients(self) -> None:
        options: Dict[str, Any] = {
            "api_key": self.api_key,
            "base_url": self.base_url,
            "virtual_key": self.virtual_key,
            "config": self.config,
            "provider": self.provider,
            "trace_id": self.trace_id,
            "metadata": self.custom_metadata,
        }
        options = {k: v for k, v in options.items() if v is not None}
        options.update(self.portkey_options)
        sync_http = options.pop("http_client", None)
        async_http = options.pop("http_async_client", None)
        self._portkey = Portkey(**options, http_client=sync_http)
        self._async_portkey = AsyncPortkey(**options, http_client=async_http)

    @property
    def client(self) -> Portkey:
        """The Portkey client the sync calls go through."""
        if self._portkey is None:  # a model made without __init__ (model_validate, copies)
            self._build_clients()
        return self._portkey  # type: ignore[no-any-return]

    @property
    def async_client(self) -> AsyncPortkey:
        """The AsyncPortkey client the async calls go through."""
        if self._async_portkey is None:
            self._build_clients()
        return self._async_portkey  # type: ignore[no-any-return]

    @classmethod
    def is_lc_serializable(cls) -> bool:
        return True

    @property
    def lc_secrets(self) -> Dict[str, str]:
        return dict(SECRET_FIELDS)
