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

from .._clients import ClientsMixin, collect_portkey_options

__all__ = ["PortkeyClientOptions"]

# Options that may hold credentials: never in repr, serialized as LangChain secrets.
SECRET_FIELDS = {
    "api_key": "PORTKEY_API_KEY",
    "virtual_key": "PORTKEY_VIRTUAL_KEY",
    "config": "PORTKEY_CONFIG",
    "portkey_options": "PORTKEY_CLIENT_OPTIONS",
}


class PortkeyClientOptions(ClientsMixin, BaseModel):
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
        known = set(cls.model_fields)
        known.update(f.alias for f in cls.model_fields.values() if f.alias)
        return collect_portkey_options(known, values)

    @classmethod
    def is_lc_serializable(cls) -> bool:
        return True

    @property
    def lc_secrets(self) -> Dict[str, str]:
        return dict(SECRET_FIELDS)
