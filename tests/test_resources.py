"""Text completions, feedback and prompts through respx: typed parsing (unknown fields kept),
streaming, typed errors and per-call options, sync and async.

The wire format itself (what each call sends) is compared with the official SDK's requests in
``tests/test_wire.py``; here the answers are the subject.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterator, List

import httpx
import pytest
import respx

from portkey import (
    APIConnectionError,
    AsyncPortkey,
    AsyncStream,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    Portkey,
    RateLimitError,
    Stream,
)
from portkey.types.completions import Completion, CompletionChoice, Logprobs
from portkey.types.feedback import FeedbackResponse
from portkey.types.prompts import (
    ChatCompletionNamedToolChoice,
    PromptCompletion,
    PromptCompletionChoice,
    PromptCompletionChunk,
    PromptRender,
    PromptRenderData,
    ResponseFormatJSONObject,
)

BASE_URL = "https://api.portkey.ai/v1"
HEADERS = {"content-type": "application/json", "x-portkey-trace-id": "tr-1"}
SSE_HEADERS = {"content-type": "text/event-stream", "x-portkey-trace-id": "tr-1"}

# A text completion with logprobs, as OpenAI's API reference documents it, plus a field a
# provider adds (kept, not dropped).
TEXT_COMPLETION: Dict[str, Any] = {
    "id": "cmpl-uqkvlQyYK7bGYrRHQ0eXlWi7",
    "object": "text_completion",
    "created": 1589478378,
    "model": "gpt-3.5-turbo-instruct",
    "system_fingerprint": "fp_44709d6fcb",
    "choices": [
        {
            "text": "\n\nThis is indeed a test",
            "index": 0,
            "logprobs": {
                "tokens": ["\n\n", "This"],
                "token_logprobs": [-0.1, None],
                "top_logprobs": [{"\n\n": -0.1}, None],
                "text_offset": [0, 2],
            },
            "finish_reason": "length",
            "provider_choice_note": "kept",
        }
    ],
    "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12},
    "provider": "openai",
}


def _sse(*events: Any, done: bool = True) -> bytes:
    out = "".join(f"data: {json.dumps(e)}\n\n" for e in events)
    return (out + ("data: [DONE]\n\n" if done else "")).encode()


def _text_piece(text: str, finish: Any = None) -> Dict[str, Any]:
    return {
        "id": "cmpl-1",
        "object": "text_completion",
        "created": 1700000000,
        "model": "gpt-3.5-turbo-instruct",
        "choices": [{"index": 0, "text": text, "logprobs": None, "finish_reason": finish}],
    }


TEXT_STREAM = _sse(_text_piece("Hel"), _text_piece("lo"), _text_piece("", "stop"))


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router


@pytest.fixture
def client() -> Iterator[Portkey]:
    with Portkey(api_key="pk", virtual_key="vk") as c:
        yield c


def _body(route: respx.Route, i: int = -1) -> Any:
    return json.loads(route.calls[i].request.content)


# ---------------------------------------------------------------------------------------------
# Text completions
# ---------------------------------------------------------------------------------------------


def _check_completion(completion: Completion) -> None:
    assert isinstance(completion, Completion)
    choice = completion.choices[0]
    assert isinstance(choice, CompletionChoice)
    assert choice.text == "\n\nThis is indeed a test"
    assert choice.finish_reason == "length"
    assert isinstance(choice.logprobs, Logprobs)
    assert choice.logprobs.token_logprobs == [-0.1, None]
    assert choice.logprobs.top_logprobs == [{"\n\n": -0.1}, None]
    assert completion.usage is not None and completion.usage.total_tokens == 12
    assert completion.system_fingerprint == "fp_44709d6fcb"
    # unknown fields are kept, at every level
    assert completion.provider == "openai"
    assert choice.provider_choice_note == "kept"
    assert completion.to_dict()["provider"] == "openai"
    assert completion.get_headers() == {"trace-id": "tr-1"}


def test_completion_parsed(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/completions").respond(200, json=TEXT_COMPLETION, headers=HEADERS)
    completion = client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt="Say this is a test", max_tokens=7, logprobs=1
    )
    _check_completion(completion)
    assert _body(route) == {
        "model": "gpt-3.5-turbo-instruct",
        "prompt": "Say this is a test",
        "max_tokens": 7,
        "logprobs": 1,
    }


@pytest.mark.anyio
async def test_completion_parsed_async(mock: respx.MockRouter) -> None:
    mock.post("/completions").respond(200, json=TEXT_COMPLETION, headers=HEADERS)
    async with AsyncPortkey(api_key="pk") as client:
        completion = await client.completions.create(model="m", prompt="x")
    _check_completion(completion)


def test_completion_defaults_and_prompt_forms(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/completions").respond(200, json=TEXT_COMPLETION)
    client.completions.create()
    assert _body(route) == {"model": "portkey-default", "prompt": None}
    client.completions.create(model="m", prompt=(1, 2, 3))
    assert _body(route)["prompt"] == [1, 2, 3]
    client.completions.create(model="m", prompt=iter([[1, 2], (3,)]))
    assert _body(route)["prompt"] == [[1, 2], [3]]
    client.completions.create(model="m", prompt=["a", "b"], stream=False)
    assert _body(route) == {"model": "m", "prompt": ["a", "b"], "stream": False}


def test_completion_stream(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/completions").respond(200, content=TEXT_STREAM, headers=SSE_HEADERS)
    stream = client.completions.create(model="m", prompt="Say hello", stream=True)
    assert isinstance(stream, Stream)
    assert stream.get_headers() == {"trace-id": "tr-1"}
    with stream:
        pieces: List[Completion] = list(stream)
    assert [type(p) for p in pieces] == [Completion] * 3
    assert "".join(p.choices[0].text or "" for p in pieces) == "Hello"
    assert pieces[-1].choices[0].finish_reason == "stop"
    assert pieces[0].get_headers() == {"trace-id": "tr-1"}
    assert _body(route)["stream"] is True

    text = client.completions.create(model="m", prompt="Say hello", stream=True).text_deltas()
    assert list(text) == ["Hel", "lo"]

    # the whole text completion, including the pieces already iterated
    stream = client.completions.create(model="m", prompt="Say hello", stream=True)
    next(iter(stream))
    final = stream.get_final_completion()
    assert isinstance(final, Completion) and final.object == "text_completion"
    assert [c.text for c in final.choices] == ["Hello"]
    assert final.choices[0].finish_reason == "stop"
    assert final.id == pieces[0].id and final.model == pieces[0].model
    assert final.get_headers() == {"trace-id": "tr-1"}


def test_completion_stream_final_joins_choices_logprobs_and_usage(
    mock: respx.MockRouter, client: Portkey
) -> None:
    """n=2 interleaved choices, logprobs per piece, the usage piece last (choices: [])."""

    def piece(index: int, text: str, finish: Any = None) -> Dict[str, Any]:
        event = _text_piece(text, finish)
        event["choices"][0]["index"] = index
        event["choices"][0]["logprobs"] = {
            "tokens": [text],
            "token_logprobs": [-0.5],
            "top_logprobs": [{text: -0.5}],
            "text_offset": [index],
        }
        return event

    usage = {**_text_piece(""), "choices": [], "usage": {"prompt_tokens": 2, "total_tokens": 6}}
    body = _sse(piece(0, "a"), piece(1, "x"), piece(0, "b", "stop"), piece(1, "y", "length"), usage)
    mock.post("/completions").respond(200, content=body, headers=SSE_HEADERS)
    final = client.completions.create(
        model="m", prompt="p", n=2, stream=True
    ).get_final_completion()
    assert [(c.index, c.text, c.finish_reason) for c in final.choices] == [
        (0, "ab", "stop"),
        (1, "xy", "length"),
    ]
    logprobs = final.choices[1].logprobs
    assert logprobs is not None and logprobs.tokens == ["x", "y"]
    assert logprobs.token_logprobs == [-0.5, -0.5] and logprobs.text_offset == [1, 1]
    assert final.usage is not None and final.usage.total_tokens == 6


@pytest.mark.anyio
async def test_completion_stream_async(mock: respx.MockRouter) -> None:
    mock.post("/completions").respond(200, content=TEXT_STREAM, headers=SSE_HEADERS)
    async with AsyncPortkey(api_key="pk") as client:
        stream = await client.completions.create(model="m", prompt="Say hello", stream=True)
        assert isinstance(stream, AsyncStream)
        async with stream:
            pieces = [piece async for piece in stream]
        assert [p.choices[0].text for p in pieces] == ["Hel", "lo", ""]
        assert all(isinstance(p, Completion) for p in pieces)

        stream = await client.completions.create(model="m", prompt="Say hello", stream=True)
        assert [t async for t in stream.text_deltas()] == ["Hel", "lo"]

        stream = await client.completions.create(model="m", prompt="Say hello", stream=True)
        final = await stream.get_final_completion()
        assert isinstance(final, Completion)
        assert final.choices[0].text == "Hello" and final.choices[0].finish_reason == "stop"


def test_completion_stream_finished_without_done(mock: respx.MockRouter, client: Portkey) -> None:
    """A finish_reason completes a text stream even without [DONE]; without either it was cut."""
    body = _sse(_text_piece("Hi"), _text_piece("", "stop"), done=False)
    mock.post("/completions").respond(200, content=body, headers=SSE_HEADERS)
    assert len(list(client.completions.create(model="m", prompt="x", stream=True))) == 2

    mock.post("/completions").respond(200, content=_sse(_text_piece("Hi"), done=False))
    with pytest.raises(APIConnectionError):
        list(client.completions.create(model="m", prompt="x", stream=True))


def test_completion_stream_error_event(mock: respx.MockRouter, client: Portkey) -> None:
    body = _sse(_text_piece("Hi"), {"error": {"message": "slow down", "code": 429}}, done=False)
    mock.post("/completions").respond(200, content=body, headers=SSE_HEADERS)
    got = []
    with pytest.raises(RateLimitError):
        for piece in client.completions.create(model="m", prompt="x", stream=True):
            got.append(piece.choices[0].text)
    assert got == ["Hi"]


@pytest.mark.parametrize(
    ("status", "error"), [(400, BadRequestError), (404, NotFoundError), (500, InternalServerError)]
)
def test_completion_errors_typed(
    mock: respx.MockRouter, client: Portkey, status: int, error: type
) -> None:
    body = {"error": {"message": "nope", "type": "invalid_request_error"}}
    route = mock.post("/completions").respond(status, json=body)
    with pytest.raises(error) as info:
        client.completions.create(model="m", prompt="x", max_retries=0)
    assert "nope" in str(info.value)
    assert route.call_count == 1


@pytest.mark.anyio
async def test_completion_errors_typed_async(mock: respx.MockRouter) -> None:
    mock.post("/completions").respond(404, json={"error": {"message": "no model"}})
    async with AsyncPortkey(api_key="pk") as client:
        with pytest.raises(NotFoundError):
            await client.completions.create(model="m", prompt="x")


def test_completion_call_options(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/completions").respond(200, json=TEXT_COMPLETION)
    client.completions.create(
        model="m",
        prompt="x",
        max_tokens=5,
        top_k=3,
        extra_body={"max_tokens": 9, "top_k": 1, "z": True},
        extra_headers={"x-a": "1"},
        extra_query={"q": "2"},
        timeout=3,
    )
    request = route.calls[-1].request
    # extra_body overrides the named parameters; other keyword parameters override extra_body
    assert json.loads(request.content) == {
        "model": "m",
        "prompt": "x",
        "max_tokens": 9,
        "top_k": 3,
        "z": True,
    }
    assert request.headers["x-a"] == "1"
    assert request.url.params["q"] == "2"
    assert request.extensions["timeout"]["read"] == 3


@pytest.mark.usefixtures("no_sleep")
def test_completion_retries(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/completions").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json=TEXT_COMPLETION)]
    )
    assert client.completions.create(model="m", prompt="x").choices[0].index == 0
    assert route.call_count == 2


def test_completion_raw_response(mock: respx.MockRouter, client: Portkey) -> None:
    mock.post("/completions").respond(200, json=TEXT_COMPLETION, headers=HEADERS)
    raw = client.completions.with_raw_response.create(model="m", prompt="x")
    assert raw.headers["x-portkey-trace-id"] == "tr-1"
    _check_completion(raw.parse())


def test_completions_resource_is_lazy_and_cached(client: Portkey) -> None:
    assert client.completions is client.completions
    assert "completions" in vars(client)


# ---------------------------------------------------------------------------------------------
# Feedback
# ---------------------------------------------------------------------------------------------

FEEDBACK_RESPONSE = {
    "status": "success",
    "message": "Feedback created successfully",
    "feedback_ids": ["fb-1", "fb-2"],
    "request_id": "r-1",
}


def _check_feedback(response: FeedbackResponse) -> None:
    assert isinstance(response, FeedbackResponse)
    assert response.status == "success"
    assert response.message == "Feedback created successfully"
    assert response.feedback_ids == ["fb-1", "fb-2"]
    assert response.request_id == "r-1"  # unknown fields kept
    assert response.extra_fields == {"request_id": "r-1"}
    assert response.get_headers() == {"trace-id": "tr-1"}


def test_feedback_create(mock: respx.MockRouter) -> None:
    route = mock.post("/feedback").respond(200, json=FEEDBACK_RESPONSE, headers=HEADERS)
    with Portkey(api_key="pk", trace_id="t-client") as client:
        _check_feedback(client.feedback.create(trace_id="trace-1", value=1, weight=0.5))
        assert _body(route) == {"trace_id": "trace-1", "value": 1, "weight": 0.5}
        client.feedback.create(trace_id="trace-1", value=0, metadata={"k": "", "n": None})
        assert _body(route) == {"trace_id": "trace-1", "value": 0, "metadata": {"k": "", "n": None}}
        request = route.calls[-1].request
    assert request.headers["x-portkey-api-key"] == "pk"
    assert request.headers["x-portkey-trace-id"] == "t-client"
    assert "authorization" not in request.headers


def test_feedback_bulk_create_and_update(mock: respx.MockRouter, client: Portkey) -> None:
    post = mock.post("/feedback").respond(200, json=FEEDBACK_RESPONSE, headers=HEADERS)
    put = mock.put("/feedback/fb-1").respond(200, json=FEEDBACK_RESPONSE, headers=HEADERS)
    feedbacks = [{"trace_id": "a", "value": 1}, {"trace_id": "b", "value": -1, "weight": 0.1}]
    _check_feedback(client.feedback.bulk_create(feedbacks=feedbacks))
    assert _body(post) == feedbacks
    _check_feedback(client.feedback.update(feedback_id="fb-1", value=5, metadata={"m": 1}))
    assert put.calls[-1].request.method == "PUT"
    assert _body(put) == {"value": 5, "metadata": {"m": 1}}


def test_feedback_update_id_is_one_path_segment(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.put(url__regex=r"/feedback/.*").respond(200, json={})
    client.feedback.update(feedback_id="a/b?c", value=1)
    assert route.calls[-1].request.url.raw_path == b"/v1/feedback/a%2Fb%3Fc"
    with pytest.raises(ValueError, match="non-empty value for `feedback_id`"):
        client.feedback.update(feedback_id="", value=1)


@pytest.mark.anyio
async def test_feedback_async(mock: respx.MockRouter) -> None:
    post = mock.post("/feedback").respond(200, json=FEEDBACK_RESPONSE, headers=HEADERS)
    mock.put("/feedback/fb-2").respond(200, json=FEEDBACK_RESPONSE, headers=HEADERS)
    async with AsyncPortkey(api_key="pk") as client:
        _check_feedback(await client.feedback.create(trace_id="t", value=1))
        _check_feedback(await client.feedback.bulk_create(feedbacks=[{"trace_id": "t"}]))
        assert _body(post) == [{"trace_id": "t"}]
        _check_feedback(await client.feedback.update(feedback_id="fb-2", weight=1.0))
        with pytest.raises(NotFoundError):
            mock.post("/feedback").respond(404, json={"error": {"message": "no trace"}})
            await client.feedback.create(trace_id="nope", value=1)


def test_feedback_call_options(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/feedback").respond(200, json=FEEDBACK_RESPONSE)
    client.feedback.create(
        trace_id="t",
        value=1,
        extra_body={"value": 2, "source": "ui"},
        extra_headers={"x-a": "1"},
        extra_query={"q": "1"},
        timeout=2,
    )
    request = route.calls[-1].request
    assert json.loads(request.content) == {"trace_id": "t", "value": 2, "source": "ui"}
    assert request.headers["x-a"] == "1"
    assert request.url.params["q"] == "1"
    assert request.extensions["timeout"]["read"] == 2

    client.feedback.bulk_create(feedbacks=[], extra_headers={"x-b": "2"}, timeout=1)
    assert route.calls[-1].request.headers["x-b"] == "2"
    with pytest.raises(TypeError):
        client.feedback.bulk_create(feedbacks=[], extra_body={"a": 1})
    with pytest.raises(TypeError):
        client.feedback.bulk_create(feedbacks=[], foo=1)


@pytest.mark.usefixtures("no_sleep")
def test_feedback_errors_typed(mock: respx.MockRouter, client: Portkey) -> None:
    mock.post("/feedback").respond(400, json={"error": {"message": "bad value"}})
    with pytest.raises(BadRequestError, match="bad value"):
        client.feedback.create(trace_id="t", value=99)
    route = mock.put("/feedback/x").respond(500, json={"error": {"message": "boom"}})
    with pytest.raises(InternalServerError):
        client.feedback.update(feedback_id="x", value=1)
    assert route.call_count == 3  # retried as every route is


# ---------------------------------------------------------------------------------------------
# Prompts
# ---------------------------------------------------------------------------------------------

PROMPT_CHAT_COMPLETION: Dict[str, Any] = {
    "id": "chatcmpl-9",
    "object": "chat.completion",
    "created": 1700000000,
    "model": "gpt-4o-mini",
    "provider": "openai",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Hello Ada"},
            "finish_reason": "stop",
            "logprobs": None,
        }
    ],
    "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
}
PROMPT_TEXT_COMPLETION: Dict[str, Any] = {
    "id": "cmpl-9",
    "object": "text_completion",
    "model": "gpt-3.5-turbo-instruct",
    "choices": [{"index": 0, "text": "Hello Ada", "finish_reason": "stop", "logprobs": None}],
}
PROMPT_RENDER: Dict[str, Any] = {
    "success": True,
    "data": {
        "model": "gpt-4o-mini",
        "messages": [
            {"role": "system", "content": "You greet."},
            {"role": "user", "content": [{"type": "text", "text": "Hello Ada"}]},
        ],
        "max_tokens": 50,
        "temperature": 0.3,
        "stop": ["\n"],
        "tool_choice": {"type": "function", "function": {"name": "f"}},
        "response_format": {"type": "json_object"},
    },
}


def _chat_piece(content: Any, finish: Any = None) -> Dict[str, Any]:
    return {
        "id": "c1",
        "object": "chat.completion.chunk",
        "model": "gpt-4o-mini",
        "provider": "openai",
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": finish}],
    }


PROMPT_STREAM = _sse(_chat_piece("Hello"), _chat_piece(" Ada"), _chat_piece(None, "stop"))


def test_prompt_completion_chat_and_text(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/prompts/pp-greet/completions")
    route.respond(200, json=PROMPT_CHAT_COMPLETION, headers=HEADERS)
    completion = client.prompts.completions.create(
        prompt_id="pp-greet", variables={"name": "Ada"}, max_tokens=20, seed=1
    )
    assert isinstance(completion, PromptCompletion)
    choice = completion.choices[0]
    assert isinstance(choice, PromptCompletionChoice)
    assert choice.message is not None and choice.message.content == "Hello Ada"
    assert completion.usage is not None and completion.usage.total_tokens == 5
    assert completion.provider == "openai"  # unknown field kept
    assert completion.get_headers() == {"trace-id": "tr-1"}
    assert _body(route) == {
        "variables": {"name": "Ada"},
        "max_tokens": 20,
        "stream": False,
        "seed": 1,
    }

    route.respond(200, json=PROMPT_TEXT_COMPLETION)
    completion = client.prompts.completions.create(prompt_id="pp-greet")
    assert completion.choices[0].text == "Hello Ada"
    assert completion.choices[0].message is None
    assert _body(route) == {"stream": False}


def test_prompt_completion_stream(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/prompts/pp-greet/completions")
    route.respond(200, content=PROMPT_STREAM, headers=SSE_HEADERS)
    stream = client.prompts.completions.create(
        prompt_id="pp-greet", variables={"name": "Ada"}, stream=True
    )
    assert isinstance(stream, Stream)
    with stream:
        chunks = list(stream)
    assert all(isinstance(c, PromptCompletionChunk) for c in chunks)
    assert chunks[0].provider == "openai"
    assert chunks[0].choices[0].delta is not None
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert _body(route)["stream"] is True

    stream = client.prompts.completions.create(prompt_id="pp-greet", stream=True)
    assert "".join(stream.text_deltas()) == "Hello Ada"
    stream = client.prompts.completions.create(prompt_id="pp-greet", stream=True)
    assert stream.get_final_completion().choices[0].message.content == "Hello Ada"

    # a text prompt streams text pieces
    route.respond(200, content=TEXT_STREAM, headers=SSE_HEADERS)
    stream = client.prompts.completions.create(prompt_id="pp-greet", stream=True)
    assert list(stream.text_deltas()) == ["Hel", "lo"]


@pytest.mark.anyio
async def test_prompts_async(mock: respx.MockRouter) -> None:
    route = mock.post("/prompts/pp-greet/completions")
    mock.post("/prompts/pp-greet/render").respond(200, json=PROMPT_RENDER)
    async with AsyncPortkey(api_key="pk") as client:
        route.respond(200, json=PROMPT_CHAT_COMPLETION)
        completion = await client.prompts.completions.create(prompt_id="pp-greet")
        assert isinstance(completion, PromptCompletion)
        route.respond(200, content=PROMPT_STREAM, headers=SSE_HEADERS)
        stream = await client.prompts.completions.create(prompt_id="pp-greet", stream=True)
        assert isinstance(stream, AsyncStream)
        assert [t async for t in stream.text_deltas()] == ["Hello", " Ada"]
        rendered = await client.prompts.render(prompt_id="pp-greet", variables={"name": "Ada"})
        assert isinstance(rendered, PromptRender)
        route.respond(404, json={"error": {"message": "prompt not found"}})
        with pytest.raises(NotFoundError, match="prompt not found"):
            await client.prompts.completions.create(prompt_id="pp-greet")


def test_prompt_render(mock: respx.MockRouter, client: Portkey) -> None:
    route = mock.post("/prompts/pp-greet/render").respond(200, json=PROMPT_RENDER, headers=HEADERS)
    rendered = client.prompts.render(prompt_id="pp-greet", variables={"name": "Ada"}, top_k=2)
    assert _body(route) == {"variables": {"name": "Ada"}, "top_k": 2, "stream": False}
    assert isinstance(rendered, PromptRender)
    assert rendered.success is True
    data = rendered.data
    assert isinstance(data, PromptRenderData)
    assert data.model == "gpt-4o-mini"
    assert data.messages is not None and data.messages[0].content == "You greet."
    assert data.messages[1].content == [{"type": "text", "text": "Hello Ada"}]  # as sent
    assert data.stop == ["\n"]
    assert isinstance(data.tool_choice, ChatCompletionNamedToolChoice)
    assert data.tool_choice.to_dict() == {"type": "function", "function": {"name": "f"}}
    assert isinstance(data.response_format, ResponseFormatJSONObject)  # typed when read
    request = data.to_dict(exclude_none=True)
    assert request["response_format"] == {"type": "json_object"}
    assert request["messages"][0] == {"role": "system", "content": "You greet."}
    assert rendered.get_headers() == {"trace-id": "tr-1"}


def test_prompt_call_options_and_config(mock: respx.MockRouter) -> None:
    render = mock.post("/prompts/p/render").respond(200, json=PROMPT_RENDER)
    route = mock.post(url__regex=r"/prompts/.*").respond(200, json=PROMPT_CHAT_COMPLETION)
    with Portkey(api_key="pk", config="pc-client", trace_id="t-client") as client:
        client.prompts.completions.create(
            prompt_id="pp/1",
            variables={"a": "", "b": None},
            config={"retry": {"attempts": 2}},
            extra_headers={"x-portkey-trace-id": "t-call"},
            extra_body={"z": 1},
            extra_query={"q": "1"},
            timeout=4,
        )
        request = route.calls[-1].request
        assert request.url.raw_path == b"/v1/prompts/pp%2F1/completions?q=1"
        assert json.loads(request.content) == {
            "variables": {"a": "", "b": None},
            "stream": False,
            "z": 1,
        }
        assert request.headers["x-portkey-config"] == '{"retry": {"attempts": 2}}'
        assert request.headers["x-portkey-trace-id"] == "t-call"
        assert request.extensions["timeout"]["read"] == 4

        client.prompts.completions.create(prompt_id="p", config=None)
        assert route.calls[-1].request.headers["x-portkey-config"] == "pc-client"

        client.prompts.render(prompt_id="p", variables={}, extra_headers={"x-a": "1"})
        assert render.calls[-1].request.headers["x-a"] == "1"
        assert json.loads(render.calls[-1].request.content) == {"variables": {}, "stream": False}
    with pytest.raises(ValueError, match="non-empty value for `prompt_id`"):
        Portkey(api_key="pk").prompts.render(prompt_id="", variables={})


def test_prompts_raw_response(mock: respx.MockRouter, client: Portkey) -> None:
    mock.post("/prompts/p/render").respond(200, json=PROMPT_RENDER, headers=HEADERS)
    raw = client.prompts.with_raw_response.render(prompt_id="p", variables={})
    assert raw.headers["x-portkey-trace-id"] == "tr-1"
    assert isinstance(raw.parse(), PromptRender)
    mock.post("/prompts/p/completions").respond(200, json=PROMPT_CHAT_COMPLETION)
    raw = client.prompts.with_raw_response.completions.create(prompt_id="p")
    assert isinstance(raw.parse(), PromptCompletion)
