"""Issue 9, point 4: every public top-level name of the official ``portkey_ai`` exists in
``portkey`` or is on the list of deliberate absences below, with its reason.

The official names come from ``tests/fixtures/official_toplevel_names.json`` (generated from
portkey-ai 2.3.4 by ``tests/fixtures/make_official_toplevel_names.py``: the test environment
has no ``portkey_ai``). An absent resource class names the issue that brings its area; when
one arrives, its name goes into ``portkey.__init__._OFFICIAL_RESOURCES`` and off the list
(the first test fails until it does).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import portkey
from portkey import AsyncPortkey, Portkey

FIXTURES = Path(__file__).parent / "fixtures"

OFFICIAL = json.loads((FIXTURES / "official_toplevel_names.json").read_text())["names"]

# The areas of the official client (its first attribute), by the issue that brings them.
AREAS = {
    10: {
        "responses",
        "conversations",
        "chat",
        "completions",
        "embeddings",
        "moderations",
        "models",
    },  # fmt: skip
    11: {"files", "uploads", "batches", "audio", "images", "webhooks"},
    12: {
        "fine_tuning",
        "vector_stores",
        "containers",
        "evals",
        "videos",
        "skills",
        "beta",
        "realtime",
    },  # fmt: skip
    13: {
        "admin",
        "analytics",
        "api_keys",
        "collections",
        "configs",
        "feedback",
        "generations",
        "guardrails",
        "integrations",
        "labels",
        "logs",
        "mcp_integrations",
        "mcp_servers",
        "prompts",
        "providers",
        "virtual_keys",
    },  # fmt: skip
}
ISSUE = "arrives with issue {}"


def _absent(issue: int, *names: str) -> Dict[str, str]:
    return dict.fromkeys(names, ISSUE.format(issue))


ABSENT: Dict[str, str] = {
    **dict.fromkeys(
        ("Params", "Message", "PortkeyResponse"),
        "the pre-1.0 SDK's request and response shapes, not config concepts (the legacy "
        "config names, Config to CacheLiteral, map onto portkey.Config and its parts): "
        "messages are plain dicts, answers typed results",
    ),
    **dict.fromkeys(
        ("api_key", "base_url", "config", "mode"),
        "module-level settings the official client never reads (it takes them as client "
        "options, as ours does)",
    ),
    "openai": "the official vendors openai-python and re-exports it; ours does without it",
    "api_resources": "a module of the official package's layout, not an API",
    "version": "a module of the official package's layout, not an API",
    **dict.fromkeys(
        ("os", "Mapping", "Optional", "Union"),
        "an import the official's __init__ leaks, not an API",
    ),
}  # fmt: skip


def test_every_official_name_exists_or_is_a_listed_absence() -> None:
    missing = sorted(n for n in OFFICIAL if n not in ABSENT and not hasattr(portkey, n))
    assert missing == [], "neither in portkey nor on the absence list"
    present = sorted(n for n in ABSENT if hasattr(portkey, n))
    assert present == [], "exists now: take it off the absence list"
    assert set(ABSENT) <= set(OFFICIAL), "listed but not an official name"


def test_absences_name_the_issue_of_their_area() -> None:
    for name, reason in ABSENT.items():
        paths = OFFICIAL[name].get("client_paths")
        if paths is None:  # not a resource class: no area's issue
            assert reason not in {ISSUE.format(i) for i in AREAS}, name
            continue
        area = paths[0].split(".")[0]
        assert reason == ISSUE.format(next(i for i, a in AREAS.items() if area in a)), name


def test_official_resource_names_are_the_classes_of_our_clients() -> None:
    """``portkey.Models`` is the class of ``Portkey().models``, as in the official SDK (and
    ``ChatCompletion`` the class of ``client.chat``); loaded on first use, not at import."""
    checked = 0
    clients = {"sync": Portkey(api_key="pk"), "async": AsyncPortkey(api_key="pk")}
    for name, entry in OFFICIAL.items():
        if name in ABSENT or "client_paths" not in entry:
            continue
        client = clients["async" if name.startswith("Async") else "sync"]
        for path in entry["client_paths"]:
            obj: Any = client
            for part in path.split("."):
                obj = getattr(obj, part)
            assert type(obj) is getattr(portkey, name), (name, path)
            checked += 1
    assert checked >= 12
    assert "ChatCompletion" in dir(portkey) and "Models" not in portkey.__all__


def test_official_constants() -> None:
    for name in ("PORTKEY_GATEWAY_URL", "PORTKEY_BASE_URL", "PORTKEY_API_KEY_ENV",
                 "PORTKEY_PROXY_ENV"):  # fmt: skip
        assert getattr(portkey, name) == OFFICIAL[name]["value"], name
    assert portkey.VERSION == portkey.__version__
    assert callable(portkey.createHeaders) and OFFICIAL["createHeaders"]["kind"] == "function"
