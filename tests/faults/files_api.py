"""The fault server's tiny OpenAI files API (behaviour ``files``), and the helpers the upload
tests share with it: a multipart parser and the payloads of binary answers.

``files[:PART_ID]`` answers by path: ``POST /files`` (a file object for the uploaded part),
``POST /uploads``, ``POST /uploads/{id}/parts`` (a part whose id is derived from its bytes,
so that order can be checked), ``POST /uploads/{id}/complete``. With ``PART_ID`` the part
whose id it is gets a 500 the first time it arrives (only that once).
"""

from __future__ import annotations

import hashlib
import json
import random
from typing import Any, Dict, Optional, Set, Tuple

__all__ = ["answer", "multipart_fields", "part_id", "payload"]

CREATED = 1700000000


def payload(size: int, seed: int = 0) -> bytes:
    """``size`` incompressible bytes, the same every time for the same arguments."""
    return random.Random(seed * 1_000_003 + size).randbytes(size)


def part_id(data: bytes) -> str:
    """The id the server gives an upload part: derived from its bytes."""
    return "part_" + hashlib.sha1(data).hexdigest()[:16]


def multipart_fields(body: bytes, content_type: str) -> Dict[str, Tuple[Optional[str], bytes]]:
    """A ``multipart/form-data`` body's fields: name -> (filename, bytes). Strict: a body
    that is not a whole form (one cut short, say) raises ValueError."""
    marker = "boundary="
    if marker not in content_type:
        raise ValueError(f"not a multipart content type: {content_type!r}")
    boundary = content_type.split(marker, 1)[1].split(";")[0].strip().strip('"').encode()
    delimiter = b"--" + boundary
    closing = b"\r\n" + delimiter + b"--\r\n"
    if not body.startswith(delimiter) or not body.endswith(closing):
        raise ValueError("the multipart body is not whole")
    fields: Dict[str, Tuple[Optional[str], bytes]] = {}
    for chunk in body[len(delimiter) : -len(closing)].split(b"\r\n" + delimiter):
        head, sep, data = chunk.lstrip(b"\r\n").partition(b"\r\n\r\n")
        if not sep:
            raise ValueError("a part without headers")
        disposition = head.split(b"\r\n")[0].decode("latin-1")
        params = dict(
            item.strip().split("=", 1) for item in disposition.split(";")[1:] if "=" in item
        )
        name = params["name"].strip('"')
        filename = params["filename"].strip('"') if "filename" in params else None
        fields[name] = (filename, data)
    return fields


def _json(status: int, value: Any) -> Tuple[int, bytes]:
    return status, json.dumps(value).encode()


def answer(
    method: str,
    path: str,
    headers: Dict[str, str],
    body: bytes,
    arg: str,
    failed_once: Set[str],
) -> Tuple[int, bytes]:
    """The status and JSON body for one request to the files API."""
    path = path.split("?", 1)[0]
    if method == "POST" and path.endswith("/files"):
        fields = multipart_fields(body, headers.get("content-type", ""))
        filename, data = fields["file"]
        purpose = fields["purpose"][1].decode()
        return _json(
            200,
            {
                "id": "file-" + hashlib.sha1(data).hexdigest()[:16],
                "object": "file",
                "bytes": len(data),
                "created_at": CREATED,
                "filename": filename,
                "purpose": purpose,
                "status": "processed",
            },
        )
    if method == "POST" and path.endswith("/uploads"):
        params = json.loads(body)
        upload = {
            "id": "upload_fault",
            "object": "upload",
            "bytes": params["bytes"],
            "created_at": CREATED,
            "expires_at": CREATED + 3600,
            "filename": params["filename"],
            "purpose": params["purpose"],
            "status": "pending",
        }
        return _json(200, upload)
    if method == "POST" and path.endswith("/parts"):
        data = multipart_fields(body, headers.get("content-type", ""))["data"][1]
        ident = part_id(data)
        if ident == arg and ident not in failed_once:
            failed_once.add(ident)
            return _json(500, {"error": {"message": "part store hiccup", "type": "server_error"}})
        upload_id = path.rsplit("/", 2)[-2]
        return _json(
            200,
            {"id": ident, "object": "upload.part", "created_at": CREATED, "upload_id": upload_id},
        )
    if method == "POST" and path.endswith("/complete"):
        params = json.loads(body)
        upload_id = path.rsplit("/", 2)[-2]
        done = {
            "id": upload_id,
            "object": "upload",
            "bytes": 0,
            "created_at": CREATED,
            "expires_at": CREATED + 3600,
            "filename": "upload",
            "purpose": "batch",
            "status": "completed",
            "part_ids": params["part_ids"],  # kept by the SDK as an unknown field
        }
        return _json(200, done)
    return _json(404, {"error": {"message": f"no route {method} {path}", "type": "not_found"}})
