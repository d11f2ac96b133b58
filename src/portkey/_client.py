"""The clients: ``Portkey`` and ``AsyncPortkey`` add only the I/O to ``BaseClient``
(``_base_client.py``): sending with retries (a loop of a few lines each), sleeping, closing.
"""

from __future__ import annotations

import time
from typing import (
    TYPE_CHECKING,
    Any,
    Awaitable,
    Callable,
    Dict,
    List,
    Optional,
    Sequence,
    Type,
    TypeVar,
)

import httpx
from typing_extensions import Self

from . import _retry
from ._base_client import (
    _HTTPX_ERRORS,
    DEFAULT_TIMEOUT,
    PORTKEY_BASE_URL,
    BaseClient,
    Raw,
    _check_decoded,
)
from ._pool import resource, running_loop
from ._response import is_json
from ._types import Call

if TYPE_CHECKING:
    from ._binary import (
        AsyncStreamedResponse,
        AsyncStreamedResponseManager,
        StreamedResponse,
        StreamedResponseManager,
    )
    from ._pagination import AsyncPage, AsyncPaginator, SyncPage
    from ._streaming import AsyncStream, Stream
    from .resources.admin import Admin, AsyncAdmin
    from .resources.analytics import Analytics, AsyncAnalytics
    from .resources.api_keys import ApiKeys, AsyncApiKeys
    from .resources.audio import AsyncAudio, Audio
    from .resources.audit_logs import AsyncAuditLogs, AuditLogs
    from .resources.batches import AsyncBatches, Batches
    from .resources.beta import AsyncBeta, Beta
    from .resources.chat import AsyncChat, Chat
    from .resources.collections import AsyncCollections, Collections
    from .resources.completions import AsyncCompletions, Completions
    from .resources.configs import AsyncConfigs, Configs
    from .resources.containers import AsyncContainers, Containers
    from .resources.conversations import AsyncConversations, Conversations
    from .resources.embeddings import AsyncEmbeddings, Embeddings
    from .resources.evals import AsyncEvals, Evals
    from .resources.feedback import AsyncFeedback, Feedback
    from .resources.files import AsyncFiles, Files
    from .resources.fine_tuning import AsyncFineTuning, FineTuning
    from .resources.generations import AsyncGenerations, Generations
    from .resources.guardrails import AsyncGuardrails, Guardrails
    from .resources.images import AsyncImages, Images
    from .resources.integrations import AsyncIntegrations, Integrations
    from .resources.labels import AsyncLabels, Labels
    from .resources.logs import AsyncLogs, Logs
    from .resources.mcp_integrations import AsyncMcpIntegrations, McpIntegrations
    from .resources.mcp_servers import AsyncMcpServers, McpServers
    from .resources.model_configs import AsyncModelConfigs, ModelConfigs
    from .resources.models import AsyncModels, Models
    from .resources.moderations import AsyncModerations, Moderations
    from .resources.policies import AsyncPolicies, Policies
    from .resources.prompts import AsyncPrompts, Prompts
    from .resources.providers import AsyncProviders, Providers
    from .resources.realtime import AsyncRealtime, Realtime
    from .resources.responses import AsyncResponses, Responses
    from .resources.scim import AsyncScim, Scim
    from .resources.secret_references import AsyncSecretReferences, SecretReferences
    from .resources.skills import AsyncSkills, Skills
    from .resources.uploads import AsyncUploads, Uploads
    from .resources.vector_stores import AsyncVectorStores, VectorStores
    from .resources.videos import AsyncVideos, Videos
    from .resources.virtual_keys import AsyncVirtualKeys, VirtualKeys
    from .resources.webhooks import AsyncWebhooks, Webhooks

__all__ = ["DEFAULT_TIMEOUT", "PORTKEY_BASE_URL", "AsyncPortkey", "BaseClient", "Portkey"]

R = TypeVar("R")


class _Reopen:
    """How a stream sends its request again when the connection fails before its first item:
    the call's own attempts (the same ``max_retries`` and deadline), and ``send(delay)``,
    which waits, sends and returns a response a stream can read (or raises ours)."""

    __slots__ = ("attempts", "request", "send")

    def __init__(self, attempts: _retry.Attempts, request: httpx.Request, send: Any) -> None:
        self.attempts = attempts
        self.request = request
        self.send = send


class Portkey(BaseClient[httpx.Client]):
    """The synchronous client. Use as a context manager, or call ``close()``."""

    _http_client_type = httpx.Client
    chat: resource[Chat] = resource(".resources.chat", "Chat")
    embeddings: resource[Embeddings] = resource(".resources.embeddings", "Embeddings")
    completions: resource[Completions] = resource(".resources.completions", "Completions")
    feedback: resource[Feedback] = resource(".resources.feedback", "Feedback")
    prompts: resource[Prompts] = resource(".resources.prompts", "Prompts")
    models: resource[Models] = resource(".resources.models", "Models")
    moderations: resource[Moderations] = resource(".resources.moderations", "Moderations")
    images: resource[Images] = resource(".resources.images", "Images")
    responses: resource[Responses] = resource(".resources.responses", "Responses")
    conversations: resource[Conversations] = resource(".resources.conversations", "Conversations")
    webhooks: resource[Webhooks] = resource(".resources.webhooks", "Webhooks")
    files: resource[Files] = resource(".resources.files", "Files")
    uploads: resource[Uploads] = resource(".resources.uploads", "Uploads")
    batches: resource[Batches] = resource(".resources.batches", "Batches")
    beta: resource[Beta] = resource(".resources.beta", "Beta")
    audio: resource[Audio] = resource(".resources.audio", "Audio")
    containers: resource[Containers] = resource(".resources.containers", "Containers")
    skills: resource[Skills] = resource(".resources.skills", "Skills")
    videos: resource[Videos] = resource(".resources.videos", "Videos")
    realtime: resource[Realtime] = resource(".resources.realtime", "Realtime")
    fine_tuning: resource[FineTuning] = resource(".resources.fine_tuning", "FineTuning")
    evals: resource[Evals] = resource(".resources.evals", "Evals")
    vector_stores: resource[VectorStores] = resource(".resources.vector_stores", "VectorStores")
    # Portkey's own APIs (issue 13)
    admin: resource[Admin] = resource(".resources.admin", "Admin")
    analytics: resource[Analytics] = resource(".resources.analytics", "Analytics")
    api_keys: resource[ApiKeys] = resource(".resources.api_keys", "ApiKeys")
    audit_logs: resource[AuditLogs] = resource(".resources.audit_logs", "AuditLogs")
    collections: resource[Collections] = resource(".resources.collections", "Collections")
    configs: resource[Configs] = resource(".resources.configs", "Configs")
    generations: resource[Generations] = resource(".resources.generations", "Generations")
    guardrails: resource[Guardrails] = resource(".resources.guardrails", "Guardrails")
    integrations: resource[Integrations] = resource(".resources.integrations", "Integrations")
    labels: resource[Labels] = resource(".resources.labels", "Labels")
    logs: resource[Logs] = resource(".resources.logs", "Logs")
    mcp_integrations: resource[McpIntegrations] = resource(
        ".resources.mcp_integrations", "McpIntegrations"
    )
    mcp_servers: resource[McpServers] = resource(".resources.mcp_servers", "McpServers")
    model_configs: resource[ModelConfigs] = resource(".resources.model_configs", "ModelConfigs")
    policies: resource[Policies] = resource(".resources.policies", "Policies")
    providers: resource[Providers] = resource(".resources.providers", "Providers")
    scim: resource[Scim] = resource(".resources.scim", "Scim")
    secret_references: resource[SecretReferences] = resource(
        ".resources.secret_references", "SecretReferences"
    )
    virtual_keys: resource[VirtualKeys] = resource(".resources.virtual_keys", "VirtualKeys")

    def _new_http_client(self) -> httpx.Client:
        if self.http_backend == "httpx2":
            from ._httpx2 import new_sync_client as new_httpx2_client

            return new_httpx2_client(self.timeout)  # type: ignore[return-value]
        from ._transport import new_sync_client  # here: it imports httpcore, as httpx does

        return new_sync_client(self.timeout)

    @property
    def _stream_class(self) -> Type[Stream[Any]]:
        from ._streaming import Stream

        return Stream

    @property
    def _page_class(self) -> Type[SyncPage[Any]]:
        from ._pagination import SyncPage

        return SyncPage

    def _paginate(self, call: Call[Any], raw: Raw) -> Any:
        return self._request(call, raw)

    @property
    def _streamed_class(self) -> Type[StreamedResponse[Any]]:
        from ._binary import StreamedResponse

        return StreamedResponse

    @property
    def _streamed_manager(self) -> Type[StreamedResponseManager[Any]]:
        from ._binary import StreamedResponseManager

        return StreamedResponseManager

    def _poll(
        self,
        fetch: Callable[[Dict[str, str]], Any],
        pending: Callable[[Any], bool],
        poll_interval_ms: Any,
    ) -> Any:
        """Look (``fetch(headers)`` gives a ``RawResponse``) until ``pending(result)`` is
        false; return that result (a failed state too: it is typed, not raised)."""
        started = time.monotonic()
        while True:
            raw = fetch(self._poll_headers(poll_interval_ms))
            result = raw.parse()
            if not pending(result):
                return result
            _retry.sleep(self._poll_wait(raw, poll_interval_ms, started))

    def _bounded(self, calls: Sequence[Callable[[], R]], limit: int) -> List[R]:
        """Run ``calls`` at most ``limit`` at a time (in threads); their results in order.
        The first failure is raised once the running calls end (the others are not started)."""
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=max(1, min(limit, len(calls) or 1))) as pool:
            futures = [pool.submit(call) for call in calls]
            try:
                return [future.result() for future in futures]
            finally:
                for future in futures:
                    future.cancel()

    def _attempt(self, request: httpx.Request, stream: bool) -> httpx.Response:
        response = self._pool.get().send(request, stream=True)
        if not stream or response.status_code >= 400 or is_json(response):
            try:
                response.read()
            except httpx.DecodingError as exc:
                undecodable: Optional[str] = str(exc)
            else:
                undecodable = None
            finally:
                response.close()
            _check_decoded(response, undecodable)
        return response

    def _request(self, call: Call[Any], raw: Raw = False, traced: bool = False) -> Any:
        if self._tracing is not None and not traced:  # a span around this very method
            return self._tracing.run(self._request, call, raw)
        request = self._build_request(call)
        attempts = self._attempts(call)
        response = self._send(request, attempts, call.stream or raw == "stream")
        reopen = None
        if call.stream:

            def send(delay: float) -> httpx.Response:
                _retry.sleep(delay)
                return self._stream_response(self._send(request, attempts, True))

            reopen = _Reopen(attempts, request, send)
        return self._finish(call, response, raw, reopen)

    def _send(
        self, request: httpx.Request, attempts: _retry.Attempts, stream: bool
    ) -> httpx.Response:
        """Send until a response is final (not one to retry), or raise ours."""
        while True:
            self._cap_timeout(request, attempts)
            try:
                response = self._attempt(request, stream)
            except _HTTPX_ERRORS as exc:
                error: Optional[Exception] = exc
            else:
                error = None
            if error is not None:  # outside the except block: see _after_error
                _retry.sleep(self._after_error(error, request, attempts))
                continue
            delay = self._response_delay(response, request, attempts)
            if delay is None:
                return response
            _retry.sleep(delay)

    def close(self) -> None:
        """Close every connection of the pool (shared with ``with_options`` copies)."""
        client = self._pool.take_for_close()
        if client is not None:
            client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncPortkey(BaseClient[httpx.AsyncClient]):
    """The asyncio client. Use as an async context manager, or ``await close()``."""

    _http_client_type = httpx.AsyncClient
    chat: resource[AsyncChat] = resource(".resources.chat", "AsyncChat")
    embeddings: resource[AsyncEmbeddings] = resource(".resources.embeddings", "AsyncEmbeddings")
    completions: resource[AsyncCompletions] = resource(".resources.completions", "AsyncCompletions")
    feedback: resource[AsyncFeedback] = resource(".resources.feedback", "AsyncFeedback")
    prompts: resource[AsyncPrompts] = resource(".resources.prompts", "AsyncPrompts")
    models: resource[AsyncModels] = resource(".resources.models", "AsyncModels")
    moderations: resource[AsyncModerations] = resource(".resources.moderations", "AsyncModerations")
    images: resource[AsyncImages] = resource(".resources.images", "AsyncImages")
    responses: resource[AsyncResponses] = resource(".resources.responses", "AsyncResponses")
    conversations: resource[AsyncConversations] = resource(
        ".resources.conversations", "AsyncConversations"
    )
    webhooks: resource[AsyncWebhooks] = resource(".resources.webhooks", "AsyncWebhooks")
    files: resource[AsyncFiles] = resource(".resources.files", "AsyncFiles")
    uploads: resource[AsyncUploads] = resource(".resources.uploads", "AsyncUploads")
    batches: resource[AsyncBatches] = resource(".resources.batches", "AsyncBatches")
    beta: resource[AsyncBeta] = resource(".resources.beta", "AsyncBeta")
    audio: resource[AsyncAudio] = resource(".resources.audio", "AsyncAudio")
    containers: resource[AsyncContainers] = resource(".resources.containers", "AsyncContainers")
    skills: resource[AsyncSkills] = resource(".resources.skills", "AsyncSkills")
    videos: resource[AsyncVideos] = resource(".resources.videos", "AsyncVideos")
    realtime: resource[AsyncRealtime] = resource(".resources.realtime", "AsyncRealtime")
    fine_tuning: resource[AsyncFineTuning] = resource(".resources.fine_tuning", "AsyncFineTuning")
    evals: resource[AsyncEvals] = resource(".resources.evals", "AsyncEvals")
    vector_stores: resource[AsyncVectorStores] = resource(
        ".resources.vector_stores", "AsyncVectorStores"
    )
    # Portkey's own APIs (issue 13)
    admin: resource[AsyncAdmin] = resource(".resources.admin", "AsyncAdmin")
    analytics: resource[AsyncAnalytics] = resource(".resources.analytics", "AsyncAnalytics")
    api_keys: resource[AsyncApiKeys] = resource(".resources.api_keys", "AsyncApiKeys")
    audit_logs: resource[AsyncAuditLogs] = resource(".resources.audit_logs", "AsyncAuditLogs")
    collections: resource[AsyncCollections] = resource(".resources.collections", "AsyncCollections")
    configs: resource[AsyncConfigs] = resource(".resources.configs", "AsyncConfigs")
    generations: resource[AsyncGenerations] = resource(".resources.generations", "AsyncGenerations")
    guardrails: resource[AsyncGuardrails] = resource(".resources.guardrails", "AsyncGuardrails")
    integrations: resource[AsyncIntegrations] = resource(
        ".resources.integrations", "AsyncIntegrations"
    )
    labels: resource[AsyncLabels] = resource(".resources.labels", "AsyncLabels")
    logs: resource[AsyncLogs] = resource(".resources.logs", "AsyncLogs")
    mcp_integrations: resource[AsyncMcpIntegrations] = resource(
        ".resources.mcp_integrations", "AsyncMcpIntegrations"
    )
    mcp_servers: resource[AsyncMcpServers] = resource(".resources.mcp_servers", "AsyncMcpServers")
    model_configs: resource[AsyncModelConfigs] = resource(
        ".resources.model_configs", "AsyncModelConfigs"
    )
    policies: resource[AsyncPolicies] = resource(".resources.policies", "AsyncPolicies")
    providers: resource[AsyncProviders] = resource(".resources.providers", "AsyncProviders")
    scim: resource[AsyncScim] = resource(".resources.scim", "AsyncScim")
    secret_references: resource[AsyncSecretReferences] = resource(
        ".resources.secret_references", "AsyncSecretReferences"
    )
    virtual_keys: resource[AsyncVirtualKeys] = resource(
        ".resources.virtual_keys", "AsyncVirtualKeys"
    )

    def _new_http_client(self) -> httpx.AsyncClient:
        if self.http_backend == "httpx2":
            from ._httpx2 import new_async_client as new_httpx2_client

            return new_httpx2_client(self.timeout)  # type: ignore[return-value]
        from ._transport import new_async_client

        return new_async_client(self.timeout)

    @property
    def _stream_class(self) -> Type[AsyncStream[Any]]:
        from ._streaming import AsyncStream

        return AsyncStream

    @property
    def _page_class(self) -> Type[AsyncPage[Any]]:
        from ._pagination import AsyncPage

        return AsyncPage

    @property
    def _streamed_class(self) -> Type[AsyncStreamedResponse[Any]]:
        from ._binary import AsyncStreamedResponse

        return AsyncStreamedResponse

    @property
    def _streamed_manager(self) -> Type[AsyncStreamedResponseManager[Any]]:
        from ._binary import AsyncStreamedResponseManager

        return AsyncStreamedResponseManager

    def _paginate(self, call: Call[Any], raw: Raw) -> AsyncPaginator[Any]:
        from ._pagination import AsyncPaginator

        return AsyncPaginator(self, call, raw)

    async def _poll(
        self,
        fetch: Callable[[Dict[str, str]], Awaitable[Any]],
        pending: Callable[[Any], bool],
        poll_interval_ms: Any,
    ) -> Any:
        """Look until ``pending(result)`` is false (see ``Portkey._poll``)."""
        started = time.monotonic()
        while True:
            raw = await fetch(self._poll_headers(poll_interval_ms))
            result = raw.parse()
            if not pending(result):
                return result
            await _retry.async_sleep(self._poll_wait(raw, poll_interval_ms, started))

    async def _bounded(self, calls: Sequence[Callable[[], Awaitable[R]]], limit: int) -> List[R]:
        """Run ``calls`` at most ``limit`` at a time (tasks); their results in order. The first
        failure cancels the others and is raised as itself (not in an exception group)."""
        import anyio

        results: List[Any] = [None] * len(calls)
        slots = anyio.Semaphore(max(1, limit))
        failures: List[BaseException] = []

        async def run(index: int, call: Callable[[], Awaitable[R]]) -> None:
            async with slots:
                try:
                    results[index] = await call()
                except Exception as exc:
                    failures.append(exc)
                    scope.cancel()

        async with anyio.create_task_group() as group:
            scope = group.cancel_scope
            for index, call in enumerate(calls):
                group.start_soon(run, index, call)
        if failures:
            raise failures[0]
        return results

    async def _attempt(self, request: httpx.Request, stream: bool) -> httpx.Response:
        response = await self._pool.get_for_loop(running_loop()).send(request, stream=True)
        if not stream or response.status_code >= 400 or is_json(response):
            try:
                await response.aread()
            except httpx.DecodingError as exc:
                undecodable: Optional[str] = str(exc)
            else:
                undecodable = None
            finally:
                await response.aclose()
            _check_decoded(response, undecodable)
        return response

    async def _request(self, call: Call[Any], raw: Raw = False, traced: bool = False) -> Any:
        if self._tracing is not None and not traced:  # a span around this very method
            return await self._tracing.arun(self._request, call, raw)
        request = self._build_request(call)
        attempts = self._attempts(call)
        response = await self._send(request, attempts, call.stream or raw == "stream")
        reopen = None
        if call.stream:

            async def send(delay: float) -> httpx.Response:
                await _retry.async_sleep(delay)
                return self._stream_response(await self._send(request, attempts, True))

            reopen = _Reopen(attempts, request, send)
        return self._finish(call, response, raw, reopen)

    async def _send(
        self, request: httpx.Request, attempts: _retry.Attempts, stream: bool
    ) -> httpx.Response:
        """Send until a response is final (not one to retry), or raise ours."""
        while True:
            self._cap_timeout(request, attempts)
            try:
                response = await self._attempt(request, stream)
            except (*_HTTPX_ERRORS, RuntimeError) as exc:  # "Event loop is closed": a caller's
                # http_client used from a new event loop (ours starts a fresh pool instead)
                error: Optional[Exception] = exc
            else:
                error = None
            if error is not None:  # outside the except block: see _after_error
                await _retry.async_sleep(self._after_error(error, request, attempts))
                continue
            delay = self._response_delay(response, request, attempts)
            if delay is None:
                return response
            await _retry.async_sleep(delay)

    async def close(self) -> None:
        """Close every connection of the pool (shared with ``with_options`` copies)."""
        loop = self._pool._loop
        client = self._pool.take_for_close()
        if client is not None and not (loop is not None and loop.is_closed()):
            await client.aclose()  # (connections of a closed loop went with it)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
