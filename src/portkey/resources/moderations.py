"""``/moderations``."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Union

from .._types import NOT_GIVEN, Call, NotGiven, split_options
from ..types.moderations import ModerationCreateResponse
from ._base import APIResource

__all__ = ["AsyncModerations", "Moderations"]

Input = Union[str, List[str], Iterable[Any]]


def create_call(
    input: Input, model: Union[str, NotGiven], params: Dict[str, Any]
) -> Call[ModerationCreateResponse]:
    """``POST /moderations``: ``model`` is sent only when given; other keyword parameters
    pass through to the JSON body."""
    options = split_options(params)
    sent: Any = input
    if not isinstance(input, (str, list, dict)):
        sent = list(input)  # an iterable of strings or multi-modal parts
    body: Dict[str, Any] = {"input": sent}
    if not isinstance(model, NotGiven):
        body["model"] = model
    return Call(
        "POST", "/moderations", ModerationCreateResponse, body=body, params=params, options=options
    )


class Moderations(APIResource):
    def create(
        self, *, input: Input, model: Union[str, NotGiven] = NOT_GIVEN, **params: Any
    ) -> ModerationCreateResponse:
        """Classify ``input`` (a string, a list of strings, or multi-modal parts). The
        category maps keep the wire's keys: ``result.categories["hate/threatening"]``.

        Takes the per-call options ``extra_headers``, ``extra_query``, ``extra_body``,
        ``timeout`` and ``max_retries``.
        """
        return self._call(create_call(input, model, params))  # type: ignore[no-any-return]


class AsyncModerations(APIResource):
    async def create(
        self, *, input: Input, model: Union[str, NotGiven] = NOT_GIVEN, **params: Any
    ) -> ModerationCreateResponse:
        """Classify ``input`` (see ``Moderations.create``)."""
        return await self._call(create_call(input, model, params))  # type: ignore[no-any-return]
