"""``videos`` through both clients and respx: each call's wire (method, path, query, body,
headers) is what openai-python sends for it (read from its ``resources/videos.py``): create,
edit, extend and characters are multipart forms, remix is JSON (so is a reference object
instead of a file), download_content is binary with its ``variant`` in the query; ``poll`` and
``create_and_poll`` look until the job settles, waiting ``poll_interval_ms``, else the server's
``openai-poll-after-ms``, else 1 s (waits recorded, not slept). Bodies: OpenAI's documented
examples (tests/fixtures/recorded/26) and the spec's VideoResource schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterator, List

import httpx
import pytest
import respx
from both_clients import BASE, call

from portkey import AsyncPortkey, Portkey, WaitTimeoutError, _retry
from portkey._binary import BinaryResponse
from portkey.types.videos import (
    Video,
    VideoCreateCharacterResponse,
    VideoCreateError,
    VideoDeleteResponse,
)

RECORDED = Path(__file__).parent / "fixtures" / "recorded"
EXAMPLES: Dict[str, Any] = json.loads(
    (RECORDED / "26_openai_spec_examples_containers_videos.json").read_text("utf-8")
)
MODES = ["sync", "async"]
VIDEO: Dict[str, Any] = EXAMPLES["POST /videos"]


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> List[float]:
    """The polling waits, recorded instead of slept."""
    recorded: List[float] = []

    async def async_sleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(_retry, "sleep", recorded.append)
    monkeypatch.setattr(_retry, "async_sleep", async_sleep)
    return recorded


def same_form(request: httpx.Request, data: Dict[str, str], files: Any = None) -> bool:
    """The request's body is httpx's multipart encoding of ``data`` and ``files`` (without
    files, the fields alone as parts: httpx would send such a form urlencoded)."""
    ours = request.headers["content-type"].split("boundary=")[1].encode()
    if files:
        expected = httpx.Request("POST", "http://x", data=data, files=files)
        theirs = expected.headers["content-type"].split("boundary=")[1].encode()
        expected_body = expected.read().replace(theirs, b"B")
    else:
        expected_body = (
            b"".join(
                b'--B\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                % (name.encode(), value.encode())
                for name, value in data.items()
            )
            + b"--B--\r\n"
        )
    return request.content.replace(ours, b"B") == expected_body


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create_is_a_form(mode: str, mock: respx.MockRouter) -> None:
    route = mock.post("/videos").respond(200, json=VIDEO)
    video = await call(
        mode, "videos.create", prompt="A calico cat", model="sora-2", seconds="8", size="1024x1792"
    )
    fields = {"prompt": "A calico cat", "model": "sora-2", "seconds": "8", "size": "1024x1792"}
    assert same_form(route.calls.last.request, fields)
    assert isinstance(video, Video) and video.status == "queued" and video.seconds == "8"
    assert video.get("quality") == "standard"  # undocumented in the schema: kept


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_a_reference_object_goes_as_json(mode: str, mock: respx.MockRouter) -> None:
    """The spec's JSON bodies (openai-python refuses a dict where it expects a file)."""
    create = mock.post("/videos").respond(200, json=VIDEO)
    edits = mock.post("/videos/edits").respond(200, json=VIDEO)
    extensions = mock.post("/videos/extensions").respond(200, json=VIDEO)
    ref = {"image_url": "https://x/cat.png"}
    await call(mode, "videos.create", prompt="p", input_reference=ref, seconds="4")
    await call(mode, "videos.edit", prompt="brighter", video={"id": "video_123"})
    await call(mode, "videos.extend", prompt="more", seconds="4", video={"id": "video_123"})
    sent = [r.calls.last.request for r in (create, edits, extensions)]
    assert all(r.headers["content-type"] == "application/json" for r in sent)
    assert [json.loads(r.content) for r in sent] == [
        {"prompt": "p", "input_reference": ref, "seconds": "4"},
        {"prompt": "brighter", "video": {"id": "video_123"}},
        {"prompt": "more", "seconds": "4", "video": {"id": "video_123"}},
    ]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create_uploads_a_reference_file(mode: str, mock: respx.MockRouter) -> None:
    route = mock.post("/videos").respond(200, json=VIDEO)
    await call(mode, "videos.create", prompt="p", input_reference=("ref.png", b"\x89PNG"))
    files = {"input_reference": ("ref.png", b"\x89PNG", "image/png")}
    assert same_form(route.calls.last.request, {"prompt": "p"}, files)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_edit_extend_and_character_upload_files(mode: str, mock: respx.MockRouter) -> None:
    edits = mock.post("/videos/edits").respond(200, json=VIDEO)
    extensions = mock.post("/videos/extensions").respond(200, json=VIDEO)
    characters = mock.post("/videos/characters").respond(
        200, json={"id": "char_1", "name": "Mochi", "created_at": 1712697600}
    )
    clip = ("in.mp4", b"mp4", "video/mp4")
    await call(mode, "videos.edit", prompt="brighter", video=clip[:2])
    assert same_form(edits.calls.last.request, {"prompt": "brighter"}, {"video": clip})
    await call(mode, "videos.extend", prompt="more", seconds="4", video=clip[:2])
    assert same_form(
        extensions.calls.last.request, {"prompt": "more", "seconds": "4"}, {"video": clip}
    )
    character = await call(mode, "videos.create_character", name="Mochi", video=clip[:2])
    assert same_form(characters.calls.last.request, {"name": "Mochi"}, {"video": clip})
    assert isinstance(character, VideoCreateCharacterResponse) and character.name == "Mochi"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_required_parameters(mode: str, mock: respx.MockRouter) -> None:
    with pytest.raises(TypeError, match="prompt"):
        await call(mode, "videos.create", model="sora-2")
    with pytest.raises(TypeError, match="seconds"):
        await call(mode, "videos.extend", prompt="p", video={"id": "v"})


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_remix_retrieve_delete_character(mode: str, mock: respx.MockRouter) -> None:
    remix_body = EXAMPLES["POST /videos/{video_id}/remix"]
    remix = mock.post("/videos/video_123/remix").respond(200, json=remix_body)
    mock.get("/videos/video_123").respond(200, json=VIDEO)
    mock.delete("/videos/video_123").respond(
        200, json={"object": "video.deleted", "deleted": True, "id": "video_123"}
    )
    mock.get("/videos/characters/char_1").respond(
        200, json={"id": "char_1", "name": "Mochi", "created_at": 1}
    )
    remixed = await call(mode, "videos.remix", "video_123", prompt="at night")
    assert remix.calls.last.request.headers["content-type"] == "application/json"
    assert json.loads(remix.calls.last.request.content) == {"prompt": "at night"}
    assert remixed.remixed_from_video_id == remix_body["remixed_from_video_id"]
    assert (await call(mode, "videos.retrieve", "video_123")).id == "video_123"
    deleted = await call(mode, "videos.delete", "video_123")
    assert isinstance(deleted, VideoDeleteResponse) and deleted.deleted is True
    character = await call(mode, "videos.get_character", "char_1")
    assert isinstance(character, VideoCreateCharacterResponse) and character.id == "char_1"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_download_content_variant(mode: str, mock: respx.MockRouter) -> None:
    route = mock.get("/videos/video_123/content").respond(
        200, content=b"RIFFwebp", headers={"content-type": "image/webp"}
    )
    data = await call(mode, "videos.download_content", "video_123", variant="thumbnail")
    request = route.calls.last.request
    assert request.url.query == b"variant=thumbnail"
    assert request.headers["accept"] == "application/binary"
    assert isinstance(data, BinaryResponse) and data.content == b"RIFFwebp"
    await call(mode, "videos.download_content", "video_123")
    assert route.calls.last.request.url.query == b""


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_list_follows_pages(mode: str, mock: respx.MockRouter) -> None:
    first = dict(EXAMPLES["GET /videos"], has_more=True)
    last_id = first["data"][-1]["id"]
    second = {
        "object": "list",
        "data": [dict(VIDEO, id="video_2")],
        "first_id": "video_2",
        "last_id": "video_2",
        "has_more": False,
    }
    route = mock.get("/videos").mock(
        side_effect=[httpx.Response(200, json=first), httpx.Response(200, json=second)]
    )
    page = await call(mode, "videos.list", limit=2, order="desc")
    got = list(page) if mode == "sync" else [v async for v in page]
    assert [v.id for v in got] == [*(v["id"] for v in first["data"]), "video_2"]
    assert all(isinstance(v, Video) for v in got)
    assert route.calls[1].request.url.query == f"limit=2&order=desc&after={last_id}".encode()


def states(*statuses: str, after_ms: Any = None) -> List[httpx.Response]:
    headers = {} if after_ms is None else {"openai-poll-after-ms": str(after_ms)}
    return [
        httpx.Response(200, json=dict(VIDEO, status=s, progress=i * 40), headers=headers)
        for i, s in enumerate(statuses)
    ]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_poll_waits_the_given_interval(
    mode: str, mock: respx.MockRouter, waits: List[float]
) -> None:
    route = mock.get("/videos/video_123").mock(
        side_effect=states("queued", "in_progress", "completed", after_ms=50)
    )
    video = await call(mode, "videos.poll", "video_123", poll_interval_ms=250)
    assert video.status == "completed" and video.progress == 80
    assert waits == [0.25, 0.25]  # the caller's interval wins over the server's hint
    for sent in route.calls:
        assert sent.request.headers["x-stainless-poll-helper"] == "true"
        assert sent.request.headers["x-stainless-custom-poll-interval"] == "250"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_poll_follows_the_server_hint_else_one_second(
    mode: str, mock: respx.MockRouter, waits: List[float]
) -> None:
    mock.get("/videos/video_123").mock(
        side_effect=[*states("queued", after_ms=1500), *states("queued", "completed")]
    )
    route = mock.routes[-1]
    await call(mode, "videos.poll", "video_123")
    assert waits == [1.5, 1.0]
    assert "x-stainless-custom-poll-interval" not in route.calls.last.request.headers


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_a_failed_job_is_returned_typed(
    mode: str, mock: respx.MockRouter, waits: List[float]
) -> None:
    failed = dict(VIDEO, status="failed", error={"code": "moderation", "message": "blocked"})
    mock.get("/videos/video_123").mock(
        side_effect=[*states("in_progress"), httpx.Response(200, json=failed)]
    )
    video = await call(mode, "videos.poll", "video_123", poll_interval_ms=10)
    assert video.status == "failed" and isinstance(video.error, VideoCreateError)
    assert video.error.code == "moderation" and waits == [0.01]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_create_and_poll(mode: str, mock: respx.MockRouter, waits: List[float]) -> None:
    create = mock.post("/videos").respond(200, json=VIDEO)
    looks = mock.get("/videos/video_123").mock(
        side_effect=states("queued", "in_progress", "in_progress", "completed")
    )
    video = await call(
        mode,
        "videos.create_and_poll",
        prompt="A calico cat",
        seconds="4",
        poll_interval_ms=100,
        extra_headers={"X-Trace": "t"},
    )
    assert same_form(create.calls.last.request, {"prompt": "A calico cat", "seconds": "4"})
    assert create.calls.last.request.headers["x-trace"] == "t"
    assert "x-stainless-poll-helper" not in create.calls.last.request.headers
    assert video.status == "completed" and len(looks.calls) == 4 and waits == [0.1] * 3


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_the_client_deadline_bounds_the_whole_poll(
    mode: str, mock: respx.MockRouter, waits: List[float]
) -> None:
    looks = mock.get("/videos/video_123").mock(side_effect=states("in_progress", "in_progress"))
    options: Any = {"base_url": BASE, "deadline": 1.0}
    with pytest.raises(WaitTimeoutError, match="deadline"):
        if mode == "sync":
            Portkey(**options).videos.poll("video_123", poll_interval_ms=1500)
        else:
            await AsyncPortkey(**options).videos.poll("video_123", poll_interval_ms=1500)
    assert waits == [] and len(looks.calls) == 1  # the first wait would pass the 1 s


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_download_streamed_to_a_file(
    mode: str, mock: respx.MockRouter, tmp_path: Path
) -> None:
    movie = bytes(range(256)) * 4096  # 1 MiB
    mock.get("/videos/video_123/content").respond(
        200, content=movie, headers={"content-type": "video/mp4"}
    )
    target = tmp_path / "out.mp4"
    if mode == "sync":
        client = Portkey(base_url=BASE)
        with client.videos.with_streaming_response.download_content("video_123") as response:
            response.stream_to_file(target)
    else:
        aclient = AsyncPortkey(base_url=BASE)
        manager = aclient.videos.with_streaming_response.download_content("video_123")
        async with manager as aresponse:
            await aresponse.stream_to_file(target)
    assert target.read_bytes() == movie
