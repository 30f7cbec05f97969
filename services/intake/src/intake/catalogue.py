"""The service catalogue: what citizens can ask for, loaded from a file in `deploy/`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Service:
    code: str
    group: str
    name: dict[str, str]
    description: dict[str, str]
    keywords: tuple[str, ...]
    location_required: bool
    expected_hours: int


Catalogue = dict[str, Service]


def parse(entries: list[dict[str, Any]]) -> Catalogue:
    services = (
        Service(
            code=e["service_code"],
            group=e["group"],
            name=e["name"],
            description=e["description"],
            keywords=tuple(e.get("keywords", ())),
            location_required=bool(e.get("location_required", True)),
            expected_hours=int(e["expected_hours"]),
        )
        for e in entries
    )
    return {s.code: s for s in services}


def load(path: str | Path) -> Catalogue:
    return parse(json.loads(Path(path).read_text()))
