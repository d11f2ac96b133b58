"""Parameters of ``completions``, ``embeddings``, ``moderations`` and ``images``."""

from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from typing_extensions import Literal, Required

from ..._multipart import FileInput
from ..._progress import OnProgress
from ..._types import RequestOptions

__all__ = [
    "CompletionCreateParams",
    "EmbeddingCreateParams",
    "ImageCreateVariationParams",
    "ImageEditParams",
    "ImageGenerateParams",
    "ModerationCreateParams",
]

Prompt = Union[str, List[str], Iterable[int], Iterable[Iterable[int]], None]


class CompletionCreateParams(RequestOptions, total=False):
    """``POST /completions``."""

    model: str
    prompt: Prompt
    best_of: Optional[int]
    echo: Optional[bool]
    frequency_penalty: Optional[float]
    logit_bias: Optional[Dict[str, int]]
    logprobs: Optional[int]
    max_tokens: Optional[int]
    n: Optional[int]
    presence_penalty: Optional[float]
    seed: Optional[int]
    stop: Union[Optional[str], List[str], None]
    stream_options: Optional[Mapping[str, Any]]
    suffix: Optional[str]
    temperature: Optional[float]
    top_p: Optional[float]
    user: str


class EmbeddingCreateParams(RequestOptions, total=False):
    """``POST /embeddings``."""

    input: Required[Union[str, List[str], Iterable[int], Iterable[Iterable[int]]]]
    model: str
    dimensions: int
    encoding_format: Literal["float", "base64"]
    user: str


class ModerationCreateParams(RequestOptions, total=False):
    """``POST /moderations``."""

    input: Required[Union[str, List[str], Iterable[Mapping[str, Any]]]]
    model: str


class ImageGenerateParams(RequestOptions, total=False):
    """``POST /images/generations``."""

    prompt: Required[str]
    background: Optional[Literal["transparent", "opaque", "auto"]]
    model: str
    moderation: Optional[Literal["low", "auto"]]
    n: Optional[int]
    output_compression: Optional[int]
    output_format: Optional[Literal["png", "jpeg", "webp"]]
    partial_images: Optional[int]
    quality: Optional[str]
    response_format: Optional[Literal["url", "b64_json"]]
    size: Optional[str]
    style: Optional[Literal["vivid", "natural"]]
    user: str


class ImageEditParams(RequestOptions, total=False):
    """``POST /images/edits`` (multipart: ``image`` is one file or a list, ``mask`` a file)."""

    image: Required[Union[FileInput, List[FileInput]]]
    prompt: Required[str]
    background: Optional[Literal["transparent", "opaque", "auto"]]
    input_fidelity: Optional[Literal["high", "low"]]
    mask: FileInput
    model: str
    n: Optional[int]
    output_compression: Optional[int]
    output_format: Optional[Literal["png", "jpeg", "webp"]]
    partial_images: Optional[int]
    quality: Optional[str]
    response_format: Optional[Literal["url", "b64_json"]]
    size: Optional[str]
    user: str
    on_progress: OnProgress


class ImageCreateVariationParams(RequestOptions, total=False):
    """``POST /images/variations`` (multipart, with the ``image``)."""

    image: Required[FileInput]
    model: str
    n: Optional[int]
    response_format: Optional[Literal["url", "b64_json"]]
    size: Optional[str]
    user: str
    on_progress: OnProgress
