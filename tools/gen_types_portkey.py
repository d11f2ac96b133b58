"""The generated types of Portkey's own APIs (``../shared/specs/portkey/openapi.yaml``).

One entry per output module under ``portkey.types``: (module, docstring, roots). A root is a
component schema's name, or an operation's inline schema given a class name:
``"ConfigListResponse=GET /configs"`` (its first 2xx JSON answer) or
``"ConfigCreateRequest=POST /configs request"`` (its JSON request body). Regenerate with
``python tools/gen_types.py``; CI checks the output is fresh (``--check``).
"""

from __future__ import annotations

from typing import List, Tuple

PORTKEY_OUTPUTS: List[Tuple[str, str, List[str]]] = [
    (
        "guardrails",
        "Types of ``/guardrails`` (a Portkey route).",
        [
            "GuardrailCreateResponse=POST /guardrails",
            "GuardrailSummary",
            "GuardrailDetailResponse=GET /guardrails/{guardrailId}",
            "GuardrailUpdateResponse=PUT /guardrails/{guardrailId}",
        ],
    ),
    (
        "policies",
        "Types of ``/policies`` (a Portkey route): usage-limits and rate-limits policies.",
        [
            "PolicyCreateResponse=POST /policies/usage-limits",
            "UsageLimitsPolicy",
            "UsageLimitsPolicyResponse",
            "UsageLimitsPolicyEntity",
            "RateLimitsPolicy",
            "RateLimitsPolicyResponse",
        ],
    ),
    (
        "configs",
        "Types of ``/configs`` (a Portkey route): saved gateway configs and their versions.",
        [
            "ConfigAddResponse=POST /configs",
            "ConfigListResponse=GET /configs",
            "ConfigGetResponse=GET /configs/{slug}",
            "ConfigUpdateResponse=PUT /configs/{slug}",
            "ConfigVersionListResponse=GET /configs/{slug}/versions",
        ],
    ),
    (
        "virtual_keys",
        "Types of ``/virtual-keys`` (a Portkey route).",
        [
            "VirtualKeysAddResponse=POST /virtual-keys",
            "VirtualKey=GET /virtual-keys/{slug}",
        ],
    ),
    (
        "providers",
        "Types of ``/providers`` (a Portkey route).",
        [
            "ProviderCreateResponse=POST /providers",
            "Provider=GET /providers/{slug}",
            "ProviderUpdateResponse=PUT /providers/{slug}",
        ],
    ),
    (
        "integrations",
        "Types of ``/integrations`` (a Portkey route): integrations, their models and workspaces.",
        [
            "IntegrationCreateResponse=POST /integrations",
            "IntegrationList",
            "IntegrationDetailResponse",
            "IntegrationModelsResponse",
            "IntegrationWorkspacesResponse",
        ],
    ),
    (
        "secret_references",
        "Types of ``/secret-references`` (a Portkey route; ours, the official SDK lacks it).",
        [
            "SecretReferenceCreateResponse=POST /secret-references",
            "SecretReferenceListItem",
            "SecretReferenceDetailResponse",
        ],
    ),
    (
        "prompt_library",
        "Types of the prompt library (``/prompts``, ``/prompts/partials``: Portkey routes).",
        [
            "PromptCreateResponse=POST /prompts",
            "PromptSummary",
            "Prompt=GET /prompts/{promptId}",
            "PromptUpdateResponse=PUT /prompts/{promptId}",
            "PromptVersionSummary",
            "PromptPartialCreateResponse=POST /prompts/partials",
            "PromptPartialSummary",
            "PromptPartial",
            "PromptPartialUpdateResponse=PUT /prompts/partials/{promptPartialId}",
            "PromptPartialVersion",
        ],
    ),
    (
        "labels",
        "Types of ``/labels`` (a Portkey route): prompt version labels.",
        ["LabelCreateResponse=POST /labels", "Label"],
    ),
    (
        "collections",
        "Types of ``/collections`` (a Portkey route): folders of prompts.",
        [
            "CollectionCreateResponse=POST /collections",
            "CollectionWithDetails",
            "CollectionWithChildCollections",
        ],
    ),
    (
        "admin",
        "Types of ``/admin`` (a Portkey route): users, user invites, workspaces and their members.",
        [
            "UserRetrieveResponse=GET /admin/users/{userId}",
            "UserInviteResponse=POST /admin/users/invites",
            "UserInviteRetrieveResponse=GET /admin/users/invites/{inviteId}",
            "UserInviteResendResponse=POST /admin/users/invites/{inviteId}/resend",
            "WorkspacesAddResponse=POST /admin/workspaces",
            "WorkspacesGetResponse=GET /admin/workspaces/{workspaceId}",
            "WorkspaceMemberGetResponse=GET /admin/workspaces/{workspaceId}/users/{userId}",
        ],
    ),
    (
        "api_keys",
        "Types of ``/api-keys`` (a Portkey route): organisation and workspace API keys.",
        [
            "ApiKeyAddResponse=POST /api-keys/{type}/{sub-type}",
            "ApiKeyGetResponse=GET /api-keys/{id}",
            "ApiKeyRotateResponse=POST /api-keys/{id}/rotate",
        ],
    ),
    (
        "audit_logs",
        "Types of ``/audit-logs`` (a Portkey route; ours, the official SDK lacks it).",
        ["AuditLogListResponse=GET /audit-logs"],
    ),
    (
        "scim",
        "Types of ``/scim`` (a Portkey route; ours, the official SDK lacks it).",
        [
            "ScimWorkspaceListResponse=GET /scim/workspaces",
            "ScimWorkspaceMapping",
            "ScimWorkspaceDeleteResponse=DELETE /scim/workspaces/{scimWorkspaceGroupId}",
        ],
    ),
    (
        "mcp_integrations",
        "Types of ``/mcp-integrations`` (a Portkey route): MCP integrations, their workspaces, "
        "capabilities and metadata.",
        [
            "McpIntegrationCreateResponse",
            "McpIntegrationListResponse",
            "McpIntegrationRetrieveResponse=GET /mcp-integrations/{mcpIntegrationId}",
            "McpIntegrationWorkspacesLegacyResponse",
            "McpIntegrationWorkspacesListResponse",
            "McpIntegrationCapabilitiesResponse="
            "GET /mcp-integrations/{mcpIntegrationId}/capabilities",
            "McpIntegrationCapabilitiesBulkUpdateResponse",
            "McpIntegrationMetadataResponse=GET /mcp-integrations/{mcpIntegrationId}/metadata",
        ],
    ),
    (
        "mcp_servers",
        "Types of ``/mcp-servers`` (a Portkey route): MCP servers, their capabilities, user "
        "access and connections.",
        [
            "McpServerCreateResponse",
            "McpServerListResponse",
            "McpServerRetrieveResponse=GET /mcp-servers/{mcpServerId}",
            "McpServerTestResponse",
            "McpServerCapabilitiesResponse=GET /mcp-servers/{mcpServerId}/capabilities",
            "McpServerCapabilitiesBulkUpdateResponse",
            "McpServerUserAccessResponse=GET /mcp-servers/{mcpServerId}/user-access",
            "McpServerUserAccessBulkUpdateResponse",
            "McpServerConnectionsListResponse",
            "McpServerConnectionDeleteResponse",
        ],
    ),
    (
        "analytics",
        "Types of ``/analytics`` (a Portkey route): graphs, groups and the cache summary.",
        [
            "AnalyticsGraphRequestsResponse=GET /analytics/graphs/requests",
            "AnalyticsGraphCostResponse=GET /analytics/graphs/cost",
            "AnalyticsGraphLatencyResponse=GET /analytics/graphs/latency",
            "AnalyticsGraphTokensResponse=GET /analytics/graphs/tokens",
            "AnalyticsGraphUsersResponse=GET /analytics/graphs/users",
            "AnalyticsGraphUsersRequestsResponse=GET /analytics/graphs/users/requests",
            "AnalyticsGraphErrorsResponse=GET /analytics/graphs/errors",
            "AnalyticsGraphErrorsRateResponse=GET /analytics/graphs/errors/rate",
            "AnalyticsGraphErrorsStacksResponse=GET /analytics/graphs/errors/stacks",
            "AnalyticsGraphErrorsStatusCodesResponse=GET /analytics/graphs/errors/status-codes",
            "AnalyticsGraphRequestsRescuedResponse=GET /analytics/graphs/requests/rescued",
            "AnalyticsGraphCacheHitRateResponse=GET /analytics/graphs/cache/hit-rate",
            "AnalyticsGraphCacheLatencyResponse=GET /analytics/graphs/cache/latency",
            "AnalyticsGraphFeedbacksResponse=GET /analytics/graphs/feedbacks",
            "AnalyticsGraphFeedbacksScoresResponse=GET /analytics/graphs/feedbacks/scores",
            "AnalyticsGraphFeedbacksWeightedResponse=GET /analytics/graphs/feedbacks/weighted",
            "AnalyticsGraphFeedbacksAiModelsResponse=GET /analytics/graphs/feedbacks/ai-models",
            "AnalyticsSummaryCacheResponse=GET /analytics/summary/cache",
            "AnalyticsGroupUsersResponse=GET /analytics/groups/users",
            "AnalyticsGroupAiModelsResponse=GET /analytics/groups/ai-models",
            "AnalyticsGroupMetadataResponse=GET /analytics/groups/metadata/{metadataKey}",
        ],
    ),
    (
        "logs",
        "Types of ``/logs`` (a Portkey route): a log, log exports and their download.",
        [
            "LogObject",
            "LogsExportRetrieveResponse=GET /logs/exports/{exportId}",
            "LogsExportCreateResponse=POST /logs/exports",
            "LogsExportStartResponse=POST /logs/exports/{exportId}/start",
            "LogsExportDownloadResponse=GET /logs/exports/{exportId}/download",
        ],
    ),
    (
        "model_configs",
        "Types of ``/model-configs`` (a Portkey route; ours, the official SDK lacks it).",
        ["ModelPricingConfig"],
    ),
]
