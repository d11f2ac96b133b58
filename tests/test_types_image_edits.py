"""The generated image stream events (``portkey.types.image_edits``: ``images.generate`` and
``images.edit`` with ``stream=True``) on OpenAI's documented streams and events
(tests/fixtures/recorded/24-25, from the OpenAI spec)."""

from __future__ import annotations

import pytest
from spec_examples import EXAMPLES, STREAMS, assert_round_trip, loaded_after, sse_data

from portkey._convert import structure_hook
from portkey.types._support import GenericModel
from portkey.types.image_edits import (
    ImageEditCompletedEvent,
    ImageEditPartialImageEvent,
    ImageEditStreamEvent,
    ImageGenCompletedEvent,
    ImageGenPartialImageEvent,
    ImageGenStreamEvent,
    ImagesUsage,
    ImagesUsageInputTokensDetails,
)

GEN_EVENT = structure_hook(ImageGenStreamEvent)  # type: ignore[arg-type]
EDIT_EVENT = structure_hook(ImageEditStreamEvent)  # type: ignore[arg-type]
STREAM_CASES = [
    ("POST /images/generations | Streaming", GEN_EVENT, ImageGenPartialImageEvent, "generation"),
    ("POST /images/edits | Streaming", EDIT_EVENT, ImageEditPartialImageEvent, "edit"),
]


@pytest.mark.parametrize(("key", "hook", "partial_cls", "kind"), STREAM_CASES)
def test_documented_streams(key: str, hook: object, partial_cls: type, kind: str) -> None:
    decoded = sse_data(STREAMS[key])
    events = [hook(data, None) for _, data in decoded]  # type: ignore[operator]
    assert [name for name, _ in decoded] == [e.type for e in events]  # the "event:" lines
    partial, completed = events
    assert type(partial) is partial_cls and partial.partial_image_index == 0
    assert completed.type == f"image_{kind}.completed"
    # The documented events omit fields the schema requires: they read as None.
    assert (partial.size, completed.quality, completed.created_at) == (None, None, None)
    assert type(completed.usage) is ImagesUsage
    details = completed.usage.input_tokens_details
    assert type(details) is ImagesUsageInputTokensDetails
    assert (details.text_tokens, details.image_tokens, completed.usage.total_tokens) == (
        10,
        40,
        100,
    )
    for event, (_, data) in zip(events, decoded):
        assert_round_trip(event, data)


@pytest.mark.parametrize(
    ("key", "hook", "cls"),
    [
        ("schema ImageGenPartialImageEvent", GEN_EVENT, ImageGenPartialImageEvent),
        ("schema ImageGenCompletedEvent", GEN_EVENT, ImageGenCompletedEvent),
        ("schema ImageEditPartialImageEvent", EDIT_EVENT, ImageEditPartialImageEvent),
        ("schema ImageEditCompletedEvent", EDIT_EVENT, ImageEditCompletedEvent),
    ],
)
def test_documented_events(key: str, hook: object, cls: type) -> None:
    body = EXAMPLES[key]
    event = hook(body, None)  # type: ignore[operator]
    assert type(event) is cls
    assert (event.size, event.quality, event.background, event.output_format) == (
        "1024x1024",
        "high",
        "transparent",
        "png",
    )
    assert event.created_at == 1620000000
    assert_round_trip(event, body)


def test_events_of_the_other_union_and_unknown_events_are_generic() -> None:
    edit_done = EXAMPLES["schema ImageEditCompletedEvent"]
    other = GEN_EVENT(edit_done, None)  # an edit event is no generation event
    assert isinstance(other, GenericModel) and other.usage["total_tokens"] == 100
    assert other.to_dict() == edit_done
    body = {"type": "image_edit.moderated", "reason": "policy", "partial_image_index": 1}
    unknown = EDIT_EVENT(body, None)
    assert isinstance(unknown, GenericModel) and unknown.reason == "policy"
    assert unknown.to_dict() == body


def test_unknown_fields_and_values_are_kept() -> None:
    body = dict(EXAMPLES["schema ImageEditPartialImageEvent"], size="2048x2048", seed=7)
    event = EDIT_EVENT(body, None)
    assert type(event) is ImageEditPartialImageEvent
    assert (event.size, event.seed, event.extra_fields) == ("2048x2048", 7, {"seed": 7})
    assert_round_trip(event, body)


def test_the_module_loads_alone_and_images_stays_hand_written() -> None:
    code = (
        "import portkey\n"
        "from portkey._convert import structure\n"
        "from portkey.types.image_edits import ImageEditStreamEvent\n"
        "structure({'type': 'image_edit.partial_image', 'b64_json': ''}, ImageEditStreamEvent)\n"
    )
    loaded = loaded_after(code, "portkey.types")
    assert loaded == ["portkey.types", "portkey.types._support", "portkey.types.image_edits"]
    from portkey.types.images import ImagesResponse

    assert ImagesResponse.__module__ == "portkey.types.images"
