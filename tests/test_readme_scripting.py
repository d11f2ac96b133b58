"""The README's "Scripting the gateway" example, run as written against respx answers shaped
as the Portkey spec's (``../shared/specs/portkey/openapi.yaml``): each request it makes
(a config created and found by name, a key rotated, a month of logs exported, a cost graph
read) and what it prints."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest
import respx

README = Path(__file__).parent.parent / "README.md"
BASE = "https://api.portkey.ai/v1"


def snippet() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Scripting the gateway", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None, "the section has a python example"
    return match.group(1)


def test_the_scripting_example_runs_as_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(time, "sleep", lambda seconds: None)  # the export poll
    polls: List[str] = []

    def export_state(request: Any) -> respx.MockResponse:
        polls.append(request.url.path)
        status = "in_progress" if len(polls) < 3 else "success"
        return respx.MockResponse(
            200,
            json={
                "id": "exp_1",
                "organisation_id": "org_1",
                "filters": {},
                "requested_data": ["id"],
                "status": status,
                "description": None,
                "created_at": "2026-12-01T10:00:00Z",
                "last_updated_at": "2026-12-01T10:00:00Z",
                "created_by": "u_1",
                "workspace_id": "ws_1",
                "total_records": 42,
                "object": "export",
            },
        )

    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        create = mock.post("/configs").respond(
            200, json={"success": True, "data": {"id": "cfg-uuid", "version_id": "v1"}}
        )
        mock.get("/configs").respond(
            200,
            json={
                "success": True,
                "data": [
                    {"id": "c0", "name": "other", "slug": "pc-other-1"},
                    {"id": "cfg-uuid", "name": "prod-fallback", "slug": "pc-prod-fa-2b1c"},
                ],
            },
        )
        rotate = mock.post("/api-keys/API_KEY_ID/rotate").respond(
            200,
            json={
                "id": "API_KEY_ID",
                "key": "pk_live_new",
                "key_transition_expires_at": "2026-12-02T11:00:00.000Z",
            },
        )
        export = mock.post("/logs/exports").respond(
            200, json={"id": "exp_1", "total": 42, "object": "export"}
        )
        start = mock.post("/logs/exports/exp_1/start").respond(
            200, json={"message": "Export started", "object": "export"}
        )
        mock.get("/logs/exports/exp_1").mock(side_effect=export_state)
        mock.get("/logs/exports/exp_1/download").respond(
            200, json={"signed_url": "https://files.example/exp_1.jsonl?sig=abc"}
        )
        cost = mock.get("/analytics/graphs/cost").respond(
            200,
            json={
                "summary": {"total": 1234, "avg": 2},
                "data_points": [
                    {"timestamp": "2026-11-01T00:00:00Z", "total": 600, "avg": 2},
                    {"timestamp": "2026-11-02T00:00:00Z", "total": 634, "avg": 2},
                ],
                "object": "analytics-graph",
            },
        )
        namespace: Dict[str, Any] = {}
        exec(compile(snippet(), "README.md", "exec"), namespace)

    sent = json.loads(create.calls.last.request.content)
    assert sent["name"] == "prod-fallback" and sent["config"]["strategy"] == {"mode": "fallback"}
    # The saved config's slug is what the new client sends as its config.
    assert namespace["client"].custom_headers["x-portkey-config"] == "pc-prod-fa-2b1c"
    assert json.loads(rotate.calls.last.request.content) == {"key_transition_period_ms": 3600000}
    requested = json.loads(export.calls.last.request.content)
    assert requested["filters"]["time_of_generation_min"] == "2026-11-01T00:00:00Z"
    assert start.called and len(polls) == 3
    query = dict(cost.calls.last.request.url.params)
    assert query["time_of_generation_min"] == "2026-11-01T00:00:00+00:00"
    assert query["time_of_generation_max"] == "2026-12-01T00:00:00+00:00"
    assert query["workspace_slug"] == "default"
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "pk_live_new 2026-12-02T11:00:00.000Z",
        "https://files.example/exp_1.jsonl?sig=abc",
        "1234 [('2026-11-01T00:00:00Z', 600), ('2026-11-02T00:00:00Z', 634)]",
    ]
