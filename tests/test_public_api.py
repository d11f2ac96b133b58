"""The names ``portkey`` exports are exactly the intended public API, and importing it is light."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import portkey

EXPECTED_PUBLIC_API = {
    # clients
    "Portkey",
    "AsyncPortkey",
    # results
    "RawResponse",
    "Stream",
    "AsyncStream",
    "GenericResponse",
    # pages of list methods
    "SyncPage",
    "AsyncPage",
    "AsyncPaginator",
    # structured outputs: function tools from classes, and their errors
    "function_tool",
    "pydantic_function_tool",
    "LengthFinishReasonError",
    "ContentFilterFinishReasonError",
    "StructuredOutputError",
    # binary answers and with_streaming_response
    "BinaryResponse",
    "StreamedResponse",
    "AsyncStreamedResponse",
    # webhooks, and the polling helpers' timeout
    "InvalidWebhookSignatureError",
    "WaitTimeoutError",
    "AssistantStreamError",
    # the Responses API over a WebSocket (responses.connect)
    "RealtimeDependencyError",
    "ResponsesConnectionClosed",
    # headers for other clients pointed at the gateway, and the official SDK's constants
    "createHeaders",
    "create_headers",
    "PORTKEY_GATEWAY_URL",
    "PORTKEY_BASE_URL",
    "PORTKEY_API_KEY_ENV",
    "PORTKEY_PROXY_ENV",
    "VERSION",
    # gateway configs as typed, validated objects (issue 15)
    "Config",
    "Target",
    "Strategy",
    "Condition",
    "Retry",
    "Cache",
    "ConfigError",
    # the "not given" sentinel
    "NOT_GIVEN",
    "NotGiven",
    # errors
    "PortkeyError",
    "APIError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "RequestTimeoutError",
    "ConflictError",
    "BudgetExhaustedError",
    "UnprocessableEntityError",
    "RateLimitError",
    "GuardrailDeniedError",
    "InternalServerError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
    "__version__",
}


def test_all_is_the_intended_api() -> None:
    assert len(portkey.__all__) == len(set(portkey.__all__))
    assert set(portkey.__all__) == EXPECTED_PUBLIC_API


def test_every_exported_name_resolves() -> None:
    for name in portkey.__all__:
        assert getattr(portkey, name) is not None, name
    namespace: dict = {}
    exec("from portkey import *", namespace)
    assert EXPECTED_PUBLIC_API <= set(namespace)


def test_error_hierarchy() -> None:
    status_errors = {
        "BadRequestError": 400,
        "AuthenticationError": 401,
        "PermissionDeniedError": 403,
        "NotFoundError": 404,
        "RequestTimeoutError": 408,
        "ConflictError": 409,
        "BudgetExhaustedError": 412,
        "UnprocessableEntityError": 422,
        "RateLimitError": 429,
        "GuardrailDeniedError": 446,
        "InternalServerError": 500,
    }
    for name in status_errors:
        assert issubclass(getattr(portkey, name), portkey.APIStatusError), name
    assert issubclass(portkey.APIStatusError, portkey.APIError)
    assert issubclass(portkey.APITimeoutError, portkey.APIConnectionError)
    assert issubclass(portkey.APIConnectionError, portkey.APIError)
    assert issubclass(portkey.APIResponseValidationError, portkey.APIError)
    assert issubclass(portkey.APIError, portkey.PortkeyError)
    assert issubclass(portkey.PortkeyError, Exception)


def _fresh(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON value."""
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_import_loads_neither_openai_nor_pydantic_nor_resources() -> None:
    result = _fresh(
        """
        import json, sys
        import portkey
        def loaded(*prefixes):
            return sorted(m for m in sys.modules if m.split(".")[0] in prefixes)
        before = {
            "heavy": loaded("openai", "pydantic", "pydantic_core", "portkey_ai"),
            "resources": sorted(m for m in sys.modules if m.startswith("portkey.resources")),
            "types": sorted(m for m in sys.modules if m.startswith("portkey.types")),
        }
        client = portkey.Portkey(api_key="pk")
        client_built = sorted(m for m in sys.modules if m.startswith("portkey.resources"))
        client.chat.completions
        after = {
            "resources": sorted(m for m in sys.modules if m.startswith("portkey.resources")),
            "heavy": loaded("openai", "pydantic", "pydantic_core", "portkey_ai"),
        }
        print(json.dumps({"before": before, "client_built": client_built, "after": after}))
        """
    )
    assert result["before"] == {"heavy": [], "resources": [], "types": []}
    assert result["client_built"] == []
    assert "portkey.resources.chat" in result["after"]["resources"]
    assert "portkey.resources.embeddings" not in result["after"]["resources"]
    assert result["after"]["heavy"] == []


def test_stream_classes_load_on_first_use() -> None:
    result = _fresh(
        """
        import json, sys
        import portkey
        before = "portkey._streaming" in sys.modules
        stream = portkey.Stream
        print(json.dumps([before, "portkey._streaming" in sys.modules, stream.__name__]))
        """
    )
    assert result == [False, True, "Stream"]


def _added_modules(statement: str) -> list:
    code = (
        "import sys, json; import httpx, attrs, cattrs; before = set(sys.modules);"
        f"{statement};"
        "print(json.dumps(sorted(set(sys.modules) - before)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(done.stdout)


def test_import_adds_only_our_modules() -> None:
    """On top of httpx, attrs and cattrs, importing portkey loads only our own modules (httpx
    defers httpcore, anyio, h11 and certifi to the first client; so do we): no asyncio, no
    transport stack. A regression here is a cold-import regression."""
    added = _added_modules("from portkey import Portkey, AsyncPortkey")
    foreign = [m for m in added if m != "portkey" and not m.startswith("portkey.")]
    assert foreign == []
    assert len(added) <= 15, added


def test_create_headers_costs_no_more_than_import_portkey() -> None:
    """The drop-in recipe ``OpenAI(base_url=PORTKEY_GATEWAY_URL, default_headers=
    createHeaders(...))`` imports exactly what ``import portkey`` does, and calling
    createHeaders loads nothing more (no client, no transport, no generic-call module)."""
    plain = _added_modules("import portkey")
    recipe = _added_modules(
        "from portkey import createHeaders, PORTKEY_GATEWAY_URL;"
        "createHeaders(api_key='pk', provider='@openai-prod', metadata={'_user': 'u'})"
    )
    assert recipe == plain
    assert "portkey._generic" not in recipe
