"""Areas on the map with shapely 2: valid GeoJSON polygons, and an STRtree to find the ones at a point.

GeoJSON orders coordinates (longitude, latitude). A Polygon is an outer ring followed by holes;
a MultiPolygon is a list of Polygons. A point on an edge counts as inside (`covers`), so a point on
the line between two kelurahan lies in both and the caller decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree
from shapely.validation import explain_validity

KINDS = ("Polygon", "MultiPolygon")


def checked(geometry: dict[str, Any]) -> dict[str, Any]:
    """The geometry, if it is a valid Polygon or MultiPolygon on Earth's coordinates."""
    polygon(geometry)
    return geometry


def polygon(geometry: dict[str, Any]) -> BaseGeometry:
    """The shapely shape of a GeoJSON area; a self-intersecting or open ring is refused."""
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in KINDS:
        raise ValueError(f"an area must be a Polygon or MultiPolygon, not {kind}")
    try:
        closed(geometry)
        found = shape(geometry)
    except (TypeError, IndexError, KeyError, AttributeError, shapely.errors.ShapelyError) as error:
        raise ValueError(f"coordinates must be rings of [longitude, latitude] positions ({error})") from error
    if found.is_empty or not found.is_valid:
        raise ValueError(f"the {kind} is not a valid area: {explain_validity(found)}")
    west, south, east, north = found.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ValueError("coordinates are (longitude, latitude) within -180..180 and -90..90")
    return found


def closed(geometry: dict[str, Any]) -> None:
    """GeoJSON's rule, which shapely would quietly repair: a ring ends where it starts."""
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    for ring in [ring for rings in polygons for ring in rings] or [[]]:
        if len(ring) < 4 or list(ring[0]) != list(ring[-1]):
            raise ValueError("every ring needs at least four positions and must end where it starts")


@dataclass(frozen=True)
class Index:
    """Areas' shapes in an STRtree: finding those at a point does not scan every area."""

    codes: tuple[str, ...]
    tree: STRtree

    def at(self, lat: float, lon: float) -> tuple[str, ...]:
        """The codes of every area covering the point, in code order."""
        hits = self.tree.query(Point(lon, lat), predicate="covered_by")
        return tuple(sorted(self.codes[i] for i in hits))


def indexed(shapes: Sequence[tuple[str, dict[str, Any]]]) -> Index:
    """An index of (code, GeoJSON geometry) pairs."""
    return Index(tuple(code for code, _ in shapes), STRtree([polygon(g) for _, g in shapes]))


def contains(geometry: dict[str, Any], lat: float, lon: float) -> bool:
    """Whether the GeoJSON Polygon or MultiPolygon `geometry` covers (lat, lon)."""
    return bool(polygon(geometry).covers(Point(lon, lat)))
