"""A network or rule set that names what does not exist is refused before it can route anything."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from routing import agencies, catalogue, keys, rules
from routing.catalogue import Catalogue

from tests.unit.routing.builders import network

HANDLED = {
    "blocked-drain",
    "flooding",
    "missed-waste-pickup",
    "street-vendor-obstruction",
    "id-card",
    "pothole",
}
SERVICES = Catalogue(services=frozenset({"x", "y", *HANDLED}), urgent=frozenset({"flooding"}))


def document(**agency: Any) -> dict[str, Any]:
    coordinator = {"code": "mpp", "name": "MPP", "kind": "government", "capacity": 10}
    return {
        "coordinator": "mpp",
        "agencies": [coordinator, {"code": "xx", "name": "X", "capacity": 1, **agency}],
    }


@pytest.mark.parametrize(
    ("agency", "problem"),
    [
        ({"kind": "church"}, "kind must be one of"),
        ({"kind": "ngo", "supervisor": "nobody"}, "nobody"),
        ({"kind": "ngo", "calendar": "weekends"}, "no calendar named weekends"),
        ({"kind": "ngo", "calendar": {"timezone": "UTC"}}, "Asia/Jakarta"),
        ({"kind": "ngo", "on_call": "nights"}, "no calendar named nights"),
        ({"kind": "utility", "handles": [{"services": ["a"], "areas": ["mars"]}]}, "mars"),
        ({"kind": "ngo", "code": "PMI Jakarta"}, "must match"),
        ({"kind": "ngo", "code": "a.b"}, "must match"),
    ],
)
def test_a_bad_agency_is_refused(agency: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        agencies.parse(document(**agency), network().areas)


def test_on_call_is_round_the_clock_or_the_hours_of_a_calendar() -> None:
    named = {"calendars": {"nights": {"hours": ["16:00", "24:00"], "weekdays": [0, 1, 2, 3, 4, 5, 6]}}}

    always = agencies.parse({**document(kind="ngo", on_call=True)}).agencies["xx"]
    nights = agencies.parse({**document(kind="ngo", on_call="nights"), **named}).agencies["xx"]
    never = agencies.parse(document(kind="ngo")).agencies["xx"]

    assert always.calendar_for(urgent=True).closes.hour == 23
    assert nights.calendar_for(urgent=True).opens.hour == 16
    assert never.on_call is None
    assert never.calendar_for(urgent=True) == never.calendar


def test_a_named_calendar_is_shared_by_the_agencies_that_name_it() -> None:
    parsed = agencies.parse(
        {**document(kind="ngo", calendar="office"), "calendars": {"office": {"hours": ["09:00", "17:00"]}}}
    )

    assert parsed.agencies["xx"].calendar.opens.hour == 9


@pytest.mark.parametrize("code", ["dinas-sda", "sudin-sda"])
def test_an_agency_survives_the_round_trip_through_its_document(code: str) -> None:
    agency = network().agencies[code]

    assert agencies.parse_agency(agencies.as_document(agency)) == agency


@pytest.mark.parametrize(
    ("rule", "field", "problem"),
    [
        ({"lead": ["ghost"]}, "rules.0.lead", "no agency 'ghost' in the network"),
        ({"supporting": ["ghost"]}, "rules.0.supporting", "no agency 'ghost'"),
        ({"area": "atlantis"}, "rules.0.area", "no area 'atlantis'"),
        ({"services": ["broken-bench"]}, "rules.0.services", "broken-bench is not in the service catalogue"),
        ({"lead": ["dukcapil"]}, "rules.0.lead", "dukcapil handles none of blocked-drain"),
        (
            {"services": ["flooding"], "lead": ["dinas-lh"]},
            "rules.0.lead",
            "dinas-lh handles none of flooding",
        ),
        ({"when": {"priority": "urgent"}, "lead": ["sudin-sda"]}, "rules.0.lead", "no on-call cover"),
    ],
)
def test_a_rule_that_disagrees_with_the_network_or_the_catalogue_is_named(
    rule: dict[str, Any], field: str, problem: str
) -> None:
    rule_set = rules.parse({"rules": [{"id": "a", "services": ["blocked-drain"], **rule}]})

    found = rules.problems(rule_set, network(), SERVICES)

    assert [(f, m) for f, m in found if problem in m] == [(field, next(m for f, m in found if problem in m))]


@pytest.mark.parametrize(
    ("document", "field", "problem"),
    [
        ({"rules": [{"id": "a", "services": "pothole"}]}, ("rules", 0, "services"), "valid list"),
        ({"rules": [{"id": "a", "services": ["x"], "when": "urgent"}]}, ("rules", 0, "when"), "dictionary"),
        (
            {"rules": [{"id": "a", "services": ["x"], "when": {"priority": "asap"}}]},
            ("rules", 0, "when", "priority"),
            "'normal' or 'urgent'",
        ),
        (
            {"rules": [{"id": "a", "services": ["x"], "deadlines": {"acknowledge_hours": 0}}]},
            ("rules", 0, "deadlines", "acknowledge_hours"),
            "greater than 0",
        ),
        (
            {"rules": [{"id": "a", "services": ["x"], "deadlines": {"resolve_hours": "72"}}]},
            ("rules", 0, "deadlines", "resolve_hours"),
            "valid number",
        ),
        ({"rules": [{"id": "a", "services": []}]}, ("rules", 0, "services"), "at least 1"),
        ({"rules": [{"services": ["x"]}]}, ("rules", 0, "id"), "required"),
        (
            {"rules": [{"id": "a", "services": ["x"], "lead": "dinas-sda"}]},
            ("rules", 0, "lead"),
            "valid list",
        ),
        ({"rules": [{"id": "a", "services": ["x"], "owner": "me"}]}, ("rules", 0, "owner"), "Extra inputs"),
        (
            {"rules": [{"id": "a", "services": ["x"]}, {"id": "a", "services": ["y"]}]},
            ("rules",),
            "unique: a",
        ),
        ({}, ("rules",), "required"),
    ],
)
def test_a_rule_set_is_read_as_strictly_as_a_citizens_request(
    document: dict[str, Any], field: tuple[Any, ...], problem: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        rules.parse(document)

    assert [(e["loc"], problem in e["msg"]) for e in raised.value.errors()] == [(field, True)]


def test_an_agency_handling_a_service_missing_from_the_catalogue_is_refused_at_load() -> None:
    with pytest.raises(
        ValueError, match="dinas-lh: handles missed-waste-pickup, which is not in the service"
    ):
        catalogue.checked(network(), Catalogue(SERVICES.services - {"missed-waste-pickup"}, SERVICES.urgent))


def test_an_urgent_service_nobody_on_call_handles_is_refused_at_load() -> None:
    with pytest.raises(ValueError, match="urgent service pothole has no agency with on-call cover"):
        catalogue.checked(network(), Catalogue(SERVICES.services, SERVICES.urgent | {"pothole"}))


def test_a_catalogue_service_nobody_handles_is_only_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    assert catalogue.checked(network(), SERVICES) == network()

    assert "no agency handles catalogue service x" in caplog.text


def test_a_service_deadline_applies_when_the_rule_has_none() -> None:
    rule_set = rules.parse(
        {
            "service_deadlines": {"x": {"acknowledge_hours": 1, "resolve_hours": 2}},
            "rules": [{"id": "a", "services": ["x"]}],
        }
    )

    assert rule_set.deadlines_for(rule_set.rules[0], "x").resolve_hours == 2
    assert rule_set.deadlines_for(rule_set.rules[0], "y") == rule_set.default_deadlines


def test_the_keys_file_must_hold_digests_not_keys() -> None:
    with pytest.raises(ValueError, match="digests"):
        keys.normalised_hash("demo-dinas-sda-key")


def test_a_new_key_is_random_and_names_its_agency() -> None:
    first, second = keys.new_key("pmi"), keys.new_key("pmi")

    assert first != second
    assert first.startswith("dk_pmi_")
    assert keys.digest(first) != keys.digest(second)
