"""Where a point lies in DKI Jakarta and Jakarta Pusat, with the shipped areas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from routing import areas, geo

AREAS = areas.parse(json.loads((Path(__file__).parents[3] / "deploy/network/areas.geojson").read_text()))
INDEX = geo.indexed([(a.code, a.geometry) for a in AREAS.values()])


@pytest.mark.parametrize(
    ("place", "lat", "lon", "chain"),
    [
        ("Taman Suropati", -6.1994, 106.8324, ["kel-menteng", "kec-menteng", "jakarta-pusat", "dki-jakarta"]),
        (
            "Jl. Menteng Raya",
            -6.1951,
            106.8345,
            ["kel-menteng", "kec-menteng", "jakarta-pusat", "dki-jakarta"],
        ),
        ("Monas", -6.1754, 106.8272, ["kel-gambir", "kec-gambir", "jakarta-pusat", "dki-jakarta"]),
        ("Pasar Senen", -6.1740, 106.8420, ["kel-senen", "kec-senen", "jakarta-pusat", "dki-jakarta"]),
        (
            "Kemayoran (no kelurahan shipped)",
            -6.1500,
            106.8600,
            ["kec-kemayoran", "jakarta-pusat", "dki-jakarta"],
        ),
        ("Matraman, Jakarta Timur", -6.2000, 106.8650, ["dki-jakarta"]),
        ("Bogor", -6.5950, 106.8166, []),
        ("London", 51.5074, -0.1278, []),
    ],
)
def test_a_point_lies_in_its_kelurahan_kecamatan_city_and_province(
    place: str, lat: float, lon: float, chain: list[str]
) -> None:
    assert [a.code for a in areas.locate(AREAS, INDEX, lat, lon)] == chain, place


def test_a_point_on_the_line_between_two_kelurahan_lies_in_the_first_by_code() -> None:
    on_the_line = (-6.193, 106.830)  # kel-kebon-sirih above, kel-menteng below

    assert areas.locate(AREAS, INDEX, *on_the_line)[0].code == "kel-kebon-sirih"


def test_the_demo_has_a_province_a_city_eight_kecamatan_and_kelurahan() -> None:
    levels = [a.level for a in AREAS.values()]

    assert (levels.count("province"), levels.count("city"), levels.count("kecamatan")) == (1, 1, 8)
    assert levels.count("kelurahan") >= 10


def test_every_area_lies_inside_the_areas_above_it() -> None:
    for area in AREAS.values():
        (lon, lat) = area.geometry["coordinates"][0][0]
        inside_lat, inside_lon = lat + 0.0005, lon + 0.0005  # just inside the south-west corner
        chain = [a.code for a in areas.locate(AREAS, INDEX, inside_lat, inside_lon)]
        assert chain[-len(areas.lineage(AREAS, area.code)) :] == list(areas.lineage(AREAS, area.code))


def test_a_kecamatan_cannot_lie_in_a_kelurahan() -> None:
    collection = {
        "features": [
            {
                "properties": {"code": "kel", "name": "K", "level": "kelurahan", "parent": None},
                "geometry": SQUARE,
            },
            {
                "properties": {"code": "kec", "name": "C", "level": "kecamatan", "parent": "kel"},
                "geometry": SQUARE,
            },
        ]
    }
    with pytest.raises(ValueError, match="a kecamatan cannot lie in a kelurahan"):
        areas.parse(collection)


SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}


def test_an_area_with_an_unknown_parent_is_refused() -> None:
    collection = {
        "features": [
            {
                "properties": {"code": "x", "name": "X", "level": "kelurahan", "parent": "nowhere"},
                "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
            }
        ]
    }
    with pytest.raises(ValueError, match="nowhere"):
        areas.parse(collection)
