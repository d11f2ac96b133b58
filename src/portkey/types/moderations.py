"""Moderation types (``/moderations``).

The category maps are typed, under openai-python's attribute names
(``categories.harassment_threatening``), and keep the wire's keys: ``to_dict()``, ``dict(...)``
and ``categories["harassment/threatening"]`` give them as sent, in their order, with the
categories this version does not know.
"""

from __future__ import annotations

from typing import Any, Dict, ItemsView, KeysView, List, Optional, ValuesView

import attrs

from .._models import BaseModel, ExtraField

__all__ = [
    "Categories",
    "CategoryAppliedInputTypes",
    "CategoryScores",
    "Moderation",
    "ModerationCreateResponse",
]


# Each category map is all unknown fields (the JSON as sent), read through ExtraField: its keys
# are not Python names. One attribute per category of openai-python's, its JSON key given.


class _CategoryMap(BaseModel):
    """A map of the categories as sent; read as a mapping too, as it was a dict before it was
    typed (``"hate" in m``, ``m.items()``; ``m["hate/threatening"]`` is BaseModel's)."""

    __slots__ = ()

    def _map(self) -> Dict[str, Any]:
        return getattr(self, "_extra", None) or {}

    def __contains__(self, key: object) -> bool:
        return key in self._map()

    def __len__(self) -> int:
        return len(self._map())

    def keys(self) -> KeysView[str]:
        return self._map().keys()

    def values(self) -> ValuesView[Any]:
        return self._map().values()

    def items(self) -> ItemsView[str, Any]:
        return self._map().items()

    def __repr__(self) -> str:
        names = {f.key: name for name, f in vars(type(self)).items() if isinstance(f, ExtraField)}
        fields = ", ".join(f"{names.get(k, k)}={v!r}" for k, v in self._map().items())
        return f"{type(self).__name__}({fields})"


@attrs.define(eq=False, repr=False)  # _CategoryMap's repr; BaseModel's __eq__
class Categories(_CategoryMap):
    """Whether the input is flagged under each category."""

    harassment = ExtraField[bool]()
    harassment_threatening = ExtraField[bool]("harassment/threatening")
    hate = ExtraField[bool]()
    hate_threatening = ExtraField[bool]("hate/threatening")
    illicit = ExtraField[bool]()
    illicit_violent = ExtraField[bool]("illicit/violent")
    self_harm = ExtraField[bool]("self-harm")
    self_harm_instructions = ExtraField[bool]("self-harm/instructions")
    self_harm_intent = ExtraField[bool]("self-harm/intent")
    sexual = ExtraField[bool]()
    sexual_minors = ExtraField[bool]("sexual/minors")
    violence = ExtraField[bool]()
    violence_graphic = ExtraField[bool]("violence/graphic")


@attrs.define(eq=False, repr=False)  # _CategoryMap's repr; BaseModel's __eq__
class CategoryScores(_CategoryMap):
    """The score of each category."""

    harassment = ExtraField[float]()
    harassment_threatening = ExtraField[float]("harassment/threatening")
    hate = ExtraField[float]()
    hate_threatening = ExtraField[float]("hate/threatening")
    illicit = ExtraField[float]()
    illicit_violent = ExtraField[float]("illicit/violent")
    self_harm = ExtraField[float]("self-harm")
    self_harm_instructions = ExtraField[float]("self-harm/instructions")
    self_harm_intent = ExtraField[float]("self-harm/intent")
    sexual = ExtraField[float]()
    sexual_minors = ExtraField[float]("sexual/minors")
    violence = ExtraField[float]()
    violence_graphic = ExtraField[float]("violence/graphic")


@attrs.define(eq=False, repr=False)  # _CategoryMap's repr; BaseModel's __eq__
class CategoryAppliedInputTypes(_CategoryMap):
    """The kinds of input (``"text"``, ``"image"``) each category's score reflects."""

    harassment = ExtraField[List[str]]()
    harassment_threatening = ExtraField[List[str]]("harassment/threatening")
    hate = ExtraField[List[str]]()
    hate_threatening = ExtraField[List[str]]("hate/threatening")
    illicit = ExtraField[List[str]]()
    illicit_violent = ExtraField[List[str]]("illicit/violent")
    self_harm = ExtraField[List[str]]("self-harm")
    self_harm_instructions = ExtraField[List[str]]("self-harm/instructions")
    self_harm_intent = ExtraField[List[str]]("self-harm/intent")
    sexual = ExtraField[List[str]]()
    sexual_minors = ExtraField[List[str]]("sexual/minors")
    violence = ExtraField[List[str]]()
    violence_graphic = ExtraField[List[str]]("violence/graphic")


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class Moderation(BaseModel):
    """The verdict on one input."""

    flagged: Optional[bool] = None
    categories: Optional[Categories] = None
    category_scores: Optional[CategoryScores] = None
    category_applied_input_types: Optional[CategoryAppliedInputTypes] = None


@attrs.define(eq=False)  # BaseModel.__eq__ also compares unknown fields
class ModerationCreateResponse(BaseModel):
    id: Optional[str] = None
    model: Optional[str] = None
    results: Optional[List[Moderation]] = None
