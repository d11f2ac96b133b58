"""The generated Responses API types and the converter's union rules, on OpenAI's documented
bodies and events (tests/fixtures/recorded/19-21, from the OpenAI spec) and on edge cases.

Round trips: ``to_dict()`` holds every field of the input with its value; a declared field the
body lacked comes back as None, or as its constant (``object: "response"``): BaseModel does not
record which keys the JSON had.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

from portkey._convert import structure, structure_hook
from portkey._sse import SSEDecoder
from portkey.types._support import GenericModel
from portkey.types.responses import (
    AnnotationURLCitation,
    CompactedResponse,
    InputTokenCountResponse,
    Response,
    ResponseCompletedEvent,
    ResponseErrorEvent,
    ResponseFunctionToolCall,
    ResponseFunctionWebSearch,
    ResponseInputItem,
    ResponseItem,
    ResponseItemList,
    ResponseOutputItem,
    ResponseOutputMessage,
    ResponseOutputRefusal,
    ResponseOutputText,
    ResponseReasoningItem,
    ResponseStreamEvent,
    ResponseTextDeltaEvent,
)

RECORDED = Path(__file__).parent / "fixtures" / "recorded"
EXAMPLES: Dict[str, Any] = json.loads(
    (RECORDED / "19_openai_spec_examples_responses_conversations_stored_chat.json").read_text()
)
EVENT_EXAMPLES: List[Dict[str, Any]] = json.loads(
    (RECORDED / "21_openai_spec_stream_event_examples.json").read_text()
)
CREATE_EXAMPLES = [k for k in EXAMPLES if k.startswith("POST /responses |")]
EVENT = structure_hook(ResponseStreamEvent)  # type: ignore[arg-type]


def assert_round_trip(dumped: Any, original: Any, path: str = "") -> None:
    """``dumped`` (to_dict()) equals ``original`` but for the defaults of keys it lacked."""
    if isinstance(original, dict):
        assert isinstance(dumped, dict), path
        for key, value in original.items():
            assert key in dumped, f"{path}.{key} dropped"
            assert_round_trip(dumped[key], value, f"{path}.{key}")
        added = {k: v for k, v in dumped.items() if k not in original}
        assert all(v is None or k in ("type", "object") for k, v in added.items()), added
    elif isinstance(original, list):
        assert isinstance(dumped, list) and len(dumped) == len(original), path
        for i, (a, b) in enumerate(zip(dumped, original)):
            assert_round_trip(a, b, f"{path}[{i}]")
    else:
        assert dumped == original and type(dumped) is type(original), path


def event_union_map() -> Dict[str, str]:
    """The discriminator table of ResponseStreamEvent, as the generated alias declares it."""
    info = ResponseStreamEvent.__metadata__[0]  # type: ignore[attr-defined]
    return dict(info.mapping)


# -- documented bodies -------------------------------------------------------------------------


@pytest.mark.parametrize("key", [*CREATE_EXAMPLES, "GET /responses/{response_id}"])
def test_documented_responses_structure_and_round_trip(key: str) -> None:
    body = EXAMPLES[key]
    response = structure(body, Response)
    assert isinstance(response, Response)
    assert response.id == body["id"] and response.status == body["status"]
    for item, raw in zip(response.output, body["output"]):
        assert not isinstance(item, GenericModel), raw["type"]
        assert item.type == raw["type"]
    assert_round_trip(response.to_dict(), body)


def test_web_search_example_items_and_url_citations() -> None:
    body = EXAMPLES["POST /responses | Web search"]
    response = structure(body, Response)
    search, message = response.output
    assert isinstance(search, ResponseFunctionWebSearch) and search.status == "completed"
    assert isinstance(message, ResponseOutputMessage) and message.role == "assistant"
    (part,) = message.content
    assert isinstance(part, ResponseOutputText)
    assert [type(a) for a in part.annotations] == [AnnotationURLCitation] * 3
    assert [a.start_index for a in part.annotations] == [442, 962, 1336]
    assert response.output_text == body["output"][1]["content"][0]["text"]
    assert response.usage.input_tokens_details.cached_tokens == 0


def test_function_call_example() -> None:
    response = structure(EXAMPLES["POST /responses | Functions"], Response)
    (call,) = response.output
    assert isinstance(call, ResponseFunctionToolCall)
    assert (call.name, call.call_id) == ("get_current_weather", "call_unLAR8MvFNptuiZK6K6HCy5k")
    assert json.loads(call.arguments) == {"location": "Boston, MA", "unit": "celsius"}
    assert response.output_text == ""  # no message item
    (tool,) = response.tools
    assert type(tool).__name__ == "FunctionTool" and tool.parameters["required"] == [
        "location",
        "unit",
    ]


def test_other_documented_answers() -> None:
    counted = structure(EXAMPLES["POST /responses/input_tokens"], InputTokenCountResponse)
    assert counted.input_tokens == EXAMPLES["POST /responses/input_tokens"]["input_tokens"]
    compacted = structure(EXAMPLES["POST /responses/compact"], CompactedResponse)
    assert compacted.object == "response.compaction" and compacted.usage is not None
    assert_round_trip(compacted.to_dict(), EXAMPLES["POST /responses/compact"])
    items = structure(EXAMPLES["GET /responses/{response_id}/input_items"], ResponseItemList)
    (item,) = items.data
    assert type(item).__name__ == "ResponseInputMessageItem" and item.role == "user"
    assert item.content[0].text.startswith("Tell me a three sentence bedtime story")


# -- events ------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EVENT_EXAMPLES, ids=lambda e: e["event"]["type"])
def test_every_documented_event_structures_into_its_class(example: Dict[str, Any]) -> None:
    event = EVENT(example["event"], ResponseStreamEvent)
    expected = event_union_map()[example["event"]["type"]]
    assert type(event).__name__ == expected
    assert event.type == example["event"]["type"]
    assert_round_trip(event.to_dict(), example["event"])


def test_every_event_class_of_the_union_has_its_own_type() -> None:
    mapping = event_union_map()
    assert len(mapping) == len(set(mapping.values())) == 58  # one class per event type
    import portkey.types.responses as types

    for value, name in mapping.items():
        cls = getattr(types, name)
        event = EVENT({"type": value}, ResponseStreamEvent)
        assert type(event) is cls and event.type == value == cls().type


def test_documented_stream_decodes_into_typed_events() -> None:
    decoder = SSEDecoder()
    raw = (RECORDED / "20_openai_spec_example_responses_stream_text.txt").read_bytes()
    # The documented text stops after the last data line; on the wire a blank line ends it.
    events = decoder.feed(raw + b"\n") + decoder.close()
    typed = [EVENT(json.loads(e.data), ResponseStreamEvent) for e in events]
    assert [e.event for e in events] == [t.type for t in typed]  # the "..." line is ignored
    assert typed[0].type == "response.created" and isinstance(typed[0].response, Response)
    delta = next(t for t in typed if isinstance(t, ResponseTextDeltaEvent))
    assert delta.delta == "Hi"
    final = typed[-1]
    assert isinstance(final, ResponseCompletedEvent)
    assert final.response.output_text == "Hi there! How can I assist you today?"


def test_unknown_and_missing_event_types_stay_generic() -> None:
    new = {"type": "response.teleport.started", "sequence_number": 7, "where": {"x": 1}}
    event = EVENT(new, ResponseStreamEvent)
    assert isinstance(event, GenericModel)
    assert event.type == "response.teleport.started" and event.where == {"x": 1}
    assert event.to_dict() == new and list(event.to_dict()) == list(new)
    untyped = EVENT({"sequence_number": 1}, ResponseStreamEvent)
    assert isinstance(untyped, GenericModel) and untyped.to_dict() == {"sequence_number": 1}
    odd = EVENT({"type": ["not", "a", "string"]}, ResponseStreamEvent)
    assert isinstance(odd, GenericModel)


def test_error_event() -> None:
    event = EVENT(
        {"type": "error", "code": "server_error", "message": "boom", "param": None},
        ResponseStreamEvent,
    )
    assert isinstance(event, ResponseErrorEvent) and event.message == "boom"


# -- items, parts and the union rules ----------------------------------------------------------

# Written from the spec's ReasoningItem, OutputMessage and RefusalContent schemas (no recorded
# body with these items is among the shared fixtures).
REASONING_AND_REFUSAL = {
    "id": "resp_1",
    "object": "response",
    "created_at": 1741477868,
    "status": "completed",
    "model": "o3",
    "output": [
        {
            "type": "reasoning",
            "id": "rs_1",
            "summary": [{"type": "summary_text", "text": "**Thinking** about it"}],
            "encrypted_content": "gAAAA...",
        },
        {
            "type": "message",
            "id": "msg_1",
            "status": "completed",
            "role": "assistant",
            "content": [
                {"type": "refusal", "refusal": "I can't help with that."},
                {"type": "output_text", "text": "But here is ", "annotations": []},
                {"type": "output_text", "text": "something.", "annotations": []},
            ],
        },
    ],
}


def test_reasoning_item_and_refusal_part() -> None:
    response = structure(REASONING_AND_REFUSAL, Response)
    reasoning, message = response.output
    assert isinstance(reasoning, ResponseReasoningItem)
    assert reasoning.summary[0].text == "**Thinking** about it"
    assert type(reasoning.summary[0]).__name__ == "SummaryTextContent"
    refusal = message.content[0]
    assert isinstance(refusal, ResponseOutputRefusal)
    assert refusal.refusal == "I can't help with that."
    assert response.output_text == "But here is something."  # refusals are not output text
    assert_round_trip(response.to_dict(), REASONING_AND_REFUSAL)


def test_unknown_item_type_is_kept_whole() -> None:
    body = json.loads(json.dumps(REASONING_AND_REFUSAL))
    body["output"].insert(1, {"type": "hologram_call", "id": "hg_1", "frames": [1, 2]})
    response = structure(body, Response)
    item = response.output[1]
    assert isinstance(item, GenericModel)
    assert (item.type, item.id, item.frames) == ("hologram_call", "hg_1", [1, 2])
    assert item["frames"] == [1, 2] and item.extra_fields == body["output"][1]
    assert response.output_text == "But here is something."
    assert_round_trip(response.to_dict(), body)


def test_unknown_literal_values_pass_through() -> None:
    body = dict(REASONING_AND_REFUSAL, status="hibernating", service_tier="galactic")
    response = structure(body, Response)
    assert response.status == "hibernating" and response.service_tier == "galactic"


def test_missing_required_fields_do_not_fail() -> None:
    body = {"object": "response", "output": [{"type": "message", "content": []}]}
    response = structure(body, Response)
    assert response.id is None and response.created_at is None and response.model is None
    (message,) = response.output
    assert isinstance(message, ResponseOutputMessage)
    assert message.id is None and message.type == "message"
    assert structure({}, Response).output_text == ""  # output None too


def test_output_item_union_used_directly() -> None:
    hook = structure_hook(ResponseOutputItem)  # type: ignore[arg-type]
    call = hook({"type": "function_call", "call_id": "c", "name": "f", "arguments": "{}"}, None)
    assert isinstance(call, ResponseFunctionToolCall)
    with pytest.raises(TypeError, match="expected a JSON object"):
        hook("not an object", None)


def test_input_and_output_messages_share_a_type_value() -> None:
    def kind(data: Dict[str, Any], union: Any) -> str:
        return type(structure(data, union)).__name__

    base = {"type": "message", "id": "m", "status": "completed", "content": []}
    assert kind(dict(base, role="assistant"), ResponseItem) == "ResponseOutputMessage"
    assert kind(dict(base, role="user"), ResponseItem) == "ResponseInputMessageItem"
    # input items may leave "type" out: told apart by their required fields
    assert kind({"role": "user", "content": "hi"}, ResponseInputItem) == "EasyInputMessage"
    assert kind({"id": "msg_1"}, ResponseInputItem) == "ItemReferenceParam"


def test_non_discriminated_unions_are_lenient() -> None:
    as_text = structure(dict(REASONING_AND_REFUSAL, instructions="Be brief."), Response)
    assert as_text.instructions == "Be brief."
    items = [{"type": "message", "role": "developer", "content": "Be brief."}]
    as_items = structure(dict(REASONING_AND_REFUSAL, instructions=items), Response)
    (item,) = as_items.instructions
    assert type(item).__name__ == "EasyInputMessage" and item.role == "developer"
    # tool_choice: a string mode, or an object told apart by type
    auto = structure(dict(REASONING_AND_REFUSAL, tool_choice="auto"), Response)
    assert auto.tool_choice == "auto"
    chosen = {"type": "function", "name": "get_weather"}
    choice = structure(dict(REASONING_AND_REFUSAL, tool_choice=chosen), Response).tool_choice
    assert type(choice).__name__ == "ToolChoiceFunction" and choice.name == "get_weather"


def test_recursive_filters() -> None:
    tool = {
        "type": "file_search",
        "vector_store_ids": ["vs_1"],
        "filters": {
            "type": "and",
            "filters": [
                {"type": "eq", "key": "a", "value": 1},
                {"type": "or", "filters": [{"type": "gt", "key": "b", "value": 2}]},
            ],
        },
    }
    response = structure(dict(REASONING_AND_REFUSAL, tools=[tool]), Response)
    outer = response.tools[0].filters
    assert type(outer).__name__ == "CompoundFilter"
    first, inner = outer.filters
    assert type(first).__name__ == "ComparisonFilter" and first.value == 1
    assert type(inner).__name__ == "CompoundFilter"
    assert type(inner.filters[0]).__name__ == "ComparisonFilter"


# -- loading -----------------------------------------------------------------------------------


def test_types_load_lazily() -> None:
    """Importing the package and parsing one answer creates only part of the 256 classes."""
    code = (
        "import sys, json\n"
        "import portkey.types.responses as r\n"
        "n0 = len([m for m in sys.modules if m.startswith('portkey.types.responses.')])\n"
        "from portkey._convert import structure\n"
        f"structure(json.loads({json.dumps(json.dumps(EXAMPLES['POST /responses | Functions']))}),"
        " r.Response)\n"
        "n1 = len([m for m in sys.modules if m.startswith('portkey.types.responses.')])\n"
        "print(n0, n1, len(r.__all__))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after, names = map(int, out.stdout.split())
    submodules = len(list((Path(r_path()) / "responses").glob("_*.py")))
    assert before == 0
    assert 0 < after < submodules / 2
    assert names > 250


def r_path() -> str:
    import portkey.types

    return str(Path(portkey.types.__file__).parent)


def test_package_attributes() -> None:
    import portkey.types.responses as types

    assert "Response" in dir(types) and "ResponseStreamEvent" in types.__all__
    with pytest.raises(AttributeError, match="no attribute 'Respons'"):
        types.Respons  # noqa: B018
