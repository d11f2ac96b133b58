"""``skills`` through both clients and respx: each call's wire (method, path, query, body,
headers) is what openai-python sends for it (read from its ``resources/skills``): files go as a
multipart form (a list as ``files[]`` parts), no files as JSON, contents come back binary with
``Accept: application/binary``, pages are followed. The Skills API has no documented example,
so the bodies are built from the spec's schemas (SkillResource, SkillVersionResource, ...)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterator, List

import httpx
import pytest
import respx
from both_clients import BASE, call, items

from portkey._binary import BinaryResponse
from portkey.types.skills import DeletedSkill, DeletedSkillVersion, Skill, SkillVersion

MODES = ["sync", "async"]
SKILL: Dict[str, Any] = {
    "id": "skill_1",
    "object": "skill",
    "name": "csv-tools",
    "description": "Reads CSV files",
    "created_at": 1760000000,
    "default_version": "1",
    "latest_version": "2",
}
VERSION: Dict[str, Any] = {
    "object": "skill.version",
    "id": "skillver_2",
    "skill_id": "skill_1",
    "version": "2",
    "created_at": 1760000100,
    "name": "csv-tools",
    "description": "Reads CSV files",
}


def listing(data: List[Dict[str, Any]], has_more: bool) -> Dict[str, Any]:
    return {
        "object": "list",
        "data": data,
        "first_id": data[0]["id"],
        "last_id": data[-1]["id"],
        "has_more": has_more,
    }


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def same_form(request: httpx.Request, data: Dict[str, Any], files: Any) -> bool:
    """The request's body is httpx's multipart encoding of ``data`` and ``files``."""
    expected = httpx.Request("POST", "http://x", data=data, files=files)
    ours = request.headers["content-type"].split("boundary=")[1].encode()
    theirs = expected.headers["content-type"].split("boundary=")[1].encode()
    return request.content.replace(ours, b"B") == expected.read().replace(theirs, b"B")


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create_uploads_the_files(mode: str, mock: respx.MockRouter, tmp_path: Path) -> None:
    route = mock.post("/skills").respond(200, json=SKILL)
    (tmp_path / "SKILL.md").write_bytes(b"# csv-tools\n")
    one = await call(mode, "skills.create", files=tmp_path / "SKILL.md")
    assert same_form(route.calls.last.request, {}, {"files": ("SKILL.md", b"# csv-tools\n")})
    many = await call(
        mode, "skills.create", files=[("SKILL.md", b"# a\n"), ("run.py", b"print(1)\n")]
    )
    assert same_form(
        route.calls.last.request,
        {},
        [("files[]", ("SKILL.md", b"# a\n")), ("files[]", ("run.py", b"print(1)\n"))],
    )
    for skill in (one, many):
        assert isinstance(skill, Skill) and skill.default_version == "1"
        assert skill.to_dict() == SKILL


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create_without_files_is_json(mode: str, mock: respx.MockRouter) -> None:
    route = mock.post("/skills").respond(200, json=SKILL)
    await call(mode, "skills.create", extra_body={"name": "x"})
    request = route.calls.last.request
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {"name": "x"}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_retrieve_update_delete_content(mode: str, mock: respx.MockRouter) -> None:
    mock.get("/skills/skill_1").respond(200, json=SKILL)
    update = mock.post("/skills/skill_1").respond(200, json=dict(SKILL, default_version="2"))
    delete = mock.delete("/skills/skill_1").respond(
        200, json={"object": "skill.deleted", "deleted": True, "id": "skill_1"}
    )
    content = mock.get("/skills/skill_1/content").respond(
        200, content=b"PK\x03\x04zip", headers={"content-type": "application/zip"}
    )
    assert (await call(mode, "skills.retrieve", "skill_1")).name == "csv-tools"
    updated = await call(mode, "skills.update", "skill_1", default_version="2")
    assert json.loads(update.calls.last.request.content) == {"default_version": "2"}
    assert isinstance(updated, Skill) and updated.default_version == "2"
    deleted = await call(mode, "skills.delete", "skill_1")
    assert isinstance(deleted, DeletedSkill) and deleted.deleted is True
    assert delete.calls.last.request.content == b"{}"  # as the official's (extra_body={})
    data = await call(mode, "skills.content.retrieve", "skill_1")
    assert isinstance(data, BinaryResponse) and data.content == b"PK\x03\x04zip"
    assert content.calls.last.request.headers["accept"] == "application/binary"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_update_requires_the_default_version(mode: str, mock: respx.MockRouter) -> None:
    with pytest.raises(TypeError, match="default_version"):
        await call(mode, "skills.update", "skill_1")


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_list_follows_pages(mode: str, mock: respx.MockRouter) -> None:
    second = dict(SKILL, id="skill_2")
    route = mock.get("/skills").mock(
        side_effect=[
            httpx.Response(200, json=listing([SKILL], True)),
            httpx.Response(200, json=listing([second], False)),
        ]
    )
    page = await call(mode, "skills.list", limit=1, order="asc")
    assert [s.id for s in await items(mode, page)] == ["skill_1", "skill_2"]
    assert [c.request.url.query for c in route.calls] == [
        b"limit=1&order=asc",
        b"limit=1&order=asc&after=skill_1",
    ]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_versions(mode: str, mock: respx.MockRouter) -> None:
    create = mock.post("/skills/skill_1/versions").respond(200, json=VERSION)
    mock.get("/skills/skill_1/versions/2").respond(200, json=VERSION)
    versions = mock.get("/skills/skill_1/versions").mock(
        side_effect=[
            httpx.Response(200, json=listing([VERSION], True)),
            httpx.Response(200, json=listing([dict(VERSION, id="skillver_1")], False)),
        ]
    )
    version_delete = mock.delete("/skills/skill_1/versions/2").respond(
        200,
        json={
            "object": "skill.version.deleted",
            "deleted": True,
            "id": "skillver_2",
            "version": "2",
        },
    )
    content = mock.get("/skills/skill_1/versions/2/content").respond(200, content=b"PKzip")

    made = await call(
        mode, "skills.versions.create", "skill_1", default=True, files=("SKILL.md", b"# b\n")
    )
    assert same_form(
        create.calls.last.request, {"default": "true"}, {"files": ("SKILL.md", b"# b\n")}
    )
    assert isinstance(made, SkillVersion) and made.version == "2"
    await call(mode, "skills.versions.create", "skill_1", default=False)
    assert create.calls.last.request.headers["content-type"] == "application/json"
    assert json.loads(create.calls.last.request.content) == {"default": False}

    got = await call(mode, "skills.versions.retrieve", "2", skill_id="skill_1")
    assert isinstance(got, SkillVersion) and got.skill_id == "skill_1"
    page = await call(mode, "skills.versions.list", "skill_1", limit=1)
    assert [v.id for v in await items(mode, page)] == ["skillver_2", "skillver_1"]
    assert versions.calls[1].request.url.query == b"limit=1&after=skillver_2"
    gone = await call(mode, "skills.versions.delete", "2", skill_id="skill_1")
    assert isinstance(gone, DeletedSkillVersion) and gone.version == "2"
    assert version_delete.calls.last.request.content == b"{}"
    data = await call(mode, "skills.versions.content.retrieve", "2", skill_id="skill_1")
    assert data.content == b"PKzip"
    assert content.calls.last.request.headers["accept"] == "application/binary"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_version_calls_need_the_skill(mode: str, mock: respx.MockRouter) -> None:
    with pytest.raises(TypeError, match="skill_id"):
        await call(mode, "skills.versions.retrieve", "2")
