"""The generated Files and Uploads types (``portkey.types.files``, ``portkey.types.uploads``) on
OpenAI's documented bodies (tests/fixtures/recorded/24, from the OpenAI spec)."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from spec_examples import EXAMPLES, assert_round_trip, loaded_after
from typing_extensions import get_args

from portkey._convert import structure
from portkey.types.files import FileDeleted, FileObject, FilePurpose
from portkey.types.uploads import Upload, UploadPart


@pytest.mark.parametrize("key", ["POST /files", "GET /files/{file_id}", "schema OpenAIFile"])
def test_documented_file_objects(key: str) -> None:
    body = EXAMPLES[key]
    file = structure(body, FileObject)
    assert type(file) is FileObject
    assert (file.id, file.object, file.bytes, file.filename, file.purpose) == (
        body["id"],
        "file",
        body["bytes"],
        body["filename"],
        body["purpose"],
    )
    assert file.expires_at == body["expires_at"]
    assert file.status is None  # deprecated, and not in the example
    assert_round_trip(file, body)


def test_documented_file_list_items() -> None:
    body = EXAMPLES["GET /files"]
    files = [structure(item, FileObject) for item in body["data"]]
    assert [f.id for f in files] == [item["id"] for item in body["data"]]
    assert {f.purpose for f in files} == {item["purpose"] for item in body["data"]}
    for file, item in zip(files, body["data"]):
        assert_round_trip(file, item)


def test_documented_file_deleted() -> None:
    body = EXAMPLES["DELETE /files/{file_id}"]
    deleted = structure(body, FileDeleted)
    assert deleted.deleted is True and deleted.id == "file-abc123" and deleted.object == "file"
    assert_round_trip(deleted, body)


def test_unknown_fields_and_values_are_kept() -> None:
    body: Dict[str, Any] = dict(
        EXAMPLES["POST /files"],
        purpose="a_new_purpose",  # not in the spec's enum: passed through
        status="processed",
        retention={"days": 30, "policy": None},
    )
    file = structure(body, FileObject)
    assert file.purpose == "a_new_purpose" and file.status == "processed"
    assert file.retention == {"days": 30, "policy": None}
    assert file.extra_fields == {"retention": {"days": 30, "policy": None}}
    assert file.to_dict()["retention"] == {"days": 30, "policy": None}


def test_a_body_without_required_fields_still_parses() -> None:
    file = structure({"id": "file-1"}, FileObject)
    assert (file.id, file.object, file.bytes, file.filename) == ("file-1", "file", None, None)


def test_a_body_that_is_no_object_is_a_typed_error() -> None:
    with pytest.raises(TypeError, match="expected a JSON object for FileObject, got list"):
        structure([EXAMPLES["POST /files"]], FileObject)


def test_file_purpose_is_openai_pythons_alias() -> None:
    # openai-python: FilePurpose = Literal["assistants", "batch", "fine-tune", "vision",
    # "user_data", "evals"], the purposes files.create accepts
    assert set(get_args(FilePurpose)) == {
        *("assistants", "batch", "fine-tune", "vision", "user_data", "evals"),
    }


# -- uploads -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["POST /uploads", "POST /uploads/{upload_id}/cancel", "POST /uploads/{upload_id}/complete"],
)
def test_documented_uploads(key: str) -> None:
    body = EXAMPLES[key]
    upload = structure(body, Upload)
    assert type(upload) is Upload
    assert (upload.id, upload.object, upload.status, upload.bytes) == (
        body["id"],
        "upload",
        body["status"],
        2147483648,
    )
    if body.get("file") is None:
        assert upload.file is None
    else:  # the completed upload's file
        assert type(upload.file) is FileObject
        assert upload.file.id == body["file"]["id"] and upload.file.purpose == "fine-tune"
    assert_round_trip(upload, body)


def test_completed_upload_example_has_its_file() -> None:
    upload = structure(EXAMPLES["POST /uploads/{upload_id}/complete"], Upload)
    assert upload.status == "completed" and isinstance(upload.file, FileObject)
    assert upload.file.bytes == upload.bytes


def test_schema_example_upload() -> None:
    body = EXAMPLES["schema Upload"]
    upload = structure(body, Upload)
    assert upload.id == body["id"]
    assert_round_trip(upload, body)


@pytest.mark.parametrize("key", ["POST /uploads/{upload_id}/parts", "schema UploadPart"])
def test_documented_upload_parts(key: str) -> None:
    body = EXAMPLES[key]
    part = structure(body, UploadPart)
    assert type(part) is UploadPart and part.object == "upload.part"
    assert (part.id, part.upload_id, part.created_at) == (
        body["id"],
        body["upload_id"],
        body["created_at"],
    )
    assert_round_trip(part, body)


def test_modules_load_lazily() -> None:
    # `import portkey` loads no types module (tests/test_public_api.py); an upload without its
    # file never loads the files module, one with it does.
    code = (
        "import portkey\n"
        "from portkey._convert import structure\n"
        "from portkey.types.uploads import Upload\n"
        "structure({'id': 'upload_1', 'file': None}, Upload)\n"
    )
    assert loaded_after(code, "portkey.types") == ["portkey.types", "portkey.types.uploads"]
    code += "structure({'id': 'upload_1', 'file': {'id': 'file-1'}}, Upload)\n"
    assert "portkey.types.files" in loaded_after(code, "portkey.types")
