"""Uploads and binary answers through the real clients and respx: the multipart body is
httpx's encoding of the same argument (every input form), files are read as the body is
sent (off the event loop in async), a retry sends the whole body again (a non-seekable stream
is not retried), progress is reported, chunked uploads go part by part within a bound, and
binary answers come back whole or streamed to a file."""

from __future__ import annotations

import io
import json
import random
import threading
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import httpx
import pytest
import respx

from portkey import APIConnectionError, AsyncPortkey, Portkey
from portkey._binary import BinaryResponse

BASE = "http://gateway.test/v1"
FILE_OBJECT = {"id": "file-1", "object": "file", "bytes": 3, "filename": "x", "purpose": "batch"}


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "requests.jsonl"
    path.write_bytes(b'{"custom_id": "a"}\n' * 50_000)  # ~1 MiB: more than one read
    return path


def parts(request: httpx.Request) -> List[Tuple[str, str, bytes]]:
    """(headers, name, data) of each part, boundary removed."""
    boundary = request.headers["content-type"].split("boundary=")[1].encode()
    body = request.content
    pieces = body.split(b"--" + boundary)[1:-1]
    out = []
    for piece in pieces:
        head, _, data = piece[2:-2].partition(b"\r\n\r\n")
        out.append((head.decode(), data))
    return out  # type: ignore[return-value]


def httpx_parts(data: Dict[str, str], files: Any) -> List[Tuple[str, bytes]]:
    request = httpx.Request("POST", "http://x", data=data, files=files)
    request.read()
    return parts(request)  # type: ignore[return-value]


def sent(route: Any) -> List[httpx.Request]:
    return [call.request for call in route.calls]


@pytest.mark.parametrize("form", ["bytes", "path", "file", "tuple2", "tuple3", "tuple4"])
def test_upload_is_httpx_multipart_of_the_same_argument(
    mock: respx.MockRouter, data_file: Path, form: str
) -> None:
    content = data_file.read_bytes()
    ours: Any = {
        "bytes": content,
        "path": data_file,
        "file": open(data_file, "rb"),
        "tuple2": ("in.jsonl", data_file),
        "tuple3": ("in.jsonl", content, "application/jsonl"),
        "tuple4": ("in.jsonl", content, None, {"X-Part": "1"}),
    }[form]
    theirs: Any = {
        "bytes": content,
        "path": (data_file.name, content),  # what openai-python makes of a path
        "file": open(data_file, "rb"),
        "tuple2": ("in.jsonl", content),
        "tuple3": ("in.jsonl", content, "application/jsonl"),
        "tuple4": ("in.jsonl", content, None, {"X-Part": "1"}),
    }[form]
    route = mock.post("/files").respond(200, json=FILE_OBJECT)
    with Portkey(base_url=BASE) as client:
        client.files.create(file=ours, purpose="batch", expires_after={"anchor": "created_at"})
    request = sent(route)[0]
    assert parts(request) == httpx_parts(
        {"purpose": "batch", "expires_after[anchor]": "created_at"}, {"file": theirs}
    )
    assert int(request.headers["content-length"]) == len(request.content)


def test_bad_file_arguments_are_refused_before_sending(mock: respx.MockRouter) -> None:
    route = mock.post("/files").respond(200, json=FILE_OBJECT)
    closed = io.BytesIO(b"x")
    closed.close()
    with Portkey(base_url=BASE) as client:
        with pytest.raises(FileNotFoundError):
            client.files.create(file=Path("/no/such/file.jsonl"), purpose="batch")
        with pytest.raises(TypeError, match="binary mode"):
            client.files.create(file=io.StringIO("text"), purpose="batch")
        with pytest.raises(ValueError, match="closed"):
            client.files.create(file=closed, purpose="batch")
        with pytest.raises(TypeError, match="pathlib.Path"):
            client.files.create(file="requests.jsonl", purpose="batch")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="not int"):
            client.files.create(file=3, purpose="batch")  # type: ignore[arg-type]
    assert not route.calls


class Recording(io.BytesIO):
    """A file that records when and from which thread it was read."""

    def __init__(self, data: bytes, seekable: bool = True) -> None:
        super().__init__(data)
        self.reads: List[Tuple[float, str]] = []
        self._seekable = seekable
        self.name = "audio.wav"

    def seekable(self) -> bool:
        return self._seekable

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        self.reads.append((time.monotonic(), threading.current_thread().name))
        return super().read(size)


@pytest.mark.anyio
async def test_async_reads_files_off_the_event_loop(mock: respx.MockRouter) -> None:
    mock.post("/files").respond(200, json=FILE_OBJECT)
    file = Recording(b"x" * (3 * 1024 * 1024))
    async with AsyncPortkey(base_url=BASE) as client:
        await client.files.create(file=file, purpose="batch")
    loop_thread = threading.current_thread().name
    assert file.reads and all(name != loop_thread for _, name in file.reads)


def test_a_retry_sends_the_whole_body_again(mock: respx.MockRouter, data_file: Path) -> None:
    route = mock.post("/files").mock(
        side_effect=[httpx.ConnectError("reset"), httpx.Response(200, json=FILE_OBJECT)]
    )
    with Portkey(base_url=BASE, max_retries=1) as client:
        client.files.create(file=open(data_file, "rb"), purpose="batch")
    first, second = sent(route)
    assert first.content == second.content and data_file.read_bytes() in second.content


def test_a_non_seekable_upload_is_not_retried(mock: respx.MockRouter) -> None:
    route = mock.post("/files").mock(side_effect=httpx.ConnectError("reset"))
    with Portkey(base_url=BASE, max_retries=3) as client:
        with pytest.raises(APIConnectionError, match="not retried: its body streams") as caught:
            client.files.create(file=Recording(b"abc", seekable=False), purpose="batch")
    assert len(route.calls) == 1
    assert "reset" in str(caught.value)


def test_progress_is_reported_up_to_the_total(mock: respx.MockRouter, data_file: Path) -> None:
    mock.post("/files").respond(200, json=FILE_OBJECT)
    seen: List[Tuple[int, Any]] = []
    with Portkey(base_url=BASE) as client:
        client.files.create(
            file=data_file, purpose="batch", on_progress=lambda d, t: seen.append((d, t))
        )
    done, total = seen[-1]
    assert done == total and total > data_file.stat().st_size
    assert len(seen) <= 5  # a few times a second at most (the transfer is instant here)


def test_upload_file_chunked_parts_in_order_and_bounded(
    mock: respx.MockRouter, tmp_path: Path
) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(random.Random(0).randbytes(1024 * 1024))  # every part unique
    active = {"now": 0, "most": 0}
    lock = threading.Lock()
    failed: Dict[bytes, int] = {}

    def part(request: httpx.Request) -> httpx.Response:
        with lock:
            active["now"] += 1
            active["most"] = max(active["most"], active["now"])
        time.sleep(0.02)
        data = [d for h, d in parts(request) if 'name="data"' in h][0]
        with lock:
            active["now"] -= 1
        offset = path.read_bytes().index(data)
        if offset == 3 * 100_000 and not failed.get(data):
            failed[data] = 1
            return httpx.Response(500, json={"error": {"message": "try again"}})
        return httpx.Response(200, json={"id": f"part_{offset}", "object": "upload.part"})

    mock.post("/uploads").respond(200, json={"id": "upload_1", "object": "upload"})
    parts_route = mock.post("/uploads/upload_1/parts").mock(side_effect=part)
    complete = mock.post("/uploads/upload_1/complete").respond(
        200, json={"id": "upload_1", "object": "upload", "status": "completed"}
    )
    with Portkey(base_url=BASE) as client:
        upload = client.uploads.upload_file_chunked(
            file=path,
            mime_type="application/octet-stream",
            purpose="batch",
            part_size=100_000,
            max_concurrency=2,
        )
    assert upload.status == "completed"
    ids = json.loads(sent(complete)[0].content)["part_ids"]
    assert ids == [f"part_{i * 100_000}" for i in range(11)]  # in the file's order
    assert len(parts_route.calls) == 12  # the failed part alone was sent again
    assert active["most"] <= 2


def test_binary_answer_whole_and_streamed(mock: respx.MockRouter, tmp_path: Path) -> None:
    audio = bytes(range(256)) * 1000
    route = mock.post("/audio/speech").respond(200, content=audio)
    with Portkey(base_url=BASE) as client:
        speech = client.audio.speech.create(model="tts-1", voice="alloy", input="hi")
        assert isinstance(speech, BinaryResponse) and speech.content == audio
        assert b"".join(speech.iter_bytes(1000)) == audio
        speech.write_to_file(tmp_path / "a.mp3")
        with client.audio.speech.with_streaming_response.create(
            model="tts-1", voice="alloy", input="hi"
        ) as response:
            assert response.status_code == 200
            response.stream_to_file(tmp_path / "b.mp3", on_progress=lambda d, t: None)
    assert (tmp_path / "a.mp3").read_bytes() == (tmp_path / "b.mp3").read_bytes() == audio
    assert sent(route)[0].headers["accept"] == "application/octet-stream"


@pytest.mark.anyio
async def test_async_binary_streamed_to_file(mock: respx.MockRouter, tmp_path: Path) -> None:
    content = b"line\n" * 10_000
    mock.get("/files/file-1/content").respond(200, content=content)
    mock.get("/files/file-1").respond(200, json=FILE_OBJECT)
    async with AsyncPortkey(base_url=BASE) as client:
        whole = await client.files.content("file-1")
        assert whole.content == content
        async with client.files.with_streaming_response.content("file-1") as response:
            await response.stream_to_file(tmp_path / "out.jsonl")
        async with client.files.with_streaming_response.retrieve("file-1") as response:
            pass  # a JSON route in streaming mode too (not read: closed on exit)
    assert (tmp_path / "out.jsonl").read_bytes() == content


def test_transcriptions_typed_by_format(mock: respx.MockRouter) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        fields = {h.split('name="')[1].split('"')[0]: d for h, d in parts(request)}
        fmt = fields.get("response_format", b"json").decode()
        if fmt in ("text", "srt", "vtt"):
            return httpx.Response(200, text=f"hello in {fmt}")
        return httpx.Response(200, json={"text": "hello", "duration": 1.5, "language": "en"})

    mock.post("/audio/transcriptions").mock(side_effect=answer)
    with Portkey(base_url=BASE) as client:
        plain = client.audio.transcriptions.create(file=b"RIFF", model="whisper-1")
        verbose = client.audio.transcriptions.create(
            file=b"RIFF", model="whisper-1", response_format="verbose_json"
        )
        srt = client.audio.transcriptions.create(
            file=b"RIFF", model="whisper-1", response_format="srt"
        )
    assert type(plain).__name__ == "Transcription" and plain.text == "hello"
    assert type(verbose).__name__ == "TranscriptionVerbose" and verbose.duration == 1.5
    assert srt == "hello in srt"
