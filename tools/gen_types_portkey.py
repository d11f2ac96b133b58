"""The generated types of Portkey's own APIs (``../shared/specs/portkey/openapi.yaml``).

One entry per output module under ``portkey.types``: (module, docstring, roots). A root is a
component schema's name, or an operation's inline schema given a class name:
``"ConfigListResponse=GET /configs"`` (its first 2xx JSON answer) or
``"ConfigCreateRequest=POST /configs request"`` (its JSON request body). Regenerate with
``python tools/gen_types.py``; CI checks the output is fresh (``--check``).
"""

from __future__ import annotations

from typing import List, Tuple

PORTKEY_OUTPUTS: List[Tuple[str, str, List[str]]] = []
