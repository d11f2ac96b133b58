"""``/feedback`` (a Portkey route): feedback on a traced request, one at a time or in bulk."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Union
from urllib.parse import quote

from .._types import NOT_GIVEN, Call, NotGiven, split_options
from ..types.feedback import FeedbackResponse
from ._base import APIResource

__all__ = ["AsyncFeedback", "Feedback"]


def _given(**fields: Any) -> Dict[str, Any]:
    """The fields the caller passed: omitted ones are not sent (None is sent as null)."""
    return {name: value for name, value in fields.items() if not isinstance(value, NotGiven)}


def create_call(fields: Dict[str, Any], params: Dict[str, Any]) -> Call[FeedbackResponse]:
    """``POST /feedback`` with one feedback; other keyword parameters pass through."""
    options = split_options(params)
    return Call("POST", "/feedback", FeedbackResponse, body=fields, params=params, options=options)


def bulk_create_call(
    feedbacks: List[Mapping[str, Any]], params: Dict[str, Any]
) -> Call[FeedbackResponse]:
    """``POST /feedback`` whose body is the JSON list of feedbacks."""
    options = split_options(params)
    if params:
        raise TypeError(f"bulk_create() got unexpected keyword arguments: {sorted(params)}")
    return Call("POST", "/feedback", FeedbackResponse, body=list(feedbacks), options=options)


def update_call(
    feedback_id: str, fields: Dict[str, Any], params: Dict[str, Any]
) -> Call[FeedbackResponse]:
    """``PUT /feedback/{feedback_id}``."""
    if not isinstance(feedback_id, str) or not feedback_id:
        raise TypeError(f"feedback_id must be a non-empty str, not {feedback_id!r}")
    options = split_options(params)
    return Call(
        "PUT",
        f"/feedback/{quote(feedback_id, safe='')}",
        FeedbackResponse,
        body=fields,
        params=params,
        options=options,
    )


class Feedback(APIResource):
    def create(
        self,
        *,
        trace_id: Union[str, NotGiven] = NOT_GIVEN,
        value: Union[int, NotGiven] = NOT_GIVEN,
        weight: Union[float, NotGiven] = NOT_GIVEN,
        metadata: Union[Mapping[str, Any], NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> FeedbackResponse:
        """Give feedback on the request traced as ``trace_id``: a ``value`` (-10 to 10), a
        ``weight`` (0 to 1) and ``metadata``. Only the fields given are sent.

        Takes the per-call options ``extra_headers``, ``extra_query``, ``extra_body``,
        ``timeout`` and ``max_retries``.
        """
        fields = _given(trace_id=trace_id, value=value, weight=weight, metadata=metadata)
        return self._call(create_call(fields, params))  # type: ignore[no-any-return]

    def bulk_create(
        self, *, feedbacks: List[Mapping[str, Any]], **options: Any
    ) -> FeedbackResponse:
        """Several feedbacks in one request (each a dict with ``trace_id``, ``value``, ...)."""
        return self._call(bulk_create_call(feedbacks, options))  # type: ignore[no-any-return]

    def update(
        self,
        *,
        feedback_id: str,
        value: Union[int, NotGiven] = NOT_GIVEN,
        weight: Union[float, NotGiven] = NOT_GIVEN,
        metadata: Union[Mapping[str, Any], NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> FeedbackResponse:
        """Change a feedback given earlier (its id is in ``create``'s ``feedback_ids``)."""
        fields = _given(value=value, weight=weight, metadata=metadata)
        return self._call(update_call(feedback_id, fields, params))  # type: ignore[no-any-return]


class AsyncFeedback(APIResource):
    async def create(
        self,
        *,
        trace_id: Union[str, NotGiven] = NOT_GIVEN,
        value: Union[int, NotGiven] = NOT_GIVEN,
        weight: Union[float, NotGiven] = NOT_GIVEN,
        metadata: Union[Mapping[str, Any], NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> FeedbackResponse:
        """Give feedback on the request traced as ``trace_id`` (see ``Feedback.create``)."""
        fields = _given(trace_id=trace_id, value=value, weight=weight, metadata=metadata)
        return await self._call(create_call(fields, params))  # type: ignore[no-any-return]

    async def bulk_create(
        self, *, feedbacks: List[Mapping[str, Any]], **options: Any
    ) -> FeedbackResponse:
        """Several feedbacks in one request."""
        return await self._call(bulk_create_call(feedbacks, options))  # type: ignore[no-any-return]

    async def update(
        self,
        *,
        feedback_id: str,
        value: Union[int, NotGiven] = NOT_GIVEN,
        weight: Union[float, NotGiven] = NOT_GIVEN,
        metadata: Union[Mapping[str, Any], NotGiven] = NOT_GIVEN,
        **params: Any,
    ) -> FeedbackResponse:
        """Change a feedback given earlier."""
        fields = _given(value=value, weight=weight, metadata=metadata)
        return await self._call(update_call(feedback_id, fields, params))  # type: ignore[no-any-return]
