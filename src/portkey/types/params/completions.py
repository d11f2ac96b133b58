"""Parameters of ``completions``, ``embeddings``, ``moderations`` and ``images``."""

from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from typing_extensions import Literal, Required

from ..._types import RequestOptions

__all__ = [
    "CompletionCreateParams",
    "EmbeddingCreateParams",
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
