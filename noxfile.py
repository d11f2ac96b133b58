"""Project tasks: `nox -s tests`, `lint`, `typecheck`, `integrations`, `demo`, `bench`."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "integrations", "integrations_agents"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True


# The suites that exercise the transport, run a second time on httpx2 (issue 16).
TRANSPORT_SUITES = [
    "tests/test_httpx2.py",
    "tests/test_wire.py",
    "tests/test_streaming.py",
    "tests/test_responses_stream.py",
    "tests/test_stream_managers.py",
    "tests/test_uploads.py",
    "tests/test_retry.py",
    "tests/test_errors.py",
    "tests/faults",
    "tests/gateway",
]


@nox.session
def tests(session: nox.Session) -> None:
    """Unit, wire, fault-injection and real-gateway tests (the gateway is installed with npm),
    then the transport-level suites again with our clients on httpx2."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", *(session.posargs or ["-q"]))
    if not session.posargs:
        session.run(
            "python",
            "-m",
            "pytest",
            "-q",
            *TRANSPORT_SUITES,
            env={"PORTKEY_HTTP_BACKEND": "httpx2"},
        )


# The framework adapters (issue 14), tested where openai is not installed: the extras of the
# frameworks, and each framework pinned at the version its recorded official logs were made
# with (tests/fixtures/<framework>/*.meta.json: bump the pin and re-record together).
INTEGRATION_EXTRAS = ["langchain", "instrumentation", "llamaindex"]
INTEGRATION_PINS = [
    "langchain-core==1.8.3",
    "llama-index-core==0.14.25",
    "opentelemetry-api==1.45.2",
    "opentelemetry-sdk==1.45.2",
    "opentelemetry-exporter-otlp-proto-http==1.45.2",
]
# The README's "Other frameworks" recipes that need no openai (tests/integrations/test_recipes.py;
# both reach the gateway through huggingface_hub): 15 packages, 51 MB in this venv.
RECIPE_PINS = ["smolagents==1.26.0", "pydantic-ai-slim[huggingface]==2.68.0"]


@nox.session
def integrations(session: nox.Session) -> None:
    """The framework adapters (tests/integrations) against the real gateway and the fake
    upstream, in a venv without openai (not the [test] extra, which has it)."""
    extras = ",".join(INTEGRATION_EXTRAS)
    session.install(
        "-e",
        f".[{extras}]",
        *INTEGRATION_PINS,
        *RECIPE_PINS,
        "pytest>=8",
        "anyio>=4",
        "respx>=0.21",
        "pyyaml>=6",
    )
    session.run(
        "python",
        "-c",
        "import importlib.util, sys; "
        "sys.exit('openai is installed here' if importlib.util.find_spec('openai') else 0)",
    )
    session.run("python", "-m", "pytest", "-q", "tests/integrations", *session.posargs)


# Strands and Google ADK (issue 14) in a venv of their own, also without openai: google-adk 2.x
# caps OpenTelemetry at 1.44 and the `integrations` session pins 1.45 for its recorded export
# (the two frameworks resolve together, on OpenTelemetry 1.44). Their tests skip elsewhere.
AGENT_PINS = ["strands-agents==1.62.0", "google-adk==2.13.0"]
AGENT_TESTS = ["tests/integrations/test_strands.py", "tests/integrations/test_adk.py"]


@nox.session
def integrations_agents(session: nox.Session) -> None:
    """PortkeyStrands and PortkeyAdk against the real gateway and the fake upstream, and mypy
    on them against the installed frameworks."""
    session.install(
        "-e", ".[strands,adk]", *AGENT_PINS, "pytest>=8", "anyio>=4", "respx>=0.21", "pyyaml>=6"
    )
    session.install("mypy")
    session.run(
        "python",
        "-c",
        "import importlib.util, sys; "
        "sys.exit('openai is installed here' if importlib.util.find_spec('openai') else 0)",
    )
    session.run("mypy", "--strict", "src/portkey/integrations")
    session.run(
        "python", "-m", "pytest", "-q", *AGENT_TESTS, *session.posargs, env={"PORTKEY_AGENTS": "1"}
    )


@nox.session
def lint(session: nox.Session) -> None:
    """ruff, and the generated code is not stale (the sync resource twins, the spec types)."""
    session.install("ruff", "pyyaml")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("python", "tools/unasync.py", "--check")
    session.run("python", "tools/gen_types.py", "--check")


@nox.session
def typecheck(session: nox.Session) -> None:
    session.install("-e", ".[httpx2,langchain,instrumentation,llamaindex]", "mypy")
    session.run("mypy", "--strict", "src/portkey")


@nox.session
def demo(session: nox.Session) -> None:
    """The main job: a chat, a stream, an async call and a fallback through the real gateway."""
    session.install("-e", ".")
    session.run(
        "python", "tests/gateway/harness.py", "run", "--", "python", "examples/quickstart.py"
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Speed side by side with portkey-ai, openai and raw httpx (`-- --quick`: a smoke run)."""
    session.install("-e", ".", "-r", "benchmarks/requirements.txt")
    session.run("python", "benchmarks/run.py", *session.posargs)
