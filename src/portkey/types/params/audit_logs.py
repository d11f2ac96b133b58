"""Parameters of ``/audit-logs`` (a Portkey route; ours, the official SDK lacks it)."""

from datetime import datetime
from typing import Union

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = ["AuditLogListParams"]


class AuditLogListParams(RequestOptions, total=False):
    """``GET /audit-logs``: a time range (``datetime`` or ISO 8601 text) and an organisation,
    required; the rest filter; ``current_page`` (from 0) and ``page_size`` (up to 100) page."""

    start_time: Required[Union[str, datetime]]
    end_time: Required[Union[str, datetime]]
    organisation_id: Required[str]
    method: Union[Literal["POST", "PUT", "DELETE"], str]
    uri: str
    request_id: str
    user_id: str
    user_type: Union[Literal["user", "api_key"], str]
    workspace_id: str
    response_status_code: int
    resource_type: str
    action: str
    client_ip: str
    country: str
    current_page: int
    page_size: int
