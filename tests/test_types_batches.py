"""The generated Batch API types (``portkey.types.batches``) on OpenAI's documented bodies
(tests/fixtures/recorded/24, from the OpenAI spec). Portkey's ``GET /batches/{id}/output`` is the
output file's raw bytes (JSONL), so it has no type here."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from spec_examples import EXAMPLES, assert_round_trip, loaded_after

from portkey._convert import structure
from portkey.types.batches import (
    Batch,
    BatchError,
    BatchErrors,
    BatchRequestCounts,
    BatchUsage,
    BatchUsageInputTokensDetails,
)

DOCUMENTED = [
    "POST /batches",
    "GET /batches/{batch_id}",
    "POST /batches/{batch_id}/cancel",
    "schema Batch",
]


@pytest.mark.parametrize("key", DOCUMENTED)
def test_documented_batches(key: str) -> None:
    body = EXAMPLES[key]
    batch = structure(body, Batch)
    assert type(batch) is Batch
    assert (batch.id, batch.object, batch.endpoint, batch.status) == (
        body["id"],
        "batch",
        body["endpoint"],
        body["status"],
    )
    assert batch.errors is None  # documented as null
    counts = batch.request_counts
    assert type(counts) is BatchRequestCounts
    assert (counts.total, counts.completed, counts.failed) == tuple(
        body["request_counts"][k] for k in ("total", "completed", "failed")
    )
    assert batch.metadata == body["metadata"]
    assert_round_trip(batch, body)


def test_documented_usage() -> None:
    body = EXAMPLES["schema Batch"]
    batch = structure(body, Batch)
    assert type(batch.usage) is BatchUsage
    assert type(batch.usage.input_tokens_details) is BatchUsageInputTokensDetails
    assert batch.usage.input_tokens_details.cached_tokens == 1024
    assert batch.usage.output_tokens_details.reasoning_tokens == 300
    assert batch.model == "gpt-5-2025-08-07"


def test_documented_list_items() -> None:
    body = EXAMPLES["GET /batches"]
    (batch,) = [structure(item, Batch) for item in body["data"]]
    assert batch.status == "completed" and batch.output_file_id == "file-cvaTdG"
    assert batch.request_counts.failed == 5
    assert_round_trip(batch, body["data"][0])


def test_failed_batch_errors() -> None:
    # The spec documents no failed batch: a body of its BatchError shape, one error per line.
    body: Dict[str, Any] = dict(
        EXAMPLES["POST /batches"],
        status="failed",
        errors={
            "object": "list",
            "data": [
                {"code": "invalid_json", "message": "bad line", "param": None, "line": 3},
                {"code": "model_not_found", "message": "no model", "param": "body.model"},
            ],
        },
    )
    batch = structure(body, Batch)
    assert type(batch.errors) is BatchErrors and batch.errors.object == "list"
    first, second = batch.errors.data
    assert type(first) is BatchError and (first.code, first.line, first.param) == (
        "invalid_json",
        3,
        None,
    )
    assert (second.param, second.line) == ("body.model", None)
    assert_round_trip(batch, body)


def test_unknown_fields_and_statuses_are_kept() -> None:
    body: Dict[str, Any] = dict(
        EXAMPLES["POST /batches"], status="paused", provider="bedrock", request_counts={"total": 1}
    )
    batch = structure(body, Batch)
    assert batch.status == "paused" and batch.provider == "bedrock"
    assert batch.extra_fields == {"provider": "bedrock"}
    assert batch.request_counts.total == 1 and batch.request_counts.completed is None
    assert batch.to_dict()["provider"] == "bedrock"


def test_module_loads_alone() -> None:
    code = (
        "import portkey\n"
        "from portkey._convert import structure\n"
        "from portkey.types.batches import Batch\n"
        "structure({'id': 'b', 'request_counts': {'total': 1}}, Batch)\n"
    )
    assert loaded_after(code, "portkey.types") == ["portkey.types", "portkey.types.batches"]
