"""Parameters of ``beta``: assistants, threads, messages, runs, run steps and ChatKit.

Only the parameters the official wrapper names are declared here; the others it takes as free
keywords (sent over ``extra_body``), so they pass through the same way (``late=``)."""

from typing import Any, Iterable, List, Mapping, Optional, Union

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "ASSISTANT_LATE",
    "RUN_LATE",
    "THREAD_RUN_LATE",
    "AssistantCreateParams",
    "AssistantListParams",
    "AssistantUpdateParams",
    "ChatKitSessionCreateParams",
    "ChatKitThreadItemListParams",
    "ChatKitThreadListParams",
    "MessageCreateParams",
    "MessageListParams",
    "MessageUpdateParams",
    "RealtimeSessionCreateParams",
    "RunCreateAndPollParams",
    "RunCreateParams",
    "RunListParams",
    "RunSubmitToolOutputsParams",
    "RunUpdateParams",
    "StepListParams",
    "StepRetrieveParams",
    "ThreadCreateAndRunParams",
    "ThreadCreateAndRunPollParams",
    "ThreadCreateParams",
    "ThreadUpdateParams",
    "TranscriptionSessionCreateParams",
]

Metadata = Optional[Mapping[str, str]]
Order = Literal["asc", "desc"]


class AssistantCreateParams(RequestOptions, total=False):
    """``POST /assistants`` (``model`` is "portkey-default" unless given, as the official's)."""

    model: str
    description: Optional[str]
    instructions: Optional[str]
    metadata: Metadata
    name: Optional[str]
    reasoning_effort: Optional[str]
    response_format: Any
    temperature: Optional[float]
    tool_resources: Optional[Mapping[str, Any]]
    tools: Iterable[Mapping[str, Any]]
    top_p: Optional[float]


class AssistantUpdateParams(RequestOptions, total=False):
    """``POST /assistants/{assistant_id}``."""

    description: Optional[str]
    instructions: Optional[str]
    metadata: Metadata
    model: str
    name: Optional[str]
    reasoning_effort: Optional[str]
    response_format: Any
    temperature: Optional[float]
    tool_resources: Optional[Mapping[str, Any]]
    tools: Iterable[Mapping[str, Any]]
    top_p: Optional[float]


# Named by openai-python, free keywords of the official wrapper.
ASSISTANT_LATE = ("reasoning_effort",)


class AssistantListParams(RequestOptions, total=False):
    """``GET /assistants``."""

    after: str
    before: str
    limit: int
    order: Order


class ThreadCreateParams(RequestOptions, total=False):
    """``POST /threads``."""

    messages: Iterable[Mapping[str, Any]]
    metadata: Metadata
    tool_resources: Optional[Mapping[str, Any]]


class ThreadUpdateParams(RequestOptions, total=False):
    """``POST /threads/{thread_id}``."""

    metadata: Metadata
    tool_resources: Optional[Mapping[str, Any]]


class ThreadCreateAndRunParams(RequestOptions, total=False):
    """``POST /threads/runs``: a thread and a run on it at once (``assistant_id`` is the
    method's own parameter)."""

    instructions: Optional[str]
    max_completion_tokens: Optional[int]
    max_prompt_tokens: Optional[int]
    metadata: Metadata
    model: Optional[str]
    parallel_tool_calls: bool
    response_format: Any
    temperature: Optional[float]
    thread: Mapping[str, Any]
    tool_choice: Any
    tool_resources: Optional[Mapping[str, Any]]
    tools: Optional[Iterable[Mapping[str, Any]]]
    top_p: Optional[float]
    truncation_strategy: Optional[Mapping[str, Any]]


class ThreadCreateAndRunPollParams(ThreadCreateAndRunParams, total=False):
    """``create_and_run_poll``: ``create_and_run`` then polling every ``poll_interval_ms``."""

    poll_interval_ms: int


# The official wrapper names only assistant_id (and stream) of create_and_run.
THREAD_RUN_LATE = tuple(
    n for n in ThreadCreateAndRunParams.__annotations__ if n not in RequestOptions.__annotations__
)


class MessageCreateParams(RequestOptions, total=False):
    """``POST /threads/{thread_id}/messages``."""

    content: Required[Union[str, Iterable[Mapping[str, Any]]]]
    role: Required[Literal["user", "assistant"]]
    attachments: Optional[Iterable[Mapping[str, Any]]]
    metadata: Metadata


class MessageUpdateParams(RequestOptions, total=False):
    """``POST /threads/{thread_id}/messages/{message_id}``."""

    metadata: Metadata


class MessageListParams(RequestOptions, total=False):
    """``GET /threads/{thread_id}/messages``."""

    after: str
    before: str
    limit: int
    order: Order
    run_id: str


class RunCreateParams(RequestOptions, total=False):
    """``POST /threads/{thread_id}/runs`` (``include`` goes to the query)."""

    assistant_id: Required[str]
    include: List[str]
    additional_instructions: Optional[str]
    additional_messages: Optional[Iterable[Mapping[str, Any]]]
    instructions: Optional[str]
    max_completion_tokens: Optional[int]
    max_prompt_tokens: Optional[int]
    metadata: Metadata
    model: Optional[str]
    parallel_tool_calls: bool
    reasoning_effort: Optional[str]
    response_format: Any
    temperature: Optional[float]
    tool_choice: Any
    tools: Optional[Iterable[Mapping[str, Any]]]
    top_p: Optional[float]
    truncation_strategy: Optional[Mapping[str, Any]]


class RunCreateAndPollParams(RunCreateParams, total=False):
    """``runs.create_and_poll``: ``runs.create`` then polling every ``poll_interval_ms``."""

    poll_interval_ms: int


# The official wrapper names only assistant_id (and stream) of runs.create.
RUN_LATE = tuple(
    n
    for n in RunCreateParams.__annotations__
    if n != "assistant_id" and n not in RequestOptions.__annotations__
)


class RunUpdateParams(RequestOptions, total=False):
    """``POST /threads/{thread_id}/runs/{run_id}``."""

    metadata: Metadata


class RunListParams(RequestOptions, total=False):
    """``GET /threads/{thread_id}/runs``."""

    after: str
    before: str
    limit: int
    order: Order


class RunSubmitToolOutputsParams(RequestOptions, total=False):
    """``POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs``."""

    tool_outputs: Required[Iterable[Mapping[str, Any]]]


class StepRetrieveParams(RequestOptions, total=False):
    """``GET /threads/{thread_id}/runs/{run_id}/steps/{step_id}``."""

    include: List[str]


class StepListParams(RequestOptions, total=False):
    """``GET /threads/{thread_id}/runs/{run_id}/steps``."""

    after: str
    before: str
    include: List[str]
    limit: int
    order: Order


class ChatKitSessionCreateParams(RequestOptions, total=False):
    """``POST /chatkit/sessions``."""

    user: Required[str]
    workflow: Required[Mapping[str, Any]]
    chatkit_configuration: Mapping[str, Any]
    expires_after: Mapping[str, Any]
    rate_limits: Mapping[str, Any]


class ChatKitThreadListParams(RequestOptions, total=False):
    """``GET /chatkit/threads``."""

    after: str
    before: str
    limit: int
    order: Order
    user: str


class ChatKitThreadItemListParams(RequestOptions, total=False):
    """``GET /chatkit/threads/{thread_id}/items``."""

    after: str
    before: str
    limit: int
    order: Order


class RealtimeSessionCreateParams(RequestOptions, total=False):
    """``POST /realtime/sessions`` (``model`` is "portkey-default" unless given)."""

    model: Any
    input_audio_format: Any
    input_audio_transcription: Any
    instructions: str
    max_response_output_tokens: Any
    modalities: List[Any]
    output_audio_format: Any
    temperature: float
    tool_choice: str
    tools: Iterable[Any]
    turn_detection: Any
    voice: Any


class TranscriptionSessionCreateParams(RequestOptions, total=False):
    """``POST /realtime/transcription_sessions``."""

    client_secret: Any
    include: List[Any]
    input_audio_format: Any
    input_audio_noise_reduction: Any
    input_audio_transcription: Any
    modalities: List[Any]
    turn_detection: Any
