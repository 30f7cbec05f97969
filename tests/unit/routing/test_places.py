"""An address alone is placed against the network's own street list and area names, or not at all."""

from __future__ import annotations

import pytest
from routing import places

from tests.unit.routing.builders import network


@pytest.mark.parametrize(
    ("behaviour", "address", "area", "how"),
    [
        ("a street, spelled Jl.", "Jl. Menteng Raya 5", "kel-menteng", "street"),
        ("a street, spelled Jalan and in capitals", "JALAN MENTENG RAYA", "kel-menteng", "street"),
        ("a street without its prefix", "menteng raya no. 7", "kel-menteng", "street"),
        ("a street whose file name says Jalan", "Jl Sabang", "kec-menteng", "street"),
        (
            "a bare name means the larger of the areas it names",
            "dekat masjid, Menteng",
            "kec-menteng",
            "area_names",
        ),
        ("kelurahan in front means the kelurahan", "Gg. Mawar, Kel. Menteng", "kel-menteng", "area_names"),
        ("names that agree give the deepest", "Menteng, Jakarta Pusat", "kec-menteng", "area_names"),
        ("nothing known is not placed", "Jl. Antah Berantah 9", None, "unplaced"),
    ],
)
def test_an_address_is_placed(behaviour: str, address: str, area: str | None, how: str) -> None:
    place = places.placed(network(), None, None, None, address)

    assert (place.codes[0] if place.codes else None, place.how) == (area, how), behaviour


@pytest.mark.parametrize(
    ("behaviour", "lat", "lon", "area_code", "address", "how"),
    [
        ("a point inside wins", 1.0, 1.0, "kec-menteng", "Jl. Sabang", "located"),
        ("then the area chosen", None, None, "kec-menteng", "Jl. Menteng Raya", "chosen"),
        ("an unknown area chosen is named", None, None, "atlantis", None, "unknown_area"),
        ("then the address", 20.0, 20.0, None, "Jl. Menteng Raya", "street"),
        ("a point outside, with nothing else", 20.0, 20.0, None, None, "outside"),
        ("nothing at all", None, None, None, None, "no_location"),
    ],
)
def test_what_places_a_request_first(
    behaviour: str, lat: float | None, lon: float | None, area_code: str | None, address: str | None, how: str
) -> None:
    assert places.placed(network(), lat, lon, area_code, address).how == how, behaviour
