"""``/realtime``: client secrets for browser sessions, SIP/WebRTC calls over HTTP, and the
Realtime WebSocket (``connect(model=...)``, in ``_ws_realtime``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional

from typing_extensions import Unpack

from .._binary import BinaryResponse
from .._types import Call, RequestOptions, split_options
from ..types.params.realtime import (
    CallAcceptParams,
    CallCreateParams,
    CallReferParams,
    CallRejectParams,
    ClientSecretCreateParams,
)
from ..types.realtime import ClientSecretCreateResponse
from ._base import APIResource, Endpoint, subresource

if TYPE_CHECKING:
    from .._ws import WebSocketConnectionOptions
    from .._ws_realtime import AsyncRealtimeConnectionManager, RealtimeConnectionManager

__all__ = [
    "AsyncCalls",
    "AsyncClientSecrets",
    "AsyncRealtime",
    "Calls",
    "ClientSecrets",
    "Realtime",
]

_client_secret_create: Endpoint[ClientSecretCreateResponse] = Endpoint(
    "POST", "/realtime/client_secrets", ClientSecretCreateResponse, params=ClientSecretCreateParams
)
# calls.create with a session: the SDP offer and the session as the parts of a form.
_call_create_form: Endpoint[BinaryResponse] = Endpoint(
    "POST",
    "/realtime/calls",
    BinaryResponse,
    params=CallCreateParams,
    files=("sdp", "session"),
    headers={"Accept": "application/sdp"},
    strict=True,
)
_call_accept: Endpoint[None] = Endpoint(
    "POST", "/realtime/calls/{call_id}/accept", None, params=CallAcceptParams, strict=True
)
_call_hangup: Endpoint[None] = Endpoint(
    "POST", "/realtime/calls/{call_id}/hangup", None, params=RequestOptions, body=False, strict=True
)
_call_refer: Endpoint[None] = Endpoint(
    "POST", "/realtime/calls/{call_id}/refer", None, params=CallReferParams, strict=True
)
_call_reject: Endpoint[None] = Endpoint(
    "POST", "/realtime/calls/{call_id}/reject", None, params=CallRejectParams, strict=True
)


def _call_create(params: Dict[str, Any]) -> Call[BinaryResponse]:
    """``calls.create`` as openai-python sends it: the SDP offer as the body
    (``application/sdp``) without a session, else a form of the offer and the session."""
    sdp = params.get("sdp")
    if not isinstance(sdp, str):
        raise TypeError("`sdp` (the SDP offer, a str) is required")
    if "session" in params:
        session = params.pop("session")
        params["sdp"] = (None, sdp.encode("utf-8"), "application/sdp")
        params["session"] = (None, json.dumps(session).encode("utf-8"), "application/json")
        return _call_create_form.call({"self": None, "params": params})
    options = split_options(params)
    unknown = sorted(params.keys() - {"sdp"})
    if unknown:
        raise TypeError(f"unexpected keyword argument(s): {', '.join(unknown)}")
    options.pop("extra_body", None)  # a raw SDP body has no JSON to add to (nor has openai's)
    headers = {"Accept": "application/sdp", "Content-Type": "application/sdp"}
    options["extra_headers"] = {**headers, **(options.get("extra_headers") or {})}
    return Call(
        "POST", "/realtime/calls", BinaryResponse, body=sdp.encode("utf-8"), options=options
    )


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncClientSecrets(APIResource):
    async def create(
        self, **params: Unpack[ClientSecretCreateParams]
    ) -> ClientSecretCreateResponse:
        """A short-lived client secret (``ek_...``) for a browser or mobile Realtime session;
        ``session`` configures it, ``expires_after`` its lifetime."""
        return await self._call(_client_secret_create, locals())


class AsyncCalls(APIResource):
    async def create(self, **params: Unpack[CallCreateParams]) -> BinaryResponse:
        """Start a WebRTC call from an SDP offer; the answer is the SDP answer
        (``.text``)."""
        return await self._send(_call_create(dict(params)))

    async def accept(self, call_id: str, **params: Unpack[CallAcceptParams]) -> None:
        """Accept an incoming SIP call with the session that handles it."""
        return await self._call(_call_accept, locals())

    async def hangup(self, call_id: str, **params: Unpack[RequestOptions]) -> None:
        """End a call (SIP or WebRTC)."""
        return await self._call(_call_hangup, locals())

    async def refer(self, call_id: str, **params: Unpack[CallReferParams]) -> None:
        """Transfer a SIP call to ``target_uri`` (SIP REFER)."""
        return await self._call(_call_refer, locals())

    async def reject(self, call_id: str, **params: Unpack[CallRejectParams]) -> None:
        """Decline an incoming SIP call (``status_code``: 603 Decline by default)."""
        return await self._call(_call_reject, locals())


class AsyncRealtime(APIResource):
    client_secrets = subresource(AsyncClientSecrets)
    calls = subresource(AsyncCalls)

    def connect(
        self,
        *,
        model: str,
        call_id: Optional[str] = None,
        extra_query: Optional[Mapping[str, Any]] = None,
        extra_headers: Optional[Mapping[str, Optional[str]]] = None,
        websocket_connection_options: Optional[WebSocketConnectionOptions] = None,
    ) -> AsyncRealtimeConnectionManager:
        """A Realtime WebSocket (``<base_url>/realtime?model=...`` as ws(s), with the
        client's Portkey headers): use it as a context manager; ``recv()`` or iteration
        gives typed server events, ``send()`` and the connection's resources client events.
        Needs ``pip install 'portkey-fast[realtime]'``."""
        from .._ws_realtime import AsyncRealtimeConnectionManager

        return AsyncRealtimeConnectionManager(
            self._client,
            model=model,
            call_id=call_id,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
        )


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class ClientSecrets(APIResource):
    def create(self, **params: Unpack[ClientSecretCreateParams]) -> ClientSecretCreateResponse:
        """A short-lived client secret (``ek_...``) for a browser or mobile Realtime session;
        ``session`` configures it, ``expires_after`` its lifetime."""
        return self._call(_client_secret_create, locals())


class Calls(APIResource):
    def create(self, **params: Unpack[CallCreateParams]) -> BinaryResponse:
        """Start a WebRTC call from an SDP offer; the answer is the SDP answer
        (``.text``)."""
        return self._send(_call_create(dict(params)))

    def accept(self, call_id: str, **params: Unpack[CallAcceptParams]) -> None:
        """Accept an incoming SIP call with the session that handles it."""
        return self._call(_call_accept, locals())

    def hangup(self, call_id: str, **params: Unpack[RequestOptions]) -> None:
        """End a call (SIP or WebRTC)."""
        return self._call(_call_hangup, locals())

    def refer(self, call_id: str, **params: Unpack[CallReferParams]) -> None:
        """Transfer a SIP call to ``target_uri`` (SIP REFER)."""
        return self._call(_call_refer, locals())

    def reject(self, call_id: str, **params: Unpack[CallRejectParams]) -> None:
        """Decline an incoming SIP call (``status_code``: 603 Decline by default)."""
        return self._call(_call_reject, locals())


class Realtime(APIResource):
    client_secrets = subresource(ClientSecrets)
    calls = subresource(Calls)

    def connect(
        self,
        *,
        model: str,
        call_id: Optional[str] = None,
        extra_query: Optional[Mapping[str, Any]] = None,
        extra_headers: Optional[Mapping[str, Optional[str]]] = None,
        websocket_connection_options: Optional[WebSocketConnectionOptions] = None,
    ) -> RealtimeConnectionManager:
        """A Realtime WebSocket (``<base_url>/realtime?model=...`` as ws(s), with the
        client's Portkey headers): use it as a context manager; ``recv()`` or iteration
        gives typed server events, ``send()`` and the connection's resources client events.
        Needs ``pip install 'portkey-fast[realtime]'``."""
        from .._ws_realtime import RealtimeConnectionManager

        return RealtimeConnectionManager(
            self._client,
            model=model,
            call_id=call_id,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
        )
