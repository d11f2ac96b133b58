"""``/prompts`` (Portkey routes): run or render a prompt saved in Portkey
(``/prompts/{prompt_id}/completions``, ``/render``), and the prompt library: prompts, their
versions, and prompt partials with theirs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Union, overload

from typing_extensions import Literal, Unpack

from .._generic import GenericResponse
from .._headers import option_headers
from .._types import RequestOptions
from ..types.params.portkey import PromptCompletionCreateParams, PromptRenderParams
from ..types.params.prompt_library import (
    PromptCreateParams,
    PromptListParams,
    PromptPartialCreateParams,
    PromptPartialListParams,
    PromptPartialPublishParams,
    PromptPartialUpdateParams,
    PromptPublishParams,
    PromptUpdateParams,
    PromptVersionUpdateParams,
)
from ..types.prompt_library import (
    Prompt,
    PromptCreateResponse,
    PromptPartial,
    PromptPartialCreateResponse,
    PromptPartialSummary,
    PromptPartialUpdateResponse,
    PromptPartialVersion,
    PromptSummary,
    PromptUpdateResponse,
    PromptVersionSummary,
)
from ..types.prompts import PromptCompletion, PromptCompletionChunk, PromptRender
from ._base import APIResource, Endpoint, subresource

# Annotations only: the stream and page modules load with the first stream or list.
if TYPE_CHECKING:
    from .._pagination import AsyncPaginator, SyncPage
    from .._streaming import AsyncStream, Stream

__all__ = [
    "AsyncPromptCompletions",
    "AsyncPromptPartialVersions",
    "AsyncPromptPartials",
    "AsyncPromptVersions",
    "AsyncPrompts",
    "PromptCompletions",
    "PromptPartialVersions",
    "PromptPartials",
    "PromptVersions",
    "Prompts",
]

# ``stream`` is always sent (default False), as the official SDK does.
_completions: Endpoint[PromptCompletion] = Endpoint(
    "POST",
    "/prompts/{prompt_id}/completions",
    PromptCompletion,
    params=PromptCompletionCreateParams,
    stream=PromptCompletionChunk,
)
_render: Endpoint[PromptRender] = Endpoint(
    "POST",
    "/prompts/{prompt_id}/render",
    PromptRender,
    params=PromptRenderParams,
    defaults={"stream": False},
)


# The prompt library. As in the official SDK: path parameters positional, the rest keywords
# (unknown ones refused), only the fields given sent, a PUT without fields sends ``{}``.
_PROMPT = "/prompts/{prompt_slug}"
_VERSION = _PROMPT + "/versions/{version_id}"
_create: Endpoint[PromptCreateResponse] = Endpoint(
    "POST", "/prompts", PromptCreateResponse, params=PromptCreateParams, strict=True
)
_list: Endpoint[Any] = Endpoint(
    "GET",
    "/prompts",
    object,
    params=PromptListParams,
    item=PromptSummary,
    page="page",
    strict=True,
)
_retrieve: Endpoint[Prompt] = Endpoint("GET", _PROMPT, Prompt, strict=True)
_update: Endpoint[PromptUpdateResponse] = Endpoint(
    "PUT", _PROMPT, PromptUpdateResponse, params=PromptUpdateParams, strict=True
)
_delete: Endpoint[GenericResponse] = Endpoint("DELETE", _PROMPT, GenericResponse, strict=True)
_publish: Endpoint[GenericResponse] = Endpoint(
    "PUT", _PROMPT + "/makeDefault", GenericResponse, params=PromptPublishParams, strict=True
)
# The spec answers a bare JSON array (the whole list); a {"data": [...]} page is read too.
_version_list: Endpoint[Any] = Endpoint(
    "GET", _PROMPT + "/versions", object, item=PromptVersionSummary, page="single", strict=True
)
_version_retrieve: Endpoint[Prompt] = Endpoint("GET", _VERSION, Prompt, strict=True)
_version_update: Endpoint[GenericResponse] = Endpoint(
    "PUT", _VERSION, GenericResponse, params=PromptVersionUpdateParams, strict=True
)

# Prompt partials (their lists too are one bare JSON array in the spec).
_PARTIAL = "/prompts/partials/{partial_slug}"
_partial_create: Endpoint[PromptPartialCreateResponse] = Endpoint(
    "POST",
    "/prompts/partials",
    PromptPartialCreateResponse,
    params=PromptPartialCreateParams,
    strict=True,
)
_partial_list: Endpoint[Any] = Endpoint(
    "GET",
    "/prompts/partials",
    object,
    params=PromptPartialListParams,
    item=PromptPartialSummary,
    page="single",
    strict=True,
)
_partial_retrieve: Endpoint[PromptPartial] = Endpoint("GET", _PARTIAL, PromptPartial, strict=True)
_partial_update: Endpoint[PromptPartialUpdateResponse] = Endpoint(
    "PUT", _PARTIAL, PromptPartialUpdateResponse, params=PromptPartialUpdateParams, strict=True
)
_partial_delete: Endpoint[GenericResponse] = Endpoint(
    "DELETE", _PARTIAL, GenericResponse, strict=True
)
_partial_publish: Endpoint[GenericResponse] = Endpoint(
    "PUT",
    _PARTIAL + "/makeDefault",
    GenericResponse,
    params=PromptPartialPublishParams,
    strict=True,
)
_partial_version_list: Endpoint[Any] = Endpoint(
    "GET", _PARTIAL + "/versions", object, item=PromptPartialVersion, page="single", strict=True
)


def _config_header(params: Dict[str, Any]) -> None:
    """``config`` is sent as this call's ``x-portkey-config`` (the caller's ``extra_headers``
    still win), not in the body."""
    config = params.pop("config", None)
    if config is not None:
        params["extra_headers"] = {
            **option_headers({"config": config}),
            **(params.get("extra_headers") or {}),
        }


# --- async: hand-written; the sync twin below is generated from it (tools/unasync.py)
class AsyncPromptCompletions(APIResource):
    @overload
    async def create(
        self,
        *,
        prompt_id: str,
        stream: Literal[False] = ...,
        **params: Unpack[PromptCompletionCreateParams],
    ) -> PromptCompletion: ...
    @overload
    async def create(
        self,
        *,
        prompt_id: str,
        stream: Literal[True],
        **params: Unpack[PromptCompletionCreateParams],
    ) -> AsyncStream[PromptCompletionChunk]: ...
    @overload
    async def create(
        self, *, prompt_id: str, stream: bool, **params: Unpack[PromptCompletionCreateParams]
    ) -> Union[PromptCompletion, AsyncStream[PromptCompletionChunk]]: ...
    async def create(
        self, *, prompt_id: str, stream: bool = False, **params: Any
    ) -> Union[PromptCompletion, AsyncStream[PromptCompletionChunk]]:
        """Run the saved prompt ``prompt_id`` with ``variables``; ``stream=True`` returns a
        stream of ``PromptCompletionChunk``. Other keywords go into the body (they override
        the prompt's own)."""
        _config_header(params)
        return await self._call(_completions, locals())


class AsyncPromptVersions(APIResource):
    def list(
        self, prompt_slug: str, **params: Unpack[RequestOptions]
    ) -> AsyncPaginator[PromptVersionSummary]:
        """Every version of a prompt (one page: the API answers them all at once)."""
        return self._list(_version_list, locals())

    async def retrieve(
        self, prompt_slug: str, version_id: str, **params: Unpack[RequestOptions]
    ) -> Prompt:
        """One version of a prompt, in full."""
        return await self._call(_version_retrieve, locals())

    async def update(
        self, prompt_slug: str, version_id: str, **params: Unpack[PromptVersionUpdateParams]
    ) -> GenericResponse:
        """Give a version a label (``label_id``); a version's content cannot change."""
        return await self._call(_version_update, locals())


class AsyncPromptPartialVersions(APIResource):
    def list(
        self, partial_slug: str, **params: Unpack[RequestOptions]
    ) -> AsyncPaginator[PromptPartialVersion]:
        """Every version of a prompt partial (one page: the API answers them all at once)."""
        return self._list(_partial_version_list, locals())


class AsyncPromptPartials(APIResource):
    versions = subresource(AsyncPromptPartialVersions)

    async def create(
        self, **params: Unpack[PromptPartialCreateParams]
    ) -> PromptPartialCreateResponse:
        """Save a prompt partial (its template ``string``) under ``name``."""
        return await self._call(_partial_create, locals())

    def list(
        self, **params: Unpack[PromptPartialListParams]
    ) -> AsyncPaginator[PromptPartialSummary]:
        """The prompt partials (of a collection), in one page."""
        return self._list(_partial_list, locals())

    async def retrieve(self, partial_slug: str, **params: Unpack[RequestOptions]) -> PromptPartial:
        """A prompt partial (its id or slug), with its default version's template."""
        return await self._call(_partial_retrieve, locals())

    async def update(
        self, partial_slug: str, **params: Unpack[PromptPartialUpdateParams]
    ) -> PromptPartialUpdateResponse:
        """Change a prompt partial; a new ``string`` makes a new version."""
        return await self._call(_partial_update, locals())

    async def delete(self, partial_slug: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Delete a prompt partial."""
        return await self._call(_partial_delete, locals())

    async def publish(
        self, partial_slug: str, **params: Unpack[PromptPartialPublishParams]
    ) -> GenericResponse:
        """Make version number ``version`` the partial's default."""
        return await self._call(_partial_publish, locals())


class AsyncPrompts(APIResource):
    completions = subresource(AsyncPromptCompletions)
    versions = subresource(AsyncPromptVersions)
    partials = subresource(AsyncPromptPartials)

    async def render(self, *, prompt_id: str, **params: Unpack[PromptRenderParams]) -> PromptRender:
        """Render the saved prompt ``prompt_id`` with ``variables``, without running it:
        ``.data`` is the request it makes (messages or prompt, model, parameters)."""
        return await self._call(_render, locals())

    async def create(self, **params: Unpack[PromptCreateParams]) -> PromptCreateResponse:
        """Save a prompt template (``string``, model ``parameters``, ...) in a collection."""
        return await self._call(_create, locals())

    def list(self, **params: Unpack[PromptListParams]) -> AsyncPaginator[PromptSummary]:
        """The prompts (of a collection, a workspace, matching ``search``), page by page."""
        return self._list(_list, locals())

    async def retrieve(self, prompt_slug: str, **params: Unpack[RequestOptions]) -> Prompt:
        """A prompt (its id or slug), with its default version's template."""
        return await self._call(_retrieve, locals())

    async def update(
        self, prompt_slug: str, **params: Unpack[PromptUpdateParams]
    ) -> PromptUpdateResponse:
        """Change a prompt's metadata; new template fields make a new version."""
        return await self._call(_update, locals())

    async def delete(self, prompt_slug: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Delete a prompt."""
        return await self._call(_delete, locals())

    async def publish(
        self, prompt_slug: str, **params: Unpack[PromptPublishParams]
    ) -> GenericResponse:
        """Make version number ``version`` the prompt's default."""
        return await self._call(_publish, locals())


# --- sync: generated by tools/unasync.py from the async classes above; do not edit
class PromptCompletions(APIResource):
    @overload
    def create(
        self,
        *,
        prompt_id: str,
        stream: Literal[False] = ...,
        **params: Unpack[PromptCompletionCreateParams],
    ) -> PromptCompletion: ...
    @overload
    def create(
        self,
        *,
        prompt_id: str,
        stream: Literal[True],
        **params: Unpack[PromptCompletionCreateParams],
    ) -> Stream[PromptCompletionChunk]: ...
    @overload
    def create(
        self, *, prompt_id: str, stream: bool, **params: Unpack[PromptCompletionCreateParams]
    ) -> Union[PromptCompletion, Stream[PromptCompletionChunk]]: ...
    def create(
        self, *, prompt_id: str, stream: bool = False, **params: Any
    ) -> Union[PromptCompletion, Stream[PromptCompletionChunk]]:
        """Run the saved prompt ``prompt_id`` with ``variables``; ``stream=True`` returns a
        stream of ``PromptCompletionChunk``. Other keywords go into the body (they override
        the prompt's own)."""
        _config_header(params)
        return self._call(_completions, locals())


class PromptVersions(APIResource):
    def list(
        self, prompt_slug: str, **params: Unpack[RequestOptions]
    ) -> SyncPage[PromptVersionSummary]:
        """Every version of a prompt (one page: the API answers them all at once)."""
        return self._list(_version_list, locals())

    def retrieve(
        self, prompt_slug: str, version_id: str, **params: Unpack[RequestOptions]
    ) -> Prompt:
        """One version of a prompt, in full."""
        return self._call(_version_retrieve, locals())

    def update(
        self, prompt_slug: str, version_id: str, **params: Unpack[PromptVersionUpdateParams]
    ) -> GenericResponse:
        """Give a version a label (``label_id``); a version's content cannot change."""
        return self._call(_version_update, locals())


class PromptPartialVersions(APIResource):
    def list(
        self, partial_slug: str, **params: Unpack[RequestOptions]
    ) -> SyncPage[PromptPartialVersion]:
        """Every version of a prompt partial (one page: the API answers them all at once)."""
        return self._list(_partial_version_list, locals())


class PromptPartials(APIResource):
    versions = subresource(PromptPartialVersions)

    def create(self, **params: Unpack[PromptPartialCreateParams]) -> PromptPartialCreateResponse:
        """Save a prompt partial (its template ``string``) under ``name``."""
        return self._call(_partial_create, locals())

    def list(self, **params: Unpack[PromptPartialListParams]) -> SyncPage[PromptPartialSummary]:
        """The prompt partials (of a collection), in one page."""
        return self._list(_partial_list, locals())

    def retrieve(self, partial_slug: str, **params: Unpack[RequestOptions]) -> PromptPartial:
        """A prompt partial (its id or slug), with its default version's template."""
        return self._call(_partial_retrieve, locals())

    def update(
        self, partial_slug: str, **params: Unpack[PromptPartialUpdateParams]
    ) -> PromptPartialUpdateResponse:
        """Change a prompt partial; a new ``string`` makes a new version."""
        return self._call(_partial_update, locals())

    def delete(self, partial_slug: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Delete a prompt partial."""
        return self._call(_partial_delete, locals())

    def publish(
        self, partial_slug: str, **params: Unpack[PromptPartialPublishParams]
    ) -> GenericResponse:
        """Make version number ``version`` the partial's default."""
        return self._call(_partial_publish, locals())


class Prompts(APIResource):
    completions = subresource(PromptCompletions)
    versions = subresource(PromptVersions)
    partials = subresource(PromptPartials)

    def render(self, *, prompt_id: str, **params: Unpack[PromptRenderParams]) -> PromptRender:
        """Render the saved prompt ``prompt_id`` with ``variables``, without running it:
        ``.data`` is the request it makes (messages or prompt, model, parameters)."""
        return self._call(_render, locals())

    def create(self, **params: Unpack[PromptCreateParams]) -> PromptCreateResponse:
        """Save a prompt template (``string``, model ``parameters``, ...) in a collection."""
        return self._call(_create, locals())

    def list(self, **params: Unpack[PromptListParams]) -> SyncPage[PromptSummary]:
        """The prompts (of a collection, a workspace, matching ``search``), page by page."""
        return self._list(_list, locals())

    def retrieve(self, prompt_slug: str, **params: Unpack[RequestOptions]) -> Prompt:
        """A prompt (its id or slug), with its default version's template."""
        return self._call(_retrieve, locals())

    def update(
        self, prompt_slug: str, **params: Unpack[PromptUpdateParams]
    ) -> PromptUpdateResponse:
        """Change a prompt's metadata; new template fields make a new version."""
        return self._call(_update, locals())

    def delete(self, prompt_slug: str, **params: Unpack[RequestOptions]) -> GenericResponse:
        """Delete a prompt."""
        return self._call(_delete, locals())

    def publish(self, prompt_slug: str, **params: Unpack[PromptPublishParams]) -> GenericResponse:
        """Make version number ``version`` the prompt's default."""
        return self._call(_publish, locals())
