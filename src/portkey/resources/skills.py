"""``/skills``: skills (create from files, retrieve, set the default version, list, delete,
download) and their versions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from typing_extensions import Unpack

from .._binary import BinaryResponse
from .._types import RequestOptions
from ..types.params.skills import (
    SkillCreateParams,
    SkillListParams,
    SkillUpdateParams,
    SkillVersionCreateParams,
)
from ..types.skills import DeletedSkill, DeletedSkillVersion, Skill, SkillVersion
from ._base import APIResource, Endpoint, subresource

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage

__all__ = [
    "AsyncSkillContent",
    "AsyncSkillVersionContent",
    "AsyncSkillVersions",
    "AsyncSkills",
    "SkillContent",
    "SkillVersionContent",
    "SkillVersions",
    "Skills",
]

_SKILL = "/skills/{skill_id}"
_VERSION = "/skills/{skill_id}/versions/{version}"
_BINARY = {"Accept": "application/binary"}

# With files the call is a multipart form, without them JSON (as openai-python).
_create_upload: Endpoint[Skill] = Endpoint(
    "POST", "/skills", Skill, params=SkillCreateParams, files=("files",)
)
_create_json: Endpoint[Skill] = Endpoint("POST", "/skills", Skill, params=SkillCreateParams)
_retrieve: Endpoint[Skill] = Endpoint("GET", _SKILL, Skill)
_update: Endpoint[Skill] = Endpoint("POST", _SKILL, Skill, params=SkillUpdateParams)
_list: Endpoint[Any] = Endpoint("GET", "/skills", object, params=SkillListParams, item=Skill)
# body=True: the official sends {} with these DELETEs (its wrapper always passes extra_body).
_delete: Endpoint[DeletedSkill] = Endpoint("DELETE", _SKILL, DeletedSkill, body=True)
_content: Endpoint[BinaryResponse] = Endpoint(
    "GET", _SKILL + "/content", BinaryResponse, headers=_BINARY
)

_version_upload: Endpoint[SkillVersion] = Endpoint(
    "POST",
    _SKILL + "/versions",
    SkillVersion,
    params=SkillVersionCreateParams,
    files=("files",),
)
_version_json: Endpoint[SkillVersion] = Endpoint(
    "POST", _SKILL + "/versions", SkillVersion, params=SkillVersionCreateParams
)
_version_retrieve: Endpoint[SkillVersion] = Endpoint("GET", _VERSION, SkillVersion)
_version_list: Endpoint[Any] = Endpoint(
    "GET", _SKILL + "/versions", object, params=SkillListParams, item=SkillVersion
)
_version_delete: Endpoint[DeletedSkillVersion] = Endpoint(
    "DELETE", _VERSION, DeletedSkillVersion, body=True
)
_version_content: Endpoint[BinaryResponse] = Endpoint(
    "GET", _VERSION + "/content", BinaryResponse, headers=_BINARY
)


def _create(params: Mapping[str, Any]) -> Endpoint[Skill]:
    return _create_upload if "files" in params else _create_json


def _version_create(params: Mapping[str, Any]) -> Endpoint[SkillVersion]:
    return _version_upload if "files" in params else _version_json


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncSkillContent(APIResource):
    async def retrieve(self, skill_id: str, **params: Unpack[RequestOptions]) -> BinaryResponse:
        """A skill's files, zipped (``.content``, ``.write_to_file(path)``)."""
        return await self._call(_content, locals())


class AsyncSkillVersionContent(APIResource):
    async def retrieve(
        self, version: str, *, skill_id: str, **params: Unpack[RequestOptions]
    ) -> BinaryResponse:
        """A skill version's files, zipped (``.content``, ``.write_to_file(path)``)."""
        return await self._call(_version_content, locals())


class AsyncSkillVersions(APIResource):
    content = subresource(AsyncSkillVersionContent)

    async def create(
        self, skill_id: str, **params: Unpack[SkillVersionCreateParams]
    ) -> SkillVersion:
        """Add a version to a skill from ``files`` (``default=True`` makes it the default)."""
        return await self._call(_version_create(params), locals())

    async def retrieve(
        self, version: str, *, skill_id: str, **params: Unpack[RequestOptions]
    ) -> SkillVersion:
        """One version of a skill."""
        return await self._call(_version_retrieve, locals())

    def list(
        self, skill_id: str, **params: Unpack[SkillListParams]
    ) -> AsyncPaginator[SkillVersion]:
        """A skill's versions, page by page."""
        return self._list(_version_list, locals())

    async def delete(
        self, version: str, *, skill_id: str, **params: Unpack[RequestOptions]
    ) -> DeletedSkillVersion:
        """Delete a version of a skill."""
        return await self._call(_version_delete, locals())


class AsyncSkills(APIResource):
    content = subresource(AsyncSkillContent)
    versions = subresource(AsyncSkillVersions)

    async def create(self, **params: Unpack[SkillCreateParams]) -> Skill:
        """Create a skill from ``files`` (a zip, or the files of a folder; bytes, binary file
        objects, paths or ``(filename, content)`` tuples)."""
        return await self._call(_create(params), locals())

    async def retrieve(self, skill_id: str, **params: Unpack[RequestOptions]) -> Skill:
        """A skill."""
        return await self._call(_retrieve, locals())

    async def update(self, skill_id: str, **params: Unpack[SkillUpdateParams]) -> Skill:
        """Set a skill's ``default_version``."""
        return await self._call(_update, locals())

    def list(self, **params: Unpack[SkillListParams]) -> AsyncPaginator[Skill]:
        """The skills, page by page."""
        return self._list(_list, locals())

    async def delete(self, skill_id: str, **params: Unpack[RequestOptions]) -> DeletedSkill:
        """Delete a skill."""
        return await self._call(_delete, locals())


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class SkillContent(APIResource):
    def retrieve(self, skill_id: str, **params: Unpack[RequestOptions]) -> BinaryResponse:
        """A skill's files, zipped (``.content``, ``.write_to_file(path)``)."""
        return self._call(_content, locals())


class SkillVersionContent(APIResource):
    def retrieve(
        self, version: str, *, skill_id: str, **params: Unpack[RequestOptions]
    ) -> BinaryResponse:
        """A skill version's files, zipped (``.content``, ``.write_to_file(path)``)."""
        return self._call(_version_content, locals())


class SkillVersions(APIResource):
    content = subresource(SkillVersionContent)

    def create(self, skill_id: str, **params: Unpack[SkillVersionCreateParams]) -> SkillVersion:
        """Add a version to a skill from ``files`` (``default=True`` makes it the default)."""
        return self._call(_version_create(params), locals())

    def retrieve(
        self, version: str, *, skill_id: str, **params: Unpack[RequestOptions]
    ) -> SkillVersion:
        """One version of a skill."""
        return self._call(_version_retrieve, locals())

    def list(self, skill_id: str, **params: Unpack[SkillListParams]) -> SyncPage[SkillVersion]:
        """A skill's versions, page by page."""
        return self._list(_version_list, locals())

    def delete(
        self, version: str, *, skill_id: str, **params: Unpack[RequestOptions]
    ) -> DeletedSkillVersion:
        """Delete a version of a skill."""
        return self._call(_version_delete, locals())


class Skills(APIResource):
    content = subresource(SkillContent)
    versions = subresource(SkillVersions)

    def create(self, **params: Unpack[SkillCreateParams]) -> Skill:
        """Create a skill from ``files`` (a zip, or the files of a folder; bytes, binary file
        objects, paths or ``(filename, content)`` tuples)."""
        return self._call(_create(params), locals())

    def retrieve(self, skill_id: str, **params: Unpack[RequestOptions]) -> Skill:
        """A skill."""
        return self._call(_retrieve, locals())

    def update(self, skill_id: str, **params: Unpack[SkillUpdateParams]) -> Skill:
        """Set a skill's ``default_version``."""
        return self._call(_update, locals())

    def list(self, **params: Unpack[SkillListParams]) -> SyncPage[Skill]:
        """The skills, page by page."""
        return self._list(_list, locals())

    def delete(self, skill_id: str, **params: Unpack[RequestOptions]) -> DeletedSkill:
        """Delete a skill."""
        return self._call(_delete, locals())
