"""``/logs`` (a Portkey route): custom logs, log retrieval and exports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Union

from typing_extensions import Unpack

from .._generic import GenericResponse
from .._response import is_json
from .._types import Call, RequestOptions, split_options
from ..types.logs import (
    LogObject,
    LogsExportCreateResponse,
    LogsExportDownloadResponse,
    LogsExportRetrieveResponse,
    LogsExportStartResponse,
)
from ..types.params.logs import (
    LogCreateParams,
    LogsExportCreateParams,
    LogsExportListParams,
    LogsExportUpdateParams,
)
from ._base import APIResource, Endpoint, subresource

if TYPE_CHECKING:
    from .._binary import AsyncStreamedResponse, StreamedResponse
    from .._pagination import AsyncPaginator, SyncPage

__all__ = ["AsyncExports", "AsyncLogs", "Exports", "Logs"]

# As the official SDK: only the fields given are sent (a call without any sends ``{}``), in
# its order; start and cancel send no body.
_create: Endpoint[GenericResponse] = Endpoint(
    "POST", "/logs", GenericResponse, params=LogCreateParams
)
_retrieve: Endpoint[LogObject] = Endpoint("GET", "/logs/{log_id}", LogObject)
_EXPORT = "/logs/exports/{export_id}"
_export_create: Endpoint[LogsExportCreateResponse] = Endpoint(
    "POST", "/logs/exports", LogsExportCreateResponse, params=LogsExportCreateParams
)
_export_list: Endpoint[Any] = Endpoint(
    "GET",
    "/logs/exports",
    object,
    params=LogsExportListParams,
    item=LogsExportRetrieveResponse,
    page="single",
)
_export_retrieve: Endpoint[LogsExportRetrieveResponse] = Endpoint(
    "GET", _EXPORT, LogsExportRetrieveResponse
)
_export_update: Endpoint[LogsExportCreateResponse] = Endpoint(
    "PUT", _EXPORT, LogsExportCreateResponse, params=LogsExportUpdateParams
)
_export_start: Endpoint[LogsExportStartResponse] = Endpoint(
    "POST", _EXPORT + "/start", LogsExportStartResponse, body=False
)
_export_cancel: Endpoint[LogsExportStartResponse] = Endpoint(
    "POST", _EXPORT + "/cancel", LogsExportStartResponse, body=False
)
_export_download: Endpoint[LogsExportDownloadResponse] = Endpoint(
    "GET", _EXPORT + "/download", LogsExportDownloadResponse
)


def _ordered(endpoint: Endpoint[Any], args: Dict[str, Any]) -> Dict[str, Any]:
    """``args`` (a method's ``locals()``) with the named fields in the official's order (the
    order of its body's dict), whatever the call's: ``Endpoint`` sends them as they come."""
    params: Dict[str, Any] = args["params"]
    order = endpoint.order
    args["params"] = {
        **{name: params[name] for name in order if name in params},
        **{name: value for name, value in params.items() if name not in order},
    }
    return args


def _create_call(args: Dict[str, Any]) -> Call[GenericResponse]:
    """``logs.create``: one log (``request``, ``response``, ``metadata``: the official's body),
    or ``logs=[...]``, sent as the JSON array the spec allows."""
    params: Dict[str, Any] = args["params"]
    if "logs" not in params:
        return _create.call(_ordered(_create, args))
    logs = params.pop("logs")
    options = split_options(params)
    if params:
        raise TypeError(
            f"logs.create() takes logs=[...] alone, not with {', '.join(sorted(params))}"
        )
    if isinstance(logs, (str, bytes)) or not hasattr(logs, "__iter__"):
        raise TypeError(f"logs must be a list of log dicts, not {type(logs).__name__}")
    return Call("POST", "/logs", GenericResponse, body=list(logs), options=options)


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncExports(APIResource):
    """Exports of logs: create a draft, start it, then download the file it makes."""

    async def create(self, **params: Unpack[LogsExportCreateParams]) -> LogsExportCreateResponse:
        """A draft export of the logs matching ``filters``, with the ``requested_data``
        columns (``["id", "trace_id", "cost", ...]``); ``exports.start`` runs it."""
        return await self._call(_export_create, _ordered(_export_create, locals()))

    def list(
        self, **params: Unpack[LogsExportListParams]
    ) -> AsyncPaginator[LogsExportRetrieveResponse]:
        """Every export (of ``workspace_id``), in one page (``.data``, ``.total``)."""
        return self._list(_export_list, locals())

    async def retrieve(
        self, *, export_id: str, **params: Unpack[RequestOptions]
    ) -> LogsExportRetrieveResponse:
        """An export: its filters, columns and ``status`` (``"success"`` once done)."""
        return await self._call(_export_retrieve, locals())

    async def update(
        self, *, export_id: str, **params: Unpack[LogsExportUpdateParams]
    ) -> LogsExportCreateResponse:
        """Change a draft export's filters, columns or workspace (the answer has the shape of
        ``create``'s)."""
        return await self._call(_export_update, _ordered(_export_update, locals()))

    async def start(
        self, *, export_id: str, **params: Unpack[RequestOptions]
    ) -> LogsExportStartResponse:
        """Start making the export's file; ``retrieve`` tells when it is done."""
        return await self._call(_export_start, locals())

    async def cancel(
        self, *, export_id: str, **params: Unpack[RequestOptions]
    ) -> LogsExportStartResponse:
        """Stop an export in progress (the answer has the shape of ``start``'s)."""
        return await self._call(_export_cancel, locals())

    async def download(
        self, *, export_id: str, **params: Unpack[RequestOptions]
    ) -> Union[LogsExportDownloadResponse, AsyncStreamedResponse[LogsExportDownloadResponse]]:
        """The finished export: a JSON answer gives ``LogsExportDownloadResponse``
        (``.signed_url``, where to fetch the file); any other answer is the file itself,
        returned unread as a streamed response: ``stream_to_file(path)`` or ``iter_bytes()``
        it, in ``async with`` (``with`` on ``Portkey``) so its connection is released."""
        if self._raw:  # with_raw_response / with_streaming_response: as every method
            return await self._call(_export_download, locals())
        answer = await self._client._request(_export_download.call(locals()), "stream")
        if is_json(answer.http_response):  # read already: a JSON body is read whole
            return await answer.parse()
        return answer


class AsyncLogs(APIResource):
    """Portkey's logs: add your own (``create``), read one, export them (``exports``)."""

    exports = subresource(AsyncExports)

    async def create(self, **params: Unpack[LogCreateParams]) -> GenericResponse:
        """Log a request made elsewhere: ``request`` (``url``, ``method``, ``headers``,
        ``body``), ``response`` (``status``, ``headers``, ``body``, ``response_time``) and
        ``metadata``, as the official SDK sends them; or ``logs=[{"request": ...,
        "response": ..., "metadata": ...}, ...]`` for several at once (ours, the spec's
        array body). An empty answer is an empty ``GenericResponse``."""
        return await self._send(_create_call(locals()))

    async def retrieve(self, log_id: str, **params: Unpack[RequestOptions]) -> LogObject:
        """One log: its request, response and metrics. Ours: the official SDK has no such
        call."""
        return await self._call(_retrieve, locals())


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class Exports(APIResource):
    """Exports of logs: create a draft, start it, then download the file it makes."""

    def create(self, **params: Unpack[LogsExportCreateParams]) -> LogsExportCreateResponse:
        """A draft export of the logs matching ``filters``, with the ``requested_data``
        columns (``["id", "trace_id", "cost", ...]``); ``exports.start`` runs it."""
        return self._call(_export_create, _ordered(_export_create, locals()))

    def list(self, **params: Unpack[LogsExportListParams]) -> SyncPage[LogsExportRetrieveResponse]:
        """Every export (of ``workspace_id``), in one page (``.data``, ``.total``)."""
        return self._list(_export_list, locals())

    def retrieve(
        self, *, export_id: str, **params: Unpack[RequestOptions]
    ) -> LogsExportRetrieveResponse:
        """An export: its filters, columns and ``status`` (``"success"`` once done)."""
        return self._call(_export_retrieve, locals())

    def update(
        self, *, export_id: str, **params: Unpack[LogsExportUpdateParams]
    ) -> LogsExportCreateResponse:
        """Change a draft export's filters, columns or workspace (the answer has the shape of
        ``create``'s)."""
        return self._call(_export_update, _ordered(_export_update, locals()))

    def start(self, *, export_id: str, **params: Unpack[RequestOptions]) -> LogsExportStartResponse:
        """Start making the export's file; ``retrieve`` tells when it is done."""
        return self._call(_export_start, locals())

    def cancel(
        self, *, export_id: str, **params: Unpack[RequestOptions]
    ) -> LogsExportStartResponse:
        """Stop an export in progress (the answer has the shape of ``start``'s)."""
        return self._call(_export_cancel, locals())

    def download(
        self, *, export_id: str, **params: Unpack[RequestOptions]
    ) -> Union[LogsExportDownloadResponse, StreamedResponse[LogsExportDownloadResponse]]:
        """The finished export: a JSON answer gives ``LogsExportDownloadResponse``
        (``.signed_url``, where to fetch the file); any other answer is the file itself,
        returned unread as a streamed response: ``stream_to_file(path)`` or ``iter_bytes()``
        it, in ``with`` (``with`` on ``Portkey``) so its connection is released."""
        if self._raw:  # with_raw_response / with_streaming_response: as every method
            return self._call(_export_download, locals())
        answer = self._client._request(_export_download.call(locals()), "stream")
        if is_json(answer.http_response):  # read already: a JSON body is read whole
            return answer.parse()
        return answer


class Logs(APIResource):
    """Portkey's logs: add your own (``create``), read one, export them (``exports``)."""

    exports = subresource(Exports)

    def create(self, **params: Unpack[LogCreateParams]) -> GenericResponse:
        """Log a request made elsewhere: ``request`` (``url``, ``method``, ``headers``,
        ``body``), ``response`` (``status``, ``headers``, ``body``, ``response_time``) and
        ``metadata``, as the official SDK sends them; or ``logs=[{"request": ...,
        "response": ..., "metadata": ...}, ...]`` for several at once (ours, the spec's
        array body). An empty answer is an empty ``GenericResponse``."""
        return self._send(_create_call(locals()))

    def retrieve(self, log_id: str, **params: Unpack[RequestOptions]) -> LogObject:
        """One log: its request, response and metrics. Ours: the official SDK has no such
        call."""
        return self._call(_retrieve, locals())
