"""Point in polygon with shapely, on GeoJSON (longitude, latitude) rings; invalid areas refused."""

from __future__ import annotations

from typing import Any

import pytest
import shapely
from routing import geo

L_SHAPE = {  # Jakarta Pusat is not a rectangle: its south-east corner belongs to Jakarta Timur
    "type": "Polygon",
    "coordinates": [[[0, 0], [6, 0], [6, 3], [9, 3], [9, 8], [0, 8], [0, 0]]],
}
WITH_HOLE = {
    "type": "Polygon",
    "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]],
}
TWO_ISLANDS = {
    "type": "MultiPolygon",
    "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]],
}


@pytest.mark.parametrize(
    ("behaviour", "shape", "lat", "lon", "inside"),
    [
        ("inside the body of an L", L_SHAPE, 5, 2, True),
        ("inside the arm of an L", L_SHAPE, 5, 8, True),
        ("in the notch of an L is outside", L_SHAPE, 1, 8, False),
        ("east of everything is outside", L_SHAPE, 5, 20, False),
        ("inside the outer ring, outside the hole", WITH_HOLE, 2, 2, True),
        ("in the hole is outside", WITH_HOLE, 5, 5, False),
        ("on the first island", TWO_ISLANDS, 0.5, 0.5, True),
        ("on the second island", TWO_ISLANDS, 5.5, 5.5, True),
        ("between the islands is outside", TWO_ISLANDS, 3, 3, False),
        ("a ray through a vertex still counts once", L_SHAPE, 3, 1, True),
        ("a point on an edge counts as inside", L_SHAPE, 0, 3, True),
    ],
)
def test_contains(behaviour: str, shape: dict[str, Any], lat: float, lon: float, inside: bool) -> None:
    assert geo.contains(shape, lat, lon) is inside, behaviour


def test_latitude_and_longitude_are_not_swapped() -> None:
    tall = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 10], [0, 10], [0, 0]]]}

    assert geo.contains(tall, lat=5, lon=0.5)
    assert not geo.contains(tall, lat=0.5, lon=5)


@pytest.mark.parametrize(
    ("shape", "problem"),
    [
        ({"type": "Point", "coordinates": [0, 0]}, "Polygon or MultiPolygon"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]]}, "four positions"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}, "end where it starts"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}, "Self-intersection"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [200, 1], [0, 1], [0, 0]]]}, "longitude"),
        ({"type": "Polygon", "coordinates": "square"}, "ring"),
    ],
)
def test_only_valid_closed_polygons_are_areas(shape: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        geo.checked(shape)


def test_the_index_finds_the_areas_at_a_point_among_thousands_of_vertices() -> None:
    circle = {"type": "Polygon", "coordinates": [list(shapely.Point(0, 0).buffer(5, 1000).exterior.coords)]}
    index = geo.indexed([("round", circle), ("square", L_SHAPE), ("far", TWO_ISLANDS)])

    assert index.at(lat=2, lon=2) == ("round", "square")
    assert index.at(lat=5.5, lon=5.5) == ("far", "square")
    assert index.at(lat=-30, lon=-30) == ()
