"""The generated Conversations and stored chat completion types, on OpenAI's documented bodies
(tests/fixtures/recorded/19, from the OpenAI spec)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest

from portkey._convert import structure
from portkey.types._support import GenericModel
from portkey.types.chat import ChatCompletion, ChatCompletionMessage
from portkey.types.chat_stored import (
    ChatCompletionContentPartText,
    ChatCompletionDeleted,
    ChatCompletionList,
    ChatCompletionMessageList,
    ChatCompletionStoreMessage,
)
from portkey.types.conversations import (
    Conversation,
    ConversationDeletedResource,
    ConversationItem,
    ConversationItemList,
    Message,
)

RECORDED = Path(__file__).parent / "fixtures" / "recorded"
EXAMPLES: Dict[str, Any] = json.loads(
    (RECORDED / "19_openai_spec_examples_responses_conversations_stored_chat.json").read_text()
)


@pytest.mark.parametrize(
    "key",
    [
        "POST /conversations",
        "GET /conversations/{conversation_id}",
        "POST /conversations/{conversation_id}",
        "DELETE /conversations/{conversation_id}/items/{item_id}",
    ],
)
def test_conversation(key: str) -> None:
    body = EXAMPLES[key]
    conversation = structure(body, Conversation)
    assert conversation.id == body["id"] and conversation.object == "conversation"
    assert conversation.metadata == body["metadata"]
    assert conversation.to_dict() == body


def test_conversation_deleted() -> None:
    body = EXAMPLES["DELETE /conversations/{conversation_id}"]
    deleted = structure(body, ConversationDeletedResource)
    assert deleted.deleted is True and deleted.to_dict() == body


@pytest.mark.parametrize(
    "key",
    ["GET /conversations/{conversation_id}/items", "POST /conversations/{conversation_id}/items"],
)
def test_conversation_items(key: str) -> None:
    body = EXAMPLES[key]
    items = structure(body, ConversationItemList)
    assert len(items.data) == len(body["data"]) > 0
    for item, raw in zip(items.data, body["data"]):
        assert isinstance(item, Message) and item.role == raw["role"]
        assert [p.type for p in item.content] == [p["type"] for p in raw["content"]]
        assert not any(isinstance(p, GenericModel) for p in item.content)
    assert items.has_more is body["has_more"]


def test_conversation_item_union() -> None:
    body = EXAMPLES["GET /conversations/{conversation_id}/items/{item_id}"]
    item = structure(body, ConversationItem)  # type: ignore[arg-type]
    assert isinstance(item, Message)
    assert item.content[0].text == body["content"][0]["text"]
    call = structure(
        {"type": "function_call", "id": "fc_1", "call_id": "c", "name": "f", "arguments": "{}"},
        ConversationItem,  # type: ignore[arg-type]
    )
    assert type(call).__name__ == "ResponseFunctionToolCallItem" and call.call_id == "c"
    unknown = structure({"type": "new_kind", "id": "x"}, ConversationItem)  # type: ignore[arg-type]
    assert isinstance(unknown, GenericModel) and unknown.id == "x"


def test_stored_chat_completion_messages() -> None:
    body = EXAMPLES["GET /chat/completions/{completion_id}/messages"]
    page = structure(body, ChatCompletionMessageList)
    (message,) = page.data
    assert isinstance(message, ChatCompletionStoreMessage)
    assert isinstance(message, ChatCompletionMessage)  # the hand-written chat type, extended
    assert (message.id, message.role, message.content) == (
        body["data"][0]["id"],
        "user",
        "write a haiku about ai",
    )
    assert message.content_parts is None and message.name is None  # name: an unknown field
    assert page.to_dict()["data"][0]["id"] == body["data"][0]["id"]
    parts = structure(
        dict(body["data"][0], content_parts=[{"type": "text", "text": "hi"}]),
        ChatCompletionStoreMessage,
    )
    assert isinstance(parts.content_parts[0], ChatCompletionContentPartText)


def test_stored_chat_completions_list_and_delete() -> None:
    listed = structure(EXAMPLES["GET /chat/completions"], ChatCompletionList)
    assert listed.data and all(isinstance(c, ChatCompletion) for c in listed.data)
    first = EXAMPLES["GET /chat/completions"]["data"][0]
    assert listed.data[0].choices[0].message.content == first["choices"][0]["message"]["content"]
    deleted = structure(EXAMPLES["DELETE /chat/completions/{completion_id}"], ChatCompletionDeleted)
    assert deleted.deleted is True and deleted.object == "chat.completion.deleted"
