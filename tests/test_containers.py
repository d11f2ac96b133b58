"""``containers`` through both clients and respx: each call's wire (method, path, query, body,
headers) is what openai-python sends for it (read from its ``resources/containers``), bodies
are OpenAI's documented examples (tests/fixtures/recorded/26), pages are followed, a file is
uploaded as a multipart form and a ``file_id`` alone as JSON, content comes back binary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterator

import httpx
import pytest
import respx
from both_clients import BASE, call, items

from portkey._binary import BinaryResponse
from portkey.types.containers import ContainerRetrieveResponse, FileRetrieveResponse

RECORDED = Path(__file__).parent / "fixtures" / "recorded"
EXAMPLES: Dict[str, Any] = json.loads(
    (RECORDED / "26_openai_spec_examples_containers_videos.json").read_text("utf-8")
)
MODES = ["sync", "async"]
CNTR = "cntr_1"


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def body(request: httpx.Request) -> Any:
    return json.loads(request.content)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create_sends_the_named_parameters_as_json(mode: str, mock: respx.MockRouter) -> None:
    route = mock.post("/containers").respond(200, json=EXAMPLES["POST /containers"])
    result = await call(
        mode,
        "containers.create",
        name="My Container",
        expires_after={"anchor": "last_active_at", "minutes": 20},
        file_ids=["file-1"],
        memory_limit="4g",
        network_policy={"type": "disabled"},
        skills=[{"type": "skill_reference", "skill_id": "skill_1"}],
        extra_body={"extra": 1},
    )
    request = route.calls.last.request
    assert request.headers["content-type"] == "application/json"
    assert body(request) == {
        "name": "My Container",
        "expires_after": {"anchor": "last_active_at", "minutes": 20},
        "file_ids": ["file-1"],
        "memory_limit": "4g",
        "network_policy": {"type": "disabled"},
        "skills": [{"type": "skill_reference", "skill_id": "skill_1"}],
        "extra": 1,
    }
    assert isinstance(result, ContainerRetrieveResponse)
    assert result.id == EXAMPLES["POST /containers"]["id"]
    assert result.expires_after is not None and result.expires_after.minutes == 20
    assert result.to_dict() == {**EXAMPLES["POST /containers"], **result.to_dict()}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create_requires_a_name(mode: str, mock: respx.MockRouter) -> None:
    with pytest.raises(TypeError, match="name"):
        await call(mode, "containers.create", memory_limit="1g")


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_retrieve_and_delete(mode: str, mock: respx.MockRouter) -> None:
    get = mock.get(f"/containers/{CNTR}").respond(
        200, json=EXAMPLES["GET /containers/{container_id}"]
    )
    delete = mock.delete(f"/containers/{CNTR}").respond(
        200, json=EXAMPLES["DELETE /containers/{container_id}"]
    )
    container = await call(mode, "containers.retrieve", CNTR)
    assert isinstance(container, ContainerRetrieveResponse)
    assert container.status == EXAMPLES["GET /containers/{container_id}"]["status"]
    assert await call(mode, "containers.delete", CNTR) is None  # as openai-python: no result
    assert delete.calls.last.request.headers["accept"] == "*/*"
    assert get.calls.last.request.content == b""


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_list_sends_the_query_in_order_and_follows_pages(
    mode: str, mock: respx.MockRouter
) -> None:
    first = dict(EXAMPLES["GET /containers"], has_more=True)
    second = {
        "object": "list",
        "data": [dict(first["data"][0], id="cntr_2")],
        "has_more": False,
        "first_id": "cntr_2",
        "last_id": "cntr_2",
    }
    route = mock.get("/containers").mock(
        side_effect=[httpx.Response(200, json=first), httpx.Response(200, json=second)]
    )
    page = await call(mode, "containers.list", limit=1, name="My", order="desc", after="a")
    got = await items(mode, page)
    assert [c.id for c in got] == [first["data"][0]["id"], "cntr_2"]
    assert all(isinstance(c, ContainerRetrieveResponse) for c in got)
    urls = [str(c.request.url) for c in route.calls]
    assert urls[0] == f"{BASE}/containers?after=a&limit=1&name=My&order=desc"
    assert urls[1] == f"{BASE}/containers?after={first['last_id']}&limit=1&name=My&order=desc"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_file_upload_is_a_multipart_form(
    mode: str, mock: respx.MockRouter, tmp_path: Path
) -> None:
    route = mock.post(f"/containers/{CNTR}/files").respond(
        200, json=EXAMPLES["POST /containers/{container_id}/files"]
    )
    path = tmp_path / "data.csv"
    path.write_bytes(b"a,b\n1,2\n")
    result = await call(mode, "containers.files.create", CNTR, file=path)
    request = route.calls.last.request
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    expected = httpx.Request("POST", "http://x", files={"file": ("data.csv", b"a,b\n1,2\n")})
    boundary = request.headers["content-type"].split("boundary=")[1]
    expected_boundary = expected.headers["content-type"].split("boundary=")[1]
    assert request.content.replace(boundary.encode(), b"B") == expected.read().replace(
        expected_boundary.encode(), b"B"
    )
    assert isinstance(result, FileRetrieveResponse) and result.object == "container.file"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_file_by_id_is_json(mode: str, mock: respx.MockRouter) -> None:
    route = mock.post(f"/containers/{CNTR}/files").respond(
        200, json=EXAMPLES["POST /containers/{container_id}/files"]
    )
    result = await call(mode, "containers.files.create", CNTR, file_id="file-1")
    request = route.calls.last.request
    assert request.headers["content-type"] == "application/json"
    assert body(request) == {"file_id": "file-1"}
    assert result.path == EXAMPLES["POST /containers/{container_id}/files"]["path"]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_file_retrieve_list_delete_content(mode: str, mock: respx.MockRouter) -> None:
    file_path = f"/containers/{CNTR}/files/cfile_1"
    mock.get(file_path).respond(
        200, json=EXAMPLES["GET /containers/{container_id}/files/{file_id}"]
    )
    listing = mock.get(f"/containers/{CNTR}/files").respond(
        200, json=EXAMPLES["GET /containers/{container_id}/files"]
    )
    delete = mock.delete(file_path).respond(200, json={"id": "cfile_1", "deleted": True})
    content = mock.get(file_path + "/content").respond(
        200, content=b"\x00\x01binary", headers={"content-type": "application/octet-stream"}
    )
    file = await call(mode, "containers.files.retrieve", "cfile_1", container_id=CNTR)
    assert isinstance(file, FileRetrieveResponse) and file.source == "user"
    page = await call(mode, "containers.files.list", CNTR, limit=5, order="asc")
    assert [f.id for f in await items(mode, page)] == [
        EXAMPLES["GET /containers/{container_id}/files"]["data"][0]["id"]
    ]
    assert listing.calls.last.request.url.query == b"limit=5&order=asc"
    assert await call(mode, "containers.files.delete", "cfile_1", container_id=CNTR) is None
    assert delete.calls.last.request.headers["accept"] == "*/*"
    data = await call(mode, "containers.files.content.retrieve", "cfile_1", container_id=CNTR)
    assert isinstance(data, BinaryResponse) and data.content == b"\x00\x01binary"
    assert content.calls.last.request.headers["accept"] == "application/binary"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_file_calls_need_the_container(mode: str, mock: respx.MockRouter) -> None:
    with pytest.raises(TypeError, match="container_id"):
        await call(mode, "containers.files.retrieve", "cfile_1")


def test_documented_container_objects_round_trip() -> None:
    from portkey._convert import structure

    for key, cls in [
        ("schema ContainerResource", ContainerRetrieveResponse),
        ("schema ContainerFileResource", FileRetrieveResponse),
    ]:
        obj = structure(EXAMPLES[key], cls)
        assert isinstance(obj, cls)
        dumped = {k: v for k, v in obj.to_dict().items() if v is not None}
        assert dumped == {k: v for k, v in EXAMPLES[key].items() if v is not None}
