"""What the framework models (LangChain's ``ChatPortkey``/``PortkeyLLM``, LlamaIndex's
``PortkeyLLM``) share about their Portkey clients: keywords that are no field of the model go
to the client (as in the official SDK), and the sync and async clients built from the
model's options. No framework is imported here."""

from __future__ import annotations

from typing import Any, Dict, Iterable

from .._client import AsyncPortkey, Portkey

__all__ = ["ClientsMixin", "collect_portkey_options"]


def collect_portkey_options(known: Iterable[str], values: Any) -> Any:
    """``values`` (a model's keywords) with those not in ``known`` moved into
    ``portkey_options``, the keywords of the client."""
    if not isinstance(values, dict):
        return values
    names = set(known)
    extra = {k: v for k, v in values.items() if k not in names}
    if not extra:
        return values
    kept = {k: v for k, v in values.items() if k in names}
    kept["portkey_options"] = {**(values.get("portkey_options") or {}), **extra}
    return kept


class ClientsMixin:
    """The clients of a model with the Portkey option fields (``api_key``, ``base_url``,
    ``virtual_key``, ``config``, ``provider``, ``trace_id``, ``custom_metadata``,
    ``portkey_options``) and the private attributes ``_portkey``/``_async_portkey``."""

    _portkey: Any
    _async_portkey: Any

    def _build_clients(self) -> None:
        model: Any = self
        options: Dict[str, Any] = {
            "api_key": model.api_key,
            "base_url": model.base_url,
            "virtual_key": model.virtual_key,
            "config": model.config,
            "provider": model.provider,
            "trace_id": model.trace_id,
            "metadata": model.custom_metadata,
        }
        options = {k: v for k, v in options.items() if v is not None}
        options.update(model.portkey_options)
        # http_client goes to the sync client, http_async_client to the async one.
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
