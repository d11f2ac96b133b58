"""openai-python's other names for our types (its per-method answer types such as
``ContainerCreateResponse``, and its names for the Assistants types such as ``Text``): each is
importable from our module of the area, is our type itself, and is the type openai-python has
under that name (the same fields), so code written against openai-python's names works."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any, List, Tuple

import attrs
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from gen_types_names import ALSO_NAMED  # noqa: E402  (the table the generator writes them from)

# Where openai-python keeps the types of each of our areas.
OPENAI_MODULES = {
    "containers": ["openai.types", "openai.types.containers"],
    "evals": ["openai.types", "openai.types.evals", "openai.types.evals.runs"],
    "fine_tuning": ["openai.types.fine_tuning", "openai.types.fine_tuning.checkpoints"],
    "videos": ["openai.types"],
    "assistants": [
        "openai.types.beta",
        "openai.types.beta.threads",
        "openai.types.beta.threads.runs",
    ],
}
NAMES: List[Tuple[str, str, str]] = [
    (key.split(".", 1)[0], key.split(".", 1)[1], other)
    for key, others in ALSO_NAMED.items()
    for other in others
]


def test_every_area_of_the_table_is_known() -> None:
    assert {area for area, _, _ in NAMES} == set(OPENAI_MODULES)
    assert len(NAMES) >= 60


@pytest.mark.parametrize("area, ours, name", NAMES, ids=[n for _, _, n in NAMES])
def test_openai_name_is_our_type(area: str, ours: str, name: str) -> None:
    module = importlib.import_module(f"portkey.types.{area}")
    assert getattr(module, name) is getattr(module, ours)
    assert name in module.__all__
    pytest.importorskip("openai")
    theirs = None
    for path in OPENAI_MODULES[area]:
        theirs = getattr(importlib.import_module(path), name, theirs)
    assert theirs is not None, f"openai-python has no {name}"
    if attrs.has(getattr(module, ours)):  # a class: the same fields (a union: a union there)
        fields = {f.name for f in attrs.fields(getattr(module, ours))}
        assert set(theirs.model_fields) == fields


EXAMPLES = json.loads(
    (ROOT / "tests" / "fixtures" / "recorded" / "26_openai_spec_examples_containers_videos.json")
    .read_text("utf-8")
)  # fmt: skip


def test_a_body_parses_through_the_per_method_name() -> None:
    from portkey.types.containers import ContainerCreateResponse, ContainerListResponse

    body: Any = next(v for k, v in EXAMPLES.items() if k.startswith("POST /containers"))
    created = ContainerCreateResponse.model_validate(body)
    assert created.id == body["id"] and created.to_dict() == body
    assert isinstance(created, ContainerListResponse)
