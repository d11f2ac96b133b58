"""``/policies`` (a Portkey route; ours: the official SDK has no such calls): usage-limits
policies (a cost or token budget per API key, workspace or metadata value) and rate-limits
policies (requests or tokens per minute, hour or day)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import Unpack

from .._generic import GenericResponse
from .._types import RequestOptions
from ..types.params.policies import (
    RateLimitsPolicyCreateParams,
    RateLimitsPolicyListParams,
    RateLimitsPolicyRetrieveParams,
    RateLimitsPolicyUpdateParams,
    UsageLimitsEntityListParams,
    UsageLimitsPolicyCreateParams,
    UsageLimitsPolicyListParams,
    UsageLimitsPolicyRetrieveParams,
    UsageLimitsPolicyUpdateParams,
)
from ..types.policies import (
    PolicyCreateResponse,
    RateLimitsPolicy,
    RateLimitsPolicyResponse,
    UsageLimitsPolicy,
    UsageLimitsPolicyEntity,
    UsageLimitsPolicyResponse,
)
from ._base import APIResource, Endpoint, subresource

# Annotations only: the page module loads with the first list.
if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage

__all__ = [
    "AsyncPolicies",
    "AsyncRateLimitsPolicies",
    "AsyncUsageLimitsEntities",
    "AsyncUsageLimitsPolicies",
    "Policies",
    "RateLimitsPolicies",
    "UsageLimitsEntities",
    "UsageLimitsPolicies",
]

_USAGE = "/policies/usage-limits"
_RATE = "/policies/rate-limits"

_usage_create: Endpoint[PolicyCreateResponse] = Endpoint(
    "POST", _USAGE, PolicyCreateResponse, params=UsageLimitsPolicyCreateParams
)
_usage_list: Endpoint[object] = Endpoint(
    "GET",
    _USAGE,
    object,
    params=UsageLimitsPolicyListParams,
    item=UsageLimitsPolicy,
    page="page",
)
_usage_retrieve: Endpoint[UsageLimitsPolicyResponse] = Endpoint(
    "GET",
    _USAGE + "/{policy_id}",
    UsageLimitsPolicyResponse,
    params=UsageLimitsPolicyRetrieveParams,
)
_usage_update: Endpoint[GenericResponse] = Endpoint(
    "PUT", _USAGE + "/{policy_id}", GenericResponse, params=UsageLimitsPolicyUpdateParams
)
_usage_delete: Endpoint[GenericResponse] = Endpoint(
    "DELETE", _USAGE + "/{policy_id}", GenericResponse
)
_entities_list: Endpoint[object] = Endpoint(
    "GET",
    _USAGE + "/{policy_id}/entities",
    object,
    params=UsageLimitsEntityListParams,
    item=UsageLimitsPolicyEntity,
    page="page",
)
# A PUT without a body (as the spec has it).
_entities_reset: Endpoint[GenericResponse] = Endpoint(
    "PUT", _USAGE + "/{policy_id}/entities/{entity_id}/reset", GenericResponse, body=False
)
_rate_create: Endpoint[PolicyCreateResponse] = Endpoint(
    "POST", _RATE, PolicyCreateResponse, params=RateLimitsPolicyCreateParams
)
_rate_list: Endpoint[object] = Endpoint(
    "GET", _RATE, object, params=RateLimitsPolicyListParams, item=RateLimitsPolicy, page="page"
)
_rate_retrieve: Endpoint[RateLimitsPolicyResponse] = Endpoint(
    "GET",
    _RATE + "/{policy_id}",
    RateLimitsPolicyResponse,
    params=RateLimitsPolicyRetrieveParams,
)
_rate_update: Endpoint[GenericResponse] = Endpoint(
    "PUT", _RATE + "/{policy_id}", GenericResponse, params=RateLimitsPolicyUpdateParams
)
_rate_delete: Endpoint[GenericResponse] = Endpoint(
    "DELETE", _RATE + "/{policy_id}", GenericResponse
)


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncUsageLimitsEntities(APIResource):
    def list(
        self, *, policy_id: str, **params: Unpack[UsageLimitsEntityListParams]
    ) -> AsyncPaginator[UsageLimitsPolicyEntity]:
        """The entities (API keys, metadata values, ...) a usage-limits policy counts, with
        their current usage."""
        return self._list(_entities_list, locals())

    async def reset(
        self, *, policy_id: str, entity_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """Set one entity's usage under the policy back to zero."""
        return await self._call(_entities_reset, locals())


class AsyncUsageLimitsPolicies(APIResource):
    entities = subresource(AsyncUsageLimitsEntities)

    async def create(self, **params: Unpack[UsageLimitsPolicyCreateParams]) -> PolicyCreateResponse:
        """A budget (``type`` cost or tokens, ``credit_limit``) for the requests matching
        ``conditions``, counted per ``group_by``."""
        return await self._call(_usage_create, locals())

    def list(
        self, **params: Unpack[UsageLimitsPolicyListParams]
    ) -> AsyncPaginator[UsageLimitsPolicy]:
        """The usage-limits policies, a page at a time."""
        return self._list(_usage_list, locals())

    async def retrieve(
        self, *, policy_id: str, **params: Unpack[UsageLimitsPolicyRetrieveParams]
    ) -> UsageLimitsPolicyResponse:
        """One policy (``include_usage=True``: with each entity's usage)."""
        return await self._call(_usage_retrieve, locals())

    async def update(
        self, *, policy_id: str, **params: Unpack[UsageLimitsPolicyUpdateParams]
    ) -> GenericResponse:
        """Change a policy's name, limit, alert threshold or reset period."""
        return await self._call(_usage_update, locals())

    async def delete(self, *, policy_id: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Delete a policy."""
        return await self._call(_usage_delete, locals())


class AsyncRateLimitsPolicies(APIResource):
    async def create(self, **params: Unpack[RateLimitsPolicyCreateParams]) -> PolicyCreateResponse:
        """A rate limit (``value`` requests or tokens per ``unit``) for the requests matching
        ``conditions``, counted per ``group_by``."""
        return await self._call(_rate_create, locals())

    def list(
        self, **params: Unpack[RateLimitsPolicyListParams]
    ) -> AsyncPaginator[RateLimitsPolicy]:
        """The rate-limits policies, a page at a time."""
        return self._list(_rate_list, locals())

    async def retrieve(
        self, *, policy_id: str, **params: Unpack[RateLimitsPolicyRetrieveParams]
    ) -> RateLimitsPolicyResponse:
        """One rate-limits policy."""
        return await self._call(_rate_retrieve, locals())

    async def update(
        self, *, policy_id: str, **params: Unpack[RateLimitsPolicyUpdateParams]
    ) -> GenericResponse:
        """Change a rate-limits policy's name, unit or value."""
        return await self._call(_rate_update, locals())

    async def delete(self, *, policy_id: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Delete a rate-limits policy."""
        return await self._call(_rate_delete, locals())


class AsyncPolicies(APIResource):
    """Ours: the official SDK has no ``policies``."""

    usage_limits = subresource(AsyncUsageLimitsPolicies)
    rate_limits = subresource(AsyncRateLimitsPolicies)


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class UsageLimitsEntities(APIResource):
    def list(
        self, *, policy_id: str, **params: Unpack[UsageLimitsEntityListParams]
    ) -> SyncPage[UsageLimitsPolicyEntity]:
        """The entities (API keys, metadata values, ...) a usage-limits policy counts, with
        their current usage."""
        return self._list(_entities_list, locals())

    def reset(
        self, *, policy_id: str, entity_id: str, **params: Unpack[RequestOptions]
    ) -> GenericResponse:
        """Set one entity's usage under the policy back to zero."""
        return self._call(_entities_reset, locals())


class UsageLimitsPolicies(APIResource):
    entities = subresource(UsageLimitsEntities)

    def create(self, **params: Unpack[UsageLimitsPolicyCreateParams]) -> PolicyCreateResponse:
        """A budget (``type`` cost or tokens, ``credit_limit``) for the requests matching
        ``conditions``, counted per ``group_by``."""
        return self._call(_usage_create, locals())

    def list(self, **params: Unpack[UsageLimitsPolicyListParams]) -> SyncPage[UsageLimitsPolicy]:
        """The usage-limits policies, a page at a time."""
        return self._list(_usage_list, locals())

    def retrieve(
        self, *, policy_id: str, **params: Unpack[UsageLimitsPolicyRetrieveParams]
    ) -> UsageLimitsPolicyResponse:
        """One policy (``include_usage=True``: with each entity's usage)."""
        return self._call(_usage_retrieve, locals())

    def update(
        self, *, policy_id: str, **params: Unpack[UsageLimitsPolicyUpdateParams]
    ) -> GenericResponse:
        """Change a policy's name, limit, alert threshold or reset period."""
        return self._call(_usage_update, locals())

    def delete(self, *, policy_id: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Delete a policy."""
        return self._call(_usage_delete, locals())


class RateLimitsPolicies(APIResource):
    def create(self, **params: Unpack[RateLimitsPolicyCreateParams]) -> PolicyCreateResponse:
        """A rate limit (``value`` requests or tokens per ``unit``) for the requests matching
        ``conditions``, counted per ``group_by``."""
        return self._call(_rate_create, locals())

    def list(self, **params: Unpack[RateLimitsPolicyListParams]) -> SyncPage[RateLimitsPolicy]:
        """The rate-limits policies, a page at a time."""
        return self._list(_rate_list, locals())

    def retrieve(
        self, *, policy_id: str, **params: Unpack[RateLimitsPolicyRetrieveParams]
    ) -> RateLimitsPolicyResponse:
        """One rate-limits policy."""
        return self._call(_rate_retrieve, locals())

    def update(
        self, *, policy_id: str, **params: Unpack[RateLimitsPolicyUpdateParams]
    ) -> GenericResponse:
        """Change a rate-limits policy's name, unit or value."""
        return self._call(_rate_update, locals())

    def delete(self, *, policy_id: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Delete a rate-limits policy."""
        return self._call(_rate_delete, locals())


class Policies(APIResource):
    """Ours: the official SDK has no ``policies``."""

    usage_limits = subresource(UsageLimitsPolicies)
    rate_limits = subresource(RateLimitsPolicies)
