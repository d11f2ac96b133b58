"""The fake upstream's files, uploads, batches, audio and image-edit endpoints (OpenAI's shapes),
standard library only. ``fake_upstream.py`` offers every request to :func:`serve` first; what is
stored here lives in a :class:`Store` until the upstream's ``POST /__reset``.

Files (``/v1/files``)
  ``POST /files``  a multipart form (``file``, ``purpose``, ``expires_after[anchor]``,
      ``expires_after[seconds]``): the file is kept, bytes and all, and answered as a file object
      (``id`` ``file-fake-<seq>``, ``filename`` as the part named it, ``status: "processed"``).
  ``GET /files`` (``purpose``, ``limit``, ``order``, ``after``: a cursor page),
  ``GET /files/{id}``, ``DELETE /files/{id}``, ``GET /files/{id}/content`` (the bytes as
      uploaded, ``application/octet-stream``).
Uploads (``/v1/uploads``)
  ``POST /uploads`` (JSON ``bytes``, ``filename``, ``mime_type``, ``purpose``),
  ``POST /uploads/{id}/parts`` (multipart ``data``), ``POST /uploads/{id}/complete``
  (``part_ids`` in order: the parts joined must be ``bytes`` long, else 400; makes a file),
  ``POST /uploads/{id}/cancel``.
Batches (``/v1/batches``)
  ``POST /batches`` (``input_file_id`` of an uploaded JSONL file, ``endpoint``,
      ``completion_window``, ``metadata``): run at once, ``status: "completed"``; each line
      ``{"custom_id", "method", "url", "body"}`` gets an output line ``{"id", "custom_id",
      "response": {"status_code": 200, "request_id", "body": <a chat completion "echo: <last
      user text>">}, "error": null}`` (``/v1/embeddings``: a small embedding list) in an output
      file (``purpose: "batch_output"``). A line that is not JSON goes to an error file.
  ``GET /batches`` (cursor page), ``GET /batches/{id}``, ``POST /batches/{id}/cancel``
  (``status: "cancelled"``), ``GET /batches/{id}/output`` (the output file's bytes).
Audio
  ``POST /audio/speech`` (JSON ``input``, ``voice``, ``response_format``): a real WAV file
      (``wave``: 16 kHz mono 16-bit, a 440 Hz tone of 0.1 s per word of ``input``), whatever the
      format asked (its content type follows the format).
  ``POST /audio/transcriptions``, ``/audio/translations`` (multipart ``file``, ``model``,
      ``response_format``, ``timestamp_granularities[]``): the text is the uploaded file's name
      without its extension, ``_``/``-`` as spaces (``hello_world.wav`` -> ``"hello world"``), or
      ``"Hello from the fake upstream."`` when the name is ``upload``/``file``/``audio`` or none;
      ``duration`` is the WAV's when the upload is one. ``json`` -> ``{"text", "usage"}``;
      ``text`` -> the text and a newline; ``srt``/``vtt`` -> one cue; ``verbose_json`` ->
      ``{"task", "language", "duration", "text", "segments"}`` (+ ``words`` with the ``word``
      granularity).
Images
  ``POST /images/edits`` (multipart ``image`` or ``image[]`` (several), ``mask``, ``prompt``,
      ``n``), ``POST /images/variations`` (``image``, ``n``): ``{"created", "data": [{"b64_json":
      <a 2x2 PNG>}] * n}``; edits add ``usage`` and ``revised_prompt`` ``"<prompt> (<k> images,
      mask: yes|no)"`` so a test can see what arrived.
"""

from __future__ import annotations

import base64
import io
import json
import math
import re
import struct
import threading
import wave
import zlib
from typing import Any, Callable, Dict, List, Optional, Tuple

try:
    from .fake_content import CREATED, ApiError, cursor_page, last_user_text, lookup, not_found
except ImportError:  # run as a script: ``python tests/gateway/fake_upstream.py``
    from fake_content import (  # type: ignore[no-redef]
        CREATED,
        ApiError,
        cursor_page,
        last_user_text,
        lookup,
        not_found,
    )

JSON = Dict[str, Any]
Form = Dict[str, List[Tuple[Optional[str], bytes]]]  # name -> [(filename, bytes), ...]

FIXED_TEXT = "Hello from the fake upstream."
GENERIC_NAMES = frozenset({"", "upload", "file", "audio"})
SAMPLE_RATE = 16000
SECONDS_PER_WORD = 0.1


class Store:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.files: Dict[str, JSON] = {}
        self.contents: Dict[str, bytes] = {}
        self.uploads: Dict[str, JSON] = {}
        self.parts: Dict[str, bytes] = {}
        self.batches: Dict[str, JSON] = {}


# ---------------------------------------------------------------------------------------------
# content


def parse_form(raw: bytes, content_type: str) -> Form:
    """A ``multipart/form-data`` body's fields (400 when it is not a whole form)."""
    found = re.search(r'boundary="?([^";]+)"?', content_type or "")
    if "multipart/form-data" not in (content_type or "") or not found:
        raise ApiError(400, f"Expected a multipart/form-data body, got {content_type!r}.")
    delimiter = b"--" + found.group(1).encode()
    closing = delimiter + b"--"
    if not raw.startswith(delimiter) or b"\r\n" + closing not in raw:
        raise ApiError(400, "The multipart body is cut short.")
    form: Form = {}
    body = raw[len(delimiter) : raw.rindex(b"\r\n" + closing)]
    for chunk in body.split(b"\r\n" + delimiter):
        head, sep, data = chunk[2:].partition(b"\r\n\r\n")  # chunk starts with CRLF
        if not sep:
            raise ApiError(400, "A multipart part without headers.")
        disposition = ""
        for line in head.decode("utf-8", "replace").split("\r\n"):
            if line.lower().startswith("content-disposition:"):
                disposition = line
        name = re.search(r'\bname="([^"]*)"', disposition)
        filename = re.search(r'\bfilename="([^"]*)"', disposition)
        if name is None:
            raise ApiError(400, "A multipart part without a name.")
        form.setdefault(name.group(1), []).append((filename.group(1) if filename else None, data))
    return form


def _field(form: Form, name: str, default: Optional[str] = None) -> Optional[str]:
    values = form.get(name)
    return values[0][1].decode("utf-8", "replace") if values else default


def _file(form: Form, name: str) -> Tuple[Optional[str], bytes]:
    values = form.get(name)
    if not values:
        raise ApiError(400, f"Missing required parameter: '{name}'.", param=name)
    return values[0]


def speech_wav(text: str) -> bytes:
    """A WAV file: a 440 Hz tone, 0.1 s per word of ``text`` (at least one word)."""
    frames = int(SAMPLE_RATE * SECONDS_PER_WORD * max(1, len(text.split())))
    samples = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / SAMPLE_RATE)))
        for i in range(frames)
    )
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(samples)
    return out.getvalue()


def wav_duration(data: bytes) -> float:
    """The length in seconds of a WAV file (0.0 when it is not one)."""
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            return round(wav.getnframes() / wav.getframerate(), 3)
    except (wave.Error, EOFError, ZeroDivisionError):
        return 0.0


def text_from_name(filename: Optional[str]) -> str:
    stem = (filename or "").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if stem.lower() in GENERIC_NAMES:
        return FIXED_TEXT
    return re.sub(r"[_\-]+", " ", stem).strip() or FIXED_TEXT


def tiny_png() -> bytes:
    """A valid 2x2 RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\xff\x00\x00\x00\xff\x00" for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# ---------------------------------------------------------------------------------------------
# handlers: each returns (status, body, content type)

Answer = Tuple[int, Any, str]
Handler = Callable[[Store, Dict[str, str], Dict[str, str], bytes, str, int], Answer]
_ROUTES: List[Tuple[str, re.Pattern[str], Handler]] = []
_ID = r"(?P<id>[A-Za-z0-9_\-]+)"


def _route(method: str, pattern: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _ROUTES.append((method, re.compile(pattern), fn))
        return fn

    return register


def _ok(payload: Any) -> Answer:
    return 200, payload, "application/json"


def _json(raw: bytes) -> JSON:
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        raise ApiError(400, "The body of the request must be JSON.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "The body of the request must be a JSON object.")
    return body


def _new_file(s: Store, fid: str, filename: str, purpose: str, data: bytes) -> JSON:
    meta = {
        "id": fid,
        "object": "file",
        "bytes": len(data),
        "created_at": CREATED,
        "expires_at": None,
        "filename": filename,
        "purpose": purpose,
        "status": "processed",
        "status_details": None,
    }
    s.files[fid] = meta
    s.contents[fid] = data
    return meta


@_route("POST", r"/files")
def _upload_file(s: Store, p: Any, q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    form = parse_form(raw, ctype)
    filename, data = _file(form, "file")
    purpose = _field(form, "purpose")
    if not purpose:
        raise ApiError(400, "Missing required parameter: 'purpose'.", param="purpose")
    meta = _new_file(s, f"file-fake-{seq}", filename or "upload", purpose, data)
    seconds = _field(form, "expires_after[seconds]")
    if seconds is not None:
        meta["expires_at"] = CREATED + int(seconds)
    return _ok(meta)


@_route("GET", r"/files")
def _list_files(s: Store, p: Any, q: Dict[str, str], raw: bytes, ctype: str, seq: int) -> Answer:
    rows = [f for f in s.files.values() if q.get("purpose") in (None, f["purpose"])]
    return _ok(cursor_page(rows, q, "desc"))


@_route("GET", rf"/files/{_ID}")
def _get_file(s: Store, p: Dict[str, str], q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    return _ok(lookup(s.files, "File", p["id"]))


@_route("DELETE", rf"/files/{_ID}")
def _delete_file(s: Store, p: Dict[str, str], q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    lookup(s.files, "File", p["id"])
    del s.files[p["id"]], s.contents[p["id"]]
    return _ok({"id": p["id"], "object": "file", "deleted": True})


@_route("GET", rf"/files/{_ID}/content")
def _file_content(s: Store, p: Dict[str, str], q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    lookup(s.files, "File", p["id"])
    return 200, s.contents[p["id"]], "application/octet-stream"


def _upload(params: JSON, uid: str, status: str) -> JSON:
    return {
        "id": uid,
        "object": "upload",
        "bytes": params["bytes"],
        "created_at": CREATED,
        "expires_at": CREATED + 3600,
        "filename": params["filename"],
        "purpose": params["purpose"],
        "status": status,
        "file": None,
    }


@_route("POST", r"/uploads")
def _create_upload(s: Store, p: Any, q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    params = _json(raw)
    for name in ("bytes", "filename", "mime_type", "purpose"):
        if name not in params:
            raise ApiError(400, f"Missing required parameter: '{name}'.", param=name)
    upload = _upload(params, f"upload_fake_{seq}", "pending")
    s.uploads[upload["id"]] = upload
    return _ok(upload)


@_route("POST", rf"/uploads/{_ID}/parts")
def _add_part(s: Store, p: Dict[str, str], q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    upload = lookup(s.uploads, "Upload", p["id"])
    if upload["status"] != "pending":
        raise ApiError(400, f"Upload {p['id']} is {upload['status']}.")
    pid = f"part_fake_{seq}"
    s.parts[pid] = _file(parse_form(raw, ctype), "data")[1]
    return _ok({"id": pid, "object": "upload.part", "created_at": CREATED, "upload_id": p["id"]})


@_route("POST", rf"/uploads/{_ID}/complete")
def _complete(s: Store, p: Dict[str, str], q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    upload = lookup(s.uploads, "Upload", p["id"])
    ids = _json(raw).get("part_ids") or []
    for pid in ids:
        if pid not in s.parts:
            raise not_found("Part", pid)
    data = b"".join(s.parts[pid] for pid in ids)
    if len(data) != upload["bytes"]:
        raise ApiError(400, f"The parts hold {len(data)} bytes, not {upload['bytes']}.")
    upload["status"] = "completed"
    upload["file"] = _new_file(s, f"file-fake-{seq}", upload["filename"], upload["purpose"], data)
    return _ok(upload)


@_route("POST", rf"/uploads/{_ID}/cancel")
def _cancel_upload(s: Store, p: Dict[str, str], q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    upload = lookup(s.uploads, "Upload", p["id"])
    upload["status"] = "cancelled"
    return _ok(upload)


def _batch_line(line: bytes, seq: int, index: int) -> Tuple[Optional[JSON], Optional[JSON]]:
    """One input line's output (or error) line."""
    try:
        item = json.loads(line)
        custom_id, url, body = item["custom_id"], item["url"], item.get("body") or {}
    except (ValueError, KeyError, TypeError):
        error = {"code": "invalid_json_line", "message": f"Line {index + 1} is not a request."}
        return None, {"id": f"batch_req_fake_{seq}_{index}", "custom_id": None, "error": error}
    if url.endswith("/embeddings"):
        answer: JSON = {
            "object": "list",
            "data": [{"object": "embedding", "index": 0, "embedding": [0.6, 0.8]}],
            "model": body.get("model", ""),
            "usage": {"prompt_tokens": 1, "total_tokens": 1},
        }
    else:
        answer = {
            "id": f"chatcmpl-fake-{seq}-{index}",
            "object": "chat.completion",
            "created": CREATED,
            "model": body.get("model", ""),
            "choices": [
                {
                    "index": 0,
                    "message": {
                        "role": "assistant",
                        "content": f"echo: {last_user_text(body.get('messages'))}",
                    },
                    "finish_reason": "stop",
                }
            ],
        }
    response = {"status_code": 200, "request_id": f"req_fake_{seq}_{index}", "body": answer}
    out = {"id": f"batch_req_fake_{seq}_{index}", "custom_id": custom_id, "response": response}
    out["error"] = None
    return out, None


@_route("POST", r"/batches")
def _create_batch(s: Store, p: Any, q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    params = _json(raw)
    for name in ("input_file_id", "endpoint", "completion_window"):
        if name not in params:
            raise ApiError(400, f"Missing required parameter: '{name}'.", param=name)
    fid = params["input_file_id"]
    if fid not in s.files:
        raise not_found("File", fid)
    outputs, errors = [], []
    lines = [line for line in s.contents[fid].splitlines() if line.strip()]
    for index, line in enumerate(lines):
        out, err = _batch_line(line, seq, index)
        outputs += [out] if out else []
        errors += [err] if err else []

    def jsonl(rows: List[JSON], suffix: str) -> Optional[str]:
        if not rows:
            return None
        data = b"".join(json.dumps(row).encode() + b"\n" for row in rows)
        name = f"batch_fake_{seq}_{suffix}.jsonl"
        return str(_new_file(s, f"file-fake-{seq}-{suffix}", name, "batch_output", data)["id"])

    batch = {
        "id": f"batch_fake_{seq}",
        "object": "batch",
        "endpoint": params["endpoint"],
        "errors": None,
        "input_file_id": fid,
        "completion_window": params["completion_window"],
        "status": "completed",
        "output_file_id": jsonl(outputs, "output"),
        "error_file_id": jsonl(errors, "error"),
        "created_at": CREATED,
        "in_progress_at": CREATED,
        "expires_at": CREATED + 86400,
        "finalizing_at": CREATED,
        "completed_at": CREATED,
        "failed_at": None,
        "expired_at": None,
        "cancelling_at": None,
        "cancelled_at": None,
        "request_counts": {
            "total": len(lines),
            "completed": len(outputs),
            "failed": len(errors),
        },
        "metadata": params.get("metadata"),
    }
    s.batches[batch["id"]] = batch
    return _ok(batch)


@_route("GET", r"/batches")
def _list_batches(s: Store, p: Any, q: Dict[str, str], raw: bytes, ctype: str, seq: int) -> Answer:
    return _ok(cursor_page(list(s.batches.values()), q, "desc"))


@_route("GET", rf"/batches/{_ID}")
def _get_batch(s: Store, p: Dict[str, str], q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    return _ok(lookup(s.batches, "Batch", p["id"]))


@_route("POST", rf"/batches/{_ID}/cancel")
def _cancel_batch(s: Store, p: Dict[str, str], q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    batch = lookup(s.batches, "Batch", p["id"])
    batch.update(status="cancelled", cancelling_at=CREATED, cancelled_at=CREATED)
    return _ok(batch)


@_route("GET", rf"/batches/{_ID}/output")
def _batch_output(s: Store, p: Dict[str, str], q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    batch = lookup(s.batches, "Batch", p["id"])
    fid = batch["output_file_id"]
    return 200, s.contents.get(fid, b"") if fid else b"", "application/octet-stream"


_AUDIO_TYPES = {
    "wav": "audio/wav",
    "mp3": "audio/mpeg",
    "opus": "audio/opus",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "pcm": "audio/pcm",
}


@_route("POST", r"/audio/speech")
def _speech(s: Store, p: Any, q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    params = _json(raw)
    if not isinstance(params.get("input"), str) or "voice" not in params:
        raise ApiError(400, "'input' (a string) and 'voice' are required.", param="input")
    kind = _AUDIO_TYPES.get(params.get("response_format") or "mp3", "audio/mpeg")
    return 200, speech_wav(params["input"]), kind


def _transcribe(raw: bytes, ctype: str, task: str) -> Answer:
    form = parse_form(raw, ctype)
    filename, data = _file(form, "file")
    if not _field(form, "model"):
        raise ApiError(400, "Missing required parameter: 'model'.", param="model")
    text = text_from_name(filename)
    duration = wav_duration(data)
    fmt = _field(form, "response_format", "json")
    stamp = f"00:00:00,000 --> 00:00:{int(duration):02d},{int(duration * 1000) % 1000:03d}"
    if fmt == "text":
        return 200, (text + "\n").encode(), "text/plain; charset=utf-8"
    if fmt == "srt":
        return 200, f"1\n{stamp}\n{text}\n\n".encode(), "text/plain; charset=utf-8"
    if fmt == "vtt":
        cue = stamp.replace(",", ".")
        # text/plain as OpenAI sends it (with text/vtt the gateway 500s: NOTES.md)
        return 200, f"WEBVTT\n\n{cue}\n{text}\n\n".encode(), "text/plain; charset=utf-8"
    if fmt == "verbose_json":
        words = text.split()
        segment = {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": duration,
            "text": text,
            "tokens": list(range(1, len(words) + 1)),
            "temperature": 0.0,
            "avg_logprob": -0.1,
            "compression_ratio": 1.0,
            "no_speech_prob": 0.0,
        }
        verbose: JSON = {
            "task": task,
            "language": _field(form, "language", "english"),
            "duration": duration,
            "text": text,
            "segments": [segment],
        }
        if "word" in [v.decode() for _, v in form.get("timestamp_granularities[]", [])]:
            step = duration / max(1, len(words))
            verbose["words"] = [
                {"word": w, "start": round(i * step, 3), "end": round((i + 1) * step, 3)}
                for i, w in enumerate(words)
            ]
        return _ok(verbose)
    usage = {"type": "duration", "seconds": math.ceil(duration)}
    return _ok({"text": text, "usage": usage} if task == "transcribe" else {"text": text})


@_route("POST", r"/audio/transcriptions")
def _transcriptions(s: Store, p: Any, q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    return _transcribe(raw, ctype, "transcribe")


@_route("POST", r"/audio/translations")
def _translations(s: Store, p: Any, q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    return _transcribe(raw, ctype, "translate")


def _images(form: Form, edit: bool) -> Answer:
    images = form.get("image", []) + form.get("image[]", [])
    if not images:
        raise ApiError(400, "Missing required parameter: 'image'.", param="image")
    count = int(_field(form, "n", "1") or "1")
    png = base64.b64encode(tiny_png()).decode()
    data: List[JSON] = [{"b64_json": png} for _ in range(count)]
    answer: JSON = {"created": CREATED, "data": data}
    if edit:
        mask = "yes" if form.get("mask") else "no"
        revised = f"{_field(form, 'prompt', '')} ({len(images)} images, mask: {mask})"
        for item in data:
            item["revised_prompt"] = revised
        answer["usage"] = {
            "input_tokens": 10,
            "output_tokens": 20,
            "total_tokens": 30,
            "input_tokens_details": {"image_tokens": 5, "text_tokens": 5},
        }
    return _ok(answer)


@_route("POST", r"/images/edits")
def _image_edits(s: Store, p: Any, q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    return _images(parse_form(raw, ctype), edit=True)


@_route("POST", r"/images/variations")
def _image_variations(s: Store, p: Any, q: Any, raw: bytes, ctype: str, seq: int) -> Answer:
    return _images(parse_form(raw, ctype), edit=False)


def serve(
    handler: Any,
    store: Store,
    method: str,
    route: str,
    query: Dict[str, str],
    raw: bytes,
    seq: int,
    ids: Dict[str, str],
) -> bool:
    """Answer the request on ``handler`` when it is one of these endpoints; False otherwise."""
    for verb, pattern, fn in _ROUTES:
        match = pattern.fullmatch(route)
        if verb == method and match:
            ctype = handler.headers.get("Content-Type") or ""
            with store.lock:
                try:
                    status, payload, kind = fn(store, match.groupdict(), query, raw, ctype, seq)
                except ApiError as bad:
                    status, payload, kind = bad.reply.status, bad.reply.payload, "application/json"
            if kind == "application/json":
                handler._send_json(status, payload, ids)
                return True
            handler.send_response(status)
            handler.send_header("Content-Type", kind)
            handler.send_header("Content-Length", str(len(payload)))
            for name, value in ids.items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(payload)
            handler.wfile.flush()
            return True
    return False
