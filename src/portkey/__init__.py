"""portkey: a fast, typed Python SDK for the Portkey AI Gateway and OpenAI-compatible APIs.

from portkey import Portkey

client = Portkey(api_key="...", virtual_key="...")
completion = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "Hello"}]
)
"""

import importlib
from typing import TYPE_CHECKING, List

from ._client import PORTKEY_BASE_URL, AsyncPortkey, Portkey
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AssistantStreamError,
    AuthenticationError,
    BadRequestError,
    BudgetExhaustedError,
    ConfigError,
    ConflictError,
    ContentFilterFinishReasonError,
    GuardrailDeniedError,
    InternalServerError,
    InvalidWebhookSignatureError,
    LengthFinishReasonError,
    NotFoundError,
    PermissionDeniedError,
    PortkeyError,
    RateLimitError,
    RequestTimeoutError,
    StructuredOutputError,
    UnprocessableEntityError,
    WaitTimeoutError,
)
from ._headers import create_headers, createHeaders
from ._response import RawResponse
from ._types import NOT_GIVEN, NotGiven
from ._version import __version__

if TYPE_CHECKING:
    from ._binary import AsyncStreamedResponse, BinaryResponse, StreamedResponse
    from ._config import Cache, Condition, Config, Retry, Strategy, Target
    from ._config import CacheLiteral as CacheLiteral
    from ._config import CacheType as CacheType
    from ._config import LLMOptions as LLMOptions
    from ._config import Modes as Modes
    from ._config import ModesLiteral as ModesLiteral
    from ._config import ProviderTypes as ProviderTypes
    from ._config import ProviderTypesLiteral as ProviderTypesLiteral
    from ._config import RetrySettings as RetrySettings
    from ._generic import GenericResponse
    from ._pagination import AsyncPage, AsyncPaginator, SyncPage
    from ._stream_assistants import AssistantEventHandler as AssistantEventHandler
    from ._stream_assistants import AssistantStreamManager as AssistantStreamManager
    from ._stream_assistants import AsyncAssistantEventHandler as AsyncAssistantEventHandler
    from ._stream_assistants import AsyncAssistantStreamManager as AsyncAssistantStreamManager
    from ._streaming import AsyncStream, Stream
    from ._structured import function_tool, pydantic_function_tool
    from ._ws_responses import RealtimeDependencyError, ResponsesConnectionClosed
    from .resources.chat import AsyncChat as AsyncChatCompletion  # noqa: F401
    from .resources.chat import Chat as ChatCompletion  # noqa: F401
    from .resources.completions import AsyncCompletions as AsyncCompletion  # noqa: F401
    from .resources.completions import Completions as Completion  # noqa: F401
    from .resources.images import AsyncImages, Images  # noqa: F401
    from .resources.models import AsyncModels, Models  # noqa: F401
    from .resources.moderations import AsyncModerations, Moderations  # noqa: F401
    from .resources.prompts import AsyncPrompts, Prompts  # noqa: F401

# The official SDK's constants (the URL of the hosted gateway, for other clients' base_url).
PORTKEY_GATEWAY_URL = PORTKEY_BASE_URL
PORTKEY_API_KEY_ENV = "PORTKEY_API_KEY"
PORTKEY_PROXY_ENV = "PORTKEY_PROXY"
VERSION = __version__

__all__ = [
    "NOT_GIVEN",
    "PORTKEY_API_KEY_ENV",
    "PORTKEY_BASE_URL",
    "PORTKEY_GATEWAY_URL",
    "PORTKEY_PROXY_ENV",
    "VERSION",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AssistantStreamError",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncPortkey",
    "AsyncStream",
    "AsyncStreamedResponse",
    "AuthenticationError",
    "BadRequestError",
    "BinaryResponse",
    "BudgetExhaustedError",
    "Cache",
    "Condition",
    "Config",
    "ConfigError",
    "ConflictError",
    "ContentFilterFinishReasonError",
    "GenericResponse",
    "GuardrailDeniedError",
    "InternalServerError",
    "InvalidWebhookSignatureError",
    "LengthFinishReasonError",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "Portkey",
    "PortkeyError",
    "RateLimitError",
    "RawResponse",
    "RealtimeDependencyError",
    "RequestTimeoutError",
    "ResponsesConnectionClosed",
    "Retry",
    "Strategy",
    "Stream",
    "StreamedResponse",
    "StructuredOutputError",
    "SyncPage",
    "Target",
    "UnprocessableEntityError",
    "WaitTimeoutError",
    "__version__",
    "createHeaders",
    "create_headers",
    "function_tool",
    "pydantic_function_tool",
]

# Loaded on first use, so that `import portkey` stays cheap: name -> (module, attribute).
_LAZY = {
    "Stream": ("._streaming", "Stream"),  # the event-stream parser
    "AsyncStream": ("._streaming", "AsyncStream"),
    "GenericResponse": ("._generic", "GenericResponse"),
    "SyncPage": ("._pagination", "SyncPage"),
    "BinaryResponse": ("._binary", "BinaryResponse"),
    "StreamedResponse": ("._binary", "StreamedResponse"),
    "AsyncStreamedResponse": ("._binary", "AsyncStreamedResponse"),
    "AsyncPage": ("._pagination", "AsyncPage"),
    "AsyncPaginator": ("._pagination", "AsyncPaginator"),
    "function_tool": ("._structured", "function_tool"),  # loads the chat types
    "pydantic_function_tool": ("._structured", "pydantic_function_tool"),
    "RealtimeDependencyError": ("._ws_responses", "RealtimeDependencyError"),
    "ResponsesConnectionClosed": ("._ws_responses", "ResponsesConnectionClosed"),
    # openai-python's names for the assistant stream helpers' handlers (subclass them)
    "AssistantEventHandler": ("._stream_assistants", "AssistantEventHandler"),
    "AsyncAssistantEventHandler": ("._stream_assistants", "AsyncAssistantEventHandler"),
    "AssistantStreamManager": ("._stream_assistants", "AssistantStreamManager"),
    "AsyncAssistantStreamManager": ("._stream_assistants", "AsyncAssistantStreamManager"),
    # gateway configs as typed objects (issue 15): the config package loads on first use
    "Config": ("._config", "Config"),
    "Target": ("._config", "Target"),
    "Strategy": ("._config", "Strategy"),
    "Condition": ("._config", "Condition"),
    "Retry": ("._config", "Retry"),
    "Cache": ("._config", "Cache"),
    # the official SDK's legacy config names (not in __all__), mapped onto those types
    "LLMOptions": ("._config", "LLMOptions"),
    "RetrySettings": ("._config", "RetrySettings"),
    "Modes": ("._config", "Modes"),
    "ModesLiteral": ("._config", "ModesLiteral"),
    "ProviderTypes": ("._config", "ProviderTypes"),
    "ProviderTypesLiteral": ("._config", "ProviderTypesLiteral"),
    "CacheType": ("._config", "CacheType"),
    "CacheLiteral": ("._config", "CacheLiteral"),
}
# The official package's top-level names of resource classes, for code that imports them (not
# in __all__: they are the official's spellings, not ours). ``ChatCompletion`` and
# ``Completion`` are, there as here, the classes of ``client.chat`` and ``client.completions``;
# the response types are ``portkey.types.chat.ChatCompletion`` and so on.
_OFFICIAL_RESOURCES = {
    "ChatCompletion": (".resources.chat", "Chat"),
    "AsyncChatCompletion": (".resources.chat", "AsyncChat"),
    "Completion": (".resources.completions", "Completions"),
    "AsyncCompletion": (".resources.completions", "AsyncCompletions"),
    "Images": (".resources.images", "Images"),
    "AsyncImages": (".resources.images", "AsyncImages"),
    "Models": (".resources.models", "Models"),
    "AsyncModels": (".resources.models", "AsyncModels"),
    "Moderations": (".resources.moderations", "Moderations"),
    "AsyncModerations": (".resources.moderations", "AsyncModerations"),
    "Prompts": (".resources.prompts", "Prompts"),
    "AsyncPrompts": (".resources.prompts", "AsyncPrompts"),
    "Responses": (".resources.responses", "Responses"),
    "AsyncResponses": (".resources.responses", "AsyncResponses"),
    "InputItems": (".resources.responses", "InputItems"),
    "AsyncInputItems": (".resources.responses", "AsyncInputItems"),
    "InputTokens": (".resources.responses", "InputTokens"),
    "AsyncInputTokens": (".resources.responses", "AsyncInputTokens"),
    "Conversations": (".resources.conversations", "Conversations"),
    "AsyncConversations": (".resources.conversations", "AsyncConversations"),
    "ConversationsItems": (".resources.conversations", "Items"),
    "AsyncConversationsItems": (".resources.conversations", "AsyncItems"),
    "MainFiles": (".resources.files", "Files"),
    "AsyncMainFiles": (".resources.files", "AsyncFiles"),
    "Uploads": (".resources.uploads", "Uploads"),
    "AsyncUploads": (".resources.uploads", "AsyncUploads"),
    "Parts": (".resources.uploads", "Parts"),
    "AsyncParts": (".resources.uploads", "AsyncParts"),
    "Batches": (".resources.batches", "Batches"),
    "AsyncBatches": (".resources.batches", "AsyncBatches"),
    "Audio": (".resources.audio", "Audio"),
    "AsyncAudio": (".resources.audio", "AsyncAudio"),
    "Speech": (".resources.audio", "Speech"),
    "AsyncSpeech": (".resources.audio", "AsyncSpeech"),
    "Transcriptions": (".resources.audio", "Transcriptions"),
    "AsyncTranscriptions": (".resources.audio", "AsyncTranscriptions"),
    "Translations": (".resources.audio", "Translations"),
    "AsyncTranslations": (".resources.audio", "AsyncTranslations"),
    "FineTuning": (".resources.fine_tuning", "FineTuning"),
    "AsyncFineTuning": (".resources.fine_tuning", "AsyncFineTuning"),
    "Jobs": (".resources.fine_tuning", "Jobs"),
    "AsyncJobs": (".resources.fine_tuning", "AsyncJobs"),
    "Checkpoints": (".resources.fine_tuning", "Checkpoints"),
    "AsyncCheckpoints": (".resources.fine_tuning", "AsyncCheckpoints"),
    "FineTuningCheckpoints": (".resources.fine_tuning", "FineTuningCheckpoints"),
    "AsyncFineTuningCheckpoints": (".resources.fine_tuning", "AsyncFineTuningCheckpoints"),
    "Permissions": (".resources.fine_tuning", "Permissions"),
    "AsyncPermissions": (".resources.fine_tuning", "AsyncPermissions"),
    "Alpha": (".resources.fine_tuning", "Alpha"),
    "AsyncAlpha": (".resources.fine_tuning", "AsyncAlpha"),
    "Graders": (".resources.fine_tuning", "Graders"),
    "AsyncGraders": (".resources.fine_tuning", "AsyncGraders"),
    "Evals": (".resources.evals", "Evals"),
    "AsyncEvals": (".resources.evals", "AsyncEvals"),
    "EvalsRuns": (".resources.evals", "EvalsRuns"),
    "AsyncEvalsRuns": (".resources.evals", "AsyncEvalsRuns"),
    "OutputItems": (".resources.evals", "OutputItems"),
    "AsyncOutputItems": (".resources.evals", "AsyncOutputItems"),
    "MainRealtime": (".resources.realtime", "Realtime"),
    "AsyncMainRealtime": (".resources.realtime", "AsyncRealtime"),
    "ClientSecrets": (".resources.realtime", "ClientSecrets"),
    "AsyncClientSecrets": (".resources.realtime", "AsyncClientSecrets"),
    "Calls": (".resources.realtime", "Calls"),
    "AsyncCalls": (".resources.realtime", "AsyncCalls"),
    "ChatCompletionsMessages": (".resources.chat", "Messages"),
    "AsyncChatCompletionsMessages": (".resources.chat", "AsyncMessages"),
    "Containers": (".resources.containers", "Containers"),
    "AsyncContainers": (".resources.containers", "AsyncContainers"),
    "ContainersFiles": (".resources.containers", "ContainerFiles"),
    "AsyncContainersFiles": (".resources.containers", "AsyncContainerFiles"),
    "Content": (".resources.containers", "ContainerFileContent"),
    "AsyncContent": (".resources.containers", "AsyncContainerFileContent"),
    "Skills": (".resources.skills", "Skills"),
    "AsyncSkills": (".resources.skills", "AsyncSkills"),
    "SkillsContent": (".resources.skills", "SkillContent"),
    "AsyncSkillsContent": (".resources.skills", "AsyncSkillContent"),
    "SkillsVersions": (".resources.skills", "SkillVersions"),
    "AsyncSkillsVersions": (".resources.skills", "AsyncSkillVersions"),
    "SkillsVersionsContent": (".resources.skills", "SkillVersionContent"),
    "AsyncSkillsVersionsContent": (".resources.skills", "AsyncSkillVersionContent"),
    "Videos": (".resources.videos", "Videos"),
    "AsyncVideos": (".resources.videos", "AsyncVideos"),
    "VectorStores": (".resources.vector_stores", "VectorStores"),
    "AsyncVectorStores": (".resources.vector_stores", "AsyncVectorStores"),
    "VectorFiles": (".resources.vector_stores", "Files"),
    "AsyncVectorFiles": (".resources.vector_stores", "AsyncFiles"),
    "VectorFileBatches": (".resources.vector_stores", "FileBatches"),
    "AsyncVectorFileBatches": (".resources.vector_stores", "AsyncFileBatches"),
    "Assistants": (".resources.beta.assistants", "Assistants"),
    "AsyncAssistants": (".resources.beta.assistants", "AsyncAssistants"),
    "BetaChat": (".resources.beta.chat", "Chat"),
    "AsyncBetaChat": (".resources.beta.chat", "AsyncChat"),
    "BetaCompletions": (".resources.beta.chat", "Completions"),
    "AsyncBetaCompletions": (".resources.beta.chat", "AsyncCompletions"),
    "BetaRealtime": (".resources.beta.realtime", "Realtime"),
    "AsyncBetaRealtime": (".resources.beta.realtime", "AsyncRealtime"),
    "BetaSessions": (".resources.beta.realtime", "Sessions"),
    "AsyncBetaSessions": (".resources.beta.realtime", "AsyncSessions"),
    "BetaTranscriptionSessions": (".resources.beta.realtime", "TranscriptionSessions"),
    "AsyncBetaTranscriptionSessions": (".resources.beta.realtime", "AsyncTranscriptionSessions"),
    "ChatKit": (".resources.beta.chatkit", "ChatKit"),
    "AsyncChatKit": (".resources.beta.chatkit", "AsyncChatKit"),
    "ChatKitSessions": (".resources.beta.chatkit", "Sessions"),
    "AsyncChatKitSessions": (".resources.beta.chatkit", "AsyncSessions"),
    "ChatKitThreads": (".resources.beta.chatkit", "Threads"),
    "AsyncChatKitThreads": (".resources.beta.chatkit", "AsyncThreads"),
    "Messages": (".resources.beta.messages", "Messages"),
    "AsyncMessages": (".resources.beta.messages", "AsyncMessages"),
    "Runs": (".resources.beta.runs", "Runs"),
    "AsyncRuns": (".resources.beta.runs", "AsyncRuns"),
    "Steps": (".resources.beta.steps", "Steps"),
    "AsyncSteps": (".resources.beta.steps", "AsyncSteps"),
    "Threads": (".resources.beta.threads", "Threads"),
    "AsyncThreads": (".resources.beta.threads", "AsyncThreads"),
    "Webhooks": (".resources.webhooks", "Webhooks"),
    "AsyncWebhooks": (".resources.webhooks", "AsyncWebhooks"),
    # Portkey's own APIs (issue 13)
    "Admin": (".resources.admin", "Admin"),
    "AsyncAdmin": (".resources.admin", "AsyncAdmin"),
    "Users": (".resources.admin", "Users"),
    "AsyncUsers": (".resources.admin", "AsyncUsers"),
    "Invites": (".resources.admin", "Invites"),
    "AsyncInvites": (".resources.admin", "AsyncInvites"),
    "Workspaces": (".resources.admin", "Workspaces"),
    "AsyncWorkspaces": (".resources.admin", "AsyncWorkspaces"),
    "WorkspacesUsers": (".resources.admin", "WorkspacesUsers"),
    "AsyncWorkspacesUsers": (".resources.admin", "AsyncWorkspacesUsers"),
    "Analytics": (".resources.analytics", "Analytics"),
    "AsyncAnalytics": (".resources.analytics", "AsyncAnalytics"),
    "AnalyticsGraphs": (".resources.analytics", "AnalyticsGraphs"),
    "AsyncAnalyticsGraphs": (".resources.analytics", "AsyncAnalyticsGraphs"),
    "AnalyticsGroups": (".resources.analytics", "AnalyticsGroups"),
    "AsyncAnalyticsGroups": (".resources.analytics", "AsyncAnalyticsGroups"),
    "AnalyticsSummary": (".resources.analytics", "AnalyticsSummary"),
    "AsyncAnalyticsSummary": (".resources.analytics", "AsyncAnalyticsSummary"),
    "ApiKeys": (".resources.api_keys", "ApiKeys"),
    "AsyncApiKeys": (".resources.api_keys", "AsyncApiKeys"),
    "Collections": (".resources.collections", "Collections"),
    "AsyncCollections": (".resources.collections", "AsyncCollections"),
    "Configs": (".resources.configs", "Configs"),
    "AsyncConfigs": (".resources.configs", "AsyncConfigs"),
    "Guardrails": (".resources.guardrails", "Guardrails"),
    "AsyncGuardrails": (".resources.guardrails", "AsyncGuardrails"),
    "Integrations": (".resources.integrations", "Integrations"),
    "AsyncIntegrations": (".resources.integrations", "AsyncIntegrations"),
    "IntegrationsModels": (".resources.integrations", "IntegrationsModels"),
    "AsyncIntegrationsModels": (".resources.integrations", "AsyncIntegrationsModels"),
    "IntegrationsWorkspaces": (".resources.integrations", "IntegrationsWorkspaces"),
    "AsyncIntegrationsWorkspaces": (".resources.integrations", "AsyncIntegrationsWorkspaces"),
    "Labels": (".resources.labels", "Labels"),
    "AsyncLabels": (".resources.labels", "AsyncLabels"),
    "Logs": (".resources.logs", "Logs"),
    "AsyncLogs": (".resources.logs", "AsyncLogs"),
    "McpIntegrations": (".resources.mcp_integrations", "McpIntegrations"),
    "AsyncMcpIntegrations": (".resources.mcp_integrations", "AsyncMcpIntegrations"),
    "McpIntegrationCapabilities": (".resources.mcp_integrations", "McpIntegrationCapabilities"),
    "AsyncMcpIntegrationCapabilities": (
        ".resources.mcp_integrations",
        "AsyncMcpIntegrationCapabilities",
    ),
    "McpIntegrationMetadata": (".resources.mcp_integrations", "McpIntegrationMetadata"),
    "AsyncMcpIntegrationMetadata": (".resources.mcp_integrations", "AsyncMcpIntegrationMetadata"),
    "McpIntegrationWorkspaces": (".resources.mcp_integrations", "McpIntegrationWorkspaces"),
    "AsyncMcpIntegrationWorkspaces": (
        ".resources.mcp_integrations",
        "AsyncMcpIntegrationWorkspaces",
    ),
    "McpServers": (".resources.mcp_servers", "McpServers"),
    "AsyncMcpServers": (".resources.mcp_servers", "AsyncMcpServers"),
    "McpServerCapabilities": (".resources.mcp_servers", "McpServerCapabilities"),
    "AsyncMcpServerCapabilities": (".resources.mcp_servers", "AsyncMcpServerCapabilities"),
    "McpServerMetadata": (".resources.mcp_servers", "McpServerMetadata"),
    "AsyncMcpServerMetadata": (".resources.mcp_servers", "AsyncMcpServerMetadata"),
    "McpServerUserAccess": (".resources.mcp_servers", "McpServerUserAccess"),
    "AsyncMcpServerUserAccess": (".resources.mcp_servers", "AsyncMcpServerUserAccess"),
    "Providers": (".resources.providers", "Providers"),
    "AsyncProviders": (".resources.providers", "AsyncProviders"),
    "VirtualKeys": (".resources.virtual_keys", "VirtualKeys"),
    "AsyncVirtualKeys": (".resources.virtual_keys", "AsyncVirtualKeys"),
}
_LAZY.update(_OFFICIAL_RESOURCES)


def __getattr__(name: str) -> object:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'portkey' has no attribute {name!r}")
    value = getattr(importlib.import_module(target[0], __name__), target[1])
    globals()[name] = value  # later lookups do not come back here
    return value


def __dir__() -> List[str]:
    return sorted({*globals(), *_LAZY})
