"""Parameters of ``skills`` (and their versions)."""

from typing import List, Union

from typing_extensions import Literal, Required

from ..._multipart import FileInput
from ..._progress import OnProgress
from ..._types import RequestOptions

__all__ = [
    "SkillCreateParams",
    "SkillListParams",
    "SkillUpdateParams",
    "SkillVersionCreateParams",
]


class SkillCreateParams(RequestOptions, total=False):
    """``POST /skills``: the skill's files (one, or a list; a zip or the files of a folder)."""

    files: Union[List[FileInput], FileInput]
    on_progress: OnProgress


class SkillUpdateParams(RequestOptions, total=False):
    """``POST /skills/{skill_id}``: which version is the default."""

    default_version: Required[str]


class SkillListParams(RequestOptions, total=False):
    """``GET /skills`` and ``GET /skills/{skill_id}/versions``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]


class SkillVersionCreateParams(RequestOptions, total=False):
    """``POST /skills/{skill_id}/versions``."""

    default: bool
    files: Union[List[FileInput], FileInput]
    on_progress: OnProgress
