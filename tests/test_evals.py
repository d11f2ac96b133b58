"""evals through respx, sync and async: evals (CRUD), runs (create, retrieve, list, delete,
cancel) and their output items, typed down to the graders, data sources and results.

Bodies are OpenAI's documented examples (tests/fixtures/recorded/27_*.json). The expected
requests are what the official ``portkey-ai`` 2.3.4 sent for the same calls (method, path,
query, JSON body; captured once against respx): its DELETEs and cancel send ``{}``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

import httpx
import pytest
import respx

from portkey import AsyncPortkey, BadRequestError, Portkey
from portkey.types.evals import (
    CreateEvalCompletionsRunDataSource,
    Eval,
    EvalCustomDataSourceConfig,
    EvalJsonlFileContentSource,
    EvalRun,
    EvalRunOutputItem,
    EvalRunOutputItemResult,
    EvalStoredCompletionsDataSourceConfig,
)
from portkey.types.evals_deleted import EvalDeleteResponse, RunDeleteResponse
from portkey.types.fine_tuning import EvalItem, LabelModelGrader, StringCheckGrader

BASE = "http://gateway.test/v1"
EXAMPLES: Dict[str, Any] = json.loads(
    (
        Path(__file__).parent
        / "fixtures"
        / "recorded"
        / "27_openai_spec_examples_fine_tuning_evals.json"
    ).read_text()
)
RUN = "/evals/e1/runs/r1"


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


class Case:
    """One call: what the method is given, what goes on the wire, which example answers."""

    def __init__(
        self,
        name: str,
        call: Callable[[Any], Any],
        method: str,
        path: str,
        answer: str,
        check: Callable[[Any], bool],
        *,
        query: str = "",
        body: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.name, self.call, self.method, self.path = name, call, method, path
        self.answer, self.check, self.query, self.body = answer, check, query, body


def _is_custom_eval(result: Any) -> bool:
    return (
        isinstance(result, Eval)
        and isinstance(result.data_source_config, EvalCustomDataSourceConfig)
        and isinstance(result.testing_criteria[0], StringCheckGrader)
        and result.testing_criteria[0].operation == "eq"
    )


def _is_eval_page(page: Any) -> bool:
    first = page.data[0]
    return (
        isinstance(first.data_source_config, EvalStoredCompletionsDataSourceConfig)
        and isinstance(first.testing_criteria[0], LabelModelGrader)
        and isinstance(first.testing_criteria[0].input[0], EvalItem)
    )


def _is_run(status: str) -> Callable[[Any], bool]:
    def check(run: Any) -> bool:
        return (
            isinstance(run, EvalRun)
            and run.status == status
            and isinstance(run.data_source, CreateEvalCompletionsRunDataSource)
            and isinstance(run.data_source.source, EvalJsonlFileContentSource)
            and run.result_counts is not None
            and run.result_counts.total == 0
        )

    return check


def _is_output_item(item: Any) -> bool:
    result = item.results[0]
    return (
        isinstance(item, EvalRunOutputItem)
        and isinstance(result, EvalRunOutputItemResult)
        and result.passed is True
        and result.score == 1.0
        and item.datasource_item
        == {
            "input": "Stock Markets Rally After Positive Economic Data Released",
            "ground_truth": "Markets",
        }
    )


CASES: List[Case] = [
    Case(
        "create",
        lambda c: c.evals.create(
            data_source_config={"type": "custom"},
            testing_criteria=[{"type": "string_check"}],
            name="n",
        ),
        "POST",
        "/evals",
        # The documented answer of POST /evals is not valid JSON; an eval is an eval.
        "GET /evals/{eval_id}",
        _is_custom_eval,
        body={
            "data_source_config": {"type": "custom"},
            "testing_criteria": [{"type": "string_check"}],
            "name": "n",
        },
    ),
    Case(
        "retrieve",
        lambda c: c.evals.retrieve("e1"),
        "GET",
        "/evals/e1",
        "GET /evals/{eval_id}",
        _is_custom_eval,
    ),
    Case(
        "update",
        lambda c: c.evals.update("e1", name="n2"),
        "POST",
        "/evals/e1",
        "POST /evals/{eval_id}",
        lambda e: _is_custom_eval(e) and e.name == "Updated Eval",
        body={"name": "n2"},
    ),
    Case(
        "list",
        lambda c: c.evals.list(limit=2, order="asc", order_by="created_at"),
        "GET",
        "/evals",
        "GET /evals",
        _is_eval_page,
        query="limit=2&order=asc&order_by=created_at",
    ),
    Case(
        "delete",
        lambda c: c.evals.delete("e1"),
        "DELETE",
        "/evals/e1",
        "DELETE /evals/{eval_id}",
        lambda r: (
            isinstance(r, EvalDeleteResponse) and r.deleted is True and r.eval_id == "eval_abc123"
        ),
        body={},
    ),
    Case(
        "runs.create",
        lambda c: c.evals.runs.create("e1", data_source={"type": "jsonl"}, name="r"),
        "POST",
        "/evals/e1/runs",
        "POST /evals/{eval_id}/runs",
        _is_run("queued"),
        body={"data_source": {"type": "jsonl"}, "name": "r"},
    ),
    Case(
        "runs.retrieve",
        lambda c: c.evals.runs.retrieve("r1", eval_id="e1"),
        "GET",
        RUN,
        "GET /evals/{eval_id}/runs/{run_id}",
        _is_run("queued"),
    ),
    Case(
        "runs.list",
        lambda c: c.evals.runs.list("e1", status="queued", limit=1),
        "GET",
        "/evals/e1/runs",
        "GET /evals/{eval_id}/runs",
        lambda page: page.data[0].per_model_usage[0].total_tokens == 1437,
        query="limit=1&status=queued",
    ),
    Case(
        "runs.delete",
        lambda c: c.evals.runs.delete("r1", eval_id="e1"),
        "DELETE",
        RUN,
        "DELETE /evals/{eval_id}/runs/{run_id}",
        lambda r: isinstance(r, RunDeleteResponse) and r.run_id == "evalrun_abc456",
        body={},
    ),
    Case(
        "runs.cancel",
        lambda c: c.evals.runs.cancel("r1", eval_id="e1"),
        "POST",
        RUN,
        "POST /evals/{eval_id}/runs/{run_id}",
        _is_run("canceled"),
        body={},
    ),
    Case(
        "runs.output_items.list",
        lambda c: c.evals.runs.output_items.list("r1", eval_id="e1", status="pass", limit=1),
        "GET",
        RUN + "/output_items",
        "GET /evals/{eval_id}/runs/{run_id}/output_items",
        lambda page: _is_output_item(page.data[0]),
        query="limit=1&status=pass",
    ),
    Case(
        "runs.output_items.retrieve",
        lambda c: c.evals.runs.output_items.retrieve("o1", eval_id="e1", run_id="r1"),
        "GET",
        RUN + "/output_items/o1",
        "GET /evals/{eval_id}/runs/{run_id}/output_items/{output_item_id}",
        _is_output_item,
    ),
]


def _route(mock: respx.MockRouter, case: Case) -> respx.Route:
    return mock.route(method=case.method, path=case.path).mock(
        return_value=httpx.Response(200, json=EXAMPLES[case.answer])
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
    result = case.call(Portkey(base_url=BASE, api_key="sk-test"))
    _check_wire(route, case)
    assert case.check(result)


@pytest.mark.anyio
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_async_call_sends_what_the_official_sends(mock: respx.MockRouter, case: Case) -> None:
    route = _route(mock, case)
    result = await case.call(AsyncPortkey(base_url=BASE, api_key="sk-test"))
    _check_wire(route, case)
    assert case.check(result)


def _runs(request: httpx.Request) -> httpx.Response:
    after = request.url.params.get("after")
    template = EXAMPLES["GET /evals/{eval_id}/runs/{run_id}"]
    ids = {None: ["evalrun_1", "evalrun_2"], "evalrun_2": ["evalrun_3"]}[after]
    data = [{**template, "id": i} for i in ids]
    return httpx.Response(200, json={"object": "list", "data": data, "has_more": after is None})


def test_runs_are_walked_page_by_page(mock: respx.MockRouter) -> None:
    route = mock.get("/evals/e1/runs").mock(side_effect=_runs)
    page = Portkey(base_url=BASE, api_key="sk-test").evals.runs.list("e1", order="desc")
    assert [run.id for run in page] == ["evalrun_1", "evalrun_2", "evalrun_3"]
    assert [call.request.url.query for call in route.calls] == [
        b"order=desc",
        b"order=desc&after=evalrun_2",  # openai-python adds the cursor last, too
    ]


@pytest.mark.anyio
async def test_async_output_items_are_walked_page_by_page(mock: respx.MockRouter) -> None:
    item = EXAMPLES["GET /evals/{eval_id}/runs/{run_id}/output_items/{output_item_id}"]

    def items(request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("after")
        ids = {None: ["oi_1"], "oi_1": ["oi_2"]}[after]
        data = [{**item, "id": i} for i in ids]
        return httpx.Response(200, json={"object": "list", "data": data, "has_more": after is None})

    mock.get(RUN + "/output_items").mock(side_effect=items)
    client = AsyncPortkey(base_url=BASE, api_key="sk-test")
    pager = client.evals.runs.output_items.list("r1", eval_id="e1")
    assert [i.id async for i in pager] == ["oi_1", "oi_2"]


def test_path_parameters_are_checked_and_escaped(mock: respx.MockRouter) -> None:
    client = Portkey(base_url=BASE, api_key="sk-test")
    with pytest.raises(ValueError, match="eval_id"):
        client.evals.runs.retrieve("r1", eval_id="")
    with pytest.raises(ValueError, match="dot-segment"):
        client.evals.retrieve("..")
    with pytest.raises(TypeError, match="data_source"):
        client.evals.runs.create("e1")  # type: ignore[call-arg]
    assert not mock.calls
    route = mock.get("/evals/e%2F1").mock(
        return_value=httpx.Response(200, json=EXAMPLES["GET /evals/{eval_id}"])
    )
    client.evals.retrieve("e/1")
    assert route.called


def test_an_invalid_eval_is_a_typed_error(mock: respx.MockRouter) -> None:
    mock.post("/evals").mock(
        return_value=httpx.Response(
            400, json={"error": {"message": "testing_criteria is empty", "param": "x"}}
        )
    )
    client = Portkey(base_url=BASE, api_key="sk-test", max_retries=0)
    with pytest.raises(BadRequestError, match="testing_criteria is empty"):
        client.evals.create(data_source_config={"type": "custom"}, testing_criteria=[])


def test_unknown_data_source_and_grader_types_are_kept(mock: respx.MockRouter) -> None:
    body = dict(EXAMPLES["GET /evals/{eval_id}"])
    body["data_source_config"] = {"type": "future_source", "x": 1}
    body["testing_criteria"] = [{"type": "future_grader", "name": "g"}]
    mock.get("/evals/e1").mock(return_value=httpx.Response(200, json=body))
    result = Portkey(base_url=BASE, api_key="sk-test").evals.retrieve("e1")
    assert result.to_dict()["data_source_config"] == {"type": "future_source", "x": 1}
    assert result.to_dict()["testing_criteria"] == [{"type": "future_grader", "name": "g"}]


def test_resources_are_the_official_names() -> None:
    import portkey

    assert type(Portkey(api_key="sk-test").evals.runs) is portkey.EvalsRuns
    assert type(AsyncPortkey(api_key="sk-test").evals.runs.output_items) is (
        portkey.AsyncOutputItems
    )
