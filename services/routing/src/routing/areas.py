"""Jurisdictions: the city, its kecamatan and their kelurahan, as real areas on the map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from routing import geo

Level = Literal["city", "kecamatan", "kelurahan"]
DEPTH: dict[str, int] = {"city": 1, "kecamatan": 2, "kelurahan": 3}


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    level: Level
    parent: str | None
    geometry: dict[str, Any]

    @property
    def label(self) -> str:
        """How a person says it: "kelurahan Menteng", "Jakarta Pusat"."""
        return self.name if self.level == "city" else f"{self.level} {self.name}"


def locate(areas: dict[str, Area], lat: float, lon: float) -> tuple[Area, ...]:
    """The areas containing the point, deepest first (kelurahan, kecamatan, city)."""
    found = [a for a in sorted(areas.values(), key=lambda a: a.code) if geo.contains(a.geometry, lat, lon)]
    deepest: dict[int, Area] = {}
    for area in found:
        deepest.setdefault(DEPTH[area.level], area)
    return tuple(deepest[depth] for depth in sorted(deepest, reverse=True))


def lineage(areas: dict[str, Area], code: str) -> tuple[str, ...]:
    """`code` and every area above it."""
    chain: list[str] = []
    current: str | None = code
    while current is not None and current in areas and current not in chain:
        chain.append(current)
        current = areas[current].parent
    return tuple(chain)


def described(chain: tuple[Area, ...]) -> str:
    """ "kelurahan Menteng lies in kecamatan Menteng, Jakarta Pusat"."""
    first, *rest = chain
    if not rest:
        return f"the location lies in {first.label}"
    return f"{first.label} lies in {', '.join(a.label for a in rest)}"


def parse(collection: dict[str, Any]) -> dict[str, Area]:
    """Areas from a GeoJSON FeatureCollection whose properties name code, name, level, parent."""
    parsed = [feature(f) for f in collection["features"]]
    areas = {a.code: a for a in parsed}
    if unknown := sorted({a.parent for a in parsed if a.parent and a.parent not in areas}):
        raise ValueError(f"areas name parents that do not exist: {', '.join(unknown)}")
    return areas


def feature(f: dict[str, Any]) -> Area:
    p = f["properties"]
    if p["level"] not in DEPTH:
        raise ValueError(f"area {p['code']}: level must be city, kecamatan or kelurahan")
    return Area(p["code"], p["name"], p["level"], p.get("parent"), geo.checked(f["geometry"]))


def as_feature(area: Area) -> dict[str, Any]:
    properties = {"code": area.code, "name": area.name, "level": area.level, "parent": area.parent}
    return {"type": "Feature", "properties": properties, "geometry": area.geometry}
