"""The generated Audio API types (``portkey.types.audio``): transcriptions, translations and the
transcription and speech stream events, on OpenAI's documented bodies and streams
(tests/fixtures/recorded/24-25, from the OpenAI spec)."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from spec_examples import EXAMPLES, STREAMS, assert_round_trip, loaded_after, sse_data

from portkey._convert import structure, structure_hook
from portkey.types._support import GenericModel
from portkey.types.audio import (
    SpeechAudioDeltaEvent,
    SpeechAudioDoneEvent,
    SpeechAudioStreamEvent,
    Transcription,
    TranscriptionDiarized,
    TranscriptionDiarizedSegment,
    TranscriptionLogprobs,
    TranscriptionSegment,
    TranscriptionStreamEvent,
    TranscriptionTextDeltaEvent,
    TranscriptionTextDoneEvent,
    TranscriptionTextSegmentEvent,
    TranscriptionVerbose,
    TranscriptionWord,
    TranscriptTextUsageDuration,
    TranscriptTextUsageTokens,
    Translation,
    TranslationVerbose,
)

TRANSCRIPTION_EVENT = structure_hook(TranscriptionStreamEvent)  # type: ignore[arg-type]
SPEECH_EVENT = structure_hook(SpeechAudioStreamEvent)  # type: ignore[arg-type]


def union_values(alias: Any) -> Dict[str, str]:
    """The discriminator table a generated union declares."""
    return dict(alias.__metadata__[0].mapping)


# -- transcriptions and translations -----------------------------------------------------------


@pytest.mark.parametrize(
    "key", ["POST /audio/transcriptions | Default", "schema CreateTranscriptionResponseJson"]
)
def test_documented_json_transcriptions(key: str) -> None:
    body = EXAMPLES[key]
    transcription = structure(body, Transcription)
    assert type(transcription) is Transcription and transcription.text == body["text"]
    usage = transcription.usage
    assert type(usage) is TranscriptTextUsageTokens and usage.type == "tokens"
    assert (usage.input_tokens, usage.output_tokens, usage.total_tokens) == (
        body["usage"]["input_tokens"],
        body["usage"]["output_tokens"],
        body["usage"]["total_tokens"],
    )
    assert (
        usage.input_token_details.audio_tokens
        == body["usage"]["input_token_details"]["audio_tokens"]
    )
    assert_round_trip(transcription, body)


def test_documented_logprobs() -> None:
    body = EXAMPLES["POST /audio/transcriptions | Logprobs"]
    transcription = structure(body, Transcription)
    assert transcription.logprobs and all(
        type(p) is TranscriptionLogprobs for p in transcription.logprobs
    )
    assert "".join(p.token for p in transcription.logprobs) == transcription.text
    assert transcription.logprobs[0].bytes == [72, 101, 121]
    assert type(transcription.usage) is TranscriptTextUsageTokens
    assert_round_trip(transcription, body)


def test_usage_by_duration_and_of_an_unknown_kind() -> None:
    body: Dict[str, Any] = {"text": "hi", "usage": {"type": "duration", "seconds": 1.5}}
    usage = structure(body, Transcription).usage
    assert type(usage) is TranscriptTextUsageDuration and usage.seconds == 1.5
    body["usage"] = {"type": "characters", "characters": 12}
    usage = structure(body, Transcription).usage
    assert isinstance(usage, GenericModel) and usage.characters == 12


@pytest.mark.parametrize(
    "key",
    [
        "POST /audio/transcriptions | Word timestamps",
        "POST /audio/transcriptions | Segment timestamps",
        "schema CreateTranscriptionResponseVerboseJson",
    ],
)
def test_documented_verbose_transcriptions(key: str) -> None:
    body = EXAMPLES[key]
    verbose = structure(body, TranscriptionVerbose)
    assert (verbose.language, verbose.duration, verbose.text) == (
        "english",
        body["duration"],
        body["text"],
    )
    assert verbose.task == "transcribe"  # not declared by the spec: kept as an extra field
    assert type(verbose.usage) is TranscriptTextUsageDuration and verbose.usage.seconds == 9
    if "words" in body:
        assert [type(w) for w in verbose.words] == [TranscriptionWord] * len(body["words"])
        assert verbose.words[-1].word == "volleyball" and verbose.words[-1].end == 7.900000095367432
    else:
        (segment,) = verbose.segments
        assert type(segment) is TranscriptionSegment
        assert segment.tokens == body["segments"][0]["tokens"] and segment.seek == 0
        assert segment.no_speech_prob == body["segments"][0]["no_speech_prob"]
    assert_round_trip(verbose, body)


@pytest.mark.parametrize(
    "key",
    ["POST /audio/transcriptions | Diarization", "schema CreateTranscriptionResponseDiarizedJson"],
)
def test_documented_diarized_transcriptions(key: str) -> None:
    body = EXAMPLES[key]
    diarized = structure(body, TranscriptionDiarized)
    assert diarized.task == "transcribe" and diarized.duration == body["duration"]
    assert [type(s) for s in diarized.segments] == [TranscriptionDiarizedSegment] * len(
        body["segments"]
    )
    assert [(s.speaker, s.start, s.end) for s in diarized.segments] == [
        (s["speaker"], s["start"], s["end"]) for s in body["segments"]
    ]
    assert type(diarized.usage) is TranscriptTextUsageDuration
    assert_round_trip(diarized, body)


def test_documented_translation() -> None:
    body = EXAMPLES["POST /audio/translations"]
    translation = structure(body, Translation)
    assert translation.text.startswith("Hello, my name is Wolfgang")
    assert_round_trip(translation, body)


def test_verbose_translation() -> None:
    # No documented verbose translation: the verbose transcription's shape, which it shares.
    body = EXAMPLES["POST /audio/transcriptions | Segment timestamps"]
    translation = structure(body, TranslationVerbose)
    assert translation.language == "english" and len(translation.segments) == 1
    assert type(translation.segments[0]) is TranscriptionSegment
    assert translation.usage == {"type": "duration", "seconds": 9}  # undeclared: kept as data
    assert_round_trip(translation, body)


# -- transcription stream ----------------------------------------------------------------------


def test_transcription_stream_union() -> None:
    assert union_values(TranscriptionStreamEvent) == {
        "transcript.text.delta": "TranscriptionTextDeltaEvent",
        "transcript.text.done": "TranscriptionTextDoneEvent",
        "transcript.text.segment": "TranscriptionTextSegmentEvent",
    }


def test_documented_transcription_stream() -> None:
    events = [
        TRANSCRIPTION_EVENT(data, TranscriptionStreamEvent)
        for _, data in sse_data(STREAMS["POST /audio/transcriptions | Streaming"])
    ]
    *deltas, done = events
    assert deltas and all(type(e) is TranscriptionTextDeltaEvent for e in deltas)
    assert type(done) is TranscriptionTextDoneEvent
    assert "".join(e.delta for e in deltas) == done.text
    assert [p.token for e in deltas for p in e.logprobs] == [p.token for p in done.logprobs]
    assert type(done.usage) is TranscriptTextUsageTokens
    assert done.usage.type == "tokens"  # the documented usage has no "type": its constant
    assert (done.usage.input_token_details.audio_tokens, done.usage.total_tokens) == (14, 59)


@pytest.mark.parametrize(
    ("key", "cls"),
    [
        ("schema TranscriptTextDeltaEvent", TranscriptionTextDeltaEvent),
        ("schema TranscriptTextDoneEvent", TranscriptionTextDoneEvent),
        ("schema TranscriptTextSegmentEvent", TranscriptionTextSegmentEvent),
    ],
)
def test_documented_transcription_events(key: str, cls: type) -> None:
    body = EXAMPLES[key]
    event = TRANSCRIPTION_EVENT(body, TranscriptionStreamEvent)
    assert type(event) is cls and event.type == body["type"]
    assert_round_trip(event, body)


def test_segment_event_and_unknown_events() -> None:
    segment = TRANSCRIPTION_EVENT(EXAMPLES["schema TranscriptTextSegmentEvent"], None)
    assert (segment.speaker, segment.start, segment.end) == ("A", 5.2, 12.8)
    body = {"type": "transcript.text.language", "language": "fr", "confidence": 0.9}
    unknown = TRANSCRIPTION_EVENT(body, None)
    assert isinstance(unknown, GenericModel)
    assert (unknown.type, unknown.language) == ("transcript.text.language", "fr")
    assert unknown.to_dict() == body


# -- speech stream (stream_format="sse") -------------------------------------------------------


def test_speech_stream_union() -> None:
    assert union_values(SpeechAudioStreamEvent) == {
        "speech.audio.delta": "SpeechAudioDeltaEvent",
        "speech.audio.done": "SpeechAudioDoneEvent",
    }


def test_documented_speech_events() -> None:
    body = EXAMPLES["schema SpeechAudioDeltaEvent"]
    delta = SPEECH_EVENT(body, None)
    assert type(delta) is SpeechAudioDeltaEvent and delta.audio == body["audio"]
    assert_round_trip(delta, body)
    body = EXAMPLES["schema SpeechAudioDoneEvent"]
    done = SPEECH_EVENT(body, None)
    assert type(done) is SpeechAudioDoneEvent
    assert (done.usage.input_tokens, done.usage.output_tokens, done.usage.total_tokens) == (
        14,
        101,
        115,
    )
    assert_round_trip(done, body)
    unknown = SPEECH_EVENT({"type": "speech.audio.marker", "at": 3}, None)
    assert isinstance(unknown, GenericModel) and unknown.at == 3


# -- lazy loading ------------------------------------------------------------------------------


def test_a_transcription_loads_a_small_module() -> None:
    setup = (
        "import portkey\nfrom portkey._convert import structure\nimport portkey.types.audio as a\n"
    )
    body = EXAMPLES["POST /audio/transcriptions | Default"]
    assert loaded_after(setup + f"structure({body!r}, a.Transcription)", "portkey.types.audio") == [
        "portkey.types.audio",
        "portkey.types.audio._transcription",
    ]
    delta = {"type": "transcript.text.delta", "delta": "I", "logprobs": [{"token": "I"}]}
    code = setup + f"structure({delta!r}, a.TranscriptionStreamEvent)"
    assert loaded_after(code, "portkey.types.audio") == [
        "portkey.types.audio",
        "portkey.types.audio._events",
    ]
    code = (
        setup + "structure({'type': 'speech.audio.delta', 'audio': ''}, a.SpeechAudioStreamEvent)"
    )
    assert loaded_after(code, "portkey.types.audio") == [
        "portkey.types.audio",
        "portkey.types.audio._speech",
    ]
