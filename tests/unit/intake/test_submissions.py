from __future__ import annotations

from datetime import timedelta

import pytest
from dekat.payloads import RequestSubmitted
from dekat.vocabulary import Origin
from intake.requests import submitted_event
from intake.submissions import Identity, Problem, accept, problems

from tests.unit.intake.builders import CATALOGUE, DEMO_NETWORK, NOW, citizen, submission


def fields(found: list[Problem]) -> list[str]:
    return [p.field for p in found]


def test_a_complete_pothole_report_has_no_problems() -> None:
    assert problems(submission(), CATALOGUE, NOW, places=DEMO_NETWORK) == []


def test_an_unknown_service_code_is_named() -> None:
    (found,) = problems(submission(service_code="unicorns"), CATALOGUE, NOW, places=DEMO_NETWORK)
    assert (found.field, found.reason) == ("service_code", "unknown_service")


def test_a_service_that_needs_a_place_accepts_an_address_instead_of_coordinates() -> None:
    assert (
        problems(
            submission(lat=None, long=None, address="Jl. Menteng Raya 5"),
            CATALOGUE,
            NOW,
            places=DEMO_NETWORK,
        )
        == []
    )
    assert fields(problems(submission(lat=None, long=None), CATALOGUE, NOW, places=DEMO_NETWORK)) == ["lat"]


def test_a_land_certificate_needs_no_location_but_its_parcel_id() -> None:
    found = problems(
        submission(service_code="land-certificate", lat=None, long=None), CATALOGUE, NOW, places=DEMO_NETWORK
    )
    assert [(p.field, p.reason) for p in found] == [("attributes.parcel_id", "missing_attribute")]


def test_half_a_coordinate_is_refused() -> None:
    assert "long" in fields(
        problems(submission(long=None, address="Jl. X"), CATALOGUE, NOW, places=DEMO_NETWORK)
    )


def test_an_anonymous_request_refuses_contact_details() -> None:
    (found,) = problems(
        submission(privacy="anonymous", citizen=citizen()), CATALOGUE, NOW, places=DEMO_NETWORK
    )
    assert (found.field, found.reason) == ("citizen", "privacy")


def test_only_a_public_request_can_share_identity() -> None:
    s = submission(privacy="confidential", citizen=citizen(consent_share=True))
    assert fields(problems(s, CATALOGUE, NOW, places=DEMO_NETWORK)) == ["citizen.consent_share"]


def test_a_preferred_channel_needs_its_contact_detail() -> None:
    s = submission(citizen=citizen(phone=None, channels=("whatsapp", "email")))
    assert fields(problems(s, CATALOGUE, NOW, places=DEMO_NETWORK)) == ["citizen.channels"]


def test_an_unknown_time_zone_is_refused() -> None:
    s = submission(citizen=citizen(timezone="Mars/Olympus"))
    assert fields(problems(s, CATALOGUE, NOW, places=DEMO_NETWORK)) == ["citizen.timezone"]


@pytest.mark.parametrize("offset", [timedelta(hours=1), timedelta(days=-91)])
def test_an_offline_creation_time_must_be_plausible(offset: timedelta) -> None:
    assert fields(problems(submission(created_at=NOW + offset), CATALOGUE, NOW, places=DEMO_NETWORK)) == [
        "created_at"
    ]


def test_a_mobile_item_keeps_the_time_it_was_created_offline() -> None:
    created = NOW - timedelta(days=2)
    r = accept(
        submission(channel="mobile", created_at=created), Identity("id", "DK-AAAA-BBBB", "t"), NOW, CATALOGUE
    )
    assert (r.submitted_at, r.received_at) == (created, NOW)


def test_multivalue_answers_reach_routing_joined_by_commas() -> None:
    s = submission(service_code="missed-waste-pickup", answers={"waste_types": ["organic", "bulky"]})
    assert problems(s, CATALOGUE, NOW, places=DEMO_NETWORK) == []
    assert accept(s, Identity("id", "c", "t"), NOW, CATALOGUE).attributes == {"waste_types": "organic,bulky"}


@pytest.mark.parametrize("channel", ["web", "open311", "counter", "mobile"])
def test_a_flood_reaches_routing_as_urgent_from_every_channel(channel: Origin) -> None:
    r = accept(submission(service_code="flooding", channel=channel), Identity("id", "c", "t"), NOW, CATALOGUE)
    assert submitted_event(r).payload(RequestSubmitted).priority == "urgent"


def test_a_pothole_reaches_routing_as_normal() -> None:
    r = accept(submission(), Identity("id", "c", "t"), NOW, CATALOGUE)
    assert submitted_event(r).payload(RequestSubmitted).priority == "normal"


def test_services_where_delay_harms_people_are_urgent_in_the_catalogue() -> None:
    urgent = {code for code, s in CATALOGUE.items() if s.urgent}
    assert {"flooding", "neglected-person", "water-main-break"} <= urgent
    assert "pothole" not in urgent
