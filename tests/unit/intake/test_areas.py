"""Where Dekat serves: a location outside every area is refused, naming where it serves."""

from __future__ import annotations

from intake import areas
from intake.areas import NOWHERE_YET
from intake.submissions import Problem, problems

from tests.unit.intake.builders import CATALOGUE, DEMO_NETWORK, NOW, network_areas, submission

LONDON = {"lat": 51.5074, "long": -0.1278}
MONAS = {"lat": -6.1754, "long": 106.8272}


def place_problems(**changes: object) -> list[Problem]:
    return problems(submission(**changes), CATALOGUE, NOW, places=DEMO_NETWORK)


def test_a_request_from_london_is_refused_naming_where_dekat_serves() -> None:
    (found,) = place_problems(**LONDON)
    assert (found.field, found.reason) == ("lat", "outside_area")
    assert found.message == "outside the area Dekat serves: DKI Jakarta"


def test_a_request_at_monas_is_in_gambir_and_accepted() -> None:
    assert place_problems(**MONAS) == []
    assert [a.code for a in DEMO_NETWORK.containing(**MONAS)] == [
        "dki-jakarta",
        "jakarta-pusat",
        "kec-gambir",
        "kel-gambir",
    ]


def test_before_any_area_arrived_intake_accepts_any_place_and_leaves_it_to_routing() -> None:
    assert problems(submission(**LONDON, area_code="nowhere"), CATALOGUE, NOW, places=NOWHERE_YET) == []


def test_a_chosen_kelurahan_is_a_location_on_its_own() -> None:
    assert place_problems(lat=None, long=None, area_code="kel-cikini") == []


def test_an_unknown_area_code_is_refused_naming_the_field() -> None:
    (found,) = place_problems(area_code="kel-atlantis")
    assert (found.field, found.reason) == ("area_code", "unknown_area")
    assert "GET /v1/areas" in found.message


def test_a_whole_city_is_not_a_place_a_citizen_can_choose() -> None:
    (found,) = place_problems(area_code="jakarta-pusat")
    assert found.field == "area_code"
    assert found.message == "Jakarta Pusat is a city: choose one of its kecamatan or kelurahan"


def test_a_point_on_a_border_counts_as_inside() -> None:
    ring = DEMO_NETWORK.areas["dki-jakarta"].geometry["coordinates"][0]  # type: ignore[index]
    long, lat = ring[0]
    assert DEMO_NETWORK.containing(lat, long)


def test_the_chooser_lists_every_kecamatan_with_its_kelurahan_by_name() -> None:
    chooser = areas.chooser(DEMO_NETWORK)
    assert chooser["served"] == ["DKI Jakarta"]
    assert chooser["revision"] == 1
    menteng = next(k for k in chooser["kecamatan"] if k["code"] == "kec-menteng")
    assert [v["name"] for v in menteng["kelurahan"]] == [
        "Cikini",
        "Gondangdia",
        "Kebon Sirih",
        "Menteng",
        "Pegangsaan",
    ]
    assert [k["name"] for k in chooser["kecamatan"]] == sorted(k["name"] for k in chooser["kecamatan"])


def test_the_chooser_changes_its_etag_when_the_network_does() -> None:
    renamed = [
        a.model_copy(update={"name": "Menteng Baru"}) if a.code == "kel-menteng" else a
        for a in network_areas()
    ]
    before = areas.etag(areas.chooser(DEMO_NETWORK))
    assert areas.etag(areas.chooser(areas.places(network_areas()))) == before
    assert areas.etag(areas.chooser(areas.places(renamed))) != before


def test_an_area_whose_geometry_cannot_be_read_is_left_out_of_the_index() -> None:
    broken = network_areas()[0].model_copy(update={"code": "kel-broken", "geometry": {"type": "Point"}})
    assert "kel-broken" not in areas.places([*network_areas(), broken]).areas


def test_while_the_network_is_arriving_the_areas_without_their_parent_stand_for_where_it_serves() -> None:
    kelurahan = [a for a in network_areas() if a.code in {"kel-cikini", "kel-senen"}]
    assert areas.places(kelurahan).served() == ["Cikini", "Senen"]
    assert areas.places([*kelurahan, network_areas()[0]]).served() == ["DKI Jakarta"]


def test_while_the_network_is_still_arriving_a_point_is_not_refused_as_outside() -> None:
    arriving = [a for a in network_areas() if a.level == "kelurahan"][:5]  # the first few, no province yet
    partial = areas.places(arriving)
    complete = areas.places([*arriving, *(a for a in network_areas() if a.parent is None)])

    assert (partial.known, partial.bounded) == (True, False)
    assert problems(submission(**MONAS), CATALOGUE, NOW, places=partial) == []
    assert problems(submission(**LONDON), CATALOGUE, NOW, places=partial) == []
    assert complete.bounded
    assert [p.reason for p in problems(submission(**LONDON), CATALOGUE, NOW, places=complete)] == [
        "outside_area"
    ]
