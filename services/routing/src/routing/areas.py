"""Jurisdictions: the province, its cities, their kecamatan and kelurahan, as real areas on the map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from dekat.events import Envelope, new_event
from dekat.payloads import AREA, NetworkArea

from routing import geo

Level = Literal["province", "city", "kecamatan", "kelurahan"]
DEPTH: dict[str, int] = {"province": 1, "city": 2, "kecamatan": 3, "kelurahan": 4}
"""How close to the citizen an area is; 0 is the whole network (no area)."""
LEVELS: tuple[Level, ...] = ("province", "city", "kecamatan", "kelurahan")


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    level: Level
    parent: str | None
    geometry: dict[str, Any]

    @property
    def depth(self) -> int:
        return DEPTH[self.level]


def locate(areas: dict[str, Area], index: geo.Index, lat: float, lon: float) -> tuple[Area, ...]:
    """The areas at the point, deepest first: the deepest one found and every area above it.

    On a shared edge the area whose code sorts first is taken, so the answer never depends on
    the order areas were added in.
    """
    found = [areas[code] for code in index.at(lat, lon) if code in areas]  # in code order
    return chain(areas, max(found, key=lambda a: a.depth).code) if found else ()


def chain(areas: dict[str, Area], code: str) -> tuple[Area, ...]:
    """The area `code` and every area above it, deepest first."""
    return tuple(areas[c] for c in lineage(areas, code))


def lineage(areas: dict[str, Area], code: str) -> tuple[str, ...]:
    """`code` and every area above it."""
    found: list[str] = []
    current: str | None = code
    while current is not None and current in areas and current not in found:
        found.append(current)
        current = areas[current].parent
    return tuple(found)


def parse(collection: dict[str, Any]) -> dict[str, Area]:
    """Areas from a GeoJSON FeatureCollection whose properties name code, name, level, parent."""
    parsed = [feature(f) for f in collection["features"]]
    return checked({a.code: a for a in parsed})


def checked(areas: dict[str, Area]) -> dict[str, Area]:
    """The areas, if every parent exists and lies above its children."""
    if unknown := sorted({a.parent for a in areas.values() if a.parent and a.parent not in areas}):
        raise ValueError(f"areas name parents that do not exist: {', '.join(unknown)}")
    for area in areas.values():
        if area.parent is not None and areas[area.parent].depth >= area.depth:
            raise ValueError(f"area {area.code}: a {area.level} cannot lie in a {areas[area.parent].level}")
    return areas


def feature(f: dict[str, Any]) -> Area:
    p = f["properties"]
    if p["level"] not in DEPTH:
        raise ValueError(f"area {p['code']}: level must be one of {', '.join(LEVELS)}")
    return Area(p["code"], p["name"], p["level"], p.get("parent"), geo.checked(f["geometry"]))


def as_feature(area: Area) -> dict[str, Any]:
    properties = {"code": area.code, "name": area.name, "level": area.level, "parent": area.parent}
    return {"type": "Feature", "properties": properties, "geometry": area.geometry}


def announcement(area: Area, revision: int) -> Envelope:
    """The `network.area` event that tells intake where Dekat serves (subject: the area's code)."""
    data = NetworkArea(
        code=area.code, name=area.name, level=area.level, parent=area.parent, geometry=area.geometry,
        revision=revision,
    )  # fmt: skip
    return new_event(AREA, subject=area.code, data=data, source="routing")
