"""The same Strands and Google ADK turns run with the official adapters or ours, to compare
what reaches the upstream (``capture_official_agents.py`` records the official's,
``test_strands.py``/``test_adk.py`` run ours and compare).

Each turn: an agent with a system prompt and one tool is asked "Weather in Paris?" through the
gateway; the fake upstream calls the tool, then answers with what the tool said. Importable by
a venv with the official SDK (``portkey_ai``) and by ours; it needs strands-agents and
google-adk, and no pytest.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
from typing import Any, Dict, List

QUESTION = "Weather in Paris?"
SYSTEM = "Be brief."
ROUTE_KEYS = ("provider", "api_key", "custom_host")


def upstream_bodies(upstream_url: str, path: str) -> List[Dict[str, Any]]:
    control = upstream_url.rsplit("/v1", 1)[0]
    with urllib.request.urlopen(control + "/__requests") as answer:
        rows = json.load(answer)["requests"]
    return [row["body"] for row in rows if row["path"] == path]


def reset_upstream(upstream_url: str) -> None:
    control = upstream_url.rsplit("/v1", 1)[0]
    urllib.request.urlopen(urllib.request.Request(control + "/__reset", method="POST")).close()


def route(upstream_url: str) -> Dict[str, Any]:
    """The gateway config that sends a call to the fake upstream."""
    return {"provider": "openai", "api_key": "sk-fake", "custom_host": upstream_url}


def strands_turn(model: Any) -> Dict[str, Any]:
    """An agent's turn with ``model`` (a PortkeyStrands): its answer and the chat bodies."""
    from strands import Agent, tool

    @tool
    def get_weather(city: str) -> str:
        """Get the weather in a city."""
        return f"sunny in {city}"

    agent = Agent(model=model, tools=[get_weather], system_prompt=SYSTEM, callback_handler=None)
    return {"answer": str(agent(QUESTION))}


def adk_turn(model: Any) -> Dict[str, Any]:
    """An agent's turn with ``model`` (a PortkeyAdk): its texts."""
    from google.adk.agents import LlmAgent
    from google.adk.runners import InMemoryRunner
    from google.genai import types

    def get_weather(city: str) -> dict:
        """Get the weather in a city."""
        return {"city": city, "weather": "sunny"}

    agent = LlmAgent(name="w", model=model, instruction=SYSTEM, tools=[get_weather])
    runner = InMemoryRunner(agent=agent, app_name="a")
    message = types.Content(role="user", parts=[types.Part(text=QUESTION)])

    async def run() -> List[str]:
        session = await runner.session_service.create_session(app_name="a", user_id="u")
        texts: List[str] = []
        async for event in runner.run_async(
            user_id="u", session_id=session.id, new_message=message
        ):
            for part in (event.content.parts or []) if event.content else []:
                if part.text:
                    texts.append(part.text)
        return texts

    return {"answer": asyncio.run(run())}


def run_both(strands_model: Any, adk_model: Any, upstream_url: str) -> Dict[str, Any]:
    """Both turns, each with the bodies the upstream received."""
    reset_upstream(upstream_url)
    strands = strands_turn(strands_model)
    strands["bodies"] = upstream_bodies(upstream_url, "/v1/chat/completions")
    reset_upstream(upstream_url)
    adk = adk_turn(adk_model)
    adk["bodies"] = upstream_bodies(upstream_url, "/v1/responses")
    return {"strands": strands, "adk": adk}
