"""``client.mcp_integrations`` and ``client.mcp_servers`` beyond one call each: lists over
pages (sync and async), the query's order and flat lists, path ids, required and unknown
keywords, empty bodies, typed errors with the API's message, and the attribute paths."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List, Optional

import httpx
import pytest
import respx
from mcp_samples import (
    BASE,
    CONNECTION,
    INTEGRATION_ID,
    INTEGRATION_PATH,
    OK,
    SERVER,
    SERVER_ID,
    SERVER_PATH,
    client,
    integration_item,
    request_body,
    result_of,
    server_item,
)

from portkey import AsyncPortkey, Portkey
from portkey._errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    UnprocessableEntityError,
)
from portkey.types import mcp_integrations as mi
from portkey.types import mcp_servers as ms


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def paged(items: Callable[[int], Dict[str, Any]], total: int) -> Callable[..., httpx.Response]:
    """Portkey's page-number lists: ``current_page`` from 0, ``page_size`` items a page."""

    def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("current_page", "0"))
        size = int(request.url.params.get("page_size", "100"))
        chunk = range(page * size, min(total, (page + 1) * size))
        return httpx.Response(200, json={"data": [items(i) for i in chunk], "total": total})

    return answer


LISTS = [
    (
        "mcp_integrations.list",
        "/mcp-integrations",
        lambda c, **q: c.mcp_integrations.list(**q),
        integration_item,
        mi.McpIntegrationListItem,
    ),
    (
        "mcp_servers.list",
        "/mcp-servers",
        lambda c, **q: c.mcp_servers.list(**q),
        server_item,
        ms.McpServerListItem,
    ),
    (
        "mcp_servers.connections.list",
        SERVER_PATH + "/connections",
        lambda c, **q: c.mcp_servers.connections.list(mcp_server_id=SERVER_ID, **q),
        lambda i: {**CONNECTION, "user_id": f"user-{i}"},
        ms.McpServerConnectionItem,
    ),
]


async def every_item(kind: str, listing: Any) -> List[Any]:
    if kind == "sync":
        return list(listing)
    return [item async for item in listing]


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("case", LISTS, ids=[case[0] for case in LISTS])
async def test_list_pages(mock: respx.MockRouter, kind: str, case: Any) -> None:
    _, path, call, items, item_cls = case
    route = mock.get(path=path).mock(side_effect=paged(items, total=3))
    c = client(kind)
    page = await result_of(call(c, page_size=2))
    assert page.total == 3 and len(page.data) == 2 and page.has_next_page()
    assert all(isinstance(item, item_cls) for item in page.data)
    found = await every_item(kind, call(c, page_size=2))
    ids = [getattr(item, "id", None) or item.user_id for item in found]
    assert len(ids) == 3 and len(set(ids)) == 3
    queries = [dict(call.request.url.params) for call in route.calls]
    # The first page asks only for what was given (as the official); the next adds the page.
    assert queries == [
        {"page_size": "2"},
        {"page_size": "2"},
        {"page_size": "2", "current_page": "1"},
    ]


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_list_query_in_the_officials_order(mock: respx.MockRouter, kind: str) -> None:
    route = mock.get(path="/mcp-integrations").respond(200, json={"data": [], "total": 0})
    c = client(kind)
    # Given in another order: sent in the official's (organisation_id, type, ..., search).
    await result_of(
        c.mcp_integrations.list(
            search="docs server", page_size=10, current_page=1, type="all", organisation_id="o"
        )
    )
    assert str(route.calls[0].request.url).split("?")[1] == (
        "organisation_id=o&type=all&current_page=1&page_size=10&search=docs+server"
    )
    servers = mock.get(path="/mcp-servers").respond(200, json={"data": [], "total": 0})
    page = await result_of(c.mcp_servers.list(workspace_id="ws", id=["ms-1", "ms-2"]))
    assert page.data == [] and not page.has_next_page()
    # ``id`` is "comma-separated" in the spec: a list goes so (a str as it is).
    assert dict(servers.calls[0].request.url.params) == {"workspace_id": "ws", "id": "ms-1,ms-2"}


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_path_ids_are_escaped_and_checked(mock: respx.MockRouter, kind: str) -> None:
    route = mock.get(url__regex=r".*/mcp-servers/.*").respond(200, json=SERVER)
    c = client(kind)
    await result_of(c.mcp_servers.retrieve(mcp_server_id="team docs/1"))
    assert route.calls[0].request.url.raw_path == b"/v1/mcp-servers/team%20docs%2F1"
    with pytest.raises(ValueError, match="mcp_integration_id"):
        await result_of(c.mcp_integrations.retrieve(mcp_integration_id=""))
    with pytest.raises(ValueError, match="dot-segment"):
        await result_of(c.mcp_servers.delete(mcp_server_id=".."))


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_required_and_unknown_keywords(mock: respx.MockRouter, kind: str) -> None:
    route = mock.route().respond(200, json=OK)
    c = client(kind)
    with pytest.raises(TypeError, match="auth_type, transport"):
        await result_of(c.mcp_integrations.create(name="n", url="https://mcp.example.com"))
    with pytest.raises(TypeError, match="mcp_integration_id"):
        await result_of(c.mcp_servers.create(name="n"))
    with pytest.raises(TypeError, match="capabilities"):
        await result_of(c.mcp_servers.capabilities.update(mcp_server_id=SERVER_ID))
    with pytest.raises(TypeError, match="access_token"):
        await result_of(c.mcp_servers.update_tokens(mcp_server_id=SERVER_ID))
    # Where the official takes no free keywords, neither do we.
    with pytest.raises(TypeError, match="verbose"):
        await result_of(c.mcp_servers.get_tokens(mcp_server_id=SERVER_ID, verbose=True))
    with pytest.raises(TypeError, match="force"):
        await result_of(c.mcp_integrations.test(mcp_integration_id=INTEGRATION_ID, force=1))
    assert route.call_count == 0
    # Where it takes them, they go into the body, after the named ones and over extra_body.
    await result_of(
        c.mcp_integrations.create(
            name="n",
            url="https://mcp.example.com/mcp",
            auth_type="headers",
            transport="sse",
            configurations={"custom_headers": {"x-api": "k"}},
            slug="docs",
            extra_body={"slug": "other", "tag": 1},
            owner="me",
        )
    )
    assert request_body(route.calls[0].request) == {
        "name": "n",
        "url": "https://mcp.example.com/mcp",
        "auth_type": "headers",
        "transport": "sse",
        "configurations": {"custom_headers": {"x-api": "k"}},
        "slug": "other",
        "tag": 1,
        "owner": "me",
    }


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_nothing_given_sends_an_empty_object(mock: respx.MockRouter, kind: str) -> None:
    """As the official: an update or sync with nothing to say still sends ``{}``."""
    route = mock.route().respond(200, json=OK)
    c = client(kind)
    await result_of(c.mcp_integrations.update(mcp_integration_id=INTEGRATION_ID))
    await result_of(c.mcp_integrations.sync(mcp_integration_id=INTEGRATION_ID))
    await result_of(c.mcp_integrations.workspaces.update(mcp_integration_id=INTEGRATION_ID))
    await result_of(c.mcp_servers.metadata.sync(mcp_server_id=SERVER_ID))
    assert [(r.request.method, request_body(r.request)) for r in route.calls] == [
        ("PUT", {}),
        ("POST", {}),
        ("PUT", {}),
        ("POST", {}),
    ]


ERRORS = [
    (403, PermissionDeniedError, "You do not have enough permissions"),
    (404, NotFoundError, "MCP server not found"),
    (409, ConflictError, "An MCP integration with this slug already exists"),
    (422, UnprocessableEntityError, "name must be a string"),
]


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("status, error, message", ERRORS, ids=[str(e[0]) for e in ERRORS])
async def test_errors_are_typed_with_the_apis_message(
    mock: respx.MockRouter, kind: str, status: int, error: type, message: str
) -> None:
    # Portkey's error body (the spec's 401 example of /virtual-keys has this shape).
    body = {"success": False, "data": {"message": message}}
    mock.route().respond(status, json=body)
    with pytest.raises(error) as caught:
        await result_of(client(kind).mcp_servers.retrieve(mcp_server_id=SERVER_ID))
    exc: Any = caught.value
    assert exc.status_code == status and message in str(exc) and exc.body == body
    assert "pk-test" not in str(exc) and "pk-test" not in repr(exc.request.headers)


def test_attribute_paths_and_class_names() -> None:
    c = Portkey(api_key="pk-test", base_url=BASE)
    names = {
        "mcp_integrations": "McpIntegrations",
        "mcp_integrations.workspaces": "McpIntegrationWorkspaces",
        "mcp_integrations.capabilities": "McpIntegrationCapabilities",
        "mcp_integrations.metadata": "McpIntegrationMetadata",
        "mcp_servers": "McpServers",
        "mcp_servers.capabilities": "McpServerCapabilities",
        "mcp_servers.metadata": "McpServerMetadata",
        "mcp_servers.user_access": "McpServerUserAccess",
        "mcp_servers.connections": "McpServerConnections",
    }
    for kind, obj in (("", c), ("Async", AsyncPortkey(api_key="pk-test", base_url=BASE))):
        for path, name in names.items():
            resource: Optional[Any] = obj
            for part in path.split("."):
                resource = getattr(resource, part)
            assert type(resource).__name__ == kind + name


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_workspaces_list_answer_in_either_shape(mock: respx.MockRouter, kind: str) -> None:
    """The spec's two shapes (``oneOf``): typed as the answer comes, whatever was asked."""
    c = client(kind)
    headers = {"x-portkey-trace-id": "trace-1"}
    workspace = {"id": "ws-prod", "enabled": True}
    mock.get(path=INTEGRATION_PATH + "/workspaces").mock(
        side_effect=[
            httpx.Response(200, json={"data": [workspace], "total": 1}, headers=headers),
            httpx.Response(200, json={"workspaces": [workspace]}, headers=headers),
        ]
    )
    listed = await result_of(c.mcp_integrations.workspaces.list(mcp_integration_id=INTEGRATION_ID))
    assert isinstance(listed, mi.McpIntegrationWorkspacesListResponse)
    assert listed.total == 1 and isinstance(listed.data[0], mi.McpIntegrationWorkspaceItem)
    assert listed.get_headers() == {"trace-id": "trace-1"} and listed.extra_fields == {}
    first = await result_of(c.mcp_integrations.workspaces.list(mcp_integration_id=INTEGRATION_ID))
    assert isinstance(first, mi.McpIntegrationWorkspacesLegacyResponse)
    assert first.workspaces[0].id == "ws-prod" and first.get_headers() == {"trace-id": "trace-1"}
