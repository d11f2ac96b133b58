"""Scenarios and fake upstream for the rest of the OpenAI surface (issue 12).

Part of the yardstick generator ``capture_official.py`` (which imports this module; run that
one), hooked up like ``capture_files.py`` and reusing its file markers, multipart reader and
recording. Areas: fine_tuning, vector_stores, containers, evals, videos, skills, beta
(assistants, threads, messages, runs, steps, chatkit, chat.completions.parse/stream) and the
realtime HTTP calls. ``realtime.connect`` (WebSocket) is not captured: no HTTP request.

The fake upstream is stateful per scenario (``reset`` is called before each one): a polled
object answers ``in_progress`` (or ``queued``) on its first retrieve and ``completed`` after, so
every polling helper is seen polling more than once.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

import capture_files
import httpx
from capture_files import PNG, blob, bytesio, call, open_file, sc  # noqa: F401

PK = "pk-test"
VK = "vk-test"
BASE = {"api_key": PK, "virtual_key": VK}
CREATED = 1719184911
OPTS = {"extra_headers": {"x-custom": "1"}, "extra_query": {"q": "1"}, "extra_body": {"z": 1}}
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(200, 256))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(0, 40)) + b"\xff\xd9"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x00\x00" + bytes(range(100, 160)) + b"PK\x05\x06" + bytes(18)
SKILL_MD = b"---\nname: demo\ndescription: A demo skill.\n---\n# Demo\n"

_STATE: Dict[str, int] = {}


def reset() -> None:
    """Forget what was polled (called before each scenario: captures stay deterministic)."""
    _STATE.clear()


def _seen(key: str) -> int:
    _STATE[key] = _STATE.get(key, 0) + 1
    return _STATE[key]


def _list(items: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {
        "object": "list",
        "data": items,
        "first_id": items[0]["id"] if items else None,
        "last_id": items[-1]["id"] if items else None,
        "has_more": False,
    }


def job(jid: str = "ftjob-abc123", status: str = "queued") -> Dict[str, Any]:
    return {
        "id": jid,
        "object": "fine_tuning.job",
        "created_at": CREATED,
        "error": None,
        "fine_tuned_model": None,
        "finished_at": None,
        "hyperparameters": {
            "batch_size": "auto",
            "learning_rate_multiplier": "auto",
            "n_epochs": 3,
        },
        "model": "gpt-4o-mini-2024-07-18",
        "organization_id": "org-123",
        "result_files": [],
        "seed": 42,
        "status": status,
        "trained_tokens": None,
        "training_file": "file-abc123",
        "validation_file": None,
        "method": {"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 3}}},
    }


def vector_store(vid: str = "vs_abc123", status: str = "completed") -> Dict[str, Any]:
    return {
        "id": vid,
        "object": "vector_store",
        "created_at": CREATED,
        "name": "Support FAQ",
        "usage_bytes": 139920,
        "file_counts": {"in_progress": 0, "completed": 3, "failed": 0, "cancelled": 0, "total": 3},
        "status": status,
        "last_active_at": CREATED,
        "metadata": {},
        "expires_after": None,
        "expires_at": None,
    }


def vs_file(fid: str, vid: str, status: str) -> Dict[str, Any]:
    return {
        "id": fid,
        "object": "vector_store.file",
        "usage_bytes": 1234,
        "created_at": CREATED,
        "vector_store_id": vid,
        "status": status,
        "last_error": None,
        "chunking_strategy": {
            "type": "static",
            "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
        },
    }


def vs_batch(bid: str, vid: str, status: str) -> Dict[str, Any]:
    done = status == "completed"
    return {
        "id": bid,
        "object": "vector_store.files_batch",
        "created_at": CREATED,
        "vector_store_id": vid,
        "status": status,
        "file_counts": {
            "in_progress": 0 if done else 1,
            "completed": 1 if done else 0,
            "failed": 0,
            "cancelled": 0,
            "total": 1,
        },
    }


def container(cid: str = "cntr_abc123") -> Dict[str, Any]:
    return {
        "id": cid,
        "object": "container",
        "created_at": CREATED,
        "status": "running",
        "expires_after": {"anchor": "last_active_at", "minutes": 20},
        "last_active_at": CREATED,
        "name": "My Container",
    }


def container_file(fid: str, cid: str) -> Dict[str, Any]:
    return {
        "id": fid,
        "object": "container.file",
        "created_at": CREATED,
        "bytes": 880,
        "container_id": cid,
        "path": "/mnt/data/notes.txt",
        "source": "user",
    }


def eval_obj(eid: str = "eval_abc123") -> Dict[str, Any]:
    return {
        "object": "eval",
        "id": eid,
        "data_source_config": {
            "type": "custom",
            "schema": {"type": "object", "properties": {"item": {"type": "object"}}},
        },
        "testing_criteria": [
            {
                "name": "Match",
                "id": "Match-1",
                "type": "string_check",
                "input": "{{sample.output_text}}",
                "reference": "{{item.expected}}",
                "operation": "eq",
            }
        ],
        "name": "Sentiment",
        "created_at": CREATED,
        "metadata": {},
    }


def eval_run(rid: str, eid: str, status: str = "queued") -> Dict[str, Any]:
    return {
        "object": "eval.run",
        "id": rid,
        "eval_id": eid,
        "report_url": "https://platform.openai.com/evaluations/x",
        "status": status,
        "model": "gpt-4o-mini",
        "name": "run-1",
        "created_at": CREATED,
        "result_counts": {"total": 1, "errored": 0, "failed": 0, "passed": 1},
        "per_model_usage": None,
        "per_testing_criteria_results": None,
        "data_source": {
            "type": "jsonl",
            "source": {"type": "file_content", "content": [{"item": {"expected": "a"}}]},
        },
        "metadata": {},
        "error": None,
    }


def output_item(oid: str, rid: str, eid: str) -> Dict[str, Any]:
    return {
        "object": "eval.run.output_item",
        "id": oid,
        "run_id": rid,
        "eval_id": eid,
        "created_at": CREATED,
        "status": "pass",
        "datasource_item_id": 1,
        "datasource_item": {"expected": "a"},
        "results": [{"name": "Match-1", "sample": None, "passed": True, "score": 1.0}],
        "sample": {
            "input": [{"role": "user", "content": "hi"}],
            "output": [{"role": "assistant", "content": "a"}],
            "finish_reason": "stop",
            "model": "gpt-4o-mini",
            "usage": {
                "total_tokens": 2,
                "completion_tokens": 1,
                "prompt_tokens": 1,
                "cached_tokens": 0,
            },
            "error": {"code": "", "message": ""},
            "temperature": 1.0,
            "max_completion_tokens": 16,
            "top_p": 1.0,
            "seed": 42,
        },
    }


def video(vid: str = "video_abc123", status: str = "queued") -> Dict[str, Any]:
    return {
        "id": vid,
        "object": "video",
        "model": "sora-2",
        "status": status,
        "progress": 100 if status == "completed" else 0,
        "created_at": CREATED,
        "completed_at": CREATED + 60 if status == "completed" else None,
        "expires_at": None,
        "prompt": "A calico cat playing a piano",
        "seconds": "4",
        "size": "720x1280",
        "remixed_from_video_id": None,
        "error": None,
    }


def skill(sid: str = "skill_abc123") -> Dict[str, Any]:
    return {
        "id": sid,
        "object": "skill",
        "created_at": CREATED,
        "default_version": "1",
        "description": "A demo skill.",
        "latest_version": "1",
        "name": "demo",
    }


def skill_version(sid: str, version: str = "1") -> Dict[str, Any]:
    return {
        "id": f"skillver_{version}",
        "object": "skill.version",
        "created_at": CREATED,
        "description": "A demo skill.",
        "name": "demo",
        "skill_id": sid,
        "version": version,
    }


def assistant(aid: str = "asst_abc123") -> Dict[str, Any]:
    return {
        "id": aid,
        "object": "assistant",
        "created_at": CREATED,
        "name": "Math Tutor",
        "description": None,
        "model": "gpt-4o",
        "instructions": "You are a personal math tutor.",
        "tools": [{"type": "code_interpreter"}],
        "metadata": {},
        "top_p": 1.0,
        "temperature": 1.0,
        "response_format": "auto",
    }


def thread(tid: str = "thread_abc123") -> Dict[str, Any]:
    return {
        "id": tid,
        "object": "thread",
        "created_at": CREATED,
        "metadata": {},
        "tool_resources": {},
    }


def message(mid: str, tid: str) -> Dict[str, Any]:
    return {
        "id": mid,
        "object": "thread.message",
        "created_at": CREATED,
        "assistant_id": None,
        "thread_id": tid,
        "run_id": None,
        "role": "user",
        "content": [{"type": "text", "text": {"value": "Hello", "annotations": []}}],
        "attachments": [],
        "metadata": {},
        "status": "completed",
        "incomplete_details": None,
        "completed_at": None,
        "incomplete_at": None,
    }


def run(rid: str, tid: str, status: str = "queued", **extra: Any) -> Dict[str, Any]:
    out = {
        "id": rid,
        "object": "thread.run",
        "created_at": CREATED,
        "assistant_id": "asst_abc123",
        "thread_id": tid,
        "status": status,
        "started_at": None,
        "expires_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": CREATED + 5 if status == "completed" else None,
        "last_error": None,
        "model": "gpt-4o",
        "instructions": None,
        "incomplete_details": None,
        "tools": [],
        "metadata": {},
        "usage": None,
        "temperature": 1.0,
        "top_p": 1.0,
        "max_prompt_tokens": None,
        "max_completion_tokens": None,
        "truncation_strategy": {"type": "auto", "last_messages": None},
        "response_format": "auto",
        "tool_choice": "auto",
        "parallel_tool_calls": True,
        "required_action": None,
    }
    out.update(extra)
    return out


REQUIRED_ACTION = {
    "type": "submit_tool_outputs",
    "submit_tool_outputs": {
        "tool_calls": [
            {
                "id": "call_001",
                "type": "function",
                "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
            }
        ]
    },
}


def step(sid: str, rid: str, tid: str) -> Dict[str, Any]:
    return {
        "id": sid,
        "object": "thread.run.step",
        "created_at": CREATED,
        "run_id": rid,
        "assistant_id": "asst_abc123",
        "thread_id": tid,
        "type": "message_creation",
        "status": "completed",
        "cancelled_at": None,
        "completed_at": CREATED + 5,
        "expired_at": None,
        "failed_at": None,
        "last_error": None,
        "step_details": {"type": "message_creation", "message_creation": {"message_id": "msg_1"}},
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        "metadata": {},
    }


def chatkit_session(sid: str = "cksess_abc123", status: str = "active") -> Dict[str, Any]:
    return {
        "id": sid,
        "object": "chatkit.session",
        "client_secret": "ek_test",
        "expires_at": CREATED + 600,
        "max_requests_per_1_minute": 10,
        "status": status,
        "user": "user-1",
        "workflow": {
            "id": "wf_123",
            "version": None,
            "state_variables": None,
            "tracing": {"enabled": True},
        },
        "chatkit_configuration": {
            "automatic_thread_titling": {"enabled": True},
            "file_upload": {"enabled": False, "max_file_size": None, "max_files": None},
            "history": {"enabled": True, "recent_threads": None},
        },
        "rate_limits": {"max_requests_per_1_minute": 10},
    }


def chatkit_thread(tid: str = "cthr_abc123") -> Dict[str, Any]:
    return {
        "id": tid,
        "object": "chatkit.thread",
        "created_at": CREATED,
        "status": {"type": "active"},
        "title": "Hello",
        "user": "user-1",
    }


def chatkit_item(tid: str) -> Dict[str, Any]:
    return {
        "id": "cthi_1",
        "object": "chatkit.thread_item",
        "created_at": CREATED,
        "thread_id": tid,
        "type": "chatkit.user_message",
        "content": [{"type": "input_text", "text": "Hello"}],
        "attachments": [],
        "inference_options": None,
    }


CLIENT_SECRET = {
    "value": "ek_abc123",
    "expires_at": CREATED + 600,
    "session": {"type": "realtime", "model": "gpt-realtime", "object": "realtime.session"},
}
CHAT_PARSED = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": CREATED,
    "model": "gpt-4o-mini",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": '{"answer": 4}', "refusal": None},
            "finish_reason": "stop",
            "logprobs": None,
        }
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}


def _chat_sse() -> bytes:
    chunks = [
        {"role": "assistant", "content": '{"answer": '},
        {"content": "4}"},
    ]
    out = b""
    for i, delta in enumerate(chunks):
        body = {
            "id": "chatcmpl-1",
            "object": "chat.completion.chunk",
            "created": CREATED,
            "model": "gpt-4o-mini",
            "choices": [
                {
                    "index": 0,
                    "delta": delta,
                    "finish_reason": "stop" if i else None,
                    "logprobs": None,
                }
            ],
        }
        out += b"data: " + json.dumps(body, separators=(",", ":")).encode() + b"\n\n"
    return out + b"data: [DONE]\n\n"


def _run_sse(tid: str) -> bytes:
    """A run stream, named events as the Assistants API sends them."""
    rid = "run_abc123"
    events = [
        ("thread.run.created", run(rid, tid, "queued")),
        ("thread.run.in_progress", run(rid, tid, "in_progress")),
        ("thread.message.created", {**message("msg_1", tid), "status": "in_progress"}),
        (
            "thread.message.delta",
            {
                "id": "msg_1",
                "object": "thread.message.delta",
                "delta": {
                    "content": [
                        {"index": 0, "type": "text", "text": {"value": "Hi", "annotations": []}}
                    ]
                },
            },
        ),
        ("thread.message.completed", message("msg_1", tid)),
        ("thread.run.completed", run(rid, tid, "completed")),
    ]
    out = b""
    for name, data in events:
        out += f"event: {name}\ndata: ".encode() + json.dumps(data, separators=(",", ":")).encode()
        out += b"\n\n"
    return out + b"event: done\ndata: [DONE]\n\n"


def _parts(path: str, marker: str) -> List[str]:
    return [p for p in path.split(marker, 1)[1].split("/") if p]


def respond(request: httpx.Request, headers: Dict[str, str]) -> Optional[httpx.Response]:
    """The answer for a route of this module, or None for the other routes."""
    path = request.url.path
    method = request.method
    try:
        body = json.loads(request.content or b"{}")
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}

    def ok(payload: Any) -> httpx.Response:
        return httpx.Response(200, headers=headers, json=payload)

    def raw(data: bytes, content_type: str) -> httpx.Response:
        return httpx.Response(200, headers={**headers, "content-type": content_type}, content=data)

    def deleted(oid: str, obj: str) -> httpx.Response:
        return ok({"id": oid, "object": obj, "deleted": True})

    if "/v1/fine_tuning/" in path:
        rest = _parts(path, "/v1/fine_tuning/")
        if rest[:2] == ["alpha", "graders"]:
            if rest[-1] == "validate":
                return ok({"grader": body.get("grader")})
            return ok(
                {
                    "reward": 1.0,
                    "metadata": {
                        "name": "g",
                        "type": "string_check",
                        "errors": {
                            "formula_parse_error": False,
                            "invalid_variable_error": False,
                            "model_grader_parse_error": False,
                            "model_grader_refusal_error": False,
                            "model_grader_server_error": False,
                            "model_grader_server_error_details": None,
                            "other_error": False,
                            "python_grader_runtime_error": False,
                            "python_grader_runtime_error_details": None,
                            "python_grader_server_error": False,
                            "python_grader_server_error_type": None,
                            "sample_parse_error": False,
                            "truncated_observation_error": False,
                            "unresponsive_reward_error": False,
                        },
                        "execution_time": 0.01,
                        "scores": {},
                        "token_usage": None,
                        "sampled_model_name": None,
                    },
                    "sub_rewards": {},
                    "model_grader_token_usage_per_model": {},
                }
            )
        if rest[0] == "checkpoints":
            ckpt = rest[1]
            if method == "DELETE":
                return deleted(rest[-1], "checkpoint.permission")
            perm = {
                "id": "cp_abc123",
                "object": "checkpoint.permission",
                "created_at": CREATED,
                "project_id": "proj_abc123",
            }
            assert ckpt
            return ok(_list([perm]))
        if len(rest) == 1 and rest[0] == "jobs":
            return ok(job() if method == "POST" else _list([job(), job("ftjob-2")]))
        jid = rest[1]
        if rest[-1] == "cancel":
            return ok(job(jid, "cancelled"))
        if rest[-1] == "events":
            return ok(
                _list(
                    [
                        {
                            "object": "fine_tuning.job.event",
                            "id": "ftevent-1",
                            "created_at": CREATED,
                            "level": "info",
                            "message": "Job started",
                            "data": {},
                            "type": "message",
                        }
                    ]
                )
            )
        if rest[-1] == "checkpoints":
            return ok(
                _list(
                    [
                        {
                            "object": "fine_tuning.job.checkpoint",
                            "id": "ftckpt_1",
                            "created_at": CREATED,
                            "fine_tuned_model_checkpoint": "ft:gpt-4o-mini:org::ckpt-step-88",
                            "fine_tuning_job_id": jid,
                            "metrics": {"step": 88, "train_loss": 0.4},
                            "step_number": 88,
                        }
                    ]
                )
            )
        return ok(job(jid, "running"))
    if "/v1/vector_stores" in path:
        rest = _parts(path, "/v1/vector_stores")
        if not rest:
            return ok(vector_store() if method == "POST" else _list([vector_store()]))
        vid = rest[0]
        if len(rest) == 1:
            if method == "DELETE":
                return deleted(vid, "vector_store.deleted")
            return ok(vector_store(vid))
        if rest[1] == "files":
            if len(rest) == 2:
                if method == "POST":
                    return ok(vs_file(body.get("file_id", "file-x"), vid, "in_progress"))
                return ok(_list([vs_file("file-abc123", vid, "completed")]))
            fid = rest[2]
            if method == "DELETE":
                return deleted(fid, "vector_store.file.deleted")
            n = _seen(path)
            answer = ok(vs_file(fid, vid, "in_progress" if n == 1 else "completed"))
            if fid == "file-hdr":  # the server names the poll interval
                answer.headers["openai-poll-after-ms"] = "1"
            return answer
        if rest[1] == "file_batches":
            if len(rest) == 2:
                return ok(vs_batch("vsfb_abc123", vid, "in_progress"))
            bid = rest[2]
            if rest[-1] == "cancel":
                return ok(vs_batch(bid, vid, "cancelled"))
            if rest[-1] == "files":
                return ok(_list([vs_file("file-abc123", vid, "completed")]))
            n = _seen(path)
            return ok(vs_batch(bid, vid, "in_progress" if n == 1 else "completed"))
        return None
    if "/v1/containers" in path:
        rest = _parts(path, "/v1/containers")
        if not rest:
            return ok(container() if method == "POST" else _list([container()]))
        cid = rest[0]
        if len(rest) == 1:
            if method == "DELETE":
                return httpx.Response(200, headers=headers)
            return ok(container(cid))
        if len(rest) == 2:
            if method == "POST":
                return ok(container_file("cfile_abc123", cid))
            return ok(_list([container_file("cfile_abc123", cid)]))
        fid = rest[2]
        if rest[-1] == "content":
            return raw(b"hello from the container\n\x00\xff", "application/octet-stream")
        if method == "DELETE":
            return httpx.Response(200, headers=headers)
        return ok(container_file(fid, cid))
    if "/v1/evals" in path:
        rest = _parts(path, "/v1/evals")
        if not rest:
            return ok(eval_obj() if method == "POST" else _list([eval_obj()]))
        eid = rest[0]
        if len(rest) == 1:
            if method == "DELETE":
                return ok({"object": "eval.deleted", "deleted": True, "eval_id": eid})
            return ok(eval_obj(eid))
        if len(rest) == 2:
            return ok(
                eval_run("evalrun_abc123", eid)
                if method == "POST"
                else _list([eval_run("evalrun_abc123", eid)])
            )
        rid = rest[2]
        if len(rest) == 3:
            if method == "DELETE":
                return ok({"object": "eval.run.deleted", "deleted": True, "run_id": rid})
            return ok(eval_run(rid, eid, "completed"))
        if rest[3] == "output_items":
            if len(rest) == 4:
                return ok(_list([output_item("outputitem_1", rid, eid)]))
            return ok(output_item(rest[4], rid, eid))
        return None
    if "/v1/videos" in path:
        rest = _parts(path, "/v1/videos")
        if not rest:
            return ok(video() if method == "POST" else _list([video(status="completed")]))
        if rest[0] == "characters":
            ch = {
                "id": rest[1] if len(rest) > 1 else "char_abc123",
                "object": "video.character",
                "created_at": CREATED,
                "name": "Mochi",
            }
            return ok(ch)
        if rest[0] in ("edits", "extensions"):
            return ok(video("video_def456"))
        vid = rest[0]
        if len(rest) == 2 and rest[1] == "content":
            variant = request.url.params.get("variant", "video")
            if variant == "thumbnail":
                return raw(JPEG, "image/jpeg")
            return raw(MP4, "video/mp4")
        if len(rest) == 2 and rest[1] == "remix":
            return ok({**video("video_def456"), "remixed_from_video_id": vid})
        if method == "DELETE":
            return deleted(vid, "video.deleted")
        n = _seen(path)
        return ok(video(vid, "in_progress" if n == 1 else "completed"))
    if "/v1/skills" in path:
        rest = _parts(path, "/v1/skills")
        if not rest:
            return ok(skill() if method == "POST" else _list([skill()]))
        sid = rest[0]
        if rest[-1] == "content":
            return raw(ZIP, "application/zip")
        if len(rest) == 1:
            if method == "DELETE":
                return deleted(sid, "skill.deleted")
            return ok(skill(sid))
        if len(rest) == 2:
            return ok(skill_version(sid, "2") if method == "POST" else _list([skill_version(sid)]))
        if method == "DELETE":
            return ok(
                {
                    "id": f"skillver_{rest[2]}",
                    "object": "skill.version.deleted",
                    "deleted": True,
                    "version": rest[2],
                }
            )
        return ok(skill_version(sid, rest[2]))
    if "/v1/assistants" in path:
        rest = _parts(path, "/v1/assistants")
        if not rest:
            return ok(assistant() if method == "POST" else _list([assistant()]))
        if method == "DELETE":
            return deleted(rest[0], "assistant.deleted")
        return ok(assistant(rest[0]))
    if "/v1/chatkit" in path:
        rest = _parts(path, "/v1/chatkit")
        if rest[0] == "sessions":
            if rest[-1] == "cancel":
                return ok(chatkit_session(rest[1], "cancelled"))
            return ok(chatkit_session())
        if len(rest) == 1:
            return ok(_list([chatkit_thread()]))
        tid = rest[1]
        if rest[-1] == "items":
            return ok(_list([chatkit_item(tid)]))
        if method == "DELETE":
            return ok({"id": tid, "object": "chatkit.thread.deleted", "deleted": True})
        return ok(chatkit_thread(tid))
    if "/v1/realtime" in path:
        rest = _parts(path, "/v1/realtime")
        if rest[0] == "client_secrets":
            return ok(CLIENT_SECRET)
        if rest[0] in ("sessions", "transcription_sessions"):
            return ok(
                {
                    "id": "sess_abc123",
                    "object": "realtime.session",
                    "model": body.get("model"),
                    "client_secret": {"value": "ek_abc123", "expires_at": CREATED + 60},
                }
            )
        if rest == ["calls"]:
            return raw(b"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n", "application/sdp")
        return httpx.Response(200, headers=headers)
    if "/v1/threads" in path:
        rest = _parts(path, "/v1/threads")
        stream = body.get("stream") is True
        if stream:
            tid = rest[0] if rest and rest[0] != "runs" else "thread_abc123"
            return raw(_run_sse(tid), "text/event-stream")
        if not rest:
            return ok(thread())
        if rest == ["runs"]:
            return ok(run("run_abc123", "thread_abc123"))
        tid = rest[0]
        if len(rest) == 1:
            if method == "DELETE":
                return deleted(tid, "thread.deleted")
            return ok(thread(tid))
        if rest[1] == "messages":
            if len(rest) == 2:
                return ok(
                    message("msg_abc123", tid)
                    if method == "POST"
                    else _list([message("msg_abc123", tid)])
                )
            if method == "DELETE":
                return deleted(rest[2], "thread.message.deleted")
            return ok(message(rest[2], tid))
        if rest[1] == "runs":
            if len(rest) == 2:
                if method == "POST":
                    return ok(run("run_abc123", tid))
                return ok(_list([run("run_abc123", tid, "completed")]))
            rid = rest[2]
            if len(rest) >= 4 and rest[3] == "steps":
                if len(rest) == 4:
                    return ok(_list([step("step_abc123", rid, tid)]))
                return ok(step(rest[4], rid, tid))
            if rest[-1] == "cancel":
                return ok(run(rid, tid, "cancelling"))
            if rest[-1] == "submit_tool_outputs":
                _STATE.pop(f"/v1/threads/{tid}/runs/{rid}", None)
                return ok(run(rid, tid, "queued"))
            if method == "POST":
                return ok(run(rid, tid, "completed", metadata=body.get("metadata") or {}))
            n = _seen(path)
            final = "failed" if rid == "run_failed" else "completed"
            return ok(run(rid, tid, "in_progress" if n == 1 else final))
        return None
    if path.endswith("/v1/chat/completions") and "response_format" in body:
        if body.get("stream") is True:
            return raw(_chat_sse(), "text/event-stream")
        return ok(CHAT_PARSED)
    return None


# ---------------------------------------------------------------------------------------------
# Scenarios (pure data)
# ---------------------------------------------------------------------------------------------

FT = "fine_tuning"
VS = "vector_stores"
CT = "containers"
EV = "evals"
VD = "videos"
SK = "skills"
BT = "beta"
RT = "realtime"
GRADER = {
    "type": "string_check",
    "name": "exact",
    "input": "{{sample.output_text}}",
    "reference": "{{item.expected}}",
    "operation": "eq",
}
FAST = {"poll_interval_ms": 1}
TXT = b"Portkey is an AI gateway.\n"

SCENARIOS: List[Dict[str, Any]] = [
    # ---- fine_tuning ----
    sc(
        "ft_jobs_create",
        BASE,
        call(
            f"{FT}.jobs.create",
            model="gpt-4o-mini-2024-07-18",
            training_file="file-abc123",
            hyperparameters={"n_epochs": 3},
            method={"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 3}}},
            seed=42,
            suffix="demo",
        ),
    ),
    sc(
        "ft_jobs_create_reinforcement_kwargs",
        BASE,
        call(
            f"{FT}.jobs.create",
            model="o4-mini",
            training_file="file-abc123",
            method={"type": "reinforcement", "reinforcement": {"grader": GRADER}},
            metadata={"team": "a"},
            **OPTS,
        ),
        doc="an unknown keyword (metadata) and the call options",
    ),
    sc("ft_jobs_retrieve", BASE, call(f"{FT}.jobs.retrieve", fine_tuning_job_id="ftjob-abc123")),
    sc(
        "ft_jobs_retrieve_options",
        BASE,
        call(f"{FT}.jobs.retrieve", fine_tuning_job_id="ftjob-abc123", **OPTS),
    ),
    sc("ft_jobs_list", BASE, call(f"{FT}.jobs.list", after="ftjob-1", limit=2)),
    sc("ft_jobs_list_metadata", BASE, call(f"{FT}.jobs.list", metadata={"team": "a"})),
    sc("ft_jobs_cancel", BASE, call(f"{FT}.jobs.cancel", fine_tuning_job_id="ftjob-abc123")),
    sc(
        "ft_jobs_list_events",
        BASE,
        call(f"{FT}.jobs.list_events", fine_tuning_job_id="ftjob-abc123", after="e1", limit=5),
    ),
    sc(
        "ft_jobs_checkpoints_list",
        BASE,
        call(f"{FT}.jobs.checkpoints.list", fine_tuning_job_id="ftjob-abc123", limit=1),
    ),
    sc(
        "ft_permissions_create",
        BASE,
        call(
            f"{FT}.checkpoints.permissions.create",
            fine_tuned_model_checkpoint="ft:gpt-4o-mini:org::ckpt",
            project_ids=["proj_abc123"],
        ),
    ),
    sc(
        "ft_permissions_retrieve",
        BASE,
        call(
            f"{FT}.checkpoints.permissions.retrieve",
            fine_tuned_model_checkpoint="ft:gpt-4o-mini:org::ckpt",
            limit=10,
            order="ascending",
            project_id="proj_abc123",
        ),
    ),
    sc(
        "ft_permissions_list",
        BASE,
        call(
            f"{FT}.checkpoints.permissions.list",
            fine_tuned_model_checkpoint="ft:gpt-4o-mini:org::ckpt",
            after="cp_0",
            limit=10,
        ),
    ),
    sc(
        "ft_permissions_delete",
        BASE,
        call(
            f"{FT}.checkpoints.permissions.delete",
            permission_id="cp_abc123",
            fine_tuned_model_checkpoint="ft:gpt-4o-mini:org::ckpt",
        ),
    ),
    sc(
        "ft_graders_run",
        BASE,
        call(f"{FT}.alpha.graders.run", grader=GRADER, model_sample="a", item={"expected": "a"}),
    ),
    sc("ft_graders_validate", BASE, call(f"{FT}.alpha.graders.validate", grader=GRADER)),
    # ---- vector_stores ----
    sc(
        "vs_create",
        BASE,
        call(
            f"{VS}.create",
            name="Support FAQ",
            file_ids=["file-abc123"],
            expires_after={"anchor": "last_active_at", "days": 7},
            chunking_strategy={"type": "auto"},
            metadata={"k": "v"},
        ),
    ),
    sc("vs_create_empty", BASE, call(f"{VS}.create")),
    sc(
        "vs_create_portkey_options",
        {**BASE, "config": {"retry": {"attempts": 2}}, "metadata": {"team": "a"}},
        call(f"{VS}.create", name="Support FAQ"),
        with_options={"trace_id": "t-vs"},
    ),
    sc("vs_retrieve", BASE, call(f"{VS}.retrieve", vector_store_id="vs_abc123")),
    sc(
        "vs_update",
        BASE,
        call(f"{VS}.update", vector_store_id="vs_abc123", name="New", metadata={"k": "w"}),
    ),
    sc(
        "vs_list",
        BASE,
        call(f"{VS}.list", after="vs_1", before="vs_9", limit=2, order="asc"),
    ),
    sc("vs_list_options", BASE, call(f"{VS}.list", **OPTS)),
    sc("vs_delete", BASE, call(f"{VS}.delete", vector_store_id="vs_abc123")),
    sc(
        "vs_files_create",
        BASE,
        call(
            f"{VS}.files.create",
            vector_store_id="vs_abc123",
            file_id="file-abc123",
            chunking_strategy={"type": "auto"},
        ),
    ),
    sc(
        "vs_files_create_attributes",
        BASE,
        call(
            f"{VS}.files.create",
            vector_store_id="vs_abc123",
            file_id="file-abc123",
            attributes={"author": "me"},
        ),
        doc="attributes is not a named parameter of the official: a free keyword",
    ),
    sc(
        "vs_files_retrieve",
        BASE,
        call(f"{VS}.files.retrieve", file_id="file-abc123", vector_store_id="vs_abc123"),
    ),
    sc(
        "vs_files_list",
        BASE,
        call(
            f"{VS}.files.list",
            vector_store_id="vs_abc123",
            filter="completed",
            limit=5,
            order="desc",
            after="file-0",
        ),
    ),
    sc(
        "vs_files_delete",
        BASE,
        call(f"{VS}.files.delete", file_id="file-abc123", vector_store_id="vs_abc123"),
    ),
    sc(
        "vs_files_create_and_poll",
        BASE,
        call(
            f"{VS}.files.create_and_poll",
            file_id="file-abc123",
            vector_store_id="vs_abc123",
            attributes={"author": "me"},
            **FAST,
        ),
    ),
    sc(
        "vs_files_poll",
        BASE,
        call(f"{VS}.files.poll", file_id="file-abc123", vector_store_id="vs_abc123", **FAST),
    ),
    sc(
        "vs_files_poll_server_interval",
        BASE,
        call(f"{VS}.files.poll", file_id="file-hdr", vector_store_id="vs_abc123"),
        doc="no poll_interval_ms: the answer's openai-poll-after-ms header sets it",
    ),
    sc(
        "vs_files_upload",
        BASE,
        call(
            f"{VS}.files.upload",
            vector_store_id="vs_abc123",
            file=bytesio(TXT, "notes.txt"),
            chunking_strategy={"type": "auto"},
        ),
    ),
    sc(
        "vs_files_upload_and_poll",
        BASE,
        call(
            f"{VS}.files.upload_and_poll",
            vector_store_id="vs_abc123",
            file=bytesio(TXT, "notes.txt"),
            **FAST,
        ),
    ),
    sc(
        "vs_file_batches_create",
        BASE,
        call(
            f"{VS}.file_batches.create",
            vector_store_id="vs_abc123",
            file_ids=["file-abc123"],
            chunking_strategy={"type": "auto"},
        ),
    ),
    sc(
        "vs_file_batches_retrieve",
        BASE,
        call(f"{VS}.file_batches.retrieve", batch_id="vsfb_abc123", vector_store_id="vs_abc123"),
    ),
    sc(
        "vs_file_batches_cancel",
        BASE,
        call(f"{VS}.file_batches.cancel", batch_id="vsfb_abc123", vector_store_id="vs_abc123"),
    ),
    sc(
        "vs_file_batches_create_and_poll",
        BASE,
        call(
            f"{VS}.file_batches.create_and_poll",
            vector_store_id="vs_abc123",
            file_ids=["file-abc123"],
            **FAST,
        ),
    ),
    sc(
        "vs_file_batches_list_files",
        BASE,
        call(
            f"{VS}.file_batches.list_files",
            batch_id="vsfb_abc123",
            vector_store_id="vs_abc123",
            filter="completed",
            limit=3,
        ),
    ),
    sc(
        "vs_file_batches_poll",
        BASE,
        call(
            f"{VS}.file_batches.poll", batch_id="vsfb_abc123", vector_store_id="vs_abc123", **FAST
        ),
    ),
    sc(
        "vs_file_batches_upload_and_poll",
        BASE,
        call(
            f"{VS}.file_batches.upload_and_poll",
            vector_store_id="vs_abc123",
            files=[bytesio(TXT, "notes.txt")],
            file_ids=["file-abc123"],
            max_concurrency=1,
            **FAST,
        ),
    ),
    sc(
        "vs_file_batches_upload_and_poll_two",
        BASE,
        call(
            f"{VS}.file_batches.upload_and_poll",
            vector_store_id="vs_abc123",
            files=[bytesio(TXT, "a.txt"), bytesio(SKILL_MD, "b.md")],
            max_concurrency=1,
            **FAST,
        ),
        doc="two uploads, one at a time, then the batch of their ids",
    ),
    # ---- containers ----
    sc(
        "ct_create",
        BASE,
        call(
            f"{CT}.create",
            name="My Container",
            expires_after={"anchor": "last_active_at", "minutes": 20},
            file_ids=["file-abc123"],
            memory_limit="1g",
        ),
    ),
    sc("ct_retrieve", BASE, call(f"{CT}.retrieve", container_id="cntr_abc123")),
    sc("ct_list", BASE, call(f"{CT}.list", after="cntr_0", limit=2, order="asc", name="My")),
    sc("ct_delete", BASE, call(f"{CT}.delete", container_id="cntr_abc123")),
    sc(
        "ct_files_create_upload",
        BASE,
        call(f"{CT}.files.create", container_id="cntr_abc123", file=bytesio(TXT, "notes.txt")),
    ),
    sc(
        "ct_files_create_file_id",
        BASE,
        call(f"{CT}.files.create", container_id="cntr_abc123", file_id="file-abc123"),
    ),
    sc(
        "ct_files_retrieve",
        BASE,
        call(f"{CT}.files.retrieve", file_id="cfile_abc123", container_id="cntr_abc123"),
    ),
    sc(
        "ct_files_list",
        BASE,
        call(f"{CT}.files.list", container_id="cntr_abc123", limit=2, order="desc"),
    ),
    sc(
        "ct_files_delete",
        BASE,
        call(f"{CT}.files.delete", file_id="cfile_abc123", container_id="cntr_abc123"),
    ),
    sc(
        "ct_files_content_retrieve",
        BASE,
        call(f"{CT}.files.content.retrieve", file_id="cfile_abc123", container_id="cntr_abc123"),
    ),
    # ---- evals ----
    sc(
        "ev_create",
        BASE,
        call(
            f"{EV}.create",
            name="Sentiment",
            data_source_config={
                "type": "custom",
                "item_schema": {"type": "object", "properties": {"expected": {"type": "string"}}},
                "include_sample_schema": True,
            },
            testing_criteria=[GRADER],
            metadata={"k": "v"},
        ),
    ),
    sc("ev_retrieve", BASE, call(f"{EV}.retrieve", eval_id="eval_abc123")),
    sc("ev_update", BASE, call(f"{EV}.update", eval_id="eval_abc123", name="Renamed")),
    sc("ev_list", BASE, call(f"{EV}.list", limit=2, order="asc", order_by="updated_at")),
    sc("ev_delete", BASE, call(f"{EV}.delete", eval_id="eval_abc123")),
    sc(
        "ev_runs_create",
        BASE,
        call(
            f"{EV}.runs.create",
            eval_id="eval_abc123",
            name="run-1",
            data_source={
                "type": "jsonl",
                "source": {"type": "file_content", "content": [{"item": {"expected": "a"}}]},
            },
        ),
    ),
    sc(
        "ev_runs_retrieve",
        BASE,
        call(f"{EV}.runs.retrieve", run_id="evalrun_abc123", eval_id="eval_abc123"),
    ),
    sc(
        "ev_runs_list",
        BASE,
        call(f"{EV}.runs.list", eval_id="eval_abc123", limit=2, status="completed"),
    ),
    sc(
        "ev_runs_delete",
        BASE,
        call(f"{EV}.runs.delete", run_id="evalrun_abc123", eval_id="eval_abc123"),
    ),
    sc(
        "ev_runs_cancel",
        BASE,
        call(f"{EV}.runs.cancel", run_id="evalrun_abc123", eval_id="eval_abc123"),
    ),
    sc(
        "ev_output_items_list",
        BASE,
        call(
            f"{EV}.runs.output_items.list",
            run_id="evalrun_abc123",
            eval_id="eval_abc123",
            status="pass",
            limit=1,
        ),
    ),
    sc(
        "ev_output_items_retrieve",
        BASE,
        call(
            f"{EV}.runs.output_items.retrieve",
            output_item_id="outputitem_1",
            eval_id="eval_abc123",
            run_id="evalrun_abc123",
        ),
    ),
    # ---- videos ----
    sc(
        "vd_create",
        BASE,
        call(f"{VD}.create", prompt="A calico cat playing a piano", model="sora-2", seconds="4"),
    ),
    sc(
        "vd_create_input_reference",
        BASE,
        call(
            f"{VD}.create",
            prompt="Animate this",
            input_reference=bytesio(PNG, "ref.png"),
            size="720x1280",
        ),
    ),
    sc(
        "vd_create_and_poll",
        BASE,
        call(f"{VD}.create_and_poll", prompt="A calico cat", **FAST),
    ),
    sc("vd_poll", BASE, call(f"{VD}.poll", video_id="video_abc123", **FAST)),
    sc("vd_retrieve", BASE, call(f"{VD}.retrieve", video_id="video_abc123", **OPTS)),
    sc("vd_list", BASE, call(f"{VD}.list", after="video_0", limit=2, order="asc")),
    sc("vd_delete", BASE, call(f"{VD}.delete", video_id="video_abc123")),
    sc(
        "vd_create_character",
        BASE,
        call(f"{VD}.create_character", name="Mochi", video=bytesio(MP4, "mochi.mp4")),
    ),
    sc("vd_get_character", BASE, call(f"{VD}.get_character", character_id="char_abc123")),
    sc("vd_download_content", BASE, call(f"{VD}.download_content", video_id="video_abc123")),
    sc(
        "vd_download_content_thumbnail",
        BASE,
        call(f"{VD}.download_content", video_id="video_abc123", variant="thumbnail"),
    ),
    sc(
        "vd_edit",
        BASE,
        call(f"{VD}.edit", prompt="Make it night", video=bytesio(MP4, "source.mp4")),
    ),
    sc(
        "vd_edit_reference",
        BASE,
        call(f"{VD}.edit", prompt="Make it night", video={"id": "video_abc123"}),
        doc="openai-python 2.30 extracts files at `video` and refuses the reference dict",
    ),
    sc(
        "vd_extend",
        BASE,
        call(f"{VD}.extend", prompt="Keep going", seconds="4", video=bytesio(MP4, "source.mp4")),
    ),
    sc(
        "vd_extend_reference",
        BASE,
        call(f"{VD}.extend", prompt="Keep going", seconds="4", video={"id": "video_abc123"}),
    ),
    sc("vd_remix", BASE, call(f"{VD}.remix", video_id="video_abc123", prompt="In watercolour")),
    # ---- skills ----
    sc(
        "sk_create",
        BASE,
        call(f"{SK}.create", files=[bytesio(SKILL_MD, "SKILL.md")]),
    ),
    sc("sk_retrieve", BASE, call(f"{SK}.retrieve", skill_id="skill_abc123")),
    sc("sk_update", BASE, call(f"{SK}.update", skill_id="skill_abc123", default_version="2")),
    sc("sk_list", BASE, call(f"{SK}.list", after="skill_0", limit=2, order="asc")),
    sc("sk_delete", BASE, call(f"{SK}.delete", skill_id="skill_abc123")),
    sc(
        "sk_versions_create",
        BASE,
        call(
            f"{SK}.versions.create",
            skill_id="skill_abc123",
            files=[bytesio(SKILL_MD, "SKILL.md")],
            default=True,
        ),
    ),
    sc(
        "sk_versions_retrieve",
        BASE,
        call(f"{SK}.versions.retrieve", version="1", skill_id="skill_abc123"),
    ),
    sc("sk_versions_list", BASE, call(f"{SK}.versions.list", skill_id="skill_abc123", limit=2)),
    sc(
        "sk_versions_delete",
        BASE,
        call(f"{SK}.versions.delete", version="1", skill_id="skill_abc123"),
    ),
    sc("sk_content_retrieve", BASE, call(f"{SK}.content.retrieve", skill_id="skill_abc123")),
    sc(
        "sk_versions_content_retrieve",
        BASE,
        call(f"{SK}.versions.content.retrieve", version="1", skill_id="skill_abc123"),
    ),
    # ---- beta.assistants ----
    sc(
        "as_create",
        BASE,
        call(
            f"{BT}.assistants.create",
            model="gpt-4o",
            name="Math Tutor",
            instructions="You are a personal math tutor.",
            tools=[{"type": "code_interpreter"}],
        ),
    ),
    sc(
        "as_create_kwargs",
        BASE,
        call(f"{BT}.assistants.create", model="gpt-4o", reasoning_effort="low", **OPTS),
    ),
    sc("as_retrieve", BASE, call(f"{BT}.assistants.retrieve", assistant_id="asst_abc123")),
    sc(
        "as_retrieve_404",
        BASE,
        call(f"{BT}.assistants.retrieve", assistant_id="asst_missing"),
        upstream_statuses=[404],
    ),
    sc(
        "as_update",
        BASE,
        call(f"{BT}.assistants.update", assistant_id="asst_abc123", name="Renamed", top_p=0.5),
    ),
    sc("as_list", BASE, call(f"{BT}.assistants.list", limit=2, order="asc", after="asst_0")),
    sc("as_delete", BASE, call(f"{BT}.assistants.delete", assistant_id="asst_abc123")),
    # ---- beta.threads ----
    sc(
        "th_create",
        BASE,
        call(
            f"{BT}.threads.create",
            messages=[{"role": "user", "content": "Hello"}],
            metadata={"k": "v"},
        ),
    ),
    sc("th_create_empty", BASE, call(f"{BT}.threads.create")),
    sc("th_retrieve", BASE, call(f"{BT}.threads.retrieve", thread_id="thread_abc123")),
    sc(
        "th_update",
        BASE,
        call(f"{BT}.threads.update", thread_id="thread_abc123", metadata={"k": "w"}),
    ),
    sc("th_delete", BASE, call(f"{BT}.threads.delete", thread_id="thread_abc123")),
    sc(
        "th_create_and_run",
        BASE,
        call(
            f"{BT}.threads.create_and_run",
            assistant_id="asst_abc123",
            stream=False,
            thread={"messages": [{"role": "user", "content": "Hello"}]},
        ),
    ),
    sc(
        "th_create_and_run_stream_true",
        BASE,
        call(f"{BT}.threads.create_and_run", assistant_id="asst_abc123", stream=True),
    ),
    sc(
        "th_create_and_run_poll",
        BASE,
        call(f"{BT}.threads.create_and_run_poll", assistant_id="asst_abc123", **FAST),
    ),
    sc(
        "th_create_and_run_stream",
        BASE,
        call(f"{BT}.threads.create_and_run_stream", assistant_id="asst_abc123"),
    ),
    sc(
        "th_normal_create_and_run",
        BASE,
        call(f"{BT}.threads.normal_create_and_run", assistant_id="asst_abc123", temperature=0.2),
    ),
    sc(
        "th_stream_create_and_run",
        BASE,
        call(f"{BT}.threads.stream_create_and_run", assistant_id="asst_abc123"),
    ),
    # ---- beta.threads.messages ----
    sc(
        "msg_create",
        BASE,
        call(f"{BT}.threads.messages.create", thread_id="thread_abc123", role="user", content="Hi"),
    ),
    sc(
        "msg_retrieve",
        BASE,
        call(f"{BT}.threads.messages.retrieve", thread_id="thread_abc123", message_id="msg_abc123"),
    ),
    sc(
        "msg_update",
        BASE,
        call(
            f"{BT}.threads.messages.update",
            thread_id="thread_abc123",
            message_id="msg_abc123",
            metadata={"k": "v"},
        ),
    ),
    sc(
        "msg_list",
        BASE,
        call(f"{BT}.threads.messages.list", thread_id="thread_abc123", run_id="run_1", limit=2),
    ),
    sc(
        "msg_delete",
        BASE,
        call(f"{BT}.threads.messages.delete", message_id="msg_abc123", thread_id="thread_abc123"),
    ),
    # ---- beta.threads.runs ----
    sc(
        "run_create",
        BASE,
        call(
            f"{BT}.threads.runs.create",
            thread_id="thread_abc123",
            assistant_id="asst_abc123",
            instructions="Be brief.",
        ),
    ),
    sc(
        "run_create_stream_true",
        BASE,
        call(
            f"{BT}.threads.runs.create",
            thread_id="thread_abc123",
            assistant_id="asst_abc123",
            stream=True,
        ),
    ),
    sc(
        "run_normal_create",
        BASE,
        call(
            f"{BT}.threads.runs.normal_create",
            thread_id="thread_abc123",
            assistant_id="asst_abc123",
            temperature=0.2,
        ),
    ),
    sc(
        "run_stream_create",
        BASE,
        call(
            f"{BT}.threads.runs.stream_create",
            thread_id="thread_abc123",
            assistant_id="asst_abc123",
        ),
    ),
    sc(
        "run_retrieve",
        BASE,
        call(f"{BT}.threads.runs.retrieve", thread_id="thread_abc123", run_id="run_abc123"),
    ),
    sc(
        "run_update",
        BASE,
        call(
            f"{BT}.threads.runs.update",
            thread_id="thread_abc123",
            run_id="run_abc123",
            metadata={"k": "v"},
        ),
    ),
    sc(
        "run_list",
        BASE,
        call(f"{BT}.threads.runs.list", thread_id="thread_abc123", limit=2, order="asc"),
    ),
    sc(
        "run_cancel",
        BASE,
        call(f"{BT}.threads.runs.cancel", thread_id="thread_abc123", run_id="run_abc123"),
    ),
    sc(
        "run_create_and_poll",
        BASE,
        call(
            f"{BT}.threads.runs.create_and_poll",
            thread_id="thread_abc123",
            assistant_id="asst_abc123",
            **FAST,
        ),
    ),
    sc(
        "run_create_and_stream",
        BASE,
        call(
            f"{BT}.threads.runs.create_and_stream",
            thread_id="thread_abc123",
            assistant_id="asst_abc123",
        ),
    ),
    sc(
        "run_poll",
        BASE,
        call(f"{BT}.threads.runs.poll", thread_id="thread_abc123", run_id="run_abc123", **FAST),
    ),
    sc(
        "run_poll_failed",
        BASE,
        call(f"{BT}.threads.runs.poll", thread_id="thread_abc123", run_id="run_failed", **FAST),
        doc="a terminal failed state is returned, not raised",
    ),
    sc(
        "run_stream",
        BASE,
        call(f"{BT}.threads.runs.stream", thread_id="thread_abc123", assistant_id="asst_abc123"),
    ),
    sc(
        "run_submit_tool_outputs",
        BASE,
        call(
            f"{BT}.threads.runs.submit_tool_outputs",
            run_id="run_abc123",
            thread_id="thread_abc123",
            tool_outputs=[{"tool_call_id": "call_001", "output": "22C"}],
        ),
    ),
    sc(
        "run_submit_tool_outputs_and_poll",
        BASE,
        call(
            f"{BT}.threads.runs.submit_tool_outputs_and_poll",
            run_id="run_abc123",
            thread_id="thread_abc123",
            tool_outputs=[{"tool_call_id": "call_001", "output": "22C"}],
            **FAST,
        ),
    ),
    sc(
        "run_submit_tool_outputs_stream",
        BASE,
        call(
            f"{BT}.threads.runs.submit_tool_outputs_stream",
            run_id="run_abc123",
            thread_id="thread_abc123",
            tool_outputs=[{"tool_call_id": "call_001", "output": "22C"}],
        ),
    ),
    sc(
        "step_retrieve",
        BASE,
        call(
            f"{BT}.threads.runs.steps.retrieve",
            thread_id="thread_abc123",
            run_id="run_abc123",
            step_id="step_abc123",
            include=["step_details.tool_calls[*].file_search.results[*].content"],
        ),
    ),
    sc(
        "step_list",
        BASE,
        call(
            f"{BT}.threads.runs.steps.list",
            run_id="run_abc123",
            thread_id="thread_abc123",
            limit=2,
            order="asc",
        ),
    ),
    # ---- beta.chatkit ----
    sc(
        "ck_sessions_create",
        BASE,
        call(f"{BT}.chatkit.sessions.create", user="user-1", workflow={"id": "wf_123"}),
    ),
    sc(
        "ck_sessions_cancel",
        BASE,
        call(f"{BT}.chatkit.sessions.cancel", session_id="cksess_abc123"),
    ),
    sc(
        "ck_threads_retrieve",
        BASE,
        call(f"{BT}.chatkit.threads.retrieve", thread_id="cthr_abc123"),
    ),
    sc(
        "ck_threads_list",
        BASE,
        call(f"{BT}.chatkit.threads.list", limit=2, order="asc", user="user-1"),
    ),
    sc("ck_threads_delete", BASE, call(f"{BT}.chatkit.threads.delete", thread_id="cthr_abc123")),
    sc(
        "ck_threads_list_items",
        BASE,
        call(f"{BT}.chatkit.threads.list_items", thread_id="cthr_abc123", limit=5),
    ),
    # ---- beta.chat.completions ----
    sc(
        "beta_chat_parse",
        BASE,
        call(
            f"{BT}.chat.completions.parse",
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "2+2?"}],
            response_format={
                "type": "json_schema",
                "json_schema": {
                    "name": "answer",
                    "schema": {
                        "type": "object",
                        "properties": {"answer": {"type": "integer"}},
                        "required": ["answer"],
                        "additionalProperties": False,
                    },
                    "strict": True,
                },
            },
        ),
    ),
    sc(
        "beta_chat_stream",
        BASE,
        call(
            f"{BT}.chat.completions.stream",
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "2+2?"}],
            response_format={"type": "json_object"},
        ),
    ),
    # ---- realtime over HTTP (realtime.connect is a WebSocket: not captured) ----
    sc(
        "rt_client_secrets_create",
        BASE,
        call(
            f"{RT}.client_secrets.create",
            expires_after={"anchor": "created_at", "seconds": 600},
            session={"type": "realtime", "model": "gpt-realtime"},
        ),
    ),
    sc(
        "rt_calls_create",
        BASE,
        call(
            f"{RT}.calls.create",
            sdp="v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\n",
            session={"type": "realtime", "model": "gpt-realtime"},
        ),
    ),
    sc(
        "rt_calls_accept",
        BASE,
        call(
            f"{RT}.calls.accept",
            call_id="rtc_abc123",
            type="realtime",
            model="gpt-realtime",
            instructions="Be brief.",
        ),
    ),
    sc("rt_calls_hangup", BASE, call(f"{RT}.calls.hangup", call_id="rtc_abc123")),
    sc(
        "rt_calls_refer",
        BASE,
        call(f"{RT}.calls.refer", call_id="rtc_abc123", target_uri="tel:+14155550123"),
    ),
    sc("rt_calls_reject", BASE, call(f"{RT}.calls.reject", call_id="rtc_abc123", status_code=486)),
    sc(
        "beta_rt_sessions_create",
        BASE,
        call(f"{BT}.realtime.sessions.create", model="gpt-4o-realtime-preview", voice="alloy"),
    ),
    sc(
        "beta_rt_transcription_sessions_create",
        BASE,
        call(
            f"{BT}.realtime.transcription_sessions.create",
            input_audio_format="pcm16",
            input_audio_transcription={"model": "gpt-4o-transcribe"},
        ),
    ),
]

NAMES = {s["name"] for s in SCENARIOS}
ROUTES = {s["call"]["path"] for s in SCENARIOS}


def is_rich(s: Dict[str, Any]) -> bool:
    return s["name"] in NAMES


def record_result(result: Dict[str, Any], s: Dict[str, Any], resp: Any) -> None:
    """As capture_files.record_result, plus streams (below); an object status (a chatkit
    thread's ``{"type": "active"}``) is recorded by its ``type``."""
    if record_stream(result, resp):
        return
    capture_files.record_result(result, s, resp)
    status = result.get("response_status")
    if status is not None and not isinstance(status, str):
        result["response_status"] = getattr(status, "type", repr(status))


def record_stream(result: Dict[str, Any], resp: Any) -> bool:
    """The assistant-stream helpers return a context manager, ``stream=True`` on runs returns a
    generator of the raw lines: record what was yielded. False when ``resp`` is neither."""
    if type(resp).__name__.startswith("AssistantStreamManager") or type(resp).__name__.startswith(
        "ChatCompletionStreamManager"
    ):
        with resp as stream:
            events = list(stream)
        result["response_type"] = type(resp).__name__
        result["stream_chunks"] = len(events)
        result["stream_event_types"] = [getattr(e, "event", None) or e.type for e in events]
        return True
    if type(resp).__name__ == "generator":
        lines = list(resp)
        result["response_type"] = "generator"
        result["stream_chunks"] = len(lines)
        result["stream_lines"] = lines
        return True
    return False
