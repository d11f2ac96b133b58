"""Record what the official SDK's Strands and ADK adapters send for the turns of
``agents_wire.py``, into ``tests/fixtures/agents/official_wire.json`` (+ ``.meta.json``).

The official venv at /tmp/official has neither framework, so this runs in a throwaway venv::

    python3 -m venv /tmp/offw
    /tmp/offw/bin/pip install portkey-ai==2.3.4 strands-agents==1.62.0 google-adk==2.13.0
    .nox/tests/bin/python tests/gateway/harness.py run -- \\
        /tmp/offw/bin/python tests/integrations/capture_official_agents.py

(the harness sets PORTKEY_GATEWAY_URL and PORTKEY_UPSTREAM_URL). The ids the fake upstream
makes (``call_fake_<n>``) are kept: the same turns with ours get the same ones.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from agents_wire import route, run_both  # noqa: E402
from portkey_ai.integrations.adk import PortkeyAdk  # noqa: E402
from portkey_ai.integrations.strands import PortkeyStrands  # noqa: E402

OUT = HERE.parent / "fixtures" / "agents" / "official_wire.json"


def main() -> None:
    gateway, upstream = os.environ["PORTKEY_GATEWAY_URL"], os.environ["PORTKEY_UPSTREAM_URL"]
    strands = PortkeyStrands(model_id="gpt-4o-mini", base_url=gateway, api_key="pk-test")
    # its client takes only api_key, virtual_key and base_url: the route is given afterwards
    strands._client = strands._client.with_options(config=route(upstream))
    adk = PortkeyAdk(model="gpt-4o-mini", base_url=gateway, config=route(upstream))
    recorded = run_both(strands, adk, upstream)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    meta = {
        "what": "request bodies the fake upstream received from the official SDK's Strands and "
        "ADK adapters for the turns of tests/integrations/agents_wire.py, and their answers",
        "command": "tests/gateway/harness.py run -- <venv>/bin/python "
        "tests/integrations/capture_official_agents.py",
        "date": datetime.date.today().isoformat(),
        "versions": {
            name: metadata.version(name)
            for name in ("portkey-ai", "strands-agents", "google-adk", "google-genai")
        },
        "python": sys.version.split()[0],
    }
    OUT.with_suffix(".meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
