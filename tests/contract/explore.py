"""Not a test: every operation called with its optional parameters too (all of the body's
properties and query parameters the spec declares), the request checked as the contract test
checks it, and what is found printed. Run from ``tests/``: ``python -m contract.explore``.

The contract test sends the required parameters only; this finds the optional ones our
methods refuse, rename or move (a query parameter sent in the body, say). "Is valid under
each of" errors are the spec's own ambiguity (``oneOf`` branches whose properties are all
optional), not the body's, and are printed apart.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, List

import httpx

from portkey import Portkey

from . import calls
from .check import check_request
from .finder import index, route
from .spec import Operation, openai_operations, portkey_operations, spec
from .values import Maker


class _Full(Maker):
    """Optional properties too, in requests."""

    def __init__(self, s: Any, *, full: bool = False) -> None:
        super().__init__(s, full=True)


def explore(op: Operation, client_index: Any) -> List[str]:
    key = route(op.method, op.path)
    served = client_index.get(key)
    if served is None:
        return ["no method"]
    saved, calls.Maker = calls.Maker, _Full  # type: ignore[misc]
    try:
        the_plan = calls.plan(op, served, key)
    finally:
        calls.Maker = saved  # type: ignore[misc]
    names = calls.Names(served, key)
    for param in op.params_in("query"):
        value = _Full(spec(op.spec_name)).value(param.get("schema") or {}, param["name"])
        the_plan.kwargs.setdefault(names.ours(param["name"]), value)
    the_plan.kwargs.pop("stream", None)  # the answer is not a stream
    requests: List[httpx.Request] = []
    status, headers, content, _ = calls.answer(op)

    def handle(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(status, headers=headers, content=content)

    http = httpx.Client(transport=httpx.MockTransport(handle))
    with Portkey(api_key="pk-contract", http_client=http, max_retries=0) as client:
        try:
            attrgetter(served.dotted)(client)(**the_plan.kwargs)
        except Exception as error:
            if not requests:
                return [f"{served.dotted} raised {type(error).__name__}: {error}"]
    return [f"{served.dotted}: {p}" for p in check_request(op, the_plan, requests[0])]


def main() -> None:
    client_index = index(Portkey(api_key="pk-contract"))
    for op in [*portkey_operations(), *openai_operations()]:
        problems = explore(op, client_index)
        ambiguous = [p for p in problems if "is valid under each of" in p]
        for problem in problems:
            if problem not in ambiguous:
                print(f"{op.spec_name} {op.id}: {problem[:300]}")
        if ambiguous:
            print(f"{op.spec_name} {op.id}: (spec ambiguity) {len(ambiguous)} oneOf error(s)")


if __name__ == "__main__":
    main()
