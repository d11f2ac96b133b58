"""LangChain runs whose Portkey logs are compared: the same code runs with the official SDK's
``LangchainCallbackHandler`` (``capture_official_langchain.py``, in the official's venv) and
with ours (``test_langchain_callbacks.py``), and the log bodies must match.

Each scenario takes a callback handler and the Portkey options of a model routed through the
real gateway to the fake upstream, and runs one LangChain workload with the handler. Imports
langchain-core and our ``portkey.llms.langchain`` only (no openai).
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any, Callable, Dict, List

from langchain_core.messages import HumanMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate, PromptTemplate
from langchain_core.runnables import RunnableLambda
from langchain_core.tools import tool

from portkey.llms.langchain import ChatPortkey, PortkeyLLM

Scenario = Callable[[Any, Dict[str, Any]], None]


@tool
def get_weather(city: str) -> str:
    """The weather in a city."""
    return f"sunny in {city}"


def _config(handler: Any) -> Dict[str, Any]:
    return {"callbacks": [handler]}


def _prompt() -> ChatPromptTemplate:
    return ChatPromptTemplate.from_messages(
        [("system", "You are terse."), ("human", "Tell me about {topic}")]
    )


def chain(handler: Any, options: Dict[str, Any]) -> None:
    """prompt | chat model | parser: a chain span, its three children."""
    llm = ChatPortkey(model="gpt-4o-mini", **options)
    (_prompt() | llm | StrOutputParser()).invoke({"topic": "owls"}, config=_config(handler))


def llm_alone(handler: Any, options: Dict[str, Any]) -> None:
    """A chat model called directly: a top-level LLM span."""
    llm = ChatPortkey(model="gpt-4o-mini", temperature=0.2, **options)
    llm.invoke("hello there", config=_config(handler))


def tool_round_trip(handler: Any, options: Dict[str, Any]) -> None:
    """A chain that asks for a tool call, runs the tool and sends its result back."""
    llm = ChatPortkey(model="gpt-4o-mini", **options).bind_tools([get_weather])

    def step(question: str) -> str:
        asked = llm.invoke(question)
        answer = get_weather.invoke(asked.tool_calls[0])
        return str(llm.invoke([HumanMessage(question), asked, answer]).content)

    RunnableLambda(step).invoke("weather in Paris?", config=_config(handler))


def agent_output(handler: Any, options: Dict[str, Any]) -> None:
    """A chain whose output carries an agent's Action / Final Answer lines."""

    def agent(question: str) -> Dict[str, str]:
        text = f"Thought: look it up\nAction: search\nAction Input: {question}\nFinal Answer: 42"
        return {"log": text, "input": question}

    RunnableLambda(agent).invoke("what is six times seven", config=_config(handler))


def fixed_trace(handler: Any, options: Dict[str, Any]) -> None:
    """The handler's metadata (with ``traceId``) on a chain of two runs."""
    llm = ChatPortkey(model="gpt-4o-mini", **options)
    (_prompt() | llm).invoke({"topic": "rivers"}, config=_config(handler))


def text_llm(handler: Any, options: Dict[str, Any]) -> None:
    """PortkeyLLM (a text LLM: prompts without a role) in a chain."""
    llm = PortkeyLLM(model="gpt-4o-mini", endpoint="chat", **options)
    (PromptTemplate.from_template("Say {word}") | llm).invoke(
        {"word": "hi"}, config=_config(handler)
    )


def streamed(handler: Any, options: Dict[str, Any]) -> None:
    """A chain streamed: the LLM span ends with the joined chunks."""
    llm = ChatPortkey(model="gpt-4o-mini", **options)
    for _ in (_prompt() | llm | StrOutputParser()).stream(
        {"topic": "bees"}, config=_config(handler)
    ):
        pass


def async_chain(handler: Any, options: Dict[str, Any]) -> None:
    """A chain run with ainvoke (sync handlers run in LangChain's executor)."""
    llm = ChatPortkey(model="gpt-4o-mini", **options)
    chain = _prompt() | llm | StrOutputParser()
    asyncio.run(chain.ainvoke({"topic": "moths"}, config=_config(handler)))


SCENARIOS: Dict[str, Scenario] = {
    "chain": chain,
    "llm_alone": llm_alone,
    "tool_round_trip": tool_round_trip,
    "agent_output": agent_output,
    "fixed_trace": fixed_trace,
    "text_llm": text_llm,
    "streamed": streamed,
    "async_chain": async_chain,
}

# The handler's metadata per scenario (the rest get {"_user": "tester"}).
METADATA: Dict[str, Dict[str, Any]] = {"fixed_trace": {"traceId": "trace-fixed-1", "env": "t"}}


def handler_metadata(name: str) -> Dict[str, Any]:
    return dict(METADATA.get(name, {"_user": "tester"}))


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
# The fake upstream numbers its answers across the whole session.
_FAKE_IDS = re.compile(r"(chatcmpl-fake-|call_fake_|cmpl-fake-)\d+")


def normalize(bodies: List[Any], urls: Dict[str, str]) -> List[Any]:
    """The log bodies of one scenario with what varies between runs replaced: UUIDs (run and
    trace ids) by ``<id1>``, ``<id2>``... in order of appearance, times by ``<time>``/``<ms>``/
    ``<created>`` (after checking their types), local URLs by their names, memory addresses,
    the fake upstream's sequence numbers in its ids.
    """
    ids: Dict[str, str] = {}

    def named(match: Any) -> str:
        return ids.setdefault(match.group(0), f"<id{len(ids) + 1}>")

    out = []
    for body in bodies:
        assert isinstance(body, list), body
        text = json.dumps(body)
        for name, url in urls.items():
            text = text.replace(url, f"<{name}>")
        text = _FAKE_IDS.sub(lambda m: m.group(1) + "N", _ADDRESS.sub("0xADDR", text))
        spans = json.loads(_UUID.sub(named, text))
        for span in spans:
            assert isinstance(span["start_time"], float)
            span["start_time"] = "<time>"
            response = span.get("response") or {}
            assert re.fullmatch(r"\d{4,}", response.get("response_time", "")), response
            response["response_time"] = "<ms>"
            created = (response.get("body") or {}).get("created")
            if created is not None:
                assert isinstance(created, int)
                response["body"]["created"] = "<created>"
        out.append(spans)
    return out
