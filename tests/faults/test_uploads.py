"""Uploads and binary answers under faults: a reset in the middle of an upload body is retried
with the whole body from its start (seekable sources) or not at all (a non-seekable stream,
with an error saying why); a 500 on one part of a chunked upload sends that part alone again;
a binary answer cut short or with a corrupt gzip body is an error, never short content, and
``stream_to_file`` leaves no file behind. Sync and async for each; attempts and bytes are
counted on the server's side."""

from __future__ import annotations

import collections
import io
import json
import os
import threading
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import httpx
import pytest

from portkey import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    AsyncPortkey,
    InternalServerError,
    Portkey,
)

from .files_api import multipart_fields, part_id, payload
from .server import FaultServer, RequestRecord
from .support import client_kwargs, fault

pytestmark = pytest.mark.faults

UPLOAD_SIZE = 8 * 1024 * 1024  # well past the socket buffers: the reset comes mid-body
CUT_AT = 65536  # body bytes the server reads before resetting (reset_mid_upload's default)
FILES_API = {"default_headers": {"x-fault": "files"}}


def _client(server: FaultServer, **overrides: Any) -> Dict[str, Any]:
    return client_kwargs(server, **{**FILES_API, **overrides})


@pytest.fixture(scope="module")
def upload_bytes() -> bytes:
    return payload(UPLOAD_SIZE, seed=1)


@pytest.fixture
def upload_path(tmp_path: Path, upload_bytes: bytes) -> Path:
    path = tmp_path / "train.jsonl"
    path.write_bytes(upload_bytes)
    return path


def _file_part(record: RequestRecord) -> Tuple[Optional[str], bytes]:
    return multipart_fields(record.body, record.headers["content-type"])["file"]


def _check_whole_retry(server: FaultServer, upload_bytes: bytes, filename: str) -> None:
    """Two attempts: the first cut by the reset, the second the whole body from its start."""
    assert [r.behaviour for r in server.records] == ["reset_mid_upload", "files"]
    cut, whole = server.records
    assert len(cut.body) == CUT_AT < len(whole.body)
    assert whole.body.startswith(cut.body)  # the same body again, from its first byte
    assert int(whole.headers["content-length"]) == len(whole.body)
    assert _file_part(whole) == (filename, upload_bytes)


class _Unseekable(io.RawIOBase):
    """A binary stream that can be read once and cannot seek (a socket, a generator...)."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = memoryview(data)
        self._pos = 0
        self.name = "stream.bin"

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._pos

    def readinto(self, buffer: Any) -> int:
        count = min(len(buffer), len(self._data) - self._pos)
        buffer[:count] = self._data[self._pos : self._pos + count]
        self._pos += count
        return count


class _Pipe:
    """The read end of an OS pipe fed by a thread (closed, with its writer joined, at exit)."""

    def __init__(self, data: bytes) -> None:
        read_fd, write_fd = os.pipe()
        self.reader = os.fdopen(read_fd, "rb")

        def feed() -> None:
            try:
                with os.fdopen(write_fd, "wb") as out:
                    out.write(data)
            except OSError:  # BrokenPipeError: the reader gave up (the upload failed)
                pass

        self._thread = threading.Thread(target=feed, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.reader.close()
        self._thread.join(5)


def _seekable_source(kind: str, upload_path: Path, upload_bytes: bytes) -> Tuple[Any, str]:
    """The file argument for ``kind`` and the filename the part should carry."""
    if kind == "path":
        return upload_path, "train.jsonl"
    if kind == "file":
        handle = open(upload_path, "rb")  # noqa: SIM115 (closed by the test's finally)
        handle.read(1000)  # the body still starts at the file's first byte, as httpx sends it
        return handle, "train.jsonl"
    return ("data.jsonl", io.BytesIO(upload_bytes)), "data.jsonl"


SEEKABLE = ["path", "file", "tuple-bytesio"]


# (a) A reset in the middle of the upload body: retried with the whole body ------------------


@pytest.mark.parametrize("kind", SEEKABLE)
def test_reset_mid_upload_resends_whole_body_sync(
    server: FaultServer, no_sleep: None, upload_path: Path, upload_bytes: bytes, kind: str
) -> None:
    source, filename = _seekable_source(kind, upload_path, upload_bytes)
    reports: List[Tuple[int, Optional[int]]] = []
    server.program("reset_mid_upload")
    try:
        with Portkey(**_client(server, max_retries=2)) as client:
            result = client.files.create(
                file=source, purpose="batch", on_progress=lambda d, t: reports.append((d, t))
            )
    finally:
        if hasattr(source, "close"):
            source.close()
    _check_whole_retry(server, upload_bytes, filename)
    assert result.bytes == UPLOAD_SIZE and result.filename == filename
    length = len(server.records[1].body)
    assert reports[-1] == (length, length)  # progress restarted: it counts the resent body once


@pytest.mark.anyio
@pytest.mark.parametrize("kind", SEEKABLE)
async def test_reset_mid_upload_resends_whole_body_async(
    server: FaultServer, no_sleep: None, upload_path: Path, upload_bytes: bytes, kind: str
) -> None:
    source, filename = _seekable_source(kind, upload_path, upload_bytes)
    server.program("reset_mid_upload")
    try:
        async with AsyncPortkey(**_client(server, max_retries=2)) as client:
            result = await client.files.create(file=source, purpose="batch")
    finally:
        if hasattr(source, "close"):
            source.close()
    _check_whole_retry(server, upload_bytes, filename)
    assert result.bytes == UPLOAD_SIZE


def test_reset_on_every_attempt_sync(
    server: FaultServer, no_sleep: None, upload_path: Path
) -> None:
    """Each retry starts over; when they run out the caller gets our connection error."""
    with Portkey(**_client(server, max_retries=2)) as client:
        with pytest.raises(APIConnectionError) as info:
            client.files.create(file=upload_path, purpose="batch", **fault("reset_mid_upload"))
    assert type(info.value) is APIConnectionError
    assert "not retried" not in str(info.value)
    bodies = [r.body for r in server.records]
    assert len(bodies) == 3 and all(len(b) == CUT_AT for b in bodies)
    assert bodies[0] == bodies[1] == bodies[2]  # every attempt from the start


# (b) A non-seekable stream: not retried, and the error says why ---------------------------


@pytest.fixture(params=["raw-stream", "pipe"])
def unseekable(request: pytest.FixtureRequest, upload_bytes: bytes) -> Iterator[Any]:
    if request.param == "raw-stream":
        yield _Unseekable(upload_bytes)
        return
    pipe = _Pipe(upload_bytes)
    try:
        yield pipe.reader
    finally:
        pipe.close()


def _check_not_retried(server: FaultServer, err: APIConnectionError) -> None:
    assert type(err) is APIConnectionError
    message = str(err)
    assert "not retried" in message and "cannot seek" in message
    assert server.requests == 1 and server.records[0].behaviour == "reset_mid_upload"
    assert err.__cause__ is None and err.__suppress_context__


def test_reset_mid_unseekable_upload_not_retried_sync(
    server: FaultServer, no_sleep: None, unseekable: Any
) -> None:
    server.program("reset_mid_upload")
    with Portkey(**_client(server, max_retries=2)) as client:
        with pytest.raises(APIConnectionError) as info:
            client.files.create(file=unseekable, purpose="batch")
    _check_not_retried(server, info.value)
    assert server.records[0].headers.get("transfer-encoding") == "chunked"  # size unknown
    if isinstance(unseekable, _Unseekable):  # the reset came while the body was being sent
        assert unseekable.tell() < UPLOAD_SIZE


@pytest.mark.anyio
async def test_reset_mid_unseekable_upload_not_retried_async(
    server: FaultServer, no_sleep: None, unseekable: Any
) -> None:
    server.program("reset_mid_upload")
    async with AsyncPortkey(**_client(server, max_retries=2)) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.files.create(file=unseekable, purpose="batch")
    _check_not_retried(server, info.value)


def test_unseekable_upload_without_fault_sync(
    server: FaultServer, unseekable: Any, upload_bytes: bytes
) -> None:
    """The control: the same stream goes out whole (chunked) when nothing fails."""
    with Portkey(**_client(server)) as client:
        result = client.files.create(file=unseekable, purpose="batch")
    assert result.bytes == UPLOAD_SIZE
    assert _file_part(server.records[0])[1] == upload_bytes


@pytest.mark.anyio
async def test_unseekable_upload_500_kept_async(
    server: FaultServer, no_sleep: None, unseekable: Any
) -> None:
    """A retryable status to a body that cannot be sent again is the caller's error, at once."""
    server.program("text_500")
    async with AsyncPortkey(**_client(server, max_retries=2)) as client:
        with pytest.raises(InternalServerError):
            await client.files.create(file=unseekable, purpose="batch")
    assert server.requests == 1


def test_unseekable_upload_500_kept_sync(
    server: FaultServer, no_sleep: None, unseekable: Any
) -> None:
    server.program("text_500")
    with Portkey(**_client(server, max_retries=2)) as client:
        with pytest.raises(InternalServerError):
            client.files.create(file=unseekable, purpose="batch")
    assert server.requests == 1


# (c) upload_file_chunked: a 500 on one part sends that part alone again --------------------

PART_SIZE = 256 * 1024
PARTS = 5
FAILING = 2  # the part that gets a 500 once


@pytest.fixture
def chunked_source(tmp_path: Path) -> Tuple[Path, bytes, List[str]]:
    data = payload(PART_SIZE * (PARTS - 1) + 1234, seed=2)  # the last part is short
    path = tmp_path / "big.jsonl"
    path.write_bytes(data)
    ids = [part_id(data[i : i + PART_SIZE]) for i in range(0, len(data), PART_SIZE)]
    assert len(ids) == PARTS and len(set(ids)) == PARTS
    return path, data, ids


def _check_parts(server: FaultServer, ids: List[str], data: bytes) -> None:
    sent: Dict[str, int] = collections.Counter()
    received = b""
    for record in server.records:
        if record.path.endswith("/parts"):
            chunk = multipart_fields(record.body, record.headers["content-type"])["data"][1]
            sent[part_id(chunk)] += 1
    assert sent == {ident: 2 if i == FAILING else 1 for i, ident in enumerate(ids)}
    assert server.failed_once == {ids[FAILING]}
    create, complete = server.records[0], server.records[-1]
    assert create.path.endswith("/uploads") and json.loads(create.body)["bytes"] == len(data)
    assert complete.path.endswith("/uploads/upload_fault/complete")
    assert json.loads(complete.body)["part_ids"] == ids  # in the file's order
    for ident in ids:  # and the bytes, reassembled in that order, are the file
        for record in server.records:
            if record.path.endswith("/parts"):
                fields = multipart_fields(record.body, record.headers["content-type"])
                if part_id(fields["data"][1]) == ident:
                    received += fields["data"][1]
                    break
    assert received == data


@pytest.mark.parametrize("source", ["path", "bytes"])
def test_chunked_upload_retries_failed_part_only_sync(
    server: FaultServer, no_sleep: None, chunked_source: Tuple[Path, bytes, List[str]], source: str
) -> None:
    path, data, ids = chunked_source
    headers = {"x-fault": f"files:{ids[FAILING]}"}
    with Portkey(**client_kwargs(server, max_retries=2, default_headers=headers)) as client:
        upload = client.uploads.upload_file_chunked(
            file=path if source == "path" else data,
            filename="big.jsonl",
            mime_type="application/jsonl",
            purpose="batch",
            part_size=PART_SIZE,
            max_concurrency=3,
        )
    assert upload.status == "completed"
    _check_parts(server, ids, data)


@pytest.mark.anyio
@pytest.mark.parametrize("source", ["path", "bytes"])
async def test_chunked_upload_retries_failed_part_only_async(
    server: FaultServer, no_sleep: None, chunked_source: Tuple[Path, bytes, List[str]], source: str
) -> None:
    path, data, ids = chunked_source
    headers = {"x-fault": f"files:{ids[FAILING]}"}
    async with AsyncPortkey(**client_kwargs(server, max_retries=2, default_headers=headers)) as c:
        upload = await c.uploads.upload_file_chunked(
            file=path if source == "path" else data,
            filename="big.jsonl",
            mime_type="application/jsonl",
            purpose="batch",
            part_size=PART_SIZE,
            max_concurrency=3,
        )
    assert upload.status == "completed"
    _check_parts(server, ids, data)


# (d) Binary answers cut short, (e) a corrupt gzip binary body ------------------------------

BINARY_SIZE = 262144
SHORT = ["binary_short", "binary_chunked_short"]
CALLS = ["files.content", "audio.speech"]


def _binary_call(client: Any, which: str, spec: str, streaming: bool = False) -> Any:
    area = client.files if which == "files.content" else client.audio.speech
    if streaming:
        area = area.with_streaming_response
    if which == "files.content":
        return area.content("file-abc", **fault(spec))
    return area.create(model="tts-1", voice="alloy", input="Hello", **fault(spec))


@pytest.mark.parametrize("which", CALLS)
@pytest.mark.parametrize("spec", SHORT)
def test_short_binary_is_an_error_sync(
    server: FaultServer, no_sleep: None, which: str, spec: str
) -> None:
    """A body read by the call itself: cut short on every attempt -> our error, never bytes."""
    with Portkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(APIConnectionError) as info:
            _binary_call(client, which, spec)
    assert type(info.value) is APIConnectionError
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert server.attempts(spec) == 3  # a short body is the connection's fault: retried


@pytest.mark.anyio
@pytest.mark.parametrize("which", CALLS)
@pytest.mark.parametrize("spec", SHORT)
async def test_short_binary_is_an_error_async(
    server: FaultServer, no_sleep: None, which: str, spec: str
) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(APIConnectionError):
            await _binary_call(client, which, spec)
    assert server.attempts(spec) == 3


@pytest.mark.parametrize("spec", SHORT)
def test_short_binary_then_whole_sync(server: FaultServer, no_sleep: None, spec: str) -> None:
    """Cut short once, then whole: the caller gets the whole body, exactly."""
    server.program(spec, "binary")
    with Portkey(**client_kwargs(server, max_retries=2)) as client:
        result = client.files.content("file-abc")
    assert result.content == payload(BINARY_SIZE)
    assert server.requests == 2


@pytest.mark.anyio
@pytest.mark.parametrize("spec", SHORT)
async def test_short_binary_then_whole_async(
    server: FaultServer, no_sleep: None, spec: str, tmp_path: Path
) -> None:
    server.program(spec, "binary")
    async with AsyncPortkey(**client_kwargs(server, max_retries=2)) as client:
        result = await client.audio.speech.create(model="tts-1", voice="alloy", input="Hi")
        await result.awrite_to_file(tmp_path / "speech.mp3")
    assert (tmp_path / "speech.mp3").read_bytes() == payload(BINARY_SIZE)


BROKEN_STREAMED = [
    pytest.param("binary_short", APIConnectionError, id="content-length-short"),
    pytest.param("binary_chunked_short", APIConnectionError, id="chunked-short"),
    # any of our errors here; which one is checked by test_streamed_corrupt_gzip_error_class
    pytest.param("binary_gzip_corrupt", APIError, id="gzip-corrupt"),
]


@pytest.mark.parametrize("which", CALLS)
@pytest.mark.parametrize(("spec", "error"), BROKEN_STREAMED)
def test_stream_to_file_broken_body_leaves_no_file_sync(
    server: FaultServer, tmp_path: Path, which: str, spec: str, error: Any
) -> None:
    target = tmp_path / "out.bin"
    with Portkey(**client_kwargs(server, max_retries=2)) as client:
        with _binary_call(client, which, spec, streaming=True) as response:
            assert response.status_code == 200
            with pytest.raises(error) as info:
                response.stream_to_file(target)
    assert isinstance(info.value, error) and not isinstance(info.value, httpx.HTTPError)
    assert not target.exists()
    assert server.requests == 1  # the body was the caller's to read: not sent again


@pytest.mark.anyio
@pytest.mark.parametrize("which", CALLS)
@pytest.mark.parametrize(("spec", "error"), BROKEN_STREAMED)
async def test_stream_to_file_broken_body_leaves_no_file_async(
    server: FaultServer, tmp_path: Path, which: str, spec: str, error: Any
) -> None:
    target = tmp_path / "out.bin"
    async with AsyncPortkey(**client_kwargs(server, max_retries=2)) as client:
        async with _binary_call(client, which, spec, streaming=True) as response:
            with pytest.raises(error):
                await response.stream_to_file(target)
    assert not target.exists()
    assert server.requests == 1


@pytest.mark.parametrize(("spec", "error"), BROKEN_STREAMED)
def test_iter_bytes_broken_body_raises_sync(server: FaultServer, spec: str, error: Any) -> None:
    """Iterating never just ends early: the pieces so far, then the error."""
    got = bytearray()
    with Portkey(**client_kwargs(server)) as client:
        with client.files.with_streaming_response.content("file-abc", **fault(spec)) as response:
            with pytest.raises(error):
                for piece in response.iter_bytes():
                    got += piece
    assert len(got) < BINARY_SIZE and payload(BINARY_SIZE).startswith(bytes(got))


@pytest.mark.anyio
@pytest.mark.parametrize(("spec", "error"), BROKEN_STREAMED)
async def test_iter_bytes_broken_body_raises_async(
    server: FaultServer, spec: str, error: Any
) -> None:
    got = bytearray()
    async with AsyncPortkey(**client_kwargs(server)) as client:
        manager = client.files.with_streaming_response.content("file-abc", **fault(spec))
        async with manager as response:
            with pytest.raises(error):
                async for piece in response.iter_bytes():
                    got += piece
    assert len(got) < BINARY_SIZE and payload(BINARY_SIZE).startswith(bytes(got))


@pytest.mark.parametrize("which", CALLS)
def test_corrupt_gzip_binary_sync(server: FaultServer, no_sleep: None, which: str) -> None:
    """A body its gzip encoding cannot decode: the server's fault, not retried, no bytes."""
    with Portkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(APIResponseValidationError, match="decoded") as info:
            _binary_call(client, which, "binary_gzip_corrupt")
    assert info.value.status_code == 200
    assert server.attempts("binary_gzip_corrupt") == 1


@pytest.mark.anyio
@pytest.mark.parametrize("which", CALLS)
async def test_corrupt_gzip_binary_async(server: FaultServer, no_sleep: None, which: str) -> None:
    async with AsyncPortkey(**client_kwargs(server, max_retries=2)) as client:
        with pytest.raises(APIResponseValidationError, match="decoded"):
            await _binary_call(client, which, "binary_gzip_corrupt")
    assert server.attempts("binary_gzip_corrupt") == 1


@pytest.mark.parametrize("spec", ["binary", "binary_gzip"])
def test_whole_binary_streamed_to_file_sync(server: FaultServer, tmp_path: Path, spec: str) -> None:
    """The controls: a whole body (plain or gzip) is written exactly, streamed or read."""
    target = tmp_path / "whole.bin"
    with Portkey(**client_kwargs(server)) as client:
        with _binary_call(client, "audio.speech", spec, streaming=True) as response:
            response.stream_to_file(target)
        assert _binary_call(client, "files.content", spec).content == payload(BINARY_SIZE)
    assert target.read_bytes() == payload(BINARY_SIZE)


@pytest.mark.anyio
@pytest.mark.parametrize("spec", ["binary", "binary_gzip"])
async def test_whole_binary_streamed_to_file_async(
    server: FaultServer, tmp_path: Path, spec: str
) -> None:
    target = tmp_path / "whole.bin"
    async with AsyncPortkey(**client_kwargs(server)) as client:
        async with _binary_call(client, "files.content", spec, streaming=True) as response:
            await response.stream_to_file(target)
    assert target.read_bytes() == payload(BINARY_SIZE)


def test_streamed_corrupt_gzip_error_class_sync(server: FaultServer, tmp_path: Path) -> None:
    with Portkey(**client_kwargs(server)) as client:
        with _binary_call(client, "files.content", "binary_gzip_corrupt", True) as response:
            with pytest.raises(APIResponseValidationError, match="decoded"):
                response.stream_to_file(tmp_path / "out.bin")
