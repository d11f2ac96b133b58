"""Agent frameworks on the Portkey gateway, as the official SDK's ``portkey_ai.integrations``:
``portkey.integrations.strands`` (``PortkeyStrands``, a Strands ``Model``) and
``portkey.integrations.adk`` (``PortkeyAdk``, a Google ADK ``BaseLlm``).

No framework is imported here: each module imports its framework when it is imported
itself, and raises an ImportError naming the extra to install (``pip install
'portkey-fast[strands]'``, ``'portkey-fast[adk]'``) when the framework is missing.
"""

from __future__ import annotations

import sys

from .._errors import PortkeyError
from ..llms._extras import missing_extra

__all__ = ["UnsupportedContentError"]


class UnsupportedContentError(PortkeyError, ValueError):
    """A framework's message holds content the gateway's API cannot carry (a video for the
    Responses API, say); raised before anything is sent."""


def _missing_framework(extra: str, feature: str, cause: ImportError) -> ImportError:
    """``missing_extra``, plus the Python version the frameworks need (both need 3.10+: on 3.9
    the extra installs nothing)."""
    error = missing_extra(extra, feature, cause)
    if sys.version_info < (3, 10):
        error = ImportError(f"{error} (the {extra!r} extra needs Python 3.10 or later)")
        error.name = getattr(cause, "name", None)
    return error
