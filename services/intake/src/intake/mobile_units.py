"""The registered mobile service units: who they are and which kabupaten or kota each serves."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class MobileUnit:
    id: str
    name: str
    region: str
    """The province, e.g. `DKI Jakarta`."""
    kabupaten: str
    """The kabupaten or kota the unit travels in."""


def unit(entry: dict[str, Any]) -> MobileUnit:
    return MobileUnit(
        id=entry["id"], name=entry["name"], region=entry["region"], kabupaten=entry["kabupaten"]
    )


def load(path: str | Path) -> dict[str, MobileUnit]:
    return {u.id: u for u in map(unit, json.loads(Path(path).read_text()))}
