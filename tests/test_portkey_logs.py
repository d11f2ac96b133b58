"""``client.logs`` (custom logs, a log, exports and their download), ``client.generations``
and ``client.model_configs.pricing`` through both clients and respx.

The wire is the official SDK's where it has the call (``portkey_ai/api_resources/apis/logs.py``
and ``generation.py``, run under respx: only the fields given, in its order; start and cancel
without a body). The calls are the spec's samples (``x-code-samples`` of ``POST /logs`` and
``POST /logs/exports``); the answers are built from the spec's schemas (``LogObject``,
``ExportItem``, ``UpdateExportResponse``, ``ExportTaskResponse``, ``DownloadLogsResponse``), the
pricing answer is the spec's example ``openai-gpt4``.
"""

from __future__ import annotations

import functools
import json
import re
import warnings
from pathlib import Path
from typing import Any, AsyncIterator, Dict, Iterator, List

import both_clients
import httpx
import pytest
import respx
from both_clients import BASE, sent_body

from portkey import AsyncPortkey, Portkey
from portkey._binary import AsyncStreamedResponse, StreamedResponse
from portkey._errors import (
    APIResponseValidationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    UnprocessableEntityError,
)
from portkey._generic import GenericResponse
from portkey.resources.generations import DEPRECATION
from portkey.types.logs import (
    LogObject,
    LogsExportCreateResponse,
    LogsExportDownloadResponse,
    LogsExportRetrieveResponse,
    LogsExportStartResponse,
)
from portkey.types.model_configs import ModelPricingConfig

MODES = ["sync", "async"]

# The spec's sample call of POST /logs.
REQUEST = {
    "url": "https://api.someprovider.com/model/generate",
    "method": "POST",
    "headers": {"Content-Type": "application/json"},
    "body": {"prompt": "What is AI?"},
}
RESPONSE = {
    "status": 200,
    "headers": {"Content-Type": "application/json"},
    "body": {"response": "AI stands for Artificial Intelligence..."},
    "response_time": 123,
}
METADATA = {"user_id": "123", "user_name": "John Doe"}
LOG = {  # LogObject, with the examples of its fields
    "_id": "550e8400-e29b-41d4-a716-446655440000",
    "request": {
        "url": "https://api.openai.com/v1/chat/completions",
        "method": "POST",
        "portkeyHeaders": {"x-portkey-trace-id": "trace-123"},
    },
    "response": {
        "status": 200,
        "body": {"id": "chatcmpl-123", "object": "chat.completion", "created": 1677652288},
        "responseTime": 1234,
        "lastUsedOptionJsonPath": "$.config.options[0]",
    },
    "organisation_id": "org-123",
    "created_at": "2024-01-15T10:30:00.000Z",
    "metrics": {"ai_model": "gpt-4o", "cost": 0.2, "response_status_code": 200},
}
# The spec's sample call of POST /logs/exports (requested_data shortened).
FILTERS = {"time_of_generation_min": "2024-10-20", "time_of_generation_max": "2024-10-30"}
REQUESTED = ["id", "trace_id", "created_at", "cost"]
EXPORT = {  # ExportItem
    "id": "8d3f1c2e-0000-4000-8000-000000000001",
    "organisation_id": "8d3f1c2e-0000-4000-8000-000000000002",
    "filters": FILTERS,
    "requested_data": REQUESTED,
    "status": "success",
    "description": "This is random description",
    "created_at": "2024-10-31T10:00:00Z",
    "last_updated_at": "2024-10-31T10:05:00Z",
    "created_by": "8d3f1c2e-0000-4000-8000-000000000003",
    "workspace_id": "8d3f1c2e-0000-4000-8000-000000000004",
    "object": "export",
}
EXPORT_ID = EXPORT["id"]
CREATED = {"id": EXPORT_ID, "total": 42, "object": "export"}  # UpdateExportResponse
TASK = {"message": "Export started", "object": "export"}  # ExportTaskResponse
PRICING = {  # the spec's example "openai-gpt4" (calculate shortened)
    "pay_as_you_go": {"request_token": {"price": 0.003}, "response_token": {"price": 0.006}},
    "calculate": {
        "response": {
            "operation": "multiply",
            "operands": [{"value": "output_tokens"}, {"value": "rates.response_token"}],
        }
    },
    "currency": "USD",
}


def error_body(message: str) -> Dict[str, Any]:
    """Portkey's own APIs' error body."""
    return {"success": False, "data": {"message": message}}


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def client(mode: str, base_url: str = BASE) -> Any:
    cls = Portkey if mode == "sync" else AsyncPortkey
    return cls(api_key="pk-test", base_url=base_url)


call = functools.partial(both_clients.call, client_kwargs={"api_key": "pk-test"})


# --- logs ----------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create_one_log(mode: str, mock: respx.MockRouter) -> None:
    route = mock.post("/logs").respond(200, json={"success": True})
    result = await call(mode, "logs.create", request=REQUEST, response=RESPONSE, metadata=METADATA)
    assert (
        route.calls.last.request.content
        == json.dumps(
            {"request": REQUEST, "response": RESPONSE, "metadata": METADATA}, separators=(",", ":")
        ).encode()
    )
    assert isinstance(result, GenericResponse) and result.success is True
    await call(mode, "logs.create", request=REQUEST)  # only the fields given, as the official
    assert sent_body(route) == {"request": REQUEST}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create_answered_without_a_body(mode: str, mock: respx.MockRouter) -> None:
    # The spec's answer has no content (the official returns the bare HTTP response).
    mock.post("/logs").respond(200, headers={"x-portkey-trace-id": "t-9"})
    result = await call(mode, "logs.create", request=REQUEST, response=RESPONSE)
    assert isinstance(result, GenericResponse) and result.to_dict() == {
        "success": None,
        "data": None,
        "warning": None,
    }
    assert result.get_headers() == {"trace-id": "t-9"}
    raw = await call(mode, "logs.with_raw_response.create", request=REQUEST)
    assert raw.status_code == 200 and raw.content == b""
    mock.post("/logs").respond(200, text="not json")
    with pytest.raises(APIResponseValidationError):
        await call(mode, "logs.create", request=REQUEST)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create_a_list_of_logs(mode: str, mock: respx.MockRouter) -> None:
    route = mock.post("/logs").respond(200, json={"success": True})
    second = {"request": dict(REQUEST, url="https://x.test"), "response": RESPONSE}
    # Lists in the official's keywords are sent as they are, as the official sends them.
    await call(mode, "logs.create", request=[REQUEST, second["request"]], response=[RESPONSE])
    assert sent_body(route) == {"request": [REQUEST, second["request"]], "response": [RESPONSE]}
    # logs=[...]: the spec's array of CustomLog (ours).
    first = {"request": REQUEST, "response": RESPONSE, "metadata": METADATA}
    await call(mode, "logs.create", logs=(first, second), extra_headers={"x-a": "1"})
    assert sent_body(route) == [first, second]
    assert route.calls.last.request.headers["x-a"] == "1"
    calls = route.call_count
    with pytest.raises(TypeError, match="alone, not with metadata"):
        await call(mode, "logs.create", logs=[first], metadata=METADATA)
    with pytest.raises(TypeError, match="a list of log dicts"):
        await call(mode, "logs.create", logs="not logs")
    assert route.call_count == calls


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_retrieve_a_log(mode: str, mock: respx.MockRouter) -> None:
    route = mock.get("/logs/log-1").respond(200, json=LOG)
    log = await call(mode, "logs.retrieve", "log-1")
    assert route.calls.last.request.content == b""
    assert isinstance(log, LogObject)
    assert log.request.portkeyHeaders == {"x-portkey-trace-id": "trace-123"}
    assert log.response.responseTime == 1234 and log.response.body["id"] == "chatcmpl-123"
    assert log.metrics.ai_model == "gpt-4o" and log["_id"] == LOG["_id"]
    assert log.to_dict(exclude_none=True) == LOG  # unknown fields (_id) kept


# --- exports -------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_export_lifecycle(mode: str, mock: respx.MockRouter) -> None:
    create = mock.post("/logs/exports").respond(200, json=CREATED)
    listing = mock.get("/logs/exports").respond(
        200, json={"object": "list", "total": 1, "data": [EXPORT]}
    )
    retrieve = mock.get(f"/logs/exports/{EXPORT_ID}").respond(200, json=EXPORT)
    update = mock.put(f"/logs/exports/{EXPORT_ID}").respond(200, json=CREATED)
    start = mock.post(f"/logs/exports/{EXPORT_ID}/start").respond(200, json=TASK)
    cancel = mock.post(f"/logs/exports/{EXPORT_ID}/cancel").respond(
        200, json=dict(TASK, message="Export cancelled")
    )

    made = await call(
        mode,
        "logs.exports.create",
        requested_data=REQUESTED,
        description="This is random description",
        workspace_id="WORKSPACE_ID",
        filters=FILTERS,
    )
    # The official's order, whatever the call's.
    assert list(sent_body(create)) == ["filters", "workspace_id", "description", "requested_data"]
    assert sent_body(create)["requested_data"] == REQUESTED
    assert isinstance(made, LogsExportCreateResponse) and made.total == 42

    page = await call(mode, "logs.exports.list", workspace_id="WORKSPACE_ID")
    assert listing.calls.last.request.url.query == b"workspace_id=WORKSPACE_ID"
    assert page.total == 1 and not page.has_next_page()
    found = page.data[0]
    assert isinstance(found, LogsExportRetrieveResponse)
    assert found.to_dict(exclude_none=True) == EXPORT
    await call(mode, "logs.exports.list")
    assert listing.calls.last.request.url.query == b""

    got = await call(mode, "logs.exports.retrieve", export_id=EXPORT_ID)
    assert isinstance(got, LogsExportRetrieveResponse) and got.status == "success"
    assert got.filters.time_of_generation_min == "2024-10-20" and retrieve.called

    changed = await call(
        mode, "logs.exports.update", export_id=EXPORT_ID, requested_data=["id"], filters=FILTERS
    )
    assert sent_body(update) == {"filters": FILTERS, "requested_data": ["id"]}
    assert isinstance(changed, LogsExportCreateResponse) and changed.id == EXPORT_ID

    for route, name, message in ((start, "start", "Export started"), (cancel, "cancel", None)):
        task = await call(mode, f"logs.exports.{name}", export_id=EXPORT_ID)
        request = route.calls.last.request
        assert request.content == b"" and "content-type" not in request.headers
        assert isinstance(task, LogsExportStartResponse) and task.object == "export"
        assert task.message == (message or "Export cancelled")


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_download_answering_a_url(mode: str, mock: respx.MockRouter) -> None:
    url = "https://storage.test/exports/e1.jsonl?sig=abc"
    route = mock.get(f"/logs/exports/{EXPORT_ID}/download").respond(
        200, json={"signed_url": url}, headers={"x-portkey-trace-id": "t-1"}
    )
    answer = await call(mode, "logs.exports.download", export_id=EXPORT_ID)
    assert isinstance(answer, LogsExportDownloadResponse) and answer.signed_url == url
    assert answer.get_headers()["trace-id"] == "t-1"
    assert route.calls.last.request.headers["accept"] == "application/json"
    # with_streaming_response: the response unread, parsed on demand.
    c = client(mode)
    manager = c.logs.exports.with_streaming_response.download(export_id=EXPORT_ID)
    if mode == "sync":
        with manager as response:
            assert response.parse().signed_url == url
    else:
        async with manager as response:
            assert (await response.parse()).signed_url == url


class Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body sent in pieces that records how many were read and whether it was closed."""

    def __init__(self, pieces: List[bytes]) -> None:
        self.pieces = pieces
        self.read = 0
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for piece in self.pieces:
            self.read += 1
            yield piece

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            self.read += 1
            yield piece

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_download_answering_the_file(
    mode: str, mock: respx.MockRouter, tmp_path: Path
) -> None:
    pieces = [b'{"id": "log-1"}\n', b'{"id": "log-2"}\n', b'{"id": "log-3"}\n']
    bodies = [Chunks(pieces), Chunks(pieces)]
    mock.get(f"/logs/exports/{EXPORT_ID}/download").mock(
        side_effect=[
            httpx.Response(200, headers={"content-type": "application/x-ndjson"}, stream=body)
            for body in bodies
        ]
    )
    answer = await call(mode, "logs.exports.download", export_id=EXPORT_ID)
    # Returned unread: nothing of the body has been pulled yet.
    assert isinstance(answer, StreamedResponse if mode == "sync" else AsyncStreamedResponse)
    assert bodies[0].read == 0 and not bodies[0].closed
    target = tmp_path / "export.jsonl"
    if mode == "sync":
        with answer:
            answer.stream_to_file(target, chunk_size=8)
    else:
        async with answer:
            await answer.stream_to_file(target, chunk_size=8)
    assert target.read_bytes() == b"".join(pieces)
    assert bodies[0].read == len(pieces) and bodies[0].closed

    second = await call(mode, "logs.exports.download", export_id=EXPORT_ID)
    if mode == "sync":
        with second:
            first_piece = next(iter(second.iter_bytes()))
    else:
        async with second:
            first_piece = await second.iter_bytes().__anext__()
    assert first_piece == pieces[0]
    assert bodies[1].read == 1 and bodies[1].closed  # one piece read, then released


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "status, error",
    [
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
    ],
)
async def test_errors_are_typed(
    mode: str, status: int, error: type, mock: respx.MockRouter
) -> None:
    message = f"export refused ({status})"
    for method in ("get", "post"):
        for path in ("/logs/exports", f"/logs/exports/{EXPORT_ID}/download"):
            getattr(mock, method)(path).respond(status, json=error_body(message))
    with pytest.raises(error, match=re.escape(message)) as caught:
        await call(mode, "logs.exports.create", filters=FILTERS, max_retries=0)
    assert caught.value.status_code == status
    # download: the error is raised, not returned as a stream.
    with pytest.raises(error, match=re.escape(message)):
        await call(mode, "logs.exports.download", export_id=EXPORT_ID, max_retries=0)


# --- generations (the official's legacy call) -------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_generations_create(mode: str, mock: respx.MockRouter) -> None:
    answer = {"success": True, "data": {"choices": [{"text": "hi"}]}}
    route = mock.post("/prompts/pp-1/generate").respond(200, json=answer)
    with pytest.warns(DeprecationWarning, match="Please use the Prompt API") as caught:
        # Called here, not through call(): the warning must point at this file.
        result = client(mode).generations.create(
            prompt_id="pp-1", variables={"name": "Ada"}, config="pc-1"
        )
        result = await result if mode == "async" else result
    assert caught[0].filename == __file__  # the warning points at the caller
    request = route.calls.last.request
    assert json.loads(request.content) == {"variables": {"name": "Ada"}}
    assert request.headers["x-portkey-config"] == "pc-1"
    assert isinstance(result, GenericResponse) and result.data == answer["data"]
    assert result.warning == DEPRECATION  # as the official's response["warning"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        await call(mode, "generations.create", prompt_id="pp-1", config={"retry": {"attempts": 2}})
    request = route.calls.last.request
    assert request.content == b"{}"
    assert json.loads(request.headers["x-portkey-config"]) == {"retry": {"attempts": 2}}


# --- model pricing (ours) -------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "base_url, url",
    [
        # The route's server is https://api.portkey.ai, beside the API's /v1.
        ("https://api.portkey.ai/v1", "https://api.portkey.ai/model-configs/pricing"),
        ("https://api.portkey.ai/v1/", "https://api.portkey.ai/model-configs/pricing"),
        ("http://localhost:8787/v1", "http://localhost:8787/model-configs/pricing"),
        ("https://gw.example/portkey/v1", "https://gw.example/portkey/model-configs/pricing"),
        ("https://gw.example/portkey", "https://gw.example/portkey/model-configs/pricing"),
    ],
)
async def test_pricing_beside_the_api(mode: str, base_url: str, url: str) -> None:
    with respx.mock(assert_all_called=False) as router:
        route = router.get(url__regex=r".*").respond(200, json=PRICING)
        c = client(mode, base_url)
        result = c.model_configs.pricing.retrieve("openai", "gpt-4")
        result = await result if mode == "async" else result
        assert str(route.calls.last.request.url) == url + "/openai/gpt-4"
    assert isinstance(result, ModelPricingConfig) and result.currency == "USD"
    assert result.pay_as_you_go.request_token.price == 0.003
    assert result.calculate.response.operands[1].value == "rates.response_token"
    assert result.to_dict(exclude_none=True) == PRICING


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_pricing_path_and_errors(mode: str) -> None:
    with respx.mock(base_url="https://api.portkey.ai", assert_all_called=False) as router:
        route = router.get("/model-configs/pricing/bedrock/anthropic.claude%2Fv2").respond(
            404, json={"error": "Model not found"}
        )
        c = client(mode, "https://api.portkey.ai/v1")
        with pytest.raises(NotFoundError, match="Model not found"):
            result = c.model_configs.pricing.retrieve("bedrock", "anthropic.claude/v2")
            await result if mode == "async" else result
        assert route.called  # a "/" in the model stays inside its segment
        with pytest.raises(ValueError, match="dot-segment"):
            result = c.model_configs.pricing.retrieve("openai", "..")
            await result if mode == "async" else result
