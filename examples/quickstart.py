"""The main job: a chat, a stream, an async call and a fallback, through a Portkey gateway.

`nox -s demo` runs this against the open-source gateway and a fake LLM upstream, both started
locally; it sets PORTKEY_BASE_URL (the gateway, which the SDK reads) and PORTKEY_UPSTREAM_URL (where
the gateway sends provider calls). To run it against your own gateway and provider, set both.
"""

from __future__ import annotations

import asyncio
import os

from portkey import AsyncPortkey, Portkey

UPSTREAM = os.environ.get("PORTKEY_UPSTREAM_URL", "https://api.openai.com/v1")
PROVIDER_KEY = os.environ.get("PROVIDER_API_KEY", "sk-demo")
MESSAGES = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "What is the Portkey gateway?"},
]


def chat_and_stream(client: Portkey) -> None:
    completion = client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    usage = completion.usage
    print("1. chat")
    print(f"   answer : {completion.choices[0].message.content}")
    if usage is not None:
        print(f"   tokens : {usage.prompt_tokens} in, {usage.completion_tokens} out")

    print("2. stream (printed as it arrives)")
    print("   answer : ", end="", flush=True)
    with client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES, stream=True) as s:
        for text in s.text_deltas():
            print(text, end="", flush=True)
    print()


async def async_chat() -> None:
    async with AsyncPortkey(
        provider="openai", Authorization=PROVIDER_KEY, custom_host=UPSTREAM
    ) as client:
        completion = await client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "Hello from asyncio"}]
        )
    print("3. async chat")
    print(f"   answer : {completion.choices[0].message.content}")


def fallback(client: Portkey) -> None:
    # The first target is down (the fake upstream answers 503 for this model name); the gateway
    # falls back to the second, an Anthropic target whose answer it translates to OpenAI's shape.
    config = {
        "strategy": {"mode": "fallback"},
        "targets": [
            {
                "provider": "openai",
                "api_key": PROVIDER_KEY,
                "custom_host": UPSTREAM,
                "override_params": {"model": "gpt-4o-mini+fail-503"},
            },
            {
                "provider": "anthropic",
                "api_key": PROVIDER_KEY,
                "custom_host": UPSTREAM,
                "override_params": {"model": "claude-3-5-haiku-latest", "max_tokens": 100},
            },
        ],
    }
    routed = client.with_options(config=config, provider=None, custom_host=None, Authorization=None)
    completion = routed.chat.completions.create(
        messages=[{"role": "user", "content": "Which target answers?"}]
    )
    headers = completion.get_headers()
    print("4. fallback (first target fails with 503)")
    print(f"   answer          : {completion.choices[0].message.content}")
    print(
        f"   answered by     : {headers.get('last-used-option-index')} ({headers.get('provider')})"
    )


def main() -> None:
    with Portkey(provider="openai", Authorization=PROVIDER_KEY, custom_host=UPSTREAM) as client:
        print(f"Gateway: {client.base_url}   upstream: {UPSTREAM}\n")
        chat_and_stream(client)
        asyncio.run(async_chat())
        fallback(client)
    print("\nDone.")


if __name__ == "__main__":
    main()
