"""``client.analytics`` through both clients and respx: each call's wire is the official SDK's
(``portkey_ai/api_resources/apis/analytics.py``: the time range and the filters it names lead
the query in its order, other keywords follow in the call's order), with ours where it sends
Python reprs (lists comma-separated, dicts as JSON text, datetimes in ISO 8601). The spec has
no example answers for these routes: the bodies are built from its response schemas
(``/analytics/graphs/*``, ``/analytics/groups/*``, ``/analytics/summary/cache``)."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterator, List
from urllib.parse import parse_qsl

import httpx
import pytest
import respx
from both_clients import BASE, call, items

from portkey._errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    UnprocessableEntityError,
)
from portkey._generic import GenericResponse
from portkey.types import analytics as types

MODES = ["sync", "async"]
T0 = "2026-02-23T14:20:31+05:30"  # the spec's examples of the time range
T1 = "2026-02-24T14:20:31+05:30"
RANGE = {"time_of_generation_min": T0, "time_of_generation_max": T1}
RANGE_QUERY = [("time_of_generation_min", T0), ("time_of_generation_max", T1)]

# Built from the spec's schema of GET /analytics/graphs/cost.
COST = {
    "summary": {"total": 1520, "avg": 3},
    "data_points": [
        {"timestamp": "2026-02-23T15:00:00Z", "total": 900, "avg": 4},
        {"timestamp": "2026-02-23T16:00:00Z", "total": 620, "avg": 2},
    ],
    "object": "analytics-graph",
}
# method -> (path under /analytics/graphs, a body from the spec's schema of that route)
GRAPHS: Dict[str, Any] = {
    "requests": ("requests", {"summary": {"total": 9}, "data_points": []}),
    "cost": ("cost", COST),
    "latency": ("latency", {"summary": {"avg": 120, "p50": 100, "p90": 200, "p99": 300}}),
    "tokens": ("tokens", {"summary": {"total": 500, "avg": 50}}),
    "users": ("users", {"summary": {"total": 3}}),
    "users_requests": ("users/requests", {"summary": {"total": 9, "unique": 3, "avg": 3}}),
    "errors": ("errors", {"summary": {"total": 2}}),
    "errors_rate": ("errors/rate", {"summary": {"rate": 5}}),
    "errors_stacks": (
        "errors/stacks",
        {
            "summary": {"total": 2},
            "data_points": [
                {"timestamp": T0, "stats": [{"response_status_code": 429, "count": 2}]}
            ],
        },
    ),
    "errors_status_codes": (
        "errors/status-codes",
        {
            "summary": {"total_errors": 3, "unique_error_codes": 2},
            "data_points": [{"status_code": 429, "count": 2}, {"status_code": 500, "count": 1}],
        },
    ),
    "requests_rescued": ("requests/rescued", {"summary": {"retry": 4, "fallback": 1}}),
    "cache_hit_rate": ("cache/hit-rate", {"summary": {"total": 10, "rate": 40}}),
    "cache_latency": ("cache/latency", {"summary": {"avg": 8}}),
    "feedbacks": ("feedbacks", {"summary": {"total": 6}}),
    "feedbacks_scores": ("feedbacks/scores", {"summary": {"total": 6}}),
    "feedbacks_weighted": ("feedbacks/weighted", {"summary": {"avg": 4}}),
    "feedbacks_ai_models": ("feedbacks/ai-models", {"summary": {"total": 6}}),
}
USER = {"user": "user_1", "requests": "12", "cost": "40", "object": "analytics-group"}


def error_body(message: str) -> Dict[str, Any]:
    """Portkey's own APIs' error body."""
    return {"success": False, "data": {"message": message}}


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def query(route: respx.Route, index: int = -1) -> List[Any]:
    """The query of a call of ``route`` as (name, value) pairs, in order."""
    return parse_qsl(route.calls[index].request.url.query.decode(), keep_blank_values=True)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_graph_query_is_the_officials_order(mode: str, mock: respx.MockRouter) -> None:
    route = mock.get("/analytics/graphs/cost").respond(200, json=COST)
    graph = await call(
        mode,
        "analytics.graphs.cost",
        extra=1,  # neither the official nor the spec names it: sent, after the named ones
        cache_status="HIT",
        prompt_token_min=2,  # the spec's, not the official's: in the call's order too
        cost_min=1.5,
        workspace_slug="ws",
        **RANGE,
    )
    # What the official sends for the same call (run under respx): its named filters first,
    # in its order, then its **kwargs in the call's order.
    assert query(route) == [
        *RANGE_QUERY,
        ("cost_min", "1.5"),
        ("workspace_slug", "ws"),
        ("cache_status", "HIT"),
        ("extra", "1"),
        ("prompt_token_min", "2"),
    ]
    assert isinstance(graph, types.AnalyticsGraphCostResponse)
    assert graph.summary.total == 1520 and graph.summary.avg == 3
    assert [p.timestamp for p in graph.data_points] == [
        "2026-02-23T15:00:00Z",
        "2026-02-23T16:00:00Z",
    ]
    assert graph.data_points[0].total == 900 and graph.object == "analytics-graph"
    assert graph.to_dict() == COST


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("method", sorted(GRAPHS))
async def test_every_graph(mode: str, method: str, mock: respx.MockRouter) -> None:
    path, body = GRAPHS[method]
    body = {"data_points": [], **body, "object": "analytics-graph"}
    route = mock.get(f"/analytics/graphs/{path}").respond(200, json=body)
    graph = await call(mode, f"analytics.graphs.{method}", **RANGE)
    assert route.calls.last.request.method == "GET"
    assert query(route) == RANGE_QUERY
    assert type(graph).__name__ == "AnalyticsGraph" + method.title().replace("_", "") + "Response"
    assert graph.to_dict() == body
    assert isinstance(graph.summary, dict) or graph.summary.to_dict() == body["summary"]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_filters_as_the_api_reads_them(mode: str, mock: respx.MockRouter) -> None:
    route = mock.get("/analytics/graphs/requests").respond(200, json=GRAPHS["requests"][1])
    start = datetime(2026, 2, 23, 14, 20, 31, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    await call(
        mode,
        "analytics.graphs.requests",
        time_of_generation_min=start,
        time_of_generation_max=T1,
        status_code=[401, 403],
        virtual_keys=("vk-slug-1", "vk-slug-2"),
        ai_org_model="openai__gpt-3.5-turbo",
        metadata={"_user": "user_1", "env": "staging"},
        trace_id=["my-unique-trace-1", "my-unique-trace-2"],
    )
    # The spec's examples: comma-separated lists, stringified JSON, ISO 8601 (the official
    # would send "[401, 403]", "{'_user': 'user_1', ...}" and "2026-02-23 14:20:31+05:30").
    assert query(route) == [
        *RANGE_QUERY,
        ("status_code", "401,403"),
        ("virtual_keys", "vk-slug-1,vk-slug-2"),
        ("ai_org_model", "openai__gpt-3.5-turbo"),
        ("metadata", '{"_user":"user_1","env":"staging"}'),
        ("trace_id", "my-unique-trace-1,my-unique-trace-2"),
    ]
    assert json.loads(dict(query(route))["metadata"]) == {"_user": "user_1", "env": "staging"}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_the_time_range_is_required(mode: str, mock: respx.MockRouter) -> None:
    route = mock.get("/analytics/graphs/cost").respond(200, json=COST)
    with pytest.raises(TypeError, match="time_of_generation_max"):
        await call(mode, "analytics.graphs.cost", time_of_generation_min=T0)
    with pytest.raises(TypeError, match="time_of_generation_min"):
        await call(mode, "analytics.groups.users", time_of_generation_max=T1)
    assert not route.called


def group_page(data: List[Dict[str, Any]], total: int) -> Dict[str, Any]:
    return {"object": "list", "total": total, "data": data}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_groups_page_by_page(mode: str, mock: respx.MockRouter) -> None:
    second = dict(USER, user="user_2", requests="3")
    route = mock.get("/analytics/groups/users").mock(
        side_effect=[
            httpx.Response(200, json=group_page([USER], 2)),
            httpx.Response(200, json=group_page([second], 2)),
        ]
    )
    page = await call(
        mode,
        "analytics.groups.users",
        page_size=1,
        include_total=True,
        cost_min=3,  # the spec's, not named by the official's groups: after its named ones
        columns=["requests", "cost"],
        **RANGE,
    )
    assert page.total == 2 and page.object == "list"
    users = await items(mode, page)
    assert [u.user for u in users] == ["user_1", "user_2"]
    assert all(isinstance(u, types.AnalyticsGroupUsersResponseData) for u in users)
    assert users[0].requests == "12" and users[0].cost == "40" and users[0]["user"] == "user_1"
    # The official's order: columns, include_total, current_page, page_size, then the rest;
    # the next page asks for current_page=1 (pages count from 0).
    first = [*RANGE_QUERY, ("columns", "requests,cost"), ("include_total", "true")]
    assert query(route, 0) == [*first, ("page_size", "1"), ("cost_min", "3")]
    assert query(route, 1) == [*first, ("page_size", "1"), ("cost_min", "3"), ("current_page", "1")]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_groups_by_model_metadata_and_workspace(mode: str, mock: respx.MockRouter) -> None:
    model = {"ai_model": "gpt-4o", "requests": "7", "object": "analytics-group"}
    metadata = {
        "metadata_value": "staging",
        "requests": 4,
        "cost": 12,
        "avg_tokens": 300,
        "avg_weighted_feedback": 1,
        "requests_with_feedback": 2,
        "last_seen": "2026-02-24T10:00:00Z",
        "object": "analytics-group",
    }
    ai_models = mock.get("/analytics/groups/ai-models").respond(200, json=group_page([model], 1))
    by_key = mock.get("/analytics/groups/metadata/env%2Fname").respond(
        200, json=group_page([metadata], 1)
    )
    by_model = mock.get("/analytics/groups/model").respond(
        200, json=group_page([{"model": "gpt-4o", "requests": 7}], 1)
    )
    workspaces = mock.get("/analytics/groups/workspaces").respond(
        200, json=group_page([{"workspace": "ws-1", "cost": 5}], 1)
    )

    page = await call(mode, "analytics.groups.ai_models", current_page=0, **RANGE)
    assert isinstance(page.data[0], types.AnalyticsGroupAiModelsResponseData)
    assert page.data[0].ai_model == "gpt-4o" and query(ai_models)[2] == ("current_page", "0")

    # A "/" in the key stays inside its path segment (the official would send it raw).
    page = await call(mode, "analytics.groups.metadata", metadata_key="env/name", **RANGE)
    found = page.data[0]
    assert isinstance(found, types.AnalyticsGroupMetadataResponseData)
    assert found.to_dict() == metadata
    assert query(by_key) == RANGE_QUERY

    page = await call(mode, "analytics.groups.group_by", group_by="model", **RANGE)
    assert isinstance(page.data[0], GenericResponse) and page.data[0].model == "gpt-4o"
    assert by_model.called
    page = await call(mode, "analytics.groups.workspaces", order_by_type="desc", **RANGE)
    assert page.data[0]["workspace"] == "ws-1"
    assert query(workspaces) == [*RANGE_QUERY, ("order_by_type", "desc")]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_summary_cache(mode: str, mock: respx.MockRouter) -> None:
    body = {
        "summary": {"hits": 40, "avg_latency": 8, "total_requests": 100, "cache_speedup": 93},
        "object": "analytics-summary",
    }
    route = mock.get("/analytics/summary/cache").respond(200, json=body)
    summary = await call(mode, "analytics.summary.cache", cost_min=1, workspace_slug="w", **RANGE)
    assert query(route) == [*RANGE_QUERY, ("workspace_slug", "w"), ("cost_min", "1")]
    assert isinstance(summary, types.AnalyticsSummaryCacheResponse)
    assert summary.summary.hits == 40 and summary.summary.cache_speedup == 93
    assert summary.to_dict() == body


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_raw_response(mode: str, mock: respx.MockRouter) -> None:
    mock.get("/analytics/graphs/cost").respond(200, json=COST, headers={"x-portkey-trace-id": "t"})
    raw = await call(mode, "analytics.graphs.with_raw_response.cost", **RANGE)
    assert raw.headers["x-portkey-trace-id"] == "t"
    assert raw.parse().summary.total == 1520


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "status, error",
    [
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
    ],
)
async def test_errors_are_typed(
    mode: str, status: int, error: type, mock: respx.MockRouter
) -> None:
    message = f"analytics refused ({status})"
    mock.get("/analytics/graphs/cost").respond(status, json=error_body(message))
    mock.get("/analytics/groups/users").respond(status, json=error_body(message))
    with pytest.raises(error, match=re.escape(message)) as caught:
        await call(mode, "analytics.graphs.cost", max_retries=0, **RANGE)
    assert caught.value.status_code == status and caught.value.message.endswith(message)
    with pytest.raises(error, match=re.escape(message)):
        await call(mode, "analytics.groups.users", max_retries=0, **RANGE)
