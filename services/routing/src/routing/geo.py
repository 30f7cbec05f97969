"""Is a point inside a GeoJSON area? Ray casting, no GIS library.

GeoJSON orders coordinates (longitude, latitude). A Polygon is an outer ring followed by holes;
a MultiPolygon is a list of Polygons. A point exactly on an edge may count as in or out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Ring = Sequence[Sequence[float]]


def in_ring(lon: float, lat: float, ring: Ring) -> bool:
    """Count crossings of a ray going east from the point; odd means inside."""
    inside = False
    previous = ring[-1]
    for current in ring:
        (x1, y1), (x2, y2) = previous[:2], current[:2]
        if (y1 > lat) != (y2 > lat):
            crossing_lon = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < crossing_lon:
                inside = not inside
        previous = current
    return inside


def in_polygon(lon: float, lat: float, rings: Sequence[Ring]) -> bool:
    outer, *holes = rings
    return in_ring(lon, lat, outer) and not any(in_ring(lon, lat, hole) for hole in holes)


def contains(geometry: dict[str, Any], lat: float, lon: float) -> bool:
    """Whether the GeoJSON Polygon or MultiPolygon `geometry` contains (lat, lon)."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind == "Polygon":
        return in_polygon(lon, lat, coordinates)
    if kind == "MultiPolygon":
        return any(in_polygon(lon, lat, polygon) for polygon in coordinates)
    raise ValueError(f"an area must be a Polygon or MultiPolygon, not {kind}")


def checked(geometry: dict[str, Any]) -> dict[str, Any]:
    """The geometry, if every ring has at least four positions and is closed."""
    kind = geometry.get("type")
    polygons = {"Polygon": [geometry.get("coordinates")], "MultiPolygon": geometry.get("coordinates")}.get(
        str(kind)
    )
    if not polygons:
        raise ValueError(f"an area must be a Polygon or MultiPolygon, not {kind}")
    for rings in polygons:
        for ring in rings or [[]]:
            if len(ring) < 4 or list(ring[0]) != list(ring[-1]):
                raise ValueError("every ring needs at least four positions and must end where it starts")
    return geometry
