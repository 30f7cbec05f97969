"""Where a point lies in Jakarta Pusat, with the shipped areas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from routing import areas

AREAS = areas.parse(json.loads((Path(__file__).parents[3] / "deploy/network/areas.geojson").read_text()))


@pytest.mark.parametrize(
    ("place", "lat", "lon", "chain"),
    [
        ("Taman Suropati", -6.1994, 106.8324, ["kel-menteng", "kec-menteng", "jakarta-pusat"]),
        ("Jl. Menteng Raya", -6.1951, 106.8345, ["kel-menteng", "kec-menteng", "jakarta-pusat"]),
        ("Monas", -6.1754, 106.8272, ["kel-gambir", "kec-gambir", "jakarta-pusat"]),
        ("Pasar Senen", -6.1740, 106.8420, ["kel-senen", "kec-senen", "jakarta-pusat"]),
        ("Kemayoran (no kelurahan shipped)", -6.1500, 106.8600, ["kec-kemayoran", "jakarta-pusat"]),
        ("Matraman, Jakarta Timur", -6.2000, 106.8650, []),
        ("Bogor", -6.5950, 106.8166, []),
    ],
)
def test_a_point_lies_in_its_kelurahan_kecamatan_and_city(
    place: str, lat: float, lon: float, chain: list[str]
) -> None:
    assert [a.code for a in areas.locate(AREAS, lat, lon)] == chain, place


def test_the_chain_reads_as_a_sentence() -> None:
    chain = areas.locate(AREAS, -6.1994, 106.8324)

    assert areas.described(chain) == "kelurahan Menteng lies in kecamatan Menteng, Jakarta Pusat"


def test_the_demo_has_a_city_eight_kecamatan_and_kelurahan() -> None:
    levels = [a.level for a in AREAS.values()]

    assert (levels.count("city"), levels.count("kecamatan")) == (1, 8)
    assert levels.count("kelurahan") >= 10


def test_every_kelurahan_lies_inside_its_kecamatan_and_city() -> None:
    for area in AREAS.values():
        (lon, lat) = area.geometry["coordinates"][0][0]
        inside_lat, inside_lon = lat + 0.0005, lon + 0.0005  # just inside the south-west corner
        chain = [a.code for a in areas.locate(AREAS, inside_lat, inside_lon)]
        assert chain[-len(areas.lineage(AREAS, area.code)) :] == list(areas.lineage(AREAS, area.code))


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
