"""Where Dekat serves, as a citizen chooses it: a kecamatan, then one of its kelurahan.

The one way the portal reads the network's areas is `known(request)`: intake's own copy of
routing's `network.areas.v1`, as this process's area index holds it now. `load` reads the same
areas from routing's GeoJSON file, for tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request

from intake.area_index import AreaIndex


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str
    parent: str | None = None


def place(properties: dict[str, Any]) -> Place:
    return Place(properties["code"], properties["name"], properties["level"], properties.get("parent"))


def load(path: str | Path) -> list[Place]:
    features = json.loads(Path(path).read_text())["features"]
    return [place(f["properties"]) for f in features]


async def known(request: Request) -> list[Place]:
    """The places of the network as this process knows them now (routing's `network.areas.v1`)."""
    index: AreaIndex = request.app.state.areas
    return [Place(a.code, a.name, a.level, a.parent) for a in index.current.areas.values()]


Places = Annotated[list[Place], Depends(known)]


def chooser(places: list[Place]) -> list[tuple[Place, list[Place]]]:
    """Each kecamatan (by name) with its kelurahan (by name): the `<optgroup>`s of the place list."""
    kelurahan = sorted((p for p in places if p.level == "kelurahan"), key=lambda p: p.name)
    kecamatan = sorted((p for p in places if p.level == "kecamatan"), key=lambda p: p.name)
    return [(k, [p for p in kelurahan if p.parent == k.code]) for k in kecamatan]


def named(places: list[Place], code: str) -> str | None:
    """`Kel. Cikini, Kec. Menteng` for a kelurahan, `Kec. Menteng` for a kecamatan; None if unknown."""
    by_code = {p.code: p for p in places}
    chosen = by_code.get(code)
    if chosen is None or chosen.level not in {"kelurahan", "kecamatan"}:
        return None
    if chosen.level == "kecamatan":
        return f"Kec. {chosen.name}"
    parent = by_code.get(chosen.parent or "")
    return f"Kel. {chosen.name}, Kec. {parent.name}" if parent else f"Kel. {chosen.name}"
