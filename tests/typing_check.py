"""Checked by mypy (``tests/test_streaming.py::test_create_overloads_are_typed``), never run.

``assert_type`` fails the type check when the inferred type differs.
"""

from __future__ import annotations

from typing import AsyncIterator, Iterator

from typing_extensions import assert_type

from portkey import AsyncPortkey, Portkey
from portkey._pagination import AsyncPage, AsyncPaginator, SyncPage
from portkey._streaming import AsyncStream, Stream
from portkey.types.chat import ChatCompletion, ChatCompletionChunk
from portkey.types.chat_stored import ChatCompletionDeleted, ChatCompletionStoreMessage
from portkey.types.completions import Completion
from portkey.types.conversations import Conversation, ConversationItem
from portkey.types.feedback import FeedbackResponse
from portkey.types.images import ImagesResponse
from portkey.types.models import Model, ModelDeleted
from portkey.types.moderations import ModerationCreateResponse
from portkey.types.prompts import PromptCompletion, PromptCompletionChunk, PromptRender
from portkey.types.responses import (
    InputTokenCountResponse,
    Response,
    ResponseItem,
    ResponseStreamEvent,
)

MESSAGES = [{"role": "user", "content": "hi"}]


def sync_calls(client: Portkey, flag: bool) -> None:
    completion = client.chat.completions.create(messages=MESSAGES, model="m")
    assert_type(completion, ChatCompletion)
    completion = client.chat.completions.create(messages=MESSAGES, model="m", stream=False)
    assert_type(completion, ChatCompletion)

    stream = client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
    assert_type(stream, Stream[ChatCompletionChunk])
    with stream as entered:
        assert_type(entered, Stream[ChatCompletionChunk])
        for chunk in entered:
            assert_type(chunk, ChatCompletionChunk)
    assert_type(stream.text_deltas(), Iterator[str])
    assert_type(stream.get_final_completion(), ChatCompletion)

    either = client.chat.completions.create(messages=MESSAGES, model="m", stream=flag)
    assert_type(either, "ChatCompletion | Stream[ChatCompletionChunk]")


async def async_calls(client: AsyncPortkey, flag: bool) -> None:
    completion = await client.chat.completions.create(messages=MESSAGES, model="m")
    assert_type(completion, ChatCompletion)
    completion = await client.chat.completions.create(messages=MESSAGES, model="m", stream=False)
    assert_type(completion, ChatCompletion)

    stream = await client.chat.completions.create(messages=MESSAGES, model="m", stream=True)
    assert_type(stream, AsyncStream[ChatCompletionChunk])
    async with stream as entered:
        assert_type(entered, AsyncStream[ChatCompletionChunk])
        async for chunk in entered:
            assert_type(chunk, ChatCompletionChunk)
    assert_type(stream.text_deltas(), AsyncIterator[str])
    assert_type(await stream.get_final_completion(), ChatCompletion)

    either = await client.chat.completions.create(messages=MESSAGES, model="m", stream=flag)
    assert_type(either, "ChatCompletion | AsyncStream[ChatCompletionChunk]")


def sync_text_completions(client: Portkey, flag: bool) -> None:
    completion = client.completions.create(model="m", prompt="hi")
    assert_type(completion, Completion)
    text_stream = client.completions.create(model="m", prompt="hi", stream=True)
    assert_type(text_stream, Stream[Completion])
    assert_type(text_stream.get_final_completion(), Completion)
    either = client.completions.create(model="m", prompt="hi", stream=flag)
    assert_type(either, "Completion | Stream[Completion]")


async def async_text_completions(client: AsyncPortkey, flag: bool) -> None:
    completion = await client.completions.create(model="m", prompt="hi")
    assert_type(completion, Completion)
    text_stream = await client.completions.create(model="m", prompt="hi", stream=True)
    assert_type(text_stream, AsyncStream[Completion])
    assert_type(await text_stream.get_final_completion(), Completion)
    either = await client.completions.create(model="m", prompt="hi", stream=flag)
    assert_type(either, "Completion | AsyncStream[Completion]")


def sync_prompts(client: Portkey, flag: bool) -> None:
    completion = client.prompts.completions.create(prompt_id="p", variables={"a": 1})
    assert_type(completion, PromptCompletion)
    chunks = client.prompts.completions.create(prompt_id="p", stream=True)
    assert_type(chunks, Stream[PromptCompletionChunk])
    assert_type(chunks.get_final_completion(), ChatCompletion)
    either = client.prompts.completions.create(prompt_id="p", stream=flag)
    assert_type(either, "PromptCompletion | Stream[PromptCompletionChunk]")
    assert_type(client.prompts.render(prompt_id="p", variables={}), PromptRender)
    assert_type(client.feedback.create(trace_id="t", value=1), FeedbackResponse)


async def async_prompts(client: AsyncPortkey, flag: bool) -> None:
    completion = await client.prompts.completions.create(prompt_id="p", variables={"a": 1})
    assert_type(completion, PromptCompletion)
    chunks = await client.prompts.completions.create(prompt_id="p", stream=True)
    assert_type(chunks, AsyncStream[PromptCompletionChunk])
    either = await client.prompts.completions.create(prompt_id="p", stream=flag)
    assert_type(either, "PromptCompletion | AsyncStream[PromptCompletionChunk]")
    assert_type(await client.prompts.render(prompt_id="p", variables={}), PromptRender)
    assert_type(await client.feedback.update(feedback_id="f", value=1), FeedbackResponse)


def sync_models_moderations_images(client: Portkey) -> None:
    assert_type(client.models.list(), SyncPage[Model])
    assert_type(client.models.retrieve("gpt-4o-mini"), Model)
    assert_type(client.models.delete("ft:x"), ModelDeleted)
    assert_type(client.moderations.create(input="x"), ModerationCreateResponse)
    assert_type(client.images.generate(prompt="a cat", n=1), ImagesResponse)


async def async_models_moderations_images(client: AsyncPortkey) -> None:
    assert_type(await client.models.list(), AsyncPage[Model])
    assert_type(await client.models.retrieve("gpt-4o-mini"), Model)
    assert_type(await client.models.delete("ft:x"), ModelDeleted)
    assert_type(await client.moderations.create(input=["x"], model="m"), ModerationCreateResponse)
    assert_type(await client.images.generate(prompt="a cat"), ImagesResponse)


def sync_responses_conversations_stored(client: Portkey, flag: bool) -> None:
    response = client.responses.create(model="m", input="hi", temperature=0.2, text={})
    assert_type(response, Response)
    assert_type(response.output_text, str)
    events = client.responses.create(model="m", input="hi", stream=True)
    assert_type(events, Stream[ResponseStreamEvent])
    assert_type(events.get_final_response(), Response)
    either = client.responses.create(model="m", input="hi", stream=flag)
    assert_type(either, "Response | Stream[ResponseStreamEvent]")
    assert_type(client.responses.retrieve("r", include=["a"]), Response)
    assert_type(client.responses.retrieve("r", stream=True), Stream[ResponseStreamEvent])
    assert_type(client.responses.delete("r"), None)
    for item in client.responses.input_items.list("r", limit=2):
        assert_type(item, ResponseItem)
    assert_type(client.responses.input_tokens.count(input="x"), InputTokenCountResponse)
    assert_type(client.conversations.create(metadata={"a": "b"}), Conversation)
    assert_type(client.conversations.items.list("c"), SyncPage[ConversationItem])
    assert_type(client.chat.completions.list(model="m"), SyncPage[ChatCompletion])
    assert_type(client.chat.completions.retrieve("c"), ChatCompletion)
    assert_type(client.chat.completions.delete("c"), ChatCompletionDeleted)
    messages = client.chat.completions.messages.list("c")
    assert_type(messages, SyncPage[ChatCompletionStoreMessage])


async def async_responses_conversations_stored(client: AsyncPortkey) -> None:
    response = await client.responses.create(model="m", input=[{"role": "user", "content": "x"}])
    assert_type(response, Response)
    events = await client.responses.create(model="m", input="hi", stream=True)
    assert_type(events, AsyncStream[ResponseStreamEvent])
    assert_type(await events.get_final_response(), Response)
    pages = client.responses.input_items.list("r")
    assert_type(pages, AsyncPaginator[ResponseItem])
    assert_type(await pages, AsyncPage[ResponseItem])
    async for item in pages:
        assert_type(item, ResponseItem)
    assert_type(await client.conversations.retrieve("c"), Conversation)
    assert_type(await client.chat.completions.list(), AsyncPage[ChatCompletion])
