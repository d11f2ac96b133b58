"""``configs`` (a Portkey route) through both clients and respx: each call's wire (method, path,
query, body) is what the official SDK sends for it (read from
``portkey_ai/api_resources/apis/configs.py`` and checked under respx: ``update`` sends the slug
in the body too, ``delete(id=...)`` warns and wins over ``slug``); ``versions.list`` is ours.
The answers are the spec's examples (``/configs``, ``/configs/{slug}``,
``/configs/{slug}/versions`` in ``../shared/specs/portkey/openapi.yaml``) and parse into the
generated types with every field in place; the API's errors raise our typed errors with its
message."""

from __future__ import annotations

import json
import warnings
from typing import Any, Dict, List, Tuple, Type

import pytest
import respx
from both_clients import BASE, call, items, sent

from portkey import (
    APIStatusError,
    AsyncPortkey,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    Portkey,
    UnprocessableEntityError,
)
from portkey._generic import GenericResponse
from portkey.types.configs import (
    ConfigAddResponse,
    ConfigGetResponse,
    ConfigListResponseData,
    ConfigUpdateResponse,
    ConfigVersionListResponseData,
)

MODES = ["sync", "async"]

# The spec's examples (paths /configs, /configs/{slug}, /configs/{slug}/versions).
CREATED: Dict[str, Any] = {
    "success": True,
    "data": {
        "id": "f3d8d070-f29d-43a3-bf97-3159c60f4ce0",
        "version_id": "0db4065b-ead2-4daa-bf5e-7e9106585133",
    },
}
LISTED: Dict[str, Any] = {
    "success": True,
    "data": [
        {
            "id": "4e54a1a4-109c-43ee-b0f7-11e7d60b0066",
            "name": "Pplx Cache Test",
            "slug": "pc-pplx-c-ca7a87",
            "organisation_id": "472d2804-d054-4226-b4ae-9d4e2e61e69e",
            "workspace_id": "472d2804-d054-4226-b4ae-9d4e2e61e69e",
            "is_default": 0,
            "status": "active",
            "owner_id": "c4c7996d-be62-429d-b787-5d48fe94da86",
            "updated_by": "439268ba-94a2-4031-9ca7-ca88ddda5096",
            "created_at": "2024-05-12T21:37:06.000Z",
            "last_updated_at": "2024-05-23T23:36:06.000Z",
        }
    ],
}
RETRIEVED: Dict[str, Any] = {
    "success": True,
    "data": {
        "config": {
            "retry": {"attempts": 5, "on_status_codes": [429, 529]},
            "cache": {"mode": "simple", "max_age": 3600},
            "strategy": {"mode": "fallback"},
            "targets": [
                {"provider": "openai", "virtual_key": "main-258f4d"},
                {"provider": "azure-openai", "virtual_key": "azure-test-4110dd"},
            ],
        }
    },
}
UPDATED: Dict[str, Any] = {
    "success": True,
    "data": {"version_id": "abe447e2-f6aa-4229-93b7-8ee3183b6667"},
}
VERSIONS: Dict[str, Any] = {
    "object": "list",
    "total": 1,
    "data": [
        {
            "id": "daab995b-8d3b-42c5-a490-47217fbf4e0e",
            "name": "PII Redaction Guardrail",
            "workspace_id": "8610029e-692a-4df6-9052-3fa3eff69911",
            "slug": "pc-pii-re-7f1051",
            "organisation_id": "472d2804-d054-4226-b4ae-9d4e2e61e69e",
            "is_default": 0,
            "status": "active",
            "owner_id": "c4c7996d-be62-429d-b787-5d48fe94da86",
            "updated_by": "c4c7996d-be62-429d-b787-5d48fe94da86",
            "created_at": "2025-10-17T19:11:47.000Z",
            "last_updated_at": "2025-10-17T19:11:47.000Z",
            "config": '{"input_guardrails":["pg-patron-1d0224"]}',
            "format": "json",
            "type": "ORG_CONFIG",
            "version_id": "8c1a4fbf-26d9-49df-82ca-ab772ba397d2",
            "object": "config",
        }
    ],
}


def keys(route: respx.Route) -> List[str]:
    """The body's keys in the order they were sent."""
    pairs = json.loads(route.calls.last.request.content, object_pairs_hook=list)
    return [k for k, _ in pairs]


def fields(obj: Any, body: Dict[str, Any]) -> None:
    """Every member of ``body`` is in ``obj``, with its JSON value."""
    for name, value in body.items():
        got = getattr(obj, name)
        assert (got.to_dict() if hasattr(got, "to_dict") else got) == value, name


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/configs").respond(200, json=CREATED)
        config = {"retry": {"attempts": 3}, "cache": {"mode": "simple"}}
        made = await call(
            mode, "configs.create", name="ConfigName_0909", config=config, is_default=1,
            workspace_id="ws-1",
        )  # fmt: skip
    assert sent(route) == (
        "POST",
        "/configs",
        {"name": "ConfigName_0909", "config": config, "is_default": 1, "workspace_id": "ws-1"},
    )
    assert keys(route) == ["name", "config", "is_default", "workspace_id"]
    assert isinstance(made, ConfigAddResponse)
    assert made.success is True
    fields(made.data, CREATED["data"])


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create_sends_only_what_is_given(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/configs").respond(200, json=CREATED)
        await call(mode, "configs.create", config='{"retry": {"attempts": 2}}', isDefault=0)
    # A config given as JSON text goes as that text (the official types it as a dict only);
    # the spec's spelling isDefault is sent as spelt (the official's is is_default).
    assert sent(route) == (
        "POST",
        "/configs",
        {"config": '{"retry": {"attempts": 2}}', "isDefault": 0},
    )


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_list_is_one_page(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/configs").respond(200, json=LISTED)
        page = await call(mode, "configs.list", workspace_id="ws-1")
        assert sent(route) == ("GET", "/configs?workspace_id=ws-1", None)
        assert page.success is True  # the envelope's other fields stay on the page
        assert not page.has_next_page()
        got = await items(mode, page)
        assert route.call_count == 1
    assert [type(c) for c in got] == [ConfigListResponseData]
    fields(got[0], LISTED["data"][0])


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_list_without_workspace_sends_no_query(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/configs").respond(200, json={"success": True, "data": []})
        page = await call(mode, "configs.list")
    # The official sends "/configs?" (an empty query): the same request.
    assert sent(route) == ("GET", "/configs", None)
    assert page.data == []


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_retrieve(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/configs/pc-pplx-c-ca7a87").respond(200, json=RETRIEVED)
        got = await call(mode, "configs.retrieve", slug="pc-pplx-c-ca7a87")
    assert sent(route) == ("GET", "/configs/pc-pplx-c-ca7a87", None)
    assert isinstance(got, ConfigGetResponse)
    config = got.data.config
    assert config.retry.attempts == 5 and config.retry.on_status_codes == [429, 529]
    assert (config.cache.mode, config.cache.max_age) == ("simple", 3600)
    assert config.strategy.mode == "fallback"
    assert [t.virtual_key for t in config.targets] == ["main-258f4d", "azure-test-4110dd"]
    assert got.to_dict() == RETRIEVED


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_retrieve_keeps_the_flat_answer_the_official_types(mode: str) -> None:
    """The official's ConfigGetResponse reads the fields at the top level (a newer answer than
    the spec's envelope): they are kept, by attribute and by key."""
    flat = {"id": "c1", "slug": "pc-x", "config": '{"retry":{"attempts":3}}', "object": "config"}
    with respx.mock(base_url=BASE) as mock:
        mock.get("/configs/pc-x").respond(200, json=flat)
        got = await call(mode, "configs.retrieve", slug="pc-x")
    assert (got.slug, got["id"], got.object) == ("pc-x", "c1", "config")
    assert json.loads(got.config) == {"retry": {"attempts": 3}}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_update_sends_the_slug_in_the_body_too(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.put("/configs/pc-1").respond(200, json=UPDATED)
        got = await call(
            mode, "configs.update", slug="pc-1", name="testConf",
            config={"virtual_key": "copy-of-anthrop-b20259"}, status="active",
        )  # fmt: skip
    assert sent(route) == (
        "PUT",
        "/configs/pc-1",
        {
            "slug": "pc-1",
            "name": "testConf",
            "config": {"virtual_key": "copy-of-anthrop-b20259"},
            "status": "active",
        },
    )
    assert keys(route) == ["slug", "name", "config", "status"]  # the official's order
    assert isinstance(got, ConfigUpdateResponse)
    assert got.data.version_id == UPDATED["data"]["version_id"]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_update_with_the_slug_only(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.put("/configs/pc-1").respond(200, json=UPDATED)
        await call(mode, "configs.update", slug="pc-1", name=None)
    assert sent(route) == ("PUT", "/configs/pc-1", {"slug": "pc-1", "name": None})


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_delete_by_slug(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.delete("/configs/pc-1").respond(200, json={})
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no warning for the slug
            got = await call(mode, "configs.delete", slug="pc-1")
    assert sent(route) == ("DELETE", "/configs/pc-1", None)
    assert isinstance(got, GenericResponse) and got.to_dict(exclude_none=True) == {}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_delete_by_id_warns_and_wins(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.delete("/configs/pc-old").respond(200, json={"success": True})
        with pytest.warns(DeprecationWarning, match="Please use 'slug' instead") as caught:
            # Called here, not through call(): the warning must point at this file.
            client: Any = Portkey(base_url=BASE) if mode == "sync" else AsyncPortkey(base_url=BASE)
            got = client.configs.delete(id="pc-old", slug="pc-new")
            got = await got if mode == "async" else got
    assert sent(route) == ("DELETE", "/configs/pc-old", None)
    assert got.success is True
    assert caught[0].filename == __file__  # it points at the caller's line


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_delete_without_a_slug_is_refused(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        with pytest.raises(ValueError, match="slug"):
            await call(mode, "configs.delete")  # the official sends DELETE /configs/None
        assert not mock.calls


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_slug_is_one_path_segment(mode: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get(url__regex=r".*").respond(200, json=RETRIEVED)
        await call(mode, "configs.retrieve", slug="a b/c")
    # The official leaves the "/" as is (another path); ours stays in the segment.
    assert route.calls.last.request.url.raw_path == b"/v1/configs/a%20b%2Fc"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("positional", [True, False])
async def test_versions_list(mode: str, positional: bool) -> None:
    args = ("pc-pii-re-7f1051",) if positional else ()
    kwargs = {} if positional else {"slug": "pc-pii-re-7f1051"}
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/configs/pc-pii-re-7f1051/versions").respond(200, json=VERSIONS)
        page = await call(mode, "configs.versions.list", *args, **kwargs)
        assert sent(route) == ("GET", "/configs/pc-pii-re-7f1051/versions", None)
        assert (page.object, page.total) == ("list", 1)
        got = await items(mode, page)
        assert route.call_count == 1
    assert [type(v) for v in got] == [ConfigVersionListResponseData]
    fields(got[0], VERSIONS["data"][0])
    assert json.loads(got[0].config) == {"input_guardrails": ["pg-patron-1d0224"]}


ERRORS: List[Tuple[int, Type[APIStatusError], str]] = [
    (403, PermissionDeniedError, "You do not have enough permissions to access this resource"),
    (404, NotFoundError, "Config not found"),
    (409, ConflictError, "A config with this slug already exists"),
    (422, UnprocessableEntityError, "Invalid config: targets must be an array"),
]


@pytest.mark.anyio
@pytest.mark.usefixtures("no_sleep")  # a 409 is retried first, as openai-python does
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("status", "cls", "message"), ERRORS)
async def test_errors_are_typed_with_the_api_message(
    mode: str, status: int, cls: Type[APIStatusError], message: str
) -> None:
    body = {"success": False, "data": {"message": message}}  # Portkey's error body (the spec's)
    with respx.mock(base_url=BASE) as mock:
        mock.put("/configs/pc-1").respond(status, json=body)
        with pytest.raises(cls) as caught:
            await call(mode, "configs.update", slug="pc-1", name="n")
    err = caught.value
    assert err.status_code == status
    assert err.message == f"Error code: {status} - {message}"
    assert err.body == body
