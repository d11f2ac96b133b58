"""The CrewAI, LiteLLM and LangGraph instrumentors that ``Portkey(instrumentation=True)`` turns
on where those packages are installed, patching the same functions as the official SDK's and
giving their spans the same attributes (``_source``, ``_source_type``, ``framework.version``,
``module``, ``method``, ``args``, ``kwargs``, the instance's members, ``result``).

Ours differ where the official's would do harm: values under secret-looking names (``api_key``,
``Authorization``, ``*_token``, ...) are redacted; an ``async`` function's span lasts until it is
awaited (the official's ends when the coroutine is created); a failure in making attributes never
breaks the caller's call; LiteLLM's trace headers do not replace the caller's.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import inspect
import json
import logging
import re
import threading
from typing import Any, Callable, ClassVar, Collection, Dict, List, Optional, Set, Tuple

from opentelemetry import trace
from opentelemetry.trace import Span, SpanKind, Status, StatusCode

from .._redact import REDACTED

__all__ = [
    "CrewAIInstrumentor",
    "LanggraphInstrumentor",
    "LitellmInstrumentor",
    "instrument_installed",
    "is_secret_name",
]

log = logging.getLogger("portkey.instrumentation")

# A name is secret when one of its words is one of these, or its last word is "key" or "token"
# (api_key, x-portkey-api-key, access_token; not token_usage or max_tokens).
_SECRET_WORDS = frozenset(
    ["apikey", "secret", "password", "passwd", "authorization", "credential", "credentials"]
)
_SECRET_LAST = frozenset(["key", "token", "cookie"])
_WORDS = re.compile(r"[^a-z0-9]+")


def is_secret_name(name: str) -> bool:
    """Whether a name says its value is a credential (``api_key``, ``x-portkey-api-key``,
    ``Authorization``, ``access_token``; not ``max_tokens``)."""
    words = [word for word in _WORDS.split(name.lower()) if word]
    return bool(words) and (words[-1] in _SECRET_LAST or any(w in _SECRET_WORDS for w in words))


def _redact(value: Any, depth: int = 0) -> Any:
    if depth > 8:
        return value
    if isinstance(value, dict):
        return {
            k: REDACTED if isinstance(k, str) and is_secret_name(k) else _redact(v, depth + 1)
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [_redact(v, depth + 1) for v in value]
    return value


def _serializable(value: Any) -> bool:
    try:
        json.dumps(value)
        return True
    except (TypeError, ValueError):
        return False


def serialize_args(*args: Any) -> str:
    """The JSON-serializable positional arguments, as a JSON list (as the official)."""
    return json.dumps([_redact(a) for a in args if _serializable(a)])


def serialize_kwargs(**kwargs: Any) -> str:
    """The JSON-serializable keyword arguments, as a JSON object, secrets redacted."""
    return json.dumps(
        {
            k: REDACTED if is_secret_name(k) else _redact(v)
            for k, v in kwargs.items()
            if _serializable(v)
        }
    )


def set_span_attribute(
    span: Span, key: str, value: Any, _processed: Optional[Set[int]] = None, depth: int = 0
) -> None:
    """``value`` as JSON under ``key``, or an object's public members under ``key.member``
    (two levels down), as the official; a secret-looking member is redacted."""
    if value is None or depth > 2:
        return
    if is_secret_name(key.rsplit(".", 1)[-1]):
        span.set_attribute(key, REDACTED)
        return
    processed = set() if _processed is None else _processed
    if id(value) in processed:
        return  # a cycle
    try:
        if isinstance(value, (dict, list, tuple, set, str, int, float, bool)):
            plain = list(value) if isinstance(value, set) else value
            span.set_attribute(key, json.dumps(_redact(plain)))
        else:
            processed.add(id(value))
            for child_key, child_value in vars(value).items():
                if child_key.startswith("_") or child_value is None:
                    continue
                set_span_attribute(span, f"{key}.{child_key}", child_value, processed, depth + 1)
    except Exception:
        span.set_attribute(key, str(value))


def set_members(span: Span, instance: Any, module_name: str, class_name: str) -> None:
    if instance is None:
        return
    for key, value in vars(instance).items():
        set_span_attribute(span, f"{module_name}.{class_name}.{key}", value)


class _Instrumentor:
    """Patches ``targets`` ((module, "Class.method" or "function"), ...) once per process."""

    package: ClassVar[str] = ""
    minimum: ClassVar[str] = ""
    source_type: ClassVar[Optional[str]] = None
    targets: ClassVar[Tuple[Tuple[str, str], ...]] = ()
    # (owner, name, what owner.__dict__ held, or None when the function was inherited)
    _patched: ClassVar[List[Tuple[Any, str, Any]]]
    _lock = threading.Lock()

    def __init_subclass__(cls) -> None:
        cls._patched = []

    def instrumentation_dependencies(self) -> Collection[str]:
        return [f"{self.package} >= {self.minimum}"]

    @property
    def is_instrumented(self) -> bool:
        return bool(self._patched)

    def instrument(self, **kwargs: Any) -> None:
        """Patch the targets (a second call does nothing)."""
        with self._lock:
            if self._patched:
                return
            version = importlib.metadata.version(self.package)
            tracer = trace.get_tracer(__name__, "", kwargs.get("tracer_provider"))
            for module_name, dotted in self.targets:
                try:
                    self._patch(module_name, dotted, version, tracer)
                except Exception as exc:  # a target this version lacks: keep the others
                    log.warning("Failed to instrument %s %s: %s", self.package, dotted, exc)

    def uninstrument(self, **kwargs: Any) -> None:
        """Put the original functions back."""
        with self._lock:
            while self._patched:
                owner, name, held = self._patched.pop()
                if held is None:
                    delattr(owner, name)
                else:
                    setattr(owner, name, held)

    def _patch(self, module_name: str, dotted: str, version: str, tracer: trace.Tracer) -> None:
        owner: Any = importlib.import_module(module_name)
        *parents, name = dotted.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        is_class = isinstance(owner, type)
        held = vars(owner).get(name)
        original = getattr(owner, name)
        if not inspect.isfunction(original):
            raise TypeError(f"{dotted} is not a plain function")
        wrapper = self._wrap(original, module_name, dotted, version, tracer, is_class)
        setattr(owner, name, wrapper)
        self._patched.append((owner, name, held))

    def _wrap(
        self,
        func: Callable[..., Any],
        module_name: str,
        operation: str,
        version: str,
        tracer: trace.Tracer,
        is_method: bool,
    ) -> Callable[..., Any]:
        def start(args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> Tuple[Span, Any, Any]:
            instance = args[0] if is_method and args else None
            call_args = args[1:] if is_method else args
            span = tracer.start_span(operation, kind=SpanKind.CLIENT)
            kwargs = self._before(span, operation, kwargs)
            try:
                for key, value in self._identity(version):
                    span.set_attribute(key, value)
                span.set_attribute("module", self._module(instance, module_name))
                span.set_attribute("method", operation)
                span.set_attribute("args", serialize_args(*call_args))
                span.set_attribute("kwargs", serialize_kwargs(**kwargs))
            except Exception as exc:
                span.record_exception(exc)
            return span, instance, kwargs

        def done(span: Span, instance: Any, result: Any) -> None:
            span.set_status(Status(StatusCode.OK))
            try:
                class_name = type(instance).__name__ if instance is not None else operation
                set_members(span, instance, self._module(instance, module_name), class_name)
                self._after(span, instance, result)
            except Exception as exc:
                span.record_exception(exc)

        def failed(span: Span, exc: BaseException) -> None:
            if isinstance(exc, Exception):
                span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, str(exc)))

        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def traced_async(*args: Any, **kwargs: Any) -> Any:
                span, instance, kwargs = start(args, kwargs)
                with trace.use_span(span, end_on_exit=True, record_exception=False,
                                    set_status_on_exception=False):  # fmt: skip
                    try:
                        result = await func(*args, **kwargs)
                    except BaseException as exc:
                        failed(span, exc)
                        raise
                    done(span, instance, result)
                    return result

            return traced_async

        @functools.wraps(func)
        def traced(*args: Any, **kwargs: Any) -> Any:
            span, instance, kwargs = start(args, kwargs)
            with trace.use_span(span, end_on_exit=True, record_exception=False,
                                set_status_on_exception=False):  # fmt: skip
                try:
                    result = func(*args, **kwargs)
                except BaseException as exc:
                    failed(span, exc)
                    raise
                done(span, instance, result)
                return result

        return traced

    def _identity(self, version: str) -> List[Tuple[str, str]]:
        """The framework's attributes, in the official's order (which the log body keeps)."""
        pairs = [("_source", self.package)]
        if self.source_type:
            pairs.append(("_source_type", self.source_type))
        return [*pairs, ("framework.version", version)]

    def _module(self, instance: Any, module_name: str) -> str:
        return str(type(instance).__module__) if instance is not None else module_name

    def _before(self, span: Span, operation: str, kwargs: Dict[str, Any]) -> Dict[str, Any]:
        return kwargs

    def _after(self, span: Span, instance: Any, result: Any) -> None:
        set_span_attribute(span, "result", result)


class CrewAIInstrumentor(_Instrumentor):
    """Spans for CrewAI crews, agents, tasks and RAG memory (as the official's)."""

    package = "crewai"
    minimum = "0.32.0"
    source_type = "agent framework"
    targets = (
        ("crewai.crew", "Crew.kickoff"),
        ("crewai.crew", "Crew.kickoff_for_each"),
        ("crewai.crew", "Crew.kickoff_async"),
        ("crewai.crew", "Crew.kickoff_for_each_async"),
        ("crewai.agent", "Agent.execute_task"),
        ("crewai.task", "Task.execute_sync"),
        ("crewai.memory.storage.rag_storage", "RAGStorage.save"),
        ("crewai.memory.storage.rag_storage", "RAGStorage.search"),
        ("crewai.memory.storage.rag_storage", "RAGStorage.reset"),
    )

    def _after(self, span: Span, instance: Any, result: Any) -> None:
        set_span_attribute(span, "result", result)
        if type(instance).__name__ == "Crew":
            for name in ("tasks_output", "token_usage", "usage_metrics"):
                if hasattr(result, name):
                    span.set_attribute(f"crewai.crew.{name}", str(getattr(result, name)))


class LitellmInstrumentor(_Instrumentor):
    """Spans for LiteLLM's calls (as the official's); ``completion`` and ``acompletion`` also
    send the span as Portkey trace headers, so the gateway's log joins the trace."""

    package = "litellm"
    minimum = "1.48.0"
    source_type = "routing library"
    targets = (
        ("litellm", "completion"),
        ("litellm", "text_completion"),
        ("litellm.main", "acompletion"),
        ("litellm.main", "image_generation"),
        ("litellm.main", "aimage_generation"),
        ("litellm.main", "embedding"),
        ("litellm.main", "aembedding"),
    )

    def _identity(self, version: str) -> List[Tuple[str, str]]:
        return [("framework.version", version), *super()._identity(version)[:2]]

    def _before(self, span: Span, operation: str, kwargs: Dict[str, Any]) -> Dict[str, Any]:
        if operation not in ("completion", "acompletion"):
            return kwargs
        from ._spans import trace_header_value

        context = span.get_span_context()
        parent = getattr(span, "parent", None)
        ours = {
            "x-portkey-trace-id": trace_header_value(context.trace_id, "uuid"),
            "x-portkey-span-id": str(context.span_id),
            "x-portkey-span-name": operation,
        }
        if parent is not None:
            ours["x-portkey-parent-span-id"] = str(parent.span_id)
        headers = dict(kwargs.get("headers") or {})
        given = {str(k).lower() for k in headers}
        headers.update({k: v for k, v in ours.items() if k not in given})
        return {**kwargs, "headers": headers}


class LanggraphInstrumentor(_Instrumentor):
    """Spans for building LangGraph state graphs (as the official's)."""

    package = "langgraph"
    minimum = "0.2.0"
    targets = (
        ("langgraph.graph.state", "StateGraph.add_node"),
        ("langgraph.graph.state", "StateGraph.add_edge"),
        ("langgraph.graph.state", "StateGraph.set_entry_point"),
        ("langgraph.graph.state", "StateGraph.set_finish_point"),
        ("langgraph.graph.state", "StateGraph.add_conditional_edges"),
    )

    def _after(self, span: Span, instance: Any, result: Any) -> None:
        if not isinstance(result, type(instance)):  # the builder returning itself
            set_span_attribute(span, "result", result)


INSTRUMENTORS = (CrewAIInstrumentor, LitellmInstrumentor, LanggraphInstrumentor)


def _installed(package: str) -> bool:
    try:
        importlib.metadata.version(package)
        return True
    except importlib.metadata.PackageNotFoundError:
        return False


def instrument_installed(tracer_provider: Optional[trace.TracerProvider] = None) -> List[str]:
    """Turn on the instrumentor of each framework that is installed; their package names."""
    done = []
    for cls in INSTRUMENTORS:
        if _installed(cls.package):
            cls().instrument(tracer_provider=tracer_provider)
            log.info("Portkey: %s Instrumentation initialized", cls.package)
            done.append(cls.package)
    return done
