"""A choropleth of the network's areas as SVG paths (pure): how many requests each kelurahan sent.

Longitude and latitude are drawn on a plane (scaled by the cosine of the middle latitude, so a
kelurahan near the equator keeps its shape), north up, simplified to about a metre of the drawing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from dekat.payloads import NetworkArea
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from intake.areas import shape_of

WIDTH = 320
SHADES = 5
"""Classes of the legend, lightest (fewest requests) to darkest."""


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str
    count: int
    shade: int


@dataclass(frozen=True)
class Map:
    width: int
    height: int
    shapes: tuple[Shape, ...]
    legend: tuple[tuple[int, int, int], ...]
    """(shade, from, to): the counts each shade stands for."""


def shade_of(count: int, top: int) -> int:
    return 0 if count <= 0 or top <= 0 else min(SHADES - 1, math.ceil(count * (SHADES - 1) / top))


def legend(top: int) -> tuple[tuple[int, int, int], ...]:
    """(shade, from, to) of every shade some count can take: shade 0 is none at all."""
    found = [(0, 0, 0)]
    for shade in range(1, SHADES if top > 0 else 1):
        low, high = math.floor(top * (shade - 1) / (SHADES - 1)) + 1, math.floor(top * shade / (SHADES - 1))
        if low <= high:
            found.append((shade, low, high))
    return tuple(found)


def polygons(shape: BaseGeometry) -> list[Polygon]:
    if isinstance(shape, MultiPolygon):
        return list(shape.geoms)
    return [shape] if isinstance(shape, Polygon) else []


def rings(shape: BaseGeometry) -> Iterable[list[tuple[float, float]]]:
    for polygon in polygons(shape):
        for ring in (polygon.exterior, *polygon.interiors):
            yield [(c[0], c[1]) for c in ring.coords]


def choropleth(areas: list[NetworkArea], counts: dict[str, int]) -> Map | None:
    """The areas (kelurahan, usually) shaded by their counts; None without areas."""
    shapes = {a.code: shape_of(a.geometry) for a in areas}
    if not shapes:
        return None
    bounds = [s.bounds for s in shapes.values()]
    west, south = min(b[0] for b in bounds), min(b[1] for b in bounds)
    east, north = max(b[2] for b in bounds), max(b[3] for b in bounds)
    squash = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / max((east - west) * squash, 1e-9)
    height = max(1, round((north - south) * scale))

    def path(shape: BaseGeometry) -> str:
        simple = shape.simplify(1 / scale, preserve_topology=True)
        return " ".join(
            "M"
            + " L".join(f"{(x - west) * squash * scale:.1f},{(north - y) * scale:.1f}" for x, y in ring)
            + " Z"
            for ring in rings(simple)
        )

    top = max(counts.values(), default=0)
    drawn = tuple(
        Shape(
            a.code, a.name, path(shapes[a.code]), counts.get(a.code, 0), shade_of(counts.get(a.code, 0), top)
        )
        for a in sorted(areas, key=lambda a: a.code)
    )
    return Map(WIDTH, height, drawn, legend(top))
