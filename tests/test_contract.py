"""The contract test: every operation of the two specs that the SDK covers is served by a
method, sync and async, whose request and result agree with the spec.

For each operation (parametrised; Portkey's own 160 and the OpenAI ones of issues 10-12, the
OpenAI areas we do not cover excluded in ``contract/spec.py`` with their reasons), the test
finds the method serving the route (``contract/finder.py``), calls it with the spec's
required parameters (``contract/calls.py``), and checks the request: method, path with its
parameters, the query's names and values declared by the spec, and the JSON body valid
against the operation's schema with ``jsonschema`` (a form: its field names). Then it answers
with a body made from the spec's response schema and checks the result: the declared type,
and every field of the answer on it, typed where the spec has objects. An operation without
a method fails with its name, so the coverage figure cannot drift.
"""

from __future__ import annotations

import inspect
from functools import cache
from operator import attrgetter
from typing import Any, Callable, Dict, List, Tuple

import httpx
import pytest
from contract.calls import Plan, answer, plan
from contract.check import check_request, check_result
from contract.finder import EXPLICIT, Route, Served, index, route, walk
from contract.spec import (
    OPENAI_EXCLUDED,
    Operation,
    openai_excluded,
    openai_operations,
    portkey_operations,
    walk_operations,
)

from portkey import AsyncPortkey, Portkey

OPERATIONS = [*portkey_operations(), *openai_operations()]
CASES = [pytest.param(op, id=f"{op.spec_name}:{op.id}") for op in OPERATIONS]


@cache
def _index(client_class: type) -> Dict[Route, Served]:
    return index(client_class(api_key="pk-contract"))


def _prepare(op: Operation, client_class: type) -> Tuple[Served, Route, Plan]:
    key = route(op.method, op.path)
    served = _index(client_class).get(key)
    if served is None:
        ident = op.op.get("operationId") or ", ".join(op.op.get("tags") or ())
        pytest.fail(f"no SDK method serves {op.spec_name} {op.id} ({ident})", pytrace=False)
    return served, key, plan(op, served, key)


def _handler(op: Operation, requests: List[httpx.Request]) -> Callable[[httpx.Request], Any]:
    status, headers, content, _ = answer(op)

    def handle(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(status, headers=headers, content=content)

    return handle


def _verdict(
    op: Operation,
    served: Served,
    key: Route,
    the_plan: Plan,
    requests: Any,
    result: Any,
    error: Any = None,
) -> None:
    """Fail with every problem found: the call's error (its request is still checked),
    the request's, the result's, and the plan's notes."""
    problems = [f"called {served.dotted}(**{sorted(the_plan.kwargs)})"]
    if error is not None:
        problems.append(f"raised {type(error).__name__}: {error}")
    if len(requests) != 1:
        problems.append(f"{len(requests)} requests sent, not 1")
    else:
        problems += check_request(op, the_plan, requests[0])
        if error is None:
            _, _, raw, sent = answer(op)
            problems += check_result(op, served, key, result, sent, raw)
    if len(problems) > 1:
        pytest.fail(
            f"{op.spec_name} {op.id}:\n  " + "\n  ".join(problems + the_plan.notes), pytrace=False
        )


@pytest.mark.parametrize("op", CASES)
def test_contract_sync(op: Operation) -> None:
    served, key, the_plan = _prepare(op, Portkey)
    requests: List[httpx.Request] = []
    http = httpx.Client(transport=httpx.MockTransport(_handler(op, requests)))
    with Portkey(api_key="pk-contract", http_client=http, max_retries=0) as client:
        method = attrgetter(served.dotted)(client)
        result = error = None
        try:
            result = method(**the_plan.kwargs)
        except Exception as exc:  # the verdict names the error and checks the request
            error = exc
        _verdict(op, served, key, the_plan, requests, result, error)


@pytest.mark.anyio
@pytest.mark.parametrize("op", CASES)
async def test_contract_async(op: Operation) -> None:
    served, key, the_plan = _prepare(op, AsyncPortkey)
    requests: List[httpx.Request] = []
    http = httpx.AsyncClient(transport=httpx.MockTransport(_handler(op, requests)))
    async with AsyncPortkey(api_key="pk-contract", http_client=http, max_retries=0) as client:
        method = attrgetter(served.dotted)(client)
        result = error = None
        try:
            result = method(**the_plan.kwargs)
            if inspect.isawaitable(result):
                result = await result
        except Exception as exc:  # the verdict names the error and checks the request
            error = exc
        _verdict(op, served, key, the_plan, requests, result, error)


def test_the_operations_counted() -> None:
    """The figures the issue names: Portkey's own 160; the OpenAI ones we cover, every
    operation of the spec but the excluded areas."""
    assert len(portkey_operations()) == 160
    everything = list(walk_operations("openai"))
    excluded = [op for op in everything if openai_excluded(op) is not None]
    assert len(openai_operations()) == len(everything) - len(excluded) > 150


def test_every_excluded_prefix_is_in_the_spec() -> None:
    """No stale entry in the table of OpenAI areas we do not cover."""
    paths = [op.path for op in walk_operations("openai")]
    for prefix in OPENAI_EXCLUDED:
        assert any(p == prefix or p.startswith(prefix + "/") for p in paths), prefix


@pytest.mark.parametrize("client_class", [Portkey, AsyncPortkey])
def test_the_explicit_table_holds_only_hand_built_methods(client_class: type) -> None:
    """Each entry names a method of both clients that the finder cannot match by itself (a
    hand-built call, or several routes), for a route of a spec."""
    methods = {m.dotted: m for m in walk(client_class(api_key="pk-contract"))}
    routes = {route(op.method, op.path) for op in OPERATIONS}
    for key, (dotted, reason) in EXPLICIT.items():
        assert key in routes and reason
        served = methods[dotted]
        assert served.hand_built or len(served.routes) != 1, dotted
