"""``/analytics`` (a Portkey route): graphs, groups and summaries of the gateway's traffic.

Every call takes the time range (``time_of_generation_min``/``_max``: a ``datetime`` or an
ISO 8601 string) and the spec's filters. The query holds the filters the official SDK names
first, in its order, then the others in the order of the call (keywords neither names are sent
too, as the official's ``**kwargs``). Unlike the official (which sends Python's ``repr`` of a
list or dict and ``str`` of a datetime), a list is sent comma-separated, a dict as JSON text
and a datetime in ISO 8601: what the API reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typing_extensions import Literal, Unpack

from .._generic import GenericResponse
from ..types.analytics import (
    AnalyticsGraphCacheHitRateResponse,
    AnalyticsGraphCacheLatencyResponse,
    AnalyticsGraphCostResponse,
    AnalyticsGraphErrorsRateResponse,
    AnalyticsGraphErrorsResponse,
    AnalyticsGraphErrorsStacksResponse,
    AnalyticsGraphErrorsStatusCodesResponse,
    AnalyticsGraphFeedbacksAiModelsResponse,
    AnalyticsGraphFeedbacksResponse,
    AnalyticsGraphFeedbacksScoresResponse,
    AnalyticsGraphFeedbacksWeightedResponse,
    AnalyticsGraphLatencyResponse,
    AnalyticsGraphRequestsRescuedResponse,
    AnalyticsGraphRequestsResponse,
    AnalyticsGraphTokensResponse,
    AnalyticsGraphUsersRequestsResponse,
    AnalyticsGraphUsersResponse,
    AnalyticsGroupAiModelsResponseData,
    AnalyticsGroupMetadataResponseData,
    AnalyticsGroupUsersResponseData,
    AnalyticsSummaryCacheResponse,
)
from ..types.params.analytics import (
    AnalyticsGraphParams,
    AnalyticsGraphQuery,
    AnalyticsGroupParams,
    AnalyticsGroupQuery,
    AnalyticsSummaryParams,
    AnalyticsSummaryQuery,
)
from ._base import APIResource, Endpoint, subresource

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage

__all__ = [
    "Analytics",
    "AnalyticsGraphs",
    "AnalyticsGroups",
    "AnalyticsSummary",
    "AsyncAnalytics",
    "AsyncAnalyticsGraphs",
    "AsyncAnalyticsGroups",
    "AsyncAnalyticsSummary",
]

GroupBy = Literal[
    "ai_service", "model", "status_code", "api_key", "config", "workspace", "provider", "prompt"
]


def _graph(path: str, cast: Any) -> Endpoint[Any]:
    # params: only what the official names (its order leads the query); flat=True sends the
    # other keywords (the spec's other filters, anything else) after them, in the call's order.
    return Endpoint("GET", "/analytics/graphs" + path, cast, params=AnalyticsGraphQuery, flat=True)


def _group(path: str, item: Any) -> Endpoint[Any]:
    return Endpoint(
        "GET",
        "/analytics/groups" + path,
        object,
        params=AnalyticsGroupQuery,
        item=item,
        page="page",
        flat=True,
    )


_requests = _graph("/requests", AnalyticsGraphRequestsResponse)
_cost = _graph("/cost", AnalyticsGraphCostResponse)
_latency = _graph("/latency", AnalyticsGraphLatencyResponse)
_tokens = _graph("/tokens", AnalyticsGraphTokensResponse)
_users = _graph("/users", AnalyticsGraphUsersResponse)
_users_requests = _graph("/users/requests", AnalyticsGraphUsersRequestsResponse)
_errors = _graph("/errors", AnalyticsGraphErrorsResponse)
_errors_rate = _graph("/errors/rate", AnalyticsGraphErrorsRateResponse)
_errors_stacks = _graph("/errors/stacks", AnalyticsGraphErrorsStacksResponse)
_errors_status_codes = _graph("/errors/status-codes", AnalyticsGraphErrorsStatusCodesResponse)
_requests_rescued = _graph("/requests/rescued", AnalyticsGraphRequestsRescuedResponse)
_cache_hit_rate = _graph("/cache/hit-rate", AnalyticsGraphCacheHitRateResponse)
_cache_latency = _graph("/cache/latency", AnalyticsGraphCacheLatencyResponse)
_feedbacks = _graph("/feedbacks", AnalyticsGraphFeedbacksResponse)
_feedbacks_scores = _graph("/feedbacks/scores", AnalyticsGraphFeedbacksScoresResponse)
_feedbacks_weighted = _graph("/feedbacks/weighted", AnalyticsGraphFeedbacksWeightedResponse)
_feedbacks_ai_models = _graph("/feedbacks/ai-models", AnalyticsGraphFeedbacksAiModelsResponse)

_group_users = _group("/users", AnalyticsGroupUsersResponseData)
_group_ai_models = _group("/ai-models", AnalyticsGroupAiModelsResponseData)
_group_metadata = _group("/metadata/{metadata_key}", AnalyticsGroupMetadataResponseData)
# Not in the spec (the official SDK has them): items as GenericResponse.
_group_workspaces = _group("/workspaces", GenericResponse)
_group_by = _group("/{group_by}", GenericResponse)

_summary_cache: Endpoint[AnalyticsSummaryCacheResponse] = Endpoint(
    "GET",
    "/analytics/summary/cache",
    AnalyticsSummaryCacheResponse,
    params=AnalyticsSummaryQuery,
    flat=True,
)


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncAnalyticsGraphs(APIResource):
    """Time series (``data_points``) and their ``summary``, one method per graph."""

    async def requests(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphRequestsResponse:
        """Requests over time."""
        return await self._call(_requests, locals())

    async def cost(self, **params: Unpack[AnalyticsGraphParams]) -> AnalyticsGraphCostResponse:
        """Cost over time (in cents): total and average per request."""
        return await self._call(_cost, locals())

    async def latency(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphLatencyResponse:
        """Latency over time: average and percentiles."""
        return await self._call(_latency, locals())

    async def tokens(self, **params: Unpack[AnalyticsGraphParams]) -> AnalyticsGraphTokensResponse:
        """Tokens over time: total and average per request."""
        return await self._call(_tokens, locals())

    async def users(self, **params: Unpack[AnalyticsGraphParams]) -> AnalyticsGraphUsersResponse:
        """Distinct users over time."""
        return await self._call(_users, locals())

    async def users_requests(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphUsersRequestsResponse:
        """Requests per user over time."""
        return await self._call(_users_requests, locals())

    async def errors(self, **params: Unpack[AnalyticsGraphParams]) -> AnalyticsGraphErrorsResponse:
        """Failed requests over time."""
        return await self._call(_errors, locals())

    async def errors_rate(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphErrorsRateResponse:
        """The error rate over time."""
        return await self._call(_errors_rate, locals())

    async def errors_stacks(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphErrorsStacksResponse:
        """Errors over time, stacked by status code."""
        return await self._call(_errors_stacks, locals())

    async def errors_status_codes(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphErrorsStatusCodesResponse:
        """Errors counted by status code."""
        return await self._call(_errors_status_codes, locals())

    async def requests_rescued(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphRequestsRescuedResponse:
        """Requests rescued by retries and fallbacks over time."""
        return await self._call(_requests_rescued, locals())

    async def cache_hit_rate(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphCacheHitRateResponse:
        """Cache hits (simple and semantic) and the hit rate over time."""
        return await self._call(_cache_hit_rate, locals())

    async def cache_latency(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphCacheLatencyResponse:
        """The latency of cache hits over time."""
        return await self._call(_cache_latency, locals())

    async def feedbacks(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphFeedbacksResponse:
        """Feedbacks given over time."""
        return await self._call(_feedbacks, locals())

    async def feedbacks_scores(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphFeedbacksScoresResponse:
        """Feedbacks counted by score."""
        return await self._call(_feedbacks_scores, locals())

    async def feedbacks_weighted(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphFeedbacksWeightedResponse:
        """The weighted feedback over time."""
        return await self._call(_feedbacks_weighted, locals())

    async def feedbacks_ai_models(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphFeedbacksAiModelsResponse:
        """Feedbacks by AI model."""
        return await self._call(_feedbacks_ai_models, locals())


class AsyncAnalyticsGroups(APIResource):
    """Totals grouped by a dimension, page by page (``current_page`` counts from 0)."""

    def users(
        self, **params: Unpack[AnalyticsGroupParams]
    ) -> AsyncPaginator[AnalyticsGroupUsersResponseData]:
        """Requests and cost per user (the ``_user`` metadata)."""
        return self._list(_group_users, locals())

    def ai_models(
        self, **params: Unpack[AnalyticsGroupParams]
    ) -> AsyncPaginator[AnalyticsGroupAiModelsResponseData]:
        """Requests per AI model."""
        return self._list(_group_ai_models, locals())

    def metadata(
        self, *, metadata_key: str, **params: Unpack[AnalyticsGroupParams]
    ) -> AsyncPaginator[AnalyticsGroupMetadataResponseData]:
        """Requests, cost, tokens and feedback per value of the metadata key
        ``metadata_key``."""
        return self._list(_group_metadata, locals())

    def workspaces(self, **params: Unpack[AnalyticsGroupParams]) -> AsyncPaginator[GenericResponse]:
        """Totals per workspace (a route the official SDK has; the spec does not describe
        it, so the items are ``GenericResponse``)."""
        return self._list(_group_workspaces, locals())

    def group_by(
        self, *, group_by: GroupBy, **params: Unpack[AnalyticsGroupParams]
    ) -> AsyncPaginator[GenericResponse]:
        """Totals grouped by ``group_by`` (``"model"``, ``"provider"``, ...; a route the
        official SDK has and the spec does not describe: the items are ``GenericResponse``)."""
        return self._list(_group_by, locals())


class AsyncAnalyticsSummary(APIResource):
    async def cache(
        self, **params: Unpack[AnalyticsSummaryParams]
    ) -> AnalyticsSummaryCacheResponse:
        """Cache hits, their average latency and the speed-up over the time range."""
        return await self._call(_summary_cache, locals())


class AsyncAnalytics(APIResource):
    """Portkey's analytics: ``graphs``, ``groups`` and ``summary``."""

    graphs = subresource(AsyncAnalyticsGraphs)
    groups = subresource(AsyncAnalyticsGroups)
    summary = subresource(AsyncAnalyticsSummary)


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class AnalyticsGraphs(APIResource):
    """Time series (``data_points``) and their ``summary``, one method per graph."""

    def requests(self, **params: Unpack[AnalyticsGraphParams]) -> AnalyticsGraphRequestsResponse:
        """Requests over time."""
        return self._call(_requests, locals())

    def cost(self, **params: Unpack[AnalyticsGraphParams]) -> AnalyticsGraphCostResponse:
        """Cost over time (in cents): total and average per request."""
        return self._call(_cost, locals())

    def latency(self, **params: Unpack[AnalyticsGraphParams]) -> AnalyticsGraphLatencyResponse:
        """Latency over time: average and percentiles."""
        return self._call(_latency, locals())

    def tokens(self, **params: Unpack[AnalyticsGraphParams]) -> AnalyticsGraphTokensResponse:
        """Tokens over time: total and average per request."""
        return self._call(_tokens, locals())

    def users(self, **params: Unpack[AnalyticsGraphParams]) -> AnalyticsGraphUsersResponse:
        """Distinct users over time."""
        return self._call(_users, locals())

    def users_requests(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphUsersRequestsResponse:
        """Requests per user over time."""
        return self._call(_users_requests, locals())

    def errors(self, **params: Unpack[AnalyticsGraphParams]) -> AnalyticsGraphErrorsResponse:
        """Failed requests over time."""
        return self._call(_errors, locals())

    def errors_rate(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphErrorsRateResponse:
        """The error rate over time."""
        return self._call(_errors_rate, locals())

    def errors_stacks(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphErrorsStacksResponse:
        """Errors over time, stacked by status code."""
        return self._call(_errors_stacks, locals())

    def errors_status_codes(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphErrorsStatusCodesResponse:
        """Errors counted by status code."""
        return self._call(_errors_status_codes, locals())

    def requests_rescued(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphRequestsRescuedResponse:
        """Requests rescued by retries and fallbacks over time."""
        return self._call(_requests_rescued, locals())

    def cache_hit_rate(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphCacheHitRateResponse:
        """Cache hits (simple and semantic) and the hit rate over time."""
        return self._call(_cache_hit_rate, locals())

    def cache_latency(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphCacheLatencyResponse:
        """The latency of cache hits over time."""
        return self._call(_cache_latency, locals())

    def feedbacks(self, **params: Unpack[AnalyticsGraphParams]) -> AnalyticsGraphFeedbacksResponse:
        """Feedbacks given over time."""
        return self._call(_feedbacks, locals())

    def feedbacks_scores(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphFeedbacksScoresResponse:
        """Feedbacks counted by score."""
        return self._call(_feedbacks_scores, locals())

    def feedbacks_weighted(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphFeedbacksWeightedResponse:
        """The weighted feedback over time."""
        return self._call(_feedbacks_weighted, locals())

    def feedbacks_ai_models(
        self, **params: Unpack[AnalyticsGraphParams]
    ) -> AnalyticsGraphFeedbacksAiModelsResponse:
        """Feedbacks by AI model."""
        return self._call(_feedbacks_ai_models, locals())


class AnalyticsGroups(APIResource):
    """Totals grouped by a dimension, page by page (``current_page`` counts from 0)."""

    def users(
        self, **params: Unpack[AnalyticsGroupParams]
    ) -> SyncPage[AnalyticsGroupUsersResponseData]:
        """Requests and cost per user (the ``_user`` metadata)."""
        return self._list(_group_users, locals())

    def ai_models(
        self, **params: Unpack[AnalyticsGroupParams]
    ) -> SyncPage[AnalyticsGroupAiModelsResponseData]:
        """Requests per AI model."""
        return self._list(_group_ai_models, locals())

    def metadata(
        self, *, metadata_key: str, **params: Unpack[AnalyticsGroupParams]
    ) -> SyncPage[AnalyticsGroupMetadataResponseData]:
        """Requests, cost, tokens and feedback per value of the metadata key
        ``metadata_key``."""
        return self._list(_group_metadata, locals())

    def workspaces(self, **params: Unpack[AnalyticsGroupParams]) -> SyncPage[GenericResponse]:
        """Totals per workspace (a route the official SDK has; the spec does not describe
        it, so the items are ``GenericResponse``)."""
        return self._list(_group_workspaces, locals())

    def group_by(
        self, *, group_by: GroupBy, **params: Unpack[AnalyticsGroupParams]
    ) -> SyncPage[GenericResponse]:
        """Totals grouped by ``group_by`` (``"model"``, ``"provider"``, ...; a route the
        official SDK has and the spec does not describe: the items are ``GenericResponse``)."""
        return self._list(_group_by, locals())


class AnalyticsSummary(APIResource):
    def cache(self, **params: Unpack[AnalyticsSummaryParams]) -> AnalyticsSummaryCacheResponse:
        """Cache hits, their average latency and the speed-up over the time range."""
        return self._call(_summary_cache, locals())


class Analytics(APIResource):
    """Portkey's analytics: ``graphs``, ``groups`` and ``summary``."""

    graphs = subresource(AnalyticsGraphs)
    groups = subresource(AnalyticsGroups)
    summary = subresource(AnalyticsSummary)
