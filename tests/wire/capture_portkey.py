"""Scenarios and fake upstream for Portkey's own APIs (issue 13).

Part of the yardstick generator ``capture_official.py`` (which imports this module; run that
one). Every method of the official client under admin, analytics, api_keys, collections, configs,
generations, guardrails, integrations, labels, logs, mcp_integrations, mcp_servers, prompts (the
prompt library: completions and render are captured in capture_official.py), providers and
virtual_keys has at least one scenario: required-only calls, every optional keyword across the
scenarios, the positional forms the official takes, list- and dict-valued query parameters.

The fake upstream answers each route with a body shaped as the Portkey spec's answer
(``/work/shared/specs/portkey/openapi.yaml``: its examples, or its schema with plausible
values; for calls the spec lacks, a plausible body). Recorded per scenario: the requests and
answers as issue 11's (``capture_files.record_request``/``record_answer``), plus the result as
the caller reads it: ``response_fields`` holds, for every leaf of the JSON answer, its path and
the value the official result gives at that path (attribute access, item access on dicts and
lists), and ``response_items`` the same read by item access only (``resp["data"][0]["id"]``,
which the official's response types allow), so the replay checks that the same reads work on
ours and give the same values.

Stdlib and httpx only: ``tests/test_wire.py`` loads this module too (``prepare``, ``probe``).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Dict, List, Optional, Tuple

import httpx

PK = "pk-test"
VK = "vk-test"
ADMIN = {"api_key": PK}
BASE = {"api_key": PK, "virtual_key": VK}
T0 = "2024-01-01T00:00:00Z"
T1 = "2024-01-31T23:59:59Z"
TIMES = {"time_of_generation_min": T0, "time_of_generation_max": T1}

_STATE: Dict[str, Any] = {}


def reset(name: str = "") -> None:
    """Forget the last answer; ``name``: the scenario about to run (called before each one)."""
    _STATE.clear()
    _STATE["scenario"] = name


# ---------------------------------------------------------------------------------------------
# Call arguments: pure data, with one marker ({"$datetime": iso}) for datetime values
# ---------------------------------------------------------------------------------------------


def _materialise(obj: Any) -> Any:
    if isinstance(obj, list):
        return [_materialise(x) for x in obj]
    if isinstance(obj, dict):
        if set(obj) == {"$datetime"}:
            return _dt.datetime.fromisoformat(obj["$datetime"])
        return {k: _materialise(v) for k, v in obj.items()}
    return obj


def prepare(kwargs: Dict[str, Any]) -> Dict[str, Any]:
    """The call's keyword arguments with markers made real (datetimes)."""
    return {k: _materialise(v) for k, v in kwargs.items()}


def when(iso: str) -> Dict[str, str]:
    return {"$datetime": iso}


# ---------------------------------------------------------------------------------------------
# Reading the result: every leaf of the JSON answer, read through the returned object
# ---------------------------------------------------------------------------------------------

Path = List[Any]
_MISSING = object()


def leaves(body: Any, prefix: Optional[Path] = None) -> List[Path]:
    """The paths to every scalar of a JSON document (keys and list indices)."""
    prefix = prefix or []
    if isinstance(body, dict):
        out: List[Path] = []
        for k, v in body.items():
            out += leaves(v, prefix + [k])
        return out
    if isinstance(body, list):
        out = []
        for i, v in enumerate(body):
            out += leaves(v, prefix + [i])
        return out
    return [prefix] if prefix else []


def probe(obj: Any, path: Path, items: bool = False) -> Any:
    """The value at ``path`` read as a caller would: item access on dicts and lists, attribute
    access otherwise (``items``: item access at every step, ``resp["data"][0]["id"]``, which the
    official's response types allow). ``_MISSING`` when the read fails."""
    for step in path:
        try:
            if items or isinstance(step, int) or isinstance(obj, dict):
                obj = obj[step]
            else:
                obj = getattr(obj, step)
        except Exception:  # noqa: BLE001 - any failing read is "missing"
            return _MISSING
    return obj


def read_fields(resp: Any, answer: Any, items: bool = False) -> List[List[Any]]:
    """[path, value] for every leaf of the answer that the official's result gives as a JSON
    scalar (a read that fails or gives a method is left out: nothing to hold ours to)."""
    out = []
    for path in leaves(answer):
        value = probe(resp, path, items)
        if value is None or isinstance(value, (str, int, float, bool)):
            out.append([path, value])
    return out


def record_result(result: Dict[str, Any], s: Dict[str, Any], resp: Any) -> None:
    result["response_type"] = type(resp).__name__
    if hasattr(resp, "get_headers"):
        result["response_get_headers"] = resp.get_headers()
    answer = _STATE.get("answer")
    result["response_fields"] = read_fields(resp, answer) if answer is not None else []
    result["response_items"] = read_fields(resp, answer, items=True) if answer is not None else []


# ---------------------------------------------------------------------------------------------
# Bodies (shaped as the Portkey spec's answers)
# ---------------------------------------------------------------------------------------------

TS = "2024-05-12T21:37:06.000Z"
USAGE_LIMITS = {"credit_limit": 10, "periodic_reset": "monthly", "alert_threshold": 8}
RATE_LIMITS = [{"type": "requests", "unit": "rpd", "value": 100}]
USER = {
    "object": "user",
    "id": "61e08f60-4822-465e-ba23-39f85cd741cb",
    "first_name": "horace",
    "last_name": "slughorn",
    "role": "member",
    "email": "horace.slughorn@example.com",
    "created_at": "2024-01-25 11:35:07",
    "last_updated_at": "2024-01-25 11:35:07",
    "workspace_ids": ["ws-shared-123"],
}
INVITE = {
    "object": "invite",
    "id": "419641fb-1458-47d6-94d0-e308159b3ec2",
    "email": "horace.slughorn@example.com",
    "role": "member",
    "created_at": "2023-12-12 13:56:32",
    "expires_at": "2023-12-12 13:56:32",
    "accepted_at": "2023-12-12 13:56:32",
    "status": "pending",
    "invited_by": "a90e74fb-269e-457b-8b59-9426cdd8907e",
    "workspaces": [{"workspace_id": "ws-shared-123", "role": "member"}],
}
WS_USER = {
    "object": "workspace-user",
    "id": "66dc015d-0270-11f1-8eec-0e27d7367989",
    "first_name": "John",
    "last_name": "Doe",
    "org_role": "admin",
    "role": "admin",
    "created_at": "2026-03-09T07:55:25.000Z",
    "last_updated_at": "2026-03-09T07:55:25.000Z",
    "status": "active",
    "workspace_id": "ws-test-a-174eb1",
    "email": "john.doe@example.com",
    "scopes": ["logs.list", "prompts.read"],
    "settings": None,
}
WORKSPACE = {
    "id": "ws-test-a-174eb1",
    "slug": "ws-test-a-174eb1",
    "name": "New Workspace",
    "description": None,
    "created_at": "2024-07-30 13:27:29+00:00",
    "last_updated_at": "2024-07-30 13:27:29+00:00",
    "defaults": {"metadata": {"foo": "bar"}, "is_default": 0, "object": "workspace"},
    "usage_limits": [USAGE_LIMITS],
    "rate_limits": RATE_LIMITS,
}
WORKSPACE_FULL = dict(WORKSPACE, users=[WS_USER])
WORKSPACE_ITEM = {
    "id": "test-prod-ws-12345",
    "name": "Test prod workspace",
    "description": "This is a production workspace",
    "created_at": "2023-07-13 13:51:27",
    "last_updated_at": "2023-07-13 14:51:27",
    "object": "workspace",
}


def _lst(items: List[Any], **extra: Any) -> Dict[str, Any]:
    return {"object": "list", "total": len(items), "data": items, **extra}


def graph(summary: Dict[str, Any], point: Dict[str, Any]) -> Dict[str, Any]:
    return {
        "summary": summary,
        "data_points": [dict(point, timestamp="2024-01-01T00:00:00.000Z")],
        "object": "analytics-graph",
    }


GRAPHS = {
    "requests": graph({"total": 42}, {"total": 42}),
    "cost": graph({"total": 1.25, "avg": 0.03}, {"total": 1.25, "avg": 0.03}),
    "latency": graph(
        {"avg": 812, "p50": 700, "p90": 1500, "p99": 2400},
        {"avg": 812, "p50": 700, "p90": 1500, "p99": 2400},
    ),
    "tokens": graph({"total": 5120, "avg": 122}, {"total": 5120, "avg": 122}),
    "users": graph({"total": 3}, {"total": 3}),
    "users/requests": graph({"total": 42, "unique": 3, "avg": 14}, {"avg": 14}),
    "errors": graph({"total": 2}, {"total": 2}),
    "errors/rate": graph({"rate": 4.7}, {"rate": 4.7}),
    "errors/stacks": graph({"total": 2}, {"stats": [{"response_status_code": 429, "count": 2}]}),
    "errors/status-codes": {
        "summary": {"total_errors": 2, "unique_error_codes": 1},
        "data_points": [{"status_code": 429, "count": 2}],
        "object": "analytics-graph",
    },
    "requests/rescued": graph(
        {"retry": 1, "fallback": 0},
        {"retry": [{"retry_success_count": 1, "count": 1}], "fallback": 0},
    ),
    "cache/hit-rate": graph(
        {"total": 10, "rate": 23.8},
        {
            "simple_hits": 8,
            "semantic_hits": 2,
            "rate": 23.8,
            "cumulative_simple_cache_savings": 0.4,
            "cumulative_semantic_cache_savings": 0.1,
        },
    ),
    "cache/latency": graph({}, {"avg": 35}),
    "feedbacks": graph({"total": 7}, {"total": 7}),
    "feedbacks/scores": {
        "summary": {"total": 7},
        "data_points": [{"score": 1, "total": 7}],
        "object": "analytics-graph",
    },
    "feedbacks/weighted": graph({"avg": 0.8}, {"avg": 0.8}),
    "feedbacks/ai-models": {
        "summary": {},
        "data_points": [{"ai_model": "gpt-4o", "total": 7, "avg_weighted_feedback": 0.8}],
        "object": "analytics-graph",
    },
}
GROUP_ROWS = {
    "users": {"user": "user-1", "requests": "42", "cost": "1.25", "object": "analytics-group"},
    "ai-models": {"ai_model": "gpt-4o", "requests": "42", "object": "analytics-group"},
    "workspaces": {"workspace_id": "ws-1", "requests": "42", "object": "analytics-group"},
    "metadata": {
        "metadata_value": "prod",
        "requests": 42,
        "cost": 1.25,
        "avg_tokens": 122,
        "avg_weighted_feedback": 0.8,
        "requests_with_feedback": 7,
        "last_seen": TS,
        "object": "analytics-group",
    },
    "model": {"model": "gpt-4o", "requests": 42, "cost": 1.25, "object": "analytics-group"},
}
SUMMARY_CACHE = {
    "summary": {"hits": 8, "avg_latency": 35, "total_requests": 42, "cache_speedup": 95},
    "object": "analytics-summary",
}
API_KEY = {
    "id": "f47ac10b-58cc-4372-a567-0e02b2c3d479",
    "key": "Xk*******S4",
    "name": "Development API Key",
    "description": "API key for development environment",
    "type": "organisation-service",
    "organisation_id": "a1b2c3d4-e5f6-4a5b-8c7d-9e0f1a2b3c4d",
    "workspace_id": "ws-myworkspace",
    "user_id": "c3d4e5f6-a7b8-6c7d-0e1f-2a3b4c5d6e7f",
    "status": "active",
    "created_at": "2023-09-15T10:30:00Z",
    "last_updated_at": "2023-09-15T10:30:00Z",
    "creation_mode": "ui",
    "rate_limits": [{"type": "requests", "unit": "rpm", "value": 100}],
    "usage_limits": USAGE_LIMITS,
    "reset_usage": 0,
    "scopes": ["completions.write"],
    "defaults": {"metadata": {"environment": "development"}, "config_id": "config-abc"},
    "alert_emails": ["foo@bar.com"],
    "expires_at": "2026-01-01T00:00:00Z",
    "object": "api-key",
}
COLLECTION_DETAILS = {
    "child_collections_count": 1,
    "prompts_count": 3,
    "child_collections_last_updated_at": TS,
    "prompts_last_updated_at": TS,
}
COLLECTION = {
    "id": "col-123",
    "name": "Support prompts",
    "workspace_id": "ws-1",
    "slug": "support-prompts",
    "parent_collection_id": None,
    "is_default": False,
    "status": "active",
    "created_at": TS,
    "last_updated_at": TS,
}
CONFIG_ITEM = {
    "id": "4e54a1a4-109c-43ee-b0f7-11e7d60b0066",
    "name": "Pplx Cache Test",
    "slug": "pc-pplx-c-ca7a87",
    "organisation_id": "472d2804-d054-4226-b4ae-9d4e2e61e69e",
    "workspace_id": "472d2804-d054-4226-b4ae-9d4e2e61e69e",
    "is_default": 0,
    "status": "active",
    "owner_id": "c4c7996d-be62-429d-b787-5d48fe94da86",
    "updated_by": "439268ba-94a2-4031-9ca7-ca88ddda5096",
    "created_at": "2024-05-12T21:37:06.000Z",
    "last_updated_at": "2024-05-23T23:36:06.000Z",
}
CONFIG_BODY = {
    "retry": {"attempts": 5, "on_status_codes": [429, 529]},
    "cache": {"mode": "simple", "max_age": 3600},
    "strategy": {"mode": "fallback"},
    "targets": [
        {"provider": "openai", "virtual_key": "main-258f4d"},
        {"provider": "azure-openai", "virtual_key": "azure-test-4110dd"},
    ],
}
GUARDRAIL_ITEM = {
    "id": "gr-123",
    "name": "PII guard",
    "slug": "pg-pii-123",
    "organisation_id": "org-1",
    "workspace_id": "ws-1",
    "status": "active",
    "created_at": TS,
    "last_updated_at": TS,
    "owner_id": "user-1",
    "updated_by": "user-1",
}
CHECKS = [
    {
        "id": "default.regexMatch",
        "parameters": {"rule": "\\d{3}-\\d{2}-\\d{4}", "not": False},
        "name": "SSN",
        "is_enabled": True,
    }
]
ACTIONS = {
    "deny": True,
    "async": False,
    "on_success": {"feedback": {"value": 1, "weight": 1, "metadata": "ok"}},
    "on_fail": {"feedback": {"value": -1, "weight": 1, "metadata": "blocked"}},
}
GUARDRAIL = dict(GUARDRAIL_ITEM, checks=CHECKS, actions=ACTIONS)
INTEGRATION_ITEM = {
    "id": "int-123",
    "organisation_id": "org-1",
    "ai_provider_id": "openai",
    "name": "OpenAI prod",
    "status": "active",
    "created_at": TS,
    "last_updated_at": TS,
    "slug": "openai-prod",
    "description": "Production OpenAI",
    "object": "integration",
}
INTEGRATION = dict(
    INTEGRATION_ITEM,
    masked_key="sk-****abcd",
    configurations={"openai_organization": "org-abc", "openai_project": "proj_abc"},
    global_workspace_access_settings={"enabled": True, "usage_limits": [USAGE_LIMITS]},
    allow_all_models=True,
    workspace_count=2,
)
INTEGRATION_MODELS = {
    "total": 1,
    "models": [
        {
            "slug": "gpt-4o",
            "name": "GPT-4o",
            "enabled": True,
            "is_custom": False,
            "is_finetune": False,
            "base_model_slug": "gpt-4o",
            "pricing_config": {
                "type": "static",
                "pay_as_you_go": {"request_token": {"price": 0.25}, "response_token": {"price": 1}},
            },
        }
    ],
}
# The spec's workspace entry has usage_limits/rate_limits lists, which the official's
# IntegrationWorkspace types as dicts (ValidationError): the common answer leaves them out,
# `int_workspaces_list_spec_body` sends them.
INTEGRATION_WS_ENTRY = {
    "id": "ws-my-team-1234",
    "enabled": True,
    "usage_limits": [USAGE_LIMITS],
    "rate_limits": RATE_LIMITS,
}
INTEGRATION_WORKSPACES_SPEC = {"total": 1, "workspaces": [INTEGRATION_WS_ENTRY]}
INTEGRATION_WORKSPACES = {
    "total": 1,
    "workspaces": [{"id": "ws-my-team-1234", "enabled": True}],
}
LABEL = {
    "id": "lbl-123",
    "name": "production",
    "description": "Live traffic",
    "color_code": "#00FF00",
    "organisation_id": "org-1",
    "workspace_id": "ws-1",
    "is_universal": False,
    "created_at": TS,
    "last_updated_at": TS,
    "status": "active",
}
EXPORT_FILTERS = {"time_of_generation_min": T0, "time_of_generation_max": T1, "cost_min": 0}
EXPORT = {
    "id": "exp-123",
    "organisation_id": "org-1",
    "filters": EXPORT_FILTERS,
    "requested_data": ["id", "trace_id", "cost"],
    "status": "draft",
    "description": "January logs",
    "created_at": TS,
    "last_updated_at": TS,
    "created_by": "user-1",
    "workspace_id": "ws-1",
    "object": "export",
}
SECRET_MAPPINGS = [
    {
        "target_field": "key",
        "secret_reference_id": "my-aws-secret",
        "secret_key": "api_key",
        "value_format": "json",
    }
]
MCP_INTEGRATION_ITEM = {
    "id": "mcpi-123",
    "name": "Linear",
    "owner_id": "user-1",
    "status": "active",
    "type": "workspace",
    "url": "https://mcp.linear.app/sse",
    "auth_type": "oauth_auto",
    "transport": "sse",
    "configurations": {},
    "created_at": TS,
    "last_updated_at": TS,
    "slug": "linear",
    "workspace_id": "ws-1",
    "description": "Linear issues",
    "workspaces_count": 1,
    "secret_mappings": SECRET_MAPPINGS,
}
MCP_INTEGRATION = {k: v for k, v in MCP_INTEGRATION_ITEM.items() if k not in ("workspaces_count",)}
MCP_INTEGRATION["global_workspace_access"] = {"enabled": True}
CAPABILITY = {
    "name": "create_issue",
    "type": "tool",
    "title": "Create issue",
    "description": "Creates a Linear issue",
    "icons": [],
    "enabled": True,
    "input_schema": {"type": "object"},
    "annotations": {},
    "arguments": [],
}
CAP_COUNTS = {
    "tools": {"total": 1, "enabled": 1},
    "prompts": {"total": 0, "enabled": 0},
    "resources": {"total": 0, "enabled": 0},
    "resource_templates": {"total": 0, "enabled": 0},
}
MCP_METADATA = {
    "server_name": "linear",
    "server_version": "1.0.0",
    "protocol_version": "2025-06-18",
    "capability_flags": {"tools": True},
    "sync_status": "synced",
    "last_synced_at": TS,
    "sync_error": None,
}
MCP_SERVER_ITEM = {
    "id": "mcps-123",
    "organisation_id": "org-1",
    "name": "Linear (team)",
    "description": "Team Linear",
    "status": "active",
    "created_at": TS,
    "owner_id": "user-1",
    "slug": "linear-team",
    "workspace_id": "ws-1",
    "mcp_integration_id": "mcpi-123",
    "mcp_integration_slug": "linear",
    "mcp_integration_url": "https://mcp.linear.app/sse",
    "auth_type": "oauth_auto",
    "workspace_name": "Team",
    "workspace_slug": "team",
    "url": "https://api.portkey.ai/v1/mcp/linear-team",
}
MCP_SERVER = {
    "id": "mcps-123",
    "slug": "linear-team",
    "name": "Linear (team)",
    "status": "active",
    "description": "Team Linear",
    "created_at": TS,
    "mcp_integration_id": "mcpi-123",
    "mcp_integration_details": {
        "id": "mcpi-123",
        "slug": "linear",
        "status": "active",
        "configurations": {},
        "url": "https://mcp.linear.app/sse",
        "transport": "sse",
        "auth_type": "oauth_auto",
    },
    "workspace_id": "ws-1",
}
PROMPT_ITEM = {
    "id": "prompt-123",
    "slug": "pp-greeting-abc",
    "name": "Greeting",
    "collection_id": "col-123",
    "model": "gpt-4o-mini",
    "status": "active",
    "created_at": TS,
    "last_updated_at": TS,
    "object": "prompt",
}
PROMPT = {
    "id": "prompt-123",
    "slug": "pp-greeting-abc",
    "name": "Greeting",
    "collection_id": "col-123",
    "string": "Hello {{name}}",
    "parameters": {"temperature": 0.5},
    "prompt_version": 2,
    "prompt_version_id": "pv-2",
    "prompt_version_status": "active",
    "prompt_version_description": "second",
    "prompt_version_label_id": "lbl-123",
    "virtual_key": "openai-vk",
    "model": "gpt-4o-mini",
    "functions": [],
    "tools": [],
    "tool_choice": {},
    "template_metadata": {},
    "is_raw_template": False,
    "status": "active",
    "created_at": TS,
    "last_updated_at": TS,
}
PROMPT_VERSION = {
    "id": "pv-2",
    "prompt_id": "prompt-123",
    "prompt_template": {"string": "Hello {{name}}"},
    "prompt_version": 2,
    "prompt_description": "second",
    "label_id": "lbl-123",
    "created_at": TS,
    "status": "active",
    "object": "prompt",
}
PARTIAL_ITEM = {
    "id": "partial-123",
    "slug": "pl-signature-abc",
    "name": "Signature",
    "collection_id": "col-123",
    "created_at": TS,
    "last_updated_at": TS,
    "status": "active",
    "object": "partial",
}
PARTIAL = {
    "id": "partial-123",
    "slug": "pl-signature-abc",
    "name": "Signature",
    "collection_id": "col-123",
    "string": "Regards, {{team}}",
    "version": 1,
    "version_description": "first",
    "prompt_partial_version_id": "ppv-1",
    "created_at": TS,
    "last_updated_at": TS,
    "status": "active",
}
PARTIAL_VERSION = {
    "prompt_partial_id": "partial-123",
    "prompt_partial_version_id": "ppv-1",
    "slug": "pl-signature-abc",
    "version": "1",
    "string": "Regards, {{team}}",
    "description": "first",
    "created_at": TS,
    "prompt_version_status": "active",
    "object": "partial",
}
PROVIDER = {
    "name": "Open AI Workspace",
    "integration_id": "openai-prod",
    "note": "randomness",
    "status": "active",
    "usage_limits": USAGE_LIMITS,
    "reset_usage": 0,
    "created_at": TS,
    "slug": "openai-ws",
    "rate_limits": RATE_LIMITS,
    "expires_at": "2026-01-01T00:00:00Z",
    "object": "provider",
}
# The official types a listed provider's rate_limits as a dict; the spec's is a list.
PROVIDER_ITEM = {k: v for k, v in PROVIDER.items() if k != "rate_limits"}
USER_ACCESS_SPEC = {
    "data": [
        {
            "user_id": "user-1",
            "first_name": "Ada",
            "last_name": "Lovelace",
            "enabled": True,
            "has_override": False,
            "connection_status": "connected",
        }
    ],
    "default_user_access": "allow",
    "total": 1,
    "has_more": False,
}
# The official types default_user_access as a dict; the spec's is "allow"/"deny".
USER_ACCESS = {k: v for k, v in USER_ACCESS_SPEC.items() if k != "default_user_access"}
VIRTUAL_KEY = {
    "name": "Open AI Workspace",
    "note": "randomness",
    "status": "active",
    "usage_limits": USAGE_LIMITS,
    "reset_usage": 0,
    "created_at": TS,
    "slug": "openai-vk-1",
    "model_config": {},
    "rate_limits": RATE_LIMITS,
    "expires_at": "2026-01-01T00:00:00Z",
    "secret_mappings": SECRET_MAPPINGS,
    "object": "virtual-key",
}
OK: Dict[str, Any] = {}
SUCCESS = {"success": True}

# (method, path under /v1 as a regex, answer). First match wins.
Answer = Any
ROUTES_TABLE: List[Tuple[str, str, Answer]] = [
    # admin
    (
        "POST",
        r"/admin/users/invites",
        {"id": INVITE["id"], "invite_link": "https://app.portkey.ai/i"},
    ),
    ("GET", r"/admin/users/invites", _lst([INVITE])),
    ("POST", r"/admin/users/invites/[^/]+/resend", {"inviteLink": "https://app.portkey.ai/i/2"}),
    ("GET", r"/admin/users/invites/[^/]+", INVITE),
    ("DELETE", r"/admin/users/invites/[^/]+", OK),
    ("GET", r"/admin/users", _lst([{k: v for k, v in USER.items() if k != "workspace_ids"}])),
    ("GET", r"/admin/users/[^/]+", USER),
    ("PUT", r"/admin/users/[^/]+", OK),
    ("DELETE", r"/admin/users/[^/]+", OK),
    ("POST", r"/admin/workspaces", WORKSPACE),
    ("GET", r"/admin/workspaces", _lst([WORKSPACE_ITEM])),
    ("POST", r"/admin/workspaces/[^/]+/users", OK),
    ("GET", r"/admin/workspaces/[^/]+/users", _lst([WS_USER])),
    ("GET", r"/admin/workspaces/[^/]+/users/[^/]+", WS_USER),
    ("PUT", r"/admin/workspaces/[^/]+/users/[^/]+", OK),
    ("DELETE", r"/admin/workspaces/[^/]+/users/[^/]+", OK),
    ("GET", r"/admin/workspaces/[^/]+", WORKSPACE_FULL),
    ("PUT", r"/admin/workspaces/[^/]+", OK),
    ("DELETE", r"/admin/workspaces/[^/]+", OK),
    # analytics
    *[("GET", rf"/analytics/graphs/{re.escape(k)}", v) for k, v in GRAPHS.items()],
    ("GET", r"/analytics/groups/metadata/[^/]+", _lst([GROUP_ROWS["metadata"]])),
    *[("GET", rf"/analytics/groups/{re.escape(k)}", _lst([v])) for k, v in GROUP_ROWS.items()],
    ("GET", r"/analytics/summary/cache", SUMMARY_CACHE),
    # api keys
    (
        "POST",
        r"/api-keys/[^/]+/[^/]+",
        {"id": "183f497a-2a7f-4f47-992e-26213fa863we", "key": "pk-new", "object": "api-key"},
    ),
    ("GET", r"/api-keys", _lst([API_KEY])),
    ("GET", r"/api-keys/[^/]+", API_KEY),
    ("PUT", r"/api-keys/[^/]+", OK),
    ("DELETE", r"/api-keys/[^/]+", OK),
    # collections
    ("POST", r"/collections", {"id": "col-123", "slug": "support-prompts"}),
    (
        "GET",
        r"/collections",
        {"total": 1, "data": [dict(COLLECTION, collection_details=COLLECTION_DETAILS)]},
    ),
    (
        "GET",
        r"/collections/[^/]+",
        dict(
            COLLECTION,
            child_collections=[
                {
                    "id": "col-456",
                    "name": "Escalations",
                    "last_updated_at": TS,
                    "collection_details": COLLECTION_DETAILS,
                }
            ],
        ),
    ),
    ("PUT", r"/collections/[^/]+", OK),
    ("DELETE", r"/collections/[^/]+", OK),
    # configs (the spec's own examples)
    (
        "POST",
        r"/configs",
        {
            "success": True,
            "data": {
                "id": "f3d8d070-f29d-43a3-bf97-3159c60f4ce0",
                "version_id": "0db4065b-ead2-4daa-bf5e-7e9106585133",
            },
        },
    ),
    ("GET", r"/configs", {"success": True, "data": [CONFIG_ITEM]}),
    ("GET", r"/configs/[^/]+", {"success": True, "data": {"config": CONFIG_BODY}}),
    (
        "PUT",
        r"/configs/[^/]+",
        {"success": True, "data": {"version_id": "abe447e2-f6aa-4229-93b7-8ee3183b6667"}},
    ),
    ("DELETE", r"/configs/[^/]+", OK),
    # guardrails
    ("POST", r"/guardrails", {"id": "gr-123", "slug": "pg-pii-123", "version_id": "grv-1"}),
    ("GET", r"/guardrails", {"data": [GUARDRAIL_ITEM], "total": 1}),
    ("GET", r"/guardrails/[^/]+", GUARDRAIL),
    ("PUT", r"/guardrails/[^/]+", {"id": "gr-123", "slug": "pg-pii-123", "version_id": "grv-2"}),
    ("DELETE", r"/guardrails/[^/]+", OK),
    # integrations
    ("POST", r"/integrations", {"id": "int-123", "slug": "openai-prod"}),
    ("GET", r"/integrations", _lst([INTEGRATION_ITEM])),
    ("GET", r"/integrations/[^/]+/models", INTEGRATION_MODELS),
    ("PUT", r"/integrations/[^/]+/models", OK),
    ("DELETE", r"/integrations/[^/]+/models", OK),
    ("GET", r"/integrations/[^/]+/workspaces", INTEGRATION_WORKSPACES),
    ("PUT", r"/integrations/[^/]+/workspaces", OK),
    ("GET", r"/integrations/[^/]+", INTEGRATION),
    ("PUT", r"/integrations/[^/]+", OK),
    ("DELETE", r"/integrations/[^/]+", OK),
    # labels
    ("POST", r"/labels", {"id": "lbl-123"}),
    ("GET", r"/labels", {"total": 1, "data": [LABEL]}),
    ("GET", r"/labels/[^/]+", LABEL),
    ("PUT", r"/labels/[^/]+", OK),
    ("DELETE", r"/labels/[^/]+", OK),
    # logs
    ("POST", r"/logs", SUCCESS),
    ("POST", r"/logs/exports", {"id": "exp-123", "total": 0, "object": "export"}),
    ("GET", r"/logs/exports", _lst([EXPORT])),
    ("POST", r"/logs/exports/[^/]+/start", {"message": "Export started", "object": "export"}),
    ("POST", r"/logs/exports/[^/]+/cancel", {"message": "Export cancelled", "object": "export"}),
    (
        "GET",
        r"/logs/exports/[^/]+/download",
        {"signed_url": "https://exports.portkey.ai/exp-123.jsonl?sig=abc"},
    ),
    ("GET", r"/logs/exports/[^/]+", EXPORT),
    ("PUT", r"/logs/exports/[^/]+", {"id": "exp-123", "total": 120, "object": "export"}),
    # mcp integrations
    ("POST", r"/mcp-integrations", {"id": "mcpi-123", "slug": "linear"}),
    ("GET", r"/mcp-integrations", {"data": [MCP_INTEGRATION_ITEM], "total": 1, "has_more": False}),
    (
        "GET",
        r"/mcp-integrations/[^/]+/workspaces",
        {
            "data": [
                {
                    "id": "ws-1",
                    "enabled": True,
                    "status": "active",
                    "created_at": TS,
                    "last_updated_at": TS,
                }
            ],
            "global_workspace_access": {"enabled": False},
            "total": 1,
        },
    ),
    ("PUT", r"/mcp-integrations/[^/]+/workspaces", OK),
    (
        "GET",
        r"/mcp-integrations/[^/]+/capabilities",
        {"data": [CAPABILITY], "counts": CAP_COUNTS, "total": 1, "has_more": False},
    ),
    ("PUT", r"/mcp-integrations/[^/]+/capabilities", SUCCESS),
    ("GET", r"/mcp-integrations/[^/]+/metadata", MCP_METADATA),
    ("POST", r"/mcp-integrations/[^/]+/sync", {"success": True, "message": "Synced"}),
    ("POST", r"/mcp-integrations/[^/]+/test", {"success": True, "message": "Connected"}),
    ("GET", r"/mcp-integrations/[^/]+", MCP_INTEGRATION),
    ("PUT", r"/mcp-integrations/[^/]+", OK),
    ("DELETE", r"/mcp-integrations/[^/]+", OK),
    # mcp servers
    ("POST", r"/mcp-servers", {"id": "mcps-123", "slug": "linear-team"}),
    ("GET", r"/mcp-servers", {"data": [MCP_SERVER_ITEM], "total": 1}),
    (
        "GET",
        r"/mcp-servers/[^/]+/capabilities",
        {
            "data": [dict(CAPABILITY, integration_enabled=True)],
            "counts": CAP_COUNTS,
            "total": 1,
            "has_more": False,
        },
    ),
    ("PUT", r"/mcp-servers/[^/]+/capabilities", SUCCESS),
    ("POST", r"/mcp-servers/[^/]+/capabilities/sync", SUCCESS),
    ("GET", r"/mcp-servers/[^/]+/user-access/check", {"has_access": True}),
    ("GET", r"/mcp-servers/[^/]+/user-access", USER_ACCESS),
    ("PUT", r"/mcp-servers/[^/]+/user-access", SUCCESS),
    ("GET", r"/mcp-servers/[^/]+/metadata", MCP_METADATA),
    ("POST", r"/mcp-servers/[^/]+/metadata/sync", SUCCESS),
    (
        "POST",
        r"/mcp-servers/[^/]+/test",
        {
            "success": True,
            "status_code": 200,
            "response_time_ms": 120,
            "url": "https://mcp.linear.app/sse",
            "server_name": "linear",
            "error": None,
        },
    ),
    (
        "GET",
        r"/mcp-servers/[^/]+/tokens",
        {"access_token": "at-123", "refresh_token": "rt-123", "expires_at": "2026-01-01T00:00:00Z"},
    ),
    ("PUT", r"/mcp-servers/[^/]+/tokens", SUCCESS),
    ("DELETE", r"/mcp-servers/[^/]+/tokens", SUCCESS),
    ("GET", r"/mcp-servers/[^/]+/client-info", {"client_id": "cid-123", "client_secret": None}),
    ("GET", r"/mcp-servers/[^/]+", MCP_SERVER),
    ("PUT", r"/mcp-servers/[^/]+", OK),
    ("DELETE", r"/mcp-servers/[^/]+", OK),
    # prompt library (completions and render are answered by capture_official.py)
    (
        "POST",
        r"/prompts/partials",
        {"id": "partial-123", "slug": "pl-signature-abc", "version_id": "ppv-1"},
    ),
    ("GET", r"/prompts/partials", [PARTIAL_ITEM]),
    ("GET", r"/prompts/partials/[^/]+/versions", [PARTIAL_VERSION]),
    ("PUT", r"/prompts/partials/[^/]+/makeDefault", OK),
    ("GET", r"/prompts/partials/[^/]+", PARTIAL),
    ("PUT", r"/prompts/partials/[^/]+", {"prompt_partial_version_id": "ppv-2"}),
    ("DELETE", r"/prompts/partials/[^/]+", OK),
    (
        "POST",
        r"/prompts",
        {"id": "prompt-123", "slug": "pp-greeting-abc", "version_id": "pv-1", "object": "prompt"},
    ),
    ("GET", r"/prompts", {"data": [PROMPT_ITEM], "total": 1}),
    ("GET", r"/prompts/[^/]+/versions", [PROMPT_VERSION]),
    ("GET", r"/prompts/[^/]+/versions/[^/]+", PROMPT),
    ("PUT", r"/prompts/[^/]+/versions/[^/]+", OK),
    ("PUT", r"/prompts/[^/]+/makeDefault", OK),
    ("GET", r"/prompts/[^/]+", PROMPT),
    (
        "PUT",
        r"/prompts/[^/]+",
        {"id": "prompt-123", "slug": "pp-greeting-abc", "prompt_version_id": "pv-3"},
    ),
    ("DELETE", r"/prompts/[^/]+", OK),
    # providers
    ("POST", r"/providers", {"id": "prov-123", "slug": "openai-ws"}),
    ("GET", r"/providers", _lst([PROVIDER_ITEM])),
    ("GET", r"/providers/[^/]+", PROVIDER),
    ("PUT", r"/providers/[^/]+", {"id": "prov-123", "slug": "openai-ws"}),
    ("DELETE", r"/providers/[^/]+", OK),
    # virtual keys
    ("POST", r"/virtual-keys", {"success": True, "data": {"slug": "openai-vk-1"}}),
    ("GET", r"/virtual-keys", _lst([VIRTUAL_KEY])),
    ("GET", r"/virtual-keys/[^/]+", VIRTUAL_KEY),
    ("PUT", r"/virtual-keys/[^/]+", OK),
    ("DELETE", r"/virtual-keys/[^/]+", OK),
]
_COMPILED = [(m, re.compile(r"/v1" + p + r"/?"), a) for m, p, a in ROUTES_TABLE]
# Scenarios answered with the spec's exact shape where the official's types reject it.
SPEC_BODIES: Dict[str, Any] = {
    "int_workspaces_list_spec_body": INTEGRATION_WORKSPACES_SPEC,
    "prov_list_spec_body": _lst([PROVIDER]),
    "mcps_user_access_list_spec_body": USER_ACCESS_SPEC,
}
# Prompt calls captured elsewhere (capture_official.py answers them).
_NOT_OURS = re.compile(r"/v1/prompts/[^/]+/(completions|render|generate)$")


# What the API answers calls the official never sends (it fails first): the replay serves it
# to ours. generations.create: the legacy prompt run (not in the spec), a chat completion.
UNSENT_ANSWERS: Dict[str, Any] = {
    "generations.create": {
        "success": True,
        "data": {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 1700000000,
            "model": "gpt-4o-mini",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": "Hello x"},
                    "finish_reason": "stop",
                }
            ],
        },
    },
}


def answer_fields(answer: Any) -> List[List[Any]]:
    """[path, value] at every leaf of an answer, as ours gives it: a JSON array answer is a
    page whose ``data`` holds the items."""
    if isinstance(answer, list):
        return [[["data", *path], probe(answer, path)] for path in leaves(answer)]
    return [[path, probe(answer, path)] for path in leaves(answer)]


def respond(request: httpx.Request, headers: Dict[str, str]) -> Optional[httpx.Response]:
    """The answer for a route of this module, or None for the other routes."""
    path = request.url.path
    if _NOT_OURS.search(path):
        return None
    for method, pattern, answer in _COMPILED:
        if method == request.method and pattern.fullmatch(path):
            answer = SPEC_BODIES.get(_STATE.get("scenario", ""), answer)
            _STATE["answer"] = answer
            return httpx.Response(200, headers=headers, json=answer)
    return None


# ---------------------------------------------------------------------------------------------
# Scenarios (pure data)
# ---------------------------------------------------------------------------------------------


def sc(
    name: str,
    client: Dict[str, Any],
    call: Dict[str, Any],
    *,
    doc: str = "",
    with_options: Optional[Dict[str, Any]] = None,
    upstream_statuses: Optional[List[Any]] = None,
) -> Dict[str, Any]:
    """Same shape as capture_official.sc."""
    return {
        "name": name,
        "doc": doc,
        "env": {},
        "client": client,
        "with_options": with_options,
        "call": call,
        "upstream_statuses": upstream_statuses,
    }


def call(path: str, *args: Any, **kwargs: Any) -> Dict[str, Any]:
    """A call; positional arguments (the official takes some) are recorded as ``args``."""
    out: Dict[str, Any] = {"path": path, "kwargs": kwargs}
    if args:
        out["args"] = list(args)
    return out


def _many(prefix: str, path: str, names: List[str], **kwargs: Any) -> List[Dict[str, Any]]:
    return [sc(f"{prefix}_{n}", ADMIN, call(f"{path}.{n}", **kwargs)) for n in names]


U = "admin.users"
INV = "admin.users.invites"
WS = "admin.workspaces"
WSU = "admin.workspaces.users"
USER_ID = "61e08f60-4822-465e-ba23-39f85cd741cb"
WS_ID = "ws-test-a-174eb1"

SCENARIOS: List[Dict[str, Any]] = [
    # ---- admin.users ----
    sc("adm_users_retrieve", ADMIN, call(f"{U}.retrieve", user_id=USER_ID)),
    sc("adm_users_list", ADMIN, call(f"{U}.list"), doc="currentPage=0 is always sent"),
    sc(
        "adm_users_list_params",
        ADMIN,
        call(f"{U}.list", page_size=10, current_page=2, email="a@example.com", role="member"),
    ),
    sc(
        "adm_users_list_role_list",
        ADMIN,
        call(f"{U}.list", role=["admin", "member"]),
        doc="a list-valued query parameter: urlencode sends its Python repr",
    ),
    sc("adm_users_update", ADMIN, call(f"{U}.update", user_id=USER_ID, role="admin")),
    sc("adm_users_delete", ADMIN, call(f"{U}.delete", user_id=USER_ID)),
    # ---- admin.users.invites ----
    sc(
        "adm_invites_create",
        ADMIN,
        call(
            f"{INV}.create",
            email="new.user@example.com",
            role="member",
            workspaces=[{"id": WS_ID, "role": "admin"}],
            workspace_api_key_details={"scopes": ["logs.view"], "name": "ws key"},
        ),
    ),
    sc("adm_invites_create_min", ADMIN, call(f"{INV}.create", email="new.user@example.com")),
    sc("adm_invites_retrieve", ADMIN, call(f"{INV}.retrieve", invite_id=INVITE["id"])),
    sc("adm_invites_list", ADMIN, call(f"{INV}.list")),
    sc(
        "adm_invites_list_params",
        ADMIN,
        call(
            f"{INV}.list",
            page_size=5,
            current_page=1,
            email="new.user@example.com",
            role="member",
            status="pending",
        ),
    ),
    sc("adm_invites_delete", ADMIN, call(f"{INV}.delete", invite_id=INVITE["id"])),
    sc("adm_invites_resend", ADMIN, call(f"{INV}.resend", invite_id=INVITE["id"])),
    # ---- admin.workspaces ----
    sc(
        "adm_ws_create",
        ADMIN,
        call(
            f"{WS}.create",
            name="New Workspace",
            description="Team space",
            defaults={"metadata": {"foo": "bar"}, "is_default": 0},
            users=["user-1", "user-2"],
        ),
    ),
    sc("adm_ws_create_min", ADMIN, call(f"{WS}.create", name="New Workspace")),
    sc("adm_ws_retrieve", ADMIN, call(f"{WS}.retrieve", workspace_id=WS_ID)),
    sc("adm_ws_list", ADMIN, call(f"{WS}.list")),
    sc(
        "adm_ws_list_params",
        ADMIN,
        call(
            f"{WS}.list",
            name="Test",
            page_size=20,
            current_page=1,
            exact_name="Test prod workspace",
            status="active",
        ),
        doc="status is not named: **kwargs go into the query",
    ),
    sc(
        "adm_ws_update",
        ADMIN,
        call(
            f"{WS}.update",
            workspace_id=WS_ID,
            name="Renamed",
            description="New description",
            defaults={"metadata": {"env": "prod"}},
        ),
    ),
    sc(
        "adm_ws_delete",
        ADMIN,
        call(f"{WS}.delete", workspace_id=WS_ID),
        doc="the DELETE carries a JSON body with the workspace id",
    ),
    sc("adm_ws_delete_name", ADMIN, call(f"{WS}.delete", workspace_id=WS_ID, name="New Workspace")),
    # ---- admin.workspaces.users ----
    sc(
        "adm_ws_users_create",
        ADMIN,
        call(
            f"{WSU}.create",
            workspace_id=WS_ID,
            users=[{"id": USER_ID, "role": "member"}],
        ),
    ),
    sc(
        "adm_ws_users_retrieve", ADMIN, call(f"{WSU}.retrieve", workspace_id=WS_ID, user_id=USER_ID)
    ),
    sc("adm_ws_users_list", ADMIN, call(f"{WSU}.list", workspace_id=WS_ID)),
    sc(
        "adm_ws_users_list_params",
        ADMIN,
        call(
            f"{WSU}.list",
            workspace_id=WS_ID,
            page_size=10,
            current_page=1,
            email="john.doe@example.com",
            role="admin",
        ),
    ),
    sc(
        "adm_ws_users_update",
        ADMIN,
        call(f"{WSU}.update", workspace_id=WS_ID, user_id=USER_ID, role="manager"),
    ),
    sc("adm_ws_users_delete", ADMIN, call(f"{WSU}.delete", workspace_id=WS_ID, user_id=USER_ID)),
]

# ---- analytics ----
GR = "analytics.graphs"
GRAPH_METHODS = [
    "requests",
    "cost",
    "latency",
    "tokens",
    "users",
    "users_requests",
    "errors",
    "errors_rate",
    "errors_stacks",
    "errors_status_codes",
    "requests_rescued",
    "cache_hit_rate",
    "cache_latency",
    "feedbacks",
    "feedbacks_scores",
    "feedbacks_weighted",
    "feedbacks_ai_models",
]
SCENARIOS += _many("an_graphs", GR, GRAPH_METHODS, **TIMES)
SCENARIOS += [
    sc(
        "an_graphs_cost_filters",
        ADMIN,
        call(
            f"{GR}.cost",
            **TIMES,
            total_units_min=10,
            total_units_max=1000,
            cost_min=0.5,
            cost_max=20.0,
            status_code="200,429",
            virtual_keys="vk-a,vk-b",
            configs="pc-a",
            workspace_slug="team",
            api_key_ids="key-1",
            ai_org_model="openai__gpt-4o",
            prompt_slug="pp-greeting-abc",
            metadata='{"env":"prod"}',
            cache_status="HIT",
        ),
        doc="every named filter of the graphs' query, as strings the API documents",
    ),
    sc(
        "an_graphs_requests_lists",
        ADMIN,
        call(
            f"{GR}.requests",
            **TIMES,
            virtual_keys=["vk-a", "vk-b"],
            status_code=[200, 429],
            metadata={"env": "prod", "team": "ml"},
        ),
        doc="list- and dict-valued filters: urlencode sends their Python repr",
    ),
    sc(
        "an_graphs_requests_datetimes",
        ADMIN,
        call(
            f"{GR}.requests",
            time_of_generation_min=when("2024-01-01T00:00:00+00:00"),
            time_of_generation_max=when("2024-01-31T23:59:59+00:00"),
        ),
        doc="datetime values: urlencode sends str(datetime) (a space, not 'T')",
    ),
    sc(
        "an_graphs_latency_kwargs",
        ADMIN,
        call(
            f"{GR}.latency",
            **TIMES,
            prompt_token_min=1,
            trace_id="trace-1",
            weighted_feedback_min=0.5,
        ),
        doc="unnamed filters (**kwargs) go into the query as given",
    ),
    sc(
        "an_graphs_requests_extra_headers",
        ADMIN,
        call(f"{GR}.requests", **TIMES, extra_headers={"x-custom": "1"}),
        doc="no call options: extra_headers is one more **kwarg, sent as a query parameter",
    ),
    sc(
        "an_graphs_requests_with_options",
        ADMIN,
        call(f"{GR}.requests", **TIMES),
        with_options={"trace_id": "trace-wo", "metadata": {"k": "v"}},
    ),
]
GP = "analytics.groups"
SCENARIOS += _many("an_groups", GP, ["users", "ai_models", "workspaces"], **TIMES)
SCENARIOS += [
    sc(
        "an_groups_users_params",
        ADMIN,
        call(
            f"{GP}.users",
            **TIMES,
            current_page=1,
            page_size=25,
            order_by="requests",
            order_by_type="desc",
            columns="requests,cost",
            include_total=True,
            workspace_slug="team",
        ),
        doc="booleans: urlencode sends 'True'",
    ),
    sc("an_groups_metadata", ADMIN, call(f"{GP}.metadata", metadata_key="env", **TIMES)),
    sc("an_groups_group_by", ADMIN, call(f"{GP}.group_by", group_by="model", **TIMES)),
    sc(
        "an_groups_group_by_params",
        ADMIN,
        call(
            f"{GP}.group_by",
            group_by="model",
            **TIMES,
            columns="requests,cost",
            include_total=False,
            page_size=10,
        ),
    ),
    sc("an_summary_cache", ADMIN, call("analytics.summary.cache", **TIMES)),
    sc(
        "an_summary_cache_params",
        ADMIN,
        call("analytics.summary.cache", **TIMES, workspace_slug="team", cache_status="HIT"),
    ),
]

# ---- api_keys ----
AK = "api_keys"
AK_ID = API_KEY["id"]
SCENARIOS += [
    sc(
        "ak_create",
        ADMIN,
        call(
            f"{AK}.create",
            type="workspace",
            sub_type="service",
            name="CI key",
            description="for CI",
            workspace_id="ws-1",
            user_id="user-1",
            rate_limits=[{"type": "requests", "unit": "rpm", "value": 100}],
            usage_limits=USAGE_LIMITS,
            scopes=["completions.write", "logs.view"],
            defaults={"metadata": {"env": "ci"}, "config_id": "pc-ci"},
            expires_at="2026-01-01T00:00:00Z",
            alert_emails=["ops@example.com"],
        ),
        doc="path /api-keys/{type}/{sub_type}; body key 'sub-type'; **kwargs in the body",
    ),
    sc(
        "ak_create_min",
        ADMIN,
        call(f"{AK}.create", type="organisation", sub_type="service", name="Org key"),
    ),
    sc("ak_retrieve", ADMIN, call(f"{AK}.retrieve", id=AK_ID)),
    sc("ak_list", ADMIN, call(f"{AK}.list"), doc="current_page=0 is always sent"),
    sc(
        "ak_list_params",
        ADMIN,
        call(f"{AK}.list", page_size=10, current_page=1, workspace_id="ws-1"),
    ),
    sc(
        "ak_update",
        ADMIN,
        call(
            f"{AK}.update",
            id=AK_ID,
            name="Renamed",
            description="d",
            rate_limits=[{"type": "requests", "unit": "rpm", "value": 50}],
            usage_limits=USAGE_LIMITS,
            scopes=["logs.view"],
            defaults={"metadata": {"env": "prod"}},
            expires_at="2027-01-01T00:00:00Z",
            reset_usage=True,
        ),
        doc="id is echoed in the body",
    ),
    sc("ak_update_min", ADMIN, call(f"{AK}.update", id=AK_ID, name="Renamed")),
    sc("ak_delete", ADMIN, call(f"{AK}.delete", id=AK_ID)),
]

# ---- collections (positional forms) ----
CO = "collections"
SCENARIOS += [
    sc("col_create", ADMIN, call(f"{CO}.create", "Support prompts")),
    sc(
        "col_create_positional_all",
        ADMIN,
        call(f"{CO}.create", "Escalations", "ws-1", "col-123"),
        doc="name, workspace_id, parent_collection_id are all positional-or-keyword",
    ),
    sc(
        "col_create_keywords",
        ADMIN,
        call(
            f"{CO}.create", name="Escalations", workspace_id="ws-1", parent_collection_id="col-123"
        ),
    ),
    sc("col_list", ADMIN, call(f"{CO}.list"), doc="an empty query: the URL ends with '?'"),
    sc(
        "col_list_params",
        ADMIN,
        call(f"{CO}.list", workspace_id="ws-1", current_page=1, page_size=10, search="supp"),
    ),
    sc("col_retrieve", ADMIN, call(f"{CO}.retrieve", "col-123")),
    sc("col_retrieve_keyword", ADMIN, call(f"{CO}.retrieve", collection_id="col-123")),
    sc("col_update", ADMIN, call(f"{CO}.update", "col-123", name="Renamed")),
    sc("col_delete", ADMIN, call(f"{CO}.delete", "col-123")),
]

# ---- configs ----
CF = "configs"
SCENARIOS += [
    sc(
        "cfg_create",
        ADMIN,
        call(
            f"{CF}.create",
            name="Fallback config",
            config=CONFIG_BODY,
            is_default=0,
            workspace_id="ws-1",
        ),
    ),
    sc("cfg_create_min", ADMIN, call(f"{CF}.create", name="c", config={"retry": {"attempts": 3}})),
    sc("cfg_retrieve", ADMIN, call(f"{CF}.retrieve", slug="pc-pplx-c-ca7a87")),
    sc(
        "cfg_retrieve_404",
        ADMIN,
        call(f"{CF}.retrieve", slug="pc-missing"),
        upstream_statuses=[404],
    ),
    sc(
        "cfg_retrieve_escaped",
        ADMIN,
        call(f"{CF}.retrieve", slug="pc a/b?c#d"),
        doc="the slug is put in the path unescaped: '/' splits it, '?' starts a query, '#' "
        "a fragment (dropped)",
    ),
    sc("cfg_list", ADMIN, call(f"{CF}.list")),
    sc(
        "cfg_list_500",
        ADMIN,
        call(f"{CF}.list"),
        upstream_statuses=[500, 500, 500, 500],
        doc="a 5xx without a Portkey trace id: APIClient retries it (max_retries)",
    ),
    sc(
        "cfg_list_429",
        ADMIN,
        call(f"{CF}.list"),
        upstream_statuses=[429],
        doc="below 500: not retried",
    ),
    sc(
        "cfg_list_authorization",
        {"base_url": "http://localhost:8080/v1", "Authorization": "Bearer tok-1"},
        call(f"{CF}.list"),
        doc="no api key, an Authorization option: sent on the Portkey route too",
    ),
    sc(
        "cfg_list_self_hosted",
        {"api_key": PK, "base_url": "http://localhost:8080/v1"},
        call(f"{CF}.list", workspace_id="ws-1"),
        doc="a self-hosted control plane: the routes under the given base URL",
    ),
    sc("cfg_list_workspace", ADMIN, call(f"{CF}.list", workspace_id="ws-1")),
    sc(
        "cfg_list_with_options",
        {**BASE, "trace_id": "t-client"},
        call(f"{CF}.list"),
        with_options={"trace_id": "t-wo", "config": "pc-wo"},
    ),
    sc(
        "cfg_update",
        ADMIN,
        call(
            f"{CF}.update",
            slug="pc-pplx-c-ca7a87",
            name="Renamed",
            config={"retry": {"attempts": 2}},
            status="active",
        ),
        doc="slug is echoed in the body",
    ),
    sc("cfg_update_min", ADMIN, call(f"{CF}.update", slug="pc-pplx-c-ca7a87", name="Renamed")),
    sc("cfg_delete", ADMIN, call(f"{CF}.delete", slug="pc-pplx-c-ca7a87")),
    sc(
        "cfg_delete_id",
        ADMIN,
        call(f"{CF}.delete", id="pc-pplx-c-ca7a87"),
        doc="id= is deprecated (DeprecationWarning) and used as the slug",
    ),
]

# ---- generations (deprecated) ----
SCENARIOS += [
    sc(
        "gen_create",
        ADMIN,
        call("generations.create", prompt_id="pp-greeting-abc", variables={"name": "x"}),
        doc="the official passes mode= to _post, which has no such parameter: TypeError",
    ),
    sc(
        "gen_create_config",
        ADMIN,
        call(
            "generations.create",
            prompt_id="pp-greeting-abc",
            variables={"name": "x"},
            config="pc-call",
        ),
        doc="config is read (retrieve_config() when not given) and never sent",
    ),
]

# ---- guardrails ----
G = "guardrails"
SCENARIOS += [
    sc("gr_create", ADMIN, call(f"{G}.create", name="PII guard", checks=CHECKS, actions=ACTIONS)),
    sc(
        "gr_create_full",
        ADMIN,
        call(
            f"{G}.create",
            name="PII guard",
            checks=CHECKS,
            actions=ACTIONS,
            workspace_id="ws-1",
            organisation_id="org-1",
            description="blocks SSNs",
        ),
        doc="an unknown keyword goes into the body",
    ),
    sc(
        "gr_create_extra_headers",
        ADMIN,
        call(
            f"{G}.create",
            name="PII guard",
            checks=CHECKS,
            actions=ACTIONS,
            extra_headers={"x-custom": "1"},
        ),
        doc="no call options: extra_headers is one more **kwarg, sent in the body",
    ),
    sc("gr_list", ADMIN, call(f"{G}.list"), doc="page_size=100 and current_page=0 always sent"),
    sc(
        "gr_list_params",
        ADMIN,
        call(
            f"{G}.list", workspace_id="ws-1", organisation_id="org-1", page_size=5, current_page=2
        ),
    ),
    sc("gr_retrieve", ADMIN, call(f"{G}.retrieve", guardrail_id="gr-123")),
    sc(
        "gr_update",
        ADMIN,
        call(
            f"{G}.update",
            guardrail_id="gr-123",
            name="PII guard v2",
            checks=CHECKS,
            actions=ACTIONS,
        ),
    ),
    sc("gr_update_min", ADMIN, call(f"{G}.update", guardrail_id="gr-123", name="PII guard v2")),
    sc("gr_delete", ADMIN, call(f"{G}.delete", guardrail_id="gr-123")),
]

# ---- integrations ----
IN = "integrations"
SCENARIOS += [
    sc(
        "int_create",
        ADMIN,
        call(f"{IN}.create", name="OpenAI prod", ai_provider_id="openai", key="sk-test-123"),
    ),
    sc(
        "int_create_full",
        ADMIN,
        call(
            f"{IN}.create",
            name="Azure prod",
            description="Azure OpenAI",
            key="az-key",
            ai_provider_id="azure-openai",
            workspace_id="ws-1",
            slug="azure-prod",
            configurations={"azure_resource_name": "res", "azure_deployment_config": []},
            note="extra",
        ),
    ),
    sc("int_list", ADMIN, call(f"{IN}.list"), doc="current_page=0 and page_size=100 always sent"),
    sc(
        "int_list_params",
        ADMIN,
        call(f"{IN}.list", current_page=1, page_size=10, workspace_id="ws-1", type="workspace"),
    ),
    sc("int_retrieve", ADMIN, call(f"{IN}.retrieve", slug="openai-prod")),
    sc(
        "int_update",
        ADMIN,
        call(
            f"{IN}.update",
            slug="openai-prod",
            name="OpenAI",
            description="d",
            key="sk-new",
            configurations={"openai_organization": "org-x"},
        ),
    ),
    sc("int_delete", ADMIN, call(f"{IN}.delete", slug="openai-prod")),
    sc("int_workspaces_list", ADMIN, call(f"{IN}.workspaces.list", slug="openai-prod")),
    sc(
        "int_workspaces_list_spec_body",
        ADMIN,
        call(f"{IN}.workspaces.list", slug="openai-prod"),
        doc="the spec's usage_limits/rate_limits lists: the official's types want dicts",
    ),
    sc(
        "int_workspaces_update",
        ADMIN,
        call(
            f"{IN}.workspaces.update",
            slug="openai-prod",
            global_workspace_access={"enabled": True, "usage_limits": [USAGE_LIMITS]},
            override_existing_workspaces_access=False,
            workspaces=[{"id": "ws-1", "enabled": True}],
        ),
    ),
    sc("int_models_list", ADMIN, call(f"{IN}.models.list", slug="openai-prod")),
    sc(
        "int_models_update",
        ADMIN,
        call(
            f"{IN}.models.update",
            slug="openai-prod",
            allow_all_models=False,
            models=[{"slug": "gpt-4o", "enabled": True}],
        ),
    ),
    sc(
        "int_models_delete",
        ADMIN,
        call(f"{IN}.models.delete", slug="openai-prod", slugs="my-ft-1,my-ft-2"),
    ),
    sc(
        "int_models_delete_list",
        ADMIN,
        call(f"{IN}.models.delete", slug="openai-prod", slugs=["my-ft-1", "my-ft-2"]),
        doc="a list: urlencode sends its Python repr",
    ),
]

# ---- labels (positional forms) ----
LB = "labels"
SCENARIOS += [
    sc("lbl_create", ADMIN, call(f"{LB}.create", name="production")),
    sc(
        "lbl_create_full",
        ADMIN,
        call(
            f"{LB}.create",
            name="production",
            organization_id="org-1",
            workspace_id="ws-1",
            description="Live traffic",
            color_code="#00FF00",
        ),
        doc="the official spells it organization_id (the API: organisation_id)",
    ),
    sc("lbl_list", ADMIN, call(f"{LB}.list")),
    sc(
        "lbl_list_params",
        ADMIN,
        call(
            f"{LB}.list", organization_id="org-1", workspace_id="ws-1", current_page=1, page_size=10
        ),
    ),
    sc("lbl_retrieve", ADMIN, call(f"{LB}.retrieve", "lbl-123")),
    sc(
        "lbl_update",
        ADMIN,
        call(f"{LB}.update", "lbl-123", name="prod", description="d", color_code="#FF0000"),
    ),
    sc(
        "lbl_update_empty_values",
        ADMIN,
        call(f"{LB}.update", "lbl-123", name="prod", description="", color_code=None),
        doc="remove_empty_values drops the '' value; None is sent as null",
    ),
    sc("lbl_delete", ADMIN, call(f"{LB}.delete", "lbl-123")),
    sc("lbl_delete_keyword", ADMIN, call(f"{LB}.delete", label_id="lbl-123")),
]

# ---- logs ----
LG = "logs"
EX = "logs.exports"
SCENARIOS += [
    sc(
        "log_create",
        ADMIN,
        call(
            f"{LG}.create",
            request={
                "url": "https://api.openai.com/v1/chat/completions",
                "method": "POST",
                "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}]},
            },
            response={"status": 200, "body": {"id": "chatcmpl-1"}, "response_time": 120},
            metadata={"trace_id": "t-1", "env": "prod"},
        ),
        doc="cast_to=None: the official returns the raw httpx.Response",
    ),
    sc(
        "log_exports_create",
        ADMIN,
        call(
            f"{EX}.create",
            filters=EXPORT_FILTERS,
            workspace_id="ws-1",
            description="January logs",
            requested_data=["id", "trace_id", "cost"],
        ),
    ),
    sc("log_exports_create_min", ADMIN, call(f"{EX}.create", filters=EXPORT_FILTERS)),
    sc("log_exports_retrieve", ADMIN, call(f"{EX}.retrieve", export_id="exp-123")),
    sc("log_exports_list", ADMIN, call(f"{EX}.list")),
    sc("log_exports_list_workspace", ADMIN, call(f"{EX}.list", workspace_id="ws-1")),
    sc(
        "log_exports_update",
        ADMIN,
        call(
            f"{EX}.update",
            export_id="exp-123",
            workspace_id="ws-1",
            filters={"cost_min": 1},
            requested_data=["id"],
        ),
    ),
    sc("log_exports_start", ADMIN, call(f"{EX}.start", export_id="exp-123")),
    sc("log_exports_cancel", ADMIN, call(f"{EX}.cancel", export_id="exp-123")),
    sc("log_exports_download", ADMIN, call(f"{EX}.download", export_id="exp-123")),
]

# ---- mcp_integrations ----
MI = "mcp_integrations"
MID = "mcpi-123"
SCENARIOS += [
    sc(
        "mcpi_create",
        ADMIN,
        call(
            f"{MI}.create",
            name="Linear",
            url="https://mcp.linear.app/sse",
            auth_type="oauth_auto",
            transport="sse",
        ),
    ),
    sc(
        "mcpi_create_full",
        ADMIN,
        call(
            f"{MI}.create",
            name="Internal",
            url="https://mcp.internal.example.com/mcp",
            auth_type="headers",
            transport="http",
            description="internal tools",
            workspace_id="ws-1",
            organisation_id="org-1",
            configurations={"headers": {"x-api-key": "k"}},
            slug="internal",
        ),
    ),
    sc("mcpi_list", ADMIN, call(f"{MI}.list"), doc="no query at all: no '?'"),
    sc(
        "mcpi_list_params",
        ADMIN,
        call(
            f"{MI}.list",
            organisation_id="org-1",
            type="workspace",
            workspace_id="ws-1",
            current_page=1,
            page_size=10,
            search="lin",
        ),
    ),
    sc("mcpi_retrieve", ADMIN, call(f"{MI}.retrieve", mcp_integration_id=MID)),
    sc(
        "mcpi_update",
        ADMIN,
        call(
            f"{MI}.update",
            mcp_integration_id=MID,
            name="Linear v2",
            description="d",
            configurations={},
            url="https://mcp.linear.app/mcp",
            auth_type="oauth_client_credentials",
            transport="http",
        ),
    ),
    sc("mcpi_delete", ADMIN, call(f"{MI}.delete", mcp_integration_id=MID)),
    sc(
        "mcpi_sync",
        ADMIN,
        call(
            f"{MI}.sync",
            mcp_integration_id=MID,
            server_info={"name": "linear", "version": "1.0.0"},
            capabilities=[{"name": "create_issue", "type": "tool"}],
        ),
    ),
    sc("mcpi_sync_min", ADMIN, call(f"{MI}.sync", mcp_integration_id=MID)),
    sc("mcpi_test", ADMIN, call(f"{MI}.test", mcp_integration_id=MID)),
    sc("mcpi_workspaces_list", ADMIN, call(f"{MI}.workspaces.list", mcp_integration_id=MID)),
    sc(
        "mcpi_workspaces_update",
        ADMIN,
        call(
            f"{MI}.workspaces.update",
            mcp_integration_id=MID,
            workspaces=[{"id": "ws-1", "enabled": True}],
            global_workspace_access={"enabled": False},
        ),
    ),
    sc("mcpi_capabilities_list", ADMIN, call(f"{MI}.capabilities.list", mcp_integration_id=MID)),
    sc(
        "mcpi_capabilities_update",
        ADMIN,
        call(
            f"{MI}.capabilities.update",
            mcp_integration_id=MID,
            capabilities=[{"name": "create_issue", "type": "tool", "enabled": False}],
        ),
    ),
    sc("mcpi_metadata_retrieve", ADMIN, call(f"{MI}.metadata.retrieve", mcp_integration_id=MID)),
]

# ---- mcp_servers ----
MS = "mcp_servers"
SID = "mcps-123"
SCENARIOS += [
    sc("mcps_create", ADMIN, call(f"{MS}.create", name="Linear (team)", mcp_integration_id=MID)),
    sc(
        "mcps_create_full",
        ADMIN,
        call(
            f"{MS}.create",
            name="Linear (team)",
            mcp_integration_id=MID,
            description="Team Linear",
            workspace_id="ws-1",
            slug="linear-team",
            status="active",
        ),
    ),
    sc("mcps_list", ADMIN, call(f"{MS}.list")),
    sc(
        "mcps_list_params",
        ADMIN,
        call(
            f"{MS}.list",
            workspace_id="ws-1",
            current_page=0,
            page_size=10,
            id=SID,
            search="lin",
        ),
    ),
    sc("mcps_retrieve", ADMIN, call(f"{MS}.retrieve", mcp_server_id=SID)),
    sc(
        "mcps_update",
        ADMIN,
        call(f"{MS}.update", mcp_server_id=SID, name="Linear", description="d"),
    ),
    sc("mcps_delete", ADMIN, call(f"{MS}.delete", mcp_server_id=SID)),
    sc("mcps_test", ADMIN, call(f"{MS}.test", mcp_server_id=SID)),
    sc("mcps_get_tokens", ADMIN, call(f"{MS}.get_tokens", mcp_server_id=SID)),
    sc(
        "mcps_update_tokens",
        ADMIN,
        call(f"{MS}.update_tokens", mcp_server_id=SID, access_token="at-1", refresh_token="rt-1"),
    ),
    sc(
        "mcps_update_tokens_min",
        ADMIN,
        call(f"{MS}.update_tokens", mcp_server_id=SID, access_token="at-1"),
    ),
    sc("mcps_delete_tokens", ADMIN, call(f"{MS}.delete_tokens", mcp_server_id=SID)),
    sc("mcps_get_client_info", ADMIN, call(f"{MS}.get_client_info", mcp_server_id=SID)),
    sc("mcps_capabilities_list", ADMIN, call(f"{MS}.capabilities.list", mcp_server_id=SID)),
    sc(
        "mcps_capabilities_update",
        ADMIN,
        call(
            f"{MS}.capabilities.update",
            mcp_server_id=SID,
            capabilities=[{"name": "create_issue", "type": "tool", "enabled": True}],
        ),
    ),
    sc(
        "mcps_capabilities_sync",
        ADMIN,
        call(
            f"{MS}.capabilities.sync",
            mcp_server_id=SID,
            capabilities=[{"name": "create_issue", "type": "tool"}],
        ),
    ),
    sc("mcps_capabilities_sync_min", ADMIN, call(f"{MS}.capabilities.sync", mcp_server_id=SID)),
    sc("mcps_user_access_check", ADMIN, call(f"{MS}.user_access.check", mcp_server_id=SID)),
    sc("mcps_user_access_list", ADMIN, call(f"{MS}.user_access.list", mcp_server_id=SID)),
    sc(
        "mcps_user_access_list_spec_body",
        ADMIN,
        call(f"{MS}.user_access.list", mcp_server_id=SID),
        doc="the spec's default_user_access \"allow\": the official's type wants a dict",
    ),
    sc(
        "mcps_user_access_update",
        ADMIN,
        call(
            f"{MS}.user_access.update",
            mcp_server_id=SID,
            user_access=[{"user_id": "user-1", "enabled": False}],
            default_user_access={"enabled": True},
        ),
    ),
    sc("mcps_metadata_retrieve", ADMIN, call(f"{MS}.metadata.retrieve", mcp_server_id=SID)),
    sc(
        "mcps_metadata_sync",
        ADMIN,
        call(
            f"{MS}.metadata.sync",
            mcp_server_id=SID,
            server_name="linear",
            server_version="1.0.0",
            protocol_version="2025-06-18",
            title="Linear",
            description="Linear issues",
            website_url="https://linear.app",
            icons={"light": "https://linear.app/icon.png"},
            capability_flags={"tools": True},
            instructions="Use for issues.",
        ),
    ),
    sc("mcps_metadata_sync_min", ADMIN, call(f"{MS}.metadata.sync", mcp_server_id=SID)),
]

# ---- prompts: the prompt library (positional forms) ----
PR = "prompts"
PS = "pp-greeting-abc"
PTS = "pl-signature-abc"
SCENARIOS += [
    sc(
        "pr_create",
        ADMIN,
        call(
            f"{PR}.create",
            name="Greeting",
            collection_id="col-123",
            string="Hello {{name}}",
            parameters={"temperature": 0.5},
        ),
    ),
    sc(
        "pr_create_full",
        ADMIN,
        call(
            f"{PR}.create",
            name="Greeting",
            collection_id="col-123",
            string="Hello {{name}}",
            parameters={"temperature": 0.5},
            virtual_key="openai-vk",
            model="gpt-4o-mini",
            functions=[{"name": "f"}],
            tools=[{"type": "function", "function": {"name": "f"}}],
            tool_choice={"type": "auto"},
            version_description="first",
            template_metadata={"owner": "team-a"},
        ),
    ),
    sc("pr_list", ADMIN, call(f"{PR}.list")),
    sc(
        "pr_list_params",
        ADMIN,
        call(
            f"{PR}.list",
            collection_id="col-123",
            workspace_id="ws-1",
            current_page=1,
            page_size=10,
            search="greet",
        ),
    ),
    sc(
        "pr_list_client_options",
        {**BASE, "config": "pc-client", "metadata": {"env": "prod"}},
        call(f"{PR}.list"),
        doc="the client's Portkey options ride on every Portkey route",
    ),
    sc("pr_retrieve", ADMIN, call(f"{PR}.retrieve", PS)),
    sc("pr_retrieve_keyword", ADMIN, call(f"{PR}.retrieve", prompt_slug=PS)),
    sc("pr_update", ADMIN, call(f"{PR}.update", PS, name="Greeting v2")),
    sc(
        "pr_update_full",
        ADMIN,
        call(
            f"{PR}.update",
            PS,
            name="Greeting v2",
            collection_id="col-123",
            string="Hi {{name}}",
            parameters={"temperature": 0.2},
            virtual_key="openai-vk",
            model="gpt-4o",
            functions=[],
            tools=[],
            tool_choice={"type": "none"},
            version_description="second",
            template_metadata={"owner": "team-b"},
        ),
        doc="an empty list is sent (only '' and NOT_GIVEN are dropped)",
    ),
    sc("pr_delete", ADMIN, call(f"{PR}.delete", PS)),
    sc("pr_publish", ADMIN, call(f"{PR}.publish", PS, version=2)),
    sc(
        "pr_versions_list",
        ADMIN,
        call(f"{PR}.versions.list", PS),
        doc="the API answers a JSON array, which the official cannot parse (cast_to(**list))",
    ),
    sc("pr_versions_retrieve", ADMIN, call(f"{PR}.versions.retrieve", PS, "pv-2")),
    sc("pr_versions_update", ADMIN, call(f"{PR}.versions.update", PS, "pv-2", label_id="lbl-123")),
    sc(
        "pr_partials_create",
        ADMIN,
        call(f"{PR}.partials.create", name="Signature", string="Regards, {{team}}"),
    ),
    sc(
        "pr_partials_create_full",
        ADMIN,
        call(
            f"{PR}.partials.create",
            name="Signature",
            string="Regards, {{team}}",
            workspace_id="ws-1",
            version_description="first",
        ),
    ),
    sc("pr_partials_list", ADMIN, call(f"{PR}.partials.list")),
    sc("pr_partials_list_collection", ADMIN, call(f"{PR}.partials.list", collection_id="col-123")),
    sc("pr_partials_retrieve", ADMIN, call(f"{PR}.partials.retrieve", PTS)),
    sc(
        "pr_partials_update",
        ADMIN,
        call(
            f"{PR}.partials.update",
            PTS,
            name="Signature v2",
            string="Cheers, {{team}}",
            description="second",
            status="active",
        ),
    ),
    sc("pr_partials_delete", ADMIN, call(f"{PR}.partials.delete", PTS)),
    sc("pr_partials_publish", ADMIN, call(f"{PR}.partials.publish", PTS, version=2)),
    sc("pr_partials_versions_list", ADMIN, call(f"{PR}.partials.versions.list", PTS)),
]

# ---- providers ----
PV = "providers"
SCENARIOS += [
    sc("prov_create", ADMIN, call(f"{PV}.create", name="OpenAI ws", integration_id="openai-prod")),
    sc(
        "prov_create_full",
        ADMIN,
        call(
            f"{PV}.create",
            name="OpenAI ws",
            integration_id="openai-prod",
            workspace_id="ws-1",
            slug="openai-ws",
            note="team key",
            usage_limits=USAGE_LIMITS,
            rate_limits={"type": "requests", "unit": "rpm", "value": 60},
            expires_at="2026-01-01T00:00:00Z",
            model_config={"pricing": {}},
        ),
    ),
    sc("prov_list", ADMIN, call(f"{PV}.list"), doc="current_page=0 and page_size=50 always sent"),
    sc(
        "prov_list_spec_body",
        ADMIN,
        call(f"{PV}.list"),
        doc="the spec's rate_limits list: the official's Provider type wants a dict",
    ),
    sc(
        "prov_list_params",
        ADMIN,
        call(f"{PV}.list", current_page=1, page_size=10, workspace_id="ws-1"),
    ),
    sc("prov_retrieve", ADMIN, call(f"{PV}.retrieve", slug="openai-ws")),
    sc(
        "prov_retrieve_workspace",
        ADMIN,
        call(f"{PV}.retrieve", slug="openai-ws", workspace_id="ws-1"),
    ),
    sc(
        "prov_update",
        ADMIN,
        call(
            f"{PV}.update",
            slug="openai-ws",
            workspace_id="ws-1",
            name="Renamed",
            note="n",
            usage_limits=USAGE_LIMITS,
            rate_limits={"type": "requests", "unit": "rpm", "value": 30},
            expires_at="2027-01-01T00:00:00Z",
            reset_usage=True,
        ),
        doc="workspace_id is a query parameter here, not a body key",
    ),
    sc("prov_update_min", ADMIN, call(f"{PV}.update", slug="openai-ws", name="Renamed")),
    sc("prov_delete", ADMIN, call(f"{PV}.delete", slug="openai-ws")),
    sc("prov_delete_workspace", ADMIN, call(f"{PV}.delete", slug="openai-ws", workspace_id="ws-1")),
]

# ---- virtual_keys ----
VKS = "virtual_keys"
SCENARIOS += [
    sc(
        "vk_create",
        ADMIN,
        call(f"{VKS}.create", name="OpenAI key", provider="openai", key="sk-test-123"),
    ),
    sc(
        "vk_create_full",
        ADMIN,
        call(
            f"{VKS}.create",
            name="Azure key",
            provider="azure-openai",
            key="az-key",
            note="prod",
            apiVersion="2024-02-01",
            resourceName="res",
            deploymentName="dep",
            workspace_id="ws-1",
            usage_limits=USAGE_LIMITS,
            rate_limits=RATE_LIMITS,
        ),
        doc="camelCase keyword names are sent as given; rate_limits via **kwargs",
    ),
    sc("vk_list", ADMIN, call(f"{VKS}.list")),
    sc("vk_list_workspace", ADMIN, call(f"{VKS}.list", workspace_id="ws-1")),
    sc("vk_retrieve", ADMIN, call(f"{VKS}.retrieve", slug="openai-vk-1")),
    sc(
        "vk_update",
        ADMIN,
        call(
            f"{VKS}.update",
            slug="openai-vk-1",
            name="Renamed",
            key="sk-new",
            note="n",
            usage_limits=USAGE_LIMITS,
            rate_limits=RATE_LIMITS,
        ),
    ),
    sc("vk_update_min", ADMIN, call(f"{VKS}.update", slug="openai-vk-1", name="Renamed")),
    sc("vk_delete", ADMIN, call(f"{VKS}.delete", slug="openai-vk-1")),
    sc(
        "vk_delete_403",
        ADMIN,
        call(f"{VKS}.delete", slug="openai-vk-1"),
        upstream_statuses=[403],
    ),
]

NAMES = {s["name"] for s in SCENARIOS}
ROUTES = {s["call"]["path"] for s in SCENARIOS}


def is_rich(s: Dict[str, Any]) -> bool:
    return s["name"] in NAMES
