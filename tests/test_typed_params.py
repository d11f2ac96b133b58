"""The typed keyword parameters: mypy rejects a misspelt or mistyped one (at run time an
unknown keyword still passes through to the body; see test_endpoint_recipe.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Tuple

CASES = {
    'client.chat.completions.create(model="m", messages=[], temperatur=0.2)': (
        'Unexpected keyword argument "temperatur"'
    ),
    'client.responses.create(model="m", inptu="x")': 'Unexpected keyword argument "inptu"',
    'client.responses.create(model="m", input="x", max_output_tokens="many")': (
        'No overload variant of "create"'
    ),
    'client.chat.completions.create(model="m")': 'No overload variant of "create"',
    'client.conversations.items.list("c", limt=2)': 'Unexpected keyword argument "limt"',
    'client.embeddings.create(input="x", dimension=3)': 'Unexpected keyword argument "dimension"',
}


def _mypy(path: Path, tmp_path: Path) -> Tuple[int, str]:
    from mypy import api

    stdout, stderr, status = api.run(
        [str(path), "--strict", "--cache-dir", str(tmp_path / "mypy-cache")]
    )
    return status, stdout + stderr


def test_wrong_keywords_are_type_errors(tmp_path: Path) -> None:
    lines = ["from portkey import Portkey", "", "client = Portkey()"]
    lines += list(CASES)
    lines.append('client.responses.create(model="m", input="x", temperature=0.5)  # fine')
    source = tmp_path / "wrong_keywords.py"
    source.write_text("\n".join(lines) + "\n")
    status, output = _mypy(source, tmp_path)
    assert status == 1, output
    for number, (call, expected) in enumerate(CASES.items(), start=4):
        errors = [line for line in output.splitlines() if f"wrong_keywords.py:{number}:" in line]
        assert errors, f"no type error for {call}\n{output}"
        assert any(expected in e for e in errors) or expected in output, (call, errors)
    assert f"wrong_keywords.py:{4 + len(CASES)}:" not in output, output
