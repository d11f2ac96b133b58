"""What the fault tests share: the secrets they plant, client settings, small helpers."""

from __future__ import annotations

from typing import Any, Dict

from .server import FaultServer

API_KEY = "pk-live-SECRET-api-key-0123456789"
AUTHORIZATION = "sk-SECRET-provider-bearer-9876543210"
AWS_SECRET = "aws-SECRET-access-key-abcdefABCDEF"
SECRETS = (API_KEY, AUTHORIZATION, AWS_SECRET)

MESSAGES = [{"role": "user", "content": "Hello"}]


def client_kwargs(server: FaultServer, **overrides: Any) -> Dict[str, Any]:
    """A client aimed at the fault server: a real api key, short per-attempt timeout."""
    kwargs: Dict[str, Any] = {"base_url": server.url, "api_key": API_KEY, "timeout": 5.0}
    kwargs.update(overrides)
    return kwargs


def fault(spec: str) -> Dict[str, Any]:
    """The per-call option that asks the server for a behaviour (an ordinary header)."""
    return {"extra_headers": {"x-fault": spec}}
