"""models, moderations and images through respx: typed parsing (unknown fields kept), typed
errors, per-call options and bodyless GET/DELETE, sync and async.

What each call sends is compared with the official SDK's requests in ``tests/test_wire.py``.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterator, Union

import httpx
import pytest
import respx

from portkey import AsyncPortkey, BadRequestError, InternalServerError, NotFoundError, Portkey
from portkey._pagination import AsyncPage, SyncPage
from portkey.types.images import Image, ImagesResponse
from portkey.types.models import Model, ModelDeleted
from portkey.types.moderations import Moderation, ModerationCreateResponse

BASE_URL = "https://api.portkey.ai/v1"
HEADERS = {"content-type": "application/json", "x-portkey-trace-id": "tr-1"}

MODEL: Dict[str, Any] = {
    "id": "gpt-4o-mini",
    "object": "model",
    "created": 1686935002,
    "owned_by": "openai",
    "provider": "openai",  # not declared: kept
}
MODEL_LIST: Dict[str, Any] = {"object": "list", "data": [MODEL], "has_more": False}
MODEL_DELETED: Dict[str, Any] = {"id": "ft:gpt-4o-mini:acme:x", "object": "model", "deleted": True}
MODERATION: Dict[str, Any] = {
    "id": "modr-1",
    "model": "omni-moderation-latest",
    "results": [
        {
            "flagged": True,
            "categories": {"hate": False, "hate/threatening": False, "violence": True},
            "category_scores": {"hate": 0.01, "hate/threatening": 0.001, "violence": 0.9},
            "category_applied_input_types": {"violence": ["text"]},
            "note": "kept",
        }
    ],
}
IMAGES: Dict[str, Any] = {
    "created": 1713833628,
    "data": [{"b64_json": "aGk=", "revised_prompt": "a cat, painted"}],
    "usage": {"total_tokens": 100, "input_tokens": 50, "output_tokens": 50},
    "output_format": "png",
}


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router


@pytest.fixture
def client() -> Iterator[Portkey]:
    with Portkey(api_key="pk", virtual_key="vk") as c:
        yield c


def _check_model_list(page: Union[SyncPage[Model], AsyncPage[Model]]) -> None:
    assert isinstance(page, (SyncPage, AsyncPage))
    assert page.object == "list"
    assert page.data is not None and isinstance(page.data[0], Model)
    assert page.data[0].id == "gpt-4o-mini"
    assert page.data[0].created == 1686935002
    assert page.data[0].owned_by == "openai"
    assert page.data[0].provider == "openai"
    assert page.has_more is False
    assert page.get_headers() == {"trace-id": "tr-1"}


def _check_moderation(response: ModerationCreateResponse) -> None:
    assert isinstance(response, ModerationCreateResponse)
    assert response.id == "modr-1"
    assert response.results is not None
    result = response.results[0]
    assert isinstance(result, Moderation)
    assert result.flagged is True
    assert result.categories is not None and result.categories["hate/threatening"] is False
    assert result.category_scores is not None and result.category_scores["violence"] == 0.9
    assert result.category_applied_input_types is not None
    assert result.category_applied_input_types.violence == ["text"]
    assert dict(result.category_applied_input_types) == {"violence": ["text"]}
    assert result.note == "kept"
    assert response.to_dict() == MODERATION
    assert response.get_headers() == {"trace-id": "tr-1"}


def _check_images(response: ImagesResponse) -> None:
    assert isinstance(response, ImagesResponse)
    assert response.created == 1713833628
    assert response.data is not None and isinstance(response.data[0], Image)
    assert response.data[0].b64_json == "aGk="
    assert response.data[0].url is None
    assert response.data[0].revised_prompt == "a cat, painted"
    assert response.usage is not None and response.usage.total_tokens == 100
    assert response.usage.to_dict(exclude_none=True) == {
        "total_tokens": 100,
        "input_tokens": 50,
        "output_tokens": 50,
    }
    assert response.output_format == "png"
    assert response.get_headers() == {"trace-id": "tr-1"}


# ---------------------------------------------------------------------------------------------
# models
# ---------------------------------------------------------------------------------------------


def test_models_list(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.get("/models").respond(200, json=MODEL_LIST, headers=HEADERS)
    _check_model_list(client.models.list())
    request = route.calls[0].request
    assert request.method == "GET"
    assert request.content == b""
    assert "content-type" not in request.headers
    assert request.headers["x-portkey-virtual-key"] == "vk"


def test_models_list_call_options(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.get("/models").respond(200, json=MODEL_LIST, headers=HEADERS)
    client.models.list(
        extra_headers={"x-custom": "1"}, extra_query={"q": "1"}, extra_body={"z": 1}, timeout=5
    )
    request = route.calls[0].request
    assert request.headers["x-custom"] == "1"
    assert request.url.params["q"] == "1"
    assert request.content == b""  # a GET has no body: extra_body is dropped
    assert request.extensions["timeout"]["read"] == 5


def test_models_list_refuses_other_kwargs(client: Portkey) -> None:
    with pytest.raises(TypeError, match="foo"):
        client.models.list(foo="bar")


def test_models_retrieve_escapes_the_id(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.route(method="GET").respond(200, json=MODEL, headers=HEADERS)
    model = client.models.retrieve("ft:gpt-4o:my org/x?y#z%")
    assert isinstance(model, Model) and model.id == "gpt-4o-mini" and model.provider == "openai"
    assert model.get_headers() == {"trace-id": "tr-1"}
    request = route.calls[0].request
    assert request.url.raw_path == b"/v1/models/ft:gpt-4o:my%20org%2Fx%3Fy%23z%25"
    assert request.content == b""


@pytest.mark.parametrize("bad", ["", ".", ".."])
def test_models_bad_ids_refused_before_sending(
    mock: respx.MockRouter, client: Portkey, bad: str
) -> None:
    route = mock.route().respond(200, json=MODEL)
    with pytest.raises(ValueError):
        client.models.retrieve(bad)
    with pytest.raises(ValueError):
        client.models.delete(bad)
    assert not route.called


def test_models_retrieve_404(mock: respx.MockRouter, client: Portkey) -> None:
    mock.get("/models/nope").respond(
        404, json={"error": {"message": "The model `nope` does not exist"}}
    )
    with pytest.raises(NotFoundError) as info:
        client.models.retrieve("nope")
    assert info.value.status_code == 404


def test_models_delete(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.delete("/models/ft:gpt-4o-mini:acme:x").respond(
        200, json=MODEL_DELETED, headers=HEADERS
    )
    deleted = client.models.delete("ft:gpt-4o-mini:acme:x")
    assert isinstance(deleted, ModelDeleted)
    assert deleted.deleted is True and deleted.id == "ft:gpt-4o-mini:acme:x"
    assert deleted.get_headers() == {"trace-id": "tr-1"}
    request = route.calls[0].request
    assert request.content == b"" and "content-type" not in request.headers
    # keyword parameters (or extra_body) make a JSON body, as in the official SDK
    client.models.delete("ft:gpt-4o-mini:acme:x", foo="bar")
    request = route.calls[1].request
    assert json.loads(request.content) == {"foo": "bar"}
    assert request.headers["content-type"] == "application/json"


@pytest.mark.anyio
async def test_models_async(mock: respx.MockRouter) -> None:
    mock.get("/models").respond(200, json=MODEL_LIST, headers=HEADERS)
    mock.get("/models/gpt-4o-mini").respond(200, json=MODEL, headers=HEADERS)
    mock.delete("/models/m").respond(200, json=MODEL_DELETED, headers=HEADERS)
    mock.get("/models/nope").respond(404, json={"error": {"message": "no"}})
    async with AsyncPortkey(api_key="pk") as client:
        _check_model_list(await client.models.list())
        model = await client.models.retrieve("gpt-4o-mini")
        assert model.owned_by == "openai"
        assert (await client.models.delete("m")).deleted is True
        with pytest.raises(NotFoundError):
            await client.models.retrieve("nope")


def test_models_raw_response(mock: respx.MockRouter, client: Portkey) -> None:
    mock.get("/models").respond(200, json=MODEL_LIST, headers=HEADERS)
    raw = client.models.with_raw_response.list()
    assert raw.headers["x-portkey-trace-id"] == "tr-1"
    _check_model_list(raw.parse())


# ---------------------------------------------------------------------------------------------
# moderations
# ---------------------------------------------------------------------------------------------


def test_moderations_create(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/moderations").respond(200, json=MODERATION, headers=HEADERS)
    _check_moderation(client.moderations.create(input="I will hurt them."))
    assert json.loads(route.calls[0].request.content) == {"input": "I will hurt them."}
    client.moderations.create(input=["a", "b"], model="omni-moderation-latest")
    assert json.loads(route.calls[1].request.content) == {
        "input": ["a", "b"],
        "model": "omni-moderation-latest",
    }
    client.moderations.create(input=(s for s in ["c"]))  # any iterable
    assert json.loads(route.calls[2].request.content) == {"input": ["c"]}


def test_moderations_call_options(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/moderations").respond(200, json=MODERATION, headers=HEADERS)
    client.moderations.create(
        input="x",
        model="m",
        foo="bar",
        extra_headers={"x-custom": "1"},
        extra_body={"z": 1, "model": "from-extra"},
        extra_query={"q": "1"},
    )
    request = route.calls[0].request
    assert json.loads(request.content) == {
        "input": "x",
        "model": "from-extra",
        "z": 1,
        "foo": "bar",
    }
    assert request.headers["x-custom"] == "1"
    assert request.url.params["q"] == "1"


@pytest.mark.anyio
async def test_moderations_async(mock: respx.MockRouter) -> None:
    mock.post("/moderations").mock(
        side_effect=[
            httpx.Response(200, json=MODERATION, headers=HEADERS),
            httpx.Response(400, json={"error": {"message": "bad input"}}),
        ]
    )
    async with AsyncPortkey(api_key="pk") as client:
        _check_moderation(await client.moderations.create(input="x"))
        with pytest.raises(BadRequestError):
            await client.moderations.create(input="x")


# ---------------------------------------------------------------------------------------------
# images
# ---------------------------------------------------------------------------------------------


def test_images_generate(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/images/generations").respond(200, json=IMAGES, headers=HEADERS)
    _check_images(
        client.images.generate(
            prompt="a cat",
            model="gpt-image-1",
            n=1,
            size="1024x1024",
            quality="high",
            background=None,
            stream=False,
        )
    )
    assert json.loads(route.calls[0].request.content) == {
        "prompt": "a cat",
        "model": "gpt-image-1",
        "n": 1,
        "size": "1024x1024",
        "quality": "high",
        "background": None,  # an explicit None is sent as null; stream=False is not sent
    }


def test_images_generate_call_options(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/images/generations").respond(200, json=IMAGES, headers=HEADERS)
    client.images.generate(
        prompt="a cat",
        model="dall-e-2",
        seed=7,
        extra_body={"model": "from-extra", "z": 1},
        extra_headers={"x-custom": "1"},
        extra_query={"q": "1"},
        timeout=9,
    )
    request = route.calls[0].request
    assert json.loads(request.content) == {
        "prompt": "a cat",
        "model": "from-extra",
        "z": 1,
        "seed": 7,
    }
    assert request.headers["x-custom"] == "1"
    assert request.url.params["q"] == "1"
    assert request.extensions["timeout"]["read"] == 9


@pytest.mark.usefixtures("no_sleep")
def test_images_generate_max_retries(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/images/generations").respond(500, json={"error": {"message": "x"}})
    with pytest.raises(InternalServerError):
        client.images.generate(prompt="a cat", max_retries=0)
    assert route.call_count == 1


def test_images_generate_stream(mock: respx.MockRouter, client: Portkey) -> None:
    """stream=True gives the partial-image events, typed (issue 11)."""
    events = [
        {"type": "image_generation.partial_image", "b64_json": "AAA", "partial_image_index": 0},
        {"type": "image_generation.completed", "b64_json": "BBB", "usage": {"total_tokens": 5}},
    ]
    body = "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events)
    route = mock.post("/images/generations").respond(
        200, content=body.encode(), headers={"content-type": "text/event-stream"}
    )
    got = list(client.images.generate(prompt="a cat", stream=True, partial_images=1))
    assert [type(e).__name__ for e in got] == [
        "ImageGenPartialImageEvent",
        "ImageGenCompletedEvent",
    ]
    assert got[1].b64_json == "BBB"
    assert json.loads(route.calls[0].request.content)["stream"] is True


@pytest.mark.anyio
async def test_images_async(mock: respx.MockRouter) -> None:
    mock.post("/images/generations").respond(200, json=IMAGES, headers=HEADERS)
    async with AsyncPortkey(api_key="pk") as client:
        _check_images(await client.images.generate(prompt="a cat"))


def test_resources_are_lazy_and_cached(client: Portkey) -> None:
    for name in ("models", "moderations", "images"):
        assert name not in vars(client)
        assert getattr(client, name) is getattr(client, name)
        assert name in vars(client)
