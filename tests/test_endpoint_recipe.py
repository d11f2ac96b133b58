"""The endpoint recipe through the real clients and respx: where parameters go (path, query,
body), pass-through keywords, required and path checks, pagination in every style (sync
and async), and that the generated sync twins are not stale."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List

import httpx
import pytest
import respx

from portkey import APIResponseValidationError, AsyncPortkey, Portkey
from portkey._pagination import AsyncPage, AsyncPaginator, SyncPage
from portkey._types import RequestOptions
from portkey.resources._base import APIResource, Endpoint
from portkey.types.chat import ChatCompletion

BASE = "http://gateway.test/v1"
ROOT = Path(__file__).resolve().parent.parent


def completion(i: int) -> Dict[str, Any]:
    return {
        "id": f"chatcmpl-{i}",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": f"answer {i}"}}],
    }


def cursor_pages(request: httpx.Request) -> httpx.Response:
    """Five stored completions, two per page, after=<id> as OpenAI pages them."""
    ids = list(range(5))
    after = request.url.params.get("after")
    start = 0 if after is None else int(after.split("-")[1]) + 1
    chunk = ids[start : start + 2]
    body = {
        "object": "list",
        "data": [completion(i) for i in chunk],
        "first_id": f"chatcmpl-{chunk[0]}",
        "last_id": f"chatcmpl-{chunk[-1]}",
        "has_more": start + 2 < len(ids),
    }
    return httpx.Response(200, json=body, headers={"x-portkey-trace-id": "t1"})


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def sent(route: Any) -> List[httpx.Request]:
    return [call.request for call in route.calls]


def test_cursor_pages_sync(mock: respx.MockRouter) -> None:
    route = mock.get("/chat/completions").mock(side_effect=cursor_pages)
    with Portkey(base_url=BASE) as client:
        page = client.chat.completions.list(limit=2, metadata={"team": "a"})
        assert isinstance(page, SyncPage)
        assert [c.id for c in page.data] == ["chatcmpl-0", "chatcmpl-1"]
        assert all(isinstance(c, ChatCompletion) for c in page.data)
        assert page.has_next_page() and page.get_headers() == {"trace-id": "t1"}
        assert len(route.calls) == 1  # nothing fetched before it is asked for
        assert [c.choices[0].message.content for c in page] == [f"answer {i}" for i in range(5)]
        assert [len(p.data) for p in page.iter_pages()] == [2, 2, 1]
        last = page.get_next_page().get_next_page()
        assert not last.has_next_page()
        with pytest.raises(RuntimeError, match="No next page"):
            last.get_next_page()
    queries = [dict(r.url.params.multi_items()) for r in sent(route)]
    assert queries[0] == {"limit": "2", "metadata[team]": "a"}
    assert queries[1] == {"limit": "2", "metadata[team]": "a", "after": "chatcmpl-1"}


@pytest.mark.anyio
async def test_cursor_pages_async(mock: respx.MockRouter) -> None:
    route = mock.get("/chat/completions").mock(side_effect=cursor_pages)
    async with AsyncPortkey(base_url=BASE) as client:
        paginator = client.chat.completions.list(limit=2)
        assert isinstance(paginator, AsyncPaginator)
        assert not route.calls  # a paginator sends nothing until awaited or iterated
        first = await paginator
        assert isinstance(first, AsyncPage) and len(first.data) == 2
        ids = [c.id async for c in client.chat.completions.list(limit=2)]
        assert ids == [f"chatcmpl-{i}" for i in range(5)]
        sizes = [len(p.data) async for p in first.iter_pages()]
        assert sizes == [2, 2, 1]
        second = await first.get_next_page()
        assert [c.id for c in second.data] == ["chatcmpl-2", "chatcmpl-3"]


def test_page_without_has_more_uses_last_item_id(mock: respx.MockRouter) -> None:
    """A provider that omits has_more/last_id: the next page asks after the last item's id,
    and an empty page ends the walk."""
    bodies = {
        None: {"data": [completion(0)]},
        "chatcmpl-0": {"data": []},
    }
    mock.get("/chat/completions").mock(
        side_effect=lambda r: httpx.Response(200, json=bodies[r.url.params.get("after")])
    )
    with Portkey(base_url=BASE) as client:
        assert [c.id for c in client.chat.completions.list()] == ["chatcmpl-0"]


def test_bad_page_is_a_validation_error(mock: respx.MockRouter) -> None:
    mock.get("/chat/completions").respond(200, json={"data": {"not": "a list"}})
    with Portkey(base_url=BASE, max_retries=0) as client:
        with pytest.raises(APIResponseValidationError, match="not a list page"):
            client.chat.completions.list()


# Page-number lists (Portkey's own APIs): the recipe's "page" style, through a real client.


class _ThingListParams(RequestOptions, total=False):
    page_size: int
    current_page: int


_THINGS: Endpoint[Any] = Endpoint(
    "GET", "/things", object, params=_ThingListParams, item=object, page="page"
)


class _Things(APIResource):
    def list(self, **params: Any) -> Any:
        return self._list(_THINGS, locals())


def numbered_pages(request: httpx.Request) -> httpx.Response:
    page = int(request.url.params.get("current_page", "0"))
    size = int(request.url.params["page_size"])
    items = [{"id": f"t{i}"} for i in range(7)][page * size : (page + 1) * size]
    return httpx.Response(200, json={"object": "list", "total": 7, "data": items})


def test_page_number_style(mock: respx.MockRouter) -> None:
    route = mock.get("/things").mock(side_effect=numbered_pages)
    with Portkey(base_url=BASE) as client:
        things = _Things(client).list(page_size=3)
        assert [t["id"] for t in things] == [f"t{i}" for i in range(7)]
    pages = [r.url.params.get("current_page") for r in sent(route)]
    assert pages == [None, "1", "2"]  # and no fourth request: total says 7


# Where parameters go ---------------------------------------------------------------------


def test_query_body_path_and_pass_through(mock: respx.MockRouter) -> None:
    items = mock.get(url__regex=r"/responses/.*/input_items").respond(
        200, json={"object": "list", "data": [], "has_more": False}
    )
    create = mock.post("/chat/completions").respond(200, json=completion(1))
    with Portkey(base_url=BASE) as client:
        client.responses.input_items.list(
            "resp/1", include=["a.b", "c"], order="asc", extra_query={"x": True}
        )
        client.chat.completions.create(
            messages=[{"role": "user", "content": "hi"}],
            tools=({"type": "function"} for _ in range(1)),  # any iterable is sent as a list
            new_provider_flag={"on": True},  # not in the signature: passes through
            extra_body={"tools": "overridden", "seed": 1},
        )
    request = sent(items)[0]
    assert request.url.raw_path.startswith(b"/v1/responses/resp%2F1/input_items?")
    assert request.url.params.get_list("include[]") == ["a.b", "c"]
    assert request.url.params["order"] == "asc" and request.url.params["x"] == "true"
    assert request.content == b""  # a GET has no body
    body = json.loads(sent(create)[0].content)
    # tools is a free keyword in the official SDK: it overrides extra_body; seed too
    assert body["tools"] == [{"type": "function"}]
    assert body["new_provider_flag"] == {"on": True} and body["seed"] == 1
    assert body["model"] == "portkey-default"


@pytest.mark.parametrize("bad", ["", None, ".", ".."])
def test_path_parameters_are_checked(bad: Any) -> None:
    with Portkey(base_url=BASE) as client:
        with pytest.raises(ValueError, match="response_id"):
            client.responses.retrieve(bad)


def test_required_parameters_are_checked() -> None:
    with Portkey(base_url=BASE) as client:
        with pytest.raises(TypeError, match="missing required keyword argument.*messages"):
            client.chat.completions.create(model="m")  # type: ignore[call-overload]
        with pytest.raises(TypeError, match="str, not list"):
            client.responses.retrieve(["r"])  # type: ignore[arg-type]


def test_generated_sync_twins_are_fresh() -> None:
    """tools/unasync.py --check: the committed sync classes are what the async ones give
    (CI runs it too, in the lint session; here when ruff is installed)."""
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip("ruff is not installed in this environment (the lint session checks)")
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "unasync.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
