"""The typed extras of a chat completion: a message's ``annotations`` (url_citation) and
``audio``, Portkey's ``content_blocks``, and the ``moderation`` of a moderated completion (on
the completion and on the moderation chunk of a stream: tests/fixtures/recorded/08, a real
OpenAI stream). Stored chat completions reuse them.

The message bodies are shaped as OpenAI's API reference and openai-python describe them (the
spec has no documented example of an audio or a cited answer).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import respx

from portkey import Portkey
from portkey._convert import structure, structure_hook
from portkey.types._support import GenericModel
from portkey.types.chat import (
    Annotation,
    AnnotationURLCitation,
    ChatCompletion,
    ChatCompletionAudio,
    ChatCompletionChunk,
    ChatCompletionMessage,
    ChatCompletionMessageContentPartRedactedThinking,
    ChatCompletionMessageContentPartText,
    ChatCompletionMessageContentPartThinking,
    Moderation,
    ModerationError,
    ModerationInputModerationResults,
    ModerationOutputError,
    ModerationResult,
    ModerationResults,
)
from portkey.types.chat_stored import ChatCompletionStoreMessage

BASE_URL = "https://api.portkey.ai/v1"
RECORDED = Path(__file__).parent / "fixtures" / "recorded"
MODERATED_STREAM = (RECORDED / "08_openai_chat_stream_usage_then_moderation_chunk.sse").read_bytes()


def _stream_data(raw: bytes) -> List[Dict[str, Any]]:
    return [
        json.loads(line[6:])
        for line in raw.decode().splitlines()
        if line.startswith("data: ") and line != "data: [DONE]"
    ]


# The moderation object OpenAI sent on the moderation chunk of the recorded stream.
MODERATION: Dict[str, Any] = _stream_data(MODERATED_STREAM)[-1]["moderation"]

CONTENT = "Portkey is an AI gateway [portkey.ai](https://portkey.ai/)."
START = CONTENT.index("[")


def _completion(message: Dict[str, Any], **top: Any) -> Dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1741569952,
        "model": "gpt-4o-2024-08-06",
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}],
        **top,
    }


CITED = _completion(
    {
        "role": "assistant",
        "content": CONTENT,
        "refusal": None,
        "annotations": [
            {
                "type": "url_citation",
                "url_citation": {
                    "end_index": len(CONTENT) - 1,
                    "start_index": START,
                    "title": "Portkey",
                    "url": "https://portkey.ai/",
                },
            }
        ],
    }
)
AUDIO = _completion(
    {
        "role": "assistant",
        "content": None,
        "refusal": None,
        "audio": {
            "id": "audio_67c0a5f5d9c88190a4a3b1e9a1b2c3d4",
            "data": "UklGRiQAAABXQVZFZm10IBAAAAABAAEAgD4AAAB9AAACABAAZGF0YQAAAAA=",
            "expires_at": 1741573552,
            "transcript": "Hello! How can I help?",
        },
        "annotations": [],
    }
)


def _message(body: Dict[str, Any]) -> ChatCompletionMessage:
    completion = structure(body, ChatCompletion)
    message = completion.choices[0].message
    assert message is not None
    return message


def test_url_citation_annotations_are_typed() -> None:
    completion = structure(CITED, ChatCompletion)
    message = completion.choices[0].message
    assert message is not None and message.annotations is not None
    annotation = message.annotations[0]
    assert type(annotation) is Annotation and annotation.type == "url_citation"
    citation = annotation.url_citation
    assert type(citation) is AnnotationURLCitation
    assert (citation.title, citation.url) == ("Portkey", "https://portkey.ai/")
    assert CONTENT[citation.start_index : citation.end_index] == "[portkey.ai](https://portkey.ai/)"
    assert annotation["url_citation"]["url"] == "https://portkey.ai/"  # dict-style, as before
    assert completion.to_dict()["choices"][0]["message"] == {
        **CITED["choices"][0]["message"],
        "tool_calls": None,
        "function_call": None,
        "audio": None,
    }


def test_audio_is_typed() -> None:
    message = _message(AUDIO)
    audio = message.audio
    assert type(audio) is ChatCompletionAudio
    assert audio.id == "audio_67c0a5f5d9c88190a4a3b1e9a1b2c3d4"
    assert audio.expires_at == 1741573552 and audio.transcript == "Hello! How can I help?"
    assert audio.data == AUDIO["choices"][0]["message"]["audio"]["data"]
    assert audio.get("transcript") == "Hello! How can I help?"
    assert message.annotations == []  # an empty list stays one
    assert message.to_dict()["audio"] == AUDIO["choices"][0]["message"]["audio"]


def test_a_provider_field_of_an_annotation_or_the_audio_is_kept() -> None:
    body = copy.deepcopy(CITED)
    annotation = body["choices"][0]["message"]["annotations"][0]
    annotation["url_citation"]["favicon"] = "https://portkey.ai/favicon.ico"
    annotation["score"] = 0.9
    message = _message(body)
    assert message.annotations is not None
    assert message.annotations[0].score == 0.9
    assert message.annotations[0].url_citation is not None
    assert message.annotations[0].url_citation.favicon == "https://portkey.ai/favicon.ico"
    assert message.to_dict()["annotations"] == [annotation]


def test_moderation_of_a_completion_is_typed() -> None:
    body = _completion({"role": "assistant", "content": "Paris."}, moderation=MODERATION)
    completion = structure(body, ChatCompletion)
    moderation = completion.moderation
    assert type(moderation) is Moderation
    assert completion.moderation is moderation  # structured once, the same object after
    assert type(moderation.input) is ModerationResults is ModerationInputModerationResults
    assert moderation.input.model == "omni-moderation-latest"
    assert moderation.input.results is not None
    result = moderation.input.results[0]
    assert type(result) is ModerationResult
    assert result.flagged is False and result.type == "moderation_result"
    assert result.categories is not None and result.categories["self-harm/intent"] is False
    assert result.category_applied_input_types is not None
    assert result.category_applied_input_types["violence"] == ["text"]
    assert type(moderation.output) is ModerationResults
    assert completion.to_dict()["moderation"] == MODERATION
    assert json.loads(completion.model_dump_json())["moderation"] == MODERATION


def test_moderation_error_and_an_unknown_kind() -> None:
    error = {"type": "error", "code": "moderation_timeout", "message": "took too long"}
    later = {"type": "moderation_verdict", "verdict": "ok"}
    body = _completion(
        {"role": "assistant", "content": "Paris."},
        moderation={"input": later, "output": error},
    )
    completion = structure(body, ChatCompletion)
    assert completion.moderation is not None
    output = completion.moderation.output
    assert type(output) is ModerationError is ModerationOutputError
    assert (output.code, output.message) == ("moderation_timeout", "took too long")
    assert type(completion.moderation.input) is GenericModel
    assert completion.moderation.input.verdict == "ok"
    assert completion.to_dict()["moderation"] == {"input": later, "output": error}


def test_no_moderation_costs_nothing_and_dumps_as_the_official() -> None:
    """``moderation`` is not a declared field: a completion without one has no
    ``moderation: None`` in its dumps (the official's ChatCompletions has no such field)."""
    completion = structure(CITED, ChatCompletion)
    assert completion.moderation is None
    assert "moderation" not in completion.to_dict()
    assert "moderation" not in completion.model_dump()
    assert "moderation" not in ChatCompletion.model_fields


def test_a_moderation_of_another_shape_stays_as_sent() -> None:
    odd = {"input": ["not", "an", "object"]}
    completion = structure(_completion({"content": "x"}, moderation=odd), ChatCompletion)
    assert completion.moderation == odd
    assert completion.to_dict()["moderation"] == odd


def test_content_blocks_are_typed() -> None:
    """Portkey's ``content_blocks`` (strict OpenAI compliance off): the provider's blocks,
    as the gateway passes Anthropic's on (tool_use blocks left out)."""
    blocks = [
        {"type": "thinking", "thinking": "2 + 2 is 4.", "signature": "EqQBCkYIBxgCKkB"},
        {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix"},
        {"type": "text", "text": "It is 4.", "citations": None},
        {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {}},
    ]
    message = _message(
        _completion({"role": "assistant", "content": "It is 4.", "content_blocks": blocks})
    )
    typed = message.content_blocks
    assert typed is not None and message.content_blocks is typed
    thinking, redacted, text, other = typed
    assert type(thinking) is ChatCompletionMessageContentPartThinking
    assert (thinking.thinking, thinking.signature) == ("2 + 2 is 4.", "EqQBCkYIBxgCKkB")
    assert type(redacted) is ChatCompletionMessageContentPartRedactedThinking
    assert redacted.data == "EmwKAhgBEgy3va3pzix"
    assert type(text) is ChatCompletionMessageContentPartText and text.text == "It is 4."
    assert type(other) is GenericModel and other.name == "web_search"
    assert message.to_dict()["content_blocks"] == blocks
    assert "content_blocks" not in _message(CITED).to_dict()


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router


def test_moderation_chunk_of_a_recorded_stream(mock: respx.MockRouter) -> None:
    mock.post("/chat/completions").respond(
        200, content=MODERATED_STREAM, headers={"content-type": "text/event-stream"}
    )
    with Portkey(api_key="pk") as client:
        chunks = list(
            client.chat.completions.create(
                model="gpt-5",
                messages=[{"role": "user", "content": "What is the capital of France?"}],
                stream=True,
            )
        )
    assert all(type(c) is ChatCompletionChunk for c in chunks)
    *others, usage_chunk, moderation_chunk = chunks
    assert all(c.moderation is None for c in [*others, usage_chunk])
    assert moderation_chunk.choices == [] and usage_chunk.usage is not None
    moderation = moderation_chunk.moderation
    assert type(moderation) is Moderation and type(moderation.output) is ModerationResults
    assert moderation.output.results is not None
    assert moderation.output.results[0].category_scores is not None
    assert moderation.output.results[0].category_scores["violence"] == pytest.approx(0.000518, 1e-2)
    assert moderation_chunk.to_dict()["moderation"] == MODERATION


def test_a_chunk_hook_in_both_tiers_keeps_the_moderation_untouched_until_read() -> None:
    """The chunk's structuring function (the generic loop first, its compiled code from the
    4th call) does not structure ``moderation``: the first read does."""
    hook = structure_hook(ChatCompletionChunk)
    last = _stream_data(MODERATED_STREAM)[-1]
    for _ in range(6):
        chunk = hook(last, None)
        assert chunk.extra_fields["moderation"] is last["moderation"]
        assert type(chunk.moderation) is Moderation


def test_stored_chat_completions_reuse_the_types(mock: respx.MockRouter) -> None:
    mock.get("/chat/completions/chatcmpl-1").respond(200, json={**AUDIO, "moderation": MODERATION})
    stored_message = {**CITED["choices"][0]["message"], "id": "chatcmpl-1-0"}
    mock.get("/chat/completions/chatcmpl-1/messages").respond(
        200,
        json={
            "object": "list",
            "data": [stored_message],
            "first_id": "chatcmpl-1-0",
            "last_id": "chatcmpl-1-0",
            "has_more": False,
        },
    )
    with Portkey(api_key="pk") as client:
        retrieved = client.chat.completions.retrieve("chatcmpl-1")
        messages = client.chat.completions.messages.list("chatcmpl-1")
    message = retrieved.choices[0].message
    assert message is not None and type(message.audio) is ChatCompletionAudio
    assert type(retrieved.moderation) is Moderation
    stored = messages.data[0]
    assert type(stored) is ChatCompletionStoreMessage and stored.id == "chatcmpl-1-0"
    assert stored.annotations is not None and type(stored.annotations[0]) is Annotation
