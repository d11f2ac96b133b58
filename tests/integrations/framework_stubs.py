"""Stand-ins for CrewAI, LiteLLM and LangGraph: packages with the modules, classes and functions
the instrumentors patch (and ``*.dist-info`` so they count as installed), small enough to write
into a temporary folder. The real frameworks pull in openai (LiteLLM, CrewAI) or much more; the
instrumentors only patch these names, so the stand-ins show what they do to a call.

``scenario()`` is the run that ``capture_official_export.py`` makes with the official SDK and
``test_instrumentation.py`` makes with ours, each in a fresh process with the stand-ins first on
``sys.path``, and ``Portkey(instrumentation=True)`` built before it.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any, Dict

VERSIONS = {"litellm": "1.50.0", "crewai": "0.80.0", "langgraph": "0.2.50"}

FILES = {
    "litellm/__init__.py": """
        from .main import completion, text_completion, acompletion, embedding, aembedding
        from .main import image_generation, aimage_generation
    """,
    "litellm/main.py": """
        import asyncio
        CALLS = []

        def completion(model, messages, **kwargs):
            CALLS.append({"model": model, "kwargs": kwargs})
            return {"model": model, "choices": [{"message": {"content": "stub answer"}}]}

        def text_completion(model, prompt, **kwargs):
            return {"model": model, "choices": [{"text": "stub"}]}

        async def acompletion(model, messages, **kwargs):
            await asyncio.sleep(0.05)
            CALLS.append({"model": model, "kwargs": kwargs})
            return {"model": model, "choices": [{"message": {"content": "async answer"}}]}

        def embedding(model, input, **kwargs):
            return {"data": [[0.1, 0.2]]}

        async def aembedding(model, input, **kwargs):
            return {"data": [[0.1, 0.2]]}

        def image_generation(prompt, **kwargs):
            return {"data": []}

        async def aimage_generation(prompt, **kwargs):
            return {"data": []}
    """,
    "crewai/__init__.py": """
        class LLM:
            def __init__(self, model, api_key):
                self.model = model
                self.api_key = api_key
    """,
    "crewai/crew.py": """
        import asyncio

        class CrewOutput:
            def __init__(self, raw):
                self.raw = raw
                self.token_usage = {"total_tokens": 12}
                self.tasks_output = ["first task done"]

        class Crew:
            def __init__(self, name, llm):
                self.name = name
                self.llm = llm
                self._hidden = "not a member"

            def kickoff(self, inputs=None):
                return CrewOutput("done: " + str(inputs))

            def kickoff_for_each(self, inputs):
                return [self.kickoff(i) for i in inputs]

            async def kickoff_async(self, inputs=None):
                await asyncio.sleep(0.05)
                return CrewOutput("async done")

            async def kickoff_for_each_async(self, inputs):
                return [await self.kickoff_async(i) for i in inputs]
    """,
    "crewai/agent.py": """
        class Agent:
            def __init__(self, role):
                self.role = role

            def execute_task(self, task, context=None):
                if task == "fail":
                    raise RuntimeError("the agent failed")
                return "agent did " + task
    """,
    "crewai/task.py": """
        class Task:
            def __init__(self, description):
                self.description = description

            def execute_sync(self, agent=None):
                return "task output"
    """,
    "crewai/memory/__init__.py": "",
    "crewai/memory/storage/__init__.py": "",
    "crewai/memory/storage/rag_storage.py": """
        class RAGStorage:
            def __init__(self, kind):
                self.kind = kind

            def save(self, value, metadata=None):
                return None

            def search(self, query, limit=3):
                return [{"context": "found"}]

            def reset(self):
                return None
    """,
    "langgraph/__init__.py": "",
    "langgraph/graph/__init__.py": "",
    "langgraph/graph/state.py": """
        class StateGraph:
            def __init__(self, schema):
                self.schema = schema
                self.nodes = {}
                self.edges = []

            def add_node(self, name, action=None):
                self.nodes[name] = str(action)
                return self

            def add_edge(self, start, end):
                self.edges.append([start, end])

            def set_entry_point(self, key):
                return self.add_edge("__start__", key)

            def set_finish_point(self, key):
                return self.add_edge(key, "__end__")

            def add_conditional_edges(self, source, path, path_map=None):
                return self
    """,
}


def write_stubs(root: Path) -> Path:
    """Write the stand-in packages (and their dist-info) under ``root``; returns ``root``."""
    for relative, text in FILES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    for name, version in VERSIONS.items():
        info = root / f"{name}-{version}.dist-info"
        info.mkdir(exist_ok=True)
        info.joinpath("METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
        )
    return root


def scenario() -> Dict[str, Any]:
    """Sync calls of each framework (the official's async spans end before the await, so
    async is compared only among ours). Returns what the stand-ins saw."""
    import crewai
    import crewai.agent
    import crewai.crew
    import crewai.memory.storage.rag_storage as rag
    import crewai.task
    import langgraph.graph.state as state
    import litellm
    import litellm.main

    litellm.completion(
        model="gpt-stub",
        messages=[{"role": "user", "content": "stub question"}],
        api_key="sk-litellm-secret",
        temperature=0.1,
    )
    seen = {"litellm_headers": litellm.main.CALLS[-1]["kwargs"].get("headers")}
    crew = crewai.crew.Crew(name="crew-1", llm=crewai.LLM(model="m", api_key="sk-crew-secret"))
    crew.kickoff(inputs={"topic": "ai"})
    crewai.agent.Agent(role="writer").execute_task("research")
    crewai.task.Task(description="write").execute_sync()
    rag.RAGStorage("short_term").search("what", limit=2)
    graph = state.StateGraph(schema="dict")
    graph.add_node("plan")
    graph.add_edge("plan", "act")
    graph.set_entry_point("plan")
    return seen
