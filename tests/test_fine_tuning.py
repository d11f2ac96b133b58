"""fine_tuning through respx, sync and async: jobs (create with each method, retrieve, list,
cancel, pause, resume, events), job checkpoints, checkpoint permissions and the alpha graders.

Bodies are OpenAI's documented examples (tests/fixtures/recorded/27_*.json). The expected
requests are what the official ``portkey-ai`` 2.3.4 sent for the same calls (method, path,
query, JSON body; captured once against respx), except pause/resume, which the official wrapper
lacks: those follow openai-python (``POST .../pause`` with ``{}``, as its cancel).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

import httpx
import pytest
import respx

from portkey import AsyncPortkey, NotFoundError, Portkey
from portkey._pagination import AsyncPage, SyncPage
from portkey.types.fine_tuning import (
    DpoMethod,
    FineTuningJob,
    FineTuningJobCheckpoint,
    FineTuningJobEvent,
    GraderRunResponse,
    GraderValidateResponse,
    PermissionCreateResponse,
    PermissionDeleteResponse,
    PermissionRetrieveResponse,
    ReinforcementMethod,
    StringCheckGrader,
    SupervisedMethod,
)

BASE = "http://gateway.test/v1"
EXAMPLES: Dict[str, Any] = json.loads(
    (
        Path(__file__).parent
        / "fixtures"
        / "recorded"
        / "27_openai_spec_examples_fine_tuning_evals.json"
    ).read_text()
)
JOB = "/fine_tuning/jobs/{fine_tuning_job_id}"
PERMS = "/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions"
CKPT = "ft:gpt-4o-mini:org:ckpt:1"


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


def example(key: str) -> Any:
    return EXAMPLES[key]


class Case:
    """One call: what the method is given, what goes on the wire, which example answers."""

    def __init__(
        self,
        name: str,
        call: Callable[[Any], Any],
        method: str,
        path: str,
        answer: str,
        *,
        query: str = "",
        body: Optional[Dict[str, Any]] = None,
        check: Callable[[Any], None] = lambda result: None,
    ) -> None:
        self.name, self.call, self.method, self.path = name, call, method, path
        self.answer, self.query, self.body, self.check = answer, query, body, check


def _check_dpo(job: Any) -> None:
    assert isinstance(job, FineTuningJob) and job.id == "ftjob-abc"
    assert job.method is not None and job.method.type == "dpo"
    assert isinstance(job.method.dpo, DpoMethod)
    assert job.method.dpo.hyperparameters is not None
    assert job.method.dpo.hyperparameters.beta == 0.1


def _check_reinforcement(job: Any) -> None:
    assert job.method.type == "reinforcement"
    assert isinstance(job.method.reinforcement, ReinforcementMethod)
    grader = job.method.reinforcement.grader
    assert isinstance(grader, StringCheckGrader) and grader.operation == "eq"
    assert job.method.reinforcement.hyperparameters.reasoning_effort == "medium"


def _check_supervised(job: Any) -> None:
    assert isinstance(job.method.supervised, SupervisedMethod)
    assert job.method.supervised.hyperparameters.n_epochs == 2


def _check_events(page: Any) -> None:
    assert all(isinstance(e, FineTuningJobEvent) for e in page.data) and page.data
    assert page.data[0].level == "info" and page.data[0].object == "fine_tuning.job.event"


def _check_checkpoints(page: Any) -> None:
    first = page.data[0]
    assert isinstance(first, FineTuningJobCheckpoint)
    assert first.metrics is not None and first.metrics.full_valid_loss == 0.134
    assert first.step_number == 2000


def _check_permissions(page: Any) -> None:
    assert [type(p) for p in page.data] == [PermissionCreateResponse]
    assert page.data[0].project_id == "proj_abGMw1llN8IrBb6SvvY5A1iH"


def _check_grader_run(result: Any) -> None:
    assert isinstance(result, GraderRunResponse)
    assert result.reward == 1.0 and result.metadata.type == "score_model"


def _check_validate(result: Any) -> None:
    assert isinstance(result, GraderValidateResponse)
    assert (
        isinstance(result.grader, StringCheckGrader) and result.grader.reference == "{{item.label}}"
    )


CASES: List[Case] = [
    Case(
        "jobs.create",
        lambda c: c.fine_tuning.jobs.create(
            model="m", training_file="f", method={"type": "dpo"}, suffix="s", metadata={"a": "b"}
        ),
        "POST",
        "/fine_tuning/jobs",
        "POST /fine_tuning/jobs | DPO",
        body={
            "model": "m",
            "training_file": "f",
            "method": {"type": "dpo"},
            "suffix": "s",
            "metadata": {"a": "b"},
        },
        check=_check_dpo,
    ),
    Case(
        "jobs.create reinforcement",
        lambda c: c.fine_tuning.jobs.create(model="o4-mini", training_file="file-abc", seed=1),
        "POST",
        "/fine_tuning/jobs",
        "POST /fine_tuning/jobs | Reinforcement",
        body={"model": "o4-mini", "training_file": "file-abc", "seed": 1},
        check=_check_reinforcement,
    ),
    Case(
        "jobs.create supervised",
        lambda c: c.fine_tuning.jobs.create(
            model="m", training_file="f", hyperparameters={"n_epochs": 2}, validation_file=None
        ),
        "POST",
        "/fine_tuning/jobs",
        "POST /fine_tuning/jobs | Epochs",
        body={
            "model": "m",
            "training_file": "f",
            "hyperparameters": {"n_epochs": 2},
            "validation_file": None,
        },
        check=_check_supervised,
    ),
    Case(
        "jobs.retrieve",
        lambda c: c.fine_tuning.jobs.retrieve("ft-1"),
        "GET",
        JOB.format(fine_tuning_job_id="ft-1"),
        "GET /fine_tuning/jobs/{fine_tuning_job_id}",
        check=lambda job: (
            (isinstance(job, FineTuningJob) and job.status == "succeeded") or pytest.fail(repr(job))
        ),
    ),
    Case(
        "jobs.cancel",
        lambda c: c.fine_tuning.jobs.cancel("ft-1"),
        "POST",
        JOB.format(fine_tuning_job_id="ft-1") + "/cancel",
        "POST /fine_tuning/jobs/{fine_tuning_job_id}/cancel",
        body={},
        check=lambda job: job.status == "cancelled" or pytest.fail(repr(job)),
    ),
    Case(
        "jobs.pause",
        lambda c: c.fine_tuning.jobs.pause("ft-1"),
        "POST",
        JOB.format(fine_tuning_job_id="ft-1") + "/pause",
        "POST /fine_tuning/jobs/{fine_tuning_job_id}/pause",
        body={},
        check=lambda job: job.status == "paused" or pytest.fail(repr(job)),
    ),
    Case(
        "jobs.resume",
        lambda c: c.fine_tuning.jobs.resume("ft-1"),
        "POST",
        JOB.format(fine_tuning_job_id="ft-1") + "/resume",
        "POST /fine_tuning/jobs/{fine_tuning_job_id}/resume",
        body={},
        check=lambda job: job.status == "queued" or pytest.fail(repr(job)),
    ),
    Case(
        "jobs.list_events",
        lambda c: c.fine_tuning.jobs.list_events("ft-1", limit=3),
        "GET",
        JOB.format(fine_tuning_job_id="ft-1") + "/events",
        "GET /fine_tuning/jobs/{fine_tuning_job_id}/events",
        query="limit=3",
        check=_check_events,
    ),
    Case(
        "jobs.checkpoints.list",
        lambda c: c.fine_tuning.jobs.checkpoints.list("ft-1", limit=3, after="c"),
        "GET",
        JOB.format(fine_tuning_job_id="ft-1") + "/checkpoints",
        "GET /fine_tuning/jobs/{fine_tuning_job_id}/checkpoints",
        query="after=c&limit=3",
        check=_check_checkpoints,
    ),
    Case(
        "permissions.create",
        lambda c: c.fine_tuning.checkpoints.permissions.create(CKPT, project_ids=["p"]),
        "POST",
        PERMS.format(fine_tuned_model_checkpoint=CKPT),
        "POST /fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions",
        body={"project_ids": ["p"]},
        check=_check_permissions,
    ),
    Case(
        "permissions.list",
        lambda c: c.fine_tuning.checkpoints.permissions.list(CKPT, project_id="p", limit=1),
        "GET",
        PERMS.format(fine_tuned_model_checkpoint=CKPT),
        "GET /fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions",
        query="limit=1&project_id=p",
        check=lambda page: (
            [p.id for p in page.data]
            == ["cp_zc4Q7MP6XxulcVzj4MZdwsAB", "cp_enQCFmOTGj3syEpYVhBRLTSy"]
            or pytest.fail(repr(page.data))
        ),
    ),
    Case(
        "permissions.delete",
        lambda c: c.fine_tuning.checkpoints.permissions.delete(
            "cp_1", fine_tuned_model_checkpoint=CKPT
        ),
        "DELETE",
        PERMS.format(fine_tuned_model_checkpoint=CKPT) + "/cp_1",
        "DELETE /fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions/{permission_id}",
        body={},
        check=lambda r: (
            (isinstance(r, PermissionDeleteResponse) and r.deleted is True) or pytest.fail(repr(r))
        ),
    ),
    Case(
        "graders.run",
        lambda c: c.fine_tuning.alpha.graders.run(
            grader={"type": "string_check"}, model_sample="x", item={"a": 1}
        ),
        "POST",
        "/fine_tuning/alpha/graders/run",
        "POST /fine_tuning/alpha/graders/run | Score text alignment",
        body={"grader": {"type": "string_check"}, "model_sample": "x", "item": {"a": 1}},
        check=_check_grader_run,
    ),
    Case(
        "graders.validate",
        lambda c: c.fine_tuning.alpha.graders.validate(grader={"type": "string_check"}),
        "POST",
        "/fine_tuning/alpha/graders/validate",
        "POST /fine_tuning/alpha/graders/validate",
        body={"grader": {"type": "string_check"}},
        check=_check_validate,
    ),
]


def _route(mock: respx.MockRouter, case: Case) -> respx.Route:
    return mock.route(method=case.method, path=case.path).mock(
        return_value=httpx.Response(200, json=example(case.answer))
    )


def _check_wire(route: respx.Route, case: Case) -> None:
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.url.query.decode() == case.query
    if case.body is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == case.body
    assert request.headers["x-portkey-api-key"] == "sk-test"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_sync_call_sends_what_the_official_sends(mock: respx.MockRouter, case: Case) -> None:
    route = _route(mock, case)
    client = Portkey(base_url=BASE, api_key="sk-test")
    result = case.call(client)
    _check_wire(route, case)
    case.check(result)
    if isinstance(result, SyncPage):
        assert result.data


@pytest.mark.anyio
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_async_call_sends_what_the_official_sends(mock: respx.MockRouter, case: Case) -> None:
    route = _route(mock, case)
    client = AsyncPortkey(base_url=BASE, api_key="sk-test")
    result = await case.call(client)
    _check_wire(route, case)
    case.check(result)
    if isinstance(result, AsyncPage):
        assert result.data


def _job(i: int) -> Dict[str, Any]:
    job = dict(example("GET /fine_tuning/jobs")["data"][0])
    job["id"] = f"ftjob-{i}"
    return job


def _pages(request: httpx.Request) -> httpx.Response:
    after = request.url.params.get("after")
    ids = {None: (1, 2), "ftjob-2": (3, 4), "ftjob-4": (5,)}[after]
    more = after != "ftjob-4"
    return httpx.Response(
        200, json={"object": "list", "data": [_job(i) for i in ids], "has_more": more}
    )


def test_jobs_list_walks_every_page_with_the_metadata_filter(mock: respx.MockRouter) -> None:
    route = mock.get("/fine_tuning/jobs").mock(side_effect=_pages)
    client = Portkey(base_url=BASE, api_key="sk-test")
    page = client.fine_tuning.jobs.list(limit=2, after=None, metadata={"k": "v"})
    assert [job.id for job in page] == [f"ftjob-{i}" for i in range(1, 6)]
    queries = [call.request.url.query.decode() for call in route.calls]
    # The first is what the official sent (limit before metadata, brackets for the dict).
    assert queries[1:] == [
        "after=ftjob-2&limit=2&metadata%5Bk%5D=v",
        "after=ftjob-4&limit=2&metadata%5Bk%5D=v",
    ]


def test_jobs_list_query_is_the_officials(mock: respx.MockRouter) -> None:
    route = mock.get("/fine_tuning/jobs").mock(
        return_value=httpx.Response(200, json=example("GET /fine_tuning/jobs"))
    )
    page = Portkey(base_url=BASE, api_key="sk-test").fine_tuning.jobs.list(
        limit=2, after="a", metadata={"k": "v"}
    )
    assert route.calls.last.request.url.query == b"after=a&limit=2&metadata%5Bk%5D=v"
    assert page.data[0].metadata == {"key": "value"} and page.has_next_page()


@pytest.mark.anyio
async def test_async_events_are_walked_page_by_page(mock: respx.MockRouter) -> None:
    def events(request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("after")
        data = [{"object": "fine_tuning.job.event", "id": f"ev-{after or 0}", "level": "info"}]
        return httpx.Response(200, json={"object": "list", "data": data, "has_more": after is None})

    mock.get("/fine_tuning/jobs/ft-1/events").mock(side_effect=events)
    client = AsyncPortkey(base_url=BASE, api_key="sk-test")
    ids = [event.id async for event in client.fine_tuning.jobs.list_events("ft-1")]
    assert ids == ["ev-0", "ev-ev-0"]


@pytest.mark.parametrize("use_async", [False, True])
@pytest.mark.anyio
async def test_permissions_retrieve_is_deprecated_and_returns_the_list_object(
    mock: respx.MockRouter, use_async: bool
) -> None:
    key = "GET /fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions"
    route = mock.get(PERMS.format(fine_tuned_model_checkpoint=CKPT)).mock(
        return_value=httpx.Response(200, json=example(key))
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if use_async:
            client: Any = AsyncPortkey(base_url=BASE, api_key="sk-test")
            result = await client.fine_tuning.checkpoints.permissions.retrieve(
                CKPT, order="ascending", limit=1
            )
        else:
            client = Portkey(base_url=BASE, api_key="sk-test")
            result = client.fine_tuning.checkpoints.permissions.retrieve(
                CKPT, order="ascending", limit=1
            )
    assert [w.category for w in caught] == [DeprecationWarning]
    assert "list" in str(caught[0].message) and caught[0].filename == __file__
    assert route.calls.last.request.url.query == b"limit=1&order=ascending"
    assert isinstance(result, PermissionRetrieveResponse)
    assert result.last_id == "cp_enQCFmOTGj3syEpYVhBRLTSy"
    assert [type(p) for p in result.data] == [PermissionCreateResponse] * 2


def test_free_keywords_of_create_go_to_the_body_over_extra_body(mock: respx.MockRouter) -> None:
    route = mock.post("/fine_tuning/jobs").mock(
        return_value=httpx.Response(200, json=example("POST /fine_tuning/jobs | Default"))
    )
    Portkey(base_url=BASE, api_key="sk-test").fine_tuning.jobs.create(
        model="m",
        training_file="f",
        metadata={"a": "1"},
        extra_body={"metadata": {"a": "0"}, "x": 1},
        new_param=True,  # type: ignore[call-arg]
    )
    assert json.loads(route.calls.last.request.content) == {
        "model": "m",
        "training_file": "f",
        "metadata": {"a": "1"},
        "x": 1,
        "new_param": True,
    }


def test_missing_required_and_bad_path_arguments_are_clear_errors(mock: respx.MockRouter) -> None:
    client = Portkey(base_url=BASE, api_key="sk-test")
    with pytest.raises(TypeError, match="training_file"):
        client.fine_tuning.jobs.create(model="m")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="project_ids"):
        client.fine_tuning.checkpoints.permissions.create(CKPT)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="fine_tuning_job_id"):
        client.fine_tuning.jobs.retrieve("")
    assert not mock.calls


def test_unknown_fields_and_methods_are_kept(mock: respx.MockRouter) -> None:
    body = dict(example("GET /fine_tuning/jobs/{fine_tuning_job_id}"))
    body["new_field"] = {"x": 1}
    body["method"] = {"type": "future_method", "future_method": {"k": 1}}
    mock.get("/fine_tuning/jobs/ft-1").mock(return_value=httpx.Response(200, json=body))
    job = Portkey(base_url=BASE, api_key="sk-test").fine_tuning.jobs.retrieve("ft-1")
    assert job.to_dict()["new_field"] == {"x": 1}
    assert job.method is not None and job.method.type == "future_method"
    assert job.method.to_dict()["future_method"] == {"k": 1}


def test_a_missing_job_is_a_typed_error(mock: respx.MockRouter) -> None:
    mock.get("/fine_tuning/jobs/ft-x").mock(
        return_value=httpx.Response(
            404, json={"error": {"message": "No such job", "type": "invalid_request_error"}}
        )
    )
    client = Portkey(base_url=BASE, api_key="sk-test", max_retries=0)
    with pytest.raises(NotFoundError, match="No such job"):
        client.fine_tuning.jobs.retrieve("ft-x")


def test_resources_are_the_official_names() -> None:
    import portkey

    client = Portkey(api_key="sk-test")
    assert type(client.fine_tuning) is portkey.FineTuning
    assert type(client.fine_tuning.jobs.checkpoints) is portkey.Checkpoints
    assert type(client.fine_tuning.checkpoints.permissions) is portkey.Permissions
    assert type(AsyncPortkey(api_key="sk-test").fine_tuning.alpha.graders) is (portkey.AsyncGraders)
