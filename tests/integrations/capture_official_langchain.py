"""Record what the official SDK's ``LangchainCallbackHandler`` sends for each run of
``langchain_scenarios.py``, into ``tests/fixtures/langchain/official_logs.json`` (+ .meta.json).

Run it with the official's venv (portkey-ai 2.3.4, our package installed editable, and the
langchain-core version the ``integrations`` session pins)::

    /tmp/official/bin/pip install 'langchain-core==<the pinned version>'
    /tmp/official/bin/python tests/integrations/capture_official_langchain.py

The models are ours (``ChatPortkey``/``PortkeyLLM``) through the real gateway and the fake
upstream; only the handler is the official's. Its logs go to a local ``Recorder``.
``test_langchain_callbacks.py`` runs the same scenarios with our handler and compares.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

OUT = HERE.parent / "fixtures" / "langchain" / "official_logs.json"


def main() -> int:
    import langchain_core
    import portkey_ai
    from gateway.harness import running_stack
    from langchain_scenarios import SCENARIOS, handler_metadata, normalize
    from local_servers import Recorder
    from portkey_ai.langchain import LangchainCallbackHandler

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
            handler = LangchainCallbackHandler(
                api_key="pk-test", metadata=handler_metadata(name), base_url=recorder.url
            )
            scenario(handler, options)
            requests = recorder.requests()
            assert all(r["path"] == "/logs" and r["method"] == "POST" for r in requests)
            assert all(r["headers"]["x-portkey-api-key"] == "pk-test" for r in requests)
            urls = {"gateway": stack.gateway_url}
            captured[name] = normalize([r["body"] for r in requests], urls)
            print(f"{name}: {len(requests)} log(s)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(captured, indent=1) + "\n", encoding="utf-8")
    meta = {
        "what": "the official LangchainCallbackHandler's POST /logs bodies, normalized "
        "(langchain_scenarios.normalize), one list of bodies per scenario",
        "made_by": "tests/integrations/capture_official_langchain.py",
        "portkey_ai": portkey_ai.__version__ if hasattr(portkey_ai, "__version__") else "?",
        "langchain_core": langchain_core.__version__,
        "python": sys.version.split()[0],
        "date": date.today().isoformat(),
    }
    OUT.with_suffix(".meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
