"""``/audio``: speech (binary audio, or a stream of audio events), transcriptions and
translations (uploads of an audio file; typed by ``response_format``, text formats as str)."""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Union, overload

from typing_extensions import Literal, Unpack

from .._binary import BinaryResponse
from .._types import NOT_GIVEN, NotGiven
from ..types.audio import (
    SpeechAudioStreamEvent,
    Transcription,
    TranscriptionDiarized,
    TranscriptionStreamEvent,
    TranscriptionVerbose,
    Translation,
    TranslationVerbose,
)
from ..types.params.audio import (
    SpeechCreateParams,
    TranscriptionCreateParams,
    TranslationCreateParams,
)
from ._base import APIResource, Endpoint, subresource

if TYPE_CHECKING:
    from .._binary import AsyncStreamedResponseManager, StreamedResponseManager
    from .._streaming import AsyncStream, Stream

__all__ = [
    "AsyncAudio",
    "AsyncSpeech",
    "AsyncTranscriptions",
    "AsyncTranslations",
    "Audio",
    "Speech",
    "Transcriptions",
    "Translations",
]

# Parameters the official SDK takes as free keywords: they follow the named ones, and
# override extra_body.
_SPEECH_LATE = ("instructions", "stream_format")
_TRANSCRIPTION_LATE = ("chunking_strategy", "include")
_TRANSLATION_LATE = ("response_format",)

_speech: Endpoint[BinaryResponse] = Endpoint(
    "POST",
    "/audio/speech",
    BinaryResponse,
    params=SpeechCreateParams,
    headers={"Accept": "application/octet-stream"},
    late=_SPEECH_LATE,
)
_speech_events: Endpoint[Any] = Endpoint(
    "POST",
    "/audio/speech",
    SpeechAudioStreamEvent,
    params=SpeechCreateParams,
    streams=True,
    headers={"Accept": "application/octet-stream"},  # as the official sends either way
    late=_SPEECH_LATE,
)
TextFormat = Literal["text", "srt", "vtt"]
_TEXT = ("text", "srt", "vtt")


# The form's fields in openai-python's order (response_format is the method's own parameter).
_FIELDS = (
    "file",
    "model",
    "chunking_strategy",
    "include",
    "known_speaker_names",
    "known_speaker_references",
    "language",
    "prompt",
    "response_format",
    "stream",
    "temperature",
    "timestamp_granularities",
)


def _upload(path: str, cast: Any, params: Any, late: Any, stream: Any = None) -> Endpoint[Any]:
    return Endpoint(
        "POST",
        path,
        cast,
        params=params,
        stream=stream,
        files=("file",),
        order=_FIELDS,
        late=late,
    )


# What each response_format answers with (text formats: the body as a str); a transcription
# with stream=True is a stream of transcript events whatever the format.
_TRANSCRIPTIONS: Dict[Any, Endpoint[Any]] = {
    fmt: _upload(
        "/audio/transcriptions",
        cast,
        TranscriptionCreateParams,
        _TRANSCRIPTION_LATE,
        TranscriptionStreamEvent,
    )
    for fmt, cast in (
        ("json", Transcription),
        ("verbose_json", TranscriptionVerbose),
        ("diarized_json", TranscriptionDiarized),
        *((fmt, str) for fmt in _TEXT),
    )
}
_TRANSLATIONS: Dict[Any, Endpoint[Any]] = {
    "json": _upload("/audio/translations", Translation, TranslationCreateParams, _TRANSLATION_LATE),
    "verbose_json": _upload(
        "/audio/translations", TranslationVerbose, TranslationCreateParams, _TRANSLATION_LATE
    ),
    **{
        fmt: _upload("/audio/translations", str, TranslationCreateParams, _TRANSLATION_LATE)
        for fmt in _TEXT
    },
}


_DURATION_HEADER = "x-portkey-audio-file-duration"


def _duration_header(client: Any, params: Dict[str, Any]) -> None:
    """Add the audio file's duration to the call's ``extra_headers``, as the official SDK does
    with ``calculate_audio_duration`` on: for a file on disk (a path, a file object opened
    from one, or either as a tuple's content) whose duration it can read. The caller's own
    header wins."""
    if not client.calculate_audio_duration:
        return
    file = params.get("file")
    if isinstance(file, tuple) and len(file) >= 2:
        file = file[1]
    path: Optional[str] = None
    if isinstance(file, os.PathLike):
        path = os.fspath(file)
    elif not isinstance(file, (bytes, bytearray, memoryview, str, io.BytesIO)):
        # A file object's name (a BytesIO's is only a label for the upload)
        path = getattr(file, "name", None)
    given = params.get("extra_headers")
    if not isinstance(path, str) or not isinstance(given, (Mapping, type(None))):
        return
    if given and any(str(name).lower() == _DURATION_HEADER for name in given):
        return
    from .._audio_duration import audio_duration_ms

    duration = audio_duration_ms(path) if os.path.isfile(path) else None
    if duration is not None:
        params["extra_headers"] = {_DURATION_HEADER: duration, **(given or {})}


async def _aduration_header(client: Any, params: Dict[str, Any]) -> None:
    """``_duration_header`` in a worker thread: reading the file's header is disk I/O, kept
    off the event loop (``tools/unasync.py`` turns this call back into the plain one)."""
    from .._threads import in_thread

    await in_thread(_duration_header, client, params)


def _by_format(table: Dict[Any, Endpoint[Any]], response_format: Any) -> Endpoint[Any]:
    """The endpoint for a ``response_format`` (json when not given; an unknown format is
    parsed as JSON)."""
    return table.get(response_format, table["json"])


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncSpeech(APIResource):
    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[SpeechCreateParams]
    ) -> AsyncStreamedResponseManager[BinaryResponse]: ...
    @overload
    async def create(
        self,
        *,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[SpeechCreateParams],
    ) -> BinaryResponse: ...
    async def create(self, *, stream: Union[bool, NotGiven] = NOT_GIVEN, **params: Any) -> Any:
        """Speech from ``input``: the audio as a ``BinaryResponse`` (``write_to_file``), or
        with ``stream_format="sse"`` a stream of ``speech.audio.delta`` events. ``stream=True``
        (the official SDK's spelling of ``with_streaming_response``) gives the context
        manager of an unread response, to ``stream_to_file`` without buffering."""
        if stream is True:
            return self.with_streaming_response.create(**params)
        if params.get("stream_format") == "sse":
            return await self._call(_speech_events, locals())
        return await self._call(_speech, locals())


class AsyncTranscriptions(APIResource):
    @overload
    async def create(
        self,
        *,
        response_format: Union[Literal["json"], NotGiven] = ...,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[TranscriptionCreateParams],
    ) -> Transcription: ...
    @overload
    async def create(
        self,
        *,
        response_format: Literal["verbose_json"],
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[TranscriptionCreateParams],
    ) -> TranscriptionVerbose: ...
    @overload
    async def create(
        self,
        *,
        response_format: Literal["diarized_json"],
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[TranscriptionCreateParams],
    ) -> TranscriptionDiarized: ...
    @overload
    async def create(
        self,
        *,
        response_format: TextFormat,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[TranscriptionCreateParams],
    ) -> str: ...
    @overload
    async def create(
        self,
        *,
        stream: Literal[True],
        response_format: Union[str, NotGiven] = ...,
        **params: Unpack[TranscriptionCreateParams],
    ) -> AsyncStream[TranscriptionStreamEvent]: ...
    async def create(
        self,
        *,
        response_format: Union[str, NotGiven] = NOT_GIVEN,
        stream: Union[bool, NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> Any:
        """Transcribe an audio ``file`` (bytes, a binary file object, a path or a tuple):
        typed by ``response_format`` (``text``/``srt``/``vtt``: a str); ``stream=True`` gives
        ``transcript.text.delta`` / ``transcript.text.done`` events."""
        await _aduration_header(self._client, params)
        return await self._call(_by_format(_TRANSCRIPTIONS, response_format), locals())


class AsyncTranslations(APIResource):
    @overload
    async def create(
        self,
        *,
        response_format: Union[Literal["json"], NotGiven] = ...,
        **params: Unpack[TranslationCreateParams],
    ) -> Translation: ...
    @overload
    async def create(
        self,
        *,
        response_format: Literal["verbose_json"],
        **params: Unpack[TranslationCreateParams],
    ) -> TranslationVerbose: ...
    @overload
    async def create(
        self, *, response_format: TextFormat, **params: Unpack[TranslationCreateParams]
    ) -> str: ...
    async def create(
        self, *, response_format: Union[str, NotGiven] = NOT_GIVEN, **params: Any
    ) -> Any:
        """Translate an audio ``file`` into English text, typed by ``response_format``."""
        await _aduration_header(self._client, params)
        return await self._call(_by_format(_TRANSLATIONS, response_format), locals())


class AsyncAudio(APIResource):
    speech = subresource(AsyncSpeech)
    transcriptions = subresource(AsyncTranscriptions)
    translations = subresource(AsyncTranslations)


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class Speech(APIResource):
    @overload
    def create(
        self, *, stream: Literal[True], **params: Unpack[SpeechCreateParams]
    ) -> StreamedResponseManager[BinaryResponse]: ...
    @overload
    def create(
        self,
        *,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[SpeechCreateParams],
    ) -> BinaryResponse: ...
    def create(self, *, stream: Union[bool, NotGiven] = NOT_GIVEN, **params: Any) -> Any:
        """Speech from ``input``: the audio as a ``BinaryResponse`` (``write_to_file``), or
        with ``stream_format="sse"`` a stream of ``speech.audio.delta`` events. ``stream=True``
        (the official SDK's spelling of ``with_streaming_response``) gives the context
        manager of an unread response, to ``stream_to_file`` without buffering."""
        if stream is True:
            return self.with_streaming_response.create(**params)
        if params.get("stream_format") == "sse":
            return self._call(_speech_events, locals())
        return self._call(_speech, locals())


class Transcriptions(APIResource):
    @overload
    def create(
        self,
        *,
        response_format: Union[Literal["json"], NotGiven] = ...,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[TranscriptionCreateParams],
    ) -> Transcription: ...
    @overload
    def create(
        self,
        *,
        response_format: Literal["verbose_json"],
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[TranscriptionCreateParams],
    ) -> TranscriptionVerbose: ...
    @overload
    def create(
        self,
        *,
        response_format: Literal["diarized_json"],
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[TranscriptionCreateParams],
    ) -> TranscriptionDiarized: ...
    @overload
    def create(
        self,
        *,
        response_format: TextFormat,
        stream: Union[Literal[False], NotGiven] = ...,
        **params: Unpack[TranscriptionCreateParams],
    ) -> str: ...
    @overload
    def create(
        self,
        *,
        stream: Literal[True],
        response_format: Union[str, NotGiven] = ...,
        **params: Unpack[TranscriptionCreateParams],
    ) -> Stream[TranscriptionStreamEvent]: ...
    def create(
        self,
        *,
        response_format: Union[str, NotGiven] = NOT_GIVEN,
        stream: Union[bool, NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> Any:
        """Transcribe an audio ``file`` (bytes, a binary file object, a path or a tuple):
        typed by ``response_format`` (``text``/``srt``/``vtt``: a str); ``stream=True`` gives
        ``transcript.text.delta`` / ``transcript.text.done`` events."""
        _duration_header(self._client, params)
        return self._call(_by_format(_TRANSCRIPTIONS, response_format), locals())


class Translations(APIResource):
    @overload
    def create(
        self,
        *,
        response_format: Union[Literal["json"], NotGiven] = ...,
        **params: Unpack[TranslationCreateParams],
    ) -> Translation: ...
    @overload
    def create(
        self,
        *,
        response_format: Literal["verbose_json"],
        **params: Unpack[TranslationCreateParams],
    ) -> TranslationVerbose: ...
    @overload
    def create(
        self, *, response_format: TextFormat, **params: Unpack[TranslationCreateParams]
    ) -> str: ...
    def create(self, *, response_format: Union[str, NotGiven] = NOT_GIVEN, **params: Any) -> Any:
        """Translate an audio ``file`` into English text, typed by ``response_format``."""
        _duration_header(self._client, params)
        return self._call(_by_format(_TRANSLATIONS, response_format), locals())


class Audio(APIResource):
    speech = subresource(Speech)
    transcriptions = subresource(Transcriptions)
    translations = subresource(Translations)
