"""The benchmark scripts run (smoke runs against raw httpx and the peers installed here).

Not a speed test: no number is compared with anything. Speed lives in ``nox -s bench``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import List

import httpx
import httpx_sse
import pytest

from portkey import Portkey

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
RUN = BENCH / "run.py"
sys.path.insert(0, str(BENCH))

import server  # noqa: E402


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(RUN), "--quick", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _rows(stdout: str, client: str, scenario_no: str) -> List[str]:
    """Table lines of one client within one numbered scenario."""
    out: List[str] = []
    inside = False
    for line in stdout.splitlines():
        cells = line.split("|")
        if len(cells) > 2 and cells[1].strip():
            inside = cells[1].strip().startswith(scenario_no)
        if inside and f"| {client}" in line:
            out.append(line)
    return out


def test_bench_quick_smoke_run_prints_our_rows() -> None:
    done = _run("--only", "construct,sync,stream,struct", "--clients", "ours,ours2")
    assert done.returncode == 0, done.stderr[-2000:]
    ours = [line for line in done.stdout.splitlines() if "| portkey (ours)" in line]
    assert len(ours) >= 10, done.stdout[-3000:]
    assert not [line for line in ours if "n/a" in line], ours
    assert "### Targets for portkey (ours)" in done.stdout
    # on httpx2 (issue 16): ours and the raw httpx2 floor in the same run, with a ratio to it
    assert "| ratio to httpx | ratio to httpx2 |" in done.stdout
    for scenario_no, count in (("3.", 2), ("4.", 2), ("6.", 6)):
        on2 = _rows(done.stdout, "portkey (ours) on httpx2", scenario_no)
        assert len(on2) == count, done.stdout[-3000:]
        assert all(line.rstrip(" |").endswith("x") for line in on2), on2  # both ratios given
        floor = _rows(done.stdout, "httpx2", scenario_no)  # httpx2.Client / raw / + httpx-sse
        assert len(floor) == count and all("1.00 (baseline) |" in line for line in floor), floor
    struct = _rows(done.stdout, "portkey (ours) on httpx2", "7.")
    assert struct == [], struct  # structuring does not depend on the HTTP library
    assert "| on httpx2: sync CPU per call ≤ 1.15x raw httpx2 |" in done.stdout


def test_responses_event_stream_is_what_openai_sends() -> None:
    events = list(server.response_event_dicts("m", 5))
    assert len(events) == 5 + server.RESPONSE_FRAME_EVENTS
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    types = [e["type"] for e in events]
    assert types[:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
    ]
    assert types[4:9] == ["response.output_text.delta"] * 5
    assert types[9:] == [
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    text = "".join(e["delta"] for e in events[4:9])
    assert events[9]["text"] == text
    final = events[-1]["response"]
    assert final["status"] == "completed" and final["usage"]["output_tokens"] > 0
    assert final["output"][0]["content"][0]["text"] == text
    assert (
        events[0]["response"]["status"] == "in_progress" and events[0]["response"]["output"] == []
    )


def test_server_answers_responses_plain_and_streamed_on_one_connection() -> None:
    with server.start_server() as url, httpx.Client(base_url=url + "/v1") as c:
        plain = c.post("/responses", json={"model": "gpt-4o-mini", "input": "hi"})
        assert plain.status_code == 200
        assert plain.json()["object"] == "response"
        for _ in range(2):  # the second stream reuses the connection: the body ended cleanly
            body = {"model": "chunks-7", "input": "hi", "stream": True}
            with httpx_sse.connect_sse(c, "POST", "/responses", json=body) as es:
                got = [(s.event, json.loads(s.data)) for s in es.iter_sse()]
            assert len(got) == 7 + server.RESPONSE_FRAME_EVENTS
            assert all(event == d["type"] for event, d in got)
            assert got[-1][0] == "response.completed"


@pytest.mark.skipif(not hasattr(Portkey, "responses"), reason="client.responses not built yet")
def test_bench_quick_smoke_responses_and_area_rows() -> None:
    done = _run("--only", "responses,area", "--clients", "ours,openai")
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    raw = _rows(out, "httpx + httpx-sse + json.loads", "8.")
    assert len(raw) == 6 and not [line for line in raw if "n/a" in line], out[-3000:]
    for client in ("portkey (ours)", "openai"):
        streams = _rows(out, client, "8.")
        area = _rows(out, client, "9.")
        assert len(streams) == 6 and len(area) == 6, out[-3000:]
        assert not [line for line in streams + area if "n/a" in line], streams + area
    check = "| `import portkey` loads no area (resource/types) module | 0 of "
    assert check in out, out[-3000:]
    assert "among them: none; after building a client: none" in out, out[-3000:]
    assert "- modules added by touching `client.responses`" in out


def test_server_takes_uploads_as_streams_and_streams_audio() -> None:
    with server.start_server() as url, httpx.Client(base_url=url + "/v1") as c:
        form = {"purpose": "batch"}
        body = b'{"custom_id": "a"}\n' * 5000
        sent = c.post("/files", data=form, files={"file": ("in.jsonl", body)})
        assert sent.status_code == 200
        got = sent.json()
        assert got["object"] == "file" and got["filename"] == "in.jsonl"
        assert got["purpose"] == "batch" and got["bytes"] > len(body)

        def chunked():  # no Content-Length: the server reads the chunked framing as it comes
            yield b'--b\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfine-tune\r\n'
            for _ in range(40):
                yield b"y" * 50_000
            yield b"\r\n--b--\r\n"

        streamed = c.post(
            "/files", content=chunked(), headers={"content-type": "multipart/form-data; boundary=b"}
        )
        assert streamed.json()["purpose"] == "fine-tune"
        assert streamed.json()["bytes"] > 40 * 50_000
        up = c.post("/uploads", json={"bytes": 3, "filename": "f.jsonl", "purpose": "batch"})
        upload = up.json()
        assert upload["object"] == "upload" and upload["status"] == "pending"
        part = c.post(f"/uploads/{upload['id']}/parts", files={"data": b"abc"}).json()
        assert part["object"] == "upload.part" and part["upload_id"] == upload["id"]
        done = c.post(f"/uploads/{upload['id']}/complete", json={"part_ids": [part["id"]]})
        assert done.json()["status"] == "completed"
        assert done.json()["file"]["filename"] == "f.jsonl"
        speech = {"model": "bytes-3000000", "voice": "alloy", "input": "hi"}
        with c.stream("POST", "/audio/speech", json=speech) as audio:
            assert audio.headers["content-type"] == "audio/mpeg"
            assert sum(len(piece) for piece in audio.iter_bytes()) == 3_000_000
        # the connection is still usable after a streamed answer
        assert c.post("/chat/completions", json={"model": "m"}).status_code == 200


def test_bench_quick_smoke_uploads_and_downloads() -> None:
    done = _run("--only", "uploads", "--transfer-mib", "0.25")
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    ours = _rows(out, "portkey (ours)", "10.")
    raw = _rows(out, "httpx (raw)", "10.")
    assert len(ours) == 8 and len(raw) == 8, out[-4000:]
    assert not [line for line in ours + raw if "n/a" in line], ours + raw
    for client in ("portkey-ai 2.3.4", "openai"):  # the peers installed here
        assert len(_rows(out, client, "10.")) == 8, out[-4000:]
    for target in ("`files.create` (file object) peak RSS rise", "upload MiB/s within 1.2x"):
        assert [line for line in out.splitlines() if line.startswith(f"| {target}")], out[-3000:]
