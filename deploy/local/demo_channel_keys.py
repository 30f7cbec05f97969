"""Print deploy/catalogue/channel_keys.json: the SHA-256 digests of the demo channel keys.

Every counter gets `demo-counter-<id>-key`, every mobile unit `demo-mobile-<id>-key`. Run it again
after adding a counter or a unit:

    python3 deploy/local/demo_channel_keys.py > deploy/catalogue/channel_keys.json

Production keys are made elsewhere (`secrets.token_urlsafe`); only their digests go in the file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

CATALOGUE = Path(__file__).resolve().parents[1] / "catalogue"
ABOUT = (
    "SHA-256 digests of the demo channel keys (demo-counter-<id>-key, demo-mobile-<id>-key), "
    "made by deploy/local/demo_channel_keys.py; never put keys here"
)


def demo_key(channel: str, owner_id: str) -> str:
    return f"demo-{channel}-{owner_id}-key"


def entry(channel: str, owner_id: str) -> str:
    sha256 = hashlib.sha256(demo_key(channel, owner_id).encode()).hexdigest()
    return json.dumps({"channel": channel, "id": owner_id, "sha256": sha256})


def ids(name: str) -> list[str]:
    entries: list[dict[str, Any]] = json.loads((CATALOGUE / name).read_text())
    return [e["id"] for e in entries]


def document() -> str:
    owners = [("counter", i) for i in ids("counters.json")] + [
        ("mobile", i) for i in ids("mobile_units.json")
    ]
    lines = ",\n".join(f"    {entry(channel, owner_id)}" for channel, owner_id in owners)
    return f'{{\n  "about": {json.dumps(ABOUT)},\n  "keys": [\n{lines}\n  ]\n}}\n'


if __name__ == "__main__":
    print(document(), end="")
