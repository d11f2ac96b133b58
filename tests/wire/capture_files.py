"""Scenarios and fake upstream for files, uploads, batches, audio and image edits (issue 11).

Part of the yardstick generator ``capture_official.py`` (which imports this module; run that
one). Pure data plus the fake server and the multipart reader: nothing of the official package
is imported here.

File arguments cannot be JSON, so a scenario names them with markers that ``materialise``
turns into the real argument just before the call (the replay test does the same):

* ``{"$bytes": b64}``: ``bytes``;
* ``{"$bytesio": b64, "name": optional}``: an ``io.BytesIO`` (with ``.name`` set if given);
* ``{"$path": filename, "b64": ...}``: a ``pathlib.Path`` to a file of that name, holding
  those bytes, in a fresh temporary directory;
* ``{"$open": filename, "b64": ...}``: the same file opened ``"rb"`` (``.name`` is its full
  path);
* ``{"$tuple": [filename, content, content_type?, headers?]}``: a tuple, ``content`` itself a
  marker.

Multipart requests are recorded with their boundary replaced by ``BOUNDARY`` (same length, so
Content-Length holds) and parsed into parts: name, filename, content type, the part's headers
in order, and the bytes (base64, plus the text when it is short UTF-8).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import pathlib
import re
import wave
from typing import Any, Dict, List, Optional, Tuple

import httpx

PK = "pk-test"
VK = "vk-test"
BASE = {"api_key": PK, "virtual_key": VK}

# The routes of this module that only it has (images.generate is older: its stream scenarios
# are marked by name instead, so the older images.generate captures stay as they were).
ROUTES = {
    "files.create",
    "files.list",
    "files.retrieve",
    "files.delete",
    "files.content",
    "files.retrieve_content",
    "files.wait_for_processing",
    "uploads.create",
    "uploads.parts.create",
    "uploads.complete",
    "uploads.cancel",
    "uploads.upload_file_chunked",
    "batches.create",
    "batches.retrieve",
    "batches.list",
    "batches.cancel",
    "batches.output",
    "audio.speech.create",
    "audio.transcriptions.create",
    "audio.translations.create",
    "images.edit",
    "images.create_variation",
}

# Same length as httpx's boundary (32 hex characters), so Content-Length is unchanged.
BOUNDARY = "BOUNDARY" + "0" * 24

# ---------------------------------------------------------------------------------------------
# File arguments (markers) and test data
# ---------------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def blob(data: bytes) -> Dict[str, Any]:
    return {"$bytes": _b64(data)}


def bytesio(data: bytes, name: Optional[str] = None) -> Dict[str, Any]:
    out: Dict[str, Any] = {"$bytesio": _b64(data)}
    if name is not None:
        out["name"] = name
    return out


def path_file(name: str, data: bytes) -> Dict[str, Any]:
    return {"$path": name, "b64": _b64(data)}


def open_file(name: str, data: bytes) -> Dict[str, Any]:
    return {"$open": name, "b64": _b64(data)}


def tup(*items: Any) -> Dict[str, Any]:
    return {"$tuple": list(items)}


def materialise(obj: Any, tmpdir: pathlib.Path, opened: List[Any]) -> Any:
    """The real call argument for a marker (recursively); files opened are added to
    ``opened`` for the caller to close."""
    if isinstance(obj, list):
        return [materialise(x, tmpdir, opened) for x in obj]
    if not isinstance(obj, dict):
        return obj
    if "$bytes" in obj:
        return base64.b64decode(obj["$bytes"])
    if "$bytesio" in obj:
        buf = io.BytesIO(base64.b64decode(obj["$bytesio"]))
        if "name" in obj:
            buf.name = obj["name"]
        return buf
    if "$path" in obj or "$open" in obj:
        name = obj.get("$path") or obj["$open"]
        target = tmpdir / f"d{len(list(tmpdir.iterdir()))}"
        target.mkdir()
        path = target / name
        path.write_bytes(base64.b64decode(obj["b64"]))
        if "$path" in obj:
            return path
        handle = open(path, "rb")  # noqa: SIM115 - closed by the caller
        opened.append(handle)
        return handle
    if "$tuple" in obj:
        return tuple(materialise(x, tmpdir, opened) for x in obj["$tuple"])
    return {k: materialise(v, tmpdir, opened) for k, v in obj.items()}


JSONL = (
    b'{"custom_id": "request-1", "method": "POST", "url": "/v1/chat/completions", '
    b'"body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]}}\n'
)
# A 1x1 PNG (its bytes are not UTF-8: the multipart body is binary).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2216bbc0000000049454e44ae426082"
)
MASK_PNG = PNG[:-12] + bytes.fromhex("0000000049454e44ae426082")  # same shape, its own object
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _wav() -> bytes:
    """0.25 s of 8 kHz mono 8-bit silence: the official reads its duration from the file."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(8000)
        w.writeframes(b"\x80" * 2000)
    return buf.getvalue()


WAV = _wav()
# What the fake server answers for speech: binary (not UTF-8) audio bytes.
SPEECH_BYTES = b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(range(256)) + b"\xff\xfb\x90\x00"
FILE_CONTENT = JSONL + b'{"custom_id": "request-2", "method": "POST", "url": "/v1/x"}\n'
BATCH_OUTPUT = (
    b'{"id": "batch_req_1", "custom_id": "request-1", "response": {"status_code": 200, '
    b'"request_id": "req_1", "body": {"id": "chatcmpl-1", "object": "chat.completion"}}, '
    b'"error": null}\n'
)

# ---------------------------------------------------------------------------------------------
# Multipart reading (for the fake server and for the record)
# ---------------------------------------------------------------------------------------------

_BOUNDARY_RE = re.compile(r'boundary="?([^";]+)"?')


def boundary_of(content_type: Optional[str]) -> Optional[str]:
    if not content_type or not content_type.lower().startswith("multipart/form-data"):
        return None
    m = _BOUNDARY_RE.search(content_type)
    return m.group(1) if m else None


def _disposition(value: str) -> Dict[str, str]:
    out: Dict[str, str] = {}
    for m in re.finditer(r';\s*([A-Za-z*]+)="((?:[^"\\]|\\.)*)"', value):
        out[m.group(1).lower()] = m.group(2)
    return out


def parse_multipart(body: bytes, boundary: str) -> List[Dict[str, Any]]:
    """The parts of a multipart/form-data body, in order."""
    delim = b"--" + boundary.encode("latin-1")
    chunks = body.split(delim)
    parts = []
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        chunk = chunk[2:] if chunk.startswith(b"\r\n") else chunk
        head, _, data = chunk.partition(b"\r\n\r\n")
        if data.endswith(b"\r\n"):
            data = data[:-2]
        headers: List[List[str]] = []
        for line in head.split(b"\r\n"):
            if line:
                k, _, v = line.decode("utf-8", "replace").partition(":")
                headers.append([k.strip(), v.strip()])
        lower = {k.lower(): v for k, v in headers}
        disp = _disposition(lower.get("content-disposition", ""))
        part: Dict[str, Any] = {
            "name": disp.get("name"),
            "filename": disp.get("filename"),
            "content_type": lower.get("content-type"),
            "headers": headers,
            "size": len(data),
            "b64": _b64(data),
        }
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and len(text) <= 2000:
            part["text"] = text
        parts.append(part)
    return parts


def _fields(request: httpx.Request) -> Dict[str, Any]:
    """Form fields (text) and files (bytes) of a multipart request; JSON body otherwise."""
    boundary = boundary_of(request.headers.get("content-type"))
    if boundary is None:
        try:
            body = json.loads(request.content or b"{}")
        except ValueError:
            return {}
        return body if isinstance(body, dict) else {}
    out: Dict[str, Any] = {}
    for part in parse_multipart(request.content, boundary):
        data = base64.b64decode(part["b64"])
        if part["filename"] is not None:
            out[part["name"]] = {"filename": part["filename"], "bytes": data}
        else:
            out[part["name"]] = data.decode("utf-8", "replace")
    return out


def record_request(req: httpx.Request) -> Dict[str, Any]:
    """The record of a request on these routes: boundary normalised, parts parsed, the raw
    body kept as base64 (it may be binary) and as text when it is UTF-8."""
    headers = [[k.lower(), v] for k, v in req.headers.multi_items()]
    content = req.content or b""
    boundary = boundary_of(req.headers.get("content-type"))
    parts = None
    if boundary is not None:
        content = content.replace(boundary.encode("latin-1"), BOUNDARY.encode("latin-1"))
        headers = [[k, v.replace(boundary, BOUNDARY)] for k, v in headers]
        parts = parse_multipart(content, BOUNDARY)
    try:
        raw = content.decode("utf-8") if content else None
    except UnicodeDecodeError:
        raw = None
    body = None
    if raw and parts is None:
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
    return {
        "method": req.method,
        "url": str(req.url),
        "headers": sorted(headers),
        "header_order": [k.decode("latin-1") for k, _ in req.headers.raw],
        "body_json": body,
        "body_raw": raw,
        "body_b64": _b64(content) if content else None,
        "multipart": parts,
    }


def record_answer(a: httpx.Response) -> Dict[str, Any]:
    """What the fake server answered (binary bodies as base64)."""
    out: Dict[str, Any] = {
        "status": a.status_code,
        "headers": sorted([k.lower(), v] for k, v in a.headers.multi_items()),
    }
    try:
        out["body"] = a.content.decode("utf-8")
    except UnicodeDecodeError:
        out["body_b64"] = _b64(a.content)
    return out


# ---------------------------------------------------------------------------------------------
# Bodies (shaped after the OpenAI spec's examples)
# ---------------------------------------------------------------------------------------------

CREATED = 1719184911


def file_object(
    fid: str = "file-abc123",
    *,
    filename: str = "mydata.jsonl",
    size: int = 120000,
    purpose: str = "fine-tune",
) -> Dict[str, Any]:
    return {
        "id": fid,
        "object": "file",
        "bytes": size,
        "created_at": CREATED,
        "expires_at": None,
        "filename": filename,
        "purpose": purpose,
        "status": "processed",
        "status_details": None,
    }


def _page(items: List[Dict[str, Any]], has_more: bool) -> Dict[str, Any]:
    return {
        "object": "list",
        "data": items,
        "first_id": items[0]["id"] if items else None,
        "last_id": items[-1]["id"] if items else None,
        "has_more": has_more,
    }


def _files_page(after: Optional[str]) -> Dict[str, Any]:
    if after == "file-2":
        return _page([file_object("file-3", filename="c.jsonl", purpose="batch")], False)
    return _page(
        [file_object("file-1", filename="a.jsonl"), file_object("file-2", filename="b.jsonl")],
        True,
    )


UPLOAD_ID = "upload_abc123"


def upload_object(status: str = "pending", **extra: Any) -> Dict[str, Any]:
    out = {
        "id": UPLOAD_ID,
        "object": "upload",
        "bytes": 2147483648,
        "created_at": CREATED,
        "filename": "training_examples.jsonl",
        "purpose": "fine-tune",
        "status": status,
        "expires_at": CREATED + 3600,
        "file": None,
    }
    out.update(extra)
    return out


BATCH_ID = "batch_abc123"


def batch_object(bid: str = BATCH_ID, status: str = "validating", **extra: Any) -> Dict[str, Any]:
    out = {
        "id": bid,
        "object": "batch",
        "endpoint": "/v1/chat/completions",
        "model": "gpt-4o-mini",
        "errors": None,
        "input_file_id": "file-abc123",
        "completion_window": "24h",
        "status": status,
        "output_file_id": None,
        "error_file_id": None,
        "created_at": 1711471533,
        "in_progress_at": None,
        "expires_at": 1711557933,
        "finalizing_at": None,
        "completed_at": None,
        "failed_at": None,
        "expired_at": None,
        "cancelling_at": None,
        "cancelled_at": None,
        "request_counts": {"total": 0, "completed": 0, "failed": 0},
        "usage": None,
        "metadata": None,
    }
    out.update(extra)
    return out


def _batches_page(after: Optional[str]) -> Dict[str, Any]:
    if after == "batch_2":
        return _page([batch_object("batch_3", status="completed")], False)
    return _page([batch_object("batch_1"), batch_object("batch_2", status="in_progress")], True)


TRANSCRIPT = "Hello world. This is a test."
TOKENS_USAGE = {
    "type": "tokens",
    "input_tokens": 14,
    "input_token_details": {"text_tokens": 0, "audio_tokens": 14},
    "output_tokens": 45,
    "total_tokens": 59,
}
VERBOSE = {
    "task": "transcribe",
    "language": "english",
    "duration": 0.25,
    "text": TRANSCRIPT,
    "segments": [
        {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": 0.25,
            "text": TRANSCRIPT,
            "tokens": [50364, 2425, 1002],
            "temperature": 0.0,
            "avg_logprob": -0.28,
            "compression_ratio": 1.2,
            "no_speech_prob": 0.01,
        }
    ],
    "words": [
        {"word": "Hello", "start": 0.0, "end": 0.1},
        {"word": "world", "start": 0.1, "end": 0.25},
    ],
    "usage": {"type": "duration", "seconds": 1},
}
DIARIZED = {
    "task": "transcribe",
    "duration": 0.25,
    "text": TRANSCRIPT,
    "segments": [
        {
            "type": "transcript.text.segment",
            "id": "seg_001",
            "start": 0.0,
            "end": 0.1,
            "text": "Hello world.",
            "speaker": "agent",
        },
        {
            "type": "transcript.text.segment",
            "id": "seg_002",
            "start": 0.1,
            "end": 0.25,
            "text": "This is a test.",
            "speaker": "A",
        },
    ],
    "usage": {"type": "duration", "seconds": 1},
}
TEXT_FORMATS = {
    "text": TRANSCRIPT + "\n",
    "srt": "1\n00:00:00,000 --> 00:00:00,250\n" + TRANSCRIPT + "\n\n",
    "vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:00.250\n" + TRANSCRIPT + "\n\n",
}
IMAGE_B64 = _b64(PNG)
IMAGE_USAGE = {
    "input_tokens": 50,
    "input_tokens_details": {"image_tokens": 40, "text_tokens": 10},
    "output_tokens": 50,
    "total_tokens": 100,
}
IMAGES_RESPONSE = {
    "created": 1713833628,
    "background": "opaque",
    "output_format": "png",
    "quality": "low",
    "size": "1024x1024",
    "data": [{"b64_json": IMAGE_B64}],
    "usage": IMAGE_USAGE,
}
VARIATIONS = {
    "created": 1713833628,
    "data": [
        {"url": "https://img.example.com/v1.png"},
        {"url": "https://img.example.com/v2.png"},
    ],
}


def _sse_lines(events: List[Dict[str, Any]], named: bool) -> bytes:
    out = []
    for e in events:
        data = json.dumps(e, separators=(",", ":"))
        out.append((f"event: {e['type']}\n" if named else "") + f"data: {data}\n\n")
    return "".join(out).encode()


def _speech_sse() -> bytes:
    half = len(SPEECH_BYTES) // 2
    return _sse_lines(
        [
            {"type": "speech.audio.delta", "audio": _b64(SPEECH_BYTES[:half])},
            {"type": "speech.audio.delta", "audio": _b64(SPEECH_BYTES[half:])},
            {
                "type": "speech.audio.done",
                "usage": {"input_tokens": 14, "output_tokens": 101, "total_tokens": 115},
            },
        ],
        named=False,
    )


def _transcript_sse() -> bytes:
    logprob = [{"token": "Hello", "logprob": -0.01, "bytes": [72, 101, 108, 108, 111]}]
    return _sse_lines(
        [
            {"type": "transcript.text.delta", "delta": "Hello", "logprobs": logprob},
            {"type": "transcript.text.delta", "delta": " world. This is a test."},
            {
                "type": "transcript.text.done",
                "text": TRANSCRIPT,
                "logprobs": logprob,
                "usage": TOKENS_USAGE,
            },
        ],
        named=False,
    )


def _image_sse(prefix: str) -> bytes:
    common = {
        "created_at": 1713833628,
        "size": "1024x1024",
        "quality": "low",
        "background": "opaque",
        "output_format": "png",
    }
    return _sse_lines(
        [
            {
                "type": f"{prefix}.partial_image",
                "b64_json": IMAGE_B64,
                "partial_image_index": 0,
                **common,
            },
            {"type": f"{prefix}.completed", "b64_json": IMAGE_B64, "usage": IMAGE_USAGE, **common},
        ],
        named=True,
    )


# ---------------------------------------------------------------------------------------------
# The fake server for these routes
# ---------------------------------------------------------------------------------------------


def respond(request: httpx.Request, headers: Dict[str, str]) -> Optional[httpx.Response]:
    """The answer for a route of this module, or None for the other routes."""
    path = request.url.path
    method = request.method
    query = request.url.params
    fields = _fields(request)

    def ok(payload: Any) -> httpx.Response:
        return httpx.Response(200, headers=headers, json=payload)

    def raw(data: bytes, content_type: str) -> httpx.Response:
        return httpx.Response(200, headers={**headers, "content-type": content_type}, content=data)

    if "/v1/files" in path:
        rest = [p for p in path.split("/v1/files", 1)[1].split("/") if p]
        if not rest:
            if method == "POST":
                upload = fields.get("file") or {}
                if not isinstance(upload, dict):  # a file part without a filename
                    upload = {"filename": None, "bytes": upload.encode()}
                return ok(
                    file_object(
                        filename=upload.get("filename") or "",
                        size=len(upload.get("bytes") or b""),
                        purpose=fields.get("purpose") or "",
                    )
                )
            return ok(_files_page(query.get("after")))
        if len(rest) == 2 and rest[1] == "content":
            return raw(FILE_CONTENT, "application/octet-stream")
        if method == "DELETE":
            return ok({"id": rest[0], "object": "file", "deleted": True})
        return ok(file_object(rest[0]))
    if "/v1/uploads" in path:
        rest = [p for p in path.split("/v1/uploads", 1)[1].split("/") if p]
        if not rest:
            return ok(
                upload_object(
                    bytes=fields.get("bytes"),
                    filename=fields.get("filename"),
                    purpose=fields.get("purpose"),
                )
            )
        if rest[-1] == "parts":
            data = (fields.get("data") or {}).get("bytes") or b""
            return ok(
                {
                    "id": "part_" + hashlib.sha256(data).hexdigest()[:12],
                    "object": "upload.part",
                    "created_at": CREATED + 10,
                    "upload_id": rest[0],
                }
            )
        if rest[-1] == "complete":
            done = file_object("file-xyz321", filename="training_examples.jsonl")
            return ok(upload_object("completed", file=done))
        if rest[-1] == "cancel":
            return ok(upload_object("cancelled"))
        return None
    if "/v1/batches" in path:
        rest = [p for p in path.split("/v1/batches", 1)[1].split("/") if p]
        if not rest:
            if method == "POST":
                return ok(
                    batch_object(
                        endpoint=fields.get("endpoint"),
                        input_file_id=fields.get("input_file_id"),
                        completion_window=fields.get("completion_window"),
                        metadata=fields.get("metadata"),
                    )
                )
            return ok(_batches_page(query.get("after")))
        if rest[-1] == "output":
            return raw(BATCH_OUTPUT, "application/octet-stream")
        if rest[-1] == "cancel":
            return ok(batch_object(rest[0], status="cancelling", cancelling_at=1711475133))
        return ok(batch_object(rest[0], status="in_progress", in_progress_at=1711471538))
    if path.endswith("/v1/audio/speech"):
        if fields.get("stream_format") == "sse":
            return raw(_speech_sse(), "text/event-stream")
        return raw(SPEECH_BYTES, "audio/mpeg")
    if path.endswith("/v1/audio/transcriptions") or path.endswith("/v1/audio/translations"):
        if fields.get("stream") == "true":
            return raw(_transcript_sse(), "text/event-stream")
        fmt = fields.get("response_format") or "json"
        if fmt in TEXT_FORMATS:
            return raw(TEXT_FORMATS[fmt].encode(), "text/plain; charset=utf-8")
        if fmt == "verbose_json":
            if path.endswith("/translations"):
                return ok({k: v for k, v in VERBOSE.items() if k != "words"})
            return ok(VERBOSE)
        if fmt == "diarized_json":
            return ok(DIARIZED)
        if path.endswith("/translations"):
            return ok({"text": TRANSCRIPT})
        return ok({"text": TRANSCRIPT, "usage": TOKENS_USAGE})
    if path.endswith("/v1/images/edits"):
        if fields.get("stream") == "true":
            return raw(_image_sse("image_edit"), "text/event-stream")
        return ok(IMAGES_RESPONSE)
    if path.endswith("/v1/images/variations"):
        return ok(VARIATIONS)
    if path.endswith("/v1/images/generations") and fields.get("stream") is True:
        return raw(_image_sse("image_generation"), "text/event-stream")
    return None


# ---------------------------------------------------------------------------------------------
# What the official returned (beyond the requests)
# ---------------------------------------------------------------------------------------------


def record_result(result: Dict[str, Any], s: Dict[str, Any], resp: Any) -> None:
    """Binary contents, stream events, list ids, text results."""
    result["response_type"] = type(resp).__name__.split("[")[0]
    kwargs = s["call"]["kwargs"]
    if result["response_type"] == "ResponseContextManager":
        # speech.create(stream=True): openai's with_streaming_response context manager
        with resp as streamed:
            result["response_bytes_b64"] = _b64(streamed.read())
        return
    if kwargs.get("stream") is True:
        events = list(resp)
        result["stream_chunks"] = len(events)
        result["stream_event_types"] = [e.type for e in events]
        return
    if hasattr(resp, "get_headers"):
        result["response_get_headers"] = resp.get_headers()
    if isinstance(resp, str):
        result["response_text"] = resp
    elif isinstance(getattr(resp, "content", None), bytes):  # binary: the bytes, no text
        result["response_bytes_b64"] = _b64(resp.content)
        return
    data = getattr(resp, "data", None)
    if isinstance(data, list) and any(getattr(item, "id", None) for item in data):
        result["data_ids"] = [getattr(item, "id", None) for item in data]
    text = getattr(resp, "text", None)
    if isinstance(text, str) and "response_text" not in result:
        result["response_text"] = text
    ident = getattr(resp, "id", None)
    if isinstance(ident, str):
        result["response_id"] = ident
        result["response_status"] = getattr(resp, "status", None)


# ---------------------------------------------------------------------------------------------
# Scenarios (pure data)
# ---------------------------------------------------------------------------------------------


def sc(
    name: str,
    client: Dict[str, Any],
    call: Dict[str, Any],
    *,
    doc: str = "",
    env: Optional[Dict[str, str]] = None,
    with_options: Optional[Dict[str, Any]] = None,
    upstream_statuses: Optional[List[Any]] = None,
) -> Dict[str, Any]:
    """Same shape as capture_official.sc."""
    return {
        "name": name,
        "doc": doc,
        "env": env or {},
        "client": client,
        "with_options": with_options,
        "call": call,
        "upstream_statuses": upstream_statuses,
    }


def call(path: str, **kwargs: Any) -> Dict[str, Any]:
    return {"path": path, "kwargs": kwargs}


FC = "files.create"
CALL_OPTIONS = {
    "extra_headers": {"x-custom": "1"},
    "extra_query": {"q": "1"},
    "extra_body": {"z": 1},
    "timeout": 5,
}
PROVIDER_OPTIONS = {
    **BASE,
    "provider": "bedrock",
    "aws_region": "us-east-1",
    "provider_file_name": "provider-name.jsonl",
    "aws_s3_bucket": "my-bucket",
    "aws_s3_object_key": "in/batch.jsonl",
    "provider_model": "anthropic.claude-3-haiku",
}
VERTEX_OPTIONS = {
    **BASE,
    "provider": "vertex-ai",
    "vertex_project_id": "proj-1",
    "vertex_region": "us-central1",
    "vertex_storage_bucket_name": "vertex-bucket",
    "provider_file_name": "vertex-file.jsonl",
    "provider_model": "gemini-1.5-flash-001",
}
WAV_FILE = open_file("speech.wav", WAV)
TR = "audio.transcriptions.create"
TL = "audio.translations.create"
SP = "audio.speech.create"
EDIT = "images.edit"
VAR = "images.create_variation"
UP = "uploads"

SCENARIOS: List[Dict[str, Any]] = [
    # ---- files.create: each file argument form ----
    sc("files_create_bytes", BASE, call(FC, file=blob(JSONL), purpose="fine-tune")),
    sc(
        "files_create_fileobj",
        BASE,
        call(FC, file=open_file("train.jsonl", JSONL), purpose="batch"),
    ),
    sc("files_create_bytesio", BASE, call(FC, file=bytesio(JSONL), purpose="batch")),
    sc(
        "files_create_bytesio_named",
        BASE,
        call(FC, file=bytesio(JSONL, name="dir/named.json"), purpose="batch"),
        doc="a BytesIO with a .name: its last path component is the filename",
    ),
    sc(
        "files_create_pathlike",
        BASE,
        call(FC, file=path_file("data.jsonl", JSONL), purpose="assistants"),
    ),
    sc(
        "files_create_pathlike_pdf",
        BASE,
        call(FC, file=path_file("paper.pdf", PDF), purpose="user_data"),
    ),
    sc(
        "files_create_tuple2", BASE, call(FC, file=tup("input.jsonl", blob(JSONL)), purpose="batch")
    ),
    sc(
        "files_create_tuple2_pdf",
        BASE,
        call(FC, file=tup("paper.pdf", blob(PDF)), purpose="user_data"),
    ),
    sc(
        "files_create_tuple2_noext",
        BASE,
        call(FC, file=tup("README", blob(JSONL)), purpose="batch"),
    ),
    sc(
        "files_create_tuple3",
        BASE,
        call(FC, file=tup("input.jsonl", blob(JSONL), "application/jsonl"), purpose="batch"),
    ),
    sc(
        "files_create_tuple4",
        BASE,
        call(
            FC,
            file=tup("input.jsonl", blob(JSONL), "application/jsonl", {"x-part": "1"}),
            purpose="batch",
        ),
    ),
    sc(
        "files_create_tuple_none_filename",
        BASE,
        call(FC, file=tup(None, blob(JSONL), "application/jsonl"), purpose="batch"),
    ),
    sc(
        "files_create_tuple_pathlike",
        BASE,
        call(FC, file=tup("renamed.jsonl", path_file("orig.jsonl", JSONL)), purpose="batch"),
    ),
    sc(
        "files_create_tuple_fileobj",
        BASE,
        call(FC, file=tup("renamed.jsonl", open_file("orig.jsonl", JSONL)), purpose="batch"),
    ),
    sc(
        "files_create_unicode_filename",
        BASE,
        call(FC, file=tup('donn\u00e9es "x".jsonl', blob(JSONL)), purpose="batch"),
    ),
    sc("files_create_binary", BASE, call(FC, file=tup("img.png", blob(PNG)), purpose="vision")),
    sc(
        "files_create_expires_after",
        BASE,
        call(
            FC,
            file=blob(JSONL),
            purpose="batch",
            expires_after={"anchor": "created_at", "seconds": 3600},
        ),
    ),
    sc(
        "files_create_call_options",
        BASE,
        call(FC, file=blob(JSONL), purpose="batch", **CALL_OPTIONS),
    ),
    sc(
        "files_create_provider_options",
        PROVIDER_OPTIONS,
        call(FC, file=blob(JSONL), purpose="batch"),
    ),
    sc(
        "files_create_vertex_options",
        VERTEX_OPTIONS,
        call(FC, file=open_file("v.jsonl", JSONL), purpose="batch"),
    ),
    sc(
        "files_create_error_500_fileobj",
        BASE,
        call(FC, file=open_file("retry.jsonl", JSONL), purpose="batch"),
        upstream_statuses=[500],
        doc="a retried upload of a file object: what the second request carries",
    ),
    sc(
        "files_create_error_500_bytes",
        BASE,
        call(FC, file=blob(JSONL), purpose="batch"),
        upstream_statuses=[500],
    ),
    sc("files_create_wrong_type", BASE, call(FC, file="not a file", purpose="batch")),
    sc("files_create_missing_path", BASE, call(FC, file={"$missing": True}, purpose="batch")),
    # ---- files: the rest ----
    sc("files_list", BASE, call("files.list")),
    sc(
        "files_list_params",
        BASE,
        call("files.list", purpose="batch", order="desc", limit=2, after="file-0"),
    ),
    sc("files_list_page2", BASE, call("files.list", limit=2, after="file-2")),
    sc(
        "files_list_call_options",
        BASE,
        call(
            "files.list",
            limit=2,
            extra_headers={"x-custom": "1"},
            extra_query={"q": "1"},
            timeout=5,
        ),
    ),
    sc("files_retrieve", BASE, call("files.retrieve", file_id="file-abc123")),
    sc(
        "files_retrieve_call_options",
        BASE,
        call(
            "files.retrieve",
            file_id="file-abc123",
            extra_headers={"x-custom": "1"},
            extra_query={"q": "1"},
        ),
    ),
    sc("files_retrieve_escaped", BASE, call("files.retrieve", file_id="file/1 ?#x")),
    sc("files_delete", BASE, call("files.delete", file_id="file-abc123")),
    sc("files_content", BASE, call("files.content", file_id="file-abc123")),
    sc(
        "files_content_call_options",
        BASE,
        call("files.content", file_id="file-abc123", extra_headers={"x-custom": "1"}),
    ),
    sc("files_retrieve_content", BASE, call("files.retrieve_content", file_id="file-abc123")),
    sc(
        "files_wait_for_processing",
        BASE,
        call("files.wait_for_processing", id="file-abc123", poll_interval=0),
    ),
    # ---- uploads ----
    sc(
        "uploads_create",
        BASE,
        call(
            f"{UP}.create",
            bytes=2147483648,
            filename="training_examples.jsonl",
            mime_type="text/jsonl",
            purpose="fine-tune",
        ),
    ),
    sc(
        "uploads_create_expires_after",
        BASE,
        call(
            f"{UP}.create",
            bytes=10,
            filename="t.jsonl",
            mime_type="text/jsonl",
            purpose="batch",
            expires_after={"anchor": "created_at", "seconds": 7200},
            extra_headers={"x-custom": "1"},
        ),
    ),
    sc(
        "uploads_create_provider_options",
        PROVIDER_OPTIONS,
        call(f"{UP}.create", bytes=10, filename="t.jsonl", mime_type="text/jsonl", purpose="batch"),
    ),
    sc(
        "uploads_parts_create_bytes",
        BASE,
        call(f"{UP}.parts.create", upload_id=UPLOAD_ID, data=blob(JSONL)),
    ),
    sc(
        "uploads_parts_create_fileobj",
        BASE,
        call(f"{UP}.parts.create", upload_id=UPLOAD_ID, data=open_file("chunk.bin", PNG)),
    ),
    sc(
        "uploads_parts_create_tuple",
        BASE,
        call(
            f"{UP}.parts.create",
            upload_id=UPLOAD_ID,
            data=tup("part0", blob(PNG), "application/octet-stream"),
        ),
    ),
    sc(
        "uploads_complete",
        BASE,
        call(
            f"{UP}.complete",
            upload_id=UPLOAD_ID,
            part_ids=["part_b", "part_a"],
            md5="0f2e1b0a6d3c4b5a",
        ),
    ),
    sc(
        "uploads_complete_no_md5",
        BASE,
        call(f"{UP}.complete", upload_id=UPLOAD_ID, part_ids=["part_a"]),
    ),
    sc("uploads_cancel", BASE, call(f"{UP}.cancel", upload_id=UPLOAD_ID)),
    sc(
        "uploads_upload_file_chunked_path",
        BASE,
        call(
            f"{UP}.upload_file_chunked",
            file=path_file("chunked.jsonl", b"0123456789"),
            mime_type="text/jsonl",
            purpose="fine-tune",
            part_size=4,
        ),
        doc="create, then parts of part_size bytes in order, then complete with their ids",
    ),
    sc(
        "uploads_upload_file_chunked_bytes",
        BASE,
        call(
            f"{UP}.upload_file_chunked",
            file=blob(b"abcdefghij"),
            filename="mem.jsonl",
            bytes=10,
            mime_type="text/jsonl",
            purpose="batch",
            part_size=6,
            md5="e807f1fcf82d132f9bb018ca6738a19f",
        ),
    ),
    sc(
        "uploads_upload_file_chunked_bytes_no_filename",
        BASE,
        call(
            f"{UP}.upload_file_chunked", file=blob(b"abc"), mime_type="text/jsonl", purpose="batch"
        ),
    ),
    # ---- batches ----
    sc(
        "batches_create",
        BASE,
        call(
            "batches.create",
            completion_window="24h",
            endpoint="/v1/chat/completions",
            input_file_id="file-abc123",
            metadata={"customer_id": "user_123456789"},
        ),
    ),
    sc(
        "batches_create_kwargs",
        BASE,
        call(
            "batches.create",
            completion_window="24h",
            endpoint="/v1/responses",
            input_file_id="file-abc123",
            output_expires_after={"anchor": "created_at", "seconds": 86400},
            extra_headers={"x-custom": "1"},
        ),
        doc="output_expires_after is not a named parameter: it rides in extra_body",
    ),
    sc(
        "batches_create_provider_options",
        PROVIDER_OPTIONS,
        call(
            "batches.create",
            completion_window="24h",
            endpoint="/v1/chat/completions",
            input_file_id="file-abc123",
        ),
    ),
    sc("batches_retrieve", BASE, call("batches.retrieve", batch_id=BATCH_ID)),
    sc("batches_list", BASE, call("batches.list")),
    sc("batches_list_params", BASE, call("batches.list", limit=2, after="batch_2")),
    sc(
        "batches_list_call_options",
        BASE,
        call("batches.list", limit=2, extra_headers={"x-custom": "1"}, extra_query={"q": "1"}),
    ),
    sc("batches_cancel", BASE, call("batches.cancel", batch_id=BATCH_ID)),
    sc("batches_output", BASE, call("batches.output", batch_id=BATCH_ID)),
    # ---- audio.speech ----
    sc(
        "audio_speech_create",
        BASE,
        call(
            SP, model="gpt-4o-mini-tts", voice="alloy", input="Hello world", response_format="mp3"
        ),
    ),
    sc(
        "audio_speech_create_options",
        BASE,
        call(
            SP,
            model="gpt-4o-mini-tts",
            voice="coral",
            input="Hi",
            speed=1.25,
            instructions="Cheerful",
            extra_headers={"x-custom": "1"},
        ),
    ),
    sc(
        "audio_speech_create_sse",
        BASE,
        call(SP, model="gpt-4o-mini-tts", voice="alloy", input="Hi", stream_format="sse"),
    ),
    sc(
        "audio_speech_create_stream",
        BASE,
        call(SP, model="tts-1", voice="alloy", input="Hi", stream=True),
    ),
    # ---- audio.transcriptions ----
    sc(
        "audio_transcriptions_json",
        BASE,
        call(TR, file=WAV_FILE, model="gpt-4o-transcribe", response_format="json"),
    ),
    sc("audio_transcriptions_default", BASE, call(TR, file=WAV_FILE, model="whisper-1")),
    sc(
        "audio_transcriptions_verbose_json",
        BASE,
        call(
            TR,
            file=WAV_FILE,
            model="whisper-1",
            response_format="verbose_json",
            timestamp_granularities=["word", "segment"],
        ),
    ),
    sc(
        "audio_transcriptions_text",
        BASE,
        call(TR, file=WAV_FILE, model="whisper-1", response_format="text"),
    ),
    sc(
        "audio_transcriptions_srt",
        BASE,
        call(TR, file=WAV_FILE, model="whisper-1", response_format="srt"),
    ),
    sc(
        "audio_transcriptions_vtt",
        BASE,
        call(TR, file=WAV_FILE, model="whisper-1", response_format="vtt"),
    ),
    sc(
        "audio_transcriptions_diarized_json",
        BASE,
        call(
            TR,
            file=WAV_FILE,
            model="gpt-4o-transcribe-diarize",
            response_format="diarized_json",
            chunking_strategy="auto",
            known_speaker_names=["agent"],
            known_speaker_references=["data:audio/wav;base64,AAA="],
        ),
    ),
    sc(
        "audio_transcriptions_options",
        BASE,
        call(
            TR,
            file=WAV_FILE,
            model="gpt-4o-transcribe",
            language="en",
            prompt="A test.",
            temperature=0.2,
            include=["logprobs"],
            chunking_strategy={
                "type": "server_vad",
                "prefix_padding_ms": 300,
                "silence_duration_ms": 500,
                "threshold": 0.5,
            },
            extra_headers={"x-custom": "1"},
        ),
    ),
    sc(
        "audio_transcriptions_stream",
        BASE,
        call(TR, file=WAV_FILE, model="gpt-4o-mini-transcribe", stream=True, include=["logprobs"]),
    ),
    sc(
        "audio_transcriptions_no_duration",
        {**BASE, "calculate_audio_duration": False},
        call(TR, file=WAV_FILE, model="whisper-1"),
    ),
    sc(
        "audio_transcriptions_mp3_name",
        BASE,
        call(TR, file=open_file("speech.m4a", WAV), model="whisper-1"),
        doc="an extension whose duration cannot be read from these bytes: no duration header",
    ),
    sc("audio_transcriptions_bytes", BASE, call(TR, file=blob(WAV), model="whisper-1")),
    sc(
        "audio_transcriptions_tuple",
        BASE,
        call(TR, file=tup("speech.wav", blob(WAV), "audio/wav"), model="whisper-1"),
    ),
    sc(
        "audio_transcriptions_pathlike",
        BASE,
        call(TR, file=path_file("speech.wav", WAV), model="whisper-1"),
    ),
    sc(
        "audio_transcriptions_bytesio_named",
        BASE,
        call(TR, file=bytesio(WAV, name="mem.wav"), model="whisper-1"),
    ),
    # ---- audio.translations ----
    sc(
        "audio_translations_create",
        BASE,
        call(TL, file=WAV_FILE, model="whisper-1", prompt="A test.", temperature=0.0),
    ),
    sc(
        "audio_translations_text",
        BASE,
        call(TL, file=WAV_FILE, model="whisper-1", response_format="text"),
    ),
    sc(
        "audio_translations_verbose_json",
        BASE,
        call(TL, file=WAV_FILE, model="whisper-1", response_format="verbose_json"),
    ),
    # ---- images.edit / create_variation / generate(stream) ----
    sc(
        "images_edit_one",
        BASE,
        call(EDIT, image=open_file("cat.png", PNG), prompt="Add a hat", model="gpt-image-1"),
    ),
    sc("images_edit_bytes", BASE, call(EDIT, image=blob(PNG), prompt="Add a hat")),
    sc(
        "images_edit_list",
        BASE,
        call(
            EDIT,
            image=[open_file("a.png", PNG), open_file("b.png", MASK_PNG)],
            prompt="Combine",
            model="gpt-image-1",
        ),
    ),
    sc(
        "images_edit_list_tuples",
        BASE,
        call(
            EDIT,
            image=[tup("a.png", blob(PNG), "image/png"), tup("b.webp", blob(MASK_PNG))],
            prompt="Combine",
        ),
    ),
    sc(
        "images_edit_mask",
        BASE,
        call(
            EDIT,
            image=open_file("cat.png", PNG),
            mask=path_file("mask.png", MASK_PNG),
            prompt="Add a hat",
            model="gpt-image-1",
            input_fidelity="high",
            background="transparent",
            output_format="webp",
            output_compression=50,
            quality="low",
            size="1024x1024",
            n=1,
            user="user-1",
        ),
    ),
    sc(
        "images_edit_stream",
        BASE,
        call(
            EDIT,
            image=open_file("cat.png", PNG),
            prompt="Add a hat",
            model="gpt-image-1",
            stream=True,
            partial_images=1,
        ),
    ),
    sc(
        "images_edit_call_options",
        BASE,
        call(EDIT, image=blob(PNG), prompt="Add a hat", **CALL_OPTIONS),
    ),
    sc(
        "images_edit_unknown_kwarg",
        BASE,
        call(EDIT, image=blob(PNG), prompt="Add a hat", foo="bar"),
    ),
    sc(
        "images_create_variation",
        BASE,
        call(
            VAR,
            image=open_file("cat.png", PNG),
            n=2,
            size="256x256",
            response_format="url",
            model="dall-e-2",
        ),
    ),
    sc(
        "images_create_variation_tuple",
        BASE,
        call(VAR, image=tup("cat.png", blob(PNG), "image/png")),
    ),
    sc(
        "images_create_variation_kwargs",
        BASE,
        call(VAR, image=blob(PNG), extra_headers={"x-custom": "1"}, foo="bar"),
        doc="create_variation passes every other keyword as extra_body: extra_headers too",
    ),
    sc(
        "images_generate_stream",
        BASE,
        call("images.generate", prompt="A cat", model="gpt-image-1", stream=True, partial_images=1),
    ),
]

# Scenarios recorded in detail although their route is older (images.generate).
NAMES = {s["name"] for s in SCENARIOS}


def is_rich(s: Dict[str, Any]) -> bool:
    return s["name"] in NAMES


def missing_path(obj: Any, tmpdir: pathlib.Path) -> Any:
    """``{"$missing": true}``: a Path to a file that does not exist."""
    if isinstance(obj, dict) and obj.get("$missing"):
        return tmpdir / "no-such-file.jsonl"
    return obj


def prepare(kwargs: Dict[str, Any], tmpdir: pathlib.Path) -> Tuple[Dict[str, Any], List[Any]]:
    """The call's keyword arguments with every marker made real, and the files opened."""
    opened: List[Any] = []
    out = {k: materialise(missing_path(v, tmpdir), tmpdir, opened) for k, v in kwargs.items()}
    return out, opened
