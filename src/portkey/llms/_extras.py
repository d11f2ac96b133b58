"""The ImportError an adapter raises when its framework (an optional extra) is missing.

Shared by every framework module (``portkey.llms.langchain``, ``portkey.langchain``, ...)::

    try:
        from langchain_core.language_models import BaseChatModel
    except ImportError as exc:
        raise missing_extra("langchain", "portkey.llms.langchain", exc) from exc
"""

from __future__ import annotations

DISTRIBUTION = "portkey-fast"

__all__ = ["DISTRIBUTION", "missing_extra"]


def missing_extra(extra: str, feature: str, cause: ImportError) -> ImportError:
    """An ImportError saying which extra to install for ``feature``, naming the missing module."""
    missing = getattr(cause, "name", None) or str(cause)
    error = ImportError(
        f"{feature} needs the optional dependencies of the {extra!r} extra "
        f"(missing: {missing}). Install them with: pip install '{DISTRIBUTION}[{extra}]'"
    )
    error.name = getattr(cause, "name", None)
    return error
