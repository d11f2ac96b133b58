"""Multipart form bodies (file uploads) that stream files from disk instead of reading them
into memory, read them off the event loop in ``AsyncPortkey``, and start again from the
beginning when a request is retried.

A file argument takes what openai-python takes: ``bytes``, a binary file object, an
``os.PathLike``, or a tuple ``(filename, content[, content_type[, headers]])``; each part's
filename, content type and headers are the ones the official SDK (httpx's multipart encoder)
sends for the same argument, and the body's bytes are the same but for the boundary.
"""

from __future__ import annotations

import io
import mimetypes
import os
import re
from pathlib import Path
from typing import (
    IO,
    Any,
    AsyncIterator,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
)

import httpx

from ._progress import OnProgress, Progress
from ._threads import in_thread

__all__ = ["FileInput", "FileRange", "MultipartBody", "file_parts"]

FileContent = Union[bytes, IO[bytes], "os.PathLike[str]"]
FileInput = Union[
    FileContent,
    Tuple[Optional[str], FileContent],
    Tuple[Optional[str], FileContent, Optional[str]],
    Tuple[Optional[str], FileContent, Optional[str], Mapping[str, str]],
]

# Bytes read from a file at a time: small enough to keep a sync upload's memory flat (each
# chunk is held once or twice while it is sent), larger for async, where each read is one
# hop to a worker thread.
_CHUNK = 256 * 1024
_ACHUNK = 1024 * 1024

# httpx's escaping of a name or filename inside Content-Disposition (HTML5 form encoding).
_FORM_ESCAPES = {'"': "%22", "\\": "\\\\"}
_FORM_ESCAPES.update({chr(c): f"%{c:02X}" for c in range(0x20) if c != 0x1B})
_FORM_ESCAPE_RE = re.compile("|".join(re.escape(c) for c in _FORM_ESCAPES))


def _form_param(name: str, value: str) -> bytes:
    return f'{name}="{_FORM_ESCAPE_RE.sub(lambda m: _FORM_ESCAPES[m.group(0)], value)}"'.encode()


class _Source:
    """Where a part's bytes come from: ``size`` (None when unknown) and ``replayable``."""

    size: Optional[int] = None
    replayable = True

    def chunks(self) -> Iterator[bytes]:
        raise NotImplementedError

    def achunks(self) -> AsyncIterator[bytes]:
        raise NotImplementedError


class _Bytes(_Source):
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.size = len(data)

    def chunks(self) -> Iterator[bytes]:
        if self.data:
            yield self.data

    async def achunks(self) -> AsyncIterator[bytes]:
        if self.data:
            yield self.data


class _Path(_Source):
    """A file on disk: opened when the body is sent (again, on a retry), read in chunks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        stat = path.stat()  # FileNotFoundError now, before anything is sent
        if not path.is_file():
            raise IsADirectoryError(f"Not a file: {str(path)!r}")
        self.size = stat.st_size

    def chunks(self) -> Iterator[bytes]:
        with open(self.path, "rb") as file:
            while True:
                chunk = file.read(_CHUNK)
                if not chunk:
                    return
                yield chunk

    async def achunks(self) -> AsyncIterator[bytes]:
        file = await in_thread(open, self.path, "rb")
        try:
            while True:
                chunk = await in_thread(file.read, _ACHUNK)
                if not chunk:
                    return
                yield chunk
        finally:
            await in_thread(file.close)


def _remaining_size(file: Any) -> Optional[int]:
    """A file object's size from its start (it is sent from offset 0, as httpx does)."""
    try:
        return os.fstat(file.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):
        pass
    try:
        here = file.tell()
        size: int = file.seek(0, os.SEEK_END)
        file.seek(here)
        return size
    except (AttributeError, OSError, io.UnsupportedOperation):
        return None


class _File(_Source):
    """A caller's binary file object: sent from its start (rewound on a retry when it can
    seek); never closed here."""

    def __init__(self, file: Any) -> None:
        self.file = file
        try:
            self.replayable = bool(file.seekable())
        except (AttributeError, ValueError):
            self.replayable = False
        self.size = _remaining_size(file) if self.replayable else None

    def _rewind(self) -> None:
        if self.replayable:
            self.file.seek(0)

    def chunks(self) -> Iterator[bytes]:
        self._rewind()
        while True:
            chunk = self.file.read(_CHUNK)
            if not chunk:
                return
            yield bytes(chunk)

    async def achunks(self) -> AsyncIterator[bytes]:
        if self.replayable:
            await in_thread(self.file.seek, 0)
        while True:
            chunk = await in_thread(self.file.read, _ACHUNK)
            if not chunk:
                return
            yield bytes(chunk)


def _source(content: Any, where: str) -> Tuple[_Source, Optional[str]]:
    """The source of a file's content, and the filename httpx would give it."""
    if isinstance(content, (bytes, bytearray, memoryview)):
        return _Bytes(bytes(content)), "upload"
    if isinstance(content, os.PathLike):
        path = Path(content)
        return _Path(path), path.name
    if isinstance(content, io.IOBase) or (hasattr(content, "read") and hasattr(content, "close")):
        if isinstance(content, io.TextIOBase):
            raise TypeError(f"{where}: a file for upload must be opened in binary mode ('rb')")
        if getattr(content, "closed", False):
            raise ValueError(f"{where}: the file is closed")
        return _File(content), Path(str(getattr(content, "name", "upload"))).name
    if isinstance(content, str):
        raise TypeError(
            f"{where}: a str is not a file; pass pathlib.Path({content[:60]!r}) for a path, "
            "or the bytes to upload"
        )
    raise TypeError(
        f"{where}: expected bytes, a binary file object, an os.PathLike or a tuple "
        f"(filename, content[, content_type[, headers]]), not {type(content).__name__}"
    )


class _Part:
    """One file field: its rendered headers and its source."""

    __slots__ = ("headers", "name", "source")

    def __init__(self, name: str, value: Any) -> None:
        where = f"file argument {name!r}"
        headers: Dict[str, str] = {}
        content_type: Optional[str] = None
        if isinstance(value, tuple):
            if not 2 <= len(value) <= 4:
                raise TypeError(f"{where}: a tuple is (filename, content[, type[, headers]])")
            filename = value[0]
            if filename is not None and not isinstance(filename, str):
                raise TypeError(f"{where}: the filename must be a str or None")
            # openai-python reads a path given inside a tuple: the tuple's filename stands
            source, _ = _source(value[1], where)
            if len(value) >= 3:
                content_type = value[2]
            if len(value) == 4:
                headers = dict(value[3])
        else:
            source, filename = _source(value, where)
        if content_type is None and filename:
            content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        if content_type is not None and not any("content-type" in k.lower() for k in headers):
            headers["Content-Type"] = content_type
        parts = [b"Content-Disposition: form-data; ", _form_param("name", name)]
        if filename:
            parts += [b"; ", _form_param("filename", filename)]
        for key, header in headers.items():
            parts += [f"\r\n{key}: ".encode(), header.encode()]
        parts.append(b"\r\n\r\n")
        self.name = name
        self.headers = b"".join(parts)
        self.source = source


def file_parts(name: str, value: Any) -> List[_Part]:
    """The parts of one file parameter: a list (``image=[a, b]``) is ``name[]`` per item,
    as openai-python names them."""
    if isinstance(value, list):
        return [_Part(f"{name}[]", item) for item in value]
    return [_Part(name, value)]


class MultipartBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A ``multipart/form-data`` request body: the plain fields first, then the files, as
    httpx orders them. Each iteration sends the whole body from its start; ``replayable``
    says whether that is possible again after a first attempt (a non-seekable file is not)."""

    def __init__(
        self,
        fields: Sequence[Tuple[str, str]],
        files: Sequence[_Part],
        on_progress: Optional[OnProgress] = None,
        boundary: Optional[bytes] = None,
    ) -> None:
        self.boundary = os.urandom(16).hex().encode("ascii") if boundary is None else boundary
        self._fields = [
            b"--%s\r\nContent-Disposition: form-data; %s\r\n\r\n%s\r\n"
            % (self.boundary, _form_param("name", name), value.encode())
            for name, value in fields
        ]
        self._files = list(files)
        self._end = b"--%s--\r\n" % self.boundary
        sizes = [part.source.size for part in self._files]
        if any(size is None for size in sizes):
            self.length: Optional[int] = None
        else:
            heads = sum(len(self._head(part)) + 2 for part in self._files)
            self.length = sum(map(len, self._fields)) + heads + sum(sizes) + len(self._end)  # type: ignore[arg-type]
        self.replayable = all(part.source.replayable for part in self._files)
        self.started = False
        self._progress = None if on_progress is None else Progress(on_progress, self.length)

    def _head(self, part: _Part) -> bytes:
        return b"--%s\r\n%s" % (self.boundary, part.headers)

    @property
    def headers(self) -> Dict[str, str]:
        """Content-Type (with the boundary), and Content-Length when every size is known."""
        content_type = "multipart/form-data; boundary=" + self.boundary.decode("ascii")
        if self.length is None:
            return {"Content-Type": content_type, "Transfer-Encoding": "chunked"}
        return {"Content-Type": content_type, "Content-Length": str(self.length)}

    def _begin(self) -> Optional[Progress]:
        if self.started and not self.replayable:
            raise RuntimeError("this upload's body cannot be sent twice")  # retries check first
        self.started = True
        if self._progress is not None:
            self._progress.restart()
        return self._progress

    def _pieces(self) -> Iterator[Union[bytes, _Source]]:
        """The body in order: framing bytes, and the sources of the files' bytes."""
        yield from self._fields
        for part in self._files:
            yield self._head(part)
            yield part.source
            yield b"\r\n"
        yield self._end

    def __iter__(self) -> Iterator[bytes]:
        progress = self._begin()
        for piece in self._pieces():
            for chunk in (piece,) if isinstance(piece, bytes) else piece.chunks():
                if progress is not None:
                    progress.advance(len(chunk))
                yield chunk
        if progress is not None:
            progress.finish()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        progress = self._begin()
        for piece in self._pieces():
            if isinstance(piece, bytes):
                if progress is not None:
                    progress.advance(len(piece))
                yield piece
                continue
            async for chunk in piece.achunks():  # file reads in a worker thread
                if progress is not None:
                    progress.advance(len(chunk))
                yield chunk
        if progress is not None:
            progress.finish()


class FileRange(io.RawIOBase):
    """``length`` bytes of the file at ``path`` from ``offset``, as a seekable binary file
    object of its own: one part of a chunked upload, read from disk as it is sent (never the
    whole part in memory). Named ``upload``, as the bytes openai-python sends would be."""

    name = "upload"

    def __init__(self, path: os.PathLike[str], offset: int, length: int) -> None:
        super().__init__()
        self._path = path
        self._offset = offset
        self._length = length
        self._pos = 0
        self._file: Optional[IO[bytes]] = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._length}[whence]
        self._pos = min(max(base + offset, 0), self._length)
        return self._pos

    def read(self, size: Optional[int] = -1) -> bytes:
        """Up to ``size`` bytes of the range, straight from the file (no extra copies)."""
        remaining = self._length - self._pos
        count = remaining if size is None or size < 0 else min(size, remaining)
        if count <= 0:
            return b""
        if self._file is None:
            self._file = open(self._path, "rb")  # noqa: SIM115 (closed in close())
        self._file.seek(self._offset + self._pos)
        data = self._file.read(count)
        self._pos += len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        super().close()
