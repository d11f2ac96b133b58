"""OpenAI's documented bodies and streams for files, uploads, batches, audio and image events
(tests/fixtures/recorded/24 and 25, from the OpenAI spec), shared by ``test_types_files.py``,
``test_types_batches.py``, ``test_types_audio.py`` and ``test_types_image_edits.py``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

from portkey._sse import SSEDecoder

RECORDED = Path(__file__).parent / "fixtures" / "recorded"
EXAMPLES: Dict[str, Any] = json.loads(
    (RECORDED / "24_openai_spec_examples_files_uploads_batches_audio.json").read_text("utf-8")
)
STREAMS: Dict[str, str] = json.loads(
    (RECORDED / "25_openai_spec_example_streams_transcription_images.json").read_text("utf-8")
)


def without_nulls(value: Any) -> Any:
    """``value`` with the null members of its objects left out, at every level."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def assert_round_trip(obj: Any, body: Dict[str, Any]) -> None:
    """``obj.to_dict()`` holds every member of ``body`` with the same JSON value (ints stay ints),
    unknown ones included, and adds only nulls (declared fields the body lacked)."""
    dumped = json.dumps(without_nulls(obj.to_dict()), sort_keys=True)
    assert dumped == json.dumps(without_nulls(body), sort_keys=True)


def sse_data(text: str) -> List[Any]:
    """The JSON data of each event of a documented stream, with its ``event:`` name (or None)."""
    decoder = SSEDecoder()
    # A documented stream stops after its last data line; on the wire a blank line ends it.
    events = decoder.feed(text.encode() + b"\n\n") + decoder.close()
    return [(e.event if e.event != "message" else None, json.loads(e.data)) for e in events]


def loaded_after(code: str, prefix: str) -> List[str]:
    """The modules under ``prefix`` loaded after running ``code`` in a fresh interpreter."""
    probe = f"import sys\n{code}\nprint(sorted(m for m in sys.modules if m.startswith({prefix!r})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded: List[str] = eval(out.stdout)  # a printed list of strings
    return loaded
