"""Parameters of ``audio`` (speech, transcriptions, translations)."""

from typing import Any, List, Mapping, Optional, Union

from typing_extensions import Literal, Required

from ..._multipart import FileInput
from ..._progress import OnProgress
from ..._types import RequestOptions

__all__ = ["SpeechCreateParams", "TranscriptionCreateParams", "TranslationCreateParams"]


class SpeechCreateParams(RequestOptions, total=False):
    """``POST /audio/speech``; ``stream_format="sse"`` answers with a stream of events."""

    input: Required[str]
    model: Required[str]
    voice: Required[Union[str, Mapping[str, Any]]]
    instructions: str
    response_format: Literal["mp3", "opus", "aac", "flac", "wav", "pcm"]
    speed: float
    stream_format: Literal["sse", "audio"]


class TranscriptionCreateParams(RequestOptions, total=False):
    """``POST /audio/transcriptions`` (multipart, with the audio ``file``; ``response_format``
    and ``stream`` are the method's own parameters: they choose what it returns)."""

    file: Required[FileInput]
    model: Required[str]
    chunking_strategy: Optional[Union[str, Mapping[str, Any]]]
    include: List[str]
    known_speaker_names: List[str]
    known_speaker_references: List[str]
    language: str
    prompt: str
    temperature: float
    timestamp_granularities: List[Literal["word", "segment"]]
    on_progress: OnProgress


class TranslationCreateParams(RequestOptions, total=False):
    """``POST /audio/translations`` (multipart, with the audio ``file``; ``response_format``
    is the method's own parameter)."""

    file: Required[FileInput]
    model: Required[str]
    prompt: str
    temperature: float
    on_progress: OnProgress
