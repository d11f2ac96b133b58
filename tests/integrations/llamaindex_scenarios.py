"""LlamaIndex runs whose Portkey logs are compared: the same code runs with the official SDK's
``LlamaIndexCallbackHandler`` (``capture_official_llamaindex.py``, in the official's venv) and
with ours (``test_llamaindex_callbacks.py``), and the log bodies must match.

Each scenario takes a callback handler and the Portkey options of a model routed through the
real gateway to the fake upstream, and runs one LlamaIndex workload with the handler. The LLM
is our ``PortkeyLLM`` (the official's cannot be imported with llama-index-core 0.12+), the
embeddings a deterministic ``KeywordEmbedding``. Imports llama-index-core and ours only.
"""

from __future__ import annotations

import asyncio
import json
import re
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence

from llama_index.core import Document, Settings, VectorStoreIndex
from llama_index.core.base.response.schema import Response
from llama_index.core.callbacks import CallbackManager, CBEventType, EventPayload
from llama_index.core.chat_engine.types import AgentChatResponse
from llama_index.core.embeddings import BaseEmbedding
from llama_index.core.llms import ChatMessage
from llama_index.core.query_engine import SubQuestionQueryEngine
from llama_index.core.question_gen.types import BaseQuestionGenerator, SubQuestion
from llama_index.core.tools import FunctionTool, QueryEngineTool, ToolMetadata, ToolOutput

from portkey.llms.llama_index import PortkeyLLM

Scenario = Callable[[Any, Dict[str, Any]], None]
MODEL = "gpt-4o-mini"


def get_weather(city: str) -> str:
    """The weather in a city."""
    return f"sunny in {city}"


def _llm(handler: Any, options: Dict[str, Any], **fields: Any) -> PortkeyLLM:
    return PortkeyLLM(model=MODEL, callback_manager=CallbackManager([handler]), **fields, **options)


# Documents as SimpleDirectoryReader makes them (the official summarizes query and retrieve
# results only when their nodes have these file metadata).
FILE_DOCS = [
    Document(
        text="Owls hunt at night. They fly without a sound.",
        id_="doc-owls",
        metadata={
            "file_path": "/data/owls.txt",
            "file_name": "owls.txt",
            "file_type": "text/plain",
            "file_size": 45,
            "creation_date": "2024-05-01",
            "last_modified_date": "2024-05-02",
        },
    ),
    Document(
        text="Bees make honey. They dance to show the way.",
        id_="doc-bees",
        metadata={
            "file_path": "/data/bees.txt",
            "file_name": "bees.txt",
            "file_type": "text/plain",
            "file_size": 44,
            "creation_date": "2024-05-03",
            "last_modified_date": "2024-05-04",
        },
    ),
]
PLAIN_DOCS = [Document(text="Rivers run to the sea.", id_="doc-rivers")]


class KeywordEmbedding(BaseEmbedding):
    """Deterministic embeddings (a count of a few words), so that retrieval scores differ
    (MockEmbedding's equal scores leave the order to the nodes' random ids)."""

    @classmethod
    def class_name(cls) -> str:
        return "KeywordEmbedding"

    def _vector(self, text: str) -> List[float]:
        text = text.lower()
        return [0.1 + text.count(word) for word in ("owl", "bee", "river", "night")]

    def _get_query_embedding(self, query: str) -> List[float]:
        return self._vector(query)

    def _get_text_embedding(self, text: str) -> List[float]:
        return self._vector(text)

    async def _aget_query_embedding(self, query: str) -> List[float]:
        return self._vector(query)


def _index(handler: Any, docs: Sequence[Document]) -> VectorStoreIndex:
    manager = CallbackManager([handler])
    embed = KeywordEmbedding(model_name="keywords", callback_manager=manager)
    return VectorStoreIndex.from_documents(list(docs), embed_model=embed, callback_manager=manager)


@contextmanager
def _settings(handler: Any) -> Iterator[CallbackManager]:
    """The handler in ``Settings.callback_manager`` (as Portkey's docs set it up) for one
    scenario: query engines and synthesizers take their callbacks from there."""
    previous = Settings._callback_manager
    Settings.callback_manager = CallbackManager([handler])
    try:
        yield Settings.callback_manager
    finally:
        Settings._callback_manager = previous


def _engine(index: VectorStoreIndex, llm: PortkeyLLM, top_k: int) -> Any:
    return index.as_query_engine(llm=llm, similarity_top_k=top_k)


def chat(handler: Any, options: Dict[str, Any]) -> None:
    """A chat call: one LLM span."""
    llm = _llm(handler, options, temperature=0.2)
    llm.chat([ChatMessage(role="system", content="Be terse."), ChatMessage(content="hello")])


def complete(handler: Any, options: Dict[str, Any]) -> None:
    """complete(): an LLM span with a prompt (the official's handler fails on its end)."""
    _llm(handler, options).complete("say hi")


def tool_round_trip(handler: Any, options: Dict[str, Any]) -> None:
    """A tool call asked for, run, and its result sent back: two traces."""
    llm = _llm(handler, options)
    tool = FunctionTool.from_defaults(get_weather)
    asked = llm.chat_with_tools([tool], user_msg="weather in Paris?")
    (call,) = llm.get_tool_calls_from_response(asked)
    result = ChatMessage(
        role="tool",
        content=tool(**call.tool_kwargs).content,
        additional_kwargs={"tool_call_id": call.tool_id},
    )
    llm.chat([ChatMessage(content="weather in Paris?"), asked.message, result])


def stream_then_chat(handler: Any, options: Dict[str, Any]) -> None:
    """A stream read after ``stream_chat`` returned, then a chat."""
    llm = _llm(handler, options)
    for _ in llm.stream_chat([ChatMessage(content="count to three")]):
        pass
    llm.chat([ChatMessage(content="and again")])


def async_chat(handler: Any, options: Dict[str, Any]) -> None:
    """achat (the async callback path)."""
    llm = _llm(handler, options)
    asyncio.run(llm.achat([ChatMessage(content="async hello")]))


def query(handler: Any, options: Dict[str, Any]) -> None:
    """An index built (embeddings) and queried (query, retrieve, embedding, templating, LLM),
    over documents with file metadata."""
    with _settings(handler):
        index = _index(handler, FILE_DOCS)
        _engine(index, _llm(handler, options), 2).query("What do owls do?")


def query_plain(handler: Any, options: Dict[str, Any]) -> None:
    """A query over documents without file metadata (the official logs the raw payloads)."""
    with _settings(handler):
        index = _index(handler, PLAIN_DOCS)
        _engine(index, _llm(handler, options), 1).query("Where do rivers go?")


def fixed_trace(handler: Any, options: Dict[str, Any]) -> None:
    """The handler's metadata with ``traceId``: every span carries it."""
    with _settings(handler):
        index = _index(handler, PLAIN_DOCS)
        _engine(index, _llm(handler, options), 1).query("Rivers?")


class _FixedQuestions(BaseQuestionGenerator):
    """Sub-questions without asking a model (the fake upstream cannot pick a tool's name)."""

    def _get_prompts(self) -> Dict[str, Any]:
        return {}

    def _update_prompts(self, prompts: Any) -> None:
        pass

    def generate(self, tools: Sequence[ToolMetadata], query: Any) -> List[SubQuestion]:
        return [SubQuestion(sub_question="What do bees make?", tool_name="insects")]

    async def agenerate(self, tools: Sequence[ToolMetadata], query: Any) -> List[SubQuestion]:
        return self.generate(tools, query)


def sub_question(handler: Any, options: Dict[str, Any]) -> None:
    """A SubQuestionQueryEngine: a sub-question span around its query."""
    with _settings(handler):
        index = _index(handler, FILE_DOCS)
        llm = _llm(handler, options)
        tool = QueryEngineTool(
            query_engine=_engine(index, llm, 1),
            metadata=ToolMetadata(name="insects", description="About insects."),
        )
        engine = SubQuestionQueryEngine.from_defaults(
            query_engine_tools=[tool],
            llm=llm,
            question_gen=_FixedQuestions(),
            use_async=False,
            verbose=False,
        )
        engine.query("Tell me about bees")


def agent_events(handler: Any, options: Dict[str, Any]) -> None:
    """Function call and agent step events, as llama-index's legacy agents sent them (current
    llama-index-core no longer does, other packages may)."""
    manager = CallbackManager([handler])
    tool = FunctionTool.from_defaults(get_weather)
    with manager.as_trace("agent"):
        with manager.event(
            CBEventType.AGENT_STEP, payload={EventPayload.MESSAGES: ["Paris?"]}
        ) as step:
            with manager.event(
                CBEventType.FUNCTION_CALL,
                payload={
                    EventPayload.FUNCTION_CALL: json.dumps({"city": "Paris"}),
                    EventPayload.TOOL: tool.metadata,
                },
            ) as call:
                output = tool(city="Paris")
                call.on_end(payload={EventPayload.FUNCTION_OUTPUT: str(output)})
            answer = AgentChatResponse(response="sunny in Paris", sources=[output])
            step.on_end(payload={EventPayload.RESPONSE: answer})


def agent_step_with_sources(handler: Any, options: Dict[str, Any]) -> None:
    """An agent step whose answer cites a query engine's output (the official summarizes it)."""
    index = _index(handler, FILE_DOCS)
    nodes = index.as_retriever(similarity_top_k=1).retrieve("owls")
    manager = CallbackManager([handler])
    answer = Response(response="Owls hunt at night.", source_nodes=nodes)
    output = ToolOutput(
        content="Owls hunt at night.",
        tool_name="animals",
        raw_input={"input": "owls"},
        raw_output=answer,
    )
    with manager.as_trace("agent"):
        with manager.event(
            CBEventType.AGENT_STEP, payload={EventPayload.MESSAGES: ["owls?"]}
        ) as step:
            step.on_end(
                payload={
                    EventPayload.RESPONSE: AgentChatResponse(response="At night.", sources=[output])
                }
            )


SCENARIOS: Dict[str, Scenario] = {
    "chat": chat,
    "complete": complete,
    "tool_round_trip": tool_round_trip,
    "stream_then_chat": stream_then_chat,
    "async_chat": async_chat,
    "query": query,
    "query_plain": query_plain,
    "fixed_trace": fixed_trace,
    "sub_question": sub_question,
    "agent_events": agent_events,
    "agent_step_with_sources": agent_step_with_sources,
}

# The handler's metadata per scenario (the rest get {"_user": "tester"}).
METADATA: Dict[str, Dict[str, Any]] = {"fixed_trace": {"traceId": "trace-fixed-1", "env": "t"}}


def handler_metadata(name: str) -> Dict[str, Any]:
    return dict(METADATA.get(name, {"_user": "tester"}))


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
# The fake upstream numbers its answers across the whole session.
_FAKE_IDS = re.compile(r"(chatcmpl-fake-|call_fake_|cmpl-fake-)\d+")


def normalize(bodies: List[Any], urls: Dict[str, str]) -> Dict[str, Any]:
    """The log bodies of one scenario with what varies between runs replaced.

    Returns ``{"posts": [number of spans of each POST], "trace_ids": [each span's, a UUID as
    ``<traceN>``], "spans": [every span, in the order sent]}``. Span ids become ``<spanN>``
    (N: the span's position), a parent that is no logged span ``<outside>``, other UUIDs
    ``<idN>`` in order of appearance; times ``<time>``/``<ms>``/``<created>`` (after checking
    their types); local URLs their names, memory addresses and the fake upstream's sequence
    numbers.
    """
    spans = [span for body in bodies for span in body]
    assert all(isinstance(body, list) for body in bodies), bodies
    names = {span["span_id"]: f"<span{i}>" for i, span in enumerate(spans)}
    traces: Dict[str, str] = {}
    trace_ids = [
        traces.setdefault(t, f"<trace{len(traces) + 1}>") if _UUID.fullmatch(t) else t
        for t in (span["trace_id"] for span in spans)
    ]
    out = []
    for span in spans:
        span = dict(span)
        span["trace_id"] = "<trace>"
        parent = span["parent_span_id"]
        span["parent_span_id"] = names.get(parent, "<outside>") if parent else ""
        out.append(span)
    text = json.dumps(out)
    for name, url in urls.items():
        text = text.replace(url, f"<{name}>")
    for span_id, name in names.items():
        text = text.replace(span_id, name)
    ids: Dict[str, str] = {}

    def named(match: Any) -> str:
        return ids.setdefault(match.group(0), f"<id{len(ids) + 1}>")

    text = _FAKE_IDS.sub(lambda m: m.group(1) + "N", _ADDRESS.sub("0xADDR", text))
    result = json.loads(_UUID.sub(named, text))
    for span in result:
        assert isinstance(span["start_time"], float)
        span["start_time"] = "<time>"
        response = span.get("response") or {}
        _times(response)
        _times(response.get("body") or {})
    return {"posts": [len(body) for body in bodies], "trace_ids": trace_ids, "spans": result}


def _times(part: Dict[str, Any]) -> None:
    if "response_time" in part:
        assert re.fullmatch(r"\d{4,}", part["response_time"]), part
        part["response_time"] = "<ms>"
    if "created" in part:
        assert isinstance(part["created"], int)
        part["created"] = "<created>"


def error_of(scenario: Scenario, handler: Any, options: Dict[str, Any]) -> Optional[str]:
    """Run a scenario; the name of the exception it raised, if any."""
    try:
        scenario(handler, options)
    except Exception as exc:
        return type(exc).__name__
    return None
