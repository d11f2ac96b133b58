"""Parameters of ``realtime``: client secrets and SIP/WebRTC calls (the WebSocket's client
events are the keyword arguments of the connection's resources, in ``_ws_realtime``)."""

from typing import Any, List, Mapping, Optional, Union

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "CallAcceptParams",
    "CallCreateParams",
    "CallReferParams",
    "CallRejectParams",
    "ClientSecretCreateParams",
]


class ClientSecretCreateParams(RequestOptions, total=False):
    """``POST /realtime/client_secrets`` (other keywords join the body, as in the official
    SDK)."""

    expires_after: Mapping[str, Any]
    session: Mapping[str, Any]


class CallCreateParams(RequestOptions, total=False):
    """``POST /realtime/calls``: the SDP offer alone (``Content-Type: application/sdp``), or
    with ``session`` as a multipart form."""

    sdp: Required[str]
    session: Mapping[str, Any]


class CallAcceptParams(RequestOptions, total=False):
    """``POST /realtime/calls/{call_id}/accept``: the session that takes the call."""

    type: Required[Literal["realtime"]]
    audio: Mapping[str, Any]
    include: List[Literal["item.input_audio_transcription.logprobs"]]
    instructions: str
    max_output_tokens: Union[int, Literal["inf"]]
    model: str
    output_modalities: List[Literal["text", "audio"]]
    prompt: Optional[Mapping[str, Any]]
    tool_choice: Union[str, Mapping[str, Any]]
    tools: List[Mapping[str, Any]]
    tracing: Union[Literal["auto"], Mapping[str, Any], None]
    truncation: Union[str, Mapping[str, Any]]


class CallReferParams(RequestOptions, total=False):
    """``POST /realtime/calls/{call_id}/refer``."""

    target_uri: Required[str]


class CallRejectParams(RequestOptions, total=False):
    """``POST /realtime/calls/{call_id}/reject``."""

    status_code: int
