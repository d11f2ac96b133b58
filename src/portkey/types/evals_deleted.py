"""The answers of ``evals.delete`` and ``evals.runs.delete`` (inline in the spec, so not
generated)."""

from __future__ import annotations

from typing import Optional

import attrs

from .._models import BaseModel

__all__ = ["EvalDeleteResponse", "RunDeleteResponse"]


@attrs.define(eq=False, repr=False)
class EvalDeleteResponse(BaseModel):
    """``DELETE /evals/{eval_id}``."""

    deleted: Optional[bool] = None
    eval_id: Optional[str] = None
    object: Optional[str] = "eval.deleted"


@attrs.define(eq=False, repr=False)
class RunDeleteResponse(BaseModel):
    """``DELETE /evals/{eval_id}/runs/{run_id}``."""

    deleted: Optional[bool] = None
    object: Optional[str] = "eval.run.deleted"
    run_id: Optional[str] = None
