"""Helpers of the integration tests (see README.md here)."""

from __future__ import annotations

import importlib
import os
import sys
from types import ModuleType
from typing import Any, Dict, List

import pytest
from gateway.harness import Stack


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def openai_modules() -> List[str]:
    """The openai packages loaded in this process (``openai``, ``langchain_openai``, ...)."""
    return sorted(
        m
        for m in sys.modules
        if m.split(".")[0] in ("openai", "langchain_openai", "llama_index.llms.openai")
    )


def require(module: str, extra: str) -> ModuleType:
    """Import a framework for a test module: skipped when it is missing, except under CI
    (where the session installed it, so missing is a failure)."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        message = f"{module} is not installed (pip install 'portkey-fast[{extra}]'): {exc}"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message, allow_module_level=True)
        raise  # not reached


def gateway_options(stack: Stack, **extra: Any) -> Dict[str, Any]:
    """Portkey client options for a call through the gateway to the fake upstream: pass them
    to a framework adapter as keywords (``ChatPortkey(**gateway_options(stack), model=...)``)."""
    options: Dict[str, Any] = {
        "base_url": stack.gateway_url,
        "provider": "openai",
        "custom_host": stack.upstream_url,
        "Authorization": "sk-fake",
    }
    options.update(extra)
    return options
