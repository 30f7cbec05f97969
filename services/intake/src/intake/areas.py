"""Where Dekat serves: the network's areas as routing announces them, indexed for lookups (pure).

`Places` is a value: built once from the stored areas (an STRtree over their shapes), replaced
whole when they change (see `area_index`). A location is checked against it, a chosen
`area_code` looked up in it, and the portal's place chooser is drawn from it.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from dekat.payloads import NetworkArea
from shapely import STRtree
from shapely.geometry import MultiPolygon, Point, Polygon, shape
from shapely.geometry.base import BaseGeometry

LEVELS = ("province", "city", "kecamatan", "kelurahan")
"""Outermost first."""
CHOOSABLE = ("kecamatan", "kelurahan")
"""The levels a citizen may choose their place at."""


def shape_of(geometry: dict[str, object]) -> BaseGeometry:
    """The area's shape; ValueError unless it is a valid GeoJSON Polygon or MultiPolygon."""
    try:
        found = shape(geometry)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as error:
        raise ValueError(f"not a GeoJSON geometry: {type(error).__name__}") from error
    if not isinstance(found, Polygon | MultiPolygon) or found.is_empty:
        raise ValueError(f"an area must be a Polygon or MultiPolygon, not {found.geom_type}")
    return found


@dataclass(frozen=True, eq=False)
class Places:
    """Every known area by code, and a spatial index over their shapes."""

    areas: dict[str, NetworkArea] = field(default_factory=dict)
    _codes: tuple[str, ...] = ()
    _tree: STRtree | None = None

    @property
    def known(self) -> bool:
        """False until the first area arrived: then nothing can be refused for its place."""
        return bool(self.areas)

    @functools.cached_property  # a value built once per change of the network, read per submission
    def bounded(self) -> bool:
        """True once an outermost area (one without a parent) is here: only then is a point outside
        every known area outside what Dekat serves. While the network is still arriving (its areas
        come in any order, a replay takes a moment), a point in a kelurahan not here yet is not."""
        return any(a.parent is None for a in self.areas.values())

    def containing(self, lat: float, long: float) -> list[NetworkArea]:
        """The areas the point lies in (on a border counts as in), largest level first."""
        if self._tree is None:
            return []
        hits = self._tree.query(Point(long, lat), predicate="intersects")  # GeoJSON: (long, lat)
        found = [self.areas[self._codes[int(i)]] for i in hits]
        return sorted(found, key=lambda a: (LEVELS.index(a.level), a.code))

    def served(self) -> list[str]:
        """The names of the outermost areas: `DKI Jakarta`. While the network is still arriving
        (its areas come in any order), those whose parent is not here yet stand in for it."""
        roots = [a for a in self.areas.values() if a.parent is None]
        outermost = roots or [a for a in self.areas.values() if a.parent not in self.areas]
        return sorted(a.name for a in outermost)


NOWHERE_YET = Places()
"""No area received yet: every location is accepted, and routing places it."""


def places(areas: list[NetworkArea]) -> Places:
    """The index over `areas`; one whose geometry is unreadable is left out (it was refused on arrival)."""
    shapes: dict[str, BaseGeometry] = {}
    for area in areas:
        try:
            shapes[area.code] = shape_of(area.geometry)
        except ValueError:
            continue
    codes = tuple(shapes)
    tree = STRtree([shapes[c] for c in codes]) if codes else None
    return Places({a.code: a for a in areas if a.code in shapes}, codes, tree)


def chooser(known: Places) -> dict[str, Any]:
    """What the portal offers a citizen to choose from: every kecamatan with its kelurahan."""
    areas = known.areas.values()

    def named(a: NetworkArea) -> dict[str, str]:
        return {"code": a.code, "name": a.name}

    kecamatan = sorted((a for a in areas if a.level == "kecamatan"), key=lambda a: a.name)
    kelurahan = sorted((a for a in areas if a.level == "kelurahan"), key=lambda a: a.name)
    return {
        "revision": max((a.revision for a in areas), default=None),
        "served": known.served(),
        "kecamatan": [
            {**named(k), "kelurahan": [named(v) for v in kelurahan if v.parent == k.code]} for k in kecamatan
        ],
    }


def etag(document: dict[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return '"' + hashlib.sha256(canonical.encode()).hexdigest()[:32] + '"'
