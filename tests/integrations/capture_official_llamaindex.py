"""Record what the official SDK's ``LlamaIndexCallbackHandler`` sends for each run of
``llamaindex_scenarios.py``, into ``tests/fixtures/llamaindex/official_logs.json`` (+ .meta.json).

Run it with the official's venv (portkey-ai 2.3.4, our package installed editable, and the
llama-index-core version the ``integrations`` session pins)::

    /tmp/official/bin/pip install 'llama-index-core==<the pinned version>'
    /tmp/official/bin/python tests/integrations/capture_official_llamaindex.py

The LLM is ours (``PortkeyLLM``, through the real gateway and the fake upstream: the official's
LLM class cannot be imported with llama-index-core 0.12+); only the handler is the official's.
Its logs go to a local ``Recorder``. A scenario in which the official handler raises is
recorded with the exception's name. ``test_llamaindex_callbacks.py`` runs the same scenarios
with our handler and compares.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

OUT = HERE.parent / "fixtures" / "llamaindex" / "official_logs.json"


def main() -> int:
    import llama_index.core
    import portkey_ai
    from gateway.harness import running_stack
    from llamaindex_scenarios import SCENARIOS, error_of, handler_metadata, normalize
    from local_servers import Recorder
    from portkey_ai.llamaindex import LlamaIndexCallbackHandler

    captured = {}
    with running_stack() as stack, Recorder() as recorder:
        options = {
            "base_url": stack.gateway_url,
            "provider": "openai",
            "custom_host": stack.upstream_url,
            "Authorization": "sk-fake",
        }
        for name, scenario in SCENARIOS.items():
            stack.reset()
            recorder.clear()
            handler = LlamaIndexCallbackHandler(
                api_key="pk-test", metadata=handler_metadata(name), base_url=recorder.url
            )
            error = error_of(scenario, handler, options)
            requests = recorder.requests()
            assert all(r["path"] == "/logs" and r["method"] == "POST" for r in requests)
            assert all(r["headers"]["x-portkey-api-key"] == "pk-test" for r in requests)
            logs = normalize([r["body"] for r in requests], {"gateway": stack.gateway_url})
            captured[name] = {"error": error, **logs}
            print(f"{name}: {len(requests)} log(s), error: {error}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(captured, indent=1) + "\n", encoding="utf-8")
    meta = {
        "what": "the official LlamaIndexCallbackHandler's POST /logs bodies, normalized "
        "(llamaindex_scenarios.normalize), per scenario, with the exception the run raised",
        "made_by": "tests/integrations/capture_official_llamaindex.py",
        "portkey_ai": getattr(portkey_ai, "__version__", "?"),
        "llama_index_core": llama_index.core.__version__,
        "python": sys.version.split()[0],
        "date": date.today().isoformat(),
    }
    OUT.with_suffix(".meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
